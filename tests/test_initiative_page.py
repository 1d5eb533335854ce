"""The initiative page ("Tiltak") through AppTest on the demo data and on large
generated data; its queries and logic on hand-built snapshots; one browser run."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from conftest import DEMO_DATA, DEMO_TODAY, ROOT, budget, initiative, milestone, open_app_page, tables
from portfolio import texts
from portfolio.present import decidim as decidim_logic
from portfolio.present import initiative as page_logic
from portfolio.present import initiative_history as history_logic
from portfolio.query import runner as queries
from portfolio.query.context import SnapshotContext
from portfolio.store.snapshots import Store
from portfolio.texts import budget as money_texts
from portfolio.texts import decidim_pages as D
from portfolio.texts import initiative as T
from portfolio.web import initiative as picker_page
from test_queries import query_params

APP = str(ROOT / "dashboard.py")
PAGE = "views/initiative.py"
METAS = Store(DEMO_DATA).list()


def open_page(**params) -> AppTest:
    return open_app_page(PAGE, **params)


def frame_with(at: AppTest, column: str) -> pd.DataFrame:
    return next(d.value for d in at.dataframe if column in d.value.columns)


def frames_with(at: AppTest, column: str) -> list[pd.DataFrame]:
    return [d.value for d in at.dataframe if column in d.value.columns]


def history(at: AppTest) -> pd.DataFrame:
    return frame_with(at, T.COL_CHANGES)


def markdown(at: AppTest) -> str:
    return "\n".join(m.value for m in at.markdown)


# -- AppTest on the demo data ----------------------------------------------------------

def test_the_programme_whole_on_demo_data(data_env):
    data_env(DEMO_DATA)
    at = open_page(initiative="samhandlingskommunen")
    assert at.title[0].value == T.TITLE
    assert at.header[0].value == "Samhandlingskommunen Kristiansand"
    assert at.selectbox(key=picker_page.PICKER_KEY).value == "samhandlingskommunen"

    # every status dimension as a word, with its comment
    status = at.table[0].value
    assert list(status[T.COL_DIMENSION]) == list(T.DIMENSIONS.values())
    assert set(status[T.COL_STATUS]) <= set(texts.STATUS_LABELS.values())
    assert status.set_index(T.COL_DIMENSION).loc["Fremdrift", T.COL_STATUS] == "Rød"
    assert "Midtveisevalueringen" in status.set_index(T.COL_DIMENSION).loc["Samlet status", T.COL_COMMENT]

    # the path through the phases: BP1 passed on 18.10.2021, BP3 the last one, now Gjennomføre
    text = markdown(at)
    assert "BP1 (passert 18.10.2021)" in text
    assert "BP3 (siste beslutningspunkt 11.12.2023)" in text
    assert "Gjennomføre (nåværende fase)" in text
    assert "Tiltaket er i fasen Gjennomføre. Siste passerte beslutningspunkt er BP3" in text

    # the history: BP1 passed and the change of project leader, oldest row "Registrert"
    changes = history(at)
    assert len(changes) == len(METAS)
    assert changes[T.COL_CHANGES].str.contains("BP1 passert").any()
    leader_change = changes[changes[T.COL_CHANGES].str.contains(
        "Prosjektleder: Elisabeth Engemyr → Svein Ove Ueland", regex=False)]
    assert len(leader_change) == 1 and leader_change[T.COL_DATE].iloc[0] == dt.date(2022, 3, 14)
    assert changes[T.COL_CHANGES].iloc[-1] == T.CHANGE_CREATED
    assert changes[T.COL_LEADER].iloc[-1] == "Elisabeth Engemyr"
    assert set(changes["Samlet status"]) <= set(texts.STATUS_LABELS.values())

    # milestones: the overdue one flagged, completed ones with their date
    ms = frame_with(at, T.COL_STATE)
    overdue = ms[ms[T.COL_STATE] == T.STATE_OVERDUE]
    assert overdue["Tittel"].tolist() == ["Midtveisevaluering av Samhandlingskommunen"]
    assert overdue[T.COL_OVERDUE_DAYS].iloc[0] == 24
    done = ms[ms[T.COL_STATE] == T.STATE_DONE]
    assert (done["Fullført dato"] != "–").all()

    # money by year: own rows, and the programme with everything under it
    money = frames_with(at, money_texts.COL_FORECAST_DEVIATION)
    assert len(money) == 2
    own = money[0].set_index(T.COL_YEAR)
    assert own.loc["2026", money_texts.COL_FORECAST_DEVIATION] == 18_000
    assert money[1].set_index(T.COL_YEAR).loc["2026", money_texts.COL_BUDGET] == 5_960_000

    # its ten children, each linking to its own page
    children = frame_with(at, T.COL_LINK)
    assert len(children) == 10
    assert "initiative?initiative=flere-i-arbeid" in set(children[T.COL_LINK])

    # last changed in the latest snapshot, by its author, a week ago: not stale
    assert any("Sist endret 16.11.2026 av Demodata (portfolio.demo) (for 7 dager siden)" in c.value
               for c in at.caption)
    assert not any("Ikke oppdatert" in w.value for w in at.warning)


def test_decidim_results_with_progress_and_links_on_demo_data(data_env):
    """«Decidim»: the linked results with status and progress (a bar with the per cent beside it, and in
    words), each linking back to Decidim; then the linked budget projects, proposals and meetings."""
    data_env(DEMO_DATA)
    at = open_page(initiative="nye-monstre-trygg-oppvekst")
    assert D.HEADING in [h.value for h in at.subheader]
    results = frame_with(at, D.COL_PROGRESS)
    assert results[D.COL_TITLE].tolist() == ["Trygge møteplasser for ungdom på kveldstid",
                                             "Foreldreveiledning i bydelene"]
    assert results[D.COL_PROGRESS].tolist() == [70.0, 50.0]
    assert results[D.COL_STATUS].tolist() == ["Under arbeid", "Under arbeid"]
    assert results[D.COL_LINK].str.startswith("https://deltakristiansand.no/").all()
    shown = next(d for d in at.dataframe if D.COL_PROGRESS in d.value.columns)
    assert '"progress"' in shown.proto.columns  # drawn as a bar with the number beside it (ProgressColumn)
    text = markdown(at)
    assert "2 resultater i Decidim, i snitt 60\u00a0% ferdig. Ferdige: 0, i arbeid: 2, ikke startet: 0." in text
    assert "Knyttet til 1 budsjettprosjekt, 1 forslag og 1 møte i Decidim." in text
    items = frame_with(at, D.COL_KIND)
    assert items[D.COL_KIND].tolist() == ["Budsjettprosjekt", "Forslag", "Møte"]
    assert items[D.COL_DETAIL].tolist()[0] == "450\u00a0000\u00a0kr, 318 stemmer"
    assert items[D.COL_DETAIL].tolist()[2] == "10.09.2025 kl. 19.00, digitalt, 60 deltakere"
    # a year earlier the result had come less far; before Decidim, nothing is linked
    before = open_page(initiative="nye-monstre-trygg-oppvekst", snapshot=METAS[-2].snapshot_id)
    assert frame_with(before, D.COL_PROGRESS)[D.COL_PROGRESS].tolist() == [40.0, 25.0]
    early = open_page(initiative="nye-monstre-trygg-oppvekst", snapshot=METAS[4].snapshot_id)
    assert D.NONE in markdown(early)
    assert not frames_with(early, D.COL_PROGRESS)


def test_decidim_links_are_web_addresses_only(store):
    """A Decidim row's address is data: only http(s) becomes a link."""
    assert decidim_logic.safe_url("https://deltakristiansand.no/x") == "https://deltakristiansand.no/x"
    for bad in ("javascript:alert(1)", "data:text/html,x", "//evil.example", "https://a b", None, 3, ""):
        assert decidim_logic.safe_url(bad) is None, bad


