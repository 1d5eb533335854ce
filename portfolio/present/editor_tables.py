"""The governance register and the collaboration tables in the in-app
editor, without Streamlit: which rows and columns of one initiative each
editor shows, the checklist's questions offered for answers, the computed
risk score, the dimensions offered for scores, and the edited rows put back
into the whole tables (rows changed, added and deleted).

An editor gets one initiative's rows (never the whole table: a portfolio of
10 000 initiatives has some 30 000 risks) with a fresh 0..n-1 index. The data
editor hands them back with the index of each kept row unchanged, deleted
rows gone and added rows numbered from n on, so each row finds its stored
row again by position. Rows nobody touched are written back as the same
values, so that an untouched editor means «Ingen endringer».
"""

from __future__ import annotations

import dataclasses

import pandas as pd

from portfolio import fmt
from portfolio.ingest import cells
from portfolio.model import schema
from portfolio.texts import checklists, dimensions
from portfolio.texts import editor as E

SCORE = "score"  # the risk score column: probability × consequence, shown, never stored
# The checklist editor's columns (one row per question of a decision point)
ITEM, QUESTION, ANSWER, COMMENT = "item_no", "question", "answer", "comment"


@dataclasses.dataclass(frozen=True)
class EditTable:
    """One governance table as the editor shows it."""

    table: str
    columns: tuple[str, ...]  # shown, in this order (the owner column is implied)
    id_column: str | None = None  # the table's own id: shown, not edited; made for a new row
    owner: str = "initiative_id"  # how a row belongs to the initiative (measurements: by benefit)

    @property
    def locked(self) -> frozenset[str]:
        return frozenset({self.id_column} if self.id_column else ())


# The columns most edited first; the id, made by the app, last
DECISIONS = EditTable("decisions", (
    "decided_on", "body", "decision_point", "title", "text", "case_number", "is_public", "decision_id",
), id_column="decision_id")
RISKS = EditTable("risks", (
    "title", "probability", "consequence", "status", "strategy", "owner", "category", "description",
    "mitigation", "identified_on", "review_by", "residual_probability", "residual_consequence", "risk_id",
), id_column="risk_id")
BENEFITS = EditTable("benefits", (
    "title", "kind", "owner", "indicator", "unit", "baseline", "baseline_on", "target", "target_on",
    "is_public", "benefit_id",
), id_column="benefit_id")
MEASUREMENTS = EditTable("benefit_measurements", ("benefit_id", "measured_on", "value", "comment"),
                         owner="benefit_id")
EDIT_TABLES = {spec.table: spec for spec in (DECISIONS, RISKS, BENEFITS, MEASUREMENTS)}
CHECKLIST_TABLE = "checklist_answers"
# The collaboration tables: an initiative's engagements and surveys (a survey of a
# kommunalområde has no initiative: it is edited in the Excel template) and their scores
ENGAGEMENTS = EditTable("engagements", (
    "held_on", "kind", "title", "place", *schema.PARTICIPANT_COLUMNS, "is_public", "note", "engagement_id",
), id_column="engagement_id")
SURVEYS = EditTable("collaboration_surveys", (
    "conducted_on", "respondent_group", "respondents", "instrument", "survey_id",
), id_column="survey_id")
SCORES = EditTable("collaboration_scores", ("survey_id", "dimension", "mean", "n"), owner="survey_id")
COLLABORATION_EDIT_TABLES = {spec.table: spec for spec in (ENGAGEMENTS, SURVEYS, SCORES)}


# -- the rows an editor shows ----------------------------------------------------------

def benefit_ids(frames: dict[str, pd.DataFrame], initiative_id: str) -> list[str]:
    """The initiative's stored benefits, in stored order."""
    benefits = frames["benefits"]
    return list(benefits.loc[benefits["initiative_id"] == initiative_id, "benefit_id"])


def benefit_titles(frames: dict[str, pd.DataFrame], initiative_id: str) -> dict[str, str]:
    """The initiative's stored benefits by id: their titles (for the measurements' drop-down)."""
    benefits = frames["benefits"]
    mine = benefits.loc[benefits["initiative_id"] == initiative_id]
    return dict(zip(mine["benefit_id"], mine["title"], strict=True))


