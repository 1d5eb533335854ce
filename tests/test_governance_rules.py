"""The governance register's tables (vedtak, sjekkliste, risiko, gevinster,
gevinstmålinger) through validation and the Excel/CSV round trip: every rule
with its Norwegian message naming table, row and column; the fast path never
calls a table valid that pandera or the rules across tables refuse; a
template of all eight tables imports as «no change»; an old workbook with the
first three sheets keeps the register from the base; a bad value changes
nothing. Real files, real snapshot stores."""

from __future__ import annotations

import datetime as dt
import io
import math
import subprocess
from collections.abc import Callable

import pandas as pd
import pyarrow as pa
import pytest
from openpyxl import load_workbook

import badfiles
from conftest import budget, initiative, milestone, run_portfolio, tables
from portfolio import texts
from portfolio.ingest import cells, pipeline
from portfolio.ingest import template as workbook
from portfolio.ingest.reading import Upload
from portfolio.model import rules, schema, validate, validate_fast
from portfolio.store.snapshots import Store
from portfolio.texts import checklists
from portfolio.texts import register as R

BP1_ANSWERS = ("Ja", "Ja", "Nei", "Prosjekt", "Nei", "Delvis – bevilget årlig 300 000", "Kommer i styringsdokumentet")


def register_portfolio() -> dict[str, pd.DataFrame]:
    """Two initiatives (a public, b internal) and rows in every table of the register."""
    data = tables(
        [initiative("a", is_public=True, public_summary="Et enkelt sammendrag."), initiative("b")],
        [budget("a"), budget("b", year=2025)],
        [milestone("m-a", "a", kind="beslutningspunkt", decision_point="BP1")],
    )

    def frame(name: str, rows: list[dict]) -> pd.DataFrame:
        return pd.DataFrame(rows, columns=schema.TABLES[name].column_names)

    data["decisions"] = frame("decisions", [
        dict(decision_id="kdl-2021-10-18", initiative_id="a", decided_on=dt.date(2021, 10, 18), body="KDL",
             decision_point="BP1", title="Mandat for konseptfasen", text="=Styringsdokument innen årsskiftet",
             case_number="21/12345", is_public=True),
        dict(decision_id="sg-2022-03-01", initiative_id="b", decided_on=dt.date(2022, 3, 1), body="styringsgruppe",
             decision_point=None, title="Intern prioritering", text=None, case_number=None, is_public=False),
    ])
    data["checklist_answers"] = frame("checklist_answers", [
        dict(initiative_id="a", decision_point="BP1", item_no=number, question=None, answer=answer, comment=None)
        for number, answer in enumerate(BP1_ANSWERS, start=1)
    ] + [dict(initiative_id="b", decision_point="BP2", item_no=13, question="Egen ordlyd", answer="Ikke vurdert",
              comment="+intern")])
    data["risks"] = frame("risks", [
        dict(risk_id="r-1", initiative_id="a", title="Få søkere", description="<b>fet</b>", category="økonomi",
             probability=4, consequence=5, owner="Eier", mitigation="-Mer markedsføring", status="åpen",
             strategy="redusere", identified_on=dt.date(2024, 2, 1), review_by=dt.date(2026, 12, 1),
             residual_probability=2, residual_consequence=None),
        dict(risk_id="r-2", initiative_id="b", title="Personvern", description=None, category=None,
             probability=1, consequence=1, owner=None, mitigation=None, status="lukket", strategy=None,
             identified_on=dt.date(2023, 5, 5), review_by=None, residual_probability=None,
             residual_consequence=None),
    ])
    data["benefits"] = frame("benefits", [
        dict(benefit_id="g-1", initiative_id="a", title="Færre henvendelser", kind="direkte", owner="Kari",
             indicator="Henvendelser per måned", unit="antall", baseline=1234.75, baseline_on=dt.date(2022, 1, 1),
             target=12.5, target_on=dt.date(2027, 1, 1), is_public=True),
        dict(benefit_id="g-2", initiative_id="b", title="Innbyggere tar ansvar", kind="kvalitativ", owner=None,
             indicator=None, unit=None, baseline=None, baseline_on=None, target=None, target_on=None,
             is_public=False),
    ])
    data["benefit_measurements"] = frame("benefit_measurements", [
        dict(benefit_id="g-1", measured_on=dt.date(2023, 1, 1), value=1000.25, comment=None),
        dict(benefit_id="g-1", measured_on=dt.date(2024, 1, 1), value=0.1, comment="=ikke en formel"),
        dict(benefit_id="g-2", measured_on=dt.date(2024, 6, 1), value=-3.5, comment=None),
    ])
    return data


