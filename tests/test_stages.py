"""Each stage on its own, on small documents made for the purpose."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleaner.dates import parse_date
from cleaner.document import BODY, BOILERPLATE, BYLINE, DATE, TITLE, UNKNOWN, Authority, Document
from cleaner.profiles import Registry
from cleaner.profiles.loader import _build
from cleaner import clean, pipeline
from cleaner.stages.finish import FinishStage
from cleaner.stages.context import ContextStage
from cleaner.stages.features import FeaturesStage
from cleaner.stages.metadata import MetadataStage
from cleaner.stages.phrases import PhrasesStage
from cleaner.stages.region import RegionStage
from cleaner.stages.repeats import RepeatsStage
from cleaner.stages.scoring import ScoringStage
from cleaner.stages.shapes import ShapesStage
from cleaner.stages.site_rules import SiteRulesStage
from cleaner.textmodel import FEATURES, TextModel, default_model, line_vectors

PROSE = ("The committee said on Monday that it would publish its findings before the end of the year, "
         "and that the report would be sent to every member of the council.")
PROSE2 = ("It was the first time in a decade that the committee had met in public, and many of the residents "
          "who attended said they were pleased with what they had heard.")
PROSE3 = ("Officials from the ministry told reporters that the money would be spent over three years, "
          "mostly on schools and on the roads that lead to them.")


def doc(*lines: str, profile=None) -> Document:
    document = Document.from_text("\n".join(lines))
    document.profile = profile
    FeaturesStage()(document)
    return document


def labels(document: Document) -> list[str]:
    return [line.label for line in document.lines]


# --- features --------------------------------------------------------------------

def assert_phrase_signals(chrome: dict[str, str], prose: list[str]) -> None:
    """The phrases stage gives each chrome line its category (``chrome``: text -> signal) and no prose line one."""
    d = doc(*chrome, *prose)
    PhrasesStage()(d)
    assert [line.signal for line in d.lines] == [*chrome.values(), *[None] * len(prose)]


def test_features_measure_prose_and_detect_language():
    d = doc(PROSE, "Home")
    assert d.language == "English" and not d.char_mode
    f = d.lines[0].features
    assert f.ends_sentence and f.words == 30 and f.stop_ratio > 0.4
    assert not d.lines[1].features.ends_sentence


def test_the_stoplists_come_from_a_declared_dependency():
    """The language stage reads jusText's stoplist files: the distribution asks for jusText itself, not only
    through trafilatura (without the files every dump is scored as an unknown language, silently worse)."""
    import re
    from importlib.metadata import requires

    from cleaner import language

    assert any(re.match(r"justext\b", requirement, re.IGNORECASE) for requirement in requires("article-cleaner"))
    assert language._stoplist_dir() is not None and "English" in language.available_languages()


def test_features_detect_other_languages_and_scripts():
    german = doc("Die Regierung hat am Montag beschlossen, dass die neuen Regeln ab dem nächsten Jahr für alle gelten "
                 "sollen, und die Opposition kritisierte das Vorhaben scharf.")
    assert german.language == "German"
    japanese = doc("東京都は月曜日、新しい交通計画を発表した。計画では、二〇三〇年までに市内のバス路線を大幅に見直すという。")
    assert japanese.char_mode and japanese.language == "Japanese"
    assert japanese.lines[0].features.units > 20


def test_language_is_read_from_prose_not_from_pickers_or_big_stoplists():
    from cleaner.language import detect
    countries = ("Country Select country United States Canada Afghanistan Åland Islands Albania Algeria American "
                 "Samoa Andorra Angola Anguilla Antarctica Antigua and Barbuda Argentina Armenia Aruba Australia "
                 "Austria Azerbaijan Bahamas Bahrain Bangladesh Barbados Belarus Belgium Belize Benin Bermuda")
    prose = ("With the rise of remote work, a comfortable home office matters more than ever. Set the chair so "
             "that your feet rest flat on the floor. Keep the screen at arm's length and the top of it at eye level.")
    assert detect([countries, prose, "Home", "Shop"]) == ("English", False)
    spanish = ("El Gobierno aprobó el martes una reforma que cambia las reglas del alquiler en las grandes ciudades, "
               "y la oposición anunció que la llevará al Tribunal Constitucional.")
    assert detect([countries, spanish]) == ("Spanish", False)


# --- phrases ---------------------------------------------------------------------

def test_phrases_condemn_chrome_lines_but_not_prose_that_mentions_them():
    d = doc("Subscribe to our newsletter", "Share", "We use cookies to improve your experience on our site.",
            "Copyright © 2024 Example Media. All rights reserved.",
            "The company said the newsletter business, which it bought last year, now has a million subscribers "
            "and will be expanded to three more countries.")
    PhrasesStage()(d)
    assert labels(d)[:4] == [BOILERPLATE] * 4
    assert [line.signal for line in d.lines[:4]] == ["newsletter", "share", "cookies", "copyright"]
    assert d.lines[4].label == UNKNOWN
    assert d.lines[0].reason.startswith("newsletter")


def test_ad_blocker_pleas_are_final_but_reporting_on_ad_blockers_is_not():
    d = doc("We've noticed you're adblocking.", "We rely on advertising to help fund our award-winning journalism.",
            "Please turn off your ad blocker so that you can keep reading our stories.",
            "Bitte deaktivieren Sie Ihren Werbeblocker.",
            "Ad blockers are popular among younger readers, a survey found, and publishers worry about what "
            "that means for the money that pays for their newsrooms.")
    PhrasesStage()(d)
    assert labels(d) == [BOILERPLATE] * 4 + [UNKNOWN]
    assert all(line.authority == Authority.HARD and line.reason == "ads (strong phrase)" for line in d.lines[:4])


def test_phrases_in_other_languages():
    d = doc("Newsletter abonnieren", "Alle Rechte vorbehalten", "Lee también:", "Compartir")
    PhrasesStage()(d)
    assert labels(d) == [BOILERPLATE] * 4


def test_related_headings_ad_breaks_and_sign_up_forms_in_other_languages():
    """The boxes that interrupt a long read, as de, fr, es, it and pt sites word them (the German one of
    the pending long-read fixture): a "read also" heading, a "continue after the ad" line, a sign-up form's
    e-mail field and its consent sentence. Prose that mentions the words is not one."""
    chrome = ["Lesen Sie auch", "Das könnte Sie auch interessieren", "Vous aimerez aussi", "También te puede interesar",
              "Potrebbe interessarti", "Você também pode gostar", "Weiterlesen nach der Anzeige",
              "La suite après la publicité", "Sigue leyendo después del anuncio", "Continua a leggere dopo la pubblicità",
              "Ihre E-Mail-Adresse", "Votre adresse e-mail",
              "Mit Ihrer Anmeldung erklären Sie sich mit unseren Datenschutzbestimmungen einverstanden."]
    d = doc(*chrome, "Die Stadt hat am Montag beschlossen, dass Sie auch ohne Anmeldung mehr über die neuen Regeln lesen können.")
    PhrasesStage()(d)
    assert labels(d) == [BOILERPLATE] * len(chrome) + [UNKNOWN], [(l.text, l.label) for l in d.lines]


def test_blog_and_gallery_chrome_in_other_languages():
    """A gallery's teaser box inside an article, a post's copyright notice, the skip link as WordPress translates
    it, tag labels and like buttons: chrome in any language (the pending long-read, Chinese blog and photo post
    fixtures' boxes). Prose that mentions galleries or tags is not."""
    chrome = ["Bildergalerie", "12 Bilder", "Galerie öffnen", "Voir le diaporama", "Ver galería", "View gallery",
              "本文作者：阿岚", "本文链接：https://example.org/2023/02/05/post/", "Post link: https://example.org/p/1",
              "Zum Inhalt springen", "Aller au contenu", "Saltar al contenido", "Etiquetas: Bilbao, niebla",
              "Schlagwörter: Winter, Reifen", "标签：生活", "いいね！", "Like"]
    prose = "The gallery opened a new exhibition on Monday, and the museum tagged twelve photos of the old harbour."
    d = doc(*chrome, prose)
    PhrasesStage()(d)
    assert labels(d) == [BOILERPLATE] * len(chrome) + [UNKNOWN], [(l.text, l.label) for l in d.lines]


def test_ad_related_comment_share_and_footer_chrome_in_more_languages():
    """The labels every site prints the same way, in the languages the stoplists know beyond the first eight:
    an ad label, a "read also" line, a comments heading and a reply button, a share button, home, the skip link,
    the table of contents, the copyright notice and a cookie plea. CJK lines are matched whole (no word starts
    inside a run of CJK characters); a Turkish dotted capital I folds to i. Prose that uses the words is not."""
    chrome = ["Reklama", "Annons", "Advertentie", "広告", "スポンサーリンク", "광고", "Hirdetés", "Czytaj także: Nowe przepisy od maja",
              "Läs också: Så blir vädret i helgen", "Baca juga: Harga cabai naik", "İlgili Haberler", "関連記事", "相關文章：",
              "Xem thêm: Giá vàng hôm nay", "Komentarze (12)", "12 komentarzy", "Odpowiedz", "YORUMLAR", "Reacties", "回复", "댓글 남기기",
              "Σχόλια", "Udostępnij", "Dela", "Paylaş", "分享到：", "Strona główna", "首页", "Przejdź do treści", "跳至内容",
              "Spis treści", "Innehåll", "© 2024 Gazeta. Wszelkie prawa zastrzeżone.", "Tüm hakları saklıdır.",
              "Ta strona używa plików cookies w celu świadczenia usług na najwyższym poziomie oraz zbierania danych statystycznych."]
    prose = ["Reklama w telewizji kosztuje coraz więcej, a firmy przenoszą budżety do internetu, mówią analitycy rynku.",
             "Komentarze polityków po wyborach były ostrożne, a większość z nich czekała na oficjalne wyniki.",
             "広告費は前年より増えた。"]
    d = doc(*chrome, *prose)
    PhrasesStage()(d)
    assert labels(d) == [BOILERPLATE] * len(chrome) + [UNKNOWN] * len(prose), \
        [(line.text, line.label) for line in d.lines if (line.label == BOILERPLATE) != (line.text in chrome)]


def test_greek_chrome_in_capitals():
    """Greek headings printed in capitals drop their accents ("ΣΧΟΛΙΑ" for "Σχόλια"): the phrases match them too.
    Prose with the same words is not chrome."""
    chrome = ["ΣΧΟΛΙΑ", "5 ΣΧΟΛΙΑ", "ΔΕΙΤΕ ΕΠΙΣΗΣ", "ΑΡΧΙΚΗ ΣΕΛΙΔΑ", "ΠΕΡΙΕΧΟΜΕΝΑ", "ΔΙΑΦΗΜΙΣΗ", "ΚΟΙΝΟΠΟΙΗΣΗ",
              "ΑΦΗΣΤΕ ΕΝΑ ΣΧΟΛΙΟ", "ΠΟΛΙΤΙΚΗ ΑΠΟΡΡΗΤΟΥ"]
    prose = ["Τα σχόλια των αναγνωστών για τη διαφήμιση της εταιρείας ήταν αρνητικά, σύμφωνα με την έρευνα του μήνα."]
    d = doc(*chrome, *prose)
    PhrasesStage()(d)
    assert labels(d) == [BOILERPLATE] * len(chrome) + [UNKNOWN] * len(prose), \
        [(line.text, line.label) for line in d.lines if (line.label == BOILERPLATE) != (line.text in chrome)]


def test_paywall_newsletter_and_comment_chrome_in_other_languages():
    """A paywall's notice under the visible paragraphs, a sign-up box's heading, pitch and button inside the text,
    a comment's reply button: chrome in the stoplists' languages, as in English. Prose about subscribers is not."""
    chrome = ["Il vous reste 58% de cet article à lire. La suite est réservée aux abonnés.", "Déjà abonné ? Se connecter",
              "Dieser Artikel ist exklusiv für Abonnenten.", "Este artículo es exclusivo para suscriptores.",
              "Questo articolo è riservato agli abbonati.", "Newsletter", "S'inscrire", "Jetzt registrieren",
              "Recevez chaque matin l'essentiel de l'actualité des Alpes.",
              "The most important news from the region every morning in your inbox.",
              "Antworten", "Répondre", "Responder", "Rispondi"]
    prose = "Le journal compte désormais plus de cent mille abonnés, dont la moitié lisent chaque matin sur leur téléphone."
    d = doc(*chrome, prose)
    PhrasesStage()(d)
    assert labels(d) == [BOILERPLATE] * len(chrome) + [UNKNOWN], [(l.text, l.label) for l in d.lines]


# --- shapes ----------------------------------------------------------------------

def test_shapes_menu_and_link_rows():
    d = doc("World", "Politics", "Business", "Culture", PROSE, "Latest stories -", "Home | News | Sport | Weather")
    ShapesStage()(d)
    assert labels(d) == [BOILERPLATE] * 4 + [UNKNOWN, BOILERPLATE, BOILERPLATE]
    assert d.lines[0].signal == "menu"


def test_shapes_headline_list_of_headline_byline_timestamp():
    d = doc(PROSE, "Storm closes schools across the region", "• By REUTERS", "• 02/10/2020 03:58 PM",
            "Markets fall for a third day", "• By JANE DOE", "• 02/10/2020 03:30 PM",
            "New bridge opens to traffic", "• By REUTERS", "• 02/10/2020 01:02 PM")
    ShapesStage()(d)
    assert labels(d)[0] == UNKNOWN
    assert labels(d)[1:] == [BOILERPLATE] * 9


def test_shapes_headline_lists_and_datelines_in_other_languages():
    """Other stories as headline and date, repeated, and a dateline, are told by the timestamps of every language
    of the lexicon, not by English ones alone."""
    lists = [("Sturm schließt Schulen in der ganzen Region", "14. Juni 2023", "Börse fällt den dritten Tag in Folge",
              "13. Juni 2023", "Neue Brücke für den Verkehr freigegeben", "vor 2 Tagen"),
             ("La tempête ferme les écoles de la région", "14 juin 2023", "La Bourse recule pour le troisième jour",
              "il y a 3 jours", "Un nouveau pont ouvert à la circulation", "12 juin 2023"),
             ("La tormenta cierra las escuelas de la región", "14 de junio de 2023", "La bolsa cae por tercer día",
              "hace 2 días", "Un nuevo puente abre al tráfico", "12 de junio de 2023")]
    for items in lists:
        d = doc(PROSE, *items)
        ShapesStage()(d)
        assert labels(d) == [UNKNOWN] + [BOILERPLATE] * len(items), items[0]
        assert d.lines[1].signal == "headline list"
    d = doc(PROSE, "Veröffentlicht am 14. Juni 2023 von Lena Hartmann", "Mittwoch, 14. Juni 2023, 16:42 Uhr",
            "Publié le 14 juin 2023 à 16h42")
    ShapesStage()(d)
    assert [line.signal for line in d.lines] == [None, "dateline", "dateline", "dateline"]


def test_shapes_a_blog_posts_footer_under_the_text_is_final():
    """"Posted by NAME at TIME" (a blog post's or a comment's footer) under the article's prose is final chrome with
    its own reason; above the prose it is a dateline's soft verdict, and Slashdot's "Posted by … on … @…" is none."""
    footers = ["Posted by Jane at 7:42 PM", "Posted by: John at December 18, 2025 05:48 PM", "Eingestellt von Anna um 19:42",
               "Publié par Marie à 19h42"]
    d = doc(PROSE, *footers, "Posted by EditorDavid on Saturday March 07, 2026 @11:44PM from the jamming dept.")
    ShapesStage()(d)
    for line in d.lines[1:5]:
        assert (line.signal, line.reason, line.authority) == \
            ("dateline", "post footer (Posted by NAME at TIME, under the text)", Authority.HARD), line.text
    assert d.lines[5].reason != "post footer (Posted by NAME at TIME, under the text)"
    d = doc("Posted by Jane at 7:42 PM", PROSE)
    ShapesStage()(d)
    assert (d.lines[0].reason, d.lines[0].authority) == ("date or time on its own line", Authority.SOFT)


def test_shapes_testimonial_carousel_under_an_article():
    """Quotes with their authors' names, repeated, where the article has ended, with the carousel's dots (the names
    alone again) under them: a carousel, not the article. The same items without the carousel's mark, or with no
    person's mark in the names (section headings over their paragraphs), are left alone."""
    article = [PROSE] * 6
    items = ["“The whole team made our visit easy and explained every step to us.”", "Priya K.",
             "“Short waiting times and a very friendly front desk every single time.”", "Tom W.",
             "“My son used to be nervous here but now he walks in smiling every time.”", "Marcus B.",
             "“Clean, calm and patient with the little ones, highly recommended.”", "Grace L."]
    dots = ["Priya K.", "Tom W.", "Marcus B.", "Grace L."]
    d = doc(*article, *items, *dots)
    ShapesStage()(d)
    assert labels(d) == [UNKNOWN] * 6 + [BOILERPLATE] * 12
    assert d.lines[6].reason.startswith("testimonials")
    d = doc(*article, *items)
    ShapesStage()(d)
    assert not any(line.reason and line.reason.startswith("testimonials") for line in d.lines)
    headings = ["Overview", "Pricing", "Support", "Delivery"]
    sections = [line for pair in zip(headings, items[0::2]) for line in pair]
    d = doc(*article, *sections, *headings)
    ShapesStage()(d)
    assert not any(line.reason and line.reason.startswith("testimonials") for line in d.lines)


def test_shapes_photo_credits():
    d = doc("dpa/picture-alliance", "A convoy passes through the town on Monday. © Aaref Watad/AFP",
            "Protesters gather outside the ministry. Photograph: Kirsty Wigglesworth/AP",
            "Smoke rises above the port (photo credit: REUTERS/AMMAR AWAD)", PROSE)
    ShapesStage()(d)
    assert labels(d) == [BOILERPLATE] * 4 + [UNKNOWN]
    assert all(line.signal == "credit" for line in d.lines[:4])


def test_captions_credited_after_an_ellipsis_or_labelled_as_captions():
    d = doc("Trump asked voters in Louisiana for a big win. He didn't get it. Credit... Doug Mills/The New York Times",
            "Image caption Scooter Braun has managed Justin Bieber, among others, throughout his career",
            "Media caption The moment the bridge opened", "Credit where credit is due: the council paid for it.", PROSE)
    ShapesStage()(d)
    assert labels(d) == [BOILERPLATE] * 3 + [UNKNOWN] * 2
    assert all(line.signal == "credit" for line in d.lines[:3])


def test_sentences_that_are_chrome_whatever_their_length():
    """Sign-up confirmations, affiliate and supplement disclaimers, "follow me on", "may be reached at":
    strong phrases, so a whole sentence is found; prose that only mentions the words is not."""
    chrome = {"You have successfully subscribed. Thank you!": "newsletter",
              "An email with an activation link has just been sent to your email address.": "newsletter",
              "Thanks for signing up!": "newsletter",
              "Sometimes we include links to online retail stores. If you click on one and make a purchase we may "
              "receive a small commission.": "legal",
              "*These statements have not been evaluated by the Food and Drug Administration.": "legal",
              "Follow me on Twitter or LinkedIn. Check out my website.": "share",
              "Have a tip? Amy Kuperinsky may be reached at akuperinsky@example.com.": "contact",
              "Continue reading the main story": "navigation", "Related post: Pickled Pear Jam": "related"}
    prose = ["The agency said it had not been evaluated by the board before the vote, and would be in March.",
             "Fans who follow the team on Twitter were told to expect a new coach before the season starts.",
             "She said she could be reached by phone at the office most mornings of the week."]
    assert_phrase_signals(chrome, prose)


def test_shop_and_affiliate_buttons_in_reviews_are_calls_to_action():
    """The buttons under a product in a review or a buying guide; a sentence about buying on Amazon is not one."""
    buttons = ["LEARN MORE", "Buy on Amazon", "Check Amazon Price", "See price at Best Buy", "View Deal",
               "Read our full YouTube TV review", "Start free trial", "Get a Quote", "No credit card required"]
    d = doc(*buttons, "Readers can learn more about the plan and buy on Amazon if they want, the company said in a "
                      "statement on Tuesday.", "Photo courtesy of Noble Desktop", "Table of Contents")
    PhrasesStage()(d)
    ShapesStage()(d)
    assert [line.signal for line in d.lines] == ["call_to_action"] * len(buttons) + [None, "credit", "navigation"]


def test_a_products_own_buttons_between_a_reviews_paragraphs_are_calls_to_action():
    """A shop's price as a button ("$75 at Amazon", "249,99 € bei Otto"), a trial, a discount, a demo or a quote
    offered between a review's paragraphs; a sentence that says the same is not one."""
    buttons = ["$75 at Amazon", "$2,098.00 from Lowe's", "249,99 € bei Otto", "Try Babbel for Free!", "Try Mondly Now",
               "Get 50% off your first box!", "Get up to $500 off your move!", "Book a demo with Otter",
               "Demo anfordern", "Réservez une démo", "Get a Quote from Mayflower", "See the rating."]
    prose = ["The kit costs $75 at most shops, and the price has not changed since the spring, the company said.",
             "Try the soup before you add salt: the stock is already seasoned and the bacon adds more.",
             "Shoppers can get 50% off the second item until Sunday, a spokesperson for the chain confirmed."]
    d = doc(*buttons, *prose)
    PhrasesStage()(d)
    ShapesStage()(d)
    assert [line.signal for line in d.lines] == ["call_to_action"] * len(buttons) + [None] * len(prose)


def test_buttons_tables_of_contents_and_credits_in_other_languages():
    """The same chrome as de, fr, es, pt, it, nl, ru and CJK sites print it; prose with the words is not it."""
    chrome = {"Mehr erfahren": "call_to_action", "En savoir plus": "call_to_action", "Más información": "call_to_action",
              "Saiba mais": "call_to_action", "Scopri di più": "call_to_action", "Jetzt kaufen": "call_to_action",
              "Inhaltsverzeichnis": "navigation", "Sommaire": "navigation", "Índice de contenidos": "navigation",
              "Содержание": "navigation", "目次": "navigation",
              "Vielen Dank für Ihre Anmeldung!": "newsletter", "Merci pour votre inscription.": "newsletter"}
    prose = ["Wer mehr erfahren will, kann das Museum an jedem Wochenende kostenlos besuchen, sagte die Sprecherin.",
             "Le sommaire de la réunion sera publié par la mairie dans la soirée, a précisé le maire."]
    d = doc(*chrome, *prose, "Crédit photo : AFP", "Bildquelle: dpa")
    PhrasesStage()(d)
    ShapesStage()(d)
    assert [line.signal for line in d.lines] == [*chrome.values(), None, None, "credit", "credit"]


def test_shapes_a_related_link_is_no_heading_of_a_box():
    """"Related post: Pickled Pear Jam" is one link: the subheading under it stays the article's."""
    d = doc(PROSE, "Related post: Pickled Pear Jam", "WHAT YOU NEED TO MAKE JAM", PROSE2)
    PhrasesStage()(d)
    ShapesStage()(d)
    assert labels(d) == [UNKNOWN, BOILERPLATE, UNKNOWN, UNKNOWN]
    d = doc(PROSE, "Related stories:", "Ten things to know about the budget", "Why the minister resigned last week",
            PROSE2)
    PhrasesStage()(d)
    ShapesStage()(d)
    assert labels(d) == [UNKNOWN] + [BOILERPLATE] * 3 + [UNKNOWN]


def test_shapes_run_of_headlines_and_navigation_bar():
    d = doc("Man finds Roman coins in garden Council approves new tram line Heatwave expected to last until "
            "the weekend Local team wins the cup after extra time",
            "The Daily Planet - Israel Politics Business Science Technology Sport Opinion Weather Travel Culture")
    ShapesStage()(d)
    assert labels(d) == [BOILERPLATE, BOILERPLATE]


TITLES = ("Council Votes to Keep Library Open on Sundays", "Fishermen Warn of Falling Prices at the Auction",
          "New Cycle Path Along the Seafront Opens Next Month", "Why the Old Lighthouse Is Up for Sale")


def _kept(*lines: str) -> Document:
    """A document whose every line the context stage kept (the model's labels, as tail_titles reads them)."""
    d = doc(*lines)
    for line in d.lines:
        line.label = BODY
    return d


def test_context_other_stories_titles_after_the_last_paragraph():
    """Title-case lines or questions in a run under the article's last paragraph: other stories' titles."""
    from cleaner.stages.context import tail_titles
    assert tail_titles(_kept(PROSE, PROSE2, *TITLES).lines) == [2, 3, 4, 5]
    assert tail_titles(_kept(PROSE, *TITLES[:2], "Share this article").lines) == [1, 2]
    german = ("Neue Ampeln für die Bahnhofstraße", "Stadtwerke erhöhen Gaspreise zum Januar")  # nouns capitalised
    assert tail_titles(_kept(PROSE, *german).lines) == [1, 2]


@pytest.mark.parametrize("lines", [
    [*TITLES, PROSE],                                                  # the article's paragraph under them
    [PROSE, *TITLES[:2], PROSE2],                                      # subheadings over a paragraph
    [PROSE, TITLES[0]],                                                # one title: no run
    [PROSE, *(f"{title} From 12 Dollars" for title in TITLES)],        # figures: a table's, a shop's rows
    [PROSE, *(f"Step One: {title}" for title in TITLES)],              # a colon: labelled items
    [PROSE, "The council votes to keep the library open", "Fishermen warn of falling prices at the auction"],
    [PROSE, "How Long Can I Rent Equipment For?", "Do You Deliver and Set Up Rental Equipment?"],  # an FAQ's
])
def test_context_titles_that_are_no_other_stories(lines):
    from cleaner.stages.context import tail_titles
    assert tail_titles(_kept(*lines).lines) == []


def test_context_condemns_other_stories_titles_the_model_kept():
    """The whole pipeline: the titles under the article are dropped, with the rule's reason."""
    article = clean("\n".join(["Library Hours Change", PROSE, PROSE2, PROSE3, *TITLES, "Share this article"]))
    assert PROSE3 in article.paragraphs and not set(TITLES) & set(article.paragraphs)
    from cleaner.stages.context import TAIL_TITLES
    dropped = [d for d in article.decisions if d.text in TITLES and d.reason == TAIL_TITLES]
    assert dropped and all(d.stage == "context" and d.label == BOILERPLATE for d in dropped)


def _kept_but(dropped: set[int], *lines: str, signal: str | None = "share",
              signals: dict[int, str | None] | None = None) -> Document:
    """A document the context stage kept but the lines ``dropped`` of (the labels tail_islands reads), each
    condemned with ``signal`` (a detector's name; ``None``: the model's own decision) unless ``signals`` names
    another for it."""
    d = _kept(*lines)
    for i in dropped:
        d.lines[i].label = BOILERPLATE
        d.lines[i].signal = (signals or {}).get(i, signal)
    return d


TEASER = "Trail Crews Rebuild the Footbridge The new bridge should open before the summer."


def test_context_small_block_cut_off_under_the_article():
    """A small block of kept lines under the article, two or more dropped lines above it: dropped."""
    from cleaner.stages.context import tail_islands
    article = [PROSE, PROSE2, PROSE3] * 4
    n = len(article)
    assert tail_islands(_kept_but({n, n + 1}, *article, "Share", "Facebook", TEASER).lines) == [n + 2]
    # two blocks, each cut off: both go while together small
    lines = (*article, "Share", "Facebook", TEASER, "Advertise", "Privacy", TEASER)
    assert tail_islands(_kept_but({n, n + 1, n + 3, n + 4}, *lines).lines) == [n + 2, n + 5]


@pytest.mark.parametrize("dropped, lines", [
    ({12}, [PROSE, PROSE2, PROSE3] * 4 + ["Share", TEASER]),            # one line between: the text goes on
    ({3, 4}, [PROSE, PROSE2, PROSE3, "Share", "Facebook", PROSE, PROSE2]),  # a big block: the article's own
    (set(), [PROSE, PROSE2, PROSE3, TEASER]),                            # nothing cut off
])
def test_context_blocks_that_stay(dropped, lines):
    from cleaner.stages.context import tail_islands
    assert tail_islands(_kept_but(dropped, *lines).lines) == []


@pytest.mark.parametrize("signals", [
    {12: "repeated", 13: "menu"},        # a repeated label ("Pros", "Cons") and a list the shapes took for a menu
    {12: None, 13: None},                # subheadings the model alone left out
    {12: "headline run", 13: "separator"},
])
def test_context_block_under_shape_only_chrome_stays(signals):
    """Lines known only by their shape, or left out by the model alone, do not cut the block under them off: an
    article's own list, its subheadings, its labels (grouped CV: such blocks were mostly the truth's)."""
    from cleaner.stages.context import tail_islands
    lines = [PROSE, PROSE2, PROSE3] * 4 + ["Cons", "Cash only", TEASER]
    assert tail_islands(_kept_but({12, 13}, *lines, signals=signals).lines) == []
    # one line a detector named for what it is about among them: cut off
    assert tail_islands(_kept_but({12, 13}, *lines, signals={**signals, 13: "related"}).lines) == [14]


def test_shapes_caption_printed_twice():
    d = doc("The minister arrives at the summit on Thursday",
            "The minister arrives at the summit on Thursday Photograph: Jane Doe/Reuters", PROSE)
    ShapesStage()(d)
    assert labels(d) == [BOILERPLATE, BOILERPLATE, UNKNOWN]


def _comments(heading: str | None, header: str, stamp: str, reply: str) -> list[str]:
    """Three readers' comments, each a name line, its date line, its text and a reply button."""
    thread = [heading] if heading else []
    for name in ("Katrin M.", "Jörg", "Anja Wolters"):
        thread += [header.format(name=name), stamp, PROSE, reply]
    return thread


def test_shapes_comment_thread_under_an_article_in_any_language_is_final():
    for header, stamp, reply in (("{name} sagt:", "4. Dezember 2023 um 19:12 Uhr", "Antworten"),
                                 ("{name}", "hace 2 días", "Responder"),
                                 ("{name} says", "March 2, 2022 at 8:14 pm", "Reply"), ("{name}", "• a year ago", "Reply")):
        d = doc(PROSE, PROSE, *_comments("41 Kommentare", header, stamp, reply))
        PhrasesStage()(d)
        ShapesStage()(d)
        assert labels(d)[:2] == [UNKNOWN, UNKNOWN]
        assert labels(d)[3:] == [BOILERPLATE] * 12, (header, stamp)
        assert all(line.authority >= Authority.HARD and line.signal == "comments" for line in d.lines[3:])
        assert "comment thread" in d.lines[5].reason


def test_shapes_comment_thread_with_the_date_under_each_comment():
    # Blogger's shape: "Name said...", the comment, its date and time; the next "Name said..." right under it
    thread = []
    for name, stamp in (("Katrin", "March 2, 2012 at 8:14 PM"), ("Jörg", "March 3, 2012 at 9:02 AM"),
                        ("Anja", "March 4, 2012 at 10:11 AM")):
        thread += [f"{name} said...", PROSE, stamp]
    d = doc(PROSE, PROSE, "5 comments:", *thread)
    PhrasesStage()(d)
    ShapesStage()(d)
    assert labels(d)[:2] == [UNKNOWN, UNKNOWN]
    assert all("comment thread" in line.reason for line in d.lines[3:]), [(l.text, l.reason) for l in d.lines]


def test_shapes_comment_thread_whose_dates_close_each_comment():
    # a comments heading, then each comment's text closed by its "Posted by: Name at <date>"; or a WordPress
    # heading with the post's title over comments dated below them
    stamps = ("Posted by: Katrin at March 2, 2012 08:14 PM", "Posted by: Jörg at March 3, 2012 09:02 AM",
              "Posted by: Anja at March 4, 2012 10:11 AM")
    for heading, own in (("5 Comments", []), ("12 thoughts on “The committee's findings”", [])):
        thread = [line for stamp in stamps for line in (PROSE3, PROSE2, stamp)]
        d = doc(PROSE, PROSE, *own, heading, *thread)
        PhrasesStage()(d)
        ShapesStage()(d)
        start = 3 + len(own)
        assert labels(d)[:2] == [UNKNOWN, UNKNOWN], heading
        assert d.lines[start - 1].signal == "comments", heading
        assert all("comment thread" in (line.reason or "") for line in d.lines[start:]), \
            [(line.text[:30], line.reason) for line in d.lines]
    # the same dated paragraphs with no comments heading over them stay the model's
    d = doc(PROSE, PROSE, *[line for stamp in stamps for line in (PROSE3, PROSE2, stamp)])
    PhrasesStage()(d)
    ShapesStage()(d)
    assert not any("comment thread" in (line.reason or "") for line in d.lines)


def test_phrases_wordpress_comments_heading_names_the_post_in_quotes():
    for heading in ("244 thoughts on “9 Best Online Course Selling Platforms For Creators (2026) [I Tested All Of Them]”",
                    "One thought on “Harbour towns”", "12 Gedanken zu „Hafenstädte im Wandel“",
                    "3 réflexions sur « Les ports »", "5 comentarios en «Puertos del norte»"):
        d = doc(PROSE, heading, PROSE2)
        PhrasesStage()(d)
        assert (d.lines[1].label, d.lines[1].signal) == (BOILERPLATE, "comments"), heading
    # a listicle's heading with no quoted title is no comments heading
    d = doc(PROSE, "3 thoughts on the election and what comes next", PROSE2)
    PhrasesStage()(d)
    assert d.lines[1].signal != "comments"


def test_phrases_a_recipe_cards_call_to_tag_a_photo_is_share_but_a_recipe_step_is_not():
    """A recipe plugin prints, under the steps, a call to post a photo of the dish and tag the site's handle; the
    WCXB truth leaves it out. Prose that talks about a recipe or about Instagram is not one."""
    for cta in ("Did you make this recipe? Tag @somekitchen on Instagram", "Tried this Recipe? Pin it for Later!",
                "¿Has hecho esta receta? Etiqueta @lacocina en Instagram", "Hast du dieses Rezept ausprobiert?",
                "Vous avez testé cette recette ?", "Hai provato questa ricetta? Tagga @cucina", "Mention @farmgirl or tag #farmgirl!"):
        d = doc(PROSE, cta, PROSE2)
        PhrasesStage()(d)
        assert (d.lines[1].label, d.lines[1].signal) == (BOILERPLATE, "share"), cta
    for prose in ("I tried this recipe with brown lentils and it took twenty minutes longer.",
                  "Tag the jars with the date before you put them in the freezer.",
                  "She made this recipe for the first time in 1962, from a card her mother had written."):
        d = doc(PROSE, prose, PROSE2)
        PhrasesStage()(d)
        assert d.lines[1].label == UNKNOWN, prose


def test_shapes_comment_date_pattern_reads_only_short_lines(monkeypatch):
    """Its two ".*" around a date backtrack in quadratic time on a long line (a 8,000-digit token took 9 s):
    the stage asks it only of lines a comment's date could be."""
    from cleaner.stages import shapes

    asked: list[int] = []
    pattern = shapes._COMMENT_STAMP

    class Recording:
        def match(self, text: str):
            asked.append(len(text))
            return pattern.match(text)

    monkeypatch.setattr(shapes, "_STAMP_LINE", (Recording(),))
    d = doc(PROSE, "1" * 5000, "Posted " + "7" * 3000 + " at 12:30", "March 2, 2022 at 8:14 pm", PROSE)
    ShapesStage()(d)
    assert asked and max(asked) <= ShapesStage.stamp_chars
    monkeypatch.undo()
    searched: dict[str, list[int]] = {}     # searched by Document.line_search (the core, on an HTML page): the same
    d = doc(PROSE, "1" * 5000, "Posted " + "7" * 3000 + " at 12:30", "March 2, 2022 at 8:14 pm", PROSE)
    d.line_search = lambda pattern, texts: searched.setdefault(pattern, []).extend(map(len, texts)) or bytes(len(texts))
    ShapesStage()(d)
    stamps = searched[shapes.line_search_pattern(shapes._STAMP_LINE)]
    assert stamps and max(stamps) <= ShapesStage.stamp_chars


def test_shapes_forum_posts_are_no_comment_thread():
    # no comments heading over the posts, or no article above them: a forum's thread, left to the model
    for lines in (_comments(None, "{name} sagt:", "4. Dezember 2023 um 19:12 Uhr", "Antworten"),
                  ["Reply", *_comments(None, "{name}", "hace 2 días", "Reply")],
                  _comments("41 Kommentare", "{name} sagt:", "4. Dezember 2023 um 19:12 Uhr", "Antworten")):
        d = doc(*lines)
        PhrasesStage()(d)
        ShapesStage()(d)
        assert not any("comment thread" in (line.reason or "") for line in d.lines)
        assert labels(d)[lines.index(PROSE)] == UNKNOWN


def _thread(button: str, *posts: str) -> list[str]:
    """A forum thread: each post under its author's header (name, rank, date, number), closed by its buttons."""
    lines: list[str] = []
    for k, post in enumerate(posts, 1):
        lines += [("Ann_K", "Carl77")[k % 2], "Member", f"May {k + 1}, 2025", f"#{k}", post, button, "Like"]
    return lines


def test_shapes_forum_thread_comments_phrases_are_between_posts():
    # a thread from the page's start: the posts' "Reply" (or "Antworten") buttons stand between posts, not at the
    # page's end: the text model's end markers leave them out
    from cleaner.textmodel import vectors
    for button in ("Reply", "Antworten", "Add a comment |"):
        lines = ["Forums", "Members", "Log in", "Boiler keeps switching off", *_thread(button, PROSE, PROSE2, PROSE3)]
        d = doc(*lines)
        PhrasesStage()(d)
        ShapesStage()(d)
        buttons = [line for line in d.lines if line.text == button]
        assert len(buttons) == 3 and all(line.signal == "comments" and line.between_posts for line in buttons), button
        assert vectors.page_measures(d.lines, True)["ended_at"] == len(lines), button


def test_shapes_comments_under_an_article_are_no_forum_thread():
    from cleaner.textmodel import vectors
    article = [PROSE, PROSE2, PROSE3, PROSE2 + " " + PROSE]
    short = "Thanks, that was useful to read."
    # readers' comments under a heading, or outweighed by the article above them: the page ends where they start
    for lines in ([*article, "3 Comments", *_thread("Reply", PROSE, PROSE2, PROSE3)],
                  [*article, *_thread("Reply", short, short, short)]):
        d = doc(*lines)
        PhrasesStage()(d)
        ShapesStage()(d)
        assert not any(line.between_posts for line in d.lines)
        first = next(i for i, line in enumerate(d.lines) if line.signal == "comments")
        assert vectors.page_measures(d.lines, True)["ended_at"] == first
    # two buttons are no thread
    d = doc("Forums", *_thread("Reply", PROSE, PROSE2))
    PhrasesStage()(d)
    ShapesStage()(d)
    assert not any(line.between_posts for line in d.lines)


def test_shapes_a_quoted_post_is_between_posts():
    # "Ann said:" over a copy of a line above it quotes an earlier post, inside a reply; over new words it is a
    # comment's header
    for author in ("Ann_K said:", "Ann_K schrieb:"):
        d = doc(PROSE, PROSE2, author, PROSE, PROSE3)
        PhrasesStage()(d)
        ShapesStage()(d)
        assert d.lines[2].signal == "comments" and d.lines[2].between_posts, author
        d = doc(PROSE, PROSE2, author, PROSE3, PROSE)
        PhrasesStage()(d)
        ShapesStage()(d)
        assert d.lines[2].signal == "comments" and not d.lines[2].between_posts, author


def test_shapes_author_box_after_the_article():
    bio = "Tom has been fixing things around his house for fifteen years, mostly badly at first, and writes it down."
    for heading, name in (("About the author", "Tom Ashworth"), ("Sobre el autor", "Tom Ashworth"),
                          ("About Tom Ashworth", None)):
        d = doc(PROSE, heading, *([name] if name else []), bio)
        PhrasesStage()(d)
        ShapesStage()(d)
        assert labels(d) == [UNKNOWN] + [BOILERPLATE] * (len(d.lines) - 1), heading
        assert d.lines[-1].reason == "author box (about the author, a bio)"
    # "About" and words that are no person's name, or a paragraph that does not open with the name: text
    for heading, text in (("About The Center", "The Agency is the student club of the institute, founded to teach."),
                          ("About Tom Ashworth", PROSE)):
        d = doc(PROSE, heading, text)
        ShapesStage()(d)
        assert labels(d)[2] == UNKNOWN, heading
    # an organisation's name is no person's: its box at the article's end is a company's, not an author's
    d = doc(PROSE, "About ONE Health", "ONE Health is a clinic for the region.")
    ShapesStage()(d)
    assert d.lines[2].reason == "company box (About Acme, a blurb that opens with its name, where the article ends)"



def test_shapes_author_box_closed_by_the_authors_link():
    """A bio over "More articles from Ann Lee" (in other languages too), the name line above the bio included;
    a paragraph that does not open with the author's name, or a link with no bio, stays the model's."""
    bio = "Emiliano joined the magazine in March 2017 and has been reporting on solar power from Rome since then."
    for link in ("More articles from Emiliano Bellini", "View all posts by Emiliano Bellini",
                 "Weitere Artikel von Emiliano Bellini", "Más artículos de Emiliano Bellini"):
        d = doc(PROSE, "Emiliano Bellini", bio, link, "Sign up for our newsletter")
        ShapesStage()(d)
        assert labels(d)[:4] == [UNKNOWN] + [BOILERPLATE] * 3, link
        assert {line.reason for line in d.lines[1:4]} == {"author box (about the author, a bio)"}
        assert d.lines[1].authority == Authority.HARD
    d = doc(PROSE, PROSE2, "More articles from Emiliano Bellini")
    ShapesStage()(d)
    assert labels(d)[:2] == [UNKNOWN, UNKNOWN]
    d = doc(PROSE, "Emiliano Bellini", "More articles from Emiliano Bellini")
    ShapesStage()(d)
    assert labels(d)[0] == UNKNOWN and "author box" not in str(d.lines[2].reason)

def test_shapes_name_over_a_bio_where_the_article_ends():
    """A name (or "By" and a name), perhaps a role, then a bio that opens with the name, and its next lines that
    do too: an author box with no heading, at the article's end; the same shape with the article going on under
    it (a profile's section on a person), or with no article above it, is left to the model."""
    bio = "Karina Lopez is a reporter at the Ledger who covers housing, transport and the city council."
    more = "Karina holds a degree in economics from the state university and lives in the north of the city."
    for box in (("Karina Lopez", bio), ("By Karina Lopez", "Staff Writer", bio, more), ("Karina Lopez", bio, more)):
        d = doc(PROSE, PROSE2, PROSE3, *box, "Subscribe")
        PhrasesStage()(d)
        ShapesStage()(d)
        assert labels(d)[:3] == [UNKNOWN] * 3, box
        assert labels(d)[3:-1] == [BOILERPLATE] * len(box), box
        assert {line.reason for line in d.lines[3:-1]} == \
            {"author box (a name, a bio that opens with it, where the article ends)"}
    for lines in ((PROSE, "Karina Lopez", bio, PROSE2, PROSE3), ("Karina Lopez", bio),
                  (PROSE, PROSE2, "Karina Lopez", "She was born in Lima and moved here when she was ten years old.")):
        d = doc(*lines)
        PhrasesStage()(d)
        ShapesStage()(d)
        assert all(line.label == UNKNOWN for line in d.lines if line.text in (bio, lines[1])), lines


def test_shapes_name_bios_one_under_another_are_one_box():
    """Two authors' boxes one under the other ("Email Ann" under each, no other prose between) where the article
    ends are judged as one box: each alone has the other's bio below it, more prose than its own."""
    first = "Chen Zhao is the head of economics research, where she studies the housing market for the public."
    second = "Daryl Fairweather is the chief economist of the company. Her work has been featured on national news."
    d = doc(PROSE, PROSE2, PROSE3, "Chen Zhao", first, "Email Chen", "Daryl Fairweather", second, "Email Daryl")
    PhrasesStage()(d)
    ShapesStage()(d)
    assert labels(d)[:3] == [UNKNOWN] * 3
    assert labels(d)[3:8] == [BOILERPLATE] * 5
    assert {line.reason for line in d.lines[3:8]} == {"author box (a name, a bio that opens with it, where the article ends)"}


def test_shapes_name_bio_with_footer_prose_under_it_and_headings_that_are_no_name():
    """A box with a little prose under it (a footer's blurb, at most a quarter of the article above) still ends the
    article; a heading whose first word the next paragraph repeats ("Extension Cords" / "Extension cords are…")
    names no one, so the paragraph is no bio unless it goes on with a bio's verb after the first name."""
    bio = "Lauren Vetter is a marketing professional who writes about healthcare technology and software."
    blurb = "We are a community-driven platform for modern practices, built with clinicians for clinicians."
    d = doc(PROSE, PROSE2, PROSE3, PROSE, PROSE2, "Lauren Vetter", bio, blurb)
    PhrasesStage()(d)
    ShapesStage()(d)
    assert labels(d)[5:7] == [BOILERPLATE] * 2
    assert labels(d)[7] == UNKNOWN
    for heading, text in (("Extension Cords", "Extension cords are a convenient way to bring power to a far corner."),
                          ("The Bottom Line", "The ways in which people read the news have changed in this century.")):
        d = doc(PROSE, PROSE2, PROSE3, heading, text)
        PhrasesStage()(d)
        ShapesStage()(d)
        assert labels(d)[3:] == [UNKNOWN, UNKNOWN], heading
    for bio in ("Shannon is the content manager here and writes about search.",
                "Shannon founded the studio in 2014 to share her love of travel with her students."):
        d = doc(PROSE, PROSE2, PROSE3, "Shannon Vize", bio)
        PhrasesStage()(d)
        ShapesStage()(d)
        assert labels(d)[3:] == [BOILERPLATE, BOILERPLATE], bio


def test_shapes_company_box_where_the_article_ends():
    """"About Clay" (a brand's name of one to four words, in several languages), then a blurb that opens with the
    name and the prose under it that names it too: a company's box at the article's end, final. The same shape
    with the article going on under it (a section on a place), a blurb that does not open with the name, or "About
    Us" over a paragraph, is left to the model."""
    reason = "company box (About Acme, a blurb that opens with its name, where the article ends)"
    blurb = "SiliconANGLE Media is a leader in digital media, with studios in Silicon Valley and in New York."
    more = "Founded in 2010, SiliconANGLE Media has built a network of industry experts and readers."
    for box in (("About SiliconANGLE Media", blurb), ("About SiliconANGLE Media", blurb, more),
                ("Über Schlafgut", "Schlafgut ist ein Hersteller von Matratzen und Kissen aus Bayern, seit zwanzig Jahren.")):
        d = doc(PROSE, PROSE2, PROSE3, *box, "Privacy policy")
        PhrasesStage()(d)
        ShapesStage()(d)
        assert labels(d)[:3] == [UNKNOWN] * 3, box
        assert labels(d)[3:3 + len(box)] == [BOILERPLATE] * len(box), box
        assert {line.reason for line in d.lines[3:3 + len(box)]} == {reason}, box
        assert d.lines[3].authority == Authority.HARD
    kyoto = "Kyoto is the old capital of the country, with more than a thousand temples and a famous market."
    for lines in ((PROSE, "About Kyoto", kyoto, PROSE2, PROSE3),
                  (PROSE, PROSE2, PROSE3, "About Clay", "We are a design agency in San Francisco, founded in 2014."),
                  (PROSE, PROSE2, PROSE3, "About Us", "Us and them: a story of the agency, told by those who built it.")):
        d = doc(*lines)
        PhrasesStage()(d)
        ShapesStage()(d)
        assert not any(line.reason == reason for line in d.lines), lines


def test_shapes_author_box_closed_by_more_by_the_author():
    bio = "Rowan Jacobsen is a journalist and the author of several books about food and the natural world."
    d = doc(PROSE, PROSE2, bio, "More by Rowan Jacobsen")
    ShapesStage()(d)
    assert labels(d) == [UNKNOWN, UNKNOWN, BOILERPLATE, BOILERPLATE]
    assert d.lines[2].reason == "author box (about the author, a bio)"


TEASERS = ("How the council spends its road budget", "By Ann Lee", "March 3, 2024",
           "The city has set aside more money for repairs than in any year since the bridge was rebuilt.",
           "Five schools to open new libraries next year", "By Tom Ashworth",
           "Parents and teachers raised most of the money themselves, with help from local firms.",
           "Why the market moved to the old station", "Read time 4 min",
           "Traders say the new hall is dry and warm, but customers are slow to find it.")
TEASER_REASON = "teasers after the article (headline and summary, repeated, under a related heading)"


def test_shapes_teaser_section_ends_the_article():
    """Other articles under a related heading (headline, byline or date, a one-sentence summary, repeated) after
    the article's last paragraph: final chrome, the heading too; in another language the lexicon covers too."""
    for heading in ("More from the newsroom", "You might also like", "Das könnte Sie auch interessieren"):
        d = doc(PROSE, PROSE2, PROSE3, heading, *TEASERS, "Subscribe")
        PhrasesStage()(d)
        ShapesStage()(d)
        assert labels(d)[:3] == [UNKNOWN] * 3, heading
        assert labels(d)[3:-1] == [BOILERPLATE] * (len(TEASERS) + 1), heading
        assert {line.reason for line in d.lines[4:-1]} == {TEASER_REASON}
        assert all(line.authority == Authority.HARD for line in d.lines[3:-1])
        assert d.lines[3].signal == "related box"


def test_shapes_teaser_section_inside_the_text_or_as_the_text_is_left_to_the_model():
    """A "Read more" box inside a long read (the article's paragraphs under it), teasers with nothing above them
    (a listing page), a paragraph that goes on under a summary (the article's own section), one teaser alone,
    and a "Read more" button under each item (a list of the article's own) are no section after the article."""
    cases = {
        "inside": (PROSE, "Read more", *TEASERS[:7], PROSE2, PROSE3, PROSE, PROSE2),
        "listing": ("Latest news", *TEASERS, PROSE),
        "goes on": (PROSE, PROSE2, PROSE3, "Related articles", TEASERS[0], TEASERS[3], PROSE, TEASERS[4], TEASERS[6]),
        "alone": (PROSE, PROSE2, PROSE3, "Related articles", TEASERS[0], TEASERS[3]),
        "buttons": (PROSE, PROSE2, PROSE3, "Read more", TEASERS[0], TEASERS[3], "Read more", TEASERS[4], TEASERS[6],
                    "Read more"),
    }
    for name, lines in cases.items():
        d = doc(*lines)
        PhrasesStage()(d)
        ShapesStage()(d)
        assert not any(line.reason == TEASER_REASON for line in d.lines), name


GALLERY_REASON = "gallery (caption and credit items)"
#: A slide show in English: a heading, then a counter, a caption and its photo's credit for each slide.
GALLERY_EN = ("In pictures: the storm's aftermath", "1 of 4", "A fallen tree blocks a road in Sussex.", "Photo: Getty Images",
              "2 of 4", "Firefighters pump water from a flooded basement.", "Photo: Getty Images",
              "3 of 4", "Waves break over the harbour wall at Newhaven.", "© Jane Doe / Reuters",
              "4 of 4", "A man walks his dog past a damaged pier on the seafront.", "© Jane Doe / Reuters")
#: The same in German with no counters: a caption, then its credit.
GALLERY_DE = ("Bildergalerie", "Ein Streufahrzeug auf der Hauptstraße.", "Foto: Max Muster/dpa",
              "Vereiste Äste über einem Radweg.", "Foto: Max Muster/dpa", "Lastwagen stehen nach einem Unfall quer.",
              "Foto: Erika Beispiel/dpa")


def test_shapes_gallery_inside_the_article_is_final():
    """A gallery (a caption and its credit, a slide's counter, at least three items) and the heading over it,
    inside the text: its lines are condemned for good as a gallery, the prose around it is left to the model."""
    for gallery in (GALLERY_EN, GALLERY_DE):
        d = doc(PROSE, PROSE2, *gallery, PROSE3, PROSE)
        PhrasesStage()(d)
        ShapesStage()(d)
        assert labels(d)[:2] == [UNKNOWN] * 2 and labels(d)[-2:] == [UNKNOWN] * 2, gallery[0]
        members = d.lines[2:-2]
        assert [line.reason for line in members] == [GALLERY_REASON] * len(gallery), gallery[0]
        assert all(line.authority == Authority.HARD and line.signal == "gallery" for line in members)


def test_shapes_gallery_items_that_open_with_their_credit():
    """Where the dump's blank lines open each item with its credit (embedded posts: "Image Copyright @ann", then
    "Report"), the last item's caption under its credit joins the gallery and the article's line above it does
    not; with no blank lines a caption is above its credit."""
    above = "They criticised the company and the effect big businesses can have."
    items = ["", "Image Copyright @ann @ann", "Report", "", "Image Copyright @ann @ann", "Report", "",
             "Image Copyright @bob @bob", "Report", ""]
    d = doc(PROSE, PROSE2, above, *items, PROSE3)
    PhrasesStage()(d)
    ShapesStage()(d)
    assert [line.reason == GALLERY_REASON for line in d.lines] == [False] * 3 + [True] * 6 + [False]
    d = doc(PROSE, PROSE2, above, *[item for item in items if item], PROSE3)
    PhrasesStage()(d)
    ShapesStage()(d)  # no blank lines: "Report" under the last credit repeats a caption; the line above is longer
    assert [line.reason == GALLERY_REASON for line in d.lines] == [False] * 3 + [True] * 6 + [False]
    d = doc(PROSE, "Caption one.", "Foto: dpa", "Caption two.", "Foto: dpa", "Caption three.", "Foto: dpa", PROSE2)
    PhrasesStage()(d)
    ShapesStage()(d)  # a caption above its credit, as a photo's mostly is
    assert [line.reason == GALLERY_REASON for line in d.lines] == [False] + [True] * 6 + [False]


def test_shapes_no_gallery_without_repeating_items():
    """Items must repeat: counters that count up by one to one total, or credits each one short caption apart.
    Not a gallery: counters out of order, two items, a listicle's heading, credit and description, paragraphs
    each with its photo's credit, or a run of credits with no caption."""
    long_paragraph = PROSE + " " + PROSE3
    cases = {
        "out of order": ("1 of 4", "A fallen tree.", "Photo: Getty Images", "3 of 4", "A flooded road.",
                         "Photo: Getty Images", "2 of 4", "A damaged pier.", "Photo: Getty Images"),
        "two items": GALLERY_DE[:5],
        "listicle": ("Quick Coat Hooks", "Photo Credit: example.com", "These hooks are perfect for kids!",
                     "DIY Plant Stand", "Photo Credit: example.org", "A simple stand for your deck.",
                     "DIY Mirror Frame", "Photo Credit: example.net", "Upgrade your mirror in two hours!"),
        "paragraphs": (long_paragraph, "Photo: Getty Images", long_paragraph, "Photo: Getty Images", long_paragraph,
                       "Photo: Getty Images"),
        "credits only": ("Credit: Serious Eats",) * 5,
    }
    for name, lines in cases.items():
        d = doc(PROSE, PROSE2, *lines, PROSE3)
        PhrasesStage()(d)
        ShapesStage()(d)
        assert not any(line.reason == GALLERY_REASON for line in d.lines), name


# --- scoring and context (the model) -----------------------------------------------

TEXT_STAGES = (PhrasesStage(), ShapesStage(), ScoringStage(), ContextStage(), RepeatsStage())


def run_text_stages(d: Document) -> Document:
    pipeline.run(d, TEXT_STAGES)  # stamps each decision with its stage
    return d


def test_line_vectors_match_the_feature_list_and_the_shipped_model():
    """Every column sits where its name says: the shipped model's names, in order, and values that only the
    named column can hold (a column moved to another place in the vector fails here)."""
    import json
    import math
    from importlib import resources

    d = doc(PROSE, "Home", PROSE2, "Copyright 2024 Example Media. All rights reserved.")
    PhrasesStage()(d)
    ShapesStage()(d)
    vectors = line_vectors(d.lines, True, False)
    assert len(vectors) == 4 and all(len(v) == len(FEATURES) for v in vectors)
    shipped = json.loads(resources.files("cleaner.data").joinpath("text_model.json").read_text(encoding="utf-8"))
    assert tuple(shipped["features"]) == FEATURES and len(set(FEATURES)) == len(FEATURES)
    prose, home, _, footer = ({name: float(value) for name, value in zip(FEATURES, vector)} for vector in vectors)
    assert prose["ends_sentence"] == 1.0 and prose["prose_next2"] == 1.0 and prose["bias"] == 1.0
    assert prose["log_units"] == math.log1p(d.lines[0].features.units) and prose["units_20_39"] == 1.0
    assert prose["title_overlap"] == 0.0 and prose["prose_prev"] == 0.0 and prose["prose_next"] == 0.0
    assert home["units_le2"] == 1.0 and home["signal:navigation"] == 1.0 and sum(
        value for name, value in home.items() if name.startswith("signal:")) == 1.0
    assert home["prose_prev"] == home["prose_next"] == home["sandwiched_prose"] == home["short_between_prose"] == 1.0
    assert home["prose_density"] == 2 / 7 and home["prose_density_8"] == 2 / 17 and home["prose_density_20"] == 2 / 41
    assert home["density_2_3"] == 1.0 and home["density_0"] == 0.0 and home["ends_sentence"] == 0.0
    assert footer["signal:copyright"] == 1.0 and footer["chrome_prev"] == 0.0 and footer["after_anchor"] == 1.0
    assert default_model() is not None and len(default_model().weights) == len(FEATURES)


def test_model_keeps_prose_and_drops_chrome_around_it():
    d = run_text_stages(doc("Home", "World", "Business", "Sport", PROSE, "He declined to comment.", PROSE2, PROSE3,
                            "Share", "Related stories", "Copyright © 2024 Example Media. All rights reserved."))
    assert labels(d) == [BOILERPLATE] * 4 + [BODY] * 4 + [BOILERPLATE] * 3
    assert d.lines[5].stage == "context" and str(d.lines[5].reason).startswith("body p=")  # kept by its context
    assert (d.lines[8].stage, d.lines[8].reason) == ("phrases", "share (whole line)")   # the detector's decision stands


def test_what_a_line_is_about_is_final_inside_the_text_but_its_shape_is_not():
    """A photo credit, a related-links line or a call to action between paragraphs stays chrome (the model
    kept them as body before: the Viterbi's "inside the main text"); a line known only by its shape, such as
    a short repeated subheading, is still the model's to keep."""
    for chrome, stage in (("Credit: Chris McNamara", "shapes"), ("Photo: Reuters", "shapes"),
                          ("Related: Ten things to know", "phrases")):
        d = run_text_stages(doc(PROSE, chrome, PROSE2, PROSE3))
        assert labels(d) == [BODY, BOILERPLATE, BODY, BODY], chrome
        assert d.lines[1].stage == stage and "despite" not in str(d.lines[1].reason), chrome
    d = run_text_stages(doc(PROSE, "What happens next", PROSE2, "What happens next", PROSE3))
    assert d.lines[1].signal == "repeated" and labels(d) == [BODY] * 5
    assert str(d.lines[1].reason).startswith("body p=") and "despite repeated" in str(d.lines[1].reason)


def test_a_list_item_inside_the_text_is_kept():
    """Inside the article, an item of a list that reads as text that the Viterbi left out is kept, a menu's shape
    notwithstanding; not one a detector named for what it is about, not one condemned for good, not one outside
    the article's first and last body line."""
    from types import SimpleNamespace

    from cleaner.stages.context import listed_lines

    def line(signal=None, authority=Authority.SOFT):
        return SimpleNamespace(signal=signal, authority=authority)

    lines = [line(), line("menu"), line(), line("share"), line(None, Authority.HARD), line(), line(), line()]
    labels = [True, False, False, False, False, False, True, False]
    listed = [False, True, False, True, True, True, False, True]
    assert listed_lines(lines, labels, listed) == [1, 5]
    assert listed_lines(lines, [False] * len(lines), listed) == []


def test_a_paragraph_between_two_boxes_inside_the_text_is_kept():
    """Inside the article (between its first and last body line) a line the model calls text (p >= its
    threshold) that the Viterbi left in its gap is kept; not a line a detector named, not one the model doubts,
    not one after the article's last body line. (fixtures/generic/longread-de-1: the paragraph between a "Lesen
    Sie auch" box and a newsletter box.)"""
    from types import SimpleNamespace

    from cleaner.stages.context import bridged_lines

    def line(score, signal=None, authority=Authority.SOFT):
        return SimpleNamespace(score=score, signal=signal, authority=authority)

    lines = [line(0.9), line(0.67), line(0.3), line(0.8, "related"), line(0.7, None, Authority.HARD), line(0.9),
             line(0.9)]
    labels = [True, False, False, False, False, True, False]
    assert bridged_lines(lines, labels, 0.4) == [1]
    assert bridged_lines(lines, [False] * len(lines), 0.4) == []
    from pathlib import Path

    from cleaner import Cleaner

    dump = (Path(__file__).parent.parent / "fixtures" / "generic" / "longread-de-1.txt").read_text(encoding="utf-8")
    [kept] = [d for d in Cleaner(use_profiles=False).clean(dump).decisions if d.text.startswith("Für die Menschen an der Küste")]
    assert kept.label == BODY and kept.reason.startswith("body p=") and "between boxes inside the text" in kept.reason


def test_the_text_goes_on_under_a_subheading():
    """Under the article's text a subheading (a few words, no sentence end, no signal, right above a paragraph) is
    read over by a second Viterbi: the paragraphs under it that this one keeps are kept with it, when the line
    above it is on the text; not where the text had not begun, not a subheading whose paragraph it drops, not a
    line a detector named (fixtures/generic/subheads-en-1, subheads-de-1: the sections under a false end of the
    page)."""
    from types import SimpleNamespace

    from cleaner.stages.context import headed_lines, is_subheading

    def line(words, ends=False, signal=None, score=0.3):
        return SimpleNamespace(signal=signal, authority=Authority.SOFT, score=score,
                               features=SimpleNamespace(words=words, units=words, ends_sentence=ends, ends_colon=False))

    class Model:
        def smooth(self, scores):   # a Viterbi that keeps what scores 0.25 or more
            return [p >= 0.25 for p in scores]

    prose, head = line(30, True), line(2, score=0.05)
    lines = [prose, head, prose, line(3, score=0.05), head, prose, line(2, signal="newsletter", score=0.01), head, line(4, True)]
    assert [is_subheading(lines, i) for i in range(len(lines))] == \
        [False, True, False, True, True, False, False, False, False]
    labels = [True, False, False, False, False, False, False, False, False]
    assert headed_lines(Model(), lines, labels) == [1, 2, 3, 4, 5]
    assert headed_lines(Model(), lines, [False] * len(lines)) == []       # the text had not begun
    quiet = [prose, head, line(30, True, score=0.1)]
    assert headed_lines(Model(), quiet, [True, False, False]) == []       # the paragraph under it is not text
    from pathlib import Path

    from cleaner import Cleaner

    # (subheads-en-1's false end, a paragraph naming cookies, is no end since measures.mid_text: its sections are
    # inside the main text)
    dump = (Path(__file__).parent.parent / "fixtures" / "generic" / "subheads-de-1.txt").read_text(encoding="utf-8")
    [kept] = [d for d in Cleaner(use_profiles=False).clean(dump).decisions if d.text == "Reifen und Schläuche"]
    assert kept.label == BODY and kept.reason.startswith("body p=") and "the text goes on under a subheading" in kept.reason


def test_a_marker_above_the_main_text_is_no_end_of_the_page():
    """The page's closing chrome (``ended_at``) begins at the first end marker after the first prose that has
    at least ABOVE_MAIN_SHARE of the main run's prose above it, or that stands after the main run: a subheading
    naming cookies, a photo's "©" or a list of other stories under a short intro was taken for the page's end,
    and every line of the article below it read "after the page's closing chrome began"
    (fixtures/generic/cookies-en-1, copyright-de-1)."""
    from types import SimpleNamespace

    from cleaner.textmodel.columns import ABOVE_MAIN_SHARE
    from cleaner.textmodel.measures import anchor, closing_start

    def page(intro: int):
        feats = [SimpleNamespace(units=units) for units in (intro, 4, 40, 40, 40, 3, 20)]
        prose = [True, False, True, True, True, False, True]
        marker = [False, True, False, False, False, True, False]
        return feats, prose, marker, *anchor(feats, prose, marker)

    assert ABOVE_MAIN_SHARE == 0.5
    feats, prose, marker, start, end = page(30)
    assert (start, end) == (2, 5) and closing_start(feats, prose, marker, start, end) == 5
    assert closing_start(*page(59)) == 5
    assert closing_start(*page(60)) == 1                   # half the main run's prose above: the page ends there
    feats, prose, marker, start, end = page(30)
    assert closing_start(feats, [False] * 7, marker, 0, 0) == 7            # no prose: no end
    assert closing_start(feats, [False, False] + prose[2:], marker, start, end) == 5   # a marker before any prose
    assert closing_start(feats, prose, [False] * 7, start, end) == 7


def test_the_text_goes_on_under_a_gallery():
    """A gallery inside the article interrupts it, it does not end it: the Viterbi reads the lines around it as
    one sequence and the main run of prose spans it, so the paragraphs under it stay body (its credits' "©" read
    as the page's closing chrome before, and the paragraphs under a long gallery went with it)."""
    from types import SimpleNamespace

    from cleaner.stages.context import smoothed
    from cleaner.textmodel.measures import anchor

    class Recorder:
        def smooth(self, scores):
            self.scores = scores
            return [score > 0.5 for score in scores]

    model = Recorder()
    lines = [SimpleNamespace(signal=None, score=0.9), SimpleNamespace(signal="gallery", score=0.8),
             SimpleNamespace(signal="credit", score=0.1), SimpleNamespace(signal=None, score=0.7)]
    assert smoothed(model, lines) == [True, False, False, True] and model.scores == [0.9, 0.1, 0.7]
    feats = [SimpleNamespace(units=units) for units in (40, 10, 10, 10, 30)]
    prose = [True, False, False, False, True]
    assert anchor(feats, prose, [False] * 5) == (0, 1)
    assert anchor(feats, prose, [False] * 5, None, [False, True, True, True, False]) == (0, 5)


def test_the_viterbi_reads_over_separators():
    """A separator (a row of stars, a line of an invisible character) is neither on the text nor off it: the
    Viterbi reads the lines around it as one sequence, and its own decision (the separator's) stands. Read as
    chrome (p ~ 0.01), three of them between two sections cost more than leaving the article, and the sections
    under them were lost (fixtures/generic/separators-*)."""
    from types import SimpleNamespace

    from cleaner.stages.context import READ_OVER, smoothed

    class Recorder:
        def smooth(self, scores):
            self.scores = scores
            return [score > 0.5 for score in scores]

    model = Recorder()
    lines = [SimpleNamespace(signal=None, score=0.9), SimpleNamespace(signal="separator", score=0.01),
             SimpleNamespace(signal="separator", score=0.01), SimpleNamespace(signal=None, score=0.7),
             SimpleNamespace(signal="menu", score=0.02)]
    assert smoothed(model, lines) == [True, False, False, True, False] and model.scores == [0.9, 0.7, 0.02]
    assert "separator" in READ_OVER and "gallery" in READ_OVER
    under = ("The council is expected to vote on the plan in March, after a second round of public meetings in "
             "each of the districts that would be affected by the changes.",
             "Residents who want to comment on the proposals can write to the committee until the end of February, "
             "and a summary of their letters will be published with the final report.")
    slides = tuple(line for k in range(1, 13) for line in (f"Image {k} of 12", f"Scene number {k} of the storm.",
                                                            "© Jane Doe / Reuters"))
    for gallery in (GALLERY_EN, GALLERY_DE, slides):
        d = run_text_stages(doc(PROSE, PROSE2, PROSE3, *gallery, *under))
        assert labels(d) == [BODY] * 3 + [BOILERPLATE] * len(gallery) + [BODY] * 2, gallery[0]


def test_hard_signals_are_final_even_inside_the_text():
    d = run_text_stages(doc(PROSE, "Advertisement", PROSE2, PROSE3))
    assert labels(d) == [BODY, BOILERPLATE, BODY, BODY]


def test_a_line_already_kept_is_not_kept_again():
    d = run_text_stages(doc(PROSE, PROSE2, PROSE3, "Yes", "Yes", PROSE))
    assert labels(d)[:3] == [BODY] * 3 and labels(d)[5] == BOILERPLATE
    assert (d.lines[5].stage, d.lines[5].reason) == ("repeats", "repeats text already kept")
    summary = run_text_stages(doc(PROSE, PROSE2, PROSE3, PROSE + " " + PROSE2[:60] + "…"))
    assert labels(summary) == [BODY] * 3 + [BOILERPLATE]


def test_teasers_with_datelines_in_a_row_are_a_list_of_other_stories():
    teasers = [
        "Minister resigns over housing scandal LONDON: The housing minister resigned on Tuesday after a report found",
        "Floods cut off villages in the north DHAKA: Thousands of people were stranded on Wednesday as rivers rose",
        "Court blocks new mining permits SYDNEY (AP) — A federal court on Thursday blocked permits for two new mines",
    ]
    d = run_text_stages(doc(PROSE, PROSE2, PROSE3, *teasers))
    assert labels(d) == [BODY] * 3 + [BOILERPLATE] * 3
    assert (d.lines[4].stage, d.lines[4].reason) == ("shapes", "teaser list (headline, dateline and lead, repeated)")
    one = run_text_stages(doc("Minister resigns over housing scandal LONDON: The housing minister resigned on "
                              "Tuesday after a report found that he had misled parliament.", PROSE, PROSE2))
    assert labels(one)[0] == BODY  # the article's own lead under its headline is not a list


def test_viterbi_keeps_one_stretch_and_never_returns_after_the_end():
    model = TextModel.from_dict({"features": list(FEATURES), "weights": [0.0] * len(FEATURES), "threshold": 0.5,
                                 "prior_body": 0.3, "switch_scale": 1.0, "start": [0.9, 0.1, 0, 0],
                                 "transitions": [[0.9, 0.1, 0, 0], [0, 0.9, 0.05, 0.05], [0, 0.5, 0.4, 0.1], [0, 0, 0, 1]]})
    probabilities = [0.1, 0.9, 0.95, 0.2, 0.9, 0.1, 0.1, 0.1, 0.1, 0.8, 0.1]
    assert model.smooth(probabilities) == [False, True, True, True, True] + [False] * 6
    assert model.smooth([0.1, 0.3, 0.1]) == [False, False, False]
    assert model.smooth([0.1, 0.7, 0.1]) == [False, True, False]  # never empty when a line is likely body


def test_model_reasons_are_worded_on_demand():
    d = run_text_stages(doc("Menu", PROSE, PROSE2))
    reason = d.lines[1].reason
    assert not isinstance(reason, str)
    assert str(reason).startswith("body p=") and "(" in str(reason)


# --- the order of authority ---------------------------------------------------------

def test_authority_is_ordered_from_undecided_to_a_profiles_rule():
    assert list(Authority) == sorted(Authority)
    assert [a.name for a in Authority] == ["NONE", "SOFT", "HARD", "MARKUP", "PROFILE"]


def test_a_weaker_decision_never_overrules_a_stronger_one():
    d = doc("Share", "Home", "Subscribe")
    d.decide(d.lines[0], TITLE, "profile rule", Authority.PROFILE)
    d.decide(d.lines[1], BODY, "markup body", Authority.MARKUP)
    d.decide(d.lines[2], BOILERPLATE, "a hard phrase", Authority.HARD)
    for weaker in (Authority.NONE, Authority.SOFT, Authority.HARD, Authority.MARKUP):
        assert not d.decide(d.lines[0], BOILERPLATE, "a detector", weaker)
    assert not d.decide(d.lines[1], BOILERPLATE, "the model", Authority.SOFT)
    assert not d.decide(d.lines[2], BODY, "the model", Authority.SOFT)
    assert [(line.label, line.reason) for line in d.lines] == [
        (TITLE, "profile rule"), (BODY, "markup body"), (BOILERPLATE, "a hard phrase")]


def test_an_equal_or_stronger_decision_replaces_and_keeps_its_authority():
    d = doc("Share")
    assert d.decide(d.lines[0], BOILERPLATE, "before the article", Authority.PROFILE)
    assert d.decide(d.lines[0], TITLE, "title rule", Authority.PROFILE)  # a profile's later rule wins
    assert d.lines[0].reason == "title rule" and d.lines[0].authority == Authority.PROFILE
    e = doc("Share")
    d.decide(e.lines[0], BOILERPLATE, "soft", Authority.SOFT)
    assert d.condemn(e.lines[0], "hard", "share", Authority.HARD) and e.lines[0].authority == Authority.HARD
    assert e.lines[0].signal == "share"


def test_final_text_evidence_overrules_the_markups_body_but_not_its_boilerplate_nor_a_profile():
    d = doc("Share", "Share this", "Share", "The council met on Monday.")
    d.decide(d.lines[0], BODY, "markup body", Authority.MARKUP)
    d.decide(d.lines[1], BOILERPLATE, "markup not body", Authority.MARKUP)
    d.decide(d.lines[2], BODY, "profile: inside the article container", Authority.PROFILE)
    d.decide(d.lines[3], BODY, "markup body", Authority.MARKUP)
    PhrasesStage()(d)   # "Share" alone is a hard phrase
    assert (d.lines[0].label, d.lines[0].reason) == (BOILERPLATE, "share (whole line)")
    assert d.lines[0].authority == Authority.MARKUP   # in the markup's place: no text stage undoes it
    assert d.lines[1].reason == "markup not body"
    assert (d.lines[2].label, d.lines[2].reason) == (BODY, "profile: inside the article container")
    # Only final evidence: a soft detector's decision does not overrule the markup's body.
    assert not d.condemn(d.lines[3], "a soft detector", "share", Authority.SOFT)
    assert d.lines[3].label == BODY and d.lines[3].signal is None
    # Once overruled, the line is no longer the markup's body: a second detector does not rewrite it.
    assert not d.condemn(d.lines[0], "a second detector", "menu", Authority.HARD)
    assert d.lines[0].reason == "share (whole line)"


def test_the_model_and_later_text_stages_leave_final_evidence_and_profiles_alone():
    profile = _profile(start_after=["^Start here$"], trust_region=True)
    d = doc("Home", "Start here", PROSE, "Share", PROSE2, PROSE3, profile=profile)
    SiteRulesStage()(d)
    pipeline.run(d, [PhrasesStage(), ShapesStage(), ScoringStage(), ContextStage(), RegionStage(), MetadataStage(),
                     FinishStage()])
    assert [(line.label, line.authority) for line in d.lines[:2]] == [(BOILERPLATE, Authority.PROFILE)] * 2
    assert d.lines[0].reason == d.lines[1].reason == "profile example: before the article"
    assert (d.lines[3].label, d.lines[3].stage, d.lines[3].reason) == (BOILERPLATE, "phrases", "share (whole line)")


def test_the_pipeline_stamps_every_decision_with_the_stage_that_made_it():
    profile = _profile(start_after=["^Start here$"], trust_region=True)
    d = doc("Home", "Start here", PROSE, "Share", "Photo: J. Doe", "A short line.", PROSE2, PROSE3, profile=profile)
    article = pipeline.run(d, [SiteRulesStage(), PhrasesStage(), ShapesStage(), ScoringStage(), ContextStage(),
                               RegionStage(), FinishStage()])
    assert [(line.stage, line.reason) for line in d.lines[:6]] == [
        ("site", "profile example: before the article"), ("site", "profile example: before the article"),
        ("region", "profile example: inside the article"), ("phrases", "share (whole line)"),
        ("site", "profile example: photo credit"), ("region", "profile example: inside the article")]
    assert [d.stage for d in article.decisions] == [line.stage for line in d.lines] and d.stage == ""
    assert Document.from_text("x").lines[0].stage == ""  # undecided: no stage yet


def test_the_stage_lists_in_pipeline_and_readme_are_the_stages_that_run():
    import re
    from pathlib import Path

    names = [stage.name for stage in pipeline.default_stages()]
    listed = re.findall(r"^    (\w+) {2,}\S", pipeline.__doc__, re.M)
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    block = readme.split("## How it decides", 1)[1].split("```", 2)[1]
    assert listed == names and re.findall(r"^(\w+) {2,}\S", block, re.M) == names


# --- site rules ------------------------------------------------------------------

def _profile(**article):
    data = {"name": "example", "site": "example.com", "hosts": ["example.com"],
            "article": article,
            "metadata": {"byline": r"^By (?P<value>.+)$", "title": {"match": ".", "followed_by": ["^By "]}},
            "drop": [{"match": r"^Photo: ", "reason": "photo credit", "where": "article"}]}
    return _build(data, "example.toml", builtin=False)


def test_site_rules_region_drops_and_metadata_are_firm():
    profile = _profile(start_after=[r"^\d{4}-\d{2}-\d{2}$"], end_before=["^More from Example$"])
    d = doc("Example Home", "A headline about the harbour", "By Jane Doe", "2024-05-01", PROSE, "Photo: J. Doe",
            "Short line kept inside.", PROSE2, "More from Example", PROSE, profile=profile)
    SiteRulesStage()(d)
    assert d.region == (4, 8)
    assert [line.label for line in d.lines[:4]] == [BOILERPLATE, TITLE, BYLINE, BOILERPLATE]
    assert d.meta["byline"] == "Jane Doe" and d.meta["title"] == "A headline about the harbour"
    assert d.lines[5].label == BOILERPLATE and d.lines[5].reason == "profile example: photo credit"
    assert all(line.authority == Authority.PROFILE for line in d.lines[:4] + d.lines[8:])
    for stage in (PhrasesStage(), ShapesStage(), ScoringStage(), ContextStage(), RegionStage()):
        stage(d)
    assert labels(d)[4:8] == [BODY, BOILERPLATE, BODY, BODY]  # the trusted region keeps its short line
    assert d.lines[6].reason == "profile example: inside the article"
    assert labels(d)[8:] == [BOILERPLATE, BOILERPLATE]


# --- metadata --------------------------------------------------------------------

def test_metadata_finds_title_byline_and_date_before_the_text():
    d = doc("Site Name - Home", "Menu", "Harbour tram line approved after long debate", "By Jane Doe",
            "March 3, 2024 10:15 AM", PROSE, PROSE2)
    for stage in (PhrasesStage(), ShapesStage(), ScoringStage(), ContextStage(), RegionStage(), MetadataStage()):
        stage(d)
    assert [line.label for line in d.lines[2:5]] == [TITLE, BYLINE, DATE]
    assert d.meta == {"title": "Harbour tram line approved after long debate", "byline": "Jane Doe",
                      "date": "2024-03-03"}


def test_dates():
    assert parse_date("FEBRUARY 10, 2020 16:10") == "2020-02-10"
    assert parse_date("Associated Press November 19, 2019, 9:02 AM") == "2019-11-19"
    assert parse_date("10 Feb 2020") == "2020-02-10"
    assert parse_date("02/10/2020 03:58 PM") == "2020-02-10"
    assert parse_date("25/12/2019") == "2019-12-25"
    assert parse_date("10.02.2020") == "2020-02-10"
    assert parse_date("3. März 2021") == "2021-03-03"
    assert parse_date("2021-07-04T10:00") == "2021-07-04"
    assert parse_date("no date here") is None
    assert parse_date("February 30, 2020") is None


def test_registry_matches_nothing_for_unknown_sites():
    assert Registry.load().match(PROSE, "https://example.org/a") is None


# --- the phrase prefilter never changes a result -----------------------------------

def _unfiltered(scope, text):
    entries = sorted({id(e): e for e in scope.always + [e for v in scope.by_key.values() for e in v]
                      + [e for v in scope.by_symbol.values() for e in v]}.values(), key=lambda e: e[0])
    return next((category for _, category, pattern in entries if pattern.search(text)), None)


#: Lines where a phrase starts a word inside a token, or where the regex engine folds case further than
#: str.lower() (the long s, the dotted and the dotless i, the Kelvin sign).
_TRICKY_LINES = ["Get the E-newsletter", "ERS E-newsletters", "#contact", "\u200bAbout", "◂◂RSS", "Fax:1 602 827 2469",
                 "ſubscribe now", "İNBOX", "Sıgn up", "LOG \u0130N", "Accept \u212aookies", "Bassinets",
                 "System76 Comments On Recent Laws", "enewsletter", "Σ newsletterΣ", "s’abonner", "E-mail us",
                 "x_", "Top_", "| ads__ |", "login", "Log in", "LOG IN NOW", "Please sign in to read this story",
                 "About the author", "Don’t miss", "Tags:", "tagline", "5 min read"]


def test_phrase_prefilter_agrees_with_searching_every_pattern():
    from conftest import FIXTURES
    from cleaner.stages.phrases import default_phrasebook

    book = default_phrasebook()
    lines = {line.strip() for path in FIXTURES.rglob("*.txt") for line in path.read_text(encoding="utf-8").splitlines()}
    d = doc(*sorted(line for line in lines if line), *_TRICKY_LINES)
    assert len(d.lines) > 500
    for line in d.lines:
        keys = line.features.keys
        for scope in (book.strong, book.whole, book.short):
            assert scope.search(line.text, keys) == _unfiltered(scope, line.text), line.text


_PIECES = ["newsletter", "sign", "up", "in", "cookies", "subscribe", "share", "x", "e", "mail", "comments", "©",
           "advertisement", "abonner", "s", "’", "tel", "fax", "login", "more", "read", "76", "ſ", "İ", "ı", "Σ", "\u212a",
           "ᲀ", "\u0345", "ι"]
_GLUE = ["", " ", " ", "-", "_", ".", "#", "/", "\u200b", ":", "(", ")", "|", "'", "\u00a0", "\u0301"]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(_PIECES) | st.text(max_size=3), st.sampled_from(_GLUE),
                          st.sampled_from([str, str.upper, str.title])), min_size=1, max_size=8))
