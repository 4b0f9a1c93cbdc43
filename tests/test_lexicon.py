"""The lexicon (cleaner/lexicon.py, cleaner/data/lexicon.toml): its data, its named rules, and the variants
that differ on purpose — each test of a variant shows a line on which the two give different answers."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from conftest import ROOT

from cleaner import lexicon
from cleaner.compat import tomllib
from cleaner.dates import parse_date
from cleaner.language import stopwords
from cleaner.stages.features import Features

ENGLISH = stopwords("English")


def measure(text: str, char_mode: bool = False) -> Features:
    return Features(text, ENGLISH, char_mode)


def test_the_data_has_twelve_months_per_language_and_no_word_twice_in_a_list():
    data = tomllib.loads((ROOT / "cleaner" / "data" / "lexicon.toml").read_text(encoding="utf-8"))
    assert {len(months) for months in data["months"].values()} == {12}
    for table in ("agencies", "bylines", "names"):
        for name, words in data[table].items():
            assert words and len(words) == len(set(words)), (table, name)


@pytest.mark.parametrize("number", range(1, 13))
def test_every_month_name_reads_as_its_month(number):
    for name in lexicon.MONTH_NAMES[number]:
        assert parse_date(f"{name} 5, 2021") == f"2021-{number:02d}-05", name
        assert parse_date(f"5 {name.capitalize()} 2021") == f"2021-{number:02d}-05", name


def test_timestamps_in_every_language_of_the_lexicon():
    """A line that is only a timestamp reads so in every language the lexicon's months and ages cover (a list's
    dates, a dateline, a comment's age); prose holding a date does not."""
    for name in ("Feb", "February", "Sept", "may", "settembre", "Juni", "juin", "junio", "июня"):
        assert lexicon.TIMESTAMP_LIKE.match(f"{name} 10, 2020"), name
        assert lexicon.TIMESTAMP_LIKE.match(f"10 {name} 2020"), name
    stamps = ["• Updated: 02/10/2020 03:58 PM", "3 hours ago", "5 years ago", "Mittwoch, 14. Juni 2023, 16:42 Uhr",
              "12.10.2023, 16:42 Uhr", "Veröffentlicht am 14. Juni 2023", "mercredi 14 juin 2023 à 16h42",
              "Mis à jour le 14 juin 2023", "14 de junio de 2023", "Publicado el 14 de junio de 2023",
              "14 giugno 2023 alle 16:42", "14 juni 2023 om 16:42", "vor 2 Stunden", "il y a 3 jours", "hace 2 horas",
              "há 5 dias", "2 ore fa", "3 dagen geleden", "2 часа назад"]
    for stamp in stamps:
        assert lexicon.TIMESTAMP_LIKE.match(stamp), stamp
    for prose in ("Am 14. Juni 2023 trat die Mosel über die Ufer.", "Fünf Tage, 300 Kilometer",
                  "Il y a 3 jours que la pluie tombe sur la ville.", "June 2023 was the wettest month on record."):
        assert not lexicon.TIMESTAMP_LIKE.match(prose), prose
    assert parse_date("10 settembre 2020") == "2020-09-10"


def test_prose_and_its_variants():
    sentence = measure("The council voted on Tuesday to close the old bridge for repairs.")
    assert lexicon.is_prose(sentence) and lexicon.is_prose_by_words(sentence) and lexicon.holds_sentence(sentence)
    short = measure("Read the full story here.")
    assert not (lexicon.is_prose(short) or lexicon.is_prose_by_words(short) or lexicon.holds_sentence(short))
    # a paragraph without its final stop: a sentence ends inside it
    run_on = measure("The talks ended on Monday. Both sides said they would meet again soon")
    assert lexicon.holds_sentence(run_on) and not lexicon.is_prose(run_on)
    # a script without spaces: units count characters, words do not
    chinese = measure("市议会周二投票决定关闭旧桥进行维修工程。", char_mode=True)
    assert lexicon.is_prose(chinese) and not lexicon.is_prose_by_words(chinese)


