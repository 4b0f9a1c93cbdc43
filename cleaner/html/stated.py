"""The article's author and publication date as the page's markup states them, beyond the meta tags.

**Dates** (:func:`structured_dates`): the dates the page states it was
published and modified in its structured data: JSON-LD ``datePublished`` and
``dateModified`` (of the article, where the scripts describe several things),
``<meta property="article:published_time">`` and ``article:modified_time``,
``itemprop`` microdata. The metadata stage uses them to tell a header's
dateline that shows the last update (what most often makes it wrong) from
one that shows the publication.

**Author** (:func:`author_in_markup`): the article's author as the page's markup names it, where its meta
tags and JSON-LD do not.

Pages that state no author in their meta tags still mark it up: a link with
``rel="author"``, a link to the site's ``/author/<slug>`` page, an element with
``itemprop="author"`` (its text, or its ``itemprop="name"``), or an element
whose class says author or byline (``<span class="post-author">By Ann Lee</span>``).
Each such element names a candidate; a candidate inside comments, related
stories, menus, footers or sidebars is other people's. The first candidate in
document order that reads as a name (:func:`as_name`) is the author.

A name is also checked against the page's own name: a site that gives itself
as the author ("CITY PLANET" on cityplanet.com) says who published the page, not
who wrote it (:func:`is_site_name`).
"""

from __future__ import annotations

import json
import re
from typing import Iterable, Iterator

from ..dates import parse_date
from ..lexicon import BYLINE_PREFIX, DATE_LABEL_WORD, MONTH_NAMES
from .words import category, region_words

#: Elements that name the article's author, in the order they are trusted; document order decides within
#: the first kind that finds a name.
_AUTHOR_XPATHS = (
    "//*[@itemprop='author']",
    "//a[contains(concat(' ', normalize-space(@rel), ' '), ' author ')]",
    "//a[contains(@href, '/author/') or contains(@href, '/authors/')]",
    "//*[contains(@class, 'author') or contains(@class, 'byline') or contains(@class, 'Author')"
    " or contains(@class, 'Byline')]",
)
#: What :func:`_author_elements` tests, element by element, for each of :data:`_AUTHOR_XPATHS` in turn (the
#: XPaths are the specification, held to it by a test): the ``itemprop``; an ``<a>``'s ``rel`` words,
#: split as XPath's ``normalize-space`` splits (at XML white space only); its ``href``; the ``class``.
_XML_SPACE = re.compile(r"[ \t\r\n]+")
#: Region categories whose authors are not the article's.
_OTHER_PEOPLES = frozenset({"comment", "related", "nav", "footer", "sidebar", "bio"})
#: A byline element's name is followed by a date or a role after a separator ("Ann Lee | 5 May"), or by "on" and
#: a date ("Ann Lee on 5 May", "on Friday December 19").
_AFTER_NAME = re.compile(r"\s*(?:[|·•,]|\s[-–—]\s|\bon\s+(?:[^\W\d]+\.?,?\s+){0,2}\d).*$")
#: A label before the name that BYLINE_PREFIX (the text's "By …") does not cover: "Author Ann Lee",
#: "Articles by Ann Lee".
_LEADING_LABEL = re.compile(r"^(?:(?:articles?|posts?|stories|written|posted|published)\s+by|authors?:?|by:)\s+",
                            re.I)
#: A name: one to five words of letters (a handle such as "jsteinhardt" is one word), capitalised or not.
_NAME = re.compile(r"^[^\W\d_][\w’'.-]*(?:\s+[^\W\d_][\w’'.-]*){0,4}$")
#: Words that label an author slot rather than fill it.
_LABELS = frozenset({"author", "authors", "by", "written", "posted", "admin", "administrator", "editor", "staff",
                     "guest", "team", "view", "all", "posts", "more", "profile", "about", "the", "read", "follow",
                     "contributor", "contributors", "unknown", "anonymous", "see", "article", "articles", "bio",
                     "de", "par", "spotlight", "name", "your"})

#: One-word names a date is made of: the month names of the lexicon and the days of the week (English, as
#: themes print them: "Sat", "Monday").
_DATE_WORDS = frozenset({name.lower().strip(".") for names in MONTH_NAMES.values() for name in names} |
                        {day[:length] for day in ("monday", "tuesday", "wednesday", "thursday", "friday",
                                                  "saturday", "sunday") for length in (3, len(day))})

