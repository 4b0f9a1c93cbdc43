"""HTML in, article out: layout with markup evidence, the markup stage, metadata, --explain."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner import Cleaner, clean
from conftest import FIXTURES

NEWS = FIXTURES / "html" / "news-article.html"
BLOG = FIXTURES / "html" / "blog-post.html"
GERMAN = FIXTURES / "html" / "german-cp1252.html"


def _document(html: str):
    from cleaner.html import html_to_document

    return html_to_document(html)


def test_blocks_become_lines_and_inline_text_flows():
    doc = _document("<html><body><div>One <b>bold</b> <a href='#'>link</a>.<p>Two</p>tail</div>"
                    "<ul><li>item one</li><li>item two</li></ul><h2>Heading</h2>"
                    "<p>first<br>second</p><pre>code a\ncode b</pre></body></html>")
    assert [line.text for line in doc.lines] == [
        "One bold link.", "Two", "tail", "item one", "item two", "Heading", "first", "second", "code a", "code b"]
    assert doc.source_format == "html"
    by_text = {line.text: line for line in doc.lines}
    assert by_text["Heading"].markup.heading == 2
    assert by_text["item one"].markup.list_item and by_text["item one"].markup.tag == "li"
    assert by_text["One bold link."].markup.link_chars == len("link.") - 1
    assert not by_text["second"].blank_before and by_text["first"].blank_before


def test_control_characters_are_not_shown():
    """A browser shows no C0 control character: none comes out in a line, the title or the body, and a block
    holding nothing else is no line (a format character such as a zero-width space is left alone)."""
    prose = "This paragraph of the article is long enough to be its text, and it goes on for a while. " * 4
    page = (f"<html><head><title>Big\x07 news\x1b today</title></head><body><h1>Big \x07 news today</h1>"
            f"<p>\x01\x7f</p><p>Zero\u200bwidth and a bell\x07here. {prose}</p></body></html>")
    doc = _document(page)
    assert [line.text for line in doc.lines][:2] == ["Big news today", f"Zero\u200bwidth and a bellhere. {prose.strip()}"]
    article = clean(page)
    assert article.title == "Big news today" and "\x07" not in article.body and "bellhere" in article.body
    assert clean(page.replace("<h1>Big \x07 news today</h1>", "")).title == "Big news today"


def test_scripts_styles_and_head_are_not_text():
    doc = _document("<html><head><title>T</title><style>p{}</style></head><body><script>var x = 1;</script>"
                    "<noscript>Enable JavaScript</noscript><p>Visible</p><template><p>later</p></template>"
                    "</body></html>")
    assert [line.text for line in doc.lines] == ["Visible"]


def test_markup_evidence_names_containers_and_region_words():
    doc = _document("<html><body><nav class='site-menu'><a href='/'>Home</a></nav>"
                    "<div id='comments' class='comment-list'><p>Nice post</p></div>"
                    "<article><div class='postBody'><p>Article text.</p></div></article>"
                    "<div style='display: none'><p>Hidden</p></div>"
                    "<table><tr><td>cell</td></tr></table><footer><p>Footer</p></footer></body></html>")
    markup = {line.text: line.markup for line in doc.lines}
    assert "nav" in markup["Home"].containers and "menu" in markup["Home"].near
    assert "comment" in markup["Nice post"].near or "comments" in markup["Nice post"].near
    assert "article" in markup["Article text."].containers and {"post", "body"} <= markup["Article text."].near
    assert markup["Hidden"].hidden and not markup["Article text."].hidden
    assert markup["cell"].table_cell and "table" in markup["cell"].containers
    assert "footer" in markup["Footer"].containers


def test_syntax_highlighting_classes_are_not_region_words():
    """Inside <pre>, "token comment" names a kind of code token, not a comments section."""
    doc = _document("<html><body><article class='post'><pre class='language-sh'><code>"
                    "<span class='token comment'># initialize git</span>\n<span class='token keyword'>git</span> init"
                    "</code></pre><div class='comments'><p>Nice post</p></div></article></body></html>")
    markup = {line.text: line.markup for line in doc.lines}
    assert markup["# initialize git"].tag == "pre" and markup["git init"].tag == "pre"
    assert not {"comment", "comments", "token", "keyword"} & (markup["# initialize git"].near | markup["git init"].near)
    assert "post" in markup["# initialize git"].near
    assert "comments" in markup["Nice post"].near or "comment" in markup["Nice post"].near


def test_repeated_siblings_are_counted():
    items = "".join(f"<div class='card'><p>Story {i}</p></div>" for i in range(6))
    doc = _document(f"<html><body><div class='grid'>{items}</div><p>Alone</p></body></html>")
    repeats = {line.text: line.markup.repeats for line in doc.lines}
    assert repeats["Story 3"] == 6 and repeats["Alone"] == 1


def test_news_page_keeps_the_article_and_drops_the_chrome():
    article = clean(NEWS.read_bytes(), use_profiles=False)
    body = article.body
    assert article.paragraphs[0].startswith("Residents of the small harbour town voted")
    assert "Work on a temporary barrier" in article.paragraphs[-1]
    assert "A century of storms" in article.paragraphs
    for chrome in ("Politics", "Skip to content", "We use cookies", "Storm damage bill", "Sign up for our free",
                   "About time.", "Lifeboat crew", "All rights reserved", "Share on Facebook"):
        assert chrome not in body, chrome


def test_metadata_comes_from_the_page():
    article = clean(NEWS.read_bytes(), use_profiles=False)
    assert article.title == "Harbour town votes to rebuild its old sea wall"
    assert article.byline == "Maria Lindqvist"
    assert article.date == "2024-03-14"
    assert article.site == "The Coastal Courier"
    assert article.source_format == "html"
    labels = {d.text: d.label for d in article.decisions}
    assert labels["Harbour town votes to rebuild its old sea wall"] == "title"
    assert labels["By Maria Lindqvist"] == "byline"


#: A script's shell: the posts come after the page loads, so a reader of its HTML sees no line of text.
SHELL_PAGE = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Which tide tables do sailors trust? - Boats - The Harbour Forum</title>
<meta property="og:title" content="Which tide tables do sailors trust?">
<meta property="og:site_name" content="The Harbour Forum">
<meta name="author" content="Jan Visser">
<meta property="article:published_time" content="2024-05-02T09:14:00+00:00">
<script>window.app = {"boot": true};</script></head>
<body><section id="splash"><div class="dots"></div><div class="dots"></div></section>
<script src="/app.js"></script></body></html>"""


def test_a_page_that_shows_no_text_still_gives_what_its_meta_tags_state():
    """No body, but the title, author, site and date the page states: a record indexed by them keeps them."""
    article = clean(SHELL_PAGE, input_format="html", use_profiles=False)
    assert article.body == "" and article.decisions == []
    assert article.title == "Which tide tables do sailors trust?"
    assert article.byline == "Jan Visser"
    assert article.site == "The Harbour Forum"
    assert article.date == "2024-05-02"


def test_every_line_has_a_reason_from_a_stage():
    article = clean(BLOG.read_bytes(), use_profiles=False)
    assert article.decisions and all(d.reason for d in article.decisions)
    markup_reasons = [d.reason for d in article.decisions if d.stage == "markup"]
    assert len(markup_reasons) > 0.8 * len(article.decisions)
    kept = [d for d in article.decisions if d.label == "body"]
    assert all(d.stage == "markup" and d.reason.startswith("body ") for d in kept)
    assert [d.text for d in kept] == article.paragraphs


def test_blog_lists_and_subheadings_are_their_own_paragraphs():
    article = clean(BLOG.read_bytes(), use_profiles=False)
    assert "marsh marigold for early flowers" in article.paragraphs
    assert "2. Skip the fountain" in article.paragraphs
    for chrome in ("Recent Posts", "Leave a Reply", "Lovely post", "Proudly powered", "Previous post:", "Menu"):
        assert chrome not in article.body, chrome


