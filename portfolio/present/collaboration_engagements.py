"""«Samhandling»'s «Medvirkning»: the meetings with citizens and partners
(table `engagements`) of the initiatives that pass the page's filters, in the
shown snapshot. A headline sentence for the page's year (how many citizens
took part in how many engagements), a timeline of the engagements, the list
of them, and the year per quarter by kind and by participant group.

Counted in the named queries (queries/collaboration_engagement*.sql). A
participant count may be empty: that means "not counted", never 0. A sum
over engagements of which some did not count a group says so («36 (ikke
talt i 2)»), and a group none of them counted is «ikke talt». An engagement
is *held* when its date is on or before the context's today (on an earlier
snapshot: that snapshot's date), else *planned*; the quarter tables and the
headline count held engagements only.

The initiative page uses `engagement_rows` for one initiative
(portfolio.present.initiative_collaboration).

A Decidim meeting linked to an initiative counts as one of its engagements
(`engagements_counted` in queries/_macros.sql): online «digital
medvirkning», else «dialogmøte», its attendees as «andre»; its title says
it is from Decidim.
"""

from __future__ import annotations

import dataclasses

import pandas as pd

from portfolio import fmt, texts
from portfolio.model import schema
from portfolio.present import collaboration, links
from portfolio.present import collaboration_timecharts as timecharts
from portfolio.present.columns import DATE_PX, Columns
from portfolio.query import runner as queries
from portfolio.query.context import SnapshotContext
from portfolio.texts import collaboration as T

ROW_LIMIT = links.TABLE_ROWS  # engagements in the timeline and the list: the newest
EVERYTHING = 1_000_000  # the download: every engagement
CITIZENS = "participants_citizens"
KINDS = schema.ENGAGEMENT_KINDS
GROUP_COLUMNS = schema.PARTICIPANT_COLUMNS


def params(ctx: SnapshotContext, filters: queries.Filters, year: int, **extra) -> dict:
    return collaboration.params(filters, year, today=ctx.today, **extra)


def count_text(value) -> str:
    """A participant count: the number, or «ikke talt» when empty."""
    return T.NOT_COUNTED if fmt.missing(value) else fmt.number(int(value))


# -- the list and the timeline -----------------------------------------------------------------------

def activity(rows: pd.DataFrame) -> pd.Series:
    """Each engagement's title, a Decidim meeting's marked as one («… (møte i Decidim)»)."""
    return pd.Series([f"{title}{T.FROM_DECIDIM}" if from_decidim else title
                      for title, from_decidim in zip(rows["title"], rows["is_from_decidim"], strict=True)],
                     index=rows.index, dtype=object)


def engagement_rows(ctx: SnapshotContext, rows: pd.DataFrame, with_initiative: bool = True) -> pd.DataFrame:
    """The engagements as the pages list them (collaboration_engagements), as text."""
    columns = {
        T.COL_DATE: rows["held_on"].map(fmt.date),
        T.COL_ACTIVITY: activity(rows),
        T.COL_KIND: rows["kind"].map(lambda k: T.ENGAGEMENT_KIND_LABELS.get(k, k)),
    }
    if with_initiative:
        columns[T.COL_INITIATIVE] = rows["initiative_name"].astype(object)
        columns[T.COL_LINK] = links.initiative_column(ctx, rows["initiative_id"])
    columns[T.COL_PLACE] = rows["place"].map(lambda p: T.EMPTY if fmt.missing(p) else p)
    columns[T.COL_STATE] = rows["held"].map(lambda held: T.STATE_HELD if held else T.STATE_PLANNED)
    columns[T.COL_CITIZENS] = rows[CITIZENS].map(count_text)
    columns[T.COL_PARTICIPANTS] = rows["counted_total"].map(count_text)
    return pd.DataFrame(columns).reset_index(drop=True)


def engagement_columns(with_initiative: bool = True) -> Columns:
    """On a phone each engagement's date and title; the rest on a laptop.
    With the initiative and its link (on «Samhandling») the kind and the
    place are shown only with «Vis alle kolonner»: the kind is the
    timeline's row, and the rest would not fit a laptop."""
    return Columns(
        links={T.COL_LINK: T.LINK_TEXT} if with_initiative else {},
        right=(T.COL_CITIZENS, T.COL_PARTICIPANTS),
        essential=(T.COL_DATE, T.COL_ACTIVITY), wrap=(T.COL_ACTIVITY, T.COL_INITIATIVE),
        extra=(T.COL_KIND, T.COL_PLACE) if with_initiative else (),
        widths={T.COL_DATE: DATE_PX, T.COL_ACTIVITY: 230, T.COL_KIND: 140, T.COL_INITIATIVE: 180,
                T.COL_PLACE: 140, T.COL_STATE: 85, T.COL_CITIZENS: 95, T.COL_PARTICIPANTS: 125},
    )


