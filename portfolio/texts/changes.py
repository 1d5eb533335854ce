"""Texts of the Changes page ("Endringer") and `python -m portfolio diff`."""

from portfolio.texts import changes_collaboration as collaboration
from portfolio.texts import decidim

PAGE_TITLE = "Endringer"

PAGE = {
    "title": "Endringer",
    "intro": (
        "Hva som er endret i porteføljen mellom to øyeblikksbilder: nye tiltak, status, fase, "
        "milepæler, budsjett, vedtak, sjekklister, risiko, gevinster og samhandling. "
        "Sammenlign med et tidligere øyeblikksbilde eller med en dato, "
        "for eksempel forrige møte i ledergruppen."
    ),
    "mode": "Sammenlign med",
    "mode_snapshot": "Et tidligere øyeblikksbilde",
    "mode_date": "En dato",
    "from": "Fra øyeblikksbilde",
    "from_help": "Endringene vises fra dette øyeblikksbildet til det som vises (valgt under «Vis data per»).",
    "since": "Endringer siden",
    "since_help": "Sammenligner med det nyeste øyeblikksbildet fra denne datoen eller tidligere.",
    "since_resolved": "Sammenligner med øyeblikksbildet {label}.",
    "since_before_first": (
        "Det finnes ingen øyeblikksbilder fra {since} eller tidligere. Sammenligner med det eldste, fra {date}."
    ),
    "since_not_before": (
        "Det finnes ingen øyeblikksbilder mellom {since} og {date} (øyeblikksbildet som vises), "
        "så det er ingen endringer å vise. Velg en tidligere dato."
    ),
    "since_invalid": "Datoen «{value}» fra lenken er ikke gyldig. Viser endringer siden forrige øyeblikksbilde.",
    "from_unknown": "Fant ikke øyeblikksbildet «{snapshot_id}» fra lenken. Sammenligner med forrige øyeblikksbilde.",
    "threshold": "Terskel for budsjettendringer (kr)",
    "threshold_help": (
        "Budsjettendringer mindre enn dette beløpet vises ikke. En ny eller fjernet budsjettlinje "
        "regnes som en endring på sitt største beløp. 0 viser alle."
    ),
    "no_older": (
        "Det finnes ikke noe eldre øyeblikksbilde å sammenligne med. Velg et senere øyeblikksbilde "
        "under «Vis data per» i sidemenyen."
    ),
    "comparing": "Sammenligner {old} med {new}.",
    "filters_note": (
        "Filtrene i sidemenyen gjelder: viser tiltak som passer filtrene i minst ett av de to øyeblikksbildene."
    ),
    "capped": "Viser {shown} av {total} rader. Hele listen får du med nedlastingsknappene nederst på siden.",
    "none": "Ingen endringer her.",
    "download": "Last ned alle endringer",
    "download_caption": "Alle {count} endringer i én tabell, med filtrene som gjelder nå.",
    "export_sheet": "Endringer",
    # the summary per initiative
    "section_summary": "Sammendrag per tiltak",
    "summary_caption": (
        "Det viktigste først: tiltak der samlet status ble rød, så forverret status, nye eller økte "
        "høye risikoer, nye forsinkede milepæler, budsjettendringer, flyttede frister, fjernede tiltak, "
        "nye vedtak, ny fase eller nytt beslutningspunkt, nye tiltak, andre statusendringer, andre "
        "risikoendringer, sjekklister, gevinster og målinger, medvirkning og samhandlingsskårer, endrede "
        "milepæler, forbedret status, lavere risiko eller høyere samhandlingsskår og andre endringer. "
        "Hver setning er laget av endringene i tabellene under."
    ),
    "summary_link": "**{name}**",
    "summary_severity": "Viktigste endring: {label}",
    "summary_capped": (
        "Viser de {shown} viktigste av {total} tiltak med endringer. Resten står i tabellene under "
        "og i nedlastingen."
    ),
    "summary_texts": "Tekster før og etter ({count})",
    "details": "Alle endringer i detalj",
    "details_caption": "Åpne en del for å se tabellen.",
    "section_count": "{title} ({count})",
    # sections
    "section_initiatives": "Nye og fjernede tiltak",
    "section_status": "Statusendringer",
    "section_status_caption": "Per dimensjon: {parts}. Status vises med ord og farge.",
    "section_status_part": "{dimension}: {worse} forverret, {better} forbedret",
    "section_status_part_other": "{dimension}: {worse} forverret, {better} forbedret, {other} til eller fra «Ikke vurdert»",
    "section_phase": "Fase og beslutningspunkt",
    "section_milestones": "Milepæler",
    "section_completed": "Fullførte milepæler",
    "section_moved": "Flyttede milepæler",
    "section_overdue": "Nye forsinkede milepæler",
    "section_overdue_caption": "Ikke fullført og fristen har gått ut per {today}, men var ikke forsinket {old}.",
    "section_budget": "Budsjettendringer",
    "section_budget_threshold": "Budsjettendringer på minst {threshold}",
    "section_decisions": "Vedtak",
    "section_checklists": "Sjekklister",
    "section_risks": "Risiko",
    "section_risks_caption": (
        "Risikomatrisen: sannsynlighet × konsekvens, hver fra 1 til 5. Score {score} eller mer er høy risiko."
    ),
    "section_benefits": "Gevinster og målinger",
    "section_benefits_caption": (
        "Måloppnåelse: hvor langt målingen er kommet fra startverdien (0 %) mot målverdien (100 %)."
    ),
    "section_other": "Andre endringer",
    "section_other_caption": (
        "Andre felt som er endret: prosjektleder, datoer, kommentarer, nye og fjernede milepæler og merknader."
    ),
}

