"""Static check for regular expressions that backtrack exponentially (``(a+)+$``, ``(\\w|\\d)*x``).

A backtracking engine (Python's ``re``, the ``regex`` module) tries, when a
match fails, every way the pattern could have matched the text so far. A
repetition whose body can match the same text in more than one way — a
quantifier nested in a quantifier, ``(a+)+``, or overlapping alternatives
under one, ``(a|ab?)*`` — has exponentially many such ways: on a line that
almost matches, a 30-character line takes minutes. A profile is user input,
so :func:`exponential_repetition` finds those patterns when the profile is
loaded, and the loader rejects them with a one-line error.

How: the pattern is read with Python's own parser (``re._parser``, as
:mod:`cleaner.triggers` does) and turned into its position automaton
(Glushkov: one state per character-consuming atom). A pattern backtracks
exponentially when its automaton is *exponentially ambiguous*: some state has
two different loops reading the same text. That holds exactly when, in the
automaton paired with itself, a pair of one state ``(q, q)`` shares a strongly
connected component with a pair of two states ``(p, p')``. Two atoms "read the
same character" when some character of a sample (ASCII, a few non-ASCII
letters, digits and spaces, and every literal the pattern names) is in both.

The check is sound, not complete: what it rejects is exponential, but a
pattern can still be slow in other ways (``.*.*.*x`` is polynomial on ``re``;
a bounded repetition ``(a{1,9}){1,9}$`` is finite but vast). The time budget of
:mod:`cleaner.profiles.patterns` stops those. Repetitions the pattern can never have to
backtrack into (nothing after them can fail: ``^(\\w+\\s?)*`` ends a search
at once) are let through, as are atomic groups and possessive quantifiers
(``(?>…)``, ``a++``: they give nothing back).
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from typing import Callable

if sys.version_info >= (3, 11):
    import re._constants as sre_constants
    import re._parser as sre_parse
else:  # pragma: no cover - Python 3.10
    import sre_constants
    import sre_parse

_C = sre_constants
_ATOMIC = tuple(op for op in (getattr(_C, "ATOMIC_GROUP", None), getattr(_C, "POSSESSIVE_REPEAT", None)) if op)
#: A bounded repetition up to this many copies is unrolled; a larger one is treated as unbounded.
UNROLL_LIMIT = 10
#: Patterns whose analysis would take more than this many atoms, or steps of the paired automaton (about
#: a second), are let through unanalysed: the time budget still guards them.
MAX_POSITIONS = 2_000
MAX_PAIR_STEPS = 1_000_000
#: Characters tried when asking whether two atoms can read the same character.
_SAMPLE = ("".join(chr(c) for c in range(0x09, 0x7F))
           + "\xa0\xad\xb2\xe9\xdf\u0130\u0131\u017f\u212a\u0436\u0663\u2003\u2014\u2019\u201c\u200b\u4e2d\U0001F600")


def _saturated(count: int) -> int:
    """Ways are counted up to 2: one way, or more than one."""
    return min(count, 2)


def _add(target: dict[int, int], source: dict[int, int], times: int = 1) -> None:
    """Add ``source``'s ways, each taken ``times`` ways, to ``target``."""
    if not times:
        return
    for position, ways in source.items():
        target[position] = _saturated(target.get(position, 0) + ways * times)


@dataclass
class _Fragment:
    """A sub-pattern's place in the automaton.

    ``first``: the atoms that can start it, each with the number of ways to reach it from the fragment's
    start (more than one when an optional part before it can be skipped in two ways); ``last`` the same for
    the atoms that can end it; ``empty``: the number of ways it matches the empty string (0: it cannot).
    The engine backtracks through each of those ways, so they count as different paths.
    """

    first: dict[int, int] = field(default_factory=dict)
    last: dict[int, int] = field(default_factory=dict)
    empty: int = 1


