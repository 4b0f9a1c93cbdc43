"""`cleaner learn`: a site's template learned from its pages, never its articles' words."""

from __future__ import annotations

import json
import re
from collections import Counter
from functools import lru_cache
from itertools import combinations
from pathlib import Path

import pytest
from conftest import FIXTURES
from site_helpers import FOOTER, NAV, RELATED, STORIES, html_page, template_page

from cleaner import Cleaner
from cleaner.document import BODY
from cleaner.learn import LearnError, learn, page_from_article, render_profile
from cleaner.learn.shapes import shape_of
from cleaner.profiles import load_profile

GENERIC = Cleaner(use_profiles=False)


def _generic(text: str):
    return GENERIC.clean(text)


@lru_cache(maxsize=None)
def _page(name: str, text: str):
    """The page as the learner sees it, cached (a LearnPage holds strings only: no Line objects stay alive)."""
    return page_from_article(name, _generic(text))


def learned_profile(tmp_path: Path, texts: list[str], name: str = "example-gazette"):
    pages = [_page(f"page-{i}", text) for i, text in enumerate(texts)]
    learned = learn(pages, name, site="example-gazette.com")
    path = tmp_path / f"{name}.toml"
    path.write_text(render_profile(learned), encoding="utf-8")
    return learned, load_profile(path), path.read_text(encoding="utf-8")


def rule_patterns(profile) -> list:
    """Every regex of a loaded profile: drops, bounds and fingerprints."""
    patterns = []
    for rule in profile.drops:
        patterns += [rule.pattern.match, *rule.pattern.followed_by, *rule.pattern.preceded_by]
    for bound in profile.start_after + profile.end_before:
        patterns += [bound.match, *bound.followed_by, *bound.preceded_by]
    return [p for p in patterns if p is not None] + list(profile.fingerprints)


def test_three_pages_teach_the_nav_and_footer_and_no_article_words(tmp_path):
    texts = [template_page(i) for i in range(3)]
    learned, profile, source = learned_profile(tmp_path, texts)
    assert profile.hosts == ("example-gazette.com",) and not profile.trust_region
    dropped = {rule.pattern.source for rule in profile.drops}
    for line in ["News", "Sport", "Culture", "Opinion", "About us", "Contact the newsroom"]:
        assert "^" + line + "$" in dropped
    assert any(re.search(r"comments", source) for source in dropped)  # "12 comments" / "3 comments": a shape
    assert [b.match.pattern for b in profile.end_before] == ["^Share this article$"]
    rules = " ".join(p.pattern for p in rule_patterns(profile)).lower()
    for title, author, date, _, paragraphs in STORIES[:3]:
        for line in [title, *paragraphs]:
            assert not any(p.search(line) for p in rule_patterns(profile)), line
            for word in re.findall(r"[a-z]{6,}", line.lower()):
                if not any(word in t.lower() for t in NAV + FOOTER):
                    assert word not in rules, word
    assert "# template line, seen on 3 of 3 pages" in source


def test_a_learned_profile_cleans_an_unseen_page_of_the_site(tmp_path):
    _, profile, _ = learned_profile(tmp_path, [template_page(i) for i in range(3)])
    text = template_page(3)
    generic = _generic(text)
    article = Cleaner(use_profiles=False).clean(text, profile=profile)
    _, _, _, _, paragraphs = STORIES[3]
    assert article.paragraphs == paragraphs
    kept_by_generic = {d.text for d in generic.decisions if d.label == BODY}
    assert set(paragraphs) <= kept_by_generic
    for decision in article.decisions:
        if decision.text in RELATED[3] + FOOTER:
            assert decision.label != BODY and decision.reason.startswith("profile example-gazette"), decision
            assert decision.stage == "template", decision


