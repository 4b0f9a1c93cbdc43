"""Stage ``context``: decide every line by its own score and its neighbours' (second pass).

A Viterbi pass over the scores (four states: before the article, body, a gap
inside it, after it; with learned probabilities of staying or switching) finds the most likely
labelling of the whole document: a weak line between body lines joins the
text, a plausible sentence inside a block of chrome stays chrome — jusText's
context revision, done as a sequence model. Lines a detector already
recognised as chrome keep that detector's reason when the model agrees.
Last, a line that repeats text already kept (a headline printed again under
the text, a summary stitched from the first paragraphs) is dropped: an article does
not say the same paragraph twice.
"""

from __future__ import annotations

import re

from ..chunks import word_chunks
from ..document import BODY, BOILERPLATE, Document, WordedReason
from ..textmodel import model_for


class ModelReason(WordedReason):
    """``model: body p=0.93 (inside the main text, length)``: the line's probability and the evidence
    that weighed most (the line's score and model input are final when this is made)."""

    __slots__ = ("vector", "score", "body", "despite", "model")

    def __init__(self, line, body: bool, model, despite: str | None = None) -> None:
        self.vector, self.score = line.vector, line.score
        self.body = body
        self.model = model
        self.despite = despite

    def __str__(self) -> str:
        model = self.model
        vector = self.vector
        why = model.top_reasons(vector, self.body) if model is not None and vector else []
        label = "body" if self.body else "not body"
        text = f"model: {label} p={self.score:.2f}"
        if self.despite:
            text += f", despite {self.despite}"
        return text + (f" ({', '.join(why)})" if why else "")


class ContextStage:
    name = "context"

    def __call__(self, doc: Document) -> None:
        model = model_for(doc)
        if model is None or not doc.lines or all(line.firm for line in doc.lines):
            return
        labels = model.smooth([line.score for line in doc.lines])
        for line, body in zip(doc.lines, labels):
            if line.firm or line.hard:
                continue
            if body:
                line.mark(BODY, ModelReason(line, True, model, despite=line.signal))
            elif line.signal is None:
                line.mark(BOILERPLATE, ModelReason(line, False, model))
            else:
                line.label = BOILERPLATE  # the detector's own reason stands
        _drop_repeats(doc)


#: Lines shorter than this (in words, or characters for scripts without spaces) may repeat:
#: "Yes", a refrain, a one-word heading.
REPEAT_MIN_UNITS = 5
#: A longer line is a repeat when this share of its 4-word shingles was already kept and it
#: stitches several kept lines together or is cut off with "…" (a summary of the first
#: paragraphs). A paragraph that merely restates part of one earlier line (a standfirst) stays.
REPEAT_SHINGLE_SHARE = 0.8
#: Summaries repeat an article's opening: shingles are remembered from this many kept lines only,
#: and no more than this many shingles (exact repeats are checked throughout).
REPEAT_WINDOW_LINES = 300
REPEAT_WINDOW_SHINGLES = 10_000
#: A line's shingles are its first words, as many as this many characters hold: a summary is short,
#: and a line of a million characters must not become a set of 150,000 shingles.
REPEAT_SHINGLE_CHARS = 20_000
_WORD = re.compile(r"\w+")


def _drop_repeats(doc: Document) -> None:
    """Keep the first copy of body text, drop later copies of it."""
    kept: set[int] = set()               # hashes of the kept lines
    source_of: dict[int, int] = {}       # hash of a shingle → the kept line it came from
    remembered = 0
    for number, line in enumerate(doc.lines):
        if line.label != BODY:
            continue
        key = _normalised(line.text)
        words = _WORD.findall(key, 0, REPEAT_SHINGLE_CHARS)
        own = {hash(tuple(words[i:i + 4])) for i in range(len(words) - 3)}
        if not line.firm and line.features.units >= REPEAT_MIN_UNITS and (
                hash(key) in kept or _stitched(key, own, source_of)):
            line.mark(BOILERPLATE, "context: repeats text already kept")
            line.signal = "repeated"
            continue
        kept.add(hash(key))
        if remembered < REPEAT_WINDOW_LINES and len(source_of) < REPEAT_WINDOW_SHINGLES:
            remembered += 1
            for shingle in own:
                source_of.setdefault(shingle, number)


def _normalised(text: str) -> str:
    """The line as repeats are compared: words joined by one space, case-folded."""
    return " ".join(filter(None, (" ".join(chunk.casefold().split()) for chunk in word_chunks(text))))


def _stitched(key: str, own: set[int], source_of: dict[int, int]) -> bool:
    if len(own) < 6:
        return False
    sources = [source_of[s] for s in own if s in source_of]
    if len(sources) < REPEAT_SHINGLE_SHARE * len(own):
        return False
    return len(set(sources)) >= 2 or key.endswith(("…", "..."))
