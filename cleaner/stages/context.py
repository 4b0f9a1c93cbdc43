"""Stage ``context``: decide every line by its own score and its neighbours' (second pass).

A Viterbi pass over the scores (four states: before the article, body, a gap
inside it, after it; with learned probabilities of staying or switching) finds the most likely
labelling of the whole document: a weak line between body lines joins the
text, a plausible sentence inside a block of chrome stays chrome — jusText's
context revision, done as a sequence model. Lines a detector already
recognised as chrome keep that detector's decision when the model agrees, and always when
the detector said what the line is about (a photo credit, a legal notice, a share button:
``FINAL_SIGNALS``); a line known only by its shape (a menu, a repeated line) the model may keep.
"""

from __future__ import annotations

from ..document import BODY, BOILERPLATE, Authority, Document, WordedReason
from ..textmodel import model_for
from ..textmodel.columns import FINAL_SIGNALS, INTERRUPTIONS
from ..lexicon import END_MATTER_HEADING, is_prose
from ..textmodel.measures import content_lists


class ModelReason(WordedReason):
    """``body p=0.93 (inside the main text, length)``: the line's probability and the evidence
    that weighed most (the line's score and model input are final when this is made)."""

    __slots__ = ("vector", "score", "body", "despite", "model", "bridged", "listed", "headed")

    def __init__(self, line, body: bool, model, despite: str | None = None, bridged: bool = False,
                 listed: bool = False, headed: bool = False) -> None:
        self.vector, self.score = line.vector, line.score
        self.body = body
        self.model = model
        self.despite = despite
        self.bridged = bridged
        self.listed = listed
        self.headed = headed

    def __str__(self) -> str:
        model = self.model
        vector = self.vector
        why = model.top_reasons(vector, self.body) if model is not None and vector else []
        return word_model_reason(self.body, self.score, self.despite, self.bridged, self.listed, self.headed, why)


def word_model_reason(body: bool, score: float, despite: str | None, bridged: bool, listed: bool, headed: bool,
                      why: list[str]) -> str:
    """The model's reason as ``--explain`` prints it; one wording for both cores' reasons, so parity
    compares decisions and never two copies of a sentence."""
    text = f"{'body' if body else 'not body'} p={score:.2f}"
    if despite:
        text += f", despite {despite}"
    if bridged:
        text += f", {BRIDGED}"
    if listed:
        text += f", {LISTED}"
    if headed:
        text += f", {HEADED}"
    return text + (f" ({', '.join(why)})" if why else "")


#: How a line kept by :func:`bridged_lines` is worded after its probability (both cores' reasons).
BRIDGED = "between boxes inside the text"


def bridged_lines(lines, labels: list[bool], threshold: float) -> list[int]:
    """Lines inside the article (between its first and last body line) that the model itself calls text
    (p >= its threshold) but the Viterbi left in a gap: a paragraph between a "Read also" box and a newsletter
    box, where staying in the gap across both boxes cost less than two switches. Lines a detector named stay
    chrome."""
    body = [i for i, label in enumerate(labels) if label]
    if not body:
        return []
    soft = Authority.SOFT
    return [i for i in range(body[0] + 1, body[-1])
            if not labels[i] and lines[i].signal is None and lines[i].authority <= soft and lines[i].score >= threshold]


#: How a line kept by :func:`listed_lines` is worded after its probability (both cores' reasons).
LISTED = "a list item inside the text"


def listed_lines(lines, labels: list[bool], listed: list[bool]) -> list[int]:
    """Items of a list that reads as text (:func:`cleaner.textmodel.measures.content_lists`) inside the article
    (between its first and last body line) that the Viterbi left out: a changelog's or a recipe's list between
    its paragraphs, which a menu's shape (short lines in a run) and little prose around it cost. A line a
    detector named for what it is about (``FINAL_SIGNALS``) or condemned for good stays chrome."""
    body = [i for i, label in enumerate(labels) if label]
    if not body:
        return []
    soft = Authority.SOFT
    return [i for i in range(body[0] + 1, body[-1])
            if not labels[i] and listed[i] and lines[i].authority <= soft and lines[i].signal not in FINAL_SIGNALS]


