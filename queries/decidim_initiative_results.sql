-- The Decidim results linked to one initiative (decidim_links), with their
-- status and progress as Decidim publishes them, by start date and title; at
-- most $row_limit, each row with how many there are (total_count).
with linked as (
  select distinct decidim_id
  from decidim_links_of($snapshot_id)
  where entity = 'results' and initiative_id = $initiative_id
),

results as (
  select
    r.decidim_id,
    r.parent_id,
    r.title,
    r.status,
    r.progress,
    r.start_date,
    r.end_date,
    r.category,
    r.host,
    r.url
  from decidim_results_of($snapshot_id) as r
  inner join linked using (decidim_id)
)

select
  *,
  count(*) over () as total_count
from results
order by start_date nulls last, title, decidim_id
limit $row_limit
