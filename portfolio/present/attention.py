"""«Trenger oppmerksomhet» at the top of the overview: what a leader should
look at first, one sentence per item, worst first, each with a link to the
place to act; and the links under the overview's key figures.

The items (queries/attention_items.sql, aggregated in DuckDB): initiatives
with red overall status; initiatives whose status moved towards red in any
dimension since the comparison snapshot; overdue milestones; decision points
(milestones of the kind «beslutningspunkt») due in the next 60 days. The
comparison snapshot is by default the last earlier snapshot whose note names a
KDL meeting, else the one current 30 days before the page's today.
"""

from __future__ import annotations

import collections
import dataclasses
import datetime as dt
import functools
import re

import numpy as np
import pandas as pd
import pyarrow as pa

from portfolio import fmt
from portfolio.model import schema
from portfolio.present import budget, links
from portfolio.present.filters import index_places, passing, places_in
from portfolio.present.history import local_time
from portfolio.present.links import TABLE_ROWS, PageLink
from portfolio.query import runner as queries
from portfolio.query.context import SnapshotContext, query
from portfolio.store.snapshots import SnapshotMeta
from portfolio.texts import overview as T

LINES = 10  # items shown as lines; the rest behind "og N til"
ROW_LIMIT = TABLE_ROWS  # items sent at most (lines and the rest together)
HORIZON_DAYS = 60  # decision points due from today up to today + this
FALLBACK_DAYS = 30  # without a KDL snapshot: the one current this many days ago
KDL = re.compile(r"\bKDL", re.IGNORECASE)
DECISION_KIND = schema.MILESTONE_KINDS[1]  # beslutningspunkt
CLOSED_RISK = schema.RISK_STATUSES[-1]  # lukket
RED = schema.STATUS_SEVERITY[0]  # rød
KINDS = ("red", "worse", "overdue", "risk", "decision")


# -- the comparison snapshot ---------------------------------------------------------

def compare_options(ctx: SnapshotContext) -> list[SnapshotMeta]:
    """The snapshots before the shown one, newest first."""
    shown = (ctx.meta.created_at, ctx.snapshot_id)
    return [m for m in reversed(ctx.snapshots) if (m.created_at, m.snapshot_id) < shown]


def names_kdl_meeting(meta: SnapshotMeta) -> bool:
    return bool(KDL.search(meta.note or ""))


def default_compare(ctx: SnapshotContext) -> str | None:
    """The last earlier snapshot whose note names a KDL meeting; else the one
    current `FALLBACK_DAYS` before the page's today (the oldest when all are
    younger); None when there is no earlier snapshot."""
    earlier = compare_options(ctx)
    for meta in earlier:
        if names_kdl_meeting(meta):
            return meta.snapshot_id
    cutoff = ctx.today - dt.timedelta(days=FALLBACK_DAYS)
    for meta in earlier:
        if meta.created.date() <= cutoff:
            return meta.snapshot_id
    return earlier[-1].snapshot_id if earlier else None


def compare_label(meta: SnapshotMeta) -> str:
    """A comparison choice as plain text: '17.11.2025 kl. 14:00 – Status til KDL-møte 17.11.2025'."""
    return T.COMPARE_LABEL.format(time=local_time(meta), note=meta.note or T.NO_NOTE)


# -- the items ---------------------------------------------------------------------------

@dataclasses.dataclass(frozen=True)
class Item:
    kind: str  # one of KINDS
    sentence: fmt.Markdown  # one sentence; names and titles made literal
    link: PageLink  # the place to act: the initiative's page

    @property
    def markdown(self) -> fmt.Markdown:
        """A list item: the kind's icon and the sentence as a link to the
        place to act. (A Markdown list wraps on a phone, where a page link's
        single line would be cut.)"""
        return fmt.markdown(T.LIST_ITEM[self.kind], sentence=self.sentence, url=self.link.url)


def as_list(items: tuple[Item, ...]) -> fmt.Markdown:
    """Items as one Markdown list, one line each."""
    return fmt.join("\n", [item.markdown for item in items])