#: Other stories' titles after the article (:func:`tail_titles`): at least ``TITLE_RUN`` title lines in a row, each
#: ``TITLE_WORDS`` to ``TITLE_MAX_WORDS`` words, at least ``TITLE_CASE`` of them capitalised.
TITLE_RUN = 2
TITLE_WORDS = 3
TITLE_MAX_WORDS = 16
TITLE_CASE = 0.6
#: What a line :func:`tail_titles` finds is condemned for (both cores), and the signal it is given.
TAIL_TITLES = "other stories' titles after the article's last paragraph (capitalised words, no sentence, no figures)"
TAIL_TITLES_SIGNAL = "headline run"


def is_title(line) -> bool:
    """A title's shape: a few words, most of them capitalised, with no sentence end, no figure and no colon (an
    article's lists of such lines are prices, specifications, a lead's labelled items). Not a question: the
    questions under an article are mostly its own FAQ, whose answers the dump folded away (grouped CV,
    wcxb-dev-other: 25 such question lines were the article's, 18 chrome)."""
    f = line.features
    return line.authority < Authority.MARKUP and TITLE_WORDS <= f.words <= TITLE_MAX_WORDS and not f.digit_ratio \
        and not f.ends_sentence and not f.ends_colon and ":" not in line.text and f.title_ratio >= TITLE_CASE


def tail_titles(lines) -> list[int]:
    """The body lines of runs of titles (:func:`is_title`, ``TITLE_RUN`` or more in a row) under the article's
    last body paragraph: a "more from" or popular list with no heading (or one the phrases do not know) where
    the article has ended. The model keeps such a run (each title reads as a subheading, and body is near), but
    a subheading has its paragraph under it; under the last one there is none. Inside the article the same
    shape is as often the article's own (a list of questions, a table of contents, a list of pros and cons):
    measured on grouped CV's outputs, condemning title runs wherever they stand lost as much recall as it
    gained precision, and only those under the last paragraph paid."""
    last = max((i for i, line in enumerate(lines)
                if line.label == BODY and is_prose(line.features)), default=-1)
    found: list[int] = []
    run: list[int] = []
    for i in range(last + 1, len(lines) + 1):
        if i < len(lines) and is_title(lines[i]):
            run.append(i)
            continue
        if len(run) >= TITLE_RUN:
            found.extend(k for k in run if lines[k].label == BODY and lines[k].authority <= Authority.SOFT)
        run = []
    return found


#: Blocks kept under the article, cut off from it by chrome (:func:`tail_islands`): a block is a run of kept lines
#: cut off from the kept line above it (:func:`cuts_off`: ``ISLAND_GAP`` lines or more, one of them named chrome);
#: the last blocks are dropped while, together, they hold less than ``ISLAND_SHARE`` of the kept lines' units. Grouped CV by site with main's fold
#: models (2026-12-06), ``.txt``: F1 scrapinghub-dev 0.9421 -> 0.9438 (P 0.9368 -> 0.9403), wcxb-dev-articles
#: 0.9287 -> 0.9298 (P 0.9141 -> 0.9175, R 0.9437 -> 0.9425), wcxb-dev-other 0.6579 -> 0.6577 (P 0.7078 -> 0.7097).
ISLAND_GAP = 2
ISLAND_SHARE = 0.1
#: The detectors that know a line only by its shape (``ShapesStage``'s verdicts, and :func:`tail_titles`'s): lines
#: between two kept blocks that only these condemned, or that only the model left out, do not cut the lower block
#: off (:func:`cuts_off`): an article's own list, its subheadings, its "Pros"/"Cons" labels take these shapes.
#: Grouped CV by site with main's fold models (2026-12-07), ``.txt``: F1 wcxb-dev-articles 0.9298 -> 0.9305 (18 pages
#: better, 4 worse), wcxb-dev-other 0.6577 -> 0.6579 (9 better, 12 worse), scrapinghub-dev unchanged.
SHAPE_SIGNALS = frozenset({"repeated", "menu", "separator", "navigation bar", "headline run", "number"})
#: What a line :func:`tail_islands` drops is decided for (both cores).
TAIL_ISLANDS = "a small block under the article, cut off from it by chrome (a teaser list, a call to action, a note)"
#: What a line :func:`tail_islands` drops is decided for when its block opens with an end-matter heading.
TAIL_END_MATTER = "a small block under the article that an end-matter heading opens (an author's box, other posts)"


