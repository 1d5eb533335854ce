"""Tiltak: one initiative whole, chosen in the page and kept in the URL."""

import streamlit as st

from portfolio import auth, charts, fmt, initiative, ui
from portfolio.texts import initiative as T

auth.require(auth.VIEWER)
ctx = ui.snapshot_context()
st.title(T.TITLE)
st.caption(T.INTRO + " " + ui.snapshot_caption(ctx))

choices = ui.view(initiative.options, ctx)  # built once per snapshot
chosen = initiative.url_selectbox(
    T.PICKER, list(choices), key=initiative.PICKER_KEY, url_key=ui.URL_INITIATIVE,
    format_func=choices.get, placeholder=T.PICKER_PLACEHOLDER, help=T.PICKER_HELP,
)
if chosen is None:
    wanted = initiative.wanted_id()
    if wanted:
        st.error(initiative.unknown_message(ctx, wanted), icon=":material/search_off:")
    else:
        st.info(T.CHOOSE, icon=":material/info:")
    st.stop()

row = initiative.detail(ctx, chosen)
st.header(row["name"], anchor=False)
st.markdown(" · ".join(fmt.literal(f) for f in initiative.facts(row)))

hist = initiative.history(ctx, chosen)
update = initiative.last_update(ctx, hist)
if update is not None:
    st.caption(update.sentence())
    if update.is_stale:
        st.warning(update.stale_warning(), icon=":material/schedule:")

st.subheader(T.STATUS, anchor=False)
st.table(initiative.status_table(row), hide_index=True)

st.subheader(T.PATH, anchor=False)
milestone_rows = initiative.milestones(ctx, chosen)
steps = initiative.decision_path(row, milestone_rows)
st.markdown(initiative.path_markdown(steps))
st.write(initiative.path_sentence(row, steps))
st.caption(T.PATH_CAPTION)

st.subheader(T.MILESTONES, anchor=False)
if milestone_rows.empty:
    st.write(T.MILESTONES_NONE)
else:
    st.caption(initiative.milestones_caption(ctx, milestone_rows))
    st.dataframe(initiative.milestone_table(milestone_rows), hide_index=True, width="stretch",
                 height="content" if len(milestone_rows) <= 25 else 720,
                 column_config={T.COL_OVERDUE_DAYS: st.column_config.TextColumn(alignment="right")})

st.subheader(T.BUDGET, anchor=False)
money = initiative.budget(ctx, chosen)
if money.empty:
    st.write(T.BUDGET_NONE)
else:
    st.caption(T.BUDGET_CAPTION)
    share_column = {T.COL_FORECAST_DEVIATION_SHARE: st.column_config.TextColumn(alignment="right")}
    st.dataframe(initiative.budget_table(money), hide_index=True, width="stretch", column_config=share_column)
    if int(row["child_count"]):
        st.markdown(f"**{T.BUDGET_TOTAL}**")
        st.caption(T.BUDGET_TOTAL_CAPTION.format(count=int(row["child_count"])))
        st.dataframe(initiative.budget_table(money, total=True), hide_index=True, width="stretch",
                     column_config=share_column)

st.subheader(T.HISTORY, anchor=False)
takeaway = initiative.history_takeaway(hist)
st.write(takeaway)
st.altair_chart(charts.status_history_heatmap(initiative.history_chart_data(ctx, hist), takeaway), width="stretch")
history_table = initiative.history_table(ctx, hist)
st.caption(initiative.history_caption(ctx, hist))
st.dataframe(history_table, hide_index=True, width="stretch",
             height="content" if len(history_table.data) <= 25 else 720,
             column_config={T.COL_CHANGES: st.column_config.TextColumn(width="large")})
with st.expander(T.CHANGE_LOG):
    st.markdown(initiative.change_log_markdown(ctx, hist))

st.subheader(T.RELATED, anchor=False)
related = initiative.related(ctx, chosen)
if related.empty:
    st.write(T.RELATED_NONE)
for relation, rows in related.groupby("relation", sort=False):
    if relation == "parent":
        parent = rows.iloc[0]
        st.page_link(initiative.PAGE, label=T.PARENT_LINK.format(name=parent["name"]),
                     query_params=initiative.context_link_params(ctx, parent["initiative_id"]),
                     icon=":material/account_tree:")
        continue
    st.markdown(f"**{T.RELATION[relation]}**")
    st.caption(initiative.related_caption(rows))
    st.dataframe(
        initiative.related_table(ctx, rows), hide_index=True, width="stretch",
        height="content" if len(rows) <= 25 else 720,
        column_config={T.COL_LINK: st.column_config.LinkColumn(display_text=T.LINK_TEXT)},
    )
