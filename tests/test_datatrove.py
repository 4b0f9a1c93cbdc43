"""The datatrove step: alone, under LocalPipelineExecutor (2 workers), and under the Ray executor.

These need the extras (``pip install -e '.[test,datatrove,ray]'``); without
them they are skipped, unless CLEANER_REQUIRE_EXTRAS is set (as .ci/run
does), in which case a missing extra is a failure, not a silent skip.
"""

from __future__ import annotations

import gzip
import importlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from batch_helpers import ARTICLE, HANG_DUMP, HANG_PROFILE, expected_body, seed_texts, write_jsonl


def _require(module: str):
    if os.environ.get("CLEANER_REQUIRE_EXTRAS"):
        return importlib.import_module(module)
    return pytest.importorskip(module, reason=f"the {module} extra is not installed")


def test_step_rewrites_text_adds_metadata_and_drops_what_has_no_article():
    _require("datatrove")
    from datatrove.data import Document

    from cleaner.integrations.datatrove import ArticleCleaner

    texts = seed_texts()
    documents = [Document(text=texts[1], id="news", metadata={"url": "https://www.thenews.com.pk/latest/1"}),
                 Document(text="Home\nNews\nSport\n", id="menu"),
                 Document(text=ARTICLE, id="plain")]
    step = ArticleCleaner(timeout=None)

    kept = list(step.run(iter(documents)))

    assert [d.id for d in kept] == ["news", "plain"]
    assert kept[0].text == expected_body(texts[1], url="https://www.thenews.com.pk/latest/1")
    assert kept[0].metadata["article_profile"] == "thenews" and kept[0].metadata["url"].startswith("https://")
    assert kept[0].metadata["article_lines_in"] >= kept[0].metadata["article_lines_kept"] > 0
    assert kept[1].text == expected_body(ARTICLE)
    stats = {name: value.total for name, value in step.stats.stats.items()}
    assert stats["total"] == 3 and stats["forwarded"] == 2 and stats["dropped"] == 1
    assert stats["dropped_no_article"] == 1


def test_step_timeout_stops_a_stuck_document_and_keeps_going(tmp_path):
    _require("datatrove")
    from datatrove.data import Document

    from cleaner.integrations.datatrove import ArticleCleaner

    (tmp_path / "hang.toml").write_text(HANG_PROFILE, encoding="utf-8")
    documents = [Document(text=ARTICLE, id="1"), Document(text=HANG_DUMP, id="stuck", metadata={"url": "https://hang.example/"}),
                 Document(text=ARTICLE, id="3")]
    step = ArticleCleaner(profiles_dirs=[tmp_path], timeout=2)

    kept = list(step.run(iter(documents)))

    assert [d.id for d in kept] == ["1", "3"]
    assert documents[1].metadata["cleaner_dropped"] == "timed out after 2 s"
    assert step.stats.stats["dropped_timeout"].total == 1


def test_broken_profile_fails_where_the_pipeline_is_built(tmp_path):
    _require("datatrove")
    from cleaner import CleanerError
    from cleaner.integrations.datatrove import ArticleCleaner

    (tmp_path / "bad.toml").write_text("name = 3\n", encoding="utf-8")
    with pytest.raises(CleanerError, match="bad.toml"):
        ArticleCleaner(profiles_dirs=[tmp_path])


PIPELINE_SCRIPT = """
import sys
from datatrove.pipeline.readers import JsonlReader
from datatrove.pipeline.writers import JsonlWriter
from cleaner.integrations.datatrove import ArticleCleaner

work = sys.argv[1]


def pipeline():
    return [
        JsonlReader(f"{{work}}/in"),
        ArticleCleaner(exclusion_writer=JsonlWriter(f"{{work}}/dropped", compression=None)),
        JsonlWriter(f"{{work}}/out", compression=None),
    ]


if __name__ == "__main__":  # executors start processes: guard the entry point
{run}
"""

