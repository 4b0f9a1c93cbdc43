"""Data files: boilerplate phrases, the lexicon, the models (as data, apart from the logic that uses them)."""

from __future__ import annotations

from pathlib import Path

#: This folder, on disk: the package is always installed as files (editable or not), and reading its data
#: with ``open()`` spares every start ``importlib.resources``, which imports zipfile, tempfile and shutil.
DATA_DIR = Path(__file__).resolve().parent


def data_file(name: str) -> Path:
    """The path of the shipped data file ``name``."""
    return DATA_DIR / name
