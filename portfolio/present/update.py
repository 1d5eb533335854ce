"""What the «Oppdater data» page shows of a file's problems: each with its
place (file, sheet, row, column) and message, user data made literal."""

from __future__ import annotations

from typing import Protocol

import pandas as pd

from portfolio import fmt
from portfolio.texts import update as T

P = T.PAGE
PREVIEW_ROWS = 500  # at most this many changes or problems go to the browser


class Problem(Protocol):
    where: str
    message: str


def problem_line(problem: Problem) -> str:
    """A markdown list item: the location in bold, the message; user data escaped."""
    where = problem.where
    if not where:
        return f"- {fmt.literal(problem.message)}"
    return f"- **{fmt.literal(where)}**: {fmt.literal(problem.message)}"


def problem_table(problems: list[Problem], limit: int = PREVIEW_ROWS) -> pd.DataFrame:
    rows = [{P["col_where"]: p.where, P["col_problem"]: p.message} for p in problems[:limit]]
    return pd.DataFrame(rows, columns=[P["col_where"], P["col_problem"]])


