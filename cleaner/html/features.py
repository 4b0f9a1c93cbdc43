"""The numbers the markup model reads for each line: the line, its neighbours, its containers.

One flat row of floats per line, named in :data:`NAMES` (the model file
records the names it was trained with, so a mismatch is caught on load).
A row has two parts, so that trafilatura need only be asked when the markup
alone leaves the page in doubt:

- :func:`markup_rows`, from the page itself: the line's length and prose
  shape (the ``features`` stage's measures), link density, tag, heading level,
  semantic containers, region words near it and further up; its neighbours;
  for its parent, grandparent and further ancestors how much of their text is
  prose or links; whether it sits in the page's best-scoring content container
  (readability's idea: the element whose paragraphs hold the most prose); the
  title, repetition; and the page as a whole (its size, its share of prose,
  the best container's share of it), the same for every line, so that the
  trees can weigh the rest differently on a long essay and on a catalogue page.
- :func:`coverage_rows`, from trafilatura's main text: how much of the line,
  its neighbours and its containers trafilatura kept, and whether it lies in
  the stretch (and the container) trafilatura kept; and how much of the page
  it kept (a witness that kept a tenth of a page says less about what it left).
"""

from __future__ import annotations

import functools
import math
import re
from array import array
from collections import Counter
from typing import Callable, Iterator, Sequence

from ..caching import BoundedCache
from ..document import Line
from ..lexicon import is_prose
from .layout import PATH_LIMIT
from .repetition import repetition
from .words import CATEGORIES, category

TAGS = ("p", "li", "td", "th", "div", "pre", "blockquote", "dd", "dt", "figcaption", "section", "article", "span",
        "h1", "h2", "h3", "h4", "h5", "h6", "header", "footer", "nav", "aside", "caption", "address", "summary",
        "main", "body", "form", "center", "figure", "legend")
CONTAINER_FLAGS = ("nav", "header", "footer", "aside", "figure", "form", "article", "main", "blockquote", "table",
                   "li", "details", "address", "a", "dialog", "menu", "button")
ANCESTOR_LEVELS = (1, 2, 3, 5)
#: Region words common enough on the web to weigh one by one (the categories pool the rarer ones).
#: Generic template vocabulary — what WordPress, page builders and news CMSs name their regions.
WORD_FLAGS = (
    "content", "title", "nav", "menu", "header", "footer", "list", "main", "post", "label", "heading", "author",
    "hidden", "body", "date", "social", "links", "bottom", "meta", "dropdown", "info", "single", "navigation",
    "grid", "category", "article", "skip", "blog", "cta", "secondary", "copyright", "description", "sidebar",
    "widget", "email", "image", "logo", "share", "card", "modal", "entry", "hide", "tag", "breadcrumb", "caption",
    "more", "next", "embed", "newsletter", "related", "contact", "banner", "toc", "comments", "comment", "about",
    "subscribe", "tags", "thumbnail", "time", "media", "byline", "summary", "excerpt", "featured", "print",
    "intro", "figure", "story", "aside", "ad", "promo", "popular", "recent", "prose", "richtext",
)
#: Region categories whose lines do not count towards the densest prose block (readability's negative classes).
_NOT_CONTENT = frozenset({"comment", "nav", "footer", "related", "share", "signup", "ad", "notice", "bio"})


def _markup_names() -> list[str]:
    names = ["log_words", "log_chars", "stop_ratio", "ends_sentence", "sentences", "title_ratio", "alpha_ratio",
             "digit_ratio", "upper", "link_density", "hidden", "depth", "heading", "log_repeats", "chrome_phrase"]
    names += [f"tag_{t}" for t in TAGS] + ["tag_other"]
    names += [f"in_{c}" for c in CONTAINER_FLAGS]
    names += [f"near_{c}" for c in CATEGORIES] + [f"far_{c}" for c in CATEGORIES]
    names += [f"word_{w}" for w in WORD_FLAGS]
    names += ["position", "log_duplicates", "prev_log_words", "next_log_words", "prev_link_density",
              "next_link_density", "prose_before", "prose_after"]
    for level in ANCESTOR_LEVELS:
        names += [f"up{level}_link_density", f"up{level}_prose", f"up{level}_log_chars", f"up{level}_share",
                  f"up{level}_lines"]
    names += ["in_top_candidate", "under_top_candidate", "title_match", "after_title", "repeated_before",
              "repeated_after", "page_log_chars", "page_prose_share", "page_top_share"]
    return names


