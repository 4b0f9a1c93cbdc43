#!/usr/bin/env python3
"""How well a whole site pasted into one file is cleaned: the pages of a benchmark folder joined into one dump.

Usage: python bench/pasted_site.py DATA_DIR [MORE_DIR...]

The pages (shuffled, a blank line between them) make one text dump; each page's body is read back from
the dump's line decisions and scored against the page's gold with the benchmark's shingle metric.
Three ways are compared, all with the generic cleaner (no profiles):
- each page cleaned alone (what the joined dump should come close to);
- the joined dump cleaned whole, as one document (as the cleaner did before pasted sites were windowed);
- the joined dump cleaned as the cleaner does now (window by window: see WHOLE_DUMP_LINES in
  cleaner/document.py).
"labels as alone" is the share of lines labelled as when their page is cleaned alone.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from metric import Page, load_pages, summarise, tp_fp_fn  # noqa: E402

from cleaner import pipeline  # noqa: E402
from cleaner.api import Cleaner  # noqa: E402
from cleaner.document import BODY, Document  # noqa: E402


def joined_dump(pages: list[Page]) -> tuple[str, list[str], list[tuple[int, int]]]:
    """The dump, each page's text, and each page's [first, end) line numbers in it."""
    texts = [page.dump().strip("\n") for page in pages]
    spans, number = [], 1
    for text in texts:
        lines = text.count("\n") + 1
        spans.append((number, number + lines))
        number += lines + 1  # the blank line between pages
    return "\n\n".join(texts) + "\n", texts, spans


def by_page(decisions, spans: list[tuple[int, int]]) -> tuple[list[str], dict[int, str]]:
    """Each page's body from the dump's decisions, and every line's label by its number."""
    bodies: list[list[str]] = [[] for _ in spans]
    labels: dict[int, str] = {}
    page = 0
    for decision in decisions:
        while decision.number >= spans[page][1]:
            page += 1
        labels[decision.number] = decision.label
        if decision.label == BODY:
            bodies[page].append(decision.text)
    return ["\n\n".join(body) for body in bodies], labels


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folders", nargs="+")
    parser.add_argument("--seed", type=int, default=7, help="the order of the pages")
    args = parser.parse_args()
    pages = [page for folder in args.folders for page in load_pages(folder)]
    random.Random(args.seed).shuffle(pages)
    dump, texts, spans = joined_dump(pages)
    print(f"{len(pages)} pages joined: {len(dump) / 1e6:.1f} MB, {dump.count(chr(10)):,} lines")
    cleaner = Cleaner(use_profiles=False)
    runs: dict[str, tuple[list[str], dict[int, str], float]] = {}

    started = time.process_time()
    bodies, alone = [], {}
    for (first, _), text in zip(spans, texts):
        article = cleaner.clean(text)
        bodies.append(article.body)
        alone.update((d.number + first - 1, d.label) for d in article.decisions)
    runs["each page alone"] = (bodies, alone, time.process_time() - started)

    started = time.process_time()
    doc = Document.from_text(dump)
    doc.large = True
    runs["joined, whole document"] = (*by_page(pipeline.run(doc).decisions, spans), time.process_time() - started)

    started = time.process_time()
    runs["joined, as cleaned now"] = (*by_page(cleaner.clean(dump).decisions, spans), time.process_time() - started)

    print(f"{'':24} {'F1':>6} {'P':>6} {'R':>6} {'labels as alone':>16} {'CPU s':>6}")
    for name, (bodies, labels, seconds) in runs.items():
        score = summarise([tp_fp_fn(page.truth, body) for page, body in zip(pages, bodies)])
        agree = sum(labels.get(number) == label for number, label in alone.items()) / len(alone)
        print(f"{name:24} {score['f1']:.4f} {score['precision']:.4f} {score['recall']:.4f} {agree:16.4f} {seconds:6.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
