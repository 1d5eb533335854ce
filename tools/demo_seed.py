"""Read the seed portfolio's data files (tools/seed/*.csv) into typed specs.

The files hold every seed fact and text: the snapshots, the initiatives with
their status reports and later changes, the milestones, the budgets, and the
provenance of the values that come from a seed document. `tools/seed/README.md`
describes them. Every row of every file names its source: seed document
numbers from `sources.csv` (e.g. "000 003") or "illustrative".

Cells are text: dates as YYYY-MM-DD, booleans as true/false, list cells with
items separated by ";", an empty cell is "no value" (None; [] for a list).
"""

from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from portfolio.model import schema

SEED_DIR = Path(__file__).resolve().parent / "seed"
ILLUSTRATIVE = "illustrative"
LIST_SEPARATOR = ";"

# Columns of initiative_states.csv: a full status report (with phase) per row
STATE_COLUMNS = (
    "phase",
    "last_decision_point",
    *(f"status_{dim}" for dim in schema.STATUS_DIMENSIONS),
    "status_summary",
    *(f"comment_{dim}" for dim in schema.STATUS_DIMENSIONS[1:]),
)
# Columns of initiatives.csv (besides initiative_id, first_snapshot, source)
BASE_COLUMNS = tuple(
    c for c in schema.INITIATIVES.column_names if c not in STATE_COLUMNS and c != "initiative_id"
)


# -- reading cells -----------------------------------------------------------------

