"""HTML → Document: the page as lines, each carrying what the markup says.

Imported only when the input is HTML, so a text dump never loads lxml or
trafilatura. The page is parsed safely (:mod:`.parse`: no network, no
external entities, broken markup recovered) and laid out as a browser would
(:mod:`.layout`): one line per block, each with its markup evidence. The
``markup`` stage (:mod:`cleaner.stages.markup`) then decides lines from that
evidence, with trafilatura's reading of the page as one more witness.
"""

from __future__ import annotations

import contextlib
import gc

from ..document import Document, Line
from . import evidence
from .layout import Markup, laid_out, show_noscript_of_app_shell, walk_root
from .memory import give_back_freed_memory
from .parse import parse_html

__all__ = ["Markup", "collector_paused", "html_lines", "html_to_document", "is_page", "let_go_of_tree", "page_root"]


#: A page of at least this many characters has what it states about itself read, its date included, before
#: it is laid out as lines, and trafilatura is asked about it only within a memory budget
#: (:func:`html_to_document`, :data:`evidence.WITNESS_BYTES_PER_CHAR`).
EARLY_STATED_CHARS = 512 * 1024


def html_to_document(text: str, url: str | None = None) -> Document:
    """The page's visible text as a Document of lines with markup evidence.

    A big page (:data:`EARLY_STATED_CHARS`) has what it states read from its tree before it has lines
    (:func:`read_stated_early`), and once it has them, whether it is over trafilatura's limits, its memory
    budget for a big page included (:func:`evidence.over_limits`): if it is, no stage but a profile's
    selectors reads the tree again, and :func:`let_go_of_tree` frees it before the stages.
    (trafilatura's reading itself is not read early: whether the markup model needs it is known only once
    the lines are scored, and read for every big page it cost the big benchmark pages a third more CPU.)
    """
    root = _parsed(text)
    stated = witness = None
    big = len(text) >= EARLY_STATED_CHARS
    if big:
        stated = read_stated_early(root, url)
    doc = Document(lines=laid_out(walk_root(root)), url=url, source_format="html")
    if big:
        over = evidence.over_limits(root, chars=len(text), lines=len(doc.lines))
        if over is not None:
            witness = evidence.Witness(refusal=over)
    doc.stated = stated
    doc.root = root
    doc.witness = witness
    return doc


@contextlib.contextmanager
def collector_paused():
    """The garbage collector off while one page is cleaned (back on after, if it was on).

    A page makes hundreds of thousands of container objects (lxml's proxies, frames, lines, rows) and none
    in a cycle: reference counting frees all of them (measured: ``gc.collect()`` after each of 150 wcxb
    pages cleaned with the collector off found 0 objects). The collections the allocations set off only
    walked live objects: ~1 ms of a ~24 ms wcxb page. Wrap the whole page, its Document included: back on,
    the collector runs once over the objects allocated meanwhile that are still alive (its count of them
    is what sets it off), a few thousand once the Document is freed, a hundred thousand while it is not
    (~2 ms). Off for the whole process if a caller turned it off; with threads, the thread that turned it
    off turns it back on.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def html_lines(text: str) -> list[Line]:
    """The page's lines alone, as :func:`html_to_document` lays them out, without what it reads early for
    the stages (the stated metadata, trafilatura's reading): for a pass that needs only the lines."""
    return laid_out(walk_root(_parsed(text)))


def _parsed(text: str):
    """The page's tree as the walk reads it: parsed, and the ``<noscript>`` of an app shell shown."""
    root = parse_html(text)
    body = root.find("body")
    if body is not None:
        show_noscript_of_app_shell(body)
    return root


def read_stated_early(root, url: str | None) -> "evidence.PageMetadata":
    """What the page states about itself, and htmldate's date where it may be asked for
    (:meth:`evidence.PageMetadata.read_date_now`), read from the tree as parsed.

    htmldate works on a copy of the whole tree (some 13 bytes a byte of HTML on a page of menus): read
    when the metadata stage asks, the copy came on top of every line's objects and was a big page's peak
    of memory; read here, only the tree and its copy are alive. The date is the same: nothing changes the
    tree before the markup stage, which reads it first (before trafilatura strips the page). A smaller page
    reads its date only if its header shows none (most do not need it: htmldate ran on a fifth of
    wcxb-dev-articles' pages).
    """
    stated = evidence.metadata(root, url)
    stated.read_date_now()
    give_back_freed_memory()
    return stated


def let_go_of_tree(doc: Document) -> None:
    """Free the page's parsed tree now when no stage will read it: a big page over trafilatura's limits (so
    trafilatura will not read it), whose metadata and date were read before it had lines
    (:func:`html_to_document`), and whose profile, if any, has no ``[html]`` selectors (they run on the
    tree). Call it once the profile is known, before the stages.

    Why: libxml2's nodes are some 400 bytes a line of a menu page (14 bytes a byte), and the lines and the
    stages' measures come on top of them: freed here, the markup stage's peak no longer holds the tree.
    """
    if doc.root is None or doc.witness is None or _has_html_rules(doc.profile):
        return
    doc.root = None
    give_back_freed_memory()


def _has_html_rules(profile) -> bool:
    return getattr(profile, "html", None) is not None


def is_page(doc: Document) -> bool:
    """Is ``doc`` a page with a line of text? (The markup stages leave other documents alone: a text dump,
    or a page without a line, of whose markup only what it states about itself is read:
    :func:`cleaner.html.metadata.label_lines`.)"""
    return doc.source_format == "html" and bool(doc.lines)


def page_root(doc: Document):
    """The parsed page a Document came from, or ``None``: a text dump, a page without a line of text, or a
    page whose tree was let go of (:func:`let_go_of_tree`: no stage needs it)."""
    return doc.root if is_page(doc) else None