def timeline_data(rows: pd.DataFrame) -> pd.DataFrame:
    """The timeline's points: one per engagement, with the words of its tooltip."""
    return pd.DataFrame({
        "held_on": pd.to_datetime(rows["held_on"]),
        "kind_label": rows["kind"].map(lambda k: T.ENGAGEMENT_KIND_LABELS.get(k, k)),
        "state_label": rows["held"].map(lambda held: T.STATE_HELD if held else T.STATE_PLANNED),
        "title": activity(rows).astype(str),
        "initiative_name": rows["initiative_name"].astype(str),
        "date_text": rows["held_on"].map(fmt.date),
        "place_text": rows["place"].map(lambda p: T.EMPTY if fmt.missing(p) else str(p)),
        "citizens_text": rows[CITIZENS].map(count_text),
        "participants_text": rows["counted_total"].map(count_text),
    })


def description(rows: pd.DataFrame, total: int) -> fmt.Markdown:
    """The timeline's sentence: how many, from when to when, held and planned, the commonest kind."""
    kinds = rows["kind"].value_counts()
    top = max(kinds.index, key=lambda k: (kinds[k], -KINDS.index(k) if k in KINDS else 0))
    held = int(rows["held"].sum())
    return fmt.markdown(T.TIMELINE_DESCRIPTION, count=fmt.number(total), first=fmt.date(rows["held_on"].min()),
                        last=fmt.date(rows["held_on"].max()), held=fmt.number(held),
                        planned=fmt.number(len(rows) - held), kind=T.ENGAGEMENT_KIND_LABELS.get(top, top).lower(),
                        kind_count=fmt.number(int(kinds[top])))


# -- per quarter --------------------------------------------------------------------------------------

def kind_table(by_kind: pd.DataFrame, year: int) -> pd.DataFrame:
    """Quarters × kinds: the engagements held (collaboration_engagements_by_kind), with the year's total."""
    wide = by_kind.pivot(index="quarter", columns="kind", values="held_count").reindex(columns=list(KINDS))
    wide = wide.fillna(0).astype(int)
    wide.loc[0] = wide.sum()
    labels = [T.QUARTER_ROW.format(quarter=q) for q in wide.index[:-1]] + [T.YEAR_ROW.format(year=year)]
    table = wide.map(fmt.number)
    table.columns = [T.ENGAGEMENT_KIND_LABELS[k] for k in KINDS]
    table.insert(len(table.columns), T.COL_ALL, wide.sum(axis=1).map(fmt.number).tolist())
    table.insert(0, T.COL_QUARTER, labels)
    return table.reset_index(drop=True)


def group_cell(total, counted: int, uncounted: int, held: int) -> str:
    """One cell of participants: «–» without engagements, «ikke talt» when
    none counted the group, the sum, with how many did not count it."""
    if held == 0:
        return T.EMPTY
    if counted == 0:
        return T.NOT_COUNTED
    text = fmt.number(int(total))
    return T.GROUP_CELL_PARTLY.format(count=text, uncounted=fmt.number(uncounted)) if uncounted else text


def group_table(by_group: pd.DataFrame, year: int) -> pd.DataFrame:
    """Quarters × participant groups (collaboration_engagements_by_group), with the year's sums."""
    frame = by_group.assign(participant_sum=by_group["participant_sum"].astype("Float64").fillna(0))
    year_rows = frame.groupby("participant_column", sort=False).agg(
        participant_sum=("participant_sum", "sum"), counted_count=("counted_count", "sum"),
        uncounted_count=("uncounted_count", "sum"), group_order=("group_order", "first"))
    held_by_quarter = frame.drop_duplicates("quarter").set_index("quarter")["held_count"].astype(int)
    year_rows = year_rows.assign(quarter=0, held_count=int(held_by_quarter.sum())).reset_index()
    frame = pd.concat([frame, year_rows], ignore_index=True)
    rows = []
    for quarter in [*sorted(held_by_quarter.index), 0]:
        cells = frame[frame["quarter"] == quarter].set_index("participant_column")
        held = int(held_by_quarter.sum()) if quarter == 0 else int(held_by_quarter[quarter])
        row = {T.COL_QUARTER: T.YEAR_ROW.format(year=year) if quarter == 0 else T.QUARTER_ROW.format(quarter=quarter),
               T.COL_HELD: fmt.number(held)}
        for column in GROUP_COLUMNS:
            cell = cells.loc[column]
            row[T.PARTICIPANT_LABELS[column]] = group_cell(cell["participant_sum"], int(cell["counted_count"]),
                                                           int(cell["uncounted_count"]), held)
        rows.append(row)
    return pd.DataFrame(rows)