def cuts_off(lines, above: int, below: int) -> bool:
    """Does the chrome between two kept lines (``above``, ``below``) cut the lower one off from the text above it?
    Only when there are at least ``ISLAND_GAP`` lines and a detector named one of them for what it is about (a
    "Related" heading, a share row, a call to action, a comment header) or a stronger stage decided it. Lines
    known only by their shape (``SHAPE_SIGNALS``: a run of short lines, a repeated label, runs of title-cased
    lines) or left out by the model alone are as often the article's own list and subheadings, which the model
    leaves out for want of prose around them (grouped CV: the blocks under such gaps were mostly the truth's:
    a list article's next day or step, an FAQ's answers after its repeated heading, a docs page's next section)."""
    if below - above - 1 < ISLAND_GAP:
        return False
    soft = Authority.SOFT
    return any(lines[j].signal not in SHAPE_SIGNALS and (lines[j].signal is not None or lines[j].authority > soft)
               for j in range(above + 1, below))


def opens_end_matter(line) -> bool:
    """Is the line the heading of a box under an article that is not its text (``lexicon.END_MATTER_HEADING``:
    "About the author", "You'll also love", "Written by …", "Tagged: …")? The model keeps such a heading and the
    box under it when they follow the article's last paragraph with no chrome between (the box's lines read as
    text: a bio, other posts' titles and summaries), so no cut (:func:`cuts_off`) parts them from the article; the
    heading is the cut.
    Grouped CV by site with main's fold models (2026-12-07), ``.txt``: F1 wcxb-dev-articles 0.9302 -> 0.9306
    (P 0.9169 -> 0.9176, R 0.9440 -> 0.9439; 27 pages better, 1 worse), wcxb-dev-other 0.6592 (1 page better) and
    scrapinghub-dev 0.9425 unchanged. Lists of sources and FAQs are not such headings: the truth often holds them."""
    return line.authority <= Authority.SOFT and END_MATTER_HEADING.match(line.text) is not None


def tail_islands(lines) -> list[int]:
    """The lines of :func:`tail_island_blocks`, in order."""
    return sorted(i for block in tail_island_blocks(lines) for i in block)


def tail_island_blocks(lines) -> list[list[int]]:
    """The small blocks of body at the end of the page that chrome cuts off from the article: other
    stories' teasers (a title and its summary, which read as a subheading and its paragraph), a call to action, a
    donation appeal, a site's note, kept because each line reads as text, in a part of the page the Viterbi
    re-entered after leaving the article. An article runs on across a box or two of chrome, but what follows
    its last break holds little of the text only when it is not the article's own (grouped CV: the lines of
    such blocks were mostly not the truth's; a forum's last post, cut off by its own header, is the loss).
    The blocks are peeled from the last while all of them together stay under ``ISLAND_SHARE`` of the kept
    units; a block holding a line a stronger stage decided ends the peeling. A block is kept lines that no chrome
    cuts off from each other (:func:`cuts_off`); an end-matter heading (:func:`opens_end_matter`) starts a block."""
    soft = Authority.SOFT
    kept = [i for i, line in enumerate(lines) if line.label == BODY]
    total = sum(lines[i].features.units for i in kept)
    found: list[list[int]] = []
    units = 0
    end = len(kept)
    while end > 0:
        start = end - 1
        while start > 0 and not opens_end_matter(lines[kept[start]]) \
                and not cuts_off(lines, kept[start - 1], kept[start]):
            start -= 1
        if start == 0:
            break
        block = kept[start:end]
        units += sum(lines[i].features.units for i in block)
        if units >= ISLAND_SHARE * total or any(lines[i].authority > soft for i in block):
            break
        found.append(block)
        end = start
    return found


