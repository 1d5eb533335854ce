"""The snapshot store: immutable, hive-partitioned Parquet snapshots.

Layout under the data folder::

    snapshots/snapshot=<id>/initiatives.parquet
    snapshots/snapshot=<id>/budgets.parquet
    snapshots/snapshot=<id>/milestones.parquet
    snapshots/snapshot=<id>/_snapshot.json      (metadata)

A snapshot is written into a temporary folder beside the others, every file
fsynced, and renamed into place in one step: it is all there or not there.
Readers only look at `snapshot=*` folders, so leftovers of an interrupted
write (`.tmp-*`) are never read; the next write removes them. Nothing here
modifies or deletes a snapshot once it is in place.

Snapshot ids are the UTC creation time, e.g. ``20211018T120000.000Z``: they
sort in time order and plain DuckDB, pandas or Polars can read the files with
hive partitioning (column ``snapshot``).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import hashlib
import json
import os
import shutil
import uuid
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from portfolio.model import schema, validate

SNAPSHOTS = "snapshots"
META_FILE = "_snapshot.json"
PREFIX = "snapshot="
TMP_PREFIX = ".tmp-"
LOCK_FILE = ".lock"
SCHEMA_VERSION = 1
ID_FORMAT = "%Y%m%dT%H%M%S"


class SnapshotNotFound(LookupError):
    pass


class SnapshotConflict(RuntimeError):
    """Another snapshot was committed after the base this change was made on."""

    def __init__(self, base_id: str | None, latest_id: str | None):
        self.base_id = base_id
        self.latest_id = latest_id
        super().__init__(f"base {base_id} is not the latest snapshot ({latest_id})")


@dataclass(frozen=True)
class SnapshotMeta:
    snapshot_id: str
    created_at: str  # ISO 8601, UTC
    author: str
    note: str
    base_id: str | None
    row_counts: dict[str, int]
    content_hash: str
    is_demo: bool = False
    schema_version: int = SCHEMA_VERSION
    extra: dict = field(default_factory=dict)

    @property
    def created(self) -> dt.datetime:
        return dt.datetime.fromisoformat(self.created_at)

    def to_json(self) -> dict:
        return asdict(self)


def snapshot_id_for(created: dt.datetime) -> str:
    created = created.astimezone(dt.UTC)
    return f"{created.strftime(ID_FORMAT)}.{created.microsecond // 1000:03d}Z"


def content_hash(tables: dict[str, pa.Table]) -> str:
    """SHA-256 over the tables' values, in schema order.

    Computed from the values alone (not from file or memory layout), so the
    same data gives the same hash whoever wrote it and however it was read.
    """
    digest = hashlib.sha256()
    for name in schema.TABLE_NAMES:
        table = canonical(name, tables[name])
        digest.update(f"table:{name}:{table.num_rows}".encode())
        for column_name, column in zip(table.column_names, table.columns, strict=False):
            digest.update(f"column:{column_name}".encode())
            _digest_array(digest, column.combine_chunks())
    return digest.hexdigest()


def _digest_array(digest, array: pa.Array) -> None:
    digest.update(pc.is_null(array).to_numpy(zero_copy_only=False).tobytes())
    if pa.types.is_list(array.type):
        lengths = pc.fill_null(pc.list_value_length(array), -1)
        digest.update(lengths.to_numpy(zero_copy_only=False).astype("int64").tobytes())
        _digest_array(digest, pc.list_flatten(array))
        return
    text = pa.concat_arrays([pc.fill_null(pc.cast(array, pa.string()), "")])
    digest.update(pc.binary_length(text).to_numpy(zero_copy_only=False).astype("int64").tobytes())
    if len(text):
        offsets = np.frombuffer(text.buffers()[1], dtype=np.int32)
        start, end = int(offsets[text.offset]), int(offsets[text.offset + len(text)])
        digest.update(text.buffers()[2].to_pybytes()[start:end])


def canonical(name: str, table: pa.Table) -> pa.Table:
    """The table in the declared schema (field names, order, types), one chunk."""
    declared = schema.TABLES[name].arrow_schema
    return table.select(declared.names).cast(declared).combine_chunks()


def _fsync_path(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class Store:
    def __init__(self, root: Path | str):
        self.root = Path(root)
        self.snapshots_dir = self.root / SNAPSHOTS
        self._cache_key: tuple | None = None
        self._cache: list[SnapshotMeta] = []

    # -- reading ---------------------------------------------------------
    def list(self) -> list[SnapshotMeta]:
        """Every complete snapshot, oldest first."""
        try:
            stat = self.snapshots_dir.stat()
        except FileNotFoundError:
            return []
        key = (stat.st_mtime_ns, stat.st_ino)
        if key == self._cache_key:
            return list(self._cache)
        metas = []
        for entry in os.scandir(self.snapshots_dir):
            if not entry.name.startswith(PREFIX) or not entry.is_dir():
                continue
            meta_path = Path(entry.path) / META_FILE
            try:
                metas.append(_read_meta(meta_path))
            except FileNotFoundError:
                continue  # not a snapshot of ours
        metas.sort(key=lambda m: (m.created_at, m.snapshot_id))
        self._cache_key, self._cache = key, metas
        return list(metas)

    def latest(self) -> SnapshotMeta | None:
        metas = self.list()
        return metas[-1] if metas else None

    def get(self, snapshot_id: str) -> SnapshotMeta:
        for meta in self.list():
            if meta.snapshot_id == snapshot_id:
                return meta
        raise SnapshotNotFound(snapshot_id)

    def folder(self, snapshot_id: str) -> Path:
        return self.snapshots_dir / f"{PREFIX}{snapshot_id}"

    def path(self, snapshot_id: str, table: str) -> Path:
        if table not in schema.TABLES:
            raise KeyError(table)
        return self.folder(snapshot_id) / f"{table}.parquet"

    def glob(self, table: str) -> str:
        """A glob over every snapshot of a table, for hive-partitioned reads."""
        if table not in schema.TABLES:
            raise KeyError(table)
        return str(self.snapshots_dir / f"{PREFIX}*" / f"{table}.parquet")

    def read(self, snapshot_id: str) -> dict[str, pa.Table]:
        self.get(snapshot_id)
        return {
            name: canonical(name, pq.read_table(self.path(snapshot_id, name), partitioning=None))
            for name in schema.TABLE_NAMES
        }

    def read_frames(self, snapshot_id: str) -> dict[str, pd.DataFrame]:
        return {name: t.to_pandas() for name, t in self.read(snapshot_id).items()}

    # -- writing ---------------------------------------------------------
    @contextlib.contextmanager
    def _lock(self):
        self.snapshots_dir.mkdir(parents=True, exist_ok=True)
        with open(self.snapshots_dir / LOCK_FILE, "a+") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def _clean_leftovers(self) -> None:
        for entry in os.scandir(self.snapshots_dir):
            if not entry.name.startswith(TMP_PREFIX):
                continue
            try:
                pid = int(entry.name[len(TMP_PREFIX):].split("-")[0])
            except ValueError:
                pid = -1
            if pid != os.getpid() and (pid <= 0 or not _pid_alive(pid)):
                shutil.rmtree(entry.path, ignore_errors=True)

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
        """Validate and write a new snapshot; return its metadata.

        With `check_base`, refuse (SnapshotConflict) when the latest snapshot
        is not `base_id`: another commit came first. Raises
        validate.ValidationFailed with every problem when the data is invalid.
        """
        frames = {
            name: (t.to_pandas() if isinstance(t, pa.Table) else t) for name, t in tables.items()
        }
        arrow = validate.prepare(frames)
        digest = content_hash(arrow)
        counts = {name: arrow[name].num_rows for name in schema.TABLE_NAMES}

        self.snapshots_dir.mkdir(parents=True, exist_ok=True)
        tmp = self.snapshots_dir / f"{TMP_PREFIX}{os.getpid()}-{uuid.uuid4().hex}"
        tmp.mkdir()
        try:
            for name in schema.TABLE_NAMES:
                target = tmp / f"{name}.parquet"
                pq.write_table(arrow[name], target, compression="zstd")
                _fsync_path(target)
                os.chmod(target, 0o444)
            with self._lock():
                self._clean_leftovers()
                latest = self.latest()
                latest_id = latest.snapshot_id if latest else None
                if check_base and latest_id != base_id:
                    raise SnapshotConflict(base_id, latest_id)
                created = (created_at or dt.datetime.now(dt.UTC)).astimezone(dt.UTC)
                if latest is not None and created <= latest.created:
                    if created_at is not None:
                        raise ValueError("created_at must be after the latest snapshot")
                    created = latest.created + dt.timedelta(milliseconds=1)
                snapshot_id = snapshot_id_for(created)
                meta = SnapshotMeta(
                    snapshot_id=snapshot_id,
                    created_at=created.isoformat(timespec="milliseconds"),
                    author=author,
                    note=note,
                    base_id=base_id,
                    row_counts=counts,
                    content_hash=digest,
                    is_demo=is_demo,
                )
                meta_path = tmp / META_FILE
                meta_path.write_text(json.dumps(meta.to_json(), ensure_ascii=False, indent=2) + "\n")
                _fsync_path(meta_path)
                os.chmod(meta_path, 0o444)
                _fsync_path(tmp)
                os.rename(tmp, self.folder(snapshot_id))
                _fsync_path(self.snapshots_dir)
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
        return meta


def _read_meta(path: Path) -> SnapshotMeta:
    data = json.loads(path.read_text())
    return SnapshotMeta(**data)


def verify(store: Store, snapshot_id: str) -> bool:
    """True when the snapshot's content still matches its recorded hash."""
    meta = store.get(snapshot_id)
    return content_hash(store.read(snapshot_id)) == meta.content_hash
