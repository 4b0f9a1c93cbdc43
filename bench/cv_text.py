#!/usr/bin/env python3
"""Cross-validation of the text path grouped by site: every page scored by a model that never saw its site.

Usage: python bench/cv_text.py DIR... [--folds 5] [--train-on NAME[=W]]... [--worst N] [--no-trafilatura]
       [--cache-dir .bench-cache] [--against RUN_DIR]

The non-lockbox pages of the DIRs (benchmark folders) are split into K folds by site (bench/splits.py:
a site's pages, in every folder, fall in one fold). For each fold, the text model is trained by
bench/train_text_model.py on the training folders without that fold's pages, and the fold's pages
(of every DIR, trained on or not) are cleaned with it: ``Cleaner(use_profiles=False, text_model=…)``,
the generic fallback, from the ``.txt`` and from the ``.flat.txt`` dump. The scores are pooled over the
folds (the benchmark's shingle F1 over all held-out pages) and printed per folder, per ``page_type``
(folders that have one) and per language group, with trafilatura's default extraction from the same
pages' HTML as a reference (``--no-trafilatura`` skips it).

The training folders are ``--train-on`` (repeatable; a DIR's name or a path, ``=W`` weighs its pages
W times); by default those the shipped model is trained on, wcxb-dev-articles and scrapinghub-dev×6
(README), when they are among the DIRs. ``--train-on wcxb-dev-articles --train-on scrapinghub-dev=6
--train-on wcxb-dev-other`` adds the non-article pages.

The evidence rows, the fold models, the held-out outputs and trafilatura's outputs are kept under
``--cache-dir``, so a rerun only prints. The fold models are keyed by what they are trained from: the
training folders' evidence rows (their bytes), the training script and the options; the held-out outputs
by those models and the package's code. A change that leaves the rows as they were (a later stage, a
metadata rule) reuses the fold models and only cleans the pages again (seconds, not a retraining).
``--worst N`` lists the N worst held-out pages of each folder (for failure analysis, never for tuning
one page). ``--against RUN_DIR`` compares the held-out outputs with an earlier run's (the ``cv-text-*``
folder the run printed): scores to 4 digits and the pages that changed, better or worse.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from metric import Page, load_pages, page_f1, summarise, tp_fp_fn  # noqa: E402
from splits import SEED, lockbox_keys, page_key, site_fold  # noqa: E402

DEFAULT_TRAIN_ON = ("wcxb-dev-articles", "scrapinghub-dev=6")
LANGUAGE_GROUPS = ("English", "other Latin", "CJK", "other non-Latin", "(empty truth)")
KINDS = ("txt", "flat")


def language_group(page: Page) -> str:
    """English, other Latin-script, CJK or other non-Latin: the script from the true text, the language
    from the dump's longest lines (a true text that is a list of names or prices has too few stopwords to
    tell); pages whose true text is empty are a group of their own."""
    from cleaner.language import ENGLISH, detect

    letters = [c for c in page.truth[:5000] if c.isalpha()]
    if not letters:
        return "(empty truth)"
    cjk = sum(1 for c in letters if "\u3040" <= c <= "\u30ff" or "\u3400" <= c <= "\u9fff" or "\uac00" <= c <= "\ud7af")
    if cjk >= 0.5 * len(letters):
        return "CJK"
    if sum(1 for c in letters if c < "\u0250") < 0.5 * len(letters):
        return "other non-Latin"
    language, _ = detect(page.dump().splitlines())
    return "English" if language == ENGLISH else "other Latin"


def training_folders(specs: list[str], dirs: list[Path]) -> list[tuple[Path, float]]:
    """(folder, weight) of each ``--train-on`` spec: a DIR's name, or a path."""
    by_name = {d.resolve().name: d for d in dirs}
    folders = []
    for spec in specs:
        name, _, weight = spec.partition("=")
        folder = by_name.get(Path(name).name) or Path(name)
        if not folder.is_dir():
            raise SystemExit(f"cv_text: --train-on {spec}: not one of the DIRs nor a folder")
        folders.append((folder, float(weight) if weight else 1.0))
    return folders


def _digest(*parts: object) -> str:
    return hashlib.sha256(json.dumps(parts, sort_keys=True, default=str).encode()).hexdigest()[:16]


