"""Texts of the collaboration page («Samhandling»), in Norwegian bokmål."""

TITLE = "Samhandling"
INTRO = (
    "Hvilke innbyggergrupper og innsatsområder tiltakene når, og hvilke kommunalområder og partnere som "
    "samarbeider, for tiltakene som passer filtrene."
)
EMPTY = "–"

# The year the page counts (sidebar)
YEAR_PICKER = "År"
YEAR_PICKER_HELP = (
    "Aktive tiltak er tiltak som pågår en del av året: startet innen årets slutt og ikke avsluttet før "
    "året begynte. Beløpene er budsjettet for året."
)

# Key figures
KPI_ACTIVE = "Aktive tiltak {year}"
KPI_ACTIVE_HELP = (
    "Tiltak som pågår en del av {year} og passer filtrene. Programmer (tiltak med andre tiltak under seg) "
    "telles ikke her: de når det tiltakene under dem når."
)
KPI_GAPS = "Gap i dekningen"
KPI_GAPS_VALUE = "{gaps} av {cells}"
KPI_GAPS_HELP = "Kombinasjoner av innbyggergruppe og innsatsområde uten aktive tiltak i {year}."
KPI_AREAS = "Områder i samarbeid"
KPI_AREAS_VALUE = "{linked} av {count}"
KPI_AREAS_HELP = (
    "Kommunalområder med minst ett aktivt tiltak i {year} sammen med et annet kommunalområde eller en "
    "ekstern partner, av alle kommunalområdene i aktive tiltak."
)
KPI_PARTNERS = "Eksterne partnere"
KPI_PARTNERS_HELP = "Eksterne partnere i aktive tiltak i {year}."
NO_ACTIVE = "Ingen tiltak som passer filtrene, pågår i {year}. Velg et annet år eller andre filtre."

# -- coverage ------------------------------------------------------------------------------------
GROUPS_HEADING = "Innbyggergrupper og innsatsområder"
AREAS_HEADING = "Kommunalområder og innbyggergrupper"
COVERAGE_CAPTION = (
    "Hver rute viser antall aktive tiltak i {year} og budsjettet deres for {year}. Et tiltak for flere "
    "grupper eller innsatsområder står i hver rute det hører til, så rutene kan ikke legges sammen. "
    "Programmer telles ikke."
)
AREAS_CAPTION = "Et kommunalområde er med i tiltakene det eier og tiltakene det samarbeider om."
AREAS_CAPPED = (
    "Viser de {shown} kommunalområdene med flest aktive tiltak, av {count}. Filtrer på kommunalområde for å se "
    "de andre."
)
GROUPS_TAKEAWAY = (
    "{gaps} av {cells} kombinasjoner av innbyggergruppe og innsatsområde har ingen aktive tiltak i {year}. "
    "Flest tiltak: {group} i innsatsområdet {focus} ({count})."
)
GROUPS_TAKEAWAY_NO_GAPS = (
    "Alle {cells} kombinasjoner av innbyggergruppe og innsatsområde har aktive tiltak i {year}. "
    "Flest tiltak: {group} i innsatsområdet {focus} ({count})."
)
AREAS_TAKEAWAY = (
    "{gaps} av {cells} kombinasjoner av kommunalområde og innbyggergruppe har ingen aktive tiltak i {year}. "
    "Flest tiltak: {area} for {group} ({count})."
)
AREAS_TAKEAWAY_NO_GAPS = (
    "Alle {cells} kombinasjoner av kommunalområde og innbyggergruppe har aktive tiltak i {year}. "
    "Flest tiltak: {area} for {group} ({count})."
)
TAKEAWAY_NONE = "Ingen aktive tiltak i {year} er for en innbyggergruppe: hele matrisen er gap."
WITHOUT_GROUP = "{count} aktive tiltak har ingen innbyggergruppe og står ikke i matrisen."
WITHOUT_GROUP_ONE = "1 aktivt tiltak har ingen innbyggergruppe og står ikke i matrisen."

