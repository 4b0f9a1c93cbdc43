"""``cleaner batch``: the click command over :mod:`cleaner.batch`. Imports only click at start-up; the work
loads when it runs."""

from __future__ import annotations

import sys

import click

from ..errors import CleanerError
from .console import fail
from .options import input_format_option, markup_model_option, max_bytes_option, profile_option, profile_options, text_model_option


@click.command("batch")
@click.argument("inputs", nargs=-1, required=True, type=str)
@click.option("-o", "--output", metavar="FILE", help="Write one JSON record per document to FILE (.jsonl or .jsonl.gz).")
@click.option("--out-dir", metavar="DIR", help="Instead: one .txt file per document (the body) under DIR; .err for failures.")
@click.option("-j", "--workers", type=click.IntRange(min=1), help="Worker processes (default: all cores).")
@click.option("--text-field", default="text", show_default=True, help="JSONL: the field holding the dump.")
@click.option("--id-field", default="id", show_default=True, help="JSONL: the field holding the document id.")
@click.option("--url-field", default="url", show_default=True, help="JSONL: the field holding the page URL.")
@max_bytes_option("Larger documents (a file, a JSONL line, a WARC payload) become error records, unread.")
@click.option("--timeout", type=click.FloatRange(min=0), default=60.0, show_default=True,
              help="Seconds one document may take; a stuck one is stopped and becomes an error record (0: no limit).")
@input_format_option("Treat documents as text dumps or HTML (WARC and WET records say what they are).")
@profile_option("Force this profile for every document.")
@profile_options
@text_model_option
@markup_model_option
@click.option("--chunk-size", type=click.IntRange(min=1), default=32, show_default=True,
              help="Documents sent to a worker at a time.")
@click.option("--append", is_flag=True,
              help="Add to a JSONL output that holds records of other inputs (each document is still written once).")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar and no summary line.")
@click.option("--learn-sites", is_flag=True, help="First count the lines each host prints on most of its pages "
              "(hosts from the records' URLs), then drop them as template where the generic stages dropped them "
              "or kept them below the text.")
@click.option("--report", metavar="FILE", help="Also write an HTML report: lines kept per site, the first documents "
              "line by line (see 'cleaner report').")
def batch_command(inputs, output, out_dir, workers, text_field, id_field, url_field, max_bytes, timeout,
                  input_format, profile_name, profiles_dirs, no_profiles, text_model, markup_model, chunk_size, append,
                  quiet, learn_sites, report):
    """Clean many dumps: folders (*.txt, *.html, gzip'd too), JSONL and WARC/WET files, mixed.

    \b
    Every input document yields exactly one output record, in input order;
    a failed one is an error record. A run that is killed resumes where it
    stopped when started again with the same command.

    \b
      cleaner batch pages/ crawl.jsonl.gz CC-MAIN-*.warc.wet.gz -o clean.jsonl.gz
      cleaner batch dumps/ --out-dir clean/ -j 4
    """
    from ..batch.runner import BatchOptions, run_batch
    from ..batch.work import Settings

    settings = Settings(profiles_dirs=tuple(profiles_dirs), use_profiles=not no_profiles, profile=profile_name,
                        input_format=input_format, max_bytes=max_bytes, text_field=text_field, id_field=id_field,
                        url_field=url_field, text_model=text_model, markup_model=markup_model)
    options = BatchOptions(inputs=list(inputs), output=output, out_dir=out_dir, workers=workers,
                           timeout=timeout or None, chunk_docs=chunk_size, append=append, settings=settings,
                           learn_sites=learn_sites)
    collector = None
    try:
        if report:
            from ..report.batch import BatchReport

            collector = BatchReport(options, report)
        stderr = sys.stderr  # None when started with stderr closed (2>&-): the run goes on, its notes are lost
        counts = run_batch(options, progress=not quiet and stderr is not None and stderr.isatty(),
                           log=None if quiet or stderr is None else stderr,
                           observe=collector.observe if collector else None)
        if collector is not None:
            collector.write()
    except CleanerError as error:
        raise fail(error) from None
    except KeyboardInterrupt:  # before the run started, or while it was shutting down
        click.echo("cleaner: error: interrupted; run the same command again to resume", err=True)
        raise click.exceptions.Exit(130) from None
    if counts.documents == 0 and counts.skipped == 0:  # an empty folder, a mistyped glob: say so, exit 2
        click.echo(f"cleaner: warning: no input documents found in {', '.join(inputs)}", err=True)
        raise click.exceptions.Exit(2)
