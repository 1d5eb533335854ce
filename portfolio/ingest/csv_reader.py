"""A CSV file, one table, as Norwegian Excel saves it.

The file name (tiltak.csv, budsjett.csv, milepæler.csv) or else the header
row tells which table it holds; the apostrophe our CSV export puts before
formula-like text is removed again (portfolio.ingest.cells.unquote).
"""

from __future__ import annotations

import csv
import io
from pathlib import PurePath

from portfolio.ingest import sniff
from portfolio.ingest.cells import table_from_headers, table_from_name, unquote
from portfolio.ingest.grid import grid_to_table
from portfolio.ingest.reading import FileProblem, Limits, Reading, Source, Upload
from portfolio.texts import update as T

P = T.PROBLEMS


def read_csv(upload: Upload, reading: Reading, limits: Limits) -> None:
    """Add the table the file holds, or its problems, to `reading`."""
    source = Source("file", file=upload.name)
    text, problem = sniff.csv_text(upload.data)
    if problem:
        reading.problems.append(FileProblem(problem, source))
        return
    records = csv.reader(io.StringIO(text, newline=""), delimiter=sniff.delimiter(text))
    try:
        header = next(records)
    except (csv.Error, StopIteration):
        reading.problems.append(FileProblem(P["not_csv"], source))
        return
    stem = PurePath(upload.name).stem
    table = table_from_name(stem) or table_from_headers([unquote(h) for h in header])
    if table is None:
        reading.problems.append(FileProblem(P["unknown_table"], source))
        return
    table_source = Source("file", file=upload.name, csv=True)

    def grid():
        yield 1, header
        number = 1
        try:
            for record in records:
                number += 1
                yield number, record
                if number > limits.max_rows + 2:
                    return
        except csv.Error:
            reading.problems.append(FileProblem(P["not_csv"], table_source, table, row=number + 1))

    parsed = grid_to_table(table, table_source, grid(), reading.problems, limits, from_csv=True)
    reading.add_table(parsed, table, table_source)
