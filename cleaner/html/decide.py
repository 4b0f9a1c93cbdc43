"""The markup stage's work: gather the evidence, score every line, label it with its reasons.

Order of authority: a line a profile rule already decided stays decided;
then the profile's ``[html]`` selectors (drop, then the article container),
run first so that a page they decide whole costs neither the model nor
trafilatura; then the model, for the lines left. Its first ensemble reads the
page (every line, as context) from the markup alone; only when that
leaves a good share of the page's words in doubt is trafilatura asked for
its main text (if the page is within its limits, :func:`evidence.over_limits`),
and the lines are scored again by the second ensemble, which reads that
evidence too; a page in doubt that trafilatura could not read keeps the
first ensemble's scores, with a warning and a note in each line's reason.
Every line the profile left is decided, at the ``MARKUP`` authority. The
page's title, byline and date are the metadata stage's
(:mod:`cleaner.html.metadata`); the title is read first here, as the model
reads it too.
"""

from __future__ import annotations

from array import array
from operator import itemgetter
from typing import Iterator, Sequence

from ..caching import BoundedCache
from ..document import BODY, BOILERPLATE, Authority, Document, Line, WordedReason
from ..lexicon import is_prose, is_prose_by_words
from . import evidence, is_page, model
from .features import MARKUP_NAMES, NAMES, PageRows
from .layout import PATH_LIMIT
from .metadata import page_metadata
from .selectors import profile_decisions

_AT = {name: i for i, name in enumerate(NAMES)}


def decide_lines(doc: Document) -> None:
    if not is_page(doc):
        return
    root = doc.root   # None when no step below reads it (cleaner.html.let_go_of_tree)
    profile_decisions(doc, root)
    if all(line.authority >= Authority.PROFILE for line in doc.lines):
        return  # the profile decided the whole page: neither the model nor trafilatura is needed
    stated = page_metadata(doc, root)
    rows = page_rows(doc, root)
    scorer = model.model_for(doc)
    ensemble = scorer.markup
    facts, probabilities = _scored(ensemble, rows)
    alone = None           # in doubt, but decided from the markup alone: (the warning, each line's note)
    covered = None         # trafilatura's coverage of each line, when it was asked
    if scorer.in_doubt(doc.lines, probabilities):
        covered, alone = _witness(doc, root, stated)
        if covered is not None:
            ensemble = scorer.consulted
            facts, probabilities = _scored(ensemble, rows, covered)
        else:
            doc.warnings.append(f"decided from the markup alone: {alone[0]}")
    del rows
    threshold = ensemble.threshold
    note = alone[1] if alone is not None else None
    markup = Authority.MARKUP
    reason = MarkupReasons(doc.lines, facts, probabilities, threshold, note)
    for line, p in zip(doc.lines, probabilities):
        if line.authority >= markup:
            continue
        line.score = p
        doc.decide(line, BODY if p >= threshold else BOILERPLATE, reason, markup)
    if not any(line.label == BODY and is_prose(line.features) for line in doc.lines) \
            and _keep_an_unread_thread(doc, probabilities):
        pass   # the model kept no prose, and the page is a thread: its posts are the text
    elif not any(line.label == BODY for line in doc.lines):
        if alone is None:
            _keep_the_witness_text(doc, root, stated, covered)
    elif alone is None and _near_empty(doc.lines):
        covered = _keep_the_witness_prose(doc, root, stated, covered)
    if _near_empty(doc.lines):
        _keep_the_headline_block(doc)
    _keep_the_thread(doc)


#: A thread's posts: at least this many siblings (the first post among them) of one shape, each dated, with prose.
THREAD_MIN_POSTS = 2
#: A post's header line (the member's name, the date; "Re: the thread's title by ann: 3:21pm On Mar 20") is short
#: and no sentence: at most this many words.
POST_HEADER_WORDS = 16


