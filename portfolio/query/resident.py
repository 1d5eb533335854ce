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
every snapshot, which memory should not hold at national scale. One exception,
for the status trend on the overview, which every filter change runs again:
the initiatives' *versions* (`initiative_versions_through(snapshot)`): each
distinct combination of the columns the trend filters and counts by
(VERSION_COLUMNS) across every snapshot up to the newest one asked for, with
the numbers of the snapshots that hold it (`version_snapshots_through`). An
initiative's phase and status change now and then, the rest seldom, so there
are about 5 % as many versions as initiative rows (27 000 for 10 000
initiatives × 52 snapshots), built in one scan of the lake when a query
first asks for a snapshot beyond those covered (`holding_versions`).
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
VERSIONS = "initiative_versions"  # the versions' table, and their mark in `loaded`
VERSION_SNAPSHOTS = "version_snapshots"  # (snapshot_no, snapshot_id) of the snapshots covered
VERSION_COLUMNS = ("initiative_id", "parent_id", "owner_area", "phase", "focus_areas", "target_groups",
                   "status_overall")


class _Held:
    """What one connection holds: the pairs loaded (snapshots in least
    recently used order), and how many running queries hold each snapshot."""

    def __init__(self) -> None:
        self.tables: collections.OrderedDict[str, set[str]] = collections.OrderedDict()
        self.users: collections.Counter[str] = collections.Counter()
        self.lock = threading.Lock()  # guards tables and users
        self.loading = threading.Lock()  # one copy or drop at a time
        self.versions_through: str | None = None  # the newest snapshot the versions cover
        self.versions_loading = threading.Lock()  # one build of the versions at a time (not `loading`:
        # a build reads every snapshot, and other queries' copies need not wait for it)


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
    columns = ", ".join(VERSION_COLUMNS)
    statements.append(f"create table if not exists {ALIAS}.{VERSIONS} as select {columns}, "
                      f"[]::integer[] as snapshot_nos from {lake.ALIAS}.initiatives limit 0")
    statements.append(f"create table if not exists {ALIAS}.{VERSION_SNAPSHOTS} "
                      f"(snapshot_no integer not null, {ID_COLUMN} varchar not null)")
    return ";\n".join(statements) + ";\n"


def versions_macros_sql() -> str:
    """`version_snapshots_through(snapshot)`: the snapshots up to that one
    that hold initiatives, numbered in order; `initiative_versions_through(snapshot)`:
    every version (VERSION_COLUMNS) with `snapshot_nos`, the numbers of the
    snapshots that hold it (numbers of later snapshots too: join to the
    first). Both an error unless the versions cover the snapshot."""
    covered = (f"(select case when snapshot is null or max(l.{ID_COLUMN}) >= snapshot then snapshot\n"
               f"      else error('not resident: {VERSIONS} through ' || snapshot) end\n"
               f"    from {ALIAS}.{LOADED} as l where l.table_name = '{VERSIONS}')")
    return (
        f"create or replace macro {VERSION_SNAPSHOTS}_through(snapshot) as table\n"
        f"  select s.snapshot_no, s.{ID_COLUMN} from {ALIAS}.{VERSION_SNAPSHOTS} as s\n"
        f"  where s.{ID_COLUMN} <= {covered};\n"
        f"create or replace macro {VERSIONS}_through(snapshot) as table\n"
        f"  select v.* from {ALIAS}.{VERSIONS} as v\n"
        f"  where {covered} is not null;\n"
    )


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
        with lake.reaching(store.place), lake.transaction(cur):
            for name in names:
                if not meta.holds_no_rows(name):
                    cur.execute(f'insert into {ALIAS}."{name}" select * from {lake.ALIAS}."{name}" '
                                f"where {ID_COLUMN} = $s", {"s": snapshot_id})
                cur.execute(f"insert into {ALIAS}.{LOADED} values ($s, $t)", {"s": snapshot_id, "t": name})
    finally:
        cur.close()


@contextlib.contextmanager
def holding_versions(store: Store, snapshot_id: str | None) -> Iterator[None]:
    """Make the initiatives' versions cover every snapshot up to `snapshot_id`
    (built again from the lake when they cover less; never dropped while
    the block runs: only a rebuild or `drop_all` replaces them)."""
    held = _state(store.place)
    if snapshot_id:
        with held.versions_loading:
            if held.versions_through is None or held.versions_through < snapshot_id:
                _copy_versions(store, snapshot_id)
                held.versions_through = snapshot_id
    yield


def _copy_versions(store: Store, snapshot_id: str) -> None:
    """The versions of every snapshot up to `snapshot_id`, in place of those
    held, in one transaction and two scans of the lake (the statements name
    only the schema's columns; the snapshot id is bound)."""
    columns = ", ".join(VERSION_COLUMNS)
    source = f'{lake.ALIAS}."initiatives"'
    cur = store.cursor()
    try:
        with lake.reaching(store.place), lake.transaction(cur):
            _clear_versions(cur)
            cur.execute(f"insert into {ALIAS}.{VERSION_SNAPSHOTS} "
                        f"select (row_number() over (order by {ID_COLUMN}) - 1)::integer, {ID_COLUMN} "
                        f"from (select distinct {ID_COLUMN} from {source} where {ID_COLUMN} <= $s)",
                        {"s": snapshot_id})
            cur.execute(f"insert into {ALIAS}.{VERSIONS} "
                        f"select {columns}, list(n.snapshot_no order by n.snapshot_no) "
                        f"from {source} as i join {ALIAS}.{VERSION_SNAPSHOTS} as n using ({ID_COLUMN}) "
                        f"where i.{ID_COLUMN} <= $s group by {columns}", {"s": snapshot_id})
            cur.execute(f"insert into {ALIAS}.{LOADED} values ($s, '{VERSIONS}')", {"s": snapshot_id})
    finally:
        cur.close()


def _clear_versions(cur: duckdb.DuckDBPyConnection) -> None:
    cur.execute(f"delete from {ALIAS}.{LOADED} where table_name = '{VERSIONS}'")
    cur.execute(f"delete from {ALIAS}.{VERSIONS}")
    cur.execute(f"delete from {ALIAS}.{VERSION_SNAPSHOTS}")


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
    with held.versions_loading:
        cur = store.cursor()
        try:
            _clear_versions(cur)
        finally:
            cur.close()
        held.versions_through = None


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
        with lake.transaction(cur):
            cur.execute(f"delete from {ALIAS}.{LOADED} where list_contains($ids, {ID_COLUMN}) "
                        f"and table_name <> '{VERSIONS}'", {"ids": snapshot_ids})  # the versions stay
            for name in schema.TABLE_NAMES:
                cur.execute(f'delete from {ALIAS}."{name}" where list_contains($ids, {ID_COLUMN})',
                            {"ids": snapshot_ids})
    finally:
        cur.close()


def resident_snapshots(store: Store) -> list[str]:
    """The snapshots held, least recently used first (tests, bench)."""
    held = _state(store.place)
    with held.lock:
        return list(held.tables)
