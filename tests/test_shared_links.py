"""Shared links in headless Chromium: a link pasted into a new browser reopens
the same view (past snapshot, filters, the Changes page's comparison)."""

from __future__ import annotations

import re
import urllib.parse

import pytest
from playwright.sync_api import expect

from browser import ARTIFACTS, axe_violations, chromium, poll_until, streamlit_server, wait_until_idle
from conftest import DEMO_DATA, DEMO_TODAY
from portfolio.store.snapshots import Store

pytestmark = pytest.mark.browser

METAS = Store(DEMO_DATA).list()


@pytest.fixture()
def fresh_server():
    """A server nobody has opened yet: the shared link is its first request
    (the tests of links as a server's first request; others share demo_app)."""
    with streamlit_server("dashboard.py", DEMO_DATA, today=DEMO_TODAY.isoformat()) as url:
        yield url


def grid(page, header: str, timeout_s: float = 20):
    """The st.dataframe whose header row has `header`, as rows of cell texts
    (read from the grid's accessible table, header row first). The browser
    fills these tables in a moment after the script has finished: polled."""

    def table_with_header():
        frames = page.locator('[data-testid="stDataFrame"]')
        for i in range(frames.count()):
            frame = frames.nth(i)
            frame.scroll_into_view_if_needed()
            rows = [
                [c.inner_text() for c in row.locator('[role="columnheader"], [role="gridcell"]').all()]
                for row in frame.locator('[role="row"]').all()
            ]
            if len(rows) > 1 and header in rows[0]:
                return rows
        return None

    return poll_until(table_with_header, timeout_s, f"a table with the column {header!r}", interval_s=0.2)


def column(rows, header: str) -> list[str]:
    index = rows[0].index(header)
    return [row[index] for row in rows[1:]]


def app_navigation_is_shown(page) -> bool:
    """The app's own navigation (dashboard.py ran), not Streamlit's file list."""
    nav = page.locator('[data-testid="stSidebarNav"]').inner_text()
    return "Oversikt" in nav and "Endringer" in nav


def test_a_shared_overview_link_reopens_the_filtered_past_view(fresh_server):
    past = METAS[-2]  # 17.11.2025
    initiatives = Store(DEMO_DATA).read_frames(past.snapshot_id)["initiatives"]
    expected = set(initiatives.loc[initiatives["status_overall"].isin(["rød", "gul"]), "name"])
    assert expected and len(expected) < len(initiatives)
    query = urllib.parse.urlencode([("snapshot", past.snapshot_id), ("status", "rød"), ("status", "gul")])
    with chromium(viewport=(1400, 2400)) as page:
        page.goto(f"{fresh_server}/?{query}")
        wait_until_idle(page)
        assert app_navigation_is_shown(page)
        # the past-snapshot banner and the snapshot picker
        expect(page.get_by_text("Du ser porteføljen slik den var 17.11.2025", exact=False)).to_have_count(1)
        expect(page.get_by_role("combobox", name="Vis data per")).to_have_value(re.compile(r"^17\.11\.2025"))
        # the filter chips
        status_filter = page.locator('[data-testid="stMultiSelect"]').filter(has_text="Samlet status")
        chips = status_filter.locator("[data-tag]").all()
        assert [c.get_attribute("aria-label") for c in chips] == ["Rød", "Gul"]
        # only red and yellow rows, and all of them
        rows = grid(page, "Samlet status")
        assert set(column(rows, "Samlet status")) <= {"Rød", "Gul"}
        assert set(column(rows, "Navn")) == expected
        # the link is kept as it was pasted
        params = urllib.parse.parse_qs(urllib.parse.urlparse(page.url).query)
        assert params == {"snapshot": [past.snapshot_id], "status": ["rød", "gul"]}
        page.screenshot(path=str(ARTIFACTS / "shared-link-overview.png"), full_page=True)


