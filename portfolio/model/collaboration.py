"""Collaboration scores over time: which earlier survey each score is
compared with. Pure pandas; the change engine (diff_collaboration.py) and
the pages use the same definition.

A survey belongs to a *series*: the same unit (its initiative, or its
kommunalområde when it has no initiative) and the same respondent group. A
score's *previous score* is the score of the same dimension in the latest
earlier survey of its series (by conducted_on, then survey_id, so that two
surveys on one day still have an order) that has that dimension. A mean is
shown, and a change of it called a move, only when at least
schema.MIN_RESPONDENTS answered, on both sides (`shown`).
"""

from __future__ import annotations

import pandas as pd

from portfolio.model import schema

SERIES = ("initiative_id", "area", "respondent_group")  # a survey's series: its unit and respondent group
PREVIOUS = ("previous_survey_id", "previous_conducted_on", "previous_mean", "previous_n")


def shown(n: object) -> bool:
    """Whether a mean of `n` answers may be shown (enough answered to keep them anonymous)."""
    return isinstance(n, int) and not isinstance(n, bool) and n >= schema.MIN_RESPONDENTS


def unit(initiative_id: object, area: object) -> tuple[str, str]:
    """A survey's unit: ("initiative", id) or ("area", kommunalområde)."""
    if isinstance(initiative_id, str) and initiative_id:
        return ("initiative", initiative_id)
    return ("area", area if isinstance(area, str) else "")


def with_previous(surveys: pd.DataFrame, scores: pd.DataFrame) -> pd.DataFrame:
    """Every score with its survey's unit, respondent group and date, and its
    previous score (`PREVIOUS`: empty for the first of its series and dimension),
    one row per score in series, dimension and date order."""
    columns = ["survey_id", *SERIES, "conducted_on", "instrument", "respondents"]
    merged = scores.merge(surveys[columns], on="survey_id", how="inner")
    if merged.empty:
        return merged.assign(**{c: pd.Series(dtype=object) for c in PREVIOUS})
    series = [merged[c].astype(object).where(merged[c].notna(), "") for c in SERIES]
    merged = merged.assign(_i=series[0], _a=series[1], _g=series[2],
                           _d=pd.to_datetime(merged["conducted_on"]))
    merged = merged.sort_values(["_i", "_a", "_g", "dimension", "_d", "survey_id"], kind="stable")
    group = merged.groupby(["_i", "_a", "_g", "dimension"], sort=False)
    out = merged.assign(
        previous_survey_id=group["survey_id"].shift(1),
        previous_conducted_on=group["conducted_on"].shift(1),
        previous_mean=group["mean"].shift(1),
        previous_n=group["n"].shift(1),
    )
    return out.drop(columns=["_i", "_a", "_g", "_d"]).reset_index(drop=True)
