"""Benchmarks, reported as ratios measured in one run (absolute times drift on
these shared machines; ratios of runs taken side by side do not).

    .venv/bin/python bench/run.py            # full: 10 000 initiatives × 52 snapshots
    .venv/bin/python bench/run.py --smoke    # tiny sizes, seconds; run by the test suite

Prints a table and writes JSON (bench/results.json for a full run, or --out).
Each measurement is the median of several warm repetitions.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from portfolio.store.snapshots import Store  # noqa: E402
from tools import generate  # noqa: E402

DEMO = ROOT / "data"
# Not current-view pages: they list every snapshot, so more snapshots is more to show
LISTS_EVERY_SNAPSHOT = {"views/history.py"}
OVERVIEW, GOVERNANCE, COLLABORATION = "views/overview.py", "views/governance.py", "views/collaboration.py"
# The smoke run (tests/test_bench.py) times these pages only: each kind of measure once (the
# changes page compares two snapshots, the initiative page opens a programme, history lists
# every snapshot); every page is run under AppTest by its own tests.
SMOKE_PAGES = {OVERVIEW, GOVERNANCE, COLLABORATION, "views/changes.py", "views/initiative.py", "views/history.py"}
TODAY = "2026-11-23"


def median_time(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


@contextlib.contextmanager
def env(**values: str):
    old = {k: os.environ.get(k) for k in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for k, v in old.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


def dataset(cache: Path, initiatives: int, snapshots: int) -> Path:
    """Generated data, kept between runs (deterministic for the same sizes)."""
    out = cache / f"gen-{initiatives}x{snapshots}"
    if not Store(out).list():
        start = time.perf_counter()
        generate.write_generated(out, initiatives=initiatives, snapshots=snapshots, seed=0)
        print(f"  generated {initiatives} × {snapshots} in {time.perf_counter() - start:.1f} s", flush=True)
    return out


def registered_pages() -> list[str]:
    """The page files registered in dashboard.py."""
    import re

    pages = re.findall(r'st\.Page\("(views/[a-z_]+\.py)"', (ROOT / "dashboard.py").read_text())
    return [p for p in pages if p != "views/login.py"]  # registered only when login is configured


def page_rerun(data: Path, page: str, repeat: int, query: dict | None = None) -> float:
    """Median warm rerun of one page under AppTest (`query`: the URL's parameters)."""
    from streamlit.testing.v1 import AppTest

    from portfolio.web import ahead

    with env(PORTFOLIO_DATA=str(data), PORTFOLIO_TODAY=TODAY):
        at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=300)
        for key, value in (query or {}).items():
            at.query_params[key] = value
        at.run()
        if page != "views/overview.py":
            at.switch_page(page).run()
        if at.exception:
            raise RuntimeError(f"{page}: {[e.message for e in at.exception]}")
        # timed as on a server that has built what a filter change reads (portfolio/web/ahead.py), not
        # beside that thread: beside it the overview's demo and one-snapshot reruns were up to twice as slow
        ahead.wait()
        return median_time(lambda: at.run(), repeat)


def cold_filter_changes(data: Path, repeat: int) -> tuple[float, float, int]:
    """The overview's warm rerun, and its rerun after a filter change to a
    combination nobody asked for yet (every filtered view and query cold; the
    snapshot's unfiltered ones warm, as on a server in use): medians, and how
    many combinations were timed."""
    from streamlit.testing.v1 import AppTest

    from portfolio.model import schema
    from portfolio.web import ahead

    combos = [([phase], []) for phase in schema.PHASES] + [([], [status]) for status in schema.STATUSES]
    combos += [([phase], [status]) for phase in schema.PHASES[2:4] for status in schema.STATUSES]
    with env(PORTFOLIO_DATA=str(data), PORTFOLIO_TODAY=TODAY):
        at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=300)
        at.run()
        ahead.wait()
        warm = median_time(lambda: at.run(), repeat)
        cold = []
        for phases, statuses in combos[: max(3, repeat * 2)]:
            at.multiselect(key="f_phase").set_value(phases)
            at.multiselect(key="f_status").set_value(statuses)
            cold.append(median_time(lambda: at.run(), 1))
            if at.exception:
                raise RuntimeError(f"overview: {[e.message for e in at.exception]}")
    return statistics.median(cold), warm, len(cold)


