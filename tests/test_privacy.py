"""No page talks to a third party.

A municipal app must not hand its users' addresses to another host (and must
work offline): every asset comes from the app itself. Streamlit turns a
`:material/…:` page icon into a favicon URL on fonts.gstatic.com, so the
apps use a local icon file (portfolio/web/assets).

The guard is in tests/browser.py: Chromium sends every request to another
host to a proxy that is not there, so none leaves the machine, and the test
whose page asked fails (browser.chromium). tests/test_accessibility.py opens every
page of both apps (dashboard.py as the local user, who may open every page,
and public.py), shows every tab, opens every expander and checks that the
favicon is the app's own file. Here: the guard catches what it looks for.
"""

from __future__ import annotations

import pytest

from browser import ELSEWHERE, AskedAnotherHost, chromium

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("markup", [
    '<img src="https://fonts.gstatic.com/s/icon.png" alt="">',
    '<link rel="stylesheet" href="https://fonts.googleapis.com/css2?family=Source+Sans+Pro">',
    '<script src="http://cdn.example.org/x.js"></script>',
])
def test_a_request_to_another_host_fails_the_test_and_never_leaves_the_machine(markup):
    with pytest.raises(AskedAnotherHost, match="asked another host"), chromium() as page:
        failed = []
        page.on("requestfailed", lambda request: failed.append(request.url))
        page.set_content(f"<!doctype html><html lang='nb'><head>{markup}</head><body>x</body></html>")
        page.wait_for_load_state("load")
        assert failed, "the request did not fail in the browser"


def test_a_websocket_to_another_host_fails_the_test():
    with pytest.raises(AskedAnotherHost, match=r"wss://example\.org"), chromium() as page:
        page.set_content("<!doctype html><html lang='nb'><body>x</body></html>")
        page.evaluate("""() => new Promise(done => {
                const socket = new WebSocket('wss://example.org/socket');
                socket.onerror = socket.onclose = () => done();
            })""")


@pytest.mark.parametrize("url", [
    "http://127.0.0.1:8501/", "http://localhost:8501/_stcore/health", "ws://127.0.0.1:41234/_stcore/stream",
    "http://[::1]:8501/", "data:image/png;base64,AAAA", "blob:http://127.0.0.1:8501/x", "about:blank",
    "file:///tmp/site/index.html",
])
def test_this_machines_own_urls_are_allowed(url):
    assert not ELSEWHERE.match(url)


@pytest.mark.parametrize("url", [
    "https://fonts.gstatic.com/s/x.woff2", "http://127.0.0.1.example.org/", "https://localhost.evil.example/",
    "wss://example.org/socket", "http://10.0.0.5:8501/",
])
def test_every_other_host_is_elsewhere(url):
    assert ELSEWHERE.match(url)


def test_what_a_page_that_is_not_the_apps_asks_for_is_not_held_against_it():
    """A test's identity provider (tests/test_login.py) has a login page of its own, which asks a CDN
    for its stylesheet: `not_ours` names such pages' origins (the request still fails: the proxy)."""
    with chromium(not_ours=("about:blank",)) as page:
        page.set_content("<!doctype html><html lang='nb'><head>"
                         '<link rel="stylesheet" href="https://cdn.jsdelivr.net/npm/x.css"></head><body>x</body></html>')
        page.wait_for_load_state("load")


@pytest.fixture()
def little_site():
    """A page on a local HTTP server of this process (an origin with storage of its own)."""
    import http.server
    import threading

    class Page(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(200)
            self.send_header("content-type", "text/html; charset=utf-8")
            self.end_headers()
            self.wfile.write(b"<!doctype html><html lang='nb'><body>x</body></html>")

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Page)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


STORED_JS = """() => ({cookie: document.cookie, local: localStorage.getItem('k'),
                        session: sessionStorage.getItem('k')})"""


def test_each_use_of_the_browser_starts_with_no_cookies_storage_or_pages_of_the_one_before(little_site):
    """chromium() reuses one browser context and one page for their caches (tests/browser.py):
    what one test leaves in them (cookies, local and session storage, IndexedDB, open pages,
    the page it showed) is gone for the next."""
    with chromium() as page:
        page.goto(little_site)
        page.evaluate("""() => new Promise(done => {
            document.cookie = 'k=1; max-age=3600';
            localStorage.setItem('k', '1');
            sessionStorage.setItem('k', '1');
            const opened = indexedDB.open('kept', 1);
            opened.onupgradeneeded = () => opened.result.createObjectStore('s');
            opened.onsuccess = () => { opened.result.close(); done(); };
        })""")
        page.context.new_page()
        assert page.evaluate(STORED_JS) == {"cookie": "k=1", "local": "1", "session": "1"}
        reused = page.context, page
    with chromium(viewport=(390, 844)) as page:
        assert page.context is reused[0], "the context was not reused: each page load pays for its scripts again"
        assert page is reused[1], "the page was not reused: each page load starts a new renderer"
        assert len(page.context.pages) == 1
        assert page.url == "about:blank"
        assert page.viewport_size == {"width": 390, "height": 844}
        page.goto(little_site)
        assert page.evaluate(STORED_JS) == {"cookie": "", "local": None, "session": None}
        assert page.context.cookies() == []
        databases = page.evaluate("() => indexedDB.databases().then(found => found.map(d => d.name))")
        assert databases == []


def test_a_page_a_test_listened_to_is_not_reused(little_site):
    heard = []
    with chromium() as page:
        page.on("console", lambda message: heard.append(message.text))
        page.goto(little_site)
        page.evaluate("() => console.log('first')")
        listened = page
    with chromium() as page:
        assert page is not listened and listened.is_closed()
        page.goto(little_site)
        page.evaluate("() => console.log('second')")
    assert heard == ["first"]


def test_after_a_failed_use_the_next_one_gets_a_new_context(little_site):
    with pytest.raises(RuntimeError), chromium() as page:
        page.goto(little_site)
        failed = page.context
        raise RuntimeError("a test failed")
    with chromium() as page:
        assert page.context is not failed


def test_a_page_that_showed_two_origins_is_not_reused(little_site):
    """sessionStorage lives as long as the tab and is cleared from a document of its
    own origin: a page that showed two origins is closed, not handed on."""
    other_origin = little_site.replace("127.0.0.1", "localhost")
    with chromium() as page:
        for site in (little_site, other_origin):
            page.goto(site)
            page.evaluate("() => sessionStorage.setItem('k', '1')")
        showed_two = page
    with chromium() as page:
        assert page is not showed_two and showed_two.is_closed()
        for site in (little_site, other_origin):
            page.goto(site)
            assert page.evaluate(STORED_JS)["session"] is None
