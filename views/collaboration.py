"""Samhandling: which citizen groups and focus areas the initiatives reach
(and where they do not), who works with whom, the meetings with citizens and
partners (Medvirkning) and the collaboration surveys (Relasjonell kapasitet).

One function per section, each drawing what its builder in
portfolio/present/collaboration.py made (built once per snapshot, filters
and year through ui.view); a new section is a new function, called at the
end of the page."""

import streamlit as st

from portfolio import fmt
from portfolio.present import collaboration
from portfolio.present import collaboration_engagements as engagements
from portfolio.present import collaboration_network as network
from portfolio.present import collaboration_surveys as surveys
from portfolio.texts import collaboration as T
from portfolio.web import auth, tables, ui

auth.require(auth.VIEWER)
ctx = ui.snapshot_context()
st.title(T.TITLE)
st.caption(T.INTRO + " " + fmt.literal(ui.snapshot_caption(ctx)))

filters = ui.filter_widgets(ctx)
with st.sidebar:
    year = ui.url_selectbox(
        T.YEAR_PICKER, collaboration.year_options(ctx, filters), key=collaboration.YEAR_KEY,
        url_key=collaboration.URL_YEAR, default=collaboration.default_year(ctx), parse=int, default_in_url=False,
        help=T.YEAR_PICKER_HELP,
    )
day = ctx.meta.created.date().isoformat()


def height(rows) -> str | int:
    return "content" if len(rows) <= 25 else 720


def key_figures(coverage: collaboration.CoverageView, links: network.Network) -> None:
    c1, c2, c3, c4 = st.columns(4)
    c1.metric(fmt.markdown(T.KPI_ACTIVE, year=year), fmt.number(coverage.active_count),
              help=fmt.markdown(T.KPI_ACTIVE_HELP, year=year))
    c2.metric(T.KPI_GAPS, T.KPI_GAPS_VALUE.format(gaps=fmt.number(coverage.groups.gap_count),
                                                  cells=fmt.number(coverage.groups.cell_count)),
              help=fmt.markdown(T.KPI_GAPS_HELP, year=year))
    c3.metric(T.KPI_AREAS, T.KPI_AREAS_VALUE.format(linked=fmt.number(links.linked_area_count),
                                                    count=fmt.number(links.area_count)),
              help=fmt.markdown(T.KPI_AREAS_HELP, year=year))
    c4.metric(T.KPI_PARTNERS, fmt.number(links.partner_count), help=fmt.markdown(T.KPI_PARTNERS_HELP, year=year))


def gap_list(found: collaboration.Coverage) -> None:
    """One sentence per gap: the first ones shown, the rest behind «Vis alle»."""
    st.markdown(f"**{T.GAPS_HEADING.format(count=fmt.number(found.gap_count))}**")
    if not found.gaps:
        st.write(fmt.markdown(T.GAPS_NONE, year=year))
        return
    shown = collaboration.GAPS_SHOWN
    st.markdown("\n".join(f"- {fmt.literal(line)}" for line in found.gaps[:shown]))
    if len(found.gaps) > shown:
        with st.expander(T.GAPS_MORE.format(count=fmt.number(len(found.gaps)))):
            st.markdown("\n".join(f"- {fmt.literal(line)}" for line in found.gaps[shown:]))


def cell_list(found: collaboration.Coverage, matrix: str, key: str, url_key: str) -> None:
    """A picker of the cells with initiatives, and the chosen cell's initiatives (linked)."""
    if not found.cells:
        return
    cell = ui.url_selectbox(
        T.CELL_PICKER, list(found.cells), key=key, url_key=url_key, default=next(iter(found.cells)),
        default_in_url=False, format_func=found.cells.get, help=T.CELL_PICKER_HELP,
    )
    if cell:
        listed = ui.view(collaboration.cell_initiatives, ctx, filters, year, matrix, cell)
        st.caption(fmt.markdown(T.CELL_CAPTION, shown=fmt.number(len(listed.rows)), count=fmt.number(listed.total),
                                year=year))
        tables.dataframe(listed.rows, collaboration.cell_columns(year), key=f"{key}_rows", hide_index=True,
                         width="stretch", height=height(listed.rows), placeholder=T.EMPTY)


