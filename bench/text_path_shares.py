#!/usr/bin/env python3
"""Where a text dump's time goes in ``clean()`` with the native core: each part's share, in-process.

Usage: python bench/text_path_shares.py DIR [--rounds 7]

Cleans DIR's ``<id>.txt`` dumps (not ``.flat.txt``) with ``cleaner.clean`` as a user calls it, profiles on,
and times each part in-process (CPU time, ``time.process_time``): the core's ``TextPath.run``, the Python
``metadata`` stage (with what it asks of the core), choosing a profile (the fingerprints), and the rest
(``finish``, the article, the glue, reading the input). Prints ms a dump, dumps/s and the shares, medians
over rounds, with the machine's load. To compare two versions of the code, run each tree's copy of this
script in turn (``python OLD_TREE/bench/text_path_shares.py DIR``): each imports the package beside it.

Figures, never assertions: the shares move with the load; compare within one session.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

#: The parts timed, besides the whole.
PARTS = ("core", "metadata", "profiles")


class _TimedPath:
    """The core's text path with its ``run`` timed into ``spent``."""

    def __init__(self, inner, spent: dict[str, float]) -> None:
        self.inner, self.spent = inner, spent

    def run(self, *args, **kwargs):
        started = time.process_time()
        try:
            return self.inner.run(*args, **kwargs)
        finally:
            self.spent["core"] += time.process_time() - started

    def __getattr__(self, name: str):
        return getattr(self.inner, name)


def _instrument(spent: dict[str, float]) -> None:
    """Time the parts: the core's run, the metadata stage, the profile's choice."""
    from cleaner import api
    from cleaner.native.path import native_path
    from cleaner.stages import metadata

    path = native_path()
    if path is None:
        sys.exit("text_path_shares: the native core does not run (not built, or CLEANER_PURE_PYTHON set)")
    path.path = _TimedPath(path.path, spent)

    stage = metadata.MetadataStage

    class TimedStage(stage):  # type: ignore[misc, valid-type]
        def __call__(self, doc) -> None:
            started = time.process_time()
            try:
                super().__call__(doc)
            finally:
                spent["metadata"] += time.process_time() - started

    metadata.MetadataStage = TimedStage
    native_path_module = sys.modules["cleaner.native.path"]
    native_path_module.MetadataStage = TimedStage  # (the native path runs the stage it imported)
    pick = api.Cleaner._pick_profile

    def timed_pick(self, *args):
        started = time.process_time()
        try:
            return pick(self, *args)
        finally:
            spent["profiles"] += time.process_time() - started

    api.Cleaner._pick_profile = timed_pick


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()
    from speed import dumps

    import cleaner

    texts = dumps(args.folder)
    spent = dict.fromkeys(PARTS, 0.0)
    _instrument(spent)
    for text in texts:  # warm up: regexes compiled, profiles loaded
        cleaner.clean(text)
    totals, shares = [], {part: [] for part in PARTS}
    for _ in range(args.rounds):
        spent.update(dict.fromkeys(PARTS, 0.0))
        started = time.process_time()
        for text in texts:
            cleaner.clean(text)
        total = time.process_time() - started
        totals.append(total)
        for part in PARTS:
            shares[part].append(spent[part] / total)
    total = statistics.median(totals)
    share = {part: statistics.median(values) for part, values in shares.items()}
    print(f"{Path(cleaner.__file__).parent.parent.name}: {len(texts)} dumps of {args.folder.name}, "
          f"{total / len(texts) * 1e3:.3f} ms a dump ({len(texts) / total:.0f} dumps/s; CPU, median of {args.rounds})")
    for part in PARTS:
        print(f"  {part:<9} {share[part]:>4.0%}  {share[part] * total / len(texts) * 1e3:.3f} ms")
    print(f"  {'rest':<9} {1 - sum(share.values()):>4.0%}")
    print(f"  load average {' '.join(f'{x:.2f}' for x in os.getloadavg())} on {os.cpu_count()} CPUs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
