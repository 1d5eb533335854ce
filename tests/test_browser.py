"""The app in headless Debian Chromium: a real server, a real browser."""

from __future__ import annotations

import pytest

from browser import ARTIFACTS, axe_violations, chromium, wait_until_idle

pytestmark = pytest.mark.browser


@pytest.fixture()
def demo_url(demo_app):
    """The shared server on the demo data (conftest.demo_app): these tests only read."""
    return demo_app


def test_overview_opens_in_chromium_with_the_seed_portfolio(demo_url):
    with chromium(viewport=(1400, 2400)) as page:
        page.goto(demo_url)
        wait_until_idle(page)
        assert page.locator("h1", has_text="Oversikt").count() == 1
        assert page.get_by_text("Demodata", exact=False).count() >= 1
        assert page.locator('[data-testid="stMetric"]').count() >= 7
        assert page.locator('[data-testid="stDataFrame"]').count() == 1  # the status table
        # the charts' tables are real HTML tables, with Norwegian headers
        tables = page.locator('[data-testid="stTable"] table')
        assert tables.count() == 2 and tables.first.locator("th", has_text="Gjennomføre").count() + \
            tables.first.locator("td", has_text="Gjennomføre").count() >= 1
        assert page.locator('[data-testid="stVegaLiteChart"]').count() == 2  # phases and trend
        page.screenshot(path=str(ARTIFACTS / "overview-demo.png"), full_page=True)


def test_overview_has_no_serious_accessibility_violations(demo_url):
    """axe runs as soon as the page is idle, with no grace time: the page is
    valid at every moment, including its navigation (a flat list, see dashboard.py)."""
    with chromium() as page:
        page.goto(demo_url)
        wait_until_idle(page)
        violations = axe_violations(page)
        assert violations == [], [(v["id"], v["help"], v["nodes"][0]["target"]) for v in violations]


def test_overview_on_a_phone_sized_screen(demo_url):
    with chromium(viewport=(390, 844)) as page:
        page.goto(demo_url)
        wait_until_idle(page)
        assert page.locator("h1", has_text="Oversikt").is_visible()
        page.screenshot(path=str(ARTIFACTS / "overview-phone.png"))
