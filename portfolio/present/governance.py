"""What the governance page («Styring») shows: the decision log, where the
initiatives are at Prosjektveiviseren's decision points (with the checklists'
completeness), the risk matrix and the highest risks, and how the benefits
come in (`governance_benefits`). Everything is aggregated in the named
queries (queries/governance_*.sql); the tables are in `governance_tables`,
the charts in `governance_charts`. The initiative page's governance sections
reuse these (initiative_governance).
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import pandas as pd

from portfolio import fmt
from portfolio.model import schema
from portfolio.present import charts
from portfolio.present import governance_charts as gcharts
from portfolio.present import governance_tables as tables
from portfolio.present.governance_benefits import Benefits, build_benefits
from portfolio.present.governance_query import EVERYTHING, ROW_LIMIT, Table, params, total
from portfolio.query import runner as queries
from portfolio.query.context import SnapshotContext
from portfolio.texts import governance as T

HIGH_SCORE = gcharts.HIGH_SCORE
TOP_RISKS = 20
NO_DECISION_POINT = "ingen"  # the decision log's choice (and URL value) for decisions at no decision point

# URL parameters and widget keys of the page
URL_BODY, URL_DECISION_POINT, URL_CELL, URL_POINT_LIST = "body", "decision_point", "cell", "bp"
CELL_KEY, POINT_LIST_KEY = "governance_cell", "governance_bp"
ALL_POINTS = "alle"
# The choices the page offers: who decided, at which decision point (or none), which decision point's list
BODIES = schema.DECISION_BODIES
DECISION_POINT_CHOICES = (*schema.DECISION_POINTS, NO_DECISION_POINT)
POINT_LIST_CHOICES = (ALL_POINTS, *schema.DECISION_POINTS)

__all__ = ["EVERYTHING", "Benefits", "Table", "build_benefits", "total"]


def _date(value) -> dt.date | None:
    return None if fmt.missing(value) else pd.Timestamp(value).date()


# -- key figures --------------------------------------------------------------------------

@dataclasses.dataclass(frozen=True)
class Figures:
    decision_count: int
    first_decided_on: dt.date | None
    latest_decided_on: dt.date | None
    open_risk_count: int
    high_risk_count: int
    benefit_count: int
    qualitative_count: int
    measured_count: int


def figures(ctx: SnapshotContext, filters: queries.Filters, cells: pd.DataFrame, benefits: Benefits) -> Figures:
    """The decisions' figures from their query; the risks' from the matrix's
    cells and the benefits' from their list (both counted in SQL)."""
    row = ctx.query("governance_counts", **params(filters)).iloc[0]
    return Figures(
        decision_count=int(row["decision_count"]), first_decided_on=_date(row["first_decided_on"]),
        latest_decided_on=_date(row["latest_decided_on"]), open_risk_count=int(cells["risk_count"].sum()),
        high_risk_count=int(cells.loc[cells["score"] >= HIGH_SCORE, "risk_count"].sum()),
        benefit_count=benefits.count + benefits.qualitative_count, qualitative_count=benefits.qualitative_count,
        measured_count=benefits.measured_count,
    )


# -- the decision log ----------------------------------------------------------------------

@dataclasses.dataclass(frozen=True)
class DecisionFilter:
    """The decision log's own choices (each empty: no limit)."""

    bodies: tuple[str, ...] = ()
    decision_points: tuple[str, ...] = ()  # NO_DECISION_POINT for decisions at none
    search: str = ""
    start: dt.date | None = None
    end: dt.date | None = None

    def as_params(self) -> dict:
        points = ["" if p == NO_DECISION_POINT else p for p in self.decision_points]
        return {"bodies": list(self.bodies), "decision_points": points,
                "search": self.search, "decided_from": self.start, "decided_to": self.end}


