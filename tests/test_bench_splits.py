"""bench/splits.py and its users: the lockbox stays out of every score, and folds never split a site."""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

import metric  # noqa: E402
import snapshot  # noqa: E402
import splits  # noqa: E402


def _bench_folder(root: Path, name: str, pages: dict[str, str], truth_from: Path | None = None) -> Path:
    """A benchmark folder: ``pages`` maps id → URL; dump and truth from a fixture when given."""
    folder = root / name
    folder.mkdir(parents=True)
    for page_id, url in pages.items():
        dump = truth = f"Page {page_id} text."
        if truth_from is not None:
            dump = truth_from.read_text(encoding="utf-8")
            truth = truth_from.with_name(truth_from.name.replace(".txt", ".expected.txt")).read_text(encoding="utf-8")
        (folder / f"{page_id}.txt").write_text(dump, encoding="utf-8")
        (folder / f"{page_id}.flat.txt").write_text("\n".join(l for l in dump.splitlines() if l.strip()),
                                                    encoding="utf-8")
        (folder / f"{page_id}.json").write_text(json.dumps({"url": url, "articleBody": truth}), encoding="utf-8")
    return folder


@pytest.fixture
def lockbox(tmp_path, monkeypatch):
    """Point bench/splits.py at a lockbox file of the test's own; returns a writer for it."""
    path = tmp_path / "lockbox.txt"
    monkeypatch.setattr(splits, "LOCKBOX_FILE", path)
    splits.lockbox_keys.cache_clear()

    def write(keys: list[str]) -> None:
        path.write_text("# a comment\n" + "".join(k + "\n" for k in keys), encoding="utf-8")
        splits.lockbox_keys.cache_clear()

    yield write
    splits.lockbox_keys.cache_clear()


def test_load_pages_leaves_the_lockbox_out_unless_asked(tmp_path, lockbox):
    folder = _bench_folder(tmp_path, "bench-a", {"p1": "https://a.example/1", "p2": "https://b.example/2",
                                                 "p3": "https://c.example/3"})
    lockbox(["bench-a/p2"])
    assert [p.id for p in metric.load_pages(folder)] == ["p1", "p3"]
    assert [p.id for p in metric.load_pages(folder, "lockbox")] == ["p2"]
    assert [p.id for p in metric.load_pages(folder, "all")] == ["p1", "p2", "p3"]
    with pytest.raises(ValueError):
        metric.load_pages(folder, "holdout")


def test_a_site_is_its_registrable_domain():
    assert splits.site_group("https://forums.FreeBSD.org/threads/1") == "freebsd.org"
    assert splits.site_group("https://www.freebsd.org/") == "freebsd.org"
    assert splits.site_group("https://news.bbc.co.uk/x") == "bbc.co.uk"
    # one platform's blogs share its template: one site (private suffixes are not used)
    assert splits.site_group("https://a.substack.com/p/x") == splits.site_group("https://b.substack.com/p/y")
    assert splits.site_group(None, "Example.org") == "example.org"
    assert splits.site_group("", None, "bench-a/p1") != splits.site_group("", None, "bench-a/p2")


def test_the_draw_keeps_sites_whole_across_folders_and_takes_a_share_of_each_folder(tmp_path):
    first = _bench_folder(tmp_path, "first", {f"f{i}": f"https://s{i % 40}.example{i % 40}.com/{i}" for i in range(100)})
    second = _bench_folder(tmp_path, "second", {f"g{i}": f"https://www.example{i % 60}.com/{i}" for i in range(60)})
    keys = splits.draw_lockbox([first, second], share=0.2, seed=7)
    assert keys == splits.draw_lockbox([first, second], share=0.2, seed=7), "the draw is deterministic"
    assert keys != splits.draw_lockbox([first, second], share=0.2, seed=8)
    per_folder = Counter(k.split("/")[0] for k in keys)
    assert 15 <= per_folder["first"] <= 20 and 9 <= per_folder["second"] <= 12
    sites = {}
    for folder in (first, second):
        for page in metric.load_pages(folder, "all"):
            sites.setdefault(page.site, set()).add(splits.page_key(folder, page.id) in keys)
    assert all(len(flags) == 1 for flags in sites.values()), "a site is all in or all out, in every folder"


