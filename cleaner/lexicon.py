"""The lexicon: the words, patterns and line shapes that more than one part of the cleaner reads.

One place for what the text stages, the HTML path, the text model, the dates
and the language detection each used to spell their own way: when a line is
prose, a headline, a byline, a timestamp, a photo credit, a person's name; the
sentence marks; months and news agencies. The word lists are data
(``cleaner/data/lexicon.toml``); the patterns' shapes are code, here. Kept
apart from the stages so that the HTML path (:mod:`cleaner.html`) and the text
stages share them without one importing the other.

The predicates read a line's measures (:class:`cleaner.stages.features.Features`,
here :class:`Measures`). Where two parts still need different rules, both are
here, each named and saying why it differs: merging them would change what the
cleaner outputs.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .compat import TYPE_CHECKING
from .data import data_file, read_toml
from .lazy_re import LazyPattern, UnionPattern, lazy_compile
from .memo import per_document

if TYPE_CHECKING:
    from typing import Protocol

    class Measures(Protocol):
        """What the predicates read of a line's measures (:class:`cleaner.stages.features.Features`): a
        type checker's alone (nothing at run time asks a line's measures what they are)."""

        words: int
        units: int
        ends_sentence: bool
        sentences: int

        @property
        def content(self) -> tuple[str, ...]: ...


def _load() -> dict:
    return read_toml(data_file("lexicon.toml"))


_DATA = _load()


#: The characters ``re.escape`` escapes (with a backslash in front; ASCII ones only), the backslash first.
_SPECIAL = sorted((chr(code) for code in range(128) if re.escape(chr(code)) == "\\" + chr(code)), key=lambda c: c != "\\")


def _alternatives(words: list[str]) -> str:
    """A regex alternation of literal words, in the order given (the order an alternation tries them).

    ``"|".join(map(re.escape, words))``, escaped over the joined words, a ``str.replace`` for each special
    character they hold (the backslash first: the others only put backslashes in): ``re.escape``'s
    ``str.translate`` looks each character of a non-ASCII text up in a dict, and the lexicon's ~1,600 words
    cost ~7 M instructions of every start so. NUL, which ``re.escape`` leaves as it is, stands for the ``|``
    between the words."""
    joined = "\0".join(words)
    if joined.count("\0") != max(len(words) - 1, 0):  # a word holds a NUL itself
        return "|".join(map(re.escape, words))
    for char in _SPECIAL:
        if char in joined:
            joined = joined.replace(char, "\\" + char)
    return joined.replace("\0", "|")


def first_char_alternatives(words: list[str]) -> str:
    """:func:`_alternatives` for ``re`` under ``re.I``, its words grouped by their first character (each group in the
    order given, the groups in the order of their first words): ``re`` has no quick test of a case-insensitive
    literal, and tried every word of a long alternation (every language's month names) at each position where none
    matches; grouped, it tries one first character for each group. The same matches where no two groups' first
    characters match one character alike (then no two words of different groups match at one place, and their
    order is never asked; a test checks the lexicon's month names): for Python's engine only, the core compiles
    the plain alternation."""
    groups: dict[str, list[str]] = {}
    for word in words:
        groups.setdefault(word[:1], []).append(word[1:])
    return "|".join(re.escape(first) + "(?:" + _alternatives(rests) + ")" for first, rests in groups.items())


def _flat(entries: list) -> list[str]:
    return [name for entry in entries for name in (entry if isinstance(entry, list) else [entry])]


# --- sentences -----------------------------------------------------------------------------------------------

#: Characters that end a sentence, in the scripts we see most.
SENTENCE_END = frozenset(".!?…。！？؟।")
#: Closing quotes and brackets that may follow a sentence end.
CLOSERS = frozenset("\"'”’»)]）」』")
#: A sentence ends inside the line: punctuation, space, then a capital or an opening quote (the native core
#: scans for this shape by hand, reading its character sets from this pattern).
SENTENCE_BREAK = lazy_compile(r"[.!?…][\"”’)]*\s+(?=[A-ZÀ-ÖØ-ÞА-ЯЁΑ-Ω\"“‘(«¿¡])|[。！？](?=.)")
#: A dateline in the middle of a line ("… NEW DELHI: The court …", "… (AP) — "): a teaser that runs a
#: headline and the start of another article together.
INNER_DATELINE = lazy_compile(r"\s(?:[A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,3}:\s|\((?:"
                            + _alternatives(_DATA["agencies"]["dateline"]) + r")\)\s[-—–])")

# --- prose ---------------------------------------------------------------------------------------------------

#: A line is prose when it ends like a sentence and has at least this many units (words; in scripts without
#: spaces, characters / 2).
PROSE_UNITS = 8


def is_prose(f: Measures) -> bool:
    """Does the line read as prose: it ends like a sentence and has some length?

    The one rule for the text model (its ``prose`` measure), the shapes stage (a headline list stops at
    prose), the markup model's page statistics (:mod:`cleaner.html.features`, which also wants few links)
    and the HTML path's header and reasons.
    """
    return f.ends_sentence and f.units >= PROSE_UNITS


def is_prose_by_words(f: Measures) -> bool:
    """:func:`is_prose` counting words, not units: the HTML path's header (the metadata's) and its reasons.

    The two differ only in scripts without spaces (Chinese, Japanese), where a line of sentences is one or
    two "words": there a page's header runs on to the first body line with spaces in it.
    """
    return f.ends_sentence and f.words >= PROSE_UNITS


def holds_sentence(f: Measures) -> bool:
    """Is the line of prose's length with a sentence ending in it, at its end or inside it?

    The text's metadata reads this variant: in a dump, the first paragraph may be cut short or run on
    without a final stop ("… said on Monday. The talks"), and the header ends at it all the same.
    """
    return f.units >= PROSE_UNITS and f.sentences >= 1


#: Too few words (and no sentence mark) for prose, when sampling text before it is measured.
_PROSE_TEXT_SPACES = 6
#: A sentence end followed by more text, or at the end of the line (a closing quote allowed there).
SENTENCE_MARK = lazy_compile(r"[.!?。！？]\s|[.!?。！？][\"”’)]?\s*$")


def is_prose_text(text: str) -> bool:
    """Does a raw line look like sentences? Language detection's variant of :func:`is_prose`: it runs before
    lines are measured (the stoplist that the measures need is what it finds), so it reads the text itself:
    seven words or more, and a sentence mark."""
    return text.count(" ") >= _PROSE_TEXT_SPACES and SENTENCE_MARK.search(text) is not None


def has_sentence_mark(text: str) -> bool:
    """Does the line hold any sentence punctuation at all? The shapes stage's test for a run of headlines (twenty
    words or more without one); it takes a stop the line ends with, and the Chinese and Arabic marks
    anywhere, with no space after them."""
    return any(mark in text for mark in (". ", "? ", "! ", "。", "؟")) or text.rstrip()[-1:] in ".!?"


# --- headlines and the page title ----------------------------------------------------------------------------

#: A headline is this many units long.
HEADLINE_UNITS = (2, 30)
#: A line shares the page title when the title holds it whole (a line this long at least)…
_TITLE_HOLDS_CHARS = 12
#: …or it holds this share of the title's topic words (when the title has this many at least).
_TITLE_MIN_WORDS = 3
#: The text model's headline (:func:`cleaner.textmodel.measures.headline_line`) must share more of them than the
#: metadata's title (:meth:`cleaner.stages.metadata.MetadataStage._pick_title`) gets a bonus for: the model
#: reads the one line that repeats the title, the metadata weighs every candidate of its header.
HEADLINE_SHARE = 0.7
TITLE_SHARE = 0.6


def headline_shaped(f: Measures, text: str) -> bool:
    """Could the line be a headline: a few words, not a sentence (a question or an exclamation may be)?

    The text model's rule (:func:`cleaner.textmodel.measures.headline_line`).
    """
    low, high = HEADLINE_UNITS
    return low <= f.units <= high and not (f.ends_sentence and not text.endswith(("?", "!")))


def title_shaped(f: Measures, text: str) -> bool:
    """Could the line be the article's title, as the text's metadata picks it: a few words not ending in a full
    stop ("..." may end a title), Latin or ideographic ("。": a blog's tagline over its post's title is a
    sentence, "毎日のごはんのことを綴っています。")?

    Looser than :func:`headline_shaped` (a title ending in "…" or a quote's stop is taken), which the text
    model reads: the metadata also weighs where the line stands and what is under it.
    """
    low, high = HEADLINE_UNITS
    # (the text first: a line the core holds is asked for its measures only where the text leaves it open)
    return (not text.endswith((".", "。")) or text.endswith("...")) and low <= f.units <= high


def shares_title(lowered: str, f: Measures, title: str, title_words: frozenset[str], share: float) -> bool:
    """Does a line (``lowered``: its text in lower case) repeat the page title (``title``, lower case; its topic
    words ``title_words``): held whole in it, or holding ``share`` of its topic words?"""
    return (len(lowered) >= _TITLE_HOLDS_CHARS and lowered in title) or (
        len(title_words) >= _TITLE_MIN_WORDS and len(title_words.intersection(f.content)) >= share * len(title_words))


# --- dates and times -----------------------------------------------------------------------------------------

#: Month names by month number (1-12), every language of the lexicon, each name once.
MONTH_NAMES: dict[int, tuple[str, ...]] = {
    number: tuple(dict.fromkeys(name for language in _DATA["months"].values()
                                for name in _flat([language[number - 1]])))
    for number in range(1, 13)}
#: Every month's names, every language's (a byline's "name" that is one of them is a date's start).
_MONTH_WORDS = frozenset(name for names in MONTH_NAMES.values() for name in names)
#: The words that label a date where they follow a byline's name ("Ann Lee Published 5 May"): the date labels and
#: the update words of lexicon.toml's ``[dates]``, each a whole word in any case; not the nouns among the labels
#: ("Date", "Data" are also surnames).
_DATE_LABEL_WORDS = [word for word in dict.fromkeys(_DATA["dates"]["labels"] + _DATA["dates"]["updates"])
                     if word not in ("date", "datum", "data", "fecha")]
DATE_LABEL_WORD = lazy_compile(r"(?<!\w)(?:" + _alternatives(_DATE_LABEL_WORDS) + r")(?!\w)", re.I)
#: The words that open a dateline ("Published", "Updated", "Veröffentlicht", "Mis à jour"), the longest first: those
#: labels but the ones that date someone else's act on the page ("Reviewed in the United States on …", "Edited
#: April 2024": a review's date, an editor's).
DATELINE_OPENERS = tuple(sorted((word for word in _DATE_LABEL_WORDS if word not in ("reviewed", "last reviewed", "edited")),
                                key=len, reverse=True))
#: :data:`DATELINE_OPENERS` as one regex group (the timestamps' opening, the shapes' dateline).
DATELINE_OPENER = r"(?:" + _alternatives(list(DATELINE_OPENERS)) + ")"
def _any_whole_word(words: list[str]) -> str:
    """A regex for any of ``words`` (literal, tried in the order given) as a whole word, searched for in a line of
    any length (``re.I``: a dateline's neighbour may be a paragraph). The look-ahead of the words' first
    characters comes first: ``re`` passes over every other character at once, where the look-behind and the
    alternation were tried at each (2.5-3x on a page's text); it holds at every match (a first character in a
    class under ``re.I`` matches what it matches as a literal), so the matches are the same."""
    firsts = "".join(sorted({re.escape(word[0]) for word in words}))
    return r"(?=[" + firsts + r"])(?<!\w)(?:" + _alternatives(words) + r")(?!\w)"


#: The word a date's label may take before the date ("Published on", "Veröffentlicht am", "Publié le").
_LABEL_PREPOSITION = r"(?:\s+(?:on|at|am|le|el|il|em|op))?"
#: A dateline that gives an update's date, not the publication's ("Updated 5 May", "Mis à jour le").
UPDATE_WORDS = lazy_compile(_any_whole_word(_DATA["dates"]["updates"]), re.I)
#: A word that says the date after it is the publication's, anywhere in a dateline ("Updated May 5, 2022 | Originally
#: published March 3, 2021", "May 5, 2022 (first published March 3, 2021)").
PUBLISHED_WORDS = lazy_compile(_any_whole_word(_DATA["dates"]["published"]), re.I)
#: A dateline that dates someone else's act on the page ("Joined: Mon Jul 24, 2017", "Commented Jul 4, 2021",
#: "answered Sep 5, 2025"): a member's profile, a comment's or a reply's, never the article's publication.
OTHERS_DATE_WORDS = lazy_compile(_any_whole_word(_DATA["dates"]["others"]), re.I)
#: A line :data:`OTHERS_DATE_WORDS` is found in, as a pattern called with ``match`` (without the look-ahead, which
#: the core has no need of): its screen of a dateline's neighbours, often paragraphs.
OTHERS_DATE_IN_LINE = lazy_compile(r".*?(?<!\w)(?:" + _alternatives(_DATA["dates"]["others"]) + r")(?!\w)", re.I)
#: A reply's subject in a thread ("Re: Turning off the LEDs", "AW: …", "Re[2]: …"): lexicon.toml's ``[dates]
#: reply_prefixes``, case as written, then a colon and the subject; group 1 is the subject.
REPLY_SUBJECT = lazy_compile(r"^\s*(?:" + _alternatives(_DATA["dates"]["reply_prefixes"]) + r")(?:\[\d+\]|\^\d+)?:\s*(\S.*)$")
#: A forum post's number as a dateline's part or a line of its own ("#21", "Post #21", "Beitrag #3"; the number is
#: group 1): a thread prints one by every post's date.
POST_NUMBER = lazy_compile(r"^\s*(?:(?:" + _alternatives(_DATA["dates"]["post_number_words"]) + r")\s*)?#(\d{1,6})\s*$",
                           re.I)
#: A line that opens with a label saying its date is the publication's ("Published on November 5, 2025",
#: "Published:" alone over its date, "Veröffentlicht am 3. Mai 2025"): the label, its preposition, a colon.
PUBLISHED_LABEL = lazy_compile(r"^\s*(?:" + _alternatives(_DATA["dates"]["published"] + _DATA["dates"]["asked"]) +
                               r")(?!\w)" + _LABEL_PREPOSITION + r"\s*:?", re.I)
#: A Q&A page's question dateline: its label ("asked", "gefragt"), then the question's timestamp (group ``stamp``):
#: "asked Feb 4, 2014 at 13:02".
ASKED_LABEL = lazy_compile(r"^\s*(?:" + _alternatives(_DATA["dates"]["asked"]) + r")(?!\w)" + _LABEL_PREPOSITION +
                           r"\s*:?\s+(?P<stamp>\S.{4,40})$", re.I)
#: A line that only labels the date under it ("Published", "Published on", "Last updated:", "Veröffentlicht am").
DATE_LABEL = lazy_compile(r"^\s*(?:" + _alternatives(_DATA["dates"]["labels"]) +
                          r")" + _LABEL_PREPOSITION + r"\s*:?\s*$", re.I)
#: A line of the article's own tags or categories ("Tags: harbour, storm", "Filed under: News", "テーマ：ブログ"): its
#: label word or words then a colon (a full-width one too); the foot's dateline and credit may stand under it.
TAXONOMY_LINE = lazy_compile(r"^\s*(?:" + _alternatives(_DATA["dates"]["taxonomy"]) + r")\s*[:：]", re.I)
#: The languages whose pages write numeric dates month first (:func:`cleaner.dates.writes_day_first`).
MONTH_FIRST_LANGUAGES = frozenset(_DATA["dates"]["month_first"])
#: English month names (a byline's name ends before one: :data:`BYLINE_NAME_END`).
#: (Grouped by their first letters for ``re``, :func:`first_char_alternatives`: the same matches.)
_MONTHS_EN = "(?:" + first_char_alternatives(_flat(_DATA["months"]["en"])) + r")\.?"
#: Every language's month names, the longest first.
_MONTHS_ANY_WORDS = sorted(_MONTH_WORDS, key=lambda name: (-len(name), name))
_MONTHS_ANY = "(?:" + _alternatives(_MONTHS_ANY_WORDS) + r")\.?"
#: The same for Python's engine (:func:`first_char_alternatives`).
_MONTHS_ANY_GROUPED = "(?:" + first_char_alternatives(_MONTHS_ANY_WORDS) + r")\.?"
#: A time of day: 4:42 PM, 16.42, 16:42 Uhr, 16h42.
_TIME = r"\d{1,2}(?:[:.]|\s?h\s?)\d{2}(?:\s*(?:[ap]\.?m\.?|uhr|h))?"
#: A time of day after a date: ", 16:42", " at 4:42 PM", " um 16:42 Uhr", " à 16h42".
_TIME_AFTER = r"(?:,?\s+(?:(?:" + _alternatives(_DATA["dates"]["time_words"]) + r")\s+)?" + _TIME + ")?"


def _ages() -> str:
    """An age printed instead of a date, every language's (lexicon.toml's ``[dates.ages]``): "3 hours ago",
    "vor 2 Stunden", "il y a 2 jours"."""
    forms = []
    for age in _DATA["dates"]["ages"].values():
        units = _alternatives(sorted(age["units"], key=len, reverse=True))
        before = re.escape(age["before"]) + r"\s+" if age["before"] else ""
        after = r"\s+" + re.escape(age["after"]) if age["after"] else ""
        forms.append(before + r"\d+\s+(?:" + units + ")" + after)
    return "|".join(forms)


#: A bullet before a list's byline or timestamp.
_BULLET = r"^[•·*\-–—|]?\s*"
#: A line that is only a timestamp, as lists and datelines print it, in every language of the lexicon:
#: 02/10/2020 03:58 PM, Feb 10, 2020, Mittwoch, 14. Juni 2023, 16:42 Uhr, 14 de junio de 2023, 3 hours ago,
#: vor 2 Stunden; a dateline's opening word may come first ("Updated: …", "Veröffentlicht am …").
def _timestamp_forms(months: str) -> tuple[str, ...]:
    """:data:`TIMESTAMP_LIKE`'s forms, with the month names' alternation ``months``."""
    return (r"\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}" + _TIME_AFTER + "|" + _TIME + "|" + _ages() + r"|yesterday|today|just now",
            r"(?:\w+,?\s+)?" + months + r"\s+\d{1,2},?\s+\d{4}" + _TIME_AFTER,
            r"(?:\w+,?\s+)?\d{1,2}\.?\s+(?:de\s+)?" + months + r",?\s+(?:de\s+)?\d{4}" + _TIME_AFTER)


TIMESTAMP_LIKE = UnionPattern(
    _BULLET + r"(?:" + DATELINE_OPENER + _LABEL_PREPOSITION + r"\s*:?\s*)?", _timestamp_forms(_MONTHS_ANY),
    r"\s*$", re.I,
    # (the two forms with the months' names each hold a year of four digits: a line without one, most of a
    # header's, is not tried with them)
    needles=(None, r"\d{4}", r"\d{4}"),
    # (Python's engine tries the month names grouped by their first letter, ~4x faster; the core the union above)
    tried=_timestamp_forms(_MONTHS_ANY_GROUPED))
#: A year or a time of day somewhere in the line: worth asking :func:`cleaner.dates.parse_date`.
#: (``\d{4}|\d{1,2}:\d{2}`` with its first digit taken first: ``re`` passes over every other character at once.)
DATE_OR_TIME = lazy_compile(r"\d(?:\d{3}|\d?:\d{2})")
#: What every match of :data:`TIMESTAMP_LIKE` and :data:`DATE_OR_TIME` holds: a digit, or the words of a
#: timestamp without one (a line without any is no date; the text's metadata skips it unread). The look-ahead
#: (a digit or the first letter of one of the words, in any case: "y", "t", "j" have no other case-insensitive
#: match) lets the search pass over the other characters at once (1.6x on a line of prose).
DATE_NEEDLE_FIRST = r"(?=[\dytj])"
_DATE_NEEDLE_FORMS = r"(?:\d|yesterday|today|just now)"
#: (Written for ``re``'s fast search, the same matches: the first character taken first, by a class matched case
#: for case, ``(?-i:…)``, which ``re`` scans for in one loop where it tried the look-ahead at each position; the
#: look-behinds then tell the forms apart. The core screens :data:`DATE_NEEDLE_IN_LINE`.)
DATE_NEEDLE = lazy_compile(r"(?-i:[\dyYtTjJ])(?:(?<=\d)|(?<=[yY])esterday|(?<=[tT])oday|(?<=[jJ])ust now)", re.I)
#: :data:`DATE_NEEDLE` anywhere in a line, as a pattern called with ``match`` (a line holds no newline): the form the
#: core screens a range of lines with (``metadata.SCREENS``), where the header's lines are each searched once.
DATE_NEEDLE_IN_LINE = lazy_compile(r".*?" + _DATE_NEEDLE_FORMS, re.I)

# --- bylines and names ---------------------------------------------------------------------------------------

#: A byline line is this short in words ("By Jane Doe, Staff Writer · 5 min read"; a longer line that begins
#: with "By" is a sentence): both metadata readers, the text dump's and the page's, hold to it.
BYLINE_MAX_WORDS = 12

_BYLINES = _DATA["bylines"]
#: A byline as lists print it: "By REUTERS", "• By Jane Doe".
BYLINE_LIKE = lazy_compile(_BULLET + "(?:" + _alternatives(_BYLINES["by"]) + r")\s+\S", re.I)
#: "By", "Written by", "Author:" and the like before a byline's name (the text's metadata and the markup's
#: both strip it).
#: A credit's word for "by" after "Written", "Geschrieben", "Écrit"… (the lexicon's ``credited_by``).
CREDITED_BY_WORD = r"(?:" + _alternatives(_BYLINES["credited_by"]) + ")"
_BYLINE_PREFIX_WORDS = (_BULLET + r"(?:(?:(?:" + _alternatives(_BYLINES["credited"]) + r")\s+" + CREDITED_BY_WORD + "|"
                        + _alternatives(_BYLINES["by"]) + r"):?|от|autor(?:in)?:?|автор:?|(?:"
                        + _alternatives(_BYLINES["name_labels"]) + r")\s*:)")
BYLINE_PREFIX = lazy_compile(_BYLINE_PREFIX_WORDS + r"\s+", re.I)
#: :data:`BYLINE_PREFIX`, or the prefix alone ending the line ("By"): :func:`byline_name` reads a line as it
#: is, not a copy of it with a space after it; a line it does not match gives no byline's name.
BYLINE_OPENING = lazy_compile(_BYLINE_PREFIX_WORDS + r"(?:\s+|\Z)", re.I)
#: The first characters of the words :data:`BYLINE_OPENING`'s alternation opens with (after its bullet).
BYLINE_OPENING_FIRSTS = "".join(sorted({word[0] for word in (*_BYLINES["credited"], *_BYLINES["by"], "от", "autor",
                                                             "автор", *_BYLINES["name_labels"])}))
#: :data:`BYLINE_OPENING` as Python's engine tries it, the same matches: a look-ahead of its words' first characters
#: (:data:`BYLINE_OPENING_FIRSTS`) before its alternation, which ``re`` tried word by word under ``re.I`` on every
#: line (~3x faster on a line that opens with none: most of a header's). It holds at every match (a first character
#: in a class under ``re.I`` matches what it matches as a literal; a test checks every code point), and no word of
#: the alternation begins with a bullet or a space, so backtracking into them finds no other start. The core
#: screens with :data:`BYLINE_OPENING` (no look-around).
BYLINE_OPENING_TRIED = lazy_compile(_BULLET + "(?=[" + "".join(map(re.escape, BYLINE_OPENING_FIRSTS)) + "])"
                                    + _BYLINE_PREFIX_WORDS[len(_BULLET):] + r"(?:\s+|\Z)", re.I)
#: "by" after a date or a verb, the name after it ("Published 7 August 2023 by Ann Lee").
_BY_INSIDE_HEAD = r"\S\s+(?:" + _alternatives(_BYLINES["by_inside"]) + r")\s+"
BY_INSIDE = lazy_compile(_BY_INSIDE_HEAD + r"(?P<name>\S.*)$", re.I)
#: A line :data:`BY_INSIDE` is found in, as a pattern called with ``match`` (a line holds no newline, so its
#: ``.*$`` holds wherever a name's first character does): the core's screen of a page's dated lines.
BY_INSIDE_IN_LINE = lazy_compile(r".*?" + _BY_INSIDE_HEAD + r"\S", re.I)
#: The byline words as regex alternations, for a pattern built around them elsewhere (the learner's name
#: introducer, :mod:`cleaner.learn.shapes`): "written", "posted"… before "by"; and "by" in the languages where
#: it is not also "of" (the ``by_inside`` list).
CREDITED_WORDS = _alternatives(_BYLINES["credited"])
BY_WORDS_UNAMBIGUOUS = _alternatives(_BYLINES["by_inside"])
#: The same words in lower case, for :func:`may_hold_any` before :data:`BY_INSIDE` is searched in a line.
BY_INSIDE_WORDS = tuple(word.lower() for word in _BYLINES["by_inside"])
#: A credit's longer opening, "Written by", "Posted by" (not "By" alone: under an article, "By Ann Lee" is as
#: often the credit of a teaser for the next one).
CREDITED_BY = lazy_compile(_BULLET + r"(?:" + CREDITED_WORDS + r")\s+" + CREDITED_BY_WORD + r"\b", re.I)
#: A line that only labels the author's name beside it ("Author", "About the author", "Auteur :"): the lexicon's
#: ``[bylines] labels``; read at the article's foot only (in the header, it over a line of another article's
#: credit took that for the byline).
AUTHOR_LABEL = lazy_compile(_BULLET + r"(?:" + _alternatives(_BYLINES["labels"]) + r")\s*:?\s*$", re.I)
#: A credit's longer opening alone, ending the line, a word allowed before it ("Posted by:", "Article written
#: by:"): it labels the name on the line under it.
CREDIT_LABEL = lazy_compile(_BULLET + r"(?:[^\W\d_]+\s+)?(?:" + CREDITED_WORDS + r")\s+" + CREDITED_BY_WORD + r"\s*:?\s*$",
                            re.I)
#: A forum thread's label for its opener (the lexicon's ``[bylines] thread_starter``), the member's name after it in
#: group ``name`` (empty where the label stands alone, the name on a line under it).
THREAD_STARTER = lazy_compile(_BULLET + r"(?:" + _alternatives(_BYLINES["thread_starter"]) + r")\s*:?\s*(?P<name>.*)$",
                              re.I)
#: The same label after the member's name on its line ("annlee Discussion starter"): group ``name``.
THREAD_STARTER_AFTER = lazy_compile(r"^(?P<name>\S+(?:\s+\S+){0,2}?)\s+(?:" + _alternatives(_BYLINES["thread_starter"])
                                    + r")$", re.I)
#: The thread-starter labels in lower case, for :func:`may_hold_any` before a thread's lines are each matched.
THREAD_STARTER_LABELS = tuple(label.lower() for label in _BYLINES["thread_starter"])

#: What ``re.I`` matches to an ASCII letter besides its two cases, where ``str.lower`` keeps it apart: the dotted
#: and the dotless I, and the long s. (The Kelvin sign lowers to k.)
_FOLD_TO_ASCII = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s"})


def may_hold_any(texts: Iterable[str], labels: tuple[str, ...]) -> bool:
    """Whether one of ``texts`` (lines) may hold one of ``labels`` (lower-case literals) as ``re.I`` would find it:
    False only where none can match, so a pattern built of the labels need not be tried line by line. A substring
    test of the lowered lines, joined a chunk at a time (``re`` cannot search faster under ``re.I``: no prefix to skip
    by); a line over :data:`_SCREENED_CHARS` is not copied but assumed to hold one (the memory a long line takes stays
    its own), and so is a label beyond ASCII, whose cases ``str.lower`` may fold otherwise than ``re.I`` does."""
    if not all(label.isascii() for label in labels):
        return True
    chunk: list[str] = []
    size = 0
    for text in texts:
        if len(text) > _SCREENED_CHARS:
            return True
        chunk.append(text)
        size += len(text) + 1
        if size > _SCREENED_CHARS and _holds_any("\n".join(chunk), labels):
            return True
        if size > _SCREENED_CHARS:
            chunk, size = [], 0
    return _holds_any("\n".join(chunk), labels)


#: :func:`may_hold_any` copies the lines it screens this many characters at a time at most.
_SCREENED_CHARS = 1 << 16


def line_may_hold_any(text: str, labels: tuple[str, ...], ascii_labels: bool) -> bool:
    """:func:`may_hold_any` of one line, ``ascii_labels`` whether every label is ASCII (worked out once by the
    caller): the same answer, without a chunk of lines made and joined for a line that is its own chunk (the
    metadata stage asks it of each dated line of a page)."""
    return not ascii_labels or len(text) > _SCREENED_CHARS or _holds_any(text, labels)


def _holds_any(text: str, labels: tuple[str, ...]) -> bool:
    """Whether ``text`` lowered holds one of ``labels``, folded as ``re.I`` folds (:data:`_FOLD_TO_ASCII`)."""
    if not text.isascii() and ("\u0130" in text or "\u0131" in text or "\u017f" in text):
        text = text.translate(_FOLD_TO_ASCII)
    lowered = text.lower()
    return any(label in lowered for label in labels)


#: The word for a forum member in the stoplist languages (the lexicon's ``[bylines] member_ranks``): a short line
#: holding one ("New member", "Neues Mitglied", "Well-known member") is a member's rank, no name.
MEMBER_RANK_WORDS = frozenset(_BYLINES["member_ranks"])
#: A forum's first post under its thread's headline: the member's handle, a display name in brackets after it where
#: the forum prints one, the post's timestamp (group ``stamp``, to be read as one) and its number, 1 ("annlee (Ann
#: Lee) May 3, 2024, 8:45am 1").
FIRST_POST = lazy_compile(
    r"^(?P<handle>[^\s()]{2,40})(?:\s+\([^()]{1,60}\))?\s+(?P<stamp>\S.{4,40}?)\s+1$")
#: An author's box headed with the author's name ("About Amar Hussain", "About Alexa"): the lexicon's
#: ``[bylines] about``, then the name (group ``name``, one to five words).
ABOUT_NAME = lazy_compile(r"^(?:" + _alternatives(_BYLINES["about"]) + r")\s+(?P<name>[^\W\d_][\w’'.-]*(?:\s+[^\W\d_][\w’'.-]*){0,4})\s*:?$", re.I)
#: The same credit inside a line ("This post was written by Ann Lee, Head of Marketing"), the rest in ``name``.
CREDITED_INSIDE = lazy_compile(r"\S\s+(?:" + CREDITED_WORDS + r")\s+by\s+(?P<name>\S.*)$", re.I)
#: A wire service signing the story, its name in group 1 ("By The Associated Press", "Reuters").
AGENCY_BYLINE = lazy_compile(
    r"^(?:By\s+)?(?:The\s+)?(" + _alternatives(_DATA["agencies"]["byline"]) + r")\b.{0,60}$", re.I)

#: Lower-case words a name may hold between its capitalised ones (de, van, von, bin…).
NAME_PARTICLES = frozenset(_DATA["names"]["particles"])
#: A name as a dump prints it beside a dateline: two to five words in Latin capitals, particles allowed (fewer
#: of them: see the lexicon's data).
NAME_LIKE = lazy_compile(r"^[A-ZÀ-ÖØ-ÞĀ-ſ][\w’'.-]+(?:\s+(?:[A-ZÀ-ÖØ-ÞĀ-ſ][\w’'.-]+|"
                       + _alternatives(_DATA["names"]["particles_bare"]) + r")){1,4}$")
#: Where the name in a byline line ends: a separator ("By Jane Doe | SEO | 8 min read", "Jane Doe · 5 min
#: read"), a date's article before its day ("Par Claire Dumont, le 14 juin": ``date_articles``), a
#: digit or an English month (the dateline: "By Jane Doe March 3, 2024"), or a word of the lexicon's
#: ``name_ends`` ("By Jane Doe Published: …", "By Ann Lee on May 5"), or a weekday after a comma (the dateline's
#: first word: "By Omar Haddad, Wednesday, 20 November 2019", "Par Jean Dupont, mercredi 14 juin").
#: (Every form opens with a space, a comma or a digit: the look-ahead of those first lets ``re`` pass over a name's
#: letters at once, where it tried each form at each; the English months grouped by their first letters,
#: :func:`first_char_alternatives`. The same matches.)
BYLINE_NAME_END = lazy_compile(
    r"(?=[\s,\d])(?:\s+[|•·⋅●▪■◆—–]|\s+-\s|,?\s+(?:" + _alternatives(_BYLINES["date_articles"]) + r")\s+\d|\s*\d|\s+"
    + _MONTHS_EN + r"\s+\d|\s+(?:" + _alternatives(_BYLINES["name_ends"]) + r")(?!\w)|,\s*(?:"
    + _alternatives(_DATA["names"]["weekdays"]) + r")(?!\w))", re.I)
#: An author's bio: a name of two to five words, then a verb of the lexicon's ``bio`` ("Lauren Vetter is a
#: growth-focused marketer…"); the name in group ``name``, to be checked against the name line above it.
BIO_OPENING = lazy_compile(r"^(?P<name>[^\W\d_][\w’'.-]*(?:\s+[^\W\d_][\w’'.-]*){1,4}?)\s+(?:"
                           + _alternatives(_BYLINES["bio"]) + r")\s")
#: The verb of a bio after the name it opens with, from where the name ends (``match(text, len(name))``): "Amar
#: is an avid traveler…" after "About Amar Hussain".
BIO_VERB = lazy_compile(r"\s+(?:" + _alternatives(_BYLINES["bio"]) + r")\s")
#: The same verbs as words, for a bio that opens with a first name alone ("Ann is…": :func:`opens_bio`).
BIO_VERBS = frozenset(_BYLINES["bio"])
#: A person's pronouns ("he", "she", "er", "elle"…): the lexicon's ``[bylines] bio_pronouns``.
BIO_PRONOUNS = frozenset(_BYLINES["bio_pronouns"])


#: A word that speaks to the reader ("you", "your", "we're", "our": the lexicon's ``[titles] reader_address``), whole,
#: in any case: a promo's voice, not a headline's (:func:`cleaner.stages.metadata._doubtful_pick`).
READER_ADDRESS = lazy_compile(r"(?<![\w’'])(?:" + _alternatives(_DATA["titles"]["reader_address"]) + r")(?![\w’'])",
                              re.I)


def opens_bio(text: str, names: tuple[str, str]) -> bool:
    """Does ``text`` open a bio of ``names`` (the full name, the first name): with the full name, or with the first
    name and one of the lexicon's verbs of a bio (``BIO_VERBS``: "Ann is…", "Ann has…")? A heading's first word
    repeated under it goes on with anything else ("Extension Cords" / "Extension cords are…", "The Bottom Line" /
    "The ways…")."""
    full, first = names
    if opens_with_name(text, full):
        return True
    return opens_with_name(text, first) and text[len(first) + 1:].split(" ", 1)[0] in BIO_VERBS


def opens_with_name(text: str, name: str) -> bool:
    """Does ``text`` open with ``name``, a space and a word in lower case ("Tom has been…")?"""
    if not text.startswith(name + " "):
        return False
    after = text[len(name) + 1:len(name) + 2]
    return after != "" and ("a" <= after <= "z" or "ß" <= after <= "ö" or "ø" <= after <= "ÿ")


#: Words that make a capitalised line a label or a heading, not a name ("Editorial Team", "No Comments").
NOT_NAME_WORDS = frozenset(_BYLINES["not_names"])
#: What a menu's "Browse by …" entry sorts by: the lexicon's ``[bylines] facets`` (:func:`names_facet`).
FACET_WORDS = frozenset(_BYLINES["facets"])


def names_facet(name: str) -> bool:
    """Whether a "By …" line's name is a menu's facet ("By Manufacturer", "By Style", "Par thème": each word one of
    :data:`FACET_WORDS`), not an author: the byline's value only reads it (the line's label stands)."""
    return all(word.strip(",.:").lower() in FACET_WORDS for word in name.split())
#: A byline's name: one to six words, each capitalised, a particle, "and"/"&", or an initial; or one handle.
_BYLINE_NAME = lazy_compile(r"^(?:[^\W\d_][\w’'.-]*)(?:,?\s+(?:[A-ZÀ-ÖØ-ÞĀ-ſ][\w’'.®-]*|"
                          + _alternatives(_DATA["names"]["joins"]) + "|"
                          + _alternatives(_DATA["names"]["particles"]) + r")){0,5}$")


@per_document     # (the header's picks and the page's credits read a line's name more than once)
def byline_name(text: str) -> str | None:
    """The name a byline line gives after its prefix ("By Jane Doe | March 3, 2024" → "Jane Doe";
    "Written by Ann Lee · 5 min read" → "Ann Lee"), or None where the line does not open with
    :data:`BYLINE_PREFIX` or what follows it is no name. ``text`` may be the prefix alone ("By"): then ""."""
    opened = BYLINE_OPENING_TRIED.match(text)
    if opened is None:
        return None
    rest = text[opened.end():].strip()
    doubled = BYLINE_OPENING_TRIED.match(rest)      # a template's "Written by by Ann Lee": the prefix once more
    if doubled is not None and doubled.end() < len(rest):
        rest = rest[doubled.end():].strip()
    if not rest:
        return ""
    return name_before_end(rest)


#: The rest of a handle's word from its first digit ("Alphabyte1" of "by Alphabyte1: 3:21pm On Mar 09, 2023",
#: "Need2KnowLion"), where the word ends at a sign not before a digit or at the text's end ("Doe12:30 pm",
#: "Doe5/12/2024" and "Doe2 hours ago" are a name run into its dateline; so is a year, "Ann Lee2024"), or at a space
#: before a parenthesis ("Last edited by chunix64 (2025-11-01 15:15:18)").
_HANDLE_DIGITS = lazy_compile(r"(?!(?:19|20)\d\d(?!\w))\d\w*(?=$|[^\w\s](?!\d)|\s+\()")


def name_cut(rest: str) -> str:
    """What opens ``rest`` before :data:`BYLINE_NAME_END`; a handle's word keeps its digits and what follows them
    (:data:`_HANDLE_DIGITS`): cut at the digit, a name inside a word ("Alphabyte" of "Alphabyte1") is another's."""
    cut = BYLINE_NAME_END.split(rest, maxsplit=1)[0]
    if cut and cut[-1].isalpha() and len(cut) < len(rest) and (digits := _HANDLE_DIGITS.match(rest, len(cut))):
        return rest[:digits.end()]
    return cut


