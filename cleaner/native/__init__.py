"""The native core (``cleaner._native``, Rust), when it is built: line measures and phrases per document.

Stage 1 of the native core computes, in one call per document, what ``Features`` measures for each line
(:mod:`cleaner.stages.features`) and what ``PhraseBook.classify`` finds (:mod:`cleaner.stages.phrases`),
identically: the parity tests and ``bench/native_parity.py`` compare the two on every line. The pipeline
does not call it yet (stage 2 wires it in); this module is the one place the two cores meet.

The core is used when the extension was built (``pip install`` with a Rust toolchain), when
``CLEANER_PURE_PYTHON`` is not set, and when it has a character table for this Python's Unicode version
(it measures text as this Python does, so it must read characters as this Python does). Otherwise
:func:`core` is None and the Python reference runs; :func:`core_name` says which and why.

Everything the core knows of the rules it reads from the Python modules: the constants of ``features``
and the sentence marks and dateline of :mod:`cleaner.lexicon`, and the phrase patterns, translated here from Python's own parse of each regex into the syntax of the
``regex`` crate (:func:`rust_regex`). The columns come back as ``bytes`` and are read with
``memoryview.cast``: no Python object per line.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from functools import lru_cache

if sys.version_info >= (3, 11):
    import re._constants as sre
    import re._parser as sre_parse
else:  # pragma: no cover - Python 3.10
    import sre_constants as sre
    import sre_parse

from ..compat import TYPE_CHECKING
from ..extension import PURE_PYTHON_ENV, refusals
from ..extension import extension as _extension
from ..records import record

if TYPE_CHECKING:
    from typing import Any

#: How a phrase matched, by the core's number (``PhraseBook.classify``'s second value).
HOW = ("strong phrase", "whole line", "short line")
#: The core's category number for "no phrase".
NO_PHRASE = 255


class Untranslatable(ValueError):
    """A regex the native core cannot run exactly as Python's ``re`` does."""


# --- which core -------------------------------------------------------------------------------------

def _load() -> tuple[Any, str]:
    """(the core, or None; why not, or '')."""
    _native, why = _extension()
    if _native is None:
        return None, why
    version = unicodedata.unidata_version
    if version not in _native.unicode_versions():
        return None, f"the native core has no character table for Unicode {version}"
    _ship_parsed(_native)
    try:
        return _native.Core(version, _feature_rules()), ""
    except (ValueError, _native.NativeError, Untranslatable) as error:
        return None, f"the native core cannot start: {error}"


#: The core's regexes as its parser reads them (``python tools/build_phrase_index.py`` writes it when the core is
#: built: :func:`cleaner.native.rules.build_parsed`): a line naming the layout and the parser's version
#: (``_native.parsed_format``), then each pattern the core parses with its parse, by the pattern itself. Parsing
#: the ~110 patterns a process's first dump compiles was ~30 M instructions of a CLI start; a pattern edited
#: since is not found, and parsed as before. A test keeps the file current.
PARSED_FILE = "parsed.native.bin"


def _ship_parsed(_native) -> None:
    """Hand the core :data:`PARSED_FILE`, when it was made for this core's layout and parser (else the core
    parses every pattern itself)."""
    from ..data import data_file, read_bytes

    try:
        raw = read_bytes(data_file(PARSED_FILE))
        header = _native.parsed_format().encode("utf-8") + b"\n"
    except (OSError, AttributeError):  # (no file; a core built before it)
        return
    if raw.startswith(header):
        _native.ship_parsed(raw[len(header):])


@lru_cache(maxsize=1)
def _loaded() -> tuple[Any, str]:
    return _load()


def core():
    """The native core (a ``cleaner._native.Core``), or None when the Python reference runs."""
    return _loaded()[0]


def literal_screen(literals: list[str]) -> Any:
    """The core's one-pass search for ``literals`` (``_native.Literals``: ``found(utf8)`` gives the indices of
    those a text holds), or None when the Python reference runs. It reads bytes, not characters, so it needs
    no character table: not the whole core (~40 ms to start), which an HTML page never asks for."""
    _native, _ = _extension()
    return _native.Literals(literals) if _native is not None else None