def test_prose_in_raw_text_and_sentence_marks():
    assert lexicon.is_prose_text("The council voted on Tuesday to close the bridge.")
    assert not lexicon.is_prose_text("Home News Sport Weather Culture Travel Food Video")
    assert not lexicon.is_prose_text("Close the bridge.")
    assert lexicon.has_sentence_mark("Close the bridge. Now") and lexicon.has_sentence_mark("结束。开始")
    assert not lexicon.has_sentence_mark("Home News Sport Weather")


def test_headline_and_title_shapes_differ_on_a_trailing_ellipsis():
    teaser = "Ten things the council did not say…"
    assert lexicon.title_shaped(measure(teaser), teaser) and not lexicon.headline_shaped(measure(teaser), teaser)
    question = "Will the old bridge reopen this year?"
    assert lexicon.headline_shaped(measure(question), question) and lexicon.title_shaped(measure(question), question)
    sentence = "The bridge is closed."
    assert not lexicon.headline_shaped(measure(sentence), sentence) and not lexicon.title_shaped(measure(sentence), sentence)


def test_the_title_overlap_of_the_model_asks_more_than_the_metadata():
    title = measure("Harbour engineers rebuild granite seawall")
    words = frozenset(title.content)
    line = measure("Harbour engineers rebuild")  # 3 of the title's 5 topic words (its text: not held in the title)
    assert len(words) == 5 and len(words.intersection(line.content)) == 3
    page = "harbour engineers rebuild granite seawall | the daily"
    assert lexicon.shares_title("harbour engineers rebuilt", line, page, words, lexicon.TITLE_SHARE)
    assert not lexicon.shares_title("harbour engineers rebuilt", line, page, words, lexicon.HEADLINE_SHARE)
    held = measure("rebuild granite seawall")                  # held whole in the page title
    assert lexicon.shares_title("rebuild granite seawall", held, page, words, lexicon.HEADLINE_SHARE)


def test_bylines_and_the_agency_that_signs():
    assert lexicon.BYLINE_LIKE.match("• By Jane Doe") and lexicon.BYLINE_LIKE.match("Door Jan de Vries")
    assert lexicon.BYLINE_PREFIX.sub("", "Written by Jane Doe") == "Jane Doe"
    assert lexicon.BYLINE_PREFIX.sub("", "Автор: Иван Петров") == "Иван Петров"
    assert lexicon.AGENCY_BYLINE.match("By The Associated Press").group(1) == "Associated Press"
    assert lexicon.AGENCY_BYLINE.match("AP — Washington").group(1) == "AP"
    # "di" opens an Italian byline, but inside a line it is "of"
    assert lexicon.BYLINE_LIKE.match("Di Marco Rossi")
    assert not lexicon.BY_INSIDE.search("La storia di Marco Rossi")
    assert lexicon.BY_INSIDE.search("Published 7 August 2023 by Ann Lee").group("name") == "Ann Lee"


def test_the_two_name_tests():
    # a page's author element: any script, more particles, no stopword
    assert lexicon.is_person("Ursula von der Leyen", ENGLISH) and lexicon.is_person("Иван Петров", ENGLISH)
    assert not lexicon.is_person("The Author", ENGLISH) and not lexicon.is_person("Jane Doe 2", ENGLISH)
    # a dump's bare line beside a dateline: Latin capitals and fewer particles
    assert lexicon.NAME_LIKE.match("Jan van Dijk") and not lexicon.NAME_LIKE.match("Иван Петров")
    headline = "Mengenal Ulama Wahabi di Indonesia"
    assert lexicon.is_person(headline, frozenset()) and not lexicon.NAME_LIKE.match(headline)


def test_agencies_in_a_dateline_and_in_a_photo_credit():
    for agency in ("AP", "AFP", "Reuters", "UPI"):
        assert lexicon.INNER_DATELINE.search(f"Storm hits coast ({agency}) — Heavy rain fell")
    assert lexicon.INNER_DATELINE.search("Storm hits coast NEW DELHI: Heavy rain fell")
    assert not lexicon.INNER_DATELINE.search("Storm hits coast (Getty Images) — Heavy rain fell")
    assert lexicon.is_credit("A flooded street in Mumbai. John Doe / Getty Images", 9)
    assert lexicon.is_credit("Reuters", 1) and lexicon.is_credit("(Photo: Jane Doe)", 2)
    assert not lexicon.is_credit("UPI", 1)  # a wire service, not a picture library