LOCAL_RUN = """
    from datatrove.executor import LocalPipelineExecutor

    LocalPipelineExecutor(pipeline=pipeline(), tasks=2, workers=2, logging_dir=f"{work}/logs").run()
"""

RAY_RUN = """
    import ray
    from datatrove.executor.ray import RayPipelineExecutor

    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    RayPipelineExecutor(pipeline=pipeline(), tasks=2, workers=2, cpus_per_task=1, mem_per_cpu_gb=0.5,
                        logging_dir=f"{work}/logs").run()
    ray.shutdown()
"""


def _corpus(work: Path) -> list[dict]:
    """Two JSONL files (one per task), with pages that have an article and pages that have none."""
    texts = seed_texts()
    rows = [{"id": f"seed-{n}", "text": text} for n, text in enumerate(texts)]
    rows[1]["metadata"] = {"url": "https://www.thenews.com.pk/latest/1"}
    rows += [{"id": "menu-1", "text": "Home\nNews\nSport\nContact\n"}, {"id": "plain", "text": ARTICLE},
             {"id": "menu-2", "text": "Login\nRegister\n"}]
    (work / "in").mkdir(parents=True)
    write_jsonl(work / "in" / "part-0.jsonl", rows[:4])
    write_jsonl(work / "in" / "part-1.jsonl", rows[4:])
    return rows


def _read_folder(folder: Path) -> dict[str, dict]:
    documents = {}
    for path in sorted(folder.glob("*.jsonl*")):
        data = path.read_bytes()
        if path.name.endswith(".gz"):
            data = gzip.decompress(data)
        for line in data.decode("utf-8").splitlines():
            document = json.loads(line)
            documents[document["id"]] = document
    return documents


def _run_and_check(tmp_path: Path, run: str, timeout: float) -> None:
    work = tmp_path / "work"
    rows = _corpus(work)
    script = tmp_path / "pipeline.py"
    script.write_text(PIPELINE_SCRIPT.format(run=run), encoding="utf-8")

    result = subprocess.run([sys.executable, str(script), str(work)], capture_output=True, text=True,
                            timeout=timeout, cwd=tmp_path)

    assert result.returncode == 0, result.stderr[-3000:]
    kept, dropped = _read_folder(work / "out"), _read_folder(work / "dropped")
    assert sorted(kept) == sorted(["seed-0", "seed-1", "seed-2", "seed-3", "seed-4", "plain"])
    assert sorted(dropped) == ["menu-1", "menu-2"]
    for row in rows:
        if row["id"] in kept:
            url = row.get("metadata", {}).get("url")
            assert kept[row["id"]]["text"] == expected_body(row["text"], url=url)
    assert kept["seed-1"]["metadata"]["article_profile"] == "thenews"
    assert kept["seed-0"]["metadata"]["article_title"] == "Five Turkish soldiers killed in attack in northwest Syria"
    assert dropped["menu-1"]["metadata"]["cleaner_dropped"] == "no article text found"
    stats = json.loads((work / "logs" / "stats.json").read_text(encoding="utf-8"))
    step = next(block for block in stats if "cleaner" in block["name"])["stats"]
    totals = {name: value["total"] if isinstance(value, dict) else value for name, value in step.items()}
    assert (totals["total"], totals["forwarded"], totals["dropped"], totals["dropped_no_article"]) == (8, 6, 2, 2)
    completions = sorted(p.name for p in (work / "logs" / "completions").iterdir())
    assert completions == ["00000", "00001"]  # both tasks ran


def test_local_executor_with_two_workers(tmp_path):
    _require("datatrove")
    _require("orjson")
    _run_and_check(tmp_path, LOCAL_RUN, timeout=300)


def test_ray_executor_on_a_local_ray_instance(tmp_path):
    _require("datatrove")
    _require("orjson")
    _require("ray")
    _run_and_check(tmp_path, RAY_RUN, timeout=600)
