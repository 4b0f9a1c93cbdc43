"""Rendering an Article: text, JSON, Markdown, and the ``--explain`` table."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator

from .document import BODY, Article, Decision

FORMATS = ("text", "json", "markdown")

#: Between the outputs of several inputs in the text formats (text, markdown, --explain): a line holding
#: only a form feed, which no article line is (lines are stripped, and a form feed is whitespace).
#: ``output.split("\f\n")`` gives one piece per input, empty for an input with no article or an error.
INPUT_SEPARATOR = "\f\n"


def render(article: Article, fmt: str = "text", with_metadata: bool = False) -> str:
    if fmt == "json":
        import json  # (here: a start that prints text does not import it)

        return json.dumps(article.to_dict(), ensure_ascii=False) + "\n"
    if fmt == "markdown":
        return to_markdown(article)
    return to_text(article, with_metadata)


def to_text(article: Article, with_metadata: bool = False) -> str:
    """Paragraphs with one blank line between them, as trafilatura prints."""
    return "".join(text_pieces(article, with_metadata))


def text_pieces(article: Article, with_metadata: bool = False) -> Iterator[str]:
    """The text format in pieces, to write a large article without joining it first."""
    parts: Iterable[str] = article.paragraphs
    if with_metadata:
        header = [f"{name}: {value}" for name, value in _metadata(article) if value]
        if header:
            parts = ["\n".join(header), *article.paragraphs]
    separator = ""
    for part in parts:
        yield separator
        yield part
        separator = "\n\n"
    if separator:
        yield "\n"


def to_markdown(article: Article) -> str:
    parts = []
    if article.title:
        parts.append(f"# {article.title}")
    details = " · ".join(value for name, value in _metadata(article) if value and name != "Title")
    if details:
        parts.append(f"*{details}*")
    parts.extend(_escape_markdown(p) for p in article.paragraphs)
    return "\n\n".join(parts) + "\n" if parts else ""


def _escape_markdown(paragraph: str) -> str:
    """Keep a paragraph that starts like Markdown syntax from turning into it."""
    if paragraph[:1] in "#>*+-=|" or paragraph[:2].rstrip(".").isdigit() and paragraph[1:3].startswith("."):
        return "\\" + paragraph
    return paragraph


def _metadata(article: Article) -> list[tuple[str, str | None]]:
    return [("Title", article.title), ("Byline", article.byline), ("Date", article.date), ("Site", article.site)]


def explain_json(article: Article) -> str:
    """``--explain --format json``: the ``--format json`` object plus ``lines``, every input line's decision
    (``line`` number, ``label``, the ``stage`` that decided it, the ``reason`` — its rule — and ``text``), as
    one JSON line."""
    record = article.to_dict()
    record["lines"] = [decision.to_dict() for decision in article.decisions]
    import json

    return json.dumps(record, ensure_ascii=False) + "\n"


def explain(article: Article, color: bool = False) -> str:
    """Every input line with its label and the stage and rule that decided it.

    The header line ends with how many lines each stage decided.
    """
    rows = []
    decisions = article.decisions
    width = max((len(d.reason) for d in decisions), default=10)
    width = min(max(width, 20), 60)
    stage_width = max((len(d.stage) for d in decisions), default=0)
    per_stage = ", ".join(f"{stage} {count}" for stage, count in _per_stage(decisions))
    rows.append(f"profile: {article.profile or 'none (generic)'}  language: {article.language or 'unknown'}  "
                f"kept {len(article.paragraphs)} of {len(decisions)} lines"
                + (f"  by stage: {per_stage}" if per_stage else ""))
    for d in decisions:
        label = d.label.upper() if d.label == BODY else d.label
        reason = d.reason if len(d.reason) <= width else d.reason[:width - 1] + "…"
        text = d.text if len(d.text) <= 100 else d.text[:99] + "…"
        line = f"{d.number:>5}  {label:<11} {d.stage:<{stage_width}}  {reason:<{width}}  {text}"
        if color:
            line = _paint(line, d.label)
        rows.append(line)
    return "\n".join(rows) + "\n"


def _per_stage(decisions: list[Decision]) -> list[tuple[str, int]]:
    """How many lines each stage decided, most first (boilerpipe's "did this filter change anything?")."""
    return sorted(Counter(d.stage for d in decisions).items(), key=lambda item: (-item[1], item[0]))


_COLORS = {"body": "\033[32m", "title": "\033[1;36m", "byline": "\033[36m", "date": "\033[36m", "boilerplate": "\033[2m"}


def _paint(text: str, label: str) -> str:
    return f"{_COLORS.get(label, '')}{text}\033[0m"
