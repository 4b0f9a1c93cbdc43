"""The author and dates a page's markup states beyond its meta tags (cleaner/html/stated.py), and how the
metadata stage weighs them against the header's dateline."""

from __future__ import annotations

import json

import pytest
from lxml import html

from cleaner import Cleaner
from cleaner.dates import is_update
from cleaner.html.stated import as_name, author_in_markup, is_placeholder, is_site_name, structured_dates

PROSE = "<p>The harbour reopened on Monday after three weeks of repairs to the storm wall, officials said.</p>"


def _clean(head: str, header: str, tail: str = "", url: str | None = None, before: str = ""):
    page = (f"<html><head><title>Harbour reopens</title>{head}</head><body>{before}<article>"
            f"<h1>Harbour reopens after repairs</h1>{header}{PROSE * 3}</article>{tail}</body></html>")
    return Cleaner(use_profiles=False).clean(page, url=url, input_format="html")


def _ld(data: object) -> str:
    return f"<script type='application/ld+json'>{json.dumps(data)}</script>"


def test_a_rel_author_link_is_the_byline_when_the_meta_tags_name_none():
    article = _clean("", "<p>Posted by <a href='/people/42' rel='author'>John Scalzi</a></p>")
    assert article.byline == "John Scalzi"


def test_an_author_page_link_or_itemprop_author_is_the_byline():
    assert _clean("", "<div><a href='/author/ann-lee/'>Ann Lee</a></div>").byline == "Ann Lee"
    itemprop = "<div itemprop='author' itemscope><span itemprop='name'>Ann Lee</span>, Staff Writer</div>"
    assert _clean("", itemprop).byline == "Ann Lee"


def test_authors_in_comments_related_lists_and_footers_are_not_the_articles():
    tail = ("<section class='comments'><a rel='author' href='/u/1'>John Roe</a></section>"
            "<ul class='related-posts'><li><a href='/author/jane-doe'>Jane Doe</a></li></ul>"
            "<footer><a href='/author/site-team'>Site Team</a></footer>")
    assert _clean("", "", tail).byline is None


def test_a_site_name_given_as_the_author_yields_to_the_person_the_markup_names():
    head = "<meta name='author' content='Harbour Times'><meta property='og:site_name' content='Harbour Times'>"
    person = "<p class='byline'>By <a href='/author/ann-lee' rel='author'>Ann Lee</a></p>"
    assert _clean(head, person, url="https://www.harbourtimes.com/x").byline == "Ann Lee"
    # no person named: the site's name is all the page says, and it is kept (personal sites are their author)
    assert _clean(head, "", url="https://www.harbourtimes.com/x").byline == "Harbour Times"


def test_a_placeholder_in_the_author_meta_tag_is_no_byline():
    head = "<meta name='author' content='page.head.extra.author'>"
    assert _clean(head, "").byline is None
    assert _clean(head, "<span class='author-name'>Ann Lee</span>").byline == "Ann Lee"


@pytest.mark.parametrize("text, name", [
    ("By Ann Lee | 5 May 2025", "Ann Lee"), ("Author Ann Lee", "Ann Lee"), ("Articles by Ann Lee", "Ann Lee"),
    ("jsteinhardt", "jsteinhardt"), ("Author", None), ("View all posts", None), ("NB", None),
    ("page.head.author", None), ("read more of this story", None), ("Posted on 5 May 2025", None),
    ("Sat", None), ("May", None), ("Ann Lee Published", "Ann Lee"), ("Ann Lee Last updated 5 May", "Ann Lee"),
    ("Reviewed by Ann Lee", "Reviewed by Ann Lee"), ("Ann Date", "Ann Date"),
    ("Posted by annlee on Friday December 19, 2025 @09:00PM", "annlee"), ("Posted by Ann Lee on 5 May", "Ann Lee"),
])
def test_as_name(text, name):
    assert as_name(text) == name


def test_is_placeholder_and_is_site_name():
    assert is_placeholder("Article by") and is_placeholder("ann.lee") and not is_placeholder("Ann Lee")
    assert is_site_name("USA TODAY", None, "www.usatoday.com")
    assert is_site_name("Paperium.net", None, "paperium.net")
    assert is_site_name("The Verge", "The Verge", None)
    assert not is_site_name("Ann Lee", "The Verge", "www.theverge.com")


