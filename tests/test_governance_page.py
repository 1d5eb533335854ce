"""«Styring» (the governance register's page) and the initiative page's
governance sections: the view models on hand-built snapshots in a real store,
the pages through AppTest on hand-built data (with and without governance
rows) and on the demo data, hostile text, and one browser run."""

from __future__ import annotations

import datetime as dt
import json

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from conftest import DEMO_DATA, DEMO_TODAY, initiative, milestone, open_app_page, tables
from portfolio.model import schema
from portfolio.present import governance, governance_benefits, governance_charts, governance_query, governance_tables
from portfolio.present import initiative_governance as initiative_view
from portfolio.query.context import SnapshotContext
from portfolio.query.runner import Filters
from portfolio.store.snapshots import Store
from portfolio.texts import checklists
from portfolio.texts import governance as T

PAGE = "views/governance.py"
D = dt.date
TODAY = DEMO_TODAY  # 23.11.2026


# -- hand-built governance data --------------------------------------------------------------

def frame(rows: list[dict], table: str) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=schema.TABLES[table].column_names)


def decision(decision_id, initiative_id, decided_on, body="KDL", decision_point=None, **overrides) -> dict:
    row = dict(decision_id=decision_id, initiative_id=initiative_id, decided_on=decided_on, body=body,
               decision_point=decision_point, title=f"Vedtak {decision_id}", text=None, case_number=None,
               is_public=False)
    return {**row, **overrides}


def risk(risk_id, initiative_id, probability, consequence, status="åpen", **overrides) -> dict:
    row = dict(risk_id=risk_id, initiative_id=initiative_id, title=f"Risiko {risk_id}", description=None,
               category=None, probability=probability, consequence=consequence, owner=None, mitigation=None,
               status=status, strategy=None, identified_on=D(2026, 1, 1), review_by=None,
               residual_probability=None, residual_consequence=None)
    return {**row, **overrides}


def benefit(benefit_id, initiative_id, kind="direkte", baseline=None, target=None, **overrides) -> dict:
    row = dict(benefit_id=benefit_id, initiative_id=initiative_id, title=f"Gevinst {benefit_id}", kind=kind,
               owner=None, indicator=None, unit="antall", baseline=baseline,
               baseline_on=D(2025, 1, 1) if baseline is not None else None, target=target,
               target_on=D(2027, 12, 31) if target is not None else None, is_public=False)
    return {**row, **overrides}


def measurement(benefit_id, measured_on, value, comment=None) -> dict:
    return dict(benefit_id=benefit_id, measured_on=measured_on, value=value, comment=comment)


def answer(initiative_id, decision_point, item_no, text, **overrides) -> dict:
    row = dict(initiative_id=initiative_id, decision_point=decision_point, item_no=item_no, question=None,
               answer=text, comment=None)
    return {**row, **overrides}


def register_tables(closed_r1: bool = False) -> dict:
    """Alfa passed BP1 (a KDL decision) and BP2 (its last decision point),
    BP3 overdue, its BP1 checklist whole and BP3's begun; Beta passed BP1 (its
    last decision point), BP2 due in 2027; Gamma passed BP1 by a completed
    milestone and prepares BP2's checklist. Risks in three cells (one
    closed), benefits of every kind."""
    data = tables(
        [initiative("alfa", name="Alfa", phase="Planlegge", last_decision_point="BP2"),
         initiative("beta", name="Beta", phase="Konsept", last_decision_point="BP1", owner_area="Kultur"),
         initiative("gamma", name="Gamma", phase="Idé", last_decision_point=None)],
        [],
        [milestone("alfa-bp3", "alfa", kind="beslutningspunkt", decision_point="BP3", due_date=D(2026, 10, 1)),
         milestone("beta-bp2", "beta", kind="beslutningspunkt", decision_point="BP2", due_date=D(2027, 3, 1)),
         milestone("gamma-bp1", "gamma", kind="beslutningspunkt", decision_point="BP1", due_date=D(2026, 1, 1),
                   completed_date=D(2026, 1, 5)),
         milestone("alfa-m", "alfa", due_date=D(2026, 9, 1))],
    )
    data["decisions"] = frame([
        decision("d1", "alfa", D(2021, 10, 18), decision_point="BP1", case_number="21/123", text="Vedtatt."),
        decision("d2", "alfa", D(2023, 2, 1), body="styringsgruppe"),
        decision("d3", "beta", D(2024, 5, 5), body="bystyre", title="Bevilgning"),
    ], "decisions")
    data["risks"] = frame([
        risk("r1", "alfa", 4, 5, status="lukket" if closed_r1 else "åpen", mitigation="Tett oppfølging"),
        risk("r2", "alfa", 4, 5, status="under oppfølging", review_by=D(2026, 12, 1)),
        risk("r3", "beta", 2, 2),
        risk("r4", "beta", 5, 5, status="lukket"),
        risk("r5", "gamma", 3, 4, residual_probability=1, residual_consequence=4),
    ], "risks")
    data["benefits"] = frame([
        benefit("g1", "alfa", baseline=10.0, target=20.0, title="Flere i arbeid"),
        benefit("g2", "beta", baseline=100.0, target=50.0, unit="timer", title="Færre timer"),
        benefit("g3", "alfa", kind="kvalitativ", title="Mer samarbeid", owner="Kari"),
        benefit("g4", "gamma", title="Uten mål"),
        benefit("g5", "gamma", baseline=0.0, target=10.0, title="Ikke målt ennå"),
    ], "benefits")
    data["benefit_measurements"] = frame([
        measurement("g1", D(2025, 6, 1), 12.0), measurement("g1", D(2026, 6, 1), 16.0, "Halvårsmåling"),
        measurement("g2", D(2026, 1, 1), 40.0),
    ], "benefit_measurements")
    data["checklist_answers"] = frame(
        [answer("alfa", "BP1", n, "Ja") for n in range(1, 8)]
        + [answer("alfa", "BP3", 1, "Delvis", comment="Mangler én del"), answer("alfa", "BP3", 2, "Ikke vurdert"),
           answer("gamma", "BP2", 1, "Nei")],
        "checklist_answers")
    return data


