"""The change summary's sentences about the collaboration tables
(portfolio/present/change_summary.py says how the summary is made): new and
removed engagements, collaboration surveys, and each survey's scores in one
sentence, dimension by dimension: up or down since the previous survey of
the same unit and respondent group, unchanged, first, or too few answers to
show the mean (never shown below schema.MIN_RESPONDENTS).

A score moved up is ``better``; every other change here is
``collaboration`` (change_sentences.KIND_LEVEL), other columns ``other``.
"""

from __future__ import annotations

from typing import Any

from portfolio.model import collaboration
from portfolio.present.change_sentences import LEVELS, Row, S, Sentence, labels, listing, of, one_or_many
from portfolio.present.change_words import field_label, format_value, mean_text
from portfolio.texts import changes as T
from portfolio.texts import changes_collaboration as TC
from portfolio.texts import dimensions

SCORE_KINDS = ("collaboration_score_moved", "collaboration_score_added")


def level(kind: str, old: Any, new: Any) -> str:
    """The level of a collaboration change (a move up is an improvement)."""
    if kind == "collaboration_score_moved" and isinstance(old, float) and isinstance(new, float) and new > old:
        return "better"
    return "collaboration"


def sentences(rows: list[Row]) -> list[Sentence]:
    """Every sentence about the collaboration changes of one initiative's
    `rows` (for the changes of no initiative: of kommunalområder)."""
    return _engagements(rows) + _surveys(rows) + _scores(rows) + _fields(rows)


def _unit(r: Row) -> str:
    area = r.words.get("area")
    return TC.UNIT_AREA.format(area=area) if area else ""


def _engagements(rows: list[Row]) -> list[Sentence]:
    out = one_or_many(of(rows, "engagement_added"), "collaboration", "engagement_added_one", "engagement_added_many",
                      "engagement_item", date=lambda r: r.words["date"],
                      kind=lambda r: format_value("kind", r.facts.get("kind")))
    return out + one_or_many(of(rows, "engagement_removed"), "collaboration", "engagement_removed_one",
                             "engagement_removed_many", "milestone_title")


def _surveys(rows: list[Row]) -> list[Sentence]:
    out = []
    for r in of(rows, "survey_added"):
        f = r.facts
        out.append(Sentence(S["survey_added"].format(
            unit=_unit(r), date=r.words["date"], group=f.get("respondent_group") or T.EMPTY,
            respondents=format_value("respondents", f.get("respondents")),
            instrument=f.get("instrument") or T.EMPTY), LEVELS[r.level], (r.label,)))
    out += [Sentence(S["survey_removed"].format(unit=_unit(r), date=r.words["date"]), LEVELS[r.level], (r.label,))
            for r in of(rows, "survey_removed")]
    return out


def _part(r: Row) -> str:
    """One dimension's score in the survey's sentence."""
    f, values = r.facts, dict(dimension=r.words["dimension"], n=format_value("n", r.facts.get("n")))
    if not collaboration.shown(f.get("n")):
        return S["score_too_few"].format(**values)
    new = mean_text(r.new, f.get("n"))
    if r.kind == "collaboration_score_moved":
        key = "score_up" if level(r.kind, r.old, r.new) == "better" else "score_down"
        return S[key].format(old=mean_text(r.old, f.get("previous_n")), new=new, **values)
    same = f.get("previous_mean") == r.new and collaboration.shown(f.get("previous_n"))
    return S["score_same" if same else "score_first"].format(new=new, **values)


def _by_survey(found: list[Row]) -> list[list[Row]]:
    """The changes grouped by survey (in the order first met), each by dimension order."""
    groups: dict[str, list[Row]] = {}
    for r in found:
        groups.setdefault(str(r.key.get("survey_id")), []).append(r)
    return [sorted(group, key=lambda r: dimensions.order(r.words["dimension"])) for group in groups.values()]


def _scores(rows: list[Row]) -> list[Sentence]:
    out = []
    for group in _by_survey(of(rows, *SCORE_KINDS)):
        first = group[0]
        worst = min(group, key=lambda r: r.level)
        out.append(Sentence(S["scores"].format(
            unit=_unit(first), date=first.words["date"], group=first.facts.get("respondent_group") or T.EMPTY,
            parts=listing([_part(r) for r in group])), LEVELS[worst.level], labels(group)))
    for r in of(rows, "collaboration_score_changed"):
        if r.field == "mean":
            old, new = mean_text(r.old, r.facts.get("n")), mean_text(r.new, r.facts.get("n"))
            out.append(Sentence(S["score_changed"].format(dimension=r.words["dimension"], unit=_unit(r),
                                                          date=r.words["date"], old=old, new=new),
                                LEVELS[r.level], (r.label,)))
    for group in _by_survey(of(rows, "collaboration_score_removed")):
        first = group[0]
        values = dict(unit=_unit(first), date=first.words["date"], dimension=first.words["dimension"])
        if len(group) == 1:
            text = S["score_removed_one"].format(**values)
        else:
            items = listing([S["score_item"].format(dimension=r.words["dimension"]) for r in group])
            text = S["score_removed_many"].format(count=len(group), items=items, **values)
        out.append(Sentence(text, "collaboration", labels(group)))
    return out


def _fields(rows: list[Row]) -> list[Sentence]:
    """Other columns of an engagement, a survey or a score (a participant count, a date, n)."""
    found = [r for r in of(rows, "engagement_changed", "survey_changed", "collaboration_score_changed")
             if r.kind != "collaboration_score_changed" or r.field != "mean"]
    out = []
    for r in found:
        subject = S[f"subject_{r.table}"].format(**{**r.words, "title": r.title})
        values = dict(label=field_label(r.table, r.field), subject=subject, old=format_value(r.field, r.old),
                      new=format_value(r.field, r.new))
        key = "row_field_set" if r.old is None else ("row_field_cleared" if r.new is None else "row_field")
        out.append(Sentence(S[key].format(**values), LEVELS[r.level], (r.label,)))
    return out