# The heatmaps (cells, axes, legend)
GROUPS_CHART_TITLE = "Aktive tiltak per innbyggergruppe og innsatsområde"
AREAS_CHART_TITLE = "Aktive tiltak per kommunalområde og innbyggergruppe"
CELL_COUNT = "{count} tiltak"
CELL_GAP = "Ingen tiltak"
CELL_GAP_WORD = "gap"
LEVEL_GAP = "Gap: ingen tiltak"
LEVEL_ONE = "{low} tiltak"
LEVEL_RANGE = "{low}–{high} tiltak"
LEGEND_LEVEL = "Aktive tiltak"
AXIS_GROUP = "Innbyggergruppe"
AXIS_FOCUS = "Innsatsområde"
AXIS_AREA = "Kommunalområde"
COL_BUDGET = "Budsjett {year}"
COL_COUNT = "Aktive tiltak"
# The focus areas as the page names them (the stored values are schema.FOCUS_AREAS), and in a sentence
FOCUS_LABELS = {
    "innbyggerdialog": "Innbyggerdialogen",
    "tjenestene": "Tjenestene",
    "organisasjonen": "Organisasjonen",
}
FOCUS_WORDS = {
    "innbyggerdialog": "innbyggerdialogen",
    "tjenestene": "tjenestene",
    "organisasjonen": "organisasjonen",
}

# The tables beside the heatmaps (the text alternative)
GROUPS_TABLE = "Tabell: innbyggergrupper og innsatsområder"
AREAS_TABLE = "Tabell: kommunalområder og innbyggergrupper"
TABLE_CELL = "{count} tiltak · {budget}"
TABLE_GAP = "Ingen tiltak – gap"
COL_AREA_ACTIVE = "Aktive tiltak i alt"

# The gaps, one sentence each
GAPS_HEADING = "Gap i dekningen ({count})"
GAPS_NONE = "Ingen gap: hver kombinasjon har minst ett aktivt tiltak i {year}."
GAP_GROUP_FOCUS = "Ingen aktive tiltak for {group} i innsatsområdet {focus}."
GAP_AREA_GROUP = "Ingen aktive tiltak i {area} for {group}."
GAPS_MORE = "Vis alle {count} gap"

# Listing the initiatives of a cell
CELL_PICKER = "Vis tiltakene i en rute"
CELL_PICKER_HELP = "Rutene med aktive tiltak, flest tiltak først. Tiltakene lenker til tiltakets side."
CELL_OPTION_FOCUS = "{group} · {focus} ({count} tiltak)"
CELL_OPTION_AREA = "{area} · {group} ({count} tiltak)"
CELL_CAPTION = "{shown} av {count} tiltak, største budsjett for {year} først."
COL_INITIATIVE = "Tiltak"
COL_LINK = "Side"
LINK_TEXT = "Åpne tiltaket"
COL_OWNER_AREA = "Eier"
COL_COLLABORATING = "Samarbeider med"
COL_PHASE = "Fase"
COL_STATUS = "Samlet status"

# -- the network -----------------------------------------------------------------------------------
NETWORK_HEADING = "Hvem samarbeider med hvem"
NETWORK_INTRO = (
    "Kommunalområder og eksterne partnere, med en strek mellom dem som har aktive tiltak sammen i {year}. "
    "Jo tykkere strek, jo flere felles tiltak. Fargen viser programmet de fleste av tiltakene hører til; "
    "formen skiller kommunalområder (sirkel) fra partnere (firkant). Programmer telles med her."
)
NETWORK_TAKEAWAY = (
    "{linked} kommunalområder og partnere har felles tiltak i {year}. Flest felles tiltak: {a} og {b} "
    "({count})."
)
NETWORK_TAKEAWAY_NONE = "Ingen kommunalområder eller partnere har felles tiltak i {year}."
NETWORK_LEFT_OUT_AREAS = "{count} kommunalområder med færre felles tiltak er ikke vist."
NETWORK_LEFT_OUT_AREA = "1 kommunalområde med færre felles tiltak er ikke vist."
NETWORK_LEFT_OUT_PARTNERS = "{count} partnere med færre felles tiltak er ikke vist."
NETWORK_LEFT_OUT_PARTNER = "1 partner med færre felles tiltak er ikke vist."
NETWORK_LEFT_OUT_HINT = "Filtrer på kommunalområde eller program for å se dem. Nedlastingen har alle parene."
NETWORK_CHART_TITLE = "Felles aktive tiltak mellom kommunalområder og partnere"
LEGEND_KIND = "Type"
LEGEND_PROGRAMME = "Program"
LEGEND_SHARED = "Felles tiltak"
KIND_LABELS = {"area": "Kommunalområde", "partner": "Ekstern partner"}
NO_PROGRAMME = "Ikke i et program"
OTHER_PROGRAMMES = "Andre programmer"
PAIRS_TABLE = "Tabell: par med felles tiltak"
PAIRS_CAPTION = "{shown} av {count} par, flest felles tiltak først: de samme parene som i figuren."
NODES_TABLE = "Tabell: kommunalområder og partnere i figuren"
COL_FROM = "Fra"
COL_TO = "Til"
COL_KIND_FROM = "Type (fra)"
COL_KIND_TO = "Type (til)"
COL_SHARED = "Felles tiltak"
COL_PROGRAMMES = "Programmer"
COL_NODE = "Kommunalområde eller partner"
COL_KIND = "Type"
COL_NODE_INITIATIVES = "Aktive tiltak"
COL_NODE_SHARED = "Felles tiltak med andre"
COL_NODE_LINKS = "Samarbeider med"
COL_MAIN_PROGRAMME = "Program (flest tiltak)"
PROGRAMMES_MANY = "{count} programmer, blant dem {name}"
PROGRAMMES_OUTSIDE = "{names}; {count} tiltak utenfor programmer"

