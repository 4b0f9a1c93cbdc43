"""Where records go — a JSONL file (plain or gzip'd) or a folder of .txt files — and how a run resumes.

The rule both follow: a record is either wholly in the output or not at all,
and what is in the output is the truth about what is done.

* **JSONL**: records are appended in batches. A run killed mid-write leaves
  at most a torn last line (plain) or a torn last gzip member (``.gz``: each
  batch is its own gzip member); resuming reads the file once, cuts the torn
  end, and notes every record's ``source`` as done. Done sources are kept as
  8-byte positions per input file, so resuming a huge output stays cheap.
* **Folder**: each document is written to a temporary name and renamed into
  place (a rename is atomic), so a file that exists is complete; resuming
  asks whether a document's file exists.
"""

from __future__ import annotations

import gzip
import json
import os
import re
import time
import zlib
from array import array
from bisect import bisect_left
from pathlib import PurePath
from typing import Any, Callable

from ..errors import BatchUsageError
from .records import ERROR, Source


class DoneIndex:
    """The sources already written: per input file, a sorted array of positions.

    Files are keyed by absolute path, so a record written as ``docs.jsonl`` (or
    ``./docs.jsonl``, by an older version) matches the input ``$PWD/docs.jsonl``.
    """

    def __init__(self) -> None:
        self._by_file: dict[str, array] = {}
        self._unsorted: set[str] = set()
        self._last = ("", "")  # (file as written, its absolute path): records of one file come together
        self.count = 0

    def _key(self, file: str) -> str:
        if self._last[0] != file:
            self._last = (file, os.path.abspath(file))
        return self._last[1]

    def files(self) -> list[str]:
        """The input files (absolute paths) that records were written for."""
        return list(self._by_file)

    def add(self, source: Source) -> None:
        file = self._key(source.file)
        positions = self._by_file.setdefault(file, array("q"))
        if positions and positions[-1] >= source.position:
            self._unsorted.add(file)
        positions.append(source.position)
        self.count += 1

    def freeze(self) -> None:
        """Sort what arrived out of order, so lookups can bisect."""
        for file in self._unsorted:
            self._by_file[file] = array("q", sorted(set(self._by_file[file])))
        self._unsorted.clear()

    def __contains__(self, source: Source) -> bool:
        positions = self._by_file.get(self._key(source.file))
        if not positions:
            return False
        index = bisect_left(positions, source.position)
        return index < len(positions) and positions[index] == source.position


class JsonlSink:
    """Append records to a JSONL file (gzip'd when the name ends in .gz), resumably."""

    serialize = True

    def __init__(self, path: str, flush_seconds: float = 1.0, flush_bytes: int = 1 << 20) -> None:
        self.path = path
        self.compressed = path.endswith(".gz")
        self.flush_seconds = flush_seconds
        self.flush_bytes = flush_bytes
        self.done = DoneIndex()
        self.cut_bytes = 0
        self._buffer: list[bytes] = []
        self._buffered = 0
        self._last_flush = time.monotonic()
        self._handle = None

    @property
    def resumed(self) -> int:
        return self.done.count

    def open(self, check: Callable[[list[str]], None] | None = None) -> None:
        """Read what an earlier run wrote (cutting a torn end), then open for appending.

        ``check`` is given the input files the output holds records of, before anything is cut: it raises
        to refuse the output, which is then left as it was.
        """
        folder = os.path.dirname(os.path.abspath(self.path))
        if not os.path.isdir(folder):
            raise BatchUsageError(f"output folder {folder!r} does not exist")
        try:
            self._handle = open(self.path, "r+b" if os.path.exists(self.path) else "w+b")
        except OSError as exc:
            raise BatchUsageError(f"cannot write {self.path!r}: {exc.strerror or exc}") from None
        size = os.fstat(self._handle.fileno()).st_size
        good_end = _scan_gzip(self._handle, self.done, self.path) if self.compressed else \
            _scan_plain(self._handle, self.done, self.path)
        self.done.freeze()
        if check is not None:
            try:
                check(self.done.files())
            except BaseException:
                self._handle.close()
                self._handle = None
                raise
        if good_end < size:
            self._handle.truncate(good_end)
            self.cut_bytes = size - good_end
        self._handle.seek(good_end)

    def is_done(self, source: Source) -> bool:
        return source in self.done

    def write(self, outcome_payload: bytes, status: str, record=None) -> None:
        self._buffer.append(outcome_payload)
        self._buffered += len(outcome_payload)
        if self._buffered >= self.flush_bytes or time.monotonic() - self._last_flush >= self.flush_seconds:
            self.flush()

    def flush(self) -> None:
        """Write the buffered records as one block (one gzip member when compressed)."""
        if self._buffer:
            block = b"".join(self._buffer)
            if self.compressed:
                block = gzip.compress(block, compresslevel=6, mtime=0)
            self._handle.write(block)
            self._handle.flush()
            self._buffer.clear()
            self._buffered = 0
        self._last_flush = time.monotonic()

    def close(self) -> None:
        if self._handle is not None:
            self.flush()
            os.fsync(self._handle.fileno())
            self._handle.close()
            self._handle = None


