"""One change found by the change engine (portfolio/model/diff.py), and
every kind of change there is, in the order they are sorted.

Initiatives, budgets and milestones name their rows with the fields
`milestone_id`, `year` and `funding_source`. The governance register's tables
(decisions, checklist answers, risks, benefits and their measurements:
portfolio/model/diff_governance.py) and the collaboration tables
(engagements, surveys, scores: diff_collaboration.py) name theirs with `key`, the row's key
columns other than initiative_id as (column, value) pairs, and add what a
reader needs beside the value itself in `facts` (the row's title, a risk's
place in the matrix, how far a benefit has come), also as pairs. In JSON the
key's columns are top-level fields and the facts an object `detail`.
"""

from __future__ import annotations

import dataclasses

from portfolio.model import schema
from portfolio.model.diff_values import json_value

# Every kind of change, in the order they are sorted within an initiative and table.
INITIATIVE_KINDS = ("initiative_added", "initiative_removed", "status", "phase", "decision_point", "field")
BUDGET_KINDS = ("budget_added", "budget_removed", "budget_changed")
MILESTONE_KINDS = (
    "milestone_added", "milestone_removed", "milestone_completed", "milestone_reopened",
    "milestone_moved", "milestone_newly_overdue", "milestone_changed",
)
DECISION_KINDS = ("decision_added", "decision_removed", "decision_changed")
CHECKLIST_KINDS = (
    "checklist_answer_added", "checklist_answer_changed", "checklist_answer_removed", "checklist_changed",
)
RISK_KINDS = ("risk_added", "risk_score_moved", "risk_closed", "risk_reopened", "risk_removed", "risk_changed")
BENEFIT_CHANGE_KINDS = ("benefit_added", "benefit_removed", "benefit_changed")
MEASUREMENT_KINDS = ("benefit_measured", "measurement_changed", "measurement_removed")
GOVERNANCE_KINDS = DECISION_KINDS + CHECKLIST_KINDS + RISK_KINDS + BENEFIT_CHANGE_KINDS + MEASUREMENT_KINDS
ENGAGEMENT_KINDS = ("engagement_added", "engagement_removed", "engagement_changed")
SURVEY_KINDS = ("survey_added", "survey_removed", "survey_changed")
SCORE_KINDS = ("collaboration_score_moved", "collaboration_score_added", "collaboration_score_changed",
               "collaboration_score_removed")
COLLABORATION_KINDS = ENGAGEMENT_KINDS + SURVEY_KINDS + SCORE_KINDS
# Decidim (portfolio/model/diff_decidim.py): its rows, and the links from them to initiatives
DECIDIM_RESULT_KINDS = ("decidim_result_added", "decidim_result_status", "decidim_result_progress",
                        "decidim_result_changed", "decidim_result_removed")
DECIDIM_PROJECT_KINDS = ("decidim_project_added", "decidim_project_changed", "decidim_project_removed")
DECIDIM_PROPOSAL_KINDS = ("decidim_proposal_added", "decidim_proposal_state", "decidim_proposal_changed",
                          "decidim_proposal_removed")
DECIDIM_MEETING_KINDS = ("decidim_meeting_added", "decidim_meeting_changed", "decidim_meeting_removed")
DECIDIM_LINK_KINDS = ("decidim_link_added", "decidim_link_removed")
DECIDIM_KINDS = (DECIDIM_RESULT_KINDS + DECIDIM_PROJECT_KINDS + DECIDIM_PROPOSAL_KINDS + DECIDIM_MEETING_KINDS
                 + DECIDIM_LINK_KINDS)
# The kinds of each table
TABLE_KINDS = {
    "initiatives": INITIATIVE_KINDS, "budgets": BUDGET_KINDS, "milestones": MILESTONE_KINDS,
    "decisions": DECISION_KINDS, "checklist_answers": CHECKLIST_KINDS, "risks": RISK_KINDS,
    "benefits": BENEFIT_CHANGE_KINDS, "benefit_measurements": MEASUREMENT_KINDS,
    "engagements": ENGAGEMENT_KINDS, "collaboration_surveys": SURVEY_KINDS, "collaboration_scores": SCORE_KINDS,
    "decidim_results": DECIDIM_RESULT_KINDS, "decidim_projects": DECIDIM_PROJECT_KINDS,
    "decidim_proposals": DECIDIM_PROPOSAL_KINDS, "decidim_meetings": DECIDIM_MEETING_KINDS,
    "decidim_links": DECIDIM_LINK_KINDS,
}
KINDS = INITIATIVE_KINDS + BUDGET_KINDS + MILESTONE_KINDS + GOVERNANCE_KINDS + COLLABORATION_KINDS + DECIDIM_KINDS

_KIND_ORDER = {kind: i for i, kind in enumerate(KINDS)}
_TABLE_ORDER = {name: i for i, name in enumerate(schema.TABLE_NAMES)}
_FIELD_ORDER = {
    (table.name, column.name): i for table in schema.TABLES.values() for i, column in enumerate(table.columns)
}


def _sortable(key: tuple) -> tuple:
    """A row key's values in an order that sorts with any other: whole
    numbers (a checklist's item_no) by size, the rest (ids, decision points,
    dates) as text."""
    return tuple((0, value, "") if type(value) is int else (1, 0, str(value)) for _, value in key)


@dataclasses.dataclass(frozen=True)
class Change:
    """One changed value. `table` is one of schema.TABLE_NAMES.

    For added and removed rows, `field` names the row's label (the
    initiative's name, the milestone's title, the budget row's budget_nok, a
    decision's, risk's or benefit's title, a checklist answer, a measured
    value) and the other side is None.
    """

    initiative_id: str
    table: str
    field: str
    old: object
    new: object
    kind: str
    milestone_id: str | None = None
    year: int | None = None
    funding_source: str | None = None
    key: tuple = ()  # the register's tables (schema.REGISTER_TABLES): the row's key as (column, value) pairs
    facts: tuple = ()  # the register's tables: (name, value) pairs the words need

    def to_json(self) -> dict:
        data = {
            "initiative_id": self.initiative_id,
            "table": self.table,
            "field": self.field,
            "old": json_value(self.old),
            "new": json_value(self.new),
            "kind": self.kind,
        }
        if self.milestone_id is not None:
            data["milestone_id"] = self.milestone_id
        if self.year is not None:
            data["year"] = self.year
        if self.funding_source is not None:
            data["funding_source"] = self.funding_source
        for column, value in self.key:
            data[column] = json_value(value)
        if self.facts:
            data["detail"] = {name: json_value(value) for name, value in self.facts}
        return data

    @property
    def sort_key(self) -> tuple:
        return (
            self.initiative_id,
            _TABLE_ORDER.get(self.table, 99),
            _KIND_ORDER.get(self.kind, 99),
            _FIELD_ORDER.get((self.table, self.field), 99),
            self.field,
            self.milestone_id or "",
            self.year or 0,
            self.funding_source or "",
            _sortable(self.key) if self.key else (),
        )