def test_legacy_encoding_declared_in_meta_is_decoded():
    article = clean(GERMAN.read_bytes(), use_profiles=False)
    assert article.title == "Neue Radwege für die Altstadt"
    assert any(p.startswith("„Wir müssen den Platz") for p in article.paragraphs)
    assert "Impressum" not in article.body and "Mehr zum Thema" not in article.body


def test_cli_explain_and_json_on_html(runner, cli):
    explained = runner.invoke(cli, ["--explain", "--no-profiles", str(NEWS)])
    assert explained.exit_code == 0, explained.stderr
    rows = explained.stdout.splitlines()[1:]
    assert any(" markup " in row and " not body " in row and "Politics" in row for row in rows)
    assert any(" markup " in row and " body " in row and "Residents of the small harbour" in row for row in rows)
    # The page's title, byline and date lines: the metadata stage's, on HTML as on text.
    assert [row.split()[1:3] for row in rows if row.endswith(("Harbour town votes to rebuild its old sea wall",
                                                              "By Maria Lindqvist"))] == [["title", "metadata"],
                                                                                          ["byline", "metadata"]]
    result = runner.invoke(cli, ["--format", "json", str(NEWS)])
    record = json.loads(result.stdout)
    assert record["title"] == "Harbour town votes to rebuild its old sea wall"
    assert record["date"] == "2024-03-14"
    assert record["body"] == "\n\n".join(record["paragraphs"])


def test_input_format_text_reads_html_as_a_dump():
    article = Cleaner(use_profiles=False).clean(NEWS.read_text(encoding="utf-8"), input_format="text")
    assert article.source_format == "text"


def test_the_model_file_matches_the_features(tmp_path):
    """Each shipped ensemble was trained on exactly the columns this version computes, in their order, and
    splits on them only; a file trained on other columns (here: the same names, reordered) is refused."""
    from importlib import resources

    from cleaner.errors import ModelError
    from cleaner.html import model
    from cleaner.html.features import MARKUP_NAMES, NAMES

    spec = json.loads(resources.files("cleaner.data").joinpath(model.PACKAGED).read_text(encoding="utf-8"))
    loaded = model.default_model()
    for key, ensemble, names in (("markup", loaded.markup, MARKUP_NAMES), ("consulted", loaded.consulted, NAMES)):
        assert spec[key]["features"] == list(names)
        split_on = {feature for tree in spec[key]["trees"] for feature, left in zip(tree["feature"], tree["left"])
                    if left >= 0}
        assert split_on and split_on <= set(range(len(names)))
        assert 0 < ensemble.threshold < 1
        probabilities = ensemble.probabilities([[0.0] * len(names)])
        assert 0.0 <= probabilities[0] <= 1.0
        reordered = json.loads(json.dumps(spec))
        reordered[key]["features"] = list(reversed(names))
        path = tmp_path / f"{key}.json"
        path.write_text(json.dumps(reordered), encoding="utf-8")
        with pytest.raises(ModelError, match=f"'{key}' was trained on other features"):
            model.load_model(path)
    low, high = loaded.doubt_band
    assert 0 <= low < high <= 1 and 0 <= loaded.consult_above <= 1


def test_container_statistics_bottom_up_equal_the_path_walk():
    from cleaner.html import features
    from cleaner.stages.features import FeaturesStage

    nested = "".join(f"<div class='c{i}'>" for i in range(12)) + "<p>Deep prose sits here, in a sentence.</p>" \
        + "</div>" * 12
    doc = _document("<html><body><nav><a href='/'>Home</a> <a href='/a'>About</a></nav>"
                    "<article><h1>A title</h1><p>The first paragraph is prose, with a full stop at its end.</p>"
                    "<ul><li><a href='/x'>A link</a></li><li>Plain item</li></ul><p>More prose follows here, "
                    "as the second paragraph of the story.</p></article>" + nested
                    + "<footer>Copyright notice</footer></body></html>")
    FeaturesStage()(doc)
    prose = [features._is_prose(line) for line in doc.lines]
    assert features._element_stats(doc.lines, prose) == features._element_stats_by_path(doc.lines, prose)


def test_page_level_columns_describe_the_whole_page_on_every_line():
    from cleaner.html.features import COVERAGE_NAMES, MARKUP_NAMES, coverage_rows, markup_rows
    from cleaner.stages.features import FeaturesStage

    doc = _document("<html><body><nav><a href='/'>Home</a> <a href='/a'>About us</a></nav><article>"
                    "<p>The first paragraph is prose, with a full stop at its end and enough words in it.</p>"
                    "<p>More prose follows here, as the second paragraph of the story, also with a stop.</p>"
                    "</article><footer>Copyright notice</footer></body></html>")
    FeaturesStage()(doc)
    rows = markup_rows(doc.lines, None)
    column = {name: {row[MARKUP_NAMES.index(name)] for row in rows}
              for name in ("page_log_chars", "page_prose_share", "page_top_share")}
    assert all(len(values) == 1 for values in column.values())
    assert 0.5 < column["page_prose_share"].pop() < 1.0        # the menu and the footer are not prose
    assert 0.5 < column["page_top_share"].pop() < 1.0          # the article holds most of the page

    def page_covered(covered):
        at = COVERAGE_NAMES.index("page_covered_share")
        return {row[at] for row in coverage_rows(doc.lines, covered)}

    assert page_covered([1.0] * len(doc.lines)) == {1.0}
    assert page_covered([0.0] * len(doc.lines)) == {0.0}
    prose = [1.0 if "prose" in line.text else 0.0 for line in doc.lines]
    prose_chars = sum(len(line.text) for line in doc.lines if "prose" in line.text)
    share = prose_chars / sum(len(line.text) for line in doc.lines)
    (value,) = page_covered(prose)
    assert value == pytest.approx(share, abs=0.051)           # kept in tenths


def test_page_level_columns_hold_on_a_page_nested_deeper_than_the_paths_kept():
    """A line keeps the last PATH_LIMIT ids of its path: the page's totals must not come from the first one's."""
    from cleaner.html.features import MARKUP_NAMES, markup_rows
    from cleaner.html.layout import PATH_LIMIT
    from cleaner.stages.features import FeaturesStage

    inner = ("<nav><a href='/'>Home</a> <a href='/a'>About us</a></nav><article><div><div><div>"
             "<p>The first paragraph is prose, with a full stop at its end and enough words in it.</p>"
             "<p>More prose follows here, as the second paragraph of the story, also with a stop.</p>"
             "</div></div></div></article><footer>Copyright notice</footer>")
    depth = PATH_LIMIT + 20

    def columns(body: str) -> dict[str, set[float]]:
        doc = _document(f"<html><body>{body}</body></html>")
        FeaturesStage()(doc)
        rows = markup_rows(doc.lines, None)
        return {name: {row[MARKUP_NAMES.index(name)] for row in rows}
                for name in ("page_log_chars", "page_prose_share", "page_top_share")}

    assert columns("<div>" * depth + inner + "</div>" * depth) == columns(inner)


def test_a_bare_menu_page_has_no_article_and_trafilatura_is_not_asked(monkeypatch):
    from cleaner.html import evidence

    def fail(*args, **kwargs):
        raise AssertionError("trafilatura asked about a page with almost no words in doubt")

    monkeypatch.setattr(evidence, "main_text", fail)
    article = clean('<html><body><nav><a href="/">Home</a></nav></body></html>')
    assert article.body == ""


