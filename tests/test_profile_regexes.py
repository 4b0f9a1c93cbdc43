"""A profile's regular expressions cannot hang the cleaner.

Two guards: a pattern that backtracks exponentially is rejected when the profile is loaded (one line naming
the file and the rule, exit 2); any other slow pattern is stopped by the document's CPU-time budget with
the same kind of one-line error, in the main thread or any other.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from cleaner import ProfileError
from cleaner.profiles.backtracking import exponential_repetition
from cleaner.profiles import BUILTIN_DIR, Registry, load_profile
from cleaner.profiles.patterns import compile_regex
from conftest import SEEDS, python

#: Exponential on CPython's ``re`` (each extra character doubles the time on a line that almost matches).
EXPONENTIAL = [r"(a+)+$", r"(a*)*$", r"(a|a)*$", r"(a|aa)+$", r"(\w+\s?)+$", r"^(\w+\s?)*$", r"(a|ab?)*c",
               r"(.*a)+b", r"(x+x+)+y", r"((ab)*|a)*c", r"(?=(a+)+b)", r"(a{1,10})+$", r"(?:a{0,3})*$",
               r"^(([a-z])+.)+[A-Z]([a-z])+$", r"(\s*\w+\s*)+:", r"(?i)(?:ab|AB)+$x", r"^(?:(?:\w+)[ -]?)+$"]
#: Linear or polynomial: each repeated part can match a text one way only, or nothing after it can fail.
NOT_EXPONENTIAL = [r"(a+b)+$", r"(ab+)+$", r"(\w+\s)+$", r"(a|b)*c", r"(a|ab)*c", r"^(\w+\s?)*", r"(?>a+)+$",
                   r"(a++)+$", r"^By\s+(?P<value>.+?)\s*$", r".*.*.*x", r"(,\d+)+$", r"\d+(\.\d+)*$",
                   r"(?:(?!x).)*y", r"^(?:[^,]+,)*$", r"^-\n(.+ -\n){3,}", r"^(\w+\.)+\w+$", r"([a-z]+-)*[a-z]+$",
                   r"(?:a?)+b", r"(\d|\w)+!", r'([^"]|"")*"x']
#: Not exponential (its repetitions are bounded), so it passes the static check, yet 9**9 ways to split a
#: line of "a"s: minutes on a 60-character line.
SLOW_BUT_BOUNDED = r"^(?:(?:a{1,9}){1,9}){1,9}$"
SLOW_LINE = "a" * 60 + "!"
ARTICLE = "A headline\n\nThe article says something long enough to be a paragraph of prose for this test.\n"


def write_profile(tmp_path, rule: str, where: str = "drop") -> str:
    """A profile whose ``where`` holds ``rule`` (a TOML literal string)."""
    if where == "drop":
        body = f"hosts = ['x.example']\n[[drop]]\nmatch = '{rule}'\nreason = 'test'\n"
    elif where == "fingerprints":
        body = f"fingerprints = ['{rule}']\n"
    else:  # a followed_by regex of an article bound
        body = f"hosts = ['x.example']\n[article]\nend_before = [{{ match = '.', followed_by = ['{rule}'] }}]\n"
    path = tmp_path / "slow.toml"
    path.write_text(f"name = 'slow'\n{body}", encoding="utf-8")
    return str(path)


@pytest.mark.parametrize("pattern", EXPONENTIAL)
def test_exponential_patterns_are_found(pattern):
    assert exponential_repetition(pattern)


@pytest.mark.parametrize("pattern", NOT_EXPONENTIAL + [SLOW_BUT_BOUNDED])
def test_other_patterns_pass(pattern):
    assert not exponential_repetition(pattern)


@pytest.mark.parametrize("where, key", [("drop", "drop[0].match"), ("fingerprints", "fingerprints[0]"),
                                        ("followed_by", "article.end_before[0].followed_by[0]")])
def test_an_exponential_pattern_is_rejected_when_the_profile_loads(tmp_path, where, key):
    path = write_profile(tmp_path, r"(a+)+$", where)
    with pytest.raises(ProfileError) as caught:
        load_profile(path)
    message = str(caught.value)
    assert message.startswith(f"profile {path}: {key}: regular expression '(a+)+$' can take exponential time")
    assert "\n" not in message and caught.value.exit_code == 2


def test_the_cli_rejects_it_in_one_line_with_exit_2(tmp_path, runner, cli):
    path = write_profile(tmp_path, r"(\w+\s?)+$")
    result = runner.invoke(cli, ["--profiles-dir", str(tmp_path)], input=ARTICLE + SLOW_LINE + "\n")
    assert result.exit_code == 2
    assert result.stderr.startswith(f"cleaner: error: profile {path}: drop[0].match: regular expression")
    assert result.stderr.count("\n") == 1 and result.stdout == ""


def test_the_builtin_profiles_pass_the_check():
    """A start loads the built-ins without the check (shipped_patterns): here each is loaded as a user's."""
    paths = sorted(Path(BUILTIN_DIR).glob("*.toml"))
    assert paths and all(load_profile(path).name for path in paths)  # a user's profile: load_profile checks it