def _coverage_names() -> list[str]:
    names = ["coverage", "prev_coverage", "next_coverage", "window3_coverage", "window10_coverage",
             "before_covered", "after_covered", "covered_share_before", "in_covered_container",
             "page_covered_share", "page_covered_log_chars"]
    return names + [f"up{level}_coverage" for level in ANCESTOR_LEVELS]


MARKUP_NAMES = tuple(_markup_names())
COVERAGE_NAMES = tuple(_coverage_names())
NAMES = MARKUP_NAMES + COVERAGE_NAMES


class PageRows:
    """A page's feature rows, made one at a time as the model reads them.

    Kept, they would be most of what the cleaner holds on a big page (some
    200 floats a line: 1.7 KB for a 23-byte ``<div>`` of a menu), so on a
    page of over :data:`KEEP_ROWS_LINES` lines :meth:`markup` makes them
    again when trafilatura's columns are added; a smaller page's are kept
    from the first reading for the second (a few MB at most).
    """

    def __init__(self, lines: Sequence[Line], title: str | None = None, search: "LineSearch | None" = None) -> None:
        """``search``: who searches the lines for a pattern in one call (``Document.line_search``: the native
        core, which the caller knows), for the core's rows (:meth:`native_page`); None: ``re`` searches."""
        self.lines = lines
        self.search = search
        self._page = _Page(lines, title) if lines else None
        self._kept: list[list[float]] | None = None
        self._native = None

    def markup(self) -> Iterator[list[float]]:
        """The page's own evidence, one row per line."""
        if self._kept is not None:
            kept, self._kept = self._kept, None
            yield from kept
            return
        page = self._page
        keep: list[list[float]] | None = [] if len(self.lines) <= KEEP_ROWS_LINES else None
        for i, line in enumerate(self.lines):
            row = _own(line)
            page.add_context(row, i)
            if keep is not None:
                keep.append(row)
            yield row
        self._kept = keep

    def consulted(self, covered: Sequence[float]) -> Iterator[list[float]]:
        """The page's own evidence and trafilatura's (``covered``: its coverage of each line), one row per line."""
        for row, more in zip(self.markup(), _coverage_rows(self.lines, covered)):
            row += more
            yield row

    @property
    def native_fits(self) -> bool:
        """May the native core assemble this page's rows (:meth:`native_scores`)? On a page of at most
        :data:`KEEP_ROWS_LINES` lines: its columns (some 20 numbers a line, and the lists they are handed over
        in) would add a fifth to a big page of menus' peak memory, where the rows made one at a time add
        nothing; a smaller page's Python rows are kept between the two readings, and cost far more."""
        return len(self.lines) <= KEEP_ROWS_LINES

    def native_scores(self, trees, covered: Sequence[float] | None = None) -> list[float]:
        """Each line's raw score by the native core's ``trees``, the rows assembled by the core from the page's
        columns (:meth:`native_page`): the same rows as :meth:`markup` (and :meth:`consulted`, given
        ``covered``), none of them built as a list."""
        if not self.lines:
            return []
        page = self.native_page()
        if covered is None:
            return page.scores(trees)
        return page.scores(trees, [value for row in _coverage_rows(self.lines, covered) for value in row])

    def native_page(self):
        """The page as the native core's ``MarkupPage`` (made once: both readings assemble rows from it)."""
        if self._native is None:
            from ..extension import extension

            native, why = extension()
            if native is None:
                raise RuntimeError(f"no native core: {why}")
            self._native = self._page.native_page(native, self.search)
        return self._native

    def quoted(self, covered: Sequence[float] | None = None) -> list[tuple[float, ...]]:
        """Each line's columns that its reason quotes (``decide._QUOTED``: in the top candidate, repeated
        before, and trafilatura's coverage when it was asked), as the native rows hold them."""
        page = self._page
        if page is None:
            return []
        in_top = self.native_page().in_top()
        if covered is None:
            return list(zip(in_top, page.before))
        return list(zip(in_top, page.before, covered))


