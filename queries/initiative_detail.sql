-- One initiative's row in the snapshot, with its programme's name and the
-- number of initiatives that roll up to it. No row when the id is unknown.
with initiatives as (
  select *
  from initiatives_of($snapshot_id)
),

children as (
  select parent_id as initiative_id, count(*) as child_count
  from initiatives
  where parent_id is not null
  group by parent_id
)

select
  i.*,
  p.name as parent_name,
  coalesce(c.child_count, 0) as child_count
from initiatives as i
left join initiatives as p on p.initiative_id = i.parent_id
left join children as c on c.initiative_id = i.initiative_id
where i.initiative_id = $initiative_id
