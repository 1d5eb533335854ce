-- Open milestones of the filtered initiatives: overdue (due before today)
-- and due from today up to and including today + horizon_days.
with initiatives as (
  select initiative_id
  from filtered_initiatives($snapshot_id, $filters)
),

open_milestones as (
  select m.milestone_id, m.due_date
  from milestones_of($snapshot_id) as m
  inner join initiatives as i using (initiative_id)
  where m.completed_date is null
)

select
  count(*) filter (where due_date < $today) as overdue_count,
  count(*) filter (
    where due_date >= $today and due_date <= $today + to_days($horizon_days)
  ) as due_soon_count
from open_milestones
