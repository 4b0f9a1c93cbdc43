"""The CLI's start: its modules imported with the garbage collector off, then frozen; what it reads pre-built."""

from __future__ import annotations

import gc
import importlib
from types import ModuleType

from .compat import TYPE_CHECKING

if TYPE_CHECKING:
    from .lazy_re import LazyPattern


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


def package_patterns() -> list[LazyPattern]:
    """Every lazy pattern the package makes (:mod:`cleaner.lazy_re`): its modules imported, the built-in
    profiles loaded. Their programs are shipped (``python tools/build_phrase_index.py``) so that a start
    compiles none of them. Asked of a fresh interpreter: objects :func:`import_frozen` froze are not found."""
    import os
    import pkgutil

    from .lazy_re import LazyPattern
    from .profiles import Registry

    for module in pkgutil.walk_packages([os.path.dirname(os.path.abspath(__file__))], "cleaner."):
        try:
            importlib.import_module(module.name)
        except ImportError:  # an integration whose framework is not installed
            continue
    registry = Registry.load()  # (held while its patterns are found)
    found = [item for item in gc.get_objects() if isinstance(item, LazyPattern)]
    del registry
    return found
