"""What differs between the Python versions the package supports (3.10 and later), written once."""

from __future__ import annotations

import sys

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only (setup.cfg installs tomli there)
    import tomli as tomllib

__all__ = ["tomllib"]
