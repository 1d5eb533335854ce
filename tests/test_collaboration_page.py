"""«Samhandling» (the collaboration page) and the public page's «Hva gjør
kommunen for meg?»: the coverage matrices and their gaps, the network (its
aggregation, top-N cut and deterministic layout) on hand-built snapshots in a
real store; the page through AppTest on the demo data and once on the large
generated data; the public citizen view on the demo data and on sentinel
data (nothing internal reaches it)."""

from __future__ import annotations

import datetime as dt
import json

import pandas as pd
import pyarrow as pa
import pytest
from streamlit.testing.v1 import AppTest

from conftest import DEMO_DATA, DEMO_TODAY, ROOT, budget, initiative, open_app_page, tables
from portfolio.present import collaboration, public_groups
from portfolio.present import collaboration_charts as ccharts
from portfolio.present import collaboration_network as network
from portfolio.present.governance_charts import contrast_ratio
from portfolio.query.context import SnapshotContext
from portfolio.query.runner import Filters
from portfolio.store import public
from portfolio.store.snapshots import Store
from portfolio.texts import collaboration as T
from portfolio.texts import public as P

PAGE = "views/collaboration.py"
D = dt.date
FAMILIES, NEW, VOLUNTEERS = "Familier med sammensatte problemer", "Nye innbyggere", "Frivilligheten"


# -- hand-built data ------------------------------------------------------------------------------

def collaboration_tables() -> dict:
    """A programme (Kultur, with JAA) and its initiatives a (Oppvekst with
    Helse and Jegersberg gård; families and new citizens in the services) and
    b (Helse with Oppvekst, Kultur and JAA; new citizens in the services and
    the dialogue); c (Teknisk, no target group, no programme); «old», ended
    in June 2025 (volunteers in the dialogue)."""
    everyone = dict(target_groups=[FAMILIES, NEW, VOLUNTEERS], focus_areas=["tjenestene", "innbyggerdialog"])
    return tables(
        [initiative("prog", name="Programmet", owner_area="Kultur", partners=["JAA"], **everyone),
         initiative("a", name="Alfa", parent_id="prog", owner_area="Oppvekst", collaborating_areas=["Helse"],
                    partners=["Jegersberg gård"], focus_areas=["tjenestene"], target_groups=[FAMILIES, NEW]),
         initiative("b", name="Beta", parent_id="prog", owner_area="Helse", collaborating_areas=["Oppvekst", "Kultur"],
                    partners=["JAA"], focus_areas=["tjenestene", "innbyggerdialog"], target_groups=[NEW],
                    status_overall="rød"),
         initiative("c", name="Gamma", owner_area="Teknisk", focus_areas=["organisasjonen"], target_groups=[]),
         initiative("old", name="Gammel", owner_area="Oppvekst", focus_areas=["innbyggerdialog"],
                    target_groups=[VOLUNTEERS], end_date=D(2025, 6, 30))],
        [budget("prog", budget_nok=300_000), budget("a", budget_nok=100_000),
         budget("b", budget_nok=200_000), budget("b", funding_source="Tilskudd", budget_nok=50_000),
         budget("c", budget_nok=50_000), budget("a", 2025, budget_nok=90_000), budget("old", 2025, budget_nok=70_000)],
    )


@pytest.fixture()
def ctx(store) -> SnapshotContext:
    store.write(collaboration_tables(), author="t", note="t", base_id=None,
                created_at=dt.datetime(2026, 11, 16, 12, tzinfo=dt.UTC))
    return SnapshotContext(store=store, meta=store.latest(), today=DEMO_TODAY)


def cell(frame: pd.DataFrame, group: str, column: str) -> str:
    return frame.set_index(T.AXIS_GROUP).loc[group, column]


# -- the coverage ---------------------------------------------------------------------------------

def test_coverage_counts_active_initiatives_and_their_budget_without_programmes(ctx):
    view = collaboration.coverage_view(ctx, Filters(), 2026)
    assert view.active_count == 3  # a, b and c: the programme is not counted, «old» ended in 2025
    assert view.without_group == "1 aktivt tiltak har ingen innbyggergruppe og står ikke i matrisen."
    table = view.groups.table
    assert cell(table, NEW, "Tjenestene") == "2 tiltak · 350\u00a0000\u00a0kr"  # a and b (two funding rows)
    assert cell(table, NEW, "Innbyggerdialogen") == "1 tiltak · 250\u00a0000\u00a0kr"
    assert cell(table, FAMILIES, "Tjenestene") == "1 tiltak · 100\u00a0000\u00a0kr"
    assert cell(table, VOLUNTEERS, "Innbyggerdialogen") == T.TABLE_GAP
    assert (view.groups.gap_count, view.groups.cell_count) == (12, 15)
    assert view.groups.takeaway.startswith("12 av 15 kombinasjoner")
    # in 2025 «old» was active (volunteers in the dialogue), and the budget is that year's
    earlier = collaboration.coverage_view(ctx, Filters(), 2025)
    assert cell(earlier.groups.table, VOLUNTEERS, "Innbyggerdialogen") == "1 tiltak · 70\u00a0000\u00a0kr"
    assert cell(earlier.groups.table, NEW, "Tjenestene") == "2 tiltak · 90\u00a0000\u00a0kr"


