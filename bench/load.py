"""Load test at the protocol level: N concurrent sessions change the overview's filters
against one local server on generated data, speaking Streamlit's websocket protocol
(bench/st_protocol.py), no browsers; one real Chromium session alongside proves that
the protocol client sees the same page.

    .venv/bin/python bench/load.py                     # 100 sessions, 60 s, 10 000 × 52
    .venv/bin/python bench/load.py --sessions 5 --seconds 8 --initiatives 300 --snapshots 3
    .venv/bin/python bench/load.py --capacity 5,10,15,20,40   # how many sessions one server holds
    .venv/bin/python bench/load.py --servers 2 --capacity 10,20,30,40   # two server processes

In one run, against one server (or --servers N processes on the same data, each session
kept on one of them, as a load balancer with session affinity does): the server's first
run (cold); a single session alone, which makes the same kind of filter changes one after
the other (the baseline); with N processes, each other process's first run too (its own
copy of the data is the process's memory, not the sessions'); then N sessions open the overview at once and each changes one
filter every 2–5 s (random, seeded) for S seconds. Reports p50/p95/p99 of the time from
the rerun request to `script_finished`, p95 vs the single session's median, errors, the
server's RSS and CPU time; writes bench/load-results.json (--out). With --capacity, one
such run (no browser) per number of sessions, each on new servers, and the most sessions
held: p95 < 1 s, ≤ 20× a single session, no errors (HELD_BY); writes
bench/load-capacity[-N-servers].json. Only loopback traffic; every wait is bounded.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import math
import os
import random
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench"), str(ROOT / "tests")]

from load_smoke import SmokeThread  # noqa: E402
from run import TODAY, _server_pid, dataset, rss_mb  # noqa: E402
from st_protocol import Page, RunResult, Session, Widget, multiselect_state  # noqa: E402

from browser import streamlit_server  # noqa: E402

FILTER_KEYS = ("f_status", "f_phase", "f_area", "f_focus", "f_target", "f_programme")
MAX_ACTIVE_FILTERS = 2  # a user narrows by one or two filters, then clears one
THINK_S = (2.0, 5.0)  # time between a session's filter changes
BASELINE_CHANGES = 20
SMOKE_FILTER = ("f_status", 2)  # the browser smoke chooses this filter's third option («Rød»)
ERROR_SAMPLES = 10
RESULTS_OUT = ROOT / "bench" / "load-results.json"


def capacity_out(servers: int) -> Path:
    """Where --capacity writes: bench/load-capacity.json, or …-<N>-servers.json."""
    return ROOT / "bench" / ("load-capacity.json" if servers == 1 else f"load-capacity-{servers}-servers.json")


def log(text: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {text}", file=sys.stderr, flush=True)


def widgets_by_key(page: Page) -> dict[str, Widget]:
    return {w.key: w for w in page.widgets.values() if w.key}


class FilterWalk:
    """One user's filter changes: one filter at a time, at most MAX_ACTIVE_FILTERS in use."""

    def __init__(self, page: Page, rng: random.Random) -> None:
        found = widgets_by_key(page)
        self.widgets = {k: found[k] for k in FILTER_KEYS if k in found and found[k].options}
        if not self.widgets:
            raise RuntimeError(f"no filter widget on the page (widgets: {sorted(found)})")
        self.chosen: dict[str, list[str]] = {k: [] for k in self.widgets}
        self.rng = rng

    def next(self):
        rng = self.rng
        active = [k for k, v in self.chosen.items() if v]
        if len(active) >= MAX_ACTIVE_FILTERS or (active and rng.random() < 0.25):
            key, values = rng.choice(active), []
        else:
            key = rng.choice(sorted(self.widgets))
            options = self.widgets[key].options
            values = rng.sample(options, k=min(len(options), rng.choice((1, 1, 2))))
            if values == self.chosen[key]:
                values = []
        self.chosen[key] = values
        return multiselect_state(self.widgets[key], values)


@dataclass
class Tally:
    """What the sessions measured."""

    timings: list[float] = field(default_factory=list)  # filter changes: request → script_finished
    open_timings: list[float] = field(default_factory=list)  # connect + first run
    errors: list[str] = field(default_factory=list)
    reruns: int = 0
    finished: int = 0

    def record(self, who: str, result: RunResult, opening: bool = False) -> None:
        self.reruns += 1
        self.finished += result.finished
        (self.open_timings if opening else self.timings).append(result.seconds)
        self.errors += [f"{who}: {e}" for e in result.errors]


