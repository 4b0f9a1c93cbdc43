"""Stage ``phrases``: boilerplate language (cookies, newsletters, pleas, share rows).

The phrases are data (``cleaner/data/boilerplate.toml``), compiled once into
one regex per scope with a named group per category, so a line is tested
with three searches whatever the number of phrases. A phrase only condemns a
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

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

#: A short line that ends like a sentence and is longer than this is prose.
_SHORT_SENTENCE_WORDS = 8


class PhraseBook:
    """The compiled phrase data: one regex per scope."""

    def __init__(self, data: dict) -> None:
        whole, short, strong = [], [], []
        self.short_words: dict[str, int] = {}
        for category, spec in data.items():
            group = re.sub(r"\W", "_", category)
            self.short_words[group] = int(spec.get("short_words", 14))
            if spec.get("whole"):
                whole.append(f"(?P<{group}>{'|'.join(spec['whole'])})")
            if spec.get("short"):
                short.append(f"(?P<{group}>{'|'.join(spec['short'])})")
            if spec.get("any"):
                strong.append(f"(?P<{group}>{'|'.join(spec['any'])})")
        trim = r"[\s\W_]*"
        self.whole = re.compile(rf"^{trim}(?:{'|'.join(whole)}){trim}$", re.I) if whole else None
        self.short = re.compile("|".join(short), re.I) if short else None
        self.strong = re.compile("|".join(strong), re.I) if strong else None

    def classify(self, text: str, words: int, ends_sentence: bool) -> tuple[str, str] | None:
        """(category, how it matched) if the line is boilerplate language, else None."""
        if self.strong is not None:
            found = self.strong.search(text)
            if found:
                return found.lastgroup or "phrase", "strong phrase"
        if words <= 6 and self.whole is not None:
            found = self.whole.match(text)
            if found:
                return found.lastgroup or "phrase", "whole line"
        if self.short is not None and words <= 25:
            found = self.short.search(text)
            if found:
                category = found.lastgroup or "phrase"
                if words <= self.short_words.get(category, 14) and not (ends_sentence and words > _SHORT_SENTENCE_WORDS):
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
                found = cache[text] = book.classify(text, f.words, f.ends_sentence)
            if found:
                category, how = found
                line.mark(BOILERPLATE, f"phrases: {category} ({how})")
                line.signal = category
                line.score = 0.0
