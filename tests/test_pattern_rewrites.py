"""The metadata's and the dates' patterns written with their first character taken first (so that ``re`` passes
over every other character at once) match what their plain forms match: the same splits, the same matches at the
same places, on generated lines of the characters they read."""

from __future__ import annotations

import random
import re

import pytest

from cleaner import dates, lexicon
from cleaner.stages import metadata

#: Each rewritten pattern, with its plain form (as it was written before) and what it is asked.
REWRITES = [
    (metadata._SITE_SEPARATOR, r"\s+[-|–—•·»]\s+", 0),
    (metadata._TITLE_SEPARATOR, r"\s+[-|–—•·»]\s+|:\s+", 0),
    (metadata._NOT_LETTERS, r"[\W_]+", 0),
    (metadata._WORD_LETTERS, r"[^\W\d_]+", 0),
    (metadata._ROLE_SEPARATOR, r"\s+[|•·⋅—–-]\s+|,\s+", 0),
    (metadata._NAMES_SEPARATOR, r",\s+(?:and\s+|&\s+)?|\s+(?:and|&)\s+|;\s+", 0),
    (metadata._DATE_END, r"(?:\d{4}|\d{1,2}:\d{2}(?:\s*[ap]\.?m\.?)?)[\s,·•|–—-]*", re.I),
    (metadata._TITLE_WORD, r"[^\W\d_]{3,}", 0),
    (dates._YEAR, r"\d{4}|\d[/.-]\d{1,2}[/.-]\d{2}", 0),
    (dates._DATELINE_PARTS, r"[;|•·]|\s[-–—]\s", 0),
    (lexicon.DATE_OR_TIME, r"\d{4}|\d{1,2}:\d{2}", 0),
]

#: The pieces generated lines are made of: the separators' characters, spaces of three kinds, digits, words.
_PIECES = [" ", "  ", "\t", "\u00a0", "-", "|", "–", "—", "•", "·", "»", "⋅", ":", ",", ";", "&", ".", "/", "_", "1",
           "2", "12", "2024", "10:30", "am", "p.m.", "and", "And", "Ann", "Lee", "é", "Straße", "x", "新闻", "年"]


def _lines(seed: int, count: int) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(_PIECES) for _ in range(rng.randint(0, 14))) for _ in range(count)]


@pytest.mark.parametrize("pattern, plain, flags", REWRITES, ids=[p for _, p, _ in REWRITES])
def test_rewritten_pattern_matches_as_its_plain_form(pattern, plain, flags):
    reference = re.compile(plain, flags)
    for text in _lines(len(plain), 4000) + ["Headline - Site", "A | B – C: D", "By Ann Lee, and Bo Li; Cy", ""]:
        assert pattern.split(text) == reference.split(text), text
        assert pattern.split(text, maxsplit=1) == reference.split(text, maxsplit=1), text
        assert [m.span() for m in pattern.finditer(text)] == [m.span() for m in reference.finditer(text)], text
        assert pattern.findall(text) == reference.findall(text), text
        assert pattern.sub("", text) == reference.sub("", text), text


def test_parse_date_screens_keep_its_dates():
    """``parse_date`` passes a form over where the text holds none of its characters: the CJK units, the numeric
    date's separators; the dates it gives are those of every form tried."""
    for text, day in (("2025年3月5日", "2025-03-05"), ("2025년 3월 5일", "2025-03-05"), ("5/3/2024", "2024-05-03"),
                      ("05.03.2024", "2024-03-05"), ("5-3-24", "2024-05-03"), ("March 5 2024", "2024-03-05"),
                      ("2024", None)):
        assert dates.parse_date(text) == day, text


# --- the month names grouped by their first letters (lexicon.first_char_alternatives) -------------------------------

from cleaner.lexicon import MONTH_NAMES, TIMESTAMP_LIKE, first_char_alternatives  # noqa: E402

_MONTH_WORDS = [name for names in MONTH_NAMES.values() for name in names]
_PLAIN_MONTHS = "|".join(sorted(map(re.escape, _MONTH_WORDS), key=len, reverse=True))


def test_month_groups_first_letters_match_no_character_alike():
    """Two groups' first letters never match one character alike under ``re.I`` (checked over every code point):
    no two month names of different groups match at one place, so the groups' order is never asked."""
    every = "".join(map(chr, range(0x110000)))
    matched: dict[str, str] = {}
    for first in sorted({name[0] for name in _MONTH_WORDS}):
        for char in re.compile(re.escape(first), re.I).findall(every):
            assert matched.setdefault(char, first) == first, (hex(ord(char)), first, matched[char])


def test_first_char_alternatives_keeps_each_groups_order():
    assert first_char_alternatives(["mars", "may", "june", "m"]) == "m(?:ars|ay|)|j(?:une)"


def _dated_lines(seed: int, count: int) -> list[str]:
    """Datelines of every shape the patterns read (a month's name, in any case, a word's start cut off or a letter
    changed now and then, around days, years, separators and labels), with some noise."""
    rng = random.Random(seed)
    noise = ["ſ", "K", "İ", "ı", "x", "-", ".", ",", " ", "/", "de ", "of ", "th", "Mon, ", "Published ", "Updated: "]

    def month() -> str:
        name = rng.choice(_MONTH_WORDS)
        name = rng.choice([name, name.upper(), name.title(), name[:3], name[1:], name + "x", name + "."])
        return name

    def day() -> str:
        return rng.choice(["1", "05", "12", "31", "3rd", "21st"])

    def year() -> str:
        return rng.choice(["2024", "1999", "24"])

    shapes = [lambda: f"{month()} {day()}, {year()}", lambda: f"{day()} {month()} {year()}",
              lambda: f"{day()}. {month()} {year()}", lambda: f"{day()} de {month()} de {year()}",
              lambda: f"{day()}-{month()}-{year()}", lambda: f"/{year()}/{month()}/{day()}/",
              lambda: f"{month()} {day()}", lambda: f"{day()} {month()}", lambda: f"Updated {month()} {day()}, {year()} 10:30 PM",
              lambda: f"Wednesday, {day()} {month()} {year()}", lambda: f"By Ann Lee {month()} {day()} {year()}"]
    lines = []
    for _ in range(count):
        line = rng.choice(shapes)()
        for _ in range(rng.randint(0, 2)):
            at = rng.randint(0, len(line))
            line = line[:at] + rng.choice(noise) + line[at:]
        lines.append(line)
    return lines


