"""The report in a real browser: headless Chromium renders the page; what it shows must match the report's data.

Chromium's ``--dump-dom`` gives the DOM after the page loaded (scripts on, so
text that escaped its escaping would run and leave a mark), and
``--screenshot`` a PNG, decoded here with
the standard library, that must show the page's colours. Without Chromium
the tests are skipped, unless CLEANER_REQUIRE_EXTRAS is set (as .ci/run does,
after installing Debian's chromium), where a missing browser is a failure.
"""

from __future__ import annotations

import json
import os
import shutil
import struct
import subprocess
import zlib
from collections import Counter
from pathlib import Path

import lxml.html
import pytest
from test_report import EVIL_LINES, evil_profiles, make_dumps

from cleaner.report.page import COLOURS

pytestmark = pytest.mark.slow

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


def find_browser() -> str:
    for name in (os.environ.get("CLEANER_CHROMIUM"), *BROWSERS):
        path = name and shutil.which(name)
        if path:
            return path
    if os.environ.get("CLEANER_REQUIRE_EXTRAS"):
        pytest.fail("no Chromium found (.ci/run installs Debian's: apt-get install chromium); set CLEANER_CHROMIUM")
    pytest.skip("no Chromium found (apt-get install chromium, or set CLEANER_CHROMIUM)")


def headless(browser: str, profile: Path, *args: str) -> subprocess.CompletedProcess:
    """Run headless Chromium with its own profile folder (other Chromiums on the machine hold theirs)."""
    command = [browser, "--headless", "--disable-gpu", "--no-sandbox", "--no-first-run", "--disable-extensions",
               f"--user-data-dir={profile}", *args]
    return subprocess.run(command, capture_output=True, timeout=180, check=False)


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    """A report over five dumps from four sites, the hostile one among them: the page, its data and the DOM."""
    from click.testing import CliRunner

    from cleaner.cli import main

    browser = find_browser()
    folder = tmp_path_factory.mktemp("report")
    make_dumps(folder / "dumps")
    page, data_path = folder / "report.html", folder / "report.json"
    result = CliRunner().invoke(main, ["report", str(folder / "dumps"), "-o", str(page), "--json", str(data_path),
                                       "--input-format", "text", "--profiles-dir",
                                       str(evil_profiles(folder / "profiles"))])
    assert result.exit_code == 0, result.output
    shown = headless(browser, folder / "chromium", "--dump-dom", page.as_uri())
    assert shown.returncode == 0, shown.stderr.decode(errors="replace")[-2000:]
    dom = lxml.html.fromstring(shown.stdout.decode("utf-8"))
    data = json.loads(data_path.read_text(encoding="utf-8"))
    return {"browser": browser, "folder": folder, "page": page, "data": data, "dom": dom}


def numbers(cells) -> dict[str, int]:
    return {cell.get("data-label"): int(cell.text_content().replace(",", "")) for cell in cells}


def test_rendered_counts_match_the_data(report):
    dom, data = report["dom"], report["data"]
    totals = data["totals"]
    summary = dom.xpath("//p[@id='summary']")[0].text_content()
    assert summary.startswith(f"{totals['documents']} documents from {totals['sites']} sites: "
                              f"{totals['lines']:,} lines, {totals['kept']:,} kept")
    table = dom.get_element_by_id("stages-all")
    for stage, by_label in totals["stages"].items():
        row = table.xpath(f".//tr[@data-stage='{stage}']/td")
        assert numbers(row) == {**by_label, "all": sum(by_label.values())} | {
            label: 0 for label in totals["labels"] if label not in by_label}
    assert numbers(table.xpath(".//tr[@data-stage='all']/td")) == {**totals["labels"],
                                                                   "all": sum(totals["labels"].values())}
    sites = [[cell.text_content() for cell in row.xpath("td")] for row in dom.xpath("//table[@class='sites']/tbody/tr")]
    assert [(row[0], int(row[1]), int(row[3].replace(",", ""))) for row in sites] == \
           [(site["host"], site["documents"], site["kept"]) for site in data["sites"]]
    assert len(dom.xpath("//*[local-name()='svg']//*[local-name()='g'][@class='bar']")) == len(data["sites"])


