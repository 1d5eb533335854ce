"""Milepæler: the portfolio timeline, overdue milestones and what is due soon."""

import streamlit as st

from portfolio import fmt
from portfolio.present import milestones
from portfolio.texts import milestones as T
from portfolio.web import auth, tables, ui

auth.require(auth.VIEWER)
ctx = ui.snapshot_context()
st.title(T.TITLE)
st.caption(T.INTRO + " " + fmt.literal(ui.snapshot_caption(ctx)))

filters = ui.filter_widgets(ctx)
view = ui.view(milestones.build_view, ctx, filters)  # built once per snapshot and filters
overdue, soon, later = view.lists

c1, c2, c3 = st.columns(3)
c1.metric(T.KPI_OVERDUE, fmt.number(overdue.total), help=T.KPI_OVERDUE_HELP.format(today=fmt.date(ctx.today)))
c2.metric(T.KPI_30, fmt.number(soon.total), help=T.KPI_DUE_HELP.format(
    today=fmt.date(ctx.today), until=fmt.date(milestones.due_until(ctx, milestones.SHORT_HORIZON))))
c3.metric(T.KPI_90, fmt.number(later.total), help=T.KPI_DUE_HELP.format(
    today=fmt.date(ctx.today), until=fmt.date(milestones.due_until(ctx, milestones.LONG_HORIZON))))

st.header(T.TIMELINE, anchor=False)
st.write(fmt.literal(view.takeaway))
if view.chart is not None:
    st.caption(fmt.literal(view.caption))
    ui.vega(view.chart)
    with st.expander(T.TABLE_TIMELINE):
        st.dataframe(view.timeline_table, hide_index=True, width="stretch", placeholder=T.EMPTY,
                     column_config=tables.column_config(milestones.timeline_columns()))

st.header(T.LISTS, anchor=False)
lists = (overdue, soon, later)
for tab, item in zip(st.tabs([fmt.literal(item.tab_label) for item in lists]), lists, strict=False):
    with tab:
        if item.total == 0:
            st.write(fmt.literal(item.empty))
            continue
        st.caption(fmt.literal(item.caption))
        st.dataframe(item.table, hide_index=True, width="stretch", placeholder=T.EMPTY,
                     height="content" if len(item.table) <= 25 else 600, column_config=tables.column_config(milestones.list_columns()))
        ui.download_buttons(item.get_all, basename=item.basename, sheet_name=item.sheet)
