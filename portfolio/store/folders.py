"""Snapshots as plain folders of Parquet files: the format the bundled demo
data is kept in (byte for byte reproducible, readable without our code), the
format `python -m portfolio export` writes, and the store layout before the
DuckLake store (portfolio.store.snapshots), which `migrate-store` reads.

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
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import json
import os
import shutil
import uuid
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from portfolio.model import schema, validate
from portfolio.store.meta import SnapshotMeta, SnapshotNotFound, canonical, content_hash, next_meta

SNAPSHOTS = "snapshots"
META_FILE = "_snapshot.json"
PREFIX = "snapshot="
TMP_PREFIX = ".tmp-"
LOCK_FILE = ".lock"


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


class SnapshotFolders:
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
        return {name: self._read_table(snapshot_id, name) for name in schema.TABLE_NAMES}

    def _read_table(self, snapshot_id: str, name: str) -> pa.Table:
        path = self.path(snapshot_id, name)
        if not path.exists() and schema.TABLES[name].is_later:
            return schema.TABLES[name].arrow_schema.empty_table()  # written before the table existed
        return canonical(name, pq.read_table(path, partitioning=None))

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
                meta = next_meta(self.latest(), arrow, author=author, note=note, base_id=base_id,
                                 check_base=check_base, created_at=created_at, is_demo=is_demo)
                snapshot_id = meta.snapshot_id
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


def write_files(out_dir: Path, tables: dict[str, pa.Table], meta: SnapshotMeta) -> None:
    """One snapshot as plain files in `out_dir`: `<table>.parquet` per table
    and its metadata in `_snapshot.json` (`python -m portfolio export`)."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    for name in schema.TABLE_NAMES:
        pq.write_table(canonical(name, tables[name]), out_dir / f"{name}.parquet", compression="zstd")
    (out_dir / META_FILE).write_text(json.dumps(meta.to_json(), ensure_ascii=False, indent=2) + "\n")


def _read_meta(path: Path) -> SnapshotMeta:
    data = json.loads(path.read_text())
    return SnapshotMeta(**data)


def verify(store: SnapshotFolders, snapshot_id: str) -> bool:
    """True when the snapshot's content still matches its recorded hash."""
    meta = store.get(snapshot_id)
    return content_hash(store.read(snapshot_id)) == meta.content_hash
