"""The in-app editor of «Oppdater data»: one initiative's row, budget lines,
milestones and governance register (decisions, checklist answers, risks,
benefits and their measurements) in data editors, turned back into whole
tables for the import pipeline (portfolio.web.update previews and commits
them). Which rows and columns the register's editors show, and how their rows
go back, is portfolio.present.editor_tables (no Streamlit).

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
from portfolio.ingest import template as workbook
from portfolio.model import schema
from portfolio.present import editor_tables as tables
from portfolio.present.editor_tables import cell_value as _cell
from portfolio.store.snapshots import SnapshotMeta
from portfolio.texts import checklists
from portfolio.texts import editor as E
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
               "note": 220, "title": 240, "kind": 140, "due_date": 110, "completed_date": 110,
               # the governance register
               "decision_id": 170, "risk_id": 170, "decided_on": 110, "body": 130, "decision_point": 130,
               "text": 320, "case_number": 110, "is_public": 80, "probability": 150, "consequence": 150,
               tables.SCORE: 140, "status": 140, "strategy": 120, "owner": 160, "category": 130,
               "description": 260, "mitigation": 260, "identified_on": 110, "review_by": 110,
               "residual_probability": 230, "residual_consequence": 230, "indicator": 200, "unit": 90,
               "baseline": 100, "baseline_on": 110, "target": 100, "target_on": 110, "measured_on": 110,
               "value": 100, "comment": 300}
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


def column_config(table: str, columns, locked=LOCKED) -> dict:
    labels = texts.COLUMN_LABELS[table]
    out = {}
    for name in columns:
        if name == tables.SCORE:  # the risk score: computed, shown, never stored
            out[name] = st.column_config.NumberColumn(E.SCORE, disabled=True, help=E.SCORE_HELP, format="%d",
                                                      width=EDIT_WIDTHS[name])
            continue
        column = schema.TABLES[table].column(name)
        label = labels[name]
        disabled = name in locked
        if disabled and schema.is_slug_key(schema.TABLES[table], column) and table in tables.EDIT_TABLES:
            out[name] = st.column_config.TextColumn(label, disabled=True, help=E.ID_HELP)
        elif column.allowed and not column.is_list:
            out[name] = st.column_config.SelectboxColumn(
                label, options=list(column.allowed), required=column.required, disabled=disabled,
                format_func=_labels(column.allowed))
        elif column.type_name == "date":
            out[name] = st.column_config.DateColumn(
                label, format="DD.MM.YYYY", required=column.required, disabled=disabled,
                min_value=dt.date(2000, 1, 1), max_value=dt.date(2100, 12, 31))
        elif column.type_name == "bool":
            out[name] = st.column_config.CheckboxColumn(label, disabled=disabled)
        elif column.type_name == "float":
            out[name] = st.column_config.NumberColumn(label, format="localized", required=column.required,
                                                      disabled=disabled)
        elif column.type_name == "int":
            if name == "year":
                out[name] = st.column_config.NumberColumn(label, format="%d", disabled=True)
            elif column.minimum is not None or column.maximum is not None:  # e.g. probability 1–5
                out[name] = st.column_config.NumberColumn(
                    label, min_value=column.minimum, max_value=column.maximum, step=1, format="%d",
                    required=column.required, disabled=disabled)
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
        # text, also when every comment is empty (a column of NaN is float, which a text column refuses)
        COMMENT: pd.Series([None if pd.isna(first[comment]) else first[comment] for _, comment in STATUS_PAIRS],
                           dtype=object),
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
                  budget_rows: pd.DataFrame, milestone_rows: pd.DataFrame,
                  register: dict[str, pd.DataFrame] | None = None,
                  answers: dict[str, pd.DataFrame] | None = None) -> dict[str, pd.DataFrame]:
    """The whole tables with one initiative's edited rows put back in place
    (`register`: the governance editors' rows by table; `answers`: the
    checklist editors' rows by decision point)."""
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
    tables.put_back_all(out, frames, initiative_id, register or {}, answers or {})
    return out


# -- the governance register -------------------------------------------------------------

def governance_editors(frames: dict[str, pd.DataFrame], initiative_id: str,
                       key: str) -> tuple[dict[str, pd.DataFrame], dict[str, pd.DataFrame]]:
    """The initiative's decisions, checklists, risks and benefits with their
    measurements, each in an expander with its row count; the edited rows by
    table, and the checklists' rows by decision point."""
    st.subheader(E.SECTION)
    st.caption(E.SECTION_INTRO)
    counts = tables.counts(frames, initiative_id)

    def section(table: str):
        return st.expander(E.EXPANDER.format(table=texts.TABLE_LABELS[table], count=fmt.number(counts[table])))

    register: dict[str, pd.DataFrame] = {}
    with section("decisions"):
        st.caption(E.DECISIONS_HELP)
        register["decisions"] = register_editor(frames, tables.DECISIONS, initiative_id, f"ed_d_{key}")
    with section("checklist_answers"):
        answers = checklist_editors(frames, initiative_id, key)
    with section("risks"):
        st.caption(E.RISKS_HELP)
        register["risks"] = register_editor(frames, tables.RISKS, initiative_id, f"ed_r_{key}")
        score_note(tables.rows_of(frames, tables.RISKS, initiative_id), register["risks"])
    with section("benefits"):
        st.caption(E.BENEFITS_HELP)
        register["benefits"] = register_editor(frames, tables.BENEFITS, initiative_id, f"ed_g_{key}")
        st.markdown(f"**{fmt.literal(E.MEASUREMENTS_TITLE)}**")
        st.caption(E.MEASUREMENTS_HELP)
        register["benefit_measurements"] = measurement_editor(frames, initiative_id, f"ed_gm_{key}")
    return register, answers


def register_editor(frames: dict[str, pd.DataFrame], spec: tables.EditTable, initiative_id: str,
                    key: str, config: dict | None = None) -> pd.DataFrame:
    """One governance table's rows of the initiative in a data editor where
    rows may be added and deleted; the edited rows."""
    rows = tables.rows_of(frames, spec, initiative_id)
    return st.data_editor(
        rows, hide_index=True, width="stretch", placeholder="–", key=key, num_rows="dynamic",
        column_config=config or column_config(spec.table, rows.columns, locked=spec.locked),
    )


def measurement_editor(frames: dict[str, pd.DataFrame], initiative_id: str, key: str) -> pd.DataFrame:
    """The measurements of the initiative's saved benefits (the benefit picked
    from a drop-down of their titles); the edited rows."""
    titles = tables.benefit_titles(frames, initiative_id)
    if not titles:
        st.caption(E.MEASUREMENTS_NO_BENEFIT)
        return tables.rows_of(frames, tables.MEASUREMENTS, initiative_id)
    spec = tables.MEASUREMENTS
    config = column_config(spec.table, spec.columns, locked=spec.locked)
    config["benefit_id"] = st.column_config.SelectboxColumn(
        texts.COLUMN_LABELS["benefits"]["title"], options=list(titles), required=True, help=E.BENEFIT_HELP,
        format_func=lambda benefit: titles.get(benefit, benefit), width=240)
    return register_editor(frames, spec, initiative_id, key, config=config)


def checklist_editors(frames: dict[str, pd.DataFrame], initiative_id: str, key: str) -> dict[str, pd.DataFrame]:
    """A tab per decision point with the checklist's questions and the
    initiative's answers (only answers and comments are typed); the edited
    rows by decision point. Every tab is drawn, so nothing typed is lost
    when another tab is opened."""
    st.caption(E.CHECKLIST_HELP)
    labels = texts.COLUMN_LABELS[tables.CHECKLIST_TABLE]
    config = {
        tables.ITEM: st.column_config.NumberColumn(labels["item_no"], disabled=True, format="%d", width=60),
        tables.QUESTION: st.column_config.TextColumn(labels["question"], disabled=True, width=460),
        tables.ANSWER: st.column_config.TextColumn(labels["answer"], help=E.ANSWER_HELP, width=180,
                                                   max_chars=10_000),
        tables.COMMENT: st.column_config.TextColumn(labels["comment"], width=300, max_chars=10_000),
    }
    out = {}
    for decision_point, tab in zip(schema.DECISION_POINTS, st.tabs([fmt.literal(p) for p in schema.DECISION_POINTS]), strict=True):
        with tab:
            st.caption(fmt.literal(checklists.TITLES[decision_point] + ". "
                                   + E.CHECKLIST_SOURCE.format(source=checklists.SOURCES[decision_point])))
            out[decision_point] = st.data_editor(
                tables.checklist_rows(frames, initiative_id, decision_point), hide_index=True, width="stretch",
                placeholder="–", key=f"ed_c_{decision_point}_{key}", row_height=STATUS_ROW_PX, height="content",
                column_config=config)
    return out


def score_note(before: pd.DataFrame, after: pd.DataFrame) -> None:
    """The risk scores the edits change or add, in words under the editor."""
    lines = tables.score_lines(before, after)
    if not lines:
        return
    words = [
        fmt.markdown(E.SCORE_LINE, title=line["title"], probability=line["probability"],
                     consequence=line["consequence"], score=fmt.number(line["score"]))
        if line["score"] is not None else fmt.markdown(E.SCORE_LINE_UNKNOWN, title=line["title"])
        for line in lines
    ]
    st.caption(fmt.markdown(E.SCORES_CHANGED, scores=fmt.join(E.SCORE_SEPARATOR, words)))


def template(root: str, meta: SnapshotMeta) -> bytes:
    """The Excel template of a snapshot (made when the download is pressed)."""
    return workbook.template(latest_frames(root, meta.snapshot_id), meta)


def template_name(meta: SnapshotMeta) -> str:
    return workbook.file_name(meta)
