"""The in-app editor's collaboration tables on «Oppdater data»: one
initiative's engagements (medvirkning), its collaboration surveys and their
scores in data editors where rows may be added and deleted, beside the
governance register (portfolio.web.editor). Which rows and columns, and how
they go back into the whole tables, is portfolio.present.editor_tables; the
edited rows join the register's in editor.edited_frames, so they get the
same validation, preview and commit.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from portfolio import fmt, texts
from portfolio.model import schema
from portfolio.present import editor_tables as tables
from portfolio.texts import dimensions
from portfolio.texts import editor as E
from portfolio.web.editor import column_config, register_editor

WIDTHS = {"held_on": 110, "kind": 150, "title": 260, "place": 160, "is_public": 80, "note": 260,
          "engagement_id": 200, "conducted_on": 120, "respondent_group": 160, "respondents": 110,
          "instrument": 260, "survey_id": 200, "dimension": 240, "mean": 140, "n": 110,
          **dict.fromkeys(schema.PARTICIPANT_COLUMNS, 150)}


def collaboration_editors(frames: dict[str, pd.DataFrame], initiative_id: str, key: str) -> dict[str, pd.DataFrame]:
    """The initiative's engagements, and its surveys with their scores, each
    in an expander with its row count; the edited rows by table."""
    st.subheader(E.COLLABORATION_SECTION)
    st.caption(E.COLLABORATION_INTRO)
    counts = tables.collaboration_counts(frames, initiative_id)

    def section(table: str):
        return st.expander(E.EXPANDER.format(table=texts.TABLE_LABELS[table], count=fmt.number(counts[table])))

    edited: dict[str, pd.DataFrame] = {}
    with section("engagements"):
        st.caption(E.ENGAGEMENTS_HELP)
        edited["engagements"] = register_editor(frames, tables.ENGAGEMENTS, initiative_id, f"ed_e_{key}",
                                                config=_config(tables.ENGAGEMENTS))
    with section("collaboration_surveys"):
        st.caption(E.SURVEYS_HELP)
        config = _config(tables.SURVEYS)
        config["instrument"] = st.column_config.SelectboxColumn(
            texts.COLUMN_LABELS["collaboration_surveys"]["instrument"], required=True, help=E.INSTRUMENT_HELP,
            options=tables.offered(frames, "collaboration_surveys", "instrument", dimensions.INSTRUMENTS),
            width=WIDTHS["instrument"])
        edited["collaboration_surveys"] = register_editor(frames, tables.SURVEYS, initiative_id, f"ed_u_{key}",
                                                          config=config)
        st.markdown(f"**{fmt.literal(E.SCORES_TITLE)}**")
        st.caption(fmt.markdown(E.SCORES_HELP, min_n=schema.MIN_RESPONDENTS))
        edited["collaboration_scores"] = score_editor(frames, initiative_id, f"ed_k_{key}")
    return edited


def _config(spec: tables.EditTable) -> dict:
    """The editor's columns with widths that fit a laptop screen."""
    config = column_config(spec.table, spec.columns, locked=spec.locked)
    for name, column in config.items():
        if name in WIDTHS:
            column["width"] = WIDTHS[name]
    return config


def score_editor(frames: dict[str, pd.DataFrame], initiative_id: str, key: str) -> pd.DataFrame:
    """The scores of the initiative's saved surveys (the survey picked by its
    date and respondent group, the dimension from the seven and those in use);
    the edited rows."""
    labels = tables.survey_labels(frames, initiative_id)
    if not labels:
        st.caption(E.SCORES_NO_SURVEY)
        return tables.rows_of(frames, tables.SCORES, initiative_id)
    names = texts.COLUMN_LABELS["collaboration_scores"]
    low, high = schema.SCORE_SCALE
    config = _config(tables.SCORES)
    config["survey_id"] = st.column_config.SelectboxColumn(
        names["survey_id"], options=list(labels), required=True, help=E.SURVEY_HELP,
        format_func=lambda survey: labels.get(survey, survey), width=WIDTHS["survey_id"])
    config["dimension"] = st.column_config.SelectboxColumn(
        names["dimension"], options=tables.offered(frames, "collaboration_scores", "dimension", dimensions.DIMENSIONS),
        required=True, help=E.DIMENSION_HELP, width=WIDTHS["dimension"])
    config["mean"] = st.column_config.NumberColumn(
        names["mean"], min_value=float(low), max_value=float(high), step=0.01, format="localized", required=True,
        width=WIDTHS["mean"])
    return register_editor(frames, tables.SCORES, initiative_id, key, config=config)
