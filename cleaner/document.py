"""The data that flows through the pipeline: lines, the document, the article.

A :class:`Document` is the input split into non-blank :class:`Line` objects.
Every stage labels lines (body, title, byline, date, boilerplate) and records
*why* in ``reason``; the pipeline stamps each decision with the stage that made
it, so ``--explain`` can show, for every input line, which stage and rule
decided it. Stages never delete or rewrite text: the
article is assembled from the lines' own text at the end, so every output
line comes from the input.
"""

from __future__ import annotations

from abc import abstractmethod
from array import array
from collections import namedtuple
from collections.abc import Callable, Iterable, Iterator, Sequence
from enum import IntEnum

from .compat import TYPE_CHECKING
from .models import SHIPPED, Models
from .records import field, record
from .site_evidence import HostTemplate

if TYPE_CHECKING:
    from typing import Any

# Labels. Plain strings keep the hot loops cheap and the JSON output readable.
BODY = "body"
TITLE = "title"
BYLINE = "byline"
DATE = "date"
BOILERPLATE = "boilerplate"
UNKNOWN = "unknown"
LABELS = (BODY, TITLE, BYLINE, DATE, BOILERPLATE, UNKNOWN)  # in the order reports show them
METADATA_LABELS = (TITLE, BYLINE, DATE)  # the labels of lines moved out of the body into the metadata


class Authority(IntEnum):
    """How strong a line's decision is, weakest first: the one order of precedence between stages.

    A decision replaces a line's decision only at the same authority or above
    (:meth:`Document.decide`), so a later stage never silently overrules an
    earlier, stronger one; the one exception is written there (final evidence
    from the text overrules the markup model's *body*). Stages read the order
    too: the text model weighs only what is below ``HARD``, and the text stages
    leave ``MARKUP`` and ``PROFILE`` lines alone.
    """

    NONE = 0     # undecided
    SOFT = 1     # a detector's evidence the model weighs, the model's own label, and what the later text
                 # stages decide (repeats, a profile's trusted region, the text's metadata, finish): a later
                 # stage may revise it
    HARD = 2     # a detector's final evidence (a hard phrase, a separator, a teaser carousel, a related
                 # box): the model may not overrule it
    MARKUP = 3   # the HTML markup model, and the page's title, byline and date found in the markup
    PROFILE = 4  # a site profile's rules: its text rules, its [html] selectors


class Line:
    """One non-blank input line and the decision about it.

    ``authority`` says how strong the decision is (:class:`Authority`) and
    ``stage`` which stage made it: only :meth:`Document.decide` changes a
    line's decision, and it keeps the order.
    ``score`` is the heuristic's belief that the line is body (0..1), kept so
    the context stage can revise weak decisions by their neighbours.
    ``signal`` names the kind of chrome a detector recognised (a phrase category
    or a shape), as evidence for later stages: a newsletter box ends an
    article, a menu inside a trusted article region is a list.
    ``markup`` carries evidence from HTML (tag, container, link density) when
    the input was HTML; it is ``None`` for text dumps.
    ``between_posts``: a comments phrase that stands between a forum's posts (a quote, a post's "Reply"),
    which the text model does not read as the page's end (the shapes stage's ``_posts``).
    """

    __slots__ = (
        "number", "text", "blank_before", "label", "reason", "authority", "stage", "score",
        "signal", "features", "vector", "markup", "between_posts",
    )

    def __init__(self, number: int, text: str, blank_before: bool = False) -> None:
        self.number = number          # 1-based line number in the input
        self.text = text              # stripped text, exactly as in the input
        self.blank_before = blank_before
        self.label = UNKNOWN
        self.reason: Any = ""         # a str, or a WordedReason worded on demand (reason_text(line))
        self.authority = Authority.NONE
        self.stage = ""               # the stage that decided the line (stamped by Document.decide)
        self.score = 0.5
        self.signal: str | None = None  # the chrome category a detector saw ("newsletter", "menu", ...)
        self.features: Any = None     # filled once by the features stage
        self.vector: list[float] | None = None  # the model's input, kept for --explain
        self.markup: Any = None
        self.between_posts = False

    def __repr__(self) -> str:  # pragma: no cover - debugging aid
        return f"Line({self.number}, {self.label!r}, {self.text[:40]!r})"