def context(store: Store, meta=None) -> SnapshotContext:
    metas = store.list()
    meta = meta or metas[-1]
    return SnapshotContext(store=store, meta=meta, today=TODAY, is_latest=meta == metas[-1])


@pytest.fixture()
def governed(store) -> SnapshotContext:
    store.write(register_tables(), author="t", note="t", base_id=None,
                created_at=dt.datetime(2026, 11, 16, 12, tzinfo=dt.UTC))
    return context(store)


# -- the view model ------------------------------------------------------------------------

def test_the_key_figures_count_what_the_register_holds(governed):
    view = governance.build_view(governed, Filters())
    f = view.figures
    assert (f.decision_count, f.first_decided_on, f.latest_decided_on) == (3, D(2021, 10, 18), D(2024, 5, 5))
    assert (f.open_risk_count, f.high_risk_count) == (4, 2)  # r4 is closed; r1 and r2 score 20
    assert (f.benefit_count, f.qualitative_count, f.measured_count) == (5, 1, 2)
    assert view.overdue_count == 1  # Alfa's BP3, due 01.10.2026


def test_decision_points_passed_due_overdue_and_checklists(governed):
    summary, rows = governance.decision_points(governed, Filters())
    by_point = summary.set_index("decision_point")
    assert by_point["passed_count"].to_dict() == {"BP1": 3, "BP2": 1, "BP3": 0, "BP4": 0, "BP5": 0}
    assert by_point.loc["BP2", "due_count"] == 1 and by_point.loc["BP2", "next_due"] == pd.Timestamp(2027, 3, 1)
    assert by_point.loc["BP3", "overdue_count"] == 1
    assert by_point["checklist_count"].to_dict() == {"BP1": 1, "BP2": 1, "BP3": 1, "BP4": 0, "BP5": 0}
    assert by_point.loc["BP1", "checklist_complete_count"] == 1  # seven «Ja» of seven
    state = {(r.initiative_id, r.decision_point): r.state for r in rows.itertuples()}
    assert state == {
        ("alfa", "BP1"): "passed", ("alfa", "BP2"): "passed", ("alfa", "BP3"): "overdue",
        ("beta", "BP1"): "passed", ("beta", "BP2"): "due",
        ("gamma", "BP1"): "passed", ("gamma", "BP2"): "started",
    }
    # overdue first, then due, started, and passed (latest first; a passed point without a date last)
    assert [(r.initiative_id, r.decision_point) for r in rows.itertuples()][:4] == [
        ("alfa", "BP3"), ("beta", "BP2"), ("gamma", "BP2"), ("gamma", "BP1")]
    alfa = rows.set_index(["initiative_id", "decision_point"])
    assert alfa.loc[("alfa", "BP1"), "passed_on"] == pd.Timestamp(2021, 10, 18)  # the decision's date
    assert alfa.loc[("gamma", "BP1"), "passed_on"] == pd.Timestamp(2026, 1, 5)  # the milestone's
    assert pd.isna(alfa.loc[("alfa", "BP2"), "passed_on"])  # only its last decision point says so
    # «Ikke vurdert» is not an answer: one of BP3's thirteen items is answered
    assert (alfa.loc[("alfa", "BP3"), "answered_count"], alfa.loc[("alfa", "BP3"), "item_count"]) == (1, 13)
    table = governance.decision_point_list(governed, Filters(), "BP3").rows
    assert table[T.COL_STATE].tolist() == [T.STATE_OVERDUE]
    assert table[T.COL_CHECKLIST].tolist() == ["1 av 13"] and table[T.COL_CHECKLIST_SHARE].tolist() == ["8\u00a0%"]
    assert table[T.COL_LINK].tolist() == ["initiative?initiative=alfa"]


