"""The native core's whole text path against the Python reference, through the binding.

Parity is the contract: for a text dump with no profile, every line's label, stage and reason and the
article's fields must be the same whichever core ran (:func:`cleaner.native.path.path_differences`), on
every fixture dump, on generated documents (hypothesis), and on a pasted site cleaned in windows. Skipped
when the core is not built, unless ``CLEANER_REQUIRE_NATIVE=1`` (CI builds it: there a missing core fails).
"""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleaner import native, pipeline
from cleaner.native import path as native_path

from conftest import FIXTURES

if native.core() is None:
    if os.environ.get("CLEANER_REQUIRE_NATIVE") == "1":
        pytest.fail(f"CLEANER_REQUIRE_NATIVE=1 but {native.core_name()}", pytrace=False)
    pytest.skip(f"no native core ({native.core_name()})", allow_module_level=True)
if native_path.native_path() is None:
    # The core is built but refused the package's own rules: every dump would silently run on the reference.
    pytest.fail(f"the native core refused the text path's rules: {native_path._path()[1]}", pytrace=False)

from test_native import _line  # noqa: E402  (the generated lines with the characters where engines part)


def _fixture_texts() -> list[tuple[str, str]]:
    return [(path.name, path.read_text(encoding="utf-8", errors="replace"))
            for path in sorted(FIXTURES.rglob("*.txt")) if not path.name.endswith((".expected.txt", ".gold.txt"))]


def test_the_cores_agree_on_every_fixture_dump():
    texts = _fixture_texts()
    assert len(texts) > 10
    for name, text in texts:
        assert native_path.path_differences(text) == [], name


def test_the_native_path_runs_and_is_seen_to():
    """The comparison compares something: the core decided the lines (a model reason made by the core)."""
    name, text = max(_fixture_texts(), key=lambda item: len(item[1]))
    article = pipeline.run_text(text, core=native_path.native_path())
    assert isinstance(article._lines, native_path.NativeLines), name
    assert any(isinstance(line.reason, native_path.NativeModelReason) for line in article._lines)


# --- generated documents -------------------------------------------------------------------------------------

_PROSE = ["The committee said on Monday that the new rules would take effect next year, officials confirmed.",
          "It was the first time the council had voted on the question since the election in March.",
          "Residents told reporters they had not been warned before the road was closed to traffic.",
          "Die Regierung hat am Montag neue Regeln für den Verkehr in der Stadt beschlossen.",
          "東京の会社は月曜日に新しい計画を発表した。", "Η κυβέρνηση ανακοίνωσε νέα μέτρα τη Δευτέρα."]
_CHROME = ["Home", "News", "Sport", "By Jane Doe", "Feb 10, 2020", "3 hours ago", "Photo: AP", "Getty Images",
           "Sign up for our newsletter", "Share this article", "Read more:", "Related", "Advertisement",
           "Copyright 2020 The Times", "| Share | Tweet | Email |", "----", "1 of 4 A shopper looks at a car",
           "jane_doe says:", "34 responses to “The story”", "November 2019 (14)", "https://example.com/a",
           "12,345", "PUBLISHED: 10:48, Tue, Nov 19, 2019", "Headline words here NEW DELHI: The court ruled",
           "Week 12 power rankings (133)", "» Next story", "Cookies help us deliver our services."]
#: List items (content lists: measures.content_lists), and look-alikes a menu or a number line has.
_ITEMS = ["+ Added a STEP importer for solids", "- Fixed a crash on import", "* Changed the default, again",
          "1. Preheat the oven to 200 C", "2) Mix the flour and eggs", "300 g de lentejas pardinas",
          "1,5 l de agua fría", "• 2 cups of flour", "- Home", "12 345", "+ World News Today", "３ 東京の会社は月曜日",
          "10 ½ tazas de leche", "4.2.0 release notes"]
_block = st.one_of(st.sampled_from(_PROSE), st.sampled_from(_CHROME), _line,
                   st.lists(st.sampled_from(_PROSE), min_size=2, max_size=4).map(" ".join),
                   st.lists(st.sampled_from(_ITEMS), min_size=2, max_size=6).map("\n".join))
_document = st.lists(st.tuples(_block, st.sampled_from(["\n", "\n", "\n\n", "\n \n"])), min_size=1, max_size=40) \
    .map(lambda parts: "".join(text + gap for text, gap in parts))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_document)
def test_the_cores_agree_on_generated_documents(text):
    assert native_path.path_differences(text) == []


def _howto_parts() -> tuple[list[str], list[str], list[list[str]], list[str]]:
    """fixtures/generic/howto-en-1 in parts: the lines above its table of contents, the table, each section
    (heading first), the lines below."""
    lines = (FIXTURES / "generic" / "howto-en-1.txt").read_text(encoding="utf-8").split("\n")
    label = lines.index("In this article")
    entries = lines[label + 1:label + 5]
    starts = [lines.index(entry, label + 5) for entry in entries]
    end = lines.index("Share this article")
    sections = [lines[a:b] for a, b in zip(starts, starts[1:] + [end])]
    return lines[:label + 1], entries, sections, lines[end:]


