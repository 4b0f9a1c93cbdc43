"""The per-line text path in the native core: one call per document, Python objects only when asked.

For a text dump with no profile, the stages from ``features`` to ``repeats`` run in the core
(``TextPath.run``); their decisions come back as byte columns. The stages after them (``metadata``,
``finish``) run in Python on :class:`NativeLines`, which makes a :class:`~cleaner.document.Line` for a line
only when a stage, ``--explain`` or ``Article.decisions`` reads it. The Python stages stay the reference:
``bench/native_parity.py`` and ``tests/test_native_path.py`` compare the two cores line by line.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

from ..compat import TYPE_CHECKING
from ..document import (BODY, BOILERPLATE, LABELS, UNKNOWN, Article, Authority, CoreLines, Document, Line,
                        WordedReason, reason_text)
from . import Untranslatable, _default_native_book, core, measured_or_none, phrases_or_none
from . import rules
from ..pipeline import assemble_from
from ..stages import repeats, shapes
from ..stages.metadata import MetadataStage
from ..stages.context import (TAIL_BOX, TAIL_END_MATTER, TAIL_ISLANDS, TAIL_TEASERS, TAIL_TEASERS_SIGNAL, TAIL_TITLES,
                              TAIL_TITLES_SIGNAL, word_model_reason)
from ..stages.shapes import GALLERY_CREDITS
from ..textmodel import default_model

if TYPE_CHECKING:
    from typing import Any

#: Each detector's (signal, reason) by the core's name for it: the stages' own tables.
SHAPE_VERDICTS = {**shapes.VERDICTS, "repeats": repeats.VERDICT, "contents": repeats.CONTENTS_VERDICT}

#: The reason the core gives a line no stage decided, and the model's reasons: codes in the ``reason`` column.
_EMPTY = 0xFFFFFFFF
_MODEL = 1 << 31


class NativePath:
    """The core's text path and the names its numbers stand for (signals, reasons, stages)."""

    def __init__(self) -> None:
        from ..stages.phrases import _reason
        from ..textmodel.columns import SIGNALS

        native = core()
        if native is None:
            raise Untranslatable("no native core")
        book = _default_native_book()
        signals: list[str] = list(dict.fromkeys([*SIGNALS, *book.categories, *(s for s, _ in SHAPE_VERDICTS.values())]))
        code = {name: k + 1 for k, name in enumerate(signals)}
        reasons: list[str] = []
        reason_code: dict[str, int] = {}

        def reason(text: str) -> int:
            if text not in reason_code:
                reason_code[text] = len(reasons)
                reasons.append(text)
            return reason_code[text]

        hard = set(rules.phrase_rules()["hard"])
        phrase_verdicts = [(code[category], reason(_reason(category, how)), (category, how) in hard)
                           for category in book.categories for how in rules.HOW]
        shape_verdicts = {name: (code[signal], reason(text)) for name, (signal, text) in SHAPE_VERDICTS.items()}
        shapes = rules.shape_rules()
        shapes.update(related=code["related"], repeated=code["repeated"], comments=code["comments"],
                      gallery_credits=[code[signal] for signal in GALLERY_CREDITS])
        from ..stages.metadata import SCREENS

        columns = rules.column_rules(code)
        columns["tail_titles"] = (code[TAIL_TITLES_SIGNAL], reason(TAIL_TITLES))
        columns["tail_islands"] = reason(TAIL_ISLANDS)
        columns["tail_end_matter"] = reason(TAIL_END_MATTER)
        columns["tail_teasers"] = (code[TAIL_TEASERS_SIGNAL], reason(TAIL_TEASERS))
        columns["tail_box"] = reason(TAIL_BOX)
        self.finish_reason = "undecided, not article text"
        #: each of the metadata stage's screens by its place in ``metadata.SCREENS`` (the order the core has them)
        self.screens = {name: k for k, name in enumerate(SCREENS)}
        self.signals: tuple[str | None, ...] = (None, *signals)
        self.reasons = tuple(reasons)
        self.stages = ("", *rules.STAGES)
        self.path = native.text_path({
            "signal_count": len(signals), "book": book.book, "phrase_verdicts": phrase_verdicts,
            "overrule_words": rules.phrase_rules()["overrule_words"], "shape_verdicts": shape_verdicts,
            "shapes": shapes, "repeats": rules.repeat_rules(), "language": rules.language_rules(),
            "columns": columns, "stages": list(range(1, len(rules.STAGES) + 1)),
            "metadata": {**rules.metadata_rules(), "title_pick": rules.title_pick_rules(code)},
        })
        self._models: dict[int, tuple[Any, Any]] = {}
        #: what the core raises when it will not or cannot clean a text: the Python reference cleans it then
        self.refusals = _refusals()

    def run(self, text: str, url: str | None, models, first: int = 1, large: bool = False) -> Article:
        """Clean a dump (or a window of a pasted site) with the core (:func:`run_native`); raises one of
        :attr:`refusals` when the core will not or cannot (the caller then runs the Python reference)."""
        return run_native(self, text, url, models, first, large)

    def detect_language(self, texts: list[str]) -> tuple[str | None, bool] | None:
        """:func:`cleaner.language.detect` by the core, for lines the Python stages clean (an HTML page, a
        profiled dump): the same answer, its stoplist index built in milliseconds (the reference's takes
        ~250 ms on a process's first page not in English). None when the core refuses the lines (a lone
        surrogate): the reference answers then."""
        try:
            return self.path.detect_language(texts)
        except self.refusals:
            return None

    def measure_lines(self, texts: list[str], stoplist: frozenset[str], char_mode: bool):
        """The features stage's ``measure_lines`` for lines the Python stages clean (a profiled dump): the
        distinct texts measured in one call (``cleaner.native.Measures``), or None when the core refuses
        them (the reference measures then)."""
        return measured_or_none(texts, stoplist, char_mode)

    def classify_lines(self, texts: list[str], stoplist: frozenset[str], char_mode: bool):
        """The phrases stage's ``classify_lines`` for lines the Python stages clean (a profiled dump): each
        distinct text's shipped phrase in one call, or None when the core refuses them (the reference
        classifies then)."""
        return phrases_or_none(texts, stoplist, char_mode)

    def model(self, text_model) -> Any:
        """The core's copy of a :class:`~cleaner.textmodel.TextModel` (made once per model)."""
        known = self._models.get(id(text_model))
        if known is None or known[0] is not text_model:
            from .. import _native

            known = self._models[id(text_model)] = (text_model, _native.Model(rules.model_numbers(text_model)))
        return known[1]

    def reason(self, code: int, result, i: int, score: float, text_model) -> Any:
        """Line ``i``'s reason as the Python stages give it (a model's reason worded on demand)."""
        if code == _EMPTY:
            return ""
        if code & _MODEL:
            body = bool(code >> 8 & 1)
            despite = self.signals[code & 0xFF] if body else None
            return NativeModelReason(self, result, i, body, score, text_model, despite, bool(code >> 9 & 1),
                                     bool(code >> 10 & 1), bool(code >> 11 & 1))
        return self.reasons[code]


