"""Reading the project leader's files into a new snapshot, safely.

The path of every data update, for the command line and the page alike::

    prepare(uploads, store)          read + parse + validate; nothing is written
      -> Prepared                     every problem at once, or the tables ready to save
    changes(prepared, store)         what would change against the base (portfolio.diff)
    commit(prepared, store, ...)     a new snapshot; refused on conflict, skipped when unchanged

Accepted files: the Excel template (.xlsx, one sheet per table) and CSV files,
one per table (the file name or the header row tells which table), as
Norwegian Excel saves them: `;` or `,` between fields, decimal comma,
Windows-1252 or UTF-8 (with or without BOM), and the apostrophe our own CSV
export puts before formula-like text removed again. Tables that no CSV file
holds are kept unchanged from the base snapshot.

Every problem names file, sheet (or table), row (as Excel numbers it) and
column, in Norwegian. Nothing here raises on a bad file: problems are data.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import PurePath

import pandas as pd
import pyarrow as pa

from portfolio import config, fmt, texts

from portfolio.model import schema

from portfolio.model import validate
from portfolio.store import snapshots as store_mod
from portfolio.store.snapshots import SnapshotConflict, SnapshotMeta, SnapshotNotFound, Store
from portfolio.texts import update as T
from portfolio.ingest.template import LIST_SEPARATOR, META_KEYS, RESERVED_SHEETS, SHEET_NAMES

P = T.PROBLEMS
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the old .xls format
BINARY_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


# -- what was uploaded, and where a problem is -----------------------------------

@dataclass(frozen=True)
class Upload:
    """A file as uploaded: its name and bytes."""

    name: str
    data: bytes


@dataclass(frozen=True)
class Limits:
    max_bytes: int = config.UPLOAD_MAX_BYTES
    max_rows: int = config.UPLOAD_MAX_ROWS
    max_unpacked_bytes: int = config.UPLOAD_MAX_UNPACKED_BYTES


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


# -- one table as read from a file -------------------------------------------------

@dataclass
class TableData:
    table: str
    source: Source
    frame: pd.DataFrame  # the schema's columns, values parsed into their types
    rows: list[int]  # the row number (as Excel numbers it) of each frame row
    bad_cells: set[tuple[int, str]] = field(default_factory=set)  # (position, column)
    missing_columns: set[str] = field(default_factory=set)
    labels: dict[str, str] = field(default_factory=dict)  # column -> header as in the file

    def label(self, column: str) -> str:
        return self.labels.get(column) or texts.COLUMN_LABELS[self.table].get(column, column)


@dataclass
class Reading:
    tables: dict[str, TableData] = field(default_factory=dict)
    problems: list[FileProblem] = field(default_factory=list)
    base_ids: dict[str, str] = field(default_factory=dict)  # file name -> base id in the file
    workbook_files: list[str] = field(default_factory=list)


class _Formula(str):
    """A formula cell (its text); replaced by Excel's computed value when there is one."""


class _CellError(str):
    """An Excel error value such as #N/A."""


def _norm(text: object) -> str:
    return " ".join(str(text).replace("\u00a0", " ").split()).casefold()


def _header_lookup(table: schema.Table) -> dict[str, str]:
    out = {}
    for column in table.columns:
        out[_norm(column.name)] = column.name
        out[_norm(texts.COLUMN_LABELS[table.name][column.name])] = column.name
    return out


HEADERS = {name: _header_lookup(t) for name, t in schema.TABLES.items()}
TABLE_WORDS = {
    "initiatives": ("tiltak", "initiatives"),
    "budgets": ("budsjett", "budgets", "budsjetter"),
    "milestones": ("milepæler", "milepaeler", "milepaler", "milepæl", "milestones"),
}


def _table_from_name(text: str) -> str | None:
    """The table a sheet title or file name stem names, if it names exactly one."""
    norm = _norm(text)
    for name, words in TABLE_WORDS.items():
        if norm in words or norm == _norm(texts.TABLE_LABELS[name]):
            return name
    tokens = set(re.split(r"[^0-9a-zæøå]+", norm))
    found = {name for name, words in TABLE_WORDS.items() if tokens & set(words)}
    return found.pop() if len(found) == 1 else None


