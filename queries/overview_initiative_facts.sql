-- The overview's key figures per initiative of one snapshot, every
-- initiative (no filters): a filter change adds up the rows of the
-- initiatives that pass (portfolio/present/overview.py `kpis`), instead of
-- running overview_counts, overview_budget and overview_milestones again
-- (tests/test_filtered_rows.py checks that the sums are those queries').
--   phase_order, status_order: its phase and overall status as their numbers
--   in the schema's order (overview_counts);
--   budget_nok, actual_nok, forecast_nok: the initiative's budget lines of
--   $year added up (the budget_lines rule: no forecast is the actual), 0
--   without lines that year; is_forecast_over_budget: their forecast is over
--   their budget (overview_budget's forecast_over_budget_count);
--   overdue_count, due_soon_count: its open milestones due before $today,
--   and from $today up to and including $today + $horizon_days
--   (overview_milestones).
with budget_rows as (
  select
    initiative_id,
    coalesce(sum(budget_nok), 0)::bigint as budget_nok,
    coalesce(sum(actual_nok), 0)::bigint as actual_nok,
    coalesce(sum(forecast_nok), 0)::bigint as forecast_nok,
    coalesce(sum(forecast_nok) > sum(budget_nok), false) as is_forecast_over_budget
  from budget_lines($snapshot_id)
  where year = $year
  group by initiative_id
),

milestone_rows as (
  select
    initiative_id,
    count(*) filter (where due_date < $today) as overdue_count,
    count(*) filter (
      where due_date >= $today and due_date <= $today + to_days($horizon_days)
    ) as due_soon_count
  from milestones_of($snapshot_id)
  where completed_date is null
  group by initiative_id
)

select
  i.initiative_id,
  phase_order(i.phase) as phase_order,
  status_order(i.status_overall) as status_order,
  coalesce(b.budget_nok, 0) as budget_nok,
  coalesce(b.actual_nok, 0) as actual_nok,
  coalesce(b.forecast_nok, 0) as forecast_nok,
  coalesce(b.is_forecast_over_budget, false) as is_forecast_over_budget,
  coalesce(m.overdue_count, 0) as overdue_count,
  coalesce(m.due_soon_count, 0) as due_soon_count
from initiatives_of($snapshot_id) as i
left join budget_rows as b using (initiative_id)
left join milestone_rows as m using (initiative_id)
order by i.initiative_id
