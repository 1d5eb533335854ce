"""Tables and chart data converted to Arrow once per view
(portfolio/web/converted.py): the browser gets byte for byte the tables and
charts Streamlit sends for the DataFrames and specs themselves, and for
st.table's tables made literal (`fmt.literal_table`) on each rerun."""

from __future__ import annotations

import pandas as pd
import pytest
from streamlit.delta_generator import DeltaGenerator
from streamlit.testing.v1 import AppTest

from conftest import DEMO_DATA, open_app_page
from portfolio.web import converted
from test_charts import PAGES as CHART_PAGES

# the pages with charts (and how many), and the other pages with tables
PAGES = [*CHART_PAGES, ("views/changes.py", {}, None), ("views/history.py", {}, None),
         ("views/public_page.py", {}, None)]


def _draw_each_kept_object_as_it_is() -> None:
    """An AppTest script: every DataFrame and spec the pages drew, given to
    Streamlit as it is (the tables with the arguments they were drawn with)."""
    import streamlit as st

    from portfolio import fmt
    from portfolio.web import converted

    for source, _ in converted._kept.values():
        if isinstance(source, dict):
            st.vega_lite_chart(source, width="stretch")
    for source, arguments in st.session_state["drawn_tables"]:
        st.dataframe(source, **arguments)
    for source, is_drawn, arguments in st.session_state["drawn_literal"]:
        st.table(source if is_drawn else fmt.literal_table(source), **arguments)


def _elements(at: AppTest, kind: str) -> list[bytes]:
    return sorted(element.proto.SerializeToString() for element in at.get(kind))


def test_every_table_and_chart_on_the_pages_is_sent_as_streamlit_sends_it(data_env, monkeypatch):
    """Every page with charts or tables (demo data): what goes to the browser
    is what Streamlit sends for the view's own DataFrame or spec."""
    import streamlit as st

    data_env(DEMO_DATA)
    converted.clear()
    drawn: list[tuple[pd.DataFrame, dict]] = []  # each table the pages draw, with its arguments
    draw = st.dataframe

    def record(data, **arguments):
        source = next((s for s, made in converted._kept.values() if made is data), data)
        drawn.append((source, arguments))
        return draw(data, **arguments)

    drawn_literal: list[tuple[object, bool, dict]] = []  # each st.table's view table (or Styler), with its arguments

    def record_literal(draw_table):
        def table(*args, **arguments):  # (data,) for st.table, (container, data) for a column's .table
            data = args[-1]
            source = next((s for s, made in converted._kept.values() if made is data), None)
            if source is None:  # fmt.literal_table's, or a Styler: made literal on each rerun, drawn as it is
                drawn_literal.append((data, True, arguments))
            else:
                drawn_literal.append((source, False, arguments))
            return draw_table(*args, **arguments)
        return table

    monkeypatch.setattr(st, "dataframe", record)  # our own record of the calls; Streamlit draws them
    monkeypatch.setattr(st, "table", record_literal(st.table))
    monkeypatch.setattr(DeltaGenerator, "table", record_literal(DeltaGenerator.table))
    charts, tables, literal = [], [], []
    for page, params, count in PAGES:
        at = open_app_page(page, **params)
        assert count is None or len(at.get("vega_lite_chart")) == count, page
        charts += _elements(at, "vega_lite_chart")
        tables += _elements(at, "dataframe")
        literal += _elements(at, "table")
    monkeypatch.undo()
    kept = list(converted._kept.values())
    assert len([s for s, _ in kept if isinstance(s, dict)]) == len(set(charts))  # a chart on two pages is one spec
    assert len(tables) >= 10 and len(drawn) >= len(tables)  # (a page opened by name runs the overview first)
    assert len([s for s, _ in kept if isinstance(s, pd.DataFrame)]) >= 5  # tables.dataframe's, converted
    for source, made in kept:  # converted, and the view's own object left as it was
        if isinstance(source, dict):
            assert all(isinstance(rows, bytes) for rows in made["datasets"].values())
            assert all(isinstance(rows, list) for rows in source["datasets"].values())
    plain = AppTest.from_function(_draw_each_kept_object_as_it_is, default_timeout=60)
    plain.session_state["drawn_tables"] = drawn
    plain.session_state["drawn_literal"] = drawn_literal
    plain.run()
    assert not plain.exception
    assert set(_elements(plain, "vega_lite_chart")) == set(charts)
    assert set(_elements(plain, "dataframe")) == set(tables)
    assert len(set(literal)) >= 8 and set(_elements(plain, "table")) == set(literal)
    assert sum(not is_drawn for _, is_drawn, _ in drawn_literal) >= 5  # the views' tables, kept literal


