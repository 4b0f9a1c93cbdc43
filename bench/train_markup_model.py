#!/usr/bin/env python3
"""Train the markup model (cleaner/data/markup_model.json) from labelled pages.

Usage: python bench/train_markup_model.py DATA_DIR [DATA_DIR...] [--half A|B] [--out PATH] [--cv]

Each DATA_DIR is a benchmark folder (<id>.html[.gz] and <id>.json with the
true articleBody), e.g. ../shared/bench/wcxb-dev-articles. Needs scikit-learn
(``pip install -e '.[train]'``); the cleaner itself only reads the JSON it writes.

Every page goes through the cleaner's own HTML path (layout, features stage,
trafilatura evidence, feature rows: ``cleaner.html.decide.gather_evidence``),
so the model learns from exactly what it will see. A line's label says
whether its words are in the true article *at that place*: the share of the
4-word shingles touching the line (the benchmark's unit) that the truth holds,
each true shingle used once in reading order — so a hidden second copy of the
article is not article text. Lines are weighted by their words over the
page's true words (the benchmark averages pages, not lines).

The decision threshold is the one that maximises the benchmark's F1 over
out-of-fold predictions (folds by site). ``--half A`` trains on one half of
the sites only, so ``bench/html_accuracy.py DATA_DIR --half B --model OUT``
scores pages and sites the model never saw. ``--cv`` also prints that
site-grouped cross-validated F1.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from html_accuracy import in_half, site_of  # noqa: E402
from metric import load_pages, summarise, tp_fp_fn  # noqa: E402

_TOKEN = re.compile(r"\w+")
THRESHOLDS = [x / 100 for x in range(20, 75, 5)]


def page_examples(page) -> dict | None:
    """The page's lines with their feature rows, labels and weights (None if it cannot be read)."""
    from cleaner.errors import CleanerError
    from cleaner.html import html_to_document, page_root
    from cleaner.html.decide import gather_evidence
    from cleaner.stages.features import FeaturesStage

    try:
        doc = html_to_document(page.html())
    except CleanerError:
        return None
    if not doc.lines or not page.truth.strip():
        return None
    FeaturesStage()(doc)
    rows = gather_evidence(doc, page_root(doc))
    texts = [line.text for line in doc.lines]
    labels, words = shingle_labels(texts, page.truth)
    truth_words = max(50, len(_TOKEN.findall(page.truth)))
    return {"id": page.id, "site": site_of(page), "truth": page.truth, "texts": texts, "rows": rows,
            "labels": labels, "weights": [max(1, n) / truth_words for n in words]}


def shingle_labels(texts: list[str], truth: str) -> tuple[list[float], list[int]]:
    """Per line: the share of 4-token shingles touching it found in the truth (each used once), and its words."""
    true_tokens = _TOKEN.findall(truth)
    available = Counter(tuple(true_tokens[i:i + 4]) for i in range(len(true_tokens) - 3))
    stream: list[str] = []
    owner: list[int] = []
    words = []
    for index, text in enumerate(texts):
        tokens = _TOKEN.findall(text)
        words.append(len(tokens))
        stream.extend(tokens)
        owner.extend([index] * len(tokens))
    good = [0] * len(texts)
    total = [0] * len(texts)
    for start in range(len(stream) - 3):
        shingle = tuple(stream[start:start + 4])
        found = available[shingle] > 0
        if found:
            available[shingle] -= 1
        for index in set(owner[start:start + 4]):
            total[index] += 1
            good[index] += found
    return [good[i] / total[i] if total[i] else 0.0 for i in range(len(texts))], words


def fit(pages: list[dict], args):
    import numpy as np
    from sklearn.ensemble import HistGradientBoostingClassifier

    rows = [row for page in pages for row in page["rows"]]
    labels = [int(label >= 0.5) for page in pages for label in page["labels"]]
    weights = [w for page in pages for w in page["weights"]]
    model = HistGradientBoostingClassifier(max_iter=args.trees, max_depth=args.depth, learning_rate=args.learning_rate,
                                           min_samples_leaf=args.min_leaf, early_stopping=False, random_state=0)
    model.fit(np.array(rows, dtype=float), np.array(labels), sample_weight=np.array(weights))
    return model


