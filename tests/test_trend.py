"""The status trend at the end of the overview, and the overview's links to
the initiative page: the query on hand-built snapshots, AppTest on the demo
data and on large generated data, one browser run."""

from __future__ import annotations

import datetime as dt
import json

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from conftest import DEMO_DATA, DEMO_TODAY, ROOT, initiative, tables
from portfolio import texts
from portfolio.present import trend as trend_logic
from portfolio.query import runner as queries
from portfolio.query.context import SnapshotContext
from portfolio.query.runner import Filters
from portfolio.store.snapshots import Store
from portfolio.texts import initiative as initiative_texts
from portfolio.texts import trend as T
from test_queries import query_params

APP = str(ROOT / "dashboard.py")
METAS = Store(DEMO_DATA).list()
UTC = dt.UTC


def open_overview(**params) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def trend_table(at: AppTest) -> pd.DataFrame:
    """The trend's table (st.table: counts as Norwegian text), counts as numbers."""
    table = next(t.value for t in at.table if T.COL_TOTAL in t.value.columns)
    return table.assign(**{c: table[c].str.replace("\u00a0", "").astype(int) for c in table.columns[1:]})


def status_table(at: AppTest) -> pd.DataFrame:
    return next(d.value for d in at.dataframe if initiative_texts.COL_LINK in d.value.columns)


# -- the query on hand-built snapshots -----------------------------------------------------------

@pytest.fixture()
def three(store):
    first = store.write(tables([
        initiative("a", status_overall="grønn", owner_area="Kultur"),
        initiative("b", status_overall="rød"),
    ]), author="t", note="1", created_at=dt.datetime(2026, 1, 5, 12, tzinfo=UTC))
    second = store.write(tables([
        initiative("a", status_overall="gul", owner_area="Kultur"),
        initiative("b", status_overall="rød"),
        initiative("c", status_overall="grønn", parent_id="a"),
    ]), author="t", note="2", base_id=first.snapshot_id, created_at=dt.datetime(2026, 2, 2, 12, tzinfo=UTC))
    third = store.write(tables([
        initiative("a", status_overall="gul", owner_area="Kultur"),
        initiative("c", status_overall="rød", parent_id="a"),
    ]), author="t", note="3", base_id=second.snapshot_id, created_at=dt.datetime(2026, 3, 2, 12, tzinfo=UTC))
    return store, (first, second, third)


def _counts(store, meta, filters=Filters()) -> dict[tuple[str, str], int]:
    rows = queries.run(store, "status_trend",
                       query_params(store, meta.snapshot_id, DEMO_TODAY, filters=filters.as_param()))
    return {(r.snapshot_date.isoformat()[:10], r.status_overall): int(r.initiative_count)
            for r in rows.itertuples()}


def test_counts_per_snapshot_and_status_with_zeros(three):
    store, (first, second, third) = three
    counts = _counts(store, third)
    assert len(counts) == 3 * 4  # every status in every snapshot, 0 when none
    assert [counts[("2026-01-05", s)] for s in ("rød", "gul", "grønn", "ikke vurdert")] == [1, 0, 1, 0]
    assert [counts[("2026-02-02", s)] for s in ("rød", "gul", "grønn", "ikke vurdert")] == [1, 1, 1, 0]
    assert [counts[("2026-03-02", s)] for s in ("rød", "gul", "grønn", "ikke vurdert")] == [1, 1, 0, 0]


def test_only_snapshots_up_to_the_one_shown(three):
    store, (first, second, third) = three
    assert {d for d, _ in _counts(store, second)} == {"2026-01-05", "2026-02-02"}
    assert {d for d, _ in _counts(store, first)} == {"2026-01-05"}


def test_filters_apply_to_each_snapshots_own_rows(three):
    store, (first, second, third) = three
    kultur = _counts(store, third, Filters(areas=("Kultur",)))
    assert [kultur[(d, "grønn")] + kultur[(d, "gul")] for d in ("2026-01-05", "2026-02-02", "2026-03-02")] == [1, 1, 1]
    programme = _counts(store, third, Filters(programmes=("a",)))
    assert sum(programme[("2026-02-02", s)] for s in ("rød", "gul", "grønn")) == 2  # a and its child c
    red = _counts(store, third, Filters(statuses=("rød",)))
    assert sum(red.values()) == 3


def test_takeaway_and_table(three):
    store, (first, second, third) = three
    ctx = SnapshotContext(store=store, meta=third, today=DEMO_TODAY)
    data = trend_logic.counts(ctx, Filters())
    assert trend_logic.takeaway(data) == (
        "Fra 05.01.2026 til 02.03.2026 gikk antall tiltak med rød samlet status fra 1 til 1, "
        "og antall grønne fra 1 til 0.")
    table = trend_logic.table_rows(data)
    assert table[T.COL_DATE].tolist() == ["02.03.2026", "02.02.2026", "05.01.2026"]
    assert table[T.COL_TOTAL].tolist() == [2, 3, 2]
    assert list(table.columns) == [T.COL_DATE, *texts.STATUS_LABELS.values(), T.COL_TOTAL]
    one = trend_logic.counts(SnapshotContext(store=store, meta=first, today=DEMO_TODAY), Filters())
    assert trend_logic.takeaway(one) == "Bare ett øyeblikksbilde: 1 røde og 1 grønne tiltak per 05.01.2026."