def name_before_end(rest: str) -> str | None:
    """The name that opens a byline's rest (its prefix stripped), cut at :data:`BYLINE_NAME_END`
    (:func:`name_cut`): the whole ("Dylan Bailey, MS, RD"), else what comes before its first comma ("Mayank Gupta,
    CEO of CaseBasix": a role after the comma is no part of a name); None if neither is a name."""
    name = name_cut(rest).strip(" ,:;")
    if is_byline_name(name):
        return name
    name = name.split(",", 1)[0].strip()
    return name if is_byline_name(name) else None


def is_byline_name(name: str) -> bool:
    """Whether a byline's name part (its prefix stripped) is a name: :data:`_BYLINE_NAME`'s shape and not
    labels alone ("By Staff" names nobody; "Podium Staff" is a name); not a month's name alone ("Written By
    Feb 11, 2019" names nobody: the date follows the prefix); of several words, the first lower case only
    where it is a particle ("de la Cruz") or "the" before a team's name of two words or more ("the Harbour
    Times Team"; "By the Numbers" is a menu's heading; a handle is one word)."""
    if is_team_credit(name):
        return True           # "By News Desk", "By The Currency editors": a team, though its words are labels
    if not _BYLINE_NAME.match(name):
        return False
    words = [word.strip(",.").lower() for word in name.split()]
    if len(words) == 1 and words[0] in _MONTH_WORDS:
        return False
    if len(words) > 1 and name[0].islower() and words[0] not in _NAME_PARTICLES and not (
            words[0] == "the" and len(words) > 2):      # (a team: "By the Lakeside Courier Team")
        return False
    return not all(word in NOT_NAME_WORDS for word in words)


