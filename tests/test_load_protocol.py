"""The protocol-level load test (bench/load.py, bench/st_protocol.py) against a real
server on small generated data: the client speaks Streamlit's websocket protocol, sees a
filter change change the page, and a short load run reports every figure."""

from __future__ import annotations

import asyncio
import concurrent.futures
import json
import sys

import pytest

from browser import streamlit_server
from conftest import ROOT
from portfolio import texts
from tools.generate import write_generated

sys.path.insert(0, str(ROOT / "bench"))
import load
import st_protocol
from run import TODAY, _server_pid

pytestmark = pytest.mark.browser  # a real app server


def run_async(coroutine):
    """asyncio.run in a thread of its own: a test process that has used Playwright's sync API
    (the shared Chromium of tests/browser.py) has an event loop running in its main thread."""
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


@pytest.fixture(scope="module")
def load_data(tmp_path_factory):
    data = tmp_path_factory.mktemp("load") / "data"
    write_generated(data, initiatives=300, snapshots=3, seed=0)
    return data


@pytest.fixture(scope="module")
def server(load_data):
    with streamlit_server("dashboard.py", load_data, today=TODAY) as url:
        yield url


def test_a_filter_change_changes_what_the_page_shows(server):
    async def scenario():
        async with st_protocol.Session(server) as session:
            first = await session.rerun()
            status = first.page.widget("f_status")
            red = status.options[status.options.index("Rød")]
            chosen = await session.rerun([st_protocol.multiselect_state(status, [red])])
            query = session.query_string
            cleared = await session.rerun([st_protocol.multiselect_state(status, [])])
            return first, chosen, query, cleared, session.query_string

    first, chosen, query, cleared, query_after = run_async(scenario())
    for result in (first, chosen, cleared):
        assert result.ok and result.status == "FINISHED_SUCCESSFULLY", result.errors
    assert first.page.h1 == texts.OVERVIEW["title"]
    assert first.page.widget(texts.OVERVIEW["filter_status"]).key == "f_status"  # found by its label too
    # the key figures and the sentences change with the filter, and come back without it
    assert chosen.page.texts != first.page.texts
    assert chosen.page.of("metric")[0].body != first.page.of("metric")[0].body
    assert cleared.page.texts == first.page.texts
    # the server put the filter in the URL, and the client sent it back as the browser does
    assert query == "status=r%C3%B8d" and query_after == ""
    # what a browser is compared with: the title, key figures, charts and tables
    summary = chosen.page.summary()
    assert summary["h1"] == texts.OVERVIEW["title"] and summary["charts"] >= 1 and summary["table_rows"]


def test_a_short_load_run_reports_every_figure_without_errors(server):
    with load.ServerProbe(_server_pid(server)) as probe:
        run = run_async(load.run_load(server, sessions=3, seconds=6, seed=1, baseline_changes=4, probe=probe))
        run.marks["peak_rss_mb"] = probe.peak
    report = load.report(run, data={"initiatives": 300, "snapshots": 3})
    json.dumps(report)  # written as JSON
    assert report["errors"] == 0, report["error_samples"]
    assert report["every_rerun_finished"] and report["unfinished"] == 0
    assert report["opening"]["sessions_opened"] == 3
    assert report["reruns"] >= 3  # each session's first change comes 2–5 s into the 6 s
    assert report["single_session"]["changes"] == 4
    assert report["rerun_p50_ms"] <= report["rerun_p95_ms"] <= report["rerun_p99_ms"] <= report["rerun_max_ms"]
    assert report["p95_vs_single"] > 0 and report["first_run_ms"] > 0
    assert set(report["server_rss_mb"]) == {"start", "after_single_session", "all_open", "end", "peak"}
    assert report["server_cpu_s"]["load"] >= 0 and "rss_growth_per_session_mb" in report
    assert [g["goal"] for g in report["goals"]] == [
        "p95 rerun < 1 s", "p95 ≤ 20× single session", "zero errors", "RSS growth ≤ 2 MB per session"]
    assert next(g for g in report["goals"] if g["goal"] == "zero errors")["ok"]
    # the browser smoke's reference pages: unfiltered and with «Samlet status» = «Rød»
    assert run.smoke_label == texts.OVERVIEW["filter_status"] and run.smoke_option == "Rød"
    assert run.reference["before"] != run.reference["after"]
    # the same report as one row of the capacity table (bench/load.py --capacity)
    row = load.capacity_row(report)
    assert row["sessions"] == 3 and row["single_session_p50_ms"] == report["single_session"]["p50_ms"]
    assert row["held"] == all(g["ok"] for g in report["goals"] if g["goal"] in load.HELD_BY)
    assert {g["goal"] for g in report["goals"]} >= set(load.HELD_BY)


def test_capacity_is_the_most_sessions_held_with_every_smaller_count_held_too():
    def row(sessions, ok):
        return {"sessions": sessions, "held": ok}

    summary = load.capacity_summary([row(20, False), row(5, True), row(10, True), row(40, True)], 60, {})
    assert summary["sessions_held"] == 10  # 40 held by chance after 20 was not: not counted
    assert load.capacity_summary([row(5, False), row(10, True)], 60, {})["sessions_held"] == 0
    assert load.capacity_summary([row(5, True)], 60, {})["sessions_held"] == 5


def test_sessions_are_spread_over_several_server_processes(server, load_data):
    """bench/load.py --servers 2: each session stays on one server, the sessions are shared
    between them, and the probe adds up the processes' CPU and memory."""
    with streamlit_server("dashboard.py", load_data, today=TODAY) as second:
        pids = [_server_pid(server), _server_pid(second)]
        alone = [load.ServerProbe(pid) for pid in pids]
        before = [probe.cpu_seconds() for probe in alone]
        with load.ServerProbe(pids) as probe:
            run = run_async(load.run_load([server, second], sessions=4, seconds=5, seed=2, baseline_changes=2,
                                          probe=probe))
            run.marks["peak_rss_mb"] = probe.peak
        served = [probe.cpu_seconds() > start for probe, start in zip(alone, before, strict=True)]
        assert probe.rss_mb() == pytest.approx(sum(p.rss_mb() for p in alone), rel=0.2)
    report = load.report(run)
    assert report["servers"] == 2 and report["errors"] == 0 and report["every_rerun_finished"]
    assert report["opening"]["sessions_opened"] == 4
    assert served == [True, True]  # each process used CPU: both served sessions (two opened on each)
