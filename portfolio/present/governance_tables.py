"""The governance tables as plain data with Norwegian headers, and how their
columns are drawn (portfolio.present.columns): decisions, decision points,
risks, benefits, benefit measurements and checklist answers. Shared by
«Styring» and the initiative page; `with_links` adds the link to each row's
initiative (left out in the downloads and on the initiative's own page)."""

from __future__ import annotations

import pandas as pd
from babel.numbers import format_decimal

from portfolio import fmt
from portfolio.present import charts, links
from portfolio.present.columns import DATE_PX, Columns
from portfolio.present.governance_charts import LEVEL_COLOURS, risk_level
from portfolio.query.context import SnapshotContext
from portfolio.texts import governance as T

# A decision point's state as a word on a tint: overdue as red, passed as green
STATE_WORDS = {"passed": T.STATE_PASSED, "overdue": T.STATE_OVERDUE, "due": T.STATE_DUE, "started": T.STATE_STARTED}
STATE_TINTS = {
    T.STATE_OVERDUE: charts.STATUS_TINTS["Rød"],
    T.STATE_DUE: charts.STATUS_TINTS["Ikke vurdert"],
    T.STATE_STARTED: charts.STATUS_TINTS["Ikke vurdert"],
    T.STATE_PASSED: charts.STATUS_TINTS["Grønn"],
}
# A risk's level as its word on the matrix's colour (black text: ≥ 4.5:1 on each)
LEVEL_TINTS = {T.RISK_LEVEL_WORDS[key]: colour for key, colour in LEVEL_COLOURS.items()}
UNIT_SUFFIX = {"kroner": "\u00a0kr", "prosent": "\u00a0%", "timer": "\u00a0timer"}
BP_PX = 50
STATE_PX = 100
LEVEL_PX = 90
SCORE_PX = 60
SHARE_PX = 110
VALUE_PX = 100


def _text(value) -> str:
    return T.EMPTY if fmt.missing(value) or value == "" else str(value)


def value_text(value, unit) -> str:
    """A benefit's value in its unit: «1 234 kr», «45 %», «12,5 timer», «3,2»."""
    if fmt.missing(value):
        return T.EMPTY
    number = format_decimal(round(float(value), 1), format="#,##0.#", locale=fmt.LOCALE)
    return number + UNIT_SUFFIX.get(unit, "")


def share_text(share) -> str:
    return T.EMPTY if fmt.missing(share) else fmt.percent(share)


def _link_column(ctx: SnapshotContext, ids: pd.Series) -> pd.Series:
    return links.initiative_column(ctx, ids)


# -- decisions --------------------------------------------------------------------------

def decision_rows(ctx: SnapshotContext, rows: pd.DataFrame, with_links: bool = True) -> pd.DataFrame:
    columns = {
        T.COL_DATE: rows["decided_on"],
        T.COL_TITLE: rows["title"],
        T.COL_BODY: rows["body"].map(lambda b: T.BODY_LABELS.get(b, b)),
        T.COL_DECISION_POINT: rows["decision_point"].fillna(T.EMPTY),
        T.COL_INITIATIVE: rows["initiative_name"],
    }
    if with_links:
        columns[T.COL_LINK] = _link_column(ctx, rows["initiative_id"])
    columns[T.COL_TEXT] = rows["text"].fillna("")
    columns[T.COL_CASE] = rows["case_number"].fillna(T.EMPTY)
    return pd.DataFrame(columns).reset_index(drop=True)


def decision_columns() -> Columns:
    """The decision log: on a phone each decision's date and title; on a
    laptop also who decided, the decision point, the initiative with its link
    and the decision's text (titles, names and texts wrap); the case number
    behind «Vis alle kolonner»."""
    return Columns(
        dates=(T.COL_DATE,), links={T.COL_LINK: T.LINK_TEXT},
        essential=(T.COL_DATE, T.COL_TITLE), extra=(T.COL_CASE,),
        wrap=(T.COL_TITLE, T.COL_INITIATIVE, T.COL_TEXT),
        widths={T.COL_DATE: DATE_PX, T.COL_BODY: 115, T.COL_DECISION_POINT: BP_PX, T.COL_INITIATIVE: 165},
    )


# -- decision points --------------------------------------------------------------------