def test_one_sentence_per_gap_in_words(ctx):
    groups = collaboration.coverage_view(ctx, Filters(), 2026).groups
    assert "Ingen aktive tiltak for Frivilligheten i innsatsområdet innbyggerdialogen." in groups.gaps
    assert "Ingen aktive tiltak for Nye innbyggere i innsatsområdet organisasjonen." in groups.gaps
    assert len(groups.gaps) == groups.gap_count == 12
    # the cells with initiatives, most first, for the picker
    assert list(groups.cells) == ["4-tjenestene", "1-tjenestene", "4-innbyggerdialog"]
    assert groups.cells["4-tjenestene"] == "Nye innbyggere · Tjenestene (2 tiltak)"


def test_the_area_matrix_counts_owners_and_collaborators_and_caps_the_areas(ctx):
    areas = collaboration.coverage_view(ctx, Filters(), 2026).areas
    assert areas.table[T.AXIS_AREA].tolist() == ["Helse", "Oppvekst", "Kultur", "Teknisk"]  # most active first
    row = areas.table.set_index(T.AXIS_AREA)
    assert row.loc["Helse", NEW] == "2 tiltak · 350\u00a0000\u00a0kr"  # owns b, collaborates on a
    assert row.loc["Kultur", NEW] == "1 tiltak · 250\u00a0000\u00a0kr"  # b only: the programme is not counted
    assert row.loc["Teknisk", T.COL_AREA_ACTIVE] == "1" and row.loc["Teknisk", NEW] == T.TABLE_GAP
    assert "Ingen aktive tiltak i Teknisk for Nye innbyggere." in areas.gaps
    assert (areas.shown, areas.count) == (4, 4)
    rows = ctx.query("collaboration_areas_by_group", **collaboration.params(Filters(), 2026, row_limit=2))
    capped = collaboration.areas_coverage(rows, 2026)
    assert (capped.shown, capped.count) == (2, 4)


def test_the_filters_and_the_year_apply(ctx):
    only = collaboration.coverage_view(ctx, Filters(areas=("Oppvekst",)), 2026)
    assert only.active_count == 1  # a (owned by Oppvekst); b is Helse's
    assert cell(only.groups.table, NEW, "Tjenestene") == "1 tiltak · 100\u00a0000\u00a0kr"
    assert collaboration.year_options(ctx, Filters()) == [2025, 2026]


def test_a_cell_lists_its_initiatives_with_links(ctx):
    listed = collaboration.cell_initiatives(ctx, Filters(), 2026, collaboration.MATRIX_GROUPS, "4-tjenestene")
    assert listed.total == 2
    assert listed.rows[T.COL_INITIATIVE].tolist() == ["Beta", "Alfa"]  # largest budget first
    assert listed.rows[T.COL_LINK].tolist() == ["initiative?initiative=b", "initiative?initiative=a"]
    assert listed.rows[T.COL_STATUS].tolist() == ["Rød", "Grønn"]
    assert listed.rows[T.COL_COLLABORATING].tolist() == ["Oppvekst, Kultur", "Helse"]
    by_area = collaboration.cell_initiatives(ctx, Filters(), 2026, collaboration.MATRIX_AREAS, "4-Kultur")
    assert by_area.rows[T.COL_INITIATIVE].tolist() == ["Beta"]


def test_levels_name_ranges_of_counts():
    assert collaboration.levels(0) == []
    assert collaboration.levels(1) == [(1, 1)]
    assert collaboration.levels(4) == [(1, 2), (3, 4)]
    assert collaboration.levels(10) == [(1, 4), (5, 8), (9, 10)]
    assert collaboration.level_of(0, [(1, 2)]) == T.LEVEL_GAP
    assert collaboration.level_of(3, [(1, 2), (3, 4)]) == "3–4 tiltak"
    assert collaboration.group_axis("Innbyggere med fysiske og psykiske utfordringer") == \
        "Innbyggere med fysiske|og psykiske|utfordringer"