# Column headers of the tables on the page and in the export
COLUMNS = {
    "initiative": "Tiltak",
    "initiative_id": "Tiltak-ID",
    "link": "Lenke",
    "link_text": "Åpne tiltaket",
    "change": "Endring",
    "kind": "Type endring",
    "dimension": "Dimensjon",
    "direction": "Retning",
    "field": "Felt",
    "old": "Fra",
    "new": "Til",
    "milestone": "Milepæl",
    "milestone_id": "Milepæl-ID",
    "due_date": "Frist",
    "completed_date": "Fullført dato",
    "old_due": "Gammel frist",
    "new_due": "Ny frist",
    "moved_days": "Flyttet",
    "overdue_days": "Over fristen",
    "year": "År",
    "funding_source": "Finansieringskilde",
    "budget_line": "Budsjettlinje",
    "difference": "Differanse",
    "phase": "Fase",
    "status": "Samlet status",
    "what": "Gjelder",
    "row_key": "Rad-ID",
    "decided": "Vedtatt",
    "question": "Sjekkpunkt",
    "matrix": "Risikomatrisen",
    "achievement": "Måloppnåelse",
}

DIRECTIONS = {"worse": "Forverret", "better": "Forbedret", "changed": "Endret"}
ADDED_REMOVED = {"initiative_added": "Nytt tiltak", "initiative_removed": "Fjernet tiltak"}

# One word or phrase per kind of change (the export, the CLI)
KIND_LABELS = {
    "initiative_added": "Nytt tiltak",
    "initiative_removed": "Fjernet tiltak",
    "status": "Statusendring",
    "phase": "Ny fase",
    "decision_point": "Nytt beslutningspunkt",
    "field": "Annet felt endret",
    "budget_added": "Ny budsjettlinje",
    "budget_removed": "Fjernet budsjettlinje",
    "budget_changed": "Budsjettendring",
    "milestone_added": "Ny milepæl",
    "milestone_removed": "Fjernet milepæl",
    "milestone_completed": "Milepæl fullført",
    "milestone_reopened": "Milepæl gjenåpnet",
    "milestone_moved": "Milepæl flyttet",
    "milestone_newly_overdue": "Milepæl ble forsinket",
    "milestone_changed": "Milepæl endret",
    "decision_added": "Nytt vedtak",
    "decision_removed": "Fjernet vedtak",
    "decision_changed": "Vedtak endret",
    "checklist_answer_added": "Sjekkpunkt besvart",
    "checklist_answer_changed": "Svar endret",
    "checklist_answer_removed": "Svar fjernet",
    "checklist_changed": "Sjekkpunkt endret",
    "risk_added": "Ny risiko",
    "risk_score_moved": "Risiko flyttet i matrisen",
    "risk_closed": "Risiko lukket",
    "risk_reopened": "Risiko åpnet igjen",
    "risk_removed": "Fjernet risiko",
    "risk_changed": "Risiko endret",
    "benefit_added": "Ny gevinst",
    "benefit_removed": "Fjernet gevinst",
    "benefit_changed": "Gevinst endret",
    "benefit_measured": "Ny gevinstmåling",
    "measurement_changed": "Gevinstmåling endret",
    "measurement_removed": "Fjernet gevinstmåling",
}

