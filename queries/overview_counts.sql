-- Initiatives by phase and overall status, with subtotals per phase, per
-- status and in all (grouping sets), for the overview KPIs and chart.
with initiatives as (
  select phase, status_overall
  from filtered_initiatives($initiatives, $filters)
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
  list_position(['Idé', 'Konsept', 'Planlegge', 'Gjennomføre', 'Avslutte', 'Realisere'], phase) as phase_order,
  list_position(['rød', 'gul', 'grønn', 'ikke vurdert'], status_overall) as status_order
from counted
order by is_all_phases, phase_order, is_all_statuses, status_order
