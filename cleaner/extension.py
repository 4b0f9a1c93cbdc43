"""The compiled extension ``cleaner._native`` (Rust), when it is built and not turned off.

The one place that decides whether a part may use it: :mod:`cleaner.native` (the text core, which sits
above the stages and reads their rules) and the HTML path's markup model (:mod:`cleaner.html.model`, below
the stages) both ask here, so ``CLEANER_PURE_PYTHON`` turns off every native piece at once.
"""

from __future__ import annotations

import os

from .compat import TYPE_CHECKING

if TYPE_CHECKING:
    from typing import Any

#: Set to 1 (or anything but 0 and empty) to run the pure-Python reference even when the core is built.
PURE_PYTHON_ENV = "CLEANER_PURE_PYTHON"


def extension() -> tuple[Any, str]:
    """(the extension module ``cleaner._native``, or None; why not, or ''): built and not turned off."""
    if os.environ.get(PURE_PYTHON_ENV, "") not in ("", "0"):
        return None, f"{PURE_PYTHON_ENV} is set"
    try:
        from . import _native
    except ImportError:
        return None, "the native core is not built"
    return _native, ""


def refusals(native: Any) -> tuple[type[BaseException], ...]:
    """What a call into the extension ``native`` raises when it will not or cannot take a text: a lone
    surrogate (``UnicodeEncodeError``, a ``ValueError``), a bad argument, or a bug it reports
    (``NativeError``). The caller's Python reference answers then."""
    return (ValueError, native.NativeError)
