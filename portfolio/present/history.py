"""What the «Historikk» page shows: every snapshot (who, when, why, on which
base, with a link to its changes) and the rejected imports from the audit log,
in Norwegian local time."""

from __future__ import annotations

from urllib.parse import urlencode

import pandas as pd

from portfolio import fmt
from portfolio.present.changes import URL_FROM
from portfolio.present.columns import TIME_PX, Columns
from portfolio.present.links import URL_SNAPSHOT
from portfolio.store import audit
from portfolio.store.snapshots import SnapshotMeta
from portfolio.texts import history as H
from portfolio.texts import update as T

HISTORY_ROWS = 200
CHANGES_PAGE = "changes"


def local_time(meta: SnapshotMeta) -> str:
    return local_time_text(meta.created_at)


def local_time_text(iso: str | None) -> str:
    """An ISO 8601 UTC time as Norwegian local date and time ("16.11.2026 kl. 14.00")."""
    return fmt.date_time(iso) if iso else "–"


def changes_link(meta: SnapshotMeta) -> str | None:
    """Link to the Changes page: this snapshot against its base."""
    if not meta.base_id:
        return None
    return f"{CHANGES_PAGE}?{urlencode({URL_FROM: meta.base_id, URL_SNAPSHOT: meta.snapshot_id})}"


def history_rows(metas: list[SnapshotMeta], limit: int = HISTORY_ROWS) -> tuple[pd.DataFrame, int]:
    """Every snapshot, newest first (at most `limit`): who, when, note, rows, link."""
    C = H.COLUMNS
    newest = list(reversed(metas))
    shown = newest[:limit]
    by_id = {m.snapshot_id: m for m in metas}
    rows = []
    for meta in shown:
        base = by_id.get(meta.base_id) if meta.base_id else None
        rows.append({
            C["created"]: local_time(meta),
            C["author"]: meta.author,
            C["note"]: meta.note,
            C["initiatives"]: meta.row_counts.get("initiatives", 0),
            C["budgets"]: meta.row_counts.get("budgets", 0),
            C["milestones"]: meta.row_counts.get("milestones", 0),
            C["base"]: local_time(base) if base else (meta.base_id or H.NO_BASE),
            C["changes"]: changes_link(meta) or "",
            C["id"]: meta.snapshot_id,
        })
    columns = [C[k] for k in ("created", "author", "note", "changes", "initiatives", "budgets", "milestones",
                              "base", "id")]
    return pd.DataFrame(rows, columns=columns), len(newest)


def history_columns() -> Columns:
    """Every snapshot: on a phone when it was saved and its note (notes
    wrap); on a laptop also who saved it, the link to its changes and the
    row counts; its base and id behind «Vis alle kolonner»."""
    C = H.COLUMNS
    return Columns(
        links={C["changes"]: C["changes_text"]},
        counts=(C["initiatives"], C["budgets"], C["milestones"]),
        essential=(C["created"], C["note"]), extra=(C["base"], C["id"]),
        wrap=(C["note"], C["author"]),
        widths={C["created"]: TIME_PX, C["author"]: 160, C["budgets"]: 115, C["milestones"]: 85,
                C["base"]: TIME_PX},
    )


def rejected_columns() -> Columns:
    """Rejected changes: when, and the first problem (wraps), first; who,
    where from, which files and how many problems after."""
    C = H.COLUMNS
    return Columns(
        counts=(C["rejected_count"],),
        essential=(C["rejected_at"], C["rejected_first"]),
        wrap=(C["rejected_first"], C["rejected_who"], C["rejected_files"]),
        widths={C["rejected_at"]: TIME_PX, C["rejected_who"]: 160, C["rejected_origin"]: 150,
                C["rejected_files"]: 170, C["rejected_count"]: 95},
    )


def rejected_rows(root: str, limit: int = 200) -> pd.DataFrame:
    """Rejected imports from the audit log, newest first, for the history page."""
    entries = audit.read_rejected(root, limit=limit)
    C = H.COLUMNS
    return pd.DataFrame(
        {
            C["rejected_at"]: [local_time_text(e.get("at")) for e in entries],
            C["rejected_who"]: [e.get("who", "") for e in entries],
            C["rejected_origin"]: [H.ORIGINS.get(e.get("origin"), e.get("origin", "")) for e in entries],
            C["rejected_files"]: [", ".join(e.get("files", [])) or "–" for e in entries],
            C["rejected_count"]: [e.get("problem_count", 0) for e in entries],
            C["rejected_first"]: [(e.get("problems") or ["–"])[0] for e in entries],
        }
    )


def restore_note(meta: SnapshotMeta) -> str:
    return T.RESTORE_NOTE.format(snapshot_id=meta.snapshot_id, date=fmt.date(meta.created))


