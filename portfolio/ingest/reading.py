"""What was uploaded, what was read from it, and where a problem is.

The plain data the readers (portfolio.ingest.csv_reader, .excel_reader) fill
in and the pipeline (portfolio.ingest.pipeline) checks: `Upload` (a file),
`Limits`, `Source` (where a table came from), `FileProblem` (one problem,
located as precisely as it can be, in Norwegian), `TableData` (one table as
read) and `Reading` (everything read from the uploaded files).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

import pandas as pd

from portfolio import config, texts
from portfolio.texts import update as T

P = T.PROBLEMS


@dataclass(frozen=True)
class Upload:
    """A file as uploaded: its name and bytes."""

    name: str
    data: bytes


@dataclass(frozen=True)
class Limits:
    """What one uploaded file may be, and what reading it may cost
    (portfolio.ingest.grid.Budget spends the last three)."""

    max_bytes: int = config.UPLOAD_MAX_BYTES
    max_rows: int = config.UPLOAD_MAX_ROWS
    max_unpacked_bytes: int = config.UPLOAD_MAX_UNPACKED_BYTES
    max_columns: int = config.UPLOAD_MAX_COLUMNS
    max_cells: int = config.UPLOAD_MAX_CELLS
    max_seconds: float = config.UPLOAD_MAX_SECONDS


@dataclass(frozen=True)
class Source:
    """Where a table came from: a file (and sheet), the base snapshot, or the app."""

    kind: str  # "file", "base" (kept from the base snapshot), "snapshot" (restored) or "edits"
    file: str | None = None
    sheet: str | None = None  # the sheet's title in a workbook; None for CSV
    snapshot_id: str | None = None
    csv: bool = False  # a CSV file: problems name the table it holds

    def label(self) -> str:
        if self.kind == "file":
            if self.sheet:
                return T.SOURCE_SHEET.format(file=self.file, sheet=self.sheet)
            return T.SOURCE_FILE.format(file=self.file)
        if self.kind == "base":
            return T.SOURCE_BASE.format(snapshot_id=self.snapshot_id)
        if self.kind == "snapshot":
            return T.SOURCE_SNAPSHOT.format(snapshot_id=self.snapshot_id)
        return T.SOURCE_EDITS

    def name(self) -> str:
        """«file» or «file», ark «sheet»: where the user finds it."""
        if self.sheet:
            return T.SOURCE_NAME_SHEET.format(file=self.file, sheet=self.sheet)
        return T.SOURCE_NAME.format(file=self.file)


@dataclass(frozen=True)
class FileProblem:
    """One problem, located as precisely as it can be."""

    message: str
    source: Source | None = None
    table: str | None = None
    row: int | None = None
    column: str | None = None  # the column's header, as the user sees it

    def __str__(self) -> str:
        message = self.message
        s = self.source
        table = texts.TABLE_LABELS.get(self.table, self.table) if self.table else None
        values = dict(message=message, row=self.row, column=self.column, table=table)
        if s is None:
            return T.LOCATION_GENERAL.format(**values)
        if s.kind == "file":
            values["file"] = s.file
            if s.sheet is not None:
                values["sheet"] = s.sheet
                template = _pick(T.LOCATION_SHEET, T.LOCATION_SHEET_COLUMN, T.LOCATION_SHEET_ROW,
                                 T.LOCATION_SHEET_CELL, self.row, self.column)
            elif table is not None and s.csv:
                template = _pick(T.LOCATION_CSV, T.LOCATION_CSV_COLUMN, T.LOCATION_CSV_ROW,
                                 T.LOCATION_CSV_CELL, self.row, self.column)
            else:
                template = T.LOCATION_FILE
            return template.format(**values)
        if s.kind in ("base", "snapshot"):
            values["snapshot_id"] = s.snapshot_id
            if s.kind == "base":
                template = _pick(T.LOCATION_BASE, T.LOCATION_BASE, T.LOCATION_BASE_ROW,
                                 T.LOCATION_BASE_CELL, self.row, self.column)
            else:
                template = _pick(T.LOCATION_SNAPSHOT, T.LOCATION_SNAPSHOT, T.LOCATION_SNAPSHOT_ROW,
                                 T.LOCATION_SNAPSHOT_CELL, self.row, self.column)
            if self.column and not self.row:
                values["message"] = f"kolonne «{self.column}»: {message}"
            return template.format(**values)
        values["origin"] = T.EDITS_ORIGIN
        template = _pick(T.LOCATION_TABLE, T.LOCATION_TABLE, T.LOCATION_TABLE_ROW,
                         T.LOCATION_TABLE_CELL, self.row, self.column)
        if self.column and not self.row:
            values["message"] = f"kolonne «{self.column}»: {message}"
        return template.format(**values)

    @property
    def where(self) -> str:
        """The location alone (for a table of problems)."""
        text = str(self)
        return text[: len(text) - len(self.message)].rstrip(": ")


def _pick(plain: str, column: str, row: str, cell: str, row_number, column_name) -> str:
    if row_number is not None and column_name is not None:
        return cell
    if row_number is not None:
        return row
    if column_name is not None:
        return column
    return plain


@dataclass
class TableData:
    """One table as read from a file (or taken whole from a snapshot or the app)."""

    table: str
    source: Source
    frame: pd.DataFrame  # the schema's columns, values parsed into their types
    rows: list[int]  # the row number (as Excel numbers it) of each frame row
    bad_cells: set[tuple[int, str]] = field(default_factory=set)  # (position, column)
    missing_columns: set[str] = field(default_factory=set)
    labels: dict[str, str] = field(default_factory=dict)  # column -> header as in the file
    normalized: bool = False  # text already trimmed, empty text missing (portfolio.model.validate.normalize)

    def label(self, column: str) -> str:
        return self.labels.get(column) or texts.COLUMN_LABELS[self.table].get(column, column)


class Progress(Protocol):
    """Told how far a long read has come: `done` from 0 to 1 and the step
    (a key of portfolio.texts.update.PROGRESS, with its values: file and
    sheet names as read, which the page shows as data)."""

    def __call__(self, done: float, step: str, /, **values: object) -> None: ...


def no_progress(done: float, step: str, /, **values: object) -> None:
    """The Progress of a caller that shows none."""


def part_of(progress: Progress, start: float, end: float) -> Progress:
    """`progress` for one part of the work, from `start` to `end` of the whole."""
    def told(done: float, step: str, /, **values: object) -> None:
        progress(start + (end - start) * done, step, **values)
    return told


@dataclass
class Reading:
    """Everything read from the uploaded files: tables, problems, and the base
    snapshot id each workbook carries."""

    tables: dict[str, TableData] = field(default_factory=dict)
    problems: list[FileProblem] = field(default_factory=list)
    base_ids: dict[str, str] = field(default_factory=dict)  # file name -> base id in the file
    cells_read: int = 0  # cells and rows the readers paid for (portfolio.ingest.grid.Budget)

    def add_table(self, data: TableData | None, table: str, source: Source) -> None:
        """Keep a table read from `source`; a second file (or sheet) with the
        same table is a problem, never a silent overwrite."""
        if table in self.tables:
            other = self.tables[table].source.name()
            self.problems.append(FileProblem(
                P["duplicate_table"].format(table=texts.TABLE_LABELS[table], other=other), source, table))
            return
        if data is not None:
            self.tables[table] = data
