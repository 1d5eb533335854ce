"""The «Tiltak» page before an initiative is chosen: every initiative with its
overall status, phase, kommunalområde and programme, a link to its page, and a
search by words (name, area, programme, phase or status word)."""

from __future__ import annotations

import dataclasses

import pandas as pd

from portfolio import fmt, texts
from portfolio.present import links
from portfolio.present.columns import OVERALL_STATUS_PX, PHASE_PX, Columns
from portfolio.present.links import TABLE_ROWS
from portfolio.query.context import SnapshotContext, query
from portfolio.texts import initiative as T

PHASE = texts.COLUMN_LABELS["initiatives"]["phase"]


@dataclasses.dataclass(frozen=True)
class InitiativeList:
    """The rows shown (at most TABLE_ROWS, by name), the id of each row, how
    many initiatives matched the search and how many there are."""

    table: pd.DataFrame
    ids: tuple[str, ...]
    total: int
    count: int
    caption: str


def search_text(rows: pd.DataFrame) -> pd.Series:
    """What a search looks in, per initiative: name, area, programme, phase
    and status word, case ignored."""
    parts = [rows["name"], rows["owner_area"], rows["programme_name"].fillna(""), rows["phase"],
             rows["status_overall"].map(texts.STATUS_LABELS).fillna("")]
    return pd.concat(parts, axis=1).astype(str).agg(" ".join, axis=1).str.casefold()


def build(ctx: SnapshotContext, search: str = "", limit: int = TABLE_ROWS) -> InitiativeList:
    """Use through `ui.view(build, ctx, search)`: the initiatives whose name,
    area, programme, phase or status holds every word of `search`."""
    rows = query(ctx, "initiative_list")
    words = search.casefold().split()
    matched = rows
    if words and len(rows):
        haystack = search_text(rows)
        mask = pd.Series(True, index=rows.index)
        for word in words:
            mask &= haystack.str.contains(word, regex=False)
        matched = rows[mask]
    shown = matched.head(limit)
    table = pd.DataFrame(
        {
            T.COL_NAME: shown["name"],
            T.COL_OVERALL: shown["status_overall"].map(texts.STATUS_LABELS),
            PHASE: shown["phase"],
            T.COL_AREA: shown["owner_area"],
            T.COL_PROGRAMME: shown["programme_name"].fillna(T.EMPTY),
            T.COL_LINK: links.initiative_column(ctx, shown["initiative_id"]),
        }
    ).reset_index(drop=True)
    total, count = len(matched), len(rows)
    return InitiativeList(table=table, ids=tuple(shown["initiative_id"]), total=total, count=count,
                          caption=caption(search, len(table), total, count))


def caption(search: str, shown: int, total: int, count: int) -> fmt.Markdown:
    if total == 0:
        return fmt.markdown(T.LIST_NONE, search=search.strip())
    if total > shown:
        return fmt.markdown(T.LIST_CAPPED, shown=fmt.number(shown), total=fmt.number(total))
    if search.strip():
        return fmt.markdown(T.LIST_MATCHES, shown=fmt.number(total), count=fmt.number(count))
    return fmt.markdown(T.LIST_ALL, count=fmt.number(count))


def columns() -> Columns:
    """On a phone each name with its overall status; on a laptop also phase,
    kommunalområde, programme and the link (names wrap)."""
    return Columns(
        statuses=(T.COL_OVERALL,), links={T.COL_LINK: T.LINK_TEXT},
        essential=(T.COL_NAME, T.COL_OVERALL), pinned=(T.COL_NAME,),
        widths={T.COL_NAME: 200, T.COL_OVERALL: OVERALL_STATUS_PX, PHASE: PHASE_PX, T.COL_AREA: 185,
                T.COL_PROGRAMME: 220},
    )
