"""An HTML tree laid out as lines, the way a browser shows the page.

Each block element (paragraph, heading, list item, table cell, div…) starts
a new line, ``<br>`` breaks one, and ``<pre>`` keeps its own line breaks;
inline elements (links, emphasis, spans) flow into the line around them.
Scripts, styles, forms' widgets and the ``<head>`` are not shown.

Every line keeps what the markup said about it (:class:`Markup`): its block
tag, heading level, the semantic containers around it (nav, header, footer,
aside, figure, form, article, main…), how much of it is link text, and the
region words of the class/id attributes around it. The walk is iterative, so
a page nested thousands of levels deep cannot exhaust Python's stack.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ..document import Line
from .words import ROLE_WORDS, region_words

#: Not rendered as text by a browser (or only as widgets). Not ``<button>``: an unclosed one makes
#: libxml2 put the rest of the page inside it.
SKIPPED = frozenset({
    "script", "style", "noscript", "template", "svg", "math", "iframe", "object", "embed", "canvas", "head",
    "select", "input", "textarea", "option", "datalist", "audio", "video", "map", "title", "meta",
    "link", "base", "param", "source", "track",
})
BLOCKS = frozenset({
    "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details", "dialog", "dir",
    "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6",
    "header", "hgroup", "hr", "html", "legend", "li", "main", "menu", "nav", "ol", "p", "pre", "section",
    "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul", "frameset", "frame", "noframes",
})
#: Ancestors whose presence is evidence about a line.
CONTAINERS = frozenset({
    "nav", "header", "footer", "aside", "figure", "form", "article", "main", "blockquote", "table", "dialog",
    "menu", "address", "details", "li", "a", "button",
})
HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)


@dataclass(frozen=True)
class Markup:
    """What the HTML says about one line."""

    tag: str                       # the block element holding the line: p, li, h2, td, div, ...
    heading: int                   # 1..6 inside h1..h6, else 0
    containers: frozenset[str]     # semantic elements around the line (nav, footer, article, li, ...)
    link_chars: int                # characters of the line inside <a>
    near: frozenset[str]           # region words of the line's elements and their two nearest ancestors
    far: frozenset[str]            # region words of all further ancestors
    depth: int                     # elements between <body> and the line's block
    hidden: bool                   # inside a hidden element (hidden attribute, display:none)
    path: tuple[int, ...] = ()     # ids of the elements down to the line's block (the last PATH_LIMIT)
    repeats: int = 1               # siblings of the line's block (or of its parent) that look the same
    element: Any = None            # the block element itself (for selectors)

    @property
    def list_item(self) -> bool:
        return "li" in self.containers

    @property
    def table_cell(self) -> bool:
        return self.tag in ("td", "th")


#: A line remembers at most this many of its ancestors' ids (pathological nesting stays linear).
PATH_LIMIT = 64


class _Frame:
    """An element that matters during the walk, with what it passes on to its descendants.

    Plain inline elements (a ``<span>`` or ``<b>`` with no class, id or style)
    get no frame of their own: their text belongs to the frame around them.
    """

    __slots__ = ("id", "element", "tag", "block", "parent", "block_frame", "words", "near", "all_words",
                 "containers", "heading", "hidden", "link", "pre", "depth", "path", "signature")

    def __init__(self, element, tag: str, parent: "_Frame | None", number: int, attributes: dict[str, str]) -> None:
        self.id = number
        self.element = element
        self.tag = tag
        self.block = tag in BLOCKS
        self.parent = parent
        self.words = words = _region_words(attributes) if attributes else _NO_WORDS
        self.signature = (parent.id if parent else -1, tag, attributes.get("class"))
        if parent is None:
            self.block_frame = self
            self.near = self.all_words = words
            self.containers, self.heading, self.hidden, self.link, self.pre = frozenset(), 0, False, False, False
            self.depth, self.path = 0, (number,)
            return
        self.block_frame = self if self.block else parent.block_frame
        grand = parent.parent
        self.near = words | parent.words | (grand.words if grand is not None else _NO_WORDS)
        self.all_words = parent.all_words | words if words else parent.all_words
        self.containers = parent.containers | {tag} if tag in CONTAINERS else parent.containers
        self.heading = HEADINGS.get(tag, parent.heading)
        self.hidden = parent.hidden or (bool(attributes) and _is_hidden(attributes))
        self.link = parent.link or tag == "a"
        self.pre = parent.pre or tag == "pre"
        self.depth = parent.depth + 1
        path = parent.path + (number,)
        self.path = path if len(path) <= PATH_LIMIT else path[-PATH_LIMIT:]


_NO_WORDS: frozenset[str] = frozenset()
#: The attributes that say something about a region (the others are ignored).
_TELLING = frozenset({"class", "id", "role", "itemprop", "style", "hidden", "aria-hidden"})
_words_cache: dict[str, frozenset[str]] = {}


def _telling_attributes(element) -> dict[str, str]:
    """The element's class, id, role, itemprop, style and hidden attributes, read in one pass."""
    found: dict[str, str] = {}
    for name, value in element.items():
        if name in _TELLING:
            found[name] = value
    return found


