"""A CSV file, one table, as Norwegian Excel saves it.

The file name (tiltak.csv, budsjett.csv, milepæler.csv) or else the header
row tells which table it holds; the apostrophe our CSV export puts before
formula-like text is removed again (portfolio.ingest.cells.unquote).
"""

from __future__ import annotations

import csv
import io
from pathlib import PurePath

from portfolio.ingest import sniff
from portfolio.ingest.cells import table_from_headers, table_from_name, unquote
from portfolio.ingest.grid import Budget, ReadStopped, RowCells, grid_to_table
from portfolio.ingest.reading import FileProblem, Limits, Reading, Source, Upload
from portfolio.texts import update as T

P = T.PROBLEMS


def read_csv(upload: Upload, reading: Reading, limits: Limits) -> None:
    """Add the table the file holds, or its problems, to `reading`."""
    source = Source("file", file=upload.name)
    text, problem = sniff.csv_text(upload.data)
    if problem:
        reading.problems.append(FileProblem(problem, source))
        return
    _allow_fields_of(limits.max_bytes)
    records = csv.reader(io.StringIO(text, newline=""), delimiter=sniff.delimiter(text))
    budget = Budget(limits)
    try:
        header = next(records)
    except (csv.Error, StopIteration):
        reading.problems.append(FileProblem(P["not_csv"], source))
        return
    stem = PurePath(upload.name).stem
    table = table_from_name(stem) or table_from_headers([unquote(h) for h in header[:limits.max_columns]])
    if table is None:
        reading.problems.append(FileProblem(P["unknown_table"], source))
        return
    table_source = Source("file", file=upload.name, csv=True)

    def row(values: list[str]) -> RowCells:
        cells = RowCells(budget)
        cells.add_all(values)
        return cells

    def grid():
        yield 1, row(header)
        number = 1
        try:
            for record in records:
                number += 1
                yield number, row(record)
                if number > limits.max_rows + 2:
                    return
        except csv.Error:
            raise ReadStopped(P["not_csv"], row=number + 1) from None

    try:
        parsed = grid_to_table(table, table_source, grid(), reading.problems, limits, from_csv=True)
    except ReadStopped as stop:
        reading.problems.append(FileProblem(stop.message, table_source, table, row=stop.row))
        return
    finally:
        reading.cells_read += budget.cells
    reading.add_table(parsed, table, table_source)


def _allow_fields_of(size: int) -> None:
    """Let a field be as long as the file may be. Python's csv module stops at
    131 072 characters in a field, with an error that is no help to the user
    (and that used to be reported as «binære data»); a text too long for its
    column is reported by the validation instead, with its length, its row and
    its column. The setting is the csv module's, for the whole process: it only
    ever grows here."""
    if csv.field_size_limit() < size:
        csv.field_size_limit(size)
