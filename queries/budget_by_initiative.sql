-- Budget, actual and forecast for one year per filtered initiative. A
-- programme's row is its own budget rows plus those of every initiative under
-- it (children, grandchildren, ...; whether or not they pass the filters), so
-- programme rows overlap their children's rows. Only initiatives with budget
-- rows in the year; largest forecast overrun first; at most row_limit rows,
-- with how many there are.
with recursive all_initiatives as (
  select initiative_id, name, parent_id, owner_area, status_overall, status_budget
  from initiatives_of($snapshot_id)
),

shown as (
  select initiative_id
  from filtered_initiatives($snapshot_id, $filters)
),

tree(ancestor_id, initiative_id) as (
  select initiative_id, initiative_id
  from shown
  union
  select t.ancestor_id, c.initiative_id
  from all_initiatives as c
  inner join tree as t on c.parent_id = t.initiative_id
),

year_rows as (
  select
    initiative_id,
    sum(budget_nok) as budget_nok,
    sum(actual_nok) as actual_nok,
    sum(forecast_nok) as forecast_nok
  from budget_lines($snapshot_id)
  where year = $year
  group by initiative_id
),

rolled as (
  select
    t.ancestor_id as initiative_id,
    count(*) filter (where t.initiative_id <> t.ancestor_id) as descendant_count,
    count(y.initiative_id) as budgeted_count,
    coalesce(sum(y.budget_nok), 0)::bigint as budget_nok,
    coalesce(sum(y.actual_nok), 0)::bigint as actual_nok,
    coalesce(sum(y.forecast_nok), 0)::bigint as forecast_nok
  from tree as t
  left join year_rows as y on y.initiative_id = t.initiative_id
  group by t.ancestor_id
)

select
  i.initiative_id,
  i.name,
  p.name as programme_name,
  i.owner_area,
  i.status_overall,
  i.status_budget,
  r.descendant_count,
  r.budget_nok,
  r.actual_nok,
  r.forecast_nok,
  r.forecast_nok - r.budget_nok as forecast_deviation_nok,
  r.actual_nok - r.budget_nok as actual_deviation_nok,
  (r.forecast_nok - r.budget_nok) / nullif(r.budget_nok, 0) as forecast_deviation_share,
  (r.actual_nok - r.budget_nok) / nullif(r.budget_nok, 0) as actual_deviation_share,
  count(*) over () as total_count
from rolled as r
inner join all_initiatives as i using (initiative_id)
left join all_initiatives as p on p.initiative_id = i.parent_id
where r.budgeted_count > 0
order by forecast_deviation_nok desc, actual_deviation_nok desc, i.name, i.initiative_id
limit $row_limit
