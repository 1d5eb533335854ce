"""Altair chart builders. Charts get data already aggregated in SQL.

Every chart carries a `description` (read by screen readers), Norwegian
number and time formats, and status colours that are always paired with the
status word (legend, labels, tooltip).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Hashable

import pandas as pd

from portfolio import texts

# Fill colours of the statuses: each has at least 3:1 against the white
from portfolio.model import schema
from portfolio.present import chart_values
from portfolio.present.lazy_altair import alt

# background (WCAG 1.4.11), and each bar also has a dark outline.
STATUS_COLOURS = {
    "grønn": "#2e7d32",
    "gul": "#b58500",  # dark yellow: 3.3:1 against white, as non-text contrast needs
    "rød": "#c62828",
    "ikke vurdert": "#8a8a8a",
}
OUTLINE = "#1f1f1f"

# Status words in tables: the word on a light tint. Keys are the Norwegian
# words shown (texts.STATUS_LABELS values). portfolio/tables.py draws them in
# st.dataframe (the browser writes black on the tint); STATUS_CELL_STYLES
# colours them in the HTML tables of st.table with dark text, contrast ≥ 7:1.
STATUS_TINTS = {
    "Grønn": "#d8efd9",
    "Gul": "#fff1b8",
    "Rød": "#f8d3d1",
    "Ikke vurdert": "#ececec",
}
STATUS_TEXT = {"Grønn": "#0b3d12", "Gul": "#4a3800", "Rød": "#6d0c0c", "Ikke vurdert": "#2b2b2b"}
STATUS_CELL_STYLES = {
    word: f"background-color: {tint}; color: {STATUS_TEXT[word]}" for word, tint in STATUS_TINTS.items()
}

# d3-format and d3-time-format locales for Norwegian bokmål
NB_FORMAT_LOCALE = {
    "decimal": ",",
    "thousands": "\u00a0",
    "grouping": [3],
    "currency": ["", "\u00a0kr"],
}
NB_TIME_FORMAT_LOCALE = {
    "dateTime": "%A %e. %B %Y kl. %X",
    "date": "%d.%m.%Y",
    "time": "%H:%M:%S",
    "periods": ["AM", "PM"],
    "days": ["søndag", "mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag"],
    "shortDays": ["søn", "man", "tir", "ons", "tor", "fre", "lør"],
    "months": [
        "januar", "februar", "mars", "april", "mai", "juni",
        "juli", "august", "september", "oktober", "november", "desember",
    ],
    "shortMonths": ["jan", "feb", "mar", "apr", "mai", "jun", "jul", "aug", "sep", "okt", "nov", "des"],
}


def norwegian(chart: alt.TopLevelMixin) -> alt.TopLevelMixin:
    """Give a chart Norwegian number and date formats (Vega-Lite config.locale):
    "1 000" and "22.11.2026", month names in Norwegian."""
    return chart.configure(locale=alt.Locale(number=NB_FORMAT_LOCALE, time=NB_TIME_FORMAT_LOCALE))


def spec(chart: alt.TopLevelMixin) -> dict:
    """The chart as a Vega-Lite spec for st.vega_lite_chart, without Altair's
    schema validation on each build (tens of milliseconds a chart): every
    chart the pages draw is validated by tests/test_charts.py instead."""
    return chart.to_dict(validate=False)


def templated(chart: Callable[..., alt.TopLevelMixin], data: pd.DataFrame, description: str, *args: Hashable) -> dict:
    """`spec(chart(data, description, *args))`, made from the spec kept for
    `(chart, args)` with only the rows, their name and the description put
    in: the same dict as Altair's build, the rows' name included
    (tests/test_charts.py compares them). For charts drawn again on every
    filter change, whose Altair building of the rest (the same each time)
    took 5 ms of 7. Only for a `chart` whose spec depends on nothing of
    `data` but its rows: what else it depends on goes in `args`."""
    return templated_rows(chart, chart_values.transformer(data)["values"], description, *args)


def templated_rows(chart: Callable[..., alt.TopLevelMixin], rows: list[dict], description: str,
                   *args: Hashable) -> dict:
    """`templated` of the rows chart_values makes of the frame (`transformer`)."""
    from altair.vegalite.v6.api import _dataset_name  # the name Altair gives the rows: a hash of them

    name = _dataset_name(rows)
    return {**_template(chart, args), "description": description, "data": {"name": name}, "datasets": {name: rows}}


@functools.lru_cache(maxsize=64)
def _template(chart: Callable[..., alt.TopLevelMixin], args: tuple) -> dict:
    """`chart`'s spec for `args`, its rows and description left out."""
    made = spec(chart(pd.DataFrame(), "", *args))
    return {key: value for key, value in made.items() if key not in ("data", "datasets", "description")}


