"""Texts for linking Decidim's rows to the initiatives that deliver them
(issue 17, item 3): the link suggestions' reasons (portfolio/model/decidim_links.py)
and the section «Koble Decidim til tiltak» on «Oppdater data»
(portfolio/web/decidim_links.py)."""

# What a Decidim row's entity is called
ENTITY_LABEL = {"results": "Resultat", "projects": "Budsjettprosjekt", "proposals": "Forslag", "meetings": "Møte"}

UNLINKED_METRIC = {"results": "Resultater uten kobling", "projects": "Budsjettprosjekter uten kobling",
                   "proposals": "Forslag uten kobling", "meetings": "Møter uten kobling"}

# A suggestion's reason: which of the Decidim row's fields share which words with the initiative
REASON_FIELD = {"title": "tittelen", "category": "kategorien", "scope": "området"}
REASON_ONE = "{field} deler ordet {words}"
REASON_MANY = "{field} deler ordene {words}"
REASON_WORD = "«{word}»"
REASON_WORD_SEPARATOR = ", "
REASON_SEPARATOR = "; "

# Why a stored link points at nothing
DANGLING_DECIDIM = "{entity} {decidim_id} finnes ikke i Decidim-dataene i dette øyeblikksbildet."
DANGLING_INITIATIVE = "tiltaket «{initiative_id}» finnes ikke."

SECTION = {
    "title": "Koble Decidim til tiltak",
    "intro": (
        "Koble resultater, budsjettprosjekter, forslag og møter fra Decidim til tiltakene som leverer dem. "
        "Forslagene bygger på ord som tittel, kategori og område deler med tiltakets navn, innsatsområder, "
        "målgrupper og partnere. Kryss av for forslagene som stemmer, velg et annet tiltak der det trengs, "
        "og lagre koblingene som et nytt øyeblikksbilde."
    ),
    "none": (
        "Det er ingen Decidim-data i dette øyeblikksbildet. Hent dem under «Hent fra Decidim» i fanen "
        "«Last opp fil» ovenfor, eller med kommandoen `python -m portfolio import-decidim`."
    ),
    "no_initiatives": "Det er ingen tiltak å koble Decidim-dataene til.",
    "latest_only": "Koblinger lagres alltid på det siste øyeblikksbildet. Velg det siste for å koble.",
    "unlinked_metric_help": "{linked} av {total} er koblet til et tiltak.",
    "suggestions_title": "Foreslåtte koblinger",
    "suggestions_caption": "Kryss av i «Godta» for koblingene som stemmer. Du kan velge et annet tiltak i listen.",
    "suggestions_cut": "Viser de {shown} beste av {count} forslag. Lagre disse, så kommer resten.",
    "suggestions_none": "Ingen forslag: ingen Decidim-rad uten kobling deler nok ord med et tiltak.",
    "col_accept": "Godta",
    "col_entity": "Type",
    "col_decidim_id": "Decidim-ID",
    "col_title": "Tittel",
    "col_initiative": "Tiltak",
    "col_score": "Treff",
    "col_score_help": "Hvor godt ordene stemmer: sjeldne ord og ord i tiltakets navn teller mest.",
    "col_reason": "Begrunnelse",
    "col_others": "Andre forslag",
    "col_category": "Kategori",
    "col_scope": "Område",
    "col_url": "Lenke",
    "link_text": "Åpne i Decidim",
    "unlinked_title": "Uten kobling",
    "unlinked_caption": {"one": "1 rad fra Decidim er ikke koblet til noe tiltak.",
                         "many": "{count} rader fra Decidim er ikke koblet til noe tiltak."},
    "unlinked_cut": "Viser de første {shown} av {count}.",
    "unlinked_none": "Alle radene fra Decidim er koblet til et tiltak.",
    "dangling_caption": {
        "one": "1 kobling peker på en Decidim-rad eller et tiltak som ikke finnes. "
               "Rett den i malen (arket «Decidim-koblinger»).",
        "many": "{count} koblinger peker på en Decidim-rad eller et tiltak som ikke finnes. "
                "Rett dem i malen (arket «Decidim-koblinger»).",
    },
    "col_problem": "Problem",
    "preview": "Se over koblingene",
    "preview_help": "Viser hva som endres før noe lagres.",
    "nothing_accepted": "Kryss av for minst ett forslag først.",
    "commit": "Lagre koblinger",
    "note": "Nye Decidim-koblinger: {count}",
}