class WordedReason:
    """A reason worded only when someone reads it (:func:`reason_text`, as ``--explain`` does): wording a
    model's evidence for every line costs more than the cleaning. Subclasses keep what the wording reads,
    never the line itself (the line holds its reason: a cycle would keep every page alive until the
    garbage collector's next full pass)."""

    __slots__ = ()

    def word(self, line: Line) -> str:
        """The reason in words, for ``line`` (which holds it). A reason shared by many lines reads its
        line's own evidence here; the others word themselves (``str``)."""
        return str(self)

    def startswith(self, prefix) -> bool:  # reasons are compared as text in a few places
        return str(self).startswith(prefix)


def reason_text(line: Line) -> str:
    """Why ``line`` was decided, in words: its reason as a string, or worded now."""
    reason = line.reason
    return reason.word(line) if isinstance(reason, WordedReason) else str(reason)


def markup_body(line: Line) -> bool:
    """Did the HTML markup model label this line body? Unlike a profile's decision, final evidence from the
    text (a hard boilerplate phrase, a teaser carousel) may overrule it: the markup sees a prose block in the
    content column, the text shows chrome. Always False on text dumps."""
    return line.authority == Authority.MARKUP and line.label == BODY


def first_body(lines: list[Line], where: Callable[[Any], bool] | None = None) -> int | None:
    """The index of the first body line (whose measures pass ``where``, when given), or None.

    Where a page's header ends, for both of the metadata stage's strategies: the lines above the first
    body line of prose (:mod:`cleaner.lexicon` says what prose is) are where a title, byline and dateline sit.
    """
    for i, line in enumerate(lines):
        if line.label == BODY and (where is None or where(line.features)):
            return i
    return None


#: A document with more lines than this (a huge HTML page) is "large": the stages keep less per line
#: (no model input for --explain, no stored phrase keys, no memoised measures), so memory stays a
#: small multiple of the input. Ordinary dumps have a few hundred lines; each window of a pasted
#: site (below) is large too.
LARGE_DOCUMENT_LINES = 20_000
#: A text dump with more non-blank lines or characters than this is a whole site pasted into one
#: file (the largest page of the benchmark folders has 2,650 lines and 109 KB). The cleaner's
#: stages look for one article in a document; such a dump is cleaned in windows of about a page
#: instead, each as a document of its own, and only one window's lines are in memory at a time.
WHOLE_DUMP_LINES = 10_000
WHOLE_DUMP_CHARS = 512 * 1024
#: A window of a pasted site: at most this many non-blank lines and characters (a longer line is a
#: window of its own), ended at a blank line when one comes in its second half. On pages of the
#: benchmark folders joined into one dump, windows of 50 to 150 lines find each page's article better
#: than the whole dump cleaned as one document (see README, "Speed and memory").
WINDOW_LINES = 100
WINDOW_CHARS = 32 * 1024


class Window(namedtuple("Window", ["start", "end", "number", "raws"])):
    """One window of a text dump: ``text[start:end]`` split at newlines (``raws``, a list of str), the first
    one numbered ``number``.

    ``start`` and ``end`` (ints) count in the units of the dump the windows were cut from: characters of a
    str, bytes of its UTF-8 (:func:`dump_bytes`). (A :func:`~collections.namedtuple`, as the start's other
    tuples: ``typing.NamedTuple`` would import :mod:`typing`, see :data:`cleaner.compat.TYPE_CHECKING`.)"""

    __slots__ = ()


#: How a pasted site's str becomes the bytes its windows are cut from, and back: UTF-8, with any lone
#: surrogate (which a caller's str may hold) passed through, so decoding gives the same characters.
DUMP_ENCODING, DUMP_ERRORS = "utf-8", "surrogatepass"


