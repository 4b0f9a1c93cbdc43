"""Each stage on its own, on small documents made for the purpose."""

from __future__ import annotations

from cleaner.dates import parse_date
from cleaner.document import BODY, BOILERPLATE, BYLINE, DATE, TITLE, UNKNOWN, Document
from cleaner.profiles import Registry, _build
from cleaner.stages.context import ContextStage
from cleaner.stages.features import FeaturesStage
from cleaner.stages.metadata import MetadataStage
from cleaner.stages.phrases import PhrasesStage
from cleaner.stages.region import RegionStage
from cleaner.stages.scoring import BAD, GOOD, NEAR, SHORT, ScoringStage, classify
from cleaner.stages.shapes import ShapesStage
from cleaner.stages.site_rules import SiteRulesStage

PROSE = ("The committee said on Monday that it would publish its findings before the end of the year, "
         "and that the report would be sent to every member of the council.")
PROSE2 = ("It was the first time in a decade that the committee had met in public, and many of the residents "
          "who attended said they were pleased with what they had heard.")


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


# --- scoring and context ---------------------------------------------------------

def test_scoring_classes():
    d = doc(PROSE, "Read the full story", "apple banana cherry grape lemon mango orange peach pear plum",
            "The mayor said she was pleased.")
    classes = [classify(line.features, True) for line in d.lines]
    assert classes == [GOOD, SHORT, BAD, NEAR]


def test_context_revises_short_lines_by_their_neighbours():
    d = doc(PROSE, "He declined to comment.", PROSE2, "Home", "Contact us today", "About")
    for stage in (ShapesStage(), ScoringStage(), ContextStage()):
        stage(d)
    assert d.lines[1].label == BODY and d.lines[1].reason == "context: between body lines"
    assert d.lines[4].label == BOILERPLATE


def test_context_drops_headline_shaped_line_inside_text():
    d = doc(PROSE, "Syrian army attack kills five soldiers in the north", PROSE2)
    for stage in (ScoringStage(), ContextStage()):
        stage(d)
    assert labels(d) == [BODY, BOILERPLATE, BODY]
    assert "related link" in d.lines[1].reason


# --- region ----------------------------------------------------------------------

def test_region_keeps_the_main_block_and_drops_far_prose_islands():
    article = [PROSE, PROSE2] * 4
    plea = ["Sign up for our weekly newsletter", "Subscribers agree to the Privacy Policy", "Dear readers,",
            "We are a small team and everything we publish is written by people who care about this city, and we "
            "would like to keep it that way for many years to come."]
    d = doc(*article, *plea)
    for stage in (PhrasesStage(), ShapesStage(), ScoringStage(), ContextStage(), RegionStage()):
        stage(d)
    assert labels(d)[:8] == [BODY] * 8
    assert d.lines[-1].label == BOILERPLATE and d.lines[-1].reason == "region: prose outside the main text"


def test_region_does_not_cross_a_paywall_box():
    d = doc(PROSE, PROSE2, PROSE, "Sign up to read this article", PROSE2)
    for stage in (PhrasesStage(), ShapesStage(), ScoringStage(), ContextStage(), RegionStage()):
        stage(d)
    assert labels(d) == [BODY, BODY, BODY, BOILERPLATE, BOILERPLATE]


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
