"""Styring: decisions, decision points with their checklists, risks and benefits."""

import streamlit as st

from portfolio import fmt
from portfolio.present import governance, governance_tables
from portfolio.texts import governance as T
from portfolio.web import auth, tables, ui

auth.require(auth.VIEWER)
ctx = ui.snapshot_context()
st.title(T.TITLE)
st.caption(T.INTRO + " " + fmt.literal(ui.snapshot_caption(ctx)))

filters = ui.filter_widgets(ctx)
view = ui.view(governance.build_view, ctx, filters)  # built once per snapshot and filters
figures = view.figures
day = ctx.meta.created.date().isoformat()


def height(rows) -> str | int:
    return "content" if len(rows) <= 25 else 720


c1, c2, c3, c4 = st.columns(4)
c1.metric(T.KPI_DECISIONS, fmt.number(figures.decision_count),
          help=T.KPI_DECISIONS_HELP.format(date=fmt.date(figures.latest_decided_on)) if figures.decision_count
          else T.KPI_DECISIONS_HELP_NONE)
c2.metric(T.KPI_OVERDUE, fmt.number(view.overdue_count), help=T.KPI_OVERDUE_HELP.format(today=fmt.date(ctx.today)))
c3.metric(T.KPI_RISKS, fmt.number(figures.open_risk_count), help=T.KPI_RISKS_HELP,
          delta=T.KPI_HIGH_RISKS.format(count=fmt.number(figures.high_risk_count), low=int(governance.HIGH_SCORE)),
          delta_color="off", delta_arrow="off")
c4.metric(T.KPI_BENEFITS, T.KPI_BENEFITS_VALUE.format(measured=fmt.number(figures.measured_count),
                                                      count=fmt.number(figures.benefit_count)),
          help=T.KPI_BENEFITS_HELP.format(qualitative=fmt.number(figures.qualitative_count)))

# -- the decision log ----------------------------------------------------------------------------
st.header(T.DECISIONS, anchor=False)
if figures.decision_count == 0:
    st.write(T.DECISIONS_NONE)
else:
    left, right = st.columns(2)
    with left:
        bodies = ui.url_multiselect(T.FILTER_BODY, governance.BODIES, "governance_body", governance.URL_BODY,
                                    format_func=T.BODY_LABELS.get)
        search = st.text_input(T.FILTER_SEARCH, key="governance_search", placeholder=T.FILTER_SEARCH_PLACEHOLDER,
                               help=T.FILTER_SEARCH_HELP)
    with right:
        points = ui.url_multiselect(T.FILTER_DECISION_POINT, governance.DECISION_POINT_CHOICES,
                                    "governance_decision_point", governance.URL_DECISION_POINT,
                                    format_func=governance.decision_point_label)
        first, last = figures.first_decided_on, max(figures.latest_decided_on, ctx.today)
        period = st.date_input(T.FILTER_PERIOD, value=(first, figures.latest_decided_on), min_value=first,
                               max_value=last, format="DD.MM.YYYY", help=T.FILTER_PERIOD_HELP)
    chosen = governance.DecisionFilter(
        bodies=tuple(bodies), decision_points=tuple(points), search=search.strip(),
        start=period[0] if len(period) > 0 else None, end=period[1] if len(period) > 1 else None,
    )
    log = ui.view(governance.decision_log, ctx, filters, chosen)
    if log.total == 0:
        st.write(T.DECISIONS_NONE_MATCH)
    else:
        st.caption(T.DECISIONS_CAPTION.format(shown=fmt.number(len(log.rows)), count=fmt.number(log.total)))
        tables.dataframe(log.rows, governance_tables.decision_columns(), key="governance_decisions", hide_index=True,
                         width="stretch", height=height(log.rows), placeholder=T.EMPTY)
        ui.download_buttons(lambda: governance.decision_export(ctx, filters, chosen),
                            basename=f"{T.EXPORT_DECISIONS}-{day}", sheet_name=T.SHEET_DECISIONS)

# -- decision points -----------------------------------------------------------------------------
st.header(T.DECISION_POINTS, anchor=False)
if not view.has_points:
    st.write(T.DECISION_POINTS_NONE)
