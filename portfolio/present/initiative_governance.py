"""The initiative page's governance sections: one initiative's decisions as a
dated list (oldest first), its checklists per decision point (every question
of Prosjektveiviseren's list, with its answer and comment, and how complete
it is), its risks (the matrix and the table, each risk with its cell) and
its benefits with their measurements. The same queries as «Styring»
(portfolio.present.governance), for one initiative.
"""

from __future__ import annotations

import dataclasses

import pandas as pd

from portfolio import fmt
from portfolio.present import governance
from portfolio.present import governance_tables as tables
from portfolio.present.governance_charts import SMALL_MATRIX_HEIGHT
from portfolio.query.context import SnapshotContext
from portfolio.query.runner import Filters
from portfolio.texts import checklists
from portfolio.texts import governance as T

EVERY = Filters()  # on its own page the initiative is shown whatever the overview's filters
DECISION_LIMIT = 1000


def decisions_markdown(rows: pd.DataFrame) -> fmt.Markdown:
    """The decisions, oldest first, one list item each: date, who, at which
    decision point, the title, the case number and the text (data made literal)."""
    lines = []
    for row in rows.sort_values(["decided_on", "decision_id"], kind="stable").itertuples(index=False):
        point = fmt.markdown(T.DECISION_LINE_POINT, decision_point=row.decision_point) \
            if not fmt.missing(row.decision_point) else ""
        line = fmt.markdown(T.DECISION_LINE, date=fmt.date(row.decided_on),
                            body=T.BODY_LABELS.get(row.body, row.body), decision_point=point, title=row.title)
        if not fmt.missing(row.case_number) and row.case_number:
            line = fmt.join("", [line, fmt.markdown(T.DECISION_LINE_CASE, case_number=row.case_number)])
        if not fmt.missing(row.text) and row.text:
            line = fmt.join("", [line, fmt.markdown(T.DECISION_LINE_TEXT, text=row.text)])
        lines.append(line)
    return fmt.join("\n", lines)


@dataclasses.dataclass(frozen=True)
class Checklist:
    decision_point: str  # its source: checklists.SOURCES[decision_point]
    heading: fmt.Markdown
    table: pd.DataFrame  # number, question, answer, comment
    items: fmt.Markdown  # the same as a numbered list, as the page shows it


def checklist_rows(decision_point: str, answers: pd.DataFrame) -> pd.DataFrame:
    """Every item of the decision point's checklist with its answer (or
    «Ikke besvart»), the question as the answer words it (else the list's);
    as text (the numbers too)."""
    given = answers[answers["decision_point"] == decision_point].set_index("item_no")
    items = checklists.CHECKLISTS.get(decision_point, ())
    numbers = sorted(set(range(1, len(items) + 1)) | {int(n) for n in given.index})
    rows = []
    for number in numbers:
        answer = given.loc[number] if number in given.index else None
        asked = None if answer is None or fmt.missing(answer["question"]) else answer["question"]
        rows.append({
            T.COL_ITEM: str(number),
            T.COL_QUESTION: asked or checklists.question(decision_point, number) or T.EMPTY,
            T.COL_ANSWER: T.NOT_ANSWERED if answer is None else answer["answer"],
            T.COL_COMMENT: "" if answer is None or fmt.missing(answer["comment"]) else answer["comment"],
        })
    return pd.DataFrame(rows, columns=[T.COL_ITEM, T.COL_QUESTION, T.COL_ANSWER, T.COL_COMMENT])


def checklist_markdown(table: pd.DataFrame) -> fmt.Markdown:
    """The checklist as a numbered list: each question with its answer in
    bold and its comment (the data made literal). A list wraps whole on a
    phone, where the questions would not fit a table's cells."""
    lines = []
    for number, question, answer, comment in table.itertuples(index=False, name=None):
        note = fmt.markdown(T.CHECKLIST_ITEM_COMMENT, comment=comment) if comment else ""
        lines.append(fmt.markdown(T.CHECKLIST_ITEM, number=fmt.number(int(number)), question=question,
                                  answer=answer, comment=note))
    return fmt.join("\n", lines)


def checklist_list(ctx: SnapshotContext, initiative_id: str) -> list[Checklist]:
    """A checklist for each decision point the initiative has answers for,
    in order; completeness counted by the decision-point query."""
    answers = ctx.query("governance_checklist_answers", initiative_id=initiative_id)
    if answers.empty:
        return []
    _, states = governance.decision_points(ctx, EVERY, initiative_id=initiative_id,
                                           row_limit=governance.EVERYTHING)
    counted = states.set_index("decision_point")
    found = []
    for point in answers["decision_point"].drop_duplicates():
        answered = int(counted.loc[point, "answered_count"]) if point in counted.index else 0
        items = len(checklists.CHECKLISTS.get(point, ()))
        table = checklist_rows(point, answers)
        found.append(Checklist(
            decision_point=point,
            heading=fmt.markdown(T.CHECKLIST_HEADING, title=checklists.TITLES.get(point, point),
                                 answered=fmt.number(answered), items=fmt.number(items),
                                 share=fmt.percent(answered / items) if items else T.EMPTY),
            table=table, items=checklist_markdown(table),
        ))
    return found


@dataclasses.dataclass(frozen=True)
class View:
    """The governance sections of one initiative in one snapshot."""

    decision_count: int
    decisions: fmt.Markdown
    checklists: list[Checklist]
    risk_count: int
    open_risk_count: int
    matrix: governance.Matrix
    risks: pd.DataFrame
    benefits: governance.Benefits


def build_view(ctx: SnapshotContext, initiative_id: str) -> View:
    """Use through `ui.view(build_view, ctx, initiative_id)`: built once per snapshot and initiative."""
    decided = governance.decisions(ctx, EVERY, initiative_id=initiative_id, row_limit=DECISION_LIMIT)
    risk_rows = governance.risks(ctx, EVERY, initiative_id=initiative_id, include_closed=True,
                                 row_limit=governance.EVERYTHING)
    found = governance.matrix(governance.risk_matrix(ctx, EVERY, initiative_id), SMALL_MATRIX_HEIGHT)
    return View(
        decision_count=governance.total(decided),
        decisions=decisions_markdown(decided),
        checklists=checklist_list(ctx, initiative_id),
        risk_count=len(risk_rows),
        open_risk_count=found.count,
        matrix=found,
        risks=tables.risk_rows(ctx, risk_rows, with_initiative=False),
        benefits=governance.build_benefits(ctx, EVERY, initiative_id),
    )
