"""The words of the change engine's output: field labels, values as the
page shows them, the one-line summary, and the command line's report
(`python -m portfolio diff`)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd

from portfolio import fmt, texts
from portfolio.model import diff
from portfolio.store.snapshots import SnapshotMeta
from portfolio.texts import changes as T

C = T.COLUMNS
CLI_LINES = 200  # change lines printed by `diff` without --json
STATUS_RANK = {"grønn": 0, "gul": 1, "rød": 2}
OTHER_KINDS = ("field", "milestone_added", "milestone_removed", "milestone_reopened", "milestone_changed")
BUDGET_KINDS = diff.BUDGET_KINDS


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


def _count(key: str, count: int) -> fmt.Markdown:
    return fmt.markdown(T.SUMMARY_PARTS[key][0 if count == 1 else 1], count=fmt.number(count))


def _join(parts: list[fmt.Markdown]) -> fmt.Markdown:
    if len(parts) == 1:
        return parts[0]
    return fmt.markdown("{}" + T.SUMMARY["and"] + "{}", fmt.join(T.SUMMARY["separator"], parts[:-1]), parts[-1])


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


def summary_line(frame: pd.DataFrame, old: SnapshotMeta, new: SnapshotMeta, since_latest: bool) -> fmt.Markdown:
    """"Siden 17.11.2025: 3 tiltak endret status, 2 milepæler fullført og …"."""
    counts = summary_counts(frame)
    parts = [_count(key, n) for key, n in counts.items() if n]
    old_date, new_date = fmt.date(old.created), fmt.date(new.created)
    if not parts:
        if since_latest:
            return fmt.markdown(T.SUMMARY["nothing_since"], date=old_date)
        return fmt.markdown(T.SUMMARY["nothing_between"], old=old_date, new=new_date)
    if since_latest:
        return fmt.markdown(T.SUMMARY["since"], date=old_date, parts=_join(parts))
    return fmt.markdown(T.SUMMARY["between"], old=old_date, new=new_date, parts=_join(parts))



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
        C["field"]: [field_label(t, f) for t, f in zip(rows["table"], rows["field"], strict=False)],
        C["old"]: _formatted(rows["field"], rows["old"]),
        C["new"]: _formatted(rows["field"], rows["new"]),
        C["milestone_id"]: rows["milestone_id"].tolist(),
        C["year"]: pd.array(rows["year"].tolist(), dtype="Int64"),
        C["funding_source"]: rows["funding_source"].tolist(),
    })


def _formatted(fields: pd.Series, values: pd.Series) -> list[str]:
    memo: dict = {}
    out = []
    for field, value in zip(fields, values, strict=False):
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
