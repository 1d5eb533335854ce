-- Benefits of the initiatives that pass the filters (and, when
-- $initiative_id is not null, of that initiative only), the measurable ones
-- and the qualitative ones (kind $qualitative_kind: is_qualitative). Each
-- with its measurements (points: a list of measured_on, value, comment and
-- achievement, by date), how many there are, the latest, and its achievement
-- (latest − baseline) / (target − baseline) when all three are known and
-- the target differs from the baseline. Per kind: lowest achievement first
-- (benefits that cannot be measured against their target last), at most
-- $row_limit rows, with how many there are (total_count), how many have an
-- achievement (measured_total) and how many of those have reached the
-- target, are at least half way or less than half way; and, for both kinds,
-- how many benefits have at least one measurement (with_measurements).
with initiatives as (
  select initiative_id, name
  from filtered_initiatives($snapshot_id, $filters)
  where $initiative_id::varchar is null or initiative_id = $initiative_id::varchar
),

chosen as (
  select b.*, i.name as initiative_name, b.kind = $qualitative_kind as is_qualitative
  from benefits_of($snapshot_id) as b
  inner join initiatives as i using (initiative_id)
),

measured as (
  select
    m.benefit_id,
    count(*) as measurement_count,
    arg_max(m.value, m.measured_on) as latest_value,
    max(m.measured_on) as latest_on,
    list(
      {
        'measured_on': m.measured_on,
        'value': m.value,
        'comment': m.comment,
        'achievement': (m.value - c.baseline) / nullif(c.target - c.baseline, 0)
      }
      order by m.measured_on
    ) as points
  from benefit_measurements_of($snapshot_id) as m
  inner join chosen as c using (benefit_id)
  group by m.benefit_id
),

rows as (
  select
    c.benefit_id,
    c.initiative_id,
    c.initiative_name,
    c.title,
    c.kind,
    c.is_qualitative,
    c.owner,
    c.indicator,
    c.unit,
    c.baseline,
    c.baseline_on,
    c.target,
    c.target_on,
    coalesce(m.measurement_count, 0) as measurement_count,
    m.latest_value,
    m.latest_on,
    m.points,
    (m.latest_value - c.baseline) / nullif(c.target - c.baseline, 0) as achievement
  from chosen as c
  left join measured as m using (benefit_id)
),

ranked as (
  select
    *,
    row_number() over (
      partition by is_qualitative
      order by achievement nulls last, initiative_name, title, benefit_id
    ) as position
  from rows
),

totals as (
  select
    is_qualitative,
    count(*) as total_count,
    count(achievement) as measured_total,
    count(*) filter (where achievement >= 1) as reached_count,
    count(*) filter (where achievement >= 0.5 and achievement < 1) as halfway_count,
    count(*) filter (where achievement < 0.5) as behind_count
  from rows
  group by is_qualitative
),

overall as (
  select count(*) filter (where measurement_count > 0) as with_measurements
  from rows
)

select r.*, t.* exclude (is_qualitative), o.with_measurements
from ranked as r
inner join totals as t using (is_qualitative)
cross join overall as o
where r.position <= $row_limit
order by r.is_qualitative, r.position
