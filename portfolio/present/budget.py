"""What the budget page ("Økonomi") shows: budget, actual and forecast by
year, by kommunalområde and by initiative, with deviations, computed from the
named queries. Programme rows roll up the initiatives under them (in SQL).
"""

from __future__ import annotations

import dataclasses

import pandas as pd
from pandas.io.formats.style import Styler

from portfolio import fmt, texts
from portfolio.present import charts, links
from portfolio.present.columns import ASSESSMENT_PX, DEVIATION_PX, MONEY_PX, SHARE_PX, Columns
from portfolio.present.links import TABLE_ROWS
from portfolio.query import runner as queries
from portfolio.query.context import SnapshotContext, query
from portfolio.texts import budget as T

URL_YEAR = "year"
YEAR_KEY = "budget_year"
ROW_LIMIT = TABLE_ROWS
CHART_ROWS = 15

AMOUNTS = [T.COL_BUDGET, T.COL_ACTUAL, T.COL_FORECAST]
DEVIATIONS = [T.COL_FORECAST_DEVIATION, T.COL_ACTUAL_DEVIATION]
SHARES = [T.COL_FORECAST_DEVIATION_SHARE, T.COL_ACTUAL_DEVIATION_SHARE]
# The assessment as a word on a tint: over budget as red
ASSESSMENT_TINTS = {
    T.DIRECTIONS["over"]: charts.STATUS_TINTS["Rød"],
    T.DIRECTIONS["under"]: charts.STATUS_TINTS["Ikke vurdert"],
}


def by_year(ctx: SnapshotContext, filters: queries.Filters) -> pd.DataFrame:
    return query(ctx, "budget_by_year", filters=filters.as_param())


def default_year(ctx: SnapshotContext, years: list[int]) -> int | None:
    """The year of the page's today when it has budget rows, else the latest year."""
    if not years:
        return None
    return ctx.today.year if ctx.today.year in years else max(years)


def by_area(ctx: SnapshotContext, filters: queries.Filters, year: int, row_limit: int = ROW_LIMIT) -> pd.DataFrame:
    return query(ctx, "budget_by_area", filters=filters.as_param(), year=year, row_limit=row_limit)


def by_initiative(ctx: SnapshotContext, filters: queries.Filters, year: int,
                  row_limit: int = ROW_LIMIT) -> pd.DataFrame:
    return query(ctx, "budget_by_initiative", filters=filters.as_param(), year=year, row_limit=row_limit)


def total_count(rows: pd.DataFrame) -> int:
    return int(rows["total_count"].iloc[0]) if len(rows) else 0


# -- key figures ------------------------------------------------------------------

@dataclasses.dataclass(frozen=True)
class YearFigures:
    year: int
    budget_nok: int
    actual_nok: int
    forecast_nok: int
    forecast_deviation_nok: int
    forecast_deviation_share: float | None
    actual_share: float | None
    over_count: int
    initiative_count: int


def year_figures(years: pd.DataFrame, year: int) -> YearFigures | None:
    row = years[years["year"] == year]
    if row.empty:
        return None
    r = row.iloc[0]
    share = r["forecast_deviation_share"]
    budget = int(r["budget_nok"])
    return YearFigures(
        year=year, budget_nok=budget, actual_nok=int(r["actual_nok"]), forecast_nok=int(r["forecast_nok"]),
        forecast_deviation_nok=int(r["forecast_deviation_nok"]),
        forecast_deviation_share=None if pd.isna(share) else float(share),
        actual_share=int(r["actual_nok"]) / budget if budget else None,
        over_count=int(r["forecast_over_budget_count"]), initiative_count=int(r["initiative_count"]),
    )


def years_takeaway(figures: YearFigures | None, year: int) -> fmt.Markdown:
    """The year chart's one sentence (Markdown; the chart's description is its plain text)."""
    if figures is None:
        return fmt.markdown(T.TAKEAWAY_NO_YEAR, year=year)
    actual_share = fmt.percent(figures.actual_share)
    if figures.forecast_deviation_nok == 0:
        return fmt.markdown(T.TAKEAWAY_YEARS_EQUAL, year=year, actual_share=actual_share)
    return fmt.markdown(
        T.TAKEAWAY_YEARS, year=year, amount=fmt.kr(abs(figures.forecast_deviation_nok)),
        direction=T.DIRECTION_OVER if figures.forecast_deviation_nok > 0 else T.DIRECTION_UNDER,
        share=fmt.signed_percent(figures.forecast_deviation_share), actual_share=actual_share,
    )


# -- tables ---------------------------------------------------------------------------

def _direction(deviation: pd.Series) -> pd.Series:
    return deviation.map(lambda v: T.DIRECTIONS["over"] if v > 0 else T.DIRECTIONS["under"])


