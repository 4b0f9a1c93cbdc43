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

import functools
import re
from array import array
from dataclasses import dataclass
from sys import intern
from typing import Any, Iterable, NamedTuple

from ..caching import BoundedCache
from ..document import Line
from .memory import give_back_freed_memory
from .words import CATEGORIES, ROLE_WORDS, VALUE_CHARS, region_words, shown, value_region_words

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
#: A ``style`` value is searched for :data:`_HIDDEN_STYLE` in its first this many characters, and a ``role``
#: or ``itemprop`` value (stripped, lowercased) is looked up in ``ROLE_WORDS`` by its first this many.
STYLE_CHARS = 500
ROLE_CHARS = 40


#: A page built by script shows next to nothing without it: fewer characters than this outside ``<noscript>``…
APP_SHELL_CHARS = 300
#: …and its ``<noscript>`` elements hold this many times as much.
NOSCRIPT_SHARE = 3
#: What no reader sees, and last ``<noscript>``: neither is counted as the text outside ``<noscript>``.
_NEVER_SHOWN = ("script", "style", "template", "svg", "noscript")


def show_noscript_of_app_shell(body) -> bool:
    """Unwrap ``<noscript>`` on a page that is an empty shell without script (forum software such as
    Discourse, single-page apps): there the article is in ``<noscript>``, which text-only crawlers and
    browsers without script show, and which is otherwise skipped (it mostly says "enable JavaScript").

    The test is the page's own proportions, not its software: under :data:`APP_SHELL_CHARS` characters of
    text outside ``<noscript>``, and :data:`NOSCRIPT_SHARE` times that inside. Returns whether it unwrapped.
    """
    inside = sum(map(_text_chars, _outermost(body, ("noscript",))))
    if inside < APP_SHELL_CHARS:
        return False
    outside = _text_chars(body) - inside - sum(map(_text_chars, _outermost(body, _NEVER_SHOWN[:-1])))
    if outside >= APP_SHELL_CHARS or inside < NOSCRIPT_SHARE * max(outside, 1):
        return False
    from lxml import etree

    etree.strip_tags(body, "noscript")
    return True


def _outermost(body, tags: tuple[str, ...]) -> list:
    """The elements with one of ``tags`` that no other of them (or a ``<noscript>``) holds."""
    return [element for element in body.iter(*tags)
            if next(element.iterancestors(*_NEVER_SHOWN), None) is None]


def _text_chars(element) -> int:
    """Characters of an element's text, runs of white space counted as one."""
    return len(" ".join("".join(element.itertext()).split()))


@dataclass(slots=True, eq=False)
class Markup:
    """What the HTML says about one line.

    Treat it as read-only (the walk sets ``repeats`` once it has seen the whole page). It is not a frozen
    dataclass because a frozen one sets each field through ``object.__setattr__``, and a page makes
    hundreds of these (1% of the cleaner's time on HTML).
    """

    tag: str                       # the block element holding the line: p, li, h2, td, div, ...
    heading: int                   # 1..6 inside h1..h6, else 0
    containers: frozenset[str]     # semantic elements around the line (nav, footer, article, li, ...)
    link_chars: int                # characters of the line inside <a>
    near: frozenset[str]           # region words of the line's elements and their two nearest ancestors
    far: frozenset[str]            # region words of all further ancestors
    depth: int                     # elements between <body> and the line's block
    hidden: bool                   # inside a hidden element (hidden attribute, display:none)
    block: int = -1                # the id of the line's block (its frame's number in the walk)
    frames: "FrameTree | None" = None  # the page's frames, which :attr:`path` is read from
    repeats: int = 1               # siblings of the line's block (or of its parent) that look the same

    @property
    def path(self) -> tuple[int, ...]:
        """Ids of the elements down to the line's block (the last :data:`PATH_LIMIT`), read from the page's
        frames when asked: kept per line, they were most of the memory of a deeply nested page."""
        return self.frames.path(self.block) if self.frames is not None else ()

    @property
    def list_item(self) -> bool:
        return "li" in self.containers

    @property
    def table_cell(self) -> bool:
        return self.tag in ("td", "th")


#: A line's path holds at most this many of its ancestors' ids (pathological nesting stays linear).
PATH_LIMIT = 64


