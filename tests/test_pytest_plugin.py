"""The pytest plugin (``pytest --cleaner-fixtures DIR``), run in pytester's own temporary projects."""

from __future__ import annotations

import shutil

from conftest import FIXTURES

from cleaner import clean
from cleaner.output import to_text

pytest_plugins = ["pytester"]

DUMP = FIXTURES / "generic" / "blog-1.txt"
#: A site fixture whose expectation its profile makes: the generic fallback alone cleans it otherwise.
PROFILED = FIXTURES / "sites" / "duvarenglish-1.txt"


def add_fixture(folder, dump=DUMP, name=None):
    """Copy a dump and its expectation into ``folder``; returns the expected file."""
    folder.mkdir(parents=True, exist_ok=True)
    name = name or dump.stem
    shutil.copy(dump, folder / f"{name}.txt")
    expected = folder / f"{name}.expected.txt"
    shutil.copy(dump.with_name(dump.stem + ".expected.txt"), expected)
    return expected


def break_expectation(expected) -> str:
    text = expected.read_text(encoding="utf-8")
    first = text.splitlines()[0]
    expected.write_text(text.replace(first, first + " (changed)", 1), encoding="utf-8")
    return first


def test_each_dump_is_a_passing_test(pytester):
    add_fixture(pytester.path / "fx")
    add_fixture(pytester.path / "fx" / "deeper", FIXTURES / "generic" / "de-1.txt")
    result = pytester.runpytest("--cleaner-fixtures", "fx", "-v")
    result.assert_outcomes(passed=2)
    result.stdout.fnmatch_lines(["fx/blog-1.txt::cleaner PASSED*", "fx/deeper/de-1.txt::cleaner PASSED*"])


def test_a_mismatch_fails_with_the_unified_diff(pytester):
    expected = add_fixture(pytester.path / "fx")
    first = break_expectation(expected)
    result = pytester.runpytest("--cleaner-fixtures", "fx")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines([
        "*fx/blog-1.txt: output differs from *fx/blog-1.expected.txt",
        "--- *fx/blog-1.expected.txt",
        "+++ *fx/blog-1.txt (cleaner output)",
        f"-{first} (changed)",
        f"+{first}",
        "*pytest --cleaner-update*",
    ])
    assert "Traceback" not in result.stdout.str()


def test_update_rewrites_the_expected_output(pytester):
    expected = add_fixture(pytester.path / "fx")
    break_expectation(expected)
    missing = add_fixture(pytester.path / "fx", FIXTURES / "generic" / "wire-1.txt")
    missing.unlink()
    result = pytester.runpytest("--cleaner-fixtures", "fx")
    result.assert_outcomes(failed=2)
    result.stdout.fnmatch_lines(["*no expected output*wire-1.expected.txt*"])
    result = pytester.runpytest("--cleaner-fixtures", "fx", "--cleaner-update", "-rA")
    result.assert_outcomes(passed=2)
    result.stdout.fnmatch_lines(["*updated *fx/blog-1.expected.txt*"])
    assert expected.read_text(encoding="utf-8") == to_text(clean(DUMP.read_bytes()))
    assert missing.is_file()
    pytester.runpytest("--cleaner-fixtures", "fx").assert_outcomes(passed=2)


def test_profile_options(pytester):
    """The duvarenglish dump's expectation was made with its profile: generic-only output differs; a broken profile
    folder fails every item with its one-line error."""
    add_fixture(pytester.path / "fx", PROFILED)
    pytester.runpytest("--cleaner-fixtures", "fx").assert_outcomes(passed=1)
    pytester.runpytest("--cleaner-fixtures", "fx", "--cleaner-no-profiles").assert_outcomes(failed=1)
    profiles = pytester.mkdir("profiles")
    (profiles / "broken.toml").write_text('name = "broken"\nhosts = 3\n', encoding="utf-8")
    result = pytester.runpytest("--cleaner-fixtures", "fx", "--cleaner-profiles-dir", "profiles")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["*cleaner: profile *broken.toml: hosts*"])


def test_runs_with_the_projects_own_tests_and_only_once(pytester):
    """A plain run adds the fixtures to the project's tests; paths named on the command line are obeyed; a
    fixture folder pytest collects anyway counts once."""
    add_fixture(pytester.path / "fx")
    add_fixture(pytester.path / "fx" / "other", FIXTURES / "generic" / "de-1.txt")
    pytester.makepyfile(test_mine="def test_mine():\n    assert True\n")
    pytester.runpytest("--cleaner-fixtures", "fx").assert_outcomes(passed=3)
    pytester.runpytest(".", "--cleaner-fixtures", "fx").assert_outcomes(passed=3)
    pytester.runpytest("test_mine.py", "--cleaner-fixtures", "fx").assert_outcomes(passed=1)
    pytester.runpytest("fx/other", "--cleaner-fixtures", "fx").assert_outcomes(passed=1)
    tests = pytester.mkdir("tests")
    (pytester.path / "test_mine.py").rename(tests / "test_mine.py")
    pytester.makeini("[pytest]\ntestpaths = tests\naddopts = --cleaner-fixtures fx\n")
    pytester.runpytest().assert_outcomes(passed=3)
    pytester.runpytest("tests").assert_outcomes(passed=1)


def test_ordinary_runs_are_untouched(pytester):
    """Without --cleaner-fixtures, dumps are not collected and nothing of the pipeline is imported."""
    add_fixture(pytester.path / "fx")
    pytester.makepyfile(test_light="""
        import sys

        def test_pipeline_not_loaded(pytestconfig):
            assert pytestconfig.pluginmanager.has_plugin("cleaner")  # the entry point loaded the plugin
            assert [m for m in sys.modules if m.startswith("cleaner.") and m not in (
                "cleaner.pytest_plugin", "cleaner.errors", "cleaner.version")] == []
    """)
    result = pytester.runpytest_subprocess(".")
    result.assert_outcomes(passed=1)
    result = pytester.runpytest_subprocess("--help")
    result.stdout.fnmatch_lines(["*--cleaner-fixtures=PATH*"])


def test_a_missing_fixture_path_is_a_usage_error(pytester):
    result = pytester.runpytest("--cleaner-fixtures", "nowhere")
    assert result.ret == 4
    result.stderr.fnmatch_lines(["*--cleaner-fixtures: 'nowhere' does not exist*"])
