-- «Samhandling»'s network, its nodes: every kommunalområde (kind 'area': an
-- initiative's owner or collaborating area) and external partner (kind
-- 'partner') of the initiatives active in $year that pass the filters
-- (active_initiatives, programmes included: a programme is itself work done
-- together). Per node: how many of those initiatives it takes part in, how
-- many of them belong to a programme (their parent, or the initiative is
-- itself one) and how many to none; how many programmes (programme_count),
-- the one with most of the node's initiatives (main_programme: then by name)
-- and the first three in that order (programmes: the rest are counted).
with per_programme as (
  select
    kind,
    node,
    programme_id,
    programme_name,
    count(*) as initiative_count
  from collaboration_members($snapshot_id, $filters, $year)
  group by kind, node, programme_id, programme_name
)

select
  kind,
  node,
  sum(initiative_count)::bigint as initiative_count,
  coalesce(sum(initiative_count) filter (where programme_id is not null), 0)::bigint as in_programme_count,
  coalesce(sum(initiative_count) filter (where programme_id is null), 0)::bigint as outside_count,
  count(programme_id) as programme_count,
  first(programme_name order by initiative_count desc, programme_name, programme_id)
    filter (where programme_id is not null) as main_programme,
  list_slice(
    coalesce(
      list(programme_name order by initiative_count desc, programme_name, programme_id)
        filter (where programme_id is not null),
      []
    ),
    1, 3
  ) as programmes
from per_programme
group by kind, node
order by kind, node
