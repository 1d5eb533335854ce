-- The initiatives of one snapshot that pass the portfolio filters; the
-- Changes page keeps the changes of these initiatives.
select initiative_id
from filtered_initiatives($snapshot_id, $filters)
order by initiative_id