@dataclass
class LoadRun:
    sessions: int
    seconds: float
    servers: int = 1
    first_run_s: float = math.nan
    single: list[float] = field(default_factory=list)
    reference: dict = field(default_factory=dict)  # the protocol's page before/after SMOKE_FILTER
    smoke_label: str = ""
    smoke_option: str = ""
    tally: Tally = field(default_factory=Tally)
    all_opened_s: float = math.nan
    window_s: float = math.nan
    marks: dict = field(default_factory=dict)  # phase -> server CPU s, RSS MB, wall time, client CPU s


class ServerProbe:
    """The servers' CPU time and RSS, added up over their processes (from /proc: psutil is
    not installed), with the peak of the sum sampled every 0.25 s in a thread."""

    def __init__(self, pids: int | list[int]) -> None:
        self.pids = [pids] if isinstance(pids, int) else list(pids)
        self.peak = self.rss_mb()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def cpu_seconds(self) -> float:
        total = 0
        for pid in self.pids:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])
        return total / os.sysconf("SC_CLK_TCK")

    def rss_mb(self) -> float:
        return sum(rss_mb(pid) for pid in self.pids)

    def mark(self) -> dict:
        rss = self.rss_mb()
        self.peak = max(self.peak, rss)
        return {"cpu_s": self.cpu_seconds(), "rss_mb": rss, "wall_s": time.perf_counter(),
                "client_cpu_s": sum(os.times()[:2])}

    def _sample(self) -> None:
        while not self._stop.wait(0.25):
            try:
                self.peak = max(self.peak, self.rss_mb())
            except OSError:
                return

    def __enter__(self) -> ServerProbe:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join(timeout=5)


async def single_session(url: str, seed: int, changes: int, run: LoadRun) -> None:
    """The server's first run, the reference pages for the browser smoke, then session 0's
    first `changes` filter changes one after the other, alone on the server."""
    async with Session(url) as s:
        first = await s.rerun()
        run.first_run_s = first.seconds
        run.tally.errors += [f"first run: {e}" for e in first.errors]
        if not first.ok:
            return
        key, index = SMOKE_FILTER
        widget = widgets_by_key(first.page)[key]
        run.smoke_label, run.smoke_option = widget.label, widget.options[index]
        run.reference["before"] = first.page.summary()
        for values, name in (([run.smoke_option], "after"), ([], None)):
            result = await s.rerun([multiselect_state(widget, values)])
            run.tally.errors += [f"reference run: {e}" for e in result.errors]
            if name:
                run.reference[name] = result.page.summary()
        walk = FilterWalk(first.page, random.Random(f"{seed}:0:filters"))
        for _ in range(changes):
            result = await s.rerun([walk.next()])
            run.single.append(result.seconds)
            run.tally.errors += [f"single session: {e}" for e in result.errors]


async def first_run(url: str, run: LoadRun) -> None:
    """One session's first run on a server, then closed: the process reads and keeps the data."""
    async with Session(url) as s:
        result = await s.rerun()
        run.tally.errors += [f"first run on {url}: {e}" for e in result.errors]


async def open_session(url: str, index: int, tally: Tally) -> tuple[Session, Page] | None:
    session = Session(url)
    start = time.perf_counter()
    try:
        await session.connect()
    except Exception as err:
        tally.errors.append(f"session {index} (connecting): {type(err).__name__}: {str(err)[:200]}")
        tally.open_timings.append(time.perf_counter() - start)
        return None
    result = await session.rerun()
    result.seconds = time.perf_counter() - start
    tally.record(f"session {index} (opening)", result, opening=True)
    return (session, result.page) if result.ok else None


async def change_filters(session: Session, page: Page, index: int, seed: int, deadline: float, tally: Tally) -> None:
    walk = FilterWalk(page, random.Random(f"{seed}:{index}:filters"))
    think = random.Random(f"{seed}:{index}:think")
    while True:
        await asyncio.sleep(think.uniform(*THINK_S))
        if time.monotonic() >= deadline:
            return
        result = await session.rerun([walk.next()])
        tally.record(f"session {index}", result)
        if not result.finished:
            return  # no answer or connection lost: this session is done