def normalized(frames: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    return {name: validate.normalize(schema.TABLES[name], frame) for name, frame in frames.items()}


def problems_of(frames: dict[str, pd.DataFrame]) -> list[str]:
    return [str(p) for p in validate.validate(normalized(frames))]


def surely_valid(frames: dict[str, pd.DataFrame], name: str) -> bool:
    """The fast path's verdict on one table, on the Arrow arrays the type check makes."""
    table = schema.TABLES[name]
    frames = normalized(frames)
    frame = frames[name].reset_index(drop=True)
    arrays = {c.name: pa.array(frame[c.name], type=c.type, from_pandas=True) for c in table.columns}
    return validate_fast.surely_valid(table, frame, rules.key_values(frames), arrays)


def changed(name: str, row: int, **values) -> Callable[[dict], None]:
    """Set columns of one row (from 0) of one table."""
    def change(frames: dict) -> None:
        frame = frames[name] = frames[name].copy().astype(object)
        for column, value in values.items():
            frame.at[row, column] = value
    return change


def both(*changes: Callable[[dict], None]) -> Callable[[dict], None]:
    def change(frames: dict) -> None:
        for one in changes:
            one(frames)
    return change


def duplicated(name: str, row: int) -> Callable[[dict], None]:
    def change(frames: dict) -> None:
        frames[name] = pd.concat([frames[name], frames[name].iloc[[row]]], ignore_index=True)
    return change


# -- validation ------------------------------------------------------------------------

def test_the_register_is_valid_and_every_table_takes_the_fast_path():
    frames = register_portfolio()
    assert problems_of(frames) == []
    for name in frames:  # every table but those added later (issue 16's collaboration tables)
        assert surely_valid(frames, name), name


SLUG = texts.VALIDATION["slug"]

# (change, the table whose fast path must refuse it, or None: a rule across tables, a type or a
# missing value, found before pandera; every line the validation finds)
CASES = {
    "probability_above_5": (changed("risks", 0, probability=6), "risks",
                            "Tabell «Risiko», rad 2, kolonne «Sannsynlighet (1–5)»: «6» er utenfor gyldig "
                            "område (1–5)."),
    "consequence_below_1": (changed("risks", 1, consequence=0), "risks",
                            "Tabell «Risiko», rad 3, kolonne «Konsekvens (1–5)»: «0» er utenfor gyldig "
                            "område (1–5)."),
    "residual_probability": (changed("risks", 1, residual_probability=9), "risks",
                             "Tabell «Risiko», rad 3, kolonne «Sannsynlighet etter tiltak (1–5)»: «9» er "
                             "utenfor gyldig område (1–5)."),
    "residual_consequence": (changed("risks", 0, residual_consequence=-1), "risks",
                             "Tabell «Risiko», rad 2, kolonne «Konsekvens etter tiltak (1–5)»: «-1» er "
                             "utenfor gyldig område (1–5)."),
    "item_no_below_1": (changed("checklist_answers", 0, item_no=0), "checklist_answers",
                        "Tabell «Sjekkliste», rad 2, kolonne «Punkt»: «0» er for lite; minste tillatte "
                        "verdi er 1."),
    "decision_id_slug": (changed("decisions", 0, decision_id="Vedtak 1"), "decisions",
                         "Tabell «Vedtak», rad 2, kolonne «Vedtak-ID»: " + SLUG.format(value="Vedtak 1")),
    "risk_id_slug": (changed("risks", 1, risk_id="R_2"), "risks",
                     "Tabell «Risiko», rad 3, kolonne «Risiko-ID»: " + SLUG.format(value="R_2")),
    "benefit_id_slug": (both(changed("benefits", 1, benefit_id="Gevinst!"),  # and its measurement with it
                             changed("benefit_measurements", 2, benefit_id="Gevinst!")), "benefits",
                        "Tabell «Gevinster», rad 3, kolonne «Gevinst-ID»: " + SLUG.format(value="Gevinst!")),
    "decision_id_unique": (duplicated("decisions", 0), "decisions", tuple(
                           f"Tabell «Vedtak», rad {row}, kolonne «Vedtak-ID»: «kdl-2021-10-18» finnes flere "
                           "ganger; verdien må være unik." for row in (2, 4))),
    "checklist_key_unique": (duplicated("checklist_answers", 2), "checklist_answers", tuple(
                             f"Tabell «Sjekkliste», rad {row}, kolonne «Punkt»: kombinasjonen «Tiltak-ID» + "
                             "«Beslutningspunkt» + «Punkt» finnes flere ganger; den må være unik." for row in (4, 10))),
    "measurement_key_unique": (duplicated("benefit_measurements", 0), "benefit_measurements", tuple(
                               f"Tabell «Gevinstmålinger», rad {row}, kolonne «Måledato»: kombinasjonen «Gevinst-ID» "
                               "+ «Måledato» finnes flere ganger; den må være unik." for row in (2, 5))),
    "benefit_reference": (changed("benefit_measurements", 2, benefit_id="finnes-ikke"), "benefit_measurements",
                          "Tabell «Gevinstmålinger», rad 4, kolonne «Gevinst-ID»: «finnes-ikke» finnes ikke i "
                          "tabellen Gevinster."),
    "initiative_reference_risk": (changed("risks", 0, initiative_id="ukjent"), "risks",
                                  "Tabell «Risiko», rad 2, kolonne «Tiltak-ID»: tiltaket «ukjent» finnes ikke i "
                                  "tabellen Tiltak."),
    "initiative_reference_decision": (changed("decisions", 1, initiative_id="ukjent"), "decisions",
                                      "Tabell «Vedtak», rad 3, kolonne «Tiltak-ID»: tiltaket «ukjent» finnes ikke "
                                      "i tabellen Tiltak."),
    "initiative_reference_checklist": (changed("checklist_answers", 7, initiative_id="ukjent"),
                                       "checklist_answers",
                                       "Tabell «Sjekkliste», rad 9, kolonne «Tiltak-ID»: tiltaket «ukjent» finnes "
                                       "ikke i tabellen Tiltak."),
    "initiative_reference_benefit": (changed("benefits", 0, initiative_id="ukjent"), "benefits",
                                     "Tabell «Gevinster», rad 2, kolonne «Tiltak-ID»: tiltaket «ukjent» finnes "
                                     "ikke i tabellen Tiltak."),
    "body_allowed": (changed("decisions", 0, body="rådmann"), "decisions",
                     "Tabell «Vedtak», rad 2, kolonne «Vedtatt av»: «rådmann» er ikke en gyldig verdi. Gyldige "
                     "verdier: " + ", ".join(schema.DECISION_BODIES) + "."),
    "risk_status_allowed": (changed("risks", 0, status="rød"), "risks",
                            "Tabell «Risiko», rad 2, kolonne «Status»: «rød» er ikke en gyldig verdi. Gyldige "
                            "verdier: åpen, under oppfølging, lukket."),
    "unit_allowed": (changed("benefits", 0, unit="kr"), "benefits",
                     "Tabell «Gevinster», rad 2, kolonne «Enhet»: «kr» er ikke en gyldig verdi. Gyldige verdier: "
                     "antall, kroner, prosent, timer, skår."),
    "title_required": (changed("risks", 1, title=" "), None,
                       "Tabell «Risiko», rad 3, kolonne «Tittel»: verdi mangler."),
    "value_required": (changed("benefit_measurements", 1, value=None), None,
                       "Tabell «Gevinstmålinger», rad 3, kolonne «Verdi»: verdi mangler."),
    "baseline_finite": (changed("benefits", 0, baseline=math.inf), "benefits",
                        "Tabell «Gevinster», rad 2, kolonne «Startverdi»: «inf» er ikke et gyldig tall."),
    "value_finite": (changed("benefit_measurements", 0, value=-math.inf), "benefit_measurements",
                     "Tabell «Gevinstmålinger», rad 2, kolonne «Verdi»: «-inf» er ikke et gyldig tall."),
    "probability_type": (changed("risks", 0, probability="høy"), None,
                         "Tabell «Risiko», rad 2, kolonne «Sannsynlighet (1–5)»: «høy» har feil type; "
                         "forventet heltall."),
    # across tables
    "measured_before_baseline": (changed("benefit_measurements", 0, measured_on=dt.date(2021, 12, 31)), None,
                                 "Tabell «Gevinstmålinger», rad 2, kolonne «Måledato»: måledatoen 31.12.2021 er "
                                 "før datoen for startverdien (01.01.2022) til gevinsten «g-1»."),
    "baseline_after_measurement": (changed("benefits", 0, baseline_on=dt.date(2023, 6, 1)), None,
                                   "Tabell «Gevinstmålinger», rad 2, kolonne «Måledato»: måledatoen 01.01.2023 er "
                                   "før datoen for startverdien (01.06.2023) til gevinsten «g-1»."),
    "public_decision": (changed("decisions", 1, is_public=True), None,
                        "Tabell «Vedtak», rad 3, kolonne «Offentlig»: vedtaket kan ikke være offentlig når "
                        "tiltaket «b» ikke er offentlig."),
    "public_benefit": (changed("benefits", 1, is_public=True), None,
                       "Tabell «Gevinster», rad 3, kolonne «Offentlig»: gevinsten kan ikke være offentlig når "
                       "tiltaket «b» ikke er offentlig."),
    "initiative_made_internal": (changed("initiatives", 0, is_public=False), None, (
                                 "Tabell «Vedtak», rad 2, kolonne «Offentlig»: vedtaket kan ikke være offentlig "
                                 "når tiltaket «a» ikke er offentlig.",
                                 "Tabell «Gevinster», rad 2, kolonne «Offentlig»: gevinsten kan ikke være offentlig "
                                 "når tiltaket «a» ikke er offentlig.")),
    "checklist_item_bp1": (changed("checklist_answers", 6, item_no=8), None,
                           "Tabell «Sjekkliste», rad 8, kolonne «Punkt»: sjekklisten for BP1 har ikke punkt 8; den "
                           "har punkt 1–7."),
    "checklist_item_bp2": (changed("checklist_answers", 7, item_no=14), None,
                           "Tabell «Sjekkliste», rad 9, kolonne «Punkt»: sjekklisten for BP2 har ikke punkt 14; "
                           "den har punkt 1–13."),
    "checklist_item_moved_to_bp5": (changed("checklist_answers", 7, decision_point="BP5"), None,
                                    "Tabell «Sjekkliste», rad 9, kolonne «Punkt»: sjekklisten for BP5 har ikke "
                                    "punkt 13; den har punkt 1–9."),
}


@pytest.mark.parametrize("case", list(CASES))
def test_every_rule_names_table_row_and_column_in_norwegian(case):
    change, table, expected = CASES[case]
    frames = register_portfolio()
    change(frames)
    found = problems_of(frames)
    assert found == ([expected] if isinstance(expected, str) else list(expected))  # each said once
    if table is not None:
        # the fast path never calls a table valid that pandera refuses
        assert not surely_valid(frames, table)


def test_a_checklist_answer_to_an_unknown_decision_point_is_one_problem():
    frames = register_portfolio()
    changed("checklist_answers", 0, decision_point="BP9")(frames)
    assert problems_of(frames) == [
        "Tabell «Sjekkliste», rad 2, kolonne «Beslutningspunkt»: «BP9» er ikke en gyldig verdi. Gyldige verdier: "
        "BP1, BP2, BP3, BP4, BP5."]


def test_the_checklists_have_the_items_the_rule_allows():
    frames = register_portfolio()
    rows = [dict(initiative_id="a", decision_point=point, item_no=number, question=None, answer="Ja", comment=None)
            for point, items in checklists.CHECKLISTS.items() for number in range(1, len(items) + 1)]
    frames["checklist_answers"] = pd.DataFrame(rows, columns=schema.CHECKLIST_ANSWERS_TABLE.column_names)
    assert problems_of(frames) == []
    assert surely_valid(frames, "checklist_answers")


def test_a_measurement_on_the_baseline_day_and_one_without_a_baseline_are_valid():
    frames = register_portfolio()
    changed("benefit_measurements", 0, measured_on=dt.date(2022, 1, 1))(frames)
    assert problems_of(frames) == []  # g-2 has no baseline date: its measurement is never early


def test_snapshots_without_the_register_still_validate():
    frames = register_portfolio()
    old = {name: frames[name] for name in ("initiatives", "budgets", "milestones")}
    assert problems_of(old) == []


# -- reading cells ------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("12,5", 12.5), ("1 234,5", 1234.5), ("1\u00a0234,5", 1234.5), ("1\u202f234,5", 1234.5),
    ("1.234,5", 1234.5), ("12.5", 12.5), ("1,234.5", 1234.5), ("-3,25", -3.25), ("\u22123,25", -3.25),
    ("1 000 000", 1_000_000.0), ("1.234.567", 1_234_567.0), ("12,5 %", 12.5), ("kr 300 000", 300_000.0),
    ("300 000,-", 300_000.0), ("0,1", 0.1), (",5", 0.5), ("1,5e-05", 1.5e-05), (7, 7.0), (2.25, 2.25),
])
def test_numbers_with_decimals_as_norwegians_and_others_write_them(text, expected):
    assert cells.parse_float(text) == expected