def summary_table(summary: pd.DataFrame) -> pd.DataFrame:
    """Per decision point: how many initiatives passed it, have it overdue
    or due, the next due date, and checklists started and complete."""
    return pd.DataFrame({
        T.COL_DECISION_POINT: summary["decision_point"],
        T.COL_PASSED_COUNT: summary["passed_count"].astype(int),
        T.COL_OVERDUE_COUNT: summary["overdue_count"].astype(int),
        T.COL_DUE_COUNT: summary["due_count"].astype(int),
        T.COL_NEXT_DUE: summary["next_due"],
        T.COL_CHECKLISTS: summary["checklist_count"].astype(int),
        T.COL_CHECKLISTS_COMPLETE: summary["checklist_complete_count"].astype(int),
    }).reset_index(drop=True)


def summary_columns() -> Columns:
    """Per decision point: on a phone the counts passed, overdue and due;
    every column fits a laptop."""
    counts = (T.COL_PASSED_COUNT, T.COL_OVERDUE_COUNT, T.COL_DUE_COUNT, T.COL_CHECKLISTS, T.COL_CHECKLISTS_COMPLETE)
    return Columns(
        counts=counts, dates=(T.COL_NEXT_DUE,),
        essential=(T.COL_DECISION_POINT, T.COL_PASSED_COUNT, T.COL_OVERDUE_COUNT, T.COL_DUE_COUNT),
        widths={T.COL_DECISION_POINT: BP_PX, T.COL_OVERDUE_COUNT: 90, T.COL_NEXT_DUE: 100, T.COL_CHECKLISTS: 160,
                T.COL_CHECKLISTS_COMPLETE: 160},
    )


def checklist_text(answered, items) -> str:
    if fmt.missing(items):
        return T.EMPTY
    return T.CHECKLIST_SHARE.format(answered=fmt.number(int(answered)), items=fmt.number(int(items)))


def decision_point_rows(ctx: SnapshotContext, rows: pd.DataFrame, with_links: bool = True) -> pd.DataFrame:
    has_list = rows["has_checklist"].astype(bool)
    share = (rows["answered_count"] / rows["item_count"]).where(has_list)
    columns = {
        T.COL_INITIATIVE: rows["name"],
        T.COL_DECISION_POINT: rows["decision_point"],
        T.COL_STATE: rows["state"].map(STATE_WORDS),
        T.COL_DUE: rows["due_date"].where(rows["state"].isin(["due", "overdue"])),
        T.COL_PASSED_ON: rows["passed_on"],
        T.COL_CHECKLIST: [checklist_text(a, n) if has else T.EMPTY
                          for a, n, has in zip(rows["answered_count"], rows["item_count"], has_list, strict=True)],
        T.COL_CHECKLIST_SHARE: share.map(share_text),
    }
    if with_links:
        columns[T.COL_LINK] = _link_column(ctx, rows["initiative_id"])
    columns[T.COL_PHASE] = rows["phase"]
    columns[T.COL_LAST_DP] = rows["last_decision_point"].fillna(T.EMPTY)
    return pd.DataFrame(columns).reset_index(drop=True)


def decision_point_columns() -> Columns:
    """Initiatives at decision points: on a phone each initiative with the
    decision point and its state; on a laptop also the due and passed dates,
    the checklist's completeness and the link; phase and last decision point
    behind «Vis alle kolonner»."""
    return Columns(
        dates=(T.COL_DUE, T.COL_PASSED_ON), links={T.COL_LINK: T.LINK_TEXT},
        tinted={T.COL_STATE: STATE_TINTS}, right=(T.COL_CHECKLIST, T.COL_CHECKLIST_SHARE),
        wrap=(T.COL_INITIATIVE,), essential=(T.COL_INITIATIVE, T.COL_DECISION_POINT, T.COL_STATE),
        extra=(T.COL_PHASE, T.COL_LAST_DP),
        widths={T.COL_INITIATIVE: 185, T.COL_DECISION_POINT: BP_PX, T.COL_STATE: STATE_PX, T.COL_PASSED_ON: 105,
                T.COL_CHECKLIST: 90, T.COL_CHECKLIST_SHARE: 135},
    )


# -- risks --------------------------------------------------------------------------------

def level_word(score) -> str:
    return T.RISK_LEVEL_WORDS[risk_level(int(score))]


def cell_label(probability, consequence) -> str:
    return T.CELL_LABEL.format(probability=int(probability), consequence=int(consequence))


