-- The rows of decidim_proposals that can make a change between two snapshots, or
-- that a change needs (the Changes page, portfolio/present/change_read.py),
-- with their snapshot_id: both snapshots' rows of every Decidim proposal that
-- has a row, or a link, without an identical row in the other snapshot (a
-- link's change names the title of the row it links: portfolio/model/diff_decidim.py).
-- $snapshot_id is the later of the two snapshots (<table>_through reads every
-- snapshot up to it), $compare_id the earlier.
with pair as (
  select *
  from decidim_proposals_through($snapshot_id)
  where snapshot_id = $snapshot_id or snapshot_id = $compare_id
),

link_pair as (
  select *
  from decidim_links_through($snapshot_id)
  where snapshot_id = $snapshot_id or snapshot_id = $compare_id
),

differing as (
  select * exclude (snapshot_id)
  from pair
  group by all
  having count(*) = 1
),

links_differing as (
  select * exclude (snapshot_id)
  from link_pair
  group by all
  having count(*) = 1
),

wanted as (
  select decidim_id
  from differing
  union
  select decidim_id
  from links_differing
  where entity = 'proposals'
)

select p.*
from pair as p
semi join wanted as w using (decidim_id)
