"""The text path's title and date (cleaner/stages/metadata.py): the headline that repeats the page title, the
page title where the header's pick shares nothing with it, and datelines that name no day."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner import Cleaner
from cleaner.stages.metadata import _drop_hyphenation_hints

PROSE = ("The harbour reopened on Monday after three weeks of repairs to the storm wall, officials said on "
         "Monday morning.\n\nFishing boats returned to their moorings within hours, and the ferry to the island "
         "resumed its timetable.\n\nThe council said the wall would be inspected again in the spring.\n")


def _clean(text: str):
    return Cleaner(use_profiles=False).clean(text, input_format="text")


def test_the_headline_repeating_a_part_of_the_page_title_is_the_title_however_far_above_the_text():
    menu = "".join(f"Section {n}\n" for n in range(1, 21))
    dump = ("Harbour Times: Harbour reopens after three weeks of storm repairs\n\n" + menu +
            "\nHarbour reopens after three weeks of storm repairs\n\n" + menu +
            "Weather Desk\n\n" + PROSE)
    article = _clean(dump)
    assert article.title == "Harbour reopens after three weeks of storm repairs"


def test_a_header_pick_that_shares_no_words_with_the_page_title_yields_to_the_page_title():
    menu = "".join(f"Section {n}\n" for n in range(1, 21))
    dump = ("Harbour reopens after three weeks of storm repairs | Harbour Times\n\n" + menu +
            "\nSubscribe For Daily Updates\n\n" + PROSE)
    article = _clean(dump)
    assert article.title == "Harbour reopens after three weeks of storm repairs"


def test_a_headline_printed_twice_is_the_title_over_a_standfirst_and_a_page_title_sharing_nothing():
    # the page's SEO title shares no word with the headline; the standfirst stands nearer the byline and date
    dump = ("Why Coastal Towns Rebuild Sea Walls | Harbour Times\n\nNews\nWorld\n\nStorm repairs explained\n\n"
            "Storm repairs explained\n\nA guide to what the council fixed, how long it took, and what it cost the "
            "town\n\nBy Ann Lee\n\nMay 5, 2025\n\n" + PROSE)
    assert _clean(dump).title == "Storm repairs explained"
    # printed once, the page title stands as before
    once = dump.replace("Storm repairs explained\n\nStorm repairs explained", "Storm repairs explained", 1)
    assert _clean(once).title == "Why Coastal Towns Rebuild Sea Walls"


def test_soft_hyphens_are_no_part_of_the_title_or_the_byline():
    # a page's hyphenation hints (U+00AD) print nothing; a user searching "Assistance" must find the title
    article = _clean("Storm Assis\xadtance for Harbour Towns | Harbour Times\n\nStorm Assis\xadtance for Harbour "
                     "Towns\n\nBy Jane Doe\n\n" + PROSE)
    assert (article.title, article.byline) == ("Storm Assistance for Harbour Towns", "Jane Doe")
    meta = {"title": "Assis\xadtance", "byline": "Jane Dough\xaderty", "date": None}
    _drop_hyphenation_hints(meta)
    assert meta == {"title": "Assistance", "byline": "Jane Dougherty", "date": None}


def test_a_dateline_naming_no_day_is_no_date():
    article = _clean("Harbour reopens after storm repairs\n\n2 hours ago\n\n" + PROSE)
    assert article.date is None
    dated = _clean("Harbour reopens after storm repairs\n\n2 hours ago\nMay 5, 2025\n\n" + PROSE)
    assert dated.date == "2025-05-05"


def test_a_byline_line_that_also_holds_the_date_gives_the_name_and_the_date():
    article = _clean("Harbour reopens after storm repairs\n\nBy Jane Doe | March 3, 2024\n\n" + PROSE)
    assert (article.byline, article.date) == ("Jane Doe", "2024-03-03")
    assert "By Jane Doe | March 3, 2024" not in article.paragraphs


def test_written_by_and_a_reading_time_after_the_name_are_not_the_name():
    article = _clean("Harbour reopens after storm repairs\n\nWritten by Jane Doe · 5 min read\n\n" + PROSE)
    assert article.byline == "Jane Doe"


def test_by_alone_on_its_line_names_the_line_under_it():
    article = _clean("Harbour reopens after storm repairs\n\nBy\nJane Doe\n\n" + PROSE)
    assert article.byline == "Jane Doe"


def test_a_menu_entry_by_industry_is_no_byline():
    article = _clean("Harbour reopens after storm repairs\n\nBy Industry\n\n" + PROSE)
    assert article.byline is None


def _above_a_long_header(name_line: str) -> str:
    """A dump whose headline, ``name_line`` and dateline stand above a menu of twenty lines, then the prose."""
    menu = "".join(f"Section {n}\n" for n in range(1, 21))
    return ("Harbour reopens after three weeks of storm repairs | Harbour Times\n\n"
            f"Harbour reopens after three weeks of storm repairs\n\n{name_line}\nMarch 3, 2024\n\n" + menu + "\n" + PROSE)


def test_the_byline_and_dateline_under_the_headline_count_above_a_long_header():
    article = _clean(_above_a_long_header("By Jane Doe"))
    assert (article.byline, article.date) == ("Jane Doe", "2024-03-03")


def test_a_role_after_a_comma_is_no_part_of_the_byline_name():
    article = _clean("Harbour reopens after storm repairs\n\nBy Mayank Gupta, CEO of Harbour Works\n"
                     "March 3, 2024\n\n" + PROSE)
    assert article.byline == "Mayank Gupta"
    bare = _clean("Harbour reopens after storm repairs\n\nMike Marshall, Shipping Expert\nMarch 3, 2024\n\n" + PROSE)
    assert bare.byline == "Mike Marshall"


def test_a_round_bullet_ends_the_byline_name():
    article = _clean("Harbour reopens after storm repairs\n\nby Jane Doe ● March 3, 2024 ● 6 min read\n\n" + PROSE)
    assert (article.byline, article.date) == ("Jane Doe", "2024-03-03")


def test_a_bare_name_whose_surname_is_a_stopword_beside_the_dateline_is_the_byline():
    article = _clean("Harbour reopens after storm repairs\n\nAndrew King\nMarch 3, 2024\n\n" + PROSE)
    assert article.byline == "Andrew King"
    heading = _clean("Harbour reopens after storm repairs\n\nThe Harbour Report\nMarch 3, 2024\n\n" + PROSE)
    assert heading.byline is None


def test_a_bare_name_one_short_line_from_the_dateline_is_the_byline():
    article = _clean("Harbour reopens after storm repairs\n\nChirag Bhardwaj\nVP - Technology\nMarch 3, 2024\n\n"
                     + PROSE)
    assert article.byline == "Chirag Bhardwaj"
    assert "Chirag Bhardwaj" not in article.paragraphs


def test_of_two_bare_names_the_one_beside_the_dateline_is_the_byline():
    """A header printing its category over the credit over the date: the category is a line further off."""
    article = _clean("Harbour reopens after storm repairs\n\nHarbour Repairs\nJane Doe\nMarch 3, 2024\n\n"
                     + PROSE)
    assert (article.byline, article.date) == ("Jane Doe", "2024-03-03")
    under = _clean("Harbour reopens after storm repairs\n\nMarch 3, 2024\nJane Doe\nHarbour Repairs\n\n"
                   + PROSE)
    assert under.byline == "Jane Doe"


def _outlet_credit(credit: str, url: str) -> str | None:
    text = ("Harbour reopens after storm repairs\n\nThe storm wall took three weeks to mend and the fleet waited in "
            "the next bay.\n\n" + credit + "\nShow Caption\n\n" + PROSE)
    return Cleaner(use_profiles=False).clean(text, url=url, input_format="text").byline


def test_a_name_with_the_sites_name_in_capitals_after_it_is_the_byline():
    """"Jane Doe HARBOUR TIMES" on harbourtimes.com credits its writer; a photo's credit ("Jane Doe / HARBOUR
    TIMES") or another site's name is none, and the site's name is cut from a byline over its dateline."""
    url = "https://www.harbourtimes.com/story/news/harbour-reopens"
    assert _outlet_credit("Jane Doe HARBOUR TIMES", url) == "Jane Doe"
    assert _outlet_credit("Jane Doe / HARBOUR TIMES", url) is None
    assert _outlet_credit("Jane Doe HARBOUR TIMES", "https://www.coastnews.com/story/harbour-reopens") is None
    dated = Cleaner(use_profiles=False).clean("Harbour reopens after storm repairs\n\nJane Doe and Bo Li HARBOUR "
                                              "TIMES\nPublished 7:07 PM EST Nov 19, 2019\n\n" + PROSE, url=url,
                                              input_format="text")
    assert dated.byline == "Jane Doe and Bo Li"


def test_the_byline_block_under_a_standfirst_counts():
    standfirst = ("Repairs to the storm wall took three weeks, and the fishing fleet waited in the next bay "
                  "for the work to end.\n\nThe council says the new wall will hold against a storm twice as "
                  "strong as the last one.\n\nThe Harbour Photo Agency\n")
    article = _clean("Harbour reopens after storm repairs\n\n" + standfirst + "By Daryl Austin\n"
                     "Published March 9, 2026\n\n" + PROSE)
    assert (article.byline, article.date) == ("Daryl Austin", "2026-03-09")
    assert "By Daryl Austin" not in article.paragraphs


def test_a_bare_name_beside_the_dateline_above_a_long_header_is_the_byline():
    article = _clean(_above_a_long_header("Jane Doe"))
    assert (article.byline, article.date) == ("Jane Doe", "2024-03-03")


def test_a_greeting_beside_a_date_is_no_byline():
    """The name before a comma counts only with a role after it ("Dear Brian," is a letter's greeting)."""
    article = _clean("Harbour reopens after storm repairs\n\nMarch 3, 2024\nDear Brian,\n\n" + PROSE)
    assert article.byline is None


def test_a_dateline_of_short_parts_longer_than_a_dateline_is_read():
    """A line of parts ("On Behalf of … | Apr 21, 2017 | Section") may hold more words than a dateline, each
    part fewer."""
    article = _clean("Harbour reopens after storm repairs\n\nOn Behalf of Harbour And Quay Legal Partners LLP | "
                     "Apr 21, 2017 | Maritime Law\n\n" + PROSE)
    assert article.date == "2017-04-21"
    sentence = _clean("Harbour reopens after storm repairs\n\nThe wall that the council and the harbour board "
                      "built on Apr 21, 2017 for the fleet fell\n\n" + PROSE)
    assert sentence.date is None


def test_a_byline_of_several_names_and_its_date_under_the_first_prose_count():
    """A "By …" line naming three authors, with its date, under a promo line taken for the first prose."""
    dump = ("Harbour reopens after storm repairs\n\nRead our preview of the regatta on the island this weekend!\n\n"
            "By Jane Doe, Ann Lee, Bo Smith on March 12, 2026 | Comments\n\n" + PROSE)
    article = _clean(dump)
    assert article.date == "2026-03-12"
    assert article.byline.startswith("Jane Doe")


def test_the_dateline_under_the_headline_beats_a_list_of_dated_articles_above_it():
    related = "".join(f"Harbour news item number {n} of the week\n0{n}/0{n}/2025\n" for n in range(1, 5))
    article = _clean(related + "\nHarbour reopens after storm repairs\n\n03/01/2017 by Jane Doe\n\n" + PROSE)
    assert article.date == "2017-03-01"


def test_the_title_lengths_are_exactly_those_a_similar_line_may_have():
    """_pick_title passes over a line whose length is not in _titles_by_length without comparing it: it
    must hold every length _alike_lengths allows (a line of another length is never similar), and no more,
    each with the titles whose length it is alike."""
    from cleaner.stages.metadata import _alike_lengths, _titles_by_length, _TitlePart

    for b in range(0, 320):
        lengths = _titles_by_length((_TitlePart("x" * b),))
        assert set(lengths) == {a for a in range(0, 800) if _alike_lengths(a, b)}, b
    short, long = _TitlePart("x" * 20), _TitlePart("x" * 90)
    both = _titles_by_length((short, long))
    assert both[20] == (short,) and both[90] == (long,) and 50 not in both


def test_a_title_part_is_similar_exactly_where_difflib_says_so():
    """_TitlePart.similar counts the characters in common itself (difflib's quick_ratio bound) and makes
    difflib's matcher only for a line that passes it: the answer is difflib's, bound and ratio, on lines
    near and far from the title (equal, a word changed, the characters shuffled, another headline)."""
    from difflib import SequenceMatcher
    import random

    from cleaner.stages.metadata import _REPEAT_SIMILARITY, _alike_lengths, _TitlePart

    title = "storm damage closes the harbour road for a week"
    rng = random.Random(19)
    lines = [title, title.replace("week", "month"), "the harbour road reopens after a week of storm repairs",
             "".join(rng.sample(title, len(title))), "café crème: la route du port rouverte après la tempête"]
    for _ in range(300):
        words = title.split()
        rng.shuffle(words)
        lines.append(" ".join(words[:rng.randint(2, len(words))]) + rng.choice(["", " é", " now", "s"]))
    part = _TitlePart(title)
    for line in lines:
        matcher = SequenceMatcher(None, line, title)
        expected = line == title or (_alike_lengths(len(line), len(title))
                                     and matcher.quick_ratio() >= _REPEAT_SIMILARITY
                                     and matcher.ratio() >= _REPEAT_SIMILARITY)
        assert part.similar(line) == expected, line
    assert part.similar(title.replace("week", "month")) and not part.similar(lines[2])


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_every_timestamp_and_date_holds_the_date_needle(data):
    """The metadata skips a line above the header unread when its text holds no DATE_NEEDLE (and the shapes
    did not take it for a dateline): every string TIMESTAMP_LIKE or DATE_OR_TIME matches must hold one."""
    from cleaner.lexicon import DATE_NEEDLE, DATE_OR_TIME, TIMESTAMP_LIKE

    pattern = data.draw(st.sampled_from([TIMESTAMP_LIKE, DATE_OR_TIME]))
    text = data.draw(st.from_regex(pattern.compiled(), fullmatch=pattern is TIMESTAMP_LIKE))
    # (TIMESTAMP_LIKE tries its forms one by one: what the union matches, one of them does)
    assert pattern.match(text) if pattern is TIMESTAMP_LIKE else pattern.search(text)
    assert DATE_NEEDLE.search(text), text


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_every_timestamp_of_a_form_holds_its_needle(data):
    """TIMESTAMP_LIKE tries a form on a line only where the line holds the form's needle (a year's four digits
    for the forms with the months' names): every string a form matches must hold it, and the needles screen
    out a line of a header's chrome that no form matches."""
    from cleaner.lexicon import TIMESTAMP_LIKE

    screened = [(form, needle) for form, needle in TIMESTAMP_LIKE.forms() if needle is not None]
    assert len(screened) == 2
    form, needle = data.draw(st.sampled_from(screened))
    text = data.draw(st.from_regex(form.compiled(), fullmatch=True))
    assert needle.search(text), text
    assert TIMESTAMP_LIKE.match(text)
    assert not TIMESTAMP_LIKE.match("Posted in News | 12 Comments")