def test_structured_dates_prefer_the_articles_json_ld_and_read_graphs():
    page = html.fromstring(
        "<html><head>" + _ld({"@context": "https://schema.org", "@graph": [
            {"@type": "WebSite", "datePublished": "2001-01-01"},
            {"@type": ["NewsArticle"], "datePublished": "2024-03-05T23:30:00-05:00", "dateModified": "2025-01-02"},
        ]}) + "<meta property='article:published_time' content='2020-02-02T00:00:00Z'></head><body></body></html>")
    assert structured_dates(page) == {"datePublished": "2024-03-05", "dateModified": "2025-01-02"}
    metas = html.fromstring("<html><head><meta property='article:published_time' content='2020-02-02T10:00Z'>"
                            "<meta property='article:modified_time' content='2021-03-03'></head><body>"
                            "<p>x</p></body></html>")
    assert structured_dates(metas) == {"datePublished": "2020-02-02", "dateModified": "2021-03-03"}
    broken = html.fromstring("<html><head><script type='application/ld+json'>{not json</script></head>"
                             "<body><p>x</p></body></html>")
    assert structured_dates(broken) == {}


def test_an_updated_dateline_yields_to_the_structured_publication_date():
    head = ("<meta property='article:published_time' content='2024-10-15T08:00:00Z'>"
            "<meta property='article:modified_time' content='2025-06-18T08:00:00Z'>")
    article = _clean(head, "<p class='dateline'>Updated on June 18, 2025 at 12:35 PM</p>")
    assert article.date == "2024-10-15"
    # the dateline's own date wins where it is not an update
    assert _clean(head, "<p class='dateline'>June 20, 2025</p>").date == "2025-06-20"
    # the same update without structured dates: the dateline is all the page says
    assert _clean("", "<p class='dateline'>Updated on June 18, 2025</p>").date == "2025-06-18"


def test_a_header_showing_both_dates_gives_the_published_one():
    head = _ld({"@type": "BlogPosting", "datePublished": "2024-03-17", "dateModified": "2024-05-03"})
    header = "<p class='meta'>Last updated May 3, 2024</p><p class='meta'>First published March 17, 2024</p>"
    assert _clean(head, header).date == "2024-03-17"


def test_is_update():
    assert is_update("Last Updated: February 28, 2026") and is_update("Mis à jour le 3 mai 2024")
    assert not is_update("Published 5 May 2025") and not is_update("The update of the harbour wall")


def test_a_roster_of_more_than_three_authors_gives_its_first():
    roster = "<meta name='author' content='Lisa Jennings; Bret Thorn; Patricia Cobe; Joe Guszkowski'>"
    assert _clean(roster, "").byline == "Lisa Jennings"
    assert _clean("<meta name='author' content='Ann Lee; Bo Park'>", "").byline == "Ann Lee; Bo Park"


def test_a_by_line_beside_its_dateline_is_the_byline_where_the_markup_names_no_author():
    article = _clean("", "<p>By Daniel Renfrow April 12, 2024</p>")
    assert article.byline == "Daniel Renfrow"
    apart = _clean("", "<p>By Chase Bernath</p><p>•</p><p>January 23, 2026</p>")
    assert apart.byline == "Chase Bernath"


def test_a_by_line_with_no_date_by_it_is_no_byline():
    """A menu's "Browse by" entries print "By Event Type" too."""
    assert _clean("", "<ul><li>By Event Type</li></ul>").byline is None


def test_a_by_line_beside_its_dateline_replaces_the_site_named_as_author():
    head = ("<meta property='og:site_name' content='Tree Planters'>"
            "<meta name='author' content='Tree Planters'>")
    article = _clean(head, "<p>by Meaghan Weeden ● December 23, 2025 ● 6 min read</p>",
                     url="https://treeplanters.org/blog/waste")
    assert article.byline == "Meaghan Weeden"


def test_a_site_account_or_a_templates_key_value_is_no_author():
    assert is_placeholder("NOC Admin") and is_placeholder("Webmaster") and is_placeholder("undefined")
    assert is_placeholder("content: MarketingSherpa")
    assert not is_placeholder("Ann Lee")


