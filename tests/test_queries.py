"""Every named query runs on the demo data, with values bound as parameters."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from conftest import DEMO_DATA, DEMO_TODAY, budget, initiative, milestone, tables
from portfolio.model import schema
from portfolio.present import collaboration, governance_query
from portfolio.query import orders
from portfolio.query import runner as queries
from portfolio.query.runner import Filters
from portfolio.store.snapshots import Store


def query_params(store: Store, snapshot_id: str, today, **extra) -> dict:
    """Every parameter the named queries know, with neutral defaults: the
    snapshot's id and what the pages pass."""
    params = {
        "snapshot_id": snapshot_id,
        "filters": Filters().as_param(),
        "today": today,
        "year": today.year,
        "horizon_days": 30,
        "row_limit": 500,
        "initiative_id": "",
        "compare_id": None,  # attention_items: no comparison snapshot
        "decision_kind": "beslutningspunkt",
        # the governance queries' stored values and choices («Styring»)
        **{k: v for k, v in governance_query.params(Filters()).items() if k not in ("filters", "initiative_id")},
        "bodies": [], "decision_points": [], "search": "", "decided_from": None, "decided_to": None,
        "decision_point": None, "probability": None, "consequence": None, "include_closed": False,
        # «Samhandling»: the schema's target groups and focus areas, and a cell of a coverage matrix
        **{k: v for k, v in collaboration.params(Filters(), today.year).items() if k not in ("filters", "year")},
        "target_group": "Nye innbyggere",
    }
    params.update(extra)
    return params


@pytest.fixture(scope="module")
def demo():
    store = Store(DEMO_DATA)
    assert store.list(), "the committed demo data is missing: run python -m tools.demo_data --out data"
    return store


@pytest.fixture(scope="module")
def con(demo):
    """A cursor with the shared macros (for the order macros)."""
    return queries.cursor(demo)


def test_there_are_queries_and_each_is_one_file():
    names = queries.names()
    assert {"overview_counts", "overview_budget", "overview_milestones",
            "overview_status_table", "filter_options"} <= set(names)
    for name in names:
        assert (queries.QUERY_DIR / f"{name}.sql").is_file()


@pytest.mark.parametrize("name", queries.names())
def test_every_query_runs_on_every_demo_snapshot(name, demo):
    for meta in demo.list():
        params = query_params(demo, meta.snapshot_id, DEMO_TODAY)
        result = queries.run(demo, name, params)
        assert isinstance(result, pd.DataFrame)


@pytest.mark.parametrize("name", [*queries.names(), "_macros"])
def test_sql_files_bind_values_and_never_format_them(name):
    text = queries.sql(name)
    # no Python formatting or positional placeholders: only named $parameters
    assert not re.search(r"\{[a-z_]*\}|%s|%\(|\?", text), name


def test_a_missing_parameter_is_an_error(demo):
    with pytest.raises(KeyError):
        queries.run(demo, "overview_counts", {"snapshot_id": "x"})


def test_a_value_with_sql_in_it_is_only_a_value(demo):
    meta = demo.latest()
    params = query_params(
        demo, meta.snapshot_id, DEMO_TODAY,
        filters=Filters(areas=("x') or 1=1 --",)).as_param(),
    )
    counts = queries.run(demo, "overview_counts", params)
    assert counts["initiative_count"].sum() == 0


def _write(store, data):
    return store.write(data, author="t", note="t")