class FrameTree:
    """Each frame's parent (by frame number), so a line's path is worked out when read, not kept: a typed
    array of one number per frame, where a tuple per line cost up to half a kilobyte."""

    __slots__ = ("parents",)

    def __init__(self) -> None:
        self.parents = array("q")

    def add(self, parent: "_Frame | None") -> None:
        """Record the next frame (numbered in the order they are added) and its parent."""
        self.parents.append(parent.id if parent is not None else -1)

    def path(self, frame: int) -> tuple[int, ...]:
        """The ids from the top (at most :data:`PATH_LIMIT` levels up) down to ``frame``."""
        parents = self.parents
        ids = []
        while frame >= 0 and len(ids) < PATH_LIMIT:
            ids.append(frame)
            frame = parents[frame]
        ids.reverse()
        return tuple(ids)

    def paths(self, frames: "Iterable[int]") -> list[tuple[int, ...]]:
        """:meth:`path` of each of ``frames``, each frame's worked out once and from its parent's (the lines of
        a page share their blocks, and the blocks their ancestors): a page's lines' paths in a fraction of the
        steps of walking each up."""
        parents = self.parents
        known: dict[int, tuple[int, ...]] = {}

        def path(frame: int) -> tuple[int, ...]:
            # up to a frame whose path is known (or the top), then down again, each frame's path its parent's
            # and itself (its last PATH_LIMIT ids); a chain of PATH_LIMIT new frames starts at the path
            # :meth:`path` walks for the frame above it
            chain: list[int] = []
            found: tuple[int, ...] = ()
            while frame >= 0:
                known_path = known.get(frame)
                if known_path is not None:
                    found = known_path
                    break
                if len(chain) == PATH_LIMIT:
                    found = self.path(frame)
                    break
                chain.append(frame)
                frame = parents[frame]
            for up in reversed(chain):
                found = found + (up,)
                if len(found) > PATH_LIMIT:
                    found = found[-PATH_LIMIT:]
                known[up] = found
            return found

        return [path(frame) if frame >= 0 else () for frame in frames]


class _Frame:
    """An element that matters during the walk, with what it passes on to its descendants.

    Plain inline elements (a ``<span>`` or ``<b>`` with no class, id or style)
    get no frame of their own: their text belongs to the frame around them.
    What descendants inherit (region words, containers, the depth…) is
    worked out only when a line needs it: most elements never hold a line.
    """

    __slots__ = ("id", "element", "tag", "block", "parent", "_block", "attributes", "link", "pre", "signature",
                 "_words", "_near", "_all_words", "_facts", "_text_near")

    def __init__(self, element, tag: str, parent: "_Frame | None", number: int, attributes: dict[str, str]) -> None:
        self.id = number
        self.element = element
        self.tag = tag
        self.block = block = tag in BLOCKS
        self.parent = parent
        self.attributes = attributes
        # Not ``self`` for a block: a frame referring to itself is a cycle, which only the garbage
        # collector frees (and the frame holds its element, so the whole page would wait for it).
        if parent is None:
            self.signature = (-1, tag, attributes.get("class"))
            self._block = None
            self.link, self.pre = tag == "a", tag == "pre"
        else:
            self.signature = (parent.id, tag, attributes.get("class"))
            self._block = None if block else parent._block or parent      # parent.block_frame
            self.link = tag == "a" or parent.link
            self.pre = tag == "pre" or parent.pre
        self._words = self._near = self._all_words = self._facts = self._text_near = None

    @property
    def block_frame(self) -> "_Frame":
        """The block this frame's text is laid out in: itself, or the nearest block around it."""
        return self._block or self

    @property
    def text_near(self) -> frozenset[str]:
        """The region words text added by this frame brings to its line (its block's too, if inline)."""
        if self._text_near is None:
            self._text_near = self.near if self.block else self.near | self.block_frame.near
        return self._text_near

    @property
    def words(self) -> frozenset[str]:
        if self._words is None:
            self._words = _region_words(self.attributes) if self.attributes else _NO_WORDS
        return self._words

    @property
    def near(self) -> frozenset[str]:
        """Region words of this element, its parent and its grandparent."""
        if self._near is None:
            # Each frame's words read from its slot where known (a property call each was a tenth of the walk).
            near = self._words
            if near is None:
                near = self.words
            parent = self.parent
            if parent is not None:
                words = parent._words
                near = near | (parent.words if words is None else words)
                grand = parent.parent
                if grand is not None:
                    words = grand._words
                    near = near | (grand.words if words is None else words)
            self._near = near
        return self._near

    @property
    def all_words(self) -> frozenset[str]:
        if self._all_words is None:
            self._all_words = _all_words(self, _inherited(self.parent, "_all_words", _all_words))
        return self._all_words

    def line_facts(self) -> "_Facts":
        """What a line in this frame inherits from it and its ancestors: the nearest heading's level, the
        containers, the depth, whether hidden; worked out once per frame (lines share their ancestors), all
        four in one pass up (one per fact was a tenth of the walk's time)."""
        if self._facts is None:
            self._facts = _facts(self, _inherited(self.parent, "_facts", _facts))
        return self._facts


