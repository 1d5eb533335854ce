"""The Changes page ("Endringer") through AppTest, on the demo data and on
large generated data, and its logic in portfolio/changes.py."""

from __future__ import annotations

import datetime as dt
import io
import time

import pandas as pd
from streamlit.testing.v1 import AppTest

from conftest import DEMO_DATA, DEMO_TODAY, ROOT, open_app_page
from portfolio.model import diff
from portfolio.present import change_words, changes, links
from portfolio.store import export
from portfolio.store.snapshots import Store
from portfolio.texts import changes as T
from portfolio.web import changes as page

APP = str(ROOT / "dashboard.py")
PAGE = "views/changes.py"
C = T.COLUMNS
METAS = Store(DEMO_DATA).list()


def open_page(**params) -> AppTest:
    return open_app_page(PAGE, **params)


def summary(at: AppTest) -> str:
    return next(m.value.strip("*") for m in at.markdown if m.value.startswith("**"))


def table(at: AppTest, column: str) -> pd.DataFrame | None:
    """The section table that has `column` (None when the section is empty)."""
    return next((d.value for d in at.dataframe if column in d.value.columns), None)


def rows(at: AppTest, column: str) -> int:
    found = table(at, column)
    return 0 if found is None else len(found)


def engine(old, new, today, threshold=0) -> dict[str, int]:
    data = Store(DEMO_DATA)
    found = diff.compare_snapshots(data, old.snapshot_id, new.snapshot_id, today=today,
                                   budget_threshold_nok=threshold)
    return {kind: sum(c.kind == kind for c in found) for kind in diff.KINDS} | {"total": len(found)}


def test_default_compares_the_last_two_demo_snapshots(data_env):
    data_env(DEMO_DATA)
    at = open_page()
    assert at.title[0].value == T.PAGE["title"]
    expected = engine(METAS[-2], METAS[-1], DEMO_TODAY)
    assert summary(at).startswith("Siden 17.11.2025: ")
    assert f"{expected['milestone_moved']} milepæler flyttet" in summary(at)
    status = table(at, C["dimension"])
    assert len(status) == expected["status"] > 0
    words = {"Grønn", "Gul", "Rød", "Ikke vurdert"}
    assert set(status[C["old"]]) <= words and set(status[C["new"]]) <= words
    assert all(f"{o} → {n}" == c for o, n, c in zip(status[C["old"]], status[C["new"]], status[C["change"]], strict=False))
    assert set(status[C["direction"]]) <= set(T.DIRECTIONS.values())
    assert rows(at, C["old_due"]) == expected["milestone_moved"]
    assert rows(at, C["overdue_days"]) == expected["milestone_newly_overdue"]
    assert rows(at, C["budget_line"]) == sum(expected[k] for k in diff.BUDGET_KINDS)
    assert rows(at, C["what"]) == sum(expected[k] for k in changes.OTHER_KINDS)
    # every row links to the initiative page (latest snapshot: no snapshot in the link)
    ids = set(Store(DEMO_DATA).read_frames(METAS[-1].snapshot_id)["initiatives"]["initiative_id"])
    for frame in (d.value for d in at.dataframe):
        assert all(link.startswith("initiative?initiative=") for link in frame[C["link"]])
        assert {link.split("=", 1)[1] for link in frame[C["link"]]} <= ids
    assert at.radio(key=page.KEY_MODE).value == "snapshot"
    assert at.selectbox(key=page.KEY_FROM).value == METAS[-2].snapshot_id
    assert "from" not in at.query_params and "since" not in at.query_params


def test_an_older_pair_from_the_link(data_env):
    data_env(DEMO_DATA)
    old, new = METAS[1], METAS[3]  # 18.10.2021 → 07.11.2022
    at = open_page(snapshot=new.snapshot_id, **{"from": old.snapshot_id})
    assert any("ikke dagens data" in w.value for w in at.warning)
    assert summary(at).startswith("Fra 18.10.2021 til 07.11.2022: ")
    expected = engine(old, new, new.created.date())
    assert rows(at, C["dimension"]) == expected["status"]
    assert rows(at, C["completed_date"]) == expected["milestone_completed"] > 0
    assert rows(at, C["status"]) == expected["initiative_added"] + expected["initiative_removed"] > 0
    # links keep the past snapshot, so the initiative opens as it was then
    links = table(at, C["dimension"])[C["link"]]
    assert all(link.endswith(f"&snapshot={new.snapshot_id}") for link in links)
    assert at.selectbox(key=page.KEY_FROM).value == old.snapshot_id
    assert at.query_params["from"] in (old.snapshot_id, [old.snapshot_id])