# What a change is about (export, "Andre endringer", the command line)
WHAT = {
    "initiatives": "Tiltaket",
    "milestones": "Milepæl «{title}»",
    "budgets": "Budsjett {year}, {source}",
    "decisions": "Vedtak «{title}»",
    "checklist_answers": "Sjekkliste {decision_point}, punkt {item_no}",
    "risks": "Risiko «{title}»",
    "benefits": "Gevinst «{title}»",
    "benefit_measurements": "Måling {date} av «{title}»",
}
# Labels of what the engine reports that is not a column (portfolio/texts COLUMN_LABELS has the columns)
FIELD_LABELS = {"risks": {"score": "Plass i risikomatrisen"}}
# A risk's place in the 5×5 matrix (probability × consequence = score)
RISK_CELL = "sannsynlighet {probability} × konsekvens {consequence} = {score}"
DECIDED = "{body} {date}"
DECIDED_AT = "{body} {date}, {decision_point}"
# A measured value in its unit (schema.BENEFIT_UNITS); «antall» and «skår» are shown as the number
UNIT_VALUES = {"kroner": "{value}\u00a0kr", "prosent": "{value}\u00a0%", "timer": "{value} timer"}
ACHIEVEMENT = "{percent}\u00a0%"

BUDGET_LINE = "{year}, {source}"

DAYS = {"one": "{sign}{count} dag", "many": "{sign}{count} dager"}
YES_NO = {True: "Ja", False: "Nei"}
EMPTY = "–"
ARROW = "{old} → {new}"

# The one-line summary: "Siden 17.11.2025: 3 tiltak endret status, 2 milepæler fullført og …"
SUMMARY = {
    "since": "Siden {date}: {parts}.",
    "between": "Fra {old} til {new}: {parts}.",
    "nothing_since": "Ingen endringer siden {date}.",
    "nothing_between": "Ingen endringer fra {old} til {new}.",
    "and": " og ",
    "separator": ", ",
}
# (one, many) forms for each count in the summary, in the order shown
SUMMARY_PARTS = {
    "initiative_added": ("{count} nytt tiltak", "{count} nye tiltak"),
    "initiative_removed": ("{count} tiltak fjernet", "{count} tiltak fjernet"),
    "status": ("{count} tiltak endret status", "{count} tiltak endret status"),
    "phase": ("{count} tiltak skiftet fase", "{count} tiltak skiftet fase"),
    "decision_point": ("{count} tiltak fikk nytt beslutningspunkt", "{count} tiltak fikk nytt beslutningspunkt"),
    "milestone_completed": ("{count} milepæl fullført", "{count} milepæler fullført"),
    "milestone_moved": ("{count} milepæl flyttet", "{count} milepæler flyttet"),
    "milestone_newly_overdue": ("{count} ny forsinket milepæl", "{count} nye forsinkede milepæler"),
    "budget": ("{count} budsjettendring", "{count} budsjettendringer"),
    "decision_added": ("{count} nytt vedtak", "{count} nye vedtak"),
    "checklist": ("{count} sjekkpunkt besvart eller endret", "{count} sjekkpunkter besvart eller endret"),
    "risk_added": ("{count} ny risiko", "{count} nye risikoer"),
    "risk_score_moved": ("{count} risiko flyttet i risikomatrisen", "{count} risikoer flyttet i risikomatrisen"),
    "risk_closed": ("{count} risiko lukket", "{count} risikoer lukket"),
    "benefit_measured": ("{count} ny gevinstmåling", "{count} nye gevinstmålinger"),
    "other": ("{count} annen endring", "{count} andre endringer"),
}

