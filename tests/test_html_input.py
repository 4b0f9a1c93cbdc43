"""Reading HTML: format detection, encodings, bad input, and the text path staying free of lxml."""

from __future__ import annotations

import io
import subprocess
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner import Cleaner, InputError, clean
from cleaner.reading import decode, looks_like_html, read_input
from conftest import ROOT, python, seed

PAGE = ("<!DOCTYPE html><html><head><title>A page</title></head><body><nav><a href='/'>Home</a></nav>"
        "<article><h1>A page</h1><p>The first paragraph of the story says something complete about the town."
        "</p><p>The second paragraph adds more detail about what the council decided on Tuesday evening.</p>"
        "</article><footer>Footer links</footer></body></html>")


@pytest.mark.parametrize("text", [
    "<!doctype html><html><body><p>x</p></body></html>",
    "  \n<!-- saved page -->\n<html lang='en'><body>x</body></html>",
    "<?xml version='1.0' encoding='utf-8'?>\n<!DOCTYPE html PUBLIC '-//W3C//DTD XHTML 1.0 Strict//EN' 'x'>"
    "<html xmlns='http://www.w3.org/1999/xhtml'><body><p>x</p></body></html>",
    "<div class='a'><p>one</p><p>two</p><ul><li>three</li><li>four</li></ul><span>five</span></div>" * 3,
])
def test_html_is_detected(text):
    assert looks_like_html(text)


@pytest.mark.parametrize("text", [
    "Just a dump.\nWith lines.\n",
    "Use <b> for bold and <i> for italics, the guide says.\n" * 20,
])
def test_text_is_not_mistaken_for_html(text):
    assert not looks_like_html(text)


@pytest.mark.parametrize("text, stop, fewer", [
    ("a < b < c", 100, True), ("<" * 8, 100, False), ("<" * 7 + "x<", 8, True), ("<" * 7 + "x<", 9, False),
    ("", 10, True), ("«<»" * 8, 24, False),
])
def test_fewer_than_counts_up_to_its_limit(text, stop, fewer):
    from cleaner.reading import _fewer_than

    assert _fewer_than(text, "<", 8, stop) is fewer
    assert _fewer_than(text, "<", 8, stop) is (text[:stop].count("<") < 8)


def test_a_dump_with_few_angle_brackets_is_text_and_many_tags_far_down_are_not_read():
    """Fewer than eight "<" in the first 20,000 characters: fewer than eight tags, text; tags past them are not read."""
    assert not looks_like_html("x" * 20_000 + "<p>a</p>" * 100)
    assert looks_like_html("<p>a</p>" * 3_000)


def test_meta_charset_decodes_a_legacy_page():
    page = "<html><head><meta charset='windows-1251'></head><body><p>Привет, мир</p></body></html>"
    assert "Привет, мир" in decode(page.encode("cp1251"))


def test_utf8_page_declaring_another_charset_is_not_decoded_twice():
    page = "<html><head><meta charset='iso-8859-1'></head><body><p>Crème brûlée, naïve café</p></body></html>"
    article = clean(page.encode("utf-8") * 1, use_profiles=False, input_format="html")
    assert all("Ã" not in d.text for d in article.decisions)


def test_read_input_is_one_policy_for_str_bytes_and_files():
    """str, bytes (UTF-8, or UTF-16 with its BOM) and a binary file read the same; HTML is sniffed only for
    ``auto``; the line-length limit holds for text dumps, not for pages (lxml reads those)."""
    page = "<!DOCTYPE html>\r\n<html><body><p>Café " + "x" * 40 + "</p></body></html>\r\n"
    text = page.replace("\r\n", "\n")
    inputs = (lambda: page, lambda: page.encode("utf-8"), lambda: "\ufeff".encode("utf-16-le") + page.encode("utf-16-le"),
              lambda: io.BytesIO(page.encode("utf-8")))
    for given in inputs:
        assert read_input(given()) == (text, True)
        assert read_input(given(), "html", max_line_chars=20) == (text, True)
    assert read_input(page, "text") == (text, False)
    with pytest.raises(InputError, match="^line 2 is 78 characters long"):
        read_input(page, "text", max_line_chars=20)
    for empty, message in (("", "input is empty"), (b" \r\n", "input is empty (nothing but whitespace)")):
        with pytest.raises(InputError, match=r"^" + message.replace("(", r"\(").replace(")", r"\)") + "$"):
            read_input(empty)


def test_bom_wins_for_html():
    page = "<html><body><p>Zoë’s “quoted” text</p></body></html>"
    assert decode(b"\xef\xbb\xbf" + page.encode("utf-8")) == page
    assert decode(b"\xff\xfe" + page.encode("utf-16-le")) == page