def test_phrase_prefilter_never_skips_a_match(parts):
    """Property: on any text, the keys and symbols let through every pattern that matches."""
    from cleaner.stages.phrases import default_phrasebook
    from cleaner.triggers import line_keys

    text = "".join(case(piece) + glue for piece, glue, case in parts)
    book = default_phrasebook()
    for scope in (book.strong, book.whole, book.short):
        assert scope.search(text, line_keys(text)) == _unfiltered(scope, text)


def test_phrases_start_at_word_starts_inside_tokens_but_not_inside_words():
    """A phrase is found where a word starts, hyphen or not ("E-newsletter"), never inside a word."""
    from cleaner.stages.phrases import default_phrasebook
    from cleaner.triggers import line_keys

    book = default_phrasebook()

    def found(text: str):
        return book.classify(text, line_keys(text), len(text.split()), False)

    assert found("Get the E-newsletter") == ("newsletter", "short line")
    assert found("ſign up") == found("Sign up") == found("SIGN UP") == ("newsletter", "whole line")
    assert found("Bassinets") is None and found("System76 Comments On Recent Laws") is None


def test_fold_compares_characters_as_the_case_insensitive_regex_does():
    """fold() keeps one character per character and word characters words, and folds together exactly the
    characters re.IGNORECASE takes as equal (checked on every code point)."""
    import _sre
    import re

    from cleaner.triggers import _FOLD, _UNFOLDABLE, _case_classes, fold

    codes = [code for code in range(0x110000) if not 0xD800 <= code <= 0xDFFF]
    every = "".join(map(chr, codes))
    folded = fold(every)
    assert len(folded) == len(every)

    def shape(text: str) -> str:
        return re.sub(r"\W", "0", re.sub(r"\w", "1", text))

    assert shape(folded) == shape(every)
    # each character folds as its simple lower-case form does, and each case class to one character
    lowered = fold("".join(chr(_sre.unicode_tolower(code)) for code in codes))
    assert [c for c, a, b in zip(every, folded, lowered) if a != b and c not in _UNFOLDABLE] == []
    for members in _case_classes():
        if not _UNFOLDABLE.intersection(map(chr, members)):
            assert len({fold(chr(code)) for code in members}) == 1
    # and what the table folds, the regex engine takes as equal
    assert all(re.fullmatch(re.escape(target), chr(code), re.I) for code, target in _FOLD.items())


