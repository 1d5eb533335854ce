"""Texts of the meeting pack for KDL (the PDF, `python -m portfolio meeting-pack`
and its download button on «Oversikt»)."""

TITLE = "Statusrapport til KDL"
SUBTITLE = "Samhandlingskommunen Kristiansand – porteføljen"
FILE_NAME = "statusrapport-kdl-{date}.pdf"

COVER = {
    "meeting_date": "Møtedato",
    "snapshot": "Øyeblikksbilde",
    "saved_by": "Lagret av",
    "saved_at": "Lagret",
    "note": "Notat",
    "since": "Endringer siden",
    "scope": "Omfang",
    "scope_all": "Hele porteføljen",
    "scope_programme": "Programmet {name} ({programme_id}) med tiltakene under det",
    "filters": "Filtre",
    "threshold": "Terskel for budsjettendringer",
    "no_since": "Ingen tidligere øyeblikksbilder å sammenligne med",
    "since_value": "{date} (øyeblikksbilde {snapshot_id})",
    "snapshot_value": "{snapshot_id}",
    "contents": "Innhold",
    "made_by": (
        "Laget av porteføljeoversikten fra øyeblikksbildets data, uten manuell redigering. "
        "Samme data gir samme tekst."
    ),
}
FILTER_LABELS = {
    "areas": "Kommunalområde",
    "phases": "Fase",
    "focus_areas": "Innsatsområde",
    "target_groups": "Innbyggergruppe",
    "statuses": "Samlet status",
    "programmes": "Program",
}

SINCE = {
    "heading": "Siden sist",
    "intro": (
        "Endringer fra øyeblikksbildet {old} til {new}, det viktigste først: rød samlet status, "
        "forverret status, nye forsinkede milepæler, budsjettendringer, flyttede frister, "
        "fase og beslutningspunkt, nye tiltak, fullførte milepæler og forbedret status."
    ),
    "trace": (
        "Hver setning er laget av endringsmotoren av strukturerte endringer mellom de to "
        "øyeblikksbildene; hele listen gir kommandoen «python -m portfolio diff {old_id} {new_id}»."
    ),
    "threshold": "Budsjettendringer under {amount} er utelatt.",
    "none": "Ingen endringer siden {date}.",
    "no_since": "Det finnes ikke noe tidligere øyeblikksbilde å sammenligne med, så ingen endringer vises.",
    "more": (
        "{changes} endringer til hos {initiatives} tiltak er ikke med på denne siden. "
        "Se siden «Endringer» i porteføljeoversikten."
    ),
    "more_one": (
        "{changes} endringer til hos ett tiltak er ikke med på denne siden. "
        "Se siden «Endringer» i porteføljeoversikten."
    ),
}

ATTENTION = {
    "heading": "Trenger oppmerksomhet",
    "red_amber": "Tiltak med rød eller gul samlet status",
    "red_amber_intro": "{red} med rød og {amber} med gul samlet status, rød først.",
    "red_amber_none": "Ingen tiltak har rød eller gul samlet status.",
    "col_initiative": "Tiltak",
    "col_status": "Samlet status",
    "col_comment": "Statuskommentar",
    "no_comment": "Ingen kommentar",
    "decisions": "Beslutningspunkter de neste {days} dagene",
    "decisions_none": "Ingen beslutningspunkter de neste {days} dagene.",
    "overdue": "Forsinkede milepæler",
    "overdue_none": "Ingen forsinkede milepæler.",
    "capped": "Viser {shown} av {total}.",
}

PORTFOLIO = {
    "heading": "Porteføljen",
    "intro": "{count} tiltak. Status står med ord: grønn, gul, rød eller ikke vurdert.",
    "chart_caption": "Tiltak per fase og samlet status",
    "chart_table": "Tiltak per fase og samlet status (tabell)",
    "by_area": "Per kommunalområde",
    "by_programme": "Per program",
    "col_area": "Kommunalområde",
    "col_programme": "Program",
    "col_count": "Tiltak",
    "summarised": (
        "Porteføljen har {count} tiltak, for mange for én tabell: her oppsummert per kommunalområde "
        "og per program. Tiltakene ett for ett står i vedlegget."
    ),
    "no_programme": "Uten program",
    "col_name": "Tiltak",
    "col_phase": "Fase",
    "col_decision_point": "Siste beslutningspunkt",
    "col_area_short": "Kommunalområde",
    "col_end": "Sluttdato",
    "none": "Ingen tiltak passer filtrene.",
}
STATUS_HEADERS = {
    "status_overall": "Samlet",
    "status_schedule": "Fremdrift",
    "status_budget": "Økonomi",
    "status_quality": "Kvalitet",
    "status_risk": "Risiko",
}

