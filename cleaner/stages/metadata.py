"""Stage ``metadata``: title, byline and dateline, moved out of the body.

Two strategies, one after the other. **From the markup** (HTML only,
:mod:`cleaner.html.metadata`): the title, author and date the page states in
its meta tags and JSON-LD, the header's dateline, a name in an author
element; the header's lines that state them are labelled. **From the text**
(every document; on an HTML page only what the markup left undecided): they
sit in the header just above the text. Every line in that window is a
candidate: a date or timestamp is the dateline, "By …" (or a name next to the
dateline) the byline, and of the headline-shaped lines the title is the one
that best matches the page title (the dump's first line), has the byline and
date under it, and stands closest to the text. Lines between the title and
the text that are not prose (share buttons, "5 min read") are header chrome.
Profile rules (stage ``site``) win: a field they set is not looked for again.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import lru_cache
from itertools import compress, islice

from ..compat import TYPE_CHECKING
from ..dates import (against_url_month, date_in_url, dateline_parts, dates_another, is_update, names_yearless_day,
                     parse_date, publication_date, publication_day_in_url_month, writes_day_first)
from ..document import BODY, BOILERPLATE, BYLINE, DATE, TITLE, Authority, CoreLines, Document, first_body
from ..language import stopwords
from ..lazy_re import lazy_compile
from ..memo import document_memo, per_document
from ..lexicon import (ABOUT_NAME, AGENCY_BYLINE, ASKED_LABEL, MEMBER_RANK_WORDS, OTHERS_DATE_IN_LINE, DATELINE_OPENERS, FIRST_POST, THREAD_STARTER, THREAD_STARTER_AFTER, THREAD_STARTER_LABELS, AUTHOR_LABEL, BIO_VERB, CREDIT_LABEL, MONTH_NAMES, BIO_OPENING, BY_INSIDE, BY_INSIDE_IN_LINE, BY_INSIDE_WORDS, BYLINE_OPENING, BYLINE_OPENING_TRIED, CREDITED_BY, CREDITED_INSIDE, BYLINE_MAX_WORDS, DATE_LABEL, DATE_NEEDLE, DATE_NEEDLE_IN_LINE, DATE_OR_TIME,
                       NOT_NAME_WORDS, NOT_PERSON_WORDS, POST_NUMBER, PUBLISHED_LABEL, REPLY_SUBJECT, ROLE_WORDS, TRADE_WORDS, TAXONOMY_LINE, TIMESTAMP_LIKE, TITLE_SHARE, byline_name, holds_sentence, is_bare_name, is_byline_name, is_credit, is_team_credit, TEAM_WORDS,
                       first_char_alternatives, line_may_hold_any, may_hold_any, name_before_end, name_cut, names_facet, opens_bio, opens_with_name, shares_title, title_shaped, BIO_PRONOUNS, READER_ADDRESS)
from ..urls import site_host

if TYPE_CHECKING:
    from difflib import SequenceMatcher

_WINDOW = 15
#: Shapes a headline may have (a long title-case headline looks like a navigation bar).
_TITLE_SIGNALS_OK = frozenset({None, "navigation bar", "repeated", "menu", "headline run"})
#: "Headline | Site": the site's name after the last separator; a hyphen inside a word of it is no separator ("Harbour
#: Co-op"), one between figures is ("2025-26 Season" is a headline's, after "Forum • View topic - ").
_TITLE_SUFFIX = lazy_compile(
    r"^(?P<title>.{10,}?)\s+[-|–—:•·]\s+(?P<site>(?:[^-|–—•·]|(?<=[^\W\d_])-(?=[^\W\d_])){2,60})$")


@lru_cache(maxsize=4)
def _title_suffix(text: str) -> re.Match[str] | None:
    """:data:`_TITLE_SUFFIX` matched on ``text``, once for a text: the stage asks it of the dump's first line four
    times or so (the site's name, whether the line reads as a page title, the title without the site), and its
    lazy ``.{10,}?`` tries each split of the line."""
    return _TITLE_SUFFIX.match(text)


class MetadataStage:
    name = "metadata"

    def __call__(self, doc: Document) -> None:
        with document_memo():      # (the dates and names its tests read, remembered for this document only)
            self._label(doc)

    def _label(self, doc: Document) -> None:
        if doc.source_format == "html":
            from ..html.metadata import label_lines  # lazy: lxml and trafilatura only for HTML

            label_lines(doc)
        first = _header_end(doc)
        named_at = self._header(doc, first) if first is not None else None
        self._site(doc)
        if doc.meta.get("date"):
            # A dateline that names no day ("2 hours ago", "Yesterday", "Posted in March") is no date.
            doc.meta["date"] = parse_date(doc.meta["date"])
        # The URL's /2024/03/05/ is the publication's own: it wins over a dateline (an update's, a numeric date
        # read in the other order) and stands where the dump states none.
        doc.meta["date"] = date_in_url(doc.url) or doc.meta.get("date")
        lines = doc.lines
        if lines and _peek(lines, 0).label != BODY:
            # No headline found: the page title where it has the shape of one ("Headline | Site"); a headline
            # found that is astray: the headline by the article's credit in the header, else the one over the
            # credit above the header, else the page title, whatever its shape.
            title = doc.meta.get("title")
            if _title_suffix(_peek(lines, 0).text) if title is None else self._picked_astray(doc, first):
                stoplist = stopwords(doc.language)
                credited = (_headline_by_credit(lines, first, stoplist) or _headline_over_credit(lines, first, stoplist)
                            or _credited_headline_afar(lines, first, stoplist) if title is not None else None)
                doc.meta["title"] = credited or _page_title_stand_in(lines)
            elif title is not None and named_at is not None and title == _peek(lines, named_at).text and \
                    _printed_as_label(lines, named_at):
                # (value only: the line keeps its label) a button's or a label's line printed by each item of a list
                doc.meta["title"] = _page_title_stand_in(lines)
            elif title is not None and named_at is not None and title == _peek(lines, named_at).text and _section_name(
                    lines, named_at):
                # (value only, as above) the page title where it has a headline's shape, as where
                # no headline was found
                doc.meta["title"] = _page_title_headline(_peek(lines, 0)) if _title_suffix(_peek(lines, 0).text) else None
        if _unjudged_pick(lines, doc.meta.get("title"), named_at):
            # (value only, as above) the headline over the article's "By …" credit above the window, if any
            doc.meta["title"] = _headline_over_credit(lines, first, stopwords(doc.language)) or doc.meta["title"]
        if _doubtful_pick(lines, doc.meta.get("title"), named_at, stopwords(doc.language)):
            # (value only: the line keeps its label) a wrong title is worse than none
            doc.meta["title"] = None
        if doc.meta.get("title") is not None and (reply := REPLY_SUBJECT.match(doc.meta["title"])):
            # (value only) a reply's subject picked as the headline ("Re: Turning off the LEDs"): the thread's title
            # is the subject
            doc.meta["title"] = reply.group(1).strip()
        if doc.meta.get("date") is None and doc.meta.get("title") is not None and first is not None:
            # (value only) the header gave no date: the dateline that credits the headline the title is, where
            # that headline stands off the header (a menu's blurbs were the first prose)
            doc.meta["date"] = _dated_by_title(lines, first, doc.meta["title"], writes_day_first(doc.language))
        if against_url_month(doc.meta.get("date"), doc.url):
            # (value only) the URL's /2021/03/ names the publication's month: a date in another is not its
            # publication's ("Updated May 5, 2022" alone in the dump); a wrong date is worse than none
            doc.meta["date"] = None
        _drop_author_bio(doc)
        _drop_hyphenation_hints(doc.meta)

    @staticmethod
    def _picked_astray(doc: Document, first: int | None) -> bool:
        """Whether the title the text's header gave shares almost no words with the page title (the dump's
        first line): a section heading or a promo picked as the headline, where the page title says what the
        page is; not a headline the header prints twice (:func:`_printed_twice`). Only the value is replaced;
        the line keeps its label (the body does not change). Not where the markup or a profile named the title.
        The header's picks stand above its end, ``first``."""
        if first is None or not _begins_with_page_title(_peek(doc.lines, 0)):
            return False
        texts, title = _texts(doc.lines, first), doc.meta.get("title")
        at = _index(texts, title, 1, first)
        picked = _peek(doc.lines, at) if at is not None else None
        if picked is None or not _open(picked) or _printed_twice(texts, at, first):
            return False
        return _word_overlap(picked.features.content, _peek(doc.lines, 0).features.content) < _ASTRAY_OVERLAP

    def _header(self, doc: Document, first: int) -> int | None:
        """The header's title, byline and date, and their lines' labels; returns the index of the line whose
        text the header's pick made the title (None where it made none)."""
        lines = doc.lines
        meta = doc.meta
        start = max(0, first - _WINDOW)
        window = range(start, first)
        # A standfirst may come first: byline and date then sit between it and the text.
        after = first + 1
        while after < min(len(lines), first + 7) and not holds_sentence(_peek(lines, after).features):
            after += 1
        texts = _texts(lines, first + 1 + _CREDIT_BELOW)   # no line under the credit block is read
        stoplist = stopwords(doc.language)
        after = max(after, _credit_block_end(lines, texts, first, stoplist))
        scan = list(window) + [first] * _credit_as_prose(_peek(lines, first)) + list(range(first + 1, after))
        texts = _texts(lines, max(after, first + 1 + _CREDIT_BELOW))
        # (a line with no date's needle is no dateline: most are passed over from their text, unmade)
        dates = [i for i in _may_be_dates(lines, texts, scan)
                 if _open(line := _peek(lines, i)) and _is_date(line) and not _dated_headline(lines, i)]
        headline = _page_headline(_peek(lines, 0).text) if lines else None
        bylines = [i for i in _may_be_bylines(lines, texts, scan, dates)
                   if texts[i] != headline and _open(_peek(lines, i)) and _is_byline(lines, i, dates, stoplist)]
        peek = _peeker(lines)
        title_at = next((i for i in window if (line := peek(i)).label == TITLE and not _open(line)), None)
        decide, soft = doc.decide, Authority.SOFT
        picks_title = meta.get("title") is None and title_at is None
        named_at = None
        if picks_title:
            title_at, named_at = self._pick_titles(doc, window, first, dates + bylines)
            title_at, named_at = _headline_over_dateline(lines, first, after, dates, bylines, (title_at, named_at))
            title_at, named_at = _headline_under_dateline(lines, first, dates, (title_at, named_at))
            if named_at is not None:
                meta["title"] = _page_title_headline(_peek(lines, 0)) if named_at == 0 else _peek(lines, named_at).text
            if title_at is not None:
                decide(lines[title_at], TITLE, "headline before the text", soft)
        if picks_title and not dates and not bylines:
            self._credited_headline(doc, texts, start, named_at, stoplist)
        if not bylines and title_at is not None and title_at + 1 < first and meta.get("byline") is None:
            under = _credit_under_headline(lines, title_at, dates, stoplist)
            bylines = [under] if under is not None else bylines
        dated = dates
        # the article's last body line, for its foot (read once, where a field is still to find)
        last = _last_body(lines) if meta.get("date") is None or meta.get("byline") is None else None
        if meta.get("date") is None:
            day_first = writes_day_first(doc.language)
            dated = _by_headline(dates, title_at) or _dated_above(lines, texts, start, meta.get("title"))
            opening = _opening_post(lines, _TextsRead(lines), dates, first + _BLOCK_UNDER)
            dated = dated if opening is None else [opening, *dated]
            meta["date"] = _publication(lines, dated, day_first)
            if meta["date"] is None and dates:
                # the header's datelines give only an update's date: a publication date above the window (by the
                # headline printed there, under "Published") is the article's
                meta["date"] = _publication(lines, _dated_above(lines, texts, start, meta.get("title")), day_first)
            if meta["date"] is None and dates:
                # the header's dateline names its day without the year ("Posted Nov 18, 8:19 PM"): the URL's
                # /2019/11/ gives it
                meta["date"] = _day_in_url_month(lines, dated, doc.url)
            if meta["date"] is None:
                # the header's dateline broken over two lines by its template ("March 3," / "2021")
                meta["date"] = _split_dateline(lines, texts, scan, day_first)
            if meta["date"] is None and not dates:
                # no dateline of its own: a header line's last sentence may be the credit ("… and Canada. By Lisa
                # Jennings on Dec. 19, 2025", a standfirst run into it)
                credit = _credit_sentence_in(lines, texts, scan)
                meta["date"] = publication_date(credit, day_first) if credit is not None else None
            if meta["date"] is None and date_in_url(doc.url) is None:
                meta["date"] = _dated_at_foot(lines, first, last, day_first) or _published(lines, dated, day_first)
            if meta["date"] is None and date_in_url(doc.url) is None and not dates:
                # the header's end is a menu's or a teaser's prose above the article: its headline's dateline
                block = _headline_block_under(lines, _TextsRead(lines), first)
                meta["date"] = _published(lines, [block[1]], day_first) if block is not None else None
            if meta["date"] is None and date_in_url(doc.url) is None:
                meta["date"] = _labelled_publication(lines, _TextsRead(lines), day_first)
            if meta["date"] is None and date_in_url(doc.url) is None and title_at is not None:
                meta["date"] = _day_in_headline_year(lines, texts, _by_headline(dates, title_at), title_at,
                                                     range(start, after))
        for i in dates:
            decide(lines[i], DATE, "dateline before the text", soft)
        if meta.get("byline") is None:
            # (the site's name in capitals after the writer's is no part of the name: :func:`_without_outlet`)
            meta["byline"] = _without_outlet(_publisher_yields(_first_name(lines, sorted(dates + bylines), stoplist,
                                                            _naming_labels(doc.url), title_at), doc.url, lines,
                                                texts, start) or _credited_sentence(lines, texts, scan)
                              or _credited_above(lines, texts, start)
                              or _named_beside(lines, [] if dates else dated, stoplist)
                              or _named_in_bio(lines, first, last, stoplist) or _credited_at_foot(lines, first, last, stoplist)
                              or _credited_under_header(lines, first, stoplist)
                              or _named_under_headline(lines, title_at, first, dates, stoplist)
                              or _credited_under_prose(lines, texts, first, stoplist)
                              or _credited_on_page(lines, first)
                              or _credited_with_outlet(lines, texts, range(start, after), doc.url, stoplist)
                              or _site_by_dateline(lines, dates, doc.url)
                              or (_person_site(lines, doc.url, stoplist) if dates else None), doc.url)
        for i in bylines:
            decide(lines[i], BYLINE, "byline before the text", soft)
        if title_at is not None:
            title_text = lines[title_at].text
            for i in range(start, first):
                # (the text first: a line that does not repeat the headline is not read further)
                if texts[i] == title_text and i != title_at and _open(peek(i)):
                    decide(lines[i], BOILERPLATE, "the headline printed again", soft)
            for i in range(title_at + 1, max(first, after if title_at > first else first)):
                line = peek(i)
                if line.label == BODY and _open(line) and not line.features.ends_sentence:
                    decide(lines[i], BOILERPLATE, "header chrome between title and text", soft)
            if title_at > first:
                _header_above_headline(doc, start, title_at)
            region_start = doc.region[0] if doc.region else 0
            if doc.profile is not None and doc.region is not None and doc.profile.trust_region:
                for line in lines[region_start:title_at]:
                    if _open(line):
                        decide(line, BOILERPLATE, "header before the title", soft)
        _taxonomy_under_credit(doc, texts, first, after, dates + bylines)
        return named_at

    @staticmethod
    def _credited_headline(doc: Document, texts: Sequence[str], start: int, named_at: int | None,
                           stoplist: frozenset[str]) -> None:
        """Where the header's window holds no byline or dateline: the headline above it with its dateline under
        it (:func:`_headline_block`: over a long table of contents or a menu) is the article's, and gives the
        date and the byline; and the title, unless the title picked (:func:`_picked_overlap`) shares as much of
        the page title (a section's name over the byline shares a little of it). Value only, as
        :func:`_dated_above`: the lines keep their labels."""
        block = _headline_block(doc.lines, texts, start)
        if block is None:
            return
        lines, meta = doc.lines, doc.meta
        headline, dateline = block
        page_words = _peek(lines, 0).features.content
        if _word_overlap(_peek(lines, headline).features.content, page_words) > _picked_overlap(lines, named_at):
            meta["title"] = texts[headline]
        if meta.get("date") is None:
            meta["date"] = _published(lines, [dateline], writes_day_first(doc.language))
        if meta.get("byline") is None:
            under = range(headline + 1, min(len(lines), dateline + 2))
            meta["byline"] = _first_name(lines, [i for i in under if _is_byline_or_date(lines, i, dateline, stoplist)],
                                         stoplist, _naming_labels(doc.url))

    @staticmethod
    def _pick_titles(doc: Document, window: range, first: int, meta_lines: list[int]) -> tuple[int | None, int | None]:
        """The headline, picked twice: of the header's headline-shaped lines, the one that shares the page
        title's words (the dump's first line), with the byline or date under it, closest to the text; the
        anchored pick also weighs a line the header prints twice in a row (:func:`_printed_twice`).

        The first pick looks in the window. The second, the *anchored* one, takes the line that repeats the
        page title (or one of its parts: "Headline | Site") first, looked for above the window too (the
        headline anchors the header, however long the menus above the text are). That pick names the title;
        the first is the line labelled (the labels, and so the body, are those of the window's pick: a
        headline found far above the text would take the lines between it and the text as header chrome).
        One pass makes both: a line's shape and what it shares with the page title are read once."""
        lines = doc.lines
        native = getattr(lines, "pick_titles", None)
        if native is not None:
            # the core's pick where it holds the lines (``NativeLines.pick_titles``, the same picks); this is the reference
            picked = native(window.start, first, meta_lines, _naming_labels(doc.url))
            if picked is not None:
                return picked
        titled_page = bool(lines) and len(_peek(lines, 0).text) <= _FIRST_LINE_TITLE_CHARS
        page_title = _peek(lines, 0).text.lower() if titled_page else ""
        site, signature = _site_part(page_title), _signature(page_title)
        named_site = _host_named_part(page_title, doc.url)
        page_words = frozenset(_peek(lines, 0).features.content) if titled_page else frozenset()
        site_words = _site_words(site, page_words)
        titles = tuple(map(_TitlePart, _title_parts(page_title)))
        # (a headline printed twice stands against a page title that shares nothing with it: where there is one)
        twice_counts = titled_page and _begins_with_page_title(_peek(lines, 0))
        repeats = set(_repeating(lines, first, titles)) if titles and first > 1 else set()
        texts = _texts(lines, first) if twice_counts else ()     # (the core's copies, made once for the header)
        printed = _printed_parts(texts, first, page_title) if twice_counts else {}
        best, best_score = None, 0.0               # the window's pick
        named, named_score = None, 0.0             # the anchored pick
        taken = frozenset(meta_lines)
        # the lines a byline or date stands at most four lines under
        above_meta = frozenset(m - k for m in meta_lines for k in range(1, 5))
        peek = _peeker(lines)
        for i in sorted(repeats.union(window, printed)):
            if i in taken or not _open(line := peek(i)) or not _headline_shaped(line):
                continue
            f = line.features
            base = 1.0 + min(f.units, 12) / 12
            lowered_line = line.text.lower()       # (once: both picks read it)
            shares = i > 0 and i not in repeats and shares_title(lowered_line, f, page_title, page_words, TITLE_SHARE)
            near = i in above_meta
            if i in window:
                titled = i > 0 and (shares or (i in repeats and shares_title(lowered_line, f, page_title,
                                                                             page_words, TITLE_SHARE)))
                score = _headline_score(base, 3.0 if titled else 0.0, near, first - i)
                if score > best_score:
                    best, best_score = i, score
            # A lead-in ("… Folding and Unfolding:") names no title; nor does the site's name alone (the logo, "A List
            # Apart" of "Understanding Web Design – A List Apart", or "Engora Data Blog" of "Engora Data Blog: …"),
            # which shares the page title but is no headline, nor a line sharing it only through the site's name (a
            # photo credit "… for Quanta Magazine"): the window's pick, and so the labels, as before.
            if _lead_in(line):
                continue
            masthead = (site is not None and (lowered_line.strip() == site or (
                signature is not None and (stripped := lowered_line.strip()).startswith(signature[0])
                and _SITE_SEPARATOR.split(stripped) == signature))) or (
                named_site is not None and lowered_line.strip() == named_site)
            shares = shares and not _shares_site_only(f, page_words, site_words)
            titled = 0.0 if masthead else printed.get(i, _REPEATED if i in repeats else 3.0 if shares else 0.0)
            if not titled and not masthead and twice_counts and _printed_twice(texts, i, first):
                titled = _PRINTED_TWICE
            score = _headline_score(base, titled, near, first - i)
            if score > named_score:
                named, named_score = i, score
        return best, named

    @staticmethod
    def _site(doc: Document) -> None:
        if doc.meta.get("site"):
            return
        if doc.profile is not None and doc.profile.site:
            doc.meta["site"] = doc.profile.site
        elif doc.url:
            doc.meta["site"] = site_host(doc.url) or None
        elif doc.lines:
            page_title = _title_suffix(_peek(doc.lines, 0).text)
            if page_title and _peek(doc.lines, 0).label != BODY:
                doc.meta["site"] = page_title.group("site").strip()


#: The anchored pick's score for a line printed twice in a row (:func:`_printed_twice`), where it shares nothing
#: with the page title: less than sharing it (3), as much as a byline or date under it.
_PRINTED_TWICE = 1.5
#: A line printed twice is a headline of this many words at least (a source's or a site's name is printed twice
#: too: "Planet 24" over "Planet 24").
_TWICE_WORDS = 3


