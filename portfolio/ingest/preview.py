"""A prepared update in words, for the preview on the page and the command
line: where each table comes from, the base, how many changes of each kind,
and the changes as a table with Norwegian headers."""

from __future__ import annotations

from typing import Any, Protocol

import pandas as pd

from portfolio import fmt, texts
from portfolio.ingest.pipeline import Prepared
from portfolio.model import diff, schema
from portfolio.texts import changes as C
from portfolio.texts import update as T


class ChangeWords(Protocol):
    """How a changed field and value are put in words: the presentation
    layer's change_words module, which the web page passes in."""

    def field_label(self, table: str, field: str) -> str: ...

    def format_value(self, field: str, value: Any) -> str: ...


def sources_text(prepared: Prepared) -> list[str]:
    """One line per table: how many rows, from where."""
    counts = prepared.row_counts()
    lines = []
    for name in schema.TABLE_NAMES:
        source = prepared.sources.get(name)
        if source is None:
            continue
        lines.append(T.VALID_TABLES.format(
            table=texts.TABLE_LABELS[name], rows=fmt.number(counts.get(name, 0)), source=source.label()))
    return lines


def base_line(prepared: Prepared) -> str:
    base = prepared.base
    if base is None:
        return T.BASE_NONE
    return T.BASE_LINE.format(snapshot_id=base.snapshot_id, date=fmt.date(base.created),
                              author=base.author, note=base.note)


def change_count(count: int) -> str:
    return T.CHANGE_COUNT["one"] if count == 1 else T.CHANGE_COUNT["many"].format(count=fmt.number(count))


def summary_lines(changes: list) -> list[str]:
    """«Statusendring: 3», one line per kind of change (portfolio.model.diff.summary)."""
    return [f"{C.KIND_LABELS.get(kind, kind)}: {fmt.number(count)}" for kind, count in diff.summary(changes).items()]


def change_table(changes: list, old: dict[str, pd.DataFrame], new: dict[str, pd.DataFrame],
                 words: ChangeWords, limit: int | None = None) -> pd.DataFrame:
    """The changes as a table with Norwegian headers: initiative, kind, what,
    field, before, after. At most `limit` rows (the first in diff's order).
    `words` labels fields and formats values (see ChangeWords: ingest does
    not import the presentation layer)."""
    names: dict[str, str] = {}
    titles: dict[str, str] = {}
    for frames in (old, new):
        if "initiatives" in frames:
            names.update(zip(frames["initiatives"]["initiative_id"], frames["initiatives"]["name"], strict=True))
        if "milestones" in frames:
            titles.update(zip(frames["milestones"]["milestone_id"], frames["milestones"]["title"], strict=True))
    shown = changes if limit is None else changes[:limit]
    p = T.PAGE
    rows = []
    for c in shown:
        if c.table == "milestones":
            what = C.WHAT["milestones"].format(title=titles.get(c.milestone_id, c.milestone_id))
        elif c.table == "budgets":
            what = C.WHAT["budgets"].format(year=c.year, source=c.funding_source)
        else:
            what = C.WHAT["initiatives"]
        rows.append({
            p["col_initiative"]: names.get(c.initiative_id, c.initiative_id),
            p["col_kind"]: C.KIND_LABELS.get(c.kind, c.kind),
            p["col_detail"]: what,
            p["col_field"]: words.field_label(c.table, c.field),
            p["col_old"]: words.format_value(c.field, c.old),
            p["col_new"]: words.format_value(c.field, c.new),
        })
    columns = [p[k] for k in ("col_initiative", "col_kind", "col_detail", "col_field", "col_old", "col_new")]
    return pd.DataFrame(rows, columns=columns)