def test_shipped_phrase_index_is_up_to_date():
    """Run tools/build_phrase_index.py after editing cleaner/data/boilerplate.toml."""
    from cleaner.data import read_marshal
    from cleaner.stages.phrases import INDEX_FILE, build_index

    assert read_marshal(INDEX_FILE) == build_index()


def test_large_documents_keep_less_but_decide_the_same():
    """Large documents (past LARGE_DOCUMENT_LINES, and each window of a windowed dump) drop per-line
    extras (phrase keys, model vectors, memoised measures) to bound memory; the decisions must not change."""
    from pathlib import Path

    from cleaner import pipeline

    text = (Path(__file__).parent.parent / "fixtures" / "seeds" / "002_790ccee8608768f8.txt").read_text(encoding="utf-8")

    def run(large: bool) -> list:
        d = Document.from_text(text)
        d.large = large
        pipeline.run(d)
        return d.lines

    normal = run(False)
    large = run(True)
    assert [(line.label, line.score, str(line.reason).split(" (")[0]) for line in large] == \
        [(line.label, line.score, str(line.reason).split(" (")[0]) for line in normal]
    assert all(line.vector is None for line in large) and all(line.vector is not None for line in normal)
    explained = [str(line.reason) for line in large if line.stage == "context"]
    assert explained and all("(" not in reason for reason in explained)  # the probability, without the evidence