def _money_columns(rows: pd.DataFrame, deviation_first: bool = False) -> dict[str, pd.Series]:
    """The amounts and deviations with Norwegian headers; with
    `deviation_first` the forecast's deviation and the assessment come first
    (the tables that answer "where are we over budget")."""
    amounts = {
        T.COL_BUDGET: rows["budget_nok"],
        T.COL_ACTUAL: rows["actual_nok"],
        T.COL_FORECAST: rows["forecast_nok"],
    }
    forecast = {
        T.COL_FORECAST_DEVIATION: rows["forecast_deviation_nok"],
        T.COL_FORECAST_DEVIATION_SHARE: rows["forecast_deviation_share"],
        T.COL_ASSESSMENT: _direction(rows["forecast_deviation_nok"]),
    }
    actual = {
        T.COL_ACTUAL_DEVIATION: rows["actual_deviation_nok"],
        T.COL_ACTUAL_DEVIATION_SHARE: rows["actual_deviation_share"],
    }
    return {**forecast, **amounts, **actual} if deviation_first else {**amounts, **forecast, **actual}


def _styled(display: pd.DataFrame) -> Styler:
    """Amounts in Norwegian kroner (Babel), deviations with their sign, shares
    as signed percentages. Status and assessment words are drawn by
    `table_columns` (column configuration), not by the Styler."""
    display = fmt.as_text(display, {column: fmt.signed_percent for column in SHARES})
    return (
        display.style.hide(axis="index")
        .format(fmt.kr, subset=AMOUNTS)
        .format(fmt.signed_kr, subset=DEVIATIONS)
    )


def table_columns(links_text: dict[str, str] | None = None) -> Columns:
    """How the money tables' columns are drawn (`links_text`: link column → link text)."""
    return Columns(
        statuses=(T.COL_STATUS_BUDGET,), right=tuple(SHARES),
        tinted={T.COL_ASSESSMENT: ASSESSMENT_TINTS}, links=links_text or {},
        widths={**dict.fromkeys(AMOUNTS, MONEY_PX), **dict.fromkeys(DEVIATIONS, DEVIATION_PX),
                **dict.fromkeys(SHARES, SHARE_PX), T.COL_ASSESSMENT: ASSESSMENT_PX},
    )


# Behind «Vis alle kolonner» in the tables by year and by area: the actual's
# deviation (the forecast's is the one to act on) and the counts.
_YEAR_AND_AREA_EXTRA = (T.COL_ACTUAL_DEVIATION, T.COL_ACTUAL_DEVIATION_SHARE, T.COL_INITIATIVE_COUNT,
                        T.COL_OVER_COUNT)


def year_columns() -> Columns:
    """By year: on a phone the year with its budget and actual; on a laptop
    also the forecast, its deviation and the assessment."""
    return table_columns().merged(Columns(
        essential=(T.COL_YEAR, T.COL_BUDGET, T.COL_ACTUAL), extra=_YEAR_AND_AREA_EXTRA,
        widths={T.COL_YEAR: 60},
    ))


def area_columns() -> Columns:
    """By kommunalområde: on a phone each area with its assessment (over or
    within budget); on a laptop also the forecast's deviation and the amounts."""
    return table_columns().merged(Columns(
        essential=(T.COL_AREA, T.COL_ASSESSMENT), extra=_YEAR_AND_AREA_EXTRA,
        widths={T.COL_AREA: 185},
    ))


def initiative_columns() -> Columns:
    """By initiative: on a phone each initiative with its assessment; on a
    laptop also the forecast's deviation in kroner, the amounts and the link;
    the deviations in per cent, the economy status, scope, programme and owner
    behind «Vis alle kolonner»."""
    return table_columns({T.COL_LINK: T.LINK_TEXT}).merged(Columns(
        wide=(T.COL_INITIATIVE,), pinned=(T.COL_INITIATIVE,),
        essential=(T.COL_INITIATIVE, T.COL_ASSESSMENT),
        extra=(T.COL_FORECAST_DEVIATION_SHARE, T.COL_ACTUAL_DEVIATION, T.COL_ACTUAL_DEVIATION_SHARE,
               T.COL_STATUS_BUDGET, T.COL_SCOPE, T.COL_PROGRAMME, T.COL_AREA),
        widths={T.COL_INITIATIVE: 185},
    ))


