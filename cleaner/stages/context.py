"""Stage ``context``: decide every line by its own score and its neighbours' (second pass).

A Viterbi pass over the scores (four states: before the article, body, a gap
inside it, after it; with learned probabilities of staying or switching) finds the most likely
labelling of the whole document: a weak line between body lines joins the
text, a plausible sentence inside a block of chrome stays chrome — jusText's
context revision, done as a sequence model. Lines a detector already
recognised as chrome keep that detector's reason when the model agrees.
Last, a line that repeats one already kept (a headline printed again under
the text, a teaser echoing the first paragraph) is dropped: an article does
not say the same paragraph twice.
"""

from __future__ import annotations

from ..document import BODY, BOILERPLATE, Document
from ..model import model_for


class ModelReason:
    """A reason worded only when someone reads it (``--explain``): wording it costs time."""

    __slots__ = ("line", "body", "despite", "model")

    def __init__(self, line, body: bool, model, despite: str | None = None) -> None:
        self.line = line
        self.body = body
        self.model = model
        self.despite = despite

    def __str__(self) -> str:
        model = self.model
        vector = self.line.vector
        why = model.top_reasons(vector, self.body) if model is not None and vector else []
        label = "body" if self.body else "not body"
        text = f"model: {label} p={self.line.score:.2f}"
        if self.despite:
            text += f", despite {self.despite}"
        return text + (f" ({', '.join(why)})" if why else "")

    def startswith(self, prefix) -> bool:  # reasons are compared as text in a few places
        return str(self).startswith(prefix)


class ContextStage:
    name = "context"

    def __call__(self, doc: Document) -> None:
        model = model_for(doc)
        if model is None or not doc.lines:
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


def _drop_repeats(doc: Document) -> None:
    """Keep the first copy of a body line, drop the later ones."""
    kept: set[str] = set()
    for line in doc.lines:
        if line.label != BODY:
            continue
        key = " ".join(line.text.split()).casefold()
        if key in kept and not line.firm and line.features.units >= REPEAT_MIN_UNITS:
            line.mark(BOILERPLATE, "context: repeats a line already kept")
            line.signal = "repeated"
        else:
            kept.add(key)
