"""The change engine's part for the collaboration tables (issue 16): what
changed in engagements, collaboration surveys and their scores between two
snapshots. `compare` is called by portfolio/model/diff.py with both
snapshots' tables already normalised.

Every row added, removed or changed is reported, like the other tables;
the kinds (diff_change.COLLABORATION_KINDS) say what it means:

- engagements: ``engagement_added`` (a new meeting with citizens or
  partners; the facts hold its title, kind, date and whether it is public),
  ``engagement_removed``, ``engagement_changed`` (any column, a participant
  count included);
- surveys: ``survey_added``, ``survey_removed``, ``survey_changed``; the
  facts hold the unit (initiative or kommunalområde), date, respondent group,
  instrument and respondents;
- scores: ``collaboration_score_moved``: a score added (a new survey, or a
  new dimension in one) whose mean differs from the previous score of its
  series and dimension (portfolio/model/collaboration.py: the same unit and
  respondent group, the latest earlier survey with that dimension, in the new
  snapshot), with at least schema.MIN_RESPONDENTS answers on both sides; old
  is the previous mean, new the new one. Any other score added is
  ``collaboration_score_added`` (the first of its series, the same mean, or
  too few answers to compare: its facts say which). A score of a survey
  already there whose values change is ``collaboration_score_changed``; one
  gone, ``collaboration_score_removed``.

A survey and its scores belong to the survey's initiative (in the new
snapshot, else in the old one); a survey of a kommunalområde to no
initiative: its changes have the initiative "" and the kommunalområde in the
facts (``area``).
"""

from __future__ import annotations

import dataclasses
from typing import Any

import pandas as pd

from portfolio.model import collaboration, schema
from portfolio.model.diff_change import Change
from portfolio.model.diff_governance import _added_removed, _changed, _facts, _plainly
from portfolio.model.diff_values import match

SURVEY_FACTS = ("area", "conducted_on", "respondent_group", "instrument", "respondents")


def compare(old: dict[str, pd.DataFrame], new: dict[str, pd.DataFrame]) -> list[Change]:
    """Every change in the collaboration tables; `old` and `new` hold the
    normalised tables (diff_values.normalize) by name."""
    surveys = _survey_info(old["collaboration_surveys"], new["collaboration_surveys"])
    return (
        _plainly(schema.ENGAGEMENTS, old["engagements"], new["engagements"], "title",
                 ("title", "kind", "held_on", "is_public"),
                 ("engagement_added", "engagement_removed", "engagement_changed"))
        + _plainly(schema.COLLABORATION_SURVEYS, old["collaboration_surveys"], new["collaboration_surveys"],
                   "conducted_on", SURVEY_FACTS, ("survey_added", "survey_removed", "survey_changed"))
        + _scores(old, new, surveys)
    )


def _value(value: Any) -> Any:
    """A value shifted in from an earlier row: None for a missing one."""
    if value is None or (isinstance(value, float) and value != value) or value is pd.NA or value is pd.NaT:
        return None
    return value.item() if hasattr(value, "item") and not isinstance(value, (str, bytes)) else value


def _survey_info(old: pd.DataFrame, new: pd.DataFrame) -> dict[str, dict]:
    """survey_id → its initiative and facts: the new snapshot's, else the old one's."""
    columns = ["survey_id", "initiative_id", *SURVEY_FACTS]
    info: dict[str, dict] = {}
    for frame in (old, new):
        if len(frame):
            values = [frame[c].to_numpy(dtype=object) for c in columns]
            info.update((row[0], dict(zip(columns[1:], row[1:], strict=True))) for row in zip(*values, strict=True))
    return info


def _previous(surveys: pd.DataFrame, scores: pd.DataFrame) -> dict[tuple, tuple]:
    """(survey_id, dimension) → the previous score's facts (collaboration.PREVIOUS), in one snapshot."""
    if not len(scores):
        return {}
    rows = collaboration.with_previous(surveys, scores)
    keys = zip(rows["survey_id"].to_numpy(dtype=object), rows["dimension"].to_numpy(dtype=object), strict=True)
    values = zip(*(rows[c].to_numpy(dtype=object) for c in collaboration.PREVIOUS), strict=True)
    return {key: tuple(_whole(v) if c == "previous_n" else _value(v) for c, v in zip(collaboration.PREVIOUS, row,
                                                                                    strict=True))
            for key, row in zip(keys, values, strict=True)}


def _whole(value: Any) -> int | None:
    value = _value(value)
    return int(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else value


def _scores(old: dict[str, pd.DataFrame], new: dict[str, pd.DataFrame], surveys: dict[str, dict]) -> list[Change]:
    table = schema.COLLABORATION_SCORES
    removed, added, both = match(table, old["collaboration_scores"], new["collaboration_scores"])
    previous = {"_old": _previous(old["collaboration_surveys"], old["collaboration_scores"]),
                "_new": _previous(new["collaboration_surveys"], new["collaboration_scores"])}
    unknown: dict = {}

    def initiatives(rows, _suffix):
        found = (surveys.get(s, unknown).get("initiative_id") for s in rows["survey_id"].to_numpy(dtype=object))
        return [i if isinstance(i, str) else "" for i in found]

    def facts(rows, suffix):
        out = []
        ids, dims = rows["survey_id"].to_numpy(dtype=object), rows["dimension"].to_numpy(dtype=object)
        for survey_id, dimension, n in zip(ids, dims, _facts(table, rows, suffix, ("n",)), strict=True):
            info = surveys.get(survey_id, unknown)
            before = previous[suffix].get((survey_id, dimension), (None,) * len(collaboration.PREVIOUS))
            out.append((*((name, info.get(name)) for name in ("area", "respondent_group", "conducted_on",
                                                                "instrument")),
                        *n, *zip(collaboration.PREVIOUS, before, strict=True)))
        return out

    changes = _added_removed(table, removed, added, "mean", ("collaboration_score_added",
                                                             "collaboration_score_removed"), facts, initiatives)
    changes = [_moved(c) if c.kind == "collaboration_score_added" else c for c in changes]
    return changes + _changed(table, both, lambda *_: "collaboration_score_changed", facts, initiatives=initiatives)


def _moved(change: Change) -> Change:
    """An added score as a move when its series had the dimension before with
    a different mean, and both means may be shown."""
    f = dict(change.facts)
    before, mean = f.get("previous_mean"), change.new
    if f.get("previous_survey_id") is None or not (collaboration.shown(f.get("n"))
                                                   and collaboration.shown(f.get("previous_n"))):
        return change
    if not isinstance(before, float) or not isinstance(mean, float) or before == mean:
        return change
    return dataclasses.replace(change, kind="collaboration_score_moved", old=before)
