"""The CLI's start: its modules imported with the garbage collector off, then frozen."""

from __future__ import annotations

import gc
import importlib
from types import ModuleType


def import_frozen(name: str, package: str | None = None) -> ModuleType:
    """``importlib.import_module(name, package)`` with the collector off, and what it made frozen.

    Importing the CLI, click and the pipeline leaves ~25,000 objects the collector tracks and no garbage;
    it ran over them ~20 times while they loaded (~5-8 ms of CPU of a ~100 ms start, min of 30 runs).
    Frozen (:func:`gc.freeze`), they live as long as the process, as modules do, and later collections
    pass them by. Used for the command line (``cleaner.__main__``) and, when a command cleans, for the
    pipeline it imports then (``cleaner.api``, ~1 ms more of collections).
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return importlib.import_module(name, package)
    finally:
        gc.freeze()
        if was_enabled:
            gc.enable()
