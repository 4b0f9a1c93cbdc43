"""What every command says and reads: one-line errors and warnings on stderr, inputs opened, stdout checked.

Click only (the commands' cold start); the click-free pieces live in :mod:`cleaner.command`, which the
plain ``cleaner [FILE...]`` start runs without click.
"""

from __future__ import annotations

import sys

import click

from ..command import STDIN, STDOUT_CLOSED, echo, open_input, warn
from ..errors import CleanerError

__all__ = ["STDIN", "fail", "open_input", "require_stdout", "warn"]


def fail(error: CleanerError) -> click.exceptions.Exit:
    """Print ``cleaner: error: …`` and return the exit to raise (``raise fail(error) from None``)."""
    echo(f"cleaner: error: {error}", err=True)
    return click.exceptions.Exit(error.exit_code)


def require_stdout() -> None:
    """A closed stdout (``cleaner dump.txt >&-``: Python then has no ``sys.stdout``) is one line and exit 1,
    before any work; the line is lost too when stderr is closed as well (click writes nowhere then)."""
    if sys.stdout is None:
        echo(STDOUT_CLOSED, err=True)
        raise click.exceptions.Exit(1)
