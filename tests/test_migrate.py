"""`migrate-store` (folder layout or another lake → a DuckLake store) and
`export` (one snapshot as plain files), on real stores in temporary folders."""

from __future__ import annotations

import json

import pandas as pd
import pyarrow.parquet as pq

from conftest import DEMO_DATA, lake_counts, small_portfolio
from conftest import cli_in_process as cli
from portfolio.model import schema
from portfolio.store.folders import SnapshotFolders
from portfolio.store.snapshots import Store, content_hash, verify


def demo_folders(tmp_path):
    """The bundled demo in the folder layout only (no lake beside it)."""
    source = tmp_path / "demo"
    (source / "snapshots").mkdir(parents=True)
    for meta in SnapshotFolders(DEMO_DATA).list():
        folder = SnapshotFolders(DEMO_DATA).folder(meta.snapshot_id)
        target = source / "snapshots" / folder.name
        target.mkdir()
        for path in folder.iterdir():
            (target / path.name).write_bytes(path.read_bytes())
    return source


def test_migrate_keeps_every_snapshot_as_it_was_and_is_idempotent(tmp_path):
    source = demo_folders(tmp_path)
    target = tmp_path / "lake-store"
    first = cli("migrate-store", str(source), str(target))
    assert first.returncode == 0, first.stderr
    assert "Kopierte 9 øyeblikksbilder" in first.stdout and "0 fantes fra før" in first.stdout
    expected = SnapshotFolders(source).list()
    store = Store(target)
    assert store.list() == expected  # ids, times, authors, notes, bases, counts, hashes
    for meta in expected:
        assert content_hash(store.read(meta.snapshot_id)) == meta.content_hash
    again = cli("migrate-store", str(source), str(target))
    assert again.returncode == 0 and "Kopierte 0 øyeblikksbilder" in again.stdout and "9 fantes fra før" in again.stdout
    assert Store(target).list() == expected
    assert set(lake_counts(store, "initiatives")) == {m.snapshot_id for m in expected}
    assert cli("verify", data=target).returncode == 0


def test_migrate_from_one_lake_to_another_and_refuse_a_target_that_went_its_own_way(tmp_path):
    source = tmp_path / "a"
    store = Store(source)
    base = None
    for n in (1, 2, 3):
        base = store.write(small_portfolio(n), author="a", note=str(n), base_id=base).snapshot_id
    target = tmp_path / "b"
    assert cli("migrate-store", str(source), str(target)).returncode == 0
    assert Store(target).list() == store.list()
    # the source goes on; the target gets a snapshot of its own: the next copy stops, exit 3
    store.write(small_portfolio(4), author="a", note="4", base_id=base)
    Store(target).write(small_portfolio(5), author="b", note="egen", base_id=base)
    diverged = cli("migrate-store", str(source), str(target))
    assert diverged.returncode == 3, diverged.stdout + diverged.stderr
    assert "Stoppet ved øyeblikksbilde" in diverged.stderr
    assert [m.note for m in Store(target).list()] == ["1", "2", "3", "egen"]


def test_migrate_from_an_empty_folder_says_so(tmp_path):
    result = cli("migrate-store", str(tmp_path / "tom"), str(tmp_path / "b"))
    assert result.returncode == 2 and "Fant ingen øyeblikksbilder" in result.stderr
    assert not (tmp_path / "b").exists()


def test_export_writes_every_table_as_plain_parquet_and_csv_with_its_metadata(tmp_path):
    data = tmp_path / "data"
    store = Store(data)
    meta = store.write(small_portfolio(3), author="Kari", note="eksport")
    out = tmp_path / "ut"
    result = cli("export", meta.snapshot_id, str(out), "--csv", data=data)
    assert result.returncode == 0, result.stderr
    names = sorted(p.name for p in out.iterdir())
    assert names == sorted(["_snapshot.json", *[f"{t}.parquet" for t in schema.TABLE_NAMES],
                            *[f"{t}.csv" for t in schema.TABLE_NAMES]])
    assert json.loads((out / "_snapshot.json").read_text()) == meta.to_json()
    tables = {name: pq.read_table(out / f"{name}.parquet") for name in schema.TABLE_NAMES}
    assert content_hash(tables) == meta.content_hash  # read by pyarrow alone: the same values
    assert len(pd.read_parquet(out / "initiatives.parquet")) == 3
    assert (out / "budgets.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    assert verify(store, meta.snapshot_id)
    # the same folder again: refused, nothing overwritten
    again = cli("export", meta.snapshot_id, str(out), data=data)
    assert again.returncode == 2 and "allerede" in again.stderr
    unknown = cli("export", "20000101T000000.000Z", str(tmp_path / "x"), data=data)
    assert unknown.returncode == 2 and "Fant ikke øyeblikksbilde" in unknown.stderr