def largest_programme(data: Path) -> str:
    """The initiative with the most initiatives under it in the latest snapshot."""
    store = Store(data)
    initiatives = store.read_frames(store.latest().snapshot_id)["initiatives"]
    return str(initiatives["parent_id"].value_counts().index[0])


def naive_rerun(data: Path, repeat: int) -> float:
    """A naive pandas page: reads every snapshot file on each rerun."""
    from streamlit.testing.v1 import AppTest

    with env(PORTFOLIO_DATA=str(data), PORTFOLIO_TODAY=TODAY):
        at = AppTest.from_file(str(ROOT / "bench" / "naive_overview.py"), default_timeout=300)
        at.run()
        if at.exception:
            raise RuntimeError([e.message for e in at.exception])
        return median_time(lambda: at.run(), repeat)


# Marks, inside the page, when the first <h1> is inserted and when the next
# frame with it has been painted (animation frame, then a task): times from
# the navigation's start (performance.now()), so Playwright's polling of the
# page (which waits while the page's main thread is busy) does not count.
FIRST_PAINT_SCRIPT = """
(() => {
  const mark = () => {
    if (window.__h1Inserted || !document.querySelector("h1")) return;
    window.__h1Inserted = performance.now();
    requestAnimationFrame(() => setTimeout(() => { window.__h1Painted = performance.now(); }, 0));
  };
  new MutationObserver(mark).observe(document, { childList: true, subtree: true });
})();
"""


def first_paint(script: str, data: Path, repeat: int) -> tuple[float, float]:
    """Median time from navigation to the first painted frame with the page's
    heading (<h1>) in headless Chromium, and the median time until Playwright
    found the heading (seconds)."""
    from browser import chromium, streamlit_server

    with streamlit_server(script, data, today=TODAY) as url:
        painted, found = [], []
        with chromium(fresh=True) as page:
            page.add_init_script(FIRST_PAINT_SCRIPT)
            page.goto(url)
            page.wait_for_selector("h1", timeout=120000)  # warm the server once
            for _ in range(repeat):
                start = time.perf_counter()
                page.goto(url)
                page.wait_for_selector("h1", timeout=120000)
                found.append(time.perf_counter() - start)
                page.wait_for_function("() => window.__h1Painted", timeout=120000)
                painted.append(page.evaluate("() => window.__h1Painted") / 1000)
        return statistics.median(painted), statistics.median(found)


def cold_start(script: str, data: Path, repeat: int) -> float:
    """Median time from `streamlit run SCRIPT` (a new process: nothing
    imported, no cache) to the first painted frame with the page's heading
    in a new browser page (seconds): the server's start, its health answer,
    the page's load and its script's first run."""
    from browser import chromium, streamlit_server

    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        with streamlit_server(script, data, today=TODAY) as url, chromium(fresh=True) as page:
            page.add_init_script(FIRST_PAINT_SCRIPT)
            navigated = time.perf_counter()
            page.goto(url)
            page.wait_for_function("() => window.__h1Painted", timeout=300000)
            painted = page.evaluate("() => window.__h1Painted") / 1000  # from the navigation's start
            times.append(navigated - started + painted)
    return statistics.median(times)


