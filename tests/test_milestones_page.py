"""The milestones page ("Milepæler") through AppTest on the demo data and on
large generated data; its queries on hand-built snapshots; one browser run."""

from __future__ import annotations

import datetime as dt
import json

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from conftest import DEMO_DATA, DEMO_TODAY, ROOT, initiative, milestone, open_app_page, tables
from portfolio.present import milestones as page_logic
from portfolio.query import runner as queries
from portfolio.query.runner import Filters
from portfolio.store.snapshots import Store
from portfolio.texts import milestones as T
from test_queries import query_params

APP = str(ROOT / "dashboard.py")
PAGE = "views/milestones.py"
METAS = Store(DEMO_DATA).list()


def open_page(**params) -> AppTest:
    return open_app_page(PAGE, **params)


def lists(at: AppTest) -> list[pd.DataFrame]:
    """The overdue, next-30 and next-90 lists (an empty list draws no table)."""
    return [d.value for d in at.dataframe if T.COL_TITLE in d.value.columns]


def timeline_table(at: AppTest) -> pd.DataFrame:
    return next(d.value for d in at.dataframe if T.COL_MILESTONE_COUNT in d.value.columns)


def metric(at: AppTest, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def expected_open(snapshot_id: str, today: dt.date) -> pd.DataFrame:
    ms = Store(DEMO_DATA).read_frames(snapshot_id)["milestones"]
    return ms[ms["completed_date"].isna()].assign(due=lambda f: pd.to_datetime(f["due_date"]).dt.date)


def test_overdue_and_upcoming_milestones_on_demo_data(data_env):
    data_env(DEMO_DATA)
    at = open_page()
    assert at.title[0].value == T.TITLE
    overdue, soon, later = lists(at)
    assert overdue[T.COL_TITLE].tolist() == [
        "Utvidelse til flere lokalsamfunn",
        "Midtveisevaluering av Samhandlingskommunen",
        "Plan for videre drift etter prosjektperioden",
    ]
    assert overdue[T.COL_OVERDUE_DAYS].tolist() == [54, 24, 21]
    assert overdue[T.COL_LINK].iloc[0] == "initiative?initiative=soslokal"
    open_ms = expected_open(METAS[-1].snapshot_id, DEMO_TODAY)
    in_30 = open_ms[(open_ms["due"] >= DEMO_TODAY) & (open_ms["due"] <= DEMO_TODAY + dt.timedelta(days=30))]
    in_90 = open_ms[(open_ms["due"] >= DEMO_TODAY) & (open_ms["due"] <= DEMO_TODAY + dt.timedelta(days=90))]
    assert sorted(soon[T.COL_TITLE]) == sorted(in_30["title"]) and len(later) == len(in_90) > len(soon)
    assert list(soon[T.COL_DAYS_LEFT]) == sorted(soon[T.COL_DAYS_LEFT])
    assert metric(at, T.KPI_OVERDUE) == "3"
    assert metric(at, T.KPI_30) == str(len(in_30)) and metric(at, T.KPI_90) == str(len(in_90))
    assert [t.label for t in at.tabs] == [
        "Forsinket (3)", f"Neste 30 dager ({len(in_30)})", f"Neste 90 dager ({len(in_90)})"]


def test_the_timeline_is_layered_described_and_aggregated(data_env):
    data_env(DEMO_DATA)
    at = open_page()
    charts = at.get("vega_lite_chart")
    assert len(charts) == 1
    spec = json.loads(charts[0].proto.spec)
    # by default the period around today: 8 of the 12 initiatives are under way in it
    assert spec["description"].startswith("3 av 8 tiltak i tidslinjen har forsinkede milepæler")
    assert any(spec["description"].startswith(m.value) for m in at.markdown if m.value.startswith("3 av 8"))
    marks = [layer["mark"]["type"] if isinstance(layer["mark"], dict) else layer["mark"] for layer in spec["layer"]]
    assert marks == ["bar", "bar", "rule", "point", "text"]
    shapes = spec["layer"][3]["encoding"]["shape"]["scale"]
    assert shapes == {"domain": [T.SHAPE_MILESTONE, T.SHAPE_DECISION], "range": ["circle", "diamond"]}
    table = timeline_table(at)
    assert len(table) == 8 and table[T.COL_OVERDUE_COUNT].iloc[:3].tolist() == [1, 1, 1]
    assert table[T.COL_OVERDUE_COUNT].iloc[3:].sum() == 0


def spec_of(at: AppTest) -> dict:
    """The chart's spec, with the data Streamlit sends beside it (Arrow) put back as `datasets`."""
    import pyarrow as pa

    chart = at.get("vega_lite_chart")[0].proto
    spec = json.loads(chart.spec)
    spec["datasets"] = {d.name: pa.ipc.open_stream(d.data.data).read_pandas().to_dict("records")
                        for d in chart.datasets}
    return spec


def domain(spec: dict) -> list[dt.date]:
    """The first and last day of the timeline's time axis."""
    days = spec["layer"][0]["encoding"]["x"]["scale"]["domain"]
    return [dt.date(d["year"], d["month"], d["date"]) for d in days]


def layer_rows(spec: dict, layer: int) -> list[dict]:
    return spec["datasets"][spec["layer"][layer]["data"]["name"]]


def test_the_timeline_shows_three_months_back_and_twelve_ahead_by_default(data_env):
    data_env(DEMO_DATA)
    at = open_page()
    assert at.segmented_control(key=page_logic.WINDOW_KEY).value == "window"
    spec = spec_of(at)
    assert domain(spec) == [dt.date(2026, 8, 23), dt.date(2027, 11, 23)]  # DEMO_TODAY is 23.11.2026
    first, last = (pd.Timestamp(d) for d in domain(spec))
    # the text alternative and the table follow the period
    assert "Perioden er 23.08.2026–23.11.2027." in spec["description"]
    assert any("Perioden er 23.08.2026–23.11.2027." in m.value for m in at.markdown)  # with the takeaway
    bars = layer_rows(spec, 0)
    assert all(pd.Timestamp(b["start_date"]) <= last and pd.Timestamp(b["bar_end_date"]) >= first for b in bars)
    assert sorted(timeline_table(at)[T.COL_INITIATIVE]) == sorted(b["row_label"] for b in bars)
    points = layer_rows(spec, 3)
    assert points and all(first <= pd.Timestamp(p["due_date"]) <= last for p in points)
    # every mark is explained in the legend: the bars' outlines, the line, the shapes and the fills
    outline = spec["layer"][1]["encoding"]["strokeDash"]
    assert outline["scale"]["domain"] == [T.BAR_END, T.BAR_OPEN_END] and outline["scale"]["range"] == [[1, 0], [4, 3]]
    assert outline["title"] == T.LEGEND_BAR and outline["legend"] is not None
    line = spec["layer"][2]["encoding"]["color"]
    assert line["scale"]["domain"] == [T.TODAY_LINE.format(date="23.11.2026")] and line["title"] == T.LEGEND_LINE
    assert spec["layer"][3]["encoding"]["shape"]["title"] == T.LEGEND_KIND
    assert spec["layer"][3]["encoding"]["fill"]["scale"]["domain"] == [T.STATE_OVERDUE, T.STATE_OPEN, T.STATE_DONE]
    assert all(spec["layer"][i]["mark"]["clip"] for i in (0, 1, 3))  # nothing drawn outside the period
    # the today line's label sits above the plot, clear of the milestones
    label = spec["layer"][4]
    assert label["encoding"]["y"] == {"value": 0} and label["mark"]["baseline"] == "bottom"


def test_the_timeline_can_show_the_whole_period(data_env):
    data_env(DEMO_DATA)
    at = open_page()
    at.segmented_control(key=page_logic.WINDOW_KEY).set_value("all").run()
    assert not at.exception
    spec = spec_of(at)
    frames = Store(DEMO_DATA).read_frames(METAS[-1].snapshot_id)
    dates = [*pd.to_datetime(frames["initiatives"]["start_date"]).dt.date,
             *pd.to_datetime(frames["milestones"]["due_date"]).dt.date]
    ends = [*pd.to_datetime(frames["initiatives"]["end_date"].dropna()).dt.date, *dates, DEMO_TODAY]
    assert domain(spec) == [min(dates), max(ends)] == [dt.date(2017, 9, 1), dt.date(2027, 12, 31)]
    assert spec["description"].startswith("3 av 12 tiltak i tidslinjen har forsinkede milepæler")
    assert "Perioden er 01.09.2017–31.12.2027." in spec["description"]
    assert len(timeline_table(at)) == 12
    assert len(layer_rows(spec, 3)) == len(frames["milestones"])
    # the lists below do not depend on the period
    assert metric(at, T.KPI_OVERDUE) == "3"


def test_filters_and_a_past_snapshot_change_the_lists(data_env):
    data_env(DEMO_DATA)
    at = open_page(status="rød")
    assert set(lists(at)[0][T.COL_INITIATIVE]) == {"SOSLOKAL", "Nye mønstre – trygg oppvekst"}
    assert len(timeline_table(at)) == 2

    old = METAS[2]  # 14.03.2022: "today" is that day; the steering document was late then
    at = open_page(snapshot=old.snapshot_id)
    assert any("ikke dagens data" in w.value for w in at.warning)
    today = old.created.date()
    open_ms = expected_open(old.snapshot_id, today)
    expected = open_ms[open_ms["due"] < today]
    assert len(expected) == 2
    shown = lists(at)
    assert metric(at, T.KPI_OVERDUE) == "2"
    assert sorted(shown[0][T.COL_TITLE]) == sorted(expected["title"])
    assert "Styringsdokument levert" in set(shown[0][T.COL_TITLE])
    assert all(f"snapshot={old.snapshot_id}" in link for link in shown[0][T.COL_LINK])
    assert any(c.value.startswith(f"Åpne milepæler med frist før {today:%d.%m.%Y}") for c in at.caption)
    # on 17.11.2025 nothing was overdue: the page says so instead of drawing an empty table
    at = open_page(snapshot=METAS[-2].snapshot_id)
    assert metric(at, T.KPI_OVERDUE) == "0" and any(m.value == T.NONE_OVERDUE for m in at.markdown)


def test_large_data_caps_the_timeline_and_lists_and_says_so(data_env, large_data):
    data_env(large_data)
    at = open_page()
    assert len(timeline_table(at)) == page_logic.TIMELINE_ROWS
    assert any(c.value.startswith("Viser 40 av 3\u00a0000 tiltak") for c in at.caption)
    spec = json.loads(at.get("vega_lite_chart")[0].proto.spec)
    assert len(spec["layer"][0]["encoding"]["y"]["sort"]) == 40
    store = Store(large_data)
    ms = store.read_frames(store.latest().snapshot_id)["milestones"]
    overdue = int(((ms["completed_date"].isna()) & (pd.to_datetime(ms["due_date"]).dt.date < DEMO_TODAY)).sum())
    assert metric(at, T.KPI_OVERDUE) == f"{overdue:,}".replace(",", "\u00a0")
    shown = lists(at)
    assert len(shown[0]) == min(overdue, page_logic.LIST_ROWS)
    assert any(c.value.endswith(f"Viser 100 av {overdue:,}.".replace(",", "\u00a0")) for c in at.caption)


# -- queries on hand-built snapshots ---------------------------------------------------------

@pytest.fixture()
def run(store):
    today = DEMO_TODAY
    meta = store.write(tables(
        [
            initiative("late", name="Sen", status_overall="grønn", end_date=None),
            initiative("red", name="Rød", status_overall="rød"),
            initiative("calm", name="Rolig", status_overall="grønn"),
        ],
        [],
        [
            milestone("m1", "late", due_date=today - dt.timedelta(days=10)),
            milestone("m2", "late", due_date=today - dt.timedelta(days=1), kind="beslutningspunkt",
                      decision_point="BP2"),
            milestone("m3", "late", due_date=today + dt.timedelta(days=400)),
            milestone("m4", "red", due_date=today),  # due today: not overdue
            milestone("m5", "red", due_date=today - dt.timedelta(days=5), completed_date=today),  # done
            milestone("m6", "calm", due_date=today + dt.timedelta(days=30)),
            milestone("m7", "calm", due_date=today + dt.timedelta(days=31)),
        ],
    ), author="t", note="t")

    def run(name, **extra):
        params = query_params(store, meta.snapshot_id, today, **extra)
        return queries.run(store, name, params)

    return run


def test_overdue_means_open_and_due_before_today(run):
    overdue = run("milestones_overdue")
    assert overdue["milestone_id"].tolist() == ["m1", "m2"]  # oldest due date first
    assert overdue["overdue_days"].tolist() == [10, 1]
    assert overdue["total_count"].iloc[0] == 2
    assert run("milestones_overdue", row_limit=1)["total_count"].iloc[0] == 2


def test_upcoming_includes_today_and_the_last_day(run):
    soon = run("milestones_upcoming", horizon_days=30)
    assert soon["milestone_id"].tolist() == ["m4", "m6"]
    assert soon["days_left"].tolist() == [0, 30]
    assert run("milestones_upcoming", horizon_days=31)["milestone_id"].tolist() == ["m4", "m6", "m7"]
    red = run("milestones_upcoming", horizon_days=90, filters=Filters(statuses=("rød",)).as_param())
    assert red["milestone_id"].tolist() == ["m4"]


def test_timeline_ranks_by_overdue_then_status_and_caps(run):
    rows = run("milestones_timeline", row_limit=2)
    bars = rows.drop_duplicates("initiative_id")
    assert bars["initiative_id"].tolist() == ["late", "red"]  # 2 overdue; then red before green
    assert bars["total_count"].iloc[0] == 3 and bars["overdue_count"].tolist() == [2, 0]
    late = bars.iloc[0]
    assert bool(late.is_open_end) and late.bar_end_date == pd.Timestamp(DEMO_TODAY + dt.timedelta(days=400))
    assert rows.loc[rows.initiative_id == "late", "milestone_id"].tolist() == ["m1", "m2", "m3"]
    assert rows.loc[rows.initiative_id == "late", "is_overdue"].tolist() == [True, True, False]
    assert len(run("milestones_timeline", row_limit=40).drop_duplicates("initiative_id")) == 3


def test_timeline_points_carry_shape_and_state_words(store, run):
    from portfolio.query.context import SnapshotContext

    ctx = SnapshotContext(store=store, meta=store.latest(), today=DEMO_TODAY)
    t = page_logic.timeline(ctx, Filters())
    assert (t.shown, t.total) == (3, 3)
    points = t.points.set_index("milestone_id")
    assert points.loc["m2", "shape_label"] == T.SHAPE_DECISION and points.loc["m1", "shape_label"] == T.SHAPE_MILESTONE
    assert points.loc["m1", "state_label"] == T.STATE_OVERDUE
    assert points.loc["m5", "state_label"] == T.STATE_DONE and points.loc["m4", "state_label"] == T.STATE_OPEN
    assert page_logic.timeline_takeaway(t) == (
        "1 av 3 tiltak i tidslinjen har forsinkede milepæler, til sammen 2. "
        f"Neste frist er «Milepæl m4» (Rød) {DEMO_TODAY:%d.%m.%Y}.")
    assert t.bars.set_index("initiative_id").loc["late", "end_label"] == T.OPEN_END


# -- in the browser ----------------------------------------------------------------------------

@pytest.mark.browser
@pytest.mark.parametrize("app", ["demo_app", "large_app"])
def test_milestones_page_in_chromium(app, request):
    from browser import ARTIFACTS, axe_violations, chromium
    from test_initiative_page import open_deep_link

    url, name = request.getfixturevalue(app), app.removesuffix("_app")
    with chromium(viewport=(1400, 2600)) as page:
        open_deep_link(page, url, "milestones")
        assert page.locator("h1", has_text=T.TITLE).count() == 1
        page.locator('[data-testid="stVegaLiteChart"]').first.wait_for(timeout=30000)
        assert page.locator('[data-testid="stVegaLiteChart"]').count() == 1
        assert page.get_by_role("tab").count() == 3
        page.screenshot(path=str(ARTIFACTS / f"milestones-{name}.png"), full_page=True)
        violations = axe_violations(page)
        assert violations == [], [(v["id"], v["help"], v["nodes"][0]["target"]) for v in violations]