@pytest.mark.parametrize("text", ["tolv", "1,2,3", "1.2.3", "12.5.2024", "inf", "nan", "1 23,4,5", "--1", True])
def test_what_is_not_a_number_is_a_norwegian_problem(text):
    assert cells.parse_float(text) is None
    value, problem = cells.parse_cell(schema.BENEFITS.column("baseline"), text)
    assert value is None and "er ikke et tall" in problem and "12,5" in problem


def test_whole_number_problems_speak_of_the_column_not_of_kroner():
    _, problem = cells.parse_cell(schema.RISKS.column("probability"), "høy")
    assert problem == "«høy» er ikke et heltall. Skriv et helt tall fra 1 til 5."
    _, problem = cells.parse_cell(schema.RISKS.column("consequence"), "2,5")
    assert problem == "«2,5» har desimaler; skriv et helt tall fra 1 til 5."
    _, problem = cells.parse_cell(schema.CHECKLIST_ANSWERS_TABLE.column("item_no"), "første")
    assert problem == "«første» er ikke et heltall. Skriv et helt tall, 1 eller mer."
    _, problem = cells.parse_cell(schema.BUDGETS.column("budget_nok"), "mye")
    assert "hele kroner" in problem  # the amounts keep their words


# -- the template and the round trip ---------------------------------------------------------

