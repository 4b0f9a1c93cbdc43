"""``cleaner learn DUMP... [--site HOST] -o PROFILE.toml``: write a site profile learned from the site's pages.

The command finds the dumps (as ``cleaner check`` does), has :mod:`cleaner.learn` learn what they
share, writes the profile and loads it once to check it. Imports only click at start-up (the CLI's
cold start); the learner loads when the command runs.
"""

from __future__ import annotations

import os

import click

from ..errors import CleanerError, LearnError
from .console import fail
from .options import input_format_option


@click.command("learn")
@click.argument("dumps", nargs=-1, required=True, type=str)
@click.option("-o", "--output", metavar="PROFILE.toml", required=True, help="Write the learned profile to this file.")
@click.option("--site", metavar="HOST", help="The site's host (or a URL of it): the profile's name and the host it "
              "serves. Default: the host of the dumps' NAME.url files, else none (fingerprints pick the profile).")
@input_format_option("Treat the dumps as text dumps or HTML (auto: detect).")
def learn_command(dumps, output, site, input_format):
    """Learn a site's template from two or more of its pages (DUMP: a text dump or HTML page, or a folder of them)
    and write it as a profile: the lines and line shapes it prints on most pages, where its articles end,
    and fingerprints. A line printed on one page only is never learned.

    \b
      cleaner learn site-pages/ --site example.com -o profiles/example.com.toml
      cleaner --profiles-dir profiles dump.txt
    """
    try:
        text, summary = learn_profile(dumps, output, site, input_format)
    except CleanerError as error:
        raise fail(error) from None
    _write(output, text)
    from ..profiles import load_profile

    try:
        load_profile(output)  # what was written loads (and its regexes pass the backtracking check)
    except CleanerError as error:
        raise fail(error) from None
    click.echo(f"cleaner: wrote {output}: {summary}", err=True)


def learn_profile(dumps: tuple[str, ...], output: str, site: str | None, input_format: str = "auto") -> tuple[str, str]:
    """The profile file's text learned from the dumps, and the one-line summary; LearnError when it cannot be."""
    from ..learn import learn, profile_name, read_pages, render_profile, site_of
    from ..urls import sidecar_url
    from .check import find_dumps

    try:
        paths = find_dumps(dumps)
    except CleanerError as error:
        raise LearnError(str(error)) from None
    if len(paths) < 2:
        raise LearnError(f"learning a site's template needs at least 2 pages of it, got {len(paths)}")
    try:
        host = site_of(site) if site else _sidecar_site([sidecar_url(p) for p in paths])
    except OSError as exc:
        raise LearnError(f"cannot read a dump's URL file: {exc.strerror or exc}") from None
    pages = read_pages([str(p) for p in paths], input_format=input_format)
    learned = learn(pages, profile_name(host, output), site=host)
    if not learned.hosts and not learned.fingerprints:
        raise LearnError("no line is printed on every page to recognise the site by, and no host is known: "
                         "give --site HOST")
    return render_profile(learned, [str(p) for p in paths]), learned.summary()


def _sidecar_site(urls: list[str | None]) -> str | None:
    """The one site the dumps' ``NAME.url`` files name, if they all name the same."""
    from ..urls import site_host

    sites = {site_host(url) for url in urls if url} - {""}
    return sites.pop() if len(sites) == 1 else None


def _write(output: str, text: str) -> None:
    """Write the profile (its folder is made); a full disk or a bad path is one line and exit 1."""
    try:
        directory = os.path.dirname(output)
        if directory:
            os.makedirs(directory, exist_ok=True)
        with open(output, "w", encoding="utf-8") as handle:
            handle.write(text)
    except OSError as exc:
        click.echo(f"cleaner: error: cannot write {output!r}: {exc.strerror or exc}", err=True)
        raise click.exceptions.Exit(1) from None
