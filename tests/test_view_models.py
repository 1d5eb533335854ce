"""What the pages show changes only on purpose: the view models of every page
on the demo data and on generated data match the fingerprints in
tests/golden/view_models.json (tools/view_fingerprints.py; its "_how" says when
and why they were last regenerated). They began as the folder-layout store's,
which the DuckLake store reproduced exactly."""

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
