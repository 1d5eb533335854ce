"""The in-app editor's governance register on «Oppdater data»: decisions,
checklist answers, risks, benefits and measurements edited like the first
three tables (validation, preview, commit, conflict), through AppTest on a
real store in a tmp folder; and the editor's table logic
(portfolio.present.editor_tables) on its own, at the size of a large
portfolio.

The data editors are driven by assigning their edit state (`edited_rows`,
`added_rows`, `deleted_rows`) in session state before a run, as AppTest asks.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from conftest import DEMO_DATA, ROOT, copy_store
from portfolio.model import schema
from portfolio.present import editor_tables as tables
from portfolio.store.snapshots import Store
from portfolio.texts import checklists
from portfolio.texts import editor as E
from portfolio.texts import update as T
from portfolio.web import update

APP = str(ROOT / "dashboard.py")
P = T.PAGE
PICKED = "prosjekt-decidim"


def register_rows(initiative_id: str = PICKED) -> dict[str, pd.DataFrame]:
    """A small governance register for one initiative (valid by every rule)."""
    def frame(table: str, rows: list[dict]) -> pd.DataFrame:
        columns = schema.TABLES[table].column_names
        return pd.DataFrame([{c: row.get(c) for c in columns} for row in rows], columns=columns)

    return {
        "decisions": frame("decisions", [
            {"decision_id": "decidim-bp1", "initiative_id": initiative_id, "decided_on": dt.date(2021, 2, 8),
             "body": "KDL", "decision_point": "BP1", "title": "Oppstart av konseptfasen", "is_public": False},
        ]),
        "checklist_answers": frame("checklist_answers", [
            {"initiative_id": initiative_id, "decision_point": "BP1", "item_no": 1, "answer": "Ja"},
            {"initiative_id": initiative_id, "decision_point": "BP1", "item_no": 3, "answer": "Nei",
             "comment": "Kommer senere"},
        ]),
        "risks": frame("risks", [
            {"risk_id": "decidim-personvern", "initiative_id": initiative_id, "title": "Personvern",
             "probability": 3, "consequence": 4, "status": "åpen", "strategy": "redusere",
             "identified_on": dt.date(2026, 1, 5)},
            {"risk_id": "decidim-kapasitet", "initiative_id": initiative_id, "title": "Kapasitet",
             "probability": 2, "consequence": 2, "status": "under oppfølging",
             "identified_on": dt.date(2026, 2, 1)},
        ]),
        "benefits": frame("benefits", [
            {"benefit_id": "decidim-deltakelse", "initiative_id": initiative_id, "title": "Flere deltar",
             "kind": "direkte", "indicator": "Deltakere per år", "unit": "antall", "baseline": 100.0,
             "baseline_on": dt.date(2025, 1, 1), "target": 500.0, "target_on": dt.date(2027, 12, 31),
             "is_public": False},
        ]),
        "benefit_measurements": frame("benefit_measurements", [
            {"benefit_id": "decidim-deltakelse", "measured_on": dt.date(2025, 12, 31), "value": 180.0},
        ]),
    }


@pytest.fixture()
def register_store(tmp_path, data_env) -> Path:
    """The demo data in a tmp folder, with a latest snapshot that has a governance register."""
    root = copy_store(DEMO_DATA, tmp_path / "data")
    store = Store(root)
    latest = store.latest()
    frames = store.read_frames(latest.snapshot_id)
    frames.update(register_rows())
    store.write(frames, author="Test", note="Styring", base_id=latest.snapshot_id)
    data_env(root)
    return root


def open_page(initiative: str = PICKED) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params["initiative"] = initiative
    at.switch_page("views/update.py").run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def editor_of(at: AppTest, prefix: str):
    """The data editor whose key starts with `prefix` (ed_d_, ed_c_BP1_, ed_r_, ed_g_, ed_gm_)."""
    found = [e for e in at.data_editor if e.key and e.key.startswith(prefix)]
    assert len(found) == 1, [e.key for e in at.data_editor]
    return found[0]


def edit(at: AppTest, prefix: str, edited=None, added=None, deleted=None) -> AppTest:
    at.session_state[editor_of(at, prefix).key] = {
        "edited_rows": edited or {}, "added_rows": added or [], "deleted_rows": deleted or []}
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def preview(at: AppTest) -> update.Pending:
    at.button(key="edit_preview").click().run()
    assert not at.exception, [e.message for e in at.exception]
    return at.session_state[update.pending_key("edits")]


def commit(at: AppTest, note="Styring oppdatert") -> AppTest:
    at.text_input(key=update.author_key("edits")).input("Kari Nordmann").run()
    at.text_area(key=update.note_key("edits")).input(note).run()
    at.button(key="commit_edits").click().run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def latest_frames(root: Path) -> dict[str, pd.DataFrame]:
    store = Store(root)
    return store.read_frames(store.latest().snapshot_id)


def option_values(column: dict) -> set[str]:
    """A drop-down column's stored values (an option is a value, or a value with its label)."""
    return {o if isinstance(o, str) else o["value"] for o in column["type_config"]["options"]}


