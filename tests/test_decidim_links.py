"""Links from Decidim's rows to the initiatives that deliver them (issue 17,
item 3): the suggestions by shared words (portfolio.model.decidim_links), the
rows without a link and the links that point at nothing, the section's view
model (portfolio.present.decidim_links), and the section «Koble Decidim til
tiltak» on «Oppdater data» through AppTest on a real store in a tmp folder:
a suggestion accepted, previewed and saved as a snapshot that holds the link.

The data editor is driven by assigning its edit state (`edited_rows`) in
session state before a run, as AppTest asks.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from streamlit.testing.v1 import AppTest

from conftest import DEMO_DATA, ROOT, copy_store, initiative, tables
from portfolio.model import decidim_links as links
from portfolio.model import schema
from portfolio.present import decidim_links as view_model
from portfolio.store.snapshots import Store
from portfolio.texts import decidim_links as T
from portfolio.web import decidim_links as section
from portfolio.web import update

APP = str(ROOT / "dashboard.py")
S = T.SECTION


def decidim_frame(table: str, rows: list[dict]) -> pd.DataFrame:
    """Rows of a Decidim table in its declared columns (what a row leaves out is empty)."""
    defaults = {"host": "deltakristiansand.no", "starts_at": "2026-03-01 18:00", "is_online": False}
    columns = schema.TABLES[table].column_names
    return pd.DataFrame([{c: row.get(c, defaults.get(c)) for c in columns} for row in rows], columns=columns)


def small_frames() -> dict[str, pd.DataFrame]:
    frames = tables([
        initiative("flere-i-arbeid", name="Flere i arbeid", partners=["NAV"]),
        initiative("jegerung", name="JegerUng", partners=["Jegersberg gård"]),
        initiative("prosjekt-decidim", name="Prosjekt Decidim", focus_areas=["innbyggerdialog"]),
        initiative("apent-bibliotek", name="Åpent bibliotek"),
        initiative("leselyst-b", name="Leselyst sommerles"),
        initiative("leselyst-a", name="Leselyst sommerles"),
    ])
    frames["decidim_results"] = decidim_frame("decidim_results", [
        {"decidim_id": 1, "title": "Jobbklubb for ungdom i arbeid"},
        {"decidim_id": 2, "title": "Turer på Jegersberg gård"},
        {"decidim_id": 3, "title": "Nye benker i parken"},  # no shared word
        {"decidim_id": 4, "title": "Åpent bibliotek på søndager"},
        {"decidim_id": 5, "title": "Innbyggere møtes"},  # every initiative's target group: tells nothing
        {"decidim_id": 6, "title": "Samarbeid med NAV"},  # one partner's word: below the threshold
        {"decidim_id": 7, "title": "Sommerles og leselyst"},  # two initiatives alike
    ])
    frames["decidim_meetings"] = decidim_frame("decidim_meetings", [
        {"decidim_id": 7, "title": "Dialogmøte om Decidim", "category": "Innbyggerdialog"},
    ])
    frames["decidim_links"] = pd.DataFrame(columns=["entity", "decidim_id", "initiative_id"])
    return frames


def picked(found: pd.DataFrame) -> list[tuple]:
    return list(found[["entity", "decidim_id", "initiative_id", "score"]].itertuples(index=False, name=None))


# -- the model ---------------------------------------------------------------------------------

def test_suggestions_are_the_initiatives_sharing_telling_words_in_a_fixed_order():
    found = links.suggest_links(small_frames())
    assert list(found.columns) == links.SUGGESTION_COLUMNS
    assert picked(found) == [
        ("results", 1, "flere-i-arbeid", 2.0),  # «arbeid»: in one initiative's name (2 × 1.0)
        ("results", 2, "jegerung", 2.0),  # two words of a partner (1.0 + 1.0)
        ("results", 4, "apent-bibliotek", 4.0),
        ("results", 7, "leselyst-a", 2.58),  # two name words two initiatives share: 2 × 2 × (1 − ln 2 / ln 7)
        ("results", 7, "leselyst-b", 2.58),  # a tie: by name, then id
        ("meetings", 7, "prosjekt-decidim", 3.0),
    ]
    reasons = dict(zip(zip(found["entity"], found["decidim_id"], strict=True), found["reason"], strict=True))
    assert reasons[("results", 1)] == "Tittelen deler ordet «arbeid»"
    assert reasons[("results", 4)] == "Tittelen deler ordene «åpent», «bibliotek»"  # as written, accents kept
    assert reasons[("meetings", 7)] == "Tittelen deler ordet «decidim»; kategorien deler ordet «innbyggerdialog»"
    assert found.loc[0, "initiative_name"] == "Flere i arbeid" and found.loc[0, "title"].startswith("Jobbklubb")


def test_weak_and_common_words_are_not_offered():
    found = links.suggest_links(small_frames())
    offered = set(zip(found["entity"], found["decidim_id"], strict=True))
    assert ("results", 3) not in offered  # nothing shared
    assert ("results", 5) not in offered  # «innbyggere»: every initiative's target group
    assert ("results", 6) not in offered  # «NAV»: one partner word, 1.0 < THRESHOLD
    lower = links.suggest_links(small_frames(), threshold=1.0)
    assert ("results", 6, "flere-i-arbeid", 1.0) in picked(lower)


def test_words_match_across_case_accents_and_inflection():
    assert links.words("Åpne BARNEHAGER for Familier") == links.words("åpne barnehager for familier")
    stems = [key for key, _ in links.words("innbyggere innbygger barnehager barnehage og i på")]
    assert stems == ["innbygg", "barnehag"]  # inflections are one word; stop words and short words left out
    assert links.words("Kjøkken i Ørsta") == [("kjokk", "kjøkken"), ("orsta", "ørsta")]


def test_the_order_does_not_depend_on_the_input_order():
    frames = small_frames()
    shuffled = {name: frame.sample(frac=1, random_state=3).reset_index(drop=True) if len(frame) else frame
                for name, frame in frames.items()}
    pd.testing.assert_frame_equal(links.suggest_links(shuffled), links.suggest_links(frames))


def test_at_most_per_row_suggestions_best_first():
    found = links.suggest_links(small_frames(), per_row=1)
    assert picked(found)[3] == ("results", 7, "leselyst-a", 2.58)
    assert len(found[(found["entity"] == "results") & (found["decidim_id"] == 7)]) == 1


def test_linked_rows_are_neither_suggested_nor_listed_as_unlinked():
    frames = small_frames()
    frames["decidim_links"] = pd.DataFrame({"entity": ["results", "meetings"], "decidim_id": [1, 7],
                                            "initiative_id": ["jegerung", "prosjekt-decidim"]})
    found = links.suggest_links(frames)
    assert ("results", 1) not in set(zip(found["entity"], found["decidim_id"], strict=True))
    assert ("meetings", 7) not in set(zip(found["entity"], found["decidim_id"], strict=True))
    free = links.unlinked(frames)
    assert list(zip(free["entity"], free["decidim_id"], strict=True)) == [
        ("results", 2), ("results", 3), ("results", 4), ("results", 5), ("results", 6), ("results", 7)]
    assert list(free.columns) == links.UNLINKED_COLUMNS
    assert links.unlinked_counts(frames) == {"results": (6, 7), "meetings": (0, 1)}


def test_unlinked_rows_come_per_entity_in_declared_order():
    free = links.unlinked(small_frames())
    assert list(free["entity"]) == ["results"] * 7 + ["meetings"]
    assert list(free["decidim_id"]) == [1, 2, 3, 4, 5, 6, 7, 7]


def test_dangling_links_name_what_is_missing():
    frames = small_frames()
    frames["decidim_links"] = pd.DataFrame({
        "entity": ["results", "meetings", "results", "projects"], "decidim_id": [2, 99, 4, 5],
        "initiative_id": ["jegerung", "prosjekt-decidim", "finnes-ikke", "borte"]})
    found = links.dangling(frames)
    assert list(found.columns) == links.DANGLING_COLUMNS
    assert list(zip(found["entity"], found["decidim_id"], found["initiative_id"], strict=True)) == [
        ("meetings", 99, "prosjekt-decidim"), ("results", 4, "finnes-ikke"), ("projects", 5, "borte")]
    assert list(found["reason"]) == [
        "Møte 99 finnes ikke i Decidim-dataene i dette øyeblikksbildet.",
        "Tiltaket «finnes-ikke» finnes ikke.",
        "Budsjettprosjekt 5 finnes ikke i Decidim-dataene i dette øyeblikksbildet. Tiltaket «borte» finnes ikke.",
    ]
    assert links.dangling(small_frames()).empty


def test_no_decidim_rows_means_nothing_to_suggest():
    frames = tables([initiative("a")])
    assert links.suggest_links(frames).empty and links.unlinked(frames).empty
    assert links.unlinked_counts(frames) == {} and links.dangling(frames).empty
    assert not view_model.build(frames).has_rows


def test_50_000_results_against_1_000_initiatives_complete_through_the_index():
    from bench.decidim_link_costs import frames as generated

    frames = generated(50_000, 1_000)
    found = links.suggest_links(frames)
    assert len(found) > 10_000
    assert found["score"].min() >= links.THRESHOLD
    assert found.groupby(["entity", "decidim_id"]).size().max() <= links.PER_ROW
    assert not set(found["decidim_id"]) & set(range(1, 11))  # the ten linked rows
    assert found["reason"].str.startswith(("Tittelen deler", "Kategorien deler")).all()
    assert len(links.unlinked(frames)) == 49_990


# -- the view model ------------------------------------------------------------------------------

def test_the_editor_has_one_row_per_decidim_row_best_first_with_the_others_named():
    view = view_model.build(small_frames())
    rows = view.suggestions
    assert list(rows.columns) == view_model.EDITOR_COLUMNS
    assert list(zip(rows["entity"], rows["decidim_id"], rows["initiative_id"], strict=True)) == [
        ("results", 4, "apent-bibliotek"), ("meetings", 7, "prosjekt-decidim"), ("results", 7, "leselyst-a"),
        ("results", 1, "flere-i-arbeid"), ("results", 2, "jegerung")]
    assert not rows[view_model.ACCEPT].any()
    assert rows.loc[2, view_model.OTHERS] == "Leselyst sommerles" and rows.loc[0, view_model.OTHERS] == ""
    assert view.suggestion_count == 5 and view.unlinked_count == 8
    assert [(c.entity, c.unlinked, c.total) for c in view.counts] == [("results", 7, 7), ("meetings", 1, 1)]
    assert list(view.options) == ["flere-i-arbeid", "jegerung", "leselyst-a", "leselyst-b", "prosjekt-decidim",
                                  "apent-bibliotek"]  # by name, «Å» last as in Norwegian


def test_accepted_rows_are_added_to_the_stored_links_once():
    frames = small_frames()
    frames["decidim_links"] = pd.DataFrame({"entity": ["results"], "decidim_id": [2], "initiative_id": ["jegerung"]})
    rows = view_model.build(frames).suggestions
    rows.loc[0, view_model.ACCEPT] = True
    rows.loc[1, [view_model.ACCEPT, "initiative_id"]] = [True, "apent-bibliotek"]  # another initiative chosen
    new = view_model.accepted(rows)
    again = pd.DataFrame({"entity": ["results"], "decidim_id": [2], "initiative_id": ["jegerung"]})
    out = view_model.with_links(frames, pd.concat([new, again], ignore_index=True))
    assert list(out.itertuples(index=False, name=None)) == [
        ("results", 2, "jegerung"), ("results", 4, "apent-bibliotek"), ("meetings", 7, "apent-bibliotek")]


# -- the page ------------------------------------------------------------------------------------

def page_store(tmp_path: Path, data_env, decidim: bool = True, stored_links: list[dict] = ()) -> Path:
    """The demo data in a tmp folder, its latest snapshot with these tests' Decidim rows (or none)."""
    root = copy_store(DEMO_DATA, tmp_path / "data")
    store = Store(root)
    latest = store.latest()
    frames = store.read_frames(latest.snapshot_id)
    for table in ("decidim_results", "decidim_projects", "decidim_proposals", "decidim_meetings", "decidim_links"):
        frames[table] = decidim_frame(table, [])
    if decidim:
        frames["decidim_results"] = decidim_frame("decidim_results", [
            {"decidim_id": 11, "title": "Jobbsjanse for flere i arbeid", "url": "https://deltakristiansand.no/r/11"},
            {"decidim_id": 12, "title": "Nye benker i parken"},
        ])
        frames["decidim_meetings"] = decidim_frame("decidim_meetings", [
            {"decidim_id": 21, "title": "Verksted om Decidim"},
        ])
    frames["decidim_links"] = decidim_frame("decidim_links", list(stored_links))
    store.write(frames, author="Test", note="Decidim", base_id=latest.snapshot_id)
    data_env(root)
    return root