_NO_WORDS: frozenset[str] = frozenset()


def _inherited(parent: "_Frame | None", slot: str, value):
    """The parent's value of an inherited attribute (kept in ``slot``; ``None`` at the top), worked out from
    the nearest ancestor that knows it, down (``value(frame, its parent's value)``), where not known yet.

    A loop, not recursion: a page may nest 2,048 elements (libxml2's limit), deeper than Python's stack.
    """
    if parent is None:
        return None
    known = getattr(parent, slot)
    if known is not None:
        return known
    chain = []
    frame = parent
    while frame is not None and known is None:
        chain.append(frame)
        frame = frame.parent
        known = getattr(frame, slot) if frame is not None else None
    for frame in reversed(chain):
        known = value(frame, known)
        setattr(frame, slot, known)
    return known


def _all_words(frame: _Frame, inherited: "frozenset[str] | None") -> frozenset[str]:
    inherited = _NO_WORDS if inherited is None else inherited
    return inherited | frame.words if frame.words else inherited


#: What a frame passes on to the lines in it (:meth:`_Frame.line_facts`), a plain tuple (a NamedTuple is
#: built by a Python ``__new__``, one call more per frame): the level of the nearest heading element at
#: or above the frame (0: none); the semantic containers at or above it; the elements above it in its path
#: (at most PATH_LIMIT - 1: a path's ids); whether it or an ancestor is hidden.
_Facts = tuple[int, frozenset[str], int, bool]
_TOP_FACTS: _Facts = (0, _NO_WORDS, -1, False)


def _facts(frame: _Frame, inherited: "_Facts | None") -> _Facts:
    heading, containers, depth, hidden = _TOP_FACTS if inherited is None else inherited
    tag = frame.tag
    level = HEADINGS.get(tag)
    return (level if level is not None else heading,
            containers | {tag} if tag in CONTAINERS else containers,
            depth + 1 if depth < PATH_LIMIT - 1 else PATH_LIMIT - 1,
            hidden or (bool(frame.attributes) and _is_hidden(frame.attributes)))


_NONE: dict[str, str] = {}
#: The attributes that say something about a region (the others are ignored).
_TELLING = frozenset({"class", "id", "role", "itemprop", "style", "hidden", "aria-hidden"})


def _region_words(attributes: dict[str, str]) -> frozenset[str]:
    """Region words of an element's class, id, role and itemprop (cached by attribute values)."""
    get = attributes.get
    key = (get("class"), get("id"), get("role"), get("itemprop"))
    words = _attributes_cache.get(key)
    if words is None:
        words = _attributes_cache[key] = _shared_words.shared(_region_words_of(*key))
    return words


#: The region-word caches hold this many entries at most, then start again: a site's template has a few
#: hundred attribute values, and every entry kept is one more the garbage collector visits on each full
#: collection (caches of 100,000 entries cost more than recomputing what they saved; see cleaner.caching).
CACHED_VALUES = 16_384
#: Region words by (class, id, role, itemprop), and by one class or id value.
_attributes_cache = BoundedCache(CACHED_VALUES)
_words_cache = BoundedCache(CACHED_VALUES)
#: One frozenset per distinct set of words, shared by every cache entry that holds it. Many attribute
#: values name the same few words, and each frozenset kept is one more object every full garbage
#: collection walks (with the caches full, that was a third of the cleaner's time).
_shared_words = BoundedCache(CACHED_VALUES)