def dump_bytes(text: str) -> bytes:
    """A pasted site's text as the bytes it is cleaned from (:func:`text_windows` takes either).

    Python stores a str at 4 bytes a character once it holds one character past U+FFFF (an emoji): a
    10 MB dump is 40 MB then. Its UTF-8 is 10 MB, and each window's lines are decoded as it is cut.
    """
    return text.encode(DUMP_ENCODING, DUMP_ERRORS)


def _decoded(piece: str | bytes) -> str:
    return piece.decode(DUMP_ENCODING, DUMP_ERRORS) if isinstance(piece, bytes) else piece


def whole_dump(text: str) -> list[str] | None:
    """The dump split at newlines (``text.split("\n")``) when it is one page, within WHOLE_DUMP_LINES
    and WHOLE_DUMP_CHARS; None for a pasted site (and only the lines up to the limits were cut out)."""
    if len(text) > WHOLE_DUMP_CHARS:
        return None
    if text.count("\n") < WHOLE_DUMP_LINES:
        return text.split("\n")  # nearly every dump: fewer lines than the limit, blank ones included
    raws, ends = _window_raws(text, 0, WHOLE_DUMP_LINES, WHOLE_DUMP_CHARS)
    return raws if ends and ends[-1] >= len(text) else None


def is_whole_dump(text: str) -> bool:
    """Whether the dump is one page (``whole_dump(text) is not None``), told without splitting it: the
    native core splits an ordinary dump itself, so a list of its lines made here would be thrown away."""
    if len(text) > WHOLE_DUMP_CHARS:
        return False
    if len(text) < WHOLE_DUMP_LINES or text.count("\n") < WHOLE_DUMP_LINES:
        return True  # (fewer characters than the line limit: fewer newlines too, none counted)
    return whole_dump(text) is not None


def text_windows(text: str | bytes, max_lines: int = WINDOW_LINES,
                 max_chars: int = WINDOW_CHARS) -> Iterator[Window]:
    """A pasted site as consecutive windows, each ended at a blank line when one comes in its second half.

    Only one window's lines are cut out of the text at a time, so a dump of millions of short lines
    never becomes a list of millions of strings. ``text`` is the dump or its :func:`dump_bytes` (the same
    windows and lines; offsets in bytes then).
    """
    start, number, size = 0, 1, len(text)
    while True:
        raws, ends = _window_raws(text, start, max_lines, max_chars)
        end = ends[-1] if ends else start
        if end < size:
            kept = _blank_cut(raws)
            del raws[kept:]
            end = ends[kept - 1] if kept else start
        following = number + len(raws)
        yield Window(start, end, number, raws)  # the caller may empty raws once it holds the lines
        if end >= size:
            return
        start, number = end, following


def _window_raws(text: str | bytes, start: int, max_lines: int, max_chars: int) -> tuple[list[str], list[int]]:
    """The lines from ``start`` until the limits (a first line longer than ``max_chars`` characters is
    taken whole), and the offset after each of them (after its newline; ``len(text)`` at the end)."""
    raws: list[str] = []
    ends: list[int] = []
    newline_mark = b"\n" if isinstance(text, bytes) else "\n"
    size, kept, chars = len(text), 0, 0
    while True:
        newline = text.find(newline_mark, start)  # type: ignore[arg-type]
        stop = size if newline < 0 else newline
        raw = _decoded(text[start:stop])
        if raws and chars + len(raw) > max_chars and start < size:  # (the empty line after a final newline is always taken)
            return raws, ends
        if raw.strip():
            kept += 1
            if kept > max_lines:
                return raws, ends
        raws.append(raw)
        chars += len(raw) + 1
        if newline < 0:
            ends.append(size)
            return raws, ends
        start = newline + 1
        ends.append(start)


