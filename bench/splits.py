#!/usr/bin/env python3
"""Which benchmark pages a bench script may look at: the lockbox, and folds by site.

The **lockbox** (``bench/lockbox.txt``) is about a fifth of the pages of the three shared benchmark
folders, set aside so that one figure at the end measures the cleaner on pages nobody tuned it on.
Every bench script that reads pages through ``metric.load_pages`` leaves them out by default; the
scoring scripts' ``--lockbox`` flag scores only them. Score them **once**, when the work they judge
is done: a figure looked at twice is a figure tuned on.

Pages are grouped by **site**: the registrable domain of the page's URL (``forums.FreeBSD.org`` and
``www.freebsd.org`` are one site; the private suffixes of the public suffix list are not used, so all
``*.substack.com`` or ``*.blogspot.com`` blogs, which share one template, are one site too). A page
without a URL is its ``domain`` field's site, else a site of its own. A site's pages are all in the
lockbox or all out, in every folder, so a template seen in training is never scored as unseen; the
same grouping makes the cross-validation folds (``site_fold``).

The draw (``python bench/splits.py --draw DIR... -o bench/lockbox.txt``) shuffles the sites with a
fixed seed and takes each site in turn when its pages fit under the target of every cell they fall in
(a cell is a folder, or a folder's ``page_type``; target: ``round(share × pages)``), so each folder,
and each page type of wcxb-dev-other, gets about the same share. ``--check`` draws again and compares
with the committed file. The list was drawn once; it is not redrawn when the code changes.

Usage: python bench/splits.py --draw DIR... [-o bench/lockbox.txt] [--seed 1729] [--share 0.2]
       python bench/splits.py --check DIR...
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
from collections import Counter, defaultdict
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

LOCKBOX_FILE = Path(__file__).resolve().parent / "lockbox.txt"
SEED = 1729
SHARE = 0.2
SPLITS = ("dev", "lockbox", "all")


def page_key(folder: str | Path, page_id: str) -> str:
    """A page's name across folders: ``folder-name/id`` (the folder's own name, wherever it lives)."""
    return f"{Path(folder).resolve().name}/{page_id}"


@lru_cache(maxsize=1)
def lockbox_keys() -> frozenset[str]:
    """The ``folder-name/id`` lines of bench/lockbox.txt (comments and blank lines skipped)."""
    if not LOCKBOX_FILE.exists():
        return frozenset()
    lines = LOCKBOX_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


def in_split(folder: str | Path, page_id: str, split: str) -> bool:
    """Whether a page belongs to ``split``: ``dev`` (not in the lockbox), ``lockbox``, or ``all``."""
    if split not in SPLITS:
        raise ValueError(f"unknown split {split!r}; expected one of {', '.join(SPLITS)}")
    if split == "all":
        return True
    return (page_key(folder, page_id) in lockbox_keys()) == (split == "lockbox")


def split_of(args: argparse.Namespace) -> str:
    """The split a script's ``--lockbox`` flag asks for."""
    return "lockbox" if getattr(args, "lockbox", False) else "dev"


def add_lockbox_option(parser: argparse.ArgumentParser) -> None:
    """The one ``--lockbox`` flag every scoring script offers."""
    parser.add_argument("--lockbox", action="store_true",
                        help="score ONLY the lockbox pages (bench/lockbox.txt), once, at the end of a piece of work; "
                             "without it they are left out")


def site_group(url: str | None, domain: str | None = None, fallback: str = "") -> str:
    """The site a page is grouped by: the registrable domain of its URL (see the module docstring)."""
    from tld import get_fld

    host = urlsplit(url or "").hostname or (domain or "").lower()
    if not host:
        return f"page:{fallback}"
    return get_fld(host, fix_protocol=True, fail_silently=True, search_private=False) or host


def site_fold(site: str, folds: int, seed: int = SEED) -> int:
    """The fold (0 … folds-1) of a site: a site's pages are never split between folds."""
    return int(hashlib.sha256(f"cleaner-site-fold:{seed}:{site}".encode()).hexdigest(), 16) % folds


def _page_rows(folders: list[Path]) -> list[tuple[str, str, tuple[str, str]]]:
    """(key, site, cell) of every page of the folders; every page, lockbox or not."""
    rows = []
    for folder in folders:
        for path in sorted(folder.glob("*.json")):
            meta = json.loads(path.read_text(encoding="utf-8"))
            page_id = path.name[:-5]
            site = site_group(meta.get("url"), meta.get("domain"), page_key(folder, page_id))
            rows.append((page_key(folder, page_id), site, (folder.resolve().name, meta.get("page_type") or "")))
    return rows


def draw_lockbox(folders: list[Path], share: float = SHARE, seed: int = SEED) -> list[str]:
    """The lockbox's page keys, drawn by site and stratified by folder and page type (module docstring)."""
    rows = _page_rows(folders)
    cells_of: dict[str, list[tuple[str, str]]] = defaultdict(list)
    keys_of: dict[str, list[str]] = defaultdict(list)
    for key, site, cell in rows:
        cells_of[site].append(cell)
        keys_of[site].append(key)
    target = {cell: round(share * n) for cell, n in Counter(cell for _, _, cell in rows).items()}
    taken: Counter = Counter()
    sites = sorted(cells_of)
    random.Random(seed).shuffle(sites)
    chosen: list[str] = []
    for site in sites:
        need = Counter(cells_of[site])
        if all(taken[cell] + n <= target[cell] for cell, n in need.items()):
            taken.update(need)
            chosen.extend(keys_of[site])
    return sorted(chosen)


def _header(folders: list[Path], share: float, seed: int, keys: list[str]) -> str:
    counts = Counter(key.split("/")[0] for key in keys)
    totals = {folder.resolve().name: len(list(folder.glob("*.json"))) for folder in folders}
    shares = ", ".join(f"{name} {counts[name]}/{totals[name]}" for name in sorted(totals))
    return (
        "# The lockbox: benchmark pages set aside to be scored ONCE, at the end of a piece of work.\n"
        "# Every bench script leaves them out by default (bench/splits.py, metric.load_pages); `--lockbox`\n"
        "# scores only them. Do not look at their dumps, outputs or scores while tuning.\n"
        f"# Drawn once by `python bench/splits.py --draw {' '.join(f.resolve().name for f in folders)}`:\n"
        f"# sites (registrable domain of the URL) shuffled with random.Random({seed}), each taken whole while\n"
        f"# its pages fit under round({share} x pages) of every folder / page_type cell. Pages: {shares}.\n"
        "# Lines: folder-name/id.\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folders", nargs="+", type=Path)
    action = parser.add_mutually_exclusive_group(required=True)
    action.add_argument("--draw", action="store_true", help="draw the lockbox and write it (-o)")
    action.add_argument("--check", action="store_true", help="draw again and compare with bench/lockbox.txt")
    parser.add_argument("-o", "--out", type=Path, default=LOCKBOX_FILE)
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--share", type=float, default=SHARE)
    args = parser.parse_args(argv)

    keys = draw_lockbox(args.folders, args.share, args.seed)
    if args.check:
        same = frozenset(keys) == lockbox_keys()
        print(f"lockbox: {len(keys)} pages drawn, {'the same as' if same else 'DIFFERENT from'} {LOCKBOX_FILE}")
        return 0 if same else 1
    args.out.write_text(_header(args.folders, args.share, args.seed, keys) + "".join(k + "\n" for k in keys),
                        encoding="utf-8")
    print(f"lockbox: {len(keys)} pages -> {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