def core_name() -> str:
    """Which core runs, for ``cleaner --version``: "native core" or "pure Python" (with the reason)."""
    native, why = _loaded()
    if native is not None:
        return "native core"
    return "pure Python" if why.startswith(PURE_PYTHON_ENV) else f"pure Python: {why}"


# --- the rules, from the Python modules --------------------------------------------------------------

def _feature_rules() -> dict[str, Any]:
    """The constants of ``cleaner.stages.features`` (and the lexicon's sentence marks) that the core's measures read."""
    from .. import lexicon
    from ..stages import features
    from ..triggers import WORD_PUNCTUATION

    ends, closers, starts, full_width, dateline = _feature_regexes(lexicon.SENTENCE_BREAK, lexicon.INNER_DATELINE)
    return {
        "sample_words": features._SAMPLE_WORDS,
        "word_punctuation": WORD_PUNCTUATION,
        "sentence_end": "".join(sorted(lexicon.SENTENCE_END)),
        "closers": "".join(sorted(lexicon.CLOSERS)),
        "sentence_break_ends": ends,
        "sentence_break_closers": closers,
        "sentence_starts": starts,
        "sentence_break_full_width": full_width,
        "inner_dateline": dateline,
        "inner_dateline_from": features._DATELINE_FROM,
        "inner_dateline_words": features._DATELINE_MIN_WORDS,
    }


#: The rules' regexes translated for the core (``python tools/build_phrase_index.py`` writes it, beside the
#: phrases' translations: :func:`cleaner.native.rules.build_specs`): translating them from ``sre_parse`` at every
#: start cost ~5 ms of a CLI run. Each is found by its source, flags and anchoring, so a regex edited since is
#: translated anew; the feature rules' two regexes too (:func:`feature_regexes_key`). A test keeps the file
#: current (and equal to what the translator makes).
SPECS_FILE = "rules.native.marshal"
#: Bumped whenever ``cleaner.native.rules.translate`` translates differently (the shipped file is then rebuilt).
SPECS_VERSION = 1


@lru_cache(maxsize=1)
def shipped_rules_file() -> dict[str, Any]:
    """:data:`SPECS_FILE`, if made by this translator (:data:`SPECS_VERSION`); else empty."""
    from ..data import MARSHAL_ERRORS, data_file, read_marshal

    try:
        data = read_marshal(data_file(SPECS_FILE))
    except MARSHAL_ERRORS:
        return {}
    return data if isinstance(data, dict) and data.get("version") == SPECS_VERSION else {}


def shipped_feature_regexes() -> dict[str, list[Any]]:
    """The shipped :func:`translate_feature_regexes`, by :func:`feature_regexes_key`."""
    return shipped_rules_file().get("features", {})


def feature_regexes_key(sentence_break: re.Pattern[str], inner_dateline: re.Pattern[str]) -> str:
    """What :func:`translate_feature_regexes` makes its answer from (the shipped answers are found by it)."""
    return (f"translator {TRANSLATOR_VERSION}: {int(sentence_break.flags)} {sentence_break.pattern}\n"
            f"{int(inner_dateline.flags)} {inner_dateline.pattern}")


def translate_feature_regexes(sentence_break: re.Pattern[str], inner_dateline: re.Pattern[str]) -> tuple:
    """(the sentence break's ends, closers, starts and full-width marks; the inner dateline in the core's syntax)."""
    ends, closers, starts, full_width = _sentence_break_sets(sentence_break)
    dateline, _ = rust_regex(inner_dateline.pattern, ignorecase=False)
    return ends, closers, starts, full_width, dateline


def _feature_regexes(sentence_break: re.Pattern[str], inner_dateline: re.Pattern[str]) -> tuple:
    """:func:`translate_feature_regexes`, read from the rules' shipped translations when they hold it for these
    patterns (``python tools/build_phrase_index.py``; translating them from Python's parse was ~5 M instructions
    of every start), else translated now."""
    found = shipped_feature_regexes().get(feature_regexes_key(sentence_break, inner_dateline))
    if found is None:
        return translate_feature_regexes(sentence_break, inner_dateline)
    ends, closers, starts, full_width, dateline = found
    return ends, closers, [tuple(pair) for pair in starts], full_width, dateline