def test_a_child_links_to_its_programme_and_siblings(data_env):
    data_env(DEMO_DATA)
    at = open_page(initiative="flere-i-arbeid")
    links = at.get("page_link")
    assert len(links) == 1
    assert links[0].proto.label == T.PARENT_LINK.format(name="Samhandlingskommunen Kristiansand")
    assert (links[0].proto.page, links[0].proto.query_string) == ("initiative", "initiative=samhandlingskommunen")
    siblings = frame_with(at, T.COL_LINK)
    assert len(siblings) == 9 and "Flere i arbeid" not in set(siblings[T.COL_NAME])


def test_without_a_choice_the_page_lists_every_initiative_with_its_status(data_env):
    data_env(DEMO_DATA)
    at = open_page()
    assert at.selectbox(key=picker_page.PICKER_KEY).value is None
    assert [h.value for h in at.header] == [T.LIST_HEADING]
    table = frame_with(at, T.COL_OVERALL)
    # name and status words first (they fit a phone), then phase, area, programme, link
    assert table.columns.tolist() == [T.COL_NAME, T.COL_OVERALL, "Fase", T.COL_AREA, T.COL_PROGRAMME, T.COL_LINK]
    assert len(table) == 12 and list(table[T.COL_NAME]) == sorted(table[T.COL_NAME], key=str.casefold)
    assert set(table[T.COL_OVERALL]) <= set(texts.STATUS_LABELS.values())
    row = table.set_index(T.COL_NAME).loc["SOSLOKAL"]
    assert (row[T.COL_OVERALL], row[T.COL_AREA], row[T.COL_LINK]) == (
        "Rød", "Helse og mestring", "initiative?initiative=soslokal")
    assert any(c.value == T.LIST_ALL.format(count=12) for c in at.caption)
    # rows can be chosen (each opens its initiative on this page)
    assert frame_widget(at, T.COL_OVERALL).proto.selection_mode


