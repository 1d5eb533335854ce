"""How tables show statuses, dates and counts: through st.dataframe's
column configuration, drawn by the browser.

A pandas Styler did this before, but Streamlit turns a Styler into per-cell
display text and CSS on every rerun (about 20 ms for the overview's 100-row
status table at 10 000 initiatives, more than the rest of the page). Column
configuration costs nothing per cell on the server, and the data stays plain
(sorting by date or number works in the browser).

- A status is its Norwegian word on a light tint (the word always shows:
  status is never carried by colour alone). The browser draws black text on
  these tints, ≥ 13:1.
- Dates show as dd.mm.åååå. Counts follow the browser's Norwegian grouping
  ("1 234" in an nb-NO browser).
- Tables fit the screen (`dataframe`): the essential columns (name and status
  words) first, every column shown by default with a planned width, the rest
  behind a «Vis alle kolonner» toggle, long text wrapping in taller rows
  (portfolio.present.columns says which column is which, per table).
"""

from __future__ import annotations

import streamlit as st

from portfolio import fmt, texts
from portfolio.present import charts
from portfolio.present.columns import Columns
from portfolio.web import converted

# Light tints for status words (keys: the words shown, texts.STATUS_LABELS values)
STATUS_TINTS = charts.STATUS_TINTS
# The text colour the browser draws on these tints (checked in a screenshot)
TINT_TEXT = "#000000"
DATE_FORMAT = "DD.MM.YYYY"
# Row height (px) of a table with text that wraps: three lines. Streamlit lets
# text wrap only in rows taller than 4rem (64 px).
WRAP_ROW_PX = 68


def literal_table(data):
    """st.table's data, every cell and column name shown as the text it is
    (`fmt.literal_table`), made and converted to Arrow once per table object
    (portfolio.web.converted): a view's table, kept for every session, is not
    made again on each rerun. For a table kept in a view (`ui.view`); one
    made anew on each rerun (the public page's) goes through
    `fmt.literal_table`, which keeps nothing."""
    return converted.literal_table(data)


def labelled(words: dict[str, str], label: str | None = None, **kwargs) -> st.column_config.Column:
    """A column of words, each shown on its own tint (`words`: word → tint).
    Values are plain strings; words not in `words` show untinted."""
    return st.column_config.MultiselectColumn(
        label, options=list(words), color=list(words.values()), **kwargs
    )


def status(label: str | None = None, **kwargs) -> st.column_config.Column:
    return labelled(STATUS_TINTS, label, **kwargs)


def date(label: str | None = None, **kwargs) -> st.column_config.Column:
    return st.column_config.DateColumn(label, format=DATE_FORMAT, **kwargs)


def count(label: str | None = None, **kwargs) -> st.column_config.Column:
    return st.column_config.NumberColumn(label, format="localized", **kwargs)


def progress(label: str | None = None, **kwargs) -> st.column_config.Column:
    """Per cent 0–100 as a bar with the number as text beside it ("70 %")."""
    return st.column_config.ProgressColumn(label, format="%d %%", min_value=0, max_value=100, **kwargs)


def column_config(columns: Columns) -> dict:
    """Streamlit's column configuration for a table described by `columns`
    (portfolio.present.columns)."""
    config: dict = {name: status() for name in columns.statuses}
    config.update({name: date() for name in columns.dates})
    config.update({name: count() for name in columns.counts})
    config.update({name: progress() for name in columns.progress})
    config.update({name: labelled(dict(words)) for name, words in columns.tinted.items()})
    for name in columns.wide:
        config[name] = st.column_config.TextColumn(width="large", pinned=name in columns.pinned)
    config.update({name: st.column_config.TextColumn(width="medium") for name in columns.medium})
    for name in columns.pinned:
        config.setdefault(name, st.column_config.TextColumn(pinned=True))
    config.update({name: st.column_config.TextColumn(alignment="right") for name in columns.right})
    config.update({name: st.column_config.LinkColumn(display_text=text) for name, text in columns.links.items()})
    for name in (*columns.wrap, *columns.widths):
        config.setdefault(name, st.column_config.TextColumn())
    for name, column in config.items():
        width = columns.width(name)
        if width is not None:
            column["width"] = width
    return config


def dataframe(data, columns: Columns, *, key: str, **kwargs):
    """st.dataframe for a table described by `columns`: its essential columns
    first, every other column in the table's order, the `extra` ones only
    after «Vis alle kolonner» (a toggle above the table, there only when the
    table has such columns), and taller rows when a shown column's text
    wraps. `key` names the table (and its toggle: unique on the page);
    `data` is a DataFrame or a Styler; other arguments go to st.dataframe."""
    frame = getattr(data, "data", data)  # a Styler's frame
    names = [str(c) for c in frame.columns]
    hidden = columns.hidden(names)
    show_all = False
    if hidden:
        show_all = st.toggle(texts.TABLES["show_all"], key=f"{key}_all_columns",
                             help=fmt.markdown(texts.TABLES["show_all_help"], columns=", ".join(hidden)))
    order = columns.order(names, show_all)
    if columns.wraps(order):
        kwargs.setdefault("row_height", WRAP_ROW_PX)
    # a view's table is converted to Arrow once, not on every rerun (portfolio.web.converted)
    return st.dataframe(converted.arrow_table(data), key=key, column_order=order, column_config=column_config(columns),
                        **kwargs)
