-- Open milestones of the filtered initiatives due from $today up to and
-- including $today + horizon_days, soonest first, at most row_limit rows, with
-- how many there are.
with initiatives as (
  select initiative_id, name, owner_area, status_overall, project_leader
  from filtered_initiatives($initiatives, $filters)
)

select
  m.milestone_id,
  m.initiative_id,
  i.name as initiative_name,
  i.owner_area,
  i.status_overall,
  i.project_leader,
  m.title,
  m.kind,
  m.decision_point,
  m.due_date,
  date_diff('day', $today, m.due_date) as days_left,
  m.note,
  count(*) over () as total_count
from read_parquet($milestones, hive_partitioning = false) as m
inner join initiatives as i using (initiative_id)
where m.completed_date is null
  and m.due_date >= $today
  and m.due_date <= $today + to_days($horizon_days)
order by m.due_date, i.name, m.title
limit $row_limit