def problem_messages(at: AppTest) -> list[str]:
    return [line for m in at.markdown for line in m.value.splitlines() if line.startswith("- **")]


# -- the page ------------------------------------------------------------------------------

def test_the_register_editors_show_the_initiatives_rows_with_the_score_and_bounds(register_store):
    at = open_page()
    risks = editor_of(at, "ed_r_")
    assert list(risks.value["title"]) == ["Personvern", "Kapasitet"]
    assert list(risks.value[tables.SCORE]) == [12, 4]  # probability × consequence, not stored
    config = json.loads(risks.proto.columns)
    assert config[tables.SCORE]["disabled"] is True and config["risk_id"]["disabled"] is True
    probability = config["probability"]["type_config"]
    assert (probability["min_value"], probability["max_value"], probability["step"]) == (1, 5, 1)
    assert option_values(config["status"]) == set(schema.RISK_STATUSES)
    assert option_values(config["strategy"]) == set(schema.RISK_STRATEGIES)
    assert config["identified_on"]["type_config"]["format"] == "DD.MM.YYYY"
    decisions = json.loads(editor_of(at, "ed_d_").proto.columns)
    assert option_values(decisions["body"]) == set(schema.DECISION_BODIES)
    benefits = json.loads(editor_of(at, "ed_g_").proto.columns)
    assert option_values(benefits["unit"]) == set(schema.BENEFIT_UNITS)
    assert option_values(benefits["kind"]) == set(schema.BENEFIT_KINDS)
    measurements = editor_of(at, "ed_gm_")
    options = json.loads(measurements.proto.columns)["benefit_id"]["type_config"]["options"]
    assert options == [{"value": "decidim-deltakelse", "label": "Flere deltar"}]
    # BP1: the checklist's seven questions, two of them answered
    bp1 = editor_of(at, "ed_c_BP1_").value
    assert list(bp1[tables.QUESTION]) == list(checklists.CHECKLISTS["BP1"])
    assert list(bp1[tables.ANSWER].fillna("")) == ["Ja", "", "Nei", "", "", "", ""]
    # the rows of this initiative only, in expanders that say how many there are
    assert {e.label for e in at.expander} >= {"Vedtak (1)", "Sjekkliste (2)", "Risiko (2)", "Gevinster (1)"}


