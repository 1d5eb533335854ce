"""«Hva gjør kommunen for meg?» on the public page: a citizen picks their
group (one of the five target groups) and sees the public initiatives for
that group, by focus area, in plain language.

Made from the public projection only (portfolio.store.public: public
initiatives and their public columns); nothing internal is ever read. No
Streamlit here; the page only draws. Programmes (initiatives other public
initiatives belong to) are left out: they are for every group their
initiatives are for, and would stand in every list.

The group's public engagements (medvirkning: meetings, workshops,
conferences) come after the focus areas: those still to come, soonest first,
and those held, the latest first. They are the public engagements of the
public initiatives for the group, programmes included (a programme's
workshop with citizens is for every group it names); "today" is the date of
the published data. The projection has no participant counts or notes
(internal columns), so the view cannot show them.
"""

from __future__ import annotations

import dataclasses
import re

import pandas as pd

from portfolio import fmt
from portfolio.model import schema
from portfolio.present.public import date_of, plain
from portfolio.store.public import PublicData
from portfolio.texts import public as T

GROUPS = schema.TARGET_GROUPS
FOCUS_AREAS = schema.FOCUS_AREAS
SHOWN = 8  # initiatives listed per focus area; the rest are counted
ENGAGEMENTS_SHOWN = 5  # coming and past engagements listed each; the rest are counted
SUMMARY_CHARACTERS = 240  # a summary's first sentence, at most this long
_SENTENCE_END = re.compile(r"(?<=[.!?])\s")


@dataclasses.dataclass(frozen=True)
class FocusList:
    """The initiatives for the group in one focus area."""

    focus_area: str
    heading: fmt.Markdown
    items: list[fmt.Markdown]  # one line per initiative, by name
    more: int  # how many more there are


@dataclasses.dataclass(frozen=True)
class GroupView:
    group: str
    intro: fmt.Markdown  # how many initiatives there are for the group
    areas: list[FocusList]  # the focus areas with initiatives for the group, in the schema's order
    without: list[fmt.Markdown]  # one sentence per focus area with none
    count: int
    coming: list[fmt.Markdown] = dataclasses.field(default_factory=list)  # public engagements to come, soonest first
    coming_more: int = 0
    past: list[fmt.Markdown] = dataclasses.field(default_factory=list)  # held, the latest first
    past_more: int = 0


def group_words(group: str) -> str:
    """A group's name inside a sentence: «Nye innbyggere» -> «nye innbyggere»."""
    return group[0].lower() + group[1:]


def first_sentence(text: str) -> str:
    """The first sentence of a summary, cut with «…» when very long."""
    sentence = _SENTENCE_END.split(text.strip(), maxsplit=1)[0]
    if len(sentence) > SUMMARY_CHARACTERS:
        sentence = sentence[: SUMMARY_CHARACTERS - 1].rsplit(" ", 1)[0] + "…"
    return sentence


def item(row) -> fmt.Markdown:
    """One initiative: its name, how far it has come, and what it does."""
    state = T.PHASE_WORDS.get(row.phase, row.phase)
    summary = row.public_summary
    if isinstance(summary, str) and summary.strip():
        return fmt.markdown(T.GROUP_ITEM, name=plain(row.name), state=state, summary=first_sentence(plain(summary)))
    return fmt.markdown(T.GROUP_ITEM_NO_SUMMARY, name=plain(row.name), state=state)


def for_group(data: PublicData, group: str) -> pd.DataFrame:
    """The public initiatives for the group, programmes left out, by name."""
    frame = data.initiatives
    programmes = set(frame["parent_id"].dropna())
    mine = frame[frame["target_groups"].map(lambda groups: groups is not None and group in list(groups))
                 & ~frame["initiative_id"].isin(programmes)]
    return mine.assign(_name=mine["name"].str.casefold()).sort_values(["_name", "initiative_id"], kind="stable")