#: Other stories' teasers cut short under the article (:func:`tail_teasers`): at least ``TEASER_RUN`` kept lines
#: of ``TEASER_WORDS`` words or more that end in an ellipsis ("...", "…": a summary cut at a fixed length), each
#: at most ``TEASER_GAP`` kept lines below the one before it (a title, a date, a "Read more" between them), under
#: kept prose that holds at least ``TEASER_SHARE`` times the units of every kept line from the first teaser on.
#: Survey of grouped CV's outputs (main, 2026-12-07): such runs anywhere were the truth's on 4 sites of
#: wcxb-dev-articles and 5 of wcxb-dev-other (a page of cards, a list of events); under the article, on none.
#: Grouped CV by site with main's fold models (2026-12-07), ``.txt``: F1 wcxb-dev-articles 0.9342 -> 0.9353 (P 0.9170
#: -> 0.9194, R 0.9520 -> 0.9519; 16 pages better, 1 worse: an events page whose truth holds its cut-short
#: listings), wcxb-dev-other 0.6635 (P 0.7030 -> 0.7031; 2 better), scrapinghub-dev unchanged.
TEASER_RUN = 2
TEASER_WORDS = 5
TEASER_GAP = 4
TEASER_SHARE = 2.0
#: The endings of a summary cut short (:func:`cut_short`).
ELLIPSES = ("...", "\u2026")
#: What a line :func:`tail_teasers` drops is decided for (both cores).
TAIL_TEASERS = "other stories' summaries cut short (\u2026) under the article's text"
#: The signal it gives them: a related box, other stories' teasers, which ends the article's foot for the metadata
#: (a teaser's "By Ann Lee December 7, 2015" is its story's dateline, not the article's).
TAIL_TEASERS_SIGNAL = "related box"


def cut_short(line) -> bool:
    """A summary cut at a fixed length: ``TEASER_WORDS`` words or more, ending in an ellipsis ("...", "…")."""
    return line.features.words >= TEASER_WORDS and line.text.rstrip(" \t").endswith(ELLIPSES)


def is_teaser_title(line) -> bool:
    """A teaser's title over its summary: one to ``TITLE_MAX_WORDS`` words and no sentence end (the summary's
    own, "Rye Bread for Beginners"; a "Read more" or a date between them is chrome the model left out)."""
    f = line.features
    return 1 <= f.words <= TITLE_MAX_WORDS and not f.ends_sentence


def tail_teasers(lines) -> list[int]:
    """The kept lines from the first to the last of a run of cut-short summaries (:func:`cut_short`, ``TEASER_RUN``
    or more, each at most ``TEASER_GAP`` kept lines under the one before) that the article's prose above outweighs
    (``TEASER_SHARE`` times the units of every kept line from the run on), with the first one's title
    (:func:`is_teaser_title`) right above it: a "more posts" list under the article,
    each post a title and the first words of its text, which read as a subheading and its paragraph, so neither
    the model nor :func:`tail_titles` leaves them out. A writer's own "…" ends a sentence here and there, not two
    lines in a few; a page of such cards (a listing) has no article above them, and is left alone."""
    soft = Authority.SOFT
    kept = [i for i, line in enumerate(lines) if line.label == BODY]
    teasers = [k for k, i in enumerate(kept) if cut_short(lines[i])]
    cut = set(teasers)
    runs: list[list[int]] = []
    for k in teasers:
        if runs and k - runs[-1][-1] <= TEASER_GAP:
            runs[-1].append(k)
        else:
            runs.append([k])
    # (running sums, so that a page of many runs stays linear: the prose above a kept line, and all below it)
    prose_above, units_above = [0], [0]
    for k, i in enumerate(kept):
        units = lines[i].features.units
        prose = is_prose(lines[i].features) and k not in cut
        prose_above.append(prose_above[-1] + (units if prose else 0))
        units_above.append(units_above[-1] + units)
    found: list[int] = []
    for run in runs:
        if len(run) < TEASER_RUN:
            continue
        above = prose_above[run[0]]
        below = units_above[-1] - units_above[run[0]]
        if above >= TEASER_SHARE * below:
            # the first teaser's title: the kept line right above its summary, a few words and no sentence
            start = run[0] - 1 if run[0] > 0 and is_teaser_title(lines[kept[run[0] - 1]]) else run[0]
            found.extend(i for i in kept[start:run[-1] + 1] if lines[i].authority <= soft)
    return found