# Downloads
EXPORT_PAIRS = "samhandling-par"
SHEET_PAIRS = "Felles tiltak"
EXPORT_COVERAGE = "samhandling-dekning"
SHEET_COVERAGE = "Dekning"

# -- Medvirkning: the engagements with citizens and partners ----------------------------------------
ENGAGEMENTS_HEADING = "Medvirkning"
ENGAGEMENTS_INTRO = (
    "Møter med innbyggere og partnere i tiltakene som passer filtrene: dialogverksteder, dialogmøter, "
    "konferanser, seminarer og digital medvirkning. Antall deltakere er interne tall. Et møte i Decidim som er "
    "koblet til et tiltak, regnes med (digitalt møte som digital medvirkning, ellers som dialogmøte), og "
    "deltakerne der telles som «Andre»."
)
ENGAGEMENTS_NONE = "Tiltakene som passer filtrene, har ingen medvirkning registrert."
HEADLINE = "I {year} har {citizens} innbyggere deltatt i {count} medvirkningsaktiviteter."
HEADLINE_ONE = "I {year} har {citizens} innbyggere deltatt i 1 medvirkningsaktivitet."
HEADLINE_PARTLY = (
    "I {year} har minst {citizens} innbyggere deltatt i {count} medvirkningsaktiviteter. Innbyggerne er ikke "
    "talt i {uncounted} av dem."
)
HEADLINE_UNCOUNTED = "I {year} er det holdt {count} medvirkningsaktiviteter, men innbyggerne er ikke talt i noen av dem."
HEADLINE_UNCOUNTED_ONE = "I {year} er det holdt 1 medvirkningsaktivitet, men innbyggerne er ikke talt i den."
HEADLINE_NONE = "Ingen medvirkningsaktiviteter er holdt i {year} i tiltakene som passer filtrene."
PLANNED_LATER = "{count} til er planlagt senere i {year}."
PLANNED_ONLY = "{count} er planlagt i {year}."
OTHER_YEARS = "Medvirkning er registrert i {years}: velg år i sidepanelet."
HEADLINE_NOTE = (
    "Deltakerne er talt per aktivitet: den samme personen telles én gang for hver aktivitet hen er med på. "
    "Holdt til og med {today}."
)
ENGAGEMENT_KIND_LABELS = {
    "dialogverksted": "Dialogverksted",
    "dialogmøte": "Dialogmøte",
    "konferanse": "Konferanse",
    "seminar": "Seminar",
    "digital medvirkning": "Digital medvirkning",
    "annet": "Annet",
}
PARTICIPANT_LABELS = {
    "participants_citizens": "Innbyggere",
    "participants_politicians": "Politikere",
    "participants_leaders": "Ledere",
    "participants_staff": "Ansatte",
    "participants_volunteers": "Frivillige",
    "participants_business": "Næringsliv",
    "participants_other": "Andre",
}
NOT_COUNTED = "ikke talt"
FROM_DECIDIM = " (møte i Decidim)"  # after the title of a linked Decidim meeting counted as an engagement
COL_FROM_DECIDIM = "Fra Decidim"
STATE_HELD = "Holdt"
STATE_PLANNED = "Planlagt"

