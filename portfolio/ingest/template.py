"""The Excel template: a snapshot as a workbook the project leader edits.

One sheet per table with the Norwegian headers, real dates and numbers,
drop-down lists for the fixed values, an instructions sheet («Veiledning»)
and a hidden sheet holding the id of the snapshot the file was made from
(the *base*), so that an import knows what the changes were made on.

Text is always stored as text (never as a formula, whatever it starts with),
so `=HYPERLINK(...)`, `<script>` and emoji round-trip exactly. List columns
hold their items separated by "; ".
"""

from __future__ import annotations

import datetime as dt
import io
import math
from collections.abc import Mapping

import numpy as np
import pandas as pd
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import TYPE_STRING
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation

from portfolio import fmt, texts
from portfolio.ingest import template_rows
from portfolio.ingest.template_rows import LIST_JOINER
from portfolio.model import rules_collaboration, schema
from portfolio.store.snapshots import SCHEMA_VERSION, SnapshotMeta, Store
from portfolio.texts import collaboration_data as CD
from portfolio.texts import dimensions
from portfolio.texts import register as R
from portfolio.texts import update as T

LIST_SEPARATOR = ";"
EXTRA_ROWS = 500  # rows below the data that get the drop-downs too, for new rows
MAX_WIDTH = 60
BASE_NAME = "portfolio_base_snapshot"  # defined name pointing at the base id
META_KEYS = ("base_snapshot_id", "schema_version", "created_from")
HEADER_FILL = PatternFill("solid", fgColor="DCE6F1")

# Sheet name (as in the template) for each table, and back
SHEET_NAMES = {name: texts.TABLE_LABELS[name] for name in schema.TYPED_TABLES}  # imported tables have none
RESERVED_SHEETS = (T.INSTRUCTIONS_SHEET, T.LISTS_SHEET, T.META_SHEET)


def header(table: str, column: str) -> str:
    return texts.COLUMN_LABELS[table][column]


def list_columns() -> dict[str, tuple[str, ...]]:
    """The fixed value lists behind the drop-downs: name -> values."""
    lists: dict[str, tuple[str, ...]] = {"bool": (T.TRUE_WORD, T.FALSE_WORD)}
    for table in schema.TABLES.values():
        for column in table.columns:
            if column.allowed:
                lists.setdefault(_list_key(table, column), column.allowed)
    lists[ANSWER_LIST] = schema.CHECKLIST_ANSWERS  # suggested, not required: an answer may be free text
    lists[DIMENSION_LIST] = dimensions.DIMENSIONS  # suggested: another instrument names its own
    lists[INSTRUMENT_LIST] = dimensions.INSTRUMENTS
    return lists


ANSWER_LIST = "checklist_answers.answer"
DIMENSION_LIST = "collaboration_scores.dimension"
INSTRUMENT_LIST = "collaboration_surveys.instrument"
AREA_LIST = "collaboration_surveys.area"  # the kommunalområder the data's initiatives name
# Text columns whose drop-down suggests values and keeps any other: column -> (list, title, prompt)
SUGGESTED = {
    ("checklist_answers", "answer"): (ANSWER_LIST, R.ANSWER_HELP_TITLE, R.ANSWER_HELP),
    ("collaboration_scores", "dimension"): (DIMENSION_LIST, CD.DIMENSION_HELP_TITLE, CD.DIMENSION_HELP),
    ("collaboration_surveys", "instrument"): (INSTRUMENT_LIST, CD.INSTRUMENT_HELP_TITLE, CD.INSTRUMENT_HELP),
}


def area_list(frames: Mapping[str, pd.DataFrame]) -> tuple[str, ...]:
    """The kommunalområder the initiatives name (owner or collaborating area), sorted."""
    initiatives = frames.get("initiatives")
    if initiatives is None or not len(initiatives):
        return ()
    return tuple(sorted(rules_collaboration.named_areas(initiatives), key=str.casefold))


