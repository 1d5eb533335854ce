"""The change engine: what changed between two snapshots of the portfolio.

`compare(old, new)` takes the tables of two snapshots (as returned by
`Store.read_frames`, or as built by the importer before a write) and returns
a list of `Change`s (portfolio/model/diff_change.py), one per changed value,
in a deterministic order. The Changes page, `python -m portfolio diff` and
the data-update preview all use it. Pure Python and pandas: no Streamlit, no
user-facing text.

Values are compared after normalisation (portfolio/model/diff_values.py), so
the same data compares equal however it was read: missing values (None, NaN,
NaT, pd.NA, empty text) are None, text is trimmed, dates are
`datetime.date`, list cells (lists or numpy arrays) are tuples, amounts are
`int`, decimal numbers `float`. `Change.old`/`Change.new` hold these values;
`Change.to_json()` gives JSON-friendly ones (ISO dates, lists).

Rows are matched by the table's key (schema.Table.key): initiative_id;
(initiative_id, year, funding_source); milestone_id. The governance
register's tables (decisions, checklist answers, risks, benefits, benefit
measurements) are compared in portfolio/model/diff_governance.py, the
collaboration tables (engagements, surveys, scores) in diff_collaboration.py.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import Counter
from typing import Any

import numpy as np
import pandas as pd

from portfolio.model import diff_collaboration, diff_decidim, diff_governance, schema
from portfolio.model.diff_change import (
    BUDGET_KINDS,
    COLLABORATION_KINDS,
    DECIDIM_KINDS,
    GOVERNANCE_KINDS,
    INITIATIVE_KINDS,
    KINDS,
    MILESTONE_KINDS,
    TABLE_KINDS,
    Change,
)
from portfolio.model.diff_values import changed_cells, json_value, match, normalize

__all__ = [
    "AMOUNT_FIELDS", "BUDGET_KINDS", "COLLABORATION_KINDS", "DECIDIM_KINDS", "GOVERNANCE_KINDS", "INITIATIVE_KINDS",
    "KINDS", "MILESTONE_KINDS",
    "STATUS_FIELDS", "TABLE_KINDS", "Change", "compare", "compare_snapshots", "json_value", "normalize",
    "summary", "to_frame",
]

AMOUNT_FIELDS = ("budget_nok", "actual_nok", "forecast_nok")
STATUS_FIELDS = tuple(f"status_{d}" for d in schema.STATUS_DIMENSIONS)


# -- comparison -----------------------------------------------------------------

def _initiative_kind(field: str) -> str:
    if field in STATUS_FIELDS:
        return "status"
    if field == "phase":
        return "phase"
    if field == "last_decision_point":
        return "decision_point"
    return "field"


def _initiatives(old: pd.DataFrame, new: pd.DataFrame) -> list[Change]:
    table = schema.INITIATIVES
    removed, added, both = match(table, old, new)
    changes = [
        Change(i, table.name, "name", None, name, "initiative_added")
        for i, name in zip(added["initiative_id"], added["name_new"], strict=False)
    ]
    changes += [
        Change(i, table.name, "name", name, None, "initiative_removed")
        for i, name in zip(removed["initiative_id"], removed["name_old"], strict=False)
    ]
    ids = both["initiative_id"].to_numpy()
    for row, field, old_value, new_value in changed_cells(table, both):
        changes.append(Change(ids[row], table.name, field, old_value, new_value, _initiative_kind(field)))
    return changes


def _amount_size(old: Any, new: Any) -> float:
    """How much an amount changed; a value that is not a number (invalid data
    in an import preview) counts as a change of any size."""
    try:
        return abs((new or 0) - (old or 0))
    except TypeError:
        return float("inf")


def _budgets(old: pd.DataFrame, new: pd.DataFrame, threshold: int) -> list[Change]:
    table = schema.BUDGETS

    def largest(rows: pd.DataFrame, suffix: str) -> np.ndarray:
        sizes = [
            [abs(v) if isinstance(v, int) else 0 for v in rows[f"{f}{suffix}"]] for f in AMOUNT_FIELDS
        ]
        return np.max(np.array(sizes, dtype=np.int64), axis=0) if len(rows) else np.array([], dtype=np.int64)

    removed, added, both = match(table, old, new)
    changes = []
    for rows, suffix, kind in ((added, "_new", "budget_added"), (removed, "_old", "budget_removed")):
        keep = largest(rows, suffix) >= threshold
        for (i, year, source, amount), ok in zip(
            rows[["initiative_id", "year", "funding_source", f"budget_nok{suffix}"]].itertuples(index=False),
            keep, strict=False,
        ):
            if ok:
                old_value, new_value = (None, amount) if kind == "budget_added" else (amount, None)
                changes.append(Change(i, table.name, "budget_nok", old_value, new_value, kind,
                                      year=int(year), funding_source=source))
    keys = both[["initiative_id", "year", "funding_source"]].to_numpy(dtype=object)
    for row, field, old_value, new_value in changed_cells(table, both):
        if field in AMOUNT_FIELDS and _amount_size(old_value, new_value) < threshold:
            continue
        i, year, source = keys[row]
        changes.append(Change(i, table.name, field, old_value, new_value, "budget_changed",
                              year=int(year), funding_source=source))
    return changes


def _milestone_kind(field: str, old: Any, new: Any) -> str:
    if field == "completed_date":
        if old is None:
            return "milestone_completed"
        if new is None:
            return "milestone_reopened"
    if field == "due_date":
        return "milestone_moved"
    return "milestone_changed"


def _is_overdue(due: Any, completed: Any, today: dt.date) -> bool:
    return completed is None and isinstance(due, dt.date) and due < today


def _milestones(old: pd.DataFrame, new: pd.DataFrame, today: dt.date, old_today: dt.date) -> list[Change]:
    table = schema.MILESTONES
    removed, added, both = match(table, old, new)
    changes = [
        Change(i, table.name, "title", None, title, "milestone_added", milestone_id=m)
        for m, i, title in zip(added["milestone_id"], added["initiative_id_new"], added["title_new"], strict=False)
    ]
    changes += [
        Change(i, table.name, "title", title, None, "milestone_removed", milestone_id=m)
        for m, i, title in zip(removed["milestone_id"], removed["initiative_id_old"], removed["title_old"], strict=False)
    ]
    ids, milestone_ids = both["initiative_id_new"].to_numpy(), both["milestone_id"].to_numpy()
    for row, field, old_value, new_value in changed_cells(table, both):
        changes.append(Change(ids[row], table.name, field, old_value, new_value,
                              _milestone_kind(field, old_value, new_value), milestone_id=milestone_ids[row]))
    # Newly overdue: open and due before today now, but not overdue on the old
    # snapshot's date (or not there at all).
    for due, done, i, m in zip(added["due_date_new"], added["completed_date_new"],
                               added["initiative_id_new"], added["milestone_id"], strict=False):
        if _is_overdue(due, done, today):
            changes.append(Change(i, table.name, "due_date", None, due, "milestone_newly_overdue", milestone_id=m))
    for old_due, old_done, due, done, i, m in zip(
        both["due_date_old"], both["completed_date_old"], both["due_date_new"], both["completed_date_new"],
        ids, milestone_ids, strict=False,
    ):
        if _is_overdue(due, done, today) and not _is_overdue(old_due, old_done, old_today):
            changes.append(Change(i, table.name, "due_date", old_due, due, "milestone_newly_overdue",
                                  milestone_id=m))
    return changes


def compare(
    old: dict[str, pd.DataFrame],
    new: dict[str, pd.DataFrame],
    *,
    today: dt.date | None = None,
    budget_threshold_nok: int = 0,
    old_today: dt.date | None = None,
) -> list[Change]:
    """Every change from `old` to `new`, sorted by initiative, table, kind and field.

    `today` is the date the new side is seen on (default: the real date);
    `old_today` the date of the old side (default: `today`), so that a
    milestone is "newly overdue" when it is open and due before `today` but
    was not overdue on `old_today`. Budget amount changes smaller than
    `budget_threshold_nok` are left out; an added or removed budget row counts
    as a change of its largest amount.
    """
    today = today or dt.date.today()
    old_today = old_today or today
    threshold = max(int(budget_threshold_nok or 0), 0)
    normalized = {
        side: {name: normalize(schema.TABLES[name], tables.get(name)) for name in schema.TABLE_NAMES}
        for side, tables in (("old", old), ("new", new))
    }
    o, n = normalized["old"], normalized["new"]
    changes = (
        _initiatives(o["initiatives"], n["initiatives"])
        + _budgets(o["budgets"], n["budgets"], threshold)
        + _milestones(o["milestones"], n["milestones"], today, old_today)
        + diff_governance.compare(o, n)
        + diff_collaboration.compare(o, n)
        + diff_decidim.compare(o, n)
    )
    return sorted(changes, key=lambda c: c.sort_key)


def compare_snapshots(
    store,
    old_id: str,
    new_id: str,
    *,
    today: dt.date | None = None,
    budget_threshold_nok: int = 0,
) -> list[Change]:
    """`compare` on two stored snapshots. The old side is seen on its own
    creation date; the new side on `today` (default: its creation date)."""
    old_meta, new_meta = store.get(old_id), store.get(new_id)
    return compare(
        store.read_frames(old_id),
        store.read_frames(new_id),
        today=today or new_meta.created.date(),
        old_today=old_meta.created.date(),
        budget_threshold_nok=budget_threshold_nok,
    )


def summary(changes: list[Change]) -> dict[str, int]:
    """How many changes of each kind (kinds with none are left out), in KINDS order."""
    counts = Counter(c.kind for c in changes)
    return {kind: counts[kind] for kind in KINDS if counts[kind]}


def to_frame(changes: list[Change]) -> pd.DataFrame:
    """The changes as a table: one row per change, the Change fields as columns."""
    columns = [f.name for f in dataclasses.fields(Change)]
    return pd.DataFrame([[getattr(c, name) for name in columns] for c in changes], columns=columns, dtype=object)
