"""docs/data-model.md, written from the declarations in portfolio/model/schema.py.

`python -m tools.datamodel_doc > docs/data-model.md` regenerates it; a
test fails when the committed file and the schema disagree.
"""

from __future__ import annotations

from portfolio import texts
from portfolio.model import schema

INTRO = """\
# Data model

<!-- Generated from portfolio/model/schema.py by `python -m tools.datamodel_doc > docs/data-model.md`.
     Do not edit by hand: tests/test_docs.py fails when this file and the schema disagree. -->

A **snapshot** is the whole portfolio as it stood at one moment: three tables,
`initiatives`, `budgets` and `milestones`, stored as Parquet files in one
folder with a metadata file. Snapshots are immutable; every data update
writes a new one, so the portfolio can be seen as it was on any date.

## Storage

```
$PORTFOLIO_DATA/                       (default: data/)
  snapshots/
    snapshot=<id>/                     id = UTC creation time, e.g. 20211018T120000.000Z
      initiatives.parquet
      budgets.parquet
      milestones.parquet
      _snapshot.json                   metadata
```

- The layout is hive-partitioned: `read_parquet('data/snapshots/snapshot=*/initiatives.parquet',
  hive_partitioning = true)` in plain DuckDB gives every snapshot with a `snapshot` column;
  pandas and Polars read the files directly.
- A snapshot is written to `snapshots/.tmp-<pid>-<random>/`, every file fsynced, then renamed
  into place in one step (under a lock, `snapshots/.lock`): it is all there or not there.
  Readers only look at `snapshot=*` folders that hold `_snapshot.json`; leftovers of an
  interrupted write are ignored and removed by the next write. The files are made read-only;
  the app never modifies or deletes a snapshot.
- Metadata (`_snapshot.json`): `snapshot_id`, `created_at` (ISO 8601, UTC), `author`, `note`,
  `base_id` (the snapshot the change was made on), `row_counts` per table, `content_hash`
  (SHA-256 of the values, independent of file layout), `is_demo`, `schema_version`.
- A write whose `base_id` is not the latest snapshot is refused as a conflict: another
  commit came first, and nothing is overwritten.

## Rules checked on every write

Validation (portfolio/model/validate.py, with pandera) reports every problem at once, each with
table, row (row 2 is the first data row, as in a spreadsheet) and column, in Norwegian:
types; required values; allowed values; slugs for ids; unique keys; `parent_id` and
`initiative_id` references; end date not before start date; amounts ≥ 0; years 2000–2100;
a public summary on public initiatives; a decision point on milestones of kind
`beslutningspunkt`; text no longer than its column's *max length* below (in characters; for a
list, each item); no unknown or missing columns.

## Public data

A column marked *public* below may be shown on the public page. Rows are public when:
an initiative has `is_public`; a budget row belongs to a public initiative; a milestone has
`is_public` and belongs to a public initiative. Every other column and row is internal.
The declaration lives in one place: `Column.public` in portfolio/model/schema.py.

## Allowed values
"""


def _values(values: tuple[str, ...]) -> str:
    return ", ".join(f"`{v}`" for v in values)


def _length(column: schema.Column) -> str:
    if column.max_length is None:
        return ""
    return f"{column.max_length} per item" if column.is_list else str(column.max_length)


def data_model_markdown() -> str:
    lines = [INTRO]
    lines += [
        f"- Phases (Prosjektveiviseren): {_values(schema.PHASES)}",
        f"- Decision points: {_values(schema.DECISION_POINTS)}",
        f"- Statuses: {_values(schema.STATUSES)}; dimensions: overall, schedule, budget, quality, risk",
        f"- Focus areas (innsatsområder): {_values(schema.FOCUS_AREAS)}",
        f"- Target groups (innbyggergrupper): {_values(schema.TARGET_GROUPS)}",
        f"- Milestone kinds: {_values(schema.MILESTONE_KINDS)}",
        "",
    ]
    for table in schema.TABLES.values():
        key = ", ".join(f"`{k}`" for k in table.key)
        lines += [
            f"## `{table.name}` ({texts.TABLE_LABELS[table.name]})",
            "",
            f"{table.doc} Unique key: {key}.",
            "",
            "| column | Norwegian header | type | required | public | max length | meaning |",
            "|---|---|---|---|---|---|---|",
        ]
        for c in table.columns:
            label = texts.COLUMN_LABELS[table.name][c.name]
            allowed = f" Allowed: {_values(c.allowed)}." if c.allowed and len(c.allowed) <= 6 else ""
            lines.append(
                f"| `{c.name}` | {label} | {c.type_name} | {'yes' if c.required else 'no'} "
                f"| {'yes' if c.public else 'no'} | {_length(c)} | {c.doc}{allowed} |"
            )
        lines.append("")
    return "\n".join(lines)


if __name__ == "__main__":
    print(data_model_markdown(), end="")
