"""The in-app editor's collaboration tables on «Oppdater data»: an
initiative's engagements, surveys and their scores edited like the
governance register (validation, preview, commit), through AppTest on a real
store in a tmp folder; and the table logic (portfolio.present.editor_tables)
on its own.

The data editors are driven by assigning their edit state (`edited_rows`,
`added_rows`, `deleted_rows`) in session state before a run, as AppTest asks.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pandas as pd
import pytest

from collaboration_rows import engagement, frame, score, survey
from conftest import DEMO_DATA, copy_store
from portfolio.model import schema
from portfolio.present import editor_tables as tables
from portfolio.store.snapshots import Store
from portfolio.texts import dimensions
from portfolio.texts import editor as E
from test_editor_register import PICKED, commit, edit, editor_of, latest_frames, open_page, option_values, preview
from test_editor_register import problem_messages as problems


def collaboration_rows(initiative_id: str = PICKED) -> dict[str, pd.DataFrame]:
    """Two engagements and a survey with two scores of one initiative, and a
    survey of a kommunalområde (never in the initiative's editors)."""
    return {
        "engagements": frame("engagements", [
            engagement("decidim-verksted", initiative_id, title="Verksted om deltakelse", place="Biblioteket",
                       participants_citizens=24, participants_staff=5, is_public=True),
            engagement("decidim-seminar", initiative_id, kind="seminar", title="Seminar for ansatte",
                       held_on=dt.date(2022, 2, 1), participants_staff=30),
        ]),
        "collaboration_surveys": frame("collaboration_surveys", [
            survey("decidim-2023", initiative_id, conducted_on=dt.date(2023, 3, 1)),
            survey("helse-2023", area="Helse og mestring", respondents=12),
        ]),
        "collaboration_scores": frame("collaboration_scores", [
            score("decidim-2023", "Felles mål", 3.4, 20),
            score("decidim-2023", "Gjensidig respekt", 4.1, 19),
            score("helse-2023", "Tillit", 3.0, 12),
        ]),
    }


@pytest.fixture()
def collaboration_store(tmp_path, data_env) -> Path:
    """The demo data in a tmp folder, with a latest snapshot that has collaboration rows."""
    root = copy_store(DEMO_DATA, tmp_path / "data")
    store = Store(root)
    latest = store.latest()
    frames = store.read_frames(latest.snapshot_id)
    frames.update(collaboration_rows())
    store.write(frames, author="Test", note="Samhandling", base_id=latest.snapshot_id)
    data_env(root)
    return root


# -- the page ------------------------------------------------------------------------------

def test_the_editors_show_the_initiatives_rows_with_drop_downs_and_bounds(collaboration_store):
    at = open_page()
    engagements = editor_of(at, "ed_e_")
    assert list(engagements.value["title"]) == ["Verksted om deltakelse", "Seminar for ansatte"]
    config = json.loads(engagements.proto.columns)
    assert option_values(config["kind"]) == set(schema.ENGAGEMENT_KINDS)
    count = config["participants_citizens"]["type_config"]
    assert (count["min_value"], count["step"]) == (0, 1)
    assert config["engagement_id"]["disabled"] is True and config["held_on"]["type_config"]["format"] == "DD.MM.YYYY"
    surveys = editor_of(at, "ed_u_")
    assert list(surveys.value["survey_id"]) == ["decidim-2023"]  # not the kommunalområde's survey
    scores = editor_of(at, "ed_k_")
    assert list(scores.value["dimension"]) == ["Felles mål", "Gjensidig respekt"]
    config = json.loads(scores.proto.columns)
    assert config["survey_id"]["type_config"]["options"] == [{"value": "decidim-2023", "label": "01.03.2023 – ansatte"}]
    # the seven, then the dimensions another instrument uses in the data
    assert [o if isinstance(o, str) else o["value"] for o in config["dimension"]["type_config"]["options"]] == [
        *dimensions.DIMENSIONS, "Tillit"]
    mean = config["mean"]["type_config"]
    assert (mean["min_value"], mean["max_value"]) == (1, 5)
    assert {e.label for e in at.expander} >= {"Medvirkning (2)", "Samhandlingsundersøkelser (1)"}


def test_a_participant_count_is_previewed_then_committed_and_nothing_else_changes(collaboration_store):
    at = open_page()
    pending = preview(at)
    assert pending.prepared.unchanged  # untouched editors: no change
    edit(at, "ed_e_", edited={1: {"participants_citizens": 12}})
    pending = preview(at)
    assert pending.prepared.ok and pending.change_count == 1
    before = latest_frames(collaboration_store)
    commit(at, note="Flere deltakere")
    after = latest_frames(collaboration_store)
    stored = after["engagements"].set_index("engagement_id")
    assert stored.loc["decidim-seminar", "participants_citizens"] == 12
    for name in schema.TABLE_NAMES:
        if name != "engagements":
            pd.testing.assert_frame_equal(after[name], before[name], check_dtype=False)


def test_an_engagement_and_a_score_are_added_with_a_new_id(collaboration_store):
    at = open_page()
    edit(at, "ed_e_", added=[{"held_on": "2022-10-27", "kind": "konferanse", "title": "Sammen.",
                              "participants_leaders": 40}])
    edit(at, "ed_k_", added=[{"survey_id": "decidim-2023", "dimension": "Hyppig kommunikasjon", "mean": 3.25,
                              "n": 20}])
    pending = preview(at)
    assert pending.prepared.ok, [p.message for p in pending.prepared.problems]
    commit(at)
    after = latest_frames(collaboration_store)
    new = after["engagements"].set_index("engagement_id").loc[f"{PICKED}-medvirkning-1"]
    assert (new["initiative_id"], new["kind"], new["held_on"], new["participants_leaders"], bool(new["is_public"])) == (
        PICKED, "konferanse", dt.date(2022, 10, 27), 40, False)
    scores = after["collaboration_scores"].set_index(["survey_id", "dimension"])
    assert scores.loc[("decidim-2023", "Hyppig kommunikasjon"), "mean"] == 3.25
    assert len(after["collaboration_scores"]) == 4  # the kommunalområde's score kept


def test_a_mean_of_6_and_more_answers_than_respondents_are_refused_and_nothing_is_saved(collaboration_store):
    at = open_page()
    count = len(Store(collaboration_store).list())
    edit(at, "ed_k_", edited={0: {"mean": 6.0}, 1: {"n": 25}})
    pending = preview(at)
    assert not pending.prepared.ok
    messages = problems(at)
    assert any("Gjennomsnitt (1–5)" in m and "«6» er utenfor gyldig område (1–5)" in m for m in messages), messages
    assert any("25 svar for dimensjonen er flere enn undersøkelsens 20 svar" in m for m in messages), messages
    assert not [b for b in at.button if b.key and b.key.startswith("commit_")]
    assert len(Store(collaboration_store).list()) == count


# -- the table logic on its own ---------------------------------------------------------------

def test_scores_belong_to_the_initiative_through_its_surveys():
    frames = {name: rows for name, rows in collaboration_rows().items()}
    shown = tables.rows_of(frames, tables.SCORES, PICKED)
    assert list(shown["dimension"]) == ["Felles mål", "Gjensidig respekt"]
    edited = shown.drop(index=[1])
    edited.loc[2] = {"survey_id": "decidim-2023", "dimension": "Felles kunnskap", "mean": 3, "n": 18.0}
    out = {name: rows.copy() for name, rows in frames.items()}
    tables.put_back_all(out, frames, PICKED, {"collaboration_scores": edited}, {})
    scores = out["collaboration_scores"]
    assert list(zip(scores["survey_id"], scores["dimension"], strict=True)) == [
        ("decidim-2023", "Felles mål"), ("helse-2023", "Tillit"), ("decidim-2023", "Felles kunnskap")]
    added = scores.iloc[-1]
    assert (added["mean"], added["n"]) == (3.0, 18) and isinstance(added["mean"], float)
    assert tables.collaboration_counts(frames, PICKED) == {
        "engagements": 2, "collaboration_surveys": 1, "collaboration_scores": 2}
    assert E.ID_PREFIX["collaboration_surveys"] == "undersokelse"
    assert tables.new_id("collaboration_surveys", PICKED, {f"{PICKED}-undersokelse-1"}) == f"{PICKED}-undersokelse-2"
