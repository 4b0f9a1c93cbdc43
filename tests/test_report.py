"""``cleaner report`` and ``cleaner batch --report``: the data, the page (parsed, no browser), escaping, limits.

The page in a real browser is tested in test_report_browser.py.
"""

from __future__ import annotations

import json
import shutil
from collections import Counter
from pathlib import Path

import lxml.html
import pytest
from conftest import FIXTURES, seed

from cleaner import Cleaner, clean
from cleaner.document import Decision
from cleaner.report.data import Limits, ReportBuilder, host_of, stage_of
from cleaner.report.page import render_html

#: Text a page must show as text: markup, an attribute break-out, a script end tag, entities.
EVIL_LINES = [
    "<script>document.body.setAttribute('data-pwned', '1')</script>",
    "\"><img src=x onerror=\"document.body.setAttribute('data-pwned','2')\">",
    "</td></tr></table></details><b id=\"escaped\">not bold</b> &amp; &lt;ok&gt; ' \"",
    "<!-- a comment --> ]]> <![CDATA[ x ]]> <style>body{display:none}</style>",
]


def evil_dump() -> str:
    """A text dump whose lines are article-like prose around hostile markup, so some are kept and some dropped
    (read it with ``--input-format text``: detection would take it for HTML)."""
    prose = ("The council met on Tuesday evening to discuss the new bridge, and residents who attended said the "
             "plans had changed several times since the spring consultation closed.")
    return "\n\n".join(["Home | News | Sport | Weather", *EVIL_LINES, prose, prose.replace("Tuesday", "Friday"),
                        *EVIL_LINES]) + "\n"


EVIL_REASON = "menu\" onmouseover=\"document.body.setAttribute('data-pwned','3')\" x=\"<b>"


def evil_profiles(folder: Path) -> Path:
    """A user profile for the hostile site whose rule's reason (shown in a title attribute) breaks out of it."""
    folder.mkdir()
    reason = EVIL_REASON.replace("\\", "\\\\").replace('"', '\\"')
    (folder / "evil.toml").write_text(f'name = "evil"\nhosts = ["evil.example"]\n[[drop]]\nmatch = "^Home \\\\| News"\n'
                                      f'reason = "{reason}"\n', encoding="utf-8")
    return folder


def make_dumps(folder: Path) -> list[Path]:
    """Fixture dumps from three sites (.url sidecars) and one without a URL, plus the hostile dump."""
    folder.mkdir(parents=True, exist_ok=True)
    sources = {
        "jpost-1.txt": "https://www.jpost.com/middle-east/article-1",
        "jpost-2.txt": "https://www.jpost.com/israel-news/article-2",
        "inkl-1.txt": "https://www.inkl.com/news/story",
        "duvarenglish-1.txt": None,
    }
    made = []
    for name, url in sources.items():
        shutil.copy(FIXTURES / "sites" / name, folder / name)
        if url:
            (folder / name).with_suffix(".url").write_text(url + "\n", encoding="utf-8")
        made.append(folder / name)
    evil = folder / "<img src=x onerror=alert(1)>.txt"
    evil.write_text(evil_dump(), encoding="utf-8")
    evil.with_suffix(".url").write_text("https://evil.example/<script>?a=\"b\"&c=<d>\n", encoding="utf-8")
    made.append(evil)
    return sorted(made)


def run_report(runner, cli, *args):
    return runner.invoke(cli, ["report", *map(str, args)])


# -- where a decision's stage and a document's site come from -----------------------------------------------------


