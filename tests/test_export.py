"""Exports read back with openpyxl: real types, inert formulas."""

from __future__ import annotations

import datetime as dt
import io

import pandas as pd
from openpyxl import load_workbook

from portfolio.store import export

EVIL = ["=HYPERLINK(\"http://x\",\"klikk\")", "+1+1", "-2", "@SUM(A1)", "\tTAB", "vanlig <script>"]


def frame() -> pd.DataFrame:
    return pd.DataFrame({
        "Tekst": EVIL,
        "Beløp": [1234567, 0, -5, 10, 20, 30],
        "Dato": [dt.date(2026, 11, 22)] * 6,
        "Liste": [["a", "b"]] * 6,
        "Mangler": [None] * 6,
    })


def test_xlsx_keeps_types_and_never_makes_formulas():
    book = load_workbook(io.BytesIO(export.to_xlsx(frame(), sheet_name="Tiltak")))
    sheet = book["Tiltak"]
    assert [c.value for c in sheet[1]] == ["Tekst", "Beløp", "Dato", "Liste", "Mangler"]
    for row, text in zip(sheet.iter_rows(min_row=2), EVIL, strict=False):
        assert row[0].value == text and row[0].data_type == "s"
        assert isinstance(row[1].value, int) and row[1].data_type == "n"
        assert row[2].is_date and row[2].value.date() == dt.date(2026, 11, 22)
        assert row[3].value == "a, b"
        assert row[4].value is None


def test_csv_is_what_norwegian_excel_expects_and_inert():
    data = export.to_csv(frame())
    assert data.startswith(b"\xef\xbb\xbf")
    import csv

    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == ["Tekst", "Beløp", "Dato", "Liste", "Mangler"]
    assert rows[1] == ["'" + EVIL[0], "1234567", "22.11.2026", "a, b", ""]
    for row, text in zip(rows[1:5], EVIL, strict=False):
        assert row[0] == "'" + text
    assert rows[6][0] == "vanlig <script>"
