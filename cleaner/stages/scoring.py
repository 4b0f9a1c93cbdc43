"""Stage ``scoring``: each line's probability of being body, from its features (first pass).

The evidence the earlier stages gathered — the line's shape, its stopword
density against the document's own prose, the chrome signals phrases and
shapes reported, the prose around it and its distance from the main run of
prose — goes through the learned linear model (:mod:`cleaner.textmodel`). The
probability is kept in ``line.score``; the context stage turns the sequence of
probabilities into labels. Lines a profile or the markup decided keep their
labels and count as certain evidence for their neighbours; a detector's final
evidence (``HARD``) as nearly certain.
"""

from __future__ import annotations

from .. import language
from ..document import BODY, Authority, Document
from ..textmodel import iter_line_vectors, model_for


class ScoringStage:
    name = "scoring"

    def __call__(self, doc: Document) -> None:
        model = model_for(doc)
        markup, hard = Authority.MARKUP, Authority.HARD
        if model is None or not doc.lines or all(line.authority >= markup for line in doc.lines):
            return  # nothing left to decide (an HTML page the markup stage decided whole)
        has_stoplist = bool(doc.language) and not doc.char_mode and bool(language.stopwords(doc.language))
        vectors = iter_line_vectors(doc.lines, has_stoplist, doc.char_mode, memo=not doc.large)
        if not doc.large:  # keep each line's model input for --explain (~1 KB)
            vectors = list(vectors)
            for line, vector in zip(doc.lines, vectors):
                line.vector = vector
        probabilities = model.probabilities(vectors)
        for line, p in zip(doc.lines, probabilities):
            if line.authority >= markup:
                line.score = 0.999 if line.label == BODY else 0.001
            elif line.authority == hard:
                line.score = 0.01
            else:
                line.score = p