@lru_cache(maxsize=1)
def _path() -> tuple[NativePath | None, str]:
    try:
        return NativePath(), ""
    except (Untranslatable, ValueError) as error:
        return None, str(error)


def native_path() -> NativePath | None:
    """The core's text path, or None when the Python reference runs (no core, or rules it refused)."""
    return _path()[0]


class NativeModelReason(WordedReason):
    """``ModelReason`` for a line the core decided: its vector is made again when the reason is worded."""

    __slots__ = ("path", "result", "i", "body", "score", "model", "despite", "bridged", "listed", "headed")

    def __init__(self, path: NativePath, result, i: int, body: bool, score: float, model, despite,
                 bridged: bool = False, listed: bool = False, headed: bool = False) -> None:
        self.path, self.result, self.i = path, result, i
        self.body, self.score, self.model, self.despite, self.bridged = body, score, model, despite, bridged
        self.listed, self.headed = listed, headed

    def __str__(self) -> str:
        vector = self.result.vector(self.path.path, self.i)
        why = self.model.top_reasons(vector, self.body) if vector else []
        return word_model_reason(self.body, self.score, self.despite, self.bridged, self.listed, self.headed, why)


class NativeFeatures:
    """A line's measures from the core, under the names of :class:`~cleaner.stages.features.Features`."""

    __slots__ = ("words", "chars", "units", "stops", "sentences", "stop_ratio", "title_ratio", "alpha_ratio",
                 "digit_ratio", "ends_sentence", "ends_colon", "upper", "inner_dateline", "_result", "_i", "keys",
                 "_content")

    def __init__(self, result, i: int) -> None:
        counts, ratios, flags = result.measures(i)
        self.words, self.chars, self.units, self.stops, self.sentences = counts
        self.stop_ratio, self.title_ratio, self.alpha_ratio, self.digit_ratio = ratios
        self.ends_sentence, self.ends_colon, self.upper, self.inner_dateline = flags
        self._result, self._i, self.keys, self._content = result, i, None, None

    @property
    def content(self) -> tuple[str, ...]:
        """The line's topic words, asked of the core once (the metadata compares a header line's with the page
        title's more than once)."""
        content = self._content
        if content is None:
            content = self._content = tuple(self._result.content(self._i))
        return content