#: What is left under a box's heading below the article (:func:`tail_box`): the kept lines under the first gap of
#: chrome that holds a related or newsletter box's heading (``BOX_SIGNALS`` decided for good: a whole line, "Related
#: Articles", "You may also like", "Subscribe to our newsletter"; or a related box, ``TAIL_TEASERS_SIGNAL``), when
#: together they hold less than ``BOX_SHARE`` of the kept lines' units and at most ``BOX_PARAGRAPHS`` paragraphs of
#: ``BOX_PARAGRAPH_WORDS`` words or more. Survey of grouped CV's outputs (main c205a5d, 2026-12-07): the kept lines
#: after the article's last true line cost 1.2 F1 points on scrapinghub-dev and 1.1 on wcxb-dev-articles; about
#: half of them follow the article with no chrome between (nothing in the structure to see), the rest sit under a
#: gap of chrome. Under a box's heading, what follows is other posts' teasers, a call to action, a newsletter's
#: pitch; the article resumes under an inline "Read more: <title>" (a short line, not final) or after a
#: newsletter box, with paragraphs of its own (an FAQ's answers, footnotes), which the paragraph count keeps.
#: Grouped CV by site with main's fold models (2026-12-07), ``.txt``: F1 scrapinghub-dev 0.9517 -> 0.9534 (P 0.9420 ->
#: 0.9452; 3 pages better, 0 worse), wcxb-dev-articles 0.9353 -> 0.9369 (P 0.9194 -> 0.9230, R 0.9519 -> 0.9512; 28
#: better, 3 worse), wcxb-dev-other 0.6635 -> 0.6639 (P 0.7031 -> 0.7041; 8 better, 1 worse). Without the paragraph
#: count: wcxb-dev-articles 0.9366 (R 0.9499, 9 worse); a quarter instead of a fifth: 0.9365 (5 worse); a whole-line
#: "Share" as a heading too: 0.9373 but scrapinghub-dev 0.9523 and wcxb-dev-other 0.6633 (6 worse); a whole-line
#: navigation line ("FAQ", "Next") too: 0.9372 and 0.6641, within the noise, not taken (an FAQ lies under "FAQ").
BOX_SIGNALS = frozenset({"related", "newsletter"})
BOX_SHARE = 0.2
BOX_PARAGRAPHS = 1
BOX_PARAGRAPH_WORDS = 40
#: What a line :func:`tail_box` drops is decided for (both cores).
TAIL_BOX = "under a related or newsletter box's heading after the article, too little to be its text (other posts, an appeal)"


def is_box_heading(line) -> bool:
    """A box's heading under an article: a related or newsletter line a detector decided for good (a whole line:
    "Related Articles", "Subscribe"; an author's box), or a related box's line (other stories' headlines or
    teasers). An inline "Read more: <title>" is a short line the model weighs, not such a heading."""
    return line.signal == TAIL_TEASERS_SIGNAL or (line.signal in BOX_SIGNALS and line.authority > Authority.SOFT)


def tail_box(lines) -> list[int]:
    """The kept lines under the first gap of chrome holding a box's heading (:func:`is_box_heading`) when all kept
    lines from there on hold less than ``BOX_SHARE`` of the kept units and at most ``BOX_PARAGRAPHS`` paragraphs of
    ``BOX_PARAGRAPH_WORDS`` words or more: what a related list or a newsletter box leaves kept under the article
    (teasers that read as a subheading and its paragraph, a pitch, a site's note), cut off as a whole where
    :func:`tail_island_blocks` peels blocks one by one and stops at the first that chrome does not cut off."""
    soft = Authority.SOFT
    kept = [i for i, line in enumerate(lines) if line.label == BODY]
    if len(kept) < 2:
        return []
    n = len(kept)
    below = [0] * (n + 1)      # the units of the kept lines from k on
    paragraphs = [0] * (n + 1)  # the long paragraphs among them
    for k in range(n - 1, -1, -1):
        f = lines[kept[k]].features
        below[k] = below[k + 1] + f.units
        paragraphs[k] = paragraphs[k + 1] + (1 if is_prose(f) and f.words >= BOX_PARAGRAPH_WORDS else 0)
    total = below[0]
    for k in range(1, n):
        above, first = kept[k - 1], kept[k]
        if first - above > 1 and below[k] < BOX_SHARE * total and paragraphs[k] <= BOX_PARAGRAPHS \
                and any(is_box_heading(lines[j]) for j in range(above + 1, first)):
            return [i for i in kept[k:] if lines[i].authority <= soft]
    return []


