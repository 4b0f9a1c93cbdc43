"""A profile's ``[html]`` rules: CSS selectors for the article container and for chrome to drop.

They describe a site's template in its own markup, so they win over the
model: a line inside a ``drop`` element is boilerplate; with an ``article``
selector, lines outside the container it matches are boilerplate and lines
inside it are body (as a profile's trusted text region is). The selectors
were checked and turned into XPath when the profile was loaded.
"""

from __future__ import annotations

from functools import lru_cache

from lxml import etree

from ..document import BODY, BOILERPLATE, Authority, Document
from .layout import blocks_inside


def profile_decisions(doc: Document, root) -> None:
    profile = doc.profile
    rules = getattr(profile, "html", None)
    if profile is None or rules is None:
        return
    tag = f"profile {profile.name}"
    for rule in rules.drop:
        matched = set(_xpath(rule.xpath)(root))
        if not matched:
            continue
        inside = blocks_inside(root, matched)
        for line in doc.lines:
            if not _decided(line) and _inside(line, inside):
                doc.decide(line, BOILERPLATE, f"{tag}: {rule.reason} ({rule.selector})", Authority.PROFILE)
    for selector, xpath in rules.article:
        containers = set(_xpath(xpath)(root))
        if not containers:
            continue
        inside = blocks_inside(root, containers)
        for line in doc.lines:
            if _decided(line):
                continue
            if _inside(line, inside):
                doc.decide(line, BODY, f"{tag}: inside the article container ({selector})", Authority.PROFILE)
            else:
                doc.decide(line, BOILERPLATE, f"{tag}: outside the article container ({selector})", Authority.PROFILE)
        return


def _decided(line) -> bool:
    """Did a profile rule decide the line already (its text rules, or a selector before this one)?"""
    return line.authority >= Authority.PROFILE


def _inside(line, blocks: set[int]) -> bool:
    """Is the line's block one of ``blocks`` (:func:`blocks_inside` of the elements a selector matched)?"""
    return line.markup is not None and line.markup.block in blocks


@lru_cache(maxsize=256)
def _xpath(expression: str) -> etree.XPath:
    return etree.XPath(expression)
