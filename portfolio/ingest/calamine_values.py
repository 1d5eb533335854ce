"""A workbook's values as python-calamine reads them, for
portfolio.ingest.excel_reader: each sheet after its scan (sheet_scan) has
found it plain and the cell budget has room for it.

Four threads share the work of a read. The scans run ahead of the reads
(`ScanAhead`, mostly zlib and numpy). calamine reads the next two sheets
into its own (Rust) values, each in a thread of its own (`ReadAhead`): its
read leaves the interpreter to other threads, so it overlaps the reader's
Python work (a sheet's values made Python values, then a table), and the
two reads overlap each other. Only a sheet whose scan found it plain is
read ahead, and only while the cell budget would still pay for every sheet
read ahead so far; at most two sheets wait, read, for the reader.

Not done: the next sheet read ahead as Python values (`to_python`) as well.
Tried: that part holds the interpreter, so it overlapped little, and two
sheets' Python values held at once raised an import's peak memory from 4.7
to 5.1 times the workbook's unpacked size (goal: at most 5).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
import io
import threading

from portfolio.ingest.cells import CellError
from portfolio.ingest.grid import Budget
from portfolio.ingest.sheet_scan import ScanAhead, SheetScan


def _passes(err: BaseException) -> bool:
    """A Rust panic is a BaseException: caught, as every error of calamine's,
    but never an interrupt."""
    return not isinstance(err, (KeyboardInterrupt, SystemExit))


def open_calamine(data: bytes):
    """The workbook opened by python-calamine, or None when it cannot open it."""
    from python_calamine import CalamineWorkbook

    try:
        return CalamineWorkbook.from_filelike(io.BytesIO(data))
    except BaseException as err:
        if not _passes(err):
            raise
        return None


READ_AHEAD = 2  # sheets read ahead of the reader, each in a thread of its own


class ReadAhead:
    """calamine's read of the sheets (`titles`, in the reader's order) in
    `threads` threads, as many sheets ahead of the reader: sheet i is read
    once the reader has asked for sheet i - `threads` (or a later one).

    `take(i)` waits for the threads' decision on sheet i and returns the
    sheet read (a python-calamine sheet, whose `to_python` makes its Python
    values), or None where the reader reads it itself: the scan found it not
    plain, or failed; the cell budget would not have paid for it; or
    calamine failed on it."""

    def __init__(self, data: bytes, titles: list[str], paths: list[str], scans: ScanAhead | None, budget: Budget,
                 threads: int = READ_AHEAD):
        self._data = data
        self._sheets = list(zip(titles, paths, strict=True))
        self._scans = scans
        self._ahead = threads
        self._room = budget.limits.max_cells - budget.cells  # for every sheet read ahead
        self._changed = threading.Condition()
        self._asked = -1  # the last sheet the reader asked for
        self._next = 0  # the next sheet a thread will read
        self._decided: set[int] = set()  # the sheets the threads have decided on
        self._ready: dict[int, object] = {}
        self._closed = False
        self._threads = [threading.Thread(target=self._run, name=f"calamine-ahead-{n}", daemon=True)
                         for n in range(threads)]
        for thread in self._threads:
            thread.start()

    def _claim(self) -> int | None:
        """The next sheet to read, once the reader is near enough; None when done."""
        with self._changed:
            self._changed.wait_for(lambda: self._closed or self._next >= len(self._sheets)
                                   or self.may_read(self._next))
            if self._closed or self._next >= len(self._sheets):
                return None
            self._next += 1
            return self._next - 1

    def _run(self) -> None:
        book, index = None, None
        try:
            book = open_calamine(self._data)
            while (index := self._claim()) is not None:
                sheet = self._read(book, *self._sheets[index]) if book is not None else None
                with self._changed:
                    if sheet is not None and not self._closed:
                        self._ready[index] = sheet
                    self._decided.add(index)
                    self._changed.notify_all()
        finally:
            if index is not None:  # interrupted: the reader reads that sheet itself
                with self._changed:
                    self._decided.add(index)
                    self._changed.notify_all()
            if book is not None:
                book.close()

    def _read(self, book, title: str, path: str):
        try:
            scan = self._scans.result(path)
        except BaseException as err:  # the reader meets it again, on its own thread
            if not _passes(err):
                raise
            return None
        if not isinstance(scan, SheetScan):
            return None
        with self._changed:
            if self._closed or scan.units > self._room:  # closed: the reader has stopped
                return None
            self._room -= scan.units
        try:
            return book.get_sheet_by_name(title)
        except BaseException as err:
            if not _passes(err):
                raise
            return None

    def may_read(self, index: int) -> bool:
        """Whether the reader is near enough for sheet `index` to be read ahead."""
        return self._asked >= index - self._ahead

    def reached(self, index: int) -> None:
        """The reader is at sheet `index`: the threads may read the next ones."""
        with self._changed:
            if index > self._asked:
                self._asked = index
                self._changed.notify_all()

    def take(self, index: int):
        self.reached(index)
        with self._changed:
            self._changed.wait_for(lambda: index in self._decided)
            for earlier in [i for i in self._ready if i < index]:
                del self._ready[earlier]  # a sheet the reader skipped
            return self._ready.pop(index, None)

    def close(self) -> None:
        with self._changed:
            self._closed = True
            self._ready.clear()
            self._changed.notify_all()
        for thread in self._threads:
            thread.join()


class Values:
    """The workbook's sheets as python-calamine reads them (ahead of the
    reader: `ScanAhead`, `ReadAhead`); None from `rows` where `sheet_rows`
    must read the sheet."""

    def __init__(self, data: bytes, sheets: list[tuple[str, str]], budget: Budget):
        """`sheets`: (title, path of its part) of the sheets the reader will
        ask for, in that order; `budget`: the file's, as it is before the
        first of them is read."""
        self.data = data
        self._book = None
        self._failed = False
        self._position = {}
        for index, (title, _) in enumerate(sheets):
            self._position.setdefault(title, index)
        paths = [path for _, path in sheets]
        self._ahead = ScanAhead(data, paths, budget.limits.max_columns)
        self._read_ahead = ReadAhead(data, [title for title, _ in sheets], paths, self._ahead, budget)
        self.scan: SheetScan | None = None  # of the last sheet read

    def _open(self):
        if self._book is None and not self._failed:
            self._book = open_calamine(self.data)
            self._failed = self._book is None
        return self._book

    def _read(self, title: str) -> list[list] | None:
        index = self._position.get(title)
        sheet = self._read_ahead.take(index) if index is not None else None
        try:
            if sheet is None:
                calamine = self._open()
                if calamine is None:
                    return None
                sheet = calamine.get_sheet_by_name(title)
            return sheet.to_python(skip_empty_area=False)
        except BaseException as err:
            if not _passes(err):
                raise
            return None  # sheet_rows reads it, and says what is wrong

    def rows(self, title: str, path: str, budget: Budget, pay: bool = True) -> list[list] | None:
        """The sheet's values, a dense grid from A1 ("" for an empty cell, a
        `CellError` for an error cell), its rows and cells paid for (unless
        not `pay`: `self.scan` says what they cost); None when the sheet is
        not plain, or is more than the budget has left."""
        index = self._position.get(title)
        if index is not None:
            self._read_ahead.reached(index)
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
        self._read_ahead.close()
        self._ahead.close()
        if self._book is not None:
            self._book.close()
            self._book = None
        _give_back_freed_memory()


@functools.cache
def _malloc_trim():
    libc = ctypes.util.find_library("c")
    return getattr(ctypes.CDLL(libc), "malloc_trim", None) if libc else None


def _give_back_freed_memory() -> None:
    """Return to the operating system what the read has freed (glibc's
    `malloc_trim`; about 20 ms). calamine's values of a sheet read ahead
    are made in that thread's own malloc arena, which the rest of the
    import (on the reader's thread) does not reuse: without this, the peak
    memory of a 10 000-initiative import grew by about 40 MB, from 4.7 to
    5.0 times the workbook's unpacked size. Nothing where the C library has
    no `malloc_trim`."""
    trim = _malloc_trim()
    if trim is not None:
        trim(0)
