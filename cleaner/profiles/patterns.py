"""Line patterns: a regular expression on one line, optionally with context.

Profiles describe a site's template with these. A pattern is either a plain
regex string, or a table::

    { match = '^By ', followed_by = ['^\\d{2}/\\d{2}/\\d{4}'], preceded_by = [...] }

``match`` is searched (``re.search``) in the stripped line; ``followed_by``
are regexes the next non-blank lines must match, in order; ``preceded_by``
the previous ones, nearest first. ``within_first = N`` limits the pattern to
the first N lines of the article region (``within_first = 1`` with no
``match``: "the title is the region's first line").

A profile is user input, and a regular expression can take exponential time
(``(a+)+$`` on a line of 30 "a"s and a "!"). Two guards: at load, a pattern
whose repetition can match the same text in more than one way is rejected
(:mod:`.backtracking`; the built-in profiles' patterns are checked by the
tests instead, :func:`shipped_patterns`); at run time, a user's profile regexes are searched with
the ``regex`` module (the built-ins', checked, with ``re``), whose searches stop when the document's budget of CPU
time for them is spent (:func:`time_budget`, :data:`BUDGET_SECONDS`), and the
stopped search is a one-line :class:`RegexTimeout` naming the file and the
rule. CPU time, as the ``regex`` module counts it: a busy machine does not
make a sound profile fail. The budget lives in a context variable, not a
signal handler, so it works in any thread. The
syntax stays Python's ``re`` (each pattern is compiled with ``re`` first); the
``regex`` module runs it with ``re``'s semantics (its default ``VERSION0``).
"""

from __future__ import annotations

import contextlib
import re
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextvars import ContextVar
from functools import lru_cache

from ..compat import TYPE_CHECKING
from ..data import MARSHAL_ERRORS, data_file, read_marshal
from ..errors import ProfileError
from ..lazy_re import LazyPattern, lazy_compile
from ..records import record
from ..triggers import required_literals

if TYPE_CHECKING:
    from typing import Any

    import regex


def _engine() -> Any:
    """The ``regex`` module, imported with the first profile regex: a dump cleaned with no profile (the
    CLI's cold start with ``--no-profiles``, a ``clean()`` call without one) does not pay its import."""
    import regex

    return regex

_PATTERN_KEYS = {"match", "followed_by", "preceded_by", "within_first"}
#: The CPU seconds profile regexes may take on one document: this much, plus :data:`BUDGET_SECONDS_PER_MB`
#: for each million characters of it (the built-in profiles take at most 0.9 s on a 10 MB dump, whose
#: budget is 22 s).
BUDGET_SECONDS = 2.0
BUDGET_SECONDS_PER_MB = 2.0
_FLAG_NAMES = ("IGNORECASE", "MULTILINE", "DOTALL", "VERBOSE", "ASCII")
_BUDGET: ContextVar["_Budget | None"] = ContextVar("cleaner_regex_budget", default=None)
_SHIPPED: ContextVar[bool] = ContextVar("cleaner_shipped_patterns", default=False)


class _Budget:
    """CPU seconds left for one document's profile regexes. Only the searches spend it: the time a
    document's cleaning spends elsewhere (loading the profiles, a cold start, other threads of a busy
    process) is not a regex's, and counting it made a one-byte dump fail on a loaded machine."""

    __slots__ = ("left", "seconds")

    def __init__(self, seconds: float) -> None:
        self.left = self.seconds = seconds


@contextlib.contextmanager
def shipped_patterns() -> Iterator[None]:
    """Regexes compiled inside this block are the package's own (the built-in profiles). The test suite
    checks them for exponential backtracking (loading each file as a user's), so a start does not analyse
    them again (27 of the 42 ms that loading the built-ins took), and each is searched with ``re`` as it
    was compiled to check its syntax, not compiled again for the ``regex`` engine and its time guard."""
    token = _SHIPPED.set(True)
    try:
        yield
    finally:
        _SHIPPED.reset(token)


class RegexTimeout(ProfileError):
    """A profile's regular expression took longer than the document's budget (exit status 2)."""


