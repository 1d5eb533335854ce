"""Texts for data updates: the Excel template, import, validation messages,
the page «Oppdater data» and the commands template/import/validate/restore."""

from portfolio.texts import collaboration_data, decidim, register

PAGE_TITLE = "Oppdater data"

# -- the Excel template ------------------------------------------------------
INSTRUCTIONS_SHEET = "Veiledning"
LISTS_SHEET = "Lister"
META_SHEET = "Metadata"
TRUE_WORD = "Ja"
FALSE_WORD = "Nei"

# Words accepted for yes/no cells (lower case), besides Excel's own TRUE/FALSE
TRUE_WORDS = ("ja", "j", "sann", "true", "yes", "y", "1", "x")
FALSE_WORDS = ("nei", "n", "usann", "false", "no", "0")

LIST_HELP_TITLE = "Flere verdier"
LIST_HELP = "Velg fra listen, eller skriv flere verdier skilt med semikolon, for eksempel «a; b»."
CHOICE_ERROR_TITLE = "Ugyldig verdi"
CHOICE_ERROR = "Velg en verdi fra listen."
REFERENCE_ERROR_TITLE = "Ukjent tiltak"
REFERENCE_ERROR = "Tiltak-ID-en finnes ikke i arket Tiltak. Vil du beholde den likevel?"
DATE_ERROR_TITLE = "Ugyldig dato"
DATE_ERROR = "Skriv en dato mellom 01.01.2000 og 31.12.2100, for eksempel 22.11.2026."
AMOUNT_ERROR_TITLE = "Ugyldig beløp"
AMOUNT_ERROR = "Skriv hele kroner, 0 eller mer, uten «kr»."
YEAR_ERROR_TITLE = "Ugyldig år"
YEAR_ERROR = "Skriv et år mellom 2000 og 2100."

INSTRUCTIONS_TITLE = "Veiledning: oppdatere porteføljen i Excel"
INSTRUCTIONS_SOURCE = "Denne filen er hentet fra øyeblikksbildet {date} (ID {snapshot_id}), lagret av {author}."
INSTRUCTIONS_SOURCE_EMPTY = "Denne filen er en tom mal: det finnes ingen data ennå."
INSTRUCTIONS_STEPS = (
    "1. Gjør endringene i arkene «Tiltak», «Budsjett» og «Milepæler» og i arkene for styring. Ikke "
    "endre overskriftene i rad 1 eller navnene på arkene.",
    "2. Én rad er ett tiltak, én budsjettlinje (tiltak + år + finansieringskilde), én milepæl, ett "
    "vedtak, ett svar i en sjekkliste, én risiko, én gevinst, én gevinstmåling, én medvirkning, én "
    "samhandlingsundersøkelse eller én skår i en undersøkelse (undersøkelse + dimensjon).",
    "3. Nytt tiltak: skriv en ny rad med en ny Tiltak-ID (små bokstaver a–z, tall og bindestrek, "
    "for eksempel «flere-i-arbeid»). Slette: slett hele raden.",
    "4. Felt med nedtrekksliste: velg en verdi fra listen. Felt som kan ha flere verdier "
    "(Samarbeidende områder, Innsatsområder, Målgrupper, Samarbeidspartnere): skill verdiene med "
    "semikolon, for eksempel «innbyggerdialog; tjenestene».",
    "5. Datoer skrives som dd.mm.åååå, for eksempel 22.11.2026. Beløp er hele kroner uten «kr».",
    "6. Offentlig: «Ja» eller «Nei». Et offentlig tiltak må ha et offentlig sammendrag i et enkelt "
    "språk, fordi det vises for innbyggerne.",
    "7. Lagre filen som Excel-arbeidsbok (.xlsx) og last den opp på siden «Oppdater data». "
    "Du ser alle feil og alle endringer før noe blir lagret, og ingenting lagres før du trykker "
    "«Lagre».",
    "8. Har noen andre lagret data etter at du hentet denne filen, blir lagringen stoppet, slik at "
    "ingen endringer går tapt. Hent da en ny fil og gjør endringene på nytt.",
)
INSTRUCTIONS_COLUMNS = "Kolonnene"
INSTRUCTIONS_HEADER = ("Ark", "Kolonne", "Påkrevd", "Gyldige verdier", "Forklaring")
REQUIRED_YES = "Ja"
REQUIRED_NO = "Nei"
LIST_SEPARATOR_NOTE = "flere verdier skilt med «;»"
MAX_LENGTH_NOTE = "høyst {limit} tegn"
MAX_LENGTH_ITEM_NOTE = "høyst {limit} tegn hver"

