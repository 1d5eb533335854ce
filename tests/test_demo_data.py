"""The seed portfolio: deterministic, committed as generated, and true to the seeds."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tools import demo_data as demo

from portfolio.model import schema
from portfolio.store.snapshots import Store, verify

PROJECT_DATA = Path(__file__).resolve().parent.parent / "data"
REGENERATE = (
    "The committed demo data in data/ is not what portfolio/demo.py generates. "
    "Regenerate it: delete data/snapshots and data/README.md, then run "
    "`python -m portfolio demo-data --out data` and commit the result."
)

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
    return frame[frame["initiative_id"] == demo.PROGRAMME].iloc[0].to_dict()


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
    assert len(first) == len(demo.SNAPSHOT_PLAN)
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
        (budgets["initiative_id"] == demo.PROGRAMME) & (budgets["funding_source"] == "Årlig bevilgning (KDL)")
    ]
    assert len(grant) >= 5
    assert set(grant["budget_nok"]) == {300_000}


def test_400_000_to_joint_action_analytics(snapshots):
    budgets = snapshots[-1].tables["budgets"]
    jaa = budgets[budgets["funding_source"].str.contains("Joint Action Analytics")]
    assert int(jaa["budget_nok"].sum()) == 400_000
    assert all("illustrativ" in note for note in jaa["note"])
    assert set(jaa["initiative_id"]) == {demo.PROGRAMME}


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
        assert by_name.loc[name, "parent_id"] == demo.PROGRAMME
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


# (4) the README ------------------------------------------------------------------------

def test_readme_lists_every_initiative_and_says_illustrative(snapshots):
    text = demo.readme_markdown()
    for name, initiative_id in snapshots[-1].tables["initiatives"][["name", "initiative_id"]].itertuples(index=False):
        assert name in text and f"`{initiative_id}`" in text
    assert "illustrative" in text.lower()
    assert "ILLUSTRATIVE" in text
    assert "python -m portfolio demo-data --out" in text
    assert "seed 003 (mandat)" in text
    for snap in snapshots:
        assert snap.note in text
