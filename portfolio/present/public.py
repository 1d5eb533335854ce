"""What the public page shows, made from the public projection only
(portfolio.store.public): one card per initiative in plain language (its
public decisions and benefits from portfolio.present.public_governance), and
the programmes on «Om dataene». No Streamlit here; the page only draws.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import re
from collections.abc import Mapping

import pandas as pd

from portfolio import fmt
from portfolio.model import schema
from portfolio.present import public_governance
from portfolio.store.public import PublicData
from portfolio.texts import public as T

PAGE_SIZE = 25  # initiatives shown at once on the public page
DONE_SHOWN = 5  # completed milestones listed per initiative (the rest are counted)
MEMO_SIZE = 256  # searches whose cards are kept with the data
NEXT_SHOWN = 3  # upcoming milestones listed per initiative
PHASES = schema.PHASES


# -- what the public page shows ----------------------------------------------

@dataclasses.dataclass(frozen=True)
class Milestone:
    date: dt.date
    title: str


@dataclasses.dataclass(frozen=True)
class Card:
    """One initiative as the public page shows it; texts in plain language."""

    initiative_id: str
    name: str
    label: fmt.Markdown
    summary: str  # plain text: the page makes it literal
    phase: str
    phase_position: fmt.Markdown
    phase_explanation: str
    facts: list[fmt.Markdown]
    url: str | None
    done: list[Milestone]
    done_more: int
    upcoming: list[Milestone]
    money: pd.DataFrame  # year, budget_nok, actual_nok; one row per year
    funding_sources: list[str]
    decisions: list[fmt.Markdown]  # newest first, at most public_governance.DECISIONS_SHOWN
    decisions_more: int
    benefits: list[fmt.Markdown]  # each with how it is measured and how far it has come

    @functools.cached_property
    def over_budget(self) -> list[fmt.Markdown]:
        """One sentence per year in which more was spent than budgeted
        (all funding sources together), newest year first: the page says it
        in words, never by colour alone."""
        over = self.money[self.money["actual_nok"] > self.money["budget_nok"]]
        return [
            fmt.markdown(T.OVER_BUDGET_CARD, amount=fmt.kr(int(actual - budget)), year=int(year))
            for year, budget, actual in over[["year", "budget_nok", "actual_nok"]].itertuples(index=False)
        ]

    @property
    def key(self) -> str:
        """The widget key of the card's expander."""
        return f"card_{self.initiative_id}"

    @functools.cached_property
    def money_table(self) -> pd.DataFrame:
        """The budget per year as text, newest year first (for st.table)."""
        return pd.DataFrame({
            T.MONEY_YEAR: self.money["year"].astype(int).astype(str),
            T.MONEY_BUDGET: self.money["budget_nok"].map(fmt.kr),
            T.MONEY_SPENT: self.money["actual_nok"].map(fmt.kr),
        })


def plain(text: str) -> str:
    """Internal abbreviations in a text from the data written out in words:
    "BP1: Mandat … i KDL" -> "Beslutningspunkt 1: Mandat … i kommunedirektørens ledergruppe"."""
    def decision_point(match: re.Match) -> str:
        words = T.DECISION_POINT_WORDS.format(number=match.group(1))
        return words[0].upper() + words[1:] if match.start() == 0 else words

    text = re.sub(r"\bBP\s?([1-5])\b", decision_point, text)
    for short, words in T.ABBREVIATIONS.items():
        text = re.sub(rf"\b{re.escape(short)}\b", words, text)
    return text


def word_list(items) -> str:
    """["a", "b", "c"] -> "a, b og c"."""
    items = [str(i) for i in items]
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {T.AND} {items[-1]}"


def phase_position(phase: str) -> fmt.Markdown:
    return fmt.markdown(
        T.PHASE_POSITION, number=schema.PHASES.index(phase) + 1, count=len(schema.PHASES), phase=phase
    )


