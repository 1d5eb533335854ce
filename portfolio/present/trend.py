"""The status trend: how many initiatives had each overall status in every
snapshot up to the one shown, with the overview filters (a section of the
overview page)."""

from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd

from portfolio import fmt, texts
from portfolio.model import schema
from portfolio.present import chart_values, charts, snapshots
from portfolio.present import filters as filters_logic
from portfolio.present.tally import tally
from portfolio.query import runner as queries
from portfolio.query.context import SnapshotContext, query
from portfolio.texts import trend as T


def query_name(filters: queries.Filters) -> str:
    """The unfiltered trend reads every snapshot on the lake, once per
    snapshot (a first visit needs nothing else built); a filtered one is
    counted from the initiatives' versions (`filtered_counts`). The filtered
    query with the filters in SQL (queries/status_trend_filtered.sql) is what
    `filtered_counts` must equal."""
    return "status_trend" if filters.is_empty else "status_trend_filtered"


def counts(ctx: SnapshotContext, filters: queries.Filters) -> pd.DataFrame:
    """One row per snapshot and status (0 when none), oldest first, with a
    unique date label per snapshot for the chart and the table."""
    return _labelled(ctx, _rows(ctx, filters))


def _rows(ctx: SnapshotContext, filters: queries.Filters) -> pd.DataFrame:
    return query(ctx, "status_trend", filters=filters.as_param()) if filters.is_empty else filtered_counts(ctx, filters)


def query_counts(ctx: SnapshotContext, filters: queries.Filters) -> pd.DataFrame:
    """`counts` from the queries alone, the filters in SQL (what `counts` must equal)."""
    return _labelled(ctx, query(ctx, query_name(filters), filters=filters.as_param()))


@dataclasses.dataclass(frozen=True)
class Grid:
    """The counts as plain values, for the takeaway, the caption and the
    table: each snapshot once, oldest first, its label, and the counts by
    (snapshot id, status), added up."""

    ids: list[str]
    labels: dict[str, str]
    cells: dict[tuple[str, str], int]


def _grid(ctx: SnapshotContext, rows: pd.DataFrame) -> Grid:
    """The grid of the query's rows, each snapshot labelled (`snapshots.labels`)."""
    ids = list(dict.fromkeys(rows["snapshot_id"].tolist()))
    return _grid_with(rows, ids, snapshots.labels(ctx, ids))


def _grid_of(data: pd.DataFrame) -> Grid:
    """The grid of `counts`' rows (their labels included)."""
    ids = data["snapshot_id"].tolist()
    return _grid_with(data, list(dict.fromkeys(ids)), dict(zip(ids, data["snapshot_label"].tolist(), strict=True)))


def _grid_with(rows: pd.DataFrame, ids: list[str], labels: dict[str, str]) -> Grid:
    return Grid(ids=ids, labels=labels, cells=tally(rows["initiative_count"], rows["snapshot_id"], rows["status_overall"]))


def _labelled(ctx: SnapshotContext, rows: pd.DataFrame, grid: Grid | None = None) -> pd.DataFrame:
    grid = grid or _grid(ctx, rows)
    ids = rows["snapshot_id"].tolist()
    labels = grid.labels
    order = {sid: i for i, sid in enumerate(grid.ids)}
    statuses = rows["status_overall"].tolist()
    return rows.assign(  # from Python lists: pandas' map on a text column costs a millisecond a column
        snapshot_label=pd.Series([labels[sid] for sid in ids], index=rows.index, dtype="str"),
        snapshot_order=pd.Series([order[sid] for sid in ids], index=rows.index, dtype="int64"),
        status_label=pd.Series([texts.STATUS_LABELS[status] for status in statuses], index=rows.index, dtype="str"),
    )


@dataclasses.dataclass(frozen=True)
class Versions:
    """The initiatives' versions up to a snapshot for counting in numpy, one
    row per run of consecutive snapshots that holds a version
    (queries/status_trend_versions.sql; about as many runs as versions, a
    twentieth of the (version, snapshot) pairs at 10 000 initiatives × 52
    snapshots): the filters' index of the runs, and the cells (snapshot
    number × statuses + the status's place) where each run starts and where
    it has ended."""

    rows: filters_logic.RowIndex
    run_start: np.ndarray
    run_end: np.ndarray
    snapshots: pd.DataFrame  # snapshot_no (0, 1, …), snapshot_id, snapshot_date, oldest first