#: The particles a name may open with in lower case ("de la Cruz", "van Gogh").
_NAME_PARTICLES = frozenset(_DATA["names"]["particles"])


def is_bare_name(text: str, stoplist: frozenset[str]) -> bool:
    """A line that is a name with nothing to introduce it (beside a dateline, under the headline): the
    :data:`NAME_LIKE` shape, no word a label's (:data:`NOT_NAME_WORDS`), and no word but the last a stopword of
    the page's language ("The Best Wireless Earbuds", "Travel Insurance For Yoga" and "No Comments" are
    headings). The last may be one: a stoplist holds surnames that are also words ("Andrew King", "Grace
    Young")."""
    if not NAME_LIKE.match(text):
        return False
    printed = text.split()
    words = text.lower().split()
    return not any(word in stoplist and not (k == 0 and word in _GIVEN_NAMES) and not _name_particle(printed, k)
                   for k, word in enumerate(words[:-1])) \
        and not any(word in NOT_NAME_WORDS for word in words)


#: The particles :data:`NAME_LIKE` lets a bare line hold in lower case.
_BARE_PARTICLES = frozenset(_DATA["names"]["particles_bare"])


def _name_particle(printed: list[str], k: int) -> bool:
    """Is word ``k`` of a bare line a particle inside a name ("Jan de Vries", "Lena von Hartmann", "Lucía de la
    Cruz"): one of :data:`_BARE_PARTICLES` in lower case, after the first word and before a capitalised one or
    another particle? Every language's stoplist holds "de" (the English one too), so without this no such
    name beside a dateline was ever read."""
    word = printed[k]
    if k == 0 or word not in _BARE_PARTICLES or k + 1 >= len(printed):
        return False
    after = printed[k + 1]
    return after[:1].isupper() or after in _BARE_PARTICLES