def test_an_author_element_inside_the_layouts_wrapper_around_the_headline_is_the_articles():
    # Themes name the wrappers around the whole article after their layout ("content-sidebar-wrap",
    # "site-footer-bottom"): the author element in one is the article's, not a sidebar's or a footer's.
    page = ("<html><head><title>Harbour reopens</title></head><body><div class='content-sidebar-wrap'>"
            "<main><article><h1>Harbour reopens after repairs</h1><span class='author-name'>Ann Lee</span>"
            f"{PROSE * 3}</article></main><aside class='sidebar'><a rel='author' href='/u/2'>Bob Roe</a></aside>"
            "</div></body></html>")
    assert Cleaner(use_profiles=False).clean(page, input_format="html").byline == "Ann Lee"
    # ... while a sidebar beside the article (it does not hold the headline) is still someone else's
    sidebar_only = page.replace("<span class='author-name'>Ann Lee</span>", "")
    assert Cleaner(use_profiles=False).clean(sidebar_only, input_format="html").byline is None


def test_the_sites_one_word_name_in_an_author_element_is_no_byline_but_a_persons_site_is_its_author():
    url = "https://www.harbourtimes.com/x"
    site = "<meta property='og:site_name' content='Harbourtimes'>"
    assert _clean(site, "<span class='author'>Harbourtimes</span>", url=url).byline is None
    person = "<meta property='og:site_name' content='Ann Lee'>"
    assert _clean(person, "<span class='author'>Ann Lee</span>", url="https://annlee.com/x").byline == "Ann Lee"


def test_an_author_element_between_the_headline_and_the_first_paragraph_is_the_articles():
    # A page builder's blocks are "widgets" and a header's last row its "bottom": in the article's header
    # (after its headline, before its first paragraph) an author element is the article's all the same.
    header = ("<div class='elementor-widget-container'><span class='post-info__item--type-author'>Kev</span></div>"
              "<div class='article__header__bottom'><span class='author-note'>about the writer</span></div>")
    assert _clean("", header).byline == "Kev"
    # ... but there too, an element whose text is not a name's words is not taken for its place alone
    assert _clean("", "<div class='widget'><div class='author-list'>Harbour AI platform for ports</div></div>"
                  ).byline is None
    # ... and the same author element after the article's first paragraph, in a widget, is not the article's
    page = ("<html><head><title>Harbour reopens</title></head><body><article><h1>Harbour reopens after repairs</h1>"
            f"{PROSE * 3}</article><div class='widget'><span class='author'>Kev</span></div></body></html>")
    assert Cleaner(use_profiles=False).clean(page, input_format="html").byline is None


def test_a_one_word_author_or_handle_in_the_meta_tags_is_the_byline_unless_it_is_the_site():
    assert _clean("<meta name='author' content='Sarah'>", "").byline == "Sarah"
    assert _clean("<meta name='author' content='annlee'>", "").byline == "annlee"
    # an acronym is an organisation's, or a credential split off a name ("Ann Lee, RN"), not a byline
    assert _clean("<meta name='author' content='HTN'>", "").byline is None
    credited = {"@context": "https://schema.org", "@type": "NewsArticle",
                "author": [{"@type": "Person", "name": "Ann Lee"}, {"@type": "Person", "name": "FAND"}]}
    assert _clean(_ld(credited), "").byline == "Ann Lee"
    url = "https://www.harbourtimes.com/x"
    assert _clean("<meta name='author' content='Harbourtimes'>", "", url=url).byline == "Harbourtimes"
    assert _clean("<meta name='author' content='Harbourtimes'>", "<span class='author'>Ann Lee</span>",
                  url=url).byline == "Ann Lee"


def test_the_sites_name_among_the_json_ld_authors_is_the_publisher_not_a_writer():
    authors = {"@context": "https://schema.org", "@type": "NewsArticle",
               "author": [{"@type": "Person", "name": "Ann Lee"}, {"@type": "Person", "name": "Harbourtimes"}]}
    assert _clean(_ld(authors), "", url="https://harbourtimes.com/x").byline == "Ann Lee"


def test_a_menus_by_entry_above_the_header_credits_no_one():
    # "Shop By Style" in the page's <nav>, far above the headline: a way to browse, not a byline; the same
    # "By …" line outside a menu is still read as the credit above the header
    items = "".join(f"<li><a href='/c/{n}'>Category {n}</a></li>" for n in range(1, 21))
    menu = "<nav><ul><li><a href='/s'>By Style</a></li>" + items + "</ul></nav>"
    assert _clean("", "", before=menu).byline is None
    credit = "<div><ul><li>By Ann Lee</li>" + items.replace("<a", "<span").replace("</a>", "</span>") + "</ul></div>"
    assert _clean("", "", before=credit).byline == "Ann Lee"


