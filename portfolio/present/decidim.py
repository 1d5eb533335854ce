"""What the pages show of Decidim, the participation platform (issue 17):
the initiative page's «Decidim» section (its linked results with status and
progress, and its linked budget projects, proposals and meetings) and the
overview's key figure (how many of the shown initiatives have results
citizens can follow there). The public page's is in
portfolio.present.public_decidim, from the public projection only.

A Decidim row's link back to Decidim is data: only an http(s) address is
kept (`safe_url`), drawn as a link column (portfolio.web.tables), never as
Markdown.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import numpy as np
import pandas as pd

from portfolio import fmt
from portfolio.present.columns import Columns
from portfolio.present.decidim_words import DONE, KINDS, kind_counts, percent, safe_url, status_word
from portfolio.present.filters import index_places, passing_mask
from portfolio.query import runner as queries
from portfolio.query.context import SnapshotContext, query
from portfolio.texts import decidim_pages as T

ROW_LIMIT = 200  # results (and other items) listed per initiative; more are counted


def results_summary(rows: pd.DataFrame, count: int) -> fmt.Markdown:
    """The results in one sentence: what the bars show, in words."""
    progress = rows["progress"].dropna()
    if count == 1 and len(rows):
        row = rows.iloc[0]
        if fmt.missing(row["progress"]):
            return fmt.markdown(T.RESULTS_SUMMARY_NO_PROGRESS, count=fmt.number(1))
        return fmt.markdown(T.RESULTS_SUMMARY_ONE, title=f"«{row['title']}»", progress=percent(row["progress"]),
                            status=status_word(row["status"]).lower())
    if progress.empty:
        return fmt.markdown(T.RESULTS_SUMMARY_NO_PROGRESS, count=fmt.number(count))
    return fmt.markdown(T.RESULTS_SUMMARY, count=fmt.number(count), progress=percent(progress.mean()),
                        done=fmt.number(int((progress >= DONE).sum())),
                        going=fmt.number(int(((progress > 0) & (progress < DONE)).sum())),
                        waiting=fmt.number(int((progress <= 0).sum())))


def result_rows(rows: pd.DataFrame) -> pd.DataFrame:
    """The linked results as the page's table (draw with `result_columns`)."""
    return pd.DataFrame({
        T.COL_TITLE: rows["title"].astype(object),
        T.COL_PROGRESS: rows["progress"].astype("float64"),
        T.COL_STATUS: rows["status"].map(status_word).astype(object),
        T.COL_PERIOD_START: rows["start_date"],
        T.COL_PERIOD_END: rows["end_date"],
        T.COL_CATEGORY: rows["category"].astype(object).where(rows["category"].notna(), "–"),
        T.COL_LINK: rows["url"].map(safe_url).astype(object),
    })


def _when(starts_at, is_online) -> str:
    """A meeting's start, stored as Norwegian local time «YYYY-MM-DD HH:MM»: «28.01.2025 kl. 18.00»."""
    text = str(starts_at)
    try:
        moment = dt.datetime.strptime(text, "%Y-%m-%d %H:%M")
        when = f"{fmt.date(moment.date())} kl. {moment:%H.%M}"
    except ValueError:
        when = text
    return f"{when}, {T.MEETING_ONLINE}" if is_online is True else when


def item_detail(row: pd.Series) -> str:
    """One budget project, proposal or meeting in a few words."""
    if row["entity"] == "projects":
        return T.PROJECT_DETAIL.format(amount=fmt.kr(None if fmt.missing(row["budget_amount"])
                                                     else int(row["budget_amount"])),
                                       votes=fmt.number(0 if fmt.missing(row["confirmed_votes"])
                                                        else int(row["confirmed_votes"])))
    if row["entity"] == "proposals":
        state = T.PROPOSAL_STATES.get(row["state"], T.PROPOSAL_UNANSWERED) if isinstance(row["state"], str) \
            else T.PROPOSAL_UNANSWERED
        return T.PROPOSAL_DETAIL.format(state=state, votes=fmt.number(0 if fmt.missing(row["votes"])
                                                                      else int(row["votes"])))
    when = _when(row["starts_at"], None if fmt.missing(row["is_online"]) else bool(row["is_online"]))
    if fmt.missing(row["attendees"]):
        return T.MEETING_DETAIL_NOT_COUNTED.format(when=when)
    return T.MEETING_DETAIL.format(when=when, attendees=fmt.number(int(row["attendees"])))


def item_rows(rows: pd.DataFrame) -> pd.DataFrame:
    """The linked projects, proposals and meetings as one table (draw with `item_columns`)."""
    return pd.DataFrame({
        T.COL_ITEM: rows["title"].astype(object),
        T.COL_KIND: rows["entity"].map(T.KIND).astype(object),
        T.COL_DETAIL: [item_detail(row) for _, row in rows.iterrows()],
        T.COL_LINK: rows["url"].map(safe_url).astype(object),
    }, columns=[T.COL_ITEM, T.COL_KIND, T.COL_DETAIL, T.COL_LINK])


def item_columns() -> Columns:
    return Columns(
        wide=(T.COL_ITEM,), pinned=(T.COL_ITEM,), medium=(T.COL_DETAIL,),
        links={T.COL_LINK: T.LINK_TEXT},
        essential=(T.COL_ITEM, T.COL_KIND),
        widths={T.COL_KIND: 130},
        wrap=(T.COL_ITEM, T.COL_DETAIL),
    )