def style_statuses(frame: pd.DataFrame, columns: list[str]):
    """A Styler that tints the status words in `columns` (the word stays: status
    is never shown by colour alone). Use it with st.dataframe."""
    return frame.style.map(lambda v: STATUS_CELL_STYLES.get(v, ""), subset=columns).hide(axis="index")


def status_scale() -> alt.Scale:
    return alt.Scale(domain=list(STATUS_COLOURS), range=list(STATUS_COLOURS.values()))


def phase_status_bars(counts: pd.DataFrame, description: str) -> alt.Chart:
    """Horizontal stacked bars: initiatives per phase, split by overall status.

    `counts` has columns phase, status_overall, initiative_count.
    """
    return _phase_status_chart(phase_status_data(counts), description)


def phase_status_spec(counts: pd.DataFrame, description: str) -> dict:
    """`spec(phase_status_bars(counts, description))`, from a kept spec (`templated`); the
    overview's counts become its rows with no labelled frame (`chart_values.phase_status_rows`)."""
    rows = chart_values.phase_status_rows(counts, texts.STATUS_LABELS)
    if rows is None:
        return templated(_phase_status_chart, phase_status_data(counts), description)
    return templated_rows(_phase_status_chart, rows, description)


def phase_status_data(counts: pd.DataFrame) -> pd.DataFrame:
    return counts.assign(status_label=counts["status_overall"].map(texts.STATUS_LABELS))


def _phase_status_chart(data: pd.DataFrame, description: str) -> alt.Chart:
    labels = texts.OVERVIEW
    bars = (
        alt.Chart(data)
        .mark_bar(stroke=OUTLINE, strokeWidth=0.75)
        .encode(
            y=alt.Y("phase:N", title=labels["col_phase"], sort=list(schema.PHASES),
                    scale=alt.Scale(domain=list(schema.PHASES))),
            x=alt.X("sum(initiative_count):Q", title=labels["col_count"],
                    axis=alt.Axis(format=",d", tickMinStep=1)),
            color=alt.Color(
                "status_overall:N",
                title=labels["col_status"],
                scale=status_scale(),
                legend=alt.Legend(labelExpr=_status_label_expr(), orient="bottom"),
            ),
            order=alt.Order("status_order:Q"),
            tooltip=[
                alt.Tooltip("phase:N", title=labels["col_phase"]),
                alt.Tooltip("status_label:N", title=labels["col_status"]),
                alt.Tooltip("initiative_count:Q", title=labels["col_count"], format=",d"),
            ],
        )
        .properties(title=labels["chart_title"], description=description, height=alt.Step(34))
    )
    return norwegian(bars)


def _status_label_expr() -> str:
    parts = " : ".join(
        f"datum.label == '{key}' ? '{label}'" for key, label in texts.STATUS_LABELS.items()
    )
    return f"{parts} : datum.label"


# -- initiative, budget, milestones and trend charts ---------------------------------------

# Money measures (not statuses): blues and orange, each bar outlined
MONEY_COLOURS = ("#6f8fb3", "#0b5394", "#c0661a")  # each ≥ 3:1 against white
DEVIATION_COLOURS = {"over": "#c62828", "under": "#0b5394"}
TIMELINE_BAR = "#c9d7e6"
# Milestone states on the timeline: filled red when overdue, green when done, white when open
MILESTONE_STATE_COLOURS = ("#c62828", "#ffffff", "#2e7d32")


