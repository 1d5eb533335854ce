"""The status trend: how many initiatives had each overall status in every
snapshot up to the one shown, with the overview filters (a section of the
overview page)."""

from __future__ import annotations

import dataclasses

import pandas as pd

from portfolio import fmt, texts
from portfolio.model import schema
from portfolio.present import charts, snapshots
from portfolio.present.tally import tally
from portfolio.query import runner as queries
from portfolio.query.context import SnapshotContext, query
from portfolio.texts import trend as T


def query_name(filters: queries.Filters) -> str:
    """The unfiltered trend reads every snapshot on the lake, once per
    snapshot (a first visit needs nothing else built); a filtered one reads
    the initiatives' versions in memory, built when a filter is first used
    (queries/status_trend_filtered.sql): the same rows, a filter change's
    query in a sixth of the time."""
    return "status_trend" if filters.is_empty else "status_trend_filtered"


def counts(ctx: SnapshotContext, filters: queries.Filters) -> pd.DataFrame:
    """One row per snapshot and status (0 when none), oldest first, with a
    unique date label per snapshot for the chart and the table."""
    rows = query(ctx, query_name(filters), filters=filters.as_param())
    ids = rows["snapshot_id"].tolist()
    snapshot_ids = list(dict.fromkeys(ids))
    labels = snapshots.labels(ctx, snapshot_ids)
    order = {sid: i for i, sid in enumerate(snapshot_ids)}
    statuses = rows["status_overall"].tolist()
    return rows.assign(  # from Python lists: pandas' map on a text column costs a millisecond a column
        snapshot_label=pd.Series([labels[sid] for sid in ids], index=rows.index, dtype="str"),
        snapshot_order=pd.Series([order[sid] for sid in ids], index=rows.index, dtype="int64"),
        status_label=pd.Series([texts.STATUS_LABELS[status] for status in statuses], index=rows.index, dtype="str"),
    )


def _cells(data: pd.DataFrame) -> dict[tuple[str, str], int]:
    """The counts by (snapshot id, status), added up."""
    return tally(data["initiative_count"], data["snapshot_id"], data["status_overall"])


HEADLINE_STATUSES = ("rød", "grønn")


def named_statuses(statuses: tuple[str, ...] = ()) -> list[str]:
    """The statuses a takeaway speaks of: those of a status filter, most
    critical first, or red and green when there is none."""
    chosen = set(statuses)
    return [s for s in schema.STATUS_SEVERITY if s in chosen] if chosen else list(HEADLINE_STATUSES)


def takeaway(data: pd.DataFrame, statuses: tuple[str, ...] = ()) -> str:
    """The first and last snapshot's counts of the statuses `named_statuses`
    picks for the status filter `statuses`."""
    if data.empty or data["initiative_count"].sum() == 0:
        return T.TAKEAWAY_EMPTY
    ids = data["snapshot_id"].drop_duplicates().tolist()
    first, last = ids[0], ids[-1]
    label = dict(zip(data["snapshot_id"], data["snapshot_label"], strict=False))
    cells = _cells(data)
    named = named_statuses(statuses)

    def count(snapshot_id: str, status: str) -> str:
        return fmt.number(cells.get((snapshot_id, status), 0))

    if first == last:
        counts = [fmt.markdown(T.TAKEAWAY_COUNT[s], n=count(last, s)) for s in named]
        return fmt.markdown(T.TAKEAWAY_ONE, counts=_listed(counts, T.TAKEAWAY_COUNT_SEPARATOR,
                                                           T.TAKEAWAY_COUNT_LAST_SEPARATOR), date=label[last])
    changes = [fmt.markdown((T.TAKEAWAY_NEXT if i else T.TAKEAWAY_FIRST)[s], before=count(first, s), after=count(last, s))
               for i, s in enumerate(named)]
    return fmt.markdown(T.TAKEAWAY, first=label[first], last=label[last],
                        changes=_listed(changes, T.TAKEAWAY_SEPARATOR, T.TAKEAWAY_LAST_SEPARATOR))


def _listed(parts: list, separator: str, last_separator: str) -> fmt.Markdown:
    """Parts joined as a Norwegian list: "a, b og c"."""
    if len(parts) < 2:
        return fmt.join("", parts)
    return fmt.join(last_separator, [fmt.join(separator, parts[:-1]), parts[-1]])


def caption(ctx: SnapshotContext, data: pd.DataFrame) -> str:
    return fmt.markdown(T.CAPTION, count=fmt.number(data["snapshot_id"].nunique()), date=fmt.date(ctx.meta.created))


def table_rows(data: pd.DataFrame) -> pd.DataFrame:
    """One row per snapshot, newest first; one column per status and the total."""
    return pd.DataFrame({name: values if name == T.COL_DATE else pd.Series(values, dtype="int64")
                         for name, values in _table_columns(data).items()})


def _table_columns(data: pd.DataFrame) -> dict[str, list]:
    """`table_rows`' columns as lists: the dates, the counts per status, the totals."""
    cells = _cells(data)
    order = dict(zip(data["snapshot_id"].tolist(), data["snapshot_order"].tolist(), strict=True))
    label = dict(zip(data["snapshot_id"].tolist(), data["snapshot_label"].tolist(), strict=True))
    ids = sorted(order, key=order.__getitem__, reverse=True)
    by_status = {texts.STATUS_LABELS[status]: [cells.get((sid, status), 0) for sid in ids]
                 for status in schema.STATUSES}
    totals = [sum(counts) for counts in zip(*by_status.values(), strict=True)] if ids else []
    return {T.COL_DATE: [label[sid] for sid in ids], **by_status, T.COL_TOTAL: totals}


@dataclasses.dataclass(frozen=True)
class View:
    """The trend section for one snapshot and set of filters."""

    takeaway: str
    caption: str
    chart: dict  # Vega-Lite spec
    table: pd.DataFrame


def build_view(ctx: SnapshotContext, filters: queries.Filters) -> View:
    """Use through `ui.view(build_view, ctx, filters)`: built once per snapshot and filters."""
    data = counts(ctx, filters)
    text = takeaway(data, filters.statuses)
    return View(takeaway=text, caption=caption(ctx, data), chart=charts.status_trend_spec(data, fmt.plain(text)),
                table=table_text(data))


def table_text(data: pd.DataFrame) -> pd.DataFrame:
    """`table_rows` with the counts in Norwegian format (for st.table)."""
    columns = _table_columns(data)
    return pd.DataFrame({name: pd.Series(values if name == T.COL_DATE else [fmt.number(n) for n in values], dtype="str")
                         for name, values in columns.items()})