def test_the_risk_matrix_counts_open_risks_and_writes_count_and_score(governed):
    cells = governance.risk_matrix(governed, Filters())
    assert len(cells) == 25 and (cells["score"] == cells["probability"] * cells["consequence"]).all()
    counts = {(r.probability, r.consequence): r.risk_count for r in cells.itertuples() if r.risk_count}
    assert counts == {(4, 5): 2, (2, 2): 1, (3, 4): 1}  # r4 (5 × 5) is closed
    assert cells[["probability", "consequence"]].iloc[0].tolist() == [5, 1]  # probability 5 at the top
    matrix = governance.matrix(cells)
    assert list(matrix.cells) == ["4x5", "3x4", "2x2"]  # highest score first
    assert matrix.cells["3x4"] == "Sannsynlighet 3 × konsekvens 4 (skår 12): 1 risiko"
    assert matrix.takeaway == ("Matrisen viser 4 åpne risikoer etter sannsynlighet (1–5) og konsekvens (1–5); "
                               "hver rute viser antall risikoer og skåren. 2 har skår 15 eller mer, og høyeste "
                               "skår er 20.")
    assert matrix.table.columns.tolist() == [T.COL_PROBABILITY_ROW, *(f"Konsekvens {n}" for n in range(1, 6))]
    assert matrix.table.iloc[1].tolist() == ["4", "0 (skår 4)", "0 (skår 8)", "0 (skår 12)", "0 (skår 16)",
                                             "2 (skår 20)"]
    chart = governance.matrix_chart_data(cells).set_index(["probability", "consequence"])
    assert chart.loc[(4, 5), ["count_text", "score_text", "level_label"]].tolist() == [
        "2", "skår 20", T.RISK_LEVELS["very_high"]]
    assert chart.loc[(2, 2), "level_label"] == T.RISK_LEVELS["low"]


def test_every_cell_colour_has_readable_text_and_every_score_a_level():
    for key, _, _, colour in governance_charts.RISK_LEVELS:
        assert governance_charts.contrast_ratio(governance_charts.CELL_TEXT, colour) >= 4.5, key
    scores = [p * c for p in range(1, 6) for c in range(1, 6)]
    assert {governance_charts.risk_level(s) for s in scores} == set(governance_charts.LEVEL_COLOURS)
    assert governance_charts.contrast_ratio("#000000", "#ffffff") == pytest.approx(21)
    with pytest.raises(ValueError):
        governance_charts.risk_level(26)


def test_risks_by_score_and_by_cell(governed):
    view = governance.build_view(governed, Filters())
    top = view.top_risks.rows
    # highest score first; of equal ones, the one to be reviewed soonest
    assert top[T.COL_RISK].tolist() == ["Risiko r2", "Risiko r1", "Risiko r5", "Risiko r3"]
    assert top[T.COL_SCORE].tolist() == [20, 20, 12, 4] and view.top_risks.total == 4
    assert top[T.COL_LEVEL].tolist() == ["Svært høy", "Svært høy", "Høy", "Lav"]
    assert top[T.COL_CELL].tolist()[0] == "S4 × K5" and top[T.COL_RESIDUAL].tolist()[2] == "S1 × K4 (4)"
    assert top[T.COL_LINK].tolist()[0] == "initiative?initiative=alfa"
    assert top[T.COL_REVIEW_BY].tolist()[0] == pd.Timestamp(2026, 12, 1)
    in_cell = governance.cell_risks(governed, Filters(), "4x5")
    assert in_cell.total == 2 and set(in_cell.rows[T.COL_RISK]) == {"Risiko r1", "Risiko r2"}
    assert governance.cell_risks(governed, Filters(), "5x5").total == 0  # the closed one is not listed
    # the initiative page lists closed risks too, last
    closed_too = governance.risks(governed, Filters(), initiative_id="beta", include_closed=True)
    assert closed_too["risk_id"].tolist() == ["r3", "r4"] and closed_too["is_closed"].tolist() == [False, True]


