-- The programmes (initiatives that others belong to), most initiatives first,
-- with their project owner and project leader, for the page «Om dataene»:
-- at most row_limit, and how many programmes there are.
with initiatives as (
  select initiative_id, name, parent_id, project_owner, project_leader
  from initiatives_of($snapshot_id)
),

children as (
  select parent_id as initiative_id, count(*) as child_count
  from initiatives
  where parent_id is not null
  group by parent_id
)

select
  i.initiative_id,
  i.name,
  i.project_owner,
  i.project_leader,
  c.child_count,
  count(*) over () as programme_count
from initiatives as i
inner join children as c on c.initiative_id = i.initiative_id
order by c.child_count desc, i.name, i.initiative_id
limit $row_limit
