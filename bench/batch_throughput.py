"""Throughput, scaling and memory of ``cleaner batch``, against in-process ``clean()`` in the same run.

    python bench/batch_throughput.py ../shared/bench/scrapinghub-dev
    python bench/batch_throughput.py ../shared/bench/scrapinghub-dev --docs 20000 --rss-docs 20000,200000

Builds a JSONL corpus by repeating and shuffling the folder's text dumps
(``<id>.txt`` and ``<id>.flat.txt``, with the page URL from ``<id>.json``),
then measures, in one run:

* in rounds, interleaved so that other jobs on the machine weigh on both
  alike: ``clean()`` in this process over a sample of the same corpus (the
  baseline), then ``cleaner batch corpus.jsonl -o out.jsonl -j W`` for each W,
  wall clock of the whole command (start-up, reading, workers, writing);
* the scaling ratio (-j 2 over -j 1) and the batch overhead (1 - batch -j 1
  over in-process);
* CPU time per document of the whole run (the batch process, its fork
  server and workers, from /proc every 0.1 s) against in-process clean():
  the overhead in CPU terms, which other jobs on the machine do not skew;
* the machinery alone (reader, pool, writer; cleaning replaced by nothing),
  the ceiling that batch runs approach as the cleaner gets faster;
* peak RSS of the whole run (the batch process plus its workers, summed,
  sampled from /proc every 0.1 s) as the corpus grows.

Timings on a shared machine are noisy: quote the ratios, which compare
figures measured in the same run, and look at "cores used" (CPU seconds over
wall seconds): with Linux's autogroup scheduling, a session gets its fair
share of the cores when other sessions are busy, however many processes it
runs, and then no worker count can scale past that share. Linux only (/proc)
for the CPU and RSS figures.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path


def load_dumps(folder: Path) -> list[tuple[str, str | None]]:
    """(text, url) of every text dump in the benchmark folder."""
    dumps = []
    for path in sorted(folder.glob("*.txt")):
        if path.name == "ids.txt":
            continue
        page_id = path.name.split(".")[0]
        meta = folder / f"{page_id}.json"
        url = json.loads(meta.read_text(encoding="utf-8")).get("url") if meta.exists() else None
        dumps.append((path.read_text(encoding="utf-8"), url))
    if not dumps:
        sys.exit(f"no .txt dumps in {folder}")
    return dumps


def write_corpus(dumps, count: int, path: Path, seed: int = 7) -> Path:
    """``count`` documents: the dumps repeated and shuffled, one JSON line each."""
    rng = random.Random(seed)
    order: list[int] = []
    with open(path, "w", encoding="utf-8") as handle:
        number = 0
        while number < count:
            order = list(range(len(dumps)))
            rng.shuffle(order)
            for index in order[: count - number]:
                text, url = dumps[index]
                handle.write(json.dumps({"id": f"doc-{number}", "url": url, "text": text}) + "\n")
                number += 1
    return path


def in_process_rate(corpus: Path, docs: int) -> tuple[float, float]:
    """Docs/s and CPU seconds per doc of Cleaner.clean() in this process, over the corpus's first ``docs`` documents."""
    from cleaner import Cleaner

    cleaner = Cleaner()
    rows = []
    with open(corpus, encoding="utf-8") as handle:
        for line, _ in zip(handle, range(docs)):
            rows.append(json.loads(line))
    started, cpu = time.perf_counter(), time.process_time()
    for row in rows:
        cleaner.clean(row["text"], url=row["url"])
    return len(rows) / (time.perf_counter() - started), (time.process_time() - cpu) / len(rows)


_TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def _tree(pid: int) -> list[int]:
    """``pid`` and every process below it (Linux /proc)."""
    found, frontier = [], [pid]
    while frontier:
        current = frontier.pop()
        found.append(current)
        for children in Path(f"/proc/{current}/task").glob("*/children"):
            try:
                frontier.extend(int(c) for c in children.read_text().split())
            except (OSError, ValueError):
                continue
    return found


def _rss_and_cpu(pid: int) -> tuple[int, float]:
    """Resident set size (bytes) and CPU seconds used so far (user + system) of one process."""
    try:
        rss = next(int(line.split()[1]) * 1024 for line in Path(f"/proc/{pid}/status").read_text().splitlines()
                   if line.startswith("VmRSS:"))
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return rss, (int(fields[11]) + int(fields[12])) / _TICKS
    except (OSError, ValueError, StopIteration, IndexError):
        return 0, 0.0