#: A page of at most this many lines keeps its markup rows between the model's two readings (the
#: benchmark pages have at most 2,641 lines).
KEEP_ROWS_LINES = 4_000


def markup_rows(lines: Sequence[Line], title: str | None = None) -> list[list[float]]:
    """The page's own evidence, one row per line (``title``: the page's title)."""
    return list(PageRows(lines, title).markup())


def coverage_rows(lines: Sequence[Line], covered: Sequence[float]) -> list[list[float]]:
    """trafilatura's evidence, one row per line (``covered``: its coverage of each line)."""
    return list(_coverage_rows(lines, covered))


def _coverage_rows(lines: Sequence[Line], covered: Sequence[float]) -> Iterator[list[float]]:
    n = len(lines)
    if not n:
        return
    cumulative = _cumulative(covered)
    first = next((i for i, c in enumerate(covered) if c >= 0.5), n)
    last = next((i for i in range(n - 1, -1, -1) if covered[i] >= 0.5), -1)
    # Each line's path worked out once: it is read from the page's frames when asked (``LineMarkup.path``),
    # and the container, the ancestors' shares and the rows each asked for it.
    paths = _paths(lines)
    main = _covered_container(lines, covered, paths)
    kept: dict[int, list[float]] = {}
    covered_chars, page_chars = 0.0, 0
    for line, share, path in zip(lines, covered, paths):
        chars = line.features.chars
        covered_chars += chars * share
        page_chars += chars
        for element in path:
            entry = kept.get(element)
            if entry is None:
                kept[element] = [chars * share, chars]
            else:
                entry[0] += chars * share
                entry[1] += chars
    total = max(1.0, cumulative[n])
    page_share = _coarse(covered_chars / max(1, page_chars))
    page_log = _coarse(math.log1p(covered_chars) / 2)
    # The row written out (the windows of three and ten lines each side, the levels of ANCESTOR_LEVELS, each element's share
    # worked out once): the same numbers from the same operations, without two calls and a loop a line.
    assert ANCESTOR_LEVELS == (1, 2, 3, 5)
    shares = {element: kept_chars / max(chars, 1) for element, (kept_chars, chars) in kept.items()}
    top = n   # len(cumulative) - 1
    before = 0.0
    for i, path in enumerate(paths):
        share = covered[i]
        lo, hi = (i - 3 if i > 3 else 0), (i + 4 if i + 4 < top else top)
        near = (cumulative[hi] - cumulative[lo]) / (hi - lo)
        lo, hi = (i - 10 if i > 10 else 0), (i + 11 if i + 11 < top else top)
        wide = (cumulative[hi] - cumulative[lo]) / (hi - lo)
        depth = len(path)
        row = [share, before, covered[i + 1] if i + 1 < n else 0.0, near, wide, float(i < first), float(i > last),
               cumulative[i] / total, float(main is not None and main in path), page_share, page_log,
               shares[path[-2]] if depth > 1 else 0.0,
               shares[path[-3]] if depth > 2 else 0.0,
               shares[path[-4]] if depth > 3 else 0.0,
               shares[path[-6]] if depth > 5 else 0.0]
        before = share
        yield row


def _paths(lines: Sequence[Line]) -> list[tuple[int, ...]]:
    """Each line's ``markup.path``, worked out together where the lines share their page's frames
    (:meth:`FrameTree.paths`: each frame's once)."""
    frames = lines[0].markup.frames if lines else None
    if frames is None or any(line.markup.frames is not frames for line in lines):
        return [line.markup.path for line in lines]
    return frames.paths([line.markup.block for line in lines])


