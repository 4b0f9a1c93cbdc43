"""Long lines a chunk at a time.

A dump may hold a line of up to a million characters (``--max-line-chars``). Measuring it the way
ordinary lines are measured — ``text.split()``, a list of every match — would hold ten times the
line in small strings. The helpers here keep such a line's measures bounded: whitespace-separated
words are read a chunk at a time, and matches are counted without a list. A line up to
``CHUNK_CHARS`` long (nearly every line) is one chunk, measured exactly as before.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from .lazy_re import lazy_compile

#: Lines up to this long are one chunk; longer ones are read in chunks of about this length.
CHUNK_CHARS = 1 << 13
#: ``\s`` is the whitespace ``str.split()`` splits at (both are Python's ``str.isspace``).
_SPACE = lazy_compile(r"\s")


def word_chunks(text: str) -> Iterable[str]:
    """``text`` cut just before whitespace into chunks of about ``CHUNK_CHARS`` characters.

    No word is cut: splitting the chunks gives the words of ``text.split()``, in order, and a
    per-word measure (its first letter, lower- or case-folding it) is the same on a chunk as on the
    line. (Case mapping never looks past whitespace: Greek final sigma depends on the word only.)
    """
    if len(text) <= CHUNK_CHARS:
        return (text,)
    return _chunks(text, CHUNK_CHARS)


def lowered(text: str) -> str:
    """``text.lower()``, a chunk at a time for a long line that is not ASCII: CPython lower-cases such a
    string in a working buffer of 12 bytes a character (six times a line of two-byte characters)."""
    if len(text) <= CHUNK_CHARS or text.isascii():
        return text.lower()
    return "".join(chunk.lower() for chunk in _chunks(text, CHUNK_CHARS))


def _chunks(text: str, size: int) -> Iterator[str]:
    start, end = 0, len(text)
    while start < end:
        cut = start + size
        space = _SPACE.search(text, cut) if cut < end else None
        stop = space.start() if space is not None else end
        yield text[start:stop]
        start = stop


def count_matches(pattern: re.Pattern[str], text: str) -> int:
    """``len(pattern.findall(text))``, without the list of matches for a long line."""
    if len(text) <= CHUNK_CHARS:
        return len(pattern.findall(text))
    return sum(1 for _ in pattern.finditer(text))
