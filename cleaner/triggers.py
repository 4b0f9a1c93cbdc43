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

:func:`required_literals` does the same for a case-sensitive pattern of a
profile (a fingerprint searched in a whole dump, a rule searched in each line):
strings one of which every match contains, tested with ``in`` before the search.
"""

from __future__ import annotations

import re
import sys
from functools import lru_cache

from .chunks import CHUNK_CHARS, word_chunks
from .lazy_re import lazy_compile

if sys.version_info >= (3, 11):
    import re._constants as sre_constants
    import re._parser as sre_parse
else:  # pragma: no cover - Python 3.10
    import sre_constants
    import sre_parse

_LITERAL = sre_constants.LITERAL
_SUBPATTERN = sre_constants.SUBPATTERN
_BRANCH = sre_constants.BRANCH
#: The repeats whose body every match holds at least once when their minimum is one or more.
_AT_LEAST_ONCE = (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT, sre_constants.POSSESSIVE_REPEAT)
_REPEATS = (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT)
_AT = sre_constants.AT
_IN = sre_constants.IN
_CATEGORY = sre_constants.CATEGORY
_SPACE_CATEGORY = sre_constants.CATEGORY_SPACE
#: Anchors after which a match is at a word start, and anchors that end a word inside a pattern.
_STARTS_WORD = (sre_constants.AT_BEGINNING, sre_constants.AT_BEGINNING_STRING, sre_constants.AT_BOUNDARY)
_ENDS_WORD = (sre_constants.AT_BOUNDARY, sre_constants.AT_END, sre_constants.AT_END_STRING)
KEY_LENGTH = 4
#: Punctuation stripped from both ends of a whitespace-separated word.
WORD_PUNCTUATION = ".,;:!?\"'()[]{}“”‘’«»—–-*•·|/\\<>_"
#: Put in front of every phrase pattern: a match starts where no word character precedes it, or at a
#: character that is not a word character itself (a symbol such as "©" may follow a word).
WORD_START = r"(?:(?<!\w)|(?!\w))"
_WORD_RUN = lazy_compile(r"\w+")
_WORD_KEY = lazy_compile(r"(\w{1,%d})\w*" % KEY_LENGTH)  # each word's key (its first characters)
_WORD_CHAR = lazy_compile(r"\w")


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
    one of its characters is never made (see :func:`_checked`).
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
_NEEDS_FOLD = lazy_compile("[" + "".join(map(re.escape, map(chr, sorted(_FOLD)))) + "]")  # (~1.2 ms to compile)


def fold(text: str) -> str:
    """``text`` lower-cased so that two characters ``re.IGNORECASE`` takes as equal are equal.

    One character per character (``str.lower()`` alone makes two of ``İ``), and word characters stay
    word characters, so the words of the folded text are the words of the text.
    """
    if text.isascii():
        return text.lower()
    if len(text) > CHUNK_CHARS:
        # A chunk at a time (cut at whitespace, where case mapping never looks across), as
        # :func:`cleaner.chunks.lowered`: folding a long line whole peaked at eight times its size.
        return "".join(_fold_some(chunk) for chunk in word_chunks(text))
    return _fold_some(text)


def _fold_some(text: str) -> str:
    """:func:`fold` of a text that is not all ASCII."""
    if "\u0130" in text:  # İ: the regex engine takes it as "i"
        text = text.replace("\u0130", "i")
    lowered = text.lower()
    return lowered.translate(_FOLD) if _NEEDS_FOLD.search(lowered) else lowered


def line_keys(text: str) -> set[str]:
    """The keys of a line: the first four characters of each folded word (or the short word).

    Words are runs of ``\\w`` characters, the same words :data:`WORD_START` starts a match at.
    Symbols (©, @) are not keys: patterns that need them are found with ``in`` in the folded line.
    """
    keys: set[str] = set()
    for chunk in word_chunks(text):  # a very long line a chunk at a time (chunks cut at whitespace: no word split)
        keys.update(_WORD_KEY.findall(fold(chunk)))
    return keys


def triggers(pattern: str, whole_line: bool = False) -> frozenset[str] | None:
    """Keys one of which every match of ``WORD_START + pattern`` (case-insensitive) must show; None if unknown.

    ``whole_line``: the pattern is searched as a whole line (``^[\\s\\W_]*(?:…)[\\s\\W_]*$``), so after it
    comes the line's end, a non-word character or an underscore.
    """
    try:
        parsed = sre_parse.parse(pattern)
    except Exception:  # noqa: BLE001 - anything unparsable simply always runs
        return None
    found = _keys(list(parsed), True, "" if whole_line else None, "", [_BUDGET])
    return frozenset(found) if found else None


#: How many sub-sequences :func:`_keys` may look at for one pattern (alternatives multiply them).
_BUDGET = 200


def _keys(items: list, at_word_start: bool, tail: str | None, prefix: str, budget: list[int]) -> set[str] | None:
    """Keys for a sequence of parsed items, or None (the pattern then always runs).

    ``at_word_start``: a match of the sequence starts where a word starts. ``prefix``: the first
    characters (folded) of the word the match is in, when the sequence goes on with that word (a short
    word such as "log" in ``log ?in`` is a key only once it is known whether "in" follows). ``tail``:
    what may follow the sequence inside the word: None for anything, "" for nothing but underscores
    (a whole line: the word ends there, or goes on with ``_``).
    """
    budget[0] -= 1
    if budget[0] < 0:
        return None
    i = 0
    while i < len(items):
        op, arg = items[i]
        rest = items[i + 1:]
        if op is _AT:
            if prefix:  # the word ends here, or the anchor is not one a word is in
                return _checked({prefix}) if arg in _ENDS_WORD else None
            at_word_start = arg in _STARTS_WORD
        elif op is _LITERAL:
            j = i
            while j < len(items) and items[j][0] is _LITERAL:
                j += 1
            text = prefix + fold("".join(chr(code) for _, code in items[i:j]))
            if not prefix:
                stripped = text.lstrip()
                if not stripped:
                    at_word_start = True
                    i = j
                    continue
                at_word_start = at_word_start or stripped is not text
                text = stripped
                if not is_word_key(text):
                    return _checked({text[:KEY_LENGTH]})  # a symbol: searched for with ``in`` in the folded line
                if not at_word_start:
                    return None
            word = _WORD_RUN.match(text).group()
            if len(word) >= KEY_LENGTH or len(word) < len(text):  # long enough, or a non-word character ends it
                return _checked({word[:KEY_LENGTH]})
            return _keys(items[j:], True, tail, word, budget)  # a short word: what follows decides
        elif op is _SUBPATTERN:
            return _keys(list(arg[-1]) + rest, at_word_start, tail, prefix, budget)
        elif op is _BRANCH:
            return _union(_keys(list(alternative) + rest, at_word_start, tail, prefix, budget) for alternative in arg[1])
        elif op in _REPEATS:
            low, high, body = arg[0], arg[1], list(arg[2])
            if _is_space(body) and low >= 1:
                if prefix:
                    return _checked({prefix})
                at_word_start = True
            else:
                once = body + rest if high == 1 else body  # the body, then (if it cannot repeat) the rest
                with_body = _keys(once, at_word_start, tail if high == 1 else None, prefix, budget)
                if low >= 1:
                    if with_body is not None:
                        return with_body
                else:  # an optional item: a match has it, or starts with what follows
                    found = _union((with_body, _keys(rest, at_word_start, tail, prefix, budget)))
                    if found is not None:
                        return found
                if prefix:
                    return None
                at_word_start = False  # what follows an item with no key is not at a word start
        elif op is _IN and _is_space([(op, arg)]):
            if prefix:
                return _checked({prefix})
            at_word_start = True
        elif op is _IN and prefix and _never_word(arg):
            return _checked({prefix})
        else:
            return None  # a character class, a wildcard, a look-around: give up on this pattern
        i += 1
    if prefix and tail is not None:  # the word ends with the pattern (a whole line: or goes on with "_")
        return _checked({(prefix + "_" * KEY_LENGTH)[:length] for length in range(len(prefix), KEY_LENGTH + 1)})
    return None


def _union(found) -> set[str] | None:
    keys: set[str] = set()
    for some in found:
        if some is None:
            return None
        keys |= some
    return keys


def _checked(keys: set[str]) -> set[str] | None:
    """The keys, unless one holds a character :func:`fold` cannot fold (no key is made of those)."""
    return None if any(_UNFOLDABLE.intersection(key) for key in keys) else keys


def is_word_key(key: str) -> bool:
    """A key that starts a word (looked up among the line's keys), not a symbol (searched for with ``in``)."""
    return _WORD_CHAR.match(key) is not None


def _never_word(items: list) -> bool:
    """A character class that matches no word character (``['’]``, ``[:.]``, ``\\s``)."""
    return all(op is _LITERAL and not is_word_key(chr(arg)) or
               op is _CATEGORY and arg in (sre_constants.CATEGORY_SPACE, sre_constants.CATEGORY_NOT_WORD)
               for op, arg in items)


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
    plain characters at the pattern's top level count, an alternation whose every branch has one, and a
    group's or a repeat's (one that must match at least once).
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
        elif op in _AT_LEAST_ONCE and value[0] >= 1:
            candidate = _required(value[2])          # ``(.+ -\n){3,}``: every match holds one " -\n"
        elif op is _SUBPATTERN and not value[1] & re.IGNORECASE:
            candidate = _required(value[3])          # a group's literal, unless ``(?i:…)`` folds its case
        if candidate and (not best or min(map(len, candidate)) > min(map(len, best))):
            best = candidate
    return best if best and min(map(len, best)) >= 3 else ()
