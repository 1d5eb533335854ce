-- The rows of milestones that can make a change between two snapshots (the
-- Changes page, portfolio/present/change_read.py), with their snapshot_id:
-- both snapshots' rows of every milestone that has a row without an
-- identical row in the other snapshot, or that is open and due before
-- $today in either (it may be newly overdue though unchanged:
-- portfolio/model/diff.py). $snapshot_id is the later of the two snapshots
-- (milestones_through reads every snapshot up to it), $compare_id the earlier.
with pair as (
  select *
  from milestones_through($snapshot_id)
  where snapshot_id = $snapshot_id or snapshot_id = $compare_id
),

differing as (
  select * exclude (snapshot_id)
  from pair
  group by all
  having count(*) = 1
),

wanted as (
  select milestone_id
  from differing
  union
  select milestone_id
  from pair
  where completed_date is null and due_date < $today
)

select p.*
from pair as p
semi join wanted as w using (milestone_id)