def test_a_teaser_carousel_is_dropped_even_where_the_markup_looks_like_content():
    """Headline + DATELINE: lead, repeated: the text shape overrules the markup model's 'body'."""
    para = ("<p>The regional council approved the new water plan on Monday after a debate that lasted most of the "
            "day, and officials said the first pipes would be laid before the end of the summer season.</p>")
    stories = [
        ("Court asks state to explain delay in hospital project",
         "The court on Tuesday asked the state government to explain why the hospital has not opened."),
        ("Farmers march to capital over crop prices",
         "Thousands of farmers marched towards the capital on Wednesday demanding better prices."),
        ("Rail line to the hills to reopen next month",
         "The mountain railway will reopen next month after repairs to three bridges, officials said."),
        ("Schools shut as cold wave grips the north",
         "Schools across the northern plains were shut on Thursday as temperatures dropped sharply."),
    ]
    teasers = [f"<li>{headline} NEW DELHI: {lead}</li>" for headline, lead in stories]
    # one item whose dateline the site cut short: no "CITY:" to see, but it sits inside the carousel
    teasers.insert(2, "<li>Ministers meet to settle the new budget for the coming year WAS</li>")
    teasers = "".join(teasers)
    page = ("<!doctype html><html><head><title>Water plan approved</title></head><body><div class='content'>"
            "<h1>Water plan approved</h1>" + para * 4 + "<ul class='content-list'>" + teasers + "</ul></div></body></html>")
    article = Cleaner(use_profiles=False).clean(page)
    assert article.paragraphs and article.paragraphs[0].startswith("The regional council approved")
    assert not any("NEW DELHI:" in paragraph or "WAS" in paragraph for paragraph in article.paragraphs)
    reasons = {(d.stage, d.reason) for d in article.decisions if "NEW DELHI:" in d.text or d.text.endswith("WAS")}
    assert reasons == {("shapes", "teaser list (headline, dateline and lead, repeated)")}


def test_final_boilerplate_language_overrules_the_markup_model():
    """An 'Advertisement' slot inside the article's own markup is still not article text."""
    paragraphs = [
        "The regional council approved the new water plan on Monday after a debate that lasted most of the day.",
        "Officials said the first pipes would be laid before the end of the summer, starting in the northern districts.",
        "Residents had complained for years about low pressure and long cuts during the dry months of the year.",
        "The plan will be paid for by a mix of state grants and a small rise in the water rate from next spring.",
    ]
    body = "".join(f"<p>{text}</p>" for text in paragraphs[:2]) + "<p>Advertisement</p>" + \
        "".join(f"<p>{text}</p>" for text in paragraphs[2:])
    page = ("<!doctype html><html><head><title>Water plan approved</title></head><body>"
            f"<article class='content'><h1>Water plan approved</h1>{body}</article></body></html>")
    article = Cleaner(use_profiles=False).clean(page)
    assert article.paragraphs == paragraphs
    [advert] = [d for d in article.decisions if d.text == "Advertisement"]
    assert (advert.label, advert.stage, advert.reason) == ("boilerplate", "phrases", "ads (whole line)")


def test_trafilatura_is_asked_again_with_its_full_cascade_when_its_fast_path_finds_little(monkeypatch):
    """Its fast path misses some articles (listings, unusual templates); the full cascade finds them."""
    from cleaner.html import evidence

    calls = []

    def fake_extract(root, url, fast, favor_recall):
        calls.append(fast)
        return "a short teaser" if fast else "the whole article " * 100

    monkeypatch.setattr(evidence, "_extract", fake_extract)
    root = _document("<html><body><p>x</p></body></html>").root
    assert evidence.main_text(root) == "the whole article " * 100
    assert calls == [True, False]

    calls.clear()
    monkeypatch.setattr(evidence, "_extract", lambda root, url, fast, favor_recall: calls.append(fast) or "word " * 200)
    assert evidence.main_text(root) == "word " * 200
    assert calls == [True]  # enough text: the fast reading is kept, the full cascade not run


def test_chrome_phrase_search_finds_what_the_case_insensitive_pattern_finds():
    """ASCII lines take a faster lower-cased search; other text keeps re.I, which also folds the long s,
    the Kelvin sign and the dotted capital I into the phrases' letters."""
    from cleaner.html.features import _CHROME, _chrome_phrase

    samples = ["Read More", "READ MORE »", "Sign In", "LOG IN", "login", "Share On Facebook", "Cookies",
               "bread moreover", "Subscriber numbers rose", "The court said so.", "Copyright © 2024",
               "ſhare this", "Accept \u212aookies? No: cooKies", "LOG \u0130N", "Über uns · Newsletter",
               "Kommentare (3)", "Zum Newsletter anmelden"]
    found = [_chrome_phrase(text) for text in samples]
    assert found == [_CHROME.search(text) is not None for text in samples]
    assert found[11] and found[13] and not found[7]     # the long s and the dotted I count, "bread more" not


def test_the_core_finds_the_chrome_phrases_re_finds():
    """The markup rows' chrome column is searched by the native core in one call for the page's short lines
    (``found_in_lines`` with ``CHROME_PATTERN``, the pattern without the lookahead ``re`` needs for speed):
    the same lines as the ``re`` search, and where the core does not run, the ``re`` search itself."""
    from types import SimpleNamespace

    from cleaner import native
    from cleaner.html import features

    samples = ["Read More", "READ MORE »", "Sign In", "LOG IN", "login", "Share On Facebook", "Cookies",
               "bread moreover", "Subscriber numbers rose", "The court said so.", "Copyright © 2024",
               "ſhare this", "Accept \u212aookies? No: cooKies", "LOG \u0130N", "Über uns · Newsletter",
               "Kommentare (3)", "Zum Newsletter anmelden", "e_newsletter", "é-newsletter", "1cookies", "cookiesé",
               "Log in to comment" + " and more" * 40]
    expected = [features._CHROME.search(text) is not None for text in samples]
    assert expected[17:21] == [False, True, False, False]
    if native.core() is not None:
        assert list(native.found_in_lines(features.CHROME_PATTERN, samples)) == [int(hit) for hit in expected]
    lines = [SimpleNamespace(text=text) for text in samples]
    sized = [SimpleNamespace(chars=len(text)) for text in samples]
    wanted = [hit and len(text) <= features._CHROME_MAX_CHARS for hit, text in zip(expected, samples)]
    asked = []

    def search(pattern, texts):
        asked.append(len(texts))
        return native.found_in_lines(pattern, texts)

    assert features._chrome_column(lines, sized, search) == wanted == features._chrome_column(lines, sized)
    assert asked == [len(samples) - 1]              # the short lines, in one call
    assert wanted[-1] is False and expected[-1]     # a long line is never chrome


def test_clean_hands_an_html_pages_rows_the_cores_search(monkeypatch):
    """``Cleaner.clean`` sets ``Document.line_search`` on an HTML page, and the markup rows get it."""
    from cleaner.html import decide

    seen = []
    page_rows = decide.page_rows
    monkeypatch.setattr(decide, "page_rows", lambda doc, root: seen.append(doc.line_search) or page_rows(doc, root))
    clean("<html><body><nav><a href='/'>Home</a></nav><p>A first paragraph of some length, with words.</p>"
          "<p>Sign up for our newsletter</p></body></html>")
    from cleaner.api import _found_by_core

    assert seen == [_found_by_core]


def test_the_compiled_trees_add_up_every_tree_in_order():
    """The generated scorer (conditional expressions summed in groups) equals walking each tree."""
    import json
    import random
    from importlib import resources

    from cleaner.html import model

    spec = json.loads(resources.files("cleaner.data").joinpath(model.PACKAGED).read_text(encoding="utf-8"))["markup"]
    width = len(spec["features"])
    score = model._compile(spec["trees"], float(spec["base"]), width)

    def walk(tree, row):
        node = 0
        while tree["left"][node] >= 0:
            go_left = row[int(tree["feature"][node])] <= float(tree["threshold"][node])
            node = tree["left"][node] if go_left else tree["right"][node]
        return float(tree["value"][node])

    rng = random.Random(7)
    for _ in range(200):
        row = [rng.choice((0.0, 1.0, rng.random(), rng.uniform(0, 8))) for _ in range(width)]
        total = float(spec["base"])
        for tree in spec["trees"]:
            total += walk(tree, row)
        assert score(row) == total


def _shipped_ensemble(key: str) -> dict:
    import json
    from importlib import resources

    from cleaner.html import model

    return json.loads(resources.files("cleaner.data").joinpath(model.PACKAGED).read_text(encoding="utf-8"))[key]


