"""The native core's layout walk (``native/src/layout.rs``, read through ``cleaner.html.layout.laid_out``)
against the Python walk (``LineBuilder.walk``, the reference): the same lines, each with the same markup, on
generated pages and on every fixture page; a page it cannot read as Python would is left to the reference."""

from __future__ import annotations

import gzip
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleaner.extension import extension
from cleaner.html import _parsed
from cleaner.html import layout as module
from cleaner.html.layout import LineBuilder, laid_out, walk_root
from conftest import FIXTURES

pytestmark = pytest.mark.skipif(extension()[0] is None, reason="no native core")


def _described(lines) -> list[tuple]:
    return [(line.number, line.text, line.blank_before, line.markup.tag, line.markup.heading,
             line.markup.containers, line.markup.link_chars, line.markup.near, line.markup.far, line.markup.depth,
             line.markup.hidden, line.markup.block, line.markup.repeats, line.markup.path) for line in lines]


def _native(top):
    walker = module.native_walker()
    assert walker is not None, "the core's walk agrees with the reference on its check page"
    return walker(top)


def _both(html: str):
    """(the core's lines described, or None if it refused; the reference's)."""
    top = walk_root(_parsed(html))
    native = _native(top)
    return (None if native is None else _described(native)), _described(LineBuilder().walk(top))


_TAGS = ["div", "p", "span", "a", "b", "li", "ul", "h2", "pre", "td", "tr", "table", "nav", "footer", "aside",
         "section", "article", "em", "figure", "figcaption", "header", "blockquote", "button", "label", "main"]
_VOIDS = ["<br>", "<hr>", "<img src=x>", "<wbr>", "<!-- note -->", "<script>var x = '<p>no</p>';</script>",
          "<style>p{}</style>", "<input value=v>", "<?pi x?>"]
_ATTRIBUTES = ["", " class='post-body'", " class=\"share bar relatedPosts\"", " id='sideBar'", " class=''",
               " role='navigation'", " role=' Main '", " itemprop='articleBody'", " style='display: none'",
               " style='COLOR:red;Visibility :hidden'", " style='display:block'", " hidden", " aria-hidden='true'",
               " aria-hidden='false'", " data-x='1'", " class='menu' id='nav-top'", " title='comments'",
               " class='x_more Hidden'"]
_TEXT = st.text(alphabet=st.sampled_from(list("ab Z\n\t.\u00a0\u3000\u2003\u001c\u0007é中\u200b&<")), max_size=8).map(
    lambda text: text.replace("&", "&amp;").replace("<", "&lt;"))


@st.composite
def _page(draw, depth: int = 0) -> str:
    parts = [draw(_TEXT)]
    for _ in range(draw(st.integers(0, 4 if depth < 4 else 0))):
        choice = draw(st.integers(0, 5))
        if choice == 0:
            parts.append(draw(st.sampled_from(_VOIDS)))
        else:
            tag = draw(st.sampled_from(_TAGS))
            parts.append(f"<{tag}{draw(st.sampled_from(_ATTRIBUTES))}>{draw(_page(depth + 1))}</{tag}>")
        parts.append(draw(_TEXT))
    return "".join(parts)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_page())
def test_the_core_lays_out_generated_pages_as_the_reference(body: str):
    native, reference = _both(f"<html><body>{body}</body></html>")
    assert native is not None
    assert native == reference


def test_the_core_lays_out_every_fixture_page_as_the_reference():
    pages = sorted(FIXTURES.rglob("*.html")) + sorted(FIXTURES.rglob("*.htm")) + sorted(FIXTURES.rglob("*.html.gz"))
    assert pages
    walked = 0
    for path in pages:
        html = gzip.decompress(path.read_bytes()).decode("utf-8", "replace") if path.suffix == ".gz" else \
            path.read_text(encoding="utf-8", errors="replace")
        native, reference = _both(html)
        if native is not None:
            walked += 1
            assert native == reference, path.name
    assert walked >= len(pages) // 2


@pytest.mark.parametrize("attribute", ["role='navİgation'", "style='display:\u3000none'"])
def test_a_value_the_core_cannot_read_as_python_is_left_to_the_reference(attribute: str):
    """Lowercasing or matching a value that is not ASCII follows the running Python's Unicode tables (``İ``
    lowercases to ``i̇``, ``re``'s ``\\s`` matches U+3000): the core refuses the page and the reference lays it
    out (``laid_out`` gives the reference's lines)."""
    html = f"<html><body><div {attribute}><p>Text in it.</p></div><p>After.</p></body></html>"
    native, reference = _both(html)
    assert native is None
    assert _described(laid_out(walk_root(_parsed(html)))) == reference


