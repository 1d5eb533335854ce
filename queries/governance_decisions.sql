-- The decision log: decisions about the initiatives that pass the filters
-- (and, when $initiative_id is not null, about that initiative only), made
-- by one of $bodies, at one of $decision_points ('' for a decision at no
-- decision point), about an initiative whose name holds every word of
-- $search, from $decided_from to $decided_to (each null: no limit). An
-- empty list or search means no limit. Newest first, at most $row_limit
-- rows, with how many there are.
with initiatives as (
  select initiative_id, name
  from filtered_initiatives($snapshot_id, $filters)
  where $initiative_id::varchar is null or initiative_id = $initiative_id::varchar
),

words as (
  select list_filter(string_split(lower(trim($search)), ' '), lambda w: w <> '') as words
),

chosen as (
  select
    d.decision_id,
    d.initiative_id,
    i.name as initiative_name,
    d.decided_on,
    d.body,
    d.decision_point,
    d.title,
    d.text,
    d.case_number
  from decisions_of($snapshot_id) as d
  inner join initiatives as i using (initiative_id)
  cross join words as w
  where (len($bodies) = 0 or list_contains($bodies, d.body))
    and (len($decision_points) = 0 or list_contains($decision_points, coalesce(d.decision_point, '')))
    and coalesce(list_bool_and(list_transform(w.words, lambda word: contains(lower(i.name), word))), true)
    and ($decided_from::date is null or d.decided_on >= $decided_from::date)
    and ($decided_to::date is null or d.decided_on <= $decided_to::date)
)

select
  *,
  count(*) over () as total_count
from chosen
order by decided_on desc, initiative_name, decision_id
limit $row_limit
