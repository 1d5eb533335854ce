"""Decidim's open data as four tables: accountability results, budget
projects, proposals and meetings.

    export = read_decidim("deltakristiansand.no-open-data.zip")
    export.host                          # "deltakristiansand.no"
    export.tables["decidim_results"]     # one row per result, the columns in COLUMNS

The source is what `decidim_fetch.load` takes: the ZIP a Decidim instance
serves at `/open-data/download` (a path or its bytes), a folder of its CSV
files, one CSV file, or an `http(s)://` URL. The reader writes nothing.

The layouts are those of Decidim's own serializers, as read in the
decidim/decidim repository:

- `decidim-core/lib/decidim/open_data_exporter.rb`: the files
  `<host>-open-data-<entity>.csv` (from 0.28 the headers of all components
  are merged, and the ZIP also holds README.md and LICENSE.md);
  `decidim-core/lib/decidim/exporters/csv.rb`: `;` between fields, nested
  keys flattened with `/`, arrays joined with ", ".
- results: `decidim-accountability/lib/decidim/accountability/result_serializer.rb`
- projects: `decidim-budgets/lib/decidim/budgets/project_serializer.rb`
- proposals: `decidim-proposals/lib/decidim/proposals/proposal_serializer.rb`
  (0.27) and `open_data_proposal_serializer.rb` (the open-data serializer
  from 0.30)
- meetings: `decidim-meetings/lib/decidim/meetings/meeting_serializer.rb`

Two generations are read alike: the 0.27/0.28/0.29 layout (`category/id`,
`category/name/<locale>`, `scope/id`, `scope/name/<locale>`; proposals'
votes as `supports` or `votes`, meeting times as `to_s(:db)`) and the 0.30+
layout (`taxonomies/id`, `taxonomies/name` instead of category and scope;
proposals' endorsements as `endorsements/total_count`, or `likes/total_count`
after the rename; meeting times with their offset and `type_of_meeting`).
Columns the reader does not use are ignored; a column it needs (REQUIRED) that
is missing is a problem naming the file and the column.

The normalised columns and their types (`COLUMNS`): ids `decidim_id` int64;
other counts and ids pandas Int64 (nullable); `progress` float64 (NaN when
empty), 0–100; text object (str, or None when empty); `start_date`/`end_date`
datetime.date objects (or None); `start_time`, `end_time`, `published_at`
datetime64[us] in UTC without a zone (NaT when empty); `is_online` bool.
Translated texts are taken in nb, then no, nn, en, then the first non-empty
locale (machine translations last); descriptions and bodies are HTML turned
into plain text, one line per paragraph. `category` is the category's name, or
in 0.30+ exports the first taxonomy's name; `scope` is None in 0.30+ exports
(scopes became taxonomies). `is_online` is true for `type_of_meeting` online
or hybrid; in exports without that column, for a meeting with an online URL
or without an address (Decidim requires an address for a meeting in person).
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from portfolio.ingest import decidim_fetch
from portfolio.ingest.decidim_fetch import ENTITIES, DecidimRefused, DecidimUnavailable, RawFile, host_entity
from portfolio.ingest.decidim_values import Columns
from portfolio.ingest.reading import FileProblem, Source
from portfolio.texts import decidim as T

__all__ = ["COLUMNS", "REQUIRED", "DecidimExport", "DecidimRefused", "DecidimUnavailable", "read_decidim"]

R = T.REFUSED
TABLES = {entity: f"decidim_{entity}" for entity in ENTITIES}
_SHARED = ("category", "scope", "component_id", "url")
COLUMNS = {
    "decidim_results": ("decidim_id", "parent_id", "title", "description", "start_date", "end_date", "status",
                        "progress", "category", "scope", "component_id", "url"),
    "decidim_projects": ("decidim_id", "title", "description", "budget_amount", "confirmed_votes", *_SHARED),
    "decidim_proposals": ("decidim_id", "title", "body", "state", "endorsements", "votes", *_SHARED,
                          "published_at"),
    "decidim_meetings": ("decidim_id", "title", "description", "start_time", "end_time", "address", "is_online",
                         "attendees", *_SHARED),
}
# The fields each entity's file must have (a field is a column, or the columns under `field/`)
REQUIRED = {
    "decidim_results": ("id", "title", "status", "progress", "url"),
    "decidim_projects": ("id", "title", "budget_amount", "url"),
    "decidim_proposals": ("id", "title", "state", "url"),
    "decidim_meetings": ("id", "title", "start_time", "end_time", "url"),
}


@dataclass(frozen=True)
class DecidimExport:
    """What one Decidim export holds: its host, the tables present (keys of
    COLUMNS) and the CSV files read, in the order read."""

    host: str | None
    tables: dict[str, pd.DataFrame]
    files: tuple[str, ...]


def read_decidim(source: str | Path | bytes, *, name: str | None = None, timeout_s: float = 10.0,
                 max_unpacked_bytes: int = 200 * 2**20, download_s: float | None = None) -> DecidimExport:
    """Read a Decidim open-data export. `name` names bytes (or overrides the
    name of a file or download). A URL's every wait is bounded by `timeout_s`,
    its whole download by `download_s` (12 × `timeout_s` unless given). Raises DecidimRefused (bad data, every
    problem found) or DecidimUnavailable (the source cannot be reached)."""
    loaded = decidim_fetch.load(source, name=name, timeout_s=timeout_s, max_bytes=max_unpacked_bytes,
                               download_s=download_s)
    hosts: dict[str, str] = {}  # host -> the first file naming it
    for raw in loaded.files:
        hosts.setdefault(host_entity(raw.name)[0], raw.name)
    hosts.pop(None, None)
    if len(hosts) > 1:
        raise DecidimRefused([FileProblem(R["mixed_hosts"].format(hosts=", ".join(sorted(hosts))),
                                          Source("file", file=", ".join(hosts.values())))])
    problems: list[FileProblem] = []
    tables: dict[str, pd.DataFrame] = {}
    read_from: dict[str, str] = {}
    for raw in loaded.files:
        table = TABLES.get(host_entity(raw.name)[1])
        frame, found = _csv_frame(raw, table)
        if found:
            problems += found
            continue
        table = table or _guess_table(frame.columns)
        if table is None:
            problems.append(FileProblem(R["not_export"] if frame.empty and not len(frame.columns)
                                        else R["unknown_entity"], Source("file", file=raw.name)))
            continue
        if table in read_from:
            problems.append(FileProblem(R["duplicate_entity"].format(other=read_from[table]),
                                        Source("file", file=raw.name, csv=True), table))
            continue
        read_from[table] = raw.name
        normalised, found = normalise(table, frame, raw.name)
        problems += found
        tables[table] = normalised
    if problems:
        raise DecidimRefused(problems)
    ordered = {t: tables[t] for t in COLUMNS if t in tables}
    return DecidimExport(next(iter(hosts), None) or loaded.url_host, ordered,
                         tuple(read_from[t] for t in COLUMNS if t in read_from))


# -- one CSV file ----------------------------------------------------------------
def _header_separator(text: str) -> str | None:
    """The separator the header line uses when it is not `;` (None when it is, or when it has none)."""
    counts, quoted = {";": 0, ",": 0, "\t": 0}, False
    for char in text[: text.find("\n") if "\n" in text else len(text)]:
        if char == '"':
            quoted = not quoted
        elif not quoted and char in counts:
            counts[char] += 1
    if counts[";"]:
        return None
    other = max((",", "\t"), key=counts.get)
    return other if counts[other] else None


def _csv_frame(raw: RawFile, table: str | None) -> tuple[pd.DataFrame | None, list[FileProblem]]:
    """The file's cells as strings ("" when empty) under its header, or its problems."""
    source = Source("file", file=raw.name, csv=table is not None)

    def refused(key: str, row: int | None = None, **values) -> tuple[None, list[FileProblem]]:
        return None, [FileProblem(R[key].format(**values), source, table, row)]

    try:
        text = raw.data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return refused("not_utf8")
    if "\x00" in text:
        return refused("not_export")
    if not text.strip():
        return pd.DataFrame(), []
    separator = _header_separator(text)
    if separator:
        return refused("separator", found="tabulator" if separator == "\t" else separator)
    try:
        cells = pd.read_csv(io.StringIO(text), sep=";", header=None, dtype=str, keep_default_na=False,
                            na_filter=False, skip_blank_lines=True, engine="c")
    except pd.errors.ParserError as err:
        line = re.search(r"Expected \d+ fields in line (\d+)", str(err))
        return refused("ragged_row", int(line[1])) if line else refused("unreadable_csv")
    header = [str(h).strip() for h in cells.iloc[0]]
    frame = cells.iloc[1:].reset_index(drop=True).fillna("")
    frame.columns = header
    return frame, []


