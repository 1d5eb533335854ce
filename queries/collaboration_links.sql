-- «Samhandling»'s network, its edges: every pair of nodes (kommunalområder,
-- kind 'area', and external partners, kind 'partner'; see
-- collaboration_nodes) that take part in the same initiatives active in
-- $year that pass the filters (programmes included), with how many they
-- share, how many programmes those belong to (programme_count) and the
-- first three of them by name (programmes: the rest are counted, not named).
-- Each pair once, (kind_a, node_a) before (kind_b, node_b); most shared first.
with active as (
  select initiative_id, parent_id, is_programme, owner_area, collaborating_areas, partners
  from active_initiatives($snapshot_id, $filters, $year)
),

memberships as (
  select
    a.initiative_id,
    p.initiative_id as programme_id,
    p.name as programme_name
  from active as a
  left join initiatives_of($snapshot_id) as p
    on p.initiative_id = (case when a.is_programme then a.initiative_id else a.parent_id end)
),

members as (
  select initiative_id, 'area' as kind, owner_area as node from active
  union
  select a.initiative_id, 'area' as kind, c.node
  from active as a
  cross join unnest(a.collaborating_areas) as c(node)
  union
  select a.initiative_id, 'partner' as kind, p.node
  from active as a
  cross join unnest(a.partners) as p(node)
),

pairs as (
  select
    a.kind as kind_a,
    a.node as node_a,
    b.kind as kind_b,
    b.node as node_b,
    a.initiative_id
  from members as a
  inner join members as b
    on a.initiative_id = b.initiative_id
    and (a.kind < b.kind or (a.kind = b.kind and a.node < b.node))
)

select
  p.kind_a,
  p.node_a,
  p.kind_b,
  p.node_b,
  count(*) as shared_count,
  count(distinct s.programme_id) as programme_count,
  list_slice(
    coalesce(list(distinct s.programme_name order by s.programme_name) filter (where s.programme_id is not null), []),
    1, 3
  ) as programmes
from pairs as p
inner join memberships as s using (initiative_id)
group by p.kind_a, p.node_a, p.kind_b, p.node_b
order by shared_count desc, p.kind_a, p.node_a, p.kind_b, p.node_b
