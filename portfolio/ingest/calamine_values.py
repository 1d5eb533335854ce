"""A workbook's values as python-calamine reads them, for
portfolio.ingest.excel_reader: each sheet after its scan (sheet_scan) has
found it plain and the cell budget has room for it. The scans run in a
thread ahead of the reads (`ScanAhead`): calamine leaves the interpreter to
other threads for most of its read, so the two overlap.

Not done: reading the next sheet with calamine while the reader turns this
one into a table. Tried: it overlapped too, but gained little (calamine's
reads became the longest path, slowed by the reader's Python) and raised
an import's peak memory from 4.7 to 5.1 times the workbook's unpacked size
(goal: at most 5), with two sheets' values held at once.
"""

from __future__ import annotations

import io

from portfolio.ingest.cells import CellError
from portfolio.ingest.grid import Budget
from portfolio.ingest.sheet_scan import ScanAhead, SheetScan


class Values:
    """The workbook as python-calamine reads it, opened when a sheet is first
    asked for; None from `rows` where `sheet_rows` must read the sheet."""

    def __init__(self, data: bytes, paths: list[str], max_columns: int):
        """`paths`: the sheets' parts the reader will ask for, in that order,
        scanned in a thread beside the reads (sheet_scan.ScanAhead)."""
        self.data = data
        self._book = None
        self._failed = False
        self._ahead = ScanAhead(data, paths, max_columns)
        self.scan: SheetScan | None = None  # of the last sheet read

    def _open(self):
        if self._book is None and not self._failed:
            from python_calamine import CalamineWorkbook

            try:
                self._book = CalamineWorkbook.from_filelike(io.BytesIO(self.data))
            except BaseException as err:  # a Rust panic is a BaseException
                if isinstance(err, (KeyboardInterrupt, SystemExit)):
                    raise
                self._failed = True
        return self._book

    def _read(self, title: str) -> list[list] | None:
        calamine = self._open()
        if calamine is None:
            return None
        try:
            return calamine.get_sheet_by_name(title).to_python(skip_empty_area=False)
        except BaseException as err:
            if isinstance(err, (KeyboardInterrupt, SystemExit)):
                raise
            return None  # sheet_rows reads it, and says what is wrong

    def rows(self, title: str, path: str, budget: Budget, pay: bool = True) -> list[list] | None:
        """The sheet's values, a dense grid from A1 ("" for an empty cell, a
        `CellError` for an error cell), its rows and cells paid for (unless
        not `pay`: `self.scan` says what they cost); None when the sheet is
        not plain, or is more than the budget has left."""
        found = self._ahead.result(path)
        if isinstance(found, KeyError):
            return None
        self.scan = scan = found
        if scan is None or budget.cells + scan.units > budget.limits.max_cells:
            return None
        rows = self._read(title)
        if rows is None:
            return None
        if pay:
            budget.spend(scan.units)
        for row, column, text in scan.errors:
            if row < len(rows) and column < len(rows[row]):
                rows[row][column] = CellError(text)
        return rows

    def close(self) -> None:
        self._ahead.close()
        if self._book is not None:
            self._book.close()
            self._book = None
