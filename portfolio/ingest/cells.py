"""Cell values and headers, as the project leader's files hold them.

`parse_cell(column, value)` turns one cell into the column's type or a
Norwegian problem: dates as 22.11.2026 (or ISO), whole kroner with spaces,
dots or «kr», «Ja»/«Nei», lists separated by ";". Formula and error cells
from a workbook arrive as `Formula` and `CellError` and are problems.

Headers and table names are matched ignoring case and extra spaces, by the
schema's column name or its Norwegian label (`HEADERS`, `table_from_name`,
`table_from_headers`).
"""

from __future__ import annotations

import datetime as dt
import math
import re

from portfolio import fmt, texts
from portfolio.ingest.template import LIST_SEPARATOR
from portfolio.model import schema
from portfolio.model.validate import excerpt
from portfolio.texts import register as R
from portfolio.texts import update as T

P = {**T.PROBLEMS, **R.PROBLEMS}
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


class Formula(str):
    """A formula cell (its text); replaced by Excel's computed value when there is one."""


class CellError(str):
    """An Excel error value such as #N/A."""


# -- headers and table names --------------------------------------------------------

def norm(text: object) -> str:
    """Text compared ignoring case and runs of (non-breaking) spaces."""
    return " ".join(str(text).replace("\u00a0", " ").split()).casefold()


def _header_lookup(table: schema.Table) -> dict[str, str]:
    out = {}
    for column in table.columns:
        out[norm(column.name)] = column.name
        out[norm(texts.COLUMN_LABELS[table.name][column.name])] = column.name
    return out


HEADERS = {name: _header_lookup(schema.TABLES[name]) for name in schema.TYPED_TABLES}  # table -> header -> column
TABLE_WORDS = {
    "initiatives": ("tiltak", "initiatives"),
    "budgets": ("budsjett", "budgets", "budsjetter"),
    "milestones": ("milepæler", "milepaeler", "milepaler", "milepæl", "milestones"),
    "decisions": ("vedtak", "decisions"),
    "checklist_answers": ("sjekkliste", "sjekklister", "sjekklistesvar", "checklist_answers", "checklists"),
    "risks": ("risiko", "risikoer", "risikoregister", "risks"),
    "benefits": ("gevinster", "gevinst", "benefits"),
    "benefit_measurements": ("gevinstmålinger", "gevinstmaalinger", "gevinstmalinger", "gevinstmåling",
                             "målinger", "benefit_measurements", "measurements"),
    "engagements": ("medvirkning", "medvirkninger", "engagements"),
    "collaboration_surveys": ("samhandlingsundersøkelser", "samhandlingsundersokelser", "samhandlingsundersøkelse",
                              "undersøkelser", "undersokelser", "collaboration_surveys", "surveys"),
    "decidim_links": ("decidim-koblinger", "decidimkoblinger", "decidim_links"),
    "collaboration_scores": ("samhandlingsskårer", "samhandlingsskarer", "samhandlingsskår", "skårer", "skarer",
                             "collaboration_scores", "scores"),
}


def table_from_name(text: str) -> str | None:
    """The table a sheet title or file name stem names, if it names exactly one."""
    word = norm(text)
    for name, words in TABLE_WORDS.items():
        if word in words or word == norm(texts.TABLE_LABELS[name]):
            return name
    tokens = set(re.split(r"[^0-9a-zæøå]+", word))
    found = {name for name, words in TABLE_WORDS.items() if tokens & set(words)}
    return found.pop() if len(found) == 1 else None


def table_from_headers(headers: list[object]) -> str | None:
    """The table whose columns the header row names, if it clearly is one."""
    names = [norm(h) for h in headers if h not in (None, "")]
    scores = {t: sum(1 for h in names if h in HEADERS[t]) for t in schema.TYPED_TABLES}
    # the columns only one table has decide it
    best = max(scores.values())
    winners = [t for t, s in scores.items() if s == best]
    if best < 2 or len(winners) != 1:
        return None
    return winners[0]


# -- cell values -----------------------------------------------------------------

