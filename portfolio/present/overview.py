"""What the overview page shows, computed from the named queries.

The page draws; this module turns query results into the KPIs, the chart
data with its one-sentence takeaway, and the status table.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import numpy as np
import pandas as pd

from portfolio import fmt, texts
from portfolio.model import schema
from portfolio.present import charts, links
from portfolio.present.columns import OVERALL_STATUS_PX, PHASE_PX, Columns
from portfolio.present.filters import index_places, places_in
from portfolio.present.links import TABLE_ROWS
from portfolio.present.tally import tally
from portfolio.query import runner as queries
from portfolio.query.context import SnapshotContext, query
from portfolio.texts import initiative as initiative_texts
from portfolio.texts import overview as overview_texts

STATUS_COLUMNS = [f"status_{d}" for d in schema.STATUS_DIMENSIONS]

@dataclasses.dataclass(frozen=True)
class Kpis:
    total: int
    by_status: dict[str, int]
    by_phase: dict[str, int]
    chart_counts: pd.DataFrame
    budget_nok: int
    actual_nok: int
    forecast_nok: int
    over_budget_count: int
    overdue_count: int
    due_soon_count: int
    year: int
    due_until: dt.date

    @property
    def actual_share(self) -> float | None:
        return self.actual_nok / self.budget_nok if self.budget_nok else None


def kpis(ctx: SnapshotContext, filters: queries.Filters, horizon_days: int = 30) -> Kpis:
    """The key figures of the initiatives that pass the filters, added up from
    each initiative's own (queries/overview_initiative_facts.sql, once per
    snapshot): a filter change finds the initiatives that pass in numpy
    (`filters.places_in`). The same figures as overview_counts,
    overview_budget and overview_milestones with the filters in SQL
    (tests/test_filtered_rows.py).

    Added up in numpy over the numeric columns only: the page builds this in
    a thread beside other views, and pandas' Arrow-backed text columns would
    let go of the interpreter lock and wait to get it back at every step.
    Each initiative's phase and status are their numbers in the schema's
    order (1 for the first; a snapshot holds no others)."""
    year = ctx.today.year
    facts = _facts(ctx, horizon_days)
    kept = np.arange(len(facts)) if filters.is_empty else places_in(ctx, filters, ctx.kept(fact_places, horizon_days))

    def column(name: str) -> np.ndarray:
        return facts[name].to_numpy(dtype="int64")[kept]

    phases, statuses = len(schema.PHASES), len(schema.STATUSES)
    cells = np.bincount((column("phase_order") - 1) * statuses + column("status_order") - 1,
                        minlength=phases * statuses).reshape(phases, statuses)
    phase_at, status_at = np.nonzero(cells)  # in the order of phases, then statuses
    return Kpis(
        total=len(kept),
        by_status=dict(zip(schema.STATUSES, (int(n) for n in cells.sum(axis=0)), strict=True)),
        by_phase=dict(zip(schema.PHASES, (int(n) for n in cells.sum(axis=1)), strict=True)),
        chart_counts=pd.DataFrame({
            "phase": pd.Series([schema.PHASES[i] for i in phase_at], dtype="str"),
            "status_overall": pd.Series([schema.STATUSES[i] for i in status_at], dtype="str"),
            "initiative_count": cells[phase_at, status_at].astype("int64"),
            "status_order": pd.array(status_at + 1, dtype="Int32"),
        }),
        budget_nok=int(column("budget_nok").sum()),  # 0 for an initiative without a budget
        actual_nok=int(column("actual_nok").sum()),
        forecast_nok=int(column("forecast_nok").sum()),
        over_budget_count=int(column("is_forecast_over_budget").sum()),
        overdue_count=int(column("overdue_count").sum()),
        due_soon_count=int(column("due_soon_count").sum()),
        year=year,
        due_until=ctx.today + dt.timedelta(days=horizon_days),
    )


def _facts(ctx: SnapshotContext, horizon_days: int) -> pd.DataFrame:
    return query(ctx, "overview_initiative_facts", year=ctx.today.year, today=ctx.today, horizon_days=horizon_days)


def fact_places(ctx: SnapshotContext, horizon_days: int) -> np.ndarray:
    """Use through `ctx.kept`: the facts' rows' places among the snapshot's
    initiatives (`filters.index_places`), made on the first filter change."""
    return index_places(ctx, _facts(ctx, horizon_days)["initiative_id"])


def query_kpis(ctx: SnapshotContext, filters: queries.Filters, horizon_days: int = 30) -> Kpis:
    """The key figures from overview_counts, overview_budget and
    overview_milestones with the filters in SQL (what `kpis` must equal)."""
    counts = query(ctx, "overview_counts", filters=filters.as_param())
    cells = counts[~counts["is_all_phases"] & ~counts["is_all_statuses"]]
    per_phase = counts[~counts["is_all_phases"] & counts["is_all_statuses"]]
    per_status = counts[counts["is_all_phases"] & ~counts["is_all_statuses"]]
    total_rows = counts[counts["is_all_phases"] & counts["is_all_statuses"]]
    year = ctx.today.year
    budget = query(ctx, "overview_budget", filters=filters.as_param(), year=year).iloc[0]
    milestones = query(
        ctx, "overview_milestones", filters=filters.as_param(), today=ctx.today,
        horizon_days=horizon_days,
    ).iloc[0]
    return Kpis(
        total=int(total_rows["initiative_count"].sum()),
        by_status=_sums(per_status["status_overall"], per_status["initiative_count"], schema.STATUSES),
        by_phase=_sums(per_phase["phase"], per_phase["initiative_count"], schema.PHASES),
        chart_counts=cells[["phase", "status_overall", "initiative_count", "status_order"]].reset_index(drop=True),
        budget_nok=int(budget["budget_nok"]),
        actual_nok=int(budget["actual_nok"]),
        forecast_nok=int(budget["forecast_nok"]),
        over_budget_count=int(budget["forecast_over_budget_count"]),
        overdue_count=int(milestones["overdue_count"]),
        due_soon_count=int(milestones["due_soon_count"]),
        year=year,
        due_until=ctx.today + dt.timedelta(days=horizon_days),
    )


def _sums(keys: pd.Series, counts: pd.Series, order: tuple[str, ...]) -> dict[str, int]:
    """The counts added up per key, for every key in `order` (0 when none)."""
    found = tally(counts, keys)
    return {key: found.get(key, 0) for key in order}


def chart_takeaway(k: Kpis, statuses: tuple[str, ...] = ()) -> str:
    """The chart's one sentence (Markdown; the chart's description is its plain
    text). It counts the red ones unless a status filter leaves red out
    (then there are none to count, and «0 tiltak har rød samlet status» says
    nothing about what is shown)."""
    if k.total == 0:
        return texts.OVERVIEW["chart_takeaway_empty"]
    top_phase = max(schema.PHASES, key=lambda p: (k.by_phase[p], -schema.PHASES.index(p)))
    red_left_out = bool(statuses) and "rød" not in statuses
    return fmt.markdown(
        overview_texts.CHART_TAKEAWAY_NO_RED if red_left_out else texts.OVERVIEW["chart_takeaway"], top_phase=top_phase,
        top_count=fmt.number(k.by_phase[top_phase]),
        total=fmt.number(k.total),
        red=fmt.number(k.by_status["rød"]),
    )


def chart_table(k: Kpis) -> pd.DataFrame:
    """The chart's data as a table (for st.table, a real HTML table): one row
    per phase, one column per status, the counts in Norwegian format."""
    labels = texts.OVERVIEW
    chart = k.chart_counts
    cells = tally(chart["initiative_count"], chart["phase"], chart["status_overall"])
    rows = []
    for phase in schema.PHASES:
        counts = [cells.get((phase, status), 0) for status in schema.STATUSES]
        rows.append([phase, *map(fmt.number, counts), fmt.number(sum(counts))])
    columns = [labels["col_phase"], *(texts.STATUS_LABELS[s] for s in schema.STATUSES), labels["col_count"]]
    return pd.DataFrame(rows, columns=columns)


EVERY_ROW = 2**62  # a row limit that sends every row


def _words(values: pd.Series, words: dict[str, str]) -> pd.Series:
    """`values.map(words)` (None where there is none), from a Python list:
    pandas' map on a text column costs about a millisecond a column."""
    return pd.Series([words.get(value) for value in values.tolist()], index=values.index, dtype="str")