def _sentence_break_sets(pattern: re.Pattern[str]) -> tuple[str, str, list[tuple[str, str]], str]:
    """The character sets of ``SENTENCE_BREAK``, whose look-aheads the core scans for by hand.

    The core's scanner is the shape ``[ENDS][CLOSERS]*\\s+(?=[STARTS])|[FULL_WIDTH](?=.)``; a pattern of
    another shape is refused rather than half-followed.
    """
    def chars(item) -> str:
        op, av = item
        if op is sre.LITERAL:
            return chr(av)
        if op is sre.IN and all(o is sre.LITERAL for o, _ in av):
            return "".join(chr(a) for _, a in av)
        raise Untranslatable(f"SENTENCE_BREAK: {item} is not a set of characters")

    def ranges(item) -> list[tuple[str, str]]:
        op, av = item
        if op is not sre.IN:
            raise Untranslatable(f"SENTENCE_BREAK: {item} is not a class")
        found = []
        for o, a in av:
            if o is sre.LITERAL:
                found.append((chr(a), chr(a)))
            elif o is sre.RANGE:
                found.append((chr(a[0]), chr(a[1])))
            else:
                raise Untranslatable(f"SENTENCE_BREAK: {o} in the look-ahead's class")
        return found

    match _plain(sre_parse.parse(pattern.pattern, pattern.flags)):
        case [(sre.BRANCH, (None, [
                [ends, (sre.MAX_REPEAT, (0, sre.MAXREPEAT, [closers])),
                 (sre.MAX_REPEAT, (1, sre.MAXREPEAT, [(sre.IN, [(sre.CATEGORY, sre.CATEGORY_SPACE)])])),
                 (sre.ASSERT, (1, [starts]))],
                [full_width, (sre.ASSERT, (1, [(sre.ANY, None)]))]]))]:
            pass
        case _:
            raise Untranslatable("SENTENCE_BREAK has changed shape")
    return chars(ends), chars(closers), ranges(starts), chars(full_width)


def _plain(parsed):
    """A parse tree as nested lists and tuples (``re``'s SubPattern is not a sequence to ``match``)."""
    if isinstance(parsed, (list, tuple, sre_parse.SubPattern)):
        items = [_plain(item) for item in parsed]
        return tuple(items) if isinstance(parsed, tuple) else items
    return parsed


# --- regexes, translated ------------------------------------------------------------------------------

def _char(char: str) -> str:
    """One character in the regex crate's syntax (escaped unless a plain letter or digit)."""
    return char if char.isascii() and char.isalnum() else "\\x{%x}" % ord(char)


_SPACE = r"\s\x1c-\x1f"  # Python's \s also has the four ASCII separators; the regex crate's does not
_CATEGORIES = {
    sre.CATEGORY_WORD: r"\w", sre.CATEGORY_NOT_WORD: r"\W", sre.CATEGORY_DIGIT: r"\d",
    sre.CATEGORY_NOT_DIGIT: r"\D", sre.CATEGORY_SPACE: _SPACE, sre.CATEGORY_NOT_SPACE: f"[^{_SPACE}]",
}
#: The two look-arounds of WORD_START, which the regex crate writes as half word boundaries.
_WORD_HALVES = {(sre.ASSERT_NOT, -1): r"\b{start-half}", (sre.ASSERT_NOT, 1): r"\b{end-half}"}


