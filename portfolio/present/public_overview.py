"""The overview at the top of the public page, made from the public
projection only (portfolio.store.public): how many initiatives, by phase and
by focus area, the money in total, and what changed recently. No Streamlit
here; the page only draws.

"Recently" is measured against an earlier public projection (`earlier`):
that of the latest snapshot at least RECENT_DAYS older than the published
one (`comparison_snapshot`). Both are public by construction, and only
initiatives public now are named: an initiative taken off the public page
is not mentioned, nor what a newly public initiative was before. Without an
earlier projection (an exported folder holds only one), the overview says
what the published data itself dates: milestones completed in the last
RECENT_DAYS.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable

import pandas as pd

from portfolio import fmt
from portfolio.model import schema
from portfolio.present import public_governance
from portfolio.present.public import date_of, plain
from portfolio.store.public import PublicData
from portfolio.texts import public as T

RECENT_DAYS = 90  # how far back "what changed recently" looks, at least
CHANGES_SHOWN = 8  # change lines shown; the rest are counted


@dataclasses.dataclass(frozen=True)
class Overview:
    """The public list in a few sentences, key figures and small tables (all
    texts Markdown with the data made literal; tables of text for st.table)."""

    count: int
    sentences: list[fmt.Markdown]
    phases: pd.DataFrame  # Fase, Tiltak: every phase in order
    focus: pd.DataFrame  # Handler om, Tiltak: every focus area, most first
    year: int | None  # the budget year the key figures are for (None: no budget)
    current_year: bool  # that year is the year the data was published (spent "so far")
    budget: int
    spent: int
    money_sentences: list[fmt.Markdown]
    years: pd.DataFrame  # År, Budsjett, Brukt: every year, newest first
    since: dt.date
    changes: list[fmt.Markdown]
    changes_more: int


def comparison_snapshot(snapshots: Iterable[tuple[str, dt.datetime]], published: str) -> str | None:
    """Which earlier snapshot "what changed recently" compares with: the
    latest one created at least RECENT_DAYS before the published one, else
    (a young store) the oldest before it; None when there is none.
    `snapshots` are (id, created) pairs."""
    found = sorted(snapshots, key=lambda s: (s[1], s[0]))
    created = dict(found).get(published)
    if created is None:
        return None
    before = [(sid, at) for sid, at in found if at < created]
    if not before:
        return None
    limit = created - dt.timedelta(days=RECENT_DAYS)
    old_enough = [sid for sid, at in before if at <= limit]
    return old_enough[-1] if old_enough else before[0][0]


# -- counts ------------------------------------------------------------------------

def _word_list(parts) -> fmt.Markdown:
    """["a", "b", "c"] -> "a, b og c", every part made literal (a Markdown
    part, already literal, is kept as it is)."""
    parts = list(parts)
    if len(parts) <= 1:
        return fmt.join("", parts)
    return fmt.join(f" {T.AND} ", [fmt.join(", ", parts[:-1]), parts[-1]])


def _phase_sentence(phases: pd.Series) -> fmt.Markdown:
    shown = [(p, int(phases.get(p, 0))) for p in schema.PHASES if phases.get(p, 0)]
    if sum(n for _, n in shown) == 1:
        return fmt.markdown(T.ONE_PHASE_SENTENCE, phrase=T.PHASE_WORDS[shown[0][0]])
    parts = [fmt.markdown(T.PHASE_PART, count=fmt.number(n), phrase=T.PHASE_WORDS[p]) for p, n in shown]
    return fmt.markdown(T.PHASE_SENTENCE, parts=_word_list(parts))


def _focus_counts(initiatives: pd.DataFrame) -> pd.Series:
    """How many initiatives name each focus area (an initiative may name
    several), most first, then in the schema's order."""
    areas = initiatives["focus_areas"].explode().dropna()
    counts = areas.value_counts()
    order = list(schema.FOCUS_AREAS)
    known = [a for a in order if a in counts.index] + sorted(a for a in counts.index if a not in order)
    return counts.reindex(known).sort_values(ascending=False, kind="stable").astype(int)


def _focus_sentence(counts: pd.Series) -> fmt.Markdown | None:
    if counts.empty:
        return None
    parts = []
    for i, (area, n) in enumerate(counts.items()):
        parts.append(fmt.markdown(T.FOCUS_FIRST_PART if i == 0 else T.FOCUS_PART,
                                  count=fmt.number(n), area=T.FOCUS_AREA_WORDS.get(area, area)))
    return fmt.markdown(T.FOCUS_SENTENCE, parts=_word_list(parts))


