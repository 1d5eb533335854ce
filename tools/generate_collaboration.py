"""The generated portfolio's collaboration tables: engagements (meetings with
citizens and partners), collaboration surveys and their scores.

Built once as numpy arrays from the portfolio's state (tools/generate_portfolio.py),
then shown as they stood on each snapshot's day (`frames`); nothing changes
from week to week but the passing of time, so there is no weekly change:

- about 2 engagements per initiative, from its start to a few months after
  the last snapshot; an engagement shows from the day it is announced (one to
  four months before it is held), its participant counts empty until it is
  held; public only while its initiative is (the validator's rule);
- about 1 initiative in 10, and every kommunalområde an initiative names as
  its owner area, is surveyed 2–3 times, about a year apart, by the same
  respondent group (a series); a survey shows from its day, with a score in
  each of its instrument's seven dimensions (mostly the seven of relational
  coordination, reference data; some units use another instrument with its
  own labels). Means rise modestly from survey to survey; a score's n is not
  more than the survey's respondents, and small groups (initiatives) answer
  fewer than five times now and then.

Draws from its own random stream (the same seed), so the other tables are
what they were without it.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from portfolio.model import schema
from portfolio.texts import dimensions
from tools.generate_arrays import object_array, object_frame, sample, vocab_take
from tools.generate_portfolio import Portfolio
from tools.generate_words import slugify

ENGAGEMENTS_PER_INITIATIVE_P = (0.1, 0.25, 0.3, 0.2, 0.15)  # 0–4: about 2
KIND_P = (0.3, 0.35, 0.05, 0.1, 0.15, 0.05)  # schema.ENGAGEMENT_KINDS order
ENGAGEMENT_PUBLIC = 0.6  # marked public (shown only while the initiative is)
TITLES = {
    "dialogverksted": ("Dialogverksted om tjenestene", "Dialogverksted med innbyggerne",
                       "Verksted om samarbeid på tvers"),
    "dialogmøte": ("Dialogmøte med brukerne", "Dialogmøte med frivillige", "Møte med næringslivet",
                   "Dialogmøte med formannskapet"),
    "konferanse": ("Samhandlingskonferanse", "Fagdag om samarbeid"),
    "seminar": ("Seminar om relasjonell koordinering", "Seminar for ledere og ansatte"),
    "digital medvirkning": ("Digital medvirkning om planene", "Spørreundersøkelse til innbyggerne"),
    "annet": ("Åpent møte", "Innbyggerkafé"),
}
PLACES = ("Rådhuset", "Biblioteket", "Kulturhuset", "Frivilligsentralen", "Skolen", None)
NOTES = (None, None, None, None, "Referat er sendt deltakerne.", "Oppfølging i neste styringsgruppemøte.")
# Per participant group (schema.PARTICIPANT_GROUPS): how often counted, and a typical count
GROUP_COUNTED = np.array([0.75, 0.3, 0.5, 0.7, 0.3, 0.2, 0.15])
GROUP_SIZE = np.array([30.0, 5.0, 8.0, 20.0, 10.0, 6.0, 4.0])
KIND_SCALE = np.array([1.0, 0.7, 4.0, 1.5, 6.0, 1.0])  # a conference or a digital process draws more

SURVEYED_INITIATIVES = 0.1
SURVEYS_PER_UNIT_P = (0.5, 0.5)  # 2 or 3
OTHER_INSTRUMENT_SHARE = 0.05
OTHER_INSTRUMENT = "Samarbeidsfaktorer (Wilder)"
OTHER_DIMENSIONS = ("Gjensidig tillit", "Felles visjon", "Tydelige roller", "Åpen kommunikasjon",
                    "Tilstrekkelige ressurser", "Felles beslutninger", "Kompetent ledelse")
INITIATIVE_GROUPS = ("prosjektgruppen", "ansatte og ledere", "partnere")
AREA_GROUPS = ("ansatte", "ledere")


def _sequence(owner: np.ndarray) -> np.ndarray:
    """Each row's number (from 1) among the rows of its owner; `owner` is sorted."""
    return np.arange(len(owner)) - np.searchsorted(owner, owner, side="left") + 1


