"""Stage ``region``: with a site profile that bounds the article, its region is the article.

The profile's ``[article]`` patterns found the region (stage ``site``); when
the profile is trusted to bound the text (``trust_region``, the default),
every line inside it that no rule or detector condemned is body, so short
lines inside it — list items, one-line quotes — stay, and a run of short
lines there is a list, not a menu. Without a profile (or a region) the stage
does nothing: the context stage has found the article as one stretch.
What the markup or a profile decided stands, and so does the chrome a
detector recognised (but a menu).
"""

from __future__ import annotations

from ..document import BODY, Authority, Document


class RegionStage:
    name = "region"

    def __call__(self, doc: Document) -> None:
        profile = doc.profile
        if profile is not None and doc.region is not None and profile.trust_region and _bounds(profile):
            self._trusted(doc)

    @staticmethod
    def _trusted(doc: Document) -> None:
        start, end = doc.region
        tag = f"profile {doc.profile.name}"
        for line in doc.lines[start:end]:
            if line.authority >= Authority.MARKUP:
                continue
            # Inside a trusted region only recognised chrome stays out: a run of
            # short lines is a list in the article, not a menu.
            if line.signal is None or line.signal == "menu":
                doc.decide(line, BODY, f"{tag}: inside the article", Authority.SOFT)


def _bounds(profile) -> bool:
    return bool(profile.start_after or profile.start_at or profile.end_before or profile.end_after)