# The timeline and the list of engagements
TIMELINE_TITLE = "Medvirkning over tid"
TIMELINE_DESCRIPTION = (
    "{count} medvirkningsaktiviteter fra {first} til {last}, {held} holdt og {planned} planlagt. Flest av typen "
    "{kind} ({kind_count})."
)
TIMELINE_CAPTION = (
    "Hver aktivitet er et punkt på sin dato, på linjen for sin type: fylt sirkel er holdt, åpen rombe er "
    "planlagt. Det skraverte feltet er {year}."
)
TIMELINE_CAPPED = "Figuren og tabellen viser de {shown} nyeste av {count} aktiviteter. Nedlastingen har alle."
LEGEND_STATE = "Tilstand"
AXIS_DATE = "Dato"
AXIS_KIND = "Type"
YEAR_BAND = "Valgt år"
ENGAGEMENTS_TABLE = "Tabell: medvirkningsaktivitetene"
ENGAGEMENTS_CAPTION = "{shown} av {count} aktiviteter, nyeste først. «Deltakere (talt)» er summen av gruppene som er talt."
COL_DATE = "Dato"
COL_ACTIVITY = "Aktivitet"
COL_PLACE = "Sted"
COL_STATE = "Tilstand"
COL_CITIZENS = "Innbyggere"
COL_PARTICIPANTS = "Deltakere (talt)"

# Per quarter, by kind and by participant group
KIND_TABLE = "Tabell: aktiviteter per kvartal og type, {year}"
GROUP_TABLE = "Tabell: deltakere per kvartal og gruppe, {year}"
QUARTERS_CAPTION = (
    "Aktiviteter holdt i {year} til og med {today}; planlagte er ikke med. «ikke talt»: ingen av aktivitetene "
    "har tall for gruppen. «36 (ikke talt i 2)»: 36 talt, og 2 aktiviteter uten tall for gruppen. Et tomt tall "
    "regnes aldri som 0."
)
COL_QUARTER = "Kvartal"
COL_ALL = "I alt"
COL_HELD = "Aktiviteter"
QUARTER_ROW = "{quarter}. kvartal"
YEAR_ROW = "Hele {year}"
GROUP_CELL_PARTLY = "{count} (ikke talt i {uncounted})"
EXPORT_ENGAGEMENTS = "samhandling-medvirkning"
SHEET_ENGAGEMENTS = "Medvirkning"
COL_INITIATIVE_ID = "Tiltak-ID"

