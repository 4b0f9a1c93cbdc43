#!/usr/bin/env python3
"""Speed, cold start, scaling and memory of the text path, with baselines from the same run.

Usage: python bench/speed.py DATA_DIR [MORE_DIR...] [--rounds 3] [--sizes 10k,100k,1m,10m]

DATA_DIR holds <id>.txt dumps (e.g. ../shared/bench/scrapinghub-dev); docs/s are
measured on it. The big dumps for scaling and memory are made by joining the
dumps of all the folders given (more folders: fewer repeated lines, which is
what a real 10 MB dump looks like; repeated lines share their measurements). Prints:
- in-process documents per second for `Cleaner.clean()` on the dumps, one core,
  next to the C4 line rule timed in the same run;
- the CLI's cold start on one dump (median of several runs), next to a bare
  `python -c pass` and `python -c "import click"` measured in the same run;
- time per MB for dumps of growing size (made by joining distinct dumps);
- peak resident memory of the CLI on the largest dump, next to a tiny one.
Timings on a shared machine are noisy: read the ratios, not the absolutes.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from accuracy import c4_rule  # noqa: E402


def dumps(folder: Path) -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))
            if not p.name.endswith(".flat.txt") and p.name != "ids.txt"]


def docs_per_second(function, texts: list[str], rounds: int) -> float:
    best = 0.0
    for _ in range(rounds):
        started = time.perf_counter()
        for text in texts:
            function(text)
        best = max(best, len(texts) / (time.perf_counter() - started))
    return best


def wall(command: list[str], stdin: bytes, runs: int) -> tuple[float, float]:
    """Median wall-clock and median CPU (user + system) seconds of a command.

    On a busy shared machine the wall clock mostly measures waiting for a core;
    the CPU time is what the command itself costs, and what a quiet machine shows.
    """
    times, cpu = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        subprocess.run(command, input=stdin, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        times.append(time.perf_counter() - started)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    return statistics.median(times), statistics.median(cpu)


def peak_rss_mb(command: list[str], path: Path) -> float:
    """Peak RSS of one child process (a fresh interpreter per measurement)."""
    runner = ("import resource,subprocess,sys;"
              "f=open(sys.argv[1],'rb');"
              "subprocess.run(sys.argv[2:],stdin=f,stdout=subprocess.DEVNULL,stderr=subprocess.DEVNULL);"
              "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    out = subprocess.run([sys.executable, "-c", runner, str(path), *command], capture_output=True, text=True, check=True)
    return int(out.stdout.strip()) / 1024


def sized_parts(texts: list[str], size: int) -> list[str]:
    """The dumps (in order, cycling) that :func:`sized_dump` joins to reach ``size`` bytes."""
    parts, total, i = [], 0, 0
    while total < size:
        text = texts[i % len(texts)]
        parts.append(text)
        total += len(text.encode("utf-8")) + 2
        i += 1
    return parts


def sized_dump(texts: list[str], size: int) -> str:
    return "\n\n".join(sized_parts(texts, size))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("more_dirs", type=Path, nargs="*", help="more dumps for the big joined dumps")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--sizes", default="10k,100k,1m,10m")
    args = parser.parse_args()

    from cleaner import Cleaner

    texts = dumps(args.data_dir)
    cleaner = Cleaner(use_profiles=False)
    cleaner.clean(texts[0])  # load-once costs (stoplists, phrases, model) are not per-document costs
    average_kb = sum(len(t.encode("utf-8")) for t in texts) / len(texts) / 1024
    cleaner_rate = docs_per_second(lambda t: cleaner.clean(t), texts, args.rounds)
    profiled = Cleaner()
    profiled_rate = docs_per_second(lambda t: profiled.clean(t), texts, args.rounds)
    c4_rate = docs_per_second(c4_rule, texts, args.rounds)
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}, Python {sys.version.split()[0]}")
    print(f"\nin-process, one core, {len(texts)} dumps of {average_kb:.1f} KB on average (best of {args.rounds}):")
    print(f"  cleaner, generic fallback   {cleaner_rate:8.0f} docs/s")
    print(f"  cleaner, with profiles      {profiled_rate:8.0f} docs/s")
    print(f"  C4 line rule (anchor)       {c4_rate:8.0f} docs/s   (cleaner is {c4_rate / cleaner_rate:.1f}x slower)")

    sample = texts[0].encode("utf-8")
    cli = [sys.executable, "-m", "cleaner"]
    python_alone = wall([sys.executable, "-c", "pass"], b"", 7)
    with_click = wall([sys.executable, "-c", "import click"], b"", 7)
    cold = wall(cli, sample, 7)
    print("\ncold start (median of 7 runs, one dump on stdin; wall clock, and CPU time user + system):")
    print(f"  python -c pass              {python_alone[0]:6.3f} s wall  {python_alone[1]:6.3f} s CPU")
    print(f"  python -c 'import click'    {with_click[0]:6.3f} s wall  {with_click[1]:6.3f} s CPU")
    print(f"  python -m cleaner < dump    {cold[0]:6.3f} s wall  {cold[1]:6.3f} s CPU   "
          f"({cold[0] - python_alone[0]:.3f} s wall over a bare interpreter)")

    pool = texts + [text for folder in args.more_dirs for text in dumps(folder)]
    sizes = [int(float(s[:-1]) * {"k": 1024, "m": 1024 ** 2}[s[-1].lower()]) for s in args.sizes.split(",")]
    distinct = len(set("\n".join(pool).split("\n")))
    print(f"\nscaling (one clean() per size, time per MB; big dumps joined from {len(pool)} dumps, "
          f"{distinct:,} distinct lines):")
    with tempfile.TemporaryDirectory() as tmp:
        largest = None
        for size in sizes:
            text = sized_dump(pool, size)
            started = time.perf_counter()
            repeats = max(1, (1024 ** 2) // max(size, 1))
            for _ in range(repeats):
                cleaner.clean(text)
            seconds = (time.perf_counter() - started) / repeats
            megabytes = len(text.encode("utf-8")) / 1024 ** 2
            print(f"  {megabytes:8.2f} MB   {seconds:8.3f} s   {seconds / megabytes:6.3f} s/MB")
            largest = Path(tmp) / "largest.txt"
            largest.write_text(text, encoding="utf-8")
        tiny = Path(tmp) / "tiny.txt"
        tiny.write_text(texts[0], encoding="utf-8")
        print("\npeak resident memory of the CLI:")
        print(f"  one {average_kb:.0f} KB dump        {peak_rss_mb(cli, tiny):6.1f} MB")
        print(f"  the {largest.stat().st_size / 1024 ** 2:.0f} MB dump          {peak_rss_mb(cli, largest):6.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