def test_under_a_status_filter_the_takeaway_speaks_of_the_statuses_chosen(three):
    """With «Samlet status: Gul» the sentence is about the yellow ones shown,
    not red and green going «fra 0 til 0»; several chosen statuses come most
    critical first, whatever order they were chosen in."""
    store, (first, second, third) = three
    ctx = SnapshotContext(store=store, meta=third, today=DEMO_TODAY)

    def said(*statuses):
        filters = Filters(statuses=statuses)
        return trend_logic.takeaway(trend_logic.counts(ctx, filters), filters.statuses)

    assert said("gul") == "Fra 05.01.2026 til 02.03.2026 gikk antall tiltak med gul samlet status fra 0 til 1."
    assert said("grønn", "gul") == (
        "Fra 05.01.2026 til 02.03.2026 gikk antall tiltak med gul samlet status fra 0 til 1, "
        "og antall grønne fra 1 til 0.")
    assert said("ikke vurdert", "rød") == (
        "Fra 05.01.2026 til 02.03.2026 gikk antall tiltak med rød samlet status fra 1 til 1, "
        "og antall ikke vurderte fra 0 til 0.")
    one = SnapshotContext(store=store, meta=first, today=DEMO_TODAY)
    filters = Filters(statuses=("ikke vurdert", "gul", "rød"))
    assert trend_logic.takeaway(trend_logic.counts(one, filters), filters.statuses) == (
        "Bare ett øyeblikksbilde: 1 røde, 0 gule og 0 ikke vurderte tiltak per 05.01.2026.")
    view = trend_logic.build_view(ctx, Filters(statuses=("gul",)))
    assert view.takeaway == said("gul") and "rød" not in view.takeaway


def test_bars_stack_in_the_order_of_the_legend_and_the_table(three):
    """status_order (the chart's stack order) is schema.STATUSES, the order of
    the legend (the colour scale's domain) and of the table's columns."""
    from portfolio.model import schema
    from portfolio.present import charts

    store, (*_, third) = three
    data = trend_logic.counts(SnapshotContext(store=store, meta=third, today=DEMO_TODAY), Filters())
    assert list(charts.STATUS_COLOURS) == list(schema.STATUSES)
    for _, rows in data.groupby("snapshot_id"):
        assert rows.sort_values("status_order")["status_overall"].tolist() == list(schema.STATUSES)
    assert list(trend_logic.table_rows(data).columns)[1:-1] == [texts.STATUS_LABELS[s] for s in schema.STATUSES]


def test_snapshots_on_the_same_day_get_their_time(store):
    first = store.write(tables([initiative("a")]), author="t", note="1",
                        created_at=dt.datetime(2026, 1, 5, 9, 30, tzinfo=UTC))
    second = store.write(tables([initiative("a", status_overall="rød")]), author="t", note="2",
                         base_id=first.snapshot_id, created_at=dt.datetime(2026, 1, 5, 14, 0, tzinfo=UTC))
    data = trend_logic.counts(SnapshotContext(store=store, meta=second, today=DEMO_TODAY), Filters())
    assert trend_logic.table_rows(data)[T.COL_DATE].tolist() == ["05.01.2026 14:00", "05.01.2026 09:30"]


# -- AppTest ---------------------------------------------------------------------------------------

def test_trend_section_on_the_overview_with_demo_data(data_env):
    data_env(DEMO_DATA)
    at = open_overview()
    assert any(s.value == T.HEADING for s in at.header)
    table = trend_table(at)
    assert len(table) == len(METAS)
    store = Store(DEMO_DATA)
    for meta, row in zip(reversed(METAS), table.itertuples(index=False), strict=False):
        statuses = store.read_frames(meta.snapshot_id)["initiatives"]["status_overall"]
        assert row[0] == meta.created.strftime("%d.%m.%Y")
        assert row[-1] == len(statuses) and row[3] == int((statuses == "rød").sum())
    chart = next(c for c in at.get("vega_lite_chart") if json.loads(c.proto.spec).get("title") == T.CHART_TITLE)
    spec = json.loads(chart.proto.spec)
    assert any(spec["description"] == m.value for m in at.markdown)
    assert spec["config"]["locale"]["number"]["decimal"] == ","


def test_status_table_links_to_the_initiative_page_and_keeps_the_snapshot(data_env):
    data_env(DEMO_DATA)
    links = status_table(open_overview())[initiative_texts.COL_LINK]
    assert "initiative?initiative=samhandlingskommunen" in set(links)
    old = METAS[3]
    at = open_overview(snapshot=old.snapshot_id)
    links = status_table(at)[initiative_texts.COL_LINK]
    assert all(link.endswith(f"&snapshot={old.snapshot_id}") for link in links)
    assert len(trend_table(at)) == 4  # the trend stops at the snapshot shown


