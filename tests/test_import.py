"""Data updates from files: the bad-file corpus, round trips, CSV as Norwegian
Excel saves it, the command line's exit codes, kill -9 and concurrent commits.
Real files, real snapshot folders."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pandas as pd
import pytest

import badfiles
from conftest import (
    DEMO_DATA,
    ROOT,
    budget,
    check_whole,
    copy_store,
    initiative,
    kill_9_after,
    lake_counts,
    milestone,
    run_portfolio,
    small_portfolio,
    tables,
)
from portfolio import cli
from portfolio.ingest import cells, pipeline
from portfolio.ingest import template as workbook
from portfolio.ingest.reading import Upload
from portfolio.model import schema
from portfolio.store.snapshots import Store

EVIL = {
    "script": "<script>alert('x')</script>",
    "hyperlink": '=HYPERLINK("http://evil.example","klikk")',
    "long": ("æøå" * 2000)[: schema.LONG_TEXT],  # as long as a comment may be: 5 000 characters
    "emoji": "Emoji 🚀🟢 og æøå ÆØÅ",
    "plus": "+47 38 07 50 00",
    "minus": "-2 i avvik",
    "at": "@SUM(A1)",
    "quote": "'sitat' med apostrof",
    "markdown": "**fet** [lenke](javascript:alert(1)) :red[rød]",
}


def evil_portfolio() -> dict:
    return tables(
        [
            initiative("evil", name=EVIL["hyperlink"], status_summary=EVIL["script"], comment_risk=EVIL["long"],
                       project_owner=EVIL["emoji"], comment_budget=EVIL["plus"], comment_quality=EVIL["minus"],
                       comment_schedule=EVIL["at"], project_leader=EVIL["quote"], url=EVIL["markdown"],
                       is_public=True, public_summary=EVIL["script"] + " " + EVIL["emoji"],
                       partners=["<b>UiA</b>", "=1+1", "Ålesund 🚀"], collaborating_areas=["Helse og mestring"]),
            initiative("plain", parent_id="evil"),
        ],
        [budget("evil", note=EVIL["hyperlink"]), budget("plain", year=2025, forecast_nok=10)],
        [milestone("m-1", "evil", title=EVIL["emoji"], note=EVIL["at"], kind="beslutningspunkt",
                   decision_point="BP2", completed_date=dt.date(2026, 11, 1))],
    )


def sample_store(root: Path, data: dict | None = None) -> Store:
    store = Store(root)
    store.write(data or small_portfolio(3), author="Kari Nordmann", note="Start", base_id=None)
    return store


def frames_of(store: Store) -> dict[str, pd.DataFrame]:
    return store.read_frames(store.latest().snapshot_id)


def run_cli(*args: str, data: Path) -> subprocess.CompletedProcess:
    """The command line in this process (conftest.run_portfolio)."""
    return run_portfolio(*args, env={"PORTFOLIO_DATA": str(data), "PORTFOLIO_TODAY": "2026-11-23"})


def run_cli_process(*args: str, data: Path) -> subprocess.CompletedProcess:
    """`python -m portfolio` as its own process, as a user runs it."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PORTFOLIO_DATA": str(data), "PORTFOLIO_TODAY": "2026-11-23"}
    return subprocess.run([sys.executable, "-m", "portfolio", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=300)


# -- the corpus of bad files ---------------------------------------------------------

@pytest.fixture(scope="module")
def corpus_env(tmp_path_factory):
    root = tmp_path_factory.mktemp("corpus") / "data"
    store = sample_store(root)
    template = workbook.template_for(store)
    return root, badfiles.corpus(template, frames_of(store))


def test_every_bad_file_is_rejected_with_a_located_norwegian_message_and_nothing_written(
        corpus_env, tmp_path, monkeypatch, capsys):
    root, cases = corpus_env
    assert len(cases) >= 20
    assert len({c.case for c in cases}) == len(cases)
    monkeypatch.setenv("PORTFOLIO_DATA", str(root))
    store = Store(root)
    before = [m.snapshot_id for m in store.list()]
    failures = []
    for case in cases:
        folder = tmp_path / case.case
        folder.mkdir()
        paths = []
        for name, data in case.files:
            (folder / name).write_bytes(data)
            paths.append(str(folder / name))
        code = cli.main(["import", *paths, "--author", "Kari", "--note", "Oppdatering"])
        output = capsys.readouterr()
        lines = [line.strip() for line in output.err.splitlines()]
        if code != 1:
            failures.append((case.case, f"exit code {code}"))
        if "Traceback" in output.err + output.out:
            failures.append((case.case, "traceback"))
        if not any(all(piece in line for piece in case.expect) for line in lines):
            failures.append((case.case, case.expect, lines))
        if [m.snapshot_id for m in store.list()] != before:
            failures.append((case.case, "a snapshot was written"))
    assert not failures, failures
    assert set(lake_counts(store, "initiatives")) == set(before)


def test_the_first_line_says_how_many_problems_and_every_problem_is_listed(corpus_env):
    root, cases = corpus_env
    case = next(c for c in cases if c.case == "bad_slug")
    prepared = pipeline.prepare([Upload(n, d) for n, d in case.files], Store(root))
    assert not prepared.ok and prepared.tables is None
    # the bad id, and every row that now points at a missing initiative
    messages = [str(p) for p in prepared.problems]
    assert any("ark «Tiltak», rad 2" in m for m in messages)
    assert any("ark «Budsjett», rad 2" in m and "tiltak-0" in m for m in messages)
    assert any("ark «Milepæler», rad 2" in m and "tiltak-0" in m for m in messages)
    outcome = pipeline.commit(prepared, Store(root), author="Kari", note="n")
    assert outcome.kind == "invalid" and outcome.exit_code == 1


# -- round trips ---------------------------------------------------------------------

def copy_demo(tmp_path) -> Path:
    return copy_store(DEMO_DATA, tmp_path / "demo")


def test_template_then_import_of_the_same_data_is_no_change(tmp_path):
    store = Store(copy_demo(tmp_path))
    for meta in (store.list()[2], store.latest()):
        prepared = pipeline.prepare([Upload("mal.xlsx", workbook.template_for(store, meta.snapshot_id))], store)
        assert prepared.ok, [str(p) for p in prepared.problems]
        assert prepared.base == meta
        assert prepared.unchanged
        outcome = pipeline.commit(prepared, store, author="Kari", note="Ingenting")
        assert outcome.kind == "unchanged" and outcome.exit_code == 0
        assert "Ingen endringer" in outcome.message
    assert len(store.list()) == len(Store(DEMO_DATA).list())


def test_template_round_trip_on_large_generated_data(large_data, tmp_path):
    """The round trip is exact on large data, and its time grows at most
    linearly with the rows. The time is compared with the same round trip on
    the demo data, measured in the same run on the same (possibly loaded)
    machine: no absolute number of seconds. (With ~350 times the demo's rows,
    a step that grows quadratically would exceed the bound a hundredfold; the
    factor 2 leaves room for the load to change between the two measurements.)"""

    def round_trip(store: Store):
        started = time.perf_counter()
        prepared = pipeline.prepare([Upload("mal.xlsx", workbook.template_for(store))], store)
        return prepared, time.perf_counter() - started

    demo = Store(DEMO_DATA)
    demo_prepared, demo_elapsed = round_trip(demo)
    assert demo_prepared.ok and demo_prepared.unchanged
    root = tmp_path / "large"
    shutil.copytree(large_data, root)
    store = Store(root)
    prepared, elapsed = round_trip(store)
    assert prepared.ok and prepared.unchanged, [str(p) for p in prepared.problems[:5]]
    assert prepared.row_counts() == store.latest().row_counts
    rows = sum(store.latest().row_counts.values()) / sum(demo.latest().row_counts.values())
    assert elapsed < 2 * rows * demo_elapsed, (elapsed, demo_elapsed, rows)


def test_evil_text_round_trips_exactly_through_the_template(tmp_path):
    store = sample_store(tmp_path / "data", evil_portfolio())
    template = workbook.template_for(store)
    prepared = pipeline.prepare([Upload("mal.xlsx", template)], store)
    assert prepared.ok, [str(p) for p in prepared.problems]
    assert prepared.unchanged
    # change one status in the workbook: the new snapshot keeps every evil value exactly
    edited = badfiles.edit_template(template, badfiles.set_cell("initiatives", 3, "status_overall", "rød"))
    prepared = pipeline.prepare([Upload("mal.xlsx", edited)], store)
    outcome = pipeline.commit(prepared, store, author="Kari", note="Status")
    assert outcome.kind == "saved", outcome.message
    old, new = store.read_frames(store.list()[0].snapshot_id), frames_of(store)
    row = new["initiatives"].set_index("initiative_id").loc["evil"]
    assert row["name"] == EVIL["hyperlink"]
    assert row["comment_risk"] == EVIL["long"] and len(row["comment_risk"]) == 5_000
    assert row["project_owner"] == EVIL["emoji"]
    assert row["url"] == EVIL["markdown"]
    assert list(row["partners"]) == ["<b>UiA</b>", "=1+1", "Ålesund 🚀"]
    assert new["initiatives"].set_index("initiative_id").loc["plain", "status_overall"] == "rød"
    assert store.latest().content_hash != store.list()[0].content_hash
    for name in ("budgets", "milestones"):
        pd.testing.assert_frame_equal(old[name], new[name])


def test_the_workbook_stores_formula_like_text_as_text(tmp_path):
    import io

    from openpyxl import load_workbook

    store = sample_store(tmp_path / "data", evil_portfolio())
    book = load_workbook(io.BytesIO(workbook.template_for(store)))
    sheet = book[workbook.SHEET_NAMES["initiatives"]]
    cell = sheet.cell(row=2, column=badfiles.column_index(sheet, "Navn"))
    assert cell.value == EVIL["hyperlink"] and cell.data_type == "s"


# -- CSV as Norwegian Excel saves it ----------------------------------------------------

def plain_portfolio() -> dict:
    """Text that Windows-1252 can hold (no emoji), with æøå, formula-like text,
    amounts over a thousand, numbers with decimals and an apostrophe; every
    table has rows."""
    data = tables(
        [initiative("a", name="Bølgen på Sørlandet", status_summary="=SUM(A1) er ikke en formel",
                    partners=["Universitetet i Agder", "Kristiansand Næringsforening"],
                    focus_areas=["innbyggerdialog", "tjenestene"], comment_risk="'sitat'"),
         initiative("b", parent_id="a", is_public=True, public_summary="Åpent for alle – også på søndager.")],
        [budget("a", budget_nok=1_234_567, actual_nok=250_000, forecast_nok=1_300_000),
         budget("b", year=2025, note="-5 % kutt")],
        [milestone("m-a", "a", completed_date=dt.date(2026, 3, 31), note="+1 dag")],
    )
    data.update(
        decisions=pd.DataFrame([dict(
            decision_id="kdl-2021-10-18", initiative_id="b", decided_on=dt.date(2021, 10, 18), body="KDL",
            decision_point="BP1", title="Mandat for konseptfasen", text="=Styringsdokument innen årsskiftet",
            case_number="21/12345", is_public=True)]),
        checklist_answers=pd.DataFrame([dict(initiative_id="a", decision_point="BP1", item_no=6, question=None,
                                             answer="Delvis – bevilget årlig 300 000", comment="'ja'")]),
        risks=pd.DataFrame([dict(
            risk_id="r-1", initiative_id="a", title="Få søkere", description=None, category="økonomi",
            probability=4, consequence=5, owner="Eier", mitigation="-Mer markedsføring", status="åpen",
            strategy="redusere", identified_on=dt.date(2024, 2, 1), review_by=dt.date(2026, 12, 1),
            residual_probability=2, residual_consequence=None)]),
        benefits=pd.DataFrame([dict(
            benefit_id="g-1", initiative_id="b", title="Færre henvendelser", kind="direkte", owner=None,
            indicator="Henvendelser per måned", unit="antall", baseline=1234.75, baseline_on=dt.date(2022, 1, 1),
            target=12.5, target_on=dt.date(2027, 1, 1), is_public=True)]),
        benefit_measurements=pd.DataFrame([
            dict(benefit_id="g-1", measured_on=dt.date(2023, 1, 1), value=1000.25, comment=None),
            dict(benefit_id="g-1", measured_on=dt.date(2024, 1, 1), value=0.5, comment="+ok")]),
        engagements=pd.DataFrame([dict(
            engagement_id="dialogmote-lund", initiative_id="b", kind="dialogmøte", title="Dialogmøte på Lund – «Sammen»",
            held_on=dt.date(2021, 10, 27), place="Kristiansand folkebibliotek", participants_citizens=1234,
            participants_politicians=3, participants_leaders=None, participants_staff=12, participants_volunteers=0,
            participants_business=None, participants_other=None, is_public=True, note="=ikke en formel")]),
        collaboration_surveys=pd.DataFrame([
            dict(survey_id="rk-a-2023", initiative_id="a", area=None, conducted_on=dt.date(2023, 3, 1),
                 respondent_group="ansatte", respondents=18, instrument="Relasjonell koordinering (Gittell)"),
            dict(survey_id="rk-oppvekst-2023", initiative_id=None, area="Oppvekst", conducted_on=dt.date(2023, 5, 2),
                 respondent_group="ledere", respondents=3, instrument="Eget skjema")]),
        collaboration_scores=pd.DataFrame([
            dict(survey_id="rk-a-2023", dimension="Felles mål", mean=3.75, n=18),
            dict(survey_id="rk-oppvekst-2023", dimension="Gjensidig respekt", mean=4.5, n=3)]),
    )
    return data


CSV_NAMES = {"initiatives": "tiltak.csv", "budgets": "budsjett.csv", "milestones": "milepæler.csv",
             "decisions": "vedtak.csv", "checklist_answers": "sjekkliste.csv", "risks": "risiko.csv",
             "benefits": "gevinster.csv", "benefit_measurements": "gevinstmålinger.csv",
             "engagements": "medvirkning.csv", "collaboration_surveys": "samhandlingsundersøkelser.csv",
             "collaboration_scores": "samhandlingsskårer.csv"}


def csv_uploads(frames, names=CSV_NAMES, **options) -> list[Upload]:
    return [Upload(names[t], badfiles.csv_bytes(t, frames[t], **options)) for t in names]


@pytest.mark.parametrize("options", [
    pytest.param(dict(encoding="cp1252", sep=";", decimal_comma=True), id="windows-1252-semicolon-decimal-comma"),
    pytest.param(dict(encoding="cp1252", sep=";", grouping=True), id="windows-1252-thousands-with-no-break-space"),
    pytest.param(dict(encoding="utf-8-sig", sep=";", decimal_comma=True), id="utf-8-bom-semicolon"),
    pytest.param(dict(encoding="utf-8", sep=",", decimal_comma=False, english_headers=True), id="utf-8-comma-english"),
    pytest.param(dict(encoding="utf-16", sep="\t", decimal_comma=False), id="utf-16-tab"),
])
def test_csv_variants_of_the_same_data_are_no_change(tmp_path, options):
    store = sample_store(tmp_path / "data", plain_portfolio())
    uploads = csv_uploads(frames_of(store), **options)
    prepared = pipeline.prepare(uploads, store)
    assert prepared.ok, [str(p) for p in prepared.problems]
    assert prepared.unchanged


def test_the_apostrophe_before_formula_like_text_is_removed_and_others_kept(tmp_path):
    store = sample_store(tmp_path / "data", plain_portfolio())
    data = badfiles.csv_bytes("initiatives", frames_of(store)["initiatives"])
    assert b"'=SUM(A1)" in data and b"'sitat'" in data
    prepared = pipeline.prepare([Upload("tiltak.csv", data)], store)
    assert prepared.ok and prepared.unchanged
    row = prepared.frames()["initiatives"].set_index("initiative_id").loc["a"]
    assert row["status_summary"] == "=SUM(A1) er ikke en formel"
    assert row["comment_risk"] == "'sitat'"


def test_the_table_is_known_from_the_header_row_when_the_name_does_not_say(tmp_path):
    store = sample_store(tmp_path / "data", plain_portfolio())
    names = {"initiatives": "eksport (1).csv", "budgets": "Ark2.csv", "milestones": "x.csv",
             "decisions": "Ark4.csv", "checklist_answers": "eksport (2).csv", "risks": "data.csv",
             "benefits": "y.csv", "benefit_measurements": "z.csv", "engagements": "Ark9.csv",
             "collaboration_surveys": "eksport (3).csv", "collaboration_scores": "w.csv"}
    frames = {name: frame for name, frame in frames_of(store).items() if name in names}
    prepared = pipeline.prepare(csv_uploads(frames, names=names), store)
    assert prepared.ok and prepared.unchanged, [str(p) for p in prepared.problems]
    assert {t: s.file for t, s in prepared.sources.items() if s.kind == "file"} == names


def test_a_single_csv_changes_its_table_and_keeps_the_others(tmp_path):
    store = sample_store(tmp_path / "data", plain_portfolio())
    frames = frames_of(store)
    budgets = frames["budgets"].copy()
    budgets.loc[0, "actual_nok"] = 300_000
    prepared = pipeline.prepare([Upload("budsjett.csv", badfiles.csv_bytes("budgets", budgets, grouping=True))], store)
    assert prepared.ok, [str(p) for p in prepared.problems]
    assert prepared.sources["initiatives"].kind == "base"
    changes = pipeline.changes(prepared, store, today=dt.date(2026, 11, 23))
    assert [(c.table, c.field, c.old, c.new) for c in changes] == [("budgets", "actual_nok", 250_000, 300_000)]
    outcome = pipeline.commit(prepared, store, author="Kari", note="Regnskap")
    assert outcome.kind == "saved"
    assert outcome.meta.base_id == store.list()[0].snapshot_id
    new = frames_of(store)
    pd.testing.assert_frame_equal(new["initiatives"], frames["initiatives"])
    assert new["budgets"].loc[0, "actual_nok"] == 300_000


def test_a_csv_that_breaks_a_reference_in_a_kept_table_is_reported_there(tmp_path):
    store = sample_store(tmp_path / "data", plain_portfolio())
    initiatives = frames_of(store)["initiatives"]
    only_a = initiatives[initiatives["initiative_id"] == "a"]
    prepared = pipeline.prepare([Upload("tiltak.csv", badfiles.csv_bytes("initiatives", only_a))], store)
    assert not prepared.ok
    assert any("Tabell «Budsjett» (uendret fra øyeblikksbildet" in str(p) and "«b»" in str(p)
               for p in prepared.problems), [str(p) for p in prepared.problems]


# -- the command line ---------------------------------------------------------------------

def test_cli_exit_codes_valid_invalid_saved_unchanged_conflict_restore(tmp_path):
    data = tmp_path / "data"
    store = sample_store(data, plain_portfolio())
    base = store.latest()

    template = tmp_path / "mal.xlsx"
    result = run_cli("template", str(template), data=data)
    assert result.returncode == 0, result.stderr
    assert base.snapshot_id in result.stdout

    result = run_cli("validate", str(template), data=data)
    assert result.returncode == 0 and "Filene er gyldige" in result.stdout

    bad = tmp_path / "feil.xlsx"
    bad.write_bytes(badfiles.edit_template(template.read_bytes(), badfiles.set_cell("initiatives", 2, "phase", "Ferdig")))
    result = run_cli("validate", str(bad), data=data)
    assert result.returncode == 1
    assert "Fil «feil.xlsx», ark «Tiltak», rad 2, kolonne «Fase»" in result.stderr
    assert "Traceback" not in result.stderr

    result = run_cli("import", str(template), "--author", "Kari", "--note", "Ingenting", data=data)
    assert result.returncode == 0 and "Ingen endringer" in result.stdout
    assert len(Store(data).list()) == 1

    changed = tmp_path / "endret.xlsx"
    changed.write_bytes(badfiles.edit_template(template.read_bytes(),
                                               badfiles.set_cell("initiatives", 2, "status_overall", "rød")))
    result = run_cli("import", str(changed), "--author", "Kari", "--note", "Rød status", data=data)
    assert result.returncode == 0, result.stderr
    assert "Statusendring: 1" in result.stdout and "Lagret nytt øyeblikksbilde" in result.stdout
    saved = Store(data).latest()
    assert (saved.author, saved.note, saved.base_id) == ("Kari", "Rød status", base.snapshot_id)

    # the same file again: its base is no longer the latest -> conflict, nothing written
    other = tmp_path / "annen.xlsx"
    other.write_bytes(badfiles.edit_template(template.read_bytes(),
                                             badfiles.set_cell("initiatives", 3, "phase", "Avslutte")))
    result = run_cli("import", str(other), "--author", "Ola", "--note", "Fase", data=data)
    assert result.returncode == 3, result.stdout + result.stderr
    assert "Konflikt" in result.stderr and "Kari" in result.stderr and "Ingenting er lagret" in result.stderr
    assert Store(data).latest() == saved

    result = run_cli("restore", base.snapshot_id, "--author", "Kari", "--note", "Tilbake", data=data)
    assert result.returncode == 0, result.stderr
    restored = Store(data).latest()
    assert restored.content_hash == base.content_hash and restored.base_id == saved.snapshot_id
    assert len(Store(data).list()) == 3  # history is never rewritten

    result = run_cli("restore", "20000101T000000.000Z", "--author", "Kari", "--note", "x", data=data)
    assert result.returncode == 2 and "Fant ikke" in result.stderr
    result = run_cli("template", str(tmp_path / "x.xlsx"), "--snapshot", "finnes-ikke", data=data)
    assert result.returncode == 2
    result = run_cli_process("import", str(changed), data=data)  # the exit code of the process itself
    assert result.returncode == 2 and "--author" in result.stderr  # argparse, in Norwegian
    assert "disse argumentene mangler" in result.stderr


def test_cli_import_of_csv_files_and_an_explicit_base(tmp_path):
    data = tmp_path / "data"
    store = sample_store(data, plain_portfolio())
    first = store.latest()
    frames = frames_of(store)
    for upload in csv_uploads(frames, encoding="cp1252"):
        (tmp_path / upload.name).write_bytes(upload.data)
    budgets = frames["budgets"].copy()
    budgets.loc[1, "budget_nok"] = 99_000
    (tmp_path / "budsjett.csv").write_bytes(badfiles.csv_bytes("budgets", budgets, encoding="cp1252"))
    files = [str(tmp_path / n) for n in CSV_NAMES.values()]
    result = run_cli("import", *files, "--author", "Kari", "--note", "CSV", "--base", first.snapshot_id, data=data)
    assert result.returncode == 0, result.stderr
    assert "Budsjettendring: 1" in result.stdout
    result = run_cli("import", *files, "--author", "Kari", "--note", "CSV", "--base", first.snapshot_id, data=data)
    assert result.returncode == 3
    result = run_cli("validate", *files, "--base", "finnes-ikke", data=data)
    assert result.returncode == 1 and "finnes-ikke" in result.stderr


def test_a_template_of_no_data_is_an_empty_workbook_that_validates_as_missing_nothing(tmp_path):
    empty = tmp_path / "tom"
    result = run_cli("template", str(tmp_path / "tom.xlsx"), data=empty)
    assert result.returncode == 0 and "tom mal" in result.stdout
    result = run_cli("validate", str(tmp_path / "tom.xlsx"), data=empty)
    assert result.returncode == 0, result.stderr  # three empty tables are valid
    assert "Traceback" not in result.stderr


# -- reliability: kill -9 and two imports at once ----------------------------------------

IMPORTER = textwrap.dedent(
    """
    import os
    import sys
    sys.path[:0] = [{root!r}, {tests!r}]
    import badfiles
    from portfolio.ingest import pipeline
    from portfolio.ingest import template as workbook
    from portfolio.ingest.reading import Upload
    from portfolio.store.snapshots import Store
    store = Store({data!r})
    for i in range(1000):
        template = workbook.template_for(store)
        edited = badfiles.edit_template(template, badfiles.set_cell("budgets", 2, "actual_nok", os.getpid() * 1000 + i))
        prepared = pipeline.prepare([Upload("mal.xlsx", edited)], store)
        outcome = pipeline.commit(prepared, store, author="importer", note=str(i))
        assert outcome.kind == "saved", outcome.message
        print(i, flush=True)
    """
)


def test_kill_9_during_imports_leaves_only_complete_snapshots(tmp_path, kill_rng):
    data = tmp_path / "data"
    sample_store(data, small_portfolio(60))
    code = IMPORTER.format(root=str(ROOT), tests=str(ROOT / "tests"), data=str(data))
    checked: set[str] = set()

    for _ in range(5):
        proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
        # the importer has committed once (however long starting took on a busy
        # machine); then kill -9 at a random moment of the following imports
        assert proc.stdout.readline().strip() == "0"
        kill_9_after(proc, kill_rng.uniform(0.0, 3.0))
        proc.stdout.close()
        # after each kill: the snapshots this round listed are complete (older ones were checked already)
        store = Store(data)
        new = [m for m in store.list() if m.snapshot_id not in checked]
        check_whole(store, new)
        checked.update(m.snapshot_id for m in new)
    store = Store(data)
    check_whole(store)  # and at the end, every one again: a kill never touched an older one
    assert len(store.list()) > 2  # the importer really committed between kills
    # the next import works and cleans up what the killed ones left
    template = workbook.template_for(store)
    edited = badfiles.edit_template(template, badfiles.set_cell("budgets", 2, "actual_nok", 7))
    outcome = pipeline.commit(pipeline.prepare([Upload("mal.xlsx", edited)], store), store, author="a", note="etter")
    assert outcome.kind == "saved"
    assert set(lake_counts(store, "initiatives")) == {m.snapshot_id for m in store.list()}


def test_two_imports_on_the_same_base_at_the_same_time_exactly_one_commits(tmp_path):
    data = tmp_path / "data"
    store = sample_store(data, small_portfolio(40))
    template = workbook.template_for(store)
    paths = []
    for i, status in enumerate(("rød", "gul")):
        path = tmp_path / f"endring-{i}.xlsx"
        path.write_bytes(badfiles.edit_template(template, badfiles.set_cell("initiatives", 2, "status_overall", status)))
        paths.append(path)
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PORTFOLIO_DATA": str(data)}
    procs = [
        subprocess.Popen([sys.executable, "-m", "portfolio", "import", str(p), "--author", f"a{i}", "--note", "n"],
                         cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for i, p in enumerate(paths)
    ]
    results = [(p.wait(timeout=120), p.stdout.read(), p.stderr.read()) for p in procs]
    codes = sorted(r[0] for r in results)
    assert codes == [0, 3], results
    loser = next(r for r in results if r[0] == 3)
    assert "Konflikt" in loser[2]
    metas = Store(data).list()
    assert len(metas) == 2 and metas[-1].base_id == metas[0].snapshot_id


def test_two_commits_in_threads_on_the_same_base_exactly_one_wins(tmp_path):
    store = sample_store(tmp_path / "data", small_portfolio(30))
    template = workbook.template_for(store)
    prepared = [
        pipeline.prepare([Upload("mal.xlsx", badfiles.edit_template(
            template, badfiles.set_cell("budgets", 2, "actual_nok", amount)))], Store(store.root))
        for amount in (1, 2, 3, 4)
    ]
    barrier = threading.Barrier(len(prepared))
    outcomes = []

    def run(p):
        barrier.wait()
        outcomes.append(pipeline.commit(p, Store(store.root), author="a", note="n"))

    threads = [threading.Thread(target=run, args=(p,)) for p in prepared]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(o.kind for o in outcomes) == ["conflict", "conflict", "conflict", "saved"]
    assert len(store.list()) == 2


# -- parsing single cells --------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("22.11.2026", dt.date(2026, 11, 22)), ("2.3.2026", dt.date(2026, 3, 2)), ("2026-11-22", dt.date(2026, 11, 22)),
    ("22/11/2026", dt.date(2026, 11, 22)), ("22.11.26", dt.date(2026, 11, 22)),
    ("22.11.2026 00:00", dt.date(2026, 11, 22)), ("31.02.2026", None), ("i morgen", None), ("", None),
])
def test_dates_as_norwegians_write_them(text, expected):
    assert cells.parse_date(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("250000", (250_000, None)), ("250 000", (250_000, None)), ("250\u00a0000", (250_000, None)),
    ("1.234.567", (1_234_567, None)), ("250000,00", (250_000, None)), ("250 000 kr", (250_000, None)),
    ("kr 5", (5, None)), ("−5", (-5, None)), ("12,5", (None, "not_whole")), ("mange", (None, "int")),
    (12.0, (12, None)), (12.5, (None, "not_whole")), (True, (None, "int")),
])
def test_amounts_as_norwegians_write_them(text, expected):
    assert cells.parse_int(text) == expected


