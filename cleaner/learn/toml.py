"""Writing a learned profile as a TOML file the profile loader reads, a comment on every rule.

Written by hand (the standard library reads TOML but does not write it): the file holds strings,
lists of strings and small tables only. Regexes are written as TOML literal strings ('…', no
escapes) when they can be, so they read as the regexes they are.
"""

from __future__ import annotations

from typing import Any

from .rules import LearnedBound, LearnedProfile


def toml_string(text: str) -> str:
    """``text`` as a TOML string: a literal '…' when it holds no quote or control character, else "…"."""
    if "'" not in text and all(c.isprintable() or c == " " for c in text):
        return f"'{text}'"
    out = []
    for c in text:
        if c == "\\":
            out.append("\\\\")
        elif c == '"':
            out.append('\\"')
        elif c.isprintable() or c == " ":
            out.append(c)
        else:
            out.append(f"\\u{ord(c):04x}" if ord(c) <= 0xFFFF else f"\\U{ord(c):08x}")
    return '"' + "".join(out) + '"'


def toml_value(value: Any) -> str:
    """A string, a list of strings, or a table of those, as TOML (tables inline)."""
    if isinstance(value, str):
        return toml_string(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(item) for item in value) + "]"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{key} = {toml_value(item)}" for key, item in value.items()) + " }"
    raise TypeError(f"cannot write {type(value).__name__} as TOML")


def render_profile(profile: LearnedProfile, sources: list[str] | None = None) -> str:
    """The profile file's text."""
    total = profile.pages
    out = [
        f"# Learned by 'cleaner learn' from {total} pages of {profile.site or profile.name}"
        + (f": {', '.join(sources[:5])}{', …' if len(sources) > 5 else ''}" if sources else "") + ".",
        "# Every rule is template: a line (or a line shape) seen on several of those pages, never one page's words.",
        "# Lines a rule does not name are left to the generic stages (trust_region = false).",
        f"name = {toml_string(profile.name)}",
    ]
    if profile.site:
        out.append(f"site = {toml_string(profile.site)}")
    out.append(f"description = {toml_string(f'learned from {total} pages')}")
    if profile.hosts:
        out.append(f"hosts = {toml_value(list(profile.hosts))}")
    if profile.fingerprints:
        out.append("# lines every page prints, and only this site: they pick the profile when no URL is given")
        out.append("fingerprints = [")
        for regex, pages in profile.fingerprints:
            out.append(f"  {toml_string(regex)},  # seen on {pages} of {total} pages")
        out.append("]")
        out.append(f"min_fingerprints = {min(2, len(profile.fingerprints))}")
    out += ["", "[article]", "trust_region = false"]
    out += _bound("start_after", profile.start_after, total, "the article starts after this line")
    out += _bound("end_before", profile.end_before, total, "and ends before this one")
    for rule in profile.drops:
        out += ["", f"# {rule.kind}, seen on {rule.pages} of {total} pages", "[[drop]]"]
        if isinstance(rule.pattern, dict):
            out += [f"{key} = {toml_value(value)}" for key, value in rule.pattern.items()]
        else:
            out.append(f"match = {toml_value(rule.pattern)}")
        out.append(f"reason = {toml_string(rule.reason(total))}")
        if rule.where != "anywhere":
            out.append(f"where = {toml_string(rule.where)}")
    return "\n".join(out) + "\n"


def _bound(key: str, bound: LearnedBound | None, total: int, what: str) -> list[str]:
    if bound is None:
        return []
    return [f"# {what}: printed once on each of the {bound.pages} of {total} pages, "
            "around everything the generic fallback kept", f"{key} = [{toml_value(bound.pattern)}]"]
