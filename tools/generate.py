"""Realistic, deterministic test data at the scale of a county or the country.

`write_generated(out_dir, initiatives, snapshots, seed)` writes `snapshots`
weekly snapshots of a generated portfolio into `Store(out_dir)`, each through
`Store.write` (so each one is validated). The portfolio spans many fictional
municipalities, whose kommunalområder appear as owner areas such as
"Bjørkdal – Oppvekst". About 1 in 20 initiatives is a programme; most other
initiatives in the same municipality roll up to one.

Every run with the same arguments gives the same data (numpy's default_rng
with the given seed, and creation times ending on a fixed date; the wall
clock is never read). For speed the base portfolio is built once as numpy
arrays; each week only the columns that change are recomputed:

* statuses in all five dimensions change for a few percent per week
  (red rarer than yellow rarer than green, some "ikke vurdert");
* phases advance as decision points BP1–BP5 are passed, and decision-point
  milestones are completed on the same day (phase and last decision point
  stay consistent);
* milestones are completed over time, some are moved (new due date, with a
  note), some stay overdue;
* spend (actual_nok) grows through each budget year, some initiatives go
  over budget, and forecasts follow;
* some initiatives become public when they start their execution phase.

Run from the command line::

    python -m portfolio.generate --out /tmp/stor --initiatives 10000 --snapshots 52
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd

from portfolio.model import schema
from portfolio.store.snapshots import SnapshotMeta, Store

# The last snapshot is created at this fixed time; earlier ones a week apart.
END_AT = dt.datetime(2026, 11, 16, 12, 0, tzinfo=dt.timezone.utc)
AUTHOR = "Testdatagenerator"
NOTE = "Generert testdata, uke {week} {year}"
EPOCH = dt.date(1970, 1, 1)

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


def _object(values) -> np.ndarray:
    out = np.empty(len(values), dtype=object)
    out[:] = values
    return out


class _Dates:
    """datetime.date objects for day numbers (days since 1970-01-01), by lookup."""

    def __init__(self) -> None:
        self.lo = 0
        self.values = np.array([None], dtype=object)

    def take(self, days: np.ndarray, missing: np.ndarray | None = None) -> np.ndarray:
        present = days if missing is None else days[~missing]
        if len(present):
            lo, hi = int(present.min()), int(present.max())
            if lo < self.lo or hi >= self.lo + len(self.values) - 1:
                self._grow(lo, hi)
        index = days - self.lo
        if missing is not None:
            index = np.where(missing, -1, index)  # the last value is None
        return self.values.take(index)

    def _grow(self, lo: int, hi: int) -> None:
        if len(self.values) > 1:
            lo, hi = min(lo, self.lo), max(hi, self.lo + len(self.values) - 2)
        lo, hi = lo - 366, hi + 366
        self.lo = lo
        self.values = _object(
            [EPOCH + dt.timedelta(days=d) for d in range(lo, hi + 1)] + [None]
        )


def _day(date: dt.date) -> int:
    return (date - EPOCH).days


def _year_start(year: np.ndarray) -> np.ndarray:
    """Day number of 1 January of each year."""
    return (year - 1970).astype("datetime64[Y]").astype("datetime64[D]").astype(np.int64)


def _years_of(days: np.ndarray) -> np.ndarray:
    return days.astype("datetime64[D]").astype("datetime64[Y]").astype(np.int64) + 1970


def _sample(rng: np.random.Generator, probs: np.ndarray, shape: tuple[int, ...]) -> np.ndarray:
    """Category draws of the given shape; probs is (k,) or a leading part of shape + (k,)."""
    cum = np.cumsum(probs, axis=-1)
    cum[..., -1] = 1.0
    u = rng.random(shape)
    if cum.ndim == 1:
        return np.searchsorted(cum, u, side="right").astype(np.int8)
    while cum.ndim < len(shape) + 1:
        cum = cum[..., None, :]
    return (u[..., None] >= cum).sum(axis=-1).astype(np.int8)


def _weighted_order(rng: np.random.Generator, n: int, weights) -> np.ndarray:
    """Per row, a random order of the categories, heavier ones first (Efraimidis–Spirakis)."""
    keys = -np.log(rng.random((n, len(weights)))) / np.asarray(weights)
    return np.argsort(keys, axis=1)


def _lists(order: np.ndarray, counts: np.ndarray, values: tuple[str, ...]) -> np.ndarray:
    return _object([[values[j] for j in row[:c]] for row, c in zip(order.tolist(), counts.tolist())])


def _vocab_take(vocab: list, index: np.ndarray) -> np.ndarray:
    return _object(vocab).take(index)


def _frame(columns: dict) -> pd.DataFrame:
    """A DataFrame that keeps text columns as plain Python objects.

    pandas 3 would otherwise convert them to its Arrow-backed "str" dtype,
    which validate.normalize iterates about twice as slowly.
    """
    return pd.DataFrame(
        {
            name: pd.Series(values, dtype=object, copy=False)
            if isinstance(values, np.ndarray) and values.dtype == object
            else values
            for name, values in columns.items()
        }
    )


class _Portfolio:
    """The generated portfolio: static columns plus the state that changes weekly."""

    def __init__(self, n: int, seed: int, first_day: int, last_day: int):
        rng = self.rng = np.random.default_rng(seed)
        self.n = n
        self.dates = _Dates()
        t0 = first_day
        # start dates are spread around the middle of the period, so that the
        # portfolio has every phase both in the first and in the last snapshot
        anchor = (first_day + last_day) // 2

        # -- municipalities, areas, programmes ------------------------------
        m_count = int(np.clip(round(n / INITIATIVES_PER_MUNICIPALITY), 1, 350))
        munis = municipality_names(m_count, rng)
        muni_weights = rng.lognormal(0.0, 0.8, m_count)
        muni = np.sort(rng.choice(m_count, size=n, p=muni_weights / muni_weights.sum()))
        area = rng.choice(len(AREAS), size=n, p=np.asarray(AREA_WEIGHTS) / sum(AREA_WEIGHTS))
        is_prog = rng.random(n) < PROGRAMME_SHARE

        prog_idx = np.flatnonzero(is_prog)  # sorted by municipality, as muni is sorted
        prog_muni = muni[prog_idx]
        first = np.searchsorted(prog_muni, muni, side="left")
        count = np.searchsorted(prog_muni, muni, side="right") - first
        wants = (~is_prog) & (count > 0) & (rng.random(n) < CHILD_SHARE)
        pick = first + np.floor(rng.random(n) * np.maximum(count, 1)).astype(np.int64)
        parent = np.where(wants, prog_idx[np.minimum(pick, max(len(prog_idx) - 1, 0))] if len(prog_idx) else -1, -1)
        has_parent = parent >= 0
        # most initiatives in a programme belong to the programme's area
        same_area = has_parent & (rng.random(n) < 0.6)
        area = np.where(same_area, area[np.maximum(parent, 0)], area)

        # -- names and ids --------------------------------------------------
        topic_u = rng.random(n)
        qualifier = rng.integers(0, len(QUALIFIERS), n)
        names, ids = [], []
        for i in range(n):
            a, m = AREAS[area[i]], munis[muni[i]]
            if is_prog[i]:
                name = f"{PROGRAMMES[a]} i {m}"
                slug = f"program-{AREA_SLUGS[area[i]]}-{slugify(m)}-{i + 1}"
            else:
                topics = TOPICS[a]
                topic = topics[int(topic_u[i] * len(topics))]
                joiner = " – " if " i " in topic else " i "
                name = f"{topic}{joiner}{m}{QUALIFIERS[qualifier[i]]}"
                short = "-".join(slugify(topic).split("-")[:3])
                slug = f"{short}-{slugify(m)}-{i + 1}"
            names.append(name)
            ids.append(slug)
        self.ids = _object(ids)
        self.names = _object(names)
        self.parent = parent
        self.is_prog = is_prog
        self.parent_ids = _object(list(self.ids) + [None]).take(np.where(has_parent, parent, -1))
        area_labels = [[f"{m} – {a}" for a in AREAS] for m in munis]
        self.owner_area = _object([area_labels[mu][ar] for mu, ar in zip(muni.tolist(), area.tolist())])

        collab_count = rng.choice(3, size=n, p=(0.45, 0.4, 0.15))
        collab_order = _weighted_order(rng, n, AREA_WEIGHTS)
        self.collaborating = _object(
            [
                [area_labels[mu][j] for j in order if j != ar][:c]
                for mu, ar, order, c in zip(muni.tolist(), area.tolist(), collab_order.tolist(), collab_count.tolist())
            ]
        )

        people = [f"{f} {l}" for f in FIRST_NAMES for l in LAST_NAMES]
        owner_of = rng.integers(0, len(people), (m_count, len(AREAS)))  # one leader per area
        self.project_owner = _vocab_take(people, owner_of[muni, area])
        leader = rng.integers(0, len(people), n)
        self.project_leader = _vocab_take(people + [None], np.where(rng.random(n) < 0.1, -1, leader))

        self.focus = _lists(
            _weighted_order(rng, n, (0.5, 0.3, 0.2)), rng.choice((1, 2, 3), n, p=(0.6, 0.33, 0.07)),
            schema.FOCUS_AREAS,
        )
        self.targets = _lists(
            _weighted_order(rng, n, (1, 1, 0.5, 0.7, 0.6)), rng.choice(3, n, p=(0.3, 0.5, 0.2)),
            schema.TARGET_GROUPS,
        )
        self.partners = _lists(
            _weighted_order(rng, n, np.linspace(1.0, 0.3, len(PARTNERS))),
            rng.choice(4, n, p=(0.35, 0.35, 0.2, 0.1)), PARTNERS,
        )

        # -- timeline: start, planned end, decision points ------------------
        start = anchor - rng.integers(-90, 4 * 365, n)
        duration = rng.integers(365, 6 * 365, n)
        start = np.where(is_prog, start - rng.integers(180, 720, n), start)
        duration = np.where(is_prog, duration + rng.integers(365, 3 * 365, n), duration)
        if has_parent.any():  # an initiative starts no earlier than its programme
            start = np.where(has_parent, np.maximum(start, start[np.maximum(parent, 0)]), start)
        self.start = start
        self.planned_end = start + duration
        self.no_end = rng.random(n) < 0.3  # no end date while still an idea
        fractions = np.clip(
            np.array([0.06, 0.18, 0.3, 0.85, 1.0]) + rng.normal(0, 0.03, (n, 5)), 0.0, 1.05
        )
        fractions = np.maximum.accumulate(fractions, axis=1)
        self.bp_planned = start[:, None] + np.round(fractions * duration[:, None]).astype(np.int64)
        delay = rng.exponential(14, (n, 5)) + (rng.random((n, 5)) < 0.1) * rng.integers(30, 180, (n, 5))
        self.bp_passed = np.maximum.accumulate(self.bp_planned + delay.astype(np.int64), axis=1)
        phase0 = (self.bp_passed <= t0).sum(axis=1)

        # -- budgets --------------------------------------------------------
        n_years = rng.choice((2, 3), n)
        n_sources = rng.choice((1, 2, 3), n, p=(0.25, 0.5, 0.25))
        rows_per = n_years * n_sources
        b_init = np.repeat(np.arange(n), rows_per)
        within = np.arange(len(b_init)) - np.repeat(np.cumsum(rows_per) - rows_per, rows_per)
        first_year = np.clip(_years_of(start), 2024, 2025)
        b_year = first_year[b_init] + within // n_sources[b_init]
        source_order = _weighted_order(rng, n, FUNDING_WEIGHTS)
        b_source = source_order[b_init, within % n_sources[b_init]]
        size = rng.lognormal(np.log(1_200_000), 0.9, n) * np.where(is_prog, 4.0, 1.0)
        share = rng.uniform(0.3, 1.0, len(b_init))
        budget = np.maximum(np.round(size[b_init] * share / 10_000) * 10_000, 50_000).astype(np.int64)
        overruns = rng.random(n) < 0.1
        ratio = np.where(
            overruns[b_init], rng.normal(1.18, 0.08, len(b_init)), rng.normal(0.9, 0.05, len(b_init))
        )
        self.b_init = b_init
        self.b_year = b_year.astype(np.int64)
        self.b_year_start = _year_start(self.b_year)
        self.b_year_days = _year_start(self.b_year + 1) - self.b_year_start
        self.b_source = _vocab_take(list(FUNDING_SOURCES), b_source)
        self.b_budget = budget
        self.b_ratio = np.clip(ratio, 0.2, 2.0)
        self.b_shape = rng.uniform(0.8, 1.6, len(b_init))  # how spend accrues through the year
        self.b_future_forecast = rng.random(len(b_init)) < 0.5
        self.b_note = _vocab_take(
            list(BUDGET_NOTES) + [None],
            np.where(rng.random(len(b_init)) < 0.1, rng.integers(0, len(BUDGET_NOTES), len(b_init)), -1),
        )
        self.b_ids = self.ids.take(b_init)

        # -- statuses -------------------------------------------------------
        troubled = rng.random(n) < 0.15
        probs = np.where(troubled[:, None], STATUS_P_TROUBLED, STATUS_P_NORMAL)
        probs = np.where((phase0 == 0)[:, None], STATUS_P_IDEA, probs)
        self.status = _sample(rng, probs, (n, 5))
        budget_probs = np.array([(0.2, 0.5, 0.3, 0.0)])
        over_budget = _sample(rng, budget_probs, (n,))
        budget_dim = schema.STATUS_DIMENSIONS.index("budget")
        self.status[:, budget_dim] = np.where(overruns, over_budget, self.status[:, budget_dim])
        self.comment_pick = rng.integers(0, 1 << 20, (n, 5))
        self.summary_pick = rng.integers(0, 1 << 20, n)
        self.phase = phase0
        self._transitions = status_transitions()

        # -- public ---------------------------------------------------------
        self.public0 = rng.random(n) < 0.15
        self.goes_public = rng.random(n) < 0.25  # when execution (Gjennomføre) starts
        self.summary_draft = rng.random(n) < 0.05
        goal = [GOALS[AREAS[a]] for a in area.tolist()]
        self.summaries = _object(
            [
                f"{nm} skal {g}. Arbeidet ledes av {ow}, og vi forteller her om fremdriften underveis."
                for nm, g, ow in zip(names, goal, self.owner_area.tolist())
            ]
        )
        has_url = rng.random(n) < 0.6
        self.urls = _object(
            [
                f"https://{slugify(munis[m])}.kommune.example/prosjekter/{i}" if u else None
                for m, i, u in zip(muni.tolist(), ids, has_url.tolist())
            ]
        )

        # -- milestones -----------------------------------------------------
        has_bp = rng.random((n, 5)) < 0.6
        bp_i, bp_k = np.nonzero(has_bp)
        n_other = rng.integers(4, 11, n)
        o_i = np.repeat(np.arange(n), n_other)
        o_due = start[o_i] + np.round(rng.random(len(o_i)) * duration[o_i]).astype(np.int64)
        o_delay = np.select(
            [rng.random(len(o_i)) < 0.65, rng.random(len(o_i)) < 0.45],
            [rng.integers(-14, 8, len(o_i)), rng.integers(7, 61, len(o_i))],
            rng.integers(90, 366, len(o_i)),  # some stay overdue for months
        )
        o_done = np.maximum(o_due + o_delay, start[o_i])
        o_kind = _sample(rng, np.asarray(OTHER_KIND_WEIGHTS), (len(o_i),))
        # consecutive titles of a list per initiative: no repeats within a kind
        o_seq = np.arange(len(o_i)) - np.repeat(np.cumsum(n_other) - n_other, n_other)
        title_pick = rng.integers(0, 1 << 20, n)[o_i] + o_seq
        o_titles = _object(
            [MILESTONE_TITLES[OTHER_KINDS[k]][p % len(MILESTONE_TITLES[OTHER_KINDS[k]])]
             for k, p in zip(o_kind.tolist(), title_pick.tolist())]
        )

        m_init = np.concatenate([bp_i, o_i])
        due = np.concatenate([self.bp_planned[bp_i, bp_k], o_due])
        order = np.lexsort((due, m_init))
        m_init, due = m_init[order], due[order]
        m_bp = np.concatenate([bp_k, np.full(len(o_i), -1)])[order]
        titles = np.concatenate([_vocab_take(list(BP_TITLES), bp_k), o_titles])[order]
        kinds = np.concatenate(
            [np.full(len(bp_i), schema.MILESTONE_KINDS.index("beslutningspunkt")),
             np.array([schema.MILESTONE_KINDS.index(OTHER_KINDS[k]) for k in range(3)])[o_kind]]
        )[order]
        done = np.concatenate([np.zeros(len(bp_i), dtype=np.int64), o_done])[order]
        seq = np.arange(len(m_init)) - np.searchsorted(m_init, m_init, side="left")
        self.m_ids = _object([f"{ids[i]}-m{s + 1:02d}" for i, s in zip(m_init.tolist(), seq.tolist())])
        self.m_init = m_init
        self.m_init_ids = self.ids.take(m_init)
        self.m_title = titles
        self.m_kind = _vocab_take(list(schema.MILESTONE_KINDS), kinds)
        self.m_bp = m_bp
        self.m_dp = _vocab_take(list(schema.DECISION_POINTS) + [None], m_bp)
        self.m_due = due
        self.m_done = done
        self.m_is_bp = m_bp >= 0
        self._sync_bp_done()
        self.m_public_flag = rng.random(len(m_init)) < 0.5
        self.m_note = _vocab_take(
            list(MILESTONE_NOTES) + [None],
            np.where(rng.random(len(m_init)) < 0.05, rng.integers(0, len(MILESTONE_NOTES), len(m_init)), -1),
        )

        # vocabularies for the status texts
        self._summary_vocab = [list(s) for s in SUMMARIES]
        self._comment_vocab = {}
        for dim in schema.STATUS_DIMENSIONS[1:]:
            yellow, red = COMMENTS[dim]
            # green: mostly empty; yellow/red: a comment; not assessed: empty
            self._comment_vocab[dim] = [[None] * 9 + ["Ingen avvik."], list(yellow), list(red), [None]]

    def _sync_bp_done(self) -> None:
        """Decision-point milestones are completed the day the decision point is passed."""
        bp = self.m_is_bp
        self.m_done[bp] = self.bp_passed[self.m_init[bp], self.m_bp[bp]]

    # -- weekly change ---------------------------------------------------------
    def advance(self, today: int) -> None:
        rng, n = self.rng, self.n
        old_phase = self.phase
        new_phase = (self.bp_passed <= today).sum(axis=1)

        # statuses: a few percent change per dimension and week
        moved_status = _sample(rng, self._transitions[self.status], (n, 5))
        # leaving the idea phase: most "ikke vurdert" get assessed
        assessed = ((old_phase == 0) & (new_phase > 0))[:, None] & (self.status == 3) & (rng.random((n, 5)) < 0.7)
        fresh = _sample(rng, np.asarray(STATUS_P_NORMAL[:3]) / sum(STATUS_P_NORMAL[:3]), (n, 5))
        status = moved_status
        status = np.where(assessed, fresh, status)
        changed = status != self.status
        picks = rng.integers(0, 1 << 20, (n, 5))
        self.comment_pick = np.where(changed, picks, self.comment_pick)
        self.summary_pick = np.where(changed[:, 0], picks[:, 0] >> 3, self.summary_pick)
        self.status = status.astype(np.int8)
        self.phase = new_phase

        # milestones: some open ones due soon (or overdue) are moved
        open_ = self.m_done > today
        candidates = open_ & (self.m_due <= today + 28)
        moved = candidates & (rng.random(len(open_)) < WEEKLY_MOVE)
        rows = np.flatnonzero(moved)
        if len(rows):
            old_due = self.m_due[rows]
            new_due = np.maximum(old_due, today) + rng.integers(14, 91, len(rows))
            self.m_due[rows] = new_due
            old_dates = self.dates.take(old_due)
            self.m_note[rows] = _object([f"Flyttet fra {d:%d.%m.%Y}." for d in old_dates])
            slack = rng.integers(-10, 15, len(rows))
            self.m_done[rows] = np.maximum(self.m_done[rows], new_due + slack)
            bp_rows = rows[self.m_is_bp[rows]]
            if len(bp_rows):  # a moved decision point delays that and later ones
                i, k = self.m_init[bp_rows], self.m_bp[bp_rows]
                np.maximum.at(self.bp_passed, (i, k), self.m_done[bp_rows])
                self.bp_passed = np.maximum.accumulate(self.bp_passed, axis=1)
                self._sync_bp_done()

    # -- tables for one snapshot -----------------------------------------------
    def _is_public(self) -> np.ndarray:
        return (self.public0 & (self.phase >= 1)) | (self.goes_public & (self.phase >= 3))

    def frames(self, today: int) -> dict[str, pd.DataFrame]:
        return {
            "initiatives": self._initiatives(today),
            "budgets": self._budgets(today),
            "milestones": self._milestones(today),
        }

    def _initiatives(self, today: int) -> pd.DataFrame:
        phase = self.phase
        status_names = _object(list(schema.STATUSES))
        is_public = self._is_public()
        with_summary = is_public | self.summary_draft
        passed_end = phase >= 5
        end = np.where(passed_end, self.bp_passed[:, 4], self.planned_end)
        columns = {
            "initiative_id": self.ids,
            "name": self.names,
            "parent_id": self.parent_ids,
            "owner_area": self.owner_area,
            "collaborating_areas": self.collaborating,
            "project_owner": self.project_owner,
            "project_leader": self.project_leader,
            "phase": _vocab_take(list(schema.PHASES), phase),
            "last_decision_point": _vocab_take(list(schema.DECISION_POINTS) + [None], phase - 1),
        }
        for d, dim in enumerate(schema.STATUS_DIMENSIONS):
            columns[f"status_{dim}"] = status_names.take(self.status[:, d])
        columns["status_summary"] = self._texts(self._summary_vocab, self.status[:, 0], self.summary_pick)
        for d, dim in enumerate(schema.STATUS_DIMENSIONS):
            if d:
                columns[f"comment_{dim}"] = self._texts(
                    self._comment_vocab[dim], self.status[:, d], self.comment_pick[:, d]
                )
        columns.update(
            {
                "focus_areas": self.focus,
                "target_groups": self.targets,
                "partners": self.partners,
                "start_date": self.dates.take(self.start),
                "end_date": self.dates.take(end, missing=(phase == 0) & self.no_end),
                "is_public": is_public,
                "public_summary": np.where(with_summary, self.summaries, None),
                "url": np.where(is_public, self.urls, None),
            }
        )
        return _frame(columns)

    @staticmethod
    def _texts(vocab: list[list], status: np.ndarray, pick: np.ndarray) -> np.ndarray:
        flat = [t for texts in vocab for t in texts]
        sizes = np.array([len(t) for t in vocab])
        offsets = np.cumsum(sizes) - sizes
        return _object(flat).take(offsets[status] + pick % sizes[status])

    def _budgets(self, today: int) -> pd.DataFrame:
        elapsed = np.clip((today - self.b_year_start) / self.b_year_days, 0.0, 1.0)
        spent = elapsed ** self.b_shape
        actual = np.round(self.b_budget * self.b_ratio * spent / 1000).astype(np.int64) * 1000
        current = (elapsed > 0) & (elapsed < 1)
        seen = np.clip(elapsed * 1.5 + 0.2, 0.0, 1.0)  # the overrun shows in the forecast gradually
        forecast_now = np.round(self.b_budget * (1 + (self.b_ratio - 1) * seen) / 10_000) * 10_000
        forecast = np.where(elapsed >= 1, actual, np.where(current, forecast_now, self.b_budget)).astype(np.int64)
        no_forecast = (elapsed <= 0) & ~self.b_future_forecast
        return _frame(
            {
                "initiative_id": self.b_ids,
                "year": self.b_year,
                "funding_source": self.b_source,
                "budget_nok": self.b_budget,
                "actual_nok": actual,
                "forecast_nok": pd.arrays.IntegerArray(forecast, no_forecast),
                "note": self.b_note,
            }
        )

    def _milestones(self, today: int) -> pd.DataFrame:
        done = self.m_done <= today
        is_public = self._is_public()
        return _frame(
            {
                "milestone_id": self.m_ids,
                "initiative_id": self.m_init_ids,
                "title": self.m_title,
                "kind": self.m_kind,
                "decision_point": self.m_dp,
                "due_date": self.dates.take(self.m_due),
                "completed_date": self.dates.take(self.m_done, missing=~done),
                "is_public": self.m_public_flag & is_public[self.m_init],
                "note": self.m_note.copy(),
            }
        )


def snapshot_times(snapshots: int) -> list[dt.datetime]:
    """Creation times of the snapshots: weekly, the last at END_AT."""
    return [END_AT - dt.timedelta(weeks=snapshots - 1 - w) for w in range(snapshots)]


def write_generated(
    out_dir: Path,
    initiatives: int,
    snapshots: int,
    seed: int = 0,
    progress: Callable[[int, int], None] | None = None,
) -> list[SnapshotMeta]:
    """Write `snapshots` weekly snapshots of a generated portfolio; return their metadata.

    Refuses (ValueError) when `out_dir` already holds snapshots.
    """
    if initiatives < 1 or snapshots < 1:
        raise ValueError("initiatives and snapshots must be at least 1")
    store = Store(out_dir)
    if store.list():
        raise ValueError(f"«{out_dir}» har allerede øyeblikksbilder; velg en tom mappe.")
    times = snapshot_times(snapshots)
    portfolio = _Portfolio(initiatives, seed, _day(times[0].date()), _day(times[-1].date()))
    metas: list[SnapshotMeta] = []
    base_id = None
    for w, created in enumerate(times):
        today = _day(created.date())
        if w:
            portfolio.advance(today)
        year, week, _ = created.isocalendar()
        meta = store.write(
            portfolio.frames(today),
            author=AUTHOR,
            note=NOTE.format(week=week, year=year),
            base_id=base_id,
            created_at=created,
        )
        metas.append(meta)
        base_id = meta.snapshot_id
        if progress is not None:
            progress(w + 1, snapshots)
    return metas
