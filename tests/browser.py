"""Helpers for browser tests: a real Streamlit server and headless Debian Chromium."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from conftest import ROOT

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
]
ARTIFACTS = ROOT / "test-artifacts"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def streamlit_server(script: str, data: Path, today: str | None = None, port: int | None = None,
                     extra_args: list[str] = (), env_extra: dict | None = None):
    """Start `streamlit run SCRIPT` on a free localhost port; yield its URL."""
    port = port or free_port()
    env = {**os.environ, "PORTFOLIO_DATA": str(data), "PYTHONPATH": str(ROOT)}
    if today:
        env["PORTFOLIO_TODAY"] = today
    env.update(env_extra or {})
    ARTIFACTS.mkdir(exist_ok=True)
    log = open(ARTIFACTS / f"server-{port}.log", "w")
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", script, "--server.port", str(port),
         "--server.address", "127.0.0.1", "--server.headless", "true", *extra_args],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"streamlit did not start; see {log.name}")
            time.sleep(0.3)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


@contextlib.contextmanager
def chromium(viewport=(1400, 1000)):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        context = browser.new_context(
            locale="nb-NO", viewport={"width": viewport[0], "height": viewport[1]}
        )
        try:
            yield context.new_page()
        finally:
            context.close()
            browser.close()


def wait_until_idle(page, ready: str = "h1", timeout_ms: int = 30000) -> None:
    """Wait until the page shows `ready` and Streamlit has finished the script."""
    page.wait_for_selector(ready, timeout=timeout_ms)
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')",
        timeout=timeout_ms,
    )
    page.wait_for_timeout(1000)  # let charts and tables paint


def axe_violations(page) -> list[dict]:
    """Serious and critical WCAG 2.1 A/AA violations reported by axe-core."""
    from axe_playwright_python.sync_playwright import Axe

    result = Axe().run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
    return [
        v for v in result.response["violations"] if v.get("impact") in ("serious", "critical")
    ]
