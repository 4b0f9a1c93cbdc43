"""Metadata from HTML: the title, byline and date the cleaner finds, against the page's own, and against
trafilatura's metadata reader in the same run.

    python bench/html_metadata.py ../shared/bench/wcxb-dev-articles [--limit N] [--misses FIELD]

The folder's ``<id>.json`` files give the truth where the annotators found it on the page (``title``,
``author``, ``date``; WCXB has them, scrapinghub-dev does not). For each field the table gives the pages
that state it and, of those, the share each system gets right, gets wrong, or misses; and on the pages
that do not state it, how often a system reports one anyway.

What counts as right, so that a byline or a title is not failed on its punctuation:

- **date**: the same day (``YYYY-MM-DD``; a truth of ``YYYY-MM`` needs the same month);
- **title**: word F1 at least 0.8 against the truth, words case-folded and without punctuation (an SEO
  suffix such as "| Site" costs a little, a different headline fails);
- **byline**: word F1 at least 0.5 (``Dylan Bailey`` for ``Dylan Bailey, MS, RD, FAND``, or one author
  of two, counts; another name does not).

The cleaner runs without site profiles (the generic path, as in ``html_accuracy.py``); trafilatura is
``trafilatura.extract_metadata`` on the same HTML text. The lockbox pages (bench/lockbox.txt) are left
out; ``--lockbox`` scores only them, once, at the end.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from collections import Counter
from pathlib import Path
from typing import Callable

sys.path.insert(0, str(Path(__file__).resolve().parent))

from metric import Page, load_pages  # noqa: E402
from splits import add_lockbox_option, split_of  # noqa: E402

FIELDS = ("title", "byline", "date")
#: The truth file's key for each field.
TRUTH_KEYS = {"title": "title", "byline": "author", "date": "date"}
_WORD = re.compile(r"\w+")


def words(text: str) -> list[str]:
    return _WORD.findall(unicodedata.normalize("NFKC", text).casefold())


def word_f1(truth: str, found: str) -> float:
    expected, got = Counter(words(truth)), Counter(words(found))
    common = sum((expected & got).values())
    if not common:
        return 0.0
    precision, recall = common / sum(got.values()), common / sum(expected.values())
    return 2 * precision * recall / (precision + recall)


def is_right(field: str, truth: str, found: str) -> bool:
    if field == "date":
        return found[:len(truth)] == truth if len(truth) >= 7 else False
    return word_f1(truth, found) >= (0.8 if field == "title" else 0.5)


def cleaner_reader() -> Callable[[str, Page], dict[str, str | None]]:
    from cleaner import Cleaner
    from cleaner.errors import CleanerError

    cleaner = Cleaner(use_profiles=False)

    def read(html: str, page: Page) -> dict[str, str | None]:
        try:
            article = cleaner.clean(html, url=page.url, input_format="html")
        except CleanerError:
            return {}
        return {"title": article.title, "byline": article.byline, "date": article.date}

    return read


def trafilatura_reader() -> Callable[[str, Page], dict[str, str | None]]:
    from trafilatura import extract_metadata

    def read(html: str, page: Page) -> dict[str, str | None]:
        found = extract_metadata(html, default_url=page.url)
        if found is None:
            return {}
        return {"title": found.title, "byline": found.author, "date": found.date}

    return read


READERS = {"cleaner": cleaner_reader, "trafilatura": trafilatura_reader}


def truth_of(page: Page) -> dict[str, str | None]:
    meta = json.loads((page.folder / f"{page.id}.json").read_text(encoding="utf-8"))
    return {field: (meta.get(TRUTH_KEYS[field]) or None) for field in FIELDS}


def tally(truths: list[dict], found: list[dict]) -> dict[str, Counter]:
    """Per field: right / wrong / missed on pages stating it, invented / silent on pages that do not."""
    counts = {field: Counter() for field in FIELDS}
    for truth, got in zip(truths, found):
        for field in FIELDS:
            expected, value = truth[field], (got.get(field) or "").strip()
            if expected:
                counts[field]["right" if value and is_right(field, expected, value) else
                              "wrong" if value else "missed"] += 1
            else:
                counts[field]["invented" if value else "silent"] += 1
    return counts


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("--limit", type=int, default=0, help="only the first N pages (quick checks)")
    parser.add_argument("--misses", choices=FIELDS, help="list the cleaner's wrong and missed values of a field")
    add_lockbox_option(parser)
    args = parser.parse_args()

    pages = load_pages(args.data_dir, split_of(args))
    if args.limit:
        pages = pages[:args.limit]
    truths = [truth_of(page) for page in pages]
    if not any(any(truth.values()) for truth in truths):
        print(f"{args.data_dir}: no page states a title, author or date in its .json; nothing to score")
        return 1
    readers = {name: factory() for name, factory in READERS.items()}
    found: dict[str, list[dict]] = {name: [] for name in readers}
    for page in pages:
        html = page.html()
        for name, read in readers.items():
            found[name].append(read(html, page))

    print(f"data: {args.data_dir}  pages: {len(pages)}")
    print("| field | pages stating it | system | right | wrong | missed | reported where not stated |")
    print("|---|---|---|---|---|---|---|")
    for field in FIELDS:
        for name in readers:
            c = tally(truths, found[name])[field]
            stated = c["right"] + c["wrong"] + c["missed"]
            unstated = c["invented"] + c["silent"]
            right, wrong, missed = (f"{c[k] / stated:.1%}" if stated else "-" for k in ("right", "wrong", "missed"))
            print(f"| {field} | {stated} | {name} | {right} | {wrong} | {missed} | {c['invented']} of {unstated} |")
    if args.misses:
        print(f"\nthe cleaner's {args.misses} where it is not right (id: truth | found):")
        for page, truth, got in zip(pages, truths, found["cleaner"]):
            expected, value = truth[args.misses], got.get(args.misses) or ""
            if expected and not (value and is_right(args.misses, expected, value)):
                print(f"  {page.id}: {expected!r} | {value!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