def _page_headline(page_title: str) -> str | None:
    """The headline part of a page title "Headline - Author - Site" (its first part, where a separator follows
    it), or None: a header line that prints it is the headline, not a name beside the dateline, however
    name-like its capitalised words ("Exploring USB Commands")."""
    parts = _SITE_SEPARATOR.split(page_title[:_TITLE_CHARS], maxsplit=1)
    return parts[0].strip() if len(parts) > 1 else None


def _printed_twice(texts: Sequence[str], i: int, first: int) -> bool:
    """Is header line ``i`` printed again right above or under it, in the header's window (:data:`_WINDOW` lines
    above the text, ``first``)? Layouts print the headline twice (one copy for each screen size), where the
    page title (an SEO title: "What Are Taxes and Why Do We Pay Them?") may share none of its words, and a
    standfirst under it stands nearer the byline: such a headline (of :data:`_TWICE_WORDS` words at least) is
    the title, and not astray. ``texts``: the lines' texts, at least the first ``first``."""
    if first - i > _WINDOW:
        return False
    text = texts[i]
    # (the neighbours first: most lines are printed once, and their words are not counted)
    return ((i + 1 < first and texts[i + 1] == text) or (i > 1 and texts[i - 1] == text)) \
        and _words_up_to(text, _TWICE_WORDS) >= _TWICE_WORDS


def _printed_parts(texts: Sequence[str], first: int, page_title: str) -> dict[int, float]:
    """The header's lines above ``first`` that print a part of the page title (lower case, ``page_title``) exactly,
    but its last, the site's name (:data:`_SITE_SEPARATOR`: "Best budget headphones" of "Best budget headphones -
    Headphone Discussion - Harbour Forums"; the question of "python - Why is "except: pass" bad? - Harbour Q&A"), each
    with its score as the headline (:meth:`MetadataStage._pick_titles`): a forum thread's or a question's headline.
    A part of :data:`_PRINTED_PART_WORDS` words or more (a site's name first, "The Agency | …", has fewer), compared
    whole: a headline too short to be matched by its likeness (:func:`_repeating` leaves out parts of few words
    against a long page title) or cut by a colon (:data:`_TITLE_SEPARATOR`) is found all the same. The first part
    printed scores above a line repeating a later one (:data:`_PRINTED_FIRST`): "Thread title - Forum name - Site"
    names the thread first, and its forum's name is printed too, as its breadcrumb, nearer the first post."""
    parts = [part.strip() for part in _site_separated(page_title)[:-1]]
    wanted = {part: _PRINTED_FIRST if k == 0 else _REPEATED for k, part in enumerate(parts)
              if _headline_sized(part) and _words_up_to(part, _PRINTED_PART_WORDS) >= _PRINTED_PART_WORDS}
    if not wanted:
        return {}
    lengths = frozenset(map(len, wanted))
    stop = min(first, len(texts))
    # (the length first, each line's found without a loop of Python's: most lines are not compared, and the header
    # above ``first`` may be hundreds of a menu's)
    sized = compress(range(1, stop), map(lengths.__contains__, map(len, map(str.strip, texts[1:stop]))))
    return {i: wanted[text.lower()] for i in sized if (text := texts[i].strip()).lower() in wanted}


#: A page title's part printed as a header line is a headline of this many words at least (:func:`_printed_parts`).
_PRINTED_PART_WORDS = 3
#: The anchored pick's score for a line repeating a part of the page title (:meth:`MetadataStage._pick_titles`), and
#: for one printing its first part exactly (:func:`_printed_parts`).
_REPEATED = 4.0
_PRINTED_FIRST = 5.0


def _begins_with_page_title(line) -> bool:
    """Does the dump's first line read as the page's title: "Headline | Site", or a headline of two words or
    more without a site's name, that the shapes took for nothing else but a line the page prints again
    (:data:`_PAGE_TITLE_SIGNALS`; not "Skip to content" over a menu, "Support us!", a logo's letter; not "Site
    Name - Home", whose title part is too short for a headline)?"""
    if _title_suffix(line.text):
        return True
    text = line.text
    return (line.signal in _PAGE_TITLE_SIGNALS and len(text) <= _PAGE_TITLE_CHARS and _site_part(text) is None
            and _headline_sized(text) and title_shaped(line.features, text))


#: The shapes a first line that reads as the page title may have: none, or a line the page prints again (its
#: heading under the menus, a footer's trail); not a menu's run it stands at the head of ("Zum Hauptinhalt
#: springen" over "Weser-Allgemeine", "E-Paper", "Abo").
_PAGE_TITLE_SIGNALS = frozenset({None, "repeated"})
#: A page title without a site's name is at most this long (search engines show some 60 characters): a longer
#: first line is a menu run together ("The Post - News World Opinion Business Sport …") or a sentence.
_PAGE_TITLE_CHARS = 80


def _page_title(line) -> str:
    """The dump's first line as the title: without the site's name after it ("Headline | Site")."""
    found = _title_suffix(line.text)
    return found.group("title") if found else line.text


#: The bar between a page title's parts: no headline holds one (a dash or a colon may be a headline's own).
_TITLE_BAR = lazy_compile(r"\s+\|\s+")


def _page_title_headline(line) -> str:
    """The page title as the title's value: :func:`_page_title`, its headline part (:func:`_before_bar`)."""
    return _before_bar(_page_title(line))


def _before_bar(title: str) -> str:
    """A page title's headline, the site's name cut: its first part where a bar still parts it ("GPS Running
    Watches | Free Shipping over $99" of "… | Harbour Feet", "Bike Locks & Security | Bicycle Locks": a keyword or
    a promise after the headline, :data:`_TITLE_BAR`)."""
    head = _TITLE_BAR.split(title, maxsplit=1)[0]
    return head if head != title and _WORD_LETTERS.search(head) else title


#: A headline the text's header gave that shares less than this with the page title is not taken (word F1
#: of their content words; tuned on the tune half of wcxb-dev-articles' sites: 0.2-0.5 score alike).
_ASTRAY_OVERLAP = 0.3


def _headline_score(base: float, titled: float, near: bool, above_text: int) -> float:
    """A header line's score as the headline (both picks of :meth:`MetadataStage._pick_titles`): its size
    (``base``), what it shares with the page title (``titled``), a byline or date just under it (``near``),
    less a little for each line between it and the text."""
    return base + titled + (1.5 if near else 0.0) - 0.08 * above_text


def _picked_overlap(lines, named_at: int | None) -> float:
    """How much of the page title (the dump's first line) the title picked at ``named_at`` shares; the page title
    itself (1) where ``__call__`` puts it in the pick's place: a pick astray, or none under "Headline | Site"."""
    page = _peek(lines, 0)
    overlap = (_word_overlap(_peek(lines, named_at).features.content, page.features.content) if named_at is not None
               else 0.0)
    stands_in = _title_suffix(page.text) if named_at is None else (
        _begins_with_page_title(page) and overlap < _ASTRAY_OVERLAP)
    return 1.0 if stands_in else overlap


def _word_overlap(a, b) -> float:
    """F1 of two lines' content words (each word once)."""
    a, b = set(a), set(b)
    return 2 * len(a & b) / (len(a) + len(b)) if a and b else 0.0


#: A line repeats the page title when it is this similar to it, or to one of its parts (difflib's ratio: a
#: word changed in a ten-word headline still counts, another headline does not).
_REPEAT_SIMILARITY = 0.84
#: What separates the site's name, last, from the rest of a page title ("Headline | Site", "Headline – Site"):
#: ``\s+[-|–—•·»]\s+``, written with one space character first (``\s\s*``, the same matches): ``re`` then passes over
#: every other character at once, where it tried a match at each (a page title is split five times a dump).
_SITE_SEPARATOR = lazy_compile(r"\s\s*[-|–—•·»]\s+")
#: What separates a page title's parts: "Headline | Site", "Site: Headline", "Headline – Section – Site";
#: ``\s+[-|–—•·»]\s+|:\s+``, its first character taken first as above (a look-behind then tells the two apart).
_TITLE_SEPARATOR = lazy_compile(r"[\s:](?:(?<=\s)\s*[-|–—•·»]\s+|(?<=:)\s+)")
#: Only this much of a line is compared with the page title (a long line is no headline).
_TITLE_CHARS = 300
#: A first line longer than this is no page title (a dump that begins with its text): it is not copied in
#: lower case to be compared with the header's lines (a line of megabytes was a copy of it).
_FIRST_LINE_TITLE_CHARS = 2_000


@per_document     # (the header's picks split a page title more than once: its parts, its masthead, its printed parts)
def _site_separated(page_title: str) -> tuple[str, ...]:
    """The page title's first :data:`_TITLE_CHARS` characters cut at each :data:`_SITE_SEPARATOR`."""
    return tuple(_SITE_SEPARATOR.split(page_title[:_TITLE_CHARS]))


@per_document     # (as _site_separated)
def _title_separated(page_title: str) -> tuple[str, ...]:
    """The page title's first :data:`_TITLE_CHARS` characters cut at each :data:`_TITLE_SEPARATOR`."""
    return tuple(_TITLE_SEPARATOR.split(page_title[:_TITLE_CHARS]))


def _title_parts(page_title: str) -> tuple[str, ...]:
    """The page title (lower case) and each of its parts of two words or more, and each run of its parts
    without the last or the first (the site's name)."""
    parts = [part for part in _title_separated(page_title) if part]
    runs = {page_title[:_TITLE_CHARS], *parts}
    if len(parts) > 2:
        runs.update((" ".join(parts[:-1]), " ".join(parts[1:])))
    least = max(2, min(4, 0.4 * _words_up_to(page_title, 10)))   # not a site name of two words ("Sprout Social")
    return tuple(run for run in runs if len(run.split()) >= least)


def _words_up_to(text: str, most: int) -> int:
    """The number of words in ``text`` (as ``str.split()`` cuts them), counted up to ``most``: a line of a
    megabyte is not split into its words (a list of them was ten bytes a byte of the line), nor copied, to
    learn that it has more than a few. A short line is split (:data:`_SPLIT_CHARS`): the same count, in a
    fifth of the time."""
    if len(text) <= _SPLIT_CHARS:
        return min(len(text.split()), most)
    return sum(1 for _ in islice(_SPLIT_WORD.finditer(text), most))


#: A line this short is split into its words to count them (:func:`_words_up_to`): a copy of a few hundred
#: characters at most, where counting the regex's matches one by one costs more.
_SPLIT_CHARS = 1_000


#: A word as ``str.split()`` cuts them (``\s`` is ``str.isspace``).
_SPLIT_WORD = lazy_compile(r"\S+")




def _site_part(page_title: str) -> str | None:
    """The site's name that ends a page title (lower case: "headline | site", "headline – site"), or None: a
    line repeating it is the site's logo or masthead, not the headline."""
    # (a page title of :data:`_TITLE_CHARS` at most: its split remembered for the document, :func:`_site_separated`,
    # which the header's picks and the page title's tests ask for again)
    signed = _site_separated(page_title) if len(page_title) <= _TITLE_CHARS else _SITE_SEPARATOR.split(page_title)
    return signed[-1].strip() if len(signed) > 1 else None


def _site_words(site: str | None, page_words: frozenset[str]) -> frozenset[str]:
    """The page title's topic words (``page_words``) that its site's name (:func:`_site_part`, lower case)
    holds: "quanta", "magazine" of "The Year in Mathematics | Quanta Magazine"."""
    if site is None:
        return frozenset()
    named = frozenset(_TITLE_WORD.findall(site))
    return page_words & named


def _shares_site_only(f, page_words: frozenset[str], site_words: frozenset[str]) -> bool:
    """Does a header line share the page title's words only through the site's name (``site_words``)? A photo
    credit ("Ann Lee/ Quanta Magazine; Bo Li for Quanta Magazine"), a logo's line or a promo that names the
    site shares the page title "Headline | Quanta Magazine" as much as the headline does, and is none: what it
    shares says nothing of the article."""
    if not site_words:
        return False
    shared = page_words.intersection(f.content)
    return bool(shared) and shared <= site_words


def _dated_headline(lines, i: int) -> bool:
    """Is dateline ``i`` the headline that carries its date ("Metasploit Wrap-Up 12/19/2025" under the page
    title "Metasploit Weekly Wrap-Up"): a headline-shaped line whose words (:func:`_title_stems`: letters only,
    the date's figures left out) are mostly the page title's headline's (word F1 :data:`_DATED_HEADLINE_F1`)?
    A dateline shares none of them ("Dec 19, 2025 | 5 min read"): this one is a headline candidate, not the
    date; not where it begins with its date ("May 22, 2024 in Planning": a dateline and its category) or credits
    someone (a forum post's "Title by ann: 3:21pm On Mar 09, 2023" is its dateline)."""
    if i == 0 or not lines or len(_text_at(lines, 0)) > _FIRST_LINE_TITLE_CHARS:
        return False
    line = _peek(lines, i)
    if not _headline_shaped(line) or _DATE_FIRST.match(line.text) or _by_inside(line.text):
        return False
    stems = _title_stems(line.text, frozenset())
    return len(stems) >= _DATED_HEADLINE_WORDS and _word_overlap(
        stems, _title_stems(_page_title(_peek(lines, 0)), frozenset())) >= _DATED_HEADLINE_F1


#: A dateline is the headline when its words are the page title's headline's this much (word F1 of their stems)
#: and they are this many at least.
_DATED_HEADLINE_F1 = 0.6
_DATED_HEADLINE_WORDS = 2


def _host_named_part(page_title: str, url: str | None) -> str | None:
    """The first part of a page title "Site: Headline" or "Site | Headline" (lower case) where it is the site's
    name: of at most :data:`_SITE_NAME_WORDS` words, its letters holding a label of the URL's host ("Quillmark
    Data Blog" of blog.quillmark.com), with a longer part after it. A header line that prints it alone is the
    site's masthead, as a line printing the last part, the site's name of "Headline | Site", is
    (:func:`_site_part`); None where the page title does not begin with the site's name or no URL is known."""
    labels = _naming_labels(url)
    if not labels or not page_title:
        return None
    parts = [part.strip() for part in _title_separated(page_title) if part.strip()]
    if len(parts) < 2 or _words_up_to(parts[0], _SITE_NAME_WORDS + 1) > _SITE_NAME_WORDS or len(parts[1]) <= len(
            parts[0]):
        return None
    letters = _NOT_LETTERS.sub("", parts[0])
    return parts[0] if any(label in letters for label in labels) else None


@per_document     # (asked by the header's picks, the publisher's test and the site's dateline)
def _naming_labels(url: str | None) -> frozenset[str]:
    """The labels of the URL's host that may spell the site's name: all but the last (the top-level domain), of
    :data:`_HOST_LABEL_CHARS` letters at least ("quillmark" of blog.quillmark.com, "tastyforks" of tastyforks.com;
    not "www", "blog", "news"). Empty where no URL is known."""
    host = site_host(url) if url else ""
    return frozenset(label for label in host.split(".")[:-1] if len(label) >= _HOST_LABEL_CHARS)


#: A site's name at the head of a page title has at most this many words; a host's label that names it this many
#: letters at least (not "www", "blog", "news").
_SITE_NAME_WORDS = 4
_HOST_LABEL_CHARS = 5
_NOT_LETTERS = lazy_compile(r"[\W_][\W_]*")    # ([\W_]+, one character first: see _SITE_SEPARATOR)


def _publisher_yields(name: str | None, url: str | None, lines, texts: Sequence[str], start: int) -> str | None:
    """The header's byline ``name``, unless it is the site's own name, spelled by a label of the URL's host
    ("Tasty Forks" beside the dateline of tastyforks.com: the publisher, printed where a byline goes), and a
    "By …" line above the header's window (:func:`_credited_above`) names someone else: the article's author.
    Where none does, the site's name stands (a company's blog credits the company)."""
    if not name:
        return name
    letters = _NOT_LETTERS.sub("", name).lower()
    if not letters or letters not in _naming_labels(url):
        return name
    return _credited_above(lines, texts, start) or name


def _site_by_dateline(lines, dates: list[int], url: str | None) -> str | None:
    """Where nothing else credits the article: the site's own name printed as a line just above a header's
    dateline (:func:`_beside_date`), spelled by a label of the URL's host, in full or in part ("North Hill Dental
    Care" of northhilldentalcare.com, "happy pedals" of happypedalsebikes.com): a company's blog credits the
    company where a byline goes. Its words may be a stoplist's ("North"), or lower case, or the shapes may have taken the
    line for a repeated one: the host's spelling says what it is. Only above the dateline: under it a company's
    card may stand over its author's. Value only: the line keeps its label."""
    labels = _naming_labels(url)
    if not labels or not dates:
        return None
    for i in sorted({i for d in dates for i in range(d - 2, d)} - set(dates)):
        if not 0 < i < len(lines):
            continue
        text = _text_at(lines, i).strip()
        letters = _NOT_LETTERS.sub("", text).lower()
        if (len(letters) >= _HOST_LABEL_CHARS and _words_up_to(text, _SITE_NAME_WORDS + 1) <= _SITE_NAME_WORDS
                and any(letters in label for label in labels) and _beside_date(lines, i, dates)):
            return text
    return None


def _person_site(lines, url: str | None, stoplist: frozenset[str]) -> str | None:
    """Where nothing else credits a dated article: the name of a person's own site, its author, printed as its
    masthead, the first line under the page title ("Nora Vance" over the menu "Posts" of noravt.com, "Milo
    Hart //" of milo.dev). It is a person's when it has the shape of a person's name (:func:`_personal_name`)
    and the URL's host spells one of its words (:func:`_naming_labels`), or the line under it states the person's
    role or trade (:func:`_role_line`, :func:`_trade_line`: "Cassidy Williams" / "Software Engineer in Chicago"). Not the page title's site part: a
    company's name of two capitalised words ("Server Fault") is printed there as often, and under it its logo
    after a "Skip to content", not first. Value only: the lines keep their labels."""
    labels = _naming_labels(url)
    if not lines or len(_text_at(lines, 0)) > _FIRST_LINE_TITLE_CHARS:
        return None
    at = next((i for i in range(1, min(len(lines), _MASTHEAD_LINES)) if _text_at(lines, i).strip()), None)
    name = _MASTHEAD_TRAIL.sub("", _text_at(lines, at).strip()) if at is not None else ""
    if not _personal_name(name, stoplist):
        return None
    spelled = any(len(word) >= _NAMED_WORD_CHARS and any(word in label for label in labels)
                  for word in _WORD_LETTERS.findall(name.lower()))
    role = next((text for i in range(at + 1, min(len(lines), at + 3)) if (text := _text_at(lines, i).strip())), "")
    return name if spelled or _role_line(role) or _trade_line(role) else None


def _trade_line(text: str) -> bool:
    """Whether a line only states a person's trade (:data:`TRADE_WORDS`: "Software Engineer in Chicago"): a few
    words (:data:`_ROLE_WORDS_MOST`), one of them a trade's, and no sentence."""
    if len(text) > _BARE_NAME_CHARS or text.rstrip().endswith((".", "!", "?")):
        return False
    words = _WORD_LETTERS.findall(text.lower())
    return 0 < len(words) <= _ROLE_WORDS_MOST and not TRADE_WORDS.isdisjoint(words)


#: The masthead is the first line with text among this many at the top of the page (the page title's first).
_MASTHEAD_LINES = 4
#: What a masthead's name may trail ("Milo Hart //", "Ann Lee |").
_MASTHEAD_TRAIL = lazy_compile(r"[\s/|·•–—-]+$")
#: A word of a person's site's name that its host spells has this many letters at least ("nora" of noravt.com).
_NAMED_WORD_CHARS = 4
#: A person's name: a given name and a surname, an initial between them ("Justin C. Meserole").
_PERSON_NAME = lazy_compile(r"^[^\W\d_][^\W\d_’'-]+(?:\s+[A-Z]\.)?\s+[^\W\d_][^\W\d_’'-]+$")


def _personal_name(name: str, stoplist: frozenset[str]) -> bool:
    """Whether a site's name has a person's name's shape: a given name and a surname, capitalised, an initial
    between them at most (:data:`_PERSON_NAME`; a third word is a company's, "Wall Street Oasis"), not in capitals
    (a logo's "CODE FARM"), no word a label's or an organisation's (:func:`is_bare_name`, :func:`_names_no_person`:
    "Spotify Engineering") nor a team's."""
    return (_PERSON_NAME.match(name) is not None and not name.isupper() and is_bare_name(name, stoplist)
            and not _names_no_person(name) and not is_team_credit(name, stoplist))


def _names_no_person(name: str) -> bool:
    """Whether a capitalised name holds a word that is no person's (:data:`NOT_PERSON_WORDS`: a weekday's,
    "Tuesdays Evenings"; an organisation's, "Press Release", "Gaming Forum")."""
    return not NOT_PERSON_WORDS.isdisjoint(_WORD_LETTERS.findall(name.lower()))


#: A word's letters.
_WORD_LETTERS = lazy_compile(r"[^\W\d_][^\W\d_]*")    # ([^\W\d_]+, as _NOT_LETTERS)


