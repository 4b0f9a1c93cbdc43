"""``clean_many``: the batch machinery as a library call, results in input order.

    from cleaner import clean_many

    if __name__ == "__main__":          # workers are processes: guard the entry point
        for result in clean_many(texts_or_records, workers=4, timeout=30):
            print(result.index, result.error or result.title)

Items are dump texts (``str`` or ``bytes``) or mappings with a text field
(``text``, ``id`` and ``url`` by default, as in JSONL). Every item yields
exactly one :class:`CleanResult`, with ``error`` set when it could not be
cleaned; nothing raises for a bad item.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from typing import Any, Iterable, Iterator

from ..reading import DEFAULT_MAX_BYTES
from .records import InputRecord, Source
from .work import Processor, Settings

_ITEMS = "<clean_many>"


@dataclass(frozen=True)
class CleanResult:
    """One item's outcome: the article's text and metadata, or ``error`` (a one-line reason)."""

    index: int                   # the item's position in the input iterable
    id: Any
    url: str | None
    title: str | None
    byline: str | None
    date: str | None
    site: str | None
    profile: str | None
    language: str | None
    body: str | None             # "" when the page has no article; None on error
    lines_in: int | None         # non-blank input lines
    lines_kept: int | None       # lines kept as article body
    error: str | None

    @property
    def ok(self) -> bool:
        return self.error is None

    @property
    def empty(self) -> bool:
        """Cleaned without error, but no article text was found."""
        return self.error is None and not self.body

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_record(cls, data: dict[str, Any]) -> "CleanResult":
        fields = {key: value for key, value in data.items() if key != "source"}
        return cls(index=data["source"]["line"], **fields)


def clean_many(items: Iterable[str | bytes | Mapping[str, Any]], workers: int | None = None, *,
               timeout: float | None = None, profiles_dirs: Iterable[str] = (), use_profiles: bool = True,
               profile: str | None = None, input_format: str = "auto", max_bytes: int = DEFAULT_MAX_BYTES,
               text_field: str = "text", id_field: str = "id", url_field: str = "url",
               chunk_size: int = 32, text_model: str | os.PathLike[str] | None = None,
               markup_model: str | os.PathLike[str] | None = None) -> Iterator[CleanResult]:
    """Clean many dumps, in ``workers`` processes (default: all cores), yielding results in input order.

    ``workers=1`` without a ``timeout`` cleans in this process (no start-up
    cost). With a ``timeout`` (seconds), a document that takes longer is
    stopped by killing its worker and yields an error result. Items are read
    lazily, so an endless iterable works in bounded memory. Raises
    :class:`cleaner.CleanerError` only for a bad configuration (a broken
    profile, an unknown profile name, an unusable ``text_model`` or ``markup_model`` file), before any item is read.
    """
    from .pool import OrderedPool, default_workers

    settings = Settings(profiles_dirs=tuple(str(path) for path in profiles_dirs), use_profiles=use_profiles,
                        profile=profile, input_format=input_format, max_bytes=max_bytes, text_field=text_field,
                        id_field=id_field, url_field=url_field, serialize=False,
                        text_model=text_model, markup_model=markup_model)
    records = (_as_record(index, item, settings) for index, item in enumerate(items))
    count = workers or default_workers()
    if count == 1 and not timeout:
        processor = Processor(settings)
        for record in records:
            yield CleanResult.from_record(processor.process(record)[1])
        return
    settings.make_cleaner()
    pool = OrderedPool(settings, workers=count, timeout=timeout, chunk_docs=chunk_size)
    for _, (_, data) in pool.imap(records):
        yield CleanResult.from_record(data)


def _as_record(index: int, item: Any, settings: Settings) -> InputRecord:
    record = _item_record(index, item, settings)
    if record.error is None and record.size > settings.max_bytes:  # characters, for str items
        record.data, record.error = None, f"item is over max_bytes ({settings.max_bytes:,})"
    return record


def _item_record(index: int, item: Any, settings: Settings) -> InputRecord:
    source = Source(_ITEMS, line=index)
    if isinstance(item, (str, bytes, bytearray)):
        return InputRecord(source, data=bytes(item) if isinstance(item, bytearray) else item)
    if isinstance(item, Mapping):
        record = InputRecord(source, id=item.get(settings.id_field))
        url = item.get(settings.url_field)
        record.url = url if isinstance(url, str) and url else None
        text = item.get(settings.text_field)
        if isinstance(text, (str, bytes)):
            record.data = text
        elif text is None:
            record.error = f"item has no {settings.text_field!r} field"
        else:
            record.error = f"field {settings.text_field!r} is a {type(text).__name__}, not text"
        return record
    return InputRecord(source, error=f"item is a {type(item).__name__}, not text, bytes or a mapping")