def test_a_line_repeating_the_site_name_that_ends_the_page_title_is_no_headline():
    menu = "".join(f"Section {n}\n" for n in range(1, 21))
    dump = ("Harbour reopens after three weeks of storm repairs | The Harbour Times\n\n" + menu +
            "\nHarbour reopens after three weeks of storm repairs\n\n" + menu + "The Harbour Times\n\n" + PROSE)
    assert _clean(dump).title == "Harbour reopens after three weeks of storm repairs"


def test_the_page_title_taken_as_the_headline_loses_the_site_name_after_it():
    article = _clean("Harbour reopens after storm repairs | Harbour Times\n\n" + PROSE)
    assert article.title == "Harbour reopens after storm repairs"


def test_a_headline_pick_astray_yields_to_a_page_title_without_a_site_name():
    menu = "".join(f"Section {n}\n" for n in range(1, 21))
    dump = "Harbour reopens after three weeks of storm repairs\n\n" + menu + "\nSubscribe For Daily Updates\n\n" + PROSE
    assert _clean(dump).title == "Harbour reopens after three weeks of storm repairs"
    logo = "x\n\n" + menu + "\nSubscribe For Daily Updates\n\n" + PROSE
    assert _clean(logo).title != "x"          # a logo's letter is no page title


def test_the_page_titles_headline_printed_beside_the_dateline_is_the_title_not_a_byline():
    # capitalised words by a date read as a name; the page title's first part says they are the headline
    for page_title in ("Harbour Storm Repairs - Harbour Times", "Harbour Storm Repairs - Jane Doe - Harbour Times"):
        article = _clean(page_title + "\n\nNews\nWorld\n\nHarbour Storm Repairs\nMarch 3, 2024\n\n" + PROSE)
        assert (article.title, article.byline) == ("Harbour Storm Repairs", None), page_title


def test_a_pick_astray_yields_to_the_headline_over_the_credit_above_a_long_list():
    # an SEO page title sharing few words with the headline; a table of contents puts the first prose far under
    # the headline and its byline, and the window's pick is the list's last heading
    contents = "".join(f"Stop {n}: Kingsport Quay\n" for n in range(1, 25))

    def dump(headline: str) -> str:
        return ("Best Coastal Towns to Visit in 2025 | Harbour Times\n\nNews\nTravel\n\n" + headline +
                "\nBy Jane Doe\n\nTable of Contents\n" + contents + "\nRank Two: Kingsport Quay\n\n" + PROSE)
    article = _clean(dump("Ten Harbour Towns Worth the Drive This Summer"))
    assert (article.title, article.byline) == ("Ten Harbour Towns Worth the Drive This Summer", "Jane Doe")
    # a sentence over the credit is no headline: the page title stands in, as before
    sentence = _clean(dump("We drove the whole coast in a week, and these are the towns we would visit again."))
    assert sentence.title == "Best Coastal Towns to Visit in 2025"


def test_a_pick_nothing_vouches_for_yields_to_the_headline_over_the_credit_above_the_comments():
    # the dump's first line is no page title (a script's "x", a skip link); the comments stand between the
    # headline with its credit and the text, and the pick right over the text is a list's label with no credit
    menu = "".join(f"Section {n}\n" for n in range(1, 21))
    comments = ("New Comment\nSubmit\n2 comments, sorted by\ntop scoring\n[ - ] Ann Lee 1d 9\n\nvery glad the wall is "
                "fixed, the old one leaked every winter.\n\nReply\n[ - ] Bo Li 19h 2\n\nThanks, we will post the "
                "inspection report too.\n\nReply\nModeration Log\nMore from Jane Doe\nView more\n")

    def dump(first: str, credit: str) -> str:
        return (first + "\n\nHarbour Times\nLogin\n\n" + menu + "\nHarbour reopens after three weeks of storm "
                "repairs\n\n" + credit + "\n18th Dec 2025\n3 min read\n\n" + comments +
                "Curated and popular this week\n2 Comments\n\n" + PROSE)
    for first in ("x", "Skip to content"):
        article = _clean(dump(first, "by Jane Doe"))
        assert (article.title, article.byline, article.date) == (
            "Harbour reopens after three weeks of storm repairs", "Jane Doe", "2025-12-18"), first
    # no "By …" credit up there: nothing stands in, the pick stays
    assert _clean(dump("x", "Harbour Desk")).title == "Curated and popular this week"


def test_the_sites_masthead_of_several_parts_is_no_headline():
    # "Headline - Author - Blog": the header's "Author – Blog" line repeats the page title's tail, the site's
    # signature, not its headline
    site = "Jane Doe – Harbour Notes and Coastal Works"
    dump = ("Storm Repairs Explained - Jane Doe - Harbour Notes and Coastal Works\n\n" + site +
            "\nwww.harbournotes.com\nHarbour Blog\n\nStorm Repairs Explained\nMarch 3, 2024\n—\nby\nJane Doe\n\n"
            + PROSE)
    assert _clean(dump).title == "Storm Repairs Explained"


def test_a_first_line_of_chrome_or_a_menu_run_together_does_not_replace_the_headline():
    for first in ("Skip to content", "The Daily Post - News World Opinion Business Sport Culture Travel Weather "
                                     "Jobs Letters Archive Events"):
        menu = "".join(f"Section {n}\n" for n in range(1, 21))
        dump = first + "\n\n" + menu + "\nHarbour reopens after three weeks of storm repairs\n\nBy Jane Doe\n\n" + PROSE
        assert _clean(dump).title == "Harbour reopens after three weeks of storm repairs"


def test_a_dateline_under_its_label_above_a_long_header_is_the_date():
    menu = "".join(f"Section {n}\n" for n in range(1, 21))
    for label in ("Published on", "Last updated:", "Veröffentlicht am"):
        dump = ("Harbour reopens after storm repairs\n\nHarbour News\n\n" + label + "\nMarch 3, 2024\n\n" + menu +
                "\n" + PROSE)
        assert _clean(dump).date == "2024-03-03", label
    unlabelled = "Harbour reopens after storm repairs\n\nHarbour News\n\nArchive\nMarch 3, 2024\n\n" + menu + "\n" + PROSE
    assert _clean(unlabelled).date is None


def test_a_posted_by_dateline_taken_for_the_first_prose_gives_the_date_and_byline():
    """A "Posted by … dept." line of more than 12 words, the shapes' dateline, that holds a sentence's stop."""
    dump = ("Harbour reopens after storm repairs\n\nPosted by Jane Doe on Friday March 3, 2024 @08:00PM from the "
            "harbour-works dept.\n\n" + PROSE)
    article = _clean(dump)
    assert (article.date, article.byline) == ("2024-03-03", "Jane Doe")
    sentence = _clean("Harbour reopens after storm repairs\n\nOriginally published in March 2022. Last updated on "
                      "March 3, 2024.\n\n" + PROSE)
    assert sentence.date is None


def test_a_headline_with_its_byline_and_dateline_above_a_long_table_of_contents_gives_all_three():
    """The window over the text holds only the contents; the headline, the bare name, its role and the dateline
    stand above it. A dated teaser that does not repeat the page title gives nothing."""
    contents = "".join(f"Chapter {n} of the repairs\n" for n in range(1, 31))
    dump = ("Harbour reopens after three weeks of storm repairs | Harbour Times\n\nHome\nNews\nSport\n\n"
            "Harbour reopens after three weeks of storm repairs\n\nJane Doe\nHarbour Reporter\nMarch 3, 2024\n\n"
            "Table of Contents\n" + contents + "\n" + PROSE)
    article = _clean(dump)
    assert (article.title, article.byline, article.date) == (
        "Harbour reopens after three weeks of storm repairs", "Jane Doe", "2024-03-03")
    teaser = dump.replace("Harbour reopens after three weeks of storm repairs\n\nJane",
                          "Ferry timetable changes for the winter season\n\nJane")
    article = _clean(teaser)
    assert (article.byline, article.date) == (None, None)


def test_a_bare_name_opening_the_dateline_is_the_byline():
    for dateline in ("Jane Doe March 3, 2024", "Jane Doe • March 3, 2024", "Jane Doe | 3 March 2024"):
        dump = "Harbour reopens after storm repairs\n\n" + dateline + "\n\n" + PROSE
        article = _clean(dump)
        assert (article.byline, article.date) == ("Jane Doe", "2024-03-03"), dateline
    # A headline printed with its date names nobody; a bare name beside the dateline wins over it.
    assert _clean("Harbour reopens after storm repairs\n\nHarbour News March 3, 2024\n\n" + PROSE).byline is None
    beside = _clean("Harbour Weekly Report 3/3/2024\n\nJane Doe\n\n" + PROSE)
    assert beside.byline == "Jane Doe"


def test_a_by_line_with_the_authors_role_longer_than_a_byline_gives_the_name():
    """Even where it is long enough for the shapes to take it for the first line of prose."""
    role = "Senior Director of Operations, Harbour Lines - 10+ Years in the Shipping Industry"
    for above in ("", "Harbour reopens after storm repairs\n\n"):
        article = _clean("Harbour reopens after storm repairs\n\n" + above + "By: Jane Doe, " + role + "\n" + PROSE)
        assert article.byline == "Jane Doe", above
    sentence = _clean("Harbour reopens after storm repairs\n\nBy Monday, the harbour master said, the boats of the "
                      "whole fleet would be back at their moorings.\n" + PROSE)
    assert sentence.byline is None


def test_the_name_under_by_alone_ends_at_a_separator():
    for under in ("Jane Doe | The Harbour Times", "Jane Doe · Harbour Reporter", "Jane Doe"):
        article = _clean("Harbour reopens after storm repairs\n\nBy\n\n" + under + "\n\n" + PROSE)
        assert article.byline == "Jane Doe", under
    teaser = _clean("Harbour reopens after storm repairs\n\nBy\n\nThe Harbour Master Explains Why The Storm Wall "
                    "Failed | Harbour Times Weekly\n\n" + PROSE)
    assert teaser.byline is None


#: An article longer than the header's reach under its first line of prose.
LONG_PROSE = PROSE + "".join(
    f"\nThe {part} of the harbour was checked by the engineers, who found it sound after the work of the "
    f"winter, and said so to the council.\n" for part in ("north wall", "south quay", "fish market", "old pier",
                                                          "ferry ramp", "lighthouse", "boat yard", "east jetty"))
FOOTER = "About us\nContact\nPrivacy policy\n© 2025 Harbour Times\n"


def test_a_dateline_at_the_articles_foot_dates_it_where_the_header_gives_none():
    dump = ("Harbour reopens after storm repairs\n\n" + LONG_PROSE + "\nWritten by Ann Lee\n\nApril 8, 2024\n\n"
            + FOOTER)
    article = _clean(dump)
    assert article.date == "2024-04-08"
    assert "April 8, 2024" not in article.body        # (as before: a date alone under the text is no body)
    # the header's dateline still comes first
    assert _clean("Harbour reopens after storm repairs\n\nMay 5, 2025\n\n" + LONG_PROSE + "\nApril 8, 2024\n\n"
                  + FOOTER).date == "2025-05-05"


def test_an_update_at_the_articles_foot_is_no_publication_date():
    dump = "Harbour reopens after storm repairs\n\n" + LONG_PROSE + "\nLast updated on June 2, 2025\n\n" + FOOTER
    assert _clean(dump).date is None


def test_a_header_that_gives_only_an_update_yields_to_the_publication_date_at_the_foot():
    # "Last update:" over the date says it is an update's, as "Updated July 16, 2025" does
    for update in ("Last update:\nJuly 16, 2025", "Updated July 16, 2025"):
        dump = ("Harbour reopens after storm repairs\n\nAnn Lee\n" + update + "\n\n" + LONG_PROSE
                + "\nPublished\nFebruary 8, 2022\n\n" + FOOTER)
        assert _clean(dump).date == "2022-02-08", update
    # and stands where the page gives no other date
    dump = "Harbour reopens after storm repairs\n\nAnn Lee\nLast update:\nJuly 16, 2025\n\n" + LONG_PROSE + FOOTER
    assert _clean(dump).date == "2025-07-16"


#: Footnotes under the text: more lines than the foot's reach.
FOOTNOTES = "".join(f"Harbour Archive, Storm Report {n}, Page {n + 4} ↩\n" for n in range(1, 13))


def test_a_dateline_labelled_published_dates_the_page_out_of_the_foots_reach():
    for label in ("Published on November 5, 2025", "Published:\nNovember 5, 2025",
                  "Veröffentlicht am 5. November 2025"):
        dump = ("Harbour reopens after storm repairs\n\n" + LONG_PROSE + "\n" + FOOTNOTES
                + "\nLast Updated on November 15, 2025\n\n" + label + "\n\nAbout the author\n\n" + FOOTER)
        assert _clean(dump).date == "2025-11-05", label
    # an update's label gives no publication date there, as at the foot
    dump = ("Harbour reopens after storm repairs\n\n" + LONG_PROSE + "\n" + FOOTNOTES
            + "\nLast Updated on November 15, 2025\n\n" + FOOTER)
    assert _clean(dump).date is None


def test_a_list_of_teasers_each_labelled_published_gives_no_date():
    teasers = "".join(f"\nStorm wall story number {n}\n\nBy Ann Lee\n\nPublished March {n}, 2026\n"
                      for n in range(2, 6))
    dump = "Harbour reopens after storm repairs\n\n" + LONG_PROSE + "\n" + FOOTNOTES + teasers + "\n" + FOOTER
    assert _clean(dump).date is None


def test_a_comments_timestamp_at_the_articles_foot_is_no_publication_date():
    # a Q&A page prints a comment's machine timestamp over its "Commented …" line naming the same day
    dump = ("Harbour reopens after storm repairs\n\n" + LONG_PROSE + "\nkravemir\n2021-12-13 16:37:28 +00:00\n"
            "Commented Dec 13, 2021 at 16:37\nThe wall held in the last storm too.\n\n" + FOOTER)
    assert _clean(dump).date is None
    # a foot dateline of the article's own still dates it
    dump = "Harbour reopens after storm repairs\n\n" + LONG_PROSE + "\nkravemir\n2021-12-13 16:37:28 +00:00\n\n" + FOOTER
    assert _clean(dump).date == "2021-12-13"


def test_a_month_or_a_lower_case_heading_after_by_is_no_name():
    # the date right after the prefix: "Feb" is no author
    article = _clean("Harbour reopens after storm repairs\n\nWritten By Feb 11, 2019 · 3 min read\n\n" + PROSE)
    assert article.byline is None and article.date == "2019-02-11"
    # a menu's "By the Numbers" names nobody; a particle may open a name, and a handle is one word
    assert _clean("Harbour reopens after storm repairs\n\nBy the Numbers\nMay 5, 2025\n\n" + PROSE).byline is None
    for name in ("de la Cruz", "aawoods", "May Lee", "the Harbour Times Team"):
        article = _clean(f"Harbour reopens after storm repairs\n\nBy {name}\nMay 5, 2025\n\n" + PROSE)
        assert article.byline == name, name


def test_a_doubled_by_prefix_is_read_once():
    article = _clean("Harbour reopens after storm repairs\n\nWritten by by Ann Lee\nMay 5, 2025\n\n" + PROSE)
    assert article.byline == "Ann Lee"