@pytest.mark.parametrize("key", ["markup", "consulted"])
def test_the_native_trees_score_every_row_as_the_reference_does_to_the_bit(key):
    """The core's complete-tree layout walks each row to the same leaf and adds the leaves in the same order:
    rows on the thresholds themselves, just either side of them, NaN (never <= anything) and whole numbers."""
    import math
    import random

    from cleaner.extension import extension
    from cleaner.html import model

    core, why = extension()
    if core is None:
        pytest.skip(why)
    spec = _shipped_ensemble(key)
    width, base = len(spec["features"]), float(spec["base"])
    reference = model._compile(spec["trees"], base, width)
    arrays = [(t["feature"], t["threshold"], t["left"], t["right"], t["value"]) for t in spec["trees"]]
    score = core.Trees(base, width, arrays).score
    thresholds = [float(t) for tree in spec["trees"] for t, left in zip(tree["threshold"], tree["left"]) if left >= 0]
    rng = random.Random(11)

    def value() -> float:
        t = rng.choice(thresholds)
        return rng.choice((t, math.nextafter(t, -math.inf), math.nextafter(t, math.inf), math.nan, 0, 1, 3,
                           rng.uniform(-1, 8)))

    rows = [[value() for _ in range(width)] for _ in range(500)]
    assert [score(row).hex() for row in rows] == [reference(row).hex() for row in rows]
    with pytest.raises(ValueError):
        score([0.0] * (width - 1))


def test_trees_the_core_does_not_lay_out_are_scored_by_the_reference():
    """A model deeper than the core's complete layout still loads, on the Python reference."""
    from cleaner.extension import extension
    from cleaner.html import model

    if extension()[0] is None:
        pytest.skip(extension()[1])
    levels = 12
    chain = {"feature": [0] * (2 * levels + 1), "threshold": [0.5] * (2 * levels + 1),
             "left": [-1] * (2 * levels + 1), "right": [-1] * (2 * levels + 1), "value": [0.0] * (2 * levels + 1)}
    for level in range(levels):      # node 2k splits: left the next split, right a leaf
        chain["left"][2 * level], chain["right"][2 * level] = 2 * level + 2, 2 * level + 1
        chain["value"][2 * level + 1] = float(level)
    assert model._native_trees([chain], 0.0, 1) is None
    ensemble = model.Ensemble({"features": ["x"], "threshold": 0.5, "base": 0.0, "trees": [chain]}, ("x",), "markup")
    assert ensemble.native is None
    assert [ensemble._score(row) for row in ([1.0], [0.0])] == [0.0, 0.0]    # right at the top; left to the bottom leaf


def test_depth_and_context_columns_match_the_lines_paths_on_a_page_nested_deeper_than_a_path_holds():
    """The walk counts a frame's depth and the rows read ancestors and the densest block off the frames'
    parents, without building paths: the same as the path (at most PATH_LIMIT ids) says, above and below
    the limit."""
    from cleaner.html import features
    from cleaner.html.layout import PATH_LIMIT
    from cleaner.stages.features import FeaturesStage

    prose = "<p>The paragraph is prose, with a full stop at its end and enough words in it to count.</p>"
    nest = "".join(f"<div class='d{i}'>" + (prose if i % 9 == 0 or abs(i - PATH_LIMIT) < 4 else "")
                   for i in range(PATH_LIMIT + 30))
    doc = _document("<html><body><nav><a href='/'>Home</a></nav><article>" + prose * 3 + nest
                    + "</div>" * (PATH_LIMIT + 30) + "</article><footer>Copyright notice</footer></body></html>")
    FeaturesStage()(doc)
    assert max(line.markup.depth for line in doc.lines) == PATH_LIMIT - 1
    assert all(line.markup.depth == len(line.markup.path) - 1 for line in doc.lines)
    page = features._Page(doc.lines, None)
    assert page.top is not None
    names, beyond = features.MARKUP_NAMES, 0
    for i, line in enumerate(doc.lines):
        row = [0.0] * names.index("position")
        page.add_context(row, i)
        path = line.markup.path
        expected = []
        for level in features.ANCESTOR_LEVELS:
            expected += page.ancestor(path[-1 - level]) if len(path) > level else features._NO_ANCESTOR
        expected += [float(page.top in path), float(page.top in path[:-1])]
        start = names.index("up1_link_density")
        assert row[start:start + len(expected)] == expected
        beyond += page.top not in path and page.top < line.markup.block < doc.lines[-1].markup.block
    assert beyond, "some lines lie under the densest block, further up than their paths reach"


def _native_page_parity(doc, title: str | None) -> int:
    """Assert the native core assembles the same rows (markup alone, and with trafilatura's columns) and the
    same probabilities as the Python reference on ``doc``'s lines; returns the number of lines."""
    from cleaner.html import features, model

    covered = [(i % 5) / 4 for i in range(len(doc.lines))]
    # Two readers: the second reading extends the rows the first kept.
    markup = list(features.PageRows(doc.lines, title).markup())
    consulted = list(features.PageRows(doc.lines, title).consulted(covered))
    rows = features.PageRows(doc.lines, title)
    page = rows.native_page()
    more = [value for row in features._coverage_rows(doc.lines, covered) for value in row]
    assert [list(map(float.hex, row)) for row in page.rows()] == [list(map(float.hex, map(float, row))) for row in markup]
    assert page.rows(more) == consulted
    shipped = model.default_model()
    for ensemble, read, given in ((shipped.markup, markup, None), (shipped.consulted, consulted, covered)):
        assert ensemble.page_probabilities(rows, given) == ensemble.probabilities(read)
    assert rows.quoted() == [(row[features.MARKUP_NAMES.index("in_top_candidate")],
                              row[features.MARKUP_NAMES.index("repeated_before")]) for row in markup]
    return len(doc.lines)


def test_the_native_core_assembles_the_reference_rows_on_pages_nested_deeper_than_a_path_and_flat():
    """The native ``MarkupPage`` gives each line the row :meth:`PageRows.markup` builds (to the bit), with and
    without trafilatura's columns: a page nested deeper than a path holds (its stats summed by path), with a
    title shown twice, duplicates, links, a hidden line, chrome phrases and repeated text."""
    from cleaner.extension import extension
    from cleaner.html.layout import PATH_LIMIT
    from cleaner.stages.features import FeaturesStage

    if extension()[0] is None:
        pytest.skip(extension()[1])
    prose = "<p>The paragraph is prose, with a full stop at its end and enough words in it to count.</p>"
    nest = "".join(f"<div class='d{i}'>" + (prose if i % 9 == 0 else "") for i in range(PATH_LIMIT + 30))
    pages = [
        "<html><body><nav><a href='/'>Home</a> <a href='/n'>News</a></nav><h1>Harbour Reopens</h1>"
        "<article class='post-content'>" + prose * 3 + "<p hidden>Hidden text here.</p><ul><li>Read more</li>"
        "<li>Read more</li></ul><h2>Harbour reopens</h2>" + nest + "</div>" * (PATH_LIMIT + 30) +
        "</article><footer>Copyright 2025. All rights reserved. Privacy policy</footer></body></html>",
        "<html><body><div class='content'>" + prose * 4 + "<p><a href='/x'>A link line that is long</a></p>"
        "</div><aside class='related'><p>More stories</p></aside></body></html>",
    ]
    for html in pages:
        doc = _document(html)
        FeaturesStage()(doc)
        assert _native_page_parity(doc, "harbour reopens") == len(doc.lines) > 5
        assert _native_page_parity(doc, None)


def test_a_page_of_more_lines_than_rows_are_kept_for_is_scored_from_python_rows(monkeypatch):
    """The core's columns cost memory a line: a page of over KEEP_ROWS_LINES lines is scored from the rows
    made one at a time (the same probabilities), a smaller one by the core."""
    from cleaner.html import decide, features, model

    prose = "<p>The paragraph is prose, with a full stop at its end and enough words in it to count.</p>"
    doc = _document("<html><body><nav><a href='/'>Home</a></nav><article>" + prose * 6 + "</article></body></html>")
    from cleaner.stages.features import FeaturesStage

    FeaturesStage()(doc)
    ensemble = model.default_model().markup
    scored = []
    for limit in (len(doc.lines), len(doc.lines) - 1):
        monkeypatch.setattr(features, "KEEP_ROWS_LINES", limit)
        rows = features.PageRows(doc.lines, None)
        scored.append(decide._scored(ensemble, rows))
        assert (rows._native is not None) == (limit == len(doc.lines) and ensemble.native is not None)
    assert scored[0] == scored[1]