@dataclasses.dataclass(frozen=True)
class View:
    """What the attention section draws for one snapshot, filters and comparison."""

    items: tuple[Item, ...]  # worst first, at most ROW_LIMIT
    total: int  # items in all
    counts: dict[str, int]  # items per kind
    compare: SnapshotMeta | None
    summary: fmt.Markdown

    @property
    def lines(self) -> tuple[Item, ...]:
        return self.items[:LINES]

    # The lists as Markdown, made on the first draw and kept with the view (which every
    # rerun with the same snapshot, filters and comparison draws): about a hundred
    # items, 1.3 ms a rerun at 10 000 initiatives when made on each
    @functools.cached_property
    def lines_markdown(self) -> fmt.Markdown:
        return as_list(self.lines)

    @functools.cached_property
    def rest_markdown(self) -> fmt.Markdown:
        return as_list(self.rest)

    @property
    def rest(self) -> tuple[Item, ...]:
        """The items behind "og N til" (those sent: at most ROW_LIMIT - LINES)."""
        return self.items[LINES:]

    @property
    def more_count(self) -> int:
        return max(self.total - LINES, 0)

    @property
    def more_label(self) -> fmt.Markdown:
        return fmt.markdown(T.MORE, count=fmt.number(self.more_count))

    @property
    def rest_note(self) -> fmt.Markdown | None:
        """Said below the rest when not all of it is sent."""
        if len(self.items) >= self.total:
            return None
        return fmt.markdown(T.MORE_CAPPED, shown=fmt.number(len(self.items)), count=fmt.number(self.total))


COUNT_COLUMNS = {"red": "red_count", "worse": "worse_items_count", "overdue": "overdue_count",
                 "risk": "risk_count", "decision": "decision_count"}  # per kind; total_count counts every item
EVERY_ITEM = 2**62  # a row limit that sends every item


def query_rows(ctx: SnapshotContext, filters: queries.Filters, compare_id: str | None,
               row_limit: int = ROW_LIMIT) -> pd.DataFrame:
    """queries/attention_items.sql as it stands, filters and all (what `rows` must equal)."""
    return query(
        ctx, "attention_items", compare_id=compare_id, filters=filters.as_param(), today=ctx.today,
        horizon_days=HORIZON_DAYS, decision_kind=DECISION_KIND, row_limit=row_limit,
        high_score=schema.RISK_HIGH_SCORE, closed_status=CLOSED_RISK,
    )


def rows(ctx: SnapshotContext, filters: queries.Filters, compare_id: str | None,
         row_limit: int = ROW_LIMIT) -> pd.DataFrame:
    """The first `row_limit` items that pass the filters, worst first, with the
    counts of them all: the rows of `query_rows`. Every item of the snapshot
    is one query, kept per snapshot and comparison (the runner's cache); a
    filter keeps the items of the initiatives that pass it. The items' order
    and what each says do not depend on the filters, so only the positions
    within each tier and the counts are worked out again (`filters.passing`:
    a few milliseconds instead of the query's 50–70 ms at 10 000 initiatives)."""
    every = query_rows(ctx, queries.Filters(), compare_id, row_limit=EVERY_ITEM)
    if filters.is_empty:
        return every.head(row_limit)
    sent, places = passing(ctx, filters, every, row_limit)
    kinds = every["item"].to_numpy()[places]
    sent["position"] = (sent.groupby("tier").cumcount() + 1).astype(every["position"].dtype)
    sent["total_count"] = sent["total_count"].dtype.type(len(kinds))
    for kind, column in COUNT_COLUMNS.items():
        sent[column] = sent[column].dtype.type((kinds == kind).sum())
    return sent


@dataclasses.dataclass(frozen=True)
class EveryItem:
    """Every item of a snapshot and comparison (`query_rows` unfiltered, worst
    first) as Arrow, with each item's initiative and kind's place in KINDS."""

    table: pa.Table
    initiative_ids: pa.Array
    kinds: np.ndarray
    row: type  # a named tuple of the table's columns: what `item` reads a row as


KINDS = tuple(COUNT_COLUMNS)


def every_item(ctx: SnapshotContext, compare_id: str | None) -> EveryItem:
    """Use through `ctx.kept`: once per snapshot and comparison."""
    every = query_rows(ctx, queries.Filters(), compare_id, row_limit=EVERY_ITEM)
    table = pa.Table.from_pandas(every, preserve_index=False)
    place = {kind: i for i, kind in enumerate(KINDS)}
    return EveryItem(table=table, initiative_ids=pa.array(every["initiative_id"], pa.string()),
                     kinds=np.array([place.get(k, len(KINDS)) for k in every["item"].tolist()], dtype=np.int64),
                     row=collections.namedtuple("Row", table.column_names))


def item_places(ctx: SnapshotContext, compare_id: str | None) -> np.ndarray:
    """Use through `ctx.kept`: every item's initiative's place among the
    snapshot's initiatives (`filters.index_places`), made on the first filter change."""
    return index_places(ctx, ctx.kept(every_item, compare_id).initiative_ids)