@st.composite
def _contents_document(draw) -> str:
    """A how-to page whose table of contents and sections' headings agree or not: entries left out, sections
    in another order, headings reworded, punctuated or dropped, chrome between them."""
    above, entries, sections, below = _howto_parts()
    if draw(st.booleans()):
        above = above[:-1]                                  # no label over the table
    kept = draw(st.one_of(st.just(list(range(len(entries)))),
                          st.lists(st.sampled_from(range(len(entries))), min_size=1, max_size=6)))
    table = [entries[k] + draw(st.sampled_from(["", "", ".", ":"])) for k in kept]
    order = draw(st.permutations(range(len(sections)))) if draw(st.integers(0, 3)) == 0 else range(len(sections))
    body = []
    for k in order:
        heading, *text = sections[k]
        heading = draw(st.sampled_from([heading, heading, heading.upper(), heading.replace("'", "’"), ""]))
        body += ([heading] if heading else []) + draw(st.lists(st.sampled_from(text + _CHROME[:4]), min_size=1,
                                                                max_size=4))
    return "\n".join(above + table + body + below)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_contents_document())
def test_the_cores_agree_on_tables_of_contents(text):
    assert native_path.path_differences(text) == []


_GALLERY_HEADINGS = ["EN IMAGES", "Diaporama : la fête en photos", "In pictures", "Bildergalerie", "Photos", "Gallery of it"]
_COUNTERS = ["{k}/{n}", "{k} of {n}", "Bild {k} von {n}", "Photo {k} sur {n}", "{k} of {n} A shopper looks at a car",
             "{k} / {n}", "24/7"]
_CAPTIONS = ["A fallen tree blocks a road.", "Firefighters pump water from a flooded basement in the old town.",
             "Des centaines de lanternes suspendues dans le parc.", _PROSE[0] + " " + _PROSE[1], "Ein Streufahrzeug."]
_CREDITS = ["© Photo Progrès/Maxime Jegat", "Foto: Max Muster/dpa", "Photo: Getty Images", "Jane Doe / Reuters",
            "Credit: Serious Eats", "© 2024 The Times"]


@st.composite
def _gallery_document(draw) -> str:
    """Prose, then a gallery (one shape for all its items: a counter or not, some captions, a credit before or
    after them or none; an item now and then miscounted or cut short), then prose: what the shapes stage's
    galleries and the context stage read."""
    lines = draw(st.lists(st.sampled_from(_PROSE), min_size=0, max_size=3))
    lines += draw(st.lists(st.sampled_from(_GALLERY_HEADINGS), max_size=2))
    total, counter = draw(st.integers(1, 12)), draw(st.sampled_from(["", *_COUNTERS]))
    captions, credit, credit_first = draw(st.integers(0, 3)), draw(st.sampled_from(["", *_CREDITS])), draw(st.booleans())
    blank = draw(st.sampled_from(["", "item", "credit"]))  # where blank lines stand: none, above items, above credits
    for k in range(1, draw(st.integers(0, 8)) + 1):
        odd = draw(st.integers(0, 9)) == 0
        number = draw(st.integers(0, 30)) if odd and draw(st.booleans()) else k
        item = [counter.format(k=number, n=total)] if counter else []
        text = draw(st.lists(st.sampled_from(_CAPTIONS), min_size=captions, max_size=captions + odd))
        cut = [credit] if credit and not (odd and draw(st.booleans())) else []
        cut = ([""] if cut and blank == "credit" else []) + cut
        lines += ([""] if blank == "item" else []) + item + (cut + text if credit_first else text + cut)
    lines += draw(st.lists(st.sampled_from(_PROSE + _CHROME[:6]), min_size=0, max_size=4))
    return "\n".join(lines) if lines else "x"


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_gallery_document())
def test_the_cores_agree_on_galleries(text):
    assert native_path.path_differences(text) == []


def test_casefold_changes_only_cased_characters():
    """The core's repeats stage writes a character that is not cased (its table's CASED: Python's own) into
    a line's key as it is, and asks ``str.casefold`` of the cased ones alone: true of every code point."""
    changed = [code for code in range(0x110000) if chr(code).casefold() != chr(code)]
    assert len(changed) > 1000
    assert all(chr(code).islower() or chr(code).isupper() or chr(code).istitle() for code in changed)


#: Body lines in and out of ASCII, cased or not, for a dump that says them again in another case.
_REPEATED = ["Die Straße war am Morgen gesperrt, sagte die Polizei der Stadt.", "ΟΔΟΣ ΚΑΙ ΠΟΛΗ ΣΤΟ ΚΕΝΤΡΟ ΤΗΣ ΑΘΗΝΑΣ ΣΗΜΕΡΑ",
             "東京の会社は月曜日に新しい計画を発表したと述べた。", "İstanbul'da yağmur sabah saatlerinde başladı ve sürdü.",
             "ᏣᎳᎩ ᎦᏬᏂᎯᏍᏗ ᎠᏂᏴᏫ ᎤᏂᏣᏘ ᎠᏁᎯ ᏂᎦᏓ", "Ｆｕｌｌ ｗｉｄｔｈ ｌｅｔｔｅｒｓ ｉｎ ａ ｌｏｎｇｅｒ ｓｅｎｔｅｎｃｅ ｈｅｒｅ",
             "The summary of the first paragraphs repeats the article's opening words…"]
_RECASINGS = st.sampled_from([str, str.upper, str.lower, str.casefold, str.title, str.swapcase,
                              lambda text: text.replace("ß", "ẞ").replace("\u00a0", " ")])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(_PROSE + _REPEATED), _RECASINGS), min_size=2, max_size=14))
def test_the_cores_agree_on_lines_repeated_in_another_case(lines):
    """The repeats stage's keys (the line's words case-folded) in the core and in the reference, on lines said
    again in another case, cased scripts and scripts without case."""
    text = "\n".join(casing(line) for line, casing in lines) + "\n"
    assert native_path.path_differences(text) == []


