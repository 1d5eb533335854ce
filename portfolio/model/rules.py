"""The rules of the data model, as checks (portfolio.model.validate runs them).

- `column_checks`: one column's values (pandera checks), built from its
  declaration in portfolio.model.schema: text length, allowed values, a slug
  for a table's own id (`schema.is_slug_key`), a number's `minimum` and
  `maximum`, a finite float, and a reference (`Column.references`) to the key
  of another table. A check's name is its message's key in
  `texts.VALIDATION`.
- `frame_checks`: rules between the columns of one row (pandera).
- `cross_table`: rules between tables, checked directly on the frames
  (vectorised): a measurement not before its benefit's baseline, a public
  decision, benefit or engagement only of a public initiative, a checklist
  answer only to an item its decision point's checklist has.

The collaboration tables' own rules (a dimension's spelling, a survey of an
initiative or a kommunalområde, its kommunalområde named by the initiatives,
a score's n within its survey's respondents) are in
portfolio.model.rules_collaboration; the functions here include them.

The same rules are checked on Arrow arrays by portfolio.model.validate_fast,
which must never call a table valid that these checks refuse.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from portfolio import texts
from portfolio.model import rules_collaboration as collaboration
from portfolio.model import schema
from portfolio.model.rules_base import Finding, as_numbers, dates, first_by_key, has, missing, true
from portfolio.texts import checklists

if TYPE_CHECKING:
    import pandera.pandas as pa


def referenced_tables() -> set[str]:
    """The tables whose key column other tables name (schema.Column.references)."""
    return {"initiatives"} | {c.references for t in schema.TABLES.values() for c in t.columns if c.references}


def key_values(tables: Mapping[str, pd.DataFrame]) -> dict[str, set[str]]:
    """The values of each referenced table's key column (a single-column key
    of the same name as the referencing column)."""
    out: dict[str, set[str]] = {}
    for name in referenced_tables():
        table = schema.TABLES[name]
        frame = tables.get(name)
        column = table.key[0]
        if frame is None or column not in frame.columns:
            out[name] = set()
            continue
        out[name] = {v for v in frame[column].tolist() if isinstance(v, str)}
    return out


def reference_check_name(table: schema.Table, column: schema.Column) -> str | None:
    """The check (and message key) of a column naming another table's row."""
    if column.name == "parent_id" and table.name == "initiatives":
        return "reference_parent"
    if column.references == "initiatives":
        return "reference_initiative"  # the message users already know
    if column.references:
        return "reference"
    return None


def referenced(table: schema.Table, column: schema.Column) -> str | None:
    """The table whose key the column names, if any."""
    if column.name == "parent_id" and table.name == "initiatives":
        return "initiatives"
    return column.references


# -- one column ---------------------------------------------------------------------

def _items_allowed(allowed: tuple[str, ...]):
    allowed_set = set(allowed)

    def check(series: pd.Series) -> pd.Series:
        return series.map(lambda items: items is None or all(i in allowed_set for i in items))

    return check


def _items_short(limit: int):
    def check(series: pd.Series) -> pd.Series:
        return series.map(lambda items: items is None or all(len(i) <= limit for i in items))

    return check


def _short(limit: int):
    def check(series: pd.Series) -> pd.Series:
        lengths = series.str.len()
        return lengths.isna() | (lengths <= limit)

    return check


def _finite(series: pd.Series) -> pd.Series:
    values = as_numbers(series)
    return pd.Series(np.isfinite(values.to_numpy()) | series.isna().to_numpy(), index=series.index)


def _in_range(low: int | None, high: int | None):
    def check(series: pd.Series) -> pd.Series:
        values = as_numbers(series)
        ok = pd.Series(True, index=series.index)
        if low is not None:
            ok &= values >= low
        if high is not None:
            ok &= values <= high
        return ok | values.isna()

    return check


def range_check_name(column: schema.Column) -> str | None:
    if column.minimum is not None and column.maximum is not None:
        return "range"
    if column.minimum is not None:
        return "minimum"
    return None


