"""A line's *shape*: its dates, times, counts (and, at the second level, names) replaced by slots.

Two pages of one site print "12 comments" and "3 comments", "Feb 10, 2020 03:58 PM" and
"Mar 2, 2021 11:04 AM", "Photo: Ann Lee/AFP" and "Photo: Bo Chan/AFP": the words differ, the shape
is the site's. A shape is a key (``NUM comments``) to count pages by, and an anchored regular
expression that matches every line of that shape and nothing much else. The regexes are built from
escaped literals and a few fixed slot patterns, each repeated part of which matches a text one way
only, so every learned pattern passes the profile loader's backtracking check.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..lexicon import BY_WORDS_UNAMBIGUOUS, CREDITED_WORDS

_MONTH_NAMES = ("jan(?:uary)?", "feb(?:ruary)?", "mar(?:ch)?", "apr(?:il)?", "may", "june?", "july?", "aug(?:ust)?",
                "sep(?:t(?:ember)?)?", "oct(?:ober)?", "nov(?:ember)?", "dec(?:ember)?")
_DAY_NAMES = ("mon(?:day)?", "tue(?:s(?:day)?)?", "wed(?:nesday)?", "thu(?:rs(?:day)?)?", "fri(?:day)?",
              "sat(?:urday)?", "sun(?:day)?")

#: The slots, in the order they are tried at each position, with the regex each becomes in a profile.
SLOT_REGEX = {
    "TIME": r"\d{1,2}:\d{2}(?::\d{2})?(?: ?[AaPp]\.?[Mm]\.?)?",
    "NUM": r"\d[\d.,]*",
    "MONTH": "(?i:" + "|".join(_MONTH_NAMES) + r")\.?",
    "DAY": "(?i:" + "|".join(_DAY_NAMES) + r")\.?",
    # A name: capitalised words ("Ann Lee", "Çavuşoğlu", "O'Neil Jr."), one space between them.
    "NAME": r"[^\W\d_a-z][\w'’.&-]*(?: [^\W\d_a-z][\w'’.&-]*)*",
}
_TIME = re.compile(r"\d{1,2}:\d{2}(?::\d{2})?(?: ?[AaPp]\.?[Mm]\.?(?!\w))?")
_NUM = re.compile(r"\d[\d.,]*(?<![.,])")
_MONTH = re.compile(r"(?i:" + "|".join(_MONTH_NAMES) + r")\b\.?")
_DAY = re.compile(r"(?i:" + "|".join(_DAY_NAMES) + r")\b\.?")
_NAME = re.compile(r"[^\W\d_a-z][\w'’.&-]*(?: [^\W\d_a-z][\w'’.&-]*)*")
#: What a name follows in a byline or a credit: "By ", "Photo: ", "Written by ", "© ", or another
#: name and a slash ("Ann Lee/AFP"). Only there is a capitalised word taken for a name.
_INTRODUCER = re.compile(r"(?:^[•·*|\-–—\s]*(?:(?:" + CREDITED_WORDS + r"|photos?|photographs?|images?|video)\s+)?"
                         r"(?:" + BY_WORDS_UNAMBIGUOUS + r"|photos?|photographs?|images?|credits?|source|fotos?|©|\(c\))"
                         r"\s*:?\s*|[^\W\d_][\w'’.&-]*\s?/\s?)$", re.I)
_WORD_START = re.compile(r"(?<![\w'’])")
#: Characters a regex gives a meaning to; everything else is written as itself (readable profiles).
_SPECIAL = set("\\.^$*+?{}[]|()")


@dataclass(frozen=True)
class Shape:
    """A line's shape: ``key`` to count by, ``regex`` to match lines of it, and what it generalised."""

    key: str
    regex: str
    slots: tuple[str, ...]

    @property
    def literal_words(self) -> list[str]:
        """The words the shape keeps as written (outside its slots)."""
        return [w for w in re.findall(r"[^\W\d_]{2,}", _SLOT_MARK.sub(" ", self.key))]


_SLOT_MARK = re.compile(r"⟨[A-Z]+⟩")


def escape(text: str) -> str:
    """``text`` as a regex that matches it literally, escaping only what a regex reads specially."""
    return "".join("\\" + c if c in _SPECIAL else c for c in text)


def exact_regex(text: str) -> str:
    """The regex matching exactly this (stripped) line."""
    return "^" + escape(text) + "$"


def shape_of(text: str, names: bool = False) -> Shape | None:
    """The line's shape, or None when nothing in it varies (the line is its own shape).

    ``names``: also replace runs of capitalised words after the line's first word (a byline's or a
    credit's name); the first word stays literal, so "By Ann Lee" is "By ⟨NAME⟩".
    """
    key: list[str] = []
    regex: list[str] = []
    slots: list[str] = []
    position, size = 0, len(text)
    literal_start = 0
    first_word_end = _first_word_end(text)
    while position < size:
        found = _slot_at(text, position, names and position >= first_word_end)
        if found is None:
            position += 1
            continue
        slot, end = found
        literal = text[literal_start:position]
        key.append(literal)
        regex.append(escape(literal))
        key.append(f"⟨{slot}⟩")
        regex.append(SLOT_REGEX[slot])
        slots.append(slot)
        position = literal_start = end
    if not slots:
        return None
    tail = text[literal_start:]
    key.append(tail)
    regex.append(escape(tail))
    return Shape("".join(key), "^" + "".join(regex) + "$", tuple(slots))


def _first_word_end(text: str) -> int:
    match = re.match(r"\W*\w+", text)
    return match.end() if match else 0


def _slot_at(text: str, position: int, names: bool) -> tuple[str, int] | None:
    """The slot starting at ``position`` (only at the start of a word), and where it ends."""
    if not _WORD_START.match(text, position):
        return None
    char = text[position]
    if char.isdigit():
        match = _TIME.match(text, position)
        if match:
            return "TIME", match.end()
        match = _NUM.match(text, position)
        if match and not _glued(text, match.end()):
            return "NUM", match.end()
        return None
    if not char.isalpha() or char.islower():
        return None  # a month or day is capitalised ("May", "MAY"), a modal "may" is not
    for slot, pattern in (("MONTH", _MONTH), ("DAY", _DAY)):
        match = pattern.match(text, position)
        if match and not _glued(text, match.end()):
            return slot, match.end()
    if names and _INTRODUCER.search(text, 0, position):
        match = _NAME.match(text, position)
        if match and not _glued(text, match.end()):
            return "NAME", match.end()
    return None


def _glued(text: str, end: int) -> bool:
    """Does a word character follow at once ("3D", "May's")? Then the slot is not a token of its own."""
    return end < len(text) and (text[end].isalnum() or text[end] in "'’_")
