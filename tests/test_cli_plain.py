"""``cleaner [FILE...]`` with no option runs without click (:mod:`cleaner.command`): it must answer exactly
as click's clean command does (``cleaner clean FILE...``), byte for byte, with the same exit status."""

from __future__ import annotations

import os
import subprocess

import click
import pytest

from conftest import python, seed

from cleaner.cli import main as group
from cleaner.command import COMMAND_NAMES, plain_files


def _run(args: list[str], tmp_path, stdin: bytes = b"", env: dict[str, str] | None = None,
         shell_tail: str = "") -> tuple[int, bytes, bytes]:
    """``python -m cleaner ARGS`` (from a folder holding no source tree): status, stdout, stderr."""
    command = [python(), "-m", "cleaner", *args]
    if shell_tail:  # e.g. '>&-' or '| head -c 10': run through the shell, the status is the cleaner's
        quoted = " ".join(f"'{part}'" for part in command)
        command = ["bash", "-c", f"{quoted} {shell_tail}; exit ${{PIPESTATUS[0]}}"]
    result = subprocess.run(command, input=stdin, capture_output=True, cwd=tmp_path,
                            env={**os.environ, **(env or {})})
    return result.returncode, result.stdout, result.stderr


def _same_as_click(args: list[str], tmp_path, **kwargs) -> tuple[int, bytes, bytes]:
    """Run ``cleaner ARGS`` (the plain start) and ``cleaner clean ARGS`` (click's): the same answer."""
    plain = _run(args, tmp_path, **kwargs)
    through_click = _run(["clean", *args], tmp_path, **kwargs)
    assert plain == through_click
    return plain


def test_plain_files_takes_only_files_and_stdin():
    assert plain_files([]) == []
    assert plain_files(["a.txt", "-", "b.txt"]) == ["a.txt", "-", "b.txt"]
    assert plain_files(["a.txt", "--format", "json"]) is None
    assert plain_files(["--", "a.txt"]) is None
    assert plain_files(["-h"]) is None
    assert plain_files(["clean", "a.txt"]) is None
    assert plain_files(["profiles"]) is None
    assert plain_files(["a.txt", "profiles"]) == ["a.txt", "profiles"]  # a file named like a command


def test_plain_files_leaves_shell_completion_to_click(monkeypatch):
    monkeypatch.setenv("_CLEANER_COMPLETE", "bash_complete")
    assert plain_files([]) is None


def test_the_command_names_are_the_groups():
    with click.Context(group) as ctx:
        assert COMMAND_NAMES == set(group.list_commands(ctx))


def test_a_plain_start_imports_no_click_and_freezes_the_pipeline(tmp_path):
    probe = ("import gc, sys\n"
             f"sys.argv = ['cleaner', {str(seed('000'))!r}]\n"
             "from cleaner.__main__ import main\n"
             "try:\n"
             "    main()\n"
             "except SystemExit as done:\n"
             "    print(done.code, [m for m in sys.modules if m.split('.')[0] == 'click'],\n"
             "          gc.get_freeze_count() > 1000, gc.isenabled(), file=sys.stderr)\n")
    result = subprocess.run([python(), "-c", probe], capture_output=True, text=True, cwd=tmp_path, check=True)
    assert result.stderr.split() == ["0", "[]", "True", "True"], result.stderr
    assert result.stdout == _run(["clean", str(seed("000"))], tmp_path)[1].decode()


@pytest.mark.parametrize("names", [["000"], ["000", "003"], ["004", "002", "001"]])
def test_files_print_as_clicks_clean_command_does(tmp_path, names):
    status, out, err = _same_as_click([str(seed(name)) for name in names], tmp_path)
    assert status == 0 and out and err == b""


def test_stdin_named_or_not_is_read_as_click_does(tmp_path):
    dump = seed("003").read_bytes()
    assert _same_as_click([], tmp_path, stdin=dump) == _same_as_click(["-"], tmp_path, stdin=dump)
    assert _same_as_click([], tmp_path, stdin=b"")[0] == 1  # an empty input is an error


def test_errors_are_the_same_lines_and_status(tmp_path):
    missing = str(tmp_path / "missing.txt")
    status, _, err = _same_as_click([missing], tmp_path)
    assert status == 2 and err.startswith(b"cleaner: error: cannot read")  # InputFileError's code
    status, out, err = _same_as_click([str(seed("000")), missing], tmp_path)
    assert status == 2 and out and err.count(b"\n") == 1
    binary = tmp_path / "binary.bin"
    binary.write_bytes(bytes(range(256)) * 64)
    assert _same_as_click([str(binary)], tmp_path)[0] != 0


