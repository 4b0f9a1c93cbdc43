"""Stage ``metadata``: title, byline and dateline, moved out of the body.

They sit just before the text: scanning back from the first line of prose,
past photo credits and short chrome, we take a dateline, a byline, and the
nearest headline-shaped line as the title. Lines between the title and the
text that are not prose (share buttons, "5 min read") are header chrome.
Profile rules (stage ``site``) win: a field they set is not looked for again.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from ..dates import parse_date
from ..document import BODY, BOILERPLATE, BYLINE, DATE, TITLE, Document
from .shapes import BYLINE_LIKE, TIMESTAMP_LIKE, is_credit

_LOOKBACK = 10
_AGENCY_BYLINE = re.compile(
    r"^(?:By\s+)?(?:The\s+)?(Associated Press|Reuters|AFP|Agence France-Presse|AP|Bloomberg|Canadian Press|Press Association|dpa)\b.{0,60}$",
    re.I)
_DATE_IN_LINE = re.compile(r"\d{4}|\d{1,2}:\d{2}")
_TITLE_SUFFIX = re.compile(r"^(?P<title>.{10,}?)\s+[-|–—:•·]\s+(?P<site>[^-|–—•·]{2,60})$")


class MetadataStage:
    name = "metadata"

    def __call__(self, doc: Document) -> None:
        lines = doc.lines
        first = _first_prose(doc)
        if first is not None:
            self._scan_header(doc, first)
        self._site(doc)
        if doc.meta.get("date"):
            doc.meta["date"] = parse_date(doc.meta["date"]) or doc.meta["date"]
        if doc.meta.get("title") is None and lines:
            page_title = _TITLE_SUFFIX.match(lines[0].text)
            if page_title and lines[0].label != BODY:
                doc.meta["title"] = page_title.group("title")

    @staticmethod
    def _scan_header(doc: Document, first: int) -> None:
        lines = doc.lines
        meta = doc.meta
        lower = max(0, first - _LOOKBACK)
        title_at = None
        for i in range(first - 1, lower - 1, -1):
            line = lines[i]
            text = line.text
            f = line.features
            if line.firm:
                if line.label == TITLE:
                    title_at = i
                    break
                continue
            if is_credit(text, f.words):
                continue
            if meta.get("date") is None and f.words <= 10 and (TIMESTAMP_LIKE.match(text) or
                                                               (_DATE_IN_LINE.search(text) and parse_date(text))):
                agency = _AGENCY_BYLINE.match(text)
                if agency and meta.get("byline") is None:
                    meta["byline"] = agency.group(1)
                meta["date"] = text
                line.mark(DATE, "metadata: dateline before the text")
                continue
            if meta.get("byline") is None and f.words <= 8 and (BYLINE_LIKE.match(text) or _AGENCY_BYLINE.match(text)):
                meta["byline"] = re.sub(r"^[•·*\-–—|]?\s*by\s+", "", text, flags=re.I).strip()
                line.mark(BYLINE, "metadata: byline before the text")
                continue
            if meta.get("title") is None and _headline_shaped(line):
                meta["title"] = text
                line.mark(TITLE, "metadata: headline before the text")
                title_at = i
                break
        if title_at is not None:
            start = doc.region[0] if doc.region else 0
            for line in lines[max(start, title_at + 1):first]:
                if line.label == BODY and not line.firm and not line.features.ends_sentence:
                    line.mark(BOILERPLATE, "metadata: header chrome between title and text")
            if doc.profile is not None and doc.region is not None:
                for line in lines[start:title_at]:
                    if not line.firm:
                        line.mark(BOILERPLATE, "metadata: header before the title")

    @staticmethod
    def _site(doc: Document) -> None:
        if doc.meta.get("site"):
            return
        if doc.profile is not None and doc.profile.site:
            doc.meta["site"] = doc.profile.site
        elif doc.url:
            host = urlsplit(doc.url if "//" in doc.url else "//" + doc.url).hostname or ""
            doc.meta["site"] = host[4:] if host.startswith("www.") else host or None
        elif doc.lines:
            page_title = _TITLE_SUFFIX.match(doc.lines[0].text)
            if page_title and doc.lines[0].label != BODY:
                doc.meta["site"] = page_title.group("site").strip()


def _first_prose(doc: Document) -> int | None:
    """The first body line that reads as prose (not a kept short line)."""
    fallback = None
    for i, line in enumerate(doc.lines):
        if line.label != BODY:
            continue
        if fallback is None:
            fallback = i
        f = line.features
        if f.units >= 8 and (f.ends_sentence or f.sentences >= 1):
            return i
    return fallback


def _headline_shaped(line) -> bool:
    f = line.features
    if not 2 <= f.units <= 30:
        return False
    if line.reason.startswith("phrases:"):
        return False
    text = line.text
    return not text.endswith(".") or text.endswith("...")