def test_benefits_from_baseline_to_target(governed):
    rows = governance_benefits.benefits(governed, Filters())
    achievement = dict(zip(rows["benefit_id"], rows["achievement"], strict=True))
    assert achievement["g1"] == pytest.approx((16 - 10) / (20 - 10))  # the latest measurement
    assert achievement["g2"] == pytest.approx((40 - 100) / (50 - 100))  # a target below the baseline
    assert pd.isna(achievement["g4"]) and pd.isna(achievement["g5"])  # no target; no measurement
    # per kind, lowest achievement first, those without one last; the qualitative ones after
    assert rows["benefit_id"].tolist() == ["g1", "g2", "g5", "g4", "g3"]
    assert rows["is_qualitative"].tolist() == [False] * 4 + [True]
    first = rows.iloc[0]
    assert (first["total_count"], first["measured_total"], first["reached_count"], first["halfway_count"],
            first["behind_count"], first["with_measurements"]) == (4, 2, 1, 1, 0, 2)
    assert rows.iloc[-1]["total_count"] == 1
    found = governance_benefits.build_benefits(governed, Filters())
    assert (found.count, found.qualitative_count, found.measured_count) == (4, 1, 2)
    assert found.chart_rows == 2 and found.chart is not None
    assert found.table[T.COL_ACHIEVEMENT].tolist() == ["60\u00a0%", "120\u00a0%", "–", "–"]
    assert found.table[T.COL_BASELINE].tolist()[:2] == ["10", "100\u00a0timer"]
    assert found.qualitative == "- Mer samarbeid (Alfa; gevinstansvarlig: Kari)"
    assert found.takeaway.endswith("Av 2 gevinster som er målt mot målet, har 1 nådd det, 1 er minst halvveis og "
                                   "0 er under halvveis.")
    points = governance_benefits.points_of(rows)
    assert points["benefit_id"].tolist() == ["g1", "g1", "g2"]
    assert points["achievement"].tolist() == pytest.approx([0.2, 0.6, 1.2])
    data = governance_benefits.benefit_chart_data(rows[rows["achievement"].notna()], points)
    g1 = data[data["label"] == "Flere i arbeid"]
    assert g1["point_label"].tolist() == [T.POINT_BASELINE, T.POINT_MEASUREMENT, T.POINT_LATEST, T.POINT_TARGET]
    assert g1["achievement"].tolist() == pytest.approx([0, 0.2, 0.6, 1])
    assert g1["is_latest"].tolist() == [False, False, True, False]
    assert g1["date_text"].tolist() == ["01.01.2025", "01.06.2025", "01.06.2026", "31.12.2027"]


def test_value_text_follows_the_unit():
    from portfolio.present.governance_tables import value_text

    assert value_text(1234567.0, "kroner") == "1\u00a0234\u00a0567\u00a0kr"
    assert value_text(12.5, "timer") == "12,5\u00a0timer"
    assert value_text(45.0, "prosent") == "45\u00a0%"
    assert value_text(3.25, "skår") == "3,2" and value_text(None, "antall") == "–"


def test_the_decision_log_filters(governed):
    def titles(**chosen):
        return governance.decision_log(governed, Filters(), governance.DecisionFilter(**chosen)).rows[T.COL_TITLE]

    assert titles().tolist() == ["Bevilgning", "Vedtak d2", "Vedtak d1"]  # newest first
    assert titles(bodies=("KDL", "bystyre")).tolist() == ["Bevilgning", "Vedtak d1"]
    assert titles(decision_points=("BP1",)).tolist() == ["Vedtak d1"]
    assert titles(decision_points=(governance.NO_DECISION_POINT,)).tolist() == ["Bevilgning", "Vedtak d2"]
    assert titles(search="ALF").tolist() == ["Vedtak d2", "Vedtak d1"]
    assert titles(search="alf bet").tolist() == []  # every word
    assert titles(start=D(2022, 1, 1), end=D(2023, 12, 31)).tolist() == ["Vedtak d2"]
    assert titles(start=D(2024, 5, 5)).tolist() == ["Bevilgning"]
    log = governance.decision_log(governed, Filters(), governance.DecisionFilter()).rows
    first = log.iloc[-1]
    assert (first[T.COL_BODY], first[T.COL_DECISION_POINT], first[T.COL_CASE], first[T.COL_TEXT]) == (
        "KDL", "BP1", "21/123", "Vedtatt.")
    assert first[T.COL_LINK] == "initiative?initiative=alfa"
    export = governance.decision_export(governed, Filters(), governance.DecisionFilter())
    assert T.COL_LINK not in export.columns and len(export) == 3


