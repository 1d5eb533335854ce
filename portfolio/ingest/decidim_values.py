"""Values in Decidim's open-data CSV files, parsed a column at a time.

Decidim's CSV exporter (decidim-core, `Decidim::Exporters::CSV#flatten`)
flattens each serialized record: nested hashes become `a/b` columns (a
translated text is `title/nb`, `title/en`, …, machine translations
`title/machine_translations/<locale>`), arrays are joined with ", " after
Ruby's `to_s` (so 0.30's `taxonomies/name`, an array of translation hashes,
reads `{"nb"=>"Miljø", "en"=>"Environment"}, {…}`), nil is an empty field,
a BigDecimal is written as Ruby writes it (`0.45e2`), a Date as `2024-01-15`
and a time as `2024-05-10 16:00:00` (`to_s(:db)`, UTC), `… UTC` or
`… +0200`. A translation hash that was nil flattens to one column without a
locale (`category/name`), and is read as well.

`Columns` wraps one file's cells (every cell a string, "" when empty) and
parses columns into plain values; each cell it cannot read becomes a
FileProblem naming the file, the row as a spreadsheet numbers it (header =
row 1) and the column as Decidim names it.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

import numpy as np
import pandas as pd

from portfolio.ingest.reading import FileProblem, Source
from portfolio.texts import decidim as T

R = T.REFUSED
LOCALES = ("nb", "no", "nn", "en")  # preferred first; then any other, in the file's column order
MACHINE = "machine_translations"
MAX_PROBLEMS = 50  # per file; the rest are counted
INTEGER = r"-?\d{1,18}(?:\.0+)?"  # 19 digits and more do not fit an int64
TAG = r"<[A-Za-z/!?]"
CHARREF = r"&(?:#\d+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);"
BLOCK_TAGS = frozenset({
    "p", "div", "br", "li", "ul", "ol", "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6",
    "tr", "table", "blockquote", "pre", "section", "article", "header", "footer", "hr",
    "figure", "figcaption", "address", "details", "summary",
})
HIDDEN_TAGS = frozenset({"script", "style", "template", "head", "title", "noscript"})
SPACES = re.compile(r"[ \t\r\n\f\v\xa0]+")


class _PlainText(HTMLParser):
    """HTML to plain text: tags dropped, blocks on lines of their own, the
    contents of script and style (never visible on a page) dropped."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag, attrs):
        if tag in HIDDEN_TAGS:
            self.hidden += 1
        elif tag in BLOCK_TAGS:
            self.parts.append("\n")

    def handle_startendtag(self, tag, attrs):
        if tag in BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in HIDDEN_TAGS:
            self.hidden = max(0, self.hidden - 1)
        elif tag in BLOCK_TAGS and tag != "br":
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.hidden:
            self.parts.append(SPACES.sub(" ", data))

    def text(self, markup: str) -> str:
        self.reset()
        self.parts, self.hidden = [], 0
        self.feed(markup)
        self.close()
        lines = (line.strip() for line in "".join(self.parts).split("\n"))
        return "\n".join(line for line in lines if line)


def html_to_text(markup: str) -> str:
    """The text a reader sees in `markup`, paragraphs on lines of their own; never markup."""
    return _PlainText().text(markup)


# Simple HTML, as Decidim's editor writes it: every «<» opens a tag that holds no other «<» or
# «>» (a «>» in a quoted value leaves a stray «>» behind, so such a cell is not simple), and no
# script, style or comment. Simple cells are converted a column at a time (the regular
# expressions run in Arrow); any other cell goes through _PlainText.
SIMPLE_TAG = r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>"
NOT_SIMPLE = r"(?i)<(?:" + "|".join(sorted(HIDDEN_TAGS)) + r")\b"
BREAK_TAG = r"(?i)<br\b[^>]*>|</?(?:" + "|".join(sorted(BLOCK_TAGS - {"br"})) + r")\b[^>]*>"
BREAK = "\x00"  # a line break to be; a CSV cell never holds NUL (such files are refused)


