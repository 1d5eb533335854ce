"""The Changes page's sections about the governance register
(portfolio/present/changes.py draws the others): decisions, checklists,
risks, and benefits with their measurements, each a table with the
section's own column (who decided when, the risk's place in the matrix, how
far a measurement has come towards the benefit's target); and the section on
collaboration: engagements, collaboration surveys and their scores (a mean
of too few answers shown as such: change_words.values)."""

from __future__ import annotations

import pandas as pd

from portfolio.model import diff, schema
from portfolio.present.change_words import (
    REGISTER_TABLES,
    achievement_text,
    decided,
    facts,
    field_label,
    key,
    risk_cell,
    row_words,
    values,
    what,
)
from portfolio.texts import changes as T
from portfolio.texts import checklists

C = T.COLUMNS
SECTIONS = ("decisions", "checklists", "risks", "benefits", "collaboration", "decidim")
SECTION_KINDS = {
    "decisions": diff.TABLE_KINDS["decisions"],
    "checklists": diff.TABLE_KINDS["checklist_answers"],
    "risks": diff.TABLE_KINDS["risks"],
    "benefits": diff.TABLE_KINDS["benefits"] + diff.TABLE_KINDS["benefit_measurements"],
    "collaboration": diff.COLLABORATION_KINDS,
    "decidim": diff.DECIDIM_KINDS,
}
KIND_ORDER = {kind: i for i, kind in enumerate(diff.KINDS)}
HIGH_RISK_SCORE = schema.RISK_HIGH_SCORE  # the risks section's caption says where high risk starts
MIN_RESPONDENTS = schema.MIN_RESPONDENTS  # the collaboration section's caption: means of fewer are not shown


def titles(frame: pd.DataFrame, others: pd.Series) -> pd.Series:
    """`others` (e.g. the milestones' titles) with each register row's
    title in its place: a decision's, risk's, benefit's or engagement's
    title, a measurement's benefit's, a checklist answer's decision point, a
    survey's or score's survey id."""
    out = others.astype(object).to_numpy().copy()
    governance = frame["table"].isin(REGISTER_TABLES).to_numpy(dtype=bool)
    if governance.any():
        words = [row_words(r) for r in frame.loc[governance, ["key", "facts"]].itertuples(index=False)]
        out[governance] = [w["title"] or w["decision_point"] for w in words]
    return pd.Series(out, index=frame.index)


def _decided(r) -> str:
    return decided(facts(r)) if r.table == "decisions" else T.EMPTY


def _matrix(r) -> str:
    f = facts(r)
    return risk_cell(f.get("probability"), f.get("consequence"), f.get("score"))


def _question(r) -> str:
    """A checklist answer's question: as the answer's row words it, else the checklist's."""
    asked = facts(r).get("question")
    if isinstance(asked, str):
        return asked
    point, item = key(r).get("decision_point"), key(r).get("item_no")
    return (isinstance(item, int) and checklists.question(str(point), item)) or T.EMPTY


def _achievement(r) -> str:
    return achievement_text(facts(r).get("achievement")) if r.table == "benefit_measurements" else T.EMPTY


_EXTRA = {"decisions": (C["decided"], _decided), "checklists": (C["question"], _question), "risks": (C["matrix"], _matrix),
          "benefits": (C["achievement"], _achievement)}


def columns(rows: pd.DataFrame, section: str) -> dict:
    """The section's columns after the initiative (as changes._table takes them)."""
    listed = list(rows.itertuples(index=False))
    before_after = [values(r) for r in listed]
    out = {
        C["what"]: [what(r) for r in listed],
        C["change"]: [T.KIND_LABELS[r.kind] for r in listed],
        C["field"]: [field_label(r.table, r.field) for r in listed],
        C["old"]: [old for old, _ in before_after],
        C["new"]: [new for _, new in before_after],
    }
    if section in _EXTRA:
        header, value = _EXTRA[section]
        out[header] = [value(r) for r in listed]
    return out