def test_the_cores_agree_on_a_pasted_site_cleaned_in_windows(monkeypatch):
    """Windows as a pasted site makes them (the limits lowered, so that fixture dumps make one)."""
    monkeypatch.setattr("cleaner.document.WHOLE_DUMP_LINES", 120)
    text = "\n\n".join(text for _, text in _fixture_texts()[:8])
    assert pipeline.whole_dump(text) is None
    assert pipeline.run_text(text, core=native_path.native_path())._log is not None
    assert native_path.path_differences(text) == []


def test_the_core_is_given_an_ordinary_dump_without_a_list_of_its_lines(monkeypatch):
    """The core splits a dump itself: telling that it is one page (``is_whole_dump``) splits nothing."""
    text = "\n\n".join(text for _, text in _fixture_texts()[:2])

    def no_split(text):
        raise AssertionError("the dump was split in Python")

    monkeypatch.setattr(pipeline, "whole_dump", no_split)
    monkeypatch.setattr("cleaner.document.whole_dump", no_split)
    assert pipeline.run_text(text, core=native_path.native_path()).paragraphs


@pytest.mark.parametrize("lines, chars", [(120, 1 << 20), (10, 1 << 20), (10_000, 600), (10_000, 5_000)])
def test_is_whole_dump_says_what_whole_dump_does(monkeypatch, lines, chars):
    from cleaner import document

    monkeypatch.setattr(document, "WHOLE_DUMP_LINES", lines)
    monkeypatch.setattr(document, "WHOLE_DUMP_CHARS", chars)
    for text in ["", "a", "a\n" * 9, "a\n" * 10, "abc\n" * 119, "abc\n" * 120, "x" * 700, "ab\n" * 300,
                 "\n".join(text for _, text in _fixture_texts()[:3])]:
        assert document.is_whole_dump(text) == (document.whole_dump(text) is not None), (len(text), lines)

def test_a_text_the_core_refuses_is_cleaned_by_the_reference():
    """A lone surrogate is no UTF-8: the core cannot take the text, and the Python reference cleans it."""
    text = "Home\n\n" + _PROSE[0] + " \ud800 " + _PROSE[1] + "\n\n" + _PROSE[2] + "\n"
    article = pipeline.run_text(text, core=native_path.native_path())
    assert not isinstance(article._lines, native_path.NativeLines)
    assert article.paragraphs == pipeline.run_text(text).paragraphs


def test_clean_runs_the_core_on_a_text_dump():
    import cleaner

    name, text = max(_fixture_texts(), key=lambda item: len(item[1]))
    article = cleaner.clean(text, use_profiles=False)
    assert isinstance(article._lines, native_path.NativeLines), name


def test_explain_words_the_models_evidence_as_the_reference_does():
    name, text = max(_fixture_texts(), key=lambda item: len(item[1]))
    mine = [d.reason for d in pipeline.run_text(text, core=native_path.native_path()).decisions]
    theirs = [d.reason for d in pipeline.run_text(text).decisions]
    assert any("(" in reason and "p=" in reason for reason in mine), name
    assert mine == theirs


def test_the_metadata_stage_makes_python_lines_only_for_the_header():
    """The core's lines stay columns: metadata compares every line with the page title through the texts
    alone (``NativeLines.texts``) and makes a Line for the header's few lines only."""
    body = "\n\n".join([_PROSE[0], _PROSE[1], _PROSE[2]] * 60)
    text = "Council votes on roads | The Daily Example\n\nHome\n\nNews\n\nCouncil votes on roads\n\n" + body + "\n"
    article = pipeline.run_text(text, core=native_path.native_path())
    lines = article._lines
    assert isinstance(lines, native_path.NativeLines)
    assert len(lines) > 150
    assert len(lines.made) < 25
    assert article.title == pipeline.run_text(text).title


def test_the_metadata_stage_makes_no_line_for_a_long_menu_above_the_header():
    """Above the header's window the metadata looks for a dateline and a "By …" line (``_dated_above``,
    ``_credited_above``); it reads those lines' texts (and signals) from the core first, and makes a Line
    only for one that may be either: none for a menu of words."""
    menu = [f"{word} {kind}" for kind in ("news", "guides", "reviews") for word in
            ("Local", "World", "Business", "Sport", "Weather", "Travel", "Science", "Health", "Culture",
             "Opinion", "Video", "Audio", "Money", "Style", "Food", "Homes", "Cars", "Tech", "Books", "Film")]
    body = "\n\n".join([_PROSE[0], _PROSE[1], _PROSE[2]] * 3)
    text = ("Council votes on roads | The Daily Example\n\n" + "\n\n".join(menu)
            + "\n\nCouncil votes on roads\n\n" + body + "\n")
    article = pipeline.run_text(text, core=native_path.native_path())
    lines = article._lines
    menu_at = [i for i in range(len(lines)) if lines.texts()[i] in menu]
    assert len(menu_at) == len(menu) == 60
    window = 15         # metadata._WINDOW: the header's window reads its lines
    assert not [i for i in lines.made if i in menu_at]   # read, not relabelled: no Line made
    # the window's menu lines are read (the headline is its last line), none above it: not the line over the
    # window either, which the bylines' screen reads from the texts (``metadata._may_be_bylines``)
    assert sorted(i for i in lines.seen if i in menu_at) == menu_at[-(window - 1):]
    assert article.title == pipeline.run_text(text).title == "Council votes on roads"


