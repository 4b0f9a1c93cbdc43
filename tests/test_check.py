"""`cleaner check`: the command users put in their own CI."""

from __future__ import annotations

from conftest import seed

ARTICLE = ("The council voted on Tuesday to extend the tram line to the harbour, after a debate that lasted "
           "most of the afternoon and drew a large crowd.\n\n"
           "Construction is expected to start next spring and to take about two years, the mayor said.\n")


def make_fixture(folder, name="story", expected: str | None = None):
    dump = folder / f"{name}.txt"
    dump.write_text("Home\nNews\nSport\nWeather\n\n" + ARTICLE + "\nShare\nTweet\nEmail\n", encoding="utf-8")
    if expected is not None:
        (folder / f"{name}.expected.txt").write_text(expected, encoding="utf-8")
    return dump


def test_passing_fixture(runner, cli, tmp_path):
    make_fixture(tmp_path, expected=ARTICLE)
    result = runner.invoke(cli, ["check", str(tmp_path)])
    assert result.exit_code == 0
    assert result.stdout.strip() == "1 passed, 0 failed"


def test_mismatch_prints_a_unified_diff_and_fails(runner, cli, tmp_path):
    make_fixture(tmp_path, expected=ARTICLE.replace("two years", "three years"))
    result = runner.invoke(cli, ["check", str(tmp_path)])
    assert result.exit_code == 1
    assert "-Construction is expected to start next spring and to take about three years" in result.stdout
    assert "+Construction is expected to start next spring and to take about two years" in result.stdout
    assert "--- " in result.stdout and "+++ " in result.stdout
    assert result.stdout.strip().splitlines()[-1] == "0 passed, 1 failed"


def test_missing_expectation_fails_and_update_creates_it(runner, cli, tmp_path):
    make_fixture(tmp_path)
    first = runner.invoke(cli, ["check", str(tmp_path)])
    assert first.exit_code == 1 and "no expected output" in first.stdout and "--update" in first.stdout
    update = runner.invoke(cli, ["check", "--update", str(tmp_path)])
    assert update.exit_code == 0 and "1 updated" in update.stdout
    assert (tmp_path / "story.expected.txt").read_text(encoding="utf-8") == ARTICLE
    assert runner.invoke(cli, ["check", str(tmp_path)]).exit_code == 0


def test_update_accepts_a_changed_output(runner, cli, tmp_path):
    make_fixture(tmp_path, expected="old output\n")
    assert runner.invoke(cli, ["check", str(tmp_path)]).exit_code == 1
    assert runner.invoke(cli, ["check", "--update", str(tmp_path)]).exit_code == 0
    assert runner.invoke(cli, ["check", str(tmp_path)]).exit_code == 0


def test_recursive_folders_url_sidecar_and_single_files(runner, cli, tmp_path):
    sub = tmp_path / "site" / "deep"
    sub.mkdir(parents=True)
    dump = sub / "moscow.txt"
    dump.write_bytes(seed("004").read_bytes().replace(b"Support The Moscow Times!\n", b""))
    (sub / "moscow.url").write_text("https://www.themoscowtimes.com/2020/02/20/a\n", encoding="utf-8")
    assert runner.invoke(cli, ["check", "--update", str(tmp_path)]).exit_code == 0
    expected = (sub / "moscow.expected.txt").read_text(encoding="utf-8")
    assert "Our weekly newsletter" not in expected and expected.startswith("Turkey said two of its soldiers")
    result = runner.invoke(cli, ["check", "-v", str(dump)])
    assert result.exit_code == 0 and f"ok      {dump}" in result.stdout



def test_url_sidecar_is_its_first_line_and_may_hold_any_bytes_after_it(runner, cli, tmp_path):
    """``NAME.url`` is read as every command reads it (cleaner.urls.sidecar_url): its first line; bytes that
    are not UTF-8 after it are no traceback."""
    dump = tmp_path / "moscow.txt"
    dump.write_bytes(seed("004").read_bytes().replace(b"Support The Moscow Times!\n", b""))
    (tmp_path / "moscow.url").write_bytes(b"https://www.themoscowtimes.com/2020/02/20/a\n\xff saved by hand\n")
    result = runner.invoke(cli, ["check", "--update", str(tmp_path)])
    assert result.exit_code == 0 and result.exception is None
    expected = (tmp_path / "moscow.expected.txt").read_text(encoding="utf-8")
    assert "Our weekly newsletter" not in expected and expected.startswith("Turkey said two of its soldiers")

def test_unreadable_dump_and_missing_path(runner, cli, tmp_path):
    (tmp_path / "blob.txt").write_bytes(b"\x00\x01\x02binary")
    (tmp_path / "blob.expected.txt").write_text("", encoding="utf-8")
    result = runner.invoke(cli, ["check", str(tmp_path)])
    assert result.exit_code == 1 and "binary" in result.stdout
    missing = runner.invoke(cli, ["check", str(tmp_path / "nowhere")])  # a usage error, as for a missing file
    assert missing.exit_code == 2 and missing.stdout == ""
    assert missing.stderr == f"cleaner: error: fixture path {str(tmp_path / 'nowhere')!r} does not exist\n"


def test_no_profiles_option_reaches_check(runner, cli, tmp_path):
    make_fixture(tmp_path, expected=ARTICLE)
    assert runner.invoke(cli, ["check", "--no-profiles", str(tmp_path)]).exit_code == 0
