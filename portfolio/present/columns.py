"""How a table's columns are drawn, as plain data.

The present layer says which columns are statuses, dates, counts, links…;
portfolio.web.tables turns a `Columns` into Streamlit's column configuration.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping


@dataclasses.dataclass(frozen=True)
class Columns:
    statuses: tuple[str, ...] = ()  # the status word on its tint
    dates: tuple[str, ...] = ()  # dd.mm.åååå
    counts: tuple[str, ...] = ()  # numbers with the browser's grouping
    links: Mapping[str, str] = dataclasses.field(default_factory=dict)  # column -> link text
    tinted: Mapping[str, Mapping[str, str]] = dataclasses.field(default_factory=dict)  # column -> word -> tint
    wide: tuple[str, ...] = ()  # wide text columns
    medium: tuple[str, ...] = ()  # medium-width text columns
    pinned: tuple[str, ...] = ()  # kept in view when scrolling sideways
    right: tuple[str, ...] = ()  # right-aligned text (numbers already formatted)

    def merged(self, other: Columns) -> Columns:
        """Both descriptions together (`other` wins where both name a column)."""
        values = {}
        for f in dataclasses.fields(self):
            mine, theirs = getattr(self, f.name), getattr(other, f.name)
            values[f.name] = {**mine, **theirs} if isinstance(mine, Mapping) else mine + theirs
        return Columns(**values)

    def only(self, names) -> Columns:
        """The same, for the columns in `names` only."""
        keep = set(names)
        values = {}
        for f in dataclasses.fields(self):
            value = getattr(self, f.name)
            if isinstance(value, Mapping):
                values[f.name] = {c: v for c, v in value.items() if c in keep}
            else:
                values[f.name] = tuple(c for c in value if c in keep)
        return Columns(**values)
