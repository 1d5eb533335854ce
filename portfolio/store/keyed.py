"""Rows of a snapshot by key: the named columns of only the rows whose key
is one of some values (the Changes page names the initiatives its changes
are about without reading every initiative: portfolio/present/change_read.py).

Like `Store.read_columns`, the statement names only the schema's table and
columns (checked against it); the snapshot id and the values are bound.
"""

from __future__ import annotations

from collections.abc import Iterable

import pyarrow as pa

from portfolio.model import schema
from portfolio.store import lake
from portfolio.store.snapshots import ID_COLUMN, Store


def read_keyed(store: Store, snapshot_id: str, table: str, columns: list[str], key: str,
               values: Iterable[str]) -> pa.Table:
    """The named columns (in the declared types) of the snapshot's rows of
    `table` whose `key` column is one of `values`; no rows when none is."""
    declared = schema.TABLES[table]
    unknown = [c for c in [*columns, key] if c not in declared.column_names]
    if unknown:
        raise KeyError(unknown)
    wanted = sorted({v for v in values if isinstance(v, str)})
    fields = pa.schema([declared.arrow_schema.field(c) for c in columns])
    if not wanted or store.get(snapshot_id).holds_no_rows(table):
        return fields.empty_table()
    selected = ", ".join(f't."{c}"' for c in columns)
    cur = store.cursor()
    try:
        with lake.reaching(store.place):
            found = cur.execute(
                f"with wanted as (select unnest($values) as value)\n"
                f'select {selected} from {lake.ALIAS}."{table}" as t\n'
                f'where t.{ID_COLUMN} = $id and t."{key}" in (select value from wanted)',
                {"id": snapshot_id, "values": wanted},
            ).to_arrow_table()
    finally:
        cur.close()
    return found.cast(fields).combine_chunks()