def _own(line: Line) -> list[float]:
    """What the line itself shows: its text's shape and its markup."""
    f = line.features
    m = line.markup
    key = (m.tag, m.containers, m.near, m.far)
    flags = _flags_cache.get(key)
    if flags is None:
        flags = _flags_cache[key] = _markup_flags(m)
    row = [
        math.log1p(f.words), math.log1p(f.chars), f.stop_ratio, float(f.ends_sentence), min(f.sentences, 5),
        f.title_ratio, f.alpha_ratio, f.digit_ratio, float(f.upper), m.link_chars / max(1, f.chars),
        float(m.hidden), min(m.depth, 40), float(m.heading), math.log(m.repeats),
        float(f.chars <= _CHROME_MAX_CHARS and _chrome_phrase(line.text)),
    ]
    row += flags
    return row


_TAG_AT = {tag: i for i, tag in enumerate(TAGS)}
_CONTAINER_AT = {c: len(TAGS) + 1 + i for i, c in enumerate(CONTAINER_FLAGS)}
_NEAR_AT = {c: len(TAGS) + 1 + len(CONTAINER_FLAGS) + i for i, c in enumerate(CATEGORIES)}
_FAR_AT = {c: len(TAGS) + 1 + len(CONTAINER_FLAGS) + len(CATEGORIES) + i for i, c in enumerate(CATEGORIES)}
_WORD_AT = {w: len(TAGS) + 1 + len(CONTAINER_FLAGS) + 2 * len(CATEGORIES) + i for i, w in enumerate(WORD_FLAGS)}
_FLAGS = len(TAGS) + 1 + len(CONTAINER_FLAGS) + 2 * len(CATEGORIES) + len(WORD_FLAGS)
#: Markup-keyed tables hold a few pages' worth (a page has a few dozen distinct markups), then start again:
#: their keys hold the pages' word sets, which the garbage collector walks (see :mod:`cleaner.caching`).
_CACHED_MARKUPS = 4096
#: The flags of each markup, as a tuple, not a list: a tuple of floats is untracked by the garbage collector
#: after its first pass.
_flags_cache = BoundedCache(_CACHED_MARKUPS)


def _flag_ids(markups: Sequence) -> tuple[list[int], list[tuple[float, ...]]]:
    """Each line's markup flags (:func:`_markup_flags`) as a number into a table of the page's distinct ones."""
    ids: list[int] = []
    table: list[tuple[float, ...]] = []
    at: dict[tuple, int] = {}
    for m in markups:
        key = (m.tag, m.containers, m.near, m.far)
        found = at.get(key)
        if found is None:
            flags = _flags_cache.get(key)
            if flags is None:
                flags = _flags_cache[key] = _markup_flags(m)
            found = at[key] = len(table)
            table.append(flags)
        ids.append(found)
    return ids, table


def _markup_flags(m) -> tuple[float, ...]:
    """One-hot tag, container flags, near and far region categories, near region words (shared by lines
    with the same markup)."""
    flags = [0.0] * _FLAGS
    flags[_TAG_AT.get(m.tag, len(TAGS))] = 1.0
    for container in m.containers:
        if container in _CONTAINER_AT:
            flags[_CONTAINER_AT[container]] = 1.0
    for found in region_categories(m.near):
        flags[_NEAR_AT[found]] = 1.0
    for found in region_categories(m.far):
        flags[_FAR_AT[found]] = 1.0
    for word in m.near:
        if word in _WORD_AT:
            flags[_WORD_AT[word]] = 1.0
    return tuple(flags)


