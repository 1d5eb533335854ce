"""The Changes page ("Endringer") through AppTest, on the demo data and on
large generated data, and its logic in portfolio/changes.py."""

from __future__ import annotations

import datetime as dt
import io
import time

import pandas as pd
from streamlit.testing.v1 import AppTest

from conftest import DEMO_DATA, DEMO_TODAY, ROOT, initiative, milestone, open_app_page, tables
from portfolio.model import diff
from portfolio.present import change_summary, change_words, changes, links
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


def section_rows(at: AppTest, title: str) -> int:
    """The rows of the table in the details section `title` (0 when it has none)."""
    section = next(e for e in at.expander if e.label.startswith(f"{title} ("))
    return sum(len(d.value) for d in section.dataframe)


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
    assert section_rows(at, T.PAGE["section_other"]) == sum(expected[k] for k in changes.OTHER_KINDS)
    for name in ("decisions", "checklists", "risks", "benefits"):  # the governance register's changes
        assert section_rows(at, T.PAGE[f"section_{name}"]) == sum(expected[k] for k in changes.SECTION_KINDS[name])
    assert section_rows(at, T.PAGE["section_risks"]) > 0 and section_rows(at, T.PAGE["section_benefits"]) > 0
    assert T.PAGE["section_risks_caption"].format(score=15) in [c.value for c in at.caption]
    # every row links to the initiative page (latest snapshot: no snapshot in the link), but a
    # kommunalområde's collaboration survey, which belongs to no initiative
    ids = set(Store(DEMO_DATA).read_frames(METAS[-1].snapshot_id)["initiatives"]["initiative_id"])
    for frame in (d.value for d in at.dataframe):
        named = frame[frame[C["initiative"]] != T.NO_INITIATIVE]
        assert frame.loc[frame[C["initiative"]] == T.NO_INITIATIVE, C["link"]].isna().all()
        assert all(link.startswith("initiative?initiative=") for link in named[C["link"]])
        assert {link.split("=", 1)[1] for link in named[C["link"]]} <= ids
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
    assert any(e.label == f"Budsjettendringer på minst 500\u00a0000\u00a0kr ({len(budget)})" for e in at.expander)
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
    assert len(at.get("page_link")) == changes.SUMMARY_CAP  # the summary: the worst initiatives only, and says so
    assert any(c.value.startswith(f"Viser de {changes.SUMMARY_CAP} viktigste av ") for c in at.caption)
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
    book = pd.read_excel(io.BytesIO(export.to_xlsx(table, sheet_name=T.PAGE["export_sheet"])), engine="openpyxl")
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


# -- the summary per initiative (portfolio/present/change_summary.py) -----------------------

NBSP = "\u00a0"


def demo_summaries() -> dict[str, change_summary.InitiativeSummary]:
    return {s.name: s for s in change_summary.summarise(demo_changes())}


