-- The milestones of one initiative, by due date, with whether each is
-- overdue on $today (open and due before it) and by how many days.
select
  milestone_id,
  title,
  kind,
  decision_point,
  due_date,
  completed_date,
  note,
  completed_date is null and due_date < $today as is_overdue,
  case when completed_date is null and due_date < $today then date_diff('day', due_date, $today) end
    as overdue_days
from milestones_of($snapshot_id)
where initiative_id = $initiative_id
order by due_date, title, milestone_id
