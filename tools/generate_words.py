"""The generated portfolio's vocabulary and proportions: fictional municipality
names, kommunalområder, initiative topics, people, partners, funding sources,
milestone titles, status texts (all Norwegian), and the shares and weights the
generator draws with, including the weekly status model."""

from __future__ import annotations

import re

import numpy as np

INITIATIVES_PER_MUNICIPALITY = 30
PROGRAMME_SHARE = 0.05
CHILD_SHARE = 0.75  # of non-programmes in a municipality that has a programme
WEEKLY_MOVE = 0.03  # per open milestone due within four weeks (or overdue)

# --- word lists -------------------------------------------------------------

_STEMS = (
    "Ask", "Bjørk", "Eik", "Furu", "Lind", "Alm", "Hegg", "Rogn", "Selje", "Osp",
    "Lønne", "Gran", "Rose", "Sol", "Stein", "Berg", "Fjell", "Sand", "Strand", "Mo",
    "Myr", "Lyng", "Haug", "Kvern", "Bekk", "Elve", "Fosse", "Sjø", "Kleiv", "Ny",
    "Øster", "Vester", "Nord", "Sør", "Hov", "Tve", "Aur", "Bø", "Hammer", "Rud",
    "Skog", "Eng", "Bakke", "Holt", "Tjern", "Brekke", "Moe", "Ås", "Lien", "Hvit",
)
_SUFFIXES = (
    "vik", "dal", "nes", "sund", "fjord", "berg", "heim", "stad", "land", "øy",
    "vang", "rud", "mo", "haug", "li", "bygd", "våg", "ås", "bø", "sjø",
)

AREAS = (
    "Oppvekst",
    "Helse og mestring",
    "Levekår",
    "Kultur",
    "By- og stedsutvikling",
    "Teknisk",
    "Organisasjon og digitalisering",
    "Økonomi",
)
AREA_WEIGHTS = (0.22, 0.22, 0.14, 0.07, 0.1, 0.1, 0.1, 0.05)
AREA_SLUGS = ("oppvekst", "helse", "levekar", "kultur", "byutvikling", "teknisk", "digitalisering", "okonomi")

