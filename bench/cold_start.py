"""Cold start of the CLI on one dump: this tree against another, next to ``python -c pass``.

Usage: ``python bench/cold_start.py DUMP [--old TREE] [--installed NAME=VENV ...] [--runs 20]``

Each round runs ``python -c pass``, then ``python -m cleaner DUMP`` in this tree, then (with ``--old``) in
the other tree, so load on the shared machine falls on all of them alike; the figures are medians of the
rounds. ``-m`` puts the working directory first on ``sys.path``, so each run imports the tree it is started
in. CPU time is the children's user + system time from ``resource.getrusage``. Compile the ``.pyc`` files
of both trees first (``python -m compileall -q cleaner``): without them each start compiles the sources.

``--installed NAME=VENV`` (repeatable) also times an installed package (``pip install .`` into VENV): its
``cleaner`` console script on the dump, run from the system's temporary folder (no source tree on
``sys.path``), next to VENV's own ``python -c pass`` (a venv with no editable install starts faster than
this one). Each is reported against its own bare start.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent


def run_once(command: list[str], cwd: Path) -> tuple[float, float]:
    """Wall and CPU seconds of one run of ``command`` (output thrown away)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, cwd=cwd, stdout=subprocess.DEVNULL, check=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dump", type=Path)
    parser.add_argument("--old", type=Path, help="another source tree to time in the same rounds")
    parser.add_argument("--installed", action="append", default=[], metavar="NAME=VENV",
                        help="a venv the package is installed in (pip install .), timed as NAME")
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    dump = str(args.dump.resolve())
    cases = {"python -c pass": ([sys.executable, "-c", "pass"], HERE),
             "new": ([sys.executable, "-m", "cleaner", dump], HERE)}
    if args.old:
        cases["old"] = ([sys.executable, "-m", "cleaner", dump], args.old.resolve())
    bare_of = {name: "python -c pass" for name in cases}
    outside = Path(tempfile.gettempdir())
    for spec in args.installed:
        name, _, venv = spec.partition("=")
        if name in cases or f"{name} pass" in cases:  # "new" would silently replace this tree's figures
            parser.error(f"--installed {spec}: the name {name!r} is taken; name it otherwise")
        bin_dir = Path(venv).resolve() / "bin"
        cases[f"{name} pass"] = ([str(bin_dir / "python"), "-c", "pass"], outside)
        cases[name] = ([str(bin_dir / "cleaner"), dump], outside)
        bare_of[f"{name} pass"] = bare_of[name] = f"{name} pass"
    figures: dict[str, list[tuple[float, float]]] = {name: [] for name in cases}
    for _ in range(args.runs):
        for name, (command, cwd) in cases.items():
            figures[name].append(run_once(command, cwd))
    print(f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}; median of {args.runs} rounds")
    for name, runs in figures.items():
        bare = figures[bare_of[name]]
        bare_wall = statistics.median(w for w, _ in bare)
        bare_cpu = statistics.median(c for _, c in bare)
        wall = statistics.median(w for w, _ in runs)
        cpu = statistics.median(c for _, c in runs)
        print(f"  {name:<16} {wall * 1000:6.0f} ms wall {cpu * 1000:6.0f} ms CPU   "
              f"(+{(wall - bare_wall) * 1000:.0f} / +{(cpu - bare_cpu) * 1000:.0f} ms)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