def risk_rows(ctx: SnapshotContext, rows: pd.DataFrame, with_initiative: bool = True,
              with_links: bool = True) -> pd.DataFrame:
    """One row per risk: its level and score, its cell in the matrix (S =
    sannsynlighet, K = konsekvens), the initiative (unless on its own page)."""
    residual = [cell_label(p, c) + f" ({int(s)})" if not fmt.missing(s) else T.EMPTY
                for p, c, s in zip(rows["residual_probability"], rows["residual_consequence"],
                                   rows["residual_score"], strict=True)]
    columns = {
        T.COL_RISK: rows["title"],
        T.COL_LEVEL: rows["score"].map(level_word),
        T.COL_SCORE: rows["score"].astype(int),
        T.COL_CELL: [cell_label(p, c) for p, c in zip(rows["probability"], rows["consequence"], strict=True)],
    }
    if with_initiative:
        columns[T.COL_INITIATIVE] = rows["initiative_name"]
        if with_links:
            columns[T.COL_LINK] = _link_column(ctx, rows["initiative_id"])
    columns.update({
        T.COL_MITIGATION: rows["mitigation"].fillna(""),
        T.COL_RISK_STATUS: rows["status"].map(lambda s: T.RISK_STATUS_LABELS.get(s, s)),
        T.COL_REVIEW_BY: rows["review_by"],
        T.COL_OWNER: rows["owner"].map(_text),
        T.COL_STRATEGY: rows["strategy"].map(_text),
        T.COL_RESIDUAL: residual,
        T.COL_CATEGORY: rows["category"].map(_text),
        T.COL_PROBABILITY: rows["probability"].astype(int),
        T.COL_CONSEQUENCE: rows["consequence"].astype(int),
        T.COL_DESCRIPTION: rows["description"].fillna(""),
    })
    return pd.DataFrame(columns).reset_index(drop=True)


def risk_columns(on_initiative_page: bool = False) -> Columns:
    """Risks: on a phone each risk with its level and score; on a laptop also
    its cell, the initiative with its link (on «Styring») or the status and
    review date (on the initiative page) and the mitigation (titles and
    mitigations wrap); the rest behind «Vis alle kolonner»."""
    extra = [T.COL_OWNER, T.COL_STRATEGY, T.COL_RESIDUAL, T.COL_CATEGORY, T.COL_PROBABILITY,
             T.COL_CONSEQUENCE, T.COL_DESCRIPTION]
    if not on_initiative_page:
        extra += [T.COL_RISK_STATUS, T.COL_REVIEW_BY]
    return Columns(
        dates=(T.COL_REVIEW_BY,), counts=(T.COL_SCORE, T.COL_PROBABILITY, T.COL_CONSEQUENCE),
        links={T.COL_LINK: T.LINK_TEXT}, tinted={T.COL_LEVEL: LEVEL_TINTS},
        essential=(T.COL_RISK, T.COL_LEVEL, T.COL_SCORE), extra=tuple(extra),
        wrap=(T.COL_RISK, T.COL_INITIATIVE, T.COL_MITIGATION, T.COL_DESCRIPTION),
        widths={T.COL_RISK: 185, T.COL_LEVEL: LEVEL_PX, T.COL_SCORE: SCORE_PX, T.COL_CELL: 80,
                T.COL_INITIATIVE: 165, T.COL_RISK_STATUS: 130, T.COL_REVIEW_BY: 115, T.COL_MITIGATION: 200},
    )


def matrix_table(cells: pd.DataFrame) -> pd.DataFrame:
    """The matrix as a table: probability down (5 first), consequence
    across, each cell «count (skår score)»."""
    steps = sorted(cells["consequence"].unique().tolist())
    table = {T.COL_PROBABILITY_ROW: [str(p) for p in sorted(steps, reverse=True)]}
    by_cell = {(int(p), int(c)): (int(n), int(s)) for p, c, n, s in
               cells[["probability", "consequence", "risk_count", "score"]].itertuples(index=False)}
    for c in steps:
        table[T.COL_CONSEQUENCE_N.format(n=c)] = [
            T.RISK_MATRIX_CELL.format(count=fmt.number(by_cell[(p, c)][0]), score=by_cell[(p, c)][1])
            for p in sorted(steps, reverse=True)
        ]
    return pd.DataFrame(table)


