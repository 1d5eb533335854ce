-- The risk matrix: every cell of probability × consequence ($scale_low to
-- $scale_high each) with its score (their product) and how many open risks
-- (status not $closed_status) of the initiatives that pass the filters (and,
-- when $initiative_id is not null, of that initiative only) lie in it.
-- Highest probability first, then consequence from low to high.
with initiatives as (
  select initiative_id
  from filtered_initiatives($snapshot_id, $filters)
  where $initiative_id::varchar is null or initiative_id = $initiative_id::varchar
),

open_risks as (
  select r.probability, r.consequence
  from risks_of($snapshot_id) as r
  inner join initiatives using (initiative_id)
  where r.status <> $closed_status
),

steps as (
  select unnest(generate_series($scale_low, $scale_high)) as step
),

cells as (
  select p.step as probability, c.step as consequence
  from steps as p
  cross join steps as c
)

select
  c.probability,
  c.consequence,
  c.probability * c.consequence as score,
  count(r.probability) as risk_count
from cells as c
left join open_risks as r using (probability, consequence)
group by c.probability, c.consequence
order by c.probability desc, c.consequence
