-- The status trend (status_trend.sql) with the overview filters in SQL: what
-- portfolio/present/trend.py `filtered_counts` must equal, which counts the
-- same from status_trend_versions.sql in numpy, so that a filter change runs
-- no query (tests/test_filtered_rows.py). Initiatives per overall status in every
-- snapshot up to the one shown ($snapshot_id), the filters applied to each
-- snapshot's own rows, a row for every snapshot and status (0 when none).
-- The same rows as status_trend.sql (tests/test_trend.py checks), read from
-- the initiatives' versions in memory (portfolio/query/resident.py) instead
-- of every snapshot's rows on the lake: each distinct combination of the
-- columns filtered and counted by, with the numbers of the snapshots that
-- hold it, about 5 % as many rows. The filters apply to the versions, then
-- each version counts once in each of its snapshots. The versions are built
-- once per process (and new snapshot) when a filter is first used, so the
-- unfiltered trend, which every first visit asks for, reads the lake.
-- The filter conditions are those of the filtered_initiatives macro.
with snapshots as (
  select snapshot_no, snapshot_id
  from version_snapshots_through($snapshot_id)
),

versions as (
  select status_overall, snapshot_nos
  from initiative_versions_through($snapshot_id) as i
  where (len($filters['areas']) = 0 or list_contains($filters['areas'], i.owner_area))
    and (len($filters['phases']) = 0 or list_contains($filters['phases'], i.phase))
    and (len($filters['focus_areas']) = 0 or list_has_any($filters['focus_areas'], i.focus_areas))
    and (len($filters['target_groups']) = 0 or list_has_any($filters['target_groups'], i.target_groups))
    and (len($filters['statuses']) = 0 or list_contains($filters['statuses'], i.status_overall))
    and (
      len($filters['programmes']) = 0
      or list_contains($filters['programmes'], i.initiative_id)
      or list_contains($filters['programmes'], i.parent_id)
    )
),

counted as (
  select n.snapshot_no, v.status_overall, count(*) as initiative_count
  from versions as v
  cross join unnest(v.snapshot_nos) as n(snapshot_no)
  group by n.snapshot_no, v.status_overall
)

select
  s.snapshot_id,
  strptime(left(s.snapshot_id, 15), '%Y%m%dT%H%M%S')::date as snapshot_date,
  t.status as status_overall,
  t.status_order,
  coalesce(c.initiative_count, 0) as initiative_count
from snapshots as s
cross join statuses() as t
left join counted as c on c.snapshot_no = s.snapshot_no and c.status_overall = t.status
order by s.snapshot_id, t.status_order
