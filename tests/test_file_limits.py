"""What reading an uploaded file may cost, and how long its text may be.

A file costs what it really holds, never what it claims: a sheet declaring
the whole grid (`<dimension ref="A1:XFD1048576"/>`, 20 KB on disk) once kept
the server busy for an hour. Every cell read is paid for from a budget per
file (empty cells and rows included), a row keeps its first columns only,
and reading stops at a CPU-time budget, with a Norwegian message naming file
and sheet. Times are compared with the plain template read the same way in
the same test (CPU time, the better of a few runs): no absolute seconds.

Text is no longer than the data model allows (schema.Column.max_length), on
every path: workbook, CSV, the app's editor, the store.
"""

from __future__ import annotations

import io
import os
import resource
import subprocess
import sys
import time

import pytest

import badfiles
from conftest import DEMO_DATA, ROOT
from portfolio.ingest import cells, excel_reader, grid, pipeline
from portfolio.ingest import template as workbook
from portfolio.ingest.reading import Limits, Upload
from portfolio.model import schema, validate
from portfolio.store.snapshots import Store

SHEET = workbook.SHEET_NAMES
RATIO = 2  # the hostile file may cost at most twice the plain template

@pytest.fixture(scope="module")
def demo():
    store = Store(DEMO_DATA)
    return store, workbook.template_for(store)


def whole_grid(template: bytes, far_cell: str | None = "XFD1048576") -> bytes:
    """The template, its sheet Tiltak claiming the whole grid; with one real
    cell (at `far_cell`, in the last row), or none."""
    change = badfiles.claim_dimension("A1:XFD1048576")
    if far_cell:
        row = far_cell.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
        change = badfiles.both(change, badfiles.add_rows(f'<row r="{row}">{badfiles.text_cell(far_cell, "x")}</row>'))
    return badfiles.rewrite_sheet(template, SHEET["initiatives"], change)


def cpu_seconds(plain, hostile) -> tuple[float, float]:
    """The CPU time of `plain()` and of `hostile()` in this process, each the
    best of three runs, taken in turns (the machine may be busy with other
    work, and its load may change while the test runs)."""
    best = [float("inf"), float("inf")]
    for _ in range(3):
        for i, run in enumerate((plain, hostile)):
            started = time.process_time()
            run()
            best[i] = min(best[i], time.process_time() - started)
    return best[0], best[1]