# -- Relasjonell kapasitet: the collaboration surveys' scores over time ------------------------------
SCORES_HEADING = "Relasjonell kapasitet"
SCORES_INTRO = (
    "Målinger av samhandlingen i tiltakene som passer filtrene, og i kommunalområdene deres: gjennomsnittet per "
    "dimensjon på en skala fra 1 (lavest) til 5 (høyest). Et gjennomsnitt vises bare når minst {minimum} har "
    "svart, så ingen kan kjennes igjen."
)
SCORES_NONE = "Ingen målinger av relasjonell kapasitet for tiltakene som passer filtrene, eller kommunalområdene deres."
SCORES_TAKEAWAY = (
    "Relasjonell kapasitet er målt i {units}. I den siste målingen til hver gikk dimensjonene slik, sammenlignet "
    "med forrige måling: {up} opp, {down} ned og {same} uendret."
)
SCORES_TAKEAWAY_FIRST = "Relasjonell kapasitet er målt i {units}, men ingen av dem har to målinger å sammenligne ennå."
UNITS_ONE = "1 enhet"
UNITS_MANY = "{count} enheter"
UNITS_TABLE = "Tabell: enhetene og deres siste måling"
UNITS_CAPTION = "Nyeste måling først. «Endring siden forrige» teller dimensjonene i den siste målingen."
UNITS_CAPPED = "Viser de {shown} med nyest måling av {count}. Velg en hvilken som helst i listen under."
UNIT_KIND_LABELS = {"initiative": "Tiltak", "area": "Kommunalområde"}
COL_UNIT = "Enhet"
COL_UNIT_KIND = "Type enhet"
COL_RESPONDENT_GROUP = "Svargruppe"
COL_SURVEYS = "Målinger"
COL_LATEST = "Siste måling"
COL_RESPONDENTS = "Svar (n)"
COL_CHANGES = "Endring siden forrige"
CHANGES_UP = "{count} opp"
CHANGES_DOWN = "{count} ned"
CHANGES_SAME = "{count} uendret"
CHANGES_HIDDEN = "{count} med for få svar"
CHANGES_NOT_COMPARABLE = "{count} kan ikke sammenlignes"
CHANGES_NEW = "{count} målt første gang"
CHANGES_FIRST = "Første måling"
SERIES_PICKER = "Vis målingene til"
SERIES_PICKER_HELP = "En enhet (et tiltak eller et kommunalområde) og hvem som svarte. Valget følger med lenken."
SERIES_OPTION = "{unit} · {group} ({count} målinger)"
SERIES_OPTION_ONE = "{unit} · {group} (1 måling)"
SERIES_CAPTION = "{kind}: {unit}. Svargruppe: {group}. Måleinstrument: {instruments}."
SCORES_CHART_TITLE = "Gjennomsnitt per dimensjon"
SCORES_CHART_SUBTITLE = "Over tid, på skalaen 1–5"
SCORES_CHART_DESCRIPTION = (
    "Relasjonell kapasitet for {unit} ({group}): {count} målinger fra {first} til {last}. Siste måling: {summary}."
)
SCORES_CHART_DESCRIPTION_ONE = "Relasjonell kapasitet for {unit} ({group}): 1 måling, {first}. {summary}."
SCORES_CHART_CAPTION = (
    "Én liten figur per dimensjon, med siste gjennomsnitt og endringen siden forrige måling i tittelen. En måling "
    "med for få svar har ikke noe punkt."
)
PANEL_TITLE = "{dimension}: {value}"
PANEL_TOO_FEW = "{dimension}: for få svar (n = {n})"
PANEL_NOT_COMPARABLE = "ikke sammenlignbar"  # short, for a panel's title on a phone
SCORES_TABLE = "Tabell: gjennomsnitt per dimensjon og måling"
SCORES_TABLE_CAPPED = "Tabellen viser de {shown} siste av {count} målinger; nedlastingen har alle."
COL_DIMENSION = "Dimensjon"
COL_SURVEY = "{date} (n = {n})"
TOO_FEW = "For få svar til å vise (n = {n})"
NOT_MEASURED = "ikke målt"
SCORE_CELL = "{mean} ({change})"
CHANGE_UP = "↑ opp {delta}"
CHANGE_DOWN = "↓ ned {delta}"
CHANGE_SAME = "→ uendret"
CHANGE_FIRST = "første måling"
CHANGE_NOT_COMPARABLE = "kan ikke sammenlignes: for få svar i forrige måling"
COL_MEAN = "Gjennomsnitt (1–5)"
COL_CHANGE = "Endring siden forrige"
COL_INSTRUMENT = "Måleinstrument"
COL_SURVEY_DATE = "Gjennomført"
COL_PREVIOUS_DATE = "Forrige måling"
COL_NOTE = "Merknad"
EXPORT_SCORES = "samhandling-relasjonell-kapasitet"
SHEET_SCORES = "Relasjonell kapasitet"

# -- the initiative page: its collaboration ------------------------------------------------------------
INITIATIVE_PARTNERS = "Samarbeid"
INITIATIVE_OWNER = "- **Eier:** {area}"
INITIATIVE_COLLABORATING = "- **Samarbeider med:** {areas}"
INITIATIVE_PARTNER_LIST = "- **Eksterne partnere:** {partners}"
INITIATIVE_FOCUS = "- **Innsatsområder:** {areas}"
INITIATIVE_GROUPS = "- **Innbyggergrupper:** {groups}"
INITIATIVE_NONE_LISTED = "ingen"
INITIATIVE_ENGAGEMENTS = "Medvirkning"
INITIATIVE_ENGAGEMENTS_NONE = "Tiltaket har ingen medvirkning registrert."
INITIATIVE_ENGAGEMENTS_CAPTION = "Nyeste først. Holdt: {held}. Planlagt etter {today}: {planned}."
INITIATIVE_CITIZENS = "Innbyggere talt i alt: {citizens} (ikke talt i {uncounted} av de holdte aktivitetene)."
INITIATIVE_CITIZENS_ALL = "Innbyggere talt i alt: {citizens}."
INITIATIVE_SURVEYS = "Relasjonell kapasitet"
INITIATIVE_SURVEYS_NONE = "Tiltaket har ingen målinger av relasjonell kapasitet."
INITIATIVE_SURVEY_HEADING = "Siste måling, {group}: {date}"
INITIATIVE_SURVEY_CAPTION = "{respondents} svar · {instrument} · {previous}"
INITIATIVE_SURVEY_PREVIOUS = "sammenlignet med målingen {date}"
INITIATIVE_SURVEY_FIRST = "første måling"
