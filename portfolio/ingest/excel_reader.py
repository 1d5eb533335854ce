"""An Excel workbook (.xlsx): the template, one sheet per table.

Sheets are matched to tables by their title; the instructions, lists and
meta sheets are skipped, and the meta sheet gives the id of the snapshot the
template was made from (the base). A sheet of the first three tables must be
there; the governance register's sheets may be missing (a template made
before they existed): their tables are kept from the base. Formula cells take
Excel's computed value when the file has one; without it they are a problem,
as are error cells.

Two readers, one result. The values of a sheet are read by python-calamine
(Rust; in two threads, two sheets ahead of this reader, `ReadAhead`), after
`scan_sheet` has looked at the sheet's XML (vectorised; in a thread ahead
of the reads, `ScanAhead`) and found it plain: only rows,
cells, values, formulas and inline text, every row and cell with its own
reference, in order, within `Limits.max_columns`, no formula without a
computed value, and no more room than the cells need (calamine fills the
rectangle from the first to the last cell: one cell at XFD1048576 would be
seventeen billion). The scan counts the rows and cells, paid for from the
file's `grid.Budget` before calamine reads anything, and finds the error
cells (#N/A, #REF!), which calamine reads as empty.

Every other sheet is read as before by `sheet_rows`, straight from the
sheet's XML, at the cost of what the XML holds: openpyxl's read-only
worksheet trusts the sheet's declared `<dimension>` and fills every row out
to it, and every missing row in between, so a 20 KB file claiming
A1:XFD1048576 kept the server busy for an hour. openpyxl still reads the
workbook's parts (`Book`: sheet names, styles, shared strings) and decodes
each cell's value there. It is also the reader when the cell budget runs
out within a sheet (its message names where reading stopped) and when
calamine cannot read a sheet."""

from __future__ import annotations

import io
from collections.abc import Iterator
from xml.etree.ElementTree import iterparse

from portfolio import fmt, texts
from portfolio.ingest import sniff
from portfolio.ingest.calamine_values import Values
from portfolio.ingest.cells import CellError, Formula, table_from_name
from portfolio.ingest.grid import Budget, ReadStopped, RowCells, blank, dense_to_table, grid_to_table
from portfolio.ingest.reading import FileProblem, Limits, Progress, Reading, Source, Upload, no_progress
from portfolio.ingest.sheet_scan import SheetScan
from portfolio.ingest.template import META_KEYS, RESERVED_SHEETS, SHEET_NAMES
from portfolio.model import schema
from portfolio.texts import update as T

P = T.PROBLEMS
MAX_CELL_PARTS = 10_000  # XML elements in one cell (a value, a formula, rich-text runs)
MAX_DEPTH = 100  # XML elements inside each other (a sheet needs about 8)


def read_workbook(upload: Upload, reading: Reading, limits: Limits, progress: Progress = no_progress) -> None:
    """Add the workbook's tables, base id and problems to `reading`, telling
    `progress` of each sheet it reads."""
    source = Source("file", file=upload.name)
    data = upload.data
    problem = sniff.workbook_problem(data, limits.max_unpacked_bytes)
    if problem:
        reading.problems.append(FileProblem(problem, source))
        return
    budget = Budget(limits)
    try:
        book = Book(data, budget)
    except ReadStopped as stop:
        reading.problems.append(FileProblem(stop.message, source))
        return
    except Exception:
        reading.problems.append(FileProblem(P["not_xlsx"], source))
        return
    sheet_source = source
    read = [(title, path) for title, path in book.sheets if title not in RESERVED_SHEETS or title == T.META_SHEET]
    values = Values(data, read, budget)
    sizes = [book.unpacked_size(path) for _, path in read]
    total, done = sum(sizes) or 1, 0
    try:
        found: dict[str, str] = {}
        for number, ((title, path), size) in enumerate(zip(read, sizes, strict=True), start=1):
            sheet_source = Source("file", file=upload.name, sheet=title)
            progress(done / total, "sheet", sheet=title, file=upload.name, number=number, count=len(read))
            done += size
            table = table_from_name(title) if title != T.META_SHEET else None
            if table is not None and table in found:
                other = Source("file", file=upload.name, sheet=found[table]).name()
                reading.problems.append(FileProblem(
                    P["duplicate_table"].format(table=texts.TABLE_LABELS[table], other=other),
                    sheet_source, table))
                continue
            meta = title == T.META_SHEET
            # None: read by `sheet_rows`; the meta sheet and an unknown sheet are paid for as far as looked at
            rows = values.rows(title, path, budget, pay=not meta and table is not None)
            if meta:
                base = (_base_from_meta(book, path, budget) if rows is None
                        else _base_from_rows(rows, values.scan, budget))
                if base:
                    reading.base_ids[upload.name] = base
                continue
            if table is None:
                if rows is None:
                    holds = any(row.values() for _, row in sheet_rows(book, path, budget))
                else:
                    holds = _holds_values(rows, values.scan, budget)
                if holds:
                    reading.problems.append(FileProblem(P["unknown_sheet"], sheet_source))
                continue
            found[table] = title
            if rows is None:
                parsed = grid_to_table(table, sheet_source, sheet_rows(book, path, budget),
                                       reading.problems, limits, from_csv=False)
            else:
                parsed = dense_to_table(table, sheet_source, rows, reading.problems, limits)
                del rows
            reading.add_table(parsed, table, sheet_source)
        for table in schema.TYPED_TABLES:
            # a table added later (the governance register) may be missing: a workbook made
            # before it existed keeps the base's rows (portfolio.ingest.pipeline)
            if table not in found and not schema.TABLES[table].is_later:
                reading.problems.append(FileProblem(
                    P["missing_sheet"].format(sheet=SHEET_NAMES[table]), source, table))
    except ReadStopped as stop:
        reading.problems.append(FileProblem(stop.message, sheet_source))
    finally:
        reading.cells_read += budget.cells
        values.close()
        book.close()