def child_cpu_seconds(*args: str, timeout: float) -> tuple[float, subprocess.CompletedProcess]:
    """The CPU time of `python -m portfolio <args>` on the demo data."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PORTFOLIO_DATA": str(DEMO_DATA)}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    result = subprocess.run([sys.executable, "-m", "portfolio", *args], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=timeout)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    spent = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return spent, result


def messages(prepared) -> list[str]:
    return [str(p) for p in prepared.problems]


# -- a sheet that claims the whole grid ---------------------------------------------------

@pytest.mark.parametrize("far_cell, expected", [
    ("XFD1048576", ["Fil «stor.xlsx», ark «Tiltak»: kolonne XFD har verdier, men ingen overskrift."]),
    ("A1048576", ["Fil «stor.xlsx», ark «Tiltak», rad 1048576, kolonne «Navn»: verdi mangler."]),
])
def test_a_sheet_claiming_the_whole_grid_costs_what_it_holds_through_the_pipeline(demo, far_cell, expected):
    store, template = demo
    hostile = whole_grid(template, far_cell)
    assert len(hostile) < 2 * len(template)  # a small file: the size is only claimed
    plain_reading = pipeline.read_files([Upload("mal.xlsx", template)])
    reading = pipeline.read_files([Upload("stor.xlsx", hostile)])
    # the cells read are the template's and the one real cell (and its row), nothing made up
    assert reading.cells_read == plain_reading.cells_read + 2

    prepared = pipeline.prepare([Upload("stor.xlsx", hostile)], store)
    assert not prepared.ok and prepared.tables is None
    found = messages(prepared)
    # a value far out is reported, and its row is no row of empty cells; a
    # value in column A makes a row, with every required value missing
    assert set(expected) <= set(found), found
    if far_cell.startswith("A"):
        assert all(m.startswith("Fil «stor.xlsx», ark «Tiltak», rad 1048576, kolonne") and m.endswith("verdi mangler.")
                   for m in found), found
    else:
        assert found == expected

    plain, spent = cpu_seconds(lambda: pipeline.prepare([Upload("mal.xlsx", template)], store),
                               lambda: pipeline.prepare([Upload("stor.xlsx", hostile)], store))
    print(f"pipeline ({far_cell}): plain template {plain:.3f} s CPU, hostile {spent:.3f} s ({spent / plain:.2f}×)")
    assert spent <= RATIO * plain, (spent, plain)


def test_a_declared_size_alone_changes_nothing(demo):
    store, template = demo
    hostile = whole_grid(template, far_cell=None)
    prepared = pipeline.prepare([Upload("mal.xlsx", hostile)], store)
    assert prepared.ok and prepared.unchanged, messages(prepared)
    plain = pipeline.read_files([Upload("mal.xlsx", template)]).cells_read
    assert pipeline.read_files([Upload("mal.xlsx", hostile)]).cells_read == plain


def test_a_sheet_claiming_the_whole_grid_costs_what_it_holds_in_the_cli(demo, tmp_path):
    _, template = demo
    plain_path, hostile_path = tmp_path / "mal.xlsx", tmp_path / "stor.xlsx"
    plain_path.write_bytes(template)
    hostile_path.write_bytes(whole_grid(template))
    started = time.perf_counter()
    plain, result = child_cpu_seconds("validate", str(plain_path), timeout=600)
    wall = time.perf_counter() - started
    assert result.returncode == 0 and "Filene er gyldige" in result.stdout, result.stderr
    # an unbounded reader takes an hour: give up long before, relative to the plain run
    spent, result = child_cpu_seconds("validate", str(hostile_path), timeout=30 * wall)
    assert result.returncode == 1
    assert "Fil «stor.xlsx», ark «Tiltak»: kolonne XFD har verdier, men ingen overskrift." in result.stderr
    assert "Traceback" not in result.stderr
    print(f"cli: plain template {plain:.3f} s CPU, whole-grid sheet {spent:.3f} s ({spent / plain:.2f}×)")
    assert spent <= RATIO * plain, (spent, plain)


# -- a cell far out, blank rows, too many cells ------------------------------------------------

def test_a_value_in_column_xfd_of_row_2_costs_one_cell(demo):
    """openpyxl writes such a sheet with the dimension A1:XFD<last row>, as
    Excel does: every row used to be filled out to 16 384 cells."""
    store, template = demo
    baseline = badfiles.edit_template(template, lambda book: None)
    far = badfiles.edit_template(template, badfiles.set_cell_at("budgets", "XFD2", "langt ute"))
    plain_cells = pipeline.read_files([Upload("mal.xlsx", baseline)]).cells_read
    assert pipeline.read_files([Upload("mal.xlsx", far)]).cells_read == plain_cells + 1
    prepared = pipeline.prepare([Upload("mal.xlsx", far)], store)
    assert messages(prepared) == ["Fil «mal.xlsx», ark «Budsjett»: kolonne XFD har verdier, men ingen overskrift."]
    plain, spent = cpu_seconds(lambda: pipeline.prepare([Upload("mal.xlsx", baseline)], store),
                               lambda: pipeline.prepare([Upload("mal.xlsx", far)], store))
    assert spent <= RATIO * plain, (spent, plain)


def blank_rows(first: int, count: int, columns: int) -> str:
    """`count` rows from row `first` on, each with `columns` empty formatted cells."""
    from openpyxl.utils import get_column_letter

    letters = [get_column_letter(i + 1) for i in range(columns)]
    return "".join(
        f'<row r="{n}">' + "".join(f'<c r="{c}{n}" s="1"/>' for c in letters) + "</row>"
        for n in range(first, first + count))


def test_blank_rows_do_not_count_as_rows_but_every_cell_is_paid_for(demo):
    store, template = demo
    rows = 20_000
    padded = badfiles.rewrite_sheet(template, SHEET["budgets"], badfiles.add_rows(blank_rows(1000, rows, 3)))
    plain_cells = pipeline.read_files([Upload("mal.xlsx", template)]).cells_read
    reading = pipeline.read_files([Upload("mal.xlsx", padded)])
    assert reading.cells_read == plain_cells + rows * (1 + 3)
    # blank rows are no data rows: the row limit is not reached, the data is unchanged
    limits = Limits(max_rows=100)
    assert pipeline.prepare([Upload("mal.xlsx", padded)], store, limits=limits).unchanged
    # ... but the cells are capped, empty ones included: reading stops, naming file and sheet
    limits = Limits(max_cells=plain_cells + 1000)
    reading = pipeline.read_files([Upload("mal.xlsx", padded)], limits)
    assert reading.cells_read <= limits.max_cells + 1
    limit = f"{plain_cells + 1000:,}".replace(",", "\u00a0")
    expected = f"Fil «mal.xlsx», ark «Budsjett»: filen har mer enn {limit} celler (tomme celler og rader regnet med)"
    assert any(str(p).startswith(expected) for p in reading.problems), [str(p) for p in reading.problems]
    prepared = pipeline.prepare([Upload("mal.xlsx", padded)], store, limits=limits)
    assert not prepared.ok and prepared.tables is None


def test_a_csv_file_of_empty_fields_is_capped_too(demo):
    store, _ = demo
    header = ";".join(badfiles.label("budgets", c) for c in schema.BUDGETS.column_names)
    data = (header + "\r\n" + ";" * 400 + "x\r\n" + ";;;;;;\r\n" * 5000).encode("utf-8")
    reading = pipeline.read_files([Upload("budsjett.csv", data)], Limits(max_cells=10_000))
    assert reading.cells_read <= 10_000 + 1 + 7  # a CSV row is paid for whole: at most one row more
    assert [str(p) for p in reading.problems] == [
        "Fil «budsjett.csv» (tabell «Budsjett»), rad 2: raden har 401 felt, men overskriftsraden har 7.",
        "Fil «budsjett.csv» (tabell «Budsjett»): filen har mer enn 10\u00a0000 celler (tomme celler og "
        "rader regnet med), flere enn appen leser. Slett tomme rader og kolonner, eller kopier dataene "
        "inn i en ny mal fra appen."]
    # within the default limits the same file is read; the long row is a ragged one
    prepared = pipeline.prepare([Upload("budsjett.csv", data)], store)
    assert "Fil «budsjett.csv» (tabell «Budsjett»), rad 2: raden har 401 felt, men overskriftsraden har 7." \
        in messages(prepared)


def test_a_header_beyond_the_column_limit_is_refused(demo):
    store, template = demo
    wide = badfiles.edit_template(template, badfiles.set_cell_at("milestones", "CW1", "Egen kolonne"))
    prepared = pipeline.prepare([Upload("mal.xlsx", wide)], store)
    assert messages(prepared) == ["Fil «mal.xlsx», ark «Milepæler»: rad 1 har en overskrift i kolonne CW, "
                                  "men appen leser bare de første 100 kolonnene. Slett kolonnene som ikke "
                                  "hører til malen."]
    # one column fewer is read: the header is only unknown
    ok = badfiles.edit_template(template, badfiles.set_cell_at("milestones", "CV1", "Egen kolonne"))
    assert messages(pipeline.prepare([Upload("mal.xlsx", ok)], store)) == [
        "Fil «mal.xlsx», ark «Milepæler», kolonne «Egen kolonne»: kolonnen er ukjent. Bruk overskriftene fra malen."]


def test_a_cell_built_of_too_many_parts_stops_the_reading(demo):
    store, template = demo
    runs = "".join("<r><t>a</t></r>" for _ in range(excel_reader.MAX_CELL_PARTS // 2 + 1))
    cell = f'<row r="40"><c r="B40" t="inlineStr"><is>{runs}</is></c></row>'
    hostile = badfiles.rewrite_sheet(template, SHEET["initiatives"], badfiles.add_rows(cell))
    prepared = pipeline.prepare([Upload("mal.xlsx", hostile)], store)
    assert messages(prepared)[0].startswith(
        "Fil «mal.xlsx», ark «Tiltak»: cellen B40 er bygd opp av mer enn 10\u00a0000 deler")


def test_elements_nested_deeper_than_a_sheet_needs_stop_the_reading(demo):
    store, template = demo
    deep = "<x>" * (excel_reader.MAX_DEPTH + 1) + "</x>" * (excel_reader.MAX_DEPTH + 1)
    hostile = badfiles.rewrite_sheet(template, SHEET["budgets"], badfiles.add_rows(deep))
    prepared = pipeline.prepare([Upload("mal.xlsx", hostile)], store)
    assert messages(prepared)[0].startswith(
        "Fil «mal.xlsx», ark «Budsjett»: filen er bygd opp med mer enn 100 nivåer inne i hverandre")
    # cells inside a cell are parts of it, however they nest
    nested = '<row r="80">' + '<c r="B80">' * 60 + "</c>" * 60 + "</row>"
    hostile = badfiles.rewrite_sheet(template, SHEET["budgets"], badfiles.add_rows(nested))
    assert pipeline.prepare([Upload("mal.xlsx", hostile)], store).unchanged


def cells_by_openpyxl(data: bytes) -> dict[str, dict[tuple[int, int], object]]:
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    out = {}
    for sheet in book.worksheets:
        sheet.reset_dimensions()
        out[sheet.title] = {
            (r, c): v for r, row in enumerate(sheet.iter_rows(values_only=True), start=1)
            for c, v in enumerate(row, start=1) if not cells.blank(v)}
    book.close()
    return out


def cells_by_the_reader(data: bytes) -> dict[str, dict[tuple[int, int], object]]:
    book = excel_reader.Book(data, grid.Budget(Limits()))
    try:
        return {title: {(n, i + 1): v for n, row in excel_reader.sheet_rows(book, path, grid.Budget(Limits()))
                        for i, v in row.values()}
                for title, path in book.sheets}
    finally:
        book.close()


def test_cells_are_read_as_openpyxl_reads_them(demo):
    """The reader decodes each cell with openpyxl: inline and shared strings,
    numbers, dates, booleans, Excel's computed value of a formula, errors."""
    _, template = demo
    computed = ('<row r="60"><c r="A60" t="str"><f>CONCAT("a","b")</f><v>ab</v></c><c r="B60" t="e"><v>#N/A</v></c>'
                '<c r="C60"><f>1+1</f><v>2</v></c><c r="D60" t="b"><v>1</v></c><c r="E60"><f>1+2</f></c>'
                '<c t="inlineStr"><is><t>uten referanse</t></is></c></row>')
    files = [
        template,  # written by the app: inline strings
        badfiles.edit_template(template, lambda book: None),  # saved by openpyxl: shared strings, date numbers
        badfiles.rewrite_sheet(template, SHEET["milestones"], badfiles.add_rows(computed)),
    ]
    for data in files:
        theirs, ours = cells_by_openpyxl(data), cells_by_the_reader(data)
        assert ours.keys() == theirs.keys()
        if data is files[2]:  # a formula without a computed value: the formula, for the message
            assert ours[SHEET["milestones"]].pop((60, 5)) == cells.Formula("=1+2")
        for title in ours:
            assert ours[title] == theirs[title], title
    row = cells_by_the_reader(files[2])[SHEET["milestones"]]
    assert [row[(60, c)] for c in range(1, 7)] == ["ab", "#N/A", 2, True, "=1+2", "uten referanse"]
    assert isinstance(row[(60, 2)], cells.CellError) and isinstance(row[(60, 5)], cells.Formula)


