"""The Changes page's comparison narrowed in SQL (portfolio/present/change_read.py,
queries/changes_*.sql) finds exactly the changes of the whole snapshots: the
same `diff.compare` on the rows that can make a change gives the same list
as on both snapshots read whole, and `changes.build` the same table, on the
demo data, on a pair built to need the rows equal in both that a rule looks
up, and on the large generated data (a pair far apart, the newer one first,
a threshold)."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from collaboration_rows import score, survey
from conftest import DEMO_DATA, DEMO_TODAY
from portfolio.model import diff, schema
from portfolio.present import change_read, changes
from portfolio.store.snapshots import Store

THRESHOLD = 50_000
DEMO = Store(DEMO_DATA)
DEMO_METAS = DEMO.list()


def assert_same(store: Store, old_id: str, new_id: str, today: dt.date, threshold: int = 0) -> pd.DataFrame:
    """The page's table of changes (every field of every diff.Change, and the
    names beside them) is the same narrowed as whole; returns it."""
    expected = changes.build(store, old_id, new_id, today, threshold, whole=True)
    found = changes.build(store, old_id, new_id, today, threshold)
    pd.testing.assert_frame_equal(found, expected)
    assert found.attrs == expected.attrs
    return found


def test_the_engine_gives_the_same_list_narrowed_and_whole():
    old_meta, new_meta = DEMO_METAS[-2], DEMO_METAS[-1]

    def compare(pair: change_read.Pair) -> list[diff.Change]:
        return diff.compare(pair.old, pair.new, today=DEMO_TODAY, old_today=old_meta.created.date())

    whole = compare(change_read.whole(DEMO, old_meta, new_meta))
    assert whole and compare(change_read.narrowed(DEMO, old_meta, new_meta, DEMO_TODAY)) == whole


# -- the demo data --------------------------------------------------------------------------

DEMO_CASES = [  # (old, new, threshold) by position in the demo's snapshots
    (-2, -1, 0), (-2, -1, THRESHOLD),  # the last two
    (-5, -4, 0),  # an earlier step
    (0, -1, 0),  # far apart
    (-1, 0, THRESHOLD), (-1, -2, 0),  # the newer one first (python -m portfolio diff allows it)
]


@pytest.mark.parametrize(("old", "new", "threshold"), DEMO_CASES)
def test_the_narrowed_comparison_equals_the_whole_one_on_the_demo_data(old, new, threshold):
    found = assert_same(DEMO, DEMO_METAS[old].snapshot_id, DEMO_METAS[new].snapshot_id, DEMO_TODAY, threshold)
    assert len(found)


def test_a_snapshot_compared_with_itself_has_only_what_the_dates_make():
    latest = DEMO_METAS[-1].snapshot_id
    assert_same(DEMO, latest, latest, DEMO_TODAY)


# -- rows equal in both that a rule needs ---------------------------------------------------

OLD_AT = dt.datetime(2026, 12, 1, 12, tzinfo=dt.UTC)
NEW_AT = dt.datetime(2026, 12, 8, 12, tzinfo=dt.UTC)
TODAY = dt.date(2026, 12, 20)


@pytest.fixture(scope="module")
def context_pair(tmp_path_factory):
    """The demo's latest snapshot, then the same with only: a measurement of
    a benefit that is not changed, a survey in the series of one that is not
    changed (its scores move), a Decidim result's progress (its link is not
    changed) and a new link to a Decidim result that is not changed. Open
    milestones not changed fall due between the two dates."""
    base = DEMO.read_frames(DEMO_METAS[-1].snapshot_id)
    new = {name: frame.copy() for name, frame in base.items()}

    def add(name: str, rows: list[dict]) -> None:
        columns = schema.TABLES[name].column_names
        new[name] = pd.concat([new[name], pd.DataFrame([{c: r.get(c) for c in columns} for r in rows])],
                              ignore_index=True)

    add("benefit_measurements", [dict(benefit_id="skk-gevinst-ressurser", measured_on=dt.date(2026, 12, 5),
                                      value=4.1, comment=None)])
    add("collaboration_surveys", [survey("skk-rk-ledere-2026", "samhandlingskommunen", respondent_group="ledere",
                                         conducted_on=dt.date(2026, 12, 2), respondents=40,
                                         instrument="Relasjonell koordinering (Gittell)")])
    add("collaboration_scores", [score("skk-rk-ledere-2026", "Hyppig kommunikasjon", 3.9, 40),
                                 score("skk-rk-ledere-2026", "Tidsriktig kommunikasjon", 2.1, 39)])
    results = new["decidim_results"]
    results.loc[results["decidim_id"] == 102, "progress"] = 90.0
    add("decidim_links", [dict(entity="results", decidim_id=101, initiative_id="samhandlingskommunen")])
    store = Store(tmp_path_factory.mktemp("context") / "data")
    first = store.write(base, author="t", note="før", created_at=OLD_AT)
    second = store.write(new, author="t", note="etter", base_id=first.snapshot_id, created_at=NEW_AT)
    return store, first, second


def test_rows_equal_in_both_that_a_change_needs_are_read(context_pair):
    store, first, second = context_pair
    found = assert_same(store, first.snapshot_id, second.snapshot_id, TODAY)
    kinds = set(found["kind"])
    assert {"milestone_newly_overdue", "benefit_measured", "collaboration_score_moved", "decidim_result_progress",
            "decidim_link_added", "survey_added"} <= kinds
    by_kind = {row.kind: row for row in found.itertuples()}
    # each found what it needs in rows not changed
    assert dict(by_kind["benefit_measured"].facts)["title"]
    assert dict(by_kind["collaboration_score_moved"].facts)["previous_survey_id"] == "skk-rk-ledere-2025"
    assert by_kind["decidim_result_progress"].initiative_id == "prosjekt-decidim"
    assert dict(by_kind["decidim_link_added"].facts)["title"]
    overdue = set(found.loc[found["kind"] == "milestone_newly_overdue", "milestone_id"])
    assert {"skk-dialogverksted-sammenhengende-tjenester", "decidim-oppgradering", "skk-arsrapport-2026"} <= overdue
    assert "barn-helse-rutine-overgang" not in overdue  # overdue already on the old snapshot's date


def test_only_the_rows_that_can_make_a_change_are_read(context_pair):
    store, first, second = context_pair
    pair = change_read.narrowed(store, first, second, TODAY)
    whole = change_read.whole(store, first, second)
    assert len(pair.old["initiatives"]) == len(pair.new["initiatives"]) == 0
    assert len(pair.old["budgets"]) == len(pair.new["budgets"]) == 0
    assert len(pair.new["benefits"]) == 1  # the measured benefit, for its title
    assert set(pair.new["decidim_results"]["decidim_id"]) == {101, 102}
    for name in schema.TABLE_NAMES:
        assert len(pair.new[name]) <= len(whole.new[name]), name
    old_names, new_names = pair.initiatives(["prosjekt-decidim", "samhandlingskommunen", ""])
    assert sorted(new_names["initiative_id"]) == ["prosjekt-decidim", "samhandlingskommunen"]
    assert list(new_names.columns) == change_read.NAME_COLUMNS and len(old_names) == 2


# -- the large generated data -----------------------------------------------------------------

def test_the_narrowed_comparison_equals_the_whole_one_on_large_data(large_data):
    store = Store(large_data)
    metas = store.list()
    today = dt.date(2026, 12, 3)
    pairs = [(metas[-2], metas[-1], 0), (metas[0], metas[-1], 0), (metas[-1], metas[0], THRESHOLD),
             (metas[-2], metas[-1], THRESHOLD)]
    for old, new, threshold in pairs:
        assert len(assert_same(store, old.snapshot_id, new.snapshot_id, today, threshold))
    pair = change_read.narrowed(store, metas[-2], metas[-1], today)
    total = sum(metas[-1].row_counts.values())
    assert sum(len(f) for f in pair.new.values()) < total / 2  # narrowed, not everything
