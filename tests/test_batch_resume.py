"""Nothing lost, nothing twice: torn ends are cut, killed runs resume, and the result equals an uninterrupted run."""

from __future__ import annotations

import gzip
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from batch_helpers import ARTICLE, output_bytes, read_jsonl, run_batch_cli, seed_texts, write_jsonl


def make_corpus(folder: Path, documents: int) -> Path:
    """A JSONL corpus of real dumps (the seed fixtures) and a few bad lines, ``documents`` lines long."""
    texts = seed_texts() + [ARTICLE]
    rows = []
    for number in range(documents):
        if number % 97 == 13:
            rows.append("{this line is broken")
        else:
            rows.append({"id": f"doc-{number}", "text": texts[number % len(texts)] + f"\nPage {number}\n"})
    return write_jsonl(folder / "corpus.jsonl", rows)


def _target(out: Path) -> list[str]:
    return ["--out-dir", str(out)] if out.suffix == "" else ["-o", str(out)]


def snapshot(out: Path) -> bytes | dict[str, bytes]:
    """A JSONL output's records (decompressed), or an output folder's files and their contents."""
    if out.suffix == "":
        return {str(path.relative_to(out)): path.read_bytes() for path in sorted(out.rglob("*")) if path.is_file()}
    return output_bytes(out)


def reference_output(corpus: Path, folder: Path, name: str, **kwargs) -> bytes | dict[str, bytes]:
    out = folder / name
    result = run_batch_cli(str(corpus), *_target(out), "-j", "2", **kwargs)
    assert result.returncode == 0, result.stderr
    return snapshot(out)


