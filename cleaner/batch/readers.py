"""Finding and streaming input documents: directories, dump files, JSONL (WARC is in :mod:`.warc`).

Everything streams. A directory is walked lazily (one folder's listing at a
time, sorted, so the order is the same on every run); a JSONL file is read a
line at a time with the line length capped at ``--max-bytes``, so a huge line
is skipped without ever being held in memory. Reading problems become error
records for the document (or file) concerned; they never stop the run.

Each reader takes ``skip(source) -> bool``, the resume check, and asks it
before loading a document, so a resumed run does not re-read payloads it
has already written.
"""

from __future__ import annotations

import gzip
import os
import zlib
from typing import Callable, Iterable, Iterator

from ..errors import BatchUsageError
from ..urls import sidecar_url
from .records import InputRecord, Skip, Source
from .warc import read_warc

Note = Callable[[str], None]


def _quiet(message: str) -> None:
    """The default ``note``: warnings go nowhere."""

#: Name endings picked up in a directory walk, by kind (gzip'd variants too).
DUMP_SUFFIXES = (".txt", ".html", ".htm", ".xhtml")
JSONL_SUFFIXES = (".jsonl", ".ndjson")
WARC_SUFFIXES = (".warc", ".wet")
_GZIP_MAGIC = b"\x1f\x8b"
_READ_ERRORS = (OSError, EOFError, zlib.error)


def classify(name: str) -> str | None:
    """``"jsonl"``, ``"warc"`` or ``"dump"`` by the file name; None if a walk should pass it by."""
    lower = name.lower()
    if lower.endswith(".gz"):
        lower = lower[:-3]
    if lower.endswith(JSONL_SUFFIXES):
        return "jsonl"
    if lower.endswith(WARC_SUFFIXES):
        return "warc"
    if lower.endswith(DUMP_SUFFIXES):
        return "dump"
    return None


def input_name(path: str) -> str:
    """The one spelling of an input path, whichever way it was typed: relative to the current folder when
    it is inside it, else absolute. ``docs.jsonl``, ``./docs.jsonl`` and ``$PWD/docs.jsonl`` are one source,
    so a run typed one way resumes a run typed another, and their records say the same ``source.file``."""
    full = os.path.abspath(path)
    relative = os.path.relpath(full)
    if relative == os.pardir or relative.startswith(os.pardir + os.sep):
        return full
    return relative


def check_inputs(paths: Iterable[str], excluded: Iterable[str] = ()) -> list[str]:
    """The input arguments in their one spelling (:func:`input_name`); refuse missing ones and inputs that overlap.

    Overlapping inputs (a folder and a file inside it, or the same file twice)
    would make two records for one document, so they are an error.
    """
    given: dict[str, str] = {}
    for path in paths:
        if not os.path.exists(path):
            raise BatchUsageError(f"input {path!r} does not exist")
        full = os.path.abspath(path)
        if full in given:
            raise BatchUsageError(f"input {path!r} is given twice")
        given[full] = input_name(path)
    outputs = {os.path.abspath(path) for path in excluded}
    for full, path in given.items():
        if full in outputs:
            raise BatchUsageError(f"input {path!r} is the output of this run")
        parent = os.path.dirname(full)
        while parent != os.path.dirname(parent):
            if parent in given:
                raise BatchUsageError(f"input {path!r} is inside input {given[parent]!r}: it would be read twice")
            parent = os.path.dirname(parent)
    return list(given.values())


def outside_inputs(files: Iterable[str], inputs: Iterable[str]) -> str | None:
    """The first of ``files`` (as an output's records name them) that is none of ``inputs`` and in none of
    them, compared as absolute paths; None when every file belongs to this run's inputs."""
    given = {os.path.abspath(path) for path in inputs}
    for file in files:
        path = os.path.abspath(file)
        while path not in given:
            parent = os.path.dirname(path)
            if parent == path:
                return file
            path = parent
    return None


def read_inputs(paths: Iterable[str], skip: Skip, max_bytes: int, excluded: Iterable[str] = (),
                note: Note = _quiet) -> Iterator[InputRecord]:
    """Every document of every input, in a stable order: arguments in order, folders sorted.

    ``note`` receives a one-line warning for each file a folder walk passes by (see :func:`walk`).
    """
    readers = {"jsonl": read_jsonl, "warc": read_warc, "dump": read_dump}
    excluded_abs = {os.path.abspath(path) for path in excluded}
    for path in paths:
        if os.path.isdir(path):
            files = walk(path, excluded_abs, note)
        else:
            files = iter([(path, classify(os.path.basename(path)) or "dump", None)])
        for file, kind, error in files:
            if error is not None:
                source = Source(file)
                if not skip(source):
                    yield InputRecord(source, error=error)
                continue
            yield from readers[kind](file, skip, max_bytes)


def count_documents(paths: Iterable[str], excluded: Iterable[str] = ()) -> int | None:
    """How many documents the inputs hold, when that is known without reading them: folders of dumps and dump
    files (a walk of names, nothing opened); None as soon as a JSONL or WARC file holds an unknown number."""
    excluded_abs = {os.path.abspath(path) for path in excluded}
    total = 0
    for path in paths:
        files = walk(path, excluded_abs) if os.path.isdir(path) else [(path, classify(path) or "dump", None)]
        for _file, kind, _error in files:
            if kind in ("jsonl", "warc"):
                return None
            total += 1
    return total