def test_a_by_line_under_the_headline_names_the_author_whatever_its_class():
    # no author/byline class, no date beside it: between the headline and the first paragraph it is the byline
    assert _clean("", "<p>By Ann Lee</p>").byline == "Ann Lee"
    assert _clean("", "<div class='meta'><span>Written by <b>Ann Lee</b></span></div>").byline == "Ann Lee"
    # ... not after the article's first paragraph (a teaser's), nor in lowercase words (a sentence)
    assert _clean("", "", tail="<p>By Ann Lee</p>").byline is None
    assert _clean("", "<p>By the harbour wall</p>").byline is None


def test_a_date_only_a_comment_states_is_not_the_articles():
    comment = ("<section class='comments'><div class='comment'><time datetime='2025-01-02'>January 2, 2025</time>"
               "<p>Great article, thanks for sharing it with us all.</p></div></section>")
    assert _clean("", "", tail=comment).date is None
    # ... the article's own <time> (the page's body class may say "comments-open") is its date
    own = "<p><time datetime='2024-03-07T10:00'>Thursday</time></p>"
    page = _clean("", own, tail=comment).date
    assert page == "2024-03-07"
    wrapped = ("<html><head><title>Harbour reopens</title></head><body class='single comments-open'><article>"
               f"<h1>Harbour reopens after repairs</h1>{own}{PROSE * 3}</article></body></html>")
    assert Cleaner(use_profiles=False).clean(wrapped, input_format="html").date == "2024-03-07"


def test_the_author_elements_are_what_the_author_xpaths_find_in_their_order():
    """One pass over the elements stands in for the four XPaths (the specification): the same elements, each
    query's in document order, the queries in turn; ``rel`` split as ``normalize-space`` splits (a
    no-break space or a form feed does not separate words there), an element found by two queries twice."""
    from cleaner.html.stated import _AUTHOR_XPATHS, _author_elements, _author_elements_walked

    page = html.fromstring(
        "<html><head><meta itemprop='author' content='Ann Lee'></head><body>"
        "<div class='post-Byline'><a rel='nofollow\tauthor\n' href='/authors/ann'>Ann</a></div>"
        "<a rel='author\u00a0x'>no-break space</a><a rel='x\fauthor'>form feed</a><a rel=' author '>spaces</a>"
        "<span itemprop='author' class='Author'>Bob Roe</span><a href='/AUTHOR/x'>capitals</a>"
        "<!-- <a rel='author'>a comment</a> --><p class='bylines'><a href='/x/author/y' rel='AUTHOR'>Cy</a></p>"
        "<b itemprop='author '>trailing space</b><div id='author'>an id</div></body></html>")
    expected = [element for xpath in _AUTHOR_XPATHS for element in page.xpath(xpath)]
    assert len(expected) == 9
    assert _author_elements(page) == expected
    assert _author_elements(page.find("body")) == expected      # the XPaths read the whole document
    assert _author_elements_walked(page) == expected            # the reference of the core's pass


def test_the_cores_author_elements_are_the_reference_walks():
    """The native core's pass finds the author elements the Python pass finds (the reference), in its order,
    each reached by its path of child indices (comments and processing instructions are children to lxml
    too); a page it cannot read (an attribute holding an entity reference) it leaves to the Python pass."""
    from cleaner.html.layout import native_author_paths
    from cleaner.html.stated import _author_elements, _author_elements_walked

    page = html.fromstring(
        "<html><head><!-- c --><meta itemprop='author' content='Ann Lee'><?pi x?></head><body><!-- a -->"
        "<div class='x'><!-- b --><p>t<a rel='author' class='byline'>Ann</a><!-- c --><?pi y?>"
        "<a href='/authors/x' rel='me author'>x</a></p></div><ul><li><span itemprop='author'>"
        "<b itemprop='name'>Bob</b></span></li></ul><p class='post-Author'>Cy</p></body></html>")
    paths = native_author_paths(page)
    if paths is None:
        pytest.skip("the native core is not built or not used")
    assert len(paths) == 7
    assert _author_elements(page) == _author_elements_walked(page)
    assert [element.tag for element in _author_elements(page)] == ["meta", "span", "a", "a", "a", "a", "p"]