def run_batch(corpus: Path, out: Path, workers: int) -> dict:
    """Run the command; wall time, docs/s, peak RSS (sum over the process tree, and the largest process)."""
    if out.exists():
        out.unlink()
    command = [sys.executable, "-m", "cleaner", "batch", str(corpus), "-o", str(out), "-j", str(workers), "--quiet"]
    peak = {"sum": 0, "largest": 0}
    cpu_by_pid: dict[int, float] = {}
    started = time.perf_counter()
    process = subprocess.Popen(command)
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            total = 0
            for pid in _tree(process.pid):
                rss, cpu = _rss_and_cpu(pid)
                total += rss
                peak["largest"] = max(peak["largest"], rss)
                cpu_by_pid[pid] = max(cpu, cpu_by_pid.get(pid, 0.0))
            peak["sum"] = max(peak["sum"], total)
            done.wait(0.1)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    code = process.wait()
    seconds = time.perf_counter() - started
    done.set()
    sampler.join()
    cpu = sum(cpu_by_pid.values())
    if code != 0:
        sys.exit(f"cleaner batch exited with {code}")
    with open(out, "rb") as handle:
        records = sum(1 for _ in handle)
    return {"workers": workers, "seconds": seconds, "cpu": cpu, "records": records, "peak_rss_sum": peak["sum"],
            "peak_rss_largest": peak["largest"]}


class _NullProcessor:
    """Everything a worker does for a JSONL line except cleaning: parse it, build and serialise a record."""

    def __init__(self, settings) -> None:
        self.settings = settings

    def process(self, record):
        from cleaner.batch.records import ARTICLE
        from cleaner.batch.work import read_jsonl_line, to_json_line

        text = read_jsonl_line(record, self.settings)
        data = dict.fromkeys(("title", "byline", "date", "site", "profile", "language", "error"))
        data.update(id=record.id, url=record.url, source=record.source.to_dict(), body=text[:2000], lines_in=1,
                    lines_kept=1)
        return ARTICLE, to_json_line(data)


def null_processor(settings) -> _NullProcessor:
    return _NullProcessor(settings)


def machinery_rate(corpus: Path, out: Path, workers: int) -> float:
    """Docs/s of the batch machinery alone (reader, pool, JSONL writer) with cleaning replaced by nothing."""
    from cleaner.batch.pool import OrderedPool
    from cleaner.batch.readers import read_inputs
    from cleaner.batch.sinks import JsonlSink
    from cleaner.batch.work import Settings

    out.unlink(missing_ok=True)
    sink = JsonlSink(str(out))
    sink.open()
    pool = OrderedPool(Settings(), workers=workers, timeout=60, make_processor=null_processor)
    started, count = time.perf_counter(), 0
    for record, (status, payload) in pool.imap(read_inputs([str(corpus)], lambda source: False, 1 << 26)):
        sink.write(payload, status, record)
        count += 1
    sink.close()
    return count / (time.perf_counter() - started)


