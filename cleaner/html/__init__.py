"""HTML → Document: the page as lines, each carrying what the markup says.

Imported only when the input is HTML, so a text dump never loads lxml or
trafilatura. The page is parsed safely (:mod:`.parse`: no network, no
external entities, broken markup recovered) and laid out as a browser would
(:mod:`.layout`): one line per block, each with its markup evidence. The
``markup`` stage (:mod:`cleaner.stages.markup`) then decides lines from that
evidence, with trafilatura's reading of the page as one more witness.
"""

from __future__ import annotations

from ..document import Document
from .layout import LineBuilder, Markup, show_noscript_of_app_shell
from .parse import parse_html

__all__ = ["Markup", "html_to_document", "page_root"]


def html_to_document(text: str, url: str | None = None) -> Document:
    """The page's visible text as a Document of lines with markup evidence."""
    root = parse_html(text)
    body = root.find("body")
    if body is not None:
        show_noscript_of_app_shell(body)
    lines = LineBuilder().walk(body if body is not None else root)
    return Document(lines=lines, url=url, source_format="html")


def page_root(doc: Document):
    """The parsed page a Document came from (its lines keep their elements), or ``None``."""
    for line in doc.lines:
        if line.markup is not None and line.markup.element is not None:
            return line.markup.element.getroottree().getroot()
    return None
