"""The Changes page's widgets kept in the link, and its cache."""

from __future__ import annotations

import datetime as dt
from urllib.parse import parse_qsl

import pandas as pd
import streamlit as st

from portfolio import fmt
from portfolio.present import changes
from portfolio.present.changes import URL_FROM, URL_SINCE, URL_THRESHOLD, parse_date, parse_threshold
from portfolio.query.context import SnapshotContext
from portfolio.query.runner import Filters
from portfolio.store.snapshots import SnapshotMeta
from portfolio.texts import changes as T
from portfolio.web import ui

# Widget keys of the page; their values live in the URL
MODES = ("snapshot", "date")
KEY_MODE, KEY_FROM, KEY_SINCE, KEY_THRESHOLD = "chg_mode", "chg_from", "chg_since", "chg_threshold"


def init_state(state, params, older: list[SnapshotMeta], newest_date: dt.date) -> list[fmt.Markdown]:
    """Set the page's widgets from the link (`?from=<id>` or `?since=<date>`,
    `&threshold=<kr>`) the first time, and keep them valid when the shown
    snapshot changes. `older` are the snapshots to compare with, newest first.
    Returns messages about link values that could not be used (the values
    made literal: a link is anybody's to write)."""
    messages = []
    ids = [m.snapshot_id for m in older]
    default_since = older[0].created.date()
    if KEY_MODE not in state:
        state[KEY_MODE] = "date" if params.get(URL_SINCE) else "snapshot"
    if KEY_FROM not in state:
        wanted = params.get(URL_FROM)
        if wanted is not None and wanted not in ids:
            messages.append(fmt.markdown(T.PAGE["from_unknown"], snapshot_id=wanted))
            wanted = None
        state[KEY_FROM] = wanted or ids[0]
    elif state[KEY_FROM] not in ids:
        state[KEY_FROM] = ids[0]
    if KEY_SINCE not in state:
        raw = params.get(URL_SINCE)
        since = parse_date(raw)
        if raw and since is None:
            messages.append(fmt.markdown(T.PAGE["since_invalid"], value=raw))
            state[KEY_MODE] = "snapshot"
        state[KEY_SINCE] = min(since or default_since, newest_date)
    elif state[KEY_SINCE] > newest_date:
        state[KEY_SINCE] = newest_date
    if KEY_THRESHOLD not in state:
        state[KEY_THRESHOLD] = parse_threshold(params.get(URL_THRESHOLD))
    return messages


def write_url(params, *, mode: str, from_id: str, default_from: str, since: dt.date, threshold: int) -> None:
    """Keep the comparison in the link. The default (the snapshot just before
    the shown one) and a zero threshold are left out."""
    if mode == "date":
        params.pop(URL_FROM, None)
        params[URL_SINCE] = since.isoformat()
    else:
        params.pop(URL_SINCE, None)
        if from_id == default_from:
            params.pop(URL_FROM, None)
        else:
            params[URL_FROM] = from_id
    if threshold:
        params[URL_THRESHOLD] = str(threshold)
    else:
        params.pop(URL_THRESHOLD, None)


@st.cache_data(max_entries=32, show_spinner=False)
def cached_changes(root: str, old_id: str, new_id: str, today: dt.date, threshold: int) -> pd.DataFrame:
    """`changes.build`, cached per (old_id, new_id, today, threshold) across
    reruns and sessions: snapshots never change, so the result never goes stale."""
    return changes.build(ui.store(root), old_id, new_id, today, threshold)


def build_view(ctx: SnapshotContext, old_id: str, threshold: int, filters: Filters) -> changes.View:
    """Use through `ui.view(build_view, ctx, old_id, threshold, filters)`:
    built once per snapshot pair, threshold and filters."""
    frame = cached_changes(str(ctx.store.root), old_id, ctx.snapshot_id, ctx.today, threshold)
    return changes.build_view(ctx, old_id, frame, filters)


def link_params(link: str | None) -> dict[str, str]:
    """The query parameters of a relative page link (`initiative?initiative=x`),
    for st.page_link."""
    return dict(parse_qsl(link.partition("?")[2])) if link else {}