def test_the_articles_own_tags_do_not_end_its_foot():
    # "Tags: …" links to other pages (the shapes call it related) but is the article's: its dateline under it dates it
    for tags in ("Tags: harbour, storm wall", "Filed under: Harbour", "Schlagwörter: Hafen, Sturm"):
        dump = ("Harbour reopens after storm repairs\n\n" + LONG_PROSE + "\n" + tags
                + "\nMonday, August 11th, 2025 at 11:00 am | Categories: News\n\n" + FOOTER)
        assert _clean(dump).date == "2025-08-11", tags
    # a list of other articles still ends it: their dates are theirs
    dump = ("Harbour reopens after storm repairs\n\n" + LONG_PROSE + "\nRelated articles\nApril 8, 2024\n\n"
            + FOOTER)
    assert _clean(dump).date is None


def test_the_author_box_at_the_articles_foot_names_the_author():
    box = "Lena Varga\nLena Varga is a harbour engineer who writes about ports and the sea for the paper.\n\n"
    article = _clean("Harbour reopens after storm repairs\n\n" + LONG_PROSE + "\n" + box + FOOTER)
    assert article.byline == "Lena Varga"
    # a list of people near the foot (name, then "… is …", entry after entry) names no author
    entries = ("Lena Varga\nLena Varga is a harbour engineer who has checked the north wall for the council.\n\n"
               "Tomas Berg\nTomas Berg is a ferry captain who has sailed to the island for twenty years.\n\n")
    assert _clean("Harbour reopens after storm repairs\n\n" + LONG_PROSE + "\n" + entries + FOOTER).byline is None
    # whatever the shape of the other entries' names
    entries = ("Lena Varga\nLena Varga is a harbour engineer who has checked the north wall for the council.\n\n"
               "The Old Pier\nThe Old Pier is where the ferry to the island has left from since 1890.\n\n")
    assert _clean("Harbour reopens after storm repairs\n\n" + LONG_PROSE + "\n" + entries + FOOTER).byline is None


def test_a_credit_at_the_articles_foot_names_the_author():
    dump = "Harbour reopens after storm repairs\n\n" + LONG_PROSE + "\nWritten by Ann Lee and Bo Li\n\n" + FOOTER
    assert _clean(dump).byline == "Ann Lee and Bo Li"
    # a sentence that opens with "By" is no credit
    dump = ("Harbour reopens after storm repairs\n\n" + LONG_PROSE + "\nBy the end of the week the quay will open.\n\n"
            + FOOTER)
    assert _clean(dump).byline is None


def test_a_single_word_or_by_alone_at_the_foot_is_no_credit():
    dump = "Harbour reopens after storm repairs\n\n" + LONG_PROSE + "\nWritten by admin\n\n" + FOOTER
    assert _clean(dump).byline is None
    # "By Ann Lee" under the article is as often the credit of a teaser for the next one
    dump = "Harbour reopens after storm repairs\n\n" + LONG_PROSE + "\nBy Ann Lee\n\n" + FOOTER
    assert _clean(dump).byline is None


def test_a_bare_name_over_a_dateline_under_the_standfirst_is_the_byline_block():
    dump = ("Harbour reopens after storm repairs\n\n"
            "The town's harbour is open again after a winter of work on its storm wall, the council said.\n\n"
            "Boats, ferries and the fish market are back, and the quay will reopen by the end of the week.\n\n"
            "Lena Varga\nDec 19, 2025\n5 min read\n\n" + LONG_PROSE)
    article = _clean(dump)
    assert (article.byline, article.date) == ("Lena Varga", "2025-12-19")
    assert "Lena Varga" not in article.body
    # a video's running time under a heading is no dateline
    video = dump.replace("Lena Varga\nDec 19, 2025\n", "On Now\n0:46\n")
    assert "0:46" in _clean(video).body


def test_a_byline_is_never_passed_over_by_its_screen():
    """``metadata._may_be_bylines`` reads only the texts: wherever ``_is_byline`` takes a line (with no dateline,
    or one beside it), the screen lets it through. Every line of every fixture dump, and "By" alone over a
    name, an agency, a bare name under a dateline."""
    from conftest import FIXTURES

    from cleaner import pipeline
    from cleaner.language import stopwords
    from cleaner.native.path import native_path
    from cleaner.stages.metadata import _is_byline, _may_be_bylines

    dumps = [path.read_text(encoding="utf-8", errors="replace") for path in sorted(FIXTURES.rglob("*.txt"))
             if not path.name.endswith((".expected.txt", ".gold.txt"))]
    dumps.append("Harbour news\n\nBy\n\nAnn Lee\n\nReuters\n\nMay 5, 2025\n\nBo Li\n\n" + PROSE)
    taken = 0
    for text in dumps:
        lines = pipeline.run_text(text, core=native_path())._lines    # (the core's lines where it is built)
        texts = [line.text for line in lines]
        plain = list(lines)        # (the reference's screens: Lines, not the core's)
        stoplist = stopwords("english")
        for i in range(len(lines)):
            for dates in ([], [i - 1], [i + 2], [i + 3]):
                if not all(0 <= d < len(lines) for d in dates):
                    continue
                if _is_byline(lines, i, dates, stoplist):
                    taken += 1
                    assert _may_be_bylines(lines, texts, [i], dates) == [i], (texts[i], dates)
                    assert _may_be_bylines(plain, texts, [i], dates) == [i], (texts[i], dates)
    assert taken > 50


def test_printed_twice_reads_the_texts_it_is_given():
    """``_printed_twice`` reads the header's texts (the core's copies, no line made): a headline of three words
    or more printed again right under or above it, within the window over the text; not a short name printed
    twice, not a line far above the text."""
    from cleaner.stages.metadata import _WINDOW, _printed_twice

    texts = ["Page title", "News", "Storm repairs explained", "Storm repairs explained", "France 24", "France 24",
             "Standfirst"]
    first = len(texts)
    assert _printed_twice(texts, 2, first) and _printed_twice(texts, 3, first)
    assert not _printed_twice(texts, 1, first)          # printed once
    assert not _printed_twice(texts, 4, first)          # two words: a source's name
    far = texts[:4] + ["Menu"] * _WINDOW + ["Standfirst"]
    assert not _printed_twice(far, 3, 3 + _WINDOW + 1) and _printed_twice(far, 3, 3 + _WINDOW)


def test_a_team_credited_beside_the_dateline_or_after_by_is_the_byline():
    head = "Harbour reopens after three weeks of storm repairs | Harbour Times\n\nHarbour reopens after three weeks of storm repairs\n\n"
    for credit, name in (("Lantern Media Team\nMarch 3, 2024", "Lantern Media Team"),
                         ("Team Harbour\nPublished\nMarch 3, 2024", "Team Harbour"),
                         ("By News Desk\nMarch 3, 2024", "News Desk"),
                         ("By The Harbour editors\nMarch 3, 2024", "The Harbour editors")):
        assert _clean(head + credit + "\n\n" + PROSE).byline == name, credit
    # a menu's or a heading's team is no credit, nor a label alone
    for heading in ("Meet The Team", "Our Team", "Support Team", "Staff", "By Staff"):
        assert _clean(head + heading + "\nMarch 3, 2024\n\n" + PROSE).byline is None, heading


def test_a_one_word_name_between_the_headline_and_its_dateline_is_the_byline():
    head = "Harbour reopens after three weeks of storm repairs | Harbour Times\n\nHarbour reopens after three weeks of storm repairs\n\n"
    for name in ("Lenka", "annlee_77"):
        article = _clean(head + name + "\nMarch 3, 2024\n\n" + PROSE)
        assert (article.byline, article.date) == (name, "2024-03-03")
    # a section, a month or a team's word there is no name; nor is a one-word line above the headline
    for heading in ("Politics", "Staff", "March", "Administrator"):
        assert _clean(head + heading + "\nMarch 3, 2024\n\n" + PROSE).byline is None, heading
    # a forum's category over its first post's line is none either (the dateline under a name is the date alone):
    # the first post's member is the byline (_first_post)
    assert _clean(head + "Configuration\nlena (lena) May 3, 2024, 8:45am 1\n\n" + PROSE).byline == "lena"
    above = "Harbour reopens after three weeks of storm repairs | Harbour Times\n\nLenka\n\nHarbour reopens after three weeks of storm repairs\nMarch 3, 2024\n\n"
    assert _clean(above + PROSE).byline is None


def test_an_authors_label_beside_a_name_at_the_foot_credits_the_author():
    head = "Harbour reopens after three weeks of storm repairs | Harbour Times\n\nHarbour reopens after three weeks of storm repairs\n\n"
    foot = head + PROSE + "\nShare this article\n\n"
    for label in ("Author", "About the author", "Författare", "Auteur :"):
        assert _clean(foot + label + "\n\nLena Varga\n\nRelated Program\n").byline == "Lena Varga", label
    assert _clean(foot + "Lena Varga\n\nAuthor\n\n@lenavarga\n").byline == "Lena Varga"
    # a label by a single word or a heading names no one (a handle, a menu's entry)
    for box in ("Author\n\nLena\n", "Authors\n\nOur Contributors\n"):
        assert _clean(foot + box).byline is None, box


def test_a_bare_name_closing_the_dateline_after_its_date_is_the_byline():
    head = "Harbour reopens after three weeks of storm repairs | Harbour Times\n\nHarbour reopens after three weeks of storm repairs\n\n"
    for dateline, name in (("Dec. 19, 2025 · Lena Varga on behalf of the Docs group", "Lena Varga"),
                           ("January 16, 2026 Harbour Works", "Harbour Works"),
                           ("19 décembre 2025 · Lena Varga", "Lena Varga")):
        assert _clean(head + dateline + "\n\n" + PROSE).byline == name, dateline
    # a dateline's tail of labels or a reading time names no one
    for dateline in ("May 5, 2025 · Politics News", "May 5, 2025 Leave a Comment", "March 3, 2024 | 5 min read"):
        assert _clean(head + dateline + "\n\n" + PROSE).byline is None, dateline


def test_a_name_over_a_day_without_its_year_is_the_byline_and_names_no_date():
    head = "Harbour reopens after three weeks of storm repairs | Harbour Times\n\nHarbour reopens after three weeks of storm repairs\n\n"
    for credit, name in (("Lena Varga\nJan 23\n11 min read", "Lena Varga"), ("Lenka\n4 juin", "Lenka"),
                         ("Dr. Varga\n23. Januar\n2 min read", "Dr. Varga")):
        article = _clean(head + credit + "\n\n" + PROSE)
        assert (article.byline, article.date) == (name, None), credit
    # a subheading under such a day is no name: only the line right above it is its template's
    assert _clean(head + "Lena Varga in harbours\nJan 23\nStorm Season Notes\n\n" + PROSE).byline is None


def test_a_teams_credit_right_under_the_headline_is_the_byline_without_a_date():
    head = "Harbour reopens after three weeks of storm repairs | Harbour Times\n\nHarbour reopens after three weeks of storm repairs\n\n"
    assert _clean(head + "Lantern Staff\n\n" + PROSE).byline == "Lantern Staff"
    # a bare name there, or a team's credit elsewhere in the header, is not read without a date
    assert _clean(head + "Lena Varga\n\n" + PROSE).byline is None
    assert _clean("Harbour reopens after three weeks of storm repairs | Harbour Times\n\nLantern Staff\n\n"
                  "Harbour reopens after three weeks of storm repairs\n\n" + PROSE).byline is None


def test_a_credit_inside_a_line_at_the_articles_foot_names_the_author():
    head = "Harbour reopens after three weeks of storm repairs | Harbour Times\n\nHarbour reopens after three weeks of storm repairs\n\n"
    for credit in ("This post was written by Lena Varga, Head of Community at Harbour Works",
                   "Originally posted by Lena Varga | Harbour Works"):
        assert _clean(head + PROSE + "\n" + credit + "\n\nShare this article\n").byline == "Lena Varga", credit
    # a photo's credit, or a one-word login, names no author
    for credit in ("Cover photo by Lena Varga", "This post was written by admin"):
        assert _clean(head + PROSE + "\n" + credit + "\n\nShare this article\n").byline is None, credit


def _under_a_menu_of_blurbs(dateline: str, between: str = "") -> str:
    """A dump whose first prose is a menu's blurbs: the headline, repeating the page title, and its dateline
    stand under the header's end."""
    blurbs = ("Academy Get tips, tricks and figures on everything about harbours and their boats.\n\n"
              "Blog Read about the latest news and trends in coastal shipping and ferries.\n\n"
              "Events Catch up on our harbour events and the webinars we held this year.\n\n")
    return ("Harbour walls and storm repairs explained for owners | Harbour Works\n\n" + blurbs +
            "Harbour walls and storm repairs explained\n\n" + between + dateline + "\n\n" + PROSE)


def test_the_headlines_dateline_under_a_menu_of_blurbs_gives_the_date():
    assert _clean(_under_a_menu_of_blurbs("Last updated: Sep 4, 2025")).date == "2025-09-04"


def test_a_dateline_not_right_under_the_headline_below_the_header_gives_none():
    dump = _under_a_menu_of_blurbs("Last updated: Sep 4, 2025", between="See Harbour Works in Action\n\n")
    assert _clean(dump).date is None


def _dated_over_a_headline_under_blurbs(dateline: str) -> str:
    """A dump whose first prose is a menu's blurbs, the header's pick over them a promo (astray), and the article's
    headline (worded otherwise than the page title, sharing three of its words) under them with ``dateline`` right
    over it, past a reading time."""
    blurbs = ("Academy Get tips, tricks and figures on everything about harbours and their boats.\n\n"
              "Blog Read about the latest news and trends in coastal shipping and ferries.\n\n"
              "Events Catch up on our harbour events and the webinars we held this year.\n\n")
    menu = "".join(f"Section {n}\n" for n in range(1, 21))
    return ("What Are Harbour Walls - A Guided Introduction | Harbour Works\n\n" + menu + "\nSubscribe For Daily Updates\n\n"
            + blurbs + "Blog\n\n7 min read\n\n" +
            dateline + "\n\nAn introduction to harbour walls: What owners need to know in 2026\n\n" + PROSE)


def test_the_dateline_over_the_credited_headline_under_a_menu_of_blurbs_gives_the_date():
    # the header's end is the blurbs' prose; the headline found under them (its credit: the dateline right over
    # it) gives the title, and its dateline the date
    article = _clean(_dated_over_a_headline_under_blurbs("May 06, 2025"))
    assert (article.title, article.date) == ("An introduction to harbour walls: What owners need to know in 2026",
                                             "2025-05-06")
    # a longer line with a timestamp over it is the page's (its title and last change), no dateline of the headline
    dump = _dated_over_a_headline_under_blurbs("Harbour Wall Kits - Free Tools and Plans for Owners 2025-12-08T13:42:59-08:00")
    assert _clean(dump).date is None
    # an update's date over it is not the publication's
    assert _clean(_dated_over_a_headline_under_blurbs("Updated: May 06, 2025")).date is None


# --- issue 20, round 11: the headline by the article's credit where the header's pick is astray ---------------

