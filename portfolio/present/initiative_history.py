"""An initiative's history on its page: its statuses in every snapshot up to
the one shown, what changed in each and who saved it, and when it was last
updated (with a warning when that is long ago)."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pandas as pd

from portfolio import config, fmt, texts
from portfolio.model import schema
from portfolio.present import snapshots
from portfolio.present.columns import OVERALL_STATUS_PX, PHASE_PX, Columns
from portfolio.query.context import SnapshotContext, query
from portfolio.texts import initiative as T

# Fields whose change the history names, in this order
CHANGE_FIELDS = (
    "phase", "status_overall", "status_schedule", "status_budget", "status_quality", "status_risk",
    "project_leader", "project_owner", "owner_area", "end_date", "name",
)


def _text(value) -> str | None:
    return None if fmt.missing(value) or value == "" else str(value)


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

    def sentence(self) -> fmt.Markdown:
        """When and by whom (the author is data: made literal)."""
        days = T.DAYS_AGO.get(self.days) or fmt.markdown(T.DAYS_AGO_MANY, days=fmt.number(self.days))
        text = fmt.markdown(T.LAST_UPDATED, date=fmt.date(self.date), author=self.author, days=days)
        if self.what:
            text = fmt.join(" ", [text, fmt.markdown(T.LAST_UPDATED_WHAT, what=", ".join(self.what))])
        return text

    def stale_warning(self) -> fmt.Markdown:
        return fmt.markdown(T.STALE, days=fmt.number(self.days), date=fmt.date(self.date),
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
    if fmt.missing(value):
        return T.EMPTY
    if field.startswith("status_"):
        return texts.STATUS_LABELS.get(value, str(value))
    if field.endswith("_date"):
        return fmt.date(value)
    return str(value)


def _same(a, b) -> bool:
    if fmt.missing(a) and fmt.missing(b):
        return True
    if fmt.missing(a) or fmt.missing(b):
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


def change_log_markdown(ctx: SnapshotContext, hist: pd.DataFrame) -> fmt.Markdown:
    """What changed in each snapshot, newest first, as a Markdown list (each line made literal)."""
    rows = history_rows(ctx, hist)
    return fmt.join("\n", [
        fmt.markdown("- " + T.CHANGE_LOG_LINE, date=fmt.date(r[T.COL_DATE]), author=r[T.COL_AUTHOR],
                     changes=r[T.COL_CHANGES])
        for r in rows.to_dict("records")
    ])


def history_columns() -> Columns:
    """The initiative's history: on a phone each date with its overall status;
    on a laptop also the other statuses, the phase and what changed (wraps);
    decision point, leader and author behind «Vis alle kolonner»."""
    return Columns(statuses=tuple(T.DIMENSIONS.values()), dates=(T.COL_DATE,), wide=(T.COL_CHANGES,),
                   essential=(T.COL_DATE, T.DIMENSIONS["overall"]),
                   extra=(T.COL_DECISION_POINT, T.COL_LEADER, T.COL_AUTHOR),
                   wrap=(T.COL_CHANGES,),
                   widths={T.DIMENSIONS["overall"]: OVERALL_STATUS_PX, T.COL_PHASE: PHASE_PX, T.COL_CHANGES: 280})


def history_caption(ctx: SnapshotContext, hist: pd.DataFrame) -> str:
    return fmt.markdown(T.HISTORY_CAPTION, date=fmt.date(ctx.meta.created),
                        count=fmt.number(int(hist["is_present"].sum())))


def history_chart_data(ctx: SnapshotContext, hist: pd.DataFrame) -> pd.DataFrame:
    """Long form for the status history chart: one row per snapshot and dimension."""
    present = hist[hist["is_present"]].reset_index(drop=True)
    labels = snapshots.labels(ctx, present["snapshot_id"].tolist())
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
        return fmt.markdown(T.HISTORY_TAKEAWAY_ONE, current=texts.STATUS_LABELS[current].lower())
    streak = 0
    for status in reversed(statuses):
        if status != current:
            break
        streak += 1
    red = fmt.number(statuses.count("rød"))
    total = fmt.number(len(statuses))
    current_text = texts.STATUS_LABELS[current].lower()
    if streak == 1:
        return fmt.markdown(
            T.HISTORY_TAKEAWAY_CHANGED, current=current_text, previous=texts.STATUS_LABELS[statuses[-2]].lower(), red=red, total=total,
        )
    return fmt.markdown(T.HISTORY_TAKEAWAY, current=current_text, streak=fmt.number(streak), total=total, red=red)