def frame_widget(at: AppTest, column: str):
    return next(d for d in at.dataframe if column in d.value.columns)


def test_the_list_searches_name_area_programme_phase_and_status_words(data_env):
    data_env(DEMO_DATA)
    at = open_page()
    at.text_input(key=picker_page.SEARCH_KEY).set_value("rød").run()
    assert set(frame_with(at, T.COL_OVERALL)[T.COL_NAME]) == {"Nye mønstre – trygg oppvekst", "SOSLOKAL"}
    assert any(c.value == T.LIST_MATCHES.format(shown=2, count=12) for c in at.caption)
    at.text_input(key=picker_page.SEARCH_KEY).set_value("HELSE mestring").run()
    names = set(frame_with(at, T.COL_OVERALL)[T.COL_NAME])
    assert "SOSLOKAL" in names and "JegerUng" not in names
    at.text_input(key=picker_page.SEARCH_KEY).set_value("finnes ikke").run()
    assert any(c.value == "Ingen tiltak passer søket «finnes ikke»." for c in at.caption)
    assert not frames_with(at, T.COL_OVERALL)
    # a deep link still opens the initiative, without the list
    at = open_page(initiative="soslokal")
    assert [h.value for h in at.header][:1] == ["SOSLOKAL"] and T.LIST_HEADING not in [h.value for h in at.header]


def test_an_unknown_id_in_the_link_is_explained(data_env):
    data_env(DEMO_DATA)
    at = open_page(initiative="finnes-ikke")
    assert len(at.error) == 1
    assert "«finnes-ikke»" in at.error[0].value and "16.11.2026" in at.error[0].value
    assert at.query_params["initiative"] in ("finnes-ikke", ["finnes-ikke"])


def test_choosing_an_initiative_puts_it_in_the_link(data_env):
    data_env(DEMO_DATA)
    at = open_page()
    box = at.selectbox(key=picker_page.PICKER_KEY)
    assert "JegerUng" in box.options
    box.set_value("jegerung").run()
    assert not at.exception
    assert at.query_params["initiative"] in ("jegerung", ["jegerung"])
    assert at.header[0].value == "JegerUng"