#: Words that name a site's account, not a person: "NOC Admin", "Webmaster", a template's "undefined".
_ACCOUNTS = frozenset({"admin", "administrator", "webmaster", "undefined", "null"})


#: JSON-LD types that are the article itself (a page's scripts also describe its site, breadcrumbs, people).
_ARTICLE_TYPES = re.compile(r"article|posting|report|review|recipe|webpage", re.I)
#: A structured date begins with an ISO day.
_ISO_DAY = re.compile(r"^\s*(\d{4}-\d{2}-\d{2})")
#: Structured dates outside JSON-LD, in the order they are trusted: published, modified.
_DATE_XPATHS = {
    "datePublished": ("//meta[@property='article:published_time' or @name='article:published_time']/@content",
                      "//*[@itemprop='datePublished']/@content | //*[@itemprop='datePublished']/@datetime"),
    "dateModified": ("//meta[@property='article:modified_time' or @name='article:modified_time' or "
                     "@property='og:updated_time']/@content",
                     "//*[@itemprop='dateModified']/@content | //*[@itemprop='dateModified']/@datetime"),
}
#: JSON-LD scripts longer than this are not read (a page's data dump, not its description).
_MAX_JSON_LD = 1_000_000


#: What :func:`structured_dates` reads for each of :data:`_DATE_XPATHS` (the XPaths are the specification,
#: held to it by a test): the meta tags' ``property`` values and ``name`` values, then the ``itemprop``.
_DATE_METAS = {"datePublished": (("article:published_time",), ("article:published_time",)),
               "dateModified": (("article:modified_time", "og:updated_time"), ("article:modified_time",))}
#: The attributes of an ``itemprop`` element that hold its date.
_DATE_ATTRIBUTES = ("content", "datetime")


def head_tags(root) -> list:
    """The page's ``<meta>`` and ``<script>`` elements, in document order: what the metadata readers read of
    them (the dates' meta tags and JSON-LD here, the meta tags and scripts that spell the byline in
    :func:`cleaner.html.evidence.metadata`), found in one lxml walk of the page where each reader's XPath or
    walk was one (~0.2 ms each on a wcxb page)."""
    return list(root.getroottree().getroot().iter("meta", "script"))


def script_texts(tags: list, kind: str | None = None) -> Iterator[str]:
    """The text of each ``<script>`` of ``tags`` (:func:`head_tags`) that has one, of ``type`` ``kind`` if
    given, in document order: what ``//script/text()`` gives (the parser leaves a script one text node)."""
    for element in tags:
        if element.tag == "script" and (kind is None or element.get("type") == kind):
            text = element.text
            if text is not None:
                yield text


def structured_dates(root, tags: list | None = None) -> dict[str, str]:
    """The ISO days the page's structured data gives as its ``datePublished`` and ``dateModified`` (the
    keys present are those it states): a ``<time pubdate>`` first for the publication (:func:`_pubdate_time`),
    then JSON-LD, then the meta tags and microdata.

    The JSON-LD scripts and meta tags are those of :func:`head_tags` (``tags``, read here if not given), the
    microdata found in one pass over the page's elements for both keys, when needed: each XPath was a walk
    of the whole page (~0.6 and ~1.5 ms on a wcxb page)."""
    tags = head_tags(root) if tags is None else tags
    found = _json_ld_dates(tags)
    marked = _pubdate_time(root)
    if marked is not None:
        found["datePublished"] = marked
    if len(found) == len(_DATE_XPATHS):
        return found
    stated = None
    for key in _DATE_METAS:
        if key in found:
            continue
        day = _first_day(_meta_dates(tags, key))
        if day is None:
            stated = _microdata_dates(root.getroottree().getroot()) if stated is None else stated
            day = _first_day(stated[key])
        if day is None and key == "datePublished":
            day = _first_day(_created_dates(stated[_CREATED], root)) or _parsed_meta_date(tags, key)
        if day is not None:
            found[key] = day
    return found


