"""«Samhandling»'s «Relasjonell kapasitet»: the collaboration surveys of the
initiatives that pass the page's filters and of their kommunalområder, each
unit's scores over time per dimension, with the change since the previous
survey in words and arrows (never colour alone).

A survey belongs to a *series*: its unit (an initiative or a kommunalområde)
and its respondent group; a score's previous score is the one
portfolio.model.collaboration.with_previous finds, the same definition as
the change engine's. A mean is shown only when at least
schema.MIN_RESPONDENTS answered (`collaboration.shown`); otherwise the page
says «For få svar til å vise (n = 3)». The query (collaboration_scores)
already leaves such a mean out, so it is in no chart, table or download.

The initiative page's «Relasjonell kapasitet» (its latest survey per
respondent group) is `latest_surveys`.
"""

from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd

from portfolio import fmt
from portfolio.model import collaboration as model
from portfolio.model import schema
from portfolio.present import collaboration, links
from portfolio.present import collaboration_timecharts as timecharts
from portfolio.present.columns import COUNT_PX, DATE_PX, Columns
from portfolio.query import runner as queries
from portfolio.query.context import SnapshotContext
from portfolio.texts import collaboration as T
from portfolio.texts import dimensions

MIN_RESPONDENTS = schema.MIN_RESPONDENTS  # a mean is shown only from this many answers
ROW_LIMIT = links.TABLE_ROWS  # series in the overview table (the picker has every one)
SURVEYS_SHOWN = 6  # surveys (columns) in a series' table: the latest
SURVEY_COLUMNS = ["survey_id", "initiative_id", "area", "unit_name", "unit_kind", "conducted_on",
                  "respondent_group", "respondents", "instrument"]
UP, DOWN, SAME, FIRST, HIDDEN, NOT_COMPARABLE = "up", "down", "same", "first", "hidden", "not_comparable"

# the chosen series («initiative:<id>:<group>» or «area:<kommunalområde>:<group>», made by the query):
# URL parameter and widget key
URL_SERIES, SERIES_KEY = "scores", "collaboration_series"


def count_of(value) -> int | None:
    """A count from a query result as a Python int (None when empty)."""
    return None if fmt.missing(value) else int(value)


