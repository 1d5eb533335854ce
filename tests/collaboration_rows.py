"""A small portfolio with rows in the collaboration tables (medvirkning,
samhandlingsundersøkelser, samhandlingsskårer), valid by every rule, for the
tests of those tables (rules, round trip, diff, editor)."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from conftest import budget, initiative, milestone, tables
from portfolio.model import schema
from portfolio.texts import dimensions

RC = dimensions.INSTRUMENT
FIRST_MEANS = (3.1, 2.8, 3.4, 2.9, 3.6, 3.0, 4.2)  # the seven dimensions, in their order


def frame(name: str, rows: list[dict]) -> pd.DataFrame:
    columns = schema.TABLES[name].column_names
    return pd.DataFrame([{c: row.get(c) for c in columns} for row in rows], columns=columns)


def engagement(engagement_id: str, initiative_id: str, **values) -> dict:
    row = dict(engagement_id=engagement_id, initiative_id=initiative_id, kind="dialogverksted",
               title=f"Medvirkning {engagement_id}", held_on=dt.date(2021, 9, 14), place=None, is_public=False,
               note=None)
    row.update(values)
    return row


def survey(survey_id: str, initiative_id: str | None = None, area: str | None = None, **values) -> dict:
    row = dict(survey_id=survey_id, initiative_id=initiative_id, area=area, conducted_on=dt.date(2022, 3, 1),
               respondent_group="ansatte", respondents=20, instrument=RC)
    row.update(values)
    return row


def score(survey_id: str, dimension: str, mean: float, n: int) -> dict:
    return dict(survey_id=survey_id, dimension=dimension, mean=mean, n=n)


def collaboration_tables() -> dict[str, pd.DataFrame]:
    """The collaboration tables of `collaboration_portfolio`: two engagements
    (one public, of the public initiative «a»), two surveys of «a» a year
    apart and one of a kommunalområde with fewer than five answers."""
    return {
        "engagements": frame("engagements", [
            engagement("e-1", "a", title="Dialogverksted om sammenhengende tjenester", place="Biblioteket",
                       participants_citizens=24, participants_politicians=3, participants_leaders=6,
                       participants_staff=12, is_public=True, note="=intern merknad"),
            engagement("e-2", "b", kind="konferanse", title="Sammen.", held_on=dt.date(2021, 10, 27),
                       place="Kilden", participants_staff=150, participants_leaders=40, participants_other=10),
        ]),
        "collaboration_surveys": frame("collaboration_surveys", [
            survey("s-a-2022", "a", respondents=18),
            survey("s-a-2023", "a", conducted_on=dt.date(2023, 3, 1)),
            survey("s-helse-2023", area="Helse og mestring", conducted_on=dt.date(2023, 5, 2),
                   respondent_group="ledere", respondents=4, instrument="Eget spørreskjema"),
        ]),
        "collaboration_scores": frame("collaboration_scores", [
            *(score("s-a-2022", d, m, 18) for d, m in zip(dimensions.DIMENSIONS, FIRST_MEANS, strict=True)),
            score("s-a-2023", "Hyppig kommunikasjon", 3.5, 20),
            score("s-a-2023", "Felles mål", 2.9, 19),
            score("s-a-2023", "Gjensidig respekt", 4.2, 20),
            score("s-helse-2023", "Felles mål", 3.9, 4),
            score("s-helse-2023", "Tillit", 4.0, 4),
        ]),
    }


def collaboration_portfolio() -> dict[str, pd.DataFrame]:
    """Two initiatives (a public, b internal) with budgets and a milestone,
    and rows in every collaboration table (the governance register empty)."""
    data = tables(
        [initiative("a", is_public=True, public_summary="Et enkelt sammendrag.",
                    collaborating_areas=["Helse og mestring"]),
         initiative("b", owner_area="Kultur og innbyggerdialog")],
        [budget("a"), budget("b", year=2025)],
        [milestone("m-a", "a")],
    )
    return {**data, **collaboration_tables()}
