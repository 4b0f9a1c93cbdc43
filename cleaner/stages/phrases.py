"""Stage ``phrases``: boilerplate language (cookies, newsletters, pleas, share rows).

The phrases are data (``cleaner/data/boilerplate.toml``), compiled once. A
phrase that starts with a letter or digit matches only where a word starts
(:data:`cleaner.triggers.WORD_START`): "newsletter" is found in "E-newsletter",
not in "enewsletter". The phrases sit behind a keyword prefilter
(:mod:`cleaner.triggers`): a line is searched only with the patterns whose
required word it contains, so hundreds of phrases cost a few set lookups per line. A phrase only condemns a
*short* line (a button, a heading, a link) unless the category marks it
strong enough for any line: a paragraph that mentions a newsletter is not a
newsletter box.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..data import MARSHAL_ERRORS, data_file, read_bytes, read_marshal, read_toml, source_sha256
from ..document import Authority, Document, markup_body
from ..language import stopwords
from ..triggers import WORD_START, fold, is_word_key, line_keys, triggers

#: A short line that ends like a sentence and is longer than this is prose.
_SHORT_SENTENCE_WORDS = 8
#: Lines of at most this many words are tried as a whole-line phrase, and as a short line.
_WHOLE_LINE_WORDS = 6
_SHORT_LINE_WORDS = 25
#: The markup model's body lines are searched up to this length: a paragraph it took for article
#: text is rarely chrome, and searching every paragraph costs more than the few it would catch.
_OVERRULE_WORDS = 25
#: (category, how it matched) pairs that are final: on the benchmark folders about 1% of
#: such lines or fewer are article text. The others are evidence the model weighs.
HARD = frozenset({
    ("navigation", "whole line"), ("navigation", "short line"), ("share", "whole line"), ("cookies", "short line"),
    ("comments", "whole line"), ("copyright", "strong phrase"), ("related", "whole line"),
    ("newsletter", "whole line"), ("newsletter", "strong phrase"), ("paywall", "strong phrase"), ("donation", "strong phrase"), ("contact", "strong phrase"),
    ("ads", "whole line"), ("ads", "short line"), ("ads", "strong phrase"), ("counters", "whole line"),
    ("comments", "strong phrase"),
})


class _Pattern:
    """A phrase regex compiled on first use: a dump only ever needs a few of them.

    It finds what ``wrap`` around :data:`~cleaner.triggers.WORD_START` and the phrase finds. Unwrapped,
    the phrase is searched alone and each match's start checked for a word start (a look-behind in
    front would stop ``re`` from scanning for the phrase's first letters: ten times slower).
    """

    __slots__ = ("source", "wrap", "compiled")

    def __init__(self, source: str, wrap: str) -> None:
        self.source = source
        self.wrap = wrap
        self.compiled: re.Pattern[str] | None = None

    def search(self, text: str) -> bool:
        if self.compiled is None:
            whole = self.wrap != "{}"
            self.compiled = re.compile(self.wrap.format(f"{WORD_START}(?:{self.source})" if whole else self.source), re.I)
        if self.wrap != "{}":
            return self.compiled.search(text) is not None
        match = self.compiled.search(text)
        while match is not None:
            start = match.start()
            if not (0 < start < len(text) and _is_word_char(text[start - 1]) and _is_word_char(text[start])):
                return True
            match = self.compiled.search(text, start + 1)
        return False


def _is_word_char(char: str) -> bool:
    """What ``\\w`` matches in a str pattern."""
    return char.isalnum() or char == "_"


class _Scope:
    """One scope's patterns, each runnable alone, indexed by the keys that must show for it."""

    def __init__(self, entries: list[tuple[str, str]], index: dict[str, list[str] | None], wrap: str = "{}") -> None:
        """``index``: each pattern's keys, when known (else derived here); ``wrap``: how a pattern is searched."""
        whole_line = wrap != "{}"
        self.by_key: dict[str, list[tuple[int, str, _Pattern]]] = {}
        self.by_symbol: dict[str, list[tuple[int, str, _Pattern]]] = {}
        self.always: list[tuple[int, str, _Pattern]] = []
        self.wrap = wrap
        #: (category, pattern, keys or None) in data order, as the native core reads them
        self.entries: list[tuple[str, str, list[str] | None]] = []
        for order, (category, source) in enumerate(entries):
            entry = (order, category, _Pattern(source, wrap))
            keys = index[source] if source in index else triggers(source, whole_line)
            self.entries.append((category, source, sorted(keys) if keys is not None else None))
            if keys is None:
                self.always.append(entry)
                continue
            for key in keys:
                target = self.by_key if is_word_key(key) else self.by_symbol
                target.setdefault(key, []).append(entry)
        self.key_set = frozenset(self.by_key)

    def search(self, text: str, keys: set[str], folded: str | None = None) -> str | None:
        """The category of the first pattern (in data order) that matches, or None.

        ``keys`` are the line's :func:`~cleaner.triggers.line_keys`, ``folded`` its
        :func:`~cleaner.triggers.fold` (made here if not given).
        """
        hits = keys & self.key_set
        if self.by_symbol and folded is None:
            folded = fold(text)
        symbols = [entries for symbol, entries in self.by_symbol.items() if symbol in folded] \
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