def _region_words(attributes: dict[str, str]) -> frozenset[str]:
    """Region words of an element's class, id, role and itemprop (cached by attribute value)."""
    words = _NO_WORDS
    for attribute in ("class", "id"):
        value = attributes.get(attribute)
        if value:
            found = _words_cache.get(value)
            if found is None:
                found = frozenset(region_words(value))
                if len(_words_cache) < 100_000:
                    _words_cache[value] = found
            if found:
                words = words | found
    for attribute in ("role", "itemprop"):
        value = attributes.get(attribute)
        if value:
            mapped = ROLE_WORDS.get(value.strip().lower()[:40])
            if mapped:
                words = words | {mapped}
    return words


def _is_hidden(attributes: dict[str, str]) -> bool:
    if "hidden" in attributes or attributes.get("aria-hidden") == "true":
        return True
    style = attributes.get("style")
    return bool(style) and _HIDDEN_STYLE.search(style[:500]) is not None


#: Elements that always get a frame (they start a line or name a container).
_FRAMED = BLOCKS | CONTAINERS | frozenset(HEADINGS) | {"pre"}


class LineBuilder:
    """Walk a tree and cut it into lines at block boundaries."""

    def __init__(self) -> None:
        self.lines: list[Line] = []
        self._pending: list[tuple] = []       # (text, soft, frame, link chars, near words) per line
        self._parts: list[str] = []
        self._link_chars = 0
        self._anchor: _Frame | None = None    # the block frame the current line started in
        self._near: frozenset[str] = frozenset()
        self._last: _Frame | None = None      # the frame that added text last (its words are counted)
        self._soft = False                    # the line being built follows a <br>, not a block break
        self._frames = 0
        self._siblings: dict[tuple, int] = {}

    def walk(self, root) -> list[Line]:
        """The lines of the tree under ``root``, in document order."""
        from lxml import etree

        stack: list[tuple[_Frame | None, bool]] = []
        walker = etree.iterwalk(root, events=("start", "end"))
        for event, node in walker:
            if event == "end":
                frame, opened = stack.pop()
                if opened and frame.block:
                    self._flush()
                if node.tail and stack and stack[-1][0] is not None:
                    self._add(node.tail, stack[-1][0])
                continue
            tag = node.tag
            parent = stack[-1][0] if stack else None
            if tag.__class__ is not str or tag in _NOT_WALKED:
                walker.skip_subtree()
                if tag == "br" or tag == "hr":
                    self._flush(soft=tag == "br")
                stack.append((parent, False))
                continue
            attributes = _telling_attributes(node)
            if parent is not None and not attributes and tag not in _FRAMED:
                stack.append((parent, False))
                if node.text:
                    self._add(node.text, parent)
                continue
            frame = _Frame(node, tag, parent, self._frames, attributes)
            self._frames += 1
            self._siblings[frame.signature] = self._siblings.get(frame.signature, 0) + 1
            if frame.block:
                self._flush()
            stack.append((frame, True))
            if node.text:
                self._add(node.text, frame)
        self._flush()
        return self._finish()

    def _add(self, text: str, frame: _Frame) -> None:
        if frame.pre and "\n" in text:
            first, *rest = text.split("\n")
            self._add_piece(first, frame)
            for piece in rest:
                self._flush(soft=True)
                self._add_piece(piece, frame)
            return
        self._add_piece(text, frame)

    def _add_piece(self, text: str, frame: _Frame) -> None:
        if not text:
            return
        self._parts.append(text)
        if text.isspace():
            return
        if self._anchor is None:
            self._anchor = frame.block_frame
        if frame.link:
            self._link_chars += len(text.strip())
        if frame is not self._last:
            self._last = frame
            near = frame.near if frame.block else frame.near | frame.block_frame.near
            if near:
                self._near = self._near | near

    def _flush(self, soft: bool = False) -> None:
        text = " ".join("".join(self._parts).split()) if self._parts else ""
        if text:
            self._pending.append((text, self._soft, self._anchor, self._link_chars, self._near))
            self._soft = soft
        elif not soft:
            self._soft = False
        self._parts = []
        self._link_chars = 0
        self._anchor = None
        self._near = frozenset()
        self._last = None

    def _finish(self) -> list[Line]:
        """Turn the pending lines into Lines with their Markup (sibling counts are known only now)."""
        siblings = self._siblings
        for text, soft, frame, link_chars, near in self._pending:
            line = Line(len(self.lines) + 1, text, blank_before=not soft)
            above = frame.parent.parent if frame.parent is not None else None
            far_frame = above.parent if above is not None else None
            repeats = max(siblings.get(frame.signature, 1),
                          siblings.get(frame.parent.signature, 1) if frame.parent is not None else 1)
            line.markup = Markup(
                tag=frame.tag, heading=frame.heading, containers=frame.containers,
                link_chars=min(link_chars, len(text)), near=near,
                far=far_frame.all_words if far_frame is not None else frozenset(), depth=frame.depth,
                hidden=frame.hidden, path=frame.path, repeats=repeats, element=frame.element)
            self.lines.append(line)
        self._pending = []
        return self.lines


#: Elements without content of their own; ``<br>`` and ``<hr>`` also break the line.
_VOID = frozenset({"br", "hr", "wbr", "img", "area", "col", "keygen", "image"})
_NOT_WALKED = SKIPPED | _VOID