def test_the_colours_have_readable_text_and_enough_contrast():
    for fill in (ccharts.GAP_FILL, *ccharts.LEVEL_FILLS):
        assert contrast_ratio(ccharts.CELL_TEXT, fill) >= 4.5, fill
    for fill in (*ccharts.PROGRAMME_COLOURS, ccharts.OTHER_PROGRAMMES_FILL, ccharts.EDGE_COLOUR):
        assert contrast_ratio(fill, "#ffffff") >= 3, fill
    assert len(set(ccharts.PROGRAMME_COLOURS)) == len(ccharts.PROGRAMME_COLOURS)


# -- the network ----------------------------------------------------------------------------------

def network_rows(ctx, year=2026) -> tuple[pd.DataFrame, pd.DataFrame]:
    params = collaboration.params(Filters(), year)
    return ctx.query("collaboration_nodes", **params), ctx.query("collaboration_links", **params)


def test_the_network_joins_areas_and_partners_that_share_initiatives(ctx):
    found = collaboration.network_view(ctx, Filters(), 2026)
    pairs = {(r[T.COL_FROM], r[T.COL_TO]): r[T.COL_SHARED] for _, r in found.pairs.iterrows()}
    assert pairs == {("Helse", "Oppvekst"): 2, ("Kultur", "JAA"): 2, ("Helse", "Jegersberg gård"): 1,
                     ("Oppvekst", "Jegersberg gård"): 1, ("Helse", "Kultur"): 1, ("Kultur", "Oppvekst"): 1,
                     ("Helse", "JAA"): 1, ("Oppvekst", "JAA"): 1}  # the programme counts: Kultur with JAA
    assert found.pairs[T.COL_SHARED].tolist()[:2] == [2, 2]  # most shared first
    assert (found.area_count, found.linked_area_count, found.partner_count) == (4, 3, 2)  # Teknisk shares nothing
    assert found.takeaway == ("5 kommunalområder og partnere har felles tiltak i 2026. Flest felles tiltak: "
                              "Helse og Oppvekst (2).")
    assert found.left_out is None and found.pair_count == 8
    nodes = found.nodes.set_index(T.COL_NODE)
    assert nodes.loc["Helse", T.COL_NODE_SHARED] == 5 and nodes.loc["Teknisk", T.COL_NODE_SHARED] == 0
    assert nodes.loc["Helse", T.COL_PROGRAMMES] == "Programmet"
    assert nodes.loc["Teknisk", T.COL_PROGRAMMES] == T.NO_PROGRAMME
    spec = found.chart
    assert spec["description"] == fmt_plain(found.takeaway)
    legend = next(layer["encoding"]["fill"]["scale"]["domain"] for layer in spec["layer"]
                  if "fill" in layer.get("encoding", {}))
    assert legend == ["Programmet", T.NO_PROGRAMME]


def fmt_plain(text) -> str:
    from portfolio import fmt

    return fmt.plain(text)


def test_the_same_data_gives_the_same_picture(ctx):
    nodes, links = network_rows(ctx)
    first = network.build(nodes, links, 2026)
    again = network.build(nodes.copy(), links.copy(), 2026)
    shuffled = network.build(nodes.sample(frac=1, random_state=3), links.iloc[::-1], 2026)
    assert first.positions == again.positions == shuffled.positions
    assert first.chart == shuffled.chart
    pd.testing.assert_frame_equal(first.pairs, shuffled.pairs)
    # kommunalområder on the left, partners on the right, by name from the top, one label per line
    by_name = {name: (kind, x, y) for kind, name, x, y in first.positions}
    assert all((x < 0) == (kind == network.AREA) for kind, x, _ in by_name.values())
    left = [name for name, (kind, _, _) in sorted(by_name.items(), key=lambda kv: -kv[1][2]) if kind == network.AREA]
    assert left == ["Helse", "Kultur", "Oppvekst", "Teknisk"]
    assert all(-1 <= x <= 1 and -1 <= y <= 1 for _, x, y in by_name.values())