def html_column_to_text(values: pd.Series) -> list[str]:
    """html_to_text for every cell of `values` (a column of str)."""
    simple = ~(values.str.replace(SIMPLE_TAG, "", regex=True).str.contains("[<>]", regex=True)
               | values.str.contains(NOT_SIMPLE, regex=True))
    text = (values[simple].str.replace(BREAK_TAG, BREAK, regex=True)
            .str.replace(SIMPLE_TAG, "", regex=True).astype(object))
    entities = text.str.contains("&", regex=False)
    text[entities] = [html.unescape(v) for v in text[entities]]
    text = (text.astype("str").str.replace(r"[ \t\n\r\f\v\xa0]+", " ", regex=True)
            .str.replace(r" ?\x00[ \x00]*", "\n", regex=True).str.strip())
    parser = _PlainText()
    out = pd.Series([""] * len(values), index=values.index, dtype=object)
    out[simple] = text
    out[~simple] = [parser.text(v) for v in values[~simple]]
    return out.tolist()


def _unescape_ruby(text: str) -> str:
    simple = {"n": "\n", "t": "\t", "r": "\r", "e": "\x1b", "s": " ", "0": "\0"}

    def one(m: re.Match) -> str:
        e = m.group(1)
        if e.startswith("u{"):
            return "".join(chr(int(h, 16)) for h in e[2:-1].split())
        if e[0] in "ux":
            return chr(int(e[1:], 16))
        return simple.get(e, e)

    return re.sub(r"\\(u\{[0-9a-fA-F ]+\}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|.)", one, text)


RUBY_TOKEN = re.compile(r'"((?:[^"\\]|\\.)*)"|([A-Za-z_][\w-]*):(?!:)|(=>|:)|([{}])|(nil|null)')


def first_translation(text: str) -> str:
    """The preferred locale's text of the first translation hash in `text`, a
    list of hashes as Ruby prints them (`{"nb"=>"Miljø", "en"=>"…"}, {…}`);
    "" when it has none."""
    depth, key, outer, arrow = 0, None, None, False
    direct: dict[str, str] = {}
    machine: dict[str, str] = {}
    for m in RUBY_TOKEN.finditer(text):
        string, symbol, separator, brace, nil = m.groups()
        if brace == "{":
            outer = key if depth == 1 and arrow else outer
            depth, key, arrow = depth + 1, None, False
        elif brace == "}":
            depth -= 1
            if depth <= 0:
                break
        elif separator or symbol is not None:
            key, arrow = (symbol, True) if symbol is not None else (key, True)
        elif string is not None or nil:
            value = _unescape_ruby(string) if string is not None else ""
            if arrow:
                target = direct if depth == 1 else machine if outer == MACHINE else None
                if target is not None and key is not None:
                    target[key] = value
                key, arrow = None, False
            else:
                key = value
    for texts in (direct, machine):
        for locale in (*LOCALES, *texts):
            if texts.get(locale, "").strip():
                return texts[locale].strip()
    return ""


def locale_columns(columns, field: str) -> list[str]:
    """The columns holding `field`'s text, most preferred first."""
    def children(prefix: str) -> dict[str, str]:
        return {c[len(prefix):]: c for c in columns if c.startswith(prefix) and "/" not in c[len(prefix):]}

    ordered = [field] if field in columns else []
    for found in (children(f"{field}/"), children(f"{field}/{MACHINE}/")):
        found.pop(MACHINE, None)
        ordered += [found[lo] for lo in LOCALES if lo in found] + [c for lo, c in found.items() if lo not in LOCALES]
    return ordered


def _objects(values: pd.Series) -> pd.Series:
    """Text as Python str, None where empty."""
    return values.astype(object).where(values != "", None)


