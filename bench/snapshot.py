#!/usr/bin/env python3
"""A snapshot of everything the cleaner decides, to prove that a change does not alter output.

Usage::

    python bench/snapshot.py DIR... -o before.jsonl [--reasons] [--no-profiles] [--no-urls] [-j N]
    python bench/snapshot.py --compare before.jsonl after.jsonl [--show N]

Each DIR is a benchmark folder (``<id>.txt``, ``<id>.flat.txt``, ``<id>.html`` or ``<id>.html.gz``) or a
fixtures folder (searched recursively for ``*.txt`` and ``*.html`` dumps, ``*.expected.txt`` left out).
A dump is cleaned with its page's address when one is given (a fixture's ``<name>.url``, a benchmark page's
``<id>.json`` ``url``; ``--no-urls`` leaves the benchmark's out), as a user passing ``--url`` would.
Every dump gives one JSON record: its path, the input kind (``txt``, ``flat``, ``html``), the body, title,
byline, date, site, profile, language, and every line's label (one letter a line: ``b`` body, ``t`` title,
``y`` byline, ``d`` date, ``x`` boilerplate, ``?`` undecided), or the error it raised. ``--reasons`` adds
every line's reason as worded for ``--explain`` and the stage that decided it (for changes that must keep
the wording too; a refactor that renames stages compares without it).

``--compare`` prints, for every dump whose record differs, which fields differ (and the first lines that
changed label), then one summary line; it exits 0 when the snapshots are identical, 1 otherwise. Records
are matched by path, so snapshots taken from two checkouts of the same data compare. A snapshot covers
every dump, the lockbox pages (bench/lockbox.txt) too, so that "identical" holds for all of them; but the
comparison only counts the lockbox dumps that differ, without naming them or showing how.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from splits import lockbox_keys  # noqa: E402

_LETTER = {"body": "b", "title": "t", "byline": "y", "date": "d", "boilerplate": "x", "unknown": "?"}
_FIELDS = ("error", "body", "title", "byline", "date", "site", "profile", "language", "labels", "reasons", "stages")


def dumps_in(folder: Path) -> list[tuple[str, str]]:
    """(path, kind) of every dump in a benchmark folder or a fixtures tree, in a stable order."""
    found: list[tuple[str, str]] = []
    for path in sorted(folder.rglob("*")):
        name = path.name
        if not path.is_file() or name.endswith((".expected.txt", ".gold.txt")):
            continue
        if name.endswith(".flat.txt"):
            found.append((str(path), "flat"))
        elif name.endswith(".txt") and name not in ("ids.txt",):
            found.append((str(path), "txt"))
        elif name.endswith((".html", ".htm", ".html.gz")):
            found.append((str(path), "html"))
    return found


def _read(path: str) -> bytes:
    if path.endswith(".gz"):
        with gzip.open(path, "rb") as handle:
            return handle.read()
    return Path(path).read_bytes()


def _url_for(path: str, bench_urls: bool = True) -> str | None:
    """The page's address as a user would pass it: a fixture's ``.url`` file, as ``cleaner check`` reads it,
    else (``bench_urls``) the ``url`` of a benchmark page's ``<id>.json``.

    Why the benchmark's too: the site profile, the site's name and the rules that read the address (a host
    that names the author, a date in the path) only run with an address; a snapshot taken without them could
    not see a change to those rules. ``--no-urls`` takes the old, address-less snapshot."""
    base = path
    for suffix in (".flat.txt", ".txt", ".html.gz", ".html", ".htm"):
        if base.endswith(suffix):
            base = base[: -len(suffix)]
            break
    url_file = Path(base + ".url")
    if url_file.exists():
        return url_file.read_text(encoding="utf-8").strip()
    page_file = Path(base + ".json")
    if bench_urls and page_file.exists():
        try:
            url = json.loads(page_file.read_text(encoding="utf-8")).get("url")
        except (OSError, ValueError, AttributeError):
            return None
        return url if isinstance(url, str) and url else None
    return None


_CLEANER = None


def _record(job: tuple[str, str, str, bool, bool, bool]) -> dict:
    global _CLEANER
    path, name, kind, reasons, use_profiles, bench_urls = job
    from cleaner import Cleaner
    from cleaner.errors import CleanerError

    if _CLEANER is None:
        _CLEANER = Cleaner(use_profiles=use_profiles)
    record: dict = {"path": name, "kind": kind}
    try:
        url = _url_for(path, bench_urls)
        article = _CLEANER.clean(_read(path), url=url, input_format="html" if kind == "html" else "text")
    except CleanerError as error:
        record["error"] = f"{type(error).__name__}: {error}"
        return record
    record.update(body=article.body, title=article.title, byline=article.byline, date=article.date,
                  site=article.site, profile=article.profile, language=article.language)
    decisions = article.decisions
    record["labels"] = "".join(_LETTER.get(d.label, "?") for d in decisions)
    if reasons:
        record["reasons"] = [d.reason for d in decisions]
        record["stages"] = [d.stage for d in decisions]
    return record


def take(folders: list[str], out: str, reasons: bool, use_profiles: bool, workers: int,
         bench_urls: bool = True) -> int:
    jobs = []
    for folder in folders:
        root = Path(folder)
        if not root.is_dir():
            print(f"snapshot: not a folder: {folder}", file=sys.stderr)
            return 2
        label = root.resolve().name if root.resolve().name != "fixtures" else "fixtures"
        for path, kind in dumps_in(root):
            name = f"{label}/{Path(path).relative_to(root)}"
            jobs.append((path, name, kind, reasons, use_profiles, bench_urls))
    with open(out, "w", encoding="utf-8") as sink:
        if workers <= 1:
            results = map(_record, jobs)
            for record in results:
                sink.write(json.dumps(record, ensure_ascii=False) + "\n")
        else:
            with ProcessPoolExecutor(workers) as pool:
                for record in pool.map(_record, jobs, chunksize=8):
                    sink.write(json.dumps(record, ensure_ascii=False) + "\n")
    print(f"snapshot: {len(jobs)} dumps -> {out} ({_which_core()})", file=sys.stderr)
    return 0


def _which_core() -> str:
    """Which core cleaned the text dumps: a core that refuses the rules leaves the output identical (the
    reference runs instead), so a snapshot alone cannot tell a refactor that broke the core's path."""
    from cleaner import native
    from cleaner.native import path as native_path

    if native.core() is None:
        return f"Python reference: {native.core_name()}"
    refused = native_path._path()[1]
    return f"native core refused the text path, Python reference ran: {refused}" if refused else "native core"