#: How a whole-line phrase is searched: the phrase, with nothing around it but spaces and punctuation.
WHOLE_LINE_WRAP = r"^[\s\W_]*(?:{})[\s\W_]*$"


class PhraseBook:
    """The compiled phrase data, each scope behind a keyword prefilter."""

    def __init__(self, data: dict, index: dict[str, dict[str, list[str] | None]] | None = None) -> None:
        """``index``: the keys of each pattern of the whole-line scope ("whole") and of the others ("open")."""
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
        self.whole = _Scope(whole, index.get("whole", {}), wrap=WHOLE_LINE_WRAP)
        self.short = _Scope(short, index.get("open", {}))
        self.strong = _Scope(strong, index.get("open", {}))

    def classify(self, text: str, keys: set[str], words: int, ends_sentence: bool) -> tuple[str, str] | None:
        """(category, how it matched) if the line is boilerplate language, else None.

        ``keys`` are the line's word keys (:func:`cleaner.triggers.line_keys`).
        """
        folded = fold(text)
        category = self.strong.search(text, keys, folded)
        if category:
            return category, "strong phrase"
        if words <= _WHOLE_LINE_WORDS:
            category = self.whole.search(text, keys, folded)
            if category:
                return category, "whole line"
        if words <= _SHORT_LINE_WORDS:
            category = self.short.search(text, keys, folded)
            if category and words <= self.short_words.get(category, 14) and \
                    not (ends_sentence and words > _SHORT_SENTENCE_WORDS):
                return category, "short line"
        return None


PHRASES_FILE = data_file("boilerplate.toml")
#: The prefilter keys of every phrase, precomputed (reading patterns costs ~0.1 s at startup).
INDEX_FILE = data_file("boilerplate.index.marshal")
#: Raised when :func:`cleaner.triggers.triggers` derives keys differently: an index of another version is
#: not used (its keys would not be a necessary condition any more).
INDEX_VERSION = 3


@lru_cache(maxsize=1)
def default_phrasebook() -> PhraseBook:
    raw = read_bytes(PHRASES_FILE)
    return PhraseBook(read_toml(PHRASES_FILE, raw), _load_index(raw))


def _load_index(raw: bytes) -> dict[str, dict[str, list[str] | None]]:
    """The shipped trigger index, if it was built from exactly this phrase data."""
    try:
        index = read_marshal(INDEX_FILE)
    except MARSHAL_ERRORS:
        return {}
    if not isinstance(index, dict) or index.get("source_sha256") != source_sha256(raw) or \
            index.get("version") != INDEX_VERSION:
        return {}
    return index.get("triggers", {})


def build_index() -> dict:
    """The trigger index for the current phrase data (``python tools/build_phrase_index.py`` writes it)."""
    from ..compat import tomllib

    raw = read_bytes(PHRASES_FILE)
    data = tomllib.loads(raw.decode("utf-8"))
    keys: dict[str, dict[str, list[str] | None]] = {}
    for kind, scopes in (("whole", ("whole",)), ("open", ("short", "any"))):
        sources = sorted({source for spec in data.values() for scope in scopes for source in spec.get(scope, [])})
        keys[kind] = {source: sorted(found) if (found := triggers(source, kind == "whole")) is not None else None
                      for source in sources}
    return {"source_sha256": source_sha256(raw), "version": INDEX_VERSION, "triggers": keys}


@lru_cache(maxsize=None)
def _reason(category: str, how: str) -> str:
    """One shared reason string per (category, how): a huge dump has many lines of each."""
    return f"{category} ({how})"


class PhrasesStage:
    name = "phrases"

    def __init__(self, book: PhraseBook | None = None) -> None:
        self.book = book

    def __call__(self, doc: Document) -> None:
        book = self.book or default_phrasebook()
        markup = Authority.MARKUP
        # The markup said body: only final evidence overrules it (and only on short lines).
        searched = [line for line in doc.lines if line.authority < markup
                    or (line.features.words <= _OVERRULE_WORDS and markup_body(line))]
        cache = self._classified_by_core(doc, searched) if self.book is None else {}
        for line in searched:
            over_markup = line.authority >= markup
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
                if over_markup and not hard:
                    continue
                doc.condemn(line, _reason(category, how), category, Authority.HARD if hard else Authority.SOFT)

    @staticmethod
    def _classified_by_core(doc: Document, lines: list) -> dict[str, "tuple[str, str] | None"]:
        """The shipped phrases of ``lines``' distinct texts from ``doc.line_phrases`` (the native core, set by
        the caller that knows it; one call for the page: the Python search was ~5% of an HTML page's time),
        or nothing (the loop's own cache then classifies each text with the Python reference)."""
        if doc.line_phrases is None or not lines:
            return {}
        texts = list(dict.fromkeys(line.text for line in lines))
        found = doc.line_phrases(texts, stopwords(doc.language), doc.char_mode)
        return dict(zip(texts, found)) if found is not None else {}
