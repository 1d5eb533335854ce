"""The load test's one real-browser session (bench/load.py): Chromium (tests/browser.py
`chromium()`, with its CHROMIUM_ARGS) opens the overview while the protocol sessions run,
chooses one filter option, and says what it shows: the same title, key figures, number
of charts, data grids and tables, and table rows as the protocol client got from its
deltas for the same filter (`st_protocol.Page.summary`)."""

from __future__ import annotations

import threading
import time

TIMEOUT_MS = 600_000  # under 100 sessions on two cores a page may take minutes; bounded all the same

BROWSER_SUMMARY_JS = """() => {
  const main = document.querySelector('[data-testid="stMain"]') || document;
  const h1 = main.querySelector('h1');
  const tables = [...main.querySelectorAll('[data-testid="stTable"]')];
  return {
    h1: h1 ? h1.innerText : null,
    metrics: [...main.querySelectorAll('[data-testid="stMetricValue"]')].map(e => e.innerText),
    charts: main.querySelectorAll('[data-testid="stVegaLiteChart"]').length,
    dataframes: main.querySelectorAll('[data-testid="stDataFrame"]').length,
    tables: tables.length,
    table_rows: tables.map(t => t.querySelectorAll('tbody tr').length),
  };
}"""


def normalized(summary: dict | None) -> dict | None:
    """Texts with their white space (non-breaking spaces, new lines) made single spaces."""
    if summary is None:
        return None

    def clean(value):
        if isinstance(value, str):
            return " ".join(value.split())
        if isinstance(value, list):
            return [clean(v) for v in value]
        return value

    return {k: clean(v) for k, v in summary.items()}


def choose(page, label: str, option: str, attempts: int = 3) -> None:
    """Open the multiselect labelled `label` and choose `option`. A click that lands while
    the page is still busy may leave the list closed: then it is clicked again."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    choice = page.get_by_role("option", name=option, exact=True).first
    for attempt in range(attempts):
        page.get_by_role("combobox", name=label).first.click(timeout=TIMEOUT_MS)
        try:
            choice.wait_for(state="visible", timeout=30_000)
            break
        except PlaywrightTimeout:
            if attempt == attempts - 1:
                raise
    choice.click(timeout=TIMEOUT_MS)
    page.keyboard.press("Escape")


class SmokeThread:
    """Runs the browser session in its own thread (Playwright's sync API cannot run inside
    the protocol client's event loop)."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.result: dict = {"errors": []}
        self.thread: threading.Thread | None = None

    def start_for(self, run) -> None:
        """Start, choosing the option the protocol client chose for its reference page."""
        if not run.smoke_label:
            self.result["errors"].append("no reference page: the protocol client's first run failed")
            return
        self.result["filter"] = f"{run.smoke_label} = {run.smoke_option}"
        self.thread = threading.Thread(target=self._run, args=(run.smoke_label, run.smoke_option), daemon=True)
        self.thread.start()

    def finish(self, reference: dict) -> dict:
        """Wait for the browser (bounded) and compare its pages with the protocol client's."""
        if self.thread is not None:
            self.thread.join(timeout=2 * TIMEOUT_MS / 1000 + 60)
            if self.thread.is_alive():
                self.result["errors"].append("the browser session did not end in time")
        mismatches, pages = [], {}
        for name in ("before", "after"):
            seen, expected = normalized(self.result.pop(name, None)), normalized(reference.get(name))
            pages[name] = seen
            if seen is None or seen != expected:
                mismatches.append({"page": name, "browser": seen, "protocol": expected})
        self.result["pages_seen"] = pages  # the same as the protocol client's unless in mismatches
        self.result["mismatches"] = mismatches
        self.result["same_page"] = not mismatches and not self.result["errors"]
        return self.result

    def _run(self, label: str, option: str) -> None:
        from browser import chromium, close_shared_browser, wait_until_idle

        try:
            with chromium() as page:
                start = time.perf_counter()
                page.goto(self.url, timeout=TIMEOUT_MS)
                wait_until_idle(page, timeout_ms=TIMEOUT_MS)
                self.result["page_load_s"] = round(time.perf_counter() - start, 1)
                self.result["before"] = page.evaluate(BROWSER_SUMMARY_JS)
                search = page.evaluate("() => location.search")
                start = time.perf_counter()
                choose(page, label, option)
                # the run has put the filter in the URL; then wait until it has finished and painted
                page.wait_for_function("before => location.search !== before", arg=search, timeout=TIMEOUT_MS)
                wait_until_idle(page, timeout_ms=TIMEOUT_MS)
                self.result["filter_change_s"] = round(time.perf_counter() - start, 1)
                self.result["after"] = page.evaluate(BROWSER_SUMMARY_JS)
        except Exception as err:
            self.result["errors"].append(f"{type(err).__name__}: {str(err)[:300]}")
        finally:
            close_shared_browser()
