"""Fingerprints of what every page shows, for a data folder: one SHA-256 per
page view model (overview, trend, budget, milestones, governance, collaboration,
initiative, Decidim, changes, history, public cards, groups and Decidim results), on the latest snapshot and on one in the middle.

The view models are built by portfolio.present from the store, so two stores
holding the same snapshots must give the same fingerprints, whatever their
format. tests/test_view_models.py compares them with the fingerprints the
folder-layout store gave (tests/golden/view_models.json), written by this
tool at the commit before the store moved to DuckLake:

    python -m tools.view_fingerprints DATA_DIR --today 2026-11-23 [--name demo]

Floats are rounded to 6 decimals (a sum's last bits may depend on the order
DuckDB adds in); everything else is compared exactly, types included.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import hashlib
import json
import math
import sys
from pathlib import Path

import numpy as np
import pandas as pd

from portfolio.present import (
    attention,
    budget,
    changes,
    collaboration,
    collaboration_engagements,
    collaboration_surveys,
    decidim,
    governance,
    history,
    initiative,
    initiative_collaboration,
    initiative_governance,
    milestones,
    overview,
    public_decidim,
    public_groups,
    public_overview,
    trend,
)
from portfolio.present import public as public_view
from portfolio.query.context import SnapshotContext
from portfolio.query.runner import Filters
from portfolio.store import public
from portfolio.store.snapshots import Store


def canonical(value):
    """A JSON-able, order-stable form of a view model."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {"@": type(value).__name__, **{f.name: canonical(getattr(value, f.name))
                                               for f in dataclasses.fields(value)}}
    if isinstance(value, pd.DataFrame):
        return {"@": "DataFrame", "columns": [str(c) for c in value.columns],
                "dtypes": [str(t) for t in value.dtypes],
                "rows": [[canonical(v) for v in row] for row in value.itertuples(index=False, name=None)]}
    if isinstance(value, pd.Series):
        return {"@": "Series", "dtype": str(value.dtype), "values": [canonical(v) for v in value]}
    if isinstance(value, dict):
        return {str(k): canonical(v) for k, v in sorted(value.items(), key=lambda kv: str(kv[0]))}
    if isinstance(value, (list, tuple, np.ndarray)):
        return [canonical(v) for v in value]
    if isinstance(value, (float, np.floating)):
        return None if math.isnan(value) else round(float(value), 6)
    if isinstance(value, (np.integer,)):
        return int(value)
    if isinstance(value, (np.bool_,)):
        return bool(value)
    if value is None or value is pd.NaT or value is pd.NA:
        return None
    if isinstance(value, (dt.date, dt.datetime, pd.Timestamp)):
        return value.isoformat()
    if isinstance(value, (str, int, bool)):
        return value
    if callable(value):
        return "<callable>"  # e.g. a column's accessor: behaviour, not data
    return repr(value)


def digest(value) -> str:
    text = json.dumps(canonical(value), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()


def initiative_decidim(ctx: SnapshotContext, store: Store, snapshot_id: str, programme: str) -> list:
    """The «Decidim» sections of the programme and of the initiative with the most linked results."""
    links = store.read_frames(snapshot_id)["decidim_links"]
    counts = links.loc[links["entity"] == "results", "initiative_id"].value_counts()
    chosen = [programme] + ([str(counts.index[0])] if len(counts) else [])
    return [decidim.build_initiative_view(ctx, i) for i in chosen]


def fingerprints(root: Path, today: dt.date) -> dict[str, str]:
    store = Store(root)
    metas = store.list()
    found: dict[str, str] = {}
    for label, meta in (("latest", metas[-1]), ("middle", metas[len(metas) // 2])):
        ctx = SnapshotContext(store, meta, today if meta is metas[-1] else meta.created.date(),
                              is_latest=meta is metas[-1])
        everything = Filters()
        found[f"overview@{label}"] = digest(overview.build_view(ctx, everything))
        found[f"attention@{label}"] = digest(attention.build_view(ctx, everything, attention.default_compare(ctx)))
        found[f"trend@{label}"] = digest(trend.build_view(ctx, everything))
        found[f"budget@{label}"] = digest(budget.build_view(ctx, everything, ctx.today.year))
        found[f"milestones@{label}"] = digest(milestones.build_view(ctx, everything))
        found[f"governance@{label}"] = digest(governance.build_view(ctx, everything))
        found[f"collaboration@{label}"] = digest(collaboration.coverage_view(ctx, everything, ctx.today.year))
        found[f"collaboration-network@{label}"] = digest(collaboration.network_view(ctx, everything, ctx.today.year))
        found[f"collaboration-engagements@{label}"] = digest(
            collaboration_engagements.engagements_view(ctx, everything, ctx.today.year))
        found[f"collaboration-scores@{label}"] = digest(collaboration_surveys.scores_view(ctx, everything))
        found[f"decidim-overview@{label}"] = digest(decidim.build_overview_figure(ctx, everything))
        frames = store.read_frames(meta.snapshot_id)["initiatives"]
        programme = str(frames["parent_id"].value_counts().index[0]) if frames["parent_id"].notna().any() \
            else str(frames["initiative_id"].iloc[0])
        found[f"initiative@{label}"] = digest(initiative.build_view(ctx, programme))
        found[f"initiative-governance@{label}"] = digest(initiative_governance.build_view(ctx, programme))
        found[f"initiative-collaboration@{label}"] = digest(initiative_collaboration.build_view(ctx, programme))
        found[f"initiative-decidim@{label}"] = digest(initiative_decidim(ctx, store, meta.snapshot_id, programme))
        position = metas.index(meta)
        if position > 0:
            old = metas[max(0, position - 4)]
            frame = changes.build(store, old.snapshot_id, meta.snapshot_id, ctx.today)
            found[f"changes@{label}"] = digest(changes.build_view(ctx, old.snapshot_id, frame, everything))
        data = public.snapshot_data(store, meta.snapshot_id)
        found[f"public@{label}"] = digest(public_view.cards(data))
        found[f"public-overview@{label}"] = digest(public_overview.overview(data))
        found[f"public-groups@{label}"] = digest([public_groups.group_view(data, g) for g in public_groups.GROUPS])
        found[f"public-decidim@{label}"] = digest([public_decidim.card_decidim(data, i)
                                                   for i in data.initiatives["initiative_id"]])
    found["history"] = digest(history.history_rows(metas))
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path)
    parser.add_argument("--today", type=dt.date.fromisoformat, required=True)
    args = parser.parse_args(argv)
    print(json.dumps(fingerprints(args.data, args.today), indent=2, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
