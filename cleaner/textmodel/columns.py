"""The text model's columns: one table of what each number in a line's vector means.

A line's vector has one number per :data:`COLUMNS` entry, in this order, and the
model file (``cleaner/data/text_model.json``) has one weight per column with the
column names beside them (checked on load). Each column says three things:

- ``name``: how the model file and ``--explain`` know it;
- ``description``: the words ``--explain`` uses when the column weighed most
  (empty: the name is shown, as for columns too technical to say);
- ``compute``: a Python expression for its value, over the names below.

``scope`` says what the value depends on. ``LINE`` columns read the line's own
measures (``f``, ``u``) and the document's constants only; they come first, and
a repeated line (the same Features) is measured once. ``SIGNAL`` columns are the
chrome category a detector reported, one-hot. ``AROUND`` columns read the lines
around it. An expression may name an earlier column (``stop_rel < 0.3``).

The names an expression may read:

- ``i``, ``line``, ``f`` (its Features), ``u`` (its units: words, or characters / 2);
- the document's constants ``has_stoplist``, ``char_mode``, ``reference`` (the
  stopword density of the document's own prose), ``n`` (the number of lines);
- per line, measured over the whole document (:mod:`.measures`): ``prose``,
  ``chrome``, ``prose_near``, ``prose_nearby``, ``prose_in_part`` (prose lines in the
  windows below), ``to_prose``, ``shorts``, ``overlap``, ``cohesive``, ``colon_list``, ``content_list``
  (:func:`.measures.content_lists`: items of a list that reads as text);
- positions: ``start``/``end`` (the main run of prose), ``ended_at`` (the first
  end marker after prose that has enough prose above it, :func:`.measures.closing_start`), ``headline`` (the line repeating the title, or None);
- :data:`TERMS`, values several columns share.

:mod:`.vectors` compiles the table into one function (as the markup model's trees
are compiled): a vector costs what a hand-written list of these expressions costs.
"""

from __future__ import annotations

from collections import namedtuple

#: The chrome categories phrases/shapes may report in ``line.signal``, each a column (the ones of
#: :data:`INTERRUPTIONS` are not).
SIGNALS = ("cookies", "newsletter", "paywall", "donation", "share", "copyright", "related", "comments", "call_to_action", "legal",
           "navigation", "ads", "counters", "contact", "credit", "menu", "headline list", "link row",
           "navigation bar", "headline run", "separator", "repeated", "dateline", "url", "number", "related box")
#: Chrome after which article text rarely continues (measured: under 15% of pages, or
#: only a sliver when it does): the main run of prose is not stretched across it. A comments phrase between a
#: forum's posts (``Line.between_posts``: a quote, a thread's "Reply") is none (``vectors.page_measures``).
END_MARKERS = frozenset({"cookies", "copyright", "contact", "headline list", "comments"})
#: An end marker above the main run of prose is the page's closing chrome only when the prose above it weighs at
#: least this share of the main run's (``measures.closing_start``): otherwise it is chrome the article comes
#: after (a cookie banner, a site's footer notice in the header) or cuts through (a headline list of other
#: stories, a photo's copyright, a subheading naming cookies), and the article below it is not "after the
#: page's closing chrome began". Grouped CV by site with main's fold models (2026-12-06), ``.txt``: F1
#: scrapinghub-dev 0.9421 =, wcxb-dev-articles 0.9257 -> 0.9263 (P 0.9107 -> 0.9091, R 0.9413 -> 0.9442),
#: wcxb-dev-other 0.6311 -> 0.6395 (P 0.7001 -> 0.6996, R 0.5746 -> 0.5889).
ABOVE_MAIN_SHARE = 0.5
#: An end marker that is itself a paragraph inside the text is no end (``measures.mid_text``): a line of prose of at
#: least ``MID_TEXT_MIN_WORDS`` words (a footer's "© 2025 Acme Inc. All Rights Reserved." is shorter) with a paragraph
#: right above it and the text going on below it, at once or under at most ``MID_TEXT_RUN`` subheading
#: lines (each of at most ``MID_TEXT_WORDS`` words, no sentence end, no colon, no detector's signal), none of them
#: named by a detector. An article that mentions cookies ("The shop platform uses cookies to keep the basket") or
#: copyright in a paragraph was cut there: every line below it was "after the page's closing chrome began", and a
#: retrained model, which weighs that column more, dropped the article's last paragraphs. A cookie banner or a
#: copyright notice under the article has no paragraph of the text under it. On the dev pages (2026-12-07) it
#: frees 7 pages' markers: 5 articles' paragraphs that the truth holds with the text under them, 2 privacy policies
#: (no line of either in the truth, unchanged). Grouped CV by site, ``.txt``: those articles 4 better, 1 = .
MID_TEXT_RUN = 2
MID_TEXT_WORDS = 10
MID_TEXT_MIN_WORDS = 15
#: Chrome that says what a line is *about* -- a photo credit, a legal or copyright notice, a
#: related-links heading, a contact box, a share button, a call to action -- which no article
#: line is: the context stage may not keep such a line as body, however much prose surrounds it
#: (its detector's verdict stands). Chrome known by its *shape* (a menu, a headline run, a
#: repeated line, a dateline, a link row) stays the model's to overrule: subheadings, list
#: items and a story's own dateline share those shapes. Grouped CV by site with the fold models
#: of 2026-12-05 (bench/cv_text.py's run): F1 +0.005 scrapinghub-dev (P +0.009),
#: +0.0014 wcxb-dev-articles, +0.0007 wcxb-dev-other, recall unchanged.
FINAL_SIGNALS = frozenset({"credit", "legal", "copyright", "related", "contact", "share", "call_to_action", "gallery",
                           "embedded"})