class Book:
    """What reading the sheets needs from a workbook, through openpyxl's own
    reader: the sheets (title, path of its XML) in the workbook's order, the
    shared strings (read when first needed), the date styles and the epoch.

    Not `openpyxl.load_workbook`: even read-only, it parses every sheet up to
    its `<dimension>` when it opens the file (the whole sheet when there is
    none) and then trusts that size. The shared strings are read here, at
    the cost of the budget's clock."""

    def __init__(self, data: bytes, budget: Budget):
        from openpyxl.reader.excel import ExcelReader
        from openpyxl.styles.stylesheet import apply_stylesheet

        reader = ExcelReader(io.BytesIO(data), read_only=True)
        self.archive = reader.archive
        self._reader, self._budget, self._shared_strings = reader, budget, None
        try:
            reader.read_manifest()
            reader.read_workbook()
            apply_stylesheet(reader.archive, reader.wb)
        except BaseException:
            self.archive.close()
            raise
        book = reader.wb
        self.epoch = book.epoch
        self.date_formats = book._date_formats
        self.timedelta_formats = book._timedelta_formats
        self.sheets = [
            (sheet.name, rel.target) for sheet, rel in reader.parser.find_sheets()
            if rel.target in reader.valid_files and "chartsheet" not in rel.Type
        ]

    @property
    def shared_strings(self) -> list[str]:
        """Read when a sheet is first read by `sheet_rows` (calamine reads its own)."""
        if self._shared_strings is None:
            self._shared_strings = _shared_strings(self._reader, self._budget)
        return self._shared_strings

    def open(self, path: str):
        return self.archive.open(path)

    def unpacked_size(self, path: str) -> int:
        """The sheet's unpacked size as the zip says (0 for a part it lacks):
        how much of the reading it is, for the progress shown."""
        try:
            return self.archive.getinfo(path).file_size
        except KeyError:
            return 0

    def close(self) -> None:
        self.archive.close()


def _shared_strings(reader, budget: Budget) -> list[str]:
    """The workbook's shared strings, decoded as openpyxl decodes them; every
    element is paid for with the budget's clock and dropped once read."""
    from openpyxl.cell.text import Text
    from openpyxl.xml.constants import SHARED_STRINGS, SHEET_MAIN_NS

    part = reader.package.find(SHARED_STRINGS)
    if part is None:
        return []
    string_tag = f"{{{SHEET_MAIN_NS}}}si"
    strings: list[str] = []
    stack: list = []
    string = None  # the open <si> element
    parts = 0
    with reader.archive.open(part.PartName[1:]) as xml:
        for event, element in iterparse(xml, events=("start", "end")):
            if event == "start":
                stack.append(element)
                if len(stack) > MAX_DEPTH:
                    raise ReadStopped(P["too_deep"].format(limit=MAX_DEPTH))
                if string is not None:
                    parts += 1
                    if parts > MAX_CELL_PARTS:
                        raise ReadStopped(P["string_too_complex"].format(
                            number=fmt.number(len(strings) + 1), limit=fmt.number(MAX_CELL_PARTS)))
                elif element.tag == string_tag:
                    string, parts = element, 0
                continue
            stack.pop()
            budget.work()
            if element is string:
                string = None
                strings.append(Text.from_tree(element).content.replace("x005F_", ""))
            elif string is not None:
                continue  # a part of the open string: read with it
            element.clear()
            if stack:
                stack[-1].remove(element)  # its last child: the tree never grows
    return strings


def _base_from_meta(book: Book, path: str, budget: Budget) -> str | None:
    for number, row in sheet_rows(book, path, budget):
        if number > 10:
            break
        values = dict(row.values())
        key, value = values.get(0), values.get(1)
        if key == META_KEYS[0] and isinstance(value, str) and value.strip():
            return value.strip()
    return None


def _base_from_rows(rows: list[list], scan: SheetScan, budget: Budget) -> str | None:
    """`_base_from_meta` of a dense grid, paying for the rows it looks at as that does."""
    for index, number in enumerate(scan.numbers):
        if number > 10:
            budget.spend(int(scan.paid[index]))
            return None
        row = rows[number - 1] if number <= len(rows) else []
        key, value = (row[0] if row else None), (row[1] if len(row) > 1 else None)
        if key == META_KEYS[0] and isinstance(value, str) and value.strip():
            budget.spend(int(scan.paid[index]))
            return value.strip()
    budget.spend(scan.units)
    return None