def _keep_the_thread(doc: Document) -> None:
    """A forum thread's replies, kept where the model kept its first post only (it learned from articles,
    whose comment threads are not theirs). Forum software prints each post in a container of the same
    shape, side by side under one parent, each with a header of its own (the member, the post's date):
    where the page's first kept prose lies in the first of :data:`THREAD_MIN_POSTS` or more such
    siblings, each holding a line that states a date and prose at the place the first post's kept prose
    holds (as many elements down, the same tag and region words), the later posts' lines at those places
    are kept too. An article's comments are not its siblings of one shape (the article's text is above the
    thread, not its first post), so they stay out."""
    lines = doc.lines
    if not lines or lines[0].markup.frames is None:
        return
    kept = [i for i, line in enumerate(lines)
            if line.label == BODY and line.authority == Authority.MARKUP and is_prose(line.features)]
    if not kept:
        return
    if any(line.markup.depth >= PATH_LIMIT - 1 for line in lines):
        return   # cut paths: the levels of two lines do not line up
    _thread_from(doc, _Paths(lines), kept[0], set(kept))


#: A thread the model read nothing of has at least this many posts.
UNREAD_THREAD_MIN_POSTS = 3
#: The containers whose lines are no post's text (a forum may wrap its whole thread in a ``<form>``).
_POST_CHROME = frozenset(("nav", "header", "footer", "aside", "dialog", "menu"))


def _keep_an_unread_thread(doc: Document, probabilities: Sequence[float]) -> bool:
    """A thread the model kept no prose of (forum software whose posts sit in a form, in elements named as
    comments): from the prose line the model scored highest (not hidden, not in the page's chrome
    containers), the thread around it (:func:`_thread_from`: :data:`UNREAD_THREAD_MIN_POSTS` or more
    dated posts of one shape, with prose at the places the line's post holds prose), its posts' text is
    kept, the first post's too. Says whether it kept a thread."""
    lines = doc.lines
    if not lines or lines[0].markup.frames is None:
        return False
    prose = [i for i, line in enumerate(lines)
             if is_prose(line.features) and not line.markup.hidden and not (line.markup.containers & _POST_CHROME)
             and line.authority <= Authority.MARKUP]
    if not prose:
        return False
    if any(line.markup.depth >= PATH_LIMIT - 1 for line in lines):
        return False
    seed = max(prose, key=lambda i: probabilities[i])
    return _thread_from(doc, _Paths(lines), seed, set(prose), anywhere=True)


class _Paths:
    """Each line's ``markup.path``, worked out when first asked for (from its block's parent's, kept by
    frame): the thread rules read the paths of a few lines on most pages, not of all of them."""

    __slots__ = ("lines", "parents", "known")

    def __init__(self, lines: Sequence[Line]) -> None:
        self.lines, self.parents, self.known = lines, lines[0].markup.frames.parents, {}

    def __getitem__(self, i: int) -> tuple[int, ...]:
        return self.frame(self.lines[i].markup.block)

    def frame(self, frame: int) -> tuple[int, ...]:
        known = self.known
        found = known.get(frame)
        if found is not None:
            return found
        chain = []
        while frame >= 0 and frame not in known:
            chain.append(frame)
            frame = self.parents[frame]
        found = known[frame] if frame >= 0 else ()
        for up in reversed(chain):
            found = known[up] = found + (up,)
        return found


