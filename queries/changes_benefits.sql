-- The rows of benefits that can make a change between two snapshots, or that
-- a change needs (the Changes page, portfolio/present/change_read.py), with
-- their snapshot_id: both snapshots' rows of every benefit that has a row
-- without an identical row in the other snapshot, or a measurement without
-- one (a measurement's change names its benefit's initiative, title, unit,
-- baseline and target: portfolio/model/diff_governance.py). $snapshot_id is
-- the later of the two snapshots (<table>_through reads every snapshot up to
-- it), $compare_id the earlier.
with pair as (
  select *
  from benefits_through($snapshot_id)
  where snapshot_id = $snapshot_id or snapshot_id = $compare_id
),

measurement_pair as (
  select *
  from benefit_measurements_through($snapshot_id)
  where snapshot_id = $snapshot_id or snapshot_id = $compare_id
),

differing as (
  select * exclude (snapshot_id)
  from pair
  group by all
  having count(*) = 1
),

measurements_differing as (
  select * exclude (snapshot_id)
  from measurement_pair
  group by all
  having count(*) = 1
),

wanted as (
  select benefit_id
  from differing
  union
  select benefit_id
  from measurements_differing
)

select p.*
from pair as p
semi join wanted as w using (benefit_id)
