"""Stage ``template``: what the site prints on every page, applied once the generic stages have decided.

A profile with ``trust_region = false`` (every profile ``cleaner learn`` writes) has its region and
``[[drop]]`` rules applied here, after the generic stages, instead of in stage ``site``. The generic
stages then read the page exactly as without the profile — a dropped menu does not change how the
model sees the paragraph beside it — and the profile only removes lines. Its article, for ``where``,
is the one the generic stages found inside the region: from the first to the last line they kept
that no ``where = "outside"`` rule names. So an ``outside`` rule drops the site's chrome above and
below the text, never a line inside it (a shop's "Description" heading it repeats on every page).
The rules are the profile's, so they decide with its authority (``PROFILE``), over the markup
model's decisions, as in stage ``site``.

Lines the metadata stages took for the title, byline or date keep those labels.
"""

from __future__ import annotations

from ..document import BODY, BOILERPLATE, METADATA_LABELS, Authority, Document
from ..profiles.patterns import budget_for, time_budget


class TemplateStage:
    name = "template"

    def __call__(self, doc: Document) -> None:
        profile = doc.profile
        if doc.lines and profile is not None and not profile.trust_region and doc.region is not None:
            texts = [line.text for line in doc.lines]
            with time_budget(budget_for(sum(map(len, texts)))):  # a slow user regex stops with a one-line error
                apply_untrusted_profile(doc, profile, texts)


def apply_untrusted_profile(doc: Document, profile, texts: list[str]) -> None:
    """A ``trust_region = false`` profile's region and ``[[drop]]`` rules, over the generic stages' decisions.

    Above the region's start, a line the generic stages kept stays unless a rule names it: what they
    keep above the template's start line is the page's own (a table of contents, a summary box);
    leave-one-out over learned profiles lost 15 body lines there on wcxb-dev-other, none below the
    end line, where the site's footer and its lists of other pages are (bench/learn_loo.py).
    """
    lines = doc.lines
    start, end = doc.region
    tag = f"profile {profile.name}"
    decide, profile_rule = doc.decide, Authority.PROFILE
    for i, line in enumerate(lines):
        if start <= i < end or line.label in METADATA_LABELS:
            continue
        if i < start and line.label == BODY and not _named(profile.drops, texts, i, start):
            continue  # the page's own, above the template's start line: see above
        decide(line, BOILERPLATE, f"{tag}: {'before' if i < start else 'after'} the article", profile_rule)
    outside_rules = [rule for rule in profile.drops if rule.where == "outside"]
    own = [i for i in range(start, end) if lines[i].label == BODY and not _named(outside_rules, texts, i, start)]
    first, last = (own[0], own[-1]) if own else (end, start - 1)
    for i in range(start, end):
        line = lines[i]
        if line.label in METADATA_LABELS:
            continue
        inside = first <= i <= last
        for rule in profile.drops:
            if rule.where == "article" and not inside or rule.where == "outside" and inside:
                continue
            if rule.pattern.matches(texts, i, start):
                decide(line, BOILERPLATE, f"{tag}: {rule.reason}", profile_rule)
                break


def _named(rules, texts: list[str], i: int, start: int) -> bool:
    """Does one of the ``[[drop]]`` rules match line ``i``?"""
    return any(rule.pattern.matches(texts, i, start) for rule in rules)
