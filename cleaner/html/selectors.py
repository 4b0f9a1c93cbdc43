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

from ..document import BODY, BOILERPLATE, Document


def profile_decisions(doc: Document, root) -> None:
    profile = doc.profile
    rules = getattr(profile, "html", None)
    if profile is None or rules is None:
        return
    tag = f"markup: site {profile.name}"
    for rule in rules.drop:
        matched = set(_xpath(rule.xpath)(root))
        if not matched:
            continue
        for line in doc.lines:
            if not line.firm and _inside(line, matched):
                line.mark(BOILERPLATE, f"{tag}: {rule.reason} ({rule.selector})", firm=True)
    for selector, xpath in rules.article:
        containers = set(_xpath(xpath)(root))
        if not containers:
            continue
        for line in doc.lines:
            if line.firm:
                continue
            if _inside(line, containers):
                line.mark(BODY, f"{tag}: inside the article container ({selector})", firm=True)
            else:
                line.mark(BOILERPLATE, f"{tag}: outside the article container ({selector})", firm=True)
        return


def _inside(line, elements: set) -> bool:
    element = line.markup.element if line.markup is not None else None
    if element is None:
        return False
    if element in elements:
        return True
    return any(ancestor in elements for ancestor in element.iterancestors())


@lru_cache(maxsize=256)
def _xpath(expression: str) -> etree.XPath:
    return etree.XPath(expression)