def _doubtful_pick(lines, title: str | None, named_at: int | None, stoplist: frozenset[str]) -> bool:
    """Is the title the header's anchored pick gave (the text of line ``named_at``) too doubtful to give: it
    shares less than :data:`_DOUBTFUL_F1` of the page title's headline (word F1 of :func:`_title_stems`; the dump's
    first line, where it reads as a page title, :func:`_reads_as_page_title`) and has no dateline or "By …"
    credit by it (:func:`_credit_by`; not one of a list's, :func:`_listed_credits`)? On a product's, a shop's or
    a company's landing page the pick is then a promo or a section's heading over the first prose ("Explore
    Harbour Security Today" under "Falcon Platform | Harbour Security Systems": it shares the page title through
    the site's name only), and no headline; an article's own headline worded otherwise than its SEO page title
    stands over its credit, and a page that prints a part of its page title names itself
    (:func:`_part_of_page_title`). A wrong title is worse than none: the caller gives none (:data:`_DOUBTFUL_F1`
    was set on the tune half of the sites of both wcxb-dev folders: 16 wrong titles to none, 1 right one; a pick
    speaking to the reader needs more, :func:`_doubt_under`)."""
    if not title or not named_at or not lines or len(_text_at(lines, 0)) > _FIRST_LINE_TITLE_CHARS:
        return False
    page = _peek(lines, 0)
    if _text_at(lines, named_at) != title or not _reads_as_page_title(page) or _part_of_page_title(page.text, title):
        return False
    # (the words first: most picks share the page title's headline, and the credits by them are not read; whether the
    # pick speaks to the reader, a search of it, only where the overlap lies between the two thresholds it chooses)
    overlap = _word_overlap(_title_stems(title, stoplist), _title_stems(_page_title(page), stoplist))
    if overlap >= max(_DOUBTFUL_F1, _PROMO_F1) or (overlap >= min(_DOUBTFUL_F1, _PROMO_F1)
                                                   and overlap >= _doubt_under(title)):
        return False
    texts = _TextsRead(lines)
    return not _credit_by(lines, texts, named_at) or _listed_credits(lines, texts, named_at)


def _unjudged_pick(lines, title: str | None, named_at: int | None) -> bool:
    """Is the title the header's anchored pick gave (the text of line ``named_at``) one nothing vouches for: no
    dateline or "By …" credit stands by it (:func:`_credit_by`), and the dump's first line reads as no page title
    to judge it by (:func:`_reads_as_page_title`: a script's "x", a "Skip to content")? Where the comments or a
    list's label ("Curated and popular this week" over "2 Comments") stand between the headline and the text, the
    headline over the article's credit above the window (:func:`_headline_over_credit`) is the title."""
    if not title or not named_at or not lines or len(_text_at(lines, 0)) > _FIRST_LINE_TITLE_CHARS:
        return False
    return (_text_at(lines, named_at) == title and not _reads_as_page_title(_peek(lines, 0))
            and not _credit_by(lines, _TextsRead(lines), named_at))


def _printed_as_label(lines, named_at: int) -> bool:
    """Is the header's pick (line ``named_at``) a label printed by each item of a list ("Mark as watched" under each
    film of a chart, "Add to cart"), not the page's headline: it shares no topic word with the page title (the
    dump's first line) and the page prints it :data:`_LABEL_PRINTS` times or more (an article's headline, printed
    again by its breadcrumb, its share box and its foot, shares the page title, or is printed fewer times)."""
    page = _peek(lines, 0)
    if not page.features.content or not _peek(lines, named_at).features.content or \
            _word_overlap(_peek(lines, named_at).features.content, page.features.content) > 0:
        return False
    texts, text, found = _TextsRead(lines), _text_at(lines, named_at), 0
    for i in range(len(lines)):
        if texts[i] == text:
            found += 1
            if found >= _LABEL_PRINTS:
                return True
    return False


#: A pick that shares nothing with the page title and is printed this many times is a list's label
#: (:func:`_printed_as_label`).
_LABEL_PRINTS = 5


#: A pick sharing less than this of the page title's headline (word F1 of their stems), with no credit by it, is
#: doubtful (:func:`_doubtful_pick`).
_DOUBTFUL_F1 = 0.5


def _listed_credits(lines, texts: Sequence[str], h: int) -> bool:
    """Are the datelines and credits by pick ``h`` a list's, not a headline's: :data:`_LISTED_CREDITS` of them at
    least within :data:`_LISTED_SPAN` lines, above it and under it (each item of a teaser list, a release list or
    a changelog has its own: "2.0.5 2014-12-17" under "2.1.4 no changes", a clip's "1:17" under each headline)?
    An article's header has one or two, by its headline (:func:`_doubtful_pick`)."""
    near = [i for i in range(max(1, h - _LISTED_SPAN), min(len(lines), h + _LISTED_SPAN + 1))
            if i != h and _credits(lines, texts, i)]
    return len(near) >= _LISTED_CREDITS and near[0] < h < near[-1]


#: A pick with this many credits within this many lines, above and under it, stands in a list
#: (:func:`_listed_credits`).
_LISTED_CREDITS = 3
_LISTED_SPAN = 8


def _doubt_under(title: str) -> float:
    """How much of the page title's headline a pick with no credit by it must share not to be doubtful
    (:func:`_doubtful_pick`): :data:`_DOUBTFUL_F1`; more, :data:`_PROMO_F1`, where it speaks to the reader
    (:data:`READER_ADDRESS`: "Accounting software to keep you organized" under "Small Business Accounting
    Software - Start for Free", "We're a top mobile apps company in the city"): a landing page's promo over its
    first prose, which words the page's offer as the page title does, and is no headline."""
    return _PROMO_F1 if READER_ADDRESS.search(title) else _DOUBTFUL_F1


#: A pick speaking to the reader, with no credit by it, is doubtful under this much of the page title's headline
#: (:func:`_doubt_under`; set on the tune half of the sites of both wcxb-dev folders).
_PROMO_F1 = 0.7


def _reads_as_page_title(line) -> bool:
    """Does the dump's first line read as the page's title, for :func:`_doubtful_pick`: it does by its shape
    (:func:`_begins_with_page_title`), or it is cut in parts as page titles are (:func:`_parted_page_title`),
    whatever the shapes took it for. A page title whose headline is a word or two ("Kayaks | Harbour
    Outfitters", "setState – Harbour Docs") is too short for "Headline | Site", and one the shapes put at the
    head of the menu under it is no headline there; but a pick that shares nothing with it (a sort menu, a
    teaser's headline) is no more the page's title for that."""
    return _begins_with_page_title(line) or _parted_page_title(line.text)


def _parted_page_title(text: str) -> bool:
    """Is ``text`` cut by a page title's separators (:data:`_TITLE_SEPARATOR`: "Science : Harbour Radio",
    "tokio - Docs", "Store: Headphones: Electronics") into parts that each hold a letter, within
    :data:`_TITLE_CHARS`? A menu's entry or a "Skip to content" link has none."""
    if len(text) > _TITLE_CHARS:
        return False
    parts = _TITLE_SEPARATOR.split(text.strip())
    return len(parts) > 1 and all(_WORD_LETTERS.search(part) for part in parts)


def _page_title_stand_in(lines) -> str | None:
    """The title where the header's headline went astray or none was found: the page title's headline (the
    dump's first line without its site's name, :func:`_page_title`; its headline part, :func:`_before_bar`); or,
    where the page prints a headline that begins with it and goes on a little ("Pros and Cons of Tiny House Living: Why Live in a Tiny House?" of
    "Pros and Cons of Tiny House Living | Site": word F1 :data:`_FULLER_TITLE_F1` at least of their topic
    words), that line: the page title shortened it."""
    page = _peek(lines, 0)
    title = _page_title(page)
    if len(page.text) > _FIRST_LINE_TITLE_CHARS:
        return _before_bar(title)
    named = frozenset(_TITLE_WORD.findall(title.lower()))
    words = frozenset(word for word in page.features.content if word in named)
    if len(words) < _FULLER_TITLE_WORDS:
        return _before_bar(title)
    lowered, first_text = title.lower(), page.text.strip()
    texts = _texts(lines)
    for i in range(1, len(texts)):
        text = texts[i]
        # (the text first: most lines do not begin with the title)
        if (len(title) < len(text) <= _TITLE_CHARS and text[:len(title)].lower() == lowered
                and _GOES_ON.match(text, len(title)) and text.strip() != first_text and _headline_shaped(
                    line := _peek(lines, i)) and _word_overlap(words, line.features.content) >= _FULLER_TITLE_F1):
            return text
    return _before_bar(title)


#: A printed headline that begins with the page title's stands in for it where the page title's headline has this
#: many topic words at least, the line goes on with a word ("…: Why Live in a Tiny House?") and shares this much
#: of their topic words (word F1: a subtitle, not a paragraph that begins with the product's name).
_FULLER_TITLE_WORDS = 3
_FULLER_TITLE_F1 = 0.5
_GOES_ON = lazy_compile(r"\W*\w")


def _lead_in(line) -> bool:
    """Does the header line end with a colon: a label or a lead-in to what follows ("Erik Demaine's Folding
    and Unfolding:", "In this article:"), which a headline never is (its colon, if any, is inside: "Wine for
    Beginners: A Guide")?"""
    return line.features.ends_colon


def _signature(page_title: str) -> list[str] | None:
    """The run of a page title's parts (lower case) after its headline, where the site signs with more than one
    ("exploring usb commands - ann lee - cyber security": ["ann lee", "cyber security"]), or None: a header
    line that prints them ("Ann Lee – Cyber Security") is the site's masthead, as its last part alone is
    (:func:`_site_part`), not the headline."""
    parts = _site_separated(page_title)
    return [part.strip() for part in parts[1:]] if len(parts) >= 3 else None


def _repeating(lines, first: int, titles: "tuple[_TitlePart, ...]") -> list[int]:
    """The index of each line above ``first`` (not the page title itself, line 0) of a headline's size that,
    in lower case, repeats one of the titles (:meth:`_TitlePart.similar`). In the core where it holds the
    lines (``NativeLines.repeating_titles``, the same figures on its lines lower-cased as ``str.lower`` does:
    no lower-case copy of each made here; the sizes checked here, of the few it finds); this is the
    reference."""
    native = getattr(lines, "repeating_titles", None)
    if native is not None:
        found = native([title.text for title in titles], 1, first, _REPEAT_SIMILARITY)
        return [i for i in found if _headline_sized(_text_at(lines, i).lower())]
    lowered = [text.lower() for text in _texts(lines, first)[1:first]]
    by_length = _titles_by_length(titles)
    return [k + 1 for k, line in enumerate(lowered)
            if (alike := by_length.get(len(line))) and _headline_sized(line) and any(
                title.similar(line) for title in alike)]


def _headline_sized(lowered: str) -> bool:
    """Is a line short enough to be compared with the page title (:data:`_TITLE_CHARS`), and of two words
    or more?"""
    return len(lowered) <= _TITLE_CHARS and len(lowered.split()) >= 2


class _TitlePart:
    """A page title's part (:func:`_title_parts`) that lines are compared with: its characters counted once
    for every line, and difflib's matcher, whose index of the part is made only when a line comes near."""

    __slots__ = ("text", "_counts", "_matcher")

    def __init__(self, text: str) -> None:
        self.text = text
        self._counts: tuple[tuple[str, int], ...] | None = None
        self._matcher: SequenceMatcher | None = None

    @property
    def counts(self) -> tuple[tuple[str, int], ...]:
        """Each character of the part, with how often it occurs (counted at the first line of a length
        alike the part's)."""
        if self._counts is None:
            text = self.text
            self._counts = tuple((char, text.count(char)) for char in dict.fromkeys(text))
        return self._counts

    def similar(self, lowered: str) -> bool:
        """The part and the line are alike (:data:`_REPEAT_SIMILARITY`): equal, or difflib's ratio reaches it
        (its cheap upper bounds first: :meth:`near`)."""
        return self.near(lowered) and self.alike(lowered)

    def near(self, lowered: str) -> bool:
        """Whether the line may be alike the part: equal, or difflib's cheap upper bounds of the ratio reach
        :data:`_REPEAT_SIMILARITY` (the lengths, then the characters in common: its ``quick_ratio``, the same
        figure). Most lines are nothing like the title: only the few near it are compared (:meth:`alike`)."""
        title = self.text
        if lowered == title:
            return True
        if not _alike_lengths(len(lowered), len(title)):
            return False
        return 2.0 * _common_chars(lowered, self.counts) / (len(lowered) + len(title)) >= _REPEAT_SIMILARITY

    def alike(self, lowered: str) -> bool:
        """The part and a line :meth:`near` it are alike: equal, or difflib's ratio reaches
        :data:`_REPEAT_SIMILARITY`."""
        title = self.text
        if lowered == title:
            return True
        if self._matcher is None:
            from difflib import SequenceMatcher  # lazy: most dumps have no line near a title part (~1 ms a start)

            self._matcher = SequenceMatcher(None, "", title)
        self._matcher.set_seq1(lowered)
        return self._matcher.ratio() >= _REPEAT_SIMILARITY


def _common_chars(text: str, counts: "tuple[tuple[str, int], ...]") -> int:
    """How many characters ``text`` has in common with a string whose characters are ``counts`` (each
    character as often as the fewer of its two counts): difflib's ``quick_ratio`` bound, each count made by
    ``str.count`` instead of a loop over ``text`` in Python."""
    count = text.count
    common = 0
    for char, n in counts:
        k = count(char)
        common += n if n < k else k
    return common


def _alike_lengths(a: int, b: int) -> bool:
    """May strings of lengths ``a`` and ``b`` be alike (:data:`_REPEAT_SIMILARITY`)? Their ratio is at most
    2·min(a, b) / (a + b)."""
    return 2 * min(a, b) >= _REPEAT_SIMILARITY * (a + b)


def _titles_by_length(titles: "tuple[_TitlePart, ...]") -> dict[int, tuple[_TitlePart, ...]]:
    """Every length a line (lower case) may have and be alike one of the titles, with the titles it may be
    alike: for each title, the lengths :func:`_alike_lengths` allows are one run around its own. Most lines
    of a page are far shorter or longer than its title, and are passed over without a comparison; the
    others are compared with the titles of their length only."""
    by_length: dict[int, tuple[_TitlePart, ...]] = {}
    for title in titles:
        b = len(title.text)
        low = int(b * _REPEAT_SIMILARITY / (2 - _REPEAT_SIMILARITY))
        while low > 0 and _alike_lengths(low - 1, b):
            low -= 1
        while not _alike_lengths(low, b):
            low += 1
        high = max(b, int(b * (2 - _REPEAT_SIMILARITY) / _REPEAT_SIMILARITY))
        while high > b and not _alike_lengths(high, b):
            high -= 1
        while _alike_lengths(high + 1, b):
            high += 1
        for length in range(low, high + 1):
            by_length[length] = by_length.get(length, ()) + (title,)
    return by_length


def _texts(lines, stop: int | None = None) -> Sequence[str]:
    """The lines' texts, at least the first ``stop`` (all without it): from the core when it holds the lines
    (``NativeLines.texts``), so that comparing many lines with the page title makes no Line object for each,
    and the texts of the lines under the header are not copied."""
    texts = getattr(lines, "texts", None)
    if texts is not None:
        return texts(stop)
    return [line.text for line in (lines if stop is None else islice(lines, stop))]


def _index(texts: Sequence[str], text: str | None, start: int, stop: int) -> int | None:
    """The first ``i`` of ``start``..``stop`` where ``texts[i] == text``, or None: ``list.index``'s loop, not one
    of Python's for each line (the header's window may be a long menu)."""
    if text is None:
        return None
    try:
        return texts.index(text, start, stop)
    except ValueError:
        return None


def _peek(lines, i: int):
    """Line ``i`` to be read, not relabelled: from the core when it holds the lines (``NativeLines.peek``: no
    Line made for the many header lines the metadata reads and leaves as they are); a decision takes
    ``lines[i]``."""
    peek = getattr(lines, "peek", None)
    return lines[i] if peek is None else peek(i)


def _peeker(lines) -> Callable[[int], object]:
    """What :func:`_peek` calls, looked up once for a loop over the header's lines."""
    return getattr(lines, "peek", None) or lines.__getitem__


def _open(line) -> bool:
    """May the text's metadata relabel the line? Not when the markup or a profile decided it."""
    return line.authority < _MARKUP


#: (an enum's member read from its class costs more than the comparison on Python 3.11: read once here)
_MARKUP = Authority.MARKUP


def _header_end(doc: Document) -> int | None:
    """Where the header ends: the first body line that holds a sentence of prose, else the first body line.

    Lines the native core decided know it already (``NativeLines.first_prose``, found by the same rule),
    so the lines above it need not be made into Python objects.
    """
    lines = doc.lines
    if isinstance(lines, CoreLines):
        return lines.first_prose
    first = first_body(lines, holds_sentence)
    return first if first is not None else first_body(lines)


def _headline_over_dateline(lines, first: int, after: int, dates: list[int], bylines: list[int],
                            picks: tuple[int | None, int | None]) -> tuple[int | None, int | None]:
    """The headline picks (the window's and the anchored one, :meth:`MetadataStage._pick_titles`), or the
    headline over the dateline under the first prose line: a blog's header prints its name, its tagline (a
    sentence: the first prose line, ``first``), then the post's title right over its dateline ("朝の散歩を始めて
    一か月" / "2024-05-12 07:48:13"), the post under them (from ``after``). The line right over the credit (past
    a byline over the dateline), of a headline's size and no sentence, is the title; a line further up is the
    blog's name. Not where a pick stands over a credit of its own or shares the page title (the article's
    headline, over a standfirst), nor where the text under the credit holds another dateline (a list of
    teasers, each a summary, a headline and its date: "Recent Events & Announcements")."""
    credits = set(dates).union(bylines)
    found = None
    for dateline in dates:
        if not first < dateline < after:
            continue
        over = dateline - 1
        while over in credits:
            over -= 1
        line = _peek(lines, over)
        if over > first and _open(line) and _headline_shaped(line) and not line.features.ends_sentence:
            found = over
            break
    if found is None or any(pick is not None and (_shares_page_title(lines, pick) or not credits.isdisjoint(
            range(pick + 1, pick + 1 + _NEAR_CREDIT))) for pick in picks):
        return picks
    if any(DATE_NEEDLE.search(_text_at(lines, i)) and _is_date(_peek(lines, i))
           for i in range(after, min(len(lines), after + _CREDIT_BELOW))):
        return picks
    return found, found


def _headline_under_dateline(lines, first: int, dates: list[int],
                             picks: tuple[int | None, int | None]) -> tuple[int | None, int | None]:
    """The headline picks, or the post's title right under the header's dateline: a blog platform's header
    prints the blog's name, its tagline, the day's date, then the post's title over its text ("Jane's Garden
    Notes" / "Monday, October 10, 2011" / "Planting garlic in October", under the page title "Jane's Garden Notes:
    Planting garlic in October"). Both the blog's name and the post's title repeat a part of the page title, and
    the date under the name made it the pick. Where the picks (above the dateline) print the page title's first
    part alone, or the page title whole, and the one line between the dateline and the text (of a headline's
    size, no sentence) prints the rest, that line is the post's title."""
    under = first - 1
    if under - 1 not in dates or under in dates or any(pick is None or pick > under - 1 for pick in picks):
        return picks
    line = _peek(lines, under)
    page_title = _text_at(lines, 0)
    if not (_open(line) and _headline_shaped(line) and not line.features.ends_sentence) \
            or len(page_title) > _FIRST_LINE_TITLE_CHARS:
        return picks
    whole = page_title.strip().lower()
    parts = [part.strip() for part in _TITLE_SEPARATOR.split(page_title.lower()) if part.strip()]
    if len(parts) < 2 or any(_text_at(lines, pick).strip().lower() not in (parts[0], whole) for pick in picks) \
            or line.text.strip().lower() not in (*parts[1:], " ".join(parts[1:])):
        return picks
    return under, under


def _shares_page_title(lines, i: int | None) -> bool:
    """Does header line ``i`` repeat the page title (the dump's first line), as :meth:`MetadataStage._pick_titles`
    weighs it (:func:`shares_title`)?"""
    if not i:
        return False
    page = _peek(lines, 0)
    if len(page.text) > _FIRST_LINE_TITLE_CHARS:
        return False
    line = _peek(lines, i)
    return shares_title(line.text.lower(), line.features, page.text.lower(), frozenset(page.features.content),
                        TITLE_SHARE)


def _header_above_headline(doc: Document, start: int, title_at: int) -> None:
    """Where the headline stands under the first prose line (:func:`_headline_over_dateline`), the body lines of
    the header's window above it are the page's header: the blog's tagline, its description. The article is
    what follows its headline."""
    peek = _peeker(doc.lines)
    for i in range(start, title_at):
        line = peek(i)
        if line.label == BODY and _open(line):
            doc.decide(doc.lines[i], BOILERPLATE, "header above the headline", Authority.SOFT)


def _taxonomy_under_credit(doc: Document, texts: Sequence[str], first: int, after: int, credits: list[int]) -> None:
    """A line of the article's tags or categories (:data:`TAXONOMY_LINE`: "テーマ：ブログ", "Category: News")
    right under the header's byline or dateline, above the text (``after``), is header, not body: the credit
    block's last line ("2024-05-12 07:48:13" / "テーマ：ブログ"), where a standfirst stands over the block."""
    lines = doc.lines
    for credit in credits:
        i = credit + 1
        if i < max(first, after) and i not in credits and TAXONOMY_LINE.match(texts[i]):
            line = _peek(lines, i)
            if line.label == BODY and _open(line) and not line.features.ends_sentence:
                doc.decide(lines[i], BOILERPLATE, "the article's tags under its credit", Authority.SOFT)


