"""Reading and checking profile files, and the :class:`Registry` of the profiles one run knows.

Unknown keys, wrong types and invalid regexes are errors that name the file,
the key and the problem (:class:`cleaner.errors.ProfileError`). Line patterns
and their regexes are compiled by :mod:`.patterns`.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Sequence

from .. import compat
from ..compat import TYPE_CHECKING
from ..data import read_toml
from ..errors import ProfileError, UsageError
from ..lazy_re import lazy_compile
from ..records import field, record
from ..urls import url_host
from .checks import list_of, no_unknown, string_list, table_of
from .patterns import (LinePattern, LiteralScreen, ProfileRegex, budget_for, compile_pattern, compile_patterns, compile_regex,
                       shipped_patterns, time_budget)

if TYPE_CHECKING:
    from typing import Any

    from .html_rules import HtmlRules

#: The built-in profiles: package data, on disk (a profile is read, and named in messages, by its path).
BUILTIN_DIR = os.path.dirname(os.path.realpath(__file__))
_NAME = lazy_compile(r"^[a-z0-9][a-z0-9_.-]*$")


def _toml_files(directory: str) -> list[str]:
    """The paths of the ``*.toml`` entries of ``directory`` (as ``Path(directory).glob("*.toml")`` finds
    them, without importing pathlib)."""
    return [os.path.join(directory, name) for name in os.listdir(directory) if name.endswith(".toml")]
_TOP_KEYS = {"name", "site", "hosts", "fingerprints", "min_fingerprints", "article", "metadata", "drop", "description",
             "html"}
_ARTICLE_KEYS = {"start_after", "start_at", "end_before", "end_after", "trust_region", "header_lines"}
_METADATA_KEYS = {"title", "byline", "date", "site"}
_DROP_KEYS = {"match", "followed_by", "preceded_by", "within_first", "reason", "where"}
_WHERE = {"anywhere", "article", "outside"}
_FINGERPRINT_SPAN = 40_000


@record(frozen=True)
class DropRule:
    pattern: LinePattern
    reason: str
    where: str = "anywhere"


@record(frozen=True)
class Profile:
    name: str
    path: str
    site: str | None = None
    hosts: tuple[str, ...] = ()
    fingerprints: tuple[ProfileRegex, ...] = ()
    min_fingerprints: int = 1
    start_after: tuple[LinePattern, ...] = ()
    start_at: tuple[LinePattern, ...] = ()
    end_before: tuple[LinePattern, ...] = ()
    end_after: tuple[LinePattern, ...] = ()
    trust_region: bool = True
    header_lines: int = 8
    metadata: dict[str, tuple[LinePattern, ...]] = field(default_factory=dict)
    drops: tuple[DropRule, ...] = ()
    builtin: bool = False
    description: str = ""
    html: HtmlRules | None = None

    def drop_for(self, texts: Sequence[str], i: int, region_start: int, inside: bool) -> DropRule | None:
        """The first ``[[drop]]`` rule that drops line ``i`` (``inside`` the article's region or not), if any:
        the one rule for the trusted region (stage ``site``) and the untrusted one (stage ``template``)."""
        for rule in self.drops:
            if rule.where == "article" and not inside or rule.where == "outside" and inside:
                continue
            if rule.pattern.matches(texts, i, region_start):
                return rule
        return None

    def serves(self, host: str) -> bool:
        host = host.lower().rstrip(".")
        return any(host == h or host.endswith("." + h) for h in self.hosts)

    def fingerprint_hits(self, text: str) -> int:
        """How many fingerprints the dump shows (chrome sits at its head and tail)."""
        return self.span_hits(fingerprint_span(text))

    def span_hits(self, span: str, present: frozenset[str] | None = None) -> int:
        """How many fingerprints :func:`fingerprint_span` of a dump shows; ``present``: the strings of the
        registry's :class:`LiteralScreen` that it holds, if asked."""
        hits, left = 0, len(self.fingerprints)
        for pattern in self.fingerprints:
            if hits + left < self.min_fingerprints:
                break                      # too few left to reach the minimum: the rest cannot matter
            left -= 1
            if pattern.search(span, present):   # a search first looks for the strings every match contains
                hits += 1
        return hits


def fingerprint_span(text: str) -> str:
    """The part of a dump its fingerprints are looked for in: its head and tail, where chrome sits."""
    if len(text) > 2 * _FINGERPRINT_SPAN:
        return text[:_FINGERPRINT_SPAN] + "\n" + text[-_FINGERPRINT_SPAN:]
    return text


def load_profile(path: str | os.PathLike[str], builtin: bool = False) -> Profile:
    """Read and validate one profile file. A ``builtin`` one is the package's: its regexes are not
    analysed for backtracking again at each start (:func:`.patterns.shipped_patterns`)."""
    path = str(path)
    try:
        with open(path, "rb") as handle:
            raw = handle.read()
        data = read_toml(path, raw)  # a built-in profile from its twin, when current
    except OSError as exc:
        raise ProfileError(path, None, f"cannot read file: {exc.strerror or exc}") from None
    except compat.tomllib.TOMLDecodeError as exc:  # (named only once a file was parsed: tomllib is loaded)
        raise ProfileError(path, None, f"invalid TOML: {exc}") from None
    if not builtin:
        return _build(data, path, builtin)
    with shipped_patterns():
        return _build(data, path, builtin)


def _build(data: dict[str, Any], path: str, builtin: bool) -> Profile:
    no_unknown(data, _TOP_KEYS, path, "")
    name = data.get("name")
    if not isinstance(name, str) or not _NAME.match(name):
        raise ProfileError(path, "name", "required; lower-case letters, digits, '-', '_' or '.'")
    hosts = string_list(data.get("hosts", []), path, "hosts")
    fingerprints = tuple(compile_regex(f, path, f"fingerprints[{i}]", re.M)
                         for i, f in enumerate(list_of(data.get("fingerprints", []), path, "fingerprints")))
    if not hosts and not fingerprints:
        raise ProfileError(path, "hosts", "a profile needs hosts or fingerprints, or it can never be chosen")
    min_fp = data.get("min_fingerprints", 1)
    if not isinstance(min_fp, int) or isinstance(min_fp, bool) or min_fp < 1:
        raise ProfileError(path, "min_fingerprints", "must be a positive integer")
    article = table_of(data.get("article", {}), path, "article")
    no_unknown(article, _ARTICLE_KEYS, path, "article.")
    metadata = table_of(data.get("metadata", {}), path, "metadata")
    no_unknown(metadata, _METADATA_KEYS, path, "metadata.")
    trust = article.get("trust_region", True)
    if not isinstance(trust, bool):
        raise ProfileError(path, "article.trust_region", "must be true or false")
    header_lines = article.get("header_lines", 8)
    if not isinstance(header_lines, int) or isinstance(header_lines, bool) or header_lines < 0:
        raise ProfileError(path, "article.header_lines", "must be a non-negative integer")
    site = data.get("site")
    if site is not None and not isinstance(site, str):
        raise ProfileError(path, "site", "must be a string")
    return Profile(
        name=name,
        path=path,
        site=site,
        hosts=tuple(h.lower() for h in hosts),
        fingerprints=fingerprints,
        min_fingerprints=min_fp,
        start_after=_patterns(article, "start_after", path, "article."),
        start_at=_patterns(article, "start_at", path, "article."),
        end_before=_patterns(article, "end_before", path, "article."),
        end_after=_patterns(article, "end_after", path, "article."),
        trust_region=trust,
        header_lines=header_lines,
        metadata={k: compile_patterns(v, path, f"metadata.{k}") for k, v in metadata.items()},
        drops=tuple(_drop_rule(rule, path, i) for i, rule in enumerate(list_of(data.get("drop", []), path, "drop"))),
        builtin=builtin,
        description=str(data.get("description", "")),
        html=_html_rules(data["html"], path) if "html" in data else None,
    )


def _html_rules(value: Any, path: str) -> HtmlRules:
    """``[html]``, read by :mod:`.html_rules`: imported when a profile has the table (no built-in one has,
    so a start does not create its two classes)."""
    from .html_rules import html_rules

    return html_rules(value, path)


def _drop_rule(rule: Any, path: str, i: int) -> DropRule:
    key = f"drop[{i}]"
    if not isinstance(rule, dict):
        raise ProfileError(path, key, "each [[drop]] must be a table with 'match' and 'reason'")
    no_unknown(rule, _DROP_KEYS, path, key + ".")
    reason = rule.get("reason")
    if not isinstance(reason, str) or not reason.strip():
        raise ProfileError(path, f"{key}.reason", "required: say in a few words what the dropped line is")
    where = rule.get("where", "anywhere")
    if where not in _WHERE:
        raise ProfileError(path, f"{key}.where", f"must be one of {sorted(_WHERE)}, got {where!r}")
    pattern_spec = {k: v for k, v in rule.items() if k not in ("reason", "where")}
    pattern = compile_pattern(pattern_spec, path, key)
    return DropRule(pattern=pattern, reason=reason.strip(), where=where)


def _patterns(table: dict[str, Any], key: str, path: str, prefix: str) -> tuple[LinePattern, ...]:
    return compile_patterns(table[key], path, prefix + key) if key in table else ()


class Registry:
    """The profiles known to one run: built-ins, then the user's folders."""

    def __init__(self, profiles: Iterable[Profile] = ()) -> None:
        self._profiles: dict[str, Profile] = {}
        self._screen: LiteralScreen | None = None   # made when first asked; a profile added drops it
        #: The profiles by name, and every host any of them serves (made when first asked; a profile added drops them)
        self._sorted: tuple[Profile, ...] | None = None
        self._hosts: frozenset[str] | None = None
        #: What makes the one-pass search for the fingerprints' strings (:class:`LiteralScreen`): the native
        #: core's, set by the caller that knows which core runs; None: each regex looks for its own.
        self.literal_search: Callable[[list[str]], Any] | None = None
        for profile in profiles:
            self.add(profile)

    @classmethod
    def load(cls, user_dirs: Iterable[str | os.PathLike[str]] = (), builtins: bool = True) -> "Registry":
        registry = cls()
        if builtins:
            for path in sorted(_toml_files(BUILTIN_DIR)):
                registry.add(load_profile(path, builtin=True))
        for directory in user_dirs:
            from pathlib import Path  # a user's folder: named as pathlib spells it (the built-ins need none)

            directory = Path(directory)
            if not directory.is_dir():
                raise UsageError(f"profiles directory {str(directory)!r} does not exist")
            for path in sorted(directory.glob("*.toml")):
                registry.add(load_profile(path))
        return registry

    def add(self, profile: Profile) -> None:
        """Add a profile; a later one with the same name replaces the earlier."""
        self._profiles[profile.name] = profile
        self._screen = self._sorted = self._hosts = None

    def screen(self) -> LiteralScreen:
        """The one-pass search for the strings the profiles' fingerprints require."""
        if self._screen is None:
            self._screen = LiteralScreen((f for profile in self._profiles.values() for f in profile.fingerprints),
                                         self.literal_search)
        return self._screen

    def __iter__(self):
        return iter(self._by_name())

    def _by_name(self) -> tuple[Profile, ...]:
        """The profiles in the order they are tried: by name (sorted once, not at each dump)."""
        if self._sorted is None:
            self._sorted = tuple(sorted(self._profiles.values(), key=lambda p: p.name))
        return self._sorted

    def _may_serve(self, host: str) -> bool:
        """Whether any profile may serve ``host`` (:meth:`Profile.serves`): one of their hosts is the host or
        a suffix of it after a dot. Most dumps' hosts are no profile's: no profile is asked then."""
        if self._hosts is None:
            self._hosts = frozenset(h for profile in self._profiles.values() for h in profile.hosts)
        host = host.lower().rstrip(".")
        return host in self._hosts or any(host[k + 1:] in self._hosts for k, char in enumerate(host) if char == ".")

    def __len__(self) -> int:
        return len(self._profiles)

    def get(self, name: str) -> Profile:
        try:
            return self._profiles[name]
        except KeyError:
            known = ", ".join(sorted(self._profiles)) or "none"
            raise UsageError(f"unknown profile {name!r} (known: {known})") from None

    def match(self, text: str, url: str | None = None) -> Profile | None:
        """The profile for a dump: by the URL's host, else by fingerprints. A URL that names another host rules
        out every profile that lists its hosts: it is that site's template, and another site's page that shows its
        fingerprints (a shape, a credit to it) is not its page."""
        host = url_host(url) if url else ""
        if host and self._may_serve(host):
            for profile in self:
                if profile.serves(host):
                    return profile
        # (the profiles a URL does not rule out: where none is left, the dump is not screened for fingerprints)
        candidates = [profile for profile in self._by_name() if profile.fingerprints and not (host and profile.hosts)]
        if not candidates:
            return None
        best, best_hits = None, 0
        span = fingerprint_span(text)
        with time_budget(budget_for(min(len(text), 2 * _FINGERPRINT_SPAN))):
            present = self.screen().present(span)
            for profile in candidates:
                hits = profile.span_hits(span, present)
                if hits >= profile.min_fingerprints and hits > best_hits:
                    best, best_hits = profile, hits
        return best