def states_of(found: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """Each score's change since its previous score (`with_previous`): its
    state and the difference (NaN but for up, down and same). A mean is
    compared only when it and the previous one were each given by enough
    answers (model.shown, asked once per distinct count)."""
    def floats(column: str) -> np.ndarray:
        return pd.to_numeric(found[column], errors="coerce").to_numpy(dtype=float, na_value=np.nan)

    n, before_n, mean, before = floats("n"), floats("previous_n"), floats("mean"), floats("previous_mean")
    counts = np.unique(np.concatenate([n, before_n]))
    allowed = counts[[not np.isnan(c) and model.shown(int(c)) for c in counts]]
    shown = np.isin(n, allowed) & ~np.isnan(mean)
    shown_before = np.isin(before_n, allowed) & ~np.isnan(before)
    first = found["previous_survey_id"].isna().to_numpy()
    delta = np.round(mean - before, 2)
    states = np.select(
        [~shown, first, ~shown_before, delta > 0, delta < 0],
        [HIDDEN, FIRST, NOT_COMPARABLE, UP, DOWN], default=SAME).astype(object)
    return states, np.where(np.isin(states, [UP, DOWN, SAME]), delta, np.nan)


def two_decimals(value: float) -> str:
    """A mean or a change on the 1–5 scale with two decimals, as such scores
    are reported: 3.5 -> «3,50», 0.22 -> «0,22» (no thousands: the scale ends at 5)."""
    return f"{float(value):.2f}".replace(".", ",")


def change_text(state: str, delta: float | None) -> str:
    if state == UP:
        return T.CHANGE_UP.format(delta=two_decimals(abs(delta)))
    if state == DOWN:
        return T.CHANGE_DOWN.format(delta=two_decimals(abs(delta)))
    return {SAME: T.CHANGE_SAME, FIRST: T.CHANGE_FIRST, NOT_COMPARABLE: T.CHANGE_NOT_COMPARABLE}.get(state, T.EMPTY)


def scored(rows: pd.DataFrame) -> pd.DataFrame:
    """Every score (collaboration_scores) with its previous score, its
    series, its change, and its words: the mean (or «For få svar …») and
    the change. In series, dimension and date order."""
    surveys = rows[[*SURVEY_COLUMNS, "series"]].drop_duplicates("survey_id")
    found = model.with_previous(surveys, rows[["survey_id", "dimension", "mean", "n"]])
    if found.empty:
        return found.assign(series=[], unit_name=[], unit_kind=[], state=[], delta=[], mean_text=[], change_text=[])
    found = found.merge(surveys[["survey_id", "unit_name", "unit_kind", "series"]], on="survey_id", how="left")
    states, deltas = states_of(found)
    means = pd.to_numeric(found["mean"], errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    return found.assign(
        state=states, delta=deltas,
        mean_text=[T.TOO_FEW.format(n=fmt.number(count_of(n))) if state == HIDDEN else two_decimals(m)
                   for state, m, n in zip(states, means, found["n"], strict=True)],
        change_text=[change_text(state, delta) for state, delta in zip(states, deltas, strict=True)],
        mean=np.where(states == HIDDEN, np.nan, means),
    )





def summary(states: pd.Series) -> str:
    """A survey's changes in words: «3 opp, 1 ned, 2 uendret», or «Første måling»."""
    return summary_of({state: int(n) for state, n in states.value_counts().items()})


def summary_of(counts: dict[str, int]) -> str:
    """The same from how many scores are in each state."""
    if set(counts) <= {FIRST}:
        return T.CHANGES_FIRST
    words = [(UP, T.CHANGES_UP), (DOWN, T.CHANGES_DOWN), (SAME, T.CHANGES_SAME), (HIDDEN, T.CHANGES_HIDDEN),
             (NOT_COMPARABLE, T.CHANGES_NOT_COMPARABLE), (FIRST, T.CHANGES_NEW)]
    return ", ".join(text.format(count=fmt.number(counts[state])) for state, text in words if counts.get(state))


def score_cell(state: str, mean_text: str, change: str) -> str:
    """A mean with its change («3,5 (↑ opp 0,4)»), the mean alone for a
    first survey, or «For få svar til å vise (n = 3)»."""
    if state in (HIDDEN, FIRST):
        return mean_text
    return T.SCORE_CELL.format(mean=mean_text, change=change)


def dimension_order(names) -> list[str]:
    return sorted(set(names), key=dimensions.order)


# -- every unit: the overview -------------------------------------------------------------------------

def latest_of(series: pd.DataFrame) -> pd.DataFrame:
    """The scores of the latest survey of each series in `series`."""
    surveys = series.drop_duplicates("survey_id").sort_values(["conducted_on", "survey_id"], kind="stable")
    return series[series["survey_id"].isin(surveys.groupby("series", sort=False)["survey_id"].last())]


def unit_rows(found: pd.DataFrame) -> pd.DataFrame:
    """One row per series: its unit, respondent group, how many surveys, the
    latest one's date and respondents, and its changes in words; the latest first."""
    latest = latest_of(found)
    counts: dict[str, dict[str, int]] = {}
    for (key, state), n in latest.groupby(["series", "state"], sort=False).size().items():
        counts.setdefault(key, {})[state] = int(n)
    said = {key: summary_of(states) for key, states in counts.items()}
    surveyed = found.drop_duplicates("survey_id").groupby("series")["survey_id"].size()
    frame = latest.drop_duplicates("series")
    frame = frame.assign(surveys=frame["series"].map(surveyed))
    frame = frame.assign(_unit=frame["unit_name"].str.casefold()).sort_values(
        ["conducted_on", "_unit", "series"], ascending=[False, True, True], kind="stable")
    return pd.DataFrame({
        "series": frame["series"], T.COL_UNIT: frame["unit_name"],
        T.COL_UNIT_KIND: frame["unit_kind"].map(T.UNIT_KIND_LABELS), T.COL_RESPONDENT_GROUP: frame["respondent_group"],
        T.COL_SURVEYS: frame["surveys"].astype(int), T.COL_LATEST: frame["conducted_on"].map(fmt.date),
        T.COL_RESPONDENTS: frame["respondents"].map(lambda n: fmt.number(count_of(n))),
        T.COL_CHANGES: frame["series"].map(said),
    }).reset_index(drop=True)


def unit_columns() -> Columns:
    """On a phone each unit with its changes; the rest on a laptop."""
    return Columns(
        counts=(T.COL_SURVEYS,), right=(T.COL_RESPONDENTS,), essential=(T.COL_UNIT, T.COL_CHANGES),
        wrap=(T.COL_UNIT, T.COL_CHANGES),
        widths={T.COL_UNIT: 190, T.COL_CHANGES: 160, T.COL_UNIT_KIND: 130, T.COL_RESPONDENT_GROUP: 120,
                T.COL_SURVEYS: COUNT_PX, T.COL_LATEST: DATE_PX + 10, T.COL_RESPONDENTS: COUNT_PX},
    )


@dataclasses.dataclass(frozen=True)
class ScoresView:
    """«Relasjonell kapasitet» for one snapshot and set of filters."""

    takeaway: fmt.Markdown | None  # None without surveys
    units: pd.DataFrame  # one row per series (`unit_columns`), the latest ROW_LIMIT
    series: dict[str, str]  # key -> label (plain text), every series in the table's order (the picker)
    unit_count: int


def scores_view(ctx: SnapshotContext, filters: queries.Filters) -> ScoresView:
    """Use through `ui.view(scores_view, ctx, filters)`."""
    found = scored(ctx.query("collaboration_scores", **collaboration.params(filters, ctx.today.year)))
    if found.empty:
        return ScoresView(takeaway=None, units=pd.DataFrame(), series={}, unit_count=0)
    table = unit_rows(found)
    # plain text: a selectbox's options are never Markdown
    series = {key: (T.SERIES_OPTION_ONE if count == 1 else T.SERIES_OPTION).format(
        unit=unit, group=group, count=fmt.number(count))
        for key, unit, group, count in table[["series", T.COL_UNIT, T.COL_RESPONDENT_GROUP, T.COL_SURVEYS]]
        .itertuples(index=False)}
    units = found.drop_duplicates(["unit_kind", "initiative_id", "area"])
    states = latest_of(found)["state"].value_counts()
    up, down, same = (int(states.get(s, 0)) for s in (UP, DOWN, SAME))
    unit_words = T.UNITS_ONE if len(units) == 1 else T.UNITS_MANY.format(count=fmt.number(len(units)))
    takeaway = fmt.markdown(T.SCORES_TAKEAWAY if up + down + same else T.SCORES_TAKEAWAY_FIRST, units=unit_words,
                            up=fmt.number(up), down=fmt.number(down), same=fmt.number(same))
    return ScoresView(takeaway=takeaway, units=table.drop(columns=["series"]).head(ROW_LIMIT), series=series,
                      unit_count=len(units))


# -- one series: the chart and its table ------------------------------------------------------------------

@dataclasses.dataclass(frozen=True)
class SeriesView:
    caption: fmt.Markdown
    chart: dict  # the small multiples (Vega-Lite)
    description: fmt.Markdown
    table: pd.DataFrame  # dimensions × surveys (the latest SURVEYS_SHOWN), as text, for st.table
    capped: fmt.Markdown | None  # when the table leaves earlier surveys out


def series_table(series: pd.DataFrame) -> tuple[pd.DataFrame, int]:
    """Dimensions × the latest SURVEYS_SHOWN surveys: each cell the mean
    with its change, «For få svar til å vise (n = 3)» or «ikke målt»."""
    surveys = series.drop_duplicates("survey_id").sort_values(["conducted_on", "survey_id"], kind="stable")
    shown = surveys.tail(SURVEYS_SHOWN)
    headers: dict[str, str] = {}
    for survey in shown.itertuples(index=False):
        header = T.COL_SURVEY.format(date=fmt.date(survey.conducted_on), n=fmt.number(count_of(survey.respondents)))
        headers[survey.survey_id] = f"{header} · {survey.survey_id}" if header in headers.values() else header
    cells = {(row.dimension, row.survey_id): score_cell(row.state, row.mean_text, row.change_text)
             for row in series.itertuples(index=False)}
    rows = [{T.COL_DIMENSION: dimension,
             **{headers[s]: cells.get((dimension, s), T.NOT_MEASURED) for s in shown["survey_id"]}}
            for dimension in dimension_order(series["dimension"])]
    return pd.DataFrame(rows), len(surveys)


def series_view(ctx: SnapshotContext, filters: queries.Filters, key: str) -> SeriesView | None:
    """Use through `ui.view(series_view, ctx, filters, key)`: one series' chart and table (None: unknown key)."""
    rows = ctx.query("collaboration_scores", **collaboration.params(filters, ctx.today.year))
    rows = rows[rows["series"] == key]
    if rows.empty:
        return None
    series = scored(rows)
    first = series.iloc[0]
    unit, group = first["unit_name"], first["respondent_group"]
    order = dimension_order(series["dimension"])
    panels = []
    for dimension in order:
        last = series[series["dimension"] == dimension].iloc[-1]  # in date order (with_previous)
        panels.append((dimension, T.PANEL_TOO_FEW.format(dimension=dimension, n=fmt.number(count_of(last["n"])))
                       if last["state"] == HIDDEN else T.PANEL_TITLE.format(
                           dimension=dimension, value=score_cell(
                               last["state"], last["mean_text"], T.PANEL_NOT_COMPARABLE
                               if last["state"] == NOT_COMPARABLE else last["change_text"]))))
    surveys = series.drop_duplicates("survey_id").sort_values(["conducted_on", "survey_id"], kind="stable")
    said = summary(latest_of(series)["state"])
    words = dict(unit=unit, group=group, count=fmt.number(len(surveys)), first=fmt.date(surveys["conducted_on"].iloc[0]),
                 last=fmt.date(surveys["conducted_on"].iloc[-1]), summary=said)
    sentence = fmt.markdown(T.SCORES_CHART_DESCRIPTION_ONE if len(surveys) == 1 else T.SCORES_CHART_DESCRIPTION,
                            **words)
    points = pd.DataFrame({
        "dimension": series["dimension"], "conducted_on": pd.to_datetime(series["conducted_on"]),
        "mean": series["mean"].astype(float), "date_text": series["conducted_on"].map(fmt.date),
        "mean_text": series["mean_text"], "n_text": series["n"].map(lambda n: fmt.number(count_of(n))),
        "change_text": series["change_text"],
    })
    table, count = series_table(series)
    instruments = ", ".join(sorted(set(series["instrument"])))
    return SeriesView(
        caption=fmt.markdown(T.SERIES_CAPTION, kind=T.UNIT_KIND_LABELS[first["unit_kind"]], unit=unit, group=group,
                             instruments=instruments),
        chart=timecharts.score_panels(points, panels, fmt.plain(sentence)), description=sentence, table=table,
        capped=fmt.markdown(T.SCORES_TABLE_CAPPED, shown=fmt.number(SURVEYS_SHOWN), count=fmt.number(count))
        if count > SURVEYS_SHOWN else None,
    )


def score_export(ctx: SnapshotContext, filters: queries.Filters) -> pd.DataFrame:
    """Every score of the filtered units (the download): a mean of too few
    answers is empty, and the note says why."""
    found = scored(ctx.query("collaboration_scores", **collaboration.params(filters, ctx.today.year)))
    if found.empty:
        return pd.DataFrame(columns=[T.COL_UNIT, T.COL_DIMENSION, T.COL_MEAN])
    return pd.DataFrame({
        T.COL_UNIT: found["unit_name"], T.COL_UNIT_KIND: found["unit_kind"].map(T.UNIT_KIND_LABELS),
        T.COL_RESPONDENT_GROUP: found["respondent_group"], T.COL_SURVEY_DATE: found["conducted_on"],
        T.COL_INSTRUMENT: found["instrument"], T.COL_DIMENSION: found["dimension"],
        T.COL_RESPONDENTS: found["n"].map(count_of), T.COL_MEAN: found["mean"].astype(object).where(
            found["state"] != HIDDEN, None),
        T.COL_PREVIOUS_DATE: found["previous_conducted_on"], T.COL_CHANGE: found["change_text"],
        T.COL_NOTE: found["mean_text"].where(found["state"] == HIDDEN, ""),
    }).reset_index(drop=True)


# -- the initiative page: its latest survey per respondent group -----------------------------------------

@dataclasses.dataclass(frozen=True)
class LatestSurvey:
    heading: fmt.Markdown
    caption: fmt.Markdown
    table: pd.DataFrame  # dimension, mean (or «For få svar …»), n, change


def latest_surveys(rows: pd.DataFrame) -> list[LatestSurvey]:
    """The latest survey of each series in `rows` (collaboration_scores of one initiative)."""
    found = scored(rows)
    surveys = []
    for _, series in found.groupby("series", sort=True):
        latest = latest_of(series)
        first = latest.iloc[0]
        ordered = latest.assign(_o=latest["dimension"].map(dimensions.order)).sort_values("_o", kind="stable")
        table = pd.DataFrame({
            T.COL_DIMENSION: ordered["dimension"], T.COL_MEAN: ordered["mean_text"],
            T.COL_RESPONDENTS: ordered["n"].map(lambda n: fmt.number(count_of(n))),
            T.COL_CHANGE: [T.EMPTY if s == HIDDEN else t for s, t in zip(ordered["state"], ordered["change_text"],
                                                                          strict=True)],
        }).reset_index(drop=True)
        previous = ordered["previous_conducted_on"].dropna()
        surveys.append(LatestSurvey(
            heading=fmt.markdown(T.INITIATIVE_SURVEY_HEADING, group=first["respondent_group"],
                                 date=fmt.date(first["conducted_on"])),
            caption=fmt.markdown(T.INITIATIVE_SURVEY_CAPTION, respondents=fmt.number(count_of(first["respondents"])),
                                 instrument=first["instrument"],
                                 previous=fmt.markdown(T.INITIATIVE_SURVEY_PREVIOUS, date=fmt.date(previous.max()))
                                 if len(previous) else T.INITIATIVE_SURVEY_FIRST),
            table=table,
        ))
    return surveys

