-- Table macros shared by the named queries. Loaded once per connection by
-- portfolio/query/runner.py; not a query of its own (files starting with "_").
-- The order macros (status_order(s), status_severity_order(s), phase_order(p),
-- decision_point_order(d), statuses(), phases(), decision_points()) are not
-- here: portfolio/query/orders.py generates them from the schema.

-- The initiatives of one snapshot file that pass the overview filters.
-- filters is a struct of lists; an empty list means "no filter":
--   {areas, phases, focus_areas, target_groups, statuses, programmes}
-- A programme filter keeps the programme itself and its children.
create or replace macro filtered_initiatives(initiatives_path, filters) as table
select i.*
from read_parquet(initiatives_path, hive_partitioning = false) as i
where (len(filters['areas']) = 0 or list_contains(filters['areas'], i.owner_area))
  and (len(filters['phases']) = 0 or list_contains(filters['phases'], i.phase))
  and (len(filters['focus_areas']) = 0 or list_has_any(filters['focus_areas'], i.focus_areas))
  and (len(filters['target_groups']) = 0 or list_has_any(filters['target_groups'], i.target_groups))
  and (len(filters['statuses']) = 0 or list_contains(filters['statuses'], i.status_overall))
  and (
    len(filters['programmes']) = 0
    or list_contains(filters['programmes'], i.initiative_id)
    or list_contains(filters['programmes'], i.parent_id)
  );

-- The budget lines of one snapshot file, with the rule every money figure
-- follows: where a line has no forecast, its forecast is its actual.
create or replace macro budget_lines(budgets_path) as table
select * replace (coalesce(forecast_nok, actual_nok) as forecast_nok)
from read_parquet(budgets_path, hive_partitioning = false);

-- The open milestones of the initiatives that pass the overview filters, with
-- the initiative's name, area, overall status and project leader.
create or replace macro open_milestones(initiatives_path, milestones_path, filters) as table
select
  m.milestone_id,
  m.initiative_id,
  i.name as initiative_name,
  i.owner_area,
  i.status_overall,
  i.project_leader,
  m.title,
  m.kind,
  m.decision_point,
  m.due_date,
  m.note
from read_parquet(milestones_path, hive_partitioning = false) as m
inner join filtered_initiatives(initiatives_path, filters) as i using (initiative_id)
where m.completed_date is null;
