-- «Samhandling»: the initiatives of one cell of a coverage matrix. The
-- initiatives active in $year that pass the filters (programmes, which other
-- initiatives belong to, left out) and are for $target_group, and (each
-- when not null) have $focus_area among their focus areas and $area as
-- their owner or a collaborating area. Largest budget for $year first, then
-- by name; at most $row_limit, with how many there are (total_count).
with active as (
  select
    initiative_id,
    name,
    owner_area,
    collaborating_areas,
    phase,
    status_overall,
    start_date,
    end_date
  from active_initiatives($snapshot_id, $filters, $year)
  where not is_programme
    and list_contains(target_groups, $target_group::varchar)
    and ($focus_area::varchar is null or list_contains(focus_areas, $focus_area::varchar))
    and (
      $area::varchar is null
      or owner_area = $area::varchar
      or list_contains(collaborating_areas, $area::varchar)
    )
),

money as (
  select b.initiative_id, sum(b.budget_nok)::bigint as budget_nok
  from budgets_of($snapshot_id) as b
  inner join active using (initiative_id)
  where b.year = $year
  group by b.initiative_id
)

select
  a.initiative_id,
  a.name,
  a.owner_area,
  a.collaborating_areas,
  a.phase,
  a.status_overall,
  a.start_date,
  a.end_date,
  coalesce(m.budget_nok, 0)::bigint as budget_nok,
  count(*) over () as total_count
from active as a
left join money as m using (initiative_id)
order by budget_nok desc, a.name, a.initiative_id
limit $row_limit