def versions(ctx: SnapshotContext) -> Versions:
    """Use through `ctx.kept`: once per snapshot."""
    runs = ctx.query_table("status_trend_versions")
    shown = query(ctx, "status_trend_snapshots")
    if shown["snapshot_no"].tolist() != list(range(len(shown))):
        raise ValueError("the trend's snapshots are not numbered 0, 1, …")
    statuses = len(schema.STATUSES)
    index = filters_logic.row_index(runs)
    codes, found = index.codes["status_overall"]
    # each status's place in the schema; -1 (counted nowhere, as in SQL) for one it does not know, or none (code -1)
    place = np.full(len(found) + 1, -1, dtype=np.int64)
    for status, code in found.items():
        if status in schema.STATUSES:
            place[code] = schema.STATUSES.index(status)
    at = place[codes]
    counted = at >= 0
    first, last = (runs.column(c).to_numpy().astype(np.int64) for c in ("first_no", "last_no"))
    return Versions(
        rows=index,
        run_start=np.where(counted, first * statuses + at, -1),
        run_end=np.where(counted, (last + 1) * statuses + at, -1),
        snapshots=shown,
    )


def filtered_counts(ctx: SnapshotContext, filters: queries.Filters) -> pd.DataFrame:
    """status_trend_filtered.sql's rows, counted in numpy from the versions
    (`versions`, kept per snapshot): a filter change runs no query."""
    return _counts_frame(ctx.kept(versions).snapshots, _filtered_cells(ctx, filters))


def _filtered_cells(ctx: SnapshotContext, filters: queries.Filters) -> np.ndarray:
    """The filtered counts, snapshot by snapshot (oldest first), status by
    status (the schema's order). Each kept run adds one from its first
    snapshot on and takes it away after its last (a running sum down the snapshots)."""
    held = ctx.kept(versions)
    keep = filters_logic.passing_rows(held.rows, filters) & (held.run_start >= 0)
    statuses = len(schema.STATUSES)
    size = (len(held.snapshots) + 1) * statuses
    change = np.bincount(held.run_start[keep], minlength=size) - np.bincount(held.run_end[keep], minlength=size)
    return np.cumsum(change.reshape(-1, statuses), axis=0)[: len(held.snapshots)].ravel().astype(np.int64)


def _counts_frame(shown: pd.DataFrame, cells: np.ndarray) -> pd.DataFrame:
    """The rows of status_trend_filtered.sql for `cells` (see `_filtered_cells`)."""
    statuses = len(schema.STATUSES)
    text = shown["snapshot_id"].dtype
    return pd.DataFrame({
        "snapshot_id": pd.Series(np.repeat(shown["snapshot_id"].to_numpy(), statuses), dtype=text),
        "snapshot_date": np.repeat(shown["snapshot_date"].to_numpy(), statuses),
        "status_overall": pd.Series(list(schema.STATUSES) * len(shown), dtype=text),
        "status_order": np.tile(np.arange(1, statuses + 1, dtype=np.int32), len(shown)),
        "initiative_count": cells,
    })


HEADLINE_STATUSES = ("rød", "grønn")


def named_statuses(statuses: tuple[str, ...] = ()) -> list[str]:
    """The statuses a takeaway speaks of: those of a status filter, most
    critical first, or red and green when there is none."""
    chosen = set(statuses)
    return [s for s in schema.STATUS_SEVERITY if s in chosen] if chosen else list(HEADLINE_STATUSES)


def takeaway(data: pd.DataFrame, statuses: tuple[str, ...] = ()) -> str:
    """The first and last snapshot's counts of the statuses `named_statuses`
    picks for the status filter `statuses`."""
    return _takeaway(_grid_of(data), statuses)


def _takeaway(grid: Grid, statuses: tuple[str, ...]) -> str:
    if not grid.ids or sum(grid.cells.values()) == 0:
        return T.TAKEAWAY_EMPTY
    first, last = grid.ids[0], grid.ids[-1]
    label, cells = grid.labels, grid.cells
    named = named_statuses(statuses)

    def count(snapshot_id: str, status: str) -> str:
        return fmt.number(cells.get((snapshot_id, status), 0))

    if first == last:
        counts = [fmt.markdown(T.TAKEAWAY_COUNT[s], n=count(last, s)) for s in named]
        listed = fmt.join(T.TAKEAWAY_COUNT_LAST_SEPARATOR, [fmt.join(T.TAKEAWAY_COUNT_SEPARATOR, counts[:-1]), counts[-1]])
        return fmt.markdown(T.TAKEAWAY_ONE, counts=listed if len(counts) > 1 else counts[0], date=label[last])
    changes = [fmt.markdown(T.TAKEAWAY_NEXT[s] if i else T.TAKEAWAY_FIRST[s], before=count(first, s), after=count(last, s))
               for i, s in enumerate(named)]
    listed = fmt.join(T.TAKEAWAY_LAST_SEPARATOR, [fmt.join(T.TAKEAWAY_SEPARATOR, changes[:-1]), changes[-1]])
    return fmt.markdown(T.TAKEAWAY, first=label[first], last=label[last],
                        changes=listed if len(changes) > 1 else changes[0])