def open_page() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    at.switch_page("views/update.py").run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def links_editor(at: AppTest):
    found = [e for e in at.data_editor if e.key and e.key.startswith("dl_")]
    assert len(found) == 1, [e.key for e in at.data_editor]
    return found[0]


def test_a_suggestion_is_accepted_previewed_and_saved_as_a_snapshot(tmp_path, data_env):
    root = page_store(tmp_path, data_env)
    at = open_page()
    assert S["title"] in [h.value for h in at.header]
    metrics = {m.label: m.value for m in at.metric}
    assert (metrics[T.UNLINKED_METRIC["results"]], metrics[T.UNLINKED_METRIC["meetings"]]) == ("2", "1")
    editor = links_editor(at)
    rows = editor.value
    assert list(zip(rows["entity"], rows["decidim_id"], rows["initiative_id"], strict=True)) == [
        ("results", 11, "flere-i-arbeid"), ("meetings", 21, "prosjekt-decidim")]
    unlinked = next(d.value for d in at.dataframe if "url" in d.value.columns)
    assert list(unlinked["decidim_id"]) == [11, 12, 21]
    assert list(unlinked["category"]) == ["–"] * 3  # an empty cell in words, not «None»
    before = len(Store(root).list())
    at.session_state[editor.key] = {"edited_rows": {0: {"accept": True}}, "added_rows": [], "deleted_rows": []}
    at.run()
    at.button(key=section.KEY_PREVIEW).click().run()
    assert not at.exception, [e.message for e in at.exception]
    pending = at.session_state[update.pending_key(section.ORIGIN)]
    assert pending.prepared.ok and not pending.prepared.unchanged
    assert at.text_area(key=update.note_key(section.ORIGIN)).value == "Nye Decidim-koblinger: 1"
    at.text_input(key=update.author_key(section.ORIGIN)).input("Kari Nordmann").run()
    commit = at.button(key=f"commit_{section.ORIGIN}")
    assert commit.label == S["commit"] and not commit.disabled
    commit.click().run()
    assert not at.exception, [e.message for e in at.exception]
    assert any("Lagret nytt øyeblikksbilde" in s.value for s in at.success)
    store = Store(root)
    metas = store.list()
    assert len(metas) == before + 1 and metas[-1].author == "Kari Nordmann"
    stored = store.read_frames(metas[-1].snapshot_id)["decidim_links"]
    assert list(stored[["entity", "decidim_id", "initiative_id"]].itertuples(index=False, name=None)) == [
        ("results", 11, "flere-i-arbeid")]
    # the saved snapshot is shown: the linked row is neither suggested nor unlinked, the preview is gone
    assert list(links_editor(at).value["decidim_id"]) == [21]
    assert update.pending_key(section.ORIGIN) not in at.session_state


