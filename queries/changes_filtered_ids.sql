-- The initiatives of one snapshot that pass the portfolio filters, with the
-- filters in SQL: what portfolio/present/filters.py `passing_ids` must equal
-- (tests/test_filtered_rows.py). The pages work that out in numpy over
-- filter_rows.sql's columns, read once per snapshot: a filter change then runs
-- no query (this one took 4–9 ms at 10 000 initiatives, most of it planning).
select initiative_id
from filtered_initiatives($snapshot_id, $filters)
order by initiative_id
