"""Datelines to ISO 8601 dates, for the formats news sites print.

Small and dependency-free on purpose (dateparser is heavy to import). Handles
ISO dates (and "2025.12.17", "2025/12/17", "2025年12月17日", "2025년 12월 17일"), "February 10, 2020 16:10",
"10 Feb 2020", "10th of February 2020", "Feb. 10, 2020", "Jul. 11. 2025",
numeric 02/10/2020 (month first unless the first number cannot be a month,
or the page's language writes the day first: a French page's 08/12/2023 is 8
December) and 10.02.2020 (day first), two-digit years (10.02.20, 3/5/24),
plus month names in a few common languages (:data:`cleaner.lexicon.MONTH_NAMES`);
and a URL's /YYYY/MM/DD/. Returns ``YYYY-MM-DD`` or None. One parser for the
text path and the HTML path.
"""

from __future__ import annotations

import re
from datetime import date
from functools import partial
from operator import is_not

from .lazy_re import lazy_compile
from .memo import per_document
from .lexicon import (MONTH_FIRST_LANGUAGES, MONTH_NAMES, OTHERS_DATE_WORDS, PUBLISHED_WORDS, UPDATE_WORDS,
                      first_char_alternatives)

_MONTH = {name: number for number, names in MONTH_NAMES.items() for name in names}
#: The month names, the longest first, grouped by their first letters for ``re`` (:func:`first_char_alternatives`:
#: the same matches, ~4x faster where none is found).
_MONTH_RE = first_char_alternatives(sorted(_MONTH, key=lambda name: len(re.escape(name)), reverse=True))

_ISO = lazy_compile(r"(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)")
#: The same with slashes, "2025/03/05", "2025/3/5" (Japanese, Chinese and Korean pages print it; no day-month
#: order to settle: a year printed first is followed by its month); no more slashed numbers on (a path).
_ISO_SLASHED = lazy_compile(r"(?<![\d/])(\d{4})/(\d{1,2})/(\d{1,2})(?![\d/])")
#: Year, month and day with their unit signs, as Japanese and Chinese ("2025年3月5日") and Korean ("2025년 3월 5일")
#: print them.
_YMD_UNITS = lazy_compile(r"(?<!\d)(\d{4})\s*[年년]\s*(\d{1,2})\s*[月월]\s*(\d{1,2})\s*[日일]")
#: The same with dots, "2025.12.17": two-digit month and day, no more dotted numbers on ("2024.1.3" and
#: "2024.10.12.1" are versions).
_ISO_DOTTED = lazy_compile(r"(?<![\d.])(\d{4})\.(\d{2})\.(\d{2})(?!\d|\.\d)")
#: What follows where a month name is followed by its day: a word (a month name is letters only), then a digit.
#: As a look-ahead it passes over most words at once, where the alternation of every month name would be
#: tried at each (five times faster on a line of prose); it matches wherever the month does.
_WORD_THEN_DIGIT = r"(?=[^\W\d_]+\.?\s+\d)"
#: "Feb 10, 2020", "Feb. 10th 2020", and with a dot after the day "Jul. 11. 2025".
_MONTH_FIRST = lazy_compile(rf"\b{_WORD_THEN_DIGIT}({_MONTH_RE})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?[,.]?\s+(\d{{4}})\b", re.I)
#: A day's ordinal suffix: English "3rd", French "1er", Spanish and Portuguese "1º" / "1.º" (and "1°", as typed).
_ORDINAL = r"(?:st|nd|rd|th|er|\.?º|°)"
#: "10 Feb 2020", "10. Februar 2020", "10 de febrero de 2020" ("del 2020"), "10th of February 2020", "1er mars
#: 2020", "1º de março de 2020", and with dashes "19-Dec-2025".
_DAY_FIRST = lazy_compile(rf"\b(\d{{1,2}})(?:{_ORDINAL}?\.?\s+(?:(?:de|of)\s+)?({_MONTH_RE})\.?,?\s+(?:del?\s+)?"
                        rf"|-({_MONTH_RE})-)(\d{{4}})\b", re.I)
#: Day, month and year in digits; a two-digit year only where no digit or dot goes on (not a version 1.2.30.4).
_NUMERIC = lazy_compile(r"(?<![\d.])(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2}(?![\d]|[/.-]\d))(?!\d)")
#: Every format above has a year of four digits or a numeric date: a line without either is no date (checked
#: in one scan).
#: (``\d{4}|\d[/.-]\d{1,2}[/.-]\d{2}`` with its first digit taken first: ``re`` passes over every other character at
#: once, where it tried the two alternatives at each.)
_YEAR = lazy_compile(r"\d(?:\d{3}|[/.-]\d{1,2}[/.-]\d{2})")
#: A two-digit year up to this one is this century's (24 is 2024), above it the last's (98 is 1998).
_CENTURY_PIVOT = 69
#: A URL's date: /2024/03/05/, /2024-03-05-slug.
_URL_DATE = lazy_compile(rf"/((?:19|20)\d{{2}})[/-](\d{{1,2}}|{_MONTH_RE})[/-](\d{{1,2}})(?=[/.-]|$)", re.I)
#: What separates a dateline's parts ("Published May 5, 2024 | Updated June 1, 2024").
#: (``[;|•·]|\s[-–—]\s``, its first character taken first, a look-behind telling the two apart: as :data:`_YEAR`)
_DATELINE_PARTS = lazy_compile(r"[;|•·\s](?:(?<=\s)[-–—]\s|(?<!\s))")


