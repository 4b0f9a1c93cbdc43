#!/usr/bin/env python3
"""Time and memory of one big document, by size: is the cleaner linear on every shape of input?

Usage: python bench/limits.py [--sizes 1,2,4,8,16,32] [--kinds text-prose,html-menus,...] [--timeout 900]

For each kind of input and each size (MB), the script writes a generated document to a temporary file
and cleans it in a fresh Python process, which reports:
- CPU seconds (user + system) of the clean, from reading the file to the article's text;
- peak RSS beyond the interpreter: the process's peak resident memory while it cleans the document
  (``VmHWM`` in /proc, reset just before through ``/proc/self/clear_refs``) minus its resident memory
  after importing cleaner and cleaning a tiny dump of the same format (lxml, trafilatura and the markup
  model loaded for HTML) and then a 16 KiB document of the same kind (the caches a process fills once, on
  its first real document: the stoplists' word index, the phrase patterns compiled as lines need them),
  which is what any run pays before its document. That first document's cost is printed too (``once``).
  (The process's lifetime peak, ``ru_maxrss``, would hide a small document's memory under the model's
  loading.)
and prints them with s/MB and bytes of memory per input byte (and per byte added since the size
before), so a curve that is not flat shows.

Kinds (every input is made here, from a seeded generator of pseudo-words, never one paragraph repeated:
the repetition detectors must not short-circuit the work):
- ``text-prose``: paragraphs of sentences, blank lines between them;
- ``text-lines``: short distinct lines (two to five words), like a dump of menus;
- ``text-longline``: one line of prose. The text path refuses a line over ``--max-line-chars``
  (default 1,000,000 characters) with a one-line error; the run raises that limit to the size, so the
  line is one character under it (the only input limit left is the 64 MiB one on the whole input);
- ``html-paragraphs``: an article of ``<p>`` paragraphs;
- ``html-deep``: nests 1,000 elements deep, one after another, a short text at each level, a paragraph
  after each;
- ``html-menus``: wide menus of ``<div>``s (groups of 40 short labels), a short story at the end: a page
  the markup alone leaves in doubt, so trafilatura is asked too (the costliest path).

Timings on the shared machine are noisy (the load average is printed); read the s/MB column down a
curve, not the absolutes. A size whose clean fails or times out prints the reason instead.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Callable, Iterator

MB = 1 << 20
ROOT = Path(__file__).resolve().parent.parent
#: The text path's line limit (``cleaner.reading.DEFAULT_MAX_LINE_CHARS``), restated so the parent
#: process need not import cleaner; the child checks it.
DEFAULT_MAX_LINE_CHARS = 1_000_000


# --- generated inputs ------------------------------------------------------------------------------------

_SYLLABLES = ("ba be bi bo bu da de di do du fa fe fi fo ka ke ki ko ku la le li lo lu ma me mi mo mu na ne "
              "ni no nu pa pe pi po pu ra re ri ro ru sa se si so su ta te ti to tu va ve vi vo za ze zi "
              "zo an en in on un ar er ir or ur").split()


class Words:
    """A seeded source of pseudo-words (a vocabulary of 20,000), sentences and short labels."""

    def __init__(self, seed: int) -> None:
        self.random = random.Random(seed)
        pick = self.random.choice
        vocabulary = {"".join(pick(_SYLLABLES) for _ in range(self.random.randint(1, 4))) for _ in range(30_000)}
        self.vocabulary = sorted(vocabulary)[:20_000]
        self.random.shuffle(self.vocabulary)

    def words(self, n: int) -> list[str]:
        return self.random.choices(self.vocabulary, k=n)

    def sentence(self) -> str:
        words = self.words(self.random.randint(8, 22))
        return words[0].capitalize() + " " + " ".join(words[1:]) + "."

    def paragraph(self) -> str:
        return " ".join(self.sentence() for _ in range(self.random.randint(2, 6)))

    def label(self) -> str:
        return " ".join(word.capitalize() for word in self.words(self.random.randint(2, 5)))


def _pieces_to(path: Path, size: int, head: str, pieces: Iterator[str], tail: str) -> int:
    """Write ``head``, then pieces until ``size`` bytes (minus the tail) are reached, then ``tail``."""
    with path.open("w", encoding="utf-8") as out:
        out.write(head)
        written = len(head.encode())
        budget = size - len(tail.encode())
        for piece in pieces:
            written += len(piece.encode())
            out.write(piece)
            if written >= budget:
                break
        out.write(tail)
        return written + len(tail.encode())


def text_prose(path: Path, size: int, words: Words) -> int:
    return _pieces_to(path, size, "", (words.paragraph() + "\n\n" for _ in iter(int, 1)), "")


def text_lines(path: Path, size: int, words: Words) -> int:
    return _pieces_to(path, size, "", (words.label() + "\n" for _ in iter(int, 1)), "")


def text_longline(path: Path, size: int, words: Words) -> int:
    """One line of prose, one character under ``size`` (the limit the run sets), then a newline."""
    pieces, length = [], 0
    while length < size:
        sentence = words.sentence() + " "
        pieces.append(sentence)
        length += len(sentence)
    line = "".join(pieces)[:size - 1].rstrip()
    path.write_text(line + "\n", encoding="utf-8")
    return len(line) + 1


_HTML_HEAD = "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>A generated page</title></head>\n<body>\n"
_HTML_TAIL = "</body></html>\n"


def html_paragraphs(path: Path, size: int, words: Words) -> int:
    head = _HTML_HEAD + "<article><h1>" + words.label() + "</h1>\n"
    return _pieces_to(path, size, head, (f"<p>{words.paragraph()}</p>\n" for _ in iter(int, 1)),
                      "</article>\n" + _HTML_TAIL)


#: Levels of one nest in ``html-deep``: far deeper than libxml2's default limit (256 levels).
NEST_DEPTH = 1_000


def html_deep(path: Path, size: int, words: Words) -> int:
    def nests() -> Iterator[str]:
        while True:
            opened = "".join(f"<div class=\"level\">{' '.join(words.words(2))}\n" for _ in range(NEST_DEPTH))
            yield opened + "</div>" * NEST_DEPTH + f"\n<p>{words.paragraph()}</p>\n"
    return _pieces_to(path, size, _HTML_HEAD, nests(), _HTML_TAIL)


def html_menus(path: Path, size: int, words: Words) -> int:
    """Menu-like ``<div>``s: groups of 40 short labels, no class names, a short story at the end. The markup
    alone leaves such a page in doubt, so it is the page that asks trafilatura (the costliest path)."""
    def menus() -> Iterator[str]:
        while True:
            yield "<div>\n" + "".join(f"<div>{words.label()}</div>\n" for _ in range(40)) + "</div>\n"
    tail = f"<div class=\"story\"><p>{words.paragraph()}</p><p>{words.paragraph()}</p></div>\n" + _HTML_TAIL
    return _pieces_to(path, size, _HTML_HEAD, menus(), tail)


KINDS: dict[str, tuple[str, Callable[[Path, int, Words], int]]] = {
    "text-prose": ("text", text_prose),
    "text-lines": ("text", text_lines),
    "text-longline": ("text", text_longline),
    "html-paragraphs": ("html", html_paragraphs),
    "html-deep": ("html", html_deep),
    "html-menus": ("html", html_menus),
}


#: The first document each measured process cleans before its big one (its cost is paid once per process).
FIRST_DOCUMENT_BYTES = 16 * 1024


# --- the measured process ---------------------------------------------------------------------------------

_TINY = {
    "text": "A headline\n\nHome | News | Sport\n\nThe first sentence of a short story. It has a second one too.\n",
    "html": "<!DOCTYPE html><html><head><title>T</title></head><body><nav><a href='/'>Home</a></nav>"
            "<article><h1>A headline</h1><p>The first sentence of a short story. It has a second one too, "
            "and a third.</p></article></body></html>",
}

_CHILD = r"""
import gc, json, resource, sys
fmt, path, max_line_chars = sys.argv[1], sys.argv[2], int(sys.argv[3])
import cleaner
from cleaner.api import Cleaner
from cleaner.reading import DEFAULT_MAX_LINE_CHARS

