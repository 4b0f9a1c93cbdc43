"""trafilatura as a witness: which lines its main text keeps, and the page's metadata.

trafilatura is strong at two things we use as evidence, never as the
decision: finding a page's main text (its XPath rules for article containers
and boilerplate) and reading metadata (meta tags, JSON-LD, htmldate). It runs
on the tree we already parsed, in its fast mode (no second-opinion
extractors) favouring recall (the model weighs precision), without comments;
only where that finds under :data:`SHORT_MAIN_TEXT` words is its full cascade
asked too. A line's *coverage* is the share of its word
trigrams that trafilatura's main text contains: 1.0 for a paragraph it kept,
0.0 for a menu it dropped.
"""

from __future__ import annotations

import logging
import re
from typing import Sequence

from ..document import Line

_TOKEN = re.compile(r"\w+")
_N = 3
#: trafilatura logs every page it finds no text in; our own warning says that once.
logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
logging.getLogger("htmldate").setLevel(logging.CRITICAL)


#: Elements without readable text. trafilatura drops them too; removing them first spares it copying them.
NON_TEXT = ("script", "style", "noscript", "template", "svg", "math", "iframe", "object", "embed", "canvas",
            "video", "audio", "source", "track", "link", "meta")


def main_text(root, url: str | None = None) -> str:
    """trafilatura's main text of the page ('' when it finds none).

    The page's non-text elements are removed from the tree first, in place:
    read the metadata (meta tags, JSON-LD scripts) before calling this.
    """
    from lxml import etree

    etree.strip_elements(root, *NON_TEXT, with_tail=False)
    text = _extract(root, url, fast=True, favor_recall=True)
    words = len(text.split())
    if words < SHORT_MAIN_TEXT:
        # Its fast path found next to nothing: its full cascade (which compares its own reading with
        # readability's and jusText's) often finds the article on such pages. Rare (5 of wcxb's 711 pages),
        # but slow where it runs: about 3.5% of the cleaner's time there, for 0.001 of held-out F1.
        fuller = _extract(root, url, fast=False, favor_recall=False)
        if len(fuller.split()) > words:
            text = fuller
    return text


#: trafilatura's fast main text shorter than this (words) is asked for again with its full cascade.
SHORT_MAIN_TEXT = 150


def _extract(root, url: str | None, fast: bool, favor_recall: bool) -> str:
    from trafilatura import bare_extraction

    try:
        result = bare_extraction(root, url=url, fast=fast, favor_recall=favor_recall, include_comments=False)
    except Exception:  # noqa: BLE001 - a witness that fails says nothing; the page is still ours to read
        return ""
    return (result.text or "") if result is not None else ""


def coverage(lines: Sequence[Line], text: str) -> list[float]:
    """For each line, the share of its word trigrams that ``text`` holds at the line's place in it.

    The lines are aligned with the text in reading order (each line at most
    once, each stretch of the text used by at most one line, the alignment
    that matches the most words wins), so a second copy of a paragraph — a
    hidden duplicate of the article, a teaser repeating the lede — is not
    counted as kept when trafilatura kept the text once. A line of one or two
    words matches only a whole paragraph of the text (a heading, a list item).
    """
    stream = _Stream(text)
    if not stream.tokens:
        return [0.0] * len(lines)
    candidates: list[tuple[int, int, int, int]] = []   # (line index, start, end, matched trigrams)
    sizes = []
    for index, line in enumerate(lines):
        words = _TOKEN.findall(line.text.lower())
        sizes.append(max(1, len(words) - _N + 1))
        candidates.extend((index, start, end, votes) for start, end, votes in stream.places(words))
    chosen = _best_chain(candidates, len(stream.tokens))
    return [min(1.0, chosen.get(i, 0) / sizes[i]) for i in range(len(lines))]


