"""What the milestones page ("Milepæler") shows: the portfolio timeline (the
most relevant initiatives, capped), overdue milestones and those due in the
next 30 and 90 days, computed from the named queries.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable

import pandas as pd

from portfolio import fmt, texts
from portfolio.present import charts, links
from portfolio.present.columns import DAYS_PX, OVERALL_STATUS_PX, PHASE_PX, Columns
from portfolio.present.links import TABLE_ROWS
from portfolio.query import runner as queries
from portfolio.query.context import SnapshotContext, query
from portfolio.texts import milestones as T

TIMELINE_ROWS = 40
LIST_ROWS = TABLE_ROWS
SHORT_HORIZON = 30
LONG_HORIZON = 90
# The timeline's period: from MONTHS_BACK before today to MONTHS_AHEAD after
# ("window", the default), or from the first date to the last ("all")
WINDOWS = ("window", "all")
DEFAULT_WINDOW = "window"
WINDOW_KEY = "ms_window"  # the period's widget
MONTHS_BACK = 3
MONTHS_AHEAD = 12

def _dates(series: pd.Series) -> pd.Series:
    return pd.to_datetime(series)


# -- timeline ------------------------------------------------------------------------

@dataclasses.dataclass(frozen=True)
class Timeline:
    bars: pd.DataFrame  # one row per initiative shown
    points: pd.DataFrame  # one row per milestone of those initiatives
    total: int  # initiatives that passed the filters

    @property
    def shown(self) -> int:
        return len(self.bars)


def timeline(ctx: SnapshotContext, filters: queries.Filters, row_limit: int = TIMELINE_ROWS) -> Timeline:
    rows = query(ctx, "milestones_timeline", filters=filters.as_param(), today=ctx.today, row_limit=row_limit)
    bars = rows.drop_duplicates("initiative_id").reset_index(drop=True)
    duplicated = bars["name"].duplicated(keep=False)
    bars["row_label"] = bars["name"].where(~duplicated, bars["name"] + " (" + bars["initiative_id"] + ")")
    labels = dict(zip(bars["initiative_id"], bars["row_label"], strict=False))
    bars = bars.assign(
        start_date=_dates(bars["start_date"]),
        bar_end_date=_dates(bars["bar_end_date"]),
        end_label=[T.OPEN_END if open_end else fmt.date(end)
                   for open_end, end in zip(bars["is_open_end"], bars["end_date"], strict=False)],
        end_kind=[T.BAR_OPEN_END if open_end else T.BAR_END for open_end in bars["is_open_end"]],
        status_label=bars["status_overall"].map(texts.STATUS_LABELS),
        overdue_count=bars["overdue_count"].astype(int),
    )
    points = rows[rows["milestone_id"].notna()].reset_index(drop=True)
    completed = points["completed_date"].notna()
    state = points["is_overdue"].astype(bool).map({True: T.STATE_OVERDUE, False: T.STATE_OPEN})
    points = points.assign(
        row_label=points["initiative_id"].map(labels),
        due_date=_dates(points["due_date"]),
        shape_label=points["kind"].map(
            lambda k: T.SHAPE_DECISION if k == "beslutningspunkt" else T.SHAPE_MILESTONE
        ),
        state_label=state.where(~completed, T.STATE_DONE),
        date_label=points["due_date"].map(fmt.date),
    )
    total = int(rows["total_count"].iloc[0]) if len(rows) else 0
    return Timeline(bars=bars, points=points, total=total)


def window_dates(today: dt.date, window: str, t: Timeline) -> tuple[dt.date, dt.date]:
    """The first and last day the timeline shows: MONTHS_BACK months before
    today to MONTHS_AHEAD after it, or ("all") from the earliest start or due
    date to the latest end or due date, today always included."""
    if window == "window":
        day = pd.Timestamp(today)
        return ((day - pd.DateOffset(months=MONTHS_BACK)).date(), (day + pd.DateOffset(months=MONTHS_AHEAD)).date())
    starts = [*t.bars["start_date"].dropna(), *t.points["due_date"].dropna(), pd.Timestamp(today)]
    ends = [*t.bars["bar_end_date"].dropna(), *t.points["due_date"].dropna(), pd.Timestamp(today)]
    return min(starts).date(), max(ends).date()


def in_window(t: Timeline, first: dt.date, last: dt.date, row_limit: int = TIMELINE_ROWS) -> tuple[Timeline, int, int]:
    """The timeline within a period: the initiatives whose bar overlaps it
    (the first `row_limit`, in the same order), their milestones due in it.
    Also returns how many of those initiatives' milestones are due outside the
    period, and how many of those are overdue."""
    start, end = pd.Timestamp(first), pd.Timestamp(last)
    bars = t.bars[(t.bars["start_date"] <= end) & (t.bars["bar_end_date"] >= start)].head(row_limit)
    points = t.points[t.points["row_label"].isin(set(bars["row_label"]))]
    inside = (points["due_date"] >= start) & (points["due_date"] <= end)
    outside = points[~inside]
    overdue_outside = int((outside["state_label"] == T.STATE_OVERDUE).sum())
    return (Timeline(bars=bars.reset_index(drop=True), points=points[inside].reset_index(drop=True), total=t.total),
            len(outside), overdue_outside)


def window_caption(first: dt.date, last: dt.date, outside: int, overdue_outside: int) -> str:
    """The period shown, and what lies outside it."""
    sentences = [fmt.markdown(T.WINDOW_CAPTION, first=fmt.date(first), last=fmt.date(last))]
    if outside:
        sentences.append(fmt.markdown(T.OUTSIDE_OVERDUE if overdue_outside else T.OUTSIDE,
                                      count=fmt.number(outside), overdue=fmt.number(overdue_outside)))
    return " ".join(sentences)  # each sentence Markdown made by fmt


def timeline_takeaway(t: Timeline) -> str:
    if t.shown == 0:
        return T.TAKEAWAY_EMPTY
    upcoming = t.points[t.points["state_label"] == T.STATE_OPEN].sort_values("due_date", kind="stable")
    if len(upcoming):
        first = upcoming.iloc[0]
        following = fmt.markdown(T.TAKEAWAY_NEXT, title=first["title"], initiative=first["row_label"],
                                 date=fmt.date(first["due_date"]))
    else:
        following = T.TAKEAWAY_NO_NEXT
    return fmt.markdown(
        T.TAKEAWAY, with_overdue=fmt.number(int((t.bars["overdue_count"] > 0).sum())), shown=fmt.number(t.shown),
        overdue=fmt.number(int(t.bars["overdue_count"].sum())), next=following,
    )


def timeline_caption(t: Timeline, window: str = "all") -> str:
    if t.shown < t.total and window != "all":
        return fmt.markdown(T.TIMELINE_CAPTION_WINDOW, shown=fmt.number(t.shown), count=fmt.number(t.total),
                            limit=fmt.number(TIMELINE_ROWS))
    if t.shown < t.total:
        return fmt.markdown(T.TIMELINE_CAPTION, shown=fmt.number(t.shown), count=fmt.number(t.total))
    return fmt.markdown(T.TIMELINE_CAPTION_ALL, count=fmt.number(t.total))


def timeline_chart(ctx: SnapshotContext, t: Timeline, description: str, domain: tuple[dt.date, dt.date]):
    return charts.timeline(t.bars, t.points, ctx.today, description, domain)


def timeline_rows(ctx: SnapshotContext, t: Timeline) -> pd.DataFrame:
    """The timeline as a table: one row per initiative shown, in the chart's order."""
    b = t.bars
    return pd.DataFrame(
        {
            T.COL_INITIATIVE: b["row_label"],
            T.COL_LINK: links.initiative_column(ctx, b["initiative_id"]),
            T.COL_STATUS: b["status_label"],
            T.COL_PHASE: b["phase"],
            T.COL_START: b["start_date"].dt.date,
            T.COL_END: b["end_label"],
            T.COL_MILESTONE_COUNT: b["milestone_count"].astype(int),
            T.COL_OVERDUE_COUNT: b["overdue_count"].astype(int),
            T.COL_NEXT_DUE: b["next_due_date"],
        }
    )


