"""The snapshot store: immutable snapshots of every table, in a DuckLake.

Each table of the schema is one lake table with the snapshot's id as its first
column (``snapshot_id``), append-only: a snapshot's rows are inserted once and
never changed, so one snapshot is ``where snapshot_id = ?`` and a trend over
every snapshot is one scan. Beside them:

- ``snapshots``: one row per snapshot (id, time, author, note, base, row
  counts, content hash, demo flag, schema version, extra);
- ``head``: one row, the id of the latest snapshot.

A commit is one DuckLake transaction: the rows of every table, the snapshot's
row, and ``head`` moved from the base to the new id. When another commit came
first, ``head`` no longer holds the base, or two racing commits both rewrite
the same ``head`` row and DuckLake lets only one of them commit: the other is
refused (SnapshotConflict), on one server or several. A commit is all there or
not there: a process killed mid-way leaves at most data files that no snapshot
of the catalog points to.

Tables the schema gains later are created when a store is opened; snapshots
written before read as having them empty. A store folder that holds snapshots
in the older folder layout (portfolio.store.folders) and no lake yet, such as
the bundled demo data, is copied into a new embedded lake when first opened.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import fcntl
import functools
import json
import threading
import time
from collections.abc import Iterable
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa

from portfolio.model import schema, validate
from portfolio.store import folders, lake
from portfolio.store.meta import (
    SCHEMA_VERSION,
    SnapshotConflict,
    SnapshotMeta,
    SnapshotNotFound,
    canonical,
    content_hash,
    next_meta,
    snapshot_id_for,
)

__all__ = ["SCHEMA_VERSION", "SnapshotConflict", "SnapshotMeta", "SnapshotNotFound", "Store", "canonical",
           "content_hash", "holds_snapshots", "snapshot_id_for", "verify"]

SNAPSHOTS_TABLE = "snapshots"
HEAD_TABLE = "head"
ID_COLUMN = "snapshot_id"
INIT_LOCK = ".lake-init.lock"
COMMIT_LOCK = ".lake-commit.lock"
_commit_locks: dict[lake.Location, threading.Lock] = {}
PREPARED = "store-tables"  # lake.once key: tables made, folder snapshots copied in
RECHECK_SECONDS = 1.0


@dataclasses.dataclass(frozen=True)
class _Listing:
    """A lake's snapshots as last read, and how the lake stood then."""

    version: int  # DuckLake's commit counter
    files: tuple | None  # the embedded catalog's files (Store._catalog_stat)
    checked_at: float  # time.monotonic() of the last question to the catalog
    metas: list[SnapshotMeta]


_listings: dict[lake.Location, _Listing] = {}
META_COLUMNS = (
    "snapshot_id varchar not null, created_at varchar not null, author varchar not null, note varchar not null, "
    "base_id varchar, row_counts varchar not null, content_hash varchar not null, is_demo boolean not null, "
    "schema_version integer not null, extra varchar not null"
)


@functools.cache
def table_ddl(name: str) -> str:
    """`create table` of a schema table in the lake: the snapshot id, then the
    declared columns with DuckDB's types for their Arrow types."""
    declared = schema.TABLES[name].arrow_schema
    con = duckdb.connect(":memory:")
    try:
        types = con.from_arrow(declared.empty_table()).types
    finally:
        con.close()
    columns = ", ".join(f'"{f.name}" {t}' for f, t in zip(declared, types, strict=True))
    return f'create table if not exists {lake.ALIAS}."{name}" ({ID_COLUMN} varchar not null, {columns})'


