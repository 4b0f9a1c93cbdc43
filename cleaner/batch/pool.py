"""Worker processes that clean documents in chunks, stop stuck ones, and give results back in input order.

Why not ``concurrent.futures``: a stuck document (a catastrophic regular
expression in a profile holds the GIL, so no signal handler can interrupt it)
can only be stopped by killing its process, and a pool must then know exactly
which document was stuck, fail that one, and give the rest of its chunk to a
fresh worker. So each worker has a pipe and a shared slot holding the
sequence number of the document it is cleaning (a memory write per document,
no system call). The parent watches the slot: when it has not changed for
``timeout`` seconds, the worker is killed and that document becomes an error
record. A worker that dies (segfault, OOM killer) costs the one document in
its slot; a worker that cannot start at all stops the run with a one-line
error. Results travel in batches (at the end of a chunk, or every 50 ms), so
the per-document cost of the machinery stays small when cleaning gets fast.

Sending a chunk only to a worker that has answered its whole previous chunk
rules out the classic pipe deadlock (both sides blocked writing) and means
the parent never blocks writing to a stuck worker.

Memory is bounded: the parent reads input only while fewer than
``window_docs`` documents and ``window_bytes`` bytes are between reading and
being handed back, so a slow document stalls reading instead of buffering
the rest of the input.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import time
from collections import deque
from dataclasses import dataclass, field
from multiprocessing.connection import wait as wait_for_ready
from typing import Any, Callable, Iterable, Iterator

from ..errors import PoolError
from .records import InputRecord
from .work import Outcome, Processor, Settings, failed

#: How long a worker may take to start (import, load profiles) before the run gives up.
STARTUP_SECONDS = 120.0


#: How often a busy worker sends the results it has (besides at the end of each chunk).
SEND_EVERY_SECONDS = 0.05
#: What a worker's slot holds while it is not cleaning a document.
IDLE = -1


def _worker_main(conn, current, settings: Settings, make_processor: Callable[[Settings], Any]) -> None:
    """A worker: build a processor, then clean chunks until told to stop or the parent goes away.

    ``current`` (shared memory) holds the sequence number of the document
    being cleaned, so the parent knows which one to blame if this process
    has to be killed or dies.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    _die_with_parent()
    try:
        processor = make_processor(settings)
    except BaseException as exc:  # noqa: BLE001 - reported to the parent as one line
        conn.send(("fatal", str(exc) or type(exc).__name__))
        return
    conn.send(("ready",))
    while True:
        try:
            chunk = conn.recv()
        except (EOFError, OSError):
            return
        if chunk is None:
            return
        try:
            _clean_chunk(chunk, conn, current, processor)
        except OSError:  # the parent is gone
            return


def _clean_chunk(chunk: list[InputRecord], conn, current, processor) -> None:
    results, last_send = [], time.monotonic()
    for record in chunk:
        current.value = record.seq
        results.append((record.seq, processor.process(record)))
        current.value = IDLE
        if time.monotonic() - last_send >= SEND_EVERY_SECONDS:
            conn.send(("results", results))
            results, last_send = [], time.monotonic()
    if results:
        conn.send(("results", results))