def test_a_paragraph_on_one_page_or_a_minority_of_pages_is_never_learned(tmp_path):
    shared = ("Readers can reach the newsroom about this story through the form on the contact page, and "
              "letters may be edited for length.")
    texts = [template_page(i) for i in range(4)]
    # a paragraph on one page only, and another on two of the four (not most of them)
    texts[0] = texts[0].replace(STORIES[0][4][1], STORIES[0][4][1] + "\n\nThe mayor cut a ribbon at noon sharp.")
    for i in (1, 2):
        texts[i] = texts[i].replace(STORIES[i][4][0], STORIES[i][4][0] + "\n\n" + shared)
    _, profile, source = learned_profile(tmp_path, texts)
    for line in [shared, "The mayor cut a ribbon at noon sharp."]:
        assert not any(p.search(line) for p in rule_patterns(profile))
    rules = " ".join(p.pattern for p in rule_patterns(profile))
    assert "ribbon" not in rules and "newsroom about" not in rules


def test_copies_of_one_article_teach_nothing_of_it(tmp_path):
    texts = [template_page(0), template_page(0).replace("12 comments", "13 comments"), template_page(1)]
    learned, profile, source = learned_profile(tmp_path, texts)
    assert learned.copies == 1 and learned.pages == 2
    assert "harbour" not in source
    with pytest.raises(LearnError, match="copies of one article"):
        learn([_page(str(i), template_page(0)) for i in range(3)], "x")


def test_fewer_than_two_pages_is_a_learn_error():
    with pytest.raises(LearnError, match="at least 2 pages"):
        learn([_page("one", template_page(0))], "x")


# --- the fixtures: every seed site's pages (the seed and the site fixtures), as the leave-one-out bench does

def _fixture_sites() -> dict[str, list[tuple[Path, list[str]]]]:
    """Each seed site's dumps with their gold body lines, grouped by the gold file's site."""
    sites: dict[str, list] = {}
    for gold in sorted(FIXTURES.glob("s*/*.gold.json")):
        data = json.loads(gold.read_text(encoding="utf-8"))
        dump = gold.with_name(gold.name.replace(".gold.json", ".txt"))
        sites.setdefault(data["site"].split()[0], []).append((dump, data["body_lines"]))
    return sites


SITES = _fixture_sites()


def test_the_fixtures_hold_three_pages_or_more_of_each_seed_site():
    assert len(SITES) == 5 and all(len(pages) >= 3 for pages in SITES.values())


@pytest.mark.parametrize("site", sorted(SITES))
def test_no_body_line_is_lost_on_the_fixtures_leave_one_out(tmp_path, site):
    """A profile learned from the site's other pages drops no gold body line the generic fallback kept."""
    pages = SITES[site]
    for held_out, (dump, body_lines) in enumerate(pages):
        training = [_page(p.name, p.read_text(encoding="utf-8")) for i, (p, _) in enumerate(pages) if i != held_out]
        learned = learn(training, site, site=site)
        path = tmp_path / f"{held_out}.toml"
        path.write_text(render_profile(learned), encoding="utf-8")
        text = dump.read_text(encoding="utf-8")
        generic = _generic(text)
        with_profile = Cleaner(use_profiles=False).clean(text, profile=load_profile(path))
        body = set(body_lines)
        for g, l_ in zip(generic.decisions, with_profile.decisions):
            if g.text in body and g.label == BODY:
                assert l_.label == BODY, (dump.name, l_.reason, l_.text)


def _fixture_page(path: Path):
    return _page(path.name, path.read_text(encoding="utf-8"))


def _one_page_lines(pages) -> list[str]:
    """Lines on exactly one of the pages whose shapes are on one page only too: one page's own words."""
    def counts(key):
        return Counter(k for page in pages for k in {key(t) for t in page.texts} if k is not None)

    exact = counts(lambda t: t)
    shapes = [counts(lambda t, n=n: (shape_of(t, names=n) or None) and shape_of(t, names=n).key) for n in (False, True)]
    return [t for page in pages for t in page.texts if exact[t] == 1
            and all(shape_of(t, names=n) is None or shapes[n][shape_of(t, names=n).key] == 1 for n in (0, 1))]