def test_a_short_text_is_the_elements_text_with_its_spaces_squeezed_or_none_when_long():
    """Read a piece at a time, the text is what joining the whole and squeezing its spaces gives: words
    never run across pieces (``<b>Ann</b>Lee`` is two), and over ``most`` words it is None."""
    from cleaner.html.stated import _short_text

    element = html.fromstring("<p>  By <b>Ann</b>Lee\u00a0and\t<i> Bob  Roe </i>| 5 May </p>")
    assert _short_text(element, 9) == " ".join(" ".join(element.itertext()).split()) == \
        "By Ann Lee and Bob Roe | 5 May"
    assert _short_text(element, 8) is None


def test_the_dates_outside_json_ld_are_read_as_the_date_xpaths_read_them():
    """The meta tags and microdata read without the XPaths (the specification): the same values in the same
    order, an element's ``content`` and ``datetime`` in the order it has them; a property or a name that only
    one key's XPath accepts counts for that key alone."""
    from cleaner.html.stated import _DATE_XPATHS, _meta_dates, _microdata_dates, head_tags

    page = html.fromstring(
        "<html><head><meta name='og:updated_time' content='2020-01-01'>"
        "<meta property='og:updated_time' content='2021-02-02'><meta name='article:published_time'>"
        "<meta property='article:published_time' content='x 2019-03-03'></head><body>"
        "<time itemprop='datePublished' datetime='2018-04-04' content='2018-05-05'>4 April</time>"
        "<span itemprop='dateModified' content='2017-06-06' datetime='2017-07-07'></span>"
        "<b itemprop='datePublished '>2016</b><i itemprop='datePublished' datetime='2015-08-08'></i>"
        "</body></html>")
    microdata = _microdata_dates(page)
    for key, (metas, items) in _DATE_XPATHS.items():
        assert list(_meta_dates(head_tags(page), key)) == [str(value) for value in page.xpath(metas)]
        assert microdata[key] == [str(value) for value in page.xpath(items)]
    assert microdata["datePublished"] == ["2018-04-04", "2018-05-05", "2015-08-08"]
    assert structured_dates(page) == {"datePublished": "2018-04-04", "dateModified": "2021-02-02"}


def test_the_meta_tags_and_scripts_are_read_in_one_walk_as_their_xpaths_read_them():
    """The metadata readers share one walk of the page's ``<meta>`` and ``<script>`` elements
    (:func:`head_tags`); what they read of it is what their XPaths (the specification) give: the meta tags'
    ``content`` and the scripts' text in document order (an empty ``content`` counted, a script without text
    not), the JSON-LD scripts alone by their ``type``."""
    from cleaner.html.evidence import _stated_pieces
    from cleaner.html.stated import head_tags, script_texts

    page = html.fromstring(
        "<html><head><meta charset='utf-8'><meta name='author' content='Ann Lee'><meta content=''>"
        "<script>var a = 1;</script><script type='application/ld+json'>{\"@type\": \"Article\"}</script>"
        "<script src='x.js'></script><script type='application/ld+json '>{}</script></head><body><p>Text</p>"
        "<script type='application/ld+json'>\n  {\"author\": \"Bob  Roe\"}\n</script>"
        "<meta property='og:title' content=' Harbour '><div><script>if (a < b) { c(); }</script></div>"
        "</body></html>")
    tags = head_tags(page)
    assert list(_stated_pieces(tags)) == [str(value) for value in page.xpath("//meta/@content | //script/text()")]
    assert list(script_texts(tags, "application/ld+json")) == [
        str(value) for value in page.xpath("//script[@type='application/ld+json']/text()")]
    assert len(list(script_texts(tags))) == 5 and len(list(_stated_pieces(tags))) == 8