def _is_date(line) -> bool:
    """Is the line a dateline: a timestamp, a line the shapes took for one, or a date the parser reads; not
    a photo credit (the cheaper tests first: most lines are no date)."""
    f = line.features
    text = line.text
    if f.words > _DATELINE_WORDS:
        # A longer line: one of short parts, or one the shapes took for a dateline ("Posted by Ann on Friday
        # December 19, 2025 @08:00PM from the tools dept."), with a date the parser reads.
        return ((_parted_dateline(text, f) or (line.signal == "dateline" and f.words <= _PARTED_DATELINE_WORDS))
                and parse_date(text) is not None and not is_credit(text, f.words))
    # (the shapes' signal first: a line they took for a dateline is not matched with the timestamps' forms; then the
    # date the parser reads, which the publication's date asks of the same text again (remembered), before the
    # timestamps' forms, whose ages and months' names ``re`` tries word by word)
    if not (line.signal == "dateline" or (DATE_OR_TIME.search(text) and parse_date(text)) or
            TIMESTAMP_LIKE.match(text) or (f.words <= 2 and _DAY_OF_YEAR.match(text))):
        return False
    return not is_credit(text, f.words)


#: Every month's name, the longest first, grouped by their first letters for ``re`` (:func:`first_char_alternatives`:
#: the same matches, ~4x faster where none is found).
_MONTHS = first_char_alternatives(sorted((name for names in MONTH_NAMES.values() for name in names),
                                         key=lambda name: len(re.escape(name)), reverse=True))
#: A day without its year, alone on a line ("Jan 23", "23. Januar", "4 juin"): a blog template's dateline for a
#: post of this year. It names no date the parser could give (no year), but it is the header's dateline: the
#: name beside it is the byline ("Gabo" / "Jan 23" / "11 min read").
#: (Compiled at its first use, not at import: its months' names are ~1.6 ms of a start.)
_DAY_OF_YEAR = lazy_compile(rf"^(?:(?:{_MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?|\d{{1,2}}\.?\s+(?:{_MONTHS})\.?)$", re.I)
#: A year as a headline or a header line prints it ("Top 7 Catering Trends for 2024", "© 2025").
_PRINTED_YEAR = lazy_compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")


def _day_in_headline_year(lines, texts: Sequence[str], dates: list[int], title_at: int, header: range) -> str | None:
    """Where the header's dateline is a day without its year (:data:`_DAY_OF_YEAR`: a blog template's "Aug 15"
    under "Top 7 Corporate Catering Trends for 2024"), the day in the one year the header prints: its headline
    names it, and no line of the header (``header``: the window and the credit block) names another. A day
    alone, or a header that prints two years (a list "of 2026" dated in 2025, a copyright's year), gives
    none: a wrong date is worse than none. Only a dateline within :data:`_NEAR` lines of the headline
    (``title_at``), not under an update's label ("Updated:" over "Sep 19"). Value only."""
    day = next((d for d in dates if abs(d - title_at) <= _NEAR and _DAY_OF_YEAR.match(texts[d].strip())
                and not (d > 0 and _update_label(texts[d - 1]))), None)
    if day is None:
        return None
    years = {year for i in header if i < len(texts) for year in _PRINTED_YEAR.findall(texts[i])}
    if len(years) != 1 or not _PRINTED_YEAR.search(texts[title_at]):
        return None
    return parse_date(f"{texts[day].strip()} {years.pop()}")


#: A line that begins with a date ("May 22, 2024 in Planning", "22 May …", "2024-05-22 …"): no dated headline.
_DATE_FIRST = lazy_compile(rf"^\W*(?:(?:{_MONTHS})\.?\s+\d|\d{{1,4}}[/.-]\d{{1,2}}[/.-]\d|\d{{1,2}}\.?\s+(?:{_MONTHS})\b)",
                           re.I)


#: A dateline has at most this many words; a line of parts ("On Behalf of Ann Lee LLP | Apr 21, 2017 | Law")
#: this many in each part, and at most :data:`_PARTED_DATELINE_WORDS` in all.
_DATELINE_WORDS = 12
_PARTED_DATELINE_WORDS = 24


def _parted_dateline(text: str, f) -> bool:
    """Whether a line longer than a dateline is one made of parts ("By Ann Lee, Bo Li, Cy Ma on March 12, 2026
    | Comments"): two or more, none longer than a dateline, not a sentence."""
    if f.words > _PARTED_DATELINE_WORDS or f.ends_sentence:
        return False
    parts = dateline_parts(text)
    return len(parts) > 1 and all(len(part.split()) <= _DATELINE_WORDS for part in parts)


def _dateline_as_prose(line) -> bool:
    """Is the first line of prose the dateline itself, as the shapes took it ("Posted by Ann on Friday May 5,
    2025 @08:00PM from the tools dept.")? Not a sentence that holds a date ("Originally published in March
    2022. Last updated on May 5, 2025.")."""
    if line.signal != "dateline" and line.features.words > _DATELINE_WORDS and not _is_date(line):
        return False      # (a line of prose the date test turns down on its words: not matched with the timestamps)
    return (line.signal == "dateline" or TIMESTAMP_LIKE.match(line.text) is not None) and _is_date(line)


def _credit_as_prose(line) -> bool:
    """Is the first line of prose the header's dateline (:func:`_dateline_as_prose`) or a byline with the
    author's role, long enough for the shapes to take it for prose (:func:`_credit_with_role`)?"""
    if _dateline_as_prose(line):
        return True
    f = line.features
    if f.words <= BYLINE_MAX_WORDS or f.words > _PARTED_DATELINE_WORDS or f.ends_sentence:
        return False
    return _credit_with_role(line.text, byline_name(line.text), f)


def _may_be_dates(lines, texts: Sequence[str], indices: Iterable[int]) -> Iterator[int]:
    """The lines of ``indices`` (in order) that may be datelines (:func:`_is_date`): the others' texts hold
    no :data:`DATE_NEEDLE` and the shapes did not take them for one. Read from their texts and signals,
    without making the lines (the signals' reader looked up once); as they are asked for (a search for the
    nearest dateline reads no further). Where the core holds the lines, the needle's lines of a list of indices
    (the header's) are the core's screen of those lines (:func:`_screened_at`, ``"date_needle"``), not each
    text searched here."""
    signal = _signals(lines)
    if isinstance(indices, list) and isinstance(lines, CoreLines):
        needled = frozenset(_screened_at(lines, ("date_needle",), indices)[0])
        return (i for i in indices if i in needled or signal(i) == "dateline")
    needle = DATE_NEEDLE.search
    return (i for i in indices if needle(texts[i]) is not None or signal(i) == "dateline")


def _may_be_bylines(lines, texts: Sequence[str], scan: list[int], dates: list[int]) -> list[int]:
    """The lines of ``scan`` (in order) but the ``dates`` that may be bylines (:func:`_is_byline`), read from
    the texts without making the lines: a line that opens with no byline's prefix (:func:`byline_name` is
    None) nor an agency's name, under no "By" alone, with no dateline within two lines of it
    (:func:`_beside_date`), is none. The openings and the agencies are the core's screens of the scan's lines
    where it holds the lines (:func:`_screened_at`, no text matched here), else each text is matched once; most
    of a header's lines are passed over."""
    if not scan:
        return []
    scanned = set(scan)
    above = [i - 1 for i in scan if i > 0 and i - 1 not in scanned]
    opening, agency = _screened_at(lines, ("byline_opening", "agency_byline"), [*scan, *above])
    opening, agency = set(opening), frozenset(agency)
    beside = {d + gap for d in dates for gap in (-2, -1, 1, 2)}
    taken = set(dates)
    return [i for i in scan if i not in taken and (i in opening or i - 1 in opening or i in beside or i in agency)]


def _signal(lines, i: int) -> str | None:
    """Line ``i``'s signal (:func:`_signals`)."""
    return _signals(lines)(i)


def _signals(lines) -> Callable[[int], str | None]:
    """What reads a line's signal: the core's column where it holds the lines (``NativeLines.signal``, no
    Line made), else the line's own; looked up once for a scan of many lines."""
    return getattr(lines, "signal", None) or (lambda i: lines[i].signal)


#: How far under the first line of prose a "By …" line beside its dateline is still the header's: a standfirst
#: of two paragraphs and a photo credit may stand between.
_CREDIT_BELOW = 8


def _credit_block_end(lines, texts: Sequence[str], first: int, stoplist: frozenset[str]) -> int:
    """Where the header's byline block under the first line of prose ends (the index after it), or ``first``
    where there is none: a standfirst (or two, and a photo credit) may come before "By Daryl Austin" /
    "Published March 9, 2026". Only a "By …" line with a dateline beside it (or in it), or a bare name over a
    dateline (:func:`_bare_name_by_date`), counts: a "By …" line alone below the first prose is as often a
    quote's or a photo's."""
    under = list(range(first + 1, min(len(lines), first + 1 + _CREDIT_BELOW)))
    # (a byline's opening, the core's screen of these lines where it holds them: most open none, and give no name)
    opening = frozenset(_screened_at(lines, ("byline_opening",), under)[0])
    for i in under:
        if i not in opening or not byline_name(texts[i]):         # (from the text first: no line made for most)
            if _bare_name_by_date(lines, texts, i, stoplist):
                return i + 2
            continue
        f = _peek(lines, i).features
        if f.ends_sentence or (f.words > BYLINE_MAX_WORDS and not _parted_dateline(texts[i], f)):
            continue
        dated = [j for j in (i, i + 1, i - 1) if 0 <= j < len(lines) and _is_date(_peek(lines, j))]
        if dated:
            return max(i, *dated) + 1
    return first


#: A bare name line is no longer than this in characters (five words).
_BARE_NAME_CHARS = 60


def _bare_name_by_date(lines, texts: Sequence[str], i: int, stoplist: frozenset[str]) -> bool:
    """Whether line ``i`` is a bare name with a dateline that names a day right under it ("Ann Lee" / "Dec 19,
    2025"; not a video's "0:46"): a byline block under a standfirst, as a "By …" line is."""
    if len(texts[i]) > _BARE_NAME_CHARS or not texts[i][:1].isupper() or i + 1 >= min(len(lines), len(texts)):
        return False         # (the cheap tests first: most lines under the first prose are prose)
    if _DIGIT.search(texts[i + 1]) is None or not TIMESTAMP_LIKE.match(texts[i + 1]) or parse_date(texts[i + 1]) is None:
        return False
    return _bare_name(texts[i], stoplist) == texts[i] and _is_date(_peek(lines, i + 1))


#: Where a sentence ends inside a line: its stop (a closing quote or bracket may follow) and the space after it.
_SENTENCE_END = lazy_compile(r"[.!?…][\"”’)]?\s+")


def _credit_sentence(text: str) -> str | None:
    """A line's last sentence where it is a dated credit run into the line: "The chain is growing beyond the U.S.
    and Canada. By Lisa Jennings on Dec. 19, 2025" gives "By Lisa Jennings on Dec. 19, 2025" (a standfirst and
    its credit printed as one line). A byline's opening and a name (:func:`byline_name`), a dateline's length, a
    date the parser reads; else None. Only the line's last dateline's length is read."""
    if _DIGIT.search(text) is None:
        return None
    for end in reversed(list(_SENTENCE_END.finditer(text))):
        tail = text[end.end():]
        if len(tail.split()) > _DATELINE_WORDS:
            return None
        if BYLINE_OPENING_TRIED.match(tail):
            return tail if byline_name(tail) and parse_date(tail) is not None else None
    return None


def _credit_sentence_in(lines, texts: Sequence[str], scan: list[int]) -> str | None:
    """The first dated credit run into a header line's end (:func:`_credit_sentence`) of the lines ``scan``. Where
    the core holds the lines, only those with a date's needle are read (:data:`DATE_NEEDLE`: a credit's date has a
    digit, and the needle is in every line with one), as the core screened them for the header's datelines
    (:func:`_may_be_dates`, the same lines: ``NativeLines.screened_at`` remembers it)."""
    needled = _screened_at(lines, ("date_needle",), scan)[0] if isinstance(lines, CoreLines) else scan
    return next(filter(None, (_credit_sentence(texts[i]) for i in needled)), None)


def _credited_sentence(lines, texts: Sequence[str], scan: list[int]) -> str | None:
    """The name of the first dated credit run into a header line's end (:func:`_credit_sentence`); value only."""
    credit = _credit_sentence_in(lines, texts, scan)
    return byline_name(credit) if credit is not None else None


def _named_beside(lines, dated: list[int], stoplist: frozenset[str]) -> str | None:
    """The bare name beside a dateline found above the header's window (:func:`_dated_above`: "Andrew King /
    September 4, 2025" over a long table of contents); value only, as the date."""
    for d in dated:
        for i in (d - 1, d + 1, d - 2, d + 2):
            if 0 <= i < len(lines) and _beside_date(lines, i, [d]) and not DATE_OR_TIME.search(_peek(lines, i).text):
                name = _bare_name(_peek(lines, i).text, stoplist)
                if name:
                    return name
    return None




def _published(lines, dates: list[int], day_first: bool) -> str | None:
    """The publication date of the header's datelines (:func:`_publication`), else the first update's (not a
    date of someone else's: :func:`_dated_by_another`; not one of a list of like updates: :func:`_listed_update`)."""
    # (each line's date first, as :func:`_publication`: a line that names none is not read for whose it is)
    return _publication(lines, dates, day_first) or next(
        (found for i in dates if (found := parse_date(_peek(lines, i).text, day_first))
         and not _dated_by_another(lines, i, day_first) and not _listed_update(lines, i, day_first)
         and not _dates_a_teaser(lines, i)), None)


#: An update's dateline printed in the same words as this many others or more, each naming another day, is one of
#: a list's (a product page's customer reviews, a changelog).
_LISTED_UPDATES = 3
#: A dated update's line is short: longer lines are prose that mentions an update.
_UPDATE_LINE_CHARS = 120


def _listed_update(lines, i: int, day_first: bool) -> bool:
    """Whether update dateline ``i`` is one item of a list of updates: the page prints its words (:func:`_date_words`:
    "reviewed in the united states on" of "Reviewed in the United States on December 6, 2024") on
    :data:`_LISTED_UPDATES` lines or more (itself among them) that name as many different days; a product page's
    customer reviews, each dated by its own act, not the page's update. A page's own "Updated Dec. 23, 2024, 1:24
    PM EST / Source: TODAY" over its teasers' "/ Updated Dec. 19, 2025" is no list: their words differ. Read only
    where an update's date would be the page's (most pages give a publication date first)."""
    text = _text_at(lines, i)
    if not is_update(text):
        return False
    words = _date_words(text)
    days: set[str] = set()
    texts = _TextsRead(lines)
    # (the lines with a digit, found by the core where it holds the lines: a page's prose is not walked here)
    for j in _may_be_dated(lines, texts, range(len(texts)), _ANY_WORDS):
        other = texts[j]
        if len(other) > _UPDATE_LINE_CHARS or not is_update(other) or _date_words(other) != words:
            continue
        day = parse_date(other, day_first)
        if day is not None:
            days.add(day)
            if len(days) >= _LISTED_UPDATES:
                return True
    return False


#: Every month's name the lexicon knows, in every language (a dateline's words leave them out).
_MONTH_NAME_SET = frozenset(name for names in MONTH_NAMES.values() for name in names)


def _date_words(text: str) -> tuple[str, ...]:
    """A dateline's words apart from its date's: its letters' words, lower case, but the months' names."""
    return tuple(word for word in _WORD_LETTERS.findall(text.lower()) if word not in _MONTH_NAME_SET)


def _publication(lines, dates: list[int], day_first: bool) -> str | None:
    """The first of the datelines that names a day ("3 hours ago" above "May 5, 2025" names none) and is not
    an update's: neither in its words ("Updated June 1, 2025") nor under a label that says so ("Last update:"
    over "July 16, 2025"); nor someone else's (:func:`_dated_by_another`: "Joined: …", "Commented …")."""
    for i in dates:
        # (the date first: a dateline that gives none, "5 min read", is passed over without the tests of whose it
        # is, which read its neighbours)
        found = publication_date(_peek(lines, i).text, day_first)
        if not found or (i > 0 and _update_label(_text_at(lines, i - 1))) or _dated_by_another(lines, i, day_first) \
                or _dates_a_teaser(lines, i):
            continue
        return found
    return None


def _dates_a_teaser(lines, i: int) -> bool:
    """Whether dateline ``i`` is one item's of a list of other articles: the shapes took it for a part of a headline
    list (a headline, a byline, a timestamp, repeated: "MORE STORIES LIKE THIS ONE" / "AUTO NEWS" / a teaser's
    headline / "October 18, 2019", six times over, in the window above the text). Each names its own article's day;
    a list of them dates none of the page's (value only: the line keeps its label)."""
    return _signal(lines, i) == "headline list"


def _day_in_url_month(lines, dates: list[int], url: str | None) -> str | None:
    """The first of the header's datelines that names the publication's day without its year, in the year of the
    URL's /2019/11/ where it names the same month (:func:`cleaner.dates.publication_day_in_url_month`); as
    :func:`_publication`, not under an update's label, nor someone else's, nor a teaser's. Value only."""
    if url is None:
        return None
    for i in dates:
        # (the day first, as :func:`_publication`: most datelines name none in the URL's month)
        found = publication_day_in_url_month(_text_at(lines, i), url)
        if not found or (i > 0 and _update_label(_text_at(lines, i - 1))) or _dated_by_another(lines, i, False) \
                or _dates_a_teaser(lines, i):
            continue
        return found
    return None


#: A year alone on a line ("2021" under "March 3,"): the end of a dateline its template broke in two.
_YEAR_LINE = lazy_compile(r"^\s*((?:19|20)\d{2})\s*$")
#: The first line of a dateline broken in two has at most this many words ("Wednesday, March 3,").
_SPLIT_DATELINE_WORDS = 5


def _split_dateline(lines, texts: Sequence[str], scan: list[int], day_first: bool) -> str | None:
    """The publication date of a header dateline broken over two lines: a day without its year ("March 3,",
    "Wednesday, 3 March": :func:`cleaner.dates.names_yearless_day`) on a line of ``scan`` (the header's), the next line
    a year alone (:data:`_YEAR_LINE`); the two read as one dateline (:func:`cleaner.dates.publication_date`: not an
    update's, "Updated March 3," / "2021"), not under an update's label, nor someone else's or a teaser's (as
    :func:`_publication`). Value only: the lines keep their labels."""
    for i in scan:
        if i + 1 >= len(texts) or (year := _YEAR_LINE.match(texts[i + 1])) is None:
            continue
        text = texts[i]
        if len(text.split()) > _SPLIT_DATELINE_WORDS or not names_yearless_day(text) or parse_date(text):
            continue
        if (i > 0 and _update_label(texts[i - 1])) or _dated_by_another(lines, i, day_first) \
                or _dates_a_teaser(lines, i):
            continue
        found = publication_date(f"{text.strip().rstrip(',')} {year.group(1)}", day_first)
        if found:
            return found
    return None


def _dated_by_another(lines, i: int, day_first: bool) -> bool:
    """Whether dateline ``i`` dates someone else's act (:func:`cleaner.dates.dates_another`: a comment, an
    answer, a member's joining), in its own words or in those of the line beside it that names the same day: a
    Q&A page prints a comment's machine timestamp ("2021-07-04 15:54:20 +00:00") over its "Commented Jul 4,
    2021 at 15:54"; neither is the question's date."""
    text = _text_at(lines, i)
    dated = next((part for part in dateline_parts(text) if parse_date(part, day_first)), text)
    if dates_another(dated) or _dates_a_reply(lines, i) or _under_others_label(lines, i):
        return True
    day = None
    # (the neighbours that date another's act: the core's screen of the two where it holds the lines, as a
    # neighbour is often a paragraph, which the whole words' search tries at most positions)
    for j in _screened_at(lines, ("others_date",), [j for j in (i - 1, i + 1) if 0 <= j < len(lines)])[0]:
        day = day or parse_date(text, day_first)
        if day is not None and parse_date(_text_at(lines, j), day_first) == day:
            return True
    return False


def _post_number(text: str) -> int | None:
    """The forum post's number a line prints as one of its parts (:data:`POST_NUMBER`: "#5 · Jan 16, 2024") or
    alone ("#21"), or None."""
    if "#" not in text:
        return None
    found = next(filter(None, (POST_NUMBER.match(part) for part in dateline_parts(text))), None)
    if found is None and (found := _POST_NUMBER_FIRST.match(text)) and parse_date(text[found.end():]) is None:
        found = None    # ("#1 2025-11-01 15:14:37": the number, a space, the post's timestamp)
    return int(found.group(1)) if found else None


#: A post's number opening its dateline before a space ("#1 2025-11-01 15:14:37"); the rest must be a date.
_POST_NUMBER_FIRST = lazy_compile(r"^\s*#(\d{1,6})\s+(?=\S)")


def _beside_post_number(lines, i: int) -> int | None:
    """The post's number printed on dateline ``i`` or alone on the line beside it (a thread's template prints its
    date over the post's "#21", or "#5 · Jan 16, 2024"), or None."""
    for j in (i, i + 1, i - 1):
        # (a "#" first: a post's number holds one, and most datelines and their neighbours none)
        if 0 <= j < len(lines) and "#" in (text := _text_at(lines, j)) and (j == i or POST_NUMBER.match(text)):
            number = _post_number(text)
            if number is not None:
                return number
    return None


