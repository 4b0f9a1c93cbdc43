"""One batch run: inputs → worker pool → output, with progress, a summary, and resume.

Records are written in input order (arguments in the order given, folders
sorted by name, files front to back), whatever the number of workers, so
the output of ``-j 1`` and ``-j 8`` is the same file, and a resumed run
ends with the same file an uninterrupted run would have written.
"""

from __future__ import annotations

import os
import signal
import sys
import time
from contextlib import closing
from dataclasses import dataclass, field, replace
from functools import partial
from typing import Any, Callable, TextIO

from ..errors import BatchInterrupted, BatchUsageError, BatchWriteError
from .pool import OrderedPool, default_workers
from .readers import check_inputs, count_documents, outside_inputs, read_inputs
from .records import ARTICLE, EMPTY, ERROR, InputRecord, Source
from .sinks import JsonlSink, TextDirSink
from .work import Settings


@dataclass
class BatchOptions:
    """Everything ``cleaner batch`` was asked to do."""

    inputs: list[str]
    output: str | None = None            # a .jsonl or .jsonl.gz file
    out_dir: str | None = None           # or a folder of .txt files
    workers: int | None = None           # None: all cores
    timeout: float | None = 60.0         # seconds per document; None or 0: no limit
    chunk_docs: int = 32
    append: bool = False                 # add to an output that holds records of other inputs
    learn_sites: bool = False            # a first pass counts each host's template lines (batch/sites.py);
                                         # run_batch adds them to ``settings``
    settings: Settings = field(default_factory=Settings)


@dataclass
class Counts:
    """What a run did, for the progress bar and the summary line."""

    documents: int = 0
    articles: int = 0
    empty: int = 0
    errors: int = 0
    skipped: int = 0
    started: float = field(default_factory=time.monotonic)

    def add(self, status: str) -> None:
        self.documents += 1
        if status == ARTICLE:
            self.articles += 1
        elif status == EMPTY:
            self.empty += 1
        elif status == ERROR:
            self.errors += 1

    @property
    def seconds(self) -> float:
        return time.monotonic() - self.started

    def summary(self) -> str:
        seconds = self.seconds
        rate = self.documents / seconds if seconds > 0 else 0.0
        text = (f"{self.documents:,} documents: {self.articles:,} articles, {self.empty:,} empty, "
                f"{self.errors:,} errors; {rate:,.1f} docs/s over {seconds:,.1f} s")
        if self.skipped:
            text += f" ({self.skipped:,} already done, skipped)"
        return text


class _Progress:
    """A tqdm bar on stderr (documents, docs/s, errors so far; of how many, and the time left, when the inputs'
    documents can be counted up front), or nothing."""

    def __init__(self, enabled: bool, stream: TextIO, total: int | None = None) -> None:
        self.bar = None
        self.total = total
        self._next_postfix = 0.0
        if enabled:
            from tqdm import tqdm  # lazy: only batch runs on a terminal pay for it

            columns, rows = _terminal_size(stream)
            self.bar = tqdm(desc="cleaning", unit=" docs", file=stream, ncols=columns, nrows=rows, mininterval=0.5,
                            smoothing=0.05, total=total)

    def update(self, counts: Counts) -> None:
        if self.bar is None:
            return
        if self.total is not None:  # documents a resumed run skips are not to do
            self.bar.total = self.total - counts.skipped
        self.bar.update(1)
        now = time.monotonic()
        if now >= self._next_postfix:
            self.bar.set_postfix_str(f"{counts.errors:,} errors, {counts.empty:,} empty", refresh=False)
            self._next_postfix = now + 0.5

    def note(self, message: str, stream: TextIO | None) -> None:
        """A warning line, written above the bar when there is one."""
        if stream is None:
            return
        if self.bar is not None:
            self.bar.write(message, file=stream)
        else:
            stream.write(message + "\n")

    def close(self, counts: Counts) -> None:
        if self.bar is not None:
            if self.total is not None:
                self.bar.total = self.total - counts.skipped
                self.bar.refresh()
            self.bar.close()


def _terminal_size(stream: TextIO) -> tuple[int, int]:
    """The terminal's columns and rows; 100 x 24 where it reports none (a fresh pseudo-terminal says 0 x 0,
    and tqdm then hides its bar)."""
    try:
        size = os.get_terminal_size(stream.fileno())
    except (OSError, ValueError, AttributeError):
        return 100, 24
    return size.columns or 100, size.lines or 24