def test_an_html_pages_lines_are_measured_by_the_core_as_the_reference_measures_them():
    """With the native core (``Document.line_measures``, set by the caller), the features stage measures a
    page's lines in one call (``CoreFeatures``): every measure the reference's ``Features`` gives, equal lines
    sharing one object, as the reference's cache does."""
    from cleaner import native
    from cleaner.api import _measures_by_core
    from cleaner.language import stopwords
    from cleaner.stages.features import CoreFeatures, Features, FeaturesStage

    if native.core() is None:
        pytest.skip("no native core")
    doc = _document("<html><body><h1>ÉTÉ À PARIS: the Heat Wave</h1><p>Il fait très chaud à Paris cet été, et les "
                    "habitants cherchent l'ombre. «Nous n'avons jamais vu ça», dit-elle.</p><ul><li>Share</li>"
                    "<li>Share</li><li>Tweet 12</li></ul><p>Paris, 3 août (AFP) - La chaleur continue, 35 °C.</p>"
                    "</body></html>")
    doc.line_measures = _measures_by_core
    FeaturesStage()(doc)
    assert all(isinstance(line.features, CoreFeatures) for line in doc.lines)
    shares = [line for line in doc.lines if line.text == "Share"]
    assert len(shares) == 2 and shares[0].features is shares[1].features
    stoplist = stopwords(doc.language)
    assert stoplist
    for line in doc.lines:
        reference = Features(line.text, stoplist, doc.char_mode, with_keys=False, lazy_content=True)
        for name in ("words", "chars", "units", "stops", "stop_ratio", "ends_sentence", "ends_colon", "sentences",
                     "title_ratio", "upper", "alpha_ratio", "digit_ratio", "inner_dateline", "keys"):
            assert getattr(line.features, name) == getattr(reference, name), (line.text, name)
            assert type(getattr(line.features, name)) is type(getattr(reference, name)), (line.text, name)
        assert line.features.content == reference.content


def test_an_html_page_the_core_refuses_is_measured_by_the_python_reference():
    """``line_measures`` answering None (no core, or it refuses the text) leaves the measuring to the
    reference's ``Features``."""
    from cleaner.stages.features import Features, FeaturesStage

    doc = _document("<html><body><p>One line of text here.</p><p>Another line.</p></body></html>")
    asked = []
    doc.line_measures = lambda texts, stoplist, char_mode: asked.append(texts)
    FeaturesStage()(doc)
    assert asked == [[line.text for line in doc.lines]]
    assert all(type(line.features) is Features for line in doc.lines)


def test_the_core_refuses_to_measure_a_lone_surrogate():
    """``measured_or_none`` answers None where the core cannot read a line (the reference measures then)."""
    from cleaner import native

    if native.core() is None:
        pytest.skip("no native core")
    assert native.measured_or_none(["a\ud800b"], frozenset(), False) is None
    assert len(native.measured_or_none(["a b c"], frozenset(), False)) == 1


def test_clean_hands_an_html_page_the_cores_measures(monkeypatch):
    """``Cleaner.clean`` sets ``Document.line_measures`` on an HTML page: with the core, its lines carry the
    core's measures."""
    from cleaner import native, pipeline
    from cleaner.stages.features import CoreFeatures

    if native.core() is None:
        pytest.skip("no native core")
    seen = []
    run = pipeline.run

    def spy(doc):
        article = run(doc)
        seen.append({type(line.features) for line in doc.lines})
        return article

    monkeypatch.setattr(pipeline, "run", spy)
    clean("<html><body><p>A first paragraph of some length, with words.</p><p>Another one.</p></body></html>")
    assert seen == [{CoreFeatures}]


def test_an_html_pages_phrases_are_found_by_the_core_as_the_reference_finds_them():
    """With the native core (``Document.line_phrases``, set by the caller), the phrases stage finds the
    shipped phrases of the lines it searches in one call: each line's (category, how) is the reference's
    ``PhraseBook.classify``, and the stage's decisions are the reference's."""
    from cleaner import native
    from cleaner.api import _measures_by_core, _phrases_by_core
    from cleaner.language import stopwords
    from cleaner.stages.features import FeaturesStage
    from cleaner.stages.phrases import PhrasesStage, default_phrasebook
    from cleaner.triggers import line_keys

    if native.core() is None:
        pytest.skip("no native core")
    page = ("<html><body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav><h1>The Harbour Reopens</h1>"
            "<p>Sign up for our newsletter</p><p>Advertisement</p><p>We use cookies to improve your experience."
            "</p><p>The harbour reopened on Monday after a storm closed it for a week, the port said.</p>"
            "<ul><li>Share on Facebook</li><li>Tweet</li></ul><p>Copyright © 2025 The Harbour Times. All rights "
            "reserved.</p><p>Read more: the storm's cost</p><footer>Privacy Policy | Terms of Use</footer>"
            "</body></html>")
    decided = []
    for phrases in (_phrases_by_core, None):
        doc = _document(page)
        doc.line_measures, doc.line_phrases = _measures_by_core, phrases
        FeaturesStage()(doc)
        if phrases is not None:
            texts = [line.text for line in doc.lines]
            found = phrases(texts, stopwords(doc.language), doc.char_mode)
            book = default_phrasebook()
            assert found == [book.classify(line.text, line_keys(line.text), line.features.words,
                                           line.features.ends_sentence) for line in doc.lines]
            assert sum(hit is not None for hit in found) >= 5
        PhrasesStage()(doc)
        decided.append([(line.label, line.reason, line.authority, line.signal) for line in doc.lines])
    assert decided[0] == decided[1]


def test_the_phrases_stage_asks_the_core_once_for_the_lines_it_searches():
    """``line_phrases`` is asked once, for the distinct texts the stage searches; answering None (no core,
    or it refuses the text) leaves the search to the reference's ``PhraseBook``."""
    from cleaner.stages.features import FeaturesStage
    from cleaner.stages.phrases import PhrasesStage

    doc = _document("<html><body><p>Advertisement</p><p>Advertisement</p><p>Another line.</p></body></html>")
    FeaturesStage()(doc)
    asked = []
    doc.line_phrases = lambda texts, stoplist, char_mode: asked.append(texts)
    PhrasesStage()(doc)
    assert asked == [["Advertisement", "Another line."]]
    assert [line.reason for line in doc.lines[:2]] == ["ads (whole line)"] * 2


def test_clean_hands_an_html_page_the_cores_phrases(monkeypatch):
    """``Cleaner.clean`` sets ``Document.line_phrases`` on an HTML page (with the core, its phrases are the
    core's); a dump a profile matches gets the core's too, through the text path."""
    from cleaner import native, pipeline

    if native.core() is None:
        pytest.skip("no native core")
    seen = []
    run = pipeline.run

    def spy(doc):
        seen.append(doc.line_phrases is not None)
        return run(doc)

    monkeypatch.setattr(pipeline, "run", spy)
    clean("<html><body><p>A first paragraph of some length, with words.</p><p>Advertisement</p></body></html>")
    assert seen == [True]


def test_the_title_column_marks_the_line_equal_to_the_title_only():
    from cleaner.html.features import MARKUP_NAMES, markup_rows
    from cleaner.stages.features import FeaturesStage

    doc = _document("<html><body><h1>The  Harbour   Reopens</h1><p>The harbour reopens today after the storm.</p>"
                    "<p>the harbour reopens</p><p>The Harbour Reopens Soon</p></body></html>")
    FeaturesStage()(doc)
    at = MARKUP_NAMES.index("title_match")
    assert [row[at] for row in markup_rows(doc.lines, "the harbour REOPENS ")] == [1.0, 0.0, 1.0, 0.0]


