"""Every text a user reads, in Norwegian bokmål, in one place: this package.

Code refers to these names; no page or module writes its own user-facing
Norwegian text. Keys and identifiers stay English. Shared texts live here;
each page or feature keeps its own texts in a module beside this one
(e.g. `portfolio/texts/budget.py`), imported as `from portfolio.texts import budget`.
"""

APP_TITLE = "Porteføljeoversikt – Samhandlingskommunen Kristiansand"
APP_SHORT_TITLE = "Samhandlingskommunen"

PAGE_OVERVIEW = "Oversikt"

# Sections of the navigation
# A progress bar's accessible name when it shows no text of its own
# (portfolio/web/a11y.py: Streamlit names every bar with the English "progress")
PROGRESS_LABEL = "Fremdrift"
NAV_PORTFOLIO = "Portefølje"
NAV_DATA = "Data"
NAV_ABOUT = "Om"
NAV_ACCOUNT = "Konto"


DEMO_NOTICE = (
    "Demodata: Porteføljen bygger på offentlige artikler og mandatet for "
    "Samhandlingskommunen Kristiansand. Verdier som kildene ikke oppgir, er "
    "illustrative (se data/README.md)."
)
# Added to DEMO_NOTICE on the latest demo snapshot unless PORTFOLIO_TODAY is set
DEMO_TODAY_NOTICE = (
    "«I dag» er satt til datoen for siste øyeblikksbilde, {date}, så forsinkelser og "
    "frister regnes fra den datoen."
)
NO_DATA = (
    "Fant ingen øyeblikksbilder i datamappen «{path}». Lag demodata med "
    "`python -m tools.demo_data --out {path}` eller sett PORTFOLIO_DATA."
)
SNAPSHOT_CAPTION = "Data per {time}, lagret av {author}."

EXPORT = {
    "excel": "Last ned Excel",
    "csv": "Last ned CSV",
}

# Tables that fit the screen (portfolio/web/tables.py)
TABLES = {
    "show_all": "Vis alle kolonner",
    "show_all_help": "Viser også {columns}.",
}

TIME_TRAVEL = {
    "picker": "Vis data per",
    "picker_help": (
        "Velg et tidligere øyeblikksbilde for å se porteføljen slik den var da. "
        "Valget følger med lenken til siden."
    ),
    "latest_suffix": "{label} (siste)",
    "banner": (
        "Du ser porteføljen slik den var {date}, ikke dagens data. "
        "Siste øyeblikksbilde er fra {latest}; velg det under «Vis data per» i sidemenyen."
    ),
    "unknown": "Fant ikke øyeblikksbildet «{snapshot_id}» fra lenken. Viser siste data.",
}

# Column labels: headers in tables, templates and error messages.
# The columns every Decidim table ends with (portfolio/model/schema.py _decidim_common)
_DECIDIM_COMMON = {
    "category": "Kategori",
    "scope": "Område",
    "component_id": "Komponent-ID",
    "host": "Decidim-nettsted",
    "url": "Lenke",
}