def test_stage_is_the_stamped_stage_never_a_word_of_the_reason():
    assert stage_of(Decision(1, "x", "body", "body p=0.93 (length)", "context")) == "context"
    assert stage_of(Decision(1, "x", "boilerplate", "profile jpost: after the article", "site")) == "site"
    assert stage_of(Decision(1, "x", "boilerplate", "not body 0.01 — in <nav>: links", "markup")) == "markup"
    assert stage_of(Decision(1, "x", "boilerplate", "model: an unstamped decision")) == "unknown"
    assert stage_of(Decision(1, "x", "boilerplate", "")) == "unknown"
    article = Cleaner().clean(seed("003").read_bytes())
    assert [stage_of(d) for d in article.decisions] == [d.stage for d in article.decisions]
    assert "site" in {d.stage for d in article.decisions}

    class Stamped:
        stage = "region"
        reason = "site jpost: inside the article"

    assert stage_of(Stamped()) == "region"


def test_host_of_urls():
    assert host_of("https://www.JPost.com/a?b=1") == "jpost.com"
    assert host_of("http://news.example.co.uk:8080/x") == "news.example.co.uk"
    assert host_of(None) == host_of("") == host_of("not a url") == "unknown"
    assert host_of("http://[::1") == "unknown"  # malformed: urlsplit raises


# -- the command ----------------------------------------------------------------------------------------------------


def test_report_data_matches_the_cleaners_decisions(runner, cli, tmp_path):
    dumps = make_dumps(tmp_path / "dumps")
    result = run_report(runner, cli, tmp_path / "dumps", "-o", tmp_path / "r.html", "--json", tmp_path / "r.json")
    assert result.exit_code == 0, result.output + result.stderr
    data = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert data["format"] == "cleaner-report" and data["totals"]["documents"] == len(dumps)
    cleaner = Cleaner()
    all_labels: Counter = Counter()
    for dump, row, detail in zip(dumps, data["documents"], data["details"]):
        url_file = dump.with_suffix(".url")
        url = url_file.read_text(encoding="utf-8").strip() if url_file.exists() else None
        article = cleaner.clean(dump.read_bytes(), url=url)
        labels = Counter(d.label for d in article.decisions)
        all_labels += labels
        assert row["name"] == detail["name"] == str(dump)
        assert row["labels"] == dict(labels) and row["kept"] == labels["body"] == len(article.paragraphs)
        assert row["host"] == host_of(url) and row["profile"] == article.profile
        assert [(line["line"], line["label"], line["reason"]) for line in detail["lines"]] == \
               [(d.number, d.label, d.reason) for d in article.decisions]
        assert sum(sum(by_label.values()) for by_label in detail["stages"].values()) == len(article.decisions)
    assert data["totals"]["labels"] == dict(all_labels)
    hosts = {site["host"]: site for site in data["sites"]}
    assert hosts["jpost.com"]["documents"] == 2 and hosts["unknown"]["documents"] == 1
    assert set(hosts) == {"jpost.com", "inkl.com", "unknown", "evil.example"}


def test_page_shows_hostile_text_as_text(runner, cli, tmp_path):
    make_dumps(tmp_path / "dumps")
    result = run_report(runner, cli, tmp_path / "dumps", "-o", tmp_path / "r.html", "--input-format", "text",
                        "--profiles-dir", evil_profiles(tmp_path / "profiles"))
    assert result.exit_code == 0, result.stderr
    page = (tmp_path / "r.html").read_text(encoding="utf-8")
    tree = lxml.html.fromstring(page)
    assert tree.xpath("//script") == [] and tree.xpath("//img") == [] and tree.xpath("//*[@id='escaped']") == []
    assert [s for s in tree.xpath("//style")] == tree.xpath("/html/head/style")  # only the page's own style
    assert not [a for a in tree.xpath("//@*") if a.attrname.lower().startswith("on")]
    texts = [cell.text_content() for cell in tree.xpath("//td[@class='text']")]
    for line in EVIL_LINES:
        assert line in texts, line
    assert "https://evil.example/<script>?a=\"b\"&c=<d>" in tree.text_content()
    rows = tree.xpath("//tr[@data-label='boilerplate'][td[@class='text']='Home | News | Sport | Weather']")
    assert rows and all(EVIL_REASON in row.get("title") for row in rows)  # the reason, whole, in its tooltip
    assert any("<img src=x onerror=alert(1)>.txt" in summary.text_content() for summary in tree.xpath("//summary"))
    assert "http://" not in page.replace("http://www.w3.org/2000/svg", "")  # nothing fetched from anywhere
    assert "https://" not in page.replace("https://evil.example", "").replace("https://www.jpost.com", "") \
        .replace("https://www.inkl.com", "")