#: The lines the Viterbi reads over (:func:`smoothed`), which are neither on the article's text nor off it: an
#: interruption inside the article (``INTERRUPTIONS``: a gallery), and a separator (a rule, a row of stars or dots,
#: a line of an invisible character), which a page prints between an article's sections as often as between the
#: article and its chrome. Read as chrome (the model gives it p ~ 0.01), a few separators between the sections of a
#: long read cost the Viterbi more than leaving the article, and the text under the first one was lost. Grouped CV
#: by site with main's fold models (2026-12-07), ``.txt``: F1 wcxb-dev-articles 0.9302 -> 0.9320 (P 0.9169 ->
#: 0.9175, R 0.9440 -> 0.9469; 5 pages better, 2 worse), wcxb-dev-other 0.6592 -> 0.6594 (6 better, 5 worse),
#: scrapinghub-dev unchanged.
READ_OVER = INTERRUPTIONS | {"separator"}


def smoothed(model, lines) -> list[bool]:
    """The Viterbi's labels (is each line on the article's text?) read over the lines without those that are
    neither on it nor off it (``READ_OVER``): an interruption inside the article (a gallery, whose lines a
    detector condemned for good) or a separator: the text under a gallery or a row of stars goes on from the
    text above it, however long the gallery. Their own decisions stand (the separator's detector's)."""
    kept = [i for i, line in enumerate(lines) if line.signal not in READ_OVER]
    if len(kept) == len(lines):
        return model.smooth([line.score for line in lines])
    labels = [False] * len(lines)
    for i, body in zip(kept, model.smooth([lines[i].score for i in kept])):
        labels[i] = body
    return labels


#: A subheading (:func:`is_subheading`): a run of at most ``HEADING_RUN`` lines right above a paragraph, each of
#: one to ``HEADING_WORDS`` words with no sentence end and no colon, that no detector named.
HEADING_WORDS = 10
HEADING_RUN = 2
#: How a line kept by :func:`headed_lines` is worded after its probability (both cores' reasons).
HEADED = "the text goes on under a subheading"


def is_heading(line) -> bool:
    """A subheading's shape: a few words ("Premises liability", "2. The metadata layer"), no sentence end, no colon
    (a line ending in one introduces a list, and the model reads it), no detector's signal (a "Related" heading, a
    menu's item, a repeated label are the shapes stage's and the phrases')."""
    f = line.features
    return line.signal is None and line.authority <= Authority.SOFT and 1 <= f.words <= HEADING_WORDS \
        and not f.ends_sentence and not f.ends_colon


def is_subheading(lines, i: int) -> bool:
    """Does a run of at most ``HEADING_RUN`` headings (:func:`is_heading`) from line ``i`` stand right above a
    paragraph (prose no detector named)? A section's heading and its subsection's come two in a row."""
    for j in range(i, min(i + HEADING_RUN, len(lines))):
        if not is_heading(lines[j]):
            return False
        if j + 1 < len(lines) and lines[j + 1].signal is None and is_prose(lines[j + 1].features):
            return True
    return False


def _above(read_over: list[bool]):
    """(i, the last line above i that is not read over, or -1) for every line."""
    last = -1
    for i, over in enumerate(read_over):
        yield i, last
        if not over:
            last = i


