"""``cleaner report DUMP... -o report.html``: clean dumps and show every decision in one HTML page.

The command finds the dumps (as ``cleaner check`` does), cleans each, and
hands the articles to :mod:`cleaner.report`, which makes the page and its
data. Imports only click at start-up (the CLI's cold start); the pipeline
loads when the command runs.
"""

from __future__ import annotations

import json
import os
from typing import Any, Callable, Iterable, Iterator

import click

from ..errors import CleanerError, InputFileError, UsageError
from .console import STDIN, fail, open_input
from .options import input_format_option, markup_model_option, profile_option, profile_options, text_model_option


@click.command("report")
@click.argument("paths", nargs=-1, required=True, type=str)
@click.option("-o", "--output", metavar="FILE", help="Write the HTML page to FILE ('-': stdout).")
@click.option("--json", "json_output", metavar="FILE",
              help="Write the data the page shows as JSON to FILE ('-': stdout).")
@click.option("--url", help="Where every dump came from (picks the profile); else each dump's NAME.url file.")
@profile_option()
@profile_options
@text_model_option
@markup_model_option
@input_format_option()
@click.option("--detail", "detail_documents", type=click.IntRange(min=0), default=50, show_default=True,
              help="Show the first N documents line by line (the others are counted in the summaries).")
def report_command(paths, output, json_output, url, profile_name, profiles_dirs, no_profiles, text_model,
                   markup_model, input_format, detail_documents):
    """Clean each DUMP (a file, a folder of dumps, or '-' for stdin) and write one HTML page showing every line's
    label, stage and reason, with counts per stage and, for many dumps, per site.

    \b
      cleaner report fixtures/ -o report.html
      cleaner report page.html --url https://example.com/story -o report.html --json report.json
    """
    from ..api import Cleaner
    from ..report.data import Limits

    if not output and not json_output:
        raise fail(UsageError("give -o FILE.html for the page, --json FILE for its data, or both"))
    try:
        cleaner = Cleaner(profiles_dirs=profiles_dirs, use_profiles=not no_profiles, text_model=text_model,
                          markup_model=markup_model)
        if profile_name:
            cleaner.registry.get(profile_name)  # an unknown name fails once, before any work
    except CleanerError as error:
        raise fail(error) from None

    def complain(name: str, message: str) -> None:
        click.echo(f"cleaner: error: {name}: {message}", err=True)

    data, status = build_report(paths, cleaner, url=url, profile=profile_name, input_format=input_format,
                                limits=Limits(detail_documents=detail_documents), on_error=complain)
    if json_output:
        _write(json_output, json.dumps(data, ensure_ascii=False, indent=1) + "\n")
    if output:
        from ..report.page import render_html

        _write(output, render_html(data))
    raise click.exceptions.Exit(status)


def build_report(paths: Iterable[str], cleaner: Any, url: str | None = None, profile: str | None = None,
                 input_format: str = "auto", limits: Any = None,
                 on_error: Callable[[str, str], None] | None = None) -> tuple[dict[str, Any], int]:
    """Clean every dump under ``paths`` with ``cleaner``; returns the report's data (what the page shows and
    ``--json`` writes) and the exit status (the worst of the failed dumps', 0 when none failed).

    A dump that cannot be read or cleaned is a row with its one-line error, and ``on_error(name, message)``.
    """
    from ..report.data import ReportBuilder

    builder = ReportBuilder(limits)
    status = 0
    for name, source in _dumps(paths):
        try:
            page_url = url or _sidecar_url(source)
            with open_input(source) as handle:
                article = cleaner.clean(handle, url=page_url, profile=profile, input_format=input_format)
        except CleanerError as error:
            message, code = str(error), error.exit_code
        except Exception as error:  # a bug: one line in the report and on stderr, never a traceback
            if os.environ.get("CLEANER_DEBUG"):
                raise
            message, code = f"internal error ({type(error).__name__}: {error}); set CLEANER_DEBUG=1 for the traceback", 1
        else:
            builder.add_article(name, article, page_url)
            continue
        builder.add_counts(name, url, lines=0, kept=0, error=message)
        status = max(status, code)
        if on_error is not None:
            on_error(name, message)
    return builder.data(), status


def _dumps(paths: Iterable[str]) -> Iterator[tuple[str, str]]:
    """(name, source) for every dump: files as given, folders searched as ``cleaner check`` does, ``-`` for
    stdin. A path that does not exist is yielded too: reading it gives the one-line error."""
    from .check import find_dumps

    for raw in paths:
        if raw == STDIN:
            yield "stdin", STDIN
        elif os.path.isdir(raw):
            for dump in find_dumps([raw]):
                yield str(dump), str(dump)
        else:
            yield raw, raw


def _sidecar_url(source: str) -> str | None:
    from ..urls import sidecar_url

    if source == STDIN:
        return None
    try:
        return sidecar_url(source)
    except OSError as exc:
        raise InputFileError(f"cannot read the URL file beside it: {getattr(exc, 'strerror', None) or exc}") from None


def _write(target: str, text: str) -> None:
    """Write the page or its data; a full disk or a missing folder is one line and exit 1."""
    try:
        if target == STDIN:
            click.echo(text, nl=False)
            return
        with open(target, "w", encoding="utf-8", errors="replace") as handle:
            handle.write(text)
    except OSError as exc:
        click.echo(f"cleaner: error: cannot write {target!r}: {exc.strerror or exc}", err=True)
        raise click.exceptions.Exit(1) from None