class _Page:
    """What the whole page says around each line: neighbours, containers, repetition, the title."""

    def __init__(self, lines: Sequence[Line], title: str | None) -> None:
        n = len(lines)
        self.lines, self.n = lines, n
        self._log_words = self._link = None
        self.prose = prose = array("d", map(_is_prose, lines))
        self.duplicates = Counter(line.text for line in lines)
        self.cum_prose = _cumulative(prose)
        self.title_key = _key(title) if title else None
        # A line can equal the title only with as many words (lowercasing never makes or removes a space:
        # checked for every code point), so most lines skip building their key.
        self.title_words = len(self.title_key.split()) if self.title_key else -1
        self.title_at = _title_line(lines, self.title_key)
        # The page's totals are summed from its lines, not read off its root's entry: on a page nested
        # deeper than PATH_LIMIT, a line's path (the first one's too) starts below the root.
        self.total_chars = max(1, sum(line.features.chars for line in lines))
        prose_chars = sum(share * line.features.chars for share, line in zip(prose, lines))
        self.before, self.after = repetition(lines)
        self.page_log_chars = _coarse(math.log1p(self.total_chars) / 2)      # half the log: steps of ~22%
        self.page_prose_share = _coarse(prose_chars / self.total_chars)
        self.ancestors: dict[int, tuple[float, ...]] = {}
        # A line's ancestors and whether the top candidate is among them are read off the frames' parents,
        # not its path: a tuple built per line was a tenth of the rows' time.
        self.parents = _parents_of(lines)

    # The sums per element and the top candidate are worked out when the Python rows read them: the native
    # core's MarkupPage works them out itself (:meth:`native_page`).

    @functools.cached_property
    def stats(self) -> "_ElementStats":
        return _element_stats(self.lines, self.prose)

    @functools.cached_property
    def top(self) -> int | None:
        return _top_candidate(self.lines, self.prose)

    @functools.cached_property
    def below_top(self) -> bytearray:
        return _levels_below(self.parents, self.top)

    @functools.cached_property
    def page_top_share(self) -> float:
        return _coarse(self.stats[self.top][0] / self.total_chars if self.top is not None else 0.0)

    @property
    def log_words(self) -> array:
        """Per line, ``log1p`` of its words (a typed array: a list holds a float object and a pointer a line)."""
        if self._log_words is None:
            self._log_words = array("d", [math.log1p(line.features.words) for line in self.lines])
        return self._log_words

    @property
    def link(self) -> array:
        """Per line, its link density."""
        if self._link is None:
            self._link = array("d", [line.markup.link_chars / max(1, line.features.chars) for line in self.lines])
        return self._link

    @property
    def blocks(self) -> list[int]:
        """Per line, its block's frame (-1 without frames: an empty path), as :meth:`add_context` climbs from."""
        return [line.markup.block if line.markup.frames is not None else -1 for line in self.lines]

    def native_page(self, native, search: "LineSearch | None" = None):
        """The page's columns as the native core's ``MarkupPage``, which assembles each line's row as
        :meth:`PageRows.markup` does (the names and order: ``native/src/markuprows.rs``). What needs a line's
        text or Python's rounding is worked out here, once a line: the chrome phrase, duplicates, the title
        match, and the page's measures in tenths."""
        lines = self.lines
        features = [line.features for line in lines]
        markups = [line.markup for line in lines]
        title_words, title_key = self.title_words, self.title_key
        columns = [
            [f.words for f in features], [f.chars for f in features], [f.stop_ratio for f in features],
            [f.ends_sentence for f in features], [f.sentences for f in features],
            [f.title_ratio for f in features], [f.alpha_ratio for f in features],
            [f.digit_ratio for f in features], [f.upper for f in features],
            [m.link_chars for m in markups], [m.hidden for m in markups], [m.depth for m in markups],
            [m.heading for m in markups], [m.repeats for m in markups],
            _chrome_column(lines, features, search),
            [self.duplicates[line.text] for line in lines], self.prose,
            [f.words == title_words and _key(line.text) == title_key for f, line in zip(features, lines)],
            self.blocks, _candidates(lines, self.prose),
        ]
        flag_ids, table = _flag_ids(markups)
        page = [self.total_chars, self.title_at, self.page_log_chars, self.page_prose_share]
        return native.MarkupPage(columns, self.before, self.after, flag_ids, table, self.parents, page)

    def add_context(self, row: list[float], i: int) -> None:
        """Append line ``i``'s context to its row."""
        n, line, cum_prose = self.n, self.lines[i], self.cum_prose
        prose_total = max(1.0, cum_prose[n])
        row += [
            i / n, math.log(self.duplicates[line.text]),
            self.log_words[i - 1] if i else 0.0, self.log_words[i + 1] if i + 1 < n else 0.0,
            self.link[i - 1] if i else 0.0, self.link[i + 1] if i + 1 < n else 0.0,
            cum_prose[i] / prose_total, (cum_prose[n] - cum_prose[i + 1]) / prose_total,
        ]
        block = line.markup.block if line.markup.frames is not None else -1   # no frames: an empty path
        parents, up, climbed = self.parents, block, 0
        for level in ANCESTOR_LEVELS:
            while climbed < level and up >= 0:
                up = parents[up]
                climbed += 1
            row += self.ancestor(up) if up >= 0 else _NO_ANCESTOR
        below_top = self.below_top[block] if block >= 0 else _NOT_BELOW
        row += [float(below_top != _NOT_BELOW), float(0 < below_top != _NOT_BELOW),
                float(line.features.words == self.title_words and _key(line.text) == self.title_key),
                float(i > self.title_at),
                self.before[i], self.after[i], self.page_log_chars, self.page_prose_share, self.page_top_share]

    def ancestor(self, element: int) -> tuple[float, ...]:
        """How much of an ancestor's text is links and prose, its size, its share of the page, its lines
        (worked out once per element: the lines under it share it)."""
        found = self.ancestors.get(element)
        if found is None:
            chars, link, prose, count = self.stats[element]
            chars = max(chars, 1)
            found = self.ancestors[element] = (link / chars, prose / chars, math.log1p(chars),
                                               chars / self.total_chars, math.log1p(count))
        return found