@pytest.mark.parametrize("site", sorted(SITES))
def test_no_rule_matches_a_line_of_one_page_only(tmp_path, site):
    """Property over the fixtures: for every set of two or more of a site's pages, no rule learned from them
    (drop, bound or fingerprint) matches a line printed on one of those pages only (nor in shape)."""
    dumps = [dump for dump, _ in SITES[site]]
    for size in range(2, len(dumps) + 1):
        for chosen in combinations(dumps, size):
            pages = [_fixture_page(d) for d in chosen]
            try:
                learned = learn(pages, site, site=site)
            except LearnError:
                continue  # copies of one article: nothing learned
            path = tmp_path / "p.toml"
            path.write_text(render_profile(learned), encoding="utf-8")
            patterns = rule_patterns(load_profile(path))
            for line in _one_page_lines(pages):
                assert not any(p.search(line) for p in patterns), (site, [d.name for d in chosen], line)


# --- the command

def test_cli_learns_writes_a_loadable_profile_and_says_what_it_learned(tmp_path, runner, cli):
    for i in range(3):
        (tmp_path / "pages").mkdir(exist_ok=True)
        (tmp_path / "pages" / f"story-{i}.txt").write_text(template_page(i), encoding="utf-8")
        (tmp_path / "pages" / f"story-{i}.url").write_text(f"https://www.example-gazette.com/{i}\n")
    out = tmp_path / "profiles" / "gazette.toml"
    result = runner.invoke(cli, ["learn", str(tmp_path / "pages"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    summary = result.stderr.strip()
    assert summary.startswith(f"cleaner: wrote {out}: learned from 3 pages of example-gazette.com:")
    assert "\n" not in summary
    profile = load_profile(out)
    assert profile.name == "example-gazette.com" and profile.hosts == ("example-gazette.com",)
    dump = tmp_path / "new.txt"
    dump.write_text(template_page(3), encoding="utf-8")
    cleaned = runner.invoke(cli, ["--profiles-dir", str(out.parent), "--url", "https://example-gazette.com/x",
                                  "--format", "json", str(dump)])
    data = json.loads(cleaned.stdout)
    assert data["profile"] == "example-gazette.com" and data["paragraphs"] == STORIES[3][4]
    by_fingerprints = runner.invoke(cli, ["--profiles-dir", str(out.parent), "--format", "json", str(dump)])
    assert json.loads(by_fingerprints.stdout)["profile"] == "example-gazette.com"   # no URL: the chrome says so


@pytest.mark.parametrize("args, message", [
    (["one.txt"], "needs at least 2 pages of it, got 1"),
    (["one.txt", "missing.txt"], "does not exist"),
])
def test_cli_errors_are_one_line(tmp_path, runner, cli, monkeypatch, args, message):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "one.txt").write_text(template_page(0), encoding="utf-8")
    result = runner.invoke(cli, ["learn", *args, "-o", "out.toml"])
    assert result.exit_code == 2
    assert result.stderr.startswith("cleaner: error: ") and message in result.stderr
    assert result.stderr.count("\n") == 1 and not (tmp_path / "out.toml").exists()


def test_cli_learns_from_html_pages_too(tmp_path, runner, cli):
    for i in range(3):
        (tmp_path / f"{i}.html").write_text(html_page(i), encoding="utf-8")
    out = tmp_path / "gazette.toml"
    result = runner.invoke(cli, ["learn", *(str(tmp_path / f"{i}.html") for i in range(3)),
                                 "--site", "www.example-gazette.com", "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    profile = load_profile(out)
    assert {"^News$", "^About us$"} <= {rule.pattern.source for rule in profile.drops}
    page = tmp_path / "new.html"
    page.write_text(html_page(3), encoding="utf-8")
    article = Cleaner(use_profiles=False).clean(page.read_bytes(), profile=profile)
    assert article.paragraphs == STORIES[3][4]
    assert not any(p.search(line) for p in rule_patterns(profile) for line in STORIES[3][4])
