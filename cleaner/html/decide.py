"""The markup stage's work: gather the evidence, score every line, label it with its reasons.

Order of authority: a line a profile rule already decided stays decided;
then the profile's ``[html]`` selectors (drop, then the article container),
run first so that a page they decide whole costs neither the model nor
trafilatura; then the model, for the lines left. Its first ensemble reads the
page (every line, as context) from the markup alone; only when that
leaves a good share of the page's words in doubt is trafilatura asked for
its main text (if the page is within its limits, :func:`evidence.over_limits`),
and the lines are scored again by the second ensemble, which reads that
evidence too; a page in doubt that trafilatura could not read keeps the
first ensemble's scores, with a warning and a note in each line's reason.
Every line the profile left is decided, at the ``MARKUP`` authority. The
page's title, byline and date are the metadata stage's
(:mod:`cleaner.html.metadata`); the title is read first here, as the model
reads it too.
"""

from __future__ import annotations

from array import array
from operator import itemgetter
from typing import Iterator, Sequence

from ..caching import BoundedCache
from ..document import BODY, BOILERPLATE, Authority, Document, Line, WordedReason
from ..lexicon import is_prose_by_words
from . import evidence, is_page, model
from .features import MARKUP_NAMES, NAMES, PageRows
from .metadata import page_metadata
from .selectors import profile_decisions

_AT = {name: i for i, name in enumerate(NAMES)}


def decide_lines(doc: Document) -> None:
    if not is_page(doc):
        return
    root = doc.root   # None when no step below reads it (cleaner.html.let_go_of_tree)
    profile_decisions(doc, root)
    if all(line.authority >= Authority.PROFILE for line in doc.lines):
        return  # the profile decided the whole page: neither the model nor trafilatura is needed
    stated = page_metadata(doc, root)
    rows = page_rows(doc, root)
    scorer = model.model_for(doc)
    ensemble = scorer.markup
    facts, probabilities = _scored(ensemble, rows)
    alone = None           # in doubt, but decided from the markup alone: (the warning, each line's note)
    covered = None         # trafilatura's coverage of each line, when it was asked
    if scorer.in_doubt(doc.lines, probabilities):
        covered, alone = _witness(doc, root, stated)
        if covered is not None:
            ensemble = scorer.consulted
            facts, probabilities = _scored(ensemble, rows, covered)
        else:
            doc.warnings.append(f"decided from the markup alone: {alone[0]}")
    del rows
    threshold = ensemble.threshold
    note = alone[1] if alone is not None else None
    markup = Authority.MARKUP
    reason = MarkupReasons(doc.lines, facts, probabilities, threshold, note)
    for line, p in zip(doc.lines, probabilities):
        if line.authority >= markup:
            continue
        line.score = p
        doc.decide(line, BODY if p >= threshold else BOILERPLATE, reason, markup)
    if alone is None and not any(line.label == BODY for line in doc.lines):
        _keep_the_witness_text(doc, root, stated, covered)


#: When the model keeps no line of a page, the lines trafilatura's main text holds this much of are kept…
RESCUE_COVERAGE = 0.5
#: …on a page of this many words at least (fewer: a bare menu or an error page, not worth asking about).
RESCUE_MIN_WORDS = 50


def _keep_the_witness_text(doc: Document, root, stated: evidence.PageMetadata,
                           covered: "list[float] | None") -> None:
    """A page the model keeps nothing of (a forum thread or a listing, unlike the articles it learned
    from) is rarely empty: keep what trafilatura reads as its main text, the lines it holds at least
    :data:`RESCUE_COVERAGE` of. The text stages after still drop chrome among them (a detector's
    evidence overrules the markup's body)."""
    if covered is None:
        if sum(line.features.words for line in doc.lines) < RESCUE_MIN_WORDS:
            return
        covered, _ = _witness(doc, root, stated)
    if not covered:
        return
    reason = f"kept: the markup model kept no line, trafilatura's main text holds {RESCUE_COVERAGE:.0%} of it or more"
    for line, share in zip(doc.lines, covered):
        if share >= RESCUE_COVERAGE and isinstance(line.reason, MarkupReasons):   # the model's, not metadata's
            doc.decide(line, BODY, reason, Authority.MARKUP)


def _witness(doc: Document, root, stated: evidence.PageMetadata) -> "tuple[list[float] | None, tuple[str, str] | None]":
    """trafilatura's coverage of the page's lines, or ``None`` and why it was not had: the warning, and
    the note each line's reason gets (the page is over its limits, or it failed). A big page over the limits
    knows it from before it had lines (:func:`cleaner.html.html_to_document`)."""
    witness = doc.witness if doc.witness is not None else evidence.read_witness(root, doc.url, stated)
    if witness.refusal is not None:
        return None, (witness.refusal, "trafilatura not asked: page over its limits")
    if witness.failure is not None:
        return None, (witness.failure, "trafilatura failed")
    return witness.coverage_of(doc.lines), None


#: The columns of a row that a reason quotes (:func:`_evidence_for`); with trafilatura's, its coverage too.
_QUOTED = ("in_top_candidate", "repeated_before", "coverage")
_QUOTE_MARKUP = itemgetter(*(_AT[name] for name in _QUOTED[:2]))
_QUOTE_CONSULTED = itemgetter(*(_AT[name] for name in _QUOTED))


