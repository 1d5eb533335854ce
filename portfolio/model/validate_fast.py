"""The pandera schema's checks (portfolio.model.validate) on Arrow arrays.

`surely_valid` says, with Arrow's compute functions, that a table passes
every check pandera would run on it; validate runs pandera (and takes every
message from it) only when it cannot say so. A whole portfolio is checked in
a fraction of pandera's time.
"""

from __future__ import annotations

import pandas as pd
import pyarrow as pyarrow_mod

from portfolio.model import rules, schema
from portfolio.model import rules_collaboration as collaboration


def surely_valid(table: schema.Table, frame: pd.DataFrame, keys: dict[str, set[str]], arrays: dict) -> bool:
    """True when the pandera schema of `table` finds nothing wrong with
    `frame`, found with Arrow's compute functions on the columns the type
    check has converted (`arrays`: a whole portfolio in a fraction of
    pandera's time); False when something may be wrong, and pandera says what
    (every message comes from pandera, as before).

    The same checks as `_pandera_schema`, with pandera's meaning: a check
    ignores missing values; a key column has none and no value twice. (`keys`:
    the key values of the tables a column may name, rules.key_values.) The
    rules across tables (rules.cross_table) are not pandera's and always run."""
    import pyarrow.compute as pc

    names = list(frame.columns)
    if len(set(names)) != len(names) or set(names) != set(table.column_names):
        return False
    if any(c.name not in arrays for c in table.columns):
        return False
    count = len(frame)

    def every(mask) -> bool:
        return pc.all(mask, skip_nulls=True).as_py() in (True, None)

    for column in table.columns:
        array = arrays[column.name]
        present = array.drop_null()
        if column.name in table.key and column.required and array.null_count:
            return False
        if table.key == (column.name,) and pc.count_distinct(present).as_py() != count:
            return False
        items = pc.list_flatten(present) if column.is_list else present
        if column.max_length is not None and len(items):
            longest = pc.max(pc.utf8_length(items)).as_py()
            if longest is not None and longest > column.max_length:
                return False
        if column.allowed and not every(pc.is_in(items, value_set=pyarrow_mod.array(column.allowed))):
            return False
        if schema.is_slug_key(table, column) and not every(pc.match_substring_regex(present, schema.SLUG_PATTERN)):
            return False
        if column.type_name == "float" and len(present) and not every(pc.is_finite(present)):
            return False
        if (column.minimum is not None or column.maximum is not None) and len(present):
            low, high = (v.as_py() for v in pc.min_max(present).values())
            if (column.minimum is not None and low < column.minimum) or \
                    (column.maximum is not None and high > column.maximum):
                return False
        if column.name.endswith("_nok") and len(present) and pc.min(present).as_py() < 0:
            return False
        if column.name == "year" and len(present):
            low, high = pc.min_max(present).values()
            if low.as_py() < 2000 or high.as_py() > 2100:
                return False
        target = rules.referenced(table, column)
        if target is not None and len(present):
            ids = pyarrow_mod.array(sorted(keys.get(target, ())), type=pyarrow_mod.string())
            if not every(pc.is_in(present, value_set=ids)):
                return False
    if len(table.key) > 1:
        key_table = pyarrow_mod.table({k: arrays[k] for k in table.key})
        if key_table.group_by(list(table.key)).aggregate([]).num_rows != count:
            return False
    a = arrays
    if table.name == "initiatives":
        if not every(pc.invert(pc.less(a["end_date"], a["start_date"]))):
            return False
        public = pc.fill_null(a["is_public"], False)
        if pc.any(pc.and_(public, pc.is_null(a["public_summary"]))).as_py():
            return False
        if pc.any(pc.equal(a["parent_id"], a["initiative_id"])).as_py():
            return False
    if table.name == "milestones":
        decision = pc.and_(pc.equal(a["kind"], "beslutningspunkt"), pc.is_null(a["decision_point"]))
        if pc.any(decision).as_py():
            return False
    # a survey of an initiative or a kommunalområde, exactly one
    if table.name == "collaboration_surveys" and \
            pc.any(pc.equal(pc.is_null(a["initiative_id"]), pc.is_null(a["area"]))).as_py():
        return False
    if table.name == "collaboration_scores":  # a reference dimension written as the list writes it
        labels = pc.unique(a["dimension"].drop_null()).to_pylist()
        if any(collaboration.misspelt(label) is not None for label in labels):
            return False
    return True
