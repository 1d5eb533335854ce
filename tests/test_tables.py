"""Tables show statuses as the word on a tint, drawn by column configuration
(portfolio/tables.py), on every page that has them."""

from __future__ import annotations

import json

import pytest

from conftest import DEMO_DATA, open_app_page
from portfolio import texts
from portfolio.web import tables
from test_docs import contrast

STATUS_WORDS = set(texts.STATUS_LABELS.values())

PAGES = [
    ("views/overview.py", {}),
    ("views/initiative.py", {"initiative": "samhandlingskommunen"}),
    ("views/budget.py", {}),
    ("views/milestones.py", {}),
    ("views/changes.py", {}),
]


def test_status_tints_keep_the_word_readable():
    assert set(tables.STATUS_TINTS) == STATUS_WORDS
    assert len(set(tables.STATUS_TINTS.values())) == len(tables.STATUS_TINTS)
    for tint in tables.STATUS_TINTS.values():
        # the browser draws black text on these light tints (seen in screenshots)
        assert contrast(tables.TINT_TEXT, tint) >= 7, tint


@pytest.mark.parametrize("page,params", PAGES)
def test_every_status_column_is_drawn_as_word_and_tint(data_env, page, params):
    data_env(DEMO_DATA)
    at = open_app_page(page, **params)
    checked = 0
    for frame in at.dataframe:
        data = frame.value
        config = json.loads(frame.proto.columns or "{}")
        for column in data.columns:
            values = set(data[column].dropna())
            if not values & STATUS_WORDS or not values <= STATUS_WORDS | {"–"}:
                continue
            type_config = config.get(column, {}).get("type_config", {})
            assert type_config.get("type") == "multiselect", (page, column)
            colours = {o["value"]: o["color"] for o in type_config["options"]}
            assert colours == tables.STATUS_TINTS, (page, column)
            checked += 1
    assert checked, f"{page}: no status column found"


def test_no_table_with_more_than_a_screenful_uses_a_styler(data_env):
    """A pandas Styler costs about 0.1 ms a cell on every rerun: the overview's
    tables carry no per-cell styles."""
    data_env(DEMO_DATA)
    at = open_app_page("views/overview.py")
    for frame in at.dataframe:
        assert not frame.proto.arrow_data.styler.styles, frame.value.columns.tolist()
