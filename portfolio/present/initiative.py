"""What the initiative page ("Tiltak") shows: one initiative whole.

Statuses with their comments, the path through Prosjektveiviseren's phases and
decision points, milestones, money by year, the status history over every
snapshot (with who changed what, and when it was last changed), and the
programme and sibling initiatives around it. The page draws; this module turns
the named queries' results into what it draws. Links to an initiative's page
are made here too, so every page links the same way.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

import numpy as np
import pandas as pd
import streamlit as st
from pandas.io.formats.style import Styler

from portfolio import config, fmt, texts

from portfolio.present import charts

from portfolio.model import schema

from portfolio.web import tables

from portfolio.web import ui
from portfolio.texts import initiative as T
from portfolio.web.ui import URL_INITIATIVE, URL_SNAPSHOT, SnapshotContext, query

PAGE = "views/initiative.py"
URL_PATH = "initiative"
PICKER_KEY = "initiative_choice"
RELATED_LIMIT = 200

# The path through Prosjektveiviseren: BPn lies between phase n-1 and phase n.
STATE_PASSED, STATE_CURRENT, STATE_FUTURE = "passed", "current", "future"

# A milestone's state as a word on a tint: overdue as red, done as green
STATE_TINTS = {
    T.STATE_OVERDUE: tables.STATUS_TINTS["Rød"],
    T.STATE_OPEN: tables.STATUS_TINTS["Ikke vurdert"],
    T.STATE_DONE: tables.STATUS_TINTS["Grønn"],
}

# Fields whose change the history names, in this order
CHANGE_FIELDS = (
    "phase", "status_overall", "status_schedule", "status_budget", "status_quality", "status_risk",
    "project_leader", "project_owner", "owner_area", "end_date", "name",
)


# -- links -----------------------------------------------------------------

def link(initiative_id: str, snapshot_id: str | None = None) -> str:
    """A relative link to an initiative's page, e.g. `initiative?initiative=jegerung`
    (with `&snapshot=<id>` to open it on a past snapshot)."""
    return f"{URL_PATH}?{urlencode(link_params(initiative_id, snapshot_id))}"


def link_params(initiative_id: str, snapshot_id: str | None = None) -> dict[str, str]:
    params = {URL_INITIATIVE: initiative_id}
    if snapshot_id:
        params[URL_SNAPSHOT] = snapshot_id
    return params


def context_link(ctx: SnapshotContext, initiative_id: str) -> str:
    """The link to an initiative's page on the snapshot the page shows."""
    return link(initiative_id, None if ctx.is_latest else ctx.snapshot_id)


def context_link_params(ctx: SnapshotContext, initiative_id: str) -> dict[str, str]:
    return link_params(initiative_id, None if ctx.is_latest else ctx.snapshot_id)


def link_column(ctx: SnapshotContext, ids: pd.Series) -> pd.Series:
    return ids.map(lambda i: context_link(ctx, i))


# -- the picker ----------------------------------------------------------------

def url_selectbox(
    label: str,
    options: list,
    *,
    key: str,
    url_key: str,
    default: Any = None,
    parse: Callable[[str], Any] = str,
    format_func: Callable[[Any], str] = str,
    **kwargs: Any,
) -> Any:
    """A selectbox whose value lives in the URL (`?url_key=value`).

    The URL wins when it changes (a pasted link, a link to another
    initiative); an unknown value in the URL leaves the box on `default` and
    the URL as it is, so the page can say what was not found."""
    raw = st.query_params.get(url_key)
    sync_key = f"_{key}_url"
    stale = st.session_state.get(key) not in options  # e.g. another snapshot, other filters
    if key not in st.session_state or st.session_state.get(sync_key) != raw or stale:
        try:
            wanted = parse(raw) if raw is not None else None
        except ValueError:
            wanted = None
        st.session_state[key] = wanted if wanted in options else (default if default in options else None)
        st.session_state[sync_key] = raw
    value = st.selectbox(label, options, key=key, format_func=format_func, **kwargs)
    if value is not None and str(value) != raw:
        st.query_params[url_key] = str(value)
        st.session_state[sync_key] = str(value)
    return value


