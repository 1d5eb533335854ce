-- The rows of decidim_links that can make a change between two snapshots, or
-- that a change needs (the Changes page, portfolio/present/change_read.py),
-- with their snapshot_id: both snapshots' links of every Decidim row (entity
-- and decidim_id) that has a link, or a row in its own table, without an
-- identical row in the other snapshot (a Decidim row's change belongs to the
-- initiative it is linked to: portfolio/model/diff_decidim.py). $snapshot_id
-- is the later of the two snapshots (<table>_through reads every snapshot up
-- to it), $compare_id the earlier.
with link_pair as (
  select *
  from decidim_links_through($snapshot_id)
  where snapshot_id = $snapshot_id or snapshot_id = $compare_id
),

results_pair as (
  select *
  from decidim_results_through($snapshot_id)
  where snapshot_id = $snapshot_id or snapshot_id = $compare_id
),

projects_pair as (
  select *
  from decidim_projects_through($snapshot_id)
  where snapshot_id = $snapshot_id or snapshot_id = $compare_id
),

proposals_pair as (
  select *
  from decidim_proposals_through($snapshot_id)
  where snapshot_id = $snapshot_id or snapshot_id = $compare_id
),

meetings_pair as (
  select *
  from decidim_meetings_through($snapshot_id)
  where snapshot_id = $snapshot_id or snapshot_id = $compare_id
),

links_differing as (
  select * exclude (snapshot_id)
  from link_pair
  group by all
  having count(*) = 1
),

results_differing as (
  select * exclude (snapshot_id)
  from results_pair
  group by all
  having count(*) = 1
),

projects_differing as (
  select * exclude (snapshot_id)
  from projects_pair
  group by all
  having count(*) = 1
),

proposals_differing as (
  select * exclude (snapshot_id)
  from proposals_pair
  group by all
  having count(*) = 1
),

meetings_differing as (
  select * exclude (snapshot_id)
  from meetings_pair
  group by all
  having count(*) = 1
),

wanted as (
  select entity, decidim_id
  from links_differing
  union
  select 'results' as entity, decidim_id
  from results_differing
  union
  select 'projects' as entity, decidim_id
  from projects_differing
  union
  select 'proposals' as entity, decidim_id
  from proposals_differing
  union
  select 'meetings' as entity, decidim_id
  from meetings_differing
)

select p.*
from link_pair as p
semi join wanted as w using (entity, decidim_id)