def headline(year: int, held: int, citizens: int, uncounted: int, planned: int,
             other_years: list[int]) -> fmt.Markdown:
    """How many citizens took part in how many engagements in the year, in
    words that never call a missing count 0; the planned ones, and the
    years that have engagements when the chosen one has none."""
    words = dict(year=year, count=fmt.number(held), citizens=fmt.number(citizens), uncounted=fmt.number(uncounted))
    parts = [fmt.markdown(
        T.HEADLINE_NONE if held == 0
        else (T.HEADLINE_UNCOUNTED_ONE if held == 1 else T.HEADLINE_UNCOUNTED) if uncounted == held
        else T.HEADLINE_PARTLY if uncounted
        else T.HEADLINE_ONE if held == 1 else T.HEADLINE, **words)]
    if planned:
        parts.append(fmt.markdown(T.PLANNED_LATER if held else T.PLANNED_ONLY, count=fmt.number(planned), year=year))
    if not held and not planned and other_years:
        parts.append(fmt.markdown(T.OTHER_YEARS, years=", ".join(str(y) for y in other_years)))
    return fmt.join(" ", parts)


@dataclasses.dataclass(frozen=True)
class EngagementsView:
    """«Medvirkning» for one snapshot, set of filters and year."""

    year: int
    total: int  # engagements of the filtered initiatives, every year
    headline: fmt.Markdown
    held: int  # held in the year
    citizens: int  # citizens counted in them
    uncounted: int  # of them, how many did not count the citizens
    planned: int  # planned later in the year
    rows: pd.DataFrame  # the newest ROW_LIMIT engagements, as text
    chart: dict | None  # the timeline (Vega-Lite), None without engagements
    description: fmt.Markdown | None
    by_kind: pd.DataFrame  # quarters × kinds, for st.table
    by_group: pd.DataFrame  # quarters × participant groups, for st.table


def engagements_view(ctx: SnapshotContext, filters: queries.Filters, year: int) -> EngagementsView:
    """Use through `ui.view(engagements_view, ctx, filters, year)`."""
    listed = ctx.query("collaboration_engagements", **params(ctx, filters, year, row_limit=ROW_LIMIT))
    total = int(listed["total_count"].iloc[0]) if len(listed) else 0
    by_kind = ctx.query("collaboration_engagements_by_kind", **params(ctx, filters, year))
    by_group = ctx.query("collaboration_engagements_by_group", **params(ctx, filters, year))
    years = ctx.query("collaboration_engagement_years", **params(ctx, filters, year))
    held = int(by_kind["held_count"].sum())
    planned = int(by_kind["planned_count"].sum())
    citizens_rows = by_group[by_group["participant_column"] == CITIZENS]
    citizens = int(citizens_rows["participant_sum"].astype("Float64").fillna(0).sum())
    uncounted = int(citizens_rows["uncounted_count"].sum())
    said = headline(year, held, citizens, uncounted, planned, [int(y) for y in years["year"] if int(y) != year])
    chart, sentence = None, None
    if len(listed):
        sentence = description(listed, total)
        chart = timecharts.engagement_timeline(timeline_data(listed), [T.ENGAGEMENT_KIND_LABELS[k] for k in KINDS], year,
                                               fmt.plain(sentence))
    return EngagementsView(
        year=year, total=total, headline=said, held=held, citizens=citizens, uncounted=uncounted, planned=planned,
        rows=engagement_rows(ctx, listed), chart=chart, description=sentence,
        by_kind=kind_table(by_kind, year), by_group=group_table(by_group, year),
    )


def engagement_export(ctx: SnapshotContext, filters: queries.Filters, year: int) -> pd.DataFrame:
    """Every engagement of the filtered initiatives (the download), newest
    first, each participant count as stored (empty: not counted)."""
    rows = ctx.query("collaboration_engagements", **params(ctx, filters, year, row_limit=EVERYTHING))
    labels = texts.COLUMN_LABELS["engagements"]
    out = {labels["engagement_id"]: rows["engagement_id"], T.COL_INITIATIVE_ID: rows["initiative_id"],
           T.COL_INITIATIVE: rows["initiative_name"], labels["held_on"]: rows["held_on"],
           labels["kind"]: rows["kind"], labels["title"]: rows["title"], labels["place"]: rows["place"],
           T.COL_STATE: rows["held"].map(lambda held: T.STATE_HELD if held else T.STATE_PLANNED)}
    for column in GROUP_COLUMNS:
        out[labels[column]] = rows[column]
    out[labels["is_public"]] = rows["is_public"]
    out[labels["note"]] = rows["note"]
    out[T.COL_FROM_DECIDIM] = rows["is_from_decidim"]
    return pd.DataFrame(out).reset_index(drop=True)
