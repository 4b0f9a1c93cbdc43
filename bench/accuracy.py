#!/usr/bin/env python3
"""Accuracy and speed of the cleaner on text dumps, against anchors run in the same pass.

Usage: python bench/accuracy.py DATA_DIR [--profiles] [--half A|B] [--by-language] [--lockbox]

DATA_DIR is a benchmark folder (<id>.txt, <id>.flat.txt, <id>.json with the
true articleBody), e.g. ../shared/bench/scrapinghub-dev. Prints, for each
system, the benchmark's shingle F1 / precision / recall, how many outputs
were empty (and how many of those had a true article), and documents per
second. The anchors: no cleaning, the C4 line rule, and jusText (one <p>
per dump line, stoplist picked by stopword hits).
By default the cleaner runs its generic fallback only (no site profiles).
The lockbox pages (bench/lockbox.txt) are left out; ``--lockbox`` scores only them, once, at the end.
"""

from __future__ import annotations

import argparse
import hashlib
import html
import os
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from metric import Page, load_pages, print_worst, summarise, tp_fp_fn  # noqa: E402
from splits import add_lockbox_option, split_of  # noqa: E402


def c4_rule(text: str) -> str:
    """C4's line filter: sentence-final punctuation, at least 5 words, no code or cookie notices."""
    kept = []
    for line in text.splitlines():
        line = line.strip()
        if not line or line[-1] not in '.!?"”' or len(line.split()) < 5:
            continue
        lower = line.lower()
        if "javascript" in lower or "cookie" in lower or "{" in line:
            continue
        kept.append(line)
    return "\n\n".join(kept)


class JusText:
    """jusText over the dump, one <p> per line, with the stoplist that has the most hits."""

    def __init__(self) -> None:
        import justext

        self.justext = justext
        self.lists = {name: justext.get_stoplist(name) for name in justext.get_stoplists()}

    def __call__(self, text: str) -> str:
        words = re.findall(r"\w+", text.lower())[:3000]
        name = max(self.lists, key=lambda n: sum(1 for w in words if w in self.lists[n]))
        page = "<html><body>" + "".join(f"<p>{html.escape(line)}</p>" for line in text.splitlines() if line.strip()) \
            + "</body></html>"
        paragraphs = self.justext.justext(page.encode("utf-8"), self.lists[name], encoding="utf-8")
        return "\n\n".join(p.text for p in paragraphs if not p.is_boilerplate)


def in_half(page_id: str, half: str | None) -> bool:
    if half is None:
        return True
    first = int(hashlib.sha256(f"cleaner-cv:{page_id}".encode()).hexdigest(), 16) % 2 == 0
    return first if half == "A" else not first


def script_group(page: Page) -> str:
    """English, other Latin-script, or non-Latin — from the true text."""
    from cleaner.language import detect

    text = page.truth[:5000]
    letters = [c for c in text if c.isalpha()]
    latin = sum(1 for c in letters if c < "\u0250")
    if letters and latin < 0.5 * len(letters):
        return "non-Latin"
    language, _ = detect(text.splitlines() or [text])
    return "English" if language == "English" else "other Latin"