def options(ctx: SnapshotContext) -> dict[str, str]:
    """Initiative ids and their labels, by name; a name that occurs more than
    once gets its id in brackets, so that every label is unique."""
    rows = query(ctx, "initiative_options")
    duplicated = rows["name"].duplicated(keep=False)
    labels = rows["name"].where(~duplicated, rows["name"] + " (" + rows["initiative_id"] + ")")
    return dict(zip(rows["initiative_id"], labels))


# Up to this many initiatives the picker lists them all; above it (a county or
# national portfolio) a search field comes first and the picker lists the best
# matches, so a rerun does not send thousands of names to the browser.
PICKER_ALL = 1000
PICKER_MATCHES = 100
SEARCH_KEY = "initiative_search"


@dataclasses.dataclass(frozen=True)
class Picker:
    """The picker's options for one search: ids in name order, at most
    PICKER_MATCHES (plus the initiatives that must stay choosable), and how
    many initiatives matched."""

    options: list[str]
    total: int


def picker_options(ctx: SnapshotContext, search: str, keep: tuple[str, ...] = ()) -> Picker:
    """Use through `ui.view(picker_options, ctx, search, keep)`. The initiatives
    whose label holds every word of `search` (case ignored); `keep` (the
    current choice and the one in the URL) stay in the list when they exist."""
    labels = ui.view(options, ctx)
    words = search.casefold().split()
    found = [i for i, label in labels.items() if all(w in label.casefold() for w in words)]
    listed = found[:PICKER_MATCHES]
    listed += [i for i in keep if i in labels and i not in listed]
    return Picker(options=listed, total=len(found))


def choose(ctx: SnapshotContext) -> str | None:
    """Draw the initiative picker (with a search field first in a large
    portfolio) and return the chosen initiative's id, kept in the URL."""
    labels = ui.view(options, ctx)  # built once per snapshot
    if len(labels) <= PICKER_ALL:
        listed, placeholder = list(labels), T.PICKER_PLACEHOLDER
    else:
        search = st.text_input(T.SEARCH, key=SEARCH_KEY, placeholder=T.SEARCH_PLACEHOLDER, help=T.SEARCH_HELP)
        keep = tuple(v for v in (st.session_state.get(PICKER_KEY), wanted_id()) if v)
        found = ui.view(picker_options, ctx, search.strip(), keep)
        listed, placeholder = found.options, T.PICKER_MATCHES_PLACEHOLDER
        if not search.strip():
            st.caption(T.SEARCH_EMPTY.format(shown=fmt.number(PICKER_MATCHES), count=fmt.number(found.total)))
        elif found.total == 0:
            st.caption(T.SEARCH_NONE.format(search=fmt.literal(search.strip())))
        elif found.total > PICKER_MATCHES:
            st.caption(T.SEARCH_CAPPED.format(shown=fmt.number(PICKER_MATCHES), count=fmt.number(found.total)))
        else:
            st.caption(T.SEARCH_ALL.format(count=fmt.number(found.total)))
    return url_selectbox(
        T.PICKER, listed, key=PICKER_KEY, url_key=URL_INITIATIVE,
        format_func=labels.get, placeholder=placeholder, help=T.PICKER_HELP,
    )


def snapshot_labels(ctx: SnapshotContext, snapshot_ids: list[str]) -> dict[str, str]:
    """A unique label per snapshot: its date, with the time when two snapshots
    share a day (and the id when they share a minute)."""
    metas = {m.snapshot_id: m for m in ctx.snapshots}
    labels: dict[str, str] = {}
    days: dict[str, int] = {}
    for sid in snapshot_ids:
        meta = metas.get(sid)
        day = fmt.date(meta.created) if meta else sid
        days[day] = days.get(day, 0) + 1
        labels[sid] = day
    for sid, day in list(labels.items()):
        meta = metas.get(sid)
        if days[day] > 1 and meta:
            labels[sid] = f"{day} {meta.created:%H:%M}"
    if len(set(labels.values())) < len(labels):
        labels = {sid: f"{label} ({sid})" for sid, label in labels.items()}
    return labels


def wanted_id() -> str | None:
    return st.query_params.get(URL_INITIATIVE)


def unknown_message(ctx: SnapshotContext, initiative_id: str) -> str:
    return T.UNKNOWN.format(initiative_id=initiative_id, date=fmt.date(ctx.meta.created))


# -- the initiative ------------------------------------------------------------