def test_list_cells_split_on_semicolons_and_understand_commas_between_known_values():
    focus = schema.INITIATIVES.column("focus_areas")
    partners = schema.INITIATIVES.column("partners")
    assert cells.parse_cell(focus, "innbyggerdialog; tjenestene") == (["innbyggerdialog", "tjenestene"], None)
    assert cells.parse_cell(focus, "innbyggerdialog, tjenestene") == (["innbyggerdialog", "tjenestene"], None)
    assert cells.parse_cell(partners, "Agder, Norge; UiA") == (["Agder, Norge", "UiA"], None)
    assert cells.parse_cell(partners, None) == ([], None)


# -- the two workbook readers: calamine for values, openpyxl's XML reader for the rest ------------

def read_both(files: list[tuple[str, bytes]], monkeypatch):
    """What the reader makes of `files`: with calamine for the plain sheets
    (as the app reads), and with every sheet read by the XML reader."""
    from portfolio.ingest import sheet_scan

    uploads = [Upload(n, d) for n, d in files]
    usual = pipeline.read_files(uploads)
    with monkeypatch.context() as m:
        m.setattr(sheet_scan, "scan_sheet", lambda xml, max_columns: None)  # ScanAhead's scan: no sheet is plain
        exact = pipeline.read_files(uploads)
    return usual, exact


