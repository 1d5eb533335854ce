"""The open-data package of `python -m portfolio publish`: each public table
as CSV and Parquet, `datapackage.json` (a Frictionless Data Package with a
Table Schema per table); `catalog.jsonld` (DCAT-AP-NO) is made from the same
files by portfolio.present.dcat. Built from the public projection only
(portfolio.store.public.PublicData: public rows and columns, nothing else is
ever read); pure functions returning bytes and dicts, no file I/O.

The CSV files are the machine-readable form: UTF-8 without BOM, `,`, CRLF
line ends (RFC 4180), ISO dates, `.` as the decimal point, an empty cell for
a missing value, and a list as a JSON array (`["a","b"]`). The Norwegian-Excel
CSV (`;`, dd.mm.yyyy) stays in `export-public`. The Parquet files hold the
same rows with the data model's types (lists as lists), uncompressed so that
anyone can check what they hold, like export-public's.

Each Table Schema is generated from portfolio/model/schema.py: type,
required, allowed values (an enum; for a list, per item), longest text, the
slug pattern of ids, smallest and largest number, the primary key and the
foreign keys (a column that `references` a table; `parent_id` names another
initiative), with the Norwegian column labels as titles and the template's
Norwegian column help as descriptions. The Parquet files are listed as file
resources (size and hash checked): Frictionless reads Parquet lists as arrays
it cannot type, and their columns are those of the CSV resource's schema.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import hashlib
import io
import json
import math

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from portfolio import texts
from portfolio.model import schema
from portfolio.store.public import PUBLIC_TABLES, PublicData, public_columns, public_schema
from portfolio.texts import publish as T
from portfolio.texts import update as update_texts

DATA_DIR = "data"  # the package's folder inside the published folder
NLOD = "http://data.norge.no/nlod/no/2.0"
BRREG = "https://data.brreg.no/enhetsregisteret/api/enheter/{number}"
# The formats of the data files: (label, file suffix, IANA media type)
CSV = ("CSV", "csv", "text/csv")
PARQUET = ("Parquet", "parquet", "application/vnd.apache.parquet")
FORMATS = (CSV, PARQUET)
TABLE_SCHEMA_TYPES = {"string": "string", "list": "array", "date": "date", "bool": "boolean",
                      "int": "integer", "float": "number"}


@dataclasses.dataclass(frozen=True)
class Settings:
    """Who publishes the data, whom to contact, and under which licence (the
    publish config file; portfolio.present.publication reads it)."""

    publisher_name: str | None = None
    organisation_number: str | None = None  # nine digits (Enhetsregisteret)
    contact_name: str | None = None
    contact_email: str | None = None
    licence_uri: str = NLOD
    licence_name: str = T.LICENCE_NAME

    @property
    def publisher_uri(self) -> str | None:
        return BRREG.format(number=self.organisation_number) if self.organisation_number else None


@dataclasses.dataclass(frozen=True)
class DataFile:
    """One file of the package: its path in the published folder, its table
    (None for metadata), format label, media type and bytes."""

    path: str
    table: str | None
    format: str
    media_type: str
    content: bytes

    @property
    def name(self) -> str:
        return self.path.rsplit("/", 1)[-1]

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.content).hexdigest()


def table_title(table: str) -> str:
    return texts.TABLE_LABELS.get(table, table)


# -- the data files ------------------------------------------------------------------

def _missing(value) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    return isinstance(value, float) and math.isnan(value)


def _cell(kind: str, value) -> str:
    """One value as the CSV file holds it."""
    if kind == "list":
        items = [] if value is None or (isinstance(value, float) and math.isnan(value)) else list(value)
        return json.dumps([str(i) for i in items], ensure_ascii=False)
    if _missing(value):
        return ""
    if kind == "date":
        return (value.date() if isinstance(value, dt.datetime) else value).isoformat()
    if kind == "bool":
        return "true" if value else "false"
    if kind == "int":
        return str(int(value))
    if kind == "float":
        return repr(float(value))
    return str(value)


def csv_bytes(table: str, frame: pd.DataFrame) -> bytes:
    """A public table as machine-readable CSV (see the module's docstring)."""
    columns = public_columns(table)
    kinds = [schema.TABLES[table].column(c).type_name for c in columns]
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    values = [frame[c].tolist() for c in columns]
    for row in zip(*values, strict=True):
        writer.writerow([_cell(kind, v) for kind, v in zip(kinds, row, strict=True)])
    return out.getvalue().encode("utf-8")


def arrow_table(table: str, frame: pd.DataFrame) -> pa.Table:
    """A public table with the data model's types and no pandas metadata."""
    columns = public_columns(table)
    arrow = pa.Table.from_pandas(frame[columns], schema=public_schema(table), preserve_index=False)
    return arrow.replace_schema_metadata(None)


def parquet_bytes(table: str, frame: pd.DataFrame) -> bytes:
    sink = io.BytesIO()
    pq.write_table(arrow_table(table, frame), sink, compression="none")
    return sink.getvalue()


def data_files(data: PublicData) -> list[DataFile]:
    """Every public table as CSV and as Parquet, in schema order."""
    files = []
    for table in PUBLIC_TABLES:
        frame = data.tables[table]
        files.append(DataFile(f"{DATA_DIR}/{table}.csv", table, CSV[0], CSV[2], csv_bytes(table, frame)))
        files.append(DataFile(f"{DATA_DIR}/{table}.parquet", table, PARQUET[0], PARQUET[2],
                              parquet_bytes(table, frame)))
    return files


# -- Table Schema ------------------------------------------------------------------------

def _column_help(table: str, column: str) -> str | None:
    return update_texts.COLUMN_HELP.get(table, {}).get(column)


def field_descriptor(table: str, column: schema.Column) -> dict:
    """One column as a Table Schema field."""
    t = schema.TABLES[table]
    field = {"name": column.name, "type": TABLE_SCHEMA_TYPES[column.type_name],
             "title": texts.COLUMN_LABELS.get(table, {}).get(column.name, column.name)}
    description = [d for d in (_column_help(table, column.name),) if d]
    constraints: dict = {}
    if column.required:
        constraints["required"] = True
    if column.type_name == "date":
        field["format"] = "default"  # ISO 8601: YYYY-MM-DD
    if column.is_list:
        item: dict = {"type": "string"}
        item_constraints = {"maxLength": column.max_length}
        if column.allowed:
            item_constraints["enum"] = list(column.allowed)
            description.append(T.ALLOWED_ITEMS_NOTE.format(values=", ".join(column.allowed)))
        item["constraints"] = item_constraints
        field["arrayItem"] = item
        description.append(T.LIST_NOTE)
    elif column.type_name == "string":
        constraints["maxLength"] = column.max_length
        if column.allowed:
            constraints["enum"] = list(column.allowed)
        if schema.is_slug_key(t, column) or column.references:
            constraints["pattern"] = schema.SLUG_PATTERN
    if column.minimum is not None:
        constraints["minimum"] = column.minimum
    if column.maximum is not None:
        constraints["maximum"] = column.maximum
    if description:
        field["description"] = " ".join(description)
    if constraints:
        field["constraints"] = constraints
    return field


def _foreign_keys(table: str) -> list[dict]:
    """A column that `references` a table names that table's key column of
    the same name; `parent_id` names another initiative (a self-reference,
    resource "")."""
    keys = []
    for name in public_columns(table):
        target, target_column = schema.TABLES[table].column(name).references, name
        if (table, name) == ("initiatives", "parent_id"):
            target, target_column = "initiatives", "initiative_id"
        if target is None or target not in PUBLIC_TABLES or target_column not in public_columns(target):
            continue
        keys.append({"fields": [name],
                     "reference": {"resource": "" if target == table else target, "fields": [target_column]}})
    return keys


def table_schema(table: str) -> dict:
    """A public table's Table Schema, generated from the data model."""
    t = schema.TABLES[table]
    out = {
        "fields": [field_descriptor(table, t.column(name)) for name in public_columns(table)],
        "missingValues": [""],
    }
    if set(t.key) <= set(public_columns(table)):
        out["primaryKey"] = list(t.key)
    foreign = _foreign_keys(table)
    if foreign:
        out["foreignKeys"] = foreign
    return out


# -- datapackage.json ----------------------------------------------------------------------

def dataset_description(data: PublicData) -> str:
    """What the dataset is, which snapshot it is from, and whether it is demo data."""
    source = data.source
    text = T.DATASET_DESCRIPTION.format(snapshot_id=source.snapshot_id, date=source.created.date().isoformat())
    return text + T.DATASET_DEMO if source.is_demo else text


def package_name() -> str:
    return "samhandlingskommunen-portefolje"


def datapackage(data: PublicData, files: list[DataFile], settings: Settings | None = None) -> dict:
    """The Frictionless Data Package describing `files` (from `data_files`;
    paths in it are relative to the package's folder)."""
    settings = settings or Settings()
    source = data.source
    package: dict = {
        "name": package_name(),
        "title": T.DATASET_TITLE,
        "description": dataset_description(data),
        "version": source.snapshot_id,
        "created": source.created.astimezone(dt.UTC).isoformat(timespec="seconds").replace("+00:00", "Z"),
        "keywords": list(T.KEYWORDS),
        "licenses": [{"name": "NLOD-2.0" if settings.licence_uri == NLOD else settings.licence_name,
                      "path": settings.licence_uri, "title": settings.licence_name}],
    }
    if settings.publisher_name:
        contributor = {"title": settings.publisher_name, "role": "publisher"}
        if settings.publisher_uri:
            contributor["path"] = settings.publisher_uri
        if settings.contact_email:
            contributor["email"] = settings.contact_email
        package["contributors"] = [contributor]
    resources = []
    for f in files:
        resource = {
            "name": f.table if f.format == CSV[0] else f"{f.table}-{f.format.lower()}",
            "path": f.name,
            "title": T.RESOURCE_TITLE.format(table=table_title(f.table), format=f.format),
            "description": T.TABLE_DESCRIPTIONS.get(f.table, table_title(f.table)),
            "format": f.name.rsplit(".", 1)[-1],
            "mediatype": f.media_type,
            "bytes": len(f.content),
            "hash": f"sha256:{f.sha256}",
        }
        if f.format == CSV[0]:
            resource.update(profile="tabular-data-resource", type="table", encoding="utf-8",
                            dialect={"delimiter": ",", "lineTerminator": "\r\n", "header": True},
                            schema=table_schema(f.table))
        else:
            resource.update(type="file")
        resources.append(resource)
    package["resources"] = resources
    return package


def url_in_package(name: str, base_url: str | None) -> str:
    """The address of a file of the package: absolute from `base_url` (the
    published folder's address), else relative to the package's folder,
    where catalog.jsonld is."""
    return f"{base_url.rstrip('/')}/{DATA_DIR}/{name}" if base_url else name


def json_bytes(value: dict) -> bytes:
    return (json.dumps(value, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