@pytest.fixture()
def register_store(tmp_path) -> Store:
    store = Store(tmp_path / "data")
    store.write(register_portfolio(), author="Kari Nordmann", note="Styring", base_id=None)
    return store


def frames_of(store: Store) -> dict[str, pd.DataFrame]:
    return store.read_frames(store.latest().snapshot_id)


def test_the_template_has_a_sheet_per_table_with_checks_and_no_score_column(register_store):
    book = load_workbook(io.BytesIO(workbook.template_for(register_store)))
    for name in schema.GOVERNANCE_TABLES:
        sheet = book[texts.TABLE_LABELS[name]]
        assert [c.value for c in sheet[1]] == [texts.COLUMN_LABELS[name][c] for c in
                                               schema.TABLES[name].column_names]
        assert sheet.max_row == len(register_portfolio()[name]) + 1
    risks = book["Risiko"]
    headers = [c.value for c in risks[1]]
    assert not any("skår" in h.lower() or "score" in h.lower() for h in headers)
    checks = {}
    for dv in risks.data_validations.dataValidation:
        for cells_range in dv.sqref.ranges:
            checks[headers[cells_range.min_col - 1]] = dv
    for header in ("Sannsynlighet (1–5)", "Konsekvens (1–5)", "Sannsynlighet etter tiltak (1–5)"):
        dv = checks[header]
        assert (dv.type, dv.operator, dv.formula1, dv.formula2, dv.errorStyle) == ("whole", "between", "1", "5",
                                                                                   "stop")
    assert checks["Identifisert dato"].type == "date"
    assert checks["Status"].type == "list" and checks["Tiltak-ID"].formula1.startswith("'Tiltak'!$A$2")
    benefits = book["Gevinster"]
    assert benefits["H2"].value == 1234.75 and benefits["H2"].data_type == "n"
    assert {d.type for d in benefits.data_validations.dataValidation if "H2" in str(d.sqref)} == {"decimal"}
    kinds = next(d for d in benefits.data_validations.dataValidation if "D2" in str(d.sqref))
    lists = book[workbook.T.LISTS_SHEET]
    reference = kinds.formula1.split("!")[1].replace("$", "")
    assert [c.value for row in lists[reference] for c in row] == list(schema.BENEFIT_KINDS)
    measured = book["Gevinstmålinger"]
    link = next(d for d in measured.data_validations.dataValidation if "A2" in str(d.sqref))
    assert link.formula1.startswith("'Gevinster'!$A$2") and link.errorStyle == "warning"
    answers = next(d for d in book["Sjekkliste"].data_validations.dataValidation if "E2" in str(d.sqref))
    assert answers.type == "list" and not answers.showErrorMessage  # a free answer is kept
    text = "\n".join(str(c.value) for row in book[workbook.T.INSTRUCTIONS_SHEET].iter_rows() for c in row if c.value)
    assert "Risikoskåren" in text and "desimalkomma" in text and "Helt tall fra 1 til 5" in text