def _clean_html(data, seconds: float = 20.0):
    started = time.perf_counter()
    try:
        article = clean(data, use_profiles=False, input_format="html")
    except InputError as error:
        message = str(error)
        assert "\n" not in message and message
        article = None
    assert time.perf_counter() - started < seconds
    return article


@pytest.mark.parametrize("data", [
    "<html><body><p>Truncated in the middle of a para",
    "<html><body><div><p>Unclosed <b>tags <i>everywhere<div><table><tr><td>cell<p>more",
    "</p></div></body><p>closing tags first</p><html>",
    "<html><body>" + "<div>" * 50_000 + "deep" + "</div>" * 50_000 + "</body></html>",
    "<html><body><p title='" + "x" * 5_000_000 + "'>Huge attribute</p></body></html>",
    "<html><body><p class=\"" + "a " * 200_000 + "\">Many classes</p></body></html>",
    "<html><body><p>&amp;lt;script&amp;gt; &#0; &#xD800; &#99999999; &bogus; &amp &#x41;</p></body></html>",
    "<html><body><button><p>Unclosed button swallows the rest</p><p>More text here.</p></body></html>",
    "<<<>>><html<body>>>>><p<p>></<</>",
    "<html></html>",
    "<html><head><title>Only a title</title></head></html>",
    b"<html><body><p>\xff\xfe\xfa bad bytes \xc3\x28</p></body></html>",
])
def test_bad_html_gives_a_result_or_a_one_line_error(data):
    _clean_html(data)


def test_unclosed_button_does_not_hide_the_text():
    article = _clean_html("<html><body><button>Menu<div><p>The whole story is in here, one long sentence "
                          "that goes on.</p></div></body></html>")
    assert any(d.text.startswith("The whole story is in here") for d in article.decisions)


def test_text_after_an_early_end_of_document_is_read_as_a_browser_shows_it():
    """A template that closes </body></html> after its header still shows the article below it."""
    article = ("<p>The council voted on Tuesday to keep the old library open for another ten years, "
               "after a long campaign by readers who said it was the heart of the town.</p>")
    page = ("<!doctype html><html><head><title>Library</title></head><body><header><nav><a href='/'>Home</a>"
            "<a href='/news'>News</a></nav></header></body></html>\n<main><h1>Library stays open</h1>"
            + article * 3 + "</main></body></html>")
    body = Cleaner(use_profiles=False).clean(page).body
    assert "The council voted on Tuesday" in body