@pytest.mark.parametrize("name", ["mal.xlsx", "budsjett.csv"])
def test_reading_stops_at_the_time_budget_naming_file_and_sheet(demo, monkeypatch, name):
    store, template = demo
    if name.endswith(".csv"):
        frames = store.read_frames(store.latest().snapshot_id)
        data, where = badfiles.csv_bytes("budgets", frames["budgets"]), "Fil «budsjett.csv» (tabell «Budsjett»)"
    else:
        data, where = template, "Fil «mal.xlsx», ark «Tiltak»"
    ticks = iter(range(0, 10**9, 1000))  # a clock that runs 1 000 s between two looks
    monkeypatch.setattr(grid, "cpu_seconds", lambda: float(next(ticks)))
    prepared = pipeline.prepare([Upload(name, data)], store)
    assert not prepared.ok
    assert messages(prepared)[0] == (
        f"{where}: lesingen ble stoppet etter 120 sekunder: filen tar for lang tid å lese. Slett tomme rader "
        "og kolonner, eller kopier dataene inn i en ny mal fra appen.")


def test_the_budget_looks_at_the_clock_now_and_then():
    looks = []

    def clock():
        looks.append(1)
        return 0.0

    budget = grid.Budget(Limits(max_cells=10**9), clock=clock)
    for _ in range(100_000):
        budget.spend()
    assert 100_000 // grid.Budget.CLOCK_EVERY <= len(looks) <= 100_000 // grid.Budget.CLOCK_EVERY + 2


