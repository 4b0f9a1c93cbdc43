"""Stage ``features``: the language, then per-line measurements, computed once.

Every later stage reads these numbers instead of re-scanning the text, which
keeps the whole pipeline linear and cheap (thousands of dumps a second).
"""

from __future__ import annotations

import re

from .. import language
from ..triggers import KEY_LENGTH, WORD_PUNCTUATION
from ..document import Document

#: Characters that end a sentence, in the scripts we see most.
SENTENCE_END = frozenset(".!?…。！？؟।")
#: Closing quotes and brackets that may follow a sentence end.
CLOSERS = frozenset("\"'”’»)]）」』")
#: A dateline in the middle of a line ("… NEW DELHI: The court …", "… (AP) — "): a teaser
#: that runs a headline and the start of another article together.
_INNER_DATELINE = re.compile(r"\s(?:[A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,3}:\s|\((?:AP|AFP|Reuters|IANS|PTI|UPI)\)\s[-—–])")


class Features:
    """What one line looks like, measured once."""

    __slots__ = ("words", "chars", "units", "stops", "stop_ratio", "ends_sentence", "ends_colon",
                 "sentences", "title_ratio", "upper", "alpha_ratio", "digit_ratio", "first_upper", "content",
                 "inner_dateline", "keys")

    def __init__(self, text: str, stoplist: frozenset[str], char_mode: bool) -> None:
        tokens = text.split()
        words = len(tokens)
        chars = len(text)
        self.words = words
        self.chars = chars
        # Scripts without spaces: count roughly two characters as one word.
        self.units = max(words, chars // 2) if char_mode else words
        stops = 0
        content = set()
        keys = set()
        for token in tokens:
            word = token.lower().strip(WORD_PUNCTUATION)
            keys.add(word[:KEY_LENGTH])
            if char_mode:
                continue
            if word in stoplist:
                stops += 1
            elif len(word) >= 4 and word.isalpha():
                content.add(word)
        # Word keys for the phrase prefilter (cleaner.triggers), computed here to split once.
        self.keys = keys
        # The words that carry the topic, to compare a line with the title and its neighbours.
        self.content = frozenset(content)
        self.inner_dateline = bool(_INNER_DATELINE.search(text, 12)) if words >= 8 else False
        self.stops = stops
        self.stop_ratio = stops / words if words else 0.0
        last = text[-1]
        if last in CLOSERS and chars > 1:
            last = text[-2]
        self.ends_sentence = last in SENTENCE_END
        self.ends_colon = last == ":"
        self.sentences = _count_sentence_breaks(text) + (1 if self.ends_sentence else 0)
        capitalised = 0
        alpha_words = 0
        for token in tokens:
            first = token[0]
            if first.isalpha():
                alpha_words += 1
                if first.isupper():
                    capitalised += 1
        self.title_ratio = capitalised / alpha_words if alpha_words else 0.0
        self.upper = text.isupper()
        letters = sum(1 for c in text if c.isalpha()) if chars < 400 else _sampled_alpha(text)
        self.alpha_ratio = letters / chars
        self.digit_ratio = sum(1 for c in text if c.isdigit()) / chars if chars < 400 else 0.0
        self.first_upper = text[0].isupper()


def _sampled_alpha(text: str) -> int:
    """Letters in a long line, estimated from its first 400 characters."""
    head = text[:400]
    return int(sum(1 for c in head if c.isalpha()) * len(text) / 400)


def _count_sentence_breaks(text: str) -> int:
    """Sentence ends inside the line: '. ' followed by a capital or a quote."""
    count = 0
    start = 0
    while True:
        i = text.find(". ", start)
        if i == -1 or i + 2 >= len(text):
            break
        nxt = text[i + 2]
        if nxt.isupper() or nxt in "\"“‘'(":
            count += 1
        start = i + 2
    for mark in ("? ", "! ", "。", "！", "？"):
        count += text.count(mark)
    return count


class FeaturesStage:
    name = "features"

    def __call__(self, doc) -> None:
        texts = [line.text for line in doc.lines]
        if doc.language is None:
            doc.language, doc.char_mode = language.detect(texts)
        stoplist = language.stopwords(doc.language)
        char_mode = doc.char_mode
        cache: dict[str, Features] = {}
        for line in doc.lines:
            features = cache.get(line.text)
            if features is None:
                features = cache[line.text] = Features(line.text, stoplist, char_mode)
            line.features = features
