"""The command line: ``cleaner [FILE...]``, ``cleaner profiles``, ``cleaner check``; ``batch``, ``report`` and
``learn`` come from their own modules, imported when named.

A thin layer over :class:`cleaner.Cleaner`: it reads bytes, calls the
library, and prints. stdout carries only the article (or the requested
report); warnings and errors go to stderr as single lines.
"""

from __future__ import annotations

import contextlib
import errno
import importlib
import os
import sys

import click

from ..errors import CleanerError
from ..output import FORMATS, INPUT_SEPARATOR, explain, explain_json, render, text_pieces
from ..version import version_text
from .console import STDIN, fail, open_input, require_stdout, warn
from .options import input_format_option, markup_model_option, max_bytes_option, profile_option, profile_options, text_model_option


#: The commands with modules of their own, imported when named (or listed by ``--help``): cleaning a dump,
#: the default, does not load them.
_LAZY_COMMANDS = {"batch": (".batch", "batch_command"), "report": (".report", "report_command"),
                  "learn": (".learn", "learn_command")}


class _DefaultToClean(click.Group):
    """``cleaner FILE`` means ``cleaner clean FILE``: cleaning is the default command."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if not args or args[0] not in self.commands and args[0] not in _LAZY_COMMANDS \
                and args[0] not in ("--help", "-h", "--version"):
            args = ["clean", *args]
        return super().parse_args(ctx, args)

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *_LAZY_COMMANDS})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in _LAZY_COMMANDS and cmd_name not in self.commands:
            module, name = _LAZY_COMMANDS[cmd_name]
            self.add_command(getattr(importlib.import_module(module, __package__), name))
        return super().get_command(ctx, cmd_name)


def _print_version(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    """``--version``: made only when asked for (it says which core runs, which loads the core)."""
    if value and not ctx.resilient_parsing:
        click.echo(version_text())
        ctx.exit()


@click.group(cls=_DefaultToClean, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--version", is_flag=True, expose_value=False, is_eager=True, callback=_print_version,
              help="Print the distribution name, its version and which core runs.")
def main() -> None:
    """Print the real article from scraped page dumps: no menus, lists, pleas or footers.

    \b
    cleaner [OPTIONS] [FILE...]   clean each FILE (or stdin) — see 'cleaner clean --help'
    cleaner profiles              list the site profiles
    cleaner check [PATH...]       compare fixture dumps with their expected output
    cleaner batch INPUT... -o F   clean folders, JSONL and WARC files at scale
    cleaner report DUMP... -o F   one HTML page showing every line's decision
    cleaner learn DUMP... -o P    learn a site's template from its pages, as a profile
    """


def _make_cleaner(profiles_dirs, no_profiles, text_model=None, max_bytes=None, markup_model=None):
    from ..reading import DEFAULT_MAX_BYTES
    from ..startup import import_frozen

    Cleaner = import_frozen("..api", __package__).Cleaner  # the pipeline's modules, frozen as the CLI's are

    try:
        return Cleaner(profiles_dirs=profiles_dirs, use_profiles=not no_profiles, text_model=text_model,
                       markup_model=markup_model, max_bytes=max_bytes or DEFAULT_MAX_BYTES)
    except CleanerError as error:
        raise fail(error) from None


@main.command("clean")
@click.argument("files", nargs=-1, type=str)
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True,
              help="Output format.")
@click.option("--with-metadata", is_flag=True, help="Text format: print title, byline, date and site first.")
@click.option("--url", help="Where the dump came from (picks the site profile).")
@profile_option()
@profile_options
@text_model_option
@markup_model_option
@click.option("--explain", "show_explain", is_flag=True,
              help="Print every input line with its label and the rule that decided it.")
@input_format_option()
@max_bytes_option("A larger input is refused once this much has been read (one-line error, exit 1).")
def clean_command(files, fmt, with_metadata, url, profile_name, profiles_dirs, no_profiles, text_model, markup_model,
                  show_explain, input_format, max_bytes):
    """Print the article body of each FILE (stdin when none is given, or for '-').

    With several files, the text formats put a line holding a form feed (\\f) between their outputs;
    --format json prints one JSON object per line.
    """
    require_stdout()
    if show_explain and fmt == "markdown":
        raise click.UsageError("--explain prints text or JSON (--format json), not markdown")
    cleaner = _make_cleaner(profiles_dirs, no_profiles, text_model, max_bytes, markup_model)
    sources = list(files) or [STDIN]
    if not files:
        _tell_when_reading_a_terminal()
    status = 0
    color = sys.stdout.isatty()
    for index, source in enumerate(sources):
        name = "stdin" if source == STDIN else source
        if index and fmt != "json":
            with _writing_stdout():
                click.echo(INPUT_SEPARATOR, nl=False)
        try:
            with open_input(source) as handle:  # clean() reads it: the bytes live only as long as needed
                article = cleaner.clean(handle, url=url, profile=profile_name, input_format=input_format)
        except CleanerError as error:
            click.echo(f"cleaner: error: {name}: {error}" if len(sources) > 1 else f"cleaner: error: {error}", err=True)
            if error.exit_code == 2 and profile_name:
                raise click.exceptions.Exit(2) from None
            status = max(status, error.exit_code)
            continue
        except MemoryError:  # a resource error, not a bug: say so, and never print a partial article
            click.echo(f"cleaner: error: {name}: out of memory", err=True)
            status = max(status, 1)
            continue
        except Exception as error:  # a bug, or a broken install: still one line, never a traceback
            if os.environ.get("CLEANER_DEBUG"):
                raise
            click.echo(f"cleaner: error: {name}: internal error ({type(error).__name__}: {error}); "
                       "set CLEANER_DEBUG=1 for the traceback", err=True)
            status = max(status, 1)
            continue
        for warning in article.warnings:
            warn(f"{name}: {warning}")
        with _writing_stdout():
            if show_explain:
                click.echo(explain_json(article) if fmt == "json" else explain(article, color=color), nl=False)
            elif fmt == "text":  # written piece by piece: a large article is never joined into one string
                _write_pieces(text_pieces(article, with_metadata))
            else:
                click.echo(render(article, fmt, with_metadata), nl=False)
    raise click.exceptions.Exit(status)


@contextlib.contextmanager
def _writing_stdout():
    """A full disk or a closed terminal is one line and exit 1; a reader that went away (``| head``) is
    left to click, which exits quietly."""
    try:
        yield
    except OSError as error:
        if error.errno == errno.EPIPE:
            raise
        click.echo(f"cleaner: error: cannot write the output: {error.strerror or error}", err=True)
        raise click.exceptions.Exit(1) from None


def _write_pieces(pieces, chunk_chars: int = 1 << 16) -> None:
    """Write one article's text to stdout in chunks.

    Through ``click.echo`` (it copes with a misconfigured stdout encoding), a
    chunk at a time, so a large article is never joined into one string.
    """
    chunk: list[str] = []
    size = 0
    for piece in pieces:
        chunk.append(piece)
        size += len(piece)
        if size >= chunk_chars:
            click.echo("".join(chunk), nl=False)
            chunk, size = [], 0
    if chunk:
        click.echo("".join(chunk), nl=False)


def _tell_when_reading_a_terminal() -> None:
    """``cleaner`` alone on a terminal would wait silently for a dump to be typed: say so, on stderr."""
    if sys.stdin is not None and sys.stdin.isatty():
        click.echo("cleaner: reading the dump from stdin (Ctrl-D to end; --help for usage)", err=True)


@main.command("profiles")
@profile_options
def profiles_command(profiles_dirs, no_profiles):
    """List the site profiles known: name, hosts, and the file each was loaded from."""
    require_stdout()
    cleaner = _make_cleaner(profiles_dirs, no_profiles)
    rows = [(p.name, ", ".join(p.hosts) or "-", ("built-in " if p.builtin else "") + p.path) for p in cleaner.registry]
    if not rows:
        warn("no profiles loaded")
        return
    width_name = max(len(r[0]) for r in rows)
    width_hosts = max(len(r[1]) for r in rows)
    for name, hosts, path in rows:
        click.echo(f"{name:<{width_name}}  {hosts:<{width_hosts}}  {path}")


@main.command("check")
@click.argument("paths", nargs=-1, type=str)
@click.option("--update", is_flag=True, help="Write the current output as the new expected output.")
@click.option("-v", "--verbose", is_flag=True, help="List passing fixtures too.")
@profile_options
@text_model_option
@markup_model_option
def check_command(paths, update, verbose, profiles_dirs, no_profiles, text_model, markup_model):
    """Clean every fixture dump and compare with NAME.expected.txt beside it (default folder: fixtures/).

    Prints a unified diff for each mismatch and 'N passed, M failed'; exits 1
    on any mismatch, missing expectation or unreadable dump.
    """
    from .check import check_one, find_dumps

    require_stdout()
    cleaner = _make_cleaner(profiles_dirs, no_profiles, text_model, markup_model=markup_model)
    try:
        dumps = find_dumps(paths or ["fixtures"])
    except CleanerError as error:
        raise fail(error) from None
    if not dumps:
        warn(f"no fixture dumps found in {', '.join(paths or ['fixtures'])}")
    counts = {"passed": 0, "failed": 0, "updated": 0}
    for dump in dumps:
        result = check_one(cleaner, dump, update=update)
        if result.status == "passed":
            counts["passed"] += 1
            if verbose:
                click.echo(f"ok      {dump}")
        elif result.status == "updated":
            counts["updated"] += 1
            click.echo(f"updated {result.expected_path}")
        else:
            counts["failed"] += 1
            click.echo(f"FAILED  {dump}: {result.message or 'output differs from ' + str(result.expected_path)}")
            if result.diff:
                click.echo(result.diff, nl=not result.diff.endswith("\n"))
    summary = f"{counts['passed']} passed, {counts['failed']} failed"
    if update:
        summary += f", {counts['updated']} updated"
    click.echo(summary)
    raise click.exceptions.Exit(1 if counts["failed"] else 0)


def run() -> None:  # pragma: no cover - console-script shim
    main(prog_name="cleaner")


if __name__ == "__main__":  # pragma: no cover
    run()
