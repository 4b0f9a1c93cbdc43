"""The markup model: boosted decision trees over a line's feature row, in plain Python.

The model file (``cleaner/data/markup_model.json``) is written by
``tools/train_markup_model.py`` from labelled pages; it lists the feature
names it was trained with (checked against :data:`features.NAMES` on load),
the decision threshold, and the trees as flat arrays. On load the trees are
turned into one Python function of nested comparisons, which scores a line
several times faster than walking the arrays (no numpy needed).
"""

from __future__ import annotations

import json
import math
from functools import lru_cache
from pathlib import Path
from typing import Callable, Sequence

from ..errors import CleanerError
from .features import NAMES

MODEL_FORMAT = "cleaner-markup-model/1"
DEFAULT_MODEL = Path(__file__).resolve().parent.parent / "data" / "markup_model.json"
_override: Path | None = None


class Model:
    """A loaded model: ``probabilities(rows)`` gives each row's chance of being article text."""

    def __init__(self, spec: dict, source: str) -> None:
        if spec.get("format") != MODEL_FORMAT:
            raise CleanerError(f"markup model {source}: not a {MODEL_FORMAT} file")
        if tuple(spec.get("features", ())) != NAMES:
            raise CleanerError(f"markup model {source}: trained on other features than this version computes "
                               "(retrain it with tools/train_markup_model.py)")
        self.source = source
        self.threshold: float = float(spec["threshold"])
        self.description: str = spec.get("description", "")
        self._score = _compile(spec["trees"], float(spec["base"]), len(NAMES))

    def probabilities(self, rows: Sequence[Sequence[float]]) -> list[float]:
        score = self._score
        return [_sigmoid(score(row)) for row in rows]


def _sigmoid(value: float) -> float:
    if value < -30:
        return 0.0
    return 1.0 / (1.0 + math.exp(-value))


def _compile(trees: list[dict], base: float, width: int) -> Callable[[Sequence[float]], float]:
    """One function ``score(row) -> raw score``: the base plus every tree's leaf value, as nested ifs.

    The row is unpacked into local names first (``x17`` instead of ``x[17]``): the
    comparisons are then the cheapest operations CPython has.
    """
    names = ", ".join(f"x{i}" for i in range(width))
    lines = ["def score(x):", f"    ({names},) = x", f"    total = {base!r}"]
    for tree in trees:
        _emit(tree, 0, 1, lines)
    lines.append("    return total")
    namespace: dict = {}
    exec(compile("\n".join(lines), "<markup model>", "exec"), namespace)  # noqa: S102 - our own generated code
    return namespace["score"]


def _emit(tree: dict, node: int, depth: int, out: list[str]) -> None:
    pad = "    " * depth
    left = tree["left"][node]
    if left < 0:
        out.append(f"{pad}total += {float(tree['value'][node])!r}")
        return
    out.append(f"{pad}if x{int(tree['feature'][node])} <= {float(tree['threshold'][node])!r}:")
    _emit(tree, left, depth + 1, out)
    out.append(f"{pad}else:")
    _emit(tree, tree["right"][node], depth + 1, out)


def use_model_file(path: str | Path | None) -> None:
    """Score with this model file from now on (``None``: the built-in one). For training and benchmarks."""
    global _override
    _override = Path(path) if path is not None else None
    load.cache_clear()


@lru_cache(maxsize=1)
def load() -> Model:
    """The model in use, loaded once per process."""
    path = _override or DEFAULT_MODEL
    try:
        spec = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise CleanerError(f"cannot read the markup model {path}: {exc}") from None
    return Model(spec, str(path))
