"""How a table of a snapshot is declared: its columns' types, limits and
publicity (`Column`), its key and docs (`Table`). The tables themselves are
in portfolio/model/schema.py (and schema_decidim.py)."""

from __future__ import annotations

from dataclasses import dataclass

import pyarrow as pa

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"

# The longest text a column holds, in characters (for a list: each item). A
# text column holds SHORT_TEXT unless it declares otherwise.
ID_LENGTH = 100
SHORT_TEXT = 200  # names, titles, people, areas, sources
URL_LENGTH = 2000
LONG_TEXT = 5000  # summaries, comments and notes

TEXT = pa.string()
TEXT_LIST = pa.list_(pa.string())
DATE = pa.date32()
BOOL = pa.bool_()
INT = pa.int64()
FLOAT = pa.float64()


@dataclass(frozen=True)
class Column:
    name: str
    type: pa.DataType
    required: bool = True
    public: bool = False
    allowed: tuple[str, ...] | None = None  # for a list column: allowed items
    doc: str = ""
    max_length: int | None = None  # characters (a list: per item); text: SHORT_TEXT unless given
    minimum: int | None = None  # a number: the smallest value allowed
    maximum: int | None = None  # a number: the largest value allowed
    references: str | None = None  # the table whose key (a column of the same name) this value names

    def __post_init__(self) -> None:
        if self.type_name in ("string", "list"):
            if self.max_length is None:
                object.__setattr__(self, "max_length", SHORT_TEXT)
        elif self.max_length is not None:
            raise ValueError(f"{self.name}: only text has a max_length")
        if (self.minimum is not None or self.maximum is not None) and self.type_name not in ("int", "float"):
            raise ValueError(f"{self.name}: only a number has a minimum or maximum")

    @property
    def is_list(self) -> bool:
        return pa.types.is_list(self.type)

    @property
    def type_name(self) -> str:
        if self.is_list:
            return "list"
        if pa.types.is_date(self.type):
            return "date"
        if pa.types.is_boolean(self.type):
            return "bool"
        if pa.types.is_integer(self.type):
            return "int"
        if pa.types.is_floating(self.type):
            return "float"
        return "string"


@dataclass(frozen=True)
class Table:
    name: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]
    doc: str = ""
    # Added after the first release: snapshots written before read it as empty,
    # and it counts in a snapshot's content hash only when it has rows, so
    # the hashes of those snapshots stay what they were.
    is_later: bool = False
    # Read from another system (Decidim), never typed: no template sheet, no editor; a file that does not
    # hold it keeps the base snapshot's rows.
    is_imported: bool = False

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]

    @property
    def public_columns(self) -> list[str]:
        return [c.name for c in self.columns if c.public]

    def column(self, name: str) -> Column:
        for c in self.columns:
            if c.name == name:
                return c
        raise KeyError(name)

    @property
    def arrow_schema(self) -> pa.Schema:
        return pa.schema(
            [pa.field(c.name, c.type, nullable=not c.required) for c in self.columns]
        )
