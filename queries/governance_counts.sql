-- The decisions' key figures on «Styring» over the initiatives that pass the
-- filters: how many decisions, the first and the latest date. (The risks'
-- figures come from the risk matrix, the benefits' from the benefit list.)
with initiatives as (
  select initiative_id
  from filtered_initiatives($snapshot_id, $filters)
)

select
  count(*) as decision_count,
  min(d.decided_on) as first_decided_on,
  max(d.decided_on) as latest_decided_on
from decisions_of($snapshot_id) as d
inner join initiatives using (initiative_id)
