-- Every initiative of the snapshot for the initiative picker: id and name,
-- ordered by name.
select initiative_id, name
from initiatives_of($snapshot_id)
order by name, initiative_id