def assert_same_reading(usual, exact):
    assert [str(p) for p in usual.problems] == [str(p) for p in exact.problems]
    assert usual.cells_read == exact.cells_read and usual.base_ids == exact.base_ids
    assert usual.tables.keys() == exact.tables.keys()
    for name, data in usual.tables.items():
        other = exact.tables[name]
        assert data.rows == other.rows and data.bad_cells == other.bad_cells, name
        assert data.missing_columns == other.missing_columns and data.labels == other.labels, name
        pd.testing.assert_frame_equal(data.frame, other.frame, check_dtype=True, obj=name)


def every_cell_type(template: bytes, first_id: str) -> bytes:
    """The template saved by openpyxl (shared strings, dates as numbers) with
    every kind of cell in it: whole and decimal numbers, a number as text,
    dates with and without a time, a time, Yes/No words and booleans, text
    with spaces around it, only spaces, 5 001 characters, emoji, a merged
    cell, errors, formulas with and without Excel's computed value, a hidden
    sheet that names no table, and rows after a gap."""
    import datetime as dt

    def change(book):
        tl = lambda c: badfiles.label("initiatives", c)  # noqa: E731
        s = book[workbook.SHEET_NAMES["initiatives"]]
        col = {c.value: c.column for c in s[1]}
        s.cell(row=2, column=col[tl("name")]).value = "  Navn med mellomrom  "
        s.cell(row=2, column=col[tl("start_date")]).value = dt.datetime(2026, 3, 1, 12, 30)
        s.cell(row=2, column=col[tl("end_date")]).value = dt.date(2027, 1, 1)
        s.cell(row=3, column=col[tl("start_date")]).value = dt.time(8, 15)
        s.cell(row=2, column=col[tl("is_public")]).value = False
        s.cell(row=3, column=col[tl("is_public")]).value = True
        s.cell(row=2, column=col[tl("comment_risk")]).value = "x" * 5001
        s.cell(row=3, column=col[tl("comment_quality")]).value = "   "
        s.cell(row=3, column=col[tl("status_summary")]).value = "Emoji 🚀 og æøå ÆØÅ"
        s.cell(row=4, column=col[tl("url")]).value = 12.0
        s.cell(row=4, column=col[tl("comment_budget")]).value = 12.5
        s.merge_cells(start_row=4, start_column=col[tl("comment_schedule")], end_row=5,
                      end_column=col[tl("comment_schedule")] + 1)
        b = book[workbook.SHEET_NAMES["budgets"]]
        bcol = {c.value: c.column for c in b[1]}
        b.cell(row=2, column=bcol["Budsjett (kr)"]).value = "#REF!"
        b.cell(row=2, column=bcol["Regnskap (kr)"]).value = 12.5
        b.cell(row=3, column=bcol["Regnskap (kr)"]).value = "1 234"
        b.cell(row=3, column=bcol["År"]).value = 2026.0
        b.cell(row=30, column=bcol["Tiltak-ID"]).value = first_id
        b.cell(row=30, column=bcol["År"]).value = "i fjor"
        hidden = book.create_sheet("Notater")
        hidden["A1"] = "en skjult lapp"
        hidden.sheet_state = "hidden"

    edited = badfiles.edit_template(template, change)
    computed = ('<row r="60"><c r="A60" t="str"><f>CONCAT("a","b")</f><v>ab</v></c>'
                '<c r="B60" t="e"><v>#DIV/0!</v></c><c r="C60"><f>1+1</f><v>2</v></c>'
                '<c r="D60" t="b"><v>1</v></c><c r="F60" t="e"><f>NA()</f><v>#N/A</v></c></row>')
    return badfiles.rewrite_sheet(edited, workbook.SHEET_NAMES["milestones"], badfiles.add_rows(computed))