class Columns:
    """One file's cells and the problems found in them."""

    def __init__(self, frame: pd.DataFrame, file: str, table: str):
        self.frame = frame
        self.n = len(frame)
        self.source = Source("file", file=file, csv=True)
        self.table = table
        self.problems: list[FileProblem] = []
        self.more = 0

    # -- problems ---------------------------------------------------------------
    def problem(self, message: str, row: int | None = None, column: str | None = None) -> None:
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(FileProblem(message, self.source, self.table, row, column))
        else:
            self.more += 1

    def cells(self, bad: pd.Series, column: str, key: str, **values) -> None:
        """A problem for each cell where `bad` holds, in row order."""
        raw = self.raw(column)
        for position in np.flatnonzero(bad.to_numpy(dtype=bool)):
            if len(self.problems) >= MAX_PROBLEMS:
                self.more += int(bad.sum()) - int(bad.iloc[:position].sum())
                return
            self.problem(R[key].format(value=raw.iloc[position], **values), int(position) + 2, column)

    def all_problems(self) -> list[FileProblem]:
        if self.more:
            return [*self.problems, FileProblem(R["more_problems"].format(count=self.more), self.source, self.table)]
        return self.problems

    # -- columns ----------------------------------------------------------------
    def has(self, field: str) -> bool:
        return any(c == field or c.startswith(f"{field}/") for c in self.frame.columns)

    def empty(self) -> pd.Series:
        return pd.Series([""] * self.n, index=self.frame.index, dtype="str")

    def raw(self, column: str) -> pd.Series:
        """The column's cells, trimmed; "" when empty or when there is no such column."""
        if column not in self.frame.columns:
            return self.empty()
        return self.frame[column].str.strip()

    def plain(self, column: str) -> pd.Series:
        return _objects(self.raw(column))

    def first_of(self, *columns: str) -> str:
        """The first of `columns` the file has (the last as a fallback)."""
        return next((c for c in columns if c in self.frame.columns), columns[-1])

    def translated(self, field: str) -> pd.Series:
        """`field` in the preferred locale: nb, no, nn, en, then the first non-empty."""
        result = self.empty()
        for column in locale_columns(self.frame.columns, field):
            result = result.where(result != "", self.raw(column))
        return result

    def text(self, field: str) -> pd.Series:
        return _objects(self.translated(field))

    def rich_text(self, field: str) -> pd.Series:
        """A translated HTML text as plain text (paragraphs as lines)."""
        values = self.translated(field).str.replace("\r\n", "\n")
        tags = values.str.contains(TAG, regex=True)
        refs = values.str.contains(CHARREF, regex=True) & ~tags
        out = values.astype(object)
        if tags.any():
            out[tags] = html_column_to_text(values[tags])
        if refs.any():
            out[refs] = [html.unescape(v).strip() for v in values[refs]]
        return out.where(out != "", None)

    def taxonomy(self) -> pd.Series:
        """The first taxonomy's name (Decidim 0.30+: `taxonomies/id`, `taxonomies/name`)."""
        if locale_columns(self.frame.columns, "taxonomies/name") == ["taxonomies/name"]:
            names, ids = self.raw("taxonomies/name"), self.raw("taxonomies/id")
            return pd.Series([_first_taxonomy(n, i) for n, i in zip(names, ids, strict=True)],
                             index=self.frame.index, dtype=object)
        return self.text("taxonomies/name")

    def integer(self, column: str) -> pd.Series:
        values = self.raw(column)
        ok = values.str.fullmatch(INTEGER)
        self.cells((values != "") & ~ok, column, "not_integer")
        return pd.to_numeric(values.where(ok), errors="coerce").astype("Int64")

    def number(self, column: str) -> pd.Series:
        values = self.raw(column)
        numbers = pd.to_numeric(values.where(values != ""), errors="coerce").astype("float64")
        self.cells((values != "") & numbers.isna(), column, "not_number")
        return numbers

    def date(self, column: str) -> pd.Series:
        values = self.raw(column)
        dates = pd.to_datetime(values.where(values != ""), format="%Y-%m-%d", errors="coerce")
        self.cells((values != "") & dates.isna(), column, "not_date")
        return dates.dt.date.astype(object).where(dates.notna(), None)

    def time(self, column: str) -> pd.Series:
        """Times as UTC without a zone; a time without an offset is UTC (Rails' `to_s(:db)`)."""
        values = self.raw(column)
        iso = (values.str.replace(r"\s*\bUTC$", "+00:00", regex=True)
                     .str.replace(r"\s*([+-]\d{2}):?(\d{2})$", r"\1:\2", regex=True))
        times = pd.to_datetime(iso.where(values != ""), utc=True, format="ISO8601", errors="coerce")
        self.cells((values != "") & times.isna(), column, "not_time")
        return times.dt.tz_convert(None).astype("datetime64[us]")


def _first_taxonomy(names: str, ids: str) -> str | None:
    if not names:
        return None
    if names.startswith("{"):
        name = first_translation(names)
    else:  # plain names joined with ", ": split only where the ids say how many
        count = len([i for i in ids.split(",") if i.strip()])
        parts = names.split(", ")
        name = parts[0] if count > 1 and len(parts) == count else names
    return name.strip() or None
