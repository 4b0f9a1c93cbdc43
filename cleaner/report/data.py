"""What a report shows, as plain data: per-dump summaries, per-site totals, and line-by-line detail.

The page (``page.py``) and ``cleaner report --json`` render the same dict, so
a test can compare what a browser shows with the numbers behind it. Reports
over many dumps stay bounded: every document counts in the totals and in its
site's row, but only the first ``detail_documents`` keep their lines (each up
to ``detail_lines`` lines, each line's text up to ``text_chars`` characters),
only the first ``document_rows`` get a row of their own, and only the
``site_rows`` sites with the most documents get a row; the data says how many
were left out, and the page says so too.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from ..document import BODY, LABELS

FORMAT_NAME = "cleaner-report"
FORMAT_VERSION = 1
UNKNOWN_HOST = "unknown"
UNKNOWN_STAGE = "unknown"


@dataclass(frozen=True)
class Limits:
    """How much a report keeps, so that a report over a million dumps is still a page a browser opens."""

    detail_documents: int = 50     # documents shown line by line
    detail_lines: int = 1000       # lines shown per document
    text_chars: int = 300          # characters shown per line
    document_rows: int = 2000      # documents with a row of their own in the summary
    site_rows: int = 200           # sites with a row of their own
    chart_sites: int = 25          # sites in the bar chart

    def to_dict(self) -> dict[str, int]:
        return dict(self.__dict__)


def stage_of(decision: Any) -> str:
    """The pipeline stage that decided a line, as the pipeline stamped it on the decision (``unknown`` for a
    decision made outside the pipeline, which carries no stamp)."""
    return str(getattr(decision, "stage", "") or UNKNOWN_STAGE)


def host_of(url: str | None) -> str:
    """The site a URL belongs to (lower case, without ``www.``), or ``unknown``."""
    if not url:
        return UNKNOWN_HOST
    try:
        host = urlsplit(url.strip()).hostname
    except ValueError:  # a malformed URL (an unclosed IPv6 bracket…)
        return UNKNOWN_HOST
    if not host:
        return UNKNOWN_HOST
    return host.removeprefix("www.") or UNKNOWN_HOST


def _clip(text: str, limit: int) -> tuple[str, bool]:
    return (text, False) if len(text) <= limit else (text[:limit - 1] + "…", True)


@dataclass
class _Tally:
    documents: int = 0
    errors: int = 0
    empty: int = 0
    lines: int = 0
    kept: int = 0

    def to_dict(self, host: str) -> dict[str, Any]:
        return {"host": host, "documents": self.documents, "errors": self.errors, "empty": self.empty,
                "lines": self.lines, "kept": self.kept, "not_kept": self.lines - self.kept}


class ReportBuilder:
    """Collects documents one at a time (memory bounded by the limits, plus one small row per site).

    ``kept`` counts body lines; ``not_kept`` the other non-blank lines (boilerplate, and the title, byline
    and date lines, which go to the metadata). Label and stage counts are known for documents added with
    their decisions (:meth:`add_article`), not for the summaries of :meth:`add_counts`.
    """

    def __init__(self, limits: Limits | None = None, title: str = "cleaner report") -> None:
        self.limits = limits or Limits()
        self.title = title
        self.documents: list[dict[str, Any]] = []
        self.details: list[dict[str, Any]] = []
        self.sites: dict[str, _Tally] = {}
        self.count = 0
        self.totals = _Tally()
        self.labels: dict[str, int] = {}
        self.stages: dict[str, dict[str, int]] = {}
        self.decided_documents = 0  # documents whose labels and stages are counted

    # -- adding documents -------------------------------------------------------------------------

    def add_article(self, name: str, article: Any, url: str | None = None) -> None:
        """A cleaned document with its decisions: counted by label and stage, and shown line by line
        while fewer than ``detail_documents`` are."""
        decisions = article.decisions
        labels: dict[str, int] = {}
        stages: dict[str, dict[str, int]] = {}
        for decision in decisions:
            labels[decision.label] = labels.get(decision.label, 0) + 1
            by_label = stages.setdefault(stage_of(decision), {})
            by_label[decision.label] = by_label.get(decision.label, 0) + 1
        kept = labels.get(BODY, 0)
        row = self._add(name, url, lines=len(decisions), kept=kept, error=None)
        self.decided_documents += 1
        _merge_counts(self.labels, labels)
        for stage, by_label in stages.items():
            _merge_counts(self.stages.setdefault(stage, {}), by_label)
        extra = {"profile": article.profile, "language": article.language, "format": article.source_format,
                 "title": article.title, "labels": labels, "stages": stages}
        if row is not None:
            row.update(extra)
        if len(self.details) < self.limits.detail_documents:
            self.details.append(self._detail(self.count - 1, name, url, decisions, extra))
            if row is not None:
                row["detail"] = True

    def add_counts(self, name: str, url: str | None, lines: int, kept: int, error: str | None = None) -> None:
        """A document known only by its counts (a batch record), or one that failed (``error``)."""
        self._add(name, url, lines=lines, kept=kept, error=error)

    def _add(self, name: str, url: str | None, lines: int, kept: int, error: str | None) -> dict[str, Any] | None:
        index = self.count
        self.count += 1
        host = host_of(url)
        for bucket in (self.sites.setdefault(host, _Tally()), self.totals):
            bucket.documents += 1
            bucket.errors += error is not None
            bucket.empty += error is None and kept == 0
            bucket.lines += lines
            bucket.kept += kept
        if len(self.documents) >= self.limits.document_rows:
            return None
        row: dict[str, Any] = {"index": index, "name": name, "url": url, "host": host, "lines": lines, "kept": kept,
                               "not_kept": lines - kept, "error": error, "profile": None, "language": None,
                               "format": None, "title": None, "labels": None, "stages": None, "detail": False}
        self.documents.append(row)
        return row

    def _detail(self, index: int, name: str, url: str | None, decisions: list, extra: dict) -> dict[str, Any]:
        limits = self.limits
        lines = []
        for decision in decisions[:limits.detail_lines]:
            text, clipped = _clip(decision.text, limits.text_chars)
            lines.append({"line": decision.number, "label": decision.label, "stage": stage_of(decision),
                          "reason": decision.reason, "text": text, "clipped": clipped})
        return {"index": index, "name": name, "url": url, "host": host_of(url), **extra,
                "lines": lines, "lines_omitted": max(0, len(decisions) - limits.detail_lines)}

    # -- the result ---------------------------------------------------------------------------------

    def data(self) -> dict[str, Any]:
        """Everything the page shows, as JSON-ready data."""
        ranked = sorted(self.sites.items(), key=lambda item: (-item[1].documents, item[0]))
        shown = ranked[:self.limits.site_rows]
        left = ranked[self.limits.site_rows:]
        totals = self.totals.to_dict("all")
        del totals["host"]
        totals.update(sites=len(self.sites), labels=dict(sorted(self.labels.items(), key=_label_order)),
                      stages={stage: dict(sorted(counts.items(), key=_label_order))
                              for stage, counts in sorted(self.stages.items())},
                      decided_documents=self.decided_documents)
        return {
            "format": FORMAT_NAME,
            "version": FORMAT_VERSION,
            "title": self.title,
            "limits": self.limits.to_dict(),
            "totals": totals,
            "sites": [site.to_dict(host) for host, site in shown],
            "sites_omitted": {"sites": len(left), "documents": sum(site.documents for _, site in left)},
            "documents": self.documents,
            "documents_omitted": self.count - len(self.documents),
            "details": self.details,
            "details_omitted": self.decided_documents - len(self.details),
        }


def _merge_counts(into: dict[str, int], counts: dict[str, int]) -> None:
    for key, value in counts.items():
        into[key] = into.get(key, 0) + value


def _label_order(item: tuple[str, int]) -> tuple[int, str]:
    """Labels in the pipeline's order (body, title, byline, date, boilerplate), anything else after."""
    label = item[0]
    return (LABELS.index(label) if label in LABELS else len(LABELS), label)