def test_no_other_module_spells_prose_or_the_byline_words_again():
    """One place for one rule: a prose test (a sentence end and eight words) or a byline-word alternation
    written outside the lexicon would be a second definition that can drift."""
    prose = re.compile(r"ends_sentence.*(?:units|words)\s*>=\s*8|(?:units|words)\s*>=\s*8.*ends_sentence")
    found = []
    for path in (ROOT / "cleaner").rglob("*.py"):
        if path.name == "lexicon.py":
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if prose.search(line) or re.search(r"\bby\|von\b", line):
                found.append(f"{path.relative_to(ROOT)}:{number}")
    assert found == []


@given(st.lists(st.sampled_from(["a", " ", "Today", "toDAY", "yesterday", "YESTERDAY", "just now", "JUST NOW",
                                 "just  now", "ſ", "7", "٣", "²", "y", "t", "j", "Y", "T", "J", "K", "İ"]),
                max_size=12).map("".join))
@settings(max_examples=500, deadline=None)
def test_the_date_needle_look_ahead_changes_no_match(text):
    """``DATE_NEEDLE``'s look-ahead (a digit, or "y", "t", "j" in any case: ``DATE_NEEDLE_FIRST``) only
    passes over characters no match starts with: the pattern without it finds the same."""
    plain = re.compile(lexicon.DATE_NEEDLE.pattern.replace(lexicon.DATE_NEEDLE_FIRST, "", 1), re.I)
    found, expected = lexicon.DATE_NEEDLE.search(text), plain.search(text)
    assert (found and found.span()) == (expected and expected.span())


@given(st.lists(st.sampled_from(["a", " ", "Today", "toDAY", "yesterday", "YESTERDAY", "just now", "JUST NOW",
                                 "just  now", "ſ", "7", "٣", "²", "y", "t", "j", "Y", "T", "J", "K", "İ", "\t", "é"]),
                max_size=12).map("".join))
@settings(max_examples=500, deadline=None)
def test_the_date_needle_in_a_line_matches_where_the_needle_is_found(text):
    """``DATE_NEEDLE_IN_LINE`` (the core's screen of the header's lines, called with ``match``) matches a line
    exactly where ``DATE_NEEDLE`` is found in it."""
    assert (lexicon.DATE_NEEDLE_IN_LINE.match(text) is None) == (lexicon.DATE_NEEDLE.search(text) is None)


@given(st.lists(st.sampled_from(["a", " ", "  ", "by", "BY", "Par", "von", "door", "joined", "Commented", "member since",
                                 "rejoined", "joined2", "ſ", "İ", "K", "7", "é", "_", "-", "\t"]), max_size=10).map("".join))
@settings(max_examples=500, deadline=None)
def test_the_in_line_screens_match_where_their_patterns_are_found(text):
    """``BY_INSIDE_IN_LINE`` and ``OTHERS_DATE_IN_LINE`` (the core's screens of a page's lines, called with ``match``)
    match a line exactly where ``BY_INSIDE`` and ``OTHERS_DATE_WORDS`` are found in it."""
    assert (lexicon.BY_INSIDE_IN_LINE.match(text) is None) == (lexicon.BY_INSIDE.search(text) is None)
    assert (lexicon.OTHERS_DATE_IN_LINE.match(text) is None) == (lexicon.OTHERS_DATE_WORDS.search(text) is None)


@pytest.mark.parametrize("text", ["x" * 70_000, "x" * 70_000 + " by", "Posted 3 May by Ann", "maybe", "Ann Lee"])
def test_one_line_may_hold_a_label_as_the_chunked_screen_says(text):
    """``line_may_hold_any`` of one line answers as ``may_hold_any`` of that line alone, over-long lines too."""
    for labels in (lexicon.BY_INSIDE_WORDS, ("by", "é")):
        ascii_labels = all(label.isascii() for label in labels)
        assert lexicon.line_may_hold_any(text, labels, ascii_labels) == lexicon.may_hold_any((text,), labels)