@dataclasses.dataclass(frozen=True)
class InitiativeView:
    """The initiative page's «Decidim» section for one initiative in one snapshot."""

    result_count: int
    results_summary: fmt.Markdown | None
    results_capped: fmt.Markdown | None  # when more results than shown
    results: pd.DataFrame  # decidim_words.result_columns()
    item_count: int
    items_summary: fmt.Markdown | None
    items: pd.DataFrame  # item_columns()

    @property
    def is_empty(self) -> bool:
        return not self.result_count and not self.item_count


def build_initiative_view(ctx: SnapshotContext, initiative_id: str) -> InitiativeView:
    """Use through `ui.view(build_initiative_view, ctx, initiative_id)`: built once per snapshot and initiative."""
    rows = ctx.query("decidim_initiative_results", initiative_id=initiative_id, row_limit=ROW_LIMIT)
    count = int(rows["total_count"].iloc[0]) if len(rows) else 0
    items = ctx.query("decidim_initiative_items", initiative_id=initiative_id, row_limit=ROW_LIMIT)
    counts = {k: int(items.loc[items["entity"] == k, "kind_count"].iloc[0]) if (items["entity"] == k).any() else 0
              for k in KINDS}
    item_count = sum(counts.values())
    return InitiativeView(
        result_count=count,
        results_summary=results_summary(rows, count) if count else None,
        results_capped=fmt.markdown(T.RESULTS_CAPPED, shown=fmt.number(len(rows)), count=fmt.number(count))
        if count > len(rows) else None,
        results=result_rows(rows),
        item_count=item_count,
        items_summary=fmt.markdown(T.OTHER_SUMMARY, items=kind_counts(counts)) if item_count else None,
        items=item_rows(items),
    )


@dataclasses.dataclass(frozen=True)
class OverviewFigure:
    """The overview's key figure: of the initiatives the filters show, how
    many have results on Decidim. `shown` is False when the snapshot holds
    no Decidim results at all (the page then says nothing of Decidim)."""

    shown: bool
    with_results: int
    total: int
    result_count: int
    done_count: int
    mean_progress: float | None

    @property
    def value(self) -> str:
        return T.KPI_VALUE.format(count=fmt.number(self.with_results), total=fmt.number(self.total))

    @property
    def help(self) -> str:
        if self.mean_progress is None:
            return T.KPI_HELP_NONE
        return T.KPI_HELP.format(progress=percent(self.mean_progress), done=fmt.number(self.done_count),
                                 results=fmt.number(self.result_count))


def build_overview_figure(ctx: SnapshotContext, filters: queries.Filters) -> OverviewFigure:
    """Use through `ui.view(build_overview_figure, ctx, filters)`: built once per snapshot and filters.

    With filters, the figure is added up in numpy from each initiative's
    results (`result_links`, kept per snapshot) for the initiatives that pass
    (`filters.passing_mask`): a filter change runs no query.
    `query_overview_figure` is the same with the filters in SQL
    (tests/test_filtered_rows.py compares them)."""
    if filters.is_empty:
        return query_overview_figure(ctx, filters)
    every = query_overview_figure(ctx, queries.Filters())  # the unfiltered page's, kept per snapshot
    passes = ctx.kept(passing_mask, filters)
    links = ctx.kept(result_links)
    kept = (links.at >= 0) & passes[np.maximum(links.at, 0)]
    pairs = np.unique(links.pair[kept])
    progress = links.progress[pairs]
    progress = progress[~np.isnan(progress)]
    return dataclasses.replace(
        every, with_results=len(np.unique(links.initiative[kept])), total=int(passes.sum()), result_count=len(pairs),
        done_count=int((progress >= 100).sum()), mean_progress=float(progress.mean()) if len(progress) else None,
    )


@dataclasses.dataclass(frozen=True)
class ResultLinks:
    """queries/decidim_overview_results.sql's rows as numbers: each row's
    initiative as its place among the snapshot's initiatives
    (`filters.index_places`) and as a code, and the row's result (its id and
    progress) as a code; each result code's progress (NaN when none)."""

    at: np.ndarray
    initiative: np.ndarray
    pair: np.ndarray
    progress: np.ndarray


def result_links(ctx: SnapshotContext) -> ResultLinks:
    """Use through `ctx.kept`: once per snapshot."""
    links = query(ctx, "decidim_overview_results")
    at = index_places(ctx, links["initiative_id"])
    pair = links.groupby(["decidim_id", "progress"], dropna=False, sort=False).ngroup().to_numpy(dtype=np.int64)
    progress = np.full(int(pair.max()) + 1 if len(pair) else 0, np.nan)
    progress[pair] = links["progress"].to_numpy(dtype=np.float64, na_value=np.nan)
    return ResultLinks(at=at, initiative=pd.factorize(links["initiative_id"])[0].astype(np.int64), pair=pair,
                       progress=progress)


def query_overview_figure(ctx: SnapshotContext, filters: queries.Filters) -> OverviewFigure:
    """The overview's Decidim figure with the filters in SQL (queries/decidim_overview.sql)."""
    row = query(ctx, "decidim_overview", filters=filters.as_param()).iloc[0]
    mean = row["mean_progress"]
    return OverviewFigure(
        shown=int(row["decidim_result_count"]) > 0,
        with_results=int(row["with_results_count"]),
        total=int(row["initiative_count"]),
        result_count=int(row["result_count"]),
        done_count=int(row["done_count"]),
        mean_progress=None if fmt.missing(mean) else float(mean),
    )
