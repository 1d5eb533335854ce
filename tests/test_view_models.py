"""What the pages show does not depend on how snapshots are stored: the view
models built on the DuckLake store are those the folder-layout store gave
(fingerprints in tests/golden/view_models.json, tools/view_fingerprints.py)."""

from __future__ import annotations

import json

from conftest import DEMO_DATA, DEMO_TODAY, LARGE, ROOT
from tools.view_fingerprints import fingerprints

GOLDEN = json.loads((ROOT / "tests" / "golden" / "view_models.json").read_text())


def test_every_page_view_on_the_demo_data_is_as_before():
    assert fingerprints(DEMO_DATA, DEMO_TODAY) == GOLDEN["demo"]


def test_every_page_view_on_generated_data_is_as_before(large_data):
    assert dict(initiatives=3000, snapshots=4, seed=7) == LARGE  # the data the golden file was made from
    assert fingerprints(large_data, DEMO_TODAY) == GOLDEN["generated-3000x4-seed7"]
