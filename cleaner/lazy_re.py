"""Module-level regular expressions compiled at their first use, not at import.

The CLI's cold start imports the lexicon and the reference stages' rules; the native core runs most of
them and only reads their source (``.pattern``, ``.flags``), so compiling all of them at import spent
~10 ms of every start on patterns a text dump never searches with.
"""

from __future__ import annotations

import re
from typing import Any

#: What a compiled pattern is asked for; after the first use each is an attribute of the stand-in itself,
#: so a hot loop pays no more than with the compiled pattern.
_FORWARDED = ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split", "groupindex", "groups")


class LazyPattern:
    """Stands for ``re.compile(pattern, flags)``: its source is known now, the pattern is compiled when a
    search (or anything else but ``pattern`` and ``flags``) first asks for it."""

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern = pattern
        self.flags = re.compile(pattern, flags).flags if _HAS_INLINE_FLAGS.search(pattern) else _with_unicode(flags)
        self._flags = flags

    def compiled(self) -> re.Pattern[str]:
        """The compiled pattern (compiled once; ``re``'s cache makes a second compile a dict look-up)."""
        compiled = re.compile(self.pattern, self._flags)
        for name in _FORWARDED:
            setattr(self, name, getattr(compiled, name))
        return compiled

    def __getattr__(self, name: str) -> Any:  # only for names not set yet: the first use
        return getattr(self.compiled(), name)

    def __repr__(self) -> str:
        return f"LazyPattern({self.pattern!r}, {self._flags!r})"


#: A pattern's own inline flags (``(?i)``) are only known once it is parsed: such a pattern says its
#: ``flags`` by compiling.
_HAS_INLINE_FLAGS = re.compile(r"\(\?[aiLmsux]+\)")


def _with_unicode(flags: int) -> int:
    """The flags ``re`` gives a str pattern compiled with ``flags``: UNICODE unless ASCII."""
    return flags if flags & re.A else flags | re.U


def lazy_compile(pattern: str, flags: int = 0) -> LazyPattern:
    """``re.compile`` at first use (see :class:`LazyPattern`)."""
    return LazyPattern(pattern, flags)


class UnionPattern:
    """Stands for ``re.compile(head + "(?:" + "|".join(forms) + ")" + tail, flags)`` where a caller only asks
    whether it matches (``match``): each form is tried as its own pattern, compiled at its first use.

    CPython's compiler is not linear in a union of long alternations: the timestamps of every language
    (:data:`cleaner.lexicon.TIMESTAMP_LIKE`, two forms holding every month's names) take ~20 ms to compile as
    one pattern and ~4.5 ms as three (load 5), and a dump's header asks for them at every start. ``pattern`` and ``flags``
    are the union's: the native core compiles that one (its compiler is linear), and the two must agree.

    ``needles`` (one for each form, or None): a regex every match of the form holds somewhere (a form of a
    full date holds its year's four digits, ``\\d{4}``); a text where it is not found is not tried with the form,
    which is not compiled for it either. A form's month names cost a line of a header's chrome ("Posted in News |
    12 Comments") ten times a search for the needle; forms with the same needle, one after the other, search
    it once. A screen, never a rule: the union matches what it matched without them (a test draws each
    form's matches and finds its needle in every one)."""

    def __init__(self, head: str, forms: tuple[str, ...], tail: str, flags: int = 0,
                 needles: tuple[str | None, ...] | None = None) -> None:
        self.pattern = head + "(?:" + "|".join(forms) + ")" + tail
        self.flags = _with_unicode(flags)
        needles = needles or (None,) * len(forms)
        if len(needles) != len(forms):
            raise ValueError("UnionPattern: one needle (or None) for each form")
        screens = {needle: LazyPattern(needle, flags) for needle in needles if needle is not None}
        self._parts = tuple((LazyPattern(head + "(?:" + form + ")" + tail, flags),
                             screens[needle] if needle is not None else None) for form, needle in zip(forms, needles))

    def match(self, text: str) -> re.Match[str] | None:
        """The first form's match at the start of ``text`` (a match of the union there exists if one does);
        a form whose needle ``text`` does not hold is passed over."""
        screen, held = None, False
        for part, needle in self._parts:
            if needle is not None:
                if needle is not screen:
                    screen, held = needle, needle.search(text) is not None
                if not held:
                    continue
            found = part.match(text)
            if found is not None:
                return found
        return None

    def compiled(self) -> re.Pattern[str]:
        """The union compiled as one pattern (slow: for tests and tools, not for cleaning)."""
        return re.compile(self.pattern, self.flags)

    def forms(self) -> tuple[tuple[LazyPattern, LazyPattern | None], ...]:
        """Each form as the pattern tried (head, form and tail), with its needle's pattern or None (for tests)."""
        return self._parts
