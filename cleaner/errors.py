"""Errors a user can cause, each with a one-line message and an exit status.

The CLI prints ``cleaner: error: <message>`` and exits with ``exit_code``;
library users catch :class:`CleanerError`. Nothing a user can feed us should
surface as a traceback.
"""

from __future__ import annotations


class CleanerError(Exception):
    """Base class: ``str(error)`` is a complete one-line explanation."""

    exit_code = 1


class InputError(CleanerError):
    """The input cannot be read as a dump (binary, undecodable, too large)."""

    exit_code = 1


class ProfileError(CleanerError):
    """A profile file is broken: names the file, the key and the problem."""

    exit_code = 2

    def __init__(self, path: str, key: str | None, problem: str) -> None:
        self.path = path
        self.key = key
        self.problem = problem
        where = f"{path}: {key}" if key else path
        super().__init__(f"profile {where}: {problem}")


class ModelError(CleanerError):
    """A model file (the text model or the markup model) cannot be used: names the model, the file and the problem."""

    exit_code = 2

    def __init__(self, path: str, problem: str, kind: str = "text model") -> None:
        self.path = path
        self.problem = problem
        self.kind = kind
        super().__init__(f"{kind} {path}: {problem}")


class UsageError(CleanerError):
    """A bad option value or an unknown profile name."""

    exit_code = 2