@dataclass
class _Automaton:
    """Positions (one per character-consuming atom), the ways each can follow another, the loops to check."""

    tests: list[Callable[[str], bool]] = field(default_factory=list)
    follow: list[dict[int, int]] = field(default_factory=list)
    literals: set[str] = field(default_factory=set)
    loops: list[range] = field(default_factory=list)   # the positions of each repetition that can be backtracked into

    def add(self, test: Callable[[str], bool], literals: tuple[str, ...] = ()) -> int:
        if len(self.tests) >= MAX_POSITIONS:
            raise _TooLarge
        self.tests.append(test)
        self.follow.append({})
        self.literals.update(literals)
        return len(self.tests) - 1

    def link(self, ends: dict[int, int], starts: dict[int, int]) -> None:
        """Each atom of ``ends`` can be followed by each atom of ``starts``."""
        for position, ways in ends.items():
            _add(self.follow[position], starts, ways)


class _TooLarge(Exception):
    """The pattern is too large to analyse: it is let through (the time budget guards it)."""


def exponential_repetition(pattern: str, flags: int = 0) -> bool:
    """Does ``pattern`` have a repetition that can match the same text in exponentially many ways?

    False for patterns that do not parse (the caller reports those) and for
    patterns too large to analyse.
    """
    try:
        parsed = sre_parse.parse(pattern, flags)
    except Exception:  # noqa: BLE001 - not a valid pattern: compiling it says why
        return False
    automaton = _Automaton()
    try:
        _sequence(automaton, list(parsed), parsed.state.flags, tail_can_fail=False)
        masks = _masks(automaton)
        return any(_ambiguous_loop(automaton, loop, masks) for loop in automaton.loops)
    except (_TooLarge, RecursionError):
        return False


# --- building the position automaton ---------------------------------------------------------------------

def _sequence(automaton: _Automaton, items: list, flags: int, tail_can_fail: bool) -> _Fragment:
    """The fragment of a sequence; ``tail_can_fail``: can what follows it in the pattern fail to match?"""
    result = _Fragment()
    for i, item in enumerate(items):
        after_can_fail = tail_can_fail or any(_can_fail(later) for later in items[i + 1:])
        result = _concatenate(automaton, result, _item(automaton, item, flags, after_can_fail))
    return result


def _concatenate(automaton: _Automaton, left: _Fragment, right: _Fragment) -> _Fragment:
    """``left`` followed by ``right``."""
    automaton.link(left.last, right.first)
    first, last = dict(left.first), dict(right.last)
    _add(first, right.first, left.empty)
    _add(last, left.last, right.empty)
    return _Fragment(first, last, _saturated(left.empty * right.empty))


def _item(automaton: _Automaton, item, flags: int, tail_can_fail: bool) -> _Fragment:
    op, arg = item
    if op in (_C.LITERAL, _C.NOT_LITERAL, _C.ANY, _C.IN):
        test, literals = _character_test(op, arg, flags)
        position = automaton.add(test, literals)
        return _Fragment({position: 1}, {position: 1}, 0)
    if op is _C.SUBPATTERN:
        _group, add_flags, del_flags, body = arg
        return _sequence(automaton, list(body), (flags | add_flags) & ~del_flags, tail_can_fail)
    if op is _C.BRANCH:
        return _alternatives(automaton, [list(branch) for branch in arg[1]], flags, tail_can_fail)
    if op is _C.GROUPREF_EXISTS:
        _group, yes, no = arg
        return _alternatives(automaton, [list(yes), list(no) if no else []], flags, tail_can_fail)
    if op in (_C.MAX_REPEAT, _C.MIN_REPEAT):
        return _repeat(automaton, arg, flags, tail_can_fail)
    if op in (_C.ASSERT, _C.ASSERT_NOT):
        _independent(automaton, list(arg[1]), flags)   # a look-around is searched on its own, and atomic
    elif op in _ATOMIC:
        body = list(arg) if op is getattr(_C, "ATOMIC_GROUP", None) else [(_C.MAX_REPEAT, arg)]
        _independent(automaton, body, flags)
    # Assertions, back references and atomic parts consume no atom of this automaton.
    return _Fragment()


