"""Freed C-heap memory given back to the system, where the C library can (glibc's ``malloc_trim``)."""

from __future__ import annotations

import functools


def give_back_freed_memory() -> None:
    """Return the C heap's freed pages to the system (glibc's ``malloc_trim``; elsewhere nothing happens).

    libxml2 allocates with ``malloc``, and Python's objects live in arenas of their own: the pages htmldate's
    copy of the tree held stay resident after it is freed (measured: 15 bytes a byte of a menu page), and
    the lines' objects cannot reuse them. Given back, the peak of a big page is the larger of the copy and
    the lines, not their sum.
    """
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


@functools.cache
def _malloc_trim():
    try:
        import ctypes

        return ctypes.CDLL(None).malloc_trim
    except (OSError, AttributeError):  # not glibc
        return None
