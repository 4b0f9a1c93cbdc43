from __future__ import annotations

import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

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
