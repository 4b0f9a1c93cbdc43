"""The learned part of the generic fallback: line features, a linear model, Viterbi.

Each line becomes a short vector of numbers — its own shape (length, sentence
ends, stopword density relative to the document's own prose, the chrome
signals the phrase and shape stages saw) and its neighbourhood (is there
prose around it, how far is it from the main run of prose). A logistic model
turns the vector into P(body); a two-state Viterbi pass over the lines then
revises each decision by its neighbours, as jusText's second pass does.

The weights live in ``cleaner/data/text_model.json``, written by
``bench/train_text_model.py`` from benchmark folders. The same
:func:`line_vectors` builds the training data, so training and use agree.
Pure Python on purpose: no numpy import on the text path.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from .errors import ModelError
from .measures import (anchor, cohesion, colon_lists, distances, headline_line, prose_stop_level, short_runs,
                       window_counts)

#: The chrome categories phrases/shapes may report in ``line.signal``.
SIGNALS = ("cookies", "newsletter", "paywall", "donation", "share", "copyright", "related", "comments", "call_to_action", "legal",
           "navigation", "ads", "counters", "contact", "credit", "menu", "headline list", "link row",
           "navigation bar", "headline run", "separator", "repeated", "dateline", "url", "number", "related box")
#: Chrome after which article text rarely continues (measured: under 15% of pages, or
#: only a sliver when it does): the main run of prose is not stretched across it.
END_MARKERS = frozenset({"cookies", "copyright", "contact", "headline list", "comments"})
_SIGNAL_INDEX = {name: i for i, name in enumerate(SIGNALS)}

_OWN = ["bias", "log_units", "units_le2", "units_3_5", "units_6_9", "units_10_19", "units_20_39", "units_ge40",
        "stop_rel", "stop_zero", "no_stoplist", "ends_sentence", "ends_colon", "sentences", "title_ratio",
        "upper", "digit_ratio", "alpha_low", "char_mode", "char_mode_sentence", "char_mode_length",
        "inner_dateline", "title_overlap", "title_overlap_near", "cohesion"]
_CONTEXT = ["prose_prev", "prose_next", "prose_prev2", "prose_next2", "chrome_prev", "chrome_next",
            "prose_density", "in_anchor", "anchor_distance", "before_anchor", "after_anchor", "short_run",
            "after_end_marker", "before_headline", "is_headline", "below_headline", "prose_density_8",
            "prose_density_20", "prose_distance"]
#: Bins and crosses: a linear model over these is piecewise, and sees the interactions
#: that matter (a short line between prose is text; between chrome it is chrome).
_SHAPES = ["stop_rel_lt30", "stop_rel_30_60", "stop_rel_60_90", "stop_rel_90_120", "cohesion_low", "cohesion_mid",
           "cohesion_high", "density_0", "density_1", "density_2_3", "sandwiched_prose", "sandwiched_chrome",
           "short_between_prose", "sentence_long", "sentence_stopwords", "anchor_short", "anchor_long",
           "outside_prose", "colon_before_prose", "colon_list"]
FEATURES = tuple(_OWN + [f"signal:{s}" for s in SIGNALS] + _CONTEXT + _SHAPES)

#: Human words for the features, for --explain.
DESCRIPTIONS = {
    "log_units": "length", "units_le2": "very short", "units_3_5": "short", "units_6_9": "fairly short",
    "units_10_19": "sentence length", "units_20_39": "paragraph length", "units_ge40": "long paragraph",
    "stop_rel": "stopwords like the text's prose", "stop_zero": "no stopwords", "ends_sentence": "ends like a sentence",
    "ends_colon": "ends with a colon", "sentences": "several sentences", "title_ratio": "capitalised words",
    "upper": "all capitals", "digit_ratio": "digits", "alpha_low": "few letters", "prose_prev": "prose before it",
    "prose_next": "prose after it", "prose_prev2": "prose two lines up", "prose_next2": "prose two lines down",
    "chrome_prev": "chrome before it", "chrome_next": "chrome after it", "prose_density": "prose around it",
    "in_anchor": "inside the main text", "anchor_distance": "far from the main text",
    "before_anchor": "above the main text", "after_anchor": "below the main text", "short_run": "in a run of short lines",
    "after_end_marker": "after the page's closing chrome began", "inner_dateline": "a dateline inside (a teaser)",
    "title_overlap": "shares words with the title", "title_overlap_near": "near lines sharing the title's words",
    "cohesion": "shares words with its neighbours", "before_headline": "above the headline",
    "is_headline": "the headline", "below_headline": "far below the headline",
    "prose_density_8": "prose nearby", "prose_density_20": "prose in its part of the page",
    "prose_distance": "far from any prose", "colon_list": "in a list the text introduces with a colon", "char_mode_sentence": "ends like a sentence",
    "char_mode_length": "length",
}

_PROSE_UNITS = 8


def _is_prose(f) -> bool:
    return f.ends_sentence and f.units >= _PROSE_UNITS


def line_vectors(lines, has_stoplist: bool, char_mode: bool) -> list[list[float]]:
    """The feature vector of every line (in FEATURES order; booleans count as 0/1)."""
    return list(iter_line_vectors(lines, has_stoplist, char_mode))


def iter_line_vectors(lines, has_stoplist: bool, char_mode: bool, memo: bool = True) -> Iterator[list[float]]:
    """The vectors one at a time: a caller that scores and drops them holds one, not all.

    ``memo``: measure a repeated line (the same Features) once; a large document, where memory
    matters more, measures each line anew."""
    n = len(lines)
    if n == 0:
        return
    feats = [line.features for line in lines]
    prose = [_is_prose(f) for f in feats]
    chrome = [line.signal is not None for line in lines]
    reference = prose_stop_level(feats) if has_stoplist else 0.0
    end_marker = [line.signal in END_MARKERS for line in lines]
    start, end = anchor(feats, prose, end_marker)
    density = window_counts(prose, 3)
    density_8 = window_counts(prose, 8)
    density_20 = window_counts(prose, 20)
    distance_to_prose = distances(prose)
    shorts = short_runs(feats)
    first_prose = next((i for i in range(n) if prose[i]), n)
    ended_at = next((i for i in range(first_prose, n) if end_marker[i]), n)
    title = frozenset(feats[0].content)
    overlap = [len(title.intersection(f.content)) / len(title) if title and f.content else 0.0 for f in feats]
    overlap[0] = 0.0
    cohesive = cohesion(feats)
    headline = headline_line(lines, feats, prose)
    colon_list = colon_lists(feats)
    log1p = math.log1p
    own_of: dict[int, tuple] = {}
    for i, line in enumerate(lines):
        f = feats[i]
        u = f.units
        own = own_of.get(id(f))
        if own is None:
            own = _own(f, reference, has_stoplist, char_mode)
            if memo:
                own_of[id(f)] = own
        stop_rel = own[8]
        if i < start:
            distance = start - i
        elif i >= end:
            distance = i - end + 1
        else:
            distance = 0
        prose_prev = i > 0 and prose[i - 1]
        prose_next = i + 1 < n and prose[i + 1]
        sentence = f.ends_sentence and u >= 10
        c = cohesive[i]
        d = density[i] - prose[i]
        yield [
            *own, min(overlap[i] * 2, 1.0), min(max(overlap[max(0, i - 2):i + 3]) * 2, 1.0), c,
            *_ONE_HOT.get(line.signal, _NO_SIGNAL),
            # context
            prose_prev, prose_next, i > 1 and prose[i - 2], i + 2 < n and prose[i + 2],
            i > 0 and chrome[i - 1], i + 1 < n and chrome[i + 1],
            density[i] / 7.0, distance == 0, log1p(distance), i < start, i >= end,
            shorts[i] >= 3, i > ended_at,
            headline is not None and i < headline, i == headline,
            log1p(i - headline) if headline is not None and i > headline else 0.0,
            density_8[i] / 17.0, density_20[i] / 41.0, log1p(distance_to_prose[i]),
            # bins and crosses
            stop_rel < 0.3, 0.3 <= stop_rel < 0.6, 0.6 <= stop_rel < 0.9, 0.9 <= stop_rel < 1.2,
            0 < c < 0.34, 0.34 <= c < 0.67, c >= 0.67,
            d == 0, d == 1, 2 <= d <= 3,
            prose_prev and prose_next, i > 0 and chrome[i - 1] and i + 1 < n and chrome[i + 1],
            u <= 9 and prose_prev and prose_next, sentence, sentence and stop_rel >= 0.6,
            distance == 0 and u <= 5, distance == 0 and u >= 10, distance > 0 and sentence,
            f.ends_colon and prose_next, colon_list[i],
        ]


_ONE_HOT = {name: tuple(float(j == k) for j in range(len(SIGNALS))) for k, name in enumerate(SIGNALS)}
_NO_SIGNAL = (0.0,) * len(SIGNALS)


def _own(f, reference: float, has_stoplist: bool, char_mode: bool) -> tuple:
    """The features of a line that depend on the line alone (the first block of FEATURES)."""
    u = f.units
    return (
        1.0, math.log1p(u), u <= 2, 3 <= u <= 5, 6 <= u <= 9, 10 <= u <= 19, 20 <= u <= 39, u >= 40,
        min(f.stop_ratio / reference, 2.0) if reference else 0.0, has_stoplist and f.stops == 0, not has_stoplist,
        f.ends_sentence, f.ends_colon, min(f.sentences, 4) * 0.25, f.title_ratio,
        f.upper, f.digit_ratio, f.alpha_ratio < 0.5, char_mode,
        char_mode and f.ends_sentence, math.log1p(u) if char_mode else 0.0, f.inner_dateline,
    )


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


@dataclass(frozen=True)
class TextModel:
    """A logistic model over FEATURES, and the article's shape as a four-state HMM.

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
        best, best_span, total, start = 0.0, None, 0.0, 0
        for i, p in enumerate(probabilities):
            value = p - self.threshold
            if total <= 0:
                total, start = value, i
            else:
                total += value
            if total > best:
                best, best_span = total, (start, i + 1)
        if best_span is not None:
            for i in range(*best_span):
                labels[i] = probabilities[i] >= self.threshold

    def top_reasons(self, vector: list[float], body: bool, count: int = 2) -> list[str]:
        """The features that pushed this line hardest towards its label, in words."""
        sign = 1.0 if body else -1.0
        pushes = sorted(((sign * w * x, name) for w, x, name in zip(self.weights, vector, FEATURES)
                         if name != "bias" and x), reverse=True)
        words = []
        for push, name in pushes[:count]:
            if push <= 0:
                break
            words.append(name.replace("signal:", "") if name.startswith("signal:") else DESCRIPTIONS.get(name, name))
        return words


@lru_cache(maxsize=1)
def default_model() -> TextModel | None:
    try:
        text = resources.files("cleaner.data").joinpath("text_model.json").read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    return TextModel.from_dict(json.loads(text))


def load_model(path) -> TextModel:
    """A model file written by bench/train_text_model.py; :class:`ModelError` says why one is unusable."""
    try:
        with open(path, encoding="utf-8") as handle:
            data = json.load(handle)
    except OSError as error:
        raise ModelError(str(path), f"cannot read it ({error.strerror or error})") from None
    except (ValueError, UnicodeDecodeError) as error:
        raise ModelError(str(path), f"not JSON ({' '.join(str(error).split())})") from None
    if not isinstance(data, dict):
        raise ModelError(str(path), "not a text model (expected a JSON object)")
    try:
        return TextModel.from_dict(data)
    except KeyError as error:
        raise ModelError(str(path), f"missing key {error}") from None
    except (TypeError, ValueError, IndexError, OverflowError) as error:
        raise ModelError(str(path), " ".join(str(error).split()) or type(error).__name__) from None


def model_for(doc) -> TextModel | None:
    return doc.model if doc.model is not None else default_model()