def _dates_a_reply(lines, i: int) -> bool:
    """Whether dateline ``i`` is a reply's in a thread: a post's number above 1 on it or beside it ("Sep 23, 2024"
    over "#21"), or a reply's subject right over it ("Re: Turning off the LEDs" / "Wed Dec 27, 2023 10:00 am"). The
    thread's date is its opening post's; a reply's date is someone else's act, as a comment's."""
    number = _beside_post_number(lines, i)
    if number is not None:
        return number > 1
    return any(REPLY_SUBJECT.match(_text_at(lines, j)) for j in range(max(0, i - _REPLY_SUBJECT_ABOVE), i))


#: A reply's subject stands at most this many lines over its dateline (the subject, a blank line, the date).
_REPLY_SUBJECT_ABOVE = 2

#: A label alone over another's date has at most this many words ("Joined", "Member since:").
_OTHERS_LABEL_WORDS = 3


def _under_others_label(lines, i: int) -> bool:
    """Whether dateline ``i`` stands under a line that only labels someone else's act (:func:`dates_another`:
    "Joined" over "Jun 4, 2024" in a forum member's box): the label's date, not the publication's."""
    if i == 0:
        return False
    label = _text_at(lines, i - 1)
    return (len(label.split()) <= _OTHERS_LABEL_WORDS and _DIGIT.search(label) is None
            and dates_another(label))


def _opening_post(lines, texts: Sequence[str], dates: list[int], end: int) -> int | None:
    """Where the header has no dateline, or its datelines are a thread's posts' (a post's number on one or beside
    it: "#2 · Aug 5, 2023", "Sep 23, 2024" over "#21"), the opening post's dateline ("#1" on it or beside it), the
    first above ``end``: the thread's date is its opening post's, which may stand above the header the body's
    start found (a reply's text taken for the article), or below its author's joining day. The line by "#1" may
    be the post's first line, opening with its date ("2019-02-23, 09:14 PM (This post was last modified: …")."""
    if dates and not any(_beside_post_number(lines, i) is not None for i in dates):
        return None
    for j in _containing(lines, "#", 0, min(end, len(texts))):    # (a few lines, if any)
        if _post_number(texts[j]) == 1:
            # (a neighbour labelled as the post's own date first: "#1" between a member's box's unlabelled
            # joining day, "January 7, 2020", and "Posted April 18, 2024")
            near = sorted((d for d in (j, j - 1, j + 1) if 0 <= d < len(texts)),
                          key=lambda d: not _posted_label(texts[d]))
            found = next((d for d in near if DATE_NEEDLE.search(texts[d])
                          and (_is_date(_peek(lines, d)) or _DATE_FIRST.match(texts[d]))), None)
            if found is not None:
                return found
    return None


#: "Posted" opening a forum post's dateline ("Posted April 18, 2024"); the other languages' publication labels are
#: :data:`PUBLISHED_LABEL`'s.
_POSTED = lazy_compile(r"^\s*posted(?!\w)", re.I)


def _posted_label(text: str) -> bool:
    """Whether a dateline opens with a label saying its date is the post's or the publication's ("Posted April 18,
    2024 (edited)", "Published: …")."""
    return _POSTED.match(text) is not None or PUBLISHED_LABEL.match(text) is not None


def _update_label(text: str) -> bool:
    """Whether a line only labels an update's date under it ("Last update:", "Updated on")."""
    return DATE_LABEL.match(text) is not None and is_update(text)


#: How far under the article's last body line its dateline may stand (a "Written by …" line, the tags, a
#: "Published" label between).
_FOOT_REACH = 8


def _last_body(lines) -> int | None:
    """The article's last body line: from the core's label column when it holds the lines
    (``NativeLines.last_body``, no Line made for the many lines of a page's footer)."""
    last_body = getattr(lines, "last_body", None)
    if last_body is not None:
        return last_body()
    return next((i for i in range(len(lines) - 1, -1, -1) if lines[i].label == BODY), None)


def _text_at(lines, i: int) -> str:
    """Line ``i``'s text: from the core when it holds the lines (``NativeLines.text``, no Line made)."""
    text = getattr(lines, "text", None)
    return text(i) if text is not None else lines[i].text


def _foot(lines, first: int, last: int | None) -> range:
    """The lines just under the article's last body line ``last``, up to :data:`_FOOT_REACH` of them, where
    blogs print the dateline and the credit; not past a list of other articles or the comments (their dates
    and names are theirs). Empty where the text has no body under its header."""
    if last is None or last < first:
        return range(0)
    end = min(len(lines), last + 1 + _FOOT_REACH)
    stop = next((i for i in range(last + 1, end) if _ends_foot(lines, i)), end)
    return range(last + 1, stop)


def _ends_foot(lines, i: int) -> bool:
    """Whether line ``i`` ends the article's foot (:data:`_FOOT_ENDS`): not the article's own tags or categories
    (:data:`TAXONOMY_LINE`: "Tags: harbour, storm", which the shapes call related) nor its author's box's label
    (:data:`AUTHOR_LABEL`: "About the author"), under which blogs print the post's dateline ("Monday, August 11th, 2025 | Categories: News")."""
    signal = _signal(lines, i)
    if signal not in _FOOT_ENDS:
        return False
    # (the article's own tags, and its author's box: "About the author", which the shapes call related)
    return not (signal == "related" and (TAXONOMY_LINE.match(text := _text_at(lines, i)) or AUTHOR_LABEL.match(text)))


def _dated_at_foot(lines, first: int, last: int | None, day_first: bool) -> str | None:
    """Where the header gives no date: the publication date of a dateline at the article's foot (:func:`_foot`:
    "Written by Ann Lee" / "April 8, 2024", "Posted on April 13, 2023 | Tags: …", "Published" / "August 30,
    2024"); not an update's ("Last updated on …" at the foot is the page's, not the article's), nor someone
    else's (:func:`_dated_by_another`: a comment's timestamp over its "Commented …", as in the header). Value
    only: the lines keep their labels."""
    for i in _foot(lines, first, last):
        if (DATE_NEEDLE.search(_text_at(lines, i)) and _open(line := _peek(lines, i)) and _is_date(line)
                and not _dated_by_another(lines, i, day_first)):
            found = publication_date(line.text, day_first)
            if found:
                return found
    return None


def _labelled_publication(lines, texts: Sequence[str], day_first: bool) -> str | None:
    """Where the header, the foot and the headline's block give no date: the date of the page's datelines that
    say their date is the publication's (:data:`PUBLISHED_LABEL`: "Published on November 5, 2025" under a long
    run of footnotes, out of the foot's reach; "Published:" alone over "Nov. 19, 2025" by a headline the body's
    start passed), where they all name one day. A label that says so is the evidence a bare date lacks; a list
    of teasers that labels each one's date names several days, and gives none. Value only: the lines keep their
    labels."""
    days = set()
    label = PUBLISHED_LABEL.match
    for i in _screened(lines, "published_label", 0, len(texts)):   # (a few, if any)
        text = texts[i]
        found = label(text)
        at = i if text[found.end():].strip() else i + 1   # ("Published" alone: the date is on the line under)
        if at < len(texts) and _is_date(line := _peek(lines, at)) and not dates_another(line.text):
            days.add(publication_date(line.text, day_first))
    days.discard(None)
    return days.pop() if len(days) == 1 else None


def _credited_at_foot(lines, first: int, last: int | None, stoplist: frozenset[str]) -> str | None:
    """Where the header names no author: the name of a "Written by …" or "Posted by …" line at the article's
    foot (:func:`_foot`; :data:`CREDITED_BY`: "By Ann Lee" alone there is as often a teaser's), a byline's
    length, not a sentence. A name of two words at least, none a label's: a single word down there is as often
    a menu's or a forum's handle; or the name an author's label stands by (:func:`_labelled_name`), or a
    line credits inside it (:func:`_credited_inside`). Value only."""
    for i in _foot(lines, first, last):
        text = _text_at(lines, i)
        if AUTHOR_LABEL.match(text):
            name = _labelled_name(lines, i, stoplist)
            if name:
                return name
            continue
        name = byline_name(text) if CREDITED_BY.match(text) else None
        if name and _full_name(name) and _words_up_to(text, BYLINE_MAX_WORDS + 1) <= BYLINE_MAX_WORDS \
                and not _peek(lines, i).features.ends_sentence:
            return name
        name = _credited_inside(text)
        if name:
            return name
    return None


def _credited_under_header(lines, first: int, stoplist: frozenset[str]) -> str | None:
    """Where the header and the foot name no author: a credit anywhere under the header's end, read from the
    lines that may hold one (:data:`_MAY_CREDIT`, matched once on each line's text: no line made for most):
    a "Written by …" line (:func:`_credited_in_text`), else an author's box headed with the name
    (:func:`_named_in_about`). Value only."""
    found = _may_credit(lines, first + 1)
    if not found:
        return None
    texts = _texts(lines)
    return _credited_in_text(lines, texts, found, stoplist) or _named_in_about(texts, found, stoplist)


def _may_credit(lines, start: int) -> list[int]:
    """The index of each line from ``start`` on that :data:`_MAY_CREDIT` matches: in the core where it holds the
    lines (``NativeLines.may_credit``, the pattern translated: no call for each line here, nor a copy of its
    text; most of a page's lines are none); this is the reference."""
    native = getattr(lines, "may_credit", None)
    if native is not None:
        return native(start)
    texts = _texts(lines)
    match = _MAY_CREDIT.match
    return [i for i in range(start, len(texts)) if match(texts[i])]


#: The patterns the stage asks of every line of a range, or of a list of lines, by name (``match``), where most lines
#: match none: a "By …" credit's opening (:func:`_teaser_credit`, :func:`_credit_above`, the header's bylines), a
#: "Published" label (:func:`_labelled_publication`), a thread starter's label before or after the name
#: (:func:`_thread_starter`), an agency's credit and a date's needle (:func:`_may_be_bylines`,
#: :func:`_may_be_dates`), a "by" inside a line and a question's "asked" label (the page's dated lines,
#: :func:`_credited_on_page`), another's act dated (a dateline's neighbours, :func:`_dated_by_another`). The core runs them where it holds the lines (``NativeLines.screened`` and
#: ``screened_at``, in this order).
SCREENS = {"byline_opening": BYLINE_OPENING, "published_label": PUBLISHED_LABEL, "thread_starter": THREAD_STARTER,
           "thread_starter_after": THREAD_STARTER_AFTER, "agency_byline": AGENCY_BYLINE,
           "date_needle": DATE_NEEDLE_IN_LINE, "by_inside": BY_INSIDE_IN_LINE, "asked_label": ASKED_LABEL,
           "others_date": OTHERS_DATE_IN_LINE}


def _screened(lines, name: str, start: int, stop: int) -> list[int]:
    """The index of each line of ``start``..``stop`` whose text the screen ``name`` (:data:`SCREENS`) matches, in
    order: in the core where it holds the lines (``NativeLines.screened``: no call for each line here, nor a copy of
    its text); this is the reference."""
    stop = min(stop, len(lines))
    if isinstance(lines, CoreLines):
        return lines.screened(name, start, stop) if start < stop else []
    match = SCREENS[name].match
    return [i for i in range(start, stop) if match(_text_at(lines, i))]


def _screened_any(lines, names: tuple[str, ...], start: int, stop: int) -> list[int]:
    """The index of each line of ``start``..``stop`` whose text one of the screens ``names`` (:data:`SCREENS`)
    matches, in order: in the core where it holds the lines (``NativeLines.screened_any``: each line folded once for
    all of them); this is the reference."""
    stop = min(stop, len(lines))
    if isinstance(lines, CoreLines):
        return lines.screened_any(names, start, stop) if start < stop else []
    matches = [SCREENS[name].match for name in names]
    return [i for i in range(start, stop) if any(match(_text_at(lines, i)) for match in matches)]


def _screened_at(lines, names: tuple[str, ...], at: list[int]) -> list[list[int]]:
    """For each of the screens ``names`` (:data:`SCREENS`), the lines of ``at`` (indices of lines, in the order
    given) whose text it matches: in the core where it holds the lines (``NativeLines.screened_at``: a few lines
    of a page, none other read); this is the reference."""
    if isinstance(lines, CoreLines):
        return lines.screened_at(names, at) if at else [[] for _ in names]
    matches = [SCREENS[name].match for name in names]
    return [[i for i in at if match(_text_at(lines, i))] for match in matches]


def _containing(lines, needle: str, start: int, stop: int) -> list[int]:
    """The index of each line of ``start``..``stop`` whose text holds ``needle``, in order: in the core where it
    holds the lines (``NativeLines.containing``); this is the reference."""
    native = getattr(lines, "containing", None)
    stop = min(stop, len(lines))
    if native is not None:
        return native(needle, start, stop) if start < stop else []
    return [i for i in range(start, stop) if needle in _text_at(lines, i)]


def _starting_with(lines, prefixes: tuple[str, ...], start: int, stop: int) -> list[int]:
    """The index of each line of ``start``..``stop`` whose text opens with one of ``prefixes``, in order: in the core
    where it holds the lines (``NativeLines.starting_with``); this is the reference."""
    native = getattr(lines, "starting_with", None)
    stop = min(stop, len(lines))
    if native is not None:
        return native(prefixes, start, stop) if start < stop else []
    return [i for i in range(start, stop) if _text_at(lines, i).startswith(prefixes)]


def _named_under_headline(lines, title_at: int | None, first: int, dates: list[int],
                          stoplist: frozenset[str]) -> str | None:
    """Where nothing else names the author: the bare full name on the line right under the headline, above the
    text's first prose ("Headline" / "Tim Enwall" / "founder startup business"), where something says it is a
    person credited: a dateline by the headline (right above it, or right under the name), or the author's role on
    the line under it (:func:`_role_line`: "Tech Writer"). A bare name alone there is as often a call to
    action's or a heading's ("Start Trial", "Key Takeaways"); nor is a line of a word that is no person's
    (:func:`_names_no_person`: "Tuesdays Evenings" over its dateline). Value only: the line keeps its label."""
    if title_at is None or title_at + 1 >= first:
        return None
    under = title_at + 1
    text = _text_at(lines, under).strip()
    name = (_bare_name(text, stoplist) or _name_before_role(text, stoplist)) if len(text) <= _BARE_NAME_CHARS else None
    if not name or not _full_name(name) or _names_no_person(name) or not _open(line := _peek(lines, under)) \
            or line.features.ends_sentence:
        return None
    dated = title_at - 1 in dates or under + 1 in dates
    return name if dated or _role_line(_text_at(lines, under + 1)) else None


#: A role's line is this short in words ("Tech Writer", "Guest Columnists", "Senior Editor, Science Desk").
_ROLE_WORDS_MOST = 6
#: A word of a role's line.
_ROLE_WORD = lazy_compile(r"[^\W\d_]+")


def _role_line(text: str) -> bool:
    """Whether a line only states an author's role: a few words (:data:`_ROLE_WORDS_MOST`), one of them a role's
    (:data:`ROLE_WORDS`: "Tech Writer", "Guest Columnists"), and no sentence."""
    if len(text) > _BARE_NAME_CHARS or text.rstrip().endswith((".", "!", "?")):
        return False
    words = _ROLE_WORD.findall(text.lower())
    return 0 < len(words) <= _ROLE_WORDS_MOST and not ROLE_WORDS.isdisjoint(words)


def _name_before_role(text: str, stoplist: frozenset[str]) -> str | None:
    """The full name of two or three words that opens a line whose rest is the author's role, with no separator
    between ("Mateusz Haberny Founder at Harbour", :func:`_role_line`), else None."""
    words = text.split()
    for k in (2, 3):
        name, rest = " ".join(words[:k]), " ".join(words[k:])
        if rest[:1].isupper() and _role_line(rest) and _bare_name(name, stoplist) == name and _full_name(name):
            return name
    return None


#: What parts a name from its role on one line ("Manoj Jain and Jagpreet Chhatwal | Guest Columnists").
_ROLE_SEPARATOR = lazy_compile(r"[\s,](?:(?<=\s)\s*[|•·⋅—–-]\s+|(?<=,)\s+)")   # (\s+[|•·⋅—–-]\s+|,\s+, as _TITLE_SEPARATOR)
#: How far under a bare name its dateline may stand ("Michelle Lee" / "Freelance hacks" / "Last updated:" / date).
_DATE_UNDER_NAME = 3


def _credited_under_prose(lines, texts: Sequence[str], first: int, stoplist: frozenset[str]) -> str | None:
    """Where nothing else names the author: a credit just under the text's first prose (a standfirst, a photo
    and its caption, a share bar above it; within :data:`_CREDIT_BELOW` lines), the first of: a "By …" line of a
    byline's length, or with the author's role after a comma (:func:`_credit_with_role`), naming a full name; a
    name and its role on one line ("Ann Lee | Guest Columnist", :func:`_role_line`); a bare full name over its
    role's line ("Ann Lee" / "Tech Writer") or over a dateline (:data:`_DATE_UNDER_NAME` lines at most, short
    ones between). Not a photo's credit, nor where two such lines credit two people: a list of teasers, each with
    its credit ("By Clare Duffy, CNN", then "By Chris Isidore, CNN"). Value only: the lines keep their labels."""
    found = []
    under = list(range(first + 1, min(len(lines), len(texts), first + 1 + _CREDIT_BELOW)))
    # (a byline's opening, the core's screen of these lines where it holds them: a line that opens none gives no name)
    opening = frozenset(_screened_at(lines, ("byline_opening",), under)[0])
    for i in under:
        text = texts[i].strip()
        name = byline_name(text) if i in opening else None
        if name is None and (len(text) > 2 * _BARE_NAME_CHARS or not text[:1].isupper()):
            continue           # (from the text first: most lines under the first prose are prose)
        line = _peek(lines, i)
        if line.signal == "credit" or not _open(line):
            continue
        if name is None and " by " in text:
            inside = _credited_inside(text)       # "This post was written by Ann Lee, MD, …": the phrase says it
            if inside:
                found.append(inside)
                continue
        if line.features.ends_sentence:
            continue
        if name:
            if _full_name(name) and (line.features.words <= BYLINE_MAX_WORDS
                                     or _credit_with_role(text, name, line.features)):
                found.append(name)
            continue
        name = _name_over_role(lines, texts, i, stoplist)
        if name:
            found.append(name)
    return found[0] if found and all(name == found[0] for name in found) else None


def _name_over_role(lines, texts: Sequence[str], i: int, stoplist: frozenset[str]) -> str | None:
    """The full name line ``i`` credits with its role, on the line ("Ann Lee | Guest Columnist") or under it
    ("Ann Lee" / "Tech Writer"), or over a dateline (:func:`_credited_under_prose`); else None."""
    text = texts[i].strip()
    parts = _ROLE_SEPARATOR.split(text, maxsplit=1)
    if len(parts) == 2 and _role_line(parts[1]):
        name = parts[0].strip()
        return name if _bare_name(name, stoplist) == name and (_full_name(name) or _names_listed(name, stoplist)) \
            else None
    if len(text) > _BARE_NAME_CHARS or _bare_name(text, stoplist) != text or not _full_name(text):
        return None
    if i + 1 < len(texts) and _role_line(texts[i + 1]):
        return text
    for j in range(i + 1, min(len(lines), len(texts), i + 1 + _DATE_UNDER_NAME)):
        if _is_date(_peek(lines, j)):
            return text
        f = _peek(lines, j).features
        if f.words > _BETWEEN_WORDS or f.ends_sentence:
            break
    return None


#: A line that may credit the author under the header: "Written by …", "Posted by:", "About Ann Lee".
_MAY_CREDIT = lazy_compile("|".join(f"(?:{p.pattern})" for p in (CREDITED_BY, CREDIT_LABEL, ABOUT_NAME)), re.I)


def _credited_in_text(lines, texts: Sequence[str], found: list[int], stoplist: frozenset[str]) -> str | None:
    """The full name (:func:`_full_name`) a line under the header's end (of ``found``) credits as a whole,
    wherever it stands: a "Written by …" / "Posted by …" line (:data:`CREDITED_BY`; a byline's length, no
    sentence), or such a credit's label alone over the name's line ("Posted by:" / "Idle Cartulary", "Article
    written by:" / "Doris Munoz-Mantilla, MD", :data:`CREDIT_LABEL`). The article's text may run past it (a
    blog's list of other posts taken for body) or end far above it (a share bar, a newsletter form between).
    Only where every such credit names the same person: a list of other articles credits theirs."""
    names = (_credit_named(lines, texts, i, stoplist) for i in found)
    return _the_one(name for name in names if name and _full_name(name))


def _credit_named(lines, texts: Sequence[str], i: int, stoplist: frozenset[str]) -> str | None:
    """The name line ``i`` credits as a whole (:func:`_credited_in_text`): a "Written by …" line's, or the line's
    under a credit's label alone; None (or "") where it credits none."""
    text = texts[i]
    if CREDIT_LABEL.match(text):
        return _bare_name(texts[i + 1].strip(), stoplist) if i + 1 < len(texts) else None
    if not CREDITED_BY.match(text):
        return None
    name = byline_name(text)
    if name and (_words_up_to(text, BYLINE_MAX_WORDS + 1) > BYLINE_MAX_WORDS
                 or _peek(lines, i).features.ends_sentence or _in_menu(_peek(lines, i))):
        return None
    return name


def _the_one(names: Iterable[str | None]) -> str | None:
    """The one name ``names`` give (a None skipped), or None where two differ: credits, bios or labels naming
    several people are a list's (other articles', other members'), and name no one as the page's author. Read
    lazily: the names after a second one are not worked out."""
    found = None
    for name in names:
        if name is None:
            continue
        if found is not None and found != name:
            return None
        found = name
    return found


