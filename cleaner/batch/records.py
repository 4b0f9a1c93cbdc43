"""What flows through a batch run: where a document came from, the document, and the output record.

Every input document is identified by its :class:`Source`: the input file and
the document's place in it (a JSONL line number, a WARC record's byte offset,
or nothing for a file that is one document). That key is stable from run to
run, which is what lets a killed run resume without losing or duplicating a
record. Output records are plain dicts with the same keys whatever happened,
so a consumer never has to guess the shape of an error.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

#: The keys of every output record, in the order they are written.
RECORD_KEYS = ("id", "url", "source", "title", "byline", "date", "site", "profile", "language", "body",
               "lines_in", "lines_kept", "error")

#: Outcome statuses: an article was found, the page had none, or the document failed.
ARTICLE, EMPTY, ERROR = "article", "empty", "error"

#: A record's position when the whole file is the document (or the file as a whole failed).
WHOLE_FILE = -1


@dataclass(frozen=True, slots=True)
class Source:
    """Where a document came from: ``file``, plus ``line`` (JSONL) or ``offset`` (WARC)."""

    file: str
    line: int | None = None
    offset: int | None = None

    @property
    def position(self) -> int:
        """The document's place in its file, as one integer (the resume key's second half)."""
        if self.line is not None:
            return self.line
        if self.offset is not None:
            return self.offset
        return WHOLE_FILE

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"file": self.file}
        if self.line is not None:
            data["line"] = self.line
        if self.offset is not None:
            data["offset"] = self.offset
        return data

    @classmethod
    def from_dict(cls, data: Any) -> "Source":
        """Read back the ``source`` of a written record; ValueError if it is not one of ours."""
        if not isinstance(data, dict) or not isinstance(data.get("file"), str):
            raise ValueError("no source.file")
        line, offset = data.get("line"), data.get("offset")
        for value in (line, offset):
            if value is not None and (not isinstance(value, int) or isinstance(value, bool)):
                raise ValueError("source position is not an integer")
        return cls(data["file"], line, offset)

    def __str__(self) -> str:
        if self.line is not None:
            return f"{self.file}:{self.line}"
        if self.offset is not None:
            return f"{self.file}@{self.offset}"
        return self.file


@dataclass(slots=True)
class InputRecord:
    """One input document as a reader found it, before cleaning.

    ``kind`` says how a worker turns ``data`` into a dump: ``"dump"`` is the
    dump itself (bytes or str); ``"jsonl"`` is a raw JSONL line the worker
    parses (so the reading process never pays for JSON decoding);
    ``"http"`` is an HTTP payload from a WARC response, which may still carry
    a content or transfer encoding. A record whose ``error`` is set failed
    while being read and is written as an error record without cleaning.
    """

    source: Source
    data: bytes | str | None = None
    kind: str = "dump"
    id: Any = None
    url: str | None = None
    input_format: str | None = None     # None: the run's --input-format
    charset: str | None = None          # an HTTP Content-Type charset, tried after UTF-8
    encodings: tuple[str, ...] = ()      # HTTP transfer/content encodings still to undo, in order
    error: str | None = None
    seq: int = -1                       # the run's order of documents, set by the runner

    @property
    def size(self) -> int:
        """Bytes held for this record (what the in-flight memory bound counts)."""
        return len(self.data) if self.data is not None else 0


#: The resume check a reader asks before loading a document: True when its record is already written.
Skip = Callable[[Source], bool]


def one_line(message: str, limit: int = 500) -> str:
    """Errors in records are one line, and never a novel."""
    text = " ".join(str(message).split())
    return text if len(text) <= limit else text[:limit - 1] + "…"


def error_record(record: InputRecord, reason: str) -> dict[str, Any]:
    """The output record of a document that could not be cleaned."""
    data: dict[str, Any] = dict.fromkeys(RECORD_KEYS)
    data.update(id=record.id, url=record.url, source=record.source.to_dict(), error=one_line(reason))
    return data
