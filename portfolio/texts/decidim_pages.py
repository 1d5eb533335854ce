"""Norwegian texts of the pages' Decidim sections (issue 17): the initiative
page's «Decidim», the overview's key figure and the public cards' results.
The importer's texts are in portfolio/texts/decidim.py."""

# -- the initiative page ---------------------------------------------------------------------------
HEADING = "Decidim"
INTRO = ("Hva innbyggerne kan følge på medvirkningsplattformen Decidim: resultatene tiltaket leverer, med "
         "status og fremdrift slik de står der, og forslag, budsjettprosjekter og møter knyttet til tiltaket.")
NONE = "Tiltaket er ikke knyttet til noe i Decidim."
RESULTS = "Resultater i Decidim"
RESULTS_NONE = "Ingen resultater i Decidim er knyttet til tiltaket."
# the results in one sentence (the bars' text alternative)
RESULTS_SUMMARY_ONE = "Ett resultat i Decidim: {title} er {progress} ferdig ({status})."
RESULTS_SUMMARY = ("{count} resultater i Decidim, i snitt {progress} ferdig. Ferdige: {done}, i arbeid: {going}, "
                   "ikke startet: {waiting}.")
RESULTS_SUMMARY_NO_PROGRESS = "{count} resultater i Decidim; Decidim oppgir ikke fremdrift for dem."
RESULTS_CAPPED = "Viser {shown} av {count} resultater."
OTHER = "Forslag, budsjettprosjekter og møter"
OTHER_NONE = "Ingen forslag, budsjettprosjekter eller møter i Decidim er knyttet til tiltaket."
# «Knyttet til 1 budsjettprosjekt, 2 forslag og 1 møte i Decidim.»
OTHER_SUMMARY = "Knyttet til {items} i Decidim."
KIND_COUNT = {
    "projects": ("{count} budsjettprosjekt", "{count} budsjettprosjekter"),
    "proposals": ("{count} forslag", "{count} forslag"),
    "meetings": ("{count} møte", "{count} møter"),
}
AND = "og"
KIND = {"projects": "Budsjettprosjekt", "proposals": "Forslag", "meetings": "Møte"}
PROPOSAL_STATES = {"accepted": "godtatt", "rejected": "avslått", "evaluating": "under vurdering",
                   "withdrawn": "trukket tilbake"}
PROPOSAL_UNANSWERED = "ikke besvart"
PROJECT_DETAIL = "{amount}, {votes} stemmer"
PROPOSAL_DETAIL = "{state}, {votes} støtter"
MEETING_DETAIL = "{when}, {attendees} deltakere"
MEETING_DETAIL_NOT_COUNTED = "{when}"
MEETING_ONLINE = "digitalt"
# table columns
COL_TITLE = "Resultat"
COL_STATUS = "Status i Decidim"
COL_PROGRESS = "Fremdrift (%)"
COL_PERIOD_START = "Start"
COL_PERIOD_END = "Slutt"
COL_CATEGORY = "Kategori"
COL_LINK = "Lenke"
LINK_TEXT = "Åpne i Decidim"
COL_KIND = "Hva"
COL_ITEM = "Tittel"
COL_DETAIL = "Om"
NO_STATUS = "–"

# -- «Oversikt» --------------------------------------------------------------------------------------
KPI = "Tiltak med resultater i Decidim"
KPI_VALUE = "{count} av {total}"
KPI_HELP = ("Tiltakene (med filtrene over) som har minst ett resultat på medvirkningsplattformen Decidim, "
            "der innbyggerne kan følge det. Resultatene er i snitt {progress} ferdige; {done} av {results} er "
            "ferdige.")
KPI_HELP_NONE = "Tiltakene (med filtrene over) som har minst ett resultat på medvirkningsplattformen Decidim."

# -- the public page ---------------------------------------------------------------------------------
PUBLIC_HEADING = "Følg arbeidet i Decidim"
PUBLIC_ONE = "Kommunen viser ett resultat av dette arbeidet på {host}, der du kan følge det og si din mening."
PUBLIC_MANY = ("Kommunen viser {count} resultater av dette arbeidet på {host}, der du kan følge dem og si din "
               "mening. I snitt er de {progress} ferdige.")
PUBLIC_MANY_NO_PROGRESS = ("Kommunen viser {count} resultater av dette arbeidet på {host}, der du kan følge dem og "
                           "si din mening.")
PUBLIC_MORE = "… og {count} til."
PUBLIC_TABLE_LABEL = "Resultatene i Decidim for {name}"
PUBLIC_OTHER = "Også knyttet til {items} i Decidim."
PUBLIC_STATUS_UNKNOWN = "status ikke oppgitt"