class _Translator:
    """Python's parse of a regex, written for the regex crate (see :func:`rust_regex`)."""

    def __init__(self, ignorecase: bool, raw: bool = False) -> None:
        from ..triggers import _UNFOLDABLE, fold

        self.ignorecase = ignorecase
        #: a case-sensitive pattern the core runs on the line with stand-ins (``Table::raw_char``): classes
        #: and anchors read as ``re`` reads them, and each range is checked by the core
        self.raw = raw and not ignorecase
        self.fold, self.unfoldable = fold, _UNFOLDABLE
        self.named: set[str] = set()
        self.ranges: list[tuple[str, str]] = []
        #: did the pattern read a class the two engines read differently (\w, \s, \d, \b)?
        self.classes = False

    def char(self, code: int) -> str:
        char = chr(code)
        if self.ignorecase:
            if char in self.unfoldable:
                raise Untranslatable(f"U+{code:04X} has no single case-folded form")
            char = self.fold(char)
        self.named.add(char)
        return char

    def sequence(self, items) -> str:
        return "".join(self.item(op, av) for op, av in items)

    def item(self, op, av) -> str:
        if op is sre.LITERAL:
            return _char(self.char(av))
        if op is sre.NOT_LITERAL:
            return f"[^{_char(self.char(av))}]"
        if op is sre.ANY:
            return "."
        if op is sre.IN:
            return self.charset(av)
        if op is sre.BRANCH:
            return "(?:" + "|".join(self.sequence(alternative) for alternative in av[1]) + ")"
        if op is sre.SUBPATTERN:
            _, add_flags, del_flags, body = av
            if add_flags or del_flags:
                raise Untranslatable("inline flags")
            return "(?:" + self.sequence(body) + ")"
        if op in (sre.MAX_REPEAT, sre.MIN_REPEAT):
            low, high, body = av
            bound = "{%d,}" % low if high is sre.MAXREPEAT else "{%d,%d}" % (low, high)
            return "(?:" + self.sequence(body) + ")" + bound + ("?" if op is sre.MIN_REPEAT else "")
        if op is sre.AT:
            return self.anchor(av)
        if op in (sre.ASSERT, sre.ASSERT_NOT) and (self.ignorecase or self.raw):
            self.classes = True
            direction, body = av
            if list(body) == [(sre.IN, [(sre.CATEGORY, sre.CATEGORY_WORD)])] and (op, direction) in _WORD_HALVES:
                return _WORD_HALVES[op, direction]
        raise Untranslatable(f"{op} is not translated")

    def anchor(self, code) -> str:
        if not self.ignorecase and not self.raw:
            raise Untranslatable("anchors in a case-sensitive pattern (it is searched from an offset)")
        anchors = {sre.AT_BEGINNING: "^", sre.AT_BEGINNING_STRING: r"\A", sre.AT_END: "$",
                   sre.AT_END_STRING: r"\z", sre.AT_BOUNDARY: r"\b", sre.AT_NON_BOUNDARY: r"\B"}
        if code not in anchors:
            raise Untranslatable(f"{code} is not translated")
        self.classes |= code in (sre.AT_BOUNDARY, sre.AT_NON_BOUNDARY)
        return anchors[code]

    def charset(self, items) -> str:
        negate = bool(items) and items[0][0] is sre.NEGATE
        parts = []
        for op, av in items[negate:]:
            if op is sre.LITERAL:
                parts.append(_char(self.char(av)))
            elif op is sre.RANGE:
                low, high = av
                if self.ignorecase:
                    members = [chr(code) for code in range(low, high + 1)]
                    if high > 0xFF or any(char.lower() != char.upper() for char in members):
                        raise Untranslatable("a range of cased or non-Latin-1 characters under IGNORECASE")
                    parts.extend(_char(self.char(code)) for code in range(low, high + 1))
                else:
                    parts.append(f"{_char(self.char(low))}-{_char(self.char(high))}")
                    self.ranges.append((chr(low), chr(high)))
            elif op is sre.CATEGORY:
                if not self.ignorecase and not self.raw and av not in (sre.CATEGORY_SPACE, sre.CATEGORY_NOT_SPACE):
                    raise Untranslatable("\\w, \\d in a case-sensitive pattern (it runs on the text as it is)")
                parts.append(_CATEGORIES[av])
                self.classes = True
            else:
                raise Untranslatable(f"{op} in a class")
        return "[" + ("^" if negate else "") + "".join(parts) + "]"


def rust_regex(pattern: str, ignorecase: bool = True) -> tuple[str, str]:
    """``pattern`` in the regex crate's syntax, and every character it names.

    Written from ``re``'s own parse, so it is read as Python reads it. With ``ignorecase`` it runs on a
    line mapped by the core (each character folded as :func:`cleaner.triggers.fold` folds it, and a
    stand-in for the few characters whose ``\\w``, ``\\s`` or ``\\d`` the two engines read differently);
    so the pattern's characters are written folded and the regex is case-sensitive. Without, it runs on
    the text as it is. Raises :class:`Untranslatable` for what the core would not read exactly as ``re``.
    """
    parsed = sre_parse.parse(pattern, re.I if ignorecase else 0)
    if parsed.state.flags & (re.M | re.S | re.A | re.L) or bool(parsed.state.flags & re.I) != ignorecase:
        raise Untranslatable("flags that change what the pattern matches (MULTILINE, DOTALL, ASCII, LOCALE)")
    translator = _Translator(ignorecase)
    return translator.sequence(parsed), "".join(sorted(translator.named))