async def run_load(url: str | list[str], sessions: int, seconds: float, seed: int = 0,
                   baseline_changes: int = BASELINE_CHANGES, probe: ServerProbe | None = None,
                   on_window=None) -> LoadRun:
    """The whole scenario against the server at `url`, or the servers at a list of URLs
    (session i on server i mod their number, as a load balancer that keeps each session
    on one server; the single session on the first); `on_window(run)` is called when the
    N sessions have opened and start changing filters."""
    urls = [url] if isinstance(url, str) else list(url)
    run = LoadRun(sessions, seconds, servers=len(urls))

    def mark(name: str) -> None:
        if probe is not None:
            run.marks[name] = probe.mark()

    mark("start")
    await single_session(urls[0], seed, baseline_changes, run)
    for other in urls[1:]:  # each other process's first run: its own copy of the data is no session's growth
        await first_run(other, run)
    mark("single")
    log(f"first run {run.first_run_s:.1f} s; single session: {len(run.single)} filter changes, "
        f"median {percentile(run.single, 50) * 1000:.0f} ms; opening {sessions} sessions")
    start = time.perf_counter()
    opened = await asyncio.gather(*(open_session(urls[i % len(urls)], i, run.tally) for i in range(sessions)))
    run.all_opened_s = time.perf_counter() - start
    mark("opened")
    log(f"{sessions} sessions opened in {run.all_opened_s:.1f} s; changing filters for {seconds:g} s")
    if on_window is not None:
        on_window(run)
    deadline = time.monotonic() + seconds
    start = time.perf_counter()
    await asyncio.gather(*(change_filters(o[0], o[1], i, seed, deadline, run.tally)
                           for i, o in enumerate(opened) if o is not None))
    run.window_s = time.perf_counter() - start
    mark("end")
    log(f"{len(run.tally.timings)} filter changes in {run.window_s:.1f} s; closing the sessions")
    await asyncio.gather(*(o[0].close() for o in opened if o is not None), return_exceptions=True)
    return run


# -- report ----------------------------------------------------------------------------------

def percentile(values: list[float], p: float) -> float:
    """Nearest-rank percentile (nan for no values)."""
    if not values:
        return math.nan
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, math.ceil(p / 100 * len(ordered)) - 1))]


def ms(seconds: float) -> int | None:
    return None if math.isnan(seconds) else round(seconds * 1000)


def report(run: LoadRun, smoke: dict | None = None, data: dict | None = None) -> dict:
    t, marks = run.tally, run.marks
    single = percentile(run.single, 50)
    p95 = percentile(t.timings, 95)
    result = {
        "sessions": run.sessions, "servers": run.servers, "seconds": run.seconds, "data": data or {},
        "machine": f"{os.cpu_count()} cores", "load_average_1min": round(os.getloadavg()[0], 1),
        "first_run_ms": ms(run.first_run_s),
        "single_session": {"changes": len(run.single), "p50_ms": ms(single), "p95_ms": ms(percentile(run.single, 95))},
        "opening": {"sessions_opened": len(t.open_timings), "all_opened_in_s": round(run.all_opened_s, 1),
                    "p50_ms": ms(percentile(t.open_timings, 50)), "p95_ms": ms(percentile(t.open_timings, 95))},
        "reruns": len(t.timings), "reruns_per_s": round(len(t.timings) / run.window_s, 2) if run.window_s else None,
        "every_rerun_finished": t.finished == t.reruns, "unfinished": t.reruns - t.finished,
        "rerun_p50_ms": ms(percentile(t.timings, 50)), "rerun_p95_ms": ms(p95),
        "rerun_p99_ms": ms(percentile(t.timings, 99)), "rerun_max_ms": ms(max(t.timings, default=math.nan)),
        "p95_vs_single": round(p95 / single, 1) if single and not math.isnan(p95 / single) else None,
        "errors": len(t.errors), "error_samples": t.errors[:ERROR_SAMPLES],
    }
    if {"start", "single", "opened", "end"} <= marks.keys():
        start, single_m, opened, end = (marks[k] for k in ("start", "single", "opened", "end"))
        server_cpu = end["cpu_s"] - opened["cpu_s"]
        result["server_rss_mb"] = {"start": round(start["rss_mb"]), "after_single_session": round(single_m["rss_mb"]),
                                   "all_open": round(opened["rss_mb"]), "end": round(end["rss_mb"]),
                                   "peak": round(marks["peak_rss_mb"])}
        result["rss_growth_per_session_mb"] = round((marks["peak_rss_mb"] - single_m["rss_mb"]) / run.sessions, 2)
        result["rss_growth_per_session_opened_mb"] = round((opened["rss_mb"] - single_m["rss_mb"]) / run.sessions, 2)
        result["rss_growth_per_session_end_mb"] = round((end["rss_mb"] - single_m["rss_mb"]) / run.sessions, 2)
        result["server_cpu_s"] = {"first_run_and_single_session": round(single_m["cpu_s"] - start["cpu_s"], 1),
                                  "opening": round(opened["cpu_s"] - single_m["cpu_s"], 1), "load": round(server_cpu, 1)}
        result["server_cpu_ms_per_rerun"] = round(server_cpu * 1000 / len(t.timings)) if t.timings else None
        result["server_cores_used"] = round(server_cpu / (end["wall_s"] - opened["wall_s"]), 2)
        result["client_cpu_s_load"] = round(end["client_cpu_s"] - opened["client_cpu_s"], 1)
    if smoke is not None:
        result["browser_smoke"] = smoke
    result["goals"] = goals(result)
    return result