def status_history_heatmap(data: pd.DataFrame, description: str) -> alt.Chart:
    """One cell per snapshot (x) and status dimension (y), coloured by status;
    the status word is in the legend and the tooltip.

    `data` has snapshot_label, snapshot_order, dimension_label, dimension_order,
    status, status_label (see portfolio.initiative.history_chart_data)."""
    from portfolio.texts import initiative as labels

    order = data.sort_values("snapshot_order")["snapshot_label"].drop_duplicates().tolist()
    chart = (
        alt.Chart(data)
        .mark_rect(stroke=OUTLINE, strokeWidth=0.5)
        .encode(
            x=alt.X("snapshot_label:O", title=labels.COL_DATE, sort=list(order),
                    axis=alt.Axis(labelAngle=-45, labelOverlap=True)),
            y=alt.Y("dimension_label:N", title=None, sort=list(labels.DIMENSIONS.values())),
            color=alt.Color("status:N", title=labels.COL_STATUS, scale=status_scale(),
                            legend=alt.Legend(labelExpr=_status_label_expr(), orient="bottom")),
            tooltip=[
                alt.Tooltip("snapshot_label:O", title=labels.COL_DATE),
                alt.Tooltip("dimension_label:N", title=labels.COL_DIMENSION),
                alt.Tooltip("status_label:N", title=labels.COL_STATUS),
            ],
        )
        .properties(title=labels.HISTORY_CHART_TITLE, description=description, height=alt.Step(28))
    )
    return norwegian(chart)


def money_by_year_bars(data: pd.DataFrame, description: str) -> alt.Chart:
    """Grouped bars per year: budget, actual and forecast side by side.

    `data` is long: year (text), measure_label, measure_order, amount_nok."""
    from portfolio.texts import budget as labels

    measures = data.sort_values("measure_order")["measure_label"].drop_duplicates().tolist()
    chart = (
        alt.Chart(data)
        .mark_bar(stroke=OUTLINE, strokeWidth=0.5)
        .encode(
            x=alt.X("year:O", title=labels.COL_YEAR, axis=alt.Axis(labelAngle=0)),
            xOffset=alt.XOffset("measure_label:N", sort=measures),
            y=alt.Y("amount_nok:Q", title=labels.AXIS_KR, axis=alt.Axis(format=",d")),
            color=alt.Color("measure_label:N", title=None, sort=measures,
                            scale=alt.Scale(domain=measures, range=list(MONEY_COLOURS[:len(measures)])),
                            legend=alt.Legend(orient="bottom")),
            tooltip=[
                alt.Tooltip("year:O", title=labels.COL_YEAR),
                alt.Tooltip("measure_label:N", title=labels.COL_MEASURE),
                alt.Tooltip("amount_nok:Q", title=labels.AXIS_KR, format=",d"),
            ],
        )
        .properties(title=labels.CHART_YEARS_TITLE, description=description, height=460)
    )
    return norwegian(chart)


def deviation_bars(data: pd.DataFrame, description: str, title: str, category_title: str) -> alt.Chart:
    """Horizontal bars of the forecast's deviation from budget, largest overrun
    on top; over and under budget differ in colour and in the legend's words.

    `data` has label, deviation_nok, direction ("over"/"under"), direction_label."""
    from portfolio.texts import budget as labels

    directions = [labels.DIRECTIONS["over"], labels.DIRECTIONS["under"]]
    chart = (
        alt.Chart(data)
        .mark_bar(stroke=OUTLINE, strokeWidth=0.5)
        .encode(
            y=alt.Y("label:N", title=category_title, sort=data["label"].tolist(),
                    axis=alt.Axis(labelLimit=260)),
            x=alt.X("deviation_nok:Q", title=labels.COL_FORECAST_DEVIATION, axis=alt.Axis(format=",d")),
            color=alt.Color("direction_label:N", title=None,
                            scale=alt.Scale(domain=directions,
                                            range=[DEVIATION_COLOURS["over"], DEVIATION_COLOURS["under"]]),
                            legend=alt.Legend(orient="bottom")),
            tooltip=[
                alt.Tooltip("label:N", title=category_title),
                alt.Tooltip("deviation_nok:Q", title=labels.COL_FORECAST_DEVIATION, format=",d"),
                alt.Tooltip("direction_label:N", title=labels.COL_ASSESSMENT),
            ],
        )
        .properties(title=title, description=description, height=alt.Step(24))
    )
    return norwegian(chart)


