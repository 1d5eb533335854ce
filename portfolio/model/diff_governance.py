"""The change engine's part for the governance register (issue 15): what
changed in decisions, checklist answers, risks, benefits and benefit
measurements between two snapshots. `compare` is called by
portfolio/model/diff.py with both snapshots' tables already normalised.

Every row added, removed or changed is reported, like the first three
tables; the kinds (diff_change.GOVERNANCE_KINDS) say what it means:

- decisions: ``decision_added`` (a new decision), ``decision_removed``,
  ``decision_changed``;
- checklist answers: ``checklist_answer_added`` (a question answered),
  ``checklist_answer_changed`` (the answer, from → to),
  ``checklist_answer_removed``, ``checklist_changed`` (question or comment);
- risks: ``risk_added``; ``risk_score_moved``, one change per risk whose
  probability or consequence changed (old and new are the scores,
  probability × consequence; the facts hold both cells of the matrix);
  ``risk_closed`` (status to «lukket»), ``risk_reopened`` (from «lukket»),
  ``risk_removed``, ``risk_changed`` (any other column);
- benefits: ``benefit_added``, ``benefit_removed``, ``benefit_changed``;
- benefit measurements: ``benefit_measured`` (a new measurement; the facts
  hold the benefit's baseline, target and the measurement's achievement),
  ``measurement_changed``, ``measurement_removed``.

A measurement belongs to the initiative of its benefit (in the new snapshot,
else in the old one; "" when neither has the benefit). The achievement of a
measured value is (value − baseline) / (target − baseline) as a percentage,
rounded to one decimal: 0 at the baseline, 100 at the target; None unless
baseline and target are numbers that differ.

The work is column by column on the matched rows (diff_values.match); only
rows that changed are looked at one by one, to make their Change.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from portfolio.model import schema
from portfolio.model.diff_change import Change
from portfolio.model.diff_values import changed_cells, differs, match

CLOSED = "lukket"  # schema.RISK_STATUSES: the risk is closed


def compare(old: dict[str, pd.DataFrame], new: dict[str, pd.DataFrame]) -> list[Change]:
    """Every change in the governance tables; `old` and `new` hold the
    normalised tables (diff_values.normalize) by name."""
    benefits = _benefit_info(old["benefits"], new["benefits"])
    return (
        _decisions(old["decisions"], new["decisions"])
        + _checklist(old["checklist_answers"], new["checklist_answers"])
        + _risks(old["risks"], new["risks"])
        + _benefits(old["benefits"], new["benefits"])
        + _measurements(old["benefit_measurements"], new["benefit_measurements"], benefits)
    )


# -- values ------------------------------------------------------------------------

def is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def score(probability: Any, consequence: Any) -> int | None:
    """A risk's score: probability × consequence (None unless both are whole numbers)."""
    if isinstance(probability, int) and isinstance(consequence, int) and not isinstance(probability, bool) \
            and not isinstance(consequence, bool):
        return probability * consequence
    return None


def achievement(value: Any, baseline: Any, target: Any) -> float | None:
    """How far a measured value has come from the baseline to the target, in
    percent (0: at the baseline, 100: at the target), one decimal."""
    if not (is_number(value) and is_number(baseline) and is_number(target)) or target == baseline:
        return None
    return round((value - baseline) / (target - baseline) * 100, 1)


# -- rows ----------------------------------------------------------------------------

def _column(table: schema.Table, rows: pd.DataFrame, column: str, suffix: str) -> np.ndarray:
    """A column of matched rows (a key column has no suffix)."""
    return rows[column if column in table.key else f"{column}{suffix}"].to_numpy(dtype=object)


def _keys(table: schema.Table, rows: pd.DataFrame) -> list[tuple]:
    """Each row's key but the initiative, as (column, value) pairs."""
    columns = [c for c in table.key if c != "initiative_id"]
    arrays = [rows[c].to_numpy(dtype=object) for c in columns]
    return [tuple(zip(columns, values, strict=True)) for values in zip(*arrays, strict=True)]