def test_a_preview_made_before_someone_else_saved_is_a_conflict(tmp_path, data_env):
    root = page_store(tmp_path, data_env)
    at = open_page()
    editor = links_editor(at)
    at.session_state[editor.key] = {"edited_rows": {1: {"accept": True, "initiative_id": "soslokal"}},
                                    "added_rows": [], "deleted_rows": []}
    at.run()
    at.button(key=section.KEY_PREVIEW).click().run()
    store = Store(root)
    latest = store.latest()
    other = store.write(store.read_frames(latest.snapshot_id), author="Ola", note="Kom først",
                        base_id=latest.snapshot_id)
    at.text_input(key=update.author_key(section.ORIGIN)).input("Kari Nordmann").run()
    at.button(key=f"commit_{section.ORIGIN}").click().run()
    assert not at.exception, [e.message for e in at.exception]
    assert any("Konflikt" in e.value and "Ola" in e.value for e in at.error)
    assert Store(root).latest() == other
    assert Store(root).read_frames(other.snapshot_id)["decidim_links"].empty


def test_nothing_accepted_saves_nothing(tmp_path, data_env):
    page_store(tmp_path, data_env)
    at = open_page()
    at.button(key=section.KEY_PREVIEW).click().run()
    assert any(w.value == S["nothing_accepted"] for w in at.warning)
    assert update.pending_key(section.ORIGIN) not in at.session_state