def test_errors_are_rows_and_one_line_each(runner, cli, tmp_path):
    (tmp_path / "empty.txt").write_text("  \n", encoding="utf-8")
    good = tmp_path / "good.txt"
    shutil.copy(FIXTURES / "generic" / "blog-1.txt", good)
    result = run_report(runner, cli, tmp_path / "empty.txt", tmp_path / "missing.txt", good, "--json", "-")
    assert result.exit_code == 2  # the worst: a missing file (2) over an empty input (1)
    errors = result.stderr.strip().splitlines()
    assert len(errors) == 2 and all(line.startswith("cleaner: error: ") for line in errors)
    assert "Traceback" not in result.stderr
    data = json.loads(result.stdout)
    assert [row["error"] is not None for row in data["documents"]] == [True, True, False]
    assert "input is empty" in data["documents"][0]["error"]
    assert data["totals"]["errors"] == 2 and len(data["details"]) == 1


def test_usage_errors(runner, cli, tmp_path):
    dump = FIXTURES / "generic" / "blog-1.txt"
    result = run_report(runner, cli, dump)
    assert result.exit_code == 2 and "give -o FILE.html" in result.stderr
    result = run_report(runner, cli, dump, "--json", "-", "--profile", "no-such-profile")
    assert result.exit_code == 2 and result.stderr.startswith("cleaner: error: ") and not result.stdout
    result = run_report(runner, cli, dump, "-o", tmp_path / "no" / "folder" / "r.html")
    assert result.exit_code == 1 and "cannot write" in result.stderr


def test_options_reach_the_cleaner(runner, cli, tmp_path):
    """--url picks the profile for every dump; --no-profiles turns it off; stdin is a dump too."""
    dump = FIXTURES / "sites" / "jpost-1.txt"
    result = run_report(runner, cli, dump, "--url", "https://www.jpost.com/x", "--json", "-")
    row = json.loads(result.stdout)["documents"][0]
    assert (row["profile"], row["host"]) == ("jpost", "jpost.com")
    result = run_report(runner, cli, dump, "--no-profiles", "--json", "-")
    assert json.loads(result.stdout)["documents"][0]["profile"] is None
    result = runner.invoke(cli, ["report", "-", "--input-format", "text", "--json", "-"],
                           input=(FIXTURES / "generic" / "blog-1.txt").read_bytes())
    row = json.loads(result.stdout)["documents"][0]
    assert row["name"] == "stdin" and row["format"] == "text" and row["kept"] > 0


# -- bounded output -----------------------------------------------------------------------------------------------


def test_limits_keep_a_large_report_bounded():
    limits = Limits(detail_documents=2, detail_lines=5, text_chars=20, document_rows=3, site_rows=2, chart_sites=1)
    builder = ReportBuilder(limits)
    article = clean((FIXTURES / "sites" / "jpost-1.txt").read_bytes())
    for index in range(10):
        builder.add_article(f"dump-{index}", article, f"https://site{index % 4}.example/page")
    data = builder.data()
    assert data["totals"]["documents"] == 10 and data["totals"]["lines"] == 10 * len(article.decisions)
    assert len(data["documents"]) == 3 and data["documents_omitted"] == 7
    assert len(data["details"]) == 2 and data["details_omitted"] == 8
    assert all(len(detail["lines"]) == 5 for detail in data["details"])
    assert data["details"][0]["lines_omitted"] == len(article.decisions) - 5
    assert all(len(line["text"]) <= 20 for line in data["details"][0]["lines"])
    assert any(line["clipped"] for line in data["details"][0]["lines"])
    assert len(data["sites"]) == 2 and data["sites_omitted"] == {"sites": 2, "documents": 4}
    tree = lxml.html.fromstring(render_html(data))
    notes = " ".join(note.text_content() for note in tree.xpath("//p[@class='note']"))
    assert "7 more documents" in notes and "8 more are counted" in notes and "2 more sites (4 documents)" in notes
    assert len(tree.xpath("//svg//g[@class='bar']")) == 1
    assert len(tree.xpath("//table[@class='lines']/tbody/tr")) == 10


