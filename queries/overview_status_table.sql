-- The status table: one row per filtered initiative, most critical first,
-- with the programme's name and the number of overdue milestones.
with initiatives as (
  select *
  from filtered_initiatives($snapshot_id, $filters)
),

names as (
  select initiative_id, name
  from initiatives_of($snapshot_id)
),

overdue as (
  select initiative_id, count(*) as overdue_count
  from milestones_of($snapshot_id)
  where completed_date is null and due_date < $today
  group by initiative_id
)

select
  i.initiative_id,
  i.name,
  p.name as programme_name,
  i.owner_area,
  i.phase,
  i.last_decision_point,
  i.status_overall,
  i.status_schedule,
  i.status_budget,
  i.status_quality,
  i.status_risk,
  i.project_leader,
  i.end_date,
  coalesce(o.overdue_count, 0) as overdue_count,
  count(*) over () as total_count
from initiatives as i
left join names as p on p.initiative_id = i.parent_id
left join overdue as o on o.initiative_id = i.initiative_id
order by
  status_severity_order(i.status_overall),
  coalesce(o.overdue_count, 0) desc,
  i.name,
  i.initiative_id
limit $row_limit
