"""What the HTML path keeps per line: bench/limits.py measures the memory, these check the structures it
counts on (a shared object where each line had its own), and that they read the same as before."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.html import evidence, html_to_document
from cleaner.html.layout import PATH_LIMIT
from cleaner.stages.features import Features


def _nest(depth: int) -> str:
    opened = "".join(f"<div class='level'>level {i}\n" for i in range(depth))
    return f"<html><body>{opened}{'</div>' * depth}<p>After the nest.</p></body></html>"


def test_a_lines_path_runs_from_the_top_down_to_its_block_and_keeps_the_last_levels():
    lines = html_to_document(_nest(PATH_LIMIT + 10)).lines
    paths = [line.markup.path for line in lines]
    assert len(paths[0]) == 2                                   # <body>, the first <div>
    for above, below in zip(paths, paths[1:-1]):                # each level one under the one before
        assert below[:-1] == above[-len(below) + 1:] and below[-1] not in above
    assert max(map(len, paths)) == PATH_LIMIT
    assert paths[-1] == paths[0][:1] + (paths[-1][-1],)         # the <p> after the nest: under <body>


def test_lines_do_not_each_keep_their_path():
    """A tuple per line was up to half a kilobyte on a nested page: the path is read when asked."""
    line = html_to_document(_nest(100)).lines[80]
    assert line.markup.path is not line.markup.path and line.markup.path == line.markup.path


def test_lines_with_the_same_counts_share_their_ratios():
    """Four floats a line were a tenth of a menu page's memory."""
    one, other = Features("Home News Sport 2024", frozenset(), False), Features("Away Goals Weather 1999", frozenset(), False)
    assert one.alpha_ratio == 0.75 and one.digit_ratio == 0.25 and one.title_ratio == 1.0
    assert one.alpha_ratio is other.alpha_ratio and one.digit_ratio is other.digit_ratio


def test_the_block_tag_is_one_string_for_every_line():
    lines = html_to_document("<html><body>" + "<div>a label</div>" * 3 + "</body></html>").lines
    assert lines[0].markup.tag is lines[2].markup.tag


_DATED_PAGE = ("<html><head><title>Council keeps the library open</title>"
               "<meta property='article:published_time' content='2024-03-05'></head><body>"
               "<nav><a href='/'>Home</a> <a href='/news'>News</a></nav><article><h1>Council keeps the library open</h1>"
               + "<p>The council voted on Tuesday to keep the old library open for another ten years, after a long "
                 "campaign by readers who said it was the heart of the town.</p>" * 40
               + "</article><footer>Contact us</footer></body></html>")


def _cleaned(monkeypatch, early_from: int):
    import cleaner.html as html
    from cleaner import Cleaner

    monkeypatch.setattr(html, "EARLY_STATED_CHARS", early_from)
    article = Cleaner(use_profiles=False).clean(_DATED_PAGE, input_format="html")
    return article.title, article.date, article.byline, article.body, [str(d.reason) for d in article.decisions]


def test_a_big_page_reads_what_it_states_before_it_has_lines(monkeypatch):
    import cleaner.html as html

    monkeypatch.setattr(html, "EARLY_STATED_CHARS", 0)
    doc = html.html_to_document(_DATED_PAGE)
    assert doc.stated is not None and doc.stated.root is None   # the stated metadata holds no tree
    # Its meta tags state the publication date, which the metadata stage takes: htmldate need not run.
    assert doc.stated.dates == {"datePublished": "2024-03-05"} and not doc.stated._dated
    undated = html.html_to_document(_DATED_PAGE.replace("article:published_time", "article:section"))
    assert undated.stated._dated and undated.stated.root is None   # htmldate ran, and its copy is gone
    monkeypatch.setattr(html, "EARLY_STATED_CHARS", len(_DATED_PAGE) + 1)
    assert html.html_to_document(_DATED_PAGE).stated is None


def test_reading_the_stated_metadata_early_changes_nothing(monkeypatch):
    early, late = _cleaned(monkeypatch, 0), _cleaned(monkeypatch, len(_DATED_PAGE) + 1)
    assert early == late and early[0] == "Council keeps the library open" and early[1] == "2024-03-05"


def test_htmldate_runs_on_a_page_in_doubt_only_where_its_date_may_be_asked_for(monkeypatch):
    """trafilatura's reading strips the page, so htmldate's date is read before it (on a page in doubt) if the
    metadata stage may ask for it: not where the structured data states the publication date, which it
    takes first. Either way the stated metadata holds no tree after, and the page's date is the same."""
    from cleaner.html import evidence
    from cleaner.html.parse import parse_html

    ran = []
    monkeypatch.setattr(evidence.PageMetadata, "date", lambda self: ran.append(self) or None)

    for page, runs in ((_DATED_PAGE, 0), (_DATED_PAGE.replace("article:published_time", "article:section"), 1)):
        root = parse_html(page)
        stated = evidence.metadata(root, None)
        evidence.read_witness(root, None, stated)
        assert len(ran) == runs and stated.root is None
        ran.clear()


