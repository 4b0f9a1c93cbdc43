"""The page's title, byline and date, from what the markup states: the metadata stage's HTML strategy.

What the page states about itself (meta tags, JSON-LD, via trafilatura) is
read once (:func:`page_metadata`): the markup model reads the title too, as a
feature. The metadata stage (:mod:`cleaner.stages.metadata`) then labels the
header's lines that state them (:func:`label_lines`): only the header — the
lines before the first kept sentence of prose — is searched, and only for
what the page's metadata names: a line equal to the title (or an ``<h1>`` the
title starts with), a short line naming the author, a short line stating the
publication date. The date is the header's dateline where it shows one
(htmldate's reading of the whole page only where it does not); where the
meta tags name no author, a name in an author/byline element
(:func:`_byline_in_markup`) is the byline, and its line too when it is in the
header or just under it. These labels have the markup's authority: they
replace the markup model's decisions, never a profile's.
"""

from __future__ import annotations

import re
from typing import Sequence

from ..dates import dates_another, is_update, parse_date
from ..document import BYLINE, DATE, METADATA_LABELS, TITLE, Authority, Document, Line, first_body
from ..language import stopwords
from ..lexicon import BY_INSIDE, BYLINE_MAX_WORDS, BYLINE_PREFIX, byline_name, is_person, is_prose_by_words
from . import evidence, is_page
from .stated import is_site_name, only_in_other_peoples_times
from .features import region_categories


def page_metadata(doc: Document, root) -> evidence.PageMetadata:
    """What the page states about itself, read once per document; its title (as the page shows it), byline
    and site name fill the document's metadata where no profile rule did (the date is left for later)."""
    if doc.stated is None:
        doc.stated = evidence.metadata(root, doc.url)
    stated = doc.stated
    if not stated.applied:        # (a big page's was read before it had lines: cleaner.html.read_stated_early)
        stated.applied = True
        found = {"title": evidence.headline(doc.lines, stated.title), "byline": stated.byline, "site": stated.site}
        for key, value in found.items():
            if value and not doc.meta.get(key):
                doc.meta[key] = value
    return doc.stated


def label_lines(doc: Document) -> None:
    """Find the page's date and byline in its markup where its meta tags do not state them, and label the
    header's lines that state its title, byline and date."""
    if doc.source_format == "html" and not doc.lines and doc.root is not None:
        _stated_alone(doc)
        return
    if not is_page(doc):
        return
    _metadata_lines(doc, page_metadata(doc, doc.root))


def _stated_alone(doc: Document) -> None:
    """A page that shows no line of text (a script's shell whose posts a browser fetches after it loads) still
    states its title, author, site and date in its meta tags and structured data: they are the page's, and a
    user who indexes records by them gets them, with the empty body. No line to label; the date as for any
    page without a dateline (:func:`_published`)."""
    stated = page_metadata(doc, doc.root)
    if not doc.meta.get("date"):
        doc.meta["date"], _ = _published((), stated, doc.root)


def _metadata_lines(doc: Document, stated: evidence.PageMetadata) -> None:
    """The page's title, byline and date, where the page shows them above the text, are metadata, not body."""
    meta = doc.meta
    header = _header(doc)
    date_reason = "states the page's date (meta tags)"
    if not meta.get("date"):
        # Its line is labelled in the loop below, where a byline naming the date too stays a byline.
        meta["date"], date_reason = _published(header, stated, doc.root)
    if not meta.get("byline"):
        named = _byline_in_markup(doc.lines, stopwords(doc.language))
        if named is not None:
            at, meta["byline"] = named
            if at < len(header) + _AFTER_HEADER:
                doc.decide(doc.lines[at], BYLINE, "the author's name, in an author/byline element",
                           Authority.MARKUP)
    if not meta.get("byline") or _names_the_site(meta["byline"], stated):
        meta["byline"] = _credited_in_header(doc.lines[:len(header) + _AFTER_HEADER]) or meta.get("byline")
    title, author, date = _normal(meta.get("title")), _normal(meta.get("byline")), meta.get("date")
    found: set[str] = set()
    for line in header:
        if _profile_decided(line):
            continue
        text, words = _normal(line.text), line.features.words
        if "title" not in found and title and (text == title or line.markup.heading == 1 and title.startswith(text)):
            doc.decide(line, TITLE, "the page's title (meta tags)", Authority.MARKUP)
            found.add("title")
        elif "byline" not in found and author and author in text and words <= 12:
            doc.decide(line, BYLINE, f"names the page's author ({stated.byline_from})", Authority.MARKUP)
            found.add("byline")
        elif "date" not in found and date and words <= _DATELINE_WORDS and parse_date(line.text) == date:
            doc.decide(line, DATE, date_reason, Authority.MARKUP)
            found.add("date")


