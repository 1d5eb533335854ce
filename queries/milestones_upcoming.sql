-- Open milestones of the filtered initiatives due from $today up to and
-- including $today + horizon_days, soonest first, at most row_limit rows, with
-- how many there are.
select
  *,
  date_diff('day', $today, due_date) as days_left,
  count(*) over () as total_count
from open_milestones($snapshot_id, $filters)
where due_date >= $today
  and due_date <= $today + to_days($horizon_days)
order by due_date, initiative_name, title, milestone_id
limit $row_limit
