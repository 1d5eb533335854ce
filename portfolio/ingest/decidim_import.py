"""A Decidim export as a new snapshot (issue 17): `python -m portfolio
import-decidim` and «Hent fra Decidim» on «Oppdater data».

    prepared = prepare_decidim("deltakristiansand.no-open-data.zip", store)
    pipeline.changes(prepared, store)          # the preview, as for every update
    pipeline.commit(prepared, store, author=…, note=…)

The reader (portfolio/ingest/decidim.py) gives its own columns;
`snapshot_tables` turns them into the stored tables (schema_decidim): no
descriptions or bodies, the instance's host on every row, meetings' times as
«YYYY-MM-DD HH:MM» in Norwegian local time, proposals' publication as a date,
titles cut at 200 characters. The tables the export holds replace the base's;
every other table (the portfolio, the links to Decidim, a Decidim table the
export lacks) is kept from the base. The whole snapshot goes through the same
validation as every update (pipeline.prepare_tables), so a bad value is a
problem naming the file, row and column, and nothing is written.

Bad data (DecidimRefused) becomes `Prepared.problems`; a source that cannot be
reached (DecidimUnavailable: a URL that times out, a missing path) is raised,
so that the command line can exit with 2, not 1.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from portfolio.ingest import pipeline
from portfolio.ingest.decidim import DecidimExport, DecidimRefused, DecidimUnavailable, read_decidim
from portfolio.ingest.reading import FileProblem, Source, TableData
from portfolio.model import schema, validate
from portfolio.model.declare import SHORT_TEXT
from portfolio.model.schema_decidim import DECIDIM_TABLES
from portfolio.store.snapshots import SnapshotNotFound, Store
from portfolio.texts import decidim as T
from portfolio.texts import update as U

__all__ = ["DecidimUnavailable", "dangling_links", "dangling_text", "prepare_decidim", "snapshot_tables"]

LOCAL_ZONE = "Europe/Oslo"
MAX_UNPACKED_BYTES = 200 * 2**20  # a ZIP may unpack to this much (read_decidim's default)
ELLIPSIS = "…"
# Stored column -> the reader's column it is made from (the rest keep their names)
_FROM_READER = {"starts_at": "start_time", "ends_at": "end_time", "published_on": "published_at"}
# Stored column -> Decidim's field, as a problem names the column (a Decidim file's header)
DECIDIM_FIELDS = {"decidim_id": "id", "parent_id": "parent/id", "title": "title", "status": "status",
                  "component_id": "component/id", "starts_at": "start_time", "ends_at": "end_time",
                  "published_on": "published_at", "endorsements": "endorsements/total_count"}


def _title(values: pd.Series) -> pd.Series:
    """Titles of at most SHORT_TEXT characters; a longer one cut, ending in «…»."""
    def cut(value):
        if isinstance(value, str) and len(value) > SHORT_TEXT:
            return value[: SHORT_TEXT - 1].rstrip() + ELLIPSIS
        return value
    return values.map(cut).astype(object)


def _local_minutes(values: pd.Series) -> pd.Series:
    """UTC times without a zone as «YYYY-MM-DD HH:MM» in Norwegian local time (None when missing)."""
    times = pd.to_datetime(values).dt.tz_localize("UTC").dt.tz_convert(LOCAL_ZONE)
    text = times.dt.strftime("%Y-%m-%d %H:%M")
    return text.astype(object).where(times.notna(), None)


def _local_dates(values: pd.Series) -> pd.Series:
    """UTC times without a zone as their date in Norwegian local time (None when missing)."""
    times = pd.to_datetime(values).dt.tz_localize("UTC").dt.tz_convert(LOCAL_ZONE)
    return pd.Series([t.date() if not pd.isna(t) else None for t in times], index=values.index, dtype=object)


def snapshot_table(name: str, frame: pd.DataFrame, host: str | None) -> pd.DataFrame:
    """One reader frame in the stored table's columns (schema.TABLES[name].column_names)."""
    table = schema.TABLES[name]
    out: dict[str, pd.Series] = {}
    for column in table.column_names:
        if column == "host":
            out[column] = pd.Series([host] * len(frame), index=frame.index, dtype=object)
        elif column == "title":
            out[column] = _title(frame["title"])
        elif column in ("starts_at", "ends_at"):
            out[column] = _local_minutes(frame[_FROM_READER[column]])
        elif column == "published_on":
            out[column] = _local_dates(frame[_FROM_READER[column]])
        else:
            out[column] = frame[column]
    return pd.DataFrame(out, columns=list(table.column_names)).reset_index(drop=True)


