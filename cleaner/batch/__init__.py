"""Cleaning at corpus scale: ``cleaner batch`` and :func:`clean_many`.

Modules, in the order a document meets them:

    readers.py   folders, dump files and JSONL, streamed (warc.py: WARC/WET through FastWARC)
    records.py   Source (the stable resume key), InputRecord, the output record's shape
    pool.py      worker processes: chunks, per-document timeouts, results in input order
    work.py      what a worker does to one record (decode, clean, serialise)
    sinks.py     JSONL / folder output, and resuming from what is already written
    runner.py    one run: wiring, progress bar, summary
    many.py      clean_many() for library users (the command is :mod:`cleaner.cli.batch`)

Nothing here is imported by ``cleaner``'s plain text path: names are loaded
on first use.
"""

from __future__ import annotations

from typing import Any

__all__ = ["CleanResult", "clean_many"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from . import many

        return getattr(many, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