def test_an_author_box_gives_the_name_on_its_first_line_not_the_role_or_rank_under_it():
    box = ("<div class='author_information'><strong><a href='/u/7'>StarredSkies</a></strong><br>"
           "<span class='smalltext'><p class='team-role'>Big Board Owner</p></span></div>")
    assert author_in_markup(html.fromstring(f"<html><body>{box}{PROSE}</body></html>")) == "StarredSkies"
    role = "<div class='post-author'><div class='name'>Ann Lee</div><div class='role'>Trending Editor</div></div>"
    assert _clean("", role).byline == "Ann Lee"
    # a teaser's "category" / "date" lines are no name; with a date in it the element is read whole, as before
    teaser = "<div class='byline'><p>Personal finance</p><p>January 27, 2025</p></div>"
    assert author_in_markup(html.fromstring(f"<html><body>{teaser}{PROSE}</body></html>")) is None


def test_a_repeat_of_an_author_element_that_named_no_one_is_a_replys_not_the_opening_posts():
    # a forum's posts each print their author in the same element; the opening post's is no name as read
    # (a dotted login), and the first reply's is not the thread's author
    posts = "".join(f"<div class='post'><span class='creator' itemprop='author'>{who}</span>{PROSE}</div>"
                    for who in ("hayley.p", "alison100", "Kestrel"))
    page = html.fromstring(f"<html><body><h1>Struggling with getting stronger</h1>{posts}</body></html>")
    assert author_in_markup(page) is None


def test_a_meta_author_the_page_never_prints_yields_to_the_headers_credit():
    head = "<meta name='author' content='KatieS'>"
    credit = "<p>by <a href='/authors/aoife-oriordan/' class='author-link'><span>Aoife O'Riordan</span></a></p>"
    assert _clean(head, credit).byline == "Aoife O'Riordan"
    # the meta author printed on the page (here in an about box) stays the byline
    about = "<div class='bio'>KatieS edits the travel desk.</div>"
    assert _clean(head, credit, tail=about).byline == "KatieS"
    # a header crediting no one leaves the meta author
    assert _clean(head, "").byline == "KatieS"


def test_an_author_in_another_storys_microdata_is_not_the_articles():
    def teaser(title: str) -> str:
        return (f"<div itemscope itemtype='https://schema.org/BlogPosting'><meta itemprop='headline' "
                f"content='{title}'><div itemprop='author' itemscope itemtype='https://schema.org/Person'>"
                f"<meta itemprop='name' content='Marie Stafford'></div><a href='/x'>{title}</a></div>")
    grid = f"<div class='pp-content-grid'>{teaser('Tuesday Tip: Your Smart TV')}{teaser('Tuesday Tip: Apps')}</div>"
    assert _clean("", "", tail=grid).byline is None
    # the article's own item (its headline the page's, or its <title>'s) names the article's author
    assert _clean("", "", tail=teaser("Harbour reopens")).byline == "Marie Stafford"


def test_a_forums_opening_post_time_between_the_headline_and_its_text_is_the_threads_date():
    def post(kind: str, day: str, text: str) -> str:
        return (f"<div class='Item Item{kind}'><div class='Item-Header {kind}Header'><span class='DateCreated'>"
                f"<time datetime='{day}T16:35:52+00:00'>{day[5:]}</time></span></div><p>{text}</p></div>")
    thread = ("<html><head><title>Vanilla is closing</title></head><body><div class='MessageList Discussion'>"
              "<h1>Higher Logic has terminated open source Vanilla</h1>"
              + post("Discussion", "2025-03-01", PROSE[3:-4])
              + post("Comment", "2025-03-04", "That is sad news for everyone who ran a forum on it for years.")
              + "</div></body></html>")
    assert Cleaner(use_profiles=False).clean(thread, input_format="html").date == "2025-03-01"


def test_author_names_found_as_they_are_are_the_names_the_squeezed_pieces_give():
    """A name a meta tag or script holds as it is is taken without squeezing every script of the page; the
    answer is the one the squeezed pieces (the reference) give: a name split over a line end, in another
    case or with other punctuation between its words is still looked for in them."""
    from cleaner.html.evidence import _as_page_spells, _spelled_in, _squeezed, _stated_pieces
    from cleaner.html.stated import head_tags

    page = html.fromstring(
        "<html><head><meta name='author' content='Ann Lee'><meta name='x' content='Bob\n   Roe'>"
        "<meta name='y' content='CARA  DEE'><script>var by = 'Dan\tB. Eve';</script></head>"
        "<body><p>Written by Fay Gil.</p></body></html>")
    tags = head_tags(page)
    stated = "\x00".join(_squeezed(_stated_pieces(tags)))
    for authors, expected in [("Ann Lee", "Ann Lee"), ("Bob Roe", "Bob Roe"), ("Cara Dee", "CARA DEE"),
                              ("Dan B Eve", "Dan B. Eve"), ("Fay Gil", "Fay Gil"), ("Ann Lee; Bob Roe", "Ann Lee; Bob Roe"),
                              ("Hal Ito", None)]:
        reference = [found for name in authors.split("; ")
                     if (found := _spelled_in(name, stated)
                         or _spelled_in(name, "\x00".join(_squeezed(page.itertext()))))]
        assert _as_page_spells(authors, page, tags) == expected == ("; ".join(reference) or None)


