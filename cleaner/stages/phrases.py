"""Stage ``phrases``: boilerplate language (cookies, newsletters, pleas, share rows).

The phrases are data (``cleaner/data/boilerplate.toml``), compiled once. The
short and strong phrases sit behind a keyword prefilter (:mod:`cleaner.triggers`):
a line is searched only with the patterns whose required word it contains,
so hundreds of phrases cost a few set lookups per line. A phrase only condemns a
*short* line (a button, a heading, a link) unless the category marks it
strong enough for any line: a paragraph that mentions a newsletter is not a
newsletter box.
"""

from __future__ import annotations

import hashlib
import json
import re
from functools import lru_cache
from importlib import resources

from ..compat import tomllib
from ..document import BOILERPLATE, Document, markup_body
from ..triggers import line_keys, triggers

#: A short line that ends like a sentence and is longer than this is prose.
_SHORT_SENTENCE_WORDS = 8
#: The markup model's body lines are searched up to this length: a paragraph it took for article
#: text is rarely chrome, and searching every paragraph costs more than the few it would catch.
_OVERRULE_WORDS = 25
#: (category, how it matched) pairs that are final: on the benchmark folders about 1% of
#: such lines or fewer are article text. The others are evidence the model weighs.
HARD = frozenset({
    ("navigation", "whole line"), ("navigation", "short line"), ("share", "whole line"), ("cookies", "short line"),
    ("comments", "whole line"), ("copyright", "strong phrase"), ("related", "whole line"),
    ("newsletter", "strong phrase"), ("paywall", "strong phrase"), ("donation", "strong phrase"), ("contact", "strong phrase"),
    ("ads", "whole line"), ("ads", "short line"), ("ads", "strong phrase"), ("counters", "whole line"),
})


class _Pattern:
    """A phrase regex compiled on first use: a dump only ever needs a few of them."""

    __slots__ = ("source", "wrap", "compiled")

    def __init__(self, source: str, wrap: str) -> None:
        self.source = source
        self.wrap = wrap
        self.compiled: re.Pattern[str] | None = None

    def search(self, text: str):
        if self.compiled is None:
            self.compiled = re.compile(self.wrap.format(self.source), re.I)
        return self.compiled.search(text)


class _Scope:
    """One scope's patterns, each runnable alone, indexed by the keys that must show for it."""

    def __init__(self, entries: list[tuple[str, str]], index: dict[str, list[str] | None], wrap: str = "{}") -> None:
        self.by_key: dict[str, list[tuple[int, str, _Pattern]]] = {}
        self.by_symbol: dict[str, list[tuple[int, str, _Pattern]]] = {}
        self.always: list[tuple[int, str, _Pattern]] = []
        for order, (category, source) in enumerate(entries):
            entry = (order, category, _Pattern(source, wrap))
            keys = index[source] if source in index else triggers(source)
            if keys is None:
                self.always.append(entry)
                continue
            for key in keys:
                target = self.by_key if key[0].isalnum() else self.by_symbol
                target.setdefault(key, []).append(entry)
        self.key_set = frozenset(self.by_key)

    def search(self, text: str, keys: set[str]) -> str | None:
        """The category of the first pattern (in data order) that matches, or None."""
        hits = keys & self.key_set
        symbols = [entries for symbol, entries in self.by_symbol.items() if symbol in text or symbol in text.lower()] \
            if self.by_symbol else ()
        if not hits and not symbols and not self.always:
            return None
        candidates = list(self.always)
        for key in hits:
            candidates.extend(self.by_key[key])
        for entries in symbols:
            candidates.extend(entries)
        if len(candidates) > 1:
            candidates.sort(key=lambda entry: entry[0])
        for _, category, pattern in candidates:
            if pattern.search(text):
                return category
        return None


