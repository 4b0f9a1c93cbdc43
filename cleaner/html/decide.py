"""The markup stage's work: gather the evidence, score every line, label it with its reasons.

Order of authority: a line a profile rule already decided stays decided;
then the profile's ``[html]`` selectors (drop, then the article container);
then the model. Its first ensemble reads the markup alone; only when that
leaves a good share of the page's words in doubt is trafilatura asked for
its main text (if the page is within its limits, :func:`evidence.over_limits`),
and the lines are scored again by the second ensemble, which reads that
evidence too; a page in doubt that trafilatura could not read keeps the
first ensemble's scores, with a warning and a note in each line's reason.
A decision is firm unless its probability is within ``undecided_band`` of
the threshold, in which case the text stages decide. Lines in the header that state the page's title, byline
or date are labelled as such; the date is the header's dateline where it
shows one (htmldate's reading of the whole page only where it does not), and
the byline, where the meta tags name no author, a name in an author element.
"""

from __future__ import annotations

import re
from operator import itemgetter
from typing import Iterator, Sequence

from ..caching import BoundedCache
from ..dates import parse_date
from ..document import BODY, BOILERPLATE, BYLINE, DATE, TITLE, Document, Line, WordedReason
from ..language import stopwords
from ..stages.metadata import BYLINE_PREFIX
from . import evidence, model
from .features import MARKUP_NAMES, NAMES, PageRows, region_categories
from .selectors import profile_decisions

_AT = {name: i for i, name in enumerate(NAMES)}


def decide_lines(doc: Document, undecided_band: float = 0.0) -> None:
    from . import page_root

    root = page_root(doc)
    if root is None:
        return
    stated = evidence.metadata(root, doc.url)
    rows = page_rows(doc, root, stated)
    scorer = model.model_for(doc)
    ensemble = scorer.markup
    facts: list[tuple[float, ...]] = []
    probabilities = ensemble.probabilities(_quoting(rows.markup(), facts))
    alone = None           # in doubt, but decided from the markup alone: (the warning, each line's note)
    if scorer.in_doubt(doc.lines, probabilities):
        covered, alone = _witness(doc, root, stated)
        if covered is not None:
            ensemble = scorer.consulted
            facts = []
            probabilities = ensemble.probabilities(_quoting(rows.consulted(covered), facts))
        else:
            doc.warnings.append(f"decided from the markup alone: {alone[0]}")
    del rows
    profile_decisions(doc, root)
    threshold = ensemble.threshold
    note = alone[1] if alone is not None else None
    for line, quoted, p in zip(doc.lines, facts, probabilities):
        if line.firm:
            continue
        line.score = p
        if abs(p - threshold) < undecided_band:
            continue
        body = p >= threshold
        line.mark(BODY if body else BOILERPLATE, MarkupReason(line, quoted, p, body, note), firm=True)
    _metadata_lines(doc, stated)


def _witness(doc: Document, root, stated: evidence.PageMetadata) -> "tuple[list[float] | None, tuple[str, str] | None]":
    """trafilatura's coverage of the page's lines, or ``None`` and why it was not had: the warning, and
    the note each line's reason gets (the page is over its limits, or it failed)."""
    over = evidence.over_limits(root)
    if over is not None:
        return None, (over, "trafilatura not asked: page over its limits")
    stated.date()        # htmldate reads meta tags and scripts, which trafilatura's main text strips
    try:
        return trafilatura_coverage(doc, root), None
    except evidence.WitnessFailed as failure:
        return None, (str(failure), "trafilatura failed")


#: The columns of a row that a reason quotes (:func:`_evidence_for`); with trafilatura's, its coverage too.
_QUOTED = ("in_top_candidate", "repeated_before", "coverage")
_QUOTE_MARKUP = itemgetter(*(_AT[name] for name in _QUOTED[:2]))
_QUOTE_CONSULTED = itemgetter(*(_AT[name] for name in _QUOTED))


def _quoting(rows: Iterator[list[float]], facts: list[tuple[float, ...]]) -> Iterator[list[float]]:
    """The rows, as they are scored, keeping of each only the columns its reason quotes: the rows
    themselves are not kept (on a big page they would be most of the cleaner's memory)."""
    width = len(MARKUP_NAMES)
    for row in rows:
        facts.append(_QUOTE_MARKUP(row) if len(row) == width else _QUOTE_CONSULTED(row))
        yield row


