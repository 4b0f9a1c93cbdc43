"""The host of a URL, one way for everything that reads it (the profile's hosts, the site in the metadata,
the report's rows by site, the site a learned profile serves)."""

from __future__ import annotations

from urllib.parse import urlsplit


def url_host(url: str | None) -> str:
    """The URL's host name in lower case, or "" when it has none.

    A URL without a scheme (``example.com/story``) still names its host. A
    malformed one (``http://[::1``: an unclosed IPv6 bracket) names none,
    rather than failing: a URL only picks a profile and names the site.
    """
    if not url:
        return ""
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
