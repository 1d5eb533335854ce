"""The generated portfolio's governance register: decisions, checklist
answers, risks, benefits and benefit measurements.

Built once as numpy arrays from the portfolio's state (tools/generate_portfolio.py),
then shown as it stood on each snapshot's day (`frames`), with a weekly change
(`advance`): some risks' probability or consequence moves one step, some are
followed up, some are closed, overdue reviews are set anew. By the last
snapshot there are about 3 risks, 1 benefit with 4 measurements and 2
decisions per initiative; the initiatives that keep Prosjektveiviseren's
checklists (a share of them) have answers for the decision points they have
passed, a few items unanswered.

- A decision at a decision point is dated the day the point is passed (so a
  moved decision point moves its decision until it is passed); other
  decisions have their own day. A decision or benefit marked public is
  public only while its initiative is (the validator's rule).
- A benefit shows from its initiative's start; its measurements from their
  day, each after the baseline's, towards (most of the way to) the target.
- The register draws from its own random stream (the same seed), so the
  portfolio's other tables are what they were without it.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from portfolio.model import schema
from portfolio.texts import checklists
from tools import generate_words as W
from tools.generate_arrays import object_array, object_frame, sample, vocab_take
from tools.generate_portfolio import Portfolio

CHECKLIST_SIZES = tuple(len(checklists.CHECKLISTS[bp]) for bp in schema.DECISION_POINTS)
SCORE_P = (0.15, 0.3, 0.3, 0.17, 0.08)  # probability and consequence 1–5 when identified
OTHER_DECISIONS_P = (0.4, 0.45, 0.15)  # 0, 1 or 2 decisions outside the decision points


def _ints(values: np.ndarray, missing: np.ndarray) -> pd.arrays.IntegerArray:
    return pd.arrays.IntegerArray(values.astype(np.int64), missing)


def _suffixed(ids: np.ndarray, owner: np.ndarray, prefix: str, number: np.ndarray) -> np.ndarray:
    return object_array([f"{ids[i]}-{prefix}{k}" for i, k in zip(owner.tolist(), number.tolist(), strict=True)])


def _sequence(owner: np.ndarray) -> np.ndarray:
    """Each row's number (from 1) among the rows of its owner; `owner` is sorted."""
    return np.arange(len(owner)) - np.searchsorted(owner, owner, side="left") + 1


