-- The rows of engagements that can make a change between two snapshots (the
-- Changes page, portfolio/present/change_read.py): every row without an
-- identical row in the other snapshot, with its snapshot_id. A row equal in
-- both normalises equally, so the change engine finds nothing in it.
-- $snapshot_id is the later of the two snapshots (engagements_through reads every
-- snapshot up to it), $compare_id the earlier.
with pair as (
  select *
  from engagements_through($snapshot_id)
  where snapshot_id = $snapshot_id or snapshot_id = $compare_id
)

select * exclude (snapshot_id), min(snapshot_id) as snapshot_id
from pair
group by all
having count(*) = 1
