"""What the Changes page ("Endringer") and `python -m portfolio diff` show:
the changes between two snapshots (from portfolio.diff) with names, grouped
in sections, formatted in Norwegian, with a one-line summary.

The words (labels, values, the summary line, the command line's report) are
in `change_words`; the sections about the governance register (decisions,
checklists, risks, benefits) and collaboration in `change_governance`; the page's widgets and
cache in portfolio.web.changes.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

import numpy as np
import pandas as pd

from portfolio import fmt, texts
from portfolio.model import diff
from portfolio.present import change_governance, change_read, change_summary
from portfolio.present import links as page_links
from portfolio.present.change_words import (
    BUDGET_KINDS,
    DECIDIM_TABLES,
    OTHER_KINDS,
    days,
    direction,
    field_label,
    format_value,
    summary_line,
    what,
)
from portfolio.present.filters import passing_ids
from portfolio.query.context import SnapshotContext
from portfolio.query.context import today_for as today_for_snapshot
from portfolio.query.runner import Filters
from portfolio.store.snapshots import SnapshotMeta, SnapshotNotFound, Store
from portfolio.texts import changes as T

# Query parameters of the page (the shown snapshot is ui.URL_SNAPSHOT)
URL_FROM = "from"
URL_SINCE = "since"
URL_THRESHOLD = "threshold"
ALIASES = ("latest", "previous")

ROW_CAP = 100  # rows per section sent to the browser (as ui.TABLE_ROWS)
SUMMARY_CAP = 25  # initiatives summarised on the page, worst first
EARLIEST_DATE = dt.date(2000, 1, 1)  # the date picker's lower bound

SECTION_KINDS = {
    "initiatives": ("initiative_added", "initiative_removed"),
    "status": ("status",),
    "phase": ("phase", "decision_point"),
    "completed": ("milestone_completed",),
    "moved": ("milestone_moved",),
    "overdue": ("milestone_newly_overdue",),
    "budget": BUDGET_KINDS,
    **change_governance.SECTION_KINDS,
    "other": OTHER_KINDS,
}
C = T.COLUMNS


# -- choosing the two snapshots --------------------------------------------------

def resolve(store: Store, ref: str) -> SnapshotMeta:
    """A snapshot by id, or "latest" / "previous". Raises SnapshotNotFound."""
    metas = store.list()
    if ref == "latest":
        if not metas:
            raise SnapshotNotFound(ref)
        return metas[-1]
    if ref == "previous":
        if len(metas) < 2:
            raise SnapshotNotFound(ref)
        return metas[-2]
    return store.get(ref)


def today_for(store: Store, meta: SnapshotMeta) -> dt.date:
    """The date a snapshot is seen on (query.context.today_for, as
    ui.snapshot_context): today, PORTFOLIO_TODAY or on demo data its own date
    for the latest snapshot; its own date for an earlier one."""
    latest = store.latest()
    return today_for_snapshot(meta, is_latest=latest is not None and latest.snapshot_id == meta.snapshot_id)


def older_than(metas: list[SnapshotMeta], new: SnapshotMeta) -> list[SnapshotMeta]:
    """The snapshots before `new`, newest first (the choices to compare with)."""
    return [m for m in reversed(metas) if (m.created_at, m.snapshot_id) < (new.created_at, new.snapshot_id)]


def snapshot_on_or_before(metas: list[SnapshotMeta], day: dt.date) -> SnapshotMeta | None:
    """The newest snapshot made on `day` or earlier (None when there is none)."""
    found = [m for m in metas if m.created.date() <= day]
    return found[-1] if found else None


def parse_threshold(value: str | None) -> int:
    try:
        return max(int(value), 0) if value is not None else 0
    except ValueError:
        return 0


def parse_date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


# -- the changes, with names ---------------------------------------------------------

def build(store: Store, old_id: str, new_id: str, today: dt.date, threshold: int = 0, *,
          whole: bool = False) -> pd.DataFrame:
    """The changes from `old_id` to `new_id` as a table (diff.to_frame) with what
    the page needs beside them: initiative name, milestone title and due date,
    phase and status of added/removed initiatives, and the snapshot to link to.

    The change engine runs on the rows of the two snapshots that can make a
    change (change_read.narrowed); `whole` runs it on both snapshots read
    whole instead, the same changes at far more cost (the reference for
    tests and bench)."""
    old_meta, new_meta = store.get(old_id), store.get(new_id)
    pair = change_read.whole(store, old_meta, new_meta) if whole else change_read.narrowed(
        store, old_meta, new_meta, today)
    changes = diff.compare(pair.old, pair.new, today=today, old_today=old_meta.created.date(),
                           budget_threshold_nok=threshold)
    frame = diff.to_frame(changes)
    old_initiatives, new_initiatives = pair.initiatives(frame["initiative_id"])
    tables = {"initiatives": (old_initiatives, new_initiatives),  # the initiatives the changes name
              "milestones": (pair.old["milestones"], pair.new["milestones"])}  # every milestone one names

    def lookup(keys: pd.Series, table: str, key: str, column: str) -> pd.Series:
        """Each key's value in the new snapshot, else in the old one, in the column's dtype."""
        rows = pd.concat([side[[key, column]] for side in tables[table]], ignore_index=True)
        values = rows.drop_duplicates(key, keep="last").set_index(key)[column]
        return keys.map(values) if len(values) else pd.Series(np.nan, index=keys.index, dtype=values.dtype)

    in_new = set(new_initiatives["initiative_id"])
    frame["name"] = lookup(frame["initiative_id"], "initiatives", "initiative_id", "name")
    frame["name"] = frame["name"].where(frame["name"].notna(), frame["initiative_id"])
    frame.loc[frame["initiative_id"] == "", "name"] = T.NO_INITIATIVE  # a kommunalområde's survey
    frame.loc[(frame["initiative_id"] == "") & frame["table"].isin(DECIDIM_TABLES), "name"] = T.NO_INITIATIVE_DECIDIM
    frame["milestone_title"] = lookup(frame["milestone_id"], "milestones", "milestone_id", "title")
    frame["milestone_due"] = lookup(frame["milestone_id"], "milestones", "milestone_id", "due_date")
    frame["initiative_phase"] = lookup(frame["initiative_id"], "initiatives", "initiative_id", "phase")
    frame["initiative_status"] = lookup(frame["initiative_id"], "initiatives", "initiative_id", "status_overall")
    latest_id = store.latest().snapshot_id
    links = {}
    for i in frame["initiative_id"].unique():
        side = new_id if i in in_new else old_id
        links[i] = page_links.initiative(i, None if side == latest_id else side) if i else None
    frame["link"] = frame["initiative_id"].map(links)
    # sort keys and derived values, computed once here (the result is cached)
    frame["sort_name"] = frame["name"].astype(str).str.casefold()
    titles = change_governance.titles(frame, frame["milestone_title"])  # a governance row: its title
    frame["sort_title"] = titles.fillna("").astype(str).str.casefold()
    is_status = (frame["kind"] == "status").to_numpy()
    frame["direction"] = [direction(o, n) if st_ else None
                          for o, n, st_ in zip(frame["old"], frame["new"], is_status, strict=False)]
    is_budget = frame["table"].eq("budgets").to_numpy()
    frame["size"] = [_difference(o, n) if b else 0 for o, n, b in zip(frame["old"], frame["new"], is_budget, strict=False)]
    frame.attrs.update(old_id=old_meta.snapshot_id, new_id=new_meta.snapshot_id, today=today,
                       old_today=old_meta.created.date(), threshold=threshold)
    return frame


def filtered_ids(ctx: SnapshotContext, old_meta: SnapshotMeta, filters: Filters) -> set[str] | None:
    """Initiatives passing the portfolio filters in the shown snapshot or in the
    one compared with; None when no filter is set."""
    if filters.is_empty:
        return None
    ids: set[str] = set()
    for meta in (ctx.meta, old_meta):
        ids.update(passing_ids(ctx.on(meta), filters).to_pylist())
    return ids


def apply_filter(frame: pd.DataFrame, ids: set[str] | None) -> pd.DataFrame:
    return frame if ids is None else frame[frame["initiative_id"].isin(ids)]


# -- what the page draws ---------------------------------------------------------------

SECTIONS = ("initiatives", "status", "phase", "completed", "moved", "overdue", "budget",
            *change_governance.SECTIONS, "other")


@dataclasses.dataclass(frozen=True)
class View:
    """The Changes page for one pair of snapshots, threshold and filters."""

    frame: pd.DataFrame  # every change, filtered (the download)
    summary: str
    status_caption: str | None
    sections: dict[str, tuple[pd.DataFrame, int]]  # section → (capped table, total rows)
    summaries: tuple[change_summary.InitiativeSummary, ...] = ()  # worst first, at most SUMMARY_CAP
    summary_total: int = 0  # initiatives with changes


def build_view(ctx: SnapshotContext, old_id: str, frame: pd.DataFrame, filters: Filters) -> View:
    """The page for the changes `frame` (from `build`, old_id → the shown
    snapshot), with the portfolio filters applied."""
    old = next(m for m in ctx.snapshots if m.snapshot_id == old_id)
    frame = apply_filter(frame, filtered_ids(ctx, old, filters))
    sections = {
        "initiatives": new_and_removed(frame),
        "status": status_changes(frame),
        "phase": phase_changes(frame),
        "completed": milestones_completed(frame),
        "moved": milestones_moved(frame),
        "overdue": milestones_overdue(frame, ctx.today),
        "budget": budget_changes(frame),
        **{section: governance_changes(frame, section) for section in change_governance.SECTIONS},
        "other": other_changes(frame),
    }
    return View(
        frame=frame,
        summary=summary_line(frame, old, ctx.meta, ctx.is_latest),
        status_caption=status_caption(frame) if len(section_rows(frame, "status")) else None,
        sections=sections,
        summaries=tuple(change_summary.summarise(frame, SUMMARY_CAP)),
        summary_total=int(frame["initiative_id"].nunique()),
    )


# -- the sections --------------------------------------------------------------------

def section_rows(frame: pd.DataFrame, section: str) -> pd.DataFrame:
    return frame[frame["kind"].isin(SECTION_KINDS[section])]


def _capped(rows: pd.DataFrame, sort_by: list[str], limit: int | None,
            ascending: bool | list[bool] = True) -> tuple[pd.DataFrame, int]:
    total = len(rows)
    rows = rows.sort_values(sort_by, kind="stable", ascending=ascending)
    return (rows if limit is None else rows.head(limit)), total


def _table(rows: pd.DataFrame, columns: dict[str, Any]) -> pd.DataFrame:
    """A display table: Norwegian headers, one value per column (lists of
    values or callables on a row), starting with the initiative and its link."""
    data = {C["initiative"]: rows["name"].astype(str).tolist(), C["link"]: rows["link"].tolist()}
    for header, values in columns.items():
        data[header] = [values(r) for r in rows.itertuples(index=False)] if callable(values) else values
    return pd.DataFrame(data)


def new_and_removed(frame: pd.DataFrame, limit: int | None = ROW_CAP) -> tuple[pd.DataFrame, int]:
    rows, total = _capped(section_rows(frame, "initiatives"), ["kind", "sort_name"], limit)
    return _table(rows, {
        C["change"]: lambda r: T.ADDED_REMOVED[r.kind],
        C["phase"]: lambda r: r.initiative_phase or T.EMPTY,
        C["status"]: lambda r: texts.STATUS_LABELS.get(r.initiative_status, T.EMPTY),
    }), total


def status_changes(frame: pd.DataFrame, limit: int | None = ROW_CAP) -> tuple[pd.DataFrame, int]:
    """Status changes, per dimension, worse before better: "Gul → Rød"."""
    rows = section_rows(frame, "status")
    order = {"worse": 0, "changed": 1, "better": 2}
    rows = rows.assign(
        _dimension=rows["field"].map({f: i for i, f in enumerate(diff.STATUS_FIELDS)}),
        _direction=rows["direction"].map(order),
    )
    rows, total = _capped(rows, ["_dimension", "_direction", "sort_name"], limit)
    return _table(rows, {
        C["dimension"]: lambda r: field_label("initiatives", r.field),
        C["old"]: lambda r: format_value(r.field, r.old),
        C["new"]: lambda r: format_value(r.field, r.new),
        C["change"]: lambda r: T.ARROW.format(old=format_value(r.field, r.old), new=format_value(r.field, r.new)),
        C["direction"]: lambda r: T.DIRECTIONS[r.direction],
    }), total


def status_caption(frame: pd.DataFrame) -> str:
    rows = section_rows(frame, "status")
    parts = []
    for field in diff.STATUS_FIELDS:
        dim = rows[rows["field"] == field]
        if dim.empty:
            continue
        counts = dim["direction"].value_counts()
        other = int(counts.get("changed", 0))
        parts.append(fmt.markdown(
            T.PAGE["section_status_part_other" if other else "section_status_part"],
            dimension=field_label("initiatives", field), other=fmt.number(other),
            worse=fmt.number(int(counts.get("worse", 0))), better=fmt.number(int(counts.get("better", 0))),
        ))
    return fmt.markdown(T.PAGE["section_status_caption"], parts=fmt.join("; ", parts))


def phase_changes(frame: pd.DataFrame, limit: int | None = ROW_CAP) -> tuple[pd.DataFrame, int]:
    rows = section_rows(frame, "phase")
    rows = rows.assign(_kind=rows["kind"].map({k: i for i, k in enumerate(SECTION_KINDS["phase"])}))
    rows, total = _capped(rows, ["sort_name", "_kind"], limit)
    return _table(rows, {
        C["change"]: lambda r: field_label("initiatives", r.field),
        C["old"]: lambda r: format_value(r.field, r.old),
        C["new"]: lambda r: format_value(r.field, r.new),
    }), total


def milestones_completed(frame: pd.DataFrame, limit: int | None = ROW_CAP) -> tuple[pd.DataFrame, int]:
    rows, total = _capped(section_rows(frame, "completed"), ["sort_name", "sort_title"], limit)
    return _table(rows, {
        C["milestone"]: rows["milestone_title"].tolist(),
        C["due_date"]: lambda r: format_value("due_date", r.milestone_due),
        C["completed_date"]: lambda r: format_value("completed_date", r.new),
    }), total


def milestones_moved(frame: pd.DataFrame, limit: int | None = ROW_CAP) -> tuple[pd.DataFrame, int]:
    rows, total = _capped(section_rows(frame, "moved"), ["sort_name", "sort_title"], limit)

    def moved(r) -> str:
        both = isinstance(r.old, dt.date) and isinstance(r.new, dt.date)
        return days((r.new - r.old).days, signed=True) if both else T.EMPTY

    return _table(rows, {
        C["milestone"]: rows["milestone_title"].tolist(),
        C["old_due"]: lambda r: format_value("due_date", r.old),
        C["new_due"]: lambda r: format_value("due_date", r.new),
        C["moved_days"]: moved,
    }), total


def milestones_overdue(frame: pd.DataFrame, today: dt.date, limit: int | None = ROW_CAP) -> tuple[pd.DataFrame, int]:
    rows, total = _capped(section_rows(frame, "overdue"), ["sort_name", "sort_title"], limit)
    return _table(rows, {
        C["milestone"]: rows["milestone_title"].tolist(),
        C["due_date"]: lambda r: format_value("due_date", r.new),
        C["overdue_days"]: lambda r: days((today - r.new).days) if isinstance(r.new, dt.date) else T.EMPTY,
    }), total


def budget_changes(frame: pd.DataFrame, limit: int | None = ROW_CAP) -> tuple[pd.DataFrame, int]:
    rows, total = _capped(section_rows(frame, "budget"), ["size", "sort_name", "year", "funding_source"], limit,
                          ascending=[False, True, True, True])

    def change(r) -> str:
        if r.kind in ("budget_added", "budget_removed"):
            return T.KIND_LABELS[r.kind]
        return field_label("budgets", r.field)

    def difference(r) -> str:
        if r.field not in diff.AMOUNT_FIELDS:
            return T.EMPTY
        delta = (r.new or 0) - (r.old or 0)
        return ("+" if delta > 0 else "") + fmt.kr(delta)

    return _table(rows, {
        C["budget_line"]: [T.BUDGET_LINE.format(year=y, source=f) for y, f in zip(rows["year"], rows["funding_source"], strict=False)],
        C["change"]: change,
        C["old"]: lambda r: format_value(r.field, r.old),
        C["new"]: lambda r: format_value(r.field, r.new),
        C["difference"]: difference,
    }), total


def _difference(old: Any, new: Any) -> int:
    try:
        return abs((new or 0) - (old or 0))
    except TypeError:
        return 0


def other_changes(frame: pd.DataFrame, limit: int | None = ROW_CAP) -> tuple[pd.DataFrame, int]:
    rows, total = _capped(section_rows(frame, "other"), ["sort_name", "table", "sort_title"], limit)
    return _table(rows, {
        C["what"]: [what(r) for r in rows.itertuples(index=False)],
        C["change"]: lambda r: T.KIND_LABELS[r.kind],
        C["field"]: lambda r: field_label(r.table, r.field),
        C["old"]: lambda r: format_value(r.field, r.old),
        C["new"]: lambda r: format_value(r.field, r.new),
    }), total


def governance_changes(frame: pd.DataFrame, section: str, limit: int | None = ROW_CAP) -> tuple[pd.DataFrame, int]:
    """Decisions, checklist answers, risks or benefits and their measurements
    (change_governance.SECTIONS): per initiative, by kind, then by title."""
    rows = section_rows(frame, section)
    rows, total = _capped(rows.assign(_kind=rows["kind"].map(change_governance.KIND_ORDER)),
                          ["sort_name", "_kind", "sort_title"], limit)
    return _table(rows, change_governance.columns(rows, section)), total
