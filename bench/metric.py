"""The article-extraction benchmark's shingle metric, and loading a data folder.

Tokens are ``\\w+`` matches; each text becomes a multiset of 4-token
shingles; per page tp/fp/fn are normalised by their sum; precision is the
mean over pages with tp+fp > 0 (empty predictions are not counted), recall
the mean over pages with tp+fn > 0, and F1 = 2PR/(P+R) of the two means.
(As described in the benchmark folder's README.)

``load_pages`` leaves out the lockbox pages (bench/splits.py) unless asked for them.
"""

from __future__ import annotations

import gzip
import json
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from splits import in_split, page_key, site_group

_TOKEN = re.compile(r"\w+")


def shingles(text: str, n: int = 4) -> Counter:
    tokens = _TOKEN.findall(text or "")
    grams = [tuple(tokens[i:i + n]) for i in range(max(1, len(tokens) - n + 1))]
    return Counter(g for g in grams if g)


def tp_fp_fn(truth: str, prediction: str) -> tuple[float, float, float]:
    true, pred = shingles(truth), shingles(prediction)
    tp = sum((true & pred).values())
    fp = sum((pred - true).values())
    fn = sum((true - pred).values())
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def _precision(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fp == 0 else tp / (tp + fp)


def _recall(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fn == 0 else tp / (tp + fn)


def summarise(scores: list[tuple[float, float, float]]) -> dict[str, float]:
    precisions = [_precision(*s) for s in scores if s[0] + s[1] > 0]
    recalls = [_recall(*s) for s in scores if s[0] + s[2] > 0]
    p = sum(precisions) / len(precisions) if precisions else 0.0
    r = sum(recalls) / len(recalls) if recalls else 0.0
    return {"f1": 2 * p * r / (p + r) if p + r else 0.0, "precision": p, "recall": r}


@dataclass
class Page:
    id: str
    truth: str
    url: str | None
    folder: Path
    page_type: str | None = None
    domain: str | None = None

    @property
    def site(self) -> str:
        """The site the page is grouped by in the lockbox and the cross-validation folds."""
        return site_group(self.url, self.domain, page_key(self.folder, self.id))

    def dump(self) -> str:
        return (self.folder / f"{self.id}.txt").read_text(encoding="utf-8")

    def flat(self) -> str:
        return (self.folder / f"{self.id}.flat.txt").read_text(encoding="utf-8")

    def html(self) -> str:
        plain = self.folder / f"{self.id}.html"
        if plain.exists():
            return plain.read_text(encoding="utf-8", errors="replace")
        with gzip.open(self.folder / f"{self.id}.html.gz", "rt", encoding="utf-8", errors="replace") as handle:
            return handle.read()


def page_f1(score: tuple[float, float, float]) -> float:
    tp, fp, fn = score
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def print_worst(pages: list[Page], scores: list[tuple[float, float, float]], label: str, count: int) -> None:
    """The ``count`` pages with the lowest F1, with their tp/fp/fn and address."""
    ranked = sorted(range(len(pages)), key=lambda i: page_f1(scores[i]))
    print(f"\nworst pages for {label}:")
    for i in ranked[:count]:
        tp, fp, fn = scores[i]
        print(f"  {pages[i].id}  F1={page_f1(scores[i]):.3f}  tp={tp:.2f} fp={fp:.2f} fn={fn:.2f}  {pages[i].url or ''}")


def load_pages(folder: str | Path, split: str = "dev") -> list[Page]:
    """The pages of a benchmark folder: ``dev`` (the default) leaves out the lockbox, ``lockbox`` is only
    the lockbox, ``all`` is every page (bench/splits.py)."""
    folder = Path(folder)
    ids_file = folder / "ids.txt"
    if ids_file.exists():
        ids = [line.strip() for line in ids_file.read_text().splitlines() if line.strip()]
    else:
        ids = sorted(p.name[:-5] for p in folder.glob("*.json"))
    pages = []
    for page_id in ids:
        if not in_split(folder, page_id, split):
            continue
        meta = json.loads((folder / f"{page_id}.json").read_text(encoding="utf-8"))
        pages.append(Page(page_id, meta.get("articleBody") or "", meta.get("url"), folder,
                          meta.get("page_type"), meta.get("domain")))
    return pages
