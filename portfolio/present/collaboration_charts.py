"""The collaboration charts (Vega-Lite through Altair): the coverage
heatmaps and the network of kommunalområder and partners. Data comes
aggregated from SQL (the heatmaps) or from the network computation
(portfolio.present.collaboration_network); no chart gets more than a few
hundred rows.

Colour never carries meaning alone: every heatmap cell writes its count and
budget, or «Ingen tiltak / gap», and its level is named in the legend; in the
network the node's kind is its shape and its programme is named in the legend
and the tooltip, and the table beside it has the same pairs and counts. Text
is dark on every fill (≥ 4.5:1, checked by the tests), and every fill has a
dark outline.
"""

from __future__ import annotations

import pandas as pd

from portfolio.present.charts import OUTLINE, norwegian
from portfolio.present.lazy_altair import alt
from portfolio.texts import collaboration as T

# The heatmaps' fills: a gap in a light orange, then three steps of blue (few to many initiatives)
GAP_FILL = "#fde0cc"
LEVEL_FILLS = ("#e4eef8", "#b9d1ea", "#85abd3")
CELL_TEXT = OUTLINE
CELL_STEP = 58  # px per row of cells: two lines of text
# The network: nodes coloured by their main programme (each ≥ 3:1 against white), others grey, none hollow
PROGRAMME_COLOURS = ("#0b5394", "#b8501a", "#2e7d32", "#7b1fa2", "#00796b", "#ad1457")
OTHER_PROGRAMMES_FILL = "#6d6d6d"
NO_PROGRAMME_FILL = "#ffffff"
EDGE_COLOUR = "#6f8fb3"
NODE_SIZE = 260
NETWORK_ROW_PX = 34  # vertical room per node on the taller side
NETWORK_MIN_HEIGHT = 420
LABEL_LIMIT_PX = 210
X_EXTENT = 2.15  # the x scale's half width: the circle has radius 1, the rest is room for labels


HEADER_ROW = " "  # the y value of the header row of a heatmap whose column names wrap
HEADER_LINE_PX = 15


