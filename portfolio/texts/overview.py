"""Texts of the overview page's attention list («Trenger oppmerksomhet») and
the links under its key figures. (The page's other texts: texts.OVERVIEW.)"""

HEADING = "Trenger oppmerksomhet"
COMPARE = "Sammenlign med"
COMPARE_HELP = (
    "Øyeblikksbildet som «dårligere status» regnes fra. Standard er det siste tidligere "
    "øyeblikksbildet som er merket med et KDL-møte, ellers det som gjaldt for 30 dager siden."
)
COMPARE_LABEL = "{time} – {note}"
NO_NOTE = "uten merknad"

# The summary above the list
SUMMARY = "Sammenlignet med {date}: {parts}."
SUMMARY_NO_COMPARE = "Ingen tidligere øyeblikksbilder å sammenligne med: {parts}."
NONE = "ingen"  # a count of 0 in the summary
PART_RED = "{count} tiltak med rød samlet status"
PART_WORSE = "{count} tiltak med dårligere status"
PART_OVERDUE_ONE = "{count} forsinket milepæl"
PART_OVERDUE = "{count} forsinkede milepæler"
PART_RISK_ONE = "{count} ny høy risiko (score {score} eller mer)"
PART_RISK = "{count} nye høye risikoer (score {score} eller mer)"
PART_DECISION_ONE = "{count} beslutningspunkt de neste {days} dagene"
PART_DECISION = "{count} beslutningspunkter de neste {days} dagene"
ORDER = (
    "Det viktigste først: rød status, status som har blitt rød, forsinkede milepæler, annen "
    "forverring og beslutningspunkter. Hver linje lenker til tiltakets side."
)
NOTHING = (
    "Ingenting trenger oppmerksomhet: ingen tiltak har rød eller dårligere status, ingen "
    "milepæler er forsinket og ingen beslutningspunkter har frist de neste {days} dagene."
)
MORE = "og {count} til"
MORE_CAPPED = (
    "Viser {shown} av {count}. Resten finner du med filtrene, eller med lenkene under nøkkeltallene."
)

# A line of the list: the kind's icon (decoration: the sentence says it all)
# and the sentence as a link to the place to act.
LIST_ITEM = {
    "red": "- :material/error: [{sentence}]({url})",
    "worse": "- :material/trending_down: [{sentence}]({url})",
    "overdue": "- :material/event_busy: [{sentence}]({url})",
    "risk": "- :material/warning: [{sentence}]({url})",
    "decision": "- :material/gavel: [{sentence}]({url})",
}

# One sentence per item. Names and titles come from the data.
RED_TURNED = "{name} har fått rød samlet status (var {old} {date})."
RED_STILL = "{name} har fortsatt rød samlet status (også {date})."
RED_NEW = "{name} er nytt siden {date} og har rød samlet status."
RED = "{name} har rød samlet status."
WORSE = "{name} har dårligere status enn {date}: {changes}."
CHANGE = "{dimension} fra {old} til {new}"
DIMENSIONS = {
    "overall": "samlet status",
    "schedule": "fremdrift",
    "budget": "økonomi",
    "quality": "kvalitet",
    "risk": "risiko",
}
STATUS_WORDS = {
    "grønn": "grønn",
    "gul": "gul",
    "rød": "rød",
    "ikke vurdert": "ikke vurdert",
}
OVERDUE = "{name}: {what} «{title}» er {days} forsinket (frist {due})."
OVERDUE_WHAT = {
    "milepæl": "milepælen",
    "beslutningspunkt": "beslutningspunktet",
    "arrangement": "arrangementet",
    "leveranse": "leveransen",
}
OVERDUE_DECISION_POINT = "beslutningspunktet {decision_point}"
DECISION = "{name}: beslutningspunkt {decision_point} «{title}» er {due}, {when}."
DECISION_NO_POINT = "{name}: beslutningspunktet «{title}» er {due}, {when}."
RISK_NEW = ("{name}: ny høy risiko «{title}» siden {date}, score {score} "
            "(sannsynlighet {probability} × konsekvens {consequence}).")
RISK_RAISED = ("{name}: risikoen «{title}» har økt fra score {old} til {score} siden {date} "
               "(sannsynlighet {probability} × konsekvens {consequence}).")
RISK_ANY = ("{name}: høy risiko «{title}», score {score} "
            "(sannsynlighet {probability} × konsekvens {consequence}).")
DAY_ONE = "{count} dag"
DAYS = "{count} dager"
TODAY = "i dag"
TOMORROW = "i morgen"
IN_DAYS = "om {count} dager"

# Links under the key figures. The total links to the status table on the
# same page (its header's anchor).
STATUS_TABLE_ANCHOR = "statustabell"
LINK_TABLE = f"[Se tabellen](#{STATUS_TABLE_ANCHOR})"
LINK_RED = "Vis de røde"
LINK_OVERDUE = "Vis de forsinkede"
LINK_DUE_SOON = "Vis fristene"
LINK_BUDGET = "Se Økonomi"
LINK_OVER_BUDGET = "Vis tiltak over budsjett"
# The phase chart's sentence when a status filter leaves red out (texts.OVERVIEW["chart_takeaway"] otherwise)
CHART_TAKEAWAY_NO_RED = "{top_phase} er fasen med flest tiltak ({top_count} av {total})."
