"""Answers remembered for one document: the metadata stage asks the same pure questions of the same lines more
than once (a dateline's date is read by the header's pick, by its publication's, by the test for someone else's
date; a credit's name by the byline's pick and the teaser-credit count), each time with regexes that try every
position of the line. A memo lives while one document is cleaned (:func:`document_memo`) and no longer: a cleaner
cleaning many documents, or one in each thread, keeps no answer of one for another (a context variable)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import wraps

from .compat import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any, TypeVar

    F = TypeVar("F", bound=Callable[..., Any])

_MEMO: ContextVar[dict | None] = ContextVar("cleaner_document_memo", default=None)
#: What the memo gives for a question not asked yet (an answer may be None).
_UNKNOWN = object()


@contextmanager
def document_memo() -> Iterator[None]:
    """Remember the answers of the functions :func:`per_document` wraps while one document is cleaned."""
    token = _MEMO.set({})
    try:
        yield
    finally:
        _MEMO.reset(token)


def per_document(function: F) -> F:
    """``function`` (pure: its answer depends on its positional arguments alone, each hashable) remembering its
    answers inside :func:`document_memo`; outside one, a plain call. Keyword arguments are not remembered."""

    @wraps(function)
    def remembered(*args: "Any", **kwargs: "Any") -> "Any":
        memo = _MEMO.get()
        if memo is None or kwargs:
            return function(*args, **kwargs)
        key = (function, args)
        found = memo.get(key, _UNKNOWN)     # (not a KeyError raised for each first question: most are)
        if found is _UNKNOWN:
            found = memo[key] = function(*args)
        return found

    return remembered  # type: ignore[return-value]
