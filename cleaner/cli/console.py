"""What every command says and reads: one-line errors and warnings on stderr, inputs opened, stdout checked.

Click only (the commands' cold start).
"""

from __future__ import annotations

import contextlib
import sys
from typing import BinaryIO, ContextManager

import click

from ..errors import CleanerError, InputFileError

#: The input name that means standard input.
STDIN = "-"


def fail(error: CleanerError) -> click.exceptions.Exit:
    """Print ``cleaner: error: …`` and return the exit to raise (``raise fail(error) from None``)."""
    click.echo(f"cleaner: error: {error}", err=True)
    return click.exceptions.Exit(error.exit_code)


def warn(message: str) -> None:
    click.echo(f"cleaner: warning: {message}", err=True)


def require_stdout() -> None:
    """A closed stdout (``cleaner dump.txt >&-``: Python then has no ``sys.stdout``) is one line and exit 1,
    before any work; the line is lost too when stderr is closed as well (click writes nowhere then)."""
    if sys.stdout is None:
        click.echo("cleaner: error: cannot write the output: stdout is closed", err=True)
        raise click.exceptions.Exit(1)


def open_input(source: str) -> ContextManager[BinaryIO]:
    """The binary input: stdin (left open when done) or the named file; InputFileError saying why not."""
    if source == STDIN:
        if sys.stdin is None:  # started with stdin closed (<&-)
            raise InputFileError("cannot read stdin: it is closed")
        return contextlib.nullcontext(sys.stdin.buffer)
    try:
        return open(source, "rb")
    except OSError as exc:
        raise InputFileError(f"cannot read {source!r}: {exc.strerror or exc}") from None