class MarkupReason(WordedReason):
    """``markup: body 0.97 — <p>, in class/id 'content'``: keeps what the wording reads of the line
    (its text, markup and features, the row's columns in :data:`_QUOTED`), not the line; ``note`` says
    why a page in doubt was decided without trafilatura."""

    __slots__ = ("text", "markup", "features", "facts", "p", "body", "note")
    from_markup = True  # text evidence may overrule it (cleaner.document.markup_body)

    def __init__(self, line: Line, facts: tuple[float, ...], p: float, body: bool, note: str | None = None) -> None:
        self.text, self.markup, self.features = line.text, line.markup, line.features
        self.facts, self.p, self.body, self.note = facts, p, body, note

    def __str__(self) -> str:
        label = "body" if self.body else "not body"
        worded = f"markup: {label} {self.p:.2f} — {_evidence_for(self, self.facts, body=self.body)}"
        return f"{worded} (markup alone: {self.note})" if self.note else worded


def page_rows(doc: Document, root, stated: "evidence.PageMetadata | None" = None) -> PageRows:
    """Fill the page's title, byline and site name (where no profile rule did) and return the page's
    feature rows, made as they are read (``stated``: the page's metadata, if already read; the date is
    left for later)."""
    if stated is None:
        stated = evidence.metadata(root, doc.url)
    found = {"title": evidence.headline(doc.lines, stated.title), "byline": stated.byline, "site": stated.site}
    for key, value in found.items():
        if value and not doc.meta.get(key):
            doc.meta[key] = value
    return PageRows(doc.lines, doc.meta.get("title"))


def page_evidence(doc: Document, root, stated: "evidence.PageMetadata | None" = None) -> list[list[float]]:
    """:func:`page_rows`, each line's markup row in a list.

    The training script calls this and :func:`trafilatura_coverage` too, so the
    model learns from exactly what it will see.
    """
    return list(page_rows(doc, root, stated).markup())


def trafilatura_coverage(doc: Document, root) -> list[float]:
    """How much of each line trafilatura's main text keeps (:class:`evidence.WitnessFailed` if it fails)."""
    return evidence.coverage(doc.lines, evidence.main_text(root, doc.url))


def _evidence_for(line: "Line | MarkupReason", quoted: Sequence[float], body: bool) -> str:
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
        if line.features.ends_sentence and line.features.words >= 8:
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

        wanted = [w for w in words if (category(w) or _ROLE_CONTENT.get(w)) == "content"] if positive else \
            [w for w in words if category(w) not in (None, "content", "lede", "headline")]
        if len(_word_cache) > 20_000:
            _word_cache.clear()
        _word_cache[key] = min(wanted) if wanted else None
    return _word_cache[key]


_ROLE_CONTENT = {"main": "content", "article": "content", "articlebody": "content"}


def _metadata_lines(doc: Document, stated: evidence.PageMetadata) -> None:
    """The page's title, byline and date, where the page shows them above the text, are metadata, not body.

    Only the header — the lines before the first kept sentence of prose — is
    searched, and only for what the page's metadata names: a line equal to
    the title (or an ``<h1>`` the title starts with), a short line naming the
    author, a short line stating the publication date. Where the meta tags
    name no author, a name in an author/byline element (:func:`_byline_in_markup`)
    is the byline, and its line too when it is in the header or just under it.
    """
    meta = doc.meta
    header = _header(doc)
    date_reason = "markup: states the page's date (meta tags)"
    if not meta.get("date"):
        # Its line is labelled in the loop below, where a byline naming the date too stays a byline.
        meta["date"] = _dateline(header)
        if meta["date"]:
            date_reason = "markup: the page's dateline (the first date in its header)"
        else:
            meta["date"] = stated.date()
    if not meta.get("byline"):
        named = _byline_in_markup(doc.lines, stopwords(doc.language))
        if named is not None:
            at, meta["byline"] = named
            if at < len(header) + _AFTER_HEADER:
                doc.lines[at].mark(BYLINE, "markup: the author's name, in an author/byline element", firm=True)
    title, author, date = _normal(meta.get("title")), _normal(meta.get("byline")), meta.get("date")
    found: set[str] = set()
    for line in header:
        if _profile_decided(line):
            continue
        text, words = _normal(line.text), line.features.words
        if "title" not in found and title and (text == title or line.markup.heading == 1 and title.startswith(text)):
            line.mark(TITLE, "markup: the page's title (meta tags)", firm=True)
            found.add("title")
        elif "byline" not in found and author and author in text and words <= 12:
            line.mark(BYLINE, "markup: names the page's author (meta tags)", firm=True)
            found.add("byline")
        elif "date" not in found and date and words <= _DATELINE_WORDS and parse_date(line.text) == date:
            line.mark(DATE, date_reason, firm=True)
            found.add("date")


