-- Where the initiatives that pass the filters (and, when $initiative_id is
-- not null, that initiative only) are in Prosjektveiviseren, one row per
-- initiative and decision point it has passed, has due or prepares:
--   passed   a decision at the decision point, a completed milestone of kind
--            $decision_kind for it, or the initiative's last decision point
--            is this one or a later one (passed_on: the decision's or the
--            milestone's date, when there is one);
--   overdue  not passed, an open milestone for it due before $today;
--   due      not passed, an open milestone for it due from $today;
--   started  none of these, but checklist answers for it.
-- (Ranked 1 overdue, 2 due, 3 started, 4 passed while counting and sorting.)
-- Checklist completeness: answers other than $unassessed_answer, of the
-- decision point's items ($checklist_points / $checklist_sizes: the
-- reference checklists' lengths).
-- Two kinds of rows: 'summary', one per decision point, with how many
-- initiatives are in each state and how many checklists are started and
-- complete; then 'row', one per initiative and decision point (only
-- $decision_point's when it is not null): overdue first, then due (earliest
-- first), started, passed (latest first); at most $row_limit, with how many
-- there are (total_count).
with initiatives as (
  select
    initiative_id,
    name,
    phase,
    last_decision_point,
    coalesce(decision_point_order(last_decision_point), 0) as last_order
  from filtered_initiatives($snapshot_id, $filters)
  where $initiative_id::varchar is null or initiative_id = $initiative_id::varchar
),

checklist_sizes as (
  select
    unnest($checklist_points) as decision_point,
    unnest($checklist_sizes) as item_count
),

decided as (
  select d.initiative_id, d.decision_point, min(d.decided_on) as decided_on
  from decisions_of($snapshot_id) as d
  inner join initiatives using (initiative_id)
  where d.decision_point is not null
  group by d.initiative_id, d.decision_point
),

planned as (
  select
    m.initiative_id,
    m.decision_point,
    min(m.due_date) filter (where m.completed_date is null) as due_date,
    max(m.completed_date) as completed_on
  from milestones_of($snapshot_id) as m
  inner join initiatives using (initiative_id)
  where m.kind = $decision_kind and m.decision_point is not null
  group by m.initiative_id, m.decision_point
),

answered as (
  select
    a.initiative_id,
    a.decision_point,
    count(*) filter (where a.answer <> $unassessed_answer and a.item_no <= s.item_count) as answered_count
  from checklist_answers_of($snapshot_id) as a
  inner join initiatives using (initiative_id)
  inner join checklist_sizes as s using (decision_point)
  group by a.initiative_id, a.decision_point
),

states as (
  select
    i.initiative_id,
    i.name,
    i.phase,
    i.last_decision_point,
    p.decision_point,
    p.decision_point_order,
    coalesce(d.decided_on, pl.completed_on) as passed_on,
    pl.due_date,
    a.initiative_id is not null as has_checklist,
    coalesce(a.answered_count, 0) as answered_count,
    s.item_count,
    case
      when d.initiative_id is not null or pl.completed_on is not null or p.decision_point_order <= i.last_order
        then 4
      when pl.due_date < $today then 1
      when pl.due_date is not null then 2
      when a.initiative_id is not null then 3
    end as state_rank
  from initiatives as i
  cross join decision_points() as p
  left join decided as d on d.initiative_id = i.initiative_id and d.decision_point = p.decision_point
  left join planned as pl on pl.initiative_id = i.initiative_id and pl.decision_point = p.decision_point
  left join answered as a on a.initiative_id = i.initiative_id and a.decision_point = p.decision_point
  left join checklist_sizes as s on s.decision_point = p.decision_point
),

shown as (
  select *
  from states
  where state_rank is not null
),

summary as (
  select
    'summary' as row_kind,
    p.decision_point,
    p.decision_point_order,
    count(*) filter (where s.state_rank = 4) as passed_count,
    count(*) filter (where s.state_rank = 2) as due_count,
    count(*) filter (where s.state_rank = 1) as overdue_count,
    min(s.due_date) filter (where s.state_rank = 2) as next_due,
    count(*) filter (where s.has_checklist) as checklist_count,
    count(*) filter (where s.has_checklist and s.answered_count >= s.item_count) as checklist_complete_count
  from decision_points() as p
  left join shown as s using (decision_point)
  group by p.decision_point, p.decision_point_order
),

detail as (
  select
    'row' as row_kind,
    *,
    row_number() over (
      order by
        state_rank,
        case when state_rank <= 2 then due_date end,
        passed_on desc nulls last,
        name,
        initiative_id,
        decision_point_order
    ) as position,
    count(*) over () as total_count
  from shown
  where $decision_point::varchar is null or decision_point = $decision_point::varchar
),

rows as (
  select * from summary
  union all by name
  select * from detail
  where position <= $row_limit
)

select
  * exclude (state_rank),
  case state_rank when 1 then 'overdue' when 2 then 'due' when 3 then 'started' when 4 then 'passed' end as state
from rows
order by row_kind = 'row', position nulls first, decision_point_order