def coverage_heatmap(cells: pd.DataFrame, *, x: str, x_title: str, x_order: list[str], y: str, y_title: str,
                     y_order: list[str], levels: list[str], title: str, description: str,
                     x_labels_wrap: bool = False) -> alt.LayerChart:
    """A matrix of cells: each coloured by its level (named in the legend),
    with its count (bold) and budget written in it, or «Ingen tiltak» and
    «gap». The rows' labels say what they are (`y_title` names them in the
    tooltip). `cells` has the `x` and `y` fields, level_label, count_line,
    budget_line, tooltip_x, tooltip_y, initiative_count, budget_text.

    With `x_labels_wrap` the column names (long: the target groups) break
    into lines at "|", written in a row of their own above the cells (an
    axis's labels of several lines would grow down into the cells)."""
    rows = [HEADER_ROW, *y_order] if x_labels_wrap else y_order
    x_enc = alt.X(f"{x}:N", title=x_title, sort=x_order, axis=alt.Axis(
        labelAngle=0, orient="top", labelLimit=260, labelFontSize=12, labelOverlap=False,
        labels=not x_labels_wrap, ticks=not x_labels_wrap, domain=False))
    y_enc = alt.Y(f"{y}:N", title=None, sort=rows, scale=alt.Scale(domain=rows),
                  axis=alt.Axis(labelLimit=320, labelFontSize=12, ticks=False, domain=False))
    fills = [GAP_FILL, *LEVEL_FILLS[: len(levels) - 1]]
    base = alt.Chart(cells).encode(
        x=x_enc, y=y_enc,
        tooltip=[
            alt.Tooltip("tooltip_y:N", title=y_title),
            alt.Tooltip("tooltip_x:N", title=x_title),
            alt.Tooltip("initiative_count:Q", title=T.COL_COUNT, format=",d"),
            alt.Tooltip("budget_text:N", title=T.COL_BUDGET.split(" {")[0]),
        ],
    )
    fill = base.mark_rect(stroke=OUTLINE, strokeWidth=1).encode(
        fill=alt.Fill("level_label:N", title=T.LEGEND_LEVEL, scale=alt.Scale(domain=levels, range=fills),
                      legend=alt.Legend(orient="bottom", symbolType="square", symbolSize=200, symbolStrokeWidth=1,
                                        symbolStrokeColor=OUTLINE, labelLimit=220)),
    )
    first = base.mark_text(dy=-9, fontSize=14, fontWeight="bold", color=CELL_TEXT).encode(text="count_line:N")
    second = base.mark_text(dy=10, fontSize=12, color=CELL_TEXT).encode(text="budget_line:N")
    layers = [fill, first, second]
    if x_labels_wrap:
        # every name as many lines as the longest, empty ones first: the names end on one line, above the cells
        lines = max(label.count("|") for label in x_order) + 1
        header = pd.DataFrame({x: x_order, y: HEADER_ROW,
                               "header": ["|" * (lines - 1 - label.count("|")) + label for label in x_order]})
        layers.append(alt.Chart(header).mark_text(fontSize=12, color=CELL_TEXT, lineBreak="|", baseline="top",
                                                  lineHeight=HEADER_LINE_PX, dy=-(HEADER_LINE_PX * lines) // 2)
                      .encode(x=x_enc, y=y_enc, text="header:N"))
    chart = alt.layer(*layers).properties(title=title, description=description, height=alt.Step(CELL_STEP))
    return norwegian(chart)


LEGEND_ROW_PX = 20  # a row of the programme legend (one programme a row), below the network


def network_height(left: int, right: int, programmes: int) -> int:
    """The chart's height: room for the taller side's nodes and for the
    legends below (Streamlit fits the whole chart, legends too, in it)."""
    return max(NETWORK_MIN_HEIGHT, NETWORK_ROW_PX * max(left, right, 1) + 60) + 120 + LEGEND_ROW_PX * programmes


def network(nodes: pd.DataFrame, edges: pd.DataFrame, programmes: list[tuple[str, str]], description: str,
            height: int) -> alt.LayerChart:
    """Nodes at fixed positions (x, y in [-1, 1]: see
    collaboration_network.layout) with their names beside them, outward; an
    edge between two nodes as wide as the number of initiatives they share.

    `nodes` has x, y, name, side ("left"/"right"), kind_label,
    programme_label, initiative_count, strength, programmes_text; `edges` has
    x, y, x2, y2, a, b, shared_count, programmes_text. `programmes` is the
    legend: each programme label with its fill, in order."""
    x_scale = alt.Scale(domain=[-X_EXTENT, X_EXTENT], nice=False)
    y_scale = alt.Scale(domain=[-1.12, 1.12], nice=False)
    shared_max = int(edges["shared_count"].max()) if len(edges) else 1
    lines = alt.Chart(edges).mark_rule(color=EDGE_COLOUR, opacity=0.75, strokeCap="round").encode(
        x=alt.X("x:Q", scale=x_scale, axis=None), y=alt.Y("y:Q", scale=y_scale, axis=None),
        x2="x2:Q", y2="y2:Q",
        strokeWidth=alt.StrokeWidth("shared_count:Q", title=T.LEGEND_SHARED,
                                    scale=alt.Scale(domain=[1, max(shared_max, 2)], range=[1.5, 10]),
                                    legend=alt.Legend(orient="bottom", format=",d", tickMinStep=1, symbolType="stroke",
                                                      symbolStrokeColor=EDGE_COLOUR)),
        tooltip=[alt.Tooltip("a:N", title=T.COL_FROM), alt.Tooltip("b:N", title=T.COL_TO),
                 alt.Tooltip("shared_count:Q", title=T.COL_SHARED, format=",d"),
                 alt.Tooltip("programmes_text:N", title=T.COL_PROGRAMMES)],
    )
    node_base = alt.Chart(nodes).encode(
        x=alt.X("x:Q", scale=x_scale, axis=None), y=alt.Y("y:Q", scale=y_scale, axis=None))
    points = node_base.mark_point(filled=True, size=NODE_SIZE, stroke=OUTLINE, strokeWidth=1.5, opacity=1).encode(
        shape=alt.Shape("kind_label:N", title=T.LEGEND_KIND,
                        scale=alt.Scale(domain=list(T.KIND_LABELS.values()), range=["circle", "square"]),
                        legend=alt.Legend(orient="bottom", symbolStrokeColor=OUTLINE, symbolFillColor="#ffffff")),
        fill=alt.Fill("programme_label:N", title=T.LEGEND_PROGRAMME,
                      scale=alt.Scale(domain=[label for label, _ in programmes], range=[f for _, f in programmes]),
                      legend=alt.Legend(orient="bottom", symbolStrokeColor=OUTLINE, labelLimit=360, columns=1)),
        tooltip=[alt.Tooltip("name:N", title=T.COL_NODE), alt.Tooltip("kind_label:N", title=T.COL_KIND),
                 alt.Tooltip("initiative_count:Q", title=T.COL_NODE_INITIATIVES, format=",d"),
                 alt.Tooltip("strength:Q", title=T.COL_NODE_SHARED, format=",d"),
                 alt.Tooltip("programmes_text:N", title=T.COL_PROGRAMMES)],
    )
    left = node_base.mark_text(align="right", dx=-13, fontSize=12, color=OUTLINE, limit=LABEL_LIMIT_PX).encode(
        text="name:N").transform_filter("datum.side == 'left'")
    right = node_base.mark_text(align="left", dx=13, fontSize=12, color=OUTLINE, limit=LABEL_LIMIT_PX).encode(
        text="name:N").transform_filter("datum.side == 'right'")
    chart = alt.layer(lines, points, left, right).properties(
        title=T.NETWORK_CHART_TITLE, description=description, height=height,
    )
    return norwegian(chart).configure_view(stroke=None)
