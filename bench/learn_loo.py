#!/usr/bin/env python3
"""Leave-one-out figures for learned site profiles (``cleaner learn``) against the generic fallback.

For each host with several pages in a folder (pages grouped by the host of the URL in their .json;
the lockbox pages left out), every page in turn is held out: a profile is learned from the host's
other pages (when there are at least two), and the held-out page is cleaned by the generic fallback
with that profile, and by the generic fallback alone (the built-in profiles off in both). Per folder:

- F1 / P / R: the benchmark's shingle metric (bench/metric.py) against the .json's articleBody;
- body lines lost: lines bench/linelabels.py marks as body that the fallback kept and the learned
  profile dropped (must be 0);
- leaked: lines not body that were kept (fallback alone, and with the learned profile);
- fixed: leaked lines of the fallback that the learned profile dropped.

The seed sites are a group of their own: the dumps in fixtures/seeds and fixtures/sites, grouped by
the site their gold file names, the gold's body lines as the truth.

Usage: python bench/learn_loo.py [FOLDER...] [--no-seeds] [--share S] [--no-shapes] [--no-bounds]
                                 [--losses] [--fixed N] [--markdown]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from linelabels import body_flags  # noqa: E402
from metric import load_pages, summarise, tp_fp_fn  # noqa: E402

from cleaner import Cleaner  # noqa: E402
from cleaner.document import BODY  # noqa: E402
from cleaner.learn import LearnError, LearnSettings, learn, page_from_article, render_profile  # noqa: E402
from cleaner.profiles import load_profile  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_FOLDERS = ["wcxb-dev-other", "wcxb-dev-articles", "scrapinghub-dev"]


def default_folders() -> list[str]:
    """The three dev folders, in ../shared/bench beside the repository (or a worktree's main checkout)."""
    for base in (ROOT.parent / "shared" / "bench", ROOT.parent.parent / "shared" / "bench"):
        if base.is_dir():
            return [str(base / name) for name in DEFAULT_FOLDERS]
    sys.exit("learn_loo.py: no ../shared/bench folder found; name the benchmark folders")


@dataclass
class BenchPage:
    key: str
    host: str
    text: str
    truth: str
    url: str | None = None


def folder_pages(folder: str) -> list[BenchPage]:
    """The folder's dev pages (no lockbox) with a URL, keyed by folder/id."""
    pages = []
    for page in load_pages(folder):
        host = (urlsplit(page.url).hostname or "").lower() if page.url else ""
        if host:
            pages.append(BenchPage(f"{Path(folder).name}/{page.id}", host, page.dump(), page.truth, page.url))
    return pages


def seed_pages() -> list[BenchPage]:
    """The seed dumps and the site fixtures, each with its gold body lines; host from the gold's site."""
    pages = []
    for gold in sorted((ROOT / "fixtures").glob("s*/*.gold.json")):
        dump = gold.with_name(gold.name.replace(".gold.json", ".txt"))
        data = json.loads(gold.read_text(encoding="utf-8"))
        host = data["site"].split()[0].lower()
        pages.append(BenchPage(f"{gold.parent.name}/{dump.stem}", host, dump.read_text(encoding="utf-8"),
                               "\n".join(data["body_lines"])))
    return pages


def by_host(pages: list[BenchPage]) -> dict[str, list[BenchPage]]:
    groups: dict[str, list[BenchPage]] = defaultdict(list)
    for page in pages:
        groups[page.host].append(page)
    return {host: group for host, group in sorted(groups.items()) if len(group) >= 2}


class LeaveOneOut:
    def __init__(self, settings: LearnSettings, losses: bool, fixed: int) -> None:
        self.cleaner = Cleaner(use_profiles=False)
        self.settings = settings
        self.show_losses = losses
        self.show_fixed = fixed
        self.generic: dict[str, object] = {}
        self.tmp = Path(tempfile.mkdtemp(prefix="learn-loo-"))

    def generic_article(self, page: BenchPage):
        if page.key not in self.generic:
            self.generic[page.key] = self.cleaner.clean(page.text)
        return self.generic[page.key]

    def profile_from(self, host: str, training: list[BenchPage]):
        if len(training) < 2:
            return None, "fewer than 2 pages to learn from"
        pages = [page_from_article(p.key, self.generic_article(p)) for p in training]
        try:
            learned = learn(pages, host, host, self.settings)
        except LearnError as error:
            return None, str(error)
        path = self.tmp / f"{host}.toml"
        path.write_text(render_profile(learned), encoding="utf-8")
        return load_profile(path), learned.summary()

    def run(self, groups: dict[str, list[BenchPage]]) -> dict:
        row = defaultdict(int)
        scores_generic, scores_learned = [], []
        fixed_examples = []
        for host, group in groups.items():
            for i, page in enumerate(group):
                profile, _ = self.profile_from(host, group[:i] + group[i + 1:])
                generic = self.generic_article(page)
                learned = self.cleaner.clean(page.text, profile=profile) if profile else generic
                row["pages"] += 1
                row["profiles"] += profile is not None
                scores_generic.append(tp_fp_fn(page.truth, generic.body))
                scores_learned.append(tp_fp_fn(page.truth, learned.body))
                g, l_ = generic.decisions, learned.decisions
                flags = body_flags([d.text for d in g], page.truth)
                for flag, dg, dl in zip(flags, g, l_):
                    kept_g, kept_l = dg.label == BODY, dl.label == BODY
                    row["body"] += flag
                    row["leaked_generic"] += kept_g and not flag
                    row["leaked_learned"] += kept_l and not flag
                    row["lost_generic"] += flag and not kept_g
                    if flag and kept_g and not kept_l:
                        row["body_lost"] += 1
                        if self.show_losses:
                            print(f"  LOST {page.key} [{host}] {dl.reason}: {dl.text[:120]!r}")
                    if flag and kept_l and not kept_g:
                        row["body_gained"] += 1
                    if kept_g and not kept_l and not flag:
                        row["fixed"] += 1
                        fixed_examples.append(f"  fixed {page.key}: {dl.reason}: {dl.text[:90]!r}")
        for n, line in enumerate(fixed_examples[:self.show_fixed]):
            print(line)
        row["hosts"] = len(groups)
        row["generic"] = summarise(scores_generic)
        row["learned"] = summarise(scores_learned)
        return row


def print_table(rows: list[tuple[str, dict]], markdown: bool) -> None:
    header = ["folder", "hosts", "pages", "with a profile", "F1 generic", "F1 learned", "P generic / learned",
              "R generic / learned", "body lines lost", "leaked generic", "leaked learned", "fixed"]
    lines = []
    for name, r in rows:
        g, l_ = r["generic"], r["learned"]
        lines.append([name, r["hosts"], r["pages"], r["profiles"], f"{g['f1']:.3f}", f"{l_['f1']:.3f}",
                      f"{g['precision']:.3f} / {l_['precision']:.3f}", f"{g['recall']:.3f} / {l_['recall']:.3f}",
                      r["body_lost"], r["leaked_generic"], r["leaked_learned"], r["fixed"]])
    if markdown:
        print("| " + " | ".join(header) + " |")
        print("|" + "---|" * len(header))
        for line in lines:
            print("| " + " | ".join(str(x) for x in line) + " |")
        return
    widths = [max(len(str(x)) for x in col) for col in zip(header, *lines)]
    for line in [header] + lines:
        print("  ".join(str(x).rjust(w) for x, w in zip(line, widths)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folders", nargs="*", help="benchmark folders (default: the three dev folders)")
    parser.add_argument("--no-seeds", action="store_true", help="leave out the seed sites")
    parser.add_argument("--share", type=float, default=LearnSettings.share)
    parser.add_argument("--no-shapes", action="store_true")
    parser.add_argument("--no-bounds", action="store_true")
    parser.add_argument("--no-inside-veto", action="store_true")
    parser.add_argument("--losses", action="store_true", help="print every body line lost")
    parser.add_argument("--fixed", type=int, default=0, help="print this many leaked lines the profile dropped")
    parser.add_argument("--markdown", action="store_true")
    args = parser.parse_args()
    settings = LearnSettings(share=args.share, shapes=not args.no_shapes, bounds=not args.no_bounds,
                             inside=not args.no_inside_veto)
    loo = LeaveOneOut(settings, args.losses, args.fixed)
    rows = []
    for folder in args.folders or default_folders():
        rows.append((Path(folder).name, loo.run(by_host(folder_pages(folder)))))
    if not args.no_seeds:
        rows.append(("seed sites", loo.run(by_host(seed_pages()))))
    print_table(rows, args.markdown)


if __name__ == "__main__":
    main()