def test_a_risks_probability_is_previewed_then_committed_as_one_snapshot(register_store):
    at = open_page()
    edit(at, "ed_r_", edited={0: {"probability": 4}})
    # the score after the edit, in words under the editor (the column shows the saved one)
    assert any("«Personvern»: 4 × 4 = 16" in c.value for c in at.caption)
    pending = preview(at)
    assert pending.prepared.ok and not pending.prepared.unchanged
    assert pending.change_count >= 1
    table = pending.table
    assert len(table) == pending.change_count == 1
    row = table.iloc[0]
    assert "Personvern" in row[P["col_detail"]]
    assert row[P["col_old"]].endswith("= 12") and row[P["col_new"]].endswith("= 16")  # the score moved
    assert row[P["col_initiative"]] == "Prosjekt Decidim"
    before = latest_frames(register_store)
    count = len(Store(register_store).list())
    commit(at)
    assert any("Lagret" in s.value for s in at.success)
    assert len(Store(register_store).list()) == count + 1
    after = latest_frames(register_store)
    risks = after["risks"].set_index("risk_id")
    assert risks.loc["decidim-personvern", "probability"] == 4
    assert "score" not in after["risks"].columns
    expected = before["risks"].set_index("risk_id")
    expected.loc["decidim-personvern", "probability"] = 4
    pd.testing.assert_frame_equal(risks, expected, check_dtype=False)
    for name in schema.TABLE_NAMES:
        if name != "risks":
            pd.testing.assert_frame_equal(after[name], before[name], check_dtype=False)


def test_a_probability_of_7_is_refused_in_norwegian_and_nothing_is_saved(register_store):
    at = open_page()
    count = len(Store(register_store).list())
    edit(at, "ed_r_", edited={0: {"probability": 7}})
    pending = preview(at)
    assert not pending.prepared.ok
    messages = problem_messages(at)
    assert any("Sannsynlighet (1–5)" in m and "utenfor gyldig område (1–5)" in m for m in messages), messages
    assert not [b for b in at.button if b.key and b.key.startswith("commit_")]
    assert len(Store(register_store).list()) == count


def test_bp1_answers_are_typed_beside_the_offered_questions(register_store):
    at = open_page("flere-i-arbeid")  # no answers yet
    bp1 = editor_of(at, "ed_c_BP1_").value
    assert list(bp1[tables.ITEM]) == list(range(1, 8))
    assert list(bp1[tables.QUESTION]) == list(checklists.CHECKLISTS["BP1"])
    assert bp1[tables.ANSWER].isna().all()
    answers = ["Ja", "Ja", "Nei", "Prosjekt", "Nei", "Delvis – bevilget årlig 300 000", "Kommer i styringsdokumentet"]
    edit(at, "ed_c_BP1_", edited={i: {tables.ANSWER: a} for i, a in enumerate(answers)})
    pending = preview(at)
    assert pending.prepared.ok and pending.change_count >= 1
    commit(at, note="BP1-sjekkliste")
    stored = latest_frames(register_store)["checklist_answers"]
    mine = stored[stored["initiative_id"] == "flere-i-arbeid"].sort_values("item_no")
    assert list(mine["decision_point"]) == ["BP1"] * 7
    assert list(mine["item_no"]) == list(range(1, 8))
    assert list(mine["answer"]) == answers
    assert list(mine["question"]) == list(checklists.CHECKLISTS["BP1"])
    # the other initiative's answers are kept as they were
    assert len(stored[stored["initiative_id"] == PICKED]) == 2


def test_rows_are_added_and_deleted_with_new_ids(register_store):
    at = open_page()
    edit(at, "ed_d_", added=[{"decided_on": "2026-11-16", "body": "styringsgruppe", "decision_point": "BP2",
                              "title": "Oppstart av planleggingsfasen"}])
    edit(at, "ed_r_", deleted=[1])
    edit(at, "ed_gm_", added=[{"benefit_id": "decidim-deltakelse", "measured_on": "2026-06-30", "value": 260}])
    edit(at, "ed_c_BP1_", edited={0: {tables.ANSWER: None}})  # clearing an answer deletes it
    pending = preview(at)
    assert pending.prepared.ok, [p.message for p in pending.prepared.problems]
    commit(at)
    after = latest_frames(register_store)
    decision = after["decisions"].set_index("decision_id").loc[f"{PICKED}-vedtak-1"]
    assert (decision["initiative_id"], decision["body"], decision["decided_on"], bool(decision["is_public"])) == (
        PICKED, "styringsgruppe", dt.date(2026, 11, 16), False)
    assert list(after["risks"]["risk_id"]) == ["decidim-personvern"]
    measured = after["benefit_measurements"].set_index("measured_on")["value"]
    assert measured.to_dict() == {dt.date(2025, 12, 31): 180.0, dt.date(2026, 6, 30): 260.0}
    assert list(after["checklist_answers"]["item_no"]) == [3]


