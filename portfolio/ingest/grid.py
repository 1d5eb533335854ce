"""A grid of cells (a sheet or a CSV file) to one table, at a bounded cost.

A reader (portfolio.ingest.csv_reader, .excel_reader, or any later one) hands
`grid_to_table` the rows it finds: (row number as Excel numbers it,
`RowCells`). The cost of reading belongs here, not to one reader: what a
file says about itself (an .xlsx sheet's declared `<dimension>`) is never
used; rows and cells that are not in the file cost nothing; every cell a
reader meets, empty or not, and every row is paid for from one `Budget` per
file (`Limits.max_cells`, and `Limits.max_seconds` of CPU time), and a row
keeps the values of its first `Limits.max_columns` columns only. When the
budget runs out the reader's loop raises `ReadStopped`; the reader reports
its message with the file and sheet.

`grid_to_table` matches the header row to the schema's columns, parses every
cell (portfolio.ingest.cells) and records each problem with its row (as Excel
numbers it) and column header. Both readers use it.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from operator import itemgetter

import numpy as np
import pandas as pd

from portfolio import fmt, texts
from portfolio.ingest.cells import HEADERS, blank, norm, parse_column
from portfolio.ingest.reading import FileProblem, Limits, Source, TableData
from portfolio.model import schema
from portfolio.texts import register as R
from portfolio.texts import update as T

P = T.PROBLEMS
SCORE_HEADERS = {norm(h) for h in R.SCORE_HEADERS}  # the risk score: computed, never a column


def column_letter(index: int) -> str:
    """The letter Excel gives the column at `index` (from 0)."""
    from openpyxl.utils import get_column_letter

    return get_column_letter(index + 1)


class ReadStopped(Exception):
    """Reading a file stopped: it costs more than the limits allow (or cannot
    go on). `message` is the Norwegian sentence, `row` the row it stopped at
    when that says more; the reader adds file and sheet."""

    def __init__(self, message: str, row: int | None = None):
        super().__init__(message)
        self.message = message
        self.row = row


def cpu_seconds() -> float:
    """The CPU time of the calling thread: the clock of every `Budget`."""
    return time.thread_time()


class Budget:
    """What reading one file may still cost: cells (empty ones and rows
    included) and CPU seconds of the reading thread (a server thread serves
    one upload; the CPU time is what keeps the server busy, and unlike the
    wall clock it does not depend on what else the machine does).

    `spend(n)` pays for n cells or rows; `work()` notes any other unit of
    reading (an XML element that is not a cell), so that the clock is looked
    at however the file is built. Both raise `ReadStopped` when the budget
    runs out."""

    CLOCK_EVERY = 4096  # units of work between two looks at the clock

    def __init__(self, limits: Limits, clock: Callable[[], float] | None = None):
        self.limits = limits
        self.cells = 0
        self._clock = clock or cpu_seconds
        self._started = self._clock()
        self._work = 0
        self._next_look = 0  # the first unit looks at the clock

    def spend(self, cells: int = 1) -> None:
        self.cells += cells
        if self.cells > self.limits.max_cells:
            raise ReadStopped(P["too_many_cells"].format(limit=fmt.number(self.limits.max_cells)))
        self.work(cells)

    def work(self, units: int = 1) -> None:
        self._work += units
        if self._work >= self._next_look:
            self._next_look = self._work + self.CLOCK_EVERY
            if self._clock() - self._started > self.limits.max_seconds:
                seconds = f"{self.limits.max_seconds:g}".replace(".", ",")
                raise ReadStopped(P["too_slow"].format(seconds=seconds))

    @property
    def seconds(self) -> float:
        """CPU seconds spent since the budget was opened."""
        return self._clock() - self._started


class RowCells:
    """The cells of one row, as a reader meets them, at a bounded cost.

    Every cell is paid for from the budget, empty or not. Kept are the
    values (never empty ones) of the first `max_columns` columns, as
    (column index from 0, value), and of the columns beyond those, only the
    first that holds a value: it is reported as a value without a header,
    never stored. `count` is how many cells the reader met (a CSV row's
    number of fields)."""

    __slots__ = ("_beyond", "_budget", "_max_columns", "cells", "count")

    def __init__(self, budget: Budget):
        budget.spend()  # the row itself
        self._budget = budget
        self._max_columns = budget.limits.max_columns
        self.cells: list[tuple[int, object]] = []
        self.count = 0
        self._beyond: tuple[int, object] | None = None

    def add(self, index: int, value: object) -> None:
        """One cell at column `index` (from 0)."""
        self._budget.spend()
        self.count += 1
        if blank(value):
            return
        if index < self._max_columns:
            self.cells.append((index, value))
        elif self._beyond is None or index < self._beyond[0]:
            self._beyond = (index, value)

    def empty(self) -> None:
        """One empty cell (its column does not matter)."""
        self._budget.spend()
        self.count += 1

    def add_all(self, values: Iterable[object]) -> None:
        """A whole row of values from column A on (a CSV record, a dense row)."""
        values = values if isinstance(values, (list, tuple)) else list(values)
        self._budget.spend(len(values))
        self.count += len(values)
        limit = self._max_columns
        for index, value in enumerate(values):
            if value is None or (isinstance(value, str) and not value.strip()):
                continue
            if index >= limit:
                if self._beyond is None:
                    self._beyond = (index, value)
                break
            self.cells.append((index, value))

    def values(self) -> list[tuple[int, object]]:
        """The kept (column index, value) pairs; the one beyond the columns last."""
        return [*self.cells, self._beyond] if self._beyond is not None else self.cells


def _header(table_name: str, source: Source, headers: dict[int, object], problems: list[FileProblem],
            limits: Limits):
    """The header row's columns: (width, positions, labels, missing), or None
    when the table cannot be read. Problems go to `problems`."""
    table = schema.TABLES[table_name]
    lookup = HEADERS[table_name]
    if not headers:
        problems.append(FileProblem(P["no_header"], source, table_name))
        return None
    width = max(headers) + 1
    if width > limits.max_columns:
        problems.append(FileProblem(P["too_many_columns"].format(
            letter=column_letter(width - 1), limit=limits.max_columns), source, table_name))
        return None
    positions: dict[str, int] = {}
    labels: dict[str, str] = {}
    for index, raw in sorted(headers.items()):
        name = lookup.get(norm(raw))
        shown = str(raw).strip()
        if name is None:
            score = table_name == "risks" and norm(raw) in SCORE_HEADERS
            problems.append(FileProblem(R.PROBLEMS["score_column"] if score else P["unknown_column"],
                                        source, table_name, column=shown))
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
    return width, positions, labels, missing


def grid_to_table(table_name: str, source: Source, grid, problems: list[FileProblem],
                  limits: Limits, from_csv: bool) -> TableData | None:
    """`grid` yields (row number, RowCells), the header row (row 1) first.
    Problems go to `problems`; None when the table cannot be read at all.
    `ReadStopped` from the grid's reader passes through."""
    table = schema.TABLES[table_name]
    iterator = iter(grid)
    header_row = next(iterator, None)
    headers = dict(header_row[1].values()) if header_row is not None and header_row[0] == 1 else {}
    header = _header(table_name, source, headers, problems, limits)
    if header is None:
        return None
    width, positions, labels, missing = header
    without_header = {i for i in range(width) if i not in headers}
    raw: dict[str, list] = {c: [] for c in table.column_names}
    wanted = [(column.name, positions.get(column.name)) for column in table.columns]
    rows: list[int] = []
    blank_header_columns: set[int] = set()
    pending: list[tuple[int, int, FileProblem]] = []  # (row in the file's order, -1, problem) until parsed
    count = 0
    too_many = False
    sequence = -1
    raw_sequence: list[int] = []
    try:
        for row_number, row in iterator:
            sequence += 1
            cells = row.values()
            if not cells:
                continue
            # A row is a data row when it has a value under a header (in a CSV file:
            # within the header's fields). Values elsewhere are reported, not read:
            # a stray value far out does not make a row of empty cells.
            dense: list[object] = [None] * width
            extra = has_data = False
            for index, value in cells:
                if index >= width:
                    extra = True
                    if not from_csv:
                        blank_header_columns.add(index)
                elif index in without_header and not from_csv:
                    blank_header_columns.add(index)
                else:
                    dense[index] = value
                    has_data = True
            if extra and from_csv:
                pending.append((sequence, -1, FileProblem(P["ragged"].format(count=row.count, expected=width),
                                                          source, table_name, row=row_number)))
            if not has_data:
                continue
            count += 1
            if count > limits.max_rows:
                too_many = True
                break
            rows.append(row_number)
            raw_sequence.append(sequence)
            for name, index in wanted:
                raw[name].append(dense[index] if index is not None else None)
    except ReadStopped:
        _parse_columns(table, source, raw, rows, raw_sequence, labels, pending, problems, from_csv)
        raise
    values, bad = _parse_columns(table, source, raw, rows, raw_sequence, labels, pending, problems, from_csv)
    if too_many:
        problems.append(FileProblem(P["too_many_rows"].format(limit=fmt.number(limits.max_rows)),
                                    source, table_name))
        return None
    for index in sorted(blank_header_columns):
        problems.append(FileProblem(P["blank_header"].format(letter=column_letter(index)),
                                    source, table_name))
    return TableData(table_name, source, _frame(table, values), rows, bad, missing, labels, normalized=True)


