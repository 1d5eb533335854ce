"""Milepæler: the portfolio timeline, overdue milestones and what is due soon."""

import streamlit as st

from portfolio import fmt
from portfolio.present import links, milestones
from portfolio.texts import milestones as T
from portfolio.web import auth, tables, ui

auth.require(auth.VIEWER)
ctx = ui.snapshot_context()
st.title(T.TITLE)
st.caption(T.INTRO + " " + fmt.literal(ui.snapshot_caption(ctx)))

filters = ui.filter_widgets(ctx)
window = st.session_state.get(milestones.WINDOW_KEY) or milestones.DEFAULT_WINDOW  # the timeline's period
view = ui.view(milestones.build_view, ctx, filters, window)  # built once per snapshot, filters and period
overdue, soon, later = view.lists

c1, c2, c3 = st.columns(3)
c1.metric(T.KPI_OVERDUE, fmt.number(overdue.total), help=T.KPI_OVERDUE_HELP.format(today=fmt.date(ctx.today)))
c2.metric(T.KPI_30, fmt.number(soon.total), help=T.KPI_DUE_HELP.format(
    today=fmt.date(ctx.today), until=fmt.date(milestones.due_until(ctx, milestones.SHORT_HORIZON))))
c3.metric(T.KPI_90, fmt.number(later.total), help=T.KPI_DUE_HELP.format(
    today=fmt.date(ctx.today), until=fmt.date(milestones.due_until(ctx, milestones.LONG_HORIZON))))

st.header(T.TIMELINE, anchor=False)
st.segmented_control(T.WINDOW_LABEL, milestones.WINDOWS, format_func=lambda w: T.WINDOWS[w], required=True,
                     default=milestones.DEFAULT_WINDOW, key=milestones.WINDOW_KEY, help=T.WINDOW_HELP)
st.write(fmt.literal(view.takeaway))  # what the timeline shows, and the period
if view.chart is not None:
    st.caption(fmt.literal(view.caption))
    ui.vega(view.chart)
    with st.expander(T.TABLE_TIMELINE):
        tables.dataframe(view.timeline_table, milestones.timeline_columns(), key="timeline", hide_index=True,
                         width="stretch", placeholder=T.EMPTY)

st.header(T.LISTS, anchor=False)
lists = (overdue, soon, later)
opened = lists[links.milestone_list_index(st.query_params.get(links.URL_MILESTONE_LIST))]  # ?list=30: a link's list
tabs = st.tabs([fmt.literal(item.tab_label) for item in lists], default=fmt.literal(opened.tab_label))
for tab, item in zip(tabs, lists, strict=False):
    with tab:
        if item.total == 0:
            st.write(fmt.literal(item.empty))
            continue
        st.caption(fmt.literal(item.caption))
        tables.dataframe(item.table, milestones.list_columns(), key=item.basename, hide_index=True, width="stretch",
                         placeholder=T.EMPTY, height="content" if len(item.table) <= 25 else 600)
        ui.download_buttons(item.get_all, basename=item.basename, sheet_name=item.sheet)