def test_an_untouched_register_is_no_change(register_store):
    at = open_page()
    pending = preview(at)
    assert pending.prepared.unchanged
    assert any("Ingen endringer" in i.value for i in at.info)


def test_a_register_edit_on_a_stale_base_is_a_conflict_and_writes_nothing(register_store):
    at = open_page()
    edit(at, "ed_r_", edited={1: {"status": "lukket"}})
    pending = preview(at)
    assert pending.prepared.ok
    store = Store(register_store)
    latest = store.latest()
    other = store.write(store.read_frames(latest.snapshot_id), author="Ola", note="Kom først",
                        base_id=latest.snapshot_id)
    commit(at)
    assert any("Konflikt" in e.value and "Ola" in e.value for e in at.error)
    assert Store(register_store).latest() == other
    risks = latest_frames(register_store)["risks"].set_index("risk_id")
    assert risks.loc["decidim-kapasitet", "status"] == "under oppfølging"


def test_an_empty_register_offers_empty_editors(tmp_path, data_env):
    """A snapshot written before the register (its tables read as empty)."""
    root = copy_store(DEMO_DATA, tmp_path / "data")
    store = Store(root)
    latest = store.latest()
    frames = store.read_frames(latest.snapshot_id)
    store.write({name: frames[name] for name in ("initiatives", "budgets", "milestones")},
                author="Test", note="Uten registeret", base_id=latest.snapshot_id)
    data_env(root)
    at = open_page()
    for prefix in ("ed_d_", "ed_r_", "ed_g_"):
        assert len(editor_of(at, prefix).value) == 0
    assert any(c.value == E.MEASUREMENTS_NO_BENEFIT for c in at.caption)
    edit(at, "ed_r_", added=[{"title": "Ny risiko", "probability": 2, "consequence": 5, "status": "åpen",
                              "identified_on": "2026-11-20"}])
    assert any("«Ny risiko»: 2 × 5 = 10" in c.value for c in at.caption)
    pending = preview(at)
    assert pending.prepared.ok, [p.message for p in pending.prepared.problems]
    commit(at)
    risks = latest_frames(root)["risks"]
    assert list(risks["risk_id"]) == [f"{PICKED}-risiko-1"]


# -- the table logic on its own ---------------------------------------------------------------

def test_put_back_keeps_changes_adds_and_deletes_by_position():
    frames = {name: pd.concat([register_rows(PICKED)[name], register_rows("annet")[name].assign(
        **({"risk_id": ["a1", "a2"]} if name == "risks" else {}))], ignore_index=True)
        for name in ("risks",)}
    shown = tables.rows_of(frames, tables.RISKS, PICKED)
    assert list(shown.index) == [0, 1]
    edited = shown.drop(index=[0])
    edited.loc[1, "title"] = "Kapasitet i teamet"
    edited.loc[2] = {**dict.fromkeys(edited.columns), "title": "Ny", "probability": 1.0, "consequence": 2.0}
    out = {"risks": frames["risks"].copy()}
    tables.put_back(out, frames, tables.RISKS, PICKED, edited)
    risks = out["risks"]
    assert list(risks["risk_id"]) == ["decidim-kapasitet", "a1", "a2", f"{PICKED}-risiko-1"]
    assert risks.loc[0, "title"] == "Kapasitet i teamet"
    new = risks.iloc[-1]
    assert (new["initiative_id"], new["probability"], new["consequence"]) == (PICKED, 1, 2)
    # an added row left empty is no row
    out = {"risks": frames["risks"].copy()}
    tables.put_back(out, frames, tables.RISKS, PICKED, pd.concat([shown, shown.iloc[:0].reindex([2])]))
    assert len(out["risks"]) == len(frames["risks"])


