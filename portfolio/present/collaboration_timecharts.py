"""The collaboration charts over time (Vega-Lite through Altair): the
engagements' timeline («Medvirkning») and a unit's collaboration scores per
dimension as small multiples («Relasjonell kapasitet»). Each gets at most a
few hundred rows, already chosen in SQL.

Colour never carries meaning alone: a held engagement is a filled circle and
a planned one an open diamond, both named in the legend; each score panel's
title writes the latest mean and its change since the previous survey in
words and an arrow. A mean of too few answers is not in the data at all
(the query leaves it out), so it cannot be drawn.
"""

from __future__ import annotations

import datetime as dt

import altair as alt
import pandas as pd

from portfolio.model import schema
from portfolio.present.charts import OUTLINE, norwegian, spec
from portfolio.texts import collaboration as T

MARK = "#0b5394"  # the app's primary colour: 7.4:1 on white
BAND = "#e8eef6"  # the chosen year behind the points
KIND_STEP = 34  # px per kind of engagement
PANEL_HEIGHT = 84  # px of a score panel's plot: 21 px per step of the scale
PAD_DAYS = 20  # room before the first and after the last date


def _datetime(day) -> alt.DateTime:
    day = pd.Timestamp(day)
    return alt.DateTime(year=day.year, month=day.month, date=day.day)


def engagement_timeline(points: pd.DataFrame, kinds: list[str], year: int, description: str) -> dict:
    """One point per engagement at its date, on the row of its kind; held
    ones filled circles, planned ones open diamonds; the chosen year a band
    behind them when it lies within the engagements' years. `points` has
    held_on, kind_label, state_label and the tooltip's texts
    (collaboration_engagements.timeline_data)."""
    rows = [k for k in kinds if k in set(points["kind_label"])]
    first, last = points["held_on"].min(), points["held_on"].max()
    start = (first - pd.Timedelta(days=PAD_DAYS)).date()
    end = (last + pd.Timedelta(days=PAD_DAYS)).date()
    x_scale = alt.Scale(domain=[_datetime(start), _datetime(end)])
    x = alt.X("held_on:T", title=T.AXIS_DATE, scale=x_scale, axis=alt.Axis(format="%b %Y", labelOverlap=True))
    y = alt.Y("kind_label:N", title=None, sort=rows, scale=alt.Scale(domain=rows),
              axis=alt.Axis(labelLimit=200, ticks=False))
    states = [T.STATE_HELD, T.STATE_PLANNED]
    marks = alt.Chart(points).mark_point(size=110, strokeWidth=1.5, opacity=1, stroke=OUTLINE).encode(
        x=x, y=y,
        shape=alt.Shape("state_label:N", title=T.LEGEND_STATE, scale=alt.Scale(domain=states,
                                                                               range=["circle", "diamond"]),
                        legend=alt.Legend(orient="bottom")),
        fill=alt.Fill("state_label:N", title=T.LEGEND_STATE, scale=alt.Scale(domain=states, range=[MARK, "#ffffff"]),
                      legend=alt.Legend(orient="bottom", symbolStrokeColor=OUTLINE)),
        tooltip=[
            alt.Tooltip("title:N", title=T.COL_ACTIVITY),
            alt.Tooltip("initiative_name:N", title=T.COL_INITIATIVE),
            alt.Tooltip("kind_label:N", title=T.COL_KIND),
            alt.Tooltip("date_text:N", title=T.COL_DATE),
            alt.Tooltip("place_text:N", title=T.COL_PLACE),
            alt.Tooltip("state_label:N", title=T.COL_STATE),
            alt.Tooltip("citizens_text:N", title=T.COL_CITIZENS),
            alt.Tooltip("participants_text:N", title=T.COL_PARTICIPANTS),
        ],
    )
    layers = [marks]
    band_start, band_end = max(dt.date(year, 1, 1), start), min(dt.date(year, 12, 31), end)
    if band_start <= band_end:
        band = pd.DataFrame({"start": [pd.Timestamp(band_start)], "end": [pd.Timestamp(band_end)],
                             "label": [f"{T.YEAR_BAND} {year}"]})
        layers.insert(0, alt.Chart(band).mark_rect(color=BAND).encode(
            x=alt.X("start:T", scale=x_scale), x2="end:T", tooltip=[alt.Tooltip("label:N", title=T.YEAR_BAND)]))
        # the band's label above the plot, clear of the points; from the band's end inwards when the band
        # is in the later half (the label would run off the chart)
        later = pd.Timestamp(band_start) + (pd.Timestamp(band_end) - pd.Timestamp(band_start)) / 2 > \
            pd.Timestamp(start) + (pd.Timestamp(end) - pd.Timestamp(start)) / 2
        layers.append(alt.Chart(band).mark_text(align="right" if later else "left", baseline="bottom",
                                                dx=-2 if later else 2, dy=-4, color=OUTLINE, fontSize=11)
                      .encode(x="end:T" if later else "start:T", y=alt.value(0), text="label:N"))
    chart = alt.layer(*layers).properties(title=alt.TitleParams(T.TIMELINE_TITLE, offset=20),
                                         description=description, height=alt.Step(KIND_STEP))
    return spec(norwegian(chart))


