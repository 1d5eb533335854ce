"""What the collaboration page («Samhandling») shows: which citizen groups
and focus areas the active initiatives reach, and where they do not (gaps,
in words), by kommunalområde too; and the network of who works with whom
(portfolio.present.collaboration_network). Everything is counted in the
named queries (queries/collaboration_*.sql); the heatmaps are drawn in
portfolio.present.collaboration_charts.

"Active in a year": the initiative runs some of the year (started by its
end, not ended before it began; the `active_initiatives` macro). The
coverage leaves programmes out (they reach what their initiatives reach);
the network counts them (a programme is itself work done together).

Each section of the page has its own builder, used through `ui.view` (built
once per snapshot, filters and year): `coverage_view`, `network_view`; a
section added later adds its own.
"""

from __future__ import annotations

import dataclasses
import math

import pandas as pd

from portfolio import fmt, texts
from portfolio.model import schema
from portfolio.present import charts, links
from portfolio.present import collaboration_charts as ccharts
from portfolio.present import collaboration_network as network
from portfolio.present.columns import MONEY_PX, OVERALL_STATUS_PX, PHASE_PX, Columns
from portfolio.present.governance_query import Table, total
from portfolio.query import runner as queries
from portfolio.query.context import SnapshotContext
from portfolio.texts import collaboration as T

ROW_LIMIT = links.TABLE_ROWS
AREA_ROWS = 15  # kommunalområder in the area matrix: those with most active initiatives
GAPS_SHOWN = 8  # gap sentences shown at once; the rest behind «Vis alle»
GROUPS, FOCUS_AREAS = schema.TARGET_GROUPS, schema.FOCUS_AREAS

# URL parameters and widget keys of the page
URL_YEAR, YEAR_KEY = "year", "collaboration_year"
URL_GROUP_CELL, GROUP_CELL_KEY = "cell", "collaboration_group_cell"
URL_AREA_CELL, AREA_CELL_KEY = "area_cell", "collaboration_area_cell"
MATRIX_GROUPS, MATRIX_AREAS = "groups", "areas"


def params(filters: queries.Filters, year: int, **extra) -> dict:
    """Every parameter the collaboration queries take, with their defaults
    (SnapshotContext.query passes each query only the ones it uses)."""
    return {"filters": filters.as_param(), "year": year, "target_group_list": list(GROUPS),
            "focus_area_list": list(FOCUS_AREAS), "row_limit": ROW_LIMIT, "target_group": None,
            "focus_area": None, "area": None,
            # the engagements and scores (collaboration_engagements.py, collaboration_surveys.py)
            "kind_list": list(schema.ENGAGEMENT_KINDS), "participant_column_list": list(schema.PARTICIPANT_COLUMNS),
            "min_respondents": schema.MIN_RESPONDENTS, "initiative_id": None, **extra}


def year_options(ctx: SnapshotContext, filters: queries.Filters) -> list[int]:
    """The years to choose: those with budget rows for the filtered initiatives, and this year."""
    years = ctx.query("budget_by_year", filters=filters.as_param())
    return sorted({*(int(y) for y in years["year"]), ctx.today.year})


def default_year(ctx: SnapshotContext) -> int:
    return ctx.today.year


# -- the coverage matrices -------------------------------------------------------------------------

def levels(max_count: int) -> list[tuple[int, int]]:
    """The heatmaps' levels above a gap: up to three equal ranges of counts from 1 to `max_count`."""
    if max_count <= 0:
        return []
    step = math.ceil(max_count / 3)
    found = [(low, min(low + step - 1, max_count)) for low in range(1, max_count + 1, step)]
    return found[:3]


def level_label(low: int, high: int) -> str:
    return T.LEVEL_ONE.format(low=fmt.number(low)) if low == high else T.LEVEL_RANGE.format(
        low=fmt.number(low), high=fmt.number(high))


def level_of(count: int, ranges: list[tuple[int, int]]) -> str:
    if count <= 0:
        return T.LEVEL_GAP
    return next(level_label(low, high) for low, high in ranges if low <= count <= high)


