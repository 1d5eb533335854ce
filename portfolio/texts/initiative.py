"""Texts of the initiative page ("Tiltak"), in Norwegian bokmål."""

TITLE = "Tiltak"
INTRO = "Ett tiltak samlet: status, fase, milepæler, økonomi og historikk."

PICKER = "Velg tiltak"
PICKER_HELP = "Skriv for å søke etter navn. Valget følger med lenken til siden."
PICKER_PLACEHOLDER = "Søk etter tiltak"
# Large portfolios: a search field first, the picker lists the best matches
SEARCH = "Søk etter tiltak"
SEARCH_HELP = "Skriv ett eller flere ord fra navnet. Listen under viser tiltakene som passer."
SEARCH_PLACEHOLDER = "For eksempel «legevakt»"
PICKER_MATCHES_PLACEHOLDER = "Velg blant treffene"
SEARCH_CAPPED = "{shown} av {count} tiltak passer søket, i alfabetisk rekkefølge. Skriv flere ord for å snevre inn."
SEARCH_ALL = "{count} tiltak passer søket."
SEARCH_EMPTY = "Listen viser de {shown} første av {count} tiltak i alfabetisk rekkefølge. Søk for å finne de andre."
SEARCH_NONE = "Ingen tiltak passer søket «{search}»."
UNKNOWN = (
    "Fant ikke tiltaket «{initiative_id}» i dataene per {date}. Tiltaket kan være lagt til "
    "senere, ha fått en annen ID eller være fjernet. Velg et tiltak i listen."
)

# The header line under the name
FACT_PROGRAMME = "Program: {name}"
FACT_PROGRAMME_CHILDREN = "Program med {count} underliggende tiltak"
FACT_AREA = "Kommunalområde: {area}"
FACT_OWNER = "Prosjekteier: {owner}"
FACT_LEADER = "Prosjektleder: {leader}"
FACT_NO_LEADER = "Prosjektleder: ikke oppnevnt"
FACT_PERIOD = "Periode: {start}–{end}"
OPEN_END = "uten sluttdato"

LAST_UPDATED = "Sist endret {date} av {author} ({days})."
DAYS_AGO = {0: "i dag", 1: "for 1 dag siden"}
DAYS_AGO_MANY = "for {days} dager siden"
STALE = (
    "Ikke oppdatert på {days} dager: tiltaket er ikke endret siden {date}. "
    "Grensen er {limit} dager (innstillingen PORTFOLIO_STALE_DAYS)."
)
WHAT_CHANGED = {
    "row": "tiltaket",
    "budget": "budsjettet",
    "milestones": "milepælene",
}
LAST_UPDATED_WHAT = "Endret: {what}."

# Status
STATUS = "Status"
COL_DIMENSION = "Dimensjon"
COL_STATUS = "Status"
COL_COMMENT = "Kommentar"
NO_COMMENT = "–"
DIMENSIONS = {
    "overall": "Samlet status",
    "schedule": "Fremdrift",
    "budget": "Økonomi",
    "quality": "Kvalitet",
    "risk": "Risiko",
}

# Phase and decision points
PATH = "Fase og beslutningspunkter"
PATH_CAPTION = (
    "Prosjektveiviseren (Digdir): seks faser med beslutningspunktene BP1–BP5 mellom fasene."
)
PATH_SENTENCE = "Tiltaket er i fasen {phase}. {decision}"
PATH_DECISION = "Siste passerte beslutningspunkt er {dp}{date}."
PATH_DECISION_DATE = " ({date})"
PATH_NO_DECISION = "Tiltaket har ikke passert noe beslutningspunkt ennå."
PATH_NEXT = "Neste beslutningspunkt er {dp}{date}."
PATH_NEXT_DATE = ", planlagt {date}"
STEP_PASSED = "passert"
STEP_CURRENT_PHASE = "nåværende fase"
STEP_LAST_DP = "siste beslutningspunkt"
STEP_DONE = "gjennomført"
STEP_PLANNED = "planlagt {date}"

# Milestones
MILESTONES = "Milepæler"
MILESTONES_CAPTION = "{count} milepæler, {overdue} forsinket per {today}."
MILESTONES_NONE = "Tiltaket har ingen milepæler."
COL_STATE = "Tilstand"
STATE_DONE = "Fullført"
STATE_OVERDUE = "Forsinket"
STATE_OPEN = "Åpen"
COL_OVERDUE_DAYS = "Dager forsinket"

