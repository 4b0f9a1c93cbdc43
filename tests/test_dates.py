"""cleaner/dates.py, the one date parser of both paths: two-digit years, dotted dates, day-first languages, a
dateline's update, a URL's date."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner import Cleaner, dates
from cleaner.dates import dates_another, date_in_url, parse_date, publication_date, writes_day_first

PROSE = ("The harbour reopened on Monday after three weeks of repairs to the storm wall, officials said on "
         "Monday morning.\n\nFishing boats returned to their moorings within hours, and the ferry to the island "
         "resumed its timetable.\n\nThe council said the wall would be inspected again in the spring.\n")


def test_two_digit_years_and_dotted_dates():
    assert parse_date("10.02.20") == "2020-02-10"
    assert parse_date("Posted 3/5/24") == "2024-03-05"
    assert parse_date("12.11.98") == "1998-11-12"
    assert parse_date("version 1.2.30.4") is None


def test_a_language_that_writes_the_day_first_reads_08_12_2023_as_8_december():
    assert writes_day_first("French") and not writes_day_first("English") and not writes_day_first(None)
    assert parse_date("08/12/2023", day_first=True) == "2023-12-08"
    assert parse_date("08/12/2023") == "2023-08-12"
    assert parse_date("25/12/2023", day_first=False) == "2023-12-25"


def test_an_update_is_not_the_publication_date():
    assert publication_date("Updated Nov 19, 2019; Posted Nov 18, 2019") == "2019-11-18"
    assert publication_date("Updated June 1, 2024") is None


def test_a_members_joining_a_comment_or_an_answer_is_not_the_publication_date():
    assert publication_date("Posts: 524 | Joined: Mon Jul 24, 2017 9:28 am") is None
    assert publication_date("Commented Jul 4, 2021 at 15:54") is None
    assert dates_another("answered Sep 5, 2025 at 23:18") and dates_another("Mitglied seit 3. Mai 2019")
    assert not dates_another("asked Oct 16, 2023 at 9:40") and not dates_another("Published May 5, 2025")
    # (a part without the date that says "registered" does not make the dateline another's)
    assert publication_date("By Ann Lee, Registered Dietitian | May 5, 2025") == "2025-05-05"


def test_an_update_word_labels_the_date_after_it_not_the_one_before():
    # a forum post's "(Edited)" says it was edited since: the date printed before it is still the post's
    assert publication_date("#1 · Aug 3, 2023 (Edited)") == "2023-08-03"
    assert publication_date("Aug 3, 2023 (Updated May 5, 2024)") == "2023-08-03"
    assert publication_date("2019-02-23, 09:14 PM (This post was last modified: 2024-01-05, 03:27 AM by ann.)") == (
        "2019-02-23")
    # the date after the word is the update's
    assert publication_date("Updated Aug 3, 2023") is None
    assert publication_date("By Ann Lee Last Updated: December 6, 2024") is None


def test_a_text_dump_passes_over_a_members_join_date_and_a_comments_date():
    """A forum's header prints the poster's profile ("Joined: …") by the first post's dateline; a Q&A page prints
    a comment's machine timestamp over its "Commented …" line: neither is the article's date."""
    clean = Cleaner(use_profiles=False).clean
    profile = ("Harbour reopens after storm repairs\n\nchangingtimes\nPosts: 524\nJoined: Mon Jul 24, 2017 9:28 am\n"
               "\nPost by changingtimes » Sat Feb 24, 2024 12:41 pm\n\n")
    assert clean(profile + PROSE, input_format="text").date == "2024-02-24"
    comment = "Harbour reopens after storm repairs\n\n2021-07-04 15:54:20 +00:00\nCommented Jul 4, 2021 at 15:54\n\n"
    assert clean(comment + PROSE, input_format="text").date is None
    # the same timestamp beside a dateline of its own is the article's
    plain = "Harbour reopens after storm repairs\n\n2021-07-04 15:54:20 +00:00\n\n"
    assert clean(plain + PROSE, input_format="text").date == "2021-07-04"


def test_the_date_a_url_states():
    assert date_in_url("https://example.com/2024/03/05/harbour-reopens/") == "2024-03-05"
    assert date_in_url("https://example.com/news/2024-03-05-harbour") == "2024-03-05"
    assert date_in_url("https://example.com/2024/03/") is None
    assert date_in_url(None) is None
    assert date_in_url("https://example.com/blog/2023/october/03/harbour-reopens/") == "2023-10-03"
    assert date_in_url("https://example.com/blog/2023/Oct/3/harbour-reopens") == "2023-10-03"


def test_a_text_dump_takes_the_publication_date_over_the_update_and_else_the_urls():
    clean = Cleaner(use_profiles=False).clean
    dump = "Harbour reopens after storm repairs\n\nUpdated June 1, 2024\nPublished May 5, 2024\n\n" + PROSE
    assert clean(dump, input_format="text").date == "2024-05-05"
    plain = "Harbour reopens after storm repairs\n\n" + PROSE
    assert clean(plain, input_format="text", url="https://example.com/2024/03/05/harbour/").date == "2024-03-05"


def test_the_urls_date_wins_over_the_dumps_dateline():
    """The permalink's /2023/10/03/ is the publication's: an update's date, or a numeric date read in the other
    order (a British site's 03/10/2023), yields to it."""
    clean = Cleaner(use_profiles=False).clean
    for dateline in ("03/10/2023", "Updated June 1, 2024"):
        dump = "Harbour reopens after storm repairs\n\n" + dateline + "\n\n" + PROSE
        assert clean(dump, input_format="text", url="https://example.com/2023/10/03/harbour/").date == "2023-10-03"


def test_a_french_dump_reads_its_numeric_dateline_day_first():
    prose = ("Le port a rouvert lundi après trois semaines de travaux sur la digue, ont indiqué les services de la "
             "ville.\n\nLes bateaux de pêche sont revenus à leurs mouillages dans la journée, et le bac vers l'île a "
             "repris ses horaires.\n\nLa mairie a dit que la digue serait de nouveau inspectée au printemps.\n")
    dump = "Le port rouvre après les travaux\n\n08/12/2023\n\n" + prose
    assert Cleaner(use_profiles=False).clean(dump, input_format="text").date == "2023-12-08"


def test_day_month_year_with_dashes():
    assert parse_date("By Jayesh Shinde | Updated on 19-Dec-2025") == "2025-12-19"
    assert parse_date("19-Dec-2025") == "2025-12-19"


def test_a_year_first_date_with_dots_and_a_month_first_date_with_a_dot_after_the_day():
    assert parse_date("Essay - Published: 2025.12.17 | programming |") == "2025-12-17"
    assert parse_date("📅Jul. 11. 2025") == "2025-07-11"
    # a version number is no date
    assert parse_date("Release 2024.1.3") is None
    assert parse_date("build 2024.10.12.1") is None


_DATE_TEXT = st.lists(st.sampled_from(
    [" ", "  ", ".", ",", "-", "5", "12", "2024", "٣", "th", "st", "de", "Feb", "feb.", "MARCH", "Mai", "märz",
     "août", "SEPT", "ſept", "K", "İ", "марта", "word", "Jul. 11. 2025", "10 de febrero de 2020", "x"]),
    max_size=14).map("".join)


@given(_DATE_TEXT)
@settings(max_examples=500, deadline=None)
def test_the_month_first_look_ahead_changes_no_match(text):
    """``_MONTH_FIRST``'s look-ahead (a word, then a digit: :data:`cleaner.dates._WORD_THEN_DIGIT`) only
    passes over the places where no month name stands before its day: the pattern without it finds the same."""
    plain = re.compile(dates._MONTH_FIRST.pattern.replace(dates._WORD_THEN_DIGIT, "", 1), dates._MONTH_FIRST.flags)
    assert plain.pattern != dates._MONTH_FIRST.pattern
    found, expected = dates._MONTH_FIRST.search(text), plain.search(text)
    assert (found and (found.span(), found.groups())) == (expected and (expected.span(), expected.groups()))


def test_every_month_name_is_letters_only():
    """What the look-ahead of ``_MONTH_FIRST`` holds to: a month name is a word of letters."""
    assert all(re.fullmatch(r"[^\W\d_]+", name) for name in dates._MONTH)


def test_a_languages_abbreviated_month_names_a_date():
    """Spanish, Italian, Portuguese, French, German and Dutch sites print the month abbreviated ("04-ago-2021",
    "5 dic. 2020", "12 janv. 2024", "3. Okt. 2022"); an English "ago" is still no month."""
    assert parse_date("By: Ann Lee on 04-ago-2021 5:11:10") == "2021-08-04"
    assert parse_date("5 dic. 2020") == "2020-12-05"
    assert parse_date("12 janv. 2024") == "2024-01-12"
    assert parse_date("3. Okt. 2022") == "2022-10-03"
    assert parse_date("15 mrt 2019") == "2019-03-15"
    assert parse_date("posted 2 days ago, 2021") is None


def test_year_first_dates_with_slashes_or_the_cjk_unit_signs():
    """Japanese, Chinese and Korean pages print the year first: with slashes, or with 年/月/日 (년/월/일)."""
    assert parse_date("2025/03/05") == "2025-03-05"
    assert parse_date("投稿日: 2025/3/5 10:00") == "2025-03-05"
    assert parse_date("2025年3月5日") == "2025-03-05"
    assert parse_date("公開日 2025年 12月 17日 (水)") == "2025-12-17"
    assert parse_date("2025년 3월 5일") == "2025-03-05"
    # a path of numbers goes on past the day; no day-month order is read into a year printed first
    assert parse_date("see /2025/03/05/harbour") is None
    assert parse_date("2025/13/05") is None


def test_a_day_of_a_month_with_of():
    assert parse_date("Posted on the 21st of June 2017") == "2017-06-21"
    assert parse_date("Wednesday, 5th of March 2025") == "2025-03-05"


def test_a_cjk_dateline_in_a_text_dump_is_the_date():
    clean = Cleaner(use_profiles=False).clean
    dump = "Harbour reopens after storm repairs\n\n2025年3月5日\n\n" + PROSE
    assert clean(dump, input_format="text").date == "2025-03-05"


def test_a_day_without_its_year_takes_the_year_of_the_urls_month():
    from cleaner.dates import publication_day_in_url_month as day_in
    url = "https://example.com/news/2019/11/story.html"
    assert day_in("Updated Nov 19, 9:41 AM; Posted Nov 18, 8:19 PM", url) == "2019-11-18"
    assert day_in("18 November", url) == "2019-11-18"
    assert day_in("Updated Nov 19, 6:55 AM", url) is None          # an update's day only
    assert day_in("Oct 3", url) is None                             # another month than the path's
    assert day_in("Nov 18", "https://example.com/news/story.html") is None
    assert day_in("Joined Nov 3", url) is None                      # someone else's act


def test_a_first_days_ordinal_in_french_spanish_and_portuguese():
    assert parse_date("Publié le 1er mars 2021") == "2021-03-01"
    assert parse_date("1º de marzo de 2021") == "2021-03-01"
    assert parse_date("1.º de março de 2021") == "2021-03-01"
    assert parse_date("3 de marzo del 2021") == "2021-03-03"
    assert parse_date("Ver 1er 2021") is None


def test_a_date_labelled_as_the_publications_wins_over_an_update_printed_first():
    assert publication_date("Updated May 5, 2022 Published March 3, 2021") == "2021-03-03"
    assert publication_date("May 5, 2022 (Originally published March 3, 2021)") == "2021-03-03"
    assert publication_date("Mis à jour le 5 mai 2022, publié le 3 mars 2021") == "2021-03-03"
    assert publication_date("Published by Ann Lee on March 3, 2021") == "2021-03-03"
    assert publication_date("Published March 3, 2021 Updated May 5, 2022") == "2021-03-03"
    assert publication_date("Published | Updated May 5, 2022") is None      # a label with no date of its own


def test_a_day_named_without_its_year_and_a_date_against_the_urls_month():
    assert dates.names_yearless_day("March 3,") and dates.names_yearless_day("Wednesday, 3 March")
    assert dates.names_yearless_day("1er mars") and not dates.names_yearless_day("March 3, 2021")
    assert dates.names_yearless_day("marzo 1º") and dates.names_yearless_day("Nov 1st,")   # an ordinal, month first
    url = "https://example.com/2021/03/harbour-reopens"
    assert dates.against_url_month("2022-05-05", url)
    assert not dates.against_url_month("2021-03-17", url)
    assert not dates.against_url_month("2022-05-05", "https://example.com/news/harbour-reopens")
    assert not dates.against_url_month(None, url)


def test_month_abbreviations_of_german_french_spanish_and_italian():
    assert parse_date("12. Jänner 2021") == parse_date("12 Jän. 2021") == "2021-01-12"
    assert parse_date("12. Mrz. 2021") == "2021-03-12"
    assert parse_date("12 fév. 2021") == "2021-02-12"
    assert parse_date("12 de setiembre de 2021") == "2021-09-12"
    assert parse_date("12 gen 2021") == "2021-01-12" and parse_date("12 mag 2021") == "2021-05-12"
    assert parse_date("12 sett. 2021") == "2021-09-12"