def test_the_date_needle_look_ahead_holds_every_case_of_its_letters():
    """No character but "y", "t", "j" and their capitals matches one of them case-insensitively, so the
    look-ahead misses no word of the needle in any case."""
    import sys

    letters = re.compile("[ytj]", re.I)
    assert {chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF
            and letters.fullmatch(chr(c))} == set("ytjYTJ")


_SCREENED_WORDS = {"updates": lexicon.UPDATE_WORDS, "others": lexicon.OTHERS_DATE_WORDS}


@pytest.mark.parametrize("key", sorted(_SCREENED_WORDS))
def test_a_whole_word_patterns_look_ahead_lets_through_every_case_of_a_first_letter(key):
    """The look-ahead of :func:`lexicon._any_whole_word` (its words' first characters in a class, ``re.I``) lets
    through every character that opens one of its words as a literal does: the same search, sooner over the
    characters none opens."""
    import sys

    words = lexicon._DATA["dates"][key]
    assert _SCREENED_WORDS[key].pattern == lexicon._any_whole_word(words)
    firsts = re.compile("[" + "".join(sorted({re.escape(word[0]) for word in words})) + "]", re.I)
    literals = [re.compile(re.escape(first), re.I) for first in {word[0] for word in words}]
    for c in map(chr, range(sys.maxunicode + 1)):
        if not 0xD800 <= ord(c) <= 0xDFFF:
            assert bool(firsts.fullmatch(c)) == any(literal.fullmatch(c) for literal in literals), repr(c)


@given(st.sampled_from(sorted(_SCREENED_WORDS)),
       st.lists(st.sampled_from(["a", " ", ":", "Joined", "JOINED", "commented", "Updated", "last updated",
                                 "LAST  UPDATED", "mis à jour", "répondu", "RÉPONDU", "ſ", "K", "İ", "ı", "x",
                                 "7", "_", "-", "membre depuis", "lid sinds"]), max_size=10).map("".join))
@settings(max_examples=500, deadline=None)
def test_a_whole_word_patterns_look_ahead_changes_no_match(key, text):
    """The screened pattern (:func:`lexicon._any_whole_word`) finds what the plain one (look-behind, the words,
    look-ahead) found before it, where it found it."""
    plain = re.compile(r"(?<!\w)(?:" + lexicon._alternatives(lexicon._DATA["dates"][key]) + r")(?!\w)", re.I)
    found, expected = _SCREENED_WORDS[key].search(text), plain.search(text)
    assert (found and found.span()) == (expected and expected.span())


def test_the_credit_patterns_matched_at_the_start_open_every_alternative_there():
    """:data:`lexicon._CREDIT_OPENING` is matched at the line's start only: each of its patterns opens with
    ``^`` in every alternative (a pattern ``^a|b`` would lose its ``b`` elsewhere in the line)."""
    from re import _constants, _parser

    def anchored(parsed) -> bool:
        op, av = parsed[0]
        if op is _constants.BRANCH:
            return all(anchored(branch) for branch in av[1])
        if op is _constants.SUBPATTERN:
            return anchored(av[-1])
        return op is _constants.AT and av is _constants.AT_BEGINNING

    opening = [p for p in lexicon._CREDIT_PATTERNS if p.pattern.startswith("^")]
    assert opening and all(anchored(_parser.parse(p.pattern, p.flags)) for p in opening)


_CREDIT_BITS = ["a", " ", "  ", ".", "!", "?", ":", "：", "|", "/", " / ", "(", ")", "©", "(c) ", "…", "...",
                "Photo", "photo", "PHOTOS", "Photo credit", "Image", "images", "Picture", "Credit", "credits",
                "Illustration", "Foto", "Bild", "bildquelle", "Fotografía", "Imagen", "Immagine", "caption",
                "Media", "copyright", "courtesy", "of", "crédit", "crédits photos", "via", "for", "Getty Images",
                "Getty", "AFP", "Reuters", "EPA-EFE", "dpa", "Ann Lee", "x", "7", "İ", "ſ", "K"]


