"""Validation of a snapshot's tables against the data model (pandera).

`validate(tables)` returns every problem at once, each naming table, row (as
Excel numbers it: row 2 is the first data row) and column, in Norwegian. The
checks are built from the declarations in `portfolio.schema`, text length
(`Column.max_length`), number ranges and references included; the rules
themselves, and those across tables, are in `portfolio.model.rules`. A
message shows at most the start of a long value (`excerpt`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
import pyarrow as pyarrow_mod

from portfolio import fmt, texts
from portfolio.model import rules, schema
from portfolio.model.validate_fast import surely_valid
from portfolio.texts import update as T

if TYPE_CHECKING:
    import pandera.pandas as pa

FIRST_DATA_ROW = 2  # row 1 holds the headers, as in a spreadsheet


@dataclass(frozen=True)
class Problem:
    table: str
    row: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        table = texts.TABLE_LABELS.get(self.table, self.table)
        if self.column is None:
            return texts.VALIDATION["location_table"].format(table=table, message=self.message)
        column = texts.COLUMN_LABELS.get(self.table, {}).get(self.column, self.column)
        if self.row is None:
            return texts.VALIDATION["location_table"].format(
                table=table, message=f"kolonne «{column}»: {self.message}"
            )
        return texts.VALIDATION["location"].format(
            table=table, row=self.row, column=column, message=self.message
        )


class ValidationFailed(ValueError):
    def __init__(self, problems: list[Problem]):
        self.problems = problems
        summary = texts.VALIDATION["invalid"].format(count=len(problems))
        super().__init__(summary + "\n" + "\n".join(str(p) for p in problems[:50]))


def _is_missing(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and value != value:
        return True
    return value is pd.NA or value is pd.NaT


def _clean_text(value: Any) -> Any:
    if isinstance(value, str):
        value = value.strip()
        return value if value else None
    return None if _is_missing(value) else value


def _clean_list(value: Any) -> Any:
    if not hasattr(value, "__len__") and _is_missing(value):
        return []
    if isinstance(value, str):
        value = [value]
    items = [_clean_text(v) for v in list(value)]
    return [v for v in items if v is not None]


def _clean_text_column(series: pd.Series) -> pd.Series:
    """Trim text and turn empty text into missing; other values are kept as
    they are, so that type errors are still reported per cell. (One list
    comprehension: pandas' string methods cost ten times as much.)"""
    values = [(v.strip() or None) if v.__class__ is str else (None if v is None else _SLOW) for v in series.tolist()]
    if _SLOW in values:  # identity first: no other value equals the marker
        values = [_clean_text(v) for v in series.tolist()]
    return pd.Series(values, index=series.index, dtype=object)


_SLOW = object()  # a value a fast path leaves to the general code


def normalize(table: schema.Table, frame: pd.DataFrame) -> pd.DataFrame:
    """Return a copy with text trimmed, empty text as missing and lists as lists."""
    out = frame.copy()
    for column in table.columns:
        if column.name not in out.columns:
            continue
        if column.is_list:
            out[column.name] = [
                v if v.__class__ is list and all(i.__class__ is str and i and i == i.strip() for i in v)
                else _clean_list(v) for v in out[column.name].tolist()]
        elif column.type_name == "string":
            out[column.name] = _clean_text_column(out[column.name])
    return out


def _type_problems(table: schema.Table, frame: pd.DataFrame, arrays: dict | None = None) -> list[Problem]:
    """Cells whose value cannot be stored in the column's Arrow type (the
    columns that can are kept in `arrays`, for `to_arrow`)."""
    problems: list[Problem] = []
    for column in table.columns:
        if column.name not in frame.columns:
            continue
        values = frame[column.name]
        try:
            array = pyarrow_mod.array(values, type=column.type, from_pandas=True)
            if column.type_name == "int" and values.dtype == object and (cut := _fractions(values)):
                problems.extend(Problem(table.name, position + FIRST_DATA_ROW, column.name, texts.VALIDATION[
                    "type"].format(value=excerpt(str(values.iloc[position])), expected=texts.TYPE_NAMES["int"]))
                    for position in cut)
                continue
            if arrays is not None:
                arrays[column.name] = array
            continue
        except (pyarrow_mod.ArrowInvalid, pyarrow_mod.ArrowTypeError, TypeError, ValueError, OverflowError):
            pass
        for position, value in enumerate(values):
            if _is_missing(value):
                continue
            try:
                pyarrow_mod.array([value], type=column.type, from_pandas=True)
            except (pyarrow_mod.ArrowInvalid, pyarrow_mod.ArrowTypeError, TypeError, ValueError, OverflowError):
                problems.append(
                    Problem(
                        table.name,
                        position + FIRST_DATA_ROW,
                        column.name,
                        texts.VALIDATION["type"].format(
                            value=excerpt(str(value)), expected=texts.TYPE_NAMES[column.type_name]
                        ),
                    )
                )
    return problems


def _fractions(values: pd.Series) -> list[int]:
    """Positions of numbers with decimals in a whole-number column of Python
    objects: Arrow cuts such a number to a whole one without a word."""
    return [position for position, v in enumerate(values.tolist())
            if isinstance(v, float) and v == v and not v.is_integer()]  # NaN: a missing value


def _required_problems(table: schema.Table, frame: pd.DataFrame, arrays: dict | None = None) -> list[Problem]:
    """Missing required values, found here rather than by pandera, whose
    report of each failed check costs milliseconds: a file with a stray row
    must not cost more to refuse than a whole portfolio costs to accept. (A
    key column stays required in pandera as well, so that its uniqueness
    check never counts gaps as duplicates; a problem found twice is listed
    once.)"""
    problems: list[Problem] = []
    for column in table.columns:
        if not column.required or column.name not in frame.columns:
            continue
        array = (arrays or {}).get(column.name)
        if array is not None:  # the column as the type check converted it: its nulls are the missing values
            if not array.null_count:
                continue
            missing = np.flatnonzero(array.is_null().to_numpy(zero_copy_only=False))
        else:
            missing = frame[column.name].isna().to_numpy().nonzero()[0]
        problems.extend(Problem(table.name, int(position) + FIRST_DATA_ROW, column.name,
                                texts.VALIDATION["required"]) for position in missing)
    return problems


def _pandera_schema(table: schema.Table, keys: dict[str, set[str]]) -> pa.DataFrameSchema:
    import pandera.pandas as pa  # imported where a check is built: pandera takes a second to import
    columns = {
        c.name: pa.Column(
            None,
            checks=rules.column_checks(table, c, keys),
            nullable=not c.required or c.name not in table.key,
            unique=(table.key == (c.name,)),
            required=True,
        )
        for c in table.columns
    }
    return pa.DataFrameSchema(
        columns,
        checks=rules.frame_checks(table),
        strict=True,
        unique=list(table.key) if len(table.key) > 1 else None,
        report_duplicates="all",
        name=table.name,
    )


def _message(table: schema.Table, check: str, column: str | None, value: Any) -> str:
    v = texts.VALIDATION
    if check == "not_nullable":
        return v["required"]
    if check in ("allowed", "allowed_items"):
        allowed = ", ".join(table.column(column).allowed or ()) if column else ""
        return v["allowed"].format(value=_show(value), allowed=allowed)
    if check in ("field_uniqueness",):
        return v["unique"].format(value=_show(value))
    if check == "multiple_fields_uniqueness":
        labels = " + ".join(f"«{texts.COLUMN_LABELS[table.name][k]}»" for k in table.key)
        return v["unique_key"].format(columns=labels)
    if (special := rules.message(table, check, column, _show(value))) is not None:
        return special
    if check in v and check not in ("type", "other", "location", "location_table"):
        return v[check].format(value=_show(value), start="startdato")
    if check in ("max_length", "max_length_items") and column:
        return _too_long(table.column(column), value)
    if check == "column_in_dataframe":
        return v["missing_column"]
    if check == "column_in_schema":
        return v["unknown_column"]
    return v["other"].format(value=_show(value), check=check)


def _too_long(column: schema.Column, value: Any) -> str:
    """The length message: how long the text is and may be (never the whole text)."""
    limit = column.max_length or 0
    if column.is_list and isinstance(value, (list, tuple)):
        item = next((i for i in value if isinstance(i, str) and len(i) > limit), "")
        return T.TOO_LONG_ITEM.format(item=excerpt(item), length=fmt.number(len(item)),
                                      limit=fmt.number(limit))
    return T.TOO_LONG.format(length=fmt.number(len(str(value))), limit=fmt.number(limit))


EXCERPT = 60  # characters of a value shown in a message


def excerpt(text: str, length: int = EXCERPT) -> str:
    """The start of a text for a message: a cell may hold thousands of characters."""
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


def _show(value: Any) -> str:
    if isinstance(value, (list, tuple)):
        return excerpt(", ".join(str(x) for x in value))
    if isinstance(value, (dt.date,)):
        return value.isoformat()
    return excerpt(str(value))


def _check_name(raw: Any) -> str:
    text = str(raw)
    # pandera reports built-ins with arguments, e.g. "isin([...])"; ours carry names
    return text.split("(")[0] if "(" in text and not text.startswith("column_") else text


def _pandera_problems(table: schema.Table, frame: pd.DataFrame, keys: dict[str, set[str]],
                      arrays: dict | None = None) -> list[Problem]:
    import pandera.pandas as pa  # imported where a check is built: pandera takes a second to import
    try:
        if arrays is not None and surely_valid(table, frame, keys, arrays):
            return []
    except Exception:  # a value the direct checks did not foresee: pandera decides
        pass
    try:
        _pandera_schema(table, keys).validate(frame, lazy=True)
        return []
    except pa.errors.SchemaErrors as err:
        cases = err.failure_cases
    problems: list[Problem] = []
    seen_keys: set[tuple] = set()
    for case in cases.itertuples(index=False):
        check = _check_name(case.check)
        column = case.column if isinstance(case.column, str) and case.column in table.column_names else None
        if check in rules.FRAME_CHECK_COLUMNS:
            column = rules.FRAME_CHECK_COLUMNS[check]
        if check == "column_in_schema":
            problems.append(Problem(table.name, None, str(case.failure_case), _message(table, check, None, None)))
            continue
        if check == "column_in_dataframe":
            problems.append(Problem(table.name, None, str(case.failure_case), _message(table, check, None, None)))
            continue
        index = case.index
        row = None if _is_missing(index) else int(frame.index.get_loc(index)) + FIRST_DATA_ROW
        if check == "multiple_fields_uniqueness":
            key = (row, check)
            if key in seen_keys:
                continue
            seen_keys.add(key)
            column = table.key[-1]
        value = case.failure_case
        if row is not None and column is not None and check in rules.FRAME_CHECK_COLUMNS:
            value = frame.iloc[row - FIRST_DATA_ROW][column]
        problems.append(Problem(table.name, row, column, _message(table, check, column, value)))
    return problems


def validate(tables: dict[str, pd.DataFrame], arrays: dict[str, dict] | None = None) -> list[Problem]:
    """Every problem in the given tables, sorted by table, row and column.
    `arrays` (when given) receives each table's columns as Arrow arrays, for
    `to_arrow`: the type check makes them anyway."""
    problems: list[Problem] = []
    tables = with_later_tables(tables)
    for name in schema.TABLE_NAMES:
        if name not in tables:
            problems.append(Problem(name, None, None, texts.VALIDATION["missing_table"]))
    keys = rules.key_values(tables)  # the ids other tables may name
    frames: dict[str, pd.DataFrame] = {}
    usable: set[str] = set()  # tables whose values have their types: the rules across tables read them
    for name, frame in tables.items():
        table = schema.TABLES.get(name)
        if table is None:
            problems.append(Problem(name, None, None, texts.VALIDATION["unknown_column"]))
            continue
        frame = frames[name] = frame.reset_index(drop=True)
        converted = {} if arrays is None else arrays.setdefault(name, {})
        type_problems = _type_problems(table, frame, converted)
        problems.extend(type_problems)
        if type_problems:
            continue  # value checks on mistyped cells would only repeat the message
        usable.add(name)
        problems.extend(_required_problems(table, frame, converted))
        problems.extend(_pandera_problems(table, frame, keys, converted))
    problems.extend(Problem(f.table, f.position + FIRST_DATA_ROW, f.column, f.message)
                    for f in rules.cross_table(frames, usable))
    order = {n: i for i, n in enumerate(schema.TABLE_NAMES)}
    return sorted(
        dict.fromkeys(problems),
        key=lambda p: (order.get(p.table, 99), p.row or 0, p.column or "", p.message),
    )


def to_arrow(table: schema.Table, frame: pd.DataFrame, arrays: dict | None = None) -> pyarrow_mod.Table:
    """The frame as an Arrow table in the declared column order and types
    (`arrays`: columns `validate` has converted already)."""
    frame = frame.reset_index(drop=True)
    made = arrays or {}
    columns = [
        made[c.name] if c.name in made else pyarrow_mod.array(frame[c.name], type=c.type, from_pandas=True)
        for c in table.columns
    ]
    return pyarrow_mod.Table.from_arrays(columns, schema=table.arrow_schema)


def with_later_tables(tables: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """The tables, with each table added to the schema later that they lack
    as an empty table: data written before the table existed has none."""
    missing = [name for name in schema.TABLE_NAMES if name not in tables and schema.TABLES[name].is_later]
    if not missing:
        return tables
    return {**tables, **{name: empty_frame(schema.TABLES[name]) for name in missing}}


def empty_frame(table: schema.Table) -> pd.DataFrame:
    """A table with no rows, its columns in their pandas dtypes."""
    return table.arrow_schema.empty_table().to_pandas()


def prepare(tables: dict[str, pd.DataFrame]) -> dict[str, pyarrow_mod.Table]:
    """Normalize, validate and convert; raise ValidationFailed with every problem."""
    tables = with_later_tables(tables)
    normalized = {
        name: normalize(schema.TABLES[name], frame) if name in schema.TABLES else frame
        for name, frame in tables.items()
    }
    problems = validate(normalized)
    if problems:
        raise ValidationFailed(problems)
    return {name: to_arrow(schema.TABLES[name], normalized[name]) for name in schema.TABLE_NAMES}