def test_summary_sentences_for_known_demo_changes():
    frame = demo_changes()
    found = demo_summaries()
    soslokal = found["SOSLOKAL"]
    assert [s.text for s in soslokal.sentences] == [
        "Samlet status er endret fra gul til rød.",
        "Status er forverret for kvalitet (grønn til gul) og risiko (gul til rød).",
        "Ny risiko: «Nøkkelpersoner har sluttet» (sannsynlighet 5 × konsekvens 4 = 20).",
        "Risikoen «Avhengig av frivillige i hvert lokalsamfunn» har økt fra sannsynlighet 4 × konsekvens 3 = 12 "
        "til sannsynlighet 4 × konsekvens 4 = 16.",
        "Milepælen «Utvidelse til flere lokalsamfunn» er nå forsinket (frist 30.09.2026).",
        f"Ny budsjettlinje: 500{NBSP}000{NBSP}kr for 2026 fra Driftsbudsjett (helse og mestring).",
        f"Regnskapet for 2025 fra Driftsbudsjett (helse og mestring) økte fra 352{NBSP}000{NBSP}kr "
        f"til 402{NBSP}000{NBSP}kr.",
        "Decidim-resultatet «Nabolagsprosjekt i Vågsbygd» har fremdrift 55 % (var 30 %).",
        "Status for risikoen «Avhengig av frivillige i hvert lokalsamfunn» er endret fra åpen til under oppfølging.",
        "Endret tekst: «Statuskommentar», «Kommentar fremdrift», «Kommentar kvalitet» og 1 til.",
    ]
    assert soslokal.severity == "red" and soslokal.link == "initiative?initiative=soslokal"
    decidim = found["Prosjekt Decidim"]
    assert "Fristen for «Oppgradering til ny versjon av plattformen» er flyttet fra 31.03.2026 til 10.12.2026, " \
           "254 dager senere." in [s.text for s in decidim.sentences]
    # each sentence is traceable to the engine's changes it says
    first, moved = soslokal.sentences[0], next(s for s in decidim.sentences if s.level == "moved")
    assert frame.loc[list(first.changes), ["kind", "field", "old", "new"]].values.tolist() == [
        ["status", "status_overall", "gul", "rød"]]
    assert frame.loc[list(moved.changes), ["kind", "old", "new"]].values.tolist() == [
        ["milestone_moved", dt.date(2026, 3, 31), dt.date(2026, 12, 10)]]
    # every change of the comparison is said by exactly one sentence, of its own initiative
    said = [label for s in found.values() for sentence in s.sentences for label in sentence.changes]
    assert sorted(said) == sorted(frame.index)
    for item in found.values():
        labels = [label for sentence in item.sentences for label in sentence.changes]
        assert set(frame.loc[labels, "initiative_id"]) == {item.initiative_id}


def test_summary_is_worst_first():
    found = change_summary.summarise(demo_changes())
    assert [s.name for s in found[:2]] == ["Nye mønstre – trygg oppvekst", "SOSLOKAL"]  # overall status became red
    codes = [change_summary.LEVELS.index(s.severity) for s in found]
    assert codes == sorted(codes)
    for item in found:  # within an initiative too
        assert [change_summary.LEVELS.index(s.level) for s in item.sentences] == sorted(
            change_summary.LEVELS.index(s.level) for s in item.sentences)


def test_summary_order_on_hand_built_changes(store):
    """Red, then worse, then newly overdue, then a budget change, then the rest;
    an improvement never moves an initiative up."""
    from conftest import budget

    old = tables(
        [initiative(i, name=name) for i, name in (("b", "B budsjett"), ("f", "F forsinket"), ("g", "G bedre"),
                                                  ("r", "R rød"), ("v", "V verre"), ("w", "W verre og bedre"))],
        [budget("b", budget_nok=100_000)],
        [milestone("m", "f", due_date=dt.date(2026, 12, 1))],
    )
    new = tables(
        [initiative("b", name="B budsjett"), initiative("f", name="F forsinket"),
         initiative("g", name="G bedre", status_risk="grønn", comment_risk="Bedre nå"),
         initiative("r", name="R rød", status_overall="rød"), initiative("v", name="V verre", status_risk="gul"),
         initiative("w", name="W verre og bedre", status_risk="gul")],
        [budget("b", budget_nok=150_000)],
        [milestone("m", "f", due_date=dt.date(2026, 12, 1))],
    )
    old["initiatives"].loc[old["initiatives"]["initiative_id"] == "g", "status_risk"] = "gul"
    old["initiatives"].loc[old["initiatives"]["initiative_id"] == "w", "status_budget"] = "gul"
    first = store.write(old, author="t", note="t", created_at=dt.datetime(2026, 11, 1, 12, tzinfo=dt.UTC))
    second = store.write(new, author="t", note="t", base_id=first.snapshot_id,
                         created_at=dt.datetime(2026, 12, 5, 12, tzinfo=dt.UTC))
    frame = changes.build(store, first.snapshot_id, second.snapshot_id, dt.date(2026, 12, 5))
    found = change_summary.summarise(frame)
    # V and W both got worse; W also got better, which does not put it first
    assert [s.initiative_id for s in found] == ["r", "v", "w", "f", "b", "g"]
    assert [s.severity for s in found] == ["red", "worse", "worse", "overdue", "budget", "better"]
    assert [s.text for s in found[3].sentences] == ["Milepælen «Milepæl m» er nå forsinket (frist 01.12.2026)."]
    assert [s.text for s in found[4].sentences] == [
        f"Budsjettet for 2026 fra Drift økte fra 100{NBSP}000{NBSP}kr til 150{NBSP}000{NBSP}kr."]
    assert [s.text for s in found[5].sentences] == [
        "Status er forbedret for risiko (gul til grønn).", "Endret tekst: «Kommentar risiko»."]
    assert found[5].texts == (change_summary.TextChange("Kommentar risiko", None, "Bedre nå", found[5].texts[0].change),)
    assert [s.text for s in found[2].sentences] == [
        "Status er forverret for risiko (grønn til gul).", "Status er forbedret for økonomi (gul til grønn)."]


