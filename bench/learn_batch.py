#!/usr/bin/env python3
"""``cleaner batch --learn-sites`` against ``cleaner batch`` on the benchmark folders, each run as one batch.

Each folder's dev pages (the lockbox left out) become one JSONL corpus (id, url from the .json, the
.txt dump as text); the seed sites' fixtures are a corpus too (their gold's site as the URL's host).
The corpus is cleaned twice by the real command, generic fallback only (``--no-profiles``): with and
without ``--learn-sites``. Each page's kept lines are read back from its record's body and scored:

- F1 / P / R: the benchmark's shingle metric (bench/metric.py), over all pages, and over the pages of
  hosts with at least 3 pages in the folder (the only ones template evidence can reach);
- body lines lost: lines bench/linelabels.py marks as body that the plain run kept and the
  --learn-sites run dropped (must be 0); leaked: lines not body that were kept; fixed: leaked lines
  of the plain run that --learn-sites dropped.

Usage: python bench/learn_batch.py [FOLDER...] [--no-seeds] [-j N] [--losses] [--markdown]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from learn_loo import BenchPage, default_folders, folder_pages, seed_pages  # noqa: E402
from linelabels import body_flags  # noqa: E402
from metric import summarise, tp_fp_fn  # noqa: E402

from cleaner.document import Document  # noqa: E402


def write_corpus(pages: list[BenchPage], path: Path) -> None:
    with path.open("w", encoding="utf-8") as handle:
        for page in pages:
            url = page.url or f"https://{page.host}/{page.key}"
            handle.write(json.dumps({"id": page.key, "url": url, "text": page.text}) + "\n")


def run_batch(corpus: Path, output: Path, learn_sites: bool, workers: int) -> float:
    command = [sys.executable, "-m", "cleaner", "batch", str(corpus), "-o", str(output), "--no-profiles", "-q",
               "-j", str(workers)] + (["--learn-sites"] if learn_sites else [])
    started = time.monotonic()
    subprocess.run(command, check=True)
    return time.monotonic() - started


def kept_lines(text: str, body: str) -> list[bool]:
    """Which of the dump's non-blank lines the body holds (its paragraphs are those lines, in order)."""
    paragraphs = body.split("\n\n") if body else []
    kept, j = [], 0
    for line in Document.from_text(text).lines:
        hit = j < len(paragraphs) and paragraphs[j] == line.text
        kept.append(hit)
        j += hit
    return kept


def compare(pages: list[BenchPage], plain: dict, learned: dict, losses: bool) -> dict:
    hosts = Counter(page.host for page in pages)
    row: Counter = Counter()
    scores = {"plain": [], "learned": [], "plain3": [], "learned3": []}
    for page in pages:
        a, b = plain[page.key], learned[page.key]
        lines = [line.text for line in Document.from_text(page.text).lines]
        flags = body_flags(lines, page.truth)
        for name, record in (("plain", a), ("learned", b)):
            score = tp_fp_fn(page.truth, record["body"] or "")
            scores[name].append(score)
            if hosts[page.host] >= 3:
                scores[name + "3"].append(score)
        kept_a, kept_b = kept_lines(page.text, a["body"] or ""), kept_lines(page.text, b["body"] or "")
        for text, flag, ka, kb in zip(lines, flags, kept_a, kept_b):
            row["leaked_plain"] += ka and not flag
            row["leaked_learned"] += kb and not flag
            if flag and ka and not kb:
                row["lost"] += 1
                if losses:
                    print(f"  LOST {page.key} [{page.host}]: {text[:100]!r}")
            row["fixed"] += ka and not kb and not flag
    for key in ("lost", "fixed", "leaked_plain", "leaked_learned"):
        row[key] += 0  # present when zero
    row["pages"] = len(pages)
    row["pages3"] = sum(1 for page in pages if hosts[page.host] >= 3)
    return {**row, **{name: summarise(s) for name, s in scores.items()}}


def read_output(path: Path) -> dict:
    return {record["id"]: record for record in map(json.loads, path.open(encoding="utf-8"))}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folders", nargs="*")
    parser.add_argument("--no-seeds", action="store_true")
    parser.add_argument("-j", "--workers", type=int, default=2)
    parser.add_argument("--losses", action="store_true")
    parser.add_argument("--markdown", action="store_true")
    args = parser.parse_args()
    groups = [(Path(f).name, folder_pages(f)) for f in args.folders or default_folders()]
    if not args.no_seeds:
        groups.append(("seed sites", seed_pages()))
    tmp = Path(tempfile.mkdtemp(prefix="learn-batch-"))
    header = ["corpus", "pages", "pages of hosts with 3+", "F1 plain", "F1 --learn-sites", "F1 plain (3+)",
              "F1 --learn-sites (3+)", "body lines lost", "leaked plain", "leaked --learn-sites", "fixed",
              "seconds plain / --learn-sites"]
    rows = []
    for name, pages in groups:
        corpus = tmp / f"{name.replace(' ', '-')}.jsonl"
        write_corpus(pages, corpus)
        outputs = {}
        seconds = {}
        for learn in (False, True):
            output = tmp / f"{corpus.stem}{'-learned' if learn else ''}.out.jsonl"
            seconds[learn] = run_batch(corpus, output, learn, args.workers)
            outputs[learn] = read_output(output)
        r = compare(pages, outputs[False], outputs[True], args.losses)
        some = r["pages3"] > 0
        rows.append([name, r["pages"], r["pages3"], f"{r['plain']['f1']:.3f}", f"{r['learned']['f1']:.3f}",
                     f"{r['plain3']['f1']:.3f}" if some else "-", f"{r['learned3']['f1']:.3f}" if some else "-",
                     r["lost"], r["leaked_plain"],
                     r["leaked_learned"], r["fixed"], f"{seconds[False]:.1f} / {seconds[True]:.1f}"])
    if args.markdown:
        print("| " + " | ".join(header) + " |\n|" + "---|" * len(header))
        for row in rows:
            print("| " + " | ".join(map(str, row)) + " |")
    else:
        widths = [max(len(str(x)) for x in col) for col in zip(header, *rows)]
        for row in [header] + rows:
            print("  ".join(str(x).rjust(w) for x, w in zip(row, widths)))
    print(f"(load average {os.getloadavg()[0]:.1f}; outputs in {tmp})")


if __name__ == "__main__":
    main()
