"""Texts of `python -m portfolio publish` and of what it writes beside the
website: the open-data package (datapackage.json, catalog.jsonld), the Atom
feed of changes and the calendar. Plain Norwegian bokmål: journalists,
politicians and the national data catalogue read these."""

# -- the command line ---------------------------------------------------------------
CLI = {
    "help": "Publiser de offentlige dataene som en mappe med nettsted, åpne data og feeder.",
    "description": (
        "Skriv den offentlige porteføljen til en mappe som kan legges på en hvilken som helst "
        "webserver: et nettsted i HTML, åpne data (CSV, Parquet, datapackage.json og "
        "DCAT-AP-NO i catalog.jsonld), en Atom-feed med endringer og en kalender (iCalendar). "
        "Bare offentlige rader og kolonner blir lest."
    ),
    "out": (
        "Mappen som skal publiseres. Den må være tom, ikke finnes, eller være en tidligere "
        "publisering; da blir den byttet ut i sin helhet."
    ),
    "snapshot": "ID for øyeblikksbildet som skal publiseres (standard: det siste).",
    "base_url": (
        "Adressen mappen skal ligge på, for eksempel https://www.kristiansand.kommune.no/portefolje/. "
        "Uten den blir lenkene i katalogen og feedene relative."
    ),
    "config": (
        "Innstillingsfil (TOML) med utgiver, kontaktpunkt og lisens "
        "(standard: publish.toml i datamappen)."
    ),
    "published": (
        "Publiserte øyeblikksbilde {snapshot_id} til {path}: {initiatives} tiltak, {files} filer."
    ),
    "no_base_url": (
        "Merk: Uten --base-url har katalogen (data/catalog.jsonld) og feedene relative adresser. "
        "Data.norge.no kan bare høste katalogen når den har fulle adresser."
    ),
    "demo_settings": "Merk: Dette er eksempeldata; utgiver og kontaktpunkt som mangler, er hentet fra {path}.",
}

# Why the command cannot run (exit status 2)
ERRORS = {
    "no_snapshots": "Ingen øyeblikksbilder i {path}.",
    "unknown_snapshot": "Fant ikke øyeblikksbildet «{snapshot_id}» i {path}. Se listen med `python -m portfolio snapshots`.",
    "not_a_folder": "«{path}» finnes og er ikke en mappe. Velg en mappe å publisere til.",
    "not_a_publication": (
        "Mappen «{path}» er ikke tom og er ikke en tidligere publisering (den har ingen {marker}). "
        "Velg en tom mappe eller en mappe som ikke finnes, så blir ingenting overskrevet ved en feil."
    ),
    "no_config": "Fant ikke innstillingsfilen «{path}».",
    "bad_config": "Innstillingsfilen «{path}» kan ikke leses: {problem}",
    "missing_settings": (
        "Innstillingsfilen mangler {keys}. Åpne data må si hvem som utgir dem og hvem man kan kontakte. "
        "Skriv dem i {path} (se data/publish.toml for et eksempel) eller bruk --config."
    ),
    "missing_settings_no_file": (
        "Det finnes ingen innstillingsfil ({path}), og den trengs for {keys}. Åpne data må si hvem som "
        "utgir dem og hvem man kan kontakte. Kopier data/publish.toml dit og fyll den ut, eller bruk --config."
    ),
    "bad_organisation_number": (
        "Organisasjonsnummeret «{value}» i innstillingsfilen er ikke gyldig: det må være ni siffer."
    ),
    "bad_email": "E-postadressen «{value}» i innstillingsfilen er ikke gyldig.",
    "bad_url": "Adressen «{value}» må begynne med https:// eller http://.",
    "unwritable": "Kan ikke skrive til «{path}»: {reason}. Ingenting er endret.",
}