def walk(top: str, excluded: set[str], note: Note = _quiet) -> Iterator[tuple[str, str, str | None]]:
    """(path, kind, None) for each input file under ``top``, sorted; (folder, "", reason) if one is unreadable.

    Hidden files and folders (a leading dot) are passed by, and so is this
    run's own output. Symbolic links to folders are not followed (no cycles).
    A FIFO, socket or device is passed by with a note: reading one could wait
    forever (a FIFO named as an argument is read, as a stream).
    """
    try:
        with os.scandir(top) as scan:
            entries = sorted(scan, key=lambda entry: entry.name)
    except OSError as exc:
        yield top, "", f"cannot list folder {top!r}: {exc.strerror or exc}"
        return
    for entry in entries:
        if entry.name.startswith(".") or os.path.abspath(entry.path) in excluded:
            continue
        path = os.path.normpath(entry.path)  # 'a.txt', not './a.txt', when the folder is '.'

        try:
            is_dir = entry.is_dir(follow_symlinks=False)
        except OSError:
            is_dir = False
        if is_dir:
            yield from walk(path, excluded, note)
            continue
        kind = classify(entry.name)
        if not kind:
            continue
        if not entry.is_file() and os.path.exists(path):  # a broken link is left to fail as a read error
            note(f"skipping {path!r}: not a regular file")
            continue
        yield path, kind, None


def open_maybe_gzip(path: str):
    """A binary reader of the file, decompressing it when it starts with gzip's magic bytes."""
    handle = open(path, "rb")
    try:
        magic = handle.peek(2)[:2]
    except OSError:
        handle.close()
        raise
    if magic == _GZIP_MAGIC:
        return gzip.GzipFile(fileobj=handle, mode="rb")  # closing it leaves handle open: see _close
    return handle


def _close(stream) -> None:
    inner = getattr(stream, "fileobj", None)
    stream.close()
    if inner is not None:
        inner.close()


def _describe(exc: BaseException) -> str:
    return getattr(exc, "strerror", None) or str(exc) or type(exc).__name__


def read_dump(path: str, skip: Skip, max_bytes: int) -> Iterator[InputRecord]:
    """A file that is one dump (text or HTML, maybe gzip'd); its URL from the ``NAME.url`` file beside it."""
    source = Source(path)
    if skip(source):
        return
    try:
        url = sidecar_url(path)
    except OSError as exc:
        yield InputRecord(source, id=path, error=f"cannot read the URL file beside {path!r}: {_describe(exc)}")
        return
    try:
        if os.path.getsize(path) > max_bytes and not _is_gzip(path):
            yield InputRecord(source, id=path, url=url, error=f"input is over --max-bytes ({max_bytes:,} bytes)")
            return
        stream = open_maybe_gzip(path)
        try:
            data = stream.read(max_bytes + 1)
        finally:
            _close(stream)
    except _READ_ERRORS as exc:
        yield InputRecord(source, id=path, url=url, error=f"cannot read {path!r}: {_describe(exc)}")
        return
    if len(data) > max_bytes:
        yield InputRecord(source, id=path, url=url, error=f"input is over --max-bytes ({max_bytes:,} bytes)")
        return
    yield InputRecord(source, data=data, id=path, url=url)


def _is_gzip(path: str) -> bool:
    with open(path, "rb") as handle:
        return handle.read(2) == _GZIP_MAGIC


def read_jsonl(path: str, skip: Skip, max_bytes: int) -> Iterator[InputRecord]:
    """One document per non-blank line; the line is parsed later, in a worker.

    A line over ``max_bytes`` is skipped unread (an error record); a read
    failure (a truncated gzip, an I/O error) ends the file with one error
    record naming the last line read.
    """
    try:
        stream = open_maybe_gzip(path)
    except OSError as exc:
        source = Source(path)
        if not skip(source):
            yield InputRecord(source, error=f"cannot read {path!r}: {_describe(exc)}")
        return
    number = 0
    try:
        while True:
            try:
                line = stream.readline(max_bytes + 1)
                too_long = len(line) > max_bytes and not line.endswith(b"\n")
                if too_long:
                    _skip_rest_of_line(stream)
            except _READ_ERRORS as exc:
                source = Source(path)
                if not skip(source):
                    yield InputRecord(source, error=f"cannot read {path!r} after line {number:,}: {_describe(exc)}")
                return
            if not line:
                return
            number += 1
            source = Source(path, line=number)
            if too_long:
                if not skip(source):
                    yield InputRecord(source, error=f"line is over --max-bytes ({max_bytes:,} bytes)")
            elif line.strip() and not skip(source):
                yield InputRecord(source, data=line, kind="jsonl")
    finally:
        _close(stream)


def _skip_rest_of_line(stream, block: int = 1 << 20) -> None:
    """Read past the end of an over-long line without keeping it."""
    while True:
        piece = stream.readline(block)
        if not piece or piece.endswith(b"\n"):
            return