#: Chrome inside the article that the text goes on under: a gallery (captions with their credits or a slide's
#: counter, repeated; ``ShapesStage._galleries``), or an embed the page did not load (a consent manager's stand-in
#: for a video or a post, ``[embedded]`` in boilerplate.toml: it names cookies, but the page has not ended). It counts as neither prose nor chrome to the main run of prose
#: (``measures.anchor``), which therefore spans it when there is prose on both sides. No column is named for it
#: (the shipped model was trained before them; their lines are final, and the model does not decide them).
INTERRUPTIONS = frozenset({"gallery", "embedded"})

#: Prose is counted in windows of this many lines each side of a line: around it, nearby,
#: and in its part of the page. A column divides the count by the window's width.
NEAR_RADIUS, NEARBY_RADIUS, PART_RADIUS = 3, 8, 20
NEAR_LINES, NEARBY_LINES, PART_LINES = (2 * r + 1 for r in (NEAR_RADIUS, NEARBY_RADIUS, PART_RADIUS))

LINE, SIGNAL, AROUND = "line", "signal", "around"


class Column(namedtuple("Column", ["name", "description", "compute", "scope"], defaults=[AROUND])):
    """One column of the text model's vectors, all str: its ``name``, what it says (``description``), the
    expression that ``compute``s it, and its ``scope`` (:data:`LINE`, :data:`SIGNAL`, :data:`AROUND`). (A
    :func:`~collections.namedtuple`: see :class:`cleaner.document.Window`.)"""

    __slots__ = ()


#: Values several columns read, worked out once per line (after the line's LINE columns), in this order.
TERMS = (
    # lines between this one and the main run of prose (0: inside it)
    ("distance", "start - i if i < start else i - end + 1 if i >= end else 0"),
    ("sentence", "f.ends_sentence and u >= 10"),
    # prose lines near it, itself left out
    ("prose_around", "prose_near[i] - prose[i]"),
)