def test_a_past_snapshot_shows_the_initiative_as_it_was(data_env):
    data_env(DEMO_DATA)
    bp1 = METAS[1]  # 18.10.2021: BP1 just passed
    at = open_page(initiative="samhandlingskommunen", snapshot=bp1.snapshot_id)
    assert any("ikke dagens data" in w.value for w in at.warning)
    text = markdown(at)
    assert "Konsept (nåværende fase)" in text and "BP1 (siste beslutningspunkt 18.10.2021)" in text
    changes = history(at)
    assert len(changes) == 2  # only the snapshots up to the one shown
    assert set(changes[T.COL_LEADER]) == {"Elisabeth Engemyr"}
    # the links on the page keep the past snapshot
    children = frame_with(at, T.COL_LINK)
    assert all(f"snapshot={bp1.snapshot_id}" in link for link in children[T.COL_LINK])
    link = open_page(initiative="flere-i-arbeid", snapshot=bp1.snapshot_id).get("page_link")[0].proto
    assert link.query_string == f"initiative=samhandlingskommunen&snapshot={bp1.snapshot_id}"
    # an initiative that did not exist then is explained, not an exception
    at = open_page(initiative="jegerung", snapshot=bp1.snapshot_id)
    assert "«jegerung»" in at.error[0].value and "18.10.2021" in at.error[0].value


def test_going_back_in_time_in_the_sidebar_keeps_the_initiative_in_the_link(data_env):
    data_env(DEMO_DATA)
    at = open_page(initiative="jegerung")
    assert at.header[0].value == "JegerUng"
    at.selectbox(key="snapshot_choice").set_value(METAS[1].snapshot_id).run()  # before JegerUng existed
    assert not at.exception
    assert "«jegerung»" in at.error[0].value
    at.selectbox(key="snapshot_choice").set_value(METAS[-1].snapshot_id).run()
    assert not at.exception and not at.error
    assert at.header[0].value == "JegerUng"


def test_not_updated_for_longer_than_the_setting_is_flagged(data_env, monkeypatch):
    data_env(DEMO_DATA)
    monkeypatch.setenv("PORTFOLIO_STALE_DAYS", "5")
    at = open_page(initiative="samhandlingskommunen")
    assert any(w.value.startswith("Ikke oppdatert på 7 dager") and "5 dager" in w.value for w in at.warning)
    # a finished initiative last changed long ago, with the default of 60 days
    monkeypatch.delenv("PORTFOLIO_STALE_DAYS")
    at = open_page(initiative="helse-sosial-sammenslaingen")
    caption = next(c.value for c in at.caption if c.value.startswith("Sist endret"))
    stale = [w.value for w in at.warning if w.value.startswith("Ikke oppdatert")]
    assert stale and "60 dager" in stale[0], caption


def test_large_data_programme_page(data_env, large_data):
    data_env(large_data)
    store = Store(large_data)
    frames = store.read_frames(store.latest().snapshot_id)
    people = frames["initiatives"]
    programme = people["parent_id"].value_counts().index[0]
    at = open_page(initiative=programme)
    # 3 000 initiatives: a search field first, and the picker lists the first
    # matches plus the initiative in the link (not all 3 000 names on every rerun)
    picker = at.selectbox(key=picker_page.PICKER_KEY)
    assert len(picker.options) <= page_logic.PICKER_MATCHES + 1 and picker.value == programme
    assert any(c.value.startswith(f"Listen viser de {page_logic.PICKER_MATCHES} første av 3\u00a0000 tiltak")
               for c in at.caption)
    children = frame_with(at, T.COL_LINK)
    assert len(children) == int((people["parent_id"] == programme).sum())
    assert len(history(at)) == len(store.list())
    child = people.loc[people["parent_id"] == programme, "initiative_id"].iloc[0]
    at = open_page(initiative=child)
    assert at.get("page_link")  # the programme
    # an initiative with the most results in Decidim: every one listed, with its progress and link
    links = frames["decidim_links"]
    counts = links[links["entity"] == "results"]["initiative_id"].value_counts()
    busy = counts.index[0]
    at = open_page(initiative=busy)
    results = frame_with(at, D.COL_PROGRESS)
    assert len(results) == min(int(counts.iloc[0]), decidim_logic.ROW_LIMIT)
    assert results[D.COL_PROGRESS].between(0, 100).all()
    assert results[D.COL_LINK].str.startswith("https://").all()


