"""The initiative page's collaboration sections: who it works with (its
owner, the kommunalområder it collaborates with, its external partners, its
focus areas and target groups), its engagements (medvirkning) with their
participants, and its latest collaboration survey per respondent group. The
same queries as «Samhandling» (portfolio.present.collaboration_engagements,
collaboration_surveys), for one initiative, whatever the overview's filters.
A mean of fewer than schema.MIN_RESPONDENTS answers is never shown.
"""

from __future__ import annotations

import dataclasses

import pandas as pd

from portfolio import fmt
from portfolio.present import collaboration
from portfolio.present import collaboration_engagements as engagements
from portfolio.present import collaboration_surveys as surveys
from portfolio.query.context import SnapshotContext
from portfolio.query.runner import Filters
from portfolio.texts import collaboration as T

EVERY = Filters()  # on its own page the initiative is shown whatever the overview's filters
ENGAGEMENT_LIMIT = 1000


def listed(values) -> list[str]:
    return [] if values is None or fmt.missing(values) is True else [str(v) for v in values]


def who_markdown(row: pd.Series) -> fmt.Markdown:
    """Owner, collaborating areas, partners, focus areas and target groups as a list (data made literal)."""

    def words(values) -> str:
        found = listed(values)
        return ", ".join(found) if found else T.INITIATIVE_NONE_LISTED

    focus = [T.FOCUS_LABELS.get(f, f) for f in listed(row["focus_areas"])]
    lines = [
        fmt.markdown(T.INITIATIVE_OWNER, area=row["owner_area"]),
        fmt.markdown(T.INITIATIVE_COLLABORATING, areas=words(row["collaborating_areas"])),
        fmt.markdown(T.INITIATIVE_PARTNER_LIST, partners=words(row["partners"])),
        fmt.markdown(T.INITIATIVE_FOCUS, areas=words(focus)),
        fmt.markdown(T.INITIATIVE_GROUPS, groups=words(row["target_groups"])),
    ]
    return fmt.join("\n", lines)


@dataclasses.dataclass(frozen=True)
class View:
    """The collaboration sections of one initiative in one snapshot."""

    who: fmt.Markdown | None  # None: the initiative is not in the snapshot
    engagement_count: int
    engagement_caption: fmt.Markdown | None
    citizens: fmt.Markdown | None  # how many citizens were counted in its held engagements
    engagements: pd.DataFrame  # as text (engagements.engagement_columns(with_initiative=False))
    surveys: list[surveys.LatestSurvey]


def citizens_sentence(rows: pd.DataFrame) -> fmt.Markdown | None:
    held = rows[rows["held"]]
    if held.empty:
        return None
    counted = held[engagements.CITIZENS].dropna()
    total = fmt.number(int(counted.sum()) if len(counted) else 0)
    missing = len(held) - len(counted)
    if missing == len(held):
        return None
    if missing:
        return fmt.markdown(T.INITIATIVE_CITIZENS, citizens=total, uncounted=fmt.number(missing))
    return fmt.markdown(T.INITIATIVE_CITIZENS_ALL, citizens=total)


def build_view(ctx: SnapshotContext, initiative_id: str) -> View:
    """Use through `ui.view(build_view, ctx, initiative_id)`: built once per snapshot and initiative."""
    detail = ctx.query("initiative_detail", initiative_id=initiative_id)
    rows = ctx.query("collaboration_engagements", **engagements.params(
        ctx, EVERY, ctx.today.year, initiative_id=initiative_id, row_limit=ENGAGEMENT_LIMIT))
    scores = ctx.query("collaboration_scores", **collaboration.params(EVERY, ctx.today.year,
                                                                       initiative_id=initiative_id))
    count = int(rows["total_count"].iloc[0]) if len(rows) else 0
    held = int(rows["held"].sum()) if len(rows) else 0
    return View(
        who=who_markdown(detail.iloc[0]) if len(detail) else None,
        engagement_count=count,
        engagement_caption=fmt.markdown(T.INITIATIVE_ENGAGEMENTS_CAPTION, held=fmt.number(held),
                                        planned=fmt.number(count - held), today=fmt.date(ctx.today))
        if count else None,
        citizens=citizens_sentence(rows) if count else None,
        engagements=engagements.engagement_rows(ctx, rows, with_initiative=False),
        surveys=surveys.latest_surveys(scores),
    )