def _thread_from(doc: Document, paths: _Paths, first: int, text: "set[int]",
                 anywhere: bool = False) -> bool:
    """Keep the thread whose first post holds line ``first`` and, as its text, the lines ``text`` (see
    :func:`_keep_the_thread`); says whether it found one and kept anything. ``anywhere``: line ``first``
    may be in any of the posts (a thread the model read nothing of), and the thread has
    :data:`UNREAD_THREAD_MIN_POSTS` posts or more.

    A line's place in its post: how deep it is, its tag, its region words but those naming comments (forum
    software marks a reply as a comment, ``itemprop="comment"``, the first post not); read at the page's
    depth, as within one parent's children the same depth below each child is the same depth on the page.
    Only the levels where a line not kept, at a text line's place, meets the first line's ancestors can add
    anything: the others are not walked."""
    least = UNREAD_THREAD_MIN_POSTS if anywhere else THREAD_MIN_POSTS
    lines = doc.lines
    places: dict[int, tuple] = {}

    def place(i: int) -> tuple:
        found = places.get(i)
        if found is None:
            line = lines[i]
            found = places[i] = (line.markup.depth, line.markup.tag, _not_comment_words(line.markup.near))
        return found

    text_places = {place(i) for i in text}
    depths = {depth for depth, _, _ in text_places}
    tags = {tag for _, tag, _ in text_places}
    wanted = [i for i, line in enumerate(lines)
              if line.label != BODY and line.markup.tag in tags and line.markup.depth in depths
              and line.authority <= Authority.MARKUP and not line.markup.hidden
              and isinstance(line.reason, MarkupReasons) and place(i) in text_places]
    spine = paths[first]
    by_level: dict[int, dict[int, int]] = {}   # level → the posts (under spine[level]) holding a wanted line
    for i in wanted:   # the level of the parent whose children hold the first line and line i apart
        path = paths[i]
        level = 0
        while level < len(path) and level < len(spine) and path[level] == spine[level]:
            level += 1
        if 0 < level < len(spine) and level < len(path):   # not a line of spine[level - 1]'s own text
            by_level.setdefault(level - 1, {}).setdefault(path[level], i)

    def post_lines(i: int, level: int) -> list[int]:
        """The lines of the post (the child of ``spine[level]``) line ``i`` is in: one stretch of lines."""
        post = paths[i][level + 1]
        lo = i
        while lo > 0 and len(paths[lo - 1]) > level + 1 and paths[lo - 1][level + 1] == post:
            lo -= 1
        hi = i + 1
        while hi < len(lines) and len(paths[hi]) > level + 1 and paths[hi][level + 1] == post:
            hi += 1
        return list(range(lo, hi))

    def sibling_above(held: list[int], level: int) -> "list[int] | None":
        """The lines of the post's sibling right above it (under the same parent), if any."""
        j = held[0] - 1
        if j < 0 or len(paths[j]) <= level + 1 or paths[j][level] != spine[level]:
            return None
        return post_lines(j, level)

    for level in sorted(by_level, reverse=True):   # the parent of the posts, lowest first
        own = post_lines(first, level)
        # the places of the first post's text (not of its kept counters: "79 Likes")
        shape = {place(i) for i in own if i in text}
        posts = [own] + [post_lines(i, level) for i in by_level[level].values()]
        posts = [held for held in posts if any(place(i) in shape for i in held)]
        if len(posts) < least or posts[0] is not own:
            continue
        posts.sort(key=lambda held: held[0])
        if not anywhere:
            # the first kept prose is in the first post: no sibling above it holds text at its places
            # (an article's comments, a list's later item)
            up = sibling_above(own, level)
            while up is not None and not any(place(i) in shape for i in up):
                up = sibling_above(up, level)
            if up is not None:
                continue

        def dated_post(held: list[int]) -> bool:
            # a post's header may be its own sibling right above it (a table's row over the post's row)
            if _dated(lines, held, shape, place):
                return True
            up = sibling_above(held, level)
            return up is not None and not any(place(i) in shape for i in up) and _dated(lines, up, shape, place)

        dated = [held for held in posts if dated_post(held)]
        if not any(held is own for held in dated) or sum(
                any(is_prose(lines[i].features) and place(i) in shape for i in held) for held in dated) < least:
            continue   # too few dated posts with prose in their text's place: no thread
        reason = (f"kept: a post of the thread ({len(dated)} posts of one shape, each dated), at the place the "
                  "first post's kept text holds in its post")
        added = [i for held in dated for i in held
                 if lines[i].label != BODY and lines[i].authority <= Authority.MARKUP and not lines[i].markup.hidden
                 and place(i) in shape and isinstance(lines[i].reason, MarkupReasons)]
        if not added:
            continue   # the posts' text is kept already (or this is a quote's level inside the first post): further up
        for i in added:
            doc.decide(lines[i], BODY, reason, Authority.MARKUP)
        if anywhere:
            return True
        # the first post's header above its text (the member's name, rank, counters), which the model kept
        # without prose where the other posts' same places are not text: chrome of every post alike
        header = {place(i) for held in dated if held is not own for i in held if lines[i].label != BODY}
        dropped = "not body: a post's header (its place in the thread's other posts is not text)"
        for i in own:
            if i >= first:
                break
            line = lines[i]
            if line.label == BODY and isinstance(line.reason, MarkupReasons) and not is_prose(line.features) \
                    and place(i) in header:
                doc.decide(line, BOILERPLATE, dropped, Authority.MARKUP)
        return True
    return False


