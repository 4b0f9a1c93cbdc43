"""``cleaner batch --report FILE``: the report of a batch run, collected as records are written.

Every record counts in its site's row (kept lines from ``lines_kept``, the
site from the record's URL). The first documents with an article are cleaned
again in this process, with the run's settings (``--learn-sites`` evidence
included: the run adds it to them before the first record), to show them line by line:
the pipeline is deterministic, so their decisions are the ones the workers
made, and the workers' records keep their shape. The cost is bounded by the
report's ``detail_documents`` limit; memory by its other limits.
"""

from __future__ import annotations

import json
import os
from typing import TYPE_CHECKING, Any

from ..batch.records import ERROR, InputRecord
from ..batch.work import Processor
from ..errors import BatchUsageError, CleanerError
from .data import Limits, ReportBuilder

if TYPE_CHECKING:
    from ..batch.runner import BatchOptions


class BatchReport:
    """Collects a batch run's report; :meth:`observe` is the runner's hook, :meth:`write` writes the page."""

    def __init__(self, options: BatchOptions, path: str, limits: Limits | None = None) -> None:
        """``options``: the run's; their settings are read when the first document is cleaned again."""
        folder = os.path.dirname(os.path.abspath(path))
        if not os.path.isdir(folder):
            raise BatchUsageError(f"cannot write the report {path!r}: no folder {folder!r}")
        self.options = options
        self.path = path
        self.builder = ReportBuilder(limits, title="cleaner batch report")
        self._processor: Processor | None = None

    def observe(self, record: InputRecord, status: str, payload: Any) -> None:
        """Count one written record; clean it again for the line-by-line part while that has room."""
        data = payload if isinstance(payload, dict) else json.loads(payload)
        name = str(record.source) if data.get("id") is None else f"{record.source} (id {data['id']})"
        url = data.get("url")
        if status != ERROR and len(self.builder.details) < self.builder.limits.detail_documents:
            article = self._clean_again(record)
            if article is not None:
                self.builder.add_article(name, article, url)
                return
        self.builder.add_counts(name, url, lines=data.get("lines_in") or 0, kept=data.get("lines_kept") or 0,
                                error=data.get("error"))

    def _clean_again(self, record: InputRecord) -> Any:
        """The document's Article, as a worker made it; None if that fails (it is then counted from its record)."""
        if self._processor is None:
            self._processor = Processor(self.options.settings)
        try:
            return self._processor.article_of(record)
        except Exception:  # noqa: BLE001 - the worker's record already says what happened to it
            return None

    def write(self) -> None:
        """Write the page; one-line error (exit 1) if the file cannot be written."""
        from .page import render_html

        try:
            with open(self.path, "w", encoding="utf-8", errors="replace") as handle:
                handle.write(render_html(self.builder.data()))
        except OSError as exc:
            error = CleanerError(f"cannot write the report {self.path!r}: {exc.strerror or exc}")
            raise error from None