#: Given names a stoplist holds (:func:`is_bare_name` takes one as a name's first word).
_GIVEN_NAMES = frozenset(_DATA["names"]["given"])
#: Words that make a capitalised line no person's name: a weekday's ("Tuesdays Evenings") or an organisation's
#: or a thing's ("Harvard Health", "Digital Photo Frame"); the lexicon's ``[names] weekdays`` and
#: ``organisations``.
NOT_PERSON_WORDS = frozenset(_DATA["names"]["weekdays"]) | frozenset(_DATA["names"]["organisations"])


#: A newsroom's or a company's team: the lexicon's ``[bylines] teams`` words, and the desks that may name one.
TEAM_WORDS = frozenset(_BYLINES["teams"])
_TEAM_DESKS = frozenset(_BYLINES["team_desks"])
#: The words of an author's role printed by the name ("Tech Writer", "Guest Columnists"): the lexicon's ``[bylines] roles``.
ROLE_WORDS = frozenset(_BYLINES["roles"])
#: A person's trade printed under a personal site's masthead name: the lexicon's ``[bylines] trades``.
TRADE_WORDS = frozenset(_BYLINES["trades"])
#: Two to five words of letters (any script), a company's "&" or "." inside them.
_TEAM_CREDIT = lazy_compile(r"^[^\W\d_][\w’'.&-]*(?:\s+[^\W\d_][\w’'.&-]*){1,4}$")


