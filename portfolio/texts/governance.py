"""Texts of the governance page («Styring») and of the governance sections of
the initiative page, in Norwegian bokmål."""

TITLE = "Styring"
INTRO = (
    "Vedtak, beslutningspunkter med sjekklister, risiko og gevinstrealisering for tiltakene som "
    "passer filtrene."
)

# Key figures
KPI_DECISIONS = "Vedtak"
KPI_DECISIONS_HELP = "Vedtak registrert for tiltakene som passer filtrene. Siste vedtak: {date}."
KPI_DECISIONS_HELP_NONE = "Ingen vedtak er registrert for tiltakene som passer filtrene."
KPI_OVERDUE = "Beslutningspunkter forsinket"
KPI_OVERDUE_HELP = (
    "Beslutningspunkter (milepæler av typen beslutningspunkt) med frist før {today} som ikke er passert."
)
KPI_RISKS = "Åpne risikoer"
KPI_RISKS_HELP = "Risikoer som ikke er lukket. Skår = sannsynlighet × konsekvens."
KPI_HIGH_RISKS = "{count} med skår {low} eller mer"
KPI_BENEFITS = "Gevinster med måling"
KPI_BENEFITS_VALUE = "{measured} av {count}"
KPI_BENEFITS_HELP = "Gevinster med minst én måling, av alle gevinstene ({qualitative} av dem er kvalitative)."

# Decision log
DECISIONS = "Vedtakslogg"
DECISIONS_NONE = "Ingen vedtak er registrert for tiltakene som passer filtrene."
DECISIONS_NONE_MATCH = "Ingen vedtak passer valgene over."
DECISIONS_CAPTION = "{shown} av {count} vedtak, nyeste først."
FILTER_BODY = "Vedtatt av"
FILTER_DECISION_POINT = "Beslutningspunkt"
FILTER_SEARCH = "Tiltak"
FILTER_SEARCH_HELP = "Skriv ett eller flere ord fra tiltakets navn."
FILTER_SEARCH_PLACEHOLDER = "Søk i tiltakenes navn"
FILTER_PERIOD = "Periode"
FILTER_PERIOD_HELP = "Vedtak fattet fra og med første til og med siste dato."
FILTER_PLACEHOLDER = "Alle"
NO_DECISION_POINT = "Uten beslutningspunkt"
BODY_LABELS = {
    "KDL": "KDL",
    "styringsgruppe": "Styringsgruppe",
    "formannskap": "Formannskap",
    "bystyre": "Bystyre",
    "prosjekteier": "Prosjekteier",
    "annet": "Annet",
}

# Decision points across the portfolio
DECISION_POINTS = "Beslutningspunkter"
DECISION_POINTS_INTRO = (
    "Passert: vedtak ved beslutningspunktet, fullført beslutningspunkt-milepæl eller tiltakets siste "
    "passerte beslutningspunkt. Frist: åpen milepæl av typen beslutningspunkt. Sjekkliste: svar "
    "(utenom «Ikke vurdert») av punktene i Prosjektveiviserens sjekkliste."
)
DECISION_POINTS_NONE = "Ingen tiltak som passer filtrene, har passert, planlagt eller forberedt et beslutningspunkt."
SUMMARY_TABLE = "Per beslutningspunkt"
DECISION_POINT_PICKER = "Vis beslutningspunkt"
DECISION_POINT_ALL = "Alle beslutningspunkter"
DECISION_POINT_ROWS_CAPTION = (
    "{shown} av {count} rader (tiltak og beslutningspunkt): forsinkede først, så planlagte etter frist, "
    "så påbegynte sjekklister og til slutt passerte, nyeste først."
)
DECISION_POINT_ROWS_NONE = "Ingen tiltak har passert, planlagt eller forberedt dette beslutningspunktet."
STATE_PASSED = "Passert"
STATE_OVERDUE = "Forsinket"
STATE_DUE = "Planlagt"
STATE_STARTED = "Forberedes"
CHECKLIST_SHARE = "{answered} av {items}"
COL_PASSED_COUNT = "Passert"
COL_DUE_COUNT = "Planlagt"
COL_OVERDUE_COUNT = "Forsinket"
COL_NEXT_DUE = "Neste frist"
COL_CHECKLISTS = "Sjekklister påbegynt"
COL_CHECKLISTS_COMPLETE = "Sjekklister fullført"

