-- The initiatives' versions up to the snapshot shown (portfolio/query/resident.py),
-- one row per run of consecutive snapshots up to that one that hold a version
-- (first_no to last_no; a version changed and changed back is held by two
-- runs, a version only of later snapshots by none; its snapshot numbers are in
-- order, resident.py): read once per snapshot,
-- so that a filter change counts the filtered status trend in numpy
-- (portfolio/present/trend.py `filtered_counts`). The same counts as
-- status_trend_filtered.sql, which applies the filters in SQL
-- (tests/test_filtered_rows.py checks). The snapshots' numbers and ids are
-- status_trend_snapshots.sql.
with shown as (
  select max(snapshot_no) as last_no
  from version_snapshots_through($snapshot_id)
),

versions as (
  select
    v.* exclude (snapshot_nos),
    list_filter(v.snapshot_nos, n -> n <= s.last_no) as nos
  from initiative_versions_through($snapshot_id) as v
  cross join shown as s
),

runs as (
  select
    *,
    list_filter(nos, (n, i) -> i = 1 or nos[i - 1] <> n - 1) as first_nos,
    list_filter(nos, (n, i) -> i = len(nos) or nos[i + 1] <> n + 1) as last_nos
  from versions
)

select
  initiative_id,
  parent_id,
  owner_area,
  phase,
  focus_areas,
  target_groups,
  status_overall,
  unnest(first_nos) as first_no,
  unnest(last_nos) as last_no
from runs
