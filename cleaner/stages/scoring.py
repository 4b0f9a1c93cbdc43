"""Stage ``scoring``: classify each remaining line by its own shape (first pass).

As in jusText, every line gets a class from what it looks like alone:

- ``good``: a sentence of prose — long enough, ends like a sentence, and
  (where we have a stoplist) dense in stopwords of the text's language;
- ``near``: prose-like but weaker (shorter, or fewer stopwords);
- ``short``: too short to judge alone;
- ``bad``: long but not prose (keywords, lists of names, code).

``good`` lines become body and ``bad`` ones boilerplate right away; ``near``
and ``short`` lines are left for the context stage, which decides them by
their neighbours (the second pass).
"""

from __future__ import annotations

from ..document import BODY, BOILERPLATE, Document

GOOD, NEAR, SHORT, BAD = "good", "near", "short", "bad"

#: Stopword density of prose (jusText's defaults are 0.30 / 0.32).
STOP_HIGH = 0.30
STOP_LOW = 0.20
#: Word counts (or character pairs for scripts without spaces).
SHORT_UNITS = 6
GOOD_UNITS = 10
LONG_UNITS = 30


def classify(f, has_stoplist: bool) -> str:
    """The first-pass class of a line from its features alone."""
    units = f.units
    if units < SHORT_UNITS:
        return SHORT
    stop_ok_low = not has_stoplist or f.stop_ratio >= STOP_LOW
    stop_ok_high = not has_stoplist or f.stop_ratio >= STOP_HIGH
    sentence = f.ends_sentence or f.sentences >= 2
    if sentence and units >= GOOD_UNITS and stop_ok_low:
        return GOOD
    if units >= LONG_UNITS and stop_ok_high and f.sentences >= 1:
        return GOOD
    if stop_ok_low and (sentence or f.ends_colon or units >= 2 * GOOD_UNITS):
        return NEAR
    if units < GOOD_UNITS and stop_ok_low:
        return SHORT
    return BAD


class ScoringStage:
    name = "scoring"

    def __call__(self, doc: Document) -> None:
        has_stoplist = bool(doc.language) and not doc.char_mode and _has_stoplist(doc.language)
        for line in doc.lines:
            if line.firm or line.label == BOILERPLATE:
                continue
            cls = classify(line.features, has_stoplist)
            line.score = {GOOD: 0.9, NEAR: 0.6, SHORT: 0.4, BAD: 0.1}[cls]
            if cls == GOOD:
                line.mark(BODY, "scoring: prose (sentence, stopwords, length)")
            elif cls == BAD:
                line.mark(BOILERPLATE, "scoring: not prose (long, few stopwords or no sentence)")
            else:
                line.reason = f"scoring: {cls}"


def _has_stoplist(language: str) -> bool:
    from ..language import stopwords

    return bool(stopwords(language))
