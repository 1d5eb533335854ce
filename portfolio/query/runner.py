"""The query layer: named SQL files in `queries/`, run on DuckDB with every
value bound as a parameter.

Each `queries/<name>.sql` is one query. Its parameters are written `$name`;
`run()` binds exactly the ones the query uses, so no SQL text is ever built
from values. `queries/_macros.sql` holds table macros that the queries share;
it is loaded once per connection, after the order macros that
portfolio.query.orders generates from the schema (`status_order(s)`,
`phase_order(p)`, `statuses()`, ...), so no query spells out an order.

Snapshot files are parameters too: a query reads `$initiatives`,
`$budgets` and `$milestones` (the Parquet files of one snapshot), so the same
query reads the latest snapshot or any earlier one. Queries over every
snapshot read the globs (`$initiatives_glob`, ...) with hive partitioning and
take each row's snapshot id from the partition column `snapshot`; the shown
snapshot's id is `$snapshot_id`.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from typing import Any

import duckdb
import pandas as pd

from portfolio import config
from portfolio.model import schema
from portfolio.query import orders
from portfolio.store.snapshots import Store

QUERY_DIR = config.PROJECT_ROOT / "queries"
MACROS = "_macros"
_PARAM = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")
_NAME = re.compile(r"^[a-z][a-z0-9_]*$")


@functools.cache
def sql(name: str) -> str:
    if not _NAME.match(name) and name != MACROS:
        raise ValueError(f"not a query name: {name!r}")
    return (QUERY_DIR / f"{name}.sql").read_text(encoding="utf-8")


def names() -> list[str]:
    """Every named query (files in queries/ not starting with "_")."""
    return sorted(p.stem for p in QUERY_DIR.glob("*.sql") if not p.stem.startswith("_"))


@functools.cache
def parameters(name: str) -> frozenset[str]:
    text = "\n".join(line.split("--", 1)[0] for line in sql(name).splitlines())
    return frozenset(_PARAM.findall(text))


def connect() -> duckdb.DuckDBPyConnection:
    """A new in-memory DuckDB connection with the shared macros loaded."""
    con = duckdb.connect(":memory:")
    con.execute(orders.macros_sql())
    con.execute(sql(MACROS))
    return con


def run(con: duckdb.DuckDBPyConnection, name: str, params: dict[str, Any]) -> pd.DataFrame:
    """Run a named query on its own cursor, binding the parameters it uses."""
    needed = parameters(name)
    missing = needed - params.keys()
    if missing:
        raise KeyError(f"query {name} needs parameters {sorted(missing)}")
    bound = {key: params[key] for key in needed}
    cursor = con.cursor()
    try:
        return cursor.execute(sql(name), bound).df()
    finally:
        cursor.close()


@dataclasses.dataclass(frozen=True)
class Filters:
    """The overview filters. An empty tuple means no filter."""

    areas: tuple[str, ...] = ()
    phases: tuple[str, ...] = ()
    focus_areas: tuple[str, ...] = ()
    target_groups: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    programmes: tuple[str, ...] = ()

    def as_param(self) -> dict[str, list[str]]:
        return {f.name: list(getattr(self, f.name)) for f in dataclasses.fields(self)}

    @property
    def is_empty(self) -> bool:
        return not any(getattr(self, f.name) for f in dataclasses.fields(self))


def snapshot_params(store: Store, snapshot_id: str) -> dict[str, str]:
    """The parameters of one snapshot: its id ($snapshot_id), its files
    ($initiatives, $budgets, $milestones) and the globs over every snapshot
    ($initiatives_glob, ...)."""
    params: dict[str, str] = {"snapshot_id": snapshot_id}
    for table in schema.TABLE_NAMES:
        params[table] = str(store.path(snapshot_id, table))
        params[f"{table}_glob"] = store.glob(table)
    return params