def _guess_table(columns) -> str | None:
    """The entity a CSV file without Decidim's file name holds, from its header."""
    has = set(columns)

    def under(field: str) -> bool:
        return any(c == field or c.startswith(f"{field}/") for c in columns)

    if "progress" in has and under("status"):
        return "decidim_results"
    if "budget_amount" in has:
        return "decidim_projects"
    if "state" in has and under("body"):
        return "decidim_proposals"
    if {"start_time", "end_time"} <= has:
        return "decidim_meetings"
    return None


# -- normalising ---------------------------------------------------------------
def normalise(table: str, frame: pd.DataFrame, file: str) -> tuple[pd.DataFrame, list[FileProblem]]:
    """Decidim's columns of one file as the table's COLUMNS, and the problems found."""
    c = Columns(frame, file, table)
    if len(frame.columns):
        missing = [field for field in REQUIRED[table] if not c.has(field)]
        if missing:
            return _empty(table), [FileProblem(R["missing_column"], c.source, table, None, f) for f in missing]
    data = {"decidim_id": _ids(c), **BUILDERS[table](c)}
    return pd.DataFrame(data, columns=list(COLUMNS[table])), c.all_problems()


def _empty(table: str) -> pd.DataFrame:
    return pd.DataFrame({column: pd.Series(dtype=object) for column in COLUMNS[table]})


