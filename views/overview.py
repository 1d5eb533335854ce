"""Oversikt: status of the whole portfolio on one screen."""

import streamlit as st

from portfolio import fmt, texts
from portfolio.present import attention, decidim, links, meeting_pack, overview, pdf, trend
from portfolio.texts import decidim_pages as D
from portfolio.texts import meeting_pack as MP
from portfolio.texts import overview as A
from portfolio.texts import trend as trend_texts
from portfolio.web import ahead, tables, ui

T = texts.OVERVIEW


def link_under(column, link, label) -> None:
    """A key figure's link: the page filtered to exactly what it counts."""
    if link is not None:
        column.page_link(link.page, label=fmt.literal(label), query_params=list(link.params), icon=":material/arrow_forward:")


ctx = ui.snapshot_context()
st.title(T["title"])
st.caption(T["intro"] + " " + fmt.literal(ui.snapshot_caption(ctx)))

filters = ui.filter_widgets(ctx)

# «Trenger oppmerksomhet»: what to look at first, worst first (portfolio/present/attention.py)
st.header(A.HEADING, anchor=False)
attention_list = st.container()
compare_labels = {m.snapshot_id: attention.compare_label(m) for m in attention.compare_options(ctx)}
compare_id = ui.url_selectbox(
    A.COMPARE, list(compare_labels), key="attention_compare", url_key=links.URL_COMPARE,
    default=attention.default_compare(ctx), format_func=compare_labels.get, help=A.COMPARE_HELP,
    default_in_url=False, width=560,
) if compare_labels else None
focus = ui.view(attention.build_view, ctx, filters, compare_id)  # built once per snapshot, filters and comparison
with attention_list:
    st.write(fmt.literal(focus.summary))
    if focus.lines:
        st.markdown(fmt.literal(focus.lines_markdown))
    if focus.more_count:
        with st.expander(fmt.literal(focus.more_label)):
            st.markdown(fmt.literal(focus.rest_markdown))
            if focus.rest_note:
                st.caption(fmt.literal(focus.rest_note))
    if focus.total:
        st.caption(A.ORDER)

view = ui.view(overview.build_view, ctx, filters)
k = view.kpis

kpi_links = attention.kpi_links(ctx, filters, k.year, k.by_status["rød"])
c1, c2, c3, c4 = st.columns(4)
c1.metric(T["kpi_initiatives"], fmt.number(k.total))
c1.markdown(A.LINK_TABLE)
c2.metric(
    T["kpi_red"], fmt.number(k.by_status["rød"]),
    help=", ".join(f"{texts.STATUS_LABELS[s]}: {fmt.number(n)}" for s, n in k.by_status.items()),
)
link_under(c2, kpi_links["red"], A.LINK_RED)
c3.metric(T["kpi_overdue"], fmt.number(k.overdue_count),
          help=T["kpi_overdue_help"].format(today=fmt.date(ctx.today)))
link_under(c3, kpi_links["overdue"], A.LINK_OVERDUE)
c4.metric(T["kpi_due_30"], fmt.number(k.due_soon_count),
          help=T["kpi_due_help"].format(today=fmt.date(ctx.today), until=fmt.date(k.due_until)))
link_under(c4, kpi_links["due_soon"], A.LINK_DUE_SOON)

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
link_under(m1, kpi_links["budget"], A.LINK_BUDGET)
link_under(m2, kpi_links["budget"], A.LINK_BUDGET)
link_under(m3, kpi_links["budget"], A.LINK_OVER_BUDGET if k.over_budget_count else A.LINK_BUDGET)

# Decidim (portfolio/present/decidim.py): how many of the shown initiatives have results citizens can follow there
platform = ui.view(decidim.build_overview_figure, ctx, filters)  # built once per snapshot and filters
if platform.shown:
    d1, _, _ = st.columns(3)
    d1.metric(D.KPI, fmt.literal(platform.value), help=fmt.literal(platform.help))

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
    st.table(tables.literal_table(view.phase_table), hide_index=True, alt=T["chart_table"])

st.header(T["status_table"], anchor=A.STATUS_TABLE_ANCHOR)
table, total = view.status_table, view.status_total
shown = len(table)
st.caption(T["status_table_capped"].format(shown=fmt.number(shown), count=fmt.number(total)) if total > shown
           else T["status_table_caption"].format(count=fmt.number(total)))
tables.dataframe(
    table, overview.status_table_columns(), key="status_table", hide_index=True, width="stretch",
    height="content" if total <= 25 else 720, placeholder="–",
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
    st.table(tables.literal_table(trend_view.table), hide_index=True, alt=trend_texts.TABLE,
             height="content" if len(trend_view.table) <= 12 else 420)

# The status paper for a KDL meeting (portfolio/present/meeting_pack.py): made only when pressed,
# with this page's snapshot, filters and comparison snapshot as «Siden sist»
st.header(MP.DOWNLOAD["heading"])
st.caption(MP.DOWNLOAD["help"])
st.download_button(
    MP.DOWNLOAD["button"], icon=":material/download:", mime="application/pdf", key="meeting_pack",
    data=lambda: pdf.render(meeting_pack.build(ctx, filters, meeting_pack.since_snapshot(ctx, compare_id))),
    file_name=meeting_pack.file_name(ctx), on_click="ignore",
)

if filters.is_empty:  # the first filter change finds the initiatives' versions built (portfolio/web/ahead.py)
    ahead.versions(ctx)
