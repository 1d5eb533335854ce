"""The change engine (portfolio/diff.py) on hand-built snapshot pairs written
with the real store, and `python -m portfolio diff` as a subprocess."""

from __future__ import annotations

import datetime as dt
import json

import numpy as np
import pandas as pd
import pytest

from conftest import DEMO_DATA, DEMO_TODAY, budget, initiative, milestone, tables
from conftest import cli_in_process as cli
from portfolio import config
from portfolio.model import diff, schema
from portfolio.store.snapshots import Store

UTC = dt.UTC
OLD_AT = dt.datetime(2026, 1, 5, 12, tzinfo=UTC)
NEW_AT = dt.datetime(2026, 6, 1, 12, tzinfo=UTC)


def write_pair(store: Store, old: dict, new: dict):
    """Write two snapshots (old on 05.01.2026, new on 01.06.2026) and return their metadata."""
    first = store.write(old, author="test", note="gammel", created_at=OLD_AT)
    second = store.write(new, author="test", note="ny", base_id=first.snapshot_id, created_at=NEW_AT)
    return first, second


def changes_between(store: Store, old: dict, new: dict, **options) -> list[diff.Change]:
    first, second = write_pair(store, old, new)
    return diff.compare_snapshots(store, first.snapshot_id, second.snapshot_id, **options)


def only(changes, kind):
    return [c for c in changes if c.kind == kind]


# -- a pair that has every kind of change ------------------------------------------------

def frame(table: str, rows: list[dict]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=schema.TABLES[table].column_names)


def decision(decision_id: str, initiative_id: str, **overrides) -> dict:
    row = dict(decision_id=decision_id, initiative_id=initiative_id, decided_on=dt.date(2025, 12, 1), body="KDL",
               decision_point=None, title=f"Vedtak {decision_id}", text=None, case_number=None, is_public=False)
    return row | overrides


def answer(initiative_id: str, item_no: int, answer: str, decision_point: str = "BP1", **overrides) -> dict:
    row = dict(initiative_id=initiative_id, decision_point=decision_point, item_no=item_no, question=None,
               answer=answer, comment=None)
    return row | overrides


def risk(risk_id: str, initiative_id: str, probability: int, consequence: int, status: str = "åpen",
         **overrides) -> dict:
    row = dict(risk_id=risk_id, initiative_id=initiative_id, title=f"Risiko {risk_id}", description=None,
               category=None, probability=probability, consequence=consequence, owner=None, mitigation=None,
               status=status, strategy=None, identified_on=dt.date(2025, 10, 1), review_by=None,
               residual_probability=None, residual_consequence=None)
    return row | overrides


def benefit(benefit_id: str, initiative_id: str, **overrides) -> dict:
    row = dict(benefit_id=benefit_id, initiative_id=initiative_id, title=f"Gevinst {benefit_id}", kind="kvalitativ",
               owner=None, indicator=None, unit=None, baseline=None, baseline_on=None, target=None, target_on=None,
               is_public=False)
    return row | overrides


def measurement(benefit_id: str, measured_on: dt.date, value: float, **overrides) -> dict:
    return dict(benefit_id=benefit_id, measured_on=measured_on, value=value, comment=None) | overrides


HOURS = dict(title="Færre timer", kind="direkte", unit="timer", indicator="Timer per sak", baseline=100.0,
             baseline_on=dt.date(2025, 1, 1), target=50.0, target_on=dt.date(2027, 1, 1))


