-- Every initiative of the snapshot for the initiative picker: id and name,
-- ordered by name.
select initiative_id, name
from read_parquet($initiatives, hive_partitioning = false)
order by name, initiative_id