def _engine() -> tuple[str, ...]:
    """What cleans the held-out pages, for their outputs' key: () for the native core when it runs (the keys
    stay as they were), ("pure-python",) for the Python reference, so that a run with CLEANER_PURE_PYTHON=1
    really cleans the pages instead of reading the core's cached outputs (the two agree by the parity checks;
    this run is one way to see it)."""
    from cleaner.extension import extension

    native, _ = extension()
    return () if native is not None else ("pure-python",)


def training_inputs(train: list[tuple[Path, float]], cache: Path) -> list[str]:
    """Digests of what a fold model is made from: each training folder's evidence rows (made and cached by
    bench/train_text_model.py, so the models' training reads the same file) and the training script."""
    import train_text_model

    digests = [hashlib.sha256(Path(train_text_model.__file__).read_bytes()).hexdigest()]
    for folder, _ in train:
        rows = train_text_model.rows_file(folder, cache)
        if not rows.exists():
            train_text_model.folder_rows(folder, cache)
        digests.append(hashlib.sha256(rows.read_bytes()).hexdigest())
    return digests


def fold_models(pages: dict[Path, list[Page]], train: list[tuple[Path, float]], folds: int, seed: int,
                run_dir: Path, cache: Path, given: list | None = None) -> list[Path]:
    """One model per fold, trained by bench/train_text_model.py without the fold's pages (made once); with
    ``given`` (threshold, switch scale), each fold takes that pair instead of its grid's best, as the shipped
    model did (:func:`shipped_pair`)."""
    import train_text_model

    models = []
    for fold in range(folds):
        model = run_dir / f"fold-{fold}.json"
        models.append(model)
        if model.exists():
            continue
        held_out = sorted(page_key(folder, p.id) for folder, group in pages.items() for p in group
                          if site_fold(p.site, folds, seed) == fold)
        exclude = run_dir / f"exclude-{fold}.txt"
        exclude.write_text(f"# the pages of fold {fold} of {folds} (by site, seed {seed})\n"
                           + "".join(k + "\n" for k in held_out), encoding="utf-8")
        argv = [str(folder) for folder, _ in train]
        argv += [f"--weight={folder}={weight:g}" for folder, weight in train if weight != 1.0]
        argv += ["--exclude", str(exclude), "--cache", str(cache), "--out", str(model)]
        if given:
            argv += [f"--threshold={given[0]:g}", f"--switch-scale={given[1]:g}"]
        print(f"cv_text: training fold {fold} ({len(held_out)} pages held out)", file=sys.stderr)
        if train_text_model.main(argv) != 0:
            raise SystemExit(f"cv_text: training fold {fold} failed")
    return models


def held_out_outputs(folder: Path, pages: list[Page], models: list[Path], seed: int,
                     run_dir: Path) -> dict[str, dict]:
    """Each page's held-out outputs {fold, txt, flat}, by id: its fold's model, generic fallback."""
    from cleaner import Cleaner

    cache_file = run_dir / f"outputs-{folder.resolve().name}.jsonl"
    done: dict[str, dict] = {}
    if cache_file.exists():
        done = {r["id"]: r for r in map(json.loads, cache_file.read_text(encoding="utf-8").splitlines())}
    missing = [p for p in pages if p.id not in done]
    if missing:
        cleaners = [Cleaner(use_profiles=False, text_model=model) for model in models]
        with cache_file.open("a", encoding="utf-8") as sink:
            for page in missing:
                fold = site_fold(page.site, len(models), seed)
                cleaner = cleaners[fold]
                record = {"id": page.id, "fold": fold, "txt": cleaner.clean(page.dump()).body,
                          "flat": cleaner.clean(page.flat()).body}
                sink.write(json.dumps(record, ensure_ascii=False) + "\n")
                done[page.id] = record
    return done


def trafilatura_outputs(folder: Path, pages: list[Page], cache: Path) -> dict[str, str]:
    """trafilatura.extract (its defaults) on each page's HTML, by id; kept per trafilatura version."""
    import trafilatura

    cache_file = cache / f"trafilatura-{trafilatura.__version__}" / f"{folder.resolve().name}.jsonl"
    done: dict[str, str] = {}
    if cache_file.exists():
        done = {r["id"]: r["text"] for r in map(json.loads, cache_file.read_text(encoding="utf-8").splitlines())}
    missing = [p for p in pages if p.id not in done]
    if missing:
        cache_file.parent.mkdir(parents=True, exist_ok=True)
        with cache_file.open("a", encoding="utf-8") as sink:
            for page in missing:
                text = trafilatura.extract(page.html()) or ""
                sink.write(json.dumps({"id": page.id, "text": text}, ensure_ascii=False) + "\n")
                done[page.id] = text
    return done