def governance(old: bool) -> dict:
    """The governance tables with a change of every kind between old and new:
    decisions and risks of initiative a, checklist answers and benefits of b."""
    if old:
        return {
            "decisions": frame("decisions", [
                decision("d-keep", "a", decision_point="BP2", title="Oppstart planlegging", case_number="2025/1"),
                decision("d-gone", "a", title="Gammelt vedtak"),
            ]),
            "checklist_answers": frame("checklist_answers", [
                answer("b", 1, "Ja"), answer("b", 2, "Nei"), answer("b", 3, "Ja"), answer("b", 4, "Ja"),
            ]),
            "risks": frame("risks", [
                risk("r-move", "a", 2, 3), risk("r-close", "a", 3, 3), risk("r-reopen", "a", 2, 2, "lukket"),
                risk("r-gone", "a", 1, 1), risk("r-edit", "a", 2, 2, owner="Kari"),
            ]),
            "benefits": frame("benefits", [benefit("ben-keep", "b", **HOURS), benefit("ben-gone", "b")]),
            "benefit_measurements": frame("benefit_measurements", [
                measurement("ben-keep", dt.date(2025, 6, 1), 90.0), measurement("ben-keep", dt.date(2025, 12, 1), 80),
            ]),
        }
    return {
        "decisions": frame("decisions", [
            decision("d-keep", "a", decision_point="BP2", title="Oppstart planlegging", case_number="2025/2"),
            decision("d-new", "a", decided_on=dt.date(2026, 5, 20), decision_point="BP3",
                     title="Gjennomføring vedtatt"),
        ]),
        "checklist_answers": frame("checklist_answers", [
            answer("b", 1, "Ja"), answer("b", 2, "Ja"), answer("b", 3, "Ja", comment="Sjekket"),
            answer("b", 5, "Delvis"),
        ]),
        "risks": frame("risks", [
            risk("r-move", "a", 4, 4), risk("r-close", "a", 3, 3, "lukket"), risk("r-reopen", "a", 2, 2),
            risk("r-edit", "a", 2, 2, owner="Ola"), risk("r-new", "a", 5, 4),
        ]),
        "benefits": frame("benefits", [benefit("ben-keep", "b", **HOURS, owner="Ola"), benefit("ben-new", "b")]),
        "benefit_measurements": frame("benefit_measurements", [
            measurement("ben-keep", dt.date(2025, 6, 1), 85.0), measurement("ben-keep", dt.date(2026, 3, 1), 70.0),
        ]),
    }


def old_portfolio() -> dict:
    return governance(old=True) | tables(
        [
            initiative("a", status_overall="gul", status_risk="grønn", phase="Planlegge",
                       last_decision_point="BP2", project_leader="Kari", partners=["NAV"]),
            initiative("b"),
            initiative("gone", name="Fjernes"),
        ],
        [
            budget("a", 2026, budget_nok=1_000_000, actual_nok=200_000),
            budget("a", 2026, funding_source="Tilskudd", budget_nok=40_000, actual_nok=0),
            budget("b", 2025, budget_nok=500_000, actual_nok=100_000),
            budget("b", 2026, budget_nok=10_000, actual_nok=0),
        ],
        [
            milestone("m-done", "a", due_date=dt.date(2026, 3, 1)),
            milestone("m-reopen", "a", due_date=dt.date(2025, 12, 1), completed_date=dt.date(2025, 12, 1)),
            milestone("m-move", "b", due_date=dt.date(2026, 9, 1)),
            milestone("m-late", "b", due_date=dt.date(2026, 3, 1)),
            milestone("m-still-late", "b", due_date=dt.date(2025, 11, 1)),
            milestone("m-rename", "b", title="Gammel tittel"),
            milestone("m-gone", "gone"),
        ],
    )


def new_portfolio() -> dict:
    return governance(old=False) | tables(
        [
            initiative("a", status_overall="rød", status_risk="gul", phase="Gjennomføre",
                       last_decision_point="BP3", project_leader="Ola", partners=["NAV", "UiA"],
                       end_date=dt.date(2028, 6, 30), comment_risk="Ny risiko"),
            initiative("b"),
            initiative("new", name="Nytt tiltak", status_overall="gul"),
        ],
        [
            budget("a", 2026, budget_nok=1_250_000, actual_nok=205_000),
            budget("b", 2025, budget_nok=500_000, actual_nok=100_000, note="Revidert"),
            budget("new", 2026, budget_nok=300_000, actual_nok=0),
        ],
        [
            milestone("m-done", "a", due_date=dt.date(2026, 3, 1), completed_date=dt.date(2026, 2, 27)),
            milestone("m-reopen", "a", due_date=dt.date(2025, 12, 1)),
            milestone("m-move", "b", due_date=dt.date(2026, 11, 15)),
            milestone("m-late", "b", due_date=dt.date(2026, 3, 1)),
            milestone("m-still-late", "b", due_date=dt.date(2025, 11, 1)),
            milestone("m-rename", "b", title="Ny tittel"),
            milestone("m-new", "new", due_date=dt.date(2026, 8, 1)),
        ],
    )


