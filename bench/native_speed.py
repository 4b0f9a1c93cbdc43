#!/usr/bin/env python3
"""The native core against the Python reference: per line (stage 1), then the whole text path's targets.

Usage: python bench/native_speed.py DIR [MORE_DIR...] [--rounds N] [--sizes 10k,...,50m] [--only lines|path]

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
machine's load.

Then the text path's targets (issue 19), each with baselines from the same run:

- dumps/s on one core (CPU time, in-process, median of rounds) on DIR's ``.txt`` dumps: the text path in
  the core (``pipeline.run_text`` with the core, as ``clean()`` runs a dump with no profile), the Python
  reference (the same without it), the bare C4 line rule, and ``str.splitlines``;
- CPU time per MB from 10 KB to 50 MB, on dumps joined from the dumps of all folders given (DIR and
  MORE_DIR), for the core (the Python reference at the sizes up to 1 MB), beside the same dumps cleaned one by
  one in the core: their ratio is what the size itself costs, apart from what the content costs;
- peak RSS of the CLI on a 10 MB dump, for each core (a fresh interpreter each);
- the CLI's cold start on a dump (wall and CPU, median of 7), for each core, next to ``python -c pass``;
  and on the first dump DIR has that is not in English (the index of all stoplists is built for it).

Figures, never assertions: run it on a quiet machine, and compare within one run.
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
    parser.add_argument("more", type=Path, nargs="*", help="more folders, for the big joined dumps")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--sizes", default="10k,100k,1m,10m,50m")
    parser.add_argument("--only", choices=("lines", "path"))
    args = parser.parse_args()
    from cleaner import native

    if native.core() is None:
        print(f"native_speed: no native core ({native.core_name()})", file=sys.stderr)
        return 2
    if args.only != "path":
        per_line(args)
    if args.only != "lines":
        text_path(args)
    return 0


def per_line(args) -> None:
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


# --- the whole text path -------------------------------------------------------------------------------------

def _load_average() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg()) + f" on {os.cpu_count()} CPUs"


def _rate(function, texts: list[str], rounds: int) -> float:
    """Dumps per CPU second, median of rounds."""
    rates = []
    for _ in range(rounds):
        start = time.process_time()
        for text in texts:
            function(text)
        rates.append(len(texts) / (time.process_time() - start))
    return statistics.median(rates)


def text_path(args) -> None:
    import tempfile

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from accuracy import c4_rule
    from speed import dumps, peak_rss_mb, sized_parts, wall

    from cleaner import language
    from cleaner.native.path import native_path
    from cleaner.pipeline import run_text

    core = native_path()
    if core is None:
        print("native_speed: the text path does not run in the core", file=sys.stderr)
        return
    texts = dumps(args.folder)
    for text in texts:  # warm up: regexes compiled, stoplists read, in both cores
        run_text(text, core=core)
        run_text(text)
    print(f"\nthe text path, {len(texts)} dumps of {args.folder.name} ({sum(map(len, texts)) / len(texts) / 1024:.1f} KB "
          f"on average); load average {_load_average()} before")
    rates = {}
    steps = [("native core", lambda t: run_text(t, core=core)), ("Python reference", run_text),
             ("C4 line rule", c4_rule), ("str.splitlines", str.splitlines)]
    for round_ in range(args.rounds):  # interleaved, so that a change of load falls on every step alike
        for name, function in steps if round_ % 2 == 0 else steps[::-1]:
            rates.setdefault(name, []).append(_rate(function, texts, 1))
    rate = {name: statistics.median(values) for name, values in rates.items()}
    print(f"  dumps/s on one core (CPU time, median of {args.rounds} rounds, interleaved):")
    for name, value in rate.items():
        print(f"    {name:<18} {value:>10.0f}")
    print(f"  native: {rate['native core'] / rate['Python reference']:.1f}x the Python reference (target 12x), "
          f"{rate['native core'] / rate['C4 line rule'] * 100:.1f}% of the C4 rule (target 15%), target 2,000 dumps/s")
    print(f"  load average after: {_load_average()}")

    pool = texts + [text for folder in args.more for text in dumps(folder)]
    sizes = [int(float(s[:-1]) * {"k": 1024, "m": 1024 ** 2}[s[-1].lower()]) for s in args.sizes.split(",")]
    print(f"\n  CPU time per MB (dumps joined from {len(pool)} dumps; one run each, repeated to 1 MB below 1 MB).")
    print("  The small sizes hold the first dumps only, the large ones a mix of every folder, so s/MB moves with")
    print("  the content; 'alone' cleans the same dumps one by one in the core, and joined/alone is the size's own")
    print("  cost (1.00 = linear):")
    print(f"    {'size':>9} {'native s/MB':>12} {'alone s/MB':>11} {'joined/alone':>13} {'Python s/MB':>12}")
    with tempfile.TemporaryDirectory() as tmp:
        ten = None
        for size in sizes:
            parts = sized_parts(pool, size)
            text = "\n\n".join(parts)
            megabytes = len(text.encode("utf-8")) / 1024 ** 2
            repeats = max(1, (1024 ** 2) // max(size, 1))
            figures = []
            for function in (lambda t: run_text(t, core=core), run_text):
                if function is run_text and size > 1024 ** 2:
                    figures.append(None)
                    continue
                start = time.process_time()
                for _ in range(repeats):
                    function(text)
                figures.append((time.process_time() - start) / repeats / megabytes)
            start = time.process_time()
            for _ in range(repeats):
                for part in parts:
                    run_text(part, core=core)
            alone = (time.process_time() - start) / repeats / megabytes
            python = "" if figures[1] is None else f"{figures[1]:.3f}"
            print(f"    {megabytes:>7.2f}MB {figures[0]:>12.3f} {alone:>11.3f} {figures[0] / alone:>13.2f} {python:>12}")
            if ten is None and size >= 10 * 1024 ** 2:
                ten = Path(tmp) / "ten.txt"
                ten.write_text(text, encoding="utf-8")
        cli = [sys.executable, "-m", "cleaner", "--no-profiles"]
        pure = {**os.environ, "CLEANER_PURE_PYTHON": "1"}
        if ten is not None:
            print(f"\n  peak RSS of the CLI on a {ten.stat().st_size / 1024 ** 2:.1f} MB dump (target 100 MB):")
            print(f"    native core {peak_rss_mb(cli, ten):8.1f} MB")
            print(f"    Python      {_peak_rss_pure(cli, ten, pure):8.1f} MB")
        sample = texts[0].encode("utf-8")
        other = next((t for t in texts if language.detect(t.split("\n"))[0] not in ("English", None)), None)
        bare = wall([sys.executable, "-c", "pass"], b"", 7)
        print("\n  cold start (median of 7; wall, CPU user + system; target: python -c pass + 60 ms):")
        print(f"    python -c pass                  {bare[0] * 1000:7.0f} ms {bare[1] * 1000:7.0f} ms")
        for label, stdin in (("an English dump", sample), ("a dump not in English", other.encode() if other else None)):
            if stdin is None:
                continue
            for core_name, env in (("native", None), ("Python", pure)):
                figures = _wall_env(cli, stdin, 7, env, wall)
                print(f"    {core_name:<6} {label:<24} {figures[0] * 1000:7.0f} ms {figures[1] * 1000:7.0f} ms   "
                      f"(+{(figures[0] - bare[0]) * 1000:.0f} ms wall, +{(figures[1] - bare[1]) * 1000:.0f} ms CPU)")


def _peak_rss_pure(cli, path, env) -> float:
    saved = dict(os.environ)
    os.environ.update(env)
    try:
        from speed import peak_rss_mb

        return peak_rss_mb(cli, path)
    finally:
        os.environ.clear()
        os.environ.update(saved)


def _wall_env(cli, stdin, runs, env, wall):
    if env is None:
        return wall(cli, stdin, runs)
    saved = dict(os.environ)
    os.environ.update(env)
    try:
        return wall(cli, stdin, runs)
    finally:
        os.environ.clear()
        os.environ.update(saved)


if __name__ == "__main__":
    sys.exit(main())