def test_choosing_a_snapshot_puts_it_in_the_link(data_env):
    data_env(DEMO_DATA)
    at = open_page()
    at.selectbox(key=page.KEY_FROM).set_value(METAS[-4].snapshot_id).run()
    assert not at.exception
    assert at.query_params["from"] in (METAS[-4].snapshot_id, [METAS[-4].snapshot_id])
    assert summary(at).startswith(f"Siden {METAS[-4].created:%d.%m.%Y}: ")
    at.selectbox(key=page.KEY_FROM).set_value(METAS[-2].snapshot_id).run()
    assert "from" not in at.query_params  # the default is left out


def test_since_a_date_compares_with_the_newest_snapshot_on_or_before_it(data_env):
    data_env(DEMO_DATA)
    at = open_page(since="2025-01-01")
    assert at.radio(key=page.KEY_MODE).value == "date"
    assert at.date_input(key=page.KEY_SINCE).value == dt.date(2025, 1, 1)
    # 15.04.2024 is the newest snapshot on or before 01.01.2025
    assert any("15.04.2024" in c.value and "Sammenligner med" in c.value for c in at.caption)
    assert summary(at).startswith("Siden 15.04.2024: ")
    at.date_input(key=page.KEY_SINCE).set_value(dt.date(2025, 11, 17)).run()
    assert at.query_params["since"] in ("2025-11-17", ["2025-11-17"])
    assert summary(at).startswith("Siden 17.11.2025: ")
    # a date before the first snapshot compares with the oldest
    at.date_input(key=page.KEY_SINCE).set_value(dt.date(2020, 1, 1)).run()
    assert summary(at).startswith(f"Siden {METAS[0].created:%d.%m.%Y}: ")
    # switching back to snapshots removes the date from the link
    at.radio(key=page.KEY_MODE).set_value("snapshot").run()
    assert "since" not in at.query_params


def test_since_the_shown_snapshots_own_date_says_there_is_nothing_to_compare(data_env):
    data_env(DEMO_DATA)
    at = open_page(since=METAS[-1].created.date().isoformat())
    assert any("ingen endringer å vise" in i.value for i in at.info)
    assert not at.dataframe


def test_budget_threshold_from_the_link_and_the_input(data_env):
    data_env(DEMO_DATA)
    at = open_page(threshold="500000")
    expected = engine(METAS[-2], METAS[-1], DEMO_TODAY, threshold=500_000)
    budget = table(at, C["budget_line"])
    assert len(budget) == sum(expected[k] for k in diff.BUDGET_KINDS) > 0
    assert any(s.value == "Budsjettendringer på minst 500\u00a0000\u00a0kr" for s in at.header)
    all_rows = sum(engine(METAS[-2], METAS[-1], DEMO_TODAY)[k] for k in diff.BUDGET_KINDS)
    assert len(budget) < all_rows
    at.number_input(key=page.KEY_THRESHOLD).set_value(0).run()
    assert "threshold" not in at.query_params
    assert rows(at, C["budget_line"]) == all_rows


def test_an_unknown_snapshot_in_the_link_falls_back_to_the_previous_one(data_env):
    data_env(DEMO_DATA)
    at = open_page(**{"from": "finnes-ikke", "since": "ikke-en-dato"})
    assert any("finnes-ikke" in e.value for e in at.error)
    assert any("ikke-en-dato" in e.value for e in at.error)
    assert summary(at).startswith("Siden 17.11.2025: ")


def test_portfolio_filters_apply_to_the_changes(data_env):
    data_env(DEMO_DATA)
    at = open_page(status="rød")
    frames = [Store(DEMO_DATA).read_frames(m.snapshot_id)["initiatives"] for m in METAS[-2:]]
    red = set().union(*(set(f.loc[f["status_overall"] == "rød", "name"]) for f in frames))
    shown = set().union(*(set(d.value[C["initiative"]]) for d in at.dataframe))
    assert shown and shown <= red
    assert any(c.value == T.PAGE["filters_note"] for c in at.caption)
    unfiltered = open_page()
    assert rows(at, C["dimension"]) < rows(unfiltered, C["dimension"])


