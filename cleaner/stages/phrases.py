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

import re
import sys
from functools import lru_cache
from importlib import resources

from ..document import BOILERPLATE, Document
from ..triggers import triggers

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

#: A short line that ends like a sentence and is longer than this is prose.
_SHORT_SENTENCE_WORDS = 8
#: (category, how it matched) pairs that are final: on the benchmark folders about 1% of
#: such lines or fewer are article text. The others are evidence the model weighs.
HARD = frozenset({
    ("navigation", "whole line"), ("navigation", "short line"), ("share", "whole line"), ("cookies", "short line"),
    ("comments", "whole line"), ("copyright", "strong phrase"), ("related", "whole line"),
    ("newsletter", "strong phrase"), ("donation", "strong phrase"), ("contact", "strong phrase"),
    ("ads", "whole line"), ("ads", "short line"), ("counters", "whole line"),
})


class _Scope:
    """One scope's patterns, each runnable alone, indexed by the keys that must show for it."""

    def __init__(self, entries: list[tuple[str, str]], wrap: str = "{}") -> None:
        self.by_key: dict[str, list[tuple[int, str, re.Pattern[str]]]] = {}
        self.by_symbol: dict[str, list[tuple[int, str, re.Pattern[str]]]] = {}
        self.always: list[tuple[int, str, re.Pattern[str]]] = []
        for order, (category, source) in enumerate(entries):
            entry = (order, category, re.compile(wrap.format(source), re.I))
            keys = triggers(source)
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
        candidates = list(self.always)
        for key in hits:
            candidates.extend(self.by_key[key])
        for symbol, entries in self.by_symbol.items():
            if symbol in text:
                candidates.extend(entries)
        if not candidates:
            return None
        if len(candidates) > 1:
            candidates.sort(key=lambda entry: entry[0])
        for _, category, pattern in candidates:
            if pattern.search(text):
                return category
        return None


class PhraseBook:
    """The compiled phrase data, each scope behind a keyword prefilter."""

    def __init__(self, data: dict) -> None:
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
        self.whole = _Scope(whole, wrap=r"^[\s\W_]*(?:{})[\s\W_]*$")
        self.short = _Scope(short)
        self.strong = _Scope(strong)

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


@lru_cache(maxsize=1)
def default_phrasebook() -> PhraseBook:
    text = resources.files("cleaner.data").joinpath("boilerplate.toml").read_text(encoding="utf-8")
    return PhraseBook(tomllib.loads(text))


class PhrasesStage:
    name = "phrases"

    def __init__(self, book: PhraseBook | None = None) -> None:
        self.book = book

    def __call__(self, doc: Document) -> None:
        book = self.book or default_phrasebook()
        cache: dict[str, tuple[str, str] | None] = {}
        for line in doc.lines:
            if line.firm:
                continue
            text = line.text
            if text in cache:
                found = cache[text]
            else:
                f = line.features
                found = cache[text] = book.classify(text, f.keys, f.words, f.ends_sentence)
            if found:
                category, how = found
                line.mark(BOILERPLATE, f"phrases: {category} ({how})")
                line.signal = category
                line.hard = (category, how) in HARD
                line.score = 0.0