# --- the phrase book ------------------------------------------------------------------------------------

@record(frozen=True, eq=False, repr=False)
class NativeBook:
    """The core's phrase book, and the category names its numbers stand for. (No ``__eq__`` nor ``__repr__``:
    nothing compares or prints one.)"""

    book: Any
    categories: tuple[str, ...]


def native_phrasebook(book=None) -> NativeBook:
    """The core's copy of a :class:`~cleaner.stages.phrases.PhraseBook` (the shipped one by default)."""
    if book is None:
        return _default_native_book()
    categories, scopes, short_words, needles = _phrasebook_args(book, _shipped_translations(), shipped_needles() or {})
    return NativeBook(_required().phrasebook(*scopes, short_words, *_book_constants(), needles), categories)


def _phrasebook_args(book, translations: dict[str, tuple[str, str]], needles_of: dict[str, Any]):
    """What the core's ``phrasebook`` is handed for ``book`` besides the code's constants
    (:func:`_book_constants`): (categories, the three scopes' translated entries, each category's short-line
    words, each scope's needles). ``translations``: regexes already translated, by pattern (others are
    translated here); ``needles_of``: each regex's needles as the core lists them (a regex not there: none
    shipped, the core parses it for them)."""
    from ..triggers import WORD_START

    categories = tuple(book.short_words)
    if len(categories) >= NO_PHRASE:
        raise Untranslatable(f"{len(categories)} categories: the core numbers them in a byte")
    number = {name: i for i, name in enumerate(categories)}
    needles: list[list[list[bytes] | None]] = []

    def scope(which) -> list[tuple[int, str, list[str] | None, str]]:
        translated, scope_needles = [], []
        for category, source, keys in which.entries:
            pattern = which.wrap.format(f"{WORD_START}(?:{source})")
            regex, named = translations[pattern] if pattern in translations else rust_regex(pattern)
            translated.append((number[category], regex, keys, named))
            found = needles_of.get(regex, False)  # (False: not shipped; None: shipped, it has none)
            scope_needles.append(None if found is False else found or [])
        needles.append(scope_needles)
        return translated

    scopes = (scope(book.strong), scope(book.whole), scope(book.short))
    return categories, scopes, [book.short_words[c] for c in categories], needles


def _book_constants() -> tuple[int, int, int, int]:
    """The code's constants the core's ``phrasebook`` reads beside the data (whole-line, short-line and short
    sentence words; the trigger key's length)."""
    from ..stages import phrases
    from ..triggers import KEY_LENGTH

    return phrases._WHOLE_LINE_WORDS, phrases._SHORT_LINE_WORDS, phrases._SHORT_SENTENCE_WORDS, KEY_LENGTH


#: The shipped phrase book as the core's ``phrasebook`` takes it (``python tools/build_phrase_index.py``
#: writes it when the core is built): its categories, the three scopes' entries translated, with their keys
#: and needles. A start reads it in one file, where making the Python book (the phrase data's twin, the
#: trigger index, ~1,000 patterns indexed by key) and looking each pattern up in the translations and the
#: needles cost ~8 ms of a CLI start. Used only when made from exactly this phrase data, by this translator,
#: trigger index, needle lister and wraps (:func:`_book_key`); a test keeps it current.
BOOK_FILE = "phrasebook.native.marshal"
#: Bumped whenever :data:`BOOK_FILE`'s layout changes.
BOOK_VERSION = 1


def _book_key() -> str:
    """What :data:`BOOK_FILE` is made from: the phrase data's SHA-256 and the versions and wraps of what made it."""
    from ..data import read_bytes, source_sha256
    from ..stages.phrases import INDEX_VERSION, PHRASES_FILE, WHOLE_LINE_WRAP
    from ..triggers import WORD_START

    return (f"{source_sha256(read_bytes(PHRASES_FILE))} book {BOOK_VERSION} translator {TRANSLATOR_VERSION} "
            f"index {INDEX_VERSION} needles {NEEDLES_VERSION} word start {WORD_START} whole {WHOLE_LINE_WRAP}")


