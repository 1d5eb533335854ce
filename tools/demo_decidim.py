"""The seed portfolio's Decidim tables (tools/seed/decidim_*.csv): an
illustrative set of results, budget projects, proposals and meetings on the
participation platform, and the links from them to the initiatives that
deliver them (issue 17). Seed 003 names «Prosjekt Decidim» as a related
project; it says nothing of its results, so every row here is `illustrative`.

- `decidim_results.csv`, `decidim_projects.csv`, `decidim_proposals.csv`,
  `decidim_meetings.csv`: one row per Decidim row, shown from its
  `first_snapshot` on (Decidim publishes its rows whether or not an
  initiative names them).
- `decidim_links.csv`: one row per link (`entity`, `decidim_id`,
  `initiative_id`), shown from its `first_snapshot` on while its initiative
  and its Decidim row are shown.
- `decidim_changes.csv`: a later change of one column of one Decidim row
  (`table`, `decidim_id`, `snapshot`, `field`, `value`), holding from that
  snapshot on: progress and status move between the snapshots.
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from pathlib import Path
from typing import Any

from portfolio.model import schema
from tools.demo_register import RegisterRow
from tools.demo_seed import SEED_DIR, parse, read_csv

LINKS_FILE = "decidim_links.csv"
CHANGES_FILE = "decidim_changes.csv"


def file_of(table: str) -> str:
    return f"{table}.csv"


def _dates(folder: Path) -> list[dt.date]:
    return sorted(dt.date.fromisoformat(r["date"]) for r in read_csv("snapshots.csv", folder))


def _changes(folder: Path, dates: list[dt.date]) -> dict[tuple[str, int], list[tuple[dt.date, dict[str, Any]]]]:
    out: dict[tuple[str, int], list[tuple[dt.date, dict[str, Any]]]] = {}
    for number, r in enumerate(read_csv(CHANGES_FILE, folder), start=2):
        where = f"{CHANGES_FILE} line {number}"
        if r["table"] not in schema.DECIDIM_TABLES:
            raise ValueError(f"seed files: {where}: not a Decidim table: {r['table']!r}")
        table = schema.TABLES[r["table"]]
        if r["field"] not in table.column_names or r["field"] in table.key:
            raise ValueError(f"seed files: {where}: {r['table']}.{r['field']!r} cannot change over time")
        when = dt.date.fromisoformat(r["snapshot"])
        if when not in dates:
            raise ValueError(f"seed files: {where}: {when} is not in snapshots.csv")
        out.setdefault((r["table"], int(r["decidim_id"])), []).append(
            (when, {r["field"]: parse(table.column(r["field"]), r["value"])}))
    return out


def _added(r: dict[str, str], dates: list[dt.date], where: str) -> dt.date:
    added = dt.date.fromisoformat(r["first_snapshot"])
    if added not in dates:
        raise ValueError(f"seed files: {where}: first_snapshot {added} is not in snapshots.csv")
    return added


@cache
def load_decidim(folder: Path = SEED_DIR) -> dict[str, tuple[RegisterRow, ...]]:
    """Each Decidim table's rows (and the links, whose owner is their
    initiative) as declared in `folder`; ValueError when a row or a change
    does not fit the schema or the snapshots, or a link names an unknown row
    or would show before it."""
    dates = _dates(folder)
    changes = _changes(folder, dates)
    out: dict[str, tuple[RegisterRow, ...]] = {}
    for name in schema.DECIDIM_TABLES:
        table = schema.TABLES[name]
        specs = []
        for number, r in enumerate(read_csv(file_of(name), folder), start=2):
            where = f"{file_of(name)} line {number}"
            values = {c.name: parse(c, r[c.name]) for c in table.columns}
            found = sorted(changes.pop((name, values["decidim_id"]), []), key=lambda c: c[0])
            specs.append(RegisterRow(name, str(values["decidim_id"]), None, _added(r, dates, where), values,
                                     tuple(found)))
        out[name] = tuple(specs)
    if changes:
        raise ValueError(f"seed files: {CHANGES_FILE}: changes of unknown rows: {sorted(changes)}")
    links = []
    for number, r in enumerate(read_csv(LINKS_FILE, folder), start=2):
        where = f"{LINKS_FILE} line {number}"
        values = {c.name: parse(c, r[c.name]) for c in schema.DECIDIM_LINKS.columns}
        added = _added(r, dates, where)
        named = next((row for row in out[f"decidim_{values['entity']}"] if row.key == str(values["decidim_id"])),
                     None)
        if named is None or named.added > added:
            raise ValueError(f"seed files: {where}: {values['entity']} {values['decidim_id']} is not shown then")
        links.append(RegisterRow("decidim_links", f"{values['entity']} {values['decidim_id']}",
                                 values["initiative_id"], added, values))
    out["decidim_links"] = tuple(links)
    return out


def owner_problems(initiatives_added: dict[str, dt.date], folder: Path = SEED_DIR) -> list[str]:
    """Links that would show before their initiative does, or name an unknown one."""
    return [f"decidim_links {row.key} → {row.owner}: shows from {row.added}, the initiative from "
            f"{initiatives_added.get(row.owner)}"
            for row in load_decidim(folder)["decidim_links"]
            if row.owner not in initiatives_added or row.added < initiatives_added[row.owner]]


def rows_on(on: dt.date, initiatives: set[str], folder: Path = SEED_DIR) -> dict[str, list[dict[str, Any]]]:
    """The Decidim tables on a snapshot date: every Decidim row shown by then,
    and the links of the initiatives shown then."""
    found = load_decidim(folder)
    out = {name: [row for spec in found[name] if (row := spec.row(on))] for name in schema.DECIDIM_TABLES}
    out["decidim_links"] = [row for spec in found["decidim_links"]
                            if spec.owner in initiatives and (row := spec.row(on))]
    return out