def is_team_credit(text: str, stoplist: frozenset[str] = frozenset()) -> bool:
    """A team credited as a byline's author ("News Desk", "EDB Team", "The Upwork Team", "Team Harbour", "The
    Currency editors"): a word of :data:`TEAM_WORDS` opens or ends it, and every other word is capitalised, no
    stopword of the page's language and no label (:data:`NOT_NAME_WORDS`) but a newsroom's desk ("News",
    "Sports"); an English "The" may open it. Not "Our Team", "Meet The Team", "Support Team", nor one word
    ("Staff" names nobody). :func:`is_bare_name` takes none of these: a label word makes a line a heading
    there."""
    words = text.split()
    if len(words) < 2 or (words[0].lower() not in TEAM_WORDS and words[-1].lower() not in TEAM_WORDS) \
            or not _TEAM_CREDIT.match(text):        # (the team's word first: most lines hold none)
        return False
    if words[0].lower() in TEAM_WORDS:
        rest = words[1:]
    elif words[-1].lower() in TEAM_WORDS:
        rest = words[1:-1] if words[0].lower() == "the" else words[:-1]
    else:
        return False
    return bool(rest) and all(word[0].isupper() and word.lower() not in stoplist
                              and (word.lower() not in NOT_NAME_WORDS or word.lower() in _TEAM_DESKS)
                              for word in rest)


