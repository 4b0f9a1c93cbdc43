"""The host of a URL, one way for everything that reads it (the profile's hosts, the site in the metadata,
the report's rows by site, the site a learned profile serves, a batch's hosts), and the URL a dump's
``NAME.url`` file gives."""

from __future__ import annotations

import os
from functools import lru_cache


@lru_cache(maxsize=16)    # (one cleaning asks it of its URL three times: the profile, the site, the host's labels)
def url_host(url: str | None) -> str:
    """The URL's host name in lower case, or "" when it has none.

    A URL without a scheme (``example.com/story``) still names its host. A
    malformed one (``http://[::1``: an unclosed IPv6 bracket) names none,
    rather than failing: a URL only picks a profile and names the site.
    """
    if not url:
        return ""
    from urllib.parse import urlsplit  # here: a dump with no URL (the CLI's usual case) never imports it

    try:
        return urlsplit(url if "//" in url else "//" + url).hostname or ""
    except ValueError:
        return ""


def site_host(url: str | None) -> str:
    """The site a URL belongs to: its host (:func:`url_host`) without a leading ``www.`` or a trailing dot
    (``https://www.example.com./a`` is ``example.com``), or "" when it has none. ``www.example.com`` and
    ``example.com`` print one site's pages."""
    host = url_host(url).rstrip(".")
    return host[4:] if host.startswith("www.") else host


def sidecar_url(dump: str | os.PathLike[str]) -> str | None:
    """The page's URL from ``NAME.url`` beside the dump ``NAME.txt`` (or ``NAME.html``, ``NAME.txt.gz``): its
    first line, stripped; None when there is none. ``cleaner check``, ``report``, ``learn`` and ``batch`` read
    it so (it picks the profile, as ``--url`` does, and names the page's site). OSError when the file is
    there but cannot be read (each caller says so its own way)."""
    path = os.fspath(dump)
    base = path[:-3] if path.lower().endswith(".gz") else path
    candidate = os.path.splitext(base)[0] + ".url"
    if not os.path.isfile(candidate):  # a FIFO there would make the read wait forever
        return None
    with open(candidate, "rb") as handle:
        head = handle.read(8192).decode("utf-8", "replace")
    return head.strip().split("\n", 1)[0].strip() or None
