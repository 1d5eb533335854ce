-- One initiative in every snapshot up to the one shown (oldest first): its
-- statuses, phase, decision point and people, and whether its row, its budget
-- rows or its milestones changed since the snapshot before. A snapshot where
-- the initiative does not exist has is_present = false (its removal counts as
-- a change). The shown snapshot is $snapshot_id; reads stop there, so later
-- snapshots' data files are not opened.
with snapshots as (
  select distinct snapshot_id
  from initiatives_through($snapshot_id)
),

initiative_rows as materialized (
  select *
  from initiatives_through($snapshot_id)
  where initiative_id = $initiative_id
),

row_hashes as (
  select snapshot_id, hash(*columns(* exclude (snapshot_id))) as row_hash
  from initiative_rows
),

budget_hashes as (
  select snapshot_id, hash(list(row_hash order by row_hash)) as budget_hash
  from (
    select snapshot_id, hash(*columns(* exclude (snapshot_id))) as row_hash
    from budgets_through($snapshot_id)
    where initiative_id = $initiative_id
  )
  group by snapshot_id
),

milestone_hashes as (
  select snapshot_id, hash(list(row_hash order by row_hash)) as milestone_hash
  from (
    select snapshot_id, hash(*columns(* exclude (snapshot_id))) as row_hash
    from milestones_through($snapshot_id)
    where initiative_id = $initiative_id
  )
  group by snapshot_id
),

changes as (
  select
    s.snapshot_id,
    r.row_hash is not null as is_present,
    r.row_hash is distinct from lag(r.row_hash) over w as is_row_changed,
    b.budget_hash is distinct from lag(b.budget_hash) over w as is_budget_changed,
    m.milestone_hash is distinct from lag(m.milestone_hash) over w as is_milestone_changed
  from snapshots as s
  left join row_hashes as r using (snapshot_id)
  left join budget_hashes as b using (snapshot_id)
  left join milestone_hashes as m using (snapshot_id)
  window w as (order by s.snapshot_id)
)

select
  c.snapshot_id,
  c.is_present,
  c.is_row_changed,
  c.is_budget_changed,
  c.is_milestone_changed,
  i.name,
  i.parent_id,
  i.owner_area,
  i.project_owner,
  i.project_leader,
  i.phase,
  i.last_decision_point,
  i.status_overall,
  i.status_schedule,
  i.status_budget,
  i.status_quality,
  i.status_risk,
  i.status_summary,
  i.start_date,
  i.end_date
from changes as c
left join initiative_rows as i using (snapshot_id)
order by c.snapshot_id