def year_rows(years: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(
        {
            T.COL_YEAR: years["year"].astype(int).astype(str),
            **_money_columns(years),
            T.COL_INITIATIVE_COUNT: years["initiative_count"].astype(int),
            T.COL_OVER_COUNT: years["forecast_over_budget_count"].astype(int),
        }
    ).reset_index(drop=True)


def year_table(display: pd.DataFrame) -> Styler:
    """`year_rows` styled for st.dataframe."""
    return _styled(display).format(fmt.number, subset=[T.COL_INITIATIVE_COUNT, T.COL_OVER_COUNT])


def area_rows(rows: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(
        {
            T.COL_AREA: rows["owner_area"],
            **_money_columns(rows, deviation_first=True),
            T.COL_INITIATIVE_COUNT: rows["initiative_count"].astype(int),
            T.COL_OVER_COUNT: rows["forecast_over_budget_count"].astype(int),
        }
    ).reset_index(drop=True)


def area_table(display: pd.DataFrame) -> Styler:
    """`area_rows` styled for st.dataframe."""
    return _styled(display).format(fmt.number, subset=[T.COL_INITIATIVE_COUNT, T.COL_OVER_COUNT])


def initiative_rows(ctx: SnapshotContext, rows: pd.DataFrame, with_links: bool = True) -> pd.DataFrame:
    """One row per initiative; a programme's row includes everything under it
    (the scope column says so). With a link column to the initiative's page
    unless `with_links` is false (the export)."""
    scope = rows["descendant_count"].map(
        lambda n: T.SCOPE_PROGRAMME.format(count=fmt.number(n)) if n else T.SCOPE_OWN
    )
    columns = {T.COL_INITIATIVE: rows["name"], **_money_columns(rows, deviation_first=True)}
    columns.update({
        T.COL_STATUS_BUDGET: rows["status_budget"].map(texts.STATUS_LABELS),
        T.COL_SCOPE: scope,
        T.COL_PROGRAMME: rows["programme_name"].fillna("–"),
        T.COL_AREA: rows["owner_area"],
    })
    if with_links:
        columns[T.COL_LINK] = links.initiative_column(ctx, rows["initiative_id"])
    return pd.DataFrame(columns).reset_index(drop=True)


def initiative_table(display: pd.DataFrame) -> Styler:
    """`initiative_rows` styled for st.dataframe."""
    return _styled(display)


# -- charts -----------------------------------------------------------------------------

def years_chart_data(years: pd.DataFrame) -> pd.DataFrame:
    """The per-year sums (already aggregated in SQL) in long form, one row per measure."""
    long = years.melt(id_vars=["year"], value_vars=list(T.MEASURES), var_name="measure", value_name="amount_nok")
    return long.assign(
        year=long["year"].astype(int).astype(str),
        measure_label=long["measure"].map(T.MEASURES),
        measure_order=long["measure"].map({m: i for i, m in enumerate(T.MEASURES)}),
    )


def areas_chart_data(areas: pd.DataFrame, limit: int = CHART_ROWS) -> pd.DataFrame:
    """The areas with the largest deviation in kr (over or under), largest overrun on top."""
    top = areas.reindex(areas["forecast_deviation_nok"].abs().sort_values(ascending=False, kind="stable").index).head(limit)
    top = top.sort_values("forecast_deviation_nok", ascending=False, kind="stable")
    direction = top["forecast_deviation_nok"].map(lambda v: "over" if v > 0 else "under")
    return pd.DataFrame(
        {
            "label": top["owner_area"],
            "deviation_nok": top["forecast_deviation_nok"],
            "direction": direction,
            "direction_label": direction.map(T.DIRECTIONS),
        }
    ).reset_index(drop=True)


def areas_takeaway(areas: pd.DataFrame, year: int) -> fmt.Markdown:
    """The area chart's one sentence, naming an area (data: made literal)."""
    over = areas[areas["forecast_deviation_nok"] > 0]
    if over.empty:
        return fmt.markdown(T.TAKEAWAY_AREAS_NONE, year=year)
    top = over.iloc[0]  # the query orders by forecast deviation, largest first
    return fmt.markdown(
        T.TAKEAWAY_AREAS, name=top["owner_area"], year=year, amount=fmt.kr(top["forecast_deviation_nok"]),
        share=fmt.signed_percent(top["forecast_deviation_share"]),
    )


# -- the page, built once ---------------------------------------------------------------

@dataclasses.dataclass(frozen=True)
class View:
    """Everything the budget page draws for one snapshot, set of filters and year."""

    figures: YearFigures | None
    years_takeaway: fmt.Markdown
    years_chart: dict  # Vega-Lite spec
    years: pd.DataFrame  # year_rows
    area_count: int
    areas_takeaway: fmt.Markdown
    areas_chart: dict
    areas_chart_rows: int
    areas: pd.DataFrame  # area_rows, capped
    initiative_count: int
    initiatives: pd.DataFrame  # initiative_rows, capped


def build_view(ctx: SnapshotContext, filters: queries.Filters, year: int) -> View:
    """Use through `ui.view(build_view, ctx, filters, year)`: built once per
    snapshot, filters and year."""
    years = by_year(ctx, filters)
    figures = year_figures(years, year)
    takeaway = years_takeaway(figures, year)
    areas = by_area(ctx, filters, year)
    area_takeaway = areas_takeaway(areas, year)
    chart_data = areas_chart_data(areas)
    rows = by_initiative(ctx, filters, year)
    return View(
        figures=figures,
        years_takeaway=takeaway,
        years_chart=charts.spec(charts.money_by_year_bars(years_chart_data(years), fmt.plain(takeaway))),
        years=year_rows(years),
        area_count=total_count(areas),
        areas_takeaway=area_takeaway,
        areas_chart=charts.spec(charts.deviation_bars(chart_data, fmt.plain(area_takeaway), T.CHART_AREAS_TITLE,
                                                        T.COL_AREA)),
        areas_chart_rows=len(chart_data),
        areas=area_rows(areas),
        initiative_count=total_count(rows),
        initiatives=initiative_rows(ctx, rows),
    )