def _parents_of(lines: Sequence[Line]) -> Sequence[int]:
    """Each frame's parent (by frame number) on the page ``lines`` come from (empty without frames)."""
    frames = lines[0].markup.frames if lines else None
    return frames.parents if frames is not None else ()


#: In :func:`_levels_below`: ``top`` is not in the frame's path.
_NOT_BELOW = 255


def _levels_below(parents: Sequence[int], top: int | None) -> bytearray:
    """Per frame, how many levels below ``top`` it is (0: ``top`` itself), or :data:`_NOT_BELOW` when ``top``
    is not in its path (not an ancestor, or more than :data:`PATH_LIMIT` levels up: a path holds that many
    ids at most). A byte per frame: a deep page has as many frames as elements.

    One pass in frame order: a frame is numbered after its parent, and ``top``'s descendants after it.
    """
    levels = bytearray([_NOT_BELOW]) * len(parents)
    if top is None:
        return levels
    levels[top] = 0
    for frame in range(top + 1, len(parents)):
        up = parents[frame]
        if up >= top:
            level = levels[up]
            if level < PATH_LIMIT - 1:
                levels[frame] = level + 1
    return levels


_category_cache = BoundedCache(_CACHED_MARKUPS)


def region_categories(words: frozenset[str]) -> frozenset[str]:
    """The region categories (nav, comment, meta…) that a set of class/id words names.

    ``category`` is imported with this module: an import in here ran twice a line (some 4,000 instructions
    each: the relative name resolved, and the module, not a package, asked for a ``__path__`` it has not).
    """
    found = _category_cache.get(words)
    if found is None:
        found = frozenset(map(category, words)) - {None}
        found = _category_cache[words] = _category_sets.shared(found)     # few distinct sets: one object each
    return found


#: Every distinct set of categories once (there are at most 2**19), so the cache's values cost the garbage
#: collector a visit each, not one per cached entry.
_category_sets = BoundedCache(2 ** len(CATEGORIES))


def _is_prose(line: Line) -> float:
    """Prose (:func:`cleaner.lexicon.is_prose`) that is not mostly links, as 0 or 1: a block of links that end
    in stops (a list of teasers) is not the article's text."""
    f = line.features
    return float(is_prose(f) and line.markup.link_chars < _PROSE_LINK_SHARE * f.chars)


#: Prose has links in less than this share of its characters.
_PROSE_LINK_SHARE = 0.3