def _mean(values: list[float]) -> float:
    return sum(values) / len(values)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data", type=Path, help="folder of text dumps, e.g. ../shared/bench/scrapinghub-dev")
    parser.add_argument("--docs", type=int, default=20_000, help="documents in the throughput corpus")
    parser.add_argument("--workers", default="1,2", help="worker counts to time, comma-separated")
    parser.add_argument("--rounds", type=int, default=2, help="rounds of (in-process, batch -j W...), interleaved")
    parser.add_argument("--baseline-docs", type=int, default=5_000, help="documents timed in process each round")
    parser.add_argument("--rss-docs", default="20000,200000", help="corpus sizes for the memory runs ('' to skip)")
    parser.add_argument("--rss-workers", type=int, default=2)
    parser.add_argument("--work", type=Path, help="where to put corpora and outputs (default: a temporary folder)")
    args = parser.parse_args()

    dumps = load_dumps(args.data)
    work = args.work or Path(tempfile.mkdtemp(prefix="cleaner-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    print(f"{len(dumps)} distinct dumps from {args.data}; work folder {work}; {os.cpu_count()} cores", flush=True)
    corpus = write_corpus(dumps, args.docs, work / f"corpus-{args.docs}.jsonl")
    worker_counts = [int(w) for w in args.workers.split(",")]

    ratios: dict[int, list[float]] = {w: [] for w in worker_counts}
    cpu_ratios: dict[int, list[float]] = {w: [] for w in worker_counts}
    rates: dict[int, list[float]] = {w: [] for w in worker_counts}
    for number in range(1, args.rounds + 1):
        print(f"round {number}: load average {os.getloadavg()[0]:.2f}", flush=True)
        baseline, baseline_cpu = in_process_rate(corpus, args.baseline_docs)
        print(f"  in-process clean(), {args.baseline_docs:,} docs: {baseline:,.1f} docs/s, "
              f"{baseline_cpu * 1000:.2f} CPU ms/doc, {baseline * baseline_cpu:.2f} cores used", flush=True)
        for workers in worker_counts:
            run = run_batch(corpus, work / "out.jsonl", workers)
            assert run["records"] == args.docs, f"{run['records']} records for {args.docs} documents"
            rate, cpu_per_doc = args.docs / run["seconds"], run["cpu"] / args.docs
            rates[workers].append(rate)
            ratios[workers].append(rate / baseline)
            cpu_ratios[workers].append(cpu_per_doc / baseline_cpu)
            print(f"  cleaner batch -j {workers}, {args.docs:,} docs: {rate:,.1f} docs/s ({run['seconds']:.1f} s), "
                  f"{cpu_per_doc * 1000:.2f} CPU ms/doc over all its processes, {run['cpu'] / run['seconds']:.2f} cores used, "
                  f"peak RSS {run['peak_rss_sum'] / 2**20:,.0f} MiB", flush=True)
    if args.rounds:
        summarise(rates, ratios, cpu_ratios, worker_counts)
        print(f"load average at end: {os.getloadavg()[0]:.2f} (on {os.cpu_count()} cores: above that, others compete)")
        for workers in (1, 2):
            if workers in worker_counts:
                ceiling = machinery_rate(corpus, work / "null.jsonl", workers)
                print(f"  the machinery alone (cleaning replaced by nothing), -j {workers}: {ceiling:,.0f} docs/s",
                      flush=True)
        (work / "null.jsonl").unlink(missing_ok=True)
    measure_memory(args, dumps, corpus, work)


def summarise(rates, ratios, cpu_ratios, worker_counts) -> None:
    print("summary (ratios against the in-process run of the same round, mean over rounds):")
    for workers in worker_counts:
        print(f"  -j {workers}: {_mean(rates[workers]):,.1f} docs/s; wall clock {_mean(ratios[workers]):.2f}x "
              f"in-process; CPU per document {_mean(cpu_ratios[workers]) - 1:+.1%} over in-process")
    if 1 in ratios:
        print(f"  batch overhead at -j 1 (wall clock): {1 - _mean(ratios[1]):+.1%} "
              "(negative: faster than in-process; reading and writing run beside the worker)")
    if 1 in ratios and 2 in ratios:
        scaling = [two / one for one, two in zip(rates[1], rates[2])]
        print(f"  scaling -j 2 / -j 1 (wall clock): {_mean(scaling):.2f}x "
              f"(rounds: {', '.join(f'{value:.2f}' for value in scaling)})")


def measure_memory(args, dumps, corpus: Path, work: Path) -> None:
    """Peak RSS of whole runs as the corpus grows: it should stay flat."""
    for size in (int(s) for s in args.rss_docs.split(",") if s.strip()):
        big = corpus if size == args.docs else write_corpus(dumps, size, work / f"corpus-{size}.jsonl")
        run = run_batch(big, work / "out-rss.jsonl", args.rss_workers)
        assert run["records"] == size
        print(f"peak RSS, {size:,} docs, -j {args.rss_workers}: {run['peak_rss_sum'] / 2**20:,.0f} MiB for the whole "
              f"run (largest process {run['peak_rss_largest'] / 2**20:,.0f} MiB); {size / run['seconds']:,.1f} docs/s",
              flush=True)
        if big != corpus:
            big.unlink()
    (work / "out.jsonl").unlink(missing_ok=True)
    (work / "out-rss.jsonl").unlink(missing_ok=True)


if __name__ == "__main__":
    main()
