"""An Excel workbook (.xlsx): the template, one sheet per table.

Sheets are matched to tables by their title; the instructions, lists and
meta sheets are skipped, and the meta sheet gives the id of the snapshot the
template was made from (the base). Formula cells take Excel's computed value
when the file has one; without it they are a problem, as are error cells.
"""

from __future__ import annotations

import io

from portfolio import texts
from portfolio.ingest import sniff
from portfolio.ingest.cells import CellError, Formula, blank, table_from_name
from portfolio.ingest.grid import grid_to_table
from portfolio.ingest.reading import FileProblem, Limits, Reading, Source, Upload
from portfolio.ingest.template import META_KEYS, RESERVED_SHEETS, SHEET_NAMES
from portfolio.model import schema
from portfolio.texts import update as T

P = T.PROBLEMS


def read_workbook(upload: Upload, reading: Reading, limits: Limits) -> None:
    """Add the workbook's tables, base id and problems to `reading`."""
    from openpyxl import load_workbook

    source = Source("file", file=upload.name)
    data = upload.data
    problem = sniff.workbook_problem(data, limits.max_unpacked_bytes)
    if problem:
        reading.problems.append(FileProblem(problem, source))
        return
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception:
        reading.problems.append(FileProblem(P["not_xlsx"], source))
        return
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
            table = table_from_name(title)
            if table is None:
                if any(not blank(v) for row in sheet.iter_rows(values_only=True) for v in row):
                    reading.problems.append(FileProblem(P["unknown_sheet"], sheet_source))
                continue
            grid = list(_sheet_rows(sheet, limits))
            if any(isinstance(v, Formula) for _, row in grid for v in row):
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
            parsed = grid_to_table(table, sheet_source, grid, reading.problems, limits, from_csv=False)
            reading.add_table(parsed, table, sheet_source)
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
        return Formula(value)
    if kind == "e" and value is not None:
        return CellError(str(value))
    return value


def _sheet_rows(sheet, limits: Limits):
    """(row number, values) for every row, numbered as Excel numbers them; stops
    a little after the row limit (the limit check reports it)."""
    data_rows = 0
    for number, row in enumerate(sheet.iter_rows(), start=1):
        values = [_cell(c) for c in row]
        while values and blank(values[-1]):
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
            if isinstance(value, Formula) and i < len(other) and other[i] is not None:
                row[i] = other[i]
        out.append((number, row))
    return out


def _sheet_rows_plain(sheet, limits: Limits):
    for number, row in enumerate(sheet.iter_rows(values_only=True), start=1):
        yield number, list(row)
        if number > limits.max_rows + 2:
            return
