"""Pages as nobody, viewer and editor through AppTest; local mode."""

from __future__ import annotations

import pytest
from streamlit import config as st_config
from streamlit.testing.v1 import AppTest

from conftest import DEMO_DATA, ROOT
from portfolio.texts import auth as T

APP = str(ROOT / "dashboard.py")
AUTH = {
    "redirect_uri": "http://localhost:8501/oauth2callback",
    "cookie_secret": "test-cookie-secret-that-is-long-enough-0123456789",
    "client_id": "portfolio",
    "client_secret": "secret",
    "server_metadata_url": "http://localhost:9/.well-known/openid-configuration",
}
ACCESS = {"viewers": ["leder@kristiansand.kommune.no"], "editors": ["pl@kristiansand.kommune.no"]}
VIEWER = {"is_logged_in": True, "email": "leder@kristiansand.kommune.no", "name": "Lene Leder"}
EDITOR = {"is_logged_in": True, "email": "pl@kristiansand.kommune.no", "name": "Per Prosjektleder"}
STRANGER = {"is_logged_in": True, "email": "noen@example.com", "name": "Noen"}

READ_PAGES = ["views/overview.py", "views/initiative.py", "views/budget.py", "views/milestones.py",
              "views/governance.py", "views/collaboration.py", "views/changes.py", "views/history.py"]
DATA_PAGES = ["views/update.py"]
PUBLIC_PAGES = ["views/public_page.py", "views/about_data.py", "views/accessibility.py"]
INTERNAL_PAGES = READ_PAGES + DATA_PAGES


def app(user: dict | None, data_env) -> AppTest:
    data_env(DEMO_DATA)
    at = AppTest.from_file(APP, default_timeout=60)
    at.secrets["auth"] = AUTH
    at.secrets["portfolio_access"] = ACCESS
    if user is not None:
        at.user = user
    return at


def reachable(at: AppTest, page: str) -> bool:
    try:
        at.switch_page(page).run()
    except Exception:  # AppTest refuses pages that st.navigation did not register
        return False
    return not at.exception and not any(
        e.value in (T.LOGIN_REQUIRED, T.FORBIDDEN) for e in at.error
    )


def test_nobody_gets_the_public_pages_and_the_login_button(data_env):
    at = app(None, data_env).run()
    assert not at.exception
    assert [b.label for b in at.button] == [T.LOGIN_BUTTON]
    for page in INTERNAL_PAGES:
        assert not reachable(app(None, data_env).run(), page), page
    for page in PUBLIC_PAGES:
        assert reachable(app(None, data_env).run(), page), page


def test_viewer_reads_but_cannot_reach_data_pages(data_env):
    at = app(VIEWER, data_env).run()
    assert not at.exception
    assert at.title[0].value == "Oversikt"
    assert any("Lene Leder" in c.value and "leser" in c.value for c in at.sidebar.caption)
    assert any(b.label == T.LOGOUT_BUTTON for b in at.sidebar.button)
    for page in READ_PAGES + PUBLIC_PAGES:
        assert reachable(app(VIEWER, data_env).run(), page), page
    for page in DATA_PAGES:
        assert not reachable(app(VIEWER, data_env).run(), page), page
    # restoring an old snapshot is for editors: the viewer's history has no restore
    at = app(VIEWER, data_env).run()
    at.switch_page("views/history.py").run()
    assert not [b for b in at.button if b.key == "restore_show"]


def test_editor_reaches_everything(data_env):
    at = app(EDITOR, data_env).run()
    assert not at.exception
    assert at.title[0].value == "Oversikt"
    assert any("redaktør" in c.value for c in at.sidebar.caption)
    for page in INTERNAL_PAGES + PUBLIC_PAGES:
        assert reachable(app(EDITOR, data_env).run(), page), page
    at = app(EDITOR, data_env).run()
    at.switch_page("views/history.py").run()
    assert [b for b in at.button if b.key == "restore_show"]


def test_logged_in_without_a_role_sees_only_public_pages(data_env):
    at = app(STRANGER, data_env).run()
    assert not at.exception
    assert any("ingen rolle" in i.value for i in at.sidebar.info)
    for page in INTERNAL_PAGES:
        assert not reachable(app(STRANGER, data_env).run(), page), page


def test_local_mode_says_so_and_the_local_user_is_editor(data_env):
    data_env(DEMO_DATA)
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception
    assert any(w.value == T.LOCAL_MODE for w in at.warning)
    assert at.title[0].value == "Oversikt"


@pytest.fixture()
def public_address():
    st_config.set_option("server.address", "0.0.0.0")
    yield
    st_config.set_option("server.address", "localhost")


def test_without_login_a_non_local_address_is_refused(data_env, public_address, monkeypatch):
    data_env(DEMO_DATA)
    monkeypatch.delenv("PORTFOLIO_ALLOW_NO_LOGIN", raising=False)
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert any("nekter" in e.value for e in at.error)
    assert not at.title  # nothing of the portfolio is drawn


def test_a_non_local_address_without_login_can_be_explicitly_allowed(data_env, public_address, monkeypatch):
    data_env(DEMO_DATA)
    monkeypatch.setenv("PORTFOLIO_ALLOW_NO_LOGIN", "1")
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.error
    assert at.title[0].value == "Oversikt"