def test_a_pick_astray_yields_to_the_headline_over_the_byline_in_the_header():
    # the page title is an SEO title sharing one word with the headline; the headline stands over its credit
    dump = ("Harbour Wall Repair Costs Explained | Harbour Times\n\nNews\nWorld\n\n"
            "We Rebuilt the Harbour Ourselves, and It May Outlast Us All\n\nBy Jane Doe\nMay 5, 2025\n\n" + PROSE)
    article = _clean(dump)
    assert (article.title, article.byline, article.date) == (
        "We Rebuilt the Harbour Ourselves, and It May Outlast Us All", "Jane Doe", "2025-05-05")
    # a promo over the credit that shares no word with the page title is no headline: the page title stands in
    promo = dump.replace("We Rebuilt the Harbour Ourselves, and It May Outlast Us All", "Learn About Our Editorial Process")
    assert _clean(promo).title == "Harbour Wall Repair Costs Explained"


def test_a_pick_astray_yields_to_the_headline_under_the_dateline():
    # a kicker's dateline over the headline, a standfirst without its stop under it; the window's pick is the
    # menu's last entry, sharing nothing with the page title; the headline shares "wall" and "repair(s)"
    menu = "".join(f"Section {n}\n" for n in range(1, 21))
    dump = ("How To Repair a Sea Wall Properly | Harbour Times\n\n" + menu + "\nMay 5, 2025 / Harbour Works\n\n"
            "What Sea Wall Repairs Can Do for a Town (and How To Start)\n\n"
            "From sandbags to concrete, every kind of repair aims to keep the water out and the boats in\n\n" + PROSE)
    assert _clean(dump).title == "What Sea Wall Repairs Can Do for a Town (and How To Start)"


def test_the_headline_over_the_credit_above_a_long_list_may_stand_over_a_standfirst():
    contents = "".join(f"Stop {n}: Kingsport Quay\n" for n in range(1, 25))

    def dump(header: str) -> str:
        return ("Best Coastal Towns to Visit in 2025 | Harbour Times\n\nNews\nTravel\n\n" + header +
                "\nBy Jane Doe\n\nTable of Contents\n" + contents + "\nRank Two: Kingsport Quay\n\n" + PROSE)
    # a standfirst that is a sentence is passed over
    assert _clean(dump("Ten Harbour Towns Worth the Drive This Summer\nWe drove the whole coast in a week, and "
                       "loved it.")).title == "Ten Harbour Towns Worth the Drive This Summer"
    # a standfirst without its stop is headline-shaped too: the line sharing the page title's words is the headline
    assert _clean(dump("The Best Coastal Towns for a Summer Drive\nMake the most of your summer with these stops")
                  ).title == "The Best Coastal Towns for a Summer Drive"


def test_a_sections_name_picked_as_the_headline_yields_to_the_page_title():
    # "Harbour Works", the menu's entry printed again above the text (and in the footer), repeats no part of the
    # page title and has no credit under it: no headline; the page title of a headline's shape stands in
    menu = "".join(f"Section {n}\n" for n in range(1, 21))
    sections = "\nNews\nHarbour Works\nWeather\nSport\n"
    dump = ("The Future of Storm Repairs on the Coast | Harbour Times\n" + sections + "\n" + menu +
            "\nHarbour Works\n\n" + PROSE + sections)
    assert _clean(dump).title == "The Future of Storm Repairs on the Coast"
    # the section's name that is the page title's headline, that begins it or that is one of its parts names the
    # page (a product's or a category's page): it is the title
    for page_title in ("Harbour Works | Harbour Times", "Harbour Works for Every Town on the Coast | Harbour Times",
                       "Storm Repairs on the Coast | Harbour Works – Harbour Times"):
        named = dump.replace("The Future of Storm Repairs on the Coast | Harbour Times", page_title)
        assert _clean(named).title == "Harbour Works", page_title


_HEAD = ("Harbour reopens after three weeks of storm repairs | Harbour Times\n\n"
         "Harbour reopens after three weeks of storm repairs\n\n")
#: Other posts under the article, taken for its text (a blog lists them in full), and a share bar.
_MORE_POSTS = ("More from the harbour\n\nThe ferry timetable changes next week, and the island route gains a late "
               "boat on Fridays.\n\nThe fish market moves to the quay while its hall is repaired over the winter.\n\n")


def test_a_written_by_credit_anywhere_under_the_header_names_the_author():
    # past the article's foot (a share bar, a newsletter form between), or inside a text that runs on
    for credit, name in (("Written by Lena Varga", "Lena Varga"), ("Posted by:\n\nIdle Cartulary", "Idle Cartulary"),
                         ("Article written by:\n\nDoris Munoz-Mantilla, MD, FOMA", "Doris Munoz-Mantilla")):
        far = _HEAD + PROSE + "\nShare\nTweet\nEmail\nPrint\nSubscribe\nFollow us\nNewsletter\nPodcasts\nEvents\n\n"
        assert _clean(far + credit + "\n\nMore posts\n").byline == name, credit
        assert _clean(_HEAD + PROSE + "\n" + credit + "\n\n" + _MORE_POSTS).byline == name, credit
    # a one-word login, a heading, or credits naming several people (a list of other posts) name no author
    for credits in ("Written by admin", "Posted by:\n\nOur Team", "Written by Lena Varga\n\nWritten by Bo Lindqvist"):
        assert _clean(_HEAD + PROSE + "\n" + credits + "\n\n" + _MORE_POSTS).byline is None, credits


def test_an_about_box_naming_a_person_otherwise_in_its_bio_names_the_author():
    for box, name in (("About Amar Hussain\n\nAmar is an avid traveler who has tested products on every continent.",
                       "Amar Hussain"),
                      ("About Alexa\n\nAlexa Amador is a writer, graphic designer, and murder-mystery junkie.",
                       "Alexa Amador")):
        assert _clean(_HEAD + PROSE + "\n" + box + "\n\nBlog Categories\n").byline == name, box
    # a company's box names it the same way twice: no author; nor do two people's boxes (a team's page)
    for box in ("About Harbour Works\n\nHarbour Works is a boatyard on the quay since 1921.",
                "About Lantern\n\nLantern is a newsletter about coastal towns.",
                "About Amar Hussain\n\nAmar is a traveler.\n\nAbout Lena Varga\n\nLena is a harbour pilot."):
        assert _clean(_HEAD + PROSE + "\n" + box + "\n\nBlog Categories\n").byline is None, box


def test_a_line_listing_authors_beside_the_dateline_is_the_byline():
    for names in ("Naftali Tishby, Fernando C. Pereira, William Bialek", "Lena Varga and Bo Lindqvist",
                  "Lena Varga & Bo Lindqvist", "John Crenshaw"):
        assert _clean(_HEAD + names + "\n24 Apr 2000 • 3 min read\n\n" + PROSE).byline == names, names
    # a name and a role after one comma is the name alone; a list of sections is no one
    assert _clean(_HEAD + "Mike Marshall, Shipping Expert\nMarch 3, 2024\n\n" + PROSE).byline == "Mike Marshall"
    assert _clean(_HEAD + "Politics, Business and Sports\nMarch 3, 2024\n\n" + PROSE).byline is None


def test_a_reviews_label_is_no_part_of_a_name():
    # "Reviewed" after a name opening a dateline (a customer's review), or a badge beside the dateline, names no one
    for credit in ("John Warren Reviewed 06/08/2024", "Expert Reviewed\nMarch 3, 2024"):
        assert _clean(_HEAD + credit + "\n\n" + PROSE).byline is None, credit


def test_a_role_beside_the_dateline_is_no_list_of_names():
    # "Senior Life and Trends Reporter" lists no authors: a role's word makes its parts labels
    article = _clean(_HEAD + "Senior Life and Trends Reporter\nMarch 3, 2024\n\n" + PROSE)
    assert article.byline is None


def test_a_breadcrumb_is_navigation_not_the_headline():
    # the headline is a question, so it reads as the text's first prose; above it stand a breadcrumb and the
    # dateline: "You are here: …" is navigation (a phrase), never the title, and the page title stands in
    menu = "".join(f"Section {n}\n" for n in range(1, 21))
    head = "Harbour towns in stress and markets on a high; time to be careful?"
    dump = (head + " - Harbour Times\n\n" + menu + "\nyou are here: Home News Business Markets\n"
            "Last Updated : May 5, 2025 01:41 PM IST | Source: Harbour Times\n\n" + head + "\n\n"
            "The spring quarter's takings were not a complete disappointment, with most of the boats reporting "
            "full nets.\n\nJane Doe @janedoe\n\n" + PROSE)
    article = _clean(dump)
    assert article.title == head and article.date == "2025-05-05"
    crumb = next(d for d in article.decisions if d.text.startswith("you are here"))
    assert (crumb.label, crumb.stage, crumb.reason) == ("boilerplate", "phrases", "navigation (short line)")
    for label in ("Sie sind hier: Startseite", "Vous êtes ici : Accueil", "Usted está aquí: Inicio"):
        found = next(d for d in _clean(dump.replace("you are here: Home", label)).decisions if d.text.startswith(label))
        assert found.reason == "navigation (short line)", label


def test_a_dated_credit_run_into_the_standfirst_gives_the_date_and_the_byline():
    """A standfirst printed as one line with its credit ("… the island. By Ann Lee on Dec. 19, 2025"): the credit
    is the line's last sentence, and gives the date and the byline where the header has no dateline."""
    dump = ("Harbour reopens after storm repairs\n\nNews\nWeather\n\nHarbour reopens after storm repairs\n\n"
            "The council spent three weeks on the storm wall before the ferries could return to the island. By Ann Lee "
            "on Dec. 19, 2025\n\nShare\n\n" + PROSE)
    article = _clean(dump)
    assert (article.date, article.byline) == ("2025-12-19", "Ann Lee")
    # a sentence that opens with "By" and holds a year is no credit
    plain = dump.replace("By Ann Lee on Dec. 19, 2025", "By the end of 2025 it will reopen.")
    article = _clean(plain)
    assert (article.date, article.byline) == (None, None)


def test_a_breadcrumb_trail_is_navigation_not_the_headline():
    # a trail of three steps or more over the headline ("Main > Blog > <headline>", "Home » Recipes » <headline>")
    # is navigation, never the title nor body; French quotes and a sentence with ">" in it are neither
    head = "Ten ways the harbour towns kept their fleets at sea"
    for trail in (f"Main > Blog > {head}", f"Home » Archive » Towns » {head}", f"Accueil › Ports › {head}"):
        dump = ("Harbour Times\n\n" + "".join(f"Section {n}\n" for n in range(1, 9)) + "\n" + trail + "\n\n" + head
                + "\n\nBy Jane Doe\nMay 5, 2025\n\n" + PROSE)
        article = _clean(dump)
        crumb = next(d for d in article.decisions if d.text == trail)
        assert (crumb.label, crumb.stage, crumb.reason) == ("boilerplate", "phrases", "navigation (short line)"), trail
        assert article.title == head, trail
    for text in ("Il a dit « oui » et « non » puis « peut-être » au maire du port de pêche.",
                 "Example: Women > Rings > Diamond rings", "Go to Products > Data Files > Upload"):
        article = _clean("Harbour Times\n\n" + PROSE + "\n\n" + text + "\n\n" + PROSE)
        found = next(d for d in article.decisions if d.text == text)
        assert found.reason != "navigation (short line)", text


#: A Japanese blog post (one short sentence a line) under its blog's header: the blog's name, its tagline (a
#: sentence: the first prose of the page), then the post's title over its dateline and theme.
_BLOG_POST_JA = """ブログトップ
記事一覧
画像一覧

みどりの台所日記
都内の小さなアパートで、毎日の料理と季節の保存食のことを記録しています。週末は市場の野菜で作り置きをしています。

梅干しを初めて漬けた話
2024-06-20 21:05:11
テーマ：保存食

六月の終わりに、梅を二キロ買いました。
祖母のやり方を思い出しながら、
ヘタを一つずつ竹串で取りました。
塩は梅の重さの一割五分です。
一週間ほどで、梅酢が上がってきました。
土用に三日三晩、ベランダで干しました。
部屋じゅうに、すっぱい香りが広がりました。
来年は、もう少したくさん漬けるつもりです。

いいね！
コメント
"""


def test_the_short_line_over_the_dateline_under_a_blogs_tagline_is_the_headline():
    """The header's window (above the first prose, the tagline) holds the blog's name; the post's title stands
    right over its dateline, under the tagline: it is the title, and the blog's name and tagline are header."""
    article = _clean(_BLOG_POST_JA)
    assert (article.title, article.date) == ("梅干しを初めて漬けた話", "2024-06-20")
    assert article.paragraphs[0] == "六月の終わりに、梅を二キロ買いました。"
    assert article.paragraphs[-1] == "来年は、もう少したくさん漬けるつもりです。"
    explained = {decision.text: (decision.label, decision.reason) for decision in article.decisions}
    assert explained["都内の小さなアパートで、毎日の料理と季節の保存食のことを記録しています。週末は市場の野菜で作り置きをしています。"] == (
        "boilerplate", "header above the headline")
    assert explained["テーマ：保存食"][0] == "boilerplate"


def test_a_headline_sharing_the_page_title_stays_the_title_over_a_line_above_a_later_dateline():
    """A standfirst's short second line over the credit is no headline where the headline above the standfirst
    repeats the page title."""
    dump = ("Harbour reopens after three weeks of storm repairs | Harbour Times\n\nNews\nWorld\n\n"
            "Harbour reopens after three weeks of storm repairs\n\n"
            "A guide to what the council fixed, how long it took, and what it cost the town.\n"
            "Storm season ahead\n\nMay 5, 2025\n\n" + PROSE)
    article = _clean(dump)
    assert article.title == "Harbour reopens after three weeks of storm repairs"
    assert "A guide to what the council fixed, how long it took, and what it cost the town." not in [
        d.text for d in article.decisions if d.reason == "header above the headline"]


def test_a_taxonomy_line_under_the_credit_below_a_standfirst_is_header():
    """The credit block under a standfirst ("By …" / date) may end with the article's categories ("Category:
    Local news", "テーマ：保存食", a full-width colon): header, not the text's first line."""
    for label in ("Category: Local news", "テーマ：保存食"):
        dump = ("Harbour reopens after storm repairs\n\n"
                "A guide to what the council fixed, how long it took, and what it cost the town.\n\n"
                f"By Ann Lee\nMay 5, 2025\n{label}\n\n" + PROSE)
        article = _clean(dump)
        assert label not in article.paragraphs
        assert next(d for d in article.decisions if d.text == label).reason == "the article's tags under its credit"


def test_a_line_sharing_the_page_title_only_through_the_sites_name_is_no_headline():
    # a photo credit that names the site ("… for Harbour Magazine") shares the page title's words as much as the
    # headline does, and stands nearer the text: what it shares is the site's name, not the article's
    menu = "".join(f"Section {n}\n" for n in range(1, 21))
    dump = ("The Year in Tides | Harbour Magazine\n\n" + menu + "\nThe Year in Tides\n\nBy Ann Lee\n\nMay 5, 2025\n\n"
            "Share\n\nComment\n\nSave Article\n\nRead Later\n\nVideo: a look back at the harbour's year\n\n"
            "Ann Lee/ Harbour Magazine; Bo Li for Harbour Magazine\n\nBy Ann Lee\n\nMay 5, 2025\n\n" + PROSE)
    assert _clean(dump).title == "The Year in Tides"


def test_a_header_line_ending_with_a_colon_is_a_lead_in_not_the_headline():
    dump = ("Storm Repairs Explained (Ann Lee)\n\nAnn Lee's Harbour Notes and Storm Repairs:\n\n"
            "Storm Repairs Explained\n\n" + PROSE)
    assert _clean(dump).title == "Storm Repairs Explained"