# Budget
BUDGET = "Økonomi per år"
BUDGET_CAPTION = (
    "Prognose er tiltakets prognose for året; der prognose mangler, brukes regnskapet. "
    "Avvik = prognose − budsjett og regnskap − budsjett."
)
BUDGET_NONE = "Tiltaket har ingen budsjettrader."
BUDGET_TOTAL = "Programmet med underliggende tiltak"
BUDGET_TOTAL_CAPTION = "Programmets egne rader pluss radene til alle {count} underliggende tiltak."
COL_YEAR = "År"
# the money columns are named as on the budget page: portfolio.texts.budget

# History
HISTORY = "Statushistorikk"
HISTORY_CAPTION = "Status i hvert øyeblikksbilde til og med {date}, nyeste først. {count} øyeblikksbilder."
HISTORY_CHART_TITLE = "Status per øyeblikksbilde og dimensjon"
HISTORY_TAKEAWAY = (
    "Samlet status er {current} og har vært det i de {streak} siste av {total} øyeblikksbilder. "
    "Den har vært rød i {red} av dem."
)
HISTORY_TAKEAWAY_CHANGED = (
    "Samlet status er {current}, etter {previous} i øyeblikksbildet før. "
    "Den har vært rød i {red} av {total} øyeblikksbilder."
)
HISTORY_TAKEAWAY_ONE = "Tiltaket har bare ett øyeblikksbilde: samlet status {current}."
COL_DATE = "Dato"
COL_PHASE = "Fase"
COL_DECISION_POINT = "Siste beslutningspunkt"
COL_LEADER = "Prosjektleder"
COL_CHANGES = "Endringer"
COL_AUTHOR = "Lagret av"
CHANGE_LOG = "Endringer per øyeblikksbilde"
CHANGE_LOG_LINE = "{date} ({author}): {changes}"
CHANGE_CREATED = "Registrert"
CHANGE_FIELD = "{label}: {old} → {new}"
CHANGE_DP_PASSED = "{dp} passert"
CHANGE_BUDGET = "budsjett endret"
CHANGE_MILESTONES = "milepæler endret"
CHANGE_OTHER = "andre opplysninger endret"
CHANGE_NONE = "Ingen endring"
EMPTY = "–"
CHANGE_LABELS = {
    "phase": "Fase",
    "project_leader": "Prosjektleder",
    "project_owner": "Prosjekteier",
    "owner_area": "Kommunalområde",
    "status_overall": "Samlet status",
    "status_schedule": "Fremdrift",
    "status_budget": "Økonomi",
    "status_quality": "Kvalitet",
    "status_risk": "Risiko",
    "end_date": "Sluttdato",
    "name": "Navn",
}

# Related initiatives
RELATED = "Program og relaterte tiltak"
RELATION = {
    "parent": "Program",
    "child": "Underliggende tiltak",
    "sibling": "Andre tiltak i samme program",
}
RELATED_NONE = "Tiltaket hører ikke til et program og har ingen underliggende tiltak."
RELATED_CAPTION = "{shown} av {count} tiltak."
PARENT_LINK = "Program: {name}"
COL_NAME = "Navn"
COL_LINK = "Side"
LINK_TEXT = "Åpne tiltaket"
COL_AREA = "Kommunalområde"
COL_OVERALL = "Samlet status"

# The list of every initiative, before one is chosen (portfolio/present/initiative_list.py)
LIST_HEADING = "Alle tiltak"
LIST_HELP = (
    "Velg en rad for å åpne tiltaket her, eller bruk «Åpne tiltaket» for å åpne det i en ny fane. "
    "Søket finner ord i navn, kommunalområde, program, fase og status (for eksempel «rød»)."
)
LIST_ALL = "{count} tiltak i alfabetisk rekkefølge."
LIST_MATCHES = "{shown} av {count} tiltak passer søket."
LIST_CAPPED = "Listen viser de {shown} første av {total} tiltak som passer, i alfabetisk rekkefølge. Søk for å finne de andre."
LIST_NONE = "Ingen tiltak passer søket «{search}»."
LIST_SEARCH_HELP = "Skriv ett eller flere ord fra navn, kommunalområde, program, fase eller status."
COL_PROGRAMME = "Program"
