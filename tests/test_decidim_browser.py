"""The Decidim parts of «Oppdater data» in a real browser: «Hent fra Decidim»
(portfolio/web/update_decidim.py) and «Koble Decidim til tiltak»
(portfolio/web/decidim_links.py). What they decide is tested through AppTest
in tests/test_decidim_import.py and tests/test_decidim_links.py; here the
real widgets: a ZIP given to the real file uploader, the preview, author,
note and commit; a suggestion accepted by a click in the data editor (a
glide data grid: a canvas, with an accessible table behind it that says what
each cell holds); axe and screenshots of the page with both sections.

One server on a copy of the demo data and one Chromium for the whole module.
Each test opens the page afresh (a new session) and reads what it expects
from the store as it is then, so the tests pass in any order.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from conftest import DEMO_DATA, DEMO_TODAY, copy_store
from portfolio.ingest import decidim_import, pipeline
from portfolio.ingest import preview as preview_words
from portfolio.model.schema_decidim import DECIDIM_TABLES
from portfolio.present import decidim_links as view_model
from portfolio.store.snapshots import Store
from portfolio.texts import decidim as D
from portfolio.texts import decidim_links as L
from portfolio.web import decidim_links as links_section
from portfolio.web import update, update_decidim
from test_decidim_import import edited_copy
from test_decidim_read import zip_of

pytestmark = pytest.mark.browser

NEW_RESULT = {"id": "990", "title/nb": "Jobbsjanse for flere i arbeid"}  # suggested for «Flere i arbeid»
SAVED = "Lagret nytt øyeblikksbilde"


@pytest.fixture(scope="module")
def root(tmp_path_factory) -> Path:
    return copy_store(DEMO_DATA, tmp_path_factory.mktemp("decidim-browser") / "data")


@pytest.fixture(scope="module")
def app(root) -> str:
    from browser import streamlit_server

    with streamlit_server("dashboard.py", root, today=DEMO_TODAY.isoformat()) as url:
        yield url


@pytest.fixture(scope="module")
def page():
    from browser import chromium

    with chromium(viewport=(1400, 1800)) as opened:
        yield opened


@pytest.fixture(scope="module")
def export_zip(tmp_path_factory) -> Path:
    """The v0.30 fixture export as the ZIP Decidim serves, with one more result
    whose title shares a telling word with an initiative (so that the links
    section has a suggestion after the import too)."""
    folder = tmp_path_factory.mktemp("decidim-export")

    def one_more(frame: pd.DataFrame) -> pd.DataFrame:
        row = frame.iloc[[0]].copy()
        row["parent/id"] = ""
        for column, value in NEW_RESULT.items():
            row[column] = value
        return pd.concat([frame, row])

    path = folder / "deltakristiansand-open-data.zip"
    path.write_bytes(zip_of(edited_copy(folder, results=one_more)))
    return path


def open_update_page(page, app: str) -> None:
    from browser import wait_until_idle

    page.goto(f"{app}/update")
    wait_until_idle(page)


def keyed(page, key: str):
    """The element drawn with this widget key (Streamlit's class `st-key-<key>`)."""
    return page.locator(f".st-key-{key}")


def sign_and_commit(page, origin: str, author: str, note: str | None = None) -> None:
    """Type the author (and the note), then press the enabled commit button of `origin`'s preview."""
    from browser import wait_until_idle

    author_box = keyed(page, update.author_key(origin)).get_by_role("textbox")
    author_box.fill(author)
    author_box.press("Tab")
    if note is not None:
        note_box = keyed(page, update.note_key(origin)).get_by_role("textbox")
        note_box.fill(note)
        note_box.press("Tab")
    wait_until_idle(page)
    keyed(page, f"commit_{origin}").get_by_role("button", disabled=False).click()
    page.get_by_text(SAVED, exact=False).wait_for(timeout=60_000)
    wait_until_idle(page)


def screenshot(page, name: str) -> None:
    """The whole page as one picture in ARTIFACTS: Streamlit scrolls its main
    area, not the document, so the viewport is made as tall as that area's
    content for the picture, then set back."""
    from browser import ARTIFACTS, wait_for_paint, wait_until_idle

    size = page.viewport_size
    height = page.evaluate("() => document.querySelector('[data-testid=\"stMain\"]').scrollHeight")
    page.set_viewport_size({"width": size["width"], "height": max(size["height"], height)})
    wait_for_paint(page)
    wait_until_idle(page)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
    page.set_viewport_size(size)
    wait_for_paint(page)


def assert_no_axe_violations(page) -> None:
    from browser import axe_violations

    violations = axe_violations(page)
    assert violations == [], [(v["id"], v["help"], v["nodes"][0]["target"]) for v in violations]


def test_the_decidim_and_links_sections_have_no_axe_violations(app, page, root):
    """First in the module: on the demo data the links section shows a
    suggestion and two rows without a link (after the import in the next
    test, also links that point at nothing; in another order this test
    checks what the data then holds)."""
    store = Store(root)
    view = view_model.build(store.read_frames(store.latest().snapshot_id))
    open_update_page(page, app)
    for heading in (D.PAGE_UPDATE["step_decidim"], L.SECTION["title"], L.SECTION["suggestions_title"],
                    L.SECTION["unlinked_title"]):
        assert page.get_by_role("heading", name=heading, exact=True).is_visible(), heading
    assert page.get_by_role("region", name=D.PAGE_UPDATE["uploader"]).is_visible()
    suggestions = page.locator('[class*="st-key-dl_"] [data-testid="stDataFrame"]')
    assert suggestions.is_visible() == bool(len(view.suggestions))
    shown = [links_section.counted(L.SECTION["unlinked_caption"], view.unlinked_count)
             if view.unlinked_count else L.SECTION["unlinked_none"]]
    if len(view.dangling):
        shown.append(links_section.counted(L.SECTION["dangling_caption"], len(view.dangling)))
    for text in shown:  # «1 rad», «2 rader»
        assert page.get_by_text(text, exact=True).count() == 1, text
    screenshot(page, "decidim-sections")
    assert_no_axe_violations(page)


def test_a_decidim_zip_uploaded_in_a_browser_is_previewed_and_saved(app, page, root, export_zip):
    from browser import upload_files, wait_until_idle

    store = Store(root)
    before = store.list()
    prepared = decidim_import.prepare_decidim(export_zip.read_bytes(), store, name=export_zip.name)
    found = pipeline.changes(prepared, store, today=DEMO_TODAY)
    assert prepared.ok and found
    open_update_page(page, app)
    upload_files(page, str(export_zip), region=D.PAGE_UPDATE["uploader"])
    page.get_by_text(preview_words.change_count(len(found)), exact=True).wait_for(timeout=60_000)
    wait_until_idle(page)
    for line in preview_words.summary_lines(found):
        assert page.get_by_text(line, exact=True).count() == 1, line
    # the demo data's links to rows this export does not hold, named in Norwegian («Resultat 112 → …»)
    dangling = decidim_import.dangling_links(prepared)
    assert dangling
    warning = decidim_import.dangling_text([(L.ENTITY_LABEL[e], i, t) for e, i, t in dangling])
    assert page.get_by_text(warning, exact=True).count() == 1
    assert len(Store(root).list()) == len(before)  # nothing written before the commit
    screenshot(page, "decidim-preview")
    assert_no_axe_violations(page)

    sign_and_commit(page, update_decidim.ORIGIN, "Kari Nordmann", "Decidim fra nettleseren")
    screenshot(page, "decidim-saved")
    metas = Store(root).list()
    assert len(metas) == len(before) + 1
    assert (metas[-1].author, metas[-1].note) == ("Kari Nordmann", "Decidim fra nettleseren")
    saved = Store(root).read_frames(metas[-1].snapshot_id)
    for table in DECIDIM_TABLES:
        expected = prepared.tables[table].to_pandas()
        assert sorted(saved[table]["decidim_id"]) == sorted(expected["decidim_id"]), table
    results = saved["decidim_results"].set_index("decidim_id")
    assert results.loc[int(NEW_RESULT["id"]), "title"] == NEW_RESULT["title/nb"]


# The suggestions' data editor: the first column «Godta» (80 px wide), rows of
# 35 px under a 35 px header (Streamlit's data grid). The grid is a canvas; its
# accessible table (`glide-cell-<column>-<row>`) says what each cell holds.
ACCEPT_CELL_CENTRE = (40, 35 + 35 // 2)


def test_a_link_suggestion_is_accepted_in_the_data_editor_and_saved(app, page, root):
    from playwright.sync_api import expect

    from browser import wait_until_idle

    store = Store(root)
    before = store.list()
    view = view_model.build(store.read_frames(before[-1].snapshot_id))
    assert len(view.suggestions), "the data has a suggestion to accept"
    first = view.suggestions.iloc[0]
    open_update_page(page, app)
    grid = page.locator(f'[class*="st-key-{links_section.editor_key("")}"]')
    title_column = links_section.SUGGESTION_ORDER.index("title")
    expect(grid.get_by_test_id(f"glide-cell-{title_column}-0")).to_have_text(first["title"])
    accept = grid.get_by_test_id("glide-cell-0-0")
    expect(accept).to_have_text("false")
    canvas = grid.get_by_test_id("data-grid-canvas")
    canvas.scroll_into_view_if_needed()
    box = canvas.bounding_box()
    page.mouse.click(box["x"] + ACCEPT_CELL_CENTRE[0], box["y"] + ACCEPT_CELL_CENTRE[1])
    expect(accept).to_have_text("true")
    wait_until_idle(page)

    keyed(page, links_section.KEY_PREVIEW).get_by_role("button").click()
    page.get_by_text(preview_words.change_count(1), exact=True).wait_for(timeout=60_000)
    wait_until_idle(page)
    note = keyed(page, update.note_key(links_section.ORIGIN)).get_by_role("textbox")
    assert note.input_value() == L.SECTION["note"].format(count="1")
    screenshot(page, "decidim-links-preview")
    assert_no_axe_violations(page)

    sign_and_commit(page, links_section.ORIGIN, "Ola Nordmann")
    screenshot(page, "decidim-links-saved")
    metas = Store(root).list()
    assert len(metas) == len(before) + 1 and metas[-1].author == "Ola Nordmann"
    stored = Store(root).read_frames(metas[-1].snapshot_id)["decidim_links"]
    pairs = set(stored[["entity", "decidim_id", "initiative_id"]].itertuples(index=False, name=None))
    assert (first["entity"], int(first["decidim_id"]), first["initiative_id"]) in pairs
    assert len(stored) == len(store.read_frames(before[-1].snapshot_id)["decidim_links"]) + 1
