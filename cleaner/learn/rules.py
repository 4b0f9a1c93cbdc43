"""Learning a site's template from its pages: which lines and line shapes are chrome, where articles sit.

Evidence is only ever *across pages*: a line becomes a rule when the same line is printed on most of
the pages (at least two), or when lines of the same shape are (``12 comments`` / ``3 comments``).
A line printed on one page — an article's own words — can never become a rule, so a learned profile
holds the template, not the content.

Every rule is also checked against the generic fallback's decisions on the pages it was learned
from, so that the profile drops only what the fallback drops too or keeps *outside* the article:

- the *content span* of a page is the stretch from the first to the last line the fallback keeps
  that is not template; a template line the fallback keeps inside that span on any page (a recipe
  site's "Ingredients" heading, a product page's table header) is not learned;
- a line the fallback takes for the title, byline or date on any page is not learned (it is
  metadata, and the metadata stage must still see it);
- a shape is learned only for short lines (a paragraph never repeats in shape), and only when the
  shape varies (two or more different lines have it);
- the article's bounds are a template line printed once on every page before everything the
  fallback keeps (``start_after``) and one printed once on every page after it (``end_before``),
  each tied to its neighbour in the template where that neighbour is the same on every page.

``trust_region`` is always false: inside the bounds the generic stages still decide every line.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Sequence

from ..document import BYLINE, DATE, TITLE
from ..errors import LearnError
from .pages import LearnPage
from .shapes import Shape, exact_regex, shape_of

_METADATA = frozenset({TITLE, BYLINE, DATE})
#: A shape is learned only for lines up to this many words: prose does not repeat in shape.
SHAPE_MAX_WORDS = 12
#: A line of at least this many words that ends like a sentence reads as prose.
PROSE_WORDS = 8
#: A fingerprint is a line of at least this many words and characters (a lone "Home" is every site's).
FINGERPRINT_MIN_WORDS = 3
FINGERPRINT_MIN_CHARS = 12
MAX_FINGERPRINTS = 5
#: A profile holds at most this many drop rules (the lines on the most pages first).
MAX_DROPS = 400
#: The first this many pages are learned from (the copy check compares pages pairwise).
MAX_PAGES = 200


@dataclass(frozen=True)
class LearnSettings:
    """How much evidence a rule needs."""

    share: float = 0.5        # a template line is on more than this share of the pages (most of them) …
    min_pages: int = 2        # … and on at least this many
    shapes: bool = True       # learn line shapes (dates, counts, names generalised)
    bounds: bool = True       # learn start_after / end_before
    inside: bool = True       # refuse lines seen inside a page's content (else only the runtime check guards)


@dataclass(frozen=True)
class LearnedRule:
    """One ``[[drop]]`` rule and the evidence for it."""

    kind: str                 # "template line" or "template shape"
    pattern: Any              # a regex string or a pattern table (as the profile file holds it)
    pages: int                # on how many of the pages it was seen
    order: float = 0.0        # where it sits on the pages (for a readable profile)
    where: str = "outside"    # outside the article the generic stages find (see cleaner.stages.template)

    def reason(self, total: int) -> str:
        return f"{self.kind}, seen on {self.pages} of {total} pages"


@dataclass(frozen=True)
class LearnedBound:
    pattern: Any
    pages: int


@dataclass
class LearnedProfile:
    """What was learned from ``pages`` pages of one site, ready to be written as a profile file."""

    name: str
    pages: int
    site: str | None = None
    hosts: tuple[str, ...] = ()
    fingerprints: list[tuple[str, int]] = field(default_factory=list)
    start_after: LearnedBound | None = None
    end_before: LearnedBound | None = None
    drops: list[LearnedRule] = field(default_factory=list)
    copies: int = 0           # pages left out as copies of another page's article

    def summary(self) -> str:
        lines = sum(1 for rule in self.drops if rule.kind == "template line")
        shapes = len(self.drops) - lines
        bounds = " and ".join(name for name, bound in (("start", self.start_after), ("end", self.end_before)) if bound)
        copies = f" ({self.copies} more left out as copies of another page)" if self.copies else ""
        return (f"learned from {self.pages} pages of {self.site or self.name}{copies}: {lines} template lines, "
                f"{shapes} line shapes, {'article ' + bounds if bounds else 'no article'} bound"
                f"{'s' if ' and ' in bounds else ''}, {len(self.fingerprints)} fingerprints")


def learn(pages: Sequence[LearnPage], name: str, site: str | None = None,
          settings: LearnSettings = LearnSettings()) -> LearnedProfile:
    """Learn a profile from two or more pages of one site (LearnError with fewer)."""
    if len(pages) < 2:
        raise LearnError(f"learning a site's template needs at least 2 pages of it, got {len(pages)}")
    distinct = distinct_pages(pages[:MAX_PAGES])
    if len(distinct) < 2:
        raise LearnError(f"the {len(pages)} pages are copies of one article: learning needs 2 different pages")
    copies, pages = min(len(pages), MAX_PAGES) - len(distinct), distinct
    evidence = _Evidence(pages, settings)
    drops = evidence.template_lines()
    if settings.shapes:
        shapes = evidence.template_shapes()
        covered = {exact_regex(text) for shape in shapes for text in shape.texts}  # a shape rule names them
        drops = [rule for rule in drops if rule.pattern not in covered] + [shape.rule for shape in shapes]
    drops.sort(key=lambda rule: (-rule.pages, rule.order))
    drops = sorted(drops[:MAX_DROPS], key=lambda rule: rule.order)
    profile = LearnedProfile(name=name, pages=len(pages), site=site, hosts=(site,) if site else (),
                             fingerprints=evidence.fingerprints(), drops=drops, copies=copies)
    if settings.bounds:
        profile.start_after, profile.end_before = evidence.bounds()
    return profile


#: Two pages are copies of one article when this share of the text the fallback keeps (lines of
#: COPY_MIN_WORDS words or more) of the shorter one is on the other too.
COPY_SHARE = 0.5
COPY_MIN_WORDS = 5


def distinct_pages(pages: Sequence[LearnPage]) -> list[LearnPage]:
    """The pages without copies of an article already given (one story under two addresses): a copy
    would make the article's own paragraphs look like lines the site prints on every page."""
    kept: list[tuple[LearnPage, set[str]]] = []
    for page in pages:
        text = {t for i, t in enumerate(page.texts) if page.kept(i) and len(t.split()) >= COPY_MIN_WORDS}
        if not any(text and other and len(text & other) >= COPY_SHARE * min(len(text), len(other))
                   for _, other in kept):
            kept.append((page, text))
    return [page for page, _ in kept]


