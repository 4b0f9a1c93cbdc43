"""A profile's ``[html]`` table: CSS selectors used only when the input is HTML.

Apart from :mod:`.loader` because no built-in profile has the table: a start that loads only those does not
import this module, nor create its two dataclasses (each generated method is source compiled at a start).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..errors import ProfileError
from .checks import list_of, no_unknown, string_list, table_of

_HTML_KEYS = {"article", "drop"}
_HTML_DROP_KEYS = {"selector", "reason"}


@dataclass(frozen=True)
class HtmlDrop:
    selector: str          # as the profile wrote it (shown by --explain)
    xpath: str             # the same, translated once at load
    reason: str


@dataclass(frozen=True)
class HtmlRules:
    """``[html]``: CSS selectors used only when the input is HTML."""

    article: tuple[tuple[str, str], ...] = ()    # (selector, xpath): the first that matches is the article
    drop: tuple[HtmlDrop, ...] = ()


def html_rules(value: Any, path: str) -> HtmlRules:
    """``[html]``: ``article`` selectors (a string or a list) and ``drop`` selectors (strings or tables)."""
    table = table_of(value, path, "html")
    no_unknown(table, _HTML_KEYS, path, "html.")
    article = table.get("article", [])
    if isinstance(article, str):
        article = [article]
    selectors = string_list(article, path, "html.article")
    drops = []
    for i, rule in enumerate(list_of(table.get("drop", []), path, "html.drop")):
        key = f"html.drop[{i}]"
        if isinstance(rule, str):
            rule = {"selector": rule, "reason": "dropped by the profile"}
        if not isinstance(rule, dict):
            raise ProfileError(path, key, "must be a CSS selector string or a table with 'selector' and 'reason'")
        no_unknown(rule, _HTML_DROP_KEYS, path, key + ".")
        selector, reason = rule.get("selector"), rule.get("reason", "dropped by the profile")
        if not isinstance(selector, str) or not selector.strip():
            raise ProfileError(path, f"{key}.selector", "required: a CSS selector")
        if not isinstance(reason, str) or not reason.strip():
            raise ProfileError(path, f"{key}.reason", "must be a non-empty string")
        drops.append(HtmlDrop(selector, _css_to_xpath(selector, path, f"{key}.selector"), reason.strip()))
    return HtmlRules(
        article=tuple((s, _css_to_xpath(s, path, f"html.article[{i}]")) for i, s in enumerate(selectors)),
        drop=tuple(drops))


def _css_to_xpath(selector: str, path: str, key: str) -> str:
    """A CSS selector as XPath (cssselect is pure Python: no lxml on the text path)."""
    from cssselect import HTMLTranslator, SelectorError

    try:
        return HTMLTranslator().css_to_xpath(selector)
    except SelectorError as exc:
        raise ProfileError(path, key, f"invalid CSS selector {selector!r}: {exc}") from None
