"""The orders of the data model as SQL macros, generated from the schema.

Statuses, phases and decision points have an order, declared once in
portfolio.model.schema. The named queries get it from these macros, which
runner.connect() creates on every connection; no query spells the values out.

Scalar macros, 1 for the first value and NULL for NULL or an unknown value:

    status_order(s)            schema.STATUSES: the order statuses are shown in
    status_severity_order(s)   schema.STATUS_SEVERITY: most critical first
    phase_order(p)             schema.PHASES
    decision_point_order(d)    schema.DECISION_POINTS

Table macros, every value with its order, first to last:

    statuses()         status, status_order
    phases()           phase, phase_order
    decision_points()  decision_point, decision_point_order

DuckDB takes no bound parameters in a macro's body, so the values are written
into the SQL as string literals. They are constants of our code, not user
data, and are quoted all the same (`literal`).
"""

from __future__ import annotations

import functools
import re

from portfolio.model import schema

# order name -> values, first to last; the scalar macro is <name>_order
ORDERS: dict[str, tuple[str, ...]] = {
    "status": schema.STATUSES,
    "status_severity": schema.STATUS_SEVERITY,
    "phase": schema.PHASES,
    "decision_point": schema.DECISION_POINTS,
}

# table macro -> the order it lists; its columns are <order> and <order>_order
LISTS: dict[str, str] = {
    "statuses": "status",
    "phases": "phase",
    "decision_points": "decision_point",
}

_IDENTIFIER = re.compile(r"^[a-z][a-z0-9_]*$")


def literal(value: str) -> str:
    """`value` as a SQL string literal: in single quotes, quotes doubled."""
    if not isinstance(value, str) or "\x00" in value:
        raise ValueError(f"not a text value for SQL: {value!r}")
    return "'" + value.replace("'", "''") + "'"


def _identifier(name: str) -> str:
    if not _IDENTIFIER.match(name):
        raise ValueError(f"not a SQL name: {name!r}")
    return name


def _list(values: tuple[str, ...]) -> str:
    return "[" + ", ".join(literal(v) for v in values) + "]"


@functools.cache
def macros_sql() -> str:
    """The `create or replace macro` statements of every order."""
    statements = []
    for name, values in ORDERS.items():
        statements.append(
            f"create or replace macro {_identifier(name + '_order')}(value) as\n"
            f"  list_position({_list(values)}, value);"
        )
    for table, name in LISTS.items():
        rows = ", ".join(f"({literal(v)}, {int(i)})" for i, v in enumerate(ORDERS[name], start=1))
        statements.append(
            f"create or replace macro {_identifier(table)}() as table\n"
            f"  select * from (values {rows}) as t({_identifier(name)}, {_identifier(name + '_order')});"
        )
    return "\n".join(statements) + "\n"