def _region_words_of(names: str | None, ident: str | None, role: str | None, prop: str | None) -> frozenset[str]:
    """Region words of an element's class (``names``), id, role and itemprop values (:func:`_region_words`)."""
    words = _value_words(names) if names else _NO_WORDS
    if ident:
        more = _value_words(ident)
        if more:
            words = words | more if words else more
    for value in (role, prop):
        if value:
            mapped = ROLE_WORDS.get(value.strip().lower()[:ROLE_CHARS])
            if mapped:
                words = words | {mapped}
    return words


def _value_words(value: str) -> frozenset[str]:
    """Region words of one class or id value, cached: a value naming none (most) is the one empty set."""
    found = _words_cache.get(value)
    if found is None:
        named = value_region_words(value)
        found = _words_cache[value] = _shared_words.shared(frozenset(named)) if named else _NO_WORDS
    return found


def _is_hidden(attributes: dict[str, str]) -> bool:
    if "hidden" in attributes or attributes.get("aria-hidden") == "true":
        return True
    style = attributes.get("style")
    return bool(style) and _HIDDEN_STYLE.search(style[:STYLE_CHARS]) is not None


#: Elements that always get a frame (they start a line or name a container).
_FRAMED = BLOCKS | CONTAINERS | frozenset(HEADINGS) | {"pre"}


