"""Each stage on its own, on small documents made for the purpose."""

from __future__ import annotations

from cleaner.dates import parse_date
from cleaner.document import BODY, BOILERPLATE, BYLINE, DATE, TITLE, UNKNOWN, Document
from cleaner.profiles import Registry
from cleaner.profiles.loader import _build
from cleaner.stages.context import ContextStage
from cleaner.stages.features import FeaturesStage
from cleaner.stages.metadata import MetadataStage
from cleaner.stages.phrases import PhrasesStage
from cleaner.model import FEATURES, TextModel, default_model, line_vectors
from cleaner.stages.region import RegionStage
from cleaner.stages.scoring import ScoringStage
from cleaner.stages.shapes import ShapesStage
from cleaner.stages.site_rules import SiteRulesStage

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

def test_features_measure_prose_and_detect_language():
    d = doc(PROSE, "Home")
    assert d.language == "English" and not d.char_mode
    f = d.lines[0].features
    assert f.ends_sentence and f.words == 30 and f.stop_ratio > 0.4
    assert not d.lines[1].features.ends_sentence


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
    assert d.lines[0].reason.startswith("phrases: newsletter")


def test_ad_blocker_pleas_are_final_but_reporting_on_ad_blockers_is_not():
    d = doc("We've noticed you're adblocking.", "We rely on advertising to help fund our award-winning journalism.",
            "Please turn off your ad blocker so that you can keep reading our stories.",
            "Bitte deaktivieren Sie Ihren Werbeblocker.",
            "Ad blockers are popular among younger readers, a survey found, and publishers worry about what "
            "that means for the money that pays for their newsrooms.")
    PhrasesStage()(d)
    assert labels(d) == [BOILERPLATE] * 4 + [UNKNOWN]
    assert all(line.hard and line.reason == "phrases: ads (strong phrase)" for line in d.lines[:4])


def test_phrases_in_other_languages():
    d = doc("Newsletter abonnieren", "Alle Rechte vorbehalten", "Lee también:", "Compartir")
    PhrasesStage()(d)
    assert labels(d) == [BOILERPLATE] * 4


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


def test_shapes_photo_credits():
    d = doc("dpa/picture-alliance", "A convoy passes through the town on Monday. © Aaref Watad/AFP",
            "Protesters gather outside the ministry. Photograph: Kirsty Wigglesworth/AP",
            "Smoke rises above the port (photo credit: REUTERS/AMMAR AWAD)", PROSE)
    ShapesStage()(d)
    assert labels(d) == [BOILERPLATE] * 4 + [UNKNOWN]
    assert all(line.signal == "credit" for line in d.lines[:4])


def test_shapes_run_of_headlines_and_navigation_bar():
    d = doc("Man finds Roman coins in garden Council approves new tram line Heatwave expected to last until "
            "the weekend Local team wins the cup after extra time",
            "The Daily Planet - Israel Politics Business Science Technology Sport Opinion Weather Travel Culture")
    ShapesStage()(d)
    assert labels(d) == [BOILERPLATE, BOILERPLATE]


def test_shapes_caption_printed_twice():
    d = doc("The minister arrives at the summit on Thursday",
            "The minister arrives at the summit on Thursday Photograph: Jane Doe/Reuters", PROSE)
    ShapesStage()(d)
    assert labels(d) == [BOILERPLATE, BOILERPLATE, UNKNOWN]


# --- scoring and context (the model) -----------------------------------------------

TEXT_STAGES = (PhrasesStage(), ShapesStage(), ScoringStage(), ContextStage())


def run_text_stages(d: Document) -> Document:
    for stage in TEXT_STAGES:
        stage(d)
    return d


def test_line_vectors_match_the_feature_list_and_the_shipped_model():
    d = doc(PROSE, "Home", PROSE2)
    ShapesStage()(d)
    vectors = line_vectors(d.lines, True, False)
    assert len(vectors) == 3 and all(len(v) == len(FEATURES) for v in vectors)
    named = dict(zip(FEATURES, vectors[0]))
    assert named["ends_sentence"] == 1.0 and named["prose_next2"] == 1.0 and named["bias"] == 1.0
    assert default_model() is not None and len(default_model().weights) == len(FEATURES)


def test_model_keeps_prose_and_drops_chrome_around_it():
    d = run_text_stages(doc("Home", "World", "Business", "Sport", PROSE, "He declined to comment.", PROSE2, PROSE3,
                            "Share", "Related stories", "Copyright © 2024 Example Media. All rights reserved."))
    assert labels(d) == [BOILERPLATE] * 4 + [BODY] * 4 + [BOILERPLATE] * 3
    assert str(d.lines[5].reason).startswith("model: body p=")  # a short line kept by its context
    assert d.lines[8].reason == "phrases: share (whole line)"   # the detector's reason stands


def test_hard_signals_are_final_even_inside_the_text():
    d = run_text_stages(doc(PROSE, "Advertisement", PROSE2, PROSE3))
    assert labels(d) == [BODY, BOILERPLATE, BODY, BODY]


def test_a_line_already_kept_is_not_kept_again():
    d = run_text_stages(doc(PROSE, PROSE2, PROSE3, "Yes", "Yes", PROSE))
    assert labels(d)[:3] == [BODY] * 3 and labels(d)[5] == BOILERPLATE
    assert d.lines[5].reason == "context: repeats text already kept"
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
    assert d.lines[4].reason == "shapes: teaser list (headline, dateline and lead, repeated)"
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
    assert str(reason).startswith("model: body p=") and "(" in str(reason)


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
    assert d.lines[5].label == BOILERPLATE and d.lines[5].reason == "site example: photo credit"
    assert all(line.firm for line in d.lines[:4] + d.lines[8:])
    for stage in (PhrasesStage(), ShapesStage(), ScoringStage(), ContextStage(), RegionStage()):
        stage(d)
    assert labels(d)[4:8] == [BODY, BOILERPLATE, BODY, BODY]  # the trusted region keeps its short line
    assert d.lines[6].reason == "site example: inside the article"
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


def test_phrase_prefilter_agrees_with_searching_every_pattern():
    from conftest import FIXTURES
    from cleaner.stages.phrases import default_phrasebook

    book = default_phrasebook()
    lines = {line.strip() for path in FIXTURES.rglob("*.txt") for line in path.read_text(encoding="utf-8").splitlines()}
    d = doc(*sorted(line for line in lines if line))
    assert len(d.lines) > 500
    for line in d.lines:
        keys = line.features.keys
        for scope in (book.strong, book.whole, book.short):
            assert scope.search(line.text, keys) == _unfiltered(scope, line.text), line.text


def test_shipped_phrase_index_is_up_to_date():
    """Run tools/build_phrase_index.py after editing cleaner/data/boilerplate.toml."""
    import json
    from cleaner.stages.phrases import INDEX_FILE, build_index

    with open(INDEX_FILE, encoding="utf-8") as handle:
        assert json.load(handle) == json.loads(json.dumps(build_index()))


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
    explained = [str(line.reason) for line in large if str(line.reason).startswith("model:")]
    assert explained and all("(" not in reason for reason in explained)  # the probability, without the evidence
