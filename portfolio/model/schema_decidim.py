"""The Decidim tables of a snapshot (issue 17): what the municipality's
participation platform publishes as open data, imported whole
(`python -m portfolio import-decidim`; portfolio/ingest/decidim.py reads it),
and the links from its rows to the initiatives that deliver them, which the
project leader keeps. Part of portfolio/model/schema.py's TABLES."""

from __future__ import annotations

from portfolio.model.declare import BOOL, DATE, FLOAT, ID_LENGTH, INT, TEXT, URL_LENGTH, Column, Table

DECIDIM_ENTITIES = ("results", "projects", "proposals", "meetings")
DECIDIM_TABLES = tuple(f"decidim_{entity}" for entity in DECIDIM_ENTITIES)


def _decidim_id() -> Column:
    return Column("decidim_id", INT, public=True, minimum=1, doc="Decidim's id of the row (unique in its instance).")


def _decidim_common() -> tuple[Column, ...]:
    return (
        Column("category", TEXT, required=False, public=True,
               doc="Category (taxonomy from Decidim 0.30), in bokmål where Decidim has it."),
        Column("scope", TEXT, required=False, public=True, doc="Scope (område); empty from Decidim 0.30."),
        Column("component_id", INT, required=False, public=True, doc="Decidim's id of the component holding it."),
        Column("host", TEXT, public=True, doc="The Decidim instance, e.g. «deltakristiansand.no»."),
        Column("url", TEXT, required=False, public=True, doc="The row's page on Decidim.", max_length=URL_LENGTH),
    )


def _decidim_title() -> Column:
    return Column("title", TEXT, public=True, doc="Title, in bokmål where Decidim has it (cut at 200 characters).")


DECIDIM_RESULTS = Table(
    name="decidim_results",
    key=("decidim_id",),
    doc="Decidim accountability results: what the municipality does with what citizens decided, "
        "with status and progress. Imported from Decidim, never typed.",
    is_later=True,
    is_imported=True,
    columns=(
        _decidim_id(),
        Column("parent_id", INT, required=False, public=True, doc="The result this one is part of."),
        _decidim_title(),
        Column("start_date", DATE, required=False, public=True, doc="Start date."),
        Column("end_date", DATE, required=False, public=True, doc="End date."),
        Column("status", TEXT, required=False, public=True, doc="Status as Decidim names it."),
        Column("progress", FLOAT, required=False, public=True, minimum=0, maximum=100,
               doc="Progress in per cent, 0–100."),
        *_decidim_common(),
    ),
)

DECIDIM_PROJECTS = Table(
    name="decidim_projects",
    key=("decidim_id",),
    doc="Decidim budget projects (participatory budgeting): the budget asked and the votes. "
        "Imported from Decidim, never typed.",
    is_later=True,
    is_imported=True,
    columns=(
        _decidim_id(),
        _decidim_title(),
        Column("budget_amount", INT, required=False, public=True, minimum=0, doc="Budget, whole kroner."),
        Column("confirmed_votes", INT, required=False, public=True, minimum=0, doc="Confirmed votes."),
        *_decidim_common(),
    ),
)

DECIDIM_PROPOSALS = Table(
    name="decidim_proposals",
    key=("decidim_id",),
    doc="Decidim proposals from citizens, with their state and support. Imported from Decidim, never typed.",
    is_later=True,
    is_imported=True,
    columns=(
        _decidim_id(),
        _decidim_title(),
        Column("state", TEXT, required=False, public=True,
               doc="Decidim's state: accepted, rejected, evaluating, withdrawn; empty when not answered."),
        Column("endorsements", INT, required=False, public=True, minimum=0, doc="Endorsements (likes)."),
        Column("votes", INT, required=False, public=True, minimum=0, doc="Votes (supports)."),
        Column("published_on", DATE, required=False, public=True, doc="Date published."),
        *_decidim_common(),
    ),
)

DECIDIM_MEETINGS = Table(
    name="decidim_meetings",
    key=("decidim_id",),
    doc="Decidim meetings: when, where, how many came. Imported from Decidim, never typed.",
    is_later=True,
    is_imported=True,
    columns=(
        _decidim_id(),
        _decidim_title(),
        Column("starts_at", TEXT, public=True, max_length=16,
               doc="Start, Norwegian local time, «YYYY-MM-DD HH:MM»."),
        Column("ends_at", TEXT, required=False, public=True, max_length=16,
               doc="End, Norwegian local time, «YYYY-MM-DD HH:MM»."),
        Column("address", TEXT, required=False, public=True, doc="Address; empty for a meeting online."),
        Column("is_online", BOOL, public=True, doc="Online or hybrid."),
        Column("attendees", INT, required=False, public=True, minimum=0, doc="Attendees counted."),
        *_decidim_common(),
    ),
)

DECIDIM_LINKS = Table(
    name="decidim_links",
    key=("entity", "decidim_id", "initiative_id"),
    doc="Which initiative delivers a Decidim result, project, proposal or meeting; kept by the project "
        "leader (the template or the app). Public for a public initiative.",
    is_later=True,
    columns=(
        Column("entity", TEXT, public=True, allowed=DECIDIM_ENTITIES,
               doc="results, projects, proposals or meetings."),
        Column("decidim_id", INT, public=True, minimum=1, doc="Decidim's id of the row."),
        Column("initiative_id", TEXT, public=True, doc="Initiative that delivers it.", max_length=ID_LENGTH,
               references="initiatives"),
    ),
)