AXIS_LINE = 22  # characters on a line of an axis label (about the width of a column of five)


def group_axis(group: str) -> str:
    """A target group's name for an axis label, in lines of at most
    AXIS_LINE characters where the words allow ("|": collaboration_charts
    breaks the label there)."""
    lines: list[str] = []
    for word in group.split():
        if lines and len(lines[-1]) + 1 + len(word) <= AXIS_LINE:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return "|".join(lines)


def chart_cells(cells: pd.DataFrame, year: int) -> tuple[pd.DataFrame, list[str]]:
    """The heatmap's rows: each cell's level and the two lines written in it."""
    ranges = levels(int(cells["initiative_count"].max()) if len(cells) else 0)
    counts = cells["initiative_count"].astype(int)
    budgets = cells["budget_nok"].astype(int)
    data = cells.assign(
        level_label=[level_of(int(c), ranges) for c in counts],
        count_line=[T.CELL_COUNT.format(count=fmt.number(c)) if c else T.CELL_GAP for c in counts],
        budget_line=[fmt.kr(b) if c else T.CELL_GAP_WORD for c, b in zip(counts, budgets, strict=True)],
        budget_text=budgets.map(fmt.kr),
    )
    return data, [T.LEVEL_GAP, *(level_label(low, high) for low, high in ranges)]


def cell_text(count: int, budget: int) -> str:
    return T.TABLE_CELL.format(count=fmt.number(count), budget=fmt.kr(budget)) if count else T.TABLE_GAP


def group_cell_key(group: str, focus: str) -> str:
    return f"{GROUPS.index(group) + 1}-{focus}"


def area_cell_key(area: str, group: str) -> str:
    return f"{GROUPS.index(group) + 1}-{area}"


def parse_cell(matrix: str, key: str) -> dict:
    """The query parameters of a cell's key (a group's number, then its focus area or kommunalområde)."""
    number, rest = key.split("-", 1)
    group = GROUPS[int(number) - 1]
    return {"target_group": group, "focus_area": rest} if matrix == MATRIX_GROUPS else {
        "target_group": group, "area": rest}


@dataclasses.dataclass(frozen=True)
class Coverage:
    """One coverage matrix as the page draws it."""

    takeaway: fmt.Markdown
    chart: dict  # Vega-Lite spec
    table: pd.DataFrame  # the same cells as text, for st.table
    gaps: list[fmt.Markdown]  # one sentence per gap
    cells: dict[str, str]  # the cells with initiatives, most first: key -> label (the picker)
    gap_count: int
    cell_count: int
    shown: int = 0  # the area matrix: kommunalområder shown
    count: int = 0  # and how many there are


def groups_coverage(rows: pd.DataFrame, year: int) -> Coverage:
    """Target groups × focus areas (collaboration_groups_by_focus)."""
    rows = rows.assign(group=rows["target_group"],
                       focus_label=rows["focus_area"].map(T.FOCUS_LABELS),
                       tooltip_x=rows["focus_area"].map(T.FOCUS_LABELS), tooltip_y=rows["target_group"])
    data, level_names = chart_cells(rows, year)
    gaps_rows = rows[rows["initiative_count"] == 0]
    gaps = [fmt.markdown(T.GAP_GROUP_FOCUS, group=g, focus=T.FOCUS_WORDS[f])
            for g, f in gaps_rows[["target_group", "focus_area"]].itertuples(index=False)]
    used = rows[rows["initiative_count"] > 0].sort_values(
        ["initiative_count", "group_order", "focus_order"], ascending=[False, True, True], kind="stable")
    cells = {group_cell_key(g, f): T.CELL_OPTION_FOCUS.format(group=g, focus=T.FOCUS_LABELS[f],
                                                              count=fmt.number(int(n)))
             for g, f, n in used[["target_group", "focus_area", "initiative_count"]].itertuples(index=False)}
    if len(used):
        top = used.iloc[0]
        takeaway = fmt.markdown(T.GROUPS_TAKEAWAY if len(gaps) else T.GROUPS_TAKEAWAY_NO_GAPS,
                                gaps=fmt.number(len(gaps)), cells=fmt.number(len(rows)), year=year,
                                group=top["target_group"], focus=T.FOCUS_WORDS[top["focus_area"]],
                                count=fmt.number(int(top["initiative_count"])))
    else:
        takeaway = fmt.markdown(T.TAKEAWAY_NONE, year=year)
    chart = ccharts.coverage_heatmap(
        data, x="focus_label", x_title=T.AXIS_FOCUS, x_order=[T.FOCUS_LABELS[f] for f in FOCUS_AREAS],
        y="group", y_title=T.AXIS_GROUP, y_order=list(GROUPS), levels=level_names, title=T.GROUPS_CHART_TITLE,
        description=fmt.plain(takeaway))
    table = rows.assign(text=[cell_text(int(c), int(b)) for c, b in rows[["initiative_count", "budget_nok"]]
                              .itertuples(index=False)])
    table = table.pivot(index="target_group", columns="focus_label", values="text").reindex(
        index=list(GROUPS), columns=[T.FOCUS_LABELS[f] for f in FOCUS_AREAS])
    table.index.name, table.columns.name = T.AXIS_GROUP, None
    return Coverage(takeaway=takeaway, chart=charts.spec(chart), table=table.reset_index(), gaps=gaps, cells=cells,
                    gap_count=len(gaps), cell_count=len(rows))


