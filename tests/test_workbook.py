"""The Excel template read back with openpyxl: sheets, headers, drop-downs,
real dates and numbers, text never a formula, the base snapshot id."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from openpyxl import load_workbook

from conftest import DEMO_DATA, budget, initiative, milestone, tables
from portfolio import texts
from portfolio.ingest import template as workbook
from portfolio.ingest import template_rows
from portfolio.model import schema
from portfolio.store.snapshots import SnapshotNotFound, Store
from portfolio.texts import update as T


@pytest.fixture(scope="module")
def demo_book():
    store = Store(DEMO_DATA)
    meta = store.latest()
    return load_workbook(io.BytesIO(workbook.template_for(store))), meta, store.read_frames(meta.snapshot_id)


def test_one_sheet_per_table_with_norwegian_headers_and_the_instructions_first(demo_book):
    book, _, frames = demo_book
    visible = [s.title for s in book.worksheets if s.sheet_state == "visible"]
    assert visible == [T.INSTRUCTIONS_SHEET, "Tiltak", "Budsjett", "Milepæler",
                       "Vedtak", "Sjekkliste", "Risiko", "Gevinster", "Gevinstmålinger",
                       "Medvirkning", "Samhandlingsundersøkelser", "Samhandlingsskårer", "Decidim-koblinger"]
    assert book.active.title == T.INSTRUCTIONS_SHEET
    for name in schema.TYPED_TABLES:
        sheet = book[texts.TABLE_LABELS[name]]
        assert [c.value for c in sheet[1]] == [texts.COLUMN_LABELS[name][c] for c in schema.TABLES[name].column_names]
        assert sheet.max_row == len(frames[name]) + 1
        assert sheet.freeze_panes == "B2"


def test_base_snapshot_id_is_in_a_hidden_sheet_and_a_defined_name(demo_book):
    book, meta, _ = demo_book
    sheet = book[T.META_SHEET]
    assert sheet.sheet_state == "hidden"
    assert sheet["A1"].value == "base_snapshot_id" and sheet["B1"].value == meta.snapshot_id
    defined = book.defined_names[workbook.BASE_NAME]
    assert defined.attr_text == f"'{T.META_SHEET}'!$B$1"


def test_enumerated_columns_have_drop_downs_with_the_allowed_values(demo_book):
    book, _, frames = demo_book
    lists = book[T.LISTS_SHEET]
    assert lists.sheet_state == "hidden"
    for name in schema.TYPED_TABLES:
        table = schema.TABLES[name]
        sheet = book[texts.TABLE_LABELS[name]]
        by_column = {}
        for dv in sheet.data_validations.dataValidation:
            for cells in dv.sqref.ranges:
                by_column[cells.min_col] = (dv, cells)
        for index, column in enumerate(table.columns, start=1):
            if not (column.allowed or column.type_name == "bool"):
                continue
            dv, cells = by_column[index]
            assert dv.type == "list", column.name
            assert cells.min_row == 2 and cells.max_row >= len(frames[name]) + 1
            # the list the drop-down points at holds exactly the allowed values
            reference = dv.formula1.split("!")[1].replace("$", "")
            values = [c.value for row in lists[reference] for c in row]
            expected = list(column.allowed) if column.allowed else [T.TRUE_WORD, T.FALSE_WORD]
            assert values == expected, column.name
            # several items are allowed in a list column, so Excel must not refuse them
            assert dv.showErrorMessage == (not column.is_list), column.name


def test_dates_are_dates_amounts_numbers_lists_joined_and_yes_no_words(demo_book):
    book, _, frames = demo_book
    first = frames["initiatives"].iloc[0]
    sheet = book["Tiltak"]
    row = {c.value: cell for c, cell in zip(sheet[1], sheet[2], strict=False)}
    start = row["Startdato"]
    assert start.is_date and start.value.date() == first["start_date"] and start.number_format == "DD.MM.YYYY"
    assert row["Innsatsområder"].value == "; ".join(first["focus_areas"])
    assert row["Offentlig"].value in (T.TRUE_WORD, T.FALSE_WORD)
    budgets = book["Budsjett"]
    brow = {c.value: cell for c, cell in zip(budgets[1], budgets[2], strict=False)}
    assert brow["Budsjett (kr)"].data_type == "n" and isinstance(brow["Budsjett (kr)"].value, int)
    assert brow["Budsjett (kr)"].number_format == "#,##0"
    assert brow["År"].number_format == "0"


def test_text_is_stored_as_text_never_as_a_formula(tmp_path):
    evil = ['=HYPERLINK("http://x","klikk")', "+1+1", "-2", "@SUM(A1)", "<script>alert(1)</script>", "🚀 æøå"]
    store = Store(tmp_path / "data")
    store.write(tables(
        [initiative(f"t-{i}", name=text, status_summary=text) for i, text in enumerate(evil)],
        [budget("t-0", note=evil[0])], [milestone("m-0", "t-0", title=evil[1])],
    ), author="a", note="n")
    book = load_workbook(io.BytesIO(workbook.template_for(store)))
    sheet = book["Tiltak"]
    for row, text in zip(sheet.iter_rows(min_row=2), evil, strict=False):
        assert row[1].value == text and row[1].data_type == "s"
    assert book["Budsjett"]["G2"].value == evil[0] and book["Budsjett"]["G2"].data_type == "s"


def test_instructions_are_plain_norwegian_and_name_the_snapshot(demo_book):
    book, meta, _ = demo_book
    text = "\n".join(str(c.value) for row in book[T.INSTRUCTIONS_SHEET].iter_rows() for c in row if c.value)
    assert T.INSTRUCTIONS_TITLE in text
    assert meta.snapshot_id in text and "16.11.2026" in text
    assert "semikolon" in text and "dd.mm.åååå" in text and "Oppdater data" in text
    for name in schema.TYPED_TABLES:
        for column in schema.TABLES[name].columns:
            assert T.COLUMN_HELP[name][column.name] in text


def test_instructions_say_how_long_free_text_may_be(demo_book):
    book, _, _ = demo_book
    rows = {(r[0], r[1]): r[3] for r in book[T.INSTRUCTIONS_SHEET].iter_rows(values_only=True) if len(r) > 3}
    assert rows[("Tiltak", "Navn")] == "Høyst 200 tegn"
    assert rows[("Tiltak", "Statuskommentar")] == "Høyst 5\u00a0000 tegn"
    assert rows[("Tiltak", "Samarbeidspartnere")] == "flere verdier skilt med «;», høyst 200 tegn hver"
    assert rows[("Tiltak", "Fase")] == ", ".join(schema.PHASES)  # the list says it all


def test_template_of_a_chosen_snapshot_and_of_no_data(tmp_path):
    store = Store(DEMO_DATA)
    old = store.list()[1]
    book = load_workbook(io.BytesIO(workbook.template_for(store, old.snapshot_id)))
    assert book[T.META_SHEET]["B1"].value == old.snapshot_id
    assert book["Tiltak"].max_row == old.row_counts["initiatives"] + 1
    with pytest.raises(SnapshotNotFound):
        workbook.template_for(store, "finnes-ikke")
    empty = load_workbook(io.BytesIO(workbook.template_for(Store(tmp_path / "tom"))))
    assert empty[T.META_SHEET]["B1"].value is None
    assert empty["Tiltak"].max_row == 1


def test_file_name_carries_the_snapshot_date():
    meta = Store(DEMO_DATA).latest()
    assert workbook.file_name(meta) == "portefolje-2026-11-16.xlsx"
    assert workbook.file_name(None).startswith("portefolje-") and str(dt.date.today().year) in workbook.file_name(None)


# -- the rows written as XML (portfolio/ingest/template_rows.py) are openpyxl's ---------------

def _openpyxl_cell(sheet, column: schema.Column, raw):
    """A data cell as the template made it with openpyxl (before template_rows)."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import TYPE_STRING

    value = workbook.cell_value(column, raw)
    if value is None:
        return None
    cell = WriteOnlyCell(sheet, value=value)
    if isinstance(value, str):
        cell.data_type = TYPE_STRING
    elif isinstance(value, dt.date):
        cell.number_format = template_rows.DATE_FORMAT
    elif isinstance(value, int):
        cell.number_format = template_rows.AMOUNT_FORMAT if column.name.endswith("_nok") else template_rows.YEAR_FORMAT
    return cell