_not_comment_cache = BoundedCache(4096)


def _not_comment_words(words: frozenset[str]) -> frozenset[str]:
    if words not in _not_comment_cache:
        from .words import category

        _not_comment_cache[words] = frozenset(w for w in words if category(w) != "comment")
    return _not_comment_cache[words]


def _dated(lines: Sequence[Line], held: list[int], shape: set, place) -> bool:
    """Does a post hold a short line that is no sentence, outside its text's places, that states a date, or a
    day without its year ("Posted August 26": this year's)? A post's header dates it."""
    from ..dates import names_yearless_day, parse_date

    for i in held:
        line = lines[i]
        if line.features.words <= POST_HEADER_WORDS and not is_prose(line.features) and place(i) not in shape \
                and (parse_date(line.text) or names_yearless_day(line.text)):
            return True
    return False


#: When the model keeps no line of a page, the lines trafilatura's main text holds this much of are kept…
RESCUE_COVERAGE = 0.5
#: …on a page of this many words at least (fewer: a bare menu or an error page, not worth asking about).
RESCUE_MIN_WORDS = 50


def _keep_the_witness_text(doc: Document, root, stated: evidence.PageMetadata,
                           covered: "list[float] | None") -> None:
    """A page the model keeps nothing of (a forum thread or a listing, unlike the articles it learned
    from) is rarely empty: keep what trafilatura reads as its main text, the lines it holds at least
    :data:`RESCUE_COVERAGE` of. The text stages after still drop chrome among them (a detector's
    evidence overrules the markup's body)."""
    if covered is None:
        if sum(line.features.words for line in doc.lines) < RESCUE_MIN_WORDS:
            return
        covered, _ = _witness(doc, root, stated)
    if not covered:
        return
    reason = f"kept: the markup model kept no line, trafilatura's main text holds {RESCUE_COVERAGE:.0%} of it or more"
    for line, share in zip(doc.lines, covered):
        if share >= RESCUE_COVERAGE and isinstance(line.reason, MarkupReasons):   # the model's, not metadata's
            doc.decide(line, BODY, reason, Authority.MARKUP)


#: A page whose kept lines hold fewer words than this, none of them prose, is near empty (a member's counters,
#: a site's name); a product's specifications or a listing's items, kept without a sentence, hold more.
NEAR_EMPTY_WORDS = 50


def _near_empty(lines: Sequence[Line]) -> bool:
    """Does the page keep no line of prose (:func:`is_prose`: a sentence's end and some length) and fewer than
    :data:`NEAR_EMPTY_WORDS` words?"""
    kept = [line for line in lines if line.label == BODY]
    return not any(is_prose(line.features) for line in kept) and \
        sum(line.features.words for line in kept) < NEAR_EMPTY_WORDS


