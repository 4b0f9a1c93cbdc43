"""bench/metadata.py's scoring: what counts as right, wrong, missed and reported, on tiny synthetic values."""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

import metadata  # noqa: E402
from metadata import format_table, iso_day, is_exact, is_right, outcome, tally, word_f1, words  # noqa: E402


def test_words_fold_case_width_and_punctuation():
    assert words("O’NEIL, Ｄａｎａ  (AP)") == ["o", "neil", "dana", "ap"]
    assert words("—") == []


def test_word_f1():
    assert word_f1("Ann Lee", "ann lee.") == 1.0
    assert word_f1("Ann Lee", "By Ann Lee") == pytest.approx(0.8)
    assert word_f1("Ann Lee", "Bob Smith") == 0.0
    # exactly the title threshold: 6 words shared of 7 found and 8 true (2PR/(P+R) in floats gave 0.7999…)
    assert word_f1("one two three four five six seven eight", "one two three four five six nine") == 0.8
    assert is_right("title", "one two three four five six seven eight", "one two three four five six nine")
    assert word_f1("Ann Lee", "") == 0.0


@pytest.mark.parametrize("value, day", [
    ("2020-02-10", "2020-02-10"),
    ("2020-02-10T16:10:00+02:00", "2020-02-10"),
    (" 2020-02-10 16:10", "2020-02-10"),
    ("2003-11", "2003-11"),
    ("10 Feb 2020", None),
    ("10.02.2020", None),
    ("2020-02-101", None),
    ("", None),
])
def test_iso_day(value, day):
    assert iso_day(value) == day


@pytest.mark.parametrize("truth, found, right", [
    ("2020-02-10", "2020-02-10T23:59:00Z", True),
    ("2020-02-10", "2020-02-11", False),
    ("2020-02-10", "2020-02", False),        # a month is not the day asked for
    ("2003-11", "2003-11-20", True),         # a month truth: the same month is enough
    ("2003-11", "2003-12-01", False),
    ("2020-02-10", "February 10, 2020", False),  # not parsed to ISO: of no use as a date
])
def test_date_is_the_same_day(truth, found, right):
    assert is_right("date", truth, found) is right


def test_title_allows_a_site_suffix_not_another_headline():
    truth = "Storm knocks out power to 200,000 customers across three states"
    assert is_right("title", truth, truth.upper() + " | The Courier")
    assert not is_right("title", truth, "Storm knocks out power")
    assert not is_right("title", truth, "Local news")


def test_byline_allows_one_of_two_authors_and_a_prefix_not_another_name():
    assert is_right("byline", "Dylan Bailey, MS, RD, FAND", "Dylan Bailey")
    assert is_right("byline", "Ann Lee", "By Ann Lee")
    assert is_right("byline", "Ann Lee and Bob Smith", "Ann Lee")
    assert not is_right("byline", "Ann Lee", "Bob Smith")
    assert not is_right("byline", "Ann Lee", "Staff")


def test_outcomes():
    assert outcome("byline", "Ann Lee", "Ann Lee") == "right"
    assert outcome("byline", "Ann Lee", "Bob Smith") == "wrong"
    assert outcome("byline", "Ann Lee", None) == "missed"
    assert outcome("byline", "Ann Lee", "  ") == "missed"
    assert outcome("byline", None, "Bob Smith") == "reported"
    assert outcome("byline", None, "") == "silent"


def test_exact_is_whitespace_normalised_only():
    assert is_exact("title", "Five  soldiers\nkilled", " Five soldiers killed ")
    assert not is_exact("title", "Five soldiers killed", "five soldiers killed")
    assert not is_exact("byline", "REUTERS", "By REUTERS")
    assert outcome("byline", "REUTERS", "By REUTERS", is_exact) == "wrong"
    assert outcome("byline", "REUTERS", "By REUTERS") == "right"