def test_filters_and_counts_on_a_hand_built_portfolio(store):
    meta = _write(store, tables(
        [
            initiative("prog", name="Program", owner_area="Kultur", focus_areas=["innbyggerdialog"]),
            initiative("a", parent_id="prog", status_overall="rød", phase="Idé",
                       target_groups=["Frivilligheten"]),
            initiative("b", parent_id="prog", status_overall="gul"),
            initiative("c", owner_area="Kultur", status_overall="grønn"),
        ],
        [budget("a", budget_nok=100, actual_nok=150), budget("b", budget_nok=200, actual_nok=20,
                                                             forecast_nok=250),
         budget("c", year=2025, budget_nok=999, actual_nok=999)],
        [milestone("m1", "a", due_date=DEMO_TODAY.replace(day=1)),
         milestone("m2", "b", due_date=DEMO_TODAY),
         milestone("m3", "c", due_date=DEMO_TODAY.replace(year=DEMO_TODAY.year + 1)),
         milestone("m4", "c", due_date=DEMO_TODAY.replace(day=1), completed_date=DEMO_TODAY)],
    ))

    def run(name, **extra):
        return queries.run(store, name, query_params(store, meta.snapshot_id, DEMO_TODAY, **extra))

    def total(filters):
        counts = run("overview_counts", filters=filters.as_param())
        return int(counts.loc[counts.is_all_phases & counts.is_all_statuses, "initiative_count"].iloc[0])

    assert total(Filters()) == 4
    assert total(Filters(programmes=("prog",))) == 3  # the programme and its two children
    assert total(Filters(areas=("Kultur",))) == 2
    assert total(Filters(statuses=("rød", "gul"))) == 2
    assert total(Filters(focus_areas=("innbyggerdialog",))) == 1
    assert total(Filters(target_groups=("Frivilligheten",))) == 1
    assert total(Filters(phases=("Idé",), statuses=("grønn",))) == 0

    money = run("overview_budget", year=DEMO_TODAY.year).iloc[0]
    assert (money.budget_nok, money.actual_nok, money.forecast_nok) == (300, 170, 400)
    assert money.over_budget_count == 1 and money.forecast_over_budget_count == 2

    ms = run("overview_milestones").iloc[0]
    assert (ms.overdue_count, ms.due_soon_count) == (1, 1)

    rows = run("overview_status_table")
    assert rows["initiative_id"].tolist()[:2] == ["a", "b"]  # most critical first
    assert rows.set_index("initiative_id").loc["a", "programme_name"] == "Program"
    assert rows.set_index("initiative_id").loc["a", "overdue_count"] == 1
    assert run("overview_status_table", row_limit=2)["total_count"].iloc[0] == 4

    options = run("filter_options")
    assert options.loc[options.kind == "programme", "value"].tolist() == ["prog"]
    # the sidebar's choices, made from it once per snapshot
    from portfolio.present import filters
    from portfolio.query.context import SnapshotContext

    choices = filters.build_choices(SnapshotContext(store=store, meta=meta, today=DEMO_TODAY))
    assert choices.areas == ("Kultur", "Oppvekst") and choices.programmes == {"prog": "Program"}


def test_queries_read_the_snapshot_they_are_given(store):
    first = _write(store, tables([initiative("a")]))
    second = store.write(tables([initiative("a"), initiative("b")]), author="t", note="t",
                         base_id=first.snapshot_id)
    counts = {
        meta.snapshot_id: queries.run(store, "overview_counts",
                                      query_params(store, meta.snapshot_id, DEMO_TODAY))
        for meta in (first, second)
    }
    assert counts[first.snapshot_id]["initiative_count"].iloc[-1] == 1
    assert counts[second.snapshot_id]["initiative_count"].iloc[-1] == 2


# -- orders: one source, the schema -----------------------------------------------------------------

ENUMS = {"status": schema.STATUSES, "phase": schema.PHASES, "decision point": schema.DECISION_POINTS}


def _enum_lists(text: str) -> dict[str, list[str]]:
    """The enumerations of which `text` (SQL) spells out two or more values as
    string literals: a list, an IN list, a CASE or any other written-out
    order. Comments do not count."""
    code = "\n".join(line.split("--", 1)[0] for line in text.splitlines())
    literals = {m.replace("''", "'").casefold() for m in re.findall(r"'((?:[^']|'')*)'", code)}
    found = {kind: [v for v in values if v.casefold() in literals] for kind, values in ENUMS.items()}
    return {kind: values for kind, values in found.items() if len(values) >= 2}


def test_the_literal_list_check_finds_lists_and_case_orders():
    assert _enum_lists("list_position(['rød', 'gul', 'grønn', 'ikke vurdert'], s)") == {
        "status": ["grønn", "gul", "rød", "ikke vurdert"]}
    assert "phase" in _enum_lists("case phase when 'Idé' then 1 when 'Konsept' then 2 end")
    assert "decision point" in _enum_lists("where d in ('BP1', 'BP2')")
    assert _enum_lists("where status_overall = 'rød' -- not 'gul', 'grønn'") == {}
    assert _enum_lists(orders.macros_sql()).keys() == ENUMS.keys()  # where the lists live now