def coverage_section(coverage: collaboration.CoverageView) -> None:
    st.header(T.GROUPS_HEADING, anchor=False)
    groups = coverage.groups
    st.write(fmt.literal(groups.takeaway))
    st.caption(fmt.markdown(T.COVERAGE_CAPTION, year=year))
    ui.vega(groups.chart)
    if coverage.without_group:
        st.caption(fmt.literal(coverage.without_group))
    st.markdown(f"**{T.GROUPS_TABLE}**")
    st.table(tables.literal_table(groups.table), hide_index=True, alt=T.GROUPS_TABLE)
    gap_list(groups)
    cell_list(groups, collaboration.MATRIX_GROUPS, collaboration.GROUP_CELL_KEY, collaboration.URL_GROUP_CELL)

    st.header(T.AREAS_HEADING, anchor=False)
    areas = coverage.areas
    st.write(fmt.literal(areas.takeaway))
    if not areas.shown:
        return
    st.caption(T.AREAS_CAPTION + " " + fmt.markdown(T.COVERAGE_CAPTION, year=year))
    if areas.count > areas.shown:
        st.caption(T.AREAS_CAPPED.format(shown=fmt.number(areas.shown), count=fmt.number(areas.count)))
    ui.vega(areas.chart)
    st.markdown(f"**{T.AREAS_TABLE}**")
    st.table(tables.literal_table(areas.table), hide_index=True, alt=T.AREAS_TABLE)
    gap_list(areas)
    cell_list(areas, collaboration.MATRIX_AREAS, collaboration.AREA_CELL_KEY, collaboration.URL_AREA_CELL)


def network_section(links: network.Network) -> None:
    st.header(T.NETWORK_HEADING, anchor=False)
    st.write(fmt.literal(links.takeaway))
    st.caption(fmt.markdown(T.NETWORK_INTRO, year=year))
    if links.left_out:
        st.caption(fmt.literal(links.left_out))
    if links.chart is not None:
        ui.vega(links.chart)
    if len(links.pairs):
        st.markdown(f"**{T.PAIRS_TABLE}**")
        st.caption(T.PAIRS_CAPTION.format(shown=fmt.number(len(links.pairs)), count=fmt.number(links.pair_count)))
        tables.dataframe(links.pairs, network.pair_columns(), key="collaboration_pairs", hide_index=True,
                         width="stretch", height=height(links.pairs), placeholder=T.EMPTY)
        ui.download_buttons(lambda: collaboration.pair_export(ctx, filters, year),
                            basename=f"{T.EXPORT_PAIRS}-{year}-{day}", sheet_name=T.SHEET_PAIRS)
    if len(links.nodes):
        st.markdown(f"**{T.NODES_TABLE}**")
        tables.dataframe(links.nodes, network.node_columns(), key="collaboration_nodes", hide_index=True,
                         width="stretch", height=height(links.nodes), placeholder=T.EMPTY)