COLUMNS: tuple[Column, ...] = (
    # the line alone
    Column("bias", "", "1.0", LINE),
    Column("log_units", "length", "log1p(u)", LINE),
    Column("units_le2", "very short", "u <= 2", LINE),
    Column("units_3_5", "short", "3 <= u <= 5", LINE),
    Column("units_6_9", "fairly short", "6 <= u <= 9", LINE),
    Column("units_10_19", "sentence length", "10 <= u <= 19", LINE),
    Column("units_20_39", "paragraph length", "20 <= u <= 39", LINE),
    Column("units_ge40", "long paragraph", "u >= 40", LINE),
    Column("stop_rel", "stopwords like the text's prose", "min(f.stop_ratio / reference, 2.0) if reference else 0.0",
           LINE),
    Column("stop_zero", "no stopwords", "has_stoplist and f.stops == 0", LINE),
    Column("no_stoplist", "", "not has_stoplist", LINE),
    Column("ends_sentence", "ends like a sentence", "f.ends_sentence", LINE),
    Column("ends_colon", "ends with a colon", "f.ends_colon", LINE),
    Column("sentences", "several sentences", "min(f.sentences, 4) * 0.25", LINE),
    Column("title_ratio", "capitalised words", "f.title_ratio", LINE),
    Column("upper", "all capitals", "f.upper", LINE),
    Column("digit_ratio", "digits", "f.digit_ratio", LINE),
    Column("alpha_low", "few letters", "f.alpha_ratio < 0.5", LINE),
    Column("char_mode", "", "char_mode", LINE),
    Column("char_mode_sentence", "ends like a sentence", "char_mode and f.ends_sentence", LINE),
    Column("char_mode_length", "length", "log1p(u) if char_mode else 0.0", LINE),
    Column("inner_dateline", "a dateline inside (a teaser)", "f.inner_dateline", LINE),
    # the line against the title and its neighbours' words
    Column("title_overlap", "shares words with the title", "min(overlap[i] * 2, 1.0)"),
    Column("title_overlap_near", "near lines sharing the title's words",
           "min(max(overlap[max(0, i - 2):i + 3]) * 2, 1.0)"),
    Column("cohesion", "shares words with its neighbours", "cohesive[i]"),
    # the chrome a detector saw
    *(Column(f"signal:{name}", name, f"float(line.signal == {name!r})", SIGNAL) for name in SIGNALS),
    # its neighbourhood
    Column("prose_prev", "prose before it", "i > 0 and prose[i - 1]"),
    Column("prose_next", "prose after it", "i + 1 < n and prose[i + 1]"),
    Column("prose_prev2", "prose two lines up", "i > 1 and prose[i - 2]"),
    Column("prose_next2", "prose two lines down", "i + 2 < n and prose[i + 2]"),
    Column("chrome_prev", "chrome before it", "i > 0 and chrome[i - 1]"),
    Column("chrome_next", "chrome after it", "i + 1 < n and chrome[i + 1]"),
    Column("prose_density", "prose around it", "prose_near[i] / NEAR_LINES"),
    Column("in_anchor", "inside the main text", "distance == 0"),
    Column("anchor_distance", "far from the main text", "log1p(distance)"),
    Column("before_anchor", "above the main text", "i < start"),
    Column("after_anchor", "below the main text", "i >= end"),
    Column("short_run", "in a run of short lines", "shorts[i] >= 3"),
    Column("after_end_marker", "after the page's closing chrome began", "i > ended_at"),
    Column("before_headline", "above the headline", "headline is not None and i < headline"),
    Column("is_headline", "the headline", "i == headline"),
    Column("below_headline", "far below the headline",
           "log1p(i - headline) if headline is not None and i > headline else 0.0"),
    Column("prose_density_8", "prose nearby", "prose_nearby[i] / NEARBY_LINES"),
    Column("prose_density_20", "prose in its part of the page", "prose_in_part[i] / PART_LINES"),
    Column("prose_distance", "far from any prose", "log1p(to_prose[i])"),
    # bins and crosses: a linear model over these is piecewise, and sees the interactions
    # that matter (a short line between prose is text; between chrome it is chrome)
    Column("stop_rel_lt30", "", "stop_rel < 0.3"),
    Column("stop_rel_30_60", "", "0.3 <= stop_rel < 0.6"),
    Column("stop_rel_60_90", "", "0.6 <= stop_rel < 0.9"),
    Column("stop_rel_90_120", "", "0.9 <= stop_rel < 1.2"),
    Column("cohesion_low", "", "0 < cohesion < 0.34"),
    Column("cohesion_mid", "", "0.34 <= cohesion < 0.67"),
    Column("cohesion_high", "", "cohesion >= 0.67"),
    Column("density_0", "", "prose_around == 0"),
    Column("density_1", "", "prose_around == 1"),
    Column("density_2_3", "", "2 <= prose_around <= 3"),
    Column("sandwiched_prose", "", "prose_prev and prose_next"),
    Column("sandwiched_chrome", "", "i > 0 and chrome[i - 1] and i + 1 < n and chrome[i + 1]"),
    Column("short_between_prose", "", "u <= 9 and prose_prev and prose_next"),
    Column("sentence_long", "", "sentence"),
    Column("sentence_stopwords", "", "sentence and stop_rel >= 0.6"),
    Column("anchor_short", "", "distance == 0 and u <= 5"),
    Column("anchor_long", "", "distance == 0 and u >= 10"),
    Column("outside_prose", "", "distance > 0 and sentence"),
    Column("colon_before_prose", "", "f.ends_colon and prose_next"),
    Column("colon_list", "in a list the text introduces with a colon", "colon_list[i]"),
)

#: The column names in vector order (the model file lists the same).
FEATURES: tuple[str, ...] = tuple(column.name for column in COLUMNS)
