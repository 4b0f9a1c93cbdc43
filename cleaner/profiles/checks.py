"""The checks a profile file's values pass as they are read: each failure a :class:`ProfileError` naming the file
and the key. Shared by :mod:`.loader` and :mod:`.html_rules`."""

from __future__ import annotations

from ..compat import TYPE_CHECKING
from ..errors import ProfileError

if TYPE_CHECKING:
    from typing import Any


def no_unknown(table: dict[str, Any], allowed: set[str], path: str, prefix: str) -> None:
    unknown = sorted(set(table) - allowed)
    if unknown:
        # A quoted TOML key can hold any character: a line break would break the one-line error.
        key = unknown[0] if unknown[0].isprintable() else repr(unknown[0])
        raise ProfileError(path, prefix + key, f"unknown key (allowed: {', '.join(sorted(allowed))})")


def table_of(value: Any, path: str, key: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ProfileError(path, key, "must be a table")
    return value


def list_of(value: Any, path: str, key: str) -> list[Any]:
    if not isinstance(value, list):
        raise ProfileError(path, key, "must be a list")
    return value


def string_list(value: Any, path: str, key: str) -> list[str]:
    items = list_of(value, path, key)
    for i, item in enumerate(items):
        if not isinstance(item, str) or not item:
            raise ProfileError(path, f"{key}[{i}]", "must be a non-empty string")
    return items
