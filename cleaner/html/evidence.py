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

trafilatura is asked only about pages within :data:`MAX_ELEMENTS` and
:data:`MAX_DEPTH` (:func:`over_limits`): its cost is not linear beyond
(consecutive siblings it deletes pass their tails on, one concatenation each;
jusText, in its full cascade, writes out each paragraph's whole ancestry). A
page over them, or one trafilatura fails on, is decided from its markup
alone, and says so. Running out of memory is never taken for "trafilatura
found nothing": :data:`RESOURCE_ERRORS` pass through, and the page fails.
"""

from __future__ import annotations

import logging
import re
from array import array
from bisect import bisect_left, bisect_right
from functools import lru_cache
from typing import Iterable, Iterator, NamedTuple, Sequence

from ..document import Line
from .words import shown

_TOKEN = re.compile(r"\w+")
_N = 3
#: trafilatura logs every page it finds no text in; our own warning says that once.
logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
logging.getLogger("htmldate").setLevel(logging.CRITICAL)


#: Elements without readable text. trafilatura drops them too; removing them first spares it copying them.
NON_TEXT = ("script", "style", "noscript", "template", "svg", "math", "iframe", "object", "embed", "canvas",
            "video", "audio", "source", "track", "link", "meta")


#: trafilatura is asked about pages of at most this many elements. Its work on a page is not linear in
#: the page's size: each element it deletes passes its tail text on to the element before it, one string
#: concatenation each, so a run of k deleted siblings costs k² (16× the time at 4× the elements of a page of
#: linked ``<div>``s), and its copy of the tree and its text come on top of ours (40 bytes a byte of
#: HTML on menu-like pages). The benchmark pages have at most 15,793 elements (median 957).
MAX_ELEMENTS = 30_000
#: A page of at least ``cleaner.html.EARLY_STATED_CHARS`` characters is asked only while trafilatura's
#: working memory stays within this many bytes a character of the page, beside the cleaner's own (some 20 a
#: character on a page of menus), so that a big page stays within 40: (elements + lines) ×
#: :data:`WITNESS_NODE_BYTES` at most. trafilatura copies the tree it is given, cleans a second copy and
#: keeps a backup of that (three copies beside ours), and the cleaner's lines and their rows come with the
#: lines: together some 1.3 KB an element and a line, as bench/limits.py's generated pages measure. A page
#: of a megabyte of one-line menus (18 characters an element and a line) took 103 bytes a byte asked, 31
#: not; the benchmark's big pages have 74 characters an element and a line or more.
WITNESS_BYTES_PER_CHAR = 20
WITNESS_NODE_BYTES = 1_300
#: ... nested at most this deep (libxml2's default limit: deeper pages were not read at all before
#: ``huge_tree``): jusText, in trafilatura's full cascade, spells out every paragraph's whole ancestry.
MAX_DEPTH = 256

#: Errors that say the machine ran out, not that a witness cannot read the page: they pass through, so
#: the run fails (the CLI's one-line error and exit 1, an error record in a batch) instead of the page
#: being cleaned as if trafilatura had found nothing, which depends on the machine's state, not the page.
#: ``RecursionError`` is not one: it comes from the page's shape (the same page always raises it), like
#: any other error a witness raises on a page it cannot read.
RESOURCE_ERRORS = (MemoryError,)


class WitnessFailed(Exception):
    """trafilatura raised an error (not a resource error) on the page: it says nothing about it."""


def over_limits(root, chars: int | None = None, lines: int | None = None) -> str | None:
    """Why trafilatura is not asked about this page (it is over :data:`MAX_ELEMENTS` or
    :data:`MAX_DEPTH`, or, given the page's size in characters and its lines, over the memory
    :data:`WITNESS_BYTES_PER_CHAR` allows), or ``None``. Counted in libxml2, without touching the elements
    from Python."""
    elements = int(root.xpath("count(//*)"))
    if elements > MAX_ELEMENTS:
        return f"the page has {elements:,} elements, over the {MAX_ELEMENTS:,} trafilatura is asked about"
    if chars is not None and lines is not None and \
            (elements + lines) * WITNESS_NODE_BYTES > WITNESS_BYTES_PER_CHAR * chars:
        return (f"the page has {elements:,} elements and {lines:,} lines in {chars:,} characters: trafilatura "
                f"would take over {WITNESS_BYTES_PER_CHAR} bytes of memory a character of it")
    if _deeper_than_max_depth()(root):
        return f"the page nests elements more than {MAX_DEPTH} levels deep, deeper than trafilatura is asked about"
    return None


@lru_cache(maxsize=1)
def _deeper_than_max_depth():
    """An XPath test: is any element more than :data:`MAX_DEPTH` levels under the root? One step a level, so each
    element is visited once, at its own depth (``ancestor::`` would walk every element's ancestry)."""
    from lxml import etree

    return etree.XPath("boolean(" + "*/" * MAX_DEPTH + "*)")


class Witness(NamedTuple):
    """trafilatura's reading of a page: its main text, or why there is none, in one line (the page is over
    its limits: ``refusal``; trafilatura failed: ``failure``)."""

    text: str | None = None
    refusal: str | None = None
    failure: str | None = None

    def coverage_of(self, lines: Sequence[Line]) -> Sequence[float]:
        return coverage(lines, self.text)


def read_witness(root, url: str | None, stated: "PageMetadata") -> Witness:
    """trafilatura's reading of the page (:func:`main_text`, which strips ``root``), unless it is over the
    limits (:func:`over_limits`). The page's date is read first (``stated``): htmldate reads the meta tags
    and scripts that :func:`main_text` strips."""
    over = over_limits(root)
    if over is not None:
        return Witness(refusal=over)
    stated.read_date_now()
    try:
        return Witness(text=main_text(root, url))
    except WitnessFailed as failure:
        return Witness(failure=str(failure))


def main_text(root, url: str | None = None) -> str:
    """trafilatura's main text of the page ('' when it finds none); :class:`WitnessFailed` if it raised.

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
    except RESOURCE_ERRORS:
        raise
    except Exception as exc:  # noqa: BLE001 - a witness that fails says nothing; the page is still ours to read
        raise WitnessFailed(f"trafilatura failed on the page ({type(exc).__name__})") from exc
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
    if not stream.length:
        return [0.0] * len(lines)
    candidates: list[tuple[int, int, int, int]] = []   # (line index, start, end, matched trigrams)
    sizes = []
    findall, places, add = _TOKEN.findall, stream.places, candidates.append
    for index, line in enumerate(lines):
        words = findall(line.text.lower())
        sizes.append(max(1, len(words) - _N + 1))
        for start, end, votes in places(words):
            add((index, start, end, votes))
    chosen = _best_chain(candidates, stream.length)
    return [min(1.0, chosen.get(i, 0) / sizes[i]) for i in range(len(lines))]


class _Stream:
    """The extracted text as one token stream, indexed by trigram.

    Lean, as the text may be megabytes: a trigram's places are one position, a list of them, or
    :data:`_MANY`. Below :data:`SORTED_INDEX_WORDS` words they are looked up in a dict keyed by the
    trigram's three words (a line's trigrams are then looked up as they are, without numbering its words
    or one Python call per trigram to make a key); from there, in sorted arrays (:class:`_SortedIndex`),
    where a word is a number (its rank in the text's vocabulary) and a trigram one integer made of its
    three numbers (exact: the vocabulary's size is the base).
    """

    #: A trigram found more often than this says nothing about where a line is.
    max_repeats = 8

    def __init__(self, text: str, sorted_from: int | None = None) -> None:
        self.short: dict[tuple[str, ...], list[int]] = {}   # paragraphs of one or two words → their starts
        stream: list[str] = []
        findall = _TOKEN.findall
        for paragraph in text.lower().split("\n"):
            words = findall(paragraph)
            if 0 < len(words) < _N:
                self.short.setdefault(tuple(words), []).append(len(stream))
            stream += words
        self.length = len(stream)
        self.vocabulary: dict[str, int] | None = None
        if self.length < (SORTED_INDEX_WORDS if sorted_from is None else sorted_from):
            self.at = _dict_index(zip(stream, stream[1:], stream[2:]), self.max_repeats).get
        else:
            self.vocabulary = vocabulary = {}
            number = vocabulary.setdefault
            ids = [number(word, len(vocabulary)) for word in stream]
            del stream
            self.base = base = max(1, len(vocabulary))
            self.at = _SortedIndex(_trigram_keys(ids, base), self.length, base, self.max_repeats).get

    def trigrams(self, words: list[str]) -> "Iterable":
        """The keys of a line's trigrams, in order, as :attr:`at` looks them up."""
        if self.vocabulary is None:
            return zip(words, words[1:], words[2:])
        number = self.vocabulary.get
        return _trigram_keys([number(word, -1) for word in words], self.base)

    def places(self, words: list[str]) -> list[tuple[int, int, int]]:
        """Where the line could sit in the stream: (start, end, matched trigrams)."""
        if not words:
            return []
        if len(words) < _N:
            starts = self.short.get(tuple(words), ())
            return [(q, q + len(words), 1) for q in starts[:self.max_repeats]]
        votes: dict[int, int] = {}
        get = votes.get
        for j, found in enumerate(map(self.at, self.trigrams(words))):
            if found is None or found is _MANY:
                continue
            if found.__class__ is int:
                votes[found - j] = get(found - j, 0) + 1
            else:
                for q in found:
                    votes[q - j] = get(q - j, 0) + 1
        if not votes:
            return []
        best = max(votes.values())
        floor = max(1, best // 3)
        return [(max(0, start), start + len(words), count) for start, count in votes.items() if count >= floor]


#: A trigram found more than :attr:`_Stream.max_repeats` times.
_MANY = object()

#: A stream of this many words or more is indexed in sorted arrays, not a dict: some 12 bytes a trigram
#: instead of about 190 (a dict entry, a tuple of its three words for its key and an int for its place), which
#: was the consulted path's peak of memory on a page of a megabyte of prose (16 bytes a byte of its text).
#: Below it the dict's memory is small and bounded (9 MB at most, as the dict keyed by numbered trigrams took
#: below 65,536 words), and its lookups are 7× faster than a binary search.
SORTED_INDEX_WORDS = 48_000


def _dict_index(keys: "Iterable", most: int) -> "dict[object, int | list[int] | object]":
    """Each trigram's places, in order: one int, a list of up to ``most``, or :data:`_MANY` beyond."""
    at: dict[object, "int | list[int] | object"] = {}
    first = at.setdefault
    for i, key in enumerate(keys):
        found = first(key, i)
        if found is i:
            continue
        if found.__class__ is int:
            at[key] = [found, i]
        elif found is not _MANY:
            if len(found) == most:
                at[key] = _MANY
            else:
                found.append(i)
    return at


class _SortedIndex:
    """:func:`_dict_index` as two arrays: the trigrams sorted (each with its places, in order) and the
    places in that order; a trigram is found by binary search. Same answers, an eighth of the memory."""

    __slots__ = ("keys", "places", "most")

    def __init__(self, keys: "Iterable[int]", length: int, base: int, most: int) -> None:
        packed = sorted(key * length + place for place, key in enumerate(keys))   # by trigram, then place
        fits = base ** _N < 1 << 63   # a trigram's number fits in 64 bits (any vocabulary under two million)
        self.keys = array("q", [p // length for p in packed]) if fits else [p // length for p in packed]
        self.places = array("q", [p % length for p in packed])
        self.most = most

    def get(self, key: int) -> "int | list[int] | object | None":
        keys = self.keys
        lo = bisect_left(keys, key)
        if lo == len(keys) or keys[lo] != key:
            return None
        hi = bisect_right(keys, key, lo, min(len(keys), lo + self.most + 1))
        if hi - lo > self.most:
            return _MANY
        return self.places[lo] if hi - lo == 1 else list(self.places[lo:hi])


def _trigram_keys(ids: list[int], base: int) -> "map[int]":
    """One integer per trigram of word numbers (each below ``base``); negative where a word is unknown (-1)."""
    return map(lambda a, b, c: (a * base + b) * base + c if a >= 0 and b >= 0 and c >= 0 else -1,
               ids, ids[1:], ids[2:])


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
    # The tree's query and update are written out in the loop: two Python calls a candidate were a third of
    # this function's time.
    k, count = 0, len(candidates)
    while k < count:
        line = candidates[k][0]
        group_end = k
        while group_end < count and candidates[group_end][0] == line:
            group_end += 1
        for index in range(k, group_end):    # each candidate's best chain before it, of earlier lines only
            start, votes = candidates[index][1], candidates[index][3]
            best, at = 0, -1
            i = (start if start < length else length) + 1
            while i > 0:
                if tree_best[i] > best:
                    best, at = tree_best[i], tree_at[i]
                i -= i & -i
            scores.append(best + votes)
            previous.append(at)
        for index in range(k, group_end):    # then the line's candidates become chains' ends
            end, score = candidates[index][2], scores[index]
            i = (end if end < length else length) + 1
            while i <= size:
                if score > tree_best[i]:
                    tree_best[i], tree_at[i] = score, index
                i += i & -i
        k = group_end
    if not scores:
        return {}
    chosen: dict[int, int] = {}
    index = scores.index(max(scores))
    while index != -1:
        chosen[candidates[index][0]] = candidates[index][3]
        index = previous[index]
    return chosen


class PageMetadata:
    """Title, author and site name as the page states them (meta tags, JSON-LD, markup), and its date
    from htmldate, read only when asked (:meth:`date`): a dateline in the page's header says it more
    cheaply, and more often rightly, than htmldate's search of the whole page."""

    def __init__(self, root, url: str | None, title: str | None, byline: str | None, site: str | None,
                 dates: dict[str, str] | None = None, byline_from: str = "meta tags") -> None:
        self.root, self.url = root, url
        self.title, self.byline, self.site = title, byline, site
        #: The ISO days the structured data says the page was published and modified (``datePublished``,
        #: ``dateModified``; :func:`stated.structured_dates`).
        self.dates = dates or {}
        #: Where the byline was found: the meta tags and JSON-LD, or an author element of the markup.
        self.byline_from = byline_from
        self._date: str | None = None
        self._dated = False
        #: Whether the document's metadata was filled from this (:func:`cleaner.html.metadata.page_metadata`).
        self.applied = False

    def may_ask_date(self) -> bool:
        """Whether htmldate's date may be asked for: not where the structured data states the publication date,
        which the metadata stage takes before it (:func:`cleaner.html.metadata._published`)."""
        return not self.dates.get("datePublished")

    def read_date_now(self) -> None:
        """Work out htmldate's date now if it may be asked for (:meth:`may_ask_date`), while the tree still
        holds what it reads: before :func:`main_text` strips the page, or a big page's tree is let go of. The
        tree is not held from here on either way.

        Why: htmldate copies and searches the whole page (a big page's copy is its costliest step); run here
        on every page in doubt and every big page, its answer went unused wherever the structured data
        states the publication date."""
        if self.may_ask_date():
            self.date()
        self.root = None

    def date(self) -> str | None:
        """htmldate's publication date (ISO), worked out once. Read it before :func:`main_text` strips
        the page's meta tags and scripts."""
        if not self._dated:
            from htmldate import find_date

            self._dated = True
            try:
                self._date = find_date(self.root, url=self.url, original_date=True, extensive_search=False) or None
            except RESOURCE_ERRORS:
                raise
            except Exception:  # noqa: BLE001 - metadata is optional; a page that breaks it still has a body
                self._date = None
            self.root = None
        return self._date


def metadata(root, url: str | None = None) -> PageMetadata:
    """What the page states about itself (meta tags, JSON-LD, markup); its date on demand."""
    from trafilatura.metadata import examine_meta, extract_sitename, extract_title

    from .stated import head_tags, structured_dates

    try:
        found = examine_meta(root)
        tags = head_tags(root)
        try:
            found = _meta_json(tags, found)
        except RESOURCE_ERRORS:
            raise
        except Exception:  # noqa: BLE001 - JSON-LD in the wild is often broken; the meta tags still count
            pass
        title = found.title or extract_title(root)
        site = found.sitename or extract_sitename(root)
    except RESOURCE_ERRORS:
        raise
    except Exception:  # noqa: BLE001 - metadata is optional; a page that breaks it still has a body
        return PageMetadata(root, url, None, None, None)
    site = _clean(site.lstrip("@") if site else None)
    url = url or found.url
    byline, byline_from = _author(_as_page_spells(found.author, root, tags), root, site, url)
    return PageMetadata(root, url, _clean(title), byline, site, structured_dates(root, tags), byline_from)


def _meta_json(tags: list, found):
    """trafilatura's ``extract_meta_json``: the page's JSON-LD read into ``found`` (its ``Document``), each script
    made compact first as trafilatura makes it (:func:`json_minified`: its ``re.sub`` was ~4% of an HTML page's
    instructions), then read by trafilatura's own functions. The scripts are those its XPath finds
    (:data:`_JSON_TYPES`), taken from the page's ``<script>`` elements already found (:func:`stated.head_tags`,
    ``tags``): the XPath was one more walk of the whole page."""
    import json

    from trafilatura.json_metadata import extract_json, extract_json_parse_error

    for element in tags:
        if element.tag != "script" or element.get("type") not in _JSON_TYPES or not element.text:
            continue
        text = json_normalized(json_minified(element.text))
        try:
            found = extract_json(json.loads(text, strict=False), found)
        except json.JSONDecodeError:
            found = extract_json_parse_error(text, found)
    return found


#: The scripts ``extract_meta_json`` reads: its XPath ``.//script[@type="application/ld+json" or
#: @type="application/settings+json"]``.
_JSON_TYPES = ("application/ld+json", "application/settings+json")
#: What trafilatura's ``JSON_MINIFY.sub(r"\1", text)`` keeps, piece by piece: a string literal whole, a ``"``
#: that opens none, a run of other characters but whitespace; whitespace outside a string is left out.
_JSON_KEPT = re.compile(r'"(?:\\.|[^"\\])*"|"|[^\s"]+')


def json_minified(text: str) -> str:
    """``text`` as trafilatura's ``JSON_MINIFY.sub(r"\\1", text)`` makes it (a string literal kept, whitespace
    outside one dropped), from one ``findall``: the ``sub`` called a Python function for each string and each
    space (tens of thousands on a page of JSON-LD). A test holds the two equal."""
    return "".join(_JSON_KEPT.findall(text))


#: A lone surrogate (U+D800 to U+DFFF), which trafilatura's ``normalize_json`` leaves out.
_SURROGATE = re.compile(r"[\ud800-\udfff]")


def json_normalized(text: str) -> str:
    """``text`` as trafilatura's ``normalize_json`` makes it, step by step, but for its dropping of lone
    surrogates (``\\uD83D`` halves of an escaped emoji), done by one ``re.sub`` where it tested each
    character of the script in a Python generator (~1% of an HTML page's instructions, on pages whose JSON-LD
    holds a backslash). A test holds the two equal."""
    from html import unescape

    from trafilatura.json_metadata import JSON_UNICODE_REPLACE
    from trafilatura.utils import HTML_STRIP_TAGS, trim

    if "\\" in text:
        text = text.replace("\\n", "").replace("\\r", "").replace("\\t", "")
        text = JSON_UNICODE_REPLACE.sub(lambda match: chr(int(match[1], 16)), text)
        text = _SURROGATE.sub("", text)
        text = unescape(text)
    return trim(HTML_STRIP_TAGS.sub("", text))


def _author(stated: str | None, root, site: str | None, url: str | None) -> tuple[str | None, str]:
    """The article's author and where it was found: the one the meta tags and JSON-LD state (one word
    too: "Sarah", a handle "srauturier"), unless it is a placeholder ("Author", "page.head.author"); where it is the site's own name (a publisher, perhaps not
    the writer), a person the markup names is preferred; where none is stated, the one the markup names
    (:mod:`cleaner.html.stated`)."""
    from ..urls import url_host
    from .stated import author_in_markup, credited_instead, is_placeholder, is_site_name

    host = url_host(url) if url else None
    names = [name for name in (stated or "").split("; ") if name and not is_placeholder(name)
             and not (" " not in name and _is_acronym(name))]
    if len(names) > _MOST_AUTHORS and not _one_meta_names(names, root):
        names = names[:1]       # a roster (every author of the site, or of the page's teasers): its first
    people = [name for name in names if not is_site_name(name, site, host)]
    if people:       # the site's own name beside its writers' ("UXCam; Ann Lee") is the publisher's
        printed = credited_instead(root, people)
        if printed:
            return printed, BYLINE_FROM_MARKUP
        return "; ".join(people), BYLINE_FROM_META
    named = author_in_markup(root, site, host)
    if named:
        return named, BYLINE_FROM_MARKUP
    return "; ".join(names) or None, BYLINE_FROM_META


def _one_meta_names(names: list[str], root) -> bool:
    """Whether one ``<meta>`` tag's ``content`` names every one of ``names`` (``<meta name="author"
    content="Artur Ekert, Timothy Hosgood, Alastair Kay, Chiara Macchiavello">``): the page's own credit of
    its writers, a book's or a paper's, written as a credit (commas, "and"), not a roster of the site's (a JSON-LD
    list of every author of the page's teasers, a "; "-separated field), however many they are (up to
    :data:`_MOST_CREDITED`)."""
    from .stated import head_tags

    if len(names) > _MOST_CREDITED:
        return False
    for element in head_tags(root):
        content = element.get("content") or "" if element.tag == "meta" else ""
        if content and all(name in content for name in names):
            rest = content
            for name in sorted(names, key=len, reverse=True):
                rest = rest.replace(name, " ")
            if _CREDIT_JOINS.fullmatch(rest):
                return True
    return False


#: A page credits at most this many writers in one meta tag.
_MOST_CREDITED = 8
#: What joins the names of a written credit ("A, B, C and D"); a list's "; " is a roster's (a CMS's field).
_CREDIT_JOINS = re.compile(r"(?:\s|,|&|\band\b)*")


def _is_acronym(word: str) -> bool:
    """Whether a one-word author is an acronym ("CDC", "WRAL"; a credential split off a name: "Dylan
    Bailey; FAND"): an organisation's or a title's, not a person's first name ("Sarah") or handle
    ("srauturier"). The site's one-word name stays (:func:`_author` prefers a person the markup names)."""
    return len(word) > 1 and word.isupper()


#: An article states at most this many authors; a longer list in the meta tags or JSON-LD is a roster of the
#: site's (or of the teasers' on the page), of which the first is kept.
_MOST_AUTHORS = 3

#: Where :attr:`PageMetadata.byline` was found (a line naming it is labelled with this reason).
BYLINE_FROM_META = "meta tags"
BYLINE_FROM_MARKUP = "an author/byline element"


def _as_page_spells(authors: str | None, root, tags: list) -> str | None:
    """trafilatura's author names as the page spells them: it title-cases names (``pMaria`` becomes
    ``Pmaria``, ``ANN LEE`` ``Ann Lee``) and strips characters, and the cleaner never outputs text the
    input lacks. Each ``; ``-separated name is looked up in the meta tags and scripts it comes from (or,
    failing that, the page's text), ignoring case and what separates its words, and given the page's spelling; a name the
    page does not hold is dropped. ``tags``: the page's meta tags and scripts (:func:`stated.head_tags`)."""
    names = [name for name in (_clean(part) for part in (authors or "").split("; ")) if name]
    if not names:
        return None
    stated: str | None = None
    kept: list[str] = []
    for name in names:
        spelled = _stated_as_is(name, tags)
        if spelled is None:
            if stated is None:
                stated = "\x00".join(_squeezed(_stated_pieces(tags)))
            spelled = _spelled_in(name, stated) or _spelled_in(name, "\x00".join(_squeezed(root.itertext())))
        if spelled and spelled.lower() not in {known.lower() for known in kept}:
            kept.append(spelled)
    return "; ".join(kept) or None


def _stated_as_is(name: str, tags: list) -> str | None:
    """``name`` where a meta tag or script of ``tags`` holds it as it is, else None (:func:`_as_page_spells`
    then squeezes them all and looks again, case and separators aside): what :func:`_spelled_in` gives on
    the squeezed pieces for such a name, without squeezing every script of the page (most names are found
    so: 70 of 75 on 80 benchmark pages).

    Exact: a name whose words one space separates (as it is squeezed) that a piece holds, its squeezed
    copy holds too (each space of the name is a run of one in the piece, between two of its letters)."""
    if name != " ".join(name.split()):
        return None
    return name if any(name in piece for piece in _stated_pieces(tags)) else None


def _stated_pieces(tags: list) -> Iterator[str]:
    """The ``content`` of each meta tag and the text of each script of ``tags``, in document order: what
    ``//meta/@content | //script/text()`` gives (:func:`stated.head_tags`: one walk of the page for them)."""
    for element in tags:
        if element.tag == "meta":
            content = element.get("content")
            if content is not None:
                yield content
        elif element.text is not None:
            yield element.text


def _squeezed(pieces) -> list[str]:
    return [" ".join(str(piece).split()) for piece in pieces]


def _spelled_in(name: str, haystack: str) -> str | None:
    """``name`` as ``haystack`` spells it (case, and the punctuation trafilatura strips between its words,
    aside), or None."""
    if name in haystack:
        return name
    words = name.split()
    pattern = r"(?<!\w)" + r"[\W_]+".join(map(re.escape, words)) + r"(?!\w)"   # "Ann B Lee" is "Ann B. Lee"
    found = re.search(pattern, haystack, re.IGNORECASE)
    return found.group(0) if found else None


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
    return shown(value) or None