def survey_labels(frames: dict[str, pd.DataFrame], initiative_id: str) -> dict[str, str]:
    """The initiative's stored surveys by id: "01.03.2023 – ansatte" (for the scores' drop-down)."""
    surveys = frames["collaboration_surveys"]
    mine = surveys.loc[surveys["initiative_id"] == initiative_id]
    return {s: E.SURVEY_LABEL.format(date=fmt.date(day), group=group)
            for s, day, group in zip(mine["survey_id"], mine["conducted_on"], mine["respondent_group"], strict=True)}


def offered(frames: dict[str, pd.DataFrame], table: str, column: str, reference: tuple[str, ...]) -> list[str]:
    """The values a drop-down offers: the reference values (the seven dimensions,
    the instrument), then every other value the stored table holds."""
    stored = {v for v in frames[table][column].tolist() if isinstance(v, str)} - set(reference)
    return [*reference, *sorted(stored, key=dimensions.order)]


def owned(frames: dict[str, pd.DataFrame], spec: EditTable, initiative_id: str) -> pd.Series:
    """Which rows of the stored table belong to the initiative."""
    frame = frames[spec.table]
    if spec.owner == "benefit_id":
        return frame["benefit_id"].isin(benefit_ids(frames, initiative_id))
    if spec.owner == "survey_id":
        return frame["survey_id"].isin(list(survey_labels(frames, initiative_id)))
    return frame["initiative_id"] == initiative_id


def rows_of(frames: dict[str, pd.DataFrame], spec: EditTable, initiative_id: str) -> pd.DataFrame:
    """The initiative's rows of one table in the columns the editor shows (the
    risk score beside the consequence), in stored order, indexed 0..n-1."""
    frame = frames[spec.table]
    rows = _addable(spec.table, frame.loc[owned(frames, spec, initiative_id), list(spec.columns)])
    if spec.table == "risks":
        at = rows.columns.get_loc("consequence") + 1
        rows.insert(at, SCORE, scores(rows).astype("Int64"))  # stored values: whole numbers
    return rows


def _addable(table: str, rows: pd.DataFrame) -> pd.DataFrame:
    """The rows indexed 0..n-1, each column in a dtype that holds an empty
    cell, as a row added in the editor has (text and yes/no as objects,
    whole numbers as nullable integers)."""
    rows = rows.reset_index(drop=True)
    for column in schema.TABLES[table].columns:
        if column.name not in rows.columns:
            continue
        if column.type_name == "int":
            rows[column.name] = pd.to_numeric(rows[column.name]).astype("Int64")
        elif column.type_name in ("string", "bool"):
            rows[column.name] = rows[column.name].astype(object)
    return rows


def scores(risks: pd.DataFrame) -> pd.Series:
    """probability × consequence per row (empty where either is missing or not a number)."""
    probability = pd.to_numeric(risks["probability"], errors="coerce")
    consequence = pd.to_numeric(risks["consequence"], errors="coerce")
    return probability * consequence


def score_lines(before: pd.DataFrame, after: pd.DataFrame) -> list[dict]:
    """The risks whose score the edits change or add: title, probability,
    consequence and score (None where it cannot be computed), for the text
    under the risk editor (its own score column shows the saved scores)."""
    old = _score_map(before)
    lines = []
    for label, score in _score_map(after).items():
        if label in old and old[label] == score:
            continue
        row = after.loc[label]
        lines.append({"title": cell_value(row["title"]) or E.UNTITLED,
                      "probability": cell_value(row["probability"], "int"),
                      "consequence": cell_value(row["consequence"], "int"), "score": score})
    return lines


def _score_map(risks: pd.DataFrame) -> dict:
    if not len(risks):
        return {}
    return {label: (None if pd.isna(value) else int(value) if float(value).is_integer() else float(value))
            for label, value in scores(risks).items()}