# -- text length ---------------------------------------------------------------------------

def test_every_text_column_declares_its_length():
    for table in schema.TABLES.values():
        for column in table.columns:
            if column.type_name in ("string", "list"):
                # typed by people: room for real text; imported from Decidim: as long as its format
                floor = 1 if table.is_imported else 100
                assert column.max_length and column.max_length >= floor, (table.name, column.name)
            else:
                assert column.max_length is None, (table.name, column.name)
    assert schema.INITIATIVES.column("name").max_length == schema.SHORT_TEXT
    assert schema.INITIATIVES.column("public_summary").max_length == schema.LONG_TEXT
    assert schema.BUDGETS.column("note").max_length == schema.LONG_TEXT
    with pytest.raises(ValueError):
        schema.Column("year", schema.INT, max_length=4)


def test_a_name_at_the_limit_is_kept_and_one_character_more_is_refused_in_xlsx_and_csv(tmp_path):
    from test_import import CSV_NAMES, frames_of, plain_portfolio, sample_store

    store = sample_store(tmp_path / "data", plain_portfolio())
    before = [m.snapshot_id for m in store.list()]
    limit = schema.INITIATIVES.column("name").max_length
    template = workbook.template_for(store)
    frames = frames_of(store)
    for length, ok in ((limit, True), (limit + 1, False)):
        xlsx = badfiles.edit_template(template, badfiles.set_cell("initiatives", 2, "name", "æ" * length))
        initiatives = frames["initiatives"].copy()
        initiatives.loc[0, "name"] = "æ" * length
        csv = badfiles.csv_bytes("initiatives", initiatives, encoding="cp1252")
        for upload, where in ((Upload("mal.xlsx", xlsx), "Fil «mal.xlsx», ark «Tiltak», rad 2, kolonne «Navn»"),
                              (Upload(CSV_NAMES["initiatives"], csv),
                               "Fil «tiltak.csv» (tabell «Tiltak»), rad 2, kolonne «Navn»")):
            prepared = pipeline.prepare([upload], store)
            if ok:
                assert prepared.ok, messages(prepared)
                assert prepared.frames()["initiatives"].loc[0, "name"] == "æ" * limit
                continue
            assert messages(prepared) == [
                f"{where}: teksten er for lang: 201 tegn, men høyst 200 tegn er tillatt."]
            outcome = pipeline.commit(prepared, store, author="Kari", note="Langt navn")
            assert outcome.kind == "invalid"
    assert [m.snapshot_id for m in store.list()] == before