def areas_coverage(rows: pd.DataFrame, year: int) -> Coverage:
    """Kommunalområder × target groups (collaboration_areas_by_group)."""
    rows = rows.assign(group_axis=rows["target_group"].map(group_axis), tooltip_x=rows["target_group"],
                       tooltip_y=rows["area"])
    areas = rows.drop_duplicates("area")["area"].tolist()
    data, level_names = chart_cells(rows, year)
    gaps = [fmt.markdown(T.GAP_AREA_GROUP, area=a, group=g)
            for a, g in rows.loc[rows["initiative_count"] == 0, ["area", "target_group"]].itertuples(index=False)]
    used = rows[rows["initiative_count"] > 0].sort_values(
        ["initiative_count", "area_order", "group_order"], ascending=[False, True, True], kind="stable")
    cells = {area_cell_key(a, g): T.CELL_OPTION_AREA.format(area=a, group=g, count=fmt.number(int(n)))
             for a, g, n in used[["area", "target_group", "initiative_count"]].itertuples(index=False)}
    if len(used):
        top = used.iloc[0]
        takeaway = fmt.markdown(T.AREAS_TAKEAWAY if len(gaps) else T.AREAS_TAKEAWAY_NO_GAPS,
                                gaps=fmt.number(len(gaps)), cells=fmt.number(len(rows)), year=year,
                                area=top["area"], group=top["target_group"],
                                count=fmt.number(int(top["initiative_count"])))
    else:
        takeaway = fmt.markdown(T.TAKEAWAY_NONE, year=year)
    chart = ccharts.coverage_heatmap(
        data, x="group_axis", x_title=T.AXIS_GROUP, x_order=[group_axis(g) for g in GROUPS], y="area",
        y_title=T.AXIS_AREA, y_order=areas, levels=level_names, title=T.AREAS_CHART_TITLE,
        description=fmt.plain(takeaway), x_labels_wrap=True)
    table = rows.assign(text=[cell_text(int(c), int(b)) for c, b in rows[["initiative_count", "budget_nok"]]
                              .itertuples(index=False)])
    wide = table.pivot(index="area", columns="target_group", values="text").reindex(index=areas,
                                                                                    columns=list(GROUPS))
    wide.insert(0, T.COL_AREA_ACTIVE, table.drop_duplicates("area").set_index("area")["active_count"]
                .reindex(areas).map(fmt.number))
    wide.index.name, wide.columns.name = T.AXIS_AREA, None
    count = int(rows["area_count"].iloc[0]) if len(rows) else 0
    return Coverage(takeaway=takeaway, chart=charts.spec(chart), table=wide.reset_index(), gaps=gaps, cells=cells,
                    gap_count=len(gaps), cell_count=len(rows), shown=len(areas), count=count)