def test_a_dateline_that_is_the_page_titles_headline_with_its_date_is_the_headline():
    # "Harbour Roundup 12/19/2025" reads as a dateline, but its words are the page title's: it is the headline
    # (the section's name over it is not), and the dateline under the byline still gives the date
    dump = ("Harbour Weekly Roundup\n\nNews\nSport\nWeather\nBack to Blog\n\nProducts and Tools\n\n"
            "Harbour Roundup 12/19/2025\n\nAnn Lee\n\nDec 19, 2025\n\n" + PROSE)
    article = _clean(dump)
    assert (article.title, article.date, article.byline) == ("Harbour Roundup 12/19/2025", "2025-12-19", "Ann Lee")
    # a dateline that begins with its date, or credits someone, stays the dateline however many words it shares
    for dateline in ("Dec 19, 2025 in Harbour Roundup", "Harbour Roundup by annlee: 3:21pm On Dec 19, 2025"):
        dated = _clean(dump.replace("Harbour Roundup 12/19/2025\n\nAnn Lee\n\nDec 19, 2025", "Harbour Roundup\n\n" + dateline))
        assert dated.title != dateline and dated.date == "2025-12-19", dateline


def test_the_sites_name_heading_a_page_title_is_no_headline_where_the_url_names_it():
    # "Site: Headline": the header's line that prints the first part alone is the site's masthead where the URL's
    # host names it (blog.harbournotes.com); without a URL, nothing says which part is the site's
    dump = ("Harbour Notes Blog: Storm repairs explained at last\n\nHarbour Notes Blog\n\n"
            "Ann Lee's thoughts on harbours, storms and the sea.\n\nFriday, December 19, 2025\n\n"
            "Storm repairs explained at last\n\n" + PROSE)
    cleaner = Cleaner(use_profiles=False)
    named = cleaner.clean(dump, input_format="text", url="https://blog.harbournotes.com/2025/12/storm.html")
    assert named.title is not None and named.title.endswith("Storm repairs explained at last")
    elsewhere = cleaner.clean(dump, input_format="text", url="https://example.org/2025/12/storm.html")
    assert elsewhere.title == "Harbour Notes Blog"


def test_the_page_titles_stand_in_is_the_printed_headline_it_shortened():
    # the header's pick is astray: the page title stands in, as the page prints it in full further down
    menu = "".join(f"Section {n}\n" for n in range(1, 21))
    dump = ("Pros and Cons of Harbour Living | Harbour Times\n\n" + menu + "\nSubscribe For Daily Updates\n\n" + PROSE
            + "\nPros and Cons of Harbour Living: Why Move to the Coast?\n\nThe coast has its charms.\n")
    assert _clean(dump).title == "Pros and Cons of Harbour Living: Why Move to the Coast?"
    # a line that only begins with the title's words and runs on as a paragraph does not stand in
    runs_on = dump.replace("Pros and Cons of Harbour Living: Why Move to the Coast?",
                           "Pros and Cons of Harbour Living, the council's survey of residents, families, fishermen, "
                           "shopkeepers, ferry crews and visitors, drew more replies than any before it")
    assert _clean(runs_on).title == "Pros and Cons of Harbour Living"


def test_a_bare_name_right_under_the_headline_is_the_byline_where_a_dateline_or_a_role_says_so():
    # a dateline right above the headline, or right under the name; a role on the line under it, or after the name
    dated = "Harbour reopens after three weeks of storm repairs | Harbour Times\n\nMarch 3, 2024\n"
    for dump in (dated + "Harbour reopens after three weeks of storm repairs\nLena Varga\nharbour storm repairs\n\n",
                 _HEAD.rstrip("\n") + "\nLena Varga\nMarch 3, 2024 · harbour storm repairs\n\n",
                 _HEAD.rstrip("\n") + "\nLena Varga\nTech Writer\n\n"):
        assert _clean(dump + PROSE).byline == "Lena Varga", dump
    named = dated + "Harbour reopens after three weeks of storm repairs\nMateusz Haberny Founder at Harbour Works\n\n"
    assert _clean(named + PROSE).byline == "Mateusz Haberny"
    # a bare name alone there is as often a call to action's or a heading's: no byline without a dateline or a role
    for line in ("Lena Varga", "Start Trial", "Key Takeaways"):
        assert _clean(_HEAD.rstrip("\n") + "\n" + line + "\nharbour storm repairs\n\n" + PROSE).byline is None, line


_STANDFIRST = ("Repairs to the storm wall took three weeks, and the fishing fleet waited in the next bay for the work "
               "to end.\n\n")


def test_a_credit_just_under_the_first_prose_names_the_author():
    # a standfirst, then a share bar, a name with its role, or a name over its dateline, above the text's prose
    for credit, name in (("Tweet\nby Daniel Burstein, Senior Director, Content & Marketing, Harbour Works and Lantern "
                          "Institute", "Daniel Burstein"),
                         ("Manoj Jain and Jagpreet Chhatwal | Guest Columnists", "Manoj Jain and Jagpreet Chhatwal"),
                         ("Juliette Carreiro\nTech Writer\nArticles by Juliette", "Juliette Carreiro"),
                         ("Michelle Lee\nFreelance hacks\nLast updated:\nFeb 4, 2025", "Michelle Lee"),
                         ("This post was written by Vanessa Mendez, MD, gastroenterologist, Harbour Health.",
                          "Vanessa Mendez")):
        assert _clean(_HEAD + _STANDFIRST + credit + "\n\n" + PROSE).byline == name, credit
    # a list of teasers credits each its own: no author; a name with no role nor dateline is none
    teaser = "The ferry timetable changes next week, and the island route gains a late boat.\n"
    for credits in (teaser + "By Clare Duffy, Harbour Times\n" + teaser + "By Chris Isidore, Harbour Times",
                    "Lena Varga\nharbour storm repairs"):
        assert _clean(_HEAD + _STANDFIRST + credits + "\n\n" + PROSE).byline is None, credits


def test_a_menu_entry_by_event_type_is_no_byline():
    # a site's "Browse by" menu above the header ("By Industry", "By Event Type") credits no one
    menu = "Solutions\nBy Industry\nFor Enterprise For Media\nBy Event Type\nConferences Webinars\n\n"
    assert _clean(menu + _HEAD + PROSE).byline is None


def test_the_sites_own_name_beside_the_dateline_yields_to_a_credit_above_the_header():
    # "Harbour Times" beside the dateline of harbourtimes.com is the publisher's name; the "By" credit above a long
    # list of contents names the author. Without that credit the name stands. On another site it is no person's
    # name (an organisation's word: lexicon [names] organisations), and the credit above names the author.
    menu = "".join(f"Section {n}\n" for n in range(1, 21))
    credit = "Harbour reopens after three weeks of storm repairs\n\nBy\nLena Varga\n\n"
    header = "\nHarbour Works Editorial Process\nUpdated August 27, 2025\nHarbour Times\n\n"
    cleaner = Cleaner(use_profiles=False)
    for head, url, name in ((credit, "https://www.harbourtimes.com/storm", "Lena Varga"),
                            ("", "https://www.harbourtimes.com/storm", "Harbour Times"),
                            (credit, "https://www.harbournews.com/storm", "Lena Varga")):
        dump = "Harbour reopens after three weeks of storm repairs\n\n" + head + menu + header + PROSE
        assert cleaner.clean(dump, url=url, input_format="text").byline == name, (head, url)


def test_a_capitalised_line_of_a_weekday_or_an_organisation_beside_the_dateline_is_no_byline():
    # the line keeps its label (value only); a person's name there, or a team's credit, stands
    head = "Harbour reopens after storm repairs\n\n"
    for heading in ("Tuesdays Evenings", "Press Release", "Harbour Discussion Forum", "Sonntag Brunch"):
        assert _clean(head + heading + "\nMarch 3, 2024\n\n" + PROSE).byline is None, heading
    for name in ("Jane Doe", "Harbour News Desk"):
        assert _clean(head + name + "\nMarch 3, 2024\n\n" + PROSE).byline == name, name


def test_the_sites_own_name_just_above_the_dateline_credits_the_company_where_nothing_else_does():
    # "West Harbour Works" of westharbourworks.com (its words a stoplist's: no bare name) above the dateline: the
    # company's blog credits the company. Under the dateline, or on another host, it credits no one.
    cleaner = Cleaner(use_profiles=False)
    head = "Harbour reopens after storm repairs\n\n"
    site = "https://westharbourworks.com/blog/storm"
    for credit, url, name in (("West Harbour Works\nMarch 3, 2024", site, "West Harbour Works"),
                              ("west harbour works\nLast update:\nMarch 3, 2024", "https://www.westharbourworks.co.uk/b",
                               "west harbour works"),
                              ("March 3, 2024\n5 min read\nWest Harbour Works", site, None),
                              ("West Harbour Works\nMarch 3, 2024", "https://harbournews.com/storm", None)):
        article = cleaner.clean(head + credit + "\n\n" + PROSE, url=url, input_format="text")
        assert article.byline == name, (credit, url)


def test_a_dateline_in_another_language_under_the_headline_gives_the_date_and_the_byline():
    """"Veröffentlicht am 14. Juni 2023 von Lena Hartmann": a dateline's opening word and a date in the page's
    language (a German ordinal day, "14. Juni"), then the author: header, not the article's first line."""
    prose = ("Seit Jahren wollten wir die Seenplatte mit dem Rad umrunden, in diesem Frühjahr hat es endlich geklappt, "
             "und hier ist unser Bericht.\n\nWir sind in Neustrelitz gestartet, weil man dort bequem mit der Bahn "
             "ankommt und die Räder direkt am Bahnhof ausladen kann.\n\nDie Wege sind hier überwiegend asphaltiert "
             "oder mit feinem Schotter belegt, nur ein Stück war sandig.\n")
    for dateline, date in (("Veröffentlicht am 14. Juni 2023 von Lena Hartmann", "2023-06-14"),
                           ("Gepubliceerd op 3 maart 2022 door Lena Hartmann", "2022-03-03")):
        dump = f"Start\nTouren\nKontakt\n\nRadreise an der Seenplatte: Fünf Tage, 300 Kilometer\n{dateline}\n\n{prose}"
        article = _clean(dump)
        assert (article.title, article.byline, article.date) == (
            "Radreise an der Seenplatte: Fünf Tage, 300 Kilometer", "Lena Hartmann", date), dateline
        assert dateline not in article.paragraphs


def test_a_credit_in_another_language_under_the_headline_gives_the_byline_and_the_date():
    """"Geschrieben von Anna Schmidt am 14. Juni 2023", "Écrit par Claire Dumont le 14 juin 2023", "Por Lucía Gómez,
    el 14 de junio de 2023": a credit's opening in the page's language (the lexicon's ``credited`` and
    ``credited_by``), the name cut where the date's article and day begin: header, not the article's first line."""
    prose = ("Seit Jahren wollten wir die Seenplatte mit dem Rad umrunden, in diesem Frühjahr hat es endlich geklappt, "
             "und hier ist unser Bericht.\n\nWir sind in Neustrelitz gestartet, weil man dort bequem mit der Bahn "
             "ankommt und die Räder direkt am Bahnhof ausladen kann.\n\nDie Wege sind hier überwiegend asphaltiert "
             "oder mit feinem Schotter belegt, nur ein Stück war sandig.\n")
    for credit, name in (("Geschrieben von Anna Schmidt am 14. Juni 2023", "Anna Schmidt"),
                         ("Écrit par Claire Dumont le 14 juin 2023", "Claire Dumont"),
                         ("Por Lucía Gómez, el 14 de junio de 2023", "Lucía Gómez")):
        dump = f"Start\nTouren\nKontakt\n\nRadreise an der Seenplatte: Fünf Tage, 300 Kilometer\n{credit}\n\n{prose}"
        article = _clean(dump)
        assert (article.byline, article.date) == (name, "2023-06-14"), credit
        assert credit not in article.paragraphs


def _with_bio(byline: str, bio: str) -> str:
    return ("Harbour reopens after three weeks of storm repairs\n\n" + byline + "\n\n" + PROSE + "\n" + bio + "\n")


def test_a_body_line_opening_with_the_bylines_name_is_the_authors_bio():
    """The author's bio under the article ("Jane Porter is a reporter…", "Jane covers…") leaves the body; the
    byline's name stays the byline, and the article's own lines stay."""
    for bio in ("Jane Porter is a reporter who has covered the harbour and the fishing fleet for the paper since 2015.",
                "Jane Porter covers the harbour and the fishing fleet, and writes the paper's weekly column on boats.",
                "Jane has written about the harbour for the paper since 2015; she lives on a boat by the storm wall."):
        article = _clean(_with_bio("By Jane Porter", bio))
        assert article.byline == "Jane Porter"
        assert bio not in article.body and "The council said the wall" in article.body
        (bio_line,) = [d for d in article.decisions if d.text == bio]
        assert (bio_line.stage, bio_line.reason) == ("metadata", "the author's bio (opens with the byline's name)")


def test_a_company_credited_as_author_or_a_first_name_alone_opens_the_articles_own_lines():
    """A company's name as the byline ("Harbour Works Team") or a one-word byline names no person whose bio the
    line would be: its lines stay the article's."""
    line = "Harbour Works is a contractor that has rebuilt storm walls along the coast for more than thirty years."
    for byline in ("By Harbour Works Team", "By Harbour"):
        article = _clean(_with_bio(byline, line))
        assert line in article.body


def test_a_first_name_opens_the_authors_bio_only_where_the_line_says_he_or_she():
    """"Jane has…" is the author's bio where the line speaks of a person; the company credited as "Method
    Studio" opens its own article's line "Method has also…" with no pronoun, and it stays."""
    kept = "Method has also rebuilt the harbour's storm wall twice, in 2009 and in 2016, with the council's engineers."
    assert kept in _clean(_with_bio("By Method Studio", kept)).body
    bio = "Jane has covered the harbour for the paper since 2015, and she writes its weekly column on boats."
    assert bio not in _clean(_with_bio("By Jane Porter", bio)).body


# --- issue 20, round 18: the article's credited headline far from the header, where the pick is astray ---------

def _far_from_the_text(block: str, head: str = "") -> str:
    """A dump whose page title is an SEO title, with ``block`` (the article's headline and its credit) above a
    table of contents that puts the first prose far under it, and a promo as the window's pick (astray)."""
    contents = "".join(f"Stop {n}: Kingsport Quay\n" for n in range(1, 25))
    return ("Best Harbour Towns 2025 - Top 25 Ranked by Visitors | Harbour Times\n\nNews\nTravel\n\n" + head + block +
            "\nTable of Contents\n" + contents + "\nSubscribe For Daily Updates\n\n" + PROSE)


def test_a_pick_astray_yields_to_the_articles_dated_headline_far_above_the_text():
    # the headline shares "top", "harbour", "towns" with the page title; its dateline stands under it, past a
    # section's name, a reading time and the dateline's label
    dump = _far_from_the_text("List of Top Harbour Towns in Britain: Finding the Right Stop\nTravel\n5 min read\n"
                              "Published on\nOct 31, 2025\n")
    assert _clean(dump).title == "List of Top Harbour Towns in Britain: Finding the Right Stop"
    # a dateline right over it, or a credit in a row ("Travel · 5 min read · By Jane Doe"), credits it as well
    for block in ("Oct 31, 2025\nList of Top Harbour Towns in Britain: Finding the Right Stop\n",
                  "Travel · 5 min read · By Jane Doe\nList of Top Harbour Towns in Britain: Finding the Right Stop\n"):
        assert _clean(_far_from_the_text(block)).title == "List of Top Harbour Towns in Britain: Finding the Right Stop"


