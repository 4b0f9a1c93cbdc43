"""HTML at the parser's limits: deep nests, huge attributes."""

from __future__ import annotations

import pytest

from cleaner import Cleaner

AFTER = "The paragraph after the nest is a full sentence of prose that a reader sees on the page."


def _texts(page: str) -> list[str]:
    return [d.text for d in Cleaner(use_profiles=False).clean(page, input_format="html").decisions]


@pytest.mark.parametrize("depth", [300, 1_500, 3_000])
def test_the_text_in_and_after_a_deep_nest_is_kept(depth):
    """libxml2 stops at 256 levels by default (2,048 with huge_tree) and drops the rest of the page."""
    page = ("<html><body><p>Before the nest.</p>" + "<div class='wrap'><span class='x'>" * (depth // 2)
            + "Deep inside the nest." + "</span></div>" * (depth // 2) + f"<p>{AFTER}</p></body></html>")
    assert _texts(page) == ["Before the nest.", "Deep inside the nest.", AFTER]


def test_a_nest_past_the_parsers_limit_keeps_every_level_in_order():
    depth = 2_500
    page = "<html><body>" + "".join(f"<div>level {i}" for i in range(depth)) + "</div>" * depth
    page += f"<p>{AFTER}</p></body></html>"
    assert _texts(page) == [f"level {i}" for i in range(depth)] + [AFTER]


def test_flattening_drops_only_the_tags_past_the_limit():
    from cleaner.html.parse import flatten_nesting

    page = (b"<div><div title='a>b'><div><!-- <div> --><script>if (a<b) {}</script>x<span>y</span><p>z"
            b"</div></i></div></div>after")
    assert flatten_nesting(page, 2) == (b"<div><div title='a>b'><br><!-- <div> --><script>if (a<b) {}</script>"
                                        b"xy<br>z<br></i></div></div>after")
    assert flatten_nesting(page, 10) == page


def test_text_after_an_attribute_over_10_megabytes_is_kept():
    """libxml2's default limit on an attribute or a text node is 10,000,000 bytes (where it notices depends
    on how the input falls into its buffers: 11 MB is past it whatever follows)."""
    page = ("<html><body><p>Before it.</p><p title='" + "a" * 11_000_000 + "'>Inside it.</p>"
            f"<p>{AFTER}</p></body></html>")
    assert _texts(page) == ["Before it.", "Inside it.", AFTER]
