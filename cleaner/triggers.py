"""Keyword prefilters for big regex alternations (so most lines skip the regex).

A boilerplate phrase regex like ``sign (up|in)\\b`` can only match a line that
has a word starting with "sign". :func:`triggers` reads a pattern with Python's
own regex parser and returns such keys: the first four letters of the word a
match must start with, a whole short word, or a symbol ("©", "@"). When a
pattern's required word cannot be determined, it returns None and the pattern
always runs. :func:`line_keys` gives the same keys for a line, so
``keys & triggers`` tells whether the regex can match at all.

:func:`required_literals` does the same for a case-sensitive pattern of a
profile (a fingerprint searched in a whole dump, a rule searched in each line):
strings one of which every match contains, tested with ``in`` before the search.
"""

from __future__ import annotations

import re
import sys
from functools import lru_cache

from .chunks import word_chunks

if sys.version_info >= (3, 11):
    import re._constants as sre_constants
    import re._parser as sre_parse
else:  # pragma: no cover - Python 3.10
    import sre_constants
    import sre_parse

_LITERAL = sre_constants.LITERAL
_SUBPATTERN = sre_constants.SUBPATTERN
_BRANCH = sre_constants.BRANCH
_REPEATS = (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT)
_AT = sre_constants.AT
_IN = sre_constants.IN
_CATEGORY = sre_constants.CATEGORY
_SPACE_CATEGORY = sre_constants.CATEGORY_SPACE
KEY_LENGTH = 4
#: Punctuation stripped from both ends of a whitespace-separated word.
WORD_PUNCTUATION = ".,;:!?\"'()[]{}“”‘’«»—–-*•·|/\\<>_"


def word_key(token: str) -> str:
    """The key of one lower-cased, whitespace-separated token (see :func:`line_keys`)."""
    return token.strip(WORD_PUNCTUATION)[:KEY_LENGTH]


def line_keys(text: str) -> set[str]:
    """The keys of a line: the first four letters of each lower-cased word (or the short word).

    Words are whitespace-separated tokens with punctuation stripped from their
    ends — the features stage computes the same keys while it counts stopwords.
    Symbols (©, @) are not keys: patterns that need them are found with ``in``.
    Lower-cased a chunk at a time (the same as the whole line: see :mod:`cleaner.chunks`).
    """
    return {token.strip(WORD_PUNCTUATION)[:KEY_LENGTH] for chunk in word_chunks(text) for token in chunk.lower().split()}


def triggers(pattern: str) -> frozenset[str] | None:
    """Keys one of which every match of ``pattern`` (case-insensitive) must show; None if unknown."""
    try:
        parsed = sre_parse.parse(pattern)
    except Exception:  # noqa: BLE001 - anything unparsable simply always runs
        return None
    found = _sequence(list(parsed), at_word_start=True, tail_ends_word=True)
    return frozenset(found) if found else None


def _sequence(items: list, at_word_start: bool, tail_ends_word: bool) -> set[str] | None:
    """Keys for a sequence of parsed items, or None.

    ``at_word_start``: the sequence starts where a word starts; ``tail_ends_word``:
    what follows the sequence (in the enclosing pattern) ends a word.
    """
    i = 0
    while i < len(items):
        op, arg = items[i]
        following_ends_word = tail_ends_word if i + 1 >= len(items) else _ends_word(items[i + 1])
        if op is _AT:
            at_word_start = True
            i += 1
            continue
        if op is _LITERAL:
            run = []
            while i < len(items) and items[i][0] is _LITERAL:
                run.append(chr(items[i][1]).lower())
                i += 1
            text = "".join(run)
            stripped = text.lstrip()
            if not stripped:
                at_word_start = True
                continue
            if stripped is not text:
                at_word_start = True
            rest_ends_word = tail_ends_word if i >= len(items) else _ends_word(items[i])
            return _literal_key(stripped, at_word_start, rest_ends_word)
        if op is _SUBPATTERN:
            return _sequence(list(arg[-1]), at_word_start, following_ends_word)
        if op is _BRANCH:
            keys: set[str] = set()
            for alternative in arg[1]:
                found = _sequence(list(alternative), at_word_start, following_ends_word)
                if found is None:
                    return None
                keys |= found
            return keys
        if op in _REPEATS:
            low = arg[0]
            body = list(arg[2])
            if low >= 1:
                if _is_space(body):
                    at_word_start = True
                    i += 1
                    continue
                found = _sequence(body, at_word_start, False)
                if found is not None:
                    return found
            # an optional item, or a required one with no literal: what follows is not at a word start
            at_word_start = _is_space(body) and low >= 1
            i += 1
            continue
        if op is _IN and _is_space([(op, arg)]):
            at_word_start = True
            i += 1
            continue
        return None  # a character class, a wildcard, a look-around: give up on this pattern
    return None


def _literal_key(text: str, at_word_start: bool, rest_ends_word: bool) -> set[str] | None:
    first = text[0]
    if not first.isalnum():
        # A symbol: the literal itself (up to four characters) is searched for in the line.
        return {text[:KEY_LENGTH]}
    if not at_word_start:
        return None
    token = text.split(None, 1)[0]
    word = token.strip(WORD_PUNCTUATION)
    if len(word) >= KEY_LENGTH:
        return {word[:KEY_LENGTH]}
    # A short word is a key only when the pattern ends the word there ("tag:", "see more").
    complete = len(token) < len(text) or word != token or rest_ends_word
    return {word} if complete and word else None


def _ends_word(item) -> bool:
    op, arg = item
    if op is _AT:
        return True
    if op is _LITERAL:
        return not chr(arg).isalnum()
    return _is_space([item])


def _is_space(items: list) -> bool:
    if len(items) != 1:
        return False
    op, arg = items[0]
    if op is _LITERAL:
        return chr(arg).isspace()
    if op is _IN:
        return all(o is _CATEGORY and a is _SPACE_CATEGORY or o is _LITERAL and chr(a).isspace() for o, a in arg)
    return False


@lru_cache(maxsize=1024)
def required_literals(pattern: re.Pattern[str]) -> tuple[str, ...]:
    """Strings of which every match of ``pattern`` contains one (``()``: none of 3 characters or more found).

    Searching a whole dump for a pattern such as ``^Support The Moscow Times!$`` (multi-line) tries it at
    every character: Python's ``re`` looks for a literal first only when the pattern starts with one. A
    ``literal in text`` test first skips most of that work on the pages (nearly all) that lack it. Runs of
    plain characters at the pattern's top level count, and an alternation whose every branch has one.
    """
    if pattern.flags & re.IGNORECASE:
        return ()
    try:
        return _required(sre_parse.parse(pattern.pattern, pattern.flags))
    except Exception:  # noqa: BLE001 - the prefilter is only a shortcut; without it the search still runs
        return ()


def _required(items) -> tuple[str, ...]:
    """The best requirement in a parsed sequence: the one whose shortest string is longest."""
    best: tuple[str, ...] = ()
    run = ""
    for op, value in items:
        candidate: tuple[str, ...] = ()
        run = run + chr(value) if op is _LITERAL else ""
        if run:
            candidate = (run,)
        elif op is _BRANCH:
            alternatives = [_required(branch) for branch in value[1]]
            if all(alternatives):
                candidate = tuple(sorted({text for found in alternatives for text in found}))
        if candidate and (not best or min(map(len, candidate)) > min(map(len, best))):
            best = candidate
    return best if best and min(map(len, best)) >= 3 else ()
