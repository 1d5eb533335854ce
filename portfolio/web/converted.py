"""Tables and chart data converted to Arrow once per view, not on every rerun.

A page draws what a view holds (`ui.view`): a view is kept for every session,
so its tables and chart specs are the same objects on every rerun that draws
them. Streamlit converts a DataFrame into Arrow, and each of a chart's
datasets (rows as a list of dicts) into a DataFrame and then into Arrow,
every time it is drawn. On «Oversikt» under load (60 sessions changing
filters, py-spy on the thread holding the interpreter lock) the tables'
conversion was 11 % of the server's Python time and the charts' 8 %.

Here each is converted once per object, by the same Streamlit functions, and
Streamlit sends Arrow as it is. The same goes for st.table's tables, made
literal (`fmt.literal_table`) and converted once per object: on «Oversikt»
that was 4–5 ms of a 23–25 ms warm rerun (its phase and trend tables, AppTest,
10 000 × 52). The browser gets byte for byte what it got
before (tests/test_converted.py compares every table and chart on every
page).

The objects are kept by identity, in a bounded LRU that holds each object as
well, so that an id is never reused while its entry lives. An object made
anew on each rerun only misses: correct, just not faster. Only lists of rows
are converted in a chart (no chart of ours draws geographic data, which
Streamlit leaves in the spec). A Styler is left to Streamlit.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import pyarrow as pa
from streamlit import dataframe_util

from portfolio import fmt
from portfolio.web import kept

# A bound well under the views' own (ui.KEPT_VIEWS keeps 512): under load most filter
# combinations are new, and a kept conversion only pays when a view is drawn again
# soon (100 sessions on one process: peak RSS +63 MB with 1 024 objects and 64 MB kept)
KEPT = 512  # objects
KEPT_BYTES = 16 * 2**20  # and at most this much Arrow data

# id → (object, converted): holding the object keeps its id from being reused while its entry lives
_kept = kept.Kept(KEPT, max_bytes=KEPT_BYTES, size=lambda entry: _size(entry[1]))


def chart_spec(spec: dict) -> dict:
    """`spec` with each dataset of rows as Arrow IPC bytes, made once per spec
    object (a shallow copy: `spec` itself is never changed)."""
    return _once(spec, _with_arrow_datasets)


def arrow_table(data: Any) -> Any:
    """A DataFrame as the Arrow table Streamlit would make of it, made once
    per DataFrame object; anything else (a Styler) as it is."""
    if type(data) is not pd.DataFrame:
        return data
    return _once(data, dataframe_util.convert_pandas_df_to_arrow_table)


def literal_table(data: Any) -> Any:
    """st.table's data: `fmt.literal_table(data)` (every cell and column name
    shown as the text it is), as the Arrow table Streamlit would make of it,
    made once per DataFrame object; a Styler made literal each time."""
    if type(data) is not pd.DataFrame:
        return fmt.literal_table(data)
    return _once(data, _literal_arrow_table)


def _literal_arrow_table(frame: pd.DataFrame) -> Any:
    """The Arrow table of `fmt.literal_table(frame)`. A table of text and
    numbers with a plain index (0, 1, …) is put into the schema Streamlit
    made the first time it saw a table of the same column names and length,
    its cells made literal as lists, with no second DataFrame (about half of
    the 0.8–0.9 ms of the overview's two tables); any other is converted by
    Streamlit. tests/test_converted.py compares them."""
    columns = fmt.literal_columns(frame)
    index = frame.index
    if columns is None or not (type(index) is pd.RangeIndex and index.start == 0 and index.step == 1):
        return dataframe_util.convert_pandas_df_to_arrow_table(fmt.literal_table(frame))
    names = tuple(fmt.literal_names(frame.columns))
    return _in_schema(("literal", names, len(frame)), columns,
                      lambda: dataframe_util.convert_pandas_df_to_arrow_table(fmt.literal_table(frame)),
                      lambda table: len(set(names)) == len(names) and table.column_names == list(names)
                      and all(field.type in _FAST_TYPES[str] for field in table.schema))


def _once(source: Any, convert) -> Any:
    """`convert(source)`, kept by the conversion and the object's id."""
    return _kept.get((convert, id(source)), lambda: (source, convert(source)))[1]


def clear() -> None:
    """Forget every converted object (the benchmarks' cold runs)."""
    _kept.clear()


def _size(made: Any) -> int:
    if isinstance(made, dict):
        return sum(len(rows) for rows in made.get("datasets", {}).values() if isinstance(rows, bytes))
    return int(getattr(made, "nbytes", 0))


def _with_arrow_datasets(spec: dict) -> dict:
    datasets = spec.get("datasets")
    if not isinstance(datasets, dict):
        return spec
    return {**spec, "datasets": {
        name: rows_arrow_bytes(rows) if isinstance(rows, list) else rows
        for name, rows in datasets.items()
    }}


# The Arrow schemas Streamlit made of rows, by their columns, each column's Python type and
# how many rows there are (the schema's pandas metadata holds the row count)
_schemas: dict[tuple, pa.Schema] = {}
SCHEMAS = 256  # shapes kept at most (a chart's rows have one or a few)
_FAST_TYPES = {str: (pa.large_string(), pa.string()), int: (pa.int64(),), bool: (pa.bool_(),)}


def rows_arrow_bytes(rows: list) -> bytes:
    """`dataframe_util.convert_anything_to_arrow_bytes(rows)`: the same bytes.
    Streamlit makes a DataFrame of the rows and converts it (1.2 ms for the
    trend's 208 rows of 8 columns). Rows of text, whole numbers and truth
    values, every row with the same columns of the same types, are put into
    the schema Streamlit made the first time it saw rows of that shape, with
    no DataFrame (0.2 ms); anything else (a missing value, a decimal number,
    rows that differ) is converted by Streamlit. tests/test_converted.py
    compares the bytes."""
    if not rows or type(rows[0]) is not dict:
        return dataframe_util.convert_anything_to_arrow_bytes(rows)
    names = tuple(rows[0])
    kinds = tuple(map(type, rows[0].values()))
    if (not all(kind in _FAST_TYPES for kind in kinds)
            or any(type(row) is not dict or tuple(row) != names or tuple(map(type, row.values())) != kinds
                   for row in rows)):
        return dataframe_util.convert_anything_to_arrow_bytes(rows)
    try:
        table = _in_schema(
            (names, kinds, len(rows)), [[row[name] for row in rows] for name in names],
            lambda: dataframe_util.convert_pandas_df_to_arrow_table(dataframe_util.convert_anything_to_pandas_df(rows)),
            lambda table: table.column_names == list(names)
            and all(field.type in _FAST_TYPES[kind] for field, kind in zip(table.schema, kinds, strict=True)))
    except (pa.ArrowException, OverflowError):  # a whole number beyond int64: pandas makes another type of it
        return dataframe_util.convert_anything_to_arrow_bytes(rows)
    return dataframe_util.convert_arrow_table_to_arrow_bytes(table)


def _in_schema(shape: tuple, columns: list[list], convert, fits) -> pa.Table:
    """`columns` (Python lists) put into the schema Streamlit made the first
    time it saw `shape`. The first time, Streamlit's own table (`convert()`),
    its schema kept when `fits(table)` says the lists go into it as they are."""
    schema = _schemas.get(shape)
    if schema is None:
        table = convert()
        if len(_schemas) < SCHEMAS and fits(table):
            _schemas[shape] = table.schema
        return table
    return pa.Table.from_arrays([pa.array(cells, type=field.type) for cells, field in zip(columns, schema, strict=True)],
                                schema=schema)