def test_only_the_areas_and_partners_that_share_most_are_drawn_and_the_rest_is_said(ctx):
    nodes, links = network_rows(ctx)
    cut = network.build(nodes, links, 2026, area_limit=2, partner_limit=1)
    assert sorted(name for _, name, _, _ in cut.positions) == ["Helse", "JAA", "Oppvekst"]
    assert cut.left_out == ("2 kommunalområder med færre felles tiltak er ikke vist. "
                            "1 partner med færre felles tiltak er ikke vist. " + T.NETWORK_LEFT_OUT_HINT)
    assert len(cut.pairs) == 3 and cut.pair_count == 8  # the table has the chart's pairs; the download all
    assert len(collaboration.pair_export(ctx, Filters(), 2026)) == 8
    assert network.left_out_sentence(0, 3) == "3 partnere med færre felles tiltak er ikke vist. " + \
        T.NETWORK_LEFT_OUT_HINT
    assert network.names_text(["A", "B", "C"], 5) == "5 programmer, blant dem A"
    assert network.names_text(["A", "B"], 2, outside=1) == "A og B; 1 tiltak utenfor programmer"


def test_without_shared_initiatives_there_is_no_network_chart(store):
    store.write(tables([initiative("solo", owner_area="Teknisk")]), author="t", note="t")
    ctx = SnapshotContext(store=store, meta=store.latest(), today=DEMO_TODAY)
    found = collaboration.network_view(ctx, Filters(), 2026)
    assert found.chart is None and found.pairs.empty and found.takeaway == T.NETWORK_TAKEAWAY_NONE.format(year=2026)


# -- the page through AppTest ------------------------------------------------------------------------

def texts_on(at: AppTest) -> str:
    return "\n".join([m.value for m in at.markdown] + [c.value for c in at.caption])


def frame_with(at: AppTest, column: str) -> pd.DataFrame:
    return next(d.value for d in at.dataframe if column in d.value.columns)


def test_the_page_on_the_demo_data(data_env):
    from altair.utils.schemapi import validate_jsonschema
    from altair.vegalite.v6.schema.core import load_schema

    data_env(DEMO_DATA)
    at = open_app_page(PAGE)
    assert [t.value for t in at.title] == [T.TITLE]
    assert [h.value for h in at.header][:5] == [T.GROUPS_HEADING, T.AREAS_HEADING, T.NETWORK_HEADING,
                                                T.ENGAGEMENTS_HEADING, T.SCORES_HEADING]
    metrics = {m.label: m.value for m in at.metric}
    assert metrics == {"Aktive tiltak 2026": "7", T.KPI_GAPS: "6 av 15", T.KPI_AREAS: "4 av 4", T.KPI_PARTNERS: "2"}
    shown = texts_on(at)
    assert "- Ingen aktive tiltak for Private småbedrifter og gründere i innsatsområdet innbyggerdialogen." in shown
    assert "Ingen aktive tiltak i Oppvekst for Nye innbyggere." in shown
    # five charts (the matrices, the network, the engagements' timeline, a unit's scores), each valid,
    # described on the page, in Norwegian formats, beside a table
    specs = [json.loads(c.proto.spec) for c in at.get("vega_lite_chart")]
    assert len(specs) == 5 and len(at.table) == 5  # the matrices, the year per quarter twice, the scores
    schema_ = load_schema()
    for spec in specs:
        validate_jsonschema(spec, schema_, rootschema=schema_, raise_error=True)
        assert spec["description"] and spec["description"] in shown
        assert spec["config"]["locale"]["number"]["thousands"] == "\u00a0"
    groups = at.table[0].value
    assert list(groups.columns) == [T.AXIS_GROUP, "Innbyggerdialogen", "Tjenestene", "Organisasjonen"]
    # the pairs, most shared first; the first cell's initiatives, with links
    pairs = frame_with(at, T.COL_SHARED)
    assert pairs.iloc[0][[T.COL_FROM, T.COL_TO, T.COL_SHARED]].tolist() == ["Helse og mestring", "Oppvekst", 4]
    listed = frame_with(at, T.COL_LINK)
    assert len(listed) == 4 and listed[T.COL_LINK].str.startswith("initiative?initiative=").all()
    # another cell, chosen: its initiatives, and the choice in the URL
    at.selectbox(key=collaboration.GROUP_CELL_KEY).set_value("3-tjenestene").run()
    assert not at.exception
    assert frame_with(at, T.COL_LINK)[T.COL_INITIATIVE].tolist() == ["Flere i arbeid"]
    assert at.query_params[collaboration.URL_GROUP_CELL] in ("3-tjenestene", ["3-tjenestene"])
    # another year: everything counted for it
    at.selectbox(key=collaboration.YEAR_KEY).set_value(2021).run()
    assert not at.exception
    assert any(m.label == "Aktive tiltak 2021" for m in at.metric)
    assert at.query_params[collaboration.URL_YEAR] in ("2021", ["2021"])


