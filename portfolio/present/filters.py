"""The choices of the portfolio filters in the sidebar (portfolio.web.ui.filter_widgets):
the kommunalområder and the programmes of the snapshot shown. Made once per
snapshot (through `ui.view`), so a rerun draws the filters without going
through the query's frame again.

And the rows of a query over every initiative that pass the filters
(`passing`): a list whose order and content do not depend on the filters is
asked for once per snapshot, and each filter change asks DuckDB only which
initiatives pass (queries/changes_filtered_ids.sql, a few milliseconds)
instead of planning and running the whole query again (15–70 ms each at
10 000 initiatives).
"""

from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from portfolio.query import runner
from portfolio.query.context import SnapshotContext


@dataclasses.dataclass(frozen=True)
class Choices:
    areas: tuple[str, ...]
    programmes: dict[str, str]  # initiative id -> name, in the order of the names


def build_choices(ctx: SnapshotContext) -> Choices:
    """Use through `ui.view(build_choices, ctx)`: built once per snapshot."""
    options = ctx.query("filter_options")
    kinds, values, labels = (options[c].tolist() for c in ("kind", "value", "label"))
    return Choices(
        areas=tuple(v for k, v in zip(kinds, values, strict=True) if k == "area"),
        programmes={v: label for k, v, label in zip(kinds, values, labels, strict=True) if k == "programme"},
    )


def passing(ctx: SnapshotContext, filters: runner.Filters, every: pd.DataFrame,
            row_limit: int) -> tuple[pd.DataFrame, np.ndarray]:
    """The first `row_limit` rows of `every` (a query's rows, with an
    initiative_id column, in the order they are shown) whose initiative
    passes the filters, in that order; and, for every row that passes,
    limit or not, the row's place in `every` (to count them)."""
    if filters.is_empty:
        return every.head(row_limit), np.arange(len(every))
    places = passing_places(ctx, filters, every["initiative_id"])
    return every.iloc[places[:row_limit]].reset_index(drop=True), places


def passing_places(ctx: SnapshotContext, filters: runner.Filters, initiative_ids: pd.Series) -> np.ndarray:
    """The places, in order, of the ids whose initiative passes the filters."""
    if filters.is_empty:
        return np.arange(len(initiative_ids))
    return places_of(initiative_ids, passing_ids(ctx, filters))


def places_of(initiative_ids: pd.Series, ids: pa.Array) -> np.ndarray:
    """The places, in order, of the initiative ids that are among `ids`."""
    is_kept = pc.is_in(pa.array(initiative_ids, pa.string()), value_set=ids)
    return np.flatnonzero(is_kept.to_numpy(zero_copy_only=False))


def passing_ids(ctx: SnapshotContext, filters: runner.Filters) -> pa.Array:
    """The ids of the snapshot's initiatives that pass the filters."""
    return pa.array(ctx.query("changes_filtered_ids", filters=filters.as_param())["initiative_id"], pa.string())
