"""What the HTML path keeps per line: bench/limits.py measures the memory, these check the structures it
counts on (a shared object where each line had its own), and that they read the same as before."""

from __future__ import annotations

from cleaner.html import html_to_document
from cleaner.html.layout import PATH_LIMIT
from cleaner.stages.features import Features


def _nest(depth: int) -> str:
    opened = "".join(f"<div class='level'>level {i}\n" for i in range(depth))
    return f"<html><body>{opened}{'</div>' * depth}<p>After the nest.</p></body></html>"


def test_a_lines_path_runs_from_the_top_down_to_its_block_and_keeps_the_last_levels():
    lines = html_to_document(_nest(PATH_LIMIT + 10)).lines
    paths = [line.markup.path for line in lines]
    assert len(paths[0]) == 2                                   # <body>, the first <div>
    for above, below in zip(paths, paths[1:-1]):                # each level one under the one before
        assert below[:-1] == above[-len(below) + 1:] and below[-1] not in above
    assert max(map(len, paths)) == PATH_LIMIT
    assert paths[-1] == paths[0][:1] + (paths[-1][-1],)         # the <p> after the nest: under <body>


def test_lines_do_not_each_keep_their_path():
    """A tuple per line was up to half a kilobyte on a nested page: the path is read when asked."""
    line = html_to_document(_nest(100)).lines[80]
    assert line.markup.path is not line.markup.path and line.markup.path == line.markup.path


def test_lines_with_the_same_counts_share_their_ratios():
    """Four floats a line were a tenth of a menu page's memory."""
    one, other = Features("Home News Sport 2024", frozenset(), False), Features("Away Goals Weather 1999", frozenset(), False)
    assert one.alpha_ratio == 0.75 and one.digit_ratio == 0.25 and one.title_ratio == 1.0
    assert one.alpha_ratio is other.alpha_ratio and one.digit_ratio is other.digit_ratio


def test_the_block_tag_is_one_string_for_every_line():
    lines = html_to_document("<html><body>" + "<div>a label</div>" * 3 + "</body></html>").lines
    assert lines[0].markup.tag is lines[2].markup.tag