def _published(header: Sequence[Line], stated: evidence.PageMetadata, root=None) -> tuple[str | None, str]:
    """The page's publication date (ISO) and why.

    The header's datelines first (the date the page shows its readers): the one the structured data gives
    as the publication date, else the first that is not an update ("Updated …", or the structured data's
    modification date) where the structured data states another publication date. Without a dateline,
    the structured publication date; else htmldate's reading of the page, unless the ``<time>`` elements
    that state it are all in comments or other stories (:func:`stated.only_in_other_peoples_times`).
    """
    published, modified = stated.dates.get("datePublished"), stated.dates.get("dateModified")
    shown = _datelines(header)
    if published and any(day == published for day, _ in shown):
        return published, "the page's dateline (the publication date its structured data gives)"
    if published:
        shown = [(day, update) for day, update in shown if not update and day != modified]
    if shown:
        return shown[0][0], "the page's dateline (the first date in its header)"
    if published:
        return published, "the page's publication date (structured data; the header shows an update)"
    day = stated.date()         # (only here: PageMetadata.may_ask_date)
    if day and root is not None and only_in_other_peoples_times(root, day):
        return None, "the only date is a comment's or another story's (htmldate)"
    return day, "states the page's date (meta tags)"


def _datelines(header: Sequence[Line]) -> list[tuple[str, bool]]:
    """The dates (ISO) the header's short lines state, in order, each with whether its line says it is an
    update ("Updated 5 May 2025").

    Preferred to htmldate's reading of the whole page: on wcxb-dev-articles it is right more often (the
    date under the headline is the one the page shows its readers), and htmldate need not run. A line that
    dates someone else's act (:func:`cleaner.dates.dates_another`: a forum's "Joined: Mon Jul 24, 2017" by
    the first post, "answered Sep 5, 2025") is none of the page's, as on the text path.

    Those under the headline (the header's first ``<h1>`` line) come first, those above it after them: a
    date above the headline is a site bar's (today's date) or a list's beside the article more often than
    the article's own, which stands under its headline by the byline.
    """
    found, above = [], []
    seen_headline = False
    for line in header:
        seen_headline = seen_headline or line.markup.heading == 1
        if _profile_decided(line) or line.features.words > _DATELINE_WORDS and not (
                line.features.words <= _CREDIT_DATELINE_WORDS and _is_credit(line.text)):
            continue
        day = parse_date(line.text)
        if day and not dates_another(line.text):
            (found if seen_headline else above).append((day, is_update(line.text)))
    return found + above if seen_headline else above


def _is_credit(text: str) -> bool:
    """Whether a line credits its writer ("By Ann Lee ⋅ Senior Analyst ⋅ Updated March 5, 2025", "03/01/2017 by
    Ann Lee, Representative to the Liaison Committee"): its date is the article's dateline, however long."""
    return BYLINE_PREFIX.match(text) is not None or BY_INSIDE.search(text) is not None


