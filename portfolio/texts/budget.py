"""Texts of the budget page ("Økonomi"), in Norwegian bokmål."""

TITLE = "Økonomi"
INTRO = "Budsjett, regnskap og prognose per år, kommunalområde og tiltak, med avvik fra budsjettet."

YEAR_PICKER = "År"
YEAR_PICKER_HELP = "Året tabellene per kommunalområde og tiltak gjelder. Valget følger med lenken til siden."
NO_BUDGETS = "Ingen budsjettrader for tiltakene som passer filtrene."

KPI_BUDGET = "Budsjett {year}"
KPI_ACTUAL = "Regnskap {year}"
KPI_FORECAST = "Prognose {year}"
KPI_DEVIATION = "Avvik prognose {year}"
KPI_ACTUAL_SHARE = "{share} av budsjettet"
KPI_OVER = "Tiltak over budsjett {year}"
KPI_OVER_HELP = "Tiltak der prognosen for {year} er høyere enn budsjettet (egne budsjettrader)."
KPI_DEVIATION_HELP = "Prognose minus budsjett for {year}, i kroner og prosent av budsjettet."

FORECAST_NOTE = (
    "Prognose er tiltakets prognose for året; der prognose mangler, brukes regnskapet. "
    "Avvik = prognose − budsjett (og regnskap − budsjett). Positivt avvik betyr over budsjett."
)

# By year
BY_YEAR = "Per år"
CHART_YEARS_TITLE = "Budsjett, regnskap og prognose per år"
TAKEAWAY_YEARS = "I {year} er prognosen {amount} {direction} budsjettet ({share}); regnskapet så langt er {actual_share} av budsjettet."
TAKEAWAY_YEARS_EQUAL = "I {year} er prognosen lik budsjettet; regnskapet så langt er {actual_share} av budsjettet."
TAKEAWAY_NO_YEAR = "Det er ingen budsjettrader for {year}."
DIRECTION_OVER = "over"
DIRECTION_UNDER = "under"
TABLE_YEARS = "Tabell per år"

# By area
BY_AREA = "Per kommunalområde, {year}"
CHART_AREAS_TITLE = "Avvik mellom prognose og budsjett per kommunalområde"
TAKEAWAY_AREAS = "{name} har størst overskridelse i {year}: prognosen er {amount} over budsjettet ({share})."
TAKEAWAY_AREAS_NONE = "Ingen kommunalområder har prognose over budsjettet i {year}."
AREAS_CAPTION = "{shown} av {count} kommunalområder, størst overskridelse først."
CHART_TOP_CAPTION = "Diagrammet viser de {shown} kommunalområdene med størst avvik i kroner (over eller under)."

# By initiative
BY_INITIATIVE = "Per tiltak, {year}"
INITIATIVES_CAPTION = (
    "{shown} av {count} tiltak med budsjett i {year}, størst overskridelse først. "
    "En programrad summerer programmets egne rader og alle underliggende tiltak, "
    "så programrader og tiltaksrader overlapper: ikke summer kolonnene."
)

# Column headers
COL_YEAR = "År"
COL_MEASURE = "Størrelse"
AXIS_KR = "Kroner"
COL_AREA = "Kommunalområde"
COL_INITIATIVE = "Tiltak"
COL_LINK = "Side"
LINK_TEXT = "Åpne tiltaket"
COL_PROGRAMME = "Program"
COL_SCOPE = "Omfatter"
SCOPE_OWN = "Eget tiltak"
SCOPE_PROGRAMME = "Program + {count} underliggende"
COL_STATUS_BUDGET = "Status økonomi"
COL_BUDGET = "Budsjett"
COL_ACTUAL = "Regnskap"
COL_FORECAST = "Prognose"
COL_FORECAST_DEVIATION = "Avvik prognose (kr)"
COL_FORECAST_DEVIATION_SHARE = "Avvik prognose (%)"
COL_ACTUAL_DEVIATION = "Avvik regnskap (kr)"
COL_ACTUAL_DEVIATION_SHARE = "Avvik regnskap (%)"
COL_ASSESSMENT = "Vurdering"
COL_INITIATIVE_COUNT = "Tiltak"
COL_OVER_COUNT = "Tiltak over budsjett"
DIRECTIONS = {"over": "Over budsjett", "under": "Innenfor budsjett"}
MEASURES = {"budget_nok": "Budsjett", "actual_nok": "Regnskap", "forecast_nok": "Prognose"}

EXPORT_YEARS = "okonomi-per-ar"
EXPORT_AREAS = "okonomi-per-kommunalomrade"
EXPORT_INITIATIVES = "okonomi-per-tiltak"
SHEET_YEARS = "Per år"
SHEET_AREAS = "Per kommunalområde"
SHEET_INITIATIVES = "Per tiltak"
