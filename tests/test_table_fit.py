"""Tables fit the screen: on a 390 px phone and a 1400 px laptop the status
columns of the first rows of each page's main table are inside the viewport
without scrolling («Oversikt», «Økonomi», «Milepæler»), and on the laptop the
columns a table shows by default need no sideways scroll at all (browser tests:
they use the shared demo server, so conftest marks them `browser`).

How it is measured. st.dataframe is glide-data-grid: it paints on a canvas,
so the cells have no boxes to measure. But glide keeps an accessible table
inside the canvas element (role="grid": column headers and the visible rows'
cells, for screen readers), and it lists exactly the columns it paints: a
column is listed when its left edge lies within the grid's width (pinned
columns always). So a column is wholly inside the grid when the column after
it is listed too, or when it is the table's last column and the grid does not
scroll sideways (its scroller's scrollWidth is its clientWidth). The grid
itself must lie inside the viewport (its bounding box) and the page must not
scroll sideways. The planned widths (portfolio.present.columns) are checked
without a browser here too.
"""

from __future__ import annotations

import pytest

from browser import chromium, wait_until_idle
from portfolio import texts
from portfolio.present import (
    budget,
    columns,
    decidim,
    decidim_words,
    initiative,
    initiative_history,
    initiative_list,
    milestones,
    overview,
    public_decidim,
)
from portfolio.present import governance_tables as governance_view
from portfolio.present import history as history_view
from portfolio.texts import budget as B
from portfolio.texts import initiative as I
from portfolio.texts import milestones as M

VIEWPORTS = {"phone": (390, 844), "laptop": (1400, 1000)}
NAME = texts.COLUMN_LABELS["initiatives"]["name"]

# page, the main table's first column, its Columns, the status columns to see
MAIN_TABLES = {
    "oversikt": ("", NAME, overview.status_table_columns(), [texts.COLUMN_LABELS["initiatives"]["status_overall"]]),
    "økonomi": ("budget", B.COL_INITIATIVE, budget.initiative_columns(), [B.COL_ASSESSMENT]),
    "milepæler": ("milestones", M.COL_TITLE, milestones.list_columns(), [M.COL_OVERDUE_DAYS]),
}

GRID_JS = """(first) => {
  for (const grid of document.querySelectorAll('[data-testid="stDataFrame"]')) {
    const headers = Array.from(grid.querySelectorAll('canvas table thead th')).map(th => th.textContent);
    if (headers[0] !== first) continue;
    const rows = Array.from(grid.querySelectorAll('canvas table tbody tr')).slice(0, 3)
      .map(tr => Array.from(tr.querySelectorAll('td')).map(td => td.textContent));
    const scroller = grid.querySelector('.dvn-scroller');
    const box = grid.getBoundingClientRect();
    return {headers, rows, left: box.left, right: box.right, count: Number(grid.querySelector('canvas table')
              .getAttribute('aria-colcount')), scrollWidth: scroller.scrollWidth, clientWidth: scroller.clientWidth,
            innerWidth: window.innerWidth, pageWidth: document.documentElement.scrollWidth};
  }
  return null;
}"""


def grid(page, first: str) -> dict:
    """What the grid whose first column is `first` paints (its accessible table)."""
    page.wait_for_function(f"({GRID_JS})({first!r}) !== null", timeout=60_000)
    return page.evaluate(GRID_JS, first)


def wholly_inside(found: dict, column: str) -> bool:
    headers = found["headers"]
    if column not in headers:
        return False
    last_listed = headers.index(column) == len(headers) - 1
    last_of_table = len(headers) == found["count"]
    return not last_listed or (last_of_table and found["scrollWidth"] <= found["clientWidth"])


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
@pytest.mark.parametrize("name", list(MAIN_TABLES))
def test_the_status_columns_of_the_main_table_are_in_view(demo_app, name, viewport):
    path, first, described, status_columns = MAIN_TABLES[name]
    width, height = VIEWPORTS[viewport]
    with chromium((width, height)) as page:
        page.goto(f"{demo_app}/{path}")
        wait_until_idle(page)
        found = grid(page, first)
        page.screenshot(path=f"test-artifacts/table-fit-{name}-{width}.png")
    assert found["left"] >= 0 and found["right"] <= found["innerWidth"], found
    assert found["pageWidth"] <= found["innerWidth"], "the page scrolls sideways"
    # the essential columns come first: the row's name, then its status words
    expected = [c for c in described.essential if c in found["headers"]]
    assert expected and found["headers"][:len(expected)] == expected, found["headers"]
    for column in [first, *status_columns]:
        assert wholly_inside(found, column), (column, found)
        index = found["headers"].index(column)
        assert found["rows"] and all(row[index] for row in found["rows"]), (column, found["rows"])
    if viewport == "laptop":  # everything shown by default fits: no sideways scroll
        assert found["scrollWidth"] <= found["clientWidth"], found


def test_choosing_a_row_in_the_initiative_list_opens_it(demo_app):
    with chromium(VIEWPORTS["laptop"]) as page:
        page.goto(f"{demo_app}/initiative")
        wait_until_idle(page)
        found = grid(page, I.COL_NAME)
        first_name = found["rows"][0][0]
        box = page.locator('[data-testid="stDataFrame"]').first.bounding_box()
        page.mouse.click(box["x"] + 18, box["y"] + 36 + 17)  # the first row's selection box
        page.wait_for_function(f"() => [...document.querySelectorAll('h2')].some(h => h.textContent === {first_name!r})",
                               timeout=60_000)
        wait_until_idle(page)
        assert "initiative=" in page.url


# -- the plan, without a browser --------------------------------------------------------------

TABLES = {
    "status table": overview.status_table_columns(),
    "budget by year": budget.year_columns(),
    "budget by area": budget.area_columns(),
    "budget by initiative": budget.initiative_columns(),
    "milestone lists": milestones.list_columns(),
    "timeline table": milestones.timeline_columns(),
    "initiative milestones": initiative.milestone_columns(),
    "initiative money": initiative.budget_columns(),
    "initiative history": initiative_history.history_columns(),
    "initiative list": initiative_list.columns(),
    "history": history_view.history_columns(),
    "rejected imports": history_view.rejected_columns(),
    "decision log": governance_view.decision_columns(),
    "decision points": governance_view.decision_point_columns(),
    "decision point summary": governance_view.summary_columns(),
    "risks": governance_view.risk_columns(),
    "initiative risks": governance_view.risk_columns(on_initiative_page=True),
    "benefits": governance_view.benefit_columns(),
    "benefit measurements": governance_view.measurement_columns(),
    "initiative Decidim results": decidim_words.result_columns(),
    "initiative Decidim items": decidim.item_columns(),
    "public Decidim results": public_decidim.result_columns(),
}


@pytest.mark.parametrize("name", list(TABLES))
def test_essential_columns_fit_a_phone(name):
    described = TABLES[name]
    assert described.essential
    # two status-less days columns are alternatives (overdue or left): one is shown at a time
    shown = [c for c in described.essential if c != M.COL_DAYS_LEFT]
    width = described.planned_width(shown)
    assert width is not None and width <= columns.PHONE_GRID_PX, (name, width)


@pytest.mark.parametrize("name", list(TABLES)[-3:])
def test_decidim_tables_fit_a_laptop(name):
    described = TABLES[name]
    names = [*described.essential, *described.links, *described.dates, *described.medium, *described.progress]
    width = described.planned_width(described.order(dict.fromkeys(names)))
    assert width is not None and width <= columns.LAPTOP_GRID_PX, (name, width)