def test_a_long_csv_cell_gets_the_length_message_not_binary_data(tmp_path):
    """Python's csv module refuses a field over 131 072 characters; that was
    reported as «binære data»."""
    from test_import import frames_of, plain_portfolio, sample_store

    store = sample_store(tmp_path / "data", plain_portfolio())
    initiatives = frames_of(store)["initiatives"].copy()
    initiatives.loc[1, "status_summary"] = "lang tekst " * 20_000  # 220 000 characters
    prepared = pipeline.prepare([Upload("tiltak.csv", badfiles.csv_bytes("initiatives", initiatives))], store)
    assert messages(prepared) == [
        "Fil «tiltak.csv» (tabell «Tiltak»), rad 3, kolonne «Statuskommentar»: teksten er for lang: "
        "219\u00a0999 tegn, men høyst 5\u00a0000 tegn er tillatt."]
    assert not any("binære" in m for m in messages(prepared))


def test_the_apps_editor_and_the_store_refuse_too_long_text(tmp_path):
    from test_import import frames_of, plain_portfolio, sample_store

    store = sample_store(tmp_path / "data", plain_portfolio())
    frames = frames_of(store)
    frames["milestones"].loc[0, "title"] = "t" * 201
    frames["initiatives"].at[1, "partners"] = ["UiA", "p" * 250]
    prepared = pipeline.prepare_frames(frames, store, base_id=store.latest().snapshot_id)
    assert messages(prepared) == [
        "Tabell «Tiltak» (rettinger i appen), rad 3, kolonne «Samarbeidspartnere»: verdien "
        f"«{'p' * 59}…» er for lang: 250 tegn, men høyst 200 tegn er tillatt for hver verdi.",
        "Tabell «Milepæler» (rettinger i appen), rad 2, kolonne «Tittel»: teksten er for lang: 201 tegn, "
        "men høyst 200 tegn er tillatt.",
    ]
    with pytest.raises(validate.ValidationFailed, match="teksten er for lang"):
        store.write(frames, author="Kari", note="Langt", base_id=store.latest().snapshot_id)
    assert len(store.list()) == 1