@pytest.fixture()
def every_kind(store) -> list[diff.Change]:
    return changes_between(store, old_portfolio(), new_portfolio())


# The collaboration tables' kinds are found in tests/test_diff_collaboration.py, Decidim's in test_decidim_import.py
KINDS_HERE = set(diff.KINDS) - set(diff.COLLABORATION_KINDS) - set(diff.DECIDIM_KINDS)


def test_every_kind_of_change_is_found(every_kind):
    assert {c.kind for c in every_kind} == KINDS_HERE


def test_initiatives_added_and_removed(every_kind):
    assert only(every_kind, "initiative_added") == [
        diff.Change("new", "initiatives", "name", None, "Nytt tiltak", "initiative_added")
    ]
    assert only(every_kind, "initiative_removed") == [
        diff.Change("gone", "initiatives", "name", "Fjernes", None, "initiative_removed")
    ]
    # nothing else is reported for an added or removed initiative's own columns
    assert {c.initiative_id for c in every_kind if c.table == "initiatives"} == {"a", "new", "gone"}


def test_status_phase_decision_point_and_other_fields(every_kind):
    status = {(c.field, c.old, c.new) for c in only(every_kind, "status")}
    assert status == {("status_overall", "gul", "rød"), ("status_risk", "grønn", "gul")}
    assert [(c.field, c.old, c.new) for c in only(every_kind, "phase")] == [("phase", "Planlegge", "Gjennomføre")]
    assert [(c.field, c.old, c.new) for c in only(every_kind, "decision_point")] == [
        ("last_decision_point", "BP2", "BP3")
    ]
    fields = {c.field: (c.old, c.new) for c in only(every_kind, "field")}
    assert fields == {
        "project_leader": ("Kari", "Ola"),
        "comment_risk": (None, "Ny risiko"),
        "partners": (("NAV",), ("NAV", "UiA")),
        "end_date": (dt.date(2027, 12, 31), dt.date(2028, 6, 30)),
    }


def test_milestone_changes(every_kind):
    def of(kind):
        return [(c.milestone_id, c.field, c.old, c.new) for c in only(every_kind, kind)]

    assert of("milestone_added") == [("m-new", "title", None, "Milepæl m-new")]
    assert of("milestone_removed") == [("m-gone", "title", "Milepæl m-gone", None)]
    assert of("milestone_completed") == [("m-done", "completed_date", None, dt.date(2026, 2, 27))]
    assert of("milestone_reopened") == [("m-reopen", "completed_date", dt.date(2025, 12, 1), None)]
    assert of("milestone_moved") == [("m-move", "due_date", dt.date(2026, 9, 1), dt.date(2026, 11, 15))]
    assert of("milestone_changed") == [("m-rename", "title", "Gammel tittel", "Ny tittel")]
    # open and due before 01.06.2026, but not overdue on 05.01.2026: m-late; m-reopen was
    # completed then. m-still-late was overdue on both dates; m-done is completed.
    assert sorted(of("milestone_newly_overdue")) == [
        ("m-late", "due_date", dt.date(2026, 3, 1), dt.date(2026, 3, 1)),
        ("m-reopen", "due_date", dt.date(2025, 12, 1), dt.date(2025, 12, 1)),
    ]
    assert all(c.initiative_id in {"a", "b", "new", "gone"} for c in every_kind)


def test_budget_changes_keyed_by_initiative_year_and_source(every_kind):
    def of(kind):
        return sorted((c.initiative_id, c.year, c.funding_source, c.field, c.old, c.new)
                      for c in only(every_kind, kind))

    assert of("budget_added") == [("new", 2026, "Drift", "budget_nok", None, 300_000)]
    assert of("budget_removed") == [
        ("a", 2026, "Tilskudd", "budget_nok", 40_000, None),
        ("b", 2026, "Drift", "budget_nok", 10_000, None),
    ]
    assert of("budget_changed") == [
        ("a", 2026, "Drift", "actual_nok", 200_000, 205_000),
        ("a", 2026, "Drift", "budget_nok", 1_000_000, 1_250_000),
        ("b", 2025, "Drift", "note", None, "Revidert"),
    ]


