-- Overdue milestones of the filtered initiatives: open and due before $today,
-- the longest overdue first, at most row_limit rows, with how many there are.
select
  *,
  date_diff('day', due_date, $today) as overdue_days,
  count(*) over () as total_count
from open_milestones($snapshot_id, $filters)
where due_date < $today
order by due_date, initiative_name, title, milestone_id
limit $row_limit