def _independent(automaton: _Automaton, items: list, flags: int) -> None:
    """A part the engine never backtracks into from outside: its own loops, unconnected to the rest."""
    _sequence(automaton, items, flags, tail_can_fail=False)


def _alternatives(automaton: _Automaton, branches: list[list], flags: int, tail_can_fail: bool) -> _Fragment:
    result = _Fragment(empty=0)
    for branch in branches:
        part = _sequence(automaton, branch, flags, tail_can_fail)
        _add(result.first, part.first)
        _add(result.last, part.last)
        result.empty = _saturated(result.empty + part.empty)
    return result


def _repeat(automaton: _Automaton, arg, flags: int, tail_can_fail: bool) -> _Fragment:
    """``x{m,n}``: m copies, then n - m optional ones (nested), or a loop when n is unbounded or large."""
    low, high, body = arg
    body = list(body)
    unbounded = high is _C.MAXREPEAT or high > UNROLL_LIMIT
    required = min(low, UNROLL_LIMIT if not unbounded else 2)
    # A required copy is followed by the next ones (which can fail when the body can); an optional copy or
    # an iteration of the loop only by what follows the repetition.
    copy_tail_can_fail = tail_can_fail or any(_can_fail(inner) for inner in body)
    result = _Fragment()
    for _ in range(required):
        result = _concatenate(automaton, result, _sequence(automaton, body, flags, copy_tail_can_fail))
    if unbounded:
        start = len(automaton.tests)
        loop = _sequence(automaton, body, flags, tail_can_fail)
        automaton.link(loop.last, loop.first)       # the next iteration
        if tail_can_fail:
            automaton.loops.append(range(start, len(automaton.tests)))
        # Zero iterations, or one that matches the empty string (the engine stops after an empty one).
        return _concatenate(automaton, result, _Fragment(loop.first, loop.last, _saturated(1 + loop.empty)))
    optional = _Fragment()
    for _ in range(high - required):   # x?(x?(x?)): each optional copy only after the previous one
        part = _concatenate(automaton, _sequence(automaton, body, flags, tail_can_fail), optional)
        optional = _Fragment(part.first, part.last, _saturated(1 + part.empty))
    return _concatenate(automaton, result, optional)


def _can_fail(item) -> bool:
    """Can this item fail to match where it is tried (so that the engine backtracks into what came before)?"""
    op, arg = item
    if op is _C.SUBPATTERN:
        return any(_can_fail(inner) for inner in arg[3])
    if op is _C.BRANCH:
        return all(any(_can_fail(inner) for inner in branch) for branch in arg[1])
    if op is _C.GROUPREF_EXISTS:
        _group, yes, no = arg
        return any(_can_fail(inner) for inner in yes) and no is not None and any(_can_fail(inner) for inner in no)
    if op in (_C.MAX_REPEAT, _C.MIN_REPEAT) or op is getattr(_C, "POSSESSIVE_REPEAT", None):
        return arg[0] > 0 and any(_can_fail(inner) for inner in arg[2])
    if op is getattr(_C, "ATOMIC_GROUP", None):
        return any(_can_fail(inner) for inner in arg)
    return True   # an atom, an assertion, a back reference


# --- which characters an atom reads ----------------------------------------------------------------------

_CATEGORIES: dict[object, Callable[[str], bool]] = {
    _C.CATEGORY_DIGIT: str.isdecimal,
    _C.CATEGORY_NOT_DIGIT: lambda c: not c.isdecimal(),
    _C.CATEGORY_SPACE: str.isspace,
    _C.CATEGORY_NOT_SPACE: lambda c: not c.isspace(),
    _C.CATEGORY_WORD: lambda c: c.isalnum() or c == "_",
    _C.CATEGORY_NOT_WORD: lambda c: not (c.isalnum() or c == "_"),
}