def phase_path() -> fmt.Markdown:
    return fmt.markdown(T.PHASE_PATH, phases=fmt.join(T.PHASE_PATH_SEPARATOR, schema.PHASES))


def _search_key(frame: pd.DataFrame) -> pd.Series:
    text = frame["name"].fillna("") + " " + frame["public_summary"].fillna("")
    return text.str.casefold()


def matching(data: PublicData, search: str = "", phase: str | None = None) -> pd.DataFrame:
    """The public initiatives that match the search words and phase:
    programmes first (those with most initiatives under them), then by name."""
    frame = data.initiatives
    if phase:
        frame = frame[frame["phase"] == phase]
    for word in search.casefold().split():
        frame = frame[_search_key(frame).str.contains(word, regex=False)]
    children = data.initiatives["parent_id"].value_counts()
    order = frame.assign(
        _children=frame["initiative_id"].map(children).fillna(0),
        _name=frame["name"].str.casefold(),
    ).sort_values(["_children", "_name"], ascending=[False, True], kind="stable")
    return order.drop(columns=["_children", "_name"])


def _list(value) -> list[str]:
    if value is None or (not hasattr(value, "__len__") and pd.isna(value)):
        return []
    return [str(v) for v in value]


def date_of(value) -> dt.date | None:
    if value is None or pd.isna(value):
        return None
    return value.date() if isinstance(value, (pd.Timestamp, dt.datetime)) else value


def facts(row: Mapping, names: Mapping[str, str]) -> list[fmt.Markdown]:
    """An initiative's facts, one sentence each (Markdown with the data made
    literal): the programme it is part of, who is responsible, its period,
    for whom, what it is about, who takes part. `row` is the initiative's
    row (a Series or a dict); `names` the public initiatives' names by id."""
    found = []
    parent = row["parent_id"]
    if isinstance(parent, str) and parent in names:
        found.append(fmt.markdown(T.PART_OF, name=plain(names[parent])))
    found.append(fmt.markdown(T.AREA, area=row["owner_area"]))
    found.append(fmt.markdown(T.OWNER, owner=row["project_owner"]))
    start, end = date_of(row["start_date"]), date_of(row["end_date"])
    if end:
        found.append(fmt.markdown(T.PERIOD, start=fmt.date(start), end=fmt.date(end)))
    else:
        found.append(fmt.markdown(T.PERIOD_OPEN, start=fmt.date(start)))
    groups = _list(row["target_groups"])
    if groups:
        found.append(fmt.markdown(T.FOR_WHOM, groups=word_list(g[0].lower() + g[1:] for g in groups)))
    focus = _list(row["focus_areas"])
    if focus:
        found.append(fmt.markdown(T.ABOUT, areas=word_list(T.FOCUS_AREA_WORDS.get(f, f) for f in focus)))
    others = _list(row["collaborating_areas"])
    if others:
        found.append(fmt.markdown(T.COLLABORATING, areas=word_list(others)))
    partners = _list(row["partners"])
    if partners:
        found.append(fmt.markdown(T.PARTNERS, partners=word_list(partners)))
    return found


