"""Load test: N concurrent Chromium sessions click through the overview's
filters for a fixed time against one local server on generated data.

    .venv/bin/python bench/load.py                      # 25 sessions, 60 s, 10 000 × 52
    .venv/bin/python bench/load.py --sessions 3 --seconds 10 --initiatives 300 --snapshots 3

Reports errors (exceptions shown by the app, failed page loads, time-outs),
p50 and p95 rerun time (from a filter change until the script has finished
and the table is shown again), and the server's peak memory (RSS, sampled).
Only loopback traffic; every loop is bounded in time.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench"), str(ROOT / "tests")]

from run import TODAY, _server_pid, dataset, rss_mb  # noqa: E402

from browser import CHROMIUM, CHROMIUM_ARGS, streamlit_server  # noqa: E402

STATUS_OPTIONS = ["Rød", "Gul", "Grønn"]
PHASE_OPTIONS = ["Gjennomføre", "Planlegge", "Konsept"]


async def wait_idle(page, timeout_ms: int) -> None:
    await page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')"
        " && document.querySelector('[data-testid=\"stDataFrame\"]')",
        timeout=timeout_ms,
    )


async def open_session(browser, url: str, index: int, errors: list):
    """Open the app in a new browser context; None when it failed."""
    context = await browser.new_context(locale="nb-NO", viewport={"width": 1400, "height": 1000})
    page = await context.new_page()
    try:
        await page.goto(url, timeout=300000)
        await page.wait_for_selector("h1", timeout=300000)
        await wait_idle(page, 300000)
        return context, page
    except Exception as err:
        errors.append(f"session {index} (opening): {type(err).__name__}: {str(err)[:200]}")
        await context.close()
        return None


async def click_through(page, deadline: float, index: int, timings: list, errors: list) -> None:
    """Change filters until the deadline; time each change until the page is idle again."""
    step = index
    try:
        while time.monotonic() < deadline:
            step += 1
            label, options = (("Samlet status", STATUS_OPTIONS) if step % 2 else ("Fase", PHASE_OPTIONS))
            option = options[step % len(options)]
            start = time.perf_counter()
            await page.get_by_label(label, exact=False).first.click()
            choice = page.get_by_role("option", name=option, exact=True)
            if not await choice.count():  # already chosen: a multiselect offers it no more
                await page.keyboard.press("Escape")
                continue
            await choice.first.click()
            await page.keyboard.press("Escape")
            await page.wait_for_timeout(50)
            await wait_idle(page, 120000)
            timings.append(time.perf_counter() - start)
            if await page.locator('[data-testid="stException"]').count():
                errors.append(f"session {index}: exception shown")
            if step % 3 == 0:  # clear the filters again now and then
                clear = page.locator('[data-testid="stMultiSelect"] [aria-label="Clear all"]').first
                if await clear.count():
                    await clear.click()
                    await wait_idle(page, 120000)
    except Exception as err:
        errors.append(f"session {index}: {type(err).__name__}: {str(err)[:200]}")


def cpu_seconds(pid: int) -> float:
    """CPU time (user + system) the process has used so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def run_load(url: str, sessions: int, seconds: float, marks: dict | None = None) -> tuple[list, list, float]:
    """All sessions open the app first (timed); then they click for `seconds`.
    `marks` gets the server's CPU time and the wall time when the clicking
    starts and ends (when it holds the server's "pid")."""
    from playwright.async_api import async_playwright

    timings: list[float] = []
    errors: list[str] = []
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        start = time.perf_counter()
        opened = await asyncio.gather(*(open_session(browser, url, i, errors) for i in range(sessions)))
        open_seconds = time.perf_counter() - start
        deadline = time.monotonic() + seconds
        if marks is not None:
            marks["start"] = (cpu_seconds(marks["pid"]), time.perf_counter())
        await asyncio.gather(*(click_through(o[1], deadline, i, timings, errors)
                               for i, o in enumerate(opened) if o is not None))
        if marks is not None:
            marks["end"] = (cpu_seconds(marks["pid"]), time.perf_counter())
            marks["load_average"] = os.getloadavg()[0]
        for o in opened:
            if o is not None:
                await o[0].close()
        await browser.close()
    return timings, errors, open_seconds


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=25)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--initiatives", type=int, default=10000)
    parser.add_argument("--snapshots", type=int, default=52)
    parser.add_argument("--cache", type=Path, default=ROOT / "bench" / "out")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "load-results.json")
    args = parser.parse_args(argv)
    args.cache.mkdir(parents=True, exist_ok=True)
    data = dataset(args.cache, args.initiatives, args.snapshots)

    with streamlit_server("dashboard.py", data, today=TODAY) as url:
        pid = _server_pid(url)
        peak = [rss_mb(pid)]
        stop = threading.Event()

        def sample() -> None:
            while not stop.wait(0.5):
                try:
                    peak.append(rss_mb(pid))
                except OSError:
                    return

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        marks = {"pid": pid}
        timings, errors, open_seconds = asyncio.run(run_load(url, args.sessions, args.seconds, marks))
        stop.set()
        sampler.join(timeout=5)

    timings.sort()
    p50 = statistics.median(timings) if timings else float("nan")
    p95 = timings[min(len(timings) - 1, int(0.95 * len(timings)))] if timings else float("nan")
    result = {
        "sessions": args.sessions,
        "seconds": args.seconds,
        "data": {"initiatives": args.initiatives, "snapshots": args.snapshots},
        "all_sessions_opened_in_s": round(open_seconds, 1),
        "reruns": len(timings),
        "errors": len(errors),
        "error_samples": errors[:10],
        "rerun_p50_ms": round(p50 * 1000) if timings else None,
        "rerun_p95_ms": round(p95 * 1000) if timings else None,
        "server_peak_rss_mb": round(max(peak)),
        # Where the time goes: the server's own CPU time while the sessions
        # clicked (per rerun, and as cores used), and the machine's load
        "server_cpu_ms_per_rerun": round((marks["end"][0] - marks["start"][0]) * 1000 / len(timings))
        if timings else None,
        "server_cores_used": round((marks["end"][0] - marks["start"][0]) / (marks["end"][1] - marks["start"][1]), 2),
        "load_average_1min": round(marks["load_average"], 1),
        "server_start_rss_mb": round(peak[0]),
        "machine": f"{os.cpu_count()} cores",
    }
    print(json.dumps(result, ensure_ascii=False, indent=2))
    args.out.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n")
    return 0 if not errors and timings else 1


if __name__ == "__main__":
    sys.exit(main())