def _pubdate_time(root) -> str | None:
    """The ISO day of the first ``<time pubdate datetime="…">`` (HTML5's mark of the article's publication
    date) that is not in comments or other stories' teasers, or None. It names the date the page prints as its
    publication's ("Published <time pubdate datetime="2025-08-13">August 13, 2025</time>") where the JSON-LD
    and the meta tags disagree with it and each other (a republication's, a page's creation's)."""
    wrappers = None
    for time in root.getroottree().getroot().iter("time"):
        if time.get("pubdate") is None:
            continue
        day = _ISO_DAY.match(time.get("datetime") or "")
        if day is None:
            continue
        wrappers = _headline_wrappers(root) if wrappers is None else wrappers
        if not _in_regions(time, _OTHER_STORIES, wrappers):
            return day.group(1)
    return None


def _created_dates(elements: list, root) -> Iterator[str]:
    """The ``content`` and ``datetime`` values of the elements marked up ``itemprop="dateCreated"`` (in
    document order), but those in comments or other stories' teasers (:data:`_OTHER_STORIES`): the date an
    item was created is its publication's where the page states no ``datePublished``. A Q&A page marks up
    the question's "Asked" ``<time>`` so, and each answer's after it; an "edited" date is a modification's
    (what htmldate reads there)."""
    wrappers = None
    for element in elements:
        wrappers = _headline_wrappers(root) if wrappers is None else wrappers
        if not _in_regions(element, _OTHER_STORIES, wrappers):
            yield from (value for name, value in element.items() if name in _DATE_ATTRIBUTES)


def _parsed_meta_date(tags: list, key: str) -> str | None:
    """The ISO day of the first meta tag stating ``key`` whose value is a date in another form than ISO
    ("03-09-2026": :func:`cleaner.dates.parse_date`, month first as it reads a numeric date), where no
    value of the page's structured data is ISO. htmldate read such a value day first (2026-09-03 for a page
    printing "Published March 9, 2026")."""
    return next(filter(None, map(parse_date, _meta_dates(tags, key))), None)


def _first_day(values: Iterable[str]) -> str | None:
    """The ISO day the first of ``values`` that begins with one begins with."""
    day = next(filter(None, map(_ISO_DAY.match, values)), None)
    return day.group(1) if day else None


def _meta_dates(tags: list, key: str) -> Iterator[str]:
    """The ``content`` of the meta tags of ``tags`` (:func:`head_tags`) that state ``key``
    (:data:`_DATE_METAS`), in document order."""
    properties, names = _DATE_METAS[key]
    for meta in tags:
        if meta.tag == "meta" and (meta.get("property") in properties or meta.get("name") in names):
            content = meta.get("content")
            if content is not None:
                yield content


def _microdata_dates(top) -> dict[str, list[str]]:
    """For each key of :data:`_DATE_METAS`, the ``content`` and ``datetime`` values of the page's elements
    whose ``itemprop`` is the key, in document order (an element's in the order it has them); under
    :data:`_CREATED`, the elements whose ``itemprop`` is ``dateCreated``."""
    from lxml import etree

    stated: dict[str, list] = {key: [] for key in _DATE_METAS}
    created: list = []
    for element in top.iter(etree.Element):
        itemprop = element.get("itemprop")
        values = stated.get(itemprop)
        if values is not None:
            values += [value for name, value in element.items() if name in _DATE_ATTRIBUTES]
        elif itemprop == _CREATED:
            created.append(element)
    stated[_CREATED] = created
    return stated


#: The ``itemprop`` of an item's creation date: its publication's where none is stated
#: (:func:`_created_dates`). :func:`_microdata_dates` gives its elements under this key.
_CREATED = "dateCreated"


def _json_ld_dates(tags: list) -> dict[str, str]:
    """``datePublished`` and ``dateModified`` of the JSON-LD's article (its first object of an article
    type), else of its first object that has them; ``tags``: :func:`head_tags`. A string with a raw line
    break or tab in it (a description pasted as typed) is read as the byline's reader reads it
    (``strict=False``), where it cost the whole script."""
    article: dict[str, str] = {}
    other: dict[str, str] = {}
    for script in script_texts(tags, "application/ld+json"):
        if len(script) > _MAX_JSON_LD:
            continue
        try:
            data = json.loads(script, strict=False)
        except ValueError:
            continue
        for item in _json_ld_objects(data):
            days = {key: day.group(1) for key in _DATE_XPATHS
                    if (day := _ISO_DAY.match(str(item.get(key) or "")))}
            if days and _ARTICLE_TYPES.search(str(item.get("@type") or "")):
                return days
            other = other or days
    return article or other