def status(field):
    with open("/proc/self/status") as handle:
        return next(int(line.split()[1]) for line in handle if line.startswith(field + ":"))

tiny = Cleaner(use_profiles=True)
tiny.clean(TINY[fmt], input_format=fmt).body
gc.collect()
try:
    after_tiny = status("VmRSS")
    with open(sys.argv[4], "rb") as handle:   # a first document of the same kind: what a process pays once
        tiny.clean(handle, input_format=fmt).body
    gc.collect()
    base = status("VmRSS")
    once = base - after_tiny
    with open("/proc/self/clear_refs", "w") as handle:   # the peak (VmHWM) starts again from here
        handle.write("5")
    peak = lambda: status("VmHWM")
except OSError:   # no /proc: the peak of the whole process, less the peak before (an underestimate)
    base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    peak = lambda: resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    once = 0
one = Cleaner(use_profiles=True, max_line_chars=max_line_chars)
before = resource.getrusage(resource.RUSAGE_SELF)
with open(path, "rb") as handle:
    article = one.clean(handle, input_format=fmt)
out = len(article.body)
after = resource.getrusage(resource.RUSAGE_SELF)
print(json.dumps({"cpu": after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime,
                  "base_kb": base, "peak_kb": peak(), "once_kb": once, "body_chars": out,
                  "warnings": article.warnings, "module": cleaner.__file__,
                  "default_max_line_chars": DEFAULT_MAX_LINE_CHARS}))