def test_rendered_lines_match_the_data(report):
    dom, data = report["dom"], report["data"]
    assert len(data["details"]) == len(data["documents"]) == 5
    for detail in data["details"]:
        section = dom.get_element_by_id(f"doc-{detail['index']}")
        rows = section.xpath(".//table[@class='lines']/tbody/tr")
        assert Counter(row.get("data-label") for row in rows) == Counter(detail["labels"])
        assert Counter(row.xpath("td[@class='stage']")[0].text_content() for row in rows) == \
               Counter({stage: sum(by_label.values()) for stage, by_label in detail["stages"].items()})
        for position in (0, len(rows) // 2, len(rows) - 1):
            row, line = rows[position], detail["lines"][position]
            cells = {cell.get("class"): cell.text_content() for cell in row.xpath("td")}
            assert (int(cells["num"]), cells["label"], cells["stage"], cells["reason"], cells["text"]) == \
                   (line["line"], line["label"], line["stage"], line["reason"], line["text"])
            assert line["reason"] in row.get("title") and row.get("class") == f"l-{line['label']}"


def test_hostile_text_stays_text_in_the_browser(report):
    dom = report["dom"]
    body = dom.xpath("//body")[0]
    assert body.get("data-pwned") is None  # no injected script or handler ran
    assert dom.xpath("//script") == [] and dom.xpath("//img") == [] and dom.xpath("//*[@id='escaped']") == []
    shown = {cell.text_content() for cell in dom.xpath("//td[@class='text']")}
    assert all(line in shown for line in EVIL_LINES)


def test_screenshot_shows_the_page(report):
    """The page as a user sees it: not blank, and in the labels' colours. (The page has no script, and its
    Content-Security-Policy forbids any: this is what a browser with JavaScript off shows. Headless Chromium
    takes no screenshot with scripts switched off, so they are not.)"""
    shot = report["folder"] / "report.png"
    done = headless(report["browser"], report["folder"] / "chromium-shot", "--hide-scrollbars",
                    "--window-size=1000,1400", f"--screenshot={shot}",
                    report["page"].as_uri())
    assert done.returncode == 0 and shot.is_file(), done.stderr.decode(errors="replace")[-2000:]
    width, height, pixels = read_png(shot.read_bytes())
    assert (width, height) == (1000, 1400)
    counts = Counter(pixels)
    white = counts.get((255, 255, 255), 0)
    assert 0.05 < 1 - white / len(pixels) < 0.95, f"{1 - white / len(pixels):.1%} of the screenshot is not white"
    assert len(counts) > 50  # text, tables, the chart: many colours, not a blank or one-colour page
    for label in ("body", "boilerplate"):  # the chart's bars and the rows' fills, as the stylesheet says
        colour = COLOURS[label][1] if label == "body" else COLOURS[label][0]
        rgb = tuple(int(colour[i:i + 2], 16) for i in (1, 3, 5))
        assert counts.get(rgb, 0) > 200, f"{label} colour {colour} missing from {shot}"
    print(f"screenshot: {shot}")


# -- a tiny PNG reader (8-bit RGB/RGBA, not interlaced: what Chromium writes) ---------------------------------------


def read_png(data: bytes) -> tuple[int, int, list[tuple[int, int, int]]]:
    """Width, height and the RGB pixels of a PNG."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    position, idat, header = 8, [], None
    while position < len(data):
        length, kind = struct.unpack(">I4s", data[position:position + 8])
        chunk = data[position + 8:position + 8 + length]
        position += 12 + length
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", chunk)
        elif kind == b"IDAT":
            idat.append(chunk)
    width, height, depth, colour_type, _, _, interlace = header
    assert depth == 8 and colour_type in (2, 6) and not interlace, header
    channels = 3 if colour_type == 2 else 4
    raw = zlib.decompress(b"".join(idat))
    stride = width * channels
    previous = bytearray(stride)
    pixels: list[tuple[int, int, int]] = []
    for row in range(height):
        start = row * (stride + 1)
        line = _unfilter(raw[start], bytearray(raw[start + 1:start + 1 + stride]), previous, channels)
        pixels.extend(zip(line[0::channels], line[1::channels], line[2::channels]))
        previous = line
    return width, height, pixels


def _unfilter(kind: int, line: bytearray, above: bytearray, bpp: int) -> bytearray:
    if kind == 0:
        return line
    if kind == 2:
        return bytearray((a + b) & 255 for a, b in zip(line, above))
    for i in range(len(line)):
        left = line[i - bpp] if i >= bpp else 0
        up = above[i]
        if kind == 1:
            line[i] = (line[i] + left) & 255
        elif kind == 3:
            line[i] = (line[i] + ((left + up) >> 1)) & 255
        else:  # 4: Paeth
            corner = above[i - bpp] if i >= bpp else 0
            estimate = left + up - corner
            pa, pb, pc = abs(estimate - left), abs(estimate - up), abs(estimate - corner)
            line[i] = (line[i] + (left if pa <= pb and pa <= pc else up if pb <= pc else corner)) & 255
    return line