def _initiatives(table: schema.Table, rows: pd.DataFrame, suffix: str) -> list[str]:
    return [i if isinstance(i, str) else "" for i in _column(table, rows, "initiative_id", suffix)]


def _facts(table: schema.Table, rows: pd.DataFrame, suffix: str, names: tuple[str, ...]) -> list[tuple]:
    """(name, value) pairs of these columns, one tuple per row."""
    arrays = [_column(table, rows, name, suffix) for name in names]
    return [tuple(zip(names, values, strict=True)) for values in zip(*arrays, strict=True)] if names \
        else [()] * len(rows)


def _added_removed(table: schema.Table, removed: pd.DataFrame, added: pd.DataFrame, label: str,
                   kinds: tuple[str, str], facts, initiatives=None) -> list[Change]:
    """A change per added and per removed row (`kinds`: their kinds):
    `field` is `label`, the value the row's; `facts(rows, suffix)` gives each
    row's facts."""
    out = []
    for rows, suffix, kind in ((added, "_new", kinds[0]), (removed, "_old", kinds[1])):
        if rows.empty:
            continue
        values = _column(table, rows, label, suffix)
        ids = initiatives(rows, suffix) if initiatives else _initiatives(table, rows, suffix)
        for i, value, key, row_facts in zip(ids, values, _keys(table, rows), facts(rows, suffix), strict=True):
            old, new = (None, value) if suffix == "_new" else (value, None)
            out.append(Change(i, table.name, label, old, new, kind, key=key, facts=row_facts))
    return out


def _changed(table: schema.Table, both: pd.DataFrame, kind_of, facts, skip: tuple[str, ...] = (),
             initiatives=None) -> list[Change]:
    """A change per changed cell of the rows in both snapshots;
    `kind_of(field, old, new)` names its kind."""
    cells = list(changed_cells(table, both, skip))
    if not cells:
        return []
    positions = sorted({row for row, *_ in cells})
    rows = both.iloc[positions]
    at = {row: i for i, row in enumerate(positions)}
    ids = initiatives(rows, "_new") if initiatives else _initiatives(table, rows, "_new")
    keys, row_facts = _keys(table, rows), facts(rows, "_new")
    return [Change(ids[at[row]], table.name, field, old, new, kind_of(field, old, new), key=keys[at[row]],
                   facts=row_facts[at[row]])
            for row, field, old, new in cells]


# -- the tables ------------------------------------------------------------------------

def _plainly(table: schema.Table, old: pd.DataFrame, new: pd.DataFrame, label: str, fact_columns: tuple[str, ...],
             kinds: tuple[str, str, str]) -> list[Change]:
    """A table whose changes are rows added, removed (`kinds[:2]`, named by
    `label`) and changed (`kinds[2]`), each carrying `fact_columns`."""
    removed, added, both = match(table, old, new)

    def facts(rows, suffix):
        return _facts(table, rows, suffix, fact_columns)

    return (_added_removed(table, removed, added, label, kinds[:2], facts)
            + _changed(table, both, lambda *_: kinds[2], facts))


def _decisions(old: pd.DataFrame, new: pd.DataFrame) -> list[Change]:
    return _plainly(schema.DECISIONS, old, new, "title", ("title", "decided_on", "body", "decision_point"),
                    ("decision_added", "decision_removed", "decision_changed"))


def _checklist(old: pd.DataFrame, new: pd.DataFrame) -> list[Change]:
    table = schema.CHECKLIST_ANSWERS_TABLE
    removed, added, both = match(table, old, new)

    def facts(rows, suffix):
        return _facts(table, rows, suffix, ("question",))

    def kind_of(field, _old, _new):
        return "checklist_answer_changed" if field == "answer" else "checklist_changed"

    return (_added_removed(table, removed, added, "answer", ("checklist_answer_added", "checklist_answer_removed"), facts)
            + _changed(table, both, kind_of, facts))


