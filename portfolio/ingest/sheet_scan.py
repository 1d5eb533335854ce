"""Whether python-calamine may read a sheet, found before it does.

`scan_sheet` looks at the bytes of a sheet's `<sheetData>` with numpy (no
XML parser, at the speed of a byte search) and says whether the sheet is
plain: only rows, cells, values, formulas and inline text; every row and
cell with its own reference first, rows in order, each cell in its row; no
cell beyond the columns read; no formula without Excel's computed value; and
no more room than the cells need (calamine fills the rectangle from the
first to the last cell: one cell at XFD1048576 would be seventeen billion).
For a plain sheet it counts the rows and cells (what
portfolio.ingest.excel_reader.sheet_rows would pay for them) and finds the
error cells, which calamine reads as empty. Anything else: None, and
`sheet_rows` reads the sheet.
"""

from __future__ import annotations

import io
import re
import threading
import zipfile
from dataclasses import dataclass, field

import numpy as np

ROOM = 4  # calamine's rectangle may hold this many times the sheet's cells and rows ...
SMALL_ROOM = 100_000  # ... or this many cells, whatever the sheet holds


@dataclass
class SheetScan:
    """What `scan_sheet` found in a plain sheet."""

    rows: int = 0
    cells: int = 0
    errors: list[tuple[int, int, str]] = field(default_factory=list)  # (row, column) from 0, «#N/A»
    numbers: list[int] = field(default_factory=list)  # each row's number, in the file's order
    paid: list[int] = field(default_factory=list)  # units paid up to and with each row

    @property
    def units(self) -> int:
        """What the sheet costs from the budget: as `sheet_rows` pays for it."""
        return self.rows + self.cells


_CELL_TAG = re.compile(rb"<c[\s/>]")
_NAME_END = np.zeros(256, dtype=bool)
_NAME_END[[ord(" "), ord(">"), ord("/")]] = True  # what may follow a tag's name
_FIRST = np.zeros(256, dtype=bool)
_FIRST[[ord(c) for c in "/rcvfti"]] = True  # </…>, <row, <c, <v, <f, <t, <is
_REF = int.from_bytes(b' r="', "little")  # what follows <c and <row: the reference first


def _words(xml: bytes, dtype) -> np.ndarray:
    """Every unaligned little-endian word of `xml`: word[i] is bytes i, i+1, …"""
    dtype = np.dtype(dtype).newbyteorder("<")
    return np.ndarray(shape=(len(xml) - dtype.itemsize + 1,), dtype=dtype, buffer=xml, strides=(1,))


