"""Built ahead in a thread (portfolio/web/ahead.py): the initiatives'
versions and what a filter change reads, once per snapshot, after the
unfiltered overview only."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from conftest import DEMO_DATA, ROOT
from portfolio.query.context import SnapshotContext
from portfolio.store.snapshots import Store
from portfolio.web import ahead

WAIT = 60  # s: a generous bound on a thread's start, never a pause


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
    kept = {}

    def keeper(build, context, *args):  # as ui.view keeps them: once per snapshot
        if build.__name__ not in kept:
            kept[build.__name__] = build(context, *args)
        return kept[build.__name__]

    ctx = SnapshotContext(store=store, meta=latest, today=latest.created.date(), keeper=keeper)
    copies = []
    real = resident._copy_versions
    monkeypatch.setattr(resident, "_copy_versions", lambda *args: (copies.append(args[1]), real(*args)))
    thread = ahead.versions(ctx)
    assert thread is not None
    thread.join(WAIT)
    assert copies == [latest.snapshot_id]
    assert sorted(kept) == ["layout", "snapshot_index", "versions"]  # what a filter change filters and counts with
    assert ahead.versions(ctx) is None  # started once per process and snapshot
    view = trend.build_view(ctx, Filters(phases=("Gjennomføre",)))
    assert copies == [latest.snapshot_id]  # the filtered trend found them built
    assert sorted(kept) == ["layout", "snapshot_index", "versions"]
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
