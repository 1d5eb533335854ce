"""The public page's «Følg arbeidet i Decidim» for one public initiative: the
results it delivers on the participation platform, how far each has come
(a bar with the per cent as text, and a sentence saying it in words), and
the links back to Decidim. Made from the public projection only
(portfolio.store.public.PublicData: the links of public initiatives and the
Decidim rows they name), never from the internal store. `cards_decidim` makes
every initiative's card at once, for the static site's pages
(portfolio.present.site_decidim).
"""

from __future__ import annotations

import collections
import dataclasses

import pandas as pd

from portfolio import fmt
from portfolio.present import decidim_words as decidim
from portfolio.present.columns import Columns
from portfolio.store.public import PublicData
from portfolio.texts import decidim_pages as T

SHOWN = 10  # results listed per initiative; the rest are counted


@dataclasses.dataclass(frozen=True)
class CardDecidim:
    """One public initiative's results on Decidim, in plain language."""

    sentence: fmt.Markdown  # how many, where, and how far they have come together
    table: pd.DataFrame  # result_columns(): title, progress, status, link
    more: int  # results not listed
    others: fmt.Markdown | None  # its proposals, budget projects and meetings, counted


def _status(status) -> str:
    return status.strip().lower() if isinstance(status, str) and status.strip() else T.PUBLIC_STATUS_UNKNOWN


def card_decidim(data: PublicData, initiative_id: str) -> CardDecidim | None:
    """The initiative's results on Decidim; None when it has none (nor other
    Decidim rows linked)."""
    links = data.decidim_links[data.decidim_links["initiative_id"] == initiative_id]
    if links.empty:
        return None
    linked = links.loc[links["entity"] == "results", "decidim_id"]
    rows = data.decidim_results[data.decidim_results["decidim_id"].isin(linked)]
    counts = {kind: int(getattr(data, f"decidim_{kind}")["decidim_id"].isin(
        links.loc[links["entity"] == kind, "decidim_id"]).sum()) for kind in decidim.KINDS}
    return _card(_ordered(rows), counts)


def cards_decidim(data: PublicData) -> dict[str, CardDecidim]:
    """`card_decidim` of every public initiative that has one, by initiative
    id, made at once (the static site's pages): the links grouped and the
    results ordered once, not filtered anew per initiative."""
    ordered = _ordered(data.decidim_results)
    position = {key: i for i, key in enumerate(ordered["decidim_id"])}
    known = {kind: collections.Counter(getattr(data, f"decidim_{kind}")["decidim_id"]) for kind in decidim.KINDS}
    linked: dict[str, dict[str, set]] = collections.defaultdict(lambda: collections.defaultdict(set))
    for initiative_id, entity, key in zip(data.decidim_links["initiative_id"], data.decidim_links["entity"],
                                          data.decidim_links["decidim_id"], strict=True):
        linked[initiative_id][entity].add(key)
    found = {}
    for initiative_id, by_entity in linked.items():
        rows = ordered.iloc[sorted(position[k] for k in by_entity.get("results", ()) if k in position)]
        counts = {kind: sum(known[kind][k] for k in by_entity.get(kind, ())) for kind in decidim.KINDS}
        card = _card(rows, counts)
        if card is not None:
            found[initiative_id] = card
    return found


def _ordered(rows: pd.DataFrame) -> pd.DataFrame:
    return rows.sort_values(["start_date", "title", "decidim_id"], na_position="last", kind="stable")


def _card(rows: pd.DataFrame, counts: dict[str, int]) -> CardDecidim | None:
    """The card of an initiative's results (in order) and its other Decidim rows, counted by kind."""
    rows = rows.reset_index(drop=True)
    others = fmt.markdown(T.PUBLIC_OTHER, items=decidim.kind_counts(counts)) if any(counts.values()) else None
    if rows.empty:
        if others is None:
            return None
        return CardDecidim(sentence=others, table=result_rows(rows), more=0, others=None)
    hosts = sorted({h for h in rows["host"] if isinstance(h, str) and h})
    host = hosts[0] if len(hosts) == 1 else T.HEADING
    progress = rows["progress"].dropna()
    if len(rows) == 1:
        sentence = fmt.markdown(T.PUBLIC_ONE, host=host)
    elif progress.empty:
        sentence = fmt.markdown(T.PUBLIC_MANY_NO_PROGRESS, count=fmt.number(len(rows)), host=host)
    else:
        sentence = fmt.markdown(T.PUBLIC_MANY, count=fmt.number(len(rows)), host=host,
                                progress=decidim.percent(progress.mean()))
    return CardDecidim(sentence=sentence, table=result_rows(rows.head(SHOWN)), more=max(len(rows) - SHOWN, 0),
                       others=others)


def result_rows(rows: pd.DataFrame) -> pd.DataFrame:
    """The results as the card's table (draw with `result_columns`)."""
    return pd.DataFrame({
        T.COL_TITLE: rows["title"].astype(object),
        T.COL_PROGRESS: rows["progress"].astype("float64"),
        T.COL_STATUS: [_status(s) for s in rows["status"]],
        T.COL_LINK: rows["url"].map(decidim.safe_url).astype(object),
    }, columns=[T.COL_TITLE, T.COL_PROGRESS, T.COL_STATUS, T.COL_LINK])


def result_columns() -> Columns:
    """On a phone each title with its progress (bar and per cent); the status and the link beside them."""
    return decidim.result_columns().only([T.COL_TITLE, T.COL_PROGRESS, T.COL_STATUS, T.COL_LINK])
