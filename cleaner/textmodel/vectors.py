"""Each line's vector: the document measured once, then every line's columns (:mod:`.columns`).

The columns table is compiled, once (at the first vectors asked), into one generator function
whose loop body is the list of the columns' expressions, as a hand-written
loop would be: calling a function per column would cost about a tenth of the
text path's time. A column another column reads is worked out into a local of
its name first; the one-hot signal columns are one unpacked tuple; the line's
own columns are one tuple, kept per distinct line (a repeated line shares its
Features). The same function builds the training data
(``bench/train_text_model.py``), so training and use agree.
"""

from __future__ import annotations

import keyword
import math
import re
from collections.abc import Iterator, Sequence
from functools import lru_cache

from ..compat import TYPE_CHECKING
from ..lazy_re import lazy_compile
from ..lexicon import is_prose
from .columns import (AROUND, COLUMNS, END_MARKERS, INTERRUPTIONS, LINE, NEAR_LINES, NEAR_RADIUS, NEARBY_LINES,
                      NEARBY_RADIUS, PART_LINES, PART_RADIUS, SIGNAL, SIGNALS, TERMS, Column)
from .measures import (anchor, closing_start, cohesion, colon_lists, content_lists, distances, headline_line,
                       mid_text, prose_stop_level, short_runs, window_counts)

if TYPE_CHECKING:
    from typing import Any


def line_vectors(lines, has_stoplist: bool, char_mode: bool) -> list[list[float]]:
    """The vector of every line (in FEATURES order; booleans count as 0/1)."""
    return list(iter_line_vectors(lines, has_stoplist, char_mode))


def iter_line_vectors(lines, has_stoplist: bool, char_mode: bool, memo: bool = True) -> Iterator[list[float]]:
    """The vectors one at a time: a caller that scores and drops them holds one, not all.

    ``memo``: measure a repeated line (the same Features) once; a large document, where memory
    matters more, measures each line anew."""
    if not lines:
        return iter(())
    return _compiled()[1](lines, has_stoplist, char_mode, memo, **page_measures(lines, has_stoplist, char_mode))


def page_measures(lines: Sequence, has_stoplist: bool, char_mode: bool = False) -> dict[str, Any]:
    """What the columns read about the whole document (the names :mod:`.columns` lists).

    ``char_mode``: the document's script is written without spaces (Chinese, Japanese): the main run of prose
    counts its short sentences (:func:`run_prose`)."""
    n = len(lines)
    feats = [line.features for line in lines]
    prose = [is_prose(f) for f in feats]
    signals = [line.signal for line in lines]
    end_marker = [line.signal in END_MARKERS and not line.between_posts and not mid_text(feats, prose, signals, i)
                  for i, line in enumerate(lines)]
    listed = content_lists(lines, feats)
    start, end = anchor(feats, run_prose(lines, feats, prose, char_mode), end_marker, listed,
                        [line.signal in INTERRUPTIONS for line in lines])
    title = frozenset(feats[0].content)
    overlap = [len(title.intersection(f.content)) / len(title) if title and f.content else 0.0 for f in feats]
    overlap[0] = 0.0
    return {
        "n": n, "feats": feats, "prose": prose, "chrome": [line.signal is not None for line in lines],
        "reference": prose_stop_level(feats) if has_stoplist else 0.0,
        "start": start, "end": end,
        "prose_near": window_counts(prose, NEAR_RADIUS), "prose_nearby": window_counts(prose, NEARBY_RADIUS),
        "prose_in_part": window_counts(prose, PART_RADIUS), "to_prose": distances(prose),
        "shorts": short_runs(feats),
        "ended_at": closing_start(feats, prose, end_marker, start, end),
        "overlap": overlap, "cohesive": cohesion(feats),
        "headline": headline_line(lines, feats, prose), "colon_list": colon_lists(feats),
        "content_list": listed,
    }


def run_prose(lines: Sequence, feats: Sequence, prose: list[bool], char_mode: bool) -> list[bool]:
    """The lines the main run of prose (:func:`.measures.anchor`) counts as prose: the prose, and in a script
    written without spaces (``char_mode``) every line that ends a sentence and that no detector named. A blog
    in Chinese or Japanese writes one short sentence a line ("きっかけは健康診断でした。", 13 characters, 6
    units): each is no prose by its length, and counted against the run, the article's lines weighed less than
    one long paragraph of the sidebar (the author's profile), where the run then stood. A menu's or a teaser
    list's lines end no sentence."""
    if not char_mode:
        return prose
    return [p or (f.ends_sentence and line.signal is None) for p, f, line in zip(prose, feats, lines)]


