"""The three tables of one generated snapshot, from the portfolio's state on
that day (`tools/generate_portfolio.py`)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from portfolio.model import schema
from tools.generate_arrays import object_array, object_frame, vocab_take
from tools.generate_portfolio import Portfolio
from tools.generate_words import COMMENTS, SUMMARIES

# The status texts to pick from, per status (grønn, gul, rød, ikke vurdert)
SUMMARY_VOCAB = [list(s) for s in SUMMARIES]
# green: mostly empty; yellow/red: a comment; not assessed: empty
COMMENT_VOCAB = {
    dim: [[None] * 9 + ["Ingen avvik."], list(COMMENTS[dim][0]), list(COMMENTS[dim][1]), [None]]
    for dim in schema.STATUS_DIMENSIONS[1:]
}


def frames(p: Portfolio, today: int) -> dict[str, pd.DataFrame]:
    return {
        "initiatives": initiatives(p, today),
        "budgets": budgets(p, today),
        "milestones": milestones(p, today),
    }


def _texts(vocab: list[list], status: np.ndarray, pick: np.ndarray) -> np.ndarray:
    flat = [t for texts in vocab for t in texts]
    sizes = np.array([len(t) for t in vocab])
    offsets = np.cumsum(sizes) - sizes
    return object_array(flat).take(offsets[status] + pick % sizes[status])


def initiatives(p: Portfolio, today: int) -> pd.DataFrame:
    phase = p.phase
    status_names = object_array(list(schema.STATUSES))
    is_public = p.is_public()
    with_summary = is_public | p.summary_draft
    passed_end = phase >= 5
    end = np.where(passed_end, p.bp_passed[:, 4], p.planned_end)
    columns = {
        "initiative_id": p.ids,
        "name": p.names,
        "parent_id": p.parent_ids,
        "owner_area": p.owner_area,
        "collaborating_areas": p.collaborating,
        "project_owner": p.project_owner,
        "project_leader": p.project_leader,
        "phase": vocab_take(list(schema.PHASES), phase),
        "last_decision_point": vocab_take([*list(schema.DECISION_POINTS), None], phase - 1),
    }
    for d, dim in enumerate(schema.STATUS_DIMENSIONS):
        columns[f"status_{dim}"] = status_names.take(p.status[:, d])
    columns["status_summary"] = _texts(SUMMARY_VOCAB, p.status[:, 0], p.summary_pick)
    for d, dim in enumerate(schema.STATUS_DIMENSIONS):
        if d:
            columns[f"comment_{dim}"] = _texts(COMMENT_VOCAB[dim], p.status[:, d], p.comment_pick[:, d])
    columns.update(
        {
            "focus_areas": p.focus,
            "target_groups": p.targets,
            "partners": p.partners,
            "start_date": p.dates.take(p.start),
            "end_date": p.dates.take(end, missing=(phase == 0) & p.no_end),
            "is_public": is_public,
            "public_summary": np.where(with_summary, p.summaries, None),
            "url": np.where(is_public, p.urls, None),
        }
    )
    return object_frame(columns)


def budgets(p: Portfolio, today: int) -> pd.DataFrame:
    elapsed = np.clip((today - p.b_year_start) / p.b_year_days, 0.0, 1.0)
    spent = elapsed ** p.b_shape
    actual = np.round(p.b_budget * p.b_ratio * spent / 1000).astype(np.int64) * 1000
    current = (elapsed > 0) & (elapsed < 1)
    seen = np.clip(elapsed * 1.5 + 0.2, 0.0, 1.0)  # the overrun shows in the forecast gradually
    forecast_now = np.round(p.b_budget * (1 + (p.b_ratio - 1) * seen) / 10_000) * 10_000
    forecast = np.where(elapsed >= 1, actual, np.where(current, forecast_now, p.b_budget)).astype(np.int64)
    no_forecast = (elapsed <= 0) & ~p.b_future_forecast
    return object_frame(
        {
            "initiative_id": p.b_ids,
            "year": p.b_year,
            "funding_source": p.b_source,
            "budget_nok": p.b_budget,
            "actual_nok": actual,
            "forecast_nok": pd.arrays.IntegerArray(forecast, no_forecast),
            "note": p.b_note,
        }
    )


def milestones(p: Portfolio, today: int) -> pd.DataFrame:
    done = p.m_done <= today
    is_public = p.is_public()
    return object_frame(
        {
            "milestone_id": p.m_ids,
            "initiative_id": p.m_init_ids,
            "title": p.m_title,
            "kind": p.m_kind,
            "decision_point": p.m_dp,
            "due_date": p.dates.take(p.m_due),
            "completed_date": p.dates.take(p.m_done, missing=~done),
            "is_public": p.m_public_flag & is_public[p.m_init],
            "note": p.m_note.copy(),
        }
    )
