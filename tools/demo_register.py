"""The seed portfolio's register (tools/seed/): the governance register
(decisions, checklist answers, risks, benefits and benefit measurements) and
the collaboration tables (engagements, collaboration surveys and their
scores), read into row specs that give each row as it stood on a snapshot
date.

- `decisions.csv`, `risks.csv`, `benefit_measurements.csv`: a row shows from
  the first snapshot on or after its date (`decided_on`, `identified_on`,
  `measured_on`).
- `collaboration_surveys.csv`: likewise from the first snapshot on or after
  `conducted_on`; `collaboration_scores.csv`: a score shows with its survey.
- `checklist_answers.csv`, `benefits.csv`, `engagements.csv`: a row shows
  from its `first_snapshot` (an engagement may show before it is held, its
  participant counts empty until a change gives them). A checklist answer's
  question is the checklist's own words (portfolio/texts/checklists.py), so
  the file has no question column.
- `register_changes.csv`: a later change of one column of one row (`table`,
  `key`, `snapshot`, `field`, `value`), holding from that snapshot on. The
  key is the row's id; for a checklist answer "initiative_id BP item_no", for
  a measurement "benefit_id measured_on", for a score "survey_id dimension".

A row shows only while its initiative does (a measurement: while its benefit
does; a score: while its survey does; a survey of a kommunalområde, which
has no initiative, from its date on). Every row names its source like the
other seed files; the values that come from a seed document are in
provenance.csv (a checklist answer's key there is e.g. "BP1-3").
"""

from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from portfolio.model import schema
from portfolio.texts import checklists
from tools.demo_seed import SEED_DIR, parse, read_csv

# The tables whose rows show from their own date, and that date's column
DATED = {"decisions": "decided_on", "risks": "identified_on", "benefit_measurements": "measured_on",
         "collaboration_surveys": "conducted_on"}
# The tables whose rows belong to a row of another register table (shown while it is), by that row's id
OWNED_BY = {"benefit_measurements": ("benefits", "benefit_id"),
            "collaboration_scores": ("collaboration_surveys", "survey_id")}
CHANGES_FILE = "register_changes.csv"


def file_of(table: str) -> str:
    return f"{table}.csv"


@dataclass(frozen=True)
class RegisterRow:
    """One row of a register table: its values when first shown, then its
    changes (each holding from its snapshot on)."""

    table: str
    key: str  # as register_changes.csv names it
    owner: str | None  # its initiative; a measurement's benefit, a score's survey; None: a kommunalområde's survey
    added: dt.date  # the first snapshot it shows in
    values: dict[str, Any]
    changes: tuple[tuple[dt.date, dict[str, Any]], ...] = ()

    def row(self, on: dt.date) -> dict[str, Any] | None:
        if on < self.added:
            return None
        row = dict(self.values)
        for when, change in self.changes:
            if when <= on:
                row.update(change)
        return row


@dataclass(frozen=True)
class Register:
    rows: dict[str, tuple[RegisterRow, ...]]  # table -> its rows, in file order

    def of(self, table: str, owner: str) -> list[RegisterRow]:
        return [r for r in self.rows[table] if r.owner == owner]


def change_key(table: str, values: dict[str, Any]) -> str:
    if table == "checklist_answers":
        return f"{values['initiative_id']} {values['decision_point']} {values['item_no']}"
    if table == "benefit_measurements":
        return f"{values['benefit_id']} {values['measured_on'].isoformat()}"
    if table == "collaboration_scores":
        return f"{values['survey_id']} {values['dimension']}"
    return values[schema.TABLES[table].key[0]]


def owner_of(table: str, values: dict[str, Any]) -> str | None:
    """The row a register row belongs to: its initiative, or (OWNED_BY) the
    row of another register table; None for a survey of a kommunalområde."""
    if table in OWNED_BY:
        return values[OWNED_BY[table][1]]
    return values["initiative_id"]