class Register:
    """The register's state: static columns and what changes weekly."""

    def __init__(self, p: Portfolio, seed: int, first_day: int, last_day: int):
        rng = self.rng = np.random.default_rng([seed, 1])
        self._decisions(p, rng, last_day)
        self._risks(p, rng, first_day, last_day)
        self._benefits(p, rng, last_day)
        self._checklists(p, rng)

    # -- decisions -------------------------------------------------------------------
    def _decisions(self, p: Portfolio, rng: np.random.Generator, last_day: int) -> None:
        n = p.n
        at_bp = rng.random((n, 5)) < W.DECISION_AT_BP
        bp_i, bp_k = np.nonzero(at_bp)
        others = rng.choice(len(OTHER_DECISIONS_P), n, p=OTHER_DECISIONS_P)
        o_i = np.repeat(np.arange(n), others)
        o_day = p.start[o_i] + np.floor(rng.random(len(o_i)) * np.maximum(last_day - p.start[o_i], 1)).astype(np.int64)
        init = np.concatenate([bp_i, o_i])
        order = np.argsort(init, kind="stable")
        self.d_init = init[order]
        self.d_bp = np.concatenate([bp_k, np.full(len(o_i), -1)])[order]
        self.d_day = np.concatenate([np.zeros(len(bp_i), dtype=np.int64), o_day])[order]
        is_bp = self.d_bp >= 0
        bodies = np.where(is_bp, sample(rng, np.asarray(W.DECISION_BP_BODY_P), (len(init),)),
                          sample(rng, np.asarray(W.DECISION_OTHER_BODY_P), (len(init),)))
        self.d_ids = object_array([
            f"{p.ids[i]}-bp{k + 1}" if k >= 0 else f"{p.ids[i]}-v{s}"
            for i, k, s in zip(self.d_init.tolist(), self.d_bp.tolist(), _sequence(self.d_init).tolist(), strict=True)
        ])
        self.d_init_ids = p.ids.take(self.d_init)
        self.d_body = vocab_take(list(schema.DECISION_BODIES), bodies)
        self.d_point = vocab_take([*schema.DECISION_POINTS, None], self.d_bp)
        other_title = vocab_take(list(W.DECISION_OTHER_TITLES), rng.integers(0, len(W.DECISION_OTHER_TITLES),
                                                                             len(init)))
        self.d_title = np.where(is_bp, vocab_take(list(W.DECISION_BP_TITLES), np.maximum(self.d_bp, 0)), other_title)
        self.d_text = vocab_take(list(W.DECISION_TEXTS), rng.integers(0, len(W.DECISION_TEXTS), len(init)))
        political = np.isin(bodies, [schema.DECISION_BODIES.index("formannskap"),
                                     schema.DECISION_BODIES.index("bystyre")]) & ~is_bp
        year = (self.d_day.astype("datetime64[D]").astype("datetime64[Y]").astype(np.int64) + 1970) % 100
        number = rng.integers(1, 20_000, len(init))
        self.d_case = object_array([f"{y:02d}/{c:05d}" if pol else None
                                    for y, c, pol in zip(year.tolist(), number.tolist(), political.tolist(),
                                                         strict=True)])
        self.d_public_flag = rng.random(len(init)) < W.DECISION_PUBLIC

    # -- risks -------------------------------------------------------------------------
    def _risks(self, p: Portfolio, rng: np.random.Generator, first_day: int, last_day: int) -> None:
        n = p.n
        count = rng.choice(W.RISKS_PER_INITIATIVE, n, p=W.RISKS_PER_INITIATIVE_P)
        r = self.r_init = np.repeat(np.arange(n), count)
        m = len(r)
        self.r_ids = _suffixed(p.ids, r, "r", _sequence(r))
        self.r_init_ids = p.ids.take(r)
        start = p.start[r]
        self.r_identified = start + np.floor(rng.random(m) * np.maximum(last_day - start, 1)).astype(np.int64)
        titles = [(category, title) for category, found in W.RISK_CATEGORIES.items() for title in found]
        pick = rng.integers(0, len(titles), m)
        self.r_title = vocab_take([t for _, t in titles], pick)
        self.r_category = vocab_take([c for c, _ in titles], pick)
        self.r_description = vocab_take(list(W.RISK_DESCRIPTIONS), rng.integers(0, len(W.RISK_DESCRIPTIONS), m))
        self.r_mitigation = vocab_take(list(W.RISK_MITIGATIONS), rng.integers(0, len(W.RISK_MITIGATIONS), m))
        leader = p.project_leader.take(r)
        self.r_owner = np.where(pd.isna(leader), p.project_owner.take(r), leader)
        self.r_prob = sample(rng, np.asarray(SCORE_P), (m,)).astype(np.int64) + 1
        self.r_cons = sample(rng, np.asarray(SCORE_P), (m,)).astype(np.int64) + 1
        self.r_strategy = vocab_take(list(schema.RISK_STRATEGIES), sample(rng, np.asarray(W.RISK_STRATEGY_P), (m,)))
        # risks identified long before the first snapshot may be followed up or closed already
        age = np.clip((first_day - self.r_identified) / 1000.0, 0.0, 0.6)
        u = rng.random(m)
        self.r_status = np.where(u < age * 0.6, 2, np.where(u < age, 1, 0)).astype(np.int8)
        self.r_review = self.r_identified + rng.integers(60, 365, m)
        has_residual = rng.random(m) < 0.4
        self.r_residual_missing = ~has_residual
        self.r_residual_prob = np.maximum(self.r_prob - rng.integers(0, 3, m), 1)
        self.r_residual_cons = np.maximum(self.r_cons - rng.integers(0, 2, m), 1)

    # -- benefits and measurements --------------------------------------------------------
    def _benefits(self, p: Portfolio, rng: np.random.Generator, last_day: int) -> None:
        count = rng.choice(len(W.BENEFITS_PER_INITIATIVE_P), p.n, p=W.BENEFITS_PER_INITIATIVE_P)
        b = self.b_init = np.repeat(np.arange(p.n), count)
        nb = len(b)
        self.b_ids = _suffixed(p.ids, b, "g", _sequence(b))
        self.b_init_ids = p.ids.take(b)
        kind = rng.integers(0, len(W.BENEFIT_TYPES), nb)
        types = W.BENEFIT_TYPES
        self.b_title = vocab_take([t[0] for t in types], kind)
        self.b_kind = vocab_take([t[1] for t in types], kind)
        self.b_unit = vocab_take([t[2] for t in types], kind)
        self.b_indicator = vocab_take([t[3] for t in types], kind)
        lo, hi = np.array([t[4] for t in types], float)[kind], np.array([t[5] for t in types], float)[kind]
        change = np.array([t[6] for t in types], float)[kind]
        relative = np.isin(self.b_unit, ["antall", "kroner", "timer"])
        baseline = lo + rng.random(nb) * (hi - lo)
        target = np.where(relative, baseline * (1 + change), baseline + change)
        self.b_baseline, self.b_target = self._round(baseline), self._round(target)
        self.b_baseline_on = p.start[b] + rng.integers(0, 90, nb)
        self.b_target_on = p.planned_end[b] + rng.integers(90, 730, nb)
        self.b_owner = p.project_owner.take(b)
        self.b_public_flag = rng.random(nb) < W.BENEFIT_PUBLIC

        per = W.MEASUREMENTS_PER_BENEFIT
        mb = self.m_benefit = np.repeat(np.arange(nb), per)
        k = np.tile(np.arange(1, per + 1), nb)
        span = np.maximum(last_day - self.b_baseline_on, 28)[mb]
        self.m_day = self.b_baseline_on[mb] + np.ceil(span * (k - 0.5 * rng.random(len(mb))) / per).astype(np.int64)
        pace = np.clip(rng.normal(0.75, 0.35, nb), -0.2, 1.3)[mb]
        gap = (self.b_target - self.b_baseline)[mb]
        noise = rng.normal(0.0, 0.05, len(mb)) * np.abs(gap)
        self.m_value = self._round(self.b_baseline[mb] + gap * pace * k / per + noise, self.b_unit[mb])
        self.m_ids = self.b_ids.take(mb)
        self.m_comment = vocab_take(list(W.MEASUREMENT_COMMENTS), rng.integers(0, len(W.MEASUREMENT_COMMENTS),
                                                                               len(mb)))

    def _round(self, values: np.ndarray, unit: np.ndarray | None = None) -> np.ndarray:
        """Values as the unit is counted: whole tens of thousands of kroner,
        scores to one decimal, percent within 0–100, the rest whole."""
        unit = self.b_unit if unit is None else unit
        out = np.where(unit == "kroner", np.round(values / 10_000) * 10_000,
                       np.where(unit == "skår", np.round(values, 1), np.round(values)))
        out = np.where(unit == "prosent", np.clip(out, 0, 100), out)
        return np.where(unit == "skår", np.clip(out, 1, 6), np.maximum(out, 0)).astype(float)

    # -- checklists ------------------------------------------------------------------------
    def _checklists(self, p: Portfolio, rng: np.random.Generator) -> None:
        keeps = np.flatnonzero(rng.random(p.n) < W.CHECKLIST_SHARE)
        point = np.concatenate([np.full(size, k) for k, size in enumerate(CHECKLIST_SIZES)])
        item = np.concatenate([np.arange(1, size + 1) for size in CHECKLIST_SIZES])
        init = np.repeat(keeps, len(item))
        point, item = np.tile(point, len(keeps)), np.tile(item, len(keeps))
        answered = rng.random(len(init)) < W.CHECKLIST_ITEM_ANSWERED
        self.c_init, self.c_point, self.c_item = init[answered], point[answered], item[answered].astype(np.int64)
        rows = len(self.c_init)
        self.c_init_ids = p.ids.take(self.c_init)
        self.c_point_names = vocab_take(list(schema.DECISION_POINTS), self.c_point)
        choice = sample(rng, np.asarray(W.CHECKLIST_ANSWER_P), (rows,))
        free = vocab_take(list(W.CHECKLIST_FREE_ANSWERS), rng.integers(0, len(W.CHECKLIST_FREE_ANSWERS), rows))
        self.c_answer = np.where(choice < len(schema.CHECKLIST_ANSWERS),
                                 vocab_take([*schema.CHECKLIST_ANSWERS, None], np.minimum(choice, 4)), free)
        self.c_comment = vocab_take(list(W.CHECKLIST_COMMENTS), rng.integers(0, len(W.CHECKLIST_COMMENTS), rows))

    # -- weekly change ---------------------------------------------------------------------
    def advance(self, today: int) -> None:
        rng, m = self.rng, len(self.r_init)
        live = (self.r_identified <= today) & (self.r_status < 2)
        moved = live & (rng.random(m) < W.RISK_WEEKLY_MOVE)
        step = np.where(rng.random(m) < 0.5, -1, 1)
        which = rng.random(m) < 0.5
        self.r_prob = np.where(moved & which, np.clip(self.r_prob + step, 1, 5), self.r_prob)
        self.r_cons = np.where(moved & ~which, np.clip(self.r_cons + step, 1, 5), self.r_cons)
        followed = live & (self.r_status == 0) & (rng.random(m) < W.RISK_WEEKLY_FOLLOW_UP)
        closed = live & (rng.random(m) < W.RISK_WEEKLY_CLOSE)
        self.r_status = np.where(closed, 2, np.where(followed, 1, self.r_status)).astype(np.int8)
        overdue = live & ~closed & (self.r_review < today)
        self.r_review = np.where(overdue, today + rng.integers(30, 180, m), self.r_review)

    # -- one snapshot -------------------------------------------------------------------------
    def frames(self, p: Portfolio, today: int) -> dict[str, pd.DataFrame]:
        is_public = p.is_public()
        return {
            "decisions": self._decision_frame(p, today, is_public),
            "checklist_answers": self._checklist_frame(p, today),
            "risks": self._risk_frame(p, today),
            **self._benefit_frames(p, today, is_public),
        }

    def _decision_frame(self, p: Portfolio, today: int, is_public: np.ndarray) -> pd.DataFrame:
        day = np.where(self.d_bp >= 0, p.bp_passed[self.d_init, np.maximum(self.d_bp, 0)], self.d_day)
        shown = np.flatnonzero(day <= today)
        return object_frame({
            "decision_id": self.d_ids.take(shown),
            "initiative_id": self.d_init_ids.take(shown),
            "decided_on": p.dates.take(day.take(shown)),
            "body": self.d_body.take(shown),
            "decision_point": self.d_point.take(shown),
            "title": self.d_title.take(shown),
            "text": self.d_text.take(shown),
            "case_number": self.d_case.take(shown),
            "is_public": (self.d_public_flag & is_public[self.d_init]).take(shown),
        })

    def _checklist_frame(self, p: Portfolio, today: int) -> pd.DataFrame:
        shown = np.flatnonzero(p.bp_passed[self.c_init, self.c_point] <= today)
        return object_frame({
            "initiative_id": self.c_init_ids.take(shown),
            "decision_point": self.c_point_names.take(shown),
            "item_no": self.c_item.take(shown),
            "question": np.full(len(shown), None, dtype=object),  # empty: the checklist's own words
            "answer": self.c_answer.take(shown),
            "comment": self.c_comment.take(shown),
        })

    def _risk_frame(self, p: Portfolio, today: int) -> pd.DataFrame:
        shown = np.flatnonzero(self.r_identified <= today)
        missing = self.r_residual_missing.take(shown)
        return object_frame({
            "risk_id": self.r_ids.take(shown),
            "initiative_id": self.r_init_ids.take(shown),
            "title": self.r_title.take(shown),
            "description": self.r_description.take(shown),
            "category": self.r_category.take(shown),
            "probability": self.r_prob.take(shown),
            "consequence": self.r_cons.take(shown),
            "owner": self.r_owner.take(shown),
            "mitigation": self.r_mitigation.take(shown),
            "status": vocab_take(list(schema.RISK_STATUSES), self.r_status.take(shown)),
            "strategy": self.r_strategy.take(shown),
            "identified_on": p.dates.take(self.r_identified.take(shown)),
            "review_by": p.dates.take(self.r_review.take(shown)),
            "residual_probability": _ints(self.r_residual_prob.take(shown), missing),
            "residual_consequence": _ints(self.r_residual_cons.take(shown), missing),
        })

    def _benefit_frames(self, p: Portfolio, today: int, is_public: np.ndarray) -> dict[str, pd.DataFrame]:
        visible = p.start[self.b_init] <= today
        shown = np.flatnonzero(visible)
        benefits = object_frame({
            "benefit_id": self.b_ids.take(shown),
            "initiative_id": self.b_init_ids.take(shown),
            "title": self.b_title.take(shown),
            "kind": self.b_kind.take(shown),
            "owner": self.b_owner.take(shown),
            "indicator": self.b_indicator.take(shown),
            "unit": self.b_unit.take(shown),
            "baseline": self.b_baseline.take(shown),
            "baseline_on": p.dates.take(self.b_baseline_on.take(shown)),
            "target": self.b_target.take(shown),
            "target_on": p.dates.take(self.b_target_on.take(shown)),
            "is_public": (self.b_public_flag & is_public[self.b_init]).take(shown),
        })
        measured = np.flatnonzero((self.m_day <= today) & visible[self.m_benefit])
        measurements = object_frame({
            "benefit_id": self.m_ids.take(measured),
            "measured_on": p.dates.take(self.m_day.take(measured)),
            "value": self.m_value.take(measured),
            "comment": self.m_comment.take(measured),
        })
        return {"benefits": benefits, "benefit_measurements": measurements}