def _json_ld_objects(data, depth: int = 0) -> Iterator[dict]:
    """Every object of a JSON-LD document that describes a thing: the top ones, a list's, a ``@graph``'s
    (not the values nested in them: an article's ``publisher`` or ``author``). Bounded in depth."""
    if depth > 3:
        return
    if isinstance(data, list):
        for item in data:
            yield from _json_ld_objects(item, depth + 1)
    elif isinstance(data, dict):
        yield data
        if "@graph" in data:
            yield from _json_ld_objects(data["@graph"], depth + 1)


def author_in_markup(root, site: str | None = None, host: str | None = None) -> str | None:
    """The first name an author element of the page gives (module docstring), or None. The site's own
    name (:func:`is_site_name`; ``site``, ``host``) of one word in an author element ("Quorbit") is a
    publisher's credit, not a writer's: it is passed over. A site named after a person's full name
    ("Lena Brook" on lenabrook.com) is that person's."""
    headings = _long_headings(root)     # (one walk of the page for its wrappers, header and headlines)
    wrappers, header_order = _headline_wrappers(root, headings), _article_header(root, headings)
    header = set(header_order)
    headlines = _headlines(root, headings)
    unnamed: set[tuple] = set()
    for element in _author_elements(root):
        if _others_by_own_class(element):
            continue        # a comment's author, a customer review's, an "authorized dealer" badge
        in_header = element in header
        if not in_header and (_in_other_peoples_region(element, wrappers) or _in_other_story(element, headlines)):
            continue
        if _kind(element) in unnamed:
            continue        # a repeat of a credit that named no one: a reply's or a teaser's (module docstring)
        text = _text_of(element)
        name = _name_in(text, element)
        if text and not name:
            unnamed.add(_kind(element))
        if in_header and name and not _all_capitalised(name) and _in_other_peoples_region(element, wrappers):
            continue        # taken on its place alone, a name must look like one ("Ann Lee", "BeauHD")
        if name and (" " in name or not is_site_name(name, site, host)):
            return name
    return _credited_in_header(header_order)


def _headlines(root, headings: list | None = None) -> tuple[str, ...]:
    """The letters of the page's headline (its first ``<h1>`` of two words or more) and of its ``<title>``,
    those it has (a forum's first ``<h1>`` may be its logo; its ``<title>`` names the thread). ``headings``:
    :func:`_long_headings`, read here if not given."""
    heading = next(iter(_long_headings(root) if headings is None else headings), None)
    title = next(root.iter("title"), None)
    texts = (" ".join(element.itertext()) for element in (heading, title) if element is not None)
    return tuple(letters for letters in map(_letters, texts) if letters)


def _in_other_story(element, headlines: tuple[str, ...]) -> bool:
    """Whether the element is in the microdata of another story: the nearest item (``itemscope``) of an
    article type (``BlogPosting``…) around it states a headline (``headline``, ``name`` or
    ``mainEntityOfPage``) that is none of the page's (``headlines``: :func:`_headlines`). A list of teasers
    marks each up so, with its own author ("Marie Stafford" under three other posts)."""
    if not headlines:
        return False
    item = next((ancestor for ancestor in element.iterancestors() if ancestor.get("itemscope") is not None
                 and _ARTICLE_TYPES.search(ancestor.get("itemtype") or "")), None)
    if item is None:
        return False
    titles = [_letters(prop.get("content") or " ".join(prop.itertext())) for prop in item.iterdescendants()
              if prop.get("itemprop") in _ITEM_TITLES and _item_of(prop) is item]
    return any(titles) and not any(title and (title in page or page in title)
                                   for title in titles for page in headlines)


def _item_of(element):
    """The nearest ancestor of ``element`` that is an item (``itemscope``), or None."""
    return next((ancestor for ancestor in element.iterancestors() if ancestor.get("itemscope") is not None), None)


#: The ``itemprop`` values that state an item's headline.
_ITEM_TITLES = frozenset({"headline", "name", "mainEntityOfPage"})


