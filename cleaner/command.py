"""The ``cleaner [FILE...]`` command's work, without click: the plain start and the click command share it.

``cleaner < dump`` and ``cleaner FILE...`` with no option are the common case, and importing click costs
~15 ms of a ~80 ms cold start. :func:`plain_files` recognises that case from ``argv``; :func:`run_plain`
then cleans with the clean command's defaults and exits, never importing click unless something unusual
happens: a stream click would re-wrap, a text holding an escape click strips, an interrupt or a broken
pipe that click's ``main`` turns into its own exit. Everything else (options, commands, ``--help``) goes to
click (:mod:`cleaner.cli`), whose clean command runs the same :func:`clean_sources`.
"""

from __future__ import annotations

import contextlib
import errno
import io
import os
import sys
from collections.abc import Iterable, Iterator

from .compat import TYPE_CHECKING
from .errors import CleanerError, InputFileError

if TYPE_CHECKING:
    from typing import Any, BinaryIO, ContextManager, NoReturn

    from .api import Cleaner

#: The input name that means standard input.
STDIN = "-"

#: The first words that name a command of the ``cleaner`` group (its test checks this against the group):
#: ``cleaner WORD ...`` goes to click.
COMMAND_NAMES = frozenset({"clean", "profiles", "check", "batch", "report", "learn"})

#: Set by a shell asking click for completions (click's ``_{PROG}_COMPLETE``): click answers it.
_COMPLETION_VARIABLE = "_CLEANER_COMPLETE"

#: The message when started with stdout closed (``cleaner dump.txt >&-``).
STDOUT_CLOSED = "cleaner: error: cannot write the output: stdout is closed"


class _Stop(Exception):
    """Stop cleaning the inputs and exit with ``status`` (a write failed, or a forced profile is unknown)."""

    def __init__(self, status: int) -> None:
        super().__init__(status)
        self.status = status


def echo(message: str = "", nl: bool = True, err: bool = False) -> None:
    """``click.echo(message, nl=nl, err=err)``, without importing click when that is a plain write.

    It is one when the stream is an ordinary UTF-8 text stream and the text holds no escape character:
    click then neither re-wraps the stream (it does for an ASCII one) nor strips ANSI codes (it does when
    the stream is not a terminal). Any other case is click's own ``echo``.
    """
    stream = sys.stderr if err else sys.stdout
    if nl:
        message += "\n"
    if stream is None or not message or "\x1b" in message or not _plain_utf8(stream):
        import click

        click.echo(message, nl=False, err=err)
        return
    stream.write(message)
    stream.flush()


def _plain_utf8(stream: Any) -> bool:
    """Whether ``stream`` is the interpreter's own kind of text stream, encoding UTF-8."""
    return type(stream) is io.TextIOWrapper and stream.encoding.lower().replace("_", "-") in ("utf-8", "utf8")


def warn(message: str) -> None:
    """A one-line warning on stderr."""
    echo(f"cleaner: warning: {message}", err=True)


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


def make_cleaner(profiles_dirs: Iterable[str] = (), no_profiles: bool = False, text_model: str | None = None,
                 max_bytes: int | None = None, markup_model: str | None = None) -> Cleaner:
    """The :class:`cleaner.Cleaner` a command runs, its pipeline's modules frozen as the CLI's are
    (:func:`cleaner.startup.import_frozen`). Raises :class:`CleanerError` for a bad profile or model."""
    from .reading import DEFAULT_MAX_BYTES
    from .startup import import_frozen

    api = import_frozen(".api", __package__)
    return api.Cleaner(profiles_dirs=profiles_dirs, use_profiles=not no_profiles, text_model=text_model,
                       markup_model=markup_model, max_bytes=max_bytes or DEFAULT_MAX_BYTES)


