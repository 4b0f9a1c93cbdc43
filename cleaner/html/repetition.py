"""How much of each line the page says elsewhere too: the share of its word trigrams on other lines.

Pages repeat their text: a hidden copy of the article for search engines,
a teaser of the story above it, the headline in the breadcrumb. The markup
model reads, for each line, the share of its trigrams that earlier lines hold
and the share that later lines hold.

The native core computes the same shares (``native/src/repetition.rs``: the words read from the running
Python's character tables) when it is built and has a table for this Python's Unicode; the functions here
are the reference, and run otherwise (or when the core refuses a page's text: a lone surrogate).
"""

from __future__ import annotations

import re
import unicodedata
from array import array
from functools import lru_cache
from itertools import repeat
from typing import Any, Sequence

from ..document import Line
from ..extension import extension, refusals


def repetition(lines: Sequence[Line]) -> tuple[array, array]:
    """For each line, the share of its word trigrams that earlier lines (and later lines) already hold."""
    native, _ = extension()
    characters = _characters(native, unicodedata.unidata_version) if native is not None else None
    if characters is not None:
        try:
            before, after = characters.repetition([line.text for line in lines])
        except refusals(native):
            pass
        else:
            return _doubles(before), _doubles(after)
    return reference_repetition(lines)


@lru_cache(maxsize=None)
def _characters(native: Any, version: str) -> Any:
    """The core's ``Characters`` of this Python's Unicode version (made once), or None without its table."""
    if version not in native.unicode_versions():
        return None
    return native.Characters(version)


def _doubles(data: bytes) -> array:
    shares = array("d")
    shares.frombytes(data)
    return shares


def reference_repetition(lines: Sequence[Line]) -> tuple[array, array]:
    """:func:`repetition` in Python: the reference the core's port is held to."""
    grams = _page_trigrams(lines)
    n = len(grams)
    return _held_by_visited(grams, range(n)), _held_by_visited(grams, range(n - 1, -1, -1))


def _held_by_visited(grams: list[list[str]], order: range) -> array:
    """For each line (``grams``: its trigrams), the share of them that the lines visited before it in
    ``order`` hold: those whose first line (in ``order``) to show them is another.

    One pass each way, one dictionary of the page's distinct trigrams at a time (both at once were a
    quarter of the cleaner's memory on a big page).
    """
    shares = array("d", [0.0]) * len(grams)     # typed: no float object per line
    first: dict[str, int] = {}
    seen = first.setdefault
    for i in order:
        own = grams[i]
        if own:
            shares[i] = sum(map(i.__ne__, map(seen, own, repeat(i)))) / len(own)
    return shares


def _page_trigrams(lines: Sequence[Line]) -> list[list]:
    """Each line's trigrams (lines with the same text share one list: menus and footers repeat)."""
    known: dict[str, list] = {}
    grams = []
    for line in lines:
        own = known.get(line.text)
        if own is None:
            own = known[line.text] = _trigrams(line.text)
        grams.append(own)
    return grams


def _trigrams(text: str) -> list[str]:
    """The line's word trigrams, each as its three words joined by spaces (a line of one or two words: those).

    Strings rather than tuples: a string caches its hash and is not tracked by the garbage collector. A
    word (``\\w+``) has no space, so two trigrams are equal exactly when their words are, and a short
    line's key (at most one space) never equals a trigram.
    """
    words = _WORD.findall(text.lower())
    if len(words) < 3:
        return [" ".join(words)] if words else []
    return list(map(" ".join, zip(words, words[1:], words[2:])))


_WORD = re.compile(r"\w+")
