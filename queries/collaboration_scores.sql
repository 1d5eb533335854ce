-- «Samhandling» and the initiative page: the collaboration scores
-- (relasjonell kapasitet) of the surveys of the initiatives that pass the
-- filters, and of the kommunalområder those initiatives name (as owner or
-- collaborating area); when $initiative_id is not null, of that initiative's
-- surveys only. Each score with its survey (unit, date, respondent group,
-- respondents, instrument) and its unit's name (the initiative's name, or the
-- kommunalområde) and its series (series: the unit's kind and id or name,
-- and the respondent group, as one key). A mean is returned only when at least $min_respondents
-- answered the dimension (n): else it is null, so that a mean of too few
-- answers never leaves the database. In unit, respondent group, dimension
-- and date order.
with initiatives as (
  select initiative_id, name, owner_area, collaborating_areas
  from filtered_initiatives($snapshot_id, $filters)
  where $initiative_id::varchar is null or initiative_id = $initiative_id::varchar
),

areas as (
  select owner_area as area
  from initiatives
  where $initiative_id::varchar is null
  union
  select unnest(collaborating_areas) as area
  from initiatives
  where $initiative_id::varchar is null
),

surveys as (
  select
    s.survey_id,
    s.initiative_id,
    s.area,
    coalesce(i.name, s.area) as unit_name,
    case when s.initiative_id is null then 'area' else 'initiative' end as unit_kind,
    concat_ws(
      ':', case when s.initiative_id is null then 'area' else 'initiative' end,
      coalesce(s.initiative_id, s.area), s.respondent_group
    ) as series,
    s.conducted_on,
    s.respondent_group,
    s.respondents,
    s.instrument
  from collaboration_surveys_of($snapshot_id) as s
  left join initiatives as i on i.initiative_id = s.initiative_id
  where i.initiative_id is not null
    or (s.initiative_id is null and s.area in (select area from areas))
)

select
  s.*,
  c.dimension,
  case when c.n >= $min_respondents then c.mean end as mean,
  c.n
from surveys as s
inner join collaboration_scores_of($snapshot_id) as c using (survey_id)
order by s.unit_kind desc, s.unit_name, s.respondent_group, c.dimension, s.conducted_on, s.survey_id