def test_calamine_and_openpyxl_read_the_demo_template_alike(monkeypatch):
    template = workbook.template_for(Store(DEMO_DATA))
    usual, exact = read_both([("mal.xlsx", template)], monkeypatch)
    assert not usual.problems and set(usual.tables) == set(schema.TYPED_TABLES)
    assert_same_reading(usual, exact)
    saved_by_openpyxl = badfiles.edit_template(template, lambda book: None)  # shared strings, date numbers
    assert_same_reading(*read_both([("mal.xlsx", saved_by_openpyxl)], monkeypatch))


def test_calamine_and_openpyxl_read_every_kind_of_cell_alike(tmp_path, monkeypatch):
    store = sample_store(tmp_path / "data")
    template = workbook.template_for(store)
    data = every_cell_type(template, frames_of(store)["initiatives"]["initiative_id"].iloc[0])
    usual, exact = read_both([("alt.xlsx", data)], monkeypatch)
    assert_same_reading(usual, exact)
    found = [str(p) for p in usual.problems]
    assert "Fil «alt.xlsx», ark «Budsjett», rad 2, kolonne «Budsjett (kr)»: cellen inneholder en feil fra Excel (#REF!)." \
        in found, found
    assert any("rad 30, kolonne «År»" in m and "«i fjor»" in m for m in found), found
    assert any("ark «Milepæler», rad 60" in m for m in found), found
    assert any("ark «Notater»" in m and "arket er ukjent" in m for m in found), found
    frame = usual.tables["initiatives"].frame
    assert frame.loc[0, "name"] == "Navn med mellomrom" and frame.loc[0, "start_date"] == dt.date(2026, 3, 1)
    assert frame.loc[1, "comment_quality"] is None and frame.loc[1, "status_summary"] == "Emoji 🚀 og æøå ÆØÅ"
    assert frame.loc[0, "comment_risk"] == "x" * 5001 and frame.loc[2, "url"] == "12"
    # the same problems, whole, through the pipeline
    prepared = pipeline.prepare([Upload("alt.xlsx", data)], store)
    assert not prepared.ok and [str(p) for p in prepared.problems][:len(found)] == found