@pytest.mark.parametrize("attribute", ["class='İnav menu'", "id='Kontakt-\u212a'", "id='radix-«R29»-footer'",
                                       "class='Markaðstorg siteNav'", "class='navİgation x_Nav\u212aMenu'"])
def test_a_class_or_id_the_core_cannot_read_is_read_by_the_reference_and_the_page_laid_out_by_the_core(
        attribute: str):
    """A class or id value that is not ASCII (``İ`` lowercases to ``i̇``, whose ``i`` is a word's letter; the
    Kelvin sign to ``k``) is read by the Python reference's ``region_words``, asked by the core for that value
    alone: the core lays out the page, as the reference does, where it refused the whole page."""
    html = f"<html><body><div {attribute}><p>Text in it.</p></div><p>After.</p></body></html>"
    native, reference = _both(html)
    assert native is not None
    assert native == reference


@given(st.text(alphabet=st.sampled_from(list("displayDISPLAYvisibilityVISIBLEnoehdn :;\t\n\x0b\x1c-")), max_size=30))
@settings(max_examples=300, deadline=None)
def test_the_core_finds_a_hidden_style_as_the_regex_does(style: str):
    html = f"<html><body><div style=\"{style}\"><p>x</p></div></body></html>"
    native, reference = _both(html)
    assert native is not None
    assert native == reference
    assert reference[0][10] == (module._HIDDEN_STYLE.search(style) is not None)


def test_the_core_reads_an_lxml_element_only():
    """Not an lxml element (or an element whose tag is not the node's): no walk, the reference's lines."""
    top = walk_root(_parsed("<html><body><p>One.</p></body></html>"))
    layout, _, _ = module._native_layout()
    assert layout.lines(top, "div") is None
    assert module._native_lines(module._native_layout(), object()) is None
    assert [line.text for line in laid_out(top)] == ["One."]


def test_the_hidden_style_pattern_is_the_one_the_core_reads():
    """The core searches ``display\\s*:\\s*none|visibility\\s*:\\s*hidden`` case-insensitively (native/src/
    layout.rs, hidden_style); a change to the Python pattern must be made there too."""
    assert module._HIDDEN_STYLE.pattern == r"display\s*:\s*none|visibility\s*:\s*hidden"
    assert module._HIDDEN_STYLE.flags & re.I


def test_a_core_that_lays_out_the_check_page_otherwise_is_not_used():
    """The first time it is asked for, the core's walk is compared with the reference on a page of its own
    (``_agrees``): one that lays it out otherwise (an lxml or libxml2 whose structs differ) is never used."""
    layout, element_type, refused = module._native_layout()

    class Otherwise:
        def lines(self, top, tag):
            texts, values, tags, sets, parents = layout.lines(top, tag)
            texts[0] += " more"
            return texts, values, tags, sets, parents

    assert module._agrees((layout, element_type, refused))
    assert not module._agrees((Otherwise(), element_type, refused))


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.sampled_from(["</", "<", "/", ">", "body", "BoDy", "html", "HTML", "bod", "htm", "y", " ", "\t",
                                 "\n", "\r", "\x0b", "\x0c", "\x00", "é", "<p>", "x"]), max_size=30).map("".join))
def test_document_end_tags_are_dropped_by_the_core_as_re_drops_them(text):
    """The core drops a page's ``</body>`` and ``</html>`` end tags as the ``re.sub`` reference does: any ASCII
    case, ``re``'s six bytes-pattern spaces before the ``>``, leftmost first, none overlapping."""
    from cleaner.html.parse import _DOCUMENT_END_TAGS

    data = text.encode("utf-8")
    assert extension()[0].without_document_end_tags(data) == _DOCUMENT_END_TAGS.sub(b"", data)


def test_document_end_tags_dropped_by_the_core():
    from cleaner.html.parse import _DOCUMENT_END_TAGS, without_document_end_tags

    page = b"<html><body><p>a</p></BODY \n></html>\n<p>after</p></body ></Html>"
    assert without_document_end_tags(page) == b"<html><body><p>a</p>\n<p>after</p>" == \
        _DOCUMENT_END_TAGS.sub(b"", page)
    assert without_document_end_tags(b"</bod></body x></ html>") == b"</bod></body x></ html>"
