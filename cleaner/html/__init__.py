"""HTML → Document: the page as lines, each carrying what the markup says.

Imported only when the input is HTML, so a text dump never loads lxml or
trafilatura. The page is parsed safely (:mod:`.parse`: no network, no
external entities, broken markup recovered) and laid out as a browser would
(:mod:`.layout`): one line per block, each with its markup evidence. The
``markup`` stage (:mod:`cleaner.stages.markup`) then decides lines from that
evidence, with trafilatura's reading of the page as one more witness.
"""

from __future__ import annotations

import functools

from ..document import Document
from . import evidence
from .layout import LineBuilder, Markup, show_noscript_of_app_shell, walk_root
from .parse import parse_html

__all__ = ["Markup", "html_to_document", "page_root"]


#: A page of at least this many characters has what it states about itself read, its date included, before
#: it is laid out as lines (:func:`read_stated_early`).
EARLY_STATED_CHARS = 512 * 1024


def html_to_document(text: str, url: str | None = None) -> Document:
    """The page's visible text as a Document of lines with markup evidence."""
    root = parse_html(text)
    body = root.find("body")
    if body is not None:
        show_noscript_of_app_shell(body)
    stated = read_stated_early(root, url) if len(text) >= EARLY_STATED_CHARS else None
    lines = LineBuilder().walk(walk_root(root))
    doc = Document(lines=lines, url=url, source_format="html")
    doc.stated = stated
    doc.root = root
    return doc


def read_stated_early(root, url: str | None) -> "evidence.PageMetadata":
    """What the page states about itself, and htmldate's date, read from the tree as parsed.

    htmldate works on a copy of the whole tree (some 13 bytes a byte of HTML on a page of menus): read
    when the metadata stage asks, the copy came on top of every line's objects and was a big page's peak
    of memory; read here, only the tree and its copy are alive. The date is the same: nothing changes the
    tree before the markup stage, which reads it first (before trafilatura strips the page). A smaller page
    reads its date only if its header shows none (most do not need it: htmldate ran on a fifth of
    wcxb-dev-articles' pages).
    """
    stated = evidence.metadata(root, url)
    stated.date()
    give_back_freed_memory()
    return stated


def give_back_freed_memory() -> None:
    """Return the C heap's freed pages to the system (glibc's ``malloc_trim``; elsewhere nothing happens).

    libxml2 allocates with ``malloc``, and Python's objects live in arenas of their own: the pages htmldate's
    copy of the tree held stay resident after it is freed (measured: 15 bytes a byte of a menu page), and
    the lines' objects cannot reuse them. Given back, the peak of a big page is the larger of the copy and
    the lines, not their sum.
    """
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


@functools.cache
def _malloc_trim():
    try:
        import ctypes

        return ctypes.CDLL(None).malloc_trim
    except (OSError, AttributeError):  # not glibc
        return None


def page_root(doc: Document):
    """The parsed page a Document came from, or ``None``: a text dump, or a page without a line of text
    (the markup stages leave such a page alone: no title or date is read from its markup either)."""
    return doc.root if doc.lines else None
