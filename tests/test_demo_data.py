"""The seed portfolio: deterministic, committed as generated, true to the seeds,
and every row of its seed files (tools/seed/) names its source."""

from __future__ import annotations

import csv
import datetime as dt
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from portfolio.model import schema
from portfolio.store.snapshots import Store, verify
from tools import demo_data as demo
from tools import demo_seed

ROOT = Path(__file__).resolve().parent.parent
PROJECT_DATA = ROOT / "data"
SEED_DIR = ROOT / "tools" / "seed"
REGENERATE = (
    "The committed demo data in data/ is not what tools/demo_data.py generates from tools/seed/. "
    "Regenerate it: delete data/snapshots, data/README.md and data/lake (the local working store), then run "
    "`python -m tools.demo_data --out data` and commit the result."
)
PROGRAMME = "samhandlingskommunen"

RELATED = (
    "Storbyforskningsprosjektet – borgerpanel",
    "Prosjekt Decidim",
    "Nye mønstre – trygg oppvekst",
    "Dialogmøter med formannskapet",
    "Flere i arbeid",
    "Ledelsesutvikling – mestringsledelse",
    "10 faktor",
    "SOSLOKAL",
    "JegerUng",
    "Helhetlig tilbud til barn med fysiske helseutfordringer",
)


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("demo")
    demo.write_demo(out)
    return out


@pytest.fixture(scope="module")
def snapshots() -> list[demo.DemoSnapshot]:
    return demo.seed_snapshots()


def _by_date(snapshots, day: dt.date) -> demo.DemoSnapshot:
    return next(s for s in snapshots if s.created_at.date() == day)


def _programme(snap: demo.DemoSnapshot) -> dict:
    frame = snap.tables["initiatives"]
    return frame[frame["initiative_id"] == PROGRAMME].iloc[0].to_dict()


def _milestone(snap: demo.DemoSnapshot, milestone_id: str) -> dict:
    frame = snap.tables["milestones"]
    rows = frame[frame["milestone_id"] == milestone_id]
    assert len(rows) == 1, milestone_id
    return rows.iloc[0].to_dict()


# (1) deterministic ---------------------------------------------------------------

def test_write_demo_twice_gives_identical_snapshots(generated, tmp_path):
    again = demo.write_demo(tmp_path / "again")
    first = Store(generated).list()
    assert [m.to_json() for m in first] == [m.to_json() for m in again]
    assert len(first) == len(demo_seed.load_seed().snapshots)
    assert all(m.is_demo for m in first)
    assert [m.base_id for m in first] == [None] + [m.snapshot_id for m in first[:-1]]
    assert all(verify(Store(generated), m.snapshot_id) for m in first)
    assert (generated / "README.md").read_text() == (tmp_path / "again" / "README.md").read_text()


def test_write_demo_refuses_a_folder_with_snapshots(generated):
    with pytest.raises(ValueError, match="already holds"):
        demo.write_demo(generated)


def test_seed_snapshots_are_well_formed(snapshots):
    assert len(snapshots) >= 8
    created = [s.created_at for s in snapshots]
    assert created == sorted(created)
    assert all(c.tzinfo is not None and c.utcoffset() == dt.timedelta(0) for c in created)
    assert created[-1].date() == dt.date(2026, 11, 16)
    for snap in snapshots:
        for name, table in schema.TABLES.items():
            assert list(snap.tables[name].columns) == table.column_names, (snap.note, name)
        frame = snap.tables["initiatives"]
        for value in frame["start_date"]:
            assert type(value) is dt.date
        for column in ("focus_areas", "target_groups", "partners", "collaborating_areas"):
            assert all(type(v) is list for v in frame[column])
        assert all(v is None or type(v) is str for v in frame["project_leader"])
    ids = snapshots[-1].tables["milestones"]["milestone_id"]
    assert ids.is_unique


# (2) the committed data is what the code generates --------------------------------

