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
3. ``overdue``    a milestone became overdue
4. ``budget``     a budget amount changed, or a budget line was added or removed
5. ``moved``      a milestone's due date moved
6. ``removed``    the initiative was removed
7. ``phase``      a new phase or decision point
8. ``added``      a new initiative
9. ``status``     a status changed to or from "ikke vurdert"
10. ``milestones`` milestones added, removed, completed, reopened or changed
11. ``better``     a status got better
12. ``other``      other fields, and every changed text (comments, notes)

Initiatives are ordered by the worst level among their changes; a tie goes
to the worse overall status now (red, yellow, not assessed, green:
schema.STATUS_SEVERITY), then to the one that also has the next level down,
and so on (the sets of levels compared from the worst; an improvement never
moves an initiative up); then by name and id. Within an initiative the
sentences follow the same levels (a new initiative's first). An initiative's
`severity` is its worst level.

Lists in a sentence name at most LIST_ITEMS items ("… og 2 til"); budget and
due-date changes get one sentence each, at most ROW_SENTENCES, then one
sentence counting the rest. Free texts (comments, summaries, notes) are named
in one sentence and given whole in `InitiativeSummary.texts`, before and after.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

import numpy as np
import pandas as pd

from portfolio.model import diff, schema
from portfolio.present.change_words import days, direction, field_label, format_value
from portfolio.texts import changes as T

LEVELS = ("red", "worse", "overdue", "budget", "moved", "removed", "phase", "added", "status",
          "milestones", "better", "other")
_CODE = {level: i for i, level in enumerate(LEVELS)}
# The level of each kind of change; status changes, texts and red new initiatives are decided per row
_KIND_LEVEL = {
    "initiative_added": "added", "initiative_removed": "removed", "status": "status", "phase": "phase",
    "decision_point": "phase", "field": "other", "budget_added": "budget", "budget_removed": "budget",
    "budget_changed": "budget", "milestone_added": "milestones", "milestone_removed": "milestones",
    "milestone_completed": "milestones", "milestone_reopened": "milestones", "milestone_moved": "moved",
    "milestone_newly_overdue": "overdue", "milestone_changed": "milestones",
}
# Free-text fields (comments, summaries, notes): shown whole, before and after
TEXT_FIELDS = frozenset(
    (table.name, column.name) for table in schema.TABLES.values() for column in table.columns
    if column.max_length == schema.LONG_TEXT
)
LIST_ITEMS = 3  # items named in one sentence before "og N til"
ROW_SENTENCES = 3  # budget and due-date sentences (one per change) before "Og N til"
S = T.SENTENCES


@dataclasses.dataclass(frozen=True)
class Sentence:
    text: str  # plain text (not Markdown): make it literal to show it in Markdown
    level: str
    changes: tuple  # index labels of the rows of the changes frame it says


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
    codes = kinds.map({k: _CODE[level] for k, level in _KIND_LEVEL.items()}).to_numpy(
        dtype=np.int64, na_value=_CODE["other"]).copy()
    fields, olds, news = frame["field"].to_numpy(), frame["old"].to_numpy(), frame["new"].to_numpy()
    for pos in np.flatnonzero((kinds == "status").to_numpy()):
        codes[pos] = _CODE[_status_level(fields[pos], olds[pos], news[pos])]
    is_text = [(t, f) in TEXT_FIELDS for t, f in zip(frame["table"], fields, strict=False)]
    codes[np.asarray(is_text, dtype=bool)] = _CODE["other"]
    if "initiative_status" in frame:
        red_new = (kinds == "initiative_added") & (frame["initiative_status"] == "rød")
        codes[red_new.to_numpy(dtype=bool, na_value=False)] = _CODE["red"]
    return codes


def _status_level(field: str, old: Any, new: Any) -> str:
    if field == "status_overall" and new == "rød":
        return "red"
    return {"worse": "worse", "better": "better"}.get(direction(old, new), "status")


# Improvements never make an initiative come earlier
_RANKED_BITS = sum(1 << (len(LEVELS) - 1 - _CODE[level]) for level in LEVELS if level != "better")
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
    rows: dict[str, list[_Row]] = {i: [] for i in order}
    for pos, r in zip(chosen, frame.iloc[chosen].itertuples(), strict=False):
        rows[r.initiative_id].append(_Row.of(r, int(codes[pos])))
    return [_summary(sorted(rows[i], key=_Row.sort_key)) for i in order]


# The engine's order of changes (diff.Change.sort_key), so that the order of
# the rows in the frame never changes the words
_TABLE_ORDER = {name: i for i, name in enumerate(schema.TABLE_NAMES)}
_KIND_ORDER = {kind: i for i, kind in enumerate(diff.KINDS)}
_FIELD_ORDER = {(t.name, c.name): i for t in schema.TABLES.values() for i, c in enumerate(t.columns)}


# -- the sentences ---------------------------------------------------------------------------

@dataclasses.dataclass(frozen=True)
class _Row:
    """One change, as the sentences read it."""

    label: Any  # the row's index label in the frame
    level: int
    kind: str
    table: str
    field: str
    old: Any
    new: Any
    initiative_id: str
    name: str
    title: str  # the milestone's title (its id when unknown); "" for other tables
    milestone: str
    due: Any  # the milestone's due date
    year: Any
    source: Any
    phase: Any
    status: Any
    link: Any

    @classmethod
    def of(cls, r, level: int) -> _Row:
        title = getattr(r, "milestone_title", None)
        return cls(
            label=int(r.Index) if isinstance(r.Index, (int, np.integer)) else r.Index, level=level,
            kind=r.kind, table=r.table, field=r.field, old=r.old, new=r.new, initiative_id=r.initiative_id,
            name=str(r.name) if isinstance(getattr(r, "name", None), str) else str(r.initiative_id),
            title=title if isinstance(title, str) else str(r.milestone_id or ""), milestone=str(r.milestone_id or ""),
            due=getattr(r, "milestone_due", None), year=r.year, source=r.funding_source,
            phase=getattr(r, "initiative_phase", None), status=getattr(r, "initiative_status", None),
            link=getattr(r, "link", None),
        )

    def sort_key(self) -> tuple:
        return (_TABLE_ORDER.get(self.table, 99), _KIND_ORDER.get(self.kind, 99),
                _FIELD_ORDER.get((self.table, self.field), 99), self.field, self.title, self.milestone,
                self.year if isinstance(self.year, int) else 0, str(self.source or ""))

    @property
    def is_text(self) -> bool:
        return (self.table, self.field) in TEXT_FIELDS


def _summary(rows: list[_Row]) -> InitiativeSummary:
    sentences: list[Sentence] = []
    for build in (_status, _overdue, _budget, _moved, _removed, _phase, _milestones, _other):
        sentences += build(rows)
    sentences.sort(key=lambda s: _CODE[s.level])  # stable: each builder's order is kept within a level
    sentences[:0] = _added(rows)  # "new in the portfolio" before what else it says
    first = rows[0]
    return InitiativeSummary(
        initiative_id=str(first.initiative_id), name=first.name,
        link=first.link if isinstance(first.link, str) else None,
        severity=LEVELS[min(r.level for r in rows)], sentences=tuple(sentences), texts=tuple(_texts(rows)),
    )


def _of(rows: list[_Row], *kinds: str) -> list[_Row]:
    """The changes of these kinds, free texts left out."""
    return [r for r in rows if r.kind in kinds and not r.is_text]


def _labels(rows: list[_Row]) -> tuple:
    return tuple(r.label for r in rows)


def _join(items: list[str]) -> str:
    """"A", "A og B", "A, B og C"."""
    if len(items) == 1:
        return items[0]
    return S["separator"].join(items[:-1]) + S["and"] + items[-1]


def _listing(items: list[str]) -> str:
    """Like _join; more than LIST_ITEMS items: "A, B, C og 2 til"."""
    if len(items) > LIST_ITEMS:
        items = [*items[:LIST_ITEMS], S["more_items"].format(count=len(items) - LIST_ITEMS)]
    return _join(items)


def _status_word(value: Any) -> str:
    return T.STATUS_WORDS.get(value, format_value("status_overall", value))


def _date(value: Any) -> str:
    return format_value("due_date", value if isinstance(value, dt.date) else None)


def _one_or_many(found: list[_Row], level: str, one: str, many: str, item: str, **values) -> list[Sentence]:
    """One sentence for a list of changes: `one` for a single change (its
    fields filled in), `many` naming them all (`item` each)."""
    if not found:
        return []
    fill = lambda r: {"title": r.title, **{k: f(r) for k, f in values.items()}}  # noqa: E731
    if len(found) == 1:
        text = S[one].format(**fill(found[0]))
    else:
        text = S[many].format(count=len(found), items=_listing([S[item].format(**fill(r)) for r in found]))
    return [Sentence(text, level, _labels(found))]


def _status(rows: list[_Row]) -> list[Sentence]:
    found = _of(rows, "status")
    out = [Sentence(S["overall"].format(old=_status_word(r.old), new=_status_word(r.new)), LEVELS[r.level], (r.label,))
           for r in found if r.field == "status_overall"]
    order = {f: i for i, f in enumerate(diff.STATUS_FIELDS)}
    dims = sorted((r for r in found if r.field != "status_overall"), key=lambda r: order.get(r.field, 99))
    for level in ("worse", "status", "better"):
        group = [r for r in dims if r.level == _CODE[level]]
        if group:
            parts = [S["dimension_part"].format(dimension=T.DIMENSION_WORDS.get(r.field, r.field),
                                                old=_status_word(r.old), new=_status_word(r.new)) for r in group]
            out.append(Sentence(S[level].format(parts=_join(parts)), level, _labels(group)))
    return out


def _overdue(rows: list[_Row]) -> list[Sentence]:
    return _one_or_many(_of(rows, "milestone_newly_overdue"), "overdue", "overdue_one", "overdue_many",
                        "overdue_item", due=lambda r: _date(r.new))


def _budget(rows: list[_Row]) -> list[Sentence]:
    out = []
    for kind, side in (("budget_added", "new"), ("budget_removed", "old")):
        found = _of(rows, kind)
        if found:
            items = [S["budget_line"].format(amount=format_value("budget_nok", getattr(r, side)), year=r.year,
                                             source=r.source) for r in found]
            key = f"{kind}_{'one' if len(found) == 1 else 'many'}"
            out.append(Sentence(S[key].format(items=_listing(items)), "budget", _labels(found)))
    changed = _of(rows, "budget_changed")
    return out + _capped([_amount(r) for r in changed], changed, "budget", "more_budget")


def _amount(r: _Row) -> str:
    values = dict(subject=T.AMOUNT_SUBJECTS.get(r.field, field_label("budgets", r.field)), year=r.year,
                  source=r.source, old=format_value(r.field, r.old), new=format_value(r.field, r.new))
    if r.old is None:
        return S["amount_set"].format(**values)
    if r.new is None:
        return S["amount_cleared"].format(**values)
    if isinstance(r.old, int) and isinstance(r.new, int):
        return S["amount_up" if r.new > r.old else "amount_down"].format(**values)
    return S["amount_changed"].format(**values)


def _capped(texts: list[str], found: list[_Row], level: str, more: str) -> list[Sentence]:
    """One sentence per change, the first ROW_SENTENCES; then one for the rest."""
    out = [Sentence(text, level, (r.label,)) for text, r in zip(texts[:ROW_SENTENCES], found, strict=False)]
    rest = _labels(found[ROW_SENTENCES:])
    if rest:
        out.append(Sentence(S[f"{more}_{'one' if len(rest) == 1 else 'many'}"].format(count=len(rest)), level, rest))
    return out


def _moved(rows: list[_Row]) -> list[Sentence]:
    found = _of(rows, "milestone_moved")

    def text(r: _Row) -> str:
        values = dict(title=r.title, old=_date(r.old), new=_date(r.new))
        if not (isinstance(r.old, dt.date) and isinstance(r.new, dt.date)) or r.old == r.new:
            return S["moved_set"].format(**values)
        delta = (r.new - r.old).days
        return S["moved_later" if delta > 0 else "moved_earlier"].format(days=days(abs(delta)), **values)

    return _capped([text(r) for r in found], found, "moved", "more_moved")


def _removed(rows: list[_Row]) -> list[Sentence]:
    found = _of(rows, "initiative_removed")
    return [Sentence(S["removed"], "removed", _labels(found))] if found else []


def _field(r: _Row) -> str:
    values = dict(label=field_label(r.table, r.field), old=format_value(r.field, r.old),
                  new=format_value(r.field, r.new))
    if r.old is None or r.old == ():
        return S["field_set"].format(**values)
    if r.new is None or r.new == ():
        return S["field_cleared"].format(**values)
    return S["field_changed"].format(**values)


def _phase(rows: list[_Row]) -> list[Sentence]:
    return [Sentence(_field(r), "phase", (r.label,)) for r in _of(rows, "phase", "decision_point")]


def _added(rows: list[_Row]) -> list[Sentence]:
    """A new initiative, with its phase and status when the frame has them."""
    return [Sentence(S["added"].format(phase=r.phase, status=_status_word(r.status))
                     if isinstance(r.phase, str) and isinstance(r.status, str) else S["added_plain"],
                     LEVELS[r.level], (r.label,))
            for r in _of(rows, "initiative_added")]


def _milestones(rows: list[_Row]) -> list[Sentence]:
    out = _one_or_many(_of(rows, "milestone_completed"), "milestones", "completed_one", "completed_many",
                       "completed_item", date=lambda r: format_value("completed_date", r.new))
    added = _of(rows, "milestone_added")
    dated = all(isinstance(r.due, dt.date) for r in added)  # the frame may not have the due dates
    out += _one_or_many(added, "milestones", "milestone_added_one" if dated else "milestone_added_plain",
                        "milestone_added_many", "overdue_item" if dated else "milestone_title",
                        due=lambda r: _date(r.due))
    out += _one_or_many(_of(rows, "milestone_removed"), "milestones", "milestone_removed_one",
                        "milestone_removed_many", "milestone_title")
    out += [Sentence(S["reopened"].format(title=r.title), "milestones", (r.label,))
            for r in _of(rows, "milestone_reopened")]
    out += [Sentence(S["milestone_field"].format(label=field_label(r.table, r.field), title=r.title,
                                                 old=format_value(r.field, r.old), new=format_value(r.field, r.new)),
                     "milestones", (r.label,))
            for r in _of(rows, "milestone_changed")]
    return out


def _other(rows: list[_Row]) -> list[Sentence]:
    out = [Sentence(_field(r), "other", (r.label,)) for r in _of(rows, "field")]
    texts = [r for r in rows if r.is_text]
    if texts:
        out.append(Sentence(S["texts"].format(items=_listing([_text_item(r) for r in texts])), "other",
                            _labels(texts)))
    return out


def _text_item(r: _Row, texts: dict = S, prefix: str = "text_item_") -> str:
    """A changed text named in a sentence (or, with T.TEXT_LABELS, above its before and after)."""
    key = {"milestones": "milestone", "budgets": "budget"}.get(r.table, "initiative")
    if key == "initiative":
        label = field_label(r.table, r.field)
        return texts[prefix + key].format(label=label) if prefix else label
    return texts[prefix + key].format(title=r.title, year=r.year, source=r.source)


def _texts(rows: list[_Row]) -> list[TextChange]:
    return [TextChange(_text_item(r, T.TEXT_LABELS, ""), r.old if isinstance(r.old, str) else None,
                       r.new if isinstance(r.new, str) else None, r.label) for r in rows if r.is_text]