_AUTHORITIES = tuple(Authority)
#: The label column's code of a body line.
_BODY_CODE = bytes([LABELS.index(BODY)])


class LineView:
    """A line the core decided, as a stage reads it without changing it (:meth:`NativeLines.peek`): its text,
    label, authority, signal and measures, the values its :class:`Line` would have until a stage decides it."""

    __slots__ = ("text", "label", "authority", "signal", "_features", "_result", "_i")

    def __init__(self, lines: NativeLines, i: int) -> None:
        self.text = lines._text(i)
        self.label = LABELS[lines._label[i]]
        self.authority = _AUTHORITIES[lines._authority[i]]
        self.signal = lines.path.signals[lines._signal[i]]
        self._features: NativeFeatures | None = None
        self._result, self._i = lines.result, i

    @property
    def features(self) -> NativeFeatures:
        """The line's measures, asked of the core on first reading: of the header's lines the metadata stage
        reads, many are passed over on their label, authority or text alone."""
        features = self._features
        if features is None:
            features = self._features = NativeFeatures(self._result, self._i)
        return features


def _refusals() -> tuple[type[BaseException], ...]:
    from .. import _native
    from ..extension import refusals

    return refusals(_native)



class NativeLines(CoreLines):
    """A document's lines as the core left them; a :class:`Line` is made on first reading and kept."""

    def __init__(self, path: NativePath, result, text_model) -> None:
        self.path, self.result, self.model = path, result, text_model
        self.n = len(result)
        self.made: dict[int, Line] = {}
        #: the lines read (:meth:`peek`) and not made: most of the header's lines are read and left as they are
        self.seen: dict[int, LineView] = {}
        column = result.column
        self._label, self._authority, self._stage = column("label"), column("authority"), column("stage")
        self._signal, self._blank = column("signal"), column("blank_before")
        self._number = memoryview(column("number")).cast("I")
        self._reason = memoryview(column("reason")).cast("I")
        self._score = memoryview(column("score")).cast("d")
        #: the first body line that reads as prose, else the first body line (``metadata._header_end``)
        self.first_prose: int | None = result.first_prose
        self._texts: list[str] | None = None
        #: the screens' lines found, by (screen, start, stop) (:meth:`screened`) and by (screens, lines)
        #: (:meth:`screened_at`)
        self._screened: dict[tuple, Any] = {}

    def __len__(self) -> int:
        return self.n

    def __getitem__(self, i):
        try:
            return self.made[i]  # the stages read the header's few lines again and again
        except (KeyError, TypeError):
            pass
        if isinstance(i, slice):
            return [self[k] for k in range(*i.indices(self.n))]
        if i < 0:
            i += self.n
        line = self.made.get(i)
        if line is None:
            if not 0 <= i < self.n:
                raise IndexError("line index out of range")
            line = self.made[i] = self._make(i)
        return line

    def __iter__(self) -> Iterator[Line]:
        return map(self.__getitem__, range(self.n))

    def peek(self, i: int) -> Line | LineView:
        """Line ``i`` to be read, not changed: the Line if it is made, else a :class:`LineView` of it (kept), which
        costs less to make: the metadata stage reads some twenty lines of a header and relabels a few."""
        view = self.seen.get(i)    # (a line made is no longer seen: the two never hold the same line)
        if view is not None:
            return view
        line = self.made.get(i)
        if line is not None:
            return line
        if not 0 <= i < self.n:
            return self[i]
        view = self.seen[i] = LineView(self, i)
        return view

    def _text(self, i: int) -> str:
        known = self._texts   # the text the metadata stage already has, not a second copy of it
        return known[i] if known is not None and i < len(known) else self.result.text(i)

    def _make(self, i: int) -> Line:
        path = self.path
        seen = self.seen.pop(i, None)
        text = seen.text if seen is not None else self._text(i)
        line = Line(self._number[i], text, bool(self._blank[i]))
        line.label = LABELS[self._label[i]]
        line.authority = _AUTHORITIES[self._authority[i]]
        line.stage = path.stages[self._stage[i]]
        line.signal = path.signals[self._signal[i]]
        line.score = score = self._score[i]
        line.reason = path.reason(self._reason[i], self.result, i, score, self.model)
        line.features = (seen._features if seen is not None else None) or NativeFeatures(self.result, i)
        return line

    def last_body(self) -> int | None:
        """The last body line's index, from the label column (no Line made; a line made since and relabelled
        counts by its new label): where the metadata stage looks for a dateline at the article's foot."""
        labels, end = self._label, self.n
        while True:
            i = labels.rfind(_BODY_CODE, 0, end)
            if i < 0:
                return None
            line = self.made.get(i)
            if line is None or line.label == BODY:
                return i
            end = i

    def text(self, i: int) -> str:
        """Line ``i``'s text, without making the line: the metadata stage reads the lines at the article's foot
        for a dateline or a credit, and most are neither."""
        line = self.made.get(i)
        if line is not None:
            return line.text
        known = self._texts     # (as _text, written out: the stage asks it of a hundred lines a page)
        return known[i] if known is not None and i < len(known) else self.result.text(i)

    def signal(self, i: int) -> str | None:
        """Line ``i``'s signal, without making the line: the metadata stage asks it of lines it mostly skips."""
        line = self.made.get(i)
        return line.signal if line is not None else self.path.signals[self._signal[i]]

    def may_credit(self, start: int) -> list[int]:
        """``metadata._may_credit`` in the core: the index of each line from ``start`` on whose text the pattern
        ``metadata._MAY_CREDIT`` matches (``match``), read where the core holds the lines (no text copied)."""
        return self.result.may_credit(start)

    def screened(self, name: str, start: int, stop: int) -> list[int]:
        """``metadata._screened`` in the core: the index of each line of ``start``..``stop`` whose text the stage's
        screen ``name`` (``metadata.SCREENS``) matches (``match``), read where the core holds the lines; kept for
        the document (the stage asks a "By …" credit's of the whole page once a credit it weighs)."""
        key = (name, start, stop)
        found = self._screened.get(key)
        if found is None:
            found = self._screened[key] = self.result.screened([self.path.screens[name]], start, stop)[0]
        return found

    def screened_any(self, names: tuple[str, ...], start: int, stop: int) -> list[int]:
        """``metadata._screened_any`` in the core: the lines of ``start``..``stop`` that any of the screens
        ``names`` matches, in order (each line folded once for all of them)."""
        found = self.result.screened([self.path.screens[name] for name in names], start, stop)
        return sorted(set().union(*found))

    def screened_at(self, names: tuple[str, ...], at: list[int]) -> list[list[int]]:
        """``metadata._screened_at`` in the core: for each of the screens ``names``, the lines of ``at`` it matches,
        in the order given (each line folded once for all of them; no line outside ``at`` read); kept for the
        document (the stage screens the header's lines under its end, and its scan, more than once). The lists
        are shared: the caller reads them, never changes them."""
        key = (names, tuple(at))
        found = self._screened.get(key)
        if found is None:
            found = self._screened[key] = self.result.screened_at([self.path.screens[name] for name in names], at)
        return found

    def containing(self, needle: str, start: int, stop: int) -> list[int]:
        """The index of each line of ``start``..``stop`` whose text holds ``needle`` (``needle in text``), read
        where the core holds the lines (no text copied)."""
        return self.result.containing(needle, start, stop)

    def starting_with(self, prefixes: tuple[str, ...], start: int, stop: int) -> list[int]:
        """The index of each line of ``start``..``stop`` whose text opens with one of ``prefixes``
        (``text.startswith(prefixes)``), read where the core holds the lines (no text copied)."""
        return self.result.starting_with(list(prefixes), start, stop)

    def digit_lines(self, start: int, stop: int, max_words: int) -> list[int]:
        """``metadata._may_be_dated`` in the core: the index of each line of ``start``..``stop`` of at most
        ``max_words`` words whose text holds a decimal digit (``re``'s ``\\d``), in order, read where the core
        holds the lines (no text copied)."""
        return self.result.digit_lines(start, stop, max_words)

    def repeating_titles(self, titles: list[str], start: int, stop: int, threshold: float) -> list[int]:
        """``metadata._repeating`` in the core: the index of each line of ``start``..``stop`` that, in lower
        case, repeats one of the titles (equal, or difflib's ratio at ``threshold`` or over)."""
        return self.result.repeating_titles(titles, start, stop, threshold)

    def pick_titles(self, start: int, first: int, meta_lines: list[int], labels) -> tuple[int | None, int | None] | None:
        """``MetadataStage._pick_titles`` in the core: the window's headline and the anchored one, read where the
        core holds the lines (no Line, view or lower-case copy made for the header's lines). None where a line
        above ``first`` was made (a stage may have changed it since the core decided it: the reference picks)."""
        made = self.made
        if made and min(made) < first:
            return None
        return self.result.pick_titles(start, first, meta_lines, list(labels))

    def texts(self, stop: int | None = None) -> list[str]:
        """The lines' texts from the core (no Line made), at least the first ``stop`` (every line's without
        it; the list may hold more): the metadata stage compares the header's lines with the page title and
        reads few of them further, and none far under the header, so most lines' texts are never copied."""
        known = self._texts
        if known is None:
            known = self._texts = self.result.texts(stop)
        elif len(known) < self.n and (stop is None or len(known) < stop):
            # (a longer run asked for: the lines past those copied are copied, the others kept, not copied again;
            # a new list, as before: a caller's list stays as it was handed over)
            known = self._texts = known + self.result.texts(stop, len(known))
        return known

    def made_texts(self) -> list[str] | None:
        """The texts already copied from the core (:meth:`texts`), if any: the article's paragraphs take
        these, not second copies."""
        return self._texts

    def decisions(self) -> Iterator[tuple[str, str, str]]:
        """Every line's (label, stage, reason worded), a made line's as it stands; no Line made for the rest."""
        path, made, result, model = self.path, self.made, self.result, self.model
        reason = path.reason
        for i in range(self.n):
            line = made.get(i)
            if line is not None:
                yield line.label, line.stage, reason_text(line)
            else:
                yield (LABELS[self._label[i]], path.stages[self._stage[i]],
                       str(reason(self._reason[i], result, i, self._score[i], model)))

    def body_indices(self) -> list[int]:
        """The indices of the body lines as decided now (no Line made): where the metadata stage looks for the
        author's bio."""
        code = _LABEL_CODE[BODY]
        return [i for i, label in enumerate(self.labels()) if label == code]

    def labels(self) -> bytearray:
        """Every line's label code, as decided now (a line made since may have been relabelled)."""
        labels = bytearray(self._label)
        for i, line in self.made.items():
            labels[i] = _LABEL_CODE[line.label]
        return labels


