"""Every named query runs on the demo data, with values bound as parameters."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from conftest import DEMO_DATA, DEMO_TODAY, budget, initiative, milestone, tables
from portfolio.query import runner as queries
from portfolio.query.runner import Filters
from portfolio.store.snapshots import Store


@pytest.fixture(scope="module")
def demo():
    store = Store(DEMO_DATA)
    assert store.list(), "the committed demo data is missing: run python -m portfolio demo-data --out data"
    return store


@pytest.fixture(scope="module")
def con():
    return queries.connect()


def test_there_are_queries_and_each_is_one_file():
    names = queries.names()
    assert {"overview_counts", "overview_budget", "overview_milestones",
            "overview_status_table", "filter_options"} <= set(names)
    for name in names:
        assert queries.query_path(name).is_file()


@pytest.mark.parametrize("name", queries.names())
def test_every_query_runs_on_every_demo_snapshot(name, demo, con):
    for meta in demo.list():
        params = queries.default_params(demo, meta.snapshot_id, DEMO_TODAY)
        result = queries.run(con, name, params)
        assert isinstance(result, pd.DataFrame)


@pytest.mark.parametrize("name", queries.names() + ["_macros"])
def test_sql_files_bind_values_and_never_format_them(name):
    text = queries.sql(name)
    # no Python formatting or positional placeholders: only named $parameters
    assert not re.search(r"\{[a-z_]*\}|%s|%\(|\?", text), name


def test_a_missing_parameter_is_an_error(demo, con):
    with pytest.raises(KeyError):
        queries.run(con, "overview_counts", {"initiatives": "x"})


def test_a_value_with_sql_in_it_is_only_a_value(demo, con):
    meta = demo.latest()
    params = queries.default_params(
        demo, meta.snapshot_id, DEMO_TODAY,
        filters=Filters(areas=("x') or 1=1 --",)).as_param(),
    )
    counts = queries.run(con, "overview_counts", params)
    assert counts["initiative_count"].sum() == 0


def _write(store, data):
    return store.write(data, author="t", note="t")


def test_filters_and_counts_on_a_hand_built_portfolio(store, con):
    meta = _write(store, tables(
        [
            initiative("prog", name="Program", owner_area="Kultur", focus_areas=["innbyggerdialog"]),
            initiative("a", parent_id="prog", status_overall="rød", phase="Idé",
                       target_groups=["Frivilligheten"]),
            initiative("b", parent_id="prog", status_overall="gul"),
            initiative("c", owner_area="Kultur", status_overall="grønn"),
        ],
        [budget("a", budget_nok=100, actual_nok=150), budget("b", budget_nok=200, actual_nok=20,
                                                             forecast_nok=250),
         budget("c", year=2025, budget_nok=999, actual_nok=999)],
        [milestone("m1", "a", due_date=DEMO_TODAY.replace(day=1)),
         milestone("m2", "b", due_date=DEMO_TODAY),
         milestone("m3", "c", due_date=DEMO_TODAY.replace(year=DEMO_TODAY.year + 1)),
         milestone("m4", "c", due_date=DEMO_TODAY.replace(day=1), completed_date=DEMO_TODAY)],
    ))

    def run(name, **extra):
        return queries.run(con, name, queries.default_params(store, meta.snapshot_id, DEMO_TODAY, **extra))

    def total(filters):
        counts = run("overview_counts", filters=filters.as_param())
        return int(counts.loc[counts.is_all_phases & counts.is_all_statuses, "initiative_count"].iloc[0])

    assert total(Filters()) == 4
    assert total(Filters(programmes=("prog",))) == 3  # the programme and its two children
    assert total(Filters(areas=("Kultur",))) == 2
    assert total(Filters(statuses=("rød", "gul"))) == 2
    assert total(Filters(focus_areas=("innbyggerdialog",))) == 1
    assert total(Filters(target_groups=("Frivilligheten",))) == 1
    assert total(Filters(phases=("Idé",), statuses=("grønn",))) == 0

    money = run("overview_budget", year=DEMO_TODAY.year).iloc[0]
    assert (money.budget_nok, money.actual_nok, money.forecast_nok) == (300, 170, 400)
    assert money.over_budget_count == 1 and money.forecast_over_budget_count == 2

    ms = run("overview_milestones").iloc[0]
    assert (ms.overdue_count, ms.due_soon_count) == (1, 1)

    rows = run("overview_status_table")
    assert rows["initiative_id"].tolist()[:2] == ["a", "b"]  # most critical first
    assert rows.set_index("initiative_id").loc["a", "programme_name"] == "Program"
    assert rows.set_index("initiative_id").loc["a", "overdue_count"] == 1
    assert run("overview_status_table", row_limit=2)["total_count"].iloc[0] == 4

    options = run("filter_options")
    assert options.loc[options.kind == "programme", "value"].tolist() == ["prog"]


def test_queries_read_the_snapshot_they_are_given(store, con):
    first = _write(store, tables([initiative("a")]))
    second = store.write(tables([initiative("a"), initiative("b")]), author="t", note="t",
                         base_id=first.snapshot_id)
    counts = {
        meta.snapshot_id: queries.run(con, "overview_counts",
                                      queries.default_params(store, meta.snapshot_id, DEMO_TODAY))
        for meta in (first, second)
    }
    assert counts[first.snapshot_id]["initiative_count"].iloc[-1] == 1
    assert counts[second.snapshot_id]["initiative_count"].iloc[-1] == 2
