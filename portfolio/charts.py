"""Altair chart builders. Charts get data already aggregated in SQL.

Every chart carries a `description` (read by screen readers), Norwegian
number and time formats, and status colours that are always paired with the
status word (legend, labels, tooltip).
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from portfolio import schema, texts

# Fill colours of the statuses; each bar has a dark outline so that even the
# light yellow has enough contrast against the white background.
STATUS_COLOURS = {
    "grønn": "#2e7d32",
    "gul": "#f2c500",
    "rød": "#c62828",
    "ikke vurdert": "#8a8a8a",
}
OUTLINE = "#1f1f1f"

# Table cells that hold a status word: dark text on a light tint, contrast ≥ 7:1.
# Keys are the Norwegian words shown (texts.STATUS_LABELS values).
STATUS_CELL_STYLES = {
    "Grønn": "background-color: #d8efd9; color: #0b3d12",
    "Gul": "background-color: #fff1b8; color: #4a3800",
    "Rød": "background-color: #f8d3d1; color: #6d0c0c",
    "Ikke vurdert": "background-color: #ececec; color: #2b2b2b",
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
    data = counts.assign(
        status_label=counts["status_overall"].map(texts.STATUS_LABELS),
    )
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
