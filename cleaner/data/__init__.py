"""Data files: boilerplate phrases, the lexicon, the models (as data, apart from the logic that uses them)."""

from __future__ import annotations

import marshal
import os
from functools import lru_cache

from ..compat import TYPE_CHECKING, sha256

if TYPE_CHECKING:
    from typing import Any

#: This folder, on disk: the package is always installed as files (editable or not), and reading its data
#: with ``open()`` spares every start ``importlib.resources``, which imports zipfile, tempfile and shutil.
#: Paths here are strings (``os.path``): ``pathlib`` and the ``urllib.parse`` it imports were ~3-5 ms of
#: an installed package's cold start.
DATA_DIR = os.path.dirname(os.path.realpath(__file__))
#: A shipped TOML or JSON file's twin, beside it: ``NAME.toml`` + this (``python tools/build_phrase_index.py`` writes
#: them): its data marshalled, which a start loads without importing ``tomllib`` or ``json`` (or parsing either).
TWIN_SUFFIX = ".marshal"


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

    Taken from the file's twin when the twin was made from exactly these bytes: the TOML stays the data one
    edits, and a start reads the lexicon, the phrases and the built-in profiles without importing ``tomllib``
    and parsing them (~4 ms of CPU of a CLI start). A file with no twin, or edited since its twin was made,
    is parsed (and a syntax error raised as ``tomllib`` raises it).
    """
    raw = read_bytes(path) if raw is None else raw
    twin = _current_twin(path, raw)
    if twin is not None:
        return twin["data"]
    from ..compat import tomllib

    return tomllib.loads(raw.decode("utf-8"))


def read_json(path: str | os.PathLike[str]) -> Any:
    """The data of the JSON file at ``path``, as ``json.loads`` reads it: from the file's twin when the twin was
    made from exactly these bytes (importing ``json`` and parsing the shipped files was ~20 M instructions of a
    CLI start, ~6% of what it adds to bare Python; loading their twins ~3 times less), else parsed (a file
    that is not JSON raises ``ValueError``)."""
    raw = read_bytes(path)
    twin = _current_twin(path, raw)
    if twin is not None:
        return twin["data"]
    import json

    return json.loads(raw)


def read_marshal(path: str | os.PathLike[str]) -> Any:
    """What the file at ``path`` holds marshalled (:mod:`marshal`: plain data, loaded in C): ``OSError`` when it
    cannot be read, ``ValueError``, ``EOFError`` or ``TypeError`` when it holds no such data."""
    return marshal.loads(read_bytes(path))


#: What :func:`read_marshal` raises for a file that is missing or holds no marshalled data.
MARSHAL_ERRORS = (OSError, ValueError, EOFError, TypeError)


def _current_twin(path: str | os.PathLike[str], raw: bytes) -> dict[str, Any] | None:
    """The twin of the file at ``path`` (whose bytes are ``raw``) when it was made from these bytes."""
    try:
        twin = read_marshal(twin_path(path))
    except MARSHAL_ERRORS:
        return None
    if isinstance(twin, dict) and twin.get("source_sha256") == source_sha256(raw):
        return twin
    return None


@lru_cache(maxsize=4)
def source_sha256(raw: bytes) -> str:
    """The SHA-256 (hex) of a source's bytes, which its twin and the files generated from it are keyed by. Kept
    for the next asker: a start asks the phrase data's three times (its twin, the trigger index, the core's
    translations), ~1.3 M instructions each."""
    return sha256(raw).hexdigest()


def twin_path(path: str | os.PathLike[str]) -> str:
    """Where the twin of the TOML or JSON file at ``path`` is."""
    return os.fspath(path) + TWIN_SUFFIX


def make_twin(path: str | os.PathLike[str]) -> dict[str, Any]:
    """The twin of the TOML or JSON file at ``path``, as :func:`read_toml` and :func:`read_json` read it (a dict
    keeps its keys in the file's order: the order of the phrase categories is their priority)."""
    raw = read_bytes(path)
    if os.fspath(path).endswith(".json"):
        import json

        data = json.loads(raw)
    else:
        from ..compat import tomllib

        data = tomllib.loads(raw.decode("utf-8"))
    kept = marshal.loads(marshal.dumps(data))  # (ValueError for what marshal does not keep: dates, times)
    if kept != data or _types(kept) != _types(data):
        raise ValueError(f"{path}: holds values a twin does not keep")
    return {"source_sha256": source_sha256(raw), "data": data}


def marshal_bytes(data: Any) -> bytes:
    """``data`` marshalled, the same bytes for the same data whatever else the writing process holds.

    :mod:`marshal` flags an object for sharing when anything holds a second reference to it (a cache keeping a
    digest, a parser's memo), so the same data could be written differently from one run of the build tool to
    the next and churn the shipped binary files. Dumping the data as loaded back from its own bytes gives a
    graph nothing outside refers to: the flags then follow the data alone.
    """
    return marshal.dumps(marshal.loads(marshal.dumps(data)))


def write_marshal(path: str | os.PathLike[str], data: Any) -> None:
    """Write ``data`` marshalled to the file at ``path`` (``python tools/build_phrase_index.py``)."""
    with open(path, "wb") as out:
        out.write(marshal_bytes(data))


def _types(value: Any) -> Any:
    """``value``'s shape with each leaf's type: 1 and 1.0 compare equal, and must not pass for each other."""
    if isinstance(value, dict):
        return {key: _types(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_types(item) for item in value]
    return type(value).__name__