def test_template_then_import_of_all_eight_tables_is_no_change(register_store):
    prepared = pipeline.prepare([Upload("mal.xlsx", workbook.template_for(register_store))], register_store)
    assert prepared.ok, [str(p) for p in prepared.problems]
    assert prepared.unchanged
    assert {name: s.sheet for name, s in prepared.sources.items() if s.kind == "file"} == workbook.SHEET_NAMES
    assert {name for name, s in prepared.sources.items() if s.kind == "base"} == {n for n, t in schema.TABLES.items() if t.is_imported}
    outcome = pipeline.commit(prepared, register_store, author="Kari", note="Ingenting")
    assert outcome.kind == "unchanged"
    assert len(register_store.list()) == 1


def test_csv_files_of_all_eight_tables_are_no_change(register_store):
    frames = frames_of(register_store)
    names = {name: f"{texts.TABLE_LABELS[name].lower()}.csv" for name in schema.TYPED_TABLES}  # imported: no CSV
    uploads = [Upload(names[n], badfiles.csv_bytes(n, frames[n], grouping=True)) for n in schema.TYPED_TABLES]
    prepared = pipeline.prepare(uploads, register_store)
    assert prepared.ok, [str(p) for p in prepared.problems]
    assert prepared.unchanged


def test_the_export_of_the_register_imports_again_unchanged(register_store, tmp_path):
    out = tmp_path / "ut"
    meta = register_store.latest()
    result = run_cli("export", meta.snapshot_id, str(out), "--csv", data=register_store.root)
    assert result.returncode == 0, result.stderr
    for name in schema.GOVERNANCE_TABLES:
        assert f"{name} ({len(register_portfolio()[name])} rader)" in result.stdout
    uploads = [Upload(f"{name}.csv", (out / f"{name}.csv").read_bytes()) for name in schema.GOVERNANCE_TABLES]
    prepared = pipeline.prepare(uploads, register_store)
    assert prepared.ok, [str(p) for p in prepared.problems]
    assert prepared.unchanged


