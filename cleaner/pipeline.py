"""The one flow: a Document goes through the stages below, in this order.

Read it top to bottom like boilerpipe's extractor chain::

    features   measure each line once; detect the language
    site       the matched profile's template rules (decisions no later stage overrules)
    markup     HTML only: lines decided from the markup's evidence (only final text evidence overrules them)
    phrases    boilerplate language: cookies, newsletters, pleas, share rows
    shapes     chrome by shape: menus, headline lists, credits, link rows
    scoring    first pass: each line's P(body) from its evidence and its surroundings
    context    second pass: Viterbi over before → body ⇄ gap → after labels every line
    repeats    a body line that repeats text already kept is dropped
    region     with a profile: inside its region, what no rule condemned is body
    metadata   title, byline, dateline found before the text, moved out of it
    template   what the site prints on every page, dropped once the stages above have decided
               (a trust_region = false profile's rules; a host's lines counted by --learn-sites)
    finish     anything still undecided is not article text

Text dumps and HTML pages share every stage; HTML only adds evidence to lines.
A text dump too large to be one page (a whole site pasted into one file) goes
through the stages a window of about a page at a time (:func:`run_text`).
"""

from __future__ import annotations

from collections.abc import Sequence

from .compat import TYPE_CHECKING
from .document import (BODY, BOILERPLATE, Article, DecisionLog, Document, dump_bytes, is_whole_dump,
                       text_windows, whole_dump)
from .models import SHIPPED, Models
from .stages.context import ContextStage
from .stages.features import FeaturesStage
from .stages.finish import FinishStage
from .stages.markup import MarkupStage
from .stages.metadata import MetadataStage
from .stages.phrases import PhrasesStage
from .stages.region import RegionStage
from .stages.repeats import RepeatsStage
from .stages.scoring import ScoringStage
from .stages.shapes import ShapesStage
from .stages.site_rules import SiteRulesStage
from .stages.template import TemplateStage

if TYPE_CHECKING:
    from .stages import Stage


def default_stages() -> list[Stage]:
    """A fresh list of the stages, in the order they run (the list above)."""
    return [
        FeaturesStage(),
        SiteRulesStage(),
        MarkupStage(),
        PhrasesStage(),
        ShapesStage(),
        ScoringStage(),
        ContextStage(),
        RepeatsStage(),
        RegionStage(),
        MetadataStage(),
        TemplateStage(),
        FinishStage(),
    ]


STAGES = default_stages()


def run(doc: Document, stages: Sequence[Stage] | None = None) -> Article:
    """Run the stages over ``doc`` and assemble the article from its body lines.

    The document knows which stage is running, so every decision carries the stage that made it.
    """
    for stage in stages or STAGES:
        doc.stage = stage.name
        stage(doc)
    doc.stage = ""
    return assemble(doc)


def run_text(text: str, url: str | None = None, profile=None, models: Models = SHIPPED, template=None,
             core=None) -> Article:
    """Clean a text dump: whole when it is one page (every ordinary dump), else window by window.

    A pasted site (over WHOLE_DUMP_LINES or WHOLE_DUMP_CHARS) is cleaned a window of about a page at a
    time, each window as a document of its own, and only its lines are alive meanwhile: the article
    keeps the body lines, one small code per line for ``decisions`` (:class:`DecisionLog`) and the
    dump they came from (its UTF-8: :func:`dump_bytes`). Its metadata and language are the first
    window's (the first page's).

    ``template`` is the host's template evidence (:attr:`Document.template`), for every window.

    ``core``: the native core's text path (:func:`cleaner.native.path.native_path`, which the caller picks:
    the core sits above the pipeline). With it, no profile and no template evidence, the stages up to
    ``repeats`` run in the core, one call per document or window; else the Python reference runs (the
    parity checks compare them).
    """
    return run_handed_text([text], url, profile, models, template, core)


def run_handed_text(handed: list[str], url: str | None = None, profile=None, models: Models = SHIPPED,
                    template=None, core=None) -> Article:
    """:func:`run_text` on the dump ``handed`` over: a list holding only it, emptied here.

    When the caller keeps no other reference, a pasted site's str is let go once its UTF-8 is made: a
    10 MB dump holding one emoji is 40 MB as a str, 10 MB as UTF-8, and it is kept until the article is.
    """
    text = handed.pop()
    native = core is not None and profile is None and template is None
    if native and is_whole_dump(text):
        try:
            return core.run(text, url, models)
        except core.refusals:  # lone surrogates (no UTF-8), or a bug the core reports: the reference runs
            pass
    raws = whole_dump(text)
    if raws is not None:
        del text
        doc = Document.from_raws(raws, url=url)
        del raws
        doc.profile, doc.models, doc.template = profile, models, template
        doc.language_index = core.detect_language if core is not None else None
        doc.line_measures = core.measure_lines if core is not None else None
        doc.line_phrases = core.classify_lines if core is not None else None
        return run(doc)
    dump = dump_bytes(text)
    del text
    if native:
        try:
            return _native_windows(core, dump, url, models)
        except core.refusals:
            pass
    article: Article | None = None
    log = DecisionLog(dump)
    for window in text_windows(dump):
        doc = Document.from_raws(window.raws, url=url, first=window.number, large=True)
        del window.raws[:]  # the lines hold the text now
        doc.profile, doc.models, doc.template = profile, models, template
        doc.language_index = core.detect_language if core is not None else None
        doc.line_measures = core.measure_lines if core is not None else None
        doc.line_phrases = core.classify_lines if core is not None else None
        part = run(doc)
        log.add(window, part._lines)
        part._lines = []
        article = part if article is None else _join(article, part)
    assert article is not None  # a pasted site is more than one window
    article._log = log
    return article


def _native_windows(core, dump: bytes, url: str | None, models: Models) -> Article:
    """A pasted site's windows (cut from its UTF-8), each cleaned by the core in one call; raises one of
    ``core.refusals`` when the core will not or cannot clean one (the Python reference then cleans all)."""
    article: Article | None = None
    log = DecisionLog(dump)
    for window in text_windows(dump):
        part = core.run("\n".join(window.raws), url, models, first=window.number, large=True)
        del window.raws[:]
        log.add_decisions(window, part._lines.decisions())
        part._lines = []
        article = part if article is None else _join(article, part)
    assert article is not None
    article._log = log
    return article


def _join(article: Article, window: Article) -> Article:
    """The article so far, with a later window's body and counts added (its metadata is the first window's)."""
    article.paragraphs.extend(window.paragraphs)
    article.dropped += window.dropped
    article.lines_in += window.lines_in
    article.warnings.extend(w for w in window.warnings if w not in article.warnings)
    return article


def assemble(doc: Document) -> Article:
    paragraphs = [line.text for line in doc.lines if line.label == BODY]
    return assemble_from(doc, paragraphs, sum(1 for line in doc.lines if line.label == BOILERPLATE))


def assemble_from(doc: Document, paragraphs: list[str], dropped: int) -> Article:
    """The article of ``doc``, given its body lines' texts and how many lines were dropped."""
    meta = doc.meta
    return Article(
        paragraphs=paragraphs,
        title=meta.get("title"),
        byline=meta.get("byline"),
        date=meta.get("date"),
        site=meta.get("site"),
        profile=doc.profile.name if doc.profile is not None else None,
        language=doc.language,
        source_format=doc.source_format,
        dropped=dropped,
        lines_in=len(doc.lines),
        warnings=list(doc.warnings),
        _lines=doc.lines,
    )
