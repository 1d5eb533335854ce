"""Links between pages and the URL parameters that carry a view (shareable
links), made in one place so every page links the same way."""

from __future__ import annotations

import dataclasses
from urllib.parse import urlencode

import pandas as pd

from portfolio.query.context import SnapshotContext
from portfolio.query.runner import Filters

# Rows a table sends to the browser at most: about five screens of a
# 720-pixel table. More is what filters and the Excel/CSV download are for;
# every capped table says how many rows matched.
TABLE_ROWS = 100

# Query parameters that carry the view in the URL (shareable links)
URL_SNAPSHOT = "snapshot"
URL_INITIATIVE = "initiative"
URL_FILTERS = {
    "areas": "area",
    "phases": "phase",
    "focus_areas": "focus",
    "target_groups": "target",
    "statuses": "status",
    "programmes": "programme",
}

INITIATIVE_PATH = "initiative"

# The pages a link may open with st.page_link (their scripts, as dashboard.py registers them)
OVERVIEW_PAGE = "views/overview.py"
INITIATIVE_PAGE = "views/initiative.py"
BUDGET_PAGE = "views/budget.py"
MILESTONES_PAGE = "views/milestones.py"

# The overview's comparison snapshot («Trenger oppmerksomhet»), when not the default
URL_COMPARE = "compare"
# The list the milestones page opens on (`?list=30`): its tabs, in order
URL_MILESTONE_LIST = "list"
MILESTONE_LISTS = ("overdue", "30", "90")


@dataclasses.dataclass(frozen=True)
class PageLink:
    """A link to a page of the app with its URL parameters (pairs: a filter
    may repeat), for st.page_link(page, query_params=...)."""

    page: str
    params: tuple[tuple[str, str], ...] = ()

    @property
    def url(self) -> str:
        """The relative URL (`milestones?list=30&area=…`), as a shared link has it."""
        path = {OVERVIEW_PAGE: ""}.get(self.page, self.page.removeprefix("views/").removesuffix(".py"))
        return f"{path}?{urlencode(self.params)}" if self.params else path


def view_params(ctx: SnapshotContext, filters: Filters) -> tuple[tuple[str, str], ...]:
    """The URL parameters that keep the shown view on another page: the
    snapshot (when not the latest) and the filters."""
    pairs = [] if ctx.is_latest else [(URL_SNAPSHOT, ctx.snapshot_id)]
    for field, key in URL_FILTERS.items():
        pairs += [(key, value) for value in getattr(filters, field)]
    return tuple(pairs)


def milestone_list_index(value: str | None) -> int:
    """Which of the milestones page's lists `?list=` names (the first when none or unknown)."""
    return MILESTONE_LISTS.index(value) if value in MILESTONE_LISTS else 0


def initiative(initiative_id: str, snapshot_id: str | None = None) -> str:
    """A relative link to an initiative's page, e.g. `initiative?initiative=jegerung`
    (with `&snapshot=<id>` to open it on a past snapshot)."""
    return f"{INITIATIVE_PATH}?{urlencode(initiative_params(initiative_id, snapshot_id))}"


def initiative_params(initiative_id: str, snapshot_id: str | None = None) -> dict[str, str]:
    params = {URL_INITIATIVE: initiative_id}
    if snapshot_id:
        params[URL_SNAPSHOT] = snapshot_id
    return params


def context_initiative(ctx: SnapshotContext, initiative_id: str) -> str:
    """The link to an initiative's page on the snapshot the page shows."""
    return initiative(initiative_id, None if ctx.is_latest else ctx.snapshot_id)


def context_initiative_params(ctx: SnapshotContext, initiative_id: str) -> dict[str, str]:
    return initiative_params(initiative_id, None if ctx.is_latest else ctx.snapshot_id)


def initiative_column(ctx: SnapshotContext, ids: pd.Series) -> pd.Series:
    return ids.map(lambda i: context_initiative(ctx, i))
