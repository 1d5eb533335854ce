"""Texts of the static public website (`python -m portfolio publish`:
portfolio/present/site.py and the templates in portfolio/templates/site/), in
plain Norwegian bokmål (klarspråk). The site says what the public page says
with the texts of portfolio/texts/public.py and about.py; only what is new
on the site is here."""

import datetime as dt

SITE_NAME = "Samhandlingskommunen Kristiansand"
PAGE_TITLE = "{page} – Samhandlingskommunen Kristiansand"
PAGE_TITLE_NUMBERED = "{title}, side {page} av {pages}"
SKIP_LINK = "Hopp til innholdet"
NAV_LABEL = "Hovedmeny"
HOME = "Forsiden"
BREADCRUMB_LABEL = "Du er her"
TOC_LABEL = "På denne siden"

# The footer of every page
PUBLISHED = "Publisert {date}. Dataene er fra {snapshot_date} (øyeblikksbilde {snapshot_id})."
FOOTER_DATA = "Last ned dataene"
FOOTER_BY = "Kristiansand kommune har ansvar for innholdet."

# Subscribe: the feeds, linked from the front page
FOLLOW_HEADING = "Følg med"
FOLLOW_INTRO = "Du kan få beskjed når noe endrer seg, uten å gå inn på siden:"
FEED_LINK = "Endringer i tiltakene (Atom-feed for nyhetslesere)"
CALENDAR_LINK = "Milepæler og vedtak (kalender du kan abonnere på)"
FEED_TITLE = "Endringer i tiltakene i Samhandlingskommunen Kristiansand"

# The front page: the initiatives by focus area and target group
BY_FOCUS_HEADING = "Tiltak etter innsatsområde"
BY_FOCUS_INTRO = "Kommunen jobber med tre innsatsområder. Et tiltak kan høre til flere av dem."
BY_GROUP_HEADING = "Tiltak etter målgruppe"
BY_GROUP_INTRO = "Hvem tiltakene er for. Et tiltak kan være for flere grupper."
# One group of initiatives: its heading on the front page, the title of its own page and the link there
FOCUS_TITLE = "Tiltak om {area}"
FOCUS_SEE_ALL = "Se alle {count} tiltak om {area}"
FOCUS_NONE_HEADING = "Uten innsatsområde"
FOCUS_NONE_TITLE = "Tiltak uten innsatsområde"
FOCUS_NONE_SEE_ALL = "Se alle {count} tiltak uten innsatsområde"
TARGET_TITLE = "Tiltak for {group}"
TARGET_SEE_ALL = "Se alle {count} tiltak for {group}"
TARGET_NONE_HEADING = "Uten målgruppe"
TARGET_NONE_TITLE = "Tiltak uten målgruppe"
TARGET_NONE_SEE_ALL = "Se alle {count} tiltak uten målgruppe"
GROUP_COUNT = "{count} tiltak."
GROUP_SHOWN = "{count} tiltak. Her er de {shown} første."
GROUP_COUNT_TOC = "{name} ({count})"
ENTRY_PHASE = "Fase: {phase}."

# A page of one group's initiatives
GROUP_PAGE_INTRO = "Her er alle tiltakene i gruppen, {count} i alt. Programmene står først, så tiltakene etter navn."
PAGES_LABEL = "Sider"
PAGE_OF = "Side {page} av {pages}"
PREVIOUS_PAGE = "Forrige side"
NEXT_PAGE = "Neste side"
PAGE_LINK = "Side {page}"

# Charts on the front page: a chart, what it shows in words, and a table of the same numbers
PHASE_CHART_TITLE = "Tiltak i hver fase"
FOCUS_CHART_TITLE = "Tiltak per innsatsområde"
TARGET_CHART_TITLE = "Tiltak per målgruppe"
TARGET_TABLE_LABEL = "Antall tiltak per målgruppe. Et tiltak kan være for flere grupper."
TARGET_COLUMN = "Målgruppe"
TARGET_SENTENCE = "Flest tiltak er for {group} ({count} tiltak)."
MONEY_CHART_TITLE = "Budsjett og brukt per år, alle tiltak"
AXIS_COUNT = "Antall tiltak"