def test_byline_from_an_author_element_when_the_meta_tags_name_none():
    prose = "<p>The harbour reopened on Monday after three weeks of repairs to the storm wall, officials said.</p>"
    page = ("<html><head><title>Harbour reopens</title></head><body><article><h1>Harbour reopens after repairs</h1>"
            "<div class='post-meta'><span class='author-name'>By Ann Lee</span> | <time>5 May 2025</time></div>"
            f"{prose * 3}</article><section class='comments'><div class='comment-author'>John Roe</div>"
            "<p>Great news for the town, finally.</p></section></body></html>")
    article = Cleaner(use_profiles=False).clean(page, input_format="html")
    assert article.byline == "Ann Lee"
    assert not any("Ann Lee" in p for p in article.paragraphs)
    assert any(d.label == "byline" and "author/byline element" in d.reason for d in article.decisions)


def test_no_byline_from_labels_or_other_peoples_author_elements():
    prose = "<p>The harbour reopened on Monday after three weeks of repairs to the storm wall, officials said.</p>"
    page = ("<html><body><article><h1>Harbour reopens after repairs</h1><div class='author-box'>The Author</div>"
            f"{prose * 3}</article><ul class='related-posts'><li><span class='author'>Jane Doe</span></li></ul>"
            "<section class='comments'><div class='comment-author'>John Roe</div></section></body></html>")
    assert Cleaner(use_profiles=False).clean(page, input_format="html").byline is None


def test_the_date_under_the_headline_is_the_pages_date_and_htmldate_the_fallback():
    prose = "<p>The harbour reopened on Monday after three weeks of repairs to the storm wall, officials said.</p>"
    head = "<head><meta property='article:published_time' content='2024-01-02T08:00:00Z'></head>"
    shown = (f"<html>{head}<body><article><h1>Harbour reopens after repairs</h1>"
             f"<p class='dateline'>Published 5 March 2024</p>{prose * 3}</article></body></html>")
    article = Cleaner(use_profiles=False).clean(shown, input_format="html")
    assert article.date == "2024-03-05"
    assert any(d.label == "date" and "dateline" in d.reason for d in article.decisions)
    assert not any("5 March" in p for p in article.paragraphs)

    unshown = f"<html>{head}<body><article><h1>Harbour reopens after repairs</h1>{prose * 3}</article></body></html>"
    assert Cleaner(use_profiles=False).clean(unshown, input_format="html").date == "2024-01-02"


@pytest.mark.parametrize("shown", ["Written by Ann Lee", "Author: Ann Lee", "Published 5 May 2025 by Ann Lee",
                                   "Ann Lee | 5 May 2025"])
def test_the_name_is_read_out_of_the_byline_line(shown):
    prose = "<p>The harbour reopened on Monday after three weeks of repairs to the storm wall, officials said.</p>"
    page = (f"<html><body><article><h1>Harbour reopens after repairs</h1><div class='byline'>{shown}</div>"
            f"{prose * 3}</article></body></html>")
    assert Cleaner(use_profiles=False).clean(page, input_format="html").byline == "Ann Lee"


@pytest.mark.parametrize("stated, expected", [("ANN LEE", "ANN LEE"), ("<pAnn Lee", "pAnn Lee"),
                                              ("ann lee", "ann lee"), ("ann lee; Bo Ek", "ann lee; Bo Ek"), ("Ann B. Lee", "Ann B. Lee")])
def test_the_byline_is_spelled_as_the_page_spells_it(stated, expected):
    """trafilatura title-cases author names ("<pAnn Lee" gave "Pann Lee"): the byline keeps the page's
    spelling, since every output string comes from the input."""
    prose = "<p>The harbour reopened on Monday after three weeks of repairs to the storm wall, officials said.</p>"
    page = (f"<html><head><title>Harbour reopens</title><meta name='author' content='{stated}'></head><body>"
            f"<article><h1>Harbour reopens after repairs</h1>{prose * 3}</article></body></html>")
    article = Cleaner(use_profiles=False).clean(page, input_format="html")
    assert article.byline == expected


FORUM_POST = ("<p>We upgraded the build server last night and since then every deploy fails with a timeout while "
              "the dependencies are fetched, although nothing in the configuration changed at all.</p>")


def test_the_noscript_of_an_app_shell_is_its_text():
    """A page built by script (forum software) shows its posts in <noscript>: that is its text."""
    page = ("<html><head><title>Deploys time out</title></head><body><div id='app'>Loading…</div>"
            f"<noscript><div class='post'><h1>Deploys time out since the upgrade</h1>{FORUM_POST * 3}</div>"
            "</noscript><script>var app = 'starts here';</script></body></html>")
    article = Cleaner(use_profiles=False).clean(page, input_format="html")
    assert "every deploy fails with a timeout" in article.body


def test_the_noscript_of_a_page_with_text_stays_hidden():
    page = ("<html><head><title>Deploys time out</title></head><body><article><h1>Deploys time out</h1>"
            f"{FORUM_POST * 3}</article><noscript><p>Please enable JavaScript to see the comments and to sign in "
            "to your account, and to use all of the features of this website.</p></noscript></body></html>")
    article = Cleaner(use_profiles=False).clean(page, input_format="html")
    assert "every deploy fails" in article.body and "enable JavaScript" not in article.body
    assert not any("enable JavaScript" in d.text for d in article.decisions)


def test_a_page_the_model_keeps_nothing_of_keeps_trafilaturas_main_text(monkeypatch):
    """Empty output is the worst for a page that has text: where the model keeps no line (pages unlike the
    articles it learned from: forum threads, listings), the lines trafilatura's main text holds are kept."""
    from cleaner.html import model

    monkeypatch.setattr(model.Ensemble, "probabilities", lambda self, rows: [0.0 for _ in rows])
    monkeypatch.setattr(model.Ensemble, "page_probabilities", lambda self, rows, covered=None: [0.0] * len(rows.lines))
    page = ("<html><head><title>Deploys time out</title></head><body><nav><a href='/'>Home</a> <a href='/t'>Topics</a>"
            f"</nav><div class='topic'><h1>Deploys time out since the upgrade</h1>{FORUM_POST * 4}</div></body></html>")
    article = Cleaner(use_profiles=False).clean(page, input_format="html")
    assert "every deploy fails with a timeout" in article.body and "Topics" not in article.body
    assert any(d.label == "body" and "the markup model kept no line" in d.reason for d in article.decisions)


def _keep_only(monkeypatch, wanted):
    """The markup model stood in for: a line is body (1.0) where ``wanted(text)``, else not (0.0)."""
    from cleaner.html import decide

    real = decide._scored

    def scored(ensemble, rows, covered=None):
        facts, _ = real(ensemble, rows, covered)
        return facts, [1.0 if wanted(line.text) else 0.0 for line in rows.lines]

    monkeypatch.setattr(decide, "_scored", scored)


THREAD = ("<html><head><title>Deploys time out</title></head><body><nav><a href='/'>Home</a> <a href='/t'>Topics</a>"
          "</nav><aside><dl class='member'><dt>Messages</dt><dd>23,243</dd></dl></aside><div class='topic'>"
          f"<h1>Deploys time out since the upgrade</h1>{FORUM_POST * 4}</div></body></html>")


def test_a_near_empty_page_keeps_trafilaturas_prose_instead(monkeypatch):
    """Issue 17: the model kept only a member's counter (no prose, a few words): the page is near empty, and
    where trafilatura's main text holds prose, its lines are kept and the model's counter is dropped."""
    _keep_only(monkeypatch, lambda text: text == "23,243")
    article = Cleaner(use_profiles=False).clean(THREAD, input_format="html")
    assert "every deploy fails with a timeout" in article.body and "23,243" not in article.body
    assert any(d.label == "body" and "the markup model kept no prose" in d.reason for d in article.decisions)
    assert any(d.text == "23,243" and "not body: the markup model kept no prose" in d.reason
               for d in article.decisions)


def test_a_page_that_keeps_prose_or_many_words_is_not_rescued(monkeypatch):
    """A product's specifications or a listing's items, kept without a sentence but many words, are left."""
    items = "".join(f"<li>Item number {i} in stock, ships in two days</li>" for i in range(12))
    page = ("<html><head><title>Cables</title></head><body><h1>Cables and adapters</h1>"
            f"<ul class='items'>{items}</ul><div class='other'>{FORUM_POST * 3}</div></body></html>")
    _keep_only(monkeypatch, lambda text: text.startswith("Item number"))
    article = Cleaner(use_profiles=False).clean(page, input_format="html")
    assert "Item number 11" in article.body and "every deploy fails" not in article.body


