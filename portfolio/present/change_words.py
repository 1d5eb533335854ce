"""The words of the change engine's output: field labels, values as the
page shows them, the one-line summary, and the command line's report
(`python -m portfolio diff`)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np
import pandas as pd
from babel.numbers import format_decimal

from portfolio import fmt, texts
from portfolio.model import collaboration, diff, schema
from portfolio.store.snapshots import SnapshotMeta
from portfolio.texts import changes as T

C = T.COLUMNS
CLI_LINES = 200  # change lines printed by `diff` without --json
STATUS_RANK = {"grønn": 0, "gul": 1, "rød": 2}
OTHER_KINDS = ("field", "milestone_added", "milestone_removed", "milestone_reopened", "milestone_changed")
BUDGET_KINDS = diff.BUDGET_KINDS
GOVERNANCE_TABLES = frozenset(schema.GOVERNANCE_TABLES)
# The tables whose changes name their rows by key and facts: the governance register, collaboration, Decidim
REGISTER_TABLES = frozenset((*schema.REGISTER_TABLES, *schema.DECIDIM_TABLES, "decidim_links"))
DECIDIM_TABLES = frozenset((*schema.DECIDIM_TABLES, "decidim_links"))
DECIDIM_ADDED_KINDS = tuple(k for k in diff.DECIDIM_KINDS if k.endswith("_added") and k != "decidim_link_added")
# The register's kinds counted on their own in the summary line (the rest count as "other")
CHECKLIST_ANSWER_KINDS = ("checklist_answer_added", "checklist_answer_changed")
COUNTED_GOVERNANCE_KINDS = ("decision_added", *CHECKLIST_ANSWER_KINDS, "risk_added", "risk_score_moved",
                            "risk_closed", "benefit_measured", "engagement_added", "collaboration_score_moved",
                            "decidim_result_progress", "decidim_result_status", *DECIDIM_ADDED_KINDS)
# Kinds of an added or removed row: the command line names the row, not the field
ADDED_REMOVED_KINDS = frozenset(k for k in diff.KINDS if k.endswith(("_added", "_removed")) or k == "benefit_measured")


def field_label(table: str, field: str) -> str:
    return texts.COLUMN_LABELS.get(table, {}).get(field) or T.FIELD_LABELS.get(table, {}).get(field, field)


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
    if field == "progress" and isinstance(value, (int, float)):  # a Decidim result's progress
        return T.PERCENT.format(value=decimal(value))
    if isinstance(value, float):
        return decimal(value)
    if field in diff.AMOUNT_FIELDS and isinstance(value, int):
        return fmt.kr(value)
    if field in diff.STATUS_FIELDS:
        return texts.STATUS_LABELS.get(value, str(value))
    return str(value)


def decimal(value: float | int) -> str:
    """A decimal number in Norwegian: 12 → "12", 12.5 → "12,5", 1234.25 → "1 234,25"."""
    return format_decimal(value, format="#,##0.##", locale=fmt.LOCALE)


def measure(value: Any, unit: Any) -> str:
    """A measured value in its unit: "1 200 kr", "12,5 %", "40 timer", "42"."""
    if value is None:
        return T.EMPTY
    text = decimal(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else str(value)
    return T.UNIT_VALUES.get(unit, "{value}").format(value=text)


def achievement_text(percent: Any) -> str:
    """A benefit's achievement (diff_governance.achievement) as "40 %"; "–" when unknown."""
    return T.EMPTY if percent is None or fmt.missing(percent) else T.ACHIEVEMENT.format(percent=decimal(round(percent)))


def risk_cell(probability: Any, consequence: Any, score: Any) -> str:
    """A risk's place in the matrix: "sannsynlighet 3 × konsekvens 4 = 12"."""
    if probability is None and consequence is None:
        return T.EMPTY
    return T.RISK_CELL.format(probability=format_value("probability", probability),
                              consequence=format_value("consequence", consequence), score=format_value("score", score))


def decided(f: dict) -> str:
    """Who decided when, at which decision point: "KDL 18.10.2021, BP1" (a decision's facts)."""
    point = f.get("decision_point")
    values = dict(body=f.get("body") or T.EMPTY, date=format_value("decided_on", f.get("decided_on")),
                  decision_point=point)
    return (T.DECIDED_AT if point else T.DECIDED).format(**values)


def facts(r) -> dict:
    """A change's facts (diff.Change.facts) as a dict; a row of the changes frame or a Change."""
    value = getattr(r, "facts", ())
    return dict(value) if isinstance(value, tuple) else {}


def key(r) -> dict:
    """A governance change's row key (diff.Change.key) as a dict."""
    value = getattr(r, "key", ())
    return dict(value) if isinstance(value, tuple) else {}


def values(r) -> tuple[str, str]:
    """A change's before and after as the page shows them: a risk moved in the
    matrix as its two cells, a collaboration score's mean only when enough
    answered (collaboration.shown), any other value by format_value."""
    if r.kind == "risk_score_moved":
        f = facts(r)
        return (risk_cell(f.get("old_probability"), f.get("old_consequence"), r.old),
                risk_cell(f.get("probability"), f.get("consequence"), r.new))
    if r.table == "collaboration_scores" and r.field == "mean":
        f = facts(r)
        before = f.get("previous_n") if r.kind == "collaboration_score_moved" else f.get("n")
        return mean_text(r.old, before), mean_text(r.new, f.get("n"))
    return format_value(r.field, r.old), format_value(r.field, r.new)