def status_query_rows(ctx: SnapshotContext, filters: queries.Filters, row_limit: int) -> pd.DataFrame:
    """queries/overview_status_table.sql as it stands, filters and all (what `status_rows` reads)."""
    return query(ctx, "overview_status_table", filters=filters.as_param(), today=ctx.today, row_limit=row_limit)


@dataclasses.dataclass(frozen=True)
class StatusRows:
    """The status table of every initiative in the snapshot, most critical
    first, with its Norwegian headers and words (`status_rows` takes its
    rows that pass the filters), and its initiatives' ids."""

    display: pd.DataFrame
    initiative_ids: pd.Series


def every_status_row(ctx: SnapshotContext) -> StatusRows:
    """Use through `ctx.kept`: once per snapshot. A filter change then takes
    rows of a table made once, not words, gaps and headers again (2 ms of a
    cold filter change at 10 000 initiatives)."""
    every = status_query_rows(ctx, queries.Filters(), EVERY_ROW)
    labels = texts.COLUMN_LABELS["initiatives"]
    display = pd.DataFrame(
        {
            labels["name"]: every["name"],
            **{labels[c]: _words(every[c], texts.STATUS_LABELS) for c in STATUS_COLUMNS},
            labels["phase"]: every["phase"],
            texts.OVERVIEW["kpi_overdue"]: every["overdue_count"].astype(int),
            texts.OVERVIEW["col_programme"]: every["programme_name"].fillna("–"),
            labels["owner_area"]: every["owner_area"],
            labels["project_leader"]: every["project_leader"].fillna("–"),
            labels["end_date"]: every["end_date"],
        }
    )
    return StatusRows(display=display, initiative_ids=every["initiative_id"])