def checklist_rows(frames: dict[str, pd.DataFrame], initiative_id: str, decision_point: str) -> pd.DataFrame:
    """One decision point's checklist for the initiative: every question of
    the checklist, with the stored answer and comment where there is one,
    then any stored answers to items the checklist does not have (so they
    can be seen and cleared)."""
    answers = frames[CHECKLIST_TABLE]
    mine = answers.loc[(answers["initiative_id"] == initiative_id) & (answers["decision_point"] == decision_point)]
    stored = {int(row.item_no): row for row in mine.itertuples(index=False)}
    questions = checklists.CHECKLISTS.get(decision_point, ())
    items = list(range(1, len(questions) + 1)) + sorted(set(stored) - set(range(1, len(questions) + 1)))
    rows = []
    for number in items:
        row = stored.get(number)
        asked = cell_value(row.question) if row is not None else None
        known = checklists.question(decision_point, number)
        rows.append({
            ITEM: number,
            QUESTION: asked or known or E.CHECKLIST_UNKNOWN.format(item_no=number, decision_point=decision_point),
            ANSWER: cell_value(row.answer) if row is not None else None,
            COMMENT: cell_value(row.comment) if row is not None else None,
        })
    frame = pd.DataFrame(rows, columns=[ITEM, QUESTION, ANSWER, COMMENT])
    frame[ITEM] = frame[ITEM].astype("int64")
    for column in (QUESTION, ANSWER, COMMENT):
        frame[column] = frame[column].astype(object)
    return frame


def counts(frames: dict[str, pd.DataFrame], initiative_id: str) -> dict[str, int]:
    """How many rows the initiative has in each governance table."""
    out = {name: int(owned(frames, spec, initiative_id).sum()) for name, spec in EDIT_TABLES.items()}
    out[CHECKLIST_TABLE] = int((frames[CHECKLIST_TABLE]["initiative_id"] == initiative_id).sum())
    return out


def collaboration_counts(frames: dict[str, pd.DataFrame], initiative_id: str) -> dict[str, int]:
    """How many rows the initiative has in each collaboration table."""
    return {name: int(owned(frames, spec, initiative_id).sum()) for name, spec in COLLABORATION_EDIT_TABLES.items()}


# -- the edited rows back into the whole tables ------------------------------------------

def put_back(out: dict[str, pd.DataFrame], frames: dict[str, pd.DataFrame], spec: EditTable,
             initiative_id: str, edited: pd.DataFrame) -> None:
    """Put one editor's rows back into `out[spec.table]` (a copy of the stored
    table): kept rows updated in place, deleted rows dropped, added rows
    appended with the initiative (or nothing, for measurements) and a new id."""
    target = out[spec.table]
    index = target.index[owned(frames, spec, initiative_id).to_numpy()]
    table = schema.TABLES[spec.table]
    columns = [c for c in spec.columns if c not in spec.locked and c in edited.columns]
    kept = [label for label in edited.index if _position(label, len(index)) is not None]
    added = [label for label in edited.index if _position(label, len(index)) is None]
    deleted = sorted(set(range(len(index))) - {_position(label, len(index)) for label in kept})
    for column in columns:
        kind = table.column(column).type_name
        values = {index[_position(label, len(index))]: cell_value(edited.at[label, column], kind) for label in kept}
        changed = {i: v for i, v in values.items() if not _same(target.at[i, column], v)}
        if not changed:
            continue
        if target[column].dtype != object:
            target[column] = target[column].astype(object)
        for i, value in changed.items():
            target.at[i, column] = value
    if deleted:
        target = target.drop(index=[index[p] for p in deleted])
    new_rows = [row for row in (_new_row(spec, table, initiative_id, edited.loc[label]) for label in added) if row]
    if new_rows:
        if spec.id_column:
            taken = set(target[spec.id_column].dropna())
            for row in new_rows:
                row[spec.id_column] = new_id(spec.table, initiative_id, taken)
                taken.add(row[spec.id_column])
        addition = pd.DataFrame(new_rows, columns=table.column_names)
        target = pd.concat([target.astype(object), addition.astype(object)], ignore_index=True)
    out[spec.table] = target


