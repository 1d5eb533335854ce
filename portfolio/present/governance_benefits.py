"""How the benefits (gevinster) come in, for «Styring» and for one
initiative: each measurable benefit from its baseline through its
measurements to its target, as a chart (governance_charts.benefit_tracks)
and a table, with its achievement (latest − baseline) / (target − baseline)
computed in SQL (queries/governance_benefits.sql); the qualitative benefits
listed in words."""

from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd

from portfolio import fmt
from portfolio.present import charts
from portfolio.present import governance_charts as gcharts
from portfolio.present import governance_tables as tables
from portfolio.present.governance_query import EVERYTHING, ROW_LIMIT, params, total
from portfolio.query import runner as queries
from portfolio.query.context import SnapshotContext
from portfolio.texts import governance as T

CHART_BENEFITS = 15
QUALITATIVE_LIMIT = 50


POINT_COLUMNS = ["benefit_id", "measured_on", "value", "comment", "achievement"]


def benefits(ctx: SnapshotContext, filters: queries.Filters, initiative_id: str | None = None,
             row_limit: int = ROW_LIMIT) -> pd.DataFrame:
    """The measurable benefits, then the qualitative ones (is_qualitative),
    at most `row_limit` of each kind, with their measurements (points)."""
    return ctx.query("governance_benefits", **params(filters, initiative_id=initiative_id, row_limit=row_limit))


def points_of(rows: pd.DataFrame) -> pd.DataFrame:
    """The benefits' measurements (their `points`, by date) as rows of their own."""
    found = [
        {"benefit_id": benefit_id, **point}
        for benefit_id, points in zip(rows["benefit_id"], rows["points"], strict=True)
        if isinstance(points, (list, tuple, np.ndarray))
        for point in points
    ]
    points = pd.DataFrame(found, columns=POINT_COLUMNS)
    return points.assign(measured_on=pd.to_datetime(points["measured_on"]),
                         value=points["value"].astype(float), achievement=points["achievement"].astype(float))


def _labels(rows: pd.DataFrame) -> pd.Series:
    """The benefits' titles, each made unique by its initiative's name where two are alike."""
    alike = rows["title"].duplicated(keep=False)
    return rows["title"].where(~alike, rows["title"] + " (" + rows["initiative_name"] + ")")


def benefit_chart_data(rows: pd.DataFrame, points: pd.DataFrame) -> pd.DataFrame:
    """Per benefit with an achievement (`rows`, in their order): its baseline
    at 0 %, every measurement at its achievement (the latest marked), its
    target at 100 %."""
    rows = rows[rows["achievement"].notna()].reset_index(drop=True)
    labels = _labels(rows)
    frames = []
    for order, (row, label) in enumerate(zip(rows.itertuples(index=False), labels, strict=True)):
        measured = points[points["benefit_id"] == row.benefit_id].sort_values("measured_on")
        kinds = [T.POINT_MEASUREMENT] * (len(measured) - 1) + [T.POINT_LATEST]
        frame = pd.DataFrame({
            "point_label": [T.POINT_BASELINE, *kinds, T.POINT_TARGET],
            "achievement": [0.0, *measured["achievement"].astype(float), 1.0],
            "date": [row.baseline_on, *measured["measured_on"], row.target_on],
            "value": [row.baseline, *measured["value"], row.target],
        })
        frames.append(frame.assign(label=label, order=order, initiative_name=row.initiative_name, unit=row.unit))
    if not frames:
        return pd.DataFrame(columns=["label", "order", "point_label", "achievement", "achievement_text", "is_latest",
                                     "date_text", "value_text", "initiative_name"])
    data = pd.concat(frames, ignore_index=True)
    return data.assign(
        is_latest=data["point_label"] == T.POINT_LATEST,
        achievement_text=data["achievement"].map(fmt.percent),
        date_text=data["date"].map(fmt.date),
        value_text=[tables.value_text(v, u) for v, u in zip(data["value"], data["unit"], strict=True)],
    ).drop(columns=["date", "value", "unit"])


def benefit_takeaway(rows: pd.DataFrame, shown: int) -> fmt.Markdown:
    """The chart's sentence; the counts cover every benefit measured against
    its target (counted in SQL), not only those charted."""
    if shown == 0:
        return fmt.markdown(T.BENEFIT_TAKEAWAY_NONE)
    first = rows.iloc[0]
    return fmt.markdown(
        T.BENEFIT_TAKEAWAY, shown=fmt.number(shown), measured=fmt.number(int(first["measured_total"])),
        reached=fmt.number(int(first["reached_count"])), halfway=fmt.number(int(first["halfway_count"])),
        behind=fmt.number(int(first["behind_count"])),
    )


def qualitative_markdown(rows: pd.DataFrame, with_initiative: bool = True) -> fmt.Markdown:
    """The qualitative benefits as a list in words."""
    lines = []
    for row in rows.itertuples(index=False):
        owner = None if fmt.missing(row.owner) else row.owner
        if with_initiative:
            lines.append(fmt.markdown(T.QUALITATIVE_LINE_OWNER if owner else T.QUALITATIVE_LINE,
                                      title=row.title, initiative=row.initiative_name, owner=owner))
        else:
            lines.append(fmt.markdown(T.QUALITATIVE_OWN_LINE_OWNER if owner else T.QUALITATIVE_OWN_LINE,
                                      title=row.title, owner=owner))
    return fmt.join("\n", lines)


@dataclasses.dataclass(frozen=True)
class Benefits:
    """The benefits of the initiatives shown (or of one initiative)."""

    count: int  # measurable (not qualitative) benefits
    measured_count: int  # benefits (of both kinds) with at least one measurement
    takeaway: fmt.Markdown
    chart: dict | None  # Vega-Lite spec; None when nothing can be charted
    chart_rows: int
    table: pd.DataFrame
    qualitative: fmt.Markdown
    qualitative_count: int
    qualitative_shown: int
    measurements: pd.DataFrame  # every measurement of the benefits in the table (the initiative page)


def build_benefits(ctx: SnapshotContext, filters: queries.Filters, initiative_id: str | None = None) -> Benefits:
    found = benefits(ctx, filters, initiative_id)
    qualitative = found["is_qualitative"].astype(bool)
    rows = found[~qualitative].reset_index(drop=True)
    words = found[qualitative].reset_index(drop=True)
    own_page = initiative_id is not None
    points = points_of(rows)
    charted = rows[rows["achievement"].notna()].head(CHART_BENEFITS)
    takeaway = benefit_takeaway(rows, len(charted))
    data = benefit_chart_data(charted, points)
    return Benefits(
        count=total(rows), measured_count=int(found["with_measurements"].iloc[0]) if len(found) else 0,
        takeaway=takeaway, chart_rows=len(charted),
        chart=charts.spec(gcharts.benefit_tracks(data, fmt.plain(takeaway))) if len(charted) else None,
        table=tables.benefit_rows(ctx, rows, with_initiative=not own_page),
        qualitative=qualitative_markdown(words.head(QUALITATIVE_LIMIT), with_initiative=not own_page),
        qualitative_count=total(words), qualitative_shown=min(len(words), QUALITATIVE_LIMIT),
        measurements=tables.measurement_rows(rows, points) if own_page else pd.DataFrame(),
    )


def benefit_export(ctx: SnapshotContext, filters: queries.Filters) -> pd.DataFrame:
    """Every measurable benefit (the table's rows, without links)."""
    rows = benefits(ctx, filters, row_limit=EVERYTHING)
    return tables.benefit_rows(ctx, rows[~rows["is_qualitative"].astype(bool)], with_links=False)
