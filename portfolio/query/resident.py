"""Snapshots kept in the process's memory while pages read them.

A query reads one snapshot's rows through the table macros `<table>_of(...)`
(portfolio.query.runner). On the lake, every such read is a DuckLake scan: a
look in the catalog for the table's files, then a Parquet file read, tens of
milliseconds each, and a page's queries make dozens of them. Snapshots never
change, so the rows a query reads are copied once per process into an
in-memory database attached beside the lake (`resident`), table by table as
queries first need them, and read from there after that: the page's first
run pays the copy, every other filter combination reads memory.

At most MAX_SNAPSHOTS snapshots stay resident; the least recently used one
that no running query holds is dropped first. `holding(store, ids, tables)`
makes the tables a query reads resident and keeps them so until the query
is done; `runner.run` wraps every query in it. A table macro that reads a
table of a snapshot that is not resident fails with an error instead of
returning no rows (`_of` macros read only from memory).

Reads across snapshots (`<table>_through(...)`) stay on the lake: they read
every snapshot, which memory should not hold at national scale.
"""

from __future__ import annotations

import collections
import contextlib
import threading
from collections.abc import Iterable, Iterator

import duckdb

from portfolio.model import schema
from portfolio.store import lake
from portfolio.store.snapshots import ID_COLUMN, Store

ALIAS = "resident"  # the in-memory database's name in SQL
LOADED = "loaded"  # its table of (snapshot_id, table_name) pairs held
MAX_SNAPSHOTS = 4  # the shown snapshot, a comparison and a few sessions' past ones
SETUP = "resident-tables"


class _Held:
    """What one connection holds: the pairs loaded (snapshots in least
    recently used order), and how many running queries hold each snapshot."""

    def __init__(self) -> None:
        self.tables: collections.OrderedDict[str, set[str]] = collections.OrderedDict()
        self.users: collections.Counter[str] = collections.Counter()
        self.lock = threading.Lock()  # guards tables and users
        self.loading = threading.Lock()  # one copy or drop at a time


_held: dict[lake.Location, _Held] = {}


def setup_sql() -> str:
    """The in-memory database: each schema table with the lake's columns
    (snapshot_id first), and the pairs it holds."""
    statements = [f"attach if not exists ':memory:' as {ALIAS}",
                  f"create table if not exists {ALIAS}.{LOADED} ({ID_COLUMN} varchar not null, "
                  "table_name varchar not null)"]
    for name in schema.TABLE_NAMES:
        statements.append(
            f'create table if not exists {ALIAS}."{name}" as select * from {lake.ALIAS}."{name}" limit 0'
        )
    return ";\n".join(statements) + ";\n"


def of_macro_sql(name: str) -> str:
    """`<name>_of(snapshot)`: the snapshot's rows of the table, from memory.
    The check joins the pair's row in `loaded` (one row, or an error when
    the table of that snapshot is not resident; a NULL snapshot reads
    nothing), so a missing copy never reads as an empty table."""
    return (
        f"create or replace macro {name}_of(snapshot) as table\n"
        f'  select t.* exclude ({ID_COLUMN}) from {ALIAS}."{name}" as t\n'
        f"  where t.{ID_COLUMN} = (\n"
        f"    select case when snapshot is null or count(*) = 1 then snapshot\n"
        f"      else error('not resident: {name} of ' || snapshot) end\n"
        f"    from {ALIAS}.{LOADED} as l where l.{ID_COLUMN} = snapshot and l.table_name = '{name}'\n"
        f"  );"
    )


def _state(place: lake.Location) -> _Held:
    held = _held.get(place)
    if held is None:
        raise RuntimeError("resident tables are not set up on this connection")
    return held


def setup(con: duckdb.DuckDBPyConnection, place: lake.Location) -> None:
    """Attach the in-memory database (once per connection: runner.cursor)."""
    con.execute(setup_sql())
    _held[place] = _Held()