def snapshot_tables(export: DecidimExport) -> dict[str, pd.DataFrame]:
    """The export's tables as the snapshot stores them (only the tables it holds)."""
    return {name: snapshot_table(name, frame, export.host) for name, frame in export.tables.items()}


def prepare_decidim(source: str | Path | bytes, store: Store, *, name: str | None = None,
                    base_id: str | None = None, timeout_s: float = 10.0, download_s: float | None = None,
                    max_unpacked_bytes: int = MAX_UNPACKED_BYTES) -> pipeline.Prepared:
    """Read a Decidim export and validate the snapshot it makes on the base
    (`base_id`, else the latest). Writes nothing. Raises DecidimUnavailable
    when the source cannot be reached; every other problem is in
    `Prepared.problems`."""
    base, problems = None, []
    if base_id is not None:
        try:
            base = store.get(base_id)
        except SnapshotNotFound:
            problems.append(FileProblem(U.PROBLEMS["unknown_base"].format(snapshot_id=base_id)))
    else:
        base = store.latest()
        if base is None:  # Decidim's rows are added to a portfolio, never a snapshot of their own
            return pipeline.prepare_tables({}, store, base=None, problems=[FileProblem(T.IMPORT["no_portfolio"])])
    try:
        export = read_decidim(source, name=name, timeout_s=timeout_s, download_s=download_s,
                              max_unpacked_bytes=max_unpacked_bytes)
    except DecidimRefused as refused:
        return pipeline.prepare_tables({}, store, base=base, problems=problems + list(refused.problems))
    files = dict(zip(export.tables, export.files, strict=True))
    if not export.tables:
        problems.append(FileProblem(T.REFUSED["no_entities"], Source("file", file=_shown(source, name))))
    elif not export.host:
        problems.append(FileProblem(T.IMPORT["no_host"], Source("file", file=", ".join(export.files))))
    tables = {}
    for table, frame in snapshot_tables(export).items():
        data = TableData(table, Source("file", file=files[table], csv=True), frame,
                         list(range(validate.FIRST_DATA_ROW, len(frame) + validate.FIRST_DATA_ROW)),
                         labels={c: DECIDIM_FIELDS.get(c, c) for c in frame.columns})
        tables[table] = data
    return pipeline.prepare_tables(tables, store, base=base, problems=problems)


def _shown(source, name: str | None) -> str:
    if name:
        return name
    if isinstance(source, bytes):
        return T.UNNAMED_SOURCE
    return str(source)


def dangling_links(prepared: pipeline.Prepared) -> list[tuple[str, int, str]]:
    """The links to Decidim (entity, decidim_id, initiative_id) whose row the
    new snapshot's Decidim tables do not hold (not an error: the project leader
    removes or changes them)."""
    if not prepared.ok:
        return []
    links = prepared.tables["decidim_links"].to_pylist()
    if not links:
        return []
    known = set()
    for table in DECIDIM_TABLES:
        entity = table.removeprefix("decidim_")
        known.update((entity, i) for i in prepared.tables[table].column("decidim_id").to_pylist())
    return [(link["entity"], link["decidim_id"], link["initiative_id"]) for link in links
            if (link["entity"], link["decidim_id"]) not in known]


def dangling_text(dangling: list[tuple[str, int, str]], shown: int = 10) -> str | None:
    """«Merk: 2 koblinger peker på Decidim-rader som ikke finnes lenger (results 101 → tiltak-1, …)»."""
    if not dangling:
        return None
    rows = ", ".join(f"{entity} {decidim_id} → {initiative}" for entity, decidim_id, initiative in dangling[:shown])
    if len(dangling) > shown:
        rows += T.IMPORT["dangling_more"].format(count=len(dangling) - shown)
    words = T.IMPORT["dangling"]
    return (words["one"] if len(dangling) == 1 else words["many"]).format(count=len(dangling), rows=rows)
