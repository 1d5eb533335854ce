"""The data model: the tables of a snapshot, in one place.

Every column is declared here once, with its Arrow type, whether a value is
required, which values are allowed, how long its text may be and whether it
is public. The store, the query layer, the docs test and the public
projection all read these declarations; nothing else lists columns.
"""

from __future__ import annotations

from portfolio.model.declare import (  # noqa: F401 (re-exported: schema is where tables are declared)
    BOOL,
    DATE,
    FLOAT,
    ID_LENGTH,
    INT,
    LONG_TEXT,
    SHORT_TEXT,
    SLUG_PATTERN,
    TEXT,
    TEXT_LIST,
    URL_LENGTH,
    Column,
    Table,
)
from portfolio.model.schema_decidim import (  # noqa: F401 (the entities and table names re-exported)
    DECIDIM_ENTITIES,
    DECIDIM_LINKS,
    DECIDIM_MEETINGS,
    DECIDIM_PROJECTS,
    DECIDIM_PROPOSALS,
    DECIDIM_RESULTS,
    DECIDIM_TABLES,
)

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
# The governance register (Prosjektveiviseren and PP365's words)
DECISION_BODIES = ("KDL", "styringsgruppe", "formannskap", "bystyre", "prosjekteier", "annet")
CHECKLIST_ANSWERS = ("Ja", "Nei", "Delvis", "Ikke vurdert")  # an answer may also be free text
RISK_STATUSES = ("åpen", "under oppfølging", "lukket")
RISK_STRATEGIES = ("redusere", "overvåke", "unngå", "overføre", "dele", "akseptere")
BENEFIT_KINDS = ("direkte", "indirekte", "kvalitativ")
BENEFIT_UNITS = ("antall", "kroner", "prosent", "timer", "skår")
RISK_SCALE = (1, 5)  # probability and consequence: whole numbers 1–5; score = their product
RISK_HIGH_SCORE = 15  # a score from here up is a high risk (the red corner of the 5×5 matrix)
# Collaboration (issue 16): meetings with citizens and partners (medvirkning) and surveys of relational capacity
ENGAGEMENT_KINDS = ("dialogverksted", "dialogmøte", "konferanse", "seminar", "digital medvirkning", "annet")
# Who took part in an engagement: one whole-number column participants_<group> each (the Norwegian
# words: innbyggere, politikere, ledere, ansatte, frivillige, næringsliv, andre)
PARTICIPANT_GROUPS = ("citizens", "politicians", "leaders", "staff", "volunteers", "business", "other")
PARTICIPANT_COLUMNS = tuple(f"participants_{group}" for group in PARTICIPANT_GROUPS)
SCORE_SCALE = (1, 5)  # a collaboration score's mean: a number from 1 to 5, decimals allowed
MIN_RESPONDENTS = 5  # a mean is shown only when at least this many answered (anonymity)

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
               max_length=ID_LENGTH, references="initiatives"),
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
               max_length=ID_LENGTH, references="initiatives"),
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


def _id(name: str, doc: str, *, public: bool = True, references: str | None = None) -> Column:
    return Column(name, TEXT, public=public, doc=doc, max_length=ID_LENGTH, references=references)


def _scale(name: str, doc: str, *, required: bool = True) -> Column:
    low, high = RISK_SCALE
    return Column(name, INT, required=required, doc=doc, minimum=low, maximum=high)


DECISIONS = Table(
    name="decisions",
    key=("decision_id",),
    doc="Decisions (vedtak) about an initiative: by whom, when, at which decision point.",
    is_later=True,
    columns=(
        _id("decision_id", "Slug, unique."),
        _id("initiative_id", "Initiative the decision is about.", references="initiatives"),
        Column("decided_on", DATE, public=True, doc="Date of the decision."),
        Column("body", TEXT, public=True, allowed=DECISION_BODIES, doc="Who decided."),
        Column("decision_point", TEXT, required=False, public=True, allowed=DECISION_POINTS,
               doc="The decision point (BP1–BP5) the decision was made at; empty for other decisions."),
        Column("title", TEXT, public=True, doc="Short title of the decision."),
        Column("text", TEXT, required=False, public=True, doc="The decision as worded.", max_length=LONG_TEXT),
        Column("case_number", TEXT, required=False, public=True, doc="Saksnummer in the case archive."),
        Column("is_public", BOOL, doc="Whether the decision is shown on the public page; "
               "only for a public initiative."),
    ),
)

