"""The in-app editor of «Oppdater data»: one initiative's row, budget lines
and milestones in data editors, turned back into whole tables for the import
pipeline (portfolio.web.update previews and commits them).

The editor reads the latest snapshot's tables through the store (not a
display query): the edited rows must be the stored values exactly, so that an
untouched editor means "Ingen endringer".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pandas as pd
import streamlit as st

from portfolio import fmt, texts
from portfolio.ingest import cells
from portfolio.ingest import template as workbook
from portfolio.model import schema
from portfolio.store.snapshots import SnapshotMeta
from portfolio.texts import update as T
from portfolio.web import ui

P = T.PAGE
KEY_EDIT_PICK = "upd_edit_pick"


EDIT_INITIATIVE_COLUMNS = (
    "name", "phase", "last_decision_point", *(f"status_{d}" for d in schema.STATUS_DIMENSIONS),
    "status_summary", "comment_schedule", "comment_budget", "comment_quality", "comment_risk",
    "start_date", "end_date",
)
# The initiative's one row is edited in two tables that fit the page: its
# fields in one row, and its statuses one per row, each beside its comment
# (in one row of 14 columns the comments were hidden far to the right).
EDIT_FIELD_COLUMNS = ("name", "phase", "last_decision_point", "start_date", "end_date")
STATUS_PAIRS = tuple((f"status_{d}", "status_summary" if d == "overall" else f"comment_{d}")
                     for d in schema.STATUS_DIMENSIONS)
DIMENSION, STATUS, COMMENT = "dimension", "status", "comment"  # the status table's columns
STATUS_ROW_PX = 68  # three lines of a comment (text wraps in rows taller than 64 px)
# Widths (px) so that every table fits a laptop screen with the sidebar open
EDIT_WIDTHS = {"name": 220, "phase": 130, "last_decision_point": 140, "start_date": 110, "end_date": 110,
               "year": 60, "funding_source": 220, "budget_nok": 110, "actual_nok": 110, "forecast_nok": 110,
               "note": 220, "title": 240, "kind": 140, "due_date": 110, "completed_date": 110}
EDIT_BUDGET_COLUMNS = ("year", "funding_source", "budget_nok", "actual_nok", "forecast_nok", "note")
EDIT_MILESTONE_COLUMNS = ("title", "kind", "due_date", "completed_date", "note")
LOCKED = {"name", "year", "funding_source", "title", "kind"}  # shown, not edited here


@st.cache_resource(max_entries=4, show_spinner=False)
def _stored_frames(root: str, snapshot_id: str) -> dict[str, pd.DataFrame]:
    return ui.store(root).read_frames(snapshot_id)


def latest_frames(root: str, snapshot_id: str) -> dict[str, pd.DataFrame]:
    """A snapshot's tables as stored (snapshots never change: read once per
    server and id). Each caller gets copy-on-write views (pandas 3), so a
    change to them never reaches the cached tables."""
    return {name: frame.copy(deep=False) for name, frame in _stored_frames(root, snapshot_id).items()}


@st.cache_resource(max_entries=4, show_spinner=False)
def _initiative_options(root: str, snapshot_id: str) -> dict[str, str]:
    initiatives = _stored_frames(root, snapshot_id)["initiatives"]
    initiatives = initiatives.sort_values("name", key=lambda s: s.str.casefold())
    return dict(zip(initiatives["initiative_id"], initiatives["name"], strict=False))


def initiative_options(root: str, snapshot_id: str) -> dict[str, str]:
    """Initiatives to pick from, by name (computed once per snapshot)."""
    return dict(_initiative_options(root, snapshot_id))


def column_config(table: str, columns) -> dict:
    labels = texts.COLUMN_LABELS[table]
    out = {}
    for name in columns:
        column = schema.TABLES[table].column(name)
        label = labels[name]
        disabled = name in LOCKED
        if column.allowed and not column.is_list:
            out[name] = st.column_config.SelectboxColumn(
                label, options=list(column.allowed), required=column.required, disabled=disabled,
                format_func=_labels(column.allowed))
        elif column.type_name == "date":
            out[name] = st.column_config.DateColumn(
                label, format="DD.MM.YYYY", required=column.required, disabled=disabled,
                min_value=dt.date(2000, 1, 1), max_value=dt.date(2100, 12, 31))
        elif column.type_name == "int":
            if name == "year":
                out[name] = st.column_config.NumberColumn(label, format="%d", disabled=True)
            else:
                out[name] = st.column_config.NumberColumn(
                    label, min_value=0, step=1, format="localized", required=column.required,
                    disabled=disabled)
        else:
            out[name] = st.column_config.TextColumn(label, required=column.required, disabled=disabled,
                                                    max_chars=10_000)
        if name in EDIT_WIDTHS:
            out[name]["width"] = EDIT_WIDTHS[name]
    return out


def _labels(allowed) -> Callable[[str], str] | None:
    """How a column's fixed values are shown: statuses and milestone kinds by
    their Norwegian labels (the stored values stay as they are)."""
    if allowed == schema.STATUSES:
        return texts.STATUS_LABELS.get
    if allowed == schema.MILESTONE_KINDS:
        return lambda kind: texts.MILESTONE_KIND_LABELS.get(kind, kind)
    return None


def status_rows(initiative_row: pd.DataFrame) -> pd.DataFrame:
    """The initiative's statuses, one per row, each with its comment."""
    first = initiative_row.iloc[0]
    return pd.DataFrame({
        DIMENSION: [texts.COLUMN_LABELS["initiatives"][status] for status, _ in STATUS_PAIRS],
        STATUS: [first[status] for status, _ in STATUS_PAIRS],
        COMMENT: [first[comment] for _, comment in STATUS_PAIRS],
    })


