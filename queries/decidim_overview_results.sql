-- Each initiative's Decidim results in one snapshot, for the overview's
-- Decidim figure: every initiative with a link to a result the snapshot
-- holds, that result and its progress. Read once per snapshot; a filter
-- change keeps the rows of the initiatives that pass
-- (portfolio/present/decidim.py `build_overview_figure`): the same figure as
-- decidim_overview.sql with the filters in SQL (tests/test_filtered_rows.py
-- checks).
with results as (
  select decidim_id, progress
  from decidim_results_of($snapshot_id)
)

select distinct
  l.initiative_id,
  r.decidim_id,
  r.progress
from decidim_links_of($snapshot_id) as l
inner join results as r using (decidim_id)
where l.entity = 'results'
order by l.initiative_id, r.decidim_id
