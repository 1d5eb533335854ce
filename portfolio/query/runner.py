"""The query layer: named SQL files in `queries/`, run on DuckDB with every
value bound as a parameter.

Each `queries/<name>.sql` is one query. Its parameters are written `$name`;
`run()` binds exactly the ones the query uses, so no SQL text is ever built
from values. `queries/_macros.sql` holds table macros that the queries share;
it is loaded once per connection, after the order macros that
portfolio.query.orders generates from the schema (`status_order(s)`,
`phase_order(p)`, `statuses()`, ...), so no query spells out an order.

Queries run on the store's lake (portfolio.store.snapshots). The snapshot is
a parameter too, `$snapshot_id`: a query reads one snapshot's rows with the
generated table macros `<table>_of($snapshot_id)`, and every snapshot up to
the shown one with `<table>_through($snapshot_id)` (one scan, each row with
its snapshot_id), so the same query reads the latest snapshot or any earlier
one. `<table>_of` reads a copy in memory (portfolio.query.resident) that
`run()` makes before the query runs, of the tables it reads (`tables_read`)
and of the snapshots it names ($snapshot_id, $compare_id); so does
`initiative_versions_through($snapshot_id)` (the initiatives' versions up to
the shown snapshot, in memory: `reads_versions`).
"""

from __future__ import annotations

import dataclasses
import functools
import re
from typing import Any

import duckdb
import pandas as pd
import pyarrow as pa

from portfolio import config
from portfolio.model import schema
from portfolio.query import orders, resident
from portfolio.store import lake
from portfolio.store.snapshots import ID_COLUMN, Store

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


def _code(text: str) -> str:
    """SQL text without its comments."""
    return "\n".join(line.split("--", 1)[0] for line in text.splitlines())


@functools.cache
def parameters(name: str) -> frozenset[str]:
    return frozenset(_PARAM.findall(_code(sql(name))))


@functools.cache
def table_macros_sql() -> str:
    """Per table of the schema: `<table>_of(snapshot)`, one snapshot's rows in
    the declared columns, and `<table>_through(snapshot)`, the rows of every
    snapshot up to that one with their snapshot_id."""
    statements = []
    for name in schema.TABLE_NAMES:
        table = f'{lake.ALIAS}."{name}"'
        statements.append(
            resident.of_macro_sql(name) + "\n"
            f"create or replace macro {name}_through(snapshot) as table\n"
            f"  select * from {table} where {ID_COLUMN} <= snapshot;"
        )
    return "\n".join(statements) + "\n"


def cursor(store: Store) -> duckdb.DuckDBPyConnection:
    """A cursor on the store's lake with the shared macros and the resident
    tables in place (once per process and lake)."""
    cur = store.cursor()

    def setup(con: duckdb.DuckDBPyConnection) -> None:
        resident.setup(con, store.place)
        con.execute(orders.macros_sql())
        con.execute(table_macros_sql())
        con.execute(resident.versions_macros_sql())
        con.execute(sql(MACROS))

    lake.once(store.place, "query-macros", setup)
    return cur


_CALL = re.compile(r"\b([a-z_][a-z0-9_]*)\s*\(")
SNAPSHOT_PARAMETERS = ("snapshot_id", "compare_id")  # the only values a query passes to `<table>_of`


@functools.cache
def _shared_macros() -> dict[str, str]:
    """The bodies of the macros in queries/_macros.sql, by name."""
    parts = re.split(r"(?=^create or replace macro )", _code(sql(MACROS)), flags=re.MULTILINE)
    found = {}
    for part in parts:
        match = re.match(r"create or replace macro ([a-z_][a-z0-9_]*)\(", part)
        if match:
            found[match.group(1)] = part[match.end():]
    return found


@functools.cache
def tables_read(name: str) -> frozenset[str]:
    """The tables whose one-snapshot rows (`<table>_of`) the query reads,
    itself or through the shared macros: what must be resident to run it."""
    macros, found, seen, todo = _shared_macros(), set(), set(), [_code(sql(name))]
    while todo:
        for word in _CALL.findall(todo.pop()):
            if word in macros and word not in seen:
                seen.add(word)
                todo.append(macros[word])
            elif word.endswith("_of") and word[:-3] in schema.TABLES:
                found.add(word[:-3])
    return frozenset(found)


@functools.cache
def reads_versions(name: str) -> bool:
    """Whether the query reads the initiatives' versions (resident.VERSIONS)
    or the snapshots they cover (resident.VERSION_SNAPSHOTS)."""
    calls = set(_CALL.findall(_code(sql(name))))
    return bool(calls & {f"{resident.VERSIONS}_through", f"{resident.VERSION_SNAPSHOTS}_through"})


def _bound(name: str, params: dict[str, Any]) -> dict[str, Any]:
    """The parameters the query uses, from `params` (KeyError when one is missing)."""
    needed = parameters(name)
    missing = needed - params.keys()
    if missing:
        raise KeyError(f"query {name} needs parameters {sorted(missing)}")
    return {key: params[key] for key in needed}


def run_arrow(store: Store, name: str, params: dict[str, Any]) -> pa.Table:
    """A named query that reads only the lake (`<table>_through`, no resident
    table), as Arrow: DuckDB's types, which Store.read_frames' conversion
    expects (pandas' from `run` differ)."""
    if tables_read(name) or reads_versions(name):
        raise ValueError(f"query {name} reads tables held in memory: use run()")
    bound = _bound(name, params)
    cur = cursor(store)
    try:
        with lake.reaching(store.place):
            return cur.execute(sql(name), bound).to_arrow_table()
    finally:
        cur.close()


def run(store: Store, name: str, params: dict[str, Any]) -> pd.DataFrame:
    """Run a named query on its own cursor, binding the parameters it uses."""
    return _run(store, name, params, duckdb.DuckDBPyConnection.df)


def run_table(store: Store, name: str, params: dict[str, Any]) -> pa.Table:
    """`run`, the result as Arrow: lists stay Arrow lists, for what is built
    from a whole result in numpy (pandas' conversion makes a Python list of
    each, 170 ms for 30 000 rows of two list columns)."""
    return _run(store, name, params, duckdb.DuckDBPyConnection.to_arrow_table)


def _run(store: Store, name: str, params: dict[str, Any], fetch):
    bound = _bound(name, params)
    cur = cursor(store)
    try:
        with resident.holding(store, [bound.get(key) for key in SNAPSHOT_PARAMETERS], tables_read(name)), \
                resident.holding_versions(store, bound.get("snapshot_id") if reads_versions(name) else None):
            return fetch(cur.execute(sql(name), bound))
    finally:
        cur.close()


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