def timeline_columns() -> Columns:
    """The timeline's table: each initiative with its overall status first;
    start date and number of milestones behind «Vis alle kolonner»."""
    return Columns(
        statuses=(T.COL_STATUS,), dates=(T.COL_START, T.COL_NEXT_DUE),
        counts=(T.COL_MILESTONE_COUNT, T.COL_OVERDUE_COUNT), links={T.COL_LINK: T.LINK_TEXT},
        wide=(T.COL_INITIATIVE,), pinned=(T.COL_INITIATIVE,),
        essential=(T.COL_INITIATIVE, T.COL_STATUS), extra=(T.COL_START, T.COL_MILESTONE_COUNT),
        widths={T.COL_STATUS: OVERALL_STATUS_PX, T.COL_PHASE: PHASE_PX, T.COL_END: 115,
                T.COL_OVERDUE_COUNT: 150},
    )


# -- lists ----------------------------------------------------------------------------------

def overdue(ctx: SnapshotContext, filters: queries.Filters, row_limit: int = LIST_ROWS) -> pd.DataFrame:
    return query(ctx, "milestones_overdue", filters=filters.as_param(), today=ctx.today, row_limit=row_limit)


def upcoming(ctx: SnapshotContext, filters: queries.Filters, horizon_days: int,
             row_limit: int = LIST_ROWS) -> pd.DataFrame:
    return query(ctx, "milestones_upcoming", filters=filters.as_param(), today=ctx.today,
                 horizon_days=horizon_days, row_limit=row_limit)


