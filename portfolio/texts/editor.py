"""Texts for the in-app editor's governance register on «Oppdater data»:
decisions, checklist answers, risks, benefits and their measurements; and
its collaboration tables: engagements, surveys and their scores."""

SECTION = "Styring"
SECTION_INTRO = (
    "Vedtak, sjekklister, risikoer og gevinster for tiltaket. Legg til en rad nederst i en tabell, "
    "og slett en rad ved å merke den og trykke på søppelbøtta. Alt kontrolleres, og du ser "
    "endringene før noe lagres."
)

# Expander labels: the table and how many rows the initiative has in it
EXPANDER = "{table} ({count})"

DECISIONS_HELP = "Vedtak om tiltaket: når, av hvem og ved hvilket beslutningspunkt."
RISKS_HELP = (
    "Sannsynlighet og konsekvens er hele tall fra 1 (lavest) til 5 (høyest). Risikoskåren er "
    "sannsynlighet × konsekvens; den regnes ut og lagres ikke."
)
BENEFITS_HELP = "Gevinster tiltaket skal gi, med indikatoren som måler dem, startverdi og målverdi."
MEASUREMENTS_TITLE = "Gevinstmålinger"
MEASUREMENTS_HELP = (
    "Målinger av gevinstene over. En ny gevinst må lagres før du kan legge inn målinger av den."
)
MEASUREMENTS_NO_BENEFIT = "Tiltaket har ingen lagrede gevinster å legge inn målinger for."

CHECKLIST_HELP = (
    "Sjekkpunktene fra Prosjektveiviseren er fylt inn: skriv bare svaret, og gjerne en kommentar. "
    "Et punkt uten svar og kommentar lagres ikke; tøm begge for å slette et svar."
)
CHECKLIST_SOURCE = "Kilde: {source}"
CHECKLIST_UNKNOWN = "Punkt {item_no} finnes ikke i sjekklisten for {decision_point}; tøm svaret for å slette det."

# Columns only the editor shows
SCORE = "Risikoskår (S × K)"
SCORE_HELP = "Sannsynlighet × konsekvens, regnet ut (lagres ikke)."
ANSWER_HELP = "Ja, Nei, Delvis eller Ikke vurdert, eller skriv et eget svar."
ID_HELP = "Lages når raden lagres første gang."
BENEFIT_HELP = "Gevinsten som er målt."

# The risk scores after the edits (the editor's own column shows the saved ones)
SCORES_CHANGED = "Risikoskår etter endringene: {scores}"
SCORE_SEPARATOR = "; "
SCORE_LINE = "«{title}»: {probability} × {consequence} = {score}"
SCORE_LINE_UNKNOWN = "«{title}»: sannsynlighet og konsekvens må fylles ut"
UNTITLED = "uten tittel"

# The start of an id made for a new row (the id is data: stored as written)
ID_PREFIX = {"decisions": "vedtak", "risks": "risiko", "benefits": "gevinst", "engagements": "medvirkning",
             "collaboration_surveys": "undersokelse"}

# The collaboration tables: engagements, surveys and their scores
COLLABORATION_SECTION = "Samhandling"
COLLABORATION_INTRO = (
    "Møter med innbyggere og partnere, og undersøkelser av samhandlingen i tiltaket. Antall deltakere og "
    "undersøkelsene er interne; en offentlig medvirkning vises uten antallene. Undersøkelser av et helt "
    "kommunalområde legges inn i Excel-malen."
)
ENGAGEMENTS_HELP = (
    "Dialogverksteder, dialogmøter, konferanser og seminarer, med antall deltakere per gruppe (tomt hvis ikke "
    "telt). Offentlig bare når tiltaket er offentlig."
)
SURVEYS_HELP = "Undersøkelser av samhandlingen i tiltaket: når, hvem som svarte, hvor mange, og med hvilket instrument."
SCORES_TITLE = "Samhandlingsskårer"
SCORES_HELP = (
    "Resultatet per dimensjon: gjennomsnitt fra 1 til 5 og antall svar. Et gjennomsnitt av færre enn {min_n} "
    "svar vises ikke. En ny undersøkelse må lagres før du kan legge inn skårer for den."
)
SCORES_NO_SURVEY = "Tiltaket har ingen lagrede undersøkelser å legge inn skårer for."
SURVEY_LABEL = "{date} – {group}"
SURVEY_HELP = "Undersøkelsen skåren hører til."
DIMENSION_HELP = "En av de sju dimensjonene i relasjonell koordinering, eller en dimensjon som allerede er i bruk."
INSTRUMENT_HELP = "Måleinstrumentet; et nytt instrument legges inn i Excel-malen."
