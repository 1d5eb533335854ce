"""Reading the project leader's files into a new snapshot, safely.

The path of every data update, for the command line and the page alike::

    prepare(uploads, store)          read + parse + validate; nothing is written
      -> Prepared                     every problem at once, or the tables ready to save
    changes(prepared, store)         what would change against the base (portfolio.model.diff)
    commit(prepared, store, ...)     a new snapshot; refused on conflict, skipped when unchanged

Accepted files: the Excel template (.xlsx, one sheet per table;
portfolio.ingest.excel_reader) and CSV files, one per table
(portfolio.ingest.csv_reader). Tables that no file holds are kept unchanged
from the base snapshot (so a workbook made before the governance register's
tables existed leaves them as they are); with no base, a missing register
table is empty. `prepare_frames` and `prepare_restore` take whole
tables from the app's editor or an old snapshot through the same checks.

Every problem names file, sheet (or table), row (as Excel numbers it) and
column, in Norwegian. Nothing here raises on a bad file: problems are data.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import PurePath

import pandas as pd
import pyarrow as pa

from portfolio import config, fmt
from portfolio.ingest import sniff
from portfolio.ingest.csv_reader import read_csv
from portfolio.ingest.excel_reader import read_workbook
from portfolio.ingest.reading import FileProblem, Limits, Progress, Reading, Source, TableData, Upload, no_progress, part_of
from portfolio.model import diff, schema, validate
from portfolio.store import meta as store_meta
from portfolio.store import snapshots as store_mod
from portfolio.store.snapshots import SnapshotConflict, SnapshotMeta, SnapshotNotFound, Store
from portfolio.texts import update as T

P = T.PROBLEMS


def read_files(uploads: list[Upload], limits: Limits | None = None, progress: Progress = no_progress) -> Reading:
    """Read every file; never raises on a bad file. `progress` goes from 0
    to 1 over the files, in equal parts."""
    limits = limits or Limits()
    reading = Reading()
    if not uploads:
        reading.problems.append(FileProblem(P["no_files"]))
        return reading
    for number, upload in enumerate(uploads):
        told = part_of(progress, number / len(uploads), (number + 1) / len(uploads))
        told(0.0, "file", file=upload.name)
        source = Source("file", file=upload.name)
        data = upload.data
        extension = PurePath(upload.name).suffix.lower()
        if len(data) == 0:
            reading.problems.append(FileProblem(P["empty"], source))
            continue
        if len(data) > limits.max_bytes:
            reading.problems.append(FileProblem(
                P["too_big"].format(size=sniff.megabytes(len(data)), limit=sniff.megabytes(limits.max_bytes)),
                source))
            continue
        try:
            if extension in (".xlsx", ".xlsm"):
                read_workbook(upload, reading, limits, told)
            elif extension in (".csv", ".txt"):
                read_csv(upload, reading, limits)
            elif extension == ".xls":
                reading.problems.append(FileProblem(P["old_xls"], source))
            else:
                reading.problems.append(FileProblem(
                    P["unknown_type"].format(ext=extension or upload.name), source))
        except Exception as err:  # a file no check above foresaw: a problem, never a crash
            reading.problems.append(FileProblem(P["unreadable"].format(reason=type(err).__name__), source))
    return reading


# -- prepare: read, parse, validate against a base -------------------------------------

@dataclass
class Prepared:
    """Tables ready to save (or the problems that stop them), and their base."""

    base: SnapshotMeta | None
    problems: list[FileProblem]
    sources: dict[str, Source]
    tables: dict[str, pa.Table] | None = None  # validated, in the declared schema
    content_hash: str | None = None
    latest_id: str | None = None  # the latest snapshot when prepared

    @property
    def ok(self) -> bool:
        return not self.problems and self.tables is not None

    @property
    def unchanged(self) -> bool:
        return self.ok and self.base is not None and self.content_hash == self.base.content_hash

    @property
    def is_stale(self) -> bool:
        """Another snapshot was saved after the base (a commit would be refused)."""
        return (self.base.snapshot_id if self.base else None) != self.latest_id

    def frames(self) -> dict[str, pd.DataFrame]:
        assert self.tables is not None
        return {name: t.to_pandas() for name, t in self.tables.items()}

    def row_counts(self) -> dict[str, int]:
        """Rows per table as the snapshot will record them (an empty table
        added to the schema later is not counted: portfolio.store.meta)."""
        return store_meta.row_counts(self.tables) if self.tables else {}


READ_SHARE = 0.75  # of an upload's progress, the reading (the check takes the rest)


def prepare(uploads: list[Upload], store: Store, *, base_id: str | None = None,
            limits: Limits | None = None, progress: Progress = no_progress) -> Prepared:
    """Read, parse and validate uploaded files against the base snapshot:
    `base_id` if given, else the id the file carries, else the latest.
    `progress` is told of each file and sheet read, then of the check."""
    reading = read_files(uploads, limits, part_of(progress, 0.0, READ_SHARE))
    progress(READ_SHARE, "checking")
    problems = list(reading.problems)
    base, base_problems = _resolve_base(store, base_id, reading)
    problems.extend(base_problems)
    return _finish(reading.tables, problems, store, base)


def prepare_frames(frames: dict[str, pd.DataFrame], store: Store, *, base_id: str | None,
                   kind: str = "edits", snapshot_id: str | None = None) -> Prepared:
    """Validate whole tables made in the app (or taken from a snapshot) against a base."""
    problems: list[FileProblem] = []
    base = None
    if base_id is not None:
        try:
            base = store.get(base_id)
        except SnapshotNotFound:
            problems.append(FileProblem(P["unknown_base"].format(snapshot_id=base_id)))
    source = Source(kind, snapshot_id=snapshot_id)
    tables = {
        name: TableData(name, source, frame.reset_index(drop=True), _row_numbers(frame))
        for name, frame in frames.items() if name in schema.TABLES
    }
    return _finish(tables, problems, store, base)


def prepare_tables(tables: dict[str, TableData], store: Store, *, base: SnapshotMeta | None,
                   problems: list[FileProblem]) -> Prepared:
    """Tables read by another importer (Decidim: portfolio/ingest/decidim_import.py)
    validated with the rest of the base; with problems already, nothing more is read."""
    if problems:
        latest = store.latest()
        return Prepared(base=base, problems=list(problems), sources={n: t.source for n, t in tables.items()},
                        latest_id=latest.snapshot_id if latest else None)
    return _finish(tables, [], store, base)


def prepare_restore(store: Store, snapshot_id: str) -> Prepared:
    """A new snapshot equal to an old one, on top of the latest."""
    latest = store.latest()
    frames = store.read_frames(snapshot_id)
    return prepare_frames(frames, store, base_id=latest.snapshot_id if latest else None,
                          kind="snapshot", snapshot_id=snapshot_id)


def _row_numbers(frame: pd.DataFrame) -> list[int]:
    """Row numbers of a whole table as a sheet would number them."""
    return list(range(validate.FIRST_DATA_ROW, len(frame) + validate.FIRST_DATA_ROW))


def _resolve_base(store: Store, base_id: str | None, reading: Reading) -> tuple[SnapshotMeta | None, list[FileProblem]]:
    problems: list[FileProblem] = []
    if base_id is not None:
        try:
            return store.get(base_id), problems
        except SnapshotNotFound:
            return None, [FileProblem(P["unknown_base"].format(snapshot_id=base_id))]
    ids = set(reading.base_ids.values())
    if len(ids) > 1:
        problems.append(FileProblem(P["mixed_bases"].format(ids=", ".join(sorted(ids)))))
        return store.latest(), problems
    if ids:
        wanted = ids.pop()
        try:
            return store.get(wanted), problems
        except SnapshotNotFound:
            files = [f for f, i in reading.base_ids.items() if i == wanted]
            problems.append(FileProblem(P["unknown_base"].format(snapshot_id=wanted),
                                        Source("file", file=files[0])))
            return None, problems
    return store.latest(), problems


def _finish(tables: dict[str, TableData], problems: list[FileProblem], store: Store,
            base: SnapshotMeta | None) -> Prepared:
    latest = store.latest()
    tables = dict(tables)
    sources = {name: t.source for name, t in tables.items()}
    missing = [name for name in schema.TABLE_NAMES if name not in tables]
    if missing:
        base_frames = store.read_frames(base.snapshot_id, tables=missing) if base else {}
        for name in missing:
            if base is None:
                later = schema.TABLES[name].is_later  # none yet: an empty register, never a problem
                if not later and not any(p.table == name and p.row is None and p.column is None
                                         for p in problems):
                    problems.append(FileProblem(P["missing_table"], None, name))
                frame = validate.empty_frame(schema.TABLES[name]) if later else \
                    pd.DataFrame(columns=schema.TABLES[name].column_names)
                source = Source("base", snapshot_id=None)
            else:
                frame = base_frames[name]
                source = Source("base", snapshot_id=base.snapshot_id)
            tables[name] = TableData(name, source, frame, _row_numbers(frame))
            if base is not None:
                sources[name] = source
    normalized = {name: tables[name].frame if tables[name].normalized else _normalize(name, tables[name].frame)
                  for name in schema.TABLE_NAMES}
    arrays: dict[str, dict] = {}  # the columns as Arrow arrays, made once by the type check
    for problem in validate.validate(normalized, arrays=arrays):
        data = tables.get(problem.table)
        if data is None:
            continue
        position = problem.row - validate.FIRST_DATA_ROW if problem.row is not None else None
        if problem.column is not None:
            if problem.column in data.missing_columns:
                continue  # the missing column is reported once already
            if position is not None and (position, problem.column) in data.bad_cells:
                continue  # the cell could not be read; that is reported already
        row = data.rows[position] if position is not None and position < len(data.rows) else None
        column = data.label(problem.column) if problem.column else None
        problems.append(FileProblem(problem.message, data.source, problem.table, row=row, column=column))
    prepared = Prepared(base=base, problems=problems, sources=sources,
                        latest_id=latest.snapshot_id if latest else None)
    if problems:
        return prepared
    arrow = {name: validate.to_arrow(schema.TABLES[name], normalized[name], arrays.get(name))
             for name in schema.TABLE_NAMES}
    prepared.tables = arrow
    prepared.content_hash = store_mod.content_hash(arrow)
    return prepared


def _normalize(name: str, frame: pd.DataFrame) -> pd.DataFrame:
    out = validate.normalize(schema.TABLES[name], frame)
    for column in schema.TABLES[name].columns:
        if column.is_list and column.name in out.columns:
            out[column.name] = out[column.name].astype(object)  # an empty table too
    return out


# -- preview and commit ------------------------------------------------------------------

def changes(prepared: Prepared, store: Store, *, today: dt.date | None = None) -> list:
    """What saving would change against the base, as portfolio.model.diff Changes."""
    if prepared.base is not None:
        old = store.read_frames(prepared.base.snapshot_id)
    else:
        old = {name: pd.DataFrame(columns=schema.TABLES[name].column_names) for name in schema.TABLE_NAMES}
    return diff.compare(old, prepared.frames(), today=today or config.today())


@dataclass(frozen=True)
class Outcome:
    kind: str  # "saved", "unchanged", "conflict" or "invalid"
    message: str
    meta: SnapshotMeta | None = None  # saved: the new snapshot; unchanged: the base

    @property
    def exit_code(self) -> int:
        return {"saved": 0, "unchanged": 0, "invalid": 1, "conflict": 3}[self.kind]


def commit(prepared: Prepared, store: Store, *, author: str, note: str) -> Outcome:
    """Save the prepared tables as a new snapshot on their base.

    Writes nothing when there are problems, when the data equals the base
    ("Ingen endringer"), or when another snapshot was saved after the base
    (a conflict: nothing is overwritten)."""
    author, note = (author or "").strip(), (note or "").strip()
    if not prepared.ok:
        return Outcome("invalid", T.INVALID.format(count=len(prepared.problems)))
    if not author:
        return Outcome("invalid", T.AUTHOR_REQUIRED)
    if not note:
        return Outcome("invalid", T.NOTE_REQUIRED)
    if prepared.unchanged:
        base = prepared.base
        return Outcome("unchanged", T.NO_CHANGES.format(snapshot_id=base.snapshot_id, date=fmt.date(base.created)),
                       meta=base)
    base_id = prepared.base.snapshot_id if prepared.base else None
    try:
        meta = store.write(prepared.tables, author=author, note=note, base_id=base_id, check_base=True,
                           is_demo=bool(prepared.base and prepared.base.is_demo))
    except SnapshotConflict as err:
        latest = store.get(err.latest_id) if err.latest_id else None
        return Outcome("conflict", conflict_message(prepared.base, latest))
    except validate.ValidationFailed as err:  # not expected: prepared tables are validated
        return Outcome("invalid", str(err))
    return Outcome("saved", T.SAVED.format(snapshot_id=meta.snapshot_id, date=fmt.date(meta.created),
                                           author=meta.author), meta=meta)


def conflict_message(base: SnapshotMeta | None, latest: SnapshotMeta | None) -> str:
    if base is None or latest is None:
        return T.CONFLICT_NO_BASE.format(latest_id=latest.snapshot_id if latest else "–")
    return T.CONFLICT.format(
        base_id=base.snapshot_id, base_date=fmt.date(base.created), author=latest.author,
        latest_id=latest.snapshot_id, latest_date=fmt.date(latest.created),
    )
