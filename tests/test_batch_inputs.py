"""`cleaner batch` over every input kind: folders, JSONL, WARC and WET; what each record holds."""

from __future__ import annotations

import gzip
import json
import zlib

import brotli  # installed with FastWARC
import pytest
from batch_helpers import (ARTICLE, HTML_ARTICLE, expected_body, read_jsonl, response, run_batch_cli,
                                seed_dumps, seed_texts, warc_record, write_jsonl, write_warc)

from cleaner.batch.readers import read_inputs
from cleaner.batch.records import Source
from cleaner.errors import InputError


def _never(source: Source) -> bool:
    return False


def test_folder_is_walked_recursively_sorted_with_gzip_and_html(tmp_path):
    pages = tmp_path / "pages"
    (pages / "b" / "deep").mkdir(parents=True)
    (pages / ".hidden").mkdir()
    (pages / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (pages / "b" / "c.html").write_text(HTML_ARTICLE, encoding="utf-8")
    (pages / "b" / "deep" / "d.txt.gz").write_bytes(gzip.compress(seed_texts()[0].encode("utf-8")))
    (pages / "b" / "e.htm.gz").write_bytes(gzip.compress(HTML_ARTICLE.encode("utf-8")))
    (pages / "notes.md").write_text("not a dump", encoding="utf-8")
    (pages / ".hidden" / "x.txt").write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / "out.jsonl"

    result = run_batch_cli(str(pages), "-o", str(out), "-j", "2")

    assert result.returncode == 0, result.stderr
    records = read_jsonl(out)
    files = [r["source"]["file"] for r in records]
    assert files == [str(pages / "a.txt"), str(pages / "b" / "c.html"), str(pages / "b" / "deep" / "d.txt.gz"),
                     str(pages / "b" / "e.htm.gz")]
    bodies = [ARTICLE, HTML_ARTICLE, seed_texts()[0], HTML_ARTICLE]
    for record, text in zip(records, bodies):
        assert record["error"] is None
        assert record["body"] == expected_body(text) and record["body"]
        assert record["id"] == record["source"]["file"]
        assert record["lines_in"] >= record["lines_kept"] > 0
    assert "Share" not in records[0]["body"].splitlines()
    assert records[2]["title"] == "Five Turkish soldiers killed in attack in northwest Syria"
    assert list(records[0]) == ["id", "url", "source", "title", "byline", "date", "site", "profile", "language",
                                "body", "lines_in", "lines_kept", "error"]
    assert result.stderr.strip().startswith("cleaner: 4 documents: 4 articles, 0 empty, 0 errors;")


def test_jsonl_fields_gzip_and_url_picks_the_profile(tmp_path):
    dump = seed_dumps()[1].read_text(encoding="utf-8")  # a thenews.com.pk page
    rows = [{"doc": dump, "key": "n-1", "link": "https://www.thenews.com.pk/latest/1"},
            {"doc": dump, "key": 2},
            {"doc": ARTICLE, "key": "plain"}]
    source = write_jsonl(tmp_path / "crawl.jsonl.gz", rows, compress=True)
    out = tmp_path / "out.jsonl.gz"

    result = run_batch_cli(str(source), "-o", str(out), "--text-field", "doc", "--id-field", "key",
                           "--url-field", "link", "-j", "1")

    assert result.returncode == 0, result.stderr
    records = read_jsonl(out)
    assert [r["id"] for r in records] == ["n-1", 2, "plain"]
    assert [r["source"] for r in records] == [{"file": str(source), "line": n} for n in (1, 2, 3)]
    assert records[0]["url"] == "https://www.thenews.com.pk/latest/1" and records[1]["url"] is None
    assert records[0]["profile"] == "thenews"
    assert records[0]["body"] == expected_body(dump, url="https://www.thenews.com.pk/latest/1")
    assert records[1]["body"] == expected_body(dump)
    assert records[2]["body"] == expected_body(ARTICLE)


def test_warc_responses_and_wet_conversions_are_documents_other_records_are_not(tmp_path):
    jpost = seed_texts()[0]
    latin = jpost.replace("Turkish", "Türkish")
    records = [
        warc_record("warcinfo", "", b"software: test\r\n", "application/warc-fields", "1"),
        warc_record("request", "https://news.example/tram", b"GET /tram HTTP/1.1\r\n\r\n",
                    "application/http; msgtype=request", "2"),
        response("https://news.example/tram", HTML_ARTICLE.encode("utf-8"), "3"),
        warc_record("metadata", "https://news.example/tram", b"fetchTimeMs: 12\r\n", "application/warc-fields", "4"),
        response("https://news.example/logo.png", b"\x89PNG\r\n\x1a\n\x00\x00", "5", content_type="image/png"),
        response("https://news.example/zipped", gzip.compress(HTML_ARTICLE.encode("utf-8")), "6",
                 headers="Content-Encoding: gzip\r\n"),
        response("https://www.jpost.com/x", latin.encode("cp1252"), "7", content_type="text/plain; charset=windows-1252"),
        response("https://news.example/bad-zip", b"this is not gzip data at all", "8",
                 headers="Content-Encoding: gzip\r\n"),
    ]
    wet = [warc_record("warcinfo", "", b"software: test\r\n", "application/warc-fields", "9"),
           warc_record("conversion", "https://www.jpost.com/middle-east/x", jpost.encode("utf-8"), "text/plain", "10")]
    warc = write_warc(tmp_path / "crawl.warc.gz", records, compress=True)
    plain = write_warc(tmp_path / "crawl.warc", records)
    wet_file = write_warc(tmp_path / "crawl.warc.wet.gz", wet, compress=True)
    out = tmp_path / "out.jsonl"

    result = run_batch_cli(str(warc), str(plain), str(wet_file), "-o", str(out))

    assert result.returncode == 0, result.stderr
    written = read_jsonl(out)
    assert len(written) == 5 + 5 + 1  # the responses of both WARCs and the conversion; nothing else
    for batch in (written[:5], written[5:10]):
        assert [r["id"] for r in batch] == ["urn:uuid:3", "urn:uuid:5", "urn:uuid:6", "urn:uuid:7", "urn:uuid:8"]
        tram, logo, zipped, latin_record, bad = batch
        assert tram["url"] == "https://news.example/tram" and tram["id"] == "urn:uuid:3"
        assert tram["body"] == expected_body(HTML_ARTICLE, input_format="html") and "tram line" in tram["body"]
        assert logo["error"] == "not a web page (Content-Type image/png)" and logo["body"] is None
        assert zipped["body"] == tram["body"]
        assert latin_record["body"] == expected_body(latin, url="https://www.jpost.com/x")
        assert "Türkish soldiers" in latin_record["body"] and latin_record["profile"] == "jpost"
        assert bad["error"] == "broken gzip content encoding"
    offsets = [r["source"]["offset"] for r in written[:5]]
    assert offsets == sorted(offsets) and offsets[0] > 0
    conversion = written[10]
    assert conversion["source"] == {"file": str(wet_file), "offset": conversion["source"]["offset"]}
    assert conversion["profile"] == "jpost"  # picked by the target URI
    assert conversion["body"] == expected_body(jpost, url="https://www.jpost.com/middle-east/x", input_format="text")


def test_http_charset_is_tried_after_utf8():
    from cleaner.reading import decode

    russian = "Привет, мир: новости дня".encode("koi8_r")
    assert decode(russian, 1000, charset="koi8-r") == "Привет, мир: новости дня"
    assert decode("naïve café".encode("utf-8"), 1000, charset="koi8-r") == "naïve café"
    assert decode(b"plain", 1000, charset="no-such-charset") == "plain"


def test_chunked_transfer_encoding_is_undone(tmp_path):
    body = HTML_ARTICLE.encode("utf-8")
    chunked = b"".join(b"%x\r\n%s\r\n" % (len(part), part) for part in (body[:100], body[100:])) + b"0\r\n\r\n"
    warc = write_warc(tmp_path / "c.warc", [response("https://x.example/", chunked, "1",
                                                     headers="Transfer-Encoding: chunked\r\n")])
    out = tmp_path / "out.jsonl"
    assert run_batch_cli(str(warc), "-o", str(out)).returncode == 0
    assert read_jsonl(out)[0]["body"] == expected_body(HTML_ARTICLE, input_format="html")


@pytest.mark.parametrize("name, compress", [
    ("gzip", lambda data: gzip.compress(data)),
    ("x-gzip", lambda data: gzip.compress(data)),
    ("deflate", lambda data: zlib.compress(data)),                                      # zlib-wrapped, as RFC 9110 says
    ("deflate", lambda data: (lambda c: c.compress(data) + c.flush())(zlib.compressobj(wbits=-15))),  # raw, as some send
    ("br", lambda data: brotli.compress(data)),
])
def test_content_encodings_are_undone_within_max_bytes(name, compress):
    from cleaner.batch.warc import decode_http_payload

    body = HTML_ARTICLE.encode("utf-8") * 3
    encoded = compress(body)
    assert decode_http_payload(encoded, (name,), len(body)) == body
    with pytest.raises(InputError, match=f"^{name}-encoded payload inflates past --max-bytes \\(1,000 bytes\\)$"):
        decode_http_payload(encoded, (name,), 1000)             # a bomb stops at the limit, never inflated whole
    with pytest.raises(InputError, match=f"^broken {name} content encoding$"):
        decode_http_payload(b"\x00 not compressed at all", (name,), len(body))


def test_encodings_are_undone_in_order_and_unknown_ones_refused():
    from cleaner.batch.warc import decode_http_payload

    body = HTML_ARTICLE.encode("utf-8")
    zipped = gzip.compress(body)
    chunked = b"".join(b"%x\r\n%s\r\n" % (len(part), part) for part in (zipped[:50], zipped[50:])) + b"0\r\n\r\n"
    assert decode_http_payload(chunked, ("chunked", "gzip"), 1 << 20) == body
    with pytest.raises(InputError, match="^broken chunked transfer encoding$"):
        decode_http_payload(b"zz\r\nnot hex", ("chunked",), 1 << 20)
    with pytest.raises(InputError, match="^unsupported HTTP encoding 'compress'$"):
        decode_http_payload(body, ("compress",), 1 << 20)


def test_mixed_inputs_keep_argument_order(tmp_path):
    folder = tmp_path / "dumps"
    folder.mkdir()
    (folder / "one.txt").write_text(ARTICLE, encoding="utf-8")
    jsonl = write_jsonl(tmp_path / "rows.jsonl", [{"text": ARTICLE, "id": "r1"}])
    warc = write_warc(tmp_path / "w.warc", [response("https://x.example/", HTML_ARTICLE.encode(), "w1")])
    out = tmp_path / "out.jsonl"
    result = run_batch_cli(str(warc), str(folder), str(jsonl), "-o", str(out), "-j", "2")
    assert result.returncode == 0, result.stderr
    assert [r["id"] for r in read_jsonl(out)] == ["urn:uuid:w1", str(folder / "one.txt"), "r1"]


def test_error_records_for_every_kind_of_bad_document(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02 not text at all \x00")
    (folder / "huge.txt").write_text("word " * 400, encoding="utf-8")
    (folder / "good.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "menu.txt").write_text("Home\nNews\nSport\n", encoding="utf-8")
    (folder / "broken.txt.gz").write_bytes(gzip.compress(ARTICLE.encode())[:-12])
    rows = ["{not json", json.dumps({"id": "no-text"}), json.dumps({"text": 42}), json.dumps(["a", "list"]),
            json.dumps({"text": "x" * 3000, "id": "long"}), "", json.dumps({"text": ARTICLE, "id": "ok"})]
    jsonl = write_jsonl(tmp_path / "rows.jsonl", rows)
    huge_payload = response("https://x.example/big", b"<p>" + b"x" * 3000 + b"</p>", "big")
    whole = response("https://x.example/fine", HTML_ARTICLE.encode(), "fine")
    warc = write_warc(tmp_path / "w.warc", [whole, huge_payload, whole[:len(whole) // 2]])
    out = tmp_path / "out.jsonl"

    result = run_batch_cli(str(folder), str(jsonl), str(warc), "-o", str(out), "--max-bytes", "1500")

    assert result.returncode == 0, result.stderr
    by_source = {(r["source"]["file"].rsplit("/", 1)[-1], r["source"].get("line", r["source"].get("offset"))): r
                 for r in read_jsonl(out)}
    errors = {key: r["error"] for key, r in by_source.items() if r["error"]}
    assert errors.pop(("binary.txt", None)).startswith("input looks binary")
    assert errors.pop(("huge.txt", None)) == "input is over --max-bytes (1,500 bytes)"
    assert errors.pop(("broken.txt.gz", None)).startswith("cannot read")
    assert errors.pop(("rows.jsonl", 1)).startswith("line is not valid JSON")
    assert errors.pop(("rows.jsonl", 2)) == "line has no 'text' field (see --text-field)"
    assert errors.pop(("rows.jsonl", 3)) == "field 'text' is a int, not a string"
    assert errors.pop(("rows.jsonl", 4)) == "line is a JSON list, not an object"
    assert errors.pop(("rows.jsonl", 5)) == "line is over --max-bytes (1,500 bytes)"
    big = [key for key in errors if key[0] == "w.warc" and "over --max-bytes" in errors[key]]
    torn = [key for key in errors if key[0] == "w.warc" and "truncated WARC record" in errors[key]]
    assert len(big) == 1 and len(torn) == 1
    assert len(errors) == 2
    assert by_source[("rows.jsonl", 2)]["id"] == "no-text"
    assert ("rows.jsonl", 6) not in by_source  # a blank line is not a document
    assert by_source[("menu.txt", None)]["body"] == "" and by_source[("menu.txt", None)]["error"] is None
    assert by_source[("good.txt", None)]["body"] and by_source[("rows.jsonl", 7)]["body"]
    assert all("\n" not in r["error"] for r in by_source.values() if r["error"])
    assert "Traceback" not in result.stderr
    assert "1 empty, 10 errors" in result.stderr


def test_truncated_jsonl_gzip_keeps_what_it_read_and_adds_one_error(tmp_path):
    data = gzip.compress("".join(json.dumps({"text": ARTICLE, "id": n}) + "\n" for n in range(50)).encode())
    source = tmp_path / "cut.jsonl.gz"
    source.write_bytes(data[: len(data) * 2 // 3])
    out = tmp_path / "out.jsonl"
    assert run_batch_cli(str(source), "-o", str(out)).returncode == 0
    records = read_jsonl(out)
    assert records[-1]["source"] == {"file": str(source)} and "cannot read" in records[-1]["error"]
    assert [r["id"] for r in records[:-1]] == list(range(len(records) - 1))


def test_reader_never_holds_an_over_long_line(tmp_path):
    """The JSONL reader caps each read at --max-bytes: a 5 MB line is skipped in pieces."""
    source = tmp_path / "big.jsonl"
    with open(source, "w", encoding="utf-8") as handle:
        handle.write(json.dumps({"text": "y" * 5_000_000}) + "\n")
        handle.write(json.dumps({"text": ARTICLE}) + "\n")
    records = list(read_inputs([str(source)], _never, max_bytes=10_000))
    assert [r.error for r in records] == ["line is over --max-bytes (10,000 bytes)", None]
    assert records[0].data is None and records[1].source.line == 2


@pytest.mark.parametrize("args, message", [
    (["nowhere.jsonl", "-o", "out.jsonl"], "cleaner: error: input 'nowhere.jsonl' does not exist"),
    (["in", "-o", "out.jsonl", "--out-dir", "d"], "cleaner: error: give exactly one of -o/--output"),
    (["in"], "cleaner: error: give exactly one of -o/--output"),
    (["in", "-o", "out.csv"], "cleaner: error: output 'out.csv' must end in .jsonl or .jsonl.gz"),
    (["in", "in/a.txt", "-o", "out.jsonl"], "cleaner: error: input 'in/a.txt' is inside input 'in'"),
    (["in", "-o", "missing/out.jsonl"], "cleaner: error: output folder"),
    (["in", "-o", "out.jsonl", "--profile", "nosuchsite"], "cleaner: error: unknown profile 'nosuchsite'"),
    (["in", "-o", "out.jsonl", "--max-bytes", "lots"], "is not a size"),
])
def test_usage_errors_are_one_line(tmp_path, args, message):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(ARTICLE, encoding="utf-8")
    result = run_batch_cli(*args, cwd=tmp_path)
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "out.jsonl").exists()


def test_refuses_to_resume_into_a_file_it_did_not_write(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    foreign = tmp_path / "out.jsonl"
    foreign.write_text('{"name": "somebody else\'s data"}\n', encoding="utf-8")
    result = run_batch_cli(str(tmp_path / "a.txt"), "-o", str(foreign))
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        f"cleaner: error: {foreign} line 1 is not a cleaner batch record; "
        "not resuming into a file this command did not write"]
    assert foreign.read_text(encoding="utf-8") == '{"name": "somebody else\'s data"}\n'


def test_out_dir_writes_one_text_file_per_document_and_resumes(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "story.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "menu.html").write_text('<html><body><nav><a href="/">Home</a></nav></body></html>', encoding="utf-8")
    jsonl = write_jsonl(tmp_path / "rows.jsonl", [{"text": ARTICLE}, "{broken"])
    out = tmp_path / "clean"

    first = run_batch_cli(str(folder), str(jsonl), "--out-dir", str(out), "-j", "2")

    assert first.returncode == 0, first.stderr
    files = sorted(str(p.relative_to(out)) for p in out.rglob("*") if p.is_file())
    root = str(tmp_path).lstrip("/")
    assert files == sorted([f"{root}/in/menu.html.txt", f"{root}/in/story.txt.txt",
                            f"{root}/rows.jsonl/line-000000001.txt", f"{root}/rows.jsonl/line-000000002.err"])
    assert (out / root / "in" / "story.txt.txt").read_text(encoding="utf-8") == expected_body(ARTICLE) + "\n"
    assert (out / root / "in" / "menu.html.txt").read_text(encoding="utf-8") == ""
    assert (out / root / "rows.jsonl" / "line-000000002.err").read_text(encoding="utf-8").startswith(
        "line is not valid JSON")

    (out / root / "in" / "story.txt.txt").unlink()
    again = run_batch_cli(str(folder), str(jsonl), "--out-dir", str(out))
    assert again.returncode == 0
    assert "1 documents: 1 articles" in again.stderr and "(3 already done, skipped)" in again.stderr
    assert (out / root / "in" / "story.txt.txt").read_text(encoding="utf-8") == expected_body(ARTICLE) + "\n"


def test_output_inside_an_input_folder_is_not_read_back(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / "out.jsonl"
    for _ in range(2):
        result = run_batch_cli(str(tmp_path), "-o", str(out))
        assert result.returncode == 0, result.stderr
    assert [r["source"]["file"] for r in read_jsonl(out)] == [str(tmp_path / "a.txt")]


def test_nul_in_a_jsonl_text_field_is_an_error_record_like_nul_in_a_file():
    from cleaner.batch.records import InputRecord
    from cleaner.batch.work import Processor, Settings

    processor = Processor(Settings(serialize=False))
    line = json.dumps({"id": "x", "text": ARTICLE.replace("Sport", "Sp\x00ort")}).encode("utf-8") + b"\n"
    status, record = processor.process(InputRecord(Source("a.jsonl", line=1), data=line, kind="jsonl"))
    from_file = processor.process(InputRecord(Source("a.txt"), data=ARTICLE.replace("Sport", "Sp\x00ort").encode()))
    assert status == from_file[0] == "error"
    assert record["error"] == from_file[1]["error"] == "input looks binary (it contains NUL bytes), not a text or HTML dump"
    assert record["id"] == "x" and record["body"] is None


def test_a_closed_stderr_does_not_stop_the_run(tmp_path):
    """`cleaner batch … 2>&-`: the notes and the summary are lost, the output is written in full."""
    import os
    import subprocess
    import sys

    corpus = write_jsonl(tmp_path / "in.jsonl", [{"id": n, "text": text} for n, text in enumerate(seed_texts())])
    out = tmp_path / "out.jsonl"
    result = subprocess.run([sys.executable, "-m", "cleaner", "batch", str(corpus), "-o", str(out), "-j", "2"],
                            preexec_fn=lambda: os.close(2), timeout=300, check=False)
    assert result.returncode == 0
    records = read_jsonl(out)
    assert [r["id"] for r in records] == list(range(len(seed_texts())))
    assert all(r["error"] is None and r["body"] for r in records)


def _fifo(path):
    import os

    os.mkfifo(path)
    return path


@pytest.mark.skipif(not hasattr(__import__("os"), "mkfifo"), reason="needs FIFOs (POSIX)")
def test_a_fifo_in_a_folder_is_skipped_with_a_warning(tmp_path):
    """Reading a FIFO found in a walk would wait forever for a writer: it is passed by, and the run says so."""
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "a.txt").write_text(ARTICLE, encoding="utf-8")
    _fifo(pages / "b.txt")
    (pages / "c.txt").write_text(seed_texts()[0], encoding="utf-8")
    out = tmp_path / "out.jsonl"

    result = run_batch_cli(str(pages), "-o", str(out), timeout=60)

    assert result.returncode == 0, result.stderr
    assert f"cleaner: warning: skipping {str(pages / 'b.txt')!r}: not a regular file\n" in result.stderr
    assert [r["source"]["file"] for r in read_jsonl(out)] == [str(pages / "a.txt"), str(pages / "c.txt")]


@pytest.mark.skipif(not hasattr(__import__("os"), "mkfifo"), reason="needs FIFOs (POSIX)")
def test_a_fifo_named_as_an_input_is_read_as_a_stream(tmp_path):
    import threading

    pipe = _fifo(tmp_path / "rows.jsonl")
    rows = [{"id": n, "text": text} for n, text in enumerate(seed_texts()[:2])]

    def feed() -> None:
        with open(pipe, "w", encoding="utf-8") as handle:
            handle.write("".join(json.dumps(row) + "\n" for row in rows))

    writer = threading.Thread(target=feed, daemon=True)
    writer.start()
    out = tmp_path / "out.jsonl"
    result = run_batch_cli(str(pipe), "-o", str(out), timeout=120)
    writer.join(10)
    assert result.returncode == 0, result.stderr
    assert [(r["id"], r["body"]) for r in read_jsonl(out)] == [(n, expected_body(r["text"])) for n, r in enumerate(rows)]


@pytest.mark.parametrize("kind", ["folder", "jsonl"])
def test_no_input_documents_is_a_warning_and_exit_2(tmp_path, kind):
    given = tmp_path / "empty"
    if kind == "folder":
        given.mkdir()
        (given / "notes.md").write_text("not a dump", encoding="utf-8")
    else:
        given = write_jsonl(tmp_path / "empty.jsonl", [])
    result = run_batch_cli(str(given), "-o", str(tmp_path / "out.jsonl"))
    assert result.returncode == 2
    assert result.stderr.splitlines()[-1] == f"cleaner: warning: no input documents found in {given}"


def test_documents_are_counted_up_front_only_when_that_is_cheap(tmp_path):
    from cleaner.batch.readers import count_documents

    pages = tmp_path / "pages"
    (pages / "sub").mkdir(parents=True)
    for name in ("a.txt", "sub/b.html", "sub/c.txt.gz", "notes.md", ".hidden.txt"):
        (pages / name).write_text(ARTICLE, encoding="utf-8")
    single = tmp_path / "one.txt"
    single.write_text(ARTICLE, encoding="utf-8")
    assert count_documents([str(pages), str(single)]) == 4
    assert count_documents([str(pages)], excluded=[str(pages / "a.txt")]) == 2
    (pages / "sub" / "rows.jsonl").write_text("{}\n", encoding="utf-8")
    assert count_documents([str(pages)]) is None  # a JSONL file holds an unknown number


def test_the_progress_bar_has_a_total_for_a_folder_of_files(tmp_path, monkeypatch):
    import io
    import sys

    from cleaner.batch.runner import BatchOptions, run_batch

    pages = tmp_path / "pages"
    pages.mkdir()
    for number in range(3):
        (pages / f"{number}.txt").write_text(ARTICLE, encoding="utf-8")
    screen = io.StringIO()
    monkeypatch.setattr(sys, "stderr", screen)
    run_batch(BatchOptions(inputs=[str(pages)], output=str(tmp_path / "out.jsonl"), workers=1), progress=True)
    assert "3/3 [" in screen.getvalue()  # of how many, with the time left
    (pages / "3.txt").write_text(ARTICLE, encoding="utf-8")  # resumed: only the new one is left to do
    screen.truncate(0)
    run_batch(BatchOptions(inputs=[str(pages)], output=str(tmp_path / "out.jsonl"), workers=1), progress=True)
    assert "1/1 [" in screen.getvalue()
