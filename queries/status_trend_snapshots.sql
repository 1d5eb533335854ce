-- The snapshots the status trend counts in (those up to the one shown that
-- hold initiatives), numbered oldest first as in status_trend_versions.sql,
-- with their dates (as status_trend_filtered.sql's).
select
  snapshot_no,
  snapshot_id,
  strptime(left(snapshot_id, 15), '%Y%m%dT%H%M%S')::date as snapshot_date
from version_snapshots_through($snapshot_id)
order by snapshot_no