def test_a_changed_risk_and_a_new_measurement_in_the_template_are_saved(register_store):
    template = workbook.template_for(register_store)
    edited = badfiles.edit_template(template, lambda book: (
        badfiles.set_cell("risks", 2, "probability", 2)(book),
        badfiles.set_cell("benefits", 2, "target", "1 500,5")(book),  # typed as text, Norwegian style
        _append(book, "benefit_measurements", ["g-1", dt.date(2025, 1, 1), "12,75", None]),
    ))
    prepared = pipeline.prepare([Upload("mal.xlsx", edited)], register_store)
    assert prepared.ok, [str(p) for p in prepared.problems]
    frames = prepared.frames()
    assert frames["risks"].set_index("risk_id").loc["r-1", "probability"] == 2
    assert frames["benefits"].set_index("benefit_id").loc["g-1", "target"] == 1500.5
    assert 12.75 in frames["benefit_measurements"]["value"].tolist()
    outcome = pipeline.commit(prepared, register_store, author="Kari", note="Risiko ned")
    assert outcome.kind == "saved"
    assert len(frames_of(register_store)["benefit_measurements"]) == 4


def _append(book, table: str, values: list) -> None:
    book[workbook.SHEET_NAMES[table]].append(values)


def _without_register(book) -> None:
    for name in schema.GOVERNANCE_TABLES:
        book.remove(book[workbook.SHEET_NAMES[name]])


def test_an_old_workbook_of_three_sheets_keeps_the_register_from_the_base(register_store):
    before = frames_of(register_store)
    old = badfiles.edit_template(workbook.template_for(register_store), lambda book: (
        _without_register(book), badfiles.set_cell("budgets", 2, "actual_nok", 7)(book)))
    assert load_workbook(io.BytesIO(old)).sheetnames[:4] == ["Veiledning", "Tiltak", "Budsjett", "Milepæler"]
    prepared = pipeline.prepare([Upload("gammel.xlsx", old)], register_store)
    assert prepared.ok, [str(p) for p in prepared.problems]
    for name in schema.GOVERNANCE_TABLES:
        assert prepared.sources[name].kind == "base", name
    found = pipeline.changes(prepared, register_store, today=dt.date(2026, 11, 23))
    assert [(c.table, c.field, c.new) for c in found] == [("budgets", "actual_nok", 7)]
    outcome = pipeline.commit(prepared, register_store, author="Kari", note="Gammel mal")
    assert outcome.kind == "saved"
    after = frames_of(register_store)
    for name in schema.GOVERNANCE_TABLES:
        pd.testing.assert_frame_equal(after[name], before[name])
    # an empty table added later (the collaboration tables) is not counted
    assert outcome.meta.row_counts == {name: len(before[name]) for name in schema.TABLE_NAMES
                                       if len(before[name]) or not schema.TABLES[name].is_later}


