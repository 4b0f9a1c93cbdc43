"""Stage ``template``: what the site prints on every page, applied once the generic stages have decided.

Two kinds of template evidence, both of which only ever turn lines into boilerplate:

- a profile with ``trust_region = false`` (every profile ``cleaner learn`` writes): its region and
  ``[[drop]]`` rules are applied here, after the generic stages, instead of in stage ``site``. The
  generic stages then read the page exactly as without the profile — a dropped menu does not change
  how the model sees the paragraph beside it — and the profile only removes lines. Its article, for
  ``where``, is the one the generic stages found inside the region: from the first to the last line
  they kept that no ``where = "outside"`` rule names. So an ``outside`` rule drops the site's chrome
  above and below the text, never a line inside it (a shop's "Description" heading it repeats on every
  page). The rules are the profile's, so they decide with its authority (``PROFILE``), over the markup
  model's decisions, as in stage ``site``;
- ``cleaner batch --learn-sites``: the lines this page's host printed on most of its pages, and on
  3 or more (:mod:`cleaner.site_evidence`, ``Document.template``), are template. One the model alone
  dropped says so (``template: seen on 40 of 52 pages of example.com``); one the generic stages kept
  is dropped only below the page's own text (after its last line that is not template and that they
  kept or that reads as prose) and on stronger evidence (4 pages or more). Above and inside the text
  the generic stages' decision stands: there a repeated line is as often the page's (a heading, a
  table of contents) as chrome. This is a detector's evidence (``SOFT``): a decision of a profile, of
  the markup model or of a final detector is never overruled.

Lines the metadata stages took for the title, byline or date keep those labels.
"""

from __future__ import annotations

from ..document import BODY, BOILERPLATE, METADATA_LABELS, Authority, Document, Line, WordedReason
from ..lexicon import is_prose
from ..profiles.patterns import budget_for, time_budget
from ..site_evidence import HostTemplate


class TemplateStage:
    name = "template"

    def __call__(self, doc: Document) -> None:
        if not doc.lines:
            return
        profile = doc.profile
        if profile is not None and not profile.trust_region and doc.region is not None:
            texts = [line.text for line in doc.lines]
            with time_budget(budget_for(sum(map(len, texts)))):  # a slow user regex stops with a one-line error
                apply_untrusted_profile(doc, profile, texts)
        if doc.template is not None:
            drop_host_template(doc, doc.template)


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
        rule = profile.drop_for(texts, i, start, first <= i <= last)
        if rule is not None:
            decide(line, BOILERPLATE, f"{tag}: {rule.reason}", profile_rule)


def _named(rules, texts: list[str], i: int, start: int) -> bool:
    """Does one of the ``[[drop]]`` rules match line ``i``?"""
    return any(rule.pattern.matches(texts, i, start) for rule in rules)


class TemplateReason(WordedReason):
    """``template: seen on 40 of 52 pages of example.com``."""

    __slots__ = ("seen", "pages", "host")

    def __init__(self, seen: int, pages: int, host: str) -> None:
        self.seen, self.pages, self.host = seen, pages, host

    def __str__(self) -> str:
        return f"template: seen on {self.seen} of {self.pages} pages of {self.host}"


def drop_host_template(doc: Document, evidence: HostTemplate) -> None:
    """Label the host's template lines boilerplate where the generic stages dropped them or kept them below
    the page's own text (see the module's docstring)."""
    lines = doc.lines
    seen = [evidence.seen_on(line.text) for line in lines]
    template = [evidence.is_template(n) for n in seen]
    own = [i for i, line in enumerate(lines) if not template[i] and (line.label == BODY or _prose(line))]
    last = own[-1] if own else -1
    for i, line in enumerate(lines):
        if not template[i]:
            continue
        kept_outside = line.label == BODY and i > last and evidence.is_strong(seen[i])
        if kept_outside or line.label == BOILERPLATE and line.signal is None:
            # a detector's evidence (SOFT): Document.decide refuses it on a profile's, the markup's or a final
            # detector's decision. The signal is the repeats stage's: a line printed again (no stage after this
            # one reads signals; the model's "repeated" column means the same)
            doc.condemn(line, TemplateReason(seen[i], evidence.pages, evidence.host), "repeated")


def _prose(line: Line) -> bool:
    """A sentence of some length (the page's own text even where the generic stages dropped it)."""
    return line.features is not None and is_prose(line.features)