def _risk_facts(table: schema.Table, rows: pd.DataFrame, suffix: str) -> list[tuple]:
    titles, statuses = _column(table, rows, "title", suffix), _column(table, rows, "status", suffix)
    probability, consequence = _column(table, rows, "probability", suffix), _column(table, rows, "consequence", suffix)
    return [(("title", t), ("probability", p), ("consequence", c), ("score", score(p, c)), ("status", s))
            for t, p, c, s in zip(titles, probability, consequence, statuses, strict=True)]


def _risk_kind(field: str, old: Any, new: Any) -> str:
    if field == "status":
        if new == CLOSED:
            return "risk_closed"
        if old == CLOSED:
            return "risk_reopened"
    return "risk_changed"


def _risks(old: pd.DataFrame, new: pd.DataFrame) -> list[Change]:
    table = schema.RISKS
    removed, added, both = match(table, old, new)

    def facts(rows, suffix):
        return _risk_facts(table, rows, suffix)

    changes = _added_removed(table, removed, added, "title", ("risk_added", "risk_removed"), facts)
    # probability and consequence: one change per risk that moved in the matrix
    p_old, p_new = both["probability_old"].to_numpy(dtype=object), both["probability_new"].to_numpy(dtype=object)
    c_old, c_new = both["consequence_old"].to_numpy(dtype=object), both["consequence_new"].to_numpy(dtype=object)
    moved = np.flatnonzero(differs(p_old, p_new) | differs(c_old, c_new))
    if len(moved):
        rows = both.iloc[moved]
        for pos, i, key, row_facts in zip(moved, _initiatives(table, rows, "_new"), _keys(table, rows),
                                          facts(rows, "_new"), strict=True):
            cell = (("old_probability", p_old[pos]), ("old_consequence", c_old[pos]))
            changes.append(Change(i, table.name, "score", score(p_old[pos], c_old[pos]), score(p_new[pos], c_new[pos]),
                                  "risk_score_moved", key=key, facts=row_facts + cell))
    return changes + _changed(table, both, _risk_kind, facts, skip=("probability", "consequence"))


def _benefits(old: pd.DataFrame, new: pd.DataFrame) -> list[Change]:
    return _plainly(schema.BENEFITS, old, new, "title", ("title", "unit", "baseline", "target"),
                    ("benefit_added", "benefit_removed", "benefit_changed"))


def _benefit_info(old: pd.DataFrame, new: pd.DataFrame) -> dict[str, tuple]:
    """benefit_id → (initiative_id, title, unit, baseline, target): the new
    snapshot's, else the old one's."""
    columns = ["benefit_id", "initiative_id", "title", "unit", "baseline", "target"]
    info: dict[str, tuple] = {}
    for frame in (old, new):
        if len(frame):
            values = [frame[c].to_numpy(dtype=object) for c in columns]
            info.update((b, rest) for b, *rest in zip(*values, strict=True))
    return {b: tuple(rest) for b, rest in info.items()}


def _measurements(old: pd.DataFrame, new: pd.DataFrame, benefits: dict[str, tuple]) -> list[Change]:
    table = schema.BENEFIT_MEASUREMENTS
    removed, added, both = match(table, old, new)
    unknown = ("", None, None, None, None)

    def initiatives(rows, _suffix):
        return [benefits.get(b, unknown)[0] or "" for b in rows["benefit_id"].to_numpy(dtype=object)]

    def facts(rows, suffix):
        out = []
        for b, value in zip(rows["benefit_id"].to_numpy(dtype=object), _column(table, rows, "value", suffix),
                            strict=True):
            _, title, unit, baseline, target = benefits.get(b, unknown)
            out.append((("title", title), ("unit", unit), ("baseline", baseline), ("target", target),
                        ("achievement", achievement(value, baseline, target))))
        return out

    changes = _added_removed(table, removed, added, "value", ("benefit_measured", "measurement_removed"), facts,
                             initiatives)
    return changes + _changed(table, both, lambda *_: "measurement_changed", facts, initiatives=initiatives)

