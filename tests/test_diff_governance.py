"""The change engine on the governance register (portfolio/model/diff_governance.py):
each kind of change from hand-built frames, floats compared as numbers, the
JSON of `diff --json`, and the words: the summary sentences, the sections of
«Endringer», the command line's report and the import preview."""

from __future__ import annotations

import datetime as dt
import json

import numpy as np
import pandas as pd
import pytest

from conftest import cli_in_process as cli
from conftest import initiative, milestone, tables
from portfolio.ingest import preview
from portfolio.model import diff, diff_governance, schema
from portfolio.model.validate import empty_frame, with_later_tables
from portfolio.present import change_summary, change_words, changes
from portfolio.present.update import change_table
from portfolio.texts import changes as T
from test_diff import (
    HOURS,
    answer,
    benefit,
    decision,
    frame,
    measurement,
    new_portfolio,
    old_portfolio,
    risk,
    write_pair,
)

C = T.COLUMNS
TODAY = dt.date(2026, 6, 1)


def portfolio(ids=("a", "b"), **governance: list[dict]) -> dict:
    """Initiatives `ids` and the governance tables given (the others empty)."""
    data = with_later_tables(tables([initiative(i) for i in ids]))
    return data | {name: frame(name, rows) for name, rows in governance.items()}


def compare(old: dict, new: dict) -> list[diff.Change]:
    return diff.compare(old, new, today=TODAY)


def of(found, kind):
    return [c for c in found if c.kind == kind]


# -- each kind -----------------------------------------------------------------------------

def test_every_governance_kind_has_a_label_and_a_section():
    assert set(diff.GOVERNANCE_KINDS) <= set(diff.KINDS)
    assert set(diff.KINDS) == set(T.KIND_LABELS)
    sections = {k for section in changes.SECTIONS for k in changes.SECTION_KINDS[section]}
    assert set(diff.GOVERNANCE_KINDS) <= sections
    # every kind has a level in the summary, every level a label
    from portfolio.present import change_sentences

    assert set(change_sentences.KIND_LEVEL) == set(diff.KINDS)
    assert set(T.SEVERITY_LABELS) == set(change_summary.LEVELS)


def test_a_new_decision_and_a_removed_and_changed_one():
    old = portfolio(decisions=[decision("d1", "a", case_number="2025/1"), decision("d2", "a")])
    new = portfolio(decisions=[
        decision("d1", "a", case_number="2025/7"),
        decision("d3", "b", decided_on=dt.date(2026, 5, 2), body="styringsgruppe", decision_point="BP2",
                 title="Planlegging vedtatt"),
    ])
    found = compare(old, new)
    assert [(c.initiative_id, c.kind, c.field, c.old, c.new, c.key) for c in found] == [
        ("a", "decision_removed", "title", "Vedtak d2", None, (("decision_id", "d2"),)),
        ("a", "decision_changed", "case_number", "2025/1", "2025/7", (("decision_id", "d1"),)),
        ("b", "decision_added", "title", None, "Planlegging vedtatt", (("decision_id", "d3"),)),
    ]
    assert dict(found[2].facts) == {"title": "Planlegging vedtatt", "decided_on": dt.date(2026, 5, 2),
                                    "body": "styringsgruppe", "decision_point": "BP2"}


def test_checklist_answers_added_changed_removed_and_commented():
    old = portfolio(checklist_answers=[answer("a", 1, "Nei"), answer("a", 2, "Ja"), answer("a", 3, "Ja")])
    new = portfolio(checklist_answers=[
        answer("a", 1, "Ja"), answer("a", 3, "Ja", comment="Avklart"), answer("a", 4, "Delvis – bevilget årlig 300 000"),
        answer("b", 1, "Ikke vurdert", decision_point="BP2"),
    ])
    found = compare(old, new)
    assert [(c.initiative_id, c.kind, c.field, c.old, c.new, dict(c.key)) for c in found] == [
        ("a", "checklist_answer_added", "answer", None, "Delvis – bevilget årlig 300 000",
         {"decision_point": "BP1", "item_no": 4}),
        ("a", "checklist_answer_changed", "answer", "Nei", "Ja", {"decision_point": "BP1", "item_no": 1}),
        ("a", "checklist_answer_removed", "answer", "Ja", None, {"decision_point": "BP1", "item_no": 2}),
        ("a", "checklist_changed", "comment", None, "Avklart", {"decision_point": "BP1", "item_no": 3}),
        ("b", "checklist_answer_added", "answer", None, "Ikke vurdert", {"decision_point": "BP2", "item_no": 1}),
    ]


