"""How a table's columns are drawn, as plain data.

The present layer says which columns are statuses, dates, counts, links…,
and which matter most; portfolio.web.tables turns a `Columns` into
Streamlit's column configuration and column order.

Tables that fit (st.dataframe draws on a canvas and scrolls sideways when its
columns are wider than the page; Streamlit has no media queries for it, so
the plan is the same on every screen):

- `essential` columns come first, always, in their order: the row's name and
  its status words. Together they fit a phone (`PHONE_GRID_PX`), so that on a
  390 px screen every row shows its name with its status beside it.
- Then the other columns in the table's own order, and together with the
  essential ones they fit a laptop with the sidebar open (`LAPTOP_GRID_PX`).
- `extra` columns (detail a reader seldom needs at a glance: ids, owners,
  long notes, a second deviation) are shown only with «Vis alle kolonner».
- `wrap` columns hold long text (notes, comments, titles): the rows grow
  taller so that the text wraps instead of being cut.

Every column a table shows by default has a width (by its kind, or in
`widths`), so whether it fits is known here (`planned_width`) and checked by
tests (tests/test_table_fit.py) and in the browser.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping

# The width (px) of st.dataframe's drawing area with width="stretch": at a
# 390 px wide phone (the page's padding around it) and at a 1400 px wide
# screen with the sidebar open (measured in Chromium, tests/test_table_fit.py).
PHONE_GRID_PX = 356
LAPTOP_GRID_PX = 938

# Widths (px) by kind of column: room for the header and the usual values in
# 14 px Source Sans (a header wider than its column is cut with "…").
STATUS_PX = 80  # "Grønn" on its tint; headers up to "Fremdrift"
DATE_PX = 90  # 31.12.2026
COUNT_PX = 80
LINK_PX = 100  # "Åpne tiltaket"
WIDE_PX = 200  # names and titles
MEDIUM_PX = 160
WRAP_PX = 200  # notes and comments (they wrap onto three lines)
# Widths tables give in `widths`, for headers and values longer than their kind's
OVERALL_STATUS_PX = 105  # "Samlet status"
PHASE_PX = 100  # "Gjennomføre"
MONEY_PX = 105  # "12 345 678 kr"
DEVIATION_PX = 140  # "Avvik prognose (kr)"
SHARE_PX = 135  # "Avvik prognose (%)"
ASSESSMENT_PX = 140  # "Innenfor budsjett" on its tint
DAYS_PX = 120  # "Dager forsinket"
TIME_PX = 140  # "16.11.2026 kl. 14.00"
PROGRESS_PX = 140  # a bar with "100 %" beside it


@dataclasses.dataclass(frozen=True)
class Columns:
    statuses: tuple[str, ...] = ()  # the status word on its tint
    dates: tuple[str, ...] = ()  # dd.mm.åååå
    counts: tuple[str, ...] = ()  # numbers with the browser's grouping
    progress: tuple[str, ...] = ()  # per cent 0–100 as a bar with the number beside it (never the bar alone)
    links: Mapping[str, str] = dataclasses.field(default_factory=dict)  # column -> link text
    tinted: Mapping[str, Mapping[str, str]] = dataclasses.field(default_factory=dict)  # column -> word -> tint
    wide: tuple[str, ...] = ()  # wide text columns
    medium: tuple[str, ...] = ()  # medium-width text columns
    pinned: tuple[str, ...] = ()  # kept in view when scrolling sideways
    right: tuple[str, ...] = ()  # right-aligned text (numbers already formatted)
    essential: tuple[str, ...] = ()  # first and always shown; together they fit a phone
    extra: tuple[str, ...] = ()  # shown only with «Vis alle kolonner»
    wrap: tuple[str, ...] = ()  # long text that wraps (the rows grow taller)
    widths: Mapping[str, int] = dataclasses.field(default_factory=dict)  # column -> width in px

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

    def width(self, name: str) -> int | None:
        """The column's width in px (None: Streamlit sizes it by its content)."""
        if name in self.widths:
            return self.widths[name]
        if name in self.wrap:
            return WRAP_PX
        if name in self.wide:
            return WIDE_PX
        if name in self.medium:
            return MEDIUM_PX
        if name in self.statuses:
            return STATUS_PX
        if name in self.links:
            return LINK_PX
        if name in self.dates:
            return DATE_PX
        if name in self.counts:
            return COUNT_PX
        if name in self.progress:
            return PROGRESS_PX
        return None

    def order(self, names: Iterable[str], show_all: bool = False) -> list[str]:
        """The columns to show, in order: the essential ones first, then the
        others in the table's order; `extra` ones only with `show_all`."""
        names = list(names)
        first = [c for c in self.essential if c in names]
        rest = [c for c in names if c not in first and (show_all or c not in self.extra)]
        return first + rest

    def hidden(self, names: Iterable[str]) -> list[str]:
        """The table's columns shown only with «Vis alle kolonner»."""
        return [c for c in names if c in self.extra and c not in self.essential]

    def wraps(self, names: Iterable[str]) -> bool:
        """Whether a shown column holds long text that wraps."""
        return any(c in self.wrap for c in names)

    def planned_width(self, names: Iterable[str]) -> int | None:
        """The width (px) of these columns side by side; None when one of them
        has no planned width."""
        widths = [self.width(c) for c in names]
        return None if any(w is None for w in widths) else sum(widths)