_ONE_HOT = {name: tuple(float(j == k) for j in range(len(SIGNALS))) for k, name in enumerate(SIGNALS)}
_NO_SIGNAL = (0.0,) * len(SIGNALS)
#: A bare name in an expression (not an attribute: ``f.ends_colon`` reads ``f``).
_NAME = lazy_compile(r"(?<![.\w])[A-Za-z_]\w*")
#: The names the generated code gives an expression besides the page's measures and the terms.
_GIVEN = frozenset({"i", "line", "f", "u", "own", "has_stoplist", "char_mode", "memo", "lines", "log1p", "min", "max",
                    "float", "NEAR_LINES", "NEARBY_LINES", "PART_LINES", *keyword.kwlist})

_TEMPLATE = '''\
def line_columns(f, reference, has_stoplist, char_mode):
    u = f.units
    return ({line_columns},)


def rows(lines, has_stoplist, char_mode, memo, *, {page}):
    log1p = _log1p
    own_of = {{}}
    for i, line in enumerate(lines):
        f = feats[i]
        u = f.units
        own = own_of.get(id(f))
        if own is None:
            own = line_columns(f, reference, has_stoplist, char_mode)
            if memo:
                own_of[id(f)] = own
{bindings}
        yield [{row}]
'''


def _source(table: Sequence[Column], terms: Sequence[tuple[str, str]], page: Sequence[str]) -> str:
    """The generated code: ``line_columns`` (the LINE columns, a prefix) and the ``rows`` generator.

    Raises ValueError for a table the code cannot be made from (a LINE column after another, the signal
    columns out of SIGNALS' order, an expression reading a name nothing gives or a column not yet known).
    """
    scopes = [column.scope for column in table]
    own = next((at for at, scope in enumerate(scopes) if scope != LINE), len(scopes))
    if LINE in scopes[own:]:
        raise ValueError("the LINE columns must come first (they are measured once per distinct line)")
    signal = [at for at, scope in enumerate(scopes) if scope == SIGNAL]
    if [table[at].name for at in signal] != [f"signal:{name}" for name in SIGNALS] or \
            signal != list(range(signal[0], signal[0] + len(SIGNALS))):
        raise ValueError("the signal columns must be one run, one per SIGNALS entry, in its order")
    given = _GIVEN | set(page) | {name for name, _ in terms}

    def reads(expression: str) -> set[str]:
        """The columns an expression reads (a name the code gives, such as char_mode, means that instead)."""
        return set(_NAME.findall(expression)) - given

    read = set().union(*(reads(c.compute) for c in table if c.scope != SIGNAL), *(reads(e) for _, e in terms))
    known = {column.name for column in table[:own]}
    bindings = [f"{column.name} = own[{at}]" for at, column in enumerate(table[:own]) if column.name in read]
    for name, expression in terms:
        _check_known(name, reads(expression), known)
        bindings.append(f"{name} = {expression}")
    row = ["*own"]
    for at, column in enumerate(table[own:], own):
        if column.scope == SIGNAL:
            if at == signal[0]:
                row.append("*_ONE_HOT.get(line.signal, _NO_SIGNAL)")
            continue
        _check_known(column.name, reads(column.compute), known)
        known.add(column.name)
        if column.name in read:
            bindings.append(f"{column.name} = {column.compute}")
            row.append(column.name)
        else:
            row.append(column.compute)
    return _TEMPLATE.format(line_columns=", ".join(column.compute for column in table[:own]), page=", ".join(page),
                            bindings="\n".join(" " * 8 + binding for binding in bindings), row=", ".join(row))


def _check_known(name: str, reads: set[str], known: set[str]) -> None:
    if not reads <= known:
        raise ValueError(f"{name} reads {', '.join(sorted(reads - known))}: no such name, or a column after it")


def _compile(table: Sequence[Column], terms: Sequence[tuple[str, str]]) -> tuple[Any, Any]:
    namespace: dict[str, Any] = {"log1p": math.log1p, "_log1p": math.log1p, "_ONE_HOT": _ONE_HOT,
                                 "_NO_SIGNAL": _NO_SIGNAL, "NEAR_LINES": NEAR_LINES, "NEARBY_LINES": NEARBY_LINES,
                                 "PART_LINES": PART_LINES}
    exec(compile(_source(table, terms, PAGE_NAMES), "<text model columns>", "exec"), namespace)  # noqa: S102 - ours
    return namespace["line_columns"], namespace["rows"]


#: The names :func:`page_measures` gives (the generated function's parameters).
PAGE_NAMES = ("n", "feats", "prose", "chrome", "reference", "start", "end", "prose_near", "prose_nearby",
              "prose_in_part", "to_prose", "shorts", "ended_at", "overlap", "cohesive", "headline", "colon_list",
              "content_list")


@lru_cache(maxsize=1)
def _compiled() -> tuple[Any, Any]:
    """The table compiled: (line_columns, rows). At first use, not at import: the native core reads the table
    itself (:mod:`cleaner.native.rules`), and compiling it was ~1 ms of every CLI start."""
    return _compile(COLUMNS, TERMS)