def test_a_photo_caption_with_a_credit_under_it_is_no_headline_far_from_the_text():
    # the caption shares the page title's words and has the article's dateline under it too (past a section's
    # name and the headline, long enough for a standfirst), but holds a sentence
    block = ("The harbour towns drew more visitors than ever this year. Photo by Ann Lee for Harbour Times\n"
             "Travel Britain\nList of Top Harbour Towns in Britain: Finding the Right Stop Every Summer\n"
             "Published: Oct 31, 2025\n")
    assert _clean(_far_from_the_text(block)).title == (
        "List of Top Harbour Towns in Britain: Finding the Right Stop Every Summer")


def test_dated_teasers_far_from_the_text_leave_the_page_title():
    # two dated headlines sharing the page title's words: nothing says which is the article's
    teasers = "".join(f"Top Harbour Towns in Region {n}: A Guide\nOct {n}, 2025\nReplies: {n}\nViews: 1{n}0\n"
                      "Harbour Forum\n\n" for n in range(1, 4))
    assert _clean(_far_from_the_text(teasers)).title == "Best Harbour Towns 2025 - Top 25 Ranked by Visitors"
    # one such headline, where the page prints the page title's headline above it (past a long menu): the page
    # title stands
    single = "Top Harbour Towns in Region 1: A Guide\nOct 1, 2025\nReplies: 4\nViews: 140\n"
    menu = "".join(f"Section {n}\n" for n in range(1, 61))
    assert _clean(_far_from_the_text(single, head="Best Harbour Towns 2025\n\n" + menu + "\n")).title == (
        "Best Harbour Towns 2025 - Top 25 Ranked by Visitors")


def test_a_blog_platforms_post_title_under_the_days_date_is_the_title_not_the_blogs_name():
    """A blog platform's header: the blog's name, its tagline, the day's date, then the post's title over its
    text, under the page title "Blog: Post". The post's title is the title; the blog's name is not, though the
    date stands under it. A line under the date that prints no part of the page title leaves the pick alone."""
    header = ("Harbour Notes: Storm wall repairs finished\n\nHarbour Notes\n\nA small town's harbour, week by week\n\n"
              "Monday, October 10, 2011\n\n")
    article = _clean(header + "Storm wall repairs finished\n\n" + PROSE)
    assert (article.title, article.date) == ("Storm wall repairs finished", "2011-10-10")
    assert _clean(header + "CLICK FOR THE FULL HARBOUR TIMETABLE\n\n" + PROSE).title != \
        "CLICK FOR THE FULL HARBOUR TIMETABLE"


def test_an_avatars_monogram_between_the_authors_label_and_the_name_is_passed_over():
    head = "Harbour reopens after three weeks of storm repairs | Harbour Times\n\nHarbour reopens after three weeks of storm repairs\n\n"
    foot = head + PROSE + "\nShare this article\n\n"
    assert _clean(foot + "Author\n\nLV\n\nLena Varga\n\nStaff Engineer, Harbour\n").byline == "Lena Varga"
    # capitals that are not the name's initials are no monogram; a single word under one names no one
    assert _clean(foot + "Author\n\nXY\n\nLena Varga\n\nStaff Engineer, Harbour\n").byline is None
    assert _clean(foot + "Author\n\nLV\n\nLena\n").byline is None


def test_a_dateline_with_no_date_names_no_one():
    head = "Harbour reopens after three weeks of storm repairs | Harbour Times\n\nHarbour reopens after three weeks of storm repairs\n\n"
    for dateline in ("Today", "Yesterday"):
        assert _clean(head + dateline + "\n\n" + PROSE).byline is None, dateline


def test_a_teasers_credit_in_a_list_of_headlines_above_the_header_credits_no_one():
    teasers = "".join(f"\nStorm wall story number {n}\n\nBy {name}\n\nMarch {n}, 2026\n"
                      for n, name in enumerate(("Ann Lee", "Bo Li", "Cy Ma", "Di Wu", "Ed Ko"), 1))
    menu = "".join(f"Section {n}\n" for n in range(1, 21))
    dump = ("Harbour reopens after three weeks of storm repairs | Harbour Times\n\n" + teasers + "\n" + menu
            + "\nHarbour reopens after three weeks of storm repairs\n\n" + PROSE)
    assert _clean(dump).byline is None


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("abcİıßÉéKk ẞ-'1"), max_size=40),
       st.text(alphabet=st.sampled_from("abcİıßÉéKk ẞ-'1"), max_size=40), st.integers(1, 3))
def test_the_stems_screen_never_refuses_a_line_that_shares_the_stems(text, title, least):
    """The credited headline's screen (``_may_share_stems``) passes every line whose stems the page title's
    share ``least`` times: the screen only saves the words' regex on lines that cannot."""
    from cleaner.stages.metadata import _may_share_stems, _title_stems

    stems = _title_stems(title, frozenset())
    if len(stems & _title_stems(text, frozenset())) >= least:
        assert _may_share_stems(text, stems, least)


# --- issue 20, round 21: text-dump titles on pages nobody tuned on (wrong ≤ 0.08) ---------------------------------

def test_a_site_name_with_a_hyphenated_word_ends_the_page_title():
    """"Headline | Harbour Co-op": the hyphen inside the site's name ("Co-op") does not hide the site's part, so
    a header pick that shares nothing with the page title yields to it; a hyphen between figures ("2025-26") is
    no site's name."""
    menu = "".join(f"Section {n}\n" for n in range(1, 21))
    dump = ("Harbour reopens after three weeks of storm repairs | Harbour Co-op\n\n" + menu +
            "\nSubscribe For Daily Updates\n\n" + PROSE)
    assert _clean(dump).title == "Harbour reopens after three weeks of storm repairs"
    from cleaner.stages.metadata import _TITLE_SUFFIX

    assert _TITLE_SUFFIX.match("Harbour Forum • View topic - 2025-26 Season: The League is Back!") is None


def test_a_first_line_the_page_prints_again_reads_as_the_page_title():
    """A first line the shapes took for a repeated line (the page prints its title again: a heading, a footer's
    trail) still reads as the page title: a pick sharing nothing with it yields to it. A first line at the head
    of a menu's run ("Skip to main content" over the menu) does not read as one."""
    menu = "".join(f"Section {n}\n" for n in range(1, 21))
    title = "Harbour reopens after three weeks of storm repairs"
    dump = title + "\n\n" + menu + "\nSubscribe For Daily Updates\n\n" + PROSE + "\n" + title + "\n"
    assert _clean(dump).title == title
    skip = "Skip to main content\n" + menu + "\nSubscribe For Daily Updates\n\n" + PROSE
    assert _clean(skip).title != "Skip to main content"


def test_a_pick_sharing_the_page_title_only_through_the_sites_name_and_no_credit_gives_no_title():
    """A landing page's promo right over its first prose ("Explore Harbour Security Today" under "Falcon Platform |
    Harbour Security Systems") shares the page title's words only through the site's name, and no byline or
    dateline stands by it: no title rather than a wrong one. With a credit under it, a title is given."""
    menu = "".join(f"Section {n}\n" for n in range(1, 21))
    dump = ("Falcon Platform | Harbour Security Systems\n\n" + menu + "\nExplore Harbour Security Today\n\n" + PROSE)
    assert _clean(dump).title is None
    credited = dump.replace("Explore Harbour Security Today\n", "Explore Harbour Security Today\nBy Ann Lee\nMay 5, 2025\n")
    assert _clean(credited).title is not None


def test_a_page_title_cut_in_parts_reads_as_one_so_a_pick_sharing_nothing_with_it_gives_no_title():
    """A first line cut by a page title's separators ("Kayaks | Harbour Outfitters": its headline too short for
    "Headline | Site", the shapes took it for the head of the menu under it) is the page's title all the same: a
    header pick sharing nothing with it (a teaser's headline, a sort menu) gives no title rather than a wrong one.
    A first line with no separator ("Skip to main content") says nothing of the pick."""
    menu = "".join(f"Section {n}\n" for n in range(1, 21))
    body = "\n" + menu + "\nWeekend Storm Closes the Ferry Again\n\n" + PROSE
    assert _clean("Kayaks | Harbour Outfitters" + body).title is None
    assert _clean("Skip to main content" + body).title == "Weekend Storm Closes the Ferry Again"
    assert _clean("Kayaks | Harbour Outfitters" + body.replace("Weekend Storm Closes the Ferry Again",
                                                               "Harbour Kayaks for Weekend Outings")).title is not None


def test_a_pick_speaking_to_the_reader_needs_more_of_the_page_title():
    """A landing page's promo over its first prose speaks to the reader ("Boat Rentals That Keep You on the
    Water" under "Harbour Boat Rentals | Harbour Marine"): sharing some of the page title's words is not enough
    for it to be the title, where no credit stands by it. The same line not addressing the reader, or with a
    byline and a dateline under it, is the title."""
    menu = "".join(f"Section {n}\n" for n in range(1, 21))
    promo = "Boat Rentals That Keep You on the Water"
    dump = "Harbour Boat Rentals | Harbour Marine\n\n" + menu + "\n" + promo + "\n\n" + PROSE
    assert _clean(dump).title is None
    plain = "Boat Rentals That Keep Sailors on the Water"
    assert _clean(dump.replace(promo, plain)).title == plain
    assert _clean(dump.replace(promo + "\n", promo + "\nBy Ann Lee\nMay 5, 2025\n")).title == promo


def test_a_pick_in_a_list_of_dated_items_has_no_credit_of_its_own():
    """A pick in a changelog's or a teaser list's run of dated items ("2.1.4 no changes" between "2.2.3
    2015-09-04" and "2.0.5 2014-12-17") has a date by it, as each item has: no credit that makes a headline of
    it, so a pick sharing nothing with the page title gives no title. A headline with its own dateline is the
    title, whatever the page title says."""
    menu = "".join(f"Section {n}\n" for n in range(1, 21))
    changelog = "2.4.1 2017-05-05\n2.3.0 no changes\n2.2.3 2015-09-04\n2.1.4 no changes\n2.0.5 2014-12-17\n"
    assert _clean("Science | Harbour Times\n\n" + menu + "\n" + changelog + "\n" + PROSE).title is None
    headline = "New Lighthouse Keeper Takes Up Her Post"
    dated = "Science | Harbour Times\n\n" + menu + "\n" + headline + "\nMay 6, 2025\n\n" + PROSE
    assert _clean(dated).title == headline


#: A forum thread's posts, as a text dump prints them: the poster's box (name, "Joined" over its day), the post's
#: date and its number, the post's text.
def _post(name: str, joined: str, day: str, number: int, text: str) -> str:
    return f"{name}\nJoined\n{joined}\nMessages\n28\n{day}\n#{number}\n{text}\n\n"


REPLY = ("The harbour wall was rebuilt twice in the last ten years, and both times the council said it would hold "
         "through the winter storms without any trouble at all.")


def test_a_threads_date_is_its_opening_posts_not_a_replys():
    # the opening post is a line too short for the body's start, which is a reply's text: the header's datelines
    # are the replies' (by "#2", "#3"), the thread's date is the opening post's, by "#1" above them
    opening = _post("changingtimes", "Jun 4, 2019", "Sep 21, 2024", 1, "Thoughts?")
    replies = "".join(_post(f"member{n}", "Jun 4, 2020", "Sep 23, 2024", n, REPLY) for n in range(2, 22))
    dump = ("Is the new harbour wall any good? | Harbour Forum\n\nForums\nHarbour talk\n\n"
            "Is the new harbour wall any good?\n\n" + opening + replies + PROSE + FOOTER)
    assert _clean(dump).date == "2024-09-21"
    # the same shape with no post numbers is no thread: the dateline by the text dates it
    unnumbered = dump.replace("\n#", "\nNo. ")
    assert _clean(unnumbered).date == "2024-09-23"


def test_a_post_number_on_the_dateline_and_an_edited_flag():
    # "#2 · Aug 5, 2023" is a reply's; "#1 · Aug 3, 2023 (Edited)" the opening post's, edited since
    opening = "harbourfan\n28 posts · Joined 2023\n#1 · Aug 3, 2023 (Edited)\nThoughts?\n\n"
    replies = "".join(f"member{n}\n9 posts · Joined 2020\n#{n} · Aug 5, 2023\n{REPLY}\n\n" for n in range(2, 12))
    dump = ("Is the new harbour wall any good? | Harbour Forum\n\nIs the new harbour wall any good?\n\n" + opening
            + replies + PROSE + FOOTER)
    assert _clean(dump).date == "2023-08-03"


def test_an_opening_post_may_open_with_its_date():
    # the post's first line is its date, its edit noted after it, under "#1": the body's start
    opening = ("harbourfan\nPosts: 116\nJoined: Feb 2019\n#1\n2019-02-23, 09:14 PM (This post was last modified: "
               "2024-01-05, 03:27 AM by harbourfan. Edited 1 time in total.)\n")
    dump = "Is the new harbour wall any good? | Harbour Forum\n\nIs the new harbour wall any good?\n\n" + opening + PROSE
    assert _clean(dump).date == "2019-02-23"


def test_a_date_under_a_joined_label_is_the_members_not_the_posts():
    # the poster's box nearer the headline than the post's own dateline
    dump = ("Harbour reopens after storm repairs\n\nchangingtimes\nJoined\nMay 27, 2019\nMessages\n10\n"
            "Jun 14, 2025\n\n" + PROSE)
    assert _clean(dump).date == "2025-06-14"


def test_a_questions_asked_line_dates_a_qa_page():
    # a Q&A page: "asked …" labels the question's date, the answers' and comments' dates are theirs
    dump = ("Why does the harbour wall crack in winter?\n\nQuestions\nTags\n\n" + LONG_PROSE
            + "\n" + FOOTNOTES + "\nasked Oct 16, 2023 at 9:40\n\nharbourfan\n\n"
            "answered Oct 18, 2023 at 10:50\n\n" + FOOTER)
    assert _clean(dump).date == "2023-10-16"


def test_a_dateline_with_by_and_the_name_after_its_date_gives_the_byline():
    """"Posted on DATE by NAME - N Comments on …" (a blog's dateline, taken for prose): the name, its handle's
    bracket left out."""
    dump = ("Harbour reopens after storm repairs | Harbour Times\n\nHome\nNews\nSport\n\n"
            "Posted on December 20, 2025 by Ann Lee (AnnL) - 5 Comments on Harbour reopens after storm repairs\n\n"
            "Harbour reopens after storm repairs\n\n" + PROSE)
    assert _clean(dump).byline == "Ann Lee"


def test_the_pages_one_dated_credit_at_the_foot_gives_the_byline():
    dump = ("Harbour reopens after storm repairs\n\n" + LONG_PROSE
            + "\nLast updated March 3, 2025 by Ann Lee. — Accessibility\n")
    assert _clean(dump).byline == "Ann Lee"


