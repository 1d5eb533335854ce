-- «Samhandling»: the years in which the initiatives that pass the filters
-- have engagements, with how many were held by $today and how many are
-- planned after it; the earliest year first.
with initiatives as (
  select initiative_id
  from filtered_initiatives($snapshot_id, $filters)
)

select
  year(e.held_on) as year,
  count(*) filter (where e.held_on <= $today::date) as held_count,
  count(*) filter (where e.held_on > $today::date) as planned_count
from engagements_counted($snapshot_id) as e
inner join initiatives using (initiative_id)
group by year(e.held_on)
order by year
