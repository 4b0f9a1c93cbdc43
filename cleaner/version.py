"""Which cleaner this is: the distribution's name on the package index and its version.

The import name is ``cleaner`` and so is the command, but the package index's
``cleaner`` is an unrelated project, so the distribution is installed as
``pip install article-cleaner``. ``cleaner --version`` prints :func:`version_text`,
the one place that line is made (a native core would add itself there).
"""

from __future__ import annotations

#: The name to ``pip install`` (setup.cfg's ``name``; a test holds the two together).
DISTRIBUTION = "article-cleaner"

__version__ = "1.0.0"


def version_text() -> str:
    """The line ``cleaner --version`` prints: the distribution name and its version."""
    return f"{DISTRIBUTION} {__version__}"
