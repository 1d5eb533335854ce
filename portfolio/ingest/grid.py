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

import pandas as pd

from portfolio import fmt, texts
from portfolio.ingest.cells import HEADERS, blank, norm, parse_cell
from portfolio.ingest.reading import FileProblem, Limits, Source, TableData
from portfolio.model import schema
from portfolio.texts import update as T

P = T.PROBLEMS


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


def grid_to_table(table_name: str, source: Source, grid, problems: list[FileProblem],
                  limits: Limits, from_csv: bool) -> TableData | None:
    """`grid` yields (row number, RowCells), the header row (row 1) first.
    Problems go to `problems`; None when the table cannot be read at all.
    `ReadStopped` from the grid's reader passes through."""
    table = schema.TABLES[table_name]
    lookup = HEADERS[table_name]
    iterator = iter(grid)
    header_row = next(iterator, None)
    headers = dict(header_row[1].values()) if header_row is not None and header_row[0] == 1 else {}
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
    without_header = {i for i in range(width) if i not in headers}
    values: dict[str, list] = {c: [] for c in table.column_names}
    wanted = [(column, positions.get(column.name)) for column in table.columns]
    rows: list[int] = []
    bad: set[tuple[int, str]] = set()
    blank_header_columns: set[int] = set()
    count = 0
    for row_number, row in iterator:
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
            problems.append(FileProblem(P["ragged"].format(count=row.count, expected=width),
                                        source, table_name, row=row_number))
        if not has_data:
            continue
        count += 1
        if count > limits.max_rows:
            problems.append(FileProblem(P["too_many_rows"].format(limit=fmt.number(limits.max_rows)),
                                        source, table_name))
            return None
        position = len(rows)
        rows.append(row_number)
        for column, index in wanted:
            raw = dense[index] if index is not None else None
            parsed, problem = parse_cell(column, raw, from_csv=from_csv)
            if problem:
                bad.add((position, column.name))
                problems.append(FileProblem(problem, source, table_name, row=row_number,
                                            column=labels.get(column.name, column.name)))
            values[column.name].append(parsed)
    for index in sorted(blank_header_columns):
        problems.append(FileProblem(P["blank_header"].format(letter=column_letter(index)),
                                    source, table_name))
    frame = pd.DataFrame({c: pd.Series(v, dtype=object) for c, v in values.items()},
                         columns=table.column_names)
    return TableData(table_name, source, frame, rows, bad, missing, labels)
