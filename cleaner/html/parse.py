"""Safe HTML parsing: any text in, an lxml tree or a one-line :class:`InputError` out.

libxml2's HTML parser in recovery mode accepts broken, truncated and
nonsensical markup. It never fetches anything (``no_network``), never loads a
DTD, and does not expand entity declarations (HTML has none to expand), so an
entity trick or an external entity is just text. The input is handed over as
UTF-8 bytes *with the encoding stated*, so a page's own ``<meta charset>``
cannot make lxml decode our already-decoded text a second time.

libxml2's limits for untrusted XML would lose text silently: by default it
stops at an attribute or a text node over 10 MB and at nesting deeper than
256 levels, and drops everything after (the shallow paragraphs after a deep
nest included). ``huge_tree`` lifts the size limits (the whole input is
capped at 64 MiB before it gets here, and entities are never expanded, so
nothing can grow) and raises the nesting limit to 2,048; a page nested
deeper still is flattened (:func:`flatten_nesting`) and parsed again, so the
text after the nest is read too.
"""

from __future__ import annotations

import re

from lxml import etree
from lxml import html as lxml_html

from ..errors import InputError
from ..extension import extension
from ..reading import BINARY_MESSAGE

#: Elements nested deeper than this, on a page deeper than libxml2 parses (2,048 levels with ``huge_tree``),
#: are flattened: their start and end tags are dropped, their text stays where it is (as Chrome lays out
#: elements past 512 levels as siblings). Far enough under libxml2's limit that the approximate count of
#: :func:`flatten_nesting` (no implied end tags but a few) cannot pass it.
FLATTEN_DEPTH = 512

_PARSER = lxml_html.HTMLParser(
    encoding="utf-8", recover=True, no_network=True, remove_comments=True, remove_pis=True,
    remove_blank_text=False, huge_tree=True, default_doctype=False, compact=True,
    collect_ids=False,  # nothing looks elements up by id
)
# Every element an HtmlElement (what trafilatura and htmldate expect), chosen in C: lxml.html's own lookup
# is a Python call per element proxy (form and input elements get their own classes, which nothing here uses).
_PARSER.set_element_class_lookup(etree.ElementDefaultClassLookup(
    element=lxml_html.HtmlElement, comment=lxml_html.HtmlComment, pi=lxml_html.HtmlProcessingInstruction,
    entity=lxml_html.HtmlEntity))


#: ``</body>`` and ``</html>`` end tags. A browser ignores them (HTML5 puts what follows into the body
#: all the same); libxml2 drops everything after them, and templates that print a header with its own
#: ``</body></html>`` before the article are common.
_DOCUMENT_END_TAGS = re.compile(rb"</(?:body|html)\s*>", re.I)


def parse_html(text: str):
    """The page's root element (``<html>``); raise :class:`InputError` if nothing can be parsed, or if the
    page holds NUL (refused as :func:`cleaner.reading.read_input` refuses a text dump holding it: it leaves
    the test to here for HTML)."""
    # On the UTF-8 bytes: a byte scan is faster than one over a wide str (one emoji makes every
    # character four bytes; NUL is not searched for with memchr in a two-byte str).
    data = text.encode("utf-8", errors="replace")
    if b"\x00" in data:
        raise InputError(BINARY_MESSAGE)
    data = without_document_end_tags(data)
    if not data.strip():
        raise InputError("cannot parse the HTML: the document is empty")
    root, stopped = _parse(data)
    if stopped is not None:          # nested past libxml2's limit: it dropped the rest of the page
        root, stopped = _parse(flatten_nesting(data, FLATTEN_DEPTH))
    if stopped is not None:
        raise InputError(f"cannot parse the HTML: {_one_line(stopped)}")
    if root is None:
        raise InputError("cannot parse the HTML: the document is empty")
    return root


def without_document_end_tags(data: bytes) -> bytes:
    """``data`` without its ``</body>`` and ``</html>`` end tags (:data:`_DOCUMENT_END_TAGS`).

    The native core finds them from the page's ``</`` alone (``memchr``): ``re``'s search stepped through every
    byte of the page, some 8 instructions a byte (1.8% of a wcxb page's). The ``re.sub`` is the reference
    (``CLEANER_PURE_PYTHON``, no core); a test holds the two equal."""
    native, _ = extension()
    if native is not None:
        return native.without_document_end_tags(data)
    return _DOCUMENT_END_TAGS.sub(b"", data)


def _parse(data: bytes):
    """The parsed root, and libxml2's error if it stopped on one of its limits (the rest of the page is then
    lost) or ``None``. libxml2 logs its first hundred recoverable errors only, but always the one that stops it."""
    try:
        root = lxml_html.document_fromstring(data, parser=_PARSER)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError) as exc:
        raise InputError(f"cannot parse the HTML: {_one_line(exc)}") from None
    stopped = _PARSER.error_log.filter_types([etree.ErrorTypes.ERR_RESOURCE_LIMIT])
    return root, (stopped[0].message if stopped else None)


