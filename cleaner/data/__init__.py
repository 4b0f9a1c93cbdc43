"""Data files: boilerplate phrases, the lexicon, the models (as data, apart from the logic that uses them)."""

from __future__ import annotations

import json
import os

from ..compat import TYPE_CHECKING, sha256

if TYPE_CHECKING:
    from typing import Any

#: This folder, on disk: the package is always installed as files (editable or not), and reading its data
#: with ``open()`` spares every start ``importlib.resources``, which imports zipfile, tempfile and shutil.
#: Paths here are strings (``os.path``): ``pathlib`` and the ``urllib.parse`` it imports were ~3-5 ms of
#: an installed package's cold start.
DATA_DIR = os.path.dirname(os.path.realpath(__file__))
#: A shipped TOML file's twin, beside it: ``NAME.toml`` + this (``python tools/build_phrase_index.py`` writes them).
TWIN_SUFFIX = ".json"


def data_file(name: str) -> str:
    """The path of the shipped data file ``name``."""
    return os.path.join(DATA_DIR, name)


def read_bytes(path: str | os.PathLike[str]) -> bytes:
    """The bytes of the file at ``path``."""
    with open(path, "rb") as handle:
        return handle.read()


def read_text(path: str | os.PathLike[str]) -> str:
    """The text of the UTF-8 file at ``path``."""
    with open(path, encoding="utf-8") as handle:
        return handle.read()


def read_toml(path: str | os.PathLike[str], raw: bytes | None = None) -> dict[str, Any]:
    """The data of the TOML file at ``path`` (its bytes ``raw``, if read already), as ``tomllib`` parses it.

    Taken from the file's JSON twin when the twin was made from exactly these bytes: the TOML stays the
    data one edits, and a start reads the lexicon, the phrases and the built-in profiles without importing
    ``tomllib`` and parsing them (~4 ms of CPU of a CLI start; JSON reads them in ~0.2). A file with no twin,
    or edited since its twin was made, is parsed (and a syntax error raised as ``tomllib`` raises it).
    """
    raw = read_bytes(path) if raw is None else raw
    try:
        twin = json.loads(read_text(twin_path(path)))
    except (OSError, ValueError):
        twin = None
    if isinstance(twin, dict) and twin.get("source_sha256") == sha256(raw).hexdigest():
        return twin["data"]
    from ..compat import tomllib

    return tomllib.loads(raw.decode("utf-8"))


def twin_path(path: str | os.PathLike[str]) -> str:
    """Where the JSON twin of the TOML file at ``path`` is."""
    return os.fspath(path) + TWIN_SUFFIX


def make_twin(path: str | os.PathLike[str]) -> dict[str, Any]:
    """The JSON twin of the TOML file at ``path``, as :func:`read_toml` reads it (written with its tables' keys
    in the file's order: the order of the phrase categories is their priority)."""
    from ..compat import tomllib

    raw = read_bytes(path)
    data = tomllib.loads(raw.decode("utf-8"))
    if json.loads(json.dumps(data)) != data or _types(json.loads(json.dumps(data))) != _types(data):
        raise ValueError(f"{path}: holds values JSON does not keep (dates, times)")
    return {"source_sha256": sha256(raw).hexdigest(), "data": data}


def _types(value: Any) -> Any:
    """``value``'s shape with each leaf's type: 1 and 1.0 compare equal, and must not pass for each other."""
    if isinstance(value, dict):
        return {key: _types(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_types(item) for item in value]
    return type(value).__name__