CHECKLIST_ANSWERS_TABLE = Table(
    name="checklist_answers",
    key=("initiative_id", "decision_point", "item_no"),
    doc="Answers to Prosjektveiviseren's checklist for a decision point, one row per question. Never public.",
    is_later=True,
    columns=(
        _id("initiative_id", "Initiative the checklist belongs to.", public=False, references="initiatives"),
        Column("decision_point", TEXT, allowed=DECISION_POINTS, doc="BP1–BP5."),
        Column("item_no", INT, doc="The question's number in the decision point's checklist.", minimum=1),
        Column("question", TEXT, required=False, doc="The question as asked; empty: the checklist's words.",
               max_length=LONG_TEXT),
        Column("answer", TEXT, doc="Ja, Nei, Delvis, Ikke vurdert, or a free answer kept as written.",
               max_length=LONG_TEXT),
        Column("comment", TEXT, required=False, doc="Internal comment.", max_length=LONG_TEXT),
    ),
)

RISKS = Table(
    name="risks",
    key=("risk_id",),
    doc="Risks (risiko) of an initiative. The score is probability × consequence, "
        "computed, never stored. Never public.",
    is_later=True,
    columns=(
        _id("risk_id", "Slug, unique.", public=False),
        _id("initiative_id", "Initiative the risk belongs to.", public=False, references="initiatives"),
        Column("title", TEXT, doc="Short title of the risk."),
        Column("description", TEXT, required=False, doc="What may happen, and why.", max_length=LONG_TEXT),
        Column("category", TEXT, required=False, doc="Category, e.g. økonomi, fremdrift, personvern."),
        _scale("probability", "Sannsynlighet, 1 (svært lav) to 5 (svært høy)."),
        _scale("consequence", "Konsekvens, 1 (svært liten) to 5 (svært stor)."),
        Column("owner", TEXT, required=False, doc="Risikoeier."),
        Column("mitigation", TEXT, required=False, doc="Tiltak: what is done about it.", max_length=LONG_TEXT),
        Column("status", TEXT, allowed=RISK_STATUSES, doc="åpen, under oppfølging or lukket."),
        Column("strategy", TEXT, required=False, allowed=RISK_STRATEGIES, doc="Strategi."),
        Column("identified_on", DATE, doc="Date the risk was identified."),
        Column("review_by", DATE, required=False, doc="Date by which it is reviewed next."),
        _scale("residual_probability", "Sannsynlighet after the mitigation, 1–5.", required=False),
        _scale("residual_consequence", "Konsekvens after the mitigation, 1–5.", required=False),
    ),
)

BENEFITS = Table(
    name="benefits",
    key=("benefit_id",),
    doc="Benefits (gevinster) an initiative is to bring, with the indicator that measures each.",
    is_later=True,
    columns=(
        _id("benefit_id", "Slug, unique."),
        _id("initiative_id", "Initiative the benefit comes from.", references="initiatives"),
        Column("title", TEXT, public=True, doc="The benefit in a few words."),
        Column("kind", TEXT, public=True, allowed=BENEFIT_KINDS, doc="direkte, indirekte or kvalitativ."),
        Column("owner", TEXT, required=False, doc="Gevinstansvarlig."),
        Column("indicator", TEXT, required=False, public=True, doc="Måleindikator: what is measured."),
        Column("unit", TEXT, required=False, public=True, allowed=BENEFIT_UNITS, doc="Unit of the indicator."),
        Column("baseline", FLOAT, required=False, public=True, doc="Starting value (nullpunkt)."),
        Column("baseline_on", DATE, required=False, public=True, doc="Date of the starting value."),
        Column("target", FLOAT, required=False, public=True, doc="Desired value (målverdi)."),
        Column("target_on", DATE, required=False, public=True, doc="Date by which the target is to be reached."),
        Column("is_public", BOOL, doc="Whether the benefit is shown on the public page; only for a public initiative."),
    ),
)

BENEFIT_MEASUREMENTS = Table(
    name="benefit_measurements",
    key=("benefit_id", "measured_on"),
    doc="Measurements of a benefit's indicator; public where the benefit is.",
    is_later=True,
    columns=(
        _id("benefit_id", "Benefit measured.", references="benefits"),
        Column("measured_on", DATE, public=True, doc="Date of the measurement; not before the baseline's."),
        Column("value", FLOAT, public=True, doc="Measured value, in the indicator's unit."),
        Column("comment", TEXT, required=False, doc="Internal comment.", max_length=LONG_TEXT),
    ),
)