def test_snapshot_compare_counts_lockbox_dumps_that_differ_without_showing_them(tmp_path, lockbox, capsys):
    lockbox(["bench-a/secret"])
    records = [{"path": "bench-a/secret.txt", "kind": "txt", "body": "one"},
               {"path": "bench-a/open.txt", "kind": "txt", "body": "one"}]
    before, after = tmp_path / "before.jsonl", tmp_path / "after.jsonl"
    before.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    records[0]["body"] = "two"
    after.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    assert snapshot.main(["--compare", str(before), str(after)]) == 1
    out = capsys.readouterr().out
    assert "secret" not in out and "1 differ (1 of them lockbox dumps, not shown)" in out


def test_snapshot_cleans_a_benchmark_page_with_its_address_unless_told_not_to(tmp_path):
    """A rule that reads the address (the site's name, a date in the path) must show in a snapshot."""
    folder = tmp_path / "bench-a"
    folder.mkdir()
    (folder / "p1.txt").write_text("A headline for the page\n\nThis is a sentence of the body that is long enough "
                                   "to be prose, and it goes on for a while.\n", encoding="utf-8")
    (folder / "p1.json").write_text(json.dumps({"url": "https://www.example.org/2024/01/02/a-story"}),
                                    encoding="utf-8")
    with_url, without_url = tmp_path / "with.jsonl", tmp_path / "without.jsonl"
    assert snapshot.main([str(folder), "-o", str(with_url), "-j", "1"]) == 0
    assert snapshot.main([str(folder), "-o", str(without_url), "-j", "1", "--no-urls"]) == 0
    (first,), (second,) = ([json.loads(line) for line in path.open(encoding="utf-8")]
                           for path in (with_url, without_url))
    assert (first["site"], first["date"]) == ("example.org", "2024-01-02")
    assert (second["site"], second["date"]) == (None, None)


def test_cv_text_scores_every_page_with_a_model_that_never_saw_its_site(tmp_path, lockbox, capsys):
    pytest.importorskip("numpy")
    import cv_text
    from train_text_model import read_keys

    lockbox([])
    dumps = sorted(p for p in (ROOT / "fixtures").rglob("*.txt")
                   if not p.name.endswith(".expected.txt") and p.parent.name in ("generic", "seeds", "sites"))[:16]
    folder = tmp_path / "bench-cv"
    folder.mkdir()
    for i, dump in enumerate(dumps):  # two pages per site, on two hosts of one domain
        _bench_folder(tmp_path / f"page{i}", "x", {f"p{i}": f"https://h{i % 2}.site{i // 2}.com/{i}"}, dump)
        for source in (tmp_path / f"page{i}" / "x").iterdir():
            source.rename(folder / source.name)
    cache = tmp_path / "cache"
    assert cv_text.main([str(folder), "--train-on", str(folder), "--folds", "2", "--seed", "1", "--no-trafilatura",
                         "--cache-dir", str(cache)]) == 0
    out = capsys.readouterr().out
    assert "| cleaner CV by site, .txt" in out and "|    16 |" in out
    run_dir, model_dir = next(cache.glob("cv-text-*")), next(cache.glob("cv-models-*"))
    outputs = {r["id"]: r for r in map(json.loads, (run_dir / "outputs-bench-cv.jsonl").read_text().splitlines())}
    assert len(outputs) == 16 and {r['fold'] for r in outputs.values()} == {0, 1}
    pages = {p.id: p for p in metric.load_pages(folder)}
    for page_id, record in outputs.items():
        held_out = read_keys(model_dir / f"exclude-{record['fold']}.txt")
        assert f"bench-cv/{page_id}" in held_out, "the page's own model was trained without it"
        same_site = [q for q in pages if pages[q].site == pages[page_id].site]
        assert len(same_site) == 2 and all(f"bench-cv/{q}" in held_out for q in same_site)
        model = json.loads((model_dir / f"fold-{record['fold']}.json").read_text())
        assert model["trained"]["exclude"] == f"exclude-{record['fold']}.txt"



