"""Tables as Excel (.xlsx) and CSV downloads.

Numbers stay numbers and dates stay dates in Excel. Text that a spreadsheet
would run as a formula (starting with = + - @, tab or carriage return) is
made inert: in .xlsx it is stored explicitly as text (so it round-trips
exactly), in CSV it gets a leading apostrophe, as OWASP recommends.
"""

from __future__ import annotations

import datetime as dt
import io
import math
from collections.abc import Mapping

import numpy as np
import pandas as pd
from openpyxl import Workbook
from openpyxl.cell.cell import TYPE_STRING
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
DATE_FORMAT = "DD.MM.YYYY"
AMOUNT_FORMAT = "#,##0"
MAX_SHEET_NAME = 31


def is_formula_like(value: object) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_PREFIXES)


def _cell_value(value: object) -> object:
    """A pandas/numpy value as a plain Python value openpyxl can store."""
    if value is None or value is pd.NaT:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, (list, tuple, np.ndarray)):
        return ", ".join(str(v) for v in value)
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, pd.Timestamp):
        value = value.to_pydatetime()
    if isinstance(value, dt.datetime) and value.tzinfo is not None:
        value = value.astimezone(dt.UTC).replace(tzinfo=None)
    try:
        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    return value


def to_xlsx(sheets: Mapping[str, pd.DataFrame] | pd.DataFrame, sheet_name: str = "Data") -> bytes:
    """One sheet per frame; headers bold and frozen, with a filter."""
    if isinstance(sheets, pd.DataFrame):
        sheets = {sheet_name: sheets}
    book = Workbook()
    book.remove(book.active)
    for name, frame in sheets.items():
        sheet = book.create_sheet(title=name[:MAX_SHEET_NAME])
        write_frame(sheet, frame)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def write_frame(sheet, frame: pd.DataFrame) -> None:
    """Write a frame to an openpyxl sheet with real cell types."""
    columns = [str(c) for c in frame.columns]
    sheet.append(columns)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row_number, row in enumerate(frame.itertuples(index=False, name=None), start=2):
        for column_number, raw in enumerate(row, start=1):
            value = _cell_value(raw)
            cell = sheet.cell(row=row_number, column=column_number)
            if isinstance(value, str):
                cell.value = value
                cell.data_type = TYPE_STRING  # never a formula, whatever it starts with
                continue
            cell.value = value
            if isinstance(value, (dt.date, dt.datetime)):
                cell.number_format = DATE_FORMAT
            elif isinstance(value, int) and not isinstance(value, bool):
                cell.number_format = AMOUNT_FORMAT
    sheet.freeze_panes = "A2"
    if len(frame.columns):
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{max(len(frame) + 1, 1)}"
    for index, name in enumerate(columns, start=1):
        sample = [len(name)] + [len(str(_cell_value(v) or "")) for v in frame.iloc[:200, index - 1]]
        sheet.column_dimensions[get_column_letter(index)].width = min(max(sample) + 2, 60)


def to_csv(frame: pd.DataFrame) -> bytes:
    """CSV as Norwegian Excel opens it: UTF-8 with BOM, ';' between fields,
    decimal comma, dates as dd.mm.yyyy; formula-like text made inert."""
    out = frame.copy()
    for column in out.columns:
        out[column] = [_csv_value(v) for v in out[column]]
    return out.to_csv(index=False, sep=";", decimal=",", lineterminator="\r\n").encode("utf-8-sig")


def _csv_value(raw: object) -> object:
    value = _cell_value(raw)
    if isinstance(value, dt.datetime):
        return value.strftime("%d.%m.%Y %H:%M")
    if isinstance(value, dt.date):
        return value.strftime("%d.%m.%Y")
    if isinstance(value, float):
        return f"{value}".replace(".", ",")
    if is_formula_like(value):
        return "'" + value
    return value
