"""The rules of the collaboration tables (issue 16: engagements, surveys and
their scores), beside those every table gets from its declaration in
portfolio.model.schema (types, required values, allowed kinds, whole counts
≥ 0, means 1–5, unique ids and keys, references to an initiative and to a
survey). portfolio.model.rules runs them with the others:

- one column: a score's dimension that is one of the seven of relational
  coordination (portfolio.texts.dimensions) written otherwise, in case or
  spaces, is refused with the right spelling (``dimension_spelling``);
- one row: a survey is of an initiative or of a kommunalområde, exactly one
  of the two (``survey_unit_missing``, ``survey_unit_both``);
- across tables: a survey's kommunalområde is one the initiatives name (as
  owner or collaborating area: there is no fixed list, so the data's own
  words are the list); a score's n is not more than its survey's
  respondents. (A public engagement of an internal initiative is refused
  with the decisions and benefits: rules.public_only_of_public_initiatives.)

portfolio.model.validate_fast refuses the same within one table.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from portfolio import texts
from portfolio.model import schema
from portfolio.model.rules_base import Finding, as_numbers, first_by_key, has
from portfolio.texts import dimensions

if TYPE_CHECKING:
    import pandera.pandas as pa

AREA_EXAMPLES = 3  # kommunalområder named in the message of an unknown one


# -- one column and one row -------------------------------------------------------------

def misspelt(value: object) -> str | None:
    """The reference label a dimension is meant to be, when it is written otherwise."""
    if not isinstance(value, str):
        return None
    expected = dimensions.BY_SPELLING.get(dimensions.spelling_key(value))
    return expected if expected is not None and expected != value else None


def _spelt_right(series: pd.Series) -> pd.Series:
    return series.map(lambda value: misspelt(value) is None)


def column_checks(table: schema.Table, column: schema.Column) -> list[pa.Check]:
    import pandera.pandas as pa  # imported where a check is built: pandera takes a second to import
    if table.name == "collaboration_scores" and column.name == "dimension":
        return [pa.Check(_spelt_right, name="dimension_spelling")]
    return []


def frame_checks(table: schema.Table) -> list[pa.Check]:
    import pandera.pandas as pa  # imported where a check is built: pandera takes a second to import
    if table.name == "collaboration_surveys":
        return [
            pa.Check(lambda f: ~(f["initiative_id"].isna() & f["area"].isna()), name="survey_unit_missing"),
            pa.Check(lambda f: ~(f["initiative_id"].notna() & f["area"].notna()), name="survey_unit_both"),
        ]
    return []


# Frame-level checks: name -> the column a problem names
FRAME_CHECK_COLUMNS = {"survey_unit_missing": "initiative_id", "survey_unit_both": "area"}


def message(check: str, shown: str) -> str | None:
    """The message of a check defined here that needs more than the value."""
    if check == "dimension_spelling":
        return texts.VALIDATION[check].format(value=shown, expected=misspelt(shown) or shown)
    return None


# -- across tables ------------------------------------------------------------------------

def named_areas(initiatives: pd.DataFrame) -> set[str]:
    """Every kommunalområde the initiatives name, as owner or collaborating area."""
    areas = {a for a in initiatives["owner_area"].tolist() if isinstance(a, str)}
    for items in initiatives["collaborating_areas"].tolist():
        if items is not None and not isinstance(items, (str, float)):
            areas.update(a for a in items if isinstance(a, str))
    return areas


def survey_areas_named(tables: Mapping[str, pd.DataFrame], usable: set[str]) -> list[Finding]:
    if not (has(tables, usable, "collaboration_surveys", ("area",))
            and has(tables, usable, "initiatives", ("owner_area", "collaborating_areas"))):
        return []
    surveys = tables["collaboration_surveys"]
    if not len(surveys) or surveys["area"].isna().all():
        return []
    known = named_areas(tables["initiatives"])
    examples = ", ".join(f"«{a}»" for a in sorted(known, key=str.casefold)[:AREA_EXAMPLES])
    out = []
    for position, area in enumerate(surveys["area"].tolist()):
        if isinstance(area, str) and area not in known:
            key = "survey_area" if known else "survey_area_none"
            out.append(Finding("collaboration_surveys", position, "area",
                               texts.VALIDATION[key].format(value=area, examples=examples)))
    return out


def scores_within_respondents(tables: Mapping[str, pd.DataFrame], usable: set[str]) -> list[Finding]:
    if not (has(tables, usable, "collaboration_scores", ("survey_id", "n"))
            and has(tables, usable, "collaboration_surveys", ("survey_id", "respondents"))):
        return []
    scores = tables["collaboration_scores"]
    if not len(scores):
        return []
    respondents = first_by_key(tables["collaboration_surveys"], "survey_id", "respondents")
    surveys = scores["survey_id"].tolist()
    total = as_numbers(pd.Series([respondents.get(s) for s in surveys], dtype=object)).to_numpy()
    n = as_numbers(scores["n"]).to_numpy()
    with np.errstate(invalid="ignore"):
        over = (n > total) & (total >= 0)  # NaN (no survey, no number) compares false; < 0: the minimum says so
    return [Finding("collaboration_scores", int(position), "n", texts.VALIDATION["score_n_over_respondents"].format(
        value=int(n[position]), respondents=int(total[position]), survey=surveys[position]))
        for position in np.flatnonzero(over)]


CROSS_TABLE_RULES = (survey_areas_named, scores_within_respondents)