def score_panels(points: pd.DataFrame, panels: list[tuple[str, str]], description: str) -> dict:
    """One small line chart per dimension, stacked (they share the time axis
    and the 1–5 scale), each titled with its latest mean and change
    (`panels`: (dimension, title) in order). `points` has dimension,
    conducted_on, mean (empty where too few answered: no point), and the
    tooltip's date_text, mean_text, n_text, change_text."""
    first, last = points["conducted_on"].min(), points["conducted_on"].max()
    pad = pd.Timedelta(days=max(PAD_DAYS, (last - first).days // 12))
    x_scale = alt.Scale(domain=[_datetime(first - pad), _datetime(last + pad)])
    low, high = schema.SCORE_SCALE
    charts = []
    for number, (dimension, title) in enumerate(panels):
        is_last = number == len(panels) - 1
        charts.append(
            alt.Chart(points).transform_filter(alt.FieldEqualPredicate(field="dimension", equal=dimension))
            # the marks are not read one by one (the table has every value): a panel whose means all had
            # too few answers has no marks, which axe would report as an image without a name
            .mark_line(color=MARK, strokeWidth=2, aria=False,
                       point=alt.OverlayMarkDef(filled=True, size=55, color=MARK, aria=False))
            .encode(
                x=alt.X("conducted_on:T", title=T.COL_SURVEY_DATE if is_last else None, scale=x_scale,
                        axis=alt.Axis(format="%b %Y", labelOverlap=True, labels=is_last, ticks=is_last)),
                y=alt.Y("mean:Q", title=None, scale=alt.Scale(domain=[low, high]),
                        axis=alt.Axis(values=list(range(low, high + 1)), grid=True, labelOverlap=False, labelFlush=False)),
                tooltip=[
                    alt.Tooltip("dimension:N", title=T.COL_DIMENSION),
                    alt.Tooltip("date_text:N", title=T.COL_SURVEY_DATE),
                    alt.Tooltip("mean_text:N", title=T.COL_MEAN),
                    alt.Tooltip("n_text:N", title=T.COL_RESPONDENTS),
                    alt.Tooltip("change_text:N", title=T.COL_CHANGE),
                ],
            )
            .properties(title=alt.TitleParams(title, anchor="start", fontSize=13, fontWeight="normal"),
                        height=PANEL_HEIGHT)
        )
    chart = alt.vconcat(*charts, spacing=14).properties(
        title=alt.TitleParams(T.SCORES_CHART_TITLE, subtitle=T.SCORES_CHART_SUBTITLE, anchor="start"),
        description=description)
    return spec(norwegian(chart))