# What each column holds, in plain Norwegian (the template's instructions sheet)
COLUMN_HELP = {
    "initiatives": {
        "initiative_id": "Fast ID for tiltaket: små bokstaver, tall og bindestrek. Endres ikke.",
        "name": "Navnet på tiltaket.",
        "parent_id": "Tiltak-ID for programmet tiltaket hører til. Tomt for et program.",
        "owner_area": "Kommunalområdet som eier tiltaket.",
        "collaborating_areas": "Andre kommunalområder som er med.",
        "project_owner": "Prosjekteier (den som har ansvaret).",
        "project_leader": "Prosjektleder. Tomt hvis ingen er utpekt.",
        "phase": "Fase i Prosjektveiviseren.",
        "last_decision_point": "Siste beslutningspunkt som er passert. Tomt før BP1.",
        "status_overall": "Samlet status.",
        "status_schedule": "Status for fremdrift.",
        "status_budget": "Status for økonomi.",
        "status_quality": "Status for kvalitet.",
        "status_risk": "Status for risiko.",
        "status_summary": "Kort statuskommentar (intern).",
        "comment_schedule": "Kommentar til fremdriften (intern).",
        "comment_budget": "Kommentar til økonomien (intern).",
        "comment_quality": "Kommentar til kvaliteten (intern).",
        "comment_risk": "Kommentar til risikoen (intern).",
        "focus_areas": "Innsatsområder.",
        "target_groups": "Innbyggergrupper tiltaket retter seg mot.",
        "partners": "Eksterne samarbeidspartnere.",
        "start_date": "Startdato.",
        "end_date": "Planlagt eller faktisk sluttdato; ikke før startdatoen.",
        "is_public": "Om tiltaket vises på den offentlige siden.",
        "public_summary": "Sammendrag i et enkelt språk for innbyggerne. Påkrevd når tiltaket er offentlig.",
        "url": "Lenke til mer informasjon.",
    },
    "budgets": {
        "initiative_id": "Tiltaket budsjettlinjen hører til.",
        "year": "Budsjettår.",
        "funding_source": "Hvor pengene kommer fra.",
        "budget_nok": "Vedtatt budsjett i hele kroner.",
        "actual_nok": "Regnskap hittil i hele kroner.",
        "forecast_nok": "Prognose for året i hele kroner (intern).",
        "note": "Merknad (intern).",
    },
    "milestones": {
        "milestone_id": "Fast ID for milepælen: små bokstaver, tall og bindestrek.",
        "initiative_id": "Tiltaket milepælen hører til.",
        "title": "Tittel.",
        "kind": "Hva slags milepæl det er.",
        "decision_point": "Beslutningspunkt (BP1–BP5). Påkrevd når typen er «beslutningspunkt».",
        "due_date": "Frist.",
        "completed_date": "Dato milepælen ble fullført. Tomt så lenge den er åpen.",
        "is_public": "Om milepælen vises på den offentlige siden.",
        "note": "Merknad (intern).",
    },
}

COLUMN_HELP.update(register.COLUMN_HELP)  # the governance register's tables
COLUMN_HELP.update(collaboration_data.COLUMN_HELP)  # the collaboration tables
COLUMN_HELP.update(decidim.COLUMN_HELP)  # the links to Decidim