def test_new_ids_are_free_slugs_within_the_id_length():
    taken = {"x-risiko-1", "x-risiko-2"}
    assert tables.new_id("risks", "x", taken) == "x-risiko-3"
    long = "a" * schema.ID_LENGTH
    made = tables.new_id("benefits", long, set())
    assert len(made) <= schema.ID_LENGTH and made.endswith("-gevinst-1")


def test_a_stored_answer_to_an_unknown_item_is_shown_to_be_cleared():
    rows = register_rows()["checklist_answers"]
    rows.loc[len(rows)] = {"initiative_id": PICKED, "decision_point": "BP1", "item_no": 9, "question": None,
                           "answer": "Ja", "comment": None}
    shown = tables.checklist_rows({"checklist_answers": rows}, PICKED, "BP1")
    assert list(shown[tables.ITEM]) == [1, 2, 3, 4, 5, 6, 7, 9]
    assert shown.iloc[-1][tables.QUESTION] == E.CHECKLIST_UNKNOWN.format(item_no=9, decision_point="BP1")


def test_the_editor_stays_small_and_quick_on_10_000_initiatives():
    """30 000 risks, 10 000 benefits with 40 000 measurements, 70 000 answers:
    the editor sends one initiative's rows and puts them back quickly."""
    n = 10_000
    ids = [f"tiltak-{i}" for i in range(n)]
    base = register_rows("x")

    def many(table: str, per: int, extra=None) -> pd.DataFrame:
        row = base[table].iloc[0].to_dict()
        frame = pd.DataFrame([row] * (n * per))
        frame["initiative_id" if "initiative_id" in frame else "benefit_id"] = (
            [f"gevinst-{i}" for i in range(n) for _ in range(per)] if table == "benefit_measurements"
            else [i for i in ids for _ in range(per)])
        for column, values in (extra or {}).items():
            frame[column] = values
        return frame

    frames = {
        "risks": many("risks", 3, {"risk_id": [f"risiko-{i}" for i in range(3 * n)]}),
        "decisions": many("decisions", 2, {"decision_id": [f"vedtak-{i}" for i in range(2 * n)]}),
        "benefits": many("benefits", 1, {"benefit_id": [f"gevinst-{i}" for i in range(n)]}),
        "benefit_measurements": many("benefit_measurements", 4, {
            "measured_on": [dt.date(2026, 1 + k, 1) for _ in range(n) for k in range(4)]}),
        "checklist_answers": many("checklist_answers", 7, {"item_no": [k for _ in range(n) for k in range(1, 8)]}),
    }
    picked = ids[4_321]
    shown = {name: tables.rows_of(frames, spec, picked) for name, spec in tables.EDIT_TABLES.items()}
    answers = {bp: tables.checklist_rows(frames, picked, bp) for bp in schema.DECISION_POINTS}
    shown["risks"].loc[0, "probability"] = 5
    out = {name: frame.copy() for name, frame in frames.items()}
    tables.put_back_all(out, frames, picked, {name: rows.drop(columns=[tables.SCORE], errors="ignore")
                                              for name, rows in shown.items()}, answers)
    assert [len(shown[t]) for t in ("risks", "decisions", "benefits", "benefit_measurements")] == [3, 2, 1, 4]
    assert max(len(a) for a in answers.values()) < 20
    assert out["risks"].loc[3 * 4_321, "probability"] == 5
    assert (out["risks"]["probability"] != frames["risks"]["probability"]).sum() == 1
    assert len(out["checklist_answers"]) == 7 * n
    # measured 0.17–0.25 s here; bench/ measures speed, this test what the editor does