def goals(r: dict) -> list[dict]:
    """The issue's goals (issue 20, item 3), each ok or not, from the figures above."""
    rows = [
        ("p95 rerun < 1 s", r["rerun_p95_ms"], r["rerun_p95_ms"] is not None and r["rerun_p95_ms"] < 1000),
        ("p95 ≤ 20× single session", r["p95_vs_single"], r["p95_vs_single"] is not None and r["p95_vs_single"] <= 20),
        ("zero errors", r["errors"], r["errors"] == 0 and r["every_rerun_finished"]),
    ]
    if "rss_growth_per_session_mb" in r:
        rows.append(("RSS growth ≤ 2 MB per session", r["rss_growth_per_session_mb"], r["rss_growth_per_session_mb"] <= 2))
    if "browser_smoke" in r:
        rows.append(("browser sees the same page", r["browser_smoke"].get("same_page"), r["browser_smoke"].get("same_page") is True))
    return [{"goal": name, "value": value, "ok": bool(ok)} for name, value, ok in rows]


# -- capacity: the sessions one server holds -------------------------------------------------

def _positive(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError("give a whole number of at least 1")
    return int(text)


def _session_counts(text: str) -> list[int]:
    counts = sorted({int(part) for part in text.split(",") if part.strip()})
    if not counts or counts[0] < 1:
        raise argparse.ArgumentTypeError("give session counts such as 5,10,20,40")
    return counts


@contextlib.contextmanager
def app_servers(data: Path, count: int) -> Iterator[list[str]]:
    """`count` app servers (`streamlit run dashboard.py`, one process each) on the same
    data: their URLs."""
    with contextlib.ExitStack() as stack:
        yield [stack.enter_context(streamlit_server("dashboard.py", data, today=TODAY)) for _ in range(count)]


def measure(data: Path, sessions: int, seconds: float, seed: int, baseline_changes: int, about: dict,
            servers: int = 1) -> dict:
    """One load run of `sessions` sessions against new servers (cold caches, as after a
    restart), without the browser session: its report."""
    with app_servers(data, servers) as urls, ServerProbe([_server_pid(u) for u in urls]) as probe:
        run = asyncio.run(run_load(urls, sessions, seconds, seed, baseline_changes, probe))
        run.marks["peak_rss_mb"] = probe.peak
    return report(run, data=about)


# The goals a number of sessions is held by: their times and no errors. The RSS growth
# goal is reported beside, not judged per count: in a run of a minute the shared caches
# (query results and views, bounded by their max_entries) fill with the new filter
# combinations whatever the number of sessions, so (peak − RSS) / N says more about N
# than about a session (bench/README.md).
HELD_BY = ("p95 rerun < 1 s", "p95 ≤ 20× single session", "zero errors")


def holds(result: dict) -> bool:
    """Whether a run held its sessions (HELD_BY)."""
    return all(g["ok"] for g in result["goals"] if g["goal"] in HELD_BY)


def capacity_row(result: dict) -> dict:
    keys = ("sessions", "servers", "reruns", "reruns_per_s", "rerun_p50_ms", "rerun_p95_ms", "rerun_p99_ms", "p95_vs_single",
            "errors", "rss_growth_per_session_mb", "server_cpu_ms_per_rerun", "server_cores_used",
            "load_average_1min")
    row = {key: result.get(key) for key in keys}
    row["single_session_p50_ms"] = result["single_session"]["p50_ms"]
    row["held"] = holds(result)
    return row


def capacity_summary(rows: list[dict], seconds: float, about: dict, servers: int = 1) -> dict:
    """The runs, and the most sessions held: the largest count held with every smaller
    count measured held too (0 when the smallest was not)."""
    held = 0
    for row in sorted(rows, key=lambda r: r["sessions"]):
        if not row["held"]:
            break
        held = row["sessions"]
    return {"servers": servers, "seconds": seconds, "data": about, "machine": f"{os.cpu_count()} cores",
            "think_s": list(THINK_S), "runs": rows, "sessions_held": held}


def capacity(data: Path, counts: list[int], seconds: float, seed: int, baseline_changes: int, about: dict,
             out: Path, servers: int = 1) -> int:
    """How many sessions, each changing a filter every 2–5 s, one server holds (HELD_BY):
    one run per count, on a new server each; the largest count that meets them all."""
    rows = []
    for sessions in counts:
        log(f"capacity: {sessions} sessions on {servers} server process(es)")
        rows.append(capacity_row(measure(data, sessions, seconds, seed, baseline_changes, about, servers)))
    result = capacity_summary(rows, seconds, about, servers)
    text = json.dumps(result, ensure_ascii=False, indent=2)
    print(text)
    for row in rows:
        print(f"{'held  ' if row['held'] else 'MISSED'}  {row['sessions']:4d} sessions: p95 "
              f"{row['rerun_p95_ms']} ms, {row['reruns_per_s']} changes/s, {row['server_cpu_ms_per_rerun']} ms CPU each")
    out.write_text(text + "\n")
    return 0 if all(row["errors"] == 0 for row in rows) else 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=100)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--initiatives", type=int, default=10000)
    parser.add_argument("--snapshots", type=int, default=52)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--baseline-changes", type=int, default=BASELINE_CHANGES)
    parser.add_argument("--cache", type=Path, default=ROOT / "bench" / "out", help="where generated data is kept")
    parser.add_argument("--out", type=Path, help="bench/load-results.json (bench/load-capacity.json with --capacity)")
    parser.add_argument("--no-browser", action="store_true", help="leave out the Chromium smoke session")
    parser.add_argument("--servers", type=_positive, default=1,
                        help="app server processes on the same data; session i uses server i mod N")
    parser.add_argument("--capacity", type=_session_counts, metavar="N,N,...",
                        help="instead: how many sessions the server holds (one run per N, each on a new "
                             "server, no browser); writes bench/load-capacity[-N-servers].json unless --out is given")
    args = parser.parse_args(argv)
    args.cache.mkdir(parents=True, exist_ok=True)
    data = dataset(args.cache, args.initiatives, args.snapshots)
    about = {"initiatives": args.initiatives, "snapshots": args.snapshots, "seed": args.seed}
    if args.capacity:
        return capacity(data, args.capacity, args.seconds, args.seed, args.baseline_changes, about,
                        args.out or capacity_out(args.servers), args.servers)

    with app_servers(data, args.servers) as urls, ServerProbe([_server_pid(u) for u in urls]) as probe:
        smoke = None if args.no_browser else SmokeThread(urls[0])
        run = asyncio.run(run_load(urls, args.sessions, args.seconds, args.seed, args.baseline_changes, probe,
                                   on_window=smoke.start_for if smoke else None))
        run.marks["peak_rss_mb"] = probe.peak
        if smoke:
            log("waiting for the browser session")
        smoke_result = smoke.finish(run.reference) if smoke else None
    result = report(run, smoke_result, about)
    text = json.dumps(result, ensure_ascii=False, indent=2)
    print(text)
    for goal in result["goals"]:
        print(f"{'ok    ' if goal['ok'] else 'MISSED'}  {goal['goal']}: {goal['value']}")
    (args.out or RESULTS_OUT).write_text(text + "\n")
    smoke_ok = smoke_result is None or smoke_result.get("same_page") is True
    return 0 if result["errors"] == 0 and result["every_rerun_finished"] and result["reruns"] and smoke_ok else 1


if __name__ == "__main__":
    sys.exit(main())