def made_items(ctx: SnapshotContext, compare_id: str | None) -> dict[int, Item]:
    """Use through `ctx.kept`: every item's line (`item`) by its place in
    `every_item`, made the first time a view sends it and kept for the views
    after it, once per snapshot and comparison. An item reads the same
    whatever the filters: a filter change makes only the lines no view has
    sent yet (about 100 a view, 30 µs each), and the kept views share them.
    At most every item of the snapshot: 5 805 at 10 000 initiatives, 8 MB."""
    return {}


def build_view(ctx: SnapshotContext, filters: queries.Filters, compare_id: str | None) -> View:
    """Use through `ui.view(build_view, ctx, filters, compare_id)`: built once per
    snapshot, filters and comparison. The first items of the initiatives that
    pass, and every one of them counted by kind, taken from every item
    (`every_item`, kept per snapshot and comparison) in numpy and Arrow: the
    same view as `build_view_from_rows` (tests/test_filtered_rows.py), without
    making a DataFrame of the items (12 of its 16 ms at 10 000 initiatives)."""
    compare = _compare(ctx, compare_id)
    compare_key = compare.snapshot_id if compare else None
    every = ctx.kept(every_item, compare_key)
    places = (np.arange(len(every.kinds)) if filters.is_empty
              else places_in(ctx, filters, ctx.kept(item_places, compare_key)))
    sent = places[:ROW_LIMIT].tolist()
    made = ctx.kept(made_items, compare_key)
    new = [place for place in sent if place not in made]
    if new:
        when = fmt.date(compare.created) if compare else ""
        for place, row in zip(new, every.table.take(pa.array(new, pa.int64())).to_pylist(), strict=True):
            made.setdefault(place, item(ctx, every.row(**row), when))  # another thread's, if it came first
    items = tuple(made[place] for place in sent)
    by_kind = np.bincount(every.kinds[places], minlength=len(KINDS) + 1)
    counts = {kind: int(by_kind[i]) for i, kind in enumerate(KINDS)}
    return View(items=items, total=len(places), counts=counts, compare=compare,
                summary=_summary(counts, len(places), compare))


def _compare(ctx: SnapshotContext, compare_id: str | None) -> SnapshotMeta | None:
    """The comparison snapshot by id, when it is one of `compare_options`."""
    return {m.snapshot_id: m for m in compare_options(ctx)}.get(compare_id) if compare_id else None


def build_view_from_rows(ctx: SnapshotContext, filters: queries.Filters, compare_id: str | None) -> View:
    """The view made from `rows` (what `build_view` must equal)."""
    compare = _compare(ctx, compare_id)
    found = rows(ctx, filters, compare.snapshot_id if compare else None)
    when = fmt.date(compare.created) if compare else ""
    items = tuple(item(ctx, row, when) for row in found.itertuples(index=False))
    first = found.iloc[0] if len(found) else None
    counts = {
        "red": int(first["red_count"]) if first is not None else 0,
        "worse": int(first["worse_items_count"]) if first is not None else 0,
        "overdue": int(first["overdue_count"]) if first is not None else 0,
        "risk": int(first["risk_count"]) if first is not None else 0,
        "decision": int(first["decision_count"]) if first is not None else 0,
    }
    total = int(first["total_count"]) if first is not None else 0
    return View(items=items, total=total, counts=counts, compare=compare,
                summary=_summary(counts, total, compare))


def _summary(counts: dict[str, int], total: int, compare: SnapshotMeta | None) -> fmt.Markdown:
    if total == 0:
        return fmt.markdown(T.NOTHING, days=HORIZON_DAYS)
    def count(n: int) -> fmt.Markdown:
        return fmt.number(n) if n else fmt.literal(T.NONE)

    parts = [
        fmt.markdown(T.PART_RED, count=count(counts["red"])),
        fmt.markdown(T.PART_WORSE, count=count(counts["worse"])),
        fmt.markdown(T.PART_OVERDUE_ONE if counts["overdue"] == 1 else T.PART_OVERDUE,
                     count=count(counts["overdue"])),
        fmt.markdown(T.PART_RISK_ONE if counts["risk"] == 1 else T.PART_RISK,
                     count=count(counts["risk"]), score=schema.RISK_HIGH_SCORE),
        fmt.markdown(T.PART_DECISION_ONE if counts["decision"] == 1 else T.PART_DECISION,
                     count=count(counts["decision"]), days=HORIZON_DAYS),
    ]
    joined = fmt.join(", ", parts)
    if compare is None:
        return fmt.markdown(T.SUMMARY_NO_COMPARE, parts=joined)
    return fmt.markdown(T.SUMMARY, date=fmt.date(compare.created), parts=joined)


