-- Every initiative of the snapshot for the «Tiltak» page's list: name,
-- overall status, phase, kommunalområde and programme, ordered by name (case ignored).
with initiatives as (
  select *
  from initiatives_of($snapshot_id)
)

select
  i.initiative_id,
  i.name,
  i.status_overall,
  i.phase,
  i.owner_area,
  p.name as programme_name
from initiatives as i
left join initiatives as p on p.initiative_id = i.parent_id
order by lower(i.name), i.name, i.initiative_id
