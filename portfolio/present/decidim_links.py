"""The section «Koble Decidim til tiltak» on «Oppdater data» as plain data
(issue 17, item 3): how many Decidim rows have no link, the link suggestions
as rows of an editor (one per Decidim row: the best initiative, the others
named beside it), the rows without a link, the links that point at nothing;
and the links table with the accepted suggestions added. The matching itself
is portfolio.model.decidim_links."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from portfolio.model import decidim_links as links_model
from portfolio.model.schema_decidim import DECIDIM_ENTITIES

SUGGESTIONS_SHOWN = 200  # editor rows at most (the best first); the rest after a save
UNLINKED_SHOWN = 1000  # rows of the list of unlinked rows at most
ACCEPT, OTHERS = "accept", "others"  # the editor's own columns besides the suggestion's
EDITOR_COLUMNS = [ACCEPT, "entity", "decidim_id", "title", "initiative_id", "score", "reason", OTHERS]
LINK_COLUMNS = ["entity", "decidim_id", "initiative_id"]
OTHERS_SEPARATOR = "; "
EMPTY = "–"


@dataclass(frozen=True)
class Counts:
    entity: str
    unlinked: int
    total: int


@dataclass(frozen=True)
class LinksView:
    has_rows: bool  # the snapshot has Decidim rows
    options: dict[str, str]  # initiative id -> name, by name
    counts: tuple[Counts, ...]
    suggestions: pd.DataFrame  # EDITOR_COLUMNS, at most SUGGESTIONS_SHOWN rows, best first
    suggestion_count: int  # Decidim rows with a suggestion
    unlinked: pd.DataFrame  # links_model.UNLINKED_COLUMNS, at most UNLINKED_SHOWN rows
    unlinked_count: int
    dangling: pd.DataFrame  # links_model.DANGLING_COLUMNS


def initiative_options(frames: dict[str, pd.DataFrame]) -> dict[str, str]:
    initiatives = frames.get("initiatives")
    if initiatives is None or not len(initiatives):
        return {}
    pairs = sorted(zip(initiatives["name"].astype(str), initiatives["initiative_id"].astype(str), strict=True),
                   key=lambda pair: (pair[0].casefold(), pair[1]))
    return {initiative_id: name for name, initiative_id in pairs}


def editor_rows(suggestions: pd.DataFrame, limit: int = SUGGESTIONS_SHOWN) -> pd.DataFrame:
    """One row per Decidim row: its best suggestion, not yet accepted, and the
    other suggested initiatives by name; the best scores first (then entity
    and Decidim id), at most `limit` rows."""
    if not len(suggestions):
        return pd.DataFrame({column: pd.Series(dtype=bool if column == ACCEPT else object)
                             for column in EDITOR_COLUMNS})
    rank = suggestions.groupby(["entity", "decidim_id"], sort=False).cumcount()
    best = suggestions[rank == 0]
    order = best["entity"].map({e: i for i, e in enumerate(DECIDIM_ENTITIES)})
    best = best.assign(_o=order).sort_values(["score", "_o", "decidim_id"], ascending=[False, True, True],
                                             kind="stable").head(limit)
    rest = suggestions[rank > 0]
    shown = pd.MultiIndex.from_frame(best[["entity", "decidim_id"]])
    rest = rest[pd.MultiIndex.from_frame(rest[["entity", "decidim_id"]]).isin(shown)]
    others = rest.groupby(["entity", "decidim_id"], sort=False)["initiative_name"].agg(OTHERS_SEPARATOR.join)
    best = best.merge(others.rename(OTHERS).reset_index(), on=["entity", "decidim_id"], how="left")
    best[OTHERS] = best[OTHERS].fillna("")
    best[ACCEPT] = False
    return best[EDITOR_COLUMNS].reset_index(drop=True)


def build(frames: dict[str, pd.DataFrame]) -> LinksView:
    """What the section shows of a snapshot's tables."""
    counts = tuple(Counts(entity, free, total) for entity, (free, total) in links_model.unlinked_counts(frames).items())
    suggestions = links_model.suggest_links(frames) if counts else pd.DataFrame(columns=links_model.SUGGESTION_COLUMNS)
    rows = editor_rows(suggestions)
    unlinked = links_model.unlinked(frames) if counts else pd.DataFrame(columns=links_model.UNLINKED_COLUMNS)
    return LinksView(
        has_rows=bool(counts), options=initiative_options(frames), counts=counts, suggestions=rows,
        suggestion_count=int(suggestions[["entity", "decidim_id"]].drop_duplicates().shape[0]),
        unlinked=shown_text(unlinked.head(UNLINKED_SHOWN).reset_index(drop=True), ["title", "category", "scope"]),
        unlinked_count=len(unlinked),
        dangling=links_model.dangling(frames),
    )


def shown_text(frame: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """Empty text cells as «–» (a table shows an empty cell as «None»)."""
    return frame.assign(**{c: frame[c].astype(object).where(frame[c].notna(), EMPTY) for c in columns})


def accepted(edited: pd.DataFrame) -> pd.DataFrame:
    """The editor's accepted rows as links (entity, decidim_id, initiative_id)."""
    if not len(edited):
        return pd.DataFrame(columns=LINK_COLUMNS)
    chosen = edited[edited[ACCEPT].fillna(False).astype(bool) & edited["initiative_id"].notna()]
    out = chosen[LINK_COLUMNS].copy()
    out["decidim_id"] = out["decidim_id"].astype("int64")
    out["initiative_id"] = out["initiative_id"].astype(str)
    return out.reset_index(drop=True)


def with_links(frames: dict[str, pd.DataFrame], new: pd.DataFrame) -> pd.DataFrame:
    """The links table with `new` links added after the stored ones (a link
    already stored is not added twice)."""
    stored = frames.get("decidim_links")
    parts = [stored[LINK_COLUMNS].astype(object)] if stored is not None and len(stored) else []
    parts.append(new[LINK_COLUMNS].astype(object))
    out = pd.concat(parts, ignore_index=True)
    out["decidim_id"] = out["decidim_id"].astype("int64")
    return out.drop_duplicates(LINK_COLUMNS, keep="first").reset_index(drop=True)
