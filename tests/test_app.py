"""The app through Streamlit's AppTest, on the demo data and on large generated data."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from conftest import DEMO_DATA, ROOT
from portfolio import texts
from portfolio.store.snapshots import Store
from portfolio.texts import decidim_pages as D

APP = str(ROOT / "dashboard.py")


def run_app() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def status_table(at: AppTest):
    frames = [d.value for d in at.dataframe]
    return next(f for f in frames if texts.COLUMN_LABELS["initiatives"]["name"] in f.columns)


def metric(at: AppTest, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def test_overview_on_demo_data_shows_every_seed_initiative(data_env):
    data_env(DEMO_DATA)
    at = run_app()
    assert at.title[0].value == texts.OVERVIEW["title"]
    assert any(i.value == texts.DEMO_NOTICE for i in at.info)
    names = set(status_table(at)[texts.COLUMN_LABELS["initiatives"]["name"]])
    latest = Store(DEMO_DATA).latest()
    expected = set(Store(DEMO_DATA).read_frames(latest.snapshot_id)["initiatives"]["name"])
    assert expected and expected == names
    assert any("Samhandlingskommunen" in n for n in names)
    assert metric(at, texts.OVERVIEW["kpi_initiatives"]) == str(len(expected))
    budget = metric(at, texts.OVERVIEW["kpi_budget"].format(year=2026))
    assert budget.endswith("\u00a0kr") and budget != "0\u00a0kr"


def test_overview_counts_the_initiatives_with_results_in_decidim(data_env):
    """«Tiltak med resultater i Decidim: 9 av 12» (seed: every initiative but three has a linked result), as the
    filters narrow it; a snapshot from before Decidim says nothing of it."""
    data_env(DEMO_DATA)
    at = run_app()
    assert metric(at, D.KPI) == "9 av 12"
    shown = next(m for m in at.metric if m.label == D.KPI)
    assert "i snitt 80\u00a0% ferdige; 4 av 12 er ferdige" in shown.proto.help
    at.multiselect(key="f_area").set_value(["Oppvekst"]).run()
    assert not at.exception
    assert metric(at, D.KPI) == "2 av 2"  # Nye mønstre and JegerUng
    early = AppTest.from_file(APP, default_timeout=60)
    early.query_params["snapshot"] = Store(DEMO_DATA).list()[2].snapshot_id
    early.run()
    assert not early.exception and not [m for m in early.metric if m.label == D.KPI]


def test_status_is_shown_as_words_not_colour_alone(data_env):
    data_env(DEMO_DATA)
    table = status_table(run_app())
    words = set(texts.STATUS_LABELS.values())
    for column in ("Samlet status", "Fremdrift", "Økonomi", "Kvalitet", "Risiko"):
        assert set(table[column]) <= words, column


def test_filtering_by_status_narrows_the_table(data_env):
    data_env(DEMO_DATA)
    at = run_app()
    before = len(status_table(at))
    at.multiselect(key="f_status").set_value(["rød"]).run()
    assert not at.exception
    filtered = status_table(at)
    assert 0 < len(filtered) < before
    assert set(filtered["Samlet status"]) == {"Rød"}


def test_a_filter_that_matches_nothing_says_so(data_env):
    data_env(DEMO_DATA)
    at = run_app()
    at.multiselect(key="f_phase").set_value(["Idé"]).run()
    at.multiselect(key="f_status").set_value(["ikke vurdert"]).run()
    assert not at.exception
    if metric(at, texts.OVERVIEW["kpi_initiatives"]) == "0":
        assert any(texts.OVERVIEW["no_match"] == w.value for w in at.warning)


def test_without_data_the_app_explains_what_to_do(data_env, tmp_path):
    data_env(tmp_path / "empty")
    at = run_app()
    assert any("tools.demo_data" in w.value for w in at.warning)


def test_overview_on_large_generated_data(data_env, large_data):
    data_env(large_data)
    at = run_app()
    assert metric(at, texts.OVERVIEW["kpi_initiatives"]) == "3\u00a0000"
    table = status_table(at)
    assert len(table) == 100  # never more rows to the browser than the table shows (ui.TABLE_ROWS)
    assert any("3\u00a0000 tiltak" in c.value for c in at.caption)
    # the share with results in Decidim, counted in SQL over the 3 000
    store = Store(large_data)
    frames = store.read_frames(store.latest().snapshot_id)
    results = frames["decidim_links"][frames["decidim_links"]["entity"] == "results"]
    with_results = results["initiative_id"].nunique()
    assert 0 < with_results < 3000
    assert metric(at, D.KPI) == f"{with_results:,} av 3,000".replace(",", "\u00a0")
    at.multiselect(key="f_status").set_value(["rød"]).run()
    assert not at.exception
    assert set(status_table(at)["Samlet status"]) == {"Rød"}


def test_chart_is_aggregated_described_and_norwegian(data_env, large_data):
    import json

    import pyarrow as pa

    for data in (DEMO_DATA, large_data):
        data_env(data)
        at = run_app()
        charts = [c for c in at.get("vega_lite_chart")
                  if "fasen med flest tiltak" in json.loads(c.proto.spec).get("description", "")]
        assert len(charts) == 1
        spec = json.loads(charts[0].proto.spec)
        assert spec["config"]["locale"]["number"]["thousands"] == "\u00a0"
        assert spec["config"]["locale"]["number"]["decimal"] == ","
        assert "fasen med flest tiltak" in spec["description"]
        # at most one row per phase and status: aggregated in SQL, never raw rows
        rows = sum(pa.ipc.open_stream(d.data.data).read_all().num_rows for d in charts[0].proto.datasets)
        assert 0 < rows <= 6 * 4


def test_a_past_snapshot_from_the_link_is_shown_with_a_banner(data_env):
    data_env(DEMO_DATA)
    metas = Store(DEMO_DATA).list()
    old = metas[1]  # BP1, 18.10.2021
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["snapshot"] = old.snapshot_id
    at.run()
    assert not at.exception
    assert any("18.10.2021" in w.value and "ikke dagens data" in w.value for w in at.warning)
    names = set(status_table(at)["Navn"])
    expected = set(Store(DEMO_DATA).read_frames(old.snapshot_id)["initiatives"]["name"])
    assert names == expected
    # choosing the latest again removes the banner and the parameter
    at.selectbox(key="snapshot_choice").set_value(metas[-1].snapshot_id).run()
    assert not any("ikke dagens data" in w.value for w in at.warning)
    assert "snapshot" not in at.query_params


def test_filters_from_a_shared_link_are_applied_and_kept(data_env):
    data_env(DEMO_DATA)
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["status"] = ["rød", "gul"]
    at.run()
    assert not at.exception
    assert set(status_table(at)["Samlet status"]) == {"Rød", "Gul"}
    assert at.multiselect(key="f_status").value == ["rød", "gul"]
    at.multiselect(key="f_status").set_value(["rød"]).run()
    assert at.query_params["status"] in ("rød", ["rød"])


def test_an_unknown_snapshot_in_the_link_falls_back_to_the_latest(data_env):
    data_env(DEMO_DATA)
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["snapshot"] = "finnes-ikke"
    at.run()
    assert not at.exception
    assert any("finnes-ikke" in e.value for e in at.error)
