"""Texts of the public page (for citizens and politicians) and the public
entry point, in plain Norwegian bokmål (klarspråk): short sentences, no
internal codes without words."""

APP_TITLE = "Samhandlingskommunen Kristiansand – for innbyggere og politikere"
PAGE_TITLE = "For innbyggere og politikere"

TITLE = "For innbyggere og politikere"
INTRO = (
    "Samhandlingskommunen Kristiansand er et program i kommunen. Målet er at kommunen "
    "skal samarbeide mer med innbyggerne. Her ser du tiltakene i programmet som er åpne "
    "for alle. Du ser hva hvert tiltak skal gjøre, hvor langt det har kommet, hva som er "
    "bestemt, hva det skal gi, og hva det koster."
)
UPDATED = "Sist oppdatert {date}."
DEMO_NOTICE = (
    "Dette er eksempeldata. Mye av innholdet er laget for å vise hvordan siden virker. "
    "Det er ikke fakta om kommunen. Les mer under «Om dataene»."
)
NO_DATA = "Det er ikke publisert noen tiltak ennå."
NOT_IN_PUBLIC_APP = "Denne siden finnes ikke her. Gå til «For innbyggere og politikere»."
NO_PUBLIC_EXPORT = (
    "Fant ikke offentlige data i mappen «{path}». Lag dem med "
    "`python -m portfolio export-public {path}`."
)

# Explanations, in expanders under the intro
PHASES_HEADING = "Hva betyr fasene?"
PHASES_INTRO = (
    "Kommunen deler arbeidet med et tiltak inn i seks faser. Et tiltak går fra fase til fase "
    "i denne rekkefølgen:"
)
PHASE_ITEM = "{number}. **{phase}:** {explanation}"
PHASE_EXPLANATIONS = {
    "Idé": "Noen har en idé. Kommunen vurderer om det er lurt å jobbe videre med den.",
    "Konsept": "Kommunen finner ut hva som trengs, og hvordan det kan løses.",
    "Planlegge": "Kommunen planlegger arbeidet: hva som skal gjøres, når og av hvem.",
    "Gjennomføre": "Arbeidet er i gang.",
    "Avslutte": "Arbeidet er ferdig. Resultatet blir overlevert til dem som skal bruke det.",
    "Realisere": (
        "Resultatet er tatt i bruk. Kommunen følger med på om det gir den nytten man ønsket."
    ),
}
PHASE_POSITION = "Fase {number} av {count}: {phase}"
PHASE_PATH = "Fasene er: {phases}."
PHASE_PATH_SEPARATOR = " → "

WORDS_HEADING = "Ord og forkortelser på siden"
WORDS = (
    "**Beslutningspunkt:** et møte der ledelsen bestemmer om arbeidet skal gå videre til neste fase.",
    "**BP:** forkortelse for beslutningspunkt. «BP3» betyr beslutningspunkt nummer 3.",
    "**Kommunedirektørens ledergruppe:** de øverste lederne i kommunens administrasjon. "
    "Forkortes KDL.",
    "**Prosjekteier:** lederen som har ansvaret for tiltaket.",
    "**Kommunalområde:** den delen av kommunen som har ansvaret, for eksempel Oppvekst.",
    "**Budsjett:** pengene politikerne eller ledelsen har satt av til tiltaket det året.",
    "**Brukt:** pengene tiltaket har brukt, slik de står i kommunens regnskap.",
    "**Milepæl:** et viktig steg i arbeidet, med en dato.",
    "**Vedtak:** en beslutning om tiltaket, tatt av politikerne eller av ledere i kommunen.",
    "**Gevinst:** det et tiltak skal gi innbyggerne eller kommunen, for eksempel bedre tjenester "
    "eller lavere kostnader.",
)

# The open data: the same files `python -m portfolio publish` writes (portfolio.present.publication)
DOWNLOADS_HEADING = "Last ned dataene"
DOWNLOADS_INTRO = (
    "Alt som står på denne siden, kan du laste ned som åpne data, fritt til bruk etter Norsk lisens "
    "for offentlige data (NLOD). CSV kan åpnes i de fleste programmer. Parquet passer for "
    "dataanalyse. Datapakken beskriver hver kolonne. Kalenderen har milepælene og vedtakene. "
    "Les mer under «Om dataene»."
)

# Abbreviations written out in text from the data (milestone titles, names)
ABBREVIATIONS = {
    "KDL": "kommunedirektørens ledergruppe",
}
DECISION_POINT_WORDS = "beslutningspunkt {number}"