@pytest.mark.parametrize("name", ["out.jsonl", "out.jsonl.gz"])
def test_torn_end_is_cut_and_the_rest_is_redone(tmp_path, name):
    corpus = make_corpus(tmp_path, 60)
    full = reference_output(corpus, tmp_path, "reference-" + name)
    lines = full.splitlines(keepends=True)
    assert len(lines) == 60
    out = tmp_path / name
    if name.endswith(".gz"):  # two whole members, then half of a third (a writer killed mid-member)
        members = [gzip.compress(b"".join(lines[:10])), gzip.compress(b"".join(lines[10:25]))]
        torn = gzip.compress(b"".join(lines[25:40]))
        out.write_bytes(b"".join(members) + torn[: len(torn) // 2])
    else:  # 25 whole lines, then half of the 26th
        out.write_bytes(b"".join(lines[:25]) + lines[25][: len(lines[25]) // 2])

    result = run_batch_cli(str(corpus), "-o", str(out), "-j", "1")

    assert result.returncode == 0, result.stderr
    assert "cleaner: resuming: 25 records already in" in result.stderr
    assert "cleaner: cut a torn record" in result.stderr
    assert "35 documents" in result.stderr and "(25 already done, skipped)" in result.stderr
    assert output_bytes(out) == full


def _descendants(pid: int) -> set[int]:
    """Every process below ``pid`` (Linux /proc), to check that none outlives a killed run."""
    found, frontier = set(), [pid]
    while frontier:
        parent = frontier.pop()
        for children in Path(f"/proc/{parent}/task").glob("*/children"):
            try:
                kids = {int(c) for c in children.read_text().split()}
            except OSError:
                continue
            frontier.extend(kids - found)
            found |= kids
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _records_written(path: Path) -> int:
    """Whole records in a (possibly torn, possibly gzip'd) output, or finished files in an output folder, right now."""
    if not path.exists():
        return 0
    if path.suffix == "":
        return sum(1 for p in path.rglob("*") if p.is_file() and p.suffix in (".txt", ".err"))
    data = path.read_bytes()
    if path.name.endswith(".gz"):
        out = b""
        while data:
            inflater = __import__("zlib").decompressobj(31)
            try:
                piece = inflater.decompress(data)
            except Exception:
                break
            if not inflater.eof:
                break
            out += piece
            data = inflater.unused_data
        data = out
    return data.count(b"\n")


def _start(corpus: Path, out: Path, workers: str, **kwargs) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "cleaner", "batch", str(corpus), *_target(out), "-j", workers],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, **kwargs)


def _wait_for_records(process: subprocess.Popen, out: Path, at_least: int, limit: float = 120) -> int:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        written = _records_written(out)
        if written >= at_least:
            return written
        assert process.poll() is None, f"the run ended before it could be killed: {process.stderr.read()}"
        time.sleep(0.02)
    raise AssertionError("no records written in time")


@pytest.mark.slow  # about 30 s each: a 4,000-document run killed again and again
@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="needs Linux /proc to follow the processes")
@pytest.mark.parametrize("name", ["out.jsonl", "out.jsonl.gz", "out-folder"])
def test_sigkill_at_any_moment_then_the_same_command_resumes_to_the_full_output(tmp_path, name):
    """Killed twice, then resumed with the input typed another way (absolute, where the killed runs had it relative)."""
    documents = 4000  # enough that a run still has work when its first records are flushed, on a fast machine too
    corpus = make_corpus(tmp_path, documents)
    full = reference_output(Path(corpus.name), tmp_path, "reference-" + name, cwd=tmp_path)
    out = tmp_path / name

    kills = []
    for at_least in (1, 300):  # new records this run must write before it is killed
        before = _records_written(out)
        process = _start(Path(corpus.name), Path(name), "2", cwd=tmp_path)
        _wait_for_records(process, out, before + at_least)
        workers = _descendants(process.pid)
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
        written = _records_written(out)
        kills.append(written)
        assert written < documents, "the kill came after the run had finished: it tested nothing"
        deadline = time.monotonic() + 15  # workers and the fork server die with the batch, none is orphaned
        while any(_alive(pid) for pid in workers) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert workers and not any(_alive(pid) for pid in workers)

    final = run_batch_cli(str(corpus), *_target(out), "-j", "1", cwd=tmp_path)

    assert final.returncode == 0, final.stderr
    assert kills[0] < kills[1] < documents
    assert snapshot(out) == full  # same records, same order (same files), each exactly once
    if out.suffix == "":
        assert len(full) == documents and not any(name.endswith(".partial") for name in full)
    else:
        keys = [(r["source"]["file"], r["source"]["line"]) for r in read_jsonl(out)]
        assert len(keys) == len(set(keys)) == documents


@pytest.mark.slow  # about 7 s
def test_sigterm_flushes_whole_records_and_exits_130(tmp_path):
    corpus = make_corpus(tmp_path, 600)
    out = tmp_path / "out.jsonl"
    process = _start(corpus, out, "2")
    _wait_for_records(process, out, 1)
    process.send_signal(signal.SIGTERM)
    stderr = process.communicate(timeout=60)[1]

    assert process.returncode == 130
    last = stderr.strip().splitlines()[-1]
    assert last.startswith("cleaner: error: interrupted after ") and last.endswith(
        "documents; run the same command again to resume")
    data = out.read_bytes()
    assert data.endswith(b"\n") and all(json.loads(line) for line in data.splitlines())
    assert 0 < data.count(b"\n") < 600

    resumed = run_batch_cli(str(corpus), "-o", str(out), "-j", "2")
    assert resumed.returncode == 0
    assert output_bytes(out) == reference_output(corpus, tmp_path, "reference.jsonl")


def test_worker_count_does_not_change_the_output(tmp_path):
    corpus = make_corpus(tmp_path, 120)
    one = tmp_path / "one.jsonl"
    assert run_batch_cli(str(corpus), "-o", str(one), "-j", "1", "--chunk-size", "7").returncode == 0
    assert one.read_bytes() == reference_output(corpus, tmp_path, "two.jsonl")


def test_resume_index_handles_out_of_order_sources():
    from cleaner.batch.records import Source
    from cleaner.batch.sinks import DoneIndex

    done = DoneIndex()
    for position in (5, 1, 9, 3):
        done.add(Source("a.jsonl", line=position))
    done.add(Source("b.warc", offset=1234))
    done.add(Source("c.txt"))
    done.freeze()
    assert all(Source("a.jsonl", line=n) in done for n in (1, 3, 5, 9))
    assert not any(Source("a.jsonl", line=n) in done for n in (0, 2, 4, 10))
    assert Source("b.warc", offset=1234) in done and Source("b.warc", offset=1233) not in done
    assert Source("c.txt") in done and Source("d.txt") not in done and done.count == 6


def test_untouched_output_when_everything_is_done(tmp_path):
    corpus = make_corpus(tmp_path, 30)
    out = tmp_path / "out.jsonl.gz"
    assert run_batch_cli(str(corpus), "-o", str(out)).returncode == 0
    before = out.read_bytes()
    again = run_batch_cli(str(corpus), "-o", str(out))
    assert again.returncode == 0 and "0 documents" in again.stderr and "(30 already done, skipped)" in again.stderr
    assert out.read_bytes() == before
    assert os.path.getsize(out) == len(before)


def test_resume_reads_each_source_even_when_ids_and_paths_look_like_one():
    from cleaner.batch.records import Source
    from cleaner.batch.sinks import _source_of
    from cleaner.batch.work import to_json_line

    records = [
        {"id": 'a "source":{"file":"decoy.jsonl","line":1}', "url": None, "source": {"file": "a.jsonl", "line": 3}},
        {"id": 5, "url": '"source":{"file":"x"}', "source": {"file": 'we"ird\\name}.warc', "offset": 1234}},
        {"id": None, "url": None, "source": {"file": "dir/été.txt"}, "body": "é"},
    ]
    for record in records:
        assert _source_of(to_json_line(record)) == Source.from_dict(record["source"])


@pytest.mark.parametrize("name", ["out.jsonl", "out-folder"])
def test_the_same_input_typed_another_way_is_the_same_source(tmp_path, name):
    """`batch docs.jsonl` then `batch $PWD/docs.jsonl` (or ./docs.jsonl) resumes: nothing is written twice."""
    corpus = make_corpus(tmp_path, 30)
    out = tmp_path / name
    first = run_batch_cli(corpus.name, *_target(Path(name)), cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    before = snapshot(out)
    for spelling in (str(corpus), f"./{corpus.name}", f"../{tmp_path.name}/{corpus.name}"):
        again = run_batch_cli(spelling, *_target(out), cwd=tmp_path)
        assert again.returncode == 0, again.stderr
        assert "0 documents" in again.stderr and "(30 already done, skipped)" in again.stderr
        assert snapshot(out) == before
    if name.endswith(".jsonl"):
        assert {r["source"]["file"] for r in read_jsonl(out)} == {corpus.name}


def test_an_output_of_other_inputs_is_refused_unless_append_is_given(tmp_path):
    first, second = make_corpus(tmp_path, 20), write_jsonl(tmp_path / "more.jsonl", [{"id": "m", "text": ARTICLE}])
    out = tmp_path / "out.jsonl"
    assert run_batch_cli(str(first), "-o", str(out)).returncode == 0
    with out.open("ab") as handle:  # a torn end too: a refused output is left exactly as it was
        handle.write(b'{"id": "torn')
    before = out.read_bytes()

    refused = run_batch_cli(str(second), "-o", str(out))

    assert refused.returncode == 2 and refused.stdout == ""
    assert refused.stderr == (f"cleaner: error: {out} holds records of an input not given here ({first}); give the "
                              "same inputs to resume, or --append to add these inputs' records to it\n")
    assert out.read_bytes() == before

    appended = run_batch_cli(str(second), "-o", str(out), "--append")
    assert appended.returncode == 0, appended.stderr
    records = read_jsonl(out)
    assert [r["source"]["file"] for r in records] == [str(first)] * 20 + [str(second)]
    again = run_batch_cli(str(second), "-o", str(out), "--append")  # still exactly once per document
    assert again.returncode == 0 and "(1 already done, skipped)" in again.stderr
    assert read_jsonl(out) == records
    both = run_batch_cli(str(first), str(second), "-o", str(out))  # the same inputs: a plain resume
    assert both.returncode == 0 and "(21 already done, skipped)" in both.stderr