def test_the_metadata_stage_makes_a_line_only_for_the_lines_it_relabels():
    """The header's lines the metadata reads and leaves as they are stay columns (``NativeLines.peek``):
    a Line is made for the headline, the byline and the dateline it relabels, the same decisions as the
    reference's."""
    body = "\n\n".join([_PROSE[0], _PROSE[1], _PROSE[2]] * 3)
    text = ("Council votes on roads | The Daily Example\n\nHome\n\nNews\n\nSport\n\nCouncil votes on roads\n\n"
            "By Ann Lee\n\nMarch 3, 2024\n\n" + body + "\n")
    article = pipeline.run_text(text, core=native_path.native_path())
    lines = article._lines
    decisions = list(lines.decisions())   # (label, stage, reason), no Line made
    relabelled = {i for i, (_, stage, _) in enumerate(decisions) if stage == "metadata"}
    assert {"title", "byline", "date"} <= {decisions[i][0] for i in relabelled}
    assert set(lines.made) == relabelled
    assert {1, 2, 3} <= set(lines.seen)   # the menu's lines were read
    assert [(d.label, d.reason) for d in article.decisions] == [
        (d.label, d.reason) for d in pipeline.run_text(text).decisions]


def test_the_metadata_stage_asks_no_measures_of_a_header_line_its_text_passes_over():
    """A header line read and passed over on its text alone (a line ending in a full stop is no title) is a
    view without measures (``LineView.features`` asks the core on first reading): of the header's lines,
    only those a rule weighs further cost the core's measures."""
    body = "\n\n".join([_PROSE[0], _PROSE[1], _PROSE[2]] * 3)
    text = ("Council votes on roads | The Daily Example\n\nHome\n\nCookies keep this site running.\n\n"
            "Council votes on roads\n\nBy Ann Lee\n\nMarch 3, 2024\n\n" + body + "\n")
    article = pipeline.run_text(text, core=native_path.native_path())
    lines = article._lines
    at = lines.texts().index("Cookies keep this site running.")
    assert at in lines.seen and lines.seen[at]._features is None
    assert lines.seen[at].features.words == 5           # asked when read
    assert (article.title, article.byline, article.date) == (
        (reference := pipeline.run_text(text)).title, reference.byline, reference.date)



def test_the_metadata_stage_copies_no_text_of_the_lines_under_the_header():
    """The metadata stage reads lines' texts from the core down to the header's credit block only
    (``NativeLines.texts(stop)``): a long article's body lines are not copied into a list of texts. What
    it returns is the core's texts all the same, a prefix of them or every one."""
    body = "\n\n".join([_PROSE[0], _PROSE[1], _PROSE[2]] * 10)
    text = "Council votes on roads\n\nBy Jane Doe\n\n" + body + "\n"
    article = pipeline.run_text(text, core=native_path.native_path())
    lines = article._lines
    assert len(lines) > 30
    assert lines._texts is not None and len(lines._texts) < 15
    every = [lines[i].text for i in range(len(lines))]
    assert lines.texts(3)[:3] == every[:3]
    assert lines.texts() == every and lines.texts(5) == every
    assert article.title == pipeline.run_text(text).title


def test_the_texts_asked_for_further_are_copied_past_those_held():
    """``NativeLines.texts(stop)`` asked for more lines than it holds copies only the lines past them
    (``Document.texts(stop, start)``): the strings held stay the same objects, the list is a new one (a
    caller's list stays as it was handed over), and the texts are the core's, in order, as one copy of all."""
    body = "\n\n".join([_PROSE[0], _PROSE[1], _PROSE[2]] * 10)
    text = "Council votes on roads\n\nBy Jane Doe\n\n" + body + "\n"
    article = pipeline.run_text(text, core=native_path.native_path())
    lines = article._lines
    every = list(lines.result.texts())
    assert lines.result.texts(7, 3) == every[3:7] and lines.result.texts(None, 25) == every[25:]
    assert lines.result.texts(4, 9) == [] and lines.result.texts(len(every) + 5, len(every)) == []
    lines._texts = None
    held = lines.texts(5)
    assert held == every[:5]
    more = lines.texts(12)
    assert more == every[:12] and more is not held and held == every[:5]
    assert all(a is b for a, b in zip(held, more))
    assert lines.texts() == every

_TITLE_CHARS = st.sampled_from(list("abcde fgh") + ["é", "ß", "ı", "😀", "中", "\u0301"])
_title_text = st.lists(_TITLE_CHARS, min_size=1, max_size=60).map("".join) | st.lists(
    _TITLE_CHARS, min_size=195, max_size=260).map("".join)          # (difflib's autojunk from 200)


@st.composite
def _titles_and_lines(draw):
    """Title parts, and lines: each a part with characters dropped, changed or added (near the bound), or
    any text of the same characters."""
    titles = tuple(dict.fromkeys(draw(st.lists(_title_text, min_size=1, max_size=5))))
    lines = []
    for _ in range(draw(st.integers(1, 20))):
        if draw(st.booleans()):
            chars = list(draw(st.sampled_from(titles)))
            for _ in range(draw(st.integers(0, 6))):
                at = draw(st.integers(0, len(chars)))
                what = draw(st.sampled_from(["drop", "change", "add"]))
                if what == "add" or not chars:
                    chars.insert(at, draw(_TITLE_CHARS))
                elif what == "drop":
                    del chars[min(at, len(chars) - 1)]
                else:
                    chars[min(at, len(chars) - 1)] = draw(_TITLE_CHARS)
            lines.append("".join(chars))
        else:
            lines.append(draw(_title_text))
    return titles, lines


class _Plain:
    """A line as the reference reads it: its text."""

    def __init__(self, text: str) -> None:
        self.text = text


#: How a generated line is cased before it goes into a dump: the core lower-cases the lines as ``str.lower``
#: does ("ẞ" to "ß", "İ" to two characters, a final "Σ" to "ς"), the reference with ``str.lower`` itself.
_CASINGS = st.sampled_from([str, str.upper, str.title, lambda text: text.replace("ß", "ẞ").replace("ı", "İ")])