def test_lines_quoting_the_same_evidence_share_it():
    from cleaner import Cleaner

    page = "<html><body>" + "".join(f"<div><div>Label {i} here</div></div>" for i in range(50)) + "</body></html>"
    lines = [line for line in Cleaner(use_profiles=False).clean(page, input_format="html")._lines
             if hasattr(line.reason, "facts")]
    facts = [line.reason.facts[line.number - 1] for line in lines]
    assert len(lines) > 10 and len({id(quoted) for quoted in facts}) < len(lines) / 5


def test_a_pages_lines_share_one_markup_reason_worded_per_line():
    """An object per line for the markup model's reason was some 100 bytes a line of a menu page."""
    from cleaner import Cleaner
    from cleaner.document import reason_text
    from cleaner.html.decide import MarkupReasons

    page = ("<html><body><nav>" + "".join(f"<a href='/{i}'>Section {i}</a>" for i in range(8)) + "</nav><article>"
            + "".join(f"<p>Paragraph {i} of the story, a sentence long enough to read as prose.</p>" for i in range(8))
            + "</article></body></html>")
    article = Cleaner(use_profiles=False).clean(page, input_format="html")
    reasons = {id(line.reason) for line in article._lines if isinstance(line.reason, MarkupReasons)}
    assert len(reasons) == 1
    worded = [reason_text(line) for line in article._lines if isinstance(line.reason, MarkupReasons)]
    assert all(text.startswith(("body ", "not body ")) for text in worded)
    assert [d.reason for d in article.decisions if d.stage == "markup"] == worded


def test_element_sums_are_kept_in_typed_arrays_and_add_up_to_the_page():
    """A dict of lists per element was some 250 bytes a line of a menu page."""
    from cleaner.html import features
    from cleaner.stages.features import FeaturesStage

    doc = html_to_document("<html><body><nav><a href='/'>Home</a></nav><div><p>One sentence of prose here.</p>"
                           "<p>Another sentence of prose.</p></div></body></html>")
    FeaturesStage()(doc)
    prose = [features._is_prose(line) for line in doc.lines]
    stats = features._element_stats(doc.lines, prose)
    top = doc.lines[0].markup.path[0]
    assert stats[top] == (sum(line.features.chars for line in doc.lines), 4, stats[top][2], 3)
    assert stats.chars.typecode == "q" and stats.prose.typecode == "d"


_MENUS_AND_A_STORY = ("<html><head><title>A page of menus</title></head><body>"
                      + "".join(f"<div>{''.join(f'<div>Label {i} {j}</div>' for j in range(20))}</div>" for i in range(12))
                      + "<div class='story'><p>The council voted on Tuesday to keep the old library open for another "
                        "ten years, after a long campaign by readers.</p></div></body></html>")


def _clean_seeing_the_tree(monkeypatch, page: str, profile=None, big: bool = True):
    """The article, and the tree the markup stage was given (``None``: let go of before the stages).
    ``big``: the page is cleaned as a big one (read early, :data:`cleaner.html.EARLY_STATED_CHARS`)."""
    import cleaner.html as html
    import cleaner.html.decide as decide
    from cleaner import Cleaner

    seen = []
    real = decide.decide_lines
    monkeypatch.setattr(html, "EARLY_STATED_CHARS", 0 if big else len(page) + 1)
    monkeypatch.setattr(decide, "decide_lines", lambda doc: (seen.append(doc.root), real(doc))[1])
    article = Cleaner(use_profiles=False).clean(page, input_format="html", profile=profile)
    return article, seen[0]


def _readout(article):
    return article.body, article.title, article.date, article.warnings, [(d.label, str(d.reason)) for d in article.decisions]


def test_a_big_page_knows_before_it_has_lines_whether_trafilatura_can_read_it(monkeypatch):
    """Over trafilatura's limits, no stage but a profile's selectors reads a big page's tree again (so it can
    be let go of); within them, trafilatura is not read early (whether the model needs it is not known yet)."""
    import cleaner.html as html

    monkeypatch.setattr(html, "EARLY_STATED_CHARS", 0)
    monkeypatch.setattr(evidence, "WITNESS_BYTES_PER_CHAR", 10 ** 6)   # no memory budget here: the limits alone
    monkeypatch.setattr(evidence, "main_text", lambda *a, **k: (_ for _ in ()).throw(AssertionError("read early")))
    assert html.html_to_document(_MENUS_AND_A_STORY).witness is None
    monkeypatch.setattr(evidence, "MAX_ELEMENTS", 50)
    witness = html.html_to_document(_MENUS_AND_A_STORY).witness
    assert witness is not None and "over the 50" in witness.refusal
    monkeypatch.setattr(html, "EARLY_STATED_CHARS", len(_MENUS_AND_A_STORY) + 1)
    assert html.html_to_document(_MENUS_AND_A_STORY).witness is None


