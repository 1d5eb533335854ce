"""Snapshots kept in memory while queries read them (portfolio.query.resident),
on a real DuckLake store in a temporary folder."""

from __future__ import annotations

import datetime as dt
from concurrent.futures import ThreadPoolExecutor

import duckdb
import pytest

from conftest import initiative, tables
from portfolio.model import schema
from portfolio.query import resident
from portfolio.query import runner as queries
from portfolio.query.runner import Filters
from portfolio.store import lake


def portfolio_of(count: int) -> dict:
    """`count` initiatives, the first `count // 2` of them red."""
    return tables([initiative(f"tiltak-{i}", status_overall="rød" if i < count // 2 else "grønn")
                   for i in range(count)], [], [])


@pytest.fixture()
def snapshots(store):
    """Seven snapshots of 1..7 initiatives each: more than stay resident."""
    metas = []
    for count in range(1, 8):
        metas.append(store.write(portfolio_of(count), author="a", note=str(count),
                                 base_id=metas[-1].snapshot_id if metas else None))
    yield store, metas
    lake.forget(store.place)


def counts(store, snapshot_id: str) -> tuple[int, int]:
    rows = queries.run(store, "overview_counts", {"snapshot_id": snapshot_id, "filters": Filters().as_param()})
    totals = rows[rows["is_all_phases"]].set_index("status_overall", drop=False)
    every = totals[totals["is_all_statuses"]]["initiative_count"].sum()
    red = totals.loc[totals["status_overall"] == "rød", "initiative_count"].sum()
    return int(every), int(red)


def test_a_query_reads_the_tables_it_needs_from_memory(snapshots):
    store, metas = snapshots
    assert queries.tables_read("overview_counts") == {"initiatives"}  # through filtered_initiatives
    assert {"initiatives", "risks"} <= queries.tables_read("attention_items")
    assert counts(store, metas[2].snapshot_id) == (3, 1)
    assert resident.resident_snapshots(store) == [metas[2].snapshot_id]
    cur = queries.cursor(store)
    try:
        held = cur.execute("select table_name from resident.loaded where snapshot_id = $s",
                           {"s": metas[2].snapshot_id}).fetchall()
        rows = cur.execute('select count(*) from resident."initiatives"').fetchone()[0]
    finally:
        cur.close()
    assert held == [("initiatives",)] and rows == 3  # only what the query read


def test_a_table_that_is_not_resident_is_an_error_not_an_empty_result(snapshots):
    store, metas = snapshots
    cur = queries.cursor(store)
    try:
        with pytest.raises(duckdb.Error, match="not resident: initiatives"):
            cur.execute("select count(*) from initiatives_of($s)", {"s": metas[0].snapshot_id}).fetchall()
        assert cur.execute("select count(*) from initiatives_of(null)").fetchone()[0] == 0
    finally:
        cur.close()


def test_at_most_a_few_snapshots_stay_resident_and_results_stay_right(snapshots):
    store, metas = snapshots
    for meta in metas:
        counts(store, meta.snapshot_id)
    assert resident.resident_snapshots(store) == [m.snapshot_id for m in metas[-resident.MAX_SNAPSHOTS:]]
    assert counts(store, metas[0].snapshot_id) == (1, 0)  # copied again after it was dropped
    assert resident.resident_snapshots(store)[-1] == metas[0].snapshot_id
    assert len(resident.resident_snapshots(store)) == resident.MAX_SNAPSHOTS


def test_sessions_reading_many_snapshots_at_once_get_the_right_rows(snapshots):
    """Eight threads read seven snapshots in turn, so snapshots are copied in
    and dropped while other queries run: every answer is still that snapshot's."""
    store, metas = snapshots
    expected = {m.snapshot_id: (n, n // 2) for n, m in enumerate(metas, start=1)}
    order = [metas[(i * 3) % len(metas)].snapshot_id for i in range(140)]
    with ThreadPoolExecutor(8) as pool:
        got = list(pool.map(lambda s: (s, counts(store, s)), order))
    assert all(answer == expected[s] for s, answer in got)
    assert len(resident.resident_snapshots(store)) <= resident.MAX_SNAPSHOTS


def test_the_comparison_snapshot_is_made_resident_too(snapshots):
    store, metas = snapshots
    params = {"snapshot_id": metas[3].snapshot_id, "compare_id": metas[1].snapshot_id,
              "filters": Filters().as_param(), "today": dt.date(2026, 1, 1), "horizon_days": 30,
              "decision_kind": "beslutningspunkt", "row_limit": 50, "high_score": 15, "closed_status": "lukket"}
    rows = queries.run(store, "attention_items", params).set_index("initiative_id")
    assert set(resident.resident_snapshots(store)) == {metas[3].snapshot_id, metas[1].snapshot_id}
    # snapshot 4 has tiltak-0 and tiltak-1 red; in snapshot 2 only tiltak-0 was
    assert sorted(rows.index) == ["tiltak-0", "tiltak-1"]
    assert rows.loc["tiltak-0", "old_overall"] == "rød" and rows.loc["tiltak-1", "old_overall"] == "grønn"
    assert not rows["is_new"].any()


def test_a_table_the_snapshot_has_no_rows_of_is_resident_without_a_copy(snapshots):
    """The attention list reads risks: the snapshots hold none (their row
    counts say so), so the table is marked resident and reads as empty,
    with no scan of the lake for it."""
    store, metas = snapshots
    meta = metas[3]
    assert meta.holds_no_rows("risks") and not meta.holds_no_rows("initiatives")
    rows = queries.run(store, "attention_items", {
        "snapshot_id": meta.snapshot_id, "compare_id": metas[2].snapshot_id, "filters": Filters().as_param(),
        "today": dt.date(2026, 11, 23), "row_limit": 50, "high_score": schema.RISK_HIGH_SCORE,
        "closed_status": schema.RISK_STATUSES[-1], "decision_kind": schema.MILESTONE_KINDS[1], "horizon_days": 60,
    })
    assert set(rows["item"]) == {"red"} and len(rows) == 2  # tiltak-0 and tiltak-1 of four
    cur = queries.cursor(store)
    try:
        held = {r[0] for r in cur.execute("select table_name from resident.loaded where snapshot_id = $s",
                                          {"s": meta.snapshot_id}).fetchall()}
        risks = cur.execute('select count(*) from resident."risks"').fetchone()[0]
    finally:
        cur.close()
    assert {"initiatives", "risks"} <= held and risks == 0