def detail(ctx: SnapshotContext, initiative_id: str) -> pd.Series | None:
    rows = query(ctx, "initiative_detail", initiative_id=initiative_id)
    return rows.iloc[0] if len(rows) else None


def _missing(value) -> bool:
    return value is None or (not isinstance(value, (list, tuple)) and bool(pd.isna(value)))


def _text(value) -> str | None:
    return None if _missing(value) or value == "" else str(value)




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
    """The statuses for st.table (a real HTML table), each word on its tint."""
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


def path_markdown(steps: list[Step]) -> str:
    """The path as one line of Markdown: icons and words, never colour alone."""
    parts = []
    for step in steps:
        if step.is_decision_point:
            if step.state == STATE_PASSED:
                note = T.STEP_LAST_DP if step.is_last_decision_point else T.STEP_PASSED
                date = f" {fmt.date(step.date)}" if step.date else ""
                text = f":material/check: {step.label} ({note}{date})"
                parts.append(f"**{text}**" if step.is_last_decision_point else text)
            elif step.date:
                parts.append(f":material/flag: {step.label} ({T.STEP_PLANNED.format(date=fmt.date(step.date))})")
            else:
                parts.append(f":material/flag: {step.label}")
        elif step.state == STATE_CURRENT:
            parts.append(f"**:material/radio_button_checked: {step.label} ({T.STEP_CURRENT_PHASE})**")
        elif step.state == STATE_PASSED:
            parts.append(f":material/check_circle: {step.label} ({T.STEP_DONE})")
        else:
            parts.append(f":material/radio_button_unchecked: {step.label}")
    return " → ".join(parts)


def path_sentence(row: pd.Series, steps: list[Step]) -> str:
    last = next((s for s in steps if s.is_last_decision_point), None)
    if last:
        date = T.PATH_DECISION_DATE.format(date=fmt.date(last.date)) if last.date else ""
        decision = T.PATH_DECISION.format(dp=last.label, date=date)
    else:
        decision = T.PATH_NO_DECISION
    following = next((s for s in steps if s.is_decision_point and s.state == STATE_FUTURE), None)
    if following:
        date = T.PATH_NEXT_DATE.format(date=fmt.date(following.date)) if following.date else ""
        decision += " " + T.PATH_NEXT.format(dp=following.label, date=date)
    return T.PATH_SENTENCE.format(phase=row["phase"], decision=decision)


# -- milestones ------------------------------------------------------------------

def milestones(ctx: SnapshotContext, initiative_id: str) -> pd.DataFrame:
    return query(ctx, "initiative_milestones", initiative_id=initiative_id, today=ctx.today)


def milestones_caption(ctx: SnapshotContext, rows: pd.DataFrame) -> str:
    return T.MILESTONES_CAPTION.format(
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
            labels["kind"]: rows["kind"],
            labels["decision_point"]: rows["decision_point"].fillna(T.EMPTY),
            labels["note"]: rows["note"].fillna(""),
        }
    ).reset_index(drop=True)


def as_text(frame: pd.DataFrame, formats: dict[str, Callable[[Any], str]]) -> pd.DataFrame:
    """Columns that may hold empty values, formatted as text: st.dataframe
    shows an empty cell as "None" whatever a Styler says, so "–" must be the
    value itself."""
    return frame.assign(**{column: frame[column].map(format_func) for column, format_func in formats.items()})


def milestone_columns() -> dict:
    labels = texts.COLUMN_LABELS["milestones"]
    return tables.config(
        dates=[labels["due_date"], labels["completed_date"]],
        counts=[T.COL_OVERDUE_DAYS],
        others={T.COL_STATE: tables.labelled(STATE_TINTS)},
    )


# -- money -------------------------------------------------------------------------

@fmt.memoised
def signed_kr(amount) -> str:
    """A deviation: '+18 000 kr' over, '-4 000 kr' under."""
    text = fmt.kr(amount)
    return f"+{text}" if not _missing(amount) and amount > 0 else text


@fmt.memoised
def signed_percent(share) -> str:
    """A deviation's share of the budget: '+17 %', '-3 %'; '0 %' below half a percent."""
    if not _missing(share) and abs(share) < 0.005:
        share = 0.0
    text = fmt.percent(share)
    return f"+{text}" if not _missing(share) and share > 0 else text


def budget(ctx: SnapshotContext, initiative_id: str) -> pd.DataFrame:
    return query(ctx, "initiative_budget", initiative_id=initiative_id)