#: A comment, or the start of a start or end tag and its name.
_MARKUP = re.compile(rb"<!--|<(/?)([A-Za-z][^\s/>]*)")
#: What ends a tag (``>``) or starts a quoted attribute value (which may hold ``>``).
_TAG_STOP = re.compile(rb"[>\"']")
#: Elements whose content is not markup, each with the search for its end tag.
_RAW_TEXT = {name: re.compile(rb"</" + name, re.I) for name in (
    b"script", b"style", b"textarea", b"title", b"xmp", b"iframe", b"noembed", b"noframes", b"plaintext")}
_VOID_TAGS = frozenset({b"area", b"base", b"br", b"col", b"embed", b"hr", b"img", b"input", b"keygen", b"link",
                        b"meta", b"param", b"source", b"track", b"wbr", b"image", b"basefont", b"frame"})
#: A start tag closes an open element of its own group at the top of the stack (``<p>`` after ``<p>``,
#: ``<li>`` after ``<li>``…), as the parser's implied end tags do.
_SIBLING_GROUPS = {name: group for group in (
    (b"p",), (b"li",), (b"dt", b"dd"), (b"tr",), (b"td", b"th"), (b"option",),
    (b"h1", b"h2", b"h3", b"h4", b"h5", b"h6")) for name in group}


def flatten_nesting(data: bytes, limit: int) -> bytes:
    """The page with every element nested deeper than ``limit`` unwrapped: its start and end tags dropped
    (a block element's replaced by ``<br>``, so its text still starts a line), its content kept in place.

    One pass over the tags, counting depth as the parser would, approximately: void elements never open,
    an end tag closes up to the nearest open element of its name (and is ignored when there is none), a
    few implied end tags are followed (see :data:`_SIBLING_GROUPS`); comments, scripts, styles and other
    raw-text elements are passed over (kept as they are). Every byte is looked at a bounded number of times:
    linear in the page's size, whatever its markup.
    """
    from .layout import BLOCKS

    out: list[bytes] = []
    stack = _OpenElements()
    position = copied = 0
    search = _MARKUP.search
    while True:
        found = search(data, position)
        if found is None:
            break
        if found.group(2) is None:                 # a comment: to its end, or to the end of the page
            end = data.find(b"-->", found.end())
            position = len(data) if end < 0 else end + 3
            continue
        position = tag_end = _tag_end(data, found.end())
        name = found.group(2).lower()
        if found.group(1):                          # an end tag
            kept = stack.close(name)
        elif name in _VOID_TAGS:
            continue
        elif name in _RAW_TEXT:
            # Kept, however deep: its content is not markup (a script's, shown as text if its tags went),
            # it holds no elements, and its end tag closes nothing on the stack.
            end = _RAW_TEXT[name].search(data, position)
            position = len(data) if end is None else end.start()
            continue
        else:
            kept = stack.open(name, limit)
        if kept is False:                           # (None: an end tag closing nothing, left as it is)
            out += (data[copied:found.start()], b"<br>" if name.decode("latin-1") in BLOCKS else b"")
            copied = tag_end
    out.append(data[copied:])
    return b"".join(out)


def _tag_end(data: bytes, at: int) -> int:
    """Where the tag whose attributes start at ``at`` ends (after its ``>``; quoted values may hold one)."""
    stop = _TAG_STOP.search
    while True:
        found = stop(data, at)
        if found is None:
            return len(data)
        if found.group() == b">":
            return found.end()
        end = data.find(found.group(), found.end())
        if end < 0:
            return len(data)
        at = end + 1


class _OpenElements:
    """The stack of open elements, each with whether its tags are kept, and where each name is open (so an
    end tag finds its element in constant time, however deep the stack)."""

    def __init__(self) -> None:
        self.names: list[bytes] = []
        self.kept: list[bool] = []
        self.at: dict[bytes, list[int]] = {}

    def open(self, name: bytes, limit: int) -> bool:
        """Open ``name``; whether its tags are kept (it is no deeper than ``limit``)."""
        group = _SIBLING_GROUPS.get(name)
        if group is not None and self.names and self.names[-1] in group:
            self._truncate(len(self.names) - 1)
        kept = len(self.names) < limit
        self.at.setdefault(name, []).append(len(self.names))
        self.names.append(name)
        self.kept.append(kept)
        return kept

    def close(self, name: bytes) -> bool | None:
        """Close the nearest open ``name`` and all opened after it; whether its tags were kept (``None``:
        none is open, the end tag is ignored)."""
        places = self.at.get(name)
        if not places:
            return None
        at = places[-1]
        kept = self.kept[at]
        self._truncate(at)
        return kept

    def _truncate(self, size: int) -> None:
        names, at = self.names, self.at
        while len(names) > size:
            at[names.pop()].pop()
        del self.kept[size:]


def _one_line(exc: "Exception | str") -> str:
    return " ".join(str(exc).split()) or type(exc).__name__