def test_the_stoplists_word_index_is_typed_arrays_and_finds_each_lists_words():
    """A dict of every stoplist's 139,000 words was some 15 MB a process kept after one page not in English."""
    from array import array

    from cleaner import language

    index = language._word_index()
    assert isinstance(index.hashes, array) and isinstance(index.languages, array)
    languages = language.available_languages()
    for name in ("Spanish", "German", "Finnish"):
        i = languages.index(name)
        words = language._in_main_script(language.stopwords(name))
        assert all(i in set(index.languages_of(word)) for word in words)
    assert list(index.languages_of("qqqzzzxx")) == []


_POST = [
    "Why the Old Harbour Bridge Took Eleven Years to Build",
    "The council first approved the crossing in 1961, but the money ran out twice before the first pier was sunk "
    "into the river bed, and the engineers had to redesign the deck when the shipping lanes were widened.",
    "Residents who remember the ferries say the queues on a winter morning could last an hour, and the bridge was "
    "meant to end them; instead the works closed the northern landing for most of a decade.",
    "By the time the last span was lifted into place, the budget had tripled and two of the three original "
    "contractors had gone out of business, leaving the city to finish the approach roads itself.",
    "Historians now read the delays as a lesson in how public works were financed, not as a failure of engineering, "
    "because the design itself has needed almost no repair in sixty years of heavy traffic.",
]


