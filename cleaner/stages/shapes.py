"""Stage ``shapes``: chrome recognised by its shape, not its words.

Menus are runs of short lines; headline lists repeat a headline followed by a
byline and a timestamp; link rows end or start with separators; navigation
bars are long runs of capitalised words with no sentence in them; photo
credits carry ©, "Photo:" or an agency after a slash. None of these needs to
know the site.
"""

from __future__ import annotations

import re

from ..document import BOILERPLATE, Document

_MONTHS = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
           r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
#: A byline as lists print it: "By REUTERS", "• By Jane Doe".
BYLINE_LIKE = re.compile(r"^[•·*\-–—|]?\s*(?:by|von|par|por|di|door|av|af)\s+\S", re.I)
#: A timestamp as lists print it: 02/10/2020 03:58 PM, Feb 10, 2020, 3 hours ago.
TIMESTAMP_LIKE = re.compile(
    r"^[•·*\-–—|]?\s*(?:"
    r"\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}(?:,?\s+\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?)?"
    r"|\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?"
    rf"|(?:\w+,?\s+)?{_MONTHS}\s+\d{{1,2}},?\s+\d{{4}}(?:,?\s+\d{{1,2}}[:.]\d{{2}}(?:\s*[ap]\.?m\.?)?)?"
    rf"|\d{{1,2}}\.?\s+{_MONTHS},?\s+\d{{4}}"
    r"|\d+\s+(?:sec(?:ond)?s?|min(?:ute)?s?|hours?|hrs?|days?|weeks?|months?)\s+ago"
    r"|(?:yesterday|today|just now)"
    r")\s*$", re.I)
_SEPARATOR_ONLY = re.compile(r"^[\W_]+$")
_DANGLING = re.compile(r"(?:\s[-–—|»›>•·]|[»›•·|])$")
_LEADING_LINK = re.compile(r"^[»›•·|→>]\s")
_PIPES = re.compile(r"\s[|•·]\s")
_AGENCIES = (r"AFP|AP|Reuters|REUTERS|Getty(?: Images)?|EPA(?:-EFE)?|dpa|DPA|picture[- ]alliance|Shutterstock|iStock(?:photo)?|"
             r"Alamy|TASS|Sputnik|Xinhua|Anadolu(?: Agency)?|ANSA|Bloomberg|PA(?: Images| Wire)?|Pexels|Unsplash|Pixabay|"
             r"Wikimedia(?: Commons)?|Wikipedia|Flickr|AAP|Kyodo|Yonhap|IANS|PTI|ANI|ZUMA(?: Press)?|Zuma|SIPA|Sipa|Abaca|"
             r"Imago|IMAGO|Keystone|NurPhoto|Handout|HANDOUT|Courtesy|Moskva(?: News)? Agency|Kremlin\.ru|AA|WENN|Rex|REX")
_CREDIT_PATTERNS = (
    re.compile(r"©|\(c\)\s"),
    re.compile(r"^(?:photo(?:graph)?s?|images?|pictures?|credits?|illustrations?|fotos?|bild|фото)(?:\s+credits?)?\s*[:：|]", re.I),
    re.compile(r"\b(?:Photograph|Photo|Photos|Image|Picture|Credit|Illustration|Foto|Bild|Photo credit)\s*:\s*\S"),
    re.compile(r"\((?:photo|image|picture|credit|photo credit)s?\b[^()]*\)\s*$", re.I),
    re.compile(rf"\([^()]{{0,80}}/\s*(?:{_AGENCIES})[^()]{{0,40}}\)\s*$"),
    re.compile(rf"^[^.!?]{{0,80}}\s*/\s*(?:{_AGENCIES})\b[^.!?]{{0,60}}$"),
    re.compile(rf"^(?:{_AGENCIES})(?:\s*/\s*[\w .-]{{1,40}})?$"),
    re.compile(r"\b(?:via|for) Getty Images\b|\bGetty Images$"),
)