class _Stream:
    """The extracted text as one token stream, indexed by trigram."""

    #: A trigram found more often than this says nothing about where a line is.
    max_repeats = 8

    def __init__(self, text: str) -> None:
        self.tokens: list[str] = []
        self.short: dict[tuple[str, ...], list[int]] = {}   # paragraphs of one or two words → their starts
        for paragraph in text.lower().split("\n"):
            words = _TOKEN.findall(paragraph)
            if 0 < len(words) < _N:
                self.short.setdefault(tuple(words), []).append(len(self.tokens))
            self.tokens.extend(words)
        self.at: dict[tuple, list[int]] = {}
        tokens = self.tokens
        setdefault = self.at.setdefault
        for i, gram in enumerate(zip(tokens, tokens[1:], tokens[2:])):
            setdefault(gram, []).append(i)

    def places(self, words: list[str]) -> list[tuple[int, int, int]]:
        """Where the line could sit in the stream: (start, end, matched trigrams)."""
        if not words:
            return []
        if len(words) < _N:
            starts = self.short.get(tuple(words), ())
            return [(q, q + len(words), 1) for q in starts[:self.max_repeats]]
        votes: dict[int, int] = {}
        at, most = self.at.get, self.max_repeats
        for j, gram in enumerate(zip(words, words[1:], words[2:])):
            positions = at(gram)
            if positions and len(positions) <= most:
                for q in positions:
                    votes[q - j] = votes.get(q - j, 0) + 1
        if not votes:
            return []
        best = max(votes.values())
        floor = max(1, best // 3)
        return [(max(0, start), start + len(words), count) for start, count in votes.items() if count >= floor]


def _best_chain(candidates: list[tuple[int, int, int, int]], length: int) -> dict[int, int]:
    """The in-order, non-overlapping choice of candidates with the most matched trigrams.

    Weighted chain over (line, stretch) pairs: lines increase, stretches
    follow each other. A Fenwick tree over stretch ends gives the best chain
    ending before a start in O(log n).
    """
    size = length + 2
    tree_best = [0] * (size + 1)
    tree_at: list[int] = [-1] * (size + 1)
    scores: list[int] = []
    previous: list[int] = []

    def query(position: int) -> tuple[int, int]:
        best, at = 0, -1
        i = position
        while i > 0:
            if tree_best[i] > best:
                best, at = tree_best[i], tree_at[i]
            i -= i & -i
        return best, at

    def update(position: int, value: int, index: int) -> None:
        i = position
        while i <= size:
            if value > tree_best[i]:
                tree_best[i], tree_at[i] = value, index
            i += i & -i

    k = 0
    while k < len(candidates):
        line = candidates[k][0]
        group_end = k
        while group_end < len(candidates) and candidates[group_end][0] == line:
            group_end += 1
        results = []
        for index in range(k, group_end):
            _, start, end, votes = candidates[index]
            best, at = query(min(start, length) + 1)
            results.append((index, best + votes, at))
        for index, score, at in results:
            scores.append(score)
            previous.append(at)
        for index, score, at in results:
            update(min(candidates[index][2], length) + 1, score, index)
        k = group_end
    if not scores:
        return {}
    chosen: dict[int, int] = {}
    index = max(range(len(scores)), key=scores.__getitem__)
    while index != -1:
        chosen[candidates[index][0]] = candidates[index][3]
        index = previous[index]
    return chosen


class PageMetadata:
    """Title, author and site name as the page states them (meta tags, JSON-LD, markup), and its date
    from htmldate, read only when asked (:meth:`date`): a dateline in the page's header says it more
    cheaply, and more often rightly, than htmldate's search of the whole page."""

    def __init__(self, root, url: str | None, title: str | None, byline: str | None, site: str | None) -> None:
        self.root, self.url = root, url
        self.title, self.byline, self.site = title, byline, site
        self._date: str | None = None
        self._dated = False

    def date(self) -> str | None:
        """htmldate's publication date (ISO), worked out once. Read it before :func:`main_text` strips
        the page's meta tags and scripts."""
        if not self._dated:
            from htmldate import find_date

            self._dated = True
            try:
                self._date = find_date(self.root, url=self.url, original_date=True, extensive_search=False) or None
            except Exception:  # noqa: BLE001 - metadata is optional; a page that breaks it still has a body
                self._date = None
            self.root = None
        return self._date


def metadata(root, url: str | None = None) -> PageMetadata:
    """What the page states about itself (meta tags, JSON-LD, markup); its date on demand."""
    from trafilatura.metadata import examine_meta, extract_meta_json, extract_sitename, extract_title

    try:
        found = examine_meta(root)
        if found.author and " " not in found.author:
            found.author = None          # a one-word "author" is a handle or the site, not a byline
        try:
            found = extract_meta_json(root, found)
        except Exception:  # noqa: BLE001 - JSON-LD in the wild is often broken; the meta tags still count
            pass
        title = found.title or extract_title(root)
        site = found.sitename or extract_sitename(root)
    except Exception:  # noqa: BLE001 - metadata is optional; a page that breaks it still has a body
        return PageMetadata(root, url, None, None, None)
    return PageMetadata(root, url or found.url, _clean(title), _clean(found.author),
                        _clean(site.lstrip("@") if site else None))


def headline(lines: Sequence[Line], title: str | None) -> str | None:
    """The title as the page shows it: the ``<h1>`` closest in words to the meta title (SEO titles differ).

    Without a meta title the first ``<h1>`` of two words or more; an ``<h1>``
    sharing almost no words with the meta title (a logo) is not taken.
    """
    headings = [line.text for line in lines if line.markup.heading == 1 and len(line.text.split()) >= 2]
    if not headings:
        return title
    if not title:
        return headings[0]
    wanted = set(_TOKEN.findall(title.lower()))
    best = max(headings, key=lambda text: _overlap(set(_TOKEN.findall(text.lower())), wanted))
    return best if _overlap(set(_TOKEN.findall(best.lower())), wanted) >= 0.1 else title


def _overlap(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a or b else 0.0


def _clean(value: str | None) -> str | None:
    if not value:
        return None
    value = " ".join(value.split())
    return value or None