def test_entities_are_never_expanded_or_loaded(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-CONTENT", encoding="utf-8")
    page = (f'<?xml version="1.0"?><!DOCTYPE html [<!ENTITY ext SYSTEM "file://{secret}">'
            '<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
            '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>'
            '<html><body><p>Start &ext; &d; end of a paragraph.</p></body></html>')
    article = _clean_html(page)
    text = " ".join(d.text for d in article.decisions) if article else ""
    assert "TOP-SECRET-CONTENT" not in text
    assert "aaaaaaaaaaaaaaaaaaaa" not in text


def test_no_network_access_while_parsing(monkeypatch):
    import socket

    def refuse(*args, **kwargs):
        raise AssertionError("network access attempted")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    page = ('<!DOCTYPE html SYSTEM "http://example.invalid/evil.dtd"><html><head>'
            '<link rel="stylesheet" href="http://example.invalid/a.css"></head><body>'
            '<iframe src="http://example.invalid/"></iframe><img src="http://example.invalid/x.png">'
            '<p>A paragraph of text that is long enough to be kept as the article body.</p></body></html>')
    _clean_html(page)


@pytest.mark.slow  # 9 to 17 s
def test_a_20_megabyte_page_is_cleaned():
    """A huge page of distinct paragraphs (a real one does not repeat one paragraph 300,000 times)."""
    sentence = "A sentence of reasonable length that keeps going for a while, number {}. "
    menu = "<ul class='menu'>" + "<li><a href='/x'>Menu item</a></li>" * 20 + "</ul>\n"
    blocks, size, n = ["<html><body>"], 0, 0
    while size < 20_000_000:
        paragraphs = "".join("<p>" + "".join(sentence.format(n + i * 8 + k) for k in range(8)) + "</p>\n"
                             for i in range(20))
        n += 160
        block = "<div class='article-body'>" + paragraphs + "</div>" + menu
        blocks.append(block)
        size += len(block)
    page = "".join(blocks) + "</body></html>"
    assert len(page) >= 19_000_000
    article = _clean_html(page.encode("utf-8"), seconds=240)
    assert article is not None and article.paragraphs


def test_nul_bytes_are_refused_in_one_line():
    with pytest.raises(InputError) as caught:
        clean(b"<html><body>\x00\x00</body></html>")
    assert "\n" not in str(caught.value)


@pytest.mark.parametrize("input_format", ["html", "auto"])
def test_html_holding_nul_is_refused_as_a_text_dump_is(input_format):
    """read_input leaves the NUL test of HTML to the parse (a byte scan of the UTF-8 it reads anyway): a str
    page holding NUL, one character past Latin-1 or not, is refused with the text dump's error all the same."""
    from cleaner.reading import BINARY_MESSAGE

    for page in ("<html><body><p>Caf\u00e9 \x00 open</p></body></html>",
                 "<html><body><p>It\u2019s \x00 open</p></body></html>"):
        with pytest.raises(InputError) as caught:
            clean(page, input_format=input_format)
        assert str(caught.value) == BINARY_MESSAGE
    with pytest.raises(InputError) as caught:
        clean("It\u2019s a text dump \x00 with NUL in it.\n")
    assert str(caught.value) == BINARY_MESSAGE


def _loaded_by_cli_run(dump, modules: tuple[str, ...]) -> list[str]:
    """Which of ``modules`` a fresh interpreter has imported after the CLI cleaned ``dump``."""
    code = ("import sys; from cleaner.cli import main\n"
            "try:\n    main([sys.argv[1]], standalone_mode=False)\nexcept SystemExit:\n    pass\n"
            f"print('LOADED:', ','.join(m for m in {modules!r} if m in sys.modules))")
    result = subprocess.run([python(), "-c", code, str(dump)], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert result.returncode == 0, result.stderr
    return [m for m in result.stdout.strip().splitlines()[-1].removeprefix("LOADED:").strip().split(",") if m]


def test_the_text_path_imports_neither_lxml_nor_trafilatura_nor_the_batch_tools():
    heavy = ("lxml", "trafilatura", "htmldate", "justext", "cssselect", "charset_normalizer", "tqdm", "fastwarc")
    assert _loaded_by_cli_run(seed("000"), heavy) == []


def test_the_text_path_reads_its_data_without_importlib_resources():
    """The data files are read with open(): importlib.resources brings zipfile, tempfile and shutil to every start."""
    assert _loaded_by_cli_run(seed("000"), ("importlib.resources", "zipfile", "tempfile", "shutil")) == []


def test_the_text_path_takes_its_digests_without_openssl_and_loads_difflib_when_asked():
    """``hashlib`` loads OpenSSL (~2-3 ms of a start) for one SHA-256 of the phrase data: the digests come from
    CPython's own modules (:mod:`cleaner.compat`); difflib's matcher is made only for a line near the title."""
    assert _loaded_by_cli_run(seed("000"), ("hashlib", "_hashlib", "difflib")) == []


def test_the_lean_digests_are_hashlibs():
    import hashlib

    from cleaner.compat import blake2b, sha256

    data = "Ünïcode line — with a dash".encode()
    assert sha256(data).hexdigest() == hashlib.sha256(data).hexdigest()
    assert blake2b(data, digest_size=8).digest() == hashlib.blake2b(data, digest_size=8).digest()


def test_the_builtin_profiles_are_searched_without_the_regex_module():
    """The built-in profiles' regexes are checked for backtracking by the tests, so they run on ``re``:
    choosing a profile for a dump (their fingerprints, seed 000 is one a built-in profile matches) does not
    import the ``regex`` module and its time guard, a few ms of every start."""
    assert _loaded_by_cli_run(seed("000"), ("regex",)) == []


def test_the_html_path_loads_them_only_when_needed():
    code = ("import sys; from cleaner import clean\n"
            f"clean({PAGE!r}, use_profiles=False)\n"
            "print('lxml' in sys.modules, 'trafilatura' in sys.modules)")
    result = subprocess.run([python(), "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert result.stdout.strip() == "True True", result.stderr


def test_many_pages_through_one_cleaner():
    cleaner = Cleaner(use_profiles=False)
    for _ in range(3):
        article = cleaner.clean(PAGE)
        assert any("first paragraph" in p for p in article.paragraphs)


@settings(max_examples=400, deadline=None)
@given(text=st.text(alphabet="ab\n", max_size=60), limit=st.integers(0, 15))
def test_the_first_line_over_the_limit_is_the_one_reported(text, limit):
    """``check_line_lengths`` reads the text a stretch at a time; it reports what a line-by-line reading does."""
    from cleaner.reading import check_line_lengths

    over = next(((n, len(line)) for n, line in enumerate(text.split("\n"), 1) if len(line) > limit), None)
    if over is None:
        check_line_lengths(text, limit)
    else:
        with pytest.raises(InputError, match=f"^line {over[0]} is {over[1]:,} characters long"):
            check_line_lengths(text, limit)
