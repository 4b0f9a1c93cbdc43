"""The report as one self-contained HTML page: inline CSS and SVG, no script, no network.

Everything a browser shows works with JavaScript off: the per-dump detail
sits in ``<details>`` elements, each line shows its label, stage and reason
in columns (and again in a ``title`` tooltip), and the chart is inline SVG.
A Content-Security-Policy forbids scripts and every outside resource, as a
second line of defence behind escaping: dumps carry ``<script>`` and worse,
and every piece of text goes through :func:`_esc`.
"""

from __future__ import annotations

import html
from typing import Any, Iterable

from .. import __version__
from ..document import LABELS

#: One colour per label: (background, border/bar, text). Boilerplate is greyed out, body stands out.
COLOURS = {
    "body": ("#e3f4e6", "#2e7d32", "#11331a"),
    "title": ("#dfeafb", "#1565c0", "#0b2a55"),
    "byline": ("#efe4f6", "#7b1fa2", "#3b0c52"),
    "date": ("#fff1d6", "#e08a00", "#4d3000"),
    "boilerplate": ("#f2f2f2", "#b0b0b0", "#6b6b6b"),
    "unknown": ("#fde4e4", "#c62828", "#5c0c0c"),
}
NOT_KEPT_COLOUR = "#b0b0b0"

_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"


def _esc(value: Any) -> str:
    """Text for HTML content or a quoted attribute: ``& < > " '`` escaped."""
    return html.escape("" if value is None else str(value), quote=True)


def _style() -> str:
    rules = [
        "body{font:14px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;margin:0 auto;max-width:1200px;"
        "padding:16px 24px;color:#1d1d1d;background:#fff}",
        "h1{font-size:24px;margin:8px 0}h2{font-size:19px;margin:28px 0 8px;border-bottom:1px solid #ddd}"
        "h3{font-size:15px;margin:18px 0 6px}",
        "table{border-collapse:collapse;margin:6px 0 12px}th,td{border:1px solid #ddd;padding:3px 7px;"
        "text-align:left;vertical-align:top}th{background:#f7f7f7}td.num,th.num{text-align:right;"
        "font-variant-numeric:tabular-nums}",
        ".note{color:#8a4b00;background:#fff6e5;border-left:4px solid #e08a00;padding:4px 8px}",
        ".legend{display:flex;flex-wrap:wrap;gap:8px;list-style:none;padding:0}"
        ".legend li{padding:2px 10px;border-left:6px solid}",
        "details{margin:10px 0;border:1px solid #ddd;border-radius:4px;padding:4px 10px}"
        "summary{cursor:pointer;font-weight:600;overflow-wrap:anywhere}",
        "table.lines{width:100%;table-layout:fixed}table.lines td{border-width:0 0 1px 0}"
        "table.lines col.n{width:4.5em}table.lines col.label{width:7em}table.lines col.stage{width:6em}"
        "table.lines col.reason{width:30%}",
        "td.text,td.reason{overflow-wrap:anywhere;white-space:pre-wrap}td.reason{color:#555;font-size:12px}",
        "dl.meta{display:grid;grid-template-columns:max-content 1fr;gap:2px 12px;margin:6px 0}"
        "dl.meta dt{color:#666}dl.meta dd{margin:0;overflow-wrap:anywhere}",
        "td.error{color:#b71c1c}svg text{font:12px system-ui,sans-serif;fill:#333}",
    ]
    for label, (background, border, text) in COLOURS.items():
        rules.append(f"tr.l-{label} td{{background:{background};color:{text}}}"
                     f"tr.l-{label} td.label{{border-left:6px solid {border};font-weight:600}}"
                     f".legend li.l-{label}{{background:{background};border-color:{border};color:{text}}}")
    rules.append("tr.l-title td.text{font-weight:700}tr.l-boilerplate td.text{text-decoration:line-through "
                 "#c4c4c4}")
    return "".join(rules)


def _percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}%" if whole else "–"


def _number(value: int) -> str:
    return f"{value:,}"


def _count(value: int, noun: str) -> str:
    """``1 document``, ``2,000 documents``."""
    return f"{value:,} {noun}" if value == 1 else f"{value:,} {noun}s"


