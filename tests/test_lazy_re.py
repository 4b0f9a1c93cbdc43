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