# Risks
RISKS = "Risiko"
RISKS_NONE = "Ingen åpne risikoer er registrert for tiltakene som passer filtrene."
RISK_MATRIX_TITLE = "Risikomatrise: åpne risikoer etter sannsynlighet og konsekvens"
RISK_MATRIX_TAKEAWAY = (
    "Matrisen viser {count} åpne risikoer etter sannsynlighet (1–5) og konsekvens (1–5); hver rute viser "
    "antall risikoer og skåren. {high} har skår {low} eller mer, og høyeste skår er {top}."
)
RISK_MATRIX_TAKEAWAY_NONE = "Matrisen er tom: ingen åpne risikoer."
RISK_MATRIX_TABLE = "Risikomatrisen som tabell"
RISK_MATRIX_TABLE_CAPTION = "Antall åpne risikoer i hver rute, med skår i parentes. Sannsynlighet 5 øverst."
RISK_MATRIX_CELL = "{count} (skår {score})"
RISK_CELL_COUNT = "{count}"
RISK_CELL_SCORE = "skår {score}"
AXIS_PROBABILITY = "Sannsynlighet"
AXIS_CONSEQUENCE = "Konsekvens"
COL_PROBABILITY_ROW = "Sannsynlighet"
COL_CONSEQUENCE_N = "Konsekvens {n}"
LEGEND_LEVEL = "Risikonivå (skår)"
RISK_LEVELS = {
    "low": "Lav (1–4)",
    "medium": "Middels (5–9)",
    "high": "Høy (10–14)",
    "very_high": "Svært høy (15–25)",
}
RISK_LEVEL_WORDS = {"low": "Lav", "medium": "Middels", "high": "Høy", "very_high": "Svært høy"}
CELL_PICKER = "Velg en rute i matrisen"
CELL_PICKER_HELP = "Rutene med åpne risikoer, høyeste skår først. Valget følger med lenken til siden."
CELL_OPTION = "Sannsynlighet {probability} × konsekvens {consequence} (skår {score}): {count} risikoer"
CELL_OPTION_ONE = "Sannsynlighet {probability} × konsekvens {consequence} (skår {score}): 1 risiko"
CELL_CAPTION = "{shown} av {count} åpne risikoer i ruten."
TOP_RISKS = "Høyest risiko"
TOP_RISKS_CAPTION = "{shown} av {count} åpne risikoer, høyeste skår først."
CELL_LABEL = "S{probability} × K{consequence}"

# Benefits
BENEFITS = "Gevinstrealisering"
BENEFITS_NONE = "Ingen gevinster er registrert for tiltakene som passer filtrene."
BENEFITS_INTRO = (
    "Måloppnåelse = (siste måling − startverdi) / (målverdi − startverdi): 0 % er startverdien, "
    "100 % er målverdien."
)
BENEFIT_CHART_TITLE = "Måloppnåelse per gevinst: startverdi, målinger og målverdi"
BENEFIT_TAKEAWAY = (
    "Diagrammet viser måloppnåelsen til {shown} gevinster, lavest øverst, fra startverdien (0 %) til "
    "målverdien (100 %). Av {measured} gevinster som er målt mot målet, har {reached} nådd det, "
    "{halfway} er minst halvveis og {behind} er under halvveis."
)
BENEFIT_TAKEAWAY_NONE = "Ingen gevinster har både startverdi, målverdi og målinger ennå, så diagrammet er tomt."
BENEFITS_CAPTION = "{shown} av {count} målbare gevinster, lavest måloppnåelse først."
BENEFITS_CHART_CAPTION = "Diagrammet viser de {shown} første gevinstene i tabellen som kan måles mot målet."
QUALITATIVE = "Kvalitative gevinster"
QUALITATIVE_CAPTION = "{shown} av {count} kvalitative gevinster: de beskrives i ord og måles ikke mot en målverdi."
QUALITATIVE_LINE = "- {title} ({initiative})"
QUALITATIVE_LINE_OWNER = "- {title} ({initiative}; gevinstansvarlig: {owner})"
QUALITATIVE_OWN_LINE = "- {title}"
QUALITATIVE_OWN_LINE_OWNER = "- {title} (gevinstansvarlig: {owner})"
AXIS_ACHIEVEMENT = "Måloppnåelse"
LEGEND_POINT = "Punkt"
POINT_BASELINE = "Startverdi"
POINT_MEASUREMENT = "Måling"
POINT_LATEST = "Siste måling"
POINT_TARGET = "Målverdi"

