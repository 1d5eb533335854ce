"""Roles from configuration, and the pages each role reaches."""

from __future__ import annotations

from portfolio.web import auth

ACCESS = {
    "claim": "roles",
    "viewer_claim_values": ["Portefolje.Leser"],
    "editor_claim_values": ["Portefolje.Redaktor"],
    "viewers": ["Leder@Kristiansand.kommune.no"],
    "editors": ["pl@kristiansand.kommune.no"],
}


def test_roles_from_email_lists_and_claims():
    assert auth.role_for("leder@kristiansand.kommune.no", {}, ACCESS) == auth.VIEWER
    assert auth.role_for("PL@kristiansand.kommune.no", {}, ACCESS) == auth.EDITOR
    assert auth.role_for("x@y.no", {"roles": ["Portefolje.Leser"]}, ACCESS) == auth.VIEWER
    assert auth.role_for("x@y.no", {"roles": "Portefolje.Redaktor"}, ACCESS) == auth.EDITOR
    assert auth.role_for("x@y.no", {"roles": ["Noe.Annet"]}, ACCESS) == auth.PUBLIC
    assert auth.role_for(None, {}, ACCESS) == auth.PUBLIC
    assert auth.role_for("x@y.no", {"groups": ["Portefolje.Leser"]}, ACCESS) == auth.PUBLIC
    # the highest role wins
    assert auth.role_for("leder@kristiansand.kommune.no", {"roles": ["Portefolje.Redaktor"]}, ACCESS) == auth.EDITOR


def test_role_order():
    editor = auth.User(role=auth.EDITOR)
    viewer = auth.User(role=auth.VIEWER)
    public = auth.User(role=auth.PUBLIC)
    assert editor.may(auth.VIEWER) and editor.may(auth.EDITOR)
    assert viewer.may(auth.VIEWER) and not viewer.may(auth.EDITOR)
    assert public.may(auth.PUBLIC) and not public.may(auth.VIEWER)


def test_author_is_the_identity():
    user = auth.User(role=auth.EDITOR, email="pl@kristiansand.kommune.no", name="Kari Nordmann", is_logged_in=True)
    assert user.author == "Kari Nordmann <pl@kristiansand.kommune.no>"
    assert auth.User(role=auth.EDITOR, is_local=True).author == "Lokal bruker (uten innlogging)"


# -- identity: the stable id, not the e-mail ------------------------------------------

OID = "3F2C9A10-1B2C-4D5E-8F90-ABCDEF012345"
ID_ACCESS = {"viewer_ids": ["sub-of-a-leader"], "editor_ids": [OID.lower()],
             "viewers": ["leder@kristiansand.kommune.no"]}


def test_the_stable_id_is_oid_else_sub():
    assert auth.stable_id({"oid": OID, "sub": "pairwise", "email": "a@b.no"}) == (OID.lower(), "oid")
    assert auth.stable_id({"sub": "Pairwise-Sub", "upn": "a@b.no"}) == ("Pairwise-Sub", "sub")
    assert auth.stable_id({"email": "a@b.no", "upn": "a@b.no"}) == (None, None)
    assert auth.stable_id({"oid": " ", "sub": "s"}) == ("s", "sub")


def test_roles_from_id_lists_whatever_the_email():
    # listed by id: the role follows the id, whatever the address says now
    assert auth.role_for("nytt.navn@kristiansand.kommune.no", {}, ID_ACCESS, user_id=OID) == auth.EDITOR
    assert auth.role_for(None, {}, ID_ACCESS, user_id=OID.lower()) == auth.EDITOR  # GUIDs: any case
    assert auth.role_for(None, {}, ID_ACCESS, user_id="sub-of-a-leader") == auth.VIEWER
    assert auth.role_for(None, {}, ID_ACCESS, user_id="SUB-OF-A-LEADER") == auth.PUBLIC  # a sub is case-sensitive
    assert auth.role_for(None, {}, ID_ACCESS, user_id="someone-else") == auth.PUBLIC
    # e-mail lists still work, and the highest role wins
    assert auth.role_for("leder@kristiansand.kommune.no", {}, ID_ACCESS, user_id="x") == auth.VIEWER
    assert auth.role_for("leder@kristiansand.kommune.no", {}, ID_ACCESS, user_id=OID) == auth.EDITOR
    # an id is never matched against the e-mail lists, nor an e-mail against the id lists
    assert auth.role_for(OID, {}, ID_ACCESS) == auth.PUBLIC
    assert auth.role_for(None, {}, ACCESS, user_id="pl@kristiansand.kommune.no") == auth.PUBLIC


def test_author_names_the_stable_id():
    user = auth.User(role=auth.EDITOR, email="pl@kristiansand.kommune.no", name="Kari Nordmann",
                     is_logged_in=True, user_id=OID.lower(), id_claim="oid")
    assert user.author == f"Kari Nordmann <pl@kristiansand.kommune.no> [oid:{OID.lower()}]"
    assert auth.User(role=auth.VIEWER, email="x@y.no", is_logged_in=True, user_id="s1",
                     id_claim="sub").author == "x@y.no [sub:s1]"
    assert auth.User(role=auth.VIEWER, is_logged_in=True, user_id="s1", id_claim="sub").author == (
        "Ukjent bruker [sub:s1]")


