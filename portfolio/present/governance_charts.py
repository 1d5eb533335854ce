"""The governance charts (Vega-Lite through Altair): the 5×5 risk matrix and
the benefits' way from baseline to target. Data comes aggregated from SQL.

The risk matrix colours each cell by its risk level from a fixed scale (the
colours Prosjektportalen 365 users know), writes the count of risks and the
score in every cell (colour never carries meaning alone) and names the levels
in the legend. The text on every colour has a contrast of at least 4.5:1
(`contrast_ratio`, checked by the tests).
"""

from __future__ import annotations

import pandas as pd

from portfolio.present.charts import NARROW_PX, OUTLINE, norwegian
from portfolio.present.lazy_altair import alt
from portfolio.texts import governance as T

# Risk levels by score (probability × consequence, 1–25): (key, lowest score, highest score, fill)
RISK_LEVELS = (
    ("low", 1, 4, "#7ABD7E"),
    ("medium", 5, 9, "#F8D66D"),
    ("high", 10, 14, "#FFB54C"),
    ("very_high", 15, 25, "#FF6961"),
)
HIGH_SCORE = 15  # the lowest score of the highest level: counted as «høy risiko» in the key figures
CELL_TEXT = OUTLINE  # the count and score in each cell: ≥ 4.5:1 on every level's colour
LEVEL_COLOURS = {key: colour for key, _, _, colour in RISK_LEVELS}
# The benefits' track from baseline (0 %) to target (100 %), and its marks
TRACK = "#c9d7e6"
MARK = "#0b5394"


def risk_level(score: int) -> str:
    """The level (a RISK_LEVELS key) of a score."""
    for key, low, high, _ in RISK_LEVELS:
        if low <= score <= high:
            return key
    raise ValueError(f"not a risk score: {score}")


def _luminance(colour: str) -> float:
    """WCAG 2 relative luminance of a #rrggbb colour."""
    channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_ratio(foreground: str, background: str) -> float:
    """WCAG 2 contrast ratio of two #rrggbb colours (1 to 21)."""
    lighter, darker = sorted((_luminance(foreground), _luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


MATRIX_HEIGHT = 540  # the whole chart's height (Streamlit fits it): about 70 px a row of cells
SMALL_MATRIX_HEIGHT = 440  # one initiative's: about 50 px a row


def risk_matrix(cells: pd.DataFrame, description: str, height: int = MATRIX_HEIGHT) -> alt.LayerChart:
    """The 5×5 matrix: consequence across, probability up (5 at the top);
    each cell coloured by its level, with the count of risks (large) and the
    score (small) written in it.

    `cells` has probability, consequence, score, risk_count, level_label,
    count_text, score_text (see governance.matrix_chart_data)."""
    steps = sorted(cells["consequence"].unique().tolist())
    levels = [T.RISK_LEVELS[key] for key, *_ in RISK_LEVELS]
    base = alt.Chart(cells).encode(
        x=alt.X("consequence:O", title=T.AXIS_CONSEQUENCE, sort=steps, axis=alt.Axis(labelAngle=0, orient="bottom")),
        y=alt.Y("probability:O", title=T.AXIS_PROBABILITY, sort=sorted(steps, reverse=True)),
        tooltip=[
            alt.Tooltip("probability:O", title=T.COL_PROBABILITY),
            alt.Tooltip("consequence:O", title=T.COL_CONSEQUENCE),
            alt.Tooltip("score:Q", title=T.COL_SCORE),
            alt.Tooltip("level_label:N", title=T.COL_LEVEL),
            alt.Tooltip("risk_count:Q", title=T.RISKS, format=",d"),
        ],
    )
    fill = base.mark_rect(stroke=OUTLINE, strokeWidth=1).encode(
        fill=alt.Fill("level_label:N", title=T.LEGEND_LEVEL,
                      scale=alt.Scale(domain=levels, range=[colour for *_, colour in RISK_LEVELS]),
                      legend=alt.Legend(orient="bottom", symbolStrokeColor=OUTLINE, labelLimit=200)),
    )
    # a cell with risks stands out: its count in bold; an empty cell's 0 in plain type
    count = base.mark_text(dy=-9, fontSize=20, fontWeight="bold", color=CELL_TEXT).encode(
        text="count_text:N").transform_filter("datum.risk_count > 0")
    none = base.mark_text(dy=-9, fontSize=15, color=CELL_TEXT).encode(
        text="count_text:N").transform_filter("datum.risk_count == 0")
    score = base.mark_text(dy=13, fontSize=12, color=CELL_TEXT).encode(text="score_text:N")
    chart = alt.layer(fill, count, none, score).properties(
        title=T.RISK_MATRIX_TITLE, description=description, height=height,
    )
    return norwegian(chart)


def benefit_tracks(points: pd.DataFrame, description: str) -> alt.LayerChart:
    """One row per benefit: a track from its baseline (0 %) to its target
    (100 %), every measurement on it by its achievement, the latest one
    larger, a triangle, labelled with its percentage. The kinds of points
    differ in shape and size and are named in the legend.

    `points` has label, order, point_label, achievement, achievement_text,
    is_latest, date_text, value_text, initiative_name (see
    governance.benefit_chart_data)."""
    rows = points.sort_values("order")["label"].drop_duplicates().tolist()
    y = alt.Y("label:N", title=None, sort=rows, scale=alt.Scale(domain=rows),
              axis=alt.Axis(labelLimit=alt.ExprRef(f"containerSize()[0] < {NARROW_PX} ? 120 : 300")))
    x_title = T.AXIS_ACHIEVEMENT
    tracks = pd.DataFrame({"label": rows, "start": 0.0, "end": 1.0})
    track = alt.Chart(tracks).mark_rule(color=TRACK, strokeWidth=8).encode(
        y=y, x=alt.X("start:Q", title=x_title, axis=alt.Axis(format="%")), x2="end:Q",
    )
    kinds = [T.POINT_BASELINE, T.POINT_MEASUREMENT, T.POINT_LATEST, T.POINT_TARGET]
    marks = alt.Chart(points).mark_point(filled=True, color=MARK, stroke=OUTLINE, strokeWidth=1, opacity=1).encode(
        y=y,
        x=alt.X("achievement:Q", title=x_title, axis=alt.Axis(format="%")),
        shape=alt.Shape("point_label:N", title=T.LEGEND_POINT,
                        scale=alt.Scale(domain=kinds, range=["square", "circle", "triangle-up", "diamond"]),
                        legend=alt.Legend(orient="bottom")),
        size=alt.Size("point_label:N", title=T.LEGEND_POINT,
                      scale=alt.Scale(domain=kinds, range=[70, 40, 160, 110]), legend=alt.Legend(orient="bottom")),
        tooltip=[
            alt.Tooltip("label:N", title=T.COL_BENEFIT),
            alt.Tooltip("initiative_name:N", title=T.COL_INITIATIVE),
            alt.Tooltip("point_label:N", title=T.LEGEND_POINT),
            alt.Tooltip("date_text:N", title=T.COL_DATE),
            alt.Tooltip("value_text:N", title=T.COL_VALUE),
            alt.Tooltip("achievement_text:N", title=T.COL_ACHIEVEMENT),
        ],
    )
    latest = points[points["is_latest"]]
    label = alt.Chart(latest).mark_text(align="left", dx=10, color=OUTLINE, fontWeight="bold").encode(
        y=y, x="achievement:Q", text="achievement_text:N",
    )
    chart = alt.layer(track, marks, label).properties(
        title=T.BENEFIT_CHART_TITLE, description=description, height=alt.Step(34),
    )
    return norwegian(chart)