# -- reading files: where a problem is, and what it is ----------------------------
LOCATION_FILE = "Fil «{file}»: {message}"
LOCATION_SHEET = "Fil «{file}», ark «{sheet}»: {message}"
LOCATION_SHEET_COLUMN = "Fil «{file}», ark «{sheet}», kolonne «{column}»: {message}"
LOCATION_SHEET_ROW = "Fil «{file}», ark «{sheet}», rad {row}: {message}"
LOCATION_SHEET_CELL = "Fil «{file}», ark «{sheet}», rad {row}, kolonne «{column}»: {message}"
# A CSV file has no sheets: the table it holds is named instead
LOCATION_CSV = "Fil «{file}» (tabell «{table}»): {message}"
LOCATION_CSV_COLUMN = "Fil «{file}» (tabell «{table}»), kolonne «{column}»: {message}"
LOCATION_CSV_ROW = "Fil «{file}» (tabell «{table}»), rad {row}: {message}"
LOCATION_CSV_CELL = "Fil «{file}» (tabell «{table}»), rad {row}, kolonne «{column}»: {message}"
# A table taken unchanged from the base snapshot (not in any uploaded file)
LOCATION_BASE = "Tabell «{table}» (uendret fra øyeblikksbildet {snapshot_id}): {message}"
LOCATION_BASE_ROW = "Tabell «{table}» (uendret fra øyeblikksbildet {snapshot_id}), rad {row}: {message}"
LOCATION_BASE_CELL = (
    "Tabell «{table}» (uendret fra øyeblikksbildet {snapshot_id}), rad {row}, kolonne «{column}»: {message}"
)
# A table taken from an earlier snapshot (restore)
LOCATION_SNAPSHOT = "Tabell «{table}» (fra øyeblikksbildet {snapshot_id}): {message}"
LOCATION_SNAPSHOT_ROW = "Tabell «{table}» (fra øyeblikksbildet {snapshot_id}), rad {row}: {message}"
LOCATION_SNAPSHOT_CELL = (
    "Tabell «{table}» (fra øyeblikksbildet {snapshot_id}), rad {row}, kolonne «{column}»: {message}"
)
# Corrections made in the app (no file)
EDITS_ORIGIN = "rettinger i appen"
LOCATION_TABLE = "Tabell «{table}» ({origin}): {message}"
LOCATION_TABLE_ROW = "Tabell «{table}» ({origin}), rad {row}: {message}"
LOCATION_TABLE_CELL = "Tabell «{table}» ({origin}), rad {row}, kolonne «{column}»: {message}"
LOCATION_GENERAL = "{message}"