class Store:
    """Snapshots in the lake of a store folder (see portfolio.store.lake)."""

    def __init__(self, root: Path | str, *, catalog: str | None = None, data_path: str | None = None):
        self.root = Path(root)
        self.place = lake.location(self.root, catalog, data_path)

    def __repr__(self) -> str:
        return f"Store({self.place.describe()!r})"

    # -- the lake --------------------------------------------------------
    def cursor(self) -> duckdb.DuckDBPyConnection:
        """A cursor on the process's connection to this store's lake, with
        every table of the schema in place."""
        if not lake.is_done(self.place, PREPARED):
            with self._init_lock():  # attaching may create the catalog
                lake.once(self.place, PREPARED, self._prepare)
        return lake.connection(self.place).cursor()

    def _prepare(self, con: duckdb.DuckDBPyConnection) -> None:
        """Create the tables the lake lacks; for an embedded lake, copy in the
        snapshots its folder holds in the folder layout (the bundled demo
        data) that it does not have yet. Once per process and lake."""
        cur = con.cursor()
        try:
            existing = {row[0] for row in cur.execute(
                "select table_name from duckdb_tables() where database_name = $db", {"db": lake.ALIAS}
            ).fetchall()}
            wanted = [*schema.TABLE_NAMES, SNAPSHOTS_TABLE, HEAD_TABLE]
            if any(name not in existing for name in wanted):
                with lake.transaction(cur):
                    # every row in Parquet files (none inlined in the catalog), compressed as the folder layout was
                    cur.execute(f"call {lake.ALIAS}.set_option('data_inlining_row_limit', 0)")
                    cur.execute(f"call {lake.ALIAS}.set_option('parquet_compression', 'zstd')")
                    for name in schema.TABLE_NAMES:
                        if name not in existing:
                            cur.execute(table_ddl(name))
                    if SNAPSHOTS_TABLE not in existing:
                        cur.execute(f"create table {lake.ALIAS}.{SNAPSHOTS_TABLE} ({META_COLUMNS})")
                    if HEAD_TABLE not in existing:
                        cur.execute(f"create table {lake.ALIAS}.{HEAD_TABLE} ({ID_COLUMN} varchar)")
                        cur.execute(f"insert into {lake.ALIAS}.{HEAD_TABLE} values (null)")
        finally:
            cur.close()
        if self.place.is_embedded:
            self.copy_from(folders.SnapshotFolders(self.root), con)

    def copy_from(self, source: folders.SnapshotFolders | Store, con=None) -> list[SnapshotMeta]:
        """Copy the snapshots of another store (the folder layout, or another
        lake) into this lake, in order,
        with their own ids, times, authors, notes and bases; each one's row
        counts and content hash checked. Idempotent: snapshots already here
        are skipped; the copy stops where this lake went its own way (its
        latest snapshot is not the source's previous one). Returns what was
        copied."""
        cur = con.cursor() if con is not None else self.cursor()
        copied = []
        try:
            present = {row[0] for row in cur.execute(f"select {ID_COLUMN} from {lake.ALIAS}.{SNAPSHOTS_TABLE}").fetchall()}
            previous = None
            for meta in source.list():
                if meta.snapshot_id not in present:
                    with self._writing():
                        if self._head(cur) != previous:
                            break
                        tables = source.read(meta.snapshot_id)
                        counts = {name: tables[name].num_rows for name in meta.row_counts}
                        if counts != meta.row_counts or content_hash(tables) != meta.content_hash:
                            raise ValueError(f"snapshot {meta.snapshot_id} in {source.root} does not match its metadata")
                        self._commit(cur, tables, meta, head=previous)
                        copied.append(meta)
                previous = meta.snapshot_id
        finally:
            cur.close()
        return copied

    @contextlib.contextmanager
    def _init_lock(self):
        """Embedded lakes are made by one process at a time (the app and the
        command line may open a new store folder at once)."""
        if not self.place.is_embedded:
            yield
            return
        self.root.mkdir(parents=True, exist_ok=True)
        with open(self.root / INIT_LOCK, "a+") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    # -- reading ---------------------------------------------------------
    def _version(self, cur: duckdb.DuckDBPyConnection) -> int:
        """The lake's own commit counter: read from its catalog directly
        (about a millisecond), so an unchanged store is not queried again."""
        return cur.execute(f"select max(snapshot_id) from {lake.METADATA}.ducklake_snapshot").fetchone()[0]

    def list(self) -> list[SnapshotMeta]:
        """Every snapshot, oldest first. Read again only after a commit: on an
        embedded lake a commit changes the catalog's files (a stat, no query;
        the catalog is asked at least once a second all the same), elsewhere
        the catalog's commit counter is asked (one small query)."""
        files = self._catalog_stat()
        cached = _listings.get(self.place)
        if cached is not None and files is not None and cached.files == files \
                and time.monotonic() - cached.checked_at < RECHECK_SECONDS:
            return list(cached.metas)
        cur = self.cursor()
        try:
            with lake.reaching(self.place):
                version = self._version(cur)
                if cached is not None and cached.version == version:
                    metas = cached.metas
                else:
                    metas = [_meta(row) for row in cur.execute(
                        f"select * from {lake.ALIAS}.{SNAPSHOTS_TABLE} order by created_at, snapshot_id"
                    ).fetchall()]
        finally:
            cur.close()
        _listings[self.place] = _Listing(version, files, time.monotonic(), metas)
        return list(metas)

    def _catalog_stat(self) -> tuple | None:
        """The embedded catalog's files as they stand (SQLite and its write-ahead log)."""
        if not self.place.is_embedded:
            return None
        found = []
        for path in (self.place.catalog_file, self.place.catalog_file.with_name(lake.CATALOG_FILE + "-wal")):
            try:
                stat = path.stat()
            except FileNotFoundError:
                found.append(None)
                continue
            found.append((stat.st_ino, stat.st_size, stat.st_mtime_ns))
        return tuple(found)

    def latest(self) -> SnapshotMeta | None:
        metas = self.list()
        return metas[-1] if metas else None

    def get(self, snapshot_id: str) -> SnapshotMeta:
        for meta in self.list():
            if meta.snapshot_id == snapshot_id:
                return meta
        raise SnapshotNotFound(snapshot_id)

    def read_columns(self, snapshot_id: str, table: str, columns: list[str]) -> pa.Table:
        """Only the named columns of one table of a snapshot: the others are not
        read from the data files (the public projection relies on it)."""
        cur = self.cursor()
        try:
            with lake.reaching(self.place):
                return _select_columns(cur, snapshot_id, table, columns)
        finally:
            cur.close()

    def read(self, snapshot_id: str, *, every_table: bool = False,
             tables: Iterable[str] | None = None) -> dict[str, pa.Table]:
        """Every table of a snapshot (or the named `tables`), in the declared schema, in one
        transaction (DuckLake looks up its snapshot once: a quarter less time than a transaction
        per table). A table its metadata counts no rows of is not looked for on the lake (a scan
        of a table that never held a row costs 15–40 ms: DuckLake keeps no statistics of it);
        `every_table` reads them all (verify)."""
        meta = self.get(snapshot_id)
        names = schema.TABLE_NAMES if tables is None else [n for n in schema.TABLE_NAMES if n in set(tables)]
        scanned = [n for n in names if every_table or not meta.holds_no_rows(n)]
        read: dict[str, pa.Table] = {}
        if scanned:
            cur = self.cursor()
            try:
                with lake.reaching(self.place), lake.transaction(cur, only_reads=True):
                    for name in scanned:
                        read[name] = _select_columns(cur, snapshot_id, name, schema.TABLES[name].column_names)
            finally:
                cur.close()
        return {name: canonical(name, read[name]) if name in read else schema.TABLES[name].arrow_schema.empty_table()
                for name in names}

    def read_frames(self, snapshot_id: str, tables: Iterable[str] | None = None) -> dict[str, pd.DataFrame]:
        return {name: t.to_pandas() for name, t in self.read(snapshot_id, tables=tables).items()}

    # -- writing ---------------------------------------------------------
    def write(
        self,
        tables: dict[str, pd.DataFrame | pa.Table],
        *,
        author: str,
        note: str,
        base_id: str | None = None,
        check_base: bool = True,
        created_at: dt.datetime | None = None,
        is_demo: bool = False,
    ) -> SnapshotMeta:
        """Validate and commit a new snapshot; return its metadata.

        With `check_base`, refuse (SnapshotConflict) when the latest snapshot
        is not `base_id`: another commit came first. Raises
        validate.ValidationFailed with every problem when the data is invalid.
        """
        frames = {name: (t.to_pandas() if isinstance(t, pa.Table) else t) for name, t in tables.items()}
        arrow = validate.prepare(frames)
        cur = self.cursor()
        try:
            with self._writing(), lake.reaching(self.place):
                latest = self._latest_in(cur)
                meta = next_meta(latest, arrow, author=author, note=note, base_id=base_id, check_base=check_base,
                                 created_at=created_at, is_demo=is_demo)
                self._commit(cur, arrow, meta, head=latest.snapshot_id if latest else None)
        finally:
            cur.close()
        return meta

    @contextlib.contextmanager
    def _writing(self):
        """On an embedded lake, one commit at a time: in this process (a
        lock per lake) and on this machine (a file lock), so SQLite never
        turns a writer away as busy. The head row decides conflicts either
        way; on PostgreSQL, DuckLake's own conflict check does this."""
        if not self.place.is_embedded:
            yield
            return
        with _commit_locks.setdefault(self.place, threading.Lock()), open(self.root / COMMIT_LOCK, "a+") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def _latest_in(self, cur: duckdb.DuckDBPyConnection) -> SnapshotMeta | None:
        row = cur.execute(
            f"select s.* from {lake.ALIAS}.{HEAD_TABLE} as h "
            f"inner join {lake.ALIAS}.{SNAPSHOTS_TABLE} as s using ({ID_COLUMN})"
        ).fetchone()
        return _meta(row) if row else None

    def _commit(self, cur, arrow: dict[str, pa.Table], meta: SnapshotMeta, head: str | None = ...) -> None:
        """One transaction: every table's rows, the snapshot's row, and the
        head moved from `head` (default: the snapshot's base) to the snapshot."""
        expected = meta.base_id if head is ... else head
        cur.execute("begin")
        try:
            for name in schema.TABLE_NAMES:
                if not arrow[name].num_rows:
                    continue  # nothing to insert (and an insert into a table that never held a row costs a scan)
                cur.register("incoming", canonical(name, arrow[name]))
                cur.execute(
                    f'insert into {lake.ALIAS}."{name}" select $id, * from incoming', {"id": meta.snapshot_id}
                )
                cur.unregister("incoming")
            cur.execute(
                f"insert into {lake.ALIAS}.{SNAPSHOTS_TABLE} values "
                "($id, $created_at, $author, $note, $base_id, $row_counts, $content_hash, $is_demo, "
                "$schema_version, $extra)",
                {
                    "id": meta.snapshot_id, "created_at": meta.created_at, "author": meta.author,
                    "note": meta.note, "base_id": meta.base_id, "row_counts": json.dumps(meta.row_counts),
                    "content_hash": meta.content_hash, "is_demo": meta.is_demo,
                    "schema_version": meta.schema_version, "extra": json.dumps(meta.extra, ensure_ascii=False),
                },
            )
            moved = cur.execute(
                f"update {lake.ALIAS}.{HEAD_TABLE} set {ID_COLUMN} = $new where {ID_COLUMN} is not distinct from $old",
                {"new": meta.snapshot_id, "old": expected},
            ).fetchone()[0]
            if moved != 1:
                raise SnapshotConflict(meta.base_id, self._head(cur))
            cur.execute(
                f"call {lake.ALIAS}.set_commit_message($author, $note, extra_info => $extra)",
                {"author": meta.author, "note": meta.note,
                 "extra": json.dumps({"snapshot_id": meta.snapshot_id, "base_id": meta.base_id})},
            )
            cur.execute("commit")
        except duckdb.TransactionException as err:
            _rollback(cur)
            raise SnapshotConflict(meta.base_id, self._head(cur)) from err
        except BaseException:
            _rollback(cur)
            raise

    def _head(self, cur) -> str | None:
        with contextlib.suppress(duckdb.Error):
            return cur.execute(f"select {ID_COLUMN} from {lake.ALIAS}.{HEAD_TABLE}").fetchone()[0]
        return None