def scan_sheet(xml: bytes, max_columns: int) -> SheetScan | None:
    """A plain sheet's rows, cells and error cells; None when the sheet is not
    plain (see the module's docstring) and `sheet_rows` must read it.

    Vectorised over the bytes of `<sheetData>`: the tags are told apart by
    their first letters, a cell's reference is compared with its row's
    number, and its column is read from its letters."""
    start = xml.find(b"<sheetData")
    if start < 0:
        return None if _CELL_TAG.search(xml) else SheetScan()
    opened = xml.find(b">", start)
    if opened < 0:
        return None
    if xml[opened - 1] == ord("/"):  # <sheetData/>
        return None if _CELL_TAG.search(xml, opened) or _CELL_TAG.search(xml, 0, start) else SheetScan()
    end = xml.find(b"</sheetData>", opened)
    if (end < 0 or xml.find(b"<sheetData", end) >= 0 or _CELL_TAG.search(xml, 0, start)
            or _CELL_TAG.search(xml, end)):
        return None  # no sheetData, or two, or a cell outside it
    a = np.frombuffer(xml, dtype=np.uint8)  # `</sheetData>` follows every tag looked at: no index runs out
    lt = _tag_starts(a, opened, end)
    if len(lt) == 0:
        return SheetScan()
    first = a[lt + 1]
    if not _FIRST[first].all():
        return None  # another element (rich text, comments, anything else): sheet_rows

    rows, cells, values, formulas, texts_, inline = [lt[first == ord(letter)] for letter in "rcvfti"]
    del lt, first  # the largest arrays go as soon as they are used (ScanAhead runs beside a read)
    word4 = _words(xml, np.uint32)
    if not (_NAME_END[a[cells + 2]].all()
            and _NAME_END[a[values + 2]].all() and _NAME_END[a[formulas + 2]].all()
            and _NAME_END[a[texts_ + 2]].all() and np.all(a[inline + 2] == ord("s"))
            and _NAME_END[a[inline + 3]].all()
            and np.all(word4[rows + 1] == int.from_bytes(b"row ", "little"))
            and np.all(word4[rows + 4] == _REF) and np.all(word4[cells + 2] == _REF)):
        return None  # another element, or a row or cell without its reference first
    # (a cell inside a cell: calamine refuses the sheet, and sheet_rows reads it)
    if len(cells) and (len(rows) == 0 or cells[0] < rows[0]):
        return None  # a cell outside a row
    numbers, digits = _numbers(a, rows + 8)
    if numbers is None or (len(numbers) > 1 and not np.all(numbers[1:] > numbers[:-1])):
        return None  # rows out of order, or twice
    # columns: one or two letters, within max_columns
    word8 = _words(xml, np.uint64)
    ref = word8[cells + 6]  # the reference's first 8 bytes: letters, digits, quote
    first_letter = (ref & 0xFF).astype(np.int64)
    second = ((ref >> 8) & 0xFF).astype(np.int64)
    third = ((ref >> 16) & 0xFF).astype(np.int64)
    letter = lambda b: (b >= ord("A")) & (b <= ord("Z"))  # noqa: E731
    two = letter(second)
    if not letter(first_letter).all() or np.any(two & letter(third)):
        return None
    columns = np.where(two, (first_letter - 64) * 26 + (second - 64), first_letter - 64) - 1
    del ref, first_letter, second, third
    if len(columns) and int(columns.max()) >= max_columns:
        return None
    # each cell's row number is its row's: the same digits, then the quote
    owner = np.searchsorted(rows, cells) - 1
    mine = word8[cells + 7 + two]
    theirs = word8[rows + 8][owner]
    width = digits[owner] + 1  # digits and the quote: at most 8 bytes
    mask = np.where(width >= 8, np.uint64(0xFFFFFFFFFFFFFFFF),
                    (np.uint64(1) << (np.minimum(width, 7).astype(np.uint64) * np.uint64(8))) - np.uint64(1))
    mine ^= theirs
    mine &= mask
    del theirs, mask, width
    if np.any(mine):
        return None
    # no formula without a computed value (<v>…</v>, not <v/>: sheet_rows names the formula)
    if len(formulas):
        valued = values[(a[values + 2] == ord(">")) & (a[values + 3] != ord("<"))]
        if not np.all(np.isin(np.searchsorted(cells, formulas), np.searchsorted(cells, valued))):
            return None
    # calamine's rectangle: from A1 (at most) to the last row and column
    rows_count, cells_count = len(rows), len(cells)
    area = (int(numbers[-1]) if len(numbers) else 0) * (int(columns.max()) + 1 if len(columns) else 0)
    if area > ROOM * (rows_count + cells_count) + SMALL_ROOM:
        return None
    errors: list[tuple[int, int, str]] = []
    for where in values[(a[values + 2] == ord(">")) & (a[values + 3] == ord("#"))].tolist():
        owner_cell = int(np.searchsorted(cells, where)) - 1
        tag_start = int(cells[owner_cell])
        if b' t="e"' not in xml[tag_start:xml.find(b">", tag_start)]:
            continue  # a text that starts with #
        content = xml[where + 3:xml.find(b"<", where + 3)].decode("utf-8", "replace")
        errors.append((int(numbers[owner[owner_cell]]) - 1, int(columns[owner_cell]), _unescape(content)))
    paid = np.cumsum(np.bincount(owner, minlength=len(numbers)) + 1) if len(numbers) else []
    return SheetScan(rows_count, cells_count, errors, numbers.tolist(), list(paid))


CHUNK = 1 << 20  # bytes looked at in one step by `_tag_starts`