def test_committed_data_matches_generated(generated):
    committed = Store(PROJECT_DATA).list()
    fresh = Store(generated).list()
    assert [m.snapshot_id for m in committed] == [m.snapshot_id for m in fresh], REGENERATE
    assert [m.to_json() for m in committed] == [m.to_json() for m in fresh], REGENERATE
    for meta in committed:
        assert verify(Store(PROJECT_DATA), meta.snapshot_id), REGENERATE
    readme = PROJECT_DATA / "README.md"
    assert readme.is_file(), REGENERATE
    assert readme.read_text(encoding="utf-8") == (generated / "README.md").read_text(encoding="utf-8"), REGENERATE


# (3) the seed facts ------------------------------------------------------------------

def test_bp1_mandate_treated_2021_10_18(snapshots):
    bp1_day = dt.date(2021, 10, 18)
    before = _milestone(snapshots[0], "skk-bp1-mandat-konseptfase")
    assert before["completed_date"] is None
    for snap in snapshots:
        if snap.created_at.date() < bp1_day:
            assert _programme(snap)["last_decision_point"] is None
            continue
        ms = _milestone(snap, "skk-bp1-mandat-konseptfase")
        assert ms["kind"] == "beslutningspunkt"
        assert ms["decision_point"] == "BP1"
        assert ms["completed_date"] == bp1_day
    at_bp1 = _programme(_by_date(snapshots, bp1_day))
    assert at_bp1["last_decision_point"] == "BP1"
    assert at_bp1["phase"] == "Konsept"


def test_kdl_decisions_completed(snapshots):
    first = snapshots[0]
    assert _milestone(first, "skk-kdl-vedtak-styringsdokument")["completed_date"] == dt.date(2020, 12, 7)
    assert _milestone(first, "skk-kdl-vedtak-prosess")["completed_date"] == dt.date(2021, 2, 8)


def test_steering_document_late_in_2022(snapshots):
    for snap in snapshots:
        day = snap.created_at.date()
        if day.year != 2022:
            continue
        ms = _milestone(snap, "skk-styringsdokument")
        assert ms["completed_date"] is None and ms["due_date"] < day
        programme = _programme(snap)
        assert programme["status_schedule"] in ("gul", "rød")
        assert "forsinket" in programme["comment_schedule"].lower()


def test_annual_grant_of_300_000(snapshots):
    budgets = snapshots[-1].tables["budgets"]
    grant = budgets[
        (budgets["initiative_id"] == PROGRAMME) & (budgets["funding_source"] == "Årlig bevilgning (KDL)")
    ]
    assert len(grant) >= 5
    assert set(grant["budget_nok"]) == {300_000}


def test_400_000_to_joint_action_analytics(snapshots):
    budgets = snapshots[-1].tables["budgets"]
    jaa = budgets[budgets["funding_source"].str.contains("Joint Action Analytics")]
    assert int(jaa["budget_nok"].sum()) == 400_000
    assert all("illustrativ" in note for note in jaa["note"])
    assert set(jaa["initiative_id"]) == {PROGRAMME}


def test_sammen_conference(snapshots):
    latest = snapshots[-1]
    conference = _milestone(latest, "skk-konferansen-sammen")
    assert conference["kind"] == "arrangement"
    assert "Sammen." in conference["title"]
    assert conference["due_date"] == dt.date(2022, 10, 27)
    assert "utledet" in conference["note"]  # the year is inferred
    assert _milestone(latest, "skk-pameldingsfrist-sammen")["due_date"] == dt.date(2022, 10, 21)


def test_workshops_autumn_2021(snapshots):
    ms = _milestone(snapshots[-1], "skk-dialogverksteder-2021")
    assert ms["kind"] == "arrangement"
    assert "Seks" in ms["note"]


def test_owner_and_leader_change(snapshots):
    handover = dt.date(2022, 3, 1)
    for snap in snapshots:
        programme = _programme(snap)
        assert programme["project_owner"] == "Camilla Jarlsby"
        assert programme["owner_area"] == "Kultur og innbyggerdialog"
        assert programme["partners"] == ["Joint Action Analytics (JAA)"]
        expected = "Elisabeth Engemyr" if snap.created_at.date() < handover else "Svein Ove Ueland"
        assert programme["project_leader"] == expected
    assert _programme(_by_date(snapshots, dt.date(2021, 10, 18)))["project_leader"] == "Elisabeth Engemyr"