@given(st.lists(st.sampled_from(_CREDIT_BITS), max_size=12).map("".join))
@settings(max_examples=1500, deadline=None)
def test_a_credit_is_found_as_by_the_patterns_searched_one_by_one(text):
    """:func:`lexicon.is_credit` (the anchored patterns matched at the start, the others searched for behind
    their first characters' look-ahead, :data:`lexicon._CREDIT_FIRST`) says what a search with each of
    :data:`lexicon._CREDIT_PATTERNS` says, and each of those patterns' matches opens with one of those
    characters unless it is anchored."""
    patterns = [re.compile(p.pattern, p.flags) for p in lexicon._CREDIT_PATTERNS]
    assert lexicon.is_credit(text, 1) == any(p.search(text) for p in patterns)
    for p in patterns:
        if not p.pattern.startswith("^"):
            for found in p.finditer(text):
                assert text[found.start()] in lexicon._CREDIT_FIRST, (p.pattern, text)


def test_a_line_ending_in_an_ideographic_full_stop_is_no_title():
    from cleaner.lexicon import title_shaped
    from cleaner.stages.features import Features

    def shaped(text):
        return title_shaped(Features(text, frozenset(), True), text)

    assert shaped("梅干しを初めて漬けた話")
    assert not shaped("毎日の料理と季節の保存食のことを記録しています。")


def test_a_taxonomy_line_may_be_labelled_in_chinese_or_japanese_with_a_full_width_colon():
    from cleaner.lexicon import TAXONOMY_LINE

    assert all(TAXONOMY_LINE.match(text) for text in ("テーマ：ブログ", "カテゴリ: 日記", "标签：生活", "Tags: harbour"))
    assert not TAXONOMY_LINE.match("テーマパークに行きました：楽しかった")


def test_a_bylines_name_ends_where_its_date_begins_in_every_language():
    from cleaner.lexicon import byline_name

    for line, name in (("Par Claire Dumont, le 14 juin 2023 à 16h42", "Claire Dumont"),
                       ("Écrit par Claire Dumont le 14 juin 2023", "Claire Dumont"),
                       ("Geschrieben von Anna Schmidt am 14. Juni 2023", "Anna Schmidt"),
                       ("Scritto da Marco Rossi", "Marco Rossi"), ("Geschreven door Jan de Vries", "Jan de Vries"),
                       ("By Marine Le Pen", "Marine Le Pen")):
        assert byline_name(line) == name, line


def test_a_bylines_name_ends_at_a_weekday_after_a_comma_in_every_language():
    """A dateline opening with its weekday after the name ("By Omar Haddad, Wednesday, 20 November 2019") is no
    part of the name; a surname that is a weekday's word, with no comma before it, is."""
    from cleaner.lexicon import byline_name

    for line, name in (("By Omar Haddad, Wednesday, 20 November 2019 08:05 GMT", "Omar Haddad"),
                       ("Par Claire Dumont, mercredi 14 juin 2023", "Claire Dumont"),
                       ("Von Anna Schmidt, Mittwoch, 14. Juni 2023", "Anna Schmidt"),
                       ("By Jane Doe, Tuesday", "Jane Doe"), ("By Ann Sunday", "Ann Sunday")):
        assert byline_name(line) == name, line


