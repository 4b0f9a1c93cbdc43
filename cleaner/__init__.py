"""cleaner: the real article out of a scraped page dump (text or HTML).

>>> from cleaner import clean
>>> article = clean(open("dump.txt", encoding="utf-8").read())
>>> article.title, article.paragraphs[:1]

Every line's decision is in ``article.decisions`` with the stage and rule
that made it.
"""

from .errors import CleanerError, InputError, ModelError, ProfileError, UsageError
from .version import __version__

__all__ = ["Article", "Cleaner", "CleanerError", "Decision", "InputError", "ModelError", "ProfileError", "UsageError",
           "clean", "clean_many", "__version__"]

#: Names loaded on first use: ``import cleaner.errors`` (or the pytest plugin, which pytest loads in every
#: run) must not pay for the pipeline, and ``clean_many`` brings the batch machinery (multiprocessing).
_LAZY = {"Cleaner": "api", "clean": "api", "Article": "document", "Decision": "document", "clean_many": "batch.many"}


def __getattr__(name: str):
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))
