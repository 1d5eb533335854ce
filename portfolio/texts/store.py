"""Texts of the store commands: `export` and `migrate-store`."""

CLI = {
    "export": (
        "Skriv alle tabellene i ett øyeblikksbilde som Parquet-filer (og CSV med --csv) med "
        "metadataene i _snapshot.json, lesbare uten dette verktøyet."
    ),
    "export_id": "øyeblikksbildets ID",
    "export_out": "mappen filene skrives til (lages om den mangler)",
    "export_csv": "skriv også hver tabell som CSV (semikolon, UTF-8 med BOM, slik norsk Excel åpner den)",
    "exported": "Skrev øyeblikksbilde {snapshot_id} til {path}: {tables}.",
    "export_not_empty": "Mappen {path} har allerede et eksportert øyeblikksbilde. Velg en tom mappe.",
    "migrate": (
        "Kopier alle øyeblikksbildene i en datamappe (mappeoppsettet snapshots/snapshot=<id>/ eller "
        "en innebygd DuckLake) inn i lageret i TIL, i rekkefølge, med samme ID, tid, forfatter, notat "
        "og grunnlag. Kontrollerer radantall og innholdshash. Kan kjøres flere ganger."
    ),
    "migrate_from": "datamappen det kopieres fra",
    "migrate_to": "datamappen til lageret det kopieres til (PORTFOLIO_CATALOG gjelder dette lageret)",
    "migrate_nothing": "Fant ingen øyeblikksbilder i {path}.",
    "migrated": (
        "Kopierte {copied} øyeblikksbilder fra {source} til {target}; {present} fantes fra før. "
        "Alle {checked} er kontrollert mot radantall og innholdshash."
    ),
    "migrate_diverged": (
        "Stoppet ved øyeblikksbilde {snapshot_id}: lageret i {target} har øyeblikksbilder som ikke "
        "finnes i {source}. Ingenting mer er kopiert."
    ),
    "migrate_mismatch": "Øyeblikksbilde {snapshot_id} stemmer ikke etter kopieringen ({problem}).",
    "unknown_snapshot": "Fant ikke øyeblikksbilde {snapshot_id} i {path}.",
    "unavailable": "Lageret kan ikke nås ({where}): {problem}",
}

# The store cannot be reached (portfolio.store.lake.LakeUnavailable), by its reason:
# {where} is the catalog's host, port and database and the data files' place, never a secret.
UNAVAILABLE = {
    "catalog_down": "Lageret kan ikke nås: katalogdatabasen (PostgreSQL) svarer ikke ({where}). Prøv igjen når den er oppe.",
    "catalog_denied": (
        "Lageret kan ikke nås: katalogdatabasen (PostgreSQL) avviste innloggingen ({where}). "
        "Sjekk passordet i PGPASSWORD eller ~/.pgpass."
    ),
    "storage_down": (
        "Lageret kan ikke nås: lagringstjenesten for datafilene (S3) svarer ikke ({where}). Prøv igjen når den er oppe."
    ),
    "storage_denied": (
        "Lageret kan ikke nås: lagringstjenesten for datafilene (S3) avviste nøkkelen ({where}). "
        "Sjekk PORTFOLIO_S3_KEY_ID og PORTFOLIO_S3_SECRET."
    ),
    "other": "Lageret kan ikke nås ({where}).",
}
UNAVAILABLE_NOTHING_CHANGED = "Ingenting er lagret eller endret."
UNAVAILABLE_DETAIL = "Feilmeldingen var: {problem}"

# A setting of the store refused (portfolio.store.lake.SettingRefused), by its problem
SETTING_REFUSED = {
    "catalog_scheme": "PORTFOLIO_CATALOG må begynne med postgres: (eller sqlite:). Ingenting er lagret eller endret.",
    "catalog_password": (
        "PORTFOLIO_CATALOG skal ikke inneholde passordet, fordi det da kan vises i feilmeldinger. "
        "Legg passordet i PGPASSWORD eller ~/.pgpass. Ingenting er lagret eller endret."
    ),
}