def test_a_credits_label_with_a_colon_a_blogs_posted_by_and_two_authors_in_every_language():
    """"Text: …", "Autora: …", "Words: …" label the name after the colon; "Publicado por", "Veröffentlicht von",
    "Pubblicato da" are a blog's "Posted by"; "und", "et", "y" join two authors as "and" does; a category after
    "in" is no part of the name."""
    from cleaner.lexicon import byline_name

    for line, name in (("Text: Anna Schmidt", "Anna Schmidt"), ("Texte : Claire Dumont", "Claire Dumont"),
                       ("Texto: Lucía Gómez", "Lucía Gómez"), ("Tekst: Jan de Vries", "Jan de Vries"),
                       ("Words: Ann Lee", "Ann Lee"), ("Autora: Lucía Gómez", "Lucía Gómez"),
                       ("Autore: Marco Rossi", "Marco Rossi"), ("Publicado por Lucía Gómez", "Lucía Gómez"),
                       ("Veröffentlicht von Anna Schmidt", "Anna Schmidt"), ("Pubblicato da Marco Rossi", "Marco Rossi"),
                       ("Von Anna Schmidt und Peter Braun", "Anna Schmidt und Peter Braun"),
                       ("Par Claire Dumont et Paul Roux", "Claire Dumont et Paul Roux"),
                       ("Posted by Ann Lee in Recipes", "Ann Lee")):
        assert byline_name(line) == name, line
    # the colon is needed: "Text" or "Words" alone opens a heading, and a label's word inside another is none
    for line in ("Text Anna Schmidt", "Words Ann Lee", "Textbook: Anna Schmidt", "Context: Ann Lee"):
        assert byline_name(line) is None, line


def test_a_bare_name_may_hold_a_particle_that_every_stoplist_holds():
    """"de" is in every stoplist (the English one too), so "Jan de Vries" beside a dateline was never a name; a
    particle in lower case between the name's words is no stopword there. The first word or a last one is."""
    from cleaner.language import stopwords
    from cleaner.lexicon import is_bare_name

    for name, language in (("Jan de Vries", "Dutch"), ("Jan de Vries", "English"), ("Lena von Hartmann", "German"),
                           ("Lucía de la Cruz", "Spanish"), ("Claire de la Tour", "French")):
        assert is_bare_name(name, stopwords(language)), (name, language)
    assert not is_bare_name("Jan De Vries Und", stopwords("German"))
    assert not is_bare_name("Politik Und Wirtschaft", stopwords("German"))


def test_photo_credits_of_the_agencies_and_labels_of_other_languages():
    """A caption closed by its agency and photographer ("… del Guadalquivir. EFE/Julio Muñoz"), a credit's label
    in Spanish, Portuguese or Italian, an agency alone: photo credits; prose naming an agency is not."""
    from cleaner.lexicon import is_credit

    for credit in ("Un campo de arroz seco en las marismas del Guadalquivir. EFE/Julio Muñoz", "Fotografía: Julio Muñoz",
                   "Imagen: Europa Press", "Imagem: Agência Brasil", "Immagine: ANSA", "Europa Press", "Lusa",
                   "Los agricultores de Sevilla. Europa Press/Joaquín Corchero"):
        assert is_credit(credit, len(credit.split())), credit
    prose = "El presidente habló con la agencia EFE sobre el riego en la provincia de Sevilla."
    assert not is_credit(prose, len(prose.split()))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["Thread", "starter", "THREAD STARTER", "topic", "Author", " ", "\n", "ſ", "İ", "ı",
                                 "discussİon", "Diſcussion starter", "Ersteller", "x", "·", "K"]), max_size=12))
def test_a_label_screen_never_hides_what_the_patterns_find(parts):
    """may_hold_any is False only where neither thread-starter pattern can match a line (re.I's own folding: the
    long s and the dotted and dotless I match ASCII letters that str.lower keeps apart)."""
    from cleaner.lexicon import THREAD_STARTER, THREAD_STARTER_AFTER, THREAD_STARTER_LABELS, may_hold_any
    text = "".join(parts)
    found = any(THREAD_STARTER.match(line) or THREAD_STARTER_AFTER.match(line) for line in text.split("\n"))
    assert may_hold_any(text.split("\n"), THREAD_STARTER_LABELS) or not found
    assert not may_hold_any(["Posted by Ann Lee", "May 3, 2024"], THREAD_STARTER_LABELS)
    assert may_hold_any(["x" * 70_000], THREAD_STARTER_LABELS)  # a long line is not copied: assumed to hold one
