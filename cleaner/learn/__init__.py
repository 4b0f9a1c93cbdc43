"""Learning a site's template from its own pages (``cleaner learn``, :mod:`cleaner.cli.learn`).

- :mod:`.pages`  — the pages' lines and the generic fallback's decisions on them
- :mod:`.shapes` — a line's shape: dates, times, counts and names as slots, and its regex
- :mod:`.rules`  — what the pages share: template lines and shapes, the article's bounds, fingerprints
- :mod:`.toml`   — the learned profile as a file the profile loader reads
"""

from __future__ import annotations

import re

from ..errors import LearnError
from ..urls import site_host
from .pages import LearnPage, page_from_article, read_pages
from .rules import LearnedProfile, LearnSettings, learn
from .toml import render_profile

__all__ = ["LearnError", "LearnPage", "LearnSettings", "LearnedProfile", "learn", "page_from_article",
           "profile_name", "read_pages", "render_profile", "site_of"]


def site_of(site: str) -> str:
    """The site ``--site`` names (a host or a URL), as :func:`cleaner.urls.site_host` reads it."""
    host = site_host(site)
    if not host:
        raise LearnError(f"--site {site!r} is not a host name")
    return host


def profile_name(site: str | None, output: str) -> str:
    """The profile's name: the site's host, else the output file's name (as the loader allows names)."""
    if site:
        return site
    stem = re.sub(r"\.toml$", "", output.rsplit("/", 1)[-1], flags=re.I).lower()
    name = re.sub(r"[^a-z0-9_.-]+", "-", stem).strip("-._")
    return name or "learned"
