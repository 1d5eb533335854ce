-- The Decidim budget projects, proposals and meetings linked to one
-- initiative (decidim_links), one row each with the columns of its kind
-- (the others empty): projects first, then proposals, then meetings; at most
-- $row_limit, each row with how many there are of its kind (kind_count).
with linked as (
  select distinct entity, decidim_id
  from decidim_links_of($snapshot_id)
  where initiative_id = $initiative_id and entity <> 'results'
),

projects as (
  select 1 as kind_order, 'projects' as entity, decidim_id, title, url, budget_amount, confirmed_votes
  from decidim_projects_of($snapshot_id)
  where decidim_id in (select decidim_id from linked where entity = 'projects')
),

proposals as (
  select 2 as kind_order, 'proposals' as entity, decidim_id, title, url, state, votes, published_on
  from decidim_proposals_of($snapshot_id)
  where decidim_id in (select decidim_id from linked where entity = 'proposals')
),

meetings as (
  select 3 as kind_order, 'meetings' as entity, decidim_id, title, url, starts_at, is_online, attendees
  from decidim_meetings_of($snapshot_id)
  where decidim_id in (select decidim_id from linked where entity = 'meetings')
),

items as (
  select * from projects
  union all by name
  select * from proposals
  union all by name
  select * from meetings
)

select
  *,
  count(*) over (partition by entity) as kind_count
from items
order by kind_order, starts_at nulls last, published_on nulls last, title, decidim_id
limit $row_limit
