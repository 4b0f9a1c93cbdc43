"""Stage ``shapes``: chrome recognised by its shape, not its words.

Menus are runs of short lines; headline lists repeat a headline followed by a
byline and a timestamp; link rows end or start with separators; navigation
bars are long runs of capitalised words with no sentence in them; photo
credits carry ©, "Photo:" or an agency after a slash. None of these needs to
know the site.
"""

from __future__ import annotations

import re

from ..chunks import count_matches
from ..document import BOILERPLATE, Authority, Document, markup_body
from ..lazy_re import lazy_compile
from ..lexicon import (BYLINE_LIKE, CREDITED_BY_WORD, CREDITED_WORDS, DATELINE_OPENER, GALLERY_COUNTER, GALLERY_HEADING, PROSE_UNITS, TIMESTAMP_LIKE,
                       counter_numbers, has_sentence_mark, is_credit, is_prose, opens_bio, opens_with_name)

#: "Headline words NEW DELHI: The lead sentence…": a teaser, the headline run into its story's dateline.
_TEASER = lazy_compile(r"^(?=[^:]*[a-z])[^:.!?]{15,200}[^\s.!?:]\s+"
                     r"""[A-Z][A-Z.’'\-]+(?:\s[A-Z][A-Z.’'\-]+){0,3}(?:\s\([A-Za-z]{2,10}\))?\s?[:—–]\s+[A-Z"“‘']""")
#: One of these marks is in every line :data:`_TEASER` matches (its ``[:—–]``): a line without any is not matched
#: (the regex's backtracking over a long line was three quarters of the teaser search's time on HTML pages).
_TEASER_MARK = lazy_compile("[:—–]")
_SEPARATOR_ONLY = lazy_compile(r"^[\W_]+$")
#: "jane_doe says:", "Mike wrote:", "Ann said...", "34 responses to “…”": the shape of a comments section.
_COMMENT_AUTHOR = lazy_compile(
    r"^\S.{0,40}\s(?:says|said|wrote|writes|commented|replied|sagt|sagte|schreibt|schrieb|meint|dit|écrit|dice|dijo|"
    r"escribe|escribió|comentó|scrive|detto|scritto|zegt|zei|schreef|diz|disse|escreveu|пишет|написал|написала)"
    r"\s*(?::|\.\.\.|…)?$", re.I)
_COMMENTS_HEADER = lazy_compile(r"^\d+\s+(?:responses?|comments?|replies|thoughts?|reactions?)\s+(?:to|on)\b", re.I)
#: A comment's date: a date with its time of day ("4. Dezember 2023 um 19:12 Uhr", "March 2, 2022 at 8:14 pm"), or
#: an age ("3 days ago", "• a year ago", "hace 2 días", "il y a 3 jours", "vor 2 Tagen", "2 giorni fa").
_COMMENT_STAMP = lazy_compile(
    r"^(?:.*\d{4}.*\d{1,2}(?::|\.|\s?h\s?)\d{2}.*|.*\d{1,2}:\d{2}.*\d{4}.*"
    r"|(?:[•·|–-]\s*)?(?:(?:hace|il y a|vor|há)\s+(?:\d+|una?|un|une|einem|einer)\s+\w+.*"
    r"|(?:\d+|an?|one|un|una|uno)\s+\w+\s+(?:ago|fa|geleden|назад)))$", re.I)
#: The heading of a box about the article's author ("About the author", "Sobre el autor", "Über die Autorin").
_AUTHOR_HEADING = lazy_compile(r"^(?:about the (?:author|writer)|author bio|sobre o autor|sobre el autor|über den autor|"
                               r"über die autorin|à propos de l.auteur|sull.autore|over de auteur|об авторе)\b", re.I)
#: "About Tom Ashworth": "About" and a person's name, two or three capitalised words (the box's bio then opens with
#: that name and a verb: "Tom has been…", "Tom Ashworth is…").
_NAME_WORD = r"[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ’'-]+"
_ABOUT_NAME = lazy_compile(rf"^(?:[Aa]bout|ABOUT|[Üü]ber|[Ss]obre|[Oo]ver) {_NAME_WORD} {_NAME_WORD}(?: {_NAME_WORD})?$")
#: "About Clay", "About SiliconANGLE Media", "Über Acme": "About" and a name of one to four words, the first capitalised
#: (a brand's capitals inside it too): the heading of the box a company prints about itself under an article, whose
#: blurb then opens with that name ("Clay is a design agency…").
_ABOUT_ORG = lazy_compile(r"^(?:[Aa]bout|ABOUT|[Üü]ber|ÜBER|[Ss]obre|SOBRE|[Oo]ver|OVER|[Oo]m|OM) [A-ZÀ-ÖØ-Þ]\S*(?: \S+){0,3}$")
#: "Ann Lee", "By Ann Lee": a line that is a person's name, two to four capitalised words (a bio under it that opens
#: with the name is an author box with no heading).
_NAME_PREFIXES = ("By", "Por", "Von", "Par", "Di", "Door", "Av")
_NAME_LINE = lazy_compile(rf"^(?:(?:{'|'.join(_NAME_PREFIXES)}) )?{_NAME_WORD}(?: {_NAME_WORD}){{1,3}}$")
#: "More articles from Ann Lee", "View all posts by Ann Lee": the author's link that closes an author box
#: (its bio, above, opens with the author's name).
_AUTHOR_LINK = lazy_compile(r"^(?:more (?:(?:articles|posts|stories) (?:from|by)|by)|(?:view |see )?all (?:posts|articles|stories) "
                            r"by|read more (?:from|by)|(?:weitere|alle) (?:artikel|beiträge) von|plus d.articles de|tous les "
                            r"articles de|(?:más|todos los) artículos de|mais artigos de|(?:altri|tutti gli) articoli di|"
                            r"meer artikelen van) \w", re.I)
#: "PUBLISHED: 10:48, Tue, Nov 19, 2019 | UPDATED: 11:05, Tue, Nov 19, 2019", "Veröffentlicht am 14. Juni 2023 von
#: Lena Hartmann", "Geschrieben von Anna Schmidt am 14. Juni 2023": a dateline's opening word (the lexicon's, every
#: language's) or a credit's ("Written by", "Écrit par"), a digit soon after.
_PUBLISHED_UPDATED = lazy_compile(r"^(?:" + DATELINE_OPENER + r"|(?:" + CREDITED_WORDS + r")\s+" + CREDITED_BY_WORD
                                  + r")\b.{0,60}\d", re.I)
