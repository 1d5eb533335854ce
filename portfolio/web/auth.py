"""Who is using the app, and what they may reach.

Roles, from least to most:
- ``public``: not logged in (or logged in without a role): the public pages only;
- ``viewer``: leadership: every read page;
- ``editor``: project leaders: also the data pages.

With an ``[auth]`` section in the secrets, users log in through Streamlit's
``st.login`` (OIDC; Microsoft Entra ID in the municipality). A user is
identified by the ID token's stable id: ``oid`` (Entra ID's object id), else
``sub``; never by e-mail or ``upn``, which can change. Their role comes from
the ``[portfolio_access]`` section: lists of stable ids (``viewer_ids``,
``editor_ids``), lists of e-mail addresses (a convenience, mapped to the role
at login), and/or the values of a claim in the ID token (Entra app roles in
``roles``, or group object ids in ``groups``).

Without ``[auth]`` the app runs in local mode: the local user is an editor,
and the server must listen on this machine only. Since the listen address
alone does not stop a web page in the local user's browser from rebinding its
own host name to 127.0.0.1 (DNS rebinding) and driving the app, local mode
also requires the request (the WebSocket handshake: ``st.context.headers``) to
name this machine: ``Host`` (and ``Origin``, when sent) must be ``localhost``,
``127.0.0.1`` or ``[::1]`` on the served port. Any other request is refused
(``check_local_mode`` draws only the refusal) and gets no role
(``current_user``), so a callback, which runs before the page, refuses too.
(A server on a non-local address without login, allowed explicitly with
PORTFOLIO_ALLOW_NO_LOGIN, accepts whatever host name reaches it.)

The checks run on the server on every page: dashboard.py registers only the
pages a role may open (an unregistered page cannot be reached), and each page
calls ``require()`` again at its top.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping

import streamlit as st

from portfolio import config, fmt
from portfolio.texts import auth as T

PUBLIC, VIEWER, EDITOR = "public", "viewer", "editor"
RANK = {PUBLIC: 0, VIEWER: 1, EDITOR: 2}
ACCESS_SECTION = "portfolio_access"
LOCAL_ADDRESSES = {"localhost", "127.0.0.1", "::1", "[::1]"}
# The ID-token claims that identify a user, most stable first
ID_CLAIMS = ("oid", "sub")
# The host names a local-mode request may name (Host, Origin), with an optional port
_HOSTS = r"(?:localhost|127\.0\.0\.1|\[::1\])"
_LOCAL_HOST = re.compile(rf"^{_HOSTS}(?::(?P<port>\d{{1,5}}))?$", re.IGNORECASE)
_LOCAL_ORIGIN = re.compile(rf"^(?P<scheme>https?)://{_HOSTS}(?::(?P<port>\d{{1,5}}))?$", re.IGNORECASE)
_GUID = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")


@dataclasses.dataclass(frozen=True)
class User:
    role: str
    email: str | None = None
    name: str | None = None
    is_logged_in: bool = False
    is_local: bool = False
    user_id: str | None = None  # the stable id: the ID token's `oid`, else its `sub`
    id_claim: str | None = None  # the claim user_id came from: "oid" or "sub"

    def may(self, role: str) -> bool:
        return RANK[self.role] >= RANK[role]

    @property
    def author(self) -> str:
        """How a commit by this user is signed: readable, with the stable id
        when there is one, e.g. ``Kari Nordmann <kari@…> [oid:3f2c…]``."""
        if self.is_local:
            return T.LOCAL_AUTHOR
        if self.name and self.email:
            readable = f"{self.name} <{self.email}>"
        else:
            readable = self.email or self.name or T.UNKNOWN_AUTHOR
        if self.user_id:
            return f"{readable} [{self.id_claim or 'id'}:{self.user_id}]"
        return readable


def _secrets() -> Mapping:
    try:
        # Touch the secrets: raises when there is no secrets file at all
        return st.secrets.to_dict() if len(st.secrets) else {}
    except (FileNotFoundError, st.errors.StreamlitSecretNotFoundError):
        return {}


def auth_configured() -> bool:
    return "auth" in _secrets()


def normalize_id(value) -> str:
    """A stable id as compared: stripped; a GUID (Entra's `oid`) in lower case.
    Other ids (`sub`) are case-sensitive, as OIDC defines them."""
    text = str(value).strip()
    return text.lower() if _GUID.match(text) else text


def stable_id(claims: Mapping) -> tuple[str | None, str | None]:
    """The user's stable id and the claim it came from: `oid`, else `sub`."""
    for claim in ID_CLAIMS:
        value = claims.get(claim)
        if isinstance(value, str) and value.strip():
            return normalize_id(value), claim
    return None, None


def role_for(email: str | None, claims: Mapping, access: Mapping, user_id: str | None = None) -> str:
    """The role given by the access configuration to an identity: by its
    stable id (`viewer_ids`, `editor_ids`), its e-mail (`viewers`, `editors`)
    or a claim's values. The highest role wins."""
    email = (email or "").strip().lower()
    user_id = normalize_id(user_id) if user_id else ""

    def listed(key: str) -> set[str]:
        return {str(v).strip().lower() for v in access.get(key, [])}

    def listed_ids(key: str) -> set[str]:
        return {normalize_id(v) for v in access.get(key, [])}

    claim_name = access.get("claim")
    values = claims.get(claim_name, []) if claim_name else []
    if isinstance(values, str):
        values = [values]
    values = {str(v).strip().lower() for v in values}

    def has(role: str) -> bool:
        return bool(
            (user_id and user_id in listed_ids(f"{role}_ids"))
            or (email and email in listed(f"{role}s"))
            or values & listed(f"{role}_claim_values")
        )

    if has(EDITOR):
        return EDITOR
    if has(VIEWER):
        return VIEWER
    return PUBLIC


def current_user() -> User:
    if not auth_configured():
        if local_mode_refusal():
            # refused (e.g. a request to another host name): no role at all
            return User(role=PUBLIC, name=T.LOCAL_AUTHOR, is_local=True)
        return User(role=EDITOR, name=T.LOCAL_AUTHOR, is_local=True)
    if not st.user.get("is_logged_in"):
        return User(role=PUBLIC)
    claims = st.user.to_dict()
    # e-mail: readable, and a convenience for the role lists; the id is the identity
    email = claims.get("email") or claims.get("preferred_username") or claims.get("upn")
    user_id, id_claim = stable_id(claims)
    role = role_for(email, claims, _secrets().get(ACCESS_SECTION, {}), user_id=user_id)
    return User(role=role, email=email, name=claims.get("name"), is_logged_in=True,
                user_id=user_id, id_claim=id_claim)


def require(role: str) -> User:
    """Stop the page unless the current user has at least `role`."""
    user = current_user()
    if not user.may(role):
        st.error(T.FORBIDDEN if user.is_logged_in else T.LOGIN_REQUIRED)
        st.stop()
    return user


def refusal(role: str) -> str | None:
    """`require` without drawing, for callbacks (which run before the page's
    own `require`): None when the current user has at least `role`, else the
    Norwegian reason they are refused."""
    user = current_user()
    if user.may(role):
        return None
    if user.is_local:
        return local_mode_refusal() or T.LOGIN_REQUIRED
    return T.FORBIDDEN if user.is_logged_in else T.LOGIN_REQUIRED


def server_address() -> str:
    return str(st.get_option("server.address") or "")


def server_port() -> int:
    return int(st.get_option("server.port"))


def request_headers() -> Mapping[str, str]:
    """The headers of this session's request (the WebSocket handshake);
    empty when there is no browser connection (AppTest, a bare script run)."""
    return st.context.headers


def non_local_request(headers: Mapping[str, str], port: int) -> str | None:
    """Which header makes a request unfit for local mode, or None when it
    names this machine: every `Host` must be localhost, 127.0.0.1 or [::1] on
    `port`, and so must every `Origin` the browser sent. Pure: tested directly.

    Headers that are empty as a whole mean no browser request at all (AppTest,
    a bare script run): nothing to check. A browser always sends `Host`."""
    if not headers:
        return None
    get_all = getattr(headers, "get_all", None)

    def values(name: str) -> list[str]:
        if get_all is not None:
            return get_all(name)
        return [v for k, v in headers.items() if k.lower() == name.lower()]

    def on_this_machine(match: re.Match | None, default_port: int) -> bool:
        return bool(match) and int(match["port"] or default_port) == port

    hosts = values("Host")
    if not hosts:
        return "Host"
    for host in hosts:
        if not on_this_machine(_LOCAL_HOST.match(host.strip()), 80):
            return "Host"
    for origin in values("Origin"):
        match = _LOCAL_ORIGIN.match(origin.strip())
        if not on_this_machine(match, 443 if match and match["scheme"] == "https" else 80):
            return "Origin"
    return None


def local_mode_refusal() -> str | None:
    """Without login: why this session may not use the app (the Norwegian
    refusal), or None. Refused: a server on a non-local address (unless
    PORTFOLIO_ALLOW_NO_LOGIN allows everyone who reaches it), and on a local
    address a request that does not name this machine (DNS rebinding)."""
    address = server_address()
    if address not in LOCAL_ADDRESSES:
        if config.allow_no_login():
            return None
        return T.REFUSED_NON_LOCAL.format(address=address or T.ALL_ADDRESSES)
    if non_local_request(request_headers(), server_port()) is not None:
        return T.REFUSED_REQUEST_HOST.format(port=server_port())
    return None


def check_local_mode() -> None:
    """Without login, run only on this machine (or when explicitly allowed),
    answer only requests made to this machine's name, and say so on every
    page. A refused session sees the refusal and nothing else."""
    if auth_configured():
        return
    refusal = local_mode_refusal()
    if refusal:
        st.error(refusal, icon=":material/block:")
        st.stop()
    st.warning(T.LOCAL_MODE, icon=":material/lock_open:")


def account_sidebar(user: User) -> None:
    """Who is logged in, and the log-out button, in the sidebar. (Logging in
    has its own page, registered for users who are not logged in.)"""
    if user.is_local or not user.is_logged_in:
        return
    with st.sidebar:
        if user.is_logged_in:
            who = user.name or user.email or T.UNKNOWN_AUTHOR
            st.caption(T.SIGNED_IN_AS.format(who=fmt.literal(who), role=T.ROLE_NAMES[user.role]))
            if user.role == PUBLIC:
                st.info(T.NO_ROLE.format(email=fmt.literal(user.email or who)))
            st.button(T.LOGOUT_BUTTON, on_click=st.logout, icon=":material/logout:", key="logout")