def test_a_message_never_repeats_a_long_value_whole(tmp_path):
    from test_import import frames_of, plain_portfolio, sample_store

    store = sample_store(tmp_path / "data", plain_portfolio())
    initiatives = frames_of(store)["initiatives"].copy()
    initiatives["start_date"] = initiatives["start_date"].astype(object)
    initiatives.loc[0, "phase"] = "fase " * 30_000
    initiatives.loc[1, "start_date"] = "i morgen " * 30_000
    prepared = pipeline.prepare([Upload("tiltak.csv", badfiles.csv_bytes("initiatives", initiatives))], store)
    found = messages(prepared)
    assert any("kolonne «Fase»" in m and "er ikke en gyldig verdi" in m for m in found), found
    assert any("kolonne «Startdato»" in m and "er ikke en dato" in m for m in found), found
    assert all(len(m) < 400 for m in found), [len(m) for m in found]


def test_the_demo_data_is_within_the_limits():
    store = Store(DEMO_DATA)
    for meta in store.list():
        frames = store.read_frames(meta.snapshot_id)
        normalized = {n: validate.normalize(schema.TABLES[n], f) for n, f in frames.items()}
        assert validate.validate(normalized) == [], meta.snapshot_id


def test_the_data_model_doc_shows_the_lengths():
    doc = (ROOT / "docs" / "data-model.md").read_text()
    assert "| column | Norwegian header | type | required | public | max length | meaning |" in doc
    assert "| `name` | Navn | string | yes | yes | 200 | Name of the initiative. |" in doc
    assert "| `partners` | Samarbeidspartnere | list | yes | yes | 200 per item |" in doc
    assert "| `year` | År | int | yes | yes |  | Budget year. |" in doc


def test_limits_come_from_the_config():
    from portfolio import config

    limits = Limits()
    assert (limits.max_columns, limits.max_cells, limits.max_seconds) == (
        config.UPLOAD_MAX_COLUMNS, config.UPLOAD_MAX_CELLS, config.UPLOAD_MAX_SECONDS)
    # the largest file the row limit allows fits in the cell budget: rows of the template's columns
    widest = sum(len(schema.TABLES[n].columns) + 1 for n in schema.TYPED_TABLES)
    assert config.UPLOAD_MAX_ROWS * widest <= config.UPLOAD_MAX_CELLS * 1.01
    assert max(len(t.columns) for t in schema.TABLES.values()) < config.UPLOAD_MAX_COLUMNS
