"""The seed ("demo") portfolio: Samhandlingskommunen Kristiansand, 2021–2026.

Everything here is produced by code, deterministically (no randomness, no
clock): `seed_snapshots()` returns the portfolio as it stood at each of nine
leadership meetings, and `write_demo(out_dir)` writes them as snapshots plus
the data folder's README.

The facts come from five public seed documents (numbered 000–004, see
`SEEDS`). Every value the seeds state is annotated where it is declared (the
`sources` of an initiative, milestone or budget line); the README's provenance
section is generated from those annotations. Every other value is
illustrative.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from portfolio.model import schema
from portfolio.store.snapshots import SnapshotMeta, Store, snapshot_id_for

D = dt.date
UTC = dt.timezone.utc

AUTHOR = "Demodata (portfolio.demo)"
REGENERATE_COMMAND = "python -m portfolio demo-data --out DIR"


# -- sources ---------------------------------------------------------------

SEEDS: dict[str, str] = {
    "000": "news article «Samhandlingskommune er i gang!» (autumn 2021)",
    "001": "invitation to the conference «Sammen.» (27–28 October; year not stated)",
    "002": "article «Sterkere sammen – med innbyggerne» (early 2022)",
    "003": "Mandat for konseptfasen, treated by KDL at BP1 on 18 October 2021",
    "004": "article «Første fellessamling i helse og sosial» (16 November 2017)",
}
SEED_LABELS: dict[str, str] = {
    "000": "seed 000 (nyhetssak)",
    "001": "seed 001 (konferanseinvitasjon)",
    "002": "seed 002 (artikkel)",
    "003": "seed 003 (mandat)",
    "004": "seed 004 (artikkel 2017)",
}


@dataclass(frozen=True)
class Source:
    """Which seed documents state a value, with a remark (English)."""

    seeds: tuple[str, ...]
    remark: str = ""
    as_of: dt.date | None = None  # the snapshot whose value is sourced; default: the latest

    def cite(self) -> str:
        cited = ", ".join(SEED_LABELS[s] for s in self.seeds)
        return f"{cited}: {self.remark}" if self.remark else cited


def src(*seeds: str, remark: str = "", as_of: dt.date | None = None) -> Source:
    for seed in seeds:
        if seed not in SEEDS:
            raise KeyError(seed)
    return Source(tuple(seeds), remark, as_of)


# -- the snapshots -----------------------------------------------------------

S1 = D(2021, 2, 8)
S2 = D(2021, 10, 18)
S3 = D(2022, 3, 14)
S4 = D(2022, 11, 7)
S5 = D(2023, 6, 12)
S6 = D(2024, 4, 15)
S7 = D(2025, 2, 10)
S8 = D(2025, 11, 17)
S9 = D(2026, 11, 16)

SNAPSHOT_TIME = dt.time(13, 0)  # UTC, after the meeting

SNAPSHOT_PLAN: tuple[tuple[dt.date, str], ...] = (
    (S1, "Status etter KDL-møte 08.02.2021: prosess for styringsdokument vedtatt"),
    (S2, "Status til KDL-møte 18.10.2021: BP1 – mandat for konseptfasen behandlet"),
    (S3, "Status til KDL-møte 14.03.2022: Svein Ove Ueland overtar som prosjektleder"),
    (S4, "Status til KDL-møte 07.11.2022: etter konferansen «Sammen.»"),
    (S5, "Status til KDL-møte 12.06.2023: styringsdokument levert, BP2 passert"),
    (S6, "Status til KDL-møte 15.04.2024: gjennomføring etter BP3"),
    (S7, "Status til KDL-møte 10.02.2025: årsstatus 2024"),
    (S8, "Status til KDL-møte 17.11.2025"),
    (S9, "Status til KDL-møte 16.11.2026"),
)


@dataclass(frozen=True, eq=False)
class DemoSnapshot:
    created_at: dt.datetime
    author: str
    note: str
    tables: dict[str, pd.DataFrame]


# -- helpers for declaring the portfolio --------------------------------------

_STATUS_CODES = {"G": "grønn", "Y": "gul", "R": "rød", "N": "ikke vurdert"}


def st(
    code: str,
    summary: str,
    *,
    schedule: str | None = None,
    budget: str | None = None,
    quality: str | None = None,
    risk: str | None = None,
) -> dict[str, Any]:
    """A full status report: five grades (overall, schedule, budget, quality,
    risk as G/Y/R/N), the summary and the comments. Comments not given are
    cleared, so a new report never inherits an old comment."""
    if len(code) != len(schema.STATUS_DIMENSIONS):
        raise ValueError(code)
    out: dict[str, Any] = {
        f"status_{dim}": _STATUS_CODES[c] for dim, c in zip(schema.STATUS_DIMENSIONS, code)
    }
    out.update(
        status_summary=summary,
        comment_schedule=schedule,
        comment_budget=budget,
        comment_quality=quality,
        comment_risk=risk,
    )
    return out


def ph(phase: str, decision_point: str | None) -> dict[str, Any]:
    return {"phase": phase, "last_decision_point": decision_point}


@dataclass(frozen=True)
class InitiativeSpec:
    """One initiative: its fixed values, the changes over time (applied in
    order, each carrying forward) and where sourced values come from."""

    initiative_id: str
    added: dt.date  # first snapshot date it appears in
    base: dict[str, Any]
    timeline: tuple[tuple[dt.date, dict[str, Any]], ...]
    sources: dict[str, Source] = field(default_factory=dict)

    def row(self, on: dt.date) -> dict[str, Any] | None:
        if on < self.added:
            return None
        row = {"initiative_id": self.initiative_id, **self.base}
        for when, changes in self.timeline:
            if when <= on:
                row.update(changes)
        return row


@dataclass(frozen=True)
class MilestoneSpec:
    milestone_id: str
    initiative_id: str
    title: str
    kind: str
    added: dt.date
    due: dt.date
    completed: dt.date | None = None
    decision_point: str | None = None
    is_public: bool = False
    note: str | None = None
    changes: tuple[tuple[dt.date, dict[str, Any]], ...] = ()
    sources: dict[str, Source] = field(default_factory=dict)

    def row(self, on: dt.date) -> dict[str, Any] | None:
        if on < self.added:
            return None
        row = {
            "milestone_id": self.milestone_id,
            "initiative_id": self.initiative_id,
            "title": self.title,
            "kind": self.kind,
            "decision_point": self.decision_point,
            "due_date": self.due,
            "completed_date": None,
            "is_public": self.is_public,
            "note": self.note,
        }
        for when, changes in self.changes:
            if when <= on:
                row.update(changes)
        if self.completed is not None and self.completed <= on:
            row["completed_date"] = self.completed
        return row


@dataclass(frozen=True)
class BudgetSpec:
    """A funding source of an initiative over the years.

    `years` maps year -> (budget, actual for the whole year). A row appears
    from the snapshots of its year on; during the year the actual grows with
    the share of the year gone and the forecast is the whole-year figure.
    """

    initiative_id: str
    funding_source: str
    years: dict[int, tuple[int, int]]
    note: str | None = None
    year_notes: dict[int, str] = field(default_factory=dict)
    sources: dict[str, Source] = field(default_factory=dict)

    def rows(self, on: dt.date) -> list[dict[str, Any]]:
        out = []
        for year, (budget, actual_year) in sorted(self.years.items()):
            if year > on.year:
                continue
            if year < on.year:
                actual = actual_year
            else:
                start = D(year, 1, 1)
                share = (on - start).days / (D(year + 1, 1, 1) - start).days
                actual = int(actual_year * share / 1000 + 0.5) * 1000
            out.append(
                {
                    "initiative_id": self.initiative_id,
                    "year": year,
                    "funding_source": self.funding_source,
                    "budget_nok": budget,
                    "actual_nok": actual,
                    "forecast_nok": actual_year,
                    "note": self.year_notes.get(year, self.note),
                }
            )
        return out


# -- kommunalområder and people named in the seeds ----------------------------

ORGANISASJON = "Organisasjon"
OPPVEKST = "Oppvekst"
KULTUR = "Kultur og innbyggerdialog"
HELSE = "Helse og mestring"
AREAS = (ORGANISASJON, OPPVEKST, KULTUR, HELSE)

DIRECTORS = {  # seed 002
    ORGANISASJON: "Kjell A Kristiansen",
    OPPVEKST: "Kristin Eidet Robstad",
    KULTUR: "Camilla Jarlsby",
    HELSE: "Brede Skaalerud",
}

JAA = "Joint Action Analytics (JAA)"
ALL_FOCUS = list(schema.FOCUS_AREAS)
ALL_TARGETS = list(schema.TARGET_GROUPS)
FAMILIER, FYSISK_PSYKISK, SMABEDRIFTER, NYE, FRIVILLIG = schema.TARGET_GROUPS
INNBYGGERDIALOG, TJENESTENE, ORGANISASJONEN = schema.FOCUS_AREAS

PROGRAMME = "samhandlingskommunen"

_RELATED = src("003", remark="listed in section 3.1 as related work («Sammenheng med andre prosjekter»)")
_DIRECTOR_OWNER = "the named person is the area's director in seed 002; using the director as project owner is illustrative"


def _related_base(name: str, area: str, **values: Any) -> dict[str, Any]:
    base = {
        "name": name,
        "parent_id": PROGRAMME,
        "owner_area": area,
        "collaborating_areas": [],
        "project_owner": DIRECTORS[area],
        "project_leader": None,
        "focus_areas": [],
        "target_groups": [],
        "partners": [],
        "end_date": None,
        "is_public": False,
        "public_summary": None,
        "url": None,
    }
    base.update(values)
    return base


def _related_sources(**extra: Source) -> dict[str, Source]:
    out = {
        "name": _RELATED,
        "parent_id": src("003", remark="related to the programme per the mandate; modelled as a child of it"),
        "project_owner": src("002", remark=_DIRECTOR_OWNER),
    }
    out.update(extra)
    return out


# -- the initiatives -----------------------------------------------------------

INITIATIVES: tuple[InitiativeSpec, ...] = (
    InitiativeSpec(
        initiative_id=PROGRAMME,
        added=S1,
        base={
            "name": "Samhandlingskommunen Kristiansand",
            "parent_id": None,
            "owner_area": KULTUR,
            "collaborating_areas": [ORGANISASJON, OPPVEKST, HELSE],
            "project_owner": "Camilla Jarlsby",
            "project_leader": "Elisabeth Engemyr",
            "focus_areas": [],
            "target_groups": [],
            "partners": [JAA],
            "start_date": D(2020, 11, 6),
            "end_date": None,
            "is_public": False,
            "public_summary": None,
            "url": None,
        },
        timeline=(
            (S1, {
                **ph("Idé", None),
                **st(
                    "YYGNY",
                    "KDL støttet 8. februar forslaget til prosess for å lage styringsdokumentet. "
                    "Mandatet for konseptfasen er ennå ikke behandlet.",
                    schedule="Mandatet skulle behandles i KDL innen utgangen av januar (vedtak 7.12.2020). "
                    "Pandemien har gitt lavere aktivitet enn ønsket.",
                    risk="Smittevernstiltak gjør det vanskelig å samle innbyggere og ansatte til verksteder.",
                ),
            }),
            (S2, {
                **ph("Konsept", "BP1"),
                "focus_areas": ALL_FOCUS,
                **st(
                    "GYGGY",
                    "Mandat for konseptfasen ble behandlet i KDL 18.10.2021 (BP1). Styringsdokumentet skal "
                    "leveres innen utgangen av året. Dialogverkstedene er i gang.",
                    schedule="Kort tid til styringsdokumentet; mandatet oppgir januar 2022 som frist.",
                    risk="Pandemien kan fortsatt forsinke verkstedene.",
                ),
            }),
            (S3, {
                "project_leader": "Svein Ove Ueland",
                "target_groups": ALL_TARGETS,
                "is_public": True,
                "public_summary": (
                    "Kommunen vil samarbeide mer med innbyggerne. Sammen med innbyggere, frivillige og "
                    "næringsliv skal vi finne nye måter å løse oppgavene på. Arbeidet starter med tre "
                    "områder: dialogen med innbyggerne, tjenestene og hvordan vi jobber i kommunen."
                ),
                **st(
                    "YYGGY",
                    "Seks dialogverksteder ble holdt høsten 2021. De ga fem innbyggergrupper og tre "
                    "innsatsområder. Svein Ove Ueland overtar som prosjektleder i mars 2022.",
                    schedule="Styringsdokumentet skulle vært ferdig i januar 2022. Det er forsinket på grunn "
                    "av koronapandemien.",
                    risk="Bytte av prosjektleder midt i konseptfasen.",
                ),
            }),
            (S4, {
                **st(
                    "YRGGY",
                    "Samhandlingskonferansen «Sammen.» ble holdt 27.–28. oktober. Styringsdokumentet er "
                    "fortsatt ikke levert.",
                    schedule="Styringsdokumentet er ti måneder forsinket (frist januar 2022). Ny plan: "
                    "behandling i KDL i februar 2023.",
                    risk="Forsinkelsen kan svekke engasjementet etter verkstedene og konferansen.",
                ),
            }),
            (S5, {
                **ph("Planlegge", "BP2"),
                "end_date": D(2027, 12, 31),
                **st(
                    "GGYGY",
                    "Styringsdokumentet ble godkjent i KDL 13.02.2023 (BP2). Handlingsplan for de tre "
                    "innsatsområdene utarbeides.",
                    budget="Den årlige bevilgningen på 300 000 kr dekker ikke utprøving i tjenestene. "
                    "Tiltakene må finansieres i kommunalområdene.",
                    risk="Samhandling på tvers av kommunalområder krever ny praksis for ledere og ansatte.",
                ),
            }),
            (S6, {
                **ph("Gjennomføre", "BP3"),
                **st(
                    "GGGGY",
                    "Plan for gjennomføring ble godkjent i KDL 11.12.2023 (BP3). Tiltakene i tjenestene er "
                    "i gang.",
                    risk="Fare for at tiltakene blir liggende i hvert sitt kommunalområde.",
                ),
            }),
            (S7, {
                **st(
                    "GGGYG",
                    "Årsrapport for 2024 er levert. Dialogverkstedet med de fem innbyggergruppene ble "
                    "gjennomført i september.",
                    quality="Vi mangler en felles måte å måle hva innbyggerne merker av endringene.",
                ),
            }),
            (S8, {
                **st(
                    "YYGYY",
                    "Midtveisevalueringen er utsatt til juni 2026 for å ta med utprøvingene i tjenestene.",
                    schedule="Midtveisevalueringen skulle vært ferdig 31.10.2025.",
                    quality="Felles måling av innbyggeropplevd effekt er ikke på plass.",
                    risk="Flere tiltak står uten finansiering etter 2026.",
                ),
            }),
            (S9, {
                **st(
                    "YRYGY",
                    "Midtveisevalueringen er forsinket igjen. Dialogverksted om sammenhengende tjenester "
                    "holdes 3. desember. Årsrapport for 2026 leveres i desember.",
                    schedule="Midtveisevalueringen skulle vært ferdig 30.10.2026; rapportutkastet er forsinket.",
                    budget="Prognosen for 2026 er 318 000 kr, 18 000 kr over bevilgningen.",
                    risk="Flere tiltak står uten finansiering etter 2026.",
                ),
            }),
        ),
        sources={
            "name": src("000", "002", "003"),
            "owner_area": src("002", remark="the project owner is director of kultur og innbyggerdialog"),
            "collaborating_areas": src(
                "000", "002", "003",
                remark="the project group has representatives of all kommunalområder (000, 003); "
                "the four areas are those whose directors are named in 002",
            ),
            "project_owner": src("002"),
            "project_leader": src(
                "000", "002", "003",
                remark="Elisabeth Engemyr led the start; Svein Ove Ueland takes over from March 2022 "
                "(the 2022-03-14 snapshot on); 001 names Ueland as project leader at the conference",
            ),
            "phase": src(
                "003", remark="Idé before BP1, Konsept after BP1 on 18 Oct 2021; later phases illustrative",
                as_of=S2,
            ),
            "last_decision_point": src("003", remark="BP1 on 18 Oct 2021; BP2 and BP3 illustrative", as_of=S2),
            "comment_schedule": src(
                "000", "003",
                remark="lower activity due to the pandemic (000); mandate due by end of January 2021 "
                "(2021-02-08 snapshot); steering document due "
                "January 2022, delayed by the pandemic (2022 snapshots). Comments in later snapshots and all "
                "status grades are illustrative",
                as_of=S3,
            ),
            "focus_areas": src("002", remark="the three innsatsområder named in the mandate"),
            "target_groups": src("002", remark="the five innbyggergrupper from the dialogue workshops"),
            "partners": src("000", "003"),
            "start_date": src(
                "000", "003",
                remark="established late autumn 2020 (000); the first event, a digital pre-conference with "
                "JAA, was on 6 Nov 2020 (003)",
            ),
        },
    ),
    InitiativeSpec(
        initiative_id="storbyforskning-borgerpanel",
        added=S1,
        base=_related_base(
            "Storbyforskningsprosjektet – borgerpanel",
            KULTUR,
            focus_areas=[INNBYGGERDIALOG],
            target_groups=[NYE],
            start_date=D(2020, 9, 1),
            end_date=D(2025, 12, 31),
            is_public=True,
            public_summary=(
                "Et borgerpanel er en gruppe innbyggere som svarer på spørsmål om byen og om kommunens "
                "tjenester. Svarene hjelper kommunen å forstå hva innbyggerne mener før vi bestemmer noe."
            ),
        ),
        timeline=(
            (S1, {**ph("Gjennomføre", "BP3"), **st("GGGGG", "Rekruttering til borgerpanelet pågår.")}),
            (S2, {**st("GGGGY", "Første undersøkelse er gjennomført.",
                       risk="Lav svarprosent blant unge innbyggere.")}),
            (S4, {**st("GGGYY", "Rapport for 2022 er under arbeid.",
                       quality="Få nye innbyggere i panelet; resultatene er ikke representative for dem.",
                       risk="Lav svarprosent blant unge innbyggere.")}),
            (S5, {**st("GGGGG", "Panelet er supplert med nye innbyggere. Rapport for 2022 er levert.")}),
            (S7, {**st("YYGGG", "Sluttrapporten fra forskningsprosjektet er utsatt til oktober 2025.",
                       schedule="Opprinnelig frist for sluttrapporten var 30.06.2025.")}),
            (S8, {**ph("Avslutte", "BP4"), **st("GGGGG", "Sluttrapporten er levert. Prosjektet avsluttes.")}),
            (S9, {**ph("Realisere", "BP5"),
                  **st("GGGGG", "Erfaringene fra borgerpanelet brukes i arbeidet med innbyggerdialogen.")}),
        ),
        sources=_related_sources(),
    ),
    InitiativeSpec(
        initiative_id="prosjekt-decidim",
        added=S1,
        base=_related_base(
            "Prosjekt Decidim",
            KULTUR,
            collaborating_areas=[ORGANISASJON],
            focus_areas=[INNBYGGERDIALOG],
            target_groups=[FRIVILLIG, NYE],
            start_date=D(2021, 1, 4),
            is_public=True,
            public_summary=(
                "Decidim er en åpen, digital plattform for medvirkning. Der kan du komme med forslag, si din "
                "mening og følge med på saker kommunen jobber med."
            ),
        ),
        timeline=(
            (S1, {**ph("Planlegge", "BP2"), **st("GGGNG", "Plattformen settes opp og tilpasses.")}),
            (S2, {**ph("Gjennomføre", "BP3"),
                  **st("GYGGG", "Plattformen ble tatt i bruk i september, tre måneder senere enn planlagt.",
                       schedule="Oppstarten ble flyttet fra juni til september 2021.")}),
            (S3, {**st("GGGGG", "Første medvirkningsprosess på plattformen er gjennomført.")}),
            (S5, {**st("GGGYG", "Plattformen brukes i flere medvirkningsprosesser.",
                       quality="Plattformen må oppfylle kravene til universell utforming.")}),
            (S6, {**st("GGGGG", "Tilgjengelighetserklæringen publiseres i juni.")}),
            (S8, {**st("GGYGY", "Oppgradering til ny versjon er planlagt i mars 2026.",
                       budget="Oppgraderingen er ikke fullt finansiert.",
                       risk="Gammel versjon får snart ikke sikkerhetsoppdateringer.")}),
            (S9, {**st("YYGGY", "Oppgraderingen er flyttet til desember 2026.",
                       schedule="Oppgraderingen skulle vært ferdig 31.03.2026.",
                       risk="Gammel versjon får snart ikke sikkerhetsoppdateringer.")}),
        ),
        sources=_related_sources(),
    ),
    InitiativeSpec(
        initiative_id="nye-monstre-trygg-oppvekst",
        added=S1,
        base=_related_base(
            "Nye mønstre – trygg oppvekst",
            OPPVEKST,
            collaborating_areas=[HELSE],
            focus_areas=[TJENESTENE],
            target_groups=[FAMILIER],
            start_date=D(2019, 8, 1),
            end_date=D(2026, 12, 31),
            is_public=True,
            public_summary=(
                "Prosjektet skal gi barn og familier som trenger det, en tryggere oppvekst. Familien og de "
                "ansatte finner løsninger sammen."
            ),
        ),
        timeline=(
            (S1, {**ph("Gjennomføre", "BP3"), **st("GGGGG", "Arbeidsmodellen prøves ut med de første familiene.")}),
            (S3, {**st("GGYGG", "Arbeidsmodellen er tatt i bruk.",
                       budget="Flere familier enn planlagt gir høyere kostnader.")}),
            (S5, {**st("GGGGG", "Evalueringen av arbeidsmodellen er levert.")}),
            (S7, {**st("GGGGY", "Prosjektperioden slutter ved utgangen av 2026.",
                       risk="Videre drift etter 2026 er ikke avklart.")}),
            (S9, {**st("RYGGR", "Planen for videre drift er ikke levert. Familiene vet ikke om tilbudet "
                       "fortsetter i 2027.",
                       schedule="Plan for videre drift skulle vært levert 02.11.2026.",
                       risk="Tilbudet kan stoppe ved nyttår fordi driften etter prosjektperioden ikke er "
                       "finansiert.")}),
        ),
        sources=_related_sources(),
    ),
    InitiativeSpec(
        initiative_id="dialogmoter-formannskapet",
        added=S1,
        base=_related_base(
            "Dialogmøter med formannskapet",
            KULTUR,
            focus_areas=[INNBYGGERDIALOG],
            target_groups=[FRIVILLIG, SMABEDRIFTER],
            start_date=D(2020, 9, 1),
            end_date=D(2023, 12, 31),
        ),
        timeline=(
            (S1, {**ph("Gjennomføre", "BP3"), **st("YYGGG", "Dialogmøtene holdes digitalt under pandemien.",
                       schedule="Høstens møte ble flyttet på grunn av smittevernstiltak.")}),
            (S2, {**st("GGGGG", "Møtene holdes igjen fysisk.")}),
            (S5, {**st("GGGGG", "Erfaringsnotat skrives høsten 2023.")}),
            (S6, {**ph("Avslutte", "BP4"), **st("GGGGG", "Erfaringsnotatet er levert. Prosjektet avsluttes.")}),
            (S7, {**ph("Realisere", "BP5"),
                  **st("GGGGG", "Dialogmøtene er videreført som fast praksis.")}),
        ),
        sources=_related_sources(),
    ),
    InitiativeSpec(
        initiative_id="flere-i-arbeid",
        added=S1,
        base=_related_base(
            "Flere i arbeid",
            HELSE,
            collaborating_areas=[ORGANISASJON],
            focus_areas=[TJENESTENE],
            target_groups=[FYSISK_PSYKISK, NYE, SMABEDRIFTER],
            start_date=D(2020, 1, 1),
            is_public=True,
            public_summary=(
                "Flere i arbeid skal hjelpe flere innbyggere ut i jobb. Vi samarbeider med arbeidsgivere "
                "og med deg som søker arbeid, slik at du får hjelp som passer for deg."
            ),
        ),
        timeline=(
            (S1, {**ph("Planlegge", "BP2"), **st("GGGNY", "Oppstart med de første deltakerne i mars.",
                       risk="Pandemien gjør det vanskelig å finne praksisplasser.")}),
            (S2, {**ph("Gjennomføre", "BP3"), **st("GGGGG", "De første deltakerne er i gang.")}),
            (S4, {**st("GGGGY", "Flere arbeidsgivere er med.",
                       risk="Det er få praksisplasser i privat sektor.")}),
            (S6, {**st("GGYGG", "Delrapport med resultater kommer i oktober.",
                       budget="Flere deltakere enn planlagt.")}),
            (S7, {**st("GGGGG", "Delrapporten er levert.")}),
            (S9, {**st("YGRGY", "Regnskapet er allerede høyere enn budsjettet for 2026. Finansieringen for "
                       "2027 avklares i desember.",
                       budget="Regnskapet per november er over årsbudsjettet fordi flere deltakere enn "
                       "planlagt er i tiltak.",
                       risk="Uavklart finansiering for 2027.")}),
        ),
        sources=_related_sources(),
    ),
    InitiativeSpec(
        initiative_id="ledelsesutvikling-mestringsledelse",
        added=S1,
        base=_related_base(
            "Ledelsesutvikling – mestringsledelse",
            ORGANISASJON,
            focus_areas=[ORGANISASJONEN],
            start_date=D(2020, 8, 1),
            end_date=D(2024, 12, 31),
        ),
        timeline=(
            (S1, {**ph("Gjennomføre", "BP3"), **st("GGGGG", "Første kull med ledere er i gang.")}),
            (S3, {**st("GGGYG", "Andre kull er i gang.",
                       quality="Deltakerne ønsker mer vekt på samhandling med innbyggerne.")}),
            (S5, {**st("GGGGG", "Programmet er justert etter tilbakemeldingene.")}),
            (S7, {**ph("Avslutte", "BP4"), **st("GGGGG", "Sluttrapporten er levert.")}),
            (S8, {**ph("Realisere", "BP5"), **st("GGGGG", "Mestringsledelse er en del av det faste "
                                                 "lederutviklingsprogrammet.")}),
        ),
        sources=_related_sources(),
    ),
    InitiativeSpec(
        initiative_id="10-faktor",
        added=S1,
        base=_related_base(
            "10 faktor",
            ORGANISASJON,
            focus_areas=[ORGANISASJONEN],
            start_date=D(2020, 1, 1),
        ),
        timeline=(
            (S1, {**ph("Gjennomføre", "BP3"), **st("GGGGG", "Kartleggingen for 2021 gjennomføres i mars.")}),
            (S4, {**st("GGGGG", "Neste kartlegging er i mars 2023.")}),
            (S7, {**st("GYGGG", "Kartleggingen for 2025 er litt forsinket.",
                       schedule="Kartleggingen åpner to uker senere enn planlagt.")}),
            (S8, {**st("GGGYG", "Oppfølging av resultatene i enhetene pågår.",
                       quality="Ikke alle enheter har laget tiltak etter kartleggingen.")}),
            (S9, {**st("GYGYG", "Oppfølgingen er forlenget til februar 2027.",
                       schedule="Oppfølgingen skulle vært ferdig 31.12.2025.",
                       quality="Ikke alle enheter har laget tiltak etter kartleggingen.")}),
        ),
        sources=_related_sources(),
    ),
    InitiativeSpec(
        initiative_id="soslokal",
        added=S2,
        base=_related_base(
            "SOSLOKAL",
            HELSE,
            collaborating_areas=[KULTUR],
            focus_areas=[TJENESTENE, INNBYGGERDIALOG],
            target_groups=[FRIVILLIG, FAMILIER],
            start_date=D(2021, 9, 1),
        ),
        timeline=(
            (S2, {**ph("Konsept", "BP1"), **st("GGGNG", "Oppstart i første lokalsamfunn i november.")}),
            (S3, {**ph("Gjennomføre", "BP3"), **st("GGGGG", "Arbeidet er i gang i første lokalsamfunn.")}),
            (S6, {**st("GGGGY", "Utvidelse til flere lokalsamfunn er planlagt i 2025.",
                       risk="Avhengig av frivillige i hvert lokalsamfunn.")}),
            (S8, {**st("YRGGY", "Utvidelsen er utsatt til september 2026.",
                       schedule="Utvidelsen skulle vært gjort 31.08.2025.",
                       risk="Avhengig av frivillige i hvert lokalsamfunn.")}),
            (S9, {**st("RRGYR", "Utvidelsen til flere lokalsamfunn er ikke gjort. Nøkkelpersoner har sluttet.",
                       schedule="Utvidelsen skulle vært gjort 30.09.2026.",
                       quality="Erfaringene fra første lokalsamfunn er ikke dokumentert.",
                       risk="Nøkkelpersoner har sluttet, og det er ikke satt inn nye.")}),
        ),
        sources=_related_sources(),
    ),
    InitiativeSpec(
        initiative_id="jegerung",
        added=S3,
        base=_related_base(
            "JegerUng",
            OPPVEKST,
            collaborating_areas=[HELSE],
            focus_areas=[TJENESTENE, INNBYGGERDIALOG],
            target_groups=[FAMILIER, FYSISK_PSYKISK],
            partners=["Jegersberg gård"],
            start_date=D(2022, 3, 1),
        ),
        timeline=(
            (S3, {**ph("Idé", None), **st("GGNNG", "JegerUng er definert i mandatet. Konseptbeskrivelse "
                                          "lages sammen med beboerne på Jegersberg gård.")}),
            (S4, {
                **ph("Konsept", "BP1"),
                "is_public": True,
                "public_summary": (
                    "JegerUng gir elever på ungdomsskolen et annet sted å gå på skole: Jegersberg gård. "
                    "Beboerne på gården er med og bestemmer hvordan tilbudet skal være."
                ),
                **st("GYGGG", "Konseptbeskrivelsen er levert, to uker etter planen.",
                     schedule="Konseptbeskrivelsen kom 14.10.2022, frist var 30.09.2022."),
            }),
            (S5, {**ph("Planlegge", "BP2"), **st("GGGGY", "Første elevgruppe starter i august 2023.",
                       risk="Avtale om skyss er ikke på plass.")}),
            (S6, {**ph("Gjennomføre", "BP3"), **st("GGGGG", "Første elevgruppe er i gang på gården.")}),
            (S7, {**st("GGYGG", "Evalueringen av første skoleår er levert.",
                       budget="Høyere kostnader til skyss enn budsjettert.")}),
            (S9, {**st("GGGGY", "Elevplassene for skoleåret 2027/28 avklares i januar.",
                       risk="Antall elevplasser for 2027/28 er ikke avklart.")}),
        ),
        sources=_related_sources(
            name=src("002", remark="named in the mandate's list of concrete actions"),
            partners=src("002", remark="Jegersberg gård, with the farm's residents in the driver's seat"),
            public_summary=src(
                "002", remark="content (farm as an alternative school arena for lower-secondary pupils; "
                "residents in the driver's seat); the wording is ours",
            ),
            owner_area=src("002", remark="lower-secondary pupils suggest oppvekst; the assignment is illustrative"),
        ),
    ),
    InitiativeSpec(
        initiative_id="barn-fysiske-helseutfordringer",
        added=S3,
        base=_related_base(
            "Helhetlig tilbud til barn med fysiske helseutfordringer",
            HELSE,
            collaborating_areas=[OPPVEKST],
            focus_areas=[TJENESTENE],
            target_groups=[FYSISK_PSYKISK, FAMILIER],
            start_date=D(2022, 3, 1),
            is_public=True,
            public_summary=(
                "Barn med fysiske helseutfordringer og familiene deres skal få et tilbud som henger bedre "
                "sammen. Ansatte i helse og mestring og i oppvekst jobber sammen med foreldrene."
            ),
        ),
        timeline=(
            (S3, {**ph("Konsept", "BP1"), **st("GGNNG", "Kartlegging sammen med foreldre starter.")}),
            (S4, {**ph("Planlegge", "BP2"), **st("GYGGG", "Kartleggingen er levert, en måned senere enn planlagt.",
                       schedule="Kartleggingen kom 31.10.2022, frist var 30.09.2022.")}),
            (S5, {**st("YYGGY", "Samarbeidsmodellen er utsatt til oktober 2023.",
                       schedule="Opprinnelig frist for samarbeidsmodellen var 30.06.2023.",
                       risk="Ulike journalsystemer i helse og mestring og i oppvekst.")}),
            (S6, {**ph("Gjennomføre", "BP3"), **st("GGGGG", "Samarbeidsmodellen er tatt i bruk.")}),
            (S7, {**st("GGGGG", "Foreldrenettverket er etablert.")}),
            (S9, {**st("YYGGG", "Felles rutine for overgang fra barnehage til skole skal være klar 27. november.",
                       schedule="Rutinen er knapt i rute; foreldrene har bedt om én høringsrunde til.")}),
        ),
        sources=_related_sources(
            name=src("002", remark="the action is described (health and coping with childhood and education, "
                     "with parents); the name is ours"),
            owner_area=src("002", remark="staff in helse og mestring"),
            collaborating_areas=src("002", remark="colleagues in oppvekst"),
            public_summary=src("002", remark="content (coherent offer, the two areas, parents); wording ours"),
        ),
    ),
    InitiativeSpec(
        initiative_id="helse-sosial-sammenslaingen",
        added=S1,
        base={
            "name": "Prosjekt helse og sosial i kommunesammenslåingen",
            "parent_id": None,
            "owner_area": HELSE,
            "collaborating_areas": [],
            "project_owner": "Brede Skaalerud",
            "project_leader": "Bjarte Austvik og Elisabeth Engemyr",
            "focus_areas": [TJENESTENE, ORGANISASJONEN],
            "target_groups": [],
            "partners": [],
            "start_date": D(2017, 9, 1),
            "end_date": D(2019, 12, 31),
            "is_public": False,
            "public_summary": None,
            "url": None,
        },
        timeline=(
            (S1, {**ph("Avslutte", "BP4"),
                  **st("GGGGG", "Den nye kommunen er etablert. Sluttrapport og overlevering til linjen gjenstår.")}),
            (S3, {**ph("Realisere", "BP5"),
                  **st("GGGYG", "Prosjektet er avsluttet. Gevinstene følges opp i helse og mestring.",
                       quality="Ikke alle gevinster fra sammenslåingen er målt.")}),
            (S6, {**st("GGGGG", "Gevinstoppfølgingen er overført til linjen.")}),
        ),
        sources={
            "name": src("004", remark="the health and social project of the Søgne–Songdalen–Kristiansand "
                        "merger; the name is ours"),
            "project_owner": src("004", remark="Brede Skaalerud led the project board (prosjektstyret)"),
            "project_leader": src("004", remark="Bjarte Austvik and Elisabeth Engemyr were the project leaders"),
            "start_date": src("004", remark="the article (16 Nov 2017) reports the first joint gathering; "
                              "the exact start date is illustrative"),
        },
    ),
)


# -- the milestones ------------------------------------------------------------

def _ms(milestone_id: str, initiative_id: str, title: str, kind: str, added: dt.date, due: dt.date,
        completed: dt.date | None = None, **kw: Any) -> MilestoneSpec:
    return MilestoneSpec(milestone_id, initiative_id, title, kind, added, due, completed, **kw)


_INFERRED_YEAR = (
    "Årstallet står ikke i invitasjonen; 2022 er utledet fordi Svein Ove Ueland er prosjektleder."
)

MILESTONES: tuple[MilestoneSpec, ...] = (
    # Samhandlingskommunen Kristiansand
    _ms("skk-prekonferanse-relasjonell-velferd", PROGRAMME,
        "Digital prekonferanse om relasjonell velferd – kommune 3.0", "arrangement",
        S1, D(2020, 11, 6), D(2020, 11, 6), is_public=True,
        note="Arrangert av KDL i samarbeid med Joint Action Analytics.",
        sources={"title": src("003"), "due_date": src("003"), "completed_date": src("003")}),
    _ms("skk-kdl-vedtak-styringsdokument", PROGRAMME,
        "Vedtak i KDL: utarbeide styringsdokument", "milepæl",
        S1, D(2020, 12, 7), D(2020, 12, 7),
        note="KDL støtter at arbeidet med styringsdokument settes i gang, og skal behandle mandat for "
        "prosjektet innen utgangen av januar.",
        sources={"title": src("003"), "due_date": src("003"), "completed_date": src("003"),
                 "note": src("003", remark="the decision text")}),
    _ms("skk-kdl-vedtak-prosess", PROGRAMME,
        "Vedtak i KDL: prosess for styringsdokumentet", "milepæl",
        S1, D(2021, 2, 8), D(2021, 2, 8),
        note="KDL støtter forslaget til prosess for utarbeidelse av styringsdokument.",
        sources={"title": src("003"), "due_date": src("003"), "completed_date": src("003"),
                 "note": src("003", remark="the decision text")}),
    _ms("skk-bp1-mandat-konseptfase", PROGRAMME,
        "BP1: Mandat for konseptfasen behandlet i KDL", "beslutningspunkt",
        S1, D(2021, 1, 31), D(2021, 10, 18), decision_point="BP1", is_public=True,
        note="Frist etter KDL-vedtak 7.12.2020: utgangen av januar 2021.",
        changes=((S2, {"due_date": D(2021, 10, 18),
                       "note": "Opprinnelig frist: utgangen av januar 2021. Behandlet i KDL 18.10.2021: vedtatt "
                       "at det skal leveres et styringsdokument innen utgangen av året."}),),
        sources={"title": src("003"), "decision_point": src("003"),
                 "completed_date": src("003", remark="treated 18 Oct 2021"),
                 "due_date": src("003", remark="first due by end of January 2021 (decision of 7 Dec 2020), "
                                 "then set to the meeting date")}),
    _ms("skk-mandat-versjon-1", PROGRAMME,
        "Mandat for konseptfasen, versjon 1.0", "leveranse",
        S2, D(2021, 9, 21), D(2021, 9, 21),
        note="Utarbeidet av Svein Ove Ueland og Elisabeth Engemyr (SOU/EE).",
        sources={"title": src("003"), "due_date": src("003", remark="version 1.0 dated 21 September"),
                 "completed_date": src("003"), "note": src("003")}),
    _ms("skk-dialogverksteder-2021", PROGRAMME,
        "Dialogverksteder høsten 2021", "arrangement",
        S2, D(2021, 11, 30), D(2021, 11, 30), is_public=True,
        note="Fem verksteder er planlagt høsten 2021, med ansatte, ledere, innbyggere og politikere.",
        changes=((S3, {"note": "Seks dialogverksteder er gjennomført med innbyggere, politikere, ledere og "
                       "ansatte."}),),
        sources={"title": src("000", "002", "003"),
                 "note": src("000", "002", "003", remark="four announced (000), five planned (003), six held (002)"),
                 "due_date": src("002", remark="autumn 2021; the exact date is illustrative")}),
    _ms("skk-kartlegging-relasjonell-kapasitet", PROGRAMME,
        "Kartlegging av relasjonell kapasitet (JAA)", "leveranse",
        S1, D(2021, 12, 31), D(2021, 12, 17),
        note="Kontrakt med Joint Action Analytics, desember 2019 – desember 2021.",
        sources={"title": src("003", remark="contract with JAA to map relational capacity"),
                 "due_date": src("003", remark="contract period ends December 2021"), "note": src("003")}),
    _ms("skk-styringsdokument", PROGRAMME,
        "Styringsdokument levert", "leveranse",
        S1, D(2021, 12, 31), D(2023, 2, 13), is_public=True,
        note="Prosjektgruppen skal utarbeide styringsdokument innen utgangen av 2021.",
        changes=(
            (S2, {"due_date": D(2022, 1, 31),
                  "note": "KDL vedtok 18.10.2021 levering innen utgangen av året; mandatet oppgir januar 2022."}),
            (S3, {"note": "Forsinket på grunn av koronapandemien."}),
            (S4, {"note": "Forsinket på grunn av koronapandemien. Ny plan: behandling i KDL i februar 2023."}),
            (S5, {"note": "Godkjent i KDL 13.02.2023."}),
        ),
        sources={"title": src("000", "003"),
                 "due_date": src("000", "003", remark="end of 2021 (000, BP1 decision), January 2022 (003 §5.3)"),
                 "note": src("003", remark="delay due to the pandemic; the later plan and completion are "
                             "illustrative")}),
    _ms("skk-bp2-styringsdokument", PROGRAMME,
        "BP2: Styringsdokument og prosjektforslag godkjent", "beslutningspunkt",
        S2, D(2022, 2, 28), D(2023, 2, 13), decision_point="BP2", is_public=True,
        changes=((S4, {"due_date": D(2023, 2, 13)}),)),
    _ms("skk-pameldingsfrist-sammen", PROGRAMME,
        "Påmeldingsfrist for samhandlingskonferansen «Sammen.»", "milepæl",
        S3, D(2022, 10, 21), D(2022, 10, 21), is_public=True, note=_INFERRED_YEAR,
        sources={"title": src("001"), "due_date": src("001", remark="21 October; the year 2022 is inferred")}),
    _ms("skk-konferansen-sammen", PROGRAMME,
        "Samhandlingskonferansen «Sammen.» 27.–28. oktober", "arrangement",
        S3, D(2022, 10, 27), D(2022, 10, 28), is_public=True,
        note="Foredragsholdere blant andre Niels Højberg (tidligere kommunedirektør i Aarhus) og Ottar Ness "
        "(NTNU). " + _INFERRED_YEAR,
        sources={"title": src("001"), "note": src("001"),
                 "due_date": src("001", remark="27–28 October; the year 2022 is inferred because Svein Ove "
                                 "Ueland is project leader at the time"),
                 "completed_date": src("001", remark="last conference day; that it took place is assumed")}),
    _ms("skk-handlingsplan-innsatsomrader", PROGRAMME,
        "Handlingsplan for de tre innsatsområdene", "leveranse",
        S5, D(2023, 10, 31), D(2023, 11, 20)),
    _ms("skk-bp3-gjennomforing", PROGRAMME,
        "BP3: Plan for gjennomføring godkjent", "beslutningspunkt",
        S5, D(2023, 11, 27), D(2023, 12, 11), decision_point="BP3", is_public=True),
    _ms("skk-dialogverksted-innbyggergrupper", PROGRAMME,
        "Dialogverksted med de fem innbyggergruppene", "arrangement",
        S6, D(2024, 9, 26), D(2024, 9, 26), is_public=True),
    _ms("skk-arsrapport-2024", PROGRAMME,
        "Årsrapport 2024 til KDL", "leveranse",
        S6, D(2025, 2, 10), D(2025, 2, 10)),
    _ms("skk-midtveisevaluering", PROGRAMME,
        "Midtveisevaluering av Samhandlingskommunen", "leveranse",
        S7, D(2025, 10, 31),
        changes=(
            (S8, {"due_date": D(2026, 6, 30),
                  "note": "Utsatt for å ta med utprøvingene i tjenestene."}),
            (S9, {"due_date": D(2026, 10, 30),
                  "note": "Utsatt på nytt; rapportutkastet er forsinket."}),
        )),
    _ms("skk-dialogverksted-sammenhengende-tjenester", PROGRAMME,
        "Dialogverksted om sammenhengende tjenester", "arrangement",
        S9, D(2026, 12, 3), is_public=True),
    _ms("skk-arsrapport-2026", PROGRAMME,
        "Årsrapport 2026 til KDL", "leveranse",
        S9, D(2026, 12, 14)),
    # Storbyforskningsprosjektet – borgerpanel
    _ms("borgerpanel-forste-undersokelse", "storbyforskning-borgerpanel",
        "Første undersøkelse i borgerpanelet", "milepæl",
        S1, D(2021, 4, 30), D(2021, 5, 7), is_public=True),
    _ms("borgerpanel-rapport-2022", "storbyforskning-borgerpanel",
        "Rapport fra borgerpanelet 2022", "leveranse",
        S3, D(2022, 12, 15), D(2022, 12, 15), is_public=True),
    _ms("borgerpanel-sluttrapport", "storbyforskning-borgerpanel",
        "Sluttrapport fra forskningsprosjektet", "leveranse",
        S6, D(2025, 6, 30), D(2025, 11, 3), is_public=True,
        changes=((S7, {"due_date": D(2025, 10, 31)}),)),
    # Prosjekt Decidim
    _ms("decidim-plattform-i-bruk", "prosjekt-decidim",
        "Medvirkningsplattformen tatt i bruk", "milepæl",
        S1, D(2021, 6, 1), D(2021, 9, 6), is_public=True,
        changes=((S2, {"due_date": D(2021, 9, 6), "note": "Flyttet fra 1. juni."}),)),
    _ms("decidim-forste-medvirkningsprosess", "prosjekt-decidim",
        "Første medvirkningsprosess på plattformen", "arrangement",
        S2, D(2022, 2, 15), D(2022, 3, 1), is_public=True),
    _ms("decidim-tilgjengelighetserklaering", "prosjekt-decidim",
        "Tilgjengelighetserklæring for plattformen", "leveranse",
        S6, D(2024, 6, 30), D(2024, 6, 20), is_public=True),
    _ms("decidim-oppgradering", "prosjekt-decidim",
        "Oppgradering til ny versjon av plattformen", "leveranse",
        S8, D(2026, 3, 31),
        changes=((S9, {"due_date": D(2026, 12, 10), "note": "Flyttet fra 31. mars."}),)),
    # Nye mønstre – trygg oppvekst
    _ms("nye-monstre-arbeidsmodell", "nye-monstre-trygg-oppvekst",
        "Arbeidsmodellen tatt i bruk", "milepæl",
        S1, D(2021, 8, 31), D(2021, 8, 31), is_public=True),
    _ms("nye-monstre-evaluering", "nye-monstre-trygg-oppvekst",
        "Evaluering av arbeidsmodellen", "leveranse",
        S4, D(2023, 5, 31), D(2023, 6, 5)),
    _ms("nye-monstre-videre-drift", "nye-monstre-trygg-oppvekst",
        "Plan for videre drift etter prosjektperioden", "leveranse",
        S8, D(2026, 11, 2)),
    # Dialogmøter med formannskapet
    _ms("dialogmoter-hostmote-2021", "dialogmoter-formannskapet",
        "Dialogmøte med formannskapet høsten 2021", "arrangement",
        S1, D(2021, 9, 22), D(2021, 9, 22)),
    _ms("dialogmoter-erfaringsnotat", "dialogmoter-formannskapet",
        "Erfaringsnotat om dialogmøtene", "leveranse",
        S5, D(2023, 12, 15), D(2024, 1, 19)),
    # Flere i arbeid
    _ms("flere-i-arbeid-oppstart", "flere-i-arbeid",
        "De første deltakerne er i gang", "milepæl",
        S1, D(2021, 3, 1), D(2021, 3, 15), is_public=True),
    _ms("flere-i-arbeid-delrapport", "flere-i-arbeid",
        "Delrapport med resultater", "leveranse",
        S6, D(2024, 10, 31), D(2024, 11, 12)),
    _ms("flere-i-arbeid-finansiering-2027", "flere-i-arbeid",
        "Avklaring av finansiering for 2027", "milepæl",
        S9, D(2026, 12, 1)),
    # Ledelsesutvikling – mestringsledelse
    _ms("mestringsledelse-forste-kull", "ledelsesutvikling-mestringsledelse",
        "Første kull med ledere fullført", "milepæl",
        S1, D(2021, 6, 18), D(2021, 6, 18)),
    _ms("mestringsledelse-sluttrapport", "ledelsesutvikling-mestringsledelse",
        "Sluttrapport", "leveranse",
        S6, D(2024, 12, 13), D(2024, 12, 13)),
    # 10 faktor
    _ms("10-faktor-kartlegging-2021", "10-faktor",
        "Kartlegging 2021 gjennomført", "milepæl",
        S1, D(2021, 3, 31), D(2021, 3, 26)),
    _ms("10-faktor-kartlegging-2023", "10-faktor",
        "Kartlegging 2023 gjennomført", "milepæl",
        S4, D(2023, 3, 31), D(2023, 3, 31)),
    _ms("10-faktor-kartlegging-2025", "10-faktor",
        "Kartlegging 2025 gjennomført", "milepæl",
        S7, D(2025, 3, 31), D(2025, 4, 11)),
    _ms("10-faktor-oppfolging-2025", "10-faktor",
        "Oppfølging av resultatene i alle enheter", "leveranse",
        S8, D(2025, 12, 31),
        changes=((S9, {"due_date": D(2027, 2, 26), "note": "Forlenget fra 31.12.2025."}),)),
    # SOSLOKAL
    _ms("soslokal-oppstart", "soslokal",
        "Oppstart i første lokalsamfunn", "milepæl",
        S2, D(2021, 11, 1), D(2021, 11, 15)),
    _ms("soslokal-utvidelse", "soslokal",
        "Utvidelse til flere lokalsamfunn", "milepæl",
        S6, D(2025, 8, 31),
        changes=((S8, {"due_date": D(2026, 9, 30), "note": "Utsatt fra 31.08.2025."}),)),
    # JegerUng
    _ms("jegerung-konseptbeskrivelse", "jegerung",
        "Konseptbeskrivelse for JegerUng", "leveranse",
        S3, D(2022, 9, 30), D(2022, 10, 14)),
    _ms("jegerung-forste-elevgruppe", "jegerung",
        "Første elevgruppe starter på Jegersberg gård", "arrangement",
        S4, D(2023, 8, 21), D(2023, 8, 21), is_public=True),
    _ms("jegerung-evaluering-forste-skolear", "jegerung",
        "Evaluering av første skoleår", "leveranse",
        S6, D(2024, 8, 31), D(2024, 9, 20)),
    _ms("jegerung-elevplasser-2027", "jegerung",
        "Avklaring av elevplasser for skoleåret 2027/28", "milepæl",
        S9, D(2027, 1, 15)),
    # Barn med fysiske helseutfordringer
    _ms("barn-helse-kartlegging", "barn-fysiske-helseutfordringer",
        "Kartlegging sammen med foreldre", "leveranse",
        S3, D(2022, 9, 30), D(2022, 10, 31)),
    _ms("barn-helse-samarbeidsmodell", "barn-fysiske-helseutfordringer",
        "Samarbeidsmodell for helse og mestring og oppvekst", "leveranse",
        S4, D(2023, 6, 30), D(2023, 11, 15), is_public=True,
        changes=((S5, {"due_date": D(2023, 10, 31), "note": "Utsatt fra 30.06.2023."}),)),
    _ms("barn-helse-foreldrenettverk", "barn-fysiske-helseutfordringer",
        "Foreldrenettverk etablert", "milepæl",
        S6, D(2024, 9, 1), D(2024, 9, 1), is_public=True),
    _ms("barn-helse-rutine-overgang", "barn-fysiske-helseutfordringer",
        "Felles rutine for overgang fra barnehage til skole", "leveranse",
        S8, D(2026, 11, 27)),
    # Prosjekt helse og sosial i kommunesammenslåingen (2017–2019)
    _ms("helse-sosial-fellessamling", "helse-sosial-sammenslaingen",
        "Første fellessamling for enhets- og virksomhetsledere", "arrangement",
        S1, D(2017, 11, 14), D(2017, 11, 14),
        note="Ledere fra Søgne, Songdalen og Kristiansand samlet for første gang.",
        sources={"title": src("004"), "note": src("004"),
                 "due_date": src("004", remark="«recently» before 16 Nov 2017; the exact date is illustrative")}),
    _ms("helse-sosial-prosjektforslag", "helse-sosial-sammenslaingen",
        "Prosjektforslag", "leveranse",
        S1, D(2017, 12, 1), D(2017, 12, 1),
        sources={"title": src("004"), "due_date": src("004", remark="1 December (2017)")}),
    _ms("helse-sosial-kartleggingsfase", "helse-sosial-sammenslaingen",
        "Kartleggingsfase avsluttet", "milepæl",
        S1, D(2018, 3, 1), D(2018, 3, 1),
        sources={"title": src("004"), "due_date": src("004", remark="mapping phase until 1 March (2018)")}),
    _ms("helse-sosial-satsingsomrader", "helse-sosial-sammenslaingen",
        "Satsingsområder, mål og strategier", "leveranse",
        S1, D(2018, 7, 1), D(2018, 7, 1),
        sources={"title": src("004"), "due_date": src("004", remark="1 July (2018)")}),
)


# -- the budgets ---------------------------------------------------------------

_DRIFT = "Driftsbudsjett ({area})"
_TILSKUDD = "Eksternt tilskudd"

BUDGETS: tuple[BudgetSpec, ...] = (
    BudgetSpec(
        PROGRAMME, "Årlig bevilgning (KDL)",
        {2021: (300_000, 212_000), 2022: (300_000, 296_000), 2023: (300_000, 281_000),
         2024: (300_000, 305_000), 2025: (300_000, 290_000), 2026: (300_000, 318_000)},
        note="Bevilget 300 000 kr til prosjektet årlig (mandatet).",
        year_notes={2021: "Bevilget 300 000 kr til prosjektet årlig (mandatet). Lav aktivitet under pandemien.",
                    2026: "Bevilget 300 000 kr til prosjektet årlig (mandatet). Prognosen er over bevilgningen."},
        sources={"budget_nok": src("003", remark="300 000 kr granted a year; rows for 2023–2026 assume the "
                                   "grant continued")},
    ),
    BudgetSpec(
        PROGRAMME, "Avtale med Joint Action Analytics (konseptfasen)",
        {2020: (200_000, 200_000), 2021: (200_000, 200_000)},
        note="Mandatet oppgir 400 000 kr til JAA for desember 2019 – desember 2021. Fordelingen per år er "
        "illustrativ.",
        sources={"budget_nok": src("003", remark="400 000 kr in total to JAA, Dec 2019 – Dec 2021; the split "
                                   "over 2020 and 2021 is illustrative (the row note says so)")},
    ),
    BudgetSpec("storbyforskning-borgerpanel", _DRIFT.format(area="kultur og innbyggerdialog"),
               {2021: (250_000, 231_000), 2022: (250_000, 248_000), 2023: (250_000, 240_000),
                2024: (250_000, 252_000), 2025: (200_000, 196_000)}),
    BudgetSpec("prosjekt-decidim", _DRIFT.format(area="kultur og innbyggerdialog"),
               {2021: (450_000, 470_000), 2022: (350_000, 332_000), 2023: (350_000, 341_000),
                2024: (350_000, 356_000), 2025: (350_000, 338_000), 2026: (500_000, 455_000)},
               year_notes={2026: "Inkluderer oppgradering til ny versjon."}),
    BudgetSpec("nye-monstre-trygg-oppvekst", _DRIFT.format(area="oppvekst"),
               {2021: (600_000, 588_000), 2022: (600_000, 655_000), 2023: (650_000, 640_000),
                2024: (650_000, 644_000), 2025: (650_000, 630_000), 2026: (650_000, 610_000)}),
    BudgetSpec("nye-monstre-trygg-oppvekst", _TILSKUDD,
               {2021: (1_200_000, 1_150_000), 2022: (1_200_000, 1_210_000), 2023: (1_000_000, 990_000),
                2024: (1_000_000, 1_000_000), 2025: (800_000, 790_000), 2026: (800_000, 760_000)},
               note="Tilskuddet avsluttes i 2026."),
    BudgetSpec("dialogmoter-formannskapet", _DRIFT.format(area="kultur og innbyggerdialog"),
               {2021: (80_000, 54_000), 2022: (80_000, 77_000), 2023: (80_000, 81_000)}),
    BudgetSpec("flere-i-arbeid", _DRIFT.format(area="helse og mestring"),
               {2021: (900_000, 860_000), 2022: (900_000, 905_000), 2023: (950_000, 948_000),
                2024: (950_000, 1_010_000), 2025: (1_000_000, 995_000), 2026: (1_000_000, 1_240_000)},
               year_notes={2026: "Flere deltakere enn planlagt; regnskapet er over årsbudsjettet."}),
    BudgetSpec("flere-i-arbeid", _TILSKUDD,
               {2021: (500_000, 500_000), 2022: (500_000, 500_000), 2023: (500_000, 500_000),
                2024: (400_000, 400_000), 2025: (400_000, 400_000), 2026: (400_000, 400_000)}),
    BudgetSpec("ledelsesutvikling-mestringsledelse", _DRIFT.format(area="organisasjon"),
               {2021: (700_000, 642_000), 2022: (700_000, 711_000), 2023: (600_000, 585_000),
                2024: (400_000, 371_000)}),
    BudgetSpec("10-faktor", _DRIFT.format(area="organisasjon"),
               {2021: (120_000, 118_000), 2022: (60_000, 41_000), 2023: (120_000, 122_000),
                2024: (60_000, 52_000), 2025: (120_000, 119_000), 2026: (60_000, 48_000)}),
    BudgetSpec("soslokal", _DRIFT.format(area="helse og mestring"),
               {2021: (150_000, 88_000), 2022: (400_000, 372_000), 2023: (400_000, 395_000),
                2024: (400_000, 380_000), 2025: (500_000, 402_000), 2026: (500_000, 365_000)},
               year_notes={2026: "Mindreforbruk fordi utvidelsen er utsatt."}),
    BudgetSpec("jegerung", _DRIFT.format(area="oppvekst"),
               {2022: (250_000, 210_000), 2023: (900_000, 870_000), 2024: (1_200_000, 1_285_000),
                2025: (1_250_000, 1_262_000), 2026: (1_300_000, 1_296_000)},
               year_notes={2024: "Høyere kostnader til skyss enn budsjettert."}),
    BudgetSpec("barn-fysiske-helseutfordringer", _DRIFT.format(area="helse og mestring"),
               {2022: (300_000, 284_000), 2023: (450_000, 432_000), 2024: (450_000, 447_000),
                2025: (450_000, 449_000), 2026: (450_000, 438_000)}),
)


# -- building the snapshots ------------------------------------------------------

def _frame(table: schema.Table, rows: list[dict[str, Any]]) -> pd.DataFrame:
    names = table.column_names
    for row in rows:
        if set(row) != set(names):
            missing, extra = set(names) - set(row), set(row) - set(names)
            raise ValueError(f"{table.name}: missing {sorted(missing)}, unknown {sorted(extra)}")
    data = {}
    for column in table.columns:
        values = [row[column.name] for row in rows]
        if column.is_list:
            values = [list(v) for v in values]
        dtype = {"bool": bool, "int": "int64"}.get(column.type_name, object)
        data[column.name] = pd.Series(values, dtype=dtype)
    return pd.DataFrame(data, columns=names)


def tables_on(on: dt.date) -> dict[str, pd.DataFrame]:
    """The whole portfolio as it stood on a snapshot date."""
    initiatives = [r for spec in INITIATIVES if (r := spec.row(on)) is not None]
    present = {r["initiative_id"] for r in initiatives}
    milestones = [
        r for spec in MILESTONES if spec.initiative_id in present and (r := spec.row(on)) is not None
    ]
    budgets = [r for spec in BUDGETS if spec.initiative_id in present for r in spec.rows(on)]
    budgets.sort(key=lambda r: (r["initiative_id"], r["year"], r["funding_source"]))
    return {
        "initiatives": _frame(schema.INITIATIVES, initiatives),
        "budgets": _frame(schema.BUDGETS, budgets),
        "milestones": _frame(schema.MILESTONES, milestones),
    }


def _created_at(on: dt.date) -> dt.datetime:
    return dt.datetime.combine(on, SNAPSHOT_TIME, tzinfo=UTC)


def seed_snapshots() -> list[DemoSnapshot]:
    """Every seed snapshot, oldest first."""
    return [
        DemoSnapshot(created_at=_created_at(on), author=AUTHOR, note=note, tables=tables_on(on))
        for on, note in SNAPSHOT_PLAN
    ]


def write_demo(out_dir: Path) -> list[SnapshotMeta]:
    """Write the seed portfolio and README.md into `out_dir`, which must hold
    no snapshots yet."""
    out_dir = Path(out_dir)
    store = Store(out_dir)
    existing = store.list()
    if existing:
        raise ValueError(
            f"{out_dir} already holds {len(existing)} snapshot(s); demo data is only written to a folder "
            f"without snapshots. Delete {store.snapshots_dir} first or choose another folder."
        )
    metas: list[SnapshotMeta] = []
    base_id = None
    for snap in seed_snapshots():
        meta = store.write(
            snap.tables,
            author=snap.author,
            note=snap.note,
            base_id=base_id,
            created_at=snap.created_at,
            is_demo=True,
        )
        metas.append(meta)
        base_id = meta.snapshot_id
    (out_dir / "README.md").write_text(readme_markdown(), encoding="utf-8")
    return metas


# -- README --------------------------------------------------------------------------

def _show(value: Any) -> str:
    if value is None:
        return "(empty)"
    if isinstance(value, list):
        return ", ".join(value) if value else "(none)"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _latest_row(spec: InitiativeSpec) -> dict[str, Any]:
    last = max(on for on, _ in SNAPSHOT_PLAN if on >= spec.added)
    row = spec.row(last)
    assert row is not None
    return row


def readme_markdown() -> str:
    """The data folder's README (English, for developers and operators)."""
    snapshots = seed_snapshots()
    lines: list[str] = [
        "# Demo data: Samhandlingskommunen Kristiansand",
        "",
        "This folder holds the seed (\"demo\") portfolio the app shows out of the box: the programme",
        "Samhandlingskommunen Kristiansand and related initiatives, as the portfolio stood at",
        f"{len(snapshots)} leadership (KDL) meetings from {snapshots[0].created_at.date()} to "
        f"{snapshots[-1].created_at.date()}.",
        "It is generated by `portfolio/demo.py` and marked `is_demo: true` in every snapshot's metadata.",
        "Do not edit it by hand: change `portfolio/demo.py` and regenerate.",
        "This README is generated too (`portfolio.demo.readme_markdown()`).",
        "",
        "## Layout",
        "",
        "```",
        "data/",
        "  README.md                                   this file",
        "  snapshots/snapshot=<id>/initiatives.parquet",
        "  snapshots/snapshot=<id>/budgets.parquet",
        "  snapshots/snapshot=<id>/milestones.parquet",
        "  snapshots/snapshot=<id>/_snapshot.json      metadata: author, note, base_id, row counts, content hash",
        "```",
        "",
        "Snapshot ids are the UTC creation time (e.g. `20211018T130000.000Z`), so they sort in time order.",
        "Each snapshot is the whole portfolio at that time; snapshots are immutable. The columns are",
        "declared in `portfolio/schema.py` and described in the project documentation.",
        "",
        "## Regenerating",
        "",
        "The data is deterministic: the same code gives the same snapshot ids and content hashes.",
        "After changing `portfolio/demo.py`:",
        "",
        "```sh",
        "rm -rf data/snapshots data/README.md",
        REGENERATE_COMMAND.replace("DIR", "data"),
        "```",
        "",
        "`tests/test_demo_data.py` fails while the committed data differs from what the code generates.",
        "To write the demo portfolio elsewhere, use `" + REGENERATE_COMMAND + "` with an empty folder.",
        "",
        "## Snapshots",
        "",
        "| # | snapshot id | date | note | initiatives | budget rows | milestones |",
        "|---|---|---|---|---|---|---|",
    ]
    for number, snap in enumerate(snapshots, start=1):
        t = snap.tables
        lines.append(
            f"| {number} | `{snapshot_id_for(snap.created_at)}` | {snap.created_at.date()} | {snap.note} | "
            f"{len(t['initiatives'])} | {len(t['budgets'])} | {len(t['milestones'])} |"
        )
    lines += [
        "",
        "## Seed documents",
        "",
        "The facts come from five public Norwegian documents (Kristiansand kommune news articles and the",
        "programme's mandate), numbered 000–004:",
        "",
    ]
    for number, text in SEEDS.items():
        lines.append(f"- **{SEED_LABELS[number]}**: {text}")
    lines += [
        "",
        "## Provenance",
        "",
        "Below, for every initiative, are the values that come from a seed document, and which one.",
        "**Every other value is ILLUSTRATIVE**: invented to make a realistic demo, not a fact about",
        "Kristiansand kommune. That includes all statuses and status comments, most budgets and all",
        "actuals and forecasts, most dates (start and end dates, later milestones, completion dates), the",
        "kommunalområde, focus-area and target-group assignments of the related initiatives, project owners",
        "of related initiatives, public summaries and internal notes, unless listed below. Project leaders",
        "that the seeds do not name are left empty rather than invented.",
        "",
        "People named in the seeds: project owner Camilla Jarlsby (director of kultur og innbyggerdialog);",
        "project leaders Elisabeth Engemyr (until March 2022) and Svein Ove Ueland (from March 2022); the",
        "directors " + ", ".join(f"{person} ({area.lower()})" for area, person in DIRECTORS.items())
        + " (seed 002).",
        "",
    ]
    by_initiative: dict[str, list[MilestoneSpec]] = {}
    for ms in MILESTONES:
        by_initiative.setdefault(ms.initiative_id, []).append(ms)
    budgets_by: dict[str, list[BudgetSpec]] = {}
    for b in BUDGETS:
        budgets_by.setdefault(b.initiative_id, []).append(b)
    for spec in INITIATIVES:
        row = _latest_row(spec)
        lines += [f"### {row['name']} (`{spec.initiative_id}`)", ""]
        lines.append(f"First in the snapshot of {min(on for on, _ in SNAPSHOT_PLAN if on >= spec.added)}.")
        lines.append("")
        if spec.sources:
            lines.append("Initiative fields (value in the latest snapshot unless a date is given):")
            lines.append("")
            for name in schema.INITIATIVES.column_names:
                source = spec.sources.get(name)
                if source is None:
                    continue
                if source.as_of is None:
                    shown, when = row[name], ""
                else:
                    then = spec.row(source.as_of)
                    assert then is not None, (spec.initiative_id, name)
                    shown, when = then[name], f" (on {source.as_of})"
                lines.append(f"- `{name}`{when} = {_show(shown)} — {source.cite()}")
        else:
            lines.append("Initiative fields: all illustrative.")
        sourced_ms = [ms for ms in by_initiative.get(spec.initiative_id, []) if ms.sources]
        lines.append("")
        if sourced_ms:
            lines.append("Milestones:")
            lines.append("")
            for ms in sourced_ms:
                parts = "; ".join(f"`{f}` — {s.cite()}" for f, s in ms.sources.items())
                lines.append(f"- `{ms.milestone_id}` «{ms.title}»: {parts}")
        others = [ms.milestone_id for ms in by_initiative.get(spec.initiative_id, []) if not ms.sources]
        if others:
            if sourced_ms:
                lines.append("")
            lines.append("Illustrative milestones: " + ", ".join(f"`{m}`" for m in others) + ".")
        sourced_b = [b for b in budgets_by.get(spec.initiative_id, []) if b.sources]
        other_b = [b for b in budgets_by.get(spec.initiative_id, []) if not b.sources]
        if sourced_b or other_b:
            lines.append("")
        for b in sourced_b:
            parts = "; ".join(f"`{f}` — {s.cite()}" for f, s in b.sources.items())
            lines.append(f"- Budget «{b.funding_source}»: {parts}; actuals and forecasts illustrative.")
        for b in other_b:
            lines.append(f"- Budget «{b.funding_source}»: illustrative.")
        lines.append("")
    lines += [
        "## Inferred values",
        "",
        "- The conference «Sammen.» (seed 001) gives 27–28 October and a registration deadline of",
        "  21 October without a year. Svein Ove Ueland is project leader in the invitation, and he took",
        "  over in March 2022 (seed 002), so the demo dates it to 2022.",
        "- Seed 004 gives the health and social project's milestones as 1 December, 1 March and 1 July;",
        "  the article is dated 16 November 2017, so they are 2017-12-01, 2018-03-01 and 2018-07-01.",
        "",
    ]
    return "\n".join(lines)
