"""Stage ``region``: where the article is, as one stretch of the document.

With a site profile, the profile's region is the article: inside it, every
line that no rule condemned is body (the profile is trusted to bound the
text, so short lines inside it — list items, one-line quotes — stay).

Without one, the article is the main *block* of body lines: body lines
separated by at most ``max_gap`` other lines form a block; the block with the
most words is the anchor, and neighbouring blocks join it when they are close
and substantial. Chrome that ends articles (a paywall, newsletter or donation
box, comments, a copyright line) splits blocks and is never crossed. Prose islands far from the anchor — a donation plea under
the article, a contact paragraph in the footer — are dropped.
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
