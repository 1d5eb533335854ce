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


# -- the initiatives' versions (the filtered status trend) -----------------------------------------

def red_trend(store, snapshot_id: str) -> list[int]:
    """The filtered trend's red count per snapshot up to `snapshot_id`."""
    rows = queries.run(store, "status_trend_filtered", {"snapshot_id": snapshot_id,
                                                         "filters": Filters(statuses=("rød",)).as_param()})
    return rows.loc[rows["status_overall"] == "rød", "initiative_count"].tolist()


def versions_held(store) -> tuple[int, list[str]]:
    cur = queries.cursor(store)
    try:
        count = cur.execute(f"select count(*) from resident.{resident.VERSIONS}").fetchone()[0]
        marks = [r[0] for r in cur.execute("select snapshot_id from resident.loaded where table_name = $t",
                                           {"t": resident.VERSIONS}).fetchall()]
    finally:
        cur.close()
    return count, marks


def test_the_versions_are_built_once_and_again_only_for_a_later_snapshot(snapshots):
    """Seven snapshots of 1..7 initiatives, the first half red: tiltak-i is
    red from snapshot 2i+2 on until it turns green, so each is a version or two."""
    store, metas = snapshots
    assert queries.reads_versions("status_trend_filtered") and not queries.reads_versions("status_trend")
    assert red_trend(store, metas[3].snapshot_id) == [0, 1, 1, 2]
    built = versions_held(store)
    assert built[1] == [metas[3].snapshot_id]
    assert red_trend(store, metas[1].snapshot_id) == [0, 1]  # covered: nothing built again
    assert versions_held(store) == built
    assert red_trend(store, metas[6].snapshot_id) == [0, 1, 1, 2, 2, 3, 3]
    count, marks = versions_held(store)
    assert marks == [metas[6].snapshot_id] and count > built[0]
    assert count < sum(range(1, 8))  # fewer versions than initiative rows


def test_versions_that_do_not_cover_the_snapshot_are_an_error_not_an_empty_result(snapshots):
    store, metas = snapshots
    red_trend(store, metas[2].snapshot_id)
    cur = queries.cursor(store)
    try:
        for macro in (resident.VERSIONS, resident.VERSION_SNAPSHOTS):
            with pytest.raises(duckdb.Error, match=f"not resident: {resident.VERSIONS}"):
                cur.execute(f"select count(*) from {macro}_through($s)", {"s": metas[4].snapshot_id}).fetchall()
    finally:
        cur.close()


def test_the_versions_outlive_their_snapshots_tables_and_go_with_drop_all(snapshots):
    store, metas = snapshots
    assert red_trend(store, metas[6].snapshot_id) == [0, 1, 1, 2, 2, 3, 3]
    for meta in metas:  # every snapshot's tables copied in and dropped again (at most four stay)
        counts(store, meta.snapshot_id)
    assert metas[6].snapshot_id in resident.resident_snapshots(store)
    counts(store, metas[0].snapshot_id), counts(store, metas[1].snapshot_id)
    counts(store, metas[2].snapshot_id), counts(store, metas[3].snapshot_id)
    assert metas[6].snapshot_id not in resident.resident_snapshots(store)
    assert versions_held(store)[1] == [metas[6].snapshot_id]
    assert red_trend(store, metas[5].snapshot_id) == [0, 1, 1, 2, 2, 3]
    resident.drop_all(store)
    assert versions_held(store) == (0, [])
    assert red_trend(store, metas[4].snapshot_id) == [0, 1, 1, 2, 2]  # built again
    assert versions_held(store)[1] == [metas[4].snapshot_id]


def test_the_versions_are_built_while_other_sessions_copy_and_drop_snapshots(snapshots):
    """Threads ask for the trend up to later and later snapshots (each a new
    build) while others read every snapshot's counts (copies and drops):
    every answer is still right."""
    store, metas = snapshots
    red = [0, 1, 1, 2, 2, 3, 3]
    jobs = [("trend", metas[i % 7]) if i % 3 == 0 else ("counts", metas[(i * 5) % 7]) for i in range(60)]

    def answer(job):
        kind, meta = job
        position = metas.index(meta)
        if kind == "trend":
            return red_trend(store, meta.snapshot_id) == red[:position + 1]
        return counts(store, meta.snapshot_id) == (position + 1, (position + 1) // 2)

    with ThreadPoolExecutor(6) as pool:
        assert all(pool.map(answer, jobs))
    assert versions_held(store)[1] == [metas[6].snapshot_id]