# -- money -------------------------------------------------------------------------

def per_initiative_year(budgets: pd.DataFrame) -> pd.DataFrame:
    """Budget and spent per initiative and year (summed over funding sources)."""
    return budgets.groupby(["initiative_id", "year"], as_index=False)[["budget_nok", "actual_nok"]].sum()


def over_budget(data: PublicData, year: int) -> list[str]:
    """The names of the initiatives that spent more than their budget in
    `year` (all funding sources together), by name."""
    money = per_initiative_year(data.budgets)
    over = money[(money["year"] == year) & (money["actual_nok"] > money["budget_nok"])]
    names = data.initiatives.set_index("initiative_id")["name"]
    return sorted((plain(names[i]) for i in over["initiative_id"] if i in names.index), key=str.casefold)


def _money(data: PublicData, published_year: int):
    years = data.budgets.groupby("year")[["budget_nok", "actual_nok"]].sum().sort_index(ascending=False)
    table = pd.DataFrame({
        T.MONEY_YEAR: [str(int(y)) for y in years.index],
        T.MONEY_BUDGET: years["budget_nok"].map(fmt.kr).tolist(),
        T.MONEY_SPENT: years["actual_nok"].map(fmt.kr).tolist(),
    })
    if years.empty:
        return None, False, 0, 0, [fmt.markdown(T.NO_MONEY_SENTENCE)], table
    # the published year's budget, else the latest year with one
    year = published_year if published_year in years.index else int(years.index.max())
    current = year == published_year
    budget, spent = int(years.loc[year, "budget_nok"]), int(years.loc[year, "actual_nok"])
    sentences = [fmt.markdown(T.MONEY_SENTENCE if current else T.MONEY_SENTENCE_PAST,
                              year=year, budget=fmt.kr(budget), spent=fmt.kr(spent))]
    names = over_budget(data, year)
    if names:
        sentences.append(fmt.markdown(T.OVER_BUDGET_SENTENCE, count=fmt.number(len(names)), year=year,
                                      names=_word_list(names)))
    else:
        sentences.append(fmt.markdown(T.NO_OVER_BUDGET_SENTENCE, year=year))
    if len(years) > 1:
        sentences.append(fmt.markdown(
            T.MONEY_TOTAL_SENTENCE, first=int(years.index.min()), last=int(years.index.max()),
            budget=fmt.kr(int(years["budget_nok"].sum())), spent=fmt.kr(int(years["actual_nok"].sum())),
        ))
    return year, current, budget, spent, sentences, table


# -- what changed --------------------------------------------------------------------

def _names(data: PublicData) -> dict[str, str]:
    return {i: plain(n) for i, n in zip(data.initiatives["initiative_id"], data.initiatives["name"], strict=True)}


def _done_since(data: PublicData, since: dt.date, until: dt.date, names: dict[str, str]) -> list[fmt.Markdown]:
    ms = data.milestones
    found = []
    for initiative_id, title, completed in ms[["initiative_id", "title", "completed_date"]].itertuples(index=False):
        day = date_of(completed)
        if day is not None and since < day <= until and initiative_id in names:
            found.append((day, fmt.markdown(T.CHANGE_DONE, name=names[initiative_id], title=plain(title),
                                            date=fmt.date(day))))
    return [line for _, line in sorted(found, key=lambda f: f[0], reverse=True)]