def test_the_oldest_snapshot_has_nothing_to_compare_with(data_env):
    data_env(DEMO_DATA)
    at = open_page(snapshot=METAS[0].snapshot_id)
    assert any(i.value == T.PAGE["no_older"] for i in at.info)


def test_large_data_caps_every_section_and_says_so(data_env, large_data):
    data_env(large_data)
    metas = Store(large_data).list()
    started = time.perf_counter()
    at = open_page()
    first_run = time.perf_counter() - started
    assert summary(at).startswith(f"Siden {metas[-2].created:%d.%m.%Y}: ")
    for frame in (d.value for d in at.dataframe):
        assert len(frame) <= changes.ROW_CAP
    # from the first snapshot: more changes than any section shows
    at.radio(key=page.KEY_MODE).set_value("date").run()
    at.date_input(key=page.KEY_SINCE).set_value(metas[0].created.date()).run()
    assert not at.exception
    capped = [c.value for c in at.caption if c.value.startswith(f"Viser {changes.ROW_CAP} av ")]
    assert capped, [c.value for c in at.caption]
    assert max(len(d.value) for d in at.dataframe) == changes.ROW_CAP
    # the threshold is applied, and the same pair again comes from the cache
    at.number_input(key=page.KEY_THRESHOLD).set_value(100_000).run()
    assert not at.exception
    started = time.perf_counter()
    at.number_input(key=page.KEY_THRESHOLD).set_value(0).run()
    cached_run = time.perf_counter() - started
    assert cached_run < max(first_run, 5.0), (cached_run, first_run)
    at.multiselect(key="f_status").set_value(["rød"]).run()
    assert not at.exception


# -- the logic behind the page ------------------------------------------------------------

def demo_changes(old=METAS[-2], new=METAS[-1], threshold=0) -> pd.DataFrame:
    return changes.build(Store(DEMO_DATA), old.snapshot_id, new.snapshot_id, DEMO_TODAY, threshold)


def test_export_holds_every_change_in_excel_and_csv():
    frame = demo_changes()
    table = change_words.export_frame(frame)
    assert len(table) == len(frame) > 0
    assert list(table.columns)[:3] == [C["initiative_id"], C["initiative"], C["kind"]]
    book = pd.read_excel(io.BytesIO(export.to_xlsx(table, sheet_name=T.PAGE["export_sheet"])))
    assert len(book) == len(frame)
    assert set(book[C["kind"]]) <= set(T.KIND_LABELS.values())
    csv = pd.read_csv(io.BytesIO(export.to_csv(table)), sep=None, engine="python")
    assert len(csv) == len(frame)


def test_summary_line_words_and_plurals():
    frame = demo_changes()
    line = changes.summary_line(frame, METAS[-2], METAS[-1], since_latest=True)
    assert line.startswith("Siden 17.11.2025: ") and line.endswith(".")
    assert " og " in line
    one = frame[frame["kind"] == "milestone_moved"].head(1)
    assert changes.summary_line(one, METAS[-2], METAS[-1], True) == "Siden 17.11.2025: 1 milepæl flyttet."
    assert changes.summary_line(frame.head(0), METAS[-2], METAS[-1], False) == (
        "Ingen endringer fra 17.11.2025 til 16.11.2026."
    )


def test_values_are_formatted_in_norwegian():
    assert changes.format_value("due_date", dt.date(2026, 11, 22)) == "22.11.2026"
    assert changes.format_value("budget_nok", 1234567) == "1\u00a0234\u00a0567\u00a0kr"
    assert changes.format_value("status_overall", "rød") == "Rød"
    assert changes.format_value("partners", ("NAV", "UiA")) == "NAV, UiA"
    assert changes.format_value("is_public", True) == "Ja"
    assert changes.format_value("project_leader", None) == "–"
    assert changes.days(1) == "1 dag" and changes.days(-30, signed=True) == "−30 dager"
    assert links.initiative("a-b", "X") == "initiative?initiative=a-b&snapshot=X"