# -- cleaner batch --report -----------------------------------------------------------------------------------------


def test_batch_report_counts_every_record_and_details_the_first(runner, cli, tmp_path):
    dumps = [p for p in sorted((FIXTURES / "sites").glob("*.txt")) if not p.name.endswith(".expected.txt")]
    lines = []
    for index, dump in enumerate(dumps):
        site = dump.name.split("-")[0]
        lines.append(json.dumps({"id": index, "url": f"https://www.{site}.example/{index}",
                                 "text": dump.read_text(encoding="utf-8")}))
    lines.append(json.dumps({"id": "bad", "url": "https://bad.example/", "text": " "}))
    (tmp_path / "in.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = runner.invoke(cli, ["batch", str(tmp_path / "in.jsonl"), "-o", str(tmp_path / "out.jsonl"), "-j", "1",
                                 "-q", "--report", str(tmp_path / "r.html")])
    assert result.exit_code == 0, result.stderr
    records = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()]
    tree = lxml.html.fromstring((tmp_path / "r.html").read_text(encoding="utf-8"))
    expected: dict[str, list[int]] = {}
    for record in records:
        host = host_of(record["url"])
        counts = expected.setdefault(host, [0, 0, 0])
        counts[0] += 1
        counts[1] += record["lines_in"] or 0
        counts[2] += record["lines_kept"] or 0
    shown = {}
    for row in tree.xpath("//table[@class='sites']/tbody/tr"):
        cells = [cell.text_content().replace(",", "") for cell in row.xpath("td")]
        shown[cells[0]] = [int(cells[1]), int(cells[2]), int(cells[3])]
    assert shown == expected and "bad.example" in shown
    details = tree.xpath("//details[@class='document']")
    assert len(details) == len(dumps)  # every document with an article, under the default limit of 50
    first = details[0].xpath(".//table[@class='lines']/tbody/tr")
    assert len(first) == records[0]["lines_in"]
    assert sum(1 for row in first if row.get("data-label") == "body") == records[0]["lines_kept"]


def test_batch_report_folder_must_exist(runner, cli, tmp_path):
    (tmp_path / "in").mkdir()
    shutil.copy(FIXTURES / "generic" / "blog-1.txt", tmp_path / "in" / "a.txt")
    result = runner.invoke(cli, ["batch", str(tmp_path / "in"), "-o", str(tmp_path / "out.jsonl"), "-q",
                                 "--report", str(tmp_path / "nowhere" / "r.html")])
    assert result.exit_code == 2 and "cannot write the report" in result.stderr
    assert not (tmp_path / "out.jsonl").exists()  # refused before any work


@pytest.mark.parametrize("sink", ["-o", "--out-dir"])
def test_batch_report_with_either_output(runner, cli, tmp_path, sink):
    (tmp_path / "in").mkdir()
    for name in ("blog-1.txt", "wire-1.txt"):
        shutil.copy(FIXTURES / "generic" / name, tmp_path / "in" / name)
    target = tmp_path / ("out.jsonl" if sink == "-o" else "out")
    result = runner.invoke(cli, ["batch", str(tmp_path / "in"), sink, str(target), "-j", "1", "-q",
                                 "--report", str(tmp_path / "r.html")])
    assert result.exit_code == 0, result.stderr
    tree = lxml.html.fromstring((tmp_path / "r.html").read_text(encoding="utf-8"))
    assert "2 documents from 1 site:" in tree.xpath("//p[@id='summary']")[0].text_content()
    assert len(tree.xpath("//details[@class='document']")) == 2
