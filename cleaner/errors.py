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


class InputFileError(CleanerError):
    """A named input cannot be opened (no such file, no permission, stdin closed): exit 2, as a bad argument."""

    exit_code = 2


class LearnError(CleanerError):
    """A bad ``cleaner learn`` invocation: too few pages, an unreadable one, nothing to learn."""

    exit_code = 2


# ``cleaner batch``: the errors that stop a run (a document's own problems are error records, never raised).

class BatchUsageError(CleanerError):
    """A bad input or output argument (or report path), found before any document is read."""

    exit_code = 2


class PoolError(CleanerError):
    """Workers cannot run at all (they fail to start): the run stops with this one-line reason."""

    exit_code = 1


class BatchWriteError(CleanerError):
    """The output cannot be written (disk full, permissions): the run stops; resume later."""

    exit_code = 1


class BatchInterrupted(CleanerError):
    """Ctrl-C or SIGTERM: what was done is written; the same command picks up from there."""

    exit_code = 130