def _list_key(table: schema.Table, column: schema.Column) -> str:
    """The list a column's drop-down points at: the column's name, or table
    and column for a later table's column of a name taken already (the kind
    of a benefit beside a milestone's, the status of a risk)."""
    if column.allowed == schema.STATUSES:
        return "status"
    if column.allowed == schema.DECISION_POINTS:
        return "decision_point"
    first = next(t for t in schema.TABLES.values()
                 if column.name in t.column_names and t.column(column.name).allowed)
    if first is table and column.name not in ("status", "decision_point"):
        return column.name
    return f"{table.name}.{column.name}"


def cell_value(column: schema.Column, raw: object) -> object:
    """A stored value as the template shows it: text, number, date or None."""
    if raw is None or raw is pd.NaT or raw is pd.NA:
        return None
    if isinstance(raw, float) and math.isnan(raw):
        return None
    if column.is_list:
        items = [str(v) for v in list(raw)] if not isinstance(raw, str) else [raw]
        return LIST_JOINER.join(items) if items else None
    if isinstance(raw, np.generic):
        raw = raw.item()
    kind = column.type_name
    if kind == "bool":
        return T.TRUE_WORD if bool(raw) else T.FALSE_WORD
    if kind == "date":
        if isinstance(raw, pd.Timestamp):
            raw = raw.to_pydatetime()
        if isinstance(raw, dt.datetime):
            raw = raw.date()
        return raw
    if kind == "int":
        return int(raw)
    if kind == "float":
        number = float(raw)
        return number if math.isfinite(number) else None
    return str(raw)


def _header_cells(sheet, labels: list[str]) -> list[WriteOnlyCell]:
    cells = []
    for label in labels:
        cell = WriteOnlyCell(sheet, value=label)
        cell.data_type = TYPE_STRING
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cells.append(cell)
    return cells


def _width(column: schema.Column, label: str, values: pd.Series) -> float:
    sample = [len(label) + 2]
    for raw in values.iloc[:200]:
        value = cell_value(column, raw)
        sample.append(10 if isinstance(value, dt.date) else len(str(value or "")))
    return min(max(sample) + 2, MAX_WIDTH)


def _validations(table: schema.Table, last_row: int, list_ranges: dict[str, str],
                 id_ranges: dict[str, str]) -> list[DataValidation]:
    """Drop-downs and checks for the table's columns, rows 2..last_row
    (`id_ranges`: the cells holding each referenced table's ids)."""
    out = []
    for index, column in enumerate(table.columns, start=1):
        letter = get_column_letter(index)
        cells = f"{letter}2:{letter}{last_row}"
        dv = _validation(table, column, list_ranges, id_ranges)
        if dv is not None:
            dv.add(cells)
            out.append(dv)
    return out