def _character_test(op, arg, flags: int) -> tuple[Callable[[str], bool], tuple[str, ...]]:
    """A predicate for the characters one atom reads, and the characters it names (for the sample)."""
    if op is _C.LITERAL:
        char = chr(arg)
        test, named = (lambda c: c == char), (char,)
    elif op is _C.NOT_LITERAL:
        char = chr(arg)
        test, named = (lambda c: c != char), (char,)
    elif op is _C.ANY:
        dotall = bool(flags & _C.SRE_FLAG_DOTALL)
        test, named = (lambda c: dotall or c != "\n"), ()
    else:
        test, named = _set_test(arg)
    if flags & _C.SRE_FLAG_ASCII:
        plain = test
        test = lambda c: c < "\x80" and plain(c)  # noqa: E731
    if flags & _C.SRE_FLAG_IGNORECASE:
        exact = test
        test = lambda c: exact(c) or exact(c.lower()) or exact(c.upper())  # noqa: E731
        named = tuple({variant for char in named for variant in (char, char.lower(), char.upper())})
    return test, named


def _set_test(items) -> tuple[Callable[[str], bool], tuple[str, ...]]:
    """``[...]``: literals, ranges and categories, maybe negated."""
    negate = bool(items) and items[0][0] is _C.NEGATE
    chars: set[str] = set()
    ranges: list[tuple[str, str]] = []
    categories: list[Callable[[str], bool]] = []
    for op, value in items[1:] if negate else items:
        if op is _C.LITERAL:
            chars.add(chr(value))
        elif op is _C.RANGE:
            ranges.append((chr(value[0]), chr(value[1])))
        elif op is _C.CATEGORY:
            categories.append(_CATEGORIES.get(value, lambda c: True))

    def test(c: str) -> bool:
        inside = c in chars or any(lo <= c <= hi for lo, hi in ranges) or any(cat(c) for cat in categories)
        return inside != negate

    named = tuple(chars) + tuple(end for pair in ranges for end in pair)
    return test, named


def _masks(automaton: _Automaton) -> list[int]:
    """Each position's characters, as a bit set over the sample (so an overlap is one ``&``)."""
    sample = sorted(set(_SAMPLE) | automaton.literals)
    return [sum(1 << i for i, c in enumerate(sample) if test(c)) for test in automaton.tests]


# --- the ambiguity test ----------------------------------------------------------------------------------

def _ambiguous_loop(automaton: _Automaton, loop: range, masks: list[int]) -> bool:
    """Does some atom of the loop have two different cycles that read the same text?

    Either one step of a cycle can be taken in two ways (``(a*)*``: the inner loop, or the outer one), or,
    in the automaton paired with itself, a pair (q, q) shares a strongly connected component with a pair
    (p, p'), p != p' (``(a|ab?)*``: two runs that part and meet again). Only the loop's own atoms are
    paired: a cycle of the automaton stays inside one loop.
    """
    inside = set(loop)
    follow = {p: {q: ways for q, ways in automaton.follow[p].items() if q in inside} for p in loop}
    for component in _components(list(loop), lambda p: list(follow[p])):
        members = set(component)
        if any(ways > 1 and q in members for p in component for q, ways in follow[p].items()):
            return True
    steps = 0

    def successors(pair: tuple[int, int]) -> list[tuple[int, int]]:
        nonlocal steps
        a, b = pair
        steps += len(follow[a]) * len(follow[b])
        if steps > MAX_PAIR_STEPS:
            raise _TooLarge
        return [(x, y) for x in follow[a] for y in follow[b] if masks[x] & masks[y]]

    diagonal = [(p, p) for p in loop]
    return any(any(a != b for a, b in component) and any(a == b for a, b in component)
               for component in _components(diagonal, successors))


def _components(roots, successors):
    """Strongly connected components reachable from ``roots`` (Tarjan's algorithm, iterative)."""
    index: dict = {}
    low: dict = {}
    stack: list = []
    on_stack: set = set()
    counter = 0
    for root in roots:
        if root in index:
            continue
        work = [(root, iter(successors(root)))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            advanced = False
            for child in children:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(successors(child))))
                    advanced = True
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            if advanced:
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                yield component