@settings(max_examples=400, deadline=None)
@given(_titles_and_lines(), st.lists(_CASINGS, min_size=20, max_size=20))
def test_the_cores_find_the_same_lines_repeating_the_page_title(case, casings):
    """``metadata._repeating``: the core's (``NativeLines.repeating_titles``: the lines lower-cased where the
    core holds them, difflib's bounds and ratio in Rust) against the reference (``str.lower``, difflib), on
    lines near the threshold, in and out of ASCII, in any case."""
    from cleaner.stages.metadata import _repeating, _TitlePart

    titles, lines = case
    parts = tuple(map(_TitlePart, titles))
    text = "\n".join(["Page title", *(casing(line) for casing, line in zip(casings, lines))]) + "\n"
    core_lines = pipeline.run_text(text, core=native_path.native_path())._lines
    assert isinstance(core_lines, native_path.NativeLines)
    plain = [_Plain(line) for line in core_lines.texts()]
    assert _repeating(core_lines, len(plain), parts) == _repeating(plain, len(plain), parts)


def _stoplist_dump(name: str) -> str:
    """Ten sentence-like lines of a stoplist's own words (every k-th of the sorted list), for detection."""
    from cleaner import language

    words = sorted(language.stopwords(name))
    picked = words[:: max(1, len(words) // 120)][:120]
    return "\n".join(" ".join(picked[i:i + 12]).capitalize() + "." for i in range(0, len(picked), 12)) + "\n"


def test_the_cores_detect_the_same_language_for_every_stoplist():
    """Every list passes through the core's word → languages index (built once, on the first dump that
    is not English) and gives the language the reference's index gives, on a dump of its own words."""
    from cleaner import language

    names = language.available_languages()
    assert len(names) > 50
    detected = set()
    for name in names:
        text = _stoplist_dump(name)
        assert native_path.path_differences(text) == [], name
        detected.add(pipeline.run_text(text, core=native_path.native_path()).language)
    assert len(detected) > len(names) // 2  # the dumps do reach many lists, not English's alone


def _dumps_in_many_languages() -> list[tuple[str, list[str]]]:
    """Every fixture dump and pending dump (German, Spanish, French, Japanese, Chinese, English…), as lines."""
    from conftest import ROOT

    paths = sorted(FIXTURES.rglob("*.txt")) + sorted((ROOT / "tests" / "pending").glob("*.txt"))
    return [(path.name, [line.strip() for line in path.read_text(encoding="utf-8").split("\n") if line.strip()])
            for path in paths if not path.name.endswith(".expected.txt")]


def test_the_core_weighs_the_stoplists_as_the_reference_does():
    """``language.detect``'s ``by_index`` answered by the core gives the reference's answer, on every dump."""
    from cleaner import language

    core = native_path.native_path()
    seen = set()
    for name, texts in _dumps_in_many_languages():
        assert core.detect_language(texts) == language.detect(texts), name   # the core ports the whole function
        assert language.detect(texts, core.detect_language) == language.detect(texts), name
        seen.add(language.detect(texts)[0])
    assert {"German", "Spanish", "French"} <= seen, seen


def test_a_page_not_in_english_does_not_build_the_references_stoplist_index():
    """The first HTML page (or profiled dump) not in English in a process is weighed by the core: the
    reference's index of every stoplist (~250 ms) is not built."""
    import subprocess

    from conftest import ROOT, python

    paragraphs = [line for line in (ROOT / "fixtures" / "generic" / "gallery-fr-1.txt").read_text(encoding="utf-8")
                  .split("\n") if len(line) > 200][:3]
    page = ("<html><head><title>Fête des Lumières</title></head><body><nav><a href='/'>Accueil</a></nav>"
            "<article><h1>Fête des Lumières</h1>" + "".join(f"<p>{p}</p>" for p in paragraphs) + "</article></body></html>")
    code = ("import sys, cleaner; from cleaner import language; article = cleaner.clean(sys.stdin.read()); "
            "print(article.language, language._word_index.cache_info().currsize)")
    shown = subprocess.run([python(), "-c", code], input=page, capture_output=True, text=True, check=True).stdout
    assert shown.split() == ["French", "0"], shown


def test_a_profiled_dumps_lines_are_measured_by_the_core(monkeypatch):
    """A dump a profile matches runs the Python stages (its rules are Python regexes), but its lines are
    measured by the core in one call, as an HTML page's are; the article is the reference's."""
    import cleaner

    dump = (FIXTURES / "sites" / "jpost-1.txt").read_text(encoding="utf-8")
    calls = []
    measure = native_path.NativePath.measure_lines
    monkeypatch.setattr(native_path.NativePath, "measure_lines",
                        lambda self, texts, *rest: calls.append(len(texts)) or measure(self, texts, *rest))
    article = cleaner.clean(dump)
    assert article.profile == "jpost" and calls and calls[0] > 10
    measured = len(calls)
    with monkeypatch.context() as reference:
        reference.setattr(native_path, "native_path", lambda: None)   # the Python reference, all of it
        assert cleaner.clean(dump).to_dict() == article.to_dict() and len(calls) == measured


def test_a_profiled_dumps_phrases_are_found_by_the_core(monkeypatch):
    """A dump a profile matches runs the Python stages, but the phrases stage finds the shipped phrases of
    its lines in one call to the core (``NativePath.classify_lines``); the article is the reference's."""
    import cleaner

    dump = (FIXTURES / "sites" / "jpost-1.txt").read_text(encoding="utf-8")
    calls = []
    classify = native_path.NativePath.classify_lines
    monkeypatch.setattr(native_path.NativePath, "classify_lines",
                        lambda self, texts, *rest: calls.append(len(texts)) or classify(self, texts, *rest))
    article = cleaner.clean(dump)
    assert article.profile == "jpost" and len(calls) == 1 and calls[0] >= 5   # (the profile decides most lines)
    with monkeypatch.context() as reference:
        reference.setattr(native_path, "native_path", lambda: None)   # the Python reference, all of it
        assert cleaner.clean(dump).to_dict() == article.to_dict() and len(calls) == 1


#: Lines that may credit the author under the header (``metadata._MAY_CREDIT``), or nearly: each opening, case,
#: bullet and ending the pattern reads, and words that part the engines (the folded "ſ", "K", "İ").
_CREDIT_LINES = st.sampled_from([
    "Written by Ann Lee", "POSTED BY: Bo Li", "• story by the desk", "- Words by", "Article written by:",
    "Text by  :", "posted byline", "Written by", "About Amar Hussain", "ABOUT Alexa", "Über Jörg Müller:",
    "à propos de Zoé", "Sobre María José", "Om Åsa", "over Ann Lee Bo Li Cy Ma Di Wu", "About",
    "About the author", "About 3 people", "Abouts Ann", "Written bY Ann", "WRıTTEN by Ann", "ſtory by Ann",
    "Kelvin written by", "\u2013 posted by Ann", "| text by", "Aboutſ Ann", "About Ann Lee, Author"])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_CREDIT_LINES | _line, min_size=1, max_size=12))
