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

from ..document import BODY, BOILERPLATE, UNKNOWN, Document

#: Chrome that ends an article and never sits inside one: no block spans it.
BREAKERS = frozenset({"paywall", "newsletter", "donation", "comments", "copyright"})


class RegionStage:
    name = "region"

    #: Body lines at most this many lines apart belong to one block.
    max_gap = 3
    #: A further block joins if this close and at least this share of the anchor's words.
    join_gap = 10
    join_share = 0.5

    def __call__(self, doc: Document) -> None:
        profile = doc.profile
        if profile is not None and doc.region is not None and profile.trust_region and _bounds(profile):
            self._trusted(doc)
            return
        self._anchor(doc)

    @staticmethod
    def _trusted(doc: Document) -> None:
        start, end = doc.region
        tag = f"site {doc.profile.name}"
        for line in doc.lines[start:end]:
            if line.firm:
                continue
            # Inside a trusted region only recognised chrome stays out: a run of
            # short lines is a list in the article, not a menu.
            if line.signal is None or line.signal == "menu":
                line.mark(BODY, f"{tag}: inside the article")

    def _anchor(self, doc: Document) -> None:
        lines = doc.lines
        body = [i for i, line in enumerate(lines) if line.label == BODY and not line.firm]
        if not body:
            doc.region = None
            return
        breakers_before = [0] * (len(lines) + 1)
        for i, line in enumerate(lines):
            breakers_before[i + 1] = breakers_before[i] + (line.signal in BREAKERS)
        # A block: [first line, last line, words, separated from the previous block by a breaker]
        blocks: list[list] = [[body[0], body[0], 0, False]]
        for i in body:
            broken = breakers_before[i] - breakers_before[blocks[-1][1] + 1] > 0
            if i - blocks[-1][1] > self.max_gap + 1 or broken:
                blocks.append([i, i, 0, broken])
            blocks[-1][1] = i
            blocks[-1][2] += lines[i].features.units
        anchor = max(range(len(blocks)), key=lambda k: blocks[k][2])
        first = last = anchor
        while first > 0 and not blocks[first][3] and \
                self._joins(blocks[first - 1], blocks[first], blocks[anchor][2], before=True):
            first -= 1
        while last + 1 < len(blocks) and not blocks[last + 1][3] and \
                self._joins(blocks[last + 1], blocks[last], blocks[anchor][2], before=False):
            last += 1
        start, end = blocks[first][0], blocks[last][1] + 1
        doc.region = (start, end)
        for i, line in enumerate(lines):
            if line.label == BODY and not line.firm and not start <= i < end:
                line.mark(BOILERPLATE, "region: prose outside the main text")
            elif line.label == UNKNOWN:
                line.mark(BOILERPLATE, "region: undecided")

    def _joins(self, block: list, neighbour: list, anchor_units: int, before: bool) -> bool:
        gap = neighbour[0] - block[1] if before else block[0] - neighbour[1]
        return gap <= self.join_gap + 1 and block[2] >= self.join_share * anchor_units


def _bounds(profile) -> bool:
    return bool(profile.start_after or profile.start_at or profile.end_before or profile.end_after)