PROBLEMS = {
    "no_files": "Ingen filer å lese.",
    "empty": "filen er tom.",
    "too_big": "filen er for stor ({size}); den største tillatte er {limit}.",
    "too_big_unpacked": "filen pakkes ut til mer enn {limit}; den er for stor til å leses.",
    "too_many_rows": "arket har mer enn {limit} rader; det er flere enn appen tar imot.",
    "unknown_type": (
        "ukjent filtype «{ext}». Last opp en Excel-arbeidsbok (.xlsx) eller CSV-filer (.csv)."
    ),
    "old_xls": (
        "filen er i det gamle Excel-formatet (.xls). Åpne den i Excel og lagre den som "
        "«Excel-arbeidsbok (.xlsx)»."
    ),
    "not_xlsx": (
        "filen er ikke en Excel-arbeidsbok (.xlsx), selv om navnet slutter på .xlsx. Åpne den i "
        "Excel og lagre den som «Excel-arbeidsbok (.xlsx)»."
    ),
    "xlsx_named_csv": (
        "filen er en Excel-arbeidsbok, men navnet slutter på .csv. Gi den endelsen .xlsx, "
        "eller lagre arket som CSV fra Excel."
    ),
    "not_csv": "filen er ikke en CSV-tekstfil (den inneholder binære data).",
    "encoding": (
        "tegnene i filen kan ikke leses. Lagre den fra Excel som «CSV UTF-8 (kommadelt)» "
        "eller «CSV (semikolondelt)»."
    ),
    "unknown_table": (
        "appen ser ikke hvilken tabell filen hører til. Kall filen tiltak.csv, budsjett.csv, "
        "milepæler.csv, vedtak.csv, sjekkliste.csv, risiko.csv, gevinster.csv, "
        "gevinstmålinger.csv, medvirkning.csv, samhandlingsundersøkelser.csv eller "
        "samhandlingsskårer.csv, eller bruk overskriftene fra malen i rad 1."
    ),
    "duplicate_table": "tabellen «{table}» finnes også i {other}; last opp bare én av dem.",
    "missing_sheet": (
        "arket «{sheet}» mangler. Arbeidsboken må ha arkene «Tiltak», «Budsjett» og «Milepæler»."
    ),
    "unknown_sheet": (
        "arket er ukjent. Bruk bare arkene fra malen: «Tiltak», «Budsjett», «Milepæler», «Vedtak», "
        "«Sjekkliste», «Risiko», «Gevinster», «Gevinstmålinger», «Medvirkning», "
        "«Samhandlingsundersøkelser» og «Samhandlingsskårer»."
    ),
    "no_header": "rad 1 må inneholde overskriftene (kolonnenavnene) fra malen.",
    "unknown_column": "kolonnen er ukjent. Bruk overskriftene fra malen.",
    "missing_column": "kolonnen mangler.",
    "duplicate_column": "kolonnen finnes flere ganger.",
    "blank_header": "kolonne {letter} har verdier, men ingen overskrift.",
    "ragged": "raden har {count} felt, men overskriftsraden har {expected}.",
    "date": "«{value}» er ikke en dato. Skriv datoen som dd.mm.åååå, for eksempel 22.11.2026.",
    "int": "«{value}» er ikke et heltall. Skriv hele kroner uten «kr», for eksempel 250000.",
    "year": "«{value}» er ikke et årstall. Skriv året med fire sifre, for eksempel 2026.",
    "not_whole": "«{value}» har desimaler; skriv et helt tall.",
    "bool": "«{value}» er ikke «Ja» eller «Nei».",
    "formula": (
        "cellen har formelen «{formula}», men ingen utregnet verdi. Skriv inn verdien i stedet for "
        "formelen, eller åpne og lagre filen i Excel."
    ),
    "cell_error": "cellen inneholder en feil fra Excel ({value}).",
    "unknown_base": (
        "filen bygger på øyeblikksbildet «{snapshot_id}», som ikke finnes i denne datamappen. "
        "Hent en ny mal fra appen."
    ),
    "mixed_bases": (
        "filene bygger på forskjellige øyeblikksbilder ({ids}). Last opp filer fra samme mal."
    ),
    "missing_table": (
        "tabellen mangler, og det finnes ingen tidligere data å hente den fra. Last opp hele "
        "arbeidsboken."
    ),
    "unreadable": "filen kan ikke leses ({reason}).",
    # what reading a file may cost (portfolio.config: UPLOAD_MAX_COLUMNS, _CELLS, _SECONDS)
    "too_many_columns": (
        "rad 1 har en overskrift i kolonne {letter}, men appen leser bare de første {limit} "
        "kolonnene. Slett kolonnene som ikke hører til malen."
    ),
    "too_many_cells": (
        "filen har mer enn {limit} celler (tomme celler og rader regnet med), flere enn appen "
        "leser. Slett tomme rader og kolonner, eller kopier dataene inn i en ny mal fra appen."
    ),
    "too_slow": (
        "lesingen ble stoppet etter {seconds} sekunder: filen tar for lang tid å lese. Slett tomme "
        "rader og kolonner, eller kopier dataene inn i en ny mal fra appen."
    ),
    "too_deep": (
        "filen er bygd opp med mer enn {limit} nivåer inne i hverandre, flere enn appen leser. "
        "Kopier dataene inn i en ny mal fra appen."
    ),
    "string_too_complex": (
        "tekst nummer {number} i arbeidsbokens tekstliste er bygd opp av mer enn {limit} deler, "
        "flere enn appen leser. Kopier dataene inn i en ny mal fra appen."
    ),
    "cell_too_complex": (
        "cellen {cell} er bygd opp av mer enn {limit} deler, flere enn appen leser. Skriv inn "
        "verdien på nytt, eller kopier dataene inn i en ny mal fra appen."
    ),
}

# Text longer than the data model allows (portfolio.model.schema: Column.max_length);
# checked in validation, so the upload, CSV, the app's editor and the command line alike
TOO_LONG = "teksten er for lang: {length} tegn, men høyst {limit} tegn er tillatt."
TOO_LONG_ITEM = (
    "verdien «{item}» er for lang: {length} tegn, men høyst {limit} tegn er tillatt for hver verdi."
)

SIZE_MB = "{size} MB"

