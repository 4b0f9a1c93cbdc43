"""cleaner: the real article out of a scraped page dump (text or HTML).

>>> from cleaner import clean
>>> article = clean(open("dump.txt", encoding="utf-8").read())
>>> article.title, article.paragraphs[:1]

Every line's decision is in ``article.decisions`` with the stage and rule
that made it.
"""

from .api import Cleaner, clean
from .document import Article, Decision
from .errors import CleanerError, InputError, ModelError, ProfileError, UsageError
from .version import __version__

__all__ = ["Article", "Cleaner", "CleanerError", "Decision", "InputError", "ModelError", "ProfileError", "UsageError",
           "clean", "clean_many", "__version__"]


def __getattr__(name: str):
    """``clean_many`` loads the batch machinery (multiprocessing) only when first used."""
    if name == "clean_many":
        from .batch.many import clean_many

        return clean_many
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
