-- «Samhandling»'s network, its edges: every pair of nodes (kommunalområder,
-- kind 'area', and external partners, kind 'partner'; see
-- collaboration_nodes) that take part in the same initiatives active in
-- $year that pass the filters (programmes included), with how many they
-- share, how many programmes those belong to (programme_count) and the
-- first three of them by name (programmes: the rest are counted, not named).
-- Each pair once, (kind_a, node_a) before (kind_b, node_b); most shared first.
with members as (
  select * from collaboration_members($snapshot_id, $filters, $year)
),

pairs as (
  select
    a.kind as kind_a,
    a.node as node_a,
    b.kind as kind_b,
    b.node as node_b,
    a.initiative_id,
    a.programme_id,
    a.programme_name
  from members as a
  inner join members as b
    on a.initiative_id = b.initiative_id
    and (a.kind < b.kind or (a.kind = b.kind and a.node < b.node))
)

select
  kind_a,
  node_a,
  kind_b,
  node_b,
  count(*) as shared_count,
  count(distinct programme_id) as programme_count,
  list_slice(
    coalesce(list(distinct programme_name order by programme_name) filter (where programme_id is not null), []),
    1, 3
  ) as programmes
from pairs
group by kind_a, node_a, kind_b, node_b
order by shared_count desc, kind_a, node_a, kind_b, node_b