def group_view(data: PublicData, group: str) -> GroupView:
    """What the page shows for one group (kept with the data, which never changes)."""
    key = ("group", group)
    found = data.memo.get(key)
    if found is None:
        found = data.memo[key] = _group_view(data, group)
    return found


def _group_view(data: PublicData, group: str) -> GroupView:
    if group not in GROUPS:
        raise ValueError(f"not a target group: {group!r}")
    mine = for_group(data, group)
    words = group_words(group)
    count = len(mine)
    if count == 0:
        intro = fmt.markdown(T.GROUP_NONE, group=words)
    else:
        intro = fmt.markdown(T.GROUP_COUNT_ONE if count == 1 else T.GROUP_COUNT, count=fmt.number(count), group=words)
    areas, without = [], []
    for focus in FOCUS_AREAS:
        rows = mine[mine["focus_areas"].map(lambda areas, f=focus: areas is not None and f in list(areas))]
        name = T.FOCUS_AREA_WORDS.get(focus, focus)
        if rows.empty:
            if count:
                without.append(fmt.markdown(T.GROUP_FOCUS_NONE, area=name))
            continue
        areas.append(FocusList(
            focus_area=focus,
            heading=fmt.markdown(T.GROUP_FOCUS_HEADING, area=name[0].upper() + name[1:],
                                 count=fmt.number(len(rows))),
            items=[item(row) for row in rows.head(SHOWN).itertuples(index=False)],
            more=max(len(rows) - SHOWN, 0),
        ))
    coming, past = engagements_for(data, group)
    known = names(data)
    return GroupView(group=group, intro=intro, areas=areas, without=without, count=count,
                     coming=[engagement_item(row, known) for row in coming.head(ENGAGEMENTS_SHOWN).itertuples()],
                     coming_more=max(len(coming) - ENGAGEMENTS_SHOWN, 0),
                     past=[engagement_item(row, known) for row in past.head(ENGAGEMENTS_SHOWN).itertuples()],
                     past_more=max(len(past) - ENGAGEMENTS_SHOWN, 0))


def names(data: PublicData) -> dict[str, str]:
    return dict(zip(data.initiatives["initiative_id"], data.initiatives["name"], strict=True))


def engagements_for(data: PublicData, group: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The public engagements of the public initiatives for the group
    (programmes included): those to come after the data's date, soonest
    first, and those held by then, the latest first."""
    frame = data.initiatives
    ids = frame.loc[frame["target_groups"].map(lambda groups: groups is not None and group in list(groups)),
                    "initiative_id"]
    rows = data.engagements[data.engagements["initiative_id"].isin(set(ids))]
    today = date_of(data.source.created)
    days = rows["held_on"].map(date_of)
    coming = rows[days > today].sort_values(["held_on", "title", "engagement_id"], kind="stable")
    past = rows[days <= today].sort_values(["held_on", "title", "engagement_id"], ascending=[False, True, True],
                                           kind="stable")
    return coming, past


def engagement_item(row, names: dict[str, str] | None) -> fmt.Markdown:
    """One engagement: its date, title, kind and place, and the initiative
    it belongs to (`names`: the initiatives' names by id; None on the
    initiative's own page, where it goes without saying)."""
    words = dict(date=fmt.date(date_of(row.held_on)), title=plain(row.title),
                 kind=T.ENGAGEMENT_KIND_WORDS.get(row.kind, row.kind))
    place = row.place if isinstance(row.place, str) and row.place.strip() else None
    if names is None:
        return fmt.markdown(T.ENGAGEMENT_LINE if place else T.ENGAGEMENT_LINE_NO_PLACE,
                            **words, **({"place": plain(place)} if place else {}))
    words["initiative"] = plain(names.get(row.initiative_id, ""))
    if place:
        return fmt.markdown(T.GROUP_ENGAGEMENT_ITEM, place=plain(place), **words)
    return fmt.markdown(T.GROUP_ENGAGEMENT_ITEM_NO_PLACE, **words)
