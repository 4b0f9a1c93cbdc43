"""Stage ``finish``: anything still undecided is not article text.

The last stage. Every line leaves the pipeline with a label and a reason: a
line no stage claimed is boilerplate, and ``--explain`` says so.
"""

from __future__ import annotations

from ..document import BOILERPLATE, UNKNOWN, Authority, Document


class FinishStage:
    name = "finish"

    def __call__(self, doc: Document) -> None:
        for line in doc.lines:
            if line.label == UNKNOWN:
                doc.decide(line, BOILERPLATE, "undecided, not article text", Authority.SOFT)