def clean_sources(cleaner: Cleaner, files: Iterable[str], *, fmt: str = "text", with_metadata: bool = False,
                  url: str | None = None, profile_name: str | None = None, input_format: str = "auto",
                  show_explain: bool = False) -> int:
    """Clean each file (stdin when none) and print its article; the exit status.

    A file that cannot be cleaned is one error line and the next file (status: the worst error's exit
    code); an unknown forced profile stops at once with 2; a failed write stops with 1.
    """
    from .output import INPUT_SEPARATOR, explain, explain_json, render, text_pieces

    sources = list(files) or [STDIN]
    if not files:
        _tell_when_reading_a_terminal()
    status = 0
    color = sys.stdout.isatty()
    try:
        for index, source in enumerate(sources):
            name = "stdin" if source == STDIN else source
            if index and fmt != "json":
                with _writing_stdout():
                    echo(INPUT_SEPARATOR, nl=False)
            try:
                with open_input(source) as handle:  # clean() reads it: the bytes live only as long as needed
                    article = cleaner.clean(handle, url=url, profile=profile_name, input_format=input_format)
            except CleanerError as error:
                echo(f"cleaner: error: {name}: {error}" if len(sources) > 1 else f"cleaner: error: {error}",
                     err=True)
                if error.exit_code == 2 and profile_name:
                    raise _Stop(2) from None
                status = max(status, error.exit_code)
                continue
            except MemoryError:  # a resource error, not a bug: say so, and never print a partial article
                echo(f"cleaner: error: {name}: out of memory", err=True)
                status = max(status, 1)
                continue
            except Exception as error:  # a bug, or a broken install: still one line, never a traceback
                if os.environ.get("CLEANER_DEBUG"):
                    raise
                echo(f"cleaner: error: {name}: internal error ({type(error).__name__}: {error}); "
                     "set CLEANER_DEBUG=1 for the traceback", err=True)
                status = max(status, 1)
                continue
            for warning in article.warnings:
                warn(f"{name}: {warning}")
            with _writing_stdout():
                if show_explain:
                    echo(explain_json(article) if fmt == "json" else explain(article, color=color), nl=False)
                elif fmt == "text":  # written piece by piece: a large article is never joined into one string
                    _write_pieces(text_pieces(article, with_metadata))
                else:
                    echo(render(article, fmt, with_metadata), nl=False)
    except _Stop as stop:
        return stop.status
    return status


@contextlib.contextmanager
def _writing_stdout() -> Iterator[None]:
    """A full disk or a closed terminal is one line and exit 1; a reader that went away (``| head``) is
    left to click's ``main``, which exits quietly."""
    try:
        yield
    except OSError as error:
        if error.errno == errno.EPIPE:
            raise
        echo(f"cleaner: error: cannot write the output: {error.strerror or error}", err=True)
        raise _Stop(1) from None


def _write_pieces(pieces: Iterable[str], chunk_chars: int = 1 << 16) -> None:
    """Write one article's text to stdout in chunks.

    Through :func:`echo` (click's, which copes with a misconfigured stdout encoding), a chunk at a time,
    so a large article is never joined into one string.
    """
    chunk: list[str] = []
    size = 0
    for piece in pieces:
        chunk.append(piece)
        size += len(piece)
        if size >= chunk_chars:
            echo("".join(chunk), nl=False)
            chunk, size = [], 0
    if chunk:
        echo("".join(chunk), nl=False)


def _tell_when_reading_a_terminal() -> None:
    """``cleaner`` alone on a terminal would wait silently for a dump to be typed: say so, on stderr."""
    if sys.stdin is not None and sys.stdin.isatty():
        echo("cleaner: reading the dump from stdin (Ctrl-D to end; --help for usage)", err=True)


def plain_files(args: list[str]) -> list[str] | None:
    """The files of ``cleaner [FILE...]`` with no option and no command (``-`` is stdin); None otherwise,
    and when a shell asks for completions: click parses those."""
    if _COMPLETION_VARIABLE in os.environ or args and args[0] in COMMAND_NAMES:
        return None
    if any(arg.startswith("-") and arg != STDIN for arg in args):
        return None
    return args


def run_plain(files: list[str]) -> NoReturn:
    """Run ``cleaner FILE...`` (no options: the clean command's defaults) and exit as click would.

    An exception click's ``main`` handles (an interrupt, a broken pipe) is handed to it to finish.
    """
    try:
        status = _clean_plain(files)
    except (Exception, KeyboardInterrupt) as error:  # not an exit: the loop's own errors are lines and a status
        _finish_in_click(error)
    sys.exit(status)


def _clean_plain(files: list[str]) -> int:
    """The clean command's steps with its defaults: stdout checked, the cleaner made, the files cleaned."""
    if sys.stdout is None:
        echo(STDOUT_CLOSED, err=True)
        return 1
    try:
        cleaner = make_cleaner()
    except CleanerError as error:
        echo(f"cleaner: error: {error}", err=True)
        return error.exit_code
    return clean_sources(cleaner, files)


def _finish_in_click(error: BaseException) -> NoReturn:
    """Raise ``error`` inside a click command's ``main``, so it ends the process as the click path would."""
    import click

    @click.command()
    def reraise() -> None:
        raise error

    reraise.main(args=[], prog_name="cleaner")
    raise AssertionError("click's main returned")  # pragma: no cover - standalone mode always exits
