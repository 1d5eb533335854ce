-- The initiatives of one snapshot that pass the portfolio filters; the
-- Changes page keeps the changes of these initiatives, and «Trenger
-- oppmerksomhet» the items of these initiatives (portfolio/present/attention.py).
select initiative_id
from filtered_initiatives($snapshot_id, $filters)
order by initiative_id
