"""Datelines to ISO 8601 dates, for the formats news sites print.

Small and dependency-free on purpose (dateparser is heavy to import). Handles
ISO dates, "February 10, 2020 16:10", "10 Feb 2020", "Feb. 10, 2020",
numeric 02/10/2020 (month first unless the first number cannot be a month)
and 10.02.2020 (day first), plus month names in a few common languages (:data:`cleaner.lexicon.MONTH_NAMES`).
Returns ``YYYY-MM-DD`` or None.
"""

from __future__ import annotations

import re
from datetime import date

from .lexicon import MONTH_NAMES, UPDATE_WORDS

_MONTH = {name: number for number, names in MONTH_NAMES.items() for name in names}
_MONTH_RE = "|".join(sorted((re.escape(m) for m in _MONTH), key=len, reverse=True))

_ISO = re.compile(r"(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)")
_MONTH_FIRST = re.compile(rf"\b({_MONTH_RE})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b", re.I)
_DAY_FIRST = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\.?\s+(?:de\s+)?({_MONTH_RE})\.?,?\s+(?:de\s+)?(\d{{4}})\b", re.I)
_NUMERIC = re.compile(r"\b(\d{1,2})([/.-])(\d{1,2})\2(\d{4})\b")
#: Every format above has a four-digit year: a line without one is no date (and is checked in one scan).
_YEAR = re.compile(r"\d{4}")


def parse_date(text: str) -> str | None:
    """The first date in ``text`` as ``YYYY-MM-DD``, or None."""
    if _YEAR.search(text) is None:
        return None
    for pattern, order in ((_ISO, "ymd"), (_MONTH_FIRST, "mdy"), (_DAY_FIRST, "dmy")):
        found = pattern.search(text)
        if found:
            parts = dict(zip(order, found.groups()))
            result = _build(parts["y"], parts["m"], parts["d"])
            if result:
                return result
    found = _NUMERIC.search(text)
    if found:
        first, separator, second, year = found.groups()
        a, b = int(first), int(second)
        # Dots are day-first everywhere; slashes are month-first unless impossible.
        month, day = (b, a) if separator == "." or a > 12 else (a, b)
        return _build(year, month, day)
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
