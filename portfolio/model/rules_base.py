"""What the rules of the data model share (portfolio.model.rules and
rules_collaboration): a problem found across tables (`Finding`), and reading
values out of the frames the rules check."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import NamedTuple

import numpy as np
import pandas as pd


def as_numbers(series: pd.Series) -> pd.Series:
    return pd.to_numeric(series, errors="coerce").astype(float)


def missing(value: object) -> bool:
    return value is None or value is pd.NA or value is pd.NaT or (isinstance(value, float) and value != value)


class Finding(NamedTuple):
    """A problem found across tables: the table, the row's position (from 0),
    the column and the message."""

    table: str
    position: int
    column: str
    message: str


def has(tables: Mapping[str, pd.DataFrame], usable: set[str], name: str, columns: Iterable[str]) -> bool:
    frame = tables.get(name)
    return name in usable and frame is not None and all(c in frame.columns for c in columns)


def dates(series: pd.Series) -> pd.Series:
    return pd.to_datetime(series, errors="coerce")


def true(series: pd.Series) -> np.ndarray:
    """Yes/no values as booleans, a missing value as no."""
    return series.astype(object).where(series.notna(), False).astype(bool).to_numpy()


def first_by_key(frame: pd.DataFrame, key: str, column: str) -> dict:
    """`column` of each key value's first row (a key found twice is reported
    by the uniqueness check; the first row speaks for it here)."""
    out: dict = {}
    for k, v in zip(frame[key].tolist(), frame[column].tolist(), strict=True):
        if isinstance(k, str) and k not in out:
            out[k] = v
    return out
