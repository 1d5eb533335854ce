-- «Samhandling»: the engagements of the initiatives that pass the filters in
-- $year, per quarter (1–4) and kind ($kind_list: the schema's kinds in its
-- order), held by $today (held_count) and planned after it (planned_count).
-- Every quarter × kind has a row; 0 where there were none.
with initiatives as (
  select initiative_id
  from filtered_initiatives($snapshot_id, $filters)
),

engagements as (
  select
    e.kind,
    quarter(e.held_on) as quarter,
    e.held_on <= $today::date as held
  from engagements_counted($snapshot_id) as e
  inner join initiatives using (initiative_id)
  where year(e.held_on) = $year
),

kinds as (
  select
    unnest($kind_list) as kind,
    generate_subscripts($kind_list, 1) as kind_order
),

quarters as (
  select range::integer as quarter
  from range(1, 5)
)

select
  q.quarter,
  k.kind,
  k.kind_order,
  count(e.kind) filter (where e.held) as held_count,
  count(e.kind) filter (where not e.held) as planned_count
from quarters as q
cross join kinds as k
left join engagements as e on e.quarter = q.quarter and e.kind = k.kind
group by q.quarter, k.kind, k.kind_order
order by q.quarter, k.kind_order