def test_programme_has_all_focus_areas_and_target_groups(snapshots):
    programme = _programme(snapshots[-1])
    assert sorted(programme["focus_areas"]) == sorted(schema.FOCUS_AREAS)
    assert sorted(programme["target_groups"]) == sorted(schema.TARGET_GROUPS)
    assert len(programme["target_groups"]) == 5 and len(programme["focus_areas"]) == 3


def test_related_initiatives(snapshots):
    frame = snapshots[-1].tables["initiatives"]
    by_name = frame.set_index("name")
    for name in RELATED:
        assert name in by_name.index, name
        assert by_name.loc[name, "parent_id"] == PROGRAMME
        assert by_name.loc[name, "project_leader"] is None  # not named in the seeds
    assert by_name.loc["JegerUng", "partners"] == ["Jegersberg gård"]


def test_historical_health_and_social_project(snapshots):
    for snap in snapshots:
        frame = snap.tables["initiatives"]
        row = frame[frame["initiative_id"] == "helse-sosial-sammenslaingen"].iloc[0]
        assert row["parent_id"] is None
        assert row["phase"] in ("Avslutte", "Realisere")
        assert "Bjarte Austvik" in row["project_leader"] and "Elisabeth Engemyr" in row["project_leader"]
    latest = snapshots[-1]
    assert _milestone(latest, "helse-sosial-prosjektforslag")["due_date"] == dt.date(2017, 12, 1)
    assert _milestone(latest, "helse-sosial-kartleggingsfase")["due_date"] == dt.date(2018, 3, 1)
    assert _milestone(latest, "helse-sosial-satsingsomrader")["due_date"] == dt.date(2018, 7, 1)


def test_latest_snapshot_is_interesting_around_2026_11_23(snapshots):
    today = dt.date(2026, 11, 23)
    latest = snapshots[-1].tables
    initiatives = latest["initiatives"]
    assert (initiatives["status_overall"] == "rød").sum() >= 1
    assert (initiatives["status_overall"] == "gul").sum() >= 1
    assert initiatives["is_public"].any() and not initiatives["is_public"].all()
    milestones = latest["milestones"]
    open_ = milestones[milestones["completed_date"].isna()]
    assert (open_["due_date"] < today).sum() >= 2
    soon = (open_["due_date"] >= today) & (open_["due_date"] <= today + dt.timedelta(days=30))
    assert soon.sum() >= 2
    assert milestones["is_public"].any()
    budgets = latest["budgets"]
    this_year = budgets[budgets["year"] == 2026].groupby("initiative_id")[["budget_nok", "actual_nok"]].sum()
    assert (this_year["actual_nok"] > 0).all()
    assert (this_year["actual_nok"] > this_year["budget_nok"]).sum() == 1


def test_statuses_change_in_every_dimension(snapshots):
    for dimension in schema.STATUS_DIMENSIONS:
        column = f"status_{dimension}"
        seen = {
            tuple(s.tables["initiatives"].set_index("initiative_id")[column].get(i) for s in snapshots)
            for i in snapshots[-1].tables["initiatives"]["initiative_id"]
        }
        assert any(len({v for v in history if v is not None}) > 1 for history in seen), dimension


# (3b) the governance register: the mandate's decisions, BP1 checklist and effects -------------

KDL_DECISIONS = {
    dt.date(2020, 12, 7): [
        "Kommunedirektørens ledergruppe støtter igangsetting av utarbeidelse av styringsdokument for arbeidet "
        "med å utvikle Kristiansand kommune som samhandlingskommune.",
        "Kommunedirektørens ledergruppe realitetsbehandler mandat for prosjekt innen utgangen av januar.",
    ],
    dt.date(2021, 2, 8): [
        "Kommunedirektørens ledergruppe støtter forslaget til prosess for utarbeidelse av styringsdokument.",
    ],
    dt.date(2021, 10, 18): ["Vedtatt at det skal leveres et styringsdokument innen utgangen av året."],
}
BP1_ANSWERS = ["Ja", "Ja", "Nei", "Prosjekt", "Nei", "Delvis – bevilget årlig 300 000",
               "Kommer i styringsdokumentet."]
