-- Initiatives by phase and overall status, with subtotals per phase, per
-- status and in all (grouping sets), for the overview KPIs and chart.
-- phase_order and status_order are the schema's orders (the chart stacks the
-- statuses in status_order, the order of its legend and table).
with initiatives as (
  select phase, status_overall
  from filtered_initiatives($snapshot_id, $filters)
),

counted as (
  select
    phase,
    status_overall,
    grouping(phase) = 1 as is_all_phases,
    grouping(status_overall) = 1 as is_all_statuses,
    count(*) as initiative_count
  from initiatives
  group by grouping sets ((phase, status_overall), (phase), (status_overall), ())
)

select
  phase,
  status_overall,
  is_all_phases,
  is_all_statuses,
  initiative_count,
  phase_order(phase) as phase_order,
  status_order(status_overall) as status_order
from counted
order by is_all_phases, phase_order, is_all_statuses, status_order