def template_sheets(data: bytes) -> list[tuple[str, str]]:
    """(title, part) of a workbook's sheets, in its order."""
    from portfolio.ingest.excel_reader import Book
    from portfolio.ingest.grid import Budget
    from portfolio.ingest.reading import Limits

    book = Book(data, Budget(Limits()))
    try:
        return list(book.sheets)
    finally:
        book.close()


class LoadSpy:
    """python-calamine's workbook, noting each sheet calamine is asked to read."""

    def __init__(self, book, asked: list[str]):
        self.book, self.asked = book, asked

    def get_sheet_by_name(self, name):
        self.asked.append(name)
        return self.book.get_sheet_by_name(name)

    def close(self):
        self.book.close()


def spy_on_calamine(monkeypatch) -> list[str]:
    from portfolio.ingest import calamine_values

    asked: list[str] = []
    opened = calamine_values.open_calamine
    monkeypatch.setattr(calamine_values, "open_calamine", lambda data: (lambda b: b and LoadSpy(b, asked))(opened(data)))
    return asked


def test_the_values_of_a_plain_workbook_are_read_by_calamine(monkeypatch, tmp_path):
    """The demo template never reaches openpyxl's cell reader (sheet_rows):
    calamine reads every value, and calamine was asked for every sheet read."""
    from portfolio.ingest import excel_reader

    asked = spy_on_calamine(monkeypatch)

    def refused(*args, **kwargs):
        raise AssertionError("openpyxl's cell reader was used")

    monkeypatch.setattr(excel_reader, "sheet_rows", refused)
    store = Store(copy_demo(tmp_path))
    prepared = pipeline.prepare([Upload("mal.xlsx", workbook.template_for(store))], store)
    assert prepared.ok and prepared.unchanged, [str(p) for p in prepared.problems]
    assert sorted(asked) == sorted([*workbook.SHEET_NAMES.values(), workbook.T.META_SHEET])  # each once


