"""Cleaning one input record into one output record: the code every worker process runs.

A :class:`Processor` holds one :class:`cleaner.Cleaner` (profiles loaded once
per process) and never raises for a document: bad input becomes an error
record with the cleaner's one-line reason, and any other exception is a
crash inside the cleaner, reported as an error record too. The record is
serialised to its JSON line here, in the worker, so the process that reads
and writes files does as little per document as possible.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from typing import Any

from ..document import Article
from ..errors import CleanerError, InputError
from ..reading import DEFAULT_MAX_BYTES
from .records import ARTICLE, EMPTY, ERROR, InputRecord, error_record, one_line


@dataclass(frozen=True)
class Settings:
    """How to read and clean documents; picklable, so each worker builds its own cleaner from it."""

    profiles_dirs: tuple[str, ...] = ()
    use_profiles: bool = True
    profile: str | None = None
    input_format: str = "auto"
    max_bytes: int = DEFAULT_MAX_BYTES
    text_field: str = "text"
    id_field: str = "id"
    url_field: str = "url"
    text_model: str | None = None   # a text model file instead of the shipped one
    markup_model: str | None = None  # a markup model file instead of the shipped one
    serialize: bool = True      # True: a JSON line (bytes) per document; False: the record dict
    site_evidence: Any = None   # --learn-sites: the template lines of each host (cleaner.site_evidence.SiteEvidence)

    def __post_init__(self) -> None:
        for name in ("text_model", "markup_model"):  # a Path given by a library caller: kept as plain text
            if getattr(self, name) is not None:      # (picklable, printable)
                object.__setattr__(self, name, os.fspath(getattr(self, name)))

    def make_cleaner(self):
        """The configured :class:`cleaner.Cleaner`; raises CleanerError for a broken profile, name or model."""
        from ..api import Cleaner

        cleaner = Cleaner(profiles_dirs=self.profiles_dirs, use_profiles=self.use_profiles, text_model=self.text_model,
                          markup_model=self.markup_model, max_bytes=self.max_bytes, site_evidence=self.site_evidence)
        if self.profile:
            cleaner.registry.get(self.profile)  # an unknown name fails now, not once per document
        return cleaner


Outcome = tuple[str, Any]   # (status, JSON line bytes or record dict)


class Processor:
    """Turns input records into output records; one per process."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.cleaner = settings.make_cleaner()

    def process(self, record: InputRecord) -> Outcome:
        """The outcome of one document: never raises for anything the document contains."""
        data = self.clean_record(record)
        status = ERROR if data["error"] is not None else (EMPTY if not data["body"] else ARTICLE)
        return status, (to_json_line(data) if self.settings.serialize else data)

    def clean_record(self, record: InputRecord) -> dict[str, Any]:
        if record.error is not None:
            return error_record(record, record.error)
        try:
            article = self.article_of(record)
        except CleanerError as error:
            return error_record(record, str(error))
        except MemoryError:  # a resource error, not a bug: the record says so, the run goes on
            return error_record(record, "out of memory (MemoryError) while cleaning this document")
        except Exception as exc:  # noqa: BLE001 - a bug in the cleaner must not lose the document
            return error_record(record, f"crash inside the cleaner: {type(exc).__name__}: {one_line(str(exc), 300)}")
        return article_record(record, article)

    def article_of(self, record: InputRecord) -> Article:
        """Clean one record's document; CleanerError when it cannot be read or cleaned."""
        dump = self.payload_of(record)
        return self.cleaner.clean(dump, url=record.url, profile=self.settings.profile,
                                  input_format=record.input_format or self.settings.input_format,
                                  charset=record.charset)

    def payload_of(self, record: InputRecord) -> str | bytes:
        """The dump as the cleaner reads it (:func:`cleaner.reading.read_input`): a JSONL line's text field, the
        file's bytes, or an HTTP payload with its transfer and content encodings undone."""
        if record.kind == "jsonl":
            return read_jsonl_line(record, self.settings)
        data = record.data
        if record.kind == "http" and record.encodings and not isinstance(data, str):
            from .warc import decode_http_payload

            data = decode_http_payload(data, record.encodings, self.settings.max_bytes)
        return data


def read_jsonl_line(record: InputRecord, settings: Settings) -> str:
    """Parse a JSONL line: set the record's id and url, return its text; InputError if it has none."""
    try:
        value = json.loads(record.data)
    except ValueError as exc:  # JSONDecodeError, UnicodeDecodeError
        raise InputError(f"line is not valid JSON: {one_line(str(exc), 200)}") from None
    if not isinstance(value, dict):
        raise InputError(f"line is a JSON {type(value).__name__}, not an object")
    identifier = value.get(settings.id_field)
    record.id = identifier if identifier is None or isinstance(identifier, (str, int)) else str(identifier)
    url = value.get(settings.url_field)
    record.url = url if isinstance(url, str) and url else None
    text = value.get(settings.text_field)
    if text is None:
        raise InputError(f"line has no {settings.text_field!r} field (see --text-field)")
    if not isinstance(text, str):
        raise InputError(f"field {settings.text_field!r} is a {type(text).__name__}, not a string")
    return text


def failed(record: InputRecord, reason: str, settings: Settings) -> Outcome:
    """The outcome of a document that failed outside a worker's cleaner (read error, timeout, dead worker)."""
    identify_jsonl_line(record, settings)
    data = error_record(record, reason)
    return ERROR, (to_json_line(data) if settings.serialize else data)


def identify_jsonl_line(record: InputRecord, settings: Settings) -> None:
    """Best effort: fill a JSONL record's id and url for an error record written by the parent."""
    if record.kind == "jsonl" and record.id is None and record.url is None:
        try:
            read_jsonl_line(record, settings)
        except CleanerError:
            pass


def article_record(record: InputRecord, article: Article) -> dict[str, Any]:
    """The output record of a cleaned document (an empty body means no article was found)."""
    return {
        "id": record.id,
        "url": record.url,
        "source": record.source.to_dict(),
        "title": article.title,
        "byline": article.byline,
        "date": article.date,
        "site": article.site,
        "profile": article.profile,
        "language": article.language,
        "body": article.body,
        "lines_in": article.lines_in,
        "lines_kept": len(article.paragraphs),  # one paragraph per kept line
        "error": None,
    }


def to_json_line(data: dict[str, Any]) -> bytes:
    """One record as a UTF-8 JSON line; lone surrogates (legal in JSON input) are kept as escapes."""
    try:
        return (json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")
    except UnicodeEncodeError:
        return (json.dumps(data, separators=(",", ":")) + "\n").encode("ascii")
