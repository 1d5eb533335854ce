-- The rows of collaboration_surveys that can make a change between two
-- snapshots, or that a change needs (the Changes page,
-- portfolio/present/change_read.py), with their snapshot_id: both snapshots'
-- rows of every survey that has a row without an identical row in the other
-- snapshot, and of every survey in the series of a survey with a score
-- without one: a score's change holds its survey's facts and the previous
-- score of its series (the same initiative, kommunalområde and respondent
-- group: portfolio/model/collaboration.py). $snapshot_id is the later of the
-- two snapshots (<table>_through reads every snapshot up to it), $compare_id
-- the earlier.
with survey_pair as (
  select *
  from collaboration_surveys_through($snapshot_id)
  where snapshot_id = $snapshot_id or snapshot_id = $compare_id
),

score_pair as (
  select *
  from collaboration_scores_through($snapshot_id)
  where snapshot_id = $snapshot_id or snapshot_id = $compare_id
),

surveys_differing as (
  select * exclude (snapshot_id)
  from survey_pair
  group by all
  having count(*) = 1
),

scores_differing as (
  select * exclude (snapshot_id)
  from score_pair
  group by all
  having count(*) = 1
),

series as (
  select distinct
    coalesce(s.initiative_id, '') as unit_initiative,
    coalesce(s.area, '') as unit_area,
    coalesce(s.respondent_group, '') as unit_group
  from survey_pair as s
  semi join scores_differing as d using (survey_id)
),

wanted as (
  select s.survey_id
  from survey_pair as s
  inner join series as r
    on coalesce(s.initiative_id, '') = r.unit_initiative
    and coalesce(s.area, '') = r.unit_area
    and coalesce(s.respondent_group, '') = r.unit_group
  union
  select survey_id
  from surveys_differing
)

select p.*
from survey_pair as p
semi join wanted as w using (survey_id)