def total_count(rows: pd.DataFrame) -> int:
    return int(rows["total_count"].iloc[0]) if len(rows) else 0


def list_rows(ctx: SnapshotContext | None, rows: pd.DataFrame) -> pd.DataFrame:
    """A list of milestones with Norwegian headers; with a link column to the
    initiative's page when `ctx` is given (not in exports)."""
    columns = {
        T.COL_DUE: rows["due_date"],
        T.COL_TITLE: rows["title"],
        T.COL_INITIATIVE: rows["initiative_name"],
    }
    if ctx is not None:
        columns[T.COL_LINK] = links.initiative_column(ctx, rows["initiative_id"])
    if "overdue_days" in rows:
        columns[T.COL_OVERDUE_DAYS] = rows["overdue_days"].astype(int)
    else:
        columns[T.COL_DAYS_LEFT] = rows["days_left"].astype(int)
    columns.update({
        T.COL_KIND: rows["kind"].map(lambda kind: texts.MILESTONE_KIND_LABELS.get(kind, kind)),
        T.COL_DECISION_POINT: rows["decision_point"].fillna(T.EMPTY),
        T.COL_STATUS: rows["status_overall"].map(texts.STATUS_LABELS),
        T.COL_AREA: rows["owner_area"],
        T.COL_LEADER: rows["project_leader"].fillna(T.EMPTY),
        T.COL_NOTE: rows["note"].fillna(""),
    })
    return pd.DataFrame(columns).reset_index(drop=True)


def list_columns() -> Columns:
    """The lists: on a phone each milestone with how late it is (or how many
    days are left); on a laptop also the due date, the initiative, its link and
    overall status and the note (titles, names and notes wrap); kind, decision
    point, owner and leader behind «Vis alle kolonner»."""
    return Columns(
        statuses=(T.COL_STATUS,), dates=(T.COL_DUE,), counts=(T.COL_OVERDUE_DAYS, T.COL_DAYS_LEFT),
        wide=(T.COL_TITLE,), links={T.COL_LINK: T.LINK_TEXT},
        essential=(T.COL_TITLE, T.COL_OVERDUE_DAYS, T.COL_DAYS_LEFT),
        extra=(T.COL_KIND, T.COL_DECISION_POINT, T.COL_AREA, T.COL_LEADER),
        wrap=(T.COL_TITLE, T.COL_INITIATIVE, T.COL_NOTE),
        widths={T.COL_TITLE: 190, T.COL_OVERDUE_DAYS: DAYS_PX, T.COL_DAYS_LEFT: DAYS_PX, T.COL_INITIATIVE: 150,
                T.COL_STATUS: OVERALL_STATUS_PX, T.COL_NOTE: 170},
    )


def due_until(ctx: SnapshotContext, horizon_days: int) -> dt.date:
    return ctx.today + dt.timedelta(days=horizon_days)