def timeline(bars: pd.DataFrame, points: pd.DataFrame, today, description: str,
             domain: tuple | None = None) -> alt.LayerChart:
    """A Gantt-like portfolio timeline: one row per initiative with a bar from
    start to end (solid outline; dashed: no end date yet), milestones as
    circles and decision points as diamonds (filled by state), and a solid
    line at today, its label above the plot, clear of the marks. The legend
    names every mark: the bars' outlines, the shapes, the fills and the line.

    `domain` is the first and last day shown (dates); marks outside it are
    cut off at the edge. `bars` has row_label, start_date, bar_end_date,
    end_label, end_kind, status_label, overdue_count; `points` has row_label,
    due_date, title, shape_label, state_label, date_label."""
    from portfolio import fmt
    from portfolio.texts import milestones as labels

    rows = bars["row_label"].tolist()
    # on a narrow screen the names give the plot room
    y = alt.Y("row_label:N", title=None, sort=rows, scale=alt.Scale(domain=rows),
              axis=alt.Axis(labelLimit=alt.ExprRef(f"containerSize()[0] < {NARROW_PX} ? 110 : 280")))
    scale = alt.Scale(domain=[_datetime(day) for day in domain]) if domain else alt.Undefined
    x = alt.X("start_date:T", title=labels.AXIS_TIME, scale=scale, axis=alt.Axis(format="%b %Y", labelOverlap=True))

    def legend(place: int) -> dict:
        """The place-th legend below the plot: side by side, or one below the
        other on a narrow screen (LEGEND_X / LEGEND_Y: offsets in pixels)."""
        narrow = f"containerSize()[0] < {NARROW_PX}"
        return {"orient": "none", "direction": "vertical",
                "legendX": alt.ExprRef(f"{narrow} ? -110 : {LEGEND_X[place]}"),
                "legendY": alt.ExprRef(f"height + 56 + ({narrow} ? {LEGEND_Y[place]} : 0)")}

    bar_tooltip = [
        alt.Tooltip("row_label:N", title=labels.COL_INITIATIVE),
        alt.Tooltip("start_date:T", title=labels.COL_START, format="%d.%m.%Y"),
        alt.Tooltip("end_label:N", title=labels.COL_END),
        alt.Tooltip("status_label:N", title=labels.COL_STATUS),
        alt.Tooltip("overdue_count:Q", title=labels.COL_OVERDUE_COUNT),
    ]
    bar_fill = alt.Chart(bars).mark_bar(color=TIMELINE_BAR, height=14, clip=True).encode(
        y=y, x=x, x2="bar_end_date:T", tooltip=bar_tooltip,
    )
    # the outline in a layer of its own: an unfilled mark's legend draws the
    # outline (solid or dashed) that it explains
    bar_outline = alt.Chart(bars).mark_bar(filled=False, color=OUTLINE, strokeWidth=1, height=14, clip=True).encode(
        y=y, x="start_date:T", x2="bar_end_date:T", tooltip=bar_tooltip,
        strokeDash=alt.StrokeDash(
            "end_kind:N", title=labels.LEGEND_BAR,
            scale=alt.Scale(domain=[labels.BAR_END, labels.BAR_OPEN_END], range=[[1, 0], [4, 3]]),
            legend=alt.Legend(symbolType="square", symbolSize=250, labelLimit=260, symbolFillColor=TIMELINE_BAR,
                              symbolStrokeWidth=1, **legend(0)),
        ),
    )
    today_label = labels.TODAY_LINE.format(date=fmt.date(today))
    today_frame = pd.DataFrame({"today": [pd.Timestamp(today)], "label": [today_label]})
    rule = alt.Chart(today_frame).mark_rule(strokeWidth=2).encode(
        x="today:T",
        color=alt.Color("label:N", title=labels.LEGEND_LINE,
                        scale=alt.Scale(domain=[today_label], range=[OUTLINE]),
                        legend=alt.Legend(symbolType="stroke", symbolStrokeWidth=2, **legend(1))),
        tooltip=[alt.Tooltip("label:N", title=labels.TODAY_TOOLTIP)],
    )
    shapes = [labels.SHAPE_MILESTONE, labels.SHAPE_DECISION]
    states = [labels.STATE_OVERDUE, labels.STATE_OPEN, labels.STATE_DONE]
    point_layer = (
        alt.Chart(points)
        .mark_point(filled=True, size=90, stroke=OUTLINE, strokeWidth=1, opacity=1, clip=True)
        .encode(
            y=y,
            x="due_date:T",
            shape=alt.Shape("shape_label:N", title=labels.LEGEND_KIND,
                            scale=alt.Scale(domain=shapes, range=["circle", "diamond"]),
                            legend=alt.Legend(**legend(2))),
            fill=alt.Fill("state_label:N", title=labels.LEGEND_STATE,
                          scale=alt.Scale(domain=states, range=list(MILESTONE_STATE_COLOURS)),
                          legend=alt.Legend(symbolStrokeColor=OUTLINE, **legend(3))),
            tooltip=[
                alt.Tooltip("row_label:N", title=labels.COL_INITIATIVE),
                alt.Tooltip("title:N", title=labels.COL_TITLE),
                alt.Tooltip("shape_label:N", title=labels.LEGEND_KIND),
                alt.Tooltip("date_label:N", title=labels.COL_DUE),
                alt.Tooltip("state_label:N", title=labels.LEGEND_STATE),
            ],
        )
    )
    # the line's label above the plot, so it never covers a milestone
    rule_label = alt.Chart(today_frame).mark_text(
        align="center", baseline="bottom", dy=-6, color=OUTLINE, fontWeight="bold",
    ).encode(x="today:T", y=alt.value(0), text=alt.value(labels.TODAY))
    chart = (
        alt.layer(bar_fill, bar_outline, rule, point_layer, rule_label)
        .resolve_scale(y="shared")
        .properties(title=alt.TitleParams(labels.CHART_TITLE, offset=22), description=description,
                    height=alt.Step(24),
                    # room below for the legends, which are placed by hand (see `legend`)
                    padding=alt.ExprRef(f"{{left: 5, top: 5, right: 5, bottom: "
                                        f"containerSize()[0] < {NARROW_PX} ? 300 : 110}}"))
    )
    return norwegian(chart)


