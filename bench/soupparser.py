#!/usr/bin/env python3
"""Would BeautifulSoup (lxml's soupparser) read article text that the cleaner's own parse loses?

Usage: python bench/soupparser.py DATA_DIR [MORE_DIR...]   (needs ``pip install beautifulsoup4``)

For every page with a gold body of 20 words or more (the lockbox left out, as every bench script does):
the share of the gold's words found in the page's visible text as parsed by the cleaner
(:func:`cleaner.html.parse.parse_html`: libxml2 with its repairs) and by ``lxml.html.soupparser``
(BeautifulSoup's ``html.parser``, the usual remedy for markup libxml2 mangles), and each parse's CPU
time. A page where one parse finds 2% more of the gold than the other is a page where that parser helps.
This is why beautifulsoup4 is not a dependency (README, "On a fresh machine").
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections import Counter
from multiprocessing import Pool
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from metric import Page, load_pages  # noqa: E402

_WORD = re.compile(r"\w+")
#: Elements whose text a reader never sees.
_HIDDEN = {"script", "style", "noscript", "template", "head", "title"}
#: How much more of the gold one parse must find on a page to count as helping there.
_MARGIN = 0.02


def _words(text: str) -> Counter:
    return Counter(word.lower() for word in _WORD.findall(text))


def _visible_text(root) -> str:
    """The text of every element but the hidden ones (comments and processing instructions left out too)."""
    pieces: list[str] = []
    stack = [(root, False)]
    while stack:
        element, tail_only = stack.pop()
        if not tail_only:
            tag = element.tag.lower() if isinstance(element.tag, str) else None
            if tag is not None and tag not in _HIDDEN:
                pieces.append(element.text or "")
                stack.append((element, True))
                stack.extend((child, False) for child in reversed(element))
                continue
        pieces.append(element.tail or "")
    return " ".join(pieces)


def _recall(gold: Counter, found: Counter) -> float:
    return sum(min(count, found[word]) for word, count in gold.items()) / sum(gold.values())


def _measure(page: Page) -> tuple[str, float, float, float, float] | None:
    from lxml.html import soupparser

    from cleaner.html.parse import parse_html

    gold = _words(page.truth)
    if sum(gold.values()) < 20:
        return None
    text = page.html()
    start = time.process_time()
    ours = _words(_visible_text(parse_html(text)))
    middle = time.process_time()
    try:
        soup = _words(_visible_text(soupparser.fromstring(text)))
    except Exception:  # noqa: BLE001 - a page BeautifulSoup cannot read counts as nothing found
        soup = Counter()
    end = time.process_time()
    return page.id, _recall(gold, ours), _recall(gold, soup), middle - start, end - middle


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folders", nargs="+")
    parser.add_argument("-j", "--jobs", type=int, default=2)
    args = parser.parse_args()
    pages = [page for folder in args.folders for page in load_pages(folder)
             if (page.folder / f"{page.id}.html").exists() or (page.folder / f"{page.id}.html.gz").exists()]
    with Pool(args.jobs) as pool:
        rows = [row for row in pool.imap_unordered(_measure, pages, chunksize=4) if row is not None]
    count = len(rows)
    print(f"{count} pages with a gold body of 20 words or more")
    print(f"gold words found: the cleaner's parse {sum(r[1] for r in rows) / count:.4f}, "
          f"soupparser {sum(r[2] for r in rows) / count:.4f}")
    print(f"pages where soupparser finds {_MARGIN:.0%} more of the gold: {sum(r[2] >= r[1] + _MARGIN for r in rows)}; "
          f"where the cleaner's parse does: {sum(r[1] >= r[2] + _MARGIN for r in rows)}")
    print(f"parse CPU seconds: the cleaner's {sum(r[3] for r in rows):.1f}, soupparser {sum(r[4] for r in rows):.1f}")
    best = max(rows, key=lambda r: r[2] - r[1])
    print(f"soupparser's best page: {best[0]} (cleaner {best[1]:.3f}, soupparser {best[2]:.3f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