#: A record's "source" object, found without parsing the whole line (bodies make lines long). It cannot
#: match inside the "id" or "url" before it: in a JSON string every quote is escaped.
_SOURCE = re.compile(rb'"source":(\{"file":"(?:[^"\\]|\\.)*"(?:,"(?:line|offset)":-?\d+)?\})')


def _source_of(line: bytes) -> Source:
    match = _SOURCE.search(line)
    if match:
        try:
            return Source.from_dict(json.loads(match.group(1)))
        except ValueError:
            pass
    return Source.from_dict(json.loads(line).get("source"))


def _note(line: bytes, done: DoneIndex | list, path: str, number: int) -> None:
    """Record a written line's source as done; refuse a file that is not a batch output."""
    try:
        source = _source_of(line)
    except (ValueError, AttributeError):
        raise BatchUsageError(f"{path} line {number:,} is not a cleaner batch record; "
                              "not resuming into a file this command did not write") from None
    if isinstance(done, list):
        done.append(source)
    else:
        done.add(source)


def _scan_plain(handle, done: DoneIndex, path: str) -> int:
    """Note every whole line; return the offset after the last one (a torn last line is cut there)."""
    good_end = number = 0
    for line in handle:
        if not line.endswith(b"\n"):
            break
        number += 1
        _note(line, done, path, number)
        good_end += len(line)
    return good_end


def _scan_gzip(handle, done: DoneIndex, path: str, block: int = 1 << 20) -> int:
    """Note the records of every whole gzip member; return the offset after the last whole member."""
    good_end = consumed = number = 0
    inflater = zlib.decompressobj(31)
    pending, member = b"", []
    while True:
        data = handle.read(block)
        if not data:
            return good_end
        while data:
            try:
                text = pending + inflater.decompress(data)
            except zlib.error:
                return good_end  # damaged from here on: cut, and redo what followed
            *lines, pending = text.split(b"\n")
            for line in lines:
                number += 1
                _note(line, member, path, number)
            if not inflater.eof:
                consumed += len(data)
                break
            consumed += len(data) - len(inflater.unused_data)
            if pending:
                return good_end  # a member that ends mid-line was not written by us
            for source in member:
                done.add(source)
            member.clear()
            good_end = consumed
            data = inflater.unused_data
            inflater = zlib.decompressobj(31)


class TextDirSink:
    """One file per document under a folder: ``.txt`` with the body, or ``.err`` with the error.

    Names follow the source: ``OUT/<input path>.txt`` for a file that is one
    document, ``OUT/<input path>/line-000000012.txt`` for a JSONL line and
    ``OUT/<input path>/offset-000001234.txt`` for a WARC record (a leading
    ``/`` is dropped and ``..`` becomes ``__``). An empty ``.txt`` means the
    page had no article.
    """

    serialize = False

    def __init__(self, root: str) -> None:
        self.root = root
        self.resumed = 0
        self.cut_bytes = 0
        self._made: set[str] = set()

    def open(self, check: Callable[[list[str]], None] | None = None) -> None:
        """Make the folder. ``check`` is not called: which inputs the files came from is not known without
        walking the folder, nor needed, since each document has its own file and inputs never mix."""
        try:
            os.makedirs(self.root, exist_ok=True)
        except OSError as exc:
            raise BatchUsageError(f"cannot create output folder {self.root!r}: {exc.strerror or exc}") from None

    def target(self, source: Source) -> str:
        """The output path of a document, without its .txt / .err ending."""
        parts = [("__" if part == ".." else part) for part in PurePath(source.file).parts
                 if part not in (".", PurePath(source.file).anchor)]
        path = os.path.join(self.root, *parts)
        if source.line is not None:
            return os.path.join(path, f"line-{source.line:09d}")
        if source.offset is not None:
            return os.path.join(path, f"offset-{source.offset:09d}")
        return path

    def is_done(self, source: Source) -> bool:
        target = self.target(source)
        if os.path.exists(target + ".txt") or os.path.exists(target + ".err"):
            self.resumed += 1
            return True
        return False

    def write(self, payload: dict[str, Any], status: str, record=None) -> None:
        target = self.target(record.source)
        if status == ERROR:
            final, text = target + ".err", payload["error"] + "\n"
        else:
            final, text = target + ".txt", (payload["body"] + "\n" if payload["body"] else "")
        folder = os.path.dirname(final)
        if folder not in self._made:
            os.makedirs(folder, exist_ok=True)
            self._made.add(folder)
        temporary = final + ".partial"
        with open(temporary, "w", encoding="utf-8", errors="replace", newline="") as handle:
            handle.write(text)
        os.replace(temporary, final)

    def flush(self) -> None:
        pass

    def close(self) -> None:
        pass
