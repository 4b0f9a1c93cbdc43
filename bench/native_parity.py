#!/usr/bin/env python3
"""The native core against the Python reference on every line of benchmark folders' dumps.

Usage: python bench/native_parity.py DIR... [-j WORKERS] [--show N]

Each DIR is a benchmark folder (``<id>.txt``, ``<id>.flat.txt``, ``<id>.html`` or ``<id>.html.gz``) or a
fixtures tree. Every dump is made into lines as ``Cleaner.clean`` makes them (text: decoded and split;
HTML: laid out), its language detected as the features stage does, and every line's measures
(``Features``) and boilerplate phrase (``PhraseBook.classify``) computed by both cores
(:func:`cleaner.native.differences`); for HTML, the page laid out by both walks (``native/src/layout.rs`` and
``LineBuilder.walk``: every line's text and markup; a page the core refuses is the reference's alone), and
the core's search of the patterns the shapes stage has it look for on a page's lines against ``re``'s match
(:func:`search_differences`); for text dumps, the whole text path too: every line's label, stage and
reason, and the article's fields, from the core and from the Python reference
(:func:`cleaner.native.path.path_differences`, with the page's address as the snapshot passes it). Prints, per
folder and input kind, the dumps, lines and differing lines (must be 0; the article's fields count as one line),
the dumps whose title, byline or date differ among them (must be 0), then a few differences. Exit status 1 if any line differs, 2 without a native core.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from snapshot import _read, _url_for, dumps_in  # noqa: E402


def lines_of(path: str, kind: str) -> list[str]:
    """A dump's lines, as the pipeline's Document holds them."""
    from cleaner.document import Document
    from cleaner.reading import decode, normalise_newlines

    text = normalise_newlines(decode(_read(path)))
    if kind == "html":
        from cleaner.html import html_to_document

        return [line.text for line in html_to_document(text).lines]
    return [line.text for line in Document.from_text(text).lines]


#: What a line's layout is compared by: its text and every field of its markup.
_LAYOUT_FIELDS = ("text", "blank_before", "tag", "heading", "containers", "link_chars", "near", "far", "depth",
                  "hidden", "block", "repeats", "path")


def layout_differences(path: str) -> list[tuple[int, str, object, object]]:
    """(line, field, native, Python) for each line whose layout the core's walk and the reference's differ
    on (a missing line is a difference in ``lines``); none when the core refuses the page."""
    from cleaner.errors import CleanerError
    from cleaner.html import _parsed
    from cleaner.html.layout import LineBuilder, native_walker, walk_root
    from cleaner.reading import decode, normalise_newlines

    walker = native_walker()
    if walker is None:
        return [(-1, "layout", "no native walk", "")]
    try:
        top = walk_root(_parsed(normalise_newlines(decode(_read(path)))))
    except CleanerError:
        return []
    native = walker(top)
    if native is None:
        return []
    python = LineBuilder().walk(top)
    found = []
    if len(native) != len(python):
        found.append((-1, "lines", len(native), len(python)))

    def value(line, field):
        return getattr(line, field) if field in ("text", "blank_before") else getattr(line.markup, field)

    for i, (mine, theirs) in enumerate(zip(native, python)):
        for field in _LAYOUT_FIELDS:
            if value(mine, field) != value(theirs, field):
                found.append((i, field, value(mine, field), value(theirs, field)))
    return found


#: The lines whose searches are compared are this long at most: the stage asks for a comment's date on lines of
#: 80 characters at most, for the others on lines of at most 8 words; ``re``'s match of a comment's date (two
#: ``.*``) is quadratic in a line's length.
_SEARCHED_CHARS = 1000


def search_differences(lines: list[str]) -> list[tuple[int, str, object, object]]:
    """(line, pattern, native, Python) for each line where the core's search of a pattern the shapes stage has
    it look for on an HTML page (``shapes.LINE_SEARCHES``) and ``re``'s match of the pattern differ, on the lines
    of at most :data:`_SEARCHED_CHARS` characters; none when the core refuses the page's text."""
    from cleaner.native import found_in_lines
    from cleaner.stages.shapes import LINE_SEARCHES, line_search_pattern

    found = []
    at = [i for i, text in enumerate(lines) if len(text) <= _SEARCHED_CHARS]
    texts = [lines[i] for i in at]
    for patterns in LINE_SEARCHES:
        native = found_in_lines(line_search_pattern(patterns), texts)
        if native is None:
            continue
        name = "search " + "|".join(p.pattern[:24] for p in patterns)
        for i, mine, text in zip(at, native, texts):
            theirs = any(p.match(text) for p in patterns)
            if bool(mine) != theirs:
                found.append((i, name, bool(mine), theirs))
    return found


