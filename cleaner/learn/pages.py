"""The pages a site's template is learned from: each page's lines and the generic fallback's view of them.

The learner needs two things per page: the non-blank lines as the cleaner's stages see them (a text
dump's stripped lines, or an HTML page's laid-out lines), and what the generic fallback — the cleaner
with no profile — decided about each. The second is the learner's safety check: a rule may drop a
line the generic fallback keeps only when the line is the site's template outside the article, never
a line inside the text the fallback keeps (see :mod:`cleaner.learn.rules`).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Iterable

from ..document import BODY
from ..errors import CleanerError, LearnError


@dataclass(frozen=True)
class LearnPage:
    """One page: its lines in order and the generic fallback's label, and the stage that decided it, for each."""

    name: str
    texts: tuple[str, ...]
    labels: tuple[str, ...]
    stages: tuple[str, ...]

    def kept(self, i: int) -> bool:
        """Did the generic fallback keep line ``i`` as article text?"""
        return self.labels[i] == BODY


def page_from_article(name: str, article) -> LearnPage:
    """A page from a generic-fallback :class:`cleaner.document.Article` (its line decisions)."""
    decisions = article.decisions
    return LearnPage(name, tuple(d.text for d in decisions), tuple(d.label for d in decisions),
                     tuple(d.stage for d in decisions))


def read_pages(paths: Iterable[str], cleaner=None, input_format: str = "auto") -> list[LearnPage]:
    """Each file cleaned by the generic fallback (text or HTML, detected); LearnError names a file it cannot read."""
    from ..api import Cleaner

    cleaner = cleaner or Cleaner(use_profiles=False)
    pages = []
    for path in paths:
        try:
            with open(path, "rb") as handle:
                article = cleaner.clean(handle, input_format=input_format)
        except OSError as exc:
            raise LearnError(f"cannot read {path!r}: {exc.strerror or exc}") from None
        except CleanerError as error:
            raise LearnError(f"{path}: {error}") from None
        pages.append(page_from_article(os.fspath(path), article))
    return pages
