#!/usr/bin/env python3
"""Train the generic fallback's line model from benchmark folders.

Usage: python bench/train_text_model.py DATA_DIR [DATA_DIR...] [--out cleaner/data/text_model.json]
       [--weight DATA_DIR=W] [--half A|B [--half-of DATA_DIR]] [--include FILE] [--exclude FILE]
       [--cache DIR] [--threshold T --switch-scale S]

Each folder holds <id>.txt / <id>.flat.txt dumps and <id>.json with the true
articleBody (the benchmark layout). Lines are labelled body or not by
aligning them with the truth (bench/linelabels.py); both the .txt and the
.flat.txt dump of every page are used, so the model does not lean on blank
lines. The cleaner's own stages compute the evidence (features, phrases,
shapes, then cleaner.textmodel.line_vectors), so training and use agree.

The fit is a logistic regression (L2, Newton steps, deterministic) with each
page's lines weighted by their share of the page's tokens, as the shingle
metric weighs them. The Viterbi transition probabilities are counted from the
label sequences, and the decision threshold is the one that maximises the
mean of the folders' benchmark F1 on the training pages. Requires numpy (training only).

The lockbox pages (bench/lockbox.txt) are never trained on. ``--include FILE`` trains on the pages it
lists only, ``--exclude FILE`` on all but those (files of ``folder-name/id`` lines, ``#`` comments; both
may be given): bench/cv_text.py uses them to leave out one fold of sites. ``--cache DIR`` keeps each
folder's evidence rows (the slow part) in DIR, keyed by the code that makes them, for reruns.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import pickle
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import numpy as np  # noqa: E402

from accuracy import in_half  # noqa: E402
from linelabels import body_flags  # noqa: E402
from metric import Page, load_pages, summarise, tp_fp_fn  # noqa: E402
from splits import lockbox_keys, page_key  # noqa: E402

from cleaner import language  # noqa: E402
from cleaner.document import Authority, Document  # noqa: E402
from cleaner.textmodel import AFTER, BEFORE, BODY_STATE, FEATURES, GAP, TextModel, line_vectors  # noqa: E402
from cleaner.stages.features import FeaturesStage  # noqa: E402
from cleaner.stages.phrases import PhrasesStage  # noqa: E402
from cleaner.stages.shapes import ShapesStage  # noqa: E402

EVIDENCE = (FeaturesStage(), PhrasesStage(), ShapesStage())


def page_rows(text: str, truth: str):
    """(vectors, labels, weights, lines, hard) for one dump."""
    doc = Document.from_text(text)
    for stage in EVIDENCE:
        stage(doc)
    if not doc.lines:
        return None
    has_stoplist = bool(doc.language) and not doc.char_mode and bool(language.stopwords(doc.language))
    vectors = line_vectors(doc.lines, has_stoplist, doc.char_mode)
    labels = body_flags([line.text for line in doc.lines], truth)
    tokens = [max(1, line.features.units) for line in doc.lines]
    total = float(sum(tokens))
    n = len(tokens)
    weights = [0.8 * t / total + 0.2 / n for t in tokens]
    hard = [line.authority == Authority.HARD for line in doc.lines]
    return vectors, labels, weights, [line.text for line in doc.lines], hard


def fit_logistic(x: np.ndarray, y: np.ndarray, w: np.ndarray, l2: float, steps: int = 25) -> np.ndarray:
    """Weighted L2 logistic regression by Newton's method (deterministic)."""
    beta = np.zeros(x.shape[1])
    penalty = l2 * np.eye(x.shape[1])
    penalty[0, 0] = 0.0  # no penalty on the bias
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-np.clip(x @ beta, -30, 30)))
        gradient = x.T @ (w * (p - y)) + penalty @ beta
        hessian = (x * (w * p * (1 - p))[:, None]).T @ x + penalty
        step = np.linalg.solve(hessian + 1e-9 * np.eye(len(beta)), gradient)
        beta -= step
        if np.abs(step).max() < 1e-7:
            break
    return beta


