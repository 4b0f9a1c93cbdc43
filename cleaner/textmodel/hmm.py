"""The text model: a logistic model over a line's columns, and the article's shape as a four-state HMM.

The logistic model turns each line's vector (:mod:`.vectors`) into P(body); a
Viterbi pass over the lines then revises each decision by its neighbours, as
jusText's second pass does: the states run before → body ⇄ gap → after, and
the lines on the most likely path's body state are the text. The weights, the
threshold and the transition probabilities are read from the model file
(:mod:`.loading`). Pure Python on purpose: no numpy import on the text path.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

from ..records import record
from .columns import COLUMNS, FEATURES
from .measures import max_sum_run

#: The states of the sequence model: chrome before the article, the article's text,
#: chrome inside it (an ad, a caption, a related link), chrome after it.
BEFORE, BODY_STATE, GAP, AFTER = range(4)
_STATES = (BEFORE, BODY_STATE, GAP, AFTER)
#: The moves an article allows; Viterbi below is written out for exactly these.
_ALLOWED = frozenset({(BEFORE, BEFORE), (BEFORE, BODY_STATE), (BODY_STATE, BODY_STATE), (BODY_STATE, GAP),
                      (BODY_STATE, AFTER), (GAP, GAP), (GAP, BODY_STATE), (GAP, AFTER), (AFTER, AFTER)})


def _check_shape(data: dict) -> None:
    """Refuse a model whose numbers cannot be what training writes (a hand-edited or truncated file)."""
    weights, transitions = data["weights"], data["transitions"]
    if not isinstance(weights, list) or len(weights) != len(FEATURES) or \
            not all(isinstance(w, (int, float)) and math.isfinite(w) for w in weights):
        raise ValueError(f"'weights' must be {len(FEATURES)} finite numbers, one per feature")
    if not isinstance(transitions, list) or len(transitions) != 4 or \
            not all(isinstance(row, list) and len(row) == 4 for row in transitions):
        raise ValueError("'transitions' must be a 4 x 4 table of probabilities")
    for key in ("threshold", "prior_body"):
        value = data[key]
        if not isinstance(value, (int, float)) or not 0 < value < 1:
            raise ValueError(f"'{key}' must be a number between 0 and 1")


@record(frozen=True)
class TextModel:
    """A logistic model over the columns (FEATURES), and the article's shape as a four-state HMM.

    The states run before → body ⇄ gap → after: an article is one stretch of
    text with short interruptions, preceded and followed by chrome. Viterbi
    finds the most likely path; lines on the path's body state are the text.
    """

    weights: tuple[float, ...]
    threshold: float
    log_transitions: tuple[tuple[float, ...], ...]   # [from][to], -inf where impossible
    prior_body: float
    log_start: tuple[float, ...] = (0.0, 0.0, -math.inf, -math.inf)  # where a page starts

    @classmethod
    def from_dict(cls, data: dict) -> "TextModel":
        names = data["features"]
        if tuple(names) != FEATURES:
            raise ValueError("the model file was trained for other features; retrain it")
        _check_shape(data)
        # Transitions counted on long articles make switching too costly for short
        # ones; the scale (tuned in training) tempers the cost of every switch.
        scale = data.get("switch_scale", 1.0)
        table = []
        for a, row in enumerate(data["transitions"]):
            for b, p in enumerate(row):
                if p > 0 and (a, b) not in _ALLOWED:
                    raise ValueError(f"the model allows a move from state {a} to {b}, outside the article's shape")
            table.append(tuple(
                -math.inf if p <= 0 else (math.log(p) if a == b else scale * math.log(p)) for b, p in enumerate(row)))
        start = tuple(math.log(p) if p > 0 else -math.inf for p in data.get("start", (0.5, 0.5, 0.0, 0.0)))
        return cls(tuple(data["weights"]), data["threshold"], tuple(table), data["prior_body"], start)

    def probabilities(self, vectors: Iterable[list[float]]) -> list[float]:
        weights = self.weights
        out = []
        for vector in vectors:
            z = sum(map(float.__mul__, weights, vector))
            out.append(1.0 / (1.0 + math.exp(-z)) if z > -30 else 0.0)
        return out

    def smooth(self, probabilities: list[float]) -> list[bool]:
        """Viterbi over before/body/gap/after: is each line on the article's text?

        Written out for the nine moves an article allows (hot path: one pass per line).
        """
        n = len(probabilities)
        if n == 0:
            return []
        log = math.log
        log_prior_body = log(self.prior_body)
        log_prior_chrome = log(1 - self.prior_body)
        bias = log(self.threshold / (1 - self.threshold))  # moves the decision point
        t = self.log_transitions
        bb, bk = t[BEFORE][BEFORE], t[BEFORE][BODY_STATE]
        kk, kg, ka = t[BODY_STATE][BODY_STATE], t[BODY_STATE][GAP], t[BODY_STATE][AFTER]
        gk, gg, ga = t[GAP][BODY_STATE], t[GAP][GAP], t[GAP][AFTER]
        aa = t[AFTER][AFTER]
        back: list[tuple[int, int, int, int]] = []
        s_b = s_k = s_g = s_a = 0.0
        for i, p in enumerate(probabilities):
            p = 1e-6 if p < 1e-6 else 1 - 1e-6 if p > 1 - 1e-6 else p
            emit_body = log(p) - log_prior_body - bias
            emit_chrome = log(1 - p) - log_prior_chrome
            if i == 0:  # the first line: start probabilities instead of a transition
                start = self.log_start
                s_b, s_k, s_g, s_a = start[0] + emit_chrome, start[1] + emit_body, start[2] + emit_chrome, \
                    start[3] + emit_chrome
                back.append((0, 1, 2, 3))
                continue
            to_b = s_b + bb
            from_b, from_k, from_g = s_b + bk, s_k + kk, s_g + gk
            if from_b >= from_k and from_b >= from_g:
                to_k, k_from = from_b, BEFORE
            elif from_k >= from_g:
                to_k, k_from = from_k, BODY_STATE
            else:
                to_k, k_from = from_g, GAP
            from_k, from_g = s_k + kg, s_g + gg
            to_g, g_from = (from_k, BODY_STATE) if from_k >= from_g else (from_g, GAP)
            from_k, from_g, from_a = s_k + ka, s_g + ga, s_a + aa
            if from_k >= from_g and from_k >= from_a:
                to_a, a_from = from_k, BODY_STATE
            elif from_g >= from_a:
                to_a, a_from = from_g, GAP
            else:
                to_a, a_from = from_a, AFTER
            s_b, s_k, s_g, s_a = to_b + emit_chrome, to_k + emit_body, to_g + emit_chrome, to_a + emit_chrome
            back.append((BEFORE, k_from, g_from, a_from))
        scores = (s_b, s_k, s_g, s_a)
        state = max(_STATES, key=lambda s: scores[s])
        labels = [False] * n
        for i in range(n - 1, -1, -1):
            labels[i] = state == BODY_STATE
            state = back[i][state]
        if not any(labels):
            self._keep_best_run(probabilities, labels)
        return labels

    def _keep_best_run(self, probabilities: list[float], labels: list[bool]) -> None:
        """A page with likely body lines never comes out empty: keep its best run of them."""
        best_span = max_sum_run(p - self.threshold for p in probabilities)
        if best_span is not None:
            for i in range(*best_span):
                labels[i] = probabilities[i] >= self.threshold

    def top_reasons(self, vector: list[float], body: bool, count: int = 2) -> list[str]:
        """The columns that pushed this line hardest towards its label, in words."""
        sign = 1.0 if body else -1.0
        pushes = sorted(((sign * w * x, name) for w, x, name in zip(self.weights, vector, FEATURES)
                         if name != "bias" and x), reverse=True)
        words = []
        for push, name in pushes[:count]:
            if push <= 0:
                break
            words.append(_WORDS[name])
        return words


#: What --explain says for each column (its name when it has no description).
_WORDS = {column.name: column.description or column.name for column in COLUMNS}