#: The article's fields the metadata stage finds, counted apart (a difference in one is also a differing line, -1).
_META_FIELDS = ("title", "byline", "date")


def compare(job: tuple[str, str, str]) -> tuple[str, str, int, list[tuple[int, str, object, object, str]]]:
    """(label, kind, lines, differences with the line's text) of one dump."""
    from cleaner import language, native
    from cleaner.errors import CleanerError

    path, label, kind = job
    try:
        lines = lines_of(path, kind)
    except CleanerError:
        return label, kind, 0, []
    if not lines:
        return label, kind, 0, []
    name, char_mode = language.detect(lines)
    found = native.differences(lines, language.stopwords(name), char_mode)
    if kind == "html":
        found += layout_differences(path) + search_differences(lines)
    else:  # the whole text path: every line's label, stage and reason, and the article
        from cleaner.native.path import path_differences
        from cleaner.reading import decode, normalise_newlines

        # (with the page's address, as the snapshot cleans it: the title pick reads the host's labels)
        found += path_differences(normalise_newlines(decode(_read(path))), _url_for(path))
    return label, kind, len(lines), [(i, field, mine, theirs, f"{path}: {lines[i][:100]!r}" if i >= 0 else path)
                                     for i, field, mine, theirs in found]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folders", nargs="+")
    parser.add_argument("-j", "--workers", type=int, default=1)
    parser.add_argument("--show", type=int, default=10, help="how many differences to print")
    args = parser.parse_args()
    from cleaner import native

    if native.core() is None:
        print(f"native_parity: no native core ({native.core_name()})", file=sys.stderr)
        return 2
    jobs = []
    for folder in args.folders:
        root = Path(folder)
        label = root.resolve().name
        jobs.extend((path, label, kind) for path, kind in dumps_in(root))
    dumps, lines, differing, fields = Counter(), Counter(), Counter(), Counter()
    shown: list = []
    with ProcessPoolExecutor(args.workers) if args.workers > 1 else _Serial() as pool:
        for label, kind, count, found in pool.map(compare, jobs, chunksize=4):
            dumps[label, kind] += 1
            lines[label, kind] += count
            differing[label, kind] += len({i for i, *_ in found})
            fields[label, kind] += sum(1 for i, field, *_ in found if i < 0 and field in _META_FIELDS)
            shown.extend(found[: max(0, args.show - len(shown))])
    print(f"{'folder':<24} {'kind':<5} {'dumps':>6} {'lines':>9} {'differing lines':>16} {'title/byline/date':>18}")
    for key in sorted(dumps):
        print(f"{key[0]:<24} {key[1]:<5} {dumps[key]:>6} {lines[key]:>9} {differing[key]:>16} {fields[key]:>18}")
    total = sum(differing.values())
    print(f"{'all':<24} {'':<5} {sum(dumps.values()):>6} {sum(lines.values()):>9} {total:>16} "
          f"{sum(fields.values()):>18}")
    for i, field, mine, theirs, where in shown:
        print(f"  line {i} {field}: native {mine!r}, Python {theirs!r} — {where}")
    return 1 if total else 0


class _Serial:
    """map() in this process (``-j 1``), with the pool's context manager."""

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        return None

    @staticmethod
    def map(function, items, chunksize=1):
        return map(function, items)


if __name__ == "__main__":
    sys.exit(main())
