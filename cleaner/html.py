"""HTML → Document: the page as lines, each carrying what the markup says.

Imported only when the input is HTML (lxml is not loaded for text dumps).
Each block element's text becomes one line, as a browser would lay it out;
the line remembers its tag and whether it sits in navigation, header,
footer, aside, figure or form, which later stages may use as evidence.
Parsing never touches the network and never loads external entities.
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree
from lxml import html as lxml_html

from .document import Document, Line
from .errors import InputError

_SKIP = {"script", "style", "noscript", "template", "svg", "iframe", "object", "embed", "canvas", "head", "select", "button"}
_BLOCK = {
    "address", "article", "aside", "blockquote", "dd", "div", "dl", "dt", "fieldset", "figcaption", "figure",
    "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre",
    "section", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul", "br", "caption", "summary", "details",
    "title", "body", "html", "center", "menu",
}
_CONTAINERS = ("nav", "header", "footer", "aside", "figure", "form")


@dataclass(frozen=True)
class Markup:
    """What the HTML says about one line."""

    tag: str
    containers: frozenset[str]
    heading: int = 0          # 1..6 for h1..h6
    link_chars: int = 0       # characters of the line inside <a>


def html_to_document(text: str, url: str | None = None) -> Document:
    root = _parse(text)
    builder = _LineBuilder()
    title = root.find(".//title")
    if title is not None and title.text_content().strip():
        builder.emit_text(title.text_content(), "title", frozenset(), 0)
    body = root.find(".//body")
    builder.walk(body if body is not None else root, frozenset(), 0)
    builder.flush()
    doc = Document(lines=builder.lines, url=url, source_format="html", total_lines=len(builder.lines))
    return doc


def _parse(text: str):
    parser = lxml_html.HTMLParser(recover=True, no_network=True, remove_comments=True, remove_pis=True,
                                  huge_tree=False, default_doctype=False)
    try:
        root = lxml_html.document_fromstring(text.encode("utf-8"), parser=parser)
    except (etree.ParserError, ValueError) as exc:
        raise InputError(f"cannot parse the HTML: {exc}") from None
    if root is None:
        raise InputError("cannot parse the HTML: the document is empty")
    return root


class _LineBuilder:
    """Walk the tree, cutting a new line at every block boundary."""

    def __init__(self) -> None:
        self.lines: list[Line] = []
        self.parts: list[str] = []
        self.link_chars = 0
        self.tag = "p"
        self.containers: frozenset[str] = frozenset()
        self.heading = 0
        self.number = 0

    def walk(self, element, containers: frozenset[str], depth: int) -> None:
        stack = [(element, containers, False)]
        while stack:
            node, inherited, closing = stack.pop()
            if closing:
                if isinstance(node.tag, str) and node.tag.lower() in _BLOCK:
                    self.flush()
                if node.tail:
                    self.add(node.tail, in_link=False)
                continue
            tag = node.tag.lower() if isinstance(node.tag, str) else ""
            if tag in _SKIP or not tag:
                if node.tail:
                    self.add(node.tail, in_link=False)
                continue
            here = inherited | {tag} if tag in _CONTAINERS else inherited
            if tag in _BLOCK:
                self.flush()
                self.tag, self.containers = tag, here
                self.heading = int(tag[1]) if len(tag) == 2 and tag[0] == "h" and tag[1].isdigit() else 0
            if node.text:
                self.add(node.text, in_link=tag == "a" or self._in_link(node))
            stack.append((node, here, True))
            for child in reversed(node):
                stack.append((child, here, False))

    @staticmethod
    def _in_link(node) -> bool:
        parent = node
        for _ in range(4):
            if parent is None:
                return False
            if isinstance(parent.tag, str) and parent.tag.lower() == "a":
                return True
            parent = parent.getparent()
        return False

    def add(self, text: str, in_link: bool) -> None:
        self.parts.append(text)
        if in_link:
            self.link_chars += len(text.strip())

    def emit_text(self, text: str, tag: str, containers: frozenset[str], heading: int) -> None:
        self.flush()
        self.tag, self.containers, self.heading = tag, containers, heading
        self.parts = [text]
        self.flush()

    def flush(self) -> None:
        text = " ".join("".join(self.parts).split())
        if text:
            self.number += 1
            line = Line(self.number, text, blank_before=True)
            line.markup = Markup(self.tag, self.containers, self.heading, min(self.link_chars, len(text)))
            self.lines.append(line)
        self.parts = []
        self.link_chars = 0
