"""The snapshot store on a real DuckLake (SQLite catalog, Parquet files) in temporary folders."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import textwrap
from pathlib import Path

import duckdb
import pytest

from conftest import ROOT, check_whole, initiative, kill_9_after, lake_counts, small_portfolio, tables
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


def test_tables_without_rows_are_read_from_the_metadata_and_verify_reads_them_all(store):
    """A table a snapshot's row counts say is empty is not looked for on the
    lake (a scan of a table that never held a row costs DuckLake 15–40 ms):
    the result is the same as a read of every table; `verify` reads them all,
    so rows that appear in such a table all the same are caught."""
    first = store.write(small_portfolio(2), author="a", note="n")
    data = small_portfolio(2)
    data["milestones"] = data["milestones"].iloc[0:0]  # a table with a count of 0
    meta = store.write(data, author="a", note="n", base_id=first.snapshot_id)
    assert meta.row_counts["milestones"] == 0 and "engagements" not in meta.row_counts  # a later table: no count
    assert meta.holds_no_rows("milestones") and meta.holds_no_rows("engagements")
    assert not meta.holds_no_rows("initiatives")
    trusted, scanned = store.read(meta.snapshot_id), store.read(meta.snapshot_id, every_table=True)
    for name in schema.TABLE_NAMES:
        assert trusted[name].equals(scanned[name]), name
        assert trusted[name].schema == scanned[name].schema, name
    assert store_mod.verify(store, meta.snapshot_id)

    cur = store.cursor()  # rows put into the table behind the store's back
    try:
        cur.execute("insert into lake.milestones select $new, * exclude (snapshot_id) from lake.milestones "
                    "where snapshot_id = $old", {"new": meta.snapshot_id, "old": first.snapshot_id})
    finally:
        cur.close()
    assert store.read(meta.snapshot_id)["milestones"].num_rows == 0  # what the metadata says
    assert not store_mod.verify(store, meta.snapshot_id)


def test_the_lake_is_plain_duckdb_and_parquet(store):
    """Readable without our code: DuckDB with its ducklake extension attaches
    the catalog (docs/data-model.md shows how), and the data files are
    Parquet with the snapshot id in each row."""
    meta = store.write(small_portfolio(2), author="a", note="n")
    catalog = store.root / "lake" / "catalog.sqlite"
    files = sorted((store.root / "lake" / "data" / "main" / "initiatives").glob("*.parquet"))
    assert catalog.exists() and files
    rows = duckdb.sql(
        f"select snapshot_id, count(*) from read_parquet({[str(f) for f in files]!r}) group by snapshot_id"
    ).fetchall()
    assert rows == [(meta.snapshot_id, 2)]
    code = textwrap.dedent(f"""
        import duckdb
        from portfolio.store import lake
        con = duckdb.connect()
        lake.load_extension(con, "ducklake")
        lake.load_extension(con, "sqlite_scanner")
        con.execute("attach 'ducklake:sqlite:{catalog}' as portfolio (read_only)")
        print(con.execute("select snapshot_id, author, note from portfolio.snapshots").fetchall())
        print(con.execute("select count(*) from portfolio.milestones where snapshot_id = ?", ["{meta.snapshot_id}"]).fetchone()[0])
    """)
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split("\n")[:2] == [f"[('{meta.snapshot_id}', 'a', 'n')]", "2"]


def test_conflict_when_another_commit_came_first(store):
    first = store.write(small_portfolio(1), author="a", note="1")
    store.write(small_portfolio(2), author="b", note="2", base_id=first.snapshot_id)
    before = (store.list(), lake_counts(store, "initiatives"))
    with pytest.raises(SnapshotConflict):
        store.write(small_portfolio(3), author="c", note="3", base_id=first.snapshot_id)
    assert (store.list(), lake_counts(store, "initiatives")) == before


RACER = textwrap.dedent(
    """
    import sys
    sys.path[:0] = [{root!r}, {tests!r}]
    from conftest import small_portfolio
    from portfolio.store.snapshots import SnapshotConflict, Store
    store = Store({data!r})
    data = small_portfolio({size})
    store.list()
    sys.stdin.readline()  # the start signal: both processes are ready
    try:
        store.write(data, author="racer", note="{size}", base_id={base!r})
        print("committed", flush=True)
    except SnapshotConflict:
        print("conflict", flush=True)
    """
)


def test_two_processes_committing_on_the_same_base_at_once_one_wins(store):
    base = store.write(small_portfolio(1), author="a", note="base").snapshot_id
    outcomes = []
    for _ in range(3):
        racers = [
            subprocess.Popen(
                [sys.executable, "-c", RACER.format(root=str(ROOT), tests=str(ROOT / "tests"),
                                                    data=str(store.root), size=size, base=base)],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
            )
            for size in (2, 3)
        ]
        for racer in racers:  # both have opened the store and wait for the signal
            racer.stdin.write("go\n")
            racer.stdin.flush()
        results = [racer.communicate(timeout=120) for racer in racers]
        assert all(racer.returncode == 0 for racer in racers), [err for _, err in results]
        said = sorted(out.strip() for out, _ in results)
        assert said == ["committed", "conflict"], results
        outcomes.append(said)
        latest = store.latest()
        assert latest.base_id == base and latest.note in ("2", "3")
        assert lake_counts(store, "initiatives")[latest.snapshot_id] == int(latest.note)
        base = latest.snapshot_id
    assert len(store.list()) == 4  # the first and one winner per round


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
    assert lake_counts(store, "initiatives") == {}


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


def test_reader_during_writes_never_sees_a_partial_snapshot(tmp_path):
    data = tmp_path / "data"
    writer = _writer(data, 25)
    reader = Store(data)
    seen = set()
    try:
        while writer.poll() is None:
            # each new snapshot is whole, and rows in the lake belong to
            # complete, listed snapshots only
            new = [meta for meta in reader.list() if meta.snapshot_id not in seen]
            check_whole(reader, new)
            seen.update(meta.snapshot_id for meta in new)
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
        check_whole(Store(data))
    # the next write cleans up what the killed writers left
    store = Store(data)
    base = store.latest().snapshot_id if store.latest() else None
    store.write(small_portfolio(1), author="a", note="after", base_id=base)
    assert len(check_whole(store)) >= 1
    assert set(lake_counts(store, "initiatives")) == {m.snapshot_id for m in store.list()}


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


def test_queries_run_one_thread_each_and_side_by_side(store):
    """DuckDB 1.5.5 races in parallel window functions (duckdb/duckdb#25713):
    now and then a query fails with an internal error and the connection
    refuses every query after it. The lake's connection runs each query on
    one thread; sessions still query side by side, each on its own cursor."""
    from concurrent.futures import ThreadPoolExecutor

    meta = store.write(small_portfolio(40), author="a", note="n")
    cur = store.cursor()
    try:
        assert cur.execute("select current_setting('threads')").fetchone()[0] == 1
    finally:
        cur.close()
    window = (
        "select initiative_id, row_number() over (partition by owner_area order by initiative_id) as n, "
        "count(*) over (partition by owner_area) as in_area from lake.initiatives where snapshot_id = $s "
        "order by initiative_id"
    )

    def run(_: int) -> list[tuple]:
        c = store.cursor()
        try:
            return c.execute(window, {"s": meta.snapshot_id}).fetchall()
        finally:
            c.close()

    with ThreadPoolExecutor(4) as pool:
        results = list(pool.map(run, range(200)))
    assert len(results[0]) == 40
    assert all(result == results[0] for result in results)


def test_a_read_of_named_tables_equals_those_of_the_whole_read(store):
    import pandas as pd

    from conftest import small_portfolio

    meta = store.write(small_portfolio(4), author="a", note="n")
    whole = store.read_frames(meta.snapshot_id)
    some = store.read_frames(meta.snapshot_id, tables=["milestones", "initiatives", "decidim_results"])
    assert list(some) == [n for n in whole if n in some] and set(some) == {"milestones", "initiatives", "decidim_results"}
    for name, frame in some.items():
        pd.testing.assert_frame_equal(frame, whole[name])
