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