def _days(count: int) -> fmt.Markdown:
    return fmt.markdown(T.DAY_ONE if count == 1 else T.DAYS, count=fmt.number(count))


def _status(value) -> str:
    return T.STATUS_WORDS.get(value, value)


def item(ctx: SnapshotContext, row, when: str) -> Item:
    """One row of `rows()` as a line: its sentence and the link to its initiative."""
    link = PageLink(links.INITIATIVE_PAGE, tuple(links.context_initiative_params(ctx, row.initiative_id).items()))
    kind = row.item
    if kind == "red":
        if fmt.missing(row.old_overall):
            sentence = fmt.markdown(T.RED_NEW if row.is_new else T.RED, name=row.name, date=when)
        elif row.worse_overall:
            sentence = fmt.markdown(T.RED_TURNED, name=row.name, old=_status(row.old_overall), date=when)
        else:
            sentence = fmt.markdown(T.RED_STILL, name=row.name, date=when)
    elif kind == "worse":
        changes = [
            fmt.markdown(T.CHANGE, dimension=T.DIMENSIONS[d], old=_status(getattr(row, f"old_{d}")),
                         new=_status(getattr(row, f"status_{d}")))
            for d in schema.STATUS_DIMENSIONS if getattr(row, f"worse_{d}")
        ]
        sentence = fmt.markdown(T.WORSE, name=row.name, date=when, changes=fmt.join(", ", changes))
    elif kind == "overdue":
        if row.milestone_kind == DECISION_KIND and not fmt.missing(row.decision_point):
            what = fmt.markdown(T.OVERDUE_DECISION_POINT, decision_point=row.decision_point)
        else:
            what = T.OVERDUE_WHAT.get(row.milestone_kind, T.OVERDUE_WHAT["milepæl"])
        sentence = fmt.markdown(T.OVERDUE, what=what, title=row.title,
                                name=row.name, due=fmt.date(row.due_date), days=_days(int(row.days)))
    elif kind == "risk":
        raised = not fmt.missing(row.old_score) and int(row.old_score) < int(row.score)
        values = dict(name=row.name, title=row.title, score=int(row.score), probability=int(row.probability),
                      consequence=int(row.consequence), date=when)
        if not when:
            sentence = fmt.markdown(T.RISK_ANY, **values)
        elif raised:
            sentence = fmt.markdown(T.RISK_RAISED, old=int(row.old_score), **values)
        else:
            sentence = fmt.markdown(T.RISK_NEW, **values)
    else:
        days = int(row.days)
        in_days = T.TODAY if days == 0 else T.TOMORROW if days == 1 else T.IN_DAYS.format(count=days)
        sentence = fmt.markdown(T.DECISION_NO_POINT if fmt.missing(row.decision_point) else T.DECISION,
                                name=row.name, decision_point=row.decision_point, title=row.title,
                                due=fmt.date(row.due_date), when=in_days)
    return Item(kind=kind, sentence=sentence, link=link)


# -- the links under the key figures -------------------------------------------------------

def kpi_links(ctx: SnapshotContext, filters: queries.Filters, year: int, red_count: int) -> dict[str, PageLink | None]:
    """Each overview key figure's link: the page filtered to exactly what it
    counts, with the same snapshot and filters. `red` is None when the
    filters leave red out (the count is then 0 and no page shows just that)."""
    keep = links.view_params(ctx, filters)
    status_key = links.URL_FILTERS["statuses"]
    others = tuple(p for p in keep if p[0] != status_key)
    red_allowed = not filters.statuses or RED in filters.statuses
    milestones = links.MILESTONES_PAGE
    money = PageLink(links.BUDGET_PAGE, (*keep, (budget.URL_YEAR, str(year))))
    return {
        "red": PageLink(links.OVERVIEW_PAGE, (*others, (status_key, RED))) if red_allowed and red_count else None,
        "overdue": PageLink(milestones, (*keep, (links.URL_MILESTONE_LIST, links.MILESTONE_LISTS[0]))),
        "due_soon": PageLink(milestones, (*keep, (links.URL_MILESTONE_LIST, links.MILESTONE_LISTS[1]))),
        "budget": money,
    }