def _keep_the_witness_prose(doc: Document, root, stated: evidence.PageMetadata,
                            covered: "list[float] | None") -> "list[float] | None":
    """A page whose kept lines hold no prose and few words (:func:`_near_empty`: a member's counters, a site's
    name: the model's reading of a forum thread or an unusual template failed) is near empty: where
    trafilatura's main text holds prose, the lines it holds :data:`RESCUE_COVERAGE` of are kept, and the
    model's kept lines it does not hold are dropped (the model found no text, they are not the text's).
    Where its main text holds no prose, nothing changes here: chrome is not kept to make a page look less
    empty. Returns trafilatura's coverage of the lines, when it was asked."""
    if covered is None:
        if sum(line.features.words for line in doc.lines) < RESCUE_MIN_WORDS:
            return covered
        covered, _ = _witness(doc, root, stated)
    if not covered:
        return covered
    held = [share >= RESCUE_COVERAGE and isinstance(line.reason, MarkupReasons)
            for line, share in zip(doc.lines, covered)]
    if not any(h and is_prose(line.features) for line, h in zip(doc.lines, held)):
        return covered
    kept = (f"kept: the markup model kept no prose, trafilatura's main text holds {RESCUE_COVERAGE:.0%} "
            "of it or more")
    dropped = "not body: the markup model kept no prose, and trafilatura's main text does not hold it"
    for line, h in zip(doc.lines, held):
        if h:
            doc.decide(line, BODY, kept, Authority.MARKUP)
        elif line.label == BODY and isinstance(line.reason, MarkupReasons):
            doc.decide(line, BOILERPLATE, dropped, Authority.MARKUP)
    return covered


#: The first paragraph under the headline is looked for among this many lines after it (a dateline, a
#: byline, a share row, a lead image's caption may come first).
HEADLINE_BLOCK_REACH = 8
#: The containers whose lines are never the fallback's (the page's chrome by its markup).
_CHROME_CONTAINERS = frozenset(("nav", "header", "footer", "aside", "form", "dialog", "menu"))


def _keep_the_headline_block(doc: Document) -> None:
    """A page that keeps no prose at all but shows a headline with a paragraph under it (a short article
    beside a long comment thread or sidebar, in a container the model did not read as an article's) keeps
    that paragraph's block: the lines from it on inside the element that holds it, until a line outside that
    element or in a region the paragraph is not in (another class/id category: comments, related…). Only
    lines of text, not chrome by their markup (in a nav, header, footer, aside or form, hidden, mostly
    link text), and never a line a profile decided; a paragraph in a region the headline is not in (a comment
    under a post that has no text of its own) is not taken. No headline, or no paragraph near it: nothing is
    kept. Where the block is kept, the lines above the headline that a rescue or the model kept without
    prose (a site's name) are dropped."""
    lines = doc.lines
    at = _headline_at(lines, doc.meta.get("title"))
    if at is None:
        return
    first = next((i for i in range(at + 1, min(len(lines), at + 1 + HEADLINE_BLOCK_REACH))
                  if is_prose(lines[i].features) and _text_by_markup(lines[i])), None)
    if first is None:
        return
    path = lines[first].markup.path
    holder = path[:-1]
    if not holder:
        return
    regions = _regions(lines[first])
    if not regions <= _regions(lines[at]):
        return   # the first paragraph is in comments, related stories…, and the headline is not: not its text
    reason = "kept: the page kept no prose; the block of paragraphs under its headline"
    for line in lines[first:]:
        if line.markup.path[:len(holder)] != holder or not _regions(line) <= regions:
            break
        if _text_by_markup(line) and line.authority < Authority.PROFILE:
            doc.decide(line, BODY, reason, Authority.MARKUP)
    above = "not body: above the headline of a page whose text is the block of paragraphs under it"
    for line in lines[:at]:
        if line.label == BODY and line.authority <= Authority.MARKUP and not is_prose(line.features):
            doc.decide(line, BOILERPLATE, above, Authority.MARKUP)


def _headline_at(lines: Sequence[Line], title: str | None) -> int | None:
    """The index of the line showing the page's headline: the title's line (an ``<h1>`` or a heading equal to
    it), else the page's first ``<h1>`` of two words or more."""
    wanted = " ".join(title.split()).lower() if title else None
    first_h1 = None
    for i, line in enumerate(lines):
        heading = line.markup.heading
        if not heading:
            continue
        text = " ".join(line.text.split()).lower()
        if wanted and (text == wanted or heading == 1 and len(text.split()) >= 2 and wanted.startswith(text)):
            return i
        if first_h1 is None and heading == 1 and len(text.split()) >= 2:
            first_h1 = i
    return first_h1


