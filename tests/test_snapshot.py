"""bench/snapshot.py: the tool that proves a refactor or a port leaves every decision as it was."""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

import snapshot  # noqa: E402


def test_a_snapshot_of_the_fixtures_matches_itself_and_catches_one_changed_label(tmp_path, capsys):
    first, second = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    assert snapshot.main([str(ROOT / "fixtures"), "-o", str(first), "--reasons", "-j", "1"]) == 0
    assert snapshot.main([str(ROOT / "fixtures"), "-o", str(second), "--reasons", "-j", "1"]) == 0
    records = [json.loads(line) for line in first.read_text(encoding="utf-8").splitlines()]
    kinds = {r["kind"] for r in records}
    assert {"txt", "html"} <= kinds
    assert all(r.get("labels") for r in records), "every fixture has lines and labels"
    assert snapshot.main(["--compare", str(first), str(second)]) == 0
    assert "identical" in capsys.readouterr().out

    # one line relabelled in one record: the comparison fails and names the dump and the field
    changed = records[0]
    flipped = "x" if changed["labels"][0] != "x" else "b"
    changed["labels"] = flipped + changed["labels"][1:]
    second.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    assert snapshot.main(["--compare", str(first), str(second)]) == 1
    out = capsys.readouterr().out
    assert changed["path"] in out and "labels" in out and "1 differ" in out
