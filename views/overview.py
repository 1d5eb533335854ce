"""Oversikt: status of the whole portfolio on one screen."""

import streamlit as st

from portfolio import fmt, texts
from portfolio.present import overview, trend
from portfolio.texts import trend as trend_texts
from portfolio.web import tables, ui

T = texts.OVERVIEW

ctx = ui.snapshot_context()
st.title(T["title"])
st.caption(T["intro"] + " " + fmt.literal(ui.snapshot_caption(ctx)))

filters = ui.filter_widgets(ctx)
view = ui.view(overview.build_view, ctx, filters)
k = view.kpis

c1, c2, c3, c4 = st.columns(4)
c1.metric(T["kpi_initiatives"], fmt.number(k.total))
c2.metric(
    T["kpi_red"], fmt.number(k.by_status["rød"]),
    help=", ".join(f"{texts.STATUS_LABELS[s]}: {fmt.number(n)}" for s, n in k.by_status.items()),
)
c3.metric(T["kpi_overdue"], fmt.number(k.overdue_count),
          help=T["kpi_overdue_help"].format(today=fmt.date(ctx.today)))
c4.metric(T["kpi_due_30"], fmt.number(k.due_soon_count),
          help=T["kpi_due_help"].format(today=fmt.date(ctx.today), until=fmt.date(k.due_until)))

m1, m2, m3 = st.columns(3)
m1.metric(fmt.markdown(T["kpi_budget"], year=k.year), fmt.kr(k.budget_nok))
m2.metric(
    fmt.markdown(T["kpi_actual"], year=k.year), fmt.kr(k.actual_nok),
    delta=T["kpi_actual_share"].format(share=fmt.percent(k.actual_share)) if k.actual_share is not None else None,
    delta_color="off", delta_arrow="off",
)
m3.metric(
    fmt.markdown(T["kpi_forecast"], year=k.year), fmt.kr(k.forecast_nok),
    delta=T["kpi_over_budget"].format(count=fmt.number(k.over_budget_count)) if k.over_budget_count else None,
    delta_color="off", delta_arrow="off",
)

if k.total == 0:
    st.warning(T["no_match"])
    st.stop()

left, right = st.columns([3, 2])
with left:
    st.header(T["by_phase"])
    st.write(fmt.literal(view.takeaway))
    ui.vega(view.phase_chart)
with right:
    st.header(T["chart_table"])
    st.table(fmt.literal_table(view.phase_table), hide_index=True, alt=T["chart_table"])

st.header(T["status_table"])
table, total = view.status_table, view.status_total
shown = len(table)
st.caption(T["status_table_capped"].format(shown=fmt.number(shown), count=fmt.number(total)) if total > shown
           else T["status_table_caption"].format(count=fmt.number(total)))
st.dataframe(
    table, hide_index=True, width="stretch", height="content" if total <= 25 else 720,
    placeholder="–", column_config=tables.column_config(overview.status_table_columns()),
)
ui.download_buttons(
    lambda: overview.status_rows(ctx, filters, row_limit=max(total, 1)),
    basename=f"statustabell-{ctx.meta.created.date().isoformat()}", sheet_name=T["status_table"],
)

st.header(trend_texts.HEADING)
trend_view = ui.view(trend.build_view, ctx, filters)
st.write(fmt.literal(trend_view.takeaway))
st.caption(fmt.literal(trend_view.caption))
trend_left, trend_right = st.columns([3, 2])
with trend_left:
    ui.vega(trend_view.chart)
with trend_right:
    st.markdown(f"**{trend_texts.TABLE}**")
    st.table(fmt.literal_table(trend_view.table), hide_index=True, alt=trend_texts.TABLE,
             height="content" if len(trend_view.table) <= 12 else 420)
