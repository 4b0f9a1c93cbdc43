"""Module-level regular expressions compiled at their first use, not at import.

The CLI's cold start imports the lexicon and the reference stages' rules; the native core runs most of
them and only reads their source (``.pattern``, ``.flags``), so compiling all of them at import spent
~10 ms of every start on patterns a text dump never searches with.

Those a dump does search with (the metadata stage's credits, datelines and month names: long alternations)
still took ~18 ms of a ~75 ms start to compile, nearly all of it in ``re``'s parser, which is Python. Their
programs (what ``re``'s compiler makes of a pattern: the same for the same pattern, flags and interpreter)
are shipped (:data:`PROGRAMS_FILE`) for the interpreter that built them, and handed to ``re``'s own engine
(:func:`_shipped`); another interpreter, or a pattern edited since, compiles as before.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable

from .compat import TYPE_CHECKING

if TYPE_CHECKING:
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
        """The compiled pattern: its shipped program (:func:`_shipped`), else ``re.compile``'s (compiled once;
        ``re``'s cache makes a second compile a dict look-up)."""
        compiled = _shipped(self.pattern, self._flags) or re.compile(self.pattern, self._flags)
        for name in _FORWARDED:
            setattr(self, name, getattr(compiled, name))
        return compiled

    def __getattr__(self, name: str) -> Any:  # only for names not set yet: the first use
        return getattr(self.compiled(), name)

    def __repr__(self) -> str:
        return f"LazyPattern({self.pattern!r}, {self._flags!r})"


#: The shipped programs of the package's lazy patterns (``python tools/build_phrase_index.py`` writes it; a
#: test keeps it current): a line naming the interpreter (:func:`programs_header`), then by flags and source
#: each pattern's program as ``re``'s compiler makes it, marshalled (as JSON its ~0.6 MB took ~2.4 ms to read;
#: ~0.3 MB of ``marshal`` takes ~0.1).
PROGRAMS_FILE = "re_programs.marshal"
#: Bumped whenever the file's layout changes.
PROGRAMS_VERSION = 1
#: The shipped programs by :func:`_program_key`, read at the first compile (None: not read yet).
_programs: dict[str, tuple[Any, ...]] | None = None
#: The patterns made from them, by the same key (two lazy patterns of one source share one, as with ``re``'s cache).
_made: dict[str, re.Pattern[str]] = {}


def programs_header() -> bytes:
    """The first line of :data:`PROGRAMS_FILE`: its layout, and what a program depends on besides its pattern
    and flags: the interpreter (its ``re`` compiler, its Unicode tables and ``marshal`` come with its version),
    the engine's opcodes and limits, the byte order the programs are kept in."""
    import _sre

    return (f"cleaner re programs {PROGRAMS_VERSION}: {sys.implementation.name} {sys.version_info[0]}."
            f"{sys.version_info[1]} sre {_sre.MAGIC} {_sre.CODESIZE} {_sre.MAXREPEAT} {_sre.MAXGROUPS} "
            f"{sys.byteorder}\n").encode("ascii")


def _program_key(pattern: str, flags: int) -> str:
    return f"{int(flags)} {pattern}"


def _shipped(pattern: str, flags: int) -> re.Pattern[str] | None:
    """``re.compile(pattern, flags)`` from its shipped program, or None when none is shipped for it (another
    interpreter, a pattern edited since): what ``re._compiler.compile`` hands the engine, without parsing
    the pattern again. The engine checks the program it is given."""
    global _programs
    key = _program_key(pattern, flags)
    made = _made.get(key)
    if made is not None:
        return made
    if _programs is None:
        _programs = _read_programs()
    entry = _programs.pop(key, None)  # (its text is not kept once the pattern is made)
    if entry is None:
        return None
    import _sre

    final_flags, groups, groupindex, indexgroup, program = entry
    try:
        code = memoryview(program).cast("I").tolist()
        made = _made[key] = _sre.compile(pattern, final_flags, code, groups, groupindex, indexgroup)
    except (TypeError, ValueError, RuntimeError):  # not a program this engine takes: compile it
        return None
    return made


def _read_programs() -> dict[str, tuple[Any, ...]]:
    """The shipped programs, if made by this interpreter in this layout (:func:`programs_header`); else none."""
    import marshal

    from .data import data_file, read_bytes

    try:
        raw = read_bytes(data_file(PROGRAMS_FILE))
        header = programs_header()
        programs = marshal.loads(memoryview(raw)[len(header):]) if raw.startswith(header) else {}
    except (OSError, ValueError, EOFError, TypeError):
        return {}
    return programs if isinstance(programs, dict) else {}


def program_of(pattern: str, flags: int) -> tuple[Any, ...]:
    """The shipped entry of ``pattern``: as ``re._compiler.compile`` compiles it (flags, group count, group
    names both ways, the program as bytes)."""
    import array

    if sys.version_info >= (3, 11):
        from re import _compiler, _parser
    else:  # pragma: no cover - Python 3.10
        import sre_compile as _compiler
        import sre_parse as _parser

    flags = int(flags)
    parsed = _parser.parse(pattern, flags)
    code = _compiler._code(parsed, flags)
    groupindex = dict(parsed.state.groupdict)
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    return (flags | parsed.state.flags, parsed.state.groups - 1, groupindex, tuple(indexgroup),
            array.array("I", code).tobytes())


def build_programs(patterns: Iterable[LazyPattern]) -> dict[str, tuple[Any, ...]]:
    """What :data:`PROGRAMS_FILE` holds after its header for ``patterns`` (the package's:
    :func:`cleaner.startup.package_patterns`; none with the debug flag), by :func:`_program_key`."""
    programs = {_program_key(p.pattern, p._flags): program_of(p.pattern, p._flags)
                for p in patterns if not p._flags & re.DEBUG}
    return dict(sorted(programs.items()))


def programs_file(programs: dict[str, tuple[Any, ...]]) -> bytes:
    """:data:`PROGRAMS_FILE`'s bytes for ``programs``."""
    import marshal

    return programs_header() + marshal.dumps(programs, 2)  # (version 2 shares no objects: the same bytes each time)


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
    form's matches and finds its needle in every one).

    ``tried`` (one for each form, or None): each form as Python's engine tries it, where it is written otherwise
    for its speed with the same matches (:func:`cleaner.lexicon.first_char_alternatives`); ``pattern``, which the
    core compiles, is the union of ``forms``."""

    def __init__(self, head: str, forms: tuple[str, ...], tail: str, flags: int = 0,
                 needles: tuple[str | None, ...] | None = None, tried: tuple[str, ...] | None = None) -> None:
        self.pattern = head + "(?:" + "|".join(forms) + ")" + tail
        self.flags = _with_unicode(flags)
        needles = needles or (None,) * len(forms)
        if len(needles) != len(forms) or (tried is not None and len(tried) != len(forms)):
            raise ValueError("UnionPattern: one needle (or None) for each form, and one form tried")
        forms = tried or forms
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