def engagements_section(found: engagements.EngagementsView) -> None:
    """Medvirkning: the year's headline, the timeline, the year per quarter, the list."""
    st.header(T.ENGAGEMENTS_HEADING, anchor=False)
    st.caption(T.ENGAGEMENTS_INTRO)
    if not found.total:
        st.write(T.ENGAGEMENTS_NONE)
        return
    st.markdown(f"**{fmt.literal(found.headline)}**")
    st.caption(fmt.markdown(T.HEADLINE_NOTE, today=fmt.date(ctx.today)))
    st.write(fmt.literal(found.description))
    if found.total > len(found.rows):
        st.caption(T.TIMELINE_CAPPED.format(shown=fmt.number(len(found.rows)), count=fmt.number(found.total)))
    ui.vega(found.chart)
    st.caption(fmt.markdown(T.TIMELINE_CAPTION, year=year))
    st.markdown(f"**{fmt.markdown(T.KIND_TABLE, year=year)}**")
    st.table(tables.literal_table(found.by_kind), hide_index=True, alt=fmt.markdown(T.KIND_TABLE, year=year))
    st.markdown(f"**{fmt.markdown(T.GROUP_TABLE, year=year)}**")
    st.caption(fmt.markdown(T.QUARTERS_CAPTION, year=year, today=fmt.date(ctx.today)))
    st.table(tables.literal_table(found.by_group), hide_index=True, alt=fmt.markdown(T.GROUP_TABLE, year=year))
    st.markdown(f"**{T.ENGAGEMENTS_TABLE}**")
    st.caption(T.ENGAGEMENTS_CAPTION.format(shown=fmt.number(len(found.rows)), count=fmt.number(found.total)))
    tables.dataframe(found.rows, engagements.engagement_columns(), key="collaboration_engagements", hide_index=True,
                     width="stretch", height=height(found.rows), placeholder=T.EMPTY)
    ui.download_buttons(lambda: engagements.engagement_export(ctx, filters, year),
                        basename=f"{T.EXPORT_ENGAGEMENTS}-{day}", sheet_name=T.SHEET_ENGAGEMENTS)


def scores_section(found: surveys.ScoresView) -> None:
    """Relasjonell kapasitet: every unit's latest survey, then one unit's scores over time."""
    st.header(T.SCORES_HEADING, anchor=False)
    st.caption(fmt.markdown(T.SCORES_INTRO, minimum=surveys.MIN_RESPONDENTS))
    if not found.series:
        st.write(T.SCORES_NONE)
        return
    st.write(fmt.literal(found.takeaway))
    st.markdown(f"**{T.UNITS_TABLE}**")
    st.caption(T.UNITS_CAPTION)
    if len(found.series) > len(found.units):
        st.caption(T.UNITS_CAPPED.format(shown=fmt.number(len(found.units)), count=fmt.number(len(found.series))))
    tables.dataframe(found.units, surveys.unit_columns(), key="collaboration_units", hide_index=True,
                     width="stretch", height=height(found.units), placeholder=T.EMPTY)
    chosen = ui.url_selectbox(
        T.SERIES_PICKER, list(found.series), key=surveys.SERIES_KEY, url_key=surveys.URL_SERIES,
        default=next(iter(found.series)), default_in_url=False, format_func=found.series.get,
        help=T.SERIES_PICKER_HELP,
    )
    series = ui.view(surveys.series_view, ctx, filters, chosen) if chosen else None
    if series is not None:
        st.caption(fmt.literal(series.caption))
        st.write(fmt.literal(series.description))
        ui.vega(series.chart)
        st.caption(T.SCORES_CHART_CAPTION)
        st.markdown(f"**{T.SCORES_TABLE}**")
        if series.capped:
            st.caption(fmt.literal(series.capped))
        st.table(tables.literal_table(series.table), hide_index=True, alt=T.SCORES_TABLE)
    ui.download_buttons(lambda: surveys.score_export(ctx, filters), basename=f"{T.EXPORT_SCORES}-{day}",
                        sheet_name=T.SHEET_SCORES)


coverage = ui.view(collaboration.coverage_view, ctx, filters, year)  # built once per snapshot, filters and year
links = ui.view(collaboration.network_view, ctx, filters, year)  # the graph, computed once likewise
key_figures(coverage, links)
if coverage.active_count == 0 and links.linked_count == 0:
    st.warning(fmt.markdown(T.NO_ACTIVE, year=year))
else:
    coverage_section(coverage)
    network_section(links)
engagements_section(ui.view(engagements.engagements_view, ctx, filters, year))  # the year's, and every year's
scores_section(ui.view(surveys.scores_view, ctx, filters))  # every survey of the filtered units
