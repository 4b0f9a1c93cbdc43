"""HTML at the parser's and the witness's limits: deep nests, huge attributes, pages over trafilatura's
limits, and running out of memory."""

from __future__ import annotations

import pytest

from cleaner import Cleaner
from cleaner.batch.records import InputRecord, Source
from cleaner.batch.work import Processor, Settings

AFTER = "The paragraph after the nest is a full sentence of prose that a reader sees on the page."
PROSE = ("<p>The council voted on Tuesday to keep the old library open for another ten years, after a long "
         "campaign by readers who said it was the heart of the town.</p>")


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


@pytest.fixture
def in_doubt(monkeypatch):
    """Every page is one the markup alone leaves in doubt: trafilatura is asked (unless over its limits)."""
    from cleaner.html import model

    monkeypatch.setattr(model.Model, "in_doubt", lambda self, lines, probabilities: True)


def _page(paragraphs: int = 6) -> str:
    return ("<!doctype html><html><head><title>Library</title></head><body><nav><a href='/'>Home</a></nav>"
            "<main><h1>Library stays open</h1>" + PROSE * paragraphs + "</main></body></html>")


def _model_reasons(article) -> list[str]:
    """The markup model's reasons (not the metadata labels')."""
    return [d.reason for d in article.decisions if d.stage == "markup" and d.reason.startswith(("body", "not body"))]


def _out_of_memory(*args, **kwargs):
    raise MemoryError


def test_running_out_of_memory_in_trafilatura_fails_the_page(in_doubt, monkeypatch):
    import trafilatura

    monkeypatch.setattr(trafilatura, "bare_extraction", _out_of_memory)
    with pytest.raises(MemoryError):
        Cleaner(use_profiles=False).clean(_page())


def test_running_out_of_memory_is_a_one_line_error_on_the_command_line(in_doubt, monkeypatch, runner, cli):
    import trafilatura

    monkeypatch.setattr(trafilatura, "bare_extraction", _out_of_memory)
    result = runner.invoke(cli, ["--input-format", "html"], input=_page())
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr.count("\n") == 1 and "out of memory" in result.stderr


def test_running_out_of_memory_is_an_error_record_in_a_batch(in_doubt, monkeypatch):
    import htmldate

    monkeypatch.setattr(htmldate, "find_date", _out_of_memory)
    status, record = Processor(Settings(serialize=False)).process(InputRecord(Source("x.html"), data=_page().encode()))
    assert status == "error" and "MemoryError" in record["error"] and record["body"] is None


def test_a_page_trafilatura_fails_on_is_decided_from_the_markup_and_says_so(in_doubt, monkeypatch):
    import trafilatura

    def broken(*args, **kwargs):
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(trafilatura, "bare_extraction", broken)
    article = Cleaner(use_profiles=False).clean(_page())
    assert "The council voted on Tuesday" in article.body
    assert article.warnings == ["decided from the markup alone: trafilatura failed on the page (RecursionError)"]
    reasons = _model_reasons(article)
    assert reasons and all(r.endswith("(markup alone: trafilatura failed)") for r in reasons)


def _not_asked(*args, **kwargs):
    raise AssertionError("trafilatura asked about a page over its limits")


def test_a_page_over_the_element_limit_is_not_given_to_trafilatura(in_doubt, monkeypatch):
    from cleaner.html import evidence

    monkeypatch.setattr(evidence, "main_text", _not_asked)
    monkeypatch.setattr(evidence, "MAX_ELEMENTS", 12)
    article = Cleaner(use_profiles=False).clean(_page(paragraphs=12))
    assert "The council voted on Tuesday" in article.body
    [warning] = article.warnings
    assert warning.startswith("decided from the markup alone: the page has ") and "over the 12 " in warning
    reasons = _model_reasons(article)
    assert reasons and all(r.endswith("(markup alone: trafilatura not asked: page over its limits)") for r in reasons)


def test_a_page_nested_deeper_than_the_depth_limit_is_not_given_to_trafilatura(in_doubt, monkeypatch):
    from cleaner.html import evidence

    monkeypatch.setattr(evidence, "main_text", _not_asked)
    page = _page().replace("<main>", "<main>" + "<div>" * 300 + "Deep." + "</div>" * 300)
    article = Cleaner(use_profiles=False).clean(page)
    assert "The council voted on Tuesday" in article.body
    assert article.warnings == ["decided from the markup alone: the page nests elements more than 256 levels deep, "
                                "deeper than trafilatura is asked about"]


def test_a_page_within_the_limits_is_given_to_trafilatura(in_doubt, monkeypatch):
    from cleaner.html import evidence

    asked = []
    real = evidence.main_text
    monkeypatch.setattr(evidence, "main_text", lambda root, url=None: asked.append(1) or real(root, url))
    article = Cleaner(use_profiles=False).clean(_page())
    assert asked == [1] and not article.warnings
    assert any("in trafilatura's main text" in str(d.reason) for d in article.decisions)
