-- Initiatives per overall status in every snapshot up to the one shown
-- (whose file is $initiatives), with the overview filters applied to each
-- snapshot's own rows. Every snapshot has a row for every status (0 when
-- none), so the counts stack without gaps. The filter conditions are those of
-- the filtered_initiatives macro, which reads one file and cannot tell
-- snapshots apart.
with current_snapshot as (
  select regexp_extract($initiatives, 'snapshot=([^/\\]+)', 1) as snapshot_id
),

all_initiatives as (
  select snapshot::varchar as snapshot_id, i.*
  from read_parquet($initiatives_glob, hive_partitioning = true) as i
),

snapshots as (
  select distinct snapshot_id
  from all_initiatives
  where snapshot_id <= (select snapshot_id from current_snapshot)
),

statuses as (
  select unnest(['rød', 'gul', 'grønn', 'ikke vurdert']) as status_overall
),

counted as (
  select snapshot_id, status_overall, count(*) as initiative_count
  from all_initiatives as i
  where snapshot_id <= (select snapshot_id from current_snapshot)
    and (len($filters['areas']) = 0 or list_contains($filters['areas'], i.owner_area))
    and (len($filters['phases']) = 0 or list_contains($filters['phases'], i.phase))
    and (len($filters['focus_areas']) = 0 or list_has_any($filters['focus_areas'], i.focus_areas))
    and (len($filters['target_groups']) = 0 or list_has_any($filters['target_groups'], i.target_groups))
    and (len($filters['statuses']) = 0 or list_contains($filters['statuses'], i.status_overall))
    and (
      len($filters['programmes']) = 0
      or list_contains($filters['programmes'], i.initiative_id)
      or list_contains($filters['programmes'], i.parent_id)
    )
  group by snapshot_id, status_overall
)

select
  s.snapshot_id,
  strptime(left(s.snapshot_id, 15), '%Y%m%dT%H%M%S')::date as snapshot_date,
  t.status_overall,
  list_position(['rød', 'gul', 'grønn', 'ikke vurdert'], t.status_overall) as status_order,
  coalesce(c.initiative_count, 0) as initiative_count
from snapshots as s
cross join statuses as t
left join counted as c using (snapshot_id, status_overall)
order by s.snapshot_id, status_order
