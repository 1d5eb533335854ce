"""Texts of the status trend (a section of the overview page), in Norwegian bokmål."""

HEADING = "Utvikling i samlet status"
CHART_TITLE = "Tiltak per samlet status i hvert øyeblikksbilde"
# The takeaway names red and green, or, under a status filter, the statuses
# chosen (most critical first): with «Samlet status: Gul» it speaks of the
# yellow ones shown, not of red and green going from 0 to 0.
TAKEAWAY = "Fra {first} til {last} gikk {changes}."
TAKEAWAY_ONE = "Bare ett øyeblikksbilde: {counts} tiltak per {date}."
# How the first status is named in TAKEAWAY, and each after it
TAKEAWAY_FIRST = {
    "rød": "antall tiltak med rød samlet status fra {before} til {after}",
    "gul": "antall tiltak med gul samlet status fra {before} til {after}",
    "ikke vurdert": "antall tiltak med samlet status «ikke vurdert» fra {before} til {after}",
    "grønn": "antall tiltak med grønn samlet status fra {before} til {after}",
}
TAKEAWAY_NEXT = {
    "rød": "antall røde fra {before} til {after}",
    "gul": "antall gule fra {before} til {after}",
    "ikke vurdert": "antall ikke vurderte fra {before} til {after}",
    "grønn": "antall grønne fra {before} til {after}",
}
TAKEAWAY_SEPARATOR = ", "
TAKEAWAY_LAST_SEPARATOR = ", og "
# The counts in TAKEAWAY_ONE
TAKEAWAY_COUNT = {"rød": "{n} røde", "gul": "{n} gule", "ikke vurdert": "{n} ikke vurderte", "grønn": "{n} grønne"}
TAKEAWAY_COUNT_SEPARATOR = ", "
TAKEAWAY_COUNT_LAST_SEPARATOR = " og "
TAKEAWAY_EMPTY = "Ingen tiltak passer filtrene i noen av øyeblikksbildene."
CAPTION = "Filtrene gjelder hvert øyeblikksbilde slik tiltakene var registrert da. {count} øyeblikksbilder til og med {date}."
TABLE = "Tabell for utviklingen"
COL_DATE = "Dato"
COL_STATUS = "Samlet status"
COL_COUNT = "Antall tiltak"
COL_TOTAL = "Totalt"
