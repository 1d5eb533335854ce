"""Texts for the page «Historikk»: every snapshot, and restoring an old one."""

PAGE_TITLE = "Historikk"

PAGE = {
    "intro": (
        "Hver lagring av data er et øyeblikksbilde. Her ser du alle, med hvem som lagret, når og "
        "hvorfor, og hva som ble endret. Historikken endres aldri: å gjenopprette et gammelt "
        "øyeblikksbilde lagrer et nytt øyeblikksbilde med de gamle dataene."
    ),
    "past": "Du ser historikken slik den var {date}: øyeblikksbilder lagret etter det vises ikke.",
    "count": "{count} øyeblikksbilder.",
    "capped": "Viser de nyeste {shown} av {count} øyeblikksbilder.",
    "restore_title": "Gjenopprett et tidligere øyeblikksbilde",
    "restore_intro": (
        "Velg et øyeblikksbilde og se hva som blir endret. Gjenopprettingen lagres som et nytt "
        "øyeblikksbilde oppå det siste; ingenting slettes."
    ),
    "restore_pick": "Øyeblikksbilde å gjenopprette",
    "restore_show": "Se hva som blir endret",
    "restore_commit": "Gjenopprett som nytt øyeblikksbilde",
    "restore_only_one": "Det finnes bare ett øyeblikksbilde; det er ingenting å gjenopprette.",
    "rejected_title": "Avviste opplastinger",
    "rejected_intro": (
        "{count} forsøk på å laste opp eller lagre data ble stoppet av kontrollen. Ingenting ble "
        "lagret ved disse forsøkene; listen viser hvem, når og hvorfor."
    ),
    "rejected_none": "Ingen opplastinger er avvist.",
}

COLUMNS = {
    "created": "Lagret",
    "author": "Lagret av",
    "note": "Notat",
    "initiatives": "Tiltak",
    "budgets": "Budsjettlinjer",
    "milestones": "Milepæler",
    "base": "Bygger på",
    "changes": "Endringer",
    "changes_text": "Se endringer",
    "id": "ID",
    "rejected_at": "Tidspunkt",
    "rejected_who": "Hvem",
    "rejected_origin": "Hvor",
    "rejected_files": "Filer",
    "rejected_count": "Antall feil",
    "rejected_first": "Første feil",
}

# Where a rejected change came from (the audit log's "origin")
ORIGINS = {
    "upload": "Opplasting i appen",
    "edits": "Redigering i appen",
    "restore": "Gjenoppretting",
    "cli": "Kommandolinjen",
}

TIME = "{date} kl. {time}"
NO_BASE = "–"
