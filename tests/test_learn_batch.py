"""`cleaner batch --learn-sites`: a first pass counts each host's lines; every batch guarantee still holds."""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from batch_helpers import read_jsonl, run_batch_cli, write_jsonl
from site_helpers import ABOUT, gazette_pages
from test_batch_resume import _records_written, _wait_for_records, snapshot
from test_template_stage import evidence_of

from cleaner import Cleaner
from cleaner.batch import readers
from cleaner.batch.readers import read_dump
from cleaner.urls import sidecar_url

WORDS = ("council harbour library orchard festival bridge market river valley school museum station tram bus "
         "ferry garden theatre hospital factory farm quay square tower road park forest hill lake").split()
HOSTS = ("www.example-gazette.com", "valley-times.example", "harbour-post.example")


def story(number: int, rng: random.Random) -> list[str]:
    """Three paragraphs of prose no other page prints."""
    paragraphs = []
    for k in range(3):
        a, b, c = rng.sample(WORDS, 3)
        paragraphs.append(f"In report {number}.{k}, officials said the {a} near the {b} would open again after the "
                          f"work on the {c} ended, and residents who had waited {number + k} weeks welcomed the news.")
    return paragraphs


def site_page(number: int, host: str, rng: random.Random) -> str:
    name = host.split(".")[-2].replace("-", " ").title()
    lines = [f"{name} - Home", "News", "Sport", "Culture", "Opinion", f"Story number {number} of the day",
             *story(number, rng), f"{name} is an independent newspaper, published in the valley since 1887 and "
             "owned by the people who read it.", f"{number % 40} comments", "Share this article", "About us",
             f"© 2024 {name} Media Group. All rights reserved."]
    return "\n\n".join(lines) + "\n"


def make_folder(root: Path, documents: int) -> Path:
    """A folder of dumps, each with a NAME.url beside it; a few dumps have no URL (no host, no evidence)."""
    folder = root / "pages"
    folder.mkdir()
    rng = random.Random(7)
    for number in range(documents):
        host = HOSTS[number % len(HOSTS)]
        (folder / f"{number:05d}.txt").write_text(site_page(number, host, rng), encoding="utf-8")
        if number % 50 != 7:
            (folder / f"{number:05d}.url").write_text(f"https://{host}/story/{number}\n", encoding="utf-8")
    return folder


def test_folder_dumps_take_their_url_from_the_url_file_beside_them(tmp_path):
    (tmp_path / "a.txt").write_text("x")
    (tmp_path / "a.url").write_text("  https://example.com/a \nsecond line\n")
    (tmp_path / "b.html.gz").write_bytes(b"")
    (tmp_path / "b.url").write_text("https://example.com/b")
    assert sidecar_url(str(tmp_path / "a.txt")) == "https://example.com/a"
    assert sidecar_url(str(tmp_path / "b.html.gz")) == "https://example.com/b"
    assert sidecar_url(str(tmp_path / "c.txt")) is None

    assert [r.url for r in read_dump(str(tmp_path / "a.txt"), lambda source: False, 1 << 20)] == ["https://example.com/a"]


def test_a_url_file_that_cannot_be_read_makes_the_dump_an_error_record(tmp_path, monkeypatch):
    """Not a traceback, and not a record cleaned without its URL (which would pick no profile, no host)."""
    (tmp_path / "a.txt").write_text("Some text of the page.")

    def unreadable(path):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(readers, "sidecar_url", unreadable)
    (record,) = read_dump(str(tmp_path / "a.txt"), lambda source: False, 1 << 20)
    assert record.data is None and record.error.startswith("cannot read the URL file beside")
    assert "Permission denied" in record.error