def read_keys(path: Path) -> frozenset[str]:
    """The ``folder-name/id`` lines of an include or exclude file (``#`` comments and blank lines skipped)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#"))


def code_version() -> str:
    """A hash of what a folder's cached rows depend on: the package's code and data (its models aside), its
    native core (the built library), the labelling and the lockbox (its pages are left out); rows made by other
    code are not reused."""
    import cleaner

    digest = hashlib.sha256()
    root = Path(cleaner.__file__).parent
    for path in sorted(root.rglob("*")):
        if path.suffix in (".py", ".toml", ".json", ".txt", ".so") and not path.name.endswith("_model.json"):
            digest.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes())
    digest.update(Path(__file__).with_name("linelabels.py").read_bytes())
    digest.update("\n".join(sorted(lockbox_keys())).encode())
    return digest.hexdigest()


def rows_file(folder: Path, cache: Path) -> Path:
    """Where ``folder_rows`` keeps a folder's rows under ``cache`` (named by the code that made them)."""
    return cache / f"text-rows-{folder.resolve().name}-{code_version()[:16]}.pkl"


def folder_rows(folder: Path, cache: Path | None) -> dict[str, tuple]:
    """Every (non-lockbox) page's rows, by id: (rows of the .txt dump, rows of the .flat.txt dump)."""
    cache_file = rows_file(folder, cache) if cache else None
    if cache_file and cache_file.exists():
        return pickle.loads(cache_file.read_bytes())
    rows = {page.id: (page_rows(page.dump(), page.truth), page_rows(page.flat(), page.truth))
            for page in load_pages(folder)}
    if cache_file:
        cache_file.parent.mkdir(parents=True, exist_ok=True)
        cache_file.write_bytes(pickle.dumps(rows, protocol=pickle.HIGHEST_PROTOCOL))
    return rows


def training_rows(args: argparse.Namespace) -> list[tuple[Page, tuple]]:
    """(page, row) for each dump variant of every page the options select, its weights scaled by its folder's."""
    weights = {Path(spec.split("=")[0]).resolve(): float(spec.split("=")[1]) for spec in args.weight}
    include = read_keys(args.include) if args.include else None
    exclude = read_keys(args.exclude) if args.exclude else frozenset()
    rows = []
    for folder in args.data_dirs:
        factor = weights.get(folder.resolve(), 1.0)
        cached = folder_rows(folder, args.cache)
        for page in load_pages(folder):
            limited = not args.half_of or folder in args.half_of
            if limited and not in_half(page.id, args.half):
                continue
            key = page_key(folder, page.id)
            if key in exclude or (include is not None and key not in include):
                continue
            for row in cached[page.id]:
                if row:
                    vectors, labels, line_weights, texts, hard = row
                    rows.append((page, (vectors, labels, [w * factor for w in line_weights], texts, hard)))
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("data_dirs", nargs="+", type=Path)
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent.parent / "cleaner/data/text_model.json")
    parser.add_argument("--half", choices=["A", "B"], help="train on this half of the ids only (cross-validation)")
    parser.add_argument("--half-of", type=Path, action="append", default=[],
                        help="apply --half only to this folder (repeatable); other folders are used whole")
    parser.add_argument("--include", type=Path, help="train only on the pages this file lists (folder-name/id lines)")
    parser.add_argument("--exclude", type=Path, help="leave out the pages this file lists (folder-name/id lines)")
    parser.add_argument("--cache", type=Path, help="keep each folder's evidence rows in this folder (reruns)")
    parser.add_argument("--l2", type=float, default=1e-3)
    parser.add_argument("--threshold", type=float, help="use this decision threshold instead of the grid's best "
                        "(with --switch-scale; the training F1 of both is printed)")
    parser.add_argument("--switch-scale", type=float, help="use this switch scale instead of the grid's best")
    parser.add_argument("--weight", action="append", default=[], metavar="FOLDER=W",
                        help="weigh the pages of one folder W times (repeatable)")
    args = parser.parse_args(argv)

    rows = training_rows(args)
    if not rows:
        print("train_text_model: error: no page to train on (check the folders and --include/--exclude)",
              file=sys.stderr)
        return 2
    x = np.array([v for _, (vectors, *_rest) in rows for v in vectors], dtype=float)
    y = np.array([float(l) for _, (_, labels, *_rest) in rows for l in labels])
    w = np.array([wt for _, (_, _, weights, *_rest) in rows for wt in weights])
    print(f"pages×variants: {len(rows)}  lines: {len(y)}  body share: {y.mean():.3f}", file=sys.stderr)
    beta = fit_logistic(x, y, w, args.l2 * w.sum())
    del x, y, w

    transitions, start, prior = _transitions(rows)
    base = dict(features=list(FEATURES), weights=[float(b) for b in beta], transitions=transitions, start=start,
                prior_body=prior)
    probabilities = _probabilities(rows, base)
    grid = [(t, s) for t in (0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6) for s in (0.25, 0.5, 0.75, 1.0)]
    best = max((_training_f1(rows, probabilities, dict(base, threshold=t, switch_scale=s)), t, s) for t, s in grid)
    print(f"threshold {best[1]:.2f}, switch scale {best[2]:.2f}: training F1 {best[0]:.4f}", file=sys.stderr)
    if args.threshold is not None or args.switch_scale is not None:
        fixed = (args.threshold if args.threshold is not None else best[1],
                 args.switch_scale if args.switch_scale is not None else best[2])
        best = (_training_f1(rows, probabilities, dict(base, threshold=fixed[0], switch_scale=fixed[1])), *fixed)
        print(f"given: threshold {best[1]:.2f}, switch scale {best[2]:.2f}: training F1 {best[0]:.4f}", file=sys.stderr)
    model = dict(base, threshold=best[1], switch_scale=best[2], trained={
        "data": [str(d.name) for d in args.data_dirs], "half": args.half,
        "half_of": [str(d.name) for d in args.half_of], "weights": args.weight, "pages": len(rows) // 2,
        "lines": int(sum(len(labels) for _, (_, labels, *_rest) in rows)), "l2": args.l2,
        "include": args.include.name if args.include else None, "exclude": args.exclude.name if args.exclude else None,
        "given": [args.threshold, args.switch_scale] if args.threshold is not None or args.switch_scale is not None
        else None, "script": "bench/train_text_model.py"})
    args.out.write_text(json.dumps(model, indent=1) + "\n", encoding="utf-8")
    for name, weight in sorted(zip(FEATURES, beta), key=lambda t: -abs(t[1]))[:15]:
        print(f"  {name:<24} {weight:+.3f}", file=sys.stderr)
    return 0