@pytest.mark.parametrize("core", ["native", "reference"])
@pytest.mark.parametrize("chrome", [
    ["Thanks for reading! Subscribe for free to receive new posts and support my work.", "Subscribe"],
    ["Subscribe now"], ["Sign up"], ["Join our newsletter"], ["Jetzt abonnieren"], ["Abonnez-vous"], ["Suscríbete"],
    ["Iscriviti"], ["Подписаться"],
    ["Thank you! Your submission has been received!", "Oops! Something went wrong while submitting the form."],
])
def test_a_sign_up_button_or_form_message_inside_a_post_is_not_kept(chrome, core):
    """A newsletter widget's button (a blog platform's, a site builder's form messages) printed between a post's
    paragraphs is chrome even there; before, the model kept it as part of the main text."""
    from cleaner.native.path import native_path

    engine = native_path() if core == "native" else None
    if core == "native" and engine is None:
        pytest.skip("the native core is not built")
    dump = "\n\n".join([*_POST[:3], *chrome, *_POST[3:]])
    body = pipeline.run_text(dump, core=engine).body
    assert all(line in body for line in _POST[1:])
    assert not [line for line in chrome if line in body.splitlines()]


@pytest.mark.parametrize("core", ["native", "reference"])
def test_a_blog_platforms_comment_header_ends_the_post(core):
    """"Discussion about this post" / "Comments Restacks" open a blog platform's comment thread: the post ends
    there, and the readers' comments after it are not kept."""
    from cleaner.native.path import native_path

    engine = native_path() if core == "native" else None
    if core == "native" and engine is None:
        pytest.skip("the native core is not built")
    comment = ("I grew up near the northern landing and my father worked on the second pier, so this brought back a "
               "lot of memories of the noise and the trucks that came through our street every single morning.")
    dump = "\n\n".join([*_POST, "Discussion about this post", "Comments Restacks", comment])
    body = pipeline.run_text(dump, core=engine).body.splitlines()
    assert all(line in body for line in _POST[1:])
    assert not {"Discussion about this post", "Comments Restacks", comment} & set(body)


