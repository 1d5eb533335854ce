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