def is_credit(text: str, words: int) -> bool:
    """Does the line credit a photo (a caption with its credit, or the credit alone)?"""
    if words > 60:
        return False
    return any(pattern.search(text) for pattern in _CREDIT_PATTERNS)


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
        for i, line in enumerate(lines):
            if line.firm or line.label == BOILERPLATE:
                continue
            reason = self._single(line, counts, char_mode)
            if reason is None and i + 1 < len(lines):
                reason = self._caption_echo(line, lines[i + 1])
            if reason:
                line.mark(BOILERPLATE, f"shapes: {reason}")
                line.signal = "credit" if "photo" in reason else "shape"
                line.score = 0.0
        self._headline_lists(doc)
        self._menus(doc)

    @staticmethod
    def _single(line, counts: dict[str, int], char_mode: bool) -> str | None:
        text = line.text
        f = line.features
        if _SEPARATOR_ONLY.match(text):
            return "separator"
        if f.words <= 25 and (_DANGLING.search(text) or _LEADING_LINK.match(text)) and not f.ends_sentence:
            return "link row (separator at the edge)"
        if len(_PIPES.findall(text)) >= 2 and not f.ends_sentence:
            return "link row (separated items)"
        if is_credit(text, f.words):
            return "photo credit"
        if counts[text] > 1 and f.units <= 12:
            return "repeated line"
        if not char_mode and f.words >= 8 and f.sentences == 0 and not f.ends_colon:
            if f.title_ratio >= 0.75 and f.stop_ratio < 0.25:
                return "navigation bar (capitalised words, no sentence)"
            if f.words >= 20 and not _has_sentence_mark(text):
                return "run of headlines (no sentence punctuation)"
        return None

    @staticmethod
    def _caption_echo(line, following) -> str | None:
        """A caption printed twice: once bare, once with its credit after it."""
        nxt = following.text
        if len(nxt) > len(line.text) and nxt.startswith(line.text) and is_credit(nxt, following.features.words):
            return "photo caption (repeated with its credit)"
        return None

    @staticmethod
    def _headline_lists(doc: Document) -> None:
        """Headline + byline + timestamp, repeated: a list of other articles."""
        lines = doc.lines
        meta = [i for i, line in enumerate(lines)
                if line.features.words <= 8 and (BYLINE_LIKE.match(line.text) or TIMESTAMP_LIKE.match(line.text))]
        if len(meta) < 4:
            return
        chains: list[list[int]] = [[meta[0]]]
        for i in meta[1:]:
            if i - chains[-1][-1] <= 4:
                chains[-1].append(i)
            else:
                chains.append([i])
        for chain in chains:
            # The article's own byline and date are one group; a list repeats the group.
            groups = 1 + sum(1 for a, b in zip(chain, chain[1:]) if b - a > 1)
            if groups < 3:
                continue
            start = max(0, chain[0] - 1)
            for line in lines[start:chain[-1] + 1]:
                if not line.firm:
                    line.mark(BOILERPLATE, "shapes: headline list (headline, byline, timestamp repeated)")
                    line.signal = "headline list"
                    line.score = 0.0

    def _menus(self, doc: Document) -> None:
        """Runs of short lines that do not end like sentences: menus and link lists."""
        lines = doc.lines
        run: list = []
        for line in lines + [None]:
            short = (line is not None and not line.firm and line.features.units <= self.menu_words
                     and not line.features.ends_sentence)
            if short:
                run.append(line)
                continue
            if len(run) >= self.menu_run:
                for member in run:
                    if member.label != BOILERPLATE:
                        member.mark(BOILERPLATE, "shapes: menu (run of short lines)")
                        member.signal = "menu"
                        member.score = 0.0
            run = []


def _has_sentence_mark(text: str) -> bool:
    return any(mark in text for mark in (". ", "? ", "! ", "。", "؟")) or text.rstrip()[-1:] in ".!?"
