-- «Samhandling»: which citizen groups each kommunalområde works for. An area
-- takes part in an initiative it owns or collaborates on. The areas are
-- those of the initiatives that pass the filters (programmes, which other
-- initiatives belong to, left out), most initiatives active in $year first
-- (active_initiatives), then by name; at most $row_limit of them, with how
-- many there are (area_count). Per shown area and target group of
-- $target_group_list (the schema's order): how many of its active
-- initiatives are for that group, and their budget for $year together; per
-- area, how many active initiatives it takes part in (for any group or none).
with initiatives as (
  select initiative_id, owner_area, collaborating_areas
  from filtered_initiatives($snapshot_id, $filters)
  where initiative_id not in (
    select parent_id from initiatives_of($snapshot_id) where parent_id is not null
  )
),

active as (
  select initiative_id, target_groups
  from active_initiatives($snapshot_id, $filters, $year)
  where not is_programme
),

money as (
  select b.initiative_id, sum(b.budget_nok) as budget_nok
  from budgets_of($snapshot_id) as b
  inner join active using (initiative_id)
  where b.year = $year
  group by b.initiative_id
),

takes_part as (
  select initiative_id, owner_area as area from initiatives
  union
  select i.initiative_id, c.area
  from initiatives as i
  cross join unnest(i.collaborating_areas) as c(area)
),

areas as (
  select
    t.area,
    count(a.initiative_id) as active_count
  from takes_part as t
  left join active as a using (initiative_id)
  group by t.area
),

ranked as (
  select
    area,
    active_count,
    row_number() over (order by active_count desc, area) as area_order,
    count(*) over () as area_count
  from areas
  qualify area_order <= $row_limit
),

target_groups as (
  select
    unnest($target_group_list) as target_group,
    generate_subscripts($target_group_list, 1) as group_order
),

reached as (
  select t.area, g.target_group, a.initiative_id
  from takes_part as t
  inner join active as a using (initiative_id)
  cross join unnest(a.target_groups) as g(target_group)
)

select
  r.area,
  r.area_order,
  r.active_count,
  r.area_count,
  g.target_group,
  g.group_order,
  count(x.initiative_id) as initiative_count,
  coalesce(sum(m.budget_nok), 0)::bigint as budget_nok
from ranked as r
cross join target_groups as g
left join reached as x on x.area = r.area and x.target_group = g.target_group
left join money as m on m.initiative_id = x.initiative_id
group by r.area, r.area_order, r.active_count, r.area_count, g.target_group, g.group_order
order by r.area_order, g.group_order
