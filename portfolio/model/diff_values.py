"""The values the change engine compares (portfolio/model/diff.py): a table
normalised so that the same data compares equal however it was read, and
rows matched by their key.

Missing values (None, NaN, NaT, pd.NA, empty text) are None, text is
trimmed, dates are `datetime.date`, list cells (lists or numpy arrays) are
tuples, whole numbers are `int`, decimal numbers (schema FLOAT) are `float`
(so 12 and 12.0 are the same value). A value that is not of its column's type
(invalid data in an import preview) is kept as it is, trimmed.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from portfolio.model import schema


def json_value(value: Any) -> Any:
    """A normalised value as JSON: dates as ISO strings, tuples as lists."""
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, (tuple, list)):
        return [json_value(v) for v in value]
    if isinstance(value, np.generic):
        return value.item()
    return value


# -- normalisation ------------------------------------------------------------

def _missing(value: Any) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    if isinstance(value, (float, np.floating)):
        return bool(np.isnan(value))
    return False


def _text(value: Any) -> Any:
    if isinstance(value, str):
        value = value.strip()
        return value or None
    if _missing(value):
        return None
    return value.item() if isinstance(value, np.generic) else value


def _date(value: Any) -> Any:
    if _missing(value):  # first: NaT is a datetime too
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, np.datetime64):
        return pd.Timestamp(value).date()
    if isinstance(value, str):
        text = value.strip()
        if not text:
            return None
        try:
            return dt.date.fromisoformat(text[:10])
        except ValueError:
            return text
    return value


def _int(value: Any) -> Any:
    if _missing(value):
        return None
    if isinstance(value, (bool, np.bool_)):
        return value
    if isinstance(value, (int, np.integer)):
        return int(value)
    if isinstance(value, (float, np.floating)) and float(value).is_integer():
        return int(value)
    return _text(value)


def _float(value: Any) -> Any:
    if _missing(value):
        return None
    if isinstance(value, (bool, np.bool_)):
        return value
    if isinstance(value, (int, float, np.integer, np.floating)):
        return float(value)
    return _text(value)


def _bool(value: Any) -> Any:
    if _missing(value):
        return None
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    return _text(value)


def _items(value: Any) -> tuple:
    if isinstance(value, str):
        value = [value]
    elif value is None or (not hasattr(value, "__len__") and _missing(value)):
        return ()
    items = (_text(v) for v in list(value))
    return tuple(v for v in items if v is not None)


def _column_values(column: schema.Column, series: pd.Series) -> list:
    if isinstance(series.dtype, pd.StringDtype) and column.type_name == "string":
        return _strings(series)  # as read from Parquet: only text or missing
    values = series.tolist()
    if column.is_list:
        return [_items(v) for v in values]
    kind = column.type_name
    if kind == "date":  # as read from Parquet: dates or None
        date = dt.date
        return [v if v is None or type(v) is date else _date(v) for v in values]
    if kind == "int":
        if series.dtype == np.int64:
            return values  # tolist() gave Python ints
        if series.dtype == np.float64:  # whole numbers with missing values, as read from Parquet
            return [None if v != v else int(v) if v.is_integer() else v for v in values]
        return [_int(v) for v in values]
    if kind == "float":
        if series.dtype == np.float64:  # tolist() gave Python floats; NaN is missing
            return [None if v != v else v for v in values]
        return [_float(v) for v in values]
    if kind == "bool":
        if series.dtype == np.bool_:
            return values
        return [_bool(v) for v in values]
    return [_text(v) for v in values]


def _strings(series: pd.Series) -> list:
    """A text column trimmed, empty text as None (on Arrow: no Python call per value)."""
    trimmed = pc.utf8_trim_whitespace(pa.array(series))
    return pc.if_else(pc.equal(trimmed, ""), pa.scalar(None, trimmed.type), trimmed).to_pylist()


def normalize(table: schema.Table, frame: pd.DataFrame | None) -> pd.DataFrame:
    """The table with every declared column as normalised Python values
    (object dtype), rows without a complete key dropped, one row per key."""
    frame = pd.DataFrame() if frame is None else frame.reset_index(drop=True)
    n = len(frame)
    data = {}
    for column in table.columns:
        if column.name in frame.columns:
            data[column.name] = _column_values(column, frame[column.name])
        else:
            data[column.name] = [() if column.is_list else None] * n
    out = pd.DataFrame({name: pd.Series(values, dtype=object) for name, values in data.items()},
                       columns=table.column_names)
    if n:
        complete = np.ones(n, dtype=bool)
        for key in table.key:
            complete &= out[key].notna().to_numpy()
        out = out[complete].drop_duplicates(list(table.key), keep="first")
    return out.reset_index(drop=True)


# -- matching rows ----------------------------------------------------------------

def differs(old: np.ndarray, new: np.ndarray) -> np.ndarray:
    """Elementwise on object arrays; every value is a normalised scalar or tuple."""
    return np.asarray(old != new, dtype=bool)


def changed_cells(table: schema.Table, both: pd.DataFrame, skip: tuple[str, ...] = ()):
    """(row position, column, old value, new value) for every non-key cell
    that differs in rows matched by `match`, column by column; columns in
    `skip` left out."""
    for column in table.columns:
        if column.name in table.key or column.name in skip:
            continue
        a, b = both[f"{column.name}_old"].to_numpy(dtype=object), both[f"{column.name}_new"].to_numpy(dtype=object)
        for row in np.flatnonzero(differs(a, b)):
            yield row, column.name, a[row], b[row]


def match(table: schema.Table, old: pd.DataFrame, new: pd.DataFrame):
    """Rows only in old, only in new, and in both (columns suffixed _old/_new)."""
    key = list(table.key)
    merged = old.merge(new, on=key, how="outer", suffixes=("_old", "_new"), indicator=True, sort=False)
    removed = merged[merged["_merge"] == "left_only"]
    added = merged[merged["_merge"] == "right_only"]
    both = merged[merged["_merge"] == "both"].reset_index(drop=True)
    return removed, added, both