else:
    st.caption(T.DECISION_POINTS_INTRO)
    st.markdown(f"**{T.SUMMARY_TABLE}**")
    tables.dataframe(view.point_summary, governance_tables.summary_columns(), key="governance_point_summary",
                     hide_index=True, width="stretch", placeholder=T.EMPTY)
    point = ui.url_selectbox(
        T.DECISION_POINT_PICKER, list(governance.POINT_LIST_CHOICES), key=governance.POINT_LIST_KEY,
        url_key=governance.URL_POINT_LIST, default=governance.ALL_POINTS, default_in_url=False,
        format_func=lambda value: T.DECISION_POINT_ALL if value == governance.ALL_POINTS else value,
    )
    chosen_point = None if point == governance.ALL_POINTS else point
    listed = ui.view(governance.decision_point_list, ctx, filters, chosen_point)
    if listed.total == 0:
        st.write(T.DECISION_POINT_ROWS_NONE)
    else:
        st.caption(T.DECISION_POINT_ROWS_CAPTION.format(shown=fmt.number(len(listed.rows)),
                                                        count=fmt.number(listed.total)))
        tables.dataframe(listed.rows, governance_tables.decision_point_columns(), key="governance_points",
                         hide_index=True, width="stretch", height=height(listed.rows), placeholder=T.EMPTY)
        ui.download_buttons(lambda: governance.decision_point_export(ctx, filters, chosen_point),
                            basename=f"{T.EXPORT_DECISION_POINTS}-{day}", sheet_name=T.SHEET_DECISION_POINTS)

# -- risks -----------------------------------------------------------------------------------------
st.header(T.RISKS, anchor=False)
matrix = view.matrix
if matrix.count == 0:
    st.write(T.RISKS_NONE)
else:
    st.write(fmt.literal(matrix.takeaway))
    ui.vega(matrix.chart)
    st.markdown(f"**{T.RISK_MATRIX_TABLE}**")
    st.caption(T.RISK_MATRIX_TABLE_CAPTION)
    tables.dataframe(matrix.table, governance_tables.matrix_columns(matrix.table), key="governance_matrix_table",
                     hide_index=True, width="stretch")
    cell = ui.url_selectbox(
        T.CELL_PICKER, list(matrix.cells), key=governance.CELL_KEY, url_key=governance.URL_CELL,
        default=view.default_cell, default_in_url=False, format_func=matrix.cells.get, help=T.CELL_PICKER_HELP,
    )
    if cell:
        in_cell = ui.view(governance.cell_risks, ctx, filters, cell)
        st.caption(T.CELL_CAPTION.format(shown=fmt.number(len(in_cell.rows)), count=fmt.number(in_cell.total)))
        tables.dataframe(in_cell.rows, governance_tables.risk_columns(), key="governance_cell_risks",
                         hide_index=True, width="stretch", height=height(in_cell.rows), placeholder=T.EMPTY)
    st.subheader(T.TOP_RISKS, anchor=False)
    top = view.top_risks
    st.caption(T.TOP_RISKS_CAPTION.format(shown=fmt.number(len(top.rows)), count=fmt.number(top.total)))
    tables.dataframe(top.rows, governance_tables.risk_columns(), key="governance_top_risks", hide_index=True,
                     width="stretch", height=height(top.rows), placeholder=T.EMPTY)
    ui.download_buttons(lambda: governance.risk_export(ctx, filters), basename=f"{T.EXPORT_RISKS}-{day}",
                        sheet_name=T.SHEET_RISKS)

# -- benefits ----------------------------------------------------------------------------------------
st.header(T.BENEFITS, anchor=False)
found = view.benefits
if found.count == 0 and found.qualitative_count == 0:
    st.write(T.BENEFITS_NONE)
if found.count:
    st.caption(T.BENEFITS_INTRO)
    st.write(fmt.literal(found.takeaway))
    if found.chart is not None:
        ui.vega(found.chart)
        st.caption(T.BENEFITS_CHART_CAPTION.format(shown=fmt.number(found.chart_rows)))
    st.caption(T.BENEFITS_CAPTION.format(shown=fmt.number(len(found.table)), count=fmt.number(found.count)))
    tables.dataframe(found.table, governance_tables.benefit_columns(), key="governance_benefits", hide_index=True,
                     width="stretch", height=height(found.table), placeholder=T.EMPTY)
    ui.download_buttons(lambda: governance.benefit_export(ctx, filters), basename=f"{T.EXPORT_BENEFITS}-{day}",
                        sheet_name=T.SHEET_BENEFITS)
if found.qualitative_count:
    st.subheader(T.QUALITATIVE, anchor=False)
    st.caption(T.QUALITATIVE_CAPTION.format(shown=fmt.number(found.qualitative_shown),
                                            count=fmt.number(found.qualitative_count)))
    st.markdown(fmt.literal(found.qualitative))