def _validation(table: schema.Table, column: schema.Column, list_ranges: dict[str, str],
                id_ranges: dict[str, str]) -> DataValidation | None:
    target = "initiatives" if column.name == "parent_id" else column.references
    if column.type_name == "bool":
        return DataValidation(type="list", formula1=list_ranges["bool"], allow_blank=True,
                              showErrorMessage=True, errorStyle="stop",
                              errorTitle=T.CHOICE_ERROR_TITLE, error=T.CHOICE_ERROR)
    if column.allowed and column.is_list:
        # several items separated by ";": the list helps, Excel must not refuse
        return DataValidation(type="list", formula1=list_ranges[_list_key(table, column)], allow_blank=True,
                              showErrorMessage=False, showInputMessage=True,
                              promptTitle=T.LIST_HELP_TITLE, prompt=T.LIST_HELP)
    if column.allowed:
        return DataValidation(type="list", formula1=list_ranges[_list_key(table, column)], allow_blank=True,
                              showErrorMessage=True, errorStyle="stop",
                              errorTitle=T.CHOICE_ERROR_TITLE, error=T.CHOICE_ERROR)
    if (table.name, column.name) in SUGGESTED:
        # the usual values offered (a checklist's answers, the dimensions), any other kept as written
        key, title, prompt = SUGGESTED[(table.name, column.name)]
        return DataValidation(type="list", formula1=list_ranges[key], allow_blank=True,
                              showErrorMessage=False, showInputMessage=True, promptTitle=title, prompt=prompt)
    if table.name == "collaboration_surveys" and column.name == "area":
        if AREA_LIST not in list_ranges:
            return None
        return DataValidation(type="list", formula1=list_ranges[AREA_LIST], allow_blank=True,
                              showErrorMessage=True, errorStyle="warning", errorTitle=CD.AREA_ERROR_TITLE,
                              error=CD.AREA_ERROR)
    if column.is_list:
        return DataValidation(type="custom", formula1="TRUE", allow_blank=True, showErrorMessage=False,
                              showInputMessage=True, promptTitle=T.LIST_HELP_TITLE, prompt=T.LIST_HELP)
    if target is not None:
        title, error = {**R.REFERENCE_ERRORS, **CD.REFERENCE_ERRORS}.get(
            target, (T.REFERENCE_ERROR_TITLE, T.REFERENCE_ERROR))
        return DataValidation(type="list", formula1=id_ranges[target], allow_blank=True,
                              showErrorMessage=True, errorStyle="warning", errorTitle=title, error=error)
    if column.type_name == "date":
        return DataValidation(type="date", operator="between", formula1="DATE(2000,1,1)",
                              formula2="DATE(2100,12,31)", allow_blank=True, showErrorMessage=True,
                              errorStyle="stop", errorTitle=T.DATE_ERROR_TITLE, error=T.DATE_ERROR)
    if column.name == "year":
        return DataValidation(type="whole", operator="between", formula1="2000", formula2="2100",
                              allow_blank=True, showErrorMessage=True, errorStyle="stop",
                              errorTitle=T.YEAR_ERROR_TITLE, error=T.YEAR_ERROR)
    if column.name.endswith("_nok"):
        return DataValidation(type="whole", operator="greaterThanOrEqual", formula1="0",
                              allow_blank=True, showErrorMessage=True, errorStyle="stop",
                              errorTitle=T.AMOUNT_ERROR_TITLE, error=T.AMOUNT_ERROR)
    low, high = column.minimum, column.maximum
    if column.type_name == "int" and low is not None and high is not None:
        return DataValidation(type="whole", operator="between", formula1=str(low), formula2=str(high),
                              allow_blank=True, showErrorMessage=True, errorStyle="stop",
                              errorTitle=R.SCALE_ERROR_TITLE,
                              error=R.SCALE_ERROR.format(minimum=low, maximum=high))
    if column.type_name == "int" and low is not None:
        return DataValidation(type="whole", operator="greaterThanOrEqual", formula1=str(low),
                              allow_blank=True, showErrorMessage=True, errorStyle="stop",
                              errorTitle=R.WHOLE_ERROR_TITLE, error=R.WHOLE_ERROR.format(minimum=low))
    if column.type_name == "float" and low is not None and high is not None:  # a mean on the 1–5 scale
        return DataValidation(type="decimal", operator="between", formula1=str(low), formula2=str(high),
                              allow_blank=True, showErrorMessage=True, errorStyle="stop",
                              errorTitle=CD.DECIMAL_RANGE_ERROR_TITLE,
                              error=CD.DECIMAL_RANGE_ERROR.format(minimum=low, maximum=high))
    if column.type_name == "float":
        return DataValidation(type="decimal", operator="between", formula1=f"-{DECIMAL_BOUND}",
                              formula2=str(DECIMAL_BOUND), allow_blank=True, showErrorMessage=True,
                              errorStyle="stop", errorTitle=R.DECIMAL_ERROR_TITLE, error=R.DECIMAL_ERROR)
    return None


DECIMAL_BOUND = 10**15  # a decimal cell: any number a benefit is measured in


def _id_ranges(frames: Mapping[str, pd.DataFrame]) -> dict[str, str]:
    """For each table other tables name (schema.Column.references), the cells
    of its key column in its sheet, with room for new rows."""
    targets = {"initiatives"} | {c.references for t in schema.TABLES.values() for c in t.columns if c.references}
    out = {}
    for name in targets:
        table = schema.TABLES[name]
        letter = get_column_letter(table.column_names.index(table.key[0]) + 1)
        last = len(frames[name]) + 1 + EXTRA_ROWS
        out[name] = f"{quote_sheetname(SHEET_NAMES[name])}!${letter}$2:${letter}${last}"
    return out


