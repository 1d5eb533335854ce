"""What the Changes page ("Endringer") and `python -m portfolio diff` show:
the changes between two snapshots (from portfolio.diff) with names, grouped
in sections, formatted in Norwegian, with a one-line summary.

Importing this module does not import Streamlit (the command line uses it);
the page's cache and filter query are set up on first use.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import urllib.parse
from collections.abc import Callable
from typing import Any

import pandas as pd

from portfolio import config, fmt, texts

from portfolio.model import diff
from portfolio.store.snapshots import SnapshotMeta, SnapshotNotFound, Store
from portfolio.texts import changes as T

# Query parameters of the page (the shown snapshot is ui.URL_SNAPSHOT)
URL_FROM = "from"
URL_SINCE = "since"
URL_THRESHOLD = "threshold"
INITIATIVE_PAGE = "initiative"
ALIASES = ("latest", "previous")

ROW_CAP = 100  # rows per section sent to the browser (as ui.TABLE_ROWS)
EARLIEST_DATE = dt.date(2000, 1, 1)  # the date picker's lower bound
CLI_LINES = 200  # change lines printed by `diff` without --json

STATUS_RANK = {"grønn": 0, "gul": 1, "rød": 2}
OTHER_KINDS = ("field", "milestone_added", "milestone_removed", "milestone_reopened", "milestone_changed")
BUDGET_KINDS = diff.BUDGET_KINDS
SECTION_KINDS = {
    "initiatives": ("initiative_added", "initiative_removed"),
    "status": ("status",),
    "phase": ("phase", "decision_point"),
    "completed": ("milestone_completed",),
    "moved": ("milestone_moved",),
    "overdue": ("milestone_newly_overdue",),
    "budget": BUDGET_KINDS,
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
    """The date a snapshot is seen on: today (or PORTFOLIO_TODAY) for the
    latest snapshot, its own date for an earlier one (as ui.snapshot_context)."""
    latest = store.latest()
    if latest is not None and latest.snapshot_id == meta.snapshot_id:
        return config.today()
    return meta.created.date()


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


# Widget keys of the page; their values live in the URL
MODES = ("snapshot", "date")
KEY_MODE, KEY_FROM, KEY_SINCE, KEY_THRESHOLD = "chg_mode", "chg_from", "chg_since", "chg_threshold"


def init_state(state, params, older: list[SnapshotMeta], newest_date: dt.date) -> list[str]:
    """Set the page's widgets from the link (`?from=<id>` or `?since=<date>`,
    `&threshold=<kr>`) the first time, and keep them valid when the shown
    snapshot changes. `older` are the snapshots to compare with, newest first.
    Returns messages about link values that could not be used."""
    messages = []
    ids = [m.snapshot_id for m in older]
    default_since = older[0].created.date()
    if KEY_MODE not in state:
        state[KEY_MODE] = "date" if params.get(URL_SINCE) else "snapshot"
    if KEY_FROM not in state:
        wanted = params.get(URL_FROM)
        if wanted is not None and wanted not in ids:
            messages.append(T.PAGE["from_unknown"].format(snapshot_id=wanted))
            wanted = None
        state[KEY_FROM] = wanted or ids[0]
    elif state[KEY_FROM] not in ids:
        state[KEY_FROM] = ids[0]
    if KEY_SINCE not in state:
        raw = params.get(URL_SINCE)
        since = parse_date(raw)
        if raw and since is None:
            messages.append(T.PAGE["since_invalid"].format(value=raw))
            state[KEY_MODE] = "snapshot"
        state[KEY_SINCE] = min(since or default_since, newest_date)
    elif state[KEY_SINCE] > newest_date:
        state[KEY_SINCE] = newest_date
    if KEY_THRESHOLD not in state:
        state[KEY_THRESHOLD] = parse_threshold(params.get(URL_THRESHOLD))
    return messages


def write_url(params, *, mode: str, from_id: str, default_from: str, since: dt.date, threshold: int) -> None:
    """Keep the comparison in the link. The default (the snapshot just before
    the shown one) and a zero threshold are left out."""
    if mode == "date":
        params.pop(URL_FROM, None)
        params[URL_SINCE] = since.isoformat()
    else:
        params.pop(URL_SINCE, None)
        if from_id == default_from:
            params.pop(URL_FROM, None)
        else:
            params[URL_FROM] = from_id
    if threshold:
        params[URL_THRESHOLD] = str(threshold)
    else:
        params.pop(URL_THRESHOLD, None)


# -- the changes, with names ---------------------------------------------------------

def build(store: Store, old_id: str, new_id: str, today: dt.date, threshold: int = 0) -> pd.DataFrame:
    """The changes from `old_id` to `new_id` as a table (diff.to_frame) with what
    the page needs beside them: initiative name, milestone title and due date,
    phase and status of added/removed initiatives, and the snapshot to link to."""
    old_meta, new_meta = store.get(old_id), store.get(new_id)
    old, new = store.read_frames(old_id), store.read_frames(new_id)
    changes = diff.compare(old, new, today=today, old_today=old_meta.created.date(),
                           budget_threshold_nok=threshold)
    frame = diff.to_frame(changes)

    def lookup(table: str, key: str, column: str) -> dict:
        values = dict(zip(old[table][key], old[table][column]))
        values.update(zip(new[table][key], new[table][column]))
        return values

    in_new = set(new["initiatives"]["initiative_id"])
    frame["name"] = frame["initiative_id"].map(lookup("initiatives", "initiative_id", "name"))
    frame["name"] = frame["name"].where(frame["name"].notna(), frame["initiative_id"])
    frame["milestone_title"] = frame["milestone_id"].map(lookup("milestones", "milestone_id", "title"))
    frame["milestone_due"] = frame["milestone_id"].map(lookup("milestones", "milestone_id", "due_date"))
    frame["initiative_phase"] = frame["initiative_id"].map(lookup("initiatives", "initiative_id", "phase"))
    frame["initiative_status"] = frame["initiative_id"].map(
        lookup("initiatives", "initiative_id", "status_overall")
    )
    latest_id = store.latest().snapshot_id
    links = {}
    for i in frame["initiative_id"].unique():
        side = new_id if i in in_new else old_id
        links[i] = initiative_link(i, None if side == latest_id else side)
    frame["link"] = frame["initiative_id"].map(links)
    # sort keys and derived values, computed once here (the result is cached)
    frame["sort_name"] = frame["name"].astype(str).str.casefold()
    frame["sort_title"] = frame["milestone_title"].fillna("").astype(str).str.casefold()
    is_status = (frame["kind"] == "status").to_numpy()
    frame["direction"] = [direction(o, n) if st_ else None
                          for o, n, st_ in zip(frame["old"], frame["new"], is_status)]
    is_budget = frame["table"].eq("budgets").to_numpy()
    frame["size"] = [_difference(o, n) if b else 0 for o, n, b in zip(frame["old"], frame["new"], is_budget)]
    frame.attrs.update(old_id=old_meta.snapshot_id, new_id=new_meta.snapshot_id, today=today,
                       old_today=old_meta.created.date(), threshold=threshold)
    return frame


@functools.cache
def _cached_build() -> Callable[..., pd.DataFrame]:
    import streamlit as st

    @st.cache_data(max_entries=32, show_spinner=False)
    def cached(root: str, old_id: str, new_id: str, today: dt.date, threshold: int) -> pd.DataFrame:
        from portfolio.web import ui

        return build(ui.store(root), old_id, new_id, today, threshold)

    return cached


def cached_changes(root: str, old_id: str, new_id: str, today: dt.date, threshold: int) -> pd.DataFrame:
    """`build`, cached per (old_id, new_id, today, threshold) across reruns and
    sessions: snapshots never change, so the result never goes stale."""
    return _cached_build()(root, old_id, new_id, today, threshold)


def filtered_ids(ctx, old_meta: SnapshotMeta, filters) -> set[str] | None:
    """Initiatives passing the portfolio filters in the shown snapshot or in the
    one compared with; None when no filter is set."""
    if filters.is_empty:
        return None
    import dataclasses

    from portfolio.web import ui

    ids: set[str] = set()
    for meta in (ctx.meta, old_meta):
        side = dataclasses.replace(ctx, meta=meta)
        ids.update(ui.query(side, "changes_filtered_ids", filters=filters.as_param())["initiative_id"])
    return ids


def apply_filter(frame: pd.DataFrame, ids: set[str] | None) -> pd.DataFrame:
    return frame if ids is None else frame[frame["initiative_id"].isin(ids)]


def initiative_link(initiative_id: str, snapshot_id: str | None = None) -> str:
    """A link to the initiative page, relative to the app (`initiative?initiative=<id>`)."""
    params = {"initiative": initiative_id}
    if snapshot_id:
        params["snapshot"] = snapshot_id
    return f"{INITIATIVE_PAGE}?{urllib.parse.urlencode(params)}"


# -- words ----------------------------------------------------------------------------

def field_label(table: str, field: str) -> str:
    return texts.COLUMN_LABELS.get(table, {}).get(field, field)


def format_value(field: str, value: Any) -> str:
    """A changed value as the page shows it: dates 22.11.2026, amounts
    1 234 kr, statuses as words, lists joined, yes/no."""
    if value is None:
        return T.EMPTY
    if isinstance(value, tuple):
        return ", ".join(str(v) for v in value) if value else T.EMPTY
    if isinstance(value, bool):
        return T.YES_NO[value]
    if isinstance(value, dt.date):
        return fmt.date(value)
    if field in diff.AMOUNT_FIELDS and isinstance(value, int):
        return fmt.kr(value)
    if field in diff.STATUS_FIELDS:
        return texts.STATUS_LABELS.get(value, str(value))
    return str(value)


def days(delta: int, signed: bool = False) -> str:
    sign = "+" if signed and delta > 0 else ("−" if delta < 0 else "")
    form = T.DAYS["one"] if abs(delta) == 1 else T.DAYS["many"]
    return form.format(sign=sign, count=fmt.number(abs(delta)))


def direction(old: Any, new: Any) -> str:
    if old in STATUS_RANK and new in STATUS_RANK:
        return "worse" if STATUS_RANK[new] > STATUS_RANK[old] else "better"
    return "changed"


def _count(key: str, count: int) -> str:
    one, many = T.SUMMARY_PARTS[key]
    return (one if count == 1 else many).format(count=fmt.number(count))


def _join(parts: list[str]) -> str:
    s = T.SUMMARY
    return parts[0] if len(parts) == 1 else s["separator"].join(parts[:-1]) + s["and"] + parts[-1]


def summary_counts(frame: pd.DataFrame) -> dict[str, int]:
    """The numbers in the summary line: initiatives (distinct) for initiative
    changes, rows for milestones and budgets."""
    kinds = frame["kind"]
    per_initiative = {
        key: int(frame.loc[kinds == key, "initiative_id"].nunique())
        for key in ("initiative_added", "initiative_removed", "status", "phase", "decision_point")
    }
    return {
        **per_initiative,
        "milestone_completed": int((kinds == "milestone_completed").sum()),
        "milestone_moved": int((kinds == "milestone_moved").sum()),
        "milestone_newly_overdue": int((kinds == "milestone_newly_overdue").sum()),
        "budget": int(kinds.isin(BUDGET_KINDS).sum()),
        "other": int(kinds.isin(OTHER_KINDS).sum()),
    }


def summary_line(frame: pd.DataFrame, old: SnapshotMeta, new: SnapshotMeta, since_latest: bool) -> str:
    """"Siden 17.11.2025: 3 tiltak endret status, 2 milepæler fullført og …"."""
    counts = summary_counts(frame)
    parts = [_count(key, n) for key, n in counts.items() if n]
    old_date, new_date = fmt.date(old.created), fmt.date(new.created)
    s = T.SUMMARY
    if not parts:
        return s["nothing_since"].format(date=old_date) if since_latest else s["nothing_between"].format(
            old=old_date, new=new_date)
    if since_latest:
        return s["since"].format(date=old_date, parts=_join(parts))
    return s["between"].format(old=old_date, new=new_date, parts=_join(parts))


def snapshot_label(meta: SnapshotMeta) -> str:
    return f"{fmt.date(meta.created)} – {meta.note}" if meta.note else fmt.date(meta.created)


# -- what the page draws ---------------------------------------------------------------

SECTIONS = ("initiatives", "status", "phase", "completed", "moved", "overdue", "budget", "other")


@dataclasses.dataclass(frozen=True)
class View:
    """The Changes page for one pair of snapshots, threshold and filters."""

    frame: pd.DataFrame  # every change, filtered (the download)
    summary: str
    status_caption: str | None
    sections: dict[str, tuple[pd.DataFrame, int]]  # section → (capped table, total rows)


def build_view(ctx, old_id: str, threshold: int, filters) -> View:
    """Use through `ui.view(build_view, ctx, old_id, threshold, filters)`:
    built once per snapshot pair, threshold and filters."""
    old = next(m for m in ctx.snapshots if m.snapshot_id == old_id)
    frame = cached_changes(str(ctx.store.root), old_id, ctx.snapshot_id, ctx.today, threshold)
    frame = apply_filter(frame, filtered_ids(ctx, old, filters))
    sections = {
        "initiatives": new_and_removed(frame),
        "status": status_changes(frame),
        "phase": phase_changes(frame),
        "completed": milestones_completed(frame),
        "moved": milestones_moved(frame),
        "overdue": milestones_overdue(frame, ctx.today),
        "budget": budget_changes(frame),
        "other": other_changes(frame),
    }
    return View(
        frame=frame,
        summary=summary_line(frame, old, ctx.meta, ctx.is_latest),
        status_caption=status_caption(frame) if len(section_rows(frame, "status")) else None,
        sections=sections,
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
        parts.append(T.PAGE["section_status_part_other" if other else "section_status_part"].format(
            dimension=field_label("initiatives", field), other=fmt.number(other),
            worse=fmt.number(int(counts.get("worse", 0))), better=fmt.number(int(counts.get("better", 0))),
        ))
    return T.PAGE["section_status_caption"].format(parts="; ".join(parts))


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
        C["budget_line"]: [T.BUDGET_LINE.format(year=y, source=f) for y, f in zip(rows["year"], rows["funding_source"])],
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


def what(r) -> str:
    """What a change is about: the initiative, a milestone or a budget line."""
    if r.table == "milestones":
        title = r.milestone_title if isinstance(r.milestone_title, str) else r.milestone_id
        return T.WHAT["milestones"].format(title=title)
    if r.table == "budgets":
        return T.WHAT["budgets"].format(year=r.year, source=r.funding_source)
    return T.WHAT["initiatives"]


def export_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """Every change, one row each, with Norwegian headers (the download)."""
    rows = frame
    return pd.DataFrame({
        C["initiative_id"]: rows["initiative_id"].tolist(),
        C["initiative"]: rows["name"].tolist(),
        C["kind"]: rows["kind"].map(T.KIND_LABELS).tolist(),
        C["what"]: [what(r) for r in rows.itertuples(index=False)],
        C["field"]: [field_label(t, f) for t, f in zip(rows["table"], rows["field"])],
        C["old"]: _formatted(rows["field"], rows["old"]),
        C["new"]: _formatted(rows["field"], rows["new"]),
        C["milestone_id"]: rows["milestone_id"].tolist(),
        C["year"]: pd.array(rows["year"].tolist(), dtype="Int64"),
        C["funding_source"]: rows["funding_source"].tolist(),
    })


def _formatted(fields: pd.Series, values: pd.Series) -> list[str]:
    memo: dict = {}
    out = []
    for field, value in zip(fields, values):
        key = (field, type(value), value)
        try:
            text = memo[key]
        except KeyError:
            text = memo[key] = format_value(field, value)
        except TypeError:  # unhashable: never the case for normalised values
            text = format_value(field, value)
        out.append(text)
    return out


def describe(r) -> str:
    """One change as a line of text, for the command line."""
    subject = f"{r.name} ({r.initiative_id})"
    label = T.KIND_LABELS[r.kind]
    if r.kind in ("initiative_added", "initiative_removed"):
        return f"{subject}: {label}"
    detail = what(r) if r.table != "initiatives" else field_label(r.table, r.field)
    if r.table != "initiatives" and r.kind not in ("budget_added", "budget_removed", "milestone_added",
                                                    "milestone_removed"):
        detail = f"{detail}, {field_label(r.table, r.field)}"
    change = T.ARROW.format(old=format_value(r.field, r.old), new=format_value(r.field, r.new))
    return f"{subject}: {label} – {detail}: {change}"


def cli_report(frame: pd.DataFrame, old: SnapshotMeta, new: SnapshotMeta, since_latest: bool) -> list[str]:
    """The readable report of `python -m portfolio diff` without --json."""
    cli = T.CLI
    lines = [
        cli["header"].format(old=fmt.date(old.created), old_id=old.snapshot_id,
                             new=fmt.date(new.created), new_id=new.snapshot_id),
        summary_line(frame, old, new, since_latest),
    ]
    counts = frame["kind"].value_counts()
    if len(frame):
        lines += ["", cli["counts"]]
        lines += [f"  {T.KIND_LABELS[k]}: {fmt.number(int(counts[k]))}" for k in diff.KINDS if k in counts]
        lines += ["", cli["changes"]]
        lines += [f"  {describe(r)}" for r in frame.head(CLI_LINES).itertuples(index=False)]
        if len(frame) > CLI_LINES:
            lines.append(cli["more"].format(count=fmt.number(len(frame) - CLI_LINES)))
    return lines