def _blank_cut(raws: list[str]) -> int:
    """How many of a full window's ``raws`` it keeps: up to its last blank line if one comes in its
    second half (a page break of the pasted site, most likely), else all."""
    for i in range(len(raws) - 1, len(raws) // 2 - 1, -1):
        if not raws[i].strip():
            return i + 1
    return len(raws)


@record(eq=False)
class Document:
    """The input as lines, plus what the stages learn about it as a whole. (No ``__eq__``: nothing compares two.)"""

    lines: list[Line]
    source_format: str = "text"            # "text" or "html"
    url: str | None = None
    profile: Any = None                    # the matched Profile, or None
    language: str | None = None
    char_mode: bool = False                # measure in characters (CJK, Thai)
    language_index: Any = None             # who weighs every stoplist when the language is not plain
                                           # (language.detect's ``by_index``: the native core, if it runs)
    line_measures: Any = None              # who measures a page's lines in one call (the features
                                           # stage's ``measure_lines``: the native core, if it runs)
    line_phrases: Any = None               # who finds the shipped phrases in a page's lines in one call
                                           # (the phrases stage's ``classify_lines``: the native core)
    line_search: Any = None                # who searches a page's lines for one pattern in one call (the
                                           # markup rows' chrome phrases, html.features, and the shapes
                                           # stage's per-line matches: the native core)
    region: tuple[int, int] | None = None  # [start, end) indexes of the article
    meta: dict[str, str | None] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    models: Models = SHIPPED               # the text and markup models to score with (cleaner.models)
    stated: Any = None                     # HTML: what the page states about itself (html.evidence.PageMetadata)
    root: Any = None                       # HTML: the parsed page (its lxml root element)
    witness: Any = None                    # HTML: trafilatura's reading of a big page, read before it had
                                           # lines (html.evidence.Witness; cleaner.html.html_to_document)
    template: HostTemplate | None = None   # the host's template evidence (cleaner batch --learn-sites)
    stage: str = ""                        # the stage running now (set by pipeline.run): decisions carry it

    large: bool = False                    # keep less per line (see LARGE_DOCUMENT_LINES)

    def __post_init__(self) -> None:
        self.large = self.large or len(self.lines) > LARGE_DOCUMENT_LINES

    @classmethod
    def from_text(cls, text: str, url: str | None = None) -> "Document":
        """Split a text dump into non-blank lines, remembering block breaks."""
        return cls.from_raws(text.split("\n"), url=url)

    @classmethod
    def from_raws(cls, raws: list[str], url: str | None = None, first: int = 1, large: bool = False) -> "Document":
        """The non-blank lines of ``raws`` (the input split at newlines), the first numbered ``first``."""
        lines: list[Line] = []
        blank_before = False
        # A repeated line (a menu on every page of a pasted site) shares one string.
        shared: dict[str, str] = {}
        share = shared.setdefault
        for number, raw in enumerate(raws, first):
            stripped = raw.strip()
            if not stripped:
                blank_before = True
                continue
            lines.append(Line(number, share(stripped, stripped), blank_before))
            blank_before = False
        return cls(lines=lines, url=url, large=large)

    def __iter__(self) -> Iterator[Line]:
        return iter(self.lines)

    def __len__(self) -> int:
        return len(self.lines)

    def decide(self, line: Line, label: str, reason: Any, authority: Authority) -> bool:
        """Label ``line`` with ``reason``, unless a stronger stage decided it already; says whether it did.
        The decision is stamped with the stage running now (:attr:`stage`).

        A decision at the line's authority or above replaces the line's; a weaker one is refused. The one
        exception: a detector's final evidence (``HARD``) overrules the markup model's *body* and then
        stands in its place, at ``MARKUP`` (:func:`markup_body`): no later text stage may undo it, and a
        profile's decisions and the markup's boilerplate stay out of its reach.
        """
        if authority < line.authority:
            if authority != Authority.HARD or not markup_body(line):
                return False
            authority = Authority.MARKUP
        line.label = label
        line.reason = reason
        line.authority = authority
        line.stage = self.stage
        return True

    def condemn(self, line: Line, reason: Any, signal: str, authority: Authority = Authority.SOFT) -> bool:
        """Decide ``line`` is boilerplate, as a detector that recognised chrome of the kind ``signal``
        (the evidence later stages read: a newsletter box ends an article); says whether it did."""
        if not self.decide(line, BOILERPLATE, reason, authority):
            return False
        line.signal = signal
        return True


class CoreLines(Sequence):
    """A document's lines as the native core holds them (``cleaner.native.path.NativeLines``), where the Python
    reference has a list of :class:`Line`: besides each line, what the core found over all of them, for a stage to
    ask of it rather than read every line (the metadata stage's header end and its screens, no text copied out). A
    stage tells the two kinds apart by ``isinstance(lines, CoreLines)``; on a list it reads the lines itself."""

    #: the first body line that reads as prose, else the first body line (``metadata._header_end``)
    first_prose: int | None

    @abstractmethod
    def screened(self, name: str, start: int, stop: int) -> list[int]:
        """``metadata._screened``: the lines of ``start``..``stop`` whose text the screen ``name`` matches."""

    @abstractmethod
    def screened_any(self, names: tuple[str, ...], start: int, stop: int) -> list[int]:
        """``metadata._screened_any``: the lines of ``start``..``stop`` whose text one of the screens ``names``
        matches."""

    @abstractmethod
    def screened_at(self, names: tuple[str, ...], at: list[int]) -> list[list[int]]:
        """``metadata._screened_at``: for each of the screens ``names``, the lines of ``at`` whose text it matches."""


@record(frozen=True)
class Decision:
    """The public record of what happened to one input line: its label, the stage that decided it and why."""

    number: int
    text: str
    label: str
    reason: str
    stage: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"line": self.number, "label": self.label, "stage": self.stage, "reason": self.reason,
                "text": self.text}


