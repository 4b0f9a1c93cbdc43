#!/usr/bin/env python3
"""Accuracy and speed of the cleaner on HTML pages, against the extractors users would otherwise pick.

Usage: python bench/html_accuracy.py DATA_DIR [--half A|B] [--systems NAME,...] [--model PATH] [--worst N]
       [--lockbox]

DATA_DIR is a benchmark folder (<id>.html or <id>.html.gz, <id>.json with the
true articleBody), e.g. ../shared/bench/scrapinghub-dev. Every system runs in
this one process on the same pages, each page's HTML given as a string (as
stdin would give it), page by page in turn with the order rotating (so a busy
machine slows all of them alike, and none always reads a page second), and the
F1 and docs/s columns compare like with like.
The anchors: trafilatura (default and favor_precision), readability-lxml and
resiliparse (each skipped with a note when it is not installed).

``--half A|B`` keeps the pages of one half of the *sites* (a site's pages are
never split between halves), for scoring a model trained on the other half:
``bench/train_markup_model.py DATA_DIR --half A --out a.json`` trains on half A, and
``--half B --model a.json`` scores it on pages and sites it never saw.
``--fold-models m0.json,...,m4.json`` pools a K-fold cross-validation in one
row: model i was trained with ``--holdout i/K`` and scores the pages of fold i.
The lockbox pages (bench/lockbox.txt) are left out; ``--lockbox`` scores only them, once, at the end.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import re
import sys
import time
from pathlib import Path
from typing import Callable
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from metric import Page, load_pages, print_worst, summarise, tp_fp_fn  # noqa: E402
from splits import add_lockbox_option, split_of  # noqa: E402

_BLOCK_TAGS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "td", "th", "blockquote", "pre",
               "section", "article", "table", "ul", "ol", "dd", "dt", "figcaption"}


def site_of(page: Page) -> str:
    """The page's site (host without www.), so a site's pages always fall in the same half."""
    host = urlsplit(page.url or "").hostname or page.id
    return host[4:] if host.startswith("www.") else host


def in_half(page: Page, half: str | None) -> bool:
    return site_in_half(site_of(page), half)


def site_fold(site: str, folds: int) -> int:
    """The fold (0 … folds-1) a site falls in; a site's pages are never split between folds."""
    return int(hashlib.sha256(f"cleaner-cv:{site}".encode()).hexdigest(), 16) % folds


def site_in_half(site: str, half: str | None) -> bool:
    """Whether a site falls in half ``A`` (fold 0 of 2) or ``B`` (fold 1 of 2); ``None``: every site is in."""
    if half is None:
        return True
    return site_fold(site, 2) == (0 if half == "A" else 1)


def trafilatura_system(favor_precision: bool) -> Callable[[str, Page], str]:
    import trafilatura

    def run(html: str, page: Page) -> str:  # noqa: ARG001 - every system is given the page
        return trafilatura.extract(html, favor_precision=favor_precision) or ""

    return run


def readability_system(blocks: bool) -> Callable[[str, Page], str]:
    """readability-lxml's summary as text: ``text_content()`` (as the issue's table), or block-aware."""
    from lxml import html as lxml_html
    from readability import Document

    def run(html: str, page: Page) -> str:  # noqa: ARG001 - every system is given the page
        try:
            root = lxml_html.fromstring(Document(html).summary())
        except Exception:  # readability raises on pages it cannot handle; score as empty output
            return ""
        return _html_text(root) if blocks else root.text_content()

    return run


def _html_text(root) -> str:
    """An element's text with block elements on their own lines (words of two blocks never merge)."""
    for element in root.iter():
        if isinstance(element.tag, str) and element.tag in _BLOCK_TAGS:
            element.tail = "\n" + (element.tail or "")
    return re.sub(r"\n\s*\n+", "\n\n", root.text_content()).strip()


def resiliparse_system() -> Callable[[str, Page], str]:
    from resiliparse.extract.html2text import extract_plain_text

    def run(html: str, page: Page) -> str:  # noqa: ARG001 - every system is given the page
        return extract_plain_text(html, main_content=True)

    return run


def cleaner_system(model: Path | None, fold_models: list[Path] | None = None) -> Callable[[str, Page], str]:
    """The cleaner on HTML; with ``fold_models`` (K files), a page of fold i is scored by file i, which
    was trained without fold i's sites (``bench/train_markup_model.py --holdout i/K``)."""
    from cleaner import Cleaner
    from cleaner.errors import CleanerError

    cleaners = [Cleaner(use_profiles=False, markup_model=path) for path in fold_models or [model]]
    # Load-once costs (the model, every stoplist) are not per-document costs: pay them before timing.
    for cleaner in cleaners:
        for warm_up in ("Warm up the stoplists and the model, which are loaded once. ",
                        "Der Stadtrat hat die neuen Radwege für die Altstadt am Mittwoch beschlossen. "):
            cleaner.clean(f"<html><body><p>{warm_up * 20}</p></body></html>")

    def run(html: str, page: Page) -> str:
        cleaner = cleaners[site_fold(site_of(page), len(cleaners)) if fold_models else 0]
        try:
            return cleaner.clean(html, input_format="html").body
        except CleanerError:
            return ""

    return run


def _model_label(args) -> str:
    if args.fold_models:
        return f"{len(args.fold_models)}-fold by site, each page scored by the model trained without its fold"
    return str(args.model or "built-in")