NARROW_PX = 700
# Where the timeline's four legends go (bars, the today line, shapes, fills)
LEGEND_X = (0, 220, 380, 530)  # side by side
LEGEND_Y = (0, 74, 124, 196)  # one below the other, from the left edge


def _datetime(day) -> alt.DateTime:
    """A date as Vega-Lite's DateTime (local time, as dates in the data are read)."""
    day = pd.Timestamp(day)
    return alt.DateTime(year=day.year, month=day.month, date=day.day)


def status_trend_bars(data: pd.DataFrame, description: str) -> alt.Chart:
    """Stacked bars: initiatives per overall status in each snapshot.

    `data` has snapshot_label, snapshot_order, status_overall, status_label,
    status_order, initiative_count."""
    return _status_trend_chart(data, description, tuple(_snapshot_order(data)))


def status_trend_spec(data: pd.DataFrame, description: str, order: list[str] | None = None) -> dict:
    """`spec(status_trend_bars(data, description))`, from a spec kept per order of snapshots (`templated`);
    `order`, the snapshots' labels oldest first, when the caller has them."""
    return templated(_status_trend_chart, data, description, tuple(_snapshot_order(data) if order is None else order))


def status_trend_spec_of_rows(rows: list[dict], description: str, order: list[str]) -> dict:
    """`status_trend_spec` of the rows chart_values makes of its frame."""
    return templated_rows(_status_trend_chart, rows, description, tuple(order))


def _snapshot_order(data: pd.DataFrame) -> list[str]:
    return data.sort_values("snapshot_order")["snapshot_label"].drop_duplicates().tolist()


def _status_trend_chart(data: pd.DataFrame, description: str, order: tuple[str, ...]) -> alt.Chart:
    from portfolio.texts import trend as labels

    chart = (
        alt.Chart(data)
        .mark_bar(stroke=OUTLINE, strokeWidth=0.5)
        .encode(
            x=alt.X("snapshot_label:O", title=labels.COL_DATE, sort=list(order),
                    axis=alt.Axis(labelAngle=-45, labelOverlap=True)),
            y=alt.Y("initiative_count:Q", title=labels.COL_COUNT, stack="zero",
                    axis=alt.Axis(format=",d", tickMinStep=1)),
            color=alt.Color("status_overall:N", title=labels.COL_STATUS, scale=status_scale(),
                            legend=alt.Legend(labelExpr=_status_label_expr(), orient="bottom")),
            order=alt.Order("status_order:Q"),
            tooltip=[
                alt.Tooltip("snapshot_label:O", title=labels.COL_DATE),
                alt.Tooltip("status_label:N", title=labels.COL_STATUS),
                alt.Tooltip("initiative_count:Q", title=labels.COL_COUNT, format=",d"),
            ],
        )
        .properties(title=labels.CHART_TITLE, description=description, height=460)
    )
    return norwegian(chart)
