"""The command line: ``cleaner [FILE...]``, ``cleaner profiles``, ``cleaner check``; ``batch``, ``report`` and
``learn`` come from their own modules, imported when named.

A thin layer over :class:`cleaner.Cleaner`: it reads bytes, calls the
library, and prints. stdout carries only the article (or the requested
report); warnings and errors go to stderr as single lines.
"""

from __future__ import annotations

import importlib

import click

from ..command import clean_sources, make_cleaner
from ..errors import CleanerError
from ..output import FORMATS
from ..version import version_text
from .console import fail, require_stdout, warn
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
    """The command's :class:`cleaner.Cleaner`; a bad profile or model is one line and its exit code."""
    try:
        return make_cleaner(profiles_dirs, no_profiles, text_model, max_bytes, markup_model)
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
    raise click.exceptions.Exit(clean_sources(cleaner, files, fmt=fmt, with_metadata=with_metadata, url=url,
                                              profile_name=profile_name, input_format=input_format,
                                              show_explain=show_explain))


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
