#!/usr/bin/env python3
"""Train the markup model (cleaner/data/markup_model.json) from labelled pages.

Usage: python bench/train_markup_model.py DATA_DIR [DATA_DIR...] [--half A|B | --holdout I/K] [--out PATH] [--cv]

Each DATA_DIR is a benchmark folder (<id>.html[.gz] and <id>.json with the
true articleBody), e.g. ../shared/bench/wcxb-dev-articles. Needs scikit-learn
(``pip install -e '.[train]'``); the cleaner itself only reads the JSON it writes.

Every page goes through the cleaner's own HTML path (layout, features stage,
trafilatura evidence, feature rows: ``cleaner.html.decide.page_evidence`` and
``trafilatura_coverage``),
so the model learns from exactly what it will see. A line's label says
whether its words are in the true article *at that place*: the share of the
4-word shingles touching the line (the benchmark's unit) that the truth holds,
each true shingle used once in reading order — so a hidden second copy of the
article is not article text. Lines are weighted by their words over the
page's true words (the benchmark averages pages, not lines).

Two ensembles are trained: one on the page's markup alone, one with
trafilatura's evidence too (the cleaner asks trafilatura only when the first
leaves the page in doubt). Their decision thresholds maximise the
benchmark's F1 over out-of-fold predictions (``--inner-folds``, default five
folds by site: models trained on four fifths of the pages are about as sure as
the final one, where two halves' models were less so and pulled the thresholds
down), first each on every page, then each again on the cascade as the cleaner
runs it (the markup one decides only the pages not in doubt); ``consult_above``,
the share of a page's words in doubt above which trafilatura is asked, is the
largest that costs at most ``--tolerance`` of that cross-validated F1 (default 0.003: each page
trafilatura is asked about costs about as much time as trafilatura's own extraction, and the cleaner is
meant to be no slower than trafilatura; the cascade at the largest cut tried is now within it, and
asking on one page in five instead of one in eight would add about 0.001). ``--half A`` trains
on one half of the sites only, so ``bench/html_accuracy.py DATA_DIR --half B
--model OUT`` scores pages and sites the model never saw; ``--holdout I/K`` trains without
fold I of K's sites, for a K-fold figure (``html_accuracy.py --fold-models``). ``--cv`` also prints
the site-grouped cross-validated F1 for each choice. The lockbox pages (bench/lockbox.txt) are never
trained on.
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

from html_accuracy import site_fold, site_in_half, site_of  # noqa: E402
from metric import load_pages, summarise, tp_fp_fn  # noqa: E402
from splits import lockbox_keys  # noqa: E402

_TOKEN = re.compile(r"\w+")
THRESHOLDS = [x / 100 for x in range(20, 75, 5)]
KINDS = ("markup", "consulted")
CUTS = [0.0, 0.01, 0.02, 0.03, 0.05, 0.075, 0.1, 0.15, 0.2, 0.3]
DOUBT_BAND = (0.1, 0.9)


def page_examples(page) -> dict | None:
    """The page's lines with both kinds of feature rows (``markup``: the page alone, ``consulted``: with
    trafilatura's columns), labels and weights (None if it cannot be read)."""
    from cleaner.errors import CleanerError
    from cleaner.html import html_to_document, page_root
    from cleaner.html.decide import page_evidence, trafilatura_coverage
    from cleaner.html.features import coverage_rows
    from cleaner.stages.features import FeaturesStage

    try:
        doc = html_to_document(page.html())
    except CleanerError:
        return None
    if not doc.lines or not page.truth.strip():
        return None
    FeaturesStage()(doc)
    root = page_root(doc)
    own = page_evidence(doc, root)
    consulted = coverage_rows(doc.lines, trafilatura_coverage(doc, root))
    texts = [line.text for line in doc.lines]
    labels, words = shingle_labels(texts, page.truth)
    truth_words = max(50, len(_TOKEN.findall(page.truth)))
    return {"id": page.id, "site": site_of(page), "truth": page.truth, "texts": texts,
            "consulted": [a + b for a, b in zip(own, consulted)], "markup": own,
            "words": [line.features.words for line in doc.lines],
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


def fit(pages: list[dict], kind: str, args):
    """The ensemble for one kind of rows: ``markup`` (the page alone) or ``consulted`` (with trafilatura's)."""
    import numpy as np
    from sklearn.ensemble import HistGradientBoostingClassifier

    rows = [row for page in pages for row in page[kind]]
    labels = [int(label >= 0.5) for page in pages for label in page["labels"]]
    weights = [w * page.get("factor", 1.0) for page in pages for w in page["weights"]]
    model = HistGradientBoostingClassifier(max_iter=args.trees, max_depth=args.depth, learning_rate=args.learning_rate,
                                           min_samples_leaf=args.min_leaf, max_features=args.max_features,
                                           l2_regularization=args.l2, early_stopping=False, random_state=0)
    model.fit(np.array(rows, dtype=float), np.array(labels), sample_weight=np.array(weights))
    return model


def predict(model, pages: list[dict], kind: str) -> list[list[float]]:
    import numpy as np

    return [list(model.predict_proba(np.array(page[kind], dtype=float))[:, 1]) for page in pages]


def page_scores(pages: list[dict], probabilities: list[list[float]], thresholds) -> list[tuple]:
    """Each page's tp/fp/fn for these probabilities (``thresholds``: one for all pages, or one per page)."""
    if isinstance(thresholds, float):
        thresholds = [thresholds] * len(pages)
    outputs = ["\n\n".join(t for t, p in zip(page["texts"], probs) if p >= threshold)
               for page, probs, threshold in zip(pages, probabilities, thresholds)]
    return [tp_fp_fn(page["truth"], out) for page, out in zip(pages, outputs)]


def out_of_fold(pages: list[dict], args, folds: int = 2) -> dict[str, list]:
    """Each page's probabilities from each ensemble, trained on the other folds' sites."""
    def fold(page):
        return int(hashlib.sha256(f"markup-fold:{page['site']}".encode()).hexdigest(), 16) % folds

    result: dict[str, list] = {kind: [None] * len(pages) for kind in KINDS}
    for k in range(folds):
        train = [p for p in pages if fold(p) != k]
        test = [i for i, p in enumerate(pages) if fold(p) == k]
        for kind in KINDS:
            model = fit(train, kind, args)
            for i, probs in zip(test, predict(model, [pages[i] for i in test], kind)):
                result[kind][i] = probs
    return result


def best_threshold(pages: list[dict], probabilities: list) -> float:
    return max(THRESHOLDS, key=lambda t: summarise(page_scores(pages, probabilities, t))["f1"])


def cascade(pages: list[dict], oof: dict[str, list], thresholds: dict[str, float], cut: float) -> tuple[dict, float]:
    """F1 and share of pages asking trafilatura when pages in doubt (above ``cut``) go to ``consulted``."""
    from cleaner.html.model import MIN_DOUBT_WORDS, doubt

    chosen, limits, asked = [], [], 0
    for page, markup, consulted in zip(pages, oof["markup"], oof["consulted"]):
        ask = doubt(page["words"], markup, DOUBT_BAND, MIN_DOUBT_WORDS) >= cut
        chosen.append(consulted if ask else markup)
        limits.append(thresholds["consulted" if ask else "markup"])
        asked += ask
    return summarise(page_scores(pages, chosen, limits)), asked / max(1, len(pages))


def cascade_thresholds(pages: list[dict], oof: dict[str, list], thresholds: dict[str, float],
                       cut: float) -> dict[str, float]:
    """Each ensemble's threshold chosen again, for the F1 of the cascade as the cleaner runs it.

    Chosen on every page, the markup ensemble's threshold is pulled by the pages in doubt, which the
    consulted ensemble decides in the end (and the consulted one's by the sure pages it never sees).
    One threshold at a time, the other held, over the same out-of-fold probabilities.
    """
    chosen = dict(thresholds)
    for kind in KINDS:
        chosen[kind] = max(THRESHOLDS, key=lambda t: cascade(pages, oof, {**chosen, kind: t}, cut)[0]["f1"])
    return chosen


def export(models: dict, thresholds: dict[str, float], cut: float, description: str, args) -> dict:
    """Both ensembles as flat arrays (leaf: left = -1) with base score and threshold, in the cleaner's format."""
    from cleaner.html.features import MARKUP_NAMES, NAMES
    from cleaner.html.model import MODEL_FORMAT

    names = {"markup": MARKUP_NAMES, "consulted": NAMES}
    spec = {"format": MODEL_FORMAT, "description": description, "doubt_band": list(DOUBT_BAND),
            "consult_above": cut, "params": {"trees": args.trees, "depth": args.depth,
                                             "learning_rate": args.learning_rate, "min_leaf": args.min_leaf,
                                             "max_features": args.max_features, "l2": args.l2}}
    for kind, model in models.items():
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
        spec[kind] = {"features": list(names[kind]), "threshold": thresholds[kind],
                      "base": float(model._baseline_prediction.ravel()[0]), "trees": trees}
    return spec


def _code_version() -> str:
    """A hash of the package's code and data (the markup model itself aside): rows depend on all of it."""
    import cleaner

    root = Path(cleaner.__file__).parent
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        if path.suffix in (".py", ".toml", ".json") and path.name != "markup_model.json":
            digest.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def _load_examples(args) -> list[dict]:
    """Every usable page's examples (of ``--half``'s sites), from the cache file when it was made from the same
    folders with the same features (the cache holds every page; the half is picked after)."""
    import pickle

    from cleaner.html.features import NAMES

    # Stale rows are not reused: the key holds the folders, the feature names, the code that makes rows and
    # the lockbox (its pages are left out).
    key = ([str(folder.resolve()) for folder in args.data_dirs], _code_version(), NAMES, sorted(lockbox_keys()))
    pages = None
    if args.cache and args.cache.exists():
        cached = pickle.loads(args.cache.read_bytes())
        if cached["key"] == key:
            pages = cached["pages"]
    if pages is None:
        pages = []
        for folder in args.data_dirs:
            for page in load_pages(folder):
                example = page_examples(page)
                if example is not None:
                    pages.append(example)
        if args.cache:
            args.cache.write_bytes(pickle.dumps({"key": key, "pages": pages}))
    return [page for page in pages if site_in_half(page["site"], args.half) and
            (args.holdout is None or site_fold(page["site"], args.holdout[1]) != args.holdout[0])]


def _apply_weights(pages: list[dict], args) -> None:
    """Give each page the ``--weight`` factor of the folder its truth file is in."""
    factors = {}
    for spec in args.weight:
        folder, _, value = spec.rpartition("=")
        factors[Path(folder).resolve()] = float(value)
    for page in pages:
        for folder in args.data_dirs:
            if (folder / f"{page['id']}.json").exists():
                page["factor"] = factors.get(folder.resolve(), 1.0)
                break


def _fold_spec(value: str) -> tuple[int, int]:
    index, _, folds = value.partition("/")
    if not (index.isdigit() and folds.isdigit() and 0 <= int(index) < int(folds)):
        raise argparse.ArgumentTypeError(f"expected I/K with 0 <= I < K, got {value!r}")
    return int(index), int(folds)


def limited_threads(count: int):
    """A context in which OpenMP and BLAS use at most ``count`` threads. The trees' fit is small: 9 s on one
    thread, where OpenMP's default (a thread per core) took 172 s on this project's 2-core machine while other
    work kept its cores busy (threads waiting on each other). The threads do not change the model (a test)."""
    from threadpoolctl import threadpool_limits

    return threadpool_limits(limits=count)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("data_dirs", nargs="+", type=Path)
    parser.add_argument("--half", choices=["A", "B"], help="train on the pages of this half of the sites only")
    parser.add_argument("--holdout", type=_fold_spec, metavar="I/K",
                        help="train without the sites of fold I of K (for bench/html_accuracy.py --fold-models)")
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent.parent / "cleaner" / "data"
                        / "markup_model.json")
    parser.add_argument("--trees", type=int, default=100)
    parser.add_argument("--depth", type=int, default=6)
    parser.add_argument("--learning-rate", type=float, default=0.1)
    parser.add_argument("--min-leaf", type=int, default=40)
    parser.add_argument("--max-features", type=float, default=1.0,
                        help="share of the features each split may choose from (below 1: randomised, regularising)")
    parser.add_argument("--l2", type=float, default=0.0, help="L2 regularisation of the leaf values")
    parser.add_argument("--tolerance", type=float, default=0.003,
                        help="F1 the cleaner may give up (cross-validated) to skip trafilatura on sure pages")
    parser.add_argument("--inner-folds", type=int, default=5,
                        help="folds (by site) of the out-of-fold probabilities the thresholds are chosen on "
                             "(default 5: models trained on most pages are as sure as the final one)")
    parser.add_argument("--cache", type=Path, help="keep the pages' feature rows in this pickle file (reruns)")
    parser.add_argument("--cv", action="store_true", help="print the site-grouped cross-validated F1 too")
    parser.add_argument("--weight", action="append", default=[], metavar="FOLDER=W",
                        help="weigh this folder's pages W times (repeatable), e.g. to favour chrome-heavy news pages")
    parser.add_argument("--threads", type=int, default=1,
                        help="OpenMP threads of the trees' fit (default 1: more only help on an idle machine)")
    args = parser.parse_args()
    with limited_threads(args.threads):
        return train(args)


