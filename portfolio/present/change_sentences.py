"""What the change summary's sentences are made of (portfolio/present/change_summary.py
and change_summary_governance.py): the levels of a change, worst first; one
change as the sentences read it (`Row`); a sentence (`Sentence`); and the
small helpers that join names into a sentence.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

import numpy as np

from portfolio.model import diff, schema
from portfolio.present.change_words import facts, format_value, key, row_words
from portfolio.texts import changes as T

# The levels of a change, worst first (change_summary's docstring says what each holds)
LEVELS = ("red", "worse", "risk_high", "overdue", "budget", "moved", "removed", "decision", "phase", "added",
          "status", "risk", "checklist", "benefit", "collaboration", "decidim", "milestones", "better", "other")
CODE = {level: i for i, level in enumerate(LEVELS)}
# The level of each kind of change; status changes, risks, collaboration
# scores moved, texts and red new initiatives are decided per row (change_summary.levels)
KIND_LEVEL = {
    "initiative_added": "added", "initiative_removed": "removed", "status": "status", "phase": "phase",
    "decision_point": "phase", "field": "other", "budget_added": "budget", "budget_removed": "budget",
    "budget_changed": "budget", "milestone_added": "milestones", "milestone_removed": "milestones",
    "milestone_completed": "milestones", "milestone_reopened": "milestones", "milestone_moved": "moved",
    "milestone_newly_overdue": "overdue", "milestone_changed": "milestones",
    "decision_added": "decision", "decision_removed": "decision", "decision_changed": "other",
    "checklist_answer_added": "checklist", "checklist_answer_changed": "checklist",
    "checklist_answer_removed": "checklist", "checklist_changed": "other",
    "risk_added": "risk", "risk_score_moved": "risk", "risk_closed": "better", "risk_reopened": "risk",
    "risk_removed": "risk", "risk_changed": "other",
    "benefit_added": "benefit", "benefit_removed": "benefit", "benefit_changed": "other",
    "benefit_measured": "benefit", "measurement_changed": "benefit", "measurement_removed": "benefit",
    "engagement_added": "collaboration", "engagement_removed": "collaboration", "engagement_changed": "other",
    "survey_added": "collaboration", "survey_removed": "collaboration", "survey_changed": "other",
    "collaboration_score_moved": "collaboration", "collaboration_score_added": "collaboration",
    "collaboration_score_changed": "collaboration", "collaboration_score_removed": "collaboration",
    **dict.fromkeys(diff.DECIDIM_KINDS, "decidim"),
}
# Free-text fields (comments, summaries, notes, descriptions): shown whole,
# before and after. A checklist answer is said in the checklist's sentence.
TEXT_FIELDS = frozenset(
    (table.name, column.name) for table in schema.TABLES.values() for column in table.columns
    if column.max_length == schema.LONG_TEXT
) - {("checklist_answers", "answer")}
LIST_ITEMS = 3  # items named in one sentence before "og N til"
ROW_SENTENCES = 3  # budget, due-date and risk sentences (one per change) before "Og N til"
S = T.SENTENCES

# The engine's order of changes (diff.Change.sort_key), so that the order of
# the rows in the frame never changes the words
_TABLE_ORDER = {name: i for i, name in enumerate(schema.TABLE_NAMES)}
_KIND_ORDER = {kind: i for i, kind in enumerate(diff.KINDS)}
_FIELD_ORDER = {(t.name, c.name): i for t in schema.TABLES.values() for i, c in enumerate(t.columns)}
_GOVERNANCE = frozenset((*schema.REGISTER_TABLES, *schema.DECIDIM_TABLES, "decidim_links"))  # named by key and facts


@dataclasses.dataclass(frozen=True)
class Sentence:
    text: str  # plain text (not Markdown): make it literal to show it in Markdown
    level: str
    changes: tuple  # index labels of the rows of the changes frame it says


@dataclasses.dataclass(frozen=True)
class Row:
    """One change, as the sentences read it."""

    label: Any  # the row's index label in the frame
    level: int
    kind: str
    table: str
    field: str
    old: Any
    new: Any
    initiative_id: str
    name: str
    title: str  # the milestone's or governance row's title (its id when unknown); "" for other tables
    milestone: str
    due: Any  # the milestone's due date
    year: Any
    source: Any
    phase: Any
    status: Any
    link: Any
    key: dict = dataclasses.field(default_factory=dict)  # a governance row's key (diff.Change.key)
    facts: dict = dataclasses.field(default_factory=dict)  # its facts (diff.Change.facts)
    words: dict = dataclasses.field(default_factory=dict)  # the words naming it (change_words.row_words)

    @classmethod
    def of(cls, r, level: int) -> Row:
        governance = r.table in _GOVERNANCE
        words = row_words(r) if governance else {}
        title = words["title"] if governance else getattr(r, "milestone_title", None)
        return cls(
            label=int(r.Index) if isinstance(r.Index, (int, np.integer)) else r.Index, level=level,
            kind=r.kind, table=r.table, field=r.field, old=r.old, new=r.new, initiative_id=r.initiative_id,
            name=str(r.name) if isinstance(getattr(r, "name", None), str) else str(r.initiative_id),
            title=title if isinstance(title, str) else str(r.milestone_id or ""), milestone=str(r.milestone_id or ""),
            due=getattr(r, "milestone_due", None), year=r.year, source=r.funding_source,
            phase=getattr(r, "initiative_phase", None), status=getattr(r, "initiative_status", None),
            link=getattr(r, "link", None), key=key(r) if governance else {}, facts=facts(r) if governance else {},
            words=words,
        )

    def sort_key(self) -> tuple:
        return (_TABLE_ORDER.get(self.table, 99), _KIND_ORDER.get(self.kind, 99),
                _FIELD_ORDER.get((self.table, self.field), 99), self.field, self.title, self.milestone,
                self.year if isinstance(self.year, int) else 0, str(self.source or ""),
                tuple((0, v, "") if isinstance(v, int) else (1, 0, str(v)) for v in self.key.values()))

    @property
    def is_text(self) -> bool:
        return (self.table, self.field) in TEXT_FIELDS


def of(rows: list[Row], *kinds: str) -> list[Row]:
    """The changes of these kinds, free texts left out."""
    return [r for r in rows if r.kind in kinds and not r.is_text]


def labels(rows: list[Row]) -> tuple:
    return tuple(r.label for r in rows)


def join(items: list[str]) -> str:
    """"A", "A og B", "A, B og C"."""
    if len(items) == 1:
        return items[0]
    return S["separator"].join(items[:-1]) + S["and"] + items[-1]


def listing(items: list[str]) -> str:
    """Like join; more than LIST_ITEMS items: "A, B, C og 2 til"."""
    if len(items) > LIST_ITEMS:
        items = [*items[:LIST_ITEMS], S["more_items"].format(count=len(items) - LIST_ITEMS)]
    return join(items)


def status_word(value: Any) -> str:
    return T.STATUS_WORDS.get(value, format_value("status_overall", value))


def date(value: Any) -> str:
    return format_value("due_date", value if isinstance(value, dt.date) else None)


def one_or_many(found: list[Row], level: str, one: str, many: str, item: str, **values) -> list[Sentence]:
    """One sentence for a list of changes: `one` for a single change (its
    fields filled in), `many` naming them all (`item` each)."""
    if not found:
        return []
    fill = lambda r: {"title": r.title, **{k: f(r) for k, f in values.items()}}  # noqa: E731
    if len(found) == 1:
        text = S[one].format(**fill(found[0]))
    else:
        text = S[many].format(count=len(found), items=listing([S[item].format(**fill(r)) for r in found]))
    return [Sentence(text, level, labels(found))]


def capped(texts: list[str], found: list[Row], level: str, more: str) -> list[Sentence]:
    """One sentence per change, the first ROW_SENTENCES; then one for the rest."""
    out = [Sentence(text, level, (r.label,)) for text, r in zip(texts[:ROW_SENTENCES], found, strict=False)]
    rest = labels(found[ROW_SENTENCES:])
    if rest:
        out.append(Sentence(S[f"{more}_{'one' if len(rest) == 1 else 'many'}"].format(count=len(rest)), level, rest))
    return out