def test_dated_credits_under_several_teasers_name_no_author():
    """A list of other posts, each headline with "DATE by NAME" under it: whoever they name (the same person or
    not), no byline of the article."""
    teasers = "".join(f"\nMore Stories\n\n{title}\n\n{day}, 2025 by Ann Lee | Community\n"
                      for title, day in (("Farm opens on campus", "October 28"),
                                         ("Lasers and biofuel", "September 30")))
    dump = "Harbour reopens after storm repairs\n\n" + LONG_PROSE + teasers + "\n" + FOOTER
    assert _clean(dump).byline is None


def test_a_dated_credit_reads_the_name_in_either_order_and_refuses_prose():
    from cleaner.stages.metadata import _dated_credit

    assert _dated_credit("By Ann Lee ⋅ Senior Review Analyst ⋅ Updated March 5, 2025") == "Ann Lee"
    assert _dated_credit("03/01/2017 by Ann Lee, editor of the Review") == "Ann Lee"
    assert _dated_credit("Veröffentlicht am 14. Juni 2023 von Anna Schmidt") == "Anna Schmidt"
    assert _dated_credit("By Ann Lee | 12 comments") is None                     # no day: a credit, not dated
    assert _dated_credit("The pier was built in 2019 by Harbour Works Limited") is None     # prose before "by"
    assert _dated_credit("By the numbers: 2025 was a record year") is None


#: A forum thread's replies, after its first post.
_REPLIES = ("\nbob_k May 4, 2024, 9:10am 2\n\nI had the same trouble with the ferry timetable last winter, and the "
            "council never answered my letter.\n\nmarta May 5, 2024, 7:02pm 3\n\nThe new wall looks sound to me, "
            "though the old pier still floods at the spring tides.\n")


def test_a_forums_thread_starter_label_names_the_threads_author():
    dump = ("Harbour ferry timetable | Harbour Forum\n\nForums\nNew posts\nSearch forums\n\nHarbour ferry timetable\n\n"
            "Thread starter\n\nThread starter slow-poke\n\nStart date\n\nMay 3, 2024\n\n" + PROSE
            + "\nThread Starter\n\n#5\n\n" + PROSE)
    assert _clean(dump).byline == "slow-poke"
    # two members named as the thread's starter (a list of other threads): no one
    assert _clean(dump.replace("#5\n", "#5\n\nThread starter marta\n")).byline is None


def test_a_forums_first_post_line_names_its_member():
    """The handle over a forum's first post ("annlee May 3, 2024, 8:45am 1"), where nothing else credits the
    thread; not a labelled or weekday's dateline before the number, nor a page of two first posts."""
    thread = "Harbour ferry timetable\n\nTravel\nferries\n\n{}\n\n" + PROSE + _REPLIES
    assert _clean(thread.format("annlee (Ann Lee) May 3, 2024, 8:45am 1")).byline == "annlee"
    assert _clean(thread.format("Updated May 3, 2024, 8:45am 1")).byline is None
    assert _clean(thread.format("Friday May 3, 2024, 8:45am 1")).byline is None
    assert _clean(thread.format("annlee May 3, 2024, 8:45am 1") + "\nbob_k May 6, 2024, 8:00am 1\n").byline is None


def test_a_dated_credits_name_loses_the_stop_of_its_sentence_not_an_initials():
    from cleaner.stages.metadata import _dated_credit

    assert _dated_credit("By Ann Lee. May 5, 2025") == "Ann Lee"
    assert _dated_credit("Last updated March 3, 2025 by Ann Lee.") == "Ann Lee"
    assert _dated_credit("May 5, 2025 by Bo Li Jr.") == "Bo Li Jr."


def test_a_quotes_attribution_opening_with_the_bylines_name_is_no_bio():
    """A forum's reply quoting the thread's starter ("Chris Hall said:") stays: a bio is a sentence, not a line
    that ends with a colon."""
    from cleaner.stages.metadata import _is_authors_bio

    assert not _is_authors_bio("Ann Lee said:", ("Ann Lee", "Ann"))
    assert _is_authors_bio("Ann Lee is a reporter who covers the harbour.", ("Ann Lee", "Ann"))


def _member_box_thread(box: str) -> str:
    """A forum thread whose first post has a member's box (``box``: name, rank, counts) over its date."""
    return ("Harbour ferry timetable | Harbour Forum\n\nForums\nNew posts\nSearch forums\n\nHarbour ferry timetable\n"
            + box + "\nMay 3, 2024\n#1\n" + PROSE + "Reply\nQuote\nLike\n" + _REPLIES)


def test_a_forum_members_rank_in_the_member_box_is_no_byline():
    """A member's rank ("New member", "Neues Mitglied") is capitalised beside the post's date, and names no one."""
    for rank in ("New member", "Neues Mitglied", "Well-known Member", "Junior Member"):
        assert _clean(_member_box_thread(f"\nslow-poke\n{rank}\nJoined: Mar 2025\nPosts: 12")).byline != rank
    from cleaner.stages.metadata import _bare_name, _member_rank

    assert _member_rank("Neues Mitglied") and _member_rank("Senior Community Member")
    assert not _member_rank("Ann Lee") and not _member_rank("Members of the harbour council met on Monday")
    assert _bare_name("Junior Member", frozenset()) is None and _bare_name("Ann Lee", frozenset()) == "Ann Lee"


def test_a_thread_starter_label_names_the_member_after_it_under_it_or_before_it():
    """"Ersteller annlee · Erstellt am …" (the label's line goes on with the thread's date), "Topic Author" over the
    name, "annlee Discussion starter": each names the thread's author; a label over a post's number names no one."""
    from cleaner.stages.metadata import _starter_named

    assert _starter_named("Ersteller Bernd_K · Erstellt am 3. Februar 2025 · 9 Antworten", "") == "Bernd_K"
    assert _starter_named("Topic Author", "changingtimes") == "changingtimes"
    assert _starter_named("JWoodguy13 Discussion starter", "") == "JWoodguy13"
    assert _starter_named("Thread Starter", "#5") is None
    assert _starter_named("Thread starter", "Moderator") is None
    assert _starter_named("Our first discussion starter", "") is None      # no member's name before the label
    box = "\nErsteller slow-poke · Erstellt am 3. Mai 2024 · 2 Antworten\n\nslow-poke\nNeues Mitglied\nBeiträge: 7"
    assert _clean(_member_box_thread(box)).byline == "slow-poke"
    assert _clean(_member_box_thread("\nTopic Author\nslow-poke\nPosts: 524")).byline == "slow-poke"
    assert _clean(_member_box_thread("\nslow-poke Discussion starter\n28 posts · Joined 2023")).byline == "slow-poke"



def test_a_thread_title_printing_the_page_titles_first_part_wins_over_its_forums_name_by_the_first_post():
    """"Thread title - Forum name - Site": the thread's headline prints the first part; the forum's name (a
    breadcrumb, repeating the middle part) stands nearer the first post's line, and is no title."""
    dump = ("Best budget ferry tickets - Ferry Travel Discussion / Help - Harbour Forums\n\nHarbour Forums\n\n"
            "Best budget ferry tickets\n\nFerries Ferry Travel Discussion / Help\nannlee May 3, 2024, 8:45am 1\n\n"
            + PROSE + _REPLIES)
    assert _clean(dump).title == "Best budget ferry tickets"
    from cleaner.stages.metadata import _printed_parts

    texts = ["Best budget ferry tickets - Ferry Travel Discussion / Help - Harbour Forums", "Harbour Forums",
             "Best budget ferry tickets", "Ferries Ferry Travel Discussion / Help", "Ferry Travel Discussion / Help"]
    page_title = texts[0].lower()
    assert _printed_parts(texts, 5, page_title) == {2: 5.0, 4: 4.0}
    assert _printed_parts(texts, 3, page_title) == {2: 5.0}          # only above the header's end
    # a site's name of two words first ("The Agency | …") is no headline; nor is the site's name last
    assert _printed_parts(["The Agency | ML at Harbour Tech", "The Agency"], 2, "the agency | ml at harbour tech") == {}
    assert _printed_parts(["Ferry tickets - Harbour Travel Forums", "Harbour Travel Forums"], 2,
                          "ferry tickets - harbour travel forums") == {}


def test_a_day_without_its_year_takes_the_one_year_the_header_prints():
    # a blog template's "Aug 15" under the headline: the headline names the year, no header line another
    menu = "".join(f"Section {n}\n" for n in range(1, 6))
    headline = "Top 7 Harbour Repair Trends for 2024"
    dump = f"Harbour Blog | {headline}\n\n{menu}\n{headline}\nAug 15\nWritten By Ann Lee\n\n{PROSE}"
    assert _clean(dump).date == "2024-08-15"
    # the day alone, with no year printed: none
    assert _clean(dump.replace(" for 2024", "")).date is None
    # two years in the header (a list "for 2026" dated in the year before, a copyright's year): none
    assert _clean(dump.replace("Section 5", "© 2025 Harbour Blog")).date is None
    # a day under an update's label is no publication's
    assert _clean(dump.replace("Aug 15", "Updated:\nAug 15")).date is None


def test_a_persons_name_as_the_masthead_of_a_site_its_host_spells_credits_a_dated_post():
    # A personal site prints its owner's name first, over its menu: the author where nothing else credits the post
    # (host "noraquill.dev" or "quillwrites.com" spells a word of it). Not a company's name (a third word, an
    # organisation's word, capitals), not on a host that spells none of it, not where the post has no dateline.
    cleaner = Cleaner(use_profiles=False)
    body = "Harbour reopens after storm repairs\nMarch 3, 2024\n\n" + PROSE
    for masthead, url, dated, name in (
            ("Nora Quill", "https://noraquill.dev/notes/harbour", True, "Nora Quill"),
            ("Nora Quill //", "https://www.quillwrites.com/p/harbour", True, "Nora Quill"),
            ("Nora C. Quill", "https://noraquill.dev/notes/harbour", True, "Nora C. Quill"),
            ("Nora Quill", "https://harbournews.com/harbour", True, None),
            ("Harbour Street Works", "https://harbourstreetworks.com/p", True, None),
            ("Harbour Engineering", "https://harbour.dev/p", True, None),
            ("HARBOUR WORKS", "https://harbour.dev/p", True, None),
            ("Nora Quill", "https://noraquill.dev/notes/harbour", False, None)):
        dump = "Harbour reopens after storm repairs\n\n" + masthead + "\nPosts\nAbout\n\n" + (
            body if dated else body.replace("March 3, 2024\n", ""))
        article = cleaner.clean(dump, url=url, input_format="text")
        assert article.byline == name, (masthead, url, dated)


def test_a_persons_name_as_the_masthead_over_the_persons_trade_credits_a_dated_post_whatever_the_host():
    # "Nora Quill" / "Software Engineer in Chicago" over the menu: the role says a person is named, where the host
    # ("harbournotes.co") spells none of the name; a tagline under it says nothing of the kind.
    cleaner = Cleaner(use_profiles=False)
    for under, name in (("Software Engineer in Chicago", "Nora Quill"), ("Notes on boats and tides", None)):
        dump = ("Harbour reopens after storm repairs\n\nNora Quill\n\n" + under + "\nPosts\nAbout\n\n"
                "Harbour reopens after storm repairs\nMarch 3, 2024\n\n" + PROSE)
        article = cleaner.clean(dump, url="https://harbournotes.co/post/harbour", input_format="text")
        assert article.byline == name, under


def test_a_threads_first_post_names_its_author_over_the_category_above_its_dateline():
    # A forum's thread: its category ("Ferry Timetables") over the first post's "handle date 1"; the category has a
    # bare name's shape beside the dateline, the handle on the dateline is the thread starter's.
    dump = ("Ferry timetable broken since Monday - Help - Harbour Forum\n\nHarbour Forum\n\n"
            "Ferry timetable broken since Monday\n\nFerry Timetables\nannlee May 3, 2024, 8:45am 1\n\n" + PROSE +
            "\nbo_li May 3, 2024, 9:10am 2\n\nSame here since this morning, the app shows the old one.\n")
    assert _clean(dump).byline == "annlee"


def test_a_name_beside_a_comments_dateline_is_no_byline():
    # A Q&A page's comment under the question: the commenter's name over the comment's machine timestamp and its
    # "Commented …" line is not the byline; the question's asker, on the card under "asked …", is (read where the
    # header names no one). A name beside the question's own dateline still is the byline.
    def dump(label: str) -> str:
        return ("Why is the ferry late? - Harbour Answers\n\nWhy is the ferry late?\n\nferries\ntimetables\n\n"
                "Share\nFollow\nasked Feb 4, 2014 at 13:02\nvader\n\nThe ferry to the island has been late every "
                "morning this week, by ten minutes or more.\nNora Quill\n– Nora Quill\n2020-09-21 13:04:28 +00:00\n"
                f"{label} Sep 21, 2020 at 13:04\n\n" + PROSE)
    assert _clean(dump("Commented")).byline == "vader"
    assert _clean(dump("Published")).byline == "Nora Quill"


def test_a_menus_last_entry_over_the_headline_and_its_dateline_is_no_byline():
    # "Tidal Forecasting" ends the menu right over the headline, whose dateline is under it: the name-shaped line is
    # two lines from the date, with the headline between; a name under the headline is the byline.
    menu = "Harbour Docs\n\nRiver Levels\nCoastal Charts\n"
    head = "Tide Tables Tutorial\n\nLast Updated : 9 Mar, 2026\n\n"
    assert _clean("Tide Tables Tutorial - Harbour Docs\n\n" + menu + "Tidal Forecasting\n\n" + head + PROSE).byline is None
    assert _clean("Tide Tables Tutorial - Harbour Docs\n\n" + menu + "\nTide Tables Tutorial\n\nNora Quill\n\n"
                  "Last Updated : 9 Mar, 2026\n\n" + PROSE).byline == "Nora Quill"


def test_a_teasers_credit_in_a_list_of_others_posts_is_no_byline():
    # A section's front page: each teaser a headline, "by Name" and a blurb; the first is read as the header. Its
    # credit is one of many people's; an article whose headline repeats the page title keeps its own credit, however
    # many teasers its foot lists.
    names = ("Nora Quill", "Bo Lindqvist", "Cy Marsh", "Dee Harlow", "Eve Tanaka", "Finn Ostrom", "Gus Pereira",
             "Hal Moreno", "Ivy Castell")
    teasers = "".join(f"Harbour Story Number {k}\n\nby {name}\n\nA short blurb about harbour story {k}, told in "
                      f"brief for the section's front page.\n\n" for k, name in enumerate(names, 1))
    listing = "Harbour Life | Harbour Times\n\nHarbour Life\n\nNews\nSport\n\n" + teasers
    assert _clean(listing).byline is None
    article = ("Harbour reopens after storm repairs | Harbour Times\n\nNews\nSport\n\nHarbour reopens after storm "
               "repairs\n\nby Nora Quill\n\n" + PROSE + "\nMore from Harbour Times\n\n" + teasers)
    assert _clean(article).byline == "Nora Quill"