@contextlib.contextmanager
def holding(store: Store, snapshot_ids: Iterable[str | None], tables: Iterable[str]) -> Iterator[None]:
    """Make `tables` of the snapshots resident and keep them until the block ends."""
    held = _state(store.place)
    ids = [s for s in dict.fromkeys(snapshot_ids) if s]
    wanted = set(tables)
    with held.lock:
        held.users.update(ids)
    try:
        for snapshot_id in ids:
            _load(store, held, snapshot_id, wanted)
        yield
    finally:
        with held.lock:
            held.users.subtract(ids)
        _drop_unused(store, held)


def _load(store: Store, held: _Held, snapshot_id: str, wanted: set[str]) -> None:
    with held.lock:
        have = held.tables.get(snapshot_id)
        if have is not None:
            held.tables.move_to_end(snapshot_id)
            if wanted <= have:
                return
    with held.loading:
        have = held.tables.get(snapshot_id, set())
        missing = sorted(wanted - have)
        if missing:
            _copy(store, snapshot_id, missing)
        with held.lock:
            held.tables[snapshot_id] = have | set(missing)
            held.tables.move_to_end(snapshot_id)


def _copy(store: Store, snapshot_id: str, names: list[str]) -> None:
    """Copy the snapshot's rows of the tables into memory, in one transaction
    (the statements name only the schema's tables; the snapshot id is bound).
    A table the snapshot's metadata counts no rows of is marked loaded
    without a scan of the lake (Store.read says why)."""
    meta = store.get(snapshot_id)
    cur = store.cursor()
    try:
        with lake.reaching(store.place):
            cur.execute("begin")
            try:
                for name in names:
                    if not meta.holds_no_rows(name):
                        cur.execute(f'insert into {ALIAS}."{name}" select * from {lake.ALIAS}."{name}" '
                                    f"where {ID_COLUMN} = $s", {"s": snapshot_id})
                    cur.execute(f"insert into {ALIAS}.{LOADED} values ($s, $t)", {"s": snapshot_id, "t": name})
                cur.execute("commit")
            except BaseException:
                cur.execute("rollback")
                raise
    finally:
        cur.close()


def _drop_unused(store: Store, held: _Held) -> None:
    """Drop the least recently used snapshots no query holds, down to MAX_SNAPSHOTS."""
    with held.lock:
        extra = len(held.tables) - MAX_SNAPSHOTS
        if extra <= 0:
            return
        victims = [s for s in held.tables if held.users[s] <= 0][:extra]
    _drop(store, held, victims)


def drop_all(store: Store) -> None:
    """Drop every resident snapshot no running query holds: the next query
    copies its tables from the lake again (bench/scaling.py's cold runs)."""
    held = _held.get(store.place)
    if held is None:
        return
    with held.lock:
        victims = list(held.tables)
    _drop(store, held, victims)


def _drop(store: Store, held: _Held, victims: list[str]) -> None:
    """Drop those of the snapshots that no query holds (asked again under the
    lock: a query may have asked for one meanwhile), in one transaction."""
    if not victims:
        return
    with held.loading:
        with held.lock:
            dropped = {s: held.tables.pop(s) for s in victims if held.users[s] <= 0 and s in held.tables}
        if not dropped:
            return
        try:
            _delete(store, list(dropped))
        except BaseException:
            with held.lock:  # nothing was deleted (one transaction): they are still there
                held.tables.update(dropped)
            raise


def _delete(store: Store, snapshot_ids: list[str]) -> None:
    """Delete the snapshots' rows from memory, in one transaction (the
    statements name only the schema's tables; the ids are bound)."""
    cur = store.cursor()
    try:
        cur.execute("begin")
        try:
            cur.execute(f"delete from {ALIAS}.{LOADED} where list_contains($ids, {ID_COLUMN})", {"ids": snapshot_ids})
            for name in schema.TABLE_NAMES:
                cur.execute(f'delete from {ALIAS}."{name}" where list_contains($ids, {ID_COLUMN})',
                            {"ids": snapshot_ids})
            cur.execute("commit")
        except BaseException:
            cur.execute("rollback")
            raise
    finally:
        cur.close()


def resident_snapshots(store: Store) -> list[str]:
    """The snapshots held, least recently used first (tests, bench)."""
    held = _state(store.place)
    with held.lock:
        return list(held.tables)
