"""Helpers for the batch tests (no tests here): inputs built from strings and the seed fixtures, outputs read back.

Processor factories defined here are importable by worker processes (by
this module's name: tests/ is on their path too), which is how the pool
tests inject a crash or a dying worker.
"""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
from pathlib import Path

from conftest import SEEDS

from cleaner import Cleaner
from cleaner.batch.work import Processor

ARTICLE = ("Home\nNews\nSport\nWeather\n\n"
           "The council voted on Tuesday to extend the tram line to the harbour, after a debate that lasted "
           "most of the afternoon and drew a large crowd of residents and shop owners.\n\n"
           "Construction is expected to start next spring and to take about two years, the mayor said, adding "
           "that the route had been chosen to serve the new housing estates along the river.\n\n"
           "Share\nTweet\nEmail\n")

HTML_ARTICLE = ("<!DOCTYPE html><html><head><title>Tram line</title></head><body>"
                "<nav><a href='/'>Home</a> <a href='/news'>News</a></nav><article><h1>Tram line to the harbour</h1>"
                "<p>The council voted on Tuesday to extend the tram line to the harbour, after a debate that lasted "
                "most of the afternoon and drew a large crowd of residents and shop owners.</p>"
                "<p>Construction is expected to start next spring and to take about two years, the mayor said, "
                "adding that the route had been chosen to serve the new housing estates along the river.</p>"
                "</article><footer>Copyright 2024 Example News</footer></body></html>")


# A user's profile with a slow regular expression, for the tests of timeouts: its repetitions are bounded,
# so the load-time check lets it through, but it has some 9**9 ways to try on HANG_DUMP's line of "a"s. The
# budget for a document's profile regexes (2 s of CPU plus 2 s per million characters) grows with the
# filler line to about 4 s, more than the timeouts (and their polling) of those tests: the batch's own
# timeout is what stops the document. Python's re engine holds the GIL meanwhile, so no signal handler
# could interrupt it either; only killing the process stops it.
HANG_PROFILE = """name = "hang"
hosts = ["hang.example"]
[[drop]]
match = '^(?:(?:a{1,9}){1,9}){1,9}$'
reason = "slow on purpose"
"""
HANG_DUMP = "A headline\n\n" + "a" * 60 + "!\n\n" + ARTICLE + "\n" + "x" * 990_000 + "\n"


def seed_dumps() -> list[Path]:
    return sorted(p for p in SEEDS.glob("*.txt") if not p.name.endswith(".expected.txt"))


def seed_texts() -> list[str]:
    return [path.read_text(encoding="utf-8") for path in seed_dumps()]


_CLEANER: Cleaner | None = None


def expected_body(text: str | bytes, url: str | None = None, input_format: str = "auto") -> str:
    """What clean() makes of a dump, in this process: the reference every batch output is compared with."""
    global _CLEANER
    if _CLEANER is None:
        _CLEANER = Cleaner()
    return _CLEANER.clean(text, url=url, input_format=input_format).body


def write_jsonl(path: Path, rows, compress: bool = False) -> Path:
    data = "".join((row if isinstance(row, str) else json.dumps(row)) + "\n" for row in rows).encode("utf-8")
    path.write_bytes(gzip.compress(data) if compress else data)
    return path


def read_jsonl(path: Path) -> list[dict]:
    data = path.read_bytes()
    if path.name.endswith(".gz"):
        data = gzip.decompress(data)
    return [json.loads(line) for line in data.decode("utf-8").splitlines()]


def output_bytes(path: Path) -> bytes:
    data = path.read_bytes()
    return gzip.decompress(data) if path.name.endswith(".gz") else data


def warc_record(kind: str, uri: str, block: bytes, content_type: str, record_id: str) -> bytes:
    head = (f"WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:{record_id}>\r\n"
            f"WARC-Target-URI: {uri}\r\nWARC-Date: 2024-05-01T10:00:00Z\r\nContent-Type: {content_type}\r\n"
            f"Content-Length: {len(block)}\r\n\r\n")
    return head.encode("ascii") + block + b"\r\n\r\n"


def http_response(body: bytes, content_type: str = "text/html; charset=utf-8", headers: str = "") -> bytes:
    head = f"HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\n{headers}Content-Length: {len(body)}\r\n\r\n"
    return head.encode("ascii") + body


def response(uri: str, body: bytes, record_id: str, **kwargs) -> bytes:
    return warc_record("response", uri, http_response(body, **kwargs), "application/http; msgtype=response", record_id)


def write_warc(path: Path, records: list[bytes], compress: bool = False) -> Path:
    """A WARC file; gzip'd the standard way (one member per record) when asked."""
    path.write_bytes(b"".join(gzip.compress(r) for r in records) if compress else b"".join(records))
    return path


def run_batch_cli(*args: str, timeout: float = 300, **kwargs) -> subprocess.CompletedProcess:
    """``python -m cleaner batch ARGS`` in a subprocess, as a user runs it."""
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    return subprocess.run([sys.executable, "-m", "cleaner", "batch", *args], capture_output=True, text=True,
                          timeout=timeout, env=env, **kwargs)


# -- processors injected into worker processes by the pool tests ------------------------------------------

class _Exploding:
    """A stand-in cleaner with a bug: raises on a marked document, cleans the others normally."""

    def __init__(self, real: Cleaner) -> None:
        self.real = real

    def clean(self, text, **kwargs):
        if "EXPLODE" in text:
            raise RuntimeError("simulated bug\nwith a second line")
        return self.real.clean(text, **kwargs)


def exploding_processor(settings) -> Processor:
    processor = Processor(settings)
    processor.cleaner = _Exploding(processor.cleaner)
    return processor


class _DyingProcessor(Processor):
    def process(self, record):
        if record.data and b"DIE" in (record.data if isinstance(record.data, bytes) else record.data.encode()):
            os._exit(3)
        return super().process(record)


def dying_processor(settings) -> Processor:
    return _DyingProcessor(settings)


class _SlowProcessor(Processor):
    def process(self, record):
        import time

        time.sleep(0.3)
        return super().process(record)


def slow_processor(settings) -> Processor:
    return _SlowProcessor(settings)


def unstartable_processor(settings) -> Processor:
    raise RuntimeError("no cleaner for you")
