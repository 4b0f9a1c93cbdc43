"""The shape of memory on large inputs: what is alive, never how much RSS a run took (that is measured by
scripts, not asserted). A pasted site is cleaned a window at a time, a long line a chunk at a time."""

from __future__ import annotations

import functools
import gc
import random
import sys
import tracemalloc

import pytest

from conftest import seed
from hypothesis import given
from hypothesis import strategies as st

from cleaner import chunks, language, pipeline
from cleaner.api import Cleaner
from cleaner.document import BODY, WINDOW_LINES, Document, Line, dump_bytes, text_windows
from cleaner.native.path import NativePath, native_path
from cleaner.stages.repeats import _normalised
from cleaner.stages.features import Features
from cleaner.triggers import line_keys

PROSE = ("The committee said on Monday that it would publish its findings before the end of the year, and "
         "that the report would be sent to every member of the council. ")


def _pages() -> list[str]:
    """Four seed dumps of 24 to 35 lines, blank lines taken out: each page fits a window of 35 lines, and
    a window cut at the blank line after a page ends there."""
    return ["\n".join(line for line in seed(name).read_text(encoding="utf-8").splitlines() if line.strip())
            for name in ("001_", "002_", "003_", "004_")]


def test_a_pasted_site_is_cleaned_window_by_window_as_pages(monkeypatch):
    """Windows that fall on the pages decide every line as each page cleaned alone does (as a large
    document: model reasons give the probability only); the article adds the pages' bodies up and
    takes its metadata from the first page."""
    pages = _pages()
    monkeypatch.setattr(pipeline, "whole_dump", lambda text: None)  # windows, however small the dump
    monkeypatch.setattr(pipeline, "is_whole_dump", lambda text: False)  # (the native core's test of it)
    monkeypatch.setattr(pipeline, "text_windows", functools.partial(text_windows, max_lines=35, max_chars=1 << 20))
    article = Cleaner(use_profiles=False).clean("\n\n".join(pages))

    expected, paragraphs, first = [], [], None
    number = 1
    for page in pages:
        doc = Document.from_text(page)
        doc.large = True
        alone = pipeline.run(doc)
        first = first or alone
        paragraphs += alone.paragraphs
        expected += [(d.number + number - 1, d.text, d.label, d.stage, d.reason) for d in alone.decisions]
        number += page.count("\n") + 2
    assert [(d.number, d.text, d.label, d.stage, d.reason) for d in article.decisions] == expected
    assert {d.stage for d in article.decisions} >= {"phrases", "context"}  # the log keeps each line's stage
    assert article.paragraphs == paragraphs and paragraphs
    assert (article.title, article.byline, article.date) == (first.title, first.byline, first.date)
    assert article.lines_in == len(expected)
    assert article.dropped == sum(1 for _, _, label, _, _ in expected if label == "boilerplate")


def test_a_pasted_site_keeps_one_window_of_lines_alive(monkeypatch):
    """While a dump of 12,000 lines is cleaned, no more than one window's Line objects exist, and the
    article keeps none: its decisions are read back from the text."""
    rng = random.Random(3)
    words = PROSE.split()
    raws = [f"{rng.choice(words).strip(',.').capitalize()} {rng.choice(words).strip(',.')} {i}" for i in range(12_000)]
    raws[5000:5000] = ["", PROSE * 3, PROSE * 2, ""]
    text = "\n".join(raws) + "\n"
    alive: list[int] = []

    def probe(doc: Document) -> None:
        if len(alive) < 3:
            alive.append(sum(1 for thing in gc.get_objects() if isinstance(thing, Line)))

    probe.name = "probe"  # a stage has a name (cleaner.stages.Stage)
    monkeypatch.setattr(pipeline, "STAGES", [*pipeline.STAGES, probe])
    # the Python stages' Lines (the native core keeps its lines in the core: tests/test_native_path.py)
    monkeypatch.setattr("cleaner.api.native_text_path", lambda: None)
    gc.collect()  # Lines an earlier test left in uncollected cycles are not this run's (the count is gc's list)
    article = Cleaner(use_profiles=False).clean(text)
    assert len(alive) == 3 and max(alive) <= WINDOW_LINES
    gc.collect()
    assert not any(isinstance(thing, Line) for thing in gc.get_objects())
    decisions = article.decisions
    kept = [(number, raw.strip()) for number, raw in enumerate(text.split("\n"), 1) if raw.strip()]
    assert [(d.number, d.text) for d in decisions] == kept and article.lines_in == len(kept)
    assert [d.text for d in decisions if d.label == BODY] == article.paragraphs
    assert any(p.startswith("The committee said") for p in article.paragraphs)