#: Two to five words of letters (any script).
_PERSON = lazy_compile(r"^[^\W\d_][\w’'.-]*(?:\s+(?:[^\W\d_][\w’'.-]*)){1,4}$")


def is_person(text: str, stoplist: frozenset[str]) -> bool:
    """Two to five capitalised words, in any script, none of them a stopword of the page's language (a name,
    not a label such as "Cite this page" or "The Author"); particles allowed.

    The HTML path's test for a name in an author element. The text's metadata asks :data:`NAME_LIKE`
    instead, for a bare line beside a dateline: with no element to say it is an author's, it takes Latin
    capitals and fewer particles only (the one measured on the text benchmarks; this looser test, there,
    would take some headlines for names).
    """
    if any(c.isdigit() for c in text) or not _PERSON.match(text):
        return False
    return all(word in NAME_PARTICLES or (word[0].isupper() and word.lower() not in stoplist) for word in text.split())


# --- photo credits -------------------------------------------------------------------------------------------

_AGENCIES = _alternatives(_DATA["agencies"]["photo"])
_CREDIT_PATTERNS = (
    lazy_compile(r"©|\(c\)\s"),
    lazy_compile(r"^(?:photo(?:graph)?s?|images?|pictures?|credits?|illustrations?|fotos?|bild|фото|fotograf[ií]as?|imagen|imagem|"
                 r"immagine|afbeelding|beeld)(?:\s+credits?)?\s*[:：|]", re.I),
    lazy_compile(r"\b(?:Photograph|Photo|Photos|Image|Picture|Credit|Illustration|Foto|Bild|Photo credit|Fotografía|Imagen|"
                 r"Imagem|Immagine)\s*:\s*\S"),
    lazy_compile(r"\((?:photo|image|picture|credit|photo credit)s?\b[^()]*\)\s*$", re.I),
    lazy_compile(r"\([^()]{0,40}\b(?:photo|foto|image|bild)s?\b\s*/[^()]{1,60}\)\s*$", re.I),
    lazy_compile(rf"\([^()]{{0,80}}/\s*(?:{_AGENCIES})[^()]{{0,40}}\)\s*$"),
    lazy_compile(rf"^[^.!?]{{0,80}}\s*/\s*(?:{_AGENCIES})\b[^.!?]{{0,60}}$"),
    lazy_compile(rf"^(?:{_AGENCIES})(?:\s*/\s*[\w .-]{{1,40}})?$"),
    # a caption's sentence, then its credit: the agency, a slash, the photographer ("… del Guadalquivir. EFE/Julio Muñoz")
    lazy_compile(rf"[.!?]\s+(?:{_AGENCIES})\s*/\s*[\w .'-]{{1,40}}$"),
    lazy_compile(r"\b(?:via|for) Getty Images\b|\bGetty Images$"),
    # "… Credit... Doug Mills" (the caption's credit after an ellipsis); "Image caption …", "Image copyright …"
    lazy_compile(r"\bCredit(?:\.\.\.|…)\s*\S"),
    lazy_compile(r"^(?:Image|Media) (?:caption|copyright)\b"),
    # "Photo courtesy of Noble Desktop", "Courtesy of the brand"
    lazy_compile(r"^(?:(?:photo|image|picture)s?\s+)?courtesy(?:\s+of)?\b", re.I),
    # "Crédit photo : AFP", "Crédits photos : …", "Bildquelle: dpa"
    lazy_compile(r"^cr[ée]dits? photos?\s*:|^bildquelle\s*:", re.I),
)