def build_book() -> dict[str, Any]:
    """:data:`BOOK_FILE`'s content for the shipped phrase data (the needles listed by the core now)."""
    from .. import _native
    from ..stages.phrases import default_phrasebook

    translations = {pattern: tuple(found) for pattern, found in build_translations()["regexes"].items()}
    regexes = {regex for regex, _ in translations.values()}
    needles_of = {regex: _native.needle_strings(regex) for regex in sorted(regexes)}
    categories, scopes, short_words, needles = _phrasebook_args(default_phrasebook(), translations, needles_of)
    return {"key": _book_key(), "categories": categories, "scopes": scopes, "short_words": short_words,
            "needles": needles}


def _shipped_book() -> "tuple[tuple[str, ...], tuple, list[int], list] | None":
    """:data:`BOOK_FILE`'s (categories, scopes, short-line words, needles), if made from exactly this phrase
    data (:func:`_book_key`); else None."""
    from ..data import MARSHAL_ERRORS, data_file, read_marshal

    try:
        data = read_marshal(data_file(BOOK_FILE))
    except MARSHAL_ERRORS:
        return None
    if not isinstance(data, dict) or data.get("key") != _book_key():
        return None
    return data["categories"], data["scopes"], data["short_words"], data["needles"]


#: Each core regex's needles as the core lists them (``_native.needle_strings``: the strings one of which
#: every match contains), by regex: the rules' (``python tools/build_phrase_index.py`` writes it when the core
#: is built; the shipped phrases' are in :data:`BOOK_FILE`: a phrase book made otherwise, or from phrases edited
#: since, has its patterns parsed for them). The core looks for them before it parses a pattern and compiles its matcher:
#: a CLI start compiled ~130 phrase matchers (~260 K instructions each) for lines that held none of their
#: needles, and parsed every shape pattern at start for them. Keyed by the regex itself, so a regex edited
#: since is simply not found (the core then parses it for its own); a test keeps the file current.
NEEDLES_FILE = "needles.native.marshal"
#: Bumped whenever the core lists a regex's needles differently (the shipped file is then rebuilt).
NEEDLES_VERSION = 1


@lru_cache(maxsize=1)
def shipped_needles() -> "dict[str, list[bytes] | None] | None":
    """The shipped needles by regex (:data:`NEEDLES_FILE`), if made for this version; else None."""
    from ..data import MARSHAL_ERRORS, data_file, read_marshal

    try:
        data = read_marshal(data_file(NEEDLES_FILE))
    except MARSHAL_ERRORS:
        return None
    if not isinstance(data, dict) or data.get("version") != NEEDLES_VERSION or not isinstance(data.get("needles"), dict):
        return None
    return data["needles"]


#: The shipped phrases translated for the core (``python tools/build_phrase_index.py`` writes it, beside the
#: trigger index): translating the ~400 patterns at every start costs ~0.1 s of CPU. Used only when made from
#: exactly the shipped phrase data by this translator (:data:`TRANSLATOR_VERSION`); a test keeps it current.
TRANSLATIONS_FILE = "boilerplate.native.marshal"
#: Bumped whenever :func:`rust_regex` translates differently (the shipped file is then rebuilt).
TRANSLATOR_VERSION = 1


def build_translations() -> dict[str, Any]:
    """Every shipped phrase pattern, as the phrase book searches it, in the core's syntax: {pattern: [regex, named]}."""
    from ..data import read_bytes, source_sha256
    from ..stages.phrases import PHRASES_FILE, default_phrasebook
    from ..triggers import WORD_START

    book = default_phrasebook()
    patterns = sorted({which.wrap.format(f"{WORD_START}(?:{source})")
                       for which in (book.strong, book.whole, book.short) for _, source, _ in which.entries})
    return {"source_sha256": source_sha256(read_bytes(PHRASES_FILE)), "version": TRANSLATOR_VERSION,
            "regexes": {pattern: list(rust_regex(pattern)) for pattern in patterns}}


def _shipped_translations() -> dict[str, tuple[str, str]]:
    """The shipped translations, if made from exactly this phrase data by this translator; else none."""
    from ..data import MARSHAL_ERRORS, data_file, read_bytes, read_marshal, source_sha256
    from ..stages.phrases import PHRASES_FILE

    try:
        data = read_marshal(data_file(TRANSLATIONS_FILE))
    except MARSHAL_ERRORS:
        return {}
    if not isinstance(data, dict) or data.get("version") != TRANSLATOR_VERSION or \
            data.get("source_sha256") != source_sha256(read_bytes(PHRASES_FILE)):
        return {}
    return {pattern: (regex, named) for pattern, (regex, named) in data.get("regexes", {}).items()}