def _rows_both_ways(table: schema.Table, frame) -> tuple[bytes, bytes]:
    """(openpyxl's <sheetData> content, template_rows') for the frame's rows from row 1."""
    import zipfile

    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("t")
    styles = template_rows.style_ids(sheet)
    for values in zip(*[frame[c.name].tolist() for c in table.columns], strict=True):
        sheet.append([_openpyxl_cell(sheet, c, v) for c, v in zip(table.columns, values, strict=True)])
    buffer = io.BytesIO()
    book.save(buffer)
    xml = zipfile.ZipFile(buffer).read(sheet.path.lstrip("/"))
    theirs = xml[xml.index(b"<sheetData>") + len(b"<sheetData>"):xml.index(b"</sheetData>")] \
        if b"<sheetData>" in xml else b""
    ours = b"".join(template_rows.rows_xml(table, frame, styles, first_row=1))
    return theirs, ours


def test_the_rows_are_the_xml_openpyxl_writes_for_every_table_of_the_demo_data():
    store = Store(DEMO_DATA)
    frames = store.read_frames(store.latest().snapshot_id)
    compared = 0
    for name in schema.TYPED_TABLES:
        theirs, ours = _rows_both_ways(schema.TABLES[name], frames[name])
        assert ours == theirs, name
        compared += len(frames[name])
    assert compared > 300