class _ElementStats:
    """Per element (by its frame's number, :class:`cleaner.html.layout.FrameTree`): the characters, link
    characters and prose characters of the lines under it, and their count; zero under an element with no
    line. Four typed arrays of one number per element, where a dict of lists cost some 250 bytes a line on
    a page of menus. Every sum is of whole numbers, so the order of the additions cannot change it."""

    __slots__ = ("chars", "link", "prose", "lines")

    def __init__(self, size: int) -> None:
        self.chars, self.link, self.lines = (array("q", bytes(8 * size)) for _ in range(3))
        self.prose = array("d", bytes(8 * size))

    def __getitem__(self, element: int) -> tuple[int, int, float, int]:
        return self.chars[element], self.link[element], self.prose[element], self.lines[element]

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _ElementStats) and all(
            getattr(self, name) == getattr(other, name) for name in self.__slots__)

    def add(self, element: int, chars: int, link: int, prose: float, lines: int) -> None:
        self.chars[element] += chars
        self.link[element] += link
        self.prose[element] += prose
        self.lines[element] += lines

    @classmethod
    def of(cls, lines: Sequence[Line]) -> "_ElementStats":
        """Empty stats for the elements of the page ``lines`` come from."""
        frames = lines[0].markup.frames if lines else None
        return cls(len(frames.parents) if frames is not None else 0)


def _element_stats(lines: Sequence[Line], prose: Sequence[float]) -> _ElementStats:
    """Per element: the sums of the lines under it (:class:`_ElementStats`).

    Bottom-up: each line's sums go to its own block once, then each element's to its parent once, the
    last-numbered first (a frame is numbered after its parent), instead of every line walking its whole
    ancestor path.
    """
    if any(line.markup.depth >= PATH_LIMIT - 1 for line in lines):  # a path holds at most PATH_LIMIT ids
        return _element_stats_by_path(lines, prose)    # cut paths: the sums stop PATH_LIMIT levels up
    stats = _ElementStats.of(lines)
    for line, is_prose in zip(lines, prose):
        chars = line.features.chars
        stats.add(line.markup.block, chars, line.markup.link_chars, is_prose * chars, 1)
    if lines:
        parents = lines[0].markup.frames.parents
        for element in range(len(parents) - 1, -1, -1):
            up = parents[element]
            if up >= 0 and stats.lines[element]:
                stats.add(up, *stats[element])
    return stats


def _element_stats_by_path(lines: Sequence[Line], prose: Sequence[float]) -> _ElementStats:
    stats = _ElementStats.of(lines)
    for line, is_prose in zip(lines, prose):
        chars = line.features.chars
        link = line.markup.link_chars
        prose_chars = is_prose * chars
        for element in line.markup.path:
            stats.add(element, chars, link, prose_chars, 1)
    return stats


#: The ancestor columns of a line not that deep.
_NO_ANCESTOR = (0.0, 0.0, 0.0, 1.0, 0.0)


def _top_candidate(lines: Sequence[Line], prose: Sequence[float]) -> int | None:
    """readability's top candidate: the element whose paragraphs (and theirs, at half weight) hold most prose.

    Prose in regions named as comments, navigation, footers, related links… does not count (a long
    comment thread is not the article).
    """
    scores: Counter = Counter()
    for line, candidate in zip(lines, _candidates(lines, prose)):
        if not candidate:
            continue
        path = line.markup.path
        if len(path) < 2:
            continue
        weight = min(line.features.chars, 600) / 100 + 1
        scores[path[-2]] += weight
        if len(path) >= 3:
            scores[path[-3]] += weight / 2
    return scores.most_common(1)[0][0] if scores else None


def _candidates(lines: Sequence[Line], prose: Sequence[float]) -> list[bool]:
    """Per line, whether its prose counts towards the top candidate (:func:`_top_candidate`): prose outside
    regions named as comments, navigation, footers, related links…"""
    return [bool(is_prose) and not (region_categories(line.markup.near) & _NOT_CONTENT
                                    or "comment" in region_categories(line.markup.far))
            for line, is_prose in zip(lines, prose)]


def _covered_container(lines: Sequence[Line], covered: Sequence[float], paths: Sequence[tuple[int, ...]]) -> int | None:
    """The deepest element holding at least 80% of the characters trafilatura kept (``paths``: each line's
    ``markup.path``)."""
    kept = [(path, line.features.chars * c) for line, c, path in zip(lines, covered, paths) if c > 0]
    total = sum(chars for _, chars in kept)
    if not total:
        return None
    under: Counter = Counter()
    depth: dict[int, int] = {}
    for path, chars in kept:
        for d, element in enumerate(path):
            under[element] += chars
            depth[element] = d
    best = None
    for element, chars in under.items():
        if chars >= 0.8 * total and (best is None or depth[element] > depth[best]):
            best = element
    return best


