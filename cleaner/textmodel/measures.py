"""Document-level measures the line model reads: where the main run of prose is, how
cohesive each line's vocabulary is with its neighbours, which line repeats the headline,
how far each line is from prose, runs of short lines and of lines a colon introduces.

Each takes the document's per-line Features (and flags derived from them) and returns
one value per line, or a position; :func:`.vectors.page_measures` gathers them for the
columns (:mod:`.columns`) to read.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..chunks import lowered
from ..lexicon import HEADLINE_SHARE, headline_shaped, is_prose, shares_title
from .columns import ABOVE_MAIN_SHARE, FINAL_SIGNALS, MID_TEXT_MIN_WORDS, MID_TEXT_RUN, MID_TEXT_WORDS


def headline_line(lines, feats, prose) -> int | None:
    """The line that repeats the page title (a dump opens with <title>; the article's
    headline stands just above its text): the candidate with the most prose below it."""
    first = lowered(lines[0].text)
    title_words = frozenset(feats[0].content)
    best, best_prose = None, 0
    for i in range(1, len(lines)):
        f, text = feats[i], lines[i].text
        if not headline_shaped(f, text) or not shares_title(text.lower(), f, first, title_words, HEADLINE_SHARE):
            continue
        below = sum(prose[i + 1:i + 16])
        if below > best_prose:
            best, best_prose = i, below
    return best


def cohesion(feats) -> list[float]:
    """How much of a line's vocabulary its neighbours (two each side) share: prose of one
    article repeats its words, a list of teasers on different topics does not."""
    n = len(feats)
    out = [0.0] * n
    for i, f in enumerate(feats):
        words = f.content
        if len(words) < 3:
            continue
        around = set()
        for j in range(max(0, i - 2), min(n, i + 3)):
            if j != i:
                around.update(feats[j].content)
        out[i] = min(len(around.intersection(words)) / len(words) * 3, 1.0)
    return out


def prose_stop_level(feats) -> float:
    """The stopword density of this document's own prose (language-independent scale)."""
    ratios = sorted(f.stop_ratio for f in feats if f.units >= 10 and f.ends_sentence)
    if len(ratios) < 3:
        ratios = sorted(f.stop_ratio for f in feats if f.units >= 6)
    if not ratios:
        return 0.35
    return max(ratios[int(0.7 * (len(ratios) - 1))], 0.05)


def max_sum_run(values: Iterable[float]) -> tuple[int, int] | None:
    """The span [start, end) whose values add up to the most (Kadane's scan), or ``None`` where no span adds
    up to more than nothing. One scan for both of its users: the prose anchor and the text model's best run."""
    best, best_span = 0.0, None
    total, start = 0.0, 0
    for i, value in enumerate(values):
        if total <= 0:
            total, start = value, i
        else:
            total += value
        if total > best:
            best, best_span = total, (start, i + 1)
    return best_span


def anchor(feats, prose, end_marker, listed=None, interrupted=None) -> tuple[int, int]:
    """The stretch of lines with the most prose, chrome counting against it (max-sum run);
    an end marker (a copyright line, a cookie notice, comments) costs too much to cross. An item of a
    list that reads as text (``listed``, :func:`content_lists`) counts as prose: a changelog's or a
    recipe's list is the article's, and the main run goes on across it. A line of an interruption inside the
    article (``interrupted``: a gallery, ``INTERRUPTIONS``) counts nothing: the run goes on across it when the
    prose on the far side outweighs what else stands between."""
    listed = listed or [False] * len(feats)
    interrupted = interrupted or [False] * len(feats)
    values = (-1000.0 if end_marker[i] else 0.0 if interrupted[i] else float(f.units) if prose[i] or listed[i]
              else -(min(f.units, 10) + 2.0) for i, f in enumerate(feats))
    return max_sum_run(values) or (0, 0)


def mid_text(feats, prose, signals, i: int) -> bool:
    """Is line ``i`` (an end marker) a paragraph inside the text (``columns.MID_TEXT_RUN``)? ``signals``: each
    line's detector signal (``None``: none). A paragraph (MID_TEXT_MIN_WORDS words or more), prose right above it and prose below it, at once or under at most
    MID_TEXT_RUN short headings, none of them a detector's."""
    n = len(feats)
    if not prose[i] or feats[i].words < MID_TEXT_MIN_WORDS or i == 0 or not prose[i - 1] or signals[i - 1] is not None:
        return False
    for j in range(i + 1, min(i + 2 + MID_TEXT_RUN, n)):
        if signals[j] is not None:
            return False
        if prose[j]:
            return True
        f = feats[j]
        if not 1 <= f.words <= MID_TEXT_WORDS or f.ends_sentence or f.ends_colon:
            return False
    return False


def closing_start(feats, prose, end_marker, start: int, end: int) -> int:
    """Where the page's closing chrome begins (``ended_at``): the first end marker after the first prose that
    is the page's end, or ``len(feats)``. A marker at or after the main run of prose (``start``, ``end``:
    :func:`anchor`) is; one above it is only when the prose above it weighs at least ABOVE_MAIN_SHARE of the main
    run's prose (``prose``: :func:`cleaner.lexicon.is_prose`, in units). A marker with less above it is no end:
    the page's article is the run below it, which a cookie banner or a footer's notice printed in the header
    comes before, and a headline list of other stories, a photo's "©" or a subheading that names cookies or
    copyright interrupts (the first marker after the first prose cut such an article: every line of it was
    "after the page's closing chrome began")."""
    n = len(feats)
    main = sum(feats[j].units for j in range(start, end) if prose[j])
    above, seen = 0, False
    for i in range(n):
        if end_marker[i] and seen and (i >= start or above >= ABOVE_MAIN_SHARE * main):
            return i
        if prose[i]:
            above += feats[i].units
            seen = True
    return n