def test_large_portfolio_picker_searches_by_words(data_env, large_data):
    data_env(large_data)
    store = Store(large_data)
    people = store.read_frames(store.latest().snapshot_id)["initiatives"]
    target = people.sort_values("name").iloc[-1]  # far beyond the first matches by name
    at = open_page()
    assert not at.exception and len(at.selectbox(key=picker_page.PICKER_KEY).options) == page_logic.PICKER_MATCHES
    words = target["name"].split()[:3]
    at.text_input(key=picker_page.SEARCH_KEY).set_value(" ".join(w.upper() for w in words)).run()
    picker = at.selectbox(key=picker_page.PICKER_KEY)
    expected = people[people["name"].str.casefold().map(lambda n: all(w.casefold() in n for w in words))]
    assert 0 < len(expected) <= page_logic.PICKER_MATCHES  # the words name a small set
    assert len(picker.options) == len(expected)  # (AppTest lists the labels shown)
    assert all(all(w.casefold() in label.casefold() for w in words) for label in picker.options)
    assert any(label.startswith(target["name"]) for label in picker.options)
    picker.set_value(target["initiative_id"]).run()
    assert at.header[0].value == target["name"]
    assert at.query_params["initiative"] in (target["initiative_id"], [target["initiative_id"]])
    at.text_input(key=picker_page.SEARCH_KEY).set_value("finnes-ikke-noe-sted").run()
    assert any(c.value.startswith("Ingen tiltak passer søket") for c in at.caption)
    assert at.header[0].value == target["name"]  # the open initiative stays open


# -- queries and logic on hand-built snapshots ------------------------------------------------

def _params(store, meta, **extra):
    return query_params(store, meta.snapshot_id, DEMO_TODAY, **extra)


def test_last_update_comes_from_the_row_budgets_or_milestones(store):
    base = dict(
        initiatives=[initiative("a"), initiative("b"), initiative("c")],
        budgets=[budget("a"), budget("b"), budget("c")],
        milestones=[milestone("ma", "a"), milestone("mb", "b"), milestone("mc", "c")],
    )
    first = store.write(tables(**base), author="Anne", note="1", created_at=dt.datetime(2026, 1, 5, 12, tzinfo=dt.UTC))
    second_data = dict(base, budgets=[budget("a"), budget("b", actual_nok=70_000), budget("c")])
    second = store.write(tables(**second_data), author="Bjørn", note="2", base_id=first.snapshot_id,
                         created_at=dt.datetime(2026, 3, 2, 12, tzinfo=dt.UTC))
    third_data = dict(second_data, milestones=[milestone("ma", "a"), milestone("mb", "b"),
                                               milestone("mc", "c", completed_date=dt.date(2026, 4, 1))])
    third = store.write(tables(**third_data), author="Cecilie", note="3", base_id=second.snapshot_id,
                        created_at=dt.datetime(2026, 4, 6, 12, tzinfo=dt.UTC))

    def update(initiative_id, meta, today=dt.date(2026, 4, 10), stale_days=60):
        hist = queries.run(store, "initiative_history", _params(store, meta, initiative_id=initiative_id))
        ctx = SnapshotContext(store=store, meta=meta, today=today)
        return hist, history_logic.last_update(ctx, hist, stale_days=stale_days)

    hist, a = update("a", third)
    assert hist["is_present"].all() and hist["is_row_changed"].tolist() == [True, False, False]
    assert (a.snapshot_id, a.author, a.date, a.days) == (first.snapshot_id, "Anne", dt.date(2026, 1, 5), 95)
    assert a.is_stale and not update("a", third, stale_days=95)[1].is_stale

    hist, b = update("b", third)
    assert hist["is_budget_changed"].tolist() == [True, True, False]
    assert (b.author, b.what) == ("Bjørn", (T.WHAT_CHANGED["budget"],))

    _, c = update("c", third)
    assert (c.author, c.what) == ("Cecilie", (T.WHAT_CHANGED["milestones"],))

    # on the second snapshot, the third does not exist yet
    hist, c_then = update("c", second, today=dt.date(2026, 3, 2))
    assert len(hist) == 2 and c_then.author == "Anne" and c_then.days == 56


