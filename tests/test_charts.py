"""Every chart the pages draw is a valid Vega-Lite spec (the pages build
specs without Altair's validation, for speed: charts.spec), with a
description for screen readers and Norwegian number formats."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from altair.utils.schemapi import validate_jsonschema
from altair.vegalite.v6.schema.core import load_schema

from conftest import DEMO_DATA, DEMO_TODAY, LARGE, open_app_page
from portfolio import fmt
from portfolio.present import charts, overview, trend
from portfolio.query.context import SnapshotContext
from portfolio.query.runner import Filters
from portfolio.store.snapshots import Store

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


def test_the_charts_made_from_a_kept_spec_are_altairs_own(large_data):
    """The trend's and the phase chart's specs, made from a spec kept per
    chart (charts.templated), are the dicts Altair builds for the same rows
    and description, the rows' name included: on every demo snapshot (so
    every number of snapshots) and on the generated data's, with filters, one
    that nothing passes, and with no rows."""
    compared = 0
    cases = ((DEMO_DATA, (Filters(), Filters(statuses=("rød",)))),
             (large_data, (Filters(), Filters(phases=("Konsept",)), Filters(statuses=("finnes ikke",)))))
    for root, filter_sets in cases:
        store = Store(root)
        for meta in store.list():
            ctx = SnapshotContext(store, meta, DEMO_TODAY)
            for filters in filter_sets:
                data = trend.counts(ctx, filters)
                text = fmt.plain(trend.takeaway(data))
                assert charts.status_trend_spec(data, text) == charts.spec(charts.status_trend_bars(data, text))
                k = overview.kpis(ctx, filters)
                text = fmt.plain(overview.chart_takeaway(k))
                assert charts.phase_status_spec(k.chart_counts, text) == charts.spec(
                    charts.phase_status_bars(k.chart_counts, text))
                compared += 1
    assert compared == 2 * len(Store(DEMO_DATA).list()) + 3 * LARGE["snapshots"]
    no_rows = data.iloc[:0], k.chart_counts.iloc[:0]
    assert charts.status_trend_spec(no_rows[0], "") == charts.spec(charts.status_trend_bars(no_rows[0], ""))
    assert charts.phase_status_spec(no_rows[1], "") == charts.spec(charts.phase_status_bars(no_rows[1], ""))


def test_the_phase_charts_rows_from_the_columns_are_chart_values_own():
    """The overview's counts become the phase chart's rows straight from their
    columns: the rows chart_values makes of the labelled frame, gaps and a
    status the app does not know included; other columns take the frame's way."""
    from portfolio import texts
    from portfolio.present import chart_values

    counts = pd.DataFrame({
        "phase": pd.Series(["Konsept", None, "Planlegge"], dtype="str"),
        "status_overall": pd.Series(["rød", "ukjent", None], dtype="str"),
        "initiative_count": pd.Series([3, 0, 12], dtype="int64"),
        "status_order": pd.array([3, None, 1], dtype="Int32"),
    })
    want = chart_values.transformer(charts.phase_status_data(counts))["values"]
    made = chart_values.phase_status_rows(counts, texts.STATUS_LABELS)
    assert made == want
    assert [list(map(type, row.values())) for row in made] == \
        [list(map(type, row.values())) for row in want]
    assert chart_values.phase_status_rows(counts.astype({"initiative_count": "float64"}), texts.STATUS_LABELS) is None
    assert charts.phase_status_spec(counts, "x") == charts.spec(charts.phase_status_bars(counts, "x"))