def test_the_page_filters_apply(governed):
    culture = Filters(areas=("Kultur",))
    view = governance.build_view(governed, culture)
    assert view.figures.decision_count == 1 and view.figures.open_risk_count == 1
    assert view.top_risks.rows[T.COL_RISK].tolist() == ["Risiko r3"]
    assert view.benefits.table[T.COL_BENEFIT].tolist() == ["Færre timer"]
    assert view.point_summary[T.COL_PASSED_COUNT].tolist() == [1, 0, 0, 0, 0]


def test_a_past_snapshot_shows_its_own_register(store):
    first = store.write(register_tables(), author="t", note="t", base_id=None,
                        created_at=dt.datetime(2026, 10, 1, 12, tzinfo=dt.UTC))
    store.write(register_tables(closed_r1=True), author="t", note="t", base_id=first.snapshot_id,
                created_at=dt.datetime(2026, 11, 16, 12, tzinfo=dt.UTC))
    now, then = context(store), context(store, first)
    assert governance.build_view(now, Filters()).figures.open_risk_count == 3
    old = governance.build_view(then, Filters())
    assert old.figures.open_risk_count == 4
    assert old.top_risks.rows[T.COL_LINK].iloc[0] == f"initiative?initiative=alfa&snapshot={first.snapshot_id}"


def test_an_empty_register_says_so(store):
    store.write(tables([initiative("alfa", last_decision_point=None, phase="Idé")]), author="t", note="t")
    view = governance.build_view(context(store), Filters())
    assert (view.figures.decision_count, view.figures.open_risk_count, view.figures.benefit_count) == (0, 0, 0)
    assert not view.has_points and view.matrix.count == 0 and view.default_cell is None
    assert view.matrix.takeaway == T.RISK_MATRIX_TAKEAWAY_NONE
    assert view.benefits.chart is None and view.benefits.table.empty and view.benefits.qualitative == ""


# -- the initiative page's sections -------------------------------------------------------------

def test_one_initiatives_decisions_checklists_risks_and_benefits(governed):
    view = initiative_view.build_view(governed, "alfa")
    assert view.decision_count == 2
    assert view.decisions == ("- **18.10.2021** · KDL ved BP1: Vedtak d1 (sak 21/123)  \n  Vedtatt.\n"
                              "- **01.02.2023** · Styringsgruppe: Vedtak d2")  # oldest first
    assert [c.decision_point for c in view.checklists] == ["BP1", "BP3"]
    bp1, bp3 = view.checklists
    assert bp1.heading == "**BP1 – Beslutte oppstart av konseptfasen**: 7 av 7 punkter besvart (100\u00a0%)"
    assert bp3.heading.startswith("**BP3 – Beslutte overgang til gjennomføringsfasene**: 1 av 13 punkter besvart")
    assert bp3.table[T.COL_ITEM].tolist() == [str(n) for n in range(1, 14)]  # every item, answered or not
    assert bp3.table[T.COL_ANSWER].tolist()[:3] == ["Delvis", "Ikke vurdert", T.NOT_ANSWERED]
    assert bp3.table[T.COL_QUESTION].iloc[0] == checklists.question("BP3", 1)
    assert bp3.table[T.COL_COMMENT].iloc[0] == "Mangler én del"
    assert bp3.items.split("\n")[:4] == [
        f"1. {checklists.question('BP3', 1)}  ", "    Svar: **Delvis** · Kommentar: Mangler én del",
        f"2. {checklists.question('BP3', 2)}  ", "    Svar: **Ikke vurdert**"]
    assert (view.risk_count, view.open_risk_count) == (2, 2)
    assert T.COL_INITIATIVE not in view.risks.columns and view.risks[T.COL_CELL].tolist() == ["S4 × K5"] * 2
    assert view.benefits.table[T.COL_BENEFIT].tolist() == ["Flere i arbeid"]
    assert view.benefits.measurements[T.COL_VALUE].tolist() == ["16", "12"]  # newest first
    assert view.benefits.measurements[T.COL_COMMENT].tolist() == ["Halvårsmåling", ""]
    assert view.benefits.qualitative == "- Mer samarbeid (gevinstansvarlig: Kari)"
    empty = initiative_view.build_view(governed, "beta")
    assert empty.checklists == [] and empty.risk_count == 2 and empty.open_risk_count == 1