def test_the_cores_find_the_same_lines_that_may_credit_the_author(texts):
    """``metadata._may_credit``: the core's (``NativeLines.may_credit``: the pattern translated, run on the lines
    where the core holds them) against the reference (``_MAY_CREDIT.match`` of each line's text), on credit
    lines, near misses and any text."""
    from cleaner.stages.metadata import _may_credit

    text = "\n".join(["Page title", *(t.replace("\x00", "").replace("\n", " ") for t in texts)]) + "\n"
    core_lines = pipeline.run_text(text, core=native_path.native_path())._lines
    assert isinstance(core_lines, native_path.NativeLines)
    plain = [_Plain(line) for line in core_lines.texts()]
    for start in (0, 1, 2, len(plain)):
        assert core_lines.may_credit(start) == _may_credit(plain, start)


def test_the_core_finds_the_lines_that_may_credit_the_author():
    """The core's lines are those the pattern matches, from ``start`` on (not those before it)."""
    text = "Page title\nWritten by Ann Lee\nSome text of the article here.\nAbout Amar Hussain\nPosted by:\n"
    core_lines = pipeline.run_text(text, core=native_path.native_path())._lines
    texts = core_lines.texts()
    expected = [texts.index(t) for t in ("Written by Ann Lee", "About Amar Hussain", "Posted by:")]
    assert core_lines.may_credit(0) == expected
    assert core_lines.may_credit(expected[0] + 1) == expected[1:]


#: Lines with a digit or near one: ASCII, other scripts' decimal digits ("٣", "५", full-width "５", "𝟓") that
#: ``re``'s ``\d`` finds, and digits it does not (superscript "²", "½", "Ⅻ", circled "③": ``isdigit`` or
#: ``isnumeric`` but no decimal).
_DIGIT_LINES = st.sampled_from([
    "Dec 19, 2025", "No digit here at all", "٣ مارس", "५ मार्च", "Ｄｅｃ ５", "𝟓 min", "x² and ½", "Ⅻ", "③ steps",
    "ab9", "É9", "中文١", "", "-"])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_DIGIT_LINES | _line, min_size=1, max_size=12), st.integers(0, 6))
def test_the_cores_find_the_same_lines_that_may_be_dated(texts, extra_words):
    """``metadata._may_be_dated``: the core's (``NativeLines.digit_lines``: the lines' characters read in the
    core, its table's decimal digits, its measures' words) against the reference (``_DIGIT.search`` of each
    line's text and the Python measures' words), in a range's order both ways, on any range of the lines."""
    from cleaner.stages.metadata import _may_be_dated

    long_line = " ".join(["word"] * (20 + extra_words)) + " 2025"      # (about a dateline's most words)
    text = "\n".join(["Page title", long_line, *(t.replace("\x00", "").replace("\n", " ") for t in texts)]) + "\n"
    core_lines = pipeline.run_text(text, core=native_path.native_path())._lines
    python_lines = pipeline.run_text(text)._lines
    assert isinstance(core_lines, native_path.NativeLines) and not hasattr(python_lines, "digit_lines")
    texts = core_lines.texts()
    assert texts == [line.text for line in python_lines]
    n = len(texts)
    for indices in (range(n), range(1, n), range(n - 1, -1, -1), range(n - 1, 0, -1), range(0), range(n, n)):
        assert list(_may_be_dated(core_lines, texts, indices)) == _may_be_dated(python_lines, texts, indices)
    assert core_lines.digit_lines(0, n + 5, 24) == core_lines.digit_lines(0, n, 24)


def test_the_core_finds_the_short_lines_with_a_digit():
    """The lines of the range of at most so many words whose text holds a decimal digit, in order; none before
    ``start`` or from ``stop``."""
    text = "Page title\nDec 19, 2025\nSome text of the article here.\n٣ مارس\nx² and ½\nPage 2\none two three 4\n"
    core_lines = pipeline.run_text(text, core=native_path.native_path())._lines
    texts = core_lines.texts()
    expected = [texts.index(t) for t in ("Dec 19, 2025", "٣ مارس", "Page 2", "one two three 4")]
    assert core_lines.digit_lines(0, len(texts), 24) == expected
    assert core_lines.digit_lines(expected[0] + 1, expected[2], 24) == expected[1:2]
    assert core_lines.digit_lines(0, len(texts), 3) == expected[:3]


