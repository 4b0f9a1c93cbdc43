"""The per-document memo (cleaner/memo.py) and the screens the metadata stage reads before its regexes."""

import re
import threading

from cleaner.dates import parse_date
from cleaner.lexicon import BY_INSIDE, BY_INSIDE_WORDS, byline_name, may_hold_any
from cleaner.memo import document_memo, per_document
from cleaner.stages.metadata import _by_inside, _dated_credit


def test_a_memo_lives_for_one_document_only():
    calls = []

    @per_document
    def read(text):
        calls.append(text)
        return text.upper()

    assert read("a") == "A" and read("a") == "A" and calls == ["a", "a"]   # no document: every call runs
    with document_memo():
        assert [read("b"), read("b"), read("c")] == ["B", "B", "C"]
        assert calls == ["a", "a", "b", "c"]
        with document_memo():              # another document inside (a pasted site's window): its own memo
            read("b")
        assert calls[-1] == "b" and len(calls) == 5
    with document_memo():                  # the next document remembers nothing of the last
        read("b")
    assert len(calls) == 6


def test_a_memo_is_the_thread_s_own():
    @per_document
    def read(text):
        return threading.get_ident()

    seen = []
    with document_memo():
        mine = read("x")
        worker = threading.Thread(target=lambda: seen.append(read("x")))
        worker.start()
        worker.join()
    assert seen and seen[0] != mine


def test_remembered_functions_answer_as_before():
    with document_memo():
        for _ in range(2):
            assert parse_date("May 5, 2024") == "2024-05-05"
            assert parse_date("08/12/2023", True) == "2023-12-08"
            assert parse_date("08/12/2023") == "2023-08-12"
            assert byline_name("By Ann Lee | May 5, 2024") == "Ann Lee"
            assert byline_name("Home") is None


_LINES = ["Posted on December 20, 2025 by Ann Lee - 5 Comments", "Last updated March 3, 2025 BY Ann Lee.",
          "03/01/2017 von Ann Lee", "By Ann Lee | May 5, 2024", "May 5, 2024 | News", "Nearby 2024 events",
          "Posted 2024 door Jan de Vries", "12 photos", "Ṗublished 2024 bY ann", "Standby: 3 hours"]


def test_by_inside_is_searched_wherever_it_may_match():
    # the substring screen is a superset of the pattern's matches (its words in any case re.I reads)
    assert BY_INSIDE_WORDS and all(word == word.lower() for word in BY_INSIDE_WORDS)
    for text in _LINES:
        found = BY_INSIDE.search(text)
        assert (found is None) == (_by_inside(text) is None), text
        if found is not None:
            assert may_hold_any((text,), BY_INSIDE_WORDS)


def test_a_dated_credit_as_the_union_needle_read_it():
    needle = re.compile(r"(?:^[•·*\-–—|]?\s*by\s)|(?:\S\s+by\s+\S)", re.I)
    for text in _LINES:
        name = _dated_credit(text)
        if name is not None:
            assert needle.search(text) or BY_INSIDE.search(text), text
    assert _dated_credit("Posted on December 20, 2025 by Ann Lee - 5 Comments") == "Ann Lee"
    assert _dated_credit("By Ann Lee | May 5, 2024") == "Ann Lee"
    assert _dated_credit("May 5, 2024 | News") is None