class LineBuilder:
    """Walk a tree and cut it into lines at block boundaries."""

    def __init__(self) -> None:
        self.lines: list[Line] = []
        # Per line, the signatures its look-alike siblings are counted by (its block's, its parent's): the
        # counts are known only at the end, and a frame is freed as soon as the walk leaves its element.
        self._signatures: list[tuple[tuple, "tuple | None"]] = []
        self._parts: list[str] = []
        self._link_chars = 0
        self._anchor: _Frame | None = None    # the block frame the current line started in
        self._near: frozenset[str] = frozenset()
        self._last: _Frame | None = None      # the frame that added text last (its words are counted)
        self._soft = False                    # the line being built follows a <br>, not a block break
        self._frames = 0
        self._tree = FrameTree()
        self._siblings: dict[tuple, int] = {}

    def walk(self, root) -> list[Line]:
        """The lines of the tree under ``root``, in document order."""
        # Per open element, the frame its text goes to: its own, or (a plain inline element, a skipped one)
        # the one around it. An element opened a frame when that frame's element is the element itself.
        # The rules of _walked and _opens_frame are written out in the loop (a call per element was a
        # tenth of the walk's time); blocks_inside calls them, and a test holds the two walks together.
        stack: list[_Frame | None] = []
        push, pop, flush = stack.append, stack.pop, self._flush
        add_pre = self._add
        siblings, add_parent, telling = self._siblings, self._tree.parents.append, _TELLING
        not_walked, framed, str_ = _NOT_WALKED, _FRAMED, str
        walker = _iterwalk(root)
        skip = walker.skip_subtree
        for event, node in walker:
            if event == "end":
                frame = pop()
                if frame is not None and frame.block and frame.element is node:
                    if self._anchor is not None:
                        flush()
                    else:                           # _flush with no line begun, written out
                        if self._parts:
                            self._parts = []
                        self._soft = False
                text = node.tail
                if not text or not stack:
                    continue
                owner = stack[-1]
                if owner is None:
                    continue
            else:
                tag = node.tag
                parent = stack[-1] if stack else None
                if tag.__class__ is not str_ or tag in not_walked:
                    skip()
                    if tag == "br" or tag == "hr":
                        flush(soft=tag == "br")
                    push(parent)
                    continue
                items = node.items()
                attributes = {name: value for name, value in items if name in telling} if items else _NONE
                if not (parent is None or (attributes and not parent.pre) or tag in framed):
                    push(parent)
                    text = node.text
                    if not text:
                        continue
                    owner = parent
                else:
                    # Interned: a line keeps its block's tag, and lxml makes a new string each time it is read.
                    frame = _Frame(node, intern(tag), parent, self._frames, attributes)
                    self._frames += 1
                    add_parent(parent.id if parent is not None else -1)     # FrameTree.add, written out
                    signature = frame.signature
                    siblings[signature] = siblings.get(signature, 0) + 1
                    if frame.block:
                        if self._anchor is not None:
                            flush()
                        else:                       # _flush with no line begun, written out
                            if self._parts:
                                self._parts = []
                            self._soft = False
                    push(frame)
                    text = node.text
                    if not text:
                        continue
                    owner = frame
            # ``text`` flows into the line being built, from ``owner`` (its element's text, or a tail): _add and
            # _add_piece, written out (they ran some 900 times a page, most of them on white space alone).
            if owner.pre:
                add_pre(text, owner)
            elif text.isspace():
                if self._anchor is not None:    # spaces inside a line separate words; before it, nothing
                    self._parts.append(text)
            else:
                self._parts.append(text)
                if self._anchor is None:
                    self._anchor = owner._block or owner       # owner.block_frame, written out
                if owner.link:
                    self._link_chars += len(text.strip())
                if owner is not self._last:
                    self._last = owner
                    near = owner._text_near
                    if near is None:
                        near = owner.text_near
                    if near:
                        self._near = self._near | near
        flush()
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
        if not text or text.isspace():
            if self._anchor is not None:       # spaces inside a line separate words; before it, nothing
                self._parts.append(text)
            return
        self._parts.append(text)
        if self._anchor is None:
            self._anchor = frame._block or frame       # frame.block_frame, written out
        if frame.link:
            self._link_chars += len(text.strip())
        if frame is not self._last:
            self._last = frame
            near = frame._text_near
            if near is None:
                near = frame.text_near
            if near:
                self._near = self._near | near

    def _flush(self, soft: bool = False) -> None:
        if self._anchor is None:               # nothing but spaces since the last break
            if self._parts:
                self._parts = []
            if not soft:
                self._soft = False
            return
        text = shown("".join(self._parts))
        if text:                               # (not a line of control characters alone)
            self._add_line(text, self._anchor)
        self._soft = soft
        self._parts = []
        self._link_chars = 0
        self._anchor = None
        self._near = _NO_WORDS
        self._last = None

    def _add_line(self, text: str, frame: _Frame) -> None:
        """The line being built, with its Markup (its ``repeats`` are counted in :meth:`_finish`)."""
        line = Line(len(self.lines) + 1, text, blank_before=not self._soft)
        parent = frame.parent
        above = parent.parent if parent is not None else None
        far_frame = above.parent if above is not None else None
        # What the frames worked out already, read from their slots (the properties work it out otherwise).
        facts = frame._facts
        heading, containers, depth, hidden = facts if facts is not None else frame.line_facts()
        if far_frame is None:
            far = _NO_WORDS
        else:
            far = far_frame._all_words
            if far is None:
                far = far_frame.all_words
        link_chars = self._link_chars
        line.markup = Markup(   # by position (the fields' order), which is cheaper than by keyword
            frame.tag, heading, containers, link_chars if link_chars < len(text) else len(text), self._near,
            far, depth, hidden, frame.id, self._tree)
        self.lines.append(line)
        self._signatures.append((frame.signature, parent.signature if parent is not None else None))

    def _finish(self) -> list[Line]:
        """Count each line's look-alike siblings, now that the whole page has been seen."""
        siblings = self._siblings
        for line, (own, parents) in zip(self.lines, self._signatures):
            line.markup.repeats = max(siblings.get(own, 1), siblings.get(parents, 1) if parents is not None else 1)
        self._signatures = []
        return self.lines


#: Elements without content of their own; ``<br>`` and ``<hr>`` also break the line.
_VOID = frozenset({"br", "hr", "wbr", "img", "area", "col", "keygen", "image"})
_NOT_WALKED = SKIPPED | _VOID


def _walked(tag) -> bool:
    """Is an element walked (its text laid out), or skipped with its subtree (a comment, a script, a void)?"""
    return tag.__class__ is str and tag not in _NOT_WALKED


def _opens_frame(tag: str, attributes: dict[str, str], parent: "_Frame | None") -> bool:
    """Does a walked element get a frame of its own? The top one, a block, a container, a heading, and an
    inline element with telling attributes do; a plain inline one's text belongs to the frame around it.
    Inside ``<pre>``, classes are a syntax highlighter's ("token comment", "hljs-keyword"), not the page's
    regions: such an inline element is plain text of the block around it."""
    return parent is None or (bool(attributes) and not parent.pre) or tag in _FRAMED