def render_html(data: dict[str, Any]) -> str:
    """The page for the data of :meth:`ReportBuilder.data`."""
    parts = [
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">",
        f"<meta http-equiv=\"Content-Security-Policy\" content=\"{_CSP}\">",
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">",
        f"<title>{_esc(data['title'])}</title><style>{_style()}</style></head><body>",
    ]
    parts.extend(_header(data))
    if data["totals"]["documents"] > 1:
        parts.extend(_totals(data))
        parts.extend(_sites(data))
        parts.extend(_documents(data))
    parts.extend(_details(data))
    parts.append("</body></html>\n")
    return "".join(parts)


def _header(data: dict[str, Any]) -> Iterable[str]:
    totals = data["totals"]
    yield f"<header><h1>{_esc(data['title'])}</h1>"
    yield (f"<p class=\"summary\" id=\"summary\">{_count(totals['documents'], 'document')} from "
           f"{_count(totals['sites'], 'site')}: {_count(totals['lines'], 'line')}, "
           f"<strong>{_number(totals['kept'])} kept</strong> ({_percent(totals['kept'], totals['lines'])}), "
           f"{_number(totals['not_kept'])} not kept; {_count(totals['errors'], 'error')}, "
           f"{_number(totals['empty'])} without an article.</p>")
    yield "<ul class=\"legend\">"
    for label in (label for label in LABELS if label != "unknown"):
        yield f"<li class=\"l-{label}\">{label}</li>"
    yield ("</ul><p>Kept: lines in the article body. Not kept: every other non-blank line (boilerplate, and the "
           "title, byline and date lines, which go to the metadata). The stage is the pipeline stage that "
           "decided the line, as its reason names it (see README, “How it decides”; <code>model</code> is the text "
           f"model's decision in the scoring and context passes). Made by cleaner {_esc(__version__)}.</p></header>")


def _count_table(table_id: str, labels: dict[str, int], stages: dict[str, dict[str, int]]) -> Iterable[str]:
    """Lines per stage (rows) and label (columns), with totals: which stage decided how much."""
    columns = [label for label in LABELS if labels.get(label)] + [label for label in labels if label not in LABELS]
    yield f"<table class=\"stages\" id=\"{_esc(table_id)}\"><thead><tr><th>stage</th>"
    for label in columns:
        yield f"<th class=\"num\">{_esc(label)}</th>"
    yield "<th class=\"num\">all</th></tr></thead><tbody>"
    for stage, counts in stages.items():
        yield f"<tr data-stage=\"{_esc(stage)}\"><th>{_esc(stage)}</th>"
        for label in columns:
            yield f"<td class=\"num\" data-label=\"{_esc(label)}\">{_number(counts.get(label, 0))}</td>"
        yield f"<td class=\"num\" data-label=\"all\">{_number(sum(counts.values()))}</td></tr>"
    yield "</tbody><tfoot><tr data-stage=\"all\"><th>all</th>"
    for label in columns:
        yield f"<td class=\"num\" data-label=\"{_esc(label)}\">{_number(labels.get(label, 0))}</td>"
    yield f"<td class=\"num\" data-label=\"all\">{_number(sum(labels.values()))}</td></tr></tfoot></table>"


def _totals(data: dict[str, Any]) -> Iterable[str]:
    totals = data["totals"]
    yield "<section id=\"decisions\"><h2>Decisions by stage and label</h2>"
    if totals["decided_documents"] < totals["documents"]:
        yield (f"<p class=\"note\">Counted over the {_number(totals['decided_documents'])} documents cleaned with "
               f"their decisions; the others are known by their kept and not-kept lines only.</p>")
    yield from _count_table("stages-all", totals["labels"], totals["stages"])
    yield "</section>"


