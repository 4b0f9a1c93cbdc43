"""Module-level patterns compiled at first use: none at import, and each answers as ``re.compile`` would."""

from __future__ import annotations

import re
import subprocess

import pytest

from cleaner import dates, language, lexicon
from cleaner.stages import shapes
from cleaner.lazy_re import LazyPattern, lazy_compile
from conftest import SEEDS, python


def module_patterns() -> list[tuple[str, LazyPattern]]:
    """The lazy patterns of the modules the CLI's start imports (lists and (pattern, name) pairs included)."""
    found = []
    for module in (lexicon, dates, language, shapes):
        for name, value in vars(module).items():
            for item in value if isinstance(value, (list, tuple)) else [value]:
                item = item[0] if isinstance(item, tuple) else item
                if isinstance(item, LazyPattern):
                    found.append((f"{module.__name__}.{name}", item))
    return found


def compiled_at_import(modules: str, report: str) -> str:
    """What a fresh interpreter prints after importing ``modules`` with ``re.compile`` recording each call as
    ``(module, pattern)`` in ``compiled``: ``report`` is the expression printed."""
    code = ("import re, sys\n"
            "compiled = []\n"
            "real = re.compile\n"
            "def counting(pattern, flags=0):\n"
            "    compiled.append((sys._getframe(1).f_globals.get('__name__'), pattern))\n"
            "    return real(pattern, flags)\n"
            "re.compile = counting\n"
            f"import {modules}\n"
            f"print({report})")
    result = subprocess.run([python(), "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_the_cli_start_compiles_none_of_their_patterns():
    assert compiled_at_import("cleaner.cli.main, cleaner.api",
                              "sorted({m for m, p in compiled if m in ('cleaner.lexicon', 'cleaner.dates', "
                              "'cleaner.language', 'cleaner.stages.shapes')})") == "[]"


def test_the_cli_start_compiles_no_pattern_of_the_months_names():
    """The metadata stage's patterns that hold every language's month names (~1.6 ms each to compile) are
    compiled at their first use, not when the CLI's start imports the stage."""
    assert compiled_at_import("cleaner.cli.main, cleaner.api, cleaner.stages.metadata",
                              "sorted(m for m, p in compiled if isinstance(p, str) and 'septembre' in p)") == "[]"
    from cleaner.stages import metadata

    assert isinstance(metadata._DAY_OF_YEAR, LazyPattern) and metadata._DAY_OF_YEAR.match("Jan 23")


def test_each_answers_as_re_compile_would():
    lines = [line for path in sorted(SEEDS.glob("*.txt")) for line in path.read_text(encoding="utf-8").splitlines()]
    patterns = module_patterns()
    assert len(patterns) > 30
    for name, lazy in patterns:
        eager = re.compile(lazy.pattern, lazy._flags)
        assert lazy.flags == eager.flags, name  # the native core translates patterns by their flags
        assert [m.span() for line in lines for m in lazy.finditer(line)] == \
            [m.span() for line in lines for m in eager.finditer(line)], name
        assert lazy.groupindex == eager.groupindex


def test_inline_flags_are_read_from_the_pattern():
    assert lazy_compile(r"(?i)abc").flags == re.compile(r"(?i)abc").flags
    assert lazy_compile(r"abc", re.A).flags == re.compile(r"abc", re.A).flags
    assert lazy_compile(r"(?i:a)bc", re.M).flags == re.compile(r"(?i:a)bc", re.M).flags


def test_a_union_pattern_matches_where_its_union_does():
    """UnionPattern tries each form alone; the union (``pattern``, what the core compiles) matches the same texts."""
    from cleaner.lazy_re import UnionPattern

    union = UnionPattern(r"^(?:on\s+)?", (r"\d+ days?", r"[a-z]+ \d{4}", r"now"), r"\s*$", re.I)
    whole = re.compile(union.pattern, re.I)
    for text in ("3 days", "On 3 days", "May 2024", "on may 2024 ", "now", "NOW", "3 weeks", "May", "", "on"):
        assert bool(union.match(text)) == bool(whole.match(text)), text
    assert union.flags == whole.flags and union.compiled().pattern == union.pattern


def test_a_union_pattern_tries_a_form_only_on_a_text_holding_its_needle():
    """A form with a needle is not tried, nor compiled, for a text without it; the union matches the same
    texts with the needles as without them; forms with one needle search it once."""
    from cleaner.lazy_re import UnionPattern

    forms = (r"\d+ days?", r"[a-z]+ \d{4}", r"\d{4}-\d\d", r"now")
    plain = UnionPattern(r"^(?:on\s+)?", forms, r"\s*$", re.I)
    screened = UnionPattern(r"^(?:on\s+)?", forms, r"\s*$", re.I, needles=(None, r"\d{4}", r"\d{4}", None))
    assert screened.pattern == plain.pattern and screened.flags == plain.flags
    for text in ("3 days", "On 3 days", "May 2024", "on may 2024 ", "2024-05", "now", "May 202", "3 weeks", ""):
        assert bool(screened.match(text)) == bool(plain.match(text)), text
    (_, none), (year_form, year), (dash_form, same), _ = screened.forms()
    assert none is None and year is same and year.pattern == r"\d{4}"
    fresh = UnionPattern(r"^", forms, r"$", 0, needles=(None, r"\d{4}", r"\d{4}", None))
    assert fresh.match("now") and not fresh.match("May 202")
    assert all("match" not in vars(part) for part, _ in fresh.forms()[1:3])   # (never compiled: no needle)
    with pytest.raises(ValueError):
        UnionPattern(r"^", forms, r"$", 0, needles=(None,))


# --- the shipped programs (cleaner/data/re_programs.marshal) -----------------------------------------------

def _programs_for_this_interpreter() -> bool:
    from cleaner.data import data_file, read_bytes
    from cleaner.lazy_re import PROGRAMS_FILE, programs_header

    return read_bytes(data_file(PROGRAMS_FILE)).startswith(programs_header())


needs_programs = pytest.mark.skipif(not _programs_for_this_interpreter(),
                                    reason="the shipped programs were made by another interpreter (it compiles)")


@needs_programs
def test_the_shipped_programs_are_current():
    """Run tools/build_phrase_index.py after editing a lazy pattern (or a built-in profile's regex). Checked in a
    fresh interpreter, as the tool runs: this one holds the lazy patterns other tests made."""
    code = ("from cleaner.lazy_re import _read_programs, build_programs\n"
            "from cleaner.startup import package_patterns\n"
            "shipped, now = _read_programs(), build_programs(package_patterns())\n"
            "print(len(now), sorted(set(now) ^ set(shipped)), [k for k in now if now[k] != shipped.get(k)])")
    result = subprocess.run([python(), "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    count, differing = result.stdout.strip().split(" ", 1)
    assert int(count) > 100 and differing == "[] []"


@needs_programs
def test_each_pattern_made_from_its_shipped_program_is_the_one_re_compiles():
    """A pattern made from its program equals ``re.compile``'s: ``==`` on patterns compares their programs."""
    from cleaner import lazy_re

    keys = list(lazy_re._read_programs())
    assert len(keys) > 100
    for key in keys:
        flags, pattern = key.split(" ", 1)
        made = lazy_re._shipped(pattern, int(flags))
        eager = re.compile(pattern, int(flags))
        assert made is not None and made is not eager, key
        assert made == eager and made.flags == eager.flags and made.groups == eager.groups, key
        assert made.groupindex == eager.groupindex, key
        assert lazy_re._shipped(pattern, int(flags)) is made  # one of each, as re's cache keeps one


def test_a_pattern_with_no_shipped_program_is_compiled(monkeypatch):
    from cleaner import lazy_re

    monkeypatch.setattr(lazy_re, "_made", {})
    fresh = lazy_compile(r"(?P<word>zq[a-z]+)\s+\d{3}", re.I)  # in no module of the package
    assert lazy_re._shipped(fresh.pattern, fresh._flags) is None
    assert fresh.search("x ZQabc 123").group("word") == "ZQabc"
    assert fresh.compiled() is re.compile(fresh.pattern, re.I)


def test_programs_made_by_another_interpreter_or_unreadable_are_not_read(monkeypatch, tmp_path):
    from cleaner import data, lazy_re

    path = tmp_path / lazy_re.PROGRAMS_FILE
    monkeypatch.setattr(data, "data_file", lambda name: str(tmp_path / name))
    programs = {lazy_re._program_key(r"ab+", 0): lazy_re.program_of(r"ab+", 0)}
    path.write_bytes(lazy_re.programs_file(programs))
    assert list(lazy_re._read_programs()) == ["0 ab+"]
    path.write_bytes(lazy_re.programs_file(programs).replace(b"cleaner re programs", b"cleaner re programz", 1))
    assert lazy_re._read_programs() == {}
    path.write_bytes(lazy_re.programs_header() + b"\x00not marshal")
    assert lazy_re._read_programs() == {}
    path.unlink()
    assert lazy_re._read_programs() == {}


def test_a_program_the_engine_refuses_is_compiled_instead(monkeypatch):
    from cleaner import lazy_re

    flags, groups, groupindex, indexgroup, code = lazy_re.program_of(r"ab+c", 0)
    monkeypatch.setattr(lazy_re, "_made", {})
    monkeypatch.setattr(lazy_re, "_programs", {"0 ab+c": (flags, groups, groupindex, indexgroup, b"\xff" * 12)})
    assert lazy_re._shipped(r"ab+c", 0) is None
    assert lazy_compile(r"ab+c").search("xabbbc").span() == (1, 6)


@needs_programs
def test_a_cli_start_compiles_none_of_the_lazy_patterns_it_searches_with():
    """The metadata stage's credits, datelines and month names (~18 ms of a ~75 ms start to parse and compile)
    and the built-in profiles' regexes come from their shipped programs: ``re``'s compiler sees none of them."""
    code = ("import re, sys\n"
            "from re import _compiler\n"
            "compiled = []\n"
            "real = _compiler.compile\n"
            "def counting(pattern, *args, **kwargs):\n"
            "    compiled.append(pattern)\n"
            "    return real(pattern, *args, **kwargs)\n"
            "_compiler.compile = counting\n"
            "from cleaner.__main__ import main\n"
            "sys.argv = ['cleaner', *sys.argv[1:]]\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "start = list(compiled)  # (finding the package's patterns compiles some: not the start's)\n"
            "from cleaner import lazy_re, startup\n"
            "sources = {p.pattern for p in startup.package_patterns()}\n"
            "print('MADE', len(lazy_re._made), 'COMPILED', sorted(p for p in start if p in sources))")
    dumps = [str(path) for path in sorted(SEEDS.glob("*.txt"))]
    result = subprocess.run([python(), "-c", code, *dumps], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    made, compiled = result.stdout.strip().splitlines()[-1].removeprefix("MADE ").split(" COMPILED ")
    assert int(made) >= 20 and compiled == "[]"
