-- Budget, actual and forecast for one year per kommunalområde (the owner
-- area), over the filtered initiatives' own budget rows; largest forecast
-- overrun first, at most row_limit rows, with how many areas there are.
with initiatives as (
  select initiative_id, owner_area
  from filtered_initiatives($snapshot_id, $filters)
),

per_initiative as (
  select
    i.owner_area,
    b.initiative_id,
    sum(b.budget_nok) as budget_nok,
    sum(b.actual_nok) as actual_nok,
    sum(b.forecast_nok) as forecast_nok
  from budget_lines($snapshot_id) as b
  inner join initiatives as i using (initiative_id)
  where b.year = $year
  group by i.owner_area, b.initiative_id
),

per_area as (
  select
    owner_area,
    sum(budget_nok)::bigint as budget_nok,
    sum(actual_nok)::bigint as actual_nok,
    sum(forecast_nok)::bigint as forecast_nok,
    count(*) as initiative_count,
    count(*) filter (where forecast_nok > budget_nok) as forecast_over_budget_count
  from per_initiative
  group by owner_area
)

select
  *,
  forecast_nok - budget_nok as forecast_deviation_nok,
  actual_nok - budget_nok as actual_deviation_nok,
  (forecast_nok - budget_nok) / nullif(budget_nok, 0) as forecast_deviation_share,
  (actual_nok - budget_nok) / nullif(budget_nok, 0) as actual_deviation_share,
  count(*) over () as total_count
from per_area
order by forecast_deviation_nok desc, actual_deviation_nok desc, owner_area
limit $row_limit
