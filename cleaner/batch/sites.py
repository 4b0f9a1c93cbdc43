"""``cleaner batch --learn-sites``: the first pass, which counts the lines each host prints on its pages.

Every input document is read once more before the cleaning pass, in the same worker pool (so ``-j``
and ``--timeout`` hold), and each worker turns a document into its host (:func:`cleaner.urls.site_host`
of the record's URL) and the hashes of its distinct lines (:func:`cleaner.site_evidence.page_hashes`;
the input read as the cleaner reads it, :func:`cleaner.reading.read_input`; HTML laid out as the cleaner
lays it out, without the markup model). The parent counts them per host within the caps of
:class:`cleaner.site_evidence.SiteCounter`. The pass reads every document, including those a resumed
run has already written, in input order: a resumed run counts exactly what the first run counted, so
its records are the ones an uninterrupted run writes.
"""

from __future__ import annotations

from contextlib import closing
from dataclasses import replace
from typing import Iterable, Iterator, TextIO

from ..errors import CleanerError
from ..site_evidence import SiteCounter, SiteEvidence, page_hashes
from ..reading import read_input
from ..urls import site_host
from .pool import OrderedPool
from .readers import read_inputs
from .records import InputRecord
from .work import Outcome, Processor, Settings

HASHED = "hashed"
SKIPPED = "skipped"


class HashProcessor(Processor):
    """A document's host and line hashes, in a worker (never raises for a document)."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings  # no cleaner: the first pass only reads lines

    def process(self, record: InputRecord) -> Outcome:
        if record.error is not None:
            return SKIPPED, None
        try:
            text, is_html = read_input(self.payload_of(record), record.input_format or self.settings.input_format,
                                       self.settings.max_bytes, charset=record.charset)
            host = site_host(record.url)  # after payload_of: a JSONL line's URL is read there
            if not host:
                return SKIPPED, None
            return HASHED, (host, page_hashes(_lines(text, is_html)))
        except (CleanerError, MemoryError, RecursionError, ValueError):
            return SKIPPED, None  # the cleaning pass makes its error record


def _lines(text: str, is_html: bool) -> Iterator[str]:
    """The document's lines as the cleaning pass's stages see them (stripped, blank ones left out)."""
    if is_html:
        from ..html import html_lines

        return (line.text for line in html_lines(text))
    return (stripped for stripped in (raw.strip() for raw in text.split("\n")) if stripped)


def with_site_evidence(settings: Settings, inputs: list[str], workers: int, timeout: float | None,
                       chunk_docs: int, excluded: Iterable[str] = (), log: TextIO | None = None) -> Settings:
    """The settings with the inputs' template evidence (the first pass), said on ``log``."""
    if log:
        log.write("cleaner: --learn-sites: counting the lines each host prints on its pages (first pass)\n")
    evidence = count_sites(inputs, settings, workers, timeout, chunk_docs, excluded)
    if log:
        log.write(f"cleaner: {evidence.describe()}\n")
    return replace(settings, site_evidence=evidence)


def count_sites(inputs: list[str], settings: Settings, workers: int, timeout: float | None, chunk_docs: int,
                excluded: Iterable[str] = ()) -> SiteEvidence:
    """Read every document of the inputs and count, per host, the pages each line hash is on."""
    records = read_inputs(inputs, lambda source: False, settings.max_bytes, excluded=excluded)
    pool = OrderedPool(replace(settings, serialize=False), workers=workers, timeout=timeout, chunk_docs=chunk_docs,
                       make_processor=HashProcessor)
    counter = SiteCounter()
    with closing(pool.imap(records)) as results:
        for _record, (status, payload) in results:
            if status == HASHED:
                counter.add(*payload)
    return counter.evidence()
