"""A chart's rows come out of portfolio.present.chart_values exactly as
Altair's own conversion makes them: the same values of the same Python
types, so the spec, its dataset's name and the page are unchanged."""

from __future__ import annotations

import datetime as dt
import json

import numpy as np
import pandas as pd
import pytest
from altair.utils.data import to_values

from conftest import DEMO_DATA, DEMO_TODAY
from portfolio.present import chart_values, charts
from portfolio.present.lazy_altair import alt
from tools.view_fingerprints import fingerprints


def typed(rows: list[dict]) -> list:
    """Rows with each value's type beside it (1 == 1.0 == True in Python)."""
    return [[(name, type(value).__name__, value) for name, value in row.items()] for row in rows]


def altairs(frame: pd.DataFrame) -> list[dict]:
    return to_values(frame)["values"]


EVERY_KIND = pd.DataFrame({
    "int": [1, -2, 3],
    "int32": np.array([1, 2, 3], dtype="int32"),
    "uint8": np.array([0, 7, 255], dtype="uint8"),
    "float": [1.5, np.nan, np.inf],
    "float32": np.array([0.1, -np.inf, np.nan], dtype="float32"),
    "bool": [True, False, True],
    "object": ["a", None, np.nan],
    "object_numbers": pd.Series([np.int64(4), np.float64(2.5), np.bool_(True)], dtype=object),
    "object_lists": pd.Series([np.array([1, 2]), [3], ("x",)], dtype=object),
    "str": pd.Series(["ø", None, "å"], dtype="str"),
    "string": pd.Series(["x", pd.NA, "z"], dtype="string"),
    "category": pd.Categorical(["rød", None, "gul"]),
    "Int64": pd.array([1, None, 3], dtype="Int64"),
    "Float64": pd.array([0.5, None, 2.0], dtype="Float64"),
    "boolean": pd.array([True, None, False], dtype="boolean"),
    "datetime": pd.to_datetime(["2026-01-05 00:00", None, "2026-11-23 12:30"]),
    "datetime_tz": pd.to_datetime(["2026-01-05 00:00", None, "2026-11-23 12:30"]).tz_localize("Europe/Oslo"),
    "datetime_s": pd.to_datetime(["2026-01-05 00:00", None, "2026-11-23 12:30:05"], format="ISO8601").as_unit("s"),
    "datetime_ms": pd.to_datetime(["2026-01-05 00:00:00.250", None, "2026-11-23"], format="ISO8601").as_unit("ms"),
    "datetime_us": pd.to_datetime(["2026-01-05 00:00:00.000001", None, "2026-11-23"], format="ISO8601").as_unit("us"),
    "datetime_ns": pd.to_datetime(["2026-01-05 00:00:00.000000001", None, "2026-11-23"], format="ISO8601").as_unit("ns"),
    "str_nan": pd.Series([np.nan, "ø", ""], dtype="str"),
    "date_objects": [dt.date(2026, 1, 5), None, dt.date(2026, 11, 23)],
})


@pytest.mark.parametrize("column", list(EVERY_KIND.columns))
def test_each_kind_of_column_gives_altairs_values(column):
    frame = EVERY_KIND[[column]]
    assert typed(chart_values.values(frame)) == typed(altairs(frame))


def test_a_frame_with_every_kind_together_and_a_named_index():
    frame = EVERY_KIND.set_index(pd.Index(["p", "q", "r"], name="label"))
    assert typed(chart_values.values(frame)) == typed(altairs(frame))
    assert chart_values.values(EVERY_KIND.iloc[:0]) == altairs(EVERY_KIND.iloc[:0]) == []


def test_what_it_does_not_handle_goes_to_altair_with_altairs_errors():
    durations = pd.DataFrame({"wait": pd.to_timedelta([1, 2], unit="D")})
    assert chart_values.values(durations) is None
    with pytest.raises(ValueError, match="timedelta"):
        chart_values.transformer(durations)
    numbered = pd.DataFrame([[1, 2]])
    assert chart_values.values(numbered) is None
    assert chart_values.transformer(numbered) == to_values(numbered)
    twice = pd.DataFrame([[1, 2]], columns=["a", "a"])
    assert chart_values.values(twice) is None


def test_altairs_row_limit_still_holds():
    from altair.utils.data import MaxRowsError

    with pytest.raises(MaxRowsError):
        chart_values.transformer(pd.DataFrame({"n": range(chart_values.MAX_ROWS + 1)}))


def test_a_frame_it_handles_never_reaches_altairs_conversion(monkeypatch):
    import altair.utils.data

    def refused(data):
        raise AssertionError("Altair's to_values was asked")

    expected = typed(altairs(EVERY_KIND))  # this module's own to_values, not the one replaced
    monkeypatch.setattr(altair.utils.data, "to_values", refused)
    assert typed(chart_values.transformer(EVERY_KIND)["values"]) == expected


def test_it_is_the_transformer_the_charts_use():
    chart = alt.Chart(pd.DataFrame({"n": [1, 2], "word": ["a", None]})).mark_bar().encode(x="n:Q", y="word:N")
    spec = charts.spec(chart)
    assert alt.data_transformers.active == chart_values.NAME
    (name, rows), = spec["datasets"].items()
    assert spec["data"] == {"name": name}
    assert rows == [{"n": 1, "word": "a"}, {"n": 2, "word": None}]


def _frames(chart) -> list[pd.DataFrame]:
    """Every data frame in a chart and the charts it is made of."""
    found = [chart.data] if isinstance(getattr(chart, "data", None), pd.DataFrame) else []
    for part in ("layer", "hconcat", "vconcat", "concat"):
        for sub in getattr(chart, part, None) or []:
            found += _frames(sub)
    return found


def test_every_chart_the_pages_draw_gets_altairs_values(monkeypatch):
    """Every chart built for the view models of every page (the golden
    fingerprints' walk over the demo data): its rows as Altair makes them."""
    drawn = []
    spec = charts.spec

    def recording(chart):
        drawn.append(chart)
        return spec(chart)

    monkeypatch.setattr(charts, "spec", recording)
    fingerprints(DEMO_DATA, DEMO_TODAY)
    frames = [frame for chart in drawn for frame in _frames(chart)]
    assert len(drawn) >= 10 and len(frames) >= len(drawn)
    for frame in frames:
        mine = chart_values.values(frame)
        assert mine is not None, list(frame.dtypes.astype(str))  # every page's chart takes the fast path
        assert json.dumps(typed(mine), default=str) == json.dumps(typed(altairs(frame)), default=str)
