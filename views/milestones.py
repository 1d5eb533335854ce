"""Milepæler: the portfolio timeline, overdue milestones and what is due soon."""

import streamlit as st

from portfolio import auth, fmt, milestones, ui
from portfolio.texts import milestones as T

auth.require(auth.VIEWER)
ctx = ui.snapshot_context()
st.title(T.TITLE)
st.caption(T.INTRO + " " + ui.snapshot_caption(ctx))

filters = ui.filter_widgets(ctx)
overdue, soon, later = milestones.lists(ctx, filters)

c1, c2, c3 = st.columns(3)
c1.metric(T.KPI_OVERDUE, fmt.number(overdue.total), help=T.KPI_OVERDUE_HELP.format(today=fmt.date(ctx.today)))
c2.metric(T.KPI_30, fmt.number(soon.total), help=T.KPI_DUE_HELP.format(
    today=fmt.date(ctx.today), until=fmt.date(milestones.due_until(ctx, milestones.SHORT_HORIZON))))
c3.metric(T.KPI_90, fmt.number(later.total), help=T.KPI_DUE_HELP.format(
    today=fmt.date(ctx.today), until=fmt.date(milestones.due_until(ctx, milestones.LONG_HORIZON))))

st.header(T.TIMELINE, anchor=False)
timeline = milestones.timeline(ctx, filters)
takeaway = milestones.timeline_takeaway(timeline)
st.write(takeaway)
if timeline.shown:
    st.caption(milestones.timeline_caption(timeline))
    st.altair_chart(milestones.timeline_chart(ctx, timeline, takeaway), width="stretch")
    with st.expander(T.TABLE_TIMELINE):
        st.dataframe(
            milestones.timeline_table(ctx, timeline), hide_index=True, width="stretch",
            column_config={T.COL_LINK: st.column_config.LinkColumn(display_text=T.LINK_TEXT)},
        )

st.header(T.LISTS, anchor=False)
link_config = {
    T.COL_TITLE: st.column_config.TextColumn(width="large"),
    T.COL_LINK: st.column_config.LinkColumn(display_text=T.LINK_TEXT),
}
lists = (overdue, soon, later)
for tab, item in zip(st.tabs([item.tab_label for item in lists]), lists):
    with tab:
        if item.total == 0:
            st.write(item.empty)
            continue
        st.caption(item.caption)
        st.dataframe(milestones.list_table(ctx, item.rows), hide_index=True, width="stretch",
                     height="content" if len(item.rows) <= 25 else 600, column_config=link_config)
        ui.download_buttons(item.get_all, basename=item.basename, sheet_name=item.sheet)
