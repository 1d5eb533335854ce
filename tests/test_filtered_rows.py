"""A filter change reads the rows of every initiative once per snapshot and
keeps those that pass (portfolio/present/filters.py `passing`): «Trenger
oppmerksomhet», the overview's status table and its key figures must be
exactly what their queries return with the filters in SQL
(queries/attention_items.sql, queries/overview_status_table.sql,
overview_counts.sql, overview_budget.sql, overview_milestones.sql): rows,
order, positions, counts and sums."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pandas as pd

from conftest import DEMO_DATA, DEMO_TODAY
from portfolio.present import attention, links, overview
from portfolio.query.context import SnapshotContext
from portfolio.query.runner import Filters
from portfolio.store.snapshots import Store


def _values(frame: pd.DataFrame) -> list[list]:
    return frame.astype(object).where(frame.notna(), None).to_numpy().tolist()


def _filter_sets(store: Store, snapshot_id: str) -> list[Filters]:
    """Each filter alone, some together, a programme, and one nothing passes."""
    initiatives = store.read_frames(snapshot_id, ["initiatives"])["initiatives"]
    programme = str(initiatives["parent_id"].dropna().value_counts().index[0])
    area = str(initiatives["owner_area"].value_counts().index[-1])
    focus = str(initiatives["focus_areas"].explode().dropna().iloc[0])
    group = str(initiatives["target_groups"].explode().dropna().iloc[0])
    return [
        Filters(), Filters(phases=("Konsept",)), Filters(statuses=("gul", "grønn")), Filters(areas=(area,)),
        Filters(focus_areas=(focus,)), Filters(target_groups=(group,)), Filters(programmes=(programme,)),
        Filters(phases=("Gjennomføre",), statuses=("rød",), areas=(area,)), Filters(statuses=("finnes ikke",)),
    ]


def _contexts(root: Path) -> list[SnapshotContext]:
    """The latest snapshot (today fixed) and an earlier one (its own date), as the pages see them."""
    store = Store(root)
    metas = store.list()
    middle = metas[len(metas) // 2]
    return [SnapshotContext(store, metas[-1], DEMO_TODAY),
            SnapshotContext(store, middle, middle.created.date(), is_latest=False)]


def _check(root: Path) -> int:
    """Every filter set on two snapshots: the rows kept equal the queries' (and
    the key figures those of overview_counts, overview_budget and
    overview_milestones); how many filter sets were compared."""
    compared = 0
    for ctx in _contexts(root):
        compares = [None, attention.default_compare(ctx)]
        for filters in _filter_sets(ctx.store, ctx.snapshot_id):
            for row_limit in (1, attention.ROW_LIMIT, 1_000_000):
                for compare in compares:
                    got = attention.rows(ctx, filters, compare, row_limit=row_limit)
                    want = attention.query_rows(ctx, filters, compare, row_limit=row_limit)
                    assert list(got.columns) == list(want.columns)
                    assert _values(got) == _values(want), (ctx.snapshot_id, filters, compare, row_limit)
                got = overview.status_rows(ctx, filters, row_limit, with_links=True)
                want = overview.status_query_rows(ctx, filters, row_limit)
                assert got.attrs["total_count"] == (int(want["total_count"].iloc[0]) if len(want) else 0)
                assert got.iloc[:, 0].tolist() == want["name"].tolist(), (ctx.snapshot_id, filters, row_limit)
                assert got.iloc[:, 1].tolist() == [links.context_initiative(ctx, i) for i in want["initiative_id"]]
            got, want = overview.kpis(ctx, filters), overview.query_kpis(ctx, filters)
            got_cells, want_cells = got.chart_counts, want.chart_counts
            assert dataclasses.replace(got, chart_counts=None) == dataclasses.replace(want, chart_counts=None), filters
            assert _values(got_cells) == _values(want_cells), filters
            if len(want_cells):  # (an empty result's columns have no type in SQL)
                assert list(got_cells.dtypes) == list(want_cells.dtypes)
            compared += 1
    return compared


def test_filtered_views_are_what_the_queries_give_with_the_filters_on_the_demo_data():
    assert _check(DEMO_DATA) == 2 * 9


def test_filtered_views_are_what_the_queries_give_with_the_filters_on_generated_data(large_data):
    assert _check(large_data) == 2 * 9


def test_a_filter_change_does_not_run_the_whole_queries_again():
    """After the unfiltered page, a filter asks only which initiatives pass."""
    asked: list[str] = []
    store = Store(DEMO_DATA)

    def runner(data, snapshot_id, name, params):
        asked.append(name)
        return SnapshotContext(data, data.get(snapshot_id), DEMO_TODAY).query(name, **params)

    cache: dict = {}

    def cached(data, snapshot_id, name, params):
        key = (snapshot_id, name, repr(sorted(params.items())))
        if key not in cache:
            cache[key] = runner(data, snapshot_id, name, params)
        return cache[key]

    ctx = SnapshotContext(store, store.latest(), DEMO_TODAY, runner=cached)
    attention.build_view(ctx, Filters(), None)
    overview.build_view(ctx, Filters())
    asked.clear()
    attention.build_view(ctx, Filters(phases=("Konsept",)), None)
    overview.build_view(ctx, Filters(phases=("Konsept",)))
    assert asked == ["changes_filtered_ids"]