def credited_instead(root, stated: list[str]) -> str | None:
    """The name the article's header credits ("by Aoife O'Riordan" under the headline:
    :func:`_credited_in_header`) where the meta tags state other authors, ``stated``, that the page never
    prints: those name the account that posted the page (a login, "KatieS"), the reader sees the writer's
    name. None where the header credits no one, or one of ``stated``, or the page prints one of them."""
    credited = _credited_in_header(_article_header(root))
    if not credited or any(_letters(credited) == _letters(name) for name in stated):
        return None
    shown = _letters(" ".join(_visible_text(root)))
    return None if any(_letters(name) in shown for name in stated) else credited


def _visible_text(root) -> Iterator[str]:
    """The texts of the page a reader sees: not its scripts', styles' or head's."""
    from lxml import etree

    walker = etree.iterwalk(root.getroottree().getroot(), events=("start", "end", "comment", "pi"))
    for event, element in walker:
        if event != "start":
            if element.tail:
                yield element.tail
        elif element.tag in _UNSEEN:
            walker.skip_subtree()
        elif element.text and isinstance(element.tag, str):
            yield element.text


#: Elements whose text a reader does not see.
_UNSEEN = frozenset({"script", "style", "noscript", "template", "head", "title"})


def _kind(element) -> tuple:
    """What an author element is by its markup alone (tag, class, ``itemprop``): a forum's posts, a list's
    teasers, repeat one such element each, the first the opening post's or the first teaser's."""
    return element.tag, element.get("class"), element.get("itemprop")


def _author_elements(root) -> list:
    """The elements each of :data:`_AUTHOR_XPATHS` finds, in document order, one query's after another's (an
    element may come more than once): found by the native core's pass over the tree where it is built and
    reads the page (:func:`cleaner.html.layout.native_author_paths`), else by :func:`_author_elements_walked`
    (the reference).

    Why: the pass here made a proxy and called ``get`` three or four times for each element, 2% of an HTML
    page's instructions on the pages that state no author; the core reads the attributes where libxml2 keeps
    them and hands back only the few elements found."""
    from .layout import native_author_paths

    top = root.getroottree().getroot()
    paths = native_author_paths(top)
    if paths is None:
        return _author_elements_walked(top)
    found = []
    for path in paths:
        element = top
        for index in path:
            element = element[index]
        found.append(element)
    return found


def _author_elements_walked(top) -> list:
    """:func:`_author_elements` by one pass over the elements under ``top`` (the document's root element) in
    Python, where the four XPaths were four (each as slow as the pass, a millisecond or more on a page of a
    thousand elements)."""
    from lxml import etree

    by_prop: list = []
    by_rel: list = []
    by_href: list = []
    by_class: list = []
    for element in top.iter(etree.Element):
        get = element.get
        if get("itemprop") == "author":
            by_prop.append(element)
        if element.tag == "a":
            rel = get("rel")
            if rel and "author" in _XML_SPACE.split(rel):
                by_rel.append(element)
            href = get("href")
            if href and ("/author/" in href or "/authors/" in href):
                by_href.append(element)
        names = get("class")
        if names and ("author" in names or "byline" in names or "Author" in names or "Byline" in names):
            by_class.append(element)
    return by_prop + by_rel + by_href + by_class


def _credited_in_header(header: list) -> str | None:
    """The name of the first "By …" element of the article's header (``<p>By Ann Lee</p>`` under the
    headline, whatever its class), where no author element names one: a short element (at most
    :data:`_CREDIT_WORDS` words) whose text opens with a byline's "By", naming two to five capitalised
    words. Not a list's item: a menu's "Browse by" entries print "By Event Type" too (a list's "By Ann
    Lee" beside its date is :mod:`cleaner.html.metadata`'s)."""
    for element in header:
        text = _short_text(element, _CREDIT_WORDS)
        if text is None or not BYLINE_PREFIX.match(text + " "):
            continue
        if element.tag in _LISTS or next(element.iterancestors(*_LISTS), None) is not None:
            continue
        name = as_name(text)
        if name and " " in name and _all_capitalised(name):
            return name
    return None


def _short_text(element, most: int) -> str | None:
    """The element's text with its runs of white space one space, or None when it has over ``most`` words:
    read a piece at a time, so that a header's big elements (its wrappers, up to the whole article) are
    not joined whole only to be found too long."""
    words: list[str] = []
    for piece in element.itertext():
        words += piece.split()
        if len(words) > most:
            return None
    return " ".join(words)