def _text_by_markup(line: Line) -> bool:
    """Is the line text by its markup: not in the page's chrome containers, not hidden, not mostly links?"""
    m = line.markup
    return (not m.hidden and not (m.containers & _CHROME_CONTAINERS) and not m.heading == 1
            and m.link_chars * 2 < len(line.text))


def _regions(line: Line) -> frozenset[str]:
    """The region categories (comments, related, share…) of the class/id words nearest the line."""
    from .words import category

    return frozenset(c for c in map(category, line.markup.near) if c not in (None, "content", "lede", "headline"))


def _witness(doc: Document, root, stated: evidence.PageMetadata) -> "tuple[list[float] | None, tuple[str, str] | None]":
    """trafilatura's coverage of the page's lines, or ``None`` and why it was not had: the warning, and
    the note each line's reason gets (the page is over its limits, or it failed). A big page over the limits
    knows it from before it had lines (:func:`cleaner.html.html_to_document`)."""
    witness = doc.witness if doc.witness is not None else evidence.read_witness(root, doc.url, stated)
    if witness.refusal is not None:
        return None, (witness.refusal, "trafilatura not asked: page over its limits")
    if witness.failure is not None:
        return None, (witness.failure, "trafilatura failed")
    return witness.coverage_of(doc.lines), None


#: The columns of a row that a reason quotes (:func:`_evidence_for`); with trafilatura's, its coverage too.
_QUOTED = ("in_top_candidate", "repeated_before", "coverage")
_QUOTE_MARKUP = itemgetter(*(_AT[name] for name in _QUOTED[:2]))
_QUOTE_CONSULTED = itemgetter(*(_AT[name] for name in _QUOTED))


def _scored(ensemble: model.Ensemble, rows: PageRows,
            covered: "list[float] | None" = None) -> tuple[list[tuple[float, ...]], list[float]]:
    """Each line's columns its reason quotes, and its probability by ``ensemble`` (reading trafilatura's
    ``covered`` too, when given): the rows assembled by the native core when its trees score, else each
    row built in Python (the reference; the same rows, the same probabilities): on a page too big for the
    core's columns (:attr:`PageRows.native_fits`), each row is made as it is scored and not kept."""
    if ensemble.native is not None and rows.native_fits:
        shared = _shared_facts.shared
        return list(map(shared, rows.quoted(covered))), ensemble.page_probabilities(rows, covered)
    facts: list[tuple[float, ...]] = []
    read = rows.markup() if covered is None else rows.consulted(covered)
    return facts, ensemble.probabilities(_quoting(read, facts))


def _quoting(rows: Iterator[list[float]], facts: list[tuple[float, ...]]) -> Iterator[list[float]]:
    """The rows, as they are scored, keeping of each only the columns its reason quotes: the rows
    themselves are not kept (on a big page they would be most of the cleaner's memory)."""
    width = len(MARKUP_NAMES)
    shared = _shared_facts.shared
    for row in rows:
        facts.append(shared(_QUOTE_MARKUP(row) if len(row) == width else _QUOTE_CONSULTED(row)))
        yield row


#: Each distinct tuple of quoted columns once: most lines quote the same few ((0.0, 0.0): not in the
#: densest block, not repeated), and a tuple of floats kept by each line's reason was 100 bytes a line.
_shared_facts = BoundedCache(4096)


