"""The collaboration tables (medvirkning, samhandlingsundersøkelser,
samhandlingsskårer) through validation and the Excel/CSV round trip: every
rule with its Norwegian message naming table (or file and sheet), row and
column; the fast path never calls a table valid that pandera refuses; the
template of all eleven tables imports as «no change»; a workbook without the
new sheets keeps them from the base; the public projection carries a public
engagement's public columns and nothing of the surveys. Real files, real
snapshot stores."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable

import pandas as pd
import pyarrow as pa
import pytest
from openpyxl import load_workbook

import badfiles
from collaboration_rows import collaboration_portfolio
from portfolio import texts
from portfolio.ingest import pipeline
from portfolio.ingest import template as workbook
from portfolio.ingest.reading import Upload
from portfolio.model import rules, rules_collaboration, schema, validate, validate_fast
from portfolio.store import public
from portfolio.store.snapshots import Store
from portfolio.texts import dimensions

SLUG = texts.VALIDATION["slug"]


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


def duplicated(name: str, row: int) -> Callable[[dict], None]:
    def change(frames: dict) -> None:
        frames[name] = pd.concat([frames[name], frames[name].iloc[[row]]], ignore_index=True)
    return change


# -- validation ------------------------------------------------------------------------

def test_the_collaboration_tables_are_valid_and_take_the_fast_path():
    frames = collaboration_portfolio()
    assert problems_of(frames) == []
    for name in schema.COLLABORATION_TABLES:
        assert surely_valid(frames, name), name


E, S, K = "Tabell «Medvirkning»", "Tabell «Samhandlingsundersøkelser»", "Tabell «Samhandlingsskårer»"

# (change, the table whose fast path must refuse it, or None: a rule across tables, a type or a
# missing value, found before pandera; every line the validation finds)
CASES = {
    "participants_negative": (changed("engagements", 0, participants_citizens=-1), "engagements",
                              f"{E}, rad 2, kolonne «Deltakere: innbyggere»: «-1» er for lite; minste tillatte "
                              "verdi er 0."),
    "participants_not_whole": (changed("engagements", 1, participants_staff=2.5), None,
                               f"{E}, rad 3, kolonne «Deltakere: ansatte»: «2.5» har feil type; forventet "
                               "heltall."),
    "engagement_kind": (changed("engagements", 0, kind="workshop"), "engagements",
                        f"{E}, rad 2, kolonne «Type»: «workshop» er ikke en gyldig verdi. Gyldige verdier: "
                        + ", ".join(schema.ENGAGEMENT_KINDS) + "."),
    "engagement_date": (changed("engagements", 0, held_on="i høst"), None,
                        f"{E}, rad 2, kolonne «Dato»: «i høst» har feil type; forventet dato."),
    "engagement_id_slug": (changed("engagements", 1, engagement_id="Sammen 2021"), "engagements",
                           f"{E}, rad 3, kolonne «Medvirkning-ID»: " + SLUG.format(value="Sammen 2021")),
    "engagement_id_unique": (duplicated("engagements", 0), "engagements", tuple(
                             f"{E}, rad {row}, kolonne «Medvirkning-ID»: «e-1» finnes flere ganger; verdien må "
                             "være unik." for row in (2, 4))),
    "engagement_initiative": (changed("engagements", 1, initiative_id="ukjent"), "engagements",
                              f"{E}, rad 3, kolonne «Tiltak-ID»: tiltaket «ukjent» finnes ikke i tabellen Tiltak."),
    "engagement_title": (changed("engagements", 1, title=" "), None,
                         f"{E}, rad 3, kolonne «Tittel»: verdi mangler."),
    "public_engagement": (changed("engagements", 1, is_public=True), None,
                          f"{E}, rad 3, kolonne «Offentlig»: medvirkningen kan ikke være offentlig når tiltaket "
                          "«b» ikke er offentlig."),
    "initiative_made_internal": (changed("initiatives", 0, is_public=False), None,
                                 f"{E}, rad 2, kolonne «Offentlig»: medvirkningen kan ikke være offentlig når "
                                 "tiltaket «a» ikke er offentlig."),
    "respondents_negative": (changed("collaboration_surveys", 0, respondents=-3), "collaboration_surveys",
                             f"{S}, rad 2, kolonne «Antall svar (n)»: «-3» er for lite; minste tillatte verdi er 0."),
    "survey_initiative": (changed("collaboration_surveys", 1, initiative_id="ukjent"), "collaboration_surveys",
                          f"{S}, rad 3, kolonne «Tiltak-ID»: tiltaket «ukjent» finnes ikke i tabellen Tiltak."),
    "survey_neither": (changed("collaboration_surveys", 1, initiative_id=None), "collaboration_surveys",
                       f"{S}, rad 3, kolonne «Tiltak-ID»: " + texts.VALIDATION["survey_unit_missing"]),
    "survey_both": (changed("collaboration_surveys", 2, initiative_id="b"), "collaboration_surveys",
                    f"{S}, rad 4, kolonne «Kommunalområde»: " + texts.VALIDATION["survey_unit_both"]),
    "survey_area": (changed("collaboration_surveys", 2, area="Helse"), None,
                    f"{S}, rad 4, kolonne «Kommunalområde»: kommunalområdet «Helse» er ikke nevnt i tabellen "
                    "Tiltak. Bruk et kommunalområde slik det står under Kommunalområde eller Samarbeidende "
                    "områder, for eksempel «Helse og mestring», «Kultur og innbyggerdialog», «Oppvekst»."),
    "survey_date": (changed("collaboration_surveys", 0, conducted_on=None), None,
                    f"{S}, rad 2, kolonne «Gjennomført dato»: verdi mangler."),
    "survey_id_unique": (duplicated("collaboration_surveys", 1), "collaboration_surveys", tuple(
                         f"{S}, rad {row}, kolonne «Undersøkelse-ID»: «s-a-2023» finnes flere ganger; verdien må "
                         "være unik." for row in (3, 5))),
    "mean_above_5": (changed("collaboration_scores", 0, mean=5.5), "collaboration_scores",
                     f"{K}, rad 2, kolonne «Gjennomsnitt (1–5)»: «5,5» er utenfor gyldig område (1–5)."),
    "mean_below_1": (changed("collaboration_scores", 7, mean=0.9), "collaboration_scores",
                     f"{K}, rad 9, kolonne «Gjennomsnitt (1–5)»: «0,9» er utenfor gyldig område (1–5)."),
    "n_negative": (changed("collaboration_scores", 8, n=-1), "collaboration_scores",
                   f"{K}, rad 10, kolonne «Antall svar (n)»: «-1» er for lite; minste tillatte verdi er 0."),
    "score_survey": (changed("collaboration_scores", 10, survey_id="finnes-ikke"), "collaboration_scores",
                     f"{K}, rad 12, kolonne «Undersøkelse-ID»: «finnes-ikke» finnes ikke i tabellen "
                     "Samhandlingsundersøkelser."),
    "score_key_unique": (duplicated("collaboration_scores", 3), "collaboration_scores", tuple(
                         f"{K}, rad {row}, kolonne «Dimensjon»: kombinasjonen «Undersøkelse-ID» + «Dimensjon» "
                         "finnes flere ganger; den må være unik." for row in (5, 14))),
    "dimension_spelling": (changed("collaboration_scores", 4, dimension="felles  MÅL"), "collaboration_scores",
                           f"{K}, rad 6, kolonne «Dimensjon»: skriv dimensjonen «felles  MÅL» slik referanselisten "
                           "skriver den: «Felles mål»."),
    "n_over_respondents": (changed("collaboration_scores", 9, n=21), None,
                           f"{K}, rad 11, kolonne «Antall svar (n)»: 21 svar for dimensjonen er flere enn "
                           "undersøkelsens 20 svar (undersøkelsen «s-a-2023»)."),
    "respondents_below_n": (changed("collaboration_surveys", 2, respondents=3), None, tuple(
                            f"{K}, rad {row}, kolonne «Antall svar (n)»: 4 svar for dimensjonen er flere enn "
                            "undersøkelsens 3 svar (undersøkelsen «s-helse-2023»)." for row in (12, 13))),
}


@pytest.mark.parametrize("case", list(CASES))
def test_every_rule_names_table_row_and_column_in_norwegian(case):
    change, table, expected = CASES[case]
    frames = collaboration_portfolio()
    change(frames)
    found = problems_of(frames)
    assert found == ([expected] if isinstance(expected, str) else list(expected))  # each said once
    if table is not None:
        # the fast path never calls a table valid that pandera refuses
        assert not surely_valid(frames, table)


def test_an_area_is_valid_as_an_owner_or_a_collaborating_area_and_not_otherwise():
    frames = collaboration_portfolio()
    changed("collaboration_surveys", 2, area="Kultur og innbyggerdialog")(frames)  # «b»'s owner area
    assert problems_of(frames) == []
    # no initiative names a kommunalområde yet
    tables = {**normalized(frames), "initiatives": validate.empty_frame(schema.INITIATIVES)}
    found = rules_collaboration.survey_areas_named(tables, set(tables))
    assert [(f.position, f.column, f.message) for f in found] == [(2, "area", (
        "kommunalområdet «Kultur og innbyggerdialog» er ikke nevnt i tabellen Tiltak, som ikke nevner noen ennå."))]


def test_the_seven_dimensions_are_reference_data_and_other_dimensions_are_kept():
    assert dimensions.DIMENSIONS == ("Hyppig kommunikasjon", "Tidsriktig kommunikasjon", "Nøyaktig kommunikasjon",
                                     "Problemløsende kommunikasjon", "Felles mål", "Felles kunnskap",
                                     "Gjensidig respekt")
    assert "Gittell" in dimensions.SOURCE
    frames = collaboration_portfolio()
    changed("collaboration_scores", 11, dimension="Tillit mellom partene")(frames)
    assert problems_of(frames) == []
    assert sorted(["Tillit", "Gjensidig respekt", "Felles mål"], key=dimensions.order) == [
        "Felles mål", "Gjensidig respekt", "Tillit"]


def test_snapshots_without_the_collaboration_tables_still_validate():
    frames = collaboration_portfolio()
    assert problems_of({name: frames[name] for name in ("initiatives", "budgets", "milestones")}) == []


# -- the template and the round trip ---------------------------------------------------------

@pytest.fixture(scope="module")
def collaboration_store(tmp_path_factory) -> Store:
    """One snapshot of `collaboration_portfolio()`; the tests only read it (nothing they prepare is saved)."""
    store = Store(tmp_path_factory.mktemp("samhandling") / "data")
    store.write(collaboration_portfolio(), author="Kari Nordmann", note="Samhandling", base_id=None)
    return store


def frames_of(store: Store) -> dict[str, pd.DataFrame]:
    return store.read_frames(store.latest().snapshot_id)


def checks_of(sheet) -> dict:
    headers = [c.value for c in sheet[1]]
    found = {}
    for dv in sheet.data_validations.dataValidation:
        for cells_range in dv.sqref.ranges:
            found[headers[cells_range.min_col - 1]] = dv
    return found


def test_the_template_has_the_three_sheets_with_drop_downs_and_checks(collaboration_store):
    book = load_workbook(io.BytesIO(workbook.template_for(collaboration_store)))
    for name in schema.COLLABORATION_TABLES:
        sheet = book[texts.TABLE_LABELS[name]]
        assert [c.value for c in sheet[1]] == [texts.COLUMN_LABELS[name][c] for c in schema.TABLES[name].column_names]
        assert sheet.max_row == len(collaboration_portfolio()[name]) + 1
    lists = book[workbook.T.LISTS_SHEET]

    def listed(dv) -> list:
        return [c.value for row in lists[dv.formula1.split("!")[1].replace("$", "")] for c in row]

    engagements = checks_of(book["Medvirkning"])
    assert listed(engagements["Type"]) == list(schema.ENGAGEMENT_KINDS)
    count = engagements["Deltakere: innbyggere"]
    assert (count.type, count.operator, count.formula1, count.errorStyle) == ("whole", "greaterThanOrEqual", "0",
                                                                             "stop")
    assert engagements["Dato"].type == "date" and engagements["Offentlig"].type == "list"
    surveys = checks_of(book["Samhandlingsundersøkelser"])
    assert listed(surveys["Kommunalområde"]) == ["Helse og mestring", "Kultur og innbyggerdialog", "Oppvekst"]
    assert surveys["Kommunalområde"].errorStyle == "warning"
    assert listed(surveys["Måleinstrument"]) == [dimensions.INSTRUMENT] and not surveys["Måleinstrument"].showErrorMessage
    assert surveys["Tiltak-ID"].formula1.startswith("'Tiltak'!$A$2")
    scores = checks_of(book["Samhandlingsskårer"])
    mean = scores["Gjennomsnitt (1–5)"]
    assert (mean.type, mean.operator, mean.formula1, mean.formula2) == ("decimal", "between", "1", "5")
    assert listed(scores["Dimensjon"]) == list(dimensions.DIMENSIONS)
    assert not scores["Dimensjon"].showErrorMessage  # another instrument's dimension is kept
    link = scores["Undersøkelse-ID"]
    assert link.formula1.startswith("'Samhandlingsundersøkelser'!$A$2") and link.errorStyle == "warning"
    assert book["Samhandlingsskårer"]["C2"].value == 3.1 and book["Samhandlingsskårer"]["C2"].data_type == "n"
    text = "\n".join(str(c.value) for row in book[workbook.T.INSTRUCTIONS_SHEET].iter_rows() for c in row if c.value)
    assert "Samhandlingsundersøkelser" in text and "Tall fra 1 til 5, med desimalkomma" in text


def test_template_then_import_of_all_eleven_tables_is_no_change(collaboration_store):
    prepared = pipeline.prepare([Upload("mal.xlsx", workbook.template_for(collaboration_store))],
                                collaboration_store)
    assert prepared.ok, [str(p) for p in prepared.problems]
    assert prepared.unchanged
    assert {name: s.sheet for name, s in prepared.sources.items() if s.kind == "file"} == workbook.SHEET_NAMES
    assert {name for name, s in prepared.sources.items() if s.kind == "base"} == {n for n, t in schema.TABLES.items() if t.is_imported}


def test_csv_files_of_the_collaboration_tables_are_no_change(collaboration_store):
    frames = frames_of(collaboration_store)
    uploads = [Upload(f"{texts.TABLE_LABELS[n].lower()}.csv", badfiles.csv_bytes(n, frames[n], decimal_comma=True))
               for n in schema.COLLABORATION_TABLES]
    prepared = pipeline.prepare(uploads, collaboration_store)
    assert prepared.ok, [str(p) for p in prepared.problems]
    assert prepared.unchanged
    assert {prepared.sources[n].file for n in schema.COLLABORATION_TABLES} == {
        "medvirkning.csv", "samhandlingsundersøkelser.csv", "samhandlingsskårer.csv"}


def test_a_new_engagement_and_score_in_the_template_are_saved(collaboration_store):
    edited = badfiles.edit_template(workbook.template_for(collaboration_store), lambda book: (
        badfiles.set_cell("collaboration_scores", 2, "mean", "3,25")(book),  # typed as text, Norwegian style
        book["Medvirkning"].append(["e-3", "a", "seminar", "Seminar om relasjonell kapasitet",
                                    dt.date(2022, 4, 5), "Rådhuset", None, 2, 8, 30, None, None, None, "Nei"]),
        book["Samhandlingsskårer"].append(["s-a-2023", "Felles kunnskap", 3.3, 20]),
    ))
    prepared = pipeline.prepare([Upload("mal.xlsx", edited)], collaboration_store)
    assert prepared.ok, [str(p) for p in prepared.problems]
    frames = prepared.frames()
    assert frames["collaboration_scores"]["mean"].iloc[0] == 3.25
    new = frames["engagements"].set_index("engagement_id").loc["e-3"]
    assert (new["participants_staff"], new["held_on"], bool(new["is_public"])) == (30, dt.date(2022, 4, 5), False)
    assert pd.isna(new["participants_citizens"])
    assert len(frames["collaboration_scores"]) == 13
    assert [c.kind for c in pipeline.changes(prepared, collaboration_store, today=dt.date(2026, 11, 23))] == [
        "engagement_added", "collaboration_score_moved", "collaboration_score_changed"]


def test_a_workbook_without_the_collaboration_sheets_keeps_them_from_the_base(collaboration_store):
    before = frames_of(collaboration_store)
    old = badfiles.edit_template(workbook.template_for(collaboration_store), lambda book: [
        book.remove(book[workbook.SHEET_NAMES[name]]) for name in schema.COLLABORATION_TABLES])
    prepared = pipeline.prepare([Upload("gammel.xlsx", old)], collaboration_store)
    assert prepared.ok and prepared.unchanged, [str(p) for p in prepared.problems]
    for name in schema.COLLABORATION_TABLES:
        assert prepared.sources[name].kind == "base", name
        pd.testing.assert_frame_equal(prepared.frames()[name], before[name])


BAD_VALUES = (
    (badfiles.set_cell("collaboration_scores", 2, "mean", "høy"),
     "Fil «mal.xlsx», ark «Samhandlingsskårer», rad 2, kolonne «Gjennomsnitt (1–5)»: «høy» er ikke et tall. Skriv "
     "tallet med desimalkomma, for eksempel 12,5 eller 1 234,5."),
    (badfiles.set_cell("collaboration_scores", 3, "mean", 6),
     "Fil «mal.xlsx», ark «Samhandlingsskårer», rad 3, kolonne «Gjennomsnitt (1–5)»: «6» er utenfor gyldig område "
     "(1–5)."),
    (badfiles.set_cell("engagements", 2, "participants_citizens", 2.5),
     "Fil «mal.xlsx», ark «Medvirkning», rad 2, kolonne «Deltakere: innbyggere»: «2,5» har desimaler; skriv et helt "
     "tall."),
    (badfiles.set_cell("engagements", 2, "participants_leaders", "mange"),
     "Fil «mal.xlsx», ark «Medvirkning», rad 2, kolonne «Deltakere: ledere»: «mange» er ikke et heltall. Skriv et "
     "helt tall, 0 eller mer."),
    (badfiles.set_cell("collaboration_scores", 4, "survey_id", "s-9"),
     "Fil «mal.xlsx», ark «Samhandlingsskårer», rad 4, kolonne «Undersøkelse-ID»: «s-9» finnes ikke i tabellen "
     "Samhandlingsundersøkelser."),
    (badfiles.set_cell("engagements", 3, "is_public", "Ja"),
     "Fil «mal.xlsx», ark «Medvirkning», rad 3, kolonne «Offentlig»: medvirkningen kan ikke være offentlig når "
     "tiltaket «b» ikke er offentlig."),
    (badfiles.set_cell("collaboration_surveys", 2, "area", "Oppvekst"),
     "Fil «mal.xlsx», ark «Samhandlingsundersøkelser», rad 2, kolonne «Kommunalområde»: "
     + texts.VALIDATION["survey_unit_both"]),
)


def test_bad_values_in_the_file_are_each_refused_where_they_are_and_nothing_is_saved(collaboration_store):
    before = [m.snapshot_id for m in collaboration_store.list()]
    edited = badfiles.edit_template(workbook.template_for(collaboration_store),
                                    lambda book: [change(book) for change, _ in BAD_VALUES])
    prepared = pipeline.prepare([Upload("mal.xlsx", edited)], collaboration_store)
    assert sorted(str(p) for p in prepared.problems) == sorted(message for _, message in BAD_VALUES)
    assert pipeline.commit(prepared, collaboration_store, author="Kari", note="Feil").kind == "invalid"
    assert [m.snapshot_id for m in collaboration_store.list()] == before


# -- what is public -----------------------------------------------------------------------------

def test_only_a_public_engagements_public_columns_reach_the_projection(collaboration_store):
    projected = public.project(public.snapshot_reader(collaboration_store, collaboration_store.latest().snapshot_id))
    engagements = projected["engagements"]
    assert engagements.column_names == ["engagement_id", "initiative_id", "kind", "title", "held_on", "place"]
    assert engagements["engagement_id"].to_pylist() == ["e-1"]
    assert "collaboration_surveys" not in projected and "collaboration_scores" not in projected
    assert not {"collaboration_surveys", "collaboration_scores"} & set(public.PUBLIC_TABLES)
    for column in (*schema.PARTICIPANT_COLUMNS, "note"):
        assert not schema.ENGAGEMENTS.column(column).public, column