@pytest.mark.parametrize("name", [*queries.names(), "_macros"])
def test_no_query_spells_out_an_order(name):
    lists = _enum_lists(queries.sql(name))
    assert not lists, (
        f"queries/{name}.sql spells out {lists}: use status_order(s), status_severity_order(s), "
        "phase_order(p), decision_point_order(d) or statuses()/phases()/decision_points() "
        "(portfolio/query/orders.py, from the schema)"
    )


def test_the_order_macros_follow_the_schema(con):
    assert orders.ORDERS == {
        "status": schema.STATUSES, "status_severity": schema.STATUS_SEVERITY,
        "phase": schema.PHASES, "decision_point": schema.DECISION_POINTS,
    }
    for name, values in orders.ORDERS.items():
        got = [con.execute(f"select {name}_order($v)", {"v": v}).fetchone()[0] for v in values]
        assert got == list(range(1, len(values) + 1)), name
        assert con.execute(f"select {name}_order(null), {name}_order('finnes ikke')").fetchone() == (None, None)
    for table, name in orders.LISTS.items():
        frame = con.execute(f"select * from {table}()").df()
        assert list(frame.columns) == [name, f"{name}_order"]
        assert list(frame.itertuples(index=False, name=None)) == [
            (v, i) for i, v in enumerate(orders.ORDERS[name], start=1)]


def test_severity_is_the_statuses_most_critical_first():
    assert sorted(schema.STATUS_SEVERITY) == sorted(schema.STATUSES)
    assert len(set(schema.STATUS_SEVERITY)) == len(schema.STATUSES)
    assert schema.STATUS_SEVERITY[0] == "rød" and schema.STATUS_SEVERITY[-1] == "grønn"


def test_order_values_are_quoted_as_sql_literals(con):
    tricky = "it's -- not a comment'; drop table x; --"
    assert con.execute(f"select {orders.literal(tricky)}").fetchone()[0] == tricky
    for bad in (None, 1, "a\x00b"):
        with pytest.raises(ValueError):
            orders.literal(bad)


def test_order_columns_are_the_schema_orders(demo):
    params = query_params(demo, demo.latest().snapshot_id, DEMO_TODAY)
    counts = queries.run(demo, "overview_counts", params)
    phases = counts.dropna(subset=["phase"])
    assert (phases["phase_order"] == phases["phase"].map(lambda p: schema.PHASES.index(p) + 1)).all()
    statuses = counts.dropna(subset=["status_overall"])
    assert (statuses["status_order"] == statuses["status_overall"].map(
        lambda s: schema.STATUSES.index(s) + 1)).all()
    trend = queries.run(demo, "status_trend", params)
    for _, rows in trend.groupby("snapshot_id", sort=False):
        assert rows["status_overall"].tolist() == list(schema.STATUSES)
        assert rows["status_order"].tolist() == [1, 2, 3, 4]


def test_lists_ranked_by_status_put_the_most_critical_first(store):
    """The status table, the timeline and related initiatives rank by
    schema.STATUS_SEVERITY: red, yellow, not assessed, green."""
    ranked = ["gronn", "ikke-vurdert", "gul", "rod"]  # names sort the other way
    status = dict(zip(ranked, ["grønn", "ikke vurdert", "gul", "rød"], strict=True))
    meta = _write(store, tables(
        [initiative("prog", name="Program")]
        + [initiative(i, name=f"{n} {i}", parent_id="prog", status_overall=status[i])
           for n, i in enumerate(ranked)],
    ))

    def ids(name, **extra):
        rows = queries.run(store, name, query_params(store, meta.snapshot_id, DEMO_TODAY, **extra))
        return rows, [i for i in rows["initiative_id"].drop_duplicates() if i != "prog"]

    expected = ["rod", "gul", "ikke-vurdert", "gronn"]
    assert ids("overview_status_table")[1] == expected
    assert ids("milestones_timeline")[1] == expected
    related, _ = ids("initiative_related", initiative_id="prog")
    assert related.loc[related.relation == "child", "initiative_id"].tolist() == expected