def _named_in_about(texts: Sequence[str], found: list[int], stoplist: frozenset[str]) -> str | None:
    """An author's box headed with a person's name, under the header's end (of ``found``; :data:`ABOUT_NAME`:
    "About Amar Hussain" / "Amar is an avid traveler…", "About Alexa" / "Alexa Amador is a writer…"): the bio
    under it (the next line, or the one after) opens with the heading's name told otherwise, by its first name
    or in full, then a verb (:data:`BIO_VERB`). A person is called so; a company's box ("About Harbour" /
    "Harbour is a …") names it the same way twice, and names no author. The fuller of the two names, a full
    name (:func:`_bare_name`). Only where there is one such box."""
    headings = ((i, ABOUT_NAME.match(texts[i])) for i in found)
    return _the_one(_about_bio(heading.group("name"), texts[i + 1: i + 3], stoplist)
                    for i, heading in headings if heading is not None)


def _about_bio(heading: str, under: Sequence[str], stoplist: frozenset[str]) -> str | None:
    """The author's full name, where one of the lines ``under`` an "About …" heading is a bio that names the
    heading's person otherwise (:func:`_named_in_about`), else None."""
    words = heading.split()
    for text in under:
        if len(words) > 1 and text.startswith(words[0]) and BIO_VERB.match(text, len(words[0])):
            full = heading                      # "About Amar Hussain" / "Amar is …"
        elif len(words) == 1 and text.startswith(heading + " "):
            bio = BIO_OPENING.match(text)       # "About Alexa" / "Alexa Amador is …"
            full = bio.group("name") if bio is not None else None
        else:
            continue
        if full and _bare_name(full, stoplist) == full and _full_name(full):
            return full
    return None


#: A line crediting the author inside it is this short in characters at most (24 words of a credit and a role).
_CREDIT_INSIDE_CHARS = 240


def _credited_inside(text: str) -> str | None:
    """The full name a foot's line credits inside it ("This post was written by Ann Lee, Head of Marketing":
    :data:`CREDITED_INSIDE`), up to a separator or a comma (:func:`name_before_end`); a line of at most
    :data:`_PARTED_DATELINE_WORDS` words. The phrase says what the line is: a sentence may hold it."""
    if len(text) > _CREDIT_INSIDE_CHARS or " by " not in text.lower() \
            or _words_up_to(text, _PARTED_DATELINE_WORDS + 1) > _PARTED_DATELINE_WORDS:
        return None        # (the cheap tests first: most lines at the foot credit no one)
    inside = CREDITED_INSIDE.search(text)
    name = name_before_end(inside.group("name").rstrip(" .!?")) if inside else None      # (a sentence's stop)
    return name if name and _full_name(name) else None


def _labelled_name(lines, label: int, stoplist: frozenset[str]) -> str | None:
    """The name an author's label at the article's foot stands by (:data:`AUTHOR_LABEL`): the bare name line
    under it ("Author" / "Ann Lee"), else over it (an author's box: "Ann Lee" / "Author"); a full name
    (:func:`_full_name`), as a "Written by …" line's there."""
    for i in (_past_initials(lines, label + 1), label - 1):
        if 0 <= i < len(lines):
            name = _bare_name(_text_at(lines, i).strip(), stoplist)
            if name and _full_name(name):
                return name
    return None


#: An avatar's monogram: two or three capitals alone on a line ("CP" for "Chengcheng Pei").
_MONOGRAM = lazy_compile(r"[A-ZÀ-ÖØ-Þ]{2,3}")


def _past_initials(lines, i: int) -> int:
    """Line ``i``, or the line under it where ``i`` is an avatar's monogram, the initials of the name printed
    under it ("Author" / "CP" / "Chengcheng Pei": a profile picture's stand-in between a label and its name)."""
    if i + 1 >= len(lines):
        return i
    monogram = _text_at(lines, i).strip()
    if not _MONOGRAM.fullmatch(monogram):
        return i
    words = _text_at(lines, i + 1).split()
    return i + 1 if len(words) == len(monogram) and "".join(w[:1] for w in words) == monogram else i


def _full_name(name: str) -> bool:
    """Two words or more, none of them a label's (:data:`NOT_NAME_WORDS`: "Editorial Team", "By Industry")."""
    words = name.lower().split()
    return len(words) >= 2 and NOT_NAME_WORDS.isdisjoint(words)


#: A dated credit is a dateline's length: its parts ("Posted on …", the name, "5 Comments on …") in all.
_DATED_CREDIT_WORDS = _PARTED_DATELINE_WORDS
#: A name's trailing bracket, a handle or a site's name ("Ann Lee (AnnL)"): no part of the name's shape.
_TRAILING_BRACKET = lazy_compile(r"\s*\([^()]*\)$")


def _by_inside(text: str) -> re.Match[str] | None:
    """:data:`BY_INSIDE`'s search of ``text``, made only where the text may hold one of its words
    (:func:`may_hold_any`, a substring test of the lowered line): ``re`` has no literal to skip by in it, and tries
    each position of the line (most of a page's dated lines hold no "by")."""
    return BY_INSIDE.search(text) if line_may_hold_any(text, BY_INSIDE_WORDS, _BY_INSIDE_ASCII) else None


#: Whether every word of :data:`BY_INSIDE_WORDS` is ASCII (:func:`line_may_hold_any`).
_BY_INSIDE_ASCII = all(word.isascii() for word in BY_INSIDE_WORDS)


def _dated_credit(text: str) -> str | None:
    """The name a credit gives that dates itself in the same line: "By Ann Lee ⋅ Senior Analyst ⋅ Updated March 5,
    2025" (:func:`byline_name`, a day the date parser reads in the line), or a dateline with "by" and the name after
    its date (:data:`BY_INSIDE`: "Posted on December 20, 2025 by Ann Lee - 5 Comments on …", "Last updated March 3,
    2025 by Ann Lee.", "03/01/2017 by Ann Lee, Editor": all before "by" a timestamp, :data:`TIMESTAMP_LIKE`, its
    label allowed; what follows a name, :func:`name_before_end`, a trailing bracket, "(AnnL)", and a full stop left
    out). Else None. The label words and "by" are the lexicon's, in its languages (one search,
    the opening's match and :func:`_by_inside`, pass over the lines that hold neither form); "by" in a line of prose
    ("… built in 2019 by …") has no timestamp alone before it, and a line longer than a dateline of parts is none."""
    opening = BYLINE_OPENING_TRIED.match(text)
    inside = _by_inside(text) if opening is None else None
    if (opening is None and inside is None) or _DIGIT.search(text) is None or \
            _words_up_to(text, _DATED_CREDIT_WORDS + 1) > _DATED_CREDIT_WORDS:
        return None
    opened = byline_name(text) if opening is not None else None
    if opened:
        return _without_stop(opened) if parse_date(text) is not None else None
    inside = inside or _by_inside(text)
    if inside is None:
        return None
    date = text[:inside.start() + 1]
    if not TIMESTAMP_LIKE.match(date) or parse_date(date) is None:
        return None
    rest = inside.group("name")
    name = name_before_end(rest) or name_before_end(_TRAILING_BRACKET.sub("", name_cut(rest)))
    return _without_stop(name) if name is not None else None


def _without_stop(name: str) -> str:
    """A credit's name without the full stop of the sentence it ends ("… by Ann Lee."); an initial keeps its own
    ("Ann B.", "Jr.")."""
    return name[:-1] if name.endswith(".") and len(name.rsplit(None, 1)[-1]) > 3 else name


def _dated_credit_once(short: Iterable[str]) -> str | None:
    """The name of the page's one dated credit (:func:`_dated_credit`), of the lines given (those with a digit),
    wherever it stands and whatever the shapes took it for (a navigation bar of "⋅" parts, a run of headlines, prose,
    a foot's "Last updated … by …"). Only where the page prints one: two or more are a list of other posts' teasers
    ("October 28, 2025 by Ann Lee | Community", "By Ann Lee | May 5, 2025" under each headline), whoever they name."""
    found = None
    for text in short:
        name = _dated_credit(text)
        if name is None:
            continue
        if found is not None:
            return None
        found = name
    return found


#: A forum member's handle: one word of letters, digits and signs ("ann_lee", "slow-poke", "ridwan123"), a letter or
#: a digit first (a post's "#5" is none).
_HANDLE = lazy_compile(r"^[^\W_]\S{1,39}$")


def _member_name(name: str) -> bool:
    """Whether a forum's label or post line names a member: a handle (:data:`_HANDLE`) or a byline's name
    (:func:`is_byline_name`: "Chris Hall"), not a label's word alone ("Author", "Moderator")."""
    return (_HANDLE.match(name) is not None or is_byline_name(name)) and name.lower() not in NOT_NAME_WORDS \
        and not _member_rank(name)


def _thread_starter(lines, head: int) -> str | None:
    """The member a forum's "Thread starter" label names (:func:`_starter_named`), of the first ``head`` lines (by the
    thread's top): the thread's author. None where two such lines name different members. Only the lines a label's
    pattern matches are read (:func:`_screened`; most pages print no such label); the reference screens the lines'
    texts for a label first (:func:`may_hold_any`), not matched one by one."""
    if not isinstance(lines, CoreLines) and not may_hold_any(_texts(lines, head)[:head], THREAD_STARTER_LABELS):
        return None
    labelled = _screened_any(lines, ("thread_starter", "thread_starter_after"), 0, head)
    return _the_one(_starter_named(_text_at(lines, i), _text_at(lines, i + 1) if i + 1 < head else "")
                    for i in labelled)


def _starter_named(text: str, under: str) -> str | None:
    """The member a thread-starter label (:data:`THREAD_STARTER`) names: on its line ("Thread starter Ann Lee",
    "Ersteller annlee · Erstellt am 3. Februar 2025"), on the line under the label alone ("Topic Author" / "annlee",
    ``under``), or before it ("annlee Discussion starter", :data:`THREAD_STARTER_AFTER`). None where it names no
    member: a post's badge alone over its number ("Thread Starter" / "#5")."""
    if not line_may_hold_any(text, THREAD_STARTER_LABELS, _STARTER_LABELS_ASCII):
        return None       # (no label's words in the line: neither pattern is tried, as most lines a byline's pick reads)
    label = THREAD_STARTER.match(text)
    if label is not None:
        # (the label's line may go on with the thread's date: "Ersteller Bernd_K · Erstellt am 3. Februar 2025")
        name = _CREDIT_PARTS.split(label.group("name"), maxsplit=1)[0].strip() or under.strip()
    else:
        after = THREAD_STARTER_AFTER.match(text)
        name = after.group("name").strip() if after is not None else ""
    return name if name and _member_name(name) else None


#: Whether every thread-starter label is ASCII (:func:`line_may_hold_any`).
_STARTER_LABELS_ASCII = all(label.isascii() for label in THREAD_STARTER_LABELS)
#: What separates a forum's starter label and name from the thread's date and counts on one line.
_CREDIT_PARTS = lazy_compile(r"\s+[·•|]\s+")


def _first_post(short: Iterable[str]) -> str | None:
    """The handle of a forum thread's first post, of the lines given (those with a digit): the page's one
    line of a handle, the post's timestamp and its number 1 (:data:`FIRST_POST`: "annlee May 3, 2024, 8:45am 1";
    the stamp a whole timestamp, :data:`TIMESTAMP_LIKE`, that names a day; not a labelled dateline, "Updated May
    3, 2024 1", nor a weekday's, "Friday May 3, 2024 1"). None where two such lines stand."""
    found = None
    for text in short:
        if not text.endswith(" 1") or (post := FIRST_POST.match(text)) is None:
            continue
        handle, stamp = post.group("handle"), post.group("stamp")
        if not TIMESTAMP_LIKE.match(stamp) or parse_date(stamp) is None or not _member_name(handle) or \
                handle.lower() in DATELINE_OPENERS or handle.lower() in NOT_PERSON_WORDS:
            continue
        if found is not None:
            return None
        found = handle
    return found


def _credited_on_page(lines, first: int | None) -> str | None:
    """Where nothing else names the author, a credit on the page that says itself what it is: a forum's thread
    starter by the thread's top (:func:`_thread_starter`: the lines above the header's end ``first`` and
    :data:`_BLOCK_UNDER` under it, as a headline's block: a forum's header may end at its own blurb), the page's first
    post's member (:func:`_first_post`), its one dated credit (:func:`_dated_credit_once`). The last two hold a
    digit and a dateline's words at most: they are read from the lines the core finds so (:func:`_may_be_dated`),
    not from every line of the page. Value only: the lines keep their labels."""
    if not lines:
        return None
    head = min(len(lines), first + 1 + _BLOCK_UNDER if first is not None else len(lines))
    found = _thread_starter(lines, head)
    if found is not None:
        return found
    texts = _TextsRead(lines)
    at = _may_be_dated(lines, texts, range(len(lines)))
    dated = [texts[i] for i in at]
    # (of the dated lines, those a question's label or a credit may open or hold: the core's screens of those lines
    # where it holds them, :func:`_screened_at`; most are neither, and are not matched one by one here)
    asked, opening, inside = _screened_at(lines, ("asked_label", "byline_opening", "by_inside"), list(at))
    credits = frozenset(opening).union(inside)
    return _question_asker(texts, asked) or _first_post(dated) or _dated_credit_once(
        [text for i, text in zip(at, dated) if i in credits])


def _question_asker(texts: Sequence[str], dated: Iterable[int]) -> str | None:
    """The member a Q&A page's question dateline credits: the handle or name on the line under "asked Feb 4, 2014
    at 13:02" (:data:`ASKED_LABEL`; the member's card under the question, where each answer's is under its
    "answered …"), the stamp a whole timestamp that names a day (not the page's "Asked 12 years ago" over
    "Modified …"). Of the lines ``dated`` (indices into ``texts``, those the core finds dated); None where two such
    lines name different members (a page of several questions)."""
    def asker(i: int) -> str | None:
        asked = ASKED_LABEL.match(texts[i])
        if asked is None or i + 1 >= len(texts):
            return None
        stamp, name = asked.group("stamp"), texts[i + 1].strip()
        if not TIMESTAMP_LIKE.match(stamp) or parse_date(stamp) is None or not _member_name(name):
            return None
        return name

    return _the_one(asker(i) for i in dated if ASKED_LABEL.match(texts[i]) is not None)


def _page_first_post(lines) -> str | None:
    """The handle of the page's one first post (:func:`_first_post`, of the lines the core finds dated)."""
    texts = _TextsRead(lines)
    return _first_post([texts[i] for i in _may_be_dated(lines, texts, range(len(lines)))])


#: The signals of what follows an article and dates other things: a list of other articles, the comments.
_FOOT_ENDS = frozenset({"headline list", "related box", "related", "comments", "navigation bar"})


def _by_headline(dates: list[int], title_at: int | None) -> list[int]:
    """The header's datelines, the nearest the headline first (under it before above it): a list of related
    articles with their dates may stand in the window above the headline and its own dateline."""
    if title_at is None:
        return dates
    return sorted(dates, key=lambda d: 2 * (d - title_at) if d > title_at else 2 * (title_at - d) + 1)


def _dated_above(lines, texts: Sequence[str], start: int, title: str | None) -> list[int]:
    """The nearest dateline above the header's window, within :data:`_CREDIT_REACH` lines, that stands by
    the headline or a "By …" line (a date alone up there is as often a list's, a sidebar's); value only, as
    :func:`_credited_above`. A dateline under its label ("Published" / "May 5, 2025") names itself."""
    for i in _may_be_dates(lines, texts, range(start - 1, max(0, start - _CREDIT_REACH) - 1, -1)):
        if _is_date(_peek(lines, i)) and (
                (i > 0 and DATE_LABEL.match(texts[i - 1])) or any(
                texts[j] == title or byline_name(texts[j]) is not None
                for j in range(max(0, i - _NEAR), min(len(lines), i + _NEAR + 1)))):
            return [i]
    return []


#: How far above the header's window a headline with its dateline under it is looked for (a table of contents
#: or a menu of hundreds of lines may stand between); at most this many lines between the two.
_BLOCK_REACH = 2_000
_BLOCK_BETWEEN = 2
#: A dateline that gives a day has a digit (a cheaper test than :data:`DATE_NEEDLE` for many lines).
_DIGIT = lazy_compile(r"\d")


def _headline_block(lines, texts: Sequence[str], start: int) -> tuple[int, int] | None:
    """The nearest (headline, dateline) pair above the header's window: a dateline with, at most
    :data:`_BLOCK_BETWEEN` short lines above it (a name, a role, "5 min read"), a headline-shaped line that
    repeats the page title (the dump's first line; so a list of dated teasers does not count)."""
    return _headline_block_in(lines, texts, range(start - 1, max(1, start - _BLOCK_REACH) - 1, -1))


def _headline_block_under(lines, texts: Sequence[str], first: int) -> tuple[int, int] | None:
    """The nearest such pair under the header's end, within :data:`_BLOCK_UNDER` lines: where the text's first
    prose is a menu's blurbs or a teaser above the article ("Academy Get tips …"), the headline that repeats
    the page title and its dateline stand below it. The text's own lines are there too, so the dateline must
    stand right under the headline, and the headline share most of the page title's words (a closing call,
    "How much will harbour software cost for your team?", over a promo and a footer's "Last updated …" is
    none)."""
    block = _headline_block_in(lines, texts, range(first + 1, min(len(texts), first + 1 + _BLOCK_UNDER)))
    if block is None or block[1] != block[0] + 1 or _word_overlap(
            _peek(lines, block[0]).features.content, _peek(lines, 0).features.content) < _BLOCK_UNDER_OVERLAP:
        return None
    return block


class _TextsRead(Sequence[str]):
    """The lines' texts, each read when asked (:func:`_text_at`: from the core where it holds the lines, with no
    Line or view made for it): a search under the header's end reads a hundred of the body's lines, most of
    them for a digit alone, and copies no list of their texts (:func:`_texts`)."""

    def __init__(self, lines) -> None:
        self._read = getattr(lines, "text", None) or (lambda i: lines[i].text)    # (as _text_at, looked up once)
        self._count = len(lines)

    def __getitem__(self, i):  # type: ignore[override]  (an index only, no slice)
        return self._read(i)

    def __len__(self) -> int:
        return self._count


#: How far under the header's end a headline with its dateline is looked for, and how much of the page
#: title's words (F1) it shares there.
_BLOCK_UNDER = 120
_BLOCK_UNDER_OVERLAP = 0.5


def _headline_block_in(lines, texts: Sequence[str], datelines: range) -> tuple[int, int] | None:
    """The first (headline, dateline) pair of :func:`_headline_block` whose dateline is in ``datelines``."""
    if not lines or len(texts[0]) > _FIRST_LINE_TITLE_CHARS:
        return None
    page_title, page_words = texts[0].lower(), frozenset(_peek(lines, 0).features.content)
    if not page_words:
        return None
    shares: dict[int, bool] = {}      # (each line's words read once: a line stands above three datelines)

    def shares_page_word(h: int) -> bool:
        found = shares.get(h)
        if found is None:
            found = shares[h] = not page_words.isdisjoint(texts[h].lower().split())
        return found

    for d in _may_be_dated(lines, texts, datelines):
        # (from the texts first, no line made for most: a date's digit, a word of the page title just above it)
        if not any(shares_page_word(h) for h in range(max(1, d - 1 - _BLOCK_BETWEEN), d)):
            continue
        if not _is_date(_peek(lines, d)):
            continue
        for h in range(d - 1, max(0, d - 1 - _BLOCK_BETWEEN - 1), -1):
            line = _peek(lines, h)
            if _headline_shaped(line) and shares_title(texts[h].lower(), line.features, page_title, page_words,
                                                       TITLE_SHARE):
                return h, d
            if line.features.words > _BARE_NAME_WORDS or line.features.ends_sentence:
                break
    return None


def _may_be_dated(lines, texts: Sequence[str], indices: range,
                  max_words: int = _PARTED_DATELINE_WORDS) -> Sequence[int]:
    """The lines of ``indices`` (a range of step 1 or -1, in its order) that may be datelines that give a day
    (:func:`_is_date`): a digit in the text (:data:`_DIGIT`), no more words than a dateline of parts
    (:data:`_PARTED_DATELINE_WORDS`, or ``max_words``: :data:`_ANY_WORDS` for no limit). In the core where it holds the lines (``NativeLines.digit_lines``: the
    search under the header's end reads a hundred of the body's lines, most of them prose, and copies none of
    their texts, nor makes a view of each); this is the reference."""
    native = getattr(lines, "digit_lines", None)
    if native is None:
        return [d for d in indices if _DIGIT.search(texts[d]) is not None
                and (max_words >= _ANY_WORDS or _peek(lines, d).features.words <= max_words)]
    if not indices:
        return []
    low, high = min(indices[0], indices[-1]), max(indices[0], indices[-1])
    found = native(low, high + 1, max_words)
    return found if indices.step > 0 else found[::-1]


#: :func:`_may_be_dated`'s word limit that limits nothing (the core's count is a 32-bit one).
_ANY_WORDS = 2**32 - 1


def _is_byline_or_date(lines, i: int, dateline: int, stoplist: frozenset[str]) -> bool:
    """Whether line ``i`` of a headline's block may give its byline: the dateline itself, or a byline beside it."""
    return i == dateline or _is_byline(lines, i, [dateline], stoplist)


#: How near the headline or a "By …" line a dateline above the header's window stands.
_NEAR = 3