def status_row_places(ctx: SnapshotContext) -> np.ndarray:
    """Use through `ctx.kept`: the status table's rows' places among the
    snapshot's initiatives (`filters.index_places`), made on the first filter change."""
    return index_places(ctx, ctx.kept(every_status_row).initiative_ids)


def status_rows(ctx: SnapshotContext, filters: queries.Filters, row_limit: int,
                with_links: bool = False) -> pd.DataFrame:
    """The status table as plain data with Norwegian headers (also the export);
    `with_links` adds a column linking to each initiative's page."""
    every = ctx.kept(every_status_row)
    if filters.is_empty:
        places = np.arange(len(every.initiative_ids))
        display, ids = every.display.head(row_limit), every.initiative_ids.head(row_limit)
    else:
        places = places_in(ctx, filters, ctx.kept(status_row_places))
        shown = places[:row_limit]
        display = every.display.iloc[shown].reset_index(drop=True)
        ids = every.initiative_ids.iloc[shown].reset_index(drop=True)
    if with_links:
        display = display.copy(deep=False)  # the kept table is never changed
        display.insert(1, initiative_texts.COL_LINK, links.initiative_column(ctx, ids))
    display.attrs["total_count"] = len(places)
    return display


def status_table(ctx: SnapshotContext, filters: queries.Filters,
                 row_limit: int = TABLE_ROWS) -> tuple[pd.DataFrame, int]:
    """The status table, most critical first, and how many initiatives matched
    (draw it with `status_table_columns`)."""
    display = status_rows(ctx, filters, row_limit, with_links=True)
    return display, display.attrs["total_count"]


@dataclasses.dataclass(frozen=True)
class View:
    """Everything the overview draws for one snapshot and set of filters."""

    kpis: Kpis
    takeaway: str
    phase_chart: dict  # Vega-Lite spec
    phase_table: pd.DataFrame
    status_table: pd.DataFrame
    status_total: int


def build_view(ctx: SnapshotContext, filters: queries.Filters) -> View:
    """Use through `ui.view(build_view, ctx, filters)`: built once per snapshot and filters."""
    k = kpis(ctx, filters)
    takeaway = chart_takeaway(k, filters.statuses)
    table, total = status_table(ctx, filters)
    return View(
        kpis=k,
        takeaway=takeaway,
        phase_chart=charts.phase_status_spec(k.chart_counts, fmt.plain(takeaway)),
        phase_table=chart_table(k),
        status_table=table,
        status_total=total,
    )


def status_table_columns() -> Columns:
    """The status table: on a phone each name with its overall status beside
    it; on a laptop also the four status dimensions, the phase, the link and
    the end date; programme, owner, leader and overdue count behind «Vis alle
    kolonner» (the overdue milestones have their own key figure and page)."""
    labels = texts.COLUMN_LABELS["initiatives"]
    overdue = texts.OVERVIEW["kpi_overdue"]
    return Columns(
        statuses=tuple(labels[c] for c in STATUS_COLUMNS),
        dates=(labels["end_date"],),
        counts=(overdue,),
        wide=(labels["name"],), pinned=(labels["name"],),
        links={initiative_texts.COL_LINK: initiative_texts.LINK_TEXT},
        essential=(labels["name"], labels["status_overall"]),
        extra=(overdue, texts.OVERVIEW["col_programme"], labels["owner_area"], labels["project_leader"]),
        widths={labels["status_overall"]: OVERALL_STATUS_PX, labels["phase"]: PHASE_PX},
    )