def _dateline(header: Sequence[Line]) -> str | None:
    """The date (ISO) the first short line of the header states; ``None`` if none does.

    Preferred to htmldate's reading of the whole page: on wcxb-dev-articles it is right more often (the
    date under the headline is the one the page shows its readers), and htmldate need not run.
    """
    for line in header:
        if _profile_decided(line) or line.features.words > _DATELINE_WORDS:
            continue
        found = parse_date(line.text)
        if found:
            return found
    return None


def _profile_decided(line: Line) -> bool:
    """A profile rule (or a metadata label given above) decided the line: the markup's metadata labels
    leave it alone."""
    return line.firm and not isinstance(line.reason, MarkupReason)


#: A dateline is this short ("Published 5 May 2025, 10:42").
_DATELINE_WORDS = 10


#: Region words naming an author's element (``class="author"``, ``c-byline__name``, ``post-writer``…).
_AUTHOR_WORDS = frozenset({"author", "authors", "byline", "writer", "contributor"})
#: "by" after a date or a verb, the name after it.
_BY_INSIDE = re.compile(r"\S\s+(?:by|von|par|por|door)\s+(?P<name>\S.*)$", re.I)
#: What follows the name on the same line: a date or a role after a separator.
_AFTER_NAME = re.compile(r"\s*(?:[|·•,]|\s[-–—]\s).*$")
#: A person's name: two to five capitalised words (particles allowed).
_PERSON = re.compile(r"^[^\W\d_][\w’'.-]*(?:\s+(?:[^\W\d_][\w’'.-]*)){1,4}$")


def _byline_in_markup(lines: Sequence[Line], stoplist: frozenset[str]) -> "tuple[int, str] | None":
    """The first line inside an author/byline element that reads as a name ("By Ann Lee", "Ann Lee |
    5 May 2025"), and the name; ``None`` if there is none.

    For pages whose meta tags name no author: the markup often does (``<span class="author">``), above
    the text or in an author box under it. Not in comments, related stories, lists of other articles,
    menus or footers, whose authors are other people's.
    """
    for at, line in enumerate(lines):
        if _profile_decided(line):
            continue
        markup = line.markup
        if line.features.words > 12 or not markup.near & _AUTHOR_WORDS:
            continue
        if region_categories(markup.near) & _OTHER_PEOPLES or "comment" in region_categories(markup.far):
            continue
        text = line.text
        after_by = _BY_INSIDE.search(text)      # "Published 7 August 2023 by Ann Lee"
        name = _AFTER_NAME.sub("", after_by.group("name") if after_by else BYLINE_PREFIX.sub("", text)).strip()
        if _is_name(name, stoplist):
            return at, name
    return None


def _is_name(text: str, stoplist: frozenset[str]) -> bool:
    """Two to five capitalised words, none of them a stopword of the page's language (a name, not a label
    such as "Cite this page" or "The Author"); particles (de, van, von, bin…) allowed."""
    if any(c.isdigit() for c in text) or not _PERSON.match(text):
        return False
    return all(word in _PARTICLES or (word[0].isupper() and word.lower() not in stoplist) for word in text.split())


_PARTICLES = frozenset({"de", "da", "del", "della", "di", "do", "dos", "du", "la", "le", "van", "von", "der", "den",
                        "ter", "bin", "ibn", "al", "el", "y"})


#: Regions whose authors are not the article's.
_OTHER_PEOPLES = frozenset({"comment", "related", "listing", "nav", "footer", "sidebar"})
#: A byline may follow the first sentence of prose (a standfirst) by this many lines.
_AFTER_HEADER = 6


def _header(doc: Document) -> list[Line]:
    """The lines before the first body line that is a sentence of prose."""
    for i, line in enumerate(doc.lines):
        if line.label == BODY and line.features.ends_sentence and line.features.words >= 8:
            return doc.lines[:i]
    return []


def _normal(text: str | None) -> str:
    return " ".join(text.lower().split()) if text else ""