def test_risks_added_closed_reopened_and_moved_in_the_matrix():
    old = portfolio(risks=[risk("r1", "a", 2, 3), risk("r2", "a", 3, 3), risk("r3", "a", 2, 2, "lukket"),
                           risk("r4", "a", 2, 3), risk("r5", "a", 4, 4, owner="Kari")])
    new = portfolio(risks=[risk("r1", "a", 3, 4), risk("r2", "a", 3, 3, "lukket"), risk("r3", "a", 2, 2, "åpen"),
                           risk("r4", "a", 3, 2), risk("r5", "a", 4, 4, "under oppfølging", owner="Ola"),
                           risk("r6", "b", 5, 4)])
    found = compare(old, new)
    moved = of(found, "risk_score_moved")
    # one change per risk, whether probability, consequence or both moved; old and new are the scores
    assert [(c.key, c.field, c.old, c.new) for c in moved] == [
        ((("risk_id", "r1"),), "score", 6, 12), ((("risk_id", "r4"),), "score", 6, 6)]
    facts = dict(moved[0].facts)
    assert (facts["old_probability"], facts["old_consequence"], facts["probability"], facts["consequence"]) == (2, 3, 3, 4)
    assert not [c for c in found if c.field in ("probability", "consequence")]
    assert [(c.key, c.old, c.new) for c in of(found, "risk_closed")] == [((("risk_id", "r2"),), "åpen", "lukket")]
    assert [(c.key, c.old, c.new) for c in of(found, "risk_reopened")] == [((("risk_id", "r3"),), "lukket", "åpen")]
    assert sorted((c.field, c.old, c.new) for c in of(found, "risk_changed")) == [
        ("owner", "Kari", "Ola"), ("status", "åpen", "under oppfølging")]
    added = of(found, "risk_added")
    assert [(c.initiative_id, c.new) for c in added] == [("b", "Risiko r6")]
    assert dict(added[0].facts)["score"] == 20


def test_benefit_measurements_with_how_far_the_benefit_has_come():
    benefits = [benefit("b1", "b", **HOURS), benefit("b2", "b", title="Mer samhandling")]
    old = portfolio(benefits=benefits, benefit_measurements=[measurement("b1", dt.date(2025, 6, 1), 90.0)])
    new = portfolio(benefits=benefits, benefit_measurements=[
        measurement("b1", dt.date(2025, 6, 1), 90.0), measurement("b1", dt.date(2026, 3, 1), 70.0),
        measurement("b2", dt.date(2026, 3, 1), 4.0),
    ])
    found = compare(old, new)
    assert [c.kind for c in found] == ["benefit_measured", "benefit_measured"]
    hours, quality = found
    # a measurement belongs to its benefit's initiative
    assert (hours.initiative_id, hours.table, hours.field, hours.new) == ("b", "benefit_measurements", "value", 70.0)
    assert hours.key == (("benefit_id", "b1"), ("measured_on", dt.date(2026, 3, 1)))
    # (70 − 100) / (50 − 100) = 60 % of the way from the baseline to the target
    assert dict(hours.facts) == {"title": "Færre timer", "unit": "timer", "baseline": 100.0, "target": 50.0,
                                 "achievement": 60.0}
    assert dict(quality.facts)["achievement"] is None  # no baseline or target


def test_achievement():
    assert diff_governance.achievement(70, 100, 50) == 60.0
    assert diff_governance.achievement(120, 100, 200) == 20.0
    assert diff_governance.achievement(250, 100, 200) == 150.0
    assert diff_governance.achievement(90, 100, 200) == -10.0
    assert diff_governance.achievement(2.5, 2, 3) == 50.0
    assert diff_governance.achievement(5, None, 10) is None
    assert diff_governance.achievement(5, 10, 10) is None  # no way to go
    assert diff_governance.achievement(None, 0, 10) is None


def test_benefits_added_removed_and_changed_and_a_removed_benefits_measurements():
    old = portfolio(benefits=[benefit("b1", "a", baseline=12.0), benefit("gone", "b")],
                    benefit_measurements=[measurement("gone", dt.date(2026, 1, 1), 3.0)])
    new = portfolio(benefits=[benefit("b1", "a", baseline=12.5), benefit("b3", "a")])
    found = compare(old, new)
    assert [(c.initiative_id, c.kind, c.field, c.old, c.new) for c in found] == [
        ("a", "benefit_added", "title", None, "Gevinst b3"),
        ("a", "benefit_changed", "baseline", 12.0, 12.5),
        ("b", "benefit_removed", "title", "Gevinst gone", None),
        ("b", "measurement_removed", "value", 3.0, None),  # the benefit's initiative, from the old snapshot
    ]


