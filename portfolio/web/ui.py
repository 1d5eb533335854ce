"""Streamlit glue shared by the pages: the cached connection and store,
cached query results keyed by snapshot id, the snapshot header and filters.

Pages call these and draw; they hold no logic of their own.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pandas as pd
import streamlit as st

from portfolio import config, fmt, texts
from portfolio.model import schema
from portfolio.present import filters, snapshots
from portfolio.present.links import TABLE_ROWS, URL_FILTERS, URL_INITIATIVE, URL_SNAPSHOT
from portfolio.query import runner as queries
from portfolio.query.context import SnapshotContext, today_for, today_is_demo_date
from portfolio.store.snapshots import Store
from portfolio.web import auth, converted, kept, public


@st.cache_resource
def store(root: str) -> Store:
    """The store, once per server process: it holds the process's one DuckDB
    connection to the lake (portfolio.store.lake); each query takes a cursor."""
    return Store(root)


# Query results and views, kept once per server process for every session
# (portfolio/web/kept.py: plain keys, not Streamlit's hashing of each call)
KEPT_QUERIES = kept.Kept(max_entries=512)
KEPT_VIEWS = kept.Kept(max_entries=512)


def cached_runner(data: Store, snapshot_id: str, name: str, params: dict[str, Any]) -> pd.DataFrame:
    """The query runner of every page's SnapshotContext: results kept once per
    server by snapshot id and parameters (snapshots never change, so the cache
    never goes stale). Each caller gets its own copy-on-write view (pandas 3),
    so changing it never changes the cached result."""
    root = str(data.root)
    result = KEPT_QUERIES.get((name, root, snapshot_id, kept.frozen(params)),
                              lambda: queries.run(store(root), name, {**params, "snapshot_id": snapshot_id}))
    return result.copy(deep=False)


def query(ctx: SnapshotContext, name: str, **params: Any) -> pd.DataFrame:
    """A named query's result on the context's snapshot (cached, see `cached_runner`)."""
    return ctx.query(name, **params)


def view(build: Callable, ctx: SnapshotContext, *args: Any) -> Any:
    """What a page shows, built by `build(ctx, *args)` from query results, kept
    once per server by snapshot id, "today" and `args` (for example the
    filters): a rerun with the same view draws it without recomputing.

    The result is shared by every session: pages only draw it, never change it.
    """
    return KEPT_VIEWS.get(kept.frozen(view_key(build, ctx, *args)), lambda: build(ctx, *args))


def view_key(build: Callable, ctx: SnapshotContext, *args: Any) -> tuple:
    """What `view` keeps a view by."""
    return f"{build.__module__}.{build.__qualname__}", str(ctx.store.root), ctx.snapshot_id, ctx.today, ctx.is_latest, args


def vega(spec: dict) -> None:
    """Draw a chart spec built in advance (see `view`), its data converted to
    Arrow once per spec (portfolio.web.converted), not on every rerun."""
    st.vega_lite_chart(converted.chart_spec(spec), width="stretch")


def snapshot_context() -> SnapshotContext:
    """The snapshot the page shows, chosen in the sidebar and kept in the URL
    (`?snapshot=<id>`; the latest when absent), with the header drawn: the
    demo notice, and a clear banner while a past snapshot is shown.
    Stops the page when there is no data, or when the user may not read it
    (checked on the server on every rerun, on top of the navigation)."""
    public.refuse_internal_page()  # never in the public app (public.py)
    auth.require(auth.VIEWER)
    root = config.data_dir()
    data = store(str(root))
    metas = data.list()
    if not metas:
        st.warning(texts.NO_DATA.format(path=root))
        st.stop()
    latest = metas[-1]
    by_id = {m.snapshot_id: m for m in metas}
    wanted = st.query_params.get(URL_SNAPSHOT)
    if wanted is not None and wanted not in by_id:
        st.error(fmt.markdown(texts.TIME_TRAVEL["unknown"], snapshot_id=wanted))
        wanted = None
    if "snapshot_choice" not in st.session_state or st.session_state.get("_snapshot_url") != wanted:
        st.session_state["snapshot_choice"] = wanted or latest.snapshot_id
        st.session_state["_snapshot_url"] = wanted
    ids = [m.snapshot_id for m in reversed(metas)]
    with st.sidebar:
        chosen = st.selectbox(
            texts.TIME_TRAVEL["picker"],
            ids,
            key="snapshot_choice",
            format_func=lambda i: snapshots.label(by_id[i], is_latest=i == latest.snapshot_id),
            help=texts.TIME_TRAVEL["picker_help"],
        )
    if chosen == latest.snapshot_id:
        st.query_params.pop(URL_SNAPSHOT, None)
        st.session_state["_snapshot_url"] = None
    else:
        st.query_params[URL_SNAPSHOT] = chosen
        st.session_state["_snapshot_url"] = chosen
    meta = by_id[chosen]
    is_latest = chosen == latest.snapshot_id
    if meta.is_demo:
        st.info(
            texts.DEMO_NOTICE + " " + texts.DEMO_TODAY_NOTICE.format(date=fmt.date(meta.created))
            if today_is_demo_date(meta, is_latest) else texts.DEMO_NOTICE,
            icon=":material/info:",
        )
    if not is_latest:
        st.warning(
            texts.TIME_TRAVEL["banner"].format(date=fmt.date(meta.created), latest=fmt.date(latest.created)),
            icon=":material/history:",
        )
    today = today_for(meta, is_latest)
    return SnapshotContext(store=data, meta=meta, today=today, is_latest=is_latest, runner=cached_runner,
                           keeper=view)


def url_selectbox(
    label: str,
    options: list,
    *,
    key: str,
    url_key: str,
    default: Any = None,
    parse: Callable[[str], Any] = str,
    format_func: Callable[[Any], str] = str,
    default_in_url: bool = True,
    **kwargs: Any,
) -> Any:
    """A selectbox whose value lives in the URL (`?url_key=value`).

    The URL wins when it changes (a pasted link, a link to another
    initiative); an unknown value in the URL leaves the box on `default` and
    the URL as it is, so the page can say what was not found. With
    `default_in_url=False` the URL names only a value other than `default`."""
    raw = st.query_params.get(url_key)
    sync_key = f"_{key}_url"
    stale = st.session_state.get(key) not in options  # e.g. another snapshot, other filters
    if key not in st.session_state or st.session_state.get(sync_key) != raw or stale:
        try:
            wanted = parse(raw) if raw is not None else None
        except ValueError:
            wanted = None
        st.session_state[key] = wanted if wanted in options else (default if default in options else None)
        st.session_state[sync_key] = raw
    value = st.selectbox(fmt.literal(label), options, key=key, format_func=format_func, **kwargs)
    if not default_in_url and value == default:
        st.query_params.pop(url_key, None)
        st.session_state[sync_key] = None
    elif value is not None and str(value) != raw:
        st.query_params[url_key] = str(value)
        st.session_state[sync_key] = str(value)
    return value


def url_multiselect(label: str, options, key: str, url_key: str, format_func=str) -> list:
    """A multiselect whose value lives in the URL (`?url_key=a&url_key=b`).
    A link that names values (a key figure's link, a pasted link) sets
    them, also on another page, whose widget is a new one; a change the user
    has just made (the URL still has the values of the last run) is kept."""
    options = list(options)
    raw = st.query_params.get_all(url_key)
    last = st.session_state.get(f"_{key}_url")  # the values the last run put in the URL
    if key not in st.session_state or (raw and (raw != last or st.session_state[key] == last)):
        st.session_state[key] = [v for v in raw if v in options]
    value = st.multiselect(
        fmt.literal(label), options, key=key, format_func=format_func,
        placeholder=texts.OVERVIEW["filter_placeholder"],
    )
    if value:
        st.query_params[url_key] = value
    else:
        st.query_params.pop(url_key, None)
    st.session_state[f"_{key}_url"] = list(value)
    return value


def snapshot_caption(ctx: SnapshotContext) -> fmt.Markdown:
    """Which snapshot the page shows: when it was saved (date and local time,
    not its id) and who saved it. Markdown made once, here (the author made
    literal by fmt.markdown); `fmt.literal` gives it back unchanged."""
    return fmt.markdown(texts.SNAPSHOT_CAPTION, time=fmt.date_time(ctx.meta.created_at), author=ctx.meta.author)


def filter_widgets(ctx: SnapshotContext) -> queries.Filters:
    """The portfolio filters, in the sidebar, kept in the URL."""
    labels = texts.OVERVIEW
    choices = view(filters.build_choices, ctx)  # once per snapshot
    areas, programmes = list(choices.areas), choices.programmes
    u = URL_FILTERS
    with st.sidebar:
        st.header(texts.OVERVIEW["filters"])
        return queries.Filters(
            areas=tuple(url_multiselect(labels["filter_area"], areas, "f_area", u["areas"])),
            phases=tuple(url_multiselect(labels["filter_phase"], schema.PHASES, "f_phase", u["phases"])),
            focus_areas=tuple(
                url_multiselect(labels["filter_focus"], schema.FOCUS_AREAS, "f_focus", u["focus_areas"])
            ),
            target_groups=tuple(
                url_multiselect(labels["filter_target"], schema.TARGET_GROUPS, "f_target", u["target_groups"])
            ),
            statuses=tuple(
                url_multiselect(labels["filter_status"], schema.STATUSES, "f_status", u["statuses"],
                                format_func=texts.STATUS_LABELS.get)
            ),
            programmes=tuple(
                url_multiselect(labels["filter_programme"], list(programmes), "f_programme",
                                u["programmes"], format_func=lambda v: programmes.get(v, v))
            ),
        )


def download_buttons(get_frame: Callable[[], pd.DataFrame], basename: str, sheet_name: str = "Data") -> None:
    """Excel and CSV downloads of a table with the current filters and snapshot.
    The files are made only when the button is pressed (`get_frame` is called
    then), so a large table costs nothing on ordinary reruns."""
    from portfolio.store import export

    left, right = st.columns(2)
    left.download_button(
        texts.EXPORT["excel"], data=lambda: export.to_xlsx(get_frame(), sheet_name=sheet_name),
        file_name=f"{basename}.xlsx", icon=":material/download:",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key=f"xlsx_{basename}", on_click="ignore",
    )
    right.download_button(
        texts.EXPORT["csv"], data=lambda: export.to_csv(get_frame()), file_name=f"{basename}.csv",
        mime="text/csv", icon=":material/download:", key=f"csv_{basename}", on_click="ignore",
    )


__all__ = ["TABLE_ROWS", "URL_FILTERS", "URL_INITIATIVE", "URL_SNAPSHOT", "SnapshotContext"]