def test_calamine_reads_two_sheets_ahead_of_the_reader(monkeypatch, tmp_path):
    """calamine_values.ReadAhead: when the reader is at sheet i, calamine
    has read no further than sheet i + 2 (two sheets' values waiting at
    most); each sheet taken is the one asked for, whole; a sheet the reader
    skips is dropped, and closing stops the threads where they wait."""
    from portfolio.ingest.calamine_values import READ_AHEAD, ReadAhead
    from portfolio.ingest.grid import Budget
    from portfolio.ingest.reading import Limits
    from portfolio.ingest.sheet_scan import ScanAhead

    asked = spy_on_calamine(monkeypatch)
    data = workbook.template_for(Store(copy_demo(tmp_path)))
    sheets = template_sheets(data)
    titles, paths = [t for t, _ in sheets], [p for _, p in sheets]
    reader_at: list[tuple[int, int]] = []  # (sheet, where the reader was) when calamine was asked for it
    real = LoadSpy.get_sheet_by_name

    def noted(spy, name):
        reader_at.append((titles.index(name), holder["ahead"]._asked if "ahead" in holder else -1))
        return real(spy, name)

    holder = {}
    monkeypatch.setattr(LoadSpy, "get_sheet_by_name", noted)
    scans = ScanAhead(data, paths, 100)
    ahead = holder["ahead"] = ReadAhead(data, titles, paths, scans, Budget(Limits()))
    try:
        for index in (0, 1, 2, 4, 5):  # the reader skips sheet 3
            sheet = ahead.take(index)
            assert sheet is not None and sheet.name == titles[index]
        assert titles[3] in asked  # read ahead, then dropped
        assert ahead._ready.keys() <= {6, 7}
    finally:
        ahead.close()
        scans.close()
    assert READ_AHEAD == 2 and not any(thread.is_alive() for thread in ahead._threads)
    assert sorted(asked, key=titles.index) == titles[:len(asked)] and len(asked) <= 8
    assert all(at >= index - READ_AHEAD for index, at in reader_at), reader_at