# -- the local-mode request check (the pure part; tests/test_local_mode.py runs it for real) --

PORT = 8501


def test_a_local_request_names_this_machine_on_the_served_port():
    from streamlit.runtime.context import StreamlitHeaders

    for host in ("localhost:8501", "127.0.0.1:8501", "[::1]:8501", "LocalHost:8501"):
        origin = "http://" + host
        assert auth.non_local_request(StreamlitHeaders([("host", host), ("origin", origin)]), PORT) is None, host
        assert auth.non_local_request({"Host": host}, PORT) is None, host  # no Origin sent
    # no headers at all: not a browser request (AppTest, a bare run)
    assert auth.non_local_request(StreamlitHeaders([]), PORT) is None
    assert auth.non_local_request({"Host": "localhost"}, 80) is None  # the default port


def test_a_request_to_another_name_or_port_is_refused():
    from streamlit.runtime.context import StreamlitHeaders

    refused = {
        "rebinding": [("Host", "rebind.test:8501"), ("Origin", "http://rebind.test:8501")],
        "rebinding, no origin": [("Host", "rebind.test:8501")],
        "a name under localhost": [("Host", "evil.localhost:8501")],
        "localhost with a dot": [("Host", "localhost.:8501")],
        "another loopback name": [("Host", "127.0.0.2:8501")],
        "another port": [("Host", "localhost:8502")],
        "no port (80)": [("Host", "localhost")],
        "user info": [("Host", "evil@localhost:8501")],
        "a path": [("Host", "localhost:8501/x")],
        "a local host from another origin": [("Host", "localhost:8501"), ("Origin", "http://rebind.test:8501")],
        "origin on another port": [("Host", "localhost:8501"), ("Origin", "http://localhost:9999")],
        "origin null": [("Host", "localhost:8501"), ("Origin", "null")],
        "origin of another scheme": [("Host", "localhost:8501"), ("Origin", "file://localhost:8501")],
        "a second host": [("Host", "localhost:8501"), ("Host", "rebind.test:8501")],
        "no host": [("Connection", "Upgrade"), ("Upgrade", "websocket")],
    }
    for why, headers in refused.items():
        assert auth.non_local_request(StreamlitHeaders(headers), PORT) is not None, why


# -- the commit callback checks the role itself (AppTest, the real pages) ---------------

def login_app(user: dict, access: dict):
    from streamlit.testing.v1 import AppTest

    from conftest import ROOT
    from test_roles import AUTH

    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    at.secrets["auth"] = AUTH
    at.secrets["portfolio_access"] = access
    at.user = user
    return at


def prepared_restore(tmp_path, data_env, user: dict, access: dict):
    """An editor's «Historikk» with a restore previewed and ready to commit."""
    from conftest import DEMO_DATA
    from portfolio.store.snapshots import Store
    from portfolio.web import update
    from test_update_page import copy_of

    root = copy_of(DEMO_DATA, tmp_path / "data")
    data_env(root)
    at = login_app(user, access)
    at.query_params[update.URL_RESTORE] = Store(root).list()[-3].snapshot_id
    at.switch_page("views/history.py").run()
    at.button(key="restore_show").click().run()
    assert not at.exception, [e.message for e in at.exception]
    assert at.text_area(key=update.note_key("restore")).value  # the note is prefilled
    assert not at.button(key="commit_restore").disabled
    return at, root


EDITOR_BY_ID = {"is_logged_in": True, "email": "per.ny@kristiansand.kommune.no", "name": "Per Prosjektleder",
                "oid": OID, "sub": "pairwise-sub-of-per"}
VIEWER_BY_MAIL = {"is_logged_in": True, "email": "leder@kristiansand.kommune.no", "name": "Lene Leder",
                  "sub": "sub-of-lene"}
APP_ACCESS = {"editor_ids": [OID], "viewers": ["leder@kristiansand.kommune.no"]}


def test_a_commit_is_signed_with_the_identity_and_its_stable_id(tmp_path, data_env):
    from portfolio.store.snapshots import Store

    at, root = prepared_restore(tmp_path, data_env, EDITOR_BY_ID, APP_ACCESS)
    before = Store(root).list()
    at.button(key="commit_restore").click().run()
    assert not at.exception
    after = Store(root).list()
    assert len(after) == len(before) + 1
    assert after[-1].author == f"Per Prosjektleder <per.ny@kristiansand.kommune.no> [oid:{OID.lower()}]"


def test_a_viewer_session_cannot_commit_through_the_callback(tmp_path, data_env):
    """The commit button's callback runs before the page checks the role: a
    session that is a viewer when the click arrives commits nothing."""
    from portfolio.store.snapshots import Store
    from portfolio.texts import auth as T
    from portfolio.web import update

    at, root = prepared_restore(tmp_path, data_env, EDITOR_BY_ID, APP_ACCESS)
    before = Store(root).list()
    at.user = VIEWER_BY_MAIL  # the same session, now a viewer (role taken away, or a forged click)
    at.button(key="commit_restore").click().run()
    assert not at.exception
    assert Store(root).list() == before  # nothing committed
    assert at.session_state[update.outcome_key("restore")].message == T.FORBIDDEN
    assert update.pending_key("restore") not in at.session_state  # the preview is gone too
    assert not [b for b in at.button if b.key in ("restore_show", "commit_restore")]
