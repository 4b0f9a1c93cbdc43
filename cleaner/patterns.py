"""Line patterns: a regular expression on one line, optionally with context.

Profiles describe a site's template with these. A pattern is either a plain
regex string, or a table::

    { match = '^By ', followed_by = ['^\\d{2}/\\d{2}/\\d{4}'], preceded_by = [...] }

``match`` is searched (``re.search``) in the stripped line; ``followed_by``
are regexes the next non-blank lines must match, in order; ``preceded_by``
the previous ones, nearest first. ``within_first = N`` limits the pattern to
the first N lines of the article region (``within_first = 1`` with no
``match``: "the title is the region's first line").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Sequence

from .errors import ProfileError

_PATTERN_KEYS = {"match", "followed_by", "preceded_by", "within_first"}


@dataclass(frozen=True)
class LinePattern:
    match: re.Pattern[str] | None
    followed_by: tuple[re.Pattern[str], ...] = ()
    preceded_by: tuple[re.Pattern[str], ...] = ()
    within_first: int | None = None
    source: str = ""

    def matches(self, texts: Sequence[str], i: int, region_start: int = 0) -> bool:
        """Does the pattern hold at line ``i`` of ``texts`` (non-blank lines)?"""
        if self.within_first is not None and not region_start <= i < region_start + self.within_first:
            return False
        if self.match is not None and not self.match.search(texts[i]):
            return False
        for offset, pattern in enumerate(self.followed_by, 1):
            j = i + offset
            if j >= len(texts) or not pattern.search(texts[j]):
                return False
        for offset, pattern in enumerate(self.preceded_by, 1):
            j = i - offset
            if j < 0 or not pattern.search(texts[j]):
                return False
        return True

    def value(self, text: str) -> str:
        """The captured ``value`` group if the regex has one, else the whole line."""
        if self.match is not None:
            found = self.match.search(text)
            if found and "value" in found.re.groupindex and found.group("value"):
                return found.group("value").strip()
        return text.strip()


def compile_regex(source: Any, path: str, key: str, flags: int = 0) -> re.Pattern[str]:
    if not isinstance(source, str):
        raise ProfileError(path, key, f"expected a regular expression string, got {type(source).__name__}")
    try:
        return re.compile(source, flags)
    except re.error as exc:
        raise ProfileError(path, key, f"invalid regular expression {source!r}: {exc}") from None


def compile_pattern(spec: Any, path: str, key: str) -> LinePattern:
    """Validate and compile one pattern (a string or a table)."""
    if isinstance(spec, str):
        return LinePattern(match=compile_regex(spec, path, key), source=spec)
    if not isinstance(spec, dict):
        raise ProfileError(path, key, f"expected a regex string or a table, got {type(spec).__name__}")
    unknown = set(spec) - _PATTERN_KEYS
    if unknown:
        raise ProfileError(path, f"{key}.{sorted(unknown)[0]}", f"unknown key (allowed: {', '.join(sorted(_PATTERN_KEYS))})")
    within_first = spec.get("within_first")
    if within_first is not None and (not isinstance(within_first, int) or isinstance(within_first, bool) or within_first < 1):
        raise ProfileError(path, f"{key}.within_first", f"must be a positive integer, got {within_first!r}")
    if "match" not in spec and within_first is None:
        raise ProfileError(path, key, "a pattern table needs 'match' (or 'within_first')")
    match = compile_regex(spec["match"], path, f"{key}.match") if "match" in spec else None
    return LinePattern(
        match=match,
        followed_by=tuple(_regex_list(spec.get("followed_by", []), path, f"{key}.followed_by")),
        preceded_by=tuple(_regex_list(spec.get("preceded_by", []), path, f"{key}.preceded_by")),
        within_first=within_first,
        source=str(spec.get("match", f"within_first={within_first}")),
    )


def compile_patterns(spec: Any, path: str, key: str) -> tuple[LinePattern, ...]:
    """A single pattern or a list of them."""
    items = spec if isinstance(spec, list) else [spec]
    return tuple(compile_pattern(item, path, f"{key}[{i}]") for i, item in enumerate(items))


def _regex_list(spec: Any, path: str, key: str) -> list[re.Pattern[str]]:
    if not isinstance(spec, list):
        raise ProfileError(path, key, "expected a list of regular expressions")
    return [compile_regex(item, path, f"{key}[{i}]") for i, item in enumerate(spec)]


def first_match(patterns: Sequence[LinePattern], texts: Sequence[str], start: int, stop: int,
                region_start: int = 0) -> tuple[int, LinePattern] | None:
    """The first line index in [start, stop) where any pattern holds."""
    for i in range(start, min(stop, len(texts))):
        for pattern in patterns:
            if pattern.matches(texts, i, region_start):
                return i, pattern
    return None
