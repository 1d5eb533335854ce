-- «Samhandling» and the initiative page: the engagements (medvirkning) of
-- the initiatives that pass the filters (and, when $initiative_id is not
-- null, of that initiative only), newest first, at most $row_limit, with how
-- many there are (total_count). Each with its initiative's name, whether it
-- was held by $today (held; else it is planned), and its participants: the
-- sum of the groups that were counted (counted_total: null when no group was
-- counted) and how many of the seven groups were counted (counted_groups).
-- An empty count means "not counted", never 0. A Decidim meeting linked to
-- an initiative is one of them (engagements_counted, queries/_macros.sql),
-- is_from_decidim.
with initiatives as (
  select initiative_id, name
  from filtered_initiatives($snapshot_id, $filters)
  where $initiative_id::varchar is null or initiative_id = $initiative_id::varchar
),

chosen as (
  select
    e.engagement_id,
    e.initiative_id,
    i.name as initiative_name,
    e.kind,
    e.title,
    e.held_on,
    e.place,
    e.participants_citizens,
    e.participants_politicians,
    e.participants_leaders,
    e.participants_staff,
    e.participants_volunteers,
    e.participants_business,
    e.participants_other,
    e.is_public,
    e.note,
    e.is_from_decidim,
    e.held_on <= $today::date as held,
    [
      e.participants_citizens, e.participants_politicians, e.participants_leaders, e.participants_staff,
      e.participants_volunteers, e.participants_business, e.participants_other
    ] as counts
  from engagements_counted($snapshot_id) as e
  inner join initiatives as i using (initiative_id)
)

select
  * exclude (counts),
  list_sum(list_filter(counts, lambda c: c is not null))::bigint as counted_total,
  len(list_filter(counts, lambda c: c is not null)) as counted_groups,
  count(*) over () as total_count
from chosen
order by held_on desc, initiative_name, title, engagement_id
limit $row_limit
