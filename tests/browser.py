"""Helpers for browser tests: a real Streamlit server and headless Debian Chromium.

No fixed waits: every wait here is for a condition that says the thing is
ready (a server's health URL, Streamlit's own script state, an element, the
marker the app's script sets), with a generous deadline. A loaded machine
makes the tests slower, never wrong.

One Chromium per test process, with one browser context and one page (tab)
reused for their caches: `chromium()` gives a page that starts as in a new
context (blank, cookies and storage cleared after each use, never shared
between tests); it is closed at the end of the session
(conftest.pytest_sessionfinish).
"""

from __future__ import annotations

import contextlib
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

from conftest import ROOT

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
    # Nothing leaves the machine: every request to another host goes to a proxy
    # that is not there and fails (Chromium never sends this machine's own
    # addresses through a proxy); browser.chromium fails the test that asked.
    "--proxy-server=http://127.0.0.1:9",
]
ARTIFACTS = ROOT / "test-artifacts"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# Deadlines for conditions (not waits): generous, so that a loaded machine
# (two cores shared by several test runs) is slow but not failing.
SERVER_START_S = 120
IDLE_TIMEOUT_MS = 120_000


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def poll_until(condition: Callable[[], object], timeout_s: float, what: str, interval_s: float = 0.1):
    """The one polling loop: call `condition` until it returns something true
    (returned) or `timeout_s` has passed (AssertionError naming `what`).
    Sleeps `interval_s` between checks; a condition may raise
    `StopPolling` to give up early (e.g. the process being waited for died)."""
    deadline = time.monotonic() + timeout_s
    while True:
        result = condition()
        if result:
            return result
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout_s:g} s waiting for {what}")
        time.sleep(interval_s)


class StopPolling(Exception):
    """Raised by a poll_until condition that can never become true."""


