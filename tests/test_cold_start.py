"""What a CLI start on a text dump loads: the shipped TOML and JSON files read from their marshalled twins, no
parser."""

from __future__ import annotations

import json
import marshal
import subprocess
from pathlib import Path

import pytest

from cleaner.compat import tomllib
from cleaner.data import (DATA_DIR, make_twin, marshal_bytes, read_json, read_marshal, read_toml, twin_path,
                          write_marshal)
from cleaner.profiles.loader import BUILTIN_DIR
from cleaner.textmodel.loading import MODEL_FILE
from conftest import ROOT, python, seed

SHIPPED_TOML = [*sorted(Path(DATA_DIR).glob("*.toml")), *sorted(Path(BUILTIN_DIR).glob("*.toml"))]
#: The shipped JSON files a start reads.
SHIPPED_JSON = [Path(DATA_DIR) / MODEL_FILE]


@pytest.mark.parametrize("path", SHIPPED_TOML + SHIPPED_JSON, ids=lambda p: p.name)
def test_each_shipped_toml_and_json_file_has_a_current_twin(path):
    """Run tools/build_phrase_index.py after editing a shipped TOML file (or training the shipped text model)."""
    assert json.dumps(read_marshal(twin_path(path))) == json.dumps(make_twin(path))  # order too


@pytest.mark.parametrize("path", SHIPPED_JSON, ids=lambda p: p.name)
def test_a_twin_reads_as_json_parses(path):
    read = read_json(path)
    assert json.dumps(read) == json.dumps(json.loads(path.read_text(encoding="utf-8")))  # order, 1 and 1.0 too


def test_a_json_twin_is_read_when_made_from_these_bytes_and_the_json_when_edited_since(tmp_path):
    path = tmp_path / "model.json"
    path.write_text('{"weights": [1, 2]}', encoding="utf-8")
    twin = make_twin(path)
    twin["data"] = {"weights": ["from the twin"]}
    write_marshal(twin_path(path), twin)
    assert read_json(path) == {"weights": ["from the twin"]}
    path.write_text('{"weights": [1, 2, 3]}', encoding="utf-8")
    assert read_json(path) == {"weights": [1, 2, 3]}
    Path(twin_path(path)).write_bytes(b"not marshalled")
    assert read_json(path) == {"weights": [1, 2, 3]}
    path.write_text('{"weights": [1, 2', encoding="utf-8")
    with pytest.raises(ValueError):
        read_json(path)


@pytest.mark.parametrize("path", SHIPPED_TOML, ids=lambda p: p.name)
def test_a_twin_reads_as_tomllib_parses(path):
    parsed = tomllib.loads(path.read_text(encoding="utf-8"))
    read = read_toml(path)
    assert read == parsed
    # in the same order (the phrase categories' order is their priority), 1 and 1.0 not alike
    assert json.dumps(read) == json.dumps(parsed)


def test_the_twin_is_read_when_made_from_these_bytes_and_the_toml_when_edited_since(tmp_path):
    path = tmp_path / "words.toml"
    path.write_text('words = ["one", "two"]\n', encoding="utf-8")
    twin = make_twin(path)
    twin["data"] = {"words": ["from the twin"]}  # a twin that says otherwise shows which one was read
    write_marshal(twin_path(path), twin)
    assert read_toml(path) == {"words": ["from the twin"]}
    path.write_text('words = ["one", "two", "three"]\n', encoding="utf-8")
    assert read_toml(path) == {"words": ["one", "two", "three"]}
    Path(twin_path(path)).write_bytes(b"\xffnot marshalled")
    assert read_toml(path) == {"words": ["one", "two", "three"]}


def test_a_toml_with_values_a_twin_does_not_keep_gets_none(tmp_path):
    path = tmp_path / "when.toml"
    path.write_text("day = 2026-12-05\n", encoding="utf-8")
    with pytest.raises((ValueError, TypeError)):
        make_twin(path)