def decisions(ctx: SnapshotContext, filters: queries.Filters, chosen: DecisionFilter | None = None,
              initiative_id: str | None = None, row_limit: int = ROW_LIMIT) -> pd.DataFrame:
    return ctx.query("governance_decisions", **params(filters, initiative_id=initiative_id, row_limit=row_limit),
                     **(chosen or DecisionFilter()).as_params())


def decision_log(ctx: SnapshotContext, filters: queries.Filters, chosen: DecisionFilter) -> Table:
    """Use through `ui.view`: the log for one set of filters and choices, newest first."""
    rows = decisions(ctx, filters, chosen)
    return Table(tables.decision_rows(ctx, rows), total(rows))


def decision_export(ctx: SnapshotContext, filters: queries.Filters, chosen: DecisionFilter) -> pd.DataFrame:
    return tables.decision_rows(ctx, decisions(ctx, filters, chosen, row_limit=EVERYTHING), with_links=False)


def decision_point_label(value: str) -> str:
    return T.NO_DECISION_POINT if value == NO_DECISION_POINT else value


# -- decision points ------------------------------------------------------------------------

def decision_points(ctx: SnapshotContext, filters: queries.Filters, decision_point: str | None = None,
                    initiative_id: str | None = None,
                    row_limit: int = ROW_LIMIT) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Per decision point (summary) and per initiative and decision point (rows)."""
    rows = ctx.query("governance_decision_points", **params(
        filters, decision_point=decision_point, initiative_id=initiative_id, today=ctx.today, row_limit=row_limit))
    summary = rows[rows["row_kind"] == "summary"].reset_index(drop=True)
    return summary, rows[rows["row_kind"] == "row"].reset_index(drop=True)


def decision_point_list(ctx: SnapshotContext, filters: queries.Filters, decision_point: str | None) -> Table:
    """Use through `ui.view`: the initiatives at one decision point (None: every one)."""
    _, rows = decision_points(ctx, filters, decision_point)
    return Table(tables.decision_point_rows(ctx, rows), total(rows))


def decision_point_export(ctx: SnapshotContext, filters: queries.Filters, decision_point: str | None) -> pd.DataFrame:
    _, rows = decision_points(ctx, filters, decision_point, row_limit=EVERYTHING)
    return tables.decision_point_rows(ctx, rows, with_links=False)


# -- risks ------------------------------------------------------------------------------------

def risk_matrix(ctx: SnapshotContext, filters: queries.Filters, initiative_id: str | None = None) -> pd.DataFrame:
    return ctx.query("governance_risk_matrix", **params(filters, initiative_id=initiative_id))


def matrix_chart_data(cells: pd.DataFrame) -> pd.DataFrame:
    levels = cells["score"].map(lambda s: T.RISK_LEVELS[gcharts.risk_level(int(s))])
    return cells.assign(
        level_label=levels,
        count_text=cells["risk_count"].map(lambda n: T.RISK_CELL_COUNT.format(count=fmt.number(int(n)))),
        score_text=cells["score"].map(lambda s: T.RISK_CELL_SCORE.format(score=int(s))),
    )


def matrix_takeaway(cells: pd.DataFrame) -> fmt.Markdown:
    """The matrix's sentence, from its cells (counted in SQL)."""
    count = int(cells["risk_count"].sum())
    if count == 0:
        return fmt.markdown(T.RISK_MATRIX_TAKEAWAY_NONE)
    used = cells[cells["risk_count"] > 0]
    high = int(used.loc[used["score"] >= gcharts.HIGH_SCORE, "risk_count"].sum())
    return fmt.markdown(T.RISK_MATRIX_TAKEAWAY, count=fmt.number(count), high=fmt.number(high),
                        low=gcharts.HIGH_SCORE, top=int(used["score"].max()))


def cell_key(probability, consequence) -> str:
    return f"{int(probability)}x{int(consequence)}"


def parse_cell(key: str) -> tuple[int, int]:
    probability, consequence = (int(part) for part in key.split("x"))
    return probability, consequence