def looks_like_prose(text: str) -> bool:
    """A sentence of some length: such a line is never learned from its shape, nor taken for chrome
    when the content span is measured."""
    return len(text.split()) >= PROSE_WORDS and text.rstrip()[-1:] in '.!?"”»'


class _Evidence:
    """What the pages share, counted once."""

    def __init__(self, pages: Sequence[LearnPage], settings: LearnSettings) -> None:
        self.pages = pages
        self.settings = settings
        self.total = len(pages)
        self.need = max(settings.min_pages, math.floor(settings.share * self.total) + 1)
        self.df: Counter[str] = Counter()
        for page in pages:
            self.df.update(set(page.texts))
        self.metadata = {text for page in pages for text, label in zip(page.texts, page.labels) if label in _METADATA}
        self.spans = [self._content_span(page) for page in pages]
        self.inside = {page.texts[i] for page, span in zip(pages, self.spans) if span
                       for i in range(span[0], span[1] + 1)}

    def is_template(self, text: str) -> bool:
        return self.df[text] >= self.need

    def _content_span(self, page: LearnPage) -> tuple[int, int] | None:
        """First and last line of the page's own content: lines that are not template and that the
        fallback keeps or that read as prose (None: there are none)."""
        varying = [i for i, text in enumerate(page.texts)
                   if not self.is_template(text) and (page.kept(i) or looks_like_prose(text))]
        return (varying[0], varying[-1]) if varying else None

    def learnable(self, text: str) -> bool:
        """May this line be dropped by a rule? Not when it stands inside a page's content, or is metadata."""
        return (not self.settings.inside or text not in self.inside) and text not in self.metadata

    def template_lines(self) -> list[LearnedRule]:
        rules = []
        for text, order in self._first_positions().items():
            if self.is_template(text) and self.learnable(text) and (
                    self.df[text] == self.total or not looks_like_prose(text)):  # a sentence: on every page
                rules.append(LearnedRule("template line", exact_regex(text), self.df[text], order))
        return rules

    def _first_positions(self) -> dict[str, float]:
        """Each line's first place on the pages (0 at the top, 1 at the bottom), in page order."""
        positions: dict[str, float] = {}
        for page in self.pages:
            size = max(1, len(page.texts) - 1)
            for i, text in enumerate(page.texts):
                positions.setdefault(text, i / size)
        return positions

    def template_shapes(self) -> list["_ShapeCount"]:
        """Shapes (level 1: numbers and dates; level 2: names too) on enough pages, varying, never kept inside."""
        counts: dict[str, _ShapeCount] = {}
        for number, page in enumerate(self.pages):
            size = max(1, len(page.texts) - 1)
            for i, text in enumerate(page.texts):
                if len(text.split()) > SHAPE_MAX_WORDS:
                    continue
                span = self.spans[number]
                inside = span is not None and span[0] <= i <= span[1]
                for level in (1, 2):
                    shape = shape_of(text, names=level == 2)
                    if shape is None:
                        continue
                    count = counts.get(shape.key)
                    if count is None:
                        count = counts[shape.key] = _ShapeCount(shape, level, i / size)
                    count.add(number, text, vetoed=inside and self.settings.inside or text in self.metadata)
        chosen = [c for c in counts.values() if c.level == 1 and c.qualifies(self.need)]
        covered = {text for c in chosen for text in c.texts}
        chosen += [c for c in counts.values() if c.level == 2 and c.qualifies(self.need) and not c.texts <= covered]
        for count in chosen:
            count.rule = LearnedRule("template shape", count.shape.regex, len(count.pages), count.order)
        return chosen

    def fingerprints(self) -> list[tuple[str, int]]:
        """Lines every page prints and only this site would: long enough, not a generic phrase, not metadata."""
        generic = {text for page in self.pages for text, stage in zip(page.texts, page.stages)
                   if stage == "phrases" and len(text.split()) < 5}
        candidates = [text for text, count in self.df.items() if count == self.total and text not in generic
                      and text not in self.metadata and len(text.split()) >= FINGERPRINT_MIN_WORDS
                      and len(text) >= FINGERPRINT_MIN_CHARS and any(c.isalpha() for c in text)
                      and shape_of(text) is None]
        candidates.sort(key=lambda text: (-len(text.split()), text))
        return [(exact_regex(text), self.total) for text in candidates[:MAX_FINGERPRINTS]]

    def bounds(self) -> tuple[LearnedBound | None, LearnedBound | None]:
        """start_after / end_before: template lines printed once on every page, around everything the
        fallback keeps (and the title, byline and date) on every page."""
        skeleton = [text for text, count in self.df.items() if count == self.total and text not in self.metadata]
        if not skeleton or any(span is None for span in self.spans):
            return None, None
        places: list[dict[str, int]] = []
        for page, span in zip(self.pages, self.spans):
            where: dict[str, int] = {}
            seen: Counter[str] = Counter(page.texts)
            for i, text in enumerate(page.texts):
                if seen[text] == 1:
                    where[text] = i
            places.append(where)
        once = [text for text in skeleton if all(text in where for where in places)]
        lows = [min([span[0]] + [i for i, label in enumerate(page.labels) if label in _METADATA])
                for page, span in zip(self.pages, self.spans)]
        highs = [span[1] for span in self.spans]
        before = [t for t in once if all(where[t] < low for where, low in zip(places, lows))]
        after = [t for t in once if all(where[t] > high for where, high in zip(places, highs))]
        start = max(before, key=lambda t: places[0][t]) if before else None
        end = min(after, key=lambda t: places[0][t]) if after else None
        return (self._bound(start, places, -1) if start else None,
                self._bound(end, places, +1) if end else None)

    def _bound(self, text: str, places: list[dict[str, int]], step: int) -> LearnedBound:
        """The bound's line, tied to its neighbour (above a start, below an end) when every page has the same."""
        neighbours = set()
        for page, where in zip(self.pages, places):
            j = where[text] + step
            neighbours.add(page.texts[j] if 0 <= j < len(page.texts) else None)
        regex = exact_regex(text)
        if len(neighbours) == 1 and None not in neighbours:
            neighbour = exact_regex(neighbours.pop())
            key = "preceded_by" if step < 0 else "followed_by"
            return LearnedBound({"match": regex, key: [neighbour]}, self.total)
        return LearnedBound(regex, self.total)


class _ShapeCount:
    """The pages and lines one shape was seen on."""

    def __init__(self, shape: Shape, level: int, order: float) -> None:
        self.shape = shape
        self.level = level
        self.order = order
        self.pages: set[int] = set()
        self.texts: set[str] = set()
        self.vetoed = False
        self.rule: LearnedRule | None = None

    def add(self, page: int, text: str, vetoed: bool) -> None:
        self.pages.add(page)
        self.texts.add(text)
        self.vetoed = self.vetoed or vetoed

    def qualifies(self, need: int) -> bool:
        anchored = bool(self.shape.literal_words) or bool({"MONTH", "TIME"} & set(self.shape.slots))
        return not self.vetoed and len(self.pages) >= need and len(self.texts) >= 2 and anchored