COLUMN_LABELS = {
    "initiatives": {
        "initiative_id": "Tiltak-ID",
        "name": "Navn",
        "parent_id": "Program (overordnet tiltak)",
        "owner_area": "Kommunalområde",
        "collaborating_areas": "Samarbeidende områder",
        "project_owner": "Prosjekteier",
        "project_leader": "Prosjektleder",
        "phase": "Fase",
        "last_decision_point": "Siste beslutningspunkt",
        "status_overall": "Samlet status",
        "status_schedule": "Fremdrift",
        "status_budget": "Økonomi",
        "status_quality": "Kvalitet",
        "status_risk": "Risiko",
        "status_summary": "Statuskommentar",
        "comment_schedule": "Kommentar fremdrift",
        "comment_budget": "Kommentar økonomi",
        "comment_quality": "Kommentar kvalitet",
        "comment_risk": "Kommentar risiko",
        "focus_areas": "Innsatsområder",
        "target_groups": "Målgrupper",
        "partners": "Samarbeidspartnere",
        "start_date": "Startdato",
        "end_date": "Sluttdato",
        "is_public": "Offentlig",
        "public_summary": "Offentlig sammendrag",
        "url": "Lenke",
    },
    "budgets": {
        "initiative_id": "Tiltak-ID",
        "year": "År",
        "funding_source": "Finansieringskilde",
        "budget_nok": "Budsjett (kr)",
        "actual_nok": "Regnskap (kr)",
        "forecast_nok": "Prognose (kr)",
        "note": "Merknad",
    },
    "milestones": {
        "milestone_id": "Milepæl-ID",
        "initiative_id": "Tiltak-ID",
        "title": "Tittel",
        "kind": "Type",
        "decision_point": "Beslutningspunkt",
        "due_date": "Frist",
        "completed_date": "Fullført dato",
        "is_public": "Offentlig",
        "note": "Merknad",
    },
    "decisions": {
        "decision_id": "Vedtak-ID",
        "initiative_id": "Tiltak-ID",
        "decided_on": "Vedtaksdato",
        "body": "Vedtatt av",
        "decision_point": "Beslutningspunkt",
        "title": "Tittel",
        "text": "Vedtakstekst",
        "case_number": "Saksnummer",
        "is_public": "Offentlig",
    },
    "checklist_answers": {
        "initiative_id": "Tiltak-ID",
        "decision_point": "Beslutningspunkt",
        "item_no": "Punkt",
        "question": "Sjekkpunkt",
        "answer": "Svar",
        "comment": "Kommentar",
    },
    "risks": {
        "risk_id": "Risiko-ID",
        "initiative_id": "Tiltak-ID",
        "title": "Tittel",
        "description": "Beskrivelse",
        "category": "Kategori",
        "probability": "Sannsynlighet (1–5)",
        "consequence": "Konsekvens (1–5)",
        "owner": "Risikoeier",
        "mitigation": "Tiltak",
        "status": "Status",
        "strategy": "Strategi",
        "identified_on": "Identifisert dato",
        "review_by": "Vurderes innen",
        "residual_probability": "Sannsynlighet etter tiltak (1–5)",
        "residual_consequence": "Konsekvens etter tiltak (1–5)",
    },
    "benefits": {
        "benefit_id": "Gevinst-ID",
        "initiative_id": "Tiltak-ID",
        "title": "Gevinst",
        "kind": "Type",
        "owner": "Gevinstansvarlig",
        "indicator": "Måleindikator",
        "unit": "Enhet",
        "baseline": "Startverdi",
        "baseline_on": "Startverdi dato",
        "target": "Målverdi",
        "target_on": "Målverdi dato",
        "is_public": "Offentlig",
    },
    "benefit_measurements": {
        "benefit_id": "Gevinst-ID",
        "measured_on": "Måledato",
        "value": "Verdi",
        "comment": "Kommentar",
    },
    "engagements": {
        "engagement_id": "Medvirkning-ID",
        "initiative_id": "Tiltak-ID",
        "kind": "Type",
        "title": "Tittel",
        "held_on": "Dato",
        "place": "Sted",
        "participants_citizens": "Deltakere: innbyggere",
        "participants_politicians": "Deltakere: politikere",
        "participants_leaders": "Deltakere: ledere",
        "participants_staff": "Deltakere: ansatte",
        "participants_volunteers": "Deltakere: frivillige",
        "participants_business": "Deltakere: næringsliv",
        "participants_other": "Deltakere: andre",
        "is_public": "Offentlig",
        "note": "Merknad",
    },
    "collaboration_surveys": {
        "survey_id": "Undersøkelse-ID",
        "initiative_id": "Tiltak-ID",
        "area": "Kommunalområde",
        "conducted_on": "Gjennomført dato",
        "respondent_group": "Respondentgruppe",
        "respondents": "Antall svar (n)",
        "instrument": "Måleinstrument",
    },
    "collaboration_scores": {
        "survey_id": "Undersøkelse-ID",
        "dimension": "Dimensjon",
        "mean": "Gjennomsnitt (1–5)",
        "n": "Antall svar (n)",
    },
    "decidim_links": {
        "entity": "Decidim-type",
        "decidim_id": "Decidim-ID",
        "initiative_id": "Tiltak-ID",
    },
    "decidim_results": {
        "decidim_id": "Decidim-ID",
        "parent_id": "Del av resultat",
        "title": "Tittel",
        "start_date": "Startdato",
        "end_date": "Sluttdato",
        "status": "Status",
        "progress": "Fremdrift (%)",
        **_DECIDIM_COMMON,
    },
    "decidim_projects": {
        "decidim_id": "Decidim-ID",
        "title": "Tittel",
        "budget_amount": "Budsjett (kr)",
        "confirmed_votes": "Stemmer",
        **_DECIDIM_COMMON,
    },
    "decidim_proposals": {
        "decidim_id": "Decidim-ID",
        "title": "Tittel",
        "state": "Behandling",
        "endorsements": "Støtteerklæringer",
        "votes": "Stemmer",
        "published_on": "Publisert dato",
        **_DECIDIM_COMMON,
    },
    "decidim_meetings": {
        "decidim_id": "Decidim-ID",
        "title": "Tittel",
        "starts_at": "Starter",
        "ends_at": "Slutter",
        "address": "Adresse",
        "is_online": "Digitalt",
        "attendees": "Deltakere",
        **_DECIDIM_COMMON,
    },
}