def test_the_initiative_pages_checklist_keeps_an_answer_in_its_own_words(governed):
    answers = pd.DataFrame([{"decision_point": "BP1", "item_no": 2, "question": "Eget spørsmål?",
                             "answer": "Prosjekt", "comment": None}])
    rows = initiative_view.checklist_rows("BP1", answers)
    assert len(rows) == len(checklists.CHECKLISTS["BP1"])
    assert rows.loc[1, [T.COL_QUESTION, T.COL_ANSWER]].tolist() == ["Eget spørsmål?", "Prosjekt"]


# -- the queries' parameters ----------------------------------------------------------------------

def test_the_stored_values_the_queries_are_given_are_the_schemas():
    assert governance_query.CLOSED in schema.RISK_STATUSES
    assert governance_query.QUALITATIVE in schema.BENEFIT_KINDS
    assert governance_query.DECISION_KIND in schema.MILESTONE_KINDS
    assert governance_query.UNASSESSED in schema.CHECKLIST_ANSWERS
    assert set(T.BODY_LABELS) == set(schema.DECISION_BODIES)
    assert set(T.RISK_STATUS_LABELS) == set(schema.RISK_STATUSES)
    assert set(T.BENEFIT_KIND_LABELS) == set(schema.BENEFIT_KINDS)
    assert governance.NO_DECISION_POINT not in schema.DECISION_POINTS
    params = governance_query.params(Filters())
    assert params["checklist_sizes"] == [len(checklists.CHECKLISTS[p]) for p in params["checklist_points"]]
    assert (params["scale_low"], params["scale_high"]) == schema.RISK_SCALE


# -- the page through AppTest ------------------------------------------------------------------

@pytest.fixture()
def governed_data(tmp_path):
    root = tmp_path / "data"
    Store(root).write(register_tables(), author="t", note="t", base_id=None,
                      created_at=dt.datetime(2026, 11, 16, 12, tzinfo=dt.UTC))
    return root


def texts_on(at: AppTest) -> str:
    return "\n".join([m.value for m in at.markdown] + [c.value for c in at.caption])


def frames_with(at: AppTest, column: str) -> list[pd.DataFrame]:
    return [d.value for d in at.dataframe if column in d.value.columns]


def frame_with(at: AppTest, column: str) -> pd.DataFrame:
    return frames_with(at, column)[0]


def cell_risks(at: AppTest) -> pd.DataFrame:
    """The risks of the chosen cell (the first risk table; the highest risks follow)."""
    found = frames_with(at, T.COL_RISK)
    assert len(found) == 2
    return found[0]


def chart_rows(chart) -> list[dict]:
    import pyarrow as pa

    rows = []
    for dataset in chart.proto.datasets:
        rows += pa.ipc.open_stream(dataset.data.data).read_all().to_pylist()
    return rows


def test_the_page_on_hand_built_data(governed_data, data_env):
    from altair.utils.schemapi import validate_jsonschema
    from altair.vegalite.v6.schema.core import load_schema

    data_env(governed_data)
    at = open_app_page(PAGE)
    assert [t.value for t in at.title] == [T.TITLE]
    assert [h.value for h in at.header][:4] == [T.DECISIONS, T.DECISION_POINTS, T.RISKS, T.BENEFITS]
    metrics = {m.label: m.value for m in at.metric}
    assert metrics[T.KPI_DECISIONS] == "3" and metrics[T.KPI_OVERDUE] == "1" and metrics[T.KPI_RISKS] == "4"
    assert metrics[T.KPI_BENEFITS] == "2 av 5"
    assert frame_with(at, T.COL_TEXT)[T.COL_TITLE].tolist() == ["Bevilgning", "Vedtak d2", "Vedtak d1"]
    # the decision points' summary and the matrix as a table, beside the log, the list and the risk tables
    assert frame_with(at, T.COL_PASSED_COUNT)[T.COL_PASSED_COUNT].tolist() == [3, 1, 0, 0, 0]
    assert frame_with(at, T.COL_PROBABILITY_ROW).iloc[0].tolist() == [
        "5", "0 (skår 5)", "0 (skår 10)", "0 (skår 15)", "0 (skår 20)", "0 (skår 25)"]
    charts = at.get("vega_lite_chart")
    specs = [json.loads(c.proto.spec) for c in charts]
    assert len(specs) == 2  # the matrix and the benefits
    schema_ = load_schema()
    shown = texts_on(at)
    for spec in specs:
        validate_jsonschema(spec, schema_, rootschema=schema_, raise_error=True)
        assert spec["description"] and spec["description"] in shown
        assert spec["config"]["locale"]["number"]["thousands"] == "\u00a0"
    cells = chart_rows(next(c for c, s in zip(charts, specs, strict=True) if s["title"] == T.RISK_MATRIX_TITLE))
    assert len(cells) == 25
    assert {(c["count_text"], c["score_text"]) for c in cells if c["risk_count"]} == {
        ("2", "skår 20"), ("1", "skår 12"), ("1", "skår 4")}
    # the chosen cell lists its risks: the worst cell first, another one by choice
    assert at.selectbox(key=governance.CELL_KEY).value == "4x5"
    assert set(cell_risks(at)[T.COL_RISK]) == {"Risiko r1", "Risiko r2"}
    at.selectbox(key=governance.CELL_KEY).set_value("2x2").run()
    assert not at.exception
    assert cell_risks(at)[T.COL_RISK].tolist() == ["Risiko r3"]
    assert at.query_params[governance.URL_CELL] in ("2x2", ["2x2"])
    assert "- Mer samarbeid (Alfa; gevinstansvarlig: Kari)" in shown