@dataclasses.dataclass(frozen=True)
class MilestoneList:
    """One of the page's lists: the rows shown (capped), how many matched,
    and how to get them all for the export."""

    tab_label: str
    table: pd.DataFrame  # the rows shown (list_rows), capped
    total: int
    caption: str
    empty: str
    basename: str
    sheet: str
    get_all: Callable[[], pd.DataFrame]


def lists(ctx: SnapshotContext, filters: queries.Filters, row_limit: int = LIST_ROWS) -> list[MilestoneList]:
    """Overdue, due in the next 30 days and due in the next 90 days."""
    out = []
    stamp = ctx.meta.created.date().isoformat()
    rows = overdue(ctx, filters, row_limit)
    total = total_count(rows)
    out.append(MilestoneList(
        tab_label=fmt.markdown(T.TAB_OVERDUE, count=fmt.number(total)), table=list_rows(ctx, rows),
        total=total,
        caption=fmt.markdown(T.OVERDUE_CAPTION, today=fmt.date(ctx.today), shown=_shown(rows, total)),
        empty=T.NONE_OVERDUE, basename=f"{T.EXPORT_OVERDUE}-{stamp}", sheet=T.SHEET_OVERDUE,
        get_all=lambda: list_rows(None, overdue(ctx, filters, row_limit=max(total, 1))),
    ))
    for horizon, export in ((SHORT_HORIZON, T.EXPORT_30), (LONG_HORIZON, T.EXPORT_90)):
        rows = upcoming(ctx, filters, horizon, row_limit)
        total = total_count(rows)
        out.append(MilestoneList(
            tab_label=fmt.markdown(T.TAB_30 if horizon == SHORT_HORIZON else T.TAB_90, count=fmt.number(total)),
            table=list_rows(ctx, rows), total=total,
            caption=fmt.markdown(T.UPCOMING_CAPTION, today=fmt.date(ctx.today),
                                 until=fmt.date(due_until(ctx, horizon)), shown=_shown(rows, total)),
            empty=T.NONE_UPCOMING, basename=f"{export}-{stamp}", sheet=T.SHEET_UPCOMING,
            get_all=lambda horizon=horizon, total=total: list_rows(
                None, upcoming(ctx, filters, horizon, row_limit=max(total, 1))),
        ))
    return out


def _shown(rows: pd.DataFrame, total: int) -> str:
    return fmt.markdown(T.SHOWN, shown=fmt.number(len(rows)), count=fmt.number(total))


# -- the page, built once ---------------------------------------------------------------

@dataclasses.dataclass(frozen=True)
class View:
    """Everything the milestones page draws for one snapshot and set of filters."""

    lists: list[MilestoneList]  # overdue, next 30 days, next 90 days
    timeline: Timeline  # within the period shown
    takeaway: str
    caption: str
    chart: dict | None  # Vega-Lite spec; None when no initiative is shown
    timeline_table: pd.DataFrame
    window: str = DEFAULT_WINDOW  # one of WINDOWS
    period: tuple[dt.date, dt.date] | None = None  # the first and last day the timeline shows
    window_caption: str = ""


def build_view(ctx: SnapshotContext, filters: queries.Filters, window: str = DEFAULT_WINDOW) -> View:
    """Use through `ui.view(build_view, ctx, filters, window)`: built once per
    snapshot, filters and period (`WINDOWS`). The timeline, its text and its
    table show the initiatives and milestones of the period."""
    window = window if window in WINDOWS else DEFAULT_WINDOW
    # a period leaves some initiatives out: fetch more than are shown
    everything = timeline(ctx, filters, TIMELINE_ROWS if window == "all" else 2 * TIMELINE_ROWS)
    period = window_dates(ctx.today, window, everything)
    t, outside, overdue_outside = in_window(everything, *period)
    period_text = window_caption(*period, outside, overdue_outside)
    # one paragraph on the page, and the chart's text alternative word for word
    takeaway = fmt.markdown("{} {}", timeline_takeaway(t), period_text)
    description = fmt.plain(takeaway)
    return View(
        lists=lists(ctx, filters),
        timeline=t,
        takeaway=takeaway,
        caption=timeline_caption(t, window),
        chart=charts.spec(timeline_chart(ctx, t, description, period)) if t.shown else None,
        timeline_table=timeline_rows(ctx, t),
        window=window,
        period=period,
        window_caption=period_text,
    )