def _tag_starts(a: np.ndarray, start: int, end: int) -> np.ndarray:
    """Where each "<" in a[start:end] is, a chunk at a time and as 32-bit
    positions where they fit: the scan may run beside a read of another
    sheet (ScanAhead), so it holds no array as large as the sheet."""
    dtype = np.int32 if end < 2**31 else np.int64
    found = [np.flatnonzero(a[at:min(at + CHUNK, end)] == ord("<")).astype(dtype) + dtype(at)
             for at in range(start, end, CHUNK)]
    return np.concatenate(found) if found else np.zeros(0, dtype=dtype)


def _numbers(a: np.ndarray, starts: np.ndarray) -> tuple[np.ndarray | None, np.ndarray]:
    """The decimal numbers at `starts`, each ended by a quote, and their digit
    counts; None when one is not a number of 1 to 7 digits."""
    count = len(starts)
    numbers = np.zeros(count, dtype=np.int64)
    digits = np.zeros(count, dtype=np.int64)
    open_ = np.ones(count, dtype=bool)
    for k in range(8):
        b = a[starts + k]
        is_digit = (b >= ord("0")) & (b <= ord("9")) & open_
        quote = (b == ord('"')) & open_
        numbers = np.where(is_digit, numbers * 10 + (b.astype(np.int64) - ord("0")), numbers)
        digits += is_digit
        open_ &= ~quote
        if np.any(open_ & ~is_digit):
            return None, digits
    if np.any(open_) or np.any(digits == 0):
        return None, digits
    return numbers, digits


def _unescape(text: str) -> str:
    from xml.sax.saxutils import unescape

    return unescape(text, {"&quot;": '"', "&apos;": "'"})


class ScanAhead:
    """`scan_sheet` of a workbook's sheets, one after the other in a thread
    of its own, while the reader reads the sheets already scanned: the scan
    (inflating the sheet's XML, numpy over its bytes) runs beside calamine's
    read, which leaves the interpreter to other threads for most of its time.

    `result(path)` waits for that sheet's scan and returns it, or raises
    what the scan raised (a damaged zip member), where the reader would have
    met it. Only one sheet's XML is held at a time; `close()` stops the
    thread after the sheet it is on. A sheet asked for that was not listed
    is scanned on the caller's thread."""

    def __init__(self, data: bytes, paths: list[str], max_columns: int):
        self._paths = list(dict.fromkeys(paths))
        self._max_columns = max_columns
        self._data = data
        self._done = {path: threading.Event() for path in self._paths}
        self._results: dict[str, tuple[bool, object]] = {}  # path -> (ok, scan or the exception)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="sheet-scan", daemon=True)
        self._thread.start()

    def _scan(self, archive, path: str) -> tuple[bool, object]:
        try:
            with archive.open(path) as part:
                xml = part.read()
        except KeyError:
            return True, KeyError(path)  # no such part: the reader reads no values from it
        except BaseException as err:  # raised again on the reader's thread
            return False, err
        try:
            return True, scan_sheet(xml, self._max_columns)
        except BaseException as err:  # raised again on the reader's thread
            return False, err

    def _run(self) -> None:
        try:
            archive = zipfile.ZipFile(io.BytesIO(self._data))
        except BaseException as err:  # every sheet's result is the error
            for path in self._paths:
                self._results[path] = (False, err)
                self._done[path].set()
            return
        with archive:
            for path in self._paths:
                if self._stop.is_set():
                    break
                self._results[path] = self._scan(archive, path)
                self._done[path].set()

    def result(self, path: str) -> SheetScan | None | KeyError:
        """The sheet's scan (a KeyError instance when the workbook has no such part)."""
        done = self._done.get(path)
        if done is None or self._stop.is_set():
            with zipfile.ZipFile(io.BytesIO(self._data)) as archive:
                ok, value = self._scan(archive, path)
        else:
            done.wait()
            ok, value = self._results[path]  # kept: two sheets may name the same part
        if not ok:
            raise value
        return value

    def close(self) -> None:
        self._stop.set()
        self._thread.join()