def run_system(name: str, function, pages: list[Page], source: str) -> dict:
    inputs = [page.flat() if source == "flat" else page.dump() for page in pages]
    outputs = []
    started = time.perf_counter()
    for text in inputs:
        outputs.append(function(text))
    elapsed = time.perf_counter() - started
    scores = [tp_fp_fn(page.truth, out) for page, out in zip(pages, outputs)]
    result = summarise(scores)
    empty = [not out.strip() for out in outputs]
    result.update(
        name=name, docs_per_s=len(pages) / elapsed if elapsed else float("inf"), empty=sum(empty),
        empty_with_truth=sum(1 for e, page in zip(empty, pages) if e and page.truth.strip()),
        outputs=outputs, scores=scores)
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("--profiles", action="store_true", help="let the cleaner use site profiles too")
    parser.add_argument("--half", choices=["A", "B"], help="score only one half of the ids (for cross-validation)")
    parser.add_argument("--by-language", action="store_true", help="also print F1 per language group")
    parser.add_argument("--no-anchors", action="store_true", help="skip jusText and the C4 rule")
    parser.add_argument("--worst", type=int, default=0, help="list the N worst pages for the cleaner")
    parser.add_argument("--model", type=Path, help="use this text model file instead of the shipped one")
    parser.add_argument("--cv-models", nargs=2, type=Path, metavar=("TRAINED_ON_A", "TRAINED_ON_B"),
                        help="cross-validation: score half B with the first model and half A with the second")
    add_lockbox_option(parser)
    args = parser.parse_args()

    from cleaner import Cleaner

    pages = [p for p in load_pages(args.data_dir, split_of(args)) if in_half(p.id, args.half)]
    cleaner = Cleaner(use_profiles=args.profiles, text_model=args.model)
    cleaner.clean("warm up the stoplists. " * 20)  # load-once costs are not per-document costs

    def run_cleaner(text: str) -> str:
        return cleaner.clean(text).body

    systems = [("no cleaning", lambda t: t, "txt")]
    if not args.no_anchors:
        systems += [("C4 line rule", c4_rule, "txt"), ("jusText (dump, <p> per line)", JusText(), "txt")]
    systems += [("cleaner (.txt)", run_cleaner, "txt"), ("cleaner (.flat.txt)", run_cleaner, "flat")]
    results = [run_system(name, function, pages, source) for name, function, source in systems]
    if args.cv_models:
        results += cross_validated(pages, args.profiles, *args.cv_models)

    print(f"data: {args.data_dir}  pages: {len(pages)} ({split_of(args)})"
          f"{'  half ' + args.half if args.half else ''}  "
          f"profiles: {'on' if args.profiles else 'off (generic fallback)'}  "
          f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}")
    print(f"| {'system':<30} | {'F1':>5} | {'P':>5} | {'R':>5} | empty (truth non-empty) | docs/s |")
    print(f"|{'-' * 32}|-------|-------|-------|-------------------------|--------|")
    for r in results:
        print(f"| {r['name']:<30} | {r['f1']:.3f} | {r['precision']:.3f} | {r['recall']:.3f} | "
              f"{r['empty']:>3} ({r['empty_with_truth']:>3}){' ' * 15} | {r['docs_per_s']:>6.0f} |")

    if args.by_language:
        groups = {page.id: script_group(page) for page in pages}
        print("\nF1 per language group (pages):")
        for group in ("English", "other Latin", "non-Latin"):
            ids = [i for i, page in enumerate(pages) if groups[page.id] == group]
            if not ids:
                continue
            row = [f"{group} ({len(ids)})"]
            for r in results:
                row.append(f"{r['name']}: {summarise([r['scores'][i] for i in ids])['f1']:.3f}")
            print("  " + " | ".join(row))
    if args.worst:
        mine = next(r for r in results if r["name"] == "cleaner (.txt)")
        print_worst(pages, mine["scores"], mine["name"], args.worst)
    return 0


def cross_validated(pages: list[Page], profiles: bool, model_a: Path, model_b: Path) -> list[dict]:
    """Each half scored by the model that did not train on it; one row per dump kind."""
    from cleaner import Cleaner

    half_a = [p for p in pages if in_half(p.id, "A")]
    half_b = [p for p in pages if in_half(p.id, "B")]
    on_b = Cleaner(use_profiles=profiles, text_model=model_a)  # trained on A, scores B
    on_a = Cleaner(use_profiles=profiles, text_model=model_b)
    rows = []
    for source in ("txt", "flat"):
        part_b = run_system("", lambda t: on_b.clean(t).body, half_b, source)
        part_a = run_system("", lambda t: on_a.clean(t).body, half_a, source)
        by_id = {p.id: (s, o) for p, s, o in zip(half_b + half_a, part_b["scores"] + part_a["scores"],
                                                   part_b["outputs"] + part_a["outputs"])}
        scores = [by_id[p.id][0] for p in pages]  # back in the pages' order
        outputs = [by_id[p.id][1] for p in pages]
        row = summarise(scores)
        empty = [not out.strip() for out in outputs]
        seconds = len(half_b) / part_b["docs_per_s"] + len(half_a) / part_a["docs_per_s"]
        row.update(name=f"cleaner CV halves (.{'flat.' if source == 'flat' else ''}txt)", scores=scores,
                   outputs=outputs, empty=sum(empty), docs_per_s=len(pages) / seconds,
                   empty_with_truth=sum(1 for e, p in zip(empty, pages) if e and p.truth.strip()))
        rows.append(row)
    return rows



if __name__ == "__main__":
    sys.exit(main())