# -- snapshots: one is a parameter, every one up to it is one scan ----------------------------------

@pytest.mark.parametrize("name", [*queries.names(), "_macros"])
def test_queries_read_snapshots_only_through_the_table_macros(name):
    """No query names a lake table or a file: one snapshot is <table>_of($snapshot_id)
    (or of the comparison, $compare_id: the parameters the runner makes
    resident), every snapshot up to the shown one <table>_through($snapshot_id)."""
    code = "\n".join(line.split("--", 1)[0] for line in queries.sql(name).splitlines())
    assert not re.search(r"read_parquet|\blake\.|resident\.|regexp_|\bglob\s*\(|\bfilename\b|split_part", code, re.I), name
    tables = "|".join(schema.TABLE_NAMES)
    for argument in re.findall(rf"\b(?:{tables})_of\(([^)]*)\)", code):
        assert argument in ("$snapshot_id", "$compare_id", "snapshot"), (name, argument)
    assert {"snapshot_id", "compare_id"} == set(queries.SNAPSHOT_PARAMETERS)
    for argument in re.findall(rf"\b(?:{tables})_through\(([^)]*)\)", code):
        assert argument in ("$snapshot_id", "snapshot"), (name, argument)


def test_the_shown_snapshot_is_a_parameter():
    assert {"snapshot_id"} <= queries.parameters("status_trend")
    assert {"snapshot_id", "initiative_id"} == queries.parameters("initiative_history")


def test_history_and_trend_read_every_snapshot_up_to_the_shown_one(store):
    """Every snapshot up to $snapshot_id, including one without the initiative."""
    first = _write(store, tables([initiative("a"), initiative("b")]))
    second = store.write(tables([initiative("b")]), author="t", note="t", base_id=first.snapshot_id)
    third = store.write(tables([initiative("a", status_overall="rød"), initiative("b")]), author="t",
                        note="t", base_id=second.snapshot_id)
    ids = [first.snapshot_id, second.snapshot_id, third.snapshot_id]

    def run(name, meta, **extra):
        return queries.run(store, name, query_params(store, meta.snapshot_id, DEMO_TODAY, **extra))

    history = run("initiative_history", third, initiative_id="a")
    assert history["snapshot_id"].tolist() == ids
    assert history["is_present"].tolist() == [True, False, True]
    assert history["status_overall"].tolist()[2] == "rød"
    assert run("initiative_history", second, initiative_id="a")["snapshot_id"].tolist() == ids[:2]
    trend = run("status_trend", second)
    assert trend["snapshot_id"].drop_duplicates().tolist() == ids[:2]
    assert trend.groupby("snapshot_id")["initiative_count"].sum().tolist() == [2, 1]


# -- no window that DuckDB computes once per row (issue 20) -----------------------------------------

def _filtered_windows(code: str) -> list[str]:
    """Each `<aggregate> filter (where …) over (…)` in the SQL: an aggregate
    with a FILTER clause as a window function."""
    found = []
    for match in re.finditer(r"\bfilter\s*\(", code):
        depth, end = 1, match.end()
        while depth and end < len(code):
            depth += {"(": 1, ")": -1}.get(code[end], 0)
            end += 1
        if re.match(r"\s*over\b", code[end:]):
            found.append(code[match.start():end + 10])
    return found


def test_the_window_check_finds_filtered_windows_only():
    assert _filtered_windows("count(*) filter (where f(x) = 'a') over () as n")
    assert not _filtered_windows("count(*) filter (where f(x) = 'a') as n,\n  count(*) over () as total")


@pytest.mark.parametrize("name", queries.names())
def test_no_query_has_a_filtered_aggregate_as_a_window(name):
    """DuckDB 1.5 evaluates `count(*) filter (where …) over ()` frame by frame,
    once per row: quadratic in the rows. «Trenger oppmerksomhet» counted its
    items per kind that way and took 16 of its 17 s at 100 000 initiatives
    (0.3 s once the counts were one aggregate row joined to the rows sent).
    Count in an aggregate, or `sum(…) over ()`."""
    code = "\n".join(line.split("--", 1)[0] for line in queries.sql(name).splitlines())
    assert not _filtered_windows(code), name