#: Elements of lists and menus.
_LISTS = ("li", "ul", "ol", "nav", "select", "option", "menu")
#: A "By …" element of the header is this short ("By Ann Lee and Bob Roe | 5 May 2025").
_CREDIT_WORDS = 12


def _text_of(element) -> str:
    """The name an author element holds: its ``itemprop="name"`` where it has one, its ``content`` for a
    ``<meta>``, else its text."""
    element = _name_element(element)
    if element.tag == "meta":
        return element.get("content") or ""
    return " ".join(" ".join(element.itertext()).split())     # "<b>Author</b>Ann Lee": two words


def _name_element(element):
    """The element that holds an author element's name: its first ``itemprop="name"``, else itself."""
    if element.tag == "meta":
        return element
    named = element.xpath(".//*[@itemprop='name']")
    return named[0] if named else element


def _name_in(text: str, element) -> str | None:
    """The name an author element's ``text`` (:func:`_text_of`) gives: the name its whole text reads as
    (:func:`as_name`), cut to the name on its first line (:func:`_first_line`) where the whole name begins
    with it, the element is short (at most :data:`_CREDIT_WORDS` words, no digit) and that line is a name that
    looks like one (one word, or every word capitalised). An author box prints the name on its first line
    and a role or a forum rank under it ("StarredSkies" / "Big Board Owner"), which is no part of the name.
    The cut only trims a name: an element whose whole text is no name is none for its first line (a list's
    teasers print "Stacy Edgar" / "December 4, 2025", a category over its date)."""
    whole = as_name(text)
    element = _name_element(element)
    if whole and element.tag != "meta" and len(text.split()) <= _CREDIT_WORDS and not any(ch.isdigit() for ch in text):
        first = as_name(_first_line(element))
        if first and first != whole and whole.startswith(first + " ") and (" " not in first or _all_capitalised(first)):
            return first
    return whole


def _first_line(element) -> str:
    """The element's text up to its first break of line (a ``<br>``, or the start or end of a block such as
    ``<p>`` or ``<div>``) after some text: an author box prints the name on its first line and a role or a
    forum rank under it ("StarredSkies" / "Big Board Owner"), which is no part of the name. Pieces of
    inline text join with a space ("<b>Author</b>Ann Lee": two words)."""
    from lxml import etree

    words: list[str] = (element.text or "").split()
    for event, node in etree.iterwalk(element, events=("start", "end", "comment", "pi")):
        if node is element:
            continue
        if event in ("comment", "pi"):
            words += (node.tail or "").split()
            continue
        if node.tag in _BLOCKS and words:
            break
        words += ((node.text if event == "start" else node.tail) or "").split()
    return " ".join(words)


#: Elements that begin a new line of text: blocks, and ``<br>``.
_BLOCKS = frozenset({"p", "div", "br", "li", "ul", "ol", "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6",
                     "section", "article", "header", "footer", "aside", "table", "tr", "blockquote", "figure",
                     "figcaption", "address"})


def as_name(text: str) -> str | None:
    """``text`` as a byline's name ("By Ann Lee | 5 May 2025" → "Ann Lee"), or None when it is not one:
    longer than five words, with digits, a placeholder (:func:`is_placeholder`), or words of a sentence
    in lower case ("read more posts")."""
    text = _LEADING_LABEL.sub("", BYLINE_PREFIX.sub("", " ".join(text.split())))
    name = _AFTER_NAME.sub("", text)
    label = DATE_LABEL_WORD.search(name, 1)    # "Ann Lee Published 5 May 2025": the date's label ends it
    name = (name[:label.start()] if label else name).strip(" :")
    if not name or len(name) > 60 or not _NAME.match(name) or is_placeholder(name):
        return None
    if " " in name and not any(word[0].isupper() for word in name.split()):
        return None
    if " " in name and any(word in _SENTENCE_WORDS for word in name.split()[1:]):
        return None         # a sentence's start in an author slot ("This review is posted in …")
    return name


#: Lower-case words of a sentence, none of a name's ("Ann de Lee", "Kevin Johnson and Kevin McCoy" have none).
_SENTENCE_WORDS = frozenset({"is", "are", "was", "were", "has", "have", "had", "this", "that", "these", "those",
                             "posted", "published", "written", "updated", "will", "can"})