# The list of initiatives
LIST_HEADING = "Tiltakene"
SEARCH = "Søk etter tiltak"
SEARCH_HELP = "Skriv et ord fra navnet eller beskrivelsen, for eksempel «arbeid»."
SEARCH_PLACEHOLDER = "Skriv et ord"
PHASE_FILTER = "Fase"
PHASE_ALL = "Alle faser"
COUNT = "Viser {shown} av {total} tiltak."
COUNT_ALL = "{total} tiltak."
CAPPED = "Skriv i søkefeltet eller velg en fase for å finne de andre."
NO_MATCH = "Ingen tiltak passer søket. Prøv et annet ord, eller fjern valget av fase."
CARD_LABEL = "{name} ({phase})"

# One initiative
PART_OF = "Del av programmet {name}."
AREA = "Ansvarlig i kommunen: {area}."
OWNER = "Prosjekteier (leder med ansvar): {owner}."
PERIOD = "Periode: {start} til {end}."
PERIOD_OPEN = "Startet {start}."
FOR_WHOM = "For: {groups}."
ABOUT = "Handler om: {areas}."
PARTNERS = "Samarbeider med: {partners}."
COLLABORATING = "Andre deler av kommunen som er med: {areas}."
LINK = "Les mer om tiltaket"
NO_SUMMARY = "Tiltaket har ingen beskrivelse ennå."
FOCUS_AREA_WORDS = {
    "innbyggerdialog": "dialog med innbyggerne",
    "tjenestene": "bedre tjenester",
    "organisasjonen": "en bedre organisasjon",
}
AND = "og"

DONE_HEADING = "Dette er gjort"
NEXT_HEADING = "Dette skjer videre"
MILESTONE_DONE = "{date}: {title}"
MILESTONE_NEXT = "Planlagt {date}: {title}"
MORE_DONE = "Og {count} eldre milepæler."
NO_DONE = "Ingen milepæler er ferdige ennå."
NO_NEXT = "Ingen nye milepæler er publisert."

MONEY_HEADING = "Penger"
MONEY_YEAR = "År"
MONEY_BUDGET = "Budsjett"
MONEY_SPENT = "Brukt"
MONEY_NOTE = "Beløpene er i hele kroner. For {year} viser «Brukt» det som er brukt så langt i år."
MONEY_NOTE_PAST = "Beløpene er i hele kroner."
MONEY_SOURCES = "Pengene kommer fra: {sources}."
NO_MONEY = "Det er ikke publisert noe budsjett for tiltaket."
MONEY_TABLE_LABEL = "Budsjett og brukt per år for {name}"

# The overview at the top of the page: the whole list in a few sentences
OVERVIEW_HEADING = "Kort fortalt"
METRIC_COUNT = "Tiltak på siden"
METRIC_BUDGET = "Budsjett {year}"
METRIC_SPENT = "Brukt i {year} så langt"
METRIC_SPENT_PAST = "Brukt i {year}"
COUNT_SENTENCE = "Kommunen har publisert {count} tiltak her."
PHASE_SENTENCE = "Av dem er {parts}."
ONE_PHASE_SENTENCE = "Det er {phrase}."
PHASE_PART = "{count} {phrase}"
# What a phase means, as words after "er" ("6 er i gang"); the same for one and many
PHASE_WORDS = {
    "Idé": "på idéstadiet",
    "Konsept": "under utredning",
    "Planlegge": "under planlegging",
    "Gjennomføre": "i gang",
    "Avslutte": "i ferd med å bli avsluttet",
    "Realisere": "tatt i bruk",
}
FOCUS_SENTENCE = "Tiltakene handler om {parts}. Et tiltak kan handle om flere ting."
FOCUS_FIRST_PART = "{area} ({count} tiltak)"
FOCUS_PART = "{area} ({count})"
MONEY_SENTENCE = "For {year} er det satt av {budget} til tiltakene. Så langt i år er {spent} brukt."
MONEY_SENTENCE_PAST = "I {year} var budsjettet for tiltakene {budget}. Det ble brukt {spent}."
MONEY_TOTAL_SENTENCE = "Fra {first} til {last} er det satt av {budget} i alt. Så langt er {spent} brukt."
OVER_BUDGET_SENTENCE = "I {year} har {count} tiltak brukt mer enn budsjettert: {names}."
NO_OVER_BUDGET_SENTENCE = "Ingen tiltak har brukt mer enn budsjettert i {year}."
NO_MONEY_SENTENCE = "Det er ikke publisert noe budsjett for tiltakene."
PHASE_TABLE_LABEL = "Antall tiltak i hver fase"
PHASE_COLUMN = "Fase"
FOCUS_TABLE_LABEL = "Antall tiltak per innsatsområde. Et tiltak kan høre til flere."
FOCUS_COLUMN = "Handler om"
COUNT_COLUMN = "Tiltak"
YEARS_HEADING = "Budsjett og brukt per år, alle tiltak"
YEARS_TABLE_LABEL = "Budsjett og brukt per år for alle tiltakene på siden"

