"""Keyword prefilters for big regex alternations (so most lines skip the regex).

A boilerplate phrase is searched with :data:`WORD_START` in front: a phrase that
starts with a letter or digit matches only where a word starts (``\\w`` after a
non-word character or the line's start), never inside a word. So a phrase regex
like ``sign (up|in)\\b`` can only match a line that has a word starting with
"sign". :func:`triggers` reads a pattern with Python's own regex parser and
returns such keys: the first four characters of the word a match must start
with, a whole short word, or a symbol ("©", "@"). When a pattern's required word
cannot be determined, it returns None and the pattern always runs.
:func:`line_keys` gives the same keys for a line, so ``keys & triggers`` tells
whether the regex can match at all: the prefilter is a necessary condition,
never a second rule (a test holds it to that on every fixture line).

Words are runs of ``\\w`` characters (``E-newsletter`` has the words ``e`` and
``newsletter``), compared after :func:`fold`, which lower-cases a line the way
``re.IGNORECASE`` compares characters (``ſ`` is an ``s``, ``İ`` an ``i``).

:func:`required_literals` does the same for a case-sensitive pattern searched
in a whole dump (a profile's fingerprints): strings one of which every match
contains, tested with ``in`` before the search.
"""

from __future__ import annotations

import re
import sys
from functools import lru_cache

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
#: Anchors after which a match is at a word start, and anchors that end a word.
_STARTS_WORD = (sre_constants.AT_BEGINNING, sre_constants.AT_BEGINNING_STRING, sre_constants.AT_BOUNDARY)
_ENDS_WORD = (sre_constants.AT_BOUNDARY, sre_constants.AT_END, sre_constants.AT_END_STRING)
KEY_LENGTH = 4
#: Punctuation stripped from both ends of a whitespace-separated word.
WORD_PUNCTUATION = ".,;:!?\"'()[]{}“”‘’«»—–-*•·|/\\<>_"
#: Put in front of every phrase pattern: a match starts where no word character precedes it, or at a
#: character that is not a word character itself (a symbol such as "©" may follow a word).
WORD_START = r"(?:(?<!\w)|(?!\w))"
_WORD_RUN = re.compile(r"\w+")
_WORD_KEY = re.compile(r"(\w{1,%d})\w*" % KEY_LENGTH)  # each word's key (its first characters)
_WORD_CHAR = re.compile(r"\w")


def _case_classes() -> list[tuple[int, ...]]:
    """Characters ``re.IGNORECASE`` takes for one another beyond lower-casing (``s`` and ``ſ``, ``i`` and ``ı``)."""
    try:
        from re._casefix import _EXTRA_CASES as fixes  # Python 3.11+
    except ImportError:  # pragma: no cover - Python 3.10
        from sre_compile import _ignorecase_fixes as fixes
    return sorted({tuple(sorted((low, *others))) for low, others in fixes.items()})


def _fold_table() -> tuple[dict[int, str], frozenset[str]]:
    """What :func:`fold` translates after ``str.lower()``, and the characters it cannot fold.

    ``re.IGNORECASE`` compares the simple lower-case forms of two characters, taking the members of each
    class of :func:`_case_classes` as one. ``str.lower()`` agrees except that it turns ``İ`` into two
    characters and leaves each class's members apart (``ſ`` and ``s``, ``ς`` and ``σ``); the table maps
    each member to the one ``str.lower()`` makes of the class's capital. A class that mixes word and
    non-word characters (the Greek iota and the combining ypogegrammeni) is left alone: a key holding
    one of its characters is never made (see :func:`_literal_key`).
    """
    import _sre

    table: dict[int, str] = {}
    unfoldable: set[str] = set()
    for members in _case_classes():
        chars = {chr(code) for code in members}
        folded_here = {candidate for member in chars for candidate in (member, member.upper(), member.title())
                       if len(candidate) == 1 and chr(_sre.unicode_tolower(ord(candidate))) in chars}
        if len({_WORD_CHAR.match(char) is not None for char in folded_here}) > 1:
            unfoldable.update(folded_here)
            continue
        capitals = sorted(char.lower() for char in folded_here if char.lower() in chars and char.upper() == char != char.lower())
        canonical = capitals[0] if capitals else min(chars)
        table.update((ord(char), canonical) for char in chars if char != canonical)
    return table, frozenset(unfoldable)


_FOLD, _UNFOLDABLE = _fold_table()
_NEEDS_FOLD = re.compile("[" + "".join(map(re.escape, map(chr, sorted(_FOLD)))) + "]")


def fold(text: str) -> str:
    """``text`` lower-cased so that two characters ``re.IGNORECASE`` takes as equal are equal.

    One character per character (``str.lower()`` alone makes two of ``İ``), and word characters stay
    word characters, so the words of the folded text are the words of the text.
    """
    if text.isascii():
        return text.lower()
    if "\u0130" in text:  # İ: the regex engine takes it as "i"
        text = text.replace("\u0130", "i")
    lowered = text.lower()
    return lowered.translate(_FOLD) if _NEEDS_FOLD.search(lowered) else lowered


def line_keys(text: str) -> set[str]:
    """The keys of a line: the first four characters of each folded word (or the short word).

    Words are runs of ``\\w`` characters, the same words :data:`WORD_START` starts a match at.
    Symbols (©, @) are not keys: patterns that need them are found with ``in`` in the folded line.
    """
    return set(_WORD_KEY.findall(fold(text)))


def triggers(pattern: str) -> frozenset[str] | None:
    """Keys one of which every match of ``WORD_START + pattern`` (case-insensitive) must show; None if unknown."""
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
            at_word_start = arg in _STARTS_WORD
            i += 1
            continue
        if op is _LITERAL:
            run = []
            while i < len(items) and items[i][0] is _LITERAL:
                run.append(chr(items[i][1]))
                i += 1
            text = fold("".join(run))
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
    """The key of a folded literal: its first word's first characters, or a symbol and what follows it."""
    if not is_word_key(text):
        key = text[:KEY_LENGTH]  # a symbol: searched for with ``in`` in the folded line
    elif not at_word_start:
        return None
    else:
        word = _WORD_RUN.match(text).group()
        # A short word is a key only when the pattern ends the word there ("tag:", "see more").
        if len(word) < KEY_LENGTH and len(word) == len(text) and not rest_ends_word:
            return None
        key = word[:KEY_LENGTH]
    return None if _UNFOLDABLE.intersection(key) else {key}


def is_word_key(key: str) -> bool:
    """A key that starts a word (looked up among the line's keys), not a symbol (searched for with ``in``)."""
    return _WORD_CHAR.match(key) is not None


def _ends_word(item) -> bool:
    op, arg = item
    if op is _AT:
        return arg in _ENDS_WORD
    if op is _LITERAL:
        return not is_word_key(chr(arg))
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
