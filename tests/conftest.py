from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

try:
    from hypothesis import settings
except ImportError:  # only tests/test_fuzz.py needs it (the `test` extra installs it)
    settings = None

if settings is not None:
    # The fuzz tests' budgets (tests/test_fuzz.py; each test runs a share of max_examples, cheap ones more).
    # ``quick``, the default: about 5 s, the same examples on every run (derandomized, no example database),
    # so a plain `python -m pytest` stays fast and repeatable. ``ci`` (HYPOTHESIS_PROFILE=ci, as .ci/run
    # sets): new random examples on every run, about 30 s of CPU.
    settings.register_profile("quick", max_examples=15, derandomize=True, database=None, print_blob=True)
    settings.register_profile("ci", max_examples=150, database=None, print_blob=True)
    settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "quick"))

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
SEEDS = FIXTURES / "seeds"


@pytest.fixture
def runner() -> CliRunner:
    try:
        return CliRunner(mix_stderr=False)  # click < 8.2
    except TypeError:
        return CliRunner()


@pytest.fixture
def cli():
    from cleaner.cli import main

    return main


def seed(name_prefix: str) -> Path:
    return next(p for p in SEEDS.glob(f"{name_prefix}*.txt") if not p.name.endswith(".expected.txt"))


def python() -> str:
    return sys.executable