def budget_for(characters: int) -> float:
    """The CPU seconds profile regexes may take on a document of this many characters."""
    return BUDGET_SECONDS + BUDGET_SECONDS_PER_MB * characters / 1_000_000


@contextlib.contextmanager
def time_budget(seconds: float) -> Iterator[None]:
    """Profile regexes searched inside this block share ``seconds`` of CPU time. Inside an enclosing
    budget (``Cleaner.clean`` sets one for the whole dump), the enclosing one holds: a large dump's
    windows and its fingerprint search share the dump's budget. Each thread or task has its own."""
    outer = _BUDGET.get()
    token = _BUDGET.set(outer if outer is not None else _Budget(seconds))
    try:
        yield
    finally:
        _BUDGET.reset(token)


class ProfileRegex:
    """One regular expression of a profile, searched under the current time budget.

    Outside any :func:`time_budget` block each search has :data:`BUDGET_SECONDS` of its own.
    """

    __slots__ = ("pattern", "path", "key", "_flags", "_compiled", "_literals", "_trusted", "_checked")

    def __init__(self, checked: "re.Pattern[str] | LazyPattern", flags: int, path: str, key: str,
                 shipped: bool = False) -> None:
        """``checked``: the regex compiled by ``re`` (a built-in profile's: a :class:`LazyPattern`, compiled
        at its first search; most are never searched in a run, as no dump has their profile's host)."""
        self.pattern = checked.pattern
        self.path = path
        self.key = key
        self._flags = flags
        self._checked = checked
        #: A built-in profile's regex: checked for backtracking by the tests, so searched with ``re`` as
        #: compiled (no second compile, no ``regex`` import at start, which cost ~7 ms of every CLI run).
        self._trusted: "re.Pattern[str] | LazyPattern | None" = checked if shipped else None
        # A user's regex is compiled now, so that one the ``regex`` module refuses is an error at load.
        self._compiled: "regex.Pattern[str] | None" = None if shipped else self._compile()
        #: Strings one of which every match contains (found when first asked: it parses the pattern); most
        #: lines lack them and skip the search (and its timer).
        self._literals: tuple[str, ...] | None = None

    @property
    def groupindex(self) -> "Mapping[str, int]":
        """The pattern's named groups, as ``re`` numbers them."""
        return self._checked.groupindex

    def _compile(self) -> "regex.Pattern[str]":
        # The two modules number some flags differently (re.ASCII is 256, regex.ASCII 128): translate the
        # flags given; the pattern's inline flags ``(?i)`` mean the same to both.
        engine = _engine()
        engine_flags = engine.VERSION0
        for name in _FLAG_NAMES:
            if self._flags & getattr(re, name):
                engine_flags |= getattr(engine, name)
        self._compiled = engine.compile(self.pattern, engine_flags)
        return self._compiled

    def search(self, text: str, present: "frozenset[str] | None" = None) -> "regex.Match[str] | re.Match[str] | None":
        """The first match in ``text``. ``present``: which strings ``text`` holds, of a :class:`LiteralScreen`
        built with this regex's (None: each of them is looked for in ``text`` here)."""
        if self.literals and not self._may_match(text, present):
            return None
        if self._trusted is not None:
            return self._trusted.search(text)
        compiled = self._compiled or self._compile()
        budget = _BUDGET.get() or _Budget(BUDGET_SECONDS)
        started = time.thread_time()
        try:
            if budget.left <= 0:
                raise TimeoutError
            return compiled.search(text, timeout=budget.left)
        except TimeoutError:
            raise RegexTimeout(self.path, self.key, f"regular expression {self.pattern!r} took more than "
                               f"{budget.seconds:.1f} s of CPU time on this document (the limit for a profile's "
                               "regular expressions); rewrite it so that it backtracks less") from None
        finally:
            budget.left -= time.thread_time() - started

    def _may_match(self, text: str, present: "frozenset[str] | None") -> bool:
        """Whether ``text`` holds one of the strings every match contains."""
        if present is not None:
            return not present.isdisjoint(self.literals)
        return any(literal in text for literal in self.literals)

    @property
    def literals(self) -> tuple[str, ...]:
        """The strings one of which every match contains (``()``: no such string known)."""
        if self._literals is None:
            shipped = _shipped_literals().get(literals_key(self._checked)) if self._trusted is not None else None
            self._literals = tuple(shipped) if shipped is not None else required_literals(self._checked)
        return self._literals

    def __repr__(self) -> str:
        return f"ProfileRegex({self.pattern!r}, key={self.key!r})"


