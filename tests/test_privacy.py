"""No page talks to a third party.

A municipal app must not hand its users' addresses to another host (and must
work offline): every asset comes from the app itself. Streamlit turns a
`:material/…:` page icon into a favicon URL on fonts.gstatic.com, so the
apps use a local icon file (portfolio/web/assets). Here every page of both
apps is loaded in Chromium (dashboard.py as the local user, who may open
every page, and public.py), every expander opened, and any request to
another host fails the test (and is aborted, so none leaves the machine).
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest
from streamlit.testing.v1 import AppTest

from conftest import DEMO_DATA, DEMO_TODAY, ROOT

pytestmark = pytest.mark.browser

NOT_NETWORK = ("data:", "blob:", "about:")


def page_paths(entry: str, monkeypatch) -> list[str]:
    """The URL paths of every page `entry` registers for the local user
    (local mode: an editor, who may open every page), default page first."""
    monkeypatch.setenv("PORTFOLIO_DATA", str(DEMO_DATA))
    monkeypatch.setenv("PORTFOLIO_TODAY", DEMO_TODAY.isoformat())
    at = AppTest.from_file(str(ROOT / entry), default_timeout=120).run()
    assert not at.exception, [e.message for e in at.exception]
    paths = {info.get("url_pathname", "") for info in at._registered_pages.values() if info.get("script_path")}
    return sorted(paths, key=lambda p: (p != "", p))  # the default page ("") first


def open_every_expander(page) -> None:
    """Show each tab in turn and open each closed expander it shows, waiting
    until the page is idle again (what an expander holds may load code of
    its own)."""
    from browser import wait_until_idle

    tabs = page.locator('[data-baseweb="tab"]')
    for t in range(tabs.count()):
        tab = tabs.nth(t)
        if tab.is_visible():
            tab.click()
            wait_until_idle(page)
        _open_visible_expanders(page)
    if not tabs.count():
        _open_visible_expanders(page)


def _open_visible_expanders(page) -> None:
    from browser import open_expander

    expanders = page.locator('[data-testid="stExpander"]')
    for i in range(expanders.count()):
        expander = expanders.nth(i)
        if not expander.locator("summary").is_visible():
            continue  # in a tab not shown now: opened when its tab is
        if expander.locator("details").get_attribute("open") is None:
            open_expander(page, expander)


def third_party_requests(base_url: str, paths: list[str]) -> tuple[list[str], list[str]]:
    """Load every page (and open its expanders); return the URLs asked of
    another host, and the favicon each page names."""
    from browser import chromium, wait_until_idle

    own = urlsplit(base_url).netloc
    foreign: list[str] = []
    icons: list[str] = []

    def elsewhere(url: str) -> bool:
        return not url.startswith(NOT_NETWORK) and urlsplit(url).netloc != own

    def guard(route):
        if elsewhere(route.request.url):
            foreign.append(route.request.url)
            route.abort()
        else:
            route.continue_()

    with chromium() as page:
        page.route("**/*", guard)  # nothing leaves the machine, even when the test fails
        page.on("request", lambda request: elsewhere(request.url) and foreign.append(request.url))
        page.on("websocket", lambda socket: elsewhere(socket.url) and foreign.append(socket.url))
        for path in paths:
            page.goto(f"{base_url}/{path}")
            wait_until_idle(page)
            open_every_expander(page)
            # the favicon Streamlit sets (Chromium does not fetch it when headless)
            page.wait_for_function("() => document.querySelector(\"link[rel='shortcut icon']\")?.href")
            icons.append(page.eval_on_selector("link[rel='shortcut icon']", "link => link.href"))
    return sorted(set(foreign)), icons


# Every page of both apps, one test each (spread over the test workers);
# test_these_are_all_the_pages checks the list against what the apps register.
PAGES = {
    "dashboard.py": ["", "initiative", "budget", "milestones", "governance", "samhandling", "changes", "history", "update",
                     "public", "om-dataene", "tilgjengelighet"],
    "public.py": ["", "om-dataene", "tilgjengelighet"],
}


@pytest.mark.parametrize("entry", sorted(PAGES))
def test_these_are_all_the_pages(entry, monkeypatch):
    assert set(page_paths(entry, monkeypatch)) == set(PAGES[entry])


@pytest.mark.parametrize(("entry", "path"), [(entry, path) for entry, paths in PAGES.items() for path in paths],
                         ids=[f"{entry}:/{path}" for entry, paths in PAGES.items() for path in paths])
def test_no_page_asks_another_host_for_anything(entry, path, request):
    base_url = request.getfixturevalue("demo_app" if entry == "dashboard.py" else "public_demo_app")
    foreign, icons = third_party_requests(base_url, [path])
    assert foreign == [], foreign
    own = urlsplit(base_url).netloc
    assert all(urlsplit(icon).netloc == own for icon in icons), icons
    assert all(Path(urlsplit(icon).path).parts[1] == "media" for icon in icons), icons  # the app's own file
