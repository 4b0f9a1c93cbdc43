"""The markup model: boosted decision trees over a line's feature row, in plain Python.

The model file (``cleaner/data/markup_model.json``) is written by
``bench/train_markup_model.py`` from labelled pages. It holds two tree
ensembles, each with the feature names it was trained with (checked against
:mod:`features` on load) and its decision threshold:

- ``markup`` reads the page's own evidence (:data:`features.MARKUP_NAMES`);
- ``consulted`` reads that plus trafilatura's (:data:`features.NAMES`).

and when to go from the first to the second: a page is *in doubt* when at
least ``consult_above`` of its words are in lines the markup ensemble scores
inside ``doubt_band``. On load each ensemble becomes the native core's
``Trees`` when the core is built (:func:`cleaner.extension.extension`; some five times faster), else one
Python function of nested comparisons (no numpy needed): the reference, which ``CLEANER_PURE_PYTHON=1``
picks. Both add the same leaf values in the same order, so the scores are the same to the bit. The file
is read as the text model's is (:mod:`cleaner.models`): a Cleaner given another one (``markup_model=…``)
carries it on each Document, and an unusable file is a :class:`~cleaner.errors.ModelError`.
"""

from __future__ import annotations

import math
from functools import cache
from typing import Callable, Iterable, Sequence

from ..errors import ModelError
from ..models import load_file, load_packaged
from .features import MARKUP_NAMES, NAMES, PageRows

MODEL_FORMAT = "cleaner-markup-model/2"
KIND = "markup model"
#: The shipped model's file name in cleaner/data.
PACKAGED = "markup_model.json"


class Ensemble:
    """One set of trees: ``probabilities(rows)`` gives each row's chance of being article text."""

    def __init__(self, spec: dict, names: tuple[str, ...], key: str) -> None:
        if tuple(spec.get("features", ())) != names:
            raise ValueError(f"'{key}' was trained on other features than this version computes "
                             "(retrain it with bench/train_markup_model.py)")
        self.threshold: float = float(spec["threshold"])
        #: The native core's trees, or None when the Python reference scores.
        self.native = _native_trees(spec["trees"], float(spec["base"]), len(names))
        self._score = self.native.score if self.native is not None \
            else _compile(spec["trees"], float(spec["base"]), len(names))

    def probabilities(self, rows: Iterable[list[float]]) -> list[float]:
        score = self._score
        return [_sigmoid(score(row)) for row in rows]

    def page_probabilities(self, rows: "PageRows", covered: Sequence[float] | None = None) -> list[float]:
        """Each line's probability, its row assembled and scored by the native core (:attr:`native` must be
        set): :meth:`probabilities` of ``rows.markup()`` (``rows.consulted(covered)``), without a row built."""
        return list(map(_sigmoid, rows.native_scores(self.native, covered)))


class Model:
    """The two ensembles and the rule for asking trafilatura."""

    def __init__(self, spec: dict) -> None:
        if spec.get("format") != MODEL_FORMAT:
            raise ValueError(f"not a {MODEL_FORMAT} file")
        low, high = spec["doubt_band"]
        self.doubt_band: tuple[float, float] = (float(low), float(high))
        self.consult_above: float = float(spec["consult_above"])
        self.markup = Ensemble(spec["markup"], MARKUP_NAMES, "markup")
        self.consulted = Ensemble(spec["consulted"], NAMES, "consulted")

    def in_doubt(self, lines: Sequence, probabilities: Sequence[float]) -> bool:
        """Is the page worth asking trafilatura about? (The share of its words in lines scored in doubt.)"""
        words = [line.features.words for line in lines]
        return doubt(words, probabilities, self.doubt_band, MIN_DOUBT_WORDS) >= self.consult_above


#: A page with fewer words than this in doubt is not worth a second opinion: trafilatura, finding
#: no main text on a near-empty page (a bare menu), falls back to whatever text there is.
MIN_DOUBT_WORDS = 10


def doubt(words: Sequence[int], probabilities: Sequence[float], band: tuple[float, float],
          min_words: int = 0) -> float:
    """The share of the page's words (``words``: per line) in lines whose probability lies inside ``band``
    (0 when fewer than ``min_words`` words are in doubt)."""
    low, high = band
    total = sum(words)
    unsure = sum(n for n, p in zip(words, probabilities) if low < p < high)
    return unsure / total if total and unsure >= min_words else 0.0


def _sigmoid(value: float) -> float:
    if value < -30:
        return 0.0
    return 1.0 / (1.0 + math.exp(-value))


def _native_trees(trees: list[dict], base: float, width: int):
    """The native core's ``Trees`` (``score``: a row's raw score, the row read as a list), or None when the
    Python reference runs (the core is not built, or ``CLEANER_PURE_PYTHON`` is set)."""
    from ..extension import extension

    native, _ = extension()   # no character table needed: not the whole core (cleaner.native), just its trees
    if native is None:
        return None
    arrays = [(tree["feature"], tree["threshold"], tree["left"], tree["right"], tree["value"]) for tree in trees]
    try:
        return native.Trees(base, width, arrays)
    except (ValueError, TypeError, OverflowError):
        return None   # trees the core does not lay out (deeper than it does, malformed): the reference decides


def _compile(trees: list[dict], base: float, width: int) -> Callable[[Sequence[float]], float]:
    """One function ``score(row) -> raw score``: the base plus every tree's leaf value.

    The row is unpacked into local names first (``x17`` instead of ``x[17]``), and each tree is one
    conditional expression, added to the total in groups (``total = total + (…) + (…)``, the same
    additions in the same order as one tree at a time): comparisons and constants are then the
    cheapest operations CPython has, and no store of the total sits between two trees.
    """
    names = ", ".join(f"x{i}" for i in range(width))
    lines = ["def score(x):", f"    ({names},) = x", f"    total = {base!r}"]
    for start in range(0, len(trees), _TREES_PER_STATEMENT):
        group = trees[start:start + _TREES_PER_STATEMENT]
        lines.append("    total = total + " + " + ".join(_expression(tree, 0) for tree in group))
    lines.append("    return total")
    namespace: dict = {}
    exec(compile("\n".join(lines), "<markup model>", "exec"), namespace)  # noqa: S102 - our own generated code
    return namespace["score"]


#: Trees added per statement: a few dozen keep each expression far from the compiler's nesting limits.
_TREES_PER_STATEMENT = 25


def _expression(tree: dict, node: int) -> str:
    """A tree (from ``node`` down) as nested conditional expressions giving its leaf value."""
    left = tree["left"][node]
    if left < 0:
        return repr(float(tree["value"][node]))
    return (f"({_expression(tree, left)} if x{int(tree['feature'][node])} <= {float(tree['threshold'][node])!r} "
            f"else {_expression(tree, tree['right'][node])})")


@cache
def default_model() -> Model:
    """The shipped model, read and compiled once per process."""
    model = load_packaged(KIND, PACKAGED, Model)
    if model is None:
        raise ModelError(f"cleaner/data/{PACKAGED}", "missing from the installed package", KIND)
    return model


def load_model(path) -> Model:
    """A model file written by bench/train_markup_model.py; :class:`ModelError` says why one is unusable."""
    return load_file(KIND, path, Model)


def model_for(doc) -> Model:
    """The model this page is scored with: its cleaner's, else the shipped one."""
    return doc.models.markup if doc.models.markup is not None else default_model()