def _parse_columns(table: schema.Table, source: Source, raw: dict[str, list], rows: list[int],
                   sequences: list[int], labels: dict[str, str], pending: list, problems: list[FileProblem],
                   from_csv: bool) -> tuple[dict[str, list], set[tuple[int, str]]]:
    """Parse the collected cells column by column; every problem (and the
    rows' `pending` ones) goes to `problems` in the order of the rows, and in
    a row in the order of the columns, as if read cell by cell."""
    values: dict[str, list] = {}
    bad: set[tuple[int, str]] = set()
    found = list(pending)
    for order, column in enumerate(table.columns):
        parsed, cell_problems = parse_column(column, raw[column.name], from_csv)
        values[column.name] = parsed
        for position, problem in cell_problems:
            bad.add((position, column.name))
            found.append((sequences[position], order, FileProblem(
                problem, source, table.name, row=rows[position], column=labels.get(column.name, column.name))))
    found.sort(key=lambda f: (f[0], f[1]))
    problems.extend(f[2] for f in found)
    return values, bad


def dense_to_table(table_name: str, source: Source, rows: list[list], problems: list[FileProblem],
                   limits: Limits) -> TableData | None:
    """A sheet's values as a dense grid from A1 (row i is Excel's row i + 1,
    every row as wide, "" for an empty cell: what python-calamine reads) to
    one table, column by column: the same table and the same problems, in
    the same order, as `grid_to_table` makes of the same sheet's rows.

    The reader has checked that no cell lies beyond `limits.max_columns`."""
    table = schema.TABLES[table_name]
    first = rows[0] if rows else []
    headers = {i: v for i, v in enumerate(first) if not blank(v)}
    header = _header(table_name, source, headers, problems, limits)
    if header is None:
        return None
    _, positions, labels, missing = header
    body = rows[1:]
    total = len(first)
    # A row is a data row when it has a value under a header; values under
    # no header are reported, not read.
    heads = sorted(headers)
    lead = heads[0]
    empty = [""] * total

    def has_data(row: list) -> bool:
        return any(not blank(row[i]) for i in heads)

    firsts = list(map(itemgetter(lead), body))
    keep = [i for i, v in enumerate(firsts)
            if (v.strip() if v.__class__ is str else v is not None) or (body[i] != empty and has_data(body[i]))]
    stray = sorted(i for i in range(total) if i not in headers
                   and any(not blank(row[i]) for row in body))
    too_many = len(keep) > limits.max_rows
    if too_many:
        keep = keep[:limits.max_rows]
    numbers = [i + 2 for i in keep]
    kept = body if len(keep) == len(body) else [body[i] for i in keep]
    values: dict[str, list] = {}
    found: list[tuple[int, int, str, str]] = []  # (position, column order, column, problem)
    bad: set[tuple[int, str]] = set()
    for order, column in enumerate(table.columns):
        index = positions.get(column.name)
        if index is None:
            values[column.name] = [[] for _ in keep] if column.is_list else [None] * len(keep)
            continue
        parsed, cell_problems = parse_column(column, list(map(itemgetter(index), kept)))
        values[column.name] = parsed
        for position, problem in cell_problems:
            found.append((position, order, column.name, problem))
            bad.add((position, column.name))
    found.sort(key=lambda f: (f[0], f[1]))
    for position, _, name, problem in found:
        problems.append(FileProblem(problem, source, table_name, row=numbers[position],
                                    column=labels.get(name, name)))
    if too_many:
        problems.append(FileProblem(P["too_many_rows"].format(limit=fmt.number(limits.max_rows)),
                                    source, table_name))
        return None
    for index in stray:
        problems.append(FileProblem(P["blank_header"].format(letter=column_letter(index)),
                                    source, table_name))
    return TableData(table_name, source, _frame(table, values), numbers, bad, missing, labels, normalized=True)


def _frame(table: schema.Table, values: dict[str, list]) -> pd.DataFrame:
    """The columns as object columns (a list cell stays one list)."""
    arrays = {c.name: np.fromiter(values[c.name], dtype=object, count=len(values[c.name])) for c in table.columns}
    return pd.DataFrame(arrays, columns=table.column_names, dtype=object, copy=False)
