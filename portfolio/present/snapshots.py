"""How snapshots are named on screen: one label function for every page."""

from __future__ import annotations

import datetime as dt
import functools

from portfolio import fmt, texts
from portfolio.query.context import SnapshotContext
from portfolio.store.snapshots import SnapshotMeta


def label(meta: SnapshotMeta, is_latest: bool = False) -> str:
    """'22.11.2026 – KDL-møte november' (with "(siste)" on the latest)."""
    return _label(meta.created_at, meta.note, is_latest)


@functools.lru_cache(maxsize=4096)
def _label(created_at: str, note: str, is_latest: bool) -> str:
    created = dt.datetime.fromisoformat(created_at)
    text = f"{fmt.date(created)} – {note}" if note else fmt.date(created)
    return texts.TIME_TRAVEL["latest_suffix"].format(label=text) if is_latest else text


def labels(ctx: SnapshotContext, snapshot_ids: list[str]) -> dict[str, str]:
    """A unique label per snapshot: its date, with the time when two snapshots
    share a day (and the id when they share a minute)."""
    metas = {m.snapshot_id: m for m in ctx.snapshots}
    labels: dict[str, str] = {}
    days: dict[str, int] = {}
    for sid in snapshot_ids:
        meta = metas.get(sid)
        day = fmt.date(meta.created) if meta else sid
        days[day] = days.get(day, 0) + 1
        labels[sid] = day
    for sid, day in list(labels.items()):
        meta = metas.get(sid)
        if days[day] > 1 and meta:
            labels[sid] = f"{day} {meta.created:%H:%M}"
    if len(set(labels.values())) < len(labels):
        labels = {sid: f"{label} ({sid})" for sid, label in labels.items()}
    return labels