# --- repeats: a table of contents ------------------------------------------------

def _all_body(*lines: str) -> Document:
    """A document whose every line the context stage kept (blank lines between paragraphs)."""
    d = doc(*lines)
    for line in d.lines:
        d.decide(line, BODY, "kept", Authority.SOFT)
    return d


SECTIONS = ("1. Why the council met in public", "2. What the report will say", "3. Where the money goes")


def test_a_table_of_contents_kept_above_the_text_is_dropped_and_its_headings_kept():
    """The first copy is the table, the later ones the sections' headings: keeping the first (as a repeat
    would) put a list above the text and left every section without its heading."""
    d = _all_body("Contents", *SECTIONS, PROSE, SECTIONS[0], PROSE2, "2. What the report will say.", PROSE3,
                  "3. Where the money goes", PROSE + " Again.")
    RepeatsStage()(d)
    assert labels(d) == [BOILERPLATE] * 4 + [BODY] * 7
    assert {str(line.reason) for line in d.lines[:4]} == {"table of contents (its entries are the headings below)"}
    # the line above is the table's heading only when it is a label, not the text's last words before it
    d = _all_body(PROSE, "Here is what we found:", *SECTIONS, SECTIONS[0], PROSE2, SECTIONS[1], PROSE3, SECTIONS[2],
                  PROSE2 + " Again.")
    RepeatsStage()(d)
    assert labels(d) == [BODY, BODY] + [BOILERPLATE] * 3 + [BODY] * 6


