-- One initiative's money by year: its own budget, actual and forecast (the
-- actual where no forecast is given), and the same for the initiative with
-- every initiative under it (a programme's total), with deviations in kr.
with recursive initiatives as (
  select initiative_id, parent_id
  from initiatives_of($snapshot_id)
),

tree(initiative_id) as (
  select initiative_id
  from initiatives
  where initiative_id = $initiative_id
  union
  select c.initiative_id
  from initiatives as c
  inner join tree as t on c.parent_id = t.initiative_id
),

budget_rows as (
  select
    b.year,
    b.initiative_id = $initiative_id as is_own,
    b.budget_nok,
    b.actual_nok,
    b.forecast_nok
  from budget_lines($snapshot_id) as b
  inner join tree as t using (initiative_id)
),

by_year as (
  select
    year,
    coalesce(sum(budget_nok) filter (where is_own), 0)::bigint as budget_nok,
    coalesce(sum(actual_nok) filter (where is_own), 0)::bigint as actual_nok,
    coalesce(sum(forecast_nok) filter (where is_own), 0)::bigint as forecast_nok,
    sum(budget_nok)::bigint as total_budget_nok,
    sum(actual_nok)::bigint as total_actual_nok,
    sum(forecast_nok)::bigint as total_forecast_nok
  from budget_rows
  group by year
)

select
  *,
  forecast_nok - budget_nok as forecast_deviation_nok,
  actual_nok - budget_nok as actual_deviation_nok,
  (forecast_nok - budget_nok) / nullif(budget_nok, 0) as forecast_deviation_share,
  (actual_nok - budget_nok) / nullif(budget_nok, 0) as actual_deviation_share,
  total_forecast_nok - total_budget_nok as total_forecast_deviation_nok,
  total_actual_nok - total_budget_nok as total_actual_deviation_nok,
  (total_forecast_nok - total_budget_nok) / nullif(total_budget_nok, 0) as total_forecast_deviation_share
from by_year
order by year