# -- outcomes -------------------------------------------------------------------
INVALID = "Dataene er ikke lagret: {count} feil må rettes først."
INVALID_MORE = "… og {count} feil til."
VALID = "Filene er gyldige."
VALID_TABLES = "{table}: {rows} rader {source}."
SOURCE_FILE = "fra {file}"
SOURCE_SHEET = "fra {file}, ark «{sheet}»"
SOURCE_BASE = "uendret fra øyeblikksbildet {snapshot_id}"
SOURCE_SNAPSHOT = "fra øyeblikksbildet {snapshot_id}"
SOURCE_EDITS = "med rettinger i appen"
SOURCE_NAME = "«{file}»"
SOURCE_NAME_SHEET = "«{file}», ark «{sheet}»"
NO_CHANGES = "Ingen endringer: dataene er like øyeblikksbildet {snapshot_id} fra {date}. Ingenting er lagret."
CONFLICT = (
    "Konflikt: endringene bygger på øyeblikksbildet {base_id} fra {base_date}, men {author} lagret "
    "et nyere øyeblikksbilde {latest_id} {latest_date}. Ingenting er lagret, slik at ingen endringer "
    "går tapt. Hent en ny mal (eller last siden på nytt) og gjør endringene på nytt."
)
CONFLICT_NO_BASE = (
    "Konflikt: det er lagret data ({latest_id}) etter at endringene ble laget. Ingenting er lagret. "
    "Hent en ny mal og gjør endringene på nytt."
)
SAVED = "Lagret nytt øyeblikksbilde {snapshot_id} ({date}), laget av {author}."
BASE_LINE = "Sammenlignet med øyeblikksbildet {snapshot_id} fra {date} ({author}: {note})."
BASE_NONE = "Det finnes ingen data fra før; alt er nytt."
CHANGE_COUNT = {"one": "1 endring", "many": "{count} endringer"}
UNKNOWN_SNAPSHOT = "Fant ikke øyeblikksbildet «{snapshot_id}»."
NO_DATA = "Ingen øyeblikksbilder i {path}."
UNEXPECTED = "Uventet feil: {error}. Ingenting er lagret."
TEMPLATE_WRITTEN = "Skrev malen for øyeblikksbildet {snapshot_id} til {path}."
TEMPLATE_EMPTY_WRITTEN = "Skrev en tom mal til {path} (ingen data ennå)."
RESTORE_NOTE = "Gjenoppretter øyeblikksbildet {snapshot_id} fra {date}"
AUTHOR_REQUIRED = "Skriv navnet ditt."
NOTE_REQUIRED = "Skriv et notat om hva som er endret."

# -- command line -----------------------------------------------------------------
CLI = {
    "template": "Lag en Excel-mal (.xlsx) med dataene fra siste (eller valgt) øyeblikksbilde.",
    "template_out": "Filen som skal skrives (.xlsx).",
    "template_snapshot": "Øyeblikksbildet malen skal bygge på (standard: det siste).",
    "import": (
        "Les inn en Excel-arbeidsbok eller CSV-filer, vis endringene og lagre dem som et nytt "
        "øyeblikksbilde. Avslutningskode: 0 lagret eller ingen endringer, 1 ugyldige data, "
        "3 konflikt."
    ),
    "validate": "Kontroller filer uten å lagre noe. Avslutningskode: 0 gyldige, 1 ikke gyldige.",
    "files": "Excel-arbeidsbok (.xlsx) eller CSV-filer (én per tabell).",
    "author": "Hvem som gjør endringen.",
    "note": "Hva som er endret og hvorfor.",
    "base": "Øyeblikksbildet endringene bygger på (standard: det filen oppgir, ellers det siste).",
    "restore": (
        "Gjenopprett et tidligere øyeblikksbilde: lagre et nytt øyeblikksbilde med de samme "
        "dataene. Historikken endres aldri."
    ),
    "restore_id": "ID-en til øyeblikksbildet som skal gjenopprettes.",
    "changes_header": "Endringer:",
    "file_missing": "Fant ikke filen {path}.",
    "empty_text": "{what} kan ikke være tomt.",
}