def _profile_decided(line: Line) -> bool:
    """A profile rule (or a metadata label given above) decided the line: the markup's metadata labels
    leave it alone. They may relabel what the markup model decided, or a detector in its place."""
    return line.authority == Authority.PROFILE or line.label in METADATA_LABELS


#: A dateline is this short ("Published 5 May 2025, 10:42").
_DATELINE_WORDS = 10
#: A dateline that credits the writer may be this long ("By Ann Lee ⋅ Senior Review Analyst ⋅ Updated March 5,
#: 2025").
_CREDIT_DATELINE_WORDS = 16


#: Region words naming an author's element (``class="author"``, ``c-byline__name``, ``post-writer``…).
_AUTHOR_WORDS = frozenset({"author", "authors", "byline", "writer", "contributor"})
#: What follows the name on the same line: a date or a role after a separator.
_AFTER_NAME = re.compile(r"\s*(?:[|·•,]|\s[-–—]\s).*$")


def _byline_in_markup(lines: Sequence[Line], stoplist: frozenset[str]) -> "tuple[int, str] | None":
    """The first line inside an author/byline element that reads as a name ("By Ann Lee", "Ann Lee |
    5 May 2025"), and the name; ``None`` if there is none.

    For pages whose meta tags name no author: the markup often does (``<span class="author">``), above
    the text or in an author box under it. Not in comments, related stories, lists of other articles,
    menus or footers, whose authors are other people's.
    """
    for at, line in enumerate(lines):
        if _profile_decided(line):
            continue
        markup = line.markup
        if line.features.words > 12 or not markup.near & _AUTHOR_WORDS:
            continue
        if region_categories(markup.near) & _OTHER_PEOPLES or "comment" in region_categories(markup.far):
            continue
        text = line.text
        after_by = BY_INSIDE.search(text)      # "Published 7 August 2023 by Ann Lee"
        name = _AFTER_NAME.sub("", after_by.group("name") if after_by else BYLINE_PREFIX.sub("", text)).strip()
        if is_person(name, stoplist):
            return at, name
    return None


def _names_the_site(byline: str, stated: evidence.PageMetadata) -> bool:
    """Whether the byline the markup gave is the site's own name (a publisher standing in for a writer)."""
    from ..urls import url_host

    return is_site_name(byline, stated.site, url_host(stated.url) if stated.url else None)


def _credited_in_header(lines: Sequence[Line]) -> str | None:
    """The name of the first "By …" line (:func:`cleaner.lexicon.byline_name`) beside a dateline (in it, or
    within :data:`_DATE_NEAR` lines) among the header's lines, where the markup names no author or only the
    site: the value only (the line keeps the label the markup gave it, a dateline's where the line also
    holds the date: "By Daniel Renfrow April 12, 2024"). A "By …" line with no date by it is as often a
    menu's ("By Event Type") or a teaser's."""
    for at, line in enumerate(lines):
        if line.features.words > BYLINE_MAX_WORDS or line.features.ends_sentence:
            continue
        name = byline_name(line.text)
        if name and any(parse_date(near.text) for near in lines[max(0, at - _DATE_NEAR):at + _DATE_NEAR + 1]
                        if near.features.words <= _DATELINE_WORDS + 2):
            return name
    return None


#: How near a "By …" line its dateline stands ("By Chase Bernath" / "•" / "January 23, 2026").
_DATE_NEAR = 2
#: Regions whose authors are not the article's.
_OTHER_PEOPLES = frozenset({"comment", "related", "listing", "nav", "footer", "sidebar"})
#: A byline may follow the first sentence of prose (a standfirst) by this many lines.
_AFTER_HEADER = 6


def _header(doc: Document) -> list[Line]:
    """The lines before the first body line that is a sentence of prose (none if there is none)."""
    end = first_body(doc.lines, is_prose_by_words)
    return doc.lines[:end] if end is not None else []


def _normal(text: str | None) -> str:
    return " ".join(text.lower().split()) if text else ""