#: The strings the built-in profiles' fingerprints require (:func:`cleaner.triggers.required_literals`),
#: shipped: finding them parses each pattern, ~1 ms of every start, which asks every dump for them.
#: ``python tools/build_phrase_index.py`` writes it; a test checks it is current.
LITERALS_FILE = "profile_literals.marshal"


def literals_key(pattern: "re.Pattern[str] | LazyPattern") -> str:
    """A pattern's entry in :data:`LITERALS_FILE`: what its required strings depend on."""
    return f"{int(pattern.flags)}:{pattern.pattern}"


@lru_cache(maxsize=1)
def _shipped_literals() -> dict[str, list[str]]:
    try:
        return read_marshal(data_file(LITERALS_FILE))["literals"]
    except (*MARSHAL_ERRORS, KeyError):
        return {}


def build_literals(regexes: Iterable[ProfileRegex]) -> dict[str, Any]:
    """The content of :data:`LITERALS_FILE` for ``regexes`` (the built-in profiles' fingerprints)."""
    return {"literals": {literals_key(r._checked): list(required_literals(r._checked)) for r in regexes}}


class LiteralScreen:
    """Which of the strings that regexes' matches require a text holds, found in one pass by the native core
    (an Aho-Corasick automaton) rather than by one ``in`` scan of the text per string: the profiles'
    fingerprints ask ~16 of every dump. Without the core, :meth:`present` is None and each regex looks for
    its own strings (:meth:`ProfileRegex.search`)."""

    def __init__(self, regexes: Iterable[ProfileRegex], search: "Callable[[list[str]], Any] | None" = None) -> None:
        """``search``: makes the one-pass search for a list of strings (the native core's, or None without
        it; its ``found(utf8)`` gives the indices of those a text holds). The caller that knows which core
        runs gives it (``api.Cleaner``): the profiles sit below the core."""
        self.literals = sorted({literal for pattern in regexes for literal in pattern.literals})
        self._automaton: Any = None
        if search is not None and self.literals and all(_encodes(literal) for literal in self.literals):
            self._automaton = search(self.literals)

    def present(self, text: str) -> frozenset[str] | None:
        """The strings ``text`` holds (None: no native core; ask each regex)."""
        if self._automaton is None:
            return None
        # UTF-8 keeps a string's bytes whole, so bytes found are the string found; a lone surrogate in the
        # text (surrogatepass) is bytes no string here holds.
        found = self._automaton.found(text.encode("utf-8", "surrogatepass"))
        return frozenset(self.literals[k] for k in found)


