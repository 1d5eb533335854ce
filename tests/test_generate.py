"""The large-data generator: real files in a temporary folder, no mocks."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from conftest import lake_counts
from portfolio.model import schema, validate
from portfolio.store.snapshots import Store, verify
from tools.generate import END_AT, write_generated
from tools.generate_words import AREAS

ROOT = Path(__file__).resolve().parent.parent
N = 200
WEEKS = 4


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    folder = tmp_path_factory.mktemp("generated") / "data"
    calls = []
    metas = write_generated(folder, N, WEEKS, seed=7, progress=lambda done, total: calls.append((done, total)))
    store = Store(folder)
    frames = [store.read_frames(m.snapshot_id) for m in metas]
    return folder, store, metas, frames, calls


def test_snapshots_are_weekly_and_chained(generated):
    _, store, metas, _, calls = generated
    assert [m.snapshot_id for m in store.list()] == [m.snapshot_id for m in metas]
    assert len(metas) == WEEKS
    assert metas[0].base_id is None
    assert [m.base_id for m in metas[1:]] == [m.snapshot_id for m in metas[:-1]]
    assert metas[-1].created == END_AT
    assert all(b.created - a.created == dt.timedelta(weeks=1) for a, b in zip(metas, metas[1:], strict=False))
    assert all(m.note.startswith("Generert testdata, uke ") for m in metas)
    assert all(m.author and not m.is_demo for m in metas)
    assert calls == [(i, WEEKS) for i in range(1, WEEKS + 1)]


def test_row_counts(generated):
    _, _, metas, frames, _ = generated
    for meta, tables in zip(metas, frames, strict=False):
        assert meta.row_counts["initiatives"] == N == len(tables["initiatives"])
        assert 9 <= meta.row_counts["milestones"] / N <= 11
        assert 4.5 <= meta.row_counts["budgets"] / N <= 5.5


def test_every_snapshot_is_valid(generated):
    _, store, metas, frames, _ = generated
    for meta, tables in zip(metas, frames, strict=False):
        # read_frames gives list cells as numpy arrays; normalize (as prepare does) first
        normalized = {name: validate.normalize(schema.TABLES[name], f) for name, f in tables.items()}
        assert validate.validate(normalized) == []
        assert verify(store, meta.snapshot_id)


def test_ids_names_and_areas(generated):
    _, _, _, frames, _ = generated
    initiatives, milestones = frames[-1]["initiatives"], frames[-1]["milestones"]
    slug = re.compile(schema.SLUG_PATTERN)
    assert all(slug.fullmatch(i) for i in initiatives["initiative_id"])
    assert all(slug.fullmatch(i) for i in milestones["milestone_id"])
    assert initiatives["initiative_id"].is_unique and milestones["milestone_id"].is_unique
    municipalities = set()
    for owner in initiatives["owner_area"]:
        municipality, area = owner.split(" – ")
        assert area in AREAS
        municipalities.add(municipality)
    assert len(municipalities) >= 4
    assert initiatives["name"].str.contains(" i | – ").all()


def test_parents_are_programmes(generated):
    _, _, _, frames, _ = generated
    initiatives = frames[-1]["initiatives"].set_index("initiative_id")
    parents = initiatives["parent_id"].dropna()
    assert len(parents) > N / 3
    assert parents.isin(initiatives.index).all()
    programmes = initiatives.loc[parents.unique()]
    assert programmes["parent_id"].isna().all()  # programmes have no parent
    assert 1 <= len(programmes) <= N / 8
    # a child is in the same municipality as its programme
    municipality = initiatives["owner_area"].str.split(" – ").str[0]
    assert (municipality[parents.index].to_numpy() == municipality[parents].to_numpy()).all()


def test_statuses_change_for_some_initiatives(generated):
    _, _, _, frames, _ = generated
    columns = [f"status_{d}" for d in schema.STATUS_DIMENSIONS]
    for before, after in zip(frames, frames[1:], strict=False):
        a = before["initiatives"].set_index("initiative_id")[columns]
        b = after["initiatives"].set_index("initiative_id")[columns].loc[a.index]
        changed = (a != b).any(axis=1)
        assert 0 < changed.sum() < N / 2
    counts = pd.concat([frames[-1]["initiatives"][c] for c in columns]).value_counts()
    assert counts["grønn"] > counts["gul"] > counts["rød"] > 0
    assert counts["ikke vurdert"] > 0


def test_phases_decision_points_and_milestones_progress(generated):
    _, _, metas, frames, _ = generated
    order = {p: i for i, p in enumerate(schema.PHASES)}
    previous_phase = previous_done = first_phase = None
    for meta, tables in zip(metas, frames, strict=False):
        today = meta.created.date()
        initiatives = tables["initiatives"].set_index("initiative_id")
        phase = initiatives["phase"].map(order)
        expected_bp = phase.map(lambda p: schema.DECISION_POINTS[p - 1] if p else None)
        assert (initiatives["last_decision_point"].fillna("-") == expected_bp.fillna("-")).all()
        if previous_phase is not None:
            assert (phase >= previous_phase.loc[phase.index]).all()
        previous_phase = phase
        first_phase = phase if first_phase is None else first_phase

        milestones = tables["milestones"].set_index("milestone_id")
        done = milestones["completed_date"].notna()
        assert (milestones.loc[done, "completed_date"] <= today).all()
        overdue = ~done & (milestones["due_date"] < today)
        assert overdue.sum() > 0
        if previous_done is not None:
            assert (done | ~previous_done).all()  # nothing is un-completed
        previous_done = done

        # a passed decision point has its milestone completed, and only then
        bp = milestones[milestones["kind"] == "beslutningspunkt"]
        reached = phase.loc[bp["initiative_id"]].to_numpy()
        number = bp["decision_point"].str[2].astype(int).to_numpy()
        assert ((reached >= number) == bp["completed_date"].notna().to_numpy()).all()
    assert (phase > first_phase.loc[phase.index]).any()  # some initiatives advanced
    first, last = frames[0]["milestones"], frames[-1]["milestones"]
    assert last["completed_date"].notna().sum() > first["completed_date"].notna().sum()
    moved = (first.set_index("milestone_id")["due_date"] != last.set_index("milestone_id")["due_date"]).sum()
    assert moved > 0
    assert last["note"].str.startswith("Flyttet fra").sum() >= moved


def test_budgets_grow_and_some_go_over(generated):
    _, _, metas, frames, _ = generated
    key = ["initiative_id", "year", "funding_source"]
    totals = []
    for tables in frames:
        budgets = tables["budgets"]
        assert not budgets.duplicated(key).any()
        assert budgets["year"].between(2024, 2027).all()
        totals.append(budgets["actual_nok"].sum())
    assert totals == sorted(totals) and totals[-1] > totals[0]
    budgets = frames[-1]["budgets"]
    year = metas[-1].created.year
    current = budgets[budgets["year"] == year]
    assert (current["forecast_nok"] > current["budget_nok"]).any()
    past = budgets[budgets["year"] < year]
    assert (past["actual_nok"] > past["budget_nok"]).any()
    assert (past["actual_nok"] < past["budget_nok"]).mean() > 0.5


def test_public_initiatives_and_milestones(generated):
    _, _, _, frames, _ = generated
    initiatives, milestones = frames[-1]["initiatives"], frames[-1]["milestones"]
    public = initiatives[initiatives["is_public"]]
    assert 0.05 * N < len(public) < 0.6 * N
    assert public["public_summary"].notna().all()
    public_ids = set(public["initiative_id"])
    shown = milestones[milestones["is_public"]]
    assert len(shown) > 0 and shown["initiative_id"].isin(public_ids).all()


def test_the_governance_register_has_about_the_rows_asked_for(generated):
    """About 3 risks, 1 benefit with 4 measurements and 2 decisions per
    initiative by the last snapshot; checklist answers for some."""
    _, _, metas, frames, _ = generated
    latest = frames[-1]
    assert 2.5 <= len(latest["risks"]) / N <= 3.5
    assert 0.75 <= len(latest["benefits"]) / N <= 1.25
    assert 3.0 <= len(latest["benefit_measurements"]) / len(latest["benefits"]) <= 4.0
    assert 1.5 <= len(latest["decisions"]) / N <= 2.8
    assert 0 < latest["checklist_answers"]["initiative_id"].nunique() < N / 3
    for meta, tables in zip(metas, frames, strict=True):
        for name in schema.GOVERNANCE_TABLES:
            assert meta.row_counts.get(name, 0) == len(tables[name]), name
        assert tables["decisions"]["decision_id"].is_unique and tables["risks"]["risk_id"].is_unique
    ids = latest["decisions"]["decision_id"].tolist() + latest["risks"]["risk_id"].tolist()
    slug = re.compile(schema.SLUG_PATTERN)
    assert all(slug.fullmatch(i) for i in ids + latest["benefits"]["benefit_id"].tolist())


def test_checklist_answers_are_for_passed_decision_points_only(generated):
    from portfolio.texts import checklists

    _, _, _, frames, _ = generated
    for tables in frames:
        answers, initiatives = tables["checklist_answers"], tables["initiatives"].set_index("initiative_id")
        assert not answers.duplicated(["initiative_id", "decision_point", "item_no"]).any()
        sizes = answers["decision_point"].map(lambda bp: len(checklists.CHECKLISTS[bp]))
        assert ((answers["item_no"] >= 1) & (answers["item_no"] <= sizes)).all()
        passed = initiatives.loc[answers["initiative_id"], "phase"].map(schema.PHASES.index).to_numpy()
        assert (answers["decision_point"].str[2].astype(int).to_numpy() <= passed).all()
        assert set(answers["answer"]) >= set(schema.CHECKLIST_ANSWERS)


def test_decisions_at_a_decision_point_are_dated_the_day_it_was_passed(generated):
    _, _, metas, frames, _ = generated
    for meta, tables in zip(metas, frames, strict=True):
        decisions = tables["decisions"]
        assert (decisions["decided_on"] <= meta.created.date()).all()
        at_bp = decisions[decisions["decision_point"].notna()]
        assert len(at_bp) and len(at_bp) < len(decisions)
        milestones = tables["milestones"]
        bp = milestones[milestones["kind"] == "beslutningspunkt"].set_index(["initiative_id", "decision_point"])
        both = at_bp.join(bp["completed_date"], on=["initiative_id", "decision_point"], how="inner")
        assert len(both) and (both["decided_on"] == both["completed_date"]).all()
        political = decisions["body"].isin(["formannskap", "bystyre"])
        assert decisions.loc[political, "case_number"].notna().all()


def test_risks_move_and_close_week_by_week(generated):
    _, _, _, frames, _ = generated
    for before, after in zip(frames, frames[1:], strict=False):
        a = before["risks"].set_index("risk_id")
        b = after["risks"].set_index("risk_id").loc[a.index]
        scores = (a["probability"] * a["consequence"]) != (b["probability"] * b["consequence"])
        assert 0 < scores.sum() < len(a) / 4
        assert (b.loc[a["status"] == "lukket", "status"] == "lukket").all()  # a closed risk stays closed
        assert ((a["status"] != "lukket") & (b["status"] == "lukket")).any()
        assert len(after["risks"]) >= len(before["risks"])
    risks = frames[-1]["risks"]
    assert set(risks["status"]) == set(schema.RISK_STATUSES)
    assert risks["probability"].between(1, 5).all() and risks["consequence"].between(1, 5).all()
    assert (risks["probability"] * risks["consequence"] >= 15).any()


def test_benefits_are_measured_towards_their_targets(generated):
    _, _, _, frames, _ = generated
    counts = [len(tables["benefit_measurements"]) for tables in frames]
    assert counts == sorted(counts) and counts[-1] > counts[0]
    benefits = frames[-1]["benefits"].set_index("benefit_id")
    measured = frames[-1]["benefit_measurements"].join(benefits, on="benefit_id")
    assert (measured["measured_on"] > measured["baseline_on"]).all()
    assert set(benefits["unit"]) == set(schema.BENEFIT_UNITS) and set(benefits["kind"]) == set(schema.BENEFIT_KINDS)
    latest = measured.sort_values("measured_on").groupby("benefit_id").last()
    share = (latest["value"] - latest["baseline"]) / (latest["target"] - latest["baseline"])
    assert share.median() > 0.3 and (share >= 1).any()
    public_ids = set(frames[-1]["initiatives"].query("is_public")["initiative_id"])
    for name in ("decisions", "benefits"):
        frame = frames[-1][name]
        shown = frame[frame["is_public"]]
        assert len(shown) and shown["initiative_id"].isin(public_ids).all()
        assert not frame["is_public"].all()


def test_the_collaboration_tables_fill_as_their_days_come(generated):
    """About 2 engagements per initiative, counted once held; 2–3 surveys of
    about 1 initiative in 10 and of every owner area, seven scores each."""
    from portfolio.model import collaboration
    from portfolio.texts import dimensions

    _, _, metas, frames, _ = generated
    for meta, tables in zip(metas, frames, strict=True):
        for name in schema.COLLABORATION_TABLES:
            assert meta.row_counts.get(name, 0) == len(tables[name]), name
        engagements = tables["engagements"]
        held = engagements["held_on"] <= meta.created.date()
        assert engagements.loc[~held, list(schema.PARTICIPANT_COLUMNS)].isna().all().all()  # counted once held
        assert engagements.loc[held, list(schema.PARTICIPANT_COLUMNS)].notna().any(axis=1).all()
        assert (tables["collaboration_surveys"]["conducted_on"] <= meta.created.date()).all()
    counts = [len(tables["engagements"]) for tables in frames]
    assert counts == sorted(counts) and counts[-1] > counts[0]
    latest = frames[-1]
    engagements, surveys, scores = latest["engagements"], latest["collaboration_surveys"], latest["collaboration_scores"]
    assert 1.5 <= len(engagements) / N <= 2.5
    assert set(engagements["kind"]) == set(schema.ENGAGEMENT_KINDS)
    assert engagements["engagement_id"].is_unique and surveys["survey_id"].is_unique
    public_ids = set(latest["initiatives"].query("is_public")["initiative_id"])
    shown = engagements[engagements["is_public"]]
    assert len(shown) and shown["initiative_id"].isin(public_ids).all()
    surveyed = surveys["initiative_id"].dropna().unique()
    assert 0.04 * N <= len(surveyed) <= 0.16 * N
    assert set(surveys["area"].dropna()) == set(latest["initiatives"]["owner_area"])
    per_unit = surveys.assign(unit=surveys["initiative_id"].fillna(surveys["area"])).groupby("unit").size()
    assert per_unit.max() <= 3 and (per_unit >= 2).mean() > 0.5
    assert (scores.groupby("survey_id").size() == len(dimensions.DIMENSIONS)).all()
    assert set(scores["survey_id"]) == set(surveys["survey_id"])
    respondents = scores["survey_id"].map(surveys.set_index("survey_id")["respondents"])
    assert (scores["n"] <= respondents).all() and scores["mean"].between(1, 5).all()
    assert set(scores["dimension"]) >= set(dimensions.DIMENSIONS)  # and another instrument's own
    rows = collaboration.with_previous(surveys, scores)
    change = (rows["mean"] - rows["previous_mean"].astype(float)).dropna()
    assert len(change) and change.mean() > 0 and (change < 0).any()  # modestly up, not everywhere


def test_same_seed_same_content_other_seed_different(tmp_path, generated):
    _, _, metas, _, _ = generated
    again = write_generated(tmp_path / "again", N, WEEKS, seed=7)
    assert [m.content_hash for m in again] == [m.content_hash for m in metas]
    assert [m.snapshot_id for m in again] == [m.snapshot_id for m in metas]
    other = write_generated(tmp_path / "other", N, WEEKS, seed=8)
    assert all(a.content_hash != b.content_hash for a, b in zip(other, metas, strict=False))


def test_refuses_a_folder_with_snapshots(generated):
    folder, store, metas, _, _ = generated
    with pytest.raises(ValueError):
        write_generated(folder, 10, 1)
    assert [m.snapshot_id for m in store.list()] == [m.snapshot_id for m in metas]


def test_every_snapshot_is_in_the_lake_tables(generated):
    _, store, metas, _, _ = generated
    assert lake_counts(store, "initiatives") == {m.snapshot_id: N for m in metas}
    milestones = lake_counts(store, "milestones")
    assert len(milestones) == WEEKS
    assert sum(milestones.values()) == sum(m.row_counts["milestones"] for m in metas)


def _tool(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "tools.generate", *args], cwd=ROOT, capture_output=True, text=True, timeout=300
    )


def test_command_writes_the_same_data_and_refuses_a_folder_with_snapshots(tmp_path):
    out = tmp_path / "cli"
    result = _tool("--initiatives", "30", "--snapshots", "2", "--seed", "7", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert "Skrev 2 øyeblikksbilder" in result.stdout
    assert "Øyeblikksbilde 2 av 2" in result.stderr
    direct = write_generated(tmp_path / "direct", 30, 2, seed=7)
    assert [m.to_json() for m in Store(out).list()] == [m.to_json() for m in direct]
    again = _tool("--initiatives", "30", "--snapshots", "2", "--out", str(out))
    assert again.returncode == 2
    assert "inneholder allerede øyeblikksbilder" in again.stderr
    refused = _tool("--initiatives", "0", "--out", str(tmp_path / "none"))
    assert refused.returncode == 2 and "minst 1" in refused.stderr
    assert not (tmp_path / "none").exists()