@pytest.mark.parametrize("pattern, grouped", [
    (metadata._DAY_OF_YEAR, metadata._MONTHS), (metadata._DATE_FIRST, metadata._MONTHS),
    (dates._MONTH_FIRST, dates._MONTH_RE), (dates._DAY_FIRST, dates._MONTH_RE), (dates._URL_DATE, dates._MONTH_RE)],
    ids=["day_of_year", "date_first", "month_first", "day_first", "url_date"])
def test_grouped_month_patterns_match_as_the_plain_alternation(pattern, grouped):
    assert grouped in pattern.pattern
    reference = re.compile(pattern.pattern.replace(grouped, _PLAIN_MONTHS), pattern.flags)
    for text in _dated_lines(len(pattern.pattern), 3000):
        for candidate in (text, "/" + text.replace(" ", "/")):
            found, expected = pattern.search(candidate), reference.search(candidate)
            assert (found and (found.span(), found.groups())) == (expected and (expected.span(), expected.groups())), \
                candidate
            found, expected = pattern.match(candidate), reference.match(candidate)
            assert (found and found.span()) == (expected and expected.span()), candidate


def test_timestamp_forms_tried_match_as_the_union_the_core_compiles():
    union = TIMESTAMP_LIKE.compiled()
    for text in _dated_lines(7, 3000):
        found, expected = TIMESTAMP_LIKE.match(text), union.match(text)
        assert (found is None) == (expected is None), text
        if found is not None:
            assert found.span() == expected.span(), text


def test_date_needle_and_name_end_match_as_their_plain_forms():
    """:data:`cleaner.lexicon.DATE_NEEDLE` with its first character taken first, and
    :data:`cleaner.lexicon.BYLINE_NAME_END` with its look-ahead and grouped months, match as their plain forms."""
    needle = re.compile(r"(?=[\dytj])(?:\d|yesterday|today|just now)", re.I)
    lexicon_months = lexicon._flat(lexicon._DATA["months"]["en"])
    grouped_months = "(?:" + first_char_alternatives(lexicon_months) + r")\.?"
    plain_end = lexicon.BYLINE_NAME_END.pattern.replace(grouped_months, "(?:" + lexicon._alternatives(lexicon_months)
                                                        + r")\.?")[len("(?=[\\s,\\d])(?:"):-1]
    name_end = re.compile(plain_end, re.I)
    rng = random.Random(19)
    pieces = ["yesterday", "Yesterday", "TODAY", "today", "just now", "Just Now", "jus", "tod", "y", "t", "j", "J",
              "5", "١", "2024", " ", ", ", " | ", " - ", " on ", " le ", " Published", " March", " mar", "Monday",
              ", Monday", "Ann", "Lee", "İ", "ſ", "K"]
    for _ in range(5000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 8)))
        assert [m.span() for m in lexicon.DATE_NEEDLE.finditer(text)] == [m.span() for m in needle.finditer(text)], text
        assert lexicon.BYLINE_NAME_END.split(text, maxsplit=1) == name_end.split(text, maxsplit=1), text
        assert [m.span() for m in lexicon.BYLINE_NAME_END.finditer(text)] == [m.span() for m in name_end.finditer(text)]


# --- a byline's opening with its words' first characters looked ahead for (lexicon.BYLINE_OPENING_TRIED) ----------

def test_byline_opening_firsts_match_as_the_words_first_characters():
    """The look-ahead's class under ``re.I`` matches each code point that one of the words' first characters, as a
    literal under ``re.I``, matches: it holds wherever the alternation can match."""
    firsts = lexicon.BYLINE_OPENING_FIRSTS
    as_class = re.compile("[" + "".join(map(re.escape, firsts)) + "]", re.I).fullmatch
    as_literals = re.compile("|".join(map(re.escape, firsts)), re.I).fullmatch
    for code in range(0x110000):
        char = chr(code)
        assert (as_class(char) is None) == (as_literals(char) is None), hex(code)


def test_byline_opening_tried_matches_as_the_screen_the_core_compiles():
    words = ["By", "by", "BY", "Written", "written by", "Posted by", "Author:", "Autor:", "Autorin", "от", "Автор:",
             "Text:", "Words", "words:", "Par", "von", "Door", "Écrit par", "ÉCRIT PAR", "Story by", "Ann", "Lee", "Bylines"]
    rng = random.Random(19)
    pieces = words + ["", " ", "  ", "\t", "\u00a0", "•", "-", "|", "—", ":", ",", "Ann Lee", "2024", "x", "ſ", "K"]
    texts = ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 6))) for _ in range(6000)]
    for text in texts + words:
        found, expected = lexicon.BYLINE_OPENING_TRIED.match(text), lexicon.BYLINE_OPENING.match(text)
        assert (found and found.span()) == (expected and expected.span()), text