"""


def measure(kind: str, size_mb: float, timeout: float, workdir: Path) -> dict:
    fmt, make = KINDS[kind]
    size = int(size_mb * MB)
    path = workdir / f"{kind}-{size_mb:g}MB.{'html' if fmt == 'html' else 'txt'}"
    written = make(path, size, Words(seed=len(kind) * 1000 + int(size_mb * 10)))
    first = workdir / f"{kind}-first.{'html' if fmt == 'html' else 'txt'}"
    make(first, FIRST_DOCUMENT_BYTES, Words(seed=7))
    max_line_chars = size if kind == "text-longline" else DEFAULT_MAX_LINE_CHARS
    code = f"TINY = {_TINY!r}\n" + _CHILD
    try:
        done = subprocess.run([sys.executable, "-c", code, fmt, str(path), str(max_line_chars), str(first)],
                              capture_output=True, text=True, timeout=timeout, cwd=ROOT)
    except subprocess.TimeoutExpired:
        return {"bytes": written, "error": f"timed out after {timeout:g} s"}
    finally:
        path.unlink()
        first.unlink()
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["exit status %d" % done.returncode])[-1]
        return {"bytes": written, "error": last[:120]}
    result = json.loads(done.stdout.strip().splitlines()[-1])
    result["bytes"] = written
    return result


def report(kind: str, sizes: list[float], timeout: float, workdir: Path) -> None:
    """One curve: a row per size; ``+B/B`` is the memory the size added over the one before, per byte added
    (the slope, free of what any first big document costs once)."""
    print(f"\n{kind}")
    print(f"  {'MB':>5} {'CPU s':>8} {'s/MB':>6} {'RSS MB':>8} {'B/B':>6} {'+B/B':>6} {'once MB':>7}  body chars  warnings")
    previous = None
    for size_mb in sizes:
        result = measure(kind, size_mb, timeout, workdir)
        mb = result["bytes"] / MB
        if "error" in result:
            print(f"  {mb:>5.1f}  {result['error']}", flush=True)
            previous = None
            continue
        beyond = max(0, result["peak_kb"] - result["base_kb"]) * 1024
        slope = f"{(beyond - previous[1]) / (result['bytes'] - previous[0]):>6.1f}" if previous else f"{'':>6}"
        previous = (result["bytes"], beyond)
        warnings = "; ".join(result["warnings"])[:60]
        print(f"  {mb:>5.1f} {result['cpu']:>8.2f} {result['cpu'] / mb:>6.2f} {beyond / MB:>8.0f} "
              f"{beyond / result['bytes']:>6.1f} {slope} {result['once_kb'] / 1024:>7.0f}  {result['body_chars']:>10,}  "
              f"{warnings}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1,2,4,8,16,32", help="sizes in MB, comma-separated")
    parser.add_argument("--kinds", default=",".join(KINDS), help=f"comma-separated, of: {', '.join(KINDS)}")
    parser.add_argument("--timeout", type=float, default=900, help="seconds per clean")
    args = parser.parse_args()
    sizes = [float(s) for s in args.sizes.split(",") if s.strip()]
    kinds = [k.strip() for k in args.kinds.split(",") if k.strip()]
    unknown = [k for k in kinds if k not in KINDS]
    if unknown:
        parser.error(f"unknown kind(s): {', '.join(unknown)}")
    load = os.getloadavg()
    print(f"load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} on {os.cpu_count()} cores; "
          "RSS MB = peak beyond an interpreter that imported cleaner and cleaned a tiny dump and a first "
          "16 KiB document (once MB: what that first document cost); "
          "B/B = those bytes per input byte")
    print(f"text-longline: one line, one character under the line limit, raised to the size for the run "
          f"(the default limit is {DEFAULT_MAX_LINE_CHARS:,} characters)")
    with tempfile.TemporaryDirectory(prefix="cleaner-limits-") as workdir:
        for kind in kinds:
            report(kind, sizes, args.timeout, Path(workdir))
    load = os.getloadavg()
    print(f"\nload average at the end {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")


if __name__ == "__main__":
    main()