# What changed recently (public fields only)
CHANGES_HEADING = "Nytt siden {date}"
CHANGES_NONE = "Ingen endringer å vise siden {date}."
CHANGE_NEW = "Nytt tiltak på siden: {name}."
CHANGE_PHASE = "{name} har gått fra fasen {old} til fasen {new}."
CHANGE_DONE = "{name}: «{title}» ble gjort {date}."
CHANGE_PLANNED = "{name}: ny milepæl «{title}», planlagt {date}."
CHANGE_MOVED = "{name}: «{title}» er flyttet fra {old} til {new}."
CHANGE_BUDGET_NEW = "Budsjettet for {year} er lagt inn: {amount} i alt."
CHANGE_BUDGET = "Budsjettet for {year} er endret fra {old} til {new} i alt."
CHANGE_DECISION = "{name}: nytt vedtak {date}: «{title}»."
CHANGE_MEASURED = "Nye målinger av {count} gevinster. Du finner dem på kortet til hvert tiltak."
CHANGE_MEASURED_ONE = "{name}: ny måling av gevinsten «{title}»."
CHANGES_MORE = "Og {count} endringer til."
CHANGES_MORE_ONE = "Og 1 endring til."

# One card: spending above the budget, said in words
OVER_BUDGET_CARD = "Brukt {amount} mer enn budsjettert for {year}."

# One card: the decisions about the initiative, newest first
DECISIONS_HEADING = "Vedtak"
DECISION = "**{date}: {title}.** {who} bestemte{point}: «{text}»"
DECISION_NO_TEXT = "**{date}: {title}.** Bestemt av {who_lower}{point}."
DECISION_POINT = " ved beslutningspunkt {number}"
DECISION_CASE = "Saken har nummer {case} i kommunens arkiv."
MORE_DECISIONS = "Og {count} eldre vedtak."
NO_DECISIONS = "Ingen vedtak om tiltaket er publisert."
# Who decided, at the start of a sentence (and in lower case after "Bestemt av")
DECISION_BODIES = {
    "KDL": "Kommunedirektørens ledergruppe",
    "styringsgruppe": "Styringsgruppen for tiltaket",
    "formannskap": "Formannskapet",
    "bystyre": "Bystyret",
    "prosjekteier": "Prosjekteieren",
    "annet": "Kommunen",
}

# One card: the benefits (gevinster) the initiative is to bring, and how far each has come
BENEFITS_HEADING = "Gevinster"
BENEFITS_INTRO = "Dette skal tiltaket gi:"
BENEFIT = "**{title}.** {text}"
BENEFIT_INDICATOR = "Kommunen måler det slik: {indicator}."
BENEFIT_NO_INDICATOR = "Kommunen har ennå ikke bestemt hvordan dette skal måles."
BENEFIT_TARGET = "Målet er {target} innen {date}."
BENEFIT_TARGET_OPEN = "Målet er {target}."
BENEFIT_BASELINE = "Da arbeidet startet ({date}), var det {baseline}."
BENEFIT_MEASURED = "Målt: {values}."
BENEFIT_MEASUREMENT = "{value} ({date})"
BENEFIT_MORE_MEASURED = "I tillegg er det {count} eldre målinger."
BENEFIT_MORE_MEASURED_ONE = "I tillegg er det 1 eldre måling."
BENEFIT_NOT_MEASURED = "Det er ikke målt ennå."
BENEFIT_LATE = "Målet skulle vært nådd {date}."
BENEFIT_REACHED = "Målet er nådd."
BENEFIT_PROGRESS = "Tiltaket har kommet {share} av veien fra start til mål."
BENEFIT_NO_PROGRESS = "Det har ikke blitt bedre siden start."
NO_BENEFITS = "Ingen gevinster for tiltaket er publisert."
# A measured value in its unit, in words (BENEFIT_VALUE: without a unit)
BENEFIT_VALUE = "{value}"
BENEFIT_UNITS = {
    "antall": "{value}",
    "kroner": "{value} kroner",
    "prosent": "{value} prosent",
    "timer": "{value} timer",
    "skår": "{value} poeng",
}

