"""The initiative picker: a searchable choice kept in the URL."""

from __future__ import annotations

import streamlit as st

from portfolio import fmt
from portfolio.present import initiative
from portfolio.present.initiative import PICKER_ALL, PICKER_MATCHES
from portfolio.present.links import URL_INITIATIVE
from portfolio.query.context import SnapshotContext
from portfolio.texts import initiative as T
from portfolio.web import ui

PICKER_KEY = "initiative_choice"
SEARCH_KEY = "initiative_search"


def _matches(ctx: SnapshotContext, search: str, keep: tuple[str, ...]) -> initiative.Picker:
    """Use through `ui.view`: the picker's options for one search, kept per snapshot."""
    return initiative.picker_options(ui.view(initiative.options, ctx), search, keep)


def choose(ctx: SnapshotContext) -> str | None:
    """Draw the initiative picker (with a search field first in a large
    portfolio) and return the chosen initiative's id, kept in the URL."""
    labels = ui.view(initiative.options, ctx)  # built once per snapshot
    if len(labels) <= PICKER_ALL:
        listed, placeholder = list(labels), T.PICKER_PLACEHOLDER
    else:
        search = st.text_input(T.SEARCH, key=SEARCH_KEY, placeholder=T.SEARCH_PLACEHOLDER, help=T.SEARCH_HELP)
        keep = tuple(v for v in (st.session_state.get(PICKER_KEY), wanted_id()) if v)
        found = ui.view(_matches, ctx, search.strip(), keep)
        listed, placeholder = found.options, T.PICKER_MATCHES_PLACEHOLDER
        if not search.strip():
            st.caption(T.SEARCH_EMPTY.format(shown=fmt.number(PICKER_MATCHES), count=fmt.number(found.total)))
        elif found.total == 0:
            st.caption(T.SEARCH_NONE.format(search=fmt.literal(search.strip())))
        elif found.total > PICKER_MATCHES:
            st.caption(T.SEARCH_CAPPED.format(shown=fmt.number(PICKER_MATCHES), count=fmt.number(found.total)))
        else:
            st.caption(T.SEARCH_ALL.format(count=fmt.number(found.total)))
    return ui.url_selectbox(
        T.PICKER, listed, key=PICKER_KEY, url_key=URL_INITIATIVE,
        format_func=labels.get, placeholder=placeholder, help=T.PICKER_HELP,
    )


def wanted_id() -> str | None:
    return st.query_params.get(URL_INITIATIVE)


