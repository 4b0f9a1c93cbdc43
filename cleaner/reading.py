"""Bytes to text: encodings, binary sniffing, size limits, and clear errors.

One policy for every way in (:func:`read_input`: the library, the CLI,
``cleaner batch``). A scraped dump arrives as bytes of unknown encoding. A BOM
decides first (UTF-8, UTF-16/32); then bytes that are valid UTF-8 are UTF-8
(legacy-encoded text almost never is, while pages that declare a legacy
charset but are UTF-8 are common); then the charset the transport gave, when
there was one (an HTTP Content-Type header, in a WARC record); then the
charset the page declares (``<meta charset>``, the ``http-equiv`` form, an
XML declaration; ISO-8859-1 read as windows-1252, as browsers do); anything
else goes to charset-normalizer (installed with trafilatura). Binary data is
recognised by NUL bytes, which no text encoding without a BOM produces but
UTF-16: UTF-16 without a BOM is recognised by where its NUL bytes fall
(every other byte, on one side) before NUL means binary.
"""

from __future__ import annotations

import codecs
import re

from .compat import TYPE_CHECKING
from .errors import InputError, UsageError
from .lazy_re import lazy_compile

if TYPE_CHECKING:
    from typing import BinaryIO

#: Inputs larger than this are refused (``--max-bytes``; ``Cleaner(max_bytes=...)``).
DEFAULT_MAX_BYTES = 64 * 1024 * 1024
#: A text line longer than this is not a scraped dump (minified code, a blob).
DEFAULT_MAX_LINE_CHARS = 1_000_000
#: How an input may be read: as HTML when it looks like it, or as the one or the other (``--input-format``).
INPUT_FORMATS = ("auto", "text", "html")

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
#: (bytes patterns, compiled by :func:`_declared_charset` through ``re``'s cache: only bytes not in UTF-8 ask
#: for them, and compiling them at import was ~0.8 ms of every start)
_META_CHARSET = rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]{2,40})"""
_XML_ENCODING = rb"""\A\s*<\?xml[^>]{0,100}?encoding\s*=\s*["']([A-Za-z0-9._:-]{2,40})"""
#: How far into a page its charset declaration is looked for (after long inline scripts in <head>).
_CHARSET_SPAN = 32_768
_HTML_START = lazy_compile(
    r"\A\s*(?:<\?xml[^>]{0,200}\?>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>]|head[\s>])", re.I | re.S)
_TAG = lazy_compile(r"<(?:/?[a-zA-Z][a-zA-Z0-9]*[\s/>]|!--)")


#: What NUL in a dump means, whether it came as bytes or as text: not a text or HTML dump.
BINARY_MESSAGE = "input looks binary (it contains NUL bytes), not a text or HTML dump"


def refuse_binary_text(text: str) -> None:
    """Text holding NUL (U+0000) is refused as bytes holding NUL are: one rule for ``str`` and ``bytes``."""
    if "\x00" in text:
        raise InputError(BINARY_MESSAGE)


def too_large(max_bytes: int) -> InputError:
    """The one error for an input over the size limit, however it arrived (bytes, a file, a pipe)."""
    return InputError(f"input is over the size limit of {max_bytes:,} bytes (see --max-bytes)")


def read_bounded(stream: BinaryIO, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """All of a binary stream, reading no more than ``max_bytes`` + 1 bytes of it.

    The limit is applied while reading, not after: ``cleaner < /dev/zero`` or a
    runaway pipe is refused once the limit is passed instead of filling memory.
    """
    data = stream.read(max_bytes + 1) or b""
    if data and len(data) <= max_bytes:  # a raw stream may return less than asked before its end: read on
        pieces, size = [data], len(data)
        while size <= max_bytes:
            more = stream.read(max_bytes + 1 - size)
            if not more:
                break
            pieces.append(more)
            size += len(more)
        data = data if len(pieces) == 1 else type(data)().join(pieces)
    if len(data) > max_bytes:
        raise too_large(max_bytes)
    return data


#: The first bytes of a gzip stream (RFC 1952): a dump saved as ``page.html.gz`` is read as the page.
GZIP_MAGIC = b"\x1f\x8b"
#: Decompressed in pieces of this size, so a gzip bomb stops at the size limit, not at the end of memory.
_GUNZIP_STEP = 1 << 20


def gunzip_bounded(data: bytes, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """The content of gzip'd bytes, refused once it passes ``max_bytes`` (the limit applies to what is read).

    Concatenated members are read as one stream, as ``gzip -d`` does; a truncated or corrupt stream is
    an :class:`InputError` (a broken download), not a traceback.
    """
    import zlib  # here, not at the top: a start that reads no gzip'd input does not load it

    pieces: list[bytes] = []
    size = 0
    rest = data
    try:
        while rest:
            inflater = zlib.decompressobj(zlib.MAX_WBITS | 16)
            chunk = inflater.decompress(rest, _GUNZIP_STEP)
            while True:
                size += len(chunk)
                if size > max_bytes:
                    raise too_large(max_bytes)
                pieces.append(chunk)
                if inflater.eof or not inflater.unconsumed_tail:
                    break
                chunk = inflater.decompress(inflater.unconsumed_tail, _GUNZIP_STEP)
            if not inflater.eof:
                raise InputError("input is gzip'd but truncated (the compressed stream ends early)")
            rest = inflater.unused_data.lstrip(b"\x00")  # members may be padded with NULs, as gzip allows
            if rest and not rest.startswith(GZIP_MAGIC):
                raise InputError("input is gzip'd but has trailing data that is not gzip")
    except zlib.error as exc:
        raise InputError(f"input is gzip'd but cannot be decompressed: {exc}") from None
    return b"".join(pieces)


def read_input(data: str | bytes | bytearray | BinaryIO, input_format: str = "auto",
               max_bytes: int = DEFAULT_MAX_BYTES, max_line_chars: int = DEFAULT_MAX_LINE_CHARS,
               charset: str | None = None) -> tuple[str, bool]:
    """An input as the pipeline takes it: ``(text, is_html)``, or InputError (UsageError) saying why not.

    In order: a binary file is read (at most ``max_bytes`` + 1 bytes of it); gzip'd bytes are
    decompressed (at most ``max_bytes`` of content: :func:`gunzip_bounded`); bytes are
    decoded (:func:`decode`; ``charset`` is the transport's, tried after UTF-8); line ends
    are unified; empty or blank input is refused; ``input_format`` ``auto`` looks for HTML;
    a text dump holding NUL is refused as bytes holding NUL are, and its lines are held to
    ``max_line_chars``. The bytes are dropped once decoded.

    HTML holding NUL is refused with the same error when it is parsed
    (:func:`cleaner.html.parse.parse_html`), the first thing done with it: there, the test is a byte
    scan of the UTF-8 the parser reads anyway, where the scan of the ``str`` here stepped through every
    character of a page with one character past Latin-1 (CPython's search for NUL in a two-byte string
    cannot use ``memchr``: ~1% of an HTML page's instructions).
    """
    if input_format not in INPUT_FORMATS:
        raise UsageError(f"unknown input format {input_format!r} (use one of {', '.join(INPUT_FORMATS)})")
    if hasattr(data, "read"):  # a binary file: read here, so nothing else holds the bytes
        data = read_bounded(data, max_bytes)
    if isinstance(data, (bytes, bytearray)) and data[:2] == GZIP_MAGIC:  # a saved ``page.html.gz``
        data = gunzip_bounded(bytes(data), max_bytes)
    text = decode(bytes(data), max_bytes, charset) if isinstance(data, (bytes, bytearray)) else data
    del data
    text = normalise_newlines(text)
    if not text or text.isspace():      # (text holding NUL is neither)
        raise InputError("input is empty (nothing but whitespace)" if text else "input is empty")
    is_html = input_format == "html" or (input_format == "auto" and looks_like_html(text))
    if not is_html:
        refuse_binary_text(text)  # a str from the caller or a JSONL field: the rule bytes follow
        check_line_lengths(text, max_line_chars)
    return text, is_html


def decode(data: bytes, max_bytes: int = DEFAULT_MAX_BYTES, charset: str | None = None) -> str:
    """Decode a dump's bytes to text, or raise :class:`InputError` saying why.

    ``charset`` is what the transport said (an HTTP Content-Type), if anything:
    tried after UTF-8 and before the page's own declaration; unknown names are passed by.
    """
    if len(data) > max_bytes:
        raise too_large(max_bytes)
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(encoding)
            except UnicodeDecodeError as exc:
                raise InputError(f"input starts with a {encoding} byte-order mark but is not valid {encoding}: {exc.reason}") from None
    if b"\x00" in data:
        text = _utf16_without_bom(data)
        if text is None:
            raise InputError(BINARY_MESSAGE)
        return text
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if charset:
        try:
            return data.decode(charset)
        except (LookupError, UnicodeDecodeError):
            pass
    declared = _declared_charset(data)
    if declared:
        for encoding in (("cp1252", declared) if declared in _LATIN1_NAMES else (declared,)):
            try:
                return data.decode(encoding)
            except (LookupError, UnicodeDecodeError):
                pass
    return _detect(data)


#: How much of the input the UTF-16 test looks at (its NUL bytes and its characters).
_UTF16_SAMPLE = 65_536


def _utf16_without_bom(data: bytes) -> str | None:
    """The text of UTF-16 written without a byte-order mark (some Windows tools write it), or None.

    Text whose characters are mostly below U+0100 — markup, Latin scripts —
    has a NUL as every other byte: at odd offsets in little-endian, even ones
    in big-endian. When the NULs keep to one side (ten to one), that side says
    which; otherwise (Chinese, say, where U+4E00 has a NUL too) both orders are
    tried and exactly one must read as text. Read as text means: the bytes
    decode strictly, with no U+0000 and at most 1% of characters that are
    neither printable nor whitespace. Binary data fails that: zeroed regions
    give U+0000, and other bytes give unpaired surrogates, control characters,
    unassigned and private code points.
    """
    if len(data) % 2:
        return None
    sample = data[:_UTF16_SAMPLE]
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    if odd >= 10 * even:
        orders = ("utf-16-le",)
    elif even >= 10 * odd:
        orders = ("utf-16-be",)
    else:
        orders = ("utf-16-le", "utf-16-be")
    readings = [text for text in (_as_text(data, encoding) for encoding in orders) if text is not None]
    return readings[0] if len(readings) == 1 else None


def _as_text(data: bytes, encoding: str) -> str | None:
    """``data`` decoded, if it decodes strictly and reads as text (see :func:`_utf16_without_bom`)."""
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        return None
    if "\x00" in text:
        return None
    head = text[:_UTF16_SAMPLE // 2]
    odd_ones = sum(1 for char in head if not (char.isprintable() or char.isspace()))
    return text if odd_ones * 100 <= len(head) else None


#: Declared charsets browsers read as windows-1252 (WHATWG Encoding Standard).
_LATIN1_NAMES = frozenset({"iso8859-1", "ascii"})


def _declared_charset(data: bytes) -> str | None:
    """The charset a page declares: a <meta> tag near its start, or an XML declaration."""
    match = re.compile(_META_CHARSET, re.I).search(data[:_CHARSET_SPAN]) or \
        re.compile(_XML_ENCODING, re.I).match(data[:200])
    if not match:
        return None
    name = match.group(1).decode("ascii", "replace").lower()
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


#: Most common encodings on the web first: they win ties between code pages
#: that decode a text equally well (charset-normalizer's own order is arbitrary).
_WEB_PRIORITY = ("cp1252", "iso8859_1", "iso8859_15", "cp1251", "koi8_r", "cp1250", "iso8859_2", "cp1254",
                 "iso8859_9", "cp1253", "iso8859_7", "cp1256", "cp1255", "shift_jis", "euc_jp", "gb18030",
                 "gbk", "big5", "euc_kr", "cp949")


def _detect(data: bytes) -> str:
    from charset_normalizer import from_bytes  # lazy: only non-UTF-8 input pays for it

    candidates = [m for m in from_bytes(data[:200_000]) if m.encoding]
    if not candidates:
        raise InputError("cannot detect the input's text encoding (is it a text or HTML dump?)")
    least_chaos = min(m.chaos for m in candidates)
    plausible = [m for m in candidates if m.chaos <= least_chaos + 0.01]

    def rank(match) -> tuple:
        name = codecs.lookup(match.encoding).name.replace("-", "_")
        priority = _WEB_PRIORITY.index(name) if name in _WEB_PRIORITY else len(_WEB_PRIORITY)
        return (-round(match.coherence, 3), priority)

    best = min(plausible, key=rank)
    return data.decode(best.encoding, errors="replace")


def normalise_newlines(text: str) -> str:
    """Unify line ends; a dump from Windows or old Mac tools reads the same."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def check_line_lengths(text: str, max_line_chars: int = DEFAULT_MAX_LINE_CHARS) -> None:
    """Refuse a text dump with a line too long to be prose (a blob, minified code).

    Read a stretch of ``max_line_chars`` + 1 characters at a time, not a line at a time: a stretch that
    holds a newline ends every line that began in it within the limit, so the next starts after its last
    newline; one that holds none begins the first line too long. An ordinary dump is one ``rfind``."""
    start = 0
    while len(text) - start > max_line_chars:
        end = text.rfind("\n", start, start + max_line_chars + 1)
        if end == -1:
            stop = text.find("\n", start)
            length, number = (len(text) if stop == -1 else stop) - start, text.count("\n", 0, start) + 1
            raise InputError(
                f"line {number} is {length:,} characters long (limit {max_line_chars:,}); "
                "this does not look like a text dump")
        start = end + 1


#: How much of a dump's start :func:`looks_like_html` reads for its tags.
_SAMPLE_CHARS = 20_000


def _fewer_than(text: str, char: str, count: int, stop: int) -> bool:
    """Does ``text[:stop]`` hold ``char`` fewer than ``count`` times (told without counting them all)?"""
    at = -1
    for _ in range(count):
        at = text.find(char, at + 1, stop)
        if at < 0:
            return True
    return False


def looks_like_html(text: str) -> bool:
    """A doctype or <html> at the start, or mostly markup, means HTML."""
    head = text[:2048]
    if _HTML_START.match(head):
        return True
    # (each tag opens with "<": a text dump with fewer than 8 of them in the sample is told by a few ``find``s,
    # which skip to the next "<" at once, where the tags' search stepped through its 20,000 characters)
    if _fewer_than(text, "<", 8, _SAMPLE_CHARS):
        return False
    sample = text[:_SAMPLE_CHARS]
    tags = len(_TAG.findall(sample))
    if tags < 8:
        return False
    markup_chars = sum(len(m) for m in re.findall(r"<[^>]{0,500}>", sample))
    return markup_chars > 0.3 * len(sample)