def _load(path: str) -> dict[tuple[str, str], dict]:
    with open(path, encoding="utf-8") as handle:
        return {(r["path"], r["kind"]): r for r in map(json.loads, handle)}


def _in_lockbox(path: str) -> bool:
    """Whether a record's path (``folder-name/<id>.txt`` …) is a lockbox page's dump."""
    for suffix in (".flat.txt", ".txt", ".html.gz", ".html"):
        if path.endswith(suffix):
            return path[: -len(suffix)] in lockbox_keys()
    return False


def compare(before_path: str, after_path: str, show: int) -> int:
    before, after = _load(before_path), _load(after_path)
    differing = 0
    shown = 0
    hidden = 0
    for key in sorted(before.keys() | after.keys()):
        old, new = before.get(key), after.get(key)
        if _in_lockbox(key[0]):
            if old is None or new is None or any(old.get(f) != new.get(f) for f in _FIELDS):
                differing += 1
                hidden += 1
            continue
        if old is None or new is None:
            differing += 1
            if shown < show:
                print(f"{key[0]} [{key[1]}]: only in {'the second' if old is None else 'the first'} snapshot")
                shown += 1
            continue
        fields = [f for f in _FIELDS if old.get(f) != new.get(f)]
        if not fields:
            continue
        differing += 1
        if shown >= show:
            continue
        shown += 1
        print(f"{key[0]} [{key[1]}]: {', '.join(fields)} differ")
        if "labels" in fields and old.get("labels") and new.get("labels"):
            changed = [i for i, (a, b) in enumerate(zip(old["labels"], new["labels"])) if a != b]
            print(f"    {len(changed)} line(s) relabelled, first at decisions {changed[:8]}")
        for field in ("title", "byline", "date", "error"):
            if field in fields:
                print(f"    {field}: {old.get(field)!r} -> {new.get(field)!r}")
        if "reasons" in fields and old.get("reasons") and new.get("reasons"):
            for i, (a, b) in enumerate(zip(old["reasons"], new["reasons"])):
                if a != b:
                    print(f"    first reason change, decision {i}: {a!r} -> {b!r}")
                    break
    total = len(before.keys() | after.keys())
    locked = f" ({hidden} of them lockbox dumps, not shown)" if hidden else ""
    print(f"{total} dumps compared: {differing} differ{locked}" if differing else f"{total} dumps compared: identical")
    return 1 if differing else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="*", help="benchmark or fixtures folders")
    parser.add_argument("-o", "--out", help="where to write the snapshot (JSONL)")
    parser.add_argument("--reasons", action="store_true", help="record every line's reason too")
    parser.add_argument("--no-profiles", action="store_true", help="the generic fallback only")
    parser.add_argument("--no-urls", action="store_true",
                        help="clean benchmark pages without the url of their <id>.json (snapshots before 2026-12-06)")
    parser.add_argument("-j", "--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--compare", nargs=2, metavar=("BEFORE", "AFTER"), help="compare two snapshots")
    parser.add_argument("--show", type=int, default=30, help="with --compare: how many differing dumps to list")
    args = parser.parse_args(argv)
    if args.compare:
        try:
            return compare(*args.compare, show=args.show)
        except (OSError, ValueError, KeyError) as error:
            print(f"snapshot: cannot compare {' and '.join(args.compare)}: {error}", file=sys.stderr)
            return 2
    if not args.folders or not args.out:
        parser.error("give the folders to snapshot and -o FILE (or --compare BEFORE AFTER)")
    return take(args.folders, args.out, args.reasons, not args.no_profiles, args.workers, not args.no_urls)


if __name__ == "__main__":
    sys.exit(main())
