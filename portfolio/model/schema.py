"""The data model: the three tables of a snapshot, in one place.

Every column is declared here once, with its Arrow type, whether a value is
required, which values are allowed, how long its text may be and whether it
is public. The store, the query layer, the docs test and the public
projection all read these declarations; nothing else lists columns.
"""

from __future__ import annotations

from dataclasses import dataclass

import pyarrow as pa

PHASES = ("Idé", "Konsept", "Planlegge", "Gjennomføre", "Avslutte", "Realisere")
DECISION_POINTS = ("BP1", "BP2", "BP3", "BP4", "BP5")
STATUSES = ("grønn", "gul", "rød", "ikke vurdert")
# The statuses most critical first: the order of every list ranked by status
# (the status table, the timeline, related initiatives). "Ikke vurdert" comes
# before green: an initiative nobody has assessed needs a look sooner than one
# reported green. The same values as STATUSES; STATUSES stays the order in
# which statuses are shown (legends, tables, filters, stacked bars).
STATUS_SEVERITY = ("rød", "gul", "ikke vurdert", "grønn")
STATUS_DIMENSIONS = ("overall", "schedule", "budget", "quality", "risk")
FOCUS_AREAS = ("innbyggerdialog", "tjenestene", "organisasjonen")
TARGET_GROUPS = (
    "Familier med sammensatte problemer",
    "Innbyggere med fysiske og psykiske utfordringer",
    "Private småbedrifter og gründere",
    "Nye innbyggere",
    "Frivilligheten",
)
MILESTONE_KINDS = ("milepæl", "beslutningspunkt", "arrangement", "leveranse")

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"

# The longest text a column holds, in characters (for a list: each item). A
# text column holds SHORT_TEXT unless it declares otherwise.
ID_LENGTH = 100
SHORT_TEXT = 200  # names, titles, people, areas, sources
URL_LENGTH = 2000
LONG_TEXT = 5000  # summaries, comments and notes

TEXT = pa.string()
TEXT_LIST = pa.list_(pa.string())
DATE = pa.date32()
BOOL = pa.bool_()
INT = pa.int64()


@dataclass(frozen=True)
class Column:
    name: str
    type: pa.DataType
    required: bool = True
    public: bool = False
    allowed: tuple[str, ...] | None = None  # for a list column: allowed items
    doc: str = ""
    max_length: int | None = None  # characters (a list: per item); text: SHORT_TEXT unless given

    def __post_init__(self) -> None:
        if self.type_name in ("string", "list"):
            if self.max_length is None:
                object.__setattr__(self, "max_length", SHORT_TEXT)
        elif self.max_length is not None:
            raise ValueError(f"{self.name}: only text has a max_length")

    @property
    def is_list(self) -> bool:
        return pa.types.is_list(self.type)

    @property
    def type_name(self) -> str:
        if self.is_list:
            return "list"
        if pa.types.is_date(self.type):
            return "date"
        if pa.types.is_boolean(self.type):
            return "bool"
        if pa.types.is_integer(self.type):
            return "int"
        return "string"


@dataclass(frozen=True)
class Table:
    name: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]
    doc: str = ""

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]

    @property
    def public_columns(self) -> list[str]:
        return [c.name for c in self.columns if c.public]

    def column(self, name: str) -> Column:
        for c in self.columns:
            if c.name == name:
                return c
        raise KeyError(name)

    @property
    def arrow_schema(self) -> pa.Schema:
        return pa.schema(
            [pa.field(c.name, c.type, nullable=not c.required) for c in self.columns]
        )


def _status(dimension: str, doc: str) -> Column:
    return Column(f"status_{dimension}", TEXT, allowed=STATUSES, doc=doc)


def _comment(dimension: str, doc: str) -> Column:
    return Column(f"comment_{dimension}", TEXT, required=False, doc=doc, max_length=LONG_TEXT)