def test_history_marks_removal_and_return(store):
    first = store.write(tables([initiative("a"), initiative("b")]), author="t", note="1")
    second = store.write(tables([initiative("a")]), author="t", note="2", base_id=first.snapshot_id)
    third = store.write(tables([initiative("a"), initiative("b", project_leader="Ny")]), author="t", note="3",
                        base_id=second.snapshot_id)
    hist = queries.run(store, "initiative_history", _params(store, third, initiative_id="b"))
    assert hist["is_present"].tolist() == [True, False, True]
    assert hist["is_row_changed"].tolist() == [True, True, True]
    ctx = SnapshotContext(store=store, meta=third, today=DEMO_TODAY)
    rows = history_logic.history_rows(ctx, hist)
    assert rows[T.COL_CHANGES].tolist() == [T.CHANGE_CREATED, T.CHANGE_CREATED]


def test_changes_name_the_decision_point_and_the_people():
    def snap(**values):
        base = dict(is_present=True, is_row_changed=True, is_budget_changed=False, is_milestone_changed=False,
                    last_decision_point=None, phase="Idé", project_leader="A", project_owner="E",
                    owner_area="X", end_date=None, name="N",
                    **{f"status_{d}": "grønn" for d in ("overall", "schedule", "budget", "quality", "risk")})
        base.update(values)
        return pd.Series(base)

    old = snap()
    new = snap(last_decision_point="BP1", phase="Konsept", project_leader="B", status_overall="gul",
               is_budget_changed=True)
    assert history_logic.changes(old, new) == [
        "BP1 passert", "Fase: Idé → Konsept", "Samlet status: Grønn → Gul", "Prosjektleder: A → B",
        T.CHANGE_BUDGET,
    ]
    assert history_logic.changes(None, new) == [T.CHANGE_CREATED]
    assert history_logic.changes(old, snap(is_row_changed=False)) == [T.CHANGE_NONE]
    assert history_logic.changes(old, snap(status_summary="ny tekst")) == [T.CHANGE_OTHER]


def test_the_path_marks_phase_and_decision_points():
    row = pd.Series({"phase": "Planlegge", "last_decision_point": "BP2"})
    ms = pd.DataFrame([
        {"kind": "beslutningspunkt", "decision_point": "BP2", "due_date": dt.date(2023, 1, 1),
         "completed_date": dt.date(2023, 2, 13)},
        {"kind": "beslutningspunkt", "decision_point": "BP3", "due_date": dt.date(2027, 5, 1),
         "completed_date": None},
    ])
    steps = page_logic.decision_path(row, ms)
    assert [s.label for s in steps] == ["Idé", "BP1", "Konsept", "BP2", "Planlegge", "BP3", "Gjennomføre",
                                        "BP4", "Avslutte", "BP5", "Realisere"]
    states = {s.label: s.state for s in steps}
    assert states["Idé"] == states["BP1"] == states["Konsept"] == states["BP2"] == "passed"
    assert states["Planlegge"] == "current" and states["BP3"] == states["Realisere"] == "future"
    assert [s.label for s in steps if s.is_last_decision_point] == ["BP2"]
    sentence = page_logic.path_sentence(row, steps)
    assert sentence == ("Tiltaket er i fasen Planlegge. Siste passerte beslutningspunkt er BP2 (13.02.2023). "
                        "Neste beslutningspunkt er BP3, planlagt 01.05.2027.")
    before = page_logic.decision_path(pd.Series({"phase": "Idé", "last_decision_point": None}), ms.iloc[:0])
    assert not any(s.is_last_decision_point for s in before)
    assert "ikke passert noe beslutningspunkt" in page_logic.path_sentence(
        pd.Series({"phase": "Idé"}), before)


