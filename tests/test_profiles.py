"""Profiles: the loader validates, the registry matches, the five built-ins hold."""

from __future__ import annotations

import re

import pytest

from cleaner import ProfileError, clean
from cleaner.profiles import BUILTIN_DIR, Registry, load_profile
from conftest import seed

BUILTINS = ["duvarenglish", "inkl", "jpost", "themoscowtimes", "thenews"]


def write(tmp_path, text: str, name: str = "site.toml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_every_builtin_profile_loads_and_is_described():
    registry = Registry.load()
    assert [p.name for p in registry] == BUILTINS
    for profile in registry:
        assert profile.builtin and profile.hosts and profile.fingerprints and profile.site
        assert profile.path.startswith(str(BUILTIN_DIR))


@pytest.mark.parametrize("prefix, name, url", [
    ("000", "jpost", "https://www.jpost.com/breaking-news/x-616734"),
    ("001", "thenews", "https://www.thenews.com.pk/latest/x"),
    ("002", "duvarenglish", "https://www.duvarenglish.com/diplomacy/2020/02/11/x"),
    ("003", "inkl", "https://www.inkl.com/news/x"),
    ("004", "themoscowtimes", "https://www.themoscowtimes.com/2020/02/20/x-a69351"),
])
def test_profile_is_found_by_host_and_by_fingerprint(prefix, name, url):
    registry = Registry.load()
    dump = seed(prefix).read_text(encoding="utf-8")
    assert registry.match(dump).name == name            # from the dump alone
    assert registry.match("no chrome here", url).name == name  # from the URL alone


def test_a_url_naming_another_host_rules_out_a_profile_whatever_its_fingerprints():
    """A jpost page's chrome on a page whose URL names another site (a copy, a quote of its footer) does not
    pick jpost: the URL names the site; without a URL the fingerprints do."""
    registry = Registry.load()
    dump = seed("000").read_text(encoding="utf-8")
    assert registry.match(dump).name == "jpost"
    assert registry.match(dump, "https://news.example.org/2020/02/story") is None
    assert registry.match(dump, "https://www.jpost.com/x").name == "jpost"


def test_a_url_that_rules_out_every_profile_is_not_screened_for_fingerprints(monkeypatch):
    """Every built-in profile lists its hosts: a URL naming another host leaves none to weigh, and the dump is not
    searched for their fingerprints' strings (the answer, None, is the one the search gave)."""
    registry = Registry.load()
    dump = seed("000").read_text(encoding="utf-8")
    monkeypatch.setattr(Registry, "screen", lambda self: pytest.fail("screened for no candidate"))
    assert registry.match(dump, "https://news.example.org/2020/02/story") is None


@pytest.mark.parametrize("host", ["jpost.com", "www.jpost.com", "WWW.JPOST.COM", "www.jpost.com.", "xjpost.com",
                                  "jpost.com.example.org", "example.org", "com", "a.b.thenews.com.pk", "thenews.com"])
def test_a_host_may_be_served_where_a_profile_serves_it(host):
    """The registry's look-up of a host among its profiles' hosts (a suffix after a dot) agrees with asking each
    profile (:meth:`Profile.serves`)."""
    registry = Registry.load()
    assert registry._may_serve(host) == any(profile.serves(host) for profile in registry)


def test_a_site_profile_is_not_picked_by_shapes_other_sites_print():
    """duvarenglish's header and closing shapes (a headline, a standfirst, a name; a long last line of headlines)
    are other sites' too: without the site's own credit the page is the generic fallback's."""
    registry = Registry.load()
    other_site = ("Ten lightweight gaming mice we tested this year\n\n"
                  "We spent three months with every mouse under eighty grams and ranked them for comfort and speed.\n\n"
                  "Jordan Blake\n\n" + "The lighter the mouse, the faster the flick. " * 20 + "\n\n"
                  "Best budget keyboards Best wireless headsets Best gaming chairs Best monitors for esports Best webcams "
                  "Best microphones for streaming Best controllers")
    assert registry.match(other_site) is None
    assert registry.match(other_site.replace("Jordan Blake", "Duvar English")).name == "duvarenglish"


def test_the_host_of_a_url():
    from cleaner.urls import url_host

    assert url_host("https://www.JPost.com/a?b=1") == "www.jpost.com"
    assert url_host("news.example.co.uk:8080/x") == "news.example.co.uk"  # no scheme: still a host
    assert url_host(None) == url_host("") == url_host("http://[::1") == ""  # malformed: no host, no error


def test_the_site_of_a_url_is_its_host_without_www_or_a_trailing_dot():
    from cleaner import clean
    from cleaner.urls import site_host

    assert site_host("https://WWW.Example.com:8080/a?b") == site_host("example.com./x") == "example.com"
    assert site_host("https://www2.example.com/") == "www2.example.com"
    assert site_host(None) == site_host("http://[::1") == ""
    dump = seed("000").read_text(encoding="utf-8")
    assert clean(dump, url="https://www.example.com./story", use_profiles=False).site == "example.com"


def test_a_malformed_url_picks_no_profile_and_is_no_error():
    """An unclosed IPv6 bracket made urlsplit raise: an internal error in the profile's match and the site."""
    dump = seed("000").read_text(encoding="utf-8")
    for use_profiles in (True, False):
        article = clean(dump, url="http://[::1", use_profiles=use_profiles)
        plain = clean(dump, use_profiles=use_profiles)
        assert (article.profile, article.body, article.title) == (plain.profile, plain.body, plain.title)
    assert article.site is None


def test_fingerprints_do_not_fire_on_other_sites_seeds():
    registry = Registry.load()
    for prefix, name in zip(["000", "001", "002", "003", "004"], ["jpost", "thenews", "duvarenglish", "inkl", "themoscowtimes"]):
        dump = seed(prefix).read_text(encoding="utf-8")
        for profile in registry:
            if profile.name != name:
                assert profile.fingerprint_hits(dump) < profile.min_fingerprints, (profile.name, prefix)


@pytest.mark.parametrize("pattern, literals", [
    (r"^Support The Moscow Times!$", ("Support The Moscow Times!",)),
    (r"^Jerusalem Post (Breaking News|Opinion)$", ("Jerusalem Post ",)),      # a group's literals are not required
    (r"^Foo English(\s*/.+)?$|^.+/\s*Bar English$", ("Bar English", "Foo English")),   # one of the branches'
    (r"x{2}yz\.q", ("yz.q",)),                     # the repeated x is not a plain run
    (r"ab+cde?f", ()),                              # no run of three
    (r"^(?:abc|de)x", ()),                          # a branch without a run: nothing is required
    (r"(?i)^sign up", ()),                          # a literal test cannot ignore case
    (r"^-\n(.+ -\n){3,}", (" -\n",)),                # a repeat matched at least once holds its literal
    (r"^-\n(?:.+ -\n)+?", (" -\n",)),                # (lazily too)
    (r"^-\n(.+ -\n){0,3}", ()),                      # one that may match nothing does not
    (r"^-\n(?i:.+ abc\n)", ()),                      # nor a group that ignores case
])
def test_required_literals_are_what_every_match_contains(pattern, literals):
    import re

    from cleaner.triggers import required_literals

    assert required_literals(re.compile(pattern, re.M)) == literals


def test_fingerprint_shortcuts_count_as_the_plain_search_does(tmp_path):
    """The literal prefilter and the early stop never change whether a profile is chosen, nor its count."""
    write(tmp_path, "name = \"x\"\nmin_fingerprints = 2\nfingerprints = ['(?i)^sign up now$', '^Read more from X$',\n"
          "  '^Foo English(\\s*/.+)?$|^.+/\\s*Bar English$', 'Copyright \\d{4} X Inc']\n")
    profiles = list(Registry.load()) + [load_profile(tmp_path / "site.toml")]
    texts = [seed(prefix).read_text(encoding="utf-8") for prefix in ("000", "001", "002", "003", "004")]
    texts += ["SIGN UP NOW\nRead more from X\n", "Agency / Bar English\nCopyright 2020 X Inc", "Read more from X"]
    for profile in profiles:
        for text in texts:
            plain = sum(1 for pattern in profile.fingerprints if pattern.search(text))
            hits = profile.fingerprint_hits(text)
            assert (hits >= profile.min_fingerprints) == (plain >= profile.min_fingerprints)
            if plain >= profile.min_fingerprints:
                assert hits == plain
    assert profiles[-1].fingerprint_hits(texts[-3]) == 2 and profiles[-1].fingerprint_hits(texts[-2]) == 2


def test_the_literal_screen_finds_what_in_finds_and_the_counts_stay(tmp_path):
    """The fingerprints' strings, found in one pass by the core, are those ``in`` finds (one inside another,
    non-ASCII, a lone surrogate, a dump's head and tail joined), and each profile counts the same hits."""
    from cleaner.native import core_name
    from cleaner.profiles.loader import fingerprint_span

    write(tmp_path, "name = \"x\"\nfingerprints = ['^Jerusalem Post Café$', 'Post Caf', 'é — ok']\n")
    from cleaner.api import native_literal_search

    registry = Registry.load([tmp_path])
    registry.literal_search = native_literal_search
    screen = registry.screen()
    if screen.present("") is None:
        pytest.skip(f"no native core ({core_name()})")
    texts = [seed(prefix).read_text(encoding="utf-8") for prefix in ("000", "001", "002", "003", "004")]
    texts += ["Jerusalem Post Café\nThe Jerusalem Post - Israel News", "\ud800Post Caf\udfffé — ok", "",
              "Support The Moscow Times" + "x" * 90_000 + "!\n-\na -\n"]
    for text in texts:
        span = fingerprint_span(text)
        assert screen.present(span) == {literal for literal in screen.literals if literal in span}
        for profile in registry:
            assert profile.span_hits(span, screen.present(span)) == profile.fingerprint_hits(text)
    assert "Post Caf" in screen.literals and "Jerusalem Post " in screen.literals


def test_user_profile_replaces_builtin_of_same_name(tmp_path):
    write(tmp_path, 'name = "inkl"\nhosts = ["inkl.example"]\n', "inkl.toml")
    registry = Registry.load([tmp_path])
    assert registry.get("inkl").hosts == ("inkl.example",)
    assert not registry.get("inkl").builtin


@pytest.mark.parametrize("text, key, problem", [
    ('name = "x"\nhosts = ["x.com"\n', None, "invalid TOML"),
    ('name = "x"\nhosts = ["x.com"]\ncolour = "red"\n', "colour", "unknown key"),
    ('name = "x"\nhosts = ["x.com"]\n[article]\nstart_afer = "^x$"\n', "article.start_afer", "unknown key"),
    ('name = "x"\nhosts = ["x.com"]\n"col\\nour" = 1\n', "'col\\nour'", "unknown key"),  # found by test_fuzz
    ('name = "x"\nhosts = ["x.com"]\n[article]\nend_before = ["(unclosed"]\n', "article.end_before[0]", "invalid regular expression"),
    ('name = "x"\nhosts = ["x.com"]\n[[drop]]\nmatch = "^Photo:"\n', "drop[0].reason", "required"),
    ('name = "x"\nhosts = ["x.com"]\n[[drop]]\nmatch = "^a"\nreason = "r"\nwhere = "header"\n', "drop[0].where", "must be one of"),
    ('name = "x"\nhosts = ["x.com"]\n[metadata]\ntitle = { within_first = 0 }\n', "metadata.title[0].within_first", "positive integer"),
    ('name = "X Site"\nhosts = ["x.com"]\n', "name", "lower-case"),
    ('name = "x"\n', "hosts", "can never be chosen"),
    ('name = "x"\nhosts = "x.com"\n', "hosts", "must be a list"),
])
def test_broken_profiles_name_file_key_and_problem(tmp_path, text, key, problem):
    path = write(tmp_path, text)
    with pytest.raises(ProfileError) as caught:
        load_profile(path)
    message = str(caught.value)
    assert str(path) in message and problem in message and "\n" not in message
    if key:
        assert f": {key}:" in message


def _drops_on_body_lines(profile, dump: str, body_lines: list[str]) -> list[tuple[str, str]]:
    """(reason, line) for every drop rule of ``profile`` that holds on a gold body line of ``dump``, tested as
    the site stage tests it: on the dump's non-blank lines, from the profile's region, so a rule's
    ``followed_by``, ``preceded_by`` and ``within_first`` count (its ``where`` does not: stricter)."""
    from cleaner.document import Document
    from cleaner.stages.site_rules import SiteRulesStage

    doc = Document.from_text(dump)
    doc.profile = profile
    SiteRulesStage()(doc)
    texts = [line.text for line in doc.lines]
    body = {line.strip() for line in body_lines}
    positions = [i for i, text in enumerate(texts) if text in body]
    assert {texts[i] for i in positions} == body, "a gold body line is not a line of its dump"
    return [(rule.reason, texts[i]) for i in positions for rule in profile.drops
            if rule.pattern.matches(texts, i, doc.region[0])]


def _seeds_with_gold():
    import json
    from conftest import SEEDS

    golds = sorted(SEEDS.glob("*.gold.json"))
    assert golds, f"no *.gold.json in {SEEDS}"
    for gold_path in golds:
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        yield gold, gold_path.with_name(gold_path.name.replace(".gold.json", ".txt")).read_text(encoding="utf-8")


def test_profile_rules_are_template_rules_not_article_text():
    """Every drop rule in a built-in profile must hold on the dump it came from without naming words of that
    dump's article: no body line of any seed is dropped by a rule, context rules included."""
    registry = Registry.load()
    for gold, dump in _seeds_with_gold():
        profile = registry.match(dump)
        assert profile is not None and profile.drops
        assert _drops_on_body_lines(profile, dump, gold["body_lines"]) == [], profile.name


def test_the_template_rule_check_catches_a_rule_on_article_text():
    """The check above can fail, for context rules too: a rule added to a profile that holds on its seed's
    body lines by position, or by the article line before or after, is reported."""
    from cleaner.profiles.loader import DropRule
    from cleaner.profiles.patterns import compile_pattern
    from cleaner.records import replace

    gold, dump = next(_seeds_with_gold())
    profile = Registry.load().match(dump)
    body = {line.strip() for line in gold["body_lines"]}
    texts = [raw.strip() for raw in dump.split("\n") if raw.strip()]
    i = next(i for i in range(len(texts) - 1) if texts[i] in body and texts[i + 1] in body)
    for spec in ({"match": "."}, {"match": ".", "within_first": len(texts)},
                 {"match": ".", "followed_by": [f"^{re.escape(texts[i + 1])}$"]},
                 {"match": ".", "preceded_by": [f"^{re.escape(texts[i])}$"]}):
        rule = DropRule(compile_pattern(spec, "test.toml", "drop[9]"), "names the article")
        found = _drops_on_body_lines(replace(profile, drops=(*profile.drops, rule)), dump,
                                     gold["body_lines"])
        assert found and {reason for reason, _ in found} == {"names the article"}, spec


def test_profile_metadata_on_seeds():
    article = clean(seed("002").read_text(encoding="utf-8"))
    assert (article.profile, article.title, article.byline) == (
        "duvarenglish", "Turkey, Syria clash in Idlib as conflict escalates", "Duvar English/Reuters")
    article = clean(seed("003").read_text(encoding="utf-8"))
    assert article.site == "inkl.com (France 24)"
