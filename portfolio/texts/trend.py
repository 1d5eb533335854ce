"""Texts of the status trend (a section of the overview page), in Norwegian bokmål."""

HEADING = "Utvikling i samlet status"
CHART_TITLE = "Tiltak per samlet status i hvert øyeblikksbilde"
TAKEAWAY = (
    "Fra {first} til {last} gikk antall tiltak med rød samlet status fra {red_first} til "
    "{red_last}, og antall grønne fra {green_first} til {green_last}."
)
TAKEAWAY_ONE = "Bare ett øyeblikksbilde: {red} røde og {green} grønne tiltak per {date}."
TAKEAWAY_EMPTY = "Ingen tiltak passer filtrene i noen av øyeblikksbildene."
CAPTION = "Filtrene gjelder hvert øyeblikksbilde slik tiltakene var registrert da. {count} øyeblikksbilder til og med {date}."
TABLE = "Tabell for utviklingen"
COL_DATE = "Dato"
COL_STATUS = "Samlet status"
COL_COUNT = "Antall tiltak"
COL_TOTAL = "Totalt"