def budget_rows(rows: pd.DataFrame, total: bool = False) -> pd.DataFrame:
    """Money by year with deviations; `total` for a programme with everything under it."""
    p = "total_" if total else ""
    return pd.DataFrame(
        {
            T.COL_YEAR: rows["year"].astype(int).astype(str),
            T.COL_BUDGET: rows[f"{p}budget_nok"],
            T.COL_ACTUAL: rows[f"{p}actual_nok"],
            T.COL_FORECAST: rows[f"{p}forecast_nok"],
            T.COL_FORECAST_DEVIATION: rows[f"{p}forecast_deviation_nok"],
            T.COL_FORECAST_DEVIATION_SHARE: rows[f"{p}forecast_deviation_share"],
            T.COL_ACTUAL_DEVIATION: rows[f"{p}actual_deviation_nok"],
        }
    )


def money_styler(display: pd.DataFrame, amounts: list[str], deviations: list[str], shares: list[str]) -> Styler:
    """Amounts as kroner, deviations with their sign, shares (empty when the
    budget is 0) as signed percentages in text."""
    display = as_text(display, {column: signed_percent for column in shares})
    return (
        display.style.format(fmt.kr, subset=amounts)
        .format(signed_kr, subset=deviations)
        .hide(axis="index")
    )


def budget_table(rows: pd.DataFrame, total: bool = False) -> Styler:
    display = budget_rows(rows, total)
    return money_styler(
        display, [T.COL_BUDGET, T.COL_ACTUAL, T.COL_FORECAST],
        [T.COL_FORECAST_DEVIATION, T.COL_ACTUAL_DEVIATION], [T.COL_FORECAST_DEVIATION_SHARE],
    )


# -- history -------------------------------------------------------------------

def history(ctx: SnapshotContext, initiative_id: str) -> pd.DataFrame:
    """Every snapshot up to the one shown, oldest first (see initiative_history.sql)."""
    return query(ctx, "initiative_history", initiative_id=initiative_id)


@dataclasses.dataclass(frozen=True)
class LastUpdate:
    snapshot_id: str
    date: dt.date
    author: str
    days: int
    stale_days: int
    what: tuple[str, ...]

    @property
    def is_stale(self) -> bool:
        return self.days > self.stale_days

    def sentence(self) -> str:
        days = T.DAYS_AGO.get(self.days, T.DAYS_AGO_MANY.format(days=fmt.number(self.days)))
        text = T.LAST_UPDATED.format(date=fmt.date(self.date), author=self.author, days=days)
        if self.what:
            text += " " + T.LAST_UPDATED_WHAT.format(what=", ".join(self.what))
        return text

    def stale_warning(self) -> str:
        return T.STALE.format(days=fmt.number(self.days), date=fmt.date(self.date),
                              limit=fmt.number(self.stale_days))


def _changed(frame: pd.DataFrame) -> pd.Series:
    return frame["is_row_changed"] | frame["is_budget_changed"] | frame["is_milestone_changed"]


def last_update(ctx: SnapshotContext, hist: pd.DataFrame, stale_days: int | None = None) -> LastUpdate | None:
    """The most recent snapshot (up to the one shown) in which the initiative's
    row, budget rows or milestones changed, who saved it and how long ago."""
    changed = hist[_changed(hist) & hist["is_present"]]
    if changed.empty:
        return None
    last = changed.iloc[-1]
    meta = ctx.store.get(last["snapshot_id"])
    date = meta.created.date()
    what = tuple(
        T.WHAT_CHANGED[k] for k, column in
        (("row", "is_row_changed"), ("budget", "is_budget_changed"), ("milestones", "is_milestone_changed"))
        if last[column]
    )
    limit = config.stale_days() if stale_days is None else stale_days
    return LastUpdate(last["snapshot_id"], date, meta.author, (ctx.today - date).days, limit, what)


def _value_text(field: str, value) -> str:
    if _missing(value):
        return T.EMPTY
    if field.startswith("status_"):
        return texts.STATUS_LABELS.get(value, str(value))
    if field.endswith("_date"):
        return fmt.date(value)
    return str(value)


def _same(a, b) -> bool:
    if _missing(a) and _missing(b):
        return True
    if _missing(a) or _missing(b):
        return False
    return a == b