#: The formats of :func:`parse_date`, tried in this order, each with its parts' order and the characters one of
#: which a match holds (a text without any is not searched: most lines hold no dotted, slashed or CJK date).
_ORDERED = ((_ISO, "ymd", ("-",)), (_ISO_DOTTED, "ymd", (".",)), (_ISO_SLASHED, "ymd", ("/",)),
            (_YMD_UNITS, "ymd", ("年", "년")), (_MONTH_FIRST, "mdy", None), (_DAY_FIRST, "dmy", None))
#: The characters one of which a match of :data:`_NUMERIC` holds (its separator).
_NUMERIC_SEPARATORS = ("/", ".", "-")
#: Every needle of :data:`_ORDERED` and :data:`_NUMERIC_SEPARATORS`: :func:`parse_date` looks for each in a text
#: once, not once for each format that names it.
_NEEDLES = frozenset(needle for _, _, needles in _ORDERED for needle in needles or ()).union(_NUMERIC_SEPARATORS)
#: Whether a match's group took part in it (its value is not None), as a C function for ``filter``.
_took_part = partial(is_not, None)
#: :data:`_ORDERED` as :func:`parse_date` reads it: each format's needles as a set (None: none), and where its
#: match's groups that took part put the year, the month and the day.
_FORMATS = tuple((pattern, frozenset(needles) if needles is not None else None,
                  (order.index("y"), order.index("m"), order.index("d"))) for pattern, order, needles in _ORDERED)


def writes_day_first(language: str | None) -> bool:
    """Whether a page in ``language`` (a stoplist name, :attr:`cleaner.document.Document.language`) writes
    numeric dates day first: every language but those the lexicon lists as month first (English: 02/10/2020
    is February 10). An unknown language reads month first, as before."""
    return language is not None and language not in MONTH_FIRST_LANGUAGES


def parse_date(text: str, day_first: bool = False) -> str | None:
    """The first date in ``text`` as ``YYYY-MM-DD``, or None. ``day_first``: read 08/12/2023 as 8 December
    (:func:`writes_day_first` of the page's language)."""
    # (``day_first`` always handed on: a text read with it given, False, and without it is one question, remembered
    # once, where the memo's two keys had it parsed twice)
    return _parsed_date(text, day_first)


@per_document     # (a dateline is read by more than one of the metadata's tests)
def _parsed_date(text: str, day_first: bool) -> str | None:
    """:func:`parse_date`, remembered for the document."""
    if _YEAR.search(text) is None:
        return None
    # (the needles the text holds, each looked for once: a format whose needles it holds none of is not searched)
    held = frozenset(filter(text.__contains__, _NEEDLES))
    for pattern, needles, (y, m, d) in _FORMATS:
        found = pattern.search(text) if needles is None or not needles.isdisjoint(held) else None
        if found:
            parts = tuple(filter(_took_part, found.groups()))
            result = _build(parts[y], parts[m], parts[d])
            if result:
                return result
    found = _NUMERIC.search(text) if not held.isdisjoint(_NUMERIC_SEPARATORS) else None
    if found:
        first, separator, second, year = found.groups()
        a, b = int(first), int(second)
        # Dots are day-first everywhere; slashes are month-first unless impossible or the language says so.
        month, day = (b, a) if separator == "." or a > 12 or (day_first and b <= 12) else (a, b)
        return _build(_full_year(year), month, day)
    return None


def _full_year(year: str) -> int:
    """A year as printed, with its century: "24" is 2024, "98" 1998 (:data:`_CENTURY_PIVOT`)."""
    number = int(year)
    if len(year) > 2:
        return number
    return number + (2000 if number <= _CENTURY_PIVOT else 1900)


@per_document     # (a dateline is cut by the test for another's date, then by its publication's date)
def dateline_parts(text: str) -> tuple[str, ...]:
    """A dateline's parts: "By Ann Lee | May 5, 2024 | News" → "By Ann Lee", "May 5, 2024", "News"."""
    return tuple(_DATELINE_PARTS.split(text))


