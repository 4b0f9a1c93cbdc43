#!/usr/bin/env python3
"""Microseconds per line for the line measures and the boilerplate phrases: Python reference vs native core.

Usage: python bench/native_speed.py DIR [--rounds N]

DIR is a benchmark folder; its ``<id>.txt`` dumps (not ``.flat.txt``) are split into lines as
``Document.from_text`` does and their language detected once (not timed: the core does not detect
languages yet). Then, in each round, in alternating order:

- Python measures: ``Features`` of each distinct line of a dump, as the features stage computes them;
- Python phrases: ``PhraseBook.classify`` of each distinct line, as the phrases stage calls it;
- native measures: ``measure_document`` (one call per dump, every line; the columns stay in the core);
- native phrases: ``classify_phrases`` (one call per dump, given the measures);
- native both: ``analyse_document`` (measures and phrases in one call per dump: the stage-1 figure).

Each timed step gets new str objects for the lines (made untimed), as a new dump brings: the core reads
a str's UTF-8 form, which CPython makes on first request (and keeps) for a non-ASCII str. The native
results stay in the core (a later stage reads them there); the last row also copies every column out.

Prints the median over rounds of CPU time (``time.process_time``) per non-blank line, the ratios, and the
machine's load. Figures, never assertions: run it on a quiet machine, and compare within one run.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def load(folder: Path) -> list[tuple[list[str], frozenset[str], bool]]:
    from cleaner import language
    from cleaner.document import Document
    from cleaner.reading import decode, normalise_newlines

    docs = []
    for path in sorted(folder.glob("*.txt")):
        if path.name.endswith(".flat.txt") or path.name == "ids.txt":
            continue
        lines = [line.text for line in Document.from_text(normalise_newlines(decode(path.read_bytes()))).lines]
        if lines:
            name, char_mode = language.detect(lines)
            docs.append((lines, language.stopwords(name), char_mode))
    return docs


def python_measures(docs) -> list:
    from cleaner.stages.features import Features

    out = []
    for lines, stoplist, char_mode in docs:
        cache: dict = {}
        out.append([cache.get(text) or cache.setdefault(text, Features(text, stoplist, char_mode)) for text in lines])
    return out


def python_phrases(docs, measured) -> None:
    from cleaner.stages.phrases import default_phrasebook

    book = default_phrasebook()
    for (lines, _, _), features in zip(docs, measured):
        cache: dict = {}
        for text, f in zip(lines, features):
            if text not in cache:
                cache[text] = book.classify(text, f.keys, f.words, f.ends_sentence)


def native_measures(docs) -> list:
    from cleaner.native import measure_document

    return [measure_document(lines, stoplist, char_mode) for lines, stoplist, char_mode in docs]


def native_phrases(docs, measured) -> None:
    from cleaner.native import classify_phrases

    for (lines, _, _), measures in zip(docs, measured):
        classify_phrases(lines, measures)


def native_both(docs) -> None:
    from cleaner.native import analyse_document

    for lines, stoplist, char_mode in docs:
        analyse_document(lines, stoplist, char_mode)


def native_both_read(docs) -> None:
    from cleaner.native import FEATURE_FIELDS, analyse_document

    columns = [name for name in FEATURE_FIELDS if name != "content"]
    for lines, stoplist, char_mode in docs:
        measures, _, _ = analyse_document(lines, stoplist, char_mode)
        for name in columns:
            getattr(measures, name)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    from cleaner import native

    if native.core() is None:
        print(f"native_speed: no native core ({native.core_name()})", file=sys.stderr)
        return 2
    docs = load(args.folder)
    lines = sum(len(doc[0]) for doc in docs)
    distinct = sum(len(set(doc[0])) for doc in docs)
    # warm up: every phrase regex either core needs is compiled, stoplists are copied to the core
    py_measured, nat_measured = python_measures(docs), native_measures(docs)
    python_phrases(docs, py_measured)
    native_phrases(docs, nat_measured)
    native_both(docs)

    def timed(function, docs, *arguments) -> float:
        # new str objects each time, as a new dump's lines are: the core reads a str's UTF-8 form, which
        # CPython makes (and keeps) on first request for a non-ASCII str
        fresh = [([(" " + text)[1:] for text in lines], stoplist, char_mode) for lines, stoplist, char_mode in docs]
        start = time.process_time()
        function(fresh, *arguments)
        return time.process_time() - start

    times: dict[str, list[float]] = {name: [] for name in
                                      ("Python measures", "Python phrases", "native measures", "native phrases",
                                       "native both (one call)", "  + columns read back")}
    for round_ in range(args.rounds):
        steps = [("Python measures", python_measures, (docs,)), ("Python phrases", python_phrases, (docs, py_measured)),
                 ("native measures", native_measures, (docs,)), ("native phrases", native_phrases, (docs, nat_measured)),
                 ("native both (one call)", native_both, (docs,)), ("  + columns read back", native_both_read, (docs,))]
        for name, function, arguments in (steps if round_ % 2 == 0 else steps[::-1]):
            times[name].append(timed(function, *arguments))
    per_line = {name: statistics.median(values) / lines * 1e6 for name, values in times.items()}
    load_before = os.getloadavg()
    print(f"{len(docs)} dumps, {lines} non-blank lines ({lines / len(docs):.0f} per dump, {distinct} distinct per dump "
          f"summed), {args.rounds} rounds, CPU time, median; load average {load_before[0]:.2f} {load_before[1]:.2f} "
          f"{load_before[2]:.2f} on {os.cpu_count()} CPUs")
    print(f"{'':<24} {'µs/line':>8}")
    for name, value in per_line.items():
        print(f"{name:<24} {value:>8.2f}")
    python = per_line["Python measures"] + per_line["Python phrases"]
    both = per_line["native both (one call)"]
    print(f"measures: {per_line['Python measures'] / per_line['native measures']:.1f}x, "
          f"phrases: {per_line['Python phrases'] / per_line['native phrases']:.1f}x, "
          f"both: Python {python:.2f} vs native {both:.2f} µs/line ({python / both:.1f}x)")
    per_doc_ms = both * lines / len(docs) / 1000
    print(f"native both: {per_doc_ms:.3f} ms per dump of {lines / len(docs):.0f} lines; the 2,000 dumps/s budget "
          f"(0.5 ms per dump) leaves {0.5 - per_doc_ms:.3f} ms ({(0.5 - per_doc_ms) / (lines / len(docs)) * 1000:.2f} "
          f"µs/line) for everything else")
    return 0


if __name__ == "__main__":
    sys.exit(main())
