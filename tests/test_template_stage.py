"""Stage `template`: a trust_region = false profile's rules and a host's template evidence, applied after the
generic stages."""

from __future__ import annotations

import pytest
from conftest import FIXTURES
from site_helpers import ABOUT, STORIES, gazette_pages, html_page

from cleaner import Cleaner
from cleaner.document import BODY, BOILERPLATE
from cleaner.site_evidence import SiteCounter, line_hash, page_hashes
from cleaner.profiles import load_profile

GENERIC = Cleaner(use_profiles=False)


def untrusted(tmp_path, drops: str, article: str = "") -> object:
    path = tmp_path / "site.toml"
    path.write_text(f'name = "site"\nhosts = ["site.example"]\n[article]\ntrust_region = false\n{article}\n{drops}',
                    encoding="utf-8")
    return load_profile(path)


def test_an_outside_rule_drops_the_chrome_around_the_text_not_the_same_line_inside_it(tmp_path):
    profile = untrusted(tmp_path, "[[drop]]\nmatch = '^Update: '\nreason = 'site update box'\nwhere = 'outside'\n")
    paragraphs = STORIES[0][4]
    inner = "Update: the council published its full decision on the tram line, with the votes of each member."
    text = "\n\n".join(["Update: our guide to the city", STORIES[0][0], paragraphs[0], inner, paragraphs[1],
                        paragraphs[2], "Update: read more stories on our home page"]) + "\n"
    generic = [d.label for d in GENERIC.clean(text).decisions]
    assert generic[0] == generic[3] == generic[-1] == BODY     # the generic fallback keeps all three
    article = GENERIC.clean(text, profile=profile)
    decisions = [(d.label, d.stage, d.reason) for d in article.decisions]
    assert decisions[0] == (BOILERPLATE, "template", "profile site: site update box") and decisions[-1] == decisions[0]
    assert decisions[3][0] == BODY          # inside the text the generic stages kept: left to them
    assert article.paragraphs == [paragraphs[0], inner, paragraphs[1], paragraphs[2]]


def test_the_region_drops_what_follows_it_and_keeps_what_the_generic_stages_kept_above_it(tmp_path):
    paragraphs = STORIES[1][4]
    contents = "In this story: the roof, the heating, and the forty thousand books moved by volunteers."
    footer = "Our newsroom answers every letter, and corrections are printed on the second page of each issue."
    text = "\n\n".join([contents, "Start of the story", STORIES[1][0], *paragraphs, "End of the story", footer]) + "\n"
    generic = {d.text: d.label for d in GENERIC.clean(text).decisions}
    assert generic[contents] == generic[footer] == BODY
    profile = untrusted(tmp_path, "", "start_after = ['^Start of the story$']\nend_before = ['^End of the story$']")
    decisions = {d.text: d for d in GENERIC.clean(text, profile=profile).decisions}
    assert decisions[contents].label == BODY    # above the start line: the page's own, unless a rule names it
    assert (decisions[footer].label, decisions[footer].reason) == (BOILERPLATE, "profile site: after the article")
    assert all(decisions[p].label == BODY for p in paragraphs)


def _fixture_dumps():
    return sorted(p for p in FIXTURES.glob("*/*.txt") if not p.name.endswith(".expected.txt"))


@pytest.mark.parametrize("dump", _fixture_dumps(), ids=lambda p: p.name)
def test_an_untrusted_profile_leaves_every_other_line_to_the_generic_stages(tmp_path, dump):
    """Lines the profile does not name keep the generic fallback's label: its drops do not shift the model's
    view of the page (a menu dropped before scoring would change how its neighbours read)."""
    text = dump.read_text(encoding="utf-8")
    generic = GENERIC.clean(text).decisions
    named = [d.text for d in generic if d.label == BODY and len(d.text.split()) >= 8][1::2]
    if not named:
        pytest.skip("no body line to name")
    rules = "".join(f"[[drop]]\nmatch = '^{_literal(t)}$'\nreason = 'named'\n" for t in named[:20])
    decisions = GENERIC.clean(text, profile=untrusted(tmp_path, rules)).decisions
    for g, d in zip(generic, decisions):
        if d.text in named[:20]:
            assert (d.label, d.stage, d.reason) == (BOILERPLATE, "template", "profile site: named")
        else:
            assert d.label == g.label, (d.text, g.reason, d.reason)


def _literal(text: str) -> str:
    return "".join("\\" + c if c in "\\.^$*+?{}[]|()" else c for c in text).replace("'", ".")


def evidence_of(texts: list[str], host: str = "example-gazette.com"):
    """The template evidence of ``texts`` as pages of ``host``, counted in this process."""
    counter = SiteCounter()
    for text in texts:
        counter.add(host, page_hashes(d.text for d in GENERIC.clean(text).decisions))
    return counter.evidence()