def read_csv(name: str, folder: Path = SEED_DIR) -> list[dict[str, str]]:
    with open(folder / name, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def parse(column: schema.Column, text: str) -> Any:
    """A cell's value as the snapshot column holds it."""
    if column.is_list:
        return text.split(LIST_SEPARATOR) if text else []
    if text == "":
        return None
    kind = column.type_name
    if kind == "date":
        return dt.date.fromisoformat(text)
    if kind == "bool":
        return {"true": True, "false": False}[text]
    if kind == "int":
        return int(text)
    if kind == "float":
        return float(text)
    return text


def _date(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def _column(table: schema.Table, name: str) -> schema.Column:
    return next(c for c in table.columns if c.name == name)


def _values(table: schema.Table, row: dict[str, str], names) -> dict[str, Any]:
    return {name: parse(_column(table, name), row[name]) for name in names}


# -- the specs ---------------------------------------------------------------------

@dataclass(frozen=True)
class Citation:
    """Which seed documents state a value, with a remark (English)."""

    seeds: tuple[str, ...]
    remark: str = ""
    as_of: dt.date | None = None  # the snapshot whose value is sourced; default: the latest


@dataclass(frozen=True)
class InitiativeSpec:
    """One initiative: its values when first shown, then status reports and
    changes (each carrying forward from its snapshot on)."""

    initiative_id: str
    added: dt.date  # first snapshot it appears in
    base: dict[str, Any]
    updates: tuple[tuple[dt.date, dict[str, Any]], ...]  # status reports and changes, by date

    def row(self, on: dt.date) -> dict[str, Any] | None:
        if on < self.added:
            return None
        row = {"initiative_id": self.initiative_id, **self.base}
        for when, changes in self.updates:
            if when <= on:
                row.update(changes)
        return row


@dataclass(frozen=True)
class MilestoneSpec:
    """One milestone; `completed_date` shows from the first snapshot on or after it."""

    milestone_id: str
    initiative_id: str
    added: dt.date
    values: dict[str, Any]
    changes: tuple[tuple[dt.date, dict[str, Any]], ...] = ()

    def row(self, on: dt.date) -> dict[str, Any] | None:
        if on < self.added:
            return None
        row = {"milestone_id": self.milestone_id, "initiative_id": self.initiative_id, **self.values}
        completed = row["completed_date"]
        row["completed_date"] = None
        for when, changes in self.changes:
            if when <= on:
                row.update(changes)
        if completed is not None and completed <= on:
            row["completed_date"] = completed
        return row


@dataclass(frozen=True)
class BudgetYear:
    """One funding source of an initiative in one year; `full_year_actual`
    is the spend over the whole year (also the forecast during the year)."""

    initiative_id: str
    funding_source: str
    year: int
    budget: int
    full_year_actual: int
    note: str | None


@dataclass(frozen=True)
class SeedDocument:
    source: str
    file: str
    label: str
    title: str
    description: str


@dataclass(frozen=True)
class Seed:
    documents: tuple[SeedDocument, ...]  # the seed documents (not "illustrative")
    directors: dict[str, str]  # kommunalområde -> director
    snapshots: tuple[tuple[dt.date, str], ...]  # (date, note), oldest first
    initiatives: tuple[InitiativeSpec, ...]
    milestones: tuple[MilestoneSpec, ...]
    budgets: tuple[BudgetYear, ...]
    # (table, initiative_id, key) -> field -> citation, in file order
    provenance: dict[tuple[str, str, str], dict[str, Citation]] = field(default_factory=dict)

    def label(self, source: str) -> str:
        return next(d.label for d in self.documents if d.source == source)


# -- loading ---------------------------------------------------------------------------

def _updates_by(rows, key: str, make) -> dict[str, list[tuple[dt.date, dict[str, Any]]]]:
    out: dict[str, list[tuple[dt.date, dict[str, Any]]]] = {}
    for row in rows:
        out.setdefault(row[key], []).append((_date(row["snapshot"]), make(row)))
    return out


def _change(table: schema.Table, allowed) -> Any:
    def make(row: dict[str, str]) -> dict[str, Any]:
        if row["field"] not in allowed:
            raise ValueError(f"{table.name}: {row['field']!r} cannot change over time")
        return {row["field"]: parse(_column(table, row["field"]), row["value"])}

    return make


@cache
def load_seed(folder: Path = SEED_DIR) -> Seed:
    """The seed portfolio as declared in `folder`; ValueError when a source is
    missing, unknown or disagrees with the provenance."""
    problems = source_problems(folder)
    if problems:
        raise ValueError("seed files: " + "; ".join(problems))
    snapshots = tuple((_date(r["date"]), r["note"]) for r in read_csv("snapshots.csv", folder))
    known_dates = {on for on, _ in snapshots}

    ini, mst = schema.INITIATIVES, schema.MILESTONES
    states = _updates_by(read_csv("initiative_states.csv", folder), "initiative_id",
                         lambda r: _values(ini, r, STATE_COLUMNS))
    changes = _updates_by(read_csv("initiative_changes.csv", folder), "initiative_id",
                          _change(ini, BASE_COLUMNS))
    initiatives = []
    for row in read_csv("initiatives.csv", folder):
        updates = sorted(states.pop(row["initiative_id"], []) + changes.pop(row["initiative_id"], []),
                         key=lambda u: u[0])
        initiatives.append(InitiativeSpec(row["initiative_id"], _date(row["first_snapshot"]),
                                          _values(ini, row, BASE_COLUMNS), tuple(updates)))

    ms_columns = ("title", "kind", "decision_point", "due_date", "completed_date", "is_public", "note")
    ms_changes = _updates_by(read_csv("milestone_changes.csv", folder), "milestone_id",
                             _change(mst, ("due_date", "note")))
    milestones = tuple(
        MilestoneSpec(r["milestone_id"], r["initiative_id"], _date(r["first_snapshot"]),
                      _values(mst, r, ms_columns),
                      tuple(sorted(ms_changes.pop(r["milestone_id"], []), key=lambda u: u[0])))
        for r in read_csv("milestones.csv", folder)
    )
    leftover = sorted(states) + sorted(changes) + sorted(ms_changes)
    if leftover:
        raise ValueError(f"seed files: updates for unknown initiatives or milestones: {leftover}")
    dates = {s.added for s in initiatives} | {m.added for m in milestones}
    dates |= {when for s in initiatives for when, _ in s.updates}
    dates |= {when for m in milestones for when, _ in m.changes}
    unknown = sorted(dates - known_dates)
    if unknown:
        raise ValueError(f"seed files: dates that are not in snapshots.csv: {unknown}")

    budgets = tuple(
        BudgetYear(r["initiative_id"], r["funding_source"], int(r["year"]), int(r["budget_nok"]),
                   int(r["full_year_actual_nok"]), r["note"] or None)
        for r in read_csv("budgets.csv", folder)
    )
    provenance: dict[tuple[str, str, str], dict[str, Citation]] = {}
    for r in read_csv("provenance.csv", folder):
        citation = Citation(tuple(r["source"].split()), r["remark"], _date(r["as_of"]) if r["as_of"] else None)
        provenance.setdefault((r["table"], r["initiative_id"], r["key"]), {})[r["field"]] = citation
    documents = tuple(
        SeedDocument(r["source"], r["file"], r["label"], r["title"], r["description"])
        for r in read_csv("sources.csv", folder) if r["source"] != ILLUSTRATIVE
    )
    directors = {r["owner_area"]: r["director"] for r in read_csv("directors.csv", folder)}
    return Seed(documents, directors, snapshots, tuple(initiatives), milestones, budgets, provenance)


# -- sources -----------------------------------------------------------------------------

# The files whose rows the provenance describes, and how a row's key is formed
_DESCRIBED = {
    "initiatives.csv": ("initiatives", lambda r: (r["initiative_id"], r["initiative_id"])),
    "milestones.csv": ("milestones", lambda r: (r["initiative_id"], r["milestone_id"])),
    "budgets.csv": ("budgets", lambda r: (r["initiative_id"], r["funding_source"])),
    # the governance register (tools/demo_register.py); a checklist answer's key is e.g. "BP1-3"
    "decisions.csv": ("decisions", lambda r: (r["initiative_id"], r["decision_id"])),
    "checklist_answers.csv": ("checklist_answers",
                              lambda r: (r["initiative_id"], f"{r['decision_point']}-{r['item_no']}")),
    "risks.csv": ("risks", lambda r: (r["initiative_id"], r["risk_id"])),
    "benefits.csv": ("benefits", lambda r: (r["initiative_id"], r["benefit_id"])),
    "benefit_measurements.csv": ("benefit_measurements", lambda r: (r["benefit_id"], r["measured_on"])),
    # the collaboration tables; a survey of a kommunalområde has no initiative (""); scores are all illustrative
    "engagements.csv": ("engagements", lambda r: (r["initiative_id"], r["engagement_id"])),
    "collaboration_surveys.csv": ("collaboration_surveys", lambda r: (r["initiative_id"], r["survey_id"])),
}


def known_sources(folder: Path = SEED_DIR) -> set[str]:
    """The source names a row may give: seed document numbers and "illustrative"."""
    return {r["source"] for r in read_csv("sources.csv", folder)}


def source_problems(folder: Path = SEED_DIR) -> list[str]:
    """Rows whose source is empty, unknown, or (for the files of `_DESCRIBED`:
    initiatives, milestones, budgets and the register's tables) not the seeds
    that provenance.csv cites for the row's values."""
    known = known_sources(folder)
    problems = []
    cited: dict[tuple[str, str, str], set[str]] = {}
    for r in read_csv("provenance.csv", folder):
        columns = schema.TABLES[r["table"]].column_names if r["table"] in schema.TABLES else ()
        if r["field"] not in columns:
            problems.append(f"provenance.csv: unknown field {r['table']}.{r['field']}")
        elif r["table"] != "initiatives" or r["field"] in BASE_COLUMNS:
            cited.setdefault((r["table"], r["initiative_id"], r["key"]), set()).update(r["source"].split())
    for path in sorted(folder.glob("*.csv")):
        if path.name == "sources.csv":
            continue
        rows = read_csv(path.name, folder)
        if rows and "source" not in rows[0]:
            problems.append(f"{path.name}: no source column")
            continue
        for number, row in enumerate(rows, start=2):  # line 1 is the header
            where = f"{path.name} line {number}"
            names = row["source"].split()
            if not names:
                problems.append(f"{where}: empty source")
            elif set(names) - known:
                problems.append(f"{where}: unknown source {sorted(set(names) - known)}")
            elif ILLUSTRATIVE in names and len(names) > 1:
                problems.append(f"{where}: {ILLUSTRATIVE!r} together with seed documents")
            elif path.name == "provenance.csv" and ILLUSTRATIVE in names:
                problems.append(f"{where}: provenance must cite seed documents")
            if path.name in _DESCRIBED:
                table, key = _DESCRIBED[path.name]
                expected = " ".join(sorted(cited.get((table, *key(row)), ()))) or ILLUSTRATIVE
                if row["source"] != expected:
                    problems.append(f"{where}: source {row['source']!r}, provenance.csv cites {expected!r}")
    return problems