def test_the_decision_log_and_decision_point_choices(governed_data, data_env):
    data_env(governed_data)
    at = open_app_page(PAGE, body="bystyre")
    assert frame_with(at, T.COL_TEXT)[T.COL_TITLE].tolist() == ["Bevilgning"]  # from the link
    at.multiselect(key="governance_body").set_value([]).run()
    at.text_input(key="governance_search").set_value("alfa").run()
    assert frame_with(at, T.COL_TEXT)[T.COL_TITLE].tolist() == ["Vedtak d2", "Vedtak d1"]
    at.multiselect(key="governance_decision_point").set_value([governance.NO_DECISION_POINT]).run()
    assert frame_with(at, T.COL_TEXT)[T.COL_TITLE].tolist() == ["Vedtak d2"]
    at.text_input(key="governance_search").set_value("finnes ikke").run()
    assert T.DECISIONS_NONE_MATCH in texts_on(at)
    assert len(frame_with(at, T.COL_STATE)) == 7
    at.selectbox(key=governance.POINT_LIST_KEY).set_value("BP2").run()
    assert not at.exception
    points = frame_with(at, T.COL_STATE)
    assert points[T.COL_INITIATIVE].tolist() == ["Beta", "Gamma", "Alfa"]
    assert points[T.COL_STATE].tolist() == [T.STATE_DUE, T.STATE_STARTED, T.STATE_PASSED]
    assert at.query_params[governance.URL_POINT_LIST] in ("BP2", ["BP2"])
    at.selectbox(key=governance.POINT_LIST_KEY).set_value("BP5").run()
    assert T.DECISION_POINT_ROWS_NONE in texts_on(at)


def test_the_page_without_governance_rows_says_so_in_words(store, data_env):
    store.write(tables([initiative("alfa", last_decision_point=None, phase="Idé")]), author="t", note="t")
    data_env(store.root)
    at = open_app_page(PAGE)
    shown = texts_on(at)
    for words in (T.DECISIONS_NONE, T.DECISION_POINTS_NONE, T.RISKS_NONE, T.BENEFITS_NONE):
        assert words in shown
    assert not at.get("vega_lite_chart") and not at.dataframe and not at.table


def test_the_page_on_the_demo_data(data_env):
    """The demo data may or may not hold the register yet: the page shows
    each part, or says in words that there is nothing."""
    data_env(DEMO_DATA)
    at = open_app_page(PAGE)
    store = Store(DEMO_DATA)
    counts = store.latest().row_counts
    shown = texts_on(at)
    assert (T.DECISIONS_NONE in shown) == (not counts.get("decisions"))
    assert (T.RISKS_NONE in shown) == (not frames_with(at, T.COL_RISK))
    assert (T.BENEFITS_NONE in shown) == (not counts.get("benefits"))
    points = frame_with(at, T.COL_STATE)  # the demo's initiatives have passed decision points
    assert len(points) and set(points[T.COL_STATE]) <= set(governance_tables.STATE_WORDS.values())
    at = open_app_page(PAGE, snapshot=store.list()[2].snapshot_id)  # an earlier snapshot
    assert any("ikke dagens data" in w.value for w in at.warning)


