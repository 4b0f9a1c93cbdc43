"""Template evidence for a batch (``cleaner batch --learn-sites``): which lines a host prints on most pages.

A first pass over the input hashes each page's distinct lines (8 bytes each; the text is never kept)
and counts, per host, on how many pages each hash was seen. Memory is bounded by caps: the first
:data:`MAX_PAGES_PER_HOST` pages of a host are counted, each page's first :data:`MAX_HASHES_PER_PAGE`
distinct lines, at most :data:`MAX_HASHES_PER_HOST` distinct hashes per host and
:data:`MAX_HASHES_TOTAL` over all hosts (after that, hashes already counted still count; new ones
are not added). The counts depend only on the inputs and their order, so a resumed run recomputes
exactly the same evidence.

Only the hashes seen on at least :data:`MIN_PAGES` pages are kept for the cleaning pass
(:class:`SiteEvidence`), which the template stage (:mod:`cleaner.stages.template`) reads.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable

from .compat import blake2b
from .records import field, record
from .urls import site_host

MAX_PAGES_PER_HOST = 200
MAX_HASHES_PER_PAGE = 10_000
MAX_HASHES_PER_HOST = 50_000
MAX_HASHES_TOTAL = 2_000_000
MAX_HOSTS = 100_000
#: A line is template when it is on at least this many of the host's pages …
MIN_PAGES = 3
#: … and on at least this share of them ("most").
MIN_SHARE = 0.5
#: A template line the generic stages kept is dropped only on stronger evidence: on at least this many
#: pages. On the benchmark folders run as batches (bench/learn_batch.py), 3 pages dropped 70 leaked
#: lines and one line the truth counts (a shop's "free delivery" badge whose four words are also in
#: the text), 4 pages dropped 45 and none.
STRONG_PAGES = 4


def line_hash(text: str) -> int:
    """A stable 64-bit hash of a stripped line (the same in every process: not Python's ``hash``)."""
    return int.from_bytes(blake2b(text.encode("utf-8", "surrogatepass"), digest_size=8).digest(), "little")


def page_hashes(texts: Iterable[str], cap: int = MAX_HASHES_PER_PAGE) -> array:
    """The hashes of a page's distinct lines (its first ``cap`` distinct ones), as a compact array."""
    seen: set[int] = set()
    for text in texts:
        if len(seen) >= cap:
            break
        seen.add(line_hash(text))
    return array("Q", sorted(seen))


@record(eq=False)
class HostTemplate:
    """What one host's pages share: on how many of its ``pages`` each template hash was seen. (No ``__eq__``:
    nothing compares two.)"""

    host: str
    pages: int
    counts: dict[int, int]

    def seen_on(self, text: str) -> int:
        return self.counts.get(line_hash(text), 0)

    def is_template(self, count: int) -> bool:
        return count >= MIN_PAGES and count >= MIN_SHARE * self.pages

    def is_strong(self, count: int) -> bool:
        """Evidence enough to drop a line the generic stages kept."""
        return count >= STRONG_PAGES and self.is_template(count)


@record(eq=False)
class SiteEvidence:
    """Every host's template hashes, for the cleaning pass (picklable: workers get a copy). No ``__eq__``, as
    :class:`HostTemplate`."""

    hosts: dict[str, HostTemplate] = field(default_factory=dict)

    def for_url(self, url: str | None) -> HostTemplate | None:
        """The template of the page's site (:func:`cleaner.urls.site_host`); None without a URL or evidence."""
        host = site_host(url)
        return self.hosts.get(host) if host else None

    def describe(self) -> str:
        lines = sum(len(h.counts) for h in self.hosts.values())
        return (f"template evidence: {len(self.hosts):,} hosts with {lines:,} lines on {MIN_PAGES} or more of "
                "their pages")


class SiteCounter:
    """The first pass: page counts per (host, line hash), within the caps."""

    def __init__(self) -> None:
        self.pages: dict[str, int] = {}
        self.counts: dict[str, dict[int, int]] = {}
        self.total = 0

    def add(self, host: str | None, hashes: Iterable[int]) -> None:
        """Count one page of ``host`` (its distinct line hashes)."""
        if not host:
            return
        pages = self.pages.get(host)
        if pages is None:
            if len(self.pages) >= MAX_HOSTS:
                return
            pages = 0
            self.counts[host] = {}
        if pages >= MAX_PAGES_PER_HOST:
            return
        self.pages[host] = pages + 1
        counts = self.counts[host]
        room = self.total < MAX_HASHES_TOTAL and len(counts) < MAX_HASHES_PER_HOST
        for value in hashes:
            seen = counts.get(value)
            if seen is not None:
                counts[value] = seen + 1
            elif room:
                counts[value] = 1
                self.total += 1
                room = self.total < MAX_HASHES_TOTAL and len(counts) < MAX_HASHES_PER_HOST

    def evidence(self) -> SiteEvidence:
        """The hashes on at least MIN_PAGES pages of hosts with at least MIN_PAGES pages."""
        hosts = {}
        for host, pages in self.pages.items():
            if pages < MIN_PAGES:
                continue
            counts = {h: n for h, n in self.counts[host].items() if n >= MIN_PAGES}
            if counts:
                hosts[host] = HostTemplate(host, pages, counts)
        return SiteEvidence(hosts)
