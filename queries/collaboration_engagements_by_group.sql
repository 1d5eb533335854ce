-- «Samhandling»: who took part in the engagements of the initiatives that
-- pass the filters held in $year by $today, per quarter (1–4) and
-- participant group ($participant_column_list: the schema's participant
-- columns in its order). Per cell: the participants counted (participant_sum:
-- null when none of the quarter's engagements counted the group), how many
-- engagements counted the group (counted_count) and how many did not
-- (uncounted_count: an empty count is "not counted", never 0), and how many
-- engagements were held in the quarter (held_count).
with initiatives as (
  select initiative_id
  from filtered_initiatives($snapshot_id, $filters)
),

held as (
  select
    e.engagement_id,
    quarter(e.held_on) as quarter,
    e.participants_citizens,
    e.participants_politicians,
    e.participants_leaders,
    e.participants_staff,
    e.participants_volunteers,
    e.participants_business,
    e.participants_other
  from engagements_counted($snapshot_id) as e
  inner join initiatives using (initiative_id)
  where year(e.held_on) = $year
    and e.held_on <= $today::date
),

counts as (
  select engagement_id, quarter, participant_column, participants
  from held
  unpivot include nulls (
    participants for participant_column in (
      participants_citizens, participants_politicians, participants_leaders, participants_staff,
      participants_volunteers, participants_business, participants_other
    )
  )
),

participant_columns as (
  select
    unnest($participant_column_list) as participant_column,
    generate_subscripts($participant_column_list, 1) as group_order
),

quarters as (
  select range::integer as quarter
  from range(1, 5)
),

per_quarter as (
  select quarter, count(*) as held_count
  from held
  group by quarter
)

select
  q.quarter,
  p.participant_column,
  p.group_order,
  coalesce(max(h.held_count), 0) as held_count,
  sum(c.participants)::bigint as participant_sum,
  count(c.participants) as counted_count,
  count(c.engagement_id) filter (where c.participants is null) as uncounted_count
from quarters as q
cross join participant_columns as p
left join counts as c on c.quarter = q.quarter and c.participant_column = p.participant_column
left join per_quarter as h on h.quarter = q.quarter
group by q.quarter, p.participant_column, p.group_order
order by q.quarter, p.group_order