def test_a_start_neither_checks_nor_compiles_the_builtin_regexes_again(monkeypatch):
    """The built-ins' backtracking check (27 of the 42 ms of loading them) runs in the test above, not at
    each start; their ``regex`` patterns are compiled at their first search, and answer as a user's would."""
    import cleaner.profiles.backtracking as backtracking

    def refuse(*args):
        raise AssertionError("a built-in pattern analysed at load")

    monkeypatch.setattr(backtracking, "exponential_repetition", refuse)
    regexes = [r for profile in Registry.load() for r in profile_regexes(profile)]
    monkeypatch.undo()
    assert regexes and all(r._compiled is None for r in regexes)
    lines = [line for path in sorted(SEEDS.glob("*.txt")) for line in path.read_text(encoding="utf-8").splitlines()]
    for r in regexes:
        user = compile_regex(r.pattern, "user", "key", r._flags)
        assert [bool(r.search(line)) for line in lines] == [bool(user.search(line)) for line in lines], r.pattern


def profile_regexes(profile):
    """Every regex of ``profile``'s fingerprints and line patterns."""
    yield from profile.fingerprints
    for patterns in (profile.start_after, profile.start_at, profile.end_before, profile.end_after,
                     *profile.metadata.values()):
        for pattern in patterns:
            yield from (r for r in (pattern.match, *pattern.followed_by, *pattern.preceded_by) if r is not None)


def test_a_slow_pattern_is_stopped_by_the_cli_with_one_line_and_exit_2(tmp_path):
    """A real run: on the old code this hung (the subprocess timeout then fails the test)."""
    path = write_profile(tmp_path, SLOW_BUT_BOUNDED)
    result = subprocess.run([python(), "-m", "cleaner", "--profiles-dir", str(tmp_path), "--profile", "slow"],
                            input=ARTICLE + SLOW_LINE + "\n", capture_output=True, text=True, timeout=60)
    assert result.returncode == 2, result.stderr
    assert result.stderr.startswith(f"cleaner: error: profile {path}: drop[0].match: regular expression "
                                    f"'{SLOW_BUT_BOUNDED}' took more than 2.0 s of CPU time on this document")
    assert result.stderr.count("\n") == 1 and result.stdout == ""


def run_python(script: str) -> subprocess.CompletedProcess:
    """Run ``script`` in a fresh interpreter: a search that never ends fails the test instead of hanging it
    (``re`` holds the GIL while it searches, so not even a thread join's timeout would return)."""
    return subprocess.run([python(), "-c", script], capture_output=True, text=True, timeout=60)


@pytest.mark.parametrize("where, key, options", [
    ("drop", "drop[0].match", "profile='slow'"),
    ("followed_by", "article.end_before[0].followed_by[0]", "profile='slow'"),
    ("fingerprints", "fingerprints[0]", ""),                   # chosen from the dump: all fingerprints run
])
def test_clean_in_a_thread_stops_a_slow_pattern_with_a_profile_error(tmp_path, where, key, options):
    """Not a signal: the guard works outside the main thread."""
    path = write_profile(tmp_path, SLOW_BUT_BOUNDED, where)
    result = run_python(
        "import threading\n"
        "from cleaner import Cleaner\n"
        "from cleaner.profiles.patterns import time_budget\n"
        f"cleaner = Cleaner(profiles_dirs=[{str(tmp_path)!r}])\n"
        "def run():\n"
        "    try:\n"
        "        with time_budget(0.3):  # shorter than the default, to keep the test quick\n"
        f"            cleaner.clean({ARTICLE + SLOW_LINE + chr(10) + ARTICLE!r}, {options})\n"
        "    except Exception as error:\n"
        "        print(type(error).__name__, error)\n"
        "thread = threading.Thread(target=run)\n"
        "thread.start()\n"
        "thread.join()\n")
    assert result.stdout == (f"RegexTimeout profile {path}: {key}: regular expression '{SLOW_BUT_BOUNDED}' took "
                             "more than 0.3 s of CPU time on this document (the limit for a profile's regular "
                             "expressions); rewrite it so that it backtracks less\n"), result.stderr


