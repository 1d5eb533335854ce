"""Norwegian formats for amounts, numbers, percentages and dates (Babel, nb_NO).

Babel separates thousands with a no-break space, so "1 234 567 kr" never
wraps inside a number.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable

import pandas as pd
from babel.dates import format_date
from babel.numbers import format_decimal, format_percent

LOCALE = "nb_NO"


def missing(value) -> bool:
    """None, NaN, NaT and pandas' NA are all 'no value'."""
    if value is None:
        return True
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def memoised(format_func: Callable[[object], str]) -> Callable[[object], str]:
    """Remember each value's text: Babel takes tens of microseconds a value,
    and tables format the same amounts and dates on every rerun."""
    cached = functools.lru_cache(maxsize=65536)(format_func)

    @functools.wraps(format_func)
    def wrapper(value):
        try:
            return cached(value)
        except TypeError:  # not hashable
            return format_func(value)

    wrapper.cache_clear = cached.cache_clear
    return wrapper


@memoised
def kr(amount: float | int | None) -> str:
    """1234567 -> '1 234 567 kr' (whole kroner)."""
    if missing(amount):
        return "–"
    return f"{format_decimal(round(amount), format='#,##0', locale=LOCALE)}\u00a0kr"


@memoised
def number(value: float | int | None) -> str:
    if missing(value):
        return "–"
    return format_decimal(value, format="#,##0", locale=LOCALE)


@memoised
def percent(share: float | None) -> str:
    """0.123 -> '12 %'."""
    if missing(share):
        return "–"
    return format_percent(share, format="#,##0\u00a0%", locale=LOCALE)


@memoised
def date(value: dt.date | dt.datetime | None) -> str:
    """2026-11-22 -> '22.11.2026'."""
    if missing(value):
        return "–"
    if hasattr(value, "to_pydatetime"):
        value = value.to_pydatetime()
    if isinstance(value, dt.datetime):
        value = value.date()
    return format_date(value, format="dd.MM.yyyy", locale=LOCALE)


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:=])")


def literal(text: object) -> str:
    """Text from the data (names, notes, file names) made literal for
    Streamlit's markdown: no emphasis, links, colour directives or icons."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", str(text))


@memoised
def signed_kr(amount) -> str:
    """A deviation: '+18 000 kr' over, '-4 000 kr' under."""
    text = kr(amount)
    return f"+{text}" if not missing(amount) and amount > 0 else text


@memoised
def signed_percent(share) -> str:
    """A deviation's share of the budget: '+17 %', '-3 %'; '0 %' below half a percent."""
    if not missing(share) and abs(share) < 0.005:
        share = 0.0
    text = percent(share)
    return f"+{text}" if not missing(share) and share > 0 else text


def as_text(frame: pd.DataFrame, formats: dict[str, Callable[[object], str]]) -> pd.DataFrame:
    """Columns that may hold empty values, formatted as text: st.dataframe
    shows an empty cell as "None" whatever a Styler says, so "–" must be the
    value itself."""
    return frame.assign(**{column: frame[column].map(format_func) for column, format_func in formats.items()})