# -- the open-data package -----------------------------------------------------------
DATASET_TITLE = "Porteføljen til Samhandlingskommunen Kristiansand"
DATASET_DESCRIPTION = (
    "Tiltakene i programmet Samhandlingskommunen Kristiansand og tiltak som henger sammen med "
    "det: hva de skal gjøre, fase, milepæler, vedtak, gevinster og budsjett og regnskap per år. "
    "Bare det kommunen har merket som offentlig, er med. Dataene er hentet fra øyeblikksbildet "
    "{snapshot_id}, lagret {date}."
)
DATASET_DEMO = (
    " Dette er eksempeldata: mye av innholdet er laget for å vise hvordan løsningen virker, og "
    "er ikke fakta om kommunen."
)
CATALOG_TITLE = "Åpne data fra porteføljeoversikten – Samhandlingskommunen Kristiansand"
CATALOG_DESCRIPTION = (
    "Datasett som porteføljeoversikten for Samhandlingskommunen Kristiansand publiserer som åpne data."
)
KEYWORDS = ("samhandling", "portefølje", "tiltak", "prosjekter", "Kristiansand kommune")
# Norwegian table descriptions (titles: portfolio.texts.TABLE_LABELS)
TABLE_DESCRIPTIONS = {
    "initiatives": "Ett tiltak eller program per rad: navn, ansvar, fase, innsatsområder, målgrupper og datoer.",
    "budgets": "Budsjett og regnskap per tiltak, år og finansieringskilde, i hele kroner.",
    "milestones": "Offentlige milepæler, beslutningspunkter, arrangementer og leveranser med frist og dato fullført.",
    "decisions": "Offentlige vedtak om tiltakene: hvem som vedtok, når, og ved hvilket beslutningspunkt.",
    "benefits": "Offentlige gevinster tiltakene skal gi, med måleindikator, startverdi og målverdi.",
    "benefit_measurements": "Målinger av de offentlige gevinstenes indikatorer.",
    "engagements": "Offentlige møter med innbyggere og samarbeidspartnere (medvirkning): type, tittel, dato og sted.",
}
TABLE_LINE = "**{table}** ({file}): {description}"
LIST_NOTE = "En liste, skrevet som JSON i CSV-filen."
ALLOWED_ITEMS_NOTE = "Gyldige verdier: {values}."
RESOURCE_TITLE = "{table} ({format})"
FILE_TITLES = {
    "datapackage": "Beskrivelse av datapakken (Frictionless Data Package)",
    "catalog": "Katalogbeskrivelse (DCAT-AP-NO)",
    "changes": "Endringer (Atom-feed)",
    "calendar": "Milepæler og vedtak (kalender)",
}
LICENCE_NAME = "Norsk lisens for offentlige data (NLOD) 2.0"

# -- the Atom feed ---------------------------------------------------------------
FEED_TITLE = "Endringer i porteføljen – Samhandlingskommunen Kristiansand"
FEED_SUBTITLE = (
    "Én oppføring per endring i de offentlige dataene, nyeste først: endringene i de siste "
    "{snapshots} oppdateringene, høyst {limit}. Bare tiltak som er offentlige nå, er med."
)
ENTRY_TITLE = "{name}: {kind}"
ENTRY_DETAIL = "{what}, {field}: {old} → {new}"
ENTRY_ADDED = "{what}: {new}"
ENTRY_SNAPSHOT = "Oppdatert {date}."

# -- the calendar ------------------------------------------------------------------
CALENDAR_NAME = "Samhandlingskommunen Kristiansand – milepæler og vedtak"
CALENDAR_DESCRIPTION = "Offentlige milepæler, arrangementer og vedtak for tiltakene i Samhandlingskommunen Kristiansand."
EVENT_MILESTONE = "{name}: {title}"
EVENT_DECISION = "{name}: Vedtak – {title}"
EVENT_KIND = "{kind} for tiltaket «{name}»."
EVENT_DONE = "Fullført {date}."
EVENT_DUE = "Frist {date}."
EVENT_DECIDED = "Vedtatt av {body} {date}."
EVENT_DECIDED_AT = "Vedtatt av {body} {date}, ved {decision_point}."
EVENT_CASE = "Saksnummer: {case_number}."