def _row(label: str, pages: list[Page], outputs: list[str]) -> str:
    scores = [tp_fp_fn(page.truth, out) for page, out in zip(pages, outputs)]
    s = summarise(scores)
    empty = sum(1 for page, out in zip(pages, outputs) if not out.strip() and page.truth.strip())
    return f"| {label:<46} | {len(pages):>5} | {s['f1']:.4f} | {s['precision']:.4f} | {s['recall']:.4f} | {empty:>5} |"


def print_folder(folder: Path, pages: list[Page], cv: dict[str, dict], trafilatura: dict[str, str] | None) -> None:
    """The folder's table, then per page type and per language group."""
    print(f"\n### {folder.resolve().name}\n")
    print(f"| {'system':<46} | pages | F1     | P      | R      | empty |")
    print(f"|{'-' * 48}|-------|--------|--------|--------|-------|")

    def rows(label: str, group: list[Page]) -> None:
        for kind in KINDS:
            name = f"cleaner CV by site, .{'flat.' if kind == 'flat' else ''}txt"
            print(_row(f"{label}{name}", group, [cv[p.id][kind] for p in group]))
        if trafilatura is not None:
            print(_row(f"{label}trafilatura (HTML)", group, [trafilatura[p.id] for p in group]))

    rows("", pages)
    for title, key, order in (("page_type", lambda p: p.page_type, None),
                              ("language group", language_group, LANGUAGE_GROUPS)):
        groups: dict[str, list[Page]] = {}
        for page in pages:
            if key(page):
                groups.setdefault(key(page), []).append(page)
        if not groups:
            continue
        print(f"\nper {title}:\n")
        print(f"| {'group · system':<46} | pages | F1     | P      | R      | empty |")
        print(f"|{'-' * 48}|-------|--------|--------|--------|-------|")
        for name in (order or sorted(groups)):
            if name in groups:
                rows(f"{name} · ", groups[name])


def print_worst(folder: Path, pages: list[Page], cv: dict[str, dict], count: int) -> None:
    scored = [(page_f1(tp_fp_fn(p.truth, cv[p.id]["txt"])), p) for p in pages]
    print(f"\nworst held-out pages of {folder.resolve().name} (.txt):")
    for f1, page in sorted(scored, key=lambda t: t[0])[:count]:
        tp, fp, fn = tp_fp_fn(page.truth, cv[page.id]["txt"])
        print(f"  {page.id}  F1={f1:.3f} tp={tp:.2f} fp={fp:.2f} fn={fn:.2f}  fold {cv[page.id]['fold']}  "
              f"{page.page_type or ''} {page.url or ''}")


def print_against(folder: Path, pages: list[Page], cv: dict[str, dict], earlier_dir: Path, count: int = 5) -> None:
    """This run's held-out .txt outputs beside an earlier run's (its ``cv-text-*`` folder): the pooled scores of
    both on the pages both cleaned, and how many pages changed, for better or worse. A change of a few
    thousandths is a few pages: this says which, so a gain is read as pages, not as a number."""
    earlier_file = earlier_dir / f"outputs-{folder.resolve().name}.jsonl"
    if not earlier_file.exists():
        print(f"\nagainst {earlier_dir}: no outputs for {folder.resolve().name}")
        return
    earlier = {r["id"]: r["txt"] for r in map(json.loads, earlier_file.read_text(encoding="utf-8").splitlines())}
    both = [p for p in pages if p.id in earlier]
    before = [tp_fp_fn(p.truth, earlier[p.id]) for p in both]
    after = [tp_fp_fn(p.truth, cv[p.id]["txt"]) for p in both]
    changes = sorted((page_f1(a) - page_f1(b), p.id) for p, b, a in zip(both, before, after)
                     if cv[p.id]["txt"] != earlier[p.id])
    old, new = summarise(before), summarise(after)
    print(f"\nagainst {earlier_dir.name} (.txt, {len(both)} pages): "
          + ", ".join(f"{k} {old[key]:.4f} -> {new[key]:.4f}" for k, key in (("F1", "f1"), ("P", "precision"),
                                                                            ("R", "recall")))
          + f"; {len(changes)} pages changed, {sum(d > 0 for d, _ in changes)} better, "
          f"{sum(d < 0 for d, _ in changes)} worse")
    for delta, page_id in changes[:count] + changes[count:][-count:]:
        if delta:
            print(f"  {page_id}  {delta:+.4f}")


