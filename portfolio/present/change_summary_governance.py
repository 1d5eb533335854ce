"""The change summary's sentences about the governance register
(portfolio/present/change_summary.py says how the summary is made): new and
removed decisions, checklist answers per decision point, risks added, moved
in the matrix, closed or reopened, benefits and their measurements with how
far each has come towards its target.

A risk's level is decided per change: added open with a score of
schema.RISK_HIGH_SCORE or more, or moved up to such a score, it is
``risk_high`` (next after a worse status); moved down it is ``better``;
otherwise ``risk``. A closed risk is ``better``.
"""

from __future__ import annotations

from typing import Any

from portfolio.model import schema
from portfolio.present.change_sentences import (
    LEVELS,
    Row,
    S,
    Sentence,
    capped,
    labels,
    listing,
    of,
    one_or_many,
)
from portfolio.present.change_words import achievement_text, decided, field_label, format_value, measure, risk_cell

CLOSED = schema.RISK_STATUSES[-1]  # lukket
ANSWER_CHARS = 80  # a checklist answer longer than this is cut short in a sentence


def risk_level(kind: str, old: Any, new: Any, facts: Any) -> str:
    """The level of a risk added or moved in the matrix."""
    f = dict(facts) if isinstance(facts, tuple) else {}
    high = isinstance(new, int) and new >= schema.RISK_HIGH_SCORE and f.get("status") != CLOSED
    if kind == "risk_added":
        return "risk_high" if isinstance(f.get("score"), int) and f["score"] >= schema.RISK_HIGH_SCORE \
            and f.get("status") != CLOSED else "risk"
    if isinstance(old, int) and isinstance(new, int):
        if new > old:
            return "risk_high" if high else "risk"
        if new < old:
            return "better"
    return "risk"


def sentences(rows: list[Row]) -> list[Sentence]:
    """Every sentence about the governance changes of one initiative's `rows`."""
    return _decisions(rows) + _checklists(rows) + _risks(rows) + _benefits(rows) + _fields(rows)


def subject(r: Row) -> str:
    """A governance row in a sentence: «vedtaket «…»», «sjekkpunkt 3 i BP1», …"""
    return S[f"subject_{r.table}"].format(**{**r.words, "title": r.title})


# -- decisions and checklists -------------------------------------------------------------

def _decisions(rows: list[Row]) -> list[Sentence]:
    out = one_or_many(of(rows, "decision_added"), "decision", "decision_added_one", "decision_added_many",
                      "decision_item", decided=lambda r: decided(r.facts))
    return out + one_or_many(of(rows, "decision_removed"), "decision", "decision_removed_one",
                             "decision_removed_many", "milestone_title")


def _answer(value: Any) -> str:
    text = format_value("answer", value)
    return text if len(text) <= ANSWER_CHARS else text[:ANSWER_CHARS - 1].rstrip() + "…"


def _checklists(rows: list[Row]) -> list[Sentence]:
    found = of(rows, "checklist_answer_added", "checklist_answer_changed", "checklist_answer_removed")
    points = sorted({r.words["decision_point"] for r in found})
    out = []
    for point in points:
        group = sorted((r for r in found if r.words["decision_point"] == point),
                       key=lambda r: (r.key.get("item_no") if isinstance(r.key.get("item_no"), int) else 0, r.kind))
        parts = [S[r.kind.replace("checklist_answer_", "checklist_")].format(
            item_no=r.words["item_no"], old=_answer(r.old), new=_answer(r.new)) for r in group]
        out.append(Sentence(S["checklist"].format(decision_point=point, parts=listing(parts)), "checklist",
                            labels(group)))
    return out


# -- risks ----------------------------------------------------------------------------------

def _cell(r: Row, prefix: str = "") -> str:
    f = r.facts
    score = f.get("score") if not prefix else r.old
    return risk_cell(f.get(f"{prefix}probability"), f.get(f"{prefix}consequence"), score)


def _risks(rows: list[Row]) -> list[Sentence]:
    out = []
    added = of(rows, "risk_added")
    for level in ("risk_high", "risk"):
        out += one_or_many([r for r in added if LEVELS[r.level] == level], level, "risk_added_one",
                           "risk_added_many", "risk_item", cell=_cell)
    moved = of(rows, "risk_score_moved")
    for level in ("risk_high", "risk", "better"):
        group = [r for r in moved if LEVELS[r.level] == level]
        texts = [S[_moved_key(r)].format(title=r.title, old=_cell(r, "old_"), new=_cell(r)) for r in group]
        out += capped(texts, group, level, "more_risk")
    out += one_or_many(of(rows, "risk_closed"), "better", "risk_closed_one", "risk_closed_many", "milestone_title")
    out += [Sentence(S["risk_reopened"].format(title=r.title), LEVELS[r.level], (r.label,))
            for r in of(rows, "risk_reopened")]
    return out + one_or_many(of(rows, "risk_removed"), "risk", "risk_removed_one", "risk_removed_many",
                             "milestone_title")


def _moved_key(r: Row) -> str:
    if isinstance(r.old, int) and isinstance(r.new, int) and r.old != r.new:
        return "risk_up" if r.new > r.old else "risk_down"
    return "risk_moved"


# -- benefits ---------------------------------------------------------------------------------

def _benefits(rows: list[Row]) -> list[Sentence]:
    out = one_or_many(of(rows, "benefit_added"), "benefit", "benefit_added_one", "benefit_added_many",
                      "milestone_title")
    out += one_or_many(of(rows, "benefit_removed"), "benefit", "benefit_removed_one", "benefit_removed_many",
                       "milestone_title")
    measured = of(rows, "benefit_measured")
    for benefit in sorted({str(r.key.get("benefit_id")) for r in measured}):
        group = [r for r in measured if str(r.key.get("benefit_id")) == benefit]
        latest = max(group, key=lambda r: str(r.key.get("measured_on")))
        out.append(Sentence(_measured(latest, len(group)), "benefit", labels(group)))
    for r in of(rows, "measurement_changed", "measurement_removed"):
        if r.field == "value":
            unit = r.facts.get("unit")
            out.append(Sentence(S[r.kind].format(title=r.title, date=r.words["date"], old=measure(r.old, unit),
                                                 new=measure(r.new, unit)), "benefit", (r.label,)))
    return out


def _measured(r: Row, count: int) -> str:
    f = r.facts
    unit, percent = f.get("unit"), f.get("achievement")
    progress = "" if percent is None else S["progress"].format(
        percent=achievement_text(percent), baseline=measure(f.get("baseline"), unit),
        target=measure(f.get("target"), unit))
    values = dict(title=r.title, value=measure(r.new, unit), date=r.words["date"], progress=progress, count=count)
    return S["measured_one" if count == 1 else "measured_many"].format(**values)


# -- any other column ---------------------------------------------------------------------------

def _fields(rows: list[Row]) -> list[Sentence]:
    """Other columns of a decision, checklist question, risk, benefit or measurement."""
    found = [r for r in of(rows, "decision_changed", "checklist_changed", "risk_changed", "benefit_changed",
                           "measurement_changed") if r.kind != "measurement_changed" or r.field != "value"]
    return [Sentence(S[_field_key(r)].format(label=field_label(r.table, r.field), subject=subject(r),
                                             old=format_value(r.field, r.old), new=format_value(r.field, r.new)),
                     LEVELS[r.level], (r.label,)) for r in found]


def _field_key(r: Row) -> str:
    if r.old is None:
        return "row_field_set"
    return "row_field_cleared" if r.new is None else "row_field"