def _raise_interrupt(signum, frame) -> None:
    raise KeyboardInterrupt


def make_sink(options: BatchOptions):
    if bool(options.output) == bool(options.out_dir):
        raise BatchUsageError("give exactly one of -o/--output FILE.jsonl[.gz] and --out-dir DIR")
    if options.output:
        if not options.output.endswith((".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz")):
            raise BatchUsageError(f"output {options.output!r} must end in .jsonl or .jsonl.gz")
        return JsonlSink(options.output)
    return TextDirSink(options.out_dir)


def _refuse_other_inputs(recorded: list[str], inputs: list[str], output: str) -> None:
    """Resuming means the same inputs: an output holding records of another input is not appended to unless
    --append says so (a mistyped output name would otherwise mix two corpora)."""
    other = outside_inputs(recorded, inputs)
    if other is not None:
        raise BatchUsageError(f"{output} holds records of an input not given here ({other}); "
                              "give the same inputs to resume, or --append to add these inputs' records to it")


def run_batch(options: BatchOptions, progress: bool = False, log: TextIO | None = None,
              observe: Callable[[InputRecord, str, Any], None] | None = None) -> Counts:
    """Clean every input document into the output; returns the counts. Raises CleanerError (one line) if it cannot run.

    ``log`` receives one-line notes (resuming, a torn end cut) and the summary.
    SIGTERM is treated like Ctrl-C: records already done are flushed, and
    the same command resumes. ``observe(record, status, payload)``, if given, sees each record once it is
    written (``cleaner batch --report`` collects its report this way). With ``options.learn_sites``, a
    first pass over every input counts each host's template lines (:mod:`.sites`), and the evidence is
    added to ``options.settings`` before the first record is cleaned, for a hook that cleans again.
    """
    sink = make_sink(options)
    output = options.output or options.out_dir
    inputs = check_inputs(options.inputs, excluded=[output])
    settings = replace(options.settings, serialize=sink.serialize)
    settings.make_cleaner()  # a broken profile or unknown --profile fails here, once, before any work
    sink.open(check=None if options.append else partial(_refuse_other_inputs, inputs=inputs, output=output))
    if log and sink.resumed:
        log.write(f"cleaner: resuming: {sink.resumed:,} records already in {output}\n")
    if log and sink.cut_bytes:
        log.write(f"cleaner: cut a torn record ({sink.cut_bytes:,} bytes) from the end of {output}\n")
    if options.learn_sites:
        from .sites import with_site_evidence

        settings = with_site_evidence(settings, inputs, options.workers or default_workers(), options.timeout,
                                      options.chunk_docs, excluded=[output], log=log)
        options.settings = replace(options.settings, site_evidence=settings.site_evidence)  # for observe's hook
    counts = Counts()

    def skip(source: Source) -> bool:
        if sink.is_done(source):
            counts.skipped += 1
            return True
        return False

    bar = _Progress(progress, sys.stderr, count_documents(inputs, excluded=[output]) if progress else None)
    records = read_inputs(inputs, skip, settings.max_bytes, excluded=[output],
                          note=lambda message: bar.note(f"cleaner: warning: {message}", log))
    pool = OrderedPool(settings, workers=options.workers or default_workers(), timeout=options.timeout,
                       chunk_docs=options.chunk_docs)
    previous_term = signal.signal(signal.SIGTERM, _raise_interrupt)
    interrupted = False
    try:
        with closing(pool.imap(records)) as results:
            for record, (status, payload) in results:
                try:
                    sink.write(payload, status, record)
                except OSError as exc:
                    raise BatchWriteError(f"cannot write {output!r}: {exc.strerror or exc}") from None
                counts.add(status)
                bar.update(counts)
                if observe is not None:
                    observe(record, status, payload)
    except KeyboardInterrupt:
        interrupted = True
    finally:
        signal.signal(signal.SIGTERM, previous_term)
        bar.close(counts)
        try:
            sink.close()
        except OSError as exc:
            raise BatchWriteError(f"cannot write {output!r}: {exc.strerror or exc}") from None
    if interrupted:
        raise BatchInterrupted(f"interrupted after {counts.documents:,} documents; "
                               "run the same command again to resume")
    if log:
        log.write(f"cleaner: {counts.summary()}\n")
    return counts
