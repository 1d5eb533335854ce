"""The template's data rows, written as the sheet's XML directly.

openpyxl spends about 20 µs on each cell it writes (a cell object, its
style, its coordinate, lxml's element): 3.1 million cells, the template of
10 000 initiatives, took over a minute. Here each column is turned into its
cells' XML with one comprehension, the rows are joined, and the text goes
into the sheets openpyxl has written with their headers, validations and
styles (`fill`): the same XML, cell for cell, as openpyxl's write-only
worksheet makes of `template._write_cell`'s cells (tests/test_workbook.py
compares the two): text as inline strings (never a formula), numbers and
dates as numbers with the template's number formats, empty cells left out.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import zipfile
from collections.abc import Iterator

import numpy as np
import pandas as pd
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import to_excel
from openpyxl.utils.exceptions import IllegalCharacterError

from portfolio.model import schema
from portfolio.texts import update as T

LIST_JOINER = "; "
DATE_FORMAT = "DD.MM.YYYY"
AMOUNT_FORMAT = "#,##0"
YEAR_FORMAT = "0"  # and every whole number that is not an amount (a 1–5 scale, an item number)
MAX_TEXT = 32767  # what a cell holds (openpyxl cuts longer text there)
CHUNK_ROWS = 20_000  # rows joined at a time (the XML of a sheet is never whole in memory)
_END = b"</sheetData>"


def style_ids(sheet) -> dict[str, int]:
    """The workbook's style index of each number format the rows use
    (registered in the workbook's styles as openpyxl registers a cell's)."""
    ids = {}
    for number_format in (DATE_FORMAT, AMOUNT_FORMAT, YEAR_FORMAT):
        probe = WriteOnlyCell(sheet, value=0)
        probe.number_format = number_format
        ids[number_format] = probe.style_id
    return ids


def _text(value: str) -> str:
    value = value[:MAX_TEXT]
    if ILLEGAL_CHARACTERS_RE.search(value):
        raise IllegalCharacterError(f"{value} cannot be used in worksheets.")
    escaped = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")
    space = ' xml:space="preserve"' if value != value.strip() else ""
    return f'<t{space}>{escaped}</t>'


def _number(value) -> str:
    return f"{value:.16g}"


def _missing(value) -> bool:
    return value is None or value is pd.NaT or value is pd.NA or (isinstance(value, float) and math.isnan(value))


def _column_cells(column: schema.Column, values: list, letter: str, rows: range, styles: dict[str, int]) -> list[str]:
    """Each row's cell of one column as XML ("" for an empty cell), as
    template.cell_value and template._write_cell make it."""
    kind = "list" if column.is_list else column.type_name
    ref = [f'<c r="{letter}{r}"' for r in rows]
    if kind in ("string", "bool", "list"):
        if kind == "string":
            texts = [None if _missing(v) else str(v.item() if isinstance(v, np.generic) else v) for v in values]
        elif kind == "bool":
            texts = [None if _missing(v) else (T.TRUE_WORD if bool(v) else T.FALSE_WORD) for v in values]
        else:
            texts = [None if _missing(v) else _joined(v) for v in values]
        memo: dict[str, str] = {}
        out = []
        for head, text in zip(ref, texts, strict=True):
            if text is None:
                out.append("")
            elif text == "":
                out.append(f'{head} t="inlineStr"></c>')
            else:
                body = memo.get(text)
                if body is None:
                    body = memo[text] = _text(text)
                out.append(f'{head} t="inlineStr"><is>{body}</is></c>')
        return out
    if kind == "date":
        style = styles[DATE_FORMAT]
        serials: dict = {}
        out = []
        for head, v in zip(ref, values, strict=True):
            if _missing(v):
                out.append("")
                continue
            serial = serials.get(v)
            if serial is None:
                day = v.to_pydatetime() if isinstance(v, pd.Timestamp) else v
                day = day.date() if isinstance(day, dt.datetime) else day
                serial = serials[v] = _number(to_excel(day))
            out.append(f'{head} s="{style}" t="n"><v>{serial}</v></c>')
        return out
    if kind == "int":
        style = styles[AMOUNT_FORMAT if column.name.endswith("_nok") else YEAR_FORMAT]
        return ["" if _missing(v) else f'{head} s="{style}" t="n"><v>{_number(int(v))}</v></c>'
                for head, v in zip(ref, values, strict=True)]
    if kind == "float":
        return ["" if _missing(v) or not math.isfinite(float(v)) else f'{head} t="n"><v>{_number(float(v))}</v></c>'
                for head, v in zip(ref, values, strict=True)]
    raise ValueError(f"no cell for a column of type {kind}")


def _joined(value) -> str | None:
    items = [str(v) for v in list(value)] if not isinstance(value, str) else [value]
    return LIST_JOINER.join(items) if items else None


def rows_xml(table: schema.Table, frame: pd.DataFrame, styles: dict[str, int], first_row: int = 2) -> Iterator[bytes]:
    """The frame's rows as `<row>` elements from `first_row` on, in chunks."""
    for start in range(0, len(frame), CHUNK_ROWS):
        part = frame.iloc[start:start + CHUNK_ROWS]
        numbers = range(first_row + start, first_row + start + len(part))
        columns = [_column_cells(c, part[c.name].tolist(), get_column_letter(i), numbers, styles)
                   for i, c in enumerate(table.columns, start=1)]
        text = "".join(f'<row r="{n}">{"".join(cells)}</row>' for n, *cells in zip(numbers, *columns, strict=True))
        yield text.encode("ascii", "xmlcharrefreplace")


def fill(book_bytes: bytes, rows: dict[str, tuple[schema.Table, pd.DataFrame, dict[str, int]]]) -> bytes:
    """The workbook with each sheet named in `rows` (by its part's path in
    the zip) given its data rows after its header row."""
    source = zipfile.ZipFile(io.BytesIO(book_bytes))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info)
            entry = zipfile.ZipInfo(info.filename, date_time=info.date_time)
            entry.compress_type = zipfile.ZIP_DEFLATED
            if info.filename not in rows:
                target.writestr(entry, data)
                continue
            end = data.index(_END)
            with target.open(entry, "w") as part:
                part.write(data[:end])
                for chunk in rows_xml(*rows[info.filename]):
                    part.write(chunk)
                part.write(data[end:])
    return out.getvalue()
