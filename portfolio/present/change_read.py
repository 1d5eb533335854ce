"""The two snapshots the Changes page compares, narrowed in SQL to the rows
that can make a change (issue 20: nothing loads whole snapshots into pandas).

`narrowed` reads, for every table, the rows of the two snapshots that the
change engine (portfolio/model/diff.py `compare`) can find a change in, or
needs to describe one; the same `compare` then runs on these frames, so its
changes are those of the whole snapshots by construction:

- every key with a row that has no identical row in the other snapshot, both
  snapshots' rows of it (`queries/changes_<table>.sql`: a row equal in both
  normalises equally, so nothing changed in it; every rule of the engine
  looks at one key's rows at a time);
- the rows a rule needs although they are equal in both: milestones open and
  due before today (maybe newly overdue); the benefit of a changed
  measurement; the surveys of a changed score's series and their scores;
  the links of a changed Decidim row and the Decidim row of a changed link
  (each query's comment says which).

The queries read both snapshots on the lake in one scan per table
(`<table>_through`, the later snapshot as $snapshot_id) and group equal rows
away in DuckDB; only the rows left reach Python, as `Store.read_frames` gives
them (the declared Arrow types, then pandas). `initiatives` names the
initiatives a set of changes is about by a keyed read of only those.

`whole` reads both snapshots whole, as before: the reference the narrowed
read is tested and measured against.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from portfolio.model import diff, schema
from portfolio.query import runner
from portfolio.store import keyed
from portfolio.store.snapshots import ID_COLUMN, SnapshotMeta, Store, canonical

QUERIES = {name: f"changes_{name}" for name in schema.TABLE_NAMES}
NAME_COLUMNS = ["initiative_id", "name", "phase", "status_overall"]  # what the page shows of an initiative


@dataclasses.dataclass(frozen=True)
class Pair:
    """Two snapshots' tables as the change engine takes them (old, new), and
    how to look up the initiatives its changes name."""

    store: Store
    old_meta: SnapshotMeta
    new_meta: SnapshotMeta
    old: dict[str, pd.DataFrame]
    new: dict[str, pd.DataFrame]
    is_whole: bool = False

    def initiatives(self, ids: Iterable[str]) -> tuple[pd.DataFrame, pd.DataFrame]:
        """The old and the new snapshot's rows (NAME_COLUMNS at least) of
        these initiatives: the whole tables when the pair is whole, else a
        keyed read of only these ids."""
        if self.is_whole:
            return self.old["initiatives"], self.new["initiatives"]
        wanted = sorted({i for i in ids if isinstance(i, str) and i})
        return tuple(
            keyed.read_keyed(self.store, meta.snapshot_id, "initiatives", NAME_COLUMNS, "initiative_id",
                             wanted).to_pandas()
            for meta in (self.old_meta, self.new_meta)
        )


def whole(store: Store, old_meta: SnapshotMeta, new_meta: SnapshotMeta) -> Pair:
    """Both snapshots read whole (Store.read_frames)."""
    return Pair(store, old_meta, new_meta, store.read_frames(old_meta.snapshot_id),
                store.read_frames(new_meta.snapshot_id), is_whole=True)


def narrowed(store: Store, old_meta: SnapshotMeta, new_meta: SnapshotMeta, today) -> Pair:
    """Both snapshots' rows that can make a change seen on `today` (the date
    the new snapshot is seen on: diff.compare's `today`), or that one needs."""
    # <table>_through($snapshot_id) reads the snapshots whose id is not above it: the later id is $snapshot_id
    later, earlier = sorted((old_meta.snapshot_id, new_meta.snapshot_id), reverse=True)
    old, new = {}, {}
    for name in schema.TABLE_NAMES:
        if old_meta.holds_no_rows(name) and new_meta.holds_no_rows(name):
            rows = schema.TABLES[name].arrow_schema.empty_table().append_column(
                ID_COLUMN, pa.array([], pa.string()))
        else:
            rows = runner.run_arrow(store, QUERIES[name], {"snapshot_id": later, "compare_id": earlier, "today": today})
        old[name] = _side(name, rows, old_meta.snapshot_id)
        new[name] = _side(name, rows, new_meta.snapshot_id)
    return Pair(store, old_meta, new_meta, old, new)


def _side(name: str, rows: pa.Table, snapshot_id: str) -> pd.DataFrame:
    """One snapshot's rows, in the declared schema, as Store.read_frames gives them."""
    mine = rows.filter(pc.equal(rows[ID_COLUMN], pa.scalar(snapshot_id, rows.schema.field(ID_COLUMN).type)))
    return canonical(name, mine).to_pandas()


def compare(store: Store, old_meta: SnapshotMeta, new_meta: SnapshotMeta, today, threshold: int = 0) -> list:
    """diff.compare_snapshots' changes (the old side seen on its own date, the
    new one on `today`), from the narrowed rows."""
    pair = narrowed(store, old_meta, new_meta, today)
    return diff.compare(pair.old, pair.new, today=today, old_today=old_meta.created.date(),
                        budget_threshold_nok=threshold)