def test_the_initiative_page_sections(governed_data, data_env):
    data_env(governed_data)
    at = open_app_page("views/initiative.py", initiative="alfa")
    subheaders = [s.value for s in at.subheader]
    for heading in (T.INITIATIVE_DECISIONS, T.INITIATIVE_CHECKLISTS, T.INITIATIVE_RISKS, T.INITIATIVE_BENEFITS):
        assert heading in subheaders
    shown = texts_on(at)
    assert "- **18.10.2021** · KDL ved BP1: Vedtak d1 (sak 21/123)" in shown
    assert "**BP1 – Beslutte oppstart av konseptfasen**: 7 av 7 punkter besvart (100\u00a0%)" in shown
    assert any(m.value.startswith("Kilde for sjekkpunktene: https://prosjektveiviseren.digdir.no/") for m in at.markdown)
    assert "1. Er det en tydelig definert problemstilling som synliggjør behovet for nærmere utredning?  \n" \
        "    Svar: **Ja**" in shown
    assert "1. Er prosjektet fortsatt ønsket, og i tråd med virksomhetens strategiske mål?  \n" \
        "    Svar: **Delvis** · Kommentar: Mangler én del" in shown
    assert frame_with(at, T.COL_RISK)[T.COL_LEVEL].tolist() == ["Svært høy"] * 2
    assert frame_with(at, T.COL_VALUE)[T.COL_DATE].tolist() == [
        pd.Timestamp(2026, 6, 1), pd.Timestamp(2025, 6, 1)]
    specs = [json.loads(c.proto.spec) for c in at.get("vega_lite_chart")]
    assert {s["title"] if isinstance(s["title"], str) else s["title"]["text"] for s in specs} >= {
        T.RISK_MATRIX_TITLE, T.BENEFIT_CHART_TITLE}
    at = open_app_page("views/initiative.py", initiative="beta")
    shown = texts_on(at)
    assert T.INITIATIVE_CHECKLISTS_NONE in shown and T.INITIATIVE_MEASUREMENTS_NONE not in shown


def test_the_initiative_page_without_governance_rows(data_env):
    data_env(DEMO_DATA)
    at = open_app_page("views/initiative.py", initiative="flere-i-arbeid")
    shown = texts_on(at)
    subheaders = [s.value for s in at.subheader]
    assert T.INITIATIVE_DECISIONS in subheaders and T.INITIATIVE_RISKS in subheaders
    counts = Store(DEMO_DATA).latest().row_counts
    if not counts.get("decisions"):
        assert T.INITIATIVE_DECISIONS_NONE in shown


# -- hostile text ---------------------------------------------------------------------------------

def test_hostile_text_in_the_register_stays_text(tmp_path, data_env):
    from test_markup import PAYLOAD, long, raw_markup, short

    data = register_tables()
    data["initiatives"].loc[0, "name"] = short("Alfa")
    data["decisions"] = data["decisions"].assign(title=short("Vedtak"), text=long("Vedtakstekst"),
                                                 case_number=short("Sak"))
    data["risks"] = data["risks"].assign(title=short("Risiko"), mitigation=long("Tiltak"), owner=short("Eier"))
    data["benefits"] = data["benefits"].assign(title=[short(f"Gevinst{i}") for i in range(5)],
                                               owner=short("Ansvarlig"))
    data["checklist_answers"] = data["checklist_answers"].assign(answer=short("Svar"), comment=long("Kommentar"),
                                                                 question=long("Spørsmål"))
    root = tmp_path / "data"
    Store(root).write(data, author=short("Forfatter"), note="t", base_id=None)
    data_env(root)
    for page, params in ((PAGE, {}), ("views/initiative.py", {"initiative": "alfa"})):
        at = open_app_page(page, **params)
        assert raw_markup(at) == [], page
        assert "\\[Logg inn\\](http" in texts_on(at), page  # the payload was drawn, made literal
    assert PAYLOAD


# -- in the browser ----------------------------------------------------------------------------------

@pytest.mark.browser
def test_governance_page_in_chromium(governed_data):
    from browser import ARTIFACTS, axe_violations, chromium, streamlit_server, wait_until_idle

    with streamlit_server("dashboard.py", governed_data, today=TODAY.isoformat()) as url, \
            chromium(viewport=(1400, 4200)) as page:
        page.goto(f"{url}/governance")
        wait_until_idle(page)
        page.locator('[data-testid="stVegaLiteChart"]').nth(1).wait_for(timeout=60_000)
        assert page.locator("h1", has_text=T.TITLE).count() == 1
        assert page.locator('[data-testid="stVegaLiteChart"]').count() == 2
        page.screenshot(path=str(ARTIFACTS / "governance.png"), full_page=True)
        violations = axe_violations(page)
        assert violations == [], [(v["id"], v["help"], v["nodes"][0]["target"]) for v in violations]
        page.goto(f"{url}/initiative?initiative=alfa")
        wait_until_idle(page)
        page.get_by_text(T.INITIATIVE_BENEFITS, exact=True).first.wait_for(timeout=60_000)
        page.screenshot(path=str(ARTIFACTS / "governance-initiative.png"), full_page=True)
        violations = axe_violations(page)
        assert violations == [], [(v["id"], v["help"], v["nodes"][0]["target"]) for v in violations]