def _changes(folder: Path, dates: list[dt.date]) -> dict[tuple[str, str], list[tuple[dt.date, dict[str, Any]]]]:
    out: dict[tuple[str, str], list[tuple[dt.date, dict[str, Any]]]] = {}
    for number, r in enumerate(read_csv(CHANGES_FILE, folder), start=2):
        where = f"{CHANGES_FILE} line {number}"
        if r["table"] not in schema.REGISTER_TABLES:
            raise ValueError(f"seed files: {where}: not a register table: {r['table']!r}")
        table = schema.TABLES[r["table"]]
        if r["field"] not in table.column_names or r["field"] in table.key:
            raise ValueError(f"seed files: {where}: {r['table']}.{r['field']!r} cannot change over time")
        when = dt.date.fromisoformat(r["snapshot"])
        if when not in dates:
            raise ValueError(f"seed files: {where}: {when} is not in snapshots.csv")
        value = parse(table.column(r["field"]), r["value"])
        out.setdefault((r["table"], r["key"]), []).append((when, {r["field"]: value}))
    return out


def _added(table: str, r: dict[str, str], values: dict[str, Any], dates: list[dt.date], where: str,
           owners: dict[str, dt.date]) -> dt.date:
    if table == "collaboration_scores":  # with its survey
        if values["survey_id"] not in owners:
            raise ValueError(f"seed files: {where}: unknown survey {values['survey_id']!r}")
        return owners[values["survey_id"]]
    if table in DATED:
        day = values[DATED[table]]
        index = bisect.bisect_left(dates, day)
        if index == len(dates):
            raise ValueError(f"seed files: {where}: {day} is after the last snapshot; the row would never show")
        return dates[index]
    added = dt.date.fromisoformat(r["first_snapshot"])
    if added not in dates:
        raise ValueError(f"seed files: {where}: first_snapshot {added} is not in snapshots.csv")
    return added


@cache
def load_register(folder: Path = SEED_DIR) -> Register:
    """The register as declared in `folder`; ValueError when a row or a change
    does not fit the schema, the checklists or the snapshots."""
    dates = sorted(dt.date.fromisoformat(r["date"]) for r in read_csv("snapshots.csv", folder))
    changes = _changes(folder, dates)
    rows: dict[str, tuple[RegisterRow, ...]] = {}
    for name in schema.REGISTER_TABLES:
        table = schema.TABLES[name]
        specs = []
        surveys = {row.key: row.added for row in rows.get("collaboration_surveys", ())}
        for number, r in enumerate(read_csv(file_of(name), folder), start=2):
            where = f"{file_of(name)} line {number}"
            values = {c.name: parse(c, r[c.name]) for c in table.columns if c.name in r}
            if name == "checklist_answers":
                question = checklists.question(values["decision_point"], values["item_no"])
                if question is None:
                    raise ValueError(f"seed files: {where}: {values['decision_point']} has no item "
                                     f"{values['item_no']}")
                values["question"] = question
            missing = [c for c in table.column_names if c not in values]
            if missing:
                raise ValueError(f"seed files: {where}: missing columns {missing}")
            key = change_key(name, values)
            found = sorted(changes.pop((name, key), []), key=lambda c: c[0])
            specs.append(RegisterRow(name, key, owner_of(name, values),
                                     _added(name, r, values, dates, where, surveys), values, tuple(found)))
        rows[name] = tuple(specs)
    if changes:
        raise ValueError(f"seed files: {CHANGES_FILE}: changes of unknown rows: {sorted(changes)}")
    return Register(rows)


def owner_problems(register: Register, initiatives_added: dict[str, dt.date]) -> list[str]:
    """Rows that would show before their initiative (a measurement: its
    benefit; a score: its survey) does, or that name an unknown one: they
    would never show. A survey of a kommunalområde has no owner."""
    owners = {**initiatives_added, **{row.key: row.added for table, _ in OWNED_BY.values()
                                      for row in register.rows[table]}}
    return [f"{row.table} {row.key}: shows from {row.added}, {row.owner} from {owners.get(row.owner)}"
            for rows in register.rows.values() for row in rows
            if row.owner is not None and (row.owner not in owners or row.added < owners[row.owner])]


def rows_on(register: Register, on: dt.date, initiatives: set[str]) -> dict[str, list[dict[str, Any]]]:
    """The register's rows on a snapshot date, of the initiatives shown then
    (and the surveys of kommunalområder)."""
    out: dict[str, list[dict[str, Any]]] = {}
    for name in schema.REGISTER_TABLES:  # benefits before their measurements, surveys before their scores
        if name in OWNED_BY:
            table, column = OWNED_BY[name]
            present = {r[column] for r in out[table]}
        else:
            present = initiatives | {None}
        out[name] = [row for spec in register.rows[name] if spec.owner in present and (row := spec.row(on))]
    return out
