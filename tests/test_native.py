"""The native core (stage 1: line measures and phrases) against the Python reference.

Parity is the contract: every line's ``Features`` and ``PhraseBook.classify`` answer must be the same from
both cores, on every fixture line and on generated text. Skipped when the core is not built, unless
``CLEANER_REQUIRE_NATIVE=1`` (CI builds it: there a missing core is a failure).
"""

from __future__ import annotations

import gzip
import os
import re
import subprocess
import sys
import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleaner import language, native
from cleaner.document import Document

from conftest import FIXTURES, ROOT

if native.core() is None:
    if os.environ.get("CLEANER_REQUIRE_NATIVE") == "1":
        pytest.fail(f"CLEANER_REQUIRE_NATIVE=1 but {native.core_name()}", pytrace=False)
    pytest.skip(f"no native core ({native.core_name()})", allow_module_level=True)

CORE = native.core()
ENGLISH = language.stopwords("English")


def _documents():
    """(name, lines) of every fixture dump, text and HTML, as the pipeline makes them."""
    from cleaner.html import html_to_document

    for path in sorted(FIXTURES.rglob("*")):
        name = path.name
        if name.endswith((".txt", ".html", ".html.gz")) and not name.endswith((".expected.txt", ".gold.txt")):
            raw = gzip.decompress(path.read_bytes()) if name.endswith(".gz") else path.read_bytes()
            text = raw.decode("utf-8", errors="replace")
            doc = html_to_document(text) if ".html" in name else Document.from_text(text)
            yield name, [line.text for line in doc.lines]


def test_both_cores_agree_on_every_fixture_line():
    count = 0
    for name, lines in _documents():
        lang, char_mode = language.detect(lines)
        assert native.differences(lines, language.stopwords(lang), char_mode) == [], name
        count += len(lines)
    assert count > 900


# --- generated text ----------------------------------------------------------------------------------------

#: Characters where the two engines, or str methods and regexes, part ways: Python's four ASCII separators
#: (white space to str.split and re, not to Rust), other spaces, combining marks (\w to Rust, not to re),
#: No digits (\w to re, not to Rust), the long s, dotted and dotless i, Kelvin sign, sigma, Cyrillic rounded
#: letters, title case, circled letters (upper case but not letters), CJK, closers and sentence ends.
_TRAPS = ("\x1c\x1d\x1e\x1f\x0b\x0c\x85\xa0\u1680\u2000\u2028\u2029\u202f\u3000\u200b\u180e"
          "\u0301\u0345\u20dd\u093f²½①\u0660ſİıKΣσςᲀвΙιι\u01c5Ⓒⓐ\u2160東京。！？.!?…\"'”’»)]）」』:：©@#_-–—|/")
_WORDS = ["newsletter", "sign up", "Subscribe", "cookies", "share", "E-newsletter", "Read more", "Advertisement",
          "NEW DELHI:", "(AP) —", "(Reuters) -", "the", "and", "of", "Committee", "Monday", "said", "Copyright",
          "ΟΔΟΣ", "İNBOX", "ſhare", "abonnieren", "подпишитесь", "Kommentare (3)", "x", "tel:", "#X#"]
_affix = st.text(alphabet=st.sampled_from(_TRAPS), max_size=2) | st.sampled_from(["|", "»", "-", "•", "#"])
_word = st.sampled_from(_WORDS) | st.just("") | st.text(min_size=1, max_size=6) | \
    st.text(alphabet=st.sampled_from("abcdefghijklmnopqrstuvwxyzäöüéΑΣσςЖжİıſ"), min_size=3, max_size=9)
_piece = st.builds(lambda before, word, after: before + word + after, _affix, _word, _affix)
_line = st.lists(st.tuples(_piece, st.sampled_from([" ", " ", " ", "", "  ", "\t", "\x1c", "\u00a0", "\u2000"])),
                 min_size=1, max_size=14).map(lambda parts: "".join(p + g for p, g in parts))


def _document_lines(texts: list[str]) -> list[str]:
    """Lines as a Document makes them (split at newlines, stripped, blank ones left out)."""
    return [line.text for line in Document.from_text("\n".join(t.replace("\x00", "") for t in texts)).lines]


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_line, min_size=1, max_size=6), st.sampled_from([False, False, False, True]),
       st.sampled_from(["English", "German", "Greek", None]))
def test_both_cores_agree_on_generated_text(texts, char_mode, lang):
    lines = _document_lines(texts)
    if lines:
        assert native.differences(lines, language.stopwords(lang) if lang else frozenset(), char_mode) == []


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.text(alphabet=st.characters(exclude_categories=["Cs"]), min_size=1, max_size=60),
                min_size=1, max_size=5))