def test_calamine_reads_a_sheet_ahead_only_when_the_reader_is_near():
    """The rule ReadAhead's threads wait on: before the reader asks for a
    sheet, sheets 0 and 1 may be read; at sheet i, up to sheet i + 2."""
    from portfolio.ingest.calamine_values import READ_AHEAD, ReadAhead
    from portfolio.ingest.grid import Budget
    from portfolio.ingest.reading import Limits

    ahead = ReadAhead(b"", [f"ark {n}" for n in range(6)], [f"p{n}" for n in range(6)], None, Budget(Limits()),
                      threads=0)  # no thread reads: the rule alone
    ahead._ahead = READ_AHEAD
    assert [ahead.may_read(n) for n in range(4)] == [True, True, False, False]
    ahead.reached(1)
    assert [ahead.may_read(n) for n in range(5)] == [True, True, True, True, False]
    ahead.reached(0)  # the reader never goes back
    assert ahead.may_read(3) and not ahead.may_read(4)
    ahead.close()


def test_calamine_never_reads_ahead_a_sheet_the_scan_or_the_budget_refuses(monkeypatch, tmp_path):
    """A sheet that is not plain (a cell at XFD1048576: calamine would fill
    seventeen billion cells) is never given to calamine, not even ahead of
    the reader; and calamine reads ahead only what the file's cell budget
    would pay for: the budget stops the reading at the second table."""
    from portfolio.ingest import sheet_scan
    from portfolio.ingest.reading import Limits

    asked = spy_on_calamine(monkeypatch)
    store = Store(copy_demo(tmp_path))
    template = workbook.template_for(store)
    far = badfiles.rewrite_sheet(template, workbook.SHEET_NAMES["milestones"],
                                 badfiles.add_rows(f'<row r="1048576">{badfiles.text_cell("XFD1048576", "x")}</row>'))
    prepared = pipeline.prepare([Upload("stor.xlsx", far)], store)
    assert not prepared.ok
    assert workbook.SHEET_NAMES["milestones"] not in asked and workbook.SHEET_NAMES["initiatives"] in asked

    import io
    import zipfile
    with zipfile.ZipFile(io.BytesIO(template)) as archive:
        units = {title: sheet_scan.scan_sheet(archive.read(path), 100).units for title, path in template_sheets(template)}
    first, second = workbook.SHEET_NAMES["initiatives"], workbook.SHEET_NAMES["budgets"]
    limits = Limits(max_cells=units[first] + units[second] - 1)
    asked.clear()
    prepared = pipeline.prepare([Upload("mal.xlsx", template)], store, limits=limits)
    assert not prepared.ok and any("celler" in str(p) for p in prepared.problems), prepared.problems
    assert second not in asked and first in asked
    assert sum(units[title] for title in asked) <= limits.max_cells