def _table_from_headers(headers: list[object]) -> str | None:
    names = [_norm(h) for h in headers if h not in (None, "")]
    scores = {t: sum(1 for h in names if h in HEADERS[t]) for t in schema.TABLE_NAMES}
    # the columns only one table has decide it
    best = max(scores.values())
    winners = [t for t, s in scores.items() if s == best]
    if best < 2 or len(winners) != 1:
        return None
    return winners[0]


# -- cell values -----------------------------------------------------------------

DATE_PATTERNS = (
    (re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})$"), ("d", "m", "y")),
    (re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$"), ("y", "m", "d")),
    (re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$"), ("d", "m", "y")),
)
TIME_SUFFIX = re.compile(r"[ T]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?$")
SPACES = re.compile(r"[\s\u00a0\u202f\u2009]+")


def _show(value: object) -> str:
    if isinstance(value, dt.datetime):
        return fmt.date(value)
    if isinstance(value, dt.date):
        return fmt.date(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else str(value).replace(".", ",")
    return str(value)


def _unquote(text: str) -> str:
    """Remove the apostrophe our CSV export puts before formula-like text."""
    if text.startswith("'") and text[1:].startswith(FORMULA_PREFIXES):
        return text[1:]
    return text


def parse_date(value: object) -> dt.date | None:
    """A date from a cell; None when the value is not a date."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        return None
    text = TIME_SUFFIX.sub("", value.strip())
    for pattern, order in DATE_PATTERNS:
        match = pattern.match(text)
        if not match:
            continue
        parts = dict(zip(order, (int(g) for g in match.groups())))
        year = parts["y"] + 2000 if parts["y"] < 100 else parts["y"]
        try:
            return dt.date(year, parts["m"], parts["d"])
        except ValueError:
            return None
    return None


def parse_int(value: object) -> tuple[int | None, str | None]:
    """A whole number from a cell: (value, None) or (None, problem key)."""
    if isinstance(value, bool) or isinstance(value, (dt.date, dt.time)):
        return None, "int"
    if isinstance(value, int):
        return value, None
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            return None, "int"
        return (int(value), None) if value.is_integer() else (None, "not_whole")
    text = SPACES.sub("", str(value)).lower()
    text = re.sub(r"^(kr\.?|nok)|(kr\.?|nok|,-|\.-)$", "", text)
    text = text.replace("\u2212", "-")
    if re.fullmatch(r"[-+]?\d+", text):
        return int(text), None
    if re.fullmatch(r"[-+]?\d{1,3}(\.\d{3})+", text):  # 1.234.567
        return int(text.replace(".", "")), None
    if re.fullmatch(r"[-+]?\d{1,3}(,\d{3}){2,}", text):  # 1,234,567
        return int(text.replace(",", "")), None
    match = re.fullmatch(r"([-+]?\d+)[.,](\d+)", text)
    if match:
        return (int(match.group(1)), None) if set(match.group(2)) == {"0"} else (None, "not_whole")
    return None, "int"


def parse_bool(value: object) -> bool | None:
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)) and value in (0, 1):
        return bool(value)
    if isinstance(value, str):
        word = value.strip().casefold()
        if word in T.TRUE_WORDS:
            return True
        if word in T.FALSE_WORDS:
            return False
    return None


def _as_text(value: object) -> str:
    if isinstance(value, bool):
        return T.TRUE_WORD if value else T.FALSE_WORD
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else str(value).replace(".", ",")
    if isinstance(value, (dt.datetime, dt.date)):
        return fmt.date(value)
    return str(value)


def parse_cell(column: schema.Column, value: object, from_csv: bool = False) -> tuple[object, str | None]:
    """A cell as the column's type: (value, None), or (None, Norwegian problem)."""
    if isinstance(value, _CellError):
        return None, P["cell_error"].format(value=str(value))
    if isinstance(value, _Formula):
        return None, P["formula"].format(formula=str(value))
    if isinstance(value, str):
        if from_csv:
            value = _unquote(value)
        if not value.strip():
            value = None
    if value is None:
        return ([] if column.is_list else None), None
    kind = column.type_name
    if column.is_list:
        text = _as_text(value)
        items = [i.strip() for i in text.split(LIST_SEPARATOR)]
        items = [i for i in items if i]
        if column.allowed and any(i not in column.allowed for i in items):
            # "a, b" where a and b are allowed: the user meant two items
            split = [p.strip() for i in items for p in i.split(",") if p.strip()]
            if all(p in column.allowed for p in split):
                items = split
        return items, None
    if kind == "string":
        return _as_text(value), None
    if kind == "date":
        parsed = parse_date(value)
        return (parsed, None) if parsed else (None, P["date"].format(value=_show(value)))
    if kind == "int":
        parsed, problem = parse_int(value)
        if problem:
            key = "year" if column.name == "year" and problem == "int" else problem
            return None, P[key].format(value=_show(value))
        return parsed, None
    if kind == "bool":
        parsed = parse_bool(value)
        return (parsed, None) if parsed is not None else (None, P["bool"].format(value=_show(value)))
    return value, None


# -- a grid of cells (a sheet or a CSV file) to a table ------------------------------

def _column_letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index + 1)


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _grid_to_table(table_name: str, source: Source, grid, problems: list[FileProblem],
                   limits: Limits, from_csv: bool) -> TableData | None:
    """`grid` yields (row number, list of values), the header row first."""
    table = schema.TABLES[table_name]
    lookup = HEADERS[table_name]
    iterator = iter(grid)
    header_row = next(iterator, None)
    if header_row is None or all(_blank(v) for v in header_row[1]):
        problems.append(FileProblem(P["no_header"], source, table_name))
        return None
    headers = header_row[1]
    positions: dict[str, int] = {}
    labels: dict[str, str] = {}
    for index, raw in enumerate(headers):
        if _blank(raw):
            continue
        name = lookup.get(_norm(raw))
        shown = str(raw).strip()
        if name is None:
            problems.append(FileProblem(P["unknown_column"], source, table_name, column=shown))
            continue
        if name in positions:
            problems.append(FileProblem(P["duplicate_column"], source, table_name, column=shown))
            continue
        positions[name] = index
        labels[name] = shown
    missing = {c for c in table.column_names if c not in positions}
    for column in table.column_names:
        if column in missing:
            problems.append(FileProblem(
                P["missing_column"], source, table_name, column=texts.COLUMN_LABELS[table_name][column]))
    width = len(headers)
    values: dict[str, list] = {c: [] for c in table.column_names}
    rows: list[int] = []
    bad: set[tuple[int, str]] = set()
    blank_header_columns: set[int] = set()
    count = 0
    for row_number, cells in iterator:
        if all(_blank(v) for v in cells):
            continue
        count += 1
        if count > limits.max_rows:
            problems.append(FileProblem(P["too_many_rows"].format(limit=fmt.number(limits.max_rows)),
                                        source, table_name))
            return None
        extra = [i for i in range(width, len(cells)) if not _blank(cells[i])]
        if extra and from_csv:
            problems.append(FileProblem(P["ragged"].format(count=len(cells), expected=width),
                                        source, table_name, row=row_number))
        for i in range(len(cells)):
            if not _blank(cells[i]) and (i >= width or _blank(headers[i])) and not from_csv:
                blank_header_columns.add(i)
        position = len(rows)
        rows.append(row_number)
        for column in table.columns:
            index = positions.get(column.name)
            raw = cells[index] if index is not None and index < len(cells) else None
            parsed, problem = parse_cell(column, raw, from_csv=from_csv)
            if problem:
                bad.add((position, column.name))
                problems.append(FileProblem(problem, source, table_name, row=row_number,
                                            column=labels.get(column.name, column.name)))
            values[column.name].append(parsed)
    for index in sorted(blank_header_columns):
        problems.append(FileProblem(P["blank_header"].format(letter=_column_letter(index)),
                                    source, table_name))
    frame = pd.DataFrame({c: pd.Series(v, dtype=object) for c, v in values.items()},
                         columns=table.column_names)
    return TableData(table_name, source, frame, rows, bad, missing, labels)


# -- files ---------------------------------------------------------------------------

def _size(n: int) -> str:
    """Megabytes with one decimal, rounded up (so a file over the limit never
    looks equal to it)."""
    tenths = -(-n * 10 // (1024 * 1024))
    return T.SIZE_MB.format(size=f"{tenths // 10},{tenths % 10}")


def read_files(uploads: list[Upload], limits: Limits | None = None) -> Reading:
    """Read every file; never raises on a bad file."""
    limits = limits or Limits()
    reading = Reading()
    if not uploads:
        reading.problems.append(FileProblem(P["no_files"]))
        return reading
    for upload in uploads:
        source = Source("file", file=upload.name)
        data = upload.data
        extension = PurePath(upload.name).suffix.lower()
        if len(data) == 0:
            reading.problems.append(FileProblem(P["empty"], source))
            continue
        if len(data) > limits.max_bytes:
            reading.problems.append(FileProblem(
                P["too_big"].format(size=_size(len(data)), limit=_size(limits.max_bytes)), source))
            continue
        try:
            if extension in (".xlsx", ".xlsm"):
                _read_workbook(upload, reading, limits)
            elif extension in (".csv", ".txt"):
                _read_csv(upload, reading, limits)
            elif extension == ".xls":
                reading.problems.append(FileProblem(P["old_xls"], source))
            else:
                reading.problems.append(FileProblem(
                    P["unknown_type"].format(ext=extension or upload.name), source))
        except Exception as err:  # a file no check above foresaw: a problem, never a crash
            reading.problems.append(FileProblem(P["unreadable"].format(reason=type(err).__name__), source))
    return reading


def _add_table(reading: Reading, data: TableData | None, table: str, source: Source) -> None:
    if table in reading.tables:
        other = reading.tables[table].source.name()
        reading.problems.append(FileProblem(
            P["duplicate_table"].format(table=texts.TABLE_LABELS[table], other=other), source, table))
        return
    if data is not None:
        reading.tables[table] = data


def _read_workbook(upload: Upload, reading: Reading, limits: Limits) -> None:
    from openpyxl import load_workbook

    source = Source("file", file=upload.name)
    data = upload.data
    if data.startswith(OLE_MAGIC):
        reading.problems.append(FileProblem(P["old_xls"], source))
        return
    if not data.startswith(ZIP_MAGIC):
        reading.problems.append(FileProblem(P["not_xlsx"], source))
        return
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = archive.namelist()
            unpacked = sum(i.file_size for i in archive.infolist())
    except zipfile.BadZipFile:
        reading.problems.append(FileProblem(P["not_xlsx"], source))
        return
    if "xl/workbook.xml" not in names:
        reading.problems.append(FileProblem(P["not_xlsx"], source))
        return
    if unpacked > limits.max_unpacked_bytes:
        reading.problems.append(FileProblem(
            P["too_big_unpacked"].format(limit=_size(limits.max_unpacked_bytes)), source))
        return
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception:
        reading.problems.append(FileProblem(P["not_xlsx"], source))
        return
    reading.workbook_files.append(upload.name)
    computed = None  # the same workbook with Excel's computed values, read when needed
    try:
        found: dict[str, str] = {}
        for sheet in book.worksheets:
            title = sheet.title
            if title == T.META_SHEET:
                base = _base_from_meta(sheet)
                if base:
                    reading.base_ids[upload.name] = base
                continue
            if title in RESERVED_SHEETS:
                continue
            sheet_source = Source("file", file=upload.name, sheet=title)
            table = _table_from_name(title)
            if table is None:
                if any(not _blank(v) for row in sheet.iter_rows(values_only=True) for v in row):
                    reading.problems.append(FileProblem(P["unknown_sheet"], sheet_source))
                continue
            grid = list(_sheet_rows(sheet, limits))
            if any(isinstance(v, _Formula) for _, row in grid for v in row):
                if computed is None:
                    computed = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
                grid = _with_computed_values(grid, computed[title], limits)
            if table in found:
                other = Source("file", file=upload.name, sheet=found[table]).name()
                reading.problems.append(FileProblem(
                    P["duplicate_table"].format(table=texts.TABLE_LABELS[table], other=other),
                    sheet_source, table))
                continue
            found[table] = title
            parsed = _grid_to_table(table, sheet_source, grid, reading.problems, limits, from_csv=False)
            _add_table(reading, parsed, table, sheet_source)
        for table in schema.TABLE_NAMES:
            if table not in found:
                reading.problems.append(FileProblem(
                    P["missing_sheet"].format(sheet=SHEET_NAMES[table]), source, table))
    finally:
        book.close()
        if computed is not None:
            computed.close()


def _base_from_meta(sheet) -> str | None:
    for row in sheet.iter_rows(values_only=True, max_row=10):
        if len(row) >= 2 and row[0] == META_KEYS[0] and isinstance(row[1], str) and row[1].strip():
            return row[1].strip()
    return None


def _cell(cell) -> object:
    value = cell.value
    kind = getattr(cell, "data_type", None)
    if kind == "f" and isinstance(value, str):
        return _Formula(value)
    if kind == "e" and value is not None:
        return _CellError(str(value))
    return value


def _sheet_rows(sheet, limits: Limits):
    """(row number, values) for every row, numbered as Excel numbers them; stops
    a little after the row limit (the limit check reports it)."""
    number = 0
    data_rows = 0
    for row in sheet.iter_rows():
        number += 1
        values = [_cell(c) for c in row]
        while values and _blank(values[-1]):
            values.pop()
        if values:
            data_rows += 1
        yield number, values
        if data_rows > limits.max_rows + 1:
            return


def _with_computed_values(grid, sheet, limits: Limits):
    computed = {n: values for n, values in _sheet_rows_plain(sheet, limits)}
    out = []
    for number, values in grid:
        row = list(values)
        other = computed.get(number, [])
        for i, value in enumerate(row):
            if isinstance(value, _Formula) and i < len(other) and other[i] is not None:
                row[i] = other[i]
        out.append((number, row))
    return out


def _sheet_rows_plain(sheet, limits: Limits):
    number = 0
    for row in sheet.iter_rows(values_only=True):
        number += 1
        yield number, list(row)
        if number > limits.max_rows + 2:
            return


def _decode(data: bytes) -> str | None:
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return data[3:].decode("utf-8")
        except UnicodeDecodeError:
            return None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            return None
    for encoding in ("utf-8", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return None


def _delimiter(text: str) -> str:
    first = text.split("\n", 1)[0]
    counts = {d: 0 for d in (";", ",", "\t")}
    quoted = False
    for char in first:
        if char == '"':
            quoted = not quoted
        elif not quoted and char in counts:
            counts[char] += 1
    best = max(counts, key=lambda d: (counts[d], d == ";"))
    return best if counts[best] else ";"


def _read_csv(upload: Upload, reading: Reading, limits: Limits) -> None:
    source = Source("file", file=upload.name)
    data = upload.data
    if data.startswith(ZIP_MAGIC):
        reading.problems.append(FileProblem(P["xlsx_named_csv"], source))
        return
    utf16 = data.startswith((b"\xff\xfe", b"\xfe\xff"))
    if (b"\x00" in data[:65536] and not utf16) or data.startswith(OLE_MAGIC):
        reading.problems.append(FileProblem(P["not_csv"], source))
        return
    text = _decode(data)
    if text is None:
        reading.problems.append(FileProblem(P["encoding"], source))
        return
    if BINARY_CONTROL.search(text[:65536]):
        reading.problems.append(FileProblem(P["not_csv"], source))
        return
    if not text.strip():
        reading.problems.append(FileProblem(P["empty"], source))
        return
    delimiter = _delimiter(text)
    records = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(records)
    except (csv.Error, StopIteration):
        reading.problems.append(FileProblem(P["not_csv"], source))
        return
    stem = PurePath(upload.name).stem
    table = _table_from_name(stem) or _table_from_headers([_unquote(h) for h in header])
    if table is None:
        reading.problems.append(FileProblem(P["unknown_table"], source))
        return
    table_source = Source("file", file=upload.name, csv=True)

    def grid():
        yield 1, header
        number = 1
        try:
            for record in records:
                number += 1
                yield number, record
                if number > limits.max_rows + 2:
                    return
        except csv.Error:
            reading.problems.append(FileProblem(P["not_csv"], table_source, table, row=number + 1))

    parsed = _grid_to_table(table, table_source, grid(), reading.problems, limits, from_csv=True)
    _add_table(reading, parsed, table, table_source)


# -- putting it together: prepare, changes, commit ------------------------------------

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
        return {name: t.num_rows for name, t in (self.tables or {}).items()}


def prepare(uploads: list[Upload], store: Store, *, base_id: str | None = None,
            limits: Limits | None = None) -> Prepared:
    """Read, parse and validate uploaded files against the base snapshot:
    `base_id` if given, else the id the file carries, else the latest."""
    reading = read_files(uploads, limits)
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
        name: TableData(name, source, frame.reset_index(drop=True),
                        list(range(validate.FIRST_DATA_ROW, len(frame) + validate.FIRST_DATA_ROW)))
        for name, frame in frames.items() if name in schema.TABLES
    }
    return _finish(tables, problems, store, base)


def prepare_restore(store: Store, snapshot_id: str) -> Prepared:
    """A new snapshot equal to an old one, on top of the latest."""
    latest = store.latest()
    frames = store.read_frames(snapshot_id)
    return prepare_frames(frames, store, base_id=latest.snapshot_id if latest else None,
                          kind="snapshot", snapshot_id=snapshot_id)


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
        base_frames = store.read_frames(base.snapshot_id) if base else {}
        for name in missing:
            if base is None:
                if not any(p.table == name and p.row is None and p.column is None for p in problems):
                    problems.append(FileProblem(P["missing_table"], None, name))
                frame = pd.DataFrame(columns=schema.TABLES[name].column_names)
                source = Source("base", snapshot_id=None)
            else:
                frame = base_frames[name]
                source = Source("base", snapshot_id=base.snapshot_id)
            tables[name] = TableData(name, source, frame,
                                     list(range(validate.FIRST_DATA_ROW, len(frame) + validate.FIRST_DATA_ROW)))
            if base is not None:
                sources[name] = source
    normalized = {name: _normalize(name, tables[name].frame) for name in schema.TABLE_NAMES}
    for problem in validate.validate(normalized):
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
    arrow = {name: validate.to_arrow(schema.TABLES[name], normalized[name]) for name in schema.TABLE_NAMES}
    prepared.tables = arrow
    prepared.content_hash = store_mod.content_hash(arrow)
    return prepared


def _normalize(name: str, frame: pd.DataFrame) -> pd.DataFrame:
    out = validate.normalize(schema.TABLES[name], frame)
    for column in schema.TABLES[name].columns:
        if column.is_list and column.name in out.columns:
            out[column.name] = out[column.name].astype(object)  # an empty table too
    return out


def changes(prepared: Prepared, store: Store, *, today: dt.date | None = None) -> list:
    """What saving would change against the base, as portfolio.diff Changes."""
    from portfolio.model import diff

    if prepared.base is not None:
        old = store.read_frames(prepared.base.snapshot_id)
    else:
        old = {name: pd.DataFrame(columns=schema.TABLES[name].column_names) for name in schema.TABLE_NAMES}
    return diff.compare(old, prepared.frames(), today=today or config.today())


@dataclass(frozen=True)
class Outcome:
    kind: str  # "saved", "unchanged", "conflict" or "invalid"
    message: str
    meta: SnapshotMeta | None = None  # saved: the new snapshot
    latest: SnapshotMeta | None = None  # conflict: the snapshot that came first

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
        return Outcome("conflict", conflict_message(prepared.base, latest), latest=latest)
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


def sources_text(prepared: Prepared) -> list[str]:
    """One line per table: how many rows, from where."""
    counts = prepared.row_counts()
    lines = []
    for name in schema.TABLE_NAMES:
        source = prepared.sources.get(name)
        if source is None:
            continue
        lines.append(T.VALID_TABLES.format(
            table=texts.TABLE_LABELS[name], rows=fmt.number(counts.get(name, 0)), source=source.label()))
    return lines


# -- the changes, in words (the preview on the page and the command line) --------------

def change_table(changes: list, old: dict[str, pd.DataFrame], new: dict[str, pd.DataFrame],
                 limit: int | None = None) -> pd.DataFrame:
    """The changes as a table with Norwegian headers: initiative, kind, what,
    field, before, after. At most `limit` rows (the first in diff's order)."""
    from portfolio.present import changes as change_words
    from portfolio.texts import changes as C

    names: dict[str, str] = {}
    titles: dict[str, str] = {}
    for frames in (old, new):
        if "initiatives" in frames:
            names.update(zip(frames["initiatives"]["initiative_id"], frames["initiatives"]["name"]))
        if "milestones" in frames:
            titles.update(zip(frames["milestones"]["milestone_id"], frames["milestones"]["title"]))
    shown = changes if limit is None else changes[:limit]
    p = T.PAGE
    rows = []
    for c in shown:
        if c.table == "milestones":
            what = C.WHAT["milestones"].format(title=titles.get(c.milestone_id, c.milestone_id))
        elif c.table == "budgets":
            what = C.WHAT["budgets"].format(year=c.year, source=c.funding_source)
        else:
            what = C.WHAT["initiatives"]
        rows.append({
            p["col_initiative"]: names.get(c.initiative_id, c.initiative_id),
            p["col_kind"]: C.KIND_LABELS.get(c.kind, c.kind),
            p["col_detail"]: what,
            p["col_field"]: change_words.field_label(c.table, c.field),
            p["col_old"]: change_words.format_value(c.field, c.old),
            p["col_new"]: change_words.format_value(c.field, c.new),
        })
    columns = [p[k] for k in ("col_initiative", "col_kind", "col_detail", "col_field", "col_old", "col_new")]
    return pd.DataFrame(rows, columns=columns)


def summary_lines(changes: list) -> list[str]:
    """«Statusendring: 3», one line per kind of change (portfolio.diff.summary)."""
    from portfolio.model import diff
    from portfolio.texts import changes as C

    return [f"{C.KIND_LABELS.get(kind, kind)}: {fmt.number(count)}" for kind, count in diff.summary(changes).items()]


def change_count(count: int) -> str:
    return T.CHANGE_COUNT["one"] if count == 1 else T.CHANGE_COUNT["many"].format(count=fmt.number(count))


def base_line(prepared: Prepared) -> str:
    base = prepared.base
    if base is None:
        return T.BASE_NONE
    return T.BASE_LINE.format(snapshot_id=base.snapshot_id, date=fmt.date(base.created),
                              author=base.author, note=base.note)


# -- the command line: python -m portfolio template|import|validate|restore -----------

def run_command(command: str, args, data_dir, out=None, err=None) -> int:
    """Run one of the update commands; return the exit code (0 done or nothing
    to do, 1 invalid data, 2 cannot run, 3 conflict). Prints, never raises
    for bad input."""
    import sys

    out = out or sys.stdout
    err = err or sys.stderr
    store = Store(data_dir)

    def say(text: str = "", to=None) -> None:
        print(text, file=to or out)

    if command == "template":
        try:
            meta = store.get(args.snapshot) if args.snapshot else store.latest()
        except SnapshotNotFound:
            say(T.UNKNOWN_SNAPSHOT.format(snapshot_id=args.snapshot), err)
            return 2
        from portfolio.ingest import template as workbook

        data = workbook.template(store.read_frames(meta.snapshot_id), meta) if meta else workbook.template(None, None)
        args.out.write_bytes(data)
        if meta is None:
            say(T.TEMPLATE_EMPTY_WRITTEN.format(path=args.out))
        else:
            say(T.TEMPLATE_WRITTEN.format(snapshot_id=meta.snapshot_id, path=args.out))
        return 0

    if command == "restore":
        try:
            old = store.get(args.snapshot_id)
        except SnapshotNotFound:
            say(T.UNKNOWN_SNAPSHOT.format(snapshot_id=args.snapshot_id), err)
            return 2
        prepared = prepare_restore(store, old.snapshot_id)
        return _report_and_commit(prepared, store, args.author, args.note, say, err, commit_it=True)

    uploads = []
    for path in args.files:
        try:
            uploads.append(Upload(path.name, path.read_bytes()))
        except OSError:
            say(T.CLI["file_missing"].format(path=path), err)
            return 2
    prepared = prepare(uploads, store, base_id=args.base)
    if command == "import" and not prepared.ok:
        from portfolio.store import audit

        audit.record_rejected(data_dir, who=args.author, origin="cli",
                              files=[str(p) for p in args.files], problems=prepared.problems)
    if command == "validate":
        return _report_and_commit(prepared, store, None, None, say, err, commit_it=False)
    return _report_and_commit(prepared, store, args.author, args.note, say, err, commit_it=True)


def _report_and_commit(prepared: Prepared, store: Store, author, note, say, err, *, commit_it: bool) -> int:
    if not prepared.ok:
        say(T.INVALID.format(count=len(prepared.problems)), err)
        for problem in prepared.problems:
            say(f"  {problem}", err)
        return 1
    if commit_it:
        for value, message in ((author, T.AUTHOR_REQUIRED), (note, T.NOTE_REQUIRED)):
            if not (value or "").strip():
                say(message, err)
                return 1
    if not commit_it:
        say(T.VALID)
    for line in sources_text(prepared):
        say(f"  {line}")
    say(base_line(prepared))
    if prepared.unchanged:
        base = prepared.base
        say(T.NO_CHANGES.format(snapshot_id=base.snapshot_id, date=fmt.date(base.created)))
        return 0
    found = changes(prepared, store)
    say(change_count(len(found)))
    for line in summary_lines(found):
        say(f"  {line}")
    if not commit_it:
        if prepared.is_stale:
            latest = store.latest()
            say(conflict_message(prepared.base, latest), err)
        return 0
    outcome = commit(prepared, store, author=author, note=note)
    say(outcome.message, err if outcome.kind in ("conflict", "invalid") else None)
    return outcome.exit_code
