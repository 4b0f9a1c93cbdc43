"""The logic of ``cleaner check`` (and of the pytest plugin): clean fixture dumps, compare with expectations.

Layout: a dump ``NAME.txt`` (or ``NAME.html``) with the expected article
text beside it in ``NAME.expected.txt``; an optional ``NAME.url`` holds the
page's URL (used to pick the profile, as ``--url`` would). Folders are
searched recursively. A mismatch prints a unified diff; ``--update`` writes
the current output as the new expectation.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from ..api import Cleaner
from ..errors import CleanerError, UsageError
from ..output import to_text
from ..urls import sidecar_url

DUMP_SUFFIXES = (".txt", ".html", ".htm")
EXPECTED_SUFFIX = ".expected.txt"


@dataclass
class CheckResult:
    dump: Path
    expected_path: Path
    status: str            # "passed", "failed", "missing", "error", "updated"
    diff: str = ""
    message: str = ""


def expected_path_for(dump: Path) -> Path:
    return dump.with_name(dump.name[: -len(dump.suffix)] + EXPECTED_SUFFIX)


def is_dump(path: Path) -> bool:
    name = path.name
    return path.suffix.lower() in DUMP_SUFFIXES and not name.endswith(EXPECTED_SUFFIX) \
        and not name.startswith(".") and name.lower() not in ("readme.txt", "license.txt")


def find_dumps(paths: Iterable[str | Path]) -> list[Path]:
    """Every fixture dump under the given files and folders, in a stable order."""
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found.extend(sorted(p for p in path.rglob("*") if p.is_file() and is_dump(p)))
        elif path.is_file():
            found.append(path)
        else:
            raise UsageError(f"fixture path {str(path)!r} does not exist")
    return found


def check_one(cleaner: Cleaner, dump: Path, update: bool = False) -> CheckResult:
    expected_path = expected_path_for(dump)
    try:
        url = sidecar_url(dump)
        with dump.open("rb") as handle:  # read bounded, as the CLI reads
            actual = to_text(cleaner.clean(handle, url=url))
    except (CleanerError, OSError) as exc:
        return CheckResult(dump, expected_path, "error", message=str(exc))
    if update:
        if not expected_path.is_file() or _normal(expected_path.read_text(encoding="utf-8")) != _normal(actual):
            expected_path.write_text(actual, encoding="utf-8")
            return CheckResult(dump, expected_path, "updated")
        return CheckResult(dump, expected_path, "passed")
    if not expected_path.is_file():
        return CheckResult(dump, expected_path, "missing",
                           message=f"no expected output {expected_path} (run 'cleaner check --update' to create it)")
    expected = expected_path.read_text(encoding="utf-8")
    if _normal(expected) == _normal(actual):
        return CheckResult(dump, expected_path, "passed")
    diff = "".join(difflib.unified_diff(
        _normal(expected).splitlines(keepends=True), _normal(actual).splitlines(keepends=True),
        fromfile=str(expected_path), tofile=f"{dump} (cleaner output)"))
    return CheckResult(dump, expected_path, "failed", diff=diff)


def _normal(text: str) -> str:
    """Compare texts regardless of line-end style and trailing newlines."""
    return text.replace("\r\n", "\n").rstrip("\n") + "\n"
