"""Counts added up by key in plain Python: for the few hundred rows of an
aggregate query, faster than pandas masks or pivot_table per key (a cold
filter change builds several; bench/README.md)."""

from __future__ import annotations

import pandas as pd


def tally(counts: pd.Series, *keys: pd.Series) -> dict:
    """`counts` added up per key: the value of the one key column, or a
    tuple of the values of several."""
    found: dict = {}
    columns = [key.tolist() for key in keys]
    for *key, count in zip(*columns, counts.tolist(), strict=True):
        at = key[0] if len(key) == 1 else tuple(key)
        found[at] = found.get(at, 0) + int(count)
    return found