def initiative_row(fields: pd.DataFrame, statuses: pd.DataFrame) -> pd.DataFrame:
    """The initiative's row again from its two tables: the fields' row with
    each status and comment put back in its column."""
    row = fields.reset_index(drop=True).copy()
    for (status, comment), value, text in zip(STATUS_PAIRS, statuses[STATUS], statuses[COMMENT], strict=True):
        row[status] = [value]
        row[comment] = [text]
    return row[[c for c in EDIT_INITIATIVE_COLUMNS if c in row.columns]]


def status_editor(rows: dict[str, pd.DataFrame], title: str, key: str) -> pd.DataFrame:
    """The initiative's statuses and comments in a data editor, one status
    per row (comments wrap), under its title; the edited rows."""
    st.markdown(f"**{fmt.literal(title)}**")
    comment = schema.TABLES["initiatives"].column("status_summary")
    return st.data_editor(
        status_rows(rows["initiatives"]), hide_index=True, width="stretch", placeholder="–", key=key,
        row_height=STATUS_ROW_PX,
        column_config={
            DIMENSION: st.column_config.TextColumn(P["edit_col_dimension"], disabled=True, width=120),
            STATUS: st.column_config.SelectboxColumn(
                P["edit_col_status"], options=list(schema.STATUSES), required=True, width=130,
                format_func=texts.STATUS_LABELS.get),
            COMMENT: st.column_config.TextColumn(P["edit_col_comment"], required=comment.required, width=600,
                                                 max_chars=10_000),
        },
    )


def edit_choice(options: dict[str, str]) -> None:
    """Initialise the initiative picker from the URL (`?initiative=<id>`)."""
    current = st.session_state.get(KEY_EDIT_PICK)
    if current in options:
        return
    wanted = st.query_params.get(ui.URL_INITIATIVE)
    st.session_state[KEY_EDIT_PICK] = wanted if wanted in options else next(iter(options))


def table_editor(rows: dict[str, pd.DataFrame], table: str, title: str, key: str) -> pd.DataFrame:
    """One table's rows of the chosen initiative in a data editor, under its
    title; the edited rows (or the empty frame, with a note, when there are none)."""
    st.markdown(f"**{fmt.literal(title)}**")
    frame = rows[table]
    if table == "initiatives":
        frame = frame[list(EDIT_FIELD_COLUMNS)]  # its statuses and comments: status_editor
    if table != "initiatives" and not len(frame):
        st.caption(P["edit_none"])
        return frame
    return st.data_editor(
        frame, hide_index=True, width="stretch", placeholder="–", key=key,
        column_config=column_config(table, frame.columns),
    )


def edit_rows(frames: dict[str, pd.DataFrame], initiative_id: str) -> dict[str, pd.DataFrame]:
    """One initiative's rows in the columns the editor shows, in stored order."""
    def rows(table: str, columns) -> pd.DataFrame:
        frame = frames[table]
        return frame.loc[frame["initiative_id"] == initiative_id, list(columns)].reset_index(drop=True)

    return {
        "initiatives": rows("initiatives", EDIT_INITIATIVE_COLUMNS),
        "budgets": rows("budgets", EDIT_BUDGET_COLUMNS),
        "milestones": rows("milestones", EDIT_MILESTONE_COLUMNS),
    }


def edited_frames(frames: dict[str, pd.DataFrame], initiative_id: str, initiative_row: pd.DataFrame,
                  budget_rows: pd.DataFrame, milestone_rows: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """The whole tables with one initiative's edited rows put back in place."""
    out = {name: frame.copy() for name, frame in frames.items()}

    def put(table: str, mask: pd.Series, edited: pd.DataFrame, columns) -> None:
        target = out[table]
        index = target.index[mask]
        for column in columns:
            if column in LOCKED:
                continue
            values = list(edited[column]) if column in edited else []
            if len(values) != len(index):
                continue
            if target[column].dtype != object:
                target[column] = target[column].astype(object)
            kind = schema.TABLES[table].column(column).type_name
            for i, value in zip(index, values, strict=False):
                target.at[i, column] = _cell(value, kind)

    put("initiatives", out["initiatives"]["initiative_id"] == initiative_id, initiative_row,
        EDIT_INITIATIVE_COLUMNS)
    put("budgets", out["budgets"]["initiative_id"] == initiative_id, budget_rows, EDIT_BUDGET_COLUMNS)
    put("milestones", out["milestones"]["initiative_id"] == initiative_id, milestone_rows,
        EDIT_MILESTONE_COLUMNS)
    return out


def _cell(value, kind: str = "string"):
    """An editor value as a plain stored value of the column's kind (the editor
    may hand back dates as ISO text or timestamps, whole numbers as floats)."""
    if value is None or value is pd.NaT:
        return None
    if hasattr(value, "item") and not isinstance(value, (str, bytes, pd.Timestamp)):
        value = value.item()
    if isinstance(value, float) and value != value:
        return None
    if kind == "date":
        if isinstance(value, str) and not value.strip():
            return None
        parsed = cells.parse_date(value.to_pydatetime() if isinstance(value, pd.Timestamp) else value)
        return parsed if parsed is not None else value  # validation names what is wrong
    if kind == "int" and isinstance(value, float) and value.is_integer():
        return int(value)
    return value




def template(root: str, meta: SnapshotMeta) -> bytes:
    """The Excel template of a snapshot (made when the download is pressed)."""
    return workbook.template(latest_frames(root, meta.snapshot_id), meta)


def template_name(meta: SnapshotMeta) -> str:
    return workbook.file_name(meta)