TOPICS = {
    "Oppvekst": (
        "Tidlig innsats i barnehagen", "Digital skolehverdag", "Sammen om skolemiljø",
        "Leselyst", "Fritidskortet", "Ungdomsløftet", "Helsestasjon for ungdom",
        "Trygg skolevei", "Inkluderende fellesskap", "Ny skolestruktur",
        "Foreldresamarbeid", "Digital barnehageportal",
    ),
    "Helse og mestring": (
        "Frisklivssentral", "Hverdagsrehabilitering", "Velferdsteknologi i hjemmetjenesten",
        "Digitalt tilsyn", "Aldersvennlig lokalsamfunn", "Heltidskultur", "Medisinrobot",
        "Demensvennlig samfunn", "Legevakt 2030", "Digital hjemmeoppfølging",
        "Pårørendeskole", "Trygghetsalarm",
    ),
    "Levekår": (
        "Bolig først", "Ungdomsgaranti", "Aktivitetsbank", "Områdeløft",
        "Sosialt entreprenørskap", "Inkludering av nyankomne", "Lavterskel psykisk helse",
        "Jobbsjansen", "Familieveiledning", "Fattigdomsnettverk",
    ),
    "Kultur": (
        "Kulturskole for alle", "Bibliotek som møteplass", "Frivillighetsportal",
        "Digital kulturkalender", "Aktive nærmiljøanlegg", "Ung kultur møtes",
    ),
    "By- og stedsutvikling": (
        "Grønn mobilitet", "Sentrumsplan", "Klimatilpasning", "Digital byggesak",
        "Bærekraftige nabolag", "Levende sentrum", "Digital planprosess",
    ),
    "Teknisk": (
        "Smart vann og avløp", "Digital tvilling", "Energieffektive bygg",
        "Smart renovasjon", "Sensorer for vegvedlikehold", "Fossilfri byggeplass",
        "Lekkasjekontroll",
    ),
    "Organisasjon og digitalisering": (
        "Digital innbyggerdialog", "Chatbot for innbyggerspørsmål", "Ny intranettløsning",
        "Selvbetjening for ansatte", "Informasjonssikkerhet", "Datadeling",
        "Robotisering av fakturabehandling", "Digital postkasse", "Klart språk",
    ),
    "Økonomi": (
        "Gevinstrealisering", "Innkjøp 2.0", "Digital budsjettprosess",
        "Tjenestedesign i økonomi", "Automatisert fakturakontroll",
    ),
}
PROGRAMMES = {
    "Oppvekst": "Program for tidlig innsats",
    "Helse og mestring": "Program for fremtidens helsetjenester",
    "Levekår": "Program for levekårsløft",
    "Kultur": "Program for kultur og frivillighet",
    "By- og stedsutvikling": "Program for grønn byutvikling",
    "Teknisk": "Program for smart infrastruktur",
    "Organisasjon og digitalisering": "Digitaliseringsprogrammet",
    "Økonomi": "Program for gevinstrealisering",
}
GOALS = {
    "Oppvekst": "gi barn og unge en trygg og god oppvekst",
    "Helse og mestring": "gjøre det lettere å bo trygt hjemme lenger",
    "Levekår": "bidra til at flere kommer i arbeid og får en god bolig",
    "Kultur": "gjøre kulturtilbudet tilgjengelig for flere",
    "By- og stedsutvikling": "skape gode og bærekraftige steder å bo",
    "Teknisk": "gi innbyggerne sikre og effektive tekniske tjenester",
    "Organisasjon og digitalisering": "gjøre det enklere å ha kontakt med kommunen",
    "Økonomi": "bruke fellesskapets penger klokere",
}
QUALIFIERS = ("", "", "", "", "", " – pilot", " – fase 2", " – utvidelse", " – forprosjekt")

FIRST_NAMES = (
    "Anne", "Kari", "Ingrid", "Marit", "Hilde", "Silje", "Ida", "Nora", "Sara", "Tone",
    "Linn", "Hege", "Ole", "Lars", "Per", "Jan", "Knut", "Bjørn", "Morten", "Erik",
    "Jonas", "Magnus", "Thomas", "Kristian", "Ahmed", "Fatima", "Mohammad", "Anna",
    "Piotr", "Aisha",
)
LAST_NAMES = (
    "Hansen", "Johansen", "Olsen", "Larsen", "Andersen", "Pedersen", "Nilsen",
    "Kristiansen", "Jensen", "Karlsen", "Berg", "Haugen", "Hagen", "Eriksen",
    "Bakken", "Dahl", "Lie", "Moen", "Strand", "Solberg", "Aasen", "Nygård",
    "Tveit", "Ali", "Khan", "Nowak", "Lund", "Vik", "Eide", "Sæther",
)
PARTNERS = (
    "KS", "NAV", "Statsforvalteren", "Fylkeskommunen", "Husbanken", "Digdir",
    "Helsedirektoratet", "Universitetet i Agder", "Frivilligsentralen",
    "Næringsforeningen", "Sykehuset", "Politiet", "Idrettsrådet",
)
FUNDING_SOURCES = (
    "Driftsbudsjett", "Investeringsbudsjett", "Statstilskudd", "Fylkeskommunalt tilskudd",
    "Digitaliseringsfond", "Eksterne midler (EU)", "Gevinstfond",
)
FUNDING_WEIGHTS = (0.35, 0.18, 0.16, 0.08, 0.12, 0.04, 0.07)
BUDGET_NOTES = (
    "Justert i budsjettrevisjonen.", "Forutsetter gevinstuttak.",
    "Inkluderer lønnsmidler til prosjektleder.", "Tilskudd er bekreftet.",
)

