"""Økonomi: budget, actual and forecast by year, kommunalområde and initiative."""

import streamlit as st

from portfolio import fmt
from portfolio.present import budget
from portfolio.texts import budget as T
from portfolio.web import auth, tables, ui

auth.require(auth.VIEWER)
ctx = ui.snapshot_context()
st.title(T.TITLE)
st.caption(T.INTRO + " " + fmt.literal(ui.snapshot_caption(ctx)))

filters = ui.filter_widgets(ctx)
years = budget.by_year(ctx, filters)
year_options = [int(y) for y in years["year"]]
if not year_options:
    st.warning(T.NO_BUDGETS)
    st.stop()
with st.sidebar:
    year = ui.url_selectbox(
        T.YEAR_PICKER, year_options, key=budget.YEAR_KEY, url_key=budget.URL_YEAR,
        default=budget.default_year(ctx, year_options), parse=int, help=T.YEAR_PICKER_HELP,
    )

view = ui.view(budget.build_view, ctx, filters, year)  # built once per snapshot, filters and year
figures = view.figures
c1, c2, c3 = st.columns(3)
c1.metric(fmt.markdown(T.KPI_BUDGET, year=year), fmt.kr(figures.budget_nok))
c2.metric(
    fmt.markdown(T.KPI_ACTUAL, year=year), fmt.kr(figures.actual_nok),
    delta=T.KPI_ACTUAL_SHARE.format(share=fmt.percent(figures.actual_share)) if figures.actual_share is not None else None,
    delta_color="off", delta_arrow="off",
)
c3.metric(fmt.markdown(T.KPI_FORECAST, year=year), fmt.kr(figures.forecast_nok))
d1, d2, _ = st.columns(3)
d1.metric(
    fmt.markdown(T.KPI_DEVIATION, year=year), fmt.signed_kr(figures.forecast_deviation_nok),
    delta=fmt.signed_percent(figures.forecast_deviation_share), delta_color="off", delta_arrow="off",
    help=fmt.markdown(T.KPI_DEVIATION_HELP, year=year),
)
d2.metric(fmt.markdown(T.KPI_OVER, year=year), fmt.number(figures.over_count),
          help=fmt.markdown(T.KPI_OVER_HELP, year=year))
st.caption(T.FORECAST_NOTE)

st.header(T.BY_YEAR, anchor=False)
st.write(fmt.literal(view.years_takeaway))
ui.vega(view.years_chart)
st.markdown(f"**{T.TABLE_YEARS}**")
tables.dataframe(budget.year_table(view.years), budget.year_columns(), key="budget_years", hide_index=True,
                 width="stretch")
ui.download_buttons(lambda: budget.year_rows(years), basename=f"{T.EXPORT_YEARS}-{ctx.meta.created.date().isoformat()}",
                    sheet_name=T.SHEET_YEARS)

st.header(fmt.markdown(T.BY_AREA, year=year), anchor=False)
st.write(fmt.literal(view.areas_takeaway))
ui.vega(view.areas_chart)
if view.area_count > view.areas_chart_rows:
    st.caption(T.CHART_TOP_CAPTION.format(shown=fmt.number(view.areas_chart_rows)))
st.caption(T.AREAS_CAPTION.format(shown=fmt.number(len(view.areas)), count=fmt.number(view.area_count)))
tables.dataframe(budget.area_table(view.areas), budget.area_columns(), key="budget_areas", hide_index=True,
                 width="stretch", height="content" if len(view.areas) <= 25 else 600)
ui.download_buttons(
    lambda: budget.area_rows(budget.by_area(ctx, filters, year, row_limit=max(view.area_count, 1))),
    basename=f"{T.EXPORT_AREAS}-{year}-{ctx.meta.created.date().isoformat()}", sheet_name=T.SHEET_AREAS,
)

st.header(fmt.markdown(T.BY_INITIATIVE, year=year), anchor=False)
count = view.initiative_count
st.caption(fmt.markdown(T.INITIATIVES_CAPTION, shown=fmt.number(len(view.initiatives)), count=fmt.number(count),
                        year=year))
tables.dataframe(
    budget.initiative_table(view.initiatives), budget.initiative_columns(), key="budget_initiatives",
    hide_index=True, width="stretch", height="content" if len(view.initiatives) <= 25 else 720,
)
ui.download_buttons(
    lambda: budget.initiative_rows(ctx, budget.by_initiative(ctx, filters, year, row_limit=max(count, 1)),
                                   with_links=False),
    basename=f"{T.EXPORT_INITIATIVES}-{year}-{ctx.meta.created.date().isoformat()}", sheet_name=T.SHEET_INITIATIVES,
)