def matrix_columns(table: pd.DataFrame) -> Columns:
    """The matrix as a table: the probability first; on a phone the grid
    scrolls sideways to the higher consequences."""
    return Columns(essential=(T.COL_PROBABILITY_ROW,),
                   widths={T.COL_PROBABILITY_ROW: 105, **dict.fromkeys(table.columns[1:], 100)})


# -- benefits ----------------------------------------------------------------------------

def benefit_rows(ctx: SnapshotContext, rows: pd.DataFrame, with_initiative: bool = True,
                 with_links: bool = True) -> pd.DataFrame:
    """One row per measurable benefit: baseline → latest measurement → target
    in its unit, and how far it has come (achievement)."""
    unit = rows["unit"]
    columns = {
        T.COL_BENEFIT: rows["title"],
        T.COL_ACHIEVEMENT: rows["achievement"].map(share_text),
        T.COL_BASELINE: [value_text(v, u) for v, u in zip(rows["baseline"], unit, strict=True)],
        T.COL_LATEST: [value_text(v, u) for v, u in zip(rows["latest_value"], unit, strict=True)],
        T.COL_TARGET: [value_text(v, u) for v, u in zip(rows["target"], unit, strict=True)],
        T.COL_LATEST_ON: rows["latest_on"],
    }
    if with_initiative:
        columns[T.COL_INITIATIVE] = rows["initiative_name"]
        if with_links:
            columns[T.COL_LINK] = _link_column(ctx, rows["initiative_id"])
    columns.update({
        T.COL_TARGET_ON: rows["target_on"],
        T.COL_MEASUREMENTS: rows["measurement_count"].astype(int),
        T.COL_KIND: rows["kind"].map(lambda k: T.BENEFIT_KIND_LABELS.get(k, k)),
        T.COL_INDICATOR: rows["indicator"].map(_text),
        T.COL_OWNER: rows["owner"].map(_text),
    })
    return pd.DataFrame(columns).reset_index(drop=True)


def benefit_columns() -> Columns:
    """Benefits: on a phone each benefit with its achievement; on a laptop
    also baseline, latest measurement and target with the date measured, and
    the initiative with its link; the rest behind «Vis alle kolonner»."""
    return Columns(
        dates=(T.COL_LATEST_ON, T.COL_TARGET_ON), counts=(T.COL_MEASUREMENTS,),
        links={T.COL_LINK: T.LINK_TEXT},
        right=(T.COL_ACHIEVEMENT, T.COL_BASELINE, T.COL_LATEST, T.COL_TARGET),
        essential=(T.COL_BENEFIT, T.COL_ACHIEVEMENT),
        extra=(T.COL_TARGET_ON, T.COL_MEASUREMENTS, T.COL_KIND, T.COL_INDICATOR, T.COL_OWNER),
        wrap=(T.COL_BENEFIT, T.COL_INITIATIVE),
        widths={T.COL_BENEFIT: 185, T.COL_ACHIEVEMENT: SHARE_PX, T.COL_BASELINE: VALUE_PX, T.COL_LATEST: VALUE_PX,
                T.COL_TARGET: VALUE_PX, T.COL_LATEST_ON: DATE_PX, T.COL_INITIATIVE: 150},
    )


def measurement_rows(benefits: pd.DataFrame, points: pd.DataFrame) -> pd.DataFrame:
    """Every measurement of the benefits, newest first, in its benefit's unit."""
    about = benefits.set_index("benefit_id")
    points = points.sort_values(["measured_on", "benefit_id"], ascending=[False, True], kind="stable")
    units = points["benefit_id"].map(about["unit"])
    return pd.DataFrame({
        T.COL_DATE: points["measured_on"],
        T.COL_BENEFIT: points["benefit_id"].map(about["title"]),
        T.COL_VALUE: [value_text(v, u) for v, u in zip(points["value"], units, strict=True)],
        T.COL_ACHIEVEMENT: points["achievement"].map(share_text),
        T.COL_COMMENT: points["comment"].fillna(""),
    }).reset_index(drop=True)


def measurement_columns() -> Columns:
    return Columns(
        dates=(T.COL_DATE,), right=(T.COL_VALUE, T.COL_ACHIEVEMENT),
        essential=(T.COL_DATE, T.COL_BENEFIT, T.COL_VALUE), wrap=(T.COL_BENEFIT, T.COL_COMMENT),
        widths={T.COL_DATE: DATE_PX, T.COL_BENEFIT: 165, T.COL_VALUE: VALUE_PX, T.COL_ACHIEVEMENT: SHARE_PX},
    )