EFFECTS = ["Mer effektiv bruk av kommunale ressurser", "Økt samhandling med innbyggerne",
           "Ansvarliggjorte innbyggere"]


def test_kdl_decisions_in_the_mandates_words(snapshots):
    decisions = snapshots[-1].tables["decisions"]
    kdl = decisions[(decisions["initiative_id"] == PROGRAMME) & (decisions["body"] == "KDL")
                    & (decisions["decided_on"] <= dt.date(2021, 10, 18))]
    found: dict[dt.date, list[str]] = {}
    for day, text in kdl[["decided_on", "text"]].itertuples(index=False):
        found.setdefault(day, []).append(text)
    assert found == KDL_DECISIONS
    points = dict(zip(kdl["decided_on"], kdl["decision_point"], strict=False))
    assert points[dt.date(2021, 10, 18)] == "BP1" and points[dt.date(2021, 2, 8)] is None
    # each shows from the meeting's snapshot on, and is public only while the programme is
    for snap in snapshots:
        day = snap.created_at.date()
        shown = snap.tables["decisions"]
        shown = shown[shown["decision_id"].isin(kdl["decision_id"])]
        assert sorted(shown["decided_on"]) == sorted(d for d in kdl["decided_on"] if d <= day)
        assert (shown["is_public"] == bool(_programme(snap)["is_public"])).all()


def test_bp1_checklist_answers_as_the_mandate_gives_them(snapshots):
    from portfolio.texts import checklists

    for snap in snapshots:
        answers = snap.tables["checklist_answers"]
        bp1 = answers[(answers["initiative_id"] == PROGRAMME) & (answers["decision_point"] == "BP1")]
        if snap.created_at.date() < dt.date(2021, 10, 18):
            assert bp1.empty
            continue
        bp1 = bp1.sort_values("item_no")
        assert list(bp1["item_no"]) == list(range(1, 8))
        assert list(bp1["answer"]) == BP1_ANSWERS
        assert list(bp1["question"]) == list(checklists.CHECKLISTS["BP1"])


def test_the_mandates_effects_are_qualitative_benefits(snapshots):
    for snap in snapshots[1:]:
        benefits = snap.tables["benefits"]
        mine = benefits[benefits["initiative_id"] == PROGRAMME]
        assert list(mine["title"]) == EFFECTS
        assert set(mine["kind"]) == {"kvalitativ"}
    assert snapshots[0].tables["benefits"].query("initiative_id == @PROGRAMME").empty


def test_register_rows_name_their_source():
    """The KDL decisions, the BP1 answers and the three effects cite the
    mandate; every risk and measurement, and every other row, is illustrative."""
    def sources(name, key):
        return {row[key]: row["source"] for row in _rows(SEED_DIR / name)}

    decisions = sources("decisions.csv", "decision_id")
    assert sorted(k for k, v in decisions.items() if v != "illustrative") == sorted(
        ["skk-kdl-2020-12-07-styringsdokument", "skk-kdl-2020-12-07-mandat", "skk-kdl-2021-02-08-prosess",
         "skk-kdl-2021-10-18-bp1"])
    assert {v for v in decisions.values() if v != "illustrative"} == {"003"}
    answers = _rows(SEED_DIR / "checklist_answers.csv")
    assert [(r["decision_point"], r["item_no"]) for r in answers if r["source"] != "illustrative"] == [
        ("BP1", str(n)) for n in range(1, 8)]
    benefits = sources("benefits.csv", "title")
    assert sorted(k for k, v in benefits.items() if v != "illustrative") == sorted(EFFECTS)
    for name in ("risks.csv", "benefit_measurements.csv", "collaboration_scores.csv"):
        assert {r["source"] for r in _rows(SEED_DIR / name)} == {"illustrative"}, name
    engagements = sources("engagements.csv", "engagement_id")
    assert {v for v in engagements.values() if v != "illustrative"} == {"001", "002", "002 003", "003"}
    surveys = sources("collaboration_surveys.csv", "survey_id")
    assert [k for k, v in surveys.items() if v != "illustrative"] == ["skk-rk-ledere-2021"]