def is_placeholder(name: str) -> bool:
    """Whether an author field holds no name: only the words that label an author slot ("Author", "Article
    by"), a site account's ("NOC Admin", "Webmaster"), a template's "key: value", initials ("NB"), or one
    dotted word (a template's key "page.head.author", a login "ann.lee")."""
    words = [word.lower().strip(".:") for word in name.split()]
    if all(word in _LABELS for word in words) or any(word in _ACCOUNTS for word in words):
        return True
    if ": " in name:
        return True         # a template's "key: value" ("content: MarketingSherpa"), not a name
    if len(words) == 1 and words[0] in _DATE_WORDS:
        return True         # a dateline's word in an author slot ("Sat", "May"), not a name
    return len(words) == 1 and (len(name) < 3 or "." in name.strip("."))


def _long_headings(root) -> list:
    """The page's ``<h1>`` elements of two words or more, in document order: the first is its headline.

    Found once by :func:`author_in_markup` for the three readers of them there (each walked the whole page
    for its ``<h1>``s)."""
    return [heading for heading in root.iter("h1") if len(" ".join(heading.itertext()).split()) >= 2]


def _headline_wrappers(root, headings: list | None = None) -> set:
    """The elements that hold the page's headline (an ``<h1>`` of two words or more): the layout's
    wrappers around the article, whatever their classes say. ``headings``: :func:`_long_headings`, read
    here if not given.

    Themes name them after the layout they sit in (``content-sidebar-wrap``, ``elementor-widget``,
    ``site-footer-bottom``…): an author element inside one is not in a sidebar or footer for that.
    Comments, related stories and author boxes never hold the article's headline."""
    return {ancestor for heading in (_long_headings(root) if headings is None else headings)
            for ancestor in heading.iterancestors()}


def _all_capitalised(name: str) -> bool:
    """Every word of ``name`` begins with a capital (not "Corti AI platform for healthcare")."""
    return all(word[0].isupper() for word in name.split())


def _article_header(root, headings: list | None = None) -> list:
    """The elements between the page's headline (its first ``<h1>`` of two words or more) and the first
    paragraph of prose after it (:func:`_is_prose`), at most :data:`_HEADER_ELEMENTS`:
    the article's own header, where its byline stands. ``headings``: :func:`_long_headings`, if read; else
    the page is walked up to its headline alone.

    An author element there is the article's whatever its ancestors' classes say (a page builder's
    ``elementor-widget``, an ``article__header__bottom``): comments, related stories and sidebars come
    after the article's first paragraph, or before its headline."""
    if headings is not None:
        headline = next(iter(headings), None)
    else:
        headline = next((heading for heading in root.iter("h1")
                         if len(" ".join(heading.itertext()).split()) >= 2), None)
    if headline is None:
        return []
    found: list = []
    for element in _following(headline):
        if _is_prose(element):
            break
        found.append(element)
        if len(found) >= _HEADER_ELEMENTS:
            break
    return found


def _is_prose(element) -> bool:
    """Whether the element begins the text: a ``<p>`` of :data:`_PROSE_WORDS` words, or an element whose own
    text (a forum post's ``<div>``, text and ``<br>``) has as many.

    The words are counted a piece of text at a time, up to :data:`_PROSE_WORDS` (pieces joined by a space
    have as many words as they have apart): a header's paragraph is not read whole, nor joined, to be
    found long enough."""
    words = 0
    for text in (element.itertext() if element.tag == "p" else _own_texts(element)):
        words += len(text.split())
        if words >= _PROSE_WORDS:
            return True
    return False


def _own_texts(element) -> Iterator[str]:
    """The element's own text: its text and its children's tails (not its children's text)."""
    if element.text:
        yield element.text
    for child in element:
        if child.tail:
            yield child.tail


def _following(element) -> Iterator:
    """The elements after ``element`` (and its descendants) in document order."""
    for ancestor in (element, *element.iterancestors()):
        for sibling in ancestor.itersiblings():
            yield sibling
            yield from sibling.iterdescendants()


#: A paragraph of prose has this many words (the article's text begins at it).
_PROSE_WORDS = 10
#: The article's header holds at most this many elements.
_HEADER_ELEMENTS = 150