def test_an_old_workbook_that_breaks_a_rule_of_the_kept_register_is_told_where(register_store):
    before = [m.snapshot_id for m in register_store.list()]
    base = before[-1]
    old = badfiles.edit_template(workbook.template_for(register_store), lambda book: (
        _without_register(book), badfiles.set_cell("initiatives", 2, "is_public", "Nei")(book)))
    prepared = pipeline.prepare([Upload("gammel.xlsx", old)], register_store)
    assert [str(p) for p in prepared.problems] == [
        f"Tabell «Vedtak» (uendret fra øyeblikksbildet {base}), rad 2, kolonne «Offentlig»: vedtaket kan ikke "
        "være offentlig når tiltaket «a» ikke er offentlig.",
        f"Tabell «Gevinster» (uendret fra øyeblikksbildet {base}), rad 2, kolonne «Offentlig»: gevinsten kan ikke "
        "være offentlig når tiltaket «a» ikke er offentlig."]
    assert pipeline.commit(prepared, register_store, author="Kari", note="x").kind == "invalid"
    assert [m.snapshot_id for m in register_store.list()] == before


def test_old_csv_files_of_three_tables_keep_the_register(register_store):
    frames = frames_of(register_store)
    uploads = [Upload(f"{texts.TABLE_LABELS[n].lower()}.csv", badfiles.csv_bytes(n, frames[n]))
               for n in ("initiatives", "budgets", "milestones")]
    prepared = pipeline.prepare(uploads, register_store)
    assert prepared.ok and prepared.unchanged, [str(p) for p in prepared.problems]


def test_an_old_workbook_into_an_empty_store_makes_an_empty_register(tmp_path):
    store = Store(tmp_path / "tom")
    data = register_portfolio()
    old = badfiles.edit_template(workbook.template(data, None), _without_register)
    prepared = pipeline.prepare([Upload("gammel.xlsx", old)], store)
    assert prepared.ok, [str(p) for p in prepared.problems]
    counts = prepared.row_counts()
    assert counts == {"initiatives": 2, "budgets": 2, "milestones": 1}  # the register: empty, not counted
    assert pipeline.commit(prepared, store, author="Kari", note="Start").kind == "saved"
    assert all(len(frames_of(store)[name]) == 0 for name in schema.GOVERNANCE_TABLES)


def test_a_workbook_without_a_sheet_of_the_first_three_is_still_refused(register_store):
    old = badfiles.edit_template(workbook.template_for(register_store),
                                 lambda book: book.remove(book[workbook.SHEET_NAMES["budgets"]]))
    prepared = pipeline.prepare([Upload("mal.xlsx", old)], register_store)
    assert [str(p) for p in prepared.problems] == [
        "Fil «mal.xlsx»: arket «Budsjett» mangler. Arbeidsboken må ha arkene «Tiltak», «Budsjett» og «Milepæler»."]


def _score_column(book) -> None:
    sheet = book[workbook.SHEET_NAMES["risks"]]
    column = sheet.max_column + 1
    sheet.cell(row=1, column=column).value = "Skår"
    sheet.cell(row=2, column=column).value = 20


