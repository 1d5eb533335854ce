"""Texts for reading Decidim's open data (portfolio/ingest/decidim.py): the
participation platform's results, budget projects, proposals and meetings.

Messages in REFUSED follow «Fil «navn» (tabell …), rad N, kolonne «c»: »
(portfolio.ingest.reading.FileProblem puts the place in front), so they start
with a small letter. Messages in UNAVAILABLE stand alone.
"""

# The tables' labels are in portfolio.texts.TABLE_LABELS (decidim_results, …).

SIZE_MB = "{size} MB"

# The data is bad: refused, nothing read (exit code 1)
REFUSED = {
    "not_export": (
        "filen er verken en ZIP-fil eller en CSV-fil fra Decidim. Last ned de åpne dataene fra "
        "Decidim (lenken «Last ned åpne data», adressen slutter på /open-data/download)."
    ),
    "html": (
        "svaret er en nettside (HTML), ikke Decidims åpne data. Bruk adressen til selve ZIP-filen, "
        "for eksempel https://<vertsnavn>/open-data/download."
    ),
    "not_utf8": "tegnene i filen er ikke UTF-8, slik Decidim skriver sine CSV-filer.",
    "bad_zip": "ZIP-filen er skadet og kan ikke pakkes ut.",
    "unsafe_member": (
        "ZIP-filen inneholder filnavnet «{member}», som peker utenfor ZIP-filen (absolutt sti eller "
        "«..»). Hele filen er avvist."
    ),
    "too_big_unpacked": (
        "ZIP-filen pakkes ut til mer enn {limit}. Den er avvist for å beskytte serveren."
    ),
    "too_big": "filen er større enn {limit}. Den er avvist for å beskytte serveren.",
    "duplicate_member": "ZIP-filen inneholder «{member}» mer enn én gang.",
    "no_entities": (
        "fant ingen av Decidims filer for resultater, budsjettprosjekter, forslag eller møter "
        "(filnavn som «<vertsnavn>-open-data-results.csv»)."
    ),
    "unknown_entity": (
        "filnavnet og kolonnene viser ikke om filen har resultater, budsjettprosjekter, forslag "
        "eller møter fra Decidim. Bruk filnavnet Decidim gir den, for eksempel "
        "«<vertsnavn>-open-data-results.csv»."
    ),
    "duplicate_entity": "filen har de samme dataene som «{other}»; bruk bare én av dem.",
    "mixed_hosts": "filene kommer fra flere Decidim-nettsteder ({hosts}); les ett nettsted om gangen.",
    "separator": (
        "filen bruker «{found}» som skilletegn, men Decidim skriver CSV med semikolon («;»). "
        "Last ned filen på nytt fra Decidim, eller lagre den med semikolon som skilletegn."
    ),
    "unreadable_csv": "filen kan ikke leses som CSV (et anførselstegn er ikke lukket, eller linjene er ødelagt).",
    "ragged_row": "raden har flere felt enn overskriftsraden.",
    "missing_column": "kolonnen mangler. Decidim skriver den i alle versjoner som kan leses her.",
    "missing_id": "id mangler.",
    "duplicate_id": "id {value} finnes flere ganger (første gang i rad {first}).",
    "not_integer": "«{value}» er ikke et heltall.",
    "not_number": "«{value}» er ikke et tall.",
    "progress_range": "fremdriften {value} er utenfor 0–100 prosent.",
    "not_date": "«{value}» er ikke en dato (ÅÅÅÅ-MM-DD).",
    "not_time": "«{value}» er ikke et tidspunkt (ÅÅÅÅ-MM-DD TT:MM:SS).",
    "more_problems": "… og {count} feil til i denne filen.",
}

# Display name of a source that is not a file (bytes without a name)
UNNAMED_SOURCE = "opplastet fil"