@lru_cache(maxsize=1)
def _default_native_book() -> NativeBook:
    """The core's copy of the shipped phrase book: from :data:`BOOK_FILE` when it is current, else made from the
    Python book (:func:`native_phrasebook`)."""
    shipped = _shipped_book()
    if shipped is None:
        from ..stages.phrases import default_phrasebook

        return native_phrasebook(default_phrasebook())
    categories, scopes, short_words, needles = shipped
    return NativeBook(_required().phrasebook(*scopes, short_words, *_book_constants(), needles), categories)


def _required():
    native = core()
    if native is None:
        raise RuntimeError(f"no native core ({_loaded()[1]})")
    return native


# --- one call per document -----------------------------------------------------------------------------

_U32 = ("words", "chars", "units", "stops", "sentences")
_F64 = ("stop_ratio", "title_ratio", "alpha_ratio", "digit_ratio")
_BOOL = ("ends_sentence", "ends_colon", "upper", "inner_dateline")


class Measures:
    """A document's line measures from the core: one column per ``Features`` attribute.

    ``words[i]``, ``stop_ratio[i]``… are the numbers ``Features`` gives line ``i`` (the flags are 0/1);
    :meth:`content` is the line's topic words (``Features.content``, in no set order). The columns stay in
    the core until read: a column is copied out (as a ``memoryview``) on first access.
    """

    def __init__(self, native) -> None:
        self.native = native

    def __len__(self) -> int:
        return len(self.native)

    def __getattr__(self, name: str):
        if name not in _U32 and name not in _F64 and name not in _BOOL:
            raise AttributeError(name)
        column = self.column(name)
        setattr(self, name, column)
        return column

    def column(self, name: str):
        """The column ``name``, copied out of the core and not kept here (a reader that keeps the measures
        for :meth:`content` alone does not keep every column too)."""
        if name in _U32:
            return memoryview(self.native.column(name)).cast("I")
        if name in _F64:
            return memoryview(self.native.column(name)).cast("d")
        if name in _BOOL:
            return self.native.column(name)
        raise KeyError(name)

    def content(self, i: int) -> tuple[str, ...]:
        return tuple(self.native.content(i))


@lru_cache(maxsize=None)
def _stoplist(words: frozenset[str]):
    """The core's copy of a stoplist, made once (a frozenset keeps its hash: a lookup is one probe)."""
    from .. import _native

    return _native.Stoplist(sorted(words))


def measure_document(lines: list[str], stoplist: frozenset[str], char_mode: bool) -> Measures:
    """``Features(line, stoplist, char_mode)`` of every line (non-blank, stripped), in one call."""
    return Measures(_required().measure(lines, _stoplist(stoplist) if stoplist else None, char_mode))


def measured_or_none(lines: list[str], stoplist: frozenset[str], char_mode: bool) -> Measures | None:
    """:func:`measure_document`, or None when the core is not running or refuses the lines (a lone
    surrogate): the caller's Python reference measures then."""
    native = core()
    if native is None:
        return None
    from .. import _native

    try:
        return Measures(native.measure(lines, _stoplist(stoplist) if stoplist else None, char_mode))
    except refusals(_native):
        return None


def phrases_or_none(lines: list[str], stoplist: frozenset[str],
                    char_mode: bool) -> "list[tuple[str, str] | None] | None":
    """Each line's phrase as the shipped ``PhraseBook.classify`` gives it ((category, how), or None), for
    lines the Python stages clean (an HTML page's, a profiled dump's), in one call; None when the core is not
    running or refuses the lines (a lone surrogate): the caller's Python reference classifies them then.
    The core measures the lines again for the words and sentence end the classification reads: the same
    numbers as the features stage's (:func:`measured_or_none`, given the same stoplist and mode)."""
    native = core()
    if native is None:
        return None
    from .. import _native

    book = _default_native_book()
    try:
        _, categories, hows = native.analyse(lines, _stoplist(stoplist) if stoplist else None, char_mode, book.book)
    except refusals(_native):
        return None
    names = book.categories
    return [None if category == NO_PHRASE else (names[category], HOW[how]) for category, how in zip(categories, hows)]