_LABEL_CODE = {label: k for k, label in enumerate(LABELS)}


def run_native(path: NativePath, text: str, url: str | None, models, first: int = 1,
               large: bool = False) -> Article:
    """Clean one dump (or one window of a pasted site) with the core, then ``metadata`` and ``finish``. (What it
    calls is imported with the module, not here: a function's relative import costs 4-7 k instructions a call.)"""
    text_model = models.text if models.text is not None else default_model()
    result = path.path.run(text, path.model(text_model), first, large)
    lines = NativeLines(path, result, text_model)
    doc = Document(lines=lines, url=url, large=large)  # type: ignore[arg-type]
    doc.language, doc.char_mode, doc.models = result.language, result.char_mode, models
    doc.stage = "metadata"
    MetadataStage()(doc)
    doc.stage = "finish"
    labels = lines.labels()
    unknown = _LABEL_CODE[UNKNOWN]
    if unknown in labels:
        for i in [k for k, label in enumerate(labels) if label == unknown]:
            line = lines[i]
            if line.label == UNKNOWN:
                doc.decide(line, BOILERPLATE, path.finish_reason, Authority.SOFT)
        labels = lines.labels()
    doc.stage = ""
    paragraphs = result.texts_labelled(_LABEL_CODE[BODY], bytes(labels), lines.made_texts())
    return assemble_from(doc, paragraphs, labels.count(_LABEL_CODE[BOILERPLATE]))