def test_the_rows_are_openpyxls_for_awkward_values_too():
    import pandas as pd

    table = schema.TABLES["initiatives"]
    rows = [initiative("a", name=" leading space", description="tab\there & <b>bold</b> \r\nline ]]> \"q\" 'a'"),
            initiative("b", name="Ærlig 😀 emoji", description="x" * 40_000),
            initiative("c", name="=HYPERLINK(\"http://x\")", description=None, start_date=None)]
    frame = tables(rows)["initiatives"]
    frame = pd.concat([frame, frame.iloc[[0]].assign(initiative_id="d", name="", description=float("nan"))],
                      ignore_index=True)
    theirs, ours = _rows_both_ways(table, frame)
    assert ours == theirs
    amounts = tables([], budgets=[budget("a", budget_nok=123_456_789_012, actual_nok=None), budget("b", year=2027)])
    assert _rows_both_ways(schema.TABLES["budgets"], amounts["budgets"])[1] == \
        _rows_both_ways(schema.TABLES["budgets"], amounts["budgets"])[0]
    for number in (2, 3, 4):
        assert f'<row r="{number}">'.encode() in ours


def test_a_large_template_has_every_row_and_reads_back(tmp_path):
    """Above CHUNK_ROWS rows a sheet's rows are joined in parts: none lost, none twice."""
    from python_calamine import CalamineWorkbook

    n = template_rows.CHUNK_ROWS + 7
    frames = tables([initiative(f"i{i:06d}", name=f"Tiltak {i}") for i in range(n)])
    book = workbook.template(frames, None)
    sheet = CalamineWorkbook.from_filelike(io.BytesIO(book)).get_sheet_by_name(
        workbook.SHEET_NAMES["initiatives"]).to_python()
    ids = [row[0] for row in sheet[1:] if row[0]]
    assert ids == [f"i{i:06d}" for i in range(n)]