def _states(labels: list[bool]) -> list[int]:
    """The true path through before/body/gap/after for one page's line labels."""
    if not any(labels):
        return [BEFORE] * len(labels)
    first = labels.index(True)
    last = len(labels) - 1 - labels[::-1].index(True)
    return [BEFORE if i < first else AFTER if i > last else BODY_STATE if flag else GAP
            for i, flag in enumerate(labels)]


def _transitions(rows) -> tuple[list[list[float]], list[float], float]:
    """Transition probabilities counted from the true paths (allowed moves get a light prior)."""
    allowed = {(BEFORE, BEFORE), (BEFORE, BODY_STATE), (BODY_STATE, BODY_STATE), (BODY_STATE, GAP),
               (BODY_STATE, AFTER), (GAP, GAP), (GAP, BODY_STATE), (GAP, AFTER), (AFTER, AFTER)}
    counts = [[1.0 if (a, b) in allowed else 0.0 for b in range(4)] for a in range(4)]
    starts = [1.0, 1.0, 0.0, 0.0]
    body = lines = 0
    for _, (_, labels, *_rest) in rows:
        path = _states(labels)
        if path:
            starts[path[0]] += 1
        for a, b in zip(path, path[1:]):
            counts[a][b] += 1
        body += sum(labels)
        lines += len(labels)
    return [[c / sum(row) for c in row] for row in counts], [s / sum(starts) for s in starts], body / max(lines, 1)


def _probabilities(rows, model_dict) -> list[list[float]]:
    """Each row's line probabilities with the hard-decided lines at 0.01. They depend on the weights only,
    so the threshold grid smooths them without scoring the lines again."""
    model = TextModel.from_dict(dict(model_dict, threshold=0.5, switch_scale=1.0))
    return [[0.01 if h else p for h, p in zip(hard, model.probabilities(vectors))]
            for _, (vectors, _, _, _, hard) in rows]


def _training_f1(rows, probabilities, model_dict) -> float:
    """The mean of each folder's benchmark F1 (a small folder counts as much as a big one)."""
    model = TextModel.from_dict(model_dict)
    by_folder: dict[Path, list] = {}
    for (page, (_, _, _, texts, _)), line_probabilities in zip(rows, probabilities):
        keep = model.smooth(line_probabilities)
        by_folder.setdefault(page.folder, []).append(
            tp_fp_fn(page.truth, "\n\n".join(t for t, k in zip(texts, keep) if k)))
    return sum(summarise(scores)["f1"] for scores in by_folder.values()) / len(by_folder)


if __name__ == "__main__":
    sys.exit(main())