def train(args) -> int:
    """Rows, out-of-fold thresholds, the cascade's cut, the final models, written to ``args.out``."""

    started = time.time()
    pages = _load_examples(args)
    _apply_weights(pages, args)
    print(f"{len(pages)} pages, {sum(len(p['markup']) for p in pages)} lines ({time.time() - started:.0f}s)")

    oof = out_of_fold(pages, args, args.inner_folds)
    thresholds = {kind: best_threshold(pages, oof[kind]) for kind in KINDS}
    always, _ = cascade(pages, oof, thresholds, 0.0)
    cut, asked = 0.0, 1.0
    for candidate in CUTS:
        scores, share = cascade(pages, oof, thresholds, candidate)
        if args.cv:
            print(f"  consult_above {candidate:.3f}: trafilatura asked on {share:.0%} of pages, "
                  f"cross-validated F1 {scores['f1']:.4f} P {scores['precision']:.4f} R {scores['recall']:.4f}")
        if scores["f1"] >= always["f1"] - args.tolerance:
            cut, asked = candidate, share
    thresholds = cascade_thresholds(pages, oof, thresholds, cut)
    if args.cv:
        for kind in KINDS:
            for t in THRESHOLDS:
                s = summarise(page_scores(pages, oof[kind], t))
                print(f"  {kind} threshold {t:.2f}: cross-validated F1 {s['f1']:.4f} P {s['precision']:.4f} "
                      f"R {s['recall']:.4f}")
    print(f"thresholds {thresholds}, consult_above {cut:.3f} (trafilatura asked on {asked:.0%} of pages) "
          f"({time.time() - started:.0f}s)")

    models = {kind: fit(pages, kind, args) for kind in KINDS}
    names = ", ".join(folder.name for folder in args.data_dirs)
    description = f"{len(pages)} pages of {names}" + (f", sites of half {args.half}" if args.half else "") + \
        (f", without fold {args.holdout[0]}/{args.holdout[1]}'s sites" if args.holdout else "") + \
        (f", weights {' '.join(Path(spec).name for spec in args.weight)}" if args.weight else "")
    args.out.write_text(json.dumps(export(models, thresholds, cut, description, args), separators=(",", ":")) + "\n",
                        encoding="utf-8")
    print(f"wrote {args.out} ({args.out.stat().st_size // 1024} KB, {time.time() - started:.0f}s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