#: Lines a metadata screen (``metadata.SCREENS``) matches, or nearly: credits' openings, "Published" labels, thread
#: starters' labels before or after the name, in other cases and scripts, with bullets, and words that part the
#: engines (the folded "ſ", "K", "İ").
_SCREEN_LINES = st.sampled_from([
    "By Ann Lee", "by", "BY: Bo Li", "• Written by Ann Lee", "- Story by the desk", "Byline Times", "Bypass",
    "Posted by Ann | May 3, 2024", "Published on November 5, 2025", "Published:", "PUBLISHED", "Publishedd",
    "Veröffentlicht am 3. Mai 2025", "Publié le 3 mai", "Thread starter Ann Lee", "Thread Starter", "annlee Thread starter",
    "Ann Lee Discussion starter", "Ersteller Bernd_K · Erstellt am 3. Februar 2025", "ſtory by Ann", "İ by Ann",
    "Kelvin by", "#1", "# 21", "Post #5", "Ann Lee is a writer", "Ann Lee", "Ann", "  By Ann Lee", "Thread starter:",
    "By The Associated Press", "REUTERS", "Reuters staff and agencies writing here", "Apple", "Yesterday", "today",
    "posted JUST NOW", "Toda la noche", "٣ مارس", "no date at all", "justnow", "page 2 of 3",
    "Posted on May 3, 2024 by Ann Lee", "nearby", "March 3 BY  ann", "by Ann", "x par Anne", "asked Feb 4, 2014 at 13:02",
    "Asked 12 years ago", "Joined: Mon Jul 24, 2017", "Commented Jul 4, 2021", "rejoined", "Member since 2019"])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_SCREEN_LINES | _line, min_size=1, max_size=12), st.sampled_from(["#", "Ann", "é", "By "]))
def test_the_cores_screen_the_same_lines_for_the_metadata_stage(texts, needle):
    """``metadata._screened``, ``_containing`` and ``_starting_with``: the core's (``NativeLines.screened``: each of
    ``metadata.SCREENS`` translated and run where the core holds the lines; ``containing``, ``starting_with``) against
    the reference (the pattern's ``match``, ``in`` and ``startswith`` of each line's text), on any range."""
    from cleaner.stages.metadata import SCREENS, _containing, _screened, _screened_any, _screened_at, _starting_with

    text = "\n".join(["Page title", *(t.replace("\x00", "").replace("\n", " ") for t in texts)]) + "\n"
    core_lines = pipeline.run_text(text, core=native_path.native_path())._lines
    assert isinstance(core_lines, native_path.NativeLines)
    plain = [_Plain(line) for line in core_lines.texts()]
    n = len(plain)
    prefixes = (needle, "Ann Lee ", "By")
    for start, stop in ((0, n), (1, n), (2, n - 1), (0, n + 5), (n, n), (3, 1)):
        for name in SCREENS:
            assert _screened(core_lines, name, start, stop) == _screened(plain, name, start, stop), name
        names = tuple(SCREENS)
        assert _screened_any(core_lines, names, start, stop) == _screened_any(plain, names, start, stop)
        assert _screened_any(core_lines, names[2:], start, stop) == _screened_any(plain, names[2:], start, stop)
        assert _containing(core_lines, needle, start, stop) == _containing(plain, needle, start, stop)
        assert _starting_with(core_lines, prefixes, start, stop) == _starting_with(plain, prefixes, start, stop)
    for at in ([], list(range(n)), list(range(n - 1, -1, -1)), [k for k in range(n) if k % 2], [n - 1, 0, n - 1]):
        names = tuple(SCREENS)
        assert _screened_at(core_lines, names, at) == _screened_at(plain, names, at), at


def test_the_core_screens_the_lines_a_metadata_pattern_matches():
    """The core's lines are those the screen's pattern matches (``match``), in ``start``..``stop``, in order; the
    lines holding a string, the lines opening with one of several."""
    text = ("Page title\nBy Ann Lee\nSome text of the article here, by the way.\nPublished on May 5, 2025\n"
            "• Written by Bo Li\nThread starter Ann Lee\nannlee Thread starter\nPost #1\nAnn Lee is a writer.\n")
    core_lines = pipeline.run_text(text, core=native_path.native_path())._lines
    texts = core_lines.texts()
    at = texts.index
    assert core_lines.screened("byline_opening", 0, len(texts)) == [at("By Ann Lee"), at("• Written by Bo Li")]
    assert core_lines.screened("byline_opening", at("By Ann Lee") + 1, len(texts)) == [at("• Written by Bo Li")]
    assert core_lines.screened("published_label", 0, len(texts)) == [at("Published on May 5, 2025")]
    assert core_lines.screened("thread_starter", 0, len(texts)) == [at("Thread starter Ann Lee")]
    assert core_lines.screened("thread_starter_after", 0, len(texts)) == [at("annlee Thread starter")]
    assert core_lines.screened_any(("thread_starter", "thread_starter_after", "published_label"), 0, len(texts)) == [
        at("Published on May 5, 2025"), at("Thread starter Ann Lee"), at("annlee Thread starter")]
    assert core_lines.containing("#", 0, len(texts)) == [at("Post #1")]
    assert core_lines.starting_with(("Ann Lee ", "Bo "), 0, len(texts)) == [at("Ann Lee is a writer.")]
    assert core_lines.starting_with(("Ann Lee ",), 0, at("Ann Lee is a writer.")) == []
    assert core_lines.screened("byline_opening", 5, 2) == core_lines.containing("#", 9, 99) == []   # (empty ranges)
    # of a list of lines, in the order given, each screen's own
    picked = [at("Post #1"), at("• Written by Bo Li"), at("By Ann Lee"), at("Some text of the article here, by the way.")]
    assert core_lines.screened_at(("byline_opening", "by_inside", "date_needle"), picked) == [
        [picked[1], picked[2]], [picked[1], picked[3]], [picked[0]]]
    with pytest.raises(IndexError):
        core_lines.screened_at(("byline_opening",), [len(texts)])


