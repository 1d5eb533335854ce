-- Budget, actual and forecast for one year over the filtered initiatives.
with initiatives as (
  select initiative_id
  from filtered_initiatives($snapshot_id, $filters)
),

budget_rows as (
  select b.initiative_id, b.budget_nok, b.actual_nok, b.forecast_nok
  from budget_lines($snapshot_id) as b
  inner join initiatives as i using (initiative_id)
  where b.year = $year
),

per_initiative as (
  select
    initiative_id,
    sum(budget_nok) as budget_nok,
    sum(actual_nok) as actual_nok,
    sum(forecast_nok) as forecast_nok
  from budget_rows
  group by initiative_id
)

select
  coalesce(sum(budget_nok), 0)::bigint as budget_nok,
  coalesce(sum(actual_nok), 0)::bigint as actual_nok,
  coalesce(sum(forecast_nok), 0)::bigint as forecast_nok,
  count(*) filter (where actual_nok > budget_nok) as over_budget_count,
  count(*) filter (where forecast_nok > budget_nok) as forecast_over_budget_count,
  count(*) as initiative_count
from per_initiative