def _credit_union(patterns: Iterable[LazyPattern], first: str = "") -> LazyPattern:
    """One regex for ``patterns`` (each keeps its own case rule), opening with a look-ahead of the characters
    ``first`` where given."""
    union = "|".join(f"(?i:{p.pattern})" if p.flags & re.I else f"(?:{p.pattern})" for p in patterns)
    return lazy_compile(f"(?=[{re.escape(first)}])(?:{union})" if first else union)


#: The credit patterns anchored at the line's start (each alternative opens with ``^``): matched there once.
_CREDIT_OPENING = _credit_union(p for p in _CREDIT_PATTERNS if p.pattern.startswith("^"))
#: What every match of the other credit patterns opens with, each in its own case ("©", "(", "Photo:", "Credit…",
#: "via Getty Images", a caption's full stop before an agency's credit): their search passes over every other
#: character at once, where each pattern was tried at each (a line of prose is searched ~4x faster; the tests
#: draw each pattern's matches and find this character at their start).
_CREDIT_FIRST = "©(PICFBvfG.!?"
_CREDIT_INSIDE = _credit_union((p for p in _CREDIT_PATTERNS if not p.pattern.startswith("^")), _CREDIT_FIRST)
#: A credit is this short (a caption with its credit included).
_CREDIT_MAX_WORDS = 60