BP_TITLES = (
    "BP1: Godkjent idé, start konseptfase",
    "BP2: Valgt konsept, start planlegging",
    "BP3: Godkjent styringsdokument, start gjennomføring",
    "BP4: Godkjent leveranse, start avslutning",
    "BP5: Prosjektet avsluttet, start gevinstrealisering",
)
MILESTONE_TITLES = {
    "milepæl": (
        "Kartlegging ferdig", "Behovsanalyse ferdig", "Prosjektgruppe etablert",
        "Anskaffelse gjennomført", "Pilot startet", "Evaluering av pilot",
        "Gevinstkart godkjent", "Risikoanalyse oppdatert", "Avtale med partner signert",
    ),
    "leveranse": (
        "Ny løsning i produksjon", "Opplæring av ansatte", "Rutiner og veiledere",
        "Sluttrapport", "Brukerundersøkelse", "Integrasjon mot fagsystem",
        "Ny nettside for innbyggere",
    ),
    "arrangement": (
        "Innbyggermøte", "Workshop med ansatte", "Dialogmøte med brukerorganisasjoner",
        "Åpent møte i bydelen", "Presentasjon for politisk utvalg",
    ),
}
OTHER_KINDS = ("milepæl", "leveranse", "arrangement")
OTHER_KIND_WEIGHTS = (0.5, 0.35, 0.15)
MILESTONE_NOTES = (
    "Avhenger av leverandør.", "Se styringsdokumentet.", "Krever politisk behandling.",
    "Koordineres med programmet.",
)

# --- the governance register (tools/generate_register.py) --------------------

# Per decision point BP1–BP5: the decision's title
DECISION_BP_TITLES = (
    "Oppstart av konseptfasen godkjent",
    "Konsept valgt, oppstart av planleggingsfasen godkjent",
    "Styringsdokument godkjent, gjennomføring kan starte",
    "Leveransen godkjent, overgang til avslutning",
    "Prosjektet avsluttet, gevinstene følges opp i linjen",
)
DECISION_OTHER_TITLES = (
    "Budsjett for neste år vedtatt", "Endret omfang godkjent", "Ny sluttdato godkjent",
    "Ekstra midler bevilget", "Tiltaket videreføres", "Orienteringen tatt til etterretning",
    "Anskaffelse godkjent", "Pilot utvidet til flere enheter",
)
DECISION_TEXTS = (
    None, None,
    "Vedtatt som foreslått.", "Vedtatt med de endringene som kom fram i møtet.",
    "Saken tas opp igjen når evalueringen foreligger.", "Vedtatt. Prosjektleder rapporterer status hvert kvartal.",
)
# Bodies (schema.DECISION_BODIES order): at a decision point, and for other decisions
DECISION_BP_BODY_P = (0.3, 0.45, 0.0, 0.0, 0.25, 0.0)
DECISION_OTHER_BODY_P = (0.2, 0.25, 0.2, 0.1, 0.15, 0.1)
DECISION_AT_BP = 0.45  # share of passed decision points with a recorded decision
DECISION_PUBLIC = 0.6  # share of decisions marked public (shown only while the initiative is public)

