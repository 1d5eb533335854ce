-- «Samhandling»: which citizen groups each focus area reaches. Every target
-- group × focus area ($target_group_list × $focus_area_list: the schema's
-- values in its order) with how many initiatives active in $year that pass
-- the filters (active_initiatives; programmes, which other initiatives belong
-- to, are not counted: they reach what their initiatives reach) are for that
-- group in that focus area, and those initiatives' budget for $year together.
-- A cell without initiatives has 0 and 0 kr: a gap. On every row: how many
-- initiatives are active (active_count) and how many of them are for no
-- target group (without_group_count).
with active as (
  select initiative_id, target_groups, focus_areas
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

target_groups as (
  select
    unnest($target_group_list) as target_group,
    generate_subscripts($target_group_list, 1) as group_order
),

focus_areas as (
  select
    unnest($focus_area_list) as focus_area,
    generate_subscripts($focus_area_list, 1) as focus_order
),

totals as (
  select
    count(*) as active_count,
    count(*) filter (where len(target_groups) = 0) as without_group_count
  from active
),

reached as (
  select distinct a.initiative_id, g.target_group, f.focus_area
  from active as a
  cross join unnest(a.target_groups) as g(target_group)
  cross join unnest(a.focus_areas) as f(focus_area)
)

select
  g.target_group,
  g.group_order,
  f.focus_area,
  f.focus_order,
  t.active_count,
  t.without_group_count,
  count(r.initiative_id) as initiative_count,
  coalesce(sum(m.budget_nok), 0)::bigint as budget_nok
from target_groups as g
cross join focus_areas as f
cross join totals as t
left join reached as r on r.target_group = g.target_group and r.focus_area = f.focus_area
left join money as m on m.initiative_id = r.initiative_id
group by g.target_group, g.group_order, f.focus_area, f.focus_order, t.active_count, t.without_group_count
order by g.group_order, f.focus_order
