-- The initiatives around one initiative: its programme (parent), its children
-- and its siblings (same programme), at most row_limit of each kind, most
-- critical first, with how many there are of each kind.
with initiatives as (
  select initiative_id, name, parent_id, owner_area, phase, status_overall
  from initiatives_of($snapshot_id)
),

this as (
  select initiative_id, parent_id
  from initiatives
  where initiative_id = $initiative_id
),

related as (
  select 'parent' as relation, p.*
  from initiatives as p
  inner join this as t on p.initiative_id = t.parent_id
  union all
  select 'child' as relation, c.*
  from initiatives as c
  inner join this as t on c.parent_id = t.initiative_id
  union all
  select 'sibling' as relation, s.*
  from initiatives as s
  inner join this as t on s.parent_id = t.parent_id and s.initiative_id <> t.initiative_id
)

select
  relation,
  initiative_id,
  name,
  owner_area,
  phase,
  status_overall,
  count(*) over (partition by relation) as relation_count
from related
qualify row_number() over (
  partition by relation
  order by status_severity_order(status_overall), name, initiative_id
) <= $row_limit
order by
  list_position(['parent', 'child', 'sibling'], relation),
  status_severity_order(status_overall),
  name,
  initiative_id
