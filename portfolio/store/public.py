"""The public projection: what citizens and politicians may see, public by
construction.

Public rows: initiatives with ``is_public``; budget rows of public
initiatives; milestones, decisions, benefits and engagements with
``is_public`` of public initiatives; the measurements of public benefits;
the links to Decidim of public initiatives and the Decidim rows they name.
Risks, checklist answers, collaboration surveys and their scores have no
public column and are never read; nor are an engagement's participant
counts and note (internal columns). Public
columns: those declared ``public=True`` in portfolio/schema.py (the one
declaration). A public initiative's reference to a programme that is not
public is dropped, so not even the id of an internal initiative is shown.

A snapshot is read with an explicit column list built from the schema
(`Store.read_columns`, which selects only those columns from the lake's data
files; `pyarrow.parquet.read_table(columns=...)` for an exported folder): the
public columns and the ``is_public`` row flag, nothing else. Internal columns (comments, statuses,
forecasts, notes, project leaders) are never read into memory, so nothing
built on this module can show them. The public pages get their data only
from here; `export()` writes the same projection for publishing
(``python -m portfolio export-public``), and `load()` reads either the
latest snapshot's projection or such an exported folder
(``PORTFOLIO_PUBLIC_DATA``).

What the public page shows is made from this projection in
portfolio.present.public (`cards()`), so that the page only draws.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import json
from collections.abc import Callable, Mapping
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from portfolio import config
from portfolio.model import schema
from portfolio.store.snapshots import Store

ROW_FLAG = "is_public"  # read to choose rows, never returned
META_FILE = "_public.json"


class PublicDataMissing(FileNotFoundError):
    """The exported folder does not hold a public projection."""


# -- the projection --------------------------------------------------------

def public_columns(table: str) -> list[str]:
    """The public columns of a table, in schema order."""
    return schema.TABLES[table].public_columns


def read_columns(table: str) -> list[str]:
    """The columns read from a snapshot file: the public ones, plus the row
    flag where the table has one (it chooses rows and is dropped at once)."""
    columns = public_columns(table)
    if ROW_FLAG in schema.TABLES[table].column_names:
        columns = [*columns, ROW_FLAG]
    return columns


def public_schema(table: str) -> pa.Schema:
    declared = schema.TABLES[table].arrow_schema
    return pa.schema([declared.field(name) for name in public_columns(table)])


# The tables with public columns, in schema order: risks, checklist answers, collaboration surveys and
# scores have none
PUBLIC_TABLES = tuple(name for name in schema.TABLE_NAMES if schema.TABLES[name].public_columns)


def _flagged(read: Reader, table: str, ids: pa.Array) -> pa.Table:
    """The rows of `table` marked public that belong to a public initiative."""
    rows = read(table, read_columns(table))
    return rows.filter(pc.and_(pc.fill_null(rows[ROW_FLAG], False),
                               pc.is_in(rows["initiative_id"], value_set=ids)))


def _decidim(read: Reader, ids: pa.Array) -> dict[str, pa.Table]:
    """The links to public initiatives, and the Decidim rows they name (Decidim publishes all of its rows
    itself; the public page shows those that tell a public initiative's story)."""
    links = read("decidim_links", read_columns("decidim_links"))
    links = links.filter(pc.is_in(links["initiative_id"], value_set=ids))
    out = {"decidim_links": links}
    for entity in schema.DECIDIM_ENTITIES:
        linked = links.filter(pc.equal(links["entity"], entity))["decidim_id"].combine_chunks()
        rows = read(f"decidim_{entity}", read_columns(f"decidim_{entity}"))
        out[f"decidim_{entity}"] = rows.filter(pc.is_in(rows["decidim_id"], value_set=linked))
    return out


# (table, columns) -> those columns of the table, and no others
Reader = Callable[[str, list[str]], pa.Table]


def _read(path: Path, table: str, columns: list[str]) -> pa.Table:
    return pq.read_table(path, columns=columns, partitioning=None)


def snapshot_reader(store: Store, snapshot_id: str) -> Reader:
    return functools.partial(store.read_columns, snapshot_id)


def project(read: Reader) -> dict[str, pa.Table]:
    """The public projection of one snapshot, given a reader of its tables'
    columns (`snapshot_reader`)."""
    initiatives = read("initiatives", read_columns("initiatives"))
    initiatives = initiatives.filter(pc.fill_null(initiatives[ROW_FLAG], False))
    ids = initiatives["initiative_id"].combine_chunks()
    parent = initiatives["parent_id"]
    known_parent = pc.is_in(parent, value_set=ids)
    initiatives = initiatives.set_column(
        initiatives.schema.get_field_index("parent_id"), "parent_id",
        pc.if_else(known_parent, parent, pa.scalar(None, pa.string())),
    )

    budgets = read("budgets", read_columns("budgets"))
    budgets = budgets.filter(pc.is_in(budgets["initiative_id"], value_set=ids))

    milestones = read("milestones", read_columns("milestones"))
    milestones = milestones.filter(
        pc.and_(pc.fill_null(milestones[ROW_FLAG], False),
                pc.is_in(milestones["initiative_id"], value_set=ids))
    )
    decisions = _flagged(read, "decisions", ids)
    benefits = _flagged(read, "benefits", ids)
    measurements = read("benefit_measurements", read_columns("benefit_measurements"))
    measurements = measurements.filter(pc.is_in(measurements["benefit_id"],
                                                value_set=benefits["benefit_id"].combine_chunks()))
    engagements = _flagged(read, "engagements", ids)
    tables = {"initiatives": initiatives, "budgets": budgets, "milestones": milestones,
              "decisions": decisions, "benefits": benefits, "benefit_measurements": measurements,
              "engagements": engagements, **_decidim(read, ids)}
    assert set(tables) == set(PUBLIC_TABLES)
    return {
        name: table.select(public_columns(name)).cast(public_schema(name)).combine_chunks()
        for name, table in tables.items()
    }


@dataclasses.dataclass(frozen=True)
class Source:
    """Where the public data comes from: which snapshot, and when it was made."""

    snapshot_id: str
    created: dt.datetime
    is_demo: bool

    def to_json(self) -> dict:
        return {
            "snapshot_id": self.snapshot_id,
            "created_at": self.created.isoformat(timespec="milliseconds"),
            "is_demo": self.is_demo,
        }


@dataclasses.dataclass(frozen=True)
class PublicData:
    source: Source
    initiatives: pd.DataFrame
    budgets: pd.DataFrame
    milestones: pd.DataFrame
    decisions: pd.DataFrame
    benefits: pd.DataFrame
    benefit_measurements: pd.DataFrame
    engagements: pd.DataFrame
    decidim_links: pd.DataFrame
    decidim_results: pd.DataFrame
    decidim_projects: pd.DataFrame
    decidim_proposals: pd.DataFrame
    decidim_meetings: pd.DataFrame
    # cards already built, per search and phase (see `cards`)
    memo: dict = dataclasses.field(default_factory=dict, compare=False, repr=False)

    @property
    def tables(self) -> dict[str, pd.DataFrame]:
        return {name: getattr(self, name) for name in PUBLIC_TABLES}


def _frames(tables: Mapping[str, pa.Table]) -> dict[str, pd.DataFrame]:
    return {name: tables[name].to_pandas() for name in PUBLIC_TABLES}


@functools.lru_cache(maxsize=8)
def _snapshot_data(root: str, snapshot_id: str) -> PublicData:
    # Snapshots are immutable: the projection of one never changes.
    store = Store(root)
    meta = store.get(snapshot_id)
    frames = _frames(project(snapshot_reader(store, snapshot_id)))
    return PublicData(Source(meta.snapshot_id, meta.created, meta.is_demo), **frames)


def snapshot_data(store: Store, snapshot_id: str) -> PublicData:
    """The public projection of one snapshot (cached: snapshots never change)."""
    return _snapshot_data(str(store.root), snapshot_id)


def latest_data(root: Path) -> PublicData | None:
    """The public projection of the latest snapshot under `root`, if any."""
    store = Store(root)
    meta = store.latest()
    return snapshot_data(store, meta.snapshot_id) if meta else None


# -- export ------------------------------------------------------------------

def export(store: Store, snapshot_id: str, out_dir: Path) -> dict[str, int]:
    """Write a snapshot's public projection to `out_dir`: per table a Parquet
    file (uncompressed, so that anyone can check what it holds) and a CSV
    file as Norwegian Excel opens it, and `_public.json` saying which
    snapshot it is. Returns the row count per table."""
    from portfolio.store import export as files

    meta = store.get(snapshot_id)
    tables = project(snapshot_reader(store, snapshot_id))
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    for name, table in tables.items():
        pq.write_table(table, out_dir / f"{name}.parquet", compression="none")
        (out_dir / f"{name}.csv").write_bytes(files.to_csv(table.to_pandas()))
    counts = {name: table.num_rows for name, table in tables.items()}
    source = Source(meta.snapshot_id, meta.created, meta.is_demo)
    info = {
        **source.to_json(),
        "row_counts": counts,
        "columns": {name: public_columns(name) for name in PUBLIC_TABLES},
    }
    (out_dir / META_FILE).write_text(json.dumps(info, ensure_ascii=False, indent=2) + "\n")
    return counts


@functools.lru_cache(maxsize=4)
def _export_data(folder: str, stamp: tuple) -> PublicData:
    path = Path(folder)
    info = json.loads((path / META_FILE).read_text())
    tables = {name: _read_export(path, name) for name in PUBLIC_TABLES}
    source = Source(info["snapshot_id"], dt.datetime.fromisoformat(info["created_at"]), bool(info["is_demo"]))
    return PublicData(source, **_frames(tables))


def _read_export(folder: Path, name: str) -> pa.Table:
    path = folder / f"{name}.parquet"
    if not path.exists() and schema.TABLES[name].is_later:
        return public_schema(name).empty_table()  # exported before the table existed
    return _read(path, name, public_columns(name)).cast(public_schema(name))


def export_data(folder: Path) -> PublicData:
    """An exported public projection (the folder `export()` wrote)."""
    folder = Path(folder)
    files = [folder / META_FILE] + [folder / f"{name}.parquet" for name in PUBLIC_TABLES
                                    if not schema.TABLES[name].is_later or (folder / f"{name}.parquet").exists()]
    try:
        stamp = tuple(f.stat().st_mtime_ns for f in files)
    except FileNotFoundError as missing:
        raise PublicDataMissing(str(folder)) from missing
    return _export_data(str(folder), stamp)


def load() -> PublicData | None:
    """What the public pages show: the exported projection in
    PORTFOLIO_PUBLIC_DATA when set, else the latest snapshot's projection
    (None when there is no snapshot). Raises PublicDataMissing when
    PORTFOLIO_PUBLIC_DATA names a folder without an export."""
    folder = config.public_data_dir()
    if folder is not None:
        return export_data(folder)
    return latest_data(config.data_dir())