def test_budget_threshold_leaves_out_small_changes(store):
    changes = changes_between(store, old_portfolio(), new_portfolio(), budget_threshold_nok=50_000)
    budgets = sorted((c.kind, c.initiative_id, c.field) for c in changes if c.table == "budgets")
    assert budgets == [
        ("budget_added", "new", "budget_nok"),      # 300 000
        ("budget_changed", "a", "budget_nok"),      # +250 000
        ("budget_changed", "b", "note"),            # text: no size
        # actual +5 000, removed rows of 40 000 and 10 000: below the threshold
    ]
    # a change exactly the size of the threshold is kept
    exact = changes_between(Store(store.root.parent / "exact"), old_portfolio(), new_portfolio(),
                            budget_threshold_nok=250_000)
    assert ("a", "budget_nok") in {(c.initiative_id, c.field) for c in exact if c.kind == "budget_changed"}
    # other tables do not depend on the threshold
    assert [c for c in changes if c.table != "budgets"] == [
        c for c in diff.compare_snapshots(store, *[m.snapshot_id for m in store.list()]) if c.table != "budgets"
    ]


def test_order_is_by_initiative_table_kind_and_field(every_kind):
    keys = [(c.initiative_id, schema.TABLE_NAMES.index(c.table), diff.KINDS.index(c.kind)) for c in every_kind]
    assert keys == sorted(keys)
    status_fields = [c.field for c in every_kind if c.initiative_id == "a" and c.kind == "status"]
    assert status_fields == ["status_overall", "status_risk"]  # schema order


def test_identical_snapshots_have_no_changes(store):
    data = old_portfolio()
    first = store.write(data, author="test", note="en", created_at=OLD_AT)
    second = store.write(data, author="test", note="to", base_id=first.snapshot_id, created_at=NEW_AT)
    # seen on the same day, identical data has no changes
    assert diff.compare_snapshots(store, first.snapshot_id, second.snapshot_id, today=OLD_AT.date()) == []
    # time passing alone only makes open milestones overdue
    later = diff.compare_snapshots(store, first.snapshot_id, second.snapshot_id)
    assert {c.kind for c in later} == {"milestone_newly_overdue"}
    frames = store.read_frames(first.snapshot_id)
    assert diff.compare(frames, frames, today=dt.date(2030, 1, 1)) == []
    assert diff.summary([]) == {}


def test_list_cells_as_numpy_arrays_compare_equal_to_lists(store):
    first = store.write(old_portfolio(), author="test", note="en", created_at=OLD_AT)
    frames = store.read_frames(first.snapshot_id)
    assert isinstance(frames["initiatives"]["partners"].iloc[0], np.ndarray)  # as read back
    as_lists = old_portfolio()
    assert diff.compare(frames, as_lists) == []
    assert diff.compare(as_lists, frames) == []
    changed = {name: frame.copy() for name, frame in frames.items()}
    changed["initiatives"].at[0, "partners"] = np.array(["NAV", "UiA"], dtype=object)
    found = diff.compare(frames, changed)
    assert [(c.initiative_id, c.field, c.old, c.new, c.kind) for c in found] == [
        ("a", "partners", ("NAV",), ("NAV", "UiA"), "field")
    ]
    assert found[0].to_json()["new"] == ["NAV", "UiA"]


