"""Stage ``repeats``: a line that repeats text already kept is dropped.

An article does not say the same paragraph twice: a headline printed again
under the text, a summary stitched from the first paragraphs, a pull quote
are copies. After the context stage has chosen the body, the first copy of
body text stays and later copies become boilerplate. A profile's or the
markup's decisions are not revised.
"""

from __future__ import annotations

import re

from ..chunks import word_chunks
from ..document import BODY, Authority, Document


#: What the stage says of a copy: (signal, reason), as the shapes stage's verdicts (the native core reports it
#: by this table too).
VERDICT = ("repeated", "repeats text already kept")


class RepeatsStage:
    name = "repeats"

    def __call__(self, doc: Document) -> None:
        """Keep the first copy of body text, drop later copies of it."""
        markup = Authority.MARKUP
        if not any(line.label == BODY and line.authority < markup for line in doc.lines):
            return  # nothing it may drop (a page the markup decided whole): no need to compare the text
        kept: set[int] = set()               # hashes of the kept lines
        source_of: dict[int, int] = {}       # hash of a shingle → the kept line it came from
        remembered = 0
        for number, line in enumerate(doc.lines):
            if line.label != BODY:
                continue
            key = _normalised(line.text)
            words = _WORD.findall(key, 0, REPEAT_SHINGLE_CHARS)
            own = {hash(tuple(words[i:i + 4])) for i in range(len(words) - 3)}
            if line.authority < markup and line.features.units >= REPEAT_MIN_UNITS and (
                    hash(key) in kept or _stitched(key, own, source_of)):
                signal, reason = VERDICT
                doc.condemn(line, reason, signal)
                continue
            kept.add(hash(key))
            if remembered < REPEAT_WINDOW_LINES and len(source_of) < REPEAT_WINDOW_SHINGLES:
                remembered += 1
                for shingle in own:
                    source_of.setdefault(shingle, number)


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