def headed_lines(model, lines, labels: list[bool]) -> list[int]:
    """The lines under a subheading (:func:`is_subheading`) where the Viterbi left the text although the model reads
    the paragraphs under it as text: the subheading itself, and the run of lines a Viterbi that reads over the
    subheadings (as it reads over ``READ_OVER``) keeps from it on, when the line above the subheading is on the text.
    The model gives a subheading p ~ 0.05 (a few capitalised words, no stopwords), and a long read's sections
    cost the Viterbi more than leaving the article: the text under the first one was lost, or a lone "Conclusion"
    between two paragraphs. Only a continuation of the text counts: the second Viterbi alone may move the article's
    start as well (a header's "Secure websites use HTTPS" over a notice), which it does not decide here; a related
    list's or a comment thread's headings are named by their detectors, and a teaser's title stands under chrome.
    Grouped CV by site with main's fold models (2026-12-07), ``.txt``: F1 wcxb-dev-articles 0.9323 -> 0.9325
    (R 0.9468 -> 0.9474; 4 pages better, 2 worse), wcxb-dev-other 0.6594 -> 0.6597 (8 better, 3 worse),
    scrapinghub-dev unchanged."""
    n = len(lines)
    heads = [is_subheading(lines, i) for i in range(n)]
    read_over = [line.signal in READ_OVER or heads[i] for i, line in enumerate(lines)]
    if not any(heads[i] and not labels[i] and labels[above] for i, above in _above(read_over) if above >= 0):
        return []   # no subheading the Viterbi left under the text: the second Viterbi cannot add a line
    kept = [i for i in range(n) if not read_over[i]]
    second = [False] * n
    for i, body in zip(kept, model.smooth([lines[i].score for i in kept])):
        second[i] = body
    found: list[int] = []
    above = False   # is the last line above, neither read over nor a subheading, on the text?
    i = 0
    while i < n:
        if heads[i] and not labels[i] and above and second[next(k for k in range(i, n) if not heads[k])]:
            run: list[int] = []
            while i < n and (second[i] or read_over[i]):
                run.append(i)
                i += 1
            while not second[run[-1]]:
                run.pop()   # a subheading (or a separator) at the run's end heads no text that goes on
            found.extend(k for k in run if not labels[k] and lines[k].signal not in READ_OVER)
            above = True
            continue
        if not read_over[i]:
            above = labels[i]
        i += 1
    return found


class ContextStage:
    name = "context"

    def __call__(self, doc: Document) -> None:
        model = model_for(doc)
        soft, markup = Authority.SOFT, Authority.MARKUP
        if model is None or not doc.lines or all(line.authority >= markup for line in doc.lines):
            return
        labels = smoothed(model, doc.lines)
        headed = set(headed_lines(model, doc.lines, labels))
        for i in headed:
            labels[i] = True
        bridged = set(bridged_lines(doc.lines, labels, model.threshold))
        listed = set(listed_lines(doc.lines, labels, content_lists(doc.lines, [line.features for line in doc.lines])))
        decide = doc.decide
        for i, (line, body) in enumerate(zip(doc.lines, labels)):
            if line.authority > soft:
                continue  # a detector's final evidence, the markup's or a profile's decision
            if body:
                if line.signal in FINAL_SIGNALS:
                    continue  # chrome no article line is: its detector's verdict stands
                decide(line, BODY, ModelReason(line, True, model, despite=line.signal, headed=i in headed), soft)
            elif i in bridged:
                decide(line, BODY, ModelReason(line, True, model, bridged=True), soft)
            elif i in listed:
                decide(line, BODY, ModelReason(line, True, model, despite=line.signal, listed=True), soft)
            elif line.signal is None:
                decide(line, BOILERPLATE, ModelReason(line, False, model), soft)
            # else: a detector condemned the line, and its own decision stands
        for i in tail_titles(doc.lines):
            doc.condemn(doc.lines[i], TAIL_TITLES, TAIL_TITLES_SIGNAL, soft)
        for block in tail_island_blocks(doc.lines):
            reason = TAIL_END_MATTER if opens_end_matter(doc.lines[block[0]]) else TAIL_ISLANDS
            for i in block:
                decide(doc.lines[i], BOILERPLATE, reason, soft)
        for i in tail_teasers(doc.lines):
            doc.condemn(doc.lines[i], TAIL_TEASERS, TAIL_TEASERS_SIGNAL, soft)
        for i in tail_box(doc.lines):
            decide(doc.lines[i], BOILERPLATE, TAIL_BOX, soft)
