"""A chart's data frame as the rows of its Vega-Lite spec: the same rows
Altair makes, in about a third of the time.

Altair turns a chart's pandas frame into rows (its `to_values`) by copying
the frame and converting it column by column in pandas, then asking pandas
for records: about 4 ms for the trend chart's 208 rows at 52 snapshots, on
every filter change; `values` takes about 1.2 ms, making the same rows from
each column's Python list. The
spec, its dataset's name (a hash of the rows) and so the page are the same;
tests/test_chart_values.py compares the two on every kind of column and on
every chart the pages draw. A frame with a kind of column not handled here
goes to Altair's own conversion.

`transformer` is registered as Altair's data transformer when altair is
first imported (portfolio.present.lazy_altair).
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

NAME = "portfolio"
MAX_ROWS = 5000  # Altair's default limit: a larger frame is refused as before


def _scalar(value: object) -> object:
    """A value of an object column as pandas' records give it: numpy
    scalars as Python's, arrays as lists."""
    if isinstance(value, np.ndarray):
        return value.tolist()
    if isinstance(value, np.generic):
        return value.item()
    return value


def _column(series: pd.Series) -> list | None:
    """One column's values as Altair's `sanitize_pandas_dataframe` leaves them
    (missing values as None), or None for a kind of column not handled."""
    kind = series.dtype
    name = str(kind)
    if name in ("bool", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64"):
        return series.tolist()
    if name in ("float32", "float64"):
        return [None if math.isnan(v) or math.isinf(v) else v for v in series.tolist()]
    if name in _PY_DATETIME_UNITS:  # numpy gives Python datetimes, whose isoformat is the Timestamps'
        return ["" if v is None else v.isoformat() for v in series.to_numpy().tolist()]
    if name.startswith("datetime"):
        return ["" if v is pd.NaT else v.isoformat() for v in series]
    if name == "str":  # pandas' text: each value a str, or NaN when missing
        return [v if v == v else None for v in series.tolist()]
    if name in ("object", "string", "category", "boolean") or name in _NULLABLE:
        missing = series.isna().tolist()
        return [None if gone else _scalar(v) for v, gone in zip(series.astype(object).tolist(), missing, strict=True)]
    return None


_PY_DATETIME_UNITS = {"datetime64[s]", "datetime64[ms]", "datetime64[us]"}  # no zone, no nanoseconds
_NULLABLE = {"Int8", "Int16", "Int32", "Int64", "UInt8", "UInt16", "UInt32", "UInt64", "Float32", "Float64"}


def values(frame: pd.DataFrame) -> list[dict] | None:
    """The frame's rows as Altair's `to_values` gives them, or None when the
    frame has something this does not handle (Altair then converts it)."""
    names = list(frame.columns)
    if (isinstance(frame.columns, pd.MultiIndex) or isinstance(frame.index, pd.MultiIndex)
            or not all(isinstance(n, str) for n in names) or len(set(names)) != len(names)):
        return None
    columns = []
    for name in names:
        column = _column(frame[name])
        if column is None:
            return None
        columns.append(column)
    return [dict(zip(names, row, strict=True)) for row in zip(*columns, strict=True)] if columns else [{}] * len(frame)


PHASE_STATUS_COLUMNS = {"phase": "str", "status_overall": "str", "initiative_count": "int64", "status_order": "Int32"}


def phase_status_rows(counts: pd.DataFrame, labels: dict[str, str]) -> list[dict] | None:
    """`values` of the phase chart's frame (the overview's counts with each
    status's label added as `status_label`, charts.phase_status_data), made
    straight from the counts' columns with no labelled frame; None for counts
    whose columns are not those of the overview's (`PHASE_STATUS_COLUMNS`)."""
    if {name: str(kind) for name, kind in counts.dtypes.items()} != PHASE_STATUS_COLUMNS \
            or list(counts.columns) != list(PHASE_STATUS_COLUMNS):
        return None
    gone = counts["status_order"].isna().tolist()
    rows = []
    for phase, status, count, order, is_gone in zip(
            counts["phase"].tolist(), counts["status_overall"].tolist(), counts["initiative_count"].tolist(),
            counts["status_order"].astype(object).tolist(), gone, strict=True):
        status = status if status == status else None  # text: NaN when missing
        rows.append({"phase": phase if phase == phase else None, "status_overall": status,
                     "initiative_count": count, "status_order": None if is_gone else int(order),
                     "status_label": labels.get(status) if status is not None else None})
    return rows


def transformer(data):
    """Altair's default data transformer (its row limit, then `to_values`),
    with `values` for pandas frames."""
    from altair.utils.data import limit_rows, to_values

    checked = limit_rows(data, max_rows=MAX_ROWS)  # raises when there are too many; a narwhals frame
    if isinstance(data, pd.DataFrame):
        rows = values(data)
        if rows is not None:
            return {"values": rows}
    return to_values(checked)
