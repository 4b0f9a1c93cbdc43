"""The data that flows through the pipeline: lines, the document, the article.

A :class:`Document` is the input split into non-blank :class:`Line` objects.
Every stage labels lines (body, title, byline, date, boilerplate) and records
*why* in ``reason`` (``"stage: rule"``), so ``--explain`` can show, for every
input line, which rule decided it. Stages never delete or rewrite text: the
article is assembled from the lines' own text at the end, so every output
line comes from the input.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterator

# Labels. Plain strings keep the hot loops cheap and the JSON output readable.
BODY = "body"
TITLE = "title"
BYLINE = "byline"
DATE = "date"
BOILERPLATE = "boilerplate"
UNKNOWN = "unknown"
METADATA_LABELS = (TITLE, BYLINE, DATE)
LABELS = (BODY, TITLE, BYLINE, DATE, BOILERPLATE, UNKNOWN)


class Line:
    """One non-blank input line and the decision about it.

    ``firm`` marks a decision a later heuristic must not overturn (a site
    rule, or a metadata line); heuristics only label lines that are not firm.
    ``score`` is the heuristic's belief that the line is body (0..1), kept so
    the context stage can revise weak decisions by their neighbours.
    ``signal`` names the kind of chrome a detector recognised (a phrase category
    or a shape), as evidence for later stages: a newsletter box ends an
    article, a menu inside a trusted article region is a list.
    ``markup`` carries evidence from HTML (tag, container, link density) when
    the input was HTML; it is ``None`` for text dumps.
    """

    __slots__ = (
        "number", "text", "blank_before", "label", "reason", "firm", "score",
        "signal", "hard", "features", "vector", "markup",
    )

    def __init__(self, number: int, text: str, blank_before: bool = False) -> None:
        self.number = number          # 1-based line number in the input
        self.text = text              # stripped text, exactly as in the input
        self.blank_before = blank_before
        self.label = UNKNOWN
        self.reason: Any = ""         # a str, or an object worded on demand (str(reason))
        self.firm = False
        self.score = 0.5
        self.signal: str | None = None  # the chrome category a detector saw ("newsletter", "menu", ...)
        self.hard = False               # the detector's evidence is final: the model may not overrule it
        self.features: Any = None     # filled once by the features stage
        self.vector: list[float] | None = None  # the model's input, kept for --explain
        self.markup: Any = None

    def mark(self, label: str, reason: str, firm: bool = False) -> None:
        """Label this line; a firm decision is never overwritten by a soft one."""
        if self.firm and not firm:
            return
        self.label = label
        self.reason = reason
        self.firm = self.firm or firm

    @property
    def decided(self) -> bool:
        return self.label != UNKNOWN

    def __repr__(self) -> str:  # pragma: no cover - debugging aid
        return f"Line({self.number}, {self.label!r}, {self.text[:40]!r})"


class WordedReason:
    """A reason worded only when someone reads it (``str(reason)``, as ``--explain`` does): wording a
    model's evidence for every line costs more than the cleaning. Subclasses keep what the wording reads,
    never the line itself (the line holds its reason: a cycle would keep every page alive until the
    garbage collector's next full pass)."""

    __slots__ = ()
    from_markup = False  # True for the HTML markup model's reasons (see markup_body)

    def startswith(self, prefix) -> bool:  # reasons are compared as text in a few places
        return str(self).startswith(prefix)


def markup_body(line: Line) -> bool:
    """Did the HTML markup model label this line body? Unlike a profile rule's firm decision, final
    evidence from the text (a hard boilerplate phrase, a teaser carousel) may overrule it: the markup
    sees a prose block in the content column, the text shows chrome. Always False on text dumps."""
    return line.label == BODY and isinstance(line.reason, WordedReason) and line.reason.from_markup


#: A document with more lines than this (a whole site pasted into one file) is "large": the
#: stages keep less per line (no model input for --explain, no stored phrase keys), so memory
#: stays a small multiple of the input. Ordinary dumps have a few hundred lines.
LARGE_DOCUMENT_LINES = 20_000


@dataclass
class Document:
    """The input as lines, plus what the stages learn about it as a whole."""

    lines: list[Line]
    source_format: str = "text"            # "text" or "html"
    url: str | None = None
    profile: Any = None                    # the matched Profile, or None
    language: str | None = None
    char_mode: bool = False                # measure in characters (CJK, Thai)
    total_lines: int = 0                   # input lines including blank ones
    region: tuple[int, int] | None = None  # [start, end) indexes of the article
    meta: dict[str, str | None] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    model: Any = None                      # the text model to use (None: the shipped one)

    @classmethod
    def from_text(cls, text: str, url: str | None = None) -> "Document":
        """Split a text dump into non-blank lines, remembering block breaks."""
        lines: list[Line] = []
        blank_before = False
        number = 0
        # A repeated line (a menu on every page of a pasted site) shares one string.
        shared: dict[str, str] = {}
        share = shared.setdefault
        for number, raw in enumerate(text.split("\n"), 1):
            stripped = raw.strip()
            if not stripped:
                blank_before = True
                continue
            lines.append(Line(number, share(stripped, stripped), blank_before))
            blank_before = False
        return cls(lines=lines, url=url, total_lines=number)

    def __iter__(self) -> Iterator[Line]:
        return iter(self.lines)

    def __len__(self) -> int:
        return len(self.lines)

    def undecided(self) -> Iterator[Line]:
        return (line for line in self.lines if not line.firm)


@dataclass(frozen=True)
class Decision:
    """The public record of what happened to one input line."""

    number: int
    text: str
    label: str
    reason: str

    def to_dict(self) -> dict[str, Any]:
        return {"line": self.number, "label": self.label, "reason": self.reason, "text": self.text}


@dataclass
class Article:
    """What the cleaner returns: the body, its metadata, and every decision.

    ``decisions`` are worded on first access: most callers only want the
    body, and wording a model's reasons for every line costs more than the
    cleaning itself.
    """

    paragraphs: list[str]
    title: str | None = None
    byline: str | None = None
    date: str | None = None
    site: str | None = None
    profile: str | None = None
    language: str | None = None
    source_format: str = "text"
    dropped: int = 0               # lines removed as boilerplate (metadata lines are moved, not dropped)
    lines_in: int = 0              # non-blank input lines
    warnings: list[str] = field(default_factory=list)
    _lines: list[Line] = field(default_factory=list, repr=False, compare=False)
    _decisions: list[Decision] | None = field(default=None, repr=False, compare=False)
    _body: str | None = field(default=None, repr=False, compare=False)

    @property
    def body(self) -> str:
        """The paragraphs with a blank line between them.

        Joined on first access: a caller that streams the paragraphs (the CLI)
        never holds a second copy of a large article.
        """
        if self._body is None:
            self._body = "\n\n".join(self.paragraphs)
        return self._body

    @property
    def decisions(self) -> list[Decision]:
        """Every non-blank input line: its number, text, label and the reason for it."""
        if self._decisions is None:
            self._decisions = [Decision(line.number, line.text, line.label, str(line.reason)) for line in self._lines]
        return self._decisions

    @property
    def empty(self) -> bool:
        return not self.paragraphs

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape printed by ``--format json``."""
        return {
            "title": self.title,
            "byline": self.byline,
            "date": self.date,
            "site": self.site,
            "profile": self.profile,
            "body": self.body,
            "paragraphs": list(self.paragraphs),
            "dropped": self.dropped,
            "language": self.language,
        }
