"""A memo table that starts again when full: the one shape of the HTML path's caches.

The HTML path looks up the same few hundred values again and again (a site's
class names, its markups, the region words they name), so it keeps them; but
every object a long-lived table holds is one more the garbage collector visits
on each full collection. Measured on the HTML benchmark folders, tables of
50,000–100,000 entries made those walks a quarter to a third of the cleaner's
time, so each table holds a few thousand entries and is emptied when full: a
hit costs one dict lookup, a miss one more store, and no bookkeeping is done
per hit, as an LRU list would need.

Why not :func:`functools.lru_cache`: the hot loops look a value up inline
(``cache.get(key)``, the dict's own method), which is cheaper than calling a
decorated function per word; several tables are keyed by something other than
a function's arguments (four attribute values of an element); and some intern
values (:meth:`BoundedCache.shared`) so that equal sets are one object, which the
collector then visits once. The table is a plain dict inside, so one holding only
strings can be left untracked by the collector altogether (a dict subclass never is).
"""

from __future__ import annotations

from typing import Any, Hashable


class BoundedCache:
    """A dict of at most ``limit`` entries, emptied when a store would pass the limit.

    ``get`` is the dict's own method; store with ``cache[key] = value``.
    """

    __slots__ = ("_data", "limit", "get")

    def __init__(self, limit: int) -> None:
        self._data: dict = {}
        self.limit = limit
        self.get = self._data.get

    def __setitem__(self, key: Hashable, value: Any) -> None:
        data = self._data
        if len(data) >= self.limit:
            data.clear()
        data[key] = value

    def __getitem__(self, key: Hashable) -> Any:
        return self._data[key]

    def __contains__(self, key: Hashable) -> bool:
        return key in self._data

    def __len__(self) -> int:
        return len(self._data)

    def clear(self) -> None:
        self._data.clear()

    def shared(self, value: Hashable) -> Any:
        """The one copy of ``value`` the table holds, ``value`` itself when it is new (interning: equal
        frozensets kept by many entries of other tables become one object)."""
        found = self._data.get(value)
        if found is None:
            self[value] = found = value
        return found