@contextlib.contextmanager
def streamlit_server(script: str, data: Path, today: str | None = None, port: int | None = None,
                     extra_args: list[str] = (), env_extra: dict | None = None):
    """Start `streamlit run SCRIPT` on a free localhost port; yield its URL
    once its health URL answers."""
    port = port or free_port()
    env = {**os.environ, "PORTFOLIO_DATA": str(data), "PYTHONPATH": str(ROOT)}
    if today:
        env["PORTFOLIO_TODAY"] = today
    env.update(env_extra or {})
    ARTIFACTS.mkdir(exist_ok=True)
    log_path = ARTIFACTS / f"server-{port}.log"
    with open(log_path, "w") as log:
        proc = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", script, "--server.port", str(port),
             "--server.address", "127.0.0.1", "--server.headless", "true", *extra_args],
            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}"

    def healthy() -> bool:
        if proc.poll() is not None:
            raise StopPolling(f"streamlit exited with {proc.returncode}; see {log_path}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                return r.status == 200
        except OSError:
            return False

    try:
        try:
            poll_until(healthy, SERVER_START_S, f"streamlit's health URL; see {log_path}", interval_s=0.2)
        except StopPolling as stopped:
            raise RuntimeError(str(stopped)) from None
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


# -- Chromium: one per process, one reused context, storage cleared per use ----------------

_shared: dict = {}


def shared_browser():
    """The process's Chromium, launched on first use (again if it has died)."""
    browser = _shared.get("browser")
    if browser is None or not browser.is_connected():
        if "playwright" not in _shared:
            from playwright.sync_api import sync_playwright

            _shared["playwright"] = sync_playwright().start()
        browser = _shared["playwright"].chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        _shared["browser"] = browser
        _shared.pop("context", None)
    return browser


def close_shared_browser() -> None:
    _shared.pop("context", None)
    browser, playwright = _shared.pop("browser", None), _shared.pop("playwright", None)
    if browser is not None and browser.is_connected():
        browser.close()
    if playwright is not None:
        playwright.stop()


def _new_context(viewport=(1400, 1000)):
    return shared_browser().new_context(locale="nb-NO", viewport={"width": viewport[0], "height": viewport[1]})


def _shared_context():
    """The process's reused browser context: its HTTP and code caches keep
    Streamlit's scripts between uses (about 0.6 s less per page load than a
    new context); its cookies and storage are cleared after each use."""
    context = _shared.get("context")
    browser = shared_browser()
    if context is None or context.browser is not browser:
        context = _shared["context"] = _new_context()
    return context


def _kept_page(context):
    """The process's reused page (tab) in `context`: a new tab starts a new
    renderer, which compiles Streamlit's scripts again; a page load in the
    kept one costs about half the CPU (1.8 s against 3.7 s of the machine's,
    demo pages, 2026-12-05)."""
    page = _shared.get("page")
    if page is None or page.is_closed() or page.context is not context:
        page = _shared["page"] = context.new_page()
    return page


def _listeners(page) -> dict[str, list]:
    """The event listeners on a page (Playwright's page is a pyee event emitter)."""
    emitter = page._impl_obj
    return {event: list(emitter.listeners(event)) for event in emitter.event_names()}


def _keep_or_close(page, listening: dict, shown: set[str]) -> None:
    """Keep the reused page for the next use, its sessionStorage cleared (it
    lives as long as the tab), or close it: when the test added listeners to
    it, or showed documents of more than one origin in it (sessionStorage can
    be cleared only from a document of its own origin)."""
    if page.is_closed():
        return
    reusable = _listeners(page) == listening and len(shown) <= 1
    if reusable:
        try:
            page.evaluate("() => { try { sessionStorage.clear(); } catch (e) {} }")
        except Exception:  # the page is gone or crashed
            reusable = False
    if not reusable:
        page.close()


def _discard(context) -> None:
    if _shared.get("context") is context:
        del _shared["context"]
        _shared.pop("page", None)
    with contextlib.suppress(Exception):  # the browser may have gone
        context.close()


# What a use leaves behind that a later one could see (the HTTP cache is kept:
# it changes no page; the kept page's sessionStorage: _keep_or_close)
CLEARED_STORAGE = "cookies,local_storage,indexeddb,websql,service_workers,cache_storage,file_systems"
ORIGIN = re.compile(r"^(https?://[^/]+)")


def _clear(context, origins: set[str]) -> None:
    """Blank the kept page, close every other page of `context` and clear its
    cookies and each origin's storage (the kept page's sessionStorage:
    `_keep_or_close`), so that the next use starts as in a new context."""
    kept = _kept_page(context)
    kept.goto("about:blank")  # the app's page goes: its connection closes, nothing more is stored
    for page in context.pages:
        if page is not kept:
            page.close()
    if origins:
        cdp = context.new_cdp_session(kept)
        for origin in sorted(origins):
            cdp.send("Storage.clearDataForOrigin", {"origin": origin, "storageTypes": CLEARED_STORAGE})
        cdp.detach()
    context.clear_cookies()
    context.clear_permissions()


# Every URL that is not this machine's (the test servers listen on 127.0.0.1;
# the published site is read over file://).
ELSEWHERE = re.compile(r"^(?!(https?|wss?)://(127\.0\.0\.1|localhost|\[::1\])(:\d+)?/|data:|blob:|about:|file:)")


class AskedAnotherHost(AssertionError):
    """A page asked another host for something (a font, an icon, a script)."""


@contextlib.contextmanager
def chromium(viewport=(1400, 1000), not_ours: tuple[str, ...] = (), fresh: bool = False):
    """A page that starts as in a new browser context: blank, no cookies,
    no storage, no other page (the process's context and page are reused
    for their caches, blanked and cleared after each use: `_clear`; a page
    the test added listeners to is not reused; `fresh`: a new context of
    its own, for a measure of a first visit, or for a test that needs a
    page no earlier use has touched, e.g. one with init scripts). No page may ask another host for
    anything (a municipal app hands no user's address to a third party, and
    works offline): such a request fails in the browser (CHROMIUM_ARGS'
    proxy), and the use fails with AskedAnotherHost when it ends
    (tests/test_privacy.py). The requests are watched, not intercepted:
    interception would turn off the browser's cache and slow every page load
    by about 40 %. `not_ours`: the origins of pages that are not the app's (a
    test's identity provider): what their pages ask for is theirs, not the
    app's, and is not held against it. Pages the test opens itself
    (`page.context.new_page()`) have the default viewport (1400 × 1000)."""
    context = _new_context(viewport) if fresh else _shared_context()
    foreign: list[str] = []
    origins: set[str] = set()

    def watch(url: str, asked_by: str = "") -> None:
        if ELSEWHERE.match(url) and not asked_by.startswith(not_ours or ("\0",)):
            foreign.append(url)

    shown: set[str] = set()  # the origins of the documents the reused page showed

    def watch_request(request) -> None:
        try:
            asked_by = request.frame.url
        except Exception:  # a service worker's request has no frame
            asked_by = ""
        watch(request.url, asked_by)
        seen = ORIGIN.match(request.url)
        if seen:
            origins.add(seen.group(1))
        with contextlib.suppress(Exception):  # no frame
            if request.is_navigation_request() and request.frame.page is page:
                shown.add(seen.group(1) if seen else request.url.split(":", 1)[0])

    def watch_socket(socket) -> None:
        watch(socket.url)

    watched: list = []

    def watch_page(opened) -> None:
        if not any(opened is w for w in watched):
            watched.append(opened)
            opened.on("websocket", watch_socket)

    page = context.new_page() if fresh else _kept_page(context)
    listening = {} if fresh else _listeners(page)
    context.on("request", watch_request)
    context.on("page", watch_page)
    clean = False
    try:
        watch_page(page)
        if not fresh:
            page.set_viewport_size({"width": viewport[0], "height": viewport[1]})
        yield page
        clean = True
    finally:
        context.remove_listener("request", watch_request)
        context.remove_listener("page", watch_page)
        for opened in watched:
            with contextlib.suppress(Exception):  # it may be closed
                opened.remove_listener("websocket", watch_socket)
        if clean and not fresh:
            try:
                _keep_or_close(page, listening, shown)
                _clear(context, origins)
            except Exception:
                _discard(context)
                raise
        else:
            _discard(context)  # a fresh one, or after a failure: a new context for the next use
    if foreign:
        raise AskedAnotherHost(f"asked another host: {sorted(set(foreign))}")


# -- when is a page ready ------------------------------------------------------------------

# Streamlit's own state on its root element (the same attributes its end-to-end
# tests wait for): the script has run and the browser is connected; nothing is
# running, stale or still loading its code (a lazily loaded element shows
# `stSkeleton` until its code has arrived); every chart shown has drawn its marks
# and every data grid shown its canvas (one in a closed expander or a tab not
# chosen draws when it is opened); and the app's own script has run: it sets the
# document's language (portfolio/web/a11y.py), the one thing the app does in the
# browser after the page is drawn.
PAGE_IS_IDLE_JS = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  if (!app || app.getAttribute('data-test-script-state') !== 'notRunning'
      || app.getAttribute('data-test-connection-state') !== 'CONNECTED') return false;
  if (document.querySelector('[data-testid="stStatusWidget"], [data-testid="stSkeleton"], [data-stale="true"]'))
    return false;
  const shown = element => element.checkVisibility();  // not in a closed expander or another tab
  for (const chart of document.querySelectorAll('[data-testid="stVegaLiteChart"]'))
    if (shown(chart) && !chart.querySelector('svg, canvas')) return false;
  for (const grid of document.querySelectorAll('[data-testid="stDataFrame"]'))
    if (shown(grid) && !grid.querySelector('canvas')) return false;
  return document.documentElement.lang === 'nb';
}"""


def wait_until_idle(page, ready: str = "h1", timeout_ms: int = IDLE_TIMEOUT_MS) -> None:
    """Wait until the page shows `ready` and is idle (PAGE_IS_IDLE_JS): the
    script has finished and everything it drew is painted."""
    page.wait_for_selector(ready, timeout=timeout_ms)
    page.wait_for_function(PAGE_IS_IDLE_JS, timeout=timeout_ms)


def wait_for_paint(page) -> None:
    """Wait until the browser has laid out and painted the current state (two
    animation frames), e.g. after a change of the viewport."""
    page.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")


def axe_violations(page, impacts=("serious", "critical")) -> list[dict]:
    """WCAG 2.1 A/AA violations reported by axe-core on the whole page, of the
    given impacts (serious and critical by default; `impacts=None`: all).
    axe collects only violations (`resultTypes`): the same violations, in
    about half the time, as when it also details every passing node."""
    result = _axe().run(page, options={
        "runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"],
    })
    return [v for v in result.response["violations"] if impacts is None or v.get("impact") in impacts]


def _axe():
    """One axe-core runner per process (it reads axe's script once)."""
    if "axe" not in _shared:
        from axe_playwright_python.sync_playwright import Axe

        _shared["axe"] = Axe()
    return _shared["axe"]


def open_expander(page, expander, attempts: int = 3) -> None:
    """Open a closed expander and wait until its details are drawn, then until
    the page is idle. A click that lands while the page reruns may leave the
    expander closed: then it is clicked again (at most `attempts` times)."""
    import re

    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    details = expander.locator('[data-testid="stExpanderDetails"]').filter(has_text=re.compile(r"\S"))
    for attempt in range(attempts):
        if expander.locator("details").get_attribute("open") is None:
            wait_until_idle(page)
            expander.locator("summary").click()
        try:
            details.wait_for(state="visible", timeout=20_000)
            break
        except PlaywrightTimeout:
            if attempt == attempts - 1:
                raise
    wait_until_idle(page)


def open_every_expander(page) -> None:
    """Show each tab in turn and open each closed expander it shows, waiting
    until the page is idle again (what an expander holds may load code of
    its own)."""
    tabs = page.locator('[data-baseweb="tab"]')
    for t in range(tabs.count()):
        tab = tabs.nth(t)
        if tab.is_visible():
            tab.click()
            wait_until_idle(page)
        _open_visible_expanders(page)
    if not tabs.count():
        _open_visible_expanders(page)


# Every shown expander that is closed: clicked open at once; then every shown
# expander must be open with something drawn in it. (Streamlit opens an
# expander in the browser, without a rerun, so one wait covers them all.)
_CLICK_CLOSED_EXPANDERS_JS = """() => {
  let clicked = 0;
  for (const e of document.querySelectorAll('[data-testid="stExpander"]')) {
    const summary = e.querySelector('summary');
    const details = e.querySelector('details');
    if (summary && details && !details.open && summary.checkVisibility()) { summary.click(); clicked++; }
  }
  return clicked;
}"""
_SHOWN_EXPANDERS_OPEN_JS = """() => [...document.querySelectorAll('[data-testid="stExpander"]')]
  .filter(e => e.querySelector('summary')?.checkVisibility())
  .every(e => e.querySelector('details').open
    && /\\S/.test(e.querySelector('[data-testid="stExpanderDetails"]')?.textContent ?? ''))"""


def _open_visible_expanders(page, attempts: int = 3) -> None:
    """Open every closed expander shown now (not those in a tab not shown:
    opened when their tab is), all in one go, and wait until each shows what
    it holds and the page is idle. A click that lands while the page reruns
    may leave an expander closed: then the closed ones are clicked again (at
    most `attempts` times)."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    for attempt in range(attempts):
        wait_until_idle(page)
        if not page.evaluate(_CLICK_CLOSED_EXPANDERS_JS) and attempt == 0:
            return
        try:
            page.wait_for_function(_SHOWN_EXPANDERS_OPEN_JS, timeout=20_000)
            break
        except PlaywrightTimeout:
            if attempt == attempts - 1:
                raise
    wait_until_idle(page)


def favicon(page) -> str:
    """The favicon the page names (Streamlit sets it; headless Chromium does not fetch it)."""
    page.wait_for_function("() => document.querySelector(\"link[rel='shortcut icon']\")?.href")
    return page.eval_on_selector("link[rel='shortcut icon']", "link => link.href")


def upload_files(page, paths, region: str = "Excel-arbeidsbok") -> None:
    """Give files to the uploader whose label starts with `region` (the update page has two)."""
    dropzone = page.get_by_role("region", name=region).locator('[data-testid="stFileUploaderDropzoneInput"]')
    dropzone.set_input_files(paths)
