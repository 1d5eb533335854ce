-- Risks of the initiatives that pass the filters (and, when $initiative_id
-- is not null, of that initiative only), with the score (probability ×
-- consequence) and the score after mitigation, computed here, never stored.
-- Open risks only (status not $closed_status) unless $include_closed; only
-- one cell of the matrix when $probability and $consequence are not null.
-- Open before closed, highest score first (then higher consequence), at
-- most $row_limit rows, with how many there are.
with initiatives as (
  select initiative_id, name
  from filtered_initiatives($snapshot_id, $filters)
  where $initiative_id::varchar is null or initiative_id = $initiative_id::varchar
),

chosen as (
  select
    r.risk_id,
    r.initiative_id,
    i.name as initiative_name,
    r.title,
    r.description,
    r.category,
    r.probability,
    r.consequence,
    r.probability * r.consequence as score,
    r.owner,
    r.mitigation,
    r.status,
    r.strategy,
    r.identified_on,
    r.review_by,
    r.residual_probability,
    r.residual_consequence,
    r.residual_probability * r.residual_consequence as residual_score,
    r.status = $closed_status as is_closed
  from risks_of($snapshot_id) as r
  inner join initiatives as i using (initiative_id)
  where ($include_closed or r.status <> $closed_status)
    and ($probability::bigint is null or r.probability = $probability::bigint)
    and ($consequence::bigint is null or r.consequence = $consequence::bigint)
)

select
  *,
  count(*) over () as total_count
from chosen
order by is_closed, score desc, consequence desc, probability desc, review_by nulls last, initiative_name, title,
  risk_id
limit $row_limit