class DecisionLog:
    """Every line's label, stage and reason, for a dump cleaned in windows, without an object per line.

    Per line it keeps one integer: the index of its (label, stage, reason) in a table of the distinct
    ones (a reason is worded when its window is done; a large document's reasons are few: shared
    strings, and model reasons giving the probability only; a reason names one stage). The line's
    number and text are found again in the dump, which the log keeps (a pasted site's UTF-8).
    """

    def __init__(self, text: str | bytes) -> None:
        """``text``: the dump the windows were cut from, as they were (a str, or its :func:`dump_bytes`)."""
        self.text = text
        self.windows: list[tuple[int, int, int, array]] = []   # (start, end, first number, codes)
        self.decisions: list[tuple[str, str, str]] = []
        self._index: dict[tuple[str, str, str], int] = {}

    def add(self, window: Window, lines: list[Line]) -> None:
        """Record the decisions of one window's lines."""
        self.add_decisions(window, ((line.label, line.stage, reason_text(line)) for line in lines))

    def add_decisions(self, window: Window, made: Iterable[tuple[str, str, str]]) -> None:
        """Record one window's decisions, given as (label, stage, reason) per line (the native core gives
        them without a Line per line)."""
        index, decisions = self._index, self.decisions
        codes = array("I")
        for decision in made:
            code = index.get(decision)
            if code is None:
                code = index[decision] = len(decisions)
                decisions.append(decision)
            codes.append(code)
        self.windows.append((window.start, window.end, window.number, codes))

    def __iter__(self) -> Iterator[Decision]:
        decisions = self.decisions
        for start, end, first, codes in self.windows:
            window = Document.from_raws(_decoded(self.text[start:end]).split("\n"), first=first)
            for line, code in zip(window.lines, codes):
                label, stage, reason = decisions[code]
                yield Decision(line.number, line.text, label, reason, stage)


@record
class Article:
    """What the cleaner returns: the body, its metadata, and every decision.

    ``decisions`` are worded on first access: most callers only want the
    body, and wording a model's reasons for every line costs more than the
    cleaning itself. Until then an article holds its paragraphs and, for an
    ordinary dump, its lines; for a pasted site cleaned in windows, the dump's
    text and one integer per line instead (:class:`DecisionLog`).
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
    _log: DecisionLog | None = field(default=None, repr=False, compare=False)  # a windowed dump's decisions
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
        """Every non-blank input line: its number, text, label, the stage that decided it and why."""
        if self._decisions is None:
            if self._log is not None:
                self._decisions = list(self._log)
            else:
                self._decisions = [Decision(line.number, line.text, line.label, reason_text(line), line.stage)
                                   for line in self._lines]
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
