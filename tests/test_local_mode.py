"""Local mode (no login) answers only requests made to this machine's name.

Local mode trusts the listen address: the server listens on localhost only.
That alone does not stop DNS rebinding: a web page the local user visits
points its own host name at 127.0.0.1, and the browser then lets that page
drive the app as if it were its own site. The app therefore also checks the
request's `Host` and `Origin` (portfolio.web.auth.non_local_request; its cases
are in tests/test_auth.py): here through AppTest with the request's headers
replaced, and with a real server and a Chromium whose resolver maps
`rebind.test` to 127.0.0.1, as an attacker's DNS would.
"""

from __future__ import annotations

import contextlib

import pytest
from streamlit import config as st_config
from streamlit.runtime.context import StreamlitHeaders
from streamlit.testing.v1 import AppTest

import browser
from conftest import DEMO_DATA, DEMO_TODAY, ROOT
from portfolio.store.snapshots import Store
from portfolio.texts import auth as T
from portfolio.web import auth, update
from test_update_page import copy_of

APP = str(ROOT / "dashboard.py")
REBIND_HOST = "rebind.test"
# Every widget a page of the internal app could draw for an editor
WIDGETS = ("button", "selectbox", "text_input", "text_area", "multiselect", "date_input", "data_editor",
           "file_uploader", "download_button", "radio", "checkbox", "toggle", "slider")


def request_from(host: str):
    """The headers a browser sends when it opens the app as http://HOST."""
    return lambda: StreamlitHeaders([("Host", host), ("Origin", f"http://{host}"),
                                     ("Connection", "Upgrade"), ("Upgrade", "websocket")])


def served(host: str) -> str:
    return f"{host}:{auth.server_port()}"


def widgets(at: AppTest) -> list:
    return [w for kind in WIDGETS for w in at.get(kind)]


# -- AppTest: the request's headers replaced -------------------------------------------------

def test_a_rebound_host_name_gets_the_refusal_and_nothing_else(data_env, monkeypatch):
    data_env(DEMO_DATA)
    monkeypatch.setattr(auth, "request_headers", request_from(served(REBIND_HOST)))
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception
    assert [e.value for e in at.error] == [T.REFUSED_REQUEST_HOST.format(port=auth.server_port())]
    assert not at.warning  # not even the local-mode notice
    assert not at.title and not widgets(at)
    # a page named in the URL is not reached either (no page is registered)
    try:
        at.switch_page("views/update.py").run()
    except Exception:  # AppTest refuses pages that st.navigation did not register
        return
    assert not at.exception and not at.title and not widgets(at)
    assert [e.value for e in at.error] == [T.REFUSED_REQUEST_HOST.format(port=auth.server_port())]


@pytest.mark.parametrize("host", ["localhost", "127.0.0.1", "[::1]"])
def test_this_machine_by_name_still_works(data_env, monkeypatch, host):
    data_env(DEMO_DATA)
    monkeypatch.setattr(auth, "request_headers", request_from(served(host)))
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception and not at.error
    assert any(w.value == T.LOCAL_MODE for w in at.warning)
    assert at.title[0].value == "Oversikt"


def test_the_served_port_counts(data_env, monkeypatch):
    data_env(DEMO_DATA)
    monkeypatch.setattr(auth, "request_headers", request_from(f"localhost:{auth.server_port() + 1}"))
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.title and not widgets(at)


def test_a_callback_from_a_rebound_session_commits_nothing(tmp_path, data_env, monkeypatch):
    """The commit callback runs before dashboard.py's check: it refuses by itself."""
    root = copy_of(DEMO_DATA, tmp_path / "data")
    data_env(root)
    monkeypatch.setattr(auth, "request_headers", request_from(served("localhost")))
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params[update.URL_RESTORE] = Store(root).list()[-3].snapshot_id
    at.switch_page("views/history.py").run()
    at.button(key="restore_show").click().run()
    at.text_input(key=update.author_key("restore")).input("rebind-attacker").run()
    assert not at.button(key="commit_restore").disabled
    before = Store(root).list()
    monkeypatch.setattr(auth, "request_headers", request_from(served(REBIND_HOST)))
    at.button(key="commit_restore").click().run()
    assert not at.exception
    assert Store(root).list() == before
    assert not at.title and not widgets(at)


@pytest.fixture()
def network_address():
    st_config.set_option("server.address", "0.0.0.0")
    yield
    st_config.set_option("server.address", "localhost")


