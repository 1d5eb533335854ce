-- The values offered by the overview filters that come from the data:
-- kommunalområder and programmes (initiatives that have children).
with initiatives as (
  select initiative_id, name, parent_id, owner_area
  from initiatives_of($snapshot_id)
),

areas as (
  select distinct 'area' as kind, owner_area as value, owner_area as label
  from initiatives
),

programmes as (
  select distinct 'programme' as kind, p.initiative_id as value, p.name as label
  from initiatives as p
  inner join initiatives as c on c.parent_id = p.initiative_id
)

select kind, value, label from areas
union all
select kind, value, label from programmes
order by kind, label