RISK_CATEGORIES = {
    "økonomi": ("Kostnadene blir høyere enn budsjettert", "Finansieringen etter prosjektperioden er ikke avklart",
                "Tilskuddet blir redusert"),
    "fremdrift": ("Leverandøren leverer for sent", "Nøkkelpersoner er bundet opp i drift",
                  "Anskaffelsen tar lengre tid enn planlagt"),
    "personvern": ("Personopplysninger deles uten gyldig grunnlag", "Personvernkonsekvensene er ikke vurdert"),
    "informasjonssikkerhet": ("Systemet får ikke sikkerhetsoppdateringer", "Tilgangsstyringen er ikke på plass"),
    "organisasjon": ("Ansatte tar ikke i bruk den nye arbeidsmåten", "Prosjektlederen slutter",
                     "Uklar ansvarsdeling mellom enhetene"),
    "interessenter": ("Få innbyggere deltar", "Brukerne blir ikke involvert tidlig nok"),
    "kvalitet": ("Løsningen oppfyller ikke kravene til universell utforming", "Effekten kan ikke måles"),
}
RISK_DESCRIPTIONS = (
    None, None, "Kan gi forsinkelser og merkostnader.", "Kan svekke tilliten til tiltaket.",
    "Kan gjøre at gevinstene uteblir.", "Har skjedd i lignende prosjekter i andre kommuner.",
)
RISK_MITIGATIONS = (
    None, "Tett oppfølging i styringsgruppen.", "Ukentlig statusmøte med leverandøren.",
    "Opplæring og tett oppfølging av enhetene.", "Avklare finansieringen i neste budsjettrunde.",
    "Gjennomføre en vurdering av personvernkonsekvenser (DPIA).", "Involvere brukerne i testingen.",
    "Dokumentere rutinene og ha en stedfortreder.",
)
RISK_STRATEGY_P = (0.55, 0.2, 0.05, 0.05, 0.05, 0.1)  # schema.RISK_STRATEGIES order
RISKS_PER_INITIATIVE = (1, 2, 3, 4, 5)
RISKS_PER_INITIATIVE_P = (0.1, 0.2, 0.35, 0.2, 0.15)  # about 3
# Weekly: a score moves (probability or consequence ±1); åpen -> under oppfølging -> lukket
RISK_WEEKLY_MOVE = 0.04
RISK_WEEKLY_FOLLOW_UP = 0.03
RISK_WEEKLY_CLOSE = 0.015

# (title, kind, unit, indicator, baseline low, baseline high, change): the target is the
# baseline × (1 + change) for counts, kroner and hours, baseline + change for percent and scores
BENEFIT_TYPES = (
    ("Redusert tidsbruk i saksbehandlingen", "direkte", "timer", "Timer brukt på saksbehandling per måned",
     400, 2000, -0.3),
    ("Lavere driftskostnader", "direkte", "kroner", "Driftskostnader per år", 500_000, 5_000_000, -0.15),
    ("Flere innbyggere bruker digitale tjenester", "indirekte", "prosent", "Andel saker som kommer inn digitalt",
     20, 60, 25),
    ("Mer fornøyde brukere", "kvalitativ", "skår", "Skår i brukerundersøkelsen (1–6)", 3.4, 4.4, 0.6),
    ("Færre avvik", "direkte", "antall", "Avvik meldt per år", 40, 200, -0.35),
    ("Flere deltakere i aktivitet", "direkte", "antall", "Deltakere i aktivitet", 10, 100, 1.0),
    ("Bedre arbeidsmiljø", "kvalitativ", "skår", "Skår i medarbeiderundersøkelsen (1–5)", 3.5, 4.2, 0.4),
    ("Kortere ventetid", "indirekte", "antall", "Dager fra søknad til vedtak", 20, 90, -0.4),
)
BENEFITS_PER_INITIATIVE_P = (0.2, 0.6, 0.2)  # 0, 1 or 2: about 1
BENEFIT_PUBLIC = 0.5
MEASUREMENTS_PER_BENEFIT = 4
MEASUREMENT_COMMENTS = (None, None, None, None, "Tallet er foreløpig.", "Ny målemetode fra i år.",
                        "Færre svar enn vanlig.")

CHECKLIST_SHARE = 0.15  # initiatives that record Prosjektveiviseren's checklists at their decision points
CHECKLIST_ITEM_ANSWERED = 0.9
CHECKLIST_FREE_ANSWERS = ("Kommer i styringsdokumentet.", "Avklares i neste fase.", "Se prosjektplanen.",
                          "Delvis – avklares med økonomi.")
CHECKLIST_ANSWER_P = (0.7, 0.08, 0.14, 0.05, 0.03)  # Ja, Nei, Delvis, Ikke vurdert, a free answer
CHECKLIST_COMMENTS = (None, None, None, None, None, "Se styringsdokumentet.", "Må følges opp.",
                      "Vurdert sammen med økonomi.")

