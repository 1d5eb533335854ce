"""What the initiative page ("Tiltak") shows: one initiative whole.

Statuses with their comments, the path through Prosjektveiviseren's phases and
decision points, milestones, money by year, and the programme and sibling
initiatives around it; the status history is in `initiative_history`. The
page draws; this module turns the named queries' results into what it draws.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import numpy as np
import pandas as pd
from pandas.io.formats.style import Styler

from portfolio import fmt, texts
from portfolio.model import schema
from portfolio.present import charts, links
from portfolio.present import initiative_history as history_view
from portfolio.present.columns import DAYS_PX, DEVIATION_PX, MONEY_PX, OVERALL_STATUS_PX, PHASE_PX, SHARE_PX, Columns
from portfolio.query.context import SnapshotContext, query
from portfolio.texts import budget as money_texts
from portfolio.texts import initiative as T

PAGE = "views/initiative.py"
RELATED_LIMIT = 200

# The path through Prosjektveiviseren: BPn lies between phase n-1 and phase n.
STATE_PASSED, STATE_CURRENT, STATE_FUTURE = "passed", "current", "future"

# A milestone's state as a word on a tint: overdue as red, done as green
STATE_TINTS = {
    T.STATE_OVERDUE: charts.STATUS_TINTS["Rød"],
    T.STATE_OPEN: charts.STATUS_TINTS["Ikke vurdert"],
    T.STATE_DONE: charts.STATUS_TINTS["Grønn"],
}


# -- the picker ------------------------------------------------------------------

def options(ctx: SnapshotContext) -> dict[str, str]:
    """Initiative ids and their labels, by name; a name that occurs more than
    once gets its id in brackets, so that every label is unique."""
    rows = query(ctx, "initiative_options")
    duplicated = rows["name"].duplicated(keep=False)
    labels = rows["name"].where(~duplicated, rows["name"] + " (" + rows["initiative_id"] + ")")
    return dict(zip(rows["initiative_id"], labels, strict=False))


# Up to this many initiatives the picker lists them all; above it (a county or
# national portfolio) it lists the best matches of the search, so a rerun does
# not send thousands of names to the browser.
PICKER_ALL = 1000
PICKER_MATCHES = 100


@dataclasses.dataclass(frozen=True)
class Picker:
    """The picker's options for one search: ids in name order, at most
    PICKER_MATCHES (plus the initiatives that must stay choosable), and how
    many initiatives matched."""

    options: list[str]
    total: int


def picker_options(labels: dict[str, str], search: str, keep: tuple[str, ...] = ()) -> Picker:
    """The initiatives whose label (`labels`: from `options`) holds every word
    of `search` (case ignored); `keep` (the current choice and the one in the
    URL) stay in the list when they exist."""
    words = search.casefold().split()
    found = [i for i, label in labels.items() if all(w in label.casefold() for w in words)]
    listed = found[:PICKER_MATCHES]
    listed += [i for i in keep if i in labels and i not in listed]
    return Picker(options=listed, total=len(found))


def unknown_message(ctx: SnapshotContext, initiative_id: str) -> fmt.Markdown:
    """The error for an initiative id from the URL that is not in the snapshot
    (the id made literal: the URL is anybody's to write)."""
    return fmt.markdown(T.UNKNOWN, initiative_id=initiative_id, date=fmt.date(ctx.meta.created))



# -- the initiative ------------------------------------------------------------

def detail(ctx: SnapshotContext, initiative_id: str) -> pd.Series | None:
    rows = query(ctx, "initiative_detail", initiative_id=initiative_id)
    return rows.iloc[0] if len(rows) else None


def _text(value) -> str | None:
    return None if fmt.missing(value) or value == "" else str(value)




def facts(row: pd.Series) -> list[str]:
    """The short facts under the initiative's name."""
    out = []
    if _text(row["parent_name"]):
        out.append(T.FACT_PROGRAMME.format(name=row["parent_name"]))
    if int(row["child_count"]):
        out.append(T.FACT_PROGRAMME_CHILDREN.format(count=fmt.number(int(row["child_count"]))))
    out.append(T.FACT_AREA.format(area=row["owner_area"]))
    out.append(T.FACT_OWNER.format(owner=row["project_owner"]))
    leader = _text(row["project_leader"])
    out.append(T.FACT_LEADER.format(leader=leader) if leader else T.FACT_NO_LEADER)
    end = fmt.date(row["end_date"]) if _text(row["end_date"]) else T.OPEN_END
    out.append(T.FACT_PERIOD.format(start=fmt.date(row["start_date"]), end=end))
    return out


def status_frame(row: pd.Series) -> pd.DataFrame:
    """Every status dimension: its word and its comment (the status summary
    for the overall status)."""
    comments = {"overall": row["status_summary"]}
    comments.update({d: row[f"comment_{d}"] for d in schema.STATUS_DIMENSIONS if d != "overall"})
    return pd.DataFrame(
        {
            T.COL_DIMENSION: [T.DIMENSIONS[d] for d in schema.STATUS_DIMENSIONS],
            T.COL_STATUS: [texts.STATUS_LABELS[row[f"status_{d}"]] for d in schema.STATUS_DIMENSIONS],
            T.COL_COMMENT: [_text(comments[d]) or T.NO_COMMENT for d in schema.STATUS_DIMENSIONS],
        }
    )


def status_table(frame: pd.DataFrame) -> Styler:
    """The statuses for st.table (a real HTML table), each word on its tint.
    The comments are data: draw it through fmt.literal_table."""
    return charts.style_statuses(frame, [T.COL_STATUS])


# -- phase and decision points -----------------------------------------------------

@dataclasses.dataclass(frozen=True)
class Step:
    label: str
    is_decision_point: bool
    state: str  # passed, current, future
    date: dt.date | None = None  # when a decision point was passed, or is planned
    is_planned: bool = False
    is_last_decision_point: bool = False


def _decision_dates(milestones: pd.DataFrame) -> dict[str, tuple[dt.date, bool]]:
    """Per decision point: the date it was passed (completed), else the
    earliest planned due date; and whether that date is a plan."""
    dates: dict[str, tuple[dt.date, bool]] = {}
    if milestones.empty:
        return dates
    dps = milestones[(milestones["kind"] == "beslutningspunkt") & milestones["decision_point"].notna()]
    for dp, group in dps.groupby("decision_point"):
        done = group["completed_date"].dropna()
        if len(done):
            dates[dp] = (pd.Timestamp(done.max()).date(), False)
        else:
            dates[dp] = (pd.Timestamp(group["due_date"].min()).date(), True)
    return dates


def decision_path(row: pd.Series, milestones: pd.DataFrame) -> list[Step]:
    """Idé → BP1 → Konsept → … → BP5 → Realisere with the current phase and
    the last decision point passed marked."""
    phase_index = schema.PHASES.index(row["phase"])
    last_dp = _text(row["last_decision_point"])
    passed = schema.DECISION_POINTS.index(last_dp) + 1 if last_dp else 0
    dates = _decision_dates(milestones)
    steps: list[Step] = []
    for index, phase in enumerate(schema.PHASES):
        if index > 0:
            dp = schema.DECISION_POINTS[index - 1]
            date, planned = dates.get(dp, (None, False))
            is_passed = index <= passed
            steps.append(Step(
                dp, True, STATE_PASSED if is_passed else STATE_FUTURE,
                date=date if (is_passed or planned) else None,
                is_planned=planned and not is_passed, is_last_decision_point=index == passed,
            ))
        state = STATE_CURRENT if index == phase_index else STATE_PASSED if index < phase_index else STATE_FUTURE
        steps.append(Step(phase, False, state))
    return steps


def path_markdown(steps: list[Step]) -> fmt.Markdown:
    """The path as one line of Markdown: icons and words, never colour alone
    (the words made literal in the app's own templates)."""
    parts = []
    for step in steps:
        if step.is_decision_point:
            if step.state == STATE_PASSED:
                note = T.STEP_LAST_DP if step.is_last_decision_point else T.STEP_PASSED
                if step.date:
                    note = f"{note} {fmt.date(step.date)}"
                parts.append(fmt.markdown(
                    "**:material/check: {} ({})**" if step.is_last_decision_point else ":material/check: {} ({})",
                    step.label, note))
            elif step.date:
                parts.append(fmt.markdown(":material/flag: {} ({})", step.label,
                                          T.STEP_PLANNED.format(date=fmt.date(step.date))))
            else:
                parts.append(fmt.markdown(":material/flag: {}", step.label))
        elif step.state == STATE_CURRENT:
            parts.append(fmt.markdown("**:material/radio_button_checked: {} ({})**", step.label, T.STEP_CURRENT_PHASE))
        elif step.state == STATE_PASSED:
            parts.append(fmt.markdown(":material/check_circle: {} ({})", step.label, T.STEP_DONE))
        else:
            parts.append(fmt.markdown(":material/radio_button_unchecked: {}", step.label))
    return fmt.join(" → ", parts)


def path_sentence(row: pd.Series, steps: list[Step]) -> fmt.Markdown:
    last = next((s for s in steps if s.is_last_decision_point), None)
    if last:
        date = fmt.markdown(T.PATH_DECISION_DATE, date=fmt.date(last.date)) if last.date else ""
        decision = fmt.markdown(T.PATH_DECISION, dp=last.label, date=date)
    else:
        decision = T.PATH_NO_DECISION
    following = next((s for s in steps if s.is_decision_point and s.state == STATE_FUTURE), None)
    if following:
        date = fmt.markdown(T.PATH_NEXT_DATE, date=fmt.date(following.date)) if following.date else ""
        decision = fmt.join(" ", [decision, fmt.markdown(T.PATH_NEXT, dp=following.label, date=date)])
    return fmt.markdown(T.PATH_SENTENCE, phase=row["phase"], decision=decision)


# -- milestones ------------------------------------------------------------------

def milestones(ctx: SnapshotContext, initiative_id: str) -> pd.DataFrame:
    return query(ctx, "initiative_milestones", initiative_id=initiative_id, today=ctx.today)


def milestones_caption(ctx: SnapshotContext, rows: pd.DataFrame) -> str:
    return fmt.markdown(
        T.MILESTONES_CAPTION,
        count=fmt.number(len(rows)), overdue=fmt.number(int(rows["is_overdue"].sum())),
        today=fmt.date(ctx.today),
    )


def milestone_rows(rows: pd.DataFrame) -> pd.DataFrame:
    """Overdue first (longest overdue first), then open ones by due date, then
    completed ones, latest first; the state as a word."""
    labels = texts.COLUMN_LABELS["milestones"]
    state = rows["is_overdue"].map({True: T.STATE_OVERDUE, False: T.STATE_OPEN})
    state = state.where(rows["completed_date"].isna(), T.STATE_DONE)
    rank = state.map({T.STATE_OVERDUE: 0, T.STATE_OPEN: 1, T.STATE_DONE: 2}).to_numpy()
    day = pd.to_datetime(rows["due_date"]).map(pd.Timestamp.toordinal).to_numpy()
    ordered = np.lexsort((np.where(rank < 2, day, -day), rank))
    rows, state = rows.iloc[ordered], state.iloc[ordered]
    return pd.DataFrame(
        {
            labels["due_date"]: rows["due_date"],
            labels["title"]: rows["title"],
            T.COL_STATE: state,
            T.COL_OVERDUE_DAYS: rows["overdue_days"].astype("Int64"),
            labels["completed_date"]: rows["completed_date"],
            labels["kind"]: rows["kind"].map(lambda kind: texts.MILESTONE_KIND_LABELS.get(kind, kind)),
            labels["decision_point"]: rows["decision_point"].fillna(T.EMPTY),
            labels["note"]: rows["note"].fillna(""),
        }
    ).reset_index(drop=True)


def milestone_columns() -> Columns:
    """The initiative's milestones: on a phone each title with its state
    (overdue, open, done); on a laptop also due date, days overdue, kind, note
    (titles and notes wrap) and completion date; the decision point behind
    «Vis alle kolonner»."""
    labels = texts.COLUMN_LABELS["milestones"]
    return Columns(
        dates=(labels["due_date"], labels["completed_date"]),
        counts=(T.COL_OVERDUE_DAYS,),
        tinted={T.COL_STATE: STATE_TINTS},
        essential=(labels["title"], T.COL_STATE),
        extra=(labels["decision_point"],),
        wrap=(labels["title"], labels["note"]),
        widths={T.COL_STATE: 100, T.COL_OVERDUE_DAYS: DAYS_PX, labels["completed_date"]: 110,
                labels["kind"]: 130, labels["note"]: 170},
    )


# -- money -------------------------------------------------------------------------

def budget(ctx: SnapshotContext, initiative_id: str) -> pd.DataFrame:
    return query(ctx, "initiative_budget", initiative_id=initiative_id)


def budget_rows(rows: pd.DataFrame, total: bool = False) -> pd.DataFrame:
    """Money by year with deviations; `total` for a programme with everything under it."""
    p = "total_" if total else ""
    return pd.DataFrame(
        {
            T.COL_YEAR: rows["year"].astype(int).astype(str),
            money_texts.COL_BUDGET: rows[f"{p}budget_nok"],
            money_texts.COL_ACTUAL: rows[f"{p}actual_nok"],
            money_texts.COL_FORECAST: rows[f"{p}forecast_nok"],
            money_texts.COL_FORECAST_DEVIATION: rows[f"{p}forecast_deviation_nok"],
            money_texts.COL_FORECAST_DEVIATION_SHARE: rows[f"{p}forecast_deviation_share"],
            money_texts.COL_ACTUAL_DEVIATION: rows[f"{p}actual_deviation_nok"],
        }
    )


def money_styler(display: pd.DataFrame, amounts: list[str], deviations: list[str], shares: list[str]) -> Styler:
    """Amounts as kroner, deviations with their sign, shares (empty when the
    budget is 0) as signed percentages in text."""
    display = fmt.as_text(display, {column: fmt.signed_percent for column in shares})
    return (
        display.style.format(fmt.kr, subset=amounts)
        .format(fmt.signed_kr, subset=deviations)
        .hide(axis="index")
    )


def budget_table(rows: pd.DataFrame, total: bool = False) -> Styler:
    display = budget_rows(rows, total)
    return money_styler(
        display, [money_texts.COL_BUDGET, money_texts.COL_ACTUAL, money_texts.COL_FORECAST],
        [money_texts.COL_FORECAST_DEVIATION, money_texts.COL_ACTUAL_DEVIATION], [money_texts.COL_FORECAST_DEVIATION_SHARE],
    )


# -- related initiatives ---------------------------------------------------------------

def related(ctx: SnapshotContext, initiative_id: str, row_limit: int = RELATED_LIMIT) -> pd.DataFrame:
    return query(ctx, "initiative_related", initiative_id=initiative_id, row_limit=row_limit)


def related_caption(rows: pd.DataFrame) -> str:
    return fmt.markdown(T.RELATED_CAPTION, shown=fmt.number(len(rows)),
                        count=fmt.number(int(rows["relation_count"].iloc[0])))


def related_rows(ctx: SnapshotContext, rows: pd.DataFrame) -> pd.DataFrame:
    labels = texts.COLUMN_LABELS["initiatives"]
    return pd.DataFrame(
        {
            T.COL_NAME: rows["name"],
            T.COL_LINK: links.initiative_column(ctx, rows["initiative_id"]),
            T.COL_OVERALL: rows["status_overall"].map(texts.STATUS_LABELS),
            labels["phase"]: rows["phase"],
            T.COL_AREA: rows["owner_area"],
        }
    ).reset_index(drop=True)


def related_columns() -> Columns:
    """Related initiatives: each name with its overall status first."""
    return Columns(statuses=(T.COL_OVERALL,), links={T.COL_LINK: T.LINK_TEXT}, wide=(T.COL_NAME,),
                   essential=(T.COL_NAME, T.COL_OVERALL),
                   widths={T.COL_OVERALL: OVERALL_STATUS_PX, texts.COLUMN_LABELS["initiatives"]["phase"]: PHASE_PX})


def budget_columns() -> Columns:
    """Money by year: on a phone the year with budget and actual; every
    column fits a laptop."""
    return Columns(
        right=(money_texts.COL_FORECAST_DEVIATION_SHARE,),
        essential=(T.COL_YEAR, money_texts.COL_BUDGET, money_texts.COL_ACTUAL),
        widths={T.COL_YEAR: 60, **dict.fromkeys((money_texts.COL_BUDGET, money_texts.COL_ACTUAL,
                                                 money_texts.COL_FORECAST), MONEY_PX),
                money_texts.COL_FORECAST_DEVIATION: DEVIATION_PX, money_texts.COL_ACTUAL_DEVIATION: DEVIATION_PX,
                money_texts.COL_FORECAST_DEVIATION_SHARE: SHARE_PX},
    )


# -- the page, built once ---------------------------------------------------------------

@dataclasses.dataclass(frozen=True)
class Related:
    relation: str
    caption: str
    rows: pd.DataFrame  # raw rows (the parent link needs its id)
    table: pd.DataFrame


@dataclasses.dataclass(frozen=True)
class View:
    """Everything the initiative page draws for one initiative in one snapshot."""

    row: pd.Series
    facts_markdown: fmt.Markdown  # the facts, made literal, between " · "
    hist: pd.DataFrame  # initiative_history.sql (for `last_update`, which follows the settings)
    status: pd.DataFrame
    path_markdown: fmt.Markdown
    path_sentence: fmt.Markdown
    milestones: pd.DataFrame
    milestones_caption: str
    money: pd.DataFrame
    history_takeaway: str
    history_chart: dict  # Vega-Lite spec
    history: pd.DataFrame
    history_caption: str
    change_log: fmt.Markdown
    related: list[Related]


def build_view(ctx: SnapshotContext, initiative_id: str) -> View:
    """Use through `ui.view(build_view, ctx, initiative_id)`: built once per
    snapshot and initiative, so a rerun only draws."""
    row = detail(ctx, initiative_id)
    hist = history_view.history(ctx, initiative_id)
    milestone_data = milestones(ctx, initiative_id)
    steps = decision_path(row, milestone_data)
    takeaway = history_view.history_takeaway(hist)
    related_rows_ = related(ctx, initiative_id)
    return View(
        row=row,
        facts_markdown=fmt.join(" · ", facts(row)),
        hist=hist,
        status=status_frame(row),
        path_markdown=path_markdown(steps),
        path_sentence=path_sentence(row, steps),
        milestones=milestone_rows(milestone_data) if not milestone_data.empty else milestone_data,
        milestones_caption=milestones_caption(ctx, milestone_data) if not milestone_data.empty else "",
        money=budget(ctx, initiative_id),
        history_takeaway=takeaway,
        history_chart=charts.spec(charts.status_history_heatmap(history_view.history_chart_data(ctx, hist), fmt.plain(takeaway))),
        history=history_view.history_rows(ctx, hist),
        history_caption=history_view.history_caption(ctx, hist),
        change_log=history_view.change_log_markdown(ctx, hist),
        related=[
            Related(relation=str(relation), caption=related_caption(rows), rows=rows,
                    table=related_rows(ctx, rows))
            for relation, rows in related_rows_.groupby("relation", sort=False)
        ],
    )