MONEY = {
    "heading": "Økonomi {year}",
    "totals": "Budsjett, regnskap og prognose {year}",
    "col_what": "",
    "col_year": "År",
    "row_total": "Sum",
    "col_budget": "Budsjett",
    "col_actual": "Regnskap",
    "col_forecast": "Prognose",
    "col_deviation": "Avvik prognose",
    "col_initiative": "Tiltak",
    "col_area": "Kommunalområde",
    "years_caption": "Budsjett, regnskap og prognose per år",
    "areas_caption": "Avvik per kommunalområde",
    "by_area": "Per kommunalområde",
    "deviations": "Avvik over {amount}",
    "deviations_intro": (
        "Tiltak der prognosen avviker fra budsjettet med minst {amount}, størst overskridelse først. "
        "Et program regner med tiltakene under det."
    ),
    "deviations_none": "Ingen tiltak har avvik på {amount} eller mer.",
    "no_budget": "Ingen budsjettlinjer for {year}.",
    "capped": "Viser {shown} av {total}.",
}

APPENDIX = {
    "heading": "Vedlegg: alle tiltak",
    "capped": (
        "Vedlegget viser de {shown} mest kritiske av {count} tiltak (rød først, så flest forsinkede "
        "milepæler); vedlegget har plass til høyst {shown} tiltak. Hele listen får du som Excel-fil "
        "på siden «Oversikt»."
    ),
    "all": "Alle {count} tiltak, det mest kritiske først.",
}

FIGURE = "Figur"
TABLE = "Tabell"
PAGE = "Side {page} av {total}"
FOOTER = "Statusrapport til KDL – øyeblikksbilde {snapshot_id}"

DOWNLOAD = {
    "heading": "Statusrapport til KDL",
    "button": "Last ned statusrapport (PDF)",
    "help": (
        "Statusrapport til KDL-møtet som tilgjengelig PDF: forside, «Siden sist», hva som trenger "
        "oppmerksomhet, porteføljen og økonomi, med filtrene som gjelder nå. «Siden sist» regnes fra "
        "øyeblikksbildet valgt under «Sammenlign med»."
    ),
}

CLI = {
    "help": "skriv statusrapporten til KDL-møtet som tilgjengelig PDF",
    "description": (
        "Skriver statusrapporten til KDL-møtet som én tilgjengelig PDF (PDF/UA-1): forside, "
        "«Siden sist», hva som trenger oppmerksomhet, porteføljen og økonomi. Standard: siste "
        "øyeblikksbilde, endringer siden øyeblikksbildet som gjaldt for 30 dager siden."
    ),
    "out": "PDF-filen som skal skrives",
    "as_of": "møtedatoen (ÅÅÅÅ-MM-DD); uten --snapshot brukes siste øyeblikksbilde fra den dagen eller før",
    "since": "endringer siden dette øyeblikksbildet (ID) eller denne datoen (ÅÅÅÅ-MM-DD)",
    "programme": "bare dette programmet (ID) og tiltakene under det",
    "snapshot": "øyeblikksbildet rapporten lages fra (standard: siste)",
    "threshold": "budsjettendringer under KR kroner tas ikke med (standard: {default})",
    "written": "Skrev {path} ({pages} sider).",
}

PROBLEMS = {
    "no_snapshots": "Fant ingen øyeblikksbilder i datamappen «{path}».",
    "unknown_snapshot": "Fant ikke øyeblikksbildet «{value}». Se «python -m portfolio snapshots».",
    "unknown_since": "Fant ikke øyeblikksbildet «{value}» for --since. Se «python -m portfolio snapshots».",
    "bad_date": "«{value}» er ikke en gyldig dato. Skriv datoen som ÅÅÅÅ-MM-DD, for eksempel 2026-11-16.",
    "as_of_before_first": "Det finnes ingen øyeblikksbilder fra {date} eller tidligere.",
    "since_after": (
        "--since ({value}) må være før øyeblikksbildet rapporten lages fra ({current}). "
        "Velg et tidligere øyeblikksbilde eller en tidligere dato."
    ),
    "since_before_first": "Det finnes ingen øyeblikksbilder fra {value} eller tidligere å sammenligne med.",
    "unknown_programme": (
        "Fant ikke programmet «{value}» i øyeblikksbildet {snapshot_id}. Et program er et tiltak som "
        "har tiltak under seg."
    ),
    "negative_threshold": "Terskelen kan ikke være negativ.",
    "unwritable": "Kan ikke skrive filen «{path}»: {reason}. Ingen fil er skrevet.",
    "not_pdf": "Filnavnet «{path}» må slutte på .pdf.",
}
UNWRITABLE_REASONS = {
    "no_folder": "mappen finnes ikke",
    "is_folder": "det er en mappe",
    "denied": "ingen skrivetilgang",
}