def predict(model, pages: list[dict]) -> list[list[float]]:
    import numpy as np

    return [list(model.predict_proba(np.array(page["rows"], dtype=float))[:, 1]) for page in pages]


def page_scores(pages: list[dict], probabilities: list[list[float]], threshold: float) -> list[tuple]:
    outputs = ["\n\n".join(t for t, p in zip(page["texts"], probs) if p >= threshold)
               for page, probs in zip(pages, probabilities)]
    return [tp_fp_fn(page["truth"], out) for page, out in zip(pages, outputs)]


def out_of_fold(pages: list[dict], args, folds: int = 2) -> list[list[float]]:
    """Each page's probabilities from a model trained on the other folds' sites."""
    def fold(page):
        return int(hashlib.sha256(f"markup-fold:{page['site']}".encode()).hexdigest(), 16) % folds

    result: list = [None] * len(pages)
    for k in range(folds):
        train = [p for p in pages if fold(p) != k]
        test = [i for i, p in enumerate(pages) if fold(p) == k]
        model = fit(train, args)
        for i, probs in zip(test, predict(model, [pages[i] for i in test])):
            result[i] = probs
    return result


def export(model, threshold: float, description: str, args) -> dict:
    """The trees as flat arrays (leaf: left = -1) with the base score, in the cleaner's model format."""
    from cleaner.html.features import NAMES
    from cleaner.html.model import MODEL_FORMAT

    trees = []
    for (predictor,) in model._predictors:  # one predictor per iteration for a binary classifier
        nodes = predictor.nodes
        trees.append({
            "feature": [int(n["feature_idx"]) for n in nodes],
            "threshold": [round(float(n["num_threshold"]), 6) for n in nodes],
            "left": [-1 if n["is_leaf"] else int(n["left"]) for n in nodes],
            "right": [-1 if n["is_leaf"] else int(n["right"]) for n in nodes],
            "value": [round(float(n["value"]), 6) for n in nodes],
        })
    return {"format": MODEL_FORMAT, "description": description, "features": list(NAMES),
            "threshold": threshold, "base": float(model._baseline_prediction.ravel()[0]),
            "params": {"trees": args.trees, "depth": args.depth, "learning_rate": args.learning_rate,
                       "min_leaf": args.min_leaf},
            "trees": trees}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("data_dirs", nargs="+", type=Path)
    parser.add_argument("--half", choices=["A", "B"], help="train on the pages of this half of the sites only")
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent.parent / "cleaner" / "data"
                        / "markup_model.json")
    parser.add_argument("--trees", type=int, default=120)
    parser.add_argument("--depth", type=int, default=6)
    parser.add_argument("--learning-rate", type=float, default=0.1)
    parser.add_argument("--min-leaf", type=int, default=40)
    parser.add_argument("--cv", action="store_true", help="print the site-grouped cross-validated F1 too")
    args = parser.parse_args()

    started = time.time()
    pages = []
    for folder in args.data_dirs:
        for page in load_pages(folder):
            if in_half(page, args.half):
                example = page_examples(page)
                if example is not None:
                    pages.append(example)
    print(f"{len(pages)} pages, {sum(len(p['rows']) for p in pages)} lines ({time.time() - started:.0f}s)")

    oof = out_of_fold(pages, args)
    best = max(THRESHOLDS, key=lambda t: summarise(page_scores(pages, oof, t))["f1"])
    if args.cv:
        for t in THRESHOLDS:
            s = summarise(page_scores(pages, oof, t))
            print(f"  threshold {t:.2f}: cross-validated F1 {s['f1']:.4f} P {s['precision']:.4f} R {s['recall']:.4f}")
    print(f"threshold {best:.2f} ({time.time() - started:.0f}s)")

    model = fit(pages, args)
    names = ", ".join(folder.name for folder in args.data_dirs)
    description = f"{len(pages)} pages of {names}" + (f", sites of half {args.half}" if args.half else "")
    args.out.write_text(json.dumps(export(model, best, description, args), separators=(",", ":")) + "\n",
                        encoding="utf-8")
    print(f"wrote {args.out} ({args.out.stat().st_size // 1024} KB, {time.time() - started:.0f}s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
