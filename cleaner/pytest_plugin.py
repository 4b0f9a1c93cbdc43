"""A pytest plugin: ``pytest --cleaner-fixtures fixtures/`` checks each fixture dump as a test item.

The same check as ``cleaner check`` (``cleaner/cli/check.py``): each dump is
cleaned and compared with ``NAME.expected.txt`` beside it; a mismatch fails
with the unified diff ``cleaner check`` prints, and ``--cleaner-update``
accepts the current output as the new expectation.

pytest loads this module in every run of an environment where cleaner is
installed (the ``pytest11`` entry point), so it imports nothing of the
cleaner until ``--cleaner-fixtures`` is given: runs without it only pay for
adding the options.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

_CLEANER_KEY = "_cleaner_fixture_cleaner"


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("cleaner", "cleaner fixture dumps (as 'cleaner check')")
    group.addoption("--cleaner-fixtures", action="append", default=[], metavar="PATH",
                    help="Check every dump under PATH (a folder, searched recursively, or a file) against its "
                         "NAME.expected.txt, one test per dump. Repeatable.")
    group.addoption("--cleaner-update", action="store_true", default=False,
                    help="Write the current output as the new expected output (as 'cleaner check --update').")
    group.addoption("--cleaner-profiles-dir", action="append", default=[], metavar="DIR",
                    help="A folder of your own profile files (.toml); repeatable.")
    group.addoption("--cleaner-no-profiles", action="store_true", default=False,
                    help="Check the dumps with the generic fallback only.")
    group.addoption("--cleaner-text-model", metavar="FILE", default=None,
                    help="Score lines with your own text model instead of the shipped one.")
    group.addoption("--cleaner-markup-model", metavar="FILE", default=None,
                    help="Score HTML lines with your own markup model instead of the shipped one.")


def pytest_configure(config: pytest.Config) -> None:
    """Collect the fixture paths besides the tests a plain ``pytest`` runs (testpaths, or the current folder).

    Paths named on the command line are left as they are: ``pytest tests/test_a.py`` runs that file only,
    and ``pytest fixtures/site`` the dumps under that folder only.
    """
    paths = config.getoption("cleaner_fixtures")
    if not paths:
        return
    missing = [path for path in paths if not Path(path).exists()]
    if missing:
        raise pytest.UsageError(f"--cleaner-fixtures: {missing[0]!r} does not exist")
    if getattr(config, "args_source", None) != pytest.Config.ArgsSource.ARGS:
        config.args.extend(str(Path(path)) for path in paths if str(Path(path)) not in config.args)


def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> "CleanerDumpFile | None":
    config = parent.config
    roots = config.getoption("cleaner_fixtures")
    if not roots or not _under(file_path, roots):
        return None
    from .cli.check import is_dump

    if not is_dump(file_path):
        return None
    return CleanerDumpFile.from_parent(parent, path=file_path)


def _under(path: Path, roots: list[str]) -> bool:
    resolved = path.resolve()
    for root in roots:
        root_path = Path(root).resolve()
        if resolved == root_path or root_path in resolved.parents:
            return True
    return False


class CleanerDumpFile(pytest.File):
    """A fixture dump: one test item, named ``cleaner``."""

    def collect(self):
        yield CleanerFixtureItem.from_parent(self, name="cleaner")


class CleanerFixtureFailure(Exception):
    """A dump whose output differs from its expectation, or that could not be checked."""

    def __init__(self, message: str, diff: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.diff = diff


class CleanerFixtureItem(pytest.Item):
    """Clean the dump and compare with ``NAME.expected.txt``, as ``cleaner check`` does."""

    def runtest(self) -> None:
        from .cli.check import check_one

        dump = Path(os.path.relpath(self.path))  # the diff names the files as 'cleaner check' run here would
        result = check_one(_cleaner(self.config), dump, update=self.config.getoption("cleaner_update"))
        if result.status == "updated":
            self.add_report_section("call", "cleaner", f"updated {result.expected_path}")
        elif result.status == "failed":
            raise CleanerFixtureFailure(f"output differs from {result.expected_path}", result.diff)
        elif result.status != "passed":
            raise CleanerFixtureFailure(result.message or result.status)

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException], style: Any = None) -> str:
        error = excinfo.value
        if isinstance(error, CleanerFixtureFailure):
            text = f"{os.path.relpath(self.path)}: {error.message}"
            if error.diff:
                text += "\n" + error.diff.rstrip("\n")
            if error.diff:
                text += "\n(if the change is intended: pytest --cleaner-update, then review the diff in git)"
            return text
        return super().repr_failure(excinfo)

    def reportinfo(self) -> tuple[Path, None, str]:
        return self.path, None, f"cleaner fixture {self.nodeid.split('::')[0]}"


def _cleaner(config: pytest.Config) -> Any:
    """One Cleaner per session (profiles loaded once); a broken profile fails every item with its one line."""
    from .errors import CleanerError

    cached = getattr(config, _CLEANER_KEY, None)
    if cached is None:
        from .api import Cleaner

        try:
            cached = Cleaner(profiles_dirs=config.getoption("cleaner_profiles_dir"),
                             use_profiles=not config.getoption("cleaner_no_profiles"),
                             text_model=config.getoption("cleaner_text_model"),
                             markup_model=config.getoption("cleaner_markup_model"))
        except CleanerError as error:
            cached = error
        setattr(config, _CLEANER_KEY, cached)
    if isinstance(cached, CleanerError):
        raise CleanerFixtureFailure(f"cleaner: {cached}")
    return cached
