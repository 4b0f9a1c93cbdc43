"""How much of each line the page says elsewhere too: the share of its word trigrams on other lines.

Pages repeat their text: a hidden copy of the article for search engines,
a teaser of the story above it, the headline in the breadcrumb. The markup
model reads, for each line, the share of its trigrams that earlier lines hold
and the share that later lines hold.
"""

from __future__ import annotations

import re
from typing import Sequence

from ..document import Line


def repetition(lines: Sequence[Line]) -> tuple[list[float], list[float]]:
    """For each line, the share of its word trigrams that earlier lines (and later lines) already hold."""
    grams = _page_trigrams(lines)
    # A trigram is repeated from above in line i when it first shows on an earlier line, and repeated
    # below when it last shows on a later one (the same shares as counting what earlier and later
    # lines hold, in two dictionary passes).
    last = {gram: i for i, own in enumerate(grams) for gram in own}
    first = {gram: i for i, own in zip(range(len(grams) - 1, -1, -1), reversed(grams)) for gram in own}
    first_of, last_of = first.__getitem__, last.__getitem__
    before, after = [], []
    for i, own in enumerate(grams):
        if not own:
            before.append(0.0)
            after.append(0.0)
            continue
        size = len(own)
        before.append(sum(map(i.__gt__, map(first_of, own))) / size)
        after.append(sum(map(i.__lt__, map(last_of, own))) / size)
    return before, after


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
