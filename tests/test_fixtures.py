"""Every fixture: `cleaner check` passes, the gold lines hold, and output lines come from the input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cleaner import clean
from cleaner.urls import sidecar_url
from conftest import FIXTURES

GOLD = sorted(FIXTURES.rglob("*.gold.json"))
DUMPS = sorted(p for p in FIXTURES.rglob("*.txt") if not p.name.endswith(".expected.txt"))
HTML_PAGES = sorted(FIXTURES.rglob("*.html"))


def _norm(text: str) -> str:
    return " ".join(text.split())


def _dump_for(gold_path: Path) -> Path:
    return gold_path.with_name(gold_path.name.replace(".gold.json", ".txt"))


def test_cleaner_check_passes_on_all_fixtures(runner, cli):
    result = runner.invoke(cli, ["check", str(FIXTURES)])
    assert result.exit_code == 0, result.stdout
    assert result.stdout.strip().splitlines()[-1] == f"{len(DUMPS) + len(HTML_PAGES)} passed, 0 failed"


@pytest.mark.parametrize("gold_path", GOLD, ids=lambda p: str(p.relative_to(FIXTURES)))
def test_gold_lines(gold_path: Path):
    """As ../shared/tools/score_gold.py scores: every body line found, no boilerplate line leaked (with the page's
    URL where a ``NAME.url`` file states it, as ``cleaner check`` reads it)."""
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    dump = _dump_for(gold_path)
    article = clean(dump.read_bytes(), url=sidecar_url(dump))
    out = _norm(article.body)
    out_lines = {_norm(p) for p in article.paragraphs}
    missing = [line for line in gold["body_lines"] if _norm(line) not in out]
    optional = {_norm(line) for line in gold["optional_lines"]}
    leaked = [line for line in gold["not_body_lines"]
              if _norm(line) not in optional and len(_norm(line)) > 3 and _norm(line) in out_lines]
    assert not missing, f"body lines missing: {missing[:3]}"
    assert not leaked, f"boilerplate leaked: {leaked[:3]}"
    if gold.get("title"):
        assert article.title == gold["title"]


@pytest.mark.parametrize("dump", DUMPS, ids=lambda p: str(p.relative_to(FIXTURES)))
def test_every_output_line_comes_from_the_input(dump: Path):
    text = dump.read_text(encoding="utf-8")
    input_lines = {line.strip() for line in text.splitlines()}
    for generic in (False, True):
        article = clean(text, use_profiles=not generic)
        for paragraph in article.paragraphs:
            assert paragraph in input_lines
        assert len(article.decisions) == sum(1 for line in text.splitlines() if line.strip())
        assert all(d.reason for d in article.decisions)