def test_floats_compare_as_numbers_however_they_were_read():
    """12 and 12.0, NaN and None, text dates and dates: the same data, no changes."""
    rows = [benefit("b1", "a", **(HOURS | {"baseline": 12.0, "target": None}))]
    old = portfolio(benefits=rows, benefit_measurements=[measurement("b1", dt.date(2026, 1, 1), 7.0)])
    new = portfolio(benefits=rows, benefit_measurements=[measurement("b1", dt.date(2026, 1, 1), 7.0)])
    new["benefits"] = new["benefits"].astype(object)
    new["benefits"].loc[0, ["baseline", "target"]] = [12, np.nan]
    new["benefit_measurements"] = pd.DataFrame({"benefit_id": ["b1"], "measured_on": ["2026-01-01"], "value": [7],
                                                "comment": [""]})
    assert compare(old, new) == []
    new["benefit_measurements"]["value"] = [7.25]
    assert [(c.kind, c.old, c.new) for c in compare(old, new)] == [("measurement_changed", 7.0, 7.25)]


def test_snapshots_without_the_governance_tables_have_none_of_these_changes():
    old = tables([initiative("a")])  # written before the tables existed: no frames at all
    assert compare(old, with_later_tables(tables([initiative("a")]))) == []
    new = portfolio(ids=("a",), risks=[risk("r1", "a", 1, 2)])
    assert [c.kind for c in compare(old, new)] == ["risk_added"]
    assert [c.kind for c in compare(new, old)] == ["risk_removed"]
    assert compare({"decisions": empty_frame(schema.DECISIONS)}, {}) == []


# -- the JSON of `diff --json` --------------------------------------------------------------

def test_json_has_the_rows_key_and_the_details():
    found = compare(old_portfolio(), new_portfolio())
    rows = json.loads(json.dumps([c.to_json() for c in found]))
    moved = next(r for r in rows if r["kind"] == "risk_score_moved")
    assert moved == {
        "initiative_id": "a", "table": "risks", "field": "score", "old": 6, "new": 16, "kind": "risk_score_moved",
        "risk_id": "r-move",
        "detail": {"title": "Risiko r-move", "probability": 4, "consequence": 4, "score": 16, "status": "åpen",
                   "old_probability": 2, "old_consequence": 3},
    }
    measured = next(r for r in rows if r["kind"] == "benefit_measured")
    assert (measured["benefit_id"], measured["measured_on"], measured["new"]) == ("ben-keep", "2026-03-01", 70.0)
    assert measured["detail"]["achievement"] == 60.0
    answered = next(r for r in rows if r["kind"] == "checklist_answer_changed")
    assert (answered["decision_point"], answered["item_no"], answered["old"], answered["new"]) == ("BP1", 2, "Nei", "Ja")
    # the first three tables' changes have neither
    status = next(r for r in rows if r["kind"] == "status")
    assert "detail" not in status and "risk_id" not in status


@pytest.fixture()
def pair_folder(store):
    write_pair(store, old_portfolio(), new_portfolio())
    return store.root


def test_cli_diff_json_and_report_have_the_new_kinds(pair_folder):
    result = cli("diff", "previous", "latest", "--json", data=pair_folder)
    assert result.returncode == 0, result.stderr
    kinds = {r["kind"] for r in json.loads(result.stdout)}
    assert set(diff.GOVERNANCE_KINDS) <= kinds
    report = cli("diff", "previous", "latest", data=pair_folder)
    assert report.returncode == 0, report.stderr
    lines = report.stdout.splitlines()
    assert "1 nytt vedtak, 2 sjekkpunkter besvart eller endret, 1 ny risiko, 1 risiko flyttet i risikomatrisen, " \
           "1 risiko lukket, 1 ny gevinstmåling og 20 andre endringer." in lines[1]
    assert any(line.endswith("Risiko flyttet i matrisen – Risiko «Risiko r-move», Plass i risikomatrisen: "
                             "sannsynlighet 2 × konsekvens 3 = 6 → sannsynlighet 4 × konsekvens 4 = 16")
               for line in lines), lines
    assert any("Nytt vedtak – Vedtak «Gjennomføring vedtatt»: – → Gjennomføring vedtatt" in line for line in lines)
    assert any("Svar endret – Sjekkliste BP1, punkt 2, Svar: Nei → Ja" in line for line in lines)
    help_text = cli("diff", "--help", data=pair_folder).stdout
    assert "risk_score_moved" in help_text and "benefit_measured" in help_text