@pytest.mark.parametrize("max_elements", [50, 30_000])   # over trafilatura's limits, and within them
def test_a_big_page_over_the_limits_lets_go_of_its_tree_and_reads_the_same(monkeypatch, max_elements):
    """libxml2's nodes were a third of a big menu page's peak at 4 MB and over: once the stated metadata is
    read, no stage reads the tree of a page over trafilatura's limits. Within them trafilatura may read it."""

    monkeypatch.setattr(evidence, "MAX_ELEMENTS", max_elements)
    monkeypatch.setattr(evidence, "WITNESS_BYTES_PER_CHAR", 10 ** 6)   # no memory budget here: the limits alone
    big, tree = _clean_seeing_the_tree(monkeypatch, _MENUS_AND_A_STORY)
    assert (tree is None) == (max_elements == 50)
    small, tree = _clean_seeing_the_tree(monkeypatch, _MENUS_AND_A_STORY, big=False)
    assert tree is not None and _readout(big) == _readout(small)
    over = any("over the 50 trafilatura is asked about" in warning for warning in big.warnings)
    consulted = any("trafilatura's main text" in str(d.reason) for d in big.decisions)
    assert (over, consulted) == ((True, False) if max_elements == 50 else (False, True))


def _labels(count: int) -> str:
    return "".join(f"<div>Menu label {i}</div>" for i in range(count))


