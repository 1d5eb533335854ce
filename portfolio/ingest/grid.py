"""A grid of cells (a sheet or a CSV file) to one table.

`grid_to_table` matches the header row to the schema's columns, parses every
cell (portfolio.ingest.cells) and records each problem with its row (as Excel
numbers it) and column header. Both readers use it.
"""

from __future__ import annotations

import pandas as pd

from portfolio import fmt, texts
from portfolio.ingest.cells import HEADERS, blank, norm, parse_cell
from portfolio.ingest.reading import FileProblem, Limits, Source, TableData
from portfolio.model import schema
from portfolio.texts import update as T

P = T.PROBLEMS


def _column_letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index + 1)


def grid_to_table(table_name: str, source: Source, grid, problems: list[FileProblem],
                  limits: Limits, from_csv: bool) -> TableData | None:
    """`grid` yields (row number, list of values), the header row first.
    Problems go to `problems`; None when the table cannot be read at all."""
    table = schema.TABLES[table_name]
    lookup = HEADERS[table_name]
    iterator = iter(grid)
    header_row = next(iterator, None)
    if header_row is None or all(blank(v) for v in header_row[1]):
        problems.append(FileProblem(P["no_header"], source, table_name))
        return None
    headers = header_row[1]
    positions: dict[str, int] = {}
    labels: dict[str, str] = {}
    for index, raw in enumerate(headers):
        if blank(raw):
            continue
        name = lookup.get(norm(raw))
        shown = str(raw).strip()
        if name is None:
            problems.append(FileProblem(P["unknown_column"], source, table_name, column=shown))
            continue
        if name in positions:
            problems.append(FileProblem(P["duplicate_column"], source, table_name, column=shown))
            continue
        positions[name] = index
        labels[name] = shown
    missing = {c for c in table.column_names if c not in positions}
    for column in table.column_names:
        if column in missing:
            problems.append(FileProblem(
                P["missing_column"], source, table_name, column=texts.COLUMN_LABELS[table_name][column]))
    width = len(headers)
    values: dict[str, list] = {c: [] for c in table.column_names}
    rows: list[int] = []
    bad: set[tuple[int, str]] = set()
    blank_header_columns: set[int] = set()
    count = 0
    for row_number, cells in iterator:
        if all(blank(v) for v in cells):
            continue
        count += 1
        if count > limits.max_rows:
            problems.append(FileProblem(P["too_many_rows"].format(limit=fmt.number(limits.max_rows)),
                                        source, table_name))
            return None
        extra = [i for i in range(width, len(cells)) if not blank(cells[i])]
        if extra and from_csv:
            problems.append(FileProblem(P["ragged"].format(count=len(cells), expected=width),
                                        source, table_name, row=row_number))
        for i in range(len(cells)):
            if not blank(cells[i]) and (i >= width or blank(headers[i])) and not from_csv:
                blank_header_columns.add(i)
        position = len(rows)
        rows.append(row_number)
        for column in table.columns:
            index = positions.get(column.name)
            raw = cells[index] if index is not None and index < len(cells) else None
            parsed, problem = parse_cell(column, raw, from_csv=from_csv)
            if problem:
                bad.add((position, column.name))
                problems.append(FileProblem(problem, source, table_name, row=row_number,
                                            column=labels.get(column.name, column.name)))
            values[column.name].append(parsed)
    for index in sorted(blank_header_columns):
        problems.append(FileProblem(P["blank_header"].format(letter=_column_letter(index)),
                                    source, table_name))
    frame = pd.DataFrame({c: pd.Series(v, dtype=object) for c, v in values.items()},
                         columns=table.column_names)
    return TableData(table_name, source, frame, rows, bad, missing, labels)