def test_the_page_follows_the_filters_and_the_shown_snapshot(data_env):
    data_env(DEMO_DATA)
    at = open_app_page(PAGE, area="Oppvekst")
    assert {m.label: m.value for m in at.metric}["Aktive tiltak 2026"] == "2"  # JegerUng, Nye mønstre
    store = Store(DEMO_DATA)
    at = open_app_page(PAGE, snapshot=store.list()[3].snapshot_id)  # 07.11.2022: that year, as it was then
    assert any("ikke dagens data" in w.value for w in at.warning)
    assert any(m.label == "Aktive tiltak 2022" for m in at.metric)
    at = open_app_page(PAGE, phase="Idé")  # nothing in the demo is in that phase
    assert T.NO_ACTIVE.format(year=2026) in [w.value for w in at.warning] and not at.get("vega_lite_chart")


def test_the_page_on_large_data_stays_readable(large_data, data_env):
    data_env(large_data)
    at = open_app_page(PAGE)
    shown = texts_on(at)
    assert T.AREAS_CAPPED.split("{")[0] in shown  # «Viser de 15 kommunalområdene …»
    assert T.NETWORK_LEFT_OUT_HINT in shown  # the network says what it leaves out
    chart = next(c for c in at.get("vega_lite_chart") if json.loads(c.proto.spec)["title"] == T.NETWORK_CHART_TITLE)
    datasets = [pa.ipc.open_stream(d.data.data).read_all() for d in chart.proto.datasets]
    nodes = next(d.num_rows for d in datasets if "kind_label" in d.column_names)
    assert nodes <= network.AREA_LIMIT + network.PARTNER_LIMIT
    assert len(frame_with(at, T.COL_LINK)) == collaboration.ROW_LIMIT  # a cell's list is capped


# -- the public citizen view: «Hva gjør kommunen for meg?» --------------------------------------------

def test_the_group_view_lists_public_initiatives_by_focus_area():
    data = public.latest_data(DEMO_DATA)
    found = public_groups.group_view(data, NEW)
    assert found.intro == "Kommunen har 3 tiltak for nye innbyggere på denne siden."
    assert [a.focus_area for a in found.areas] == ["innbyggerdialog", "tjenestene"]
    assert found.areas[0].heading == "Dialog med innbyggerne (2 tiltak)"
    assert found.areas[1].items == ["**Flere i arbeid** (i gang): Flere i arbeid skal hjelpe flere innbyggere ut i jobb."]
    assert found.without == ["Ingen av tiltakene handler om en bedre organisasjon."]
    assert not any("Samhandlingskommunen" in line for a in found.areas for line in a.items)  # the programme
    assert public_groups.first_sentence("Én. To.") == "Én."
    with pytest.raises(ValueError):
        public_groups.group_view(data, "Alle")


def test_the_public_page_shows_the_chosen_group(data_env):
    data_env(DEMO_DATA)
    at = AppTest.from_file(str(ROOT / "public.py"), default_timeout=120)
    at.query_params["gruppe"] = VOLUNTEERS
    at.run()
    assert not at.exception
    assert P.GROUPS_HEADING in [h.value for h in at.header]
    assert [s.value for s in at.subheader][1:] == ["Dialog med innbyggerne (1 tiltak)", P.GROUP_ENGAGEMENTS_HEADING]
    assert any(m.value.startswith("- **Prosjekt Decidim** (i gang): ") for m in at.markdown)
    at.selectbox(key="gruppe").set_value(None).run()  # no group: nothing listed
    assert [s.value for s in at.subheader][1:] == []


@pytest.fixture()
def sentinel_root(tmp_path):
    from test_public import sentinel_tables

    root = tmp_path / "data"
    Store(root).write(sentinel_tables(), author="t", note="t")
    return root


def test_no_internal_value_reaches_the_group_view(sentinel_root, data_env):
    """Every group on the public page, on data with a sentinel in every
    internal column and every row that is not public."""
    from test_public import PUBLIC_ENGAGEMENT, PUBLIC_NAME, PUBLIC_PLACE, all_text, leaks

    data_env(sentinel_root)
    public._snapshot_data.cache_clear()
    seen = ""
    for group in public_groups.GROUPS:
        at = AppTest.from_file(str(ROOT / "public.py"), default_timeout=120)
        at.query_params["gruppe"] = group
        at.run()
        assert not at.exception, [e.message for e in at.exception]
        text = all_text(at)
        assert leaks(text) == [], (group, leaks(text))
        seen += text
    assert f"**{PUBLIC_NAME}** (i gang)" in seen  # the checks look where the group's initiatives are
    assert f"**{PUBLIC_ENGAGEMENT}**" in seen and PUBLIC_PLACE in seen  # and where its public meetings are