def _compared(data: PublicData, earlier: PublicData,
              names: dict[str, str]) -> tuple[list[fmt.Markdown], list[fmt.Markdown]]:
    """What differs from the earlier projection, for the initiatives public
    now: new initiatives and phase changes; then new and moved milestones
    and changed budget totals per year (of initiatives public then and now)."""
    lines = []
    before = dict(zip(earlier.initiatives["initiative_id"], earlier.initiatives["phase"], strict=True))
    now = data.initiatives.assign(_name=data.initiatives["name"].map(plain).str.casefold())
    now = now.sort_values(["_name", "initiative_id"], kind="stable")
    for initiative_id in now["initiative_id"]:
        if initiative_id not in before:
            lines.append(fmt.markdown(T.CHANGE_NEW, name=names[initiative_id]))
    for initiative_id, phase in now[["initiative_id", "phase"]].itertuples(index=False):
        old = before.get(initiative_id)
        if old is not None and old != phase:
            lines.append(fmt.markdown(T.CHANGE_PHASE, name=names[initiative_id], old=old, new=phase))

    first, lines = lines, []  # the rest, after the completed milestones (`changes`)
    both = set(before) & set(names)  # public then and now
    old_ms = earlier.milestones.set_index("milestone_id")
    open_now = data.milestones[data.milestones["completed_date"].isna()
                               & data.milestones["initiative_id"].isin(both)].sort_values(
        ["due_date", "milestone_id"], kind="stable")
    for milestone_id, initiative_id, title, due in open_now[
            ["milestone_id", "initiative_id", "title", "due_date"]].itertuples(index=False):
        if milestone_id not in old_ms.index:
            lines.append(fmt.markdown(T.CHANGE_PLANNED, name=names[initiative_id], title=plain(title),
                                      date=fmt.date(date_of(due))))
        else:
            old_due = date_of(old_ms.loc[milestone_id, "due_date"])
            if old_due is not None and old_due != date_of(due):
                lines.append(fmt.markdown(T.CHANGE_MOVED, name=names[initiative_id], title=plain(title),
                                          old=fmt.date(old_due), new=fmt.date(date_of(due))))

    def totals(budgets: pd.DataFrame) -> pd.Series:
        return budgets[budgets["initiative_id"].isin(both)].groupby("year")["budget_nok"].sum()

    old_totals, new_totals = totals(earlier.budgets), totals(data.budgets)
    for year in sorted(new_totals.index, reverse=True):
        amount = int(new_totals[year])
        if year not in old_totals.index:
            lines.append(fmt.markdown(T.CHANGE_BUDGET_NEW, year=int(year), amount=fmt.kr(amount)))
        elif int(old_totals[year]) != amount:
            lines.append(fmt.markdown(T.CHANGE_BUDGET, year=int(year), old=fmt.kr(int(old_totals[year])),
                                      new=fmt.kr(amount)))
    return first, lines


def changes(data: PublicData, earlier: PublicData | None) -> tuple[dt.date, list[fmt.Markdown]]:
    """Since when, and what changed since then worth telling the public: with
    an earlier projection, new initiatives and phase changes first, then the
    milestones completed since it was made (newest first), then new and moved
    milestones and budget changes; without one, the milestones completed in
    the last RECENT_DAYS before the data was published. Last, in both cases,
    the public decisions made since then (newest first) and the public
    benefits measured since then, in one line."""
    until = data.source.created.date()
    since = earlier.source.created.date() if earlier is not None else until - dt.timedelta(days=RECENT_DAYS)
    names = _names(data)
    first, rest = _compared(data, earlier, names) if earlier is not None else ([], [])
    register = [
        *public_governance.decided_since(data.decisions, since, until, names, plain),
        *public_governance.measured_since(data.benefits, data.benefit_measurements, since, until, names, plain),
    ]
    return since, [*first, *_done_since(data, since, until, names), *rest, *register]


# -- the overview ---------------------------------------------------------------------

def overview(data: PublicData, earlier: PublicData | None = None) -> Overview:
    """The overview of the public initiatives (kept with the data: it never
    changes for one published projection and one earlier one)."""
    key = ("overview", earlier.source.snapshot_id if earlier is not None else None)
    found = data.memo.get(key)
    if found is None:
        found = data.memo[key] = _overview(data, earlier)
    return found


def _overview(data: PublicData, earlier: PublicData | None) -> Overview:
    initiatives = data.initiatives
    count = len(initiatives)
    phase_counts = initiatives["phase"].value_counts()
    phases = pd.DataFrame({
        T.PHASE_COLUMN: list(schema.PHASES),
        T.COUNT_COLUMN: [fmt.number(int(phase_counts.get(p, 0))) for p in schema.PHASES],
    })
    focus_counts = _focus_counts(initiatives)
    focus = pd.DataFrame({
        T.FOCUS_COLUMN: [T.FOCUS_AREA_WORDS.get(a, a) for a in focus_counts.index],
        T.COUNT_COLUMN: [fmt.number(n) for n in focus_counts],
    })
    sentences = [fmt.markdown(T.COUNT_SENTENCE, count=fmt.number(count))]
    if count:
        sentences.append(_phase_sentence(phase_counts))
    focus_sentence = _focus_sentence(focus_counts)
    if focus_sentence:
        sentences.append(focus_sentence)
    year, current, budget, spent, money_sentences, years = _money(data, data.source.created.year)
    since, lines = changes(data, earlier)
    return Overview(
        count=count, sentences=sentences, phases=phases, focus=focus,
        year=year, current_year=current, budget=budget, spent=spent,
        money_sentences=money_sentences, years=years,
        since=since, changes=lines[:CHANGES_SHOWN], changes_more=max(len(lines) - CHANGES_SHOWN, 0),
    )