def test_tally_counts_each_field_apart():
    truths = [{"title": "A headline here", "byline": "Ann Lee", "date": None},
              {"title": "Another headline", "byline": None, "date": "2020-01-02"}]
    found = [{"title": "A headline here", "byline": "Bob Smith", "date": "2021-01-01"},
             {"title": None, "byline": None, "date": "2020-01-02"}]
    counts = tally(truths, found)
    assert counts["title"] == Counter(right=1, missed=1)
    assert counts["byline"] == Counter(wrong=1, silent=1)
    assert counts["date"] == Counter(reported=1, right=1)


def test_table_as_markdown_and_plain():
    rows = [["field", "a", "b"], ["title (2)", "0.500 / 0.500 / 0.000", "1"]]
    assert format_table(rows, markdown=True).splitlines() == [
        "| field | a | b |", "|---|---|---|", "| title (2) | 0.500 / 0.500 / 0.000 | 1 |"]
    plain = format_table(rows, markdown=False).splitlines()
    assert plain[1].startswith("title (2)  0.500") and plain[0].index("a") == plain[1].index("0.500")


def _gold(folder: Path, name: str, dump: str, **fields) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{name}.txt").write_text(dump, encoding="utf-8")
    (folder / f"{name}.gold.json").write_text(json.dumps(fields), encoding="utf-8")


def test_gold_dumps_are_scored_once(tmp_path):
    _gold(tmp_path / "a", "one", "Same dump\n", title="T", byline=None, date=None)
    _gold(tmp_path / "b" / "copies", "one", "Same dump\n", title="T", byline=None, date=None)
    _gold(tmp_path / "b", "two", "Other dump\n", title="U", byline="Ann Lee", date="2020-01-02")
    (tmp_path / "b" / "orphan.gold.json").write_text("{}", encoding="utf-8")
    dumps = metadata.gold_dumps([tmp_path / "a", tmp_path / "b"])
    assert [d.name for d in dumps] == ["a/one", "b/two"]
    assert dumps[1].gold == {"title": "U", "byline": "Ann Lee", "date": "2020-01-02"}


def test_gold_run_prints_the_table(tmp_path, capsys):
    text = ("Example News\n\nCity council approves the new budget\n\nBy Ann Lee\n\nMarch 3, 2021\n\n"
            "The city council approved the new budget on Tuesday after a long debate about the parks.\n\n"
            "Members said the plan keeps the libraries open for longer hours over the summer months.\n")
    _gold(tmp_path / "g", "page", text, title="City council approves the new budget", byline="Ann Lee",
          date="2021-03-03")
    assert metadata.main(["--gold", str(tmp_path / "g"), "--markdown"]) == 0
    out = capsys.readouterr().out
    assert "gold dumps: 1" in out
    assert "| title (1) |" in out and "| byline reported where none (0) |" in out


def test_benchmark_run_scores_three_systems_and_lists_misses(tmp_path, capsys):
    folder = tmp_path / "bench-folder"
    folder.mkdir()
    body = ("The city council approved the new budget on Tuesday after a long debate about the parks. "
            "Members said the plan keeps the libraries open for longer hours over the summer months.")
    html = (f"<html><head><title>City council approves the new budget</title></head><body><article>"
            f"<h1>City council approves the new budget</h1><p>{body}</p><p>{body}</p></article></body></html>")
    (folder / "0001.html").write_text(html, encoding="utf-8")
    (folder / "0001.txt").write_text(f"City council approves the new budget\n\n{body}\n\n{body}\n", encoding="utf-8")
    (folder / "0001.json").write_text(json.dumps({"url": "https://example.org/a", "articleBody": body,
                                                  "title": "City council approves the new budget",
                                                  "author": "Zed Quill", "date": None}), encoding="utf-8")
    assert metadata.main([str(folder), "--misses", "byline", "--path", "html"]) == 0
    out = capsys.readouterr().out
    header = next(line for line in out.splitlines() if line.startswith("field"))
    assert header.split("  ")[1:] and all(s in header for s in ("cleaner HTML", "cleaner text", "trafilatura HTML"))
    assert "cleaner HTML: byline not right on 1 pages" in out
    assert "0001  missed  'Zed Quill'" in out
