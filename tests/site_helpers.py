"""Helpers for the site-template tests (no tests here): the pages of one made-up site, its template around
each story, as text and as HTML. Each story's words are its own; the menu, footer and related links are the
site's."""

from __future__ import annotations

import html

NAV = ["Example Gazette - Home", "News", "Sport", "Culture", "Opinion", "Subscribe"]
FOOTER = ["Share this article", "More from Example Gazette", "About us", "Contact the newsroom",
          "© 2024 Example Gazette Media Group. All rights reserved."]
STORIES = [
    ("Tram line to reach the harbour by 2027", "Ann Lee", "March 3, 2024", 12, [
        "The council voted on Tuesday to extend the tram line to the harbour, after a debate that lasted most of "
        "the afternoon and drew a large crowd of residents and shop owners.",
        "Construction is expected to start next spring and to take about two years, the mayor said, adding that "
        "the route had been chosen to serve the new housing estates along the river.",
        "Opponents argued that the money would be better spent on buses, which reach more neighbourhoods."]),
    ("Library reopens after a year of repairs", "Bo Chan", "April 11, 2024", 3, [
        "The central library opened its doors again on Saturday after a year in which builders replaced the roof "
        "and the heating, and volunteers moved some forty thousand books.",
        "Visitors queued before nine o'clock, and the children's floor was full within the hour, staff said.",
        "The reading room keeps its old oak tables, restored by a workshop from the valley."]),
    ("Orchard harvest is the best in a decade", "Cy Dunn", "September 28, 2024", 27, [
        "Growers in the eastern valley are picking the largest apple crop in ten years, helped by a mild spring "
        "and a dry, warm September that kept the fruit free of mould.",
        "Cider makers said they would take every apple the orchards could not sell to the supermarkets.",
        "Pickers came from across the region, and several farms doubled their seasonal staff."]),
    ("Harbour festival returns with tall ships", "Di Evans", "June 7, 2024", 5, [
        "Five tall ships sailed into the harbour on Friday for the first festival since the quay was rebuilt, "
        "watched by thousands of people along the sea wall.",
        "The organisers expect more than fifty thousand visitors over the three days of the event.",
        "Traders on the quay said they had ordered twice their usual stock for the weekend."]),
]
RELATED = [["Bus fares to rise in January", "New school opens on the hill"],
           ["Bridge closed for repairs", "Farmers' market moves indoors"],
           ["Council approves cycle lanes", "Museum wins national award"],
           ["Storm brings down power lines", "Choir tours the valley towns"]]
#: A paragraph of the site's own, printed on every page below the story (kept by the generic stages).
ABOUT = ("Example Gazette is an independent newspaper, published in the valley since 1887 and owned by the "
         "people who read it.")


def template_page(number: int) -> str:
    """Page ``number`` of a site: its template around one story (the story's words are its own)."""
    title, author, date, comments, paragraphs = STORIES[number]
    lines = NAV + [title, f"By {author}", date, *paragraphs, f"{comments} comments", FOOTER[0], FOOTER[1],
                   *RELATED[number], *FOOTER[2:]]
    return "\n\n".join(lines) + "\n"


def gazette_pages(count: int) -> list[str]:
    """The first ``count`` pages, each with the site's "about" paragraph above its comment count."""
    return [template_page(i).replace(f"\n{STORIES[i][3]} comments", f"\n{ABOUT}\n\n{STORIES[i][3]} comments")
            for i in range(count)]


def html_page(number: int) -> str:
    """Page ``number`` of the same site as HTML: menu in <nav>, story in <article>, related list, footer."""
    title, author, date, comments, paragraphs = STORIES[number]
    nav = "".join(f"<li><a href='/{n}'>{html.escape(n)}</a></li>" for n in NAV)
    body = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    related = "".join(f"<li><a href='/r'>{html.escape(r)}</a></li>" for r in RELATED[number])
    footer = "".join(f"<p>{html.escape(f)}</p>" for f in FOOTER[2:])
    return (f"<!DOCTYPE html><html><head><title>{html.escape(title)} | Example Gazette</title></head><body>"
            f"<nav><ul>{nav}</ul></nav><main><article><h1>{html.escape(title)}</h1><p class='byline'>By {author}</p>"
            f"<time>{date}</time>{body}<p>{comments} comments</p></article><aside><h2>{FOOTER[1]}</h2>"
            f"<ul>{related}</ul></aside></main><footer>{footer}</footer></body></html>")