def test_host_evidence_drops_template_lines_the_generic_stages_kept_outside_the_text():
    texts = gazette_pages(4)
    evidence = evidence_of(texts)
    template = evidence.hosts["example-gazette.com"]
    assert template.pages == 4 and template.seen_on("News") == 4 and template.seen_on(STORIES[0][4][0]) == 0
    cleaner = Cleaner(use_profiles=False, site_evidence=evidence)
    text = texts[0]
    generic = {d.text: d for d in GENERIC.clean(text).decisions}
    assert generic[ABOUT].label == BODY     # the generic fallback keeps the site's "about" paragraph
    article = cleaner.clean(text, url="https://www.example-gazette.com/story")
    decisions = {d.text: d for d in article.decisions}
    assert (decisions[ABOUT].label, decisions[ABOUT].stage) == (BOILERPLATE, "template")
    assert decisions[ABOUT].reason == "template: seen on 4 of 4 pages of example-gazette.com"
    assert article.paragraphs == STORIES[0][4]
    assert generic["Contact the newsroom"].reason.startswith("not body")   # dropped by the model alone:
    assert decisions["Contact the newsroom"].reason.startswith("template: seen on 4 of 4")   # now it says why
    assert (decisions["News"].stage, decisions["News"].reason) == (generic["News"].stage, generic["News"].reason)
    assert cleaner.clean(text).body == GENERIC.clean(text).body           # no URL: no host, no evidence
    assert cleaner.clean(text, url="https://other.example/x").body == GENERIC.clean(text).body
    assert cleaner.clean(text, url="example-gazette.com/x").body == article.body  # a URL without a scheme names it


def test_host_evidence_keeps_a_repeated_line_inside_the_text():
    heading = "What we know so far"
    texts = [t.replace(STORIES[i][4][1], heading + "\n\n" + STORIES[i][4][1]) for i, t in enumerate(gazette_pages(4))]
    cleaner = Cleaner(use_profiles=False, site_evidence=evidence_of(texts))
    for text in texts:
        generic = {d.text: d.label for d in GENERIC.clean(text).decisions}
        decisions = {d.text: d for d in cleaner.clean(text, url="https://example-gazette.com/a").decisions}
        assert decisions[heading].label == generic[heading]


def test_host_evidence_never_overrules_a_profile_or_the_markup(tmp_path):
    """The evidence is a detector's (SOFT): a template line a profile or the markup model decided keeps that
    decision (without the authority check both would say "template: seen on …")."""
    url = "https://example-gazette.com/a"
    texts = gazette_pages(4)
    cleaner = Cleaner(use_profiles=False, site_evidence=evidence_of(texts))
    path = tmp_path / "trusted.toml"
    path.write_text('name = "trusted"\nhosts = ["site.example"]\n[article]\n'
                    "end_before = ['^Share this article$']\n", encoding="utf-8")
    profile = load_profile(path)
    before = GENERIC.clean(texts[0], url=url, profile=profile).decisions
    after = cleaner.clean(texts[0], url=url, profile=profile).decisions
    ruled = [(b, a) for b, a in zip(before, after) if b.reason == "profile trusted: after the article"]
    assert any(b.text == "About us" for b, _ in ruled) and all(a == b for b, a in ruled)
    pages = [html_page(i) for i in range(4)]
    evidence = evidence_of(pages)
    cleaner = Cleaner(use_profiles=False, site_evidence=evidence)
    before = GENERIC.clean(pages[0], url=url).decisions
    after = cleaner.clean(pages[0], url=url).decisions
    markup = [(b, a) for b, a in zip(before, after) if b.stage == "markup" and b.label == BOILERPLATE
              and evidence.hosts["example-gazette.com"].seen_on(b.text) >= 3]
    assert markup and all(a == b for b, a in markup)


def test_evidence_needs_three_pages_and_most_of_them():
    counter = SiteCounter()
    for hashes in ([1, 2, 3], [1, 2], [1, 4], [5]):
        counter.add("a.example", hashes)
    counter.add("b.example", [1])
    counter.add(None, [1])
    evidence = counter.evidence()
    assert set(evidence.hosts) == {"a.example"}
    template = evidence.hosts["a.example"]
    assert template.pages == 4 and template.counts == {1: 3}
    assert template.is_template(3) and not template.is_template(2)
    assert evidence.for_url("https://WWW.a.example:8080/x?y") is template    # the URL's site (cleaner.urls)
    assert evidence.for_url(None) is evidence.for_url("http://[bad") is evidence.for_url("https://b.example") is None


def test_line_hashes_are_stable_and_a_page_counts_each_line_once():
    assert line_hash("Home") == line_hash("Home") != line_hash("home")
    assert list(page_hashes(["a", "b", "a"])) == sorted({line_hash("a"), line_hash("b")})
    assert len(page_hashes((str(i) for i in range(50)), cap=10)) == 10