SYSTEMS: dict[str, tuple[str, Callable[[argparse.Namespace], Callable[[str, Page], str]]]] = {
    "trafilatura": ("trafilatura default", lambda a: trafilatura_system(False)),
    "trafilatura-precision": ("trafilatura favor_precision", lambda a: trafilatura_system(True)),
    "readability": ("readability-lxml", lambda a: readability_system(blocks=False)),
    "readability-blocks": ("readability-lxml, block text", lambda a: readability_system(blocks=True)),
    "resiliparse": ("resiliparse main_content", lambda a: resiliparse_system()),
    "cleaner": ("cleaner", lambda a: cleaner_system(a.model, a.fold_models)),
}


def run_systems(systems: list[tuple[str, Callable[[str, Page], str]]], pages: list[Page],
                inputs: list[str]) -> list[dict]:
    """Every system on every page, interleaved page by page so that the machine's load (shared, noisy)
    weighs on all systems alike; each system's time is summed over its own calls.

    The order rotates from page to page (page i starts with system i mod k): the system that reads a
    page second runs measurably faster (about 4% on wcxb, with the page's text already in the caches
    and the collector's state left by the other), so a fixed order would favour whoever goes second."""
    outputs: list[list[str]] = [[] for _ in systems]
    seconds = [0.0] * len(systems)
    for i, (page, html) in enumerate(zip(pages, inputs)):
        for step in range(len(systems)):
            k = (i + step) % len(systems)
            started = time.perf_counter()
            outputs[k].append(systems[k][1](html, page))
            seconds[k] += time.perf_counter() - started
    results = []
    for (label, _), outs, elapsed in zip(systems, outputs, seconds):
        scores = [tp_fp_fn(page.truth, out) for page, out in zip(pages, outs)]
        result = summarise(scores)
        result.update(name=label, seconds=elapsed, docs_per_s=len(pages) / elapsed if elapsed else float("inf"),
                      empty=sum(1 for out in outs if not out.strip()),
                      lost=sum(1 for page, out in zip(pages, outs) if page.truth.strip() and not out.strip()),
                      scores=scores)
        results.append(result)
    return results


def print_by_page_type(pages: list[Page], results: list[dict]) -> None:
    """F1 per ``page_type`` (wcxb-dev-other's forum, product, listing… pages), every system side by side,
    with how many pages of the type each left empty although the truth has text."""
    types = sorted({page.page_type for page in pages if page.page_type})
    if not types:
        return
    print()
    print("| page_type | pages | " + " | ".join(f"{r['name']} F1 (empty)" for r in results) + " |")
    print("|---|---|" + "---|" * len(results))
    for page_type in types:
        at = [i for i, page in enumerate(pages) if page.page_type == page_type]
        cells = []
        for r in results:
            scored = summarise([r["scores"][i] for i in at])
            lost = sum(1 for i in at if pages[i].truth.strip() and r["scores"][i][0] == 0 and r["scores"][i][1] == 0)
            cells.append(f"{scored['f1']:.3f} ({lost})")
        print(f"| {page_type} | {len(at)} | " + " | ".join(cells) + " |")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("--half", choices=["A", "B"], help="score only the pages of one half of the sites")
    parser.add_argument("--systems", default=",".join(SYSTEMS),
                        help="comma-separated; each page is run by all, the order rotating from page to page "
                             f"(default: all of {', '.join(SYSTEMS)})")
    parser.add_argument("--model", type=Path, help="the cleaner uses this markup model file instead of its own")
    parser.add_argument("--fold-models", type=lambda v: [Path(p) for p in v.split(",")], metavar="M0,M1,...",
                        help="K-fold cross-validation by site: the cleaner scores a page of fold i with model i "
                             "(trained with --holdout i/K); every page is held out, and the row pools them")
    parser.add_argument("--worst", type=int, default=0, help="list the N worst pages for the cleaner")
    parser.add_argument("--limit", type=int, default=0, help="only the first N pages (quick checks)")
    add_lockbox_option(parser)
    args = parser.parse_args()

    pages = [p for p in load_pages(args.data_dir, split_of(args)) if in_half(p, args.half)]
    if args.limit:
        pages = pages[:args.limit]
    inputs = [page.html() for page in pages]
    systems = []
    for key in args.systems.split(","):
        label, factory = SYSTEMS[key.strip()]
        try:
            systems.append((label, factory(args)))
        except ImportError as exc:
            print(f"skipped {label}: {exc}", file=sys.stderr)
    results = run_systems(systems, pages, inputs)

    print(f"data: {args.data_dir}  pages: {len(pages)} ({split_of(args)})"
          f"{'  half ' + args.half if args.half else ''}  "
          f"model: {_model_label(args)}  machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}")
    anchor = next((r for r in results if r["name"] == "trafilatura default"), None)
    print(f"| {'system':<28} | {'F1':>5} | {'P':>5} | {'R':>5} | empty | empty, text expected | docs/s "
          "| speed vs trafilatura |")
    print(f"|{'-' * 30}|-------|-------|-------|-------|----------------------|--------|----------------------|")
    for r in results:
        ratio = f"{r['docs_per_s'] / anchor['docs_per_s']:.2f}x" if anchor else "-"
        print(f"| {r['name']:<28} | {r['f1']:.3f} | {r['precision']:.3f} | {r['recall']:.3f} | {r['empty']:>5} | "
              f"{r['lost']:>20} | {r['docs_per_s']:>6.1f} | {ratio:>20} |")
    print_by_page_type(pages, results)
    mine = next((r for r in results if r["name"] == "cleaner"), None)
    if args.worst and mine:
        print_worst(pages, mine["scores"], "the cleaner", args.worst)
    return 0



if __name__ == "__main__":
    sys.exit(main())
