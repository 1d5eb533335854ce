-- «Trenger oppmerksomhet» on the overview: what needs attention among the
-- initiatives that pass the filters, one row per item, worst first, at most
-- $row_limit rows:
--   tier 1  red overall status ('red');
--   tier 2  another status dimension turned red since the comparison ('worse');
--   tier 3  open milestones due before $today, the oldest first ('overdue');
--   tier 4  open risks (status not $closed_status) with a score
--           (probability × consequence) of at least $high_score that are new
--           at that score since the comparison: added, or raised from below
--           it; every such risk when there is no comparison ('risk');
--   tier 5  any other status dimension moved towards red ('worse');
--   tier 6  open decision points (milestones of kind $decision_kind) due from
--           $today up to and including $today + $horizon_days ('decision').
-- "Towards red" is the schema's severity order (status_severity_order: rød,
-- gul, ikke vurdert, grønn). $compare_id is the comparison snapshot, one
-- before the shown one (a later one reads as no rows); NULL when there is
-- none, and then nothing counts as worse. Each initiative row
-- has the statuses now and then (old_*: NULL when the initiative is new) and
-- which dimensions got worse; total_count and <item>_count say how many
-- items there are in all and of each kind.
with current_initiatives as (
  select
    initiative_id,
    name,
    status_overall,
    status_schedule,
    status_budget,
    status_quality,
    status_risk
  from filtered_initiatives($snapshot_id, $filters)
),

earlier as (
  select
    initiative_id,
    status_overall,
    status_schedule,
    status_budget,
    status_quality,
    status_risk
  from initiatives_of($compare_id)
  where $compare_id <= $snapshot_id
),

joined as (
  select
    c.*,
    $compare_id is not null and e.initiative_id is null as is_new,
    e.status_overall as old_overall,
    e.status_schedule as old_schedule,
    e.status_budget as old_budget,
    e.status_quality as old_quality,
    e.status_risk as old_risk
  from current_initiatives as c
  left join earlier as e using (initiative_id)
),

flagged as (
  select
    *,
    status_severity_order(status_overall) = 1 as is_red,
    coalesce(status_severity_order(status_overall) < status_severity_order(old_overall), false) as worse_overall,
    coalesce(status_severity_order(status_schedule) < status_severity_order(old_schedule), false) as worse_schedule,
    coalesce(status_severity_order(status_budget) < status_severity_order(old_budget), false) as worse_budget,
    coalesce(status_severity_order(status_quality) < status_severity_order(old_quality), false) as worse_quality,
    coalesce(status_severity_order(status_risk) < status_severity_order(old_risk), false) as worse_risk
  from joined
),

scored as (
  select
    *,
    worse_overall::int + worse_schedule::int + worse_budget::int + worse_quality::int + worse_risk::int
      as worse_count,
    (worse_overall and status_severity_order(status_overall) = 1)::int
    + (worse_schedule and status_severity_order(status_schedule) = 1)::int
    + (worse_budget and status_severity_order(status_budget) = 1)::int
    + (worse_quality and status_severity_order(status_quality) = 1)::int
    + (worse_risk and status_severity_order(status_risk) = 1)::int as turned_red_count,
    (status_severity_order(status_schedule) = 1)::int
    + (status_severity_order(status_budget) = 1)::int
    + (status_severity_order(status_quality) = 1)::int
    + (status_severity_order(status_risk) = 1)::int as red_dimension_count
  from flagged
  where is_red or worse_overall or worse_schedule or worse_budget or worse_quality or worse_risk
),

initiative_items as (
  select
    * exclude (is_red),
    case when is_red then 1 when turned_red_count > 0 then 2 else 5 end as tier,
    case when is_red then 'red' else 'worse' end as item
  from scored
),

initiative_ranked as (
  select
    *,
    row_number() over (
      partition by tier
      order by
        (worse_overall or is_new) desc,
        turned_red_count desc,
        red_dimension_count desc,
        worse_count desc,
        name,
        initiative_id
    ) as position
  from initiative_items
),

-- the open milestones of current_initiatives (as the open_milestones macro,
-- without filtering the initiatives a second time)
milestone_items as (
  select
    m.initiative_id,
    c.name,
    c.status_overall,
    m.milestone_id,
    m.title,
    m.kind as milestone_kind,
    m.decision_point,
    m.due_date,
    abs(date_diff('day', $today, m.due_date)) as days,
    case when m.due_date < $today then 3 else 6 end as tier,
    case when m.due_date < $today then 'overdue' else 'decision' end as item
  from milestones_of($snapshot_id) as m
  inner join current_initiatives as c using (initiative_id)
  where m.completed_date is null
    and (m.due_date < $today
      or (m.kind = $decision_kind and m.due_date <= $today + to_days($horizon_days)))
),

milestone_ranked as (
  select
    *,
    row_number() over (
      partition by tier
      order by due_date, name, title, milestone_id
    ) as position
  from milestone_items
),

risks_now as (
  select
    r.initiative_id,
    c.name,
    c.status_overall,
    r.risk_id,
    r.title,
    r.probability,
    r.consequence,
    r.probability * r.consequence as score
  from risks_of($snapshot_id) as r
  join current_initiatives as c using (initiative_id)
  where r.status <> $closed_status
    and r.probability * r.consequence >= $high_score
),

risks_then as (
  select
    risk_id,
    probability * consequence as old_score,
    status as old_status
  from risks_of($compare_id)
  where $compare_id <= $snapshot_id
),

risk_items as (
  select
    n.*,
    t.old_score,
    $compare_id is not null and t.risk_id is null as is_new_risk,
    4 as tier,
    'risk' as item
  from risks_now as n
  left join risks_then as t using (risk_id)
  where $compare_id is null
    or t.risk_id is null
    or t.old_score < $high_score
    or t.old_status = $closed_status
),

risk_ranked as (
  select
    *,
    row_number() over (
      partition by tier
      order by score desc, consequence desc, name, title, risk_id
    ) as position
  from risk_items
),

items as (
  select * from initiative_ranked
  union all by name
  select * from milestone_ranked
  union all by name
  select * from risk_ranked
),

-- the counts as one aggregate row joined to the rows sent, not as windows
-- over every item: DuckDB evaluates a `count(*) filter (...) over ()` frame
-- per row, which made this query quadratic in the items (16 s of 17 s at
-- 100 000 initiatives; tests/test_attention.py checks that it stays linear)
counts as (
  select
    count(*) as total_count,
    count(*) filter (where item = 'red') as red_count,
    count(*) filter (where item = 'worse') as worse_items_count,
    count(*) filter (where item = 'overdue') as overdue_count,
    count(*) filter (where item = 'risk') as risk_count,
    count(*) filter (where item = 'decision') as decision_count
  from items
),

sent as (
  select *
  from items
  order by tier, position
  limit $row_limit
)

select s.*, c.*
from sent as s
cross join counts as c
order by s.tier, s.position
