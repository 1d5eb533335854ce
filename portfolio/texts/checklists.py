"""Prosjektveiviseren's checklists, one per decision point: reference data.

A checklist answer (table `checklist_answers`) names its decision point and
the question's number here; an answer to a number the decision point's list
does not have is refused. An empty question in an answer reads as the
question here.

Sources:
- BP1: the seven questions as Kristiansand's mandate for the concept phase
  gives them (seed 003, section 6, «Gjennomgang av BP1 sjekkliste»), word
  for word.
- BP2–BP5: Digdir's Prosjektveiviseren publishes each checklist on the page
  of its decision point (`SOURCES`). The questions below follow those lists
  point by point, in the same order and numbering, worded close to the guide
  but shortened; the guide's page is the authority, and an organisation that
  keeps the guide's exact words can replace the texts here without touching
  the numbering. The BP5 page lists a tenth point that our copy of the page
  does not show in full; it is left out rather than guessed.
"""

from __future__ import annotations

SOURCES = {
    "BP1": "Mandat for konseptfasen, Samhandlingskommunen Kristiansand (behandlet i KDL 18. oktober 2021), punkt 6",
    "BP2": "https://prosjektveiviseren.digdir.no/prosjektfasene/bp2-beslutte-oppstart-av-planleggingsfasen/25",
    "BP3": "https://prosjektveiviseren.digdir.no/prosjektfasene/bp3-beslutte-overgang-til-gjennomforingsfasene/41",
    "BP4": "https://prosjektveiviseren.digdir.no/prosjektfasene/bp4-beslutte-overgang-til-avslutningsfasen/53",
    "BP5": "https://prosjektveiviseren.digdir.no/prosjektfasene/bp5-beslutte-avslutning-av-prosjektet/63",
}

TITLES = {
    "BP1": "BP1 – Beslutte oppstart av konseptfasen",
    "BP2": "BP2 – Beslutte oppstart av planleggingsfasen",
    "BP3": "BP3 – Beslutte overgang til gjennomføringsfasene",
    "BP4": "BP4 – Beslutte overgang til avslutningsfasen",
    "BP5": "BP5 – Beslutte avslutning av prosjektet",
}

CHECKLISTS: dict[str, tuple[str, ...]] = {
    "BP1": (
        "Er det en tydelig definert problemstilling som synliggjør behovet for nærmere utredning?",
        "Er tiltaket i henhold til virksomhetsstrategien?",
        "Er det vurdert hvordan og i hvilken grad et eventuelt prosjekt vil påvirke organisasjonen?",
        "Er det mest riktig å gjennomføre tiltaket som et prosjekt eller som en linjeoppgave?",
        "Er det tydeliggjort hvilke IT-politiske føringer, arkitekturprinsipper og andre standarder som "
        "gjelder for, og må tas hensyn til i utredningen?",
        "Er det tydeliggjort hvordan eller av hvem utredningen skal finansieres?",
        "Er det behov for mer informasjon før det kan fattes en beslutning?",
    ),
    "BP2": (
        "Er prosjektet realistisk og mulig å gjennomføre?",
        "Er det vurdert om prosjektet skal ha et prosjektstyre?",
        "Finnes det en rollebeskrivelse for prosjekteier?",
        "Er gevinstansvarlig pekt ut, og finnes det en rollebeskrivelse for rollen?",
        "Støtter prosjektforslaget virksomhetens mål og strategier?",
        "Er alternative investeringer vurdert godt nok, med gevinstanalyser og nytte/kost for hvert "
        "alternativ, slik at prosjektforslaget er et riktig valg å gå videre med?",
        "Er prosjektleder og de andre sentrale deltakerne i prosjektet pekt ut?",
        "Finnes det en rollebeskrivelse for prosjektleder?",
        "Har prosjektet fått alle nøkkelressursene det trenger?",
        "Er prosjektbegrunnelsen skrevet?",
        "Har organisasjonen evne til å gjennomføre endringen på en god måte?",
        "Finnes det en strategi for endringsledelse?",
        "Er de overordnede behovene for informasjonssikkerhet og personvern avklart?",
    ),
    "BP3": (
        "Er prosjektet fortsatt ønsket, og i tråd med virksomhetens strategiske mål?",
        "Kan resultatmålene og leveransene skape de endringene og gevinstene som konseptfasen la til grunn?",
        "Finnes det en helhetlig plan som deler prosjektet i faser som lar seg styre?",
        "Finnes de strategiene gjennomføringen trenger, som kommunikasjons-, kvalitets- og "
        "anskaffelsesstrategi?",
        "Er interessentene analysert, og er tiltak satt i gang ut fra analysen?",
        "Er prosjektorganisasjonen beskrevet med roller og ansvar, og finnes ressursene til å gjennomføre?",
        "Er usikkerheten analysert, og er den akseptabel?",
        "Er de kritiske suksessfaktorene kjent?",
        "Har gevinstansvarlig tatt aktivt del i arbeidet med gevinstrealiseringsplanen?",
        "Er det vurdert om linjeorganisasjonen har kapasitet til å realisere gevinstene?",
        "Finnes det en plan for endringsledelse?",
        "Er personvernkonsekvensene vurdert?",
        "Er risikoen for informasjonssikkerheten vurdert?",
    ),
    "BP4": (
        "Svarer leveransene til resultatmålene?",
        "Er leveransene dokumentert og levert etter planen?",
        "Gjenstår det arbeid som prosjektet selv skal avslutte?",
        "Mener gevinstansvarlig at gevinstene fortsatt er realistiske, og er gevinstrealiseringsplanen "
        "gått gjennom og oppdatert underveis?",
        "Er linjen klar til å ta leveransene i bruk, med opplæring, brukerdokumentasjon og driftsrutiner "
        "på plass?",
        "Er det avklart hvem som følger opp og rapporterer effektene, og til hvem?",
        "Er det avklart hvem som har ansvaret for forvaltning og drift, og er avtalene inngått?",
        "Er planen for endringsledelse fulgt opp og gjennomført?",
        "Er risikoene for informasjonssikkerhet og personvern håndtert godt nok?",
    ),
    "BP5": (
        "Er arbeid som gjenstår, lukket på en god måte eller godtatt overført til linjen?",
        "Er hovedresultatet av prosjektet dokumentert (produkt, kostnad, tid, kvalitet og ressursbruk)?",
        "Er gode og dårlige erfaringer dokumentert, slik at andre kan lære av dem?",
        "Er prosjektets dokumenter arkivert på forsvarlig måte?",
        "Er alle kontraktene i prosjektet avsluttet?",
        "Har alle relevante interessenter fått vite at prosjektet avsluttes?",
        "Er gevinstrealiseringsplanen oppdatert?",
        "Er erfaringsloggen oppdatert, avsluttet og lagret?",
        "Er måloppnåelsen og erfaringene fra prosjektet lagt fram for virksomhetsledelsen?",
    ),
}


def question(decision_point: str, item_no: int) -> str | None:
    """The checklist's question `item_no` (from 1) of a decision point, or
    None when the list has no such item."""
    items = CHECKLISTS.get(decision_point, ())
    return items[item_no - 1] if 1 <= item_no <= len(items) else None