def _holds_values(rows: list[list], scan: SheetScan, budget: Budget) -> bool:
    """Whether a sheet holds a value, paying for the rows up to the first that
    does, as `sheet_rows` read until then."""
    for index, number in enumerate(scan.numbers):
        row = rows[number - 1] if number <= len(rows) else []
        if any(not blank(v) for v in row):
            budget.spend(int(scan.paid[index]))
            return True
    budget.spend(scan.units)
    return False


def sheet_rows(book: Book, path: str, budget: Budget) -> Iterator[tuple[int, RowCells]]:
    """(row number, RowCells) for every row the sheet's XML holds, in the
    file's order: rows and cells that are not in the file are not made up,
    and every element of the XML is paid for from `budget` (cells and rows
    with `spend`, the rest with `work`). Elements are dropped as soon as they
    are read, so a sheet never sits in memory whole.

    A formula cell is Excel's computed value when the file holds one, else a
    `Formula`; an error cell is a `CellError`."""
    from openpyxl.worksheet._reader import CELL_TAG, ROW_TAG

    cells = _Cells(book)
    stack: list = []  # the open elements, outermost first
    row: RowCells | None = None
    number = 0
    cell = None  # the open <c> element
    parts = 0  # elements inside the open cell
    with book.open(path) as xml:
        for event, element in iterparse(xml, events=("start", "end")):
            if event == "start":
                stack.append(element)
                if len(stack) > MAX_DEPTH:
                    raise ReadStopped(P["too_deep"].format(limit=MAX_DEPTH))
                if cell is not None:
                    parts += 1
                    if parts > MAX_CELL_PARTS:
                        raise ReadStopped(P["cell_too_complex"].format(
                            cell=cell.get("r") or "?", limit=fmt.number(MAX_CELL_PARTS)))
                elif element.tag == CELL_TAG:
                    cell, parts = element, 0
                elif element.tag == ROW_TAG:
                    r = element.get("r")
                    number = int(r) if r is not None else number + 1
                    row = RowCells(budget)
                    cells.start_row(number)
                continue
            stack.pop()
            if element is cell:
                cell = None
                if row is None:
                    budget.spend()  # a cell outside a row: paid for, not read
                elif len(element) == 0:  # no value, no formula: an empty (perhaps formatted) cell
                    cells.empty(element)
                    row.empty()
                else:
                    row.add(*cells.read(element))
            elif cell is not None:
                budget.work()
                continue  # a part of the open cell (value, formula, text): read with the cell
            elif element.tag == ROW_TAG:
                if row is not None:
                    yield number, row
                row = None
            else:
                budget.work()
            element.clear()
            if stack:
                stack[-1].remove(element)  # its last child: the tree never grows


class _Cells:
    """openpyxl's decoding of one cell (shared strings, dates, booleans,
    inline and rich text, shared formulas), twice: as written, and as Excel
    last computed it (for a formula)."""

    def __init__(self, book: Book):
        from openpyxl.worksheet._reader import WorkSheetParser

        def parser(data_only: bool) -> WorkSheetParser:
            return WorkSheetParser(None, book.shared_strings, data_only=data_only, epoch=book.epoch,
                                   date_formats=book.date_formats, timedelta_formats=book.timedelta_formats)

        self.formulas, self.computed = parser(False), parser(True)
        self._last_empty: str | None = None  # the reference of an empty cell not yet located

    def start_row(self, number: int) -> None:
        for p in (self.formulas, self.computed):
            p.row_counter, p.col_counter = number, 0
        self._last_empty = None

    def empty(self, element) -> None:
        """An empty cell: it is not located (that costs), unless a following
        cell has no reference of its own and is numbered from it."""
        ref = element.get("r")
        if ref is None:
            self._locate()
            self.formulas.col_counter += 1
        self._last_empty = ref

    def _locate(self) -> None:
        if self._last_empty is not None:
            from openpyxl.utils.cell import coordinate_to_tuple

            self.formulas.col_counter = coordinate_to_tuple(self._last_empty)[1]
            self._last_empty = None

    def read(self, element) -> tuple[int, object]:
        """(column index from 0, value) of a <c> element with content."""
        if element.get("r") is None:
            self._locate()
        self._last_empty = None
        cell = self.formulas.parse_cell(element)
        kind, value = cell["data_type"], cell["value"]
        if kind == "f":
            self.computed.row_counter = self.formulas.row_counter
            self.computed.col_counter = cell["column"] - 1
            result = self.computed.parse_cell(element)
            if result["value"] is not None:
                kind, value = result["data_type"], result["value"]
            else:
                value = Formula(str(getattr(value, "text", value)))
        if kind == "e" and value is not None:
            value = CellError(str(value))
        return cell["column"] - 1, value
