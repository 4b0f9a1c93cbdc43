"""Workers: a stuck document is really stopped, a dying worker costs one document, order is kept, memory bounded."""

from __future__ import annotations

import itertools
import os
import pty
import subprocess
import sys
import time

import pytest
from batch_helpers import (ARTICLE, HANG_DUMP, HANG_PROFILE, dying_processor, expected_body,
                                exploding_processor, read_jsonl, run_batch_cli, seed_texts, slow_processor,
                                unstartable_processor, write_jsonl)

from cleaner import CleanerError, clean_many
from cleaner.batch.pool import OrderedPool
from cleaner.batch.records import InputRecord, Source
from cleaner.batch.work import Processor, Settings
from cleaner.errors import PoolError

@pytest.fixture
def hang_profiles(tmp_path):
    folder = tmp_path / "profiles"
    folder.mkdir()
    (folder / "hang.toml").write_text(HANG_PROFILE, encoding="utf-8")
    return folder


def records_of(texts) -> list[InputRecord]:
    return [InputRecord(Source("t", line=n), data=text) for n, text in enumerate(texts, 1)]


def test_a_stuck_document_is_stopped_and_the_run_goes_on(tmp_path, hang_profiles):
    texts = seed_texts()
    rows = [{"id": n, "text": text} for n, text in enumerate(texts)]
    rows.insert(2, {"id": "stuck", "text": HANG_DUMP, "url": "https://hang.example/story"})
    corpus = write_jsonl(tmp_path / "corpus.jsonl", rows)
    out = tmp_path / "out.jsonl"
    started = time.monotonic()

    result = run_batch_cli(str(corpus), "-o", str(out), "--timeout", "2", "-j", "2", "--chunk-size", "4",
                           "--profiles-dir", str(hang_profiles), timeout=120)

    assert result.returncode == 0, result.stderr
    assert time.monotonic() - started < 60
    records = read_jsonl(out)
    assert [r["id"] for r in records] == [0, 1, "stuck", 2, 3, 4]
    assert records[2]["error"] == "timed out after 2 s (the document was stopped)"
    assert records[2]["url"] == "https://hang.example/story"
    for record, text in zip(records[:2] + records[3:], texts):
        assert record["error"] is None and record["body"] == expected_body(text)


def test_clean_many_timeout_uses_the_same_machinery(hang_profiles):
    items = [ARTICLE, {"text": HANG_DUMP, "url": "https://hang.example/x", "id": "h"}, ARTICLE]
    results = list(clean_many(items, workers=1, timeout=1.5, profiles_dirs=[hang_profiles]))
    assert [r.index for r in results] == [0, 1, 2]
    assert results[1].error == "timed out after 1.5 s (the document was stopped)" and results[1].id == "h"
    assert results[0].body == results[2].body == expected_body(ARTICLE)


def test_the_timeout_is_per_document_not_per_chunk():
    """Eight documents of 0.3 s each in one chunk take 2.4 s: no document is over a 1 s timeout."""
    pool = OrderedPool(Settings(serialize=False), workers=1, timeout=1.0, chunk_docs=8, make_processor=slow_processor)
    results = [outcome for _, outcome in pool.imap(records_of([ARTICLE] * 8))]
    assert [status for status, _ in results] == ["article"] * 8
    assert pool.restarts == 0


def test_a_dying_worker_costs_only_the_document_it_was_on():
    texts = [ARTICLE, "DIE now", ARTICLE + "\nMore.\n", "DIE again", ARTICLE]
    pool = OrderedPool(Settings(serialize=False), workers=2, chunk_docs=5, make_processor=dying_processor)
    results = [outcome for _, outcome in pool.imap(records_of(texts))]
    assert [status for status, _ in results] == ["article", "error", "article", "error", "article"]
    assert results[1][1]["error"] == "the worker process died while cleaning this document (exit status 3)"
    assert results[2][1]["body"] == expected_body(ARTICLE + "\nMore.\n")
    assert pool.restarts == 2 and pool.workers == []


def test_a_crash_inside_the_cleaner_is_an_error_record_in_and_out_of_process():
    texts = [ARTICLE, "EXPLODE here", ARTICLE]
    pool = OrderedPool(Settings(serialize=False), workers=2, make_processor=exploding_processor)
    in_pool = [outcome[1]["error"] for _, outcome in pool.imap(records_of(texts))]
    processor = exploding_processor(Settings(serialize=False))
    in_process = [processor.process(record)[1]["error"] for record in records_of(texts)]
    expected = [None, "crash inside the cleaner: RuntimeError: simulated bug with a second line", None]
    assert in_pool == in_process == expected
    assert pool.restarts == 0