def test_clean_stops_a_slow_pattern_with_the_default_budget(tmp_path):
    """``clean()`` as a user calls it (the budget is 2 s of CPU for a small document)."""
    path = write_profile(tmp_path, SLOW_BUT_BOUNDED)
    result = run_python(
        "from cleaner import Cleaner, ProfileError\n"
        f"cleaner = Cleaner(profiles_dirs=[{str(tmp_path)!r}])\n"
        "try:\n"
        f"    cleaner.clean({ARTICLE + SLOW_LINE!r}, profile='slow')\n"
        "except ProfileError as error:\n"
        "    print(type(error).__name__, error)\n")
    assert result.stdout.startswith(f"RegexTimeout profile {path}: drop[0].match: "), result.stderr


def test_sound_patterns_give_the_same_matches_as_re(tmp_path):
    """The ``regex`` module runs profile patterns with ``re``'s semantics (its VERSION0)."""
    import re

    from cleaner.profiles.patterns import compile_regex

    lines = ["By Jane Doe", "FEBRUARY 10, 2020 16:10", "Photo: AP", "ÉTÉ été", "ﬁne", "naïve café", "x" * 50,
             "İstanbul", "straße STRASSE", "a\u00a0b", "١٢٣ 123", "tab\there", ""]
    patterns = [r"^By\s+(?P<value>.+?)\s*$", r"(?i)été", r"(?i)fine", r"\w+", r"\d+", r"(?i)istanbul",
                r"(?i)strasse", r"a\sb", r"\bcafé\b", r"^\W*$", r"(?a)\w+", r"[^\x00-\x7f]+", r"(?i)[a-z]+ß"]
    for pattern in patterns:
        ours = compile_regex(pattern, "p.toml", "k")
        for line in lines:
            expected = re.search(pattern, line)
            found = ours.search(line)
            assert (found and found.span()) == (expected and expected.span()), (pattern, line)


def test_only_the_searches_spend_the_budget():
    """The budget is the profile regexes' own CPU time: a document whose cleaning spends longer elsewhere
    (loading profiles, a cold start on a loaded machine) does not fail a quick search. It did: a one-byte
    dump failed CI's first call with a built-in profile's fingerprint 'took more than 2.0 s'."""
    import time

    from cleaner.profiles.patterns import compile_regex, time_budget

    pattern = compile_regex(r"(?i)\bharbour\b", "p.toml", "fingerprints[0]")
    with time_budget(0.05):
        busy_until = time.thread_time() + 0.1
        while time.thread_time() < busy_until:
            pass
        assert pattern.search("The harbour reopened")


def test_the_regex_module_is_imported_only_for_a_profile_regex():
    """The text path's cold start: the CLI and a dump cleaned with no profile do not import ``regex``
    (its import is a few ms of a start that should cost tens); the first profile regex imports it."""
    import sys

    code = ("import sys, cleaner.cli.main, cleaner.api\n"
            "from cleaner.pipeline import run_text\n"
            "run_text('The committee said on Monday that the rules would change.\\nHome\\n')\n"
            "print('regex' in sys.modules)\n"
            "from cleaner.profiles.patterns import compile_regex\n"
            "compile_regex('a+b', 'test', 'key')\n"
            "print('regex' in sys.modules)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "True"]


def test_a_built_in_profiles_regex_is_compiled_at_its_first_search():
    """A built-in profile's regex (checked by the tests above, not at load) is compiled when first searched:
    a start loads ~58 of them and searches few. It answers as the same regex loaded as a user's."""
    from cleaner.profiles.patterns import shipped_patterns

    source = r"^(?:Posted|Written) by\s+(?P<value>[A-Z]\w+(?: [A-Z]\w+)?)"
    with shipped_patterns():
        built_in = compile_regex(source, "builtin.toml", "byline")
    user = compile_regex(source, "mine.toml", "byline")
    assert "search" not in vars(built_in._checked)  # not compiled by loading, nor by asking its source
    assert built_in.pattern == user.pattern and built_in.literals == user.literals
    assert built_in.groupindex == user.groupindex == {"value": 1}
    for line in ("Posted by Ann Lee", "Written by  Bo", "posted by ann", "Posted by"):
        found, expected = built_in.search(line), user.search(line)
        assert (found and found.group("value")) == (expected and expected.group("value"))
    assert "search" in vars(built_in._checked)