def is_credit(text: str, words: int) -> bool:
    """Does the line credit a photo (a caption with its credit, or the credit alone)?"""
    return words <= _CREDIT_MAX_WORDS and (_CREDIT_OPENING.match(text) is not None
                                           or _CREDIT_INSIDE.search(text) is not None)


# --- galleries -----------------------------------------------------------------------------------------------

_GALLERIES = _DATA["galleries"]
#: "3/24", "3 of 24", "Bild 3 von 12", "Photo 3 sur 24": a slide's counter, the whole line (its two numbers are
#: read by :func:`counter_numbers`).
GALLERY_COUNTER = lazy_compile(r"^(?:(?:" + _alternatives(_GALLERIES["counter_items"]) + r")\s+)?\d{1,3}(?:\s*/\s*|\s+(?:"
                               + _alternatives(_GALLERIES["counter_of"]) + r")\s+)\d{1,3}$", re.I)
#: "EN IMAGES", "Diaporama : les plus belles installations…", "In pictures", "Bildergalerie": a gallery's heading.
GALLERY_HEADING = lazy_compile(r"^(?:" + _alternatives(_GALLERIES["headings"]) + r")(?:\s*[:：|–—-]\s*\S.*)?$", re.I)


_END_MATTER = _DATA["end_matter"]
#: "About the author", "You'll also love…", "Written by Jane Doe", "Tagged: tips, travel": the heading of a box under
#: an article that is not its text (the context stage's tail_islands starts a block at it).
#: An author's greeting ("Hi, I'm Chris!", "Hallo, ich bin Lena und …") opens the bio's line, whatever follows.
END_MATTER_HEADING = lazy_compile(r"^(?:(?:(?:" + _alternatives(_END_MATTER["headings"]) + r")\s*[:.…!?？]*"
                                  + r"|(?:" + _alternatives(_END_MATTER["credits"]) + r")(?:\s*:?\s+[^.!?]{1,60}|\s*:)?)$"
                                  + r"|(?:" + _alternatives(_END_MATTER["greetings"]) + r")[\s,!.]+(?:"
                                  + _alternatives(_END_MATTER["introductions"]) + r")\s+\w)",
                                  re.I)

def counter_numbers(text: str) -> tuple[int, int] | None:
    """The first two runs of ASCII digits of a counter line ("3/24", "Bild 3 von 12": (3, 24), (3, 12)), or None."""
    runs = re.findall(r"[0-9]+", text)
    return (int(runs[0]), int(runs[1])) if len(runs) >= 2 else None