# The reader cannot run: nothing read (exit code 2)
UNAVAILABLE = {
    "timeout": (
        "{url} svarte ikke innen {seconds} sekunder. Prøv igjen senere, eller last ned ZIP-filen "
        "og les den fra disk."
    ),
    "slow": (
        "{url} sendte dataene for sakte: nedlastingen var ikke ferdig etter {seconds} sekunder. "
        "Prøv igjen senere, eller last ned ZIP-filen og les den fra disk."
    ),
    "refused": (
        "Fikk ikke kontakt med {url}: adressen finnes ikke, eller tjeneren tar ikke imot "
        "tilkoblinger."
    ),
    "status": "{url} svarte med HTTP-status {status}, ikke 200 (OK).",
    "missing_path": "Fant ikke «{path}».",
    "unreadable_path": "Kan ikke lese «{path}».",
}

# What each column of the links sheet holds (the template's instructions sheet; merged into
# portfolio.texts.update.COLUMN_HELP). The Decidim tables themselves have no sheet: they are imported.
COLUMN_HELP = {
    "decidim_links": {
        "entity": "Hva i Decidim tiltaket leverer: results (resultat), projects (budsjettprosjekt), "
                  "proposals (forslag) eller meetings (møte).",
        "decidim_id": "Decidims ID for resultatet, prosjektet, forslaget eller møtet (tallet i adressen "
                      "på Decidim, for eksempel …/results/42).",
        "initiative_id": "Tiltaket som leverer det.",
    },
}

# Importing an export as a new snapshot (portfolio/ingest/decidim_import.py, portfolio/cli/decidim.py)
IMPORT = {
    "no_host": (
        "filnavnene viser ikke hvilket Decidim-nettsted dataene kommer fra. Bruk filnavnene Decidim gir "
        "(«<vertsnavn>-open-data-results.csv»), eller les ZIP-filen eller adressen den lastes ned fra."
    ),
    "dangling": {
        "one": "Merk: 1 kobling peker på en Decidim-rad som ikke finnes lenger ({rows}).",
        "many": "Merk: {count} koblinger peker på Decidim-rader som ikke finnes lenger ({rows}).",
    },
    "dangling_more": " og {count} til",
    "no_portfolio": (
        "Det finnes ingen data fra før. Last opp porteføljen (Excel-malen) først, og hent så dataene fra Decidim."
    ),
    "unavailable": "Kan ikke hente Decidims åpne data: {message} Ingenting er lagret.",
}

# `python -m portfolio import-decidim` (portfolio/cli/decidim.py)
CLI = {
    "command": (
        "Les Decidims åpne data (ZIP-filen fra /open-data/download, en mappe med CSV-filene, én CSV-fil "
        "eller en http(s)-adresse) inn i et nytt øyeblikksbilde: resultater, budsjettprosjekter, forslag "
        "og møter. Resten av porteføljen, koblingene til Decidim medregnet, beholdes."
    ),
    "source": "ZIP-fil, mappe, CSV-fil eller http(s)-adresse til Decidims åpne data",
    "dry_run": "vis bare hva som ville endres; ingenting lagres",
    "base": "øyeblikksbildet importen bygger på (standard: det siste)",
    "timeout": "sekunder å vente på svar fra en adresse (standard 10)",
    "dry_run_done": "Prøvekjøring: ingenting er lagret.",
    "unknown_base": "Fant ikke øyeblikksbildet «{snapshot_id}».",
    "more_changes": "  … og {count} endringer til.",
}