def test_a_shared_changes_link_reopens_the_same_comparison(fresh_server):
    old, new = METAS[1], METAS[3]  # 18.10.2021 → 07.11.2022
    query = urllib.parse.urlencode({"snapshot": new.snapshot_id, "from": old.snapshot_id, "threshold": "100000"})
    with chromium(viewport=(1400, 3600)) as page:
        page.goto(f"{fresh_server}/changes?{query}")
        wait_until_idle(page)
        # the entry point ran (navigation, roles), although the link was the server's first request
        assert app_navigation_is_shown(page)
        expect(page.locator("h1", has_text="Endringer")).to_have_count(1)
        expect(page.get_by_text("Du ser porteføljen slik den var 07.11.2022", exact=False)).to_have_count(1)
        expect(page.get_by_text("Fra 18.10.2021 til 07.11.2022:", exact=False)).to_have_count(1)
        expect(page.get_by_role("combobox", name="Vis data per")).to_have_value(re.compile(r"^07\.11\.2022"))
        expect(page.get_by_role("combobox", name="Fra øyeblikksbilde")).to_have_value(re.compile(r"^18\.10\.2021"))
        expect(page.locator('[data-testid="stNumberInput"] input')).to_have_value("100000")
        expect(page.get_by_text("Budsjettendringer på minst 100\u00a0000\u00a0kr")).to_have_count(1)
        page.get_by_text("Statusendringer (", exact=False).click()  # the detail tables start closed
        wait_until_idle(page)
        status = grid(page, "Dimensjon")
        assert set(column(status, "Fra")) | set(column(status, "Til")) <= {"Grønn", "Gul", "Rød", "Ikke vurdert"}
        links = column(status, "Lenke")
        assert links and all(link.startswith("initiative?initiative=") for link in links)
        assert all(link.endswith(f"snapshot={new.snapshot_id}") for link in links)
        params = urllib.parse.parse_qs(urllib.parse.urlparse(page.url).query)
        assert params == {"snapshot": [new.snapshot_id], "from": [old.snapshot_id], "threshold": ["100000"]}
        page.screenshot(path=str(ARTIFACTS / "shared-link-changes.png"), full_page=True)

        # a row's link opens the initiative page on the same snapshot
        page.goto(f"{fresh_server}/{links[0]}")
        wait_until_idle(page)
        assert urllib.parse.urlparse(page.url).path == "/initiative"
        expect(page.get_by_text("Du ser porteføljen slik den var 07.11.2022", exact=False)).to_have_count(1)
        assert page.locator('[data-testid="stException"]').count() == 0


def test_a_shared_changes_link_since_a_date(demo_app):
    with chromium(viewport=(1400, 1400)) as page:
        page.goto(f"{demo_app}/changes?since=2025-01-01")
        wait_until_idle(page)
        assert app_navigation_is_shown(page)
        expect(page.get_by_role("radio", name="En dato")).to_be_checked()
        field = page.get_by_role("group", name="Endringer siden")
        expect(field).to_have_text(re.compile(r"^\s*01\s*\.\s*01\s*\.\s*2025"))
        expect(page.get_by_text("Sammenligner med øyeblikksbildet 15.04.2024", exact=False)).to_have_count(1)
        expect(page.get_by_text("Siden 15.04.2024:", exact=False)).to_have_count(1)
        page.screenshot(path=str(ARTIFACTS / "shared-link-changes-since.png"))


def test_changes_page_has_no_serious_accessibility_violations(demo_app):
    with chromium() as page:
        page.goto(f"{demo_app}/changes?threshold=50000")
        wait_until_idle(page)
        violations = axe_violations(page)
        assert violations == [], [(v["id"], v["help"], v["nodes"][0]["target"]) for v in violations]
    with chromium(viewport=(390, 844)) as page:
        page.goto(f"{demo_app}/changes")
        wait_until_idle(page)
        assert page.locator("h1", has_text="Endringer").is_visible()
        page.screenshot(path=str(ARTIFACTS / "changes-phone.png"))
