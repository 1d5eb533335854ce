"""A filter change reads the rows of every initiative once per snapshot and
keeps those that pass (portfolio/present/filters.py `passing`): «Trenger
oppmerksomhet», the overview's status table and its key figures must be
exactly what their queries return with the filters in SQL
(queries/attention_items.sql, queries/overview_status_table.sql,
overview_counts.sql, overview_budget.sql, overview_milestones.sql), and so
must the Decidim figure (decidim_overview.sql): rows, order, positions,
counts and sums; «Trenger oppmerksomhet»'s view, made from Arrow, is the
view made from those rows. Which initiatives pass is worked out in numpy
(`filters.passing_ids`), and the filtered status trend counted in numpy from
the initiatives' versions (`trend.filtered_counts`): the same initiatives as
changes_filtered_ids.sql, and the same rows as status_trend_filtered.sql."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pandas as pd
import pytest

from conftest import DEMO_DATA, DEMO_TODAY
from portfolio.present import attention, decidim, links, overview, trend
from portfolio.present import filters as filters_logic
from portfolio.query.context import QueryRunner, SnapshotContext, run_direct
from portfolio.query.runner import Filters
from portfolio.store.snapshots import Store

EVERY = 1_000_000  # a row limit over every row


def _values(frame: pd.DataFrame) -> list[list]:
    return frame.to_numpy(dtype=object, na_value=None).tolist()


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
        Filters(areas=(area,), focus_areas=(focus, "finnes ikke"), target_groups=(group,)),
    ]


def cached_runner(ran: list[str] | None = None) -> QueryRunner:
    """A query runner that keeps each result by snapshot and parameters, as
    the server's does (portfolio/web/ui.py): the unfiltered lists are read
    once per snapshot, and the filtered ones keep from them. `ran` gets the
    name of each query run (not those taken from the cache)."""
    results: dict = {}

    def run(store: Store, snapshot_id: str, name: str, params: dict) -> pd.DataFrame:
        key = (snapshot_id, name, repr(sorted(params.items())))
        if key not in results:
            if ran is not None:
                ran.append(name)
            results[key] = run_direct(store, snapshot_id, name, params)
        return results[key].copy(deep=False)

    return run


def kept_once():
    """A keeper that keeps what is built per snapshot, as the server's does (ui.view)."""
    kept: dict = {}

    def keep(build, ctx: SnapshotContext, *args):
        key = (build, ctx.snapshot_id, args)
        if key not in kept:
            kept[key] = build(ctx, *args)
        return kept[key]

    return keep


