-- Initiatives per overall status in every snapshot up to the one shown
-- ($snapshot_id), with the overview filters applied to each snapshot's own
-- rows. Every snapshot has a row for every status (0 when none), so the
-- counts stack without gaps; status_order is the schema's order of statuses.
-- The filter conditions are those of the filtered_initiatives macro, which
-- reads one snapshot and cannot tell snapshots apart.
with all_initiatives as (
  select *
  from initiatives_through($snapshot_id)
),

snapshots as (
  select distinct snapshot_id
  from all_initiatives
),

counted as (
  select snapshot_id, status_overall, count(*) as initiative_count
  from all_initiatives as i
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
  group by snapshot_id, status_overall
)

select
  s.snapshot_id,
  strptime(left(s.snapshot_id, 15), '%Y%m%dT%H%M%S')::date as snapshot_date,
  t.status as status_overall,
  t.status_order,
  coalesce(c.initiative_count, 0) as initiative_count
from snapshots as s
cross join statuses() as t
left join counted as c on c.snapshot_id = s.snapshot_id and c.status_overall = t.status
order by s.snapshot_id, t.status_order