def test_filters_narrow_the_trend(data_env):
    data_env(DEMO_DATA)
    table = trend_table(open_overview(status="rød"))
    assert (table["Grønn"] == 0).all() and (table["Gul"] == 0).all()
    assert table[T.COL_TOTAL].tolist() == table["Rød"].tolist()


def test_trend_on_large_data(data_env, large_data):
    data_env(large_data)
    at = open_overview()
    table = trend_table(at)
    assert len(table) == len(Store(large_data).list())
    assert set(table[T.COL_TOTAL]) == {3000}
    # the chart tables are real HTML tables (st.table) with Norwegian digit grouping
    shown = next(t.value for t in at.table if T.COL_TOTAL in t.value.columns)
    assert set(shown[T.COL_TOTAL]) == {"3\u00a0000"}
    phases = next(t.value for t in at.table if texts.OVERVIEW["col_phase"] in t.value.columns)
    assert phases[texts.OVERVIEW["col_count"]].str.replace("\u00a0", "").astype(int).sum() == 3000
    assert len(status_table(at)) == 100



# -- the filtered trend from the initiatives' versions (issue 20) ----------------------------------

def _both(store, snapshot_id: str, filters: Filters) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The trend read from every snapshot on the lake, and from the versions in memory."""
    params = query_params(store, snapshot_id, DEMO_TODAY, filters=filters.as_param())
    return queries.run(store, "status_trend", params), queries.run(store, "status_trend_filtered", params)


def test_the_filtered_trend_is_the_lakes_on_hand_built_snapshots(three):
    store, metas = three
    for meta in metas:
        for filters in (Filters(), Filters(areas=("Kultur",)), Filters(programmes=("a",)),
                        Filters(statuses=("rød",)), Filters(statuses=("rød", "grønn"), programmes=("a", "b"))):
            lake, versions = _both(store, meta.snapshot_id, filters)
            pd.testing.assert_frame_equal(versions, lake)


def test_the_filtered_trend_is_the_lakes_on_large_data(large_data):
    """Every filter kind, on the latest snapshot and an earlier one: the same
    rows, row for row; and the page asks for it only when a filter is set."""
    store = Store(large_data)
    metas = store.list()
    latest = store.read_frames(metas[-1].snapshot_id)["initiatives"]
    some = latest[latest["parent_id"].notna()].iloc[0]
    cases = [Filters(), Filters(phases=("Gjennomføre",)), Filters(statuses=("gul", "rød")),
             Filters(areas=(some["owner_area"],)), Filters(programmes=(some["parent_id"],)),
             Filters(focus_areas=tuple(some["focus_areas"][:1])), Filters(target_groups=tuple(some["target_groups"][:1])),
             Filters(phases=("Idé", "Avslutte"), statuses=("grønn",), focus_areas=tuple(some["focus_areas"][:2]))]
    for meta in (metas[-1], metas[1]):
        for filters in cases:
            lake, versions = _both(store, meta.snapshot_id, filters)
            pd.testing.assert_frame_equal(versions, lake)
            assert lake["initiative_count"].sum() > 0 or filters != Filters()
    assert trend_logic.query_name(Filters()) == "status_trend"
    assert trend_logic.query_name(Filters(phases=("Idé",))) == "status_trend_filtered"


# -- in the browser ----------------------------------------------------------------------------------

@pytest.mark.browser
def test_trend_section_in_chromium(demo_app):
    from browser import ARTIFACTS, axe_violations, chromium, wait_until_idle

    with chromium(viewport=(1400, 3400)) as page:
        page.goto(demo_app)
        wait_until_idle(page)
        heading = page.locator("h2", has_text=T.HEADING)
        heading.wait_for(timeout=30000)
        assert heading.count() == 1
        page.locator('[data-testid="stVegaLiteChart"]').nth(1).wait_for(timeout=30000)
        assert page.locator('[data-testid="stVegaLiteChart"]').count() == 2
        page.screenshot(path=str(ARTIFACTS / "overview-trend-demo.png"), full_page=True)
        violations = axe_violations(page)
        assert violations == [], [(v["id"], v["help"], v["nodes"][0]["target"]) for v in violations]


def test_the_phase_charts_sentence_counts_red_only_when_the_status_filter_lets_red_in():
    """«0 tiltak har rød samlet status» under «Samlet status: Gul» is true
    but says nothing about what is shown: the sentence leaves it out."""
    from portfolio.present import overview

    store = Store(DEMO_DATA)
    ctx = SnapshotContext(store=store, meta=store.latest(), today=DEMO_TODAY)
    yellow = overview.build_view(ctx, Filters(statuses=("gul",)))
    assert yellow.kpis.total and yellow.takeaway.endswith(f"av {yellow.kpis.total}).")
    assert "rød" not in yellow.takeaway
    for statuses in ((), ("gul", "rød")):
        view = overview.build_view(ctx, Filters(statuses=statuses))
        assert view.takeaway.endswith(f"{view.kpis.by_status['rød']} tiltak har rød samlet status.")