def test_frames_as_built_by_an_importer_compare_equal_to_stored_ones(store):
    """Timestamps for dates, NaN for missing values, padded text, empty
    strings, floats for whole amounts: the same data, so no changes."""
    first = store.write(old_portfolio(), author="test", note="en", created_at=OLD_AT)
    stored = store.read_frames(first.snapshot_id)
    imported = {name: frame.copy() for name, frame in old_portfolio().items()}
    init = imported["initiatives"]
    init["start_date"] = pd.to_datetime(init["start_date"])
    init["project_leader"] = init["project_leader"].map(lambda v: f"  {v} " if isinstance(v, str) else "")
    init["comment_risk"] = np.nan
    ms = imported["milestones"]
    ms["due_date"] = ms["due_date"].map(lambda d: d.isoformat())
    ms["completed_date"] = pd.to_datetime(ms["completed_date"])
    imported["budgets"]["forecast_nok"] = np.nan
    imported["budgets"]["budget_nok"] = imported["budgets"]["budget_nok"].astype(float)
    assert diff.compare(stored, imported) == []


def test_newly_overdue_uses_each_snapshots_own_date(store):
    old = tables([initiative("a")], [], [milestone("m", "a", due_date=dt.date(2026, 3, 1))])
    first, second = write_pair(store, old, old)
    # seen on the new snapshot's date (01.06.2026): due 01.03, was not overdue on 05.01
    found = diff.compare_snapshots(store, first.snapshot_id, second.snapshot_id)
    assert [c.kind for c in found] == ["milestone_newly_overdue"]
    # seen on an earlier day, it is not overdue yet
    assert diff.compare_snapshots(store, first.snapshot_id, second.snapshot_id,
                                  today=dt.date(2026, 2, 1)) == []
    # compare() without old_today sees both sides on the same day: nothing new
    frames = store.read_frames(first.snapshot_id)
    assert diff.compare(frames, frames, today=dt.date(2026, 6, 1)) == []
    assert len(diff.compare(frames, frames, today=dt.date(2026, 6, 1), old_today=dt.date(2026, 1, 5))) == 1


def test_to_json_is_json_with_iso_dates_and_the_optional_keys(every_kind):
    rows = json.loads(json.dumps([c.to_json() for c in every_kind]))
    for row in rows:
        assert {"initiative_id", "table", "field", "old", "new", "kind"} <= row.keys()
    moved = next(r for r in rows if r["kind"] == "milestone_moved")
    assert moved == {"initiative_id": "b", "table": "milestones", "field": "due_date",
                     "old": "2026-09-01", "new": "2026-11-15", "kind": "milestone_moved",
                     "milestone_id": "m-move"}
    added = next(r for r in rows if r["kind"] == "budget_added")
    assert (added["year"], added["funding_source"], added["new"]) == (2026, "Drift", 300_000)
    assert "milestone_id" not in added


def test_summary_counts_per_kind(every_kind):
    counts = diff.summary(every_kind)
    assert list(counts) == [k for k in diff.KINDS if k in counts]
    assert counts["status"] == 2 and counts["budget_removed"] == 2 and counts["milestone_newly_overdue"] == 2
    assert sum(counts.values()) == len(every_kind)


def test_the_summary_per_initiative_says_every_change_once(every_kind):
    """The sentences of the change summary (portfolio/present/change_summary.py)
    straight from the engine's output: every change said by exactly one
    sentence, the same words every time, whatever the order of the rows."""
    from portfolio.present import change_summary

    frame = diff.to_frame(every_kind)
    found = change_summary.summarise(frame)
    assert [s.initiative_id for s in found] == ["a", "b", "new", "gone"]  # red, overdue, budget, removed
    assert [s.severity for s in found] == ["red", "overdue", "budget", "removed"]
    said = sorted(label for s in found for sentence in s.sentences for label in sentence.changes)
    assert said == list(frame.index)
    assert change_summary.summarise(frame.iloc[::-1]) == found
    new = next(s for s in found if s.initiative_id == "new")
    assert [s.text for s in new.sentences] == [
        "Tiltaket er nytt i porteføljen.", "Ny budsjettlinje: 300\u00a0000\u00a0kr for 2026 fra Drift.",
        "Ny milepæl: «m-new».",
    ]
    a = found[0]
    assert a.sentences[0].text == "Samlet status er endret fra gul til rød."
    assert "Prosjektleder er endret fra Kari til Ola." in [s.text for s in a.sentences]
    assert [(t.label, t.old, t.new) for t in a.texts] == [("Kommentar risiko", None, "Ny risiko")]


