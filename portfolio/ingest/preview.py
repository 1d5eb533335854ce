"""A prepared update in words, for the preview on the page and the command
line: where each table comes from, the base, how many changes of each kind,."""

from __future__ import annotations

from portfolio import fmt, texts
from portfolio.ingest.pipeline import Prepared
from portfolio.model import diff, schema
from portfolio.texts import changes as C
from portfolio.texts import update as T


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


