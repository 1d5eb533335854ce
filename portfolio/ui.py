"""Streamlit glue shared by the pages: the cached connection and store,
cached query results keyed by snapshot id, the snapshot header and filters.

Pages call these and draw; they hold no logic of their own.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

import duckdb
import pandas as pd
import streamlit as st

from portfolio import config, fmt, queries, schema, texts
from portfolio.store import SnapshotMeta, Store


@st.cache_resource
def connection() -> duckdb.DuckDBPyConnection:
    """One DuckDB connection per server process; each query takes a cursor."""
    return queries.connect()


@st.cache_resource
def store(root: str) -> Store:
    return Store(root)


@dataclasses.dataclass(frozen=True)
class SnapshotContext:
    store: Store
    meta: SnapshotMeta
    today: dt.date

    @property
    def snapshot_id(self) -> str:
        return self.meta.snapshot_id


@st.cache_data(max_entries=512, show_spinner=False)
def _cached_query(name: str, root: str, snapshot_id: str, params: dict[str, Any]) -> pd.DataFrame:
    bound = queries.snapshot_params(store(root), snapshot_id)
    bound.update(params)
    return queries.run(connection(), name, bound)


def query(ctx: SnapshotContext, name: str, **params: Any) -> pd.DataFrame:
    """A named query's result on the context's snapshot, cached by snapshot id
    and parameters (snapshots never change, so the cache never goes stale)."""
    needed = queries.parameters(name)
    values = {k: v for k, v in params.items() if k in needed}
    return _cached_query(name, str(ctx.store.root), ctx.snapshot_id, values)


def snapshot_context() -> SnapshotContext:
    """The snapshot the page shows (the latest), with the header drawn:
    demo notice and when the data is from. Stops the page when there is no data."""
    root = config.data_dir()
    data = store(str(root))
    meta = data.latest()
    if meta is None:
        st.warning(texts.NO_DATA.format(path=root))
        st.stop()
    if meta.is_demo:
        st.info(texts.DEMO_NOTICE, icon=":material/info:")
    return SnapshotContext(store=data, meta=meta, today=config.today())


def snapshot_caption(ctx: SnapshotContext) -> str:
    return texts.SNAPSHOT_CAPTION.format(
        date=fmt.date(ctx.meta.created), author=ctx.meta.author, snapshot_id=ctx.snapshot_id
    )


def filter_widgets(ctx: SnapshotContext) -> queries.Filters:
    """The overview filters, in the sidebar."""
    labels = texts.OVERVIEW
    options = query(ctx, "filter_options")
    areas = options.loc[options["kind"] == "area", "value"].tolist()
    programmes = dict(
        options.loc[options["kind"] == "programme", ["value", "label"]].itertuples(index=False)
    )
    with st.sidebar:
        st.header(labels["filters"])
        common = {"placeholder": labels["filter_placeholder"]}
        chosen = queries.Filters(
            areas=tuple(st.multiselect(labels["filter_area"], areas, key="f_area", **common)),
            phases=tuple(st.multiselect(labels["filter_phase"], schema.PHASES, key="f_phase", **common)),
            focus_areas=tuple(
                st.multiselect(labels["filter_focus"], schema.FOCUS_AREAS, key="f_focus", **common)
            ),
            target_groups=tuple(
                st.multiselect(labels["filter_target"], schema.TARGET_GROUPS, key="f_target", **common)
            ),
            statuses=tuple(
                st.multiselect(
                    labels["filter_status"], schema.STATUSES, key="f_status",
                    format_func=texts.STATUS_LABELS.get, **common,
                )
            ),
            programmes=tuple(
                st.multiselect(
                    labels["filter_programme"], list(programmes), key="f_programme",
                    format_func=programmes.get, **common,
                )
            ),
        )
    return chosen
