"""Which language a dump is in, and its stopwords.

Stopword density is the strongest single signal that a line is prose, but only
in the text's own language. jusText ships ~100 stoplists (it is installed with
trafilatura); we read its files directly, without importing jusText (that
would load lxml on the text path).

Detection is cheap on purpose: English is tried first with its own list (most
dumps are English, and a CLI cold start should not read 100 files); only when
that fails is the full word → languages index built, once per process.
Scripts without spaces between words (Chinese, Japanese, Thai) have no
stoplist and are measured in characters instead (``char_mode``).
"""

from __future__ import annotations

import importlib.util
import os
import re
from array import array
from bisect import bisect_left
from collections import namedtuple
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache

from .chunks import word_chunks
from .lazy_re import lazy_compile
from .lexicon import is_prose_text

ENGLISH = "English"
_WORD = lazy_compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
#: Share of sampled tokens that must be English stopwords to skip full detection.
_ENGLISH_FAST_RATIO = 0.28
_SAMPLE_TOKENS = 400
#: Fewer sentence tokens than this, and the sample falls back to the longest lines.
_MIN_PROSE_TOKENS = 60

# Unicode ranges of scripts written without spaces between words.
_CJK = lazy_compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u0e00-\u0e7f\u0e80-\u0eff\u1000-\u109f\u1780-\u17ff]")
_SCRIPT_NAMES = (
    (lazy_compile(r"[\u3040-\u30ff]"), "Japanese"),
    (lazy_compile(r"[\u0e00-\u0e7f]"), "Thai"),
    (lazy_compile(r"[\u0e80-\u0eff]"), "Lao"),
    (lazy_compile(r"[\u1000-\u109f]"), "Burmese"),
    (lazy_compile(r"[\u1780-\u17ff]"), "Khmer"),
    (lazy_compile(r"[\u4e00-\u9fff]"), "Chinese"),
)


def _stoplist_dir() -> str | None:
    spec = importlib.util.find_spec("justext")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = os.path.join(list(spec.submodule_search_locations)[0], "stoplists")
    return path if os.path.isdir(path) else None


@lru_cache(maxsize=None)
def available_languages() -> tuple[str, ...]:
    directory = _stoplist_dir()
    if directory is None:
        return ()
    return tuple(sorted(name[:-4] for name in os.listdir(directory) if name.endswith(".txt")))


@lru_cache(maxsize=None)
def stopwords(language: str | None) -> frozenset[str]:
    """The stoplist of a language (lower-case words); empty when unknown."""
    return _read_stoplist(language)


def _read_stoplist(language: str | None) -> frozenset[str]:
    directory = _stoplist_dir()
    if not language or directory is None:
        return frozenset()
    path = os.path.join(directory, f"{language}.txt")
    try:
        with open(path, encoding="utf-8") as handle:
            return frozenset(word.strip().lower() for word in handle if word.strip())
    except OSError:
        return frozenset()


class _WordIndex(namedtuple("_WordIndex", ["hashes", "languages", "sizes"])):
    """Which stoplists hold a word, as two typed arrays: the words' hashes, sorted (``hashes``), and beside
    each the index of a language whose list has the word (``languages``; a word in several lists is there
    once for each); ``sizes``, a tuple of floats, is each list's weight: the fourth root of its size (see
    :func:`_best_stoplist`). A dict of the 139,000 words was some 15 MB, held by the process once it met a
    page that is not English; the arrays are 1.5 MB, and hold no object the garbage collector walks. Two
    words of the lists sharing a 64-bit hash would be counted for each other's languages (the chance is
    about one in a billion). (A :func:`~collections.namedtuple`: see :class:`cleaner.document.Window`.)"""

    __slots__ = ()

    def languages_of(self, word: str) -> Iterator[int]:
        """The indexes of the languages whose stoplist has ``word``."""
        hashes, key = self.hashes, hash(word)
        at = bisect_left(hashes, key)
        while at < len(hashes) and hashes[at] == key:
            yield self.languages[at]
            at += 1


