"""WARC and WET input, through FastWARC (the reader Common Crawl tooling uses), and HTTP payload decoding.

Which records are documents:

* ``conversion`` records (WET files) are text dumps: cleaned as text.
* ``response`` records are HTTP responses: cleaned as HTML (``text/html``,
  ``application/xhtml+xml``) or as text (``text/plain``, or no Content-Type).
  Any other Content-Type (images, PDFs, scripts, feeds) is an **error record**
  ("not a web page"), never a silent skip: every response in the file is
  accounted for in the output, and its payload is never read.
* ``warcinfo``, ``request``, ``metadata``, ``revisit``, ``resource`` and
  ``continuation`` records are not documents: skipped, not counted.

The target URI is the document's ``url`` (it picks the site profile) and the
WARC-Record-ID its ``id``; the record's byte offset in the file is its place
in ``source``. HTTP transfer and content encodings (chunked, gzip, deflate,
br) are undone in the worker, so a broken one fails that document only.
"""

from __future__ import annotations

import zlib
from typing import Iterator

from ..errors import InputError
from .records import InputRecord, Skip, Source

_HTML_TYPES = ("text/html", "application/xhtml+xml")
_TEXT_TYPES = ("text/plain", "")
_ENCODINGS = ("chunked", "gzip", "x-gzip", "deflate", "br", "identity")


def read_warc(path: str, skip: Skip, max_bytes: int) -> Iterator[InputRecord]:
    """The response and conversion records of a WARC/WET file (plain or gzip'd), in file order."""
    from fastwarc.warc import ArchiveIterator, WarcRecordType

    wanted = WarcRecordType.response | WarcRecordType.conversion
    last_offset = None
    try:
        with open(path, "rb") as stream:
            for record in ArchiveIterator(stream, record_types=wanted, parse_http=True, auto_decode="none"):
                last_offset = record.stream_pos
                source = Source(path, offset=record.stream_pos)
                if not skip(source):
                    yield _input_record(record, source, max_bytes, record.record_type == WarcRecordType.conversion)
    except (OSError, ValueError) as exc:
        source = Source(path)
        if not skip(source):
            where = f"after the record at offset {last_offset:,}" if last_offset is not None else "at the start"
            yield InputRecord(source, error=f"cannot read {path!r} {where}: {exc}")


def _input_record(record, source: Source, max_bytes: int, is_conversion: bool) -> InputRecord:
    """One WARC record as an input document (or an error record saying why it is not one)."""
    headers = record.headers
    document = InputRecord(source, id=_strip_brackets(headers.get("WARC-Record-ID")),
                           url=_strip_brackets(headers.get("WARC-Target-URI")))
    if headers.get("Content-Length") is None:
        document.error = "truncated WARC record (its header has no Content-Length)"
        return document
    if is_conversion:
        document.input_format = "text"
    else:
        problem = _describe_response(record, document)
        if problem:
            document.error = problem
            return document
    length = record.content_length
    if length > max_bytes:
        document.error = f"payload of {length:,} bytes is over --max-bytes ({max_bytes:,} bytes)"
        return document
    payload = record.reader.read()
    if len(payload) < length:
        document.error = f"truncated WARC record: {len(payload):,} of {length:,} payload bytes present"
        return document
    document.data = payload
    return document


def _describe_response(record, document: InputRecord) -> str | None:
    """Fill in how to read an HTTP response; the reason it is not a web page, if it is not one."""
    http = record.http_headers
    if not record.is_http or http is None or http.status_code is None:
        return "response record without a valid HTTP header"
    content_type = (record.http_content_type or "").strip().lower()
    if content_type in _HTML_TYPES:
        document.input_format = "html"
    elif content_type not in _TEXT_TYPES:
        return f"not a web page (Content-Type {content_type})"
    document.kind = "http"
    document.charset = record.http_charset or None
    document.encodings = _encodings(http.get("Transfer-Encoding"), http.get("Content-Encoding"))
    return None


def _encodings(transfer: str | None, content: str | None) -> tuple[str, ...]:
    """The encodings to undo, in order: transfer (chunked) first, then content encodings last-applied first."""
    steps: list[str] = []
    for header in (transfer, content):
        names = [name.strip().lower() for name in (header or "").split(",") if name.strip()]
        steps.extend(reversed(names))
    return tuple(name for name in steps if name != "identity")


def _strip_brackets(value: str | None) -> str | None:
    if value and value.startswith("<") and value.endswith(">"):
        return value[1:-1]
    return value or None


def decode_http_payload(data: bytes, encodings: tuple[str, ...], max_bytes: int) -> bytes:
    """Undo HTTP transfer/content encodings; InputError if one is unknown, broken, or inflates past max_bytes."""
    for name in encodings:
        if name == "chunked":
            data = _dechunk(data)
        elif name in ("gzip", "x-gzip", "deflate"):
            data = _inflate(data, name, max_bytes)
        elif name == "br":
            data = _unbrotli(data, max_bytes)
        else:
            raise InputError(f"unsupported HTTP encoding {name!r}")
    return data


def _dechunk(data: bytes) -> bytes:
    parts, position = [], 0
    while True:
        end = data.find(b"\r\n", position)
        if end == -1:
            raise InputError("broken chunked transfer encoding")
        try:
            size = int(data[position:end].split(b";")[0].strip(), 16)
        except ValueError:
            raise InputError("broken chunked transfer encoding") from None
        if size == 0:
            return b"".join(parts)
        parts.append(data[end + 2:end + 2 + size])
        position = end + 2 + size + 2


def _inflate(data: bytes, name: str, max_bytes: int) -> bytes:
    # gzip: header auto-detected (32+); deflate: zlib-wrapped, or raw as some servers send it.
    attempts = (47,) if name != "deflate" else (15, -15)
    for wbits in attempts:
        inflater = zlib.decompressobj(wbits)
        try:
            out = inflater.decompress(data, max_bytes + 1)
        except zlib.error:
            continue
        if len(out) > max_bytes:
            raise InputError(f"{name}-encoded payload inflates past --max-bytes ({max_bytes:,} bytes)")
        return out
    raise InputError(f"broken {name} content encoding")


def _unbrotli(data: bytes, max_bytes: int) -> bytes:
    try:
        import brotli  # installed with FastWARC
    except ImportError:  # pragma: no cover - FastWARC depends on it
        raise InputError("brotli-encoded payload, and the brotli module is not installed") from None
    decompressor = brotli.Decompressor()
    try:
        try:
            out = decompressor.process(data, output_buffer_limit=max_bytes + 1)
        except TypeError:  # brotli < 1.2 has no output limit
            out = decompressor.process(data)
    except brotli.error:
        raise InputError("broken br content encoding") from None
    if len(out) > max_bytes:
        raise InputError(f"br-encoded payload inflates past --max-bytes ({max_bytes:,} bytes)")
    return out