DATE_PATTERNS = (
    (re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})$"), ("d", "m", "y")),
    (re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$"), ("y", "m", "d")),
    (re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$"), ("d", "m", "y")),
)
TIME_SUFFIX = re.compile(r"[ T]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?$")
SPACES = re.compile(r"[\s\u00a0\u202f\u2009]+")


def blank(value: object) -> bool:
    """An empty cell: nothing, or only spaces."""
    return value is None or (isinstance(value, str) and not value.strip())


def show(value: object) -> str:
    """A cell value as text, the way the user wrote it: in a problem message
    («...» er ikke en dato) and as the text of a text or list cell."""
    if isinstance(value, bool):
        return T.TRUE_WORD if value else T.FALSE_WORD
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else str(value).replace(".", ",")
    if isinstance(value, (dt.datetime, dt.date)):
        return fmt.date(value)
    return str(value)


def unquote(text: str) -> str:
    """Remove the apostrophe our CSV export puts before formula-like text."""
    if text.startswith("'") and text[1:].startswith(FORMULA_PREFIXES):
        return text[1:]
    return text


def parse_date(value: object) -> dt.date | None:
    """A date from a cell; None when the value is not a date."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        return None
    text = TIME_SUFFIX.sub("", value.strip())
    for pattern, order in DATE_PATTERNS:
        match = pattern.match(text)
        if not match:
            continue
        parts = dict(zip(order, (int(g) for g in match.groups()), strict=True))
        year = parts["y"] + 2000 if parts["y"] < 100 else parts["y"]
        try:
            return dt.date(year, parts["m"], parts["d"])
        except ValueError:
            return None
    return None


def parse_int(value: object) -> tuple[int | None, str | None]:
    """A whole number from a cell: (value, None) or (None, problem key)."""
    if isinstance(value, (bool, dt.date, dt.time)):
        return None, "int"
    if isinstance(value, int):
        return value, None
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            return None, "int"
        return (int(value), None) if value.is_integer() else (None, "not_whole")
    text = SPACES.sub("", str(value)).lower()
    text = re.sub(r"^(kr\.?|nok)|(kr\.?|nok|,-|\.-)$", "", text)
    text = text.replace("\u2212", "-")
    if re.fullmatch(r"[-+]?\d+", text):
        return int(text), None
    if re.fullmatch(r"[-+]?\d{1,3}(\.\d{3})+", text):  # 1.234.567
        return int(text.replace(".", "")), None
    if re.fullmatch(r"[-+]?\d{1,3}(,\d{3}){2,}", text):  # 1,234,567
        return int(text.replace(",", "")), None
    match = re.fullmatch(r"([-+]?\d+)[.,](\d+)", text)
    if match:
        return (int(match.group(1)), None) if set(match.group(2)) == {"0"} else (None, "not_whole")
    return None, "int"


DECIMAL_TEXT = re.compile(r"[-+]?(\d+([.,]\d*)?|[.,]\d+)([eE][-+]?\d+)?")


def parse_float(value: object) -> float | None:
    """A number with or without decimals from a cell; None when it is not one.

    Norwegian first: «12,5», «1 234,5» (spaces of any kind between the
    thousands), «1.234,5»; English «12.5» and «1,234.5» too. One comma or one
    dot is the decimal sign («1,234» is 1,234, as a Norwegian reads it);
    several of one kind, in groups of three, are thousands. «kr» and a
    trailing «%» are allowed (the value is the number as written: 12,5 % is
    12,5). Never infinite or not-a-number."""
    if isinstance(value, (bool, dt.date, dt.time)):
        return None
    if isinstance(value, (int, float)):
        number = float(value)
        return number if math.isfinite(number) else None
    text = SPACES.sub("", str(value)).lower().replace("\u2212", "-")
    text = re.sub(r"^(kr\.?|nok)|(kr\.?|nok|,-|\.-|%)$", "", text)
    if "," in text and "." in text:
        decimal = "," if text.rfind(",") > text.rfind(".") else "."
        thousands = "." if decimal == "," else ","
        whole, _, fraction = text.rpartition(decimal)
        if not re.fullmatch(r"[-+]?\d{1,3}(" + re.escape(thousands) + r"\d{3})+", whole) or not fraction.isdigit():
            return None
        text = whole.replace(thousands, "") + "." + fraction
    elif text.count(",") > 1 or text.count(".") > 1:
        sign = "," if "," in text else "."
        if not re.fullmatch(r"[-+]?\d{1,3}(" + re.escape(sign) + r"\d{3})+", text):
            return None
        text = text.replace(sign, "")
    if not DECIMAL_TEXT.fullmatch(text):
        return None
    number = float(text.replace(",", "."))
    return number if math.isfinite(number) else None


def parse_bool(value: object) -> bool | None:
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)) and value in (0, 1):
        return bool(value)
    if isinstance(value, str):
        word = value.strip().casefold()
        if word in T.TRUE_WORDS:
            return True
        if word in T.FALSE_WORDS:
            return False
    return None


def parse_cell(column: schema.Column, value: object, from_csv: bool = False) -> tuple[object, str | None]:
    """A cell as the column's type: (value, None), or (None, Norwegian problem)."""
    if isinstance(value, CellError):
        return None, P["cell_error"].format(value=excerpt(str(value)))
    if isinstance(value, Formula):
        return None, P["formula"].format(formula=excerpt(str(value)))
    if isinstance(value, str):
        if from_csv:
            value = unquote(value)
        if not value.strip():
            value = None
    if value is None:
        return ([] if column.is_list else None), None
    kind = column.type_name
    if column.is_list:
        items = [i.strip() for i in show(value).split(LIST_SEPARATOR)]
        items = [i for i in items if i]
        if column.allowed and any(i not in column.allowed for i in items):
            # "a, b" where a and b are allowed: the user meant two items
            split = [p.strip() for i in items for p in i.split(",") if p.strip()]
            if all(p in column.allowed for p in split):
                items = split
        return items, None
    if kind == "string":
        return show(value), None
    if kind == "date":
        parsed = parse_date(value)
        return (parsed, None) if parsed else (None, P["date"].format(value=excerpt(show(value))))
    if kind == "int":
        parsed, problem = parse_int(value)
        if problem:
            return None, _int_problem(column, problem, excerpt(show(value)))
        return parsed, None
    if kind == "float":
        parsed = parse_float(value)
        return (parsed, None) if parsed is not None else (None, P["float"].format(value=excerpt(show(value))))
    if kind == "bool":
        parsed = parse_bool(value)
        return (parsed, None) if parsed is not None else (None, P["bool"].format(value=excerpt(show(value))))
    return value, None


def _int_problem(column: schema.Column, problem: str, shown: str) -> str:
    """The message for a cell that is not a whole number, in the column's terms."""
    low, high = column.minimum, column.maximum
    if column.name == "year" and problem == "int":
        return P["year"].format(value=shown)
    if low is not None and high is not None:
        key = "int_range" if problem == "int" else "not_whole_range"
        return P[key].format(value=shown, minimum=low, maximum=high)
    if low is not None and problem == "int":
        return P["int_minimum"].format(value=shown, minimum=low)
    return P[problem].format(value=shown)


# -- whole columns at once ----------------------------------------------------------

_SLOW = object()  # a cell the column's fast path leaves to `parse_cell`
_DATE = dt.date
_finite = math.isfinite


def _bool_words() -> dict[str, bool]:
    words: dict[str, bool] = {}
    for value, group in ((True, T.TRUE_WORDS), (False, T.FALSE_WORDS)):
        for word in group:
            for form in (word, word.capitalize(), word.upper()):
                words[form] = value
    return words


BOOL_WORDS = _bool_words()


def parse_column(column: schema.Column, values: list, from_csv: bool = False) -> tuple[list, list[tuple[int, str]]]:
    """Every cell of one column, as `parse_cell` parses each of them (an
    empty cell is "" or None), and then as `validate.normalize` leaves them
    (text trimmed, empty text missing): (values, [(position, problem)]).

    The usual cells (text, whole numbers, dates, «Ja»/«Nei», as the template,
    Excel and Norwegian CSV files hold them) are parsed by one comprehension
    per column; every other cell, and every problem, goes through
    `parse_cell` itself, once per distinct text."""
    kind = column.type_name
    if column.is_list:
        out = _list_column(column, values, from_csv)
    elif kind == "string":
        if from_csv:
            out = [(v.strip() or None) if v.__class__ is str and v[:1] != "'" else (None if v is None else _SLOW)
                   for v in values]
        else:
            out = [(v.strip() or None) if v.__class__ is str else (None if v is None else _SLOW) for v in values]
    elif kind == "int":
        out = [int(v) if v.__class__ is float and v.is_integer() else
               (v if v.__class__ is int else
                (None if v == "" or v is None else
                 (int(v) if v.__class__ is str and v.isdigit() and v.isascii() else _SLOW))) for v in values]
    elif kind == "float":
        out = [v if v.__class__ is float and _finite(v) else
               (float(v) if v.__class__ is int else (None if v == "" or v is None else _SLOW)) for v in values]
    elif kind == "date":
        out = [v if v.__class__ is _DATE else (None if v == "" or v is None else _SLOW) for v in values]
    elif kind == "bool":
        words = BOOL_WORDS
        out = [words.get(v, _SLOW) if v.__class__ is str and v else (None if v == "" or v is None else _SLOW)
               for v in values]
    else:
        out = [_SLOW] * len(values)
    problems: list[tuple[int, str]] = []
    if _SLOW in out:  # identity first: no other value equals the marker
        text = kind == "string" and not column.is_list
        memo: dict[str, tuple[object, str | None]] = {}
        for position, value in enumerate(out):
            if value is not _SLOW:
                continue
            raw = values[position]
            if raw.__class__ is str:
                result = memo.get(raw)
                if result is None:
                    result = memo[raw] = parse_cell(column, raw, from_csv)
            else:
                result = parse_cell(column, raw, from_csv)
            parsed, problem = result
            if parsed.__class__ is list:
                parsed = list(parsed)  # one list per cell, though the text repeats
            elif text and isinstance(parsed, str):
                parsed = parsed.strip() or None
            out[position] = parsed
            if problem:
                problems.append((position, problem))
    return out, problems


def _list_column(column: schema.Column, values: list, from_csv: bool) -> list:
    allowed = set(column.allowed) if column.allowed else None
    sep = LIST_SEPARATOR
    out = []
    for v in values:
        if v.__class__ is not str or (from_csv and v[:1] == "'"):
            out.append([] if v is None else _SLOW)
            continue
        items = [i.strip() for i in v.split(sep)]
        items = [i for i in items if i]
        if allowed is not None and items and not allowed.issuperset(items):
            out.append(_SLOW)  # perhaps "a, b" for two known values: parse_cell decides
            continue
        out.append(items)
    return out
