"""What the governance views (portfolio.present.governance,
governance_benefits, initiative_governance) share: the stored values the
queries are given (bound, never written into the SQL), every query
parameter with its default, row limits, and a capped table with its count."""

from __future__ import annotations

import dataclasses

import pandas as pd

from portfolio.model import schema
from portfolio.present.governance_charts import HIGH_SCORE
from portfolio.present.links import TABLE_ROWS
from portfolio.query import runner as queries
from portfolio.texts import checklists

CLOSED = "lukket"  # a risk's status: no longer in the matrix
QUALITATIVE = "kvalitativ"  # a benefit's kind: described in words, not measured against a target
DECISION_KIND = "beslutningspunkt"  # a milestone's kind: a decision point due
UNASSESSED = "Ikke vurdert"  # a checklist answer that does not count as answered

ROW_LIMIT = TABLE_ROWS
EVERYTHING = 1_000_000  # a download's row limit: every row


def params(filters: queries.Filters, **extra) -> dict:
    """Every parameter the governance queries take, with their defaults
    (SnapshotContext.query passes each query only the ones it uses)."""
    low, high = schema.RISK_SCALE
    return {
        "filters": filters.as_param(), "initiative_id": None, "closed_status": CLOSED,
        "high_score": HIGH_SCORE, "qualitative_kind": QUALITATIVE, "decision_kind": DECISION_KIND,
        "unassessed_answer": UNASSESSED, "checklist_points": list(checklists.CHECKLISTS),
        "checklist_sizes": [len(items) for items in checklists.CHECKLISTS.values()],
        "scale_low": low, "scale_high": high, **extra,
    }


def total(rows: pd.DataFrame) -> int:
    """How many rows matched (the queries' total_count), whatever the limit."""
    return int(rows["total_count"].iloc[0]) if len(rows) else 0


@dataclasses.dataclass(frozen=True)
class Table:
    """A table as drawn (at most its row limit) and how many rows matched."""

    rows: pd.DataFrame
    total: int