def test_a_sheet_calamine_cannot_read_plainly_goes_to_the_xml_reader():
    """Far cells, rich text, a formula without its value: the scan says no,
    before calamine fills a rectangle of seventeen billion cells."""
    from portfolio.ingest import sheet_scan

    row = '<row r="{n}">{cells}</row>'
    sheet = '<worksheet><sheetData>{rows}</sheetData></worksheet>'

    def scan(rows: str):
        return sheet_scan.scan_sheet(sheet.format(rows=rows).encode(), 100)

    plain = scan(row.format(n=1, cells='<c r="A1" t="inlineStr"><is><t>x</t></is></c><c r="B1" s="1"/>')
                 + row.format(n=3, cells='<c r="C3" t="e"><v>#N/A</v></c><c r="CV3"><f>1</f><v>1</v></c>'))
    assert (plain.rows, plain.cells, plain.errors) == (2, 4, [(2, 2, "#N/A")])
    for rows in (
        row.format(n=1, cells='<c r="XFD1"><v>1</v></c>'),  # beyond the columns read
        row.format(n=1, cells='<c r="CW1"><v>1</v></c>'),
        row.format(n=1, cells='<c r="A1"><v>1</v></c>') + row.format(n=1048576, cells='<c r="A1048576"><v>1</v></c>'),
        row.format(n=2, cells='<c r="A1"><v>1</v></c>'),  # a cell that is not in its row
        row.format(n=2, cells='') + row.format(n=1, cells=''),  # rows out of order
        row.format(n=1, cells='<c r="A1"><f>1+1</f></c>'),  # a formula without its value
        row.format(n=1, cells='<c r="A1"><f>1+1</f><v/></c>'),
        row.format(n=1, cells='<c r="A1" t="inlineStr"><is><r><t>a</t></r></is></c>'),  # rich text
        row.format(n=1, cells='<c t="n"><v>1</v></c>'),  # no reference
        row.format(n=1, cells='<x><c r="A1"><v>1</v></c></x>'),
    ):
        assert scan(rows) is None, rows


def plain_sheet_xml(rows: int, columns: int) -> bytes:
    """A plain sheet (every cell with its reference and a value) of rows × columns."""
    letters = [chr(65 + c) for c in range(columns)]
    body = "".join(
        f'<row r="{n}">' + "".join(f'<c r="{x}{n}"><v>{n * columns + i}</v></c>' for i, x in enumerate(letters)) + "</row>"
        for n in range(1, rows + 1))
    return f"<worksheet><sheetData>{body}</sheetData></worksheet>".encode()


def test_the_scans_made_ahead_are_the_scans_made_in_turn(tmp_path):
    """sheet_scan.ScanAhead: each sheet's scan equals scan_sheet's on the
    reader's thread; a part named twice has one scan; a missing part says
    so; a damaged part raises where the reader asks for it; a part not
    listed is scanned on the caller's thread."""
    import io
    import zipfile

    from portfolio.ingest.sheet_scan import ScanAhead, scan_sheet

    data = workbook.template_for(Store(copy_demo(tmp_path)))
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/sheet")]
        expected = {n: scan_sheet(archive.read(n), 100) for n in sheets}
    ahead = ScanAhead(data, [*sheets, sheets[1], "xl/worksheets/missing.xml"], 100)
    try:
        for name in [*reversed(sheets), sheets[1]]:
            assert ahead.result(name) == expected[name], name
        assert isinstance(ahead.result("xl/worksheets/missing.xml"), KeyError)
        assert isinstance(ahead.result("xl/worksheets/also-missing.xml"), KeyError)  # not listed
    finally:
        ahead.close()
    assert not ahead._thread.is_alive()

    # a member whose compressed bytes are damaged: its CRC fails when it is read
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as out:
        out.writestr("xl/worksheets/sheet1.xml", plain_sheet_xml(3, 3))
    damaged = bytearray(buffer.getvalue())
    at = damaged.index(b"<sheetData>")
    damaged[at + 1] = ord("X")
    ahead = ScanAhead(bytes(damaged), ["xl/worksheets/sheet1.xml"], 100)
    try:
        with pytest.raises(zipfile.BadZipFile):
            ahead.result("xl/worksheets/sheet1.xml")
    finally:
        ahead.close()


def test_a_sheet_scan_holds_no_array_as_large_as_the_sheet():
    """The scan runs beside calamine's read of another sheet (ScanAhead), so
    it finds the tags a chunk at a time, in 32-bit positions, and drops each
    array when used: on this sheet of short cells its arrays peak at about
    2.1× the sheet's size (4.6× before: a whole-sheet mask and 64-bit
    positions); on the template's milestones sheet at 1.1× (2.6×). The bound
    keeps an import's peak memory within bench/README.md's goal (5×)."""
    import tracemalloc

    from portfolio.ingest.sheet_scan import scan_sheet

    xml = plain_sheet_xml(20_000, 12)
    tracemalloc.start()
    try:
        scan = scan_sheet(xml, 100)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert (scan.rows, scan.cells) == (20_000, 240_000)
    assert peak < 3 * len(xml), f"the scan peaked at {peak / len(xml):.2f}× the sheet's {len(xml)} bytes"
