-- How many of the initiatives that pass the overview filters have results on
-- Decidim (a link to a result the snapshot holds), how many such results
-- there are and their mean progress; and how many results the snapshot holds
-- at all (none: the snapshot has no Decidim data, and the page says nothing).
with shown as (
  select initiative_id
  from filtered_initiatives($snapshot_id, $filters)
),

results as (
  select decidim_id, progress
  from decidim_results_of($snapshot_id)
),

linked as (
  select distinct
    l.initiative_id,
    r.decidim_id,
    r.progress
  from decidim_links_of($snapshot_id) as l
  inner join results as r using (decidim_id)
  inner join shown as s using (initiative_id)
  where l.entity = 'results'
),

linked_results as (
  select distinct decidim_id, progress
  from linked
)

select
  (select count(*) from shown) as initiative_count,
  (select count(distinct initiative_id) from linked) as with_results_count,
  (select count(*) from linked_results) as result_count,
  (select avg(progress) from linked_results) as mean_progress,
  (select count(*) from linked_results where progress >= 100) as done_count,
  (select count(*) from results) as decidim_result_count