def test_an_author_element_of_a_comment_a_customer_review_or_an_authorized_badge_credits_no_one():
    # issue 20, round 37: the element's own class says whose it is, not only its ancestors'
    for element in ("<p class='comment-form-author'><label>Name</label><input></p>",
                    "<div class='customer_review_author'><strong>John Warren</strong><span>Reviewed</span></div>",
                    "<div class='testimonial-author'>Bruce Henry</div>",
                    "<a class='authorized-dealer-link'><div class='authorized_x'>Authorized Dealer</div></a>"):
        assert author_in_markup(html.fromstring(f"<html><body>{PROSE}{element}</body></html>")) is None, element
    assert author_in_markup(html.fromstring(f"<html><body>{PROSE}<span class='post-author'>Ann Lee</span>"
                                            "</body></html>")) == "Ann Lee"


def test_a_form_label_or_a_sentence_in_an_author_slot_is_no_name():
    assert is_placeholder("Name") and is_placeholder("Your Name")
    assert as_name("This review is posted in Mobile App Reviews") is None
    assert as_name("Ann de Lee") == "Ann de Lee"
    assert as_name("Kevin Johnson and Kevin McCoy") == "Kevin Johnson and Kevin McCoy"


def test_one_author_meta_tag_naming_four_writers_is_the_byline_not_a_roster():
    head = "<meta name='author' content='Artur Ekert, Timothy Hosgood, Alastair Kay, Chiara Macchiavello'>"
    assert _clean(head, "").byline == "Artur Ekert; Timothy Hosgood; Alastair Kay; Chiara Macchiavello"


def test_an_items_creation_date_is_its_publication_where_none_is_stated():
    """A Q&A page marks its question's "Asked" ``<time>`` up as ``dateCreated`` (each answer's after it) and
    states no ``datePublished``: the question's is the page's, not the "edited" date htmldate reads. A
    ``dateCreated`` in the comments is a reply's; a stated ``datePublished`` wins over any."""
    question = ("<div class='question'><time itemprop='dateCreated' datetime='2014-03-28 11:38:28Z'>"
                "11 years ago</time></div>")
    edited = "<div class='user-action-time'>edited <span title='2017-04-13 12:52:13Z'>Apr 13, 2017</span></div>"
    answer = "<div class='answer'><time itemprop='dateCreated' datetime='2014-03-29 04:13:27Z'></time></div>"
    page = html.fromstring(f"<html><head></head><body><h1>How to book flights</h1>{question}{edited}{answer}"
                           "</body></html>")
    assert structured_dates(page) == {"datePublished": "2014-03-28"}
    in_comments = html.fromstring("<html><body><h1>How to book flights</h1><div class='comments'>"
                                  "<time itemprop='dateCreated' datetime='2020-01-01'></time></div></body></html>")
    assert structured_dates(in_comments) == {}
    stated = html.fromstring("<html><head><meta property='article:published_time' content='2013-01-01'></head>"
                             f"<body><h1>How to book flights</h1>{question}</body></html>")
    assert structured_dates(stated) == {"datePublished": "2013-01-01"}


def test_a_meta_publication_date_in_another_form_than_iso_is_read_month_first():
    """``article:published_time`` "03-09-2026" is read by the one date parser (month first, as it reads a
    numeric date: 9 March), where no structured value is ISO; an ISO value elsewhere wins."""
    page = html.fromstring("<html><head><meta property='article:published_time' content='03-09-2026'>"
                           "<meta property='article:modified_time' content='03-07-2026'></head>"
                           "<body><p>x</p></body></html>")
    assert structured_dates(page)["datePublished"] == "2026-03-09"
    iso = html.fromstring("<html><head><meta property='article:published_time' content='03-09-2026'></head>"
                          "<body><span itemprop='datePublished' content='2026-03-08'></span></body></html>")
    assert structured_dates(iso) == {"datePublished": "2026-03-08"}
    assert _clean("<meta property='article:published_time' content='03-09-2026'>", "").date == "2026-03-09"


