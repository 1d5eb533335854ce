"""The static site's charts: Vega-Lite specs (the chart builders of
portfolio.present.charts where one fits) drawn as SVG by vl-convert without
any network access (`allowed_base_urls=[]`; the data is inline), each with
its title, a sentence that says what it shows and a table of the same
numbers. The SVG is one image to assistive technology (`role="img"`, named
by its caption); Vega's own ARIA attributes (English, per mark) are removed.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import re

import pandas as pd
import vl_convert
from markupsafe import Markup, escape

from portfolio import fmt
from portfolio.present import charts
from portfolio.present.lazy_altair import alt
from portfolio.present.public_overview import Overview
from portfolio.store.public import PublicData
from portfolio.texts import public as T
from portfolio.texts import site as S

# Each chart is drawn twice: for a wide screen, and for a phone (320 px and up), where
# the wide one would be scaled down until its text is too small to read; the stylesheet
# shows one of them (the wide one when printed). Widths in px, with the axis labels.
WIDE, NARROW = 720, 290
LABEL_LIMIT = {WIDE: 320, NARROW: 120}  # longer labels end in "…"; the table beside says them in full
BAR_COLOUR = "#0b5394"  # 7.4:1 against white
FONT = {"labelFontSize": 13, "titleFontSize": 13}
_SVG_ROOT = re.compile(r"<svg\b([^>]*)>")
_ARIA = re.compile(r'\s(?:role|aria-[a-z]+)="[^"]*"')


@dataclasses.dataclass(frozen=True)
class Table:
    caption: str
    columns: list[str]
    rows: list[list[Markup]]  # the first cell of a row is its header


@dataclasses.dataclass(frozen=True)
class Chart:
    key: str  # unique on the page: the id of its caption
    title: str
    description: str  # the same sentence the page says in words
    svg: Markup  # for a wide screen
    svg_narrow: Markup  # for a phone
    table: Table


def table(caption: str, frame: pd.DataFrame) -> Table:
    """A table of text (the overview's tables: every cell already a string)."""
    return Table(caption, [str(c) for c in frame.columns],
                 [[fmt.html(cell) for cell in row] for row in frame.itertuples(index=False)])


def svg(spec: dict, key: str) -> Markup:
    """A spec as inline SVG: one image named by the element `key`-caption."""
    drawn = _drawn(json.dumps(spec, sort_keys=True, default=str))
    lowered = drawn.lower()
    if "<script" in lowered or "foreignobject" in lowered or "href=" in lowered:
        raise ValueError("vl-convert drew more than shapes and text")
    drawn = _ARIA.sub("", drawn)
    drawn = _SVG_ROOT.sub(
        lambda m: f'<svg{m[1]} role="img" aria-labelledby="{escape(key)}-caption" focusable="false">', drawn, count=1)
    return Markup(drawn)  # vl-convert escapes the text it draws (labels from the data); checked above


@functools.lru_cache(maxsize=32)
def _drawn(spec: str) -> str:
    """The SVG of a spec (as JSON): the same data draws the same chart, once."""
    return vl_convert.vegalite_to_svg(json.loads(spec), allowed_base_urls=[])


def _style(chart: alt.TopLevelMixin) -> dict:
    spec = charts.spec(charts.norwegian(chart))
    spec.pop("title", None)  # the figure's caption says it
    config = spec.setdefault("config", {})
    config["aria"] = False
    config["axis"] = {**config.get("axis", {}), **FONT}
    config["legend"] = {**config.get("legend", {}), **FONT}
    config["title"] = {**config.get("title", {}), "fontSize": 15}
    return spec


def count_bars(frame: pd.DataFrame, title: str, description: str, width: int) -> dict:
    """Horizontal bars, one per row of `frame` (label, count), with the
    count written at the end of each bar."""
    base = alt.Chart(frame[["label", "count"]]).encode(
        y=alt.Y("label:N", title=None, sort=None, axis=alt.Axis(labelLimit=LABEL_LIMIT[width])),
        x=alt.X("count:Q", title=S.AXIS_COUNT, axis=alt.Axis(format=",d", tickMinStep=1)),
    )
    bars = base.mark_bar(color=BAR_COLOUR)
    counts = base.mark_text(align="left", dx=4, fontSize=13).encode(text=alt.Text("count:Q", format=",d"))
    layered = alt.layer(bars, counts).properties(title=title, description=description,
                                                 width=width - LABEL_LIMIT[width] - 30, height=alt.Step(30))
    return _style(layered)


def money_bars(years: pd.DataFrame, description: str, width: int) -> dict:
    """Budget and spent per year, side by side (charts.money_by_year_bars)."""
    long = years.melt(id_vars="year", value_vars=["budget_nok", "actual_nok"], var_name="measure",
                      value_name="amount_nok")
    labels = {"budget_nok": T.MONEY_BUDGET, "actual_nok": T.MONEY_SPENT}
    long = long.assign(year=long["year"].astype(int).astype(str), measure_label=long["measure"].map(labels),
                       measure_order=long["measure"].map({"budget_nok": 0, "actual_nok": 1}))
    chart = charts.money_by_year_bars(long, description).properties(
        title=S.MONEY_CHART_TITLE, width=width - 100, height=260 if width == WIDE else 200)
    spec = _style(chart)
    if width == NARROW:  # the years side by side would overlap
        spec["encoding"]["x"]["axis"]["labelAngle"] = -45
    return spec


def _counts(values: pd.Series) -> pd.Series:
    return values.explode().dropna().value_counts()


def target_counts(data: PublicData) -> pd.DataFrame:
    """How many initiatives are for each target group, most first."""
    counts = _counts(data.initiatives["target_groups"])
    return pd.DataFrame({"label": list(counts.index), "count": [int(n) for n in counts]})


def _chart(key: str, title: str, description: str, spec, table_: Table) -> Chart:
    """`spec(width)` gives the chart's spec at a width."""
    return Chart(key, title, description, svg(spec(WIDE), key), svg(spec(NARROW), key), table_)


def overview_charts(data: PublicData, overview: Overview) -> list[Chart]:
    """The front page's charts: initiatives per phase, per focus area and
    per target group, and the money per year."""
    found = []
    initiatives = data.initiatives
    if len(initiatives):
        phases = initiatives["phase"].value_counts()
        frame = pd.DataFrame({"label": list(overview.phases[T.PHASE_COLUMN]),
                              "count": [int(phases.get(p, 0)) for p in overview.phases[T.PHASE_COLUMN]]})
        description = fmt.plain(overview.sentences[1])
        found.append(_chart("diagram-fase", S.PHASE_CHART_TITLE, description,
                            lambda w: count_bars(frame, S.PHASE_CHART_TITLE, description, w),
                            table(T.PHASE_TABLE_LABEL, overview.phases)))
    focus = _counts(initiatives["focus_areas"])
    if len(focus):
        areas = {words: area for area, words in T.FOCUS_AREA_WORDS.items()}
        labels = list(overview.focus[T.FOCUS_COLUMN])
        frame = pd.DataFrame({"label": labels, "count": [int(focus.get(areas.get(a, a), 0)) for a in labels]})
        description = fmt.plain(overview.sentences[-1])
        found.append(_chart("diagram-tema", S.FOCUS_CHART_TITLE, description,
                            lambda w: count_bars(frame, S.FOCUS_CHART_TITLE, description, w),
                            table(T.FOCUS_TABLE_LABEL, overview.focus)))
    targets = target_counts(data)
    if len(targets):
        first = targets["label"].iloc[0]
        description = fmt.plain(fmt.markdown(S.TARGET_SENTENCE, group=first[0].lower() + first[1:],
                                             count=fmt.number(targets["count"].iloc[0])))
        frame = pd.DataFrame({S.TARGET_COLUMN: targets["label"], T.COUNT_COLUMN: targets["count"].map(fmt.number)})
        found.append(_chart("diagram-malgruppe", S.TARGET_CHART_TITLE, description,
                            lambda w: count_bars(targets, S.TARGET_CHART_TITLE, description, w),
                            table(S.TARGET_TABLE_LABEL, frame)))
    if overview.year is not None:
        years = data.budgets.groupby("year", as_index=False)[["budget_nok", "actual_nok"]].sum()
        # the year's money and the total (the names of those over budget are on the page)
        description = fmt.plain(fmt.join(" ", [overview.money_sentences[0], *overview.money_sentences[2:]]))
        found.append(_chart("diagram-penger", S.MONEY_CHART_TITLE, description,
                            lambda w: money_bars(years, description, w),
                            table(T.YEARS_TABLE_LABEL, overview.years)))
    return found