def _is_byline(lines, index: int, dates: list[int], stoplist: frozenset[str]) -> bool:
    """Is the line, as a whole, a byline? "By …" with a name after it (the rest of the line a dateline, a
    role or a reading time), "By" alone over a name line or a name line under it, an agency, or a bare name
    right next to the dateline."""
    line = _peek(lines, index)
    f = line.features
    text = line.text
    if f.ends_sentence or line.signal not in (None, "repeated", "menu"):
        return False
    if f.words > BYLINE_MAX_WORDS:
        return f.words <= _PARTED_DATELINE_WORDS and _credit_with_role(text, byline_name(text), f)
    name = byline_name(text)
    if name or AGENCY_BYLINE.match(text):
        return True
    if name == "":       # "By" alone: a byline when a name follows
        return _named_under(lines, index) is not None
    if index > 0 and byline_name(_peek(lines, index - 1).text) == "" and _named_under(lines, index - 1):
        return True
    # (beside a dateline first: the cheaper test, and most lines stand by none)
    return _beside_date(lines, index, dates) and _bare_name(text, stoplist) is not None


#: A one-word name: letters first, then letters, digits, dots, dashes or an underscore (a login: "ann_lee").
_ONE_WORD_NAME = lazy_compile(r"^[^\W\d_][\w.’'-]{1,39}$")


#: The dateline under a one-word name is the date alone ("November 26th, 2024", "Jan 23"), not a forum post's
#: "ann (ann) May 3, 2024, 8:45am 1" under its category.
_ALONE_DATE_WORDS = 4


def _credit_under_headline(lines, title_at: int, dates: list[int], stoplist: frozenset[str]) -> int | None:
    """Where the header found no byline: the line right under the headline when it is a one-word name over
    the dateline (:func:`_one_word_credit`) or a team's credit, with or without a date ("Podium Staff",
    :func:`is_team_credit`: its team's word says what a bare name there does not, that it credits someone)."""
    under = title_at + 1
    found = under if is_team_credit(_text_at(lines, under).strip(), stoplist) else (
        _one_word_credit(lines, title_at, dates, stoplist) if dates else None)
    return found if found is not None and _open(_peek(lines, found)) else None     # (the text first: no Line made)


def _one_word_credit(lines, title_at: int, dates: list[int], stoplist: frozenset[str]) -> int | None:
    """The line of a one-word name between the headline and its dateline ("Headline" / "Kev" / "January 1,
    2026"; a brand's "ServiceTitan", a login's "annlee"): a blog's template printing the author's display name.
    Only there, the line right under the headline with the dateline, the date alone, right under it: a one-word
    line anywhere else is as often a section or a tag (a forum's category over its first post's date). Not a
    stopword, a label (:data:`NOT_NAME_WORDS`: "Politics", "News"), a month or a team's word alone ("Staff")."""
    below = title_at + 1
    if below + 1 not in dates or _words_up_to(_text_at(lines, below + 1), _ALONE_DATE_WORDS + 1) > _ALONE_DATE_WORDS:
        return None
    word = _text_at(lines, below).strip()
    lowered = word.lower().strip(".")
    if _ONE_WORD_NAME.match(word) is None or lowered in stoplist or lowered in NOT_NAME_WORDS or lowered in TEAM_WORDS:
        return None
    return below if byline_name(word) is None and is_byline_name(word) else None


def _credit_with_role(text: str, name: str | None, f) -> bool:
    """Whether a "By …" line longer than a byline is one that gives the name, a comma and the author's role
    ("By: Ann Lee, Senior Director of Operations, Harbour Lines - 10+ Years in Shipping"): no longer than a
    line of parts (:data:`_PARTED_DATELINE_WORDS`), not a sentence."""
    if not name or f.words > _PARTED_DATELINE_WORDS:
        return False
    at = text.find(name)
    return at >= 0 and text[at + len(name):].lstrip().startswith(",")


#: A bare name line has at most this many words (with a role after a comma: "Mike Marshall, Shipping Expert").
_BARE_NAME_WORDS = 5
#: A line between a bare name and its dateline has at most this many words (a role, "8 min", a bullet).
_BETWEEN_WORDS = 4


def _bare_name(text: str, stoplist: frozenset[str]) -> str | None:
    """The name a bare line gives: the whole line, or what comes before its first comma when a role or degrees
    follow it ("Mike Marshall, Shipping Expert", "Dylan Bailey, MS, RD"; "Dear Brian," is a greeting); None
    where neither is a name, or where the line is a forum member's rank (:func:`_member_rank`)."""
    if _member_rank(text):
        return None
    if _words_up_to(text, _BARE_NAME_WORDS + 1) > _BARE_NAME_WORDS:
        return _names_listed(text, stoplist)
    if is_bare_name(text, stoplist) or is_team_credit(text, stoplist) or _names_listed(text, stoplist):
        return text
    name, comma, role = text.partition(",")
    return name.strip() if comma and role.strip() and is_bare_name(name.strip(), stoplist) else None


def _member_rank(text: str) -> bool:
    """Is a short line a forum member's rank, printed in the member's box by each post ("New member", "Neues
    Mitglied", "Junior Member", "Well-known member": :data:`MEMBER_RANK_WORDS`, the word for a member)? Capitalised
    and beside the post's date, it has a bare name's shape; it names a standing, not a person."""
    if _words_up_to(text, _RANK_WORDS + 1) > _RANK_WORDS:
        return False
    return not MEMBER_RANK_WORDS.isdisjoint(_WORD_LETTERS.findall(text.lower()))


#: A member's rank is a line of this many words at most ("Senior Community Member").
_RANK_WORDS = 3


#: What separates the authors of a line that lists them ("Ann Lee, Bo Li and Cy Ma", "Ann Lee & Bo Li").
#: (``,\s+(?:and\s+|&\s+)?|\s+(?:and|&)\s+|;\s+``, its first character taken first, as :data:`_TITLE_SEPARATOR`)
_NAMES_SEPARATOR = lazy_compile(r"[,\s;](?:(?<=,)\s+(?:and\s+|&\s+)?|(?<=\s)\s*(?:and|&)\s+|(?<=;)\s+)")
#: A line listing authors names at most this many (a longer list is a team's page, a panel's).
_LISTED_NAMES = 5


def _names_listed(text: str, stoplist: frozenset[str]) -> str | None:
    """A line that lists two to :data:`_LISTED_NAMES` authors, each a bare name (:func:`is_bare_name`), the
    whole line ("Naftali Tishby, Fernando C. Pereira, William Bialek", "Ann Lee and Bo Li"), else None."""
    if len(text) > _LISTED_NAMES * _BARE_NAME_CHARS or (
            "," not in text and " and " not in text and "&" not in text and ";" not in text):
        return None                  # (the cheap tests first; a long line is not split)
    names = _NAMES_SEPARATOR.split(text.strip())
    if len(names) == 2 and "," in text:
        return None                  # (a name and a role: "Mike Marshall, Shipping Expert")
    if not 2 <= len(names) <= _LISTED_NAMES or not all(is_bare_name(name, stoplist) for name in names):
        return None
    return text.strip()


def _name_opening(text: str, stoplist: frozenset[str]) -> str | None:
    """The bare name that opens a dateline, cut where the date or a separator begins (:data:`BYLINE_NAME_END`:
    "Ann Lee March 3, 2024", "Ann Lee • 3 March 2024"), or None."""
    name = name_cut(text).strip(" ,:;")
    return _bare_name(name, stoplist) if name and name != text.strip() else None


#: The end of a dateline's date: its year or its time, then the separators before what follows it.
_DATE_END = lazy_compile(r"\d(?:\d{3}|\d?:\d{2}(?:\s*[ap]\.?m\.?)?)[\s,·•|–—-]*", re.I)   # (\d{4}|\d{1,2}:\d{2}…, a digit first)


def _name_closing(text: str, stoplist: frozenset[str]) -> str | None:
    """The bare name that closes a dateline after its date, cut where a byline's name ends
    (:data:`BYLINE_NAME_END`: "Dec. 19, 2025 · Ann Lee on behalf of the Docs team", "January 16, 2026 Harbour
    Works"), or None: a dateline's tail of labels ("May 5, 2025 · Politics News", "Leave a Comment") is none."""
    ends = list(_DATE_END.finditer(text))
    if not ends or ends[-1].end() >= len(text):
        return None
    rest = text[ends[-1].end():]
    name = name_cut(rest).strip(" ,:;")
    return _bare_name(name, stoplist) if name else None


