"""A profile's [html] table: CSS selectors for the article container and for chrome, used only for HTML."""

from __future__ import annotations

import pytest

from cleaner import Cleaner, ProfileError
from cleaner.profiles import Registry, load_profile
from conftest import seed

PAGE = """<!DOCTYPE html><html><head><title>Example</title></head><body>
<div class="top"><a href="/">Home</a> <a href="/news">News</a></div>
<div class="story-wrap">
  <p class="kicker">World</p>
  <div class="story-text">
    <p>A short first paragraph.</p>
    <p>Another short one.</p>
    <div class="promo-box"><p>Read our other coverage of this story in the app.</p></div>
    <p>The end of the story.</p>
  </div>
</div>
<div class="bottom"><p>A long paragraph in the footer that talks about the publisher, its history, its staff and the many
ways in which readers can support its journalism, written in full sentences as articles are.</p></div>
</body></html>"""

PROFILE = """name = "example-html"
hosts = ["example-html.test"]

[html]
article = [".no-such-container", ".story-text"]
drop = [{ selector = ".promo-box", reason = "in-story promotion" }, "p.kicker"]
"""


def write(tmp_path, text: str, name: str = "site.toml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_html_table_is_loaded_as_xpath(tmp_path):
    profile = load_profile(write(tmp_path, PROFILE))
    assert [selector for selector, _ in profile.html.article] == [".no-such-container", ".story-text"]
    assert all(xpath.startswith("descendant-or-self::") for _, xpath in profile.html.article)
    assert [(d.selector, d.reason) for d in profile.html.drop] == [
        (".promo-box", "in-story promotion"), ("p.kicker", "dropped by the profile")]


def test_selectors_decide_an_html_page(tmp_path):
    write(tmp_path, PROFILE)
    article = Cleaner(profiles_dirs=[tmp_path]).clean(PAGE, url="https://example-html.test/world/1")
    assert article.profile == "example-html"
    assert article.paragraphs == ["A short first paragraph.", "Another short one.", "The end of the story."]
    reasons = {d.text: (d.stage, d.reason) for d in article.decisions}
    assert reasons["Read our other coverage of this story in the app."] == \
        ("markup", "profile example-html: in-story promotion (.promo-box)")
    assert reasons["A short first paragraph."] == \
        ("markup", "profile example-html: inside the article container (.story-text)")
    assert reasons["Home News"][0] == "markup"
    assert reasons["Home News"][1].startswith("profile example-html: outside the article container")


def test_a_page_the_selectors_decide_whole_costs_neither_the_model_nor_trafilatura(tmp_path, monkeypatch):
    from cleaner.html import evidence, model

    def not_needed(*args, **kwargs):
        raise AssertionError("the profile decided every line")

    for module, name in ((model, "model_for"), (evidence, "main_text"), (evidence, "coverage")):
        monkeypatch.setattr(module, name, not_needed)
    write(tmp_path, PROFILE)
    article = Cleaner(profiles_dirs=[tmp_path]).clean(PAGE, url="https://example-html.test/world/1")
    assert article.paragraphs == ["A short first paragraph.", "Another short one.", "The end of the story."]
    assert {d.stage for d in article.decisions} == {"markup"}
    assert all(d.reason.startswith("profile example-html: ") for d in article.decisions)
    assert article.title == "Example"  # the page's metadata is still read


def test_html_rules_are_ignored_for_text_dumps(tmp_path):
    write(tmp_path, PROFILE)
    dump = "Home News\n\nWorld\n\nA short first paragraph of a story that is long enough to be prose.\n"
    article = Cleaner(profiles_dirs=[tmp_path]).clean(dump, url="https://example-html.test/world/1")
    assert article.profile == "example-html"
    assert all(d.stage != "markup" for d in article.decisions)


@pytest.mark.parametrize("table, key, problem", [
    ('[html]\ncolour = "red"\n', "html.colour", "unknown key"),
    ('html = "div"\n', "html", "must be a table"),
    ('[html]\narticle = "div[[["\n', "html.article[0]", "invalid CSS selector"),
    ('[html]\narticle = [1]\n', "html.article[0]", "must be a non-empty string"),
    ('[html]\ndrop = [{ reason = "x" }]\n', "html.drop[0].selector", "required"),
    ('[html]\ndrop = [{ selector = "p", why = "x" }]\n', "html.drop[0].why", "unknown key"),
    ('[html]\ndrop = [{ selector = "p:nth-child(", reason = "x" }]\n', "html.drop[0].selector",
     "invalid CSS selector"),
    ('[html]\ndrop = [3]\n', "html.drop[0]", "CSS selector string or a table"),
])
def test_broken_html_table_names_file_key_and_problem(tmp_path, table, key, problem):
    path = write(tmp_path, 'name = "x"\nhosts = ["x.com"]\n' + table)
    with pytest.raises(ProfileError) as caught:
        load_profile(path)
    message = str(caught.value)
    assert str(path) in message and f": {key}: " in message and problem in message
    assert "\n" not in message


def test_builtin_profiles_still_work_on_their_text_dumps():
    registry = Registry.load()
    for prefix, name in (("000", "jpost"), ("004", "themoscowtimes")):
        article = Cleaner().clean(seed(prefix).read_bytes())
        assert article.profile == name and registry.get(name).html is None
        assert article.paragraphs and all(d.stage != "markup" for d in article.decisions)


NESTED = """<html><head><title>T</title></head><body>
<font><p>Inside a plain font element.</p><div><b>Bold inside, a div deeper.</b></div></font>
<pre>code <span class="hl">highlighted</span> more</pre>
<p>Outside everything.</p>
</body></html>"""


@pytest.mark.parametrize("selector, inside", [
    ("font", {"Inside a plain font element.", "Bold inside, a div deeper."}),   # no frame of its own
    ("b", set()),                                         # inline inside a block: not a line's block
    ("span.hl", set()),                                   # a highlighter's class inside <pre>
    ("pre", {"code highlighted more"}),
    ("html", {"Inside a plain font element.", "Bold inside, a div deeper.", "code highlighted more",
              "Outside everything."}),                    # above the walked <body>
])
def test_an_article_selector_holds_the_lines_whose_block_is_inside_what_it_matches(tmp_path, selector, inside):
    write(tmp_path, f'name = "nested"\nhosts = ["nested.test"]\n[html]\narticle = ["{selector}"]\n')
    article = Cleaner(profiles_dirs=[tmp_path]).clean(NESTED, url="https://nested.test/a")
    held = {d.text for d in article.decisions if "inside the article container" in d.reason}
    assert held == inside


def test_lines_keep_no_element_of_the_page():
    """A Python proxy per line kept the whole tree alive as long as the lines (an article's decisions)."""
    from lxml import etree

    from cleaner.html import html_to_document

    doc = html_to_document(PAGE)
    assert isinstance(doc.root, etree._Element)
    for line in doc.lines:
        values = [getattr(line.markup, name) for name in type(line.markup).__slots__]
        assert not any(isinstance(value, etree._Element) for value in values)