def test_an_explicitly_open_server_accepts_any_host_name(data_env, monkeypatch, network_address):
    """PORTFOLIO_ALLOW_NO_LOGIN on a network address: everyone who reaches the
    server may use it (the operator's choice), by whatever name."""
    data_env(DEMO_DATA)
    monkeypatch.setenv("PORTFOLIO_ALLOW_NO_LOGIN", "1")
    monkeypatch.setattr(auth, "request_headers", request_from("portefolje.intern:8501"))
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.error and at.title[0].value == "Oversikt"


# -- a real server and Chromium with a rebinding resolver ------------------------------------

@contextlib.contextmanager
def rebinding_chromium():
    """A page in a Chromium whose resolver maps rebind.test to 127.0.0.1 (what
    an attacker's DNS answers after rebinding). Its own browser process (the
    rule is a browser-wide switch), driven by the test process's Playwright."""
    playwright = browser._shared.get("playwright")
    if playwright is None:  # started here as browser.shared_browser would; stopped at session end
        from playwright.sync_api import sync_playwright

        playwright = browser._shared["playwright"] = sync_playwright().start()
    chromium = playwright.chromium.launch(
        executable_path=browser.CHROMIUM, headless=True,
        args=[*browser.CHROMIUM_ARGS, f"--host-resolver-rules=MAP {REBIND_HOST} 127.0.0.1",
              f"--proxy-bypass-list={REBIND_HOST}"],  # past the proxy that keeps other hosts away
    )
    try:
        context = chromium.new_context(locale="nb-NO", viewport={"width": 1400, "height": 1000})
        yield context.new_page()
    finally:
        chromium.close()


@pytest.fixture(scope="module")
def local_server(tmp_path_factory):
    root = copy_of(DEMO_DATA, tmp_path_factory.mktemp("local") / "data")
    with browser.streamlit_server("dashboard.py", root, today=DEMO_TODAY.isoformat()) as url:
        yield int(url.rsplit(":", 1)[1]), root


EDITOR_WIDGETS = ", ".join(f'[data-testid="{t}"]' for t in (
    "stButton", "stSelectbox", "stTextInput", "stTextArea", "stFileUploader", "stDataEditor",
    "stDownloadButton", "stSidebarNavLink"))


@pytest.mark.browser
def test_chromium_on_a_rebound_name_sees_only_the_refusal(local_server):
    port, root = local_server
    before = Store(root).list()
    refusal = T.REFUSED_REQUEST_HOST.format(port=port)
    with rebinding_chromium() as page:
        for path in ("/", f"/history?{update.URL_RESTORE}={before[-3].snapshot_id}", "/update"):
            page.goto(f"http://{REBIND_HOST}:{port}{path}")
            browser.wait_until_idle(page, ready='[data-testid="stAlertContentError"]')
            assert page.locator('[data-testid="stAlertContentError"]').count() == 1, path
            assert refusal in page.locator('[data-testid="stAlertContentError"]').inner_text(), path
            assert page.locator("h1").count() == 0, path
            assert page.locator(EDITOR_WIDGETS).count() == 0, path
            assert page.get_by_text(T.LOCAL_MODE).count() == 0
        page.screenshot(path=str(browser.ARTIFACTS / "local-mode-rebinding-refused.png"))
        # the same browser, by this machine's name: the app works
        for host in ("127.0.0.1", "localhost"):
            page.goto(f"http://{host}:{port}/")
            browser.wait_until_idle(page)
            assert page.locator("h1", has_text="Oversikt").count() == 1, host
            assert page.get_by_text(T.LOCAL_MODE).count() == 1, host
            assert page.locator('[data-testid="stSidebarNavLink"]').count() > 0, host
    assert Store(root).list() == before


@pytest.mark.browser
def test_chromium_by_this_machines_name_reaches_the_editor(local_server):
    port, _ = local_server
    with browser.chromium() as page:
        for host in ("127.0.0.1", "localhost"):
            # «Historikk» with the restore controls, which only an editor gets
            page.goto(f"http://{host}:{port}/history")
            browser.wait_until_idle(page)
            assert page.locator("h1", has_text="Historikk").count() == 1, host
            assert page.locator(".st-key-restore_show button").count() == 1, host
            assert page.locator('[data-testid="stSidebarNavLink"]', has_text="Oppdater data").count() == 1, host