# Statuses: 0 grønn, 1 gul, 2 rød, 3 ikke vurdert (the order of schema.STATUSES).
STATUS_P_NORMAL = (0.72, 0.18, 0.04, 0.06)
STATUS_P_TROUBLED = (0.35, 0.40, 0.20, 0.05)
STATUS_P_IDEA = (0.40, 0.10, 0.02, 0.48)
# Weekly status changes: the share of all (initiative, dimension) cells that
# move between two statuses each week, each way (symmetric). With the target
# shares below (the chain's long-run distribution) about 2 % of the cells
# change per week (about 9 % of the initiatives in at least one dimension):
# green rarely (about 1 %), yellow and red more often (about 4 %).
STATUS_TARGET = (0.68, 0.19, 0.06, 0.07)
STATUS_FLOWS = (
    (0.0, 0.006, 0.0005, 0.001),
    (0.006, 0.0, 0.002, 0.0003),
    (0.0005, 0.002, 0.0, 0.0001),
    (0.001, 0.0003, 0.0001, 0.0),
)


def status_transitions() -> np.ndarray:
    """Weekly transition matrix (rows: from, columns: to) with STATUS_TARGET as its
    stationary distribution (detailed balance: target_i * p_ij = flow_ij)."""
    p = np.asarray(STATUS_FLOWS) / np.asarray(STATUS_TARGET)[:, None]
    p[np.diag_indices(4)] = 1.0 - p.sum(axis=1)
    return p


SUMMARIES = (
    (
        "Arbeidet går etter planen.", "Tiltaket leverer som forventet.",
        "God fremdrift, og gevinstene er i ferd med å hentes ut.", None,
    ),
    (
        "Noe forsinket; tiltak er satt inn.", "Enkelte leveranser er utsatt, men målene står fast.",
        "Krevende ressurssituasjon denne perioden.", None,
    ),
    (
        "Alvorlige avvik; saken er meldt til styringsgruppen.",
        "Tiltaket må replanlegges.", "Kritisk forsinkelse i anskaffelsen.",
    ),
    ("Status er ikke vurdert ennå.", None),
)
COMMENTS = {
    "schedule": (
        ("Leveranser forsinket noen uker.", "Avhengighet til annet prosjekt forsinker arbeidet."),
        ("Vesentlig forsinket; ny plan utarbeides.", "Milepæler er passert uten leveranse."),
    ),
    "budget": (
        ("Prognosen viser et mindre overforbruk.", "Usikkerhet om tilskudd."),
        ("Betydelig overforbruk; må behandles politisk.", "Finansiering for neste år mangler."),
    ),
    "quality": (
        ("Noen avvik i testingen.", "Brukerne melder om barnesykdommer."),
        ("Løsningen oppfyller ikke kravene.", "Mange avvik fra brukertesten."),
    ),
    "risk": (
        ("Risiko knyttet til leverandørens kapasitet.", "Nøkkelpersoner kan slutte."),
        ("Høy risiko for at gevinstene uteblir.", "Avhengig av beslutning som ikke er tatt."),
    ),
}

_SLUG_TRANSLATE = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "é": "e", "ü": "u", "ö": "o", "ä": "a"})


def slugify(text: str) -> str:
    text = text.lower().translate(_SLUG_TRANSLATE)
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def municipality_names(count: int, rng: np.random.Generator) -> list[str]:
    """`count` distinct, fictional municipality names such as "Bjørkdal"."""
    names = []
    for stem in _STEMS:
        for suffix in _SUFFIXES:
            if stem.lower().endswith(suffix):
                continue
            name = stem + suffix
            if stem[-1] == suffix[0]:  # "Sjø" + "øy" -> "Sjøøy": drop the doubled letter
                name = stem + suffix[1:]
            names.append(name)
    names = list(dict.fromkeys(names))
    if count > len(names):
        raise ValueError(f"at most {len(names)} municipalities")
    order = rng.permutation(len(names))[:count]
    return [names[i] for i in order]