def test_a_list_is_no_table_of_contents_unless_its_copies_come_in_order_with_text_between():
    # in another order: the headings are not the list's sections, and the later copies are the repeats
    d = _all_body(*SECTIONS, PROSE, SECTIONS[2], PROSE2, SECTIONS[1], PROSE3, SECTIONS[0])
    RepeatsStage()(d)
    assert [str(line.reason) for line in d.lines if line.label == BOILERPLATE] == ["repeats text already kept"] * 3
    assert labels(d)[:3] == [BODY] * 3
    # copies in a row, no section between them: a list printed twice
    d = _all_body(*SECTIONS, PROSE, *SECTIONS, PROSE2)
    RepeatsStage()(d)
    assert labels(d) == [BODY] * 4 + [BOILERPLATE] * 3 + [BODY]
    # two entries are not enough: the later copies are the repeats
    d = _all_body(*SECTIONS[:2], PROSE, SECTIONS[0], PROSE2, SECTIONS[1], PROSE3)
    RepeatsStage()(d)
    assert labels(d) == [BODY] * 3 + [BOILERPLATE, BODY, BOILERPLATE, BODY]


def test_a_table_of_contents_is_entries_whose_copies_head_sections_of_text():
    from cleaner.stages.repeats import contents_entries

    n = 200_000
    assert contents_entries([7] * n, list(range(n)), [True] * n) == []
    keys = [1, 2, 3, None, 1, None, 2, None, 3, None]   # None: a line of text
    assert contents_entries(keys, list(range(len(keys))), [True] * len(keys)) == [0, 1, 2]
    assert contents_entries(keys, list(range(len(keys))), [True, False, True] + [True] * (len(keys) - 3)) == []
    # a product's tags, listed again under the next product: no text between the copies
    tags = [1, 2, 3, None, 1, 4, 2, 3, None, 1, 2, 3, None]
    assert contents_entries(tags, list(range(len(tags))), [True] * len(tags)) == []


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from([
    "Markets rally after", "the central bank", "cuts rates again", "LONDON", "NEW YORK", "(AP)", "(Reuters)",
    ":", "—", "–", " - ", ".", "?", "Shares", "rose", "sharply", "on", "Tuesday", "\u00a0", "“Stocks", "'We",
]), min_size=3, max_size=14))
def test_a_teaser_always_holds_one_of_the_marks_the_shapes_stage_looks_for_first(words):
    """The shapes stage matches the teaser regex only on a line holding one of its marks (``[:—–]``): every
    line the regex matches holds one, so the screen changes no decision."""
    from cleaner.stages.shapes import _TEASER, _TEASER_MARK

    line = " ".join(words)
    for text in (line, line.replace(" :", ":"), "Ann Lee and the council members agree " + line):
        if _TEASER.match(text):
            assert _TEASER_MARK.search(text), text
    assert _TEASER.match("Markets rally after the central bank cuts rates again LONDON (AP) — Shares rose")