# One initiative's page
INITIATIVE_FACTS = "Fakta om tiltaket"
PHASE_HEADING = "Fase"
PHASE_NOW = "(her er tiltaket nå)"
PHASE_LIST_LABEL = "Fasene et tiltak går gjennom"
LINKS_HEADING = "Mer om tiltaket"
BACK_TO_INDEX = "Tilbake til alle tiltakene"
DATA_LINK = "Dataene om alle tiltakene kan lastes ned"
PROGRAMME_LINK = "Programmet tiltaket hører til: {name}"
# Its results on Decidim: the public page's words (decidim_pages.PUBLIC_*), and a progress Decidim does not give
DECIDIM_NO_PROGRESS = "ikke oppgitt"

# «Om dataene»: the files that can be downloaded (the heading: public.DOWNLOADS_HEADING)
DOWNLOADS_INTRO = (
    "Dataene på disse sidene kan lastes ned som åpne data. Filene har bare de offentlige tiltakene "
    "og de offentlige feltene, de samme som sidene viser."
)
DOWNLOAD_INFO = "({format}, {size})"
DOWNLOAD_SIZE_ONLY = "({size})"
DOWNLOADS_NONE = "Det er ingen filer å laste ned."
FORMATS_HEADING = "Om formatene"
FORMATS = {
    "CSV": "CSV er en tekstfil med én rad per linje. Den kan åpnes i et regneark.",
    "Parquet": "Parquet er et format for dataanalyse, med typene til hver kolonne.",
    "JSON": "Datapakken (JSON) beskriver hver tabell og hver kolonne i filene.",
    "JSON-LD": "JSON-LD beskriver dataene (metadata), slik at de kan finnes i den nasjonale datakatalogen.",
    "Atom": "Atom er en nyhetsstrøm. En nyhetsleser kan vise endringene når de kommer.",
    "iCalendar": "iCalendar er en kalender med milepælene og vedtakene. Du kan abonnere på den i kalenderen din.",
}
SIZE_BYTES = "{size} byte"
SIZE_KB = "{size} kB"
SIZE_MB = "{size} MB"
SOURCE = (
    "Sidene og filene er laget fra øyeblikksbildet {snapshot_id}, som ble lagret {date}. "
    "De ble publisert {published}."
)

# The accessibility statement of the site (the law, feedback and complaint: about.py)
STATEMENT_DATE = dt.date(2026, 12, 2)
STATEMENT_INTRO = (
    "Kristiansand kommune har ansvar for disse nettsidene: de offentlige dataene om tiltakene i "
    "Samhandlingskommunen Kristiansand, publisert som vanlige nettsider. Sidene skal være "
    "universelt utformet, slik at alle kan bruke dem."
)
STATEMENT_STATUS = (
    "Sidene følger kravene **delvis**. Vi kjenner til noen mangler, og noe har vi ikke testet ennå. "
    "Det står nedenfor."
)
STATEMENT_OK = (
    "Hver type side testes automatisk med verktøyet axe-core mot kravene i WCAG 2.1 A og AA. "
    "Testen finner ingen feil.",
    "Sidene er merket som norsk bokmål, slik at skjermlesere leser teksten med norsk uttale.",
    "Hver side har én hovedoverskrift, og overskriftene kommer i riktig rekkefølge.",
    "Sidene virker uten JavaScript. Alt kan brukes med tastaturet, og en lenke øverst hopper "
    "rett til innholdet.",
    "Fasen til et tiltak står alltid med ord, ikke bare med farge.",
    "Tekst har minst 4,5:1 i kontrast mot bakgrunnen.",
    "Hvert diagram har en setning som sier det viktigste, og en tabell med de samme tallene.",
    "Sidene virker på en mobilskjerm som er 320 piksler bred, uten at du må rulle sidelengs. "
    "De kan også skrives ut.",
)
STATEMENT_NOT_OK = (
    "**Diagrammene er bilder:** En skjermleser leser setningen som beskriver diagrammet, ikke "
    "tallene i det. De samme tallene står i tabellen under hvert diagram. På en liten skjerm kan "
    "lange navn i diagrammene være forkortet.",
    "**Nedlastede filer:** Filene som kan lastes ned (CSV, Parquet, JSON, JSON-LD, Atom og iCalendar), "
    "er ikke testet for universell utforming.",
    "**Lenker til andre nettsteder:** Noen tiltak lenker til egne nettsider. Dem har vi ikke testet.",
)
STATEMENT_NOT_TESTED = (
    "Vi har ikke testet sidene med skjermlesere (for eksempel NVDA, JAWS eller VoiceOver) eller med "
    "brukere som har nedsatt funksjonsevne. Automatiske tester finner bare en del av feilene. "
    "Erklæringen er ikke publisert i Digitaliseringsdirektoratets løsning uustatus.no ennå."
)