# The summary per initiative (portfolio/present/change_summary.py): plain
# sentences made from the change engine's output, the same on the page and in
# a meeting pack. {…} are filled in with values from the data.
SEVERITY_LABELS = {
    "red": "Samlet status ble rød",
    "worse": "Status forverret",
    "risk_high": "Ny eller økt høy risiko",
    "overdue": "Ny forsinket milepæl",
    "budget": "Budsjettendring",
    "moved": "Milepæl flyttet",
    "removed": "Fjernet tiltak",
    "decision": "Nytt vedtak",
    "phase": "Ny fase eller nytt beslutningspunkt",
    "added": "Nytt tiltak",
    "status": "Status endret",
    "risk": "Risiko endret",
    "checklist": "Sjekkliste",
    "benefit": "Gevinster",
    "milestones": "Endrede milepæler",
    "better": "Status forbedret eller lavere risiko",
    "other": "Andre endringer",
}
STATUS_WORDS = {"grønn": "grønn", "gul": "gul", "rød": "rød", "ikke vurdert": "ikke vurdert"}
DIMENSION_WORDS = {
    "status_schedule": "fremdrift",
    "status_budget": "økonomi",
    "status_quality": "kvalitet",
    "status_risk": "risiko",
}
AMOUNT_SUBJECTS = {"budget_nok": "Budsjettet", "actual_nok": "Regnskapet", "forecast_nok": "Prognosen"}
SENTENCES = {
    "overall": "Samlet status er endret fra {old} til {new}.",
    "dimension_part": "{dimension} ({old} til {new})",
    "worse": "Status er forverret for {parts}.",
    "better": "Status er forbedret for {parts}.",
    "status": "Status er endret for {parts}.",
    "overdue_one": "Milepælen «{title}» er nå forsinket (frist {due}).",
    "overdue_many": "{count} milepæler er nå forsinket: {items}.",
    "overdue_item": "«{title}» (frist {due})",
    "budget_line": "{amount} for {year} fra {source}",
    "budget_added_one": "Ny budsjettlinje: {items}.",
    "budget_added_many": "Nye budsjettlinjer: {items}.",
    "budget_removed_one": "Fjernet budsjettlinje: {items}.",
    "budget_removed_many": "Fjernede budsjettlinjer: {items}.",
    "amount_up": "{subject} for {year} fra {source} økte fra {old} til {new}.",
    "amount_down": "{subject} for {year} fra {source} gikk ned fra {old} til {new}.",
    "amount_set": "{subject} for {year} fra {source} er satt til {new}.",
    "amount_cleared": "{subject} for {year} fra {source} er fjernet (var {old}).",
    "amount_changed": "{subject} for {year} fra {source} er endret fra {old} til {new}.",
    "more_budget_one": "Og {count} budsjettendring til.",
    "more_budget_many": "Og {count} budsjettendringer til.",
    "moved_later": "Fristen for «{title}» er flyttet fra {old} til {new}, {days} senere.",
    "moved_earlier": "Fristen for «{title}» er flyttet fra {old} til {new}, {days} tidligere.",
    "moved_set": "Fristen for «{title}» er endret fra {old} til {new}.",
    "more_moved_one": "Og {count} milepæl til er flyttet.",
    "more_moved_many": "Og {count} milepæler til er flyttet.",
    "removed": "Tiltaket er fjernet fra porteføljen.",
    "added": "Tiltaket er nytt i porteføljen, i fasen {phase} med samlet status {status}.",
    "added_plain": "Tiltaket er nytt i porteføljen.",
    "field_changed": "{label} er endret fra {old} til {new}.",
    "field_set": "{label} er satt til {new}.",
    "field_cleared": "{label} er fjernet (var {old}).",
    "completed_one": "Milepælen «{title}» er fullført {date}.",
    "completed_many": "{count} milepæler er fullført: {items}.",
    "completed_item": "«{title}» ({date})",
    "milestone_added_one": "Ny milepæl: «{title}» med frist {due}.",
    "milestone_added_plain": "Ny milepæl: «{title}».",
    "milestone_added_many": "Nye milepæler: {items}.",
    "milestone_removed_one": "Milepælen «{title}» er fjernet.",
    "milestone_removed_many": "Fjernede milepæler: {items}.",
    "milestone_title": "«{title}»",
    "reopened": "Milepælen «{title}» er åpnet igjen.",
    "milestone_field": "{label} for milepælen «{title}» er endret fra {old} til {new}.",
    "texts": "Endret tekst: {items}.",
    "text_item_initiative": "«{label}»",
    "text_item_milestone": "merknaden til milepælen «{title}»",
    "text_item_budget": "merknaden til budsjettlinjen {year}, {source}",
    # the governance register (decisions, checklists, risks, benefits)
    "decision_added_one": "Nytt vedtak: «{title}» ({decided}).",
    "decision_added_many": "{count} nye vedtak: {items}.",
    "decision_item": "«{title}» ({decided})",
    "decision_removed_one": "Vedtaket «{title}» er fjernet.",
    "decision_removed_many": "Fjernede vedtak: {items}.",
    "checklist": "Sjekklisten for {decision_point}: {parts}.",
    "checklist_added": "punkt {item_no} besvart «{new}»",
    "checklist_changed": "punkt {item_no} endret fra «{old}» til «{new}»",
    "checklist_removed": "svaret på punkt {item_no} fjernet (var «{old}»)",
    "risk_added_one": "Ny risiko: «{title}» ({cell}).",
    "risk_added_many": "{count} nye risikoer: {items}.",
    "risk_item": "«{title}» ({cell})",
    "risk_up": "Risikoen «{title}» har økt fra {old} til {new}.",
    "risk_down": "Risikoen «{title}» har gått ned fra {old} til {new}.",
    "risk_moved": "Risikoen «{title}» er flyttet i risikomatrisen fra {old} til {new}.",
    "more_risk_one": "Og {count} risiko til er flyttet i risikomatrisen.",
    "more_risk_many": "Og {count} risikoer til er flyttet i risikomatrisen.",
    "risk_closed_one": "Risikoen «{title}» er lukket.",
    "risk_closed_many": "{count} risikoer er lukket: {items}.",
    "risk_reopened": "Risikoen «{title}» er åpnet igjen.",
    "risk_removed_one": "Risikoen «{title}» er fjernet.",
    "risk_removed_many": "Fjernede risikoer: {items}.",
    "benefit_added_one": "Ny gevinst: «{title}».",
    "benefit_added_many": "Nye gevinster: {items}.",
    "benefit_removed_one": "Gevinsten «{title}» er fjernet.",
    "benefit_removed_many": "Fjernede gevinster: {items}.",
    "measured_one": "Ny måling av gevinsten «{title}»: {value} per {date}{progress}.",
    "measured_many": "{count} nye målinger av gevinsten «{title}», sist {value} per {date}{progress}.",
    "progress": ", {percent} av veien fra startverdien {baseline} til målverdien {target}",
    "measurement_changed": "Målingen av «{title}» per {date} er endret fra {old} til {new}.",
    "measurement_removed": "Målingen av «{title}» per {date} er fjernet (var {old}).",
    "row_field": "{label} for {subject} er endret fra {old} til {new}.",
    "row_field_set": "{label} for {subject} er satt til {new}.",
    "row_field_cleared": "{label} for {subject} er fjernet (var {old}).",
    "subject_decisions": "vedtaket «{title}»",
    "subject_checklist_answers": "sjekkpunkt {item_no} i {decision_point}",
    "subject_risks": "risikoen «{title}»",
    "subject_benefits": "gevinsten «{title}»",
    "subject_benefit_measurements": "målingen av «{title}» per {date}",
    "text_item_row": "«{label}» for {subject}",
    "and": " og ",
    "separator": ", ",
    "more_items": "{count} til",
}
# The before/after blocks of a changed text
TEXT_LABELS = {
    "milestone": "Merknad til milepælen «{title}»",
    "budget": "Merknad til budsjettlinjen {year}, {source}",
    "row": "{label} for {subject}",
}
BEFORE = "Før"
AFTER = "Etter"
NO_TEXT = "(ingen tekst)"