def walk_root(root):
    """The element the walk lays out: the page's ``<body>``, or the whole page when it has none."""
    body = root.find("body")
    return body if body is not None else root


def blocks_inside(root, elements: set) -> set[int]:
    """The ids of the frames at or under any of ``elements``, numbered as :meth:`LineBuilder.walk` numbers
    them (it walks the same tree from :func:`walk_root`, by the same rules): a line is inside one of the
    elements when its block is. Lines keep no element of their own (a Python proxy per line was a tenth of
    a big page's memory); a profile's selectors map their elements to lines this way, when a profile asks."""
    top = walk_root(root)
    inside: set[int] = set()
    # Per open element, the frame around its text (None above the first) and whether it is inside.
    stack: list[tuple["_Pre | None", bool]] = []
    outer = any(ancestor in elements for ancestor in top.iterancestors())
    number = 0
    walker = _iterwalk(top)
    for event, node in walker:
        if event == "end":
            stack.pop()
            continue
        parent, within = stack[-1] if stack else (None, outer)
        within = within or node in elements
        tag = node.tag
        if not _walked(tag):
            walker.skip_subtree()
            stack.append((parent, within))
            continue
        items = node.items()
        attributes = {name: value for name, value in items if name in _TELLING} if items else _NONE
        if not _opens_frame(tag, attributes, parent):
            stack.append((parent, within))
            continue
        if within:
            inside.add(number)
        number += 1
        stack.append((_Pre(tag == "pre" or (parent is not None and parent.pre)), within))
    return inside


class _Pre(NamedTuple):
    """What :func:`_opens_frame` reads of the frame around an element, in :func:`blocks_inside`."""

    pre: bool


def _iterwalk(root):
    """lxml's walk of ``root``'s subtree, with start and end events (imported when a page is walked)."""
    from lxml import etree

    return etree.iterwalk(root, events=("start", "end"))


def laid_out(top) -> list[Line]:
    """The lines of the tree under ``top`` (:func:`walk_root`), as :meth:`LineBuilder.walk` lays them out: by
    the native core's walk of the parsed tree when it is built and reads the page, else by the walk here (the
    reference: ``CLEANER_PURE_PYTHON``, and a page the core refuses)."""
    walk = native_walker()
    if walk is not None:
        lines = walk(top)
        if lines is not None:
            return lines
    return LineBuilder().walk(top)


def native_walker():
    """The native core's layout walk (``cleaner._native.Layout``) as a function of the top element returning
    its lines or ``None`` (the Python walk reads that page), or ``None`` when the core is not built, is turned
    off, or does not lay out a page of its own as this module does (checked once per process).

    Why: the walk here makes an lxml proxy, a dict of attributes and a few calls per element, the largest
    single part of an HTML page's time; the core reads the tree where libxml2 keeps it (through lxml's public
    C struct of an element) and hands back a row per line.
    """
    layout = _native_layout()
    if layout is None:
        return None
    return functools.partial(_native_lines, layout)


@functools.cache
def _native_layout():
    from lxml import etree

    from ..extension import extension, refusals

    native, _ = extension()
    if native is None or not hasattr(native, "Layout") or array("I").itemsize != 4:   # (the core's u32s)
        return None
    tags = sorted(_NOT_WALKED | _FRAMED)
    layout = native.Layout(
        [(tag, tag in _NOT_WALKED, tag in _FRAMED, tag in BLOCKS, tag in CONTAINERS, HEADINGS.get(tag, 0))
         for tag in tags],
        [(sorted(whole), list(prefixes)) for whole, prefixes in CATEGORIES.values()], VALUE_CHARS,
        sorted(ROLE_WORDS.items()), ROLE_CHARS, STYLE_CHARS, region_words)   # (a value it does not read)
    checked = (layout, etree._Element, refusals(native))
    if not _agrees(checked):
        return None
    return checked


#: A page of at least this many lines has the C heap the core's walk freed given back (:func:`_native_lines`).
TRIM_AFTER_LINES = 20_000
#: Numbers the core gives a line (``ROW_VALUES`` in native/src/layout.rs), in this order: blank_before, block,
#: link_chars, tag, heading, containers, depth, hidden, near, far, repeats.
_ROW_VALUES = 11


