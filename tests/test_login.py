"""Log-in end to end: a local OIDC provider (oidc-provider-mock), the real app
with an [auth] section, and Chromium logging in as a viewer and as an editor."""

from __future__ import annotations

import contextlib
import re

import pytest

from browser import ARTIFACTS, chromium, free_port, streamlit_server, wait_until_idle
from conftest import DEMO_DATA, DEMO_TODAY

pytestmark = pytest.mark.browser

USERS = {
    "leder": {"email": "leder@kristiansand.kommune.no", "name": "Lene Leder"},
    "pl": {"email": "pl@kristiansand.kommune.no", "name": "Per Prosjektleder"},
    "noen": {"email": "noen@example.com", "name": "Noen Utenfra"},
    # listed by her stable id (Entra's `oid`) only: her address is in no list
    "ida": {"email": "ida.ny-adresse@kristiansand.kommune.no", "name": "Ida Identitet",
            "oid": "5b0e8d2a-7c4f-4e1a-9d3b-2f6a8c1e0b47"},
}


@contextlib.contextmanager
def oidc_provider():
    import oidc_provider_mock

    with oidc_provider_mock.run_server_in_thread(
        port=0,
        user_claims=[oidc_provider_mock.User(sub=sub, claims=claims) for sub, claims in USERS.items()],
    ) as server:
        yield f"http://localhost:{server.server_port}"


@pytest.fixture(scope="module")
def issuer():
    """The identity provider (oidc-provider-mock): its login page is not the
    app's, and asks a CDN for its stylesheet (browser.chromium's `not_ours`)."""
    with oidc_provider() as url:
        yield url


def login_browser(issuer: str):
    """A page whose requests are checked, except those of the provider's login page."""
    return chromium(not_ours=(issuer,))


@pytest.fixture(scope="module")
def app_with_login(tmp_path_factory, issuer):
    port = free_port()
    secrets = tmp_path_factory.mktemp("secrets") / "secrets.toml"
    secrets.write_text(
        "[auth]\n"
        f'redirect_uri = "http://localhost:{port}/oauth2callback"\n'
        'cookie_secret = "a-test-cookie-secret-that-is-long-enough-0123456789"\n'
        'client_id = "portfolio"\n'
        'client_secret = "secret"\n'
        f'server_metadata_url = "{issuer}/.well-known/openid-configuration"\n'
        "\n[portfolio_access]\n"
        'viewers = ["leder@kristiansand.kommune.no"]\n'
        'editors = ["pl@kristiansand.kommune.no"]\n'
        f'editor_ids = ["{USERS["ida"]["oid"].upper()}"]\n'
    )
    with streamlit_server(
        "dashboard.py", DEMO_DATA, today=DEMO_TODAY.isoformat(), port=port,
        extra_args=["--secrets.files", str(secrets), "--server.address", "localhost"],
    ) as url:
        yield url.replace("127.0.0.1", "localhost")


def nav_links(page) -> list[str]:
    # each link's text is its icon's name, then the page title
    links = page.locator('[data-testid="stSidebarNavLink"]').all_inner_texts()
    return [t.strip().splitlines()[-1].strip() for t in links]


def log_in(page, url: str, sub: str) -> None:
    page.goto(url)
    wait_until_idle(page)
    page.get_by_role("button", name=re.compile("Logg inn med kommunens konto")).first.click()
    page.wait_for_url(re.compile(r"/oauth2/authorize|/authorize"), timeout=120_000)
    page.fill('input[name="sub"]', sub)
    page.locator('button[type="submit"], input[type="submit"]').first.click()
    page.wait_for_url(re.compile(re.escape(url)), timeout=120_000)
    wait_until_idle(page)


def test_a_browser_without_login_gets_only_public_pages_and_the_login_button(app_with_login, issuer):
    with login_browser(issuer) as page:
        page.goto(app_with_login)
        wait_until_idle(page)
        assert "Oversikt" not in nav_links(page)
        assert page.get_by_role("button", name=re.compile("Logg inn")).count() == 1
        # a direct link to an internal page does not open it
        page.goto(app_with_login + "/?snapshot=x")
        wait_until_idle(page)
        assert page.locator("h1", has_text="Oversikt").count() == 0
        page.screenshot(path=str(ARTIFACTS / "login-anonymous.png"))


def test_viewer_logs_in_and_reads_but_has_no_data_pages(app_with_login, issuer):
    with login_browser(issuer) as page:
        log_in(page, app_with_login, "leder")
        assert page.locator("h1", has_text="Oversikt").count() == 1
        assert page.get_by_text("Lene Leder").count() >= 1
        links = nav_links(page)
        assert {"Oversikt", "Tiltak", "Økonomi", "Milepæler", "Endringer", "Historikk"} <= set(links)
        assert "Oppdater data" not in links
        page.screenshot(path=str(ARTIFACTS / "login-viewer.png"))
        # a direct link to a data page does not open it for a viewer
        page.goto(app_with_login + "/update")
        wait_until_idle(page)
        assert page.locator("h1", has_text="Oppdater data").count() == 0


def test_editor_logs_in_and_reaches_the_data_pages(app_with_login, issuer):
    with login_browser(issuer) as page:
        log_in(page, app_with_login, "pl")
        assert page.locator("h1", has_text="Oversikt").count() == 1
        assert page.get_by_text("Per Prosjektleder").count() >= 1
        assert "Oppdater data" in nav_links(page)
        page.goto(app_with_login + "/update")
        wait_until_idle(page)
        assert page.locator("h1", has_text="Oppdater data").count() == 1
        page.screenshot(path=str(ARTIFACTS / "login-editor.png"))


def test_a_user_without_a_role_sees_only_public_pages(app_with_login, issuer):
    with login_browser(issuer) as page:
        log_in(page, app_with_login, "noen")
        assert page.locator("h1", has_text="Oversikt").count() == 0
        assert "Oversikt" not in nav_links(page)
        assert page.get_by_text("ingen rolle", exact=False).count() >= 1


def test_a_user_listed_by_stable_id_gets_the_role_whatever_her_email(app_with_login, issuer):
    with login_browser(issuer) as page:
        log_in(page, app_with_login, "ida")
        assert page.locator("h1", has_text="Oversikt").count() == 1
        assert page.get_by_text("Innlogget som Ida Identitet (redaktør)").count() == 1
        assert "Oppdater data" in nav_links(page)
