"""Every chart the pages draw is a valid Vega-Lite spec (the pages build
specs without Altair's validation, for speed: charts.spec), with a
description for screen readers and Norwegian number formats."""

from __future__ import annotations

import json

import pytest
from altair.utils.schemapi import validate_jsonschema
from altair.vegalite.v6.schema.core import load_schema

from conftest import DEMO_DATA, open_app_page

PAGES = [
    ("views/overview.py", {}, 2),
    ("views/initiative.py", {"initiative": "samhandlingskommunen"}, 2),  # its history and its risk matrix
    ("views/budget.py", {}, 2),
    ("views/milestones.py", {}, 1),
    ("views/governance.py", {}, 2),  # the risk matrix and the benefits
    ("views/collaboration.py", {}, 5),  # the coverage matrices, the network, the engagements, a unit's scores
]


@pytest.mark.parametrize("page,params,count", PAGES)
def test_every_chart_is_valid_vega_lite(data_env, page, params, count):
    data_env(DEMO_DATA)
    at = open_app_page(page, **params)
    specs = [json.loads(c.proto.spec) for c in at.get("vega_lite_chart")]
    assert len(specs) == count
    schema = load_schema()
    for spec in specs:
        validate_jsonschema(spec, schema, rootschema=schema, raise_error=True)
        assert spec.get("description"), page
        assert spec["config"]["locale"]["number"]["thousands"] == "\u00a0"
