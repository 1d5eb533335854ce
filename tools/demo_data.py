"""The seed ("demo") portfolio: Samhandlingskommunen Kristiansand, 2021–2026.

The facts and texts are data files in `tools/seed/` (one CSV per table, read
by `tools/demo_seed.py`; every row names its seed document or is marked
illustrative). This module builds the portfolio as it stood at each
leadership meeting, `seed_snapshots()`, and `write_demo(out_dir)` writes them
as snapshots plus the data folder's README. Deterministic: no randomness, no
clock.

    python -m tools.demo_data --out DIR
"""

from __future__ import annotations

import datetime as dt
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from portfolio.model import schema
from portfolio.store.folders import SnapshotFolders
from portfolio.store.meta import SnapshotMeta
from tools import cli, demo_decidim, demo_readme
from tools.demo_register import Register, load_register, owner_problems, rows_on
from tools.demo_seed import BudgetYear, Seed, load_seed

# Kept as it was when the tool was portfolio/demo.py: the author is part of the
# committed snapshots' metadata in data/.
AUTHOR = "Demodata (portfolio.demo)"
REGENERATE_COMMAND = "python -m tools.demo_data --out DIR"
SNAPSHOT_TIME = dt.time(13, 0)  # UTC, after the meeting


@dataclass(frozen=True, eq=False)
class DemoSnapshot:
    created_at: dt.datetime
    author: str
    note: str
    tables: dict[str, pd.DataFrame]


def budget_rows(lines: tuple[BudgetYear, ...], on: dt.date) -> list[dict[str, Any]]:
    """The budget rows on a date: a year shows from its first snapshot on; during
    the year the actual grows with the share of the year gone (to whole thousands)
    and the forecast is the whole-year actual."""
    out = []
    for line in lines:
        if line.year > on.year:
            continue
        if line.year < on.year:
            actual = line.full_year_actual
        else:
            start = dt.date(line.year, 1, 1)
            share = (on - start).days / (dt.date(line.year + 1, 1, 1) - start).days
            actual = int(line.full_year_actual * share / 1000 + 0.5) * 1000
        out.append(
            {
                "initiative_id": line.initiative_id,
                "year": line.year,
                "funding_source": line.funding_source,
                "budget_nok": line.budget,
                "actual_nok": actual,
                "forecast_nok": line.full_year_actual,
                "note": line.note,
            }
        )
    return out


def _frame(table: schema.Table, rows: list[dict[str, Any]]) -> pd.DataFrame:
    names = table.column_names
    for row in rows:
        if set(row) != set(names):
            missing, extra = set(names) - set(row), set(row) - set(names)
            raise ValueError(f"{table.name}: missing {sorted(missing)}, unknown {sorted(extra)}")
    data = {}
    for column in table.columns:
        values = [row[column.name] for row in rows]
        if column.is_list:
            values = [list(v) for v in values]
        dtype = {"bool": bool, "int": "int64" if column.required else "Int64", "float": "float64"}
        data[column.name] = pd.Series(values, dtype=dtype.get(column.type_name, object))
    return pd.DataFrame(data, columns=names)


def register() -> Register:
    """The governance register of the seed files, checked against their initiatives."""
    found = load_register()
    added = {spec.initiative_id: spec.added for spec in load_seed().initiatives}
    problems = owner_problems(found, added) + demo_decidim.owner_problems(added)
    if problems:
        raise ValueError("seed files: " + "; ".join(problems))
    return found


def tables_on(on: dt.date, seed: Seed | None = None) -> dict[str, pd.DataFrame]:
    """The whole portfolio as it stood on a snapshot date, the governance
    register and the Decidim tables (tools/demo_decidim.py) included."""
    seed = seed or load_seed()
    initiatives = [r for spec in seed.initiatives if (r := spec.row(on)) is not None]
    present = {r["initiative_id"] for r in initiatives}
    milestones = [
        r for spec in seed.milestones if spec.initiative_id in present and (r := spec.row(on)) is not None
    ]
    lines = tuple(b for b in seed.budgets if b.initiative_id in present)
    budgets = sorted(budget_rows(lines, on), key=lambda r: (r["initiative_id"], r["year"], r["funding_source"]))
    governance = rows_on(register(), on, present)
    tables = {
        "initiatives": _frame(schema.INITIATIVES, initiatives),
        "budgets": _frame(schema.BUDGETS, budgets),
        "milestones": _frame(schema.MILESTONES, milestones),
        **{name: _frame(schema.TABLES[name], rows) for name, rows in governance.items()},
        **{name: _frame(schema.TABLES[name], rows) for name, rows in demo_decidim.rows_on(on, present).items()},
    }
    return {name: tables.get(name, _frame(schema.TABLES[name], [])) for name in schema.TABLE_NAMES}


def seed_snapshots(seed: Seed | None = None) -> list[DemoSnapshot]:
    """Every seed snapshot, oldest first."""
    seed = seed or load_seed()
    return [
        DemoSnapshot(
            created_at=dt.datetime.combine(on, SNAPSHOT_TIME, tzinfo=dt.UTC),
            author=AUTHOR,
            note=note,
            tables=tables_on(on, seed),
        )
        for on, note in seed.snapshots
    ]


def readme_markdown() -> str:
    """The data folder's README (English, for developers and operators)."""
    seed = load_seed()
    return demo_readme.readme_markdown(seed, register(), seed_snapshots(seed), REGENERATE_COMMAND)


def write_demo(out_dir: Path) -> list[SnapshotMeta]:
    """Write the seed portfolio and README.md into `out_dir`, which must hold
    no snapshots yet."""
    out_dir = Path(out_dir)
    store = SnapshotFolders(out_dir)
    existing = store.list()
    if existing:
        raise ValueError(
            f"{out_dir} already holds {len(existing)} snapshot(s); demo data is only written to a folder "
            f"without snapshots. Delete {store.snapshots_dir} first or choose another folder."
        )
    metas: list[SnapshotMeta] = []
    base_id = None
    for snap in seed_snapshots():
        meta = store.write(
            snap.tables,
            author=snap.author,
            note=snap.note,
            base_id=base_id,
            created_at=snap.created_at,
            is_demo=True,
        )
        metas.append(meta)
        base_id = meta.snapshot_id
    (out_dir / "README.md").write_text(readme_markdown(), encoding="utf-8")
    return metas


def main(argv: list[str] | None = None) -> int:
    args = cli.parser("python -m tools.demo_data", cli.TEXTS["demo_description"]).parse_args(argv)
    out = cli.out_folder(args)
    if out is None:
        return 2
    cli.written(len(write_demo(out)), out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