# The changes in the Decidim tables (portfolio/model/diff_decidim.py) on «Endringer», in the import
# preview and in `python -m portfolio diff`; merged into portfolio.texts.changes.
KIND_LABELS = {
    "decidim_result_added": "Nytt Decidim-resultat",
    "decidim_result_status": "Decidim-resultat: ny status",
    "decidim_result_progress": "Decidim-resultat: fremdrift",
    "decidim_result_changed": "Decidim-resultat endret",
    "decidim_result_removed": "Fjernet Decidim-resultat",
    "decidim_project_added": "Nytt budsjettprosjekt i Decidim",
    "decidim_project_changed": "Budsjettprosjekt i Decidim endret",
    "decidim_project_removed": "Fjernet budsjettprosjekt i Decidim",
    "decidim_proposal_added": "Nytt forslag i Decidim",
    "decidim_proposal_state": "Forslag i Decidim: ny behandling",
    "decidim_proposal_changed": "Forslag i Decidim endret",
    "decidim_proposal_removed": "Fjernet forslag i Decidim",
    "decidim_meeting_added": "Nytt møte i Decidim",
    "decidim_meeting_changed": "Møte i Decidim endret",
    "decidim_meeting_removed": "Fjernet møte i Decidim",
    "decidim_link_added": "Ny kobling til Decidim",
    "decidim_link_removed": "Fjernet kobling til Decidim",
}
WHAT = {
    "decidim_results": "Decidim-resultat «{title}»",
    "decidim_projects": "Budsjettprosjekt «{title}»",
    "decidim_proposals": "Forslag «{title}»",
    "decidim_meetings": "Møte «{title}»",
    "decidim_links": "Kobling til Decidim «{title}»",
}
PERCENT = "{value} %"
SUMMARY_PARTS = {
    "decidim_result_progress": ("{count} Decidim-resultat fikk ny fremdrift",
                                "{count} Decidim-resultater fikk ny fremdrift"),
    "decidim_result_status": ("{count} Decidim-resultat fikk ny status", "{count} Decidim-resultater fikk ny status"),
    "decidim_added": ("{count} ny rad fra Decidim", "{count} nye rader fra Decidim"),
}
PAGE = {
    "section_decidim": "Decidim",
    "section_decidim_caption": (
        "Resultater, budsjettprosjekter, forslag og møter fra innbyggerportalen Decidim, og koblingene "
        "fra dem til tiltak. En rad uten kobling står under «{none}»."
    ),
}
NO_INITIATIVE = "Decidim (ikke koblet til et tiltak)"

# «Hent fra Decidim» on «Oppdater data» (portfolio/web/update_decidim.py)
PAGE_UPDATE = {
    "step_decidim": "3. Hent fra Decidim",
    "intro": (
        "Resultater, budsjettprosjekter, forslag og møter fra innbyggerportalen Decidim, slik Decidim selv "
        "publiserer dem som åpne data. Last opp ZIP-filen (lenken «Last ned åpne data» på Decidim) eller én "
        "CSV-fil, eller lim inn adressen ZIP-filen lastes ned fra. Resten av porteføljen, koblingene til "
        "Decidim medregnet, beholdes."
    ),
    "uploader": "Decidims åpne data (.zip eller .csv)",
    "uploader_help": "ZIP-filen fra /open-data/download, eller én av CSV-filene i den.",
    "url": "… eller adressen til Decidims åpne data",
    "url_placeholder": "https://deltakristiansand.no/open-data/download",
    "url_help": "Adressen ZIP-filen lastes ned fra. Appen venter høyst 10 sekunder på svar.",
    "fetch": "Hent",
    "fetching": "Henter og kontrollerer Decidims data …",
    "url_not_http": "Adressen må begynne med https:// (eller http://).",
}

# The change summary per initiative (portfolio/present/change_summary_decidim.py); merged into
# portfolio.texts.changes.SEVERITY_LABELS
SEVERITY_LABEL = "Decidim"
SENTENCES = {
    "item": {
        "decidim_results": "resultatet «{title}»",
        "decidim_projects": "budsjettprosjektet «{title}»",
        "decidim_proposals": "forslaget «{title}»",
        "decidim_meetings": "møtet «{title}»",
    },
    "progress": "Decidim-resultatet «{title}» har fremdrift {new} (var {old}).",
    "status": "I Decidim har {item} fått status «{new}» (var «{old}»).",
    "added": "Nytt i Decidim: {items}.",
    "removed": "Fjernet fra Decidim: {items}.",
    "changed": "Endret i Decidim: {items}.",
    "changed_item": "{item} ({label})",
    "linked": "Koblet til Decidim: {items}.",
    "unlinked": "Koblingen til Decidim er fjernet for {items}.",
}
# Merged into portfolio.texts.changes.SENTENCES (change_sentences.capped's «Og N til»)
MORE_SENTENCES = {
    "more_decidim_one": "Og {count} endring til i Decidim.",
    "more_decidim_many": "Og {count} endringer til i Decidim.",
}
