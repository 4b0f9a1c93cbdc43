"""The words of class and id attributes that say what a page region is.

Templates name their regions: ``<div class="comments">``, ``id="sidebar"``,
``class="article-body"``. Attribute values are split into words
(``relatedPosts`` → related, posts; ``post-body`` → post, body) and each word
that names a kind of region is kept, under its *category* (``comment``,
``related``, ``content``…). The categories are generic web vocabulary — the
names readability, boilerpipe and trafilatura look for — never one site's.
``role`` and ``itemprop`` values count too (``role="navigation"``,
``itemprop="articleBody"``).
"""

from __future__ import annotations

import functools
import re
from typing import Callable, Sequence

from ..caching import BoundedCache

#: category → (whole words, word prefixes). A word belongs to the first category that lists it.
CATEGORIES: dict[str, tuple[frozenset[str], tuple[str, ...]]] = {
    "content": (frozenset({"article", "articles", "articlebody", "content", "post", "entry", "story", "body",
                           "main", "prose", "richtext", "blog", "hentry", "single", "markdown",
                           "reader", "paragraph"}),
                ("articlebod", "articlecont", "postbod", "postcont", "storybod", "storycont", "entrycont",
                 "maincont", "bodytext", "richtext")),
    "comment": (frozenset({"comment", "comments", "disqus", "reply", "replies", "respond", "discussion",
                           "discuss", "remark", "remarks", "responses", "commentlist"}),
                ("comment", "disqus", "discuss")),
    "related": (frozenset({"related", "recommended", "recommend", "popular", "trending", "recirc", "outbrain",
                           "taboola", "more", "also", "next", "prev", "previous", "similar", "latest", "most",
                           "readmore", "suggested", "recent", "featured", "spotlight", "headlines",
                           "teaser", "teasers", "promo", "promos", "others", "upnext"}),
                ("related", "recommend", "recirc", "outbrain", "taboola", "trending", "popular", "readmore",
                 "morestor", "moreart", "teaser")),
    "share": (frozenset({"share", "sharing", "social", "facebook", "twitter", "whatsapp", "linkedin", "pinterest",
                         "print", "email", "mail", "tools", "toolbar", "sns", "addthis", "sharethis", "follow",
                         "reddit", "telegram"}),
              ("share", "social", "addthis", "sharethis", "facebook", "twitter", "whatsapp")),
    "nav": (frozenset({"nav", "navigation", "menu", "menus", "breadcrumb", "breadcrumbs", "crumbs", "pagination",
                       "pager", "paging", "skip", "topnav", "navbar", "submenu", "megamenu", "drawer", "hamburger",
                       "toc", "jump", "links", "sitemap"}),
            ("nav", "menu", "breadcrumb", "paginat", "crumb")),
    "footer": (frozenset({"footer", "foot", "copyright", "bottom", "legal", "colophon", "contentinfo", "imprint",
                          "disclaimer", "terms", "privacy"}),
               ("footer", "copyright")),
    "header": (frozenset({"header", "masthead", "banner", "topbar", "branding", "brand", "logo", "sitename", "mast"}),
               ("header", "masthead", "topbar")),
    "sidebar": (frozenset({"sidebar", "aside", "rail", "widget", "widgets", "complementary", "secondary",
                           "sidebars", "sidenav"}),
                ("sidebar", "widget", "rightcol", "leftcol", "rightrail", "siderail")),
    "ad": (frozenset({"ad", "ads", "adv", "advert", "adverts", "advertisement", "advertising", "sponsor",
                      "sponsored", "sponsors", "dfp", "gpt", "adsense", "adslot", "adunit", "commercial",
                      "affiliate", "partner", "partners", "native"}),
           ("advert", "sponsor", "adslot", "adunit", "adsense", "doubleclick", "googlead")),
    "signup": (frozenset({"newsletter", "subscribe", "subscription", "signup", "paywall", "cta", "donate",
                          "donation", "membership", "register", "login", "signin", "optin",
                          "premium", "upsell", "offer", "campaign", "support"}),
               ("newsletter", "subscri", "signup", "paywall", "donat", "regwall", "piano")),
    "caption": (frozenset({"caption", "captions", "credit", "credits", "figure", "figcaption", "photo", "photos",
                           "image", "images", "img", "media", "gallery", "slideshow", "video", "thumbnail",
                           "thumb", "picture", "illustration", "embed", "player", "attribution"}),
                ("caption", "credit", "gallery", "slideshow", "thumbnail")),
    "meta": (frozenset({"byline", "author", "authors", "date", "time", "meta", "published", "timestamp",
                        "dateline", "info", "posted", "updated", "pubdate", "writer", "contributor", "datetime",
                        "postmeta", "entrymeta", "source"}),
             ("byline", "author", "dateline", "timestamp", "pubdate", "postmeta", "entrymeta", "publish")),
    "tags": (frozenset({"tag", "tags", "category", "categories", "topics", "topic", "label", "labels",
                        "keywords", "taxonomy", "filed"}),
             ("tagcloud", "taglist", "categor", "keyword")),
    "bio": (frozenset({"bio", "about", "profile", "biography", "authorbio", "contact", "vcard"}),
            ("authorbio", "biograph")),
    "hidden": (frozenset({"hidden", "hide", "invisible", "sr", "screenreader", "visually", "offscreen",
                          "collapsed", "collapse", "dropdown", "modal", "popup", "overlay", "lightbox", "tooltip"}),
               ("hidden", "screenreader", "visuallyhidden", "modal", "popup", "overlay")),
    "notice": (frozenset({"cookie", "cookies", "consent", "gdpr", "notice", "alert", "notification",
                          "ccpa", "onetrust", "cmp"}),
               ("cookie", "consent", "gdpr", "onetrust")),
    "headline": (frozenset({"title", "headline", "heading", "hed", "headings", "h1", "entrytitle", "posttitle"}),
                 ("headline", "entrytitle", "posttitle", "articletitle")),
    "lede": (frozenset({"summary", "lead", "lede", "intro", "standfirst", "dek", "excerpt", "subtitle",
                        "subheadline", "subhead", "description", "abstract", "deck", "strapline", "kicker"}),
             ("standfirst", "subhead", "subtitle", "excerpt")),
    "listing": (frozenset({"card", "cards", "tile", "tiles", "list", "listing", "grid", "feed",
                           "stream", "carousel", "slider", "river", "archive", "collection"}),
                ("carousel", "listing")),
}

