"""Throughput, scaling and memory of ``cleaner batch``, against in-process ``clean()`` in the same run.

    python bench/batch_throughput.py ../shared/bench/scrapinghub-dev
    python bench/batch_throughput.py ../shared/bench/scrapinghub-dev --docs 20000 --rss-docs 20000,200000

Builds a JSONL corpus by repeating and shuffling the folder's text dumps
(``<id>.txt`` and ``<id>.flat.txt``, with the page URL from ``<id>.json``),
then measures, in one run:

* ``clean()`` in this process over a sample of the same corpus, before and
  after the batch runs (the baseline; the mean of the two is used);
* ``cleaner batch corpus.jsonl -o out.jsonl -j W`` for each W, wall clock of
  the whole command (start-up, reading, workers, writing), as docs/s;
* the scaling ratio (-j 2 over -j 1) and the batch overhead (1 - batch -j 1
  over in-process);
* CPU time per document of the whole run (the batch process, its fork
  server and workers, from /proc every 0.1 s) against in-process clean():
  the overhead in CPU terms, which other jobs on the machine do not skew;
* peak RSS of the whole run (the batch process plus its workers, summed,
  sampled from /proc every 0.1 s) as the corpus grows.

Timings on a shared machine are noisy: quote the ratios, which compare
figures measured in the same run. Linux only (/proc) for the RSS figures.
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data", type=Path, help="folder of text dumps, e.g. ../shared/bench/scrapinghub-dev")
    parser.add_argument("--docs", type=int, default=20_000, help="documents in the throughput corpus")
    parser.add_argument("--workers", default="1,2", help="worker counts to time, comma-separated")
    parser.add_argument("--baseline-docs", type=int, default=5_000, help="documents timed in process, before and after")
    parser.add_argument("--rss-docs", default="20000,200000", help="corpus sizes for the memory runs ('' to skip)")
    parser.add_argument("--rss-workers", type=int, default=2)
    parser.add_argument("--work", type=Path, help="where to put corpora and outputs (default: a temporary folder)")
    args = parser.parse_args()

    dumps = load_dumps(args.data)
    work = args.work or Path(tempfile.mkdtemp(prefix="cleaner-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    print(f"{len(dumps)} distinct dumps from {args.data}; work folder {work}; {os.cpu_count()} cores")
    corpus = write_corpus(dumps, args.docs, work / f"corpus-{args.docs}.jsonl")

    print(f"load average at start: {os.getloadavg()[0]:.2f}")
    before, before_cpu = in_process_rate(corpus, args.baseline_docs)
    print(f"in-process clean(), {args.baseline_docs:,} docs: {before:,.1f} docs/s, {before_cpu * 1000:.2f} CPU ms/doc (before)")
    runs = []
    for workers in (int(w) for w in args.workers.split(",")):
        run = run_batch(corpus, work / "out.jsonl", workers)
        assert run["records"] == args.docs, f"{run['records']} records for {args.docs} documents"
        run["rate"] = args.docs / run["seconds"]
        runs.append(run)
        print(f"cleaner batch -j {workers}, {args.docs:,} docs: {run['rate']:,.1f} docs/s ({run['seconds']:.1f} s), "
              f"{run['cpu'] / args.docs * 1000:.2f} CPU ms/doc (all processes), "
              f"peak RSS {run['peak_rss_sum'] / 2**20:,.0f} MiB")
    after, after_cpu = in_process_rate(corpus, args.baseline_docs)
    baseline, baseline_cpu = (before + after) / 2, (before_cpu + after_cpu) / 2
    print(f"in-process clean(), {args.baseline_docs:,} docs: {after:,.1f} docs/s, {after_cpu * 1000:.2f} CPU ms/doc (after); "
          f"mean {baseline:,.1f} docs/s, {baseline_cpu * 1000:.2f} CPU ms/doc")
    print(f"load average at end: {os.getloadavg()[0]:.2f} (on {os.cpu_count()} cores: above that, others compete)")

    by_workers = {run["workers"]: run for run in runs}
    for workers, run in by_workers.items():
        cpu_per_doc = run["cpu"] / args.docs
        print(f"-j {workers}: wall-clock {run['rate'] / baseline:.2f}x in-process; "
              f"CPU overhead {cpu_per_doc / baseline_cpu - 1:+.1%} over in-process clean()")
    if 1 in by_workers:
        print(f"batch overhead at -j 1 (wall clock): {1 - by_workers[1]['rate'] / baseline:+.1%} "
              "(negative: faster than in-process, the reading and writing run beside the worker)")
    if 1 in by_workers and 2 in by_workers:
        print(f"scaling -j 2 / -j 1 (wall clock): {by_workers[2]['rate'] / by_workers[1]['rate']:.2f}x")

    sizes = [int(s) for s in args.rss_docs.split(",") if s.strip()]
    for size in sizes:
        big = corpus if size == args.docs else write_corpus(dumps, size, work / f"corpus-{size}.jsonl")
        run = run_batch(big, work / "out-rss.jsonl", args.rss_workers)
        assert run["records"] == size
        print(f"peak RSS, {size:,} docs, -j {args.rss_workers}: {run['peak_rss_sum'] / 2**20:,.0f} MiB for the whole "
              f"run (largest process {run['peak_rss_largest'] / 2**20:,.0f} MiB); {size / run['seconds']:,.1f} docs/s")
        if big != corpus:
            big.unlink()
    (work / "out.jsonl").unlink(missing_ok=True)
    (work / "out-rss.jsonl").unlink(missing_ok=True)


if __name__ == "__main__":
    main()