def test_a_big_page_of_dense_markup_is_not_given_to_trafilatura_beyond_its_memory_budget():
    """trafilatura's copies of a tree cost ~1.3 KB an element (with the page's lines): a big page with an element
    and a line every few characters is decided from its markup alone, which keeps it within 40 bytes a byte; the
    same size of prose in paragraphs is asked as before."""
    from cleaner.html import EARLY_STATED_CHARS

    story = "<div class='story'><p>The council voted on Tuesday to keep the old library open.</p></div>"
    menus = "<html><body>" + _labels(EARLY_STATED_CHARS // 20) + story + "</body></html>"
    witness = html_to_document(menus).witness
    assert witness is not None and "bytes of memory a character" in witness.refusal
    prose = "<p>" + "The council voted on Tuesday to keep the old library open for ten more years. " * 20 + "</p>"
    paragraphs = "<html><body>" + prose * (EARLY_STATED_CHARS // len(prose) + 1) + "</body></html>"
    assert html_to_document(paragraphs).witness is None
    under = "<html><body>" + _labels(EARLY_STATED_CHARS // 40) + story + "</body></html>"
    assert len(under) < EARLY_STATED_CHARS and html_to_document(under).witness is None   # small: not budgeted


def test_a_big_page_whose_profile_has_selectors_keeps_its_tree(monkeypatch, tmp_path):
    from cleaner.profiles.loader import load_profile

    monkeypatch.setattr(evidence, "MAX_ELEMENTS", 50)   # over trafilatura's limits: only the selectors need the tree

    (tmp_path / "story.toml").write_text('name = "story"\nhosts = ["story.test"]\n[html]\narticle = [".story"]\n',
                                         encoding="utf-8")
    article, tree = _clean_seeing_the_tree(monkeypatch, _MENUS_AND_A_STORY, load_profile(tmp_path / "story.toml"))
    assert tree is not None and "The council voted" in article.body and "Label 0 0" not in article.body


def test_the_lines_alone_are_the_documents_lines_and_ask_no_witness(monkeypatch):
    """``cleaner batch --learn-sites`` needs only a page's lines: a big page's early readings would be wasted."""
    import cleaner.html as html

    monkeypatch.setattr(html, "EARLY_STATED_CHARS", 0)
    laid_out = [(line.text, line.blank_before) for line in html.html_to_document(_MENUS_AND_A_STORY).lines]

    def refuse(*args, **kwargs):
        raise AssertionError("read early for the lines alone")
    monkeypatch.setattr(evidence, "main_text", refuse)
    monkeypatch.setattr(evidence, "metadata", refuse)
    assert [(line.text, line.blank_before) for line in html.html_lines(_MENUS_AND_A_STORY)] == laid_out


_WORDS = st.sampled_from("the a cat sat on mat dog ran far away é naïve Öl 42 x".split())


@given(paragraphs=st.lists(st.lists(_WORDS, min_size=0, max_size=12), min_size=1, max_size=30),
       lines=st.lists(st.lists(_WORDS, min_size=0, max_size=9), max_size=12),
       copies=st.integers(min_value=0, max_value=2 * evidence._Stream.max_repeats))
@settings(max_examples=300, deadline=None)
def test_a_long_stream_indexed_in_sorted_arrays_places_lines_as_the_dict_does(paragraphs, lines, copies):
    """The sorted-array index of a long stream gives every line the same places as the dict, for trigrams
    found once, a few times, and up to the repeat limit and beyond (a paragraph copied ``copies`` times)."""
    text = "\n".join(" ".join(words) for words in paragraphs + [paragraphs[0]] * copies)
    small, big = evidence._Stream(text), evidence._Stream(text, sorted_from=0)
    assert isinstance(big.at.__self__, evidence._SortedIndex) and isinstance(small.at.__self__, dict)
    for words in lines + paragraphs:
        assert big.places(words) == small.places(words)


def test_a_megabyte_of_prose_is_indexed_in_a_fraction_of_the_dicts_memory():
    """The trigram index of a long text is some 12 bytes a trigram (sorted arrays), not ~100 (a dict)."""
    import random
    import tracemalloc

    rng = random.Random(7)
    vocabulary = ["".join(rng.choice("abcdefghij") for _ in range(6)) for _ in range(20_000)]
    text = "\n".join(" ".join(rng.choice(vocabulary) for _ in range(80)) for _ in range(1_500))
    words = 80 * 1_500
    assert words >= evidence.SORTED_INDEX_WORDS
    sizes = {}
    for name, sorted_from in (("dict", 10 ** 9), ("sorted", None)):
        tracemalloc.start()
        stream = evidence._Stream(text, sorted_from=sorted_from)
        sizes[name] = tracemalloc.get_traced_memory()[0]
        tracemalloc.stop()
        del stream
    assert sizes["sorted"] < sizes["dict"] / 3


def test_the_decoded_page_is_held_by_one_frame_only_once_its_lines_are_made(monkeypatch):
    """clean() hands the text it decoded over: while the page becomes lines, only the caller that made
    them holds it (it lets it go then), not clean()'s frame too, which kept a 10 MB page alive through
    every stage."""
    import sys

    import cleaner.html
    from cleaner import Cleaner

    seen = {}
    real = cleaner.html.html_to_document

    def counting(text, url=None):
        fresh = "".join(["a", "page"])          # held by this frame alone
        seen["others"] = sys.getrefcount(text) - sys.getrefcount(fresh)
        return real(text, url=url)

    monkeypatch.setattr(cleaner.html, "html_to_document", counting)
    Cleaner().clean(b"<html><body><article><p>" + b"Some words of a story. " * 40 + b"</p></article></body></html>")
    assert seen["others"] == 1


def _reference_best_chain(candidates, length):
    """``evidence._best_chain`` as it was, the tree's query and update as calls: the reference its written-out
    loop must give the same chain as, ties included."""
    size = length + 2
    tree_best = [0] * (size + 1)
    tree_at = [-1] * (size + 1)
    scores, previous = [], []

    def query(position):
        best, at = 0, -1
        i = position
        while i > 0:
            if tree_best[i] > best:
                best, at = tree_best[i], tree_at[i]
            i -= i & -i
        return best, at

    def update(position, value, index):
        i = position
        while i <= size:
            if value > tree_best[i]:
                tree_best[i], tree_at[i] = value, index
            i += i & -i

    k = 0
    while k < len(candidates):
        line = candidates[k][0]
        group_end = k
        while group_end < len(candidates) and candidates[group_end][0] == line:
            group_end += 1
        results = []
        for index in range(k, group_end):
            _, start, end, votes = candidates[index]
            best, at = query(min(start, length) + 1)
            results.append((index, best + votes, at))
        for index, score, at in results:
            scores.append(score)
            previous.append(at)
        for index, score, at in results:
            update(min(candidates[index][2], length) + 1, score, index)
        k = group_end
    if not scores:
        return {}
    chosen = {}
    index = max(range(len(scores)), key=scores.__getitem__)
    while index != -1:
        chosen[candidates[index][0]] = candidates[index][3]
        index = previous[index]
    return chosen


@given(length=st.integers(min_value=1, max_value=40),
       places=st.lists(st.lists(st.tuples(st.integers(0, 45), st.integers(1, 12), st.integers(1, 6)), max_size=4),
                       max_size=25))
@settings(max_examples=400, deadline=None)
def test_the_best_chain_is_the_references_ties_and_stretches_past_the_end_included(length, places):
    """The chain of line places that matches the most words is the one the reference picks (equal scores
    resolved alike; starts and ends past the stream's end clamped alike)."""
    candidates = [(line, start, start + width, votes)
                  for line, found in enumerate(places) for start, width, votes in found]
    assert evidence._best_chain(candidates, length) == _reference_best_chain(candidates, length)