# python -m portfolio diff
CLI = {
    "help": "Vis hva som er endret mellom to øyeblikksbilder.",
    "description": (
        "Vis hva som er endret fra øyeblikksbilde A til øyeblikksbilde B: nye og fjernede tiltak, "
        "status, fase, beslutningspunkt, milepæler, budsjett, vedtak, sjekklister, risiko, gevinster, "
        "medvirkning og samhandlingsundersøkelser. "
        "A og B er ID-er fra `python -m portfolio snapshots`; «latest» er det siste og «previous» det "
        "nest siste. Med --json er hver endring et objekt med feltet «kind» (for eksempel "
        "decision_added, checklist_answer_changed, risk_added, risk_closed, risk_score_moved, "
        "benefit_measured, engagement_added, collaboration_score_moved) og, for vedtak, sjekklister, risiko, "
        "gevinster, medvirkning og samhandlingsundersøkelser, radens nøkkel og «detail»."
    ),
    "old": "Øyeblikksbildet det sammenlignes fra (ID, «latest» eller «previous»).",
    "new": "Øyeblikksbildet det sammenlignes til (ID, «latest» eller «previous»).",
    "json": "Skriv endringene som en JSON-liste (ett objekt per endring).",
    "threshold": "Vis bare budsjettendringer på minst KR kroner (standard 0: alle).",
    "unknown": (
        "Fant ikke øyeblikksbildet «{snapshot_id}» i {path}. "
        "Se gyldige ID-er med `python -m portfolio snapshots`."
    ),
    "no_previous": "Det finnes ikke noe forrige øyeblikksbilde i {path}; det er bare ett.",
    "no_snapshots": "Ingen øyeblikksbilder i {path}.",
    "negative": "Terskelen kan ikke være negativ.",
    "header": "Endringer fra {old} ({old_id}) til {new} ({new_id})",
    "counts": "Antall per type:",
    "changes": "Endringene:",
    "more": "… og {count} til. Bruk --json for hele listen.",
}

