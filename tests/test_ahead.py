"""Views built ahead in threads (portfolio/web/ahead.py): built once, the
page gets the thread's view or builds it itself, a failure is not kept, and
the overview draws the same with it as without it."""

from __future__ import annotations

import threading

import pytest
from streamlit.testing.v1 import AppTest

from conftest import DEMO_DATA, ROOT
from portfolio.query.context import SnapshotContext
from portfolio.store.snapshots import Store
from portfolio.web import ahead, ui

WAIT = 60  # s: a generous bound on a thread's start, never a pause


class Builder:
    """A view builder that counts its calls, can hold each call until
    released, and fails on the calls asked to."""

    def __init__(self, fail_calls: tuple[int, ...] = (), hold: bool = False) -> None:
        self.calls = 0
        self.fail_calls = fail_calls
        self.entered = threading.Event()
        self.release = threading.Event()
        if not hold:
            self.release.set()
        self.lock = threading.Lock()
        self.__qualname__ = f"Builder.{id(self)}"  # its own views (ui.view keys views by their builder's name)

    def __call__(self, ctx: SnapshotContext, label: str) -> dict:
        with self.lock:
            self.calls += 1
            call = self.calls
        self.entered.set()
        assert self.release.wait(WAIT)
        if call in self.fail_calls:
            raise RuntimeError("the build failed")
        return {"label": label, "call": call}


@pytest.fixture()
def ctx(tmp_path) -> SnapshotContext:
    store = Store(DEMO_DATA)
    return SnapshotContext(store=store, meta=store.latest(), today=store.latest().created.date())


def unique(name: str) -> str:
    """A label no other test uses: each test's views have keys of their own."""
    return f"{name}-{threading.get_ident()}-{id(object())}"


def built_by_page(build, ctx, label) -> tuple[threading.Thread, dict]:
    """`ui.view` on a thread of its own (as the page's script), and its result."""
    result = {}
    thread = threading.Thread(target=lambda: result.setdefault("view", ui.view(build, ctx, label)))
    thread.start()
    return thread, result


def test_a_view_started_ahead_is_built_once_and_the_page_waits_for_it(ctx):
    build, label = Builder(hold=True), unique("once")
    ahead.start(ctx, (build, label))
    assert build.entered.wait(WAIT)  # the thread builds it
    page, result = built_by_page(build, ctx, label)  # the page asks while it is being built
    build.release.set()
    page.join(WAIT)
    assert result["view"] == {"label": label, "call": 1}
    assert ui.view(build, ctx, label) is result["view"]
    assert build.calls == 1


def test_a_view_that_fails_ahead_is_not_kept_and_the_page_builds_it(ctx):
    build, label = Builder(fail_calls=(1,)), unique("fails")
    done = threading.Event()
    original = ahead._build

    def watched(*args):
        try:
            original(*args)
        finally:
            done.set()

    ahead._build, saved = watched, ahead._build
    try:
        ahead.start(ctx, (build, label))
        assert done.wait(WAIT)
    finally:
        ahead._build = saved
    assert build.calls == 1
    assert ui.view(build, ctx, label) == {"label": label, "call": 2}  # built again, by the page


def test_a_view_started_once_is_not_started_again(ctx, monkeypatch):
    started = []
    monkeypatch.setattr(ahead, "_build", lambda *args: (started.append(args), ahead._running.release()))
    label = unique("again")
    build = Builder()
    ahead.start(ctx, (build, label))
    ahead.start(ctx, (build, label))  # a rerun: nothing to start
    ahead.start(ctx, (build, label + "-other"))
    for thread in [t for t in threading.enumerate() if t.name == "view-ahead"]:
        thread.join(WAIT)
    assert [args[2] for args in started] == [(label,), (label + "-other",)]


def test_no_more_threads_than_the_bound_the_page_builds_the_rest(ctx, monkeypatch):
    monkeypatch.setattr(ahead, "_running", threading.BoundedSemaphore(1))
    first, second = Builder(hold=True), Builder()
    first_label, second_label = unique("bound-1"), unique("bound-2")
    ahead.start(ctx, (first, first_label), (second, second_label))
    assert first.entered.wait(WAIT)
    assert second.calls == 0  # not started: the one thread allowed is busy
    first.release.set()
    assert ui.view(second, ctx, second_label) == {"label": second_label, "call": 1}
    assert ui.view(first, ctx, first_label) == {"label": first_label, "call": 1}


def elements(at: AppTest) -> list:
    """What the overview drew: every element's type and value, in order."""
    found = []
    for node in at.main:
        value = getattr(node, "value", None)
        found.append((node.type, str(value)))
    return found


@pytest.mark.parametrize("query", [{}, {"phase": "Gjennomføre"}, {"status": "rød"}])
def test_the_overview_draws_the_same_with_views_built_ahead_and_without(monkeypatch, query):
    monkeypatch.setenv("PORTFOLIO_DATA", str(DEMO_DATA))

    def draw() -> list:
        at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
        for key, value in query.items():
            at.query_params[key] = value
        at.run()
        assert not at.exception, [e.message for e in at.exception]
        return elements(at)

    built_ahead = []
    original = ahead._build
    monkeypatch.setattr(ahead, "_build", lambda build, *args: (built_ahead.append(build.__name__), original(build, *args)))
    ui._cached_view.clear()
    ahead._started.clear()
    with_threads = draw()
    assert sorted(built_ahead) == ["build_overview_figure", "build_view", "build_view"]  # overview, Decidim, trend
    ui._cached_view.clear()
    monkeypatch.setattr(ahead, "start", lambda *args, **kwargs: None)
    without = draw()
    assert with_threads == without
    assert len(with_threads) > 20


def test_the_versions_are_built_ahead_once_and_the_first_filtered_trend_reuses_them(tmp_path, monkeypatch):
    """The overview builds the initiatives' versions after an unfiltered
    run (ahead.versions), once per snapshot, so that the first filter change
    does not: the filtered trend then copies nothing from the lake."""
    from conftest import copy_store
    from portfolio.present import trend
    from portfolio.query import resident
    from portfolio.query.runner import Filters

    store = Store(copy_store(DEMO_DATA, tmp_path / "data"))  # a lake of its own: no versions built yet
    latest = store.latest()
    ctx = SnapshotContext(store=store, meta=latest, today=latest.created.date())
    copies = []
    real = resident._copy_versions
    monkeypatch.setattr(resident, "_copy_versions", lambda *args: (copies.append(args[1]), real(*args)))
    thread = ahead.versions(ctx)
    assert thread is not None
    thread.join(WAIT)
    assert copies == [latest.snapshot_id]
    assert ahead.versions(ctx) is None  # started once per process and snapshot
    view = trend.build_view(ctx, Filters(phases=("Gjennomføre",)))
    assert copies == [latest.snapshot_id]  # the filtered trend found them built
    assert view.table is not None and len(view.table)


def test_the_overview_starts_the_versions_when_unfiltered_only(monkeypatch):
    monkeypatch.setenv("PORTFOLIO_DATA", str(DEMO_DATA))
    started = []
    monkeypatch.setattr(ahead, "versions", lambda ctx: started.append(ctx.snapshot_id))
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    at.query_params["phase"] = "Gjennomføre"
    at.run()
    assert not at.exception and started == []
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    at.run()
    assert not at.exception and started == [Store(DEMO_DATA).latest().snapshot_id]