def _allowed_note(table: schema.Table, column: schema.Column) -> str:
    """The instructions sheet's «Gyldige verdier» for a column."""
    allowed = ", ".join(column.allowed) if column.allowed else ""
    if column.type_name == "bool":
        allowed = f"{T.TRUE_WORD}, {T.FALSE_WORD}"
    elif column.type_name == "int" and column.minimum is not None and column.maximum is not None:
        allowed = R.WHOLE_RANGE_NOTE.format(minimum=column.minimum, maximum=column.maximum)
    elif column.type_name == "int" and column.minimum is not None:
        allowed = R.WHOLE_MINIMUM_NOTE.format(minimum=column.minimum)
    elif column.type_name == "float" and column.minimum is not None and column.maximum is not None:
        allowed = CD.DECIMAL_RANGE_NOTE.format(minimum=column.minimum, maximum=column.maximum)
    elif column.type_name == "float":
        allowed = R.DECIMAL_NOTE
    elif table.name == "checklist_answers" and column.name == "answer":
        allowed = R.ANSWER_NOTE
    elif table.name == "collaboration_scores" and column.name == "dimension":
        allowed = CD.DIMENSION_NOTE
    elif table.name == "collaboration_surveys" and column.name == "instrument":
        allowed = CD.INSTRUMENT_NOTE.format(instrument=dimensions.INSTRUMENT)
    elif table.name == "collaboration_surveys" and column.name == "area":
        allowed = CD.AREA_NOTE
    if column.is_list:
        allowed = f"{allowed} ({T.LIST_SEPARATOR_NOTE})" if allowed else T.LIST_SEPARATOR_NOTE
    if column.max_length and not column.allowed:
        note = T.MAX_LENGTH_ITEM_NOTE if column.is_list else T.MAX_LENGTH_NOTE
        note = note.format(limit=fmt.number(column.max_length))
        allowed = f"{allowed}, {note}" if allowed else note.capitalize()
    return allowed


def _instructions(book: Workbook, meta: SnapshotMeta | None) -> None:
    sheet = book.create_sheet(T.INSTRUCTIONS_SHEET)
    sheet.column_dimensions["A"].width = 16
    sheet.column_dimensions["B"].width = 30
    sheet.column_dimensions["C"].width = 10
    sheet.column_dimensions["D"].width = 45
    sheet.column_dimensions["E"].width = 70
    wrap = Alignment(wrap_text=True, vertical="top")

    def text_row(values, bold=False, size=None):
        cells = []
        for value in values:
            cell = WriteOnlyCell(sheet, value=value)
            cell.data_type = TYPE_STRING
            cell.alignment = wrap if len(values) > 1 else Alignment(vertical="top")
            if bold or size:
                cell.font = Font(bold=bold, size=size or 11)
            cells.append(cell)
        sheet.append(cells)

    text_row([T.INSTRUCTIONS_TITLE], bold=True, size=14)
    if meta is None:
        text_row([T.INSTRUCTIONS_SOURCE_EMPTY])
    else:
        text_row([T.INSTRUCTIONS_SOURCE.format(
            date=fmt.date(meta.created), snapshot_id=meta.snapshot_id, author=meta.author)])
    sheet.append([])
    for step in (*T.INSTRUCTIONS_STEPS, *R.INSTRUCTIONS_STEPS, *CD.INSTRUCTIONS_STEPS):
        text_row([step])
    sheet.append([])
    text_row([T.INSTRUCTIONS_COLUMNS], bold=True, size=12)
    text_row(list(T.INSTRUCTIONS_HEADER), bold=True)
    for table in (schema.TABLES[name] for name in schema.TYPED_TABLES):
        for column in table.columns:
            text_row([
                SHEET_NAMES[table.name], header(table.name, column.name),
                T.REQUIRED_YES if column.required else T.REQUIRED_NO,
                _allowed_note(table, column), T.COLUMN_HELP[table.name][column.name],
            ])


