"""Links between pages and the URL parameters that carry a view (shareable
links), made in one place so every page links the same way."""

from __future__ import annotations

from urllib.parse import urlencode

import pandas as pd

from portfolio.query.context import SnapshotContext

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
