"""What every snapshot carries, wherever it is stored: its metadata, its id
and the hash of its content (portfolio.store.snapshots keeps snapshots in the
lake, portfolio.store.folders as plain Parquet folders)."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import asdict, dataclass, field

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from portfolio.model import schema

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

    def holds_no_rows(self, table: str) -> bool:
        """The snapshot has no rows of `table`, by its row counts (a table
        added to the schema later is counted only when it has rows)."""
        count = self.row_counts.get(table)
        return count == 0 or (count is None and schema.TABLES[table].is_later)

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
        if schema.TABLES[name].is_later and (name not in tables or tables[name].num_rows == 0):
            continue  # an empty table added later: the hash of a snapshot written before stays the same
        table = canonical(name, tables[name])
        digest.update(f"table:{name}:{table.num_rows}".encode())
        for column_name, column in zip(table.column_names, table.columns, strict=False):
            digest.update(f"column:{column_name}".encode())
            _digest_array(digest, column.combine_chunks())
    return digest.hexdigest()


def row_counts(tables: dict[str, pa.Table]) -> dict[str, int]:
    """Rows per table, in schema order; a table added later counts only when
    it has rows (as in the content hash)."""
    return {name: tables[name].num_rows for name in schema.TABLE_NAMES
            if not schema.TABLES[name].is_later or (name in tables and tables[name].num_rows)}


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


def next_meta(latest: SnapshotMeta | None, tables: dict[str, pa.Table], *, author: str, note: str,
              base_id: str | None, check_base: bool, created_at: dt.datetime | None, is_demo: bool) -> SnapshotMeta:
    """The metadata of the snapshot to commit on top of `latest` (a store
    calls this under its commit lock or in its commit transaction).

    With `check_base`, refuse (SnapshotConflict) when `latest` is not
    `base_id`. The id is the creation time, a millisecond after the latest
    snapshot's when the clock has not moved on; an explicit `created_at`
    must come after it."""
    latest_id = latest.snapshot_id if latest else None
    if check_base and latest_id != base_id:
        raise SnapshotConflict(base_id, latest_id)
    created = (created_at or dt.datetime.now(dt.UTC)).astimezone(dt.UTC)
    if latest is not None and created <= latest.created:
        if created_at is not None:
            raise ValueError("created_at must be after the latest snapshot")
        created = latest.created + dt.timedelta(milliseconds=1)
    return SnapshotMeta(
        snapshot_id=snapshot_id_for(created),
        created_at=created.isoformat(timespec="milliseconds"),
        author=author,
        note=note,
        base_id=base_id,
        row_counts=row_counts(tables),
        content_hash=content_hash(tables),
        is_demo=is_demo,
    )