def import_vs_bare_reads(data: Path, repeat: int) -> dict[str, float]:
    """Import (read, check, compare with the base) of the latest snapshot's own
    Excel template, and in the same run the bare reads of the same file:
    calamine's (every sheet as Python values, what the import reads with) and
    openpyxl's read-only mode (the reader before)."""
    import io

    from openpyxl import load_workbook
    from python_calamine import CalamineWorkbook

    from portfolio.ingest import pipeline
    from portfolio.ingest import template as workbook
    from portfolio.ingest.reading import Upload

    store = Store(data)
    started = time.perf_counter()
    book = workbook.template_for(store)  # what the project leader downloads
    template_s = time.perf_counter() - started

    def calamine() -> None:
        wb = CalamineWorkbook.from_filelike(io.BytesIO(book))
        for name in wb.sheet_names:
            wb.get_sheet_by_name(name).to_python()
        wb.close()

    def openpyxl() -> None:
        wb = load_workbook(io.BytesIO(book), read_only=True, data_only=True)
        for sheet in wb.worksheets:
            for _ in sheet.iter_rows(values_only=True):
                pass
        wb.close()

    def full() -> None:
        prepared = pipeline.prepare([Upload("mal.xlsx", book)], store)
        assert prepared.ok and prepared.unchanged, prepared.problems[:3]

    full()  # the first import loads the modules
    # taken in turns, so that a change in the machine's load hits all three alike
    times: dict[str, list[float]] = {"import": [], "calamine": [], "openpyxl": []}
    for turn in range(repeat):
        times["import"].append(median_time(full, 1))
        times["calamine"].append(median_time(calamine, 1))
        if turn < max(1, repeat // 2):  # openpyxl's read is the slow one
            times["openpyxl"].append(median_time(openpyxl, 1))
    out = {k: statistics.median(v) for k, v in times.items()}
    out["book"], out["template"] = book, template_s
    return out


IMPORT_MEMORY_SCRIPT = """
import json, sys, tracemalloc
sys.path[:0] = [sys.argv[1]]
from portfolio.ingest import pipeline, template
from portfolio.ingest.reading import Upload
from portfolio.store.snapshots import Store

def status(key):
    for line in open("/proc/self/status"):
        if line.startswith(key):
            return int(line.split()[1]) * 1024

store = Store(sys.argv[2])
book = open(sys.argv[3], "rb").read()
traced = sys.argv[4] == "python"
small = template.template(None, None)
pipeline.prepare([Upload("tom.xlsx", small)], store)  # loads the modules the import uses
baseline = status("VmRSS:")
open("/proc/self/clear_refs", "w").write("5")  # the peak starts again here
if traced:
    tracemalloc.start()
prepared = pipeline.prepare([Upload("mal.xlsx", book)], store)
python_peak = tracemalloc.get_traced_memory()[1] if traced else None
tracemalloc.stop()
assert prepared.ok, prepared.problems[:3]
print(json.dumps({"rss_growth": status("VmHWM:") - baseline, "python_peak": python_peak}))
"""


def import_peak_memory(data: Path, book: bytes) -> tuple[int, int, int]:
    """Peak memory of one import in a fresh process: the growth of its peak RSS
    (Rust's allocations included), tracemalloc's peak of Python's (in another
    fresh process: tracing every allocation costs memory of its own, about
    330 MB on the 10 000-initiative import, which the RSS must not count),
    and the workbook's unpacked size (bytes)."""
    import io
    import zipfile

    figures = {}
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "mal.xlsx"
        path.write_bytes(book)
        for mode in ("rss", "python"):
            result = subprocess.run(
                [sys.executable, "-c", IMPORT_MEMORY_SCRIPT, str(ROOT), str(data), str(path), mode],
                capture_output=True, text=True, timeout=1800)
            if result.returncode != 0:
                raise RuntimeError(result.stderr[-2000:])
            figures[mode] = json.loads(result.stdout.strip().splitlines()[-1])
    unpacked = sum(i.file_size for i in zipfile.ZipFile(io.BytesIO(book)).infolist())
    return figures["rss"]["rss_growth"], figures["python"]["python_peak"], unpacked


def csv_validation_seconds(data: Path, rows: int) -> float:
    """Reading and validating (nothing written) a budget CSV file of `rows`
    rows, as Norwegian Excel saves it, against `data`'s latest snapshot."""
    import pandas as pd

    from badfiles import csv_bytes
    from portfolio.ingest import pipeline
    from portfolio.ingest.reading import Upload

    store = Store(data)
    initiatives = store.read_frames(store.latest().snapshot_id)["initiatives"]["initiative_id"].tolist()
    years = range(2000, 2101)
    per = -(-rows // len(initiatives))
    if per > len(years):
        raise ValueError("too few initiatives for that many budget rows")
    pairs = [(i, y) for i in initiatives for y in years[:per]][:rows]
    frame = pd.DataFrame({
        "initiative_id": [i for i, _ in pairs], "year": [y for _, y in pairs],
        "funding_source": ["Gevinstfond"] * len(pairs),
        "budget_nok": [1000 * (n % 97) + y for n, (_, y) in enumerate(pairs)],
        "actual_nok": [500 + y for _, y in pairs], "forecast_nok": [None] * len(pairs),
        "note": [f"Merknad {n}" if n % 3 == 0 else None for n in range(len(pairs))],
    })
    csv = csv_bytes("budgets", frame)

    def validate() -> None:
        prepared = pipeline.prepare([Upload("budsjett.csv", csv)], store)
        assert prepared.ok, prepared.problems[:3]

    return median_time(validate, 1)


def previous_figures() -> dict[str, float]:
    """Each measure's figure in bench/results.json as it was before this run."""
    try:
        rows = json.loads((ROOT / "bench" / "results.json").read_text())["results"]
    except (OSError, ValueError, KeyError):
        return {}
    return {row["measure"]: row["ratio"] for row in rows if "measure" in row and "ratio" in row}


def rss_mb(pid: int) -> float:
    total = 0
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            total = int(line.split()[1])
    return total / 1024


def memory_per_session(data: Path, sessions: int) -> tuple[float, float, float]:
    """Server RSS after 1 and after `sessions` browser sessions; growth per session (MB)."""
    from browser import shared_browser, streamlit_server, wait_until_idle

    with streamlit_server("dashboard.py", data, today=TODAY) as url:
        pid = _server_pid(url)
        # the process's one Playwright and Chromium (first_paint uses it too:
        # a second sync Playwright in the same thread is refused)
        browser = shared_browser()
        contexts = []
        readings = []
        try:
            for _ in range(sessions):
                context = browser.new_context(locale="nb-NO")
                contexts.append(context)
                page = context.new_page()
                page.goto(url)
                wait_until_idle(page, timeout_ms=120000)  # the session's page has drawn everything
                readings.append(rss_mb(pid))
        finally:
            for context in contexts:
                context.close()
    growth = (readings[-1] - readings[0]) / max(sessions - 1, 1)
    return readings[0], readings[-1], growth


def _server_pid(url: str) -> int:
    port = url.rsplit(":", 1)[1]
    out = subprocess.run(["ps", "-ww", "-eo", "pid,args"], capture_output=True, text=True).stdout
    for line in out.splitlines():
        if "streamlit run" in line and f"--server.port {port}" in line:
            return int(line.split()[0])
    raise RuntimeError("server process not found")


def main(argv: list[str] | None = None) -> int:
    import logging

    logging.disable(logging.WARNING)  # Streamlit's "missing ScriptRunContext" noise under AppTest
    from apptest_setup import scan_components_once

    scan_components_once()  # outside what is timed, but 0.4 s of every new AppTest
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--smoke", action="store_true", help="tiny sizes, to check the benchmark runs")
    parser.add_argument("--initiatives", type=int, default=10000)
    parser.add_argument("--snapshots", type=int, default=52)
    parser.add_argument("--cache", type=Path, default=ROOT / "bench" / "out")
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--no-browser", action="store_true")
    args = parser.parse_args(argv)
    if args.smoke:
        args.initiatives, args.snapshots, args.repeat = 100, 2, 1
        args.cache = Path(tempfile.mkdtemp(prefix="bench-smoke-"))
    out = args.out or (args.cache / "results.json" if args.smoke else ROOT / "bench" / "results.json")
    args.cache.mkdir(parents=True, exist_ok=True)

    print(f"data: {args.initiatives} × {args.snapshots} (cache {args.cache})", flush=True)
    big = dataset(args.cache, args.initiatives, args.snapshots)
    one = dataset(args.cache, args.initiatives, 1)
    # The Changes page compares two snapshots: with one there is nothing to
    # compare, so its baseline is the smallest history it can show, two.
    two = dataset(args.cache, args.initiatives, 2)
    rows: list[dict] = []

    previous = previous_figures()

    def record(name: str, value: float, target: str, ok: bool | None, detail: str) -> None:
        """`ok` None: reported, with no target (see the target column).
        Each row has the measure's figure in the results file before this
        run beside it (`previous`; None when it was not measured)."""
        rows.append({"measure": name, "ratio": round(value, 3), "previous": previous.get(name), "target": target,
                     "ok": ok, "detail": detail})
        verdict = "n/a" if ok is None else "ok" if ok else "MISSED"
        print(f"  {name:<58} {value:8.2f}  {target:<8} {verdict}  {detail} (previous: {previous.get(name)})", flush=True)

    print("page reruns (AppTest, warm):", flush=True)
    large_vs_demo: dict[str, float] = {}
    for page in registered_pages():
        if args.smoke and page not in SMOKE_PAGES:
            continue
        t_demo = page_rerun(DEMO, page, args.repeat)
        t_big = page_rerun(big, page, args.repeat)
        large_vs_demo[page] = t_big / t_demo
        few, few_count = (two, 2) if page == "views/changes.py" else (one, 1)
        t_one = page_rerun(few, page, args.repeat)
        record(f"{page}: large vs demo", t_big / t_demo, "≤ 2", t_big / t_demo <= 2,
               f"{t_big * 1000:.0f} ms vs {t_demo * 1000:.0f} ms")
        if page in LISTS_EVERY_SNAPSHOT:
            record(f"{page}: {args.snapshots} snapshots vs {few_count}", t_big / t_one,
                   "n/a: lists every snapshot", None, f"{t_big * 1000:.0f} ms vs {t_one * 1000:.0f} ms")
        else:
            record(f"{page}: {args.snapshots} snapshots vs {few_count}", t_big / t_one, "≤ 1.25",
                   t_big / t_one <= 1.25, f"{t_big * 1000:.0f} ms vs {t_one * 1000:.0f} ms")
        if page == "views/initiative.py":
            # the page as it is used: one programme open, with everything under it
            t_demo = page_rerun(DEMO, page, args.repeat, {"initiative": largest_programme(DEMO)})
            t_big = page_rerun(big, page, args.repeat, {"initiative": largest_programme(big)})
            t_one = page_rerun(one, page, args.repeat, {"initiative": largest_programme(one)})
            record(f"{page} with its largest programme open: large vs demo", t_big / t_demo, "≤ 2",
                   t_big / t_demo <= 2, f"{t_big * 1000:.0f} ms vs {t_demo * 1000:.0f} ms")
            record(f"{page} with its largest programme open: {args.snapshots} snapshots vs 1", t_big / t_one,
                   "≤ 1.25", t_big / t_one <= 1.25, f"{t_big * 1000:.0f} ms vs {t_one * 1000:.0f} ms")
        if page == "views/overview.py":
            # Issue 20, item 2: a filter change nobody asked for yet, against the warm rerun
            t_cold, t_warm, combos = cold_filter_changes(big, args.repeat)
            record("overview: cold filter change vs warm rerun", t_cold / t_warm, "≤ 2.5", t_cold / t_warm <= 2.5,
                   f"{t_cold * 1000:.0f} ms vs {t_warm * 1000:.0f} ms (median of {combos} new combinations)")
            t_naive = naive_rerun(big, max(2, args.repeat // 3))
            record("overview vs naive pandas page (reads every snapshot)", t_naive / t_big, "≥ 50",
                   t_naive / t_big >= 50, f"{t_naive * 1000:.0f} ms vs {t_big * 1000:.0f} ms")

    # Issue 15: «Styring» reruns within the same ratio to the demo as «Oversikt» does
    # (the 1.25 allows for the noise of two ratios, as the snapshot counts' targets do)
    if {GOVERNANCE, OVERVIEW} <= large_vs_demo.keys():
        ratio = large_vs_demo[GOVERNANCE] / large_vs_demo[OVERVIEW]
        held = Store(big).latest().row_counts
        record("«Styring» vs «Oversikt»: their large-vs-demo rerun ratios", ratio, "≤ 1.25", ratio <= 1.25,
               f"{large_vs_demo[GOVERNANCE]:.2f} vs {large_vs_demo[OVERVIEW]:.2f}; the large data holds "
               f"{held.get('decisions', 0)} decisions, {held.get('risks', 0)} risks, "
               f"{held.get('benefits', 0)} benefits")

    # Issue 16: «Samhandling» reruns within the same ratio to the demo as «Oversikt» does (the network is
    # computed once per snapshot, filters and year and kept: a rerun draws it)
    if {COLLABORATION, OVERVIEW} <= large_vs_demo.keys():
        ratio = large_vs_demo[COLLABORATION] / large_vs_demo[OVERVIEW]
        record("«Samhandling» vs «Oversikt»: their large-vs-demo rerun ratios", ratio, "≤ 1.25", ratio <= 1.25,
               f"{large_vs_demo[COLLABORATION]:.2f} vs {large_vs_demo[OVERVIEW]:.2f}")

    if not args.no_browser:
        print("browser:", flush=True)
        t_app, found_app = first_paint("dashboard.py", big, args.repeat)
        t_empty, found_empty = first_paint("bench/empty_app.py", big, args.repeat)
        record("first paint: overview (large) vs empty Streamlit app", t_app / t_empty, "≤ 2",
               t_app / t_empty <= 2,
               f"{t_app * 1000:.0f} ms vs {t_empty * 1000:.0f} ms (heading painted; Playwright found it "
               f"at {found_app * 1000:.0f} ms vs {found_empty * 1000:.0f} ms)")
        # Issue 20: a cold process, from `streamlit run` to the overview painted. Nothing is
        # precomputed at start: the first run opens the store (portfolio.web.ui.store, in
        # st.cache_resource: one DuckDB connection per process), lists the snapshots and runs
        # the page's queries; their results and the view models built from them are kept per
        # process by snapshot id and parameters (ui.KEPT_QUERIES, ui.KEPT_VIEWS) for every
        # later session.
        t_cold_app = cold_start("dashboard.py", big, 1 if args.smoke else 3)
        t_cold_empty = cold_start("bench/empty_app.py", big, 1 if args.smoke else 3)
        name = "startup: `streamlit run` to the painted overview (large) vs an empty Streamlit app"
        record(name, t_cold_app / t_cold_empty, "≤ 3", t_cold_app / t_cold_empty <= 3,
               f"{t_cold_app * 1000:.0f} ms vs {t_cold_empty * 1000:.0f} ms (cold processes)")
        sessions = 2 if args.smoke else 10
        try:
            first, last, growth = memory_per_session(big, sessions)
        finally:
            from browser import close_shared_browser

            close_shared_browser()
        record(f"server memory growth per browser session ({sessions} sessions), MB", growth, "≤ 20",
               growth <= 20, f"RSS {first:.0f} MB → {last:.0f} MB")

    print("store:", flush=True)
    from store_costs import commit_and_list

    costs = commit_and_list(big, args.repeat, median_time)
    record(f"commit of a {args.initiatives}-initiative snapshot: DuckLake vs folder layout",
           costs["lake_commit"] / costs["folder_commit"], "≤ 1.5", costs["lake_commit"] / costs["folder_commit"] <= 1.5,
           f"{costs['lake_commit'] * 1000:.0f} ms vs {costs['folder_commit'] * 1000:.0f} ms")
    record("listing snapshots on a rerun (nothing changed): DuckLake vs folder layout, ms",
           costs["lake_list"] * 1000, "reported", None,
           f"{costs['lake_list'] * 1000:.1f} ms vs {costs['folder_list'] * 1000:.2f} ms")

    print("import:", flush=True)
    # One snapshot is enough: an import reads the file and compares it with one base.
    times = import_vs_bare_reads(one, max(1, args.repeat // 3))
    n = args.initiatives
    t_import, t_calamine, t_openpyxl = times["import"], times["calamine"], times["openpyxl"]
    name = f"import of a {n}-initiative workbook vs calamine's bare read"
    record(name, t_import / t_calamine, "≤ 1.5", t_import / t_calamine <= 1.5,
           f"{t_import * 1000:.0f} ms vs {t_calamine * 1000:.0f} ms")
    name = f"import of a {n}-initiative workbook vs openpyxl's bare read"
    record(name, t_import / t_openpyxl, "≤ 0.25", t_import / t_openpyxl <= 0.25,
           f"{t_import * 1000:.0f} ms vs {t_openpyxl * 1000:.0f} ms")
    name = f"Excel template of a {n}-initiative snapshot (the download), s"
    record(name, times["template"], "< 15", times["template"] < 15,
           f"{times['template']:.1f} s for {len(times['book']) / 2**20:.1f} MB")
    growth, python_peak, unpacked = import_peak_memory(one, times["book"])
    name = f"peak memory of a {n}-initiative import vs the workbook's unpacked size"
    record(name, growth / unpacked, "≤ 5", growth / unpacked <= 5,
           f"peak RSS +{growth / 2**20:.0f} MB (Python objects {python_peak / 2**20:.0f} MB) "
           f"for {unpacked / 2**20:.0f} MB unpacked")
    rows_csv = 2_000 if args.smoke else 200_000
    seconds = csv_validation_seconds(one, rows_csv)
    name = f"validation of a {rows_csv}-row CSV file, s"
    record(name, seconds, "< 10", seconds < 10, f"{seconds:.1f} s")

    # Decidim's open data (issue 17): a results file as Decidim writes it, read and normalised
    print("decidim:", flush=True)
    from decidim_costs import read_vs_bare

    rows_decidim = 2_000 if args.smoke else 50_000
    times = read_vs_bare(rows_decidim)
    name = f"Decidim: read of a {rows_decidim}-row results file, s"
    record(name, times["read"], "< 20", times["read"] < 20,
           f"{times['read']:.1f} s (pandas' bare read of the same file {times['bare']:.1f} s)")
    from decidim_costs import import_end_to_end

    times = import_end_to_end(rows_decidim)
    name = f"Decidim: import of a {rows_decidim}-row results file into a store (prepare, preview, commit), s"
    record(name, times["total"], "< 20", times["total"] < 20,
           f"{times['total']:.1f} s (prepare {times['prepare']:.1f} s, preview {times['preview']:.1f} s, "
           f"commit {times['commit']:.1f} s)")

    # The meeting pack (issue 18): the whole portfolio's PDF at scale vs the demo pack (the
    # smoke run builds the pack's data only: rendering starts Typst and vl-convert, seconds)
    print("meeting pack:", flush=True)
    from portfolio.present import meeting_pack, pdf

    def pack(data: Path) -> Callable[[], object]:
        def make() -> object:
            with env(PORTFOLIO_TODAY=TODAY):
                ctx = meeting_pack.context(Store(data))
                built = meeting_pack.build(ctx, since=meeting_pack.since_snapshot(ctx))
            return built if args.smoke else pdf.render(built)
        return make

    pack_repeat = 1 if args.smoke else max(1, args.repeat // 3)
    if not args.smoke:
        pack(DEMO)()  # warm: the first chart starts vl-convert's JavaScript engine
    t_pack_demo = median_time(pack(DEMO), pack_repeat)
    t_pack_big = median_time(pack(big), pack_repeat)
    record(f"meeting pack{' data' if args.smoke else ' PDF'}: large vs demo", t_pack_big / t_pack_demo,
           "≤ 15 s", t_pack_big <= 15, f"{t_pack_big * 1000:.0f} ms vs {t_pack_demo * 1000:.0f} ms")

    # Publishing (issue 19): the whole public folder (site, open data, feeds) vs export-public's
    # files of the same snapshot; the goal is under 60 s at 10 000 initiatives
    print("publish:", flush=True)
    from publish_costs import publish_and_export

    costs = publish_and_export(big, 1 if args.smoke else max(1, args.repeat // 3), median_time)
    t_publish, t_export = costs["publish"], costs["export"]
    record(f"publish of a {args.initiatives}-initiative snapshot vs export-public of it", t_publish / t_export,
           "reported", None, f"{t_publish:.1f} s vs {t_export:.1f} s; {costs['files']:.0f} files")
    name = f"publish of a {args.initiatives}-initiative snapshot, s"
    record(name, t_publish, "< 60", t_publish < 60, f"{t_publish:.1f} s")

    result = {
        "measured_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.platform()}",
        "data": {"initiatives": args.initiatives, "snapshots": args.snapshots},
        "repeat": args.repeat,
        "results": rows,
    }
    out.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n")
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