def column_checks(table: schema.Table, column: schema.Column, keys: Mapping[str, set[str]]) -> list[pa.Check]:
    """The pandera checks of one column (`keys`: see `key_values`)."""
    import pandera.pandas as pa  # imported where a check is built: pandera takes a second to import
    checks: list[pa.Check] = []
    if column.max_length is not None and column.is_list:
        checks.append(pa.Check(_items_short(column.max_length), name="max_length_items"))
    elif column.max_length is not None:
        checks.append(pa.Check(_short(column.max_length), name="max_length"))
    if column.allowed and column.is_list:
        checks.append(pa.Check(_items_allowed(column.allowed), name="allowed_items"))
    elif column.allowed:
        allowed = list(column.allowed)
        checks.append(pa.Check(lambda s: s.isin(allowed), name="allowed"))
    if schema.is_slug_key(table, column):
        checks.append(pa.Check(lambda s: s.str.fullmatch(schema.SLUG_PATTERN), name="slug"))
    if column.type_name == "float":
        checks.append(pa.Check(_finite, name="finite"))
    if (name := range_check_name(column)) is not None:
        checks.append(pa.Check(_in_range(column.minimum, column.maximum), name=name))
    if column.name.endswith("_nok"):
        checks.append(pa.Check(lambda s: s >= 0, name="non_negative"))
    if column.name == "year":
        checks.append(pa.Check(lambda s: s.between(2000, 2100), name="year_range"))
    target = referenced(table, column)
    if target is not None:
        ids = keys.get(target, set())
        checks.append(pa.Check(lambda s: s.isin(ids), name=reference_check_name(table, column)))
    return checks + collaboration.column_checks(table, column)


# -- one row ------------------------------------------------------------------------

def _before(later: pd.Series, earlier: pd.Series) -> pd.Series:
    return pd.Series(
        [not missing(a) and not missing(b) and a < b for a, b in zip(later, earlier, strict=False)],
        index=later.index, dtype=bool,
    )


def frame_checks(table: schema.Table) -> list[pa.Check]:
    import pandera.pandas as pa  # imported where a check is built: pandera takes a second to import
    if table.name == "initiatives":
        return [
            pa.Check(lambda f: ~_before(f["end_date"], f["start_date"]), name="date_order_end"),
            pa.Check(
                lambda f: ~(f["is_public"].fillna(False).astype(bool) & f["public_summary"].isna()),
                name="public_summary",
            ),
            pa.Check(lambda f: f["parent_id"].isna() | (f["parent_id"] != f["initiative_id"]), name="reference_self"),
        ]
    if table.name == "milestones":
        return [
            pa.Check(
                lambda f: ~((f["kind"] == "beslutningspunkt") & f["decision_point"].isna()),
                name="decision_point_kind",
            ),
        ]
    return collaboration.frame_checks(table)


# Frame-level checks: name -> the column a problem names
FRAME_CHECK_COLUMNS = {
    "date_order_end": "end_date",
    "public_summary": "public_summary",
    "reference_self": "parent_id",
    "decision_point_kind": "decision_point",
    **collaboration.FRAME_CHECK_COLUMNS,
}


def message(table: schema.Table, check: str, column: str | None, shown: str) -> str | None:
    """The message of a check defined here that needs more than the value
    (None: not one of those)."""
    v = texts.VALIDATION
    if column is None:
        return None
    if (special := collaboration.message(check, shown)) is not None:
        return special
    declared = table.column(column) if column in table.column_names else None
    if declared is None:
        return None
    if declared.type_name == "float":
        shown = _decimal_comma(shown)
    if check == "range":
        return v["range"].format(value=shown, minimum=declared.minimum, maximum=declared.maximum)
    if check == "minimum":
        return v["minimum"].format(value=shown, minimum=declared.minimum)
    if check == "reference":
        target = referenced(table, declared) or ""
        return v["reference"].format(value=shown, table=texts.TABLE_LABELS.get(target, target))
    return None