class Collaboration:
    """The collaboration tables' state (static: rows show as their days come)."""

    def __init__(self, p: Portfolio, seed: int, first_day: int, last_day: int):
        rng = np.random.default_rng([seed, 2])
        self._engagements(p, rng, last_day)
        self._surveys(p, rng, first_day, last_day)

    # -- engagements -----------------------------------------------------------------
    def _engagements(self, p: Portfolio, rng: np.random.Generator, last_day: int) -> None:
        count = rng.choice(len(ENGAGEMENTS_PER_INITIATIVE_P), p.n, p=ENGAGEMENTS_PER_INITIATIVE_P)
        e = self.e_init = np.repeat(np.arange(p.n), count)
        m = len(e)
        start = p.start[e]
        self.e_held = start + np.floor(rng.random(m) * np.maximum(last_day + 120 - start, 1)).astype(np.int64)
        self.e_shown = self.e_held - rng.integers(30, 120, m)  # announced before it is held
        self.e_ids = object_array([f"{p.ids[i]}-e{k}" for i, k in zip(e.tolist(), _sequence(e).tolist(),
                                                                        strict=True)])
        self.e_init_ids = p.ids.take(e)
        kind = sample(rng, np.asarray(KIND_P), (m,)).astype(np.int64)
        self.e_kind = vocab_take(list(schema.ENGAGEMENT_KINDS), kind)
        flat = [t for k in schema.ENGAGEMENT_KINDS for t in TITLES[k]]
        sizes = np.array([len(TITLES[k]) for k in schema.ENGAGEMENT_KINDS])
        offsets = np.cumsum(sizes) - sizes
        self.e_title = object_array(flat).take(offsets[kind] + rng.integers(0, 1 << 20, m) % sizes[kind])
        digital = self.e_kind == "digital medvirkning"
        places = vocab_take(list(PLACES), rng.integers(0, len(PLACES), m))
        self.e_place = np.where(digital, "digitalt", places).astype(object)
        self.e_counted = rng.random((m, len(GROUP_SIZE))) < GROUP_COUNTED
        self.e_counted[:, 0] |= ~self.e_counted.any(axis=1)  # somebody was counted
        size = rng.lognormal(0.0, 0.5, (m, len(GROUP_SIZE))) * GROUP_SIZE * KIND_SCALE[kind][:, None]
        self.e_counts = np.maximum(np.round(size), 1).astype(np.int64)
        self.e_public_flag = rng.random(m) < ENGAGEMENT_PUBLIC
        self.e_note = vocab_take(list(NOTES), rng.integers(0, len(NOTES), m))

    # -- surveys and scores ------------------------------------------------------------
    def _surveys(self, p: Portfolio, rng: np.random.Generator, first_day: int, last_day: int) -> None:
        surveyed = np.flatnonzero(rng.random(p.n) < SURVEYED_INITIATIVES)
        areas = np.unique(p.owner_area.astype(str))
        units = len(surveyed) + len(areas)
        is_area = np.arange(units) >= len(surveyed)
        group = np.where(is_area, vocab_take(list(AREA_GROUPS), rng.integers(0, len(AREA_GROUPS), units)),
                         vocab_take(list(INITIATIVE_GROUPS), rng.integers(0, len(INITIATIVE_GROUPS), units)))
        size = np.where(is_area, rng.integers(20, 300, units), rng.integers(3, 40, units))
        other = rng.random(units) < OTHER_INSTRUMENT_SHARE
        base = np.clip(rng.normal(3.2, 0.35, (units, 7)), 1.5, 4.5)

        # a unit's latest survey falls anywhere from half a year before the first snapshot to half a
        # year after the last (an initiative's not before its start), the earlier ones a year apart
        count = 2 + sample(rng, np.asarray(SURVEYS_PER_UNIT_P), (units,)).astype(np.int64)
        latest = first_day - 180 + np.floor(rng.random(units) * (last_day - first_day + 360)).astype(np.int64)
        start = np.concatenate([p.start[surveyed], np.full(len(areas), first_day - 10 * 365)])  # areas: any day
        latest = np.maximum(latest, start + (count - 1) * 365 + 30)
        u = np.repeat(np.arange(units), count)
        k = _sequence(u)  # 1, 2, 3 within the unit
        ns = len(u)
        self.s_day = latest[u] - (count[u] - k) * 365 + rng.integers(-30, 31, ns) * (k < count[u])
        labels = object_array([*(f"{p.ids[i]}" for i in surveyed.tolist()),
                               *(f"omrade-{slugify(a)}" for a in areas.tolist())])
        self.s_ids = object_array([f"{labels[x]}-u{s}" for x, s in zip(u.tolist(), k.tolist(), strict=True)])
        self.s_init_ids = object_array([*p.ids.take(surveyed), *([None] * len(areas))]).take(u)
        self.s_area = object_array([*([None] * len(surveyed)), *areas.tolist()]).take(u)
        self.s_group = group[u]
        self.s_respondents = np.maximum(np.round(size[u] * rng.uniform(0.8, 1.15, ns)), 1).astype(np.int64)
        self.s_instrument = np.where(other[u], OTHER_INSTRUMENT, dimensions.INSTRUMENT).astype(object)

        d = len(dimensions.DIMENSIONS)
        self.k_survey = np.repeat(np.arange(ns), d)
        dim = np.tile(np.arange(d), ns)
        labels_by_instrument = np.array([list(dimensions.DIMENSIONS), list(OTHER_DIMENSIONS)], dtype=object)
        self.k_dimension = labels_by_instrument[other[u].astype(np.int64)[self.k_survey], dim]
        trend = rng.normal(0.1, 0.08, (ns, d)) * (k - 1)[:, None]
        mean = base[u] + trend + rng.normal(0.0, 0.05, (ns, d))
        self.k_mean = np.round(np.clip(mean, schema.SCORE_SCALE[0], schema.SCORE_SCALE[1]), 2).ravel()
        respondents = self.s_respondents[self.k_survey]
        skipped = np.floor(rng.random(ns * d) * (respondents // 15 + 1)).astype(np.int64)
        self.k_n = np.maximum(respondents - skipped, 0)
        self.k_survey_ids = self.s_ids.take(self.k_survey)

    # -- one snapshot -------------------------------------------------------------------------
    def frames(self, p: Portfolio, today: int) -> dict[str, pd.DataFrame]:
        return {"engagements": self._engagement_frame(p, today, p.is_public()), **self._survey_frames(p, today)}

    def _engagement_frame(self, p: Portfolio, today: int, is_public: np.ndarray) -> pd.DataFrame:
        shown = np.flatnonzero(self.e_shown <= today)
        counts = self.e_counts.take(shown, axis=0)
        missing = ~self.e_counted.take(shown, axis=0) | (self.e_held.take(shown) > today)[:, None]
        return object_frame({
            "engagement_id": self.e_ids.take(shown),
            "initiative_id": self.e_init_ids.take(shown),
            "kind": self.e_kind.take(shown),
            "title": self.e_title.take(shown),
            "held_on": p.dates.take(self.e_held.take(shown)),
            "place": self.e_place.take(shown),
            **{name: pd.arrays.IntegerArray(counts[:, j].copy(), missing[:, j].copy())
               for j, name in enumerate(schema.PARTICIPANT_COLUMNS)},
            "is_public": (self.e_public_flag & is_public[self.e_init]).take(shown),
            "note": self.e_note.take(shown),
        })

    def _survey_frames(self, p: Portfolio, today: int) -> dict[str, pd.DataFrame]:
        shown = np.flatnonzero(self.s_day <= today)
        surveys = object_frame({
            "survey_id": self.s_ids.take(shown),
            "initiative_id": self.s_init_ids.take(shown),
            "area": self.s_area.take(shown),
            "conducted_on": p.dates.take(self.s_day.take(shown)),
            "respondent_group": self.s_group.take(shown),
            "respondents": self.s_respondents.take(shown),
            "instrument": self.s_instrument.take(shown),
        })
        scored = np.flatnonzero(self.s_day[self.k_survey] <= today)
        scores = object_frame({
            "survey_id": self.k_survey_ids.take(scored),
            "dimension": self.k_dimension.take(scored),
            "mean": self.k_mean.take(scored),
            "n": self.k_n.take(scored),
        })
        return {"collaboration_surveys": surveys, "collaboration_scores": scores}
