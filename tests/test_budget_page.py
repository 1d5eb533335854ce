"""The budget page ("Økonomi") through AppTest on the demo data and on large
generated data; its queries on hand-built snapshots; one browser run."""

from __future__ import annotations

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from conftest import DEMO_DATA, DEMO_TODAY, ROOT, budget, initiative, open_app_page, tables
from portfolio.present import budget as page_logic
from portfolio.query import runner as queries
from portfolio.query.runner import Filters
from portfolio.store.snapshots import Store
from portfolio.texts import budget as T
from test_queries import query_params

APP = str(ROOT / "dashboard.py")
PAGE = "views/budget.py"
METAS = Store(DEMO_DATA).list()


def open_page(**params) -> AppTest:
    return open_app_page(PAGE, **params)


def by_initiative(at: AppTest) -> pd.DataFrame:
    return next(d.value for d in at.dataframe if T.COL_SCOPE in d.value.columns)


def by_area(at: AppTest) -> pd.DataFrame:
    return next(d.value for d in at.dataframe if T.COL_AREA in d.value.columns and T.COL_SCOPE not in d.value.columns)


def by_year(at: AppTest) -> pd.DataFrame:
    return next(d.value for d in at.dataframe if T.COL_YEAR in d.value.columns)


def metric(at: AppTest, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def test_flere_i_arbeid_is_over_budget_in_2026_on_demo_data(data_env):
    data_env(DEMO_DATA)
    at = open_page()
    assert at.title[0].value == T.TITLE
    assert at.selectbox(key=page_logic.YEAR_KEY).value == 2026
    rows = by_initiative(at)
    first = rows.iloc[0]  # largest overrun first
    assert first[T.COL_INITIATIVE] == "Flere i arbeid"
    assert first[T.COL_ASSESSMENT] == T.DIRECTIONS["over"]
    assert (first[T.COL_BUDGET], first[T.COL_FORECAST], first[T.COL_FORECAST_DEVIATION]) == (
        1_400_000, 1_640_000, 240_000)
    assert first[T.COL_FORECAST_DEVIATION_SHARE] == "+17\u00a0%"  # 240 000 / 1 400 000
    assert first[T.COL_ACTUAL_DEVIATION] == 34_000
    assert first[T.COL_LINK] == "initiative?initiative=flere-i-arbeid"
    assert list(rows[T.COL_FORECAST_DEVIATION]) == sorted(rows[T.COL_FORECAST_DEVIATION], reverse=True)
    # the programme's row rolls up its children: its own 300 000 plus theirs
    programme = rows.set_index(T.COL_INITIATIVE).loc["Samhandlingskommunen Kristiansand"]
    assert programme[T.COL_BUDGET] == 5_960_000 and programme[T.COL_SCOPE].startswith("Program + 10")
    # the KPIs and the year table count each budget row once
    assert metric(at, T.KPI_BUDGET.format(year=2026)) == "5\u00a0960\u00a0000\u00a0kr"
    assert metric(at, T.KPI_DEVIATION.format(year=2026)) == "-30\u00a0000\u00a0kr"
    assert metric(at, T.KPI_OVER.format(year=2026)) == "2"
    years = by_year(at).set_index(T.COL_YEAR)
    assert years.loc["2026", T.COL_BUDGET] == 5_960_000 and list(years.index) == [str(y) for y in range(2020, 2027)]
    areas = by_area(at)
    assert areas[T.COL_AREA].iloc[0] == "Helse og mestring" and areas[T.COL_FORECAST_DEVIATION].iloc[0] == 93_000
    assert areas[T.COL_BUDGET].sum() == 5_960_000
    assert any("Helse og mestring har størst overskridelse i 2026" in m.value for m in at.markdown)


def test_two_charts_aggregated_described_and_norwegian(data_env, large_data):
    import json

    import pyarrow as pa

    for data in (DEMO_DATA, large_data):
        data_env(data)
        at = open_page()
        charts = at.get("vega_lite_chart")
        assert len(charts) == 2
        for chart in charts:
            spec = json.loads(chart.proto.spec)
            assert spec["config"]["locale"]["number"]["thousands"] == "\u00a0"
            assert spec["description"] and any(spec["description"] == m.value for m in at.markdown)
        rows = [sum(pa.ipc.open_stream(d.data.data).read_all().num_rows for d in c.proto.datasets) for c in charts]
        assert 0 < rows[0] <= 3 * 20 and 0 < rows[1] <= page_logic.CHART_ROWS


def test_the_year_lives_in_the_link(data_env):
    data_env(DEMO_DATA)
    at = open_page(year="2024")
    assert at.selectbox(key=page_logic.YEAR_KEY).value == 2024
    assert metric(at, T.KPI_BUDGET.format(year=2024)) == "6\u00a0410\u00a0000\u00a0kr"
    assert any(s.value == T.BY_INITIATIVE.format(year=2024) for s in at.header)
    at.selectbox(key=page_logic.YEAR_KEY).set_value(2025).run()
    assert not at.exception
    assert at.query_params["year"] in ("2025", ["2025"])
    assert by_initiative(at)[T.COL_BUDGET].max() == 6_020_000  # the programme's total for 2025
    # a year without budget rows falls back to the default year
    at = open_page(year="1999")
    assert at.selectbox(key=page_logic.YEAR_KEY).value == 2026


def test_the_overview_filters_apply(data_env):
    data_env(DEMO_DATA)
    at = open_page(status="rød")
    names = set(by_initiative(at)[T.COL_INITIATIVE])
    assert names == {"Nye mønstre – trygg oppvekst", "SOSLOKAL"}
    assert metric(at, T.KPI_BUDGET.format(year=2026)) == "1\u00a0950\u00a0000\u00a0kr"


def test_a_past_snapshot_shows_its_own_money(data_env):
    data_env(DEMO_DATA)
    old = METAS[4]  # 12.06.2023
    at = open_page(snapshot=old.snapshot_id)
    assert any("ikke dagens data" in w.value for w in at.warning)
    assert at.selectbox(key=page_logic.YEAR_KEY).value == 2023  # that snapshot's today
    frames = Store(DEMO_DATA).read_frames(old.snapshot_id)
    rows = frames["budgets"][frames["budgets"]["year"] == 2023]
    assert metric(at, T.KPI_BUDGET.format(year=2023)).replace("\u00a0", "") == f"{rows['budget_nok'].sum()}kr"
    assert all(f"snapshot={old.snapshot_id}" in link for link in by_initiative(at)[T.COL_LINK])


def test_large_data_caps_the_tables_and_says_so(data_env, large_data):
    data_env(large_data)
    at = open_page()
    rows = by_initiative(at)
    assert len(rows) == page_logic.ROW_LIMIT
    store = Store(large_data)
    frames = store.read_frames(store.latest().snapshot_id)
    budgeted = set(frames["budgets"].loc[frames["budgets"]["year"] == 2026, "initiative_id"])
    parent = dict(zip(frames["initiatives"]["initiative_id"], frames["initiatives"]["parent_id"], strict=False))
    shown = set()
    for initiative_id in budgeted:  # each budgeted initiative and every programme above it
        while isinstance(initiative_id, str) and initiative_id not in shown:
            shown.add(initiative_id)
            initiative_id = parent.get(initiative_id)
    count = len(shown)
    assert any(c.value.startswith(f"100 av {count:,} tiltak".replace(",", "\u00a0")) for c in at.caption)
    assert list(rows[T.COL_FORECAST_DEVIATION]) == sorted(rows[T.COL_FORECAST_DEVIATION], reverse=True)
    assert len(by_area(at)) <= page_logic.ROW_LIMIT


# -- queries on hand-built snapshots ---------------------------------------------------------

@pytest.fixture()
def portfolio(store):
    """prog > a > a1, prog > b; c alone. Budgets for 2026 (and one 2025 row)."""
    meta = store.write(tables(
        [
            initiative("prog", name="Program", owner_area="Kultur"),
            initiative("a", name="A", parent_id="prog", status_overall="rød"),
            initiative("a1", name="A1", parent_id="a", owner_area="Kultur"),
            initiative("b", name="B", parent_id="prog"),
            initiative("c", name="C"),
        ],
        [
            budget("prog", budget_nok=1_000, actual_nok=400, forecast_nok=900),
            budget("a", budget_nok=200, actual_nok=250),  # no forecast: the actual counts
            budget("a", funding_source="Tilskudd", budget_nok=100, actual_nok=0, forecast_nok=100),
            budget("a1", budget_nok=50, actual_nok=10, forecast_nok=80),
            budget("b", budget_nok=0, actual_nok=0, forecast_nok=20),
            budget("c", budget_nok=300, actual_nok=100, forecast_nok=300),
            budget("c", year=2025, budget_nok=10, actual_nok=20, forecast_nok=20),
        ],
    ), author="t", note="t")

    def run(name, **extra):
        return queries.run(store, name, query_params(store, meta.snapshot_id, DEMO_TODAY, **extra))

    return run


def test_programme_rows_roll_up_every_initiative_under_them(portfolio):
    rows = portfolio("budget_by_initiative", year=2026).set_index("initiative_id")
    # prog = prog + a (two rows) + a1 + b
    assert rows.loc["prog", ["budget_nok", "actual_nok", "forecast_nok"]].tolist() == [1_350, 660, 1_350]
    assert rows.loc["prog", "descendant_count"] == 3
    # a = a's two rows + a1
    assert rows.loc["a", ["budget_nok", "actual_nok", "forecast_nok"]].tolist() == [350, 260, 430]
    assert rows.loc["a1", "descendant_count"] == 0 and rows.loc["a", "programme_name"] == "Program"
    # a filter keeps the programme's total whole: its children count even when filtered out
    red = portfolio("budget_by_initiative", year=2026, filters=Filters(areas=("Kultur",)).as_param())
    assert set(red["initiative_id"]) == {"prog", "a1"}
    assert red.set_index("initiative_id").loc["prog", "budget_nok"] == 1_350


def test_deviation_maths(portfolio):
    rows = portfolio("budget_by_initiative", year=2026).set_index("initiative_id")
    a = rows.loc["a"]
    assert a.forecast_deviation_nok == 80 and a.actual_deviation_nok == -90
    assert a.forecast_deviation_share == pytest.approx(80 / 350)
    assert a.actual_deviation_share == pytest.approx(-90 / 350)
    assert pd.isna(rows.loc["b", "forecast_deviation_share"])  # budget 0: no share
    assert rows.loc["b", "forecast_deviation_nok"] == 20
    # largest overrun first
    assert rows.index.tolist()[:2] == ["a", "a1"]
    assert rows.index.tolist()[-1] == "prog"


def test_years_and_areas_count_each_budget_row_once(portfolio):
    years = portfolio("budget_by_year").set_index("year")
    assert years.loc[2026, ["budget_nok", "actual_nok", "forecast_nok"]].tolist() == [1_650, 760, 1_650]
    assert years.loc[2026, "forecast_over_budget_count"] == 3  # a, a1, b
    assert years.loc[2026, "actual_over_budget_count"] == 0
    assert years.loc[2025, "forecast_deviation_nok"] == 10
    areas = portfolio("budget_by_area", year=2026).set_index("owner_area")
    assert areas.loc["Kultur", ["budget_nok", "forecast_nok"]].tolist() == [1_050, 980]
    assert areas.loc["Oppvekst", ["budget_nok", "forecast_nok", "initiative_count"]].tolist() == [600, 670, 3]
    assert areas.index.tolist() == ["Oppvekst", "Kultur"]  # largest overrun first
    assert portfolio("budget_by_area", year=2026, row_limit=1)["total_count"].iloc[0] == 2


def test_takeaways_and_tables_in_words():
    years = pd.DataFrame([{
        "year": 2026, "budget_nok": 1_000, "actual_nok": 500, "forecast_nok": 1_100, "initiative_count": 2,
        "forecast_over_budget_count": 1, "actual_over_budget_count": 0, "forecast_deviation_nok": 100,
        "actual_deviation_nok": -500, "forecast_deviation_share": 0.1, "actual_deviation_share": -0.5,
    }])
    figures = page_logic.year_figures(years, 2026)
    assert page_logic.years_takeaway(figures, 2026) == (
        "I 2026 er prognosen 100\u00a0kr over budsjettet (+10\u00a0%); regnskapet så langt er 50\u00a0% av budsjettet.")
    assert page_logic.years_takeaway(None, 2030) == T.TAKEAWAY_NO_YEAR.format(year=2030)
    long = page_logic.years_chart_data(years)
    assert long["measure_label"].tolist() == ["Budsjett", "Regnskap", "Prognose"]
    table = page_logic.year_table(page_logic.year_rows(years)).to_html()
    assert "+100\u00a0kr" in table and "+10\u00a0%" in table and T.DIRECTIONS["over"] in table


# -- in the browser ----------------------------------------------------------------------------

@pytest.mark.browser
@pytest.mark.parametrize("app", ["demo_app", "large_app"])
def test_budget_page_in_chromium(app, request):
    from browser import ARTIFACTS, axe_violations, chromium
    from test_initiative_page import open_deep_link

    url, name = request.getfixturevalue(app), app.removesuffix("_app")
    with chromium(viewport=(1400, 3600)) as page:
        open_deep_link(page, url, "budget?year=2026")
        assert page.locator("h1", has_text=T.TITLE).count() == 1
        # on a busy machine the last elements may paint after the script has finished
        page.locator('[data-testid="stVegaLiteChart"]').nth(1).wait_for(timeout=30000)
        page.locator('[data-testid="stDataFrame"]').nth(2).wait_for(timeout=30000)
        assert page.locator('[data-testid="stVegaLiteChart"]').count() == 2
        assert page.locator('[data-testid="stDataFrame"]').count() == 3
        page.screenshot(path=str(ARTIFACTS / f"budget-{name}.png"), full_page=True)
        violations = axe_violations(page)
        assert violations == [], [(v["id"], v["help"], v["nodes"][0]["target"]) for v in violations]