# -- the words -------------------------------------------------------------------------------

def summaries(found: list[diff.Change]) -> list[change_summary.InitiativeSummary]:
    frame = diff.to_frame(found)
    frame["name"] = frame["initiative_id"].map(lambda i: f"Tiltak {i}")
    return change_summary.summarise(frame)


def test_summary_sentences_for_the_governance_changes():
    found = summaries(compare(old_portfolio(), new_portfolio()))
    a, b = found[0], found[1]
    a_text = [s.text for s in a.sentences]
    assert a_text[:4] == [
        "Samlet status er endret fra gul til rød.",
        "Status er forverret for risiko (grønn til gul).",
        "Ny risiko: «Risiko r-new» (sannsynlighet 5 × konsekvens 4 = 20).",
        "Risikoen «Risiko r-move» har økt fra sannsynlighet 2 × konsekvens 3 = 6 til "
        "sannsynlighet 4 × konsekvens 4 = 16.",
    ]
    for sentence in ("Nytt vedtak: «Gjennomføring vedtatt» (KDL 20.05.2026, BP3).",
                     "Vedtaket «Gammelt vedtak» er fjernet.", "Risikoen «Risiko r-reopen» er åpnet igjen.",
                     "Risikoen «Risiko r-gone» er fjernet.", "Risikoen «Risiko r-close» er lukket.",
                     "Saksnummer for vedtaket «Oppstart planlegging» er endret fra 2025/1 til 2025/2.",
                     "Risikoeier for risikoen «Risiko r-edit» er endret fra Kari til Ola."):
        assert sentence in a_text
    # a new decision comes before the new phase and decision point it brings
    assert a_text.index("Nytt vedtak: «Gjennomføring vedtatt» (KDL 20.05.2026, BP3).") < a_text.index(
        "Fase er endret fra Planlegge til Gjennomføre.")
    b_text = [s.text for s in b.sentences]
    for sentence in (
        "Sjekklisten for BP1: punkt 2 endret fra «Nei» til «Ja», svaret på punkt 4 fjernet (var «Ja») og "
        "punkt 5 besvart «Delvis».",
        "Ny gevinst: «Gevinst ben-new».", "Gevinsten «Gevinst ben-gone» er fjernet.",
        "Ny måling av gevinsten «Færre timer»: 70 timer per 01.03.2026, 60\u00a0% av veien fra startverdien "
        "100 timer til målverdien 50 timer.",
        "Målingen av «Færre timer» per 01.06.2025 er endret fra 90 timer til 85 timer.",
        "Målingen av «Færre timer» per 01.12.2025 er fjernet (var 80 timer).",
        "Gevinstansvarlig for gevinsten «Færre timer» er satt til Ola.",
    ):
        assert sentence in b_text
    # a changed comment is a text, shown whole
    assert ("Kommentar for sjekkpunkt 3 i BP1", None, "Sjekket") in [(t.label, t.old, t.new) for t in b.texts]


def test_summary_ranks_a_high_risk_and_a_new_decision_sensibly():
    """A new high risk or one moved up to a high score comes right after a worse
    status, before an overdue milestone; a new decision before a new phase; a
    risk moved down or closed is an improvement and never moves an initiative up."""
    ids = ("high", "raised", "late", "decided", "phase", "low", "closed", "down")
    old_init = tables([initiative(i) for i in ids], [], [milestone("m", "late", due_date=dt.date(2026, 5, 1))])
    new_init = tables([initiative(i, phase="Avslutte" if i == "phase" else "Gjennomføre") for i in ids], [],
                      [milestone("m", "late", due_date=dt.date(2026, 5, 1))])
    old = with_later_tables(old_init) | {"risks": frame("risks", [
        risk("r-raised", "raised", 2, 2), risk("r-closed", "closed", 4, 4), risk("r-down", "down", 4, 4)])}
    new = with_later_tables(new_init) | {
        "risks": frame("risks", [risk("r-high", "high", 4, 4), risk("r-raised", "raised", 3, 5),
                                 risk("r-low", "low", 2, 2), risk("r-closed", "closed", 4, 4, "lukket"),
                                 risk("r-down", "down", 2, 4)]),
        "decisions": frame("decisions", [decision("d", "decided")]),
    }
    found = diff.compare(old, new, today=TODAY, old_today=dt.date(2026, 4, 1))
    result = summaries(found)
    assert [(s.initiative_id, s.severity) for s in result] == [
        ("high", "risk_high"), ("raised", "risk_high"), ("late", "overdue"), ("decided", "decision"),
        ("phase", "phase"), ("low", "risk"), ("closed", "better"), ("down", "better"),
    ]
    assert [s.text for s in result[1].sentences] == [
        "Risikoen «Risiko r-raised» har økt fra sannsynlighet 2 × konsekvens 2 = 4 til "
        "sannsynlighet 3 × konsekvens 5 = 15."]
    assert [s.text for s in result[-1].sentences] == [
        "Risikoen «Risiko r-down» har gått ned fra sannsynlighet 4 × konsekvens 4 = 16 til "
        "sannsynlighet 2 × konsekvens 4 = 8."]
    # a high risk added already closed is not news of a high risk
    closed_high = with_later_tables(new_init) | {"risks": frame("risks", [risk("r", "high", 5, 5, "lukket")])}
    assert summaries(diff.compare(with_later_tables(new_init), closed_high, today=TODAY))[0].severity == "risk"