def test_learn_sites_drops_each_hosts_template_and_says_why_in_the_report(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    texts = gazette_pages(4)
    for i, text in enumerate(texts):
        (folder / f"p{i}.txt").write_text(text, encoding="utf-8")
        (folder / f"p{i}.url").write_text(f"https://www.example-gazette.com/{i}\n")
    (folder / "lone.txt").write_text(texts[0], encoding="utf-8")    # no URL: no host, cleaned as without
    out, plain, report = tmp_path / "out.jsonl", tmp_path / "plain.jsonl", tmp_path / "report.html"
    result = run_batch_cli(str(folder), "-o", str(out), "--learn-sites", "--no-profiles", "-j", "2",
                           "--report", str(report))
    assert result.returncode == 0, result.stderr
    assert "template evidence: 1 hosts" in result.stderr
    assert run_batch_cli(str(folder), "-o", str(plain), "--no-profiles", "-j", "2").returncode == 0
    records, before = read_jsonl(out), read_jsonl(plain)
    assert [r["url"] for r in records] == [None] + [f"https://www.example-gazette.com/{i}" for i in range(4)]
    evidence = evidence_of(texts)   # as counted in this process
    cleaner = Cleaner(use_profiles=False, site_evidence=evidence)
    for record, old in zip(records, before):
        text = texts[0] if record["url"] is None else texts[int(record["url"][-1])]
        assert record["body"] == cleaner.clean(text, url=record["url"]).body
        if record["url"] is None:
            assert record["body"] == old["body"] and ABOUT in record["body"]
        else:
            assert ABOUT in old["body"] and ABOUT not in record["body"] and record["lines_kept"] < old["lines_kept"]
    page = report.read_text(encoding="utf-8")
    assert "template: seen on 4 of 4 pages of example-gazette.com" in page


def test_learn_sites_reads_hosts_from_jsonl_and_gives_one_record_per_input(tmp_path):
    rng = random.Random(3)
    rows = [{"id": i, "url": f"https://{HOSTS[i % 2]}/{i}", "text": site_page(i, HOSTS[i % 2], rng)} for i in range(12)]
    rows.insert(5, "{not json")
    rows.insert(8, {"id": "empty", "url": "https://valley-times.example/e", "text": ""})
    corpus = write_jsonl(tmp_path / "in.jsonl", rows)
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    for out, workers in ((one, "1"), (two, "2")):
        result = run_batch_cli(str(corpus), "-o", str(out), "--learn-sites", "--no-profiles", "-j", workers)
        assert result.returncode == 0, result.stderr
    assert one.read_bytes() == two.read_bytes()
    records = read_jsonl(one)
    assert len(records) == 14 and [r["source"]["line"] for r in records] == list(range(1, 15))
    assert sum(r["error"] is not None for r in records) == 2
    assert all("independent newspaper" not in (r["body"] or "") for r in records)


@pytest.mark.slow  # about 7 s: a 1,500-document run three times, once killed and resumed
@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="needs Linux /proc")
def test_learn_sites_resumes_after_a_kill_to_the_uninterrupted_output(tmp_path):
    documents = 1500
    folder = make_folder(tmp_path, documents)
    reference = tmp_path / "reference.jsonl"
    result = run_batch_cli(str(folder), "-o", str(reference), "--learn-sites", "--no-profiles", "-j", "2")
    assert result.returncode == 0, result.stderr
    plain = tmp_path / "plain.jsonl"
    assert run_batch_cli(str(folder), "-o", str(plain), "--no-profiles", "-j", "2").returncode == 0
    changed = sum(a["body"] != b["body"] for a, b in zip(read_jsonl(reference), read_jsonl(plain)))
    assert changed >= documents * 0.9   # the evidence changed the records: the resume below is tested with it

    out = tmp_path / "out.jsonl"
    process = _start_learning(folder, out)
    _wait_for_records(process, out, 50)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    written = _records_written(out)
    assert 0 < written < documents, "the kill came too late: it tested nothing"
    time.sleep(0.2)
    final = run_batch_cli(str(folder), "-o", str(out), "--learn-sites", "--no-profiles", "-j", "1")
    assert final.returncode == 0, final.stderr
    assert "resuming" in final.stderr
    assert snapshot(out) == snapshot(reference)


def _start_learning(folder: Path, out: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "cleaner", "batch", str(folder), "-o", str(out), "--learn-sites",
                             "--no-profiles", "-j", "2"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
