#!/usr/bin/env python3
"""Metadata on both paths in one run: the title, byline and date the cleaner finds in a page's HTML and in
its text dump, against the page's own, and against trafilatura's metadata reader on the same HTML.

    python bench/metadata.py ../shared/bench/wcxb-dev-articles [--flat] [--limit N] [-j N] [--markdown]
    python bench/metadata.py ../shared/bench/wcxb-dev-articles --misses byline --path text [--sample N]
    python bench/metadata.py --gold fixtures --gold ../shared/seeds [--markdown]

**Benchmark folders.** The folder's ``<id>.json`` files give the truth where the annotators found it on the
page (``title``, ``author``, ``date``; WCXB has them, scrapinghub-dev does not). The systems, each on every
page: the cleaner on the page's HTML (``cleaner HTML``), the cleaner on the text dump ``<id>.txt``
(``cleaner text``; ``--flat`` adds the ``<id>.flat.txt`` dump as ``cleaner flat``), and trafilatura's
``extract_metadata`` on the same HTML (``trafilatura HTML``). The cleaner runs without site profiles (the
generic path, as in ``html_accuracy.py`` and ``cv_text.py``), given the page's URL. For each field the table
gives the pages that state it and, of those, the share each system gets right / wrong / misses; and on the
pages that state none, how many a system reports one on anyway.

What counts as right, so that a byline or a title is not failed on its punctuation:

- **date**: the same day (``YYYY-MM-DD``; a truth of ``YYYY-MM`` needs the same month). A value that does
  not begin with an ISO date (a date the reader could not parse) is wrong;
- **title**: word F1 at least 0.8 against the truth, words NFKC-normalised, case-folded and without
  punctuation (an SEO suffix such as "| Site" costs a little, a different headline fails);
- **byline**: word F1 at least 0.5 (``Dylan Bailey`` for ``Dylan Bailey, MS, RD, FAND``, or one author of
  two, counts; another name does not).

``--misses FIELD --path html|text|flat`` prints a sample of the pages where that path's value is wrong or
missed: the page id, the truth, the cleaner's value and trafilatura's (for diagnosis; never tune on one page).

The lockbox pages (bench/lockbox.txt) are left out; ``--lockbox`` scores only them, once, at the end.
``--half tune`` / ``--half held`` keeps one half of the sites (``splits.site_fold`` of the registrable
domain, 2 folds): rules are tuned on the ``tune`` half and reported on the ``held`` half, whose pages the
tuning never looked at.

**Gold files** (``--gold DIR``, repeatable): every ``*.gold.json`` under DIR with its dump ``<name>.txt``
beside it (the seeds and the fixtures: ``title``, ``byline``, ``date``, null where the dump shows none).
The cleaner reads the dump as a user runs it (site profiles on) and on the generic path (``--no-profiles``);
a field is right only when it is the gold value exactly, after whitespace normalisation. The table counts
exact / wrong / missed and reported-where-none, and each dump with a field that is not exact is listed with
the gold and the found value. A dump found twice (the seeds are also fixtures) is scored once.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import sys
import unicodedata
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable

sys.path.insert(0, str(Path(__file__).resolve().parent))

from metric import Page, load_pages  # noqa: E402
from splits import add_lockbox_option, site_fold, split_of  # noqa: E402

FIELDS = ("title", "byline", "date")
#: The benchmark truth file's key for each field.
TRUTH_KEYS = {"title": "title", "byline": "author", "date": "date"}
#: What a system did with a field: on pages stating it, and on pages stating none.
STATED_OUTCOMES = ("right", "wrong", "missed")
UNSTATED_OUTCOMES = ("reported", "silent")
_WORD = re.compile(r"\w+")
_ISO_DAY = re.compile(r"^\s*(\d{4}-\d{2}(?:-\d{2})?)(?![\d-])")

Fields = dict[str, "str | None"]
Reader = Callable[[Page], Fields]


# ---------------------------------------------------------------------------------------------- scoring

def words(text: str) -> list[str]:
    """A name's or title's words: NFKC, case-folded, punctuation dropped (so "O’Neil," matches "o’neil")."""
    return _WORD.findall(unicodedata.normalize("NFKC", text).casefold())


def word_f1(truth: str, found: str) -> float:
    expected, got = Counter(words(truth)), Counter(words(found))
    common = sum((expected & got).values())
    if not common:
        return 0.0
    # (2PR / (P + R) reduced to one division of whole numbers: the product of two rounded quotients gave
    # 0.7999999999999999 for 6 of 7 words against 6 of 8, and failed a title at exactly 0.8)
    return 2 * common / (sum(got.values()) + sum(expected.values()))


def iso_day(text: str) -> str | None:
    """The ``YYYY-MM-DD`` (or ``YYYY-MM``) a value begins with, the time and zone dropped; None when the
    value does not begin with an ISO date."""
    found = _ISO_DAY.match(text or "")
    return found.group(1) if found else None


def is_right(field: str, truth: str, found: str) -> bool:
    """The benchmark's definition of right (module docstring)."""
    if field == "date":
        expected, got = iso_day(truth), iso_day(found)
        return bool(expected and got and len(got) >= len(expected) and got[:len(expected)] == expected)
    return word_f1(truth, found) >= (0.8 if field == "title" else 0.5)


