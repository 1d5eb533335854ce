"""The public projection: what citizens and politicians may see, public by
construction.

Public rows: initiatives with ``is_public``; budget rows of public
initiatives; milestones with ``is_public`` of public initiatives. Public
columns: those declared ``public=True`` in portfolio/schema.py (the one
declaration). A public initiative's reference to a programme that is not
public is dropped, so not even the id of an internal initiative is shown.

Snapshot files are read with an explicit column list built from the schema
(``pyarrow.parquet.read_table(columns=...)``): the public columns and the
``is_public`` row flag, nothing else. Internal columns (comments, statuses,
forecasts, notes, project leaders) are never read into memory, so nothing
built on this module can show them. The public pages get their data only
from here; `export()` writes the same projection for publishing
(``python -m portfolio export-public``), and `load()` reads either the
latest snapshot's projection or such an exported folder
(``PORTFOLIO_PUBLIC_DATA``).

This module also turns the projection into what the public page shows
(`cards()`), so that the page only draws.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import json
import re
from collections.abc import Mapping
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from portfolio import config, fmt

from portfolio.model import schema
from portfolio.store.snapshots import Store
from portfolio.texts import public as T

ROW_FLAG = "is_public"  # read to choose rows, never returned
META_FILE = "_public.json"
PAGE_SIZE = 25  # initiatives shown at once on the public page
DONE_SHOWN = 5  # completed milestones listed per initiative (the rest are counted)
MEMO_SIZE = 256  # searches whose cards are kept with the data
NEXT_SHOWN = 3  # upcoming milestones listed per initiative
ENTRY_POINT = config.PROJECT_ROOT / "public.py"  # `streamlit run public.py`


class PublicDataMissing(FileNotFoundError):
    """The exported folder does not hold a public projection."""


def serving_public_app() -> bool:
    """True while a script runs in the public app's process (`streamlit run
    public.py`). Pages shared with the internal app then show public data
    only, and the internal pages refuse to draw (ui.snapshot_context), should
    one ever be run there (AppTest can switch to any file; the page files live
    in views/, not pages/, so Streamlit never serves them outside st.navigation)."""
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    ctx = get_script_run_ctx(suppress_warning=True)
    return ctx is not None and Path(ctx.main_script_path).resolve() == ENTRY_POINT


def refuse_internal_page() -> None:
    """Stop an internal page that is asked to run in the public app's process
    (called by ui.snapshot_context, which every internal page goes through)."""
    if serving_public_app():
        import streamlit as st

        st.error(T.NOT_IN_PUBLIC_APP)
        st.stop()


# -- the projection --------------------------------------------------------

def public_columns(table: str) -> list[str]:
    """The public columns of a table, in schema order."""
    return schema.TABLES[table].public_columns


def read_columns(table: str) -> list[str]:
    """The columns read from a snapshot file: the public ones, plus the row
    flag where the table has one (it chooses rows and is dropped at once)."""
    columns = public_columns(table)
    if ROW_FLAG in schema.TABLES[table].column_names:
        columns = columns + [ROW_FLAG]
    return columns


def public_schema(table: str) -> pa.Schema:
    declared = schema.TABLES[table].arrow_schema
    return pa.schema([declared.field(name) for name in public_columns(table)])


def _read(path: Path, table: str, columns: list[str]) -> pa.Table:
    return pq.read_table(path, columns=columns, partitioning=None)


def project(paths: Mapping[str, Path]) -> dict[str, pa.Table]:
    """The public projection of one snapshot, given its three Parquet files."""
    initiatives = _read(paths["initiatives"], "initiatives", read_columns("initiatives"))
    initiatives = initiatives.filter(pc.fill_null(initiatives[ROW_FLAG], False))
    ids = initiatives["initiative_id"].combine_chunks()
    parent = initiatives["parent_id"]
    known_parent = pc.is_in(parent, value_set=ids)
    initiatives = initiatives.set_column(
        initiatives.schema.get_field_index("parent_id"), "parent_id",
        pc.if_else(known_parent, parent, pa.scalar(None, pa.string())),
    )

    budgets = _read(paths["budgets"], "budgets", read_columns("budgets"))
    budgets = budgets.filter(pc.is_in(budgets["initiative_id"], value_set=ids))

    milestones = _read(paths["milestones"], "milestones", read_columns("milestones"))
    milestones = milestones.filter(
        pc.and_(pc.fill_null(milestones[ROW_FLAG], False),
                pc.is_in(milestones["initiative_id"], value_set=ids))
    )
    tables = {"initiatives": initiatives, "budgets": budgets, "milestones": milestones}
    return {
        name: table.select(public_columns(name)).cast(public_schema(name)).combine_chunks()
        for name, table in tables.items()
    }


def snapshot_paths(store: Store, snapshot_id: str) -> dict[str, Path]:
    return {name: store.path(snapshot_id, name) for name in schema.TABLE_NAMES}


@dataclasses.dataclass(frozen=True)
class Source:
    """Where the public data comes from: which snapshot, and when it was made."""

    snapshot_id: str
    created: dt.datetime
    is_demo: bool

    def to_json(self) -> dict:
        return {
            "snapshot_id": self.snapshot_id,
            "created_at": self.created.isoformat(timespec="milliseconds"),
            "is_demo": self.is_demo,
        }


@dataclasses.dataclass(frozen=True)
class PublicData:
    source: Source
    initiatives: pd.DataFrame
    budgets: pd.DataFrame
    milestones: pd.DataFrame
    # cards already built, per search and phase (see `cards`)
    memo: dict = dataclasses.field(default_factory=dict, compare=False, repr=False)

    @property
    def tables(self) -> dict[str, pd.DataFrame]:
        return {"initiatives": self.initiatives, "budgets": self.budgets, "milestones": self.milestones}


def _frames(tables: Mapping[str, pa.Table]) -> dict[str, pd.DataFrame]:
    return {name: tables[name].to_pandas() for name in schema.TABLE_NAMES}


@functools.lru_cache(maxsize=8)
def _snapshot_data(root: str, snapshot_id: str) -> PublicData:
    # Snapshots are immutable: the projection of one never changes.
    store = Store(root)
    meta = store.get(snapshot_id)
    frames = _frames(project(snapshot_paths(store, snapshot_id)))
    return PublicData(Source(meta.snapshot_id, meta.created, meta.is_demo), **frames)


def snapshot_data(store: Store, snapshot_id: str) -> PublicData:
    """The public projection of one snapshot (cached: snapshots never change)."""
    return _snapshot_data(str(store.root), snapshot_id)


def latest_data(root: Path) -> PublicData | None:
    """The public projection of the latest snapshot under `root`, if any."""
    store = Store(root)
    meta = store.latest()
    return snapshot_data(store, meta.snapshot_id) if meta else None


# -- export ------------------------------------------------------------------

def export(store: Store, snapshot_id: str, out_dir: Path) -> dict[str, int]:
    """Write a snapshot's public projection to `out_dir`: per table a Parquet
    file (uncompressed, so that anyone can check what it holds) and a CSV
    file as Norwegian Excel opens it, and `_public.json` saying which
    snapshot it is. Returns the row count per table."""
    from portfolio.store import export as files

    meta = store.get(snapshot_id)
    tables = project(snapshot_paths(store, snapshot_id))
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    for name, table in tables.items():
        pq.write_table(table, out_dir / f"{name}.parquet", compression="none")
        (out_dir / f"{name}.csv").write_bytes(files.to_csv(table.to_pandas()))
    counts = {name: table.num_rows for name, table in tables.items()}
    source = Source(meta.snapshot_id, meta.created, meta.is_demo)
    info = {
        **source.to_json(),
        "row_counts": counts,
        "columns": {name: public_columns(name) for name in schema.TABLE_NAMES},
    }
    (out_dir / META_FILE).write_text(json.dumps(info, ensure_ascii=False, indent=2) + "\n")
    return counts


@functools.lru_cache(maxsize=4)
def _export_data(folder: str, stamp: tuple) -> PublicData:
    path = Path(folder)
    info = json.loads((path / META_FILE).read_text())
    tables = {
        name: _read(path / f"{name}.parquet", name, public_columns(name)).cast(public_schema(name))
        for name in schema.TABLE_NAMES
    }
    source = Source(info["snapshot_id"], dt.datetime.fromisoformat(info["created_at"]), bool(info["is_demo"]))
    return PublicData(source, **_frames(tables))


def export_data(folder: Path) -> PublicData:
    """An exported public projection (the folder `export()` wrote)."""
    folder = Path(folder)
    files = [folder / META_FILE] + [folder / f"{name}.parquet" for name in schema.TABLE_NAMES]
    try:
        stamp = tuple(f.stat().st_mtime_ns for f in files)
    except FileNotFoundError as missing:
        raise PublicDataMissing(str(folder)) from missing
    return _export_data(str(folder), stamp)


def load() -> PublicData | None:
    """What the public pages show: the exported projection in
    PORTFOLIO_PUBLIC_DATA when set, else the latest snapshot's projection
    (None when there is no snapshot). Raises PublicDataMissing when
    PORTFOLIO_PUBLIC_DATA names a folder without an export."""
    folder = config.public_data_dir()
    if folder is not None:
        return export_data(folder)
    return latest_data(config.data_dir())


# -- what the public page shows ----------------------------------------------

@dataclasses.dataclass(frozen=True)
class Milestone:
    date: dt.date
    title: str


@dataclasses.dataclass(frozen=True)
class Card:
    """One initiative as the public page shows it; texts in plain language."""

    initiative_id: str
    name: str
    label: str
    summary: str
    phase: str
    phase_position: str
    phase_explanation: str
    facts: list[str]
    url: str | None
    done: list[Milestone]
    done_more: int
    upcoming: list[Milestone]
    money: pd.DataFrame  # year, budget_nok, actual_nok; one row per year
    funding_sources: list[str]

    @property
    def key(self) -> str:
        """The widget key of the card's expander."""
        return f"card_{self.initiative_id}"

    @functools.cached_property
    def money_table(self) -> pd.DataFrame:
        """The budget per year as text, newest year first (for st.table)."""
        return pd.DataFrame({
            T.MONEY_YEAR: self.money["year"].astype(int).astype(str),
            T.MONEY_BUDGET: self.money["budget_nok"].map(fmt.kr),
            T.MONEY_SPENT: self.money["actual_nok"].map(fmt.kr),
        })


def plain(text: str) -> str:
    """Internal abbreviations in a text from the data written out in words:
    "BP1: Mandat … i KDL" -> "Beslutningspunkt 1: Mandat … i kommunedirektørens ledergruppe"."""
    def decision_point(match: re.Match) -> str:
        words = T.DECISION_POINT_WORDS.format(number=match.group(1))
        return words[0].upper() + words[1:] if match.start() == 0 else words

    text = re.sub(r"\bBP\s?([1-5])\b", decision_point, text)
    for short, words in T.ABBREVIATIONS.items():
        text = re.sub(rf"\b{re.escape(short)}\b", words, text)
    return text


def word_list(items) -> str:
    """["a", "b", "c"] -> "a, b og c"."""
    items = [str(i) for i in items]
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {T.AND} {items[-1]}"


def phase_position(phase: str) -> str:
    return T.PHASE_POSITION.format(
        number=schema.PHASES.index(phase) + 1, count=len(schema.PHASES), phase=phase
    )


def phase_path() -> str:
    return T.PHASE_PATH.format(phases=T.PHASE_PATH_SEPARATOR.join(schema.PHASES))


def _search_key(frame: pd.DataFrame) -> pd.Series:
    text = frame["name"].fillna("") + " " + frame["public_summary"].fillna("")
    return text.str.casefold()


def matching(data: PublicData, search: str = "", phase: str | None = None) -> pd.DataFrame:
    """The public initiatives that match the search words and phase:
    programmes first (those with most initiatives under them), then by name."""
    frame = data.initiatives
    if phase:
        frame = frame[frame["phase"] == phase]
    for word in search.casefold().split():
        frame = frame[_search_key(frame).str.contains(word, regex=False)]
    children = data.initiatives["parent_id"].value_counts()
    order = frame.assign(
        _children=frame["initiative_id"].map(children).fillna(0),
        _name=frame["name"].str.casefold(),
    ).sort_values(["_children", "_name"], ascending=[False, True])
    return order.drop(columns=["_children", "_name"])


def _list(value) -> list[str]:
    if value is None or (not hasattr(value, "__len__") and pd.isna(value)):
        return []
    return [str(v) for v in value]


def _date(value) -> dt.date | None:
    if value is None or pd.isna(value):
        return None
    return value.date() if isinstance(value, (pd.Timestamp, dt.datetime)) else value


def card(data: PublicData, row: pd.Series, names: Mapping[str, str]) -> Card:
    """One initiative as the public page shows it."""
    initiative_id = row["initiative_id"]
    facts = []
    parent = row["parent_id"]
    if isinstance(parent, str) and parent in names:
        facts.append(T.PART_OF.format(name=plain(names[parent])))
    facts.append(T.AREA.format(area=row["owner_area"]))
    facts.append(T.OWNER.format(owner=row["project_owner"]))
    start, end = _date(row["start_date"]), _date(row["end_date"])
    if end:
        facts.append(T.PERIOD.format(start=fmt.date(start), end=fmt.date(end)))
    else:
        facts.append(T.PERIOD_OPEN.format(start=fmt.date(start)))
    groups = _list(row["target_groups"])
    if groups:
        facts.append(T.FOR_WHOM.format(groups=word_list(g[0].lower() + g[1:] for g in groups)))
    focus = _list(row["focus_areas"])
    if focus:
        facts.append(T.ABOUT.format(areas=word_list(T.FOCUS_AREA_WORDS.get(f, f) for f in focus)))
    others = _list(row["collaborating_areas"])
    if others:
        facts.append(T.COLLABORATING.format(areas=word_list(others)))
    partners = _list(row["partners"])
    if partners:
        facts.append(T.PARTNERS.format(partners=word_list(partners)))

    ms = data.milestones[data.milestones["initiative_id"] == initiative_id]
    completed = ms[ms["completed_date"].notna()].sort_values("completed_date", ascending=False)
    open_ = ms[ms["completed_date"].isna()].sort_values("due_date")
    done = [Milestone(_date(d), plain(t)) for d, t in
            completed[["completed_date", "title"]].head(DONE_SHOWN).itertuples(index=False)]
    upcoming = [Milestone(_date(d), plain(t)) for d, t in
                open_[["due_date", "title"]].head(NEXT_SHOWN).itertuples(index=False)]

    rows = data.budgets[data.budgets["initiative_id"] == initiative_id]
    money = (
        rows.groupby("year", as_index=False)[["budget_nok", "actual_nok"]].sum()
        .sort_values("year", ascending=False).reset_index(drop=True)
    )
    summary = row["public_summary"]
    url = row["url"] if isinstance(row["url"], str) and row["url"].startswith(("https://", "http://")) else None
    phase = row["phase"]
    name = plain(row["name"])
    return Card(
        initiative_id=initiative_id,
        name=name,
        label=T.CARD_LABEL.format(name=name, phase=phase),
        summary=plain(summary) if isinstance(summary, str) and summary else T.NO_SUMMARY,
        phase=phase,
        phase_position=phase_position(phase),
        phase_explanation=T.PHASE_EXPLANATIONS[phase],
        facts=facts,
        url=url,
        done=done,
        done_more=max(len(completed) - DONE_SHOWN, 0),
        upcoming=upcoming,
        money=money,
        funding_sources=sorted(plain(source) for source in rows["funding_source"].unique()),
    )


def cards(data: PublicData, search: str = "", phase: str | None = None,
          limit: int = PAGE_SIZE) -> tuple[list[Card], int]:
    """The cards of the matching initiatives (at most `limit`), and how many
    matched. Kept with the data (it never changes) per search and phase, so
    a rerun does not build them again."""
    key = (tuple(search.casefold().split()), phase, limit)
    found = data.memo.get(key)
    if found is None:
        if len(data.memo) >= MEMO_SIZE:
            data.memo.clear()
        found = data.memo[key] = _cards(data, search, phase, limit)
    return found


def _cards(data: PublicData, search: str, phase: str | None, limit: int) -> tuple[list[Card], int]:
    found = matching(data, search, phase)
    names = dict(zip(data.initiatives["initiative_id"], data.initiatives["name"]))
    head = found.head(limit)
    # the shown initiatives' rows, picked once (not once per card from the whole projection)
    ids = head["initiative_id"]
    mine = dataclasses.replace(
        data,
        milestones=data.milestones[data.milestones["initiative_id"].isin(ids)],
        budgets=data.budgets[data.budgets["initiative_id"].isin(ids)],
    )
    shown = [card(mine, row, names) for _, row in head.iterrows()]
    return shown, len(found)


def money_note(c: Card, year: int) -> str:
    return T.MONEY_NOTE.format(year=year) if (c.money["year"] == year).any() else T.MONEY_NOTE_PAST


def programmes(data: PublicData, limit: int = 5) -> tuple[pd.DataFrame, int]:
    """The public programmes (initiatives that public initiatives belong to),
    most initiatives first: name, project owner and how many belong to each;
    at most `limit`, and how many there are."""
    counts = data.initiatives["parent_id"].value_counts()
    found = data.initiatives[data.initiatives["initiative_id"].isin(counts.index)]
    found = found.assign(child_count=found["initiative_id"].map(counts).astype(int))
    found = found.sort_values(["child_count", "name"], ascending=[False, True])
    return found[["name", "project_owner", "child_count"]].head(limit).reset_index(drop=True), len(found)