class PhraseBook:
    """The compiled phrase data, each scope behind a keyword prefilter."""

    def __init__(self, data: dict, index: dict[str, list[str] | None] | None = None) -> None:
        index = index or {}
        whole: list[tuple[str, str]] = []
        short: list[tuple[str, str]] = []
        strong: list[tuple[str, str]] = []
        self.short_words: dict[str, int] = {}
        for category, spec in data.items():
            group = re.sub(r"\W", "_", category)
            self.short_words[group] = int(spec.get("short_words", 14))
            whole.extend((group, source) for source in spec.get("whole", []))
            short.extend((group, source) for source in spec.get("short", []))
            strong.extend((group, source) for source in spec.get("any", []))
        self.whole = _Scope(whole, index, wrap=r"^[\s\W_]*(?:{})[\s\W_]*$")
        self.short = _Scope(short, index)
        self.strong = _Scope(strong, index)

    def classify(self, text: str, keys: set[str], words: int, ends_sentence: bool) -> tuple[str, str] | None:
        """(category, how it matched) if the line is boilerplate language, else None.

        ``keys`` are the line's word keys (:func:`cleaner.triggers.line_keys`).
        """
        category = self.strong.search(text, keys)
        if category:
            return category, "strong phrase"
        if words <= 6:
            category = self.whole.search(text, keys)
            if category:
                return category, "whole line"
        if words <= 25:
            category = self.short.search(text, keys)
            if category and words <= self.short_words.get(category, 14) and \
                    not (ends_sentence and words > _SHORT_SENTENCE_WORDS):
                return category, "short line"
        return None


PHRASES_FILE = resources.files("cleaner.data").joinpath("boilerplate.toml")
#: The prefilter keys of every phrase, precomputed (reading patterns costs ~0.1 s at startup).
INDEX_FILE = resources.files("cleaner.data").joinpath("boilerplate.index.json")


@lru_cache(maxsize=1)
def default_phrasebook() -> PhraseBook:
    raw = PHRASES_FILE.read_bytes()
    return PhraseBook(tomllib.loads(raw.decode("utf-8")), _load_index(raw))


def _load_index(raw: bytes) -> dict[str, list[str] | None]:
    """The shipped trigger index, if it was built from exactly this phrase data."""
    try:
        index = json.loads(INDEX_FILE.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if index.get("source_sha256") != hashlib.sha256(raw).hexdigest():
        return {}
    return index.get("triggers", {})


def build_index() -> dict:
    """The trigger index for the current phrase data (``python -m cleaner.stages.phrases``)."""
    raw = PHRASES_FILE.read_bytes()
    data = tomllib.loads(raw.decode("utf-8"))
    sources = {source for spec in data.values() for scope in ("whole", "short", "any") for source in spec.get(scope, [])}
    keys = {source: (sorted(found) if (found := triggers(source)) is not None else None) for source in sorted(sources)}
    return {"source_sha256": hashlib.sha256(raw).hexdigest(), "triggers": keys}


@lru_cache(maxsize=None)
def _reason(category: str, how: str) -> str:
    """One shared reason string per (category, how): a huge dump has many lines of each."""
    return f"phrases: {category} ({how})"


class PhrasesStage:
    name = "phrases"

    def __init__(self, book: PhraseBook | None = None) -> None:
        self.book = book

    def __call__(self, doc: Document) -> None:
        book = self.book or default_phrasebook()
        cache: dict[str, tuple[str, str] | None] = {}
        for line in doc.lines:
            hard_only = False
            if line.firm:
                if line.features.words > _OVERRULE_WORDS or not markup_body(line):
                    continue
                hard_only = True  # the markup said body: only final evidence overrules it
            text = line.text
            if text in cache:
                found = cache[text]
            else:
                f = line.features
                keys = f.keys if f.keys is not None else line_keys(text)
                found = cache[text] = book.classify(text, keys, f.words, f.ends_sentence)
                f.keys = None  # only this stage reads them
            if found:
                category, how = found
                hard = (category, how) in HARD
                if hard_only and not hard:
                    continue
                line.mark(BOILERPLATE, _reason(category, how), firm=hard_only)
                line.signal = category
                line.hard = hard
                line.score = 0.0