def mean_text(mean: Any, n: Any) -> str:
    """A collaboration score's mean, "3,5"; "for få svar (n = 4)" when too few answered to show it."""
    if mean is None:
        return T.EMPTY
    if not collaboration.shown(n):
        return T.TOO_FEW.format(n=format_value("n", n))
    return format_value("mean", mean)


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
    governance = kinds[frame["table"].isin(REGISTER_TABLES)]
    return {
        **per_initiative,
        "milestone_completed": int((kinds == "milestone_completed").sum()),
        "milestone_moved": int((kinds == "milestone_moved").sum()),
        "milestone_newly_overdue": int((kinds == "milestone_newly_overdue").sum()),
        "budget": int(kinds.isin(BUDGET_KINDS).sum()),
        "decision_added": int((governance == "decision_added").sum()),
        "checklist": int(governance.isin(CHECKLIST_ANSWER_KINDS).sum()),
        "risk_added": int((governance == "risk_added").sum()),
        "risk_score_moved": int((governance == "risk_score_moved").sum()),
        "risk_closed": int((governance == "risk_closed").sum()),
        "benefit_measured": int((governance == "benefit_measured").sum()),
        "engagement_added": int((governance == "engagement_added").sum()),
        "collaboration_score_moved": int((governance == "collaboration_score_moved").sum()),
        "decidim_result_progress": int((governance == "decidim_result_progress").sum()),
        "decidim_result_status": int((governance == "decidim_result_status").sum()),
        "decidim_added": int(governance.isin(DECIDIM_ADDED_KINDS).sum()),
        "other": int(kinds.isin(OTHER_KINDS).sum()) + int((~governance.isin(COUNTED_GOVERNANCE_KINDS)).sum()),
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
    """What a change is about: the initiative, a milestone, a budget line, a
    decision, a checklist question, a risk, a benefit, a measurement, an
    engagement, a collaboration survey or a score."""
    if r.table == "milestones":
        title = getattr(r, "milestone_title", None)
        return T.WHAT["milestones"].format(title=title if isinstance(title, str) else r.milestone_id)
    if r.table == "budgets":
        return T.WHAT["budgets"].format(year=r.year, source=r.funding_source)
    if r.table in REGISTER_TABLES:
        return T.WHAT[r.table].format(**row_words(r))
    return T.WHAT["initiatives"]


def row_words(r) -> dict[str, str]:
    """The words that name a register row: its title (a measurement: its
    benefit's; the row's id when it has none), decision point, item number,
    date (of a measurement, an engagement or a survey), a score's dimension
    and a survey's kommunalområde ("" for an initiative's)."""
    k, f = key(r), facts(r)
    title = f.get("title")
    if not isinstance(title, str):
        title = next((str(v) for c, v in k.items() if c.endswith("_id")), "")
    day = next((v for v in (k.get("measured_on"), f.get("conducted_on"), f.get("held_on")) if v is not None), None)
    area = f.get("area")
    return {"title": title, "decision_point": str(k.get("decision_point", "")),
            "item_no": str(k.get("item_no", "")), "date": format_value("measured_on", day),
            "dimension": str(k.get("dimension", "")), "area": area if isinstance(area, str) else ""}


def row_key(r) -> str:
    """A governance row's key as text (the download's «Rad-ID»): "r1", "b1 / 2026-03-01", "BP1 / 3"."""
    return " / ".join(v.isoformat() if isinstance(v, dt.date) else str(v) for v in key(r).values())


def export_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """Every change, one row each, with Norwegian headers (the download)."""
    rows = frame
    old, new = _formatted(rows["field"], rows["old"]), _formatted(rows["field"], rows["new"])
    governance = rows["table"].isin(REGISTER_TABLES).to_numpy(dtype=bool) if len(rows) else []
    keys = [row_key(r) if g else None for r, g in zip(rows.itertuples(index=False), governance, strict=True)]
    moved = np.flatnonzero(((rows["kind"] == "risk_score_moved")
                            | ((rows["table"] == "collaboration_scores") & (rows["field"] == "mean"))).to_numpy(dtype=bool))
    for pos, r in zip(moved, rows.iloc[moved].itertuples(index=False), strict=True):
        old[pos], new[pos] = values(r)
    return pd.DataFrame({
        C["initiative_id"]: rows["initiative_id"].tolist(),
        C["initiative"]: rows["name"].tolist(),
        C["kind"]: rows["kind"].map(T.KIND_LABELS).tolist(),
        C["what"]: [what(r) for r in rows.itertuples(index=False)],
        C["field"]: [field_label(t, f) for t, f in zip(rows["table"], rows["field"], strict=False)],
        C["old"]: old,
        C["new"]: new,
        C["milestone_id"]: rows["milestone_id"].tolist(),
        C["year"]: pd.array(rows["year"].tolist(), dtype="Int64"),
        C["funding_source"]: rows["funding_source"].tolist(),
        C["row_key"]: keys,
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
    subject = f"{r.name} ({r.initiative_id})" if r.initiative_id else str(r.name)
    label = T.KIND_LABELS[r.kind]
    if r.kind in ("initiative_added", "initiative_removed"):
        return f"{subject}: {label}"
    detail = what(r) if r.table != "initiatives" else field_label(r.table, r.field)
    if r.table != "initiatives" and r.kind not in ADDED_REMOVED_KINDS:
        detail = f"{detail}, {field_label(r.table, r.field)}"
    old, new = values(r)
    return f"{subject}: {label} – {detail}: {T.ARROW.format(old=old, new=new)}"



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