def template(frames: Mapping[str, pd.DataFrame] | None, meta: SnapshotMeta | None) -> bytes:
    """The workbook for a snapshot's tables (`frames`, as Store.read_frames
    gives them) made from snapshot `meta` (None: an empty template)."""
    book = Workbook(write_only=True)
    _instructions(book, meta)

    # the fixed value lists the drop-downs point at (a hidden sheet, written last)
    lists = list_columns()
    if areas := area_list(frames or {}):
        lists[AREA_LIST] = areas
    keys = list(lists)
    list_ranges = {}
    for index, key in enumerate(keys, start=1):
        letter = get_column_letter(index)
        list_ranges[key] = f"{quote_sheetname(T.LISTS_SHEET)}!${letter}$2:${letter}${len(lists[key]) + 1}"

    empty = {name: pd.DataFrame(columns=schema.TABLES[name].column_names) for name in schema.TYPED_TABLES}
    frames = {**empty, **{name: frame for name, frame in (frames or {}).items() if name in empty}}
    id_ranges = _id_ranges(frames)
    data_sheets = []
    for name in schema.TYPED_TABLES:
        table = schema.TABLES[name]
        frame = frames[name]
        sheet = book.create_sheet(SHEET_NAMES[name])
        labels = [header(name, c) for c in table.column_names]
        for index, column in enumerate(table.columns, start=1):
            width = _width(column, labels[index - 1], frame[column.name]) if len(frame) else len(labels[index - 1]) + 4
            sheet.column_dimensions[get_column_letter(index)].width = width
        sheet.freeze_panes = "B2"
        last_row = len(frame) + 1 + EXTRA_ROWS
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(labels))}{len(frame) + 1}"
        for dv in _validations(table, last_row, list_ranges, id_ranges):
            sheet.data_validations.append(dv)
        sheet.append(_header_cells(sheet, labels))
        if len(frame):
            data_sheets.append((sheet, table, frame))  # the rows go in after saving (template_rows)

    lists_sheet = book.create_sheet(T.LISTS_SHEET)
    lists_sheet.sheet_state = "hidden"
    depth = max(len(v) for v in lists.values())
    rows = [keys] + [[lists[k][i] if i < len(lists[k]) else None for k in keys] for i in range(depth)]
    for row in rows:
        cells = []
        for value in row:
            cell = WriteOnlyCell(lists_sheet, value=value)
            if value is not None:
                cell.data_type = TYPE_STRING
            cells.append(cell)
        lists_sheet.append(cells)

    meta_sheet = book.create_sheet(T.META_SHEET)
    meta_sheet.sheet_state = "hidden"
    meta_values = (
        meta.snapshot_id if meta else None,
        SCHEMA_VERSION,
        "portfolio.workbook",
    )
    for key, value in zip(META_KEYS, meta_values, strict=True):
        cell = WriteOnlyCell(meta_sheet, value=value)
        if isinstance(value, str):
            cell.data_type = TYPE_STRING
        meta_sheet.append([key, cell])
    book.defined_names[BASE_NAME] = DefinedName(
        BASE_NAME, attr_text=f"{quote_sheetname(T.META_SHEET)}!$B$1"
    )

    styles = template_rows.style_ids(meta_sheet) if data_sheets else {}
    buffer = io.BytesIO()
    book.save(buffer)
    if not data_sheets:
        return buffer.getvalue()
    return template_rows.fill(buffer.getvalue(), {
        sheet.path.lstrip("/"): (table, frame, styles) for sheet, table, frame in data_sheets})


def template_for(store: Store, snapshot_id: str | None = None) -> bytes:
    """The template of a snapshot (default: the latest; an empty template
    when there is no data). Raises SnapshotNotFound for an unknown id."""
    meta = store.get(snapshot_id) if snapshot_id else store.latest()
    if meta is None:
        return template(None, None)
    return template(store.read_frames(meta.snapshot_id), meta)


def file_name(meta: SnapshotMeta | None) -> str:
    date = meta.created.date().isoformat() if meta else dt.date.today().isoformat()
    return T.PAGE["template_file"].format(date=date)
