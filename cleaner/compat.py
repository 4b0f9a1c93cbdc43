"""What differs between the Python versions the package supports (3.10 and later), written once."""

from __future__ import annotations

import sys

#: ``typing.TYPE_CHECKING`` without importing :mod:`typing`: False when run, True to a type checker (mypy and
#: pyright read any name ``TYPE_CHECKING`` so). ``import typing`` is ~12 M instructions, ~4% of what a CLI start
#: adds to bare Python, and nothing a start runs needs it: the modules a start imports take this flag and import
#: typing's names under it alone, their ABCs from :mod:`collections.abc` (tests/test_cold_start.py checks it).
TYPE_CHECKING = False

if TYPE_CHECKING:
    from typing import Any

# The digests, from CPython's own implementations when they are there (as ``random`` takes its sha512):
# ``hashlib`` loads OpenSSL, ~2-3 ms of CPU of every CLI start (a tenth of its budget over bare Python),
# for a SHA-256 of the phrase data and a BLAKE2b of a line. The digests are the same bytes either way
# (``hashlib.blake2b`` *is* ``_blake2.blake2b``); the module holding SHA-256 was renamed in 3.12.
try:
    from _sha256 import sha256
except ImportError:  # pragma: no cover - Python 3.12 and later, or a build without it
    try:
        from _sha2 import sha256  # type: ignore[no-redef]
    except ImportError:
        from hashlib import sha256  # type: ignore[no-redef]
try:
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - a build without the module
    from hashlib import blake2b  # type: ignore[no-redef]

__all__ = ["blake2b", "sha256", "tomllib"]


def __getattr__(name: str) -> Any:
    """``tomllib`` (``tomli`` before 3.11), imported when first named: ~2 ms of a start that reads the shipped
    TOML files from their twins (:func:`cleaner.data.read_toml`) and parses none."""
    if name != "tomllib":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - exercised on Python 3.10 only (setup.cfg installs tomli there)
        import tomli as tomllib
    globals()["tomllib"] = tomllib
    return tomllib
