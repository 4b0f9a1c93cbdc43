"""Safe HTML parsing: any text in, an lxml tree or a one-line :class:`InputError` out.

libxml2's HTML parser in recovery mode accepts broken, truncated and
nonsensical markup. It never fetches anything (``no_network``), never loads a
DTD, and does not expand entity declarations (HTML has none to expand), so an
entity trick or an external entity is just text. The input is handed over as
UTF-8 bytes *with the encoding stated*, so a page's own ``<meta charset>``
cannot make lxml decode our already-decoded text a second time.
"""

from __future__ import annotations

import re

from lxml import etree
from lxml import html as lxml_html

from ..errors import InputError

#: Nesting deeper than this is cut (libxml2 stops there too, unless asked for huge trees).
MAX_DEPTH = 256

_PARSER = lxml_html.HTMLParser(
    encoding="utf-8", recover=True, no_network=True, remove_comments=True, remove_pis=True,
    remove_blank_text=False, huge_tree=False, default_doctype=False, compact=True,
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
    """The page's root element (``<html>``); raise :class:`InputError` if nothing can be parsed."""
    # On the UTF-8 bytes: a byte scan is faster than one over a wide str (one emoji makes every
    # character four bytes).
    data = text.encode("utf-8", errors="replace")
    if b"\x00" in data:
        data = data.replace(b"\x00", b"")
    data = _DOCUMENT_END_TAGS.sub(b"", data)
    if not data.strip():
        raise InputError("cannot parse the HTML: the document is empty")
    try:
        root = lxml_html.document_fromstring(data, parser=_PARSER)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError) as exc:
        raise InputError(f"cannot parse the HTML: {_one_line(exc)}") from None
    if root is None:
        raise InputError("cannot parse the HTML: the document is empty")
    return root


def _one_line(exc: Exception) -> str:
    return " ".join(str(exc).split()) or type(exc).__name__