@lru_cache(maxsize=8)
def _one_pattern_book(pattern: str) -> Any:
    """The core's phrase book of ``pattern`` (an ``re.I`` regex) alone, in the scope searched in any line."""
    from ..triggers import KEY_LENGTH

    regex, named = rust_regex(pattern)
    return _required().phrasebook([(0, regex, None, named)], [], [], [0], 0, 0, 0, KEY_LENGTH)


def found_in_lines(pattern: str, lines: list[str]) -> bytes | None:
    """Per line, 1 where ``re.search(pattern, line, re.I)`` finds a match, else 0, searched by the core in one
    call; None when the core is not running, cannot read the pattern as ``re`` does (:func:`rust_regex`), or
    refuses a line (a lone surrogate): the caller's Python search runs then."""
    native = core()
    if native is None:
        return None
    from .. import _native

    try:
        found = native.strong_phrases(_one_pattern_book(pattern), lines)
    except (Untranslatable, *refusals(_native)):
        return None
    return found.translate(_FOUND)


#: The core's category column of a one-pattern book as 1 (found) and 0 (:data:`NO_PHRASE`).
_FOUND = bytes(0 if code == NO_PHRASE else 1 for code in range(256))


def classify_phrases(lines: list[str], measures: Measures, book: NativeBook | None = None) -> tuple[bytes, bytes]:
    """Each line's phrase: (category numbers, how numbers), ``NO_PHRASE`` where none (see :func:`phrase`)."""
    book = book or _default_native_book()
    return _required().classify(book.book, lines, measures.native)


def analyse_document(lines: list[str], stoplist: frozenset[str], char_mode: bool,
                     book: NativeBook | None = None) -> tuple[Measures, bytes, bytes]:
    """Measures and phrases of every line in one call: (measures, category numbers, how numbers)."""
    book = book or _default_native_book()
    columns, categories, hows = _required().analyse(lines, _stoplist(stoplist) if stoplist else None, char_mode,
                                                     book.book)
    return Measures(columns), categories, hows


def phrase(categories: bytes, hows: bytes, i: int, book: NativeBook | None = None) -> tuple[str, str] | None:
    """Line ``i``'s phrase as ``PhraseBook.classify`` gives it: (category, how), or None."""
    if categories[i] == NO_PHRASE:
        return None
    return (book or _default_native_book()).categories[categories[i]], HOW[hows[i]]


# --- parity with the reference ---------------------------------------------------------------------------

#: The ``Features`` attributes the core computes (``content`` compared as a set).
FEATURE_FIELDS = ("words", "chars", "units", "stops", "stop_ratio", "ends_sentence", "ends_colon", "sentences",
                  "title_ratio", "upper", "alpha_ratio", "digit_ratio", "inner_dateline", "content")


def differences(lines: list[str], stoplist: frozenset[str], char_mode: bool,
                book=None) -> list[tuple[int, str, Any, Any]]:
    """Where the core and the Python reference disagree on a document's lines: (line, field, core, Python).

    ``book``: a Python ``PhraseBook`` (the shipped one by default); the core gets its own copy of it.
    For the parity tests and ``bench/native_parity.py``; an empty list is the contract.
    """
    from ..stages.features import Features
    from ..stages.phrases import default_phrasebook
    from ..triggers import line_keys

    python_book = book or default_phrasebook()
    native_book = native_phrasebook(book) if book else _default_native_book()
    measures, categories, hows = analyse_document(lines, stoplist, char_mode, native_book)
    found = []
    for i, text in enumerate(lines):
        reference = Features(text, stoplist, char_mode)
        for field in FEATURE_FIELDS:
            mine = set(measures.content(i)) if field == "content" else getattr(measures, field)[i]
            theirs = set(reference.content) if field == "content" else getattr(reference, field)
            if isinstance(theirs, bool):
                mine = bool(mine)
            if mine != theirs:
                found.append((i, field, mine, theirs))
        expected = python_book.classify(text, line_keys(text), reference.words, reference.ends_sentence)
        got = phrase(categories, hows, i, native_book)
        if got != expected:
            found.append((i, "phrase", got, expected))
    return found