def caption(ctx: SnapshotContext, data: pd.DataFrame) -> str:
    return _caption(ctx, _grid_of(data))


def _caption(ctx: SnapshotContext, grid: Grid) -> str:
    return fmt.markdown(T.CAPTION, count=fmt.number(len(grid.ids)), date=fmt.date(ctx.meta.created))


def table_rows(data: pd.DataFrame) -> pd.DataFrame:
    """One row per snapshot, newest first; one column per status and the total."""
    return pd.DataFrame({name: values if name == T.COL_DATE else pd.Series(values, dtype="int64")
                         for name, values in _table_columns(_grid_of(data)).items()})


def _table_columns(grid: Grid) -> dict[str, list]:
    """`table_rows`' columns as lists: the dates, the counts per status, the totals."""
    cells = grid.cells
    ids = grid.ids[::-1]
    by_status = {texts.STATUS_LABELS[status]: [cells.get((sid, status), 0) for sid in ids]
                 for status in schema.STATUSES}
    totals = [sum(counts) for counts in zip(*by_status.values(), strict=True)] if ids else []
    return {T.COL_DATE: [grid.labels[sid] for sid in ids], **by_status, T.COL_TOTAL: totals}


@dataclasses.dataclass(frozen=True)
class View:
    """The trend section for one snapshot and set of filters."""

    takeaway: str
    caption: str
    chart: dict  # Vega-Lite spec
    table: pd.DataFrame


@dataclasses.dataclass(frozen=True)
class Layout:
    """What every filtered trend of a snapshot shares: its snapshots and
    their labels, each cell's key, and the chart's rows with a count of 0
    (made by `_labelled` and chart_values from `filtered_counts`' frame)."""

    ids: list[str]
    labels: dict[str, str]
    keys: list[tuple[str, str]]  # (snapshot id, status) of each cell, in `_filtered_cells`' order
    chart_rows: list[dict]


def layout(ctx: SnapshotContext) -> Layout:
    """Use through `ctx.kept`: once per snapshot."""
    held = ctx.kept(versions)
    empty = _counts_frame(held.snapshots, np.zeros(len(held.snapshots) * len(schema.STATUSES), dtype=np.int64))
    grid = _grid(ctx, empty)
    return Layout(ids=grid.ids, labels=grid.labels,
                  keys=list(zip(empty["snapshot_id"].tolist(), empty["status_overall"].tolist(), strict=True)),
                  chart_rows=chart_values.transformer(_labelled(ctx, empty, grid))["values"])


def build_view(ctx: SnapshotContext, filters: queries.Filters) -> View:
    """Use through `ui.view(build_view, ctx, filters)`: built once per snapshot and filters.
    The takeaway, caption and table are made from the counts as plain values
    (`Grid`). A filtered trend puts its counts into what every filtered trend
    of the snapshot shares (`layout`), with no frame: the same view as
    `build_view_from_frame` (tests/test_filtered_rows.py), 2–3 ms sooner at 52
    snapshots."""
    if filters.is_empty:
        return build_view_from_frame(ctx, filters)
    shared = ctx.kept(layout)
    counts = _filtered_cells(ctx, filters).tolist()
    grid = Grid(ids=shared.ids, labels=shared.labels, cells=dict(zip(shared.keys, counts, strict=True)))
    rows = [{**row, "initiative_count": n} for row, n in zip(shared.chart_rows, counts, strict=True)]
    return _view(ctx, grid, filters, lambda text, order: charts.status_trend_spec_of_rows(rows, text, order))


def build_view_from_frame(ctx: SnapshotContext, filters: queries.Filters) -> View:
    """The view made from the counts' frame (`counts`; what `build_view` must equal)."""
    rows = _rows(ctx, filters)
    grid = _grid(ctx, rows)
    return _view(ctx, grid, filters,
                 lambda text, order: charts.status_trend_spec(_labelled(ctx, rows, grid), text, order=order))


def _view(ctx: SnapshotContext, grid: Grid, filters: queries.Filters, chart) -> View:
    """The view of `grid`, its chart made by `chart(description, order of snapshots)`."""
    text = _takeaway(grid, filters.statuses)
    return View(takeaway=text, caption=_caption(ctx, grid),
                chart=chart(fmt.plain(text), [grid.labels[sid] for sid in grid.ids]), table=_table_text(grid))


def table_text(data: pd.DataFrame) -> pd.DataFrame:
    """`table_rows` with the counts in Norwegian format (for st.table)."""
    return _table_text(_grid_of(data))


def _table_text(grid: Grid) -> pd.DataFrame:
    columns = _table_columns(grid)
    return pd.DataFrame({name: values if name == T.COL_DATE else [fmt.number(n) for n in values]
                         for name, values in columns.items()}, dtype="str")
