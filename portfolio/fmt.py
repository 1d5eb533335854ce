"""Norwegian formats for amounts, numbers, percentages and dates (Babel, nb_NO),
and the one way to put text from the data on screen (`literal`).

Babel separates thousands with a no-break space, so "1 234 567 kr" never
wraps inside a number.

Data is never markup. Streamlit renders Markdown almost everywhere: st.markdown,
st.write, captions, titles and headers, alerts, expander, tab, metric and widget
labels, tooltips (`help=`) and st.table's cells. Text from the data or the URL
goes there only as `literal(text)`, or as an argument of `markdown(template,
...)` / `join(separator, parts)`, which make every argument literal. What these
return is a `Markdown` string; `literal` gives one back as it is, so making a
text literal twice changes nothing. Widgets that never interpret Markdown
(st.text, st.code, st.dataframe's text columns, a selectbox's options) take the
plain text. tests/test_markup.py checks the pages and the web layer for this.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable
from zoneinfo import ZoneInfo

import numpy as np
import pandas as pd
from babel.dates import format_date
from babel.numbers import format_decimal, format_percent
from markupsafe import Markup, escape

LOCALE = "nb_NO"


def missing(value) -> bool:
    """None, NaN, NaT and pandas' NA are all 'no value'."""
    if value is None:
        return True
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


class Markdown(str):
    """Text that is Markdown on purpose, made only here: data made literal
    (`literal`), the app's own template with every argument made literal
    (`markdown`, `join`), or a number or date in Norwegian format (`kr`,
    `number`, …: digits, spaces, signs and "kr" mean nothing in Markdown).
    `literal` gives it back as it is. (A str method, `+` or an f-string gives
    a plain str again, which `literal` escapes.)"""

    __slots__ = ()


def memoised(format_func: Callable[[object], str]) -> Callable[[object], Markdown]:
    """Remember each value's text: Babel takes tens of microseconds a value,
    and tables format the same amounts and dates on every rerun. The text is
    `Markdown`: a formatted number or date means nothing in Markdown."""

    def as_markdown(value) -> Markdown:
        return Markdown(format_func(value))

    cached = functools.lru_cache(maxsize=65536)(as_markdown)

    @functools.wraps(format_func)
    def wrapper(value) -> Markdown:
        try:
            return cached(value)
        except TypeError:  # not hashable
            return as_markdown(value)

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
def decimal(value: float | int | None) -> str:
    """3.6 -> '3,6', 1234.5 -> '1 234,5', 4.0 -> '4': at most two decimals."""
    if missing(value):
        return "–"
    return format_decimal(value, format="#,##0.##", locale=LOCALE)


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


# Times are stored in UTC and shown in Norwegian local time
LOCAL_TIME = ZoneInfo("Europe/Oslo")


@memoised
def date_time(value: dt.datetime | str | None) -> str:
    """A moment (a datetime, naive ones are UTC, or an ISO 8601 string) in
    Norwegian local time: '16.11.2026 kl. 14.00'."""
    if missing(value) or value == "":
        return "–"
    if isinstance(value, str):
        value = dt.datetime.fromisoformat(value)
    if hasattr(value, "to_pydatetime"):
        value = value.to_pydatetime()
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    moment = value.astimezone(LOCAL_TIME)
    return f"{date(moment.date())} kl. {moment:%H.%M}"


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


# -- data is never markup -------------------------------------------------------------

# Whitespace but the no-break spaces (amounts keep theirs): a line break in the
# data would start a new block (heading, list, quote, code) in the Markdown.
_BREAKING_SPACE = re.compile(r"[^\S\u00a0\u202f]+")
# What Streamlit's Markdown finds in the text itself, also after escapes are
# resolved, broken with an invisible WORD JOINER (U+2060): web addresses
# (`http://…`, `www.…`) and e-mail addresses that GFM turns into links;
# `:name:` codes (emoji, `:streamlit:`, its logo as an image, `:material/…:`
# and `:material_…:` icons); and -> <- <-> -- >= <= ~= that Streamlit turns
# into arrows and dashes.
_TEXT_LEVEL_PATTERNS = re.compile(
    r"(?<=:)(?=//|[\w+/-]+:)|(?i:(?<=www)(?=\.))|(?<=@)(?=[\w-])|(?<=[-<>~])(?=[-<>=~])")
_WORD_JOINER = "\u2060"
# Characters that make Markdown anywhere in a line: escapes, code, emphasis,
# strikethrough, links and images ([ ]), HTML and autolinks (< >), entities
# (&), LaTeX ($), tables (|) and headings (#); a colon before a letter or sign
# (Streamlit's directives such as :red[…] and :help, and its codes); an
# underscore that is not inside a word (inside one it never makes emphasis).
# Without [ and < the others (( ) ! { } . , …) make nothing.
_INLINE_SPECIAL = re.compile(r"([\\`*~\[\]<>&$|#]|:(?=\S)|(?<![^\W_])_|_(?![^\W_]))")
# Block syntax at the start of the text (a list item, a numbered item, a
# setext underline or a rule): the data may start a line of the Markdown.
_BLOCK_START = re.compile(r"^( ?)([-+=]|\d{1,9}[.)](?=\s|$))")
_ESCAPED = re.compile(r"\\([!-/:-@\[-`{-~])")


@functools.lru_cache(maxsize=65536)
def _literal(text: str) -> Markdown:
    text = _BREAKING_SPACE.sub(" ", text)
    text = _TEXT_LEVEL_PATTERNS.sub(_WORD_JOINER, text)
    text = _INLINE_SPECIAL.sub(r"\\\1", text)
    return Markdown(_BLOCK_START.sub(lambda m: f"{m[1]}{m[2][:-1]}\\{m[2][-1]}", text))