def test_the_risk_matrix_and_the_benefits_move_between_snapshots(snapshots):
    cells, measured = [], []
    for snap in snapshots:
        risks = snap.tables["risks"]
        open_ = risks[risks["status"] != "lukket"]
        cells.append(sorted(zip(open_["probability"], open_["consequence"], strict=True)))
        measured.append(len(snap.tables["benefit_measurements"]))
    assert all(a != b for a, b in zip(cells, cells[1:], strict=False))  # the matrix changes at every meeting
    assert measured == sorted(measured) and measured[-1] > measured[len(measured) // 2] > measured[0]
    latest = snapshots[-1].tables["risks"].set_index("risk_id")
    first_seen = {}
    for snap in snapshots:
        for rid, p, c in snap.tables["risks"][["risk_id", "probability", "consequence"]].itertuples(index=False):
            first_seen.setdefault(rid, p * c)
    moved = [rid for rid, score in first_seen.items()
             if latest.loc[rid, "probability"] * latest.loc[rid, "consequence"] != score]
    assert len(moved) >= 5
    assert (latest["status"] == "lukket").sum() >= 5
    red = latest[(latest["status"] != "lukket") & (latest["probability"] * latest["consequence"] >= 15)]
    assert len(red) >= 3
    # a few per initiative
    assert latest["initiative_id"].nunique() == len(snapshots[-1].tables["initiatives"])


def test_public_decisions_benefits_and_engagements_belong_to_public_initiatives(snapshots):
    for snap in snapshots:
        public = set(snap.tables["initiatives"].query("is_public")["initiative_id"])
        for name in ("decisions", "benefits", "engagements"):
            frame = snap.tables[name]
            assert frame.loc[frame["is_public"], "initiative_id"].isin(public).all(), (snap.note, name)
    latest = snapshots[-1].tables
    for name in ("decisions", "benefits", "engagements"):
        assert latest[name]["is_public"].any() and not latest[name]["is_public"].all(), name


# (3c) collaboration: the workshops, the conference and the seminars of the seeds; surveys ------

def _engagements(snap: demo.DemoSnapshot, prefix: str):
    frame = snap.tables["engagements"]
    return frame[frame["engagement_id"].str.startswith(prefix)].sort_values("held_on")


def test_six_dialogue_workshops_in_autumn_2021(snapshots):
    """Five planned when the mandate was treated (003), six held (002), with
    citizens, politicians, leaders and staff; the days and counts are illustrative."""
    planned = _engagements(_by_date(snapshots, dt.date(2021, 10, 18)), "skk-dialogverksted-2021-")
    assert len(planned) == 5
    assert planned["participants_citizens"].isna().sum() == 2  # two not held yet
    held = _engagements(snapshots[-1], "skk-dialogverksted-2021-")
    assert len(held) == 6 and set(held["kind"]) == {"dialogverksted"}
    assert held["held_on"].between(dt.date(2021, 9, 1), dt.date(2021, 11, 30)).all()
    groups = ["participants_citizens", "participants_politicians", "participants_leaders", "participants_staff"]
    assert (held[groups].notna() & (held[groups] > 0)).all().all()
    assert held[["participants_volunteers", "participants_business", "participants_other"]].isna().all().all()
    assert all("illustrative" in note for note in held["note"])
    assert held["is_public"].all()  # the programme is public since March 2022


def test_the_conference_sammen_and_the_seminars(snapshots):
    latest = snapshots[-1]
    conference = _engagements(latest, "skk-konferansen-sammen").iloc[0]
    assert (conference["kind"], conference["held_on"]) == ("konferanse", dt.date(2022, 10, 27))
    assert "Sammen." in conference["title"] and "utledet" in conference["note"]
    assert "illustrative" in conference["note"] and conference["participants_staff"] > 0
    before = _engagements(_by_date(snapshots, dt.date(2022, 3, 14)), "skk-konferansen-sammen").iloc[0]
    assert pd.isna(before["participants_staff"])  # counted after the conference
    seminars = _engagements(latest, "skk-seminar-relasjonell-kapasitet-")
    assert len(seminars) == 3 and set(seminars["kind"]) == {"seminar"}
    assert (seminars["held_on"] < dt.date(2021, 9, 21)).all()  # before the mandate's version 1.0
    assert not seminars["is_public"].any()
    pre = _engagements(latest, "skk-prekonferanse-2020").iloc[0]
    assert (pre["held_on"], pre["place"]) == (dt.date(2020, 11, 6), "digitalt")


def test_relational_capacity_is_surveyed_and_rises(snapshots):
    from portfolio.model import collaboration
    from portfolio.texts import dimensions

    latest = snapshots[-1].tables
    surveys, scores = latest["collaboration_surveys"], latest["collaboration_scores"]
    assert set(surveys["initiative_id"].dropna()) == {PROGRAMME}
    assert set(surveys["area"].dropna()) == {"Helse og mestring", "Oppvekst"}
    assert set(surveys["instrument"]) == {dimensions.INSTRUMENT}
    by_survey = scores.groupby("survey_id")["dimension"].apply(sorted)
    assert by_survey.to_dict() == {survey: sorted(dimensions.DIMENSIONS) for survey in surveys["survey_id"]}
    rows = collaboration.with_previous(surveys, scores)
    compared = rows[rows["previous_mean"].notna() & (rows["n"] >= 5) & (rows["previous_n"] >= 5)]
    change = compared["mean"] - compared["previous_mean"].astype(float)
    assert len(compared) >= 28 and (change > 0).mean() > 0.9 and change.max() < 0.5  # modestly up
    few = scores[scores["n"] < schema.MIN_RESPONDENTS]
    assert 0 < len(few) < len(scores) / 5  # «for få svar»: the politicians, and one dimension once more
    assert (surveys["respondents"] < schema.MIN_RESPONDENTS).sum() == 1
    jaa = surveys[surveys["initiative_id"] == PROGRAMME]["conducted_on"].min()
    assert dt.date(2019, 12, 1) <= jaa <= dt.date(2021, 12, 31)  # within the contract with JAA (003)


def test_the_latest_meeting_has_collaboration_changes_to_show():
    from portfolio.model import diff

    store = Store(PROJECT_DATA)
    older, newer = store.list()[-2:]
    kinds = {c.kind for c in diff.compare_snapshots(store, older.snapshot_id, newer.snapshot_id)}
    assert {"engagement_added", "engagement_changed", "survey_added", "collaboration_score_moved"} <= kinds


# (4) the README ------------------------------------------------------------------------

def test_readme_lists_every_initiative_and_says_illustrative(snapshots):
    text = demo.readme_markdown()
    for name, initiative_id in snapshots[-1].tables["initiatives"][["name", "initiative_id"]].itertuples(index=False):
        assert name in text and f"`{initiative_id}`" in text
    assert "illustrative" in text.lower()
    assert "ILLUSTRATIVE" in text
    assert "python -m tools.demo_data --out" in text
    assert "tools/seed/" in text
    assert "seed 003 (mandat)" in text
    for snap in snapshots:
        assert snap.note in text
    # the governance register: what comes from the mandate, and that the rest is illustrative
    assert "every risk is illustrative" in text
    assert "every benefit's indicator, unit, baseline" in text
    assert "every participant count is illustrative" in text
    assert "every collaboration survey's respondents and every score" in text
    assert "Checklist BP1, items 1, 2, 3, 4, 5, 6, 7 (answers: " + "; ".join(BP1_ANSWERS) + ")" in text
    for title in EFFECTS:
        assert f"«{title}»: `title` — seed 003 (mandat)" in text


# (5) the seed files: every row names its source ------------------------------------

def _rows(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_every_seed_row_names_a_known_source():
    known = {row["source"] for row in _rows(SEED_DIR / "sources.csv")}
    assert "illustrative" in known and len(known) >= 2
    files = sorted(p for p in SEED_DIR.glob("*.csv") if p.name != "sources.csv")
    expected = {"snapshots.csv", "initiatives.csv", "initiative_states.csv", "initiative_changes.csv",
                "milestones.csv", "milestone_changes.csv", "budgets.csv", "provenance.csv", "directors.csv",
                "decisions.csv", "checklist_answers.csv", "risks.csv", "benefits.csv", "benefit_measurements.csv",
                "register_changes.csv", "engagements.csv", "collaboration_surveys.csv", "collaboration_scores.csv"}
    assert expected <= {p.name for p in files}
    for path in files:
        rows = _rows(path)
        assert rows, path.name
        assert "source" in rows[0], f"{path.name}: no source column"
        for line, row in enumerate(rows, start=2):
            names = row["source"].split()
            assert names, f"{path.name} line {line}: empty source"
            assert set(names) <= known, f"{path.name} line {line}: unknown source {row['source']!r}"
            assert names == ["illustrative"] or "illustrative" not in names, f"{path.name} line {line}"
            if path.name == "provenance.csv":
                assert "illustrative" not in names, f"provenance.csv line {line} must cite a seed"


def test_sources_list_the_seed_documents():
    rows = [r for r in _rows(SEED_DIR / "sources.csv") if r["source"] != "illustrative"]
    assert [r["source"] for r in rows] == ["000", "001", "002", "003", "004"]
    for row in rows:
        # the file name of the seed document in the shared seeds/ folder
        assert re.fullmatch(rf"{row['source']}_[0-9a-f]{{16}}\.txt", row["file"]), row
        assert row["label"].startswith(f"seed {row['source']} (")
        assert row["title"] and row["description"]


def test_seed_rows_agree_with_the_provenance():
    assert demo_seed.source_problems() == []


def test_source_problems_are_found(tmp_path):
    folder = tmp_path / "seed"
    shutil.copytree(SEED_DIR, folder)
    path = folder / "milestones.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    # the first milestone cites seed 003 (provenance.csv): blank its source; the last but one: unknown
    lines[1] = lines[1].rsplit(",", 1)[0] + ","
    lines[-2] = lines[-2].rsplit(",", 1)[0] + ",999"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    # the programme's row cites fewer seeds than provenance.csv does for its values
    initiatives = folder / "initiatives.csv"
    text = initiatives.read_text(encoding="utf-8")
    initiatives.write_text(text.replace(",000 002 003\n", ",003\n", 1), encoding="utf-8")
    problems = demo_seed.source_problems(folder)
    assert any("initiatives.csv line 2: source '003', provenance.csv cites '000 002 003'" in p
               for p in problems), problems
    assert any("milestones.csv line 2: empty source" in p for p in problems), problems
    assert any(f"milestones.csv line {len(lines) - 1}: unknown source" in p for p in problems), problems
    with pytest.raises(ValueError, match="seed files"):
        demo_seed.load_seed(folder)


def test_every_initiative_starts_with_a_status_report():
    seed = demo_seed.load_seed()
    for spec in seed.initiatives:
        assert spec.updates and spec.updates[0][0] == spec.added, spec.initiative_id


# (6) the command --------------------------------------------------------------------------

def _tool(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "tools.demo_data", *args], cwd=ROOT, capture_output=True, text=True, timeout=300
    )


def test_command_writes_the_demo_and_refuses_a_folder_with_snapshots(tmp_path):
    out = tmp_path / "demo"
    first = _tool("--out", str(out))
    assert first.returncode == 0, first.stderr
    assert "Skrev 9 øyeblikksbilder" in first.stdout
    assert [m.to_json() for m in Store(out).list()] == [m.to_json() for m in Store(PROJECT_DATA).list()]
    again = _tool("--out", str(out))
    assert again.returncode == 2
    assert "inneholder allerede øyeblikksbilder" in again.stderr