#: What an article says besides its lines' decisions, compared between the cores.
ARTICLE_FIELDS = ("title", "byline", "date", "site", "language", "paragraphs", "dropped", "lines_in")


def path_differences(text: str, url: str | None = None) -> list[tuple[int, str, Any, Any]]:
    """Where the core's text path and the Python reference disagree on a dump: (line, what, core, Python).

    Every line's label, stage and reason, and the article's fields (line -1). An empty list is the contract.
    """
    from ..pipeline import run_text

    if native_path() is None:
        raise RuntimeError(f"no native text path ({_path()[1]})")
    mine, theirs = run_text(text, url=url, core=native_path()), run_text(text, url=url)
    found: list[tuple[int, str, Any, Any]] = []
    for field in ARTICLE_FIELDS:
        if getattr(mine, field) != getattr(theirs, field):
            found.append((-1, field, getattr(mine, field), getattr(theirs, field)))
    a, b = mine.decisions, theirs.decisions
    if len(a) != len(b):
        found.append((-1, "lines", len(a), len(b)))
    for i, (x, y) in enumerate(zip(a, b)):
        for field in ("number", "text", "label", "stage", "reason"):
            if getattr(x, field) != getattr(y, field):
                found.append((i, field, getattr(x, field), getattr(y, field)))
    return found