# --- embeds the page did not load ---------------------------------------------------

EMBED_PARAS = [
    "The council voted on Tuesday to close the old harbour bridge to cars from next spring, after engineers found cracks in two of its supports.",
    "Residents on both banks have been divided for months, and the public gallery was full when the vote was taken late in the evening.",
    "The bridge carries about nine thousand vehicles a day, most of them commuters driving into the town centre from the northern estates.",
    "Engineers told the meeting that repairs would cost more than building a new crossing, and that the old one could still take bicycles.",
    "A temporary bus service will run every ten minutes between the two banks while the new bridge is designed and built over three years.",
    "Shop owners on the harbour front said they feared losing customers, and asked the council for help with parking during the works.",
    "The council leader said the decision had not been easy, but that nobody wanted to wait until the bridge had to be shut in an emergency.",
]


def test_an_embed_the_page_did_not_load_does_not_end_the_article():
    """A consent manager's stand-in for a video between two paragraphs names cookies, but it is an interruption
    (``INTERRUPTIONS``), not the page's closing chrome: the text under it is the article's, the stand-in is not."""
    standin = ["Watch the debate", "To see this content please enable targeting cookies. Manage cookie settings"]
    head = ["Harbour bridge to close to cars", "Home", "News", "Sport", "Harbour bridge to close to cars"]
    foot = ["Share this article", "Privacy Policy", "© 2024 Harbour Gazette"]
    text = "\n".join(head + EMBED_PARAS[:3] + standin + EMBED_PARAS[3:] + foot)
    article = clean(text)
    assert article.paragraphs[-4:] == EMBED_PARAS[3:], article.paragraphs
    standin_decision = next(d for d in article.decisions if d.text == standin[1])
    assert standin_decision.label == "boilerplate" and standin_decision.reason == "embedded (strong phrase)"


def test_newsletter_paywall_and_contact_chrome_of_any_length():
    """A newsletter box's reader count and its form's consent line, a paid post's plea, a form's hidden field and
    the reporter's contact line: strong phrases, whatever the line's length; prose that mentions the words stays."""
    chrome = {"Sign up to join 800,000+ other subscribers and receive regular emails on science and health tools.":
              "newsletter",
              "By submitting your email to subscribe, you agree to the site's Privacy Policy and its terms of use.":
              "newsletter",
              "Become a paid subscriber to the magazine to unlock this piece and learn about all of the following:":
              "paywall",
              "This post is for paid subscribers": "paywall",
              "This field is for validation purposes and should be left unchanged.": "contact",
              "Contact staff writer Ann Lee at 212-555-0100 or ann@example.com.": "contact"}
    prose = ["The paper said that its subscribers had joined in large numbers after the storm coverage last winter.",
             "Reporters who wish to contact the council should call its press office at the harbour."]
    assert_phrase_signals(chrome, prose)


def test_feedback_box_form_fields_and_closing_headings_are_chrome_but_prose_about_them_is_not():
    """The box under an article asking whether it helped (the readers' response, as comments are: the page's
    closing chrome begins) in the stoplists' languages, a form's fields (a required one starred), the headings
    of the author's or the site's other posts and the link to license the story are chrome;
    a sentence that asks the same, or names the fields, stays prose."""
    chrome = {"Was this page helpful?": "comments", "Was this article helpful?": "comments",
              "How Was This Issue?": "comments", "War dieser Artikel hilfreich?": "comments",
              "Cet article vous a-t-il été utile ?": "comments", "¿Te ha resultado útil este artículo?": "comments",
              "First Name *": "call_to_action", "Last Name": "call_to_action", "Message *": "call_to_action",
              "Phone Number *": "call_to_action", "More by Ann Lee": "related", "Discover more from The Harbour": "related",
              "Latest Insights": "related", "Reprints & Permissions": "copyright"}
    prose = ["Was this page helpful to the readers who wrote in? The editor asked them in a survey last spring.",
             "Enter your first name, last name and email address in the form to register for the event.",
             "Phone Number"]
    assert_phrase_signals(chrome, prose)


# --- the shapes stage's line searches, by the document's line_search (the native core on an HTML page) ------------

_SEARCH_SAMPLES = ["By Ann Lee", "• By REUTERS", "by the river we sat", "Bylines are hard", "Written by Ann Lee",
                   "3 hours ago", "• 02/10/2020 03:58 PM", "Feb 10, 2020", "Mittwoch, 14. Juni 2023, 16:42 Uhr",
                   "vor 2 Tagen", "hace 2 días", "il y a 3 jours", "Today", "Today we go", "14 de junio de 2023",
                   "Ann says:", "Mike wrote:", "Katrin said...", "jane_doe sagt:", "March 2, 2022 at 8:14 pm",
                   "4. Dezember 2023 um 19:12 Uhr", "• a year ago", "Posted by: Jörg at March 3, 2012 09:02 AM",
                   "ſays: By \u212aatrin", "BY \u0130LKER", "", "12:30", "A story by Ann Lee on May 2, 2022 at 10:00"]


def test_the_shapes_line_searches_find_what_re_matches():
    """Each pattern set the shapes stage has ``Document.line_search`` look for is anchored and ``re.I``, so
    its one search finds the lines where one of its patterns matches; the native core's search finds the same."""
    import re

    from cleaner import native
    from cleaner.stages.shapes import LINE_SEARCHES, line_search_pattern

    for patterns in LINE_SEARCHES:
        pattern = line_search_pattern(patterns)
        expected = [any(p.match(text) for p in patterns) for text in _SEARCH_SAMPLES]
        assert [re.search(pattern, text, re.I) is not None for text in _SEARCH_SAMPLES] == expected
        assert any(expected) and not all(expected), pattern[:40]
        if native.core() is not None:
            assert list(native.found_in_lines(pattern, _SEARCH_SAMPLES)) == [int(hit) for hit in expected]
    with pytest.raises(ValueError):
        line_search_pattern((re.compile(r"By\s"),))          # not anchored: its search is not its match


def test_shapes_asks_the_documents_line_search_and_decides_the_same():
    """With ``Document.line_search`` (the core, on an HTML page), the stage's per-line matches (bylines and
    timestamps of headline lists, comments' dates and "Name says:") are one search each, of the lines it asks
    about; the lines are decided as with ``re``."""
    import re

    headlines = (PROSE, "Storm closes schools across the region", "• By REUTERS", "• 02/10/2020 03:58 PM",
                 "Markets fall for a third day", "• By JANE DOE", "• 02/10/2020 03:30 PM",
                 "New bridge opens to traffic", "• By REUTERS", "• 02/10/2020 01:02 PM", PROSE2)
    thread = (PROSE, PROSE2, *_comments("41 Kommentare", "{name} sagt:", "4. Dezember 2023 um 19:12 Uhr", "Antworten"))
    for lines, shape, at in ((headlines, "headline list", 2), (thread, "comment thread", -2)):
        plain = doc(*lines)
        PhrasesStage()(plain)
        ShapesStage()(plain)
        asked = []

        def search(pattern, texts):
            asked.append(len(texts))
            return bytes(re.search(pattern, text, re.I) is not None for text in texts)

        searched = doc(*lines)
        searched.line_search = search
        PhrasesStage()(searched)
        ShapesStage()(searched)
        assert [(line.label, line.reason, line.signal) for line in searched.lines] == \
            [(line.label, line.reason, line.signal) for line in plain.lines]
        assert shape in plain.lines[at].reason
        assert len(asked) == 3 and all(0 < count < len(lines) for count in asked)


@pytest.mark.parametrize("heading", ["Written by Dana Whitfield", "You’ll also love…", "About the authors",
                                     "Tagged: gardening, herbs", "Geschrieben von Jonas Albrecht", "Weitere Beiträge:",
                                     "Still have questions?", "Besoin d'aide ?", "¿Necesitas ayuda?", "BOOK A DEMO",
                                     "Disclaimer", "Haftungsausschluss:", "Hi, I'm Chris!",
                                     "Hallo, ich bin Lena und schreibe hier über Balkongärten."])
def test_context_end_matter_heading_starts_a_block(heading):
    """An end-matter heading the model kept right under the article's last paragraph (no chrome between) starts a
    block of its own: with the small box under it, it goes."""
    from cleaner.stages.context import tail_islands
    article = [PROSE, PROSE2, PROSE3] * 4
    n = len(article)
    assert tail_islands(_kept_but(set(), *article, heading, TEASER).lines) == [n, n + 1]


def test_context_end_matter_block_names_its_heading():
    """A block an end-matter heading opens is dropped for that (its own reason), not for chrome; the cores agree on
    the fixture's every reason (test_native_path)."""
    from conftest import FIXTURES
    from cleaner import Cleaner
    from cleaner.stages.context import TAIL_END_MATTER
    text = (FIXTURES / "generic" / "endmatter-en-1.txt").read_text(encoding="utf-8")
    dropped = {d.text: d.reason for d in Cleaner(use_profiles=False).clean(text).decisions if d.stage == "context"}
    assert dropped["Written by Hannah Okafor"] == TAIL_END_MATTER
    assert dropped["You’ll Also Love…"] == TAIL_END_MATTER
    text = (FIXTURES / "generic" / "cta-en-1.txt").read_text(encoding="utf-8")
    dropped = {d.text: d.reason for d in Cleaner(use_profiles=False).clean(text).decisions if d.stage == "context"}
    assert dropped["Still have questions?"] == TAIL_END_MATTER


@pytest.mark.parametrize("line", ["Authors of the study said the results were clear.", "Written by hand, every line.",
                                  "Sources", "Frequently Asked Questions", "Need help choosing a size? Measure your foot first.",
                                  "Questions?", "Disclaimer: the study was paid for by the company.",
                                  "Hi, everyone knew the answer.", "Hello from Lisbon"])
def test_context_lines_that_open_no_end_matter(line):
    """A sentence that starts like such a heading, a list of sources or an FAQ (an article's truth often holds
    those): no block starts there."""
    from cleaner.stages.context import tail_islands
    assert tail_islands(_kept_but(set(), *[PROSE, PROSE2, PROSE3] * 4, line, TEASER).lines) == []