def test_summary_is_deterministic():
    frame = demo_changes()
    once = change_summary.summarise(frame)
    assert change_summary.summarise(demo_changes()) == once
    # the order of the rows does not change a word
    assert change_summary.summarise(frame.sample(frac=1, random_state=7)) == once
    assert change_summary.summarise(frame, limit=3) == once[:3]


def test_page_starts_with_the_summary_and_collapses_the_tables(data_env):
    data_env(DEMO_DATA)
    at = open_page()
    expected = change_summary.summarise(demo_changes())
    assert at.header[0].value == T.PAGE["section_summary"]
    shown = at.get("page_link")
    linked = [s for s in expected if s.link]  # the kommunalområder's surveys: a name, no link
    assert [p.proto.label for p in shown] == [f"**{s.name}**" for s in linked]
    assert [p.proto.query_string for p in shown] == [s.link.split("?", 1)[1] for s in linked]
    assert all(p.proto.page == "initiative" for p in shown)
    bullets = [m.value for m in at.markdown if m.value.startswith("- ")]
    assert bullets[0].splitlines() == [f"- {s.text}" for s in expected[0].sentences]
    # the tables: all there, each in a closed expander with its count
    details = [e for e in at.expander if not e.label.startswith("Tekster før og etter")]
    assert [e.label.rsplit(" (", 1)[0] for e in details] == [
        T.PAGE[k] for k in ("section_initiatives", "section_status", "section_phase", "section_completed",
                            "section_moved", "section_overdue", "section_budget", "section_decisions",
                            "section_checklists", "section_risks", "section_benefits", "section_collaboration",
                            "section_decidim", "section_other")]
    assert not any(e.proto.expanded for e in at.expander)
    assert details[1].label == f"{T.PAGE['section_status']} ({len(table(at, C['dimension']))})"
    # a comment, before and after, whole
    texts = next(e for e in at.expander if e.label.startswith("Tekster før og etter"))
    values = [m.value for m in texts.markdown]
    assert values[:5] == ["**Statuskommentar**", f"**{T.BEFORE}**", "Prosjektperioden slutter ved utgangen av 2026.",
                          f"**{T.AFTER}**", values[4]]
    assert values[4].startswith("Planen for videre drift er ikke levert")


def test_long_texts_are_shown_whole(data_env, store):
    long_old = " ".join(f"gammel{i}" for i in range(500))  # about 4 000 characters
    long_new = " ".join(f"ny{i}" for i in range(700))
    old = tables([initiative("a", name="Langt", status_summary=long_old)])
    new = tables([initiative("a", name="Langt", status_summary=long_new)])
    first = store.write(old, author="t", note="t", created_at=dt.datetime(2026, 11, 1, 12, tzinfo=dt.UTC))
    store.write(new, author="t", note="t", base_id=first.snapshot_id,
                created_at=dt.datetime(2026, 11, 20, 12, tzinfo=dt.UTC))
    data_env(store.root)
    at = open_page()
    values = [m.value for m in at.markdown]
    assert long_old in values and long_new in values
    assert len(long_old) > 3_000 and len(long_new) > 3_000
    bullets = [m.value for m in at.markdown if m.value.startswith("- ")]
    assert bullets == ["- Endret tekst: «Statuskommentar»."]
