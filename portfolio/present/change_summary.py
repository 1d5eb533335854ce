"""The summary per initiative of what changed between two snapshots: a few
plain Norwegian sentences each, worst first, made only from the change
engine's structured output (portfolio/model/diff.py), so that the Changes
page and a meeting pack say exactly the same.

`summarise(frame)` takes the changes as `changes.build` returns them (the
engine's `diff.to_frame` with the initiative's name, the milestone's title and
due date, the added initiative's phase and status, and the link to the
initiative's page) and returns one `InitiativeSummary` per initiative with
changes. Nothing is invented and nothing depends on the clock or on the order
of the rows: the same changes give the same words in the same order. Every
sentence names the changes it says (`Sentence.changes`: index labels of rows
of `frame`), so each one can be traced to the engine's output.

The order, worst first. Each change has a level (`LEVELS`, worst first):

1. ``red``        the overall status became red (or a new initiative is red)
2. ``worse``      a status got worse (overall or one dimension)
3. ``risk_high``  an open risk added with a high score (schema.RISK_HIGH_SCORE or
                  more), or moved up in the matrix to such a score
4. ``overdue``    a milestone became overdue
5. ``budget``     a budget amount changed, or a budget line was added or removed
6. ``moved``      a milestone's due date moved
7. ``removed``    the initiative was removed
8. ``decision``   a decision was added or removed
9. ``phase``      a new phase or decision point
10. ``added``      a new initiative
11. ``status``     a status changed to or from "ikke vurdert"
12. ``risk``       other risks added, moved up, reopened or removed
13. ``checklist``  checklist questions answered, answers changed or removed
14. ``benefit``    benefits added or removed, measurements added, changed or removed
15. ``collaboration`` engagements and collaboration surveys added or removed, their
                  scores added, moved down, changed or removed
16. ``milestones`` milestones added, removed, completed, reopened or changed
17. ``better``     a status got better, a risk moved down or was closed, a
                  collaboration score moved up
18. ``other``      other fields, and every changed text (comments, notes, descriptions)

Initiatives are ordered by the worst level among their changes; a tie goes
to the worse overall status now (red, yellow, not assessed, green:
schema.STATUS_SEVERITY), then to the one that also has the next level down,
and so on (the sets of levels compared from the worst; an improvement never
moves an initiative up); then by name and id. Within an initiative the
sentences follow the same levels (a new initiative's first). An initiative's
`severity` is its worst level.

Lists in a sentence name at most LIST_ITEMS items ("… og 2 til"); budget,
due-date and risk-matrix changes get one sentence each, at most
ROW_SENTENCES, then one sentence counting the rest. The sentences about the
governance register are made in change_summary_governance.py, those about
the collaboration tables in change_summary_collaboration.py; the pieces
both use (levels, rows, sentences) are in change_sentences.py. Free texts (comments, summaries, notes) are named
in one sentence and given whole in `InitiativeSummary.texts`, before and after.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

import numpy as np
import pandas as pd

from portfolio.model import diff, schema
from portfolio.present import change_summary_collaboration as collaboration
from portfolio.present import change_summary_decidim
from portfolio.present import change_summary_governance as governance
from portfolio.present.change_sentences import (
    CODE,
    KIND_LEVEL,
    LEVELS,
    TEXT_FIELDS,
    Row,
    S,
    Sentence,
    capped,
    date,
    join,
    labels,
    listing,
    of,
    one_or_many,
    status_word,
)
from portfolio.present.change_words import days, direction, field_label, format_value
from portfolio.texts import changes as T

__all__ = ["LEVELS", "InitiativeSummary", "Sentence", "TextChange", "levels", "ranked", "summarise"]

@dataclasses.dataclass(frozen=True)
class TextChange:
    """A changed free text, whole: label, before and after (None: no text)."""

    label: str
    old: str | None
    new: str | None
    change: Any  # the row's index label


@dataclasses.dataclass(frozen=True)
class InitiativeSummary:
    initiative_id: str
    name: str
    link: str | None  # the initiative's page (relative link), as in the tables
    severity: str  # the worst level of its changes (LEVELS)
    sentences: tuple[Sentence, ...]
    texts: tuple[TextChange, ...]


# -- the order -----------------------------------------------------------------------------

def levels(frame: pd.DataFrame) -> np.ndarray:
    """The level code (index in LEVELS) of every change in `frame`."""
    kinds = frame["kind"]
    codes = kinds.map({k: CODE[level] for k, level in KIND_LEVEL.items()}).to_numpy(
        dtype=np.int64, na_value=CODE["other"]).copy()
    fields, olds, news = frame["field"].to_numpy(), frame["old"].to_numpy(), frame["new"].to_numpy()
    for pos in np.flatnonzero((kinds == "status").to_numpy()):
        codes[pos] = CODE[_status_level(fields[pos], olds[pos], news[pos])]
    is_text = [(t, f) in TEXT_FIELDS for t, f in zip(frame["table"], fields, strict=False)]
    codes[np.asarray(is_text, dtype=bool)] = CODE["other"]
    risky = kinds.isin(("risk_added", "risk_score_moved")).to_numpy(dtype=bool)
    if risky.any() and "facts" in frame:
        facts = frame["facts"].to_numpy()
        for pos in np.flatnonzero(risky):
            codes[pos] = CODE[governance.risk_level(kinds.iat[pos], olds[pos], news[pos], facts[pos])]
    for pos in np.flatnonzero((kinds == "collaboration_score_moved").to_numpy(dtype=bool)):
        codes[pos] = CODE[collaboration.level(kinds.iat[pos], olds[pos], news[pos])]
    if "initiative_status" in frame:
        red_new = (kinds == "initiative_added") & (frame["initiative_status"] == "rød")
        codes[red_new.to_numpy(dtype=bool, na_value=False)] = CODE["red"]
    return codes


def _status_level(field: str, old: Any, new: Any) -> str:
    if field == "status_overall" and new == "rød":
        return "red"
    return {"worse": "worse", "better": "better"}.get(direction(old, new), "status")


# Improvements never make an initiative come earlier
_RANKED_BITS = sum(1 << (len(LEVELS) - 1 - CODE[level]) for level in LEVELS if level != "better")
_STATUS_SEVERITY = {status: i for i, status in enumerate(schema.STATUS_SEVERITY)}


def ranked(frame: pd.DataFrame) -> list[str]:
    """The initiatives with changes, worst first: by the worst level of their
    changes; then by their overall status now (red, yellow, not assessed,
    green); then by the other levels they have, compared from the worst down
    (improvements left out); then by name and id."""
    if frame.empty:
        return []
    codes = levels(frame)
    bits = np.left_shift(1, len(LEVELS) - 1 - codes) & _RANKED_BITS  # the worst level is the highest bit
    found = pd.DataFrame({"initiative_id": frame["initiative_id"].to_numpy(), "bit": bits}).drop_duplicates()
    weight = found.groupby("initiative_id")["bit"].sum().to_dict()
    worst = pd.Series(codes).groupby(frame["initiative_id"].to_numpy()).min().to_dict()
    first = frame.drop_duplicates("initiative_id")
    status = first["initiative_status"] if "initiative_status" in first else [None] * len(first)
    rank = {i: _STATUS_SEVERITY.get(s, len(_STATUS_SEVERITY)) for i, s in zip(first["initiative_id"], status, strict=False)}
    name = first["name"] if "name" in first else first["initiative_id"]
    names = dict(zip(first["initiative_id"], name.astype(str).str.casefold(), strict=False))
    return sorted(worst, key=lambda i: (worst[i], rank[i], -weight[i], names[i], str(i)))


def summarise(frame: pd.DataFrame, limit: int | None = None) -> list[InitiativeSummary]:
    """One summary per initiative with changes in `frame` (see the module's
    docstring), worst first; the first `limit` when given."""
    order = ranked(frame)[:limit]
    if not order:
        return []
    codes = levels(frame)
    positions = frame.groupby("initiative_id", sort=False).indices
    chosen = np.concatenate([positions[i] for i in order])
    rows: dict[str, list[Row]] = {i: [] for i in order}
    for pos, r in zip(chosen, frame.iloc[chosen].itertuples(), strict=False):
        rows[r.initiative_id].append(Row.of(r, int(codes[pos])))
    return [_summary(sorted(rows[i], key=Row.sort_key)) for i in order]


def _summary(rows: list[Row]) -> InitiativeSummary:
    sentences: list[Sentence] = []
    for build in (_status, _overdue, _budget, _moved, _removed, _phase, governance.sentences,
                  collaboration.sentences, change_summary_decidim.sentences, _milestones, _other):
        sentences += build(rows)
    sentences.sort(key=lambda s: CODE[s.level])  # stable: each builder's order is kept within a level
    sentences[:0] = _added(rows)  # "new in the portfolio" before what else it says
    first = rows[0]
    return InitiativeSummary(
        initiative_id=str(first.initiative_id), name=first.name,
        link=first.link if isinstance(first.link, str) else None,
        severity=LEVELS[min(r.level for r in rows)], sentences=tuple(sentences), texts=tuple(_texts(rows)),
    )


def _status(rows: list[Row]) -> list[Sentence]:
    found = of(rows, "status")
    out = [Sentence(S["overall"].format(old=status_word(r.old), new=status_word(r.new)), LEVELS[r.level], (r.label,))
           for r in found if r.field == "status_overall"]
    order = {f: i for i, f in enumerate(diff.STATUS_FIELDS)}
    dims = sorted((r for r in found if r.field != "status_overall"), key=lambda r: order.get(r.field, 99))
    for level in ("worse", "status", "better"):
        group = [r for r in dims if r.level == CODE[level]]
        if group:
            parts = [S["dimension_part"].format(dimension=T.DIMENSION_WORDS.get(r.field, r.field),
                                                old=status_word(r.old), new=status_word(r.new)) for r in group]
            out.append(Sentence(S[level].format(parts=join(parts)), level, labels(group)))
    return out


def _overdue(rows: list[Row]) -> list[Sentence]:
    return one_or_many(of(rows, "milestone_newly_overdue"), "overdue", "overdue_one", "overdue_many",
                        "overdue_item", due=lambda r: date(r.new))


def _budget(rows: list[Row]) -> list[Sentence]:
    out = []
    for kind, side in (("budget_added", "new"), ("budget_removed", "old")):
        found = of(rows, kind)
        if found:
            items = [S["budget_line"].format(amount=format_value("budget_nok", getattr(r, side)), year=r.year,
                                             source=r.source) for r in found]
            key = f"{kind}_{'one' if len(found) == 1 else 'many'}"
            out.append(Sentence(S[key].format(items=listing(items)), "budget", labels(found)))
    changed = of(rows, "budget_changed")
    return out + capped([_amount(r) for r in changed], changed, "budget", "more_budget")


def _amount(r: Row) -> str:
    values = dict(subject=T.AMOUNT_SUBJECTS.get(r.field, field_label("budgets", r.field)), year=r.year,
                  source=r.source, old=format_value(r.field, r.old), new=format_value(r.field, r.new))
    if r.old is None:
        return S["amount_set"].format(**values)
    if r.new is None:
        return S["amount_cleared"].format(**values)
    if isinstance(r.old, int) and isinstance(r.new, int):
        return S["amount_up" if r.new > r.old else "amount_down"].format(**values)
    return S["amount_changed"].format(**values)


def _moved(rows: list[Row]) -> list[Sentence]:
    found = of(rows, "milestone_moved")

    def text(r: Row) -> str:
        values = dict(title=r.title, old=date(r.old), new=date(r.new))
        if not (isinstance(r.old, dt.date) and isinstance(r.new, dt.date)) or r.old == r.new:
            return S["moved_set"].format(**values)
        delta = (r.new - r.old).days
        return S["moved_later" if delta > 0 else "moved_earlier"].format(days=days(abs(delta)), **values)

    return capped([text(r) for r in found], found, "moved", "more_moved")


def _removed(rows: list[Row]) -> list[Sentence]:
    found = of(rows, "initiative_removed")
    return [Sentence(S["removed"], "removed", labels(found))] if found else []


def _field(r: Row) -> str:
    values = dict(label=field_label(r.table, r.field), old=format_value(r.field, r.old),
                  new=format_value(r.field, r.new))
    if r.old is None or r.old == ():
        return S["field_set"].format(**values)
    if r.new is None or r.new == ():
        return S["field_cleared"].format(**values)
    return S["field_changed"].format(**values)


def _phase(rows: list[Row]) -> list[Sentence]:
    return [Sentence(_field(r), "phase", (r.label,)) for r in of(rows, "phase", "decision_point")]


def _added(rows: list[Row]) -> list[Sentence]:
    """A new initiative, with its phase and status when the frame has them."""
    return [Sentence(S["added"].format(phase=r.phase, status=status_word(r.status))
                     if isinstance(r.phase, str) and isinstance(r.status, str) else S["added_plain"],
                     LEVELS[r.level], (r.label,))
            for r in of(rows, "initiative_added")]


def _milestones(rows: list[Row]) -> list[Sentence]:
    out = one_or_many(of(rows, "milestone_completed"), "milestones", "completed_one", "completed_many",
                       "completed_item", date=lambda r: format_value("completed_date", r.new))
    added = of(rows, "milestone_added")
    dated = all(isinstance(r.due, dt.date) for r in added)  # the frame may not have the due dates
    out += one_or_many(added, "milestones", "milestone_added_one" if dated else "milestone_added_plain",
                        "milestone_added_many", "overdue_item" if dated else "milestone_title",
                        due=lambda r: date(r.due))
    out += one_or_many(of(rows, "milestone_removed"), "milestones", "milestone_removed_one",
                        "milestone_removed_many", "milestone_title")
    out += [Sentence(S["reopened"].format(title=r.title), "milestones", (r.label,))
            for r in of(rows, "milestone_reopened")]
    out += [Sentence(S["milestone_field"].format(label=field_label(r.table, r.field), title=r.title,
                                                 old=format_value(r.field, r.old), new=format_value(r.field, r.new)),
                     "milestones", (r.label,))
            for r in of(rows, "milestone_changed")]
    return out


def _other(rows: list[Row]) -> list[Sentence]:
    out = [Sentence(_field(r), "other", (r.label,)) for r in of(rows, "field")]
    texts = [r for r in rows if r.is_text]
    if texts:
        out.append(Sentence(S["texts"].format(items=listing([_text_item(r) for r in texts])), "other",
                            labels(texts)))
    return out


def _text_item(r: Row, texts: dict = S, prefix: str = "text_item_") -> str:
    """A changed text named in a sentence (or, with T.TEXT_LABELS, above its before and after)."""
    key = {"milestones": "milestone", "budgets": "budget", "initiatives": "initiative"}.get(r.table, "row")
    if key == "row":
        label = field_label(r.table, r.field)
        return texts[prefix + key].format(label=label, subject=governance.subject(r))
    if key == "initiative":
        label = field_label(r.table, r.field)
        return texts[prefix + key].format(label=label) if prefix else label
    return texts[prefix + key].format(title=r.title, year=r.year, source=r.source)


def _texts(rows: list[Row]) -> list[TextChange]:
    return [TextChange(_text_item(r, T.TEXT_LABELS, ""), r.old if isinstance(r.old, str) else None,
                       r.new if isinstance(r.new, str) else None, r.label) for r in rows if r.is_text]