TABLE_LABELS = {
    "initiatives": "Tiltak",
    "budgets": "Budsjett",
    "milestones": "Milepæler",
    "decisions": "Vedtak",
    "checklist_answers": "Sjekkliste",
    "risks": "Risiko",
    "benefits": "Gevinster",
    "benefit_measurements": "Gevinstmålinger",
    "engagements": "Medvirkning",
    "collaboration_surveys": "Samhandlingsundersøkelser",
    "collaboration_scores": "Samhandlingsskårer",
    "decidim_links": "Decidim-koblinger",
    # read from Decidim's open data (portfolio/ingest/decidim.py)
    "decidim_results": "Decidim-resultater",
    "decidim_projects": "Decidim-budsjettprosjekter",
    "decidim_proposals": "Decidim-forslag",
    "decidim_meetings": "Decidim-møter",
}

STATUS_LABELS = {
    "grønn": "Grønn",
    "gul": "Gul",
    "rød": "Rød",
    "ikke vurdert": "Ikke vurdert",
}

# Milestone kinds as shown (the stored values are schema.MILESTONE_KINDS)
MILESTONE_KIND_LABELS = {
    "milepæl": "Milepæl",
    "beslutningspunkt": "Beslutningspunkt",
    "arrangement": "Arrangement",
    "leveranse": "Leveranse",
}

# Validation messages. {table}, {row}, {column} and {value} are filled in.
VALIDATION = {
    "location": "Tabell «{table}», rad {row}, kolonne «{column}»: {message}",
    "location_table": "Tabell «{table}»: {message}",
    "required": "verdi mangler.",
    "allowed": "«{value}» er ikke en gyldig verdi. Gyldige verdier: {allowed}.",
    "slug": (
        "«{value}» er ikke en gyldig ID. Bruk små bokstaver a–z, tall og "
        "bindestrek, for eksempel «flere-i-arbeid»."
    ),
    "unique": "«{value}» finnes flere ganger; verdien må være unik.",
    "unique_key": "kombinasjonen {columns} finnes flere ganger; den må være unik.",
    "non_negative": "beløpet kan ikke være negativt ({value}).",
    "year_range": "året {value} er utenfor gyldig område (2000–2100).",
    "reference_parent": "overordnet tiltak «{value}» finnes ikke i tabellen Tiltak.",
    "reference_self": "et tiltak kan ikke være sitt eget program.",
    "reference_initiative": "tiltaket «{value}» finnes ikke i tabellen Tiltak.",
    "date_order_end": "sluttdatoen er før startdatoen.",
    "public_summary": "offentlige tiltak må ha et offentlig sammendrag.",
    "decision_point_kind": "beslutningspunkt må fylles ut når typen er «beslutningspunkt».",
    "missing_column": "kolonnen mangler.",
    "unknown_column": "kolonnen er ukjent.",
    "type": "«{value}» har feil type; forventet {expected}.",
    "other": "ugyldig verdi «{value}» ({check}).",
    "missing_table": "tabellen mangler.",
    "range": "«{value}» er utenfor gyldig område ({minimum}–{maximum}).",
    "minimum": "«{value}» er for lite; minste tillatte verdi er {minimum}.",
    "reference": "«{value}» finnes ikke i tabellen {table}.",
    "finite": "«{value}» er ikke et gyldig tall.",
    "measured_before_baseline": (
        "måledatoen {value} er før datoen for startverdien ({baseline}) til gevinsten «{benefit}»."
    ),
    "public_decision": "vedtaket kan ikke være offentlig når tiltaket «{initiative}» ikke er offentlig.",
    "public_benefit": "gevinsten kan ikke være offentlig når tiltaket «{initiative}» ikke er offentlig.",
    "checklist_item": "sjekklisten for {decision_point} har ikke punkt {value}; den har punkt 1–{count}.",
    # the collaboration tables (portfolio/model/rules_collaboration.py)
    "public_engagement": "medvirkningen kan ikke være offentlig når tiltaket «{initiative}» ikke er offentlig.",
    "survey_unit_missing": "fyll ut enten Tiltak-ID eller Kommunalområde: undersøkelsen gjelder ett av dem.",
    "survey_unit_both": (
        "fyll ut bare én av Tiltak-ID og Kommunalområde: undersøkelsen gjelder enten et tiltak eller et "
        "kommunalområde."
    ),
    "survey_area": (
        "kommunalområdet «{value}» er ikke nevnt i tabellen Tiltak. Bruk et kommunalområde slik det står "
        "under Kommunalområde eller Samarbeidende områder, for eksempel {examples}."
    ),
    "survey_area_none": "kommunalområdet «{value}» er ikke nevnt i tabellen Tiltak, som ikke nevner noen ennå.",
    "dimension_spelling": "skriv dimensjonen «{value}» slik referanselisten skriver den: «{expected}».",
    "score_n_over_respondents": (
        "{value} svar for dimensjonen er flere enn undersøkelsens {respondents} svar (undersøkelsen «{survey}»)."
    ),
    "invalid": "Dataene er ikke gyldige ({count} feil).",
}