def _ids(c: Columns) -> pd.Series:
    values = c.raw("id")
    c.cells(values == "", "id", "missing_id")
    ids = c.integer("id")
    duplicated = ids.duplicated(keep="first") & ids.notna()
    if duplicated.any():
        first_row = {value: position + 2 for position, value in ids[~ids.duplicated(keep="first")].items()}
        for position in np.flatnonzero(duplicated.to_numpy()):
            value = ids.iloc[position]
            c.problem(R["duplicate_id"].format(value=value, first=first_row[value]), int(position) + 2, "id")
    return ids.fillna(0).astype("int64")


def _category(c: Columns) -> pd.Series:
    category = c.text("category/name")
    if c.has("taxonomies"):
        category = category.where(category.notna(), c.taxonomy())
    return category


def _shared(c: Columns) -> dict[str, pd.Series]:
    return {"category": _category(c), "scope": c.text("scope/name"), "component_id": c.integer("component/id"),
            "url": c.plain("url")}


def _results(c: Columns) -> dict[str, pd.Series]:
    progress = c.number("progress")
    c.cells((progress < 0) | (progress > 100), "progress", "progress_range")
    status = c.translated("status/name")
    return {"parent_id": c.integer("parent/id"), "title": c.text("title"), "description": c.rich_text("description"),
            "start_date": c.date("start_date"), "end_date": c.date("end_date"),
            "status": status.where(status != "", c.raw("status/key")).astype(object).where(lambda s: s != "", None),
            "progress": progress, **_shared(c)}


def _projects(c: Columns) -> dict[str, pd.Series]:
    return {"title": c.text("title"), "description": c.rich_text("description"),
            "budget_amount": c.integer("budget_amount"), "confirmed_votes": c.integer("confirmed_votes"),
            **_shared(c)}


def _proposals(c: Columns) -> dict[str, pd.Series]:
    endorsements = c.first_of("endorsements/total_count", "likes/total_count", "endorsements")
    return {"title": c.text("title"), "body": c.rich_text("body"), "state": c.plain("state"),
            "endorsements": c.integer(endorsements), "votes": c.integer(c.first_of("votes", "supports")),
            **_shared(c), "published_at": c.time("published_at")}


def _meetings(c: Columns) -> dict[str, pd.Series]:
    kind = c.raw("type_of_meeting").str.lower()
    by_place = (c.raw("online_meeting_url") != "") | (c.raw("address") == "")
    is_online = kind.isin(["online", "hybrid"]).where(kind != "", by_place).astype(bool)
    return {"title": c.text("title"), "description": c.rich_text("description"),
            "start_time": c.time("start_time"), "end_time": c.time("end_time"), "address": c.plain("address"),
            "is_online": is_online, "attendees": c.integer(c.first_of("attendees", "attendees_count")),
            **_shared(c)}


BUILDERS = {"decidim_results": _results, "decidim_projects": _projects, "decidim_proposals": _proposals,
            "decidim_meetings": _meetings}