def cell_options(cells: pd.DataFrame) -> dict[str, str]:
    """The cells with open risks, highest score first (then higher
    consequence): key («4x5») → label."""
    used = cells[cells["risk_count"] > 0].sort_values(["score", "consequence"], ascending=False, kind="stable")
    options = {}
    for p, c, s, n in used[["probability", "consequence", "score", "risk_count"]].itertuples(index=False):
        template = T.CELL_OPTION_ONE if n == 1 else T.CELL_OPTION
        options[cell_key(p, c)] = template.format(probability=int(p), consequence=int(c), score=int(s),
                                                  count=fmt.number(int(n)))
    return options


def risks(ctx: SnapshotContext, filters: queries.Filters, initiative_id: str | None = None,
          cell: str | None = None, include_closed: bool = False, row_limit: int = ROW_LIMIT) -> pd.DataFrame:
    probability, consequence = parse_cell(cell) if cell else (None, None)
    return ctx.query("governance_risks", **params(
        filters, initiative_id=initiative_id, probability=probability, consequence=consequence,
        include_closed=include_closed, row_limit=row_limit))


def cell_risks(ctx: SnapshotContext, filters: queries.Filters, cell: str) -> Table:
    """Use through `ui.view`: the open risks in one cell of the matrix."""
    rows = risks(ctx, filters, cell=cell)
    return Table(tables.risk_rows(ctx, rows), total(rows))


def risk_export(ctx: SnapshotContext, filters: queries.Filters) -> pd.DataFrame:
    return tables.risk_rows(ctx, risks(ctx, filters, row_limit=EVERYTHING), with_links=False)


@dataclasses.dataclass(frozen=True)
class Matrix:
    takeaway: fmt.Markdown
    chart: dict  # Vega-Lite spec
    table: pd.DataFrame  # for st.table
    cells: dict[str, str]  # the cells with risks, for the picker
    count: int


def matrix(cells: pd.DataFrame, height: int = gcharts.MATRIX_HEIGHT) -> Matrix:
    takeaway = matrix_takeaway(cells)
    return Matrix(
        takeaway=takeaway,
        chart=charts.spec(gcharts.risk_matrix(matrix_chart_data(cells), fmt.plain(takeaway), height)),
        table=tables.matrix_table(cells), cells=cell_options(cells), count=int(cells["risk_count"].sum()),
    )


# -- the page, built once -------------------------------------------------------------------------

@dataclasses.dataclass(frozen=True)
class View:
    """What «Styring» draws for one snapshot and set of filters (the parts
    that depend on the page's own choices are built by `decision_log`,
    `decision_point_list` and `cell_risks`)."""

    figures: Figures
    overdue_count: int  # decision points overdue
    point_summary: pd.DataFrame  # summary_table, for st.table
    has_points: bool  # any initiative passed, has due or prepares a decision point
    matrix: Matrix
    default_cell: str | None
    top_risks: Table
    benefits: Benefits


def build_view(ctx: SnapshotContext, filters: queries.Filters) -> View:
    """Use through `ui.view(build_view, ctx, filters)`: built once per snapshot and filters.
    The decision points' query is the one the page's list of every decision
    point runs too (`decision_point_list(ctx, filters, None)`): one run, cached."""
    summary, _ = decision_points(ctx, filters)
    cells = risk_matrix(ctx, filters)
    found = matrix(cells)
    top = risks(ctx, filters, row_limit=TOP_RISKS)
    gains = build_benefits(ctx, filters)
    has_points = bool(len(summary)) and int(
        summary[["passed_count", "due_count", "overdue_count", "checklist_count"]].to_numpy().sum()) > 0
    return View(
        figures=figures(ctx, filters, cells, gains),
        overdue_count=int(summary["overdue_count"].sum()),
        point_summary=tables.summary_table(summary),
        has_points=has_points,
        matrix=found,
        default_cell=next(iter(found.cells), None),
        top_risks=Table(tables.risk_rows(ctx, top), total(top)),
        benefits=gains,
    )