def _scored(ensemble: model.Ensemble, rows: PageRows,
            covered: "list[float] | None" = None) -> tuple[list[tuple[float, ...]], list[float]]:
    """Each line's columns its reason quotes, and its probability by ``ensemble`` (reading trafilatura's
    ``covered`` too, when given): the rows assembled by the native core when its trees score, else each
    row built in Python (the reference; the same rows, the same probabilities): on a page too big for the
    core's columns (:attr:`PageRows.native_fits`), each row is made as it is scored and not kept."""
    if ensemble.native is not None and rows.native_fits:
        shared = _shared_facts.shared
        return list(map(shared, rows.quoted(covered))), ensemble.page_probabilities(rows, covered)
    facts: list[tuple[float, ...]] = []
    read = rows.markup() if covered is None else rows.consulted(covered)
    return facts, ensemble.probabilities(_quoting(read, facts))


def _quoting(rows: Iterator[list[float]], facts: list[tuple[float, ...]]) -> Iterator[list[float]]:
    """The rows, as they are scored, keeping of each only the columns its reason quotes: the rows
    themselves are not kept (on a big page they would be most of the cleaner's memory)."""
    width = len(MARKUP_NAMES)
    shared = _shared_facts.shared
    for row in rows:
        facts.append(shared(_QUOTE_MARKUP(row) if len(row) == width else _QUOTE_CONSULTED(row)))
        yield row


#: Each distinct tuple of quoted columns once: most lines quote the same few ((0.0, 0.0): not in the
#: densest block, not repeated), and a tuple of floats kept by each line's reason was 100 bytes a line.
_shared_facts = BoundedCache(4096)


class MarkupReasons(WordedReason):
    """The markup model's reasons for a page's lines, one object the page's lines share:
    ``body 0.97 — <p>, in class/id 'content'``, worded from the line when read (its markup and features)
    and from its row's probability and columns in :data:`_QUOTED`, kept here by row (the line's number:
    a page's lines are numbered in order from 1). An object per line was some 100 bytes a line of a menu
    page. ``note`` says why a page in doubt was decided without trafilatura."""

    __slots__ = ("facts", "p", "threshold", "note")

    def __init__(self, lines: list[Line], facts: list[tuple[float, ...]], probabilities: Sequence[float],
                 threshold: float, note: str | None = None) -> None:
        if any(line.number != row for row, line in enumerate(lines, 1)):
            raise ValueError("a page's lines are numbered in order from 1")
        self.facts, self.p, self.threshold, self.note = facts, array("d", probabilities), threshold, note

    def word(self, line: Line) -> str:
        row = line.number - 1
        p = self.p[row]
        body = p >= self.threshold
        worded = f"{'body' if body else 'not body'} {p:.2f} — {_evidence_for(line, self.facts[row], body=body)}"
        return f"{worded} (markup alone: {self.note})" if self.note else worded

    def __str__(self) -> str:
        raise TypeError("the markup model's reasons are worded per line: reason_text(line)")


def page_rows(doc: Document, root) -> PageRows:
    """The page's feature rows, made as they are read (the page's title is one of their features: it is
    read first, :func:`cleaner.html.metadata.page_metadata`)."""
    page_metadata(doc, root)
    return PageRows(doc.lines, doc.meta.get("title"), doc.line_search)


def page_evidence(doc: Document, root) -> list[list[float]]:
    """:func:`page_rows`, each line's markup row in a list.

    The training script calls this and :func:`trafilatura_coverage` too, so the
    model learns from exactly what it will see.
    """
    return list(page_rows(doc, root).markup())


def trafilatura_coverage(doc: Document, root) -> list[float]:
    """How much of each line trafilatura's main text keeps (:class:`evidence.WitnessFailed` if it fails)."""
    return evidence.coverage(doc.lines, evidence.main_text(root, doc.url))


def _evidence_for(line: Line, quoted: Sequence[float], body: bool) -> str:
    """The facts behind a decision that point its way, strongest kinds first (at most three).

    ``quoted``: the row's columns named in :data:`_QUOTED` (trafilatura's coverage only if it was asked).
    """
    m = line.markup
    facts: list[str] = []
    in_top, repeated_before = quoted[0], quoted[1]
    consulted = len(quoted) > 2
    covered = consulted and quoted[2] >= 0.5
    if body:
        if covered:
            facts.append("in trafilatura's main text")
        if m.heading:
            facts.append(f"<h{m.heading}>")
        elif m.tag in ("p", "li", "blockquote", "pre", "td", "dd"):
            facts.append(f"<{m.tag}>")
        content = _first_word(m.near | m.far, positive=True)
        if content:
            facts.append(f"in class/id '{content}'")
        if in_top:
            facts.append("in the densest prose block")
        if is_prose_by_words(line.features):
            facts.append("sentence prose")
    else:
        containers = [c for c in ("nav", "header", "footer", "aside", "form", "figure", "dialog", "menu")
                      if c in m.containers]
        if containers:
            facts.append(f"inside <{containers[0]}>")
        negative = _first_word(m.near, positive=False)
        if negative:
            facts.append(f"class/id '{negative}'")
        if m.hidden:
            facts.append("hidden")
        if repeated_before >= 0.8:
            facts.append("repeats text above")
        density = m.link_chars / max(1, len(line.text))
        if density >= 0.5:
            facts.append(f"link text {density:.0%}")
        if consulted and not covered:
            facts.append("not in trafilatura's main text")
    return ", ".join(facts[:3]) or ("the model's reading of its context" if body else "no evidence of article text")


_word_cache = BoundedCache(20_000)


def _first_word(words: frozenset[str], positive: bool) -> str | None:
    """The first (alphabetically) region word naming content (``positive``) or chrome, for a reason."""
    key = (words, positive)
    if key not in _word_cache:
        from .words import category

        wanted = [w for w in words if category(w) == "content"] if positive else \
            [w for w in words if category(w) not in (None, "content", "lede", "headline")]
        _word_cache[key] = min(wanted) if wanted else None
    return _word_cache[key]