#: "Posted by Jane at 7:42 PM", "Posted by: John at December 18, 2025 05:48 PM", "Eingestellt von Jane um 19:42": a
#: blog post's (or a comment's) footer (Blogger's and its likes'),
#: the author and the time under the post, often followed by its labels, "No comments:" and a row of share links.
#: Under the article's prose (:meth:`ShapesStage.__call__`) it is the post's end matter, final (a line of the
#: article never has this form); above it, the reader's dateline keeps its soft verdict. On the dev pages
#: (2026-12-07) it fires on one page's 7 post and comment footers, none of them in the truth (6 were kept before).
_POST_FOOTER = lazy_compile(r"^(?:posted by|publicado por|eingestellt von|publié par|pubblicato da|postado por|"
                            r"geplaatst door):?\s+\S.{0,40}?\s+(?:at|a las|um|à|alle|às|om)\s+"
                            r"(?:(?:\w+\.? \d{1,2}|\d{1,2}\.? \w+\.?),? \d{4},?\s+)?\d{1,2}[:.h]\d{2}"
                            r"(?:\s*(?:[ap]\.?m\.?|uhr))?$", re.I)
#: A post's footer is at most this many words.
POST_FOOTER_WORDS = 16
#: "1 of 4 A shopper looks at …": a gallery caption.
_GALLERY_CAPTION = lazy_compile(r"^\d{1,3} of \d{1,3}\s+\S")
#: The signals of a gallery item's credit: a photo's credit, a copyright notice ("© Photo …").
GALLERY_CREDITS = ("credit", "copyright")
_URL_ONLY = lazy_compile(r"^(?:https?://|www\.)\S+$|^/\S*/\S*$")
_NUMBER_ONLY = lazy_compile(r"^[\d\s.,:%+\-–/()×x]+$")
_ISO_TIMESTAMP = lazy_compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2})?(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?$")
#: "Week 12 power rankings (133)", "November 2019 (14)": a link with its count.
_COUNT_SUFFIX = lazy_compile(r"\(\d[\d,.]*\)$")
_DANGLING = lazy_compile(r"(?:\s[-–—|»›>•·]|[»›•·|])$")
_LEADING_LINK = lazy_compile(r"^[»›•·|→>]\s")
_PIPES = lazy_compile(r"\s[|•·]\s")


#: What each detector says of a line it condemns: (signal, reason), by the detector's name. One table for
#: both cores: the native core reports a line's detector by these names (:mod:`cleaner.native.path`).
VERDICTS: dict[str, tuple[str, str]] = {
    "separator": ("separator", "separator"),
    "link_row_edge": ("link row", "link row (separator at the edge)"),
    "link_row_items": ("link row", "link row (separated items)"),
    "credit": ("credit", "photo credit"),
    "comment_header": ("comments", "comment header (author says:, N responses to)"),
    "counter": ("counters", "link with a count"),
    "dateline": ("dateline", "date or time on its own line"),
    "post_footer": ("dateline", "post footer (Posted by NAME at TIME, under the text)"),
    "gallery": ("credit", "gallery caption (n of m)"),
    "url": ("url", "a bare address"),
    "number": ("number", "a bare number"),
    "repeated": ("repeated", "repeated line"),
    "navigation_bar": ("navigation bar", "navigation bar (capitalised words, no sentence)"),
    "headline_run": ("headline run", "run of headlines (no sentence punctuation)"),
    "caption_echo": ("credit", "photo caption (repeated with its credit)"),
    "headline_list": ("headline list", "headline list (headline, byline, timestamp repeated)"),
    "teaser_list": ("headline list", "teaser list (headline, dateline and lead, repeated)"),
    "related_box": ("related box", "related box (headlines under a related heading)"),
    "menu": ("menu", "menu (run of short lines)"),
    "comment_thread": ("comments", "comment thread under the article (name, date, text, repeated)"),
    "author_box": ("related", "author box (about the author, a bio)"),
    "name_bio": ("related", "author box (a name, a bio that opens with it, where the article ends)"),
    "about_box": ("related", "company box (About Acme, a blurb that opens with its name, where the article ends)"),
    "teaser_section": ("related box", "teasers after the article (headline and summary, repeated, under a related heading)"),
    "gallery_items": ("gallery", "gallery (caption and credit items)"),
    "testimonials": ("related", "testimonials after the article (a quote and a person's name, repeated)"),
}


def _condemn(doc: Document, line, detector: str, authority: Authority = Authority.SOFT) -> None:
    """Condemn ``line`` with a detector's verdict (:data:`VERDICTS`)."""
    signal, reason = VERDICTS[detector]
    doc.condemn(line, reason, signal, authority)


def _condemn_span(doc: Document, start: int, end: int, detector: str, spare_markup: bool) -> None:
    """Condemn lines ``start`` to ``end`` (both included) with a detector's verdict at ``HARD`` authority (a line's
    own, where it is higher); with ``spare_markup``, a line the markup decided (``MARKUP`` or above) is left alone."""
    signal, reason = VERDICTS[detector]
    for line in doc.lines[start:end + 1]:
        if not spare_markup or line.authority < Authority.MARKUP:
            doc.condemn(line, reason, signal, max(line.authority, Authority.HARD))


class ShapesStage:
    name = "shapes"

    #: A menu is at least this many consecutive short lines.
    menu_run = 3
    #: Lines up to this many words, with no sentence end, count as "short" in a menu.
    menu_words = 4

    def __call__(self, doc: Document) -> None:
        lines = doc.lines
        char_mode = doc.char_mode
        counts: dict[str, int] = {}
        for line in lines:
            counts[line.text] = counts.get(line.text, 0) + 1
        markup = Authority.MARKUP
        prose_seen = False   # a line of prose above that no earlier stage condemned?
        for i, line in enumerate(lines):
            prose_above = prose_seen
            if line.label != BOILERPLATE and is_prose(line.features):
                prose_seen = True
            if line.authority >= markup or line.label == BOILERPLATE:
                continue
            if prose_above and line.features.words <= POST_FOOTER_WORDS and _POST_FOOTER.match(line.text):
                _condemn(doc, line, "post_footer", Authority.HARD)
                continue
            found = self._single(line, counts, char_mode)
            if found is None and i + 1 < len(lines):
                found = self._caption_echo(line, lines[i + 1])
            if found:
                signal, reason = found
                doc.condemn(line, reason, signal, Authority.HARD if signal == "separator" else Authority.SOFT)
        self._galleries(doc)
        self._headline_lists(doc)
        self._teaser_lists(doc)
        self._related_boxes(doc)
        self._comment_threads(doc)
        self._author_boxes(doc)
        self._name_bios(doc)
        self._about_boxes(doc)
        self._teaser_sections(doc)
        self._testimonials(doc)
        self._menus(doc)
        self._posts(doc)

    @staticmethod
    def _single(line, counts: dict[str, int], char_mode: bool) -> tuple[str, str] | None:
        """(signal, reason) when the line alone has the shape of chrome."""
        text = line.text
        f = line.features
        if _SEPARATOR_ONLY.match(text):
            return VERDICTS["separator"]
        if f.words <= 25 and (_DANGLING.search(text) or _LEADING_LINK.match(text)) and not f.ends_sentence:
            return VERDICTS["link_row_edge"]
        if count_matches(_PIPES, text) >= 2 and not f.ends_sentence:
            return VERDICTS["link_row_items"]
        if is_credit(text, f.words):
            return VERDICTS["credit"]
        if f.words <= 8 and (_COMMENT_AUTHOR.match(text) or _COMMENTS_HEADER.match(text)):
            return VERDICTS["comment_header"]
        if f.words <= 15 and not f.ends_sentence and _COUNT_SUFFIX.search(text):
            return VERDICTS["counter"]
        if f.words <= 10 and (TIMESTAMP_LIKE.match(text) or _ISO_TIMESTAMP.match(text)) or \
                f.words <= 16 and _PUBLISHED_UPDATED.match(text):
            return VERDICTS["dateline"]
        if _GALLERY_CAPTION.match(text):
            return VERDICTS["gallery"]
        if f.words == 1 and _URL_ONLY.match(text):
            return VERDICTS["url"]
        if f.words <= 6 and _NUMBER_ONLY.match(text):
            return VERDICTS["number"]
        if counts[text] > 1 and f.units <= 12:
            return VERDICTS["repeated"]
        if not char_mode and f.words >= 8 and f.sentences == 0 and not f.ends_colon:
            if f.title_ratio >= 0.75 and f.stop_ratio < 0.25:
                return VERDICTS["navigation_bar"]
            if f.words >= 20 and not has_sentence_mark(text):
                return VERDICTS["headline_run"]
        return None

    @staticmethod
    def _caption_echo(line, following) -> tuple[str, str] | None:
        """A caption printed twice: once bare, once with its credit after it."""
        nxt = following.text
        if len(nxt) > len(line.text) and nxt.startswith(line.text) and is_credit(nxt, following.features.words):
            return VERDICTS["caption_echo"]
        return None

    #: A gallery is at least this many items; an item is a photo's credit or a slide's counter ("3/24") and at most
    #: ``gallery_caption_lines`` captions, each at most ``gallery_caption_units`` units and two sentences long. Without
    #: counters every item has exactly one caption (a listicle's heading, credit and description are three lines).
    gallery_items = 3
    gallery_caption_lines = 2
    gallery_caption_units = 30
    #: The first item's caption, above a gallery of credits, is at most this many times as long as the others.
    gallery_caption_growth = 2
    #: A gallery's heading ("EN IMAGES", "Diaporama : …") is at most this many words, and this many lines above it.
    gallery_heading_words = 15
    gallery_heading_lines = 2

    def _galleries(self, doc: Document) -> None:
        """A gallery (a slide show) inside an article: items of short captions with a photo's credit ("© Photo
        Progrès/Maxime Jegat", "Foto: dpa") or a slide's counter ("3/24", "Bild 3 von 12"), at least three in a
        row, and the heading just over them ("EN IMAGES", "In pictures"). What it shows is the photos, not the
        text: its lines are condemned for good, as what they are about (``FINAL_SIGNALS``), and the gallery is an
        interruption of the article (``INTERRUPTIONS``), not its end: a photo credit's copyright sign under each
        item made the text model read the page's closing chrome there, and the article's paragraphs under the
        gallery went with it.

        The items must repeat: counters that count up by one to the same total, or else credits each one caption
        apart. A caption is above its credit (under it where the dump's blank lines open each item with its
        credit, or where the line under the last credit repeats a caption) and under its counter, so the first
        item's caption above a credit that opens the run (not a line over twice as long as the captions: the
        article's), or the last item's under the credit or the counter that ends it, join it."""
        lines = doc.lines
        n = len(lines)
        marks = [self._gallery_mark(line) for line in lines]
        i = 0
        while i < n:
            if marks[i] is None:
                i += 1
                continue
            run = [i]
            while True:
                k = run[-1] + 1
                while k < n and marks[k] is None and k - run[-1] <= self.gallery_caption_lines and \
                        self._gallery_caption(lines[k]):
                    k += 1
                if k < n and marks[k] is not None and k - run[-1] - 1 <= self.gallery_caption_lines:
                    run.append(k)
                    continue
                break
            span = self._gallery_span(lines, marks, run)
            if span is None:
                i = run[-1] + 1
                continue
            start, end = span
            _condemn_span(doc, start, end, "gallery_items", spare_markup=True)
            i = end + 1

    def _gallery_mark(self, line) -> str | None:
        """"counter" for a slide's counter ("3/24", "1 of 4 A shopper looks at …"), "credit" for a line a detector
        named a photo's credit or a copyright notice ("Foto: dpa", "© Photo Progrès/Maxime Jegat": the signal the
        phrases and the shapes above gave it, not a second search of every line), else None (a profile's or the
        markup's decision is no gallery's)."""
        if line.authority >= Authority.MARKUP:
            return None
        text = line.text
        # (a counter's number opens a word: a line with no such word is searched for none)
        if line.features.digit_ratio and (GALLERY_COUNTER.match(text) or _GALLERY_CAPTION.match(text)):
            return "counter"
        return "credit" if line.signal in GALLERY_CREDITS else None

    def _gallery_caption(self, line) -> bool:
        """A caption's shape: a short line of two sentences at most."""
        f = line.features
        return line.authority < Authority.MARKUP and f.units <= self.gallery_caption_units and f.sentences <= 2

    @staticmethod
    def _credit_opens_items(lines, run: list[int]) -> bool:
        """Does each item of a gallery of credits (``run``, each one caption apart) open with its credit, its
        caption under it? Where the dump's blank lines say so: more of them stand above the credits than above
        the captions ("Image Copyright @ann", "Report", a blank line, the next). Else a caption is above its
        credit, as a photo's caption mostly is."""
        above_credits = sum(lines[k].blank_before for k in run[1:])
        above_captions = sum(lines[k + 1].blank_before for k in run[:-1])
        return above_credits > above_captions

    def _gallery_span(self, lines, marks: list[str | None], run: list[int]) -> tuple[int, int] | None:
        """The first and last line of the gallery whose items' marks are ``run``, its heading and the first and
        last items' captions included; None when the marks are no gallery's."""
        counters = [k for k in run if marks[k] == "counter"]
        if counters:
            numbers = [counter_numbers(lines[k].text) for k in counters]
            if len(counters) < self.gallery_items or any(
                    number is None or number[0] > number[1] for number in numbers) or any(
                    b[0] != a[0] + 1 or b[1] != a[1] for a, b in zip(numbers, numbers[1:])):
                return None
        elif len(run) < self.gallery_items or any(b - a != 2 for a, b in zip(run, run[1:])):
            return None
        start, end = run[0], run[-1]
        inside = [lines[k] for k in range(start, end + 1) if marks[k] is None]  # the items' captions
        under = lines[end + 1] if end + 1 < len(lines) else None
        if not counters and (self._credit_opens_items(lines, run) or
                             under is not None and any(under.text == caption.text for caption in inside)):
            if under is not None and marks[end + 1] is None and self._gallery_caption(under):
                end += 1  # the last item's caption, under its credit (or the captions' own words again)
        elif marks[start] == "credit":
            longest = max((caption.features.units for caption in inside), default=0)
            for _ in range(run[1] - run[0] - 1):  # the first item's captions, as many as the second's
                above = lines[start - 1] if start else None
                if above is None or marks[start - 1] is not None or not self._gallery_caption(above) or \
                        above.features.units > self.gallery_caption_growth * longest:
                    break  # (a line twice as long as the captions is the article's)
                start -= 1
        if marks[end] == "counter":
            for _ in range(run[-1] - run[-2] - 1):  # the last item's captions, as many as the one before's
                if end + 1 >= len(lines) or marks[end + 1] is not None or not self._gallery_caption(lines[end + 1]):
                    break
                end += 1
        for _ in range(self.gallery_heading_lines):
            above = lines[start - 1] if start else None
            if above is None or above.authority >= Authority.MARKUP or above.features.words > self.gallery_heading_words \
                    or above.features.ends_sentence or not GALLERY_HEADING.match(above.text):
                break
            start -= 1
        return start, end

    @staticmethod
    def _headline_lists(doc: Document) -> None:
        """Headline + byline + timestamp, repeated: a list of other articles.

        An item is a run of byline/timestamp lines with the headline just above
        it; three or more items next to each other (a stray line between them
        allowed, such as a headline printed without its byline) make a list.
        The article's own title, byline and dateline form one item too, but the
        prose under it keeps it out of any chain.
        """
        lines = doc.lines
        n = len(lines)
        meta = _matched(doc, _META_LINE, [line.features.words <= 8 for line in lines])
        items: list[tuple[int, int]] = []  # (headline index, last meta index)
        i = 0
        while i < n:
            if not meta[i]:
                i += 1
                continue
            j = i
            while j + 1 < n and meta[j + 1]:
                j += 1
            headline = i - 1
            if headline >= 0 and not meta[headline] and not is_prose(lines[headline].features):
                items.append((headline, j))
            i = j + 1
        chain: list[tuple[int, int]] = []
        for item in items + [(n + 10, n + 10)]:
            if chain and item[0] - chain[-1][1] <= 2 and not any(
                    is_prose(lines[k].features) for k in range(chain[-1][1] + 1, item[0])):
                chain.append(item)
                continue
            if len(chain) >= 3:
                for line in lines[chain[0][0]:chain[-1][1] + 1]:
                    if line.authority < Authority.MARKUP and not is_prose(line.features):
                        # The list names the line better; a line a detector condemned for good stays final.
                        _condemn(doc, line, "headline_list", max(line.authority, Authority.SOFT))
            chain = [item]

    #: A teaser list is at least this many teasers, each within ``teaser_gap`` lines of the last.
    teaser_run = 3
    teaser_gap = 2

    def _teaser_lists(self, doc: Document) -> None:
        """Other stories as headline + dateline + lead, one per line, several in a row.

        One such line may be the article's own lead printed under its headline;
        three close together are a carousel of other stories.
        """
        lines = doc.lines
        hits = [i for i, line in enumerate(lines)
                if _below_markup_or_its_body(line) and line.features.words >= 8 and _TEASER_MARK.search(line.text)
                and _TEASER.match(line.text)]
        run: list[int] = []
        for i in hits + [len(lines) + self.teaser_gap + 1]:
            if run and i - run[-1] <= self.teaser_gap:
                run.append(i)
                continue
            if len(run) >= self.teaser_run:
                # The carousel's other items too: between two teasers, a line of that length is one
                # whose dateline the site cut short ("… WAS"), not the article.
                teasers = set(run)   # a set: a huge dump's carousel may span thousands of lines
                members = [k for k in range(run[0], run[-1] + 1) if k in teasers or (
                    lines[k].features.words >= 8 and _below_markup_or_its_body(lines[k]))]
                for k in members:
                    _condemn(doc, lines[k], "teaser_list", Authority.HARD)
            run = [i]

    @staticmethod
    def _related_boxes(doc: Document) -> None:
        """A "Related" / "Read more" heading and the headline links under it, up to the next prose. A line that
        goes on after its colon ("Related post: Pickled Pears") is one such link, not a box's heading."""
        lines = doc.lines
        for i, line in enumerate(lines):
            if line.signal != "related" or line.features.words > 6 or line.features.ends_sentence or \
                    _goes_on_after_colon(line.text):
                continue
            followers = []
            for follower in lines[i + 1:i + 9]:
                f = follower.features
                if follower.authority >= Authority.MARKUP or f.ends_sentence or f.ends_colon or f.words > 20 or \
                        f.words < 4 or follower.text[0].isdigit() or follower.signal not in (None, "related", "repeated"):
                    break
                followers.append(follower)
            if not followers:
                continue
            # The heading keeps its own reason (a phrase's); the headlines under it make it final.
            signal, _ = VERDICTS["related_box"]
            line.signal = signal
            line.authority = max(line.authority, Authority.HARD)
            for follower in followers:
                _condemn(doc, follower, "related_box", Authority.HARD)

    #: A thread is at least this many comments, each header within ``thread_gap`` lines of the last.
    thread_run = 3
    thread_gap = 15
    #: A comment's date line is at most this many words and characters (its pattern, two ".*" around a date,
    #: then reads a short line only: on a long one Python's backtracking would take quadratic time).
    stamp_words = 12
    stamp_chars = 80
    #: A comments heading ("41 Comments", "Leave a reply") stands at most this many lines above the first comment.
    thread_heading_gap = 3
    #: Words of prose above a thread that make it the comments under an article, not a forum's posts.
    thread_article_words = 25

    def _comment_threads(self, doc: Document) -> None:
        """Readers' comments under an article: a header (a name, "Name says:", and the comment's date and
        time or age), the comment's text, repeated.

        Under an article the thread is the readers' talk, however long its prose runs, so it is condemned for
        good; a forum page's posts have the same shape but no comments heading and no article above them.
        """
        lines = doc.lines
        short = [line.features.words <= self.stamp_words and not line.features.ends_sentence
                 and len(line.text) <= self.stamp_chars for line in lines]
        stamps = _matched(doc, _STAMP_LINE, short)
        says = _matched(doc, _SAYS_LINE, [line.features.words <= 8 for line in lines])
        headers = _comment_headers(lines, stamps, says)
        run: list[int] = []
        for h in headers + [len(lines) + self.thread_gap + 1]:
            if run and h == run[-1] + 1:
                run[-1] = h  # a comment's date under its text, then the next one's "Name said...": one header
                continue
            if run and h - run[-1] <= self.thread_gap and any(
                    lines[k].features.words >= 3 and not stamps[k] for k in range(run[-1] + 1, h)):
                run.append(h)  # a comment's text between the two headers
                continue
            if len(run) >= self.thread_run:
                self._condemn_thread(doc, run)
            run = [h]

    def _condemn_thread(self, doc: Document, run: list[int]) -> None:
        """Condemn a thread's lines (its last comment as long as its longest) when it is an article's comments:
        a comments heading above it (:meth:`_thread_start`), and prose above that."""
        lines = doc.lines
        longest = max(b - a for a, b in zip(run, run[1:]))
        end = min(len(lines), run[-1] + longest)
        start = self._thread_start(lines, run, longest, end)
        if start is None:
            return
        above = sum(line.features.words for line in lines[:start]
                    if line.label != BOILERPLATE and is_prose(line.features))
        if above < self.thread_article_words:
            return
        _condemn_span(doc, start, end - 1, "comment_thread", spare_markup=True)

    def _thread_start(self, lines, run: list[int], longest: int, end: int) -> int | None:
        """Where the thread of headers ``run`` starts: under its comments heading, just above the first header; or,
        where each comment's date closes it ("Posted by: Ann at May 5, 2025 10:12 AM" under its text), above the
        first date, at most the longest comment away. None without a heading. (A heading between the first two
        dates is left alone: a forum's "76 Replies" under its first post has the same shape as a blog's
        "Comments" under the post's own date.)
        Not a "Reply" button, which every post of a forum repeats (a heading's text is not among the thread's own
        lines), nor a quoted post's "Name wrote:"."""
        first = run[0]
        inside = {line.text for line in lines[first:end]}
        reach = max(longest, self.thread_heading_gap)
        return next((k + 1 for k in range(first - 1, max(-1, first - 1 - reach), -1)
                     if lines[k].signal == "comments" and lines[k].text not in inside
                     and not _COMMENT_AUTHOR.match(lines[k].text)), None)

    #: An author box's bio is at most this many lines under its heading (the name and a role may come first).
    author_box_lines = 3
    #: An author's link ("View all posts by Ann Lee, MS, RD") has at most this many words.
    author_link_words = 10

    def _author_boxes(self, doc: Document) -> None:
        """"About the author" (or "About Ann Lee", whose bio then opens with "Ann"), a name, a bio: the box
        themes print after an article. Its bio is prose, so the model reads it as the article going on."""
        lines = doc.lines
        for i, line in enumerate(lines):
            f = line.features
            if f.words > self.author_link_words or f.ends_sentence or line.authority >= Authority.MARKUP:
                continue
            if _AUTHOR_LINK.match(line.text):
                start = self._author_link_box(lines, i)
                if start is not None:
                    _condemn_span(doc, start, i, "author_box", spare_markup=False)
                continue
            if f.words > 6:
                continue
            if _AUTHOR_HEADING.match(line.text):
                names: tuple[str, ...] = ()
            elif _ABOUT_NAME.match(line.text):
                words = line.text.split(" ")[1:]
                names = (" ".join(words), words[0])
            else:
                continue
            bio = self._author_bio(lines, i, names)
            if bio is not None:
                _condemn_span(doc, i, bio, "author_box", spare_markup=False)

    def _name_bios(self, doc: Document) -> None:
        """A name ("Ann Lee", "By Ann Lee"), perhaps a role ("Staff Writer"), then a bio that opens with the name
        ("Ann Lee is a reporter…", "Ann has covered…") and the lines after it that open with it too: the author box
        of a theme that prints no heading over it. Boxes one under the other, with no other prose between them
        (two authors, "Email Ann" under each), are judged as one. Only where the article has ended (more prose
        above the boxes than in them, no more below them than in them): a profile's section on a person has the
        article going on under it, and a list of people's profiles is the article itself."""
        lines = doc.lines
        n = len(lines)
        prose = _prose_before(lines)
        for boxes in self._chains(self._name_bio_boxes(lines), prose):
            start, end = boxes[0][0], boxes[-1][1]
            own = sum(prose[last + 1] - prose[name + 1] for name, last in boxes)
            if prose[start] < own or prose[n] - prose[end + 1] > max(own, prose[start] // 4):
                continue
            _condemn_span(doc, start, end, "name_bio", spare_markup=False)

    def _about_boxes(self, doc: Document) -> None:
        """"About Clay", then a blurb that opens with the name ("Clay is a design agency in…") and the prose lines
        under it that name it too: the box a company (or a press release's sender) prints about itself under each
        article. Its blurb is prose, so the model reads it as the article going on. Only where the article has
        ended, as a name's bio (:meth:`_name_bios`): a section of the article on a place or a product ("About
        Kyoto", "Kyoto is…") has the article going on under it."""
        lines = doc.lines
        n = len(lines)
        prose = _prose_before(lines)
        for i, line in enumerate(lines):
            f = line.features
            if f.words > 5 or f.ends_sentence or line.authority > Authority.SOFT or not _ABOUT_ORG.match(line.text):
                continue
            name = " ".join(line.text.split(" ")[1:])
            bio = self._author_bio(lines, i, (name,))
            if bio is None or lines[bio].authority > Authority.SOFT:
                continue
            end = bio
            while end + 1 < n and is_prose(lines[end + 1].features) and lines[end + 1].authority <= Authority.SOFT and \
                    name in lines[end + 1].text:
                end += 1
            own = prose[end + 1] - prose[i + 1]
            if prose[i] < own or prose[n] - prose[end + 1] > max(own, prose[i] // 4):
                continue
            _condemn_span(doc, i, end, "about_box", spare_markup=False)

    def _name_bio_boxes(self, lines) -> list[tuple[int, int]]:
        """Each name line with its bio under it (:meth:`_name_bios`), in order: (the name line, the bio's last
        line)."""
        n = len(lines)
        boxes: list[tuple[int, int]] = []
        for i, line in enumerate(lines):
            f = line.features
            if boxes and i <= boxes[-1][1]:
                continue
            if f.words > 5 or f.ends_sentence or line.authority > Authority.SOFT or not _NAME_LINE.match(line.text):
                continue
            words = line.text.split(" ")
            if words[0] in _NAME_PREFIXES:
                words = words[1:]
            names = (" ".join(words), words[0])
            bio = self._author_bio(lines, i, names)
            if bio is None or lines[bio].authority > Authority.SOFT or not opens_bio(lines[bio].text, names):
                continue
            end = bio
            while end + 1 < n and is_prose(lines[end + 1].features) and lines[end + 1].authority <= Authority.SOFT and \
                    any(opens_with_name(lines[end + 1].text, name) for name in names):
                end += 1
            boxes.append((i, end))
        return boxes

    def _chains(self, boxes: list[tuple[int, int]], prose: list[int]) -> list[list[tuple[int, int]]]:
        """The boxes grouped where one follows another within ``author_box_lines`` lines and no prose between."""
        chains: list[list[tuple[int, int]]] = []
        for box in boxes:
            if chains:
                last = chains[-1][-1][1]
                if box[0] <= last + 1 + self.author_box_lines and prose[box[0]] == prose[last + 1]:
                    chains[-1].append(box)
                    continue
            chains.append([box])
        return chains

    def _author_link_box(self, lines, link: int) -> int | None:
        """Where the box closed by an author's link ("More articles from Ann Lee") starts: the first prose line
        within a few above it, when it opens with a capitalised word of the link ("Ann joined…"), or the name
        line just above that bio ("Ann Lee"). None when no such bio is there."""
        named = set(lines[link].text.split(" ")[1:])
        for k in range(link - 1, max(-1, link - 1 - self.author_box_lines), -1):
            member = lines[k]
            if member.authority >= Authority.MARKUP:
                return None
            if is_prose(member.features):
                first = member.text.split(" ", 1)[0]
                if not (first[:1].isupper() and first in named):
                    return None
                above = lines[k - 1].text.split(" ") if k else []
                return k - 1 if 0 < len(above) <= 4 and lines[k - 1].authority < Authority.MARKUP and \
                    all(word in named for word in above) else k
        return None

    def _author_bio(self, lines, heading: int, names: tuple[str, ...]) -> int | None:
        """The index of the bio under an author heading: the first prose line within a few; when the heading
        named the author (``names``: the full name, the first name), one that opens with a name and a word in
        lower case. None when there is none."""
        for k in range(heading + 1, min(len(lines), heading + 1 + self.author_box_lines)):
            member = lines[k]
            if member.authority >= Authority.MARKUP:
                return None
            if is_prose(member.features):
                return k if not names or any(opens_with_name(member.text, name) for name in names) else None
        return None

    #: A teaser section is at least this many items under its heading; an item is at most ``teaser_head_lines``
    #: short lines (a headline, its category, byline, date, "Read more"), then one summary.
    teaser_section_items = 2
    teaser_head_lines = 4
    #: A headline is at most this many units; a summary at most ``teaser_summary_units`` and as many sentences
    #: as ``teaser_summary_sentences`` (a teaser's lead is a sentence or two, not an article's paragraph).
    teaser_head_units = 20
    teaser_summary_units = 60
    teaser_summary_sentences = 3

    def _teaser_sections(self, doc: Document) -> None:
        """Where the article has ended: a related heading ("More from …", "You might also like", "Read more")
        over other articles, each a headline (with its byline or date) and a one-paragraph summary. The
        summaries are prose, so the model reads them as the article going on; a related box's own rule
        (:meth:`_related_boxes`) stops at the first of them.

        Only a section that ends the text: the prose above its heading outweighs its summaries, and the prose
        under it does not (a "Read also" box inside a long read has the article's paragraphs under it). An
        item's summary followed by more prose is a section of the article, not a teaser, and ends the run; a
        heading printed again under the items ("Read more" after each) is a list's button, not a heading."""
        lines = doc.lines
        n = len(lines)
        headings = ("related", VERDICTS["related_box"][0])
        prose = _prose_before(lines)
        i = 0
        while i < n:
            line = lines[i]
            f = line.features
            if line.signal not in headings or f.words > 6 or f.ends_sentence or _goes_on_after_colon(line.text):
                i += 1
                continue
            summaries = self._teaser_items(lines, i)
            own = sum(lines[k].features.units for k in summaries)
            if len(summaries) < self.teaser_section_items or prose[i] < own or prose[n] - prose[summaries[-1] + 1] > own:
                i += 1
                continue
            end = summaries[-1]
            if any(member.text == line.text for member in lines[i + 1:end + 1]):
                i += 1  # a "Read more" under each item: a button of a list (the article's own, perhaps), no heading
                continue
            signal, _ = VERDICTS["teaser_section"]
            line.signal = signal  # the heading keeps its own reason, made final
            line.authority = max(line.authority, Authority.HARD)
            _condemn_span(doc, i + 1, end, "teaser_section", spare_markup=True)
            i = end + 1

    def _teaser_items(self, lines, heading: int) -> list[int]:
        """The summaries' indices of the teasers under ``heading``, in a row: each after one to
        ``teaser_head_lines`` short lines, one of them of three units or more (the headline)."""
        n = len(lines)
        summaries: list[int] = []
        k = heading + 1
        while True:
            j, worded = k, False
            while j < n and j - k < self.teaser_head_lines and self._teaser_head(lines[j]):
                worded = worded or lines[j].features.units >= 3
                j += 1
            if j == k or not worded or j >= n or not self._teaser_summary(lines[j]):
                return summaries
            if j + 1 < n and is_prose(lines[j + 1].features) and not self._teaser_head(lines[j + 1]):
                return summaries  # a paragraph goes on under it: the article's own section
            summaries.append(j)
            k = j + 1

    def _teaser_head(self, line) -> bool:
        """A teaser's short line: a headline (a question too), a byline, a date; no prose, no colon at its end."""
        f = line.features
        return line.authority < Authority.MARKUP and f.units <= self.teaser_head_units and not f.ends_colon and (
            not f.ends_sentence or f.units < PROSE_UNITS or line.text.endswith("?"))

    def _teaser_summary(self, line) -> bool:
        """A teaser's summary: prose of a sentence or a few, not a question (that is a headline)."""
        f = line.features
        return line.authority < Authority.MARKUP and is_prose(f) and f.units <= self.teaser_summary_units and \
            f.sentences <= self.teaser_summary_sentences and not line.text.endswith("?")

    #: A testimonial carousel is at least this many items in a row, each one to ``testimonial_quote_lines`` lines
    #: of a customer's words (at least ``testimonial_quote_words`` words each) over a line that is a person's name
    #: (:meth:`_author_line`).
    testimonial_items = 4
    testimonial_quote_lines = 2
    testimonial_quote_words = 3
    #: A run of at least this many of the carousel's names alone next to it is its dots (each quote's author again).
    testimonial_dots = 3
    #: At least one in this many of a carousel's names has a person's mark: an initial or a handle.
    testimonial_marked = 3
    #: Prose units above a carousel that make it the testimonials under an article (its quotes, the carousel
    #: printed twice, may outweigh the article: the names' initials tell them from a page of quotes).
    testimonial_article_units = 100

    def _testimonials(self, doc: Document) -> None:
        """Where the article has ended: a carousel of testimonials or reviews, each a quote ("Great doctors and
        staff…") and its author's name on the line under it ("Mallory R."), repeated, and often the names alone
        in a row next to it (the carousel's dots). The quotes are prose, so the model reads them as the article
        going on.

        Only a carousel's: the names alone in a row (``testimonial_dots``) next to it, or a quote of it printed
        twice (the carousel's copies); a page's own list of reviews has neither. Only one that ends the text: an article's prose above it (:attr:`testimonial_article_units`), and
        less prose under it than in its quotes. Some of the names carry a person's mark (``testimonial_marked``: an
        initial, a handle): a list of quotes that is the article names its authors in full ("Albert Einstein"), and
        a section's one-word headings over their paragraphs have the same alternation but read the other way
        round, and carry none."""
        lines = doc.lines
        n = len(lines)
        names = [self._author_line(line) for line in lines]
        counts: dict[str, int] = {}
        for line in lines:
            counts[line.text] = counts.get(line.text, 0) + 1
        prose = _prose_before(lines)
        i = 0
        while i < n:
            if not names[i]:
                i += 1
                continue
            top = self._quote_above(lines, names, i)
            if top == i:
                i += 1
                continue
            run = [i]
            while True:
                k = run[-1] + 1
                while k < n and not names[k] and k - run[-1] <= self.testimonial_quote_lines and self._quote(lines[k]):
                    k += 1
                if k < n and names[k] and k - run[-1] >= 2:
                    run.append(k)
                    continue
                break
            end = run[-1]
            if len(run) > 1:  # the first item's quote as long as the second's, at most (not the article's last line)
                top = max(top, run[0] - (run[1] - run[0] - 1))
            own = prose[end + 1] - prose[top]
            if len(run) < self.testimonial_items or self.testimonial_marked * sum(names[k] == 2 for k in run) < len(run) or \
                    prose[top] < self.testimonial_article_units or prose[n] - prose[end + 1] > own:
                i = end + 1
                continue
            authors = {lines[k].text for k in run}
            start = top
            while start and lines[start - 1].text in authors and names[start - 1]:
                start -= 1
            if top - start < self.testimonial_dots:
                start = top
            close = end
            while close + 1 < n and lines[close + 1].text in authors and names[close + 1]:
                close += 1
            if close - end < self.testimonial_dots:
                close = end
            if start == top and close == end and not any(counts[lines[k].text] > 1 and is_prose(lines[k].features)
                                                         for k in range(top, end + 1) if not names[k]):
                i = end + 1  # no carousel's mark: a page's own list of reviews, perhaps
                continue
            _condemn_span(doc, start, close, "testimonials", spare_markup=True)
            i = close + 1

    @staticmethod
    def _author_line(line) -> int:
        """:func:`_person_name` of a line the markup did not decide, no colon at its end; 0 for a name's shape
        with no person's mark that has a stopword ("Our Team": "A. Rae V." is an initial, not a stopword)."""
        if line.authority >= Authority.MARKUP or line.features.ends_colon:
            return 0
        name = _person_name(line.text)
        return 0 if name == 1 and line.features.stops else name

    def _quote(self, line) -> bool:
        """A line of a testimonial's quote: a customer's words, not the markup's decision."""
        return line.authority < Authority.MARKUP and line.features.words >= self.testimonial_quote_words

    def _quote_above(self, lines, names: list[int], i: int) -> int:
        """The first line of the quote over the name at ``i`` (``i`` itself when there is none)."""
        top = i
        while top and i - top < self.testimonial_quote_lines and not names[top - 1] and self._quote(lines[top - 1]):
            top -= 1
        return top

    def _menus(self, doc: Document) -> None:
        """Runs of short lines that do not end like sentences: menus and link lists."""
        lines = doc.lines
        run: list = []
        for line in lines + [None]:
            short = (line is not None and line.authority < Authority.MARKUP and line.features.units <= self.menu_words
                     and not line.features.ends_sentence)
            if short:
                run.append(line)
                continue
            if len(run) >= self.menu_run:
                for member in run:
                    if member.label != BOILERPLATE:
                        _condemn(doc, member, "menu")
            run = []


    #: A post's button ("Reply", "Quote", "Add a comment |") is a comments phrase repeated at least this many times
    #: (read without these characters at its ends: "Add a comment |" and "Add a comment" are one button).
    thread_buttons = 3
    button_edges = " |·•-–—:"

    def _posts(self, doc: Document) -> None:
        """A forum's posts: the comments phrases between them are separators, not the page's end
        (``Line.between_posts``, which the text model's end markers leave out; the lines stay chrome).

        A quote of an earlier post ("Ann said:" over a copy of a line above it) is inside a reply, wherever it
        stands. And a page that is a thread from its start has a post's button ("Reply", "Add a comment |")
        repeated (:attr:`thread_buttons` times) whose first copy closes the first post: no comments phrase
        between the page's first prose and it (an article's comments open under a heading or a "Name says:"),
        and no more prose above it than below (an article above its readers' comments outweighs them). On such
        a page every comments phrase stands between posts.
        """
        lines = doc.lines
        n = len(lines)
        first_seen: dict[str, int] = {}
        for i, line in enumerate(lines):
            first_seen.setdefault(line.text, i)
        comments = [line.signal == "comments" for line in lines]
        authors = [comments[i] and bool(_COMMENT_AUTHOR.match(line.text)) for i, line in enumerate(lines)]
        for i in range(n - 1):
            if authors[i] and first_seen[lines[i + 1].text] < i:
                lines[i].between_posts = True  # a quote: "Ann said:", then her words again
        prose = [line.features.units if is_prose(line.features) else 0 for line in lines]
        first_prose = next((i for i in range(n) if prose[i]), n)
        presses: dict[str, int] = {}
        for i in range(first_prose, n):
            if comments[i] and not authors[i]:
                key = lines[i].text.strip(self.button_edges)
                presses[key] = presses.get(key, 0) + 1
        button = next((i for i in range(first_prose, n) if comments[i] and not authors[i]
                       and presses[lines[i].text.strip(self.button_edges)] >= self.thread_buttons), None)
        if button is None or any(comments[first_prose:button]) or sum(prose[:button]) > sum(prose[button:]):
            return
        for i in range(n):
            if comments[i]:
                lines[i].between_posts = True


#: A testimonial's author line is at most this many words and characters.
_PERSON_NAME_WORDS = 4
_PERSON_NAME_CHARS = 30
#: A handle is this many characters, at least and at most.
_HANDLE_CHARS = (3, 24)
#: Characters a name's word may have besides letters and digits ("O'Neil", "Jean-Luc").
_NAME_MARKS = "’'-"


def _is_initial(word: str) -> bool:
    """An initial: a capital letter, perhaps with its full stop ("R.", "W")."""
    return (len(word) == 1 or len(word) == 2 and word[1] == ".") and word[0].isalpha() and word[0].isupper()


def _is_handle(word: str) -> bool:
    """A user's handle: one word of ASCII letters, digits and underscores, a letter and a digit or an underscore
    in it ("rsf999", "Best_Law8690")."""
    return _HANDLE_CHARS[0] <= len(word) <= _HANDLE_CHARS[1] and all(c.isascii() and (c.isalnum() or c == "_") for c in word) \
        and any(c.isascii() and c.isalpha() for c in word) and any(c.isdigit() or c == "_" for c in word)


def _person_name(text: str) -> int:
    """0 when the line is not a person's name (or a user's); 2 when it is one with a mark of a person's: an
    initial ("Mallory R.", "Jamie W", "A. Rae V. B.") or a handle (:func:`_is_handle`); 1 when it has the shape of
    one only: one to four words of letters, a letter in it ("Patricia", "Jennifer Tucker", "randomconformity").
    (The stage asks for no stopword in it, too.)"""
    if len(text) > _PERSON_NAME_CHARS:
        return 0
    words = text.split(" ")
    if len(words) > _PERSON_NAME_WORDS:
        return 0
    marked = lettered = False
    for word in words:
        if _is_initial(word) or _is_handle(word):
            marked = True
        elif not word or not all(c.isalpha() or c.isdigit() or c in _NAME_MARKS for c in word):
            return 0
        lettered = lettered or any(c.isalpha() for c in word)
    return 0 if not lettered else 2 if marked else 1


def _comment_headers(lines, stamps: list[bool], says: list[bool]) -> list[int]:
    """Indices of the lines that open a comment: "Name says:", a short line (the name) over the comment's date
    line, or the date line itself where no such line stands above it ("Ann on May 2, 2022 at 8:14 pm").
    ``says``: per line, whether it is at most 8 words and has the shape of :data:`_COMMENT_AUTHOR`."""
    headers: list[int] = []
    for i, line in enumerate(lines):
        f = line.features
        opens_after = bool(headers) and headers[-1] == i - 1
        if says[i]:  # "Ann said..." ends like a sentence
            headers.append(i)
        elif stamps[i]:
            if not opens_after:
                headers.append(i)
        elif f.words <= 6 and line.signal != "comments" and i + 1 < len(lines) and stamps[i + 1]:
            # a name may end with a full stop ("Katrin M.")
            headers.append(i)
    return headers


#: A line of a headline list's item other than its headline: a byline or a timestamp.
_META_LINE = (BYLINE_LIKE, TIMESTAMP_LIKE)
#: A comment's date line, and its "Name says:" line.
_STAMP_LINE = (_COMMENT_STAMP,)
_SAYS_LINE = (_COMMENT_AUTHOR,)
#: What :func:`_matched` looks for, as the core searches it (``bench/native_parity.py`` compares the core's
#: search of each with ``re``'s match on every line of every HTML page).
LINE_SEARCHES = (_META_LINE, _STAMP_LINE, _SAYS_LINE)


def _matched(doc: Document, patterns: tuple, asked: list[bool]) -> list[bool]:
    """Per line, whether it is ``asked`` and one of ``patterns`` (``re.I`` regexes, each anchored by its
    ``^``) matches it: searched for the asked lines in one call by the document's ``line_search`` (the
    native core, on an HTML page: the patterns' ``match`` on every short line, a few hundred a page, was
    most of the stage's time there), else by ``re``. Anchored, a pattern's search finds what its ``match``
    finds (a test checks every pattern passed here is)."""
    lines = doc.lines
    found = None
    if doc.line_search is not None:
        texts = [line.text for line, wanted in zip(lines, asked) if wanted]
        found = doc.line_search(line_search_pattern(patterns), texts) if texts else b""
    if found is None:   # no core for this document, or it refused the search: re
        return [wanted and any(p.match(line.text) for p in patterns) for line, wanted in zip(lines, asked)]
    at = iter(found)
    return [wanted and next(at) == 1 for wanted in asked]


_unions: dict[tuple, str] = {}


def line_search_pattern(patterns: tuple) -> str:
    """The one ``re.I`` pattern whose search finds a match where one of ``patterns`` matches (each must be
    anchored by its ``^`` and ``re.I`` alone)."""
    union = _unions.get(patterns)
    if union is None:
        if any(not p.pattern.startswith("^") or p.flags & ~(re.I | re.U) != 0 or not p.flags & re.I for p in patterns):
            raise ValueError("a pattern searched for its match must be anchored by its '^' and re.I alone")
        union = _unions[patterns] = "|".join(f"(?:{p.pattern})" for p in patterns)
    return union


def _prose_before(lines) -> list[int]:
    """The prose units (:func:`is_prose` lines) no stage has condemned yet, before each index (and in all, last)."""
    prose = [0]
    for line in lines:
        f = line.features
        prose.append(prose[-1] + (f.units if line.label != BOILERPLATE and is_prose(f) else 0))
    return prose


def _goes_on_after_colon(text: str) -> bool:
    """Does the line go on after a colon ("Related: Ten things")? A heading ends at its colon, if it has one."""
    head = text.rstrip(":：")
    return ":" in head or "：" in head


def _below_markup_or_its_body(line) -> bool:
    """May a teaser carousel condemn the line? Not a profile's decision nor the markup's boilerplate."""
    return line.authority < Authority.MARKUP or markup_body(line)