def _decimal_comma(shown: str) -> str:
    """A number with decimals as Norwegians write it: «5,5», and «6» for 6.0."""
    try:
        number = float(shown)
    except ValueError:
        return shown
    return str(int(number)) if number.is_integer() else shown.replace(".", ",")


# -- across tables --------------------------------------------------------------------

def measurements_after_baseline(tables: Mapping[str, pd.DataFrame], usable: set[str]) -> list[Finding]:
    if not (has(tables, usable, "benefit_measurements", ("benefit_id", "measured_on"))
            and has(tables, usable, "benefits", ("benefit_id", "baseline_on"))):
        return []
    measurements, benefits = tables["benefit_measurements"], tables["benefits"]
    if not len(measurements):
        return []
    baselines = first_by_key(benefits, "benefit_id", "baseline_on")
    baseline = dates(pd.Series([baselines.get(b) for b in measurements["benefit_id"].tolist()], dtype=object))
    measured = dates(measurements["measured_on"].reset_index(drop=True))
    early = (measured < baseline).to_numpy()
    out = []
    for position in np.flatnonzero(early):
        benefit = measurements["benefit_id"].iloc[position]
        out.append(Finding("benefit_measurements", int(position), "measured_on",
                           texts.VALIDATION["measured_before_baseline"].format(
                               value=measured.iloc[position].strftime("%d.%m.%Y"),
                               baseline=baseline.iloc[position].strftime("%d.%m.%Y"), benefit=benefit)))
    return out


def public_only_of_public_initiatives(tables: Mapping[str, pd.DataFrame], usable: set[str]) -> list[Finding]:
    if not has(tables, usable, "initiatives", ("initiative_id", "is_public")):
        return []
    public = {k: not missing(v) and bool(v)
              for k, v in first_by_key(tables["initiatives"], "initiative_id", "is_public").items()}
    out = []
    for name, key in (("decisions", "public_decision"), ("benefits", "public_benefit"),
                      ("engagements", "public_engagement")):
        if not has(tables, usable, name, ("initiative_id", "is_public")):
            continue
        frame = tables[name]
        marked = true(frame["is_public"])
        initiatives = frame["initiative_id"].tolist()
        for position in np.flatnonzero(marked):
            initiative = initiatives[position]
            if initiative in public and not public[initiative]:  # an unknown one: the reference check says so
                out.append(Finding(name, int(position), "is_public",
                                   texts.VALIDATION[key].format(initiative=initiative)))
    return out


def checklist_items_exist(tables: Mapping[str, pd.DataFrame], usable: set[str]) -> list[Finding]:
    if not has(tables, usable, "checklist_answers", ("decision_point", "item_no")):
        return []
    frame = tables["checklist_answers"]
    if not len(frame):
        return []
    # an unknown decision point, a missing number or one below 1: the allowed, required and minimum checks say so
    lengths = {point: len(items) for point, items in checklists.CHECKLISTS.items()}
    counts = np.array([lengths.get(p, np.nan) for p in frame["decision_point"].tolist()], dtype=float)
    numbers = as_numbers(frame["item_no"]).to_numpy()
    with np.errstate(invalid="ignore"):
        beyond = (numbers >= 1) & (numbers > counts)  # a comparison with NaN is false
    out = []
    for position in np.flatnonzero(beyond):
        point, number = frame["decision_point"].iloc[position], int(numbers[position])
        out.append(Finding("checklist_answers", int(position), "item_no", texts.VALIDATION["checklist_item"].format(
            value=number, decision_point=point, count=len(checklists.CHECKLISTS[point]))))
    return out


CROSS_TABLE_RULES = (measurements_after_baseline, public_only_of_public_initiatives, checklist_items_exist,
                     *collaboration.CROSS_TABLE_RULES)


def cross_table(tables: Mapping[str, pd.DataFrame], usable: set[str]) -> list[Finding]:
    """Every problem between tables, among the `usable` ones (their values
    have their columns' types: a mistyped table is reported as that alone)."""
    return [finding for rule in CROSS_TABLE_RULES for finding in rule(tables, usable)]
