"""Stage ``context``: decide the undecided lines by their neighbours (second pass).

jusText's revision: a short or near-good line between two body lines is part
of the text (a one-line paragraph, a subheading); between two boilerplate
lines it is chrome. A near-good line with prose on one side joins it; a short
line with chrome on one side goes with the chrome unless it ends like a
sentence. The edges of the document count as chrome.

One exception to jusText: a line between body lines that is shaped like a
headline (six words or more, no sentence end) is a related-article link cut
into the text far more often than a subheading, so it goes.
"""

from __future__ import annotations

from ..document import BODY, BOILERPLATE, UNKNOWN, Document


class ContextStage:
    name = "context"

    def __call__(self, doc: Document) -> None:
        lines = doc.lines
        n = len(lines)
        # Nearest decided neighbour on each side, from the first pass only, so
        # that one revision does not cascade through a whole run of short lines.
        prev_label = [BOILERPLATE] * n
        last = BOILERPLATE
        for i in range(n):
            prev_label[i] = last
            if lines[i].label != UNKNOWN:
                last = lines[i].label if lines[i].label == BODY else BOILERPLATE
        next_label = [BOILERPLATE] * n
        last = BOILERPLATE
        for i in range(n - 1, -1, -1):
            next_label[i] = last
            if lines[i].label != UNKNOWN:
                last = lines[i].label if lines[i].label == BODY else BOILERPLATE
        decisions = []
        for i, line in enumerate(lines):
            if line.label != UNKNOWN:
                continue
            before, after = prev_label[i], next_label[i]
            near = line.reason.endswith("near")
            if before == BODY and after == BODY:
                if _headline_shaped(line.features):
                    decisions.append((line, BOILERPLATE, "context: headline-shaped line inside the text (a related link)"))
                else:
                    decisions.append((line, BODY, "context: between body lines"))
            elif before == BOILERPLATE and after == BOILERPLATE:
                decisions.append((line, BOILERPLATE, "context: between boilerplate lines"))
            elif near or line.features.ends_sentence:
                decisions.append((line, BODY, "context: prose-like, next to body"))
            else:
                decisions.append((line, BOILERPLATE, "context: short, next to boilerplate"))
        for line, label, reason in decisions:
            line.mark(label, reason)


def _headline_shaped(f) -> bool:
    return f.units >= 6 and not f.ends_sentence and not f.ends_colon and f.sentences == 0