def test_demo_data_last_two_snapshots():
    data = Store(DEMO_DATA)
    metas = data.list()
    found = diff.compare_snapshots(data, metas[-2].snapshot_id, metas[-1].snapshot_id, today=DEMO_TODAY)
    counts = diff.summary(found)
    assert counts["status"] > 0 and counts["milestone_moved"] > 0
    # every change belongs to an initiative, but a kommunalområde's collaboration survey and its scores
    assert all(c.initiative_id or c.table in ("collaboration_surveys", "collaboration_scores") for c in found)


# -- the command line -----------------------------------------------------------------

@pytest.fixture()
def pair_folder(store):
    write_pair(store, old_portfolio(), new_portfolio())
    return store.root


def test_cli_diff_json_lists_every_change(pair_folder):
    store = Store(pair_folder)
    first, second = store.list()
    result = cli("diff", first.snapshot_id, second.snapshot_id, "--json", data=pair_folder)
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    expected = diff.compare_snapshots(store, first.snapshot_id, second.snapshot_id, today=config.today())
    assert rows == [c.to_json() for c in expected]
    assert {r["kind"] for r in rows} == KINDS_HERE
    for row in rows:
        assert {"initiative_id", "table", "field", "old", "new", "kind"} <= row.keys()


def test_cli_diff_aliases_and_threshold(pair_folder):
    store = Store(pair_folder)
    first, second = store.list()
    by_alias = cli("diff", "previous", "latest", "--json", data=pair_folder)
    by_id = cli("diff", first.snapshot_id, second.snapshot_id, "--json", data=pair_folder)
    assert by_alias.returncode == 0 and by_alias.stdout == by_id.stdout
    small = json.loads(cli("diff", "previous", "latest", "--json", "--threshold", "50000", data=pair_folder).stdout)
    assert sorted((r["kind"], r["field"]) for r in small if r["table"] == "budgets") == [
        ("budget_added", "budget_nok"), ("budget_changed", "budget_nok"), ("budget_changed", "note"),
    ]
    # reversed: what was added is removed
    back = json.loads(cli("diff", "latest", "previous", "--json", data=pair_folder).stdout)
    assert {r["initiative_id"] for r in back if r["kind"] == "initiative_removed"} == {"new"}


def test_cli_diff_readable_summary_in_norwegian(pair_folder):
    result = cli("diff", "previous", "latest", data=pair_folder)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("Endringer fra 05.01.2026")
    assert lines[1].startswith("Siden 05.01.2026: 1 nytt tiltak, 1 tiltak fjernet, 1 tiltak endret status")
    assert "Antall per type:" in lines
    assert any("Statusendring – Samlet status: Gul → Rød" in line for line in lines)
    assert any("Milepæl flyttet" in line and "01.09.2026 → 15.11.2026" in line for line in lines)


def test_cli_diff_unknown_id_is_a_norwegian_error(pair_folder, tmp_path):
    result = cli("diff", "finnes-ikke", "latest", data=pair_folder)
    assert result.returncode == 2
    assert "Fant ikke øyeblikksbildet «finnes-ikke»" in result.stderr and result.stdout == ""
    empty = cli("diff", "previous", "latest", data=tmp_path / "tom")
    assert empty.returncode == 2 and "Ingen øyeblikksbilder" in empty.stderr
    negative = cli("diff", "previous", "latest", "--threshold", "-5", data=pair_folder)
    assert negative.returncode == 2


def test_cli_diff_on_the_demo_data_honours_portfolio_data():
    result = cli("diff", "previous", "latest", "--json", data=DEMO_DATA)
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    data = Store(DEMO_DATA)
    metas = data.list()
    from portfolio.present import changes

    # the date the command sees the latest snapshot on (on demo data: its own date unless PORTFOLIO_TODAY)
    assert len(rows) == len(diff.compare_snapshots(data, metas[-2].snapshot_id, metas[-1].snapshot_id,
                                                   today=changes.today_for(data, metas[-1])))
    assert any(r["kind"] == "status" for r in rows)