# The collaboration tables (engagements, surveys, scores): their kinds, rows and sentences
KIND_LABELS.update(collaboration.KIND_LABELS)
WHAT.update(collaboration.WHAT)
SUMMARY_PARTS = {**{k: v for k, v in SUMMARY_PARTS.items() if k != "other"}, **collaboration.SUMMARY_PARTS,
                 "other": SUMMARY_PARTS["other"]}  # "other" stays last
SEVERITY_LABELS = {**{k: v for k, v in SEVERITY_LABELS.items() if k not in ("milestones", "better", "other")},
                   "collaboration": collaboration.SEVERITY_LABEL,
                   **{k: SEVERITY_LABELS[k] for k in ("milestones", "better", "other")}}  # in LEVELS order
SENTENCES.update(collaboration.SENTENCES)
PAGE.update(collaboration.PAGE)
TOO_FEW = collaboration.TOO_FEW
NO_INITIATIVE = collaboration.NO_INITIATIVE

# The Decidim tables (results, projects, proposals, meetings, links): their kinds and rows
KIND_LABELS.update(decidim.KIND_LABELS)
WHAT.update(decidim.WHAT)
SUMMARY_PARTS = {**{k: v for k, v in SUMMARY_PARTS.items() if k != "other"}, **decidim.SUMMARY_PARTS,
                 "other": SUMMARY_PARTS["other"]}  # "other" stays last
PAGE.update(decidim.PAGE)
SENTENCES.update(decidim.MORE_SENTENCES)
SEVERITY_LABELS = {**{k: v for k, v in SEVERITY_LABELS.items() if k not in ("milestones", "better", "other")},
                   "decidim": decidim.SEVERITY_LABEL,
                   **{k: SEVERITY_LABELS[k] for k in ("milestones", "better", "other")}}  # in LEVELS order
NO_INITIATIVE_DECIDIM = decidim.NO_INITIATIVE
PERCENT = decidim.PERCENT
