"""Stage `template`: a trust_region = false profile's rules, applied after the generic stages."""

from __future__ import annotations

import pytest
from conftest import FIXTURES
from site_helpers import STORIES

from cleaner import Cleaner
from cleaner.document import BODY, BOILERPLATE
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
