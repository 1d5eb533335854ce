-- The portfolio timeline: the row_limit most relevant filtered initiatives
-- (most overdue milestones first, then red, yellow, not assessed, green, then
-- the nearest open due date) with their start and end, one row per milestone
-- (an initiative without milestones gets one row without a milestone).
-- bar_end_date is the end date, or for an open end the later of $today and
-- the last due date. total_count is how many initiatives passed the filters.
with initiatives as (
  select initiative_id, name, phase, status_overall, start_date, end_date
  from filtered_initiatives($snapshot_id, $filters)
),

milestones as (
  select
    m.initiative_id,
    m.milestone_id,
    m.title,
    m.kind,
    m.decision_point,
    m.due_date,
    m.completed_date,
    m.completed_date is null and m.due_date < $today as is_overdue
  from milestones_of($snapshot_id) as m
  inner join initiatives as i using (initiative_id)
),

per_initiative as (
  select
    initiative_id,
    count(*) as milestone_count,
    count(*) filter (where is_overdue) as overdue_count,
    min(due_date) filter (where completed_date is null and not is_overdue) as next_due_date,
    max(due_date) as last_due_date
  from milestones
  group by initiative_id
),

ranked as (
  select
    i.*,
    coalesce(p.milestone_count, 0) as milestone_count,
    coalesce(p.overdue_count, 0) as overdue_count,
    p.next_due_date,
    i.end_date is null as is_open_end,
    coalesce(i.end_date, greatest($today, p.last_due_date, i.start_date)) as bar_end_date,
    row_number() over (
      order by
        coalesce(p.overdue_count, 0) desc,
        status_severity_order(i.status_overall),
        p.next_due_date nulls last,
        i.name,
        i.initiative_id
    ) as row_rank,
    count(*) over () as total_count
  from initiatives as i
  left join per_initiative as p using (initiative_id)
  qualify row_rank <= $row_limit
)

select
  r.row_rank,
  r.initiative_id,
  r.name,
  r.phase,
  r.status_overall,
  r.start_date,
  r.end_date,
  r.bar_end_date,
  r.is_open_end,
  r.milestone_count,
  r.overdue_count,
  r.next_due_date,
  r.total_count,
  m.milestone_id,
  m.title,
  m.kind,
  m.decision_point,
  m.due_date,
  m.completed_date,
  m.is_overdue
from ranked as r
left join milestones as m using (initiative_id)
order by r.row_rank, m.due_date, m.title, m.milestone_id