# «Hva gjør kommunen for meg?»: the initiatives for one citizen group, by focus area
GROUPS_HEADING = "Hva gjør kommunen for meg?"
GROUPS_INTRO = (
    "Velg en gruppe du hører til. Da ser du hvilke tiltak kommunen har for den gruppen. "
    "Tiltakene er sortert etter hva de handler om."
)
GROUP_PICKER = "Jeg vil se tiltak for"
GROUP_PLACEHOLDER = "Velg en gruppe"
GROUP_PICKER_HELP = "Gruppene er de fem innbyggergruppene programmet skal samarbeide med."
GROUP_COUNT = "Kommunen har {count} tiltak for {group} på denne siden."
GROUP_COUNT_ONE = "Kommunen har 1 tiltak for {group} på denne siden."
GROUP_NONE = "Kommunen har ingen tiltak for {group} på denne siden ennå."
GROUP_FOCUS_HEADING = "{area} ({count} tiltak)"
GROUP_FOCUS_NONE = "Ingen av tiltakene handler om {area}."
GROUP_ITEM = "**{name}** ({state}): {summary}"
GROUP_ITEM_NO_SUMMARY = "**{name}** ({state})."
GROUP_MORE = "Og {count} andre tiltak. Du finner dem i listen «Tiltakene» under."
GROUP_MORE_ONE = "Og 1 annet tiltak. Du finner det i listen «Tiltakene» under."
GROUP_NOTE = "Et tiltak kan handle om flere ting. Da står det under hver av dem. Les mer om hvert tiltak i listen under."
# The group's public meetings (medvirkning): coming and past
GROUP_ENGAGEMENTS_HEADING = "Møter og medvirkning"
GROUP_ENGAGEMENTS_INTRO = "Møter, verksteder og konferanser der kommunen lytter til og samarbeider med {group}."
GROUP_COMING = "Kommer"
GROUP_PAST = "Har vært"
GROUP_ENGAGEMENT_ITEM = "{date}: **{title}** ({kind}, {place}). Del av {initiative}."
GROUP_ENGAGEMENT_ITEM_NO_PLACE = "{date}: **{title}** ({kind}). Del av {initiative}."
# The same on the initiative's own page (the static site), where the initiative goes without saying
ENGAGEMENT_LINE = "{date}: **{title}** ({kind}, {place})."
ENGAGEMENT_LINE_NO_PLACE = "{date}: **{title}** ({kind})."
NO_ENGAGEMENTS = "Ingen møter er lagt ut ennå."
GROUP_NO_COMING = "Ingen nye møter er lagt ut ennå."
GROUP_NO_ENGAGEMENTS = "Ingen møter for {group} er lagt ut ennå."
GROUP_ENGAGEMENTS_MORE = "Og {count} tidligere møter."
GROUP_ENGAGEMENTS_MORE_ONE = "Og 1 tidligere møte."
GROUP_COMING_MORE = "Og {count} møter til senere."
GROUP_COMING_MORE_ONE = "Og 1 møte til senere."
# The kinds of meetings, as a citizen reads them
ENGAGEMENT_KIND_WORDS = {
    "dialogverksted": "dialogverksted",
    "dialogmøte": "dialogmøte",
    "konferanse": "konferanse",
    "seminar": "seminar",
    "digital medvirkning": "digital medvirkning",
    "annet": "møte",
}

# Command line: python -m portfolio export-public
CLI_EXPORT = (
    "Skriv de offentlige dataene (bare offentlige tiltak, milepæler, budsjettlinjer, vedtak og "
    "gevinster med målinger, og bare offentlige kolonner) som Parquet og CSV til en mappe."
)
CLI_EXPORT_OUT = "Mappe å skrive til; lages om den ikke finnes."
CLI_EXPORT_SNAPSHOT = "ID for øyeblikksbildet som skal eksporteres (standard: det siste)."
CLI_EXPORTED = (
    "Skrev offentlige data fra øyeblikksbilde {snapshot_id} til {path}: {initiatives} tiltak, "
    "{budgets} budsjettlinjer og {milestones} milepæler."
)
CLI_NO_SNAPSHOTS = "Ingen øyeblikksbilder i {path}."
CLI_UNKNOWN_SNAPSHOT = "Fant ikke øyeblikksbildet «{snapshot_id}» i {path}."