# Column headers
COL_DATE = "Dato"
COL_BODY = "Vedtatt av"
COL_DECISION_POINT = "BP"
COL_TITLE = "Tittel"
COL_TEXT = "Vedtakstekst"
COL_CASE = "Saksnummer"
COL_INITIATIVE = "Tiltak"
COL_LINK = "Side"
LINK_TEXT = "Åpne tiltaket"
COL_STATE = "Tilstand"
COL_DUE = "Frist"
COL_PASSED_ON = "Passert dato"
COL_CHECKLIST = "Sjekkliste"
COL_CHECKLIST_SHARE = "Sjekkliste besvart"
COL_PHASE = "Fase"
COL_LAST_DP = "Siste passerte BP"
COL_RISK = "Risiko"
COL_LEVEL = "Nivå"
COL_SCORE = "Skår"
COL_PROBABILITY = "Sannsynlighet"
COL_CONSEQUENCE = "Konsekvens"
COL_CELL = "Rute"
COL_RISK_STATUS = "Status"
COL_STRATEGY = "Strategi"
COL_OWNER = "Eier"
COL_MITIGATION = "Risikoreduserende tiltak"
COL_REVIEW_BY = "Vurderes innen"
COL_RESIDUAL = "Skår etter tiltak"
COL_CATEGORY = "Kategori"
COL_DESCRIPTION = "Beskrivelse"
COL_BENEFIT = "Gevinst"
COL_KIND = "Type"
COL_INDICATOR = "Måleindikator"
COL_UNIT = "Enhet"
COL_BASELINE = "Startverdi"
COL_LATEST = "Siste måling"
COL_LATEST_ON = "Målt dato"
COL_TARGET = "Målverdi"
COL_TARGET_ON = "Målverdi dato"
COL_ACHIEVEMENT = "Måloppnåelse"
COL_MEASUREMENTS = "Målinger"
COL_VALUE = "Verdi"
COL_COMMENT = "Kommentar"
COL_ITEM = "Nr."
COL_QUESTION = "Sjekkpunkt"
COL_ANSWER = "Svar"
NOT_ANSWERED = "Ikke besvart"
EMPTY = "–"
RISK_STATUS_LABELS = {"åpen": "Åpen", "under oppfølging": "Under oppfølging", "lukket": "Lukket"}
BENEFIT_KIND_LABELS = {"direkte": "Direkte", "indirekte": "Indirekte", "kvalitativ": "Kvalitativ"}

# Downloads
EXPORT_DECISIONS = "vedtak"
EXPORT_DECISION_POINTS = "beslutningspunkter"
EXPORT_RISKS = "risikoer"
EXPORT_BENEFITS = "gevinster"
SHEET_DECISIONS = "Vedtak"
SHEET_DECISION_POINTS = "Beslutningspunkter"
SHEET_RISKS = "Risikoer"
SHEET_BENEFITS = "Gevinster"

# The initiative page's sections
INITIATIVE_DECISIONS = "Vedtak"
INITIATIVE_DECISIONS_NONE = "Ingen vedtak er registrert for tiltaket."
INITIATIVE_DECISIONS_CAPTION = "{count} vedtak, eldste først."
DECISION_LINE = "- **{date}** · {body}{decision_point}: {title}"
DECISION_LINE_POINT = " ved {decision_point}"
DECISION_LINE_CASE = " (sak {case_number})"
DECISION_LINE_TEXT = "  \n  {text}"
INITIATIVE_CHECKLISTS = "Sjekklister for beslutningspunkter"
INITIATIVE_CHECKLISTS_NONE = "Ingen sjekklister er fylt ut for tiltaket."
CHECKLIST_HEADING = "**{title}**: {answered} av {items} punkter besvart ({share})"
CHECKLIST_SOURCE = "Kilde for sjekkpunktene: {source}"
# One item of a checklist as a numbered list item (it wraps on a phone, where a table would not fit)
CHECKLIST_ITEM = "{number}. {question}  \n    Svar: **{answer}**{comment}"
CHECKLIST_ITEM_COMMENT = " · Kommentar: {comment}"
INITIATIVE_RISKS = "Risiko"
INITIATIVE_RISKS_NONE = "Ingen risikoer er registrert for tiltaket."
INITIATIVE_RISKS_CAPTION = "{count} risikoer, {open} åpne; åpne med høyeste skår først, lukkede til slutt."
INITIATIVE_BENEFITS = "Gevinster"
INITIATIVE_BENEFITS_NONE = "Ingen gevinster er registrert for tiltaket."
INITIATIVE_MEASUREMENTS = "Målinger"
INITIATIVE_MEASUREMENTS_NONE = "Ingen målinger er registrert ennå."