def _sites(data: dict[str, Any]) -> Iterable[str]:
    yield "<section id=\"sites\"><h2>Sites</h2>"
    yield from _chart(data["sites"][:data["limits"]["chart_sites"]], len(data["sites"]))
    yield ("<table class=\"sites\"><thead><tr><th>site</th><th class=\"num\">documents</th><th class=\"num\">lines</th>"
           "<th class=\"num\">kept</th><th class=\"num\">not kept</th><th class=\"num\">kept %</th>"
           "<th class=\"num\">without article</th><th class=\"num\">errors</th></tr></thead><tbody>")
    for site in data["sites"]:
        yield (f"<tr data-host=\"{_esc(site['host'])}\"><td>{_esc(site['host'])}</td>"
               f"<td class=\"num\">{_number(site['documents'])}</td><td class=\"num\">{_number(site['lines'])}</td>"
               f"<td class=\"num\">{_number(site['kept'])}</td><td class=\"num\">{_number(site['not_kept'])}</td>"
               f"<td class=\"num\">{_percent(site['kept'], site['lines'])}</td>"
               f"<td class=\"num\">{_number(site['empty'])}</td><td class=\"num\">{_number(site['errors'])}</td></tr>")
    yield "</tbody></table>"
    omitted = data["sites_omitted"]
    if omitted["sites"]:
        yield (f"<p class=\"note\">{_number(omitted['sites'])} more sites ({_number(omitted['documents'])} documents) "
               f"are counted in the totals but have no row here.</p>")
    yield "</section>"


def _chart(sites: list[dict[str, Any]], listed: int) -> Iterable[str]:
    """Kept and not-kept lines per site as horizontal stacked bars (inline SVG, a tooltip per bar)."""
    if not sites:
        return
    label_width, bar_width, row, top = 220, 640, 22, 26
    height = top + row * len(sites) + 8
    widest = max(site["lines"] for site in sites) or 1
    body_colour = COLOURS["body"][1]
    yield (f"<svg id=\"chart\" role=\"img\" width=\"{label_width + bar_width + 90}\" height=\"{height}\" "
           f"viewBox=\"0 0 {label_width + bar_width + 90} {height}\" xmlns=\"http://www.w3.org/2000/svg\">"
           f"<title>Kept and not kept lines per site</title>"
           f"<rect x=\"{label_width}\" y=\"6\" width=\"12\" height=\"12\" fill=\"{body_colour}\"/>"
           f"<text x=\"{label_width + 16}\" y=\"16\">kept</text>"
           f"<rect x=\"{label_width + 70}\" y=\"6\" width=\"12\" height=\"12\" fill=\"{NOT_KEPT_COLOUR}\"/>"
           f"<text x=\"{label_width + 86}\" y=\"16\">not kept</text>")
    for position, site in enumerate(sites):
        y = top + position * row
        kept_width = round(bar_width * site["kept"] / widest, 1)
        other_width = round(bar_width * site["not_kept"] / widest, 1)
        host = site["host"] if len(site["host"]) <= 32 else site["host"][:31] + "…"
        tip = (f"{site['host']}: {site['kept']:,} kept, {site['not_kept']:,} not kept "
               f"({site['documents']:,} documents)")
        yield (f"<g class=\"bar\" data-host=\"{_esc(site['host'])}\"><title>{_esc(tip)}</title>"
               f"<text x=\"{label_width - 6}\" y=\"{y + 15}\" text-anchor=\"end\">{_esc(host)}</text>"
               f"<rect x=\"{label_width}\" y=\"{y + 3}\" width=\"{kept_width}\" height=\"16\" fill=\"{body_colour}\"/>"
               f"<rect x=\"{label_width + kept_width}\" y=\"{y + 3}\" width=\"{other_width}\" height=\"16\" "
               f"fill=\"{NOT_KEPT_COLOUR}\"/>"
               f"<text x=\"{label_width + kept_width + other_width + 6}\" y=\"{y + 15}\">"
               f"{_percent(site['kept'], site['lines'])}</text></g>")
    yield "</svg>"
    if listed > len(sites):
        yield f"<p class=\"note\">The chart shows the {len(sites)} sites with the most documents.</p>"


