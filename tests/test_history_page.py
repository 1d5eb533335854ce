"""The page «Historikk» through AppTest: every snapshot, links to the Changes
page, time travel, and restoring an old snapshot as a new one."""

from __future__ import annotations

import urllib.parse

from streamlit.testing.v1 import AppTest

from conftest import DEMO_DATA, ROOT
from portfolio.present import changes, history
from portfolio.store.snapshots import Store
from portfolio.texts import history as H
from portfolio.web import changes as page
from portfolio.web import ui, update
from test_update_page import copy_of, sign

APP = str(ROOT / "dashboard.py")
C = H.COLUMNS


def open_history(params: dict | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    for key, value in (params or {}).items():
        at.query_params[key] = value
    at.switch_page("views/history.py").run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def history_table(at: AppTest):
    return next(d.value for d in at.dataframe if C["author"] in d.value.columns)


def test_every_snapshot_newest_first_with_who_when_note_rows_and_a_link(data_env):
    data_env(DEMO_DATA)
    at = open_history()
    assert at.title[0].value == H.PAGE_TITLE
    metas = Store(DEMO_DATA).list()
    table = history_table(at)
    assert list(table[C["id"]]) == [m.snapshot_id for m in reversed(metas)]
    assert list(table[C["note"]]) == [m.note for m in reversed(metas)]
    assert list(table[C["initiatives"]]) == [m.row_counts["initiatives"] for m in reversed(metas)]
    assert table[C["created"]].iloc[0] == "16.11.2026 kl. 14.00"  # 13:00 UTC, Norwegian time
    assert any(H.PAGE["count"].format(count=9) == c.value for c in at.caption)
    # a link to the diff against the base, with the Changes page's own parameter names
    link = table[C["changes"]].iloc[0]
    path, query = link.split("?")
    assert path == "changes"
    params = urllib.parse.parse_qs(query)
    assert params == {changes.URL_FROM: [metas[-2].snapshot_id], ui.URL_SNAPSHOT: [metas[-1].snapshot_id]}
    assert table[C["changes"]].iloc[-1] == ""  # the first snapshot has no base


def test_the_link_opens_the_changes_page_on_that_pair(data_env):
    data_env(DEMO_DATA)
    metas = Store(DEMO_DATA).list()
    link = history.changes_link(metas[4])
    params = dict(urllib.parse.parse_qsl(link.split("?")[1]))
    at = AppTest.from_file(APP, default_timeout=120)
    for key, value in params.items():
        at.query_params[key] = value
    at.switch_page("views/changes.py").run()
    assert not at.exception, [e.message for e in at.exception]
    assert at.session_state[page.KEY_FROM] == metas[3].snapshot_id
    assert at.selectbox(key="snapshot_choice").value == metas[4].snapshot_id


def test_time_travel_shows_the_history_as_it_was(data_env):
    data_env(DEMO_DATA)
    metas = Store(DEMO_DATA).list()
    at = open_history({"snapshot": metas[3].snapshot_id})
    assert list(history_table(at)[C["id"]]) == [m.snapshot_id for m in reversed(metas[:4])]
    # the restore picker starts on the snapshot being looked at
    assert at.selectbox(key=update.KEY_RESTORE_PICK).value == metas[3].snapshot_id


def test_restore_shows_the_changes_then_saves_a_new_snapshot_equal_to_the_old(tmp_path, data_env):
    root = copy_of(DEMO_DATA, tmp_path / "data")
    data_env(root)
    metas = Store(root).list()
    old = metas[-3]
    at = open_history({update.URL_RESTORE: old.snapshot_id})
    assert at.selectbox(key=update.KEY_RESTORE_PICK).value == old.snapshot_id
    at.button(key="restore_show").click().run()
    assert not at.exception
    assert at.text_area(key=update.note_key("restore")).value.startswith("Gjenoppretter øyeblikksbildet")
    assert any(m.value.endswith("endringer**") for m in at.markdown)
    assert len(Store(root).list()) == 9
    sign(at, note="Tilbake til 2025", origin="restore")
    at.button(key="commit_restore").click().run()
    assert not at.exception
    assert any("Lagret" in s.value for s in at.success)
    after = Store(root).list()
    assert len(after) == 10 and after[:9] == metas  # history is never rewritten
    assert after[-1].content_hash == old.content_hash
    assert after[-1].base_id == metas[-1].snapshot_id
    assert history_table(at)[C["note"]].iloc[0] == "Tilbake til 2025"


def test_restoring_the_data_the_latest_already_has_is_no_change(tmp_path, data_env):
    root = copy_of(DEMO_DATA, tmp_path / "data")
    store = Store(root)
    latest = store.latest()
    store.write(store.read_frames(store.list()[-2].snapshot_id), author="Kari", note="Tilbake",
                base_id=latest.snapshot_id)
    data_env(root)
    at = open_history({update.URL_RESTORE: store.list()[-3].snapshot_id})
    at.button(key="restore_show").click().run()
    assert any("Ingen endringer" in i.value for i in at.info)


def test_history_on_large_generated_data(data_env, large_data):
    data_env(large_data)
    at = open_history()
    table = history_table(at)
    assert len(table) == 4
    assert list(table[C["initiatives"]]) == [3000] * 4