def _beside_date(lines, index: int, dates: list[int]) -> bool:
    """Whether a line stands next to a dateline, or one short line from it ("Chirag Bhardwaj / VP - Technology
    / November 14, 2025", "Gopal Singh Panwar / 8 min / 29th August, 2023"); right above it where the dateline
    is a day without its year (:data:`_DAY_OF_YEAR`: a subheading under "Dec 10" is no name)."""
    for d in dates:
        gap = abs(index - d)
        if gap > 2:
            continue
        if gap and _DAY_OF_YEAR.match(_text_at(lines, d)):
            if index == d - 1:       # (a day without its year: only the line right above it, its template's)
                return True
            continue
        if gap == 1:
            return True
        if gap == 2:
            between = _peek(lines, (index + d) // 2).features
            if between.words <= _BETWEEN_WORDS and not between.ends_sentence:
                return True
    return False


def _first_name(lines, candidates: list[int], stoplist: frozenset[str],
                site: frozenset[str] = frozenset(), headline: int | None = None) -> str | None:
    """The byline's value: of the header's byline and date lines (in line order), the first name after a
    prefix ("By Jane Doe | May 5, 2025" → "Jane Doe"; "Published May 5, 2025 by Ann Lee" → "Ann Lee"; "By"
    alone → the next line; not a menu's facet, "By Style", :func:`names_facet`, nor one teaser's credit of a list,
    :func:`_teaser_credit`), else the first agency,
    else a thread's first post's handle on its dateline (the page's one first post, :func:`_page_first_post`:
    "annlee May 3, 2024, 8:45am 1"; the line above it is the thread's category), else the bare name nearest the dateline (:func:`_nearest_dateline`; no line of a
    word that is no person's: "Press Release", "Tuesdays Evenings", :func:`_names_no_person`; a team's credit
    may hold one, "News Desk", and so may the site's own name, spelled by a label of its host, ``site``:
    "Lakeside Courier" of lakesidecourier.com, :func:`_naming_labels`; not a name whose datelines date another's act
    or stand under the ``headline``, :func:`_bare_name_astray`), else the first name opening a dateline."""
    agencies, posts, bare, opening = [], [], [], []
    for i in candidates:
        text = _peek(lines, i).text
        name = byline_name(text)
        if name == "":
            name = _named_under(lines, i)
        if not name:
            # (a bare name holding a particle that is also a "by" word, "Lena von Hartmann", is read whole below)
            name = (None if is_bare_name(text, stoplist) else _name_inside(text)) or _starter_named(text, "")
        if name:
            if names_facet(name) or _teaser_credit(lines, i, name):
                continue
            return name
        agency = AGENCY_BYLINE.match(text)
        if agency:
            agencies.append(agency.group(1))
        else:
            # a name line under "By" (its own candidate), or beside the dateline; else the name opening a
            # dateline ("Ann Lee March 3, 2024"; a headline with its date, "Harbour Report 3/5/2024", is none)
            if DATE_OR_TIME.search(text):
                if _first_post((text,)):
                    posts.append(i)         # (read page-wide once, where the header holds one)
                    continue
                name = _name_opening(text, stoplist) or _name_closing(text, stoplist)
                if name:
                    opening.append(name)
            elif not _is_date(_peek(lines, i)):        # ("Today", a dateline with no date, names no one)
                name = _bare_name(text, stoplist) or (text if is_byline_name(text) and not _member_rank(text) else None)
                if name and (not _names_no_person(name) or is_team_credit(name, stoplist)
                             or _NOT_LETTERS.sub("", name).lower() in site) \
                        and not _bare_name_astray(lines, i, candidates, headline):
                    bare.append((i, name))  # (value only: the line keeps its label)
    handle = _page_first_post(lines) if posts else None
    return next(iter(agencies + [handle] * bool(handle) + _nearest_dateline(lines, bare, candidates) + opening), None)


def _nearest_dateline(lines, bare: list[tuple[int, str]], candidates: list[int]) -> list[str]:
    """The bare names, the one nearest a dateline first (in line order where as near): a header printing its
    category over the credit over the date ("Video Production" / "Team Northwind" / "September 4, 2025")
    names the author beside the date, the category a line further off."""
    if len(bare) < 2:
        return [name for _, name in bare]
    dated = [d for d in candidates if _is_date(_peek(lines, d))]
    far = len(lines)
    return [name for _, name in sorted(bare, key=lambda b: min((abs(b[0] - d) for d in dated), default=far))]


#: A run of words in capitals that closes a line ("DAILY LEDGER" of "Ann Lee DAILY LEDGER").
_CAPITALS_RUN = lazy_compile(r"(?:\s+[A-Z][A-Z&.’']*[A-Z.])+$")


def _outlet_cut(text: str, site: frozenset[str]) -> str | None:
    """What a line holds before a closing run of words in capitals that spells the site's name, a label of its
    host, ``site`` (:func:`_naming_labels`: "Ann Lee DAILY LEDGER" of dailyledger.example, the publication after its
    writer's name), else None. A line in capitals throughout is a team's credit ("DAILY LEDGER STAFF"), not cut."""
    run = _CAPITALS_RUN.search(text) if site else None
    if run is None or run.start() == 0 or text[:run.start()].isupper():
        return None
    return text[:run.start()].strip() if _NOT_LETTERS.sub("", run.group()).lower() in site else None


def _without_outlet(name: str | None, url: str | None) -> str | None:
    """The byline's name without the site's name in capitals after it (:func:`_outlet_cut`: "Ann Lee and
    Tom Berg DAILY LEDGER" → "Ann Lee and Tom Berg"); the name as it is where none closes it, or where
    what is left is no name."""
    cut = _outlet_cut(name, _naming_labels(url)) if name else None
    return cut if cut and is_byline_name(cut) else name


def _credited_with_outlet(lines, texts: Sequence[str], header: range, url: str | None,
                          stoplist: frozenset[str]) -> str | None:
    """Where nothing else names the author: a header line of a full name (or names) and the site's own name in
    capitals after it, nothing between but a space ("Ann Lee DAILY LEDGER" on dailyledger.example,
    :func:`_outlet_cut`), the page's one such line. The site's name says it credits the page's writer; a photo's
    credit parts the two by a slash or a comma ("Tom Berg / LEDGER"), and is not read. Value only: the
    line keeps its label."""
    site = _naming_labels(url)
    found = set()
    for i in header if site else ():
        text = texts[i].strip() if i < len(texts) else ""
        if not text or len(text) > 2 * _BARE_NAME_CHARS or not text[-1:].isupper():
            continue                     # (from the text first: most header lines close in lower case)
        cut = _outlet_cut(text, site)
        if cut is None or cut[-1:] in ",/|" or not cut[-1:].isalpha():
            continue
        name = _bare_name(cut, stoplist)
        if name == cut and (_full_name(name) or _names_listed(name, stoplist)) and not _names_no_person(name):
            found.add(name)
    return found.pop() if len(found) == 1 else None


def _bare_name_astray(lines, i: int, candidates: list[int], headline: int | None) -> bool:
    """Whether bare name line ``i`` stands beside datelines that are not the article's: each of the datelines
    near it (as :func:`_beside_date` reads them) dates someone else's act (:func:`_dated_by_another`: a Q&A
    page's commenter over "2020-09-21 13:04:28" / "Commented Sep 21, 2020"), or stands under the ``headline``
    where the name stands over it (a menu's last entry, "Artificial Intelligence" / "Machine Learning Tutorial" /
    "Last Updated : 9 Mar, 2026"). A name beside no dateline (under "By" alone) is not read."""
    near = [d for d in candidates if d != i and abs(d - i) <= 2 and _is_date(_peek(lines, d))]
    if not near:
        return False
    if headline is not None and i < headline and all(d > headline for d in near):
        return True
    return all(_dated_by_another(lines, d, False) for d in near)


#: A page that prints this many "By …" credits, of as many people at least, is a list of others' posts (a blog's
#: or a section's front page): a credit in its header is one teaser's.
_TEASER_CREDITS = 8


def _teaser_credit(lines, i: int, name: str) -> bool:
    """Whether the "By …" credit on line ``i`` is one teaser's of a list of others' posts: the line over it does
    not repeat the page title (:func:`_shares_page_title`: an article's headline does), and the page prints
    "By …" credits of :data:`_TEASER_CREDITS` people or more (an article's foot lists a few related posts)."""
    if i == 0 or _shares_page_title(lines, i - 1):
        return False
    names = {name}
    for j in _screened(lines, "byline_opening", 0, len(lines)):    # (the lines byline_name may read a name on)
        text = _text_at(lines, j)
        other = byline_name(text)
        if other and _words_up_to(text, BYLINE_MAX_WORDS + 1) <= BYLINE_MAX_WORDS:
            names.add(other)            # (a teaser's credit is a short line of its own)
            if len(names) >= _TEASER_CREDITS:
                return True
    return False


#: Where an author's box is looked for: this many lines above the article's last body line and under it.
_BIO_ABOVE, _BIO_BELOW = 15, 12
#: A bio begins at most this many lines under its name line (a role, "Author" between).
_BIO_UNDER = 3


def _named_in_bio(lines, first: int, last: int | None, stoplist: frozenset[str]) -> str | None:
    """The name of the author's box at the article's foot (around its last body line ``last``): a bare name
    line with, at most :data:`_BIO_UNDER` lines under it, a sentence that opens with the same name and a verb
    ("Lauren Vetter" / "Lauren Vetter is a growth-focused marketer…", :data:`BIO_OPENING`). Only where there is
    one such box near the foot: a list of people, places or products ("Memorial Park" / "Memorial Park is …",
    entry after entry) holds several. Value only, as :func:`_credited_above`."""
    if last is None or last < first:
        return None
    low = max(first + 1, last - _BIO_ABOVE)
    stop = min(len(lines), last + _BIO_BELOW)
    # (the core's copies of the texts, in one call: the article's paragraphs are made of the same copies)
    texts = _texts(lines, stop)[low:stop]
    names = [text.strip() for text in texts]
    found = None
    for k, text in enumerate(texts):
        # (a name line just above that the line opens with first: the bio's pattern is matched on few lines)
        above = names[max(0, k - _BIO_UNDER):k]
        if not text[:1].isupper() or not text.startswith(tuple(filter(None, above))):
            continue
        bio = BIO_OPENING.match(text)
        if bio is None:
            continue
        name = bio.group("name")
        if name in above:
            if found is not None and found != name:
                return None       # a list's entries (whatever their names' shape)
            found = name
    return found if found is not None and _bare_name(found, stoplist) == found else None


#: How a body line that is the author's bio is worded (:func:`_drop_author_bio`).
AUTHOR_BIO = "the author's bio (opens with the byline's name)"


#: Soft hyphens (U+00AD): a page's hints where a word may break ("Assis\xadtance"), invisible when it does not;
#: a title or byline searched, compared or indexed by a user must not hold them.
_HYPHENATION_HINT = "\xad"


def _drop_hyphenation_hints(meta: dict[str, str | None]) -> None:
    """The title and the byline without soft hyphens (only removed: the words are the page's own)."""
    for field in ("title", "byline"):
        value = meta.get(field)
        if value and _HYPHENATION_HINT in value:
            meta[field] = value.replace(_HYPHENATION_HINT, "")


def _drop_author_bio(doc: Document) -> None:
    """The author's bio among the article's lines ("Lauren Vetter is a growth-focused marketer…", "Elaine Chen
    covers biotech…", "Lauren has written for the blog since 2018"): a body line that opens with the byline's
    name (:func:`_is_authors_bio`: the full name and a word in lower case, or the first name, a bio's verb and a
    person's pronoun) is the author's box, not the article, wherever the dump prints it (under the byline, at the
    foot, in a box no heading names). On the development pages whose dump prints one, the true text left it out about five times
    in six. Only a person's name of two words or more: a company credited as the author opens its own
    article's sentences ("Workzone is a balance of…"), and a first name alone opens too many."""
    names = _person_names(doc.meta.get("byline"), stopwords(doc.language))
    if names is None:
        return
    lines = doc.lines
    texts = _TextsRead(lines)
    # (a bio opens with the full name or the first name and a space: most body lines are passed over on that)
    opening = tuple(name + " " for name in names)
    opened = _starting_with(lines, opening, 0, len(lines))
    body = set(_body_indices(lines)) if opened else set()
    for i in [i for i in opened if i in body]:
        if _is_authors_bio(texts[i], names) and _open(_peek(lines, i)):
            doc.decide(lines[i], BOILERPLATE, AUTHOR_BIO, Authority.SOFT)


def _is_authors_bio(text: str, names: tuple[str, str]) -> bool:
    """Does ``text`` open the bio of the person ``names`` (full name, first name)? With the full name and a word in
    lower case; with the first name alone (:func:`opens_bio`: and a bio's verb) only where it says "he" or "she"
    (:data:`BIO_PRONOUNS`) of that person: a company's short name opens its own article's sentences too ("Method
    has also deployed…"). Not a line that ends with a colon: a forum's quote of the member ("Ann Lee said:")."""
    full, _ = names
    if text.rstrip().endswith(":"):
        return False          # a quote's attribution ("Ann Lee said:", "Ann Lee wrote:"), not a bio's sentence
    if opens_with_name(text, full):
        return True
    return opens_bio(text, names) and not BIO_PRONOUNS.isdisjoint(_WORD_LETTERS.findall(text.lower()))


def _person_names(byline: str | None, stoplist: frozenset[str]) -> tuple[str, str] | None:
    """The byline's full name and first name, where it names one person ("Lauren Vetter"): two to four
    capitalised words with no label's, team's or organisation's word among them (:func:`is_bare_name`), not
    "Ann Lee and Tom Ash"."""
    if not byline:
        return None
    words = byline.split()
    if not 2 <= len(words) <= 4 or not is_bare_name(byline, stoplist) or is_team_credit(byline) \
            or _names_no_person(byline):
        return None
    return byline, words[0]


def _body_indices(lines) -> Iterator[int]:
    """The indices of the body lines: from the core's label column when it holds the lines
    (``NativeLines.body_indices``, no Line made)."""
    body_indices = getattr(lines, "body_indices", None)
    if body_indices is not None:
        return iter(body_indices())
    return (i for i, line in enumerate(lines) if line.label == BODY)


#: How far above the header's window a "By …" line still names the article's author (a table of contents or
#: a share bar between the byline and the text); its line keeps its label.
_CREDIT_REACH = 60


def _credited_above(lines, texts: Sequence[str], start: int) -> str | None:
    """The name of the nearest "By …" line above the header's window (:func:`_credit_above`; value only: the
    line is far from the text, so nothing says it is the byline as a whole of this article)."""
    credit = _credit_above(lines, texts, start)
    return credit[1] if credit is not None else None


def _credit_above(lines, texts: Sequence[str], start: int) -> tuple[int, str] | None:
    """The nearest "By …" line above the header's window that names someone (within :data:`_CREDIT_REACH`
    lines), with the name: a short line, no sentence, not a menu's entry on an HTML page ("Shop By Style",
    :func:`_in_menu`), no menu's facet ("By Manufacturer", :func:`names_facet`); "By" alone names the line under
    it. None where it is a teaser's credit of a list of others'
    posts (:func:`_teaser_credit`): the credits above it are too."""
    # (the lines that open as a credit, from the nearest up: no line made nor text read for most)
    for i in reversed(_screened(lines, "byline_opening", max(0, start - _CREDIT_REACH), start)):
        name = byline_name(texts[i])
        if name is None:
            continue
        line = _peek(lines, i)
        if line.features.words > BYLINE_MAX_WORDS or line.features.ends_sentence or _in_menu(line) \
                or line.signal == "headline list":
            continue          # (a teaser's credit in a list of other articles' headlines credits another)
        if name == "":
            name = _named_under(lines, i)
        if name and not names_facet(name):
            return (i, name) if not _teaser_credit(lines, i, name) else None
    return None


def _headline_over_credit(lines, first: int, stoplist: frozenset[str]) -> str | None:
    """Where the headline the header's window gave is astray (:meth:`MetadataStage._picked_astray`) or nothing
    vouches for it (:func:`_unjudged_pick`), the headline-shaped line right above the article's credit, the
    nearest "By …" line above the window
    (:func:`_credit_above`): the page's own headline, over its byline, where a long list (a table of contents,
    a ranking) put the first prose far under it and the page title is an SEO title sharing few of its words.
    A standfirst may stand between them ("Tasty Forks has recommended the Kettle One for many years."); of
    two headline-shaped lines there (a standfirst without its full stop, "Maximize the flavor of your coffee",
    and the headline over it), the one sharing more of the page title's words (:func:`_title_stems`), the
    nearer where they share as many. None where no such line stands there (the page title is the title then)."""
    start = max(0, first - _WINDOW)
    credit = _credit_above(lines, _texts(lines, start), start)
    if credit is None or credit[0] < 2:
        return None
    page = _title_stems(_page_title(_peek(lines, 0)), stoplist)
    found: list[tuple[int, int, str]] = []
    for i in range(credit[0] - 1, max(0, credit[0] - 1 - _OVER_CREDIT), -1):
        line = _peek(lines, i)
        if _open(line) and _headline_shaped(line):
            found.append((len(page & _title_stems(line.text, stoplist)), -len(found), line.text))
        elif not line.features.ends_sentence:
            break
    return max(found)[2] if found else None


#: How many lines right above a "By …" line above the window its headline is looked for (the headline, and a
#: standfirst under it).
_OVER_CREDIT = 2


def _headline_by_credit(lines, first: int, stoplist: frozenset[str]) -> str | None:
    """Where the headline the header's window gave is astray (:meth:`MetadataStage._picked_astray`), the
    headline by the article's credit in the header: the bylines and datelines the header's scan labelled
    (:meth:`MetadataStage._header`, in its window and its credit block under the text's first prose), the
    nearest the text first, and over each the headline (:func:`_headline_over`); else the headline right under
    one (a dateline over the headline: "November 28, 2025 / Living Healthy" over "What Meditation Can Do for
    You"). The page title is then an SEO title worded otherwise ("How To Meditate Properly and Effectively"),
    and the pick a standfirst, a section's name, a call to action; but the headline shares a word of the page
    title (:func:`_title_stems`: a promo's "Learn about Tasty Forks' Editorial Process" over the dateline
    shares none). Value only, as the page title in the pick's place: the lines keep their labels."""
    start, stop = max(0, first - _WINDOW), min(len(lines), first + 1 + _CREDIT_BELOW)
    peek = _peeker(lines)
    credits = [i for i in range(start, stop) if peek(i).label in _CREDITS]
    if not credits:
        return None
    page = _title_stems(_page_title(peek(0)), stoplist)
    nearest = sorted(credits, key=lambda i: (abs(i - first), i))
    for credit in nearest:
        over = _headline_over(lines, credit, credits)
        if over is not None and not page.isdisjoint(_title_stems(peek(over).text, stoplist)):
            return peek(over).text
    for credit in nearest:
        under = credit + 1
        if under <= first and under not in credits:
            line = peek(under)
            if (_open(line) and _headline_shaped(line) and not line.features.ends_sentence
                    and line.features.words >= _HEADLINE_WORDS and not page.isdisjoint(_title_stems(line.text, stoplist))):
                return line.text
    return None


#: The labels of a credit's lines.
_CREDITS = frozenset({BYLINE, DATE})
#: How many lines over its credit a headline stands at most (a standfirst, "Updated", "By" between).
_OVER_HEADER_CREDIT = 4
#: A headline by the credit has this many words at least ("Watch demo", "Math Editor" are chrome).
_HEADLINE_WORDS = 3
#: A standfirst between the headline and its credit: a sentence, or a line this long (in units).
_STANDFIRST_UNITS = 12
#: A headline-shaped line this long (in units) that ends a sentence is a standfirst, not the headline over it.
_SENTENCE_HEADLINE_UNITS = 15
#: A line of at most this many words between a headline and its credit is chrome ("Updated", "By", "Share").
_CHROME_WORDS = 2


def _headline_over(lines, credit: int, credits: list[int]) -> int | None:
    """The headline over a credit line of the header: up to :data:`_OVER_HEADER_CREDIT` lines up, past the
    other credit lines, one standfirst and short chrome, the first headline-shaped line of
    :data:`_HEADLINE_WORDS` words or more; None where another line stands between."""
    standfirst = False
    for i in range(credit - 1, max(0, credit - 1 - _OVER_HEADER_CREDIT), -1):
        if i in credits:
            continue
        line = _peek(lines, i)
        f = line.features
        if (_open(line) and _headline_shaped(line) and f.words >= _HEADLINE_WORDS
                and not (f.ends_sentence and f.units > _SENTENCE_HEADLINE_UNITS)):
            return i
        if not standfirst and (f.ends_sentence or f.units >= _STANDFIRST_UNITS):
            standfirst = True
        elif f.words > _CHROME_WORDS:
            return None
    return None


def _credited_headline_afar(lines, first: int, stoplist: frozenset[str]) -> str | None:
    """Where the headline the header's window gave is astray and nothing by the header's credits or over a "By …"
    line above the window stands in (:func:`_headline_by_credit`, :func:`_headline_over_credit`): the article's
    own credited headline further off (:func:`_credited_headline`), above the window (a long table of contents,
    a ranking's cards under it) or under the header's end (a menu's blurbs were the first prose). The page title
    is then an SEO title worded otherwise ("Best Health Insurance Companies 2025 - Top 25 Ranked by Market Share"
    over "List of Top Health Insurance Companies in the USA"), and the printed headline over its dateline is the
    article's. Not where the header prints the page title, or a part of it of a headline's size, above its end
    (:func:`_repeating`; not the first line copied whole, a second page title): the page title is then the
    headline the page prints, however far above the text (a product's name over its ranks and dates). Value
    only: the lines keep their labels."""
    if not lines or len(_text_at(lines, 0)) > _FIRST_LINE_TITLE_CHARS:
        return None
    page_title = _text_at(lines, 0)
    titles = tuple(map(_TitlePart, _title_parts(page_title.lower())))
    if titles and first > 1 and any(_text_at(lines, i) != page_title for i in _repeating(lines, first, titles)):
        return None
    return _credited_headline(lines, first, stoplist, _AFAR_STEMS)


def _credited_headline(lines, first: int, stoplist: frozenset[str], least: int) -> str | None:
    """The article's credited headline: the one headline-shaped line (:data:`_HEADLINE_WORDS` words or more; no
    sentence at its end or inside it, a photo's caption "… this year. Photo by Ann Lee"; no lead-in,
    :func:`_lead_in`) from the dump's second line to :data:`_BLOCK_UNDER` lines under the header's end
    ``first``, with a credit by it (:func:`_credit_by`), that shares ``least`` of the page title's words at
    least (:func:`_title_stems`). None where two such lines differ: a list of dated teasers shares the page
    title's words too, and says nothing of which is the article's (the page title then stands)."""
    if not lines or len(_text_at(lines, 0)) > _FIRST_LINE_TITLE_CHARS:
        return None
    page = _title_stems(_page_title(_peek(lines, 0)), stoplist)
    if len(page) < least:
        return None
    stop = min(len(lines), first + 1 + _BLOCK_UNDER)
    # (every line of the span is read, and a headline's credit under it: their texts copied at once, not one by one)
    texts = _texts(lines, min(len(lines), stop + _CREDIT_UNDER))
    found: str | None = None
    for i in range(1, stop):
        text = texts[i]
        # (the text first: most lines share too few of the page title's words to be read further)
        if text == found or len(text) > _TITLE_CHARS or not _may_share_stems(text, page, least) \
                or len(page & _title_stems(text, stoplist)) < least:
            continue
        line = _peek(lines, i)
        f = line.features
        if (_open(line) and _headline_shaped(line) and f.words >= _HEADLINE_WORDS and not f.ends_sentence
                and not _lead_in(line) and _FULL_STOP_INSIDE.search(text) is None and _credit_by(lines, texts, i)):
            if found is not None:
                return None
            found = text
    return found


#: A sentence's full stop inside a line, after a word (not "vs.", "U.S.", "Dr."): a caption, no headline.
_FULL_STOP_INSIDE = lazy_compile(r"[^\W\d_]{3,}\.\s+\w")
#: A headline block far from the header shares this many of the page title's words (:func:`_title_stems`) at least.
_AFAR_STEMS = 2
#: How many lines under a headline its credit stands at most (past short chrome, a repeat of the headline), and
#: how many above it (a dateline right over the headline).
_CREDIT_UNDER = 5
_CREDIT_OVER = 1
#: Chrome between a headline and its credit is this short (in words: a section's name, "5 min read").
_CREDIT_CHROME_WORDS = 3


def _credit_by(lines, texts: Sequence[str], h: int) -> bool:
    """Is there a dateline or a "By …" credit right by headline ``h``: under it, past lines of short chrome, the
    headline printed again and one standfirst (a sentence, or a line of :data:`_STANDFIRST_UNITS` at least; not
    another headline), or just above it?"""
    standfirst = False
    for i in range(h + 1, min(len(lines), h + 1 + _CREDIT_UNDER)):
        if _credits(lines, texts, i):
            return True
        if texts[i] != texts[h] and _words_up_to(texts[i], _CREDIT_CHROME_WORDS + 1) > _CREDIT_CHROME_WORDS:
            f = _peek(lines, i).features
            if standfirst or not (f.ends_sentence or f.units >= _STANDFIRST_UNITS):
                break
            standfirst = True
    return any(_credits(lines, texts, i) for i in range(max(1, h - _CREDIT_OVER), h))


def _dated_by_title(lines, first: int, title: str, day_first: bool) -> str | None:
    """The publication date (:func:`_publication`: no update's, no one else's) of the datelines that credit the
    headline printed as ``title`` (its first line from the dump's second to :data:`_BLOCK_UNDER` lines under the
    header's end ``first``): those :func:`_credit_by` reads, under it past short chrome, a photo and a
    standfirst, then right above it ("7 min read" / "May 6, 2025" / the headline, under a menu's blurbs); else an
    update's day under it (:func:`_published`). None where no line prints the title, or no such dateline gives a
    day."""
    texts = _TextsRead(lines)
    h = next((i for i in range(1, min(len(lines), first + 1 + _BLOCK_UNDER)) if texts[i] == title), None)
    if h is None:
        return None
    credits = _credit_lines(lines, texts, h)
    # an update's date alone, where the credit under the headline gives it ("By Ann Lee ⋅ Updated March 5, 2025"),
    # as in the header (:func:`_published`); not a timestamp above the headline's
    return _publication(lines, credits, day_first) or _published(lines, [i for i in credits if i > h], day_first)


def _credit_lines(lines, texts: Sequence[str], h: int) -> list[int]:
    """The datelines by headline ``h`` where :func:`_credit_by` looks for its credit: under it, past short
    chrome, a "By …" line, the headline printed again and one standfirst, then a bare timestamp just above it;
    nearest first."""
    found, standfirst = [], False
    for i in range(h + 1, min(len(lines), h + 1 + _CREDIT_UNDER)):
        if _is_dateline_at(lines, texts, i):
            found.append(i)
        elif _credits(lines, texts, i):
            continue    # (a "By …" line: a dateline may stand under it)
        elif _peek(lines, i).signal == "credit" or (i + 1 < len(lines) and _peek(lines, i + 1).signal == "credit"):
            continue    # a photo's credit ("Credit: Ann Lee"), and its caption over it
        elif texts[i] != texts[h] and _words_up_to(texts[i], _CREDIT_CHROME_WORDS + 1) > _CREDIT_CHROME_WORDS:
            f = _peek(lines, i).features
            if standfirst or not (f.ends_sentence or f.units >= _STANDFIRST_UNITS):
                break
            standfirst = True
    # (above it, a timestamp alone: a longer dated line there is the page's, "Harbour Wall Kits and Plans
    # 2025-12-08T13:42:59-08:00", not the headline's credit)
    return found + [i for i in range(h - 1, max(1, h - _CREDIT_OVER) - 1, -1)
                    if _is_dateline_at(lines, texts, i) and _bare_timestamp(_peek(lines, i))]


def _bare_timestamp(line) -> bool:
    """Is the line only a timestamp (:data:`TIMESTAMP_LIKE`, "May 6, 2025", "Updated: …"), or one the shapes took
    for a dateline?"""
    return line.signal == "dateline" or TIMESTAMP_LIKE.match(line.text) is not None


def _is_dateline_at(lines, texts: Sequence[str], i: int) -> bool:
    """Is line ``i`` a dateline (the test of :func:`_credits`, from its text first), not a headline that carries
    its date (:func:`_dated_headline`: a page title printed with its timestamp, "Harbour Wall Kits and Plans
    2025-12-08T13:42:59", dates the page's last change, not an article)?"""
    return (_DIGIT.search(texts[i]) is not None and DATE_NEEDLE.search(texts[i]) is not None
            and _is_date(_peek(lines, i)) and not _dated_headline(lines, i))


def _credits(lines, texts: Sequence[str], i: int) -> bool:
    """Is line ``i`` a dateline, or a "By …" line that names someone (short, no sentence), the credit alone or
    one part of a row ("Buying Guides · 10 min read · By Ann Lee")?"""
    text = texts[i]
    if _DIGIT.search(text) is not None and DATE_NEEDLE.search(text) and _is_date(_peek(lines, i)):
        return True
    if byline_name(text) is None and not any(byline_name(part) for part in _SITE_SEPARATOR.split(text)[1:]):
        return False
    f = _peek(lines, i).features
    return f.words <= BYLINE_MAX_WORDS and not f.ends_sentence


def _section_name(lines, named_at: int) -> bool:
    """Is the anchored pick a section's name, no headline: a line of at most :data:`_SECTION_WORDS` words that
    the shapes took for a menu's entry or a line printed again ("Content Marketing", "Arts & Entertainment",
    "Single Family Homes": the site's menus print it in the header and the footer), with no byline or dateline
    under it, that neither begins the page title nor is one of its parts (a product's or a category's page names
    itself so: "Marathon Training" of "Marathon Training for All Skill Levels | Site", "Dark Roast Coffee" of
    "Fiercely Strong Coffee | Dark Roast Coffee – Site") nor is its headline (word F1 under
    :data:`_SECTION_TITLE_F1` with it)? The page title then stands in where it has a headline's shape
    ("Headline | Site"); else no title is given: a section's name is a wrong title."""
    line = _peek(lines, named_at)
    if named_at == 0 or line.signal not in _SECTION_SIGNALS or line.features.words > _SECTION_WORDS or not _open(line):
        return False
    if any(_peek(lines, i).label in _CREDITS for i in range(named_at + 1, min(len(lines), named_at + 1 + _NEAR_CREDIT))):
        return False
    if _part_of_page_title(_peek(lines, 0).text, line.text):
        return False
    return _word_overlap(_title_stems(line.text, frozenset()),
                         _title_stems(_page_title(_peek(lines, 0)), frozenset())) < _SECTION_TITLE_F1


def _part_of_page_title(page_title: str, text: str) -> bool:
    """Does a header line begin the page title or print one of its parts (in any case: "Lakeside Works" of "Storm
    Repairs on the Coast | Lakeside Works – Lakeside Courier")? A product's or a category's page names itself so."""
    page_title, name = page_title.lower(), text.lower().strip()
    parts = _title_separated(page_title)
    return page_title.startswith(name) or name in (part.strip() for part in parts)


#: A section's name is this short, and the shapes took it for a menu's entry or a line printed again.
_SECTION_WORDS = 3
_SECTION_SIGNALS = frozenset({"menu", "repeated"})
#: A byline or date at most this many lines under the pick makes it the headline.
_NEAR_CREDIT = 2
#: A pick sharing this much of the page title's headline (word F1) is the headline, however short.
_SECTION_TITLE_F1 = 0.8


def _title_stems(text: str, stoplist: frozenset[str]) -> frozenset[str]:
    """The words of a title to compare with another's: of three letters or more, not stopwords, each cut to its
    first :data:`_STEM_CHARS` letters ("meditation" and "meditate" are one; "Kettles" and "kettle")."""
    return frozenset(word[:_STEM_CHARS] for word in _TITLE_WORD.findall(text.lower()) if word not in stoplist)


def _may_share_stems(text: str, stems: frozenset[str], least: int) -> bool:
    """Can ``text`` share ``least`` of ``stems`` (:func:`_title_stems`)? Only if that many of them are in its lower
    case, where every stem of its own is: a screen cheaper than its words' regex, which most lines of a page's
    body fail."""
    return sum(map(text.lower().__contains__, stems)) >= least      # (each stem's test in C, no generator's frame)


#: A title's word (letters only) and the length of its stem (:func:`_title_stems`).
_TITLE_WORD = lazy_compile(r"[^\W\d_][^\W\d_]{2,}")    # ([^\W\d_]{3,}, one letter first: see _SITE_SEPARATOR)
_STEM_CHARS = 5


def _in_menu(line) -> bool:
    """Does the page's markup put the line in a navigation menu (a ``<nav>``, or an element whose class or id
    says so)? A menu's "By Manufacturer" or "By Style" browses a shop or an archive; it credits no one. Text
    dumps carry no markup: never."""
    markup = getattr(line, "markup", None)   # (the core's lines of a text dump have none)
    if markup is None:
        return False
    from ..html.features import region_categories  # lazy: only an HTML page's lines carry markup

    return "nav" in markup.containers or "nav" in region_categories(markup.near)


#: A name on the line under "By" alone is this short ("By" over a headline is a teaser's credit line).
_NAME_UNDER_WORDS = 4


def _named_under(lines, index: int) -> str | None:
    """The name on the line under "By" (or "Written by") alone, or that opens it before a separator; None where
    that line is no name."""
    if index + 1 >= len(lines):
        return None
    text = _peek(lines, index + 1).text
    if _words_up_to(text, _NAME_UNDER_WORDS + 1) <= _NAME_UNDER_WORDS and is_byline_name(text):
        return text
    # the name before a separator ("Ann Lee | The Lakeside Courier"), as after "By Ann Lee" (name_before_end)
    name = name_before_end(text) if _words_up_to(text, BYLINE_MAX_WORDS + 1) <= BYLINE_MAX_WORDS else None
    return name if name and _words_up_to(name, _NAME_UNDER_WORDS + 1) <= _NAME_UNDER_WORDS else None


def _name_inside(text: str) -> str | None:
    """The name after "by" inside a dateline ("Published 7 August 2023 by Ann Lee"), or None."""
    inside = _by_inside(text)
    if inside is None:
        return None
    return name_before_end(inside.group("name"))


def _headline_shaped(line) -> bool:
    return line.signal in _TITLE_SIGNALS_OK and title_shaped(line.features, line.text)
