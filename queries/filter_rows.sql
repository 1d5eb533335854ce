-- The columns the portfolio filters read, of every initiative of one
-- snapshot (no filters): read once per snapshot, coded for numpy
-- (portfolio/present/filters.py `row_index`), so that a filter change finds
-- the initiatives that pass without a query. The same initiatives as the
-- filtered_initiatives macro, which changes_filtered_ids.sql reads
-- (tests/test_filtered_rows.py checks).
select
  initiative_id,
  parent_id,
  owner_area,
  phase,
  focus_areas,
  target_groups,
  status_overall
from initiatives_of($snapshot_id)
order by initiative_id