def normalise_space(text: str) -> str:
    return " ".join(text.split())


def is_exact(field: str, truth: str, found: str) -> bool:
    """The gold files' definition of right: the same text after whitespace normalisation."""
    return normalise_space(truth) == normalise_space(found)


def outcome(field: str, truth: str | None, found: str | None,
            judge: Callable[[str, str, str], bool] = is_right) -> str:
    """right / wrong / missed where the truth states the field; reported / silent where it states none."""
    value = (found or "").strip()
    if truth:
        return "missed" if not value else "right" if judge(field, truth, value) else "wrong"
    return "reported" if value else "silent"


def tally(truths: list[Fields], found: list[Fields],
          judge: Callable[[str, str, str], bool] = is_right) -> dict[str, Counter]:
    """Per field, how many pages fall in each outcome."""
    counts = {field: Counter() for field in FIELDS}
    for truth, got in zip(truths, found):
        for field in FIELDS:
            counts[field][outcome(field, truth.get(field), got.get(field), judge)] += 1
    return counts


# ---------------------------------------------------------------------------------------------- tables

def share_cell(counts: Counter) -> str:
    """``right / wrong / missed`` as shares of the pages stating the field."""
    stated = sum(counts[k] for k in STATED_OUTCOMES)
    if not stated:
        return "-"
    return " / ".join(f"{counts[k] / stated:.3f}" for k in STATED_OUTCOMES)


def count_cell(counts: Counter) -> str:
    return " / ".join(str(counts[k]) for k in STATED_OUTCOMES)


def score_table(systems: list[str], tallies: dict[str, dict[str, Counter]],
                cell: Callable[[Counter], str] = share_cell, what: str = "right / wrong / missed") -> list[list[str]]:
    """Rows of the table: one per field (its pages stating it), then one per field for the pages stating
    none (how many of them a system reports a value on)."""
    first = tallies[systems[0]]
    rows = [[f"field ({what})", *systems]]
    for field in FIELDS:
        stated = sum(first[field][k] for k in STATED_OUTCOMES)
        rows.append([f"{field} ({stated})", *(cell(tallies[s][field]) for s in systems)])
    for field in FIELDS:
        unstated = sum(first[field][k] for k in UNSTATED_OUTCOMES)
        rows.append([f"{field} reported where none ({unstated})",
                     *(str(tallies[s][field]["reported"]) for s in systems)])
    return rows


