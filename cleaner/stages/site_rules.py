"""Stage ``site``: apply the matched profile's template rules.

The profile's region bounds the article: lines before its start and after its
end are the site's chrome. ``[[drop]]`` rules name the chrome inside it
(photo credits, inline related links, pleas). ``[metadata]`` rules find the
title, byline and date. All of these decisions have the ``PROFILE`` authority:
they describe the site's template, so no later heuristic may overturn them.
A profile with ``trust_region = false`` (every learned one) has its region
and ``[[drop]]`` rules applied by stage ``template`` instead, once the
generic stages have read the page; its metadata rules apply here.
"""

from __future__ import annotations

from ..document import BOILERPLATE, DATE, BYLINE, TITLE, Authority, Document
from ..profiles.patterns import budget_for, first_match, time_budget

_META_LABELS = {"title": TITLE, "byline": BYLINE, "date": DATE}


class SiteRulesStage:
    name = "site"

    def __call__(self, doc: Document) -> None:
        profile = doc.profile
        if profile is None or not doc.lines:
            return
        texts = [line.text for line in doc.lines]
        with time_budget(budget_for(sum(map(len, texts)))):  # a slow user regex stops with a one-line error
            self._apply(doc, profile, texts)

    def _apply(self, doc: Document, profile, texts: list[str]) -> None:
        start, end = self._region(profile, texts)
        doc.region = (start, end)
        tag = f"profile {profile.name}"
        if profile.trust_region:  # else stage template applies them, once the generic stages have decided
            self._drop(doc, profile, texts, start, end, tag)
        self._metadata(doc, profile, texts, start, tag)

    @staticmethod
    def _drop(doc: Document, profile, texts: list[str], start: int, end: int, tag: str) -> None:
        """The region's bounds and the ``[[drop]]`` rules, before any other stage reads the page."""
        decide, profile_rule = doc.decide, Authority.PROFILE
        for line in doc.lines[:start]:
            decide(line, BOILERPLATE, f"{tag}: before the article", profile_rule)
        for line in doc.lines[end:]:
            decide(line, BOILERPLATE, f"{tag}: after the article", profile_rule)
        for i, line in enumerate(doc.lines):
            rule = profile.drop_for(texts, i, start, start <= i < end)
            if rule is not None:
                decide(line, BOILERPLATE, f"{tag}: {rule.reason}", profile_rule)

    @staticmethod
    def _region(profile, texts: list[str]) -> tuple[int, int]:
        start = 0
        found = first_match(profile.start_after, texts, 0, len(texts))
        if found:
            start = found[0] + 1
        else:
            found = first_match(profile.start_at, texts, 0, len(texts))
            if found:
                start = found[0]
        end = len(texts)
        stop_before = first_match(profile.end_before, texts, start, len(texts), start)
        if stop_before:
            end = stop_before[0]
        stop_after = first_match(profile.end_after, texts, start, end, start)
        if stop_after:
            end = stop_after[0] + 1
        return start, max(start, end)

    @staticmethod
    def _metadata(doc: Document, profile, texts: list[str], start: int, tag: str) -> None:
        """Metadata rules look in the header: before the region and its first lines."""
        zone_end = min(len(texts), start + profile.header_lines)
        taken: set[int] = set()
        for field_name in ("title", "byline", "date", "site"):
            patterns = profile.metadata.get(field_name, ())
            for i in range(zone_end):
                if i in taken and field_name != "site":
                    continue
                pattern = next((p for p in patterns if p.matches(texts, i, start)), None)
                if pattern is None:
                    continue
                value = pattern.value(texts[i])
                if field_name == "site":
                    # The publisher a site republishes: "a reader app (Daily Planet)".
                    doc.meta["site"] = f"{profile.site} ({value})" if profile.site else value
                    break
                doc.meta[field_name] = value
                doc.decide(doc.lines[i], _META_LABELS[field_name], f"{tag}: {field_name} rule", Authority.PROFILE)
                taken.add(i)
                break
