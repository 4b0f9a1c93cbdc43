"""Stage ``repeats``: a line that repeats text already kept is dropped.

An article does not say the same paragraph twice: a headline printed again
under the text, a summary stitched from the first paragraphs, a pull quote
are copies. After the context stage has chosen the body, the first copy of
body text stays and later copies become boilerplate. A profile's or the
markup's decisions are not revised.

One copy comes first and is still not the one to keep: a table of contents
kept above the text, whose entries are the headings of the sections below.
Keeping the first copy would keep the list and drop every heading from its
section; so a run of kept lines whose texts come back later, in the same
order, each as a line of its own between the sections' text, is dropped as
the table of contents it is, before the copies are compared.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from ..chunks import word_chunks
from ..document import BODY, Authority, Document


#: What the stage says of a copy: (signal, reason), as the shapes stage's verdicts (the native core reports it
#: by this table too).
VERDICT = ("repeated", "repeats text already kept")
#: What it says of a table of contents' entries (:func:`contents_entries`).
CONTENTS_VERDICT = ("repeated", "table of contents (its entries are the headings below)")


class RepeatsStage:
    name = "repeats"

    def __call__(self, doc: Document) -> None:
        """Keep the first copy of body text, drop later copies of it."""
        markup = Authority.MARKUP
        if not any(line.label == BODY and line.authority < markup for line in doc.lines):
            return  # nothing it may drop (a page the markup decided whole): no need to compare the text
        for number in _contents(doc):
            signal, reason = CONTENTS_VERDICT
            doc.condemn(doc.lines[number], reason, signal)
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


#: A table of contents has at least this many entries, each a line of at most this many words; a list of two
#: is as likely a pair of lines the text says twice.
CONTENTS_MIN_ENTRIES = 3
CONTENTS_ENTRY_WORDS = 20
#: Entries of one table are printed together: at most this many lines apart (a blank line, a dropped bullet).
CONTENTS_ENTRY_GAP = 3
#: A table's heading, the line above it, is a label of at most this many words.
CONTENTS_LABEL_WORDS = 4


def _contents(doc: Document) -> list[int]:
    """The line numbers of the entries of the body's tables of contents (:func:`contents_entries`)."""
    markup = Authority.MARKUP
    numbers = [number for number, line in enumerate(doc.lines) if line.label == BODY]
    features = [doc.lines[k].features for k in numbers]
    keys = [_entry_key(doc.lines[k].text) if f.words <= CONTENTS_ENTRY_WORDS else None
            for k, f in zip(numbers, features)]
    labels = [f.words <= CONTENTS_LABEL_WORDS and not (f.ends_sentence or f.ends_colon) for f in features]
    return contents_entries(keys, numbers, [doc.lines[k].authority < markup for k in numbers], labels)


def _entry_key(text: str) -> int:
    """An entry as its copy is looked for: its words alone (a table and its heading may print "You'll" and
    "You’ll", or end one with a period), case-folded."""
    return hash(tuple(_WORD.findall(_normalised(text))))


def contents_entries(keys: list[int | None], numbers: list[int], droppable: list[bool],
                     labels: list[bool] | None = None) -> list[int]:
    """The line numbers of the body's tables of contents.

    In body order: ``numbers`` are the body lines' line numbers, ``keys`` the hash of each line's words
    (:func:`_entry_key`), None for a line of over ``CONTENTS_ENTRY_WORDS`` words (text), ``droppable`` whether
    it may be dropped (a profile's or the markup's decision may not). A table is ``CONTENTS_MIN_ENTRIES`` or
    more droppable lines of a key in a row (at most ``CONTENTS_ENTRY_GAP`` lines apart) whose texts come back
    after it in the same order, each copy the next after the previous entry's and followed by a line of text
    (it heads its section): the same short lines said again in a row, or a product's tags or a listing's
    "Format: …" rows printed again under the next item, head no text. The line right above a table goes with it when ``labels`` says it is short
    and ends in no sentence and no colon: its heading ("In this article", "Contents").
    """
    later: dict[int, list[int]] = {}
    for at, key in enumerate(keys):
        if key is not None:
            later.setdefault(key, []).append(at)
    found: list[int] = []
    at = done = 0   # done: the position after the last table found
    while at < len(keys):
        run = _contents_run(keys, numbers, droppable, later, at)
        if len(run) >= CONTENTS_MIN_ENTRIES:
            above = run[0] - 1
            if labels is not None and above >= done and droppable[above] and labels[above] and \
                    numbers[run[0]] - numbers[above] <= CONTENTS_ENTRY_GAP:
                found.append(numbers[above])
            found.extend(numbers[k] for k in run)
            at = done = run[-1] + 1
        else:
            at += 1
    return found


def _contents_run(keys: list[int | None], numbers: list[int], droppable: list[bool], later: dict[int, list[int]],
                  start: int) -> list[int]:
    """The entries of a table of contents from body line ``start`` on (positions in body order): each entry's
    copy is its first after the previous entry's copy, and a line of text follows it (it heads a section);
    the run ends before the first copy (so each entry is looked at by one run: the stage stays linear)."""
    run: list[int] = []
    copy = first = len(keys)
    at = start
    while at < min(len(keys), first) and droppable[at] and keys[at] is not None and \
            (not run or numbers[at] - numbers[run[-1]] <= CONTENTS_ENTRY_GAP):
        places = later[keys[at]]
        k = bisect_left(places, copy + 1 if run else at + 1)
        if k == len(places) or places[k] + 1 == len(keys) or keys[places[k] + 1] is not None:
            break
        copy = places[k]
        first = min(first, copy)
        run.append(at)
        at += 1
    return run


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