def test_without_decidim_rows_the_section_says_how_to_import_and_shows_dangling_links(tmp_path, data_env):
    page_store(tmp_path, data_env, decidim=False,
               stored_links=[{"entity": "results", "decidim_id": 5, "initiative_id": "soslokal"}])
    at = open_page()
    assert S["title"] in [h.value for h in at.header]
    assert [i.value for i in at.info if i.value == S["none"]] == [S["none"]]
    assert not [e for e in at.data_editor if e.key and e.key.startswith("dl_")]
    assert any(w.value == S["dangling_caption"]["one"] for w in at.warning)
    dangling = next(d.value for d in at.dataframe if "reason" in d.value.columns)
    assert list(dangling["reason"]) == ["Resultat 5 finnes ikke i Decidim-dataene i dette øyeblikksbildet."]


# -- a linked meeting is an engagement ---------------------------------------------------------

def test_a_linked_decidim_meeting_counts_as_an_engagement_of_its_initiative(tmp_path):
    from portfolio.query import runner

    frames = small_frames()
    jegerung = frames["initiatives"]["initiative_id"] == "jegerung"
    frames["initiatives"].loc[jegerung, ["is_public", "public_summary"]] = [True, "Turer for ungdom."]
    frames["engagements"] = pd.DataFrame([{
        "engagement_id": "m-1", "initiative_id": "jegerung", "kind": "dialogverksted", "title": "Verksted",
        "held_on": pd.Timestamp("2026-02-01").date(), "participants_citizens": 12, "is_public": True,
    }], columns=schema.TABLES["engagements"].column_names)
    frames["decidim_meetings"] = decidim_frame("decidim_meetings", [
        {"decidim_id": 7, "title": "Dialogmøte om Decidim", "attendees": 40, "address": "Rådhusgata 18",
         "url": "https://deltakristiansand.no/meetings/7"},
        {"decidim_id": 8, "title": "Digitalt møte", "starts_at": "2026-04-02 19:00", "is_online": True},
        {"decidim_id": 9, "title": "Møte uten kobling"},
    ])
    frames["decidim_links"] = pd.DataFrame({"entity": ["meetings", "meetings", "results"],
                                            "decidim_id": [7, 8, 9], "initiative_id": ["jegerung"] * 3})
    store = Store(tmp_path / "data")
    sid = store.write(frames, author="Test", note="Møter").snapshot_id
    params = {"snapshot_id": sid, "filters": runner.Filters().as_param(), "initiative_id": "jegerung",
              "today": "2026-03-15", "row_limit": 100}
    rows = runner.run(store, "collaboration_engagements", params)
    got = list(zip(rows["engagement_id"], rows["kind"], rows["held_on"].astype(str), rows["is_from_decidim"],
                   rows["held"], rows["participants_other"].astype("Int64"), strict=True))
    # the meeting linked as a result (9) is not a meeting link; an unlinked meeting counts for nobody
    assert got == [("decidim-8", "digital medvirkning", "2026-04-02", True, False, pd.NA),
                   ("decidim-7", "dialogmøte", "2026-03-01", True, True, 40),
                   ("m-1", "dialogverksted", "2026-02-01", False, True, pd.NA)]
    assert rows.loc[rows["engagement_id"] == "decidim-7", "note"].item() == "https://deltakristiansand.no/meetings/7"
    assert rows["is_public"].all()  # as its initiative is
    years = runner.run(store, "collaboration_engagement_years", params)
    assert list(zip(years["year"], years["held_count"], years["planned_count"], strict=True)) == [(2026, 2, 1)]
