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
        return Columns(
            statuses=self.statuses + other.statuses, dates=self.dates + other.dates,
            counts=self.counts + other.counts, links={**self.links, **other.links},
            tinted={**self.tinted, **other.tinted}, wide=self.wide + other.wide, medium=self.medium + other.medium,
            pinned=self.pinned + other.pinned, right=self.right + other.right,
        )

    def only(self, names) -> Columns:
        """The same, for the columns in `names` only."""
        keep = set(names)
        return Columns(
            statuses=tuple(c for c in self.statuses if c in keep), dates=tuple(c for c in self.dates if c in keep),
            counts=tuple(c for c in self.counts if c in keep),
            links={c: t for c, t in self.links.items() if c in keep},
            tinted={c: t for c, t in self.tinted.items() if c in keep},
            wide=tuple(c for c in self.wide if c in keep), medium=tuple(c for c in self.medium if c in keep), pinned=tuple(c for c in self.pinned if c in keep),
            right=tuple(c for c in self.right if c in keep),
        )
