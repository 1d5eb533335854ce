"""Query results and views kept per server process (portfolio/web/kept.py)."""

from __future__ import annotations

import datetime as dt
import threading

import pytest

from conftest import DEMO_DATA, open_app_page
from portfolio.query.runner import Filters
from portfolio.web import ahead, kept, ui


def test_a_value_is_made_once_per_key_and_the_least_recently_used_goes_first():
    made = []
    cache = kept.Kept(max_entries=2)

    def make(key):
        return lambda: made.append(key) or f"value {key}"

    assert cache.get("a", make("a")) == "value a"
    assert cache.get("a", make("a")) == "value a"
    cache.get("b", make("b"))
    cache.get("a", make("a"))  # a is now the most recently used
    cache.get("c", make("c"))  # so b goes
    assert made == ["a", "b", "c"] and len(cache) == 2
    cache.get("a", make("a"))
    cache.get("b", make("b"))
    assert made == ["a", "b", "c", "b"]


def test_a_failure_is_not_kept():
    cache = kept.Kept(max_entries=4)

    def fail():
        raise ValueError("no")

    with pytest.raises(ValueError):
        cache.get("k", fail)
    assert cache.get("k", lambda: 1) == 1


def test_sessions_asking_at_once_for_a_new_key_wait_for_one_maker():
    cache = kept.Kept(max_entries=4)
    started, release = threading.Event(), threading.Event()
    made = []

    def slow():
        made.append(1)
        started.set()
        release.wait(timeout=60)
        return "view"

    results = []
    first = threading.Thread(target=lambda: results.append(cache.get("k", slow)))
    first.start()
    started.wait(timeout=60)
    others = [threading.Thread(target=lambda: results.append(cache.get("k", slow))) for _ in range(4)]
    for thread in others:
        thread.start()
    release.set()
    for thread in [first, *others]:
        thread.join(timeout=60)
    assert results == ["view"] * 5 and made == [1]


def test_keys_are_frozen_from_parameters_and_an_unhashable_one_is_named():
    params = {"filters": {"phases": ["Konsept"], "areas": []}, "today": dt.date(2026, 11, 23)}
    same = {"today": dt.date(2026, 11, 23), "filters": {"areas": [], "phases": ["Konsept"]}}
    assert kept.frozen(params) == kept.frozen(same) and hash(kept.frozen(params))
    assert kept.frozen({"filters": {"phases": ["Idé"]}}) != kept.frozen({"filters": {"phases": ["Konsept"]}})
    assert kept.frozen((Filters(phases=("Konsept",)), 2026)) == (Filters(phases=("Konsept",)), 2026)
    with pytest.raises(TypeError, match="bytearray"):
        kept.frozen({"x": bytearray(b"1")})


def test_a_page_keeps_its_views_and_queries_and_a_rerun_makes_none_again(data_env):
    data_env(DEMO_DATA)
    at = open_app_page("views/overview.py")
    ahead.wait(timeout=120)  # what the overview builds ahead for a filter change
    views, queries = len(ui.KEPT_VIEWS), len(ui.KEPT_QUERIES)
    assert views >= 4 and queries >= 1
    at.run()
    assert not at.exception
    assert (len(ui.KEPT_VIEWS), len(ui.KEPT_QUERIES)) == (views, queries)
