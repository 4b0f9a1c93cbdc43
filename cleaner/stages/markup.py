"""Stage ``markup``: decide HTML lines from what the page's markup says.

Runs only for HTML input, right after the profile's text rules. The evidence
— the tags and containers around each line, the class/id words of its
region, link density, which lines trafilatura's main text covers, where the
densest prose is — goes into a small learned model (``cleaner/html/``); each
line it decides is labelled, at the ``MARKUP`` authority, with a reason naming its strongest
evidence (``body 0.97 — in trafilatura's main text, <p>, class/id
'content'``). Only a detector's final evidence may overrule its body lines.
A profile's ``[html]`` selectors (an article container, elements to drop)
come first: a page they decide whole skips the model and trafilatura. The
page's title, byline and date lines are the metadata stage's.

This module imports nothing heavy: ``cleaner.html`` (lxml, trafilatura) is
loaded on the first HTML document only, so text dumps start fast.
"""

from __future__ import annotations

from ..document import Document


class MarkupStage:
    name = "markup"

    def __call__(self, doc: Document) -> None:
        if doc.source_format != "html" or not doc.lines:
            return
        from ..html.decide import decide_lines  # lazy: lxml and trafilatura only for HTML

        decide_lines(doc)