class MarkupReasons(WordedReason):
    """The markup model's reasons for a page's lines, one object the page's lines share:
    ``body 0.97 — <p>, in class/id 'content'``, worded from the line when read (its markup and features)
    and from its row's probability and columns in :data:`_QUOTED`, kept here by row (the line's number:
    a page's lines are numbered in order from 1). An object per line was some 100 bytes a line of a menu
    page. ``note`` says why a page in doubt was decided without trafilatura."""

    __slots__ = ("facts", "p", "threshold", "note")

    def __init__(self, lines: list[Line], facts: list[tuple[float, ...]], probabilities: Sequence[float],
                 threshold: float, note: str | None = None) -> None:
        if any(line.number != row for row, line in enumerate(lines, 1)):
            raise ValueError("a page's lines are numbered in order from 1")
        self.facts, self.p, self.threshold, self.note = facts, array("d", probabilities), threshold, note

    def word(self, line: Line) -> str:
        row = line.number - 1
        p = self.p[row]
        body = p >= self.threshold
        worded = f"{'body' if body else 'not body'} {p:.2f} — {_evidence_for(line, self.facts[row], body=body)}"
        return f"{worded} (markup alone: {self.note})" if self.note else worded

    def __str__(self) -> str:
        raise TypeError("the markup model's reasons are worded per line: reason_text(line)")


def page_rows(doc: Document, root) -> PageRows:
    """The page's feature rows, made as they are read (the page's title is one of their features: it is
    read first, :func:`cleaner.html.metadata.page_metadata`)."""
    page_metadata(doc, root)
    return PageRows(doc.lines, doc.meta.get("title"), doc.line_search)


def page_evidence(doc: Document, root) -> list[list[float]]:
    """:func:`page_rows`, each line's markup row in a list.

    The training script calls this and :func:`trafilatura_coverage` too, so the
    model learns from exactly what it will see.
    """
    return list(page_rows(doc, root).markup())


def trafilatura_coverage(doc: Document, root) -> list[float]:
    """How much of each line trafilatura's main text keeps (:class:`evidence.WitnessFailed` if it fails)."""
    return evidence.coverage(doc.lines, evidence.main_text(root, doc.url))


def _evidence_for(line: Line, quoted: Sequence[float], body: bool) -> str:
    """The facts behind a decision that point its way, strongest kinds first (at most three).

    ``quoted``: the row's columns named in :data:`_QUOTED` (trafilatura's coverage only if it was asked).
    """
    m = line.markup
    facts: list[str] = []
    in_top, repeated_before = quoted[0], quoted[1]
    consulted = len(quoted) > 2
    covered = consulted and quoted[2] >= 0.5
    if body:
        if covered:
            facts.append("in trafilatura's main text")
        if m.heading:
            facts.append(f"<h{m.heading}>")
        elif m.tag in ("p", "li", "blockquote", "pre", "td", "dd"):
            facts.append(f"<{m.tag}>")
        content = _first_word(m.near | m.far, positive=True)
        if content:
            facts.append(f"in class/id '{content}'")
        if in_top:
            facts.append("in the densest prose block")
        if is_prose_by_words(line.features):
            facts.append("sentence prose")
    else:
        containers = [c for c in ("nav", "header", "footer", "aside", "form", "figure", "dialog", "menu")
                      if c in m.containers]
        if containers:
            facts.append(f"inside <{containers[0]}>")
        negative = _first_word(m.near, positive=False)
        if negative:
            facts.append(f"class/id '{negative}'")
        if m.hidden:
            facts.append("hidden")
        if repeated_before >= 0.8:
            facts.append("repeats text above")
        density = m.link_chars / max(1, len(line.text))
        if density >= 0.5:
            facts.append(f"link text {density:.0%}")
        if consulted and not covered:
            facts.append("not in trafilatura's main text")
    return ", ".join(facts[:3]) or ("the model's reading of its context" if body else "no evidence of article text")


_word_cache = BoundedCache(20_000)


def _first_word(words: frozenset[str], positive: bool) -> str | None:
    """The first (alphabetically) region word naming content (``positive``) or chrome, for a reason."""
    key = (words, positive)
    if key not in _word_cache:
        from .words import category

        wanted = [w for w in words if category(w) == "content"] if positive else \
            [w for w in words if category(w) not in (None, "content", "lede", "headline")]
        _word_cache[key] = min(wanted) if wanted else None
    return _word_cache[key]