def test_a_menus_browse_by_facet_is_no_byline():
    # "By Manufacturer", "Par thème": a menu's facets over the article, in the header or above it; a name is still one.
    for facet in ("By Manufacturer", "By Style", "Par thème", "Nach Hersteller"):
        dump = ("Projector buying guide | Harbour Reviews\n\nAll Categories\n\n" + facet + "\nBest Projectors\n\n"
                "Projector buying guide\n\n" + PROSE)
        assert _clean(dump).byline is None, facet
    dump = ("Projector buying guide | Harbour Reviews\n\nAll Categories\n\nBy Nora Quill\nBest Projectors\n\n"
            "Projector buying guide\n\n" + PROSE)
    assert _clean(dump).byline == "Nora Quill"


def test_a_label_printed_by_each_item_of_a_list_is_no_title():
    # A chart of films: each item's "Mark as watched" button; the header's pick over the first item shares nothing
    # with the page title and is printed by every item: the page title stands in. A headline printed as often that
    # shares the page title is still the title.
    items = "".join(f"#{k}\n\nThe Harbour Film Number {k}\n\n2026 1h 5{k}m R\n6.{k} (22K) Rate\nMark as watched\n"
                    for k in range(1, 7))
    chart = ("Harbour films this week\n\nMenu\nMovies\nTV shows\n\nSort by Ranking Popularity Runtime\n\n" + items
             + "\n" + PROSE)
    assert _clean(chart).title == "Harbour films this week"


def _reviews_page(first_review: str) -> str:
    """A product page whose header's only dateline is a customer review's (the reviews listed under the text)."""
    reviews = "".join(f"\nHarbour Lamp is bright\n\nReviewed in the United States on {day}\n\nWorks well in a storm.\n"
                      for day in ("July 8, 2024", "June 16, 2024", "May 2, 2024"))
    return ("Harbour Lamp 300 lumen storm lantern\n\nHarbour Lamp 300 lumen storm lantern\n\n"
            f"{first_review}\n\n" + PROSE + "\nCustomer reviews\n" + reviews)


def test_a_customer_reviews_date_in_a_list_of_reviews_is_not_the_pages():
    # every review prints "Reviewed in … on DATE", each its own day: the first is a review's act, not the page's update
    assert _clean(_reviews_page("Reviewed in the United States on December 6, 2024")).date is None


def test_an_update_printed_once_still_dates_the_page_beside_a_list_of_reviews():
    # the page's own update, in words no review prints, is still the date where no publication date is printed
    assert _clean(_reviews_page("Updated December 6, 2024")).date == "2024-12-06"


def test_a_questions_asked_dateline_names_the_member_on_the_card_under_it():
    """A Q&A page: "asked Feb 4, 2014 at 13:02" over the asker's card names the page's author; each answer's
    "answered …" card names another member. Not the page's age ("Asked 12 years ago" over "Modified …"), nor a page
    asking two questions of two members."""
    page = ("Why does the harbour ferry run late? - Harbour Q&A\n\nQuestions\nTags\nUsers\n\n"
            "Why does the harbour ferry run late?\n\nAsked 12 years, 1 month ago\nModified 1 year ago\n\n{}"
            + PROSE + "\nanswered Feb 5, 2014 at 9:12\nbob_k\n1,204 5 12\n\n" + PROSE)
    assert _clean(page.format("asked Feb 4, 2014 at 13:02\nslow-poke\n6,796 8 34\n\n")).byline == "slow-poke"
    assert _clean(page.format("asked Feb 4, 2014 at 13:02\nAnn Lee\n12 3\n\n")).byline == "Ann Lee"
    assert _clean(page.format("")).byline is None
    two = page.format("asked Feb 4, 2014 at 13:02\nslow-poke\n6,796 8 34\n\n") + "\nasked Mar 1, 2014 at 8:00\nmarta\n"
    assert _clean(two).byline is None


def test_a_handle_with_digits_is_not_cut_inside_its_word():
    """"by Alphabyte1: 3:21pm On Mar 09, 2023": the handle keeps its digits (cut at the digit, "Alphabyte" would
    be another member); a name run into its dateline ("Doe2 hours ago", "Doe12:30 pm", "Lee2024") still loses it."""
    from cleaner.lexicon import name_before_end

    assert name_before_end("Alphabyte1: 3:21pm On Mar 09, 2023") == "Alphabyte1"
    assert name_before_end("Need2KnowLion") == "Need2KnowLion"
    assert name_before_end("chunix2 hours ago") == "chunix"
    assert name_before_end("Jane Doe12:30 pm") == "Jane Doe"
    assert name_before_end("Jane Doe5/12/2024") == "Jane Doe"
    assert name_before_end("Ann Lee2024") == "Ann Lee"
    assert name_before_end("Ann Lee 5 min read") == "Ann Lee"
    thread = ("Harbour ferry timetable | Harbour Forum\n\nForums\n\nHarbour ferry timetable by Alphabyte1: 3:21pm On Mar "
              "09, 2023\n" + PROSE)
    assert _clean(thread).byline == "Alphabyte1"


def test_a_page_title_still_parted_by_a_bar_gives_its_first_part_as_the_title():
    """"GPS Running Watches | Free Shipping over $99 | Harbour Feet": where the page title stands in for the
    headline, the site's name cut, a bar still parts what is left; the headline is its first part (a keyword or a
    promise follows it). A dash is left alone: it may be a headline's own."""
    shop = ("\n\nMen\nWomen\nSale\n\nFilter\nSort by\n\nHarbour Trail 2\n$129.99\n\nHarbour Road 5\n$149.99\n\n"
            "Free shipping on orders over $99.\n")
    assert _clean("GPS Running Watches | Free Shipping over $99 | Harbour Feet" + shop).title == "GPS Running Watches"
    from cleaner.stages.metadata import _before_bar

    assert _before_bar("Bike Locks & Security | Bicycle Locks") == "Bike Locks & Security"
    assert _before_bar("Crusher ANC 2 - Bass Headphones") == "Crusher ANC 2 - Bass Headphones"
    assert _before_bar("Harbour reopens after storm repairs") == "Harbour reopens after storm repairs"


def test_a_bare_name_with_a_particle_that_is_also_by_beside_the_dateline_is_read_whole():
    # "von" is German for "by" too: the line is the name, not a credit of "Hartmann"
    article = _clean("Harbour reopens after storm repairs\n\nLena von Hartmann\nMay 5, 2025\n\n" + PROSE)
    assert (article.byline, article.date) == ("Lena von Hartmann", "2025-05-05")


def test_a_credits_label_with_a_colon_over_the_dateline_names_the_author():
    article = _clean("Harbour reopens after storm repairs\n\nWords: Ann Lee\nMay 5, 2025\n\n" + PROSE)
    assert article.byline == "Ann Lee"



def _related_above_text(dateline: str) -> str:
    """An article whose text follows a list of related stories (a section, a headline, a date, repeated), the
    article's own dateline above that list."""
    related = "".join(f"HARBOUR NEWS\n\nHarbour story number {n} about the storm wall and ferries\n\n"
                      f"{month} {n + 10}, 201{n}\n\n"
                      for n, month in enumerate(("May", "June", "July", "August", "October", "November"), 1))
    return ("Harbour reopens after storm repairs - Harbour News\n\nNews\nSports\nWeather\n\n"
            "Harbour reopens after storm repairs\n\nJane Doe View More Articles\n\n"
            f"{dateline}\nFIND YOUR NEXT FERRY\nMORE STORIES LIKE THIS ONE\n\n" + related + PROSE)


def test_a_related_storys_date_in_a_list_of_headlines_above_the_text_is_not_the_pages():
    # each related story's date names its own article's day: none is the page's, whichever stands nearest the text
    assert _clean(_related_above_text("Photos Harbour Desk")).date is None
    assert _clean(_related_above_text("Harbour Desk November 20, 2019 13:42")).date == "2019-11-20"


def test_a_dateline_without_its_year_takes_the_year_of_the_urls_month():
    # a news site's "Updated Nov 19, 6:55 AM; Posted Nov 18, 6:51 AM": the path's /2019/11/ gives the year
    dump = ("Harbour reopens after storm repairs - harbourtimes.com\n\nNews\nSports\nWeather\n\n"
            "Harbour reopens after storm repairs\n\nBy Jane Doe | jdoe@harbourtimes.com\n\n"
            "Updated Nov 19, 6:55 AM; Posted Nov 18, 6:51 AM\n\n" + PROSE)
    clean = Cleaner(use_profiles=False).clean
    assert clean(dump, input_format="text", url="https://harbourtimes.com/news/2019/11/harbour-reopens.html"
                 ).date == "2019-11-18"
    # another month in the path, or none: no year is known
    assert clean(dump, input_format="text", url="https://harbourtimes.com/news/2019/10/harbour-reopens.html").date is None
    assert clean(dump, input_format="text", url="https://harbourtimes.com/news/harbour-reopens.html").date is None


def test_a_dateline_broken_over_two_lines_gives_its_day_and_year():
    for day in ("March 3,", "March 3", "3 March", "Wednesday, March 3,"):
        article = _clean(f"Harbour reopens after storm repairs\n\nBy Ann Lee\n{day}\n2021\n\n" + PROSE)
        assert article.date == "2021-03-03", day
    # an update's, in its words or under its label, is no publication's
    assert _clean("Harbour reopens after storm repairs\n\nBy Ann Lee\nUpdated March 3,\n2021\n\n" + PROSE).date is None
    assert _clean("Harbour reopens after storm repairs\n\nBy Ann Lee\nLast updated:\nMarch 3,\n2021\n\n" + PROSE
                  ).date is None
    # a year alone under a line that names no day
    assert _clean("Harbour reopens after storm repairs\n\nBy Ann Lee\nArchive\n2021\n\n" + PROSE).date is None


def test_an_update_in_another_month_than_the_urls_is_no_date():
    dump = "Harbour reopens after storm repairs\n\nBy Ann Lee\nUpdated May 5, 2022\n\n" + PROSE
    clean = Cleaner(use_profiles=False).clean
    assert clean(dump, input_format="text", url="https://example.com/2021/03/harbour-reopens").date is None
    assert clean(dump, input_format="text", url="https://example.com/2022/05/harbour-reopens").date == "2022-05-05"
    assert clean(dump, input_format="text", url="https://example.com/harbour-reopens").date == "2022-05-05"


def test_a_dateline_that_names_its_first_publication_after_its_update():
    for line, want in (("May 5, 2022 (Originally published March 3, 2021)", "2021-03-03"),
                       ("Publié le 1er mars 2021", "2021-03-01"), ("1º de marzo de 2021", "2021-03-01")):
        assert _clean(f"Harbour reopens after storm repairs\n\nBy Ann Lee\n{line}\n\n" + PROSE).date == want, line


def _credited_far_above_the_text(caption: bool, dateline: str) -> str:
    """A review page: the headline, its standfirst, a photo (its caption and credit) and the credit's line, then a
    long ranking before the text: the header's window, over the text, holds none of them (issue 20, round 37)."""
    items = "".join(f"Best harbour wall kit number {n}\nREAD MORE\n" for n in range(1, 40))
    photo = ("Different walls suit different harbours, depending on the size of the bay.\nCredit: Ann Lee\n\n"
             if caption else "")
    return ("Harbour walls explained | Harbour Works\n\nHome\nWalls\nKits\n\nHarbour walls explained\n\n"
            "We tested the best thirteen harbour wall kits on the market against each other, with help from owners."
            "\n\n" + photo + f"By Bo Park ⋅ Senior Analyst ⋅ {dateline}\n\nQuick Look\n\n" + items + "\n" + PROSE)


def test_the_headlines_credit_past_a_photo_and_its_caption_dates_the_page_even_by_an_update_alone():
    assert _clean(_credited_far_above_the_text(True, "March 5, 2025")).date == "2025-03-05"
    assert _clean(_credited_far_above_the_text(False, "Updated March 5, 2025")).date == "2025-03-05"
    assert _clean(_credited_far_above_the_text(True, "Updated March 5, 2025")).date == "2025-03-05"


def test_a_post_number_before_a_space_opens_the_posts_timestamp():
    # "#1 2025-11-01 15:14:37" over the poster's box opens the thread; "#2 …" is a reply's, nearer the text
    opening = "#1 2025-11-01 15:14:37\n\nharbourfan\nMember\nRegistered: 2025-11-01\nPosts: 1\n\n"
    reply = "#2 2025-11-02 06:23:21\n\nmember2\nMember\nRegistered: 2016-07-02\nPosts: 98\n\n"
    dump = ("Is the new harbour wall any good? / Harbour Forum\n\nForums\nHarbour talk\n\n" + opening
            + "Is the new harbour wall any good?\n\nThoughts?\n\n" + reply + PROSE + FOOTER)
    assert _clean(dump).date == "2025-11-01"


def test_a_replys_subject_is_no_title_and_its_dateline_no_date():
    # a thread whose text starts at a reply: "Re: <subject>" over the reply's date; the title is the subject, and
    # the reply's date is not the thread's
    reply = ("harbourfan\nPosts: 2\nJoined: Sun Dec 17, 2023 11:18 am\n\nRe: Turning off the harbour lights\n\n"
             "Wed Dec 27, 2023 10:00 am\n\n" + PROSE + FOOTER)
    found = _clean("Harbour Forum\n\n" + reply)
    assert (found.title, found.date) == ("Turning off the harbour lights", None)
    # the opening post above it, its subject without "Re:" over its own date, dates the thread
    opening = ("16 posts • Page 1 of 1\n\nb.scherer\nPosts: 2\nJoined: Sun Dec 17, 2023 11:18 am\n\n"
               "Turning off the harbour lights\n\nSun Dec 17, 2023 11:23 am\n\nHow?\n\n")
    found = _clean("Turning off the harbour lights - Harbour Forum\n\n" + opening + reply.replace("harbourfan", "member2"))
    assert (found.title, found.date) == ("Turning off the harbour lights", "2023-12-17")


def test_a_threads_last_post_date_is_no_date_of_the_thread():
    # a thread's listing card: "Last post:" dates the latest reply; the opening post's own date is under its author
    dump = ("Would you ever work at the harbour? | Harbour Chat\n\nWould you ever work at the harbour?\n\n"
            "13 answers /\n\nLast post: 01/12/2025 at 6:49 pm\n\nMod Sharon\n28/11/2025 at 7:07 pm\n\n"
            + PROSE + FOOTER)
    assert _clean(dump).date == "2025-11-28"


def test_a_posted_dateline_beside_the_first_post_number_wins_over_the_members_joining_day():
    # the member's box prints the joining day bare, right over "#1"; the post's own dateline under it says "Posted"
    def post(number: int, text: str) -> str:
        return (f"harbourfan\n\nMembers\n\n10\n\nJanuary 7, 2020\n\n#{number}\n\nPosted April 18, 2024 (edited)\n\n"
                f"{text}\n\n")
    dump = ("Pros and cons of the harbour ferry - Harbour Forum\n\nPros and cons of the harbour ferry\n\n"
            "By harbourfan,\nApril 18, 2024 in Ferries\n\nShare\n\nRecommended Posts\n\n" + post(1, "Thoughts?")
            + "".join(post(n, REPLY) for n in range(2, 8)) + PROSE + FOOTER)
    assert _clean(dump).date == "2024-04-18"


def test_a_handles_digits_before_a_parenthesis_stay_in_the_name():
    from cleaner.lexicon import name_before_end

    assert name_before_end("chunix64 (2025-11-01 15:15:18)") == "chunix64"
    assert name_before_end("Doe2 hours ago") == "Doe"     # (a name run into its dateline: cut as before)