def card(data: PublicData, row: pd.Series, names: Mapping[str, str]) -> Card:
    """One initiative as the public page shows it (its label and facts are
    Markdown with the data made literal; the summary and milestone titles are
    plain text, which the page makes literal)."""
    initiative_id = row["initiative_id"]

    ms = data.milestones[data.milestones["initiative_id"] == initiative_id]
    completed = ms[ms["completed_date"].notna()].sort_values("completed_date", ascending=False, kind="stable")
    open_ = ms[ms["completed_date"].isna()].sort_values("due_date", kind="stable")
    done = [Milestone(date_of(d), plain(t)) for d, t in
            completed[["completed_date", "title"]].head(DONE_SHOWN).itertuples(index=False)]
    upcoming = [Milestone(date_of(d), plain(t)) for d, t in
                open_[["due_date", "title"]].head(NEXT_SHOWN).itertuples(index=False)]

    rows = data.budgets[data.budgets["initiative_id"] == initiative_id]
    money = (
        rows.groupby("year", as_index=False)[["budget_nok", "actual_nok"]].sum()
        .sort_values("year", ascending=False, kind="stable").reset_index(drop=True)
    )
    decisions, decisions_more = public_governance.decisions(
        data.decisions[data.decisions["initiative_id"] == initiative_id], plain)
    benefits = public_governance.benefits(data.benefits[data.benefits["initiative_id"] == initiative_id],
                                          data.benefit_measurements, plain, date_of(data.source.created))
    summary = row["public_summary"]
    url = row["url"] if isinstance(row["url"], str) and row["url"].startswith(("https://", "http://")) else None
    phase = row["phase"]
    name = plain(row["name"])
    return Card(
        initiative_id=initiative_id,
        name=name,
        label=fmt.markdown(T.CARD_LABEL, name=name, phase=phase),
        summary=plain(summary) if isinstance(summary, str) and summary else T.NO_SUMMARY,
        phase=phase,
        phase_position=phase_position(phase),
        phase_explanation=T.PHASE_EXPLANATIONS[phase],
        facts=facts(row, names),
        url=url,
        done=done,
        done_more=max(len(completed) - DONE_SHOWN, 0),
        upcoming=upcoming,
        money=money,
        funding_sources=sorted(plain(source) for source in rows["funding_source"].unique()),
        decisions=decisions,
        decisions_more=decisions_more,
        benefits=benefits,
    )


def cards(data: PublicData, search: str = "", phase: str | None = None,
          limit: int = PAGE_SIZE) -> tuple[list[Card], int]:
    """The cards of the matching initiatives (at most `limit`), and how many
    matched. Kept with the data (it never changes) per search and phase, so
    a rerun does not build them again."""
    key = (tuple(search.casefold().split()), phase, limit)
    found = data.memo.get(key)
    if found is None:
        if len(data.memo) >= MEMO_SIZE:
            data.memo.clear()
        found = data.memo[key] = _cards(data, search, phase, limit)
    return found


def _cards(data: PublicData, search: str, phase: str | None, limit: int) -> tuple[list[Card], int]:
    found = matching(data, search, phase)
    names = dict(zip(data.initiatives["initiative_id"], data.initiatives["name"], strict=False))
    head = found.head(limit)
    # the shown initiatives' rows, picked once (not once per card from the whole projection)
    ids = head["initiative_id"]
    benefits = data.benefits[data.benefits["initiative_id"].isin(ids)]
    mine = dataclasses.replace(
        data,
        milestones=data.milestones[data.milestones["initiative_id"].isin(ids)],
        budgets=data.budgets[data.budgets["initiative_id"].isin(ids)],
        decisions=data.decisions[data.decisions["initiative_id"].isin(ids)],
        benefits=benefits,
        benefit_measurements=data.benefit_measurements[
            data.benefit_measurements["benefit_id"].isin(benefits["benefit_id"])],
    )
    shown = [card(mine, row, names) for _, row in head.iterrows()]
    return shown, len(found)


def money_note(c: Card, year: int) -> str:
    return fmt.markdown(T.MONEY_NOTE, year=year) if (c.money["year"] == year).any() else T.MONEY_NOTE_PAST


def programmes(data: PublicData, limit: int = 5) -> tuple[pd.DataFrame, int]:
    """The public programmes (initiatives that public initiatives belong to),
    most initiatives first: name, project owner and how many belong to each;
    at most `limit`, and how many there are."""
    counts = data.initiatives["parent_id"].value_counts()
    found = data.initiatives[data.initiatives["initiative_id"].isin(counts.index)]
    found = found.assign(child_count=found["initiative_id"].map(counts).astype(int))
    found = found.sort_values(["child_count", "name"], ascending=[False, True], kind="stable")
    return found[["name", "project_owner", "child_count"]].head(limit).reset_index(drop=True), len(found)