def _select_columns(cur: duckdb.DuckDBPyConnection, snapshot_id: str, table: str, columns: list[str]) -> pa.Table:
    """The named columns (checked against the schema) of a table of a snapshot (bound)."""
    declared = schema.TABLES[table].column_names
    unknown = [c for c in columns if c not in declared]
    if unknown:
        raise KeyError(unknown)
    selected = ", ".join(f'"{c}"' for c in columns)
    sql = f'select {selected} from {lake.ALIAS}."{table}" where {ID_COLUMN} = $id'
    return cur.execute(sql, {"id": snapshot_id}).to_arrow_table()


def _rollback(cur) -> None:
    with contextlib.suppress(duckdb.Error):
        cur.execute("rollback")


def _meta(row: tuple) -> SnapshotMeta:
    (snapshot_id, created_at, author, note, base_id, row_counts, digest, is_demo, version, extra) = row
    return SnapshotMeta(
        snapshot_id=snapshot_id, created_at=created_at, author=author, note=note, base_id=base_id,
        row_counts=json.loads(row_counts), content_hash=digest, is_demo=bool(is_demo),
        schema_version=version, extra=json.loads(extra),
    )


def holds_snapshots(root: Path | str) -> bool:
    """Whether a store folder holds snapshots, in its lake or in the folder
    layout; an empty folder is left as it is (no lake is made to find out)."""
    root = Path(root)
    if folders.SnapshotFolders(root).list():
        return True
    place = lake.location(root)
    if place.is_embedded and not place.catalog_file.exists():
        return False
    return bool(Store(root).list())


def verify(store: Store, snapshot_id: str) -> bool:
    """True when the snapshot's content still matches its recorded hash."""
    meta = store.get(snapshot_id)
    return content_hash(store.read(snapshot_id, every_table=True)) == meta.content_hash
