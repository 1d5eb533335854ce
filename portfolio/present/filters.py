"""The choices of the portfolio filters in the sidebar (portfolio.web.ui.filter_widgets):
the kommunalområder and the programmes of the snapshot shown. Made once per
snapshot (through `ui.view`), so a rerun draws the filters without going
through the query's frame again.

And the rows of a query over every initiative that pass the filters
(`passing`): a list whose order and content do not depend on the filters is
asked for once per snapshot, and each filter change works out which
initiatives pass instead of planning and running the whole query again
(15–70 ms each at 10 000 initiatives). Which pass is worked out in numpy
over the columns the filters read, coded once per snapshot (`row_index`,
queries/filter_rows.sql; under a millisecond at 10 000 initiatives, where
asking DuckDB (queries/changes_filtered_ids.sql) took 4–9 ms, most of it
planning). The conditions are those of the filtered_initiatives macro
(queries/_macros.sql); tests/test_filtered_rows.py checks that the same
initiatives pass.
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


def places_of(initiative_ids: pd.Series | pa.Array, ids: pa.Array) -> np.ndarray:
    """The places, in order, of the initiative ids that are among `ids`."""
    if not isinstance(initiative_ids, pa.Array):
        initiative_ids = pa.array(initiative_ids, pa.string())
    is_kept = pc.is_in(initiative_ids, value_set=ids)
    return np.flatnonzero(is_kept.to_numpy(zero_copy_only=False))


def passing_ids(ctx: SnapshotContext, filters: runner.Filters) -> pa.Array:
    """The ids of the snapshot's initiatives that pass the filters."""
    return ctx.kept(snapshot_index).ids.filter(pa.array(ctx.kept(passing_mask, filters)))


def index_places(ctx: SnapshotContext, initiative_ids: pd.Series | pa.Array) -> np.ndarray:
    """Each id's place among the snapshot's initiatives (`snapshot_index`;
    -1 when it is not one of them): kept once per snapshot for a table a
    filter change takes rows of, so that it finds them with `places_in`."""
    if not isinstance(initiative_ids, pa.Array):
        initiative_ids = pa.array(initiative_ids, pa.string())
    found = pc.index_in(initiative_ids, value_set=ctx.kept(snapshot_index).ids)
    return found.fill_null(-1).to_numpy(zero_copy_only=False).astype(np.int64)


def places_in(ctx: SnapshotContext, filters: runner.Filters, at: np.ndarray) -> np.ndarray:
    """The places, in order, of the rows whose initiative passes the
    filters (some are in use), from the rows' places among the snapshot's
    initiatives (`index_places`): `passing_places` on the rows' ids, in numpy."""
    passes = ctx.kept(passing_mask, filters)
    return np.flatnonzero((at >= 0) & passes[np.maximum(at, 0)])


def passing_mask(ctx: SnapshotContext, filters: runner.Filters) -> np.ndarray:
    """Use through `ctx.kept`: whether each of the snapshot's initiatives
    passes the filters, once per snapshot and filters (the overview's key
    figures, status table, «Trenger oppmerksomhet» and Decidim figure each
    ask; a boolean per initiative, 10 kB at 10 000)."""
    return passing_rows(ctx.kept(snapshot_index), filters)


def query_passing_ids(ctx: SnapshotContext, filters: runner.Filters) -> pa.Array:
    """`passing_ids` with the filters in SQL (what it must equal)."""
    return pa.array(ctx.query("changes_filtered_ids", filters=filters.as_param())["initiative_id"], pa.string())


# The filters on one value of a row, and on a list of values (any of them passes), by the column they read
ONE_VALUE = {"areas": "owner_area", "phases": "phase", "statuses": "status_overall"}
ANY_VALUE = {"focus_areas": "focus_areas", "target_groups": "target_groups"}


@dataclasses.dataclass(frozen=True)
class RowIndex:
    """The columns the filters read, of a list of rows (initiatives, or
    their versions), as numbers: each text column as a code per row (-1
    when empty) and the code of each value; each list column as the row and
    the code of each of its values."""

    size: int
    ids: pa.Array  # initiative_id per row
    codes: dict[str, tuple[np.ndarray, dict[str, int]]]
    members: dict[str, tuple[np.ndarray, np.ndarray, dict[str, int]]]


def row_index(rows: pa.Table) -> RowIndex:
    """The index of rows with the columns of queries/filter_rows.sql."""
    codes = {column: _coded(rows.column(column)) for column in (*ONE_VALUE.values(), "initiative_id", "parent_id")}
    members = {}
    for column in ANY_VALUE.values():
        lists = rows.column(column).combine_chunks()
        at = pc.list_parent_indices(lists).to_numpy(zero_copy_only=False).astype(np.int64)
        members[column] = (at, *_coded(pc.list_flatten(lists)))
    return RowIndex(size=rows.num_rows, ids=rows.column("initiative_id").combine_chunks().cast(pa.string()),
                    codes=codes, members=members)


def snapshot_index(ctx: SnapshotContext) -> RowIndex:
    """Use through `ctx.kept`: the snapshot's initiatives, once per snapshot."""
    return row_index(ctx.query_table("filter_rows"))


def _coded(values: pa.Array | pa.ChunkedArray) -> tuple[np.ndarray, dict[str, int]]:
    """A code per value (-1 when empty), and each text's code."""
    if isinstance(values, pa.ChunkedArray):
        values = values.combine_chunks()
    encoded = pc.dictionary_encode(values)
    codes = encoded.indices.fill_null(-1).to_numpy(zero_copy_only=False).astype(np.int64)
    return codes, {text: code for code, text in enumerate(encoded.dictionary.to_pylist())}


def passing_rows(index: RowIndex, filters: runner.Filters) -> np.ndarray:
    """Whether each row passes the filters (filtered_initiatives' conditions:
    every filter in use holds; an empty value passes none)."""
    keep = np.ones(index.size, dtype=bool)
    for field, column in ONE_VALUE.items():
        chosen = getattr(filters, field)
        if chosen:
            keep &= _is_in(*index.codes[column], chosen)
    for field, column in ANY_VALUE.items():
        chosen = getattr(filters, field)
        if chosen:
            at, codes, lookup = index.members[column]
            hit = np.zeros(index.size, dtype=bool)
            hit[at[_is_in(codes, lookup, chosen)]] = True
            keep &= hit
    if filters.programmes:  # the programme itself, or an initiative under it
        keep &= (_is_in(*index.codes["initiative_id"], filters.programmes)
                 | _is_in(*index.codes["parent_id"], filters.programmes))
    return keep


def _is_in(codes: np.ndarray, lookup: dict[str, int], chosen: tuple[str, ...]) -> np.ndarray:
    wanted = [lookup[value] for value in chosen if value in lookup]
    return np.isin(codes, wanted) if wanted else np.zeros(len(codes), dtype=bool)