TYPE_NAMES = {
    "string": "tekst",
    "list": "liste med tekst",
    "date": "dato",
    "bool": "ja/nei",
    "int": "heltall",
    "float": "tall",
}

# Overview page
OVERVIEW = {
    "title": "Oversikt",
    "intro": (
        "Status for tiltakene i Samhandlingskommunen Kristiansand og tiltak som "
        "henger sammen med programmet."
    ),
    "filters": "Filtre",
    "filter_area": "Kommunalområde",
    "filter_phase": "Fase",
    "filter_focus": "Innsatsområde",
    "filter_target": "Målgruppe",
    "filter_status": "Samlet status",
    "filter_programme": "Program",
    "filter_placeholder": "Alle",
    "kpi_initiatives": "Tiltak",
    "kpi_red": "Rød samlet status",
    "kpi_budget": "Budsjett {year}",
    "kpi_actual": "Regnskap {year}",
    "kpi_actual_share": "{share} av budsjettet",
    "kpi_forecast": "Prognose {year}",
    "kpi_over_budget": "{count} tiltak over budsjett",
    "kpi_overdue": "Forsinkede milepæler",
    "kpi_due_30": "Milepæler neste 30 dager",
    "kpi_overdue_help": "Milepæler med frist før {today} som ikke er fullført.",
    "kpi_due_help": "Milepæler som ikke er fullført, med frist fra {today} til og med {until}.",
    "by_status": "Tiltak etter samlet status",
    "by_phase": "Tiltak etter fase",
    "chart_title": "Tiltak per fase, fordelt på samlet status",
    "chart_takeaway": "{top_phase} er fasen med flest tiltak ({top_count} av {total}). {red} tiltak har rød samlet status.",
    "chart_takeaway_empty": "Ingen tiltak passer filtrene.",
    "chart_table": "Tabell for diagrammet",
    "status_table": "Statustabell",
    "status_table_caption": "{count} tiltak. Status vises både med farge og ord.",
    "status_table_capped": (
        "Viser de {shown} mest kritiske av {count} tiltak (rød først, så flest forsinkede "
        "milepæler). Bruk filtrene, eller last ned hele tabellen. Status vises både med farge og ord."
    ),
    "no_match": "Ingen tiltak passer filtrene. Fjern ett eller flere filtre.",
    "col_count": "Antall",
    "col_phase": "Fase",
    "col_status": "Samlet status",
    "col_programme": "Program",
}

# Command line (python -m portfolio)
CLI = {
    "description": (
        "Porteføljeverktøy for Samhandlingskommunen Kristiansand. Datamappen er "
        "PORTFOLIO_DATA (standard: data/)."
    ),
    "snapshots": "List øyeblikksbildene, eldste først.",
    "snapshots_json": "Skriv listen som JSON.",
    "no_snapshots": "Ingen øyeblikksbilder i {path}.",
    "snapshots_header": "ID                      Opprettet (UTC)            Forfatter / notat",
    "invalid": "Dataene er ikke gyldige:",
    "verify": "Kontroller at hvert øyeblikksbildes filer er uendret (mot innholdshashen som ble lagret med det).",
    "verify_json": "Skriv resultatet som JSON.",
    "verify_damaged": "Skadet: {snapshot_id} ({problem})",
    "verify_hash": "innholdet stemmer ikke med den lagrede hashen",
    "verify_summary": "Kontrollerte {count} øyeblikksbilder i {path}: {damaged} skadet.",
}

# argparse's own words, in Norwegian
ARGPARSE = {
    "usage: ": "bruk: ",
    "positional arguments": "argumenter",
    "options": "valg",
    "show this help message and exit": "vis denne hjelpen og avslutt",
    "the following arguments are required: %s": "disse argumentene mangler: %s",
    "unrecognized arguments: %s": "ukjente argumenter: %s",
    "invalid choice: %(value)r (choose from %(choices)s)": "ugyldig valg: %(value)r (velg blant %(choices)s)",
    "argument %(argument_name)s: %(message)s": "argument %(argument_name)s: %(message)s",
    "invalid %(type)s value: %(value)r": "ugyldig verdi: %(value)r",
    "expected one argument": "forventet én verdi",
    "%(prog)s: error: %(message)s\n": "%(prog)s: feil: %(message)s\n",
}