def literal(text: object) -> Markdown:
    """Text from the data or the URL (names, summaries, comments, notes, file
    names, a link's parameters) as Markdown that shows exactly that text, on
    one line: no links, images, headings, emphasis, lists, quotes, HTML,
    colours, icons, emoji, LaTeX or web addresses turned into links.

    Each run of line breaks, tabs and spaces becomes one space (the text never
    starts a block of its own; an indented code block needs four spaces), the
    characters that make Markdown are escaped with a backslash (block syntax
    only at the start), and the patterns Streamlit finds in plain text are
    broken with an invisible word joiner. A `Markdown` value (already
    literal, made by `markdown`/`join`, or a formatted number or date) is
    returned as it is."""
    if isinstance(text, Markdown):
        return text
    return _literal(str(text))


def markdown(template: str, /, *args: object, **kwargs: object) -> Markdown:
    """`template.format(...)` with every argument made literal (`literal`):
    the template is the app's own Markdown (a texts constant or a literal
    string), the arguments may come from the data."""
    return Markdown(template.format(*map(literal, args), **{k: literal(v) for k, v in kwargs.items()}))


def join(separator: str, parts) -> Markdown:
    """`separator.join(parts)` with every part made literal; the separator
    is the app's own Markdown (e.g. "\n" between list items)."""
    return Markdown(separator.join(literal(part) for part in parts))


def plain(text: str) -> str:
    """The text a `Markdown` made here shows, for places that show text as it
    is (a chart's description, read by screen readers): escapes and word
    joiners removed."""
    return _ESCAPED.sub(r"\1", str(text)).replace(_WORD_JOINER, "")


# The Markdown `html` turns into tags: the app's own bold and links (to a web
# or e-mail address); an escaped character is that character, a word joiner nothing
_HTML_TOKEN = re.compile(
    r"\\([!-/:-@\[-`{-~])|\*\*|\[((?:\\.|[^\]\\])*)\]\(((?:https?://|mailto:)[^)\s]*)\)|\u2060")
_MARKED = re.compile(r"[\\*\[\u2060]")  # a text without these is only escaped


def html(text: object) -> Markup:
    """Text as HTML that shows what `literal(text)` shows on a page: text
    from the data escaped (never markup), a `Markdown` made here with the
    app's own bold and links as tags. For the static site
    (portfolio/present/site.py), whose templates escape everything else."""
    return _html(literal(text))


def _html(text: str) -> Markup:
    if not _MARKED.search(text):
        return escape(text)
    parts, start, bold = [], 0, False
    for token in _HTML_TOKEN.finditer(text):
        parts.append(escape(text[start:token.start()]))
        if token[1] is not None:
            parts.append(escape(token[1]))
        elif token[0] == "**":
            parts.append(Markup("</strong>" if bold else "<strong>"))
            bold = not bold
        elif token[3] is not None:
            parts.append(Markup('<a href="{}">{}</a>').format(token[3], _html(token[2])))
        start = token.end()
    parts.append(escape(text[start:]))
    if bold:
        parts.append(Markup("</strong>"))
    return Markup("").join(parts)


def literal_table(data):
    """A table for st.table, which renders every cell as Markdown: a
    DataFrame with every cell and column name made literal (an empty cell
    shows empty), or a Styler on such cells with the same styles (Styler.use;
    a Styler's value formats are not kept: format values as text first). A
    Styler's column names are kept and must be plain words (the app's own)."""
    from pandas.io.formats.style import Styler

    if isinstance(data, Styler):
        marked = [c for c in data.data.columns if literal(c) != str(c)]
        if marked:
            raise ValueError(f"a styled table's column names must be plain words: {marked}")
        return _literal_cells(data.data).style.use(data.export())
    frame = _literal_cells(data)
    frame.columns = literal_names(frame.columns)
    if not isinstance(frame.index, pd.RangeIndex):
        frame.index = literal_names(frame.index)
    return frame


def _literal_cell(value: object) -> Markdown:
    return literal("" if missing(value) else value)


def _literal_cells(frame: pd.DataFrame) -> pd.DataFrame:
    """`frame.map(_literal_cell)`, column by column from Python lists (DataFrame.map
    costs about 60 µs a column more: 0.77 → 0.41 ms for a 52 × 6 table)."""
    columns = literal_columns(frame)
    if columns is None:
        return frame.map(_literal_cell)  # map keeps another column type (categorical, nullable) as it is
    made = pd.DataFrame(dict(enumerate(columns)), index=frame.index, dtype="str")
    made.columns = frame.columns
    return made


def literal_columns(frame: pd.DataFrame) -> list[list[str]] | None:
    """The cells of `literal_table(frame)`, column by column, when the frame
    holds only numpy columns and pandas' text (which `literal_table` turns
    into text columns); None for an empty frame or any other column type."""
    if frame.empty or not all(isinstance(dtype, np.dtype) or dtype == "str" for dtype in frame.dtypes):
        return None
    return [[_literal_cell(value) for value in column.tolist()] for _, column in frame.items()]


def literal_names(names) -> list[str]:
    """Column or row names as `literal_table` shows them."""
    return [_literal_cell(name) for name in names]


def as_text(frame: pd.DataFrame, formats: dict[str, Callable[[object], str]]) -> pd.DataFrame:
    """Columns that may hold empty values, formatted as text: st.dataframe
    shows an empty cell as "None" whatever a Styler says, so "–" must be the
    value itself."""
    return frame.assign(**{column: frame[column].map(format_func) for column, format_func in formats.items()})