def test_a_page_without_prose_keeps_the_block_under_its_headline(monkeypatch):
    """Issue 17: no prose kept and no second opinion (trafilatura failed): the paragraphs under the headline,
    inside the element that holds them, are kept; the comments after them and the chrome are not."""
    from cleaner.html import decide

    _keep_only(monkeypatch, lambda text: False)
    monkeypatch.setattr(decide, "_witness", lambda doc, root, stated: (None, ("failed", "trafilatura failed")))
    comment = "<div class='comment'><p>Same here, the deploys fail for us too since the upgrade last night.</p></div>"
    page = ("<html><head><title>A short note</title></head><body><nav><a href='/'>Home</a></nav>"
            "<div class='wrap'><div class='entry'><h1>A short note on deploys</h1><span>May 2, 2024</span>"
            f"{FORUM_POST}<p>We will look at it again on Monday.</p></div>"
            f"<div class='comments'>{comment * 6}</div></div></body></html>")
    article = Cleaner(use_profiles=False).clean(page, input_format="html")
    assert "every deploy fails with a timeout" in article.body and "again on Monday" in article.body
    assert "Same here" not in article.body and "Home" not in article.body
    assert any("the block of paragraphs under its headline" in d.reason for d in article.decisions)


def test_a_title_only_page_does_not_keep_the_comments_under_it(monkeypatch):
    """The first paragraph under the headline is a comment (a region the headline is not in): not the text."""
    from cleaner.html import decide

    _keep_only(monkeypatch, lambda text: False)
    monkeypatch.setattr(decide, "_witness", lambda doc, root, stated: (None, ("failed", "trafilatura failed")))
    comment = "<div class='comment'><p>Same here, the deploys fail for us too since the upgrade last night.</p></div>"
    page = ("<html><head><title>A short note</title></head><body><div class='entry'><h1>A short note on deploys</h1>"
            f"</div><div class='comments'>{comment * 6}</div></body></html>")
    article = Cleaner(use_profiles=False).clean(page, input_format="html")
    assert "Same here" not in article.body


def _post(member: str, day: str, *paragraphs: str) -> str:
    """A forum post as forum software prints it: the member's cell (with a counter), a dated header, the text."""
    text = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (f"<article class='message'><div class='message-user'><a href='/m/{member}'>{member}</a>"
            f"<dl><dt>Messages</dt><dd>{len(member) * 401:,}</dd></dl></div><div class='message-main'>"
            f"<header class='message-attribution'><time>{day}</time></header>"
            f"<div class='message-body'>{text}</div></div></article>")


FIRST_POST = "Since the upgrade every deploy of our site fails with a timeout after ten minutes of waiting."
REPLIES = ("The upgrade raised the build's memory, so the old limit is too low for your site now.",
           "Raise the timeout in the settings to twenty minutes and the deploys will go through again.")
FORUM_THREAD = ("<html><head><title>Deploys time out</title></head><body><nav><a href='/'>Home</a> "
                "<a href='/t'>Topics</a></nav><h1>Deploys time out since the upgrade</h1><div class='thread'>"
                + _post("ann", "Mar 2, 2024", FIRST_POST) + _post("bo", "Mar 3, 2024", REPLIES[0])
                + _post("cy", "Mar 4, 2024", REPLIES[1]) + "</div><footer>Terms</footer></body></html>")


def test_a_threads_replies_are_kept_where_the_model_kept_its_first_post(monkeypatch):
    """Issue 17: the model, which learned from articles, keeps a thread's first post only; the later posts of
    the same shape (siblings under one parent, each dated) are kept at the place its text holds in its post,
    and not their members' counters."""
    _keep_only(monkeypatch, lambda text: text == FIRST_POST or text == "1,203")
    article = Cleaner(use_profiles=False).clean(FORUM_THREAD, input_format="html")
    assert article.body.split("\n\n") == [FIRST_POST, *REPLIES]
    assert any(d.text == REPLIES[1] and d.reason.startswith("kept: a post of the thread (3 posts")
               for d in article.decisions)
    assert any(d.text == "1,203" and "a post's header" in d.reason for d in article.decisions)


def test_an_articles_dated_comments_are_not_its_thread(monkeypatch):
    """An article's comments are dated posts of one shape too, but the article is not the first of them: they
    stay out (the article rules: a comment thread is not the article)."""
    story = "The council approved the new cycle lanes for the old town on Wednesday after a long debate."
    comments = "".join(_post(name, f"Mar {day}, 2024", f"I think the lanes are a good idea, {name} says.")
                       for day, name in enumerate(("ann", "bo", "cy", "di"), 2))
    page = ("<html><head><title>Cycle lanes</title></head><body><main><article class='story'><h1>Cycle lanes</h1>"
            f"<time>Mar 1, 2024</time><div class='story-body'><p>{story}</p></div></article>"
            f"<section class='comments'>{comments}</section></main></body></html>")
    _keep_only(monkeypatch, lambda text: text == story)
    article = Cleaner(use_profiles=False).clean(page, input_format="html")
    assert article.body == story


def test_a_thread_the_model_kept_no_prose_of_is_kept(monkeypatch):
    """A thread in a ``<form>``, its posts named as comments, read as chrome: the model keeps no prose. From
    the prose line it scored highest, the thread around it (three dated posts or more) is the text."""
    from cleaner.html import decide

    real = decide._scored

    def scored(ensemble, rows, covered=None):
        facts, _ = real(ensemble, rows, covered)
        return facts, [0.4 if line.text == REPLIES[0] else 0.0 for line in rows.lines]

    monkeypatch.setattr(decide, "_scored", scored)
    page = FORUM_THREAD.replace("<div class='thread'>", "<form class='comments'>").replace("</div><footer>",
                                                                                          "</form><footer>")
    article = Cleaner(use_profiles=False).clean(page, input_format="html")
    assert article.body.split("\n\n") == [FIRST_POST, *REPLIES]


def test_undated_look_alike_siblings_are_no_thread(monkeypatch):
    """Posts without a date in their header (an article's sections, a list's cards) are not a thread."""
    _keep_only(monkeypatch, lambda text: text == FIRST_POST)
    page = FORUM_THREAD.replace("<time>Mar 2, 2024</time>", "").replace("<time>Mar 3, 2024</time>", "") \
        .replace("<time>Mar 4, 2024</time>", "")
    article = Cleaner(use_profiles=False).clean(page, input_format="html")
    assert article.body == FIRST_POST


def test_a_line_of_the_first_posts_ancestor_is_under_no_post(monkeypatch):
    """A line laid out from an ancestor's own text (a ``<div>``'s loose text beside the block that holds the
    first kept prose) is under none of its children: no post of a thread, and no error."""
    loose = "The loose text of the wrapper reads as prose too, but the model did not keep it here."
    other = "Another wrapper's loose text is prose the model kept, at the same depth as the loose text."
    page = ("<html><head><title>Loose text</title></head><body><div class='wrap'><div class='inner'>"
            f"<p>{FIRST_POST}</p></div>{loose}</div><div class='wrap'>{other}</div></body></html>")
    _keep_only(monkeypatch, lambda text: text in (FIRST_POST, other))
    article = Cleaner(use_profiles=False).clean(page, input_format="html")
    assert article.body.split("\n\n") == [FIRST_POST, other]


def test_the_collector_is_paused_while_a_page_is_cleaned_and_left_as_it_was(monkeypatch):
    """A page makes no cyclic garbage, so its collections only cost time: off while the page is cleaned,
    back on after (and left off when the caller had turned it off)."""
    import gc

    from cleaner.html import decide

    seen = []
    real = decide.decide_lines
    monkeypatch.setattr(decide, "decide_lines", lambda doc: (seen.append(gc.isenabled()), real(doc))[1])
    page = "<html><body><article><p>A paragraph of prose, long enough to be read as one.</p></article></body></html>"
    assert gc.isenabled()
    try:
        clean(page, input_format="html")
        assert seen == [False] and gc.isenabled()
        gc.disable()
        clean(page, input_format="html")
        assert seen == [False, False] and not gc.isenabled()
    finally:
        gc.enable()