#: Words web chrome says and articles rarely do (a hint, weighed by the model with everything else).
#: The lookahead (the phrases' first letters) only makes the search skip most word starts at once (half the
#: time); under ``re.I`` the class matches every character the first letters match, so it never drops a match
#: (checked for every code point).
_CHROME_PHRASES = (
    r"(?:read more|share (?:this|on)|subscribe|sign up|newsletter|all rights reserved|"
    r"copyright|cookies?|advertisement|related (?:articles|posts|stories)|follow us|comments?|log ?in|sign in|"
    r"privacy policy|terms of (?:use|service)|click here|download|more stories|you may also like|recommended)")
_CHROME = re.compile(r"\b(?=[rsancflptdmy])" + _CHROME_PHRASES + r"\b", re.I)
#: The same search for the native core (:func:`_chrome_column`), without the lookahead, which ``re`` needs for
#: speed only and the core's regex does not have: it finds what :data:`_CHROME` finds (a test checks it).
CHROME_PATTERN = r"\b" + _CHROME_PHRASES + r"\b"


#: The same search on lower-cased ASCII text: a case-sensitive search is faster than ``re.I``, and on
#: ASCII text lower-casing finds exactly what ``re.I`` does (elsewhere ``re.I`` also folds the long s,
#: the Kelvin sign, the dotted capital I… into the phrases' letters, so other text keeps ``_CHROME``).
_CHROME_ASCII = re.compile(_CHROME.pattern)

#: Chrome phrases are looked for in short lines only (a paragraph mentioning cookies is not a banner).
_CHROME_MAX_CHARS = 300


#: Who searches lines for an ``re.I`` pattern in one call: (pattern, texts) → per text 1 (found) or 0, or None
#: when ``re`` must search (``Document.line_search``; the native core's ``cleaner.native.found_in_lines``).
LineSearch = Callable[[str, list[str]], "bytes | None"]


def _chrome_column(lines: Sequence[Line], features: Sequence, search: "LineSearch | None" = None) -> list[bool]:
    """Per line, whether it is short and says a chrome phrase (:func:`_chrome_phrase`): searched by ``search``
    (the native core) in one call for the page's short lines (in Python, ~2% of an HTML page's time), else
    by ``re``."""
    short = [line.text for f, line in zip(features, lines) if f.chars <= _CHROME_MAX_CHARS] if search else None
    found = (search(CHROME_PATTERN, short) if short else b"") if search else None
    if found is None:
        return [f.chars <= _CHROME_MAX_CHARS and _chrome_phrase(line.text) for f, line in zip(features, lines)]
    at = iter(found)
    return [f.chars <= _CHROME_MAX_CHARS and next(at) == 1 for f in features]


def _chrome_phrase(text: str) -> bool:
    if text.isascii():
        return _CHROME_ASCII.search(text.lower()) is not None
    return _CHROME.search(text) is not None


def _title_line(lines: Sequence[Line], title_key: str | None) -> int:
    """Where the page's title is shown: the line equal to the meta title, else the first <h1> (else -1)."""
    if title_key:
        for i, line in enumerate(lines):
            if line.markup.heading and _key(line.text) == title_key:
                return i
    return next((i for i, line in enumerate(lines) if line.markup.heading == 1), -1)


def _coarse(value: float) -> float:
    """A page-level measure in tenths: the trees may tell kinds of pages apart, never pick out one page
    (each page has its own exact size and shares, and its lines are many)."""
    return round(value * 10) / 10


def _cumulative(values: Sequence[float]) -> array:
    """The running sums of ``values``, from 0 (one more than the values), as a typed array."""
    out = array("d", [0.0])
    total = 0.0
    for v in values:
        total += v
        out.append(total)
    return out


def _key(text: str) -> str:
    return " ".join(text.lower().split())
