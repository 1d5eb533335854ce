"""The initiative picker: a search field, a searchable choice kept in the URL
(`?initiative=<id>`), and before a choice the list of every initiative
matching the search, each row opening its initiative."""

from __future__ import annotations

import streamlit as st

from portfolio import fmt
from portfolio.present import initiative, initiative_list
from portfolio.present.initiative import PICKER_ALL, PICKER_MATCHES
from portfolio.present.links import URL_INITIATIVE
from portfolio.query.context import SnapshotContext
from portfolio.texts import initiative as T
from portfolio.web import tables, ui

PICKER_KEY = "initiative_choice"
SEARCH_KEY = "initiative_search"
LIST_KEY = "initiative_list"


def _matches(ctx: SnapshotContext, search: str, keep: tuple[str, ...]) -> initiative.Picker:
    """Use through `ui.view`: the picker's options for one search, kept per snapshot."""
    return initiative.picker_options(ui.view(initiative.options, ctx), search, keep)


def search() -> str:
    return (st.session_state.get(SEARCH_KEY) or "").strip()


def choose(ctx: SnapshotContext) -> str | None:
    """Draw the search field and the initiative picker and return the chosen
    initiative's id, kept in the URL. The search narrows the picker (in a
    large portfolio the picker lists only the first matches, so a rerun does
    not send thousands of names to the browser) and the list (`show_list`)."""
    labels = ui.view(initiative.options, ctx)  # built once per snapshot
    st.text_input(T.SEARCH, key=SEARCH_KEY, placeholder=T.SEARCH_PLACEHOLDER, help=T.LIST_SEARCH_HELP)
    words = search()
    if len(labels) <= PICKER_ALL and not words:
        listed, placeholder = list(labels), T.PICKER_PLACEHOLDER
    else:
        keep = tuple(v for v in (st.session_state.get(PICKER_KEY), wanted_id()) if v)
        found = ui.view(_matches, ctx, words, keep)
        listed, placeholder = found.options, T.PICKER_MATCHES_PLACEHOLDER
        if len(labels) > PICKER_ALL:
            if not words:
                st.caption(T.SEARCH_EMPTY.format(shown=fmt.number(PICKER_MATCHES), count=fmt.number(found.total)))
            elif found.total == 0:
                st.caption(T.SEARCH_NONE.format(search=fmt.literal(words)))
            elif found.total > PICKER_MATCHES:
                st.caption(T.SEARCH_CAPPED.format(shown=fmt.number(PICKER_MATCHES), count=fmt.number(found.total)))
            else:
                st.caption(T.SEARCH_ALL.format(count=fmt.number(found.total)))
    return ui.url_selectbox(
        T.PICKER, listed, key=PICKER_KEY, url_key=URL_INITIATIVE,
        format_func=labels.get, placeholder=placeholder, help=T.PICKER_HELP,
    )


def show_list(ctx: SnapshotContext) -> None:
    """Every initiative matching the search (at most TABLE_ROWS, by name) with
    its status words; choosing a row opens that initiative on this page (its id
    goes to the URL, as a link would put it), its link opens it in a new tab."""
    found = ui.view(initiative_list.build, ctx, search())
    st.header(T.LIST_HEADING, anchor=False, help=T.LIST_HELP)
    st.caption(fmt.literal(found.caption))
    if not found.ids:
        return

    def open_chosen_row() -> None:  # a callback: runs before the next rerun draws the picker
        rows = st.session_state[LIST_KEY].selection.rows
        if rows and rows[0] < len(found.ids):
            st.query_params[URL_INITIATIVE] = found.ids[rows[0]]

    tables.dataframe(
        found.table, initiative_list.columns(), key=LIST_KEY, hide_index=True, width="stretch",
        height="content" if len(found.table) <= 25 else 720, placeholder=T.EMPTY,
        on_select=open_chosen_row, selection_mode="single-row",
    )


def wanted_id() -> str | None:
    return st.query_params.get(URL_INITIATIVE)
