-- Table macros shared by the named queries. Loaded once per connection by
-- portfolio/queries.py; not a query of its own (files starting with "_").

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
