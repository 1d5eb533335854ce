-- The initiatives' versions up to the snapshot shown (portfolio/query/resident.py),
-- each with the numbers of the snapshots up to that one that hold it (a version
-- only of later snapshots is left out): read once per snapshot, so that a
-- filter change counts the filtered status trend in numpy
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
    v.initiative_id,
    v.parent_id,
    v.owner_area,
    v.phase,
    v.focus_areas,
    v.target_groups,
    v.status_overall,
    list_filter(v.snapshot_nos, n -> n <= s.last_no) as snapshot_nos
  from initiative_versions_through($snapshot_id) as v
  cross join shown as s
)

select *
from versions
where len(snapshot_nos) > 0
