"""Tiltak: one initiative whole, chosen in the page and kept in the URL."""

import streamlit as st

from portfolio import fmt
from portfolio.present import initiative, initiative_history, links
from portfolio.present.columns import Columns
from portfolio.texts import budget as money_texts
from portfolio.texts import initiative as T
from portfolio.web import auth, tables, ui
from portfolio.web import initiative as picker

auth.require(auth.VIEWER)
ctx = ui.snapshot_context()
st.title(T.TITLE)
st.caption(T.INTRO + " " + fmt.literal(ui.snapshot_caption(ctx)))

chosen = picker.choose(ctx)
if chosen is None:
    wanted = picker.wanted_id()
    if wanted:
        st.error(fmt.literal(initiative.unknown_message(ctx, wanted)), icon=":material/search_off:")
    else:
        st.info(T.CHOOSE, icon=":material/info:")
    st.stop()

view = ui.view(initiative.build_view, ctx, chosen)  # built once per snapshot and initiative
row = view.row
st.header(fmt.literal(row["name"]), anchor=False)
st.markdown(fmt.literal(view.facts_markdown))

update = initiative_history.last_update(ctx, view.hist)
if update is not None:
    st.caption(fmt.literal(update.sentence()))
    if update.is_stale:
        st.warning(fmt.literal(update.stale_warning()), icon=":material/schedule:")

st.subheader(T.STATUS, anchor=False)
st.table(fmt.literal_table(initiative.status_table(view.status)), hide_index=True)

st.subheader(T.PATH, anchor=False)
st.markdown(fmt.literal(view.path_markdown))
st.write(fmt.literal(view.path_sentence))
st.caption(T.PATH_CAPTION)

st.subheader(T.MILESTONES, anchor=False)
if view.milestones.empty:
    st.write(T.MILESTONES_NONE)
else:
    st.caption(fmt.literal(view.milestones_caption))
    st.dataframe(view.milestones, hide_index=True, width="stretch", placeholder=T.EMPTY,
                 height="content" if len(view.milestones) <= 25 else 720,
                 column_config=tables.column_config(initiative.milestone_columns()))

st.subheader(T.BUDGET, anchor=False)
if view.money.empty:
    st.write(T.BUDGET_NONE)
else:
    st.caption(T.BUDGET_CAPTION)
    share_column = tables.column_config(Columns(right=(money_texts.COL_FORECAST_DEVIATION_SHARE,)))
    st.dataframe(initiative.budget_table(view.money), hide_index=True, width="stretch", column_config=share_column)
    if int(row["child_count"]):
        st.markdown(f"**{T.BUDGET_TOTAL}**")
        st.caption(T.BUDGET_TOTAL_CAPTION.format(count=int(row["child_count"])))
        st.dataframe(initiative.budget_table(view.money, total=True), hide_index=True, width="stretch",
                     column_config=share_column)

st.subheader(T.HISTORY, anchor=False)
st.write(fmt.literal(view.history_takeaway))
ui.vega(view.history_chart)
st.caption(fmt.literal(view.history_caption))
st.dataframe(view.history, hide_index=True, width="stretch", placeholder=T.EMPTY,
             height="content" if len(view.history) <= 25 else 720, column_config=tables.column_config(initiative_history.history_columns()))
with st.expander(T.CHANGE_LOG):
    st.markdown(fmt.literal(view.change_log))

st.subheader(T.RELATED, anchor=False)
if not view.related:
    st.write(T.RELATED_NONE)
for group in view.related:
    if group.relation == "parent":
        parent = group.rows.iloc[0]
        st.page_link(initiative.PAGE, label=fmt.markdown(T.PARENT_LINK, name=parent["name"]),
                     query_params=links.context_initiative_params(ctx, parent["initiative_id"]),
                     icon=":material/account_tree:")
        continue
    st.markdown(f"**{T.RELATION[group.relation]}**")
    st.caption(fmt.literal(group.caption))
    st.dataframe(group.table, hide_index=True, width="stretch",
                 height="content" if len(group.table) <= 25 else 720, column_config=tables.column_config(initiative.related_columns()))