def _cv_bench(tmp_path, count: int) -> tuple[Path, Path, list[str]]:
    """A benchmark folder of ``count`` fixture dumps, each of its own site, its CV cache folder, and the
    arguments of a two-fold ``bench/cv_text.py`` run over it."""
    dumps = sorted(p for p in (ROOT / "fixtures").rglob("*.txt")
                   if not p.name.endswith(".expected.txt") and p.parent.name in ("generic", "seeds"))[:count]
    folder = tmp_path / "bench-cv"
    folder.mkdir()
    for i, dump in enumerate(dumps):
        _bench_folder(tmp_path / f"page{i}", "x", {f"p{i}": f"https://site{i}.com/{i}"}, dump)
        for source in (tmp_path / f"page{i}" / "x").iterdir():
            source.rename(folder / source.name)
    cache = tmp_path / "cache"
    argv = [str(folder), "--train-on", str(folder), "--folds", "2", "--seed", "1", "--no-trafilatura",
            "--cache-dir", str(cache)]
    return folder, cache, argv


def test_cv_text_keys_fold_models_by_their_training_rows(tmp_path, lockbox, monkeypatch, capsys):
    """Code that leaves the evidence rows as they were reuses the fold models; other rows train new ones."""
    pytest.importorskip("numpy")
    import cv_text
    import train_text_model

    lockbox([])
    folder, cache, argv = _cv_bench(tmp_path, 8)
    assert cv_text.main(argv) == 0
    monkeypatch.setattr(train_text_model, "code_version", lambda: "other code, the same rows")
    trained = []
    monkeypatch.setattr(train_text_model, "main", lambda args: trained.append(args) or 1)
    assert cv_text.main(argv) == 0
    assert not trained, "the same rows: the fold models are reused"
    assert len(list(cache.glob("cv-models-*"))) == 1 and len(list(cache.glob("cv-text-*"))) == 2
    rows = train_text_model.rows_file(folder, cache)
    rows.write_bytes(rows.read_bytes() + b"changed")
    with pytest.raises(SystemExit, match="training fold 0 failed"):  # new rows ask for new models
        cv_text.main(argv)
    assert len(trained) == 1


def test_cv_text_keeps_a_pure_python_runs_outputs_apart(tmp_path, lockbox, monkeypatch, capsys):
    """A run of the Python reference (CLEANER_PURE_PYTHON=1) cleans the held-out pages itself, under a key of its
    own, where it read the core's cached outputs before; the fold models are the same for both."""
    pytest.importorskip("numpy")
    import cv_text

    from cleaner.extension import PURE_PYTHON_ENV, extension

    if extension()[0] is None:
        pytest.skip("the native core is not built: both runs would be the reference's")
    lockbox([])
    folder, cache, argv = _cv_bench(tmp_path, 6)
    assert cv_text.main(argv) == 0
    monkeypatch.setenv(PURE_PYTHON_ENV, "1")
    assert cv_text.main(argv) == 0
    assert len(list(cache.glob("cv-models-*"))) == 1 and len(list(cache.glob("cv-text-*"))) == 2
    capsys.readouterr()


def test_cv_text_against_an_earlier_run_counts_the_pages_that_changed(tmp_path, lockbox, capsys):
    """``--against RUN_DIR`` scores both runs on the same pages and names the pages whose output changed."""
    pytest.importorskip("numpy")
    import cv_text

    lockbox([])
    folder, cache, argv = _cv_bench(tmp_path, 6)
    assert cv_text.main(argv) == 0
    run_dir = next(cache.glob("cv-text-*"))
    earlier = tmp_path / "earlier"
    earlier.mkdir()
    records = [json.loads(line) for line in (run_dir / "outputs-bench-cv.jsonl").read_text().splitlines()]
    changed = max(records, key=lambda r: len(r["txt"]))
    changed["txt"] = changed["txt"] + "\nA line of the page's chrome that the earlier run kept as if it were text."
    (earlier / "outputs-bench-cv.jsonl").write_text("\n".join(json.dumps(r) for r in records) + "\n")
    capsys.readouterr()
    assert cv_text.main(argv + ["--against", str(earlier)]) == 0
    out = capsys.readouterr().out
    assert "against earlier (.txt, 6 pages)" in out
    assert "1 pages changed, 1 better, 0 worse" in out
    assert f"  {changed['id']}  +" in out