def test_escape_codes_are_stripped_as_click_strips_them(tmp_path):
    """click's echo removes ANSI codes when stdout is not a terminal: the plain start hands such text to it."""
    lines = [f"Paragraph {n}: \x1b[1mthe council\x1b[0m voted on Tuesday to keep the old bridge open for "
             f"walkers and cyclists, after a long debate about its cost and the repairs it needs." for n in range(8)]
    dump = tmp_path / "escapes.txt"
    dump.write_text("Home | News | Contact\n\n" + "\n\n".join(lines) + "\n", encoding="utf-8")
    status, out, _ = _same_as_click([str(dump)], tmp_path)
    assert status == 0 and b"the council voted" in out and b"\x1b" not in out


def test_an_ascii_stdout_is_rewrapped_as_click_does(tmp_path):
    lines = [f"Paragraph {n}: the café on the Rue de l'Église reopened on Tuesday, the owner said, after a "
             f"long winter of repairs to its roof and its old oak counter." for n in range(8)]
    dump = tmp_path / "accents.txt"
    dump.write_text("\n\n".join(lines) + "\n", encoding="utf-8")
    status, out, _ = _same_as_click([str(dump)], tmp_path, env={"PYTHONIOENCODING": "ascii"})
    assert status == 0 and "café".encode() in out


def test_a_closed_stdout_and_a_gone_reader_end_as_with_click(tmp_path):
    status, out, err = _same_as_click([str(seed("000"))], tmp_path, shell_tail=">&-")
    assert status == 1 and err.startswith(b"cleaner: error: cannot write the output")
    big = tmp_path / "big.txt"
    big.write_bytes(b"\n\n".join([seed("000").read_bytes()] * 40))
    status, out, err = _same_as_click([str(big)] * 30, tmp_path, shell_tail="| head -c 10")
    assert b"Traceback" not in err


def _plain_start_on_a_seed(tmp_path, report: str) -> list[str]:
    """Run the CLI on a seed in a fresh interpreter without ``site`` (``-S``: no editable finder; the source tree
    on the path instead) and return the words ``report`` (Python lines, indented under ``except SystemExit as
    done:``) prints to stderr once it exits."""
    from conftest import ROOT

    probe = ("import sys\n"
             f"sys.path.insert(0, {str(ROOT)!r})\n"
             f"sys.argv = ['cleaner', {str(seed('000'))!r}]\n"
             "from cleaner.__main__ import main\n"
             "try:\n"
             "    main()\n"
             "except SystemExit as done:\n" + report)
    result = subprocess.run([python(), "-S", "-c", probe], capture_output=True, text=True, cwd=tmp_path, check=True)
    assert result.stdout  # (not compared: without site, packages the reference may use are missing)
    return result.stderr.split()


def test_a_plain_start_on_a_text_dump_imports_no_pathlib_nor_urllib_nor_zlib(tmp_path):
    """An installed package's start pays what it imports itself (an editable install's finder imports
    pathlib and urllib.parse before any of it): ~3-5 ms for these two; the text path needs neither, nor
    zlib (only a gzip'd input does, ~0.3 ms)."""
    report = ("    print(done.code, sorted(m for m in sys.modules if m.split('.')[0] in ('click', 'pathlib', 'urllib', 'zlib')),\n"
              "          file=sys.stderr)\n")
    assert _plain_start_on_a_seed(tmp_path, report) == ["0", "[]"]


def test_a_plain_start_on_a_text_dump_creates_no_class_only_an_html_table_needs(tmp_path):
    """No built-in profile has an ``[html]`` table: a start that loads them creates neither ``HtmlDrop`` nor
    ``HtmlRules`` (each dataclass's generated methods are source compiled at a start: ~4 M instructions a
    frozen one), and a user profile with the table still reads it (tests/test_html_profiles.py)."""
    report = ("    made = sorted(name for module in list(sys.modules.values()) if module is not None\n"
              "                  and module.__name__.startswith('cleaner') for name in ('HtmlDrop', 'HtmlRules')\n"
              "                  if name in vars(module))\n"
              "    print(done.code, made, file=sys.stderr)\n")
    assert _plain_start_on_a_seed(tmp_path, report) == ["0", "[]"]