def _ask_layout(checked, top, method: str):
    """What the core's ``Layout.<method>`` gives for the page whose root element is ``top``, or ``None`` where the
    core does not read it: ``top`` not an lxml element, its tag not a string (a comment's), or the core refusing."""
    layout, element_type, refused = checked
    if not isinstance(top, element_type):
        return None
    tag = top.tag
    if tag.__class__ is not str:
        return None
    try:
        return getattr(layout, method)(top, tag)
    except refused:
        return None


def _native_lines(checked, top) -> "list[Line] | None":
    found = _ask_layout(checked, top, "lines")
    if found is None:
        return None
    texts, packed, tags, sets, parents = found
    if len(texts) >= TRIM_AFTER_LINES:
        # The core's working memory (its frames, their look-alike counts) is freed by now, but malloc keeps
        # the pages, which Python's own arenas cannot reuse: given back before the lines are made, a big
        # page's peak is the larger of the two, not their sum (limits.py's 4 MB menu page: 130 -> ~115 MB).
        give_back_freed_memory()
    values = array("I")
    values.frombytes(packed)
    tags = [intern(tag) for tag in tags]
    named = [frozenset(members) if members else _NO_WORDS for members in sets]
    tree = FrameTree()
    tree.parents.frombytes(parents)
    lines: list[Line] = []
    add = lines.append
    at = 0
    for i in range(len(texts)):
        text = texts[i]             # shown as words.shown shows it, by the core
        texts[i] = None             # each text let go of once its line has one: not all kept twice
        blank, block, link_chars, tag, heading, containers, depth, hidden, near, far, repeats = \
            values[at:at + _ROW_VALUES]
        at += _ROW_VALUES
        if not text:                # (a line of control characters alone)
            continue
        line = Line(len(lines) + 1, text, blank_before=bool(blank))
        line.markup = Markup(tags[tag], heading, named[containers], link_chars if link_chars < len(text)
                             else len(text), named[near], named[far], depth, bool(hidden), block, tree, repeats)
        add(line)
    return lines



def native_author_paths(top) -> "list[list[int]] | None":
    """The author elements of the page whose root element is ``top``, found by the native core
    (``Layout.author_paths``; :func:`cleaner.html.stated._author_elements_walked` is the reference), each as its
    path of child indices from ``top``; ``None`` where the core is not used (:func:`native_walker`) or
    does not read the page."""
    checked = _native_layout()
    return None if checked is None else _ask_layout(checked, top, "author_paths")

#: A page laid out by both walks when the core's is first asked for: if they differ (an lxml or libxml2 whose
#: structs are not the ones the core reads), the Python walk lays out every page.
_CHECK_PAGE = (
    "<html><body><div class='post-body' id='main'><h1>Title <a href='#'>link</a></h1><p>One <b>two</b> "
    "<span class='share'>three</span><br>four</p><!-- c --><ul class='menu'><li><a>Home</a></li><li><a>News"
    "</a></li></ul><pre>a\n b <i class='k'>c</i>\nd</pre><table><tr><td style='display: none'>x</td>"
    "<td role=' Navigation ' hidden>y</td></tr></table><script>no</script>tail<footer><p>Foot</p></footer>"
    "</div><aside itemprop='articleBody' id='Fer\u00f0a-sideBar'>Side &amp; more</aside></body></html>")


def _agrees(checked) -> bool:
    """Do the core's walk and this module's lay out :data:`_CHECK_PAGE` alike (every line's text and markup)?"""
    from lxml import html as lxml_html   # (not .parse, which imports this module: any lxml tree will do)

    def described(lines):
        return [(line.number, line.text, line.blank_before, line.markup.tag, line.markup.heading,
                 line.markup.containers, line.markup.link_chars, line.markup.near, line.markup.far,
                 line.markup.depth, line.markup.hidden, line.markup.block, line.markup.repeats,
                 line.markup.path) for line in lines]

    top = walk_root(lxml_html.document_fromstring(_CHECK_PAGE))
    try:
        native = _native_lines(checked, top)
    except Exception:  # noqa: BLE001 - any failure means the core's walk is not used
        return False
    return native is not None and described(native) == described(LineBuilder().walk(top))