BAD_VALUES = {
    "probability_word": (badfiles.set_cell("risks", 2, "probability", "høy"),
                         "Fil «mal.xlsx», ark «Risiko», rad 2, kolonne «Sannsynlighet (1–5)»: «høy» er ikke et "
                         "heltall. Skriv et helt tall fra 1 til 5."),
    "probability_6": (badfiles.set_cell("risks", 3, "probability", 6),
                      "Fil «mal.xlsx», ark «Risiko», rad 3, kolonne «Sannsynlighet (1–5)»: «6» er utenfor gyldig "
                      "område (1–5)."),
    "consequence_decimals": (badfiles.set_cell("risks", 2, "consequence", 2.5),
                             "Fil «mal.xlsx», ark «Risiko», rad 2, kolonne «Konsekvens (1–5)»: «2,5» har desimaler; "
                             "skriv et helt tall fra 1 til 5."),
    "baseline_word": (badfiles.set_cell("benefits", 2, "baseline", "tolv"),
                      "Fil «mal.xlsx», ark «Gevinster», rad 2, kolonne «Startverdi»: «tolv» er ikke et tall. Skriv "
                      "tallet med desimalkomma, for eksempel 12,5 eller 1 234,5."),
    "unknown_benefit": (badfiles.set_cell("benefit_measurements", 3, "benefit_id", "g-9"),
                        "Fil «mal.xlsx», ark «Gevinstmålinger», rad 3, kolonne «Gevinst-ID»: «g-9» finnes ikke i "
                        "tabellen Gevinster."),
    "measured_early": (badfiles.set_cell("benefit_measurements", 2, "measured_on", dt.datetime(2021, 1, 1)),
                       "Fil «mal.xlsx», ark «Gevinstmålinger», rad 2, kolonne «Måledato»: måledatoen 01.01.2021 er "
                       "før datoen for startverdien (01.01.2022) til gevinsten «g-1»."),
    "checklist_item": (badfiles.set_cell("checklist_answers", 2, "item_no", 8),
                       "Fil «mal.xlsx», ark «Sjekkliste», rad 2, kolonne «Punkt»: sjekklisten for BP1 har ikke "
                       "punkt 8; den har punkt 1–7."),
    "public_decision": (badfiles.set_cell("decisions", 3, "is_public", "Ja"),
                        "Fil «mal.xlsx», ark «Vedtak», rad 3, kolonne «Offentlig»: vedtaket kan ikke være offentlig "
                        "når tiltaket «b» ikke er offentlig."),
    "decision_slug": (badfiles.set_cell("decisions", 2, "decision_id", "KDL 18.10"),
                      "Fil «mal.xlsx», ark «Vedtak», rad 2, kolonne «Vedtak-ID»: "
                      + SLUG.format(value="KDL 18.10")),
    "score_column": (_score_column,
                     "Fil «mal.xlsx», ark «Risiko», kolonne «Skår»: " + R.PROBLEMS["score_column"]),
}


@pytest.mark.parametrize("case", list(BAD_VALUES))
def test_a_bad_value_in_the_register_is_refused_and_changes_nothing(register_store, case):
    change, expected = BAD_VALUES[case]
    before = [m.snapshot_id for m in register_store.list()]
    edited = badfiles.edit_template(workbook.template_for(register_store), change)
    prepared = pipeline.prepare([Upload("mal.xlsx", edited)], register_store)
    found = [str(p) for p in prepared.problems]
    assert found == [expected]
    outcome = pipeline.commit(prepared, register_store, author="Kari", note="Feil")
    assert outcome.kind == "invalid" and outcome.exit_code == 1
    assert [m.snapshot_id for m in register_store.list()] == before


# -- the command line ----------------------------------------------------------------------------

def run_cli(*args: str, data) -> subprocess.CompletedProcess:
    """The command line in this process (conftest.run_portfolio)."""
    return run_portfolio(*args, env={"PORTFOLIO_DATA": str(data), "PORTFOLIO_TODAY": "2026-11-23"})


def test_cli_template_validate_and_import_of_the_register(register_store, tmp_path):
    data = register_store.root
    path = tmp_path / "mal.xlsx"
    made = run_cli("template", str(path), data=data)
    assert made.returncode == 0, made.stderr
    assert load_workbook(path).sheetnames[1:1 + len(workbook.SHEET_NAMES)] == list(workbook.SHEET_NAMES.values())
    valid = run_cli("validate", str(path), data=data)
    assert valid.returncode == 0, valid.stderr
    assert "Filene er gyldige." in valid.stdout and "Gevinstmålinger: 3 rader fra mal.xlsx" in valid.stdout
    bad = tmp_path / "feil.xlsx"
    bad.write_bytes(badfiles.edit_template(path.read_bytes(), badfiles.set_cell("risks", 2, "consequence", 9)))
    refused = run_cli("import", str(bad), "--author", "Kari", "--note", "Feil", data=data)
    assert refused.returncode == 1
    assert "Fil «feil.xlsx», ark «Risiko», rad 2, kolonne «Konsekvens (1–5)»: «9» er utenfor" in refused.stderr
    good = tmp_path / "ny.xlsx"
    good.write_bytes(badfiles.edit_template(path.read_bytes(), badfiles.set_cell("risks", 2, "status", "lukket")))
    saved = run_cli("import", str(good), "--author", "Kari", "--note", "Risiko lukket", data=data)
    assert saved.returncode == 0, saved.stderr
    assert "Lagret nytt øyeblikksbilde" in saved.stdout + saved.stderr
    assert len(Store(data).list()) == 2
    assert frames_of(Store(data))["risks"].set_index("risk_id").loc["r-1", "status"] == "lukket"