# -- the page ------------------------------------------------------------------------
PAGE = {
    "intro": (
        "Her holder du porteføljen oppdatert. Last ned Excel-malen, gjør endringene og last filen "
        "opp igjen, eller rett enkeltverdier direkte her. Du ser alle endringer før noe lagres, og "
        "hver lagring blir et nytt øyeblikksbilde: ingenting blir overskrevet."
    ),
    "past_snapshot": (
        "Du ser et tidligere øyeblikksbilde. Malen under bygger på det, men rettinger i appen gjøres "
        "alltid på siste øyeblikksbilde. En fil fra en eldre mal kan ikke lagres hvis det er lagret "
        "data senere; se «Historikk» for å gjenopprette et gammelt øyeblikksbilde."
    ),
    "step_template": "1. Last ned Excel-malen",
    "template_help": (
        "Malen har dagens data, nedtrekkslister for faste verdier og en veiledning. "
        "Den husker hvilket øyeblikksbilde den bygger på."
    ),
    "template_button": "Last ned Excel-mal",
    "template_file": "portefolje-{date}.xlsx",
    "step_upload": "2. Last opp filen",
    "uploader": "Excel-arbeidsbok (.xlsx) eller CSV-filer (én per tabell)",
    "uploader_help": (
        "CSV fra norsk Excel (semikolon, desimalkomma) går fint. Tabeller som ikke er med i en "
        "CSV-fil, beholdes som de er. Største filstørrelse: {limit}."
    ),
    "tab_upload": "Last opp fil",
    "tab_edit": "Rett i appen",
    "edit_intro": (
        "Små rettinger av siste øyeblikksbilde for ett tiltak om gangen: status, kommentarer, datoer "
        "og beløp, under «Styring» vedtak, sjekklister, risikoer og gevinster, og under «Samhandling» "
        "medvirkning og samhandlingsundersøkelser. Større endringer gjør du i Excel-malen."
    ),
    "edit_latest_only": "Rettinger i appen gjøres på siste øyeblikksbilde. Velg det under «Vis data per».",
    "edit_pick": "Tiltak",
    "edit_pick_help": "Velg tiltaket du vil rette. Valget følger med lenken.",
    "edit_initiative": "Tiltaket",
    "edit_statuses": "Status og kommentarer",
    "edit_col_dimension": "Dimensjon",
    "edit_col_status": "Status",
    "edit_col_comment": "Kommentar",
    "edit_budgets": "Budsjett",
    "edit_milestones": "Milepæler",
    "edit_none": "Ingen rader.",
    "edit_preview": "Se endringene",
    "edit_no_initiative": "Det finnes ingen tiltak å rette.",
    "checking": "Leser og kontrollerer …",
    "problems_title": "Feil som må rettes",
    "problems_intro": "{count} feil. Rett dem i filen og last den opp igjen. Ingenting er lagret.",
    "problems_table_caption": "Viser de første {shown} av {count} feil.",
    "col_where": "Hvor",
    "col_problem": "Feil",
    "sources": "Lest inn",
    "preview_title": "Endringer som blir lagret",
    "preview_empty": "Ingen endringer mot øyeblikksbildet fra {time}. Det er ingenting å lagre.",
    "base_line": "Sammenlignet med øyeblikksbildet fra {time} ({author}: {note}).",
    "preview_caption": "Viser de første {shown} av {count} endringer.",
    "preview_conflict": (
        "Endringene bygger på øyeblikksbildet fra {base_time}, men det er lagret et nyere øyeblikksbilde "
        "({latest_time}). Lagring vil bli stoppet; hent en ny mal og gjør endringene på nytt."
    ),
    "author": "Ditt navn",
    "author_identity": "Lagres i ditt navn: {author}",
    "author_help": "Lagres sammen med endringen, slik at andre ser hvem som gjorde den.",
    "note": "Notat (påkrevd)",
    "note_help": "Kort om hva som er endret og hvorfor, for eksempel «Status til KDL-møte 16.11.2026».",
    "commit": "Lagre som nytt øyeblikksbilde",
    "commit_needs": "Fyll inn navn og notat for å lagre.",
    "discard": "Forkast",
    "saved_history": "Se historikken",
    "col_initiative": "Tiltak",
    "col_table": "Tabell",
    "col_field": "Felt",
    "col_old": "Før",
    "col_new": "Etter",
    "col_kind": "Endring",
    "col_detail": "Gjelder",
}


# What the upload is doing, shown in the progress bar while the project
# leader waits (portfolio.ingest.reading.Progress names the step)
PROGRESS = {
    "file": "Leser {file} …",
    "sheet": "Leser arket «{sheet}» i {file} ({number} av {count}) …",
    "checking": "Kontrollerer dataene mot reglene …",
    "comparing": "Sammenligner med øyeblikksbildet …",
}