INITIATIVES = Table(
    name="initiatives",
    key=("initiative_id",),
    doc="One row per initiative (tiltak) or programme.",
    columns=(
        Column("initiative_id", TEXT, public=True, doc="Slug, unique: a–z, 0–9 and hyphens.",
               max_length=ID_LENGTH),
        Column("name", TEXT, public=True, doc="Name of the initiative."),
        Column(
            "parent_id", TEXT, required=False, public=True,
            doc="The programme this initiative rolls up to; must be an existing initiative_id.",
            max_length=ID_LENGTH,
        ),
        Column("owner_area", TEXT, public=True, doc="Kommunalområde that owns the initiative."),
        Column("collaborating_areas", TEXT_LIST, public=True, doc="Other kommunalområder taking part."),
        Column("project_owner", TEXT, public=True, doc="Prosjekteier (accountable leader)."),
        Column("project_leader", TEXT, required=False, doc="Prosjektleder; empty when not named."),
        Column("phase", TEXT, public=True, allowed=PHASES, doc="Prosjektveiviseren phase."),
        Column(
            "last_decision_point", TEXT, required=False, public=True, allowed=DECISION_POINTS,
            doc="Last decision point passed (BP1–BP5); empty before BP1.",
        ),
        _status("overall", "Overall status."),
        _status("schedule", "Schedule (fremdrift)."),
        _status("budget", "Budget (økonomi)."),
        _status("quality", "Quality (kvalitet)."),
        _status("risk", "Risk (risiko)."),
        Column("status_summary", TEXT, required=False, doc="Internal status text.", max_length=LONG_TEXT),
        _comment("schedule", "Internal comment on the schedule status."),
        _comment("budget", "Internal comment on the budget status."),
        _comment("quality", "Internal comment on the quality status."),
        _comment("risk", "Internal comment on the risk status."),
        Column("focus_areas", TEXT_LIST, public=True, allowed=FOCUS_AREAS, doc="Innsatsområder."),
        Column("target_groups", TEXT_LIST, public=True, allowed=TARGET_GROUPS, doc="Innbyggergrupper."),
        Column("partners", TEXT_LIST, public=True, doc="External partners."),
        Column("start_date", DATE, public=True, doc="Start date."),
        Column("end_date", DATE, required=False, public=True, doc="Planned or actual end date; not before start_date."),
        Column("is_public", BOOL, doc="Whether the initiative is shown on the public page."),
        Column(
            "public_summary", TEXT, required=False, public=True,
            doc="Plain-language summary for citizens; required when is_public.", max_length=LONG_TEXT,
        ),
        Column("url", TEXT, required=False, public=True, doc="Link to more information.",
               max_length=URL_LENGTH),
    ),
)

BUDGETS = Table(
    name="budgets",
    key=("initiative_id", "year", "funding_source"),
    doc="One row per initiative, year and funding source. Amounts in whole kroner.",
    columns=(
        Column("initiative_id", TEXT, public=True, doc="Initiative the row belongs to.",
               max_length=ID_LENGTH),
        Column("year", INT, public=True, doc="Budget year."),
        Column("funding_source", TEXT, public=True, doc="Where the money comes from."),
        Column("budget_nok", INT, public=True, doc="Approved budget, whole kroner, ≥ 0."),
        Column("actual_nok", INT, public=True, doc="Actual spend (regnskap) so far, whole kroner, ≥ 0."),
        Column("forecast_nok", INT, required=False, doc="Forecast for the year, whole kroner, ≥ 0."),
        Column("note", TEXT, required=False, doc="Internal note.", max_length=LONG_TEXT),
    ),
)

MILESTONES = Table(
    name="milestones",
    key=("milestone_id",),
    doc="Milestones, decision points, events and deliverables.",
    columns=(
        Column("milestone_id", TEXT, public=True, doc="Slug, unique.", max_length=ID_LENGTH),
        Column("initiative_id", TEXT, public=True, doc="Initiative the milestone belongs to.",
               max_length=ID_LENGTH),
        Column("title", TEXT, public=True, doc="Title."),
        Column("kind", TEXT, public=True, allowed=MILESTONE_KINDS, doc="Kind of milestone."),
        Column(
            "decision_point", TEXT, required=False, public=True, allowed=DECISION_POINTS,
            doc="BP1–BP5; required when kind is beslutningspunkt.",
        ),
        Column("due_date", DATE, public=True, doc="Due date."),
        Column("completed_date", DATE, required=False, public=True, doc="Date completed; empty while open."),
        Column("is_public", BOOL, doc="Whether the milestone is shown on the public page."),
        Column("note", TEXT, required=False, doc="Internal note.", max_length=LONG_TEXT),
    ),
)

TABLES: dict[str, Table] = {t.name: t for t in (INITIATIVES, BUDGETS, MILESTONES)}
TABLE_NAMES = tuple(TABLES)