ENGAGEMENTS = Table(
    name="engagements",
    key=("engagement_id",),
    doc="Meetings with citizens and partners (medvirkning): dialogue workshops, conferences, seminars. "
        "Public where marked so, of a public initiative; the participant counts are always internal.",
    is_later=True,
    columns=(
        _id("engagement_id", "Slug, unique."),
        _id("initiative_id", "Initiative the engagement belongs to.", references="initiatives"),
        Column("kind", TEXT, public=True, allowed=ENGAGEMENT_KINDS, doc="Kind of engagement."),
        Column("title", TEXT, public=True, doc="Title, as invited."),
        Column("held_on", DATE, public=True, doc="Date held (the first day, for an engagement of several days)."),
        Column("place", TEXT, required=False, public=True, doc="Where it is held (or «digitalt»)."),
        *(Column(name, INT, required=False, minimum=0,
                 doc=f"Participants: {group}; a whole number ≥ 0, empty when not counted.")
          for name, group in zip(PARTICIPANT_COLUMNS, (
              "citizens (innbyggere)", "politicians (politikere)", "leaders (ledere)", "staff (ansatte)",
              "volunteers (frivillige)", "business (næringsliv)", "others (andre)"), strict=True)),
        Column("is_public", BOOL, doc="Whether the engagement is shown on the public page; "
               "only for a public initiative."),
        Column("note", TEXT, required=False, doc="Internal note.", max_length=LONG_TEXT),
    ),
)

COLLABORATION_SURVEYS = Table(
    name="collaboration_surveys",
    key=("survey_id",),
    doc="Surveys of collaboration (relational capacity) of one unit: an initiative or a kommunalområde, "
        "exactly one of the two. Never public.",
    is_later=True,
    columns=(
        _id("survey_id", "Slug, unique.", public=False),
        Column("initiative_id", TEXT, required=False, doc="The initiative surveyed; empty for a kommunalområde.",
               max_length=ID_LENGTH, references="initiatives"),
        Column("area", TEXT, required=False, doc="The kommunalområde surveyed; empty for an initiative. "
               "Must be a kommunalområde the initiatives name (owner or collaborating area)."),
        Column("conducted_on", DATE, doc="Date the survey closed."),
        Column("respondent_group", TEXT, doc="Who answered, e.g. ansatte, ledere, partnere."),
        Column("respondents", INT, doc="How many answered (n), ≥ 0.", minimum=0),
        Column("instrument", TEXT, doc="The instrument, e.g. «Relasjonell koordinering (Gittell)»."),
    ),
)

COLLABORATION_SCORES = Table(
    name="collaboration_scores",
    key=("survey_id", "dimension"),
    doc="A survey's result per dimension: the mean on a 1–5 scale and how many answered. Never public; "
        "a mean of fewer than 5 answers is not shown.",
    is_later=True,
    columns=(
        _id("survey_id", "Survey the score belongs to.", public=False, references="collaboration_surveys"),
        Column("dimension", TEXT, doc="The dimension, as its label (the seven of relational coordination "
               "are reference data; another instrument may name its own)."),
        Column("mean", FLOAT, doc="Mean score, 1–5.", minimum=SCORE_SCALE[0], maximum=SCORE_SCALE[1]),
        Column("n", INT, doc="How many answered for this dimension, ≥ 0; not more than the survey's "
               "respondents.", minimum=0),
    ),
)

TABLES: dict[str, Table] = {t.name: t for t in (
    INITIATIVES, BUDGETS, MILESTONES,
    DECISIONS, CHECKLIST_ANSWERS_TABLE, RISKS, BENEFITS, BENEFIT_MEASUREMENTS,
    ENGAGEMENTS, COLLABORATION_SURVEYS, COLLABORATION_SCORES,
    DECIDIM_LINKS, DECIDIM_RESULTS, DECIDIM_PROJECTS, DECIDIM_PROPOSALS, DECIDIM_MEETINGS,
)}
TABLE_NAMES = tuple(TABLES)
GOVERNANCE_TABLES = ("decisions", "checklist_answers", "risks", "benefits", "benefit_measurements")
COLLABORATION_TABLES = ("engagements", "collaboration_surveys", "collaboration_scores")
# The tables whose changes name their rows by key and facts (portfolio/model/diff_change.py)
REGISTER_TABLES = GOVERNANCE_TABLES + COLLABORATION_TABLES
# The tables a project leader types (template sheets, the editor): all but the imported ones
TYPED_TABLES = tuple(name for name, table in TABLES.items() if not table.is_imported)


def is_slug_key(table: Table, column: Column) -> bool:
    """Whether the column is its table's own id, written as a slug."""
    return table.key == (column.name,) and column.name.endswith("_id") and column.type_name == "string"