@lru_cache(maxsize=1)
def _word_index() -> _WordIndex:
    """Every stoplist's words, indexed (:class:`_WordIndex`). Built once.

    Only words in a list's own script count: some lists (Marathi, Nepali…)
    also carry English words, which would otherwise claim English pages.
    The lists are read for this only: a process keeps the stoplists of the languages it meets, not all
    hundred (every full garbage collection walks each word of a kept set).
    """
    pairs: list[tuple[int, int]] = []
    sizes = []
    for i, language in enumerate(available_languages()):
        words = _read_stoplist(language)
        sizes.append(max(1, len(words)) ** 0.25)
        pairs += [(hash(word), i) for word in _in_main_script(words)]
    pairs.sort()
    return _WordIndex(array("q", [key for key, _ in pairs]), array("H", [i for _, i in pairs]), tuple(sizes))


def _script(word: str) -> int:
    """A coarse script key: 0 for Latin letters, else the Unicode block (of 128) of the first letter."""
    first = ord(word[0])
    return 0 if first < 0x250 else first // 128


def _in_main_script(words: frozenset[str]) -> list[str]:
    if not words:
        return []
    keys = [_script(word) for word in words]
    main = max(set(keys), key=keys.count)
    return [word for word, key in zip(words, keys) if key == main]


def sample_tokens(texts: list[str], limit: int = _SAMPLE_TOKENS) -> list[str]:
    """Lower-case word tokens from the longest lines that read like sentences (prose, not menus,
    country pickers or code); from the longest lines of any kind when there are too few of those."""
    by_length = sorted(texts, key=len, reverse=True)
    # Lazily: the first few long sentences give enough tokens, and the rest of the page is not searched.
    prose = filter(is_prose_text, by_length)
    tokens = _tokens_of(prose, limit)
    return tokens if len(tokens) >= _MIN_PROSE_TOKENS else _tokens_of(by_length, limit)


def _tokens_of(texts: Iterable[str], limit: int) -> list[str]:
    tokens: list[str] = []
    for text in texts:
        # A chunk at a time: a line of a million characters gives its first words, not a list of all.
        for chunk in word_chunks(text):
            tokens.extend(_WORD.findall(chunk.lower()))
            if len(tokens) >= limit:
                return tokens[:limit]
    return tokens


def detect(texts: list[str], by_index: Callable[[list[str]], tuple[str | None, bool] | None] | None = None
           ) -> tuple[str | None, bool]:
    """Guess the language of a dump's lines: (stoplist name or script name, char_mode).

    ``by_index`` answers instead when every stoplist must be weighed (a page neither CJK nor plainly
    English): the native core's port of this function (``NativePath.detect_language``), which gives the
    same answer with an index built in milliseconds, where :func:`_word_index` costs ~250 ms on a
    process's first such page. It may return None (no core): the reference's index answers then.
    """
    sample = "".join([text[:4000] for text in sorted(texts, key=len, reverse=True)[:20]])[:4000]
    if sample and len(_CJK.findall(sample)) > 0.3 * len(sample.replace(" ", "")):
        for pattern, name in _SCRIPT_NAMES:
            if pattern.search(sample):
                return name, True
        return None, True
    tokens = sample_tokens(texts)
    if not tokens:
        return None, False
    english = stopwords(ENGLISH)
    hits = sum(1 for token in tokens if token in english)
    if hits >= _ENGLISH_FAST_RATIO * len(tokens):
        return ENGLISH, False
    told = by_index(texts) if by_index is not None else None
    if told is not None:
        return told
    return _best_stoplist(tokens), False


def _best_stoplist(tokens: list[str]) -> str | None:
    languages = available_languages()
    if not languages:
        return None
    index = _word_index()
    sizes = index.sizes
    counts = [0] * len(languages)
    for token in tokens:
        for i in index.languages_of(token):
            counts[i] += 1
    # Prefer the list that covers most tokens, discounted by the fourth root of its size:
    # a list of 6,000 words (Finnish) matches names and loanwords that a list of 450
    # (English) never would, so raw counts favour the big lists.
    best = max(range(len(languages)), key=lambda i: counts[i] / sizes[i])
    if counts[best] < max(3, 0.08 * len(tokens)):
        return None
    return ENGLISH if languages[best] == "Simple_English" else languages[best]