def format_table(rows: list[list[str]], markdown: bool) -> str:
    """A header row and its rows, as a markdown table or as aligned plain columns."""
    if markdown:
        lines = ["| " + " | ".join(rows[0]) + " |", "|" + "---|" * len(rows[0])]
        return "\n".join(lines + ["| " + " | ".join(row) + " |" for row in rows[1:]])
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return "\n".join("  ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip() for row in rows)


# ---------------------------------------------------------------------------------------------- readers

def cleaner_reader(kind: str, use_profiles: bool = False) -> Callable[[str, str | None], Fields]:
    """The cleaner's title, byline and date of a dump (``kind`` ``html`` or ``text``); an input it refuses
    is a page with no metadata."""
    from cleaner import Cleaner
    from cleaner.errors import CleanerError

    cleaner = Cleaner(use_profiles=use_profiles)

    def read(text: str, url: str | None) -> Fields:
        try:
            article = cleaner.clean(text, url=url, input_format=kind)
        except CleanerError:
            return {}
        return {"title": article.title, "byline": article.byline, "date": article.date}

    return read


def trafilatura_reader() -> Callable[[str, str | None], Fields]:
    from trafilatura import extract_metadata

    def read(html: str, url: str | None) -> Fields:
        found = extract_metadata(html, default_url=url)
        if found is None:
            return {}
        return {"title": found.title, "byline": found.author, "date": found.date}

    return read


#: The systems of a benchmark run: name → (input of the page it reads, how to make its reader).
SYSTEMS: dict[str, tuple[str, Callable[[], Callable[[str, str | None], Fields]]]] = {
    "cleaner HTML": ("html", lambda: cleaner_reader("html")),
    "cleaner text": ("txt", lambda: cleaner_reader("text")),
    "cleaner flat": ("flat", lambda: cleaner_reader("text")),
    "trafilatura HTML": ("html", trafilatura_reader),
}
#: ``--path`` of ``--misses``: which of the cleaner's systems to list.
PATHS = {"html": "cleaner HTML", "text": "cleaner text", "flat": "cleaner flat"}

_readers: dict[str, Callable[[str, str | None], Fields]] = {}


def read_page(job: tuple[Page, tuple[str, ...]]) -> dict[str, Fields]:
    """Every system's fields for one page (a worker's unit: the readers are built once per process)."""
    page, systems = job
    inputs = {"html": page.html, "txt": page.dump, "flat": page.flat}
    texts: dict[str, str] = {}
    found = {}
    for name in systems:
        kind, factory = SYSTEMS[name]
        if name not in _readers:
            _readers[name] = factory()
        if kind not in texts:
            texts[kind] = inputs[kind]()
        found[name] = _readers[name](texts[kind], page.url)
    return found


def read_all(pages: list[Page], systems: tuple[str, ...], jobs: int) -> list[dict[str, Fields]]:
    work = [(page, systems) for page in pages]
    if jobs <= 1:
        return [read_page(job) for job in work]
    from multiprocessing import Pool

    with Pool(jobs) as pool:
        return pool.map(read_page, work, chunksize=4)


def truth_of(page: Page) -> Fields:
    meta = json.loads((page.folder / f"{page.id}.json").read_text(encoding="utf-8"))
    return {field: (meta.get(TRUTH_KEYS[field]) or None) for field in FIELDS}


# ---------------------------------------------------------------------------------------------- runs

def print_misses(field: str, system: str, pages: list[Page], truths: list[Fields],
                 found: list[dict[str, Fields]], sample: int, seed: int = 1729) -> None:
    """A sample (fixed seed) of the pages where ``system`` gets ``field`` wrong or misses it."""
    bad = [(page.id, outcome(field, truth[field], got[system].get(field)), truth[field], got)
           for page, truth, got in zip(pages, truths, found)
           if outcome(field, truth[field], got[system].get(field)) in ("wrong", "missed")]
    shown = sorted(random.Random(seed).sample(bad, min(sample, len(bad))))
    print(f"\n{system}: {field} not right on {len(bad)} pages; {len(shown)} of them "
          f"(id  outcome  truth | {system} | trafilatura HTML):")
    for page_id, result, truth, got in shown:
        other = got.get("trafilatura HTML", {}).get(field)
        print(f"  {page_id}  {result:6}  {truth!r} | {got[system].get(field)!r} | {other!r}")


#: ``--half``: the fold (of 2, by site) each name keeps.
HALVES = {"tune": 0, "held": 1}


def in_half(page: Page, half: str | None) -> bool:
    """Whether the page's site falls in ``half`` (every page when ``half`` is None)."""
    return half is None or site_fold(page.site, 2) == HALVES[half]


def run_benchmark(args: argparse.Namespace) -> int:
    pages = [page for page in load_pages(args.data_dir, split_of(args)) if in_half(page, args.half)]
    if args.limit:
        pages = pages[:args.limit]
    truths = [truth_of(page) for page in pages]
    if not any(any(truth.values()) for truth in truths):
        print(f"{args.data_dir}: no page states a title, author or date in its .json; nothing to score")
        return 1
    systems = tuple(name for name in SYSTEMS if args.flat or name != "cleaner flat")
    if args.misses and PATHS[args.path] not in systems:
        print(f"--path {args.path} needs --flat", file=sys.stderr)
        return 2
    found = read_all(pages, systems, args.jobs)
    tallies = {name: tally(truths, [got[name] for got in found]) for name in systems}
    half = f", {args.half} half of the sites" if args.half else ""
    print(f"data: {args.data_dir} ({split_of(args)}{half})  pages: {len(pages)}")
    print(format_table(score_table(list(systems), tallies), args.markdown))
    if args.misses:
        print_misses(args.misses, PATHS[args.path], pages, truths, found, args.sample)
    return 0


@dataclass
class GoldDump:
    name: str
    dump: Path
    gold: Fields


def gold_dumps(folders: Iterable[Path]) -> list[GoldDump]:
    """Every ``*.gold.json`` with its ``.txt`` dump under the folders, a dump's bytes scored once."""
    seen: set[str] = set()
    dumps = []
    for folder in folders:
        for path in sorted(folder.rglob("*.gold.json")):
            dump = path.with_name(path.name[:-len(".gold.json")] + ".txt")
            if not dump.exists():
                continue
            digest = hashlib.sha256(dump.read_bytes()).hexdigest()
            if digest in seen:
                continue
            seen.add(digest)
            gold = json.loads(path.read_text(encoding="utf-8"))
            name = f"{folder.name}/{dump.relative_to(folder).with_suffix('')}"
            dumps.append(GoldDump(name, dump, {field: gold.get(field) or None for field in FIELDS}))
    return dumps


GOLD_SYSTEMS = {"cleaner text, profiles": True, "cleaner text, generic": False}


def run_gold(args: argparse.Namespace) -> int:
    dumps = gold_dumps(args.gold)
    if not dumps:
        print(f"no *.gold.json with a .txt dump beside it under {', '.join(map(str, args.gold))}")
        return 1
    readers = {name: cleaner_reader("text", use_profiles) for name, use_profiles in GOLD_SYSTEMS.items()}
    truths = [d.gold for d in dumps]
    found = {name: [read(d.dump.read_text(encoding="utf-8"), None) for d in dumps] for name, read in readers.items()}
    tallies = {name: tally(truths, found[name], is_exact) for name in readers}
    print(f"gold dumps: {len(dumps)} (exact after whitespace normalisation)")
    print(format_table(score_table(list(readers), tallies, count_cell, "exact / wrong / missed"), args.markdown))
    for name in readers:
        print(f"\n{name}: fields not exact (dump  field  outcome  gold | found)")
        faults = 0
        for d, got in zip(dumps, found[name]):
            for field in FIELDS:
                result = outcome(field, d.gold[field], got.get(field), is_exact)
                if result in ("wrong", "missed", "reported"):
                    faults += 1
                    print(f"  {d.name}  {field}  {result}  {d.gold[field]!r} | {got.get(field)!r}")
        if not faults:
            print("  none")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("data_dir", type=Path, nargs="?", help="a benchmark folder (<id>.json truth)")
    parser.add_argument("--gold", type=Path, action="append", metavar="DIR",
                        help="score the *.gold.json dumps under DIR instead (repeatable)")
    parser.add_argument("--flat", action="store_true", help="also the cleaner on the <id>.flat.txt dumps")
    parser.add_argument("--limit", type=int, default=0, help="only the first N pages (quick checks)")
    parser.add_argument("-j", "--jobs", type=int, default=1, help="worker processes (default 1)")
    parser.add_argument("--markdown", action="store_true", help="print the table as markdown")
    parser.add_argument("--misses", choices=FIELDS, help="list a sample of pages where a field is wrong or missed")
    parser.add_argument("--path", choices=tuple(PATHS), default="text", help="whose misses (default text)")
    parser.add_argument("--sample", type=int, default=30, help="how many of them --misses lists (default 30)")
    parser.add_argument("--half", choices=tuple(HALVES),
                        help="only the sites of one half (by registrable domain): tune on one, report the other")
    add_lockbox_option(parser)
    args = parser.parse_args(argv)
    if args.gold:
        return run_gold(args)
    if args.data_dir is None:
        parser.error("give a benchmark folder or --gold DIR")
    return run_benchmark(args)


if __name__ == "__main__":
    sys.exit(main())