# --- the title pick ------------------------------------------------------------------------------------------

_HEAD_WORDS = ["Storm", "closes", "the", "harbour", "road", "after", "Quillmark", "Data", "Blog", "guide", "best",
               "budget", "headphones", "Wine", "for", "Beginners", "Ärzte", "über", "İstanbul", "ΣΟΦΙΑ", "2025-26",
               "Co-op", "Season", "news", "review"]
_SEPARATORS = [" | ", " - ", " – ", " — ", ": ", " • ", " · ", " » ", " -", "- ", "  |  ", " :: ", "\u00a0|\u00a0"]
_words = st.lists(st.sampled_from(_HEAD_WORDS), min_size=1, max_size=9).map(" ".join)


@st.composite
def _header(draw):
    """A dump whose first line is a page title of parts ("Headline | Site", "Site: Headline", "Headline - Author -
    Site") and whose header, above the first prose line, prints its parts, the site's name, the headline again,
    a lead-in, a dateline, a byline or other short lines, in any case; and a URL whose host may name the site."""
    parts = draw(st.lists(_words, min_size=1, max_size=4))
    seps = draw(st.lists(st.sampled_from(_SEPARATORS), min_size=len(parts), max_size=len(parts)))
    page_title = parts[0] + "".join(sep + part for sep, part in zip(seps[1:], parts[1:]))
    casing = st.sampled_from([str, str.upper, str.title, str.lower])
    pieces = [*parts, page_title, " ".join(parts[1:]), parts[-1] + ":", "By Ann Lee", "May 5, 2024",
              "Ann Lee – Quillmark Data", "Home", "Storm closes the harbour road.", "Storm closes the harbour...",
              "   ".join(parts)]
    header = []
    for _ in range(draw(st.integers(0, 20))):
        line = draw(st.one_of(st.sampled_from(pieces), _words)) if draw(st.integers(0, 3)) else header[-1] \
            if header else page_title
        header.append(draw(casing)(line))
    body = draw(st.lists(st.sampled_from(_PROSE[:3]), min_size=1, max_size=3))
    host = draw(st.sampled_from([None, "https://blog.quillmark.com/a", "https://www.harbourdata.org/b",
                                 "https://example.com/c"]))
    return "\n".join([draw(casing)(page_title), *header, *body]) + "\n", host


class _Reference:
    """A document's core lines without the core's pick: the reference picks on the very same lines."""

    def __init__(self, lines) -> None:
        self._lines = lines

    def __getattr__(self, name: str):
        if name == "pick_titles":
            raise AttributeError(name)
        return getattr(self._lines, name)

    def __len__(self) -> int:
        return len(self._lines)

    def __getitem__(self, i):
        return self._lines[i]


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_header(), st.data())
def test_the_cores_pick_the_same_headlines(case, data):
    """``MetadataStage._pick_titles``: the core's (``NativeLines.pick_titles``: the page title's parts, its site
    and signature, the lines repeating or printing it, the scores, in Rust) against the reference on the same
    lines, and the articles' title, byline and date (:func:`path_differences`, with the URL)."""
    from cleaner.document import Document
    from cleaner.memo import document_memo
    from cleaner.stages.metadata import MetadataStage, _naming_labels
    from cleaner.textmodel import default_model

    text, url = case
    path = native_path.native_path()
    model = default_model()
    lines = native_path.NativeLines(path, path.path.run(text, path.model(model), 1, False), model)
    first = lines.first_prose
    if first is not None:
        window = range(max(0, first - 15), first)
        meta = data.draw(st.lists(st.sampled_from(window), unique=True, max_size=3)) if first else []
        with document_memo():
            picked = lines.pick_titles(window.start, first, meta, list(_naming_labels(url)))
            reference = MetadataStage._pick_titles(Document(lines=_Reference(lines), url=url), window, first, meta)
        assert picked is not None
        assert picked == reference
    assert native_path.path_differences(text, url) == []


def test_the_cores_title_pick_cuts_the_page_title_as_the_reference_does():
    """The core's pick writes out the reference's page-title patterns (``native/src/titlepick.rs``: the separators,
    "Headline | Site", the site's words, the letters of its name): a change to one here must be made there too."""
    from cleaner.stages import metadata

    assert metadata._SITE_SEPARATOR.pattern == r"\s\s*[-|–—•·»]\s+"
    assert metadata._TITLE_SEPARATOR.pattern == r"[\s:](?:(?<=\s)\s*[-|–—•·»]\s+|(?<=:)\s+)"
    assert metadata._TITLE_SUFFIX.pattern == (
        r"^(?P<title>.{10,}?)\s+[-|–—:•·]\s+(?P<site>(?:[^-|–—•·]|(?<=[^\W\d_])-(?=[^\W\d_])){2,60})$")
    assert metadata._TITLE_WORD.pattern == r"[^\W\d_][^\W\d_]{2,}"
    assert metadata._NOT_LETTERS.pattern == r"[\W_][\W_]*"