#: ``role`` values and ``itemprop`` values that name a region, as category words.
ROLE_WORDS = {
    "navigation": "nav", "menu": "nav", "menubar": "nav", "banner": "header", "contentinfo": "footer",
    "complementary": "sidebar", "main": "main", "article": "article", "articlebody": "articlebody",
    "search": "nav", "dialog": "modal", "alert": "alert", "comment": "comment",
}

_NAMES = tuple(CATEGORIES)
#: Whole word → the first category listing it (a prefix of an earlier category still wins over it).
_FIRST_LISTING: dict[str, int] = {}
for _at, (_whole, _) in enumerate(CATEGORIES.values()):
    for _word in _whole:
        _FIRST_LISTING.setdefault(_word, _at)
_ALL_PREFIXES = tuple(prefix for _, prefixes in CATEGORIES.values() for prefix in prefixes)

_SPLIT = re.compile(r"[^a-z0-9]+")
_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")
#: Every ASCII character but those of a word (``[a-z0-9]``, what _SPLIT keeps) as a space; the word's
#: characters mapped to themselves (str.translate is slower on characters a table does not name).
_SPACED = str.maketrans({chr(code): chr(code) if re.fullmatch("[a-z0-9]", chr(code)) else " "
                         for code in range(128)})
#: Each word's category; small, for the garbage collector (see cleaner.caching). Strings only: the
#: collector may leave the whole table untracked.
_cache = BoundedCache(16_384)


def category(word: str) -> str | None:
    """The region category a class/id word names, or ``None``."""
    found = _cache.get(word, False)
    if found is not False:
        return found
    at = _FIRST_LISTING.get(word, len(_NAMES))
    if len(word) > 4 and word.startswith(_ALL_PREFIXES):     # one check rules out most words
        at = min(at, next(i for i, (_, prefixes) in enumerate(CATEGORIES.values()) if word.startswith(prefixes)))
    result = _cache[word] = _NAMES[at] if at < len(_NAMES) else None
    return result


#: A class/id value is read up to this many characters.
VALUE_CHARS = 400


def region_words(value: str, limit: int = VALUE_CHARS) -> tuple[str, ...]:
    """The words of a class/id value that name a region (``'postBody share-bar'`` → post, body, share)."""
    if not value:
        return ()
    value = value[:limit]
    if not value.islower():                # camelCase splits only where there are capitals
        value = _CAMEL.sub(" ", value).lower()
    words = []
    cached = _cache.get
    # An ASCII value (nearly all) split by a table: its other characters made spaces, then str.split (the
    # same words as _SPLIT, with no empty ones, in a tenth less time).
    for word in value.translate(_SPACED).split() if value.isascii() else _SPLIT.split(value):
        if not word:
            continue
        found = cached(word, False)
        if found is False:
            found = category(word)
        if found is not None and word not in words:
            words.append(word)
    return tuple(words)


def value_region_words(value: str) -> Sequence[str]:
    """:func:`region_words` of ``value`` (in the same order), by the native core when it is built and reads
    the value (its first :data:`VALUE_CHARS` characters ASCII, nearly every value), else by the reference.
    For the layout walk, which meets a hundred or so new values on each page of a new site."""
    read = _native_reader()
    if read is not None:
        try:
            found = read(value)
        except _NATIVE_REFUSALS:
            found = None
        if found is not None:
            return found
    return region_words(value)


#: What a call into the core raises when it will not take a value (filled when the core is loaded).
_NATIVE_REFUSALS: tuple[type[BaseException], ...] = ()


@functools.cache
def _native_reader() -> "Callable[[str], list[str] | None] | None":
    """The native core's ``RegionWords.words`` over :data:`CATEGORIES` (None: the core is not built, or
    ``CLEANER_PURE_PYTHON`` is set). The categories are handed over from here: the one place they are kept."""
    global _NATIVE_REFUSALS
    from ..extension import extension, refusals

    native, _ = extension()
    if native is None:
        return None
    _NATIVE_REFUSALS = refusals(native)
    vocabulary = [(sorted(whole), list(prefixes)) for whole, prefixes in CATEGORIES.values()]
    return native.RegionWords(vocabulary, VALUE_CHARS).words


#: C0 control characters and DEL: a browser shows none of them.
_CONTROLS = dict.fromkeys([*range(0x20), 0x7F])


def shown(text: str) -> str:
    """``text`` on one line as a browser shows it: white space collapsed to single spaces, control characters
    gone (a ``\x07`` in a headline came out in the article's title)."""
    text = " ".join(text.split())
    if not text.isprintable():   # rare: a control character, or a format one such as U+200B (kept)
        text = " ".join(text.translate(_CONTROLS).split())
    return text
