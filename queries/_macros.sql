-- Table macros shared by the named queries. Loaded once per connection by
-- portfolio/query/runner.py; not a query of its own (files starting with "_").
-- The order macros (status_order(s), status_severity_order(s), phase_order(p),
-- decision_point_order(d), statuses(), phases(), decision_points()) and the
-- table macros (<table>_of(snapshot_id): one snapshot's rows;
-- <table>_through(snapshot_id): every snapshot's rows up to that one, with
-- their snapshot_id) are not here: portfolio/query/orders.py generates them
-- from the schema.

-- The initiatives of one snapshot that pass the overview filters.
-- filters is a struct of lists; an empty list means "no filter":
--   {areas, phases, focus_areas, target_groups, statuses, programmes}
-- A programme filter keeps the programme itself and its children.
create or replace macro filtered_initiatives(snapshot, filters) as table
select i.*
from initiatives_of(snapshot) as i
where (len(filters['areas']) = 0 or list_contains(filters['areas'], i.owner_area))
  and (len(filters['phases']) = 0 or list_contains(filters['phases'], i.phase))
  and (len(filters['focus_areas']) = 0 or list_has_any(filters['focus_areas'], i.focus_areas))
  and (len(filters['target_groups']) = 0 or list_has_any(filters['target_groups'], i.target_groups))
  and (len(filters['statuses']) = 0 or list_contains(filters['statuses'], i.status_overall))
  and (
    len(filters['programmes']) = 0
    or list_contains(filters['programmes'], i.initiative_id)
    or list_contains(filters['programmes'], i.parent_id)
  );

-- The budget lines of one snapshot, with the rule every money figure
-- follows: where a line has no forecast, its forecast is its actual.
create or replace macro budget_lines(snapshot) as table
select * replace (coalesce(forecast_nok, actual_nok) as forecast_nok)
from budgets_of(snapshot);

-- The open milestones of the initiatives that pass the overview filters, with
-- the initiative's name, area, overall status and project leader.
create or replace macro open_milestones(snapshot, filters) as table
select
  m.milestone_id,
  m.initiative_id,
  i.name as initiative_name,
  i.owner_area,
  i.status_overall,
  i.project_leader,
  m.title,
  m.kind,
  m.decision_point,
  m.due_date,
  m.note
from milestones_of(snapshot) as m
inner join filtered_initiatives(snapshot, filters) as i using (initiative_id)
where m.completed_date is null;

-- The initiatives that pass the overview filters and run some of `year`
-- (started by its end, not ended before it began): what «Samhandling»
-- counts as active in the year. is_programme: other initiatives of the
-- snapshot belong to it (parent_id).
create or replace macro active_initiatives(snapshot, filters, year) as table
select
  i.*,
  exists (select 1 from initiatives_of(snapshot) as c where c.parent_id = i.initiative_id) as is_programme
from filtered_initiatives(snapshot, filters) as i
where i.start_date <= make_date(year::integer, 12, 31)
  and (i.end_date is null or i.end_date >= make_date(year::integer, 1, 1));

-- «Samhandling»: who takes part in the initiatives active in year that pass
-- the filters (programmes included: a programme is itself work done together).
-- One row per initiative and member: a kommunalområde (kind 'area': the owner
-- or a collaborating area) or an external partner (kind 'partner'), with the
-- programme the initiative belongs to (its parent, or itself when it is one;
-- null when none).
create or replace macro collaboration_members(snapshot, filters, year) as table
with active as (
  select initiative_id, parent_id, is_programme, owner_area, collaborating_areas, partners
  from active_initiatives(snapshot, filters, year)
),

memberships as (
  select
    a.initiative_id,
    p.initiative_id as programme_id,
    p.name as programme_name
  from active as a
  left join initiatives_of(snapshot) as p
    on p.initiative_id = (case when a.is_programme then a.initiative_id else a.parent_id end)
),

members as (
  select initiative_id, 'area' as kind, owner_area as node from active
  union
  select a.initiative_id, 'area' as kind, c.node
  from active as a
  cross join unnest(a.collaborating_areas) as c(node)
  union
  select a.initiative_id, 'partner' as kind, p.node
  from active as a
  cross join unnest(a.partners) as p(node)
)

select m.initiative_id, m.kind, m.node, s.programme_id, s.programme_name
from members as m
inner join memberships as s using (initiative_id);

-- The engagements (medvirkning) of one snapshot as «Samhandling» counts
-- them: those the project leader registered, and each Decidim meeting linked
-- to an initiative (decidim_links) as one more, held on its start date: an
-- online meeting is «digital medvirkning», one with an address a
-- «dialogmøte», public when its initiative is (as a registered engagement
-- must be), its attendees counted
-- as «andre» (Decidim does not split them into groups), its address in
-- place and its Decidim address in note. is_from_decidim tells them apart.
create or replace macro engagements_counted(snapshot) as table
select e.*, false as is_from_decidim
from engagements_of(snapshot) as e
union all by name
select
  'decidim-' || m.decidim_id::varchar as engagement_id,
  l.initiative_id,
  case when m.is_online then 'digital medvirkning' else 'dialogmøte' end as kind,
  m.title,
  try_cast(left(m.starts_at, 10) as date) as held_on,
  m.address as place,
  m.attendees as participants_other,
  coalesce(i.is_public, false) as is_public,
  m.url as note,
  true as is_from_decidim
from decidim_links_of(snapshot) as l
inner join decidim_meetings_of(snapshot) as m on m.decidim_id = l.decidim_id
inner join initiatives_of(snapshot) as i on i.initiative_id = l.initiative_id
where l.entity = 'meetings'
  and try_cast(left(m.starts_at, 10) as date) is not null;