def test_each_object_is_converted_once_and_the_kept_ones_are_bounded(monkeypatch):
    monkeypatch.setattr(converted._kept, "max_entries", 3)
    converted.clear()
    specs = [{"mark": "bar", "datasets": {f"d{n}": [{"x": n}]}} for n in range(5)]
    first = converted.chart_spec(specs[0])
    assert converted.chart_spec(specs[0]) is first  # the same spec object: converted once
    for spec in specs[1:]:
        converted.chart_spec(spec)
    assert [source for source, _ in converted._kept.values()] == specs[2:]
    assert converted.chart_spec({"mark": "bar"}) == {"mark": "bar"}  # nothing to convert
    frame = pd.DataFrame({"a": [1, 2]})
    assert converted.arrow_table(frame) is converted.arrow_table(frame)
    assert converted.arrow_table(frame.style) is not None and not isinstance(converted.arrow_table(frame.style), pd.DataFrame)


@pytest.mark.parametrize("limit", [1, 10_000])
def test_the_kept_arrow_data_is_bounded_in_bytes(monkeypatch, limit):
    monkeypatch.setattr(converted._kept, "max_bytes", limit)
    converted.clear()
    frames = [pd.DataFrame({"a": range(100)}) for _ in range(4)]
    for frame in frames:
        converted.arrow_table(frame)
    kept = [source for source, _ in converted._kept.values()]
    assert kept == (frames[-1:] if limit == 1 else frames)
    assert converted._kept.kept_bytes == sum(converted._size(made) for _, made in converted._kept.values())


def test_rows_become_the_arrow_bytes_streamlit_makes_of_them(monkeypatch):
    """A chart's rows: the bytes dataframe_util makes of them, the first time
    a shape is seen (Streamlit converts) and after it (put into the schema it made)."""
    from streamlit import dataframe_util

    monkeypatch.setattr(converted, "_schemas", {})
    cases = [
        [{"a": "x", "n": 1, "b": True}, {"a": "ø «å»", "n": -2, "b": False}],
        [{"a": "", "n": 0, "b": False}, {"a": "y", "n": 2**62, "b": True}],  # the same shape, other values
        [{"a": "x", "n": 1, "b": True}],  # another row count
        [{"a": "x", "n": 2**63, "b": True}, {"a": "y", "n": 1, "b": True}],  # beyond int64
        [{"a": "x", "n": 1}, {"a": None, "n": 2}],  # a missing value
        [{"a": "x", "n": 1.5}, {"a": "y", "n": float("nan")}],  # decimals
        [{"a": "x", "n": 1}, {"n": 2, "a": "y"}],  # columns in another order
        [{"a": "x", "n": 1}, {"a": "y", "n": True}],  # another type in a column
        [{"a": "x"}, {"a": "y", "extra": 1}],
        [],
    ]
    for rows in cases * 2:
        assert converted.rows_arrow_bytes(rows) == dataframe_util.convert_anything_to_arrow_bytes(rows), rows
    assert len(converted._schemas) == 2  # the two shapes of text, whole numbers and truth values
    monkeypatch.setattr(converted, "SCHEMAS", 0)  # and none kept beyond the bound
    converted._schemas.clear()
    assert converted.rows_arrow_bytes(cases[0]) == dataframe_util.convert_anything_to_arrow_bytes(cases[0])
    assert not converted._schemas


def test_a_literal_table_is_the_arrow_table_streamlit_makes_of_it(monkeypatch):
    """st.table's tables: the Arrow table of `fmt.literal_table(frame)`, the
    first time a shape is seen (Streamlit converts) and after it (the cells
    put into the schema it made), whatever the cells hold."""
    import numpy as np
    from streamlit import dataframe_util

    from portfolio import fmt

    monkeypatch.setattr(converted, "_schemas", {})
    frames = [
        pd.DataFrame({"Dato": ["1. mai", "**2. mai**"], "Grønn": ["1", "2"], "[x]": ["", "#3"]}),
        pd.DataFrame({"Dato": ["3. mai", "4. mai"], "Grønn": ["5", None], "[x]": ["a", "b"]}),  # the same shape
        pd.DataFrame({"Dato": ["3. mai"], "Grønn": ["5"], "[x]": ["a"]}),  # another length
        pd.DataFrame({"n": [1, 2], "f": [1.5, np.nan], "t": ["x", "y"]}),
        pd.DataFrame({"a": ["x", "y"]}, index=["r1", "r2"]),
        pd.DataFrame({"a": ["x", "y"]}, index=pd.RangeIndex(1, 3)),
        pd.DataFrame({"a": pd.Categorical(["x", "y"])}),
        pd.DataFrame({"a": pd.Series([], dtype="str")}),
    ]
    for frame in frames * 2:
        want = dataframe_util.convert_pandas_df_to_arrow_table(fmt.literal_table(frame))
        got = converted._literal_arrow_table(frame)
        assert got.equals(want, check_metadata=True), frame
        assert dataframe_util.convert_arrow_table_to_arrow_bytes(got) == dataframe_util.convert_arrow_table_to_arrow_bytes(want)
    assert len(converted._schemas) == 3  # two shapes of text and one of numbers (made text), the others converted
