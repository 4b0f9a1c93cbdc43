"""The native core's repetition shares (``native/src/repetition.rs``) against the Python reference
(``cleaner.html.repetition.reference_repetition``): equal on generated lines and on real pages."""

from __future__ import annotations

import gzip
from types import SimpleNamespace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleaner.extension import extension
from cleaner.html import repetition as module
from cleaner.html.repetition import reference_repetition, repetition
from conftest import FIXTURES

pytestmark = pytest.mark.skipif(extension()[0] is None, reason="no native core")


def _lines(texts: list[str]) -> list[SimpleNamespace]:
    return [SimpleNamespace(text=text) for text in texts]


def _both(texts: list[str]):
    """(the core's shares, the reference's), each as lists of floats; the core's must have run."""
    lines = _lines(texts)
    native, _ = extension()
    import unicodedata

    characters = module._characters(native, unicodedata.unidata_version)
    assert characters is not None, "the core has a table for this Python's Unicode"
    before, after = characters.repetition(texts)
    return (list(module._doubles(before)), list(module._doubles(after))), \
        tuple(map(list, reference_repetition(lines)))


# words that lower-case, fold or split in the ways Python's str.lower() and re's \w decide
_word = st.text(alphabet=st.sampled_from("abcABCxyz_019äÖΣσςİıſ\u0307ǅẞ٣一"), min_size=1, max_size=5)
_gap = st.sampled_from([" ", "  ", "-", ", ", "\u00a0", "·", "'", "\u0301"])
_line = st.lists(st.tuples(_word, _gap), max_size=7).map(lambda parts: "".join(w + g for w, g in parts))


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_line | st.text(alphabet=st.characters(exclude_categories=["Cs"]), max_size=40), max_size=12))
def test_the_cores_shares_equal_the_references_on_generated_lines(texts):
    native, reference = _both(texts)
    assert native == reference


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(["Home", "home news", "Share this story now", "share THIS story", "", "a b c a b c"]),
                max_size=20))
def test_the_cores_shares_equal_the_references_on_repeating_menus(texts):
    native, reference = _both(texts)
    assert native == reference


def test_the_cores_shares_equal_the_references_on_the_fixture_pages():
    from cleaner.html import html_to_document

    pages = sorted(FIXTURES.rglob("*.html")) + sorted(FIXTURES.rglob("*.html.gz"))
    assert pages
    for path in pages:
        raw = gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes()
        texts = [line.text for line in html_to_document(raw.decode("utf-8", "replace")).lines]
        native, reference = _both(texts)
        assert native == reference, path.name


def test_a_page_the_core_refuses_is_measured_by_the_reference():
    lines = _lines(["a lone \ud800 surrogate here", "a lone surrogate here"])
    assert tuple(map(list, repetition(lines))) == tuple(map(list, reference_repetition(lines)))
    with pytest.raises(ValueError):
        _both([line.text for line in lines])


def test_the_pure_python_switch_runs_the_reference(monkeypatch):
    calls = []
    monkeypatch.setenv("CLEANER_PURE_PYTHON", "1")
    monkeypatch.setattr(module, "reference_repetition", lambda lines: calls.append(lines) or ((), ()))
    repetition(_lines(["one two three"]))
    assert len(calls) == 1
