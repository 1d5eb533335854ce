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

A **snapshot** is the whole portfolio as it stood at one moment: the portfolio's
`initiatives`, `budgets` and `milestones`; the governance register KDL steers by:
`decisions`, `checklist_answers`, `risks`, `benefits` and `benefit_measurements`; and the
collaboration tables: `engagements` (medvirkning), `collaboration_surveys` and
`collaboration_scores` (relasjonell kapasitet).
Snapshots are immutable; every data update commits a new one, so the portfolio can be
seen as it was on any date.

## Storage: a DuckLake

The store (portfolio/store/snapshots.py) is a [DuckLake](https://ducklake.select): a SQL
catalog plus Parquet data files. Embedded (the default) the catalog is a SQLite file; for
several app servers it is a PostgreSQL database with the files in S3-compatible object
storage (`docs/deployment.md`).

```
$PORTFOLIO_DATA/                       (default: data/)
  lake/catalog.sqlite                  the catalog (embedded store)
  lake/data/main/<table>/*.parquet     the data files, one or more per table and commit
  snapshots/snapshot=<id>/…            the folder layout: the bundled demo, copied into the
                                       lake when the store is first opened
```

- Lake tables: one per schema table with `snapshot_id` as its first column, append-only (a
  snapshot's rows are inserted once and never changed); `snapshots`, one row per snapshot
  (`snapshot_id`, `created_at` ISO 8601 UTC, `author`, `note`, `base_id`, `row_counts` and
  `extra` as JSON text, `content_hash`, `is_demo`, `schema_version`); `head`, one row with the
  latest snapshot's id.
- A commit is one DuckLake transaction: every table's rows, the `snapshots` row and `head`
  moved from the base to the new id. A commit whose base is no longer the latest snapshot is
  refused as a conflict, and two racing commits cannot both move `head`: on one server or
  several, nothing is overwritten. A killed commit leaves at most data files no snapshot
  points to. DuckLake's own commit message holds the author, the note and the snapshot id.
- Snapshot ids are the UTC creation time (e.g. `20211018T120000.000Z`): they sort in time order.
- `content_hash` is SHA-256 over the values in schema order, independent of file layout;
  `python -m portfolio verify` recomputes it for every snapshot.

### Reading the lake without this project's code

Plain DuckDB (1.5.5, with its `ducklake` and `sqlite` extensions) reads everything:

```sql
install ducklake; install sqlite;   -- or load them from the duckdb-extension-* wheels
attach 'ducklake:sqlite:data/lake/catalog.sqlite' as portfolio (read_only);
select snapshot_id, created_at, author, note from portfolio.snapshots order by created_at;
select * from portfolio.initiatives
where snapshot_id = (select snapshot_id from portfolio.head);             -- the latest portfolio
select snapshot_id, status_overall, count(*) from portfolio.initiatives group by all;  -- every snapshot
```

With a PostgreSQL catalog: `attach 'ducklake:postgres:dbname=portfolio host=…' as portfolio`
after `create secret (type s3, …)` for the bucket. Each data file is plain Parquet as well
(pandas, Polars, Spark). `python -m portfolio export SNAPSHOT_ID OUT_DIR [--csv]` writes one
snapshot as `<table>.parquet` (and `.csv`) with `_snapshot.json`: the folder layout above.

## Rules checked on every write

Validation (portfolio/model/validate.py, with pandera) reports every problem at once, each with
table, row (row 2 is the first data row, as in a spreadsheet) and column, in Norwegian:
types; required values; allowed values; slugs for ids; unique keys; `parent_id` and
`initiative_id` references; end date not before start date; amounts ≥ 0; years 2000–2100;
a public summary on public initiatives; a decision point on milestones of kind
`beslutningspunkt`; text no longer than its column's *max length* below (in characters; for a
list, each item); no unknown or missing columns. For the governance register
(portfolio/model/rules.py): numbers within their range (probability and consequence whole
numbers 1–5, item numbers from 1) and finite; every reference names an existing row (a benefit
measurement's benefit); a measurement not dated before its benefit's baseline; a public decision
or benefit belongs to a public initiative; a checklist answer names an item of its decision
point's checklist (below). For the collaboration tables (portfolio/model/rules_collaboration.py):
participant counts, respondents and n whole numbers ≥ 0; means from 1 to 5 (decimals allowed);
a survey is of an initiative or of a kommunalområde, exactly one of the two, and its
kommunalområde is one the initiatives name (as `owner_area` or in `collaborating_areas`: there
is no fixed list of areas); a score names an existing survey, once per dimension, with an n not
above the survey's respondents; a dimension that is one of the seven below, written otherwise
(case, spaces), is refused with the right spelling; a public engagement belongs to a public
initiative.

## Public data

A column marked *public* below may be shown on the public page. Rows are public when:
an initiative has `is_public`; a budget row belongs to a public initiative; a milestone, a
decision, a benefit or an engagement has `is_public` and belongs to a public initiative; a benefit
measurement belongs to a public benefit. Risks, checklist answers, collaboration surveys and their
scores are never public, nor are an engagement's participant counts. Every other column and row
is internal.
The declaration lives in one place: `Column.public` in portfolio/model/schema.py.

## Allowed values
"""


def _values(values: tuple[str, ...]) -> str:
    return ", ".join(f"`{v}`" for v in values)


def _length(column: schema.Column) -> str:
    if column.max_length is None:
        return ""
    return f"{column.max_length} per item" if column.is_list else str(column.max_length)


def _range(c: schema.Column) -> str:
    if c.minimum is not None and c.maximum is not None:
        return f" From {c.minimum} to {c.maximum}."
    if c.minimum is not None:
        return f" At least {c.minimum}."
    return ""


def _reference(c: schema.Column) -> str:
    return f" Must name a row of `{c.references}`." if c.references else ""


def _checklists() -> list[str]:
    """The decision points' checklists (reference data for `checklist_answers`)."""
    from portfolio.texts import checklists

    lines = ["## Checklists of the decision points (reference data)", "",
             "A `checklist_answers` row names a decision point and an item number of its list here "
             "(`portfolio/texts/checklists.py`, with its sources).", ""]
    for point, items in checklists.CHECKLISTS.items():
        lines += [f"### {checklists.TITLES[point]}", "", f"Source: {checklists.SOURCES[point]}", ""]
        lines += [f"{number}. {question}" for number, question in enumerate(items, start=1)]
        lines.append("")
    return lines


def _dimensions() -> list[str]:
    """The dimensions of relational coordination (reference data for `collaboration_scores`)."""
    from portfolio.texts import dimensions

    lines = ["## Dimensions of relational coordination (reference data)", "",
             "A `collaboration_scores` row names its dimension by label. The seven of relational coordination "
             "(`portfolio/texts/dimensions.py`) are written exactly as here; another instrument may name its "
             f"own dimensions (any other label is kept as written). Source: {dimensions.SOURCE}.", "",
             "| dimension | relational coordination | what it asks |", "|---|---|---|"]
    lines += [f"| {label} | {english} | {asks} |"
              for label, (english, asks) in dimensions.RELATIONAL_COORDINATION.items()]
    lines.append("")
    return lines


def data_model_markdown() -> str:
    lines = [INTRO]
    lines += [
        f"- Phases (Prosjektveiviseren): {_values(schema.PHASES)}",
        f"- Decision points: {_values(schema.DECISION_POINTS)}",
        f"- Statuses: {_values(schema.STATUSES)}; dimensions: overall, schedule, budget, quality, risk",
        f"- Focus areas (innsatsområder): {_values(schema.FOCUS_AREAS)}",
        f"- Target groups (innbyggergrupper): {_values(schema.TARGET_GROUPS)}",
        f"- Milestone kinds: {_values(schema.MILESTONE_KINDS)}",
        f"- Decision bodies: {_values(schema.DECISION_BODIES)}",
        f"- Checklist answers: {_values(schema.CHECKLIST_ANSWERS)}, or a free answer kept as written",
        f"- Risk statuses: {_values(schema.RISK_STATUSES)}; strategies: {_values(schema.RISK_STRATEGIES)}; "
        f"probability and consequence {schema.RISK_SCALE[0]}–{schema.RISK_SCALE[1]}, score = probability × "
        f"consequence (computed, never stored), high from {schema.RISK_HIGH_SCORE}",
        f"- Benefit kinds: {_values(schema.BENEFIT_KINDS)}; units: {_values(schema.BENEFIT_UNITS)}; "
        "achievement = (latest − baseline) / (target − baseline)",
        f"- Engagement kinds: {_values(schema.ENGAGEMENT_KINDS)}; participant groups (one column "
        f"`participants_<group>` each): {_values(schema.PARTICIPANT_GROUPS)}",
        f"- Collaboration scores: means {schema.SCORE_SCALE[0]}–{schema.SCORE_SCALE[1]}; a mean is shown only "
        f"with at least {schema.MIN_RESPONDENTS} answers. A score is compared with the previous survey of the "
        "same unit (initiative or kommunalområde) and respondent group that has the dimension "
        "(portfolio/model/collaboration.py)",
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
                f"| {'yes' if c.public else 'no'} | {_length(c)} | {c.doc}{allowed}{_range(c)}{_reference(c)} |"
            )
        if table.is_later:
            issue = 16 if table.name in schema.COLLABORATION_TABLES else 15
            lines += ["", f"Added in issue {issue}: snapshots written before it read this table as empty."]
        lines.append("")
    lines += _checklists()
    lines += _dimensions()
    return "\n".join(lines).rstrip("\n") + "\n"


if __name__ == "__main__":
    print(data_model_markdown(), end="")
