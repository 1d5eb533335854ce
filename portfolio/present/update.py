"""What the «Oppdater data» page shows: a file's problems, each with its
place (file, sheet, row, column) and message, user data made literal; and
the changes a save would make, as a table with Norwegian headers."""

from __future__ import annotations

from typing import Protocol

import pandas as pd

from portfolio import fmt
from portfolio.present import change_words
from portfolio.texts import changes as C
from portfolio.texts import update as T

P = T.PAGE
PREVIEW_ROWS = 500  # at most this many changes or problems go to the browser


class Problem(Protocol):
    where: str
    message: str


def problem_line(problem: Problem) -> fmt.Markdown:
    """A markdown list item: the location in bold, the message; both made literal."""
    where = problem.where
    if not where:
        return fmt.markdown("- {}", problem.message)
    return fmt.markdown("- **{}**: {}", where, problem.message)


def problem_table(problems: list[Problem], limit: int = PREVIEW_ROWS) -> pd.DataFrame:
    rows = [{P["col_where"]: p.where, P["col_problem"]: p.message} for p in problems[:limit]]
    return pd.DataFrame(rows, columns=[P["col_where"], P["col_problem"]])


def change_table(changes: list, old: dict[str, pd.DataFrame], new: dict[str, pd.DataFrame],
                 limit: int | None = None) -> pd.DataFrame:
    """The changes as a table with Norwegian headers: initiative, kind, what,
    field, before, after. At most `limit` rows (the first in diff's order).
"""
    names: dict[str, str] = {}
    titles: dict[str, str] = {}
    for frames in (old, new):
        if "initiatives" in frames:
            names.update(zip(frames["initiatives"]["initiative_id"], frames["initiatives"]["name"], strict=True))
        if "milestones" in frames:
            titles.update(zip(frames["milestones"]["milestone_id"], frames["milestones"]["title"], strict=True))
    shown = changes if limit is None else changes[:limit]
    p = P
    rows = []
    for c in shown:
        before, after = change_words.format_value(c.field, c.old), change_words.format_value(c.field, c.new)
        if c.table == "milestones":
            what = C.WHAT["milestones"].format(title=titles.get(c.milestone_id, c.milestone_id))
        elif c.table == "budgets":
            what = C.WHAT["budgets"].format(year=c.year, source=c.funding_source)
        elif c.table in change_words.REGISTER_TABLES:  # a decision, …, an engagement, a survey, a score, Decidim
            what = change_words.what(c)
            before, after = change_words.values(c)
        else:
            what = C.WHAT["initiatives"]
        rows.append({
            p["col_initiative"]: names.get(c.initiative_id, c.initiative_id)
            or (C.NO_INITIATIVE_DECIDIM if c.table in change_words.DECIDIM_TABLES else C.NO_INITIATIVE),
            p["col_kind"]: C.KIND_LABELS.get(c.kind, c.kind),
            p["col_detail"]: what,
            p["col_field"]: change_words.field_label(c.table, c.field),
            p["col_old"]: before,
            p["col_new"]: after,
        })
    columns = [p[k] for k in ("col_initiative", "col_kind", "col_detail", "col_field", "col_old", "col_new")]
    return pd.DataFrame(rows, columns=columns)
