"""Stage ``features``: the language, then per-line measurements, computed once.

Every later stage reads these numbers instead of re-scanning the text, which
keeps the whole pipeline linear and cheap (thousands of dumps a second).
"""

from __future__ import annotations

from collections.abc import Callable
from sys import intern

from .. import language
from ..chunks import count_matches, word_chunks
from ..compat import TYPE_CHECKING
from ..lexicon import CLOSERS, INNER_DATELINE, SENTENCE_BREAK, SENTENCE_END
from ..triggers import WORD_PUNCTUATION, line_keys

if TYPE_CHECKING:
    from typing import Any

    #: Who measures a page's lines in one call (``Document.line_measures``): (distinct texts, stoplist,
    #: char_mode) → the core's measures (``cleaner.native.Measures``: its ``column(name)``), or
    #: None when the Python reference measures.
    MeasureLines = Callable[[list[str], frozenset[str], bool], Any]

#: Stopword density and topic words are measured on a line's first words, this many.
_SAMPLE_WORDS = 60
#: The inner dateline (:data:`cleaner.lexicon.INNER_DATELINE`) is looked for in lines of this many words or
#: more, from this character on.
_DATELINE_MIN_WORDS = 8
_DATELINE_FROM = 12


class Features:
    """What one line looks like, measured once."""

    __slots__ = ("words", "chars", "units", "stops", "stop_ratio", "ends_sentence", "ends_colon",
                 "sentences", "title_ratio", "upper", "alpha_ratio", "digit_ratio", "_content",
                 "_sample", "_stoplist", "inner_dateline", "keys")

    def __init__(self, text: str, stoplist: frozenset[str], char_mode: bool, with_keys: bool = True,
                 lazy_content: bool = False) -> None:
        # Stopword density and topic words: the first words of a long line say enough. Word keys for
        # the phrase prefilter (cleaner.triggers) are computed here to split once (a large document or
        # a page leaves them to the phrases stage, which drops them after use).
        words = alpha_words = upper_words = digit_words = 0
        sample: list[str] = []
        keys: set[str] | None = set() if with_keys else None
        for chunk in word_chunks(text):  # one chunk, the line itself, unless it is very long
            tokens = chunk.split()
            words += len(tokens)
            # Word shapes from their first characters: capitalised words, words of letters, numbers.
            initials = "".join([token[0] for token in tokens])
            alpha_words += sum(map(str.isalpha, initials))
            upper_words += sum(map(str.isupper, initials))
            digit_words += sum(map(str.isdigit, initials))
            wanted = _SAMPLE_WORDS - len(sample)
            if keys is not None:
                cleaned = [token.strip(WORD_PUNCTUATION) for token in chunk.lower().split()]
                keys.update(line_keys(chunk))  # the chunks are cut at whitespace: the line's keys
                sample += cleaned if len(cleaned) <= wanted else cleaned[:wanted]
            elif wanted > 0:  # only the sample's words are cleaned
                sample += _sample_of(chunk, wanted)
        chars = len(text)
        self.words = words
        self.chars = chars
        # Scripts without spaces: count roughly two characters as one word.
        self.units = max(words, chars // 2) if char_mode else words
        self.keys = keys
        self._sample = self._stoplist = None
        if char_mode or not stoplist:
            stops = 0
            self._content = ()
        else:
            stops = sum(map(stoplist.__contains__, sample))
            if lazy_content:  # an HTML page: the markup decides most lines, and few need their topic words
                self._content = None
                self._sample, self._stoplist = sample, stoplist
            else:
                self._content = _content_words(sample, stoplist)
        self.stops = stops
        self.stop_ratio = _ratio(stops, len(sample)) if sample else 0.0
        self.inner_dateline = words >= _DATELINE_MIN_WORDS and INNER_DATELINE.search(text, _DATELINE_FROM) is not None
        last = text[-1]
        if last in CLOSERS and chars > 1:
            last = text[-2]
        self.ends_sentence = last in SENTENCE_END
        self.ends_colon = last == ":"
        self.sentences = count_matches(SENTENCE_BREAK, text) + self.ends_sentence
        self.title_ratio = _ratio(upper_words, alpha_words) if alpha_words else 0.0
        self.upper = text.isupper()
        self.alpha_ratio = _ratio(alpha_words, words)
        self.digit_ratio = _ratio(digit_words, words)

    @property
    def content(self) -> tuple[str, ...]:
        """The words that carry the line's topic, to compare it with the title and its neighbours."""
        if self._content is None:
            self._content = _content_words(self._sample, self._stoplist)
            self._sample = self._stoplist = None
        return self._content


#: Ratios of counts up to this are shared (:func:`_ratio`).
_SHARED_RATIO_COUNTS = 64


def _ratio(part: int, whole: int) -> float:
    """``part / whole``; for the small counts of most lines, one float object per pair, shared by every line
    that has it: four ratios a line were a tenth of a menu page's memory (a float is 24 bytes)."""
    if 0 <= part <= whole <= _SHARED_RATIO_COUNTS and whole:
        return _SMALL_RATIOS[whole][part]
    return part / whole


#: ``_SMALL_RATIOS[whole][part]`` is ``part / whole`` (the same division; 2,145 floats).
_SMALL_RATIOS = [()] + [tuple(part / whole for part in range(whole + 1)) for whole in range(1, _SHARED_RATIO_COUNTS + 1)]


def _sample_of(chunk: str, wanted: int) -> list[str]:
    """The first ``wanted`` words of ``chunk``, lower-cased and stripped of punctuation: the stop-word
    sample (a line's topic words are read from it too)."""
    return [token.strip(WORD_PUNCTUATION) for token in chunk.lower().split(None, wanted)[:wanted]]


def _line_sample(text: str) -> list[str]:
    """A line's stop-word sample, as :class:`Features` takes it: its first ``_SAMPLE_WORDS`` words."""
    sample: list[str] = []
    for chunk in word_chunks(text):
        wanted = _SAMPLE_WORDS - len(sample)
        if wanted <= 0:
            break
        sample += _sample_of(chunk, wanted)
    return sample


def _content_words(sample: list[str], stoplist: frozenset[str]) -> tuple[str, ...]:
    """Distinct topic words: at least four letters, not stopwords.

    Interned: a long dump repeats its vocabulary, and each line would otherwise keep its own copies.
    A tuple, not a frozenset: a set's hash table costs four times the memory, and a 10 MB dump has a
    hundred thousand lines.
    """
    return tuple(map(intern, {word for word in sample if len(word) >= 4 and word.isalpha()} - stoplist))


class FeaturesStage:
    name = "features"

    def __call__(self, doc) -> None:
        texts = [line.text for line in doc.lines]
        if doc.language is None:
            doc.language, doc.char_mode = language.detect(texts, doc.language_index)
        stoplist = language.stopwords(doc.language)
        char_mode = doc.char_mode
        # Word keys serve the phrases stage; on HTML it reads few lines (the markup decides most), so it
        # makes the keys of those itself (as it does for lines the core measured).
        html = doc.source_format == "html"
        with_keys = not doc.large and not html
        if doc.line_measures is not None and _measured_by(doc.line_measures, doc.lines, stoplist, char_mode):
            return
        cache: dict[str, Features] = {}
        for line in doc.lines:
            features = cache.get(line.text)
            if features is None:
                features = cache[line.text] = Features(line.text, stoplist, char_mode, with_keys, lazy_content=html)
            line.features = features


class CoreFeatures:
    """A line's :class:`Features` as the native core measured them (one call for a page's lines,
    :func:`_measured_by`): the same numbers under the same names, no word keys (an HTML page's phrases stage
    makes its own). The topic words, which few lines of a page are asked for, are read from the line's
    text when asked, as the reference's lazy ``Features`` reads them (so the core's measures are not kept)."""

    __slots__ = ("words", "chars", "units", "stops", "sentences", "stop_ratio", "title_ratio", "alpha_ratio",
                 "digit_ratio", "ends_sentence", "ends_colon", "upper", "inner_dateline", "keys", "_text",
                 "_stoplist", "_content")

    def __init__(self, text: str, stoplist: frozenset[str] | None, counts: tuple, ratios: tuple,
                 flags: tuple) -> None:
        self.words, self.chars, self.units, self.stops, self.sentences = counts
        self.stop_ratio, self.title_ratio, self.alpha_ratio, self.digit_ratio = ratios
        self.ends_sentence, self.ends_colon, self.upper, self.inner_dateline = map(bool, flags)
        self.keys = None
        # No stoplist (or a script without spaces): no topic words, as the reference has none then.
        self._text, self._stoplist = text, stoplist
        self._content = None if stoplist is not None else ()

    @property
    def content(self) -> tuple[str, ...]:
        if self._content is None:
            self._content = _content_words(_line_sample(self._text), self._stoplist)
            self._text = self._stoplist = None
        return self._content


def _measured_by(measure_lines: MeasureLines, lines: list, stoplist: frozenset[str], char_mode: bool) -> bool:
    """Give a page's lines (an HTML page's, a profiled dump's) their measures from ``measure_lines`` (the
    native core, set by the caller that knows it), in one call for the page's distinct texts (the Python
    measures were a tenth of an HTML page's time, ~15% of a profiled dump's); False when the Python
    reference measures (``measure_lines`` answered None: no core, or it refuses the text)."""
    if not lines:
        return False
    at: dict[str, int] = {}       # each distinct text once, as the reference's cache measures it
    texts: list[str] = []
    for line in lines:
        if line.text not in at:
            at[line.text] = len(texts)
            texts.append(line.text)
    measures = measure_lines(texts, stoplist, char_mode)
    if measures is None:
        return False
    counts = zip(*(measures.column(name) for name in _COUNTS))
    ratios = zip(*(_shared_floats(measures.column(name)) for name in _RATIOS))
    flags = zip(*(measures.column(name) for name in _FLAGS))
    topics = stoplist if stoplist and not char_mode else None     # the reference's content is () without them
    made = [CoreFeatures(text, topics, *row) for text, row in zip(texts, zip(counts, ratios, flags))]
    del measures, counts, ratios, flags   # the core's columns: the page's lines hold their numbers now
    for line in lines:
        line.features = made[at[line.text]]
    return True


#: The core's columns of :class:`CoreFeatures`' counts, ratios and flags.
_COUNTS = ("words", "chars", "units", "stops", "sentences")
_RATIOS = ("stop_ratio", "title_ratio", "alpha_ratio", "digit_ratio")
_FLAGS = ("ends_sentence", "ends_colon", "upper", "inner_dateline")


def _shared_floats(values) -> list[float]:
    """``values`` as floats, one object per distinct value: most ratios are of small counts (a float is 24
    bytes, and four a line were a tenth of a menu page's memory, as :func:`_ratio` says)."""
    shared: dict[float, float] = {}
    return [shared.setdefault(value, value) for value in values]