def _encodes(text: str) -> bool:
    """Whether ``text`` is valid UTF-8 once encoded (no lone surrogate)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


@record(frozen=True)
class LinePattern:
    match: ProfileRegex | None
    followed_by: tuple[ProfileRegex, ...] = ()
    preceded_by: tuple[ProfileRegex, ...] = ()
    within_first: int | None = None
    source: str = ""

    def matches(self, texts: Sequence[str], i: int, region_start: int = 0) -> bool:
        """Does the pattern hold at line ``i`` of ``texts`` (non-blank lines)?"""
        if self.within_first is not None and not region_start <= i < region_start + self.within_first:
            return False
        if self.match is not None and not self.match.search(texts[i]):
            return False
        for offset, pattern in enumerate(self.followed_by, 1):
            j = i + offset
            if j >= len(texts) or not pattern.search(texts[j]):
                return False
        for offset, pattern in enumerate(self.preceded_by, 1):
            j = i - offset
            if j < 0 or not pattern.search(texts[j]):
                return False
        return True

    def value(self, text: str) -> str:
        """The captured ``value`` group if the regex has one, else the whole line."""
        if self.match is not None:
            found = self.match.search(text)
            if found and "value" in self.match.groupindex and found.group("value"):
                return found.group("value").strip()
        return text.strip()


def compile_regex(source: Any, path: str, key: str, flags: int = 0) -> ProfileRegex:
    """Check one of a profile's regexes (Python's syntax, no exponential backtracking) and compile it."""
    if not isinstance(source, str):
        raise ProfileError(path, key, f"expected a regular expression string, got {type(source).__name__}")
    shipped = _SHIPPED.get()
    if shipped:  # the package's own, checked by the tests: compiled at its first search
        return ProfileRegex(lazy_compile(source, flags), flags, path, key, shipped=True)
    try:
        checked = re.compile(source, flags)
    except (re.error, OverflowError, RecursionError) as exc:
        raise ProfileError(path, key, f"invalid regular expression {source!r}: {exc}") from None
    from .backtracking import exponential_repetition  # lazy: only a user's regex is checked at load

    if exponential_repetition(source, flags):
        raise ProfileError(path, key, f"regular expression {source!r} can take exponential time: a repetition "
                           "in it can match the same text in more than one way (as in '(a+)+', '(a|ab?)*' or "
                           "'(\\w+\\s?)+'), so a line that almost matches makes it try every way; "
                           "make each repeated part match a text only one way")
    try:
        return ProfileRegex(checked, flags, path, key, shipped=shipped)
    except (_engine().error, OverflowError, RecursionError) as exc:
        raise ProfileError(path, key, f"invalid regular expression {source!r}: {exc}") from None


def compile_pattern(spec: Any, path: str, key: str) -> LinePattern:
    """Validate and compile one pattern (a string or a table)."""
    if isinstance(spec, str):
        return LinePattern(match=compile_regex(spec, path, key), source=spec)
    if not isinstance(spec, dict):
        raise ProfileError(path, key, f"expected a regex string or a table, got {type(spec).__name__}")
    unknown = set(spec) - _PATTERN_KEYS
    if unknown:
        raise ProfileError(path, f"{key}.{sorted(unknown)[0]}", f"unknown key (allowed: {', '.join(sorted(_PATTERN_KEYS))})")
    within_first = spec.get("within_first")
    if within_first is not None and (not isinstance(within_first, int) or isinstance(within_first, bool) or within_first < 1):
        raise ProfileError(path, f"{key}.within_first", f"must be a positive integer, got {within_first!r}")
    if "match" not in spec and within_first is None:
        raise ProfileError(path, key, "a pattern table needs 'match' (or 'within_first')")
    match = compile_regex(spec["match"], path, f"{key}.match") if "match" in spec else None
    return LinePattern(
        match=match,
        followed_by=tuple(_regex_list(spec.get("followed_by", []), path, f"{key}.followed_by")),
        preceded_by=tuple(_regex_list(spec.get("preceded_by", []), path, f"{key}.preceded_by")),
        within_first=within_first,
        source=str(spec.get("match", f"within_first={within_first}")),
    )


def compile_patterns(spec: Any, path: str, key: str) -> tuple[LinePattern, ...]:
    """A single pattern or a list of them."""
    items = spec if isinstance(spec, list) else [spec]
    return tuple(compile_pattern(item, path, f"{key}[{i}]") for i, item in enumerate(items))


def _regex_list(spec: Any, path: str, key: str) -> list[ProfileRegex]:
    if not isinstance(spec, list):
        raise ProfileError(path, key, "expected a list of regular expressions")
    return [compile_regex(item, path, f"{key}[{i}]") for i, item in enumerate(spec)]


def first_match(patterns: Sequence[LinePattern], texts: Sequence[str], start: int, stop: int,
                region_start: int = 0) -> tuple[int, LinePattern] | None:
    """The first line index in [start, stop) where any pattern holds."""
    for i in range(start, min(stop, len(texts))):
        for pattern in patterns:
            if pattern.matches(texts, i, region_start):
                return i, pattern
    return None
