"""Which cleaner this is: the distribution's name on the package index and its version.

The import name is ``cleaner`` and so is the command, but the package index's
``cleaner`` is an unrelated project, so the distribution is installed as
``pip install article-cleaner``. ``cleaner --version`` prints :func:`version_text`,
the one place that line is made, with which core runs (:mod:`cleaner.native`).
"""

from __future__ import annotations

#: The name to ``pip install`` (setup.cfg's ``name``; a test holds the two together).
DISTRIBUTION = "article-cleaner"

__version__ = "1.0.0"


def version_text() -> str:
    """The line ``cleaner --version`` prints: the distribution name, its version and the core that runs
    ("article-cleaner 1.0.0 (native core)", "... (pure Python)", or "(pure Python: why)")."""
    from .native import core_name

    return f"{DISTRIBUTION} {__version__} ({core_name()})"