def changes(previous: pd.Series | None, current: pd.Series) -> list[str]:
    """What changed from one snapshot to the next, in words."""
    if previous is None or not previous["is_present"]:
        return [T.CHANGE_CREATED]
    out = []
    old_dp, new_dp = _text(previous["last_decision_point"]), _text(current["last_decision_point"])
    if old_dp != new_dp:
        if new_dp and (old_dp is None or new_dp > old_dp):
            out.append(T.CHANGE_DP_PASSED.format(dp=new_dp))
        else:
            out.append(T.CHANGE_FIELD.format(label=texts.COLUMN_LABELS["initiatives"]["last_decision_point"],
                                             old=old_dp or T.EMPTY, new=new_dp or T.EMPTY))
    for field in CHANGE_FIELDS:
        if not _same(previous[field], current[field]):
            out.append(T.CHANGE_FIELD.format(
                label=T.CHANGE_LABELS[field],
                old=_value_text(field, previous[field]), new=_value_text(field, current[field]),
            ))
    if current["is_row_changed"] and not out:
        out.append(T.CHANGE_OTHER)
    if current["is_budget_changed"]:
        out.append(T.CHANGE_BUDGET)
    if current["is_milestone_changed"]:
        out.append(T.CHANGE_MILESTONES)
    return out or [T.CHANGE_NONE]


def history_rows(ctx: SnapshotContext, hist: pd.DataFrame) -> pd.DataFrame:
    """One row per snapshot in which the initiative exists, newest first:
    the five statuses as words, phase, decision point, project leader, what
    changed and who saved the snapshot."""
    metas = {m.snapshot_id: m for m in ctx.snapshots}
    rows = []
    previous = None
    for _, current in hist.iterrows():
        if current["is_present"]:
            meta = metas.get(current["snapshot_id"])
            rows.append({
                T.COL_DATE: meta.created.date() if meta else None,
                **{T.DIMENSIONS[d]: texts.STATUS_LABELS[current[f"status_{d}"]] for d in schema.STATUS_DIMENSIONS},
                T.COL_PHASE: current["phase"],
                T.COL_DECISION_POINT: _text(current["last_decision_point"]) or T.EMPTY,
                T.COL_LEADER: _text(current["project_leader"]) or T.EMPTY,
                T.COL_CHANGES: "; ".join(changes(previous, current)),
                T.COL_AUTHOR: meta.author if meta else T.EMPTY,
            })
        previous = current
    columns = [T.COL_DATE, *T.DIMENSIONS.values(), T.COL_PHASE, T.COL_DECISION_POINT, T.COL_LEADER,
               T.COL_CHANGES, T.COL_AUTHOR]
    return pd.DataFrame(rows[::-1], columns=columns)


def change_log_markdown(ctx: SnapshotContext, hist: pd.DataFrame) -> str:
    """What changed in each snapshot, newest first, as a Markdown list."""
    rows = history_rows(ctx, hist)
    lines = [
        T.CHANGE_LOG_LINE.format(date=fmt.date(r[T.COL_DATE]), author=r[T.COL_AUTHOR], changes=r[T.COL_CHANGES])
        for r in rows.to_dict("records")
    ]
    return "\n".join(f"- {fmt.literal(line)}" for line in lines)


def history_columns() -> dict:
    return tables.config(
        statuses=list(T.DIMENSIONS.values()), dates=[T.COL_DATE],
        others={T.COL_CHANGES: st.column_config.TextColumn(width="large")},
    )


def history_caption(ctx: SnapshotContext, hist: pd.DataFrame) -> str:
    return T.HISTORY_CAPTION.format(date=fmt.date(ctx.meta.created), count=fmt.number(int(hist["is_present"].sum())))


def history_chart_data(ctx: SnapshotContext, hist: pd.DataFrame) -> pd.DataFrame:
    """Long form for the status history chart: one row per snapshot and dimension."""
    present = hist[hist["is_present"]].reset_index(drop=True)
    labels = snapshot_labels(ctx, present["snapshot_id"].tolist())
    rows = []
    for order, current in present.iterrows():
        label = labels[current["snapshot_id"]]
        for d_order, d in enumerate(schema.STATUS_DIMENSIONS):
            status = current[f"status_{d}"]
            rows.append({
                "snapshot_label": label, "snapshot_order": order,
                "dimension_label": T.DIMENSIONS[d], "dimension_order": d_order,
                "status": status, "status_label": texts.STATUS_LABELS[status],
            })
    return pd.DataFrame(rows)