def test_both_cores_agree_on_any_characters(texts):
    """Fuzz: any code point (lone surrogates aside: they are no UTF-8, see the next test)."""
    lines = _document_lines(texts)
    if lines:
        assert native.differences(lines, ENGLISH, False) == []


def test_both_cores_agree_at_the_limits():
    """Lines at each word limit of the phrase scopes and the measures (whole line, short line, the
    sentence-like short line, the stop-word sample, the inner dateline's offset and length)."""
    lines = []
    for n in range(1, 64):
        lines += ["Share" + " |" * (n - 1), "Sign up" + " now" * (n - 2), "Sign up now" + " it is" * (n // 2) + ".",
                  "The" + " the and" * n, "Cookies" + " x" * n]
        k, extra = divmod(n, 4)  # a dateline after k characters, in lines of 7 to 10 words
        lines += ["y" * k + " NEW DELHI: the court said" + " so" * (extra + 1), "y" * k + " (AP) — it said" + " so" * extra]
    assert native.differences(_document_lines(lines), ENGLISH, False) == []


def test_bad_input_is_an_exception_never_a_crash():
    with pytest.raises(UnicodeEncodeError):
        native.measure_document(["a lone \ud800 surrogate"], ENGLISH, False)
    with pytest.raises(TypeError):
        native.measure_document(["fine", 3], ENGLISH, False)
    with pytest.raises(ValueError):
        native.measure_document([""], ENGLISH, False)
    with pytest.raises(ValueError):  # a Document's lines never hold a newline; Python's $ would differ
        native.analyse_document(["two\nlines"], ENGLISH, False)
    assert len(native.measure_document([], ENGLISH, False)) == 0


def test_a_panic_comes_out_as_an_ordinary_exception():
    """A bug in the core is a RuntimeError (NativeError) the glue can catch, not a PanicException."""
    from cleaner import _native

    with pytest.raises(_native.NativeError):
        CORE.panic_for_test()
    assert issubclass(_native.NativeError, RuntimeError)


# --- characters as this Python reads them -------------------------------------------------------------------

def test_the_character_table_is_this_pythons():
    """Every code point's properties (what str methods and re's classes say) as the core reads them."""
    from cleaner.triggers import fold

    codes = [code for code in range(0x110000) if not 0xD800 <= code <= 0xDFFF]
    every = "".join(map(chr, codes))
    flags = memoryview(CORE.flags(every)).cast("H")
    for bit, test in ((0, str.isspace), (1, str.isalpha), (2, str.isupper), (3, str.islower), (5, str.isdigit),
                      (6, str.isdecimal)):
        assert [c for c, f in zip(every, flags) if bool(f >> bit & 1) != test(c)] == [], test
    word = "".join("1" if f >> 7 & 1 else "0" for f in flags)
    assert word == re.sub(r"\W", "0", re.sub(r"\w", "1", every))
    assert CORE.lower(every) == every.lower()
    assert CORE.lower("ΟΔΟΣ Σ ΑΣ́ Σ̈Α") == "ΟΔΟΣ Σ ΑΣ́ Σ̈Α".lower()  # final sigma, with case-ignorable marks
    # the phrase regexes see each character folded, or a stand-in where the engines' classes differ
    mapped = CORE.regex_text(every)
    stand_ins = "\ua000\u0660\u3000\ue000"
    assert [c for c, m in zip(every, mapped) if m != fold(c) and m not in stand_ins] == []
    assert CORE.unicode_version == unicodedata.unidata_version


def test_every_phrase_pattern_translates_and_compiles():
    native._default_native_book().book.compile_all()


def test_translation_refuses_what_rust_would_read_differently():
    for pattern in (r"(?<=a)b", r"(a)\1", r"(?m)^a", r"[\u0300-\u036f]", r"(?i:a)", r"ι"):
        with pytest.raises(native.Untranslatable):
            native.rust_regex(pattern)
    assert native.rust_regex(r"\bSign (up|in)\b") == (r"\bsign\x{20}(?:(?:up|in))\b", " ginpsu")


# --- which core runs -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("pure", [False, True])
def test_version_says_which_core_runs(pure):
    env = dict(os.environ)
    env.pop(native.PURE_PYTHON_ENV, None)
    if pure:
        env[native.PURE_PYTHON_ENV] = "1"
    out = subprocess.run([sys.executable, "-m", "cleaner", "--version"], capture_output=True, text=True, env=env,
                         cwd=ROOT, check=True).stdout
    assert out.strip().endswith("(pure Python)" if pure else "(native core)")


def test_the_shipped_rule_translations_are_current():
    """cleaner/data/rules.native.marshal is what the translator makes now of every regex the rules hand the core
    (else run tools/build_phrase_index.py); a start reads them there and translates none."""
    from cleaner.data import data_file, read_marshal
    from cleaner.native import rules

    shipped = read_marshal(data_file(rules.SPECS_FILE))
    assert shipped == rules.build_specs() and len(shipped["specs"]) > 30
    from cleaner import lexicon  # the feature rules' two regexes: shipped, and as translated now
    key = native.feature_regexes_key(lexicon.SENTENCE_BREAK, lexicon.INNER_DATELINE)
    assert key in rules.shipped_feature_regexes()
    assert native._feature_regexes(lexicon.SENTENCE_BREAK, lexicon.INNER_DATELINE) == \
        native.translate_feature_regexes(lexicon.SENTENCE_BREAK, lexicon.INNER_DATELINE)
    code = ("from cleaner.native import rules\n"
            "from cleaner.native.path import native_path\n"
            "print(native_path() is not None, len(rules._translated))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True).stdout
    assert out.split() == [str(native.core() is not None), "0"]


@pytest.mark.skipif(native.core() is None, reason="the columns table is translated for the native core")
def test_the_shipped_columns_table_is_current_and_used():
    """cleaner/data/columns.native.marshal is what the translator makes of the text model's columns now (else run
    tools/build_phrase_index.py), and the text path takes it as it is: a start translates no expression."""
    from cleaner import _native
    from cleaner.native import rules
    from cleaner.native.path import NativePath

    codes = {name: k for k, name in enumerate(NativePath().signals) if k}
    shipped = rules._shipped_columns()
    slot_of = {name: k for k, name in enumerate(_native.column_base_names())}
    constants, arrays = rules._column_inputs(slot_of)
    assert shipped is not None and shipped["key"] == rules._columns_key(codes, dict(slot_of), constants, arrays)
    fresh = rules.translate_columns(codes, dict(slot_of), constants, arrays)
    # (compared by repr: a NaN constant, "is not None" on a measure, is not == itself)
    assert repr({k: shipped[k] for k in fresh}) == repr(fresh) and len(fresh["own"]) > 20
    table = rules.column_rules(codes)
    assert all(table[k] is shipped[k] for k in ("own", "terms", "around"))


def test_the_shipped_phrase_translations_are_current():
    """cleaner/data/boilerplate.native.marshal is what the translator makes of the shipped phrases now (else run
    tools/build_phrase_index.py); and the core's phrase book uses it."""
    from cleaner.data import data_file, read_marshal

    shipped = read_marshal(data_file(native.TRANSLATIONS_FILE))
    assert shipped == native.build_translations()
    assert len(native._shipped_translations()) == len(shipped["regexes"]) > 300


@pytest.mark.skipif(native.core() is None, reason="the regexes are parsed by the native core")
def test_the_shipped_parsed_regexes_are_current():
    """cleaner/data/parsed.native.bin is what the core's parser makes of every shipped phrase's and rule's regex now
    (else run tools/build_phrase_index.py), for this core's layout and parser, so a start parses none of them."""
    from cleaner import _native
    from cleaner.data import data_file, read_bytes
    from cleaner.native import rules

    shipped = read_bytes(data_file(native.PARSED_FILE))
    assert shipped.startswith(_native.parsed_format().encode() + b"\n")
    assert shipped == rules.build_parsed()
    assert len(shipped) > 100_000


@pytest.mark.skipif(native.core() is None, reason="the needles are listed by the native core")
def test_the_shipped_book_is_current_and_is_the_python_books_copy():
    """cleaner/data/phrasebook.native.marshal is what the shipped phrase book hands the core now (else run
    tools/build_phrase_index.py), a start reads it instead of making the Python book, and the core's book made
    from it answers as the one made from the Python book (the same arguments)."""
    from cleaner.data import data_file, read_marshal
    from cleaner.stages.phrases import default_phrasebook

    shipped = read_marshal(data_file(native.BOOK_FILE))
    assert shipped == native.build_book()
    assert native._shipped_book() is not None
    made = native._phrasebook_args(default_phrasebook(), native._shipped_translations(), {})
    assert made[:3] == native._shipped_book()[:3]  # (the needles: the core's, as build_book lists them)
    assert native._default_native_book().categories == made[0]


@pytest.mark.skipif(native.core() is None, reason="the needles are listed by the native core")
def test_the_shipped_needles_are_current_and_reach_the_core():
    """cleaner/data/needles.native.marshal is what the core lists of every rule's regex now (else run
    tools/build_phrase_index.py), and the shipped book (cleaner/data/phrasebook.native.marshal) holds every
    phrase's: a start parses none of them for their needles, and each pattern hands the core its own parts'
    needles (a merged alternation's, not its first branch's)."""
    from cleaner.data import data_file, read_marshal
    from cleaner.native import rules

    shipped = read_marshal(data_file(native.NEEDLES_FILE))
    assert shipped == rules.build_needles()
    needles = native.shipped_needles()
    assert needles is not None and len(needles) > 50
    assert any(found is None for found in needles.values()) and any(found for found in needles.values())
    book_needles = native._shipped_book()[3]
    assert sum(map(len, book_needles)) > 300 and all(found is not None for scope in book_needles for found in scope)
    specs = []

    def walk(value) -> None:
        if isinstance(value, dict):
            if "parts" in value and "folded" in value:
                specs.append(value)
            for item in value.values():
                walk(item)
        elif isinstance(value, (list, tuple)):
            for item in value:
                walk(item)

    walk([rules.shape_rules(), rules.language_rules(), rules.metadata_rules(), rules.island_rules()])
    assert len(specs) > 50 and rules.core_regexes() <= needles.keys()
    for spec in specs:
        assert spec["needles"] == [needles[part] for part in spec["parts"]], spec["name"]


@pytest.mark.skipif(native.core() is None, reason="the needles are listed by the native core")
def test_a_phrase_book_answers_alike_with_and_without_shipped_needles():
    """The shipped needles only spare the core compiling a pattern for a line that lacks them: a book made
    without them classifies every line as the shipped one."""
    from unittest import mock

    from cleaner.stages.phrases import default_phrasebook

    lines = [line.strip() for path in sorted(FIXTURES.rglob("*.txt"))
             for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    shipped = native.native_phrasebook(default_phrasebook())
    with mock.patch.object(native, "shipped_needles", lambda: None):
        parsed = native.native_phrasebook(default_phrasebook())
    core = native.core()
    assert len(lines) > 200
    assert core.analyse(lines, None, False, shipped.book)[1:] == core.analyse(lines, None, False, parsed.book)[1:]


# --- the region words of class and id values (cleaner.html.words) ------------------------------------

def _region_word_values() -> list[str]:
    """Class/id values made of the categories' words and prefixes, in every case, joined every way."""
    import random

    from cleaner.html.words import CATEGORIES, VALUE_CHARS

    pieces = sorted({word for whole, prefixes in CATEGORIES.values() for word in (*whole, *prefixes)})
    pieces += ["x", "ab", "item", "2", "col12", "wp", "is", "js", "navy", "menux", "sharer", "i"]
    joins = [" ", "-", "_", "", "--", "__", ":", ".", "/", "  ", "\t", "1", "9"]
    rng = random.Random(19)
    values = ["", " ", "-", "A", "aB", "a1B", "1A", "AB", "ABc", "NAVMenu", "postBody share-bar", "relatedPosts",
              "x" * (VALUE_CHARS - 2) + " nav", "x" * (VALUE_CHARS - 3) + " nav", "x" * (VALUE_CHARS - 4) + " nav"]
    for _ in range(4000):
        words = [rng.choice(pieces) for _ in range(rng.randint(1, 6))]
        cased = [rng.choice((str.lower, str.upper, str.capitalize, str.title))(word) for word in words]
        value = cased[0]
        for word in cased[1:]:
            value += rng.choice(joins) + word
        values.append(value)
    return values


def test_region_words_of_the_core_are_the_references():
    """``RegionWords.words`` (the layout walk's reading of a new class/id value) gives ``region_words``' words
    in its order, for every ASCII value, and leaves a value with a character beyond ASCII to the reference."""
    from cleaner.html import words

    read = words._native_reader()
    assert read is not None
    for value in _region_word_values():
        assert tuple(read(value)) == words.region_words(value), value
        assert tuple(words.value_region_words(value)) == words.region_words(value), value
    for value in ("navé", "İnav menu", "ﬁgure", "caption\u212a", "Ωmenu"):
        assert read(value) is None, value
        assert words.value_region_words(value) == words.region_words(value), value
    # Beyond the characters read, any character: the value is read as its first VALUE_CHARS.
    tail = "x" * (words.VALUE_CHARS - 4) + " nav" + "é menu"
    assert tuple(read(tail)) == words.region_words(tail) == ("nav",)