@dataclasses.dataclass(frozen=True)
class CoverageView:
    """The coverage section for one snapshot, set of filters and year."""

    year: int
    active_count: int  # active initiatives (programmes not counted)
    without_group: fmt.Markdown | None  # how many of them are for no target group
    groups: Coverage
    areas: Coverage


def coverage_view(ctx: SnapshotContext, filters: queries.Filters, year: int) -> CoverageView:
    """Use through `ui.view(coverage_view, ctx, filters, year)`."""
    by_focus = ctx.query("collaboration_groups_by_focus", **params(filters, year))
    by_area = ctx.query("collaboration_areas_by_group", **params(filters, year, row_limit=AREA_ROWS))
    first = by_focus.iloc[0]
    without = int(first["without_group_count"])
    return CoverageView(
        year=year, active_count=int(first["active_count"]),
        without_group=None if not without else fmt.markdown(
            T.WITHOUT_GROUP_ONE if without == 1 else T.WITHOUT_GROUP, count=fmt.number(without)),
        groups=groups_coverage(by_focus, year), areas=areas_coverage(by_area, year),
    )


# -- the initiatives of a cell ------------------------------------------------------------------------

def cell_rows(ctx: SnapshotContext, rows: pd.DataFrame, year: int, with_links: bool = True) -> pd.DataFrame:
    columns = {T.COL_INITIATIVE: rows["name"]}
    if with_links:
        columns[T.COL_LINK] = links.initiative_column(ctx, rows["initiative_id"])
    columns[T.COL_STATUS] = rows["status_overall"].map(texts.STATUS_LABELS)
    columns[T.COL_OWNER_AREA] = rows["owner_area"]
    columns[T.COL_COLLABORATING] = rows["collaborating_areas"].map(
        lambda areas: ", ".join(areas) if areas is not None and len(areas) else T.EMPTY)
    columns[T.COL_PHASE] = rows["phase"]
    columns[T.COL_BUDGET.format(year=year)] = rows["budget_nok"].map(fmt.kr)
    return pd.DataFrame(columns).reset_index(drop=True)


def cell_columns(year: int) -> Columns:
    """On a phone each initiative's name and status; its link, areas, phase and budget on a laptop."""
    budget = T.COL_BUDGET.format(year=year)
    return Columns(
        statuses=(T.COL_STATUS,), links={T.COL_LINK: T.LINK_TEXT}, right=(budget,),
        essential=(T.COL_INITIATIVE, T.COL_STATUS), wrap=(T.COL_INITIATIVE, T.COL_COLLABORATING),
        widths={T.COL_INITIATIVE: 200, T.COL_STATUS: OVERALL_STATUS_PX, T.COL_OWNER_AREA: 150,
                T.COL_COLLABORATING: 170, T.COL_PHASE: PHASE_PX, budget: MONEY_PX + 15},
    )


def cell_initiatives(ctx: SnapshotContext, filters: queries.Filters, year: int, matrix: str, key: str) -> Table:
    """Use through `ui.view`: the initiatives of one cell (at most ROW_LIMIT), and how many there are."""
    rows = ctx.query("collaboration_cell_initiatives", **params(filters, year, **parse_cell(matrix, key)))
    return Table(cell_rows(ctx, rows, year), total(rows))


# -- the network ------------------------------------------------------------------------------------------

def network_view(ctx: SnapshotContext, filters: queries.Filters, year: int) -> network.Network:
    """Use through `ui.view(network_view, ctx, filters, year)`: the graph is
    computed once per snapshot, filters and year."""
    nodes = ctx.query("collaboration_nodes", **params(filters, year))
    pairs = ctx.query("collaboration_links", **params(filters, year))
    return network.build(nodes, pairs, year)


def pair_export(ctx: SnapshotContext, filters: queries.Filters, year: int) -> pd.DataFrame:
    """Every pair of the network (the download), most shared first."""
    g = network.graph(ctx.query("collaboration_nodes", **params(filters, year)),
                      ctx.query("collaboration_links", **params(filters, year)))
    return network.pair_rows(g, list(g.edges))
