"""Who is using the app, and what they may reach.

Roles, from least to most:
- ``public``: not logged in (or logged in without a role): the public pages only;
- ``viewer``: leadership: every read page;
- ``editor``: project leaders: also the data pages.

With an ``[auth]`` section in the secrets, users log in through Streamlit's
``st.login`` (OIDC; Microsoft Entra ID in the municipality) and their role
comes from the ``[portfolio_access]`` section: lists of e-mail addresses,
and/or the values of a claim in the ID token (Entra app roles in ``roles``, or
group object ids in ``groups``). Without ``[auth]`` the app runs in local mode:
the local user is an editor, and the server must listen on this machine only.

The checks run on the server on every page: dashboard.py registers only the
pages a role may open (an unregistered page cannot be reached), and each page
calls ``require()`` again at its top.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping

import streamlit as st

from portfolio import config
from portfolio.texts import auth as T

PUBLIC, VIEWER, EDITOR = "public", "viewer", "editor"
RANK = {PUBLIC: 0, VIEWER: 1, EDITOR: 2}
ACCESS_SECTION = "portfolio_access"
LOCAL_ADDRESSES = {"localhost", "127.0.0.1", "::1", "[::1]"}


@dataclasses.dataclass(frozen=True)
class User:
    role: str
    email: str | None = None
    name: str | None = None
    is_logged_in: bool = False
    is_local: bool = False

    def may(self, role: str) -> bool:
        return RANK[self.role] >= RANK[role]

    @property
    def author(self) -> str:
        """How a commit by this user is signed."""
        if self.is_local:
            return T.LOCAL_AUTHOR
        if self.name and self.email:
            return f"{self.name} <{self.email}>"
        return self.email or self.name or T.UNKNOWN_AUTHOR


def _secrets() -> Mapping:
    try:
        # Touch the secrets: raises when there is no secrets file at all
        return st.secrets.to_dict() if len(st.secrets) else {}
    except (FileNotFoundError, st.errors.StreamlitSecretNotFoundError):
        return {}


def auth_configured() -> bool:
    return "auth" in _secrets()


def role_for(email: str | None, claims: Mapping, access: Mapping) -> str:
    """The role given by the access configuration to an identity."""
    email = (email or "").strip().lower()

    def listed(key: str) -> set[str]:
        return {str(v).strip().lower() for v in access.get(key, [])}

    claim_name = access.get("claim")
    values = claims.get(claim_name, []) if claim_name else []
    if isinstance(values, str):
        values = [values]
    values = {str(v).strip().lower() for v in values}
    if email and email in listed("editors") or values & listed("editor_claim_values"):
        return EDITOR
    if email and email in listed("viewers") or values & listed("viewer_claim_values"):
        return VIEWER
    return PUBLIC


def current_user() -> User:
    if not auth_configured():
        return User(role=EDITOR, name=T.LOCAL_AUTHOR, is_local=True)
    if not st.user.get("is_logged_in"):
        return User(role=PUBLIC)
    claims = st.user.to_dict()
    email = claims.get("email") or claims.get("preferred_username") or claims.get("upn")
    role = role_for(email, claims, _secrets().get(ACCESS_SECTION, {}))
    return User(role=role, email=email, name=claims.get("name"), is_logged_in=True)


def require(role: str) -> User:
    """Stop the page unless the current user has at least `role`."""
    user = current_user()
    if not user.may(role):
        st.error(T.FORBIDDEN if user.is_logged_in else T.LOGIN_REQUIRED)
        st.stop()
    return user


def server_address() -> str:
    return str(st.get_option("server.address") or "")


def check_local_mode() -> None:
    """Without login, run only on this machine (or when explicitly allowed),
    and say so on every page."""
    if auth_configured():
        return
    address = server_address()
    if address not in LOCAL_ADDRESSES and not config.allow_no_login():
        st.error(T.REFUSED_NON_LOCAL.format(address=address or T.ALL_ADDRESSES))
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
            st.caption(T.SIGNED_IN_AS.format(who=who, role=T.ROLE_NAMES[user.role]))
            if user.role == PUBLIC:
                st.info(T.NO_ROLE.format(email=user.email or who))
            st.button(T.LOGOUT_BUTTON, on_click=st.logout, icon=":material/logout:", key="logout")