def _die_with_parent() -> None:
    """On Linux, have the kernel kill this worker when its parent dies (even by SIGKILL)."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # not Linux: the closed pipe stops the worker instead
        pass


def _context():
    """forkserver where there is one (fast restarts, safe with threads), else spawn."""
    methods = multiprocessing.get_all_start_methods()
    if "forkserver" in methods:
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["cleaner.batch.work"])
        return context
    return multiprocessing.get_context("spawn")


@dataclass(eq=False)
class _Worker:
    process: Any
    conn: Any
    current: Any                            # shared slot: the seq of the document being cleaned, or IDLE
    started: float
    ready: bool = False
    inflight: deque = field(default_factory=deque)
    watched: int = IDLE                     # the slot's value when the parent last saw it change…
    watched_since: float = 0.0              # …and when that was


def describe_exit(exitcode: int | None) -> str:
    if exitcode is None:
        return "still running"
    if exitcode < 0:
        try:
            return f"killed by {signal.Signals(-exitcode).name}"
        except ValueError:
            return f"killed by signal {-exitcode}"
    return f"exit status {exitcode}"


class OrderedPool:
    """Clean records in ``workers`` processes; :meth:`imap` yields ``(record, outcome)`` in input order."""

    def __init__(self, settings: Settings, workers: int, timeout: float | None = None, chunk_docs: int = 32,
                 chunk_bytes: int = 4 << 20, window_docs: int | None = None, window_bytes: int = 256 << 20,
                 make_processor: Callable[[Settings], Any] = Processor) -> None:
        self.settings = settings
        self.size = max(1, workers)
        self.timeout = timeout if timeout and timeout > 0 else None
        self.chunk_docs = max(1, chunk_docs)
        self.chunk_bytes = chunk_bytes
        self.window_docs = window_docs or max(256, self.size * self.chunk_docs * 8)
        self.window_bytes = window_bytes
        self.make_processor = make_processor
        self.workers: list[_Worker] = []
        self.restarts = 0
        self._context = _context()
        self._queue: deque[InputRecord] = deque()
        self._done: dict[int, tuple[InputRecord, Outcome]] = {}

    # -- public -------------------------------------------------------------------------------------

    def imap(self, records: Iterable[InputRecord]) -> Iterator[tuple[InputRecord, Outcome]]:
        """Every record with its outcome, in the order given; workers are stopped when this ends."""
        source = iter(records)
        exhausted = False
        next_seq = next_out = 0
        held_bytes = 0
        try:
            self.workers = [self._start() for _ in range(self.size)]
            while True:
                while not exhausted and next_seq - next_out < self.window_docs and held_bytes < self.window_bytes:
                    record = next(source, None)
                    if record is None:
                        exhausted = True
                        break
                    record.seq = next_seq
                    next_seq += 1
                    held_bytes += record.size
                    if record.error is not None:
                        self._done[record.seq] = (record, failed(record, record.error, self.settings))
                    else:
                        self._queue.append(record)
                self._dispatch()
                if next_out in self._done:
                    while next_out in self._done:
                        record, outcome = self._done.pop(next_out)
                        next_out += 1
                        held_bytes -= record.size
                        yield record, outcome
                    continue
                if exhausted and next_out == next_seq:
                    return
                self._wait()
        finally:
            self.close()

    def close(self) -> None:
        """Stop every worker: politely, then by force."""
        workers, self.workers = self.workers, []
        for worker in workers:
            try:
                worker.conn.send(None)
            except (OSError, ValueError):
                pass
        deadline = time.monotonic() + 2.0
        for worker in workers:
            worker.process.join(max(0.0, deadline - time.monotonic()))
            if worker.process.is_alive():
                worker.process.kill()
                worker.process.join()
            worker.conn.close()

    # -- workers ------------------------------------------------------------------------------------

    def _start(self) -> _Worker:
        parent_end, child_end = self._context.Pipe(duplex=True)
        current = self._context.RawValue("q", IDLE)
        process = self._context.Process(target=_worker_main,
                                        args=(child_end, current, self.settings, self.make_processor),
                                        name="cleaner-batch-worker", daemon=True)
        process.start()
        child_end.close()  # so the parent sees EOF when the worker dies
        return _Worker(process, parent_end, current, started=time.monotonic())

    def _replace(self, worker: _Worker) -> None:
        worker.process.join(0.5)
        if worker.process.is_alive():
            worker.process.kill()
            worker.process.join()
        worker.conn.close()
        self.workers[self.workers.index(worker)] = self._start()
        self.restarts += 1

    def _dispatch(self) -> None:
        """Give a chunk to every started worker that has nothing left to do."""
        for worker in list(self.workers):
            if not self._queue:
                return
            if not worker.ready or worker.inflight:
                continue
            # a short queue (the end of the input) is shared out evenly rather than given to one worker
            limit = min(self.chunk_docs, -(-len(self._queue) // len(self.workers)))
            chunk, size = [], 0
            while self._queue and len(chunk) < limit and (not chunk or size < self.chunk_bytes):
                record = self._queue.popleft()
                chunk.append(record)
                size += record.size
            try:
                worker.conn.send(chunk)
            except OSError:  # it died while idle: nothing of this chunk was started
                self._queue.extendleft(reversed(chunk))
                self._replace(worker)
                continue
            worker.inflight.extend(chunk)
            worker.watched, worker.watched_since = IDLE, time.monotonic()

    def _wait(self) -> None:
        """Block until a worker answers or dies, or it is time to look at the slots; then enforce deadlines."""
        poll = min(1.0, self.timeout / 4) if self.timeout else 5.0
        handles = {}
        for worker in self.workers:
            handles[worker.conn] = worker
            handles[worker.process.sentinel] = worker
        for handle in wait_for_ready(list(handles), timeout=poll):
            worker = handles[handle]
            if worker in self.workers:
                self._drain(worker)
        self._enforce_deadlines()

    def _drain(self, worker: _Worker) -> None:
        """Take every answer the worker has sent; if it has died, account for the document it was on."""
        try:
            while worker.conn.poll():
                self._receive(worker, worker.conn.recv())
        except (EOFError, OSError):
            self._lost(worker)
            return
        if not worker.process.is_alive():
            self._lost(worker)

    def _receive(self, worker: _Worker, message: tuple) -> None:
        if message[0] == "ready":
            worker.ready = True
        elif message[0] == "fatal":
            raise PoolError(f"a worker could not start: {message[1]}")
        else:
            for seq, outcome in message[1]:
                record = worker.inflight.popleft()
                if record.seq != seq:  # pragma: no cover - a broken invariant, never input-dependent
                    raise RuntimeError(f"worker answered document {seq} for {record.seq}")
                self._done[seq] = (record, outcome)

    def _lost(self, worker: _Worker) -> None:
        """A worker died: the document in its slot fails; the rest of its chunk goes to a new worker."""
        worker.process.join(1.0)
        how = describe_exit(worker.process.exitcode)
        if not worker.ready:
            raise PoolError(f"a worker process ended while starting ({how})")
        self._settle(worker, worker.current.value, f"the worker process died while cleaning this document ({how})")

    def _settle(self, worker: _Worker, culprit: int, reason: str) -> None:
        """After a worker's end: fail the culprit document, requeue its other unanswered ones, replace it."""
        requeue = []
        for record in worker.inflight:
            if record.seq == culprit:
                self._done[record.seq] = (record, failed(record, reason, self.settings))
            else:
                requeue.append(record)
        worker.inflight.clear()
        self._queue.extendleft(reversed(requeue))
        self._replace(worker)

    def _enforce_deadlines(self) -> None:
        now = time.monotonic()
        for worker in list(self.workers):
            if not worker.ready:
                if now - worker.started > STARTUP_SECONDS:
                    raise PoolError(f"a worker process did not start within {STARTUP_SECONDS:g} s")
                continue
            if not self.timeout or not worker.inflight:
                continue
            current = worker.current.value
            if current != worker.watched:
                worker.watched, worker.watched_since = current, now
            elif current != IDLE and now - worker.watched_since > self.timeout:
                self._stop_stuck(worker, current)

    def _stop_stuck(self, worker: _Worker, stuck: int) -> None:
        """Kill a worker whose slot has not moved for the timeout; keep the answers it sent before."""
        worker.process.kill()
        worker.process.join()
        try:
            while worker.conn.poll():
                self._receive(worker, worker.conn.recv())
        except (EOFError, OSError):
            pass
        if worker.current.value != stuck:
            stuck = IDLE  # it finished just in time: blame nobody, redo the rest
        self._settle(worker, stuck, f"timed out after {self.timeout:g} s (the document was stopped)")


def default_workers() -> int:
    """All the cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1