def _documents(data: dict[str, Any]) -> Iterable[str]:
    """One table per site, its documents in input order (sites in the order of the sites table)."""
    by_host: dict[str, list[dict[str, Any]]] = {}
    shown_hosts = {site["host"] for site in data["sites"]}
    for document in data["documents"]:
        host = document["host"] if document["host"] in shown_hosts else "other sites"
        by_host.setdefault(host, []).append(document)
    order = [site["host"] for site in data["sites"] if site["host"] in by_host]
    if "other sites" in by_host:
        order.append("other sites")
    yield "<section id=\"documents\"><h2>Documents by site</h2>"
    for host in order:
        yield f"<h3>{_esc(host)}</h3>"
        yield ("<table class=\"documents\"><thead><tr><th>document</th><th>profile</th><th>language</th>"
               "<th class=\"num\">lines</th><th class=\"num\">kept</th><th class=\"num\">not kept</th>"
               "<th>title, or error</th></tr></thead><tbody>")
        for document in by_host[host]:
            name = _esc(document["name"])
            if document["detail"]:
                name = f"<a href=\"#doc-{document['index']}\">{name}</a>"
            note = (f"<td class=\"error\">{_esc(document['error'])}</td>" if document["error"]
                    else f"<td>{_esc(document['title'] or '')}</td>")
            yield (f"<tr data-index=\"{document['index']}\"><td>{name}</td><td>{_esc(document['profile'] or '')}</td>"
                   f"<td>{_esc(document['language'] or '')}</td><td class=\"num\">{_number(document['lines'])}</td>"
                   f"<td class=\"num\">{_number(document['kept'])}</td>"
                   f"<td class=\"num\">{_number(document['not_kept'])}</td>{note}</tr>")
        yield "</tbody></table>"
    if data["documents_omitted"]:
        yield (f"<p class=\"note\">{_number(data['documents_omitted'])} more documents are counted in the totals and "
               f"their sites but have no row here (the report lists the first {_number(len(data['documents']))}).</p>")
    yield "</section>"


def _details(data: dict[str, Any]) -> Iterable[str]:
    details = data["details"]
    if not details:
        return
    yield "<section id=\"lines\"><h2>Line by line</h2>"
    if data["details_omitted"]:
        yield (f"<p class=\"note\">Line-by-line detail for the first {_number(len(details))} documents; "
               f"{_number(data['details_omitted'])} more are counted in the totals only.</p>")
    for position, detail in enumerate(details):
        yield from _detail(detail, open_=position == 0)
    yield "</section>"


def _detail(detail: dict[str, Any], open_: bool) -> Iterable[str]:
    labels = detail["labels"]
    kept = labels.get("body", 0)
    lines = sum(labels.values())
    yield (f"<details class=\"document\" id=\"doc-{detail['index']}\"{' open' if open_ else ''}>"
           f"<summary>{_esc(detail['name'])} — {_number(kept)} of {_number(lines)} lines kept</summary>"
           "<dl class=\"meta\">")
    for key, value in (("URL", detail["url"]), ("site", detail["host"]), ("profile", detail["profile"] or "none (generic)"),
                       ("input", detail["format"]), ("language", detail["language"]), ("title", detail["title"])):
        if value:
            yield f"<dt>{key}</dt><dd>{_esc(value)}</dd>"
    yield "</dl>"
    yield from _count_table(f"stages-{detail['index']}", labels, detail["stages"])
    yield ("<table class=\"lines\"><colgroup><col class=\"n\"><col class=\"label\"><col class=\"stage\">"
           "<col class=\"reason\"><col class=\"text\"></colgroup><thead><tr><th class=\"num\">line</th><th>label</th>"
           "<th>stage</th><th>reason</th><th>text</th></tr></thead><tbody>")
    for line in detail["lines"]:
        label = line["label"] if line["label"] in COLOURS else "unknown"
        tip = f"line {line['line']}: {line['label']}, decided by {line['stage']} — {line['reason']}"
        yield (f"<tr class=\"l-{label}\" data-label=\"{_esc(line['label'])}\" title=\"{_esc(tip)}\">"
               f"<td class=\"num\">{line['line']}</td><td class=\"label\">{_esc(line['label'])}</td>"
               f"<td class=\"stage\">{_esc(line['stage'])}</td><td class=\"reason\">{_esc(line['reason'])}</td>"
               f"<td class=\"text\">{_esc(line['text'])}</td></tr>")
    yield "</tbody></table>"
    if detail["lines_omitted"]:
        yield (f"<p class=\"note\">{_number(detail['lines_omitted'])} more lines are counted above but not "
               "shown.</p>")
    yield "</details>"