def history_takeaway(hist: pd.DataFrame) -> str:
    statuses = hist.loc[hist["is_present"], "status_overall"].tolist()
    if not statuses:
        return ""
    current = statuses[-1]
    if len(statuses) == 1:
        return T.HISTORY_TAKEAWAY_ONE.format(current=texts.STATUS_LABELS[current].lower())
    streak = 0
    for status in reversed(statuses):
        if status != current:
            break
        streak += 1
    red = fmt.number(statuses.count("rød"))
    total = fmt.number(len(statuses))
    current_text = texts.STATUS_LABELS[current].lower()
    if streak == 1:
        return T.HISTORY_TAKEAWAY_CHANGED.format(
            current=current_text, previous=texts.STATUS_LABELS[statuses[-2]].lower(), red=red, total=total,
        )
    return T.HISTORY_TAKEAWAY.format(current=current_text, streak=fmt.number(streak), total=total, red=red)


# -- related initiatives ---------------------------------------------------------------

def related(ctx: SnapshotContext, initiative_id: str, row_limit: int = RELATED_LIMIT) -> pd.DataFrame:
    return query(ctx, "initiative_related", initiative_id=initiative_id, row_limit=row_limit)


def related_caption(rows: pd.DataFrame) -> str:
    return T.RELATED_CAPTION.format(shown=fmt.number(len(rows)), count=fmt.number(int(rows["relation_count"].iloc[0])))


def related_rows(ctx: SnapshotContext, rows: pd.DataFrame) -> pd.DataFrame:
    labels = texts.COLUMN_LABELS["initiatives"]
    return pd.DataFrame(
        {
            T.COL_NAME: rows["name"],
            T.COL_LINK: link_column(ctx, rows["initiative_id"]),
            T.COL_OVERALL: rows["status_overall"].map(texts.STATUS_LABELS),
            labels["phase"]: rows["phase"],
            T.COL_AREA: rows["owner_area"],
        }
    ).reset_index(drop=True)


def related_columns() -> dict:
    return tables.config(
        statuses=[T.COL_OVERALL],
        others={T.COL_LINK: st.column_config.LinkColumn(display_text=T.LINK_TEXT)},
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
    facts_markdown: str
    hist: pd.DataFrame  # initiative_history.sql (for `last_update`, which follows the settings)
    status: pd.DataFrame
    path_markdown: str
    path_sentence: str
    milestones: pd.DataFrame
    milestones_caption: str
    money: pd.DataFrame
    history_takeaway: str
    history_chart: dict  # Vega-Lite spec
    history: pd.DataFrame
    history_caption: str
    change_log: str
    related: list[Related]


def build_view(ctx: SnapshotContext, initiative_id: str) -> View:
    """Use through `ui.view(build_view, ctx, initiative_id)`: built once per
    snapshot and initiative, so a rerun only draws."""
    row = detail(ctx, initiative_id)
    hist = history(ctx, initiative_id)
    milestone_data = milestones(ctx, initiative_id)
    steps = decision_path(row, milestone_data)
    takeaway = history_takeaway(hist)
    related_rows_ = related(ctx, initiative_id)
    return View(
        row=row,
        facts_markdown=" · ".join(fmt.literal(f) for f in facts(row)),
        hist=hist,
        status=status_frame(row),
        path_markdown=path_markdown(steps),
        path_sentence=path_sentence(row, steps),
        milestones=milestone_rows(milestone_data) if not milestone_data.empty else milestone_data,
        milestones_caption=milestones_caption(ctx, milestone_data) if not milestone_data.empty else "",
        money=budget(ctx, initiative_id),
        history_takeaway=takeaway,
        history_chart=charts.spec(charts.status_history_heatmap(history_chart_data(ctx, hist), takeaway)),
        history=history_rows(ctx, hist),
        history_caption=history_caption(ctx, hist),
        change_log=change_log_markdown(ctx, hist),
        related=[
            Related(relation=str(relation), caption=related_caption(rows), rows=rows,
                    table=related_rows(ctx, rows))
            for relation, rows in related_rows_.groupby("relation", sort=False)
        ],
    )
