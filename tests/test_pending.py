"""The pending fixtures (tests/pending/README.md): failure classes of issue 17 the cleaner does not pass yet.

Each is checked as ``cleaner check`` checks a fixture, and expected to fail (strict): a fixture the cleaner
comes to pass fails here, so that it moves into fixtures/generic/, where it then guards the fix.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from cleaner import clean

PENDING = Path(__file__).parent / "pending"
DUMPS = sorted(p for p in PENDING.glob("*.txt") if not p.name.endswith(".expected.txt"))


def test_every_pending_fixture_has_its_expected_output():
    if not DUMPS:
        pytest.skip("no pending fixture left: every failure class passes")
    assert all(dump.with_name(dump.name[:-4] + ".expected.txt").exists() for dump in DUMPS)


#: One case a dump; with none left, one skipped case (an empty parameter set fails the collection, setup.cfg).
_CASES = [pytest.param(dump, id=dump.name[:-4]) for dump in DUMPS] or [
    pytest.param(None, id="none", marks=pytest.mark.skip(reason="no pending fixture left: every failure class passes"))]


@pytest.mark.xfail(strict=True, reason="pending: the failure class is not handled yet (tests/pending/README.md)")
@pytest.mark.parametrize("dump", _CASES)
def test_pending_fixture(dump: Path):
    expected = dump.with_name(dump.name[:-4] + ".expected.txt").read_text(encoding="utf-8")
    assert clean(dump.read_bytes()).body.strip() == expected.strip()
