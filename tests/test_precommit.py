"""The pre-commit hook this repository provides (``.pre-commit-hooks.yaml``): its definition, and a real
pre-commit run in a user's repository that uses it.

The end-to-end test needs ``pre-commit`` (``pip install pre-commit``) and git, and PyPI to build the hook's
environment (about 25 s with a warm pip cache); without pre-commit it is skipped, unless CLEANER_REQUIRE_EXTRAS
is set (as .ci/run does, after installing it), where that is a failure.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT

HOOKS_FILE = ROOT / ".pre-commit-hooks.yaml"
DUMP = FIXTURES / "generic" / "blog-1.txt"


def _require(module: str):
    if os.environ.get("CLEANER_REQUIRE_EXTRAS"):
        import importlib

        return importlib.import_module(module)
    return pytest.importorskip(module, reason=f"{module} is not installed")


def hook() -> dict:
    yaml = _require("yaml")
    hooks = yaml.safe_load(HOOKS_FILE.read_text(encoding="utf-8"))
    assert [h["id"] for h in hooks] == ["cleaner-check"]
    return hooks[0]


def copy_fixture(folder: Path, name: str = "blog-1") -> None:
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(DUMP, folder / f"{name}.txt")
    shutil.copy(DUMP.with_name("blog-1.expected.txt"), folder / f"{name}.expected.txt")


def break_expectation(folder: Path, name: str = "blog-1") -> str:
    """Change the first line of an expected output; returns the line as it was."""
    expected = folder / f"{name}.expected.txt"
    text = expected.read_text(encoding="utf-8")
    first = text.splitlines()[0]
    expected.write_text(text.replace(first, first + " (changed)", 1), encoding="utf-8")
    return first


def test_hook_definition_runs_cleaner_check_on_the_fixtures_folder(tmp_path):
    definition = hook()
    assert definition["language"] == "python" and definition["pass_filenames"] is False
    files = re.compile(definition["files"])
    for name in ("a/story.txt", "a/story.expected.txt", "a/story.html", "a/story.htm", "a/story.url", "p/site.toml"):
        assert files.search(name), name
    assert not files.search("src/module.py")
    command, *arguments = definition["entry"].split()
    assert command == "cleaner"  # the console script; run here as python -m cleaner, the same main
    copy_fixture(tmp_path / "fixtures")
    run = subprocess.run([sys.executable, "-m", "cleaner", *arguments], cwd=tmp_path, capture_output=True,
                         text=True, check=False)
    assert run.returncode == 0 and run.stdout.strip().endswith("1 passed, 0 failed"), run.stdout + run.stderr
    break_expectation(tmp_path / "fixtures")
    run = subprocess.run([sys.executable, "-m", "cleaner", *arguments], cwd=tmp_path, capture_output=True,
                         text=True, check=False)
    assert run.returncode == 1 and "0 passed, 1 failed" in run.stdout


def _git(folder: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.email=test@example.com", "-c", "user.name=test", "-c", "commit.gpgsign=false",
                    *args], cwd=folder, check=True, capture_output=True)


def hook_repository(target: Path) -> tuple[Path, str]:
    """This checkout as pre-commit sees a hook repository: its files (committed or not) committed in a copy."""
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=ROOT,
                            capture_output=True, check=False)
    if listed.returncode != 0:
        pytest.skip("not a git checkout")
    for name in listed.stdout.decode().split("\0"):
        source = ROOT / name
        if name and source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    _git(target, "init", "-q")
    _git(target, "add", "-A")
    _git(target, "commit", "-q", "-m", "hook repository")
    rev = subprocess.run(["git", "rev-parse", "HEAD"], cwd=target, capture_output=True, text=True, check=True)
    return target, rev.stdout.strip()


@pytest.mark.slow
def test_pre_commit_runs_the_hook_in_a_users_repository(tmp_path):
    """A user's .pre-commit-config.yaml as README shows it: passes on matching fixtures, fails with the diff."""
    _require("pre_commit")
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    repository, rev = hook_repository(tmp_path / "hook-repo")
    user = tmp_path / "user"
    copy_fixture(user / "checks")
    (user / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {repository}\n    rev: {rev}\n    hooks:\n      - id: cleaner-check\n"
        "        args: [checks]\n", encoding="utf-8")
    _git(user, "init", "-q")
    _git(user, "add", "-A")
    environment = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"), "PRE_COMMIT_COLOR": "never"}

    def pre_commit() -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "pre_commit", "run", "--all-files"], cwd=user, env=environment,
                              capture_output=True, text=True, timeout=900, check=False)

    passed = pre_commit()
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert re.search(r"cleaner check\.+Passed", passed.stdout)
    first = break_expectation(user / "checks")
    _git(user, "add", "-A")
    failed = pre_commit()
    assert failed.returncode == 1 and re.search(r"cleaner check\.+Failed", failed.stdout)
    assert "--- checks/blog-1.expected.txt" in failed.stdout and f"-{first} (changed)" in failed.stdout
    assert f"+{first}" in failed.stdout and "0 passed, 1 failed" in failed.stdout