def window_counts(flags: list[bool], radius: int) -> list[int]:
    prefix = [0]
    for flag in flags:
        prefix.append(prefix[-1] + flag)
    n = len(flags)
    return [prefix[min(n, i + radius + 1)] - prefix[max(0, i - radius)] for i in range(n)]


def colon_lists(feats, longest: int = 40) -> list[bool]:
    """Lines in a run of short non-sentences right after a line ending in a colon: a list
    the text introduces ("The tour dates are:"), not a menu."""
    n = len(feats)
    out = [False] * n
    i = 0
    while i < n:
        if feats[i].ends_colon and feats[i].units >= 3:
            j = i + 1
            while j < n and j - i <= longest and not feats[j].ends_colon and not is_prose(feats[j]):
                out[j] = True
                j += 1
            i = j
        else:
            i += 1
    return out


#: The bullets a list item may open with, followed by a space ("+ Added …", "* Changed …", "• 2 eggs").
LIST_BULLETS = frozenset("+*-•·–—!▪◦►→✓✔")
#: A list is at least this many items in a row, each at least this many units long (a menu's labels are shorter).
LIST_RUN = 3
LIST_ITEM_UNITS = 3
#: An item with more than this share of its words capitalised is a title (a table of contents' entry, a menu's
#: label in title case: "1. Build High-Quality Backlinks"), not a list item that reads as text.
LIST_TITLE_CASED = 0.75
#: A marker is looked for in a line's first this many characters.
LIST_MARKER_CHARS = 64
#: Characters of a text a menu label never has: digits and the punctuation inside a sentence.
TEXT_MARKS = frozenset("0123456789,;:()")


def list_marker(text: str) -> str | None:
    """The marker a list item opens with, as a key items of one list share: a bullet and a space ("+"), a
    number and "." or ")" ("1."), or a quantity: a number and a word in lower case, a unit or a thing ("300 g de
    lentejas", "2 cups of flour": "qty"; "5 Things to Do", "0.1 Complex numbers" are titles). Only the
    line's first LIST_MARKER_CHARS characters are read."""
    text = text[:LIST_MARKER_CHARS]
    if len(text) > 2 and text[0] in LIST_BULLETS and text[1] == " ":
        return text[0]
    digits = 0
    while digits < len(text) and "0" <= text[digits] <= "9":
        digits += 1
    if not digits:
        return None
    if digits <= 3 and text[digits:digits + 1] in (".", ")") and text[digits + 1:digits + 2] == " ":
        return "1."
    end = digits
    while end < len(text) and (text[end] in ".,/" or "0" <= text[end] <= "9"):
        end += 1
    if text[end:end + 1] == " " and text[end + 1:end + 2].islower():
        return "qty"
    return None


def reads_as_text(text: str, f, marker: str) -> bool:
    """Does a list item carry what a menu label never has: stopwords, a quantity, digits or the
    punctuation inside a sentence?"""
    return f.stops > 0 or marker == "qty" or any(c in TEXT_MARKS for c in text)


def content_lists(lines, feats) -> list[bool]:
    """Lines in a list that is content, not a menu: at least LIST_RUN items in a row that open with the
    same marker (:func:`list_marker`), each of at least LIST_ITEM_UNITS units, not in title case and reading
    as text (:func:`reads_as_text`). A changelog's "+ Added …" lines, a recipe's "300 g de lentejas"; a menu's
    items are short labels in title case with neither stopwords nor digits. A line a detector named for what
    it is about (``FINAL_SIGNALS``: a gallery's captions, "1 of 4 A shopper…") is no item."""
    n = len(feats)
    out = [False] * n
    keys: list[str | None] = []
    for line, f in zip(lines, feats):
        marker = list_marker(line.text) if f.units >= LIST_ITEM_UNITS and f.title_ratio <= LIST_TITLE_CASED \
            and line.signal not in FINAL_SIGNALS else None
        keys.append(marker if marker is not None and reads_as_text(line.text, f, marker) else None)
    i = 0
    while i < n:
        j = i + 1
        while j < n and keys[i] is not None and keys[j] == keys[i]:
            j += 1
        if keys[i] is not None and j - i >= LIST_RUN:
            out[i:j] = [True] * (j - i)
        i = j
    return out


def distances(flags: list[bool]) -> list[int]:
    """For each line, how many lines away the nearest other flagged line is."""
    n = len(flags)
    far = n + 1
    left = [far] * n
    last = None
    for i in range(n):
        left[i] = i - last if last is not None else far
        if flags[i]:
            last = i
    out = [far] * n
    last = None
    for i in range(n - 1, -1, -1):
        out[i] = min(left[i], last - i if last is not None else far)
        if flags[i]:
            last = i
    return out


def short_runs(feats) -> list[int]:
    """For each line, the length of the run of short non-sentence lines it belongs to."""
    n = len(feats)
    runs = [0] * n
    i = 0
    while i < n:
        j = i
        while j < n and feats[j].units <= 4 and not feats[j].ends_sentence:
            j += 1
        for k in range(i, j):
            runs[k] = j - i
        i = j + 1 if j == i else j
    return runs