def shipped_pair() -> list | None:
    """The (threshold, switch scale) the shipped text model was given at training (``trained.given``; None
    where it took its grid's best), so the fold models are trained as the shipped one was."""
    shipped = Path(__file__).resolve().parent.parent / "cleaner" / "data" / "text_model.json"
    given = json.loads(shipped.read_text(encoding="utf-8")).get("trained", {}).get("given")
    return given if given and None not in given else None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("dirs", nargs="+", type=Path, metavar="DIR")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--seed", type=int, default=SEED, help="of the site folds (bench/splits.py)")
    parser.add_argument("--train-on", action="append", metavar="NAME[=W]",
                        help=f"a training folder (repeatable; default: {' '.join(DEFAULT_TRAIN_ON)})")
    parser.add_argument("--worst", type=int, default=0, help="list the N worst held-out pages of each folder")
    parser.add_argument("--no-trafilatura", action="store_true", help="skip the trafilatura reference rows")
    parser.add_argument("--cache-dir", type=Path, default=Path(__file__).resolve().parent.parent / ".bench-cache")
    parser.add_argument("--against", type=Path, metavar="RUN_DIR",
                        help="an earlier run's outputs folder (cv-text-*): compare page by page")
    parser.add_argument("--grid", action="store_true", help="let each fold pick its threshold and switch scale "
                        "(default: the pair the shipped model was given, if it was given one)")
    args = parser.parse_args(argv)

    import train_text_model

    specs = args.train_on or [s for s in DEFAULT_TRAIN_ON if s.split("=")[0] in {d.resolve().name for d in args.dirs}]
    if not specs:
        parser.error("no training folder: give --train-on")
    train = training_folders(specs, args.dirs)
    pages = {folder: load_pages(folder) for folder in args.dirs}
    for folder, _ in train:
        pages.setdefault(folder, load_pages(folder))
    given = None if args.grid else shipped_pair()
    model_key = _digest(training_inputs(train, args.cache_dir), [(f.resolve().name, w) for f, w in train],
                        args.folds, args.seed, sorted(lockbox_keys()), *([given] if given else []))
    model_dir = args.cache_dir / f"cv-models-{model_key}"
    model_dir.mkdir(parents=True, exist_ok=True)
    models = fold_models(pages, train, args.folds, args.seed, model_dir, args.cache_dir, given)
    run_dir = args.cache_dir / f"cv-text-{_digest(model_key, train_text_model.code_version(), *_engine())}"
    run_dir.mkdir(parents=True, exist_ok=True)

    sites = {p.site for group in pages.values() for p in group}
    sizes = Counter(site_fold(p.site, args.folds, args.seed) for d in args.dirs for p in pages[d])
    print(f"text path, {args.folds}-fold cross-validation by site (seed {args.seed}); lockbox left out; "
          f"trained on {', '.join(f'{f.resolve().name}' + (f'×{w:g}' if w != 1 else '') for f, w in train)}; "
          f"{sum(len(pages[d]) for d in args.dirs)} pages of {len(sites)} sites scored, per fold "
          f"{[sizes[i] for i in range(args.folds)]}; threshold and switch scale "
          f"{'given ' + str(given) if given else 'from each fold grid'}; models in {model_dir}, outputs in {run_dir}")
    for folder in args.dirs:
        cv = held_out_outputs(folder, pages[folder], models, args.seed, run_dir)
        reference = None if args.no_trafilatura else trafilatura_outputs(folder, pages[folder], args.cache_dir)
        print_folder(folder, pages[folder], cv, reference)
        if args.worst:
            print_worst(folder, pages[folder], cv, args.worst)
        if args.against:
            print_against(folder, pages[folder], cv, args.against)
    return 0


if __name__ == "__main__":
    sys.exit(main())
