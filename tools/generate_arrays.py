"""numpy and pandas helpers of the generator: object arrays, day numbers and
date lookup, weighted random draws, and DataFrames that keep text as objects."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

EPOCH = dt.date(1970, 1, 1)


def object_array(values) -> np.ndarray:
    out = np.empty(len(values), dtype=object)
    out[:] = values
    return out


class Dates:
    """datetime.date objects for day numbers (days since 1970-01-01), by lookup."""

    def __init__(self) -> None:
        self.lo = 0
        self.values = np.array([None], dtype=object)

    def take(self, days: np.ndarray, missing: np.ndarray | None = None) -> np.ndarray:
        present = days if missing is None else days[~missing]
        if len(present):
            lo, hi = int(present.min()), int(present.max())
            if lo < self.lo or hi >= self.lo + len(self.values) - 1:
                self._grow(lo, hi)
        index = days - self.lo
        if missing is not None:
            index = np.where(missing, -1, index)  # the last value is None
        return self.values.take(index)

    def _grow(self, lo: int, hi: int) -> None:
        if len(self.values) > 1:
            lo, hi = min(lo, self.lo), max(hi, self.lo + len(self.values) - 2)
        lo, hi = lo - 366, hi + 366
        self.lo = lo
        self.values = object_array(
            [EPOCH + dt.timedelta(days=d) for d in range(lo, hi + 1)] + [None]
        )


def day_number(date: dt.date) -> int:
    return (date - EPOCH).days


def year_start(year: np.ndarray) -> np.ndarray:
    """Day number of 1 January of each year."""
    return (year - 1970).astype("datetime64[Y]").astype("datetime64[D]").astype(np.int64)


def years_of(days: np.ndarray) -> np.ndarray:
    return days.astype("datetime64[D]").astype("datetime64[Y]").astype(np.int64) + 1970


def sample(rng: np.random.Generator, probs: np.ndarray, shape: tuple[int, ...]) -> np.ndarray:
    """Category draws of the given shape; probs is (k,) or a leading part of shape + (k,)."""
    cum = np.cumsum(probs, axis=-1)
    cum[..., -1] = 1.0
    u = rng.random(shape)
    if cum.ndim == 1:
        return np.searchsorted(cum, u, side="right").astype(np.int8)
    while cum.ndim < len(shape) + 1:
        cum = cum[..., None, :]
    return (u[..., None] >= cum).sum(axis=-1).astype(np.int8)


def weighted_order(rng: np.random.Generator, n: int, weights) -> np.ndarray:
    """Per row, a random order of the categories, heavier ones first (Efraimidis–Spirakis)."""
    keys = -np.log(rng.random((n, len(weights)))) / np.asarray(weights)
    return np.argsort(keys, axis=1)


def lists(order: np.ndarray, counts: np.ndarray, values: tuple[str, ...]) -> np.ndarray:
    return object_array([[values[j] for j in row[:c]] for row, c in zip(order.tolist(), counts.tolist(), strict=False)])


def vocab_take(vocab: list, index: np.ndarray) -> np.ndarray:
    return object_array(vocab).take(index)


def object_frame(columns: dict) -> pd.DataFrame:
    """A DataFrame that keeps text columns as plain Python objects.

    pandas 3 would otherwise convert them to its Arrow-backed "str" dtype,
    which validate.normalize iterates about twice as slowly.
    """
    return pd.DataFrame(
        {
            name: pd.Series(values, dtype=object, copy=False)
            if isinstance(values, np.ndarray) and values.dtype == object
            else values
            for name, values in columns.items()
        }
    )