def test_the_cli_cleans_a_text_dump_without_tomllib():
    """The lexicon, the phrases and the built-in profiles come from their twins: no TOML parser at a start
    (importing it and parsing the files was ~4 ms of CPU of a ~65 ms start over bare Python)."""
    code = ("import sys; from cleaner.cli import main\n"
            "try:\n    main([sys.argv[1]], standalone_mode=False)\nexcept SystemExit:\n    pass\n"
            "print('LOADED:', 'tomllib' in sys.modules or 'tomli' in sys.modules)")
    result = subprocess.run([python(), "-c", code, str(seed("000"))], capture_output=True, text=True, cwd=ROOT,
                            timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "LOADED: False"


def test_the_cli_freezes_the_pipeline_it_imports_to_clean():
    """The pipeline's modules, imported when a command cleans, are imported with the collector off and frozen,
    as the CLI's are (``cleaner.startup.import_frozen``): collections during the start pass them by."""
    probe = ("import gc, sys\n"
             "import click\n"
             "seen = []\n"
             "group_main = click.Group.main\n"
             "def counting(self, *args, **kwargs):\n"
             "    seen.append(gc.get_freeze_count())\n"
             "    return group_main(self, *args, **kwargs)\n"
             "click.Group.main = counting\n"
             "sys.argv = ['cleaner', 'clean', sys.argv[1]]  # click's path (test_cli_plain.py: the plain one)\n"
             "from cleaner.__main__ import main\n"
             "try:\n    main()\nexcept SystemExit:\n    pass\n"
             "print('FROZEN:', seen[0], gc.get_freeze_count())\n")
    result = subprocess.run([python(), "-c", probe, str(seed("000"))], capture_output=True, text=True, cwd=ROOT,
                            timeout=60)
    assert result.returncode == 0, result.stderr
    at_command, at_end = map(int, result.stdout.strip().splitlines()[-1].removeprefix("FROZEN:").split())
    assert at_end > at_command + 1000, (at_command, at_end)  # ~3,000 on main: 0


def test_no_url_compiles_no_url_date_pattern():
    """A dump with no URL (the CLI's usual case) does not compile the URL date pattern (~0.8 ms)."""
    code = ("import cleaner.dates as d\n"
            "assert d.date_in_url(None) is None and d.date_in_url('') is None\n"
            "print('search' in vars(d._URL_DATE))\n"
            "assert d.date_in_url('https://example.com/2024/03/05/story') == '2024-03-05'\n"
            "print('search' in vars(d._URL_DATE))\n")
    result = subprocess.run([python(), "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert result.stdout.split() == ["False", "True"], result.stderr


def test_the_shipped_fingerprint_literals_are_current():
    """Run tools/build_phrase_index.py after editing a built-in profile's fingerprints (or how
    ``cleaner.triggers.required_literals`` finds the strings a pattern requires)."""
    from cleaner.data import data_file
    from cleaner.profiles import Registry
    from cleaner.profiles.patterns import LITERALS_FILE, build_literals

    shipped = read_marshal(data_file(LITERALS_FILE))
    assert shipped == build_literals(f for profile in Registry.load() for f in profile.fingerprints)


def test_the_built_in_fingerprints_screen_is_made_without_parsing_them(monkeypatch):
    """Every dump asks the built-in profiles' fingerprints for their required strings: shipped, not parsed
    (~1 ms of a start)."""
    import cleaner.profiles.patterns as patterns
    from cleaner.profiles import Registry

    def refuse(pattern):
        raise AssertionError(f"parsed {pattern.pattern!r}")

    monkeypatch.setattr(patterns, "required_literals", refuse)
    screen = Registry.load().screen()
    assert "The Jerusalem Post Customer Service Center" in screen.literals


#: What ``import dataclasses`` brings that nothing else of a start needs (~22 M instructions), and the source
#: it compiled for each of the start's records (~50 M): the records are ``cleaner.records``'. And ``ast``, which
#: translating the text model's columns needed at every start: they are shipped translated. And ``typing``
#: (~12 M, and ~9 M more for its ``NamedTuple``s): the start's modules import its names for a type checker
#: alone (``cleaner.compat.TYPE_CHECKING``), their ABCs from ``collections.abc``. And ``json`` (~6 M, and ~16 M
#: parsing the shipped files): they are read from marshalled files (``cleaner.data.read_marshal``, ``read_json``).
NOT_AT_A_START = ("dataclasses", "inspect", "dis", "tokenize", "ast", "typing", "json")


@pytest.mark.parametrize("dump", [ROOT / "fixtures" / "generic" / "blog-1.txt", seed("000")],
                         ids=["generic", "profile"])
def test_the_cli_cleans_a_text_dump_without_dataclasses(dump):
    """``python -m cleaner DUMP`` (the plain path: no click) imports none of :data:`NOT_AT_A_START`."""
    result = subprocess.run([python(), "-X", "importtime", "-m", "cleaner", str(dump)], capture_output=True,
                            text=True, cwd=ROOT, timeout=60)
    assert result.returncode == 0 and result.stdout.strip(), result.stderr[-2000:]
    imported = {line.rpartition("|")[2].strip() for line in result.stderr.splitlines()
                if line.startswith("import time:")}
    assert "cleaner.pipeline" in imported  # the probe sees the start's imports
    assert imported.isdisjoint(NOT_AT_A_START), sorted(imported & set(NOT_AT_A_START))


def test_a_start_hashes_each_source_once():
    """The phrase data keys its twin, the trigger index and the core's translations: one SHA-256 of its bytes a
    start (``cleaner.data.source_sha256``), not one per file keyed by it (~1.3 M instructions each)."""
    code = ("import sys, cleaner.compat as compat\n"
            "hashed, digest = [], compat.sha256\n"
            "def counting(data=b''):\n"
            "    hashed.append(bytes(data))\n"
            "    return digest(data)\n"
            "compat.sha256 = counting\n"
            "import cleaner\n"
            "cleaner.clean(open(sys.argv[1], encoding='utf-8').read())\n"
            "print(len(hashed), len(set(hashed)))\n")
    result = subprocess.run([python(), "-c", code, str(ROOT / "fixtures" / "generic" / "blog-1.txt")],
                            capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert result.returncode == 0, result.stderr[-2000:]
    made, distinct = map(int, result.stdout.split())
    assert made == distinct > 0, (made, distinct)


def test_a_marshalled_file_is_the_same_bytes_whatever_else_holds_its_data():
    """The build tool's output follows the data alone: a second reference held elsewhere (a cache keeping a
    digest) changes what plain ``marshal.dumps`` writes, and would churn the shipped binary files."""
    digest = "".join(["ab", "cd"] * 8)  # a fresh str, no other reference
    plain = marshal_bytes({"source_sha256": digest, "data": [digest + "x"]})
    held = [digest]  # noqa: F841 - the second reference
    assert marshal.dumps({"source_sha256": digest, "data": [digest + "x"]}) != plain  # what the test guards against
    assert marshal_bytes({"source_sha256": digest, "data": [digest + "x"]}) == plain