def test_related_and_budget_rollup_queries(store):
    meta = store.write(tables(
        [initiative("prog"), initiative("a", parent_id="prog", status_overall="rød"),
         initiative("b", parent_id="prog"), initiative("a1", parent_id="a"), initiative("x")],
        [budget("prog", budget_nok=100, actual_nok=50), budget("a", budget_nok=10, actual_nok=30),
         budget("a1", budget_nok=5, actual_nok=1, forecast_nok=9), budget("x", budget_nok=999, actual_nok=999)],
    ), author="t", note="t")
    related = queries.run(store, "initiative_related", _params(store, meta, initiative_id="a"))
    assert related[["relation", "initiative_id"]].values.tolist() == [
        ["parent", "prog"], ["child", "a1"], ["sibling", "b"]]
    money = queries.run(store, "initiative_budget", _params(store, meta, initiative_id="prog")).iloc[0]
    assert (money.budget_nok, money.actual_nok, money.forecast_nok) == (100, 50, 50)
    assert (money.total_budget_nok, money.total_actual_nok, money.total_forecast_nok) == (115, 81, 89)
    assert money.total_forecast_deviation_nok == -26
    assert money.forecast_deviation_share == pytest.approx(-0.5)
    options = queries.run(store, "initiative_options", _params(store, meta))
    assert len(options) == 5


# -- in the browser ----------------------------------------------------------------------------

def open_deep_link(page, url: str, path: str) -> None:
    """Open a link to a page, as the server's first request."""
    from browser import wait_until_idle

    page.goto(f"{url}/{path}")
    wait_until_idle(page)


@pytest.mark.browser
def test_initiative_page_in_chromium(demo_app):
    from browser import ARTIFACTS, axe_violations, chromium

    with chromium(viewport=(1400, 4400)) as page:
        open_deep_link(page, demo_app, "initiative?initiative=samhandlingskommunen")
        assert page.locator("h1", has_text=T.TITLE).count() == 1
        assert page.locator("h2", has_text="Samhandlingskommunen Kristiansand").count() == 1
        assert page.get_by_text("BP1 (passert 18.10.2021)").count() == 1
        # the status history and the risk matrix (its benefits are qualitative: listed in words)
        page.locator('[data-testid="stVegaLiteChart"]').nth(1).wait_for(timeout=30000)
        assert page.locator('[data-testid="stVegaLiteChart"]').count() == 2
        page.screenshot(path=str(ARTIFACTS / "initiative-demo.png"), full_page=True)
        violations = axe_violations(page)
        assert violations == [], [(v["id"], v["help"], v["nodes"][0]["target"]) for v in violations]


def test_milestone_kinds_show_their_norwegian_labels(data_env):
    from portfolio.present import milestones

    data_env(DEMO_DATA)
    at = open_page(initiative="samhandlingskommunen")
    kind = texts.COLUMN_LABELS["milestones"]["kind"]
    shown = set(frame_with(at, kind)[kind])
    assert shown and shown <= set(texts.MILESTONE_KIND_LABELS.values()), shown
    # the milestone page's lists too
    ctx = SnapshotContext(Store(DEMO_DATA), METAS[-1], DEMO_TODAY, is_latest=True)
    lists = milestones.lists(ctx, queries.Filters())
    kinds = set().union(*(set(item.table[milestones.T.COL_KIND]) for item in lists))
    assert kinds and kinds <= set(texts.MILESTONE_KIND_LABELS.values()), kinds