def test_a_json_ld_string_with_a_raw_line_break_still_gives_its_dates():
    """A script whose description was pasted with its line breaks is not strict JSON; its dates are read as
    the byline's reader reads it (``strict=False``)."""
    script = ('<script type="application/ld+json">{"@type": "VideoGame", "datePublished": "2017-03-03"}</script>'
              '<script type="application/ld+json">{"@type": "DiscussionForumPosting", "articleBody": "Line one.\n\n'
              'Line two.", "datePublished": "2024-02-21 13:00:00"}</script>')
    page = html.fromstring(f"<html><head>{script}</head><body><p>x</p></body></html>")
    assert structured_dates(page) == {"datePublished": "2024-02-21"}


def test_a_members_joining_date_is_no_dateline_of_the_page():
    """A forum prints the poster's "Joined: Mon Jul 24, 2017" above the first post's date: the post's date is
    the page's, as on the text path (:func:`cleaner.dates.dates_another`)."""
    header = ("<div class='profile'><p>Joined: Mon Jul 24, 2017 9:28 am</p></div>"
              "<p class='author'>Post by changingtimes » Sat Feb 24, 2024 12:41 pm</p>")
    assert _clean("", header).date == "2024-02-24"


def test_a_dateline_under_the_headline_comes_before_one_above_it():
    """A site bar prints today's date above the article ("Friday, December 19, 2025"); the article's own
    stands under its headline. Where only one is above the headline, it is the page's."""
    bar = "<div class='todays-date'><p><strong>Friday</strong>, December 19, 2025</p></div>"
    assert _clean("", "<p class='meta'>12.12.2025</p>", before=bar).date == "2025-12-12"
    assert _clean("", "", before="<p class='meta'>March 3, 2025</p>").date == "2025-03-03"


def test_a_credit_line_gives_its_date_though_longer_than_a_dateline():
    """A byline that names the writer's role runs past a dateline's ten words ("By Ann Lee ⋅ Senior Review
    Analyst ⋅ Updated March 5, 2025", "03/01/2017 by Ann Lee, …"): its date is the article's."""
    credit = "<p class='meta'>By Genaveve Bradshaw ⋅ Senior Review Analyst ⋅ Updated March 5, 2025</p>"
    assert _clean("", credit).date == "2025-03-05"
    after = "<p class='meta'>03/01/2017 by Agatha Caleo, Candidate Representative to the Liaison Committee</p>"
    assert _clean("", after).date == "2017-03-01"



def test_a_time_marked_pubdate_is_the_publication_date_over_the_json_ld():
    """HTML5's ``<time pubdate>`` marks the date the page prints as its publication's; the JSON-LD's
    ``datePublished`` (a republication's) and the meta tag's (a creation's) yield to it. One in the comments
    is a reply's; one without an ISO ``datetime`` ("Aug 13") says nothing."""
    head = (_ld({"@type": "Article", "datePublished": "2025-11-29T12:28:31-05:00",
                 "dateModified": "2025-11-29T12:28:31-05:00"})
            + "<meta property='article:published_time' content='2025-08-08T00:00:00-04:00'>")
    marked = ("<div class='article-body__published'>Published <time pubdate datetime='2025-08-13'>"
              "August 13, 2025</time></div>")
    page = html.fromstring(f"<html><head>{head}</head><body><h1>Free accounting tools</h1>{marked}</body></html>")
    assert structured_dates(page) == {"datePublished": "2025-08-13", "dateModified": "2025-11-29"}
    assert _clean(head, "", tail=marked).date == "2025-08-13"
    replies = "<div class='comments'><time pubdate datetime='2025-12-01'>Dec 1</time></div>"
    unmarked = html.fromstring(f"<html><head>{head}</head><body><h1>Free accounting tools</h1>{replies}"
                               "<time pubdate datetime='Aug 13'>Aug 13</time></body></html>")
    assert structured_dates(unmarked)["datePublished"] == "2025-11-29"