def put_back_checklist(out: dict[str, pd.DataFrame], initiative_id: str, decision_point: str,
                       edited: pd.DataFrame) -> None:
    """Put one decision point's checklist back into `out["checklist_answers"]`:
    an answered (or commented) question is a row, a question left empty is
    none; a stored row whose answer and comment are both cleared is deleted."""
    target = out[CHECKLIST_TABLE]
    mine = target.index[((target["initiative_id"] == initiative_id)
                         & (target["decision_point"] == decision_point)).to_numpy()]
    stored = {int(target.at[i, ITEM]): i for i in mine}
    drop, new_rows, updates = [], [], []
    for row in edited.itertuples(index=False):
        number = int(getattr(row, ITEM))
        answer, comment = cell_value(getattr(row, ANSWER)), cell_value(getattr(row, COMMENT))
        answer = answer if not (isinstance(answer, str) and not answer.strip()) else None
        comment = comment if not (isinstance(comment, str) and not comment.strip()) else None
        if number in stored:
            i = stored[number]
            if answer is None and comment is None:
                drop.append(i)
            else:
                updates.append((i, answer, comment))
        elif answer is not None or comment is not None:
            new_rows.append({"initiative_id": initiative_id, "decision_point": decision_point, ITEM: number,
                             QUESTION: checklists.question(decision_point, number), ANSWER: answer,
                             COMMENT: comment})
    for i, answer, comment in updates:
        for column, value in ((ANSWER, answer), (COMMENT, comment)):
            if not _same(target.at[i, column], value):
                if target[column].dtype != object:
                    target[column] = target[column].astype(object)
                target.at[i, column] = value
    if drop:
        target = target.drop(index=drop)
    if new_rows:
        addition = pd.DataFrame(new_rows, columns=schema.TABLES[CHECKLIST_TABLE].column_names)
        target = pd.concat([target.astype(object), addition.astype(object)], ignore_index=True)
    out[CHECKLIST_TABLE] = target


def put_back_all(out: dict[str, pd.DataFrame], frames: dict[str, pd.DataFrame], initiative_id: str,
                 edited: dict[str, pd.DataFrame], checklists_edited: dict[str, pd.DataFrame]) -> None:
    """Every governance and collaboration editor's rows back into the whole tables in `out`."""
    for name, rows in edited.items():
        put_back(out, frames, EDIT_TABLES.get(name) or COLLABORATION_EDIT_TABLES[name], initiative_id, rows)
    for decision_point, rows in checklists_edited.items():
        put_back_checklist(out, initiative_id, decision_point, rows)


def new_id(table: str, initiative_id: str, taken: set[str]) -> str:
    """A free id for a new row: `<initiative>-<word>-<n>` (a slug within the id length)."""
    word = E.ID_PREFIX[table]
    start = initiative_id[: schema.ID_LENGTH - len(word) - 8].rstrip("-")
    number = 1
    while f"{start}-{word}-{number}" in taken:
        number += 1
    return f"{start}-{word}-{number}"


def _position(label, count: int) -> int | None:
    """The stored row an edited row's index names, or None for an added row."""
    if isinstance(label, (int,)) or hasattr(label, "__index__"):
        position = int(label)
        return position if 0 <= position < count else None
    return None


def _new_row(spec: EditTable, table: schema.Table, initiative_id: str, edited: pd.Series) -> dict | None:
    """An added row as a stored row, or None when every cell was left empty."""
    values = {c: cell_value(edited.get(c), table.column(c).type_name)
              for c in spec.columns if c not in spec.locked}
    if all(v is None or (isinstance(v, str) and not v.strip()) or v is False for v in values.values()):
        return None
    row = dict.fromkeys(table.column_names)
    row.update(values)
    if spec.owner == "initiative_id":
        row["initiative_id"] = initiative_id
    for column in table.columns:
        if column.type_name == "bool" and row[column.name] is None:
            row[column.name] = False  # an unticked box
    return row


def _same(stored, value) -> bool:
    """Whether an edited value is the stored one (so an untouched cell stays as stored)."""
    stored = cell_value(stored)
    if stored is None or value is None:
        return stored is None and value is None
    if isinstance(stored, bool) != isinstance(value, bool) or isinstance(stored, str) != isinstance(value, str):
        return False
    try:
        return bool(stored == value)
    except (TypeError, ValueError):
        return False


def cell_value(value, kind: str = "string"):
    """An editor value as a plain stored value of the column's kind (the editor
    may hand back dates as ISO text or timestamps, whole numbers as floats)."""
    if value is None or value is pd.NaT or value is pd.NA:
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
    if kind == "float" and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    return value