def _others_by_own_class(element) -> bool:
    """Whether the author element's own ``class`` or ``id`` says it is not the article's author's: a word of
    a comment's ("comment-author", "comment-form-author": a reply's name, or a form's "Name" field) or of a
    customer's review or testimonial ("customer_review_author"), or a class that holds "author" only inside
    "authorized"/"authorization" ("authorized-dealer": a badge, not a credit; the class XPath of
    :data:`_AUTHOR_XPATHS` matches it). An element found as ``itemprop="author"``, ``rel="author"`` or by an
    ``/author/`` link is checked by its class words alone, as is any other."""
    own = " ".join(filter(None, (element.get("class"), element.get("id"))))
    if not own:
        return False
    words = _CLASS_WORD.findall(_CAMEL_CASE.sub(" ", own).lower())
    if any(word in _CUSTOMER_WORDS or category(word) == "comment" for word in words):
        return True
    lowered = own.lower()
    return ("authoriz" in lowered and "byline" not in lowered and element.get("itemprop") != "author"
            and not _AUTHOR_NOT_AUTHORIZED.search(lowered))


#: Class words of a customer's review or a testimonial, whose author is a customer.
_CUSTOMER_WORDS = frozenset({"review", "reviews", "testimonial", "testimonials", "customer", "customers"})
#: A class value's words ("customer_review_author" → customer, review, author; "reviewAuthor" → review, author).
_CLASS_WORD = re.compile(r"[a-z0-9]+")
_CAMEL_CASE = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")
#: "author" in a class other than as the start of "authoriz…".
_AUTHOR_NOT_AUTHORIZED = re.compile(r"author(?!iz)")


def _in_other_peoples_region(element, wrappers: set = frozenset()) -> bool:
    """Whether the element sits in comments, related stories, menus, footers, sidebars or an author bio
    (an element holding the page's headline, one of ``wrappers``, is the article's layout, not one)."""
    for ancestor in element.iterancestors():
        if ancestor in wrappers:
            continue
        if ancestor.tag in ("nav", "footer", "aside"):
            return True
        words = region_words(" ".join(filter(None, (ancestor.get("class"), ancestor.get("id")))))
        if any(category(word) in _OTHER_PEOPLES for word in words):
            return True
    return False


def only_in_other_peoples_times(root, day: str) -> bool:
    """Whether the page's ``<time datetime>`` elements that state ``day`` (ISO) all sit in comments or
    other stories (:data:`_OTHER_STORIES`): a date htmldate read there is a reply's or a teaser's, not the
    article's. False where no ``<time>`` states it (htmldate read it elsewhere), or where one of them is in
    the article's header (:func:`_article_header`) whatever its ancestors' classes say: a forum marks its
    opening post up as it marks the replies (``ItemDiscussion``, ``DiscussionHeader``), and the ``<time>``
    between the thread's headline and its first paragraph is the thread's date."""
    times = root.xpath("//time[starts-with(normalize-space(@datetime), $day)]", day=day)
    if not times:
        return False
    header = set(_article_header(root))
    if any(time in header for time in times):
        return False
    wrappers = _headline_wrappers(root)
    return all(_in_regions(time, _OTHER_STORIES, wrappers) for time in times)


def _in_regions(element, categories: frozenset[str], wrappers: set) -> bool:
    """Whether an ancestor's class or id names one of the region ``categories`` (not one of ``wrappers``,
    the elements holding the headline: a body's class "comments-open" says nothing of where a date is)."""
    return any(category(word) in categories for ancestor in element.iterancestors() if ancestor not in wrappers
               for word in region_words(" ".join(filter(None, (ancestor.get("class"), ancestor.get("id"))))))


#: Regions holding other people's writing: replies, other articles' teasers.
_OTHER_STORIES = frozenset({"comment", "related"})


def is_site_name(name: str, site: str | None, host: str | None) -> bool:
    """Whether ``name`` is the site's own name: its site name, or its letters the name of the host
    ("CITY PLANET" on www.cityplanet.com, "Riverside Clinic" on my.riversideclinic.org)."""
    letters = _letters(name)
    if not letters:
        return False
    if site and letters == _letters(site):
        return True
    return bool(host) and letters in _host_labels(host)


def _letters(text: str) -> str:
    return "".join(ch for ch in text.casefold() if ch.isalnum())


def _host_labels(host: str) -> set[str]:
    """The host's labels, and its whole name without dots ("inkwell.net" → inkwell, net, inkwellnet)."""
    labels = [label for label in host.casefold().split(".") if label != "www"]
    return {*labels, "".join(labels)}
