-- Budget, actual and forecast (the actual where no forecast is given) per
-- year over the filtered initiatives' own budget rows, with deviations in kr
-- and as a share of the budget, and how many initiatives are over budget.
with initiatives as (
  select initiative_id
  from filtered_initiatives($snapshot_id, $filters)
),

per_initiative as (
  select
    b.year,
    b.initiative_id,
    sum(b.budget_nok) as budget_nok,
    sum(b.actual_nok) as actual_nok,
    sum(b.forecast_nok) as forecast_nok
  from budget_lines($snapshot_id) as b
  inner join initiatives as i using (initiative_id)
  group by b.year, b.initiative_id
),

per_year as (
  select
    year,
    sum(budget_nok)::bigint as budget_nok,
    sum(actual_nok)::bigint as actual_nok,
    sum(forecast_nok)::bigint as forecast_nok,
    count(*) as initiative_count,
    count(*) filter (where forecast_nok > budget_nok) as forecast_over_budget_count,
    count(*) filter (where actual_nok > budget_nok) as actual_over_budget_count
  from per_initiative
  group by year
)

select
  *,
  forecast_nok - budget_nok as forecast_deviation_nok,
  actual_nok - budget_nok as actual_deviation_nok,
  (forecast_nok - budget_nok) / nullif(budget_nok, 0) as forecast_deviation_share,
  (actual_nok - budget_nok) / nullif(budget_nok, 0) as actual_deviation_share
from per_year
order by year
