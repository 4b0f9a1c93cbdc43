"""The one bounded cache shape the HTML path's tables share."""

from __future__ import annotations

import gc

from cleaner.caching import BoundedCache


def test_a_full_cache_starts_again_and_its_get_still_reads_it():
    cache = BoundedCache(3)
    get = cache.get                      # hot loops keep the method: it must stay bound to the live table
    for key in "abc":
        cache[key] = key.upper()
    assert len(cache) == 3 and get("a") == "A" and "c" in cache and cache["b"] == "B"
    cache["d"] = "D"                     # a fourth store: the table empties first
    assert len(cache) == 1 and get("a") is None and get("d") == "D" and get("x", False) is False
    cache.clear()
    assert len(cache) == 0 and get("d") is None


def test_shared_gives_one_object_per_equal_value():
    cache = BoundedCache(100)
    first = frozenset({"nav", "menu"})
    again = frozenset(["menu", "nav"])
    assert cache.shared(first) is first and cache.shared(again) is first
    assert cache.shared(frozenset()) == frozenset()


def test_a_table_of_strings_can_be_left_to_the_garbage_collector_untracked():
    """The reason the table is a plain dict inside rather than a dict subclass."""
    cache = BoundedCache(10)
    cache["word"] = "nav"
    cache["other"] = None
    gc.collect()
    assert not gc.is_tracked(cache._data)


def test_the_html_tables_stay_within_their_limits():
    from cleaner.html import features, layout, words

    for n in range(layout.CACHED_VALUES + 10):
        words.region_words(f"nav-{n} post{n}body")
        layout._region_words({"class": f"share-{n}", "id": f"main{n}"})
    assert 0 < len(layout._words_cache) <= layout.CACHED_VALUES
    assert 0 < len(layout._attributes_cache) <= layout.CACHED_VALUES
    assert 0 < len(words._cache) <= 16_384
    for n in range(features._CACHED_MARKUPS + 10):
        features.region_categories(frozenset({f"nav{n}", "comment"}))
    assert 0 < len(features._category_cache) <= features._CACHED_MARKUPS
