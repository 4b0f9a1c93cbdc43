"""Site profiles: one small TOML file per site, validated by one loader.

A profile describes a site's *template* — what every article page of the site
carries — never one article. It says which hosts it serves, how to recognise
the site from the dump alone (fingerprints), where the article starts and
ends, which lines are chrome (``[[drop]]``), and where the metadata is.

Built-in profiles live beside this file; users add their own from a folder
(``--profiles-dir``), and theirs win over built-ins of the same name.

    loader.py        reads and checks a profile file; the Registry picks a dump's profile (host, fingerprints)
    html_rules.py    the ``[html]`` table (CSS selectors), imported when a profile has one
    checks.py        the checks a profile's values pass as they are read (loader, html_rules)
    patterns.py      the line-pattern language, searched under a per-document CPU-time budget
    backtracking.py  the load-time check that rejects regexes which backtrack exponentially
"""

from __future__ import annotations

from ..compat import TYPE_CHECKING
from .loader import BUILTIN_DIR, DropRule, Profile, Registry, load_profile

if TYPE_CHECKING:
    from typing import Any

__all__ = ["BUILTIN_DIR", "DropRule", "HtmlDrop", "HtmlRules", "Profile", "Registry", "load_profile"]


def __getattr__(name: str) -> Any:
    """``HtmlDrop`` and ``HtmlRules``, from :mod:`.html_rules` when first asked (not at a start)."""
    if name in ("HtmlDrop", "HtmlRules"):
        from . import html_rules

        return getattr(html_rules, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