def publication_date(text: str, day_first: bool = False) -> str | None:
    """The date a dateline gives for the publication: of its parts ("Published May 5 | Updated June 1"), the
    first date printed after a word that says it is the publication's (:func:`_after_published`: "June 1 (first
    published May 5)", "Updated June 1 Published May 5" are May 5), else the first printed before any update
    word in a part (:func:`_before_update`: "May 5 (Edited)" is May 5, "Updated June 1" none) that does not say
    it is someone else's (:func:`dates_another`: "Posts: 524 | Joined: Jul 24, 2017"). None where the line gives
    only an update or another's date."""
    for part in dateline_parts(text):
        if dates_another(part):
            continue
        labelled = _after_published(part)
        found = (labelled is not None and parse_date(_before_update(labelled), day_first)) or \
            parse_date(_before_update(part), day_first)
        if found:
            return found
    return None


def _after_published(part: str) -> str | None:
    """A dateline's part after its word that labels the publication's date ("originally published", "publié"),
    or None where it has none."""
    found = PUBLISHED_WORDS.search(part)
    return None if found is None else part[found.end():]


def _before_update(part: str) -> str:
    """A dateline's part up to its update word ("2019-02-23, 09:14 PM (This post was last modified: 2024-01-05)"
    up to "last modified"): the word labels the date after it; a date printed before it is the publication's.
    The whole part where it has none."""
    found = UPDATE_WORDS.search(part)
    return part if found is None else part[:found.start()]


def date_in_url(url: str | None) -> str | None:
    """The date a URL's path states (/2024/03/05/, /2024-03-05-slug, /2023/october/03/), or None."""
    if not url:  # (no URL: the pattern, ~0.8 ms to compile, is not compiled for nothing)
        return None
    found = _URL_DATE.search(url)
    return _build(*found.groups()) if found else None


#: A URL's year and month without a day: /2019/11/slug.
_URL_MONTH = lazy_compile(r"/((?:19|20)\d{2})/(\d{1,2})/")
#: A day named by its month's name without a year ("Nov 19, 6:51 AM", "Nov. 19", "19 November"): no four-digit
#: number follows it. Either way round the day takes any ordinal suffix (:data:`_ORDINAL`: "Nov 1st", "1er mars").
_YEARLESS_DAY = lazy_compile(rf"\b(?:{_WORD_THEN_DIGIT}({_MONTH_RE})\.?\s+(\d{{1,2}}){_ORDINAL}?"
                             rf"|(\d{{1,2}}){_ORDINAL}?\.?\s+(?:de\s+)?({_MONTH_RE})\.?)\b(?![,.]?\s*\d{{4}})", re.I)


def against_url_month(day: str | None, url: str | None) -> bool:
    """Whether ``day`` (``YYYY-MM-DD``) falls in another month than the one a URL's path names without a day
    (/2021/03/slug): the path gives the publication's year and month, so a dateline naming another month dates
    something else (an update, a teaser). False where the URL names no month."""
    found = _URL_MONTH.search(url) if url and day else None
    return found is not None and (int(day[:4]), int(day[5:7])) != (int(found.group(1)), int(found.group(2)))


def names_yearless_day(text: str) -> bool:
    """Whether ``text`` names a day by its month's name without a year ("March 3,", "Wed, 3 March", "1er mars")."""
    return _YEARLESS_DAY.search(text) is not None


def publication_day_in_url_month(text: str, url: str | None) -> str | None:
    """The publication day a dateline names without its year ("Updated Nov 19, 9:41 AM; Posted Nov 18, 8:19 PM":
    the Nov 18 of its part that is no update's nor someone else's, as :func:`publication_date`), in the year of
    the URL's /2019/11/ where the URL names the same month: a news site's path gives the year and month and
    its dateline the day. None where the months differ, or the URL names no month."""
    found = _URL_MONTH.search(url) if url else None
    if found is None:
        return None
    year, month = int(found.group(1)), int(found.group(2))
    for part in dateline_parts(text):
        if dates_another(part):
            continue
        day = _YEARLESS_DAY.search(_before_update(part))
        if day is not None and not _YEAR.search(day.string[day.end():day.end() + 8]):
            name, number = (day.group(1), day.group(2)) if day.group(1) else (day.group(4), day.group(3))
            if _MONTH.get(name.lower().rstrip(".")) == month:
                return _build(year, month, number)
    return None


def _build(year, month, day) -> str | None:
    try:
        m = int(month) if str(month).isdigit() else _MONTH[str(month).lower().rstrip(".")]
        return date(int(year), m, int(day)).isoformat()
    except (KeyError, ValueError):
        return None



def is_update(text: str) -> bool:
    """Whether a dateline says its date is an update's ("Updated on June 18, 2025"), not the publication's."""
    return UPDATE_WORDS.search(text) is not None


def dates_another(text: str) -> bool:
    """Whether a dateline says its date is someone else's act on the page, not the article's publication: a
    member's joining ("Joined: Mon Jul 24, 2017"), a comment ("Commented Jul 4, 2021"), an answer ("answered Sep
    5, 2025"). Forums and Q&A pages print these beside every post; the article's own date is the question's or
    the first post's, or none the dump shows."""
    return OTHERS_DATE_WORDS.search(text) is not None
