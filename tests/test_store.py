"""The snapshot store on real Parquet files in temporary folders."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from conftest import ROOT, initiative, kill_9_after, small_portfolio, tables
from portfolio.model import schema
from portfolio.model.validate import ValidationFailed
from portfolio.store import snapshots as store_mod
from portfolio.store.snapshots import SnapshotConflict, Store


def test_round_trip_keeps_every_value(store):
    data = small_portfolio(3)
    data["initiatives"].loc[0, "status_summary"] = "Tekst med æøå, emoji 🚀 og <script>alert(1)</script>"
    data["initiatives"].at[1, "partners"] = ["UiA", "Joint Action Analytics"]
    meta = store.write(data, author="Kari", note="Første", base_id=None)

    assert store.list() == [meta]
    assert meta.row_counts == {"initiatives": 3, "budgets": 3, "milestones": 3}
    assert (meta.author, meta.note, meta.base_id) == ("Kari", "Første", None)
    back = store.read_frames(meta.snapshot_id)
    for name in schema.TABLE_NAMES:
        assert list(back[name].columns) == schema.TABLES[name].column_names
    row0 = back["initiatives"].iloc[0]
    assert row0["status_summary"] == "Tekst med æøå, emoji 🚀 og <script>alert(1)</script>"
    assert list(back["initiatives"].iloc[1]["partners"]) == ["UiA", "Joint Action Analytics"]
    assert back["initiatives"].iloc[0]["start_date"] == dt.date(2024, 1, 1)
    assert store_mod.verify(store, meta.snapshot_id)

    # a second write of the same data has the same content hash and a later id
    again = store.write(back, author="Kari", note="Uendret", base_id=meta.snapshot_id)
    assert again.content_hash == meta.content_hash
    assert again.snapshot_id > meta.snapshot_id
    assert [m.snapshot_id for m in store.list()] == [meta.snapshot_id, again.snapshot_id]


def test_files_are_plain_hive_partitioned_parquet(store):
    meta = store.write(small_portfolio(2), author="a", note="n")
    folder = store.folder(meta.snapshot_id)
    assert folder.name == f"snapshot={meta.snapshot_id}"
    assert sorted(p.name for p in folder.iterdir()) == [
        "_snapshot.json", "budgets.parquet", "initiatives.parquet", "milestones.parquet",
    ]
    # pandas alone
    assert len(pd.read_parquet(folder / "initiatives.parquet")) == 2
    # DuckDB alone, hive partitioning over every snapshot
    rows = duckdb.sql(
        f"select snapshot, count(*) as n from read_parquet('{store.glob('milestones')}', "
        "hive_partitioning = true) group by snapshot"
    ).fetchall()
    assert rows == [(meta.snapshot_id, 2)]
    # written once, read-only after
    for path in folder.iterdir():
        assert not os.stat(path).st_mode & 0o222


def test_conflict_when_another_commit_came_first(store):
    first = store.write(small_portfolio(1), author="a", note="1")
    store.write(small_portfolio(2), author="b", note="2", base_id=first.snapshot_id)
    before = sorted(os.listdir(store.snapshots_dir))
    with pytest.raises(SnapshotConflict):
        store.write(small_portfolio(3), author="c", note="3", base_id=first.snapshot_id)
    assert sorted(os.listdir(store.snapshots_dir)) == before


def test_invalid_data_writes_nothing_and_names_every_problem(store):
    data = small_portfolio(2)
    data["initiatives"].loc[0, "phase"] = "Ferdig"
    data["initiatives"].loc[1, "parent_id"] = "finnes-ikke"
    data["budgets"].loc[0, "budget_nok"] = -1
    with pytest.raises(ValidationFailed) as err:
        store.write(data, author="a", note="n")
    messages = [str(p) for p in err.value.problems]
    assert any("rad 2" in m and "«Fase»" in m and "«Ferdig»" in m for m in messages), messages
    assert any("rad 3" in m and "finnes-ikke" in m for m in messages), messages
    assert any("Budsjett" in m and "negativt" in m for m in messages), messages
    assert store.list() == []
    assert not list(store.snapshots_dir.glob("snapshot=*"))
    assert not list(store.snapshots_dir.glob(".tmp-*"))


def test_leftovers_of_an_interrupted_write_are_ignored_and_cleaned(store):
    meta = store.write(small_portfolio(1), author="a", note="n")
    dead = store.snapshots_dir / ".tmp-999999-deadbeef"
    dead.mkdir()
    (dead / "initiatives.parquet").write_bytes(b"PAR1 half a file")
    half = store.snapshots_dir / "snapshot=20990101T000000.000Z"
    half.mkdir()  # a folder without metadata is not a snapshot
    assert store.list() == [meta]
    duck = duckdb.sql(
        f"select distinct snapshot from read_parquet('{store.glob('initiatives')}', hive_partitioning = true)"
    ).fetchall()
    assert duck == [(meta.snapshot_id,)]
    store.write(small_portfolio(2), author="a", note="n2", base_id=meta.snapshot_id)
    assert not dead.exists()


WRITER = textwrap.dedent(
    """
    import sys
    sys.path[:0] = [{root!r}, {tests!r}]
    from conftest import small_portfolio
    from portfolio.store.snapshots import Store
    store = Store({data!r})
    base = store.latest().snapshot_id if store.latest() else None
    for i in range({count}):
        meta = store.write(small_portfolio(200 + i), author="writer", note=str(i), base_id=base)
        base = meta.snapshot_id
        print(i, flush=True)
    """
)


def _writer(data: Path, count: int) -> subprocess.Popen:
    code = WRITER.format(root=str(ROOT), tests=str(ROOT / "tests"), data=str(data), count=count)
    return subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)


def _check_complete(store: Store) -> int:
    checked = 0
    for meta in store.list():
        frames = store.read_frames(meta.snapshot_id)
        assert {k: len(v) for k, v in frames.items()} == meta.row_counts
        assert store_mod.verify(store, meta.snapshot_id)
        checked += 1
    return checked


def test_reader_during_writes_never_sees_a_partial_snapshot(tmp_path):
    data = tmp_path / "data"
    writer = _writer(data, 25)
    reader = Store(data)
    seen = set()
    try:
        while writer.poll() is None:
            for meta in reader.list():
                if meta.snapshot_id in seen:
                    continue
                frames = reader.read_frames(meta.snapshot_id)
                assert {k: len(v) for k, v in frames.items()} == meta.row_counts
                assert store_mod.verify(reader, meta.snapshot_id)
                seen.add(meta.snapshot_id)
            if not seen:
                continue
            counted = duckdb.sql(
                f"select snapshot, count(*) from read_parquet('{reader.glob('initiatives')}', "
                "hive_partitioning = true) group by snapshot"
            ).fetchall()
            for snapshot_id, n in counted:
                assert n == reader.get(snapshot_id).row_counts["initiatives"]
    finally:
        writer.wait(timeout=120)
    assert writer.returncode == 0
    assert len(Store(data).list()) == 25
    assert len(seen) >= 2  # the reader really ran while the writer wrote


def test_kill_9_at_random_moments_leaves_only_complete_snapshots(tmp_path, kill_rng):
    """The moments come from a printed seed (conftest.kill_rng): a failure is
    reproduced with PORTFOLIO_TEST_SEED=<seed>."""
    data = tmp_path / "data"
    for _ in range(6):
        writer = _writer(data, 50)
        kill_9_after(writer, kill_rng.uniform(0.3, 1.5))
        store = Store(data)
        _check_complete(store)
    # the next write cleans up what the killed writers left
    store = Store(data)
    base = store.latest().snapshot_id if store.latest() else None
    store.write(small_portfolio(1), author="a", note="after", base_id=base)
    assert not list(store.snapshots_dir.glob(".tmp-*"))
    assert _check_complete(store) >= 1


def test_ids_sort_in_time_order_and_created_at_is_kept(store):
    first = store.write(small_portfolio(1), author="a", note="1",
                        created_at=dt.datetime(2021, 10, 18, 12, tzinfo=dt.UTC))
    second = store.write(small_portfolio(1), author="a", note="2", base_id=first.snapshot_id,
                         created_at=dt.datetime(2022, 3, 14, 12, tzinfo=dt.UTC))
    assert first.snapshot_id == "20211018T120000.000Z"
    assert second.snapshot_id == "20220314T120000.000Z"
    assert store.latest() == second
    with pytest.raises(ValueError):
        store.write(small_portfolio(1), author="a", note="3", base_id=second.snapshot_id,
                    created_at=dt.datetime(2021, 1, 1, tzinfo=dt.UTC))


def test_unknown_snapshot_is_refused(store):
    with pytest.raises(store_mod.SnapshotNotFound):
        store.read("20000101T000000.000Z")


def test_table_with_a_public_row_needs_a_public_summary(store):
    data = tables([initiative("a", is_public=True, public_summary=None)])
    with pytest.raises(ValidationFailed) as err:
        store.write(data, author="a", note="n")
    assert "offentlig sammendrag" in str(err.value)


def test_frames_read_back_validate_without_changes():
    """What the store returns passes validation as it is (lists as arrays, pandas text)."""
    from conftest import DEMO_DATA
    from portfolio.model import validate

    demo = Store(DEMO_DATA)
    for meta in demo.list():
        assert validate.validate(demo.read_frames(meta.snapshot_id)) == []