def test_summary_line_counts_the_governance_changes():
    frame_ = diff.to_frame(compare(old_portfolio(), new_portfolio()))
    counts = change_words.summary_counts(frame_)
    assert {k: counts[k] for k in ("decision_added", "checklist", "risk_added", "risk_score_moved", "risk_closed",
                                   "benefit_measured")} == {
        "decision_added": 1, "checklist": 2, "risk_added": 1, "risk_score_moved": 1, "risk_closed": 1,
        "benefit_measured": 1}
    # every change is counted once, but initiative changes per initiative: a's two status changes count once
    assert sum(counts.values()) == len(frame_) - 1


def test_the_changes_page_has_a_table_per_governance_section(store):
    first, second = write_pair(store, old_portfolio(), new_portfolio())
    frame_ = changes.build(store, first.snapshot_id, second.snapshot_id, TODAY)
    decisions, total = changes.governance_changes(frame_, "decisions")
    assert total == 3
    assert list(decisions.columns) == [C["initiative"], C["link"], C["what"], C["change"], C["field"], C["old"],
                                       C["new"], C["decided"]]
    added = decisions[decisions[C["change"]] == "Nytt vedtak"].iloc[0]
    assert (added[C["what"]], added[C["new"]], added[C["decided"]]) == (
        "Vedtak «Gjennomføring vedtatt»", "Gjennomføring vedtatt", "KDL 20.05.2026, BP3")
    risks, _ = changes.governance_changes(frame_, "risks")
    moved = risks[risks[C["change"]] == "Risiko flyttet i matrisen"].iloc[0]
    assert (moved[C["field"]], moved[C["old"]], moved[C["new"]], moved[C["matrix"]]) == (
        "Plass i risikomatrisen", "sannsynlighet 2 × konsekvens 3 = 6", "sannsynlighet 4 × konsekvens 4 = 16",
        "sannsynlighet 4 × konsekvens 4 = 16")
    checklists, _ = changes.governance_changes(frame_, "checklists")
    assert set(checklists[C["what"]]) == {"Sjekkliste BP1, punkt 2", "Sjekkliste BP1, punkt 3",
                                          "Sjekkliste BP1, punkt 4", "Sjekkliste BP1, punkt 5"}
    # the question in the checklist's words when the answer does not word it
    second = checklists[checklists[C["what"]] == "Sjekkliste BP1, punkt 2"].iloc[0]
    assert (second[C["old"]], second[C["new"]], second[C["question"]]) == (
        "Nei", "Ja", "Er tiltaket i henhold til virksomhetsstrategien?")
    benefits, _ = changes.governance_changes(frame_, "benefits")
    measured = benefits[benefits[C["change"]] == "Ny gevinstmåling"].iloc[0]
    assert (measured[C["what"]], measured[C["new"]], measured[C["achievement"]]) == (
        "Måling 01.03.2026 av «Færre timer»", "70", "60\u00a0%")
    # the download names each governance row by its key
    export = change_words.export_frame(frame_)
    assert "ben-keep / 2026-03-01" in set(export[C["row_key"]])
    assert set(export[C["kind"]]) <= set(T.KIND_LABELS.values())


def test_the_import_preview_names_the_governance_changes():
    old, new = old_portfolio(), new_portfolio()
    found = compare(old, new)
    lines = preview.summary_lines(found)
    assert "Nytt vedtak: 1" in lines and "Risiko flyttet i matrisen: 1" in lines and "Ny gevinstmåling: 1" in lines
    table = change_table(found, old, new)
    rows = {(r[1], r[2]) for r in table.itertuples(index=False)}
    assert ("Ny risiko", "Risiko «Risiko r-new»") in rows
    assert ("Svar endret", "Sjekkliste BP1, punkt 2") in rows