def test_region_words_split_an_ascii_value_as_the_pattern_splits_it():
    """An ASCII class or id value is split by a translation table, any other by ``_SPLIT``: the same words,
    in the same order, on values of words, separators, capitals, digits and runs of either."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from cleaner.html import words

    pieces = st.sampled_from(["nav", "Menu", "post", "Body", "comment", "relatedPosts", "x", "2", "__", "-", " ",
                              "\t", ".", "é", "İ", "K", "SHARE", "sidebar", "a1b"])

    def by_pattern(value: str) -> tuple[str, ...]:
        value = value[:400]
        if not value.islower():
            value = words._CAMEL.sub(" ", value).lower()
        found: list[str] = []
        for word in words._SPLIT.split(value):
            if word and words.category(word) is not None and word not in found:
                found.append(word)
        return tuple(found)

    @settings(max_examples=300, deadline=None)
    @given(st.lists(pieces, max_size=40).map("".join))
    def check(value: str) -> None:
        assert words.region_words(value) == by_pattern(value)

    check()
    assert words.region_words("postBody share-bar") == ("post", "body", "share")


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from('"\\ \t\n\r\u00a0\u2003ab:{},[]é\u2028'), max_size=40))
def test_json_ld_is_made_compact_as_trafilatura_makes_it(text):
    """The page's JSON-LD is read as trafilatura's ``extract_meta_json`` reads it: each script made compact as
    its ``JSON_MINIFY.sub(r"\\1", …)`` makes it (strings kept whole, even unclosed or broken by a backslash
    before a line break; whitespace outside them, Unicode's too, dropped), by one ``findall``."""
    from trafilatura.metadata import JSON_MINIFY

    from cleaner.html.evidence import json_minified

    assert json_minified(text) == JSON_MINIFY.sub(r"\1", text)


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(['\\', 'u', 'D', '8', '3', 'd', 'E', '0', 'n', 't', 'r', '&amp;', '&#233;', '<b>',
                                 '</b>', ' ', '\n', '"', 'é', '\ud83d', '\ude00', '\U0001f600']), max_size=40).map("".join))
def test_json_ld_is_normalized_as_trafilatura_normalizes_it(text):
    """Each compacted script is normalized as trafilatura's ``normalize_json`` normalizes it (escapes ``\\n``
    dropped, ``\\uXXXX`` decoded, lone surrogates then left out, entities unescaped, tags stripped), its
    character-by-character filter done by one ``re.sub``."""
    from trafilatura.json_metadata import normalize_json

    from cleaner.html.evidence import json_normalized

    assert json_normalized(text) == normalize_json(text)
    assert json_normalized(r'"name": "Ann \ud83d\ude00 Lee &amp; <i>co</i>\n"') == normalize_json(
        r'"name": "Ann \ud83d\ude00 Lee &amp; <i>co</i>\n"')


def test_json_ld_metadata_as_trafilatura_reads_it():
    """What the page's JSON-LD states is what trafilatura's ``extract_meta_json`` reads from it (its scripts taken
    from the page's ``<script>`` elements, :func:`head_tags`, not found by its XPath: a script of another type
    is not read)."""
    from lxml import html as lxml_html
    from trafilatura.metadata import examine_meta, extract_meta_json
    from trafilatura.settings import Document

    from cleaner.html.evidence import _meta_json
    from cleaner.html.stated import head_tags

    page = ('<html><head><script type="application/ld+json">{ "@context": "https://schema.org", "@type" : "NewsArticle", "headline": "A  title \\" '
            'here", "author": {"@type": "Person", "name": "Ann  Lee"}, "datePublished": "2024-05-02",\n'
            '"publisher": {"name": "The Daily"}}</script><script type="application/ld+json">{"broken": "x</script>'
            '<script type="text/json">{"author": {"@type": "Person", "name": "Bo Ek"}}</script>'
            '</head><body><p>Text</p><script type="application/ld+json">{"@context": "https://schema.org", '
            '"@type": "WebPage", "description": "Late  in the body"}</script></body></html>')
    root = lxml_html.document_fromstring(page)
    got = _meta_json(head_tags(root), examine_meta(root))
    expected = extract_meta_json(root, examine_meta(root))
    def fields(found):
        return {name: getattr(found, name, None) for name in Document.__slots__ if "body" not in name}  # not its trees

    assert fields(got) == fields(expected) and got.author == "Ann Lee" and got.title == "A title \" here"


def test_coverage_rows_work_out_the_lines_paths_together(monkeypatch):
    """trafilatura's columns (:func:`features._coverage_rows`) work out the lines' paths together from the
    page's frames (:meth:`FrameTree.paths`: each frame's once, no line walking up on its own), and the rows
    are the same as with each line's path read on its own."""
    from cleaner.html import features, layout
    from cleaner.stages.features import FeaturesStage

    items = "".join(f"<li><a href='/{i}'>Teaser number {i}</a></li>" for i in range(6))
    doc = _document("<html><body><nav><ul>" + items + "</ul></nav><article><h1>A headline here</h1>"
                    + "".join(f"<p>Paragraph {i} of the story, long enough to be prose.</p>" for i in range(8))
                    + "</article></body></html>")
    FeaturesStage()(doc)
    covered = [1.0 if line.markup.tag == "p" else 0.0 for line in doc.lines]
    reads = []
    real = layout.FrameTree.path

    def counted(self, frame):
        reads.append(frame)
        return real(self, frame)

    monkeypatch.setattr(layout.FrameTree, "path", counted)
    rows = features.coverage_rows(doc.lines, covered)
    assert reads == []
    monkeypatch.undo()
    monkeypatch.setattr(features, "_paths", lambda lines: [line.markup.path for line in lines])
    assert rows == features.coverage_rows(doc.lines, covered)
    assert len(rows) > 8 and any(row[11] for row in rows)


@given(parents=st.lists(st.integers(min_value=-1, max_value=30), max_size=400),
       asked=st.lists(st.integers(min_value=-1, max_value=399), max_size=60))
@settings(max_examples=200, deadline=None)
def test_the_frames_paths_worked_out_together_are_each_ones_own(parents, asked):
    """:meth:`FrameTree.paths` gives each frame's :meth:`FrameTree.path`: its last PATH_LIMIT ids on chains
    nested deeper than that too (a frame's parent is mostly the frame before it, else one a few before, or
    none)."""
    from cleaner.html.layout import FrameTree

    tree = FrameTree()
    for number, back in enumerate(parents):
        tree.parents.append(-1 if back < 0 or number == 0 else number - 1 - (back if back < 4 else 0))
    frames = [frame for frame in asked if frame < len(parents)] + list(range(len(parents) - 1, -1, -1))
    assert tree.paths(frames) == [tree.path(frame) for frame in frames]
    chain = FrameTree()      # one chain of 200: its deepest frame asked first, then each above it
    for number in range(200):
        chain.parents.append(number - 1)
    assert chain.paths(range(199, -1, -1)) == [chain.path(frame) for frame in range(199, -1, -1)]


def test_the_article_header_ends_at_prose_read_no_further_than_its_tenth_word():
    """A paragraph of prose ends the article's header (:func:`stated._is_prose`) once ten of its words are read:
    the rest of a long paragraph is not read, nor joined, to be found long enough."""
    from cleaner.html import stated

    class Paragraph:
        tag = "p"

        def __init__(self, pieces):
            self.pieces = pieces

        def itertext(self):
            for piece in self.pieces:
                if piece is None:
                    raise AssertionError("read past the tenth word")
                yield piece

    assert stated._is_prose(Paragraph(["one two three four five ", "six seven eight nine ten", None]))
    assert not stated._is_prose(Paragraph(["one two three four five ", "six seven eight nine"]))
    assert stated._is_prose(Paragraph(["one two three four five", "six seven eight nine ten"]))