def _contexts(root: Path) -> list[SnapshotContext]:
    """The latest snapshot (today fixed) and an earlier one (its own date), as the pages see them."""
    store = Store(root)
    metas = store.list()
    middle = metas[len(metas) // 2]
    runner, keeper = cached_runner(), kept_once()
    return [SnapshotContext(store, metas[-1], DEMO_TODAY, runner=runner, keeper=keeper),
            SnapshotContext(store, middle, middle.created.date(), is_latest=False, runner=runner, keeper=keeper)]


def _check(root: Path) -> int:
    """Every filter set on two snapshots: the rows kept equal the queries' (and
    the key figures those of overview_counts, overview_budget and
    overview_milestones); how many filter sets were compared."""
    compared = 0
    decidim_figures, passed_counts, viewed_totals = [], [], []
    for ctx in _contexts(root):
        compares = [None, attention.default_compare(ctx)]
        for filters in _filter_sets(ctx.store, ctx.snapshot_id):
            # the queries with no row limit: with one, they send the first rows of these
            # (tests/test_attention.py), with the same counts
            every_item = {compare: attention.query_rows(ctx, filters, compare, row_limit=EVERY) for compare in compares}
            every_row = overview.status_query_rows(ctx, filters, EVERY)
            for row_limit in (1, attention.ROW_LIMIT, EVERY):
                for compare in compares:
                    got = attention.rows(ctx, filters, compare, row_limit=row_limit)
                    want = every_item[compare].head(row_limit)
                    assert list(got.columns) == list(want.columns)
                    assert _values(got) == _values(want), (ctx.snapshot_id, filters, compare, row_limit)
                got = overview.status_rows(ctx, filters, row_limit, with_links=True)
                if row_limit == EVERY:  # «Trenger oppmerksomhet» from Arrow, and from `rows`' frame
                    for compare in compares:
                        view = attention.build_view(ctx, filters, compare)
                        assert view == attention.build_view_from_rows(ctx, filters, compare), (filters, compare)
                        viewed_totals.append(view.total)
                want = every_row.head(row_limit)
                assert got.attrs["total_count"] == len(every_row)
                assert got.iloc[:, 0].tolist() == want["name"].tolist(), (ctx.snapshot_id, filters, row_limit)
                assert got.iloc[:, 1].tolist() == [links.context_initiative(ctx, i) for i in want["initiative_id"]]
            got, want = overview.kpis(ctx, filters), overview.query_kpis(ctx, filters)
            got_cells, want_cells = got.chart_counts, want.chart_counts
            assert dataclasses.replace(got, chart_counts=None) == dataclasses.replace(want, chart_counts=None), filters
            assert _values(got_cells) == _values(want_cells), filters
            if len(want_cells):  # (an empty result's columns have no type in SQL)
                assert list(got_cells.dtypes) == list(want_cells.dtypes)
            got, want = decidim.build_overview_figure(ctx, filters), decidim.query_overview_figure(ctx, filters)
            assert dataclasses.replace(got, mean_progress=None) == dataclasses.replace(want, mean_progress=None), filters
            if want.mean_progress is None:
                assert got.mean_progress is None, filters
            else:  # (DuckDB and pandas may add in another order)
                assert got.mean_progress == pytest.approx(want.mean_progress, rel=1e-12), filters
            decidim_figures.append(want)
            got, want = filters_logic.passing_ids(ctx, filters), filters_logic.query_passing_ids(ctx, filters)
            assert sorted(got.to_pylist()) == want.to_pylist(), filters
            passed_counts.append(len(want))
            pd.testing.assert_frame_equal(trend.counts(ctx, filters), trend.query_counts(ctx, filters))
            got, want = trend.build_view(ctx, filters), trend.build_view_from_frame(ctx, filters)
            assert (got.takeaway, got.caption, got.chart) == (want.takeaway, want.caption, want.chart), filters
            pd.testing.assert_frame_equal(got.table, want.table)
            compared += 1
    # the data holds Decidim results, and some filter sets keep some of them, not all
    assert {0, max(f.result_count for f in decidim_figures)} < {f.result_count for f in decidim_figures}
    assert {0, max(passed_counts)} < set(passed_counts)  # some filter sets keep some initiatives, not all
    assert {0, max(viewed_totals)} < set(viewed_totals)
    return compared


def test_filtered_views_are_what_the_queries_give_with_the_filters_on_the_demo_data():
    assert _check(DEMO_DATA) == 2 * 10


def test_filtered_views_are_what_the_queries_give_with_the_filters_on_generated_data(large_data):
    assert _check(large_data) == 2 * 10


def test_a_filter_change_does_not_run_the_whole_queries_again(monkeypatch):
    """After the unfiltered page, the first filter change reads, once per
    snapshot, the columns the filters read and the initiatives' versions;
    a filter change after it runs no query."""
    from portfolio.query import runner

    ran: list[str] = []
    run_table = runner.run_table
    monkeypatch.setattr(runner, "run_table", lambda store, name, params: (ran.append(name), run_table(store, name, params))[1])
    store = Store(DEMO_DATA)
    ctx = SnapshotContext(store, store.latest(), DEMO_TODAY, runner=cached_runner(ran), keeper=kept_once())

    def page(filters: Filters) -> None:
        attention.build_view(ctx, filters, None)
        overview.build_view(ctx, filters)
        decidim.build_overview_figure(ctx, filters)
        trend.build_view(ctx, filters)

    page(Filters())
    assert sorted(ran) == ["attention_items", "decidim_overview", "overview_initiative_facts", "overview_status_table",
                           "status_trend"]
    ran.clear()
    page(Filters(phases=("Konsept",)))
    assert sorted(ran) == ["decidim_overview_results", "filter_rows", "status_trend_snapshots",
                           "status_trend_versions"]  # once per snapshot
    ran.clear()
    page(Filters(statuses=("rød",)))
    page(Filters(focus_areas=("tjenestene",), programmes=("finnes-ikke",)))
    assert ran == []


def test_the_status_table_kept_per_snapshot_is_never_changed_by_a_page():
    """`overview.status_rows` takes rows of a table kept per snapshot
    (`overview.every_status_row`) and adds the link column and the count to
    its own copy: the kept table keeps its columns and has no count."""
    store = Store(DEMO_DATA)
    ctx = SnapshotContext(store, store.latest(), DEMO_TODAY, runner=cached_runner(), keeper=kept_once())
    kept = ctx.kept(overview.every_status_row)
    columns = list(kept.display.columns)
    for filters in (Filters(), Filters(phases=("Gjennomføre",))):
        for with_links in (True, False):
            shown = overview.status_rows(ctx, filters, 3, with_links=with_links)
            assert shown.attrs["total_count"] >= len(shown) > 0
    assert ctx.kept(overview.every_status_row) is kept
    assert list(kept.display.columns) == columns and kept.display.attrs == {}
    assert len(kept.display) == len(kept.initiative_ids) == overview.status_rows(ctx, Filters(), 1).attrs["total_count"]