def test_windows_tile_the_dump():
    """Windows cover the dump line by line, in order, each within its limits, ended at a blank line
    of its second half when it has one."""
    rng = random.Random(5)
    for _ in range(2000):
        text = "".join(rng.choice(["a", "bb b", " ", "\n", "\n\n", "x" * rng.randint(1, 30)])
                       for _ in range(rng.randint(1, 60)))
        max_lines, max_chars = rng.randint(1, 6), rng.randint(1, 40)
        windows = list(text_windows(text, max_lines, max_chars))
        assert [raw for w in windows for raw in w.raws] == text.split("\n")
        assert windows[0].start == 0 and windows[-1].end == len(text)
        for window, following in zip(windows, windows[1:]):
            assert window.end == following.start and following.number == window.number + len(window.raws)
            assert text[window.start:window.end] == "\n".join(window.raws) + "\n"
            blanks = [i for i, raw in enumerate(window.raws) if not raw.strip()]
            assert not any(i >= len(window.raws) // 2 for i in blanks) or not window.raws[-1].strip()
        for window in windows:
            assert sum(1 for raw in window.raws if raw.strip()) <= max_lines


def test_windows_cut_from_the_utf8_are_the_windows_of_the_text():
    """A pasted site's windows are cut from its UTF-8 (:func:`dump_bytes`): the same lines and numbers as
    from the str, a line that is blank to ``str.strip`` (a no-break space) still blank, a lone surrogate
    kept; offsets in bytes."""
    rng = random.Random(7)
    for _ in range(2000):
        text = "".join(rng.choice(["a", "é", "\U0001F600", "\xa0", "\u2003", "\ud800", " ", "\n", "\n\n",
                                   "x" * rng.randint(1, 30)]) for _ in range(rng.randint(1, 60)))
        max_lines, max_chars = rng.randint(1, 6), rng.randint(1, 40)
        dump = dump_bytes(text)
        by_text = list(text_windows(text, max_lines, max_chars))
        by_bytes = list(text_windows(dump, max_lines, max_chars))
        assert [(w.number, w.raws) for w in by_bytes] == [(w.number, w.raws) for w in by_text]
        assert by_bytes[0].start == 0 and by_bytes[-1].end == len(dump)
        for window, following in zip(by_bytes, by_bytes[1:]):
            assert window.end == following.start
            assert dump[window.start:window.end].decode("utf-8", "surrogatepass") == "\n".join(window.raws) + "\n"


@pytest.mark.parametrize("core", ["native", "python"])
def test_a_pasted_site_lets_go_of_its_str(monkeypatch, core):
    """Once a pasted site is windowed, only its UTF-8 is alive, not its str: one emoji makes Python store
    every character of a str in 4 bytes (a 10 MB dump: 40 MB). Measured while the third window is
    cleaned, from bytes handed to ``clean()`` (the caller keeps no str)."""
    lines = [f"{PROSE.strip()} Item {i}." for i in range(1500)]
    lines[0] += " \U0001F600"
    data = "\n\n".join(lines).encode("utf-8")
    monkeypatch.setattr(pipeline, "whole_dump", lambda text: None)  # windows, however small the dump
    monkeypatch.setattr(pipeline, "is_whole_dump", lambda text: False)
    alive: list[int] = []

    def probe() -> None:
        alive.append(tracemalloc.get_traced_memory()[0])

    if core == "native":
        if native_path() is None:
            pytest.skip("the native core does not run here")
        run = NativePath.run
        monkeypatch.setattr(NativePath, "run", lambda self, *a, **k: (probe(), run(self, *a, **k))[1])
    else:
        monkeypatch.setattr("cleaner.api.native_text_path", lambda: None)
        stage = lambda doc: probe()  # noqa: E731
        stage.name = "probe"
        monkeypatch.setattr(pipeline, "STAGES", [*pipeline.STAGES, stage])
    cleaner = Cleaner(use_profiles=False)
    cleaner.clean(data)  # caches filled: what is alive below is this dump's
    alive.clear()
    tracemalloc.start()
    try:
        article = cleaner.clean(data)
    finally:
        tracemalloc.stop()
    assert len(alive) > 3 and article.paragraphs
    assert alive[2] < 2 * len(data)  # the str alone is 4 * len(data)


def _long_line(chars: int) -> str:
    rng = random.Random(11)
    words = PROSE.split() + ["ΟΔΟΣ.", "ΣΑΣ", "İstanbul", "Straße", "(AP)", "—", "Mr.", "U.S."]
    out: list[str] = []
    size = 0
    while size < chars:
        word = rng.choice(words)
        out.append(word)
        size += len(word) + 1
    return " ".join(out)


def test_a_long_line_measures_the_same_in_chunks(monkeypatch):
    """Chunks cut at whitespace: a long line's features, phrase keys and repeat key are those of the
    line measured whole."""
    line = _long_line(40_000)
    stoplist = language.stopwords("English")

    def measure() -> tuple:
        f = Features(line, stoplist, False)
        slots = tuple(getattr(f, name) for name in Features.__slots__ if name not in ("_sample", "_stoplist"))
        return slots, line_keys(line), _normalised(line), language.sample_tokens([line])

    whole = measure()
    monkeypatch.setattr(chunks, "CHUNK_CHARS", 50)
    assert len(list(chunks.word_chunks(line))) > 500
    assert measure() == whole


def test_a_long_line_is_measured_in_bounded_memory():
    """Measuring a line of 400,000 characters holds a copy or two of it at a time, not a list of its
    words (which would be ten times its size)."""
    line = _long_line(400_000)
    stoplist = language.stopwords("English")
    Features(line, stoplist, False)  # warm up
    tracemalloc.start()
    try:
        Features(line, stoplist, False)
        line_keys(line)
        _normalised(line)
        language.sample_tokens([line])
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 2.5 * sys.getsizeof(line)


def test_a_long_line_is_lower_cased_and_folded_in_bounded_memory():
    """A long line that is not ASCII is lower-cased and folded a chunk at a time (CPython's ``lower()``
    works in a buffer of 12 bytes a character: folding such a line whole peaked at eight times its size),
    with the same result as whole (Greek final sigma and the dotted İ are where case mapping has context)."""
    from cleaner.chunks import lowered
    from cleaner.triggers import _fold_some, fold

    line = _long_line(400_000)
    for case in (fold, lowered):
        tracemalloc.start()
        try:
            case(line)
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
        assert peak < 2.5 * sys.getsizeof(line), case.__name__
    folded = fold(line)
    assert folded == _fold_some(line) and lowered(line) == line.lower()
    assert "istanbul" in folded and "οδος." in lowered(line)  # final sigma kept where the word ends


def test_a_dump_that_begins_with_a_long_line_reads_its_metadata_in_bounded_memory():
    """The metadata stage takes a dump's first line for its page title: a first line of 400,000 characters
    is neither split into its words (ten times its size) nor copied in lower case to be compared with the
    header's lines (a first line of over 2,000 characters is no page title)."""
    from cleaner.stages import metadata

    line = _long_line(400_000)
    assert metadata._words_up_to(line, 10) == 10 and metadata._words_up_to("two words", 10) == 2
    lowered = line.lower()
    tracemalloc.start()
    try:
        parts = metadata._title_parts(lowered)
        metadata._bare_name(line, frozenset())
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert parts and peak < 0.5 * sys.getsizeof(line)
    dump = line + "\n\nA Short Headline Here\n\n" + PROSE * 3
    cleaner = Cleaner(use_profiles=False, max_line_chars=len(line) + 1)
    cleaner.clean(dump)  # warm up
    tracemalloc.start()
    try:
        article = cleaner.clean(dump)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert article.body and peak < 6 * sys.getsizeof(line)


def test_an_articles_paragraphs_are_the_texts_its_lines_were_read_as():
    """The body's paragraphs are the str objects the metadata stage already read from the core (or the
    lines hold), not second copies of them."""
    article = Cleaner(use_profiles=False).clean("A page title\n\nA headline of the story\n\n" + PROSE * 2 + "\n\n" + PROSE)
    lines = article._lines
    made = getattr(lines, "made_texts", lambda: None)()
    if made is None:   # the Python reference: the paragraphs are its lines' texts
        made = [line.text for line in lines]
    read = [text for text, line in zip(made, lines) if line.label == BODY]
    assert read and all(any(p is text for p in article.paragraphs) for text in read)


@given(text=st.text(alphabet=st.sampled_from("ab \t\n\x1c\x85\u00a0\u2003\u3000é"), max_size=40),
       most=st.integers(min_value=0, max_value=12))
def test_words_are_counted_up_to_a_bound_as_str_split_cuts_them(text, most):
    from cleaner.stages.metadata import _words_up_to

    assert _words_up_to(text, most) == min(len(text.split()), most)


def test_a_long_lines_words_are_counted_as_str_split_cuts_them():
    """Past the length at which a line is no longer split, its words are still ``str.split()``'s: numbers, dashes
    and contractions are words (a role's words, letters only, once shadowed the pattern under the same name)."""
    from cleaner.stages.metadata import _SPLIT_CHARS, _words_up_to

    line = "In 1999 — don't stop, 42 times! " * (_SPLIT_CHARS // 20)
    assert len(line) > _SPLIT_CHARS
    assert _words_up_to(line, 10**6) == len(line.split())