def test_workers_that_cannot_start_stop_the_run_with_one_line():
    pool = OrderedPool(Settings(), workers=2, make_processor=unstartable_processor)
    with pytest.raises(PoolError, match="^a worker could not start: no cleaner for you$"):
        list(pool.imap(records_of([ARTICLE])))


def test_broken_profile_is_one_line_before_any_work(tmp_path):
    folder = tmp_path / "profiles"
    folder.mkdir()
    (folder / "bad.toml").write_text('name = "bad"\nhosts = ["bad.example"]\n[[drop]]\nmatch = "(unclosed"\nreason = "x"\n',
                                     encoding="utf-8")
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    result = run_batch_cli(str(tmp_path / "a.txt"), "-o", str(tmp_path / "o.jsonl"), "--profiles-dir", str(folder))
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1
    assert result.stderr.startswith(f"cleaner: error: profile {folder / 'bad.toml'}: drop[0].match: ")
    with pytest.raises(CleanerError):
        next(clean_many([ARTICLE], workers=2, profiles_dirs=[folder]))


def test_input_is_read_lazily_within_a_bounded_window():
    pulled = 0

    def endless():
        nonlocal pulled
        for number in itertools.count(1):
            pulled += 1
            yield InputRecord(Source("endless", line=number), data=ARTICLE)

    pool = OrderedPool(Settings(), workers=2, chunk_docs=4, window_docs=32)
    results = pool.imap(endless())
    firsts = [record.source.line for record, _ in itertools.islice(results, 50)]
    results.close()
    assert firsts == list(range(1, 51))
    assert pulled <= 50 + 32 + 1
    assert pool.workers == []


def test_clean_many_in_order_with_every_kind_of_item():
    texts = seed_texts()
    items = [texts[0], texts[1].encode("utf-8"), {"text": texts[2], "id": 7, "url": "https://www.duvarenglish.com/x"},
             {"id": "no text"}, 42, "", texts[3]]
    parallel = list(clean_many(items, workers=2))
    serial = list(clean_many(items, workers=1))
    assert parallel == serial
    assert [r.index for r in parallel] == list(range(7))
    assert parallel[0].body == expected_body(texts[0]) and parallel[0].ok
    assert parallel[1].body == expected_body(texts[1])
    assert parallel[2].id == 7 and parallel[2].body == expected_body(texts[2], url="https://www.duvarenglish.com/x")
    assert parallel[3].error == "item has no 'text' field"
    assert parallel[4].error == "item is a int, not text, bytes or a mapping"
    assert parallel[5].error == "input is empty" and parallel[5].body is None
    assert parallel[6].to_dict()["body"] == expected_body(texts[3])


def test_in_process_processor_turns_bad_input_into_error_records():
    processor = Processor(Settings(serialize=False))
    status, record = processor.process(InputRecord(Source("x"), data=b"\x00\x01binary"))
    assert status == "error" and record["error"].startswith("input looks binary")
    assert record["source"] == {"file": "x"} and record["body"] is None


def test_progress_bar_on_a_terminal_summary_otherwise_and_quiet(tmp_path):
    corpus = write_jsonl(tmp_path / "c.jsonl", [{"text": ARTICLE}] * 20 + ["{bad"])
    controller, terminal = pty.openpty()
    process = subprocess.Popen([sys.executable, "-m", "cleaner", "batch", str(corpus), "-o", str(tmp_path / "a.jsonl")],
                               stdout=subprocess.DEVNULL, stderr=terminal)
    os.close(terminal)
    shown = b""
    while True:
        try:
            piece = os.read(controller, 4096)
        except OSError:
            break
        if not piece:
            break
        shown += piece
    process.wait(timeout=60)
    os.close(controller)
    text = shown.decode("utf-8", "replace")
    assert process.returncode == 0
    assert "cleaning: " in text and "docs/s" in text and "1 errors" in text
    assert "cleaner: 21 documents: 20 articles, 0 empty, 1 errors;" in text

    piped = run_batch_cli(str(corpus), "-o", str(tmp_path / "b.jsonl"))
    assert piped.stderr.startswith("cleaner: 21 documents: 20 articles, 0 empty, 1 errors; ")
    assert len(piped.stderr.splitlines()) == 1
    quiet = run_batch_cli(str(corpus), "-o", str(tmp_path / "q.jsonl"), "--quiet")
    assert quiet.returncode == 0 and quiet.stderr == ""


def test_the_plain_command_does_not_load_the_batch_machinery():
    code = ("import sys, cleaner.cli, cleaner; from cleaner.cli import main; "
            "heavy = ('tqdm', 'fastwarc', 'datatrove', 'ray', 'multiprocessing', 'cleaner.batch.runner', "
            "'cleaner.batch.pool', 'brotli', 'orjson'); "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in heavy or m in heavy))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
