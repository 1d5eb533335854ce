"""Data is never markup.

Streamlit renders Markdown nearly everywhere, so text from the data (names,
summaries, comments, notes, people) or from the URL (`?snapshot=`, `?from=`,
`?since=`, `?initiative=`) must reach the screen through one helper,
`portfolio.fmt.literal` (or `fmt.markdown`/`fmt.join`, which make every
argument literal; `fmt.literal_table` for st.table), or through a widget that
never interprets Markdown (st.text, st.code, st.dataframe's text columns, a
selectbox's options).

The static check (`markup_violations`), over views/*.py, dashboard.py,
public.py and portfolio/web/*.py:

1. Markdown arguments. For a call of one of the methods in `MARKDOWN_ARGS`
   (on `st` or on any container: `st.sidebar`, a column, a tab…), the
   arguments listed there, and `help=` of every call (a tooltip is Markdown),
   must be *safe*. st.table's data must be `fmt.literal_table(...)`, or
   `tables.literal_table(...)` (portfolio/web/tables.py: the same, made once
   per table object and converted to Arrow; tests/test_converted.py checks
   that the browser gets the same bytes).
2. Safe is, recursively:
   - a constant (string, number), or an f-string whose values are safe;
   - the app's own words: a name imported from portfolio.texts (or `texts`
     itself), a module-level name assigned only from such (`P, C = T.PAGE,
     T.COLUMNS`), and any attribute or item of them (`T.RELATION[key]`);
   - a call of `fmt.literal`, `fmt.literal_table` or a number/date format of
     fmt (`kr`, `number`, `percent`, `date`, `signed_kr`, `signed_percent`),
     or of `fmt.markdown`/`fmt.join` whose template/separator is safe;
   - `<the app's own words>.format(...)` whose arguments are all safe
     (`**{k: fmt.number(v) ...}` included); `int(...)` and `len(...)`;
   - `a + b` and `a if c else b` of safe parts; `<safe>.join(...)` of a list,
     tuple or comprehension of safe items; a comprehension variable over the
     app's own words (`for line in T.OK`, `enumerate(T.OK)`);
   - a lambda whose body is safe (st.radio's `format_func`: its options are Markdown).
   HTML (st.html, `unsafe_allow_html=True`) takes string constants only:
   fmt.literal escapes for Markdown, not for HTML.
   Anything else (a variable, an attribute of a view model, a call) is data
   until it is wrapped in `fmt.literal(...)`. What present builds as Markdown
   on purpose (`fmt.Markdown`, e.g. the initiative's facts) passes through
   `fmt.literal` unchanged, so the page wraps it all the same.
3. `ALLOWED` is the tiny list of arguments that are provably not data, each
   with its reason; `PENDING` lists violations in files their owners are
   changing (to be fixed there and removed from the list; nothing new may be
   added).

A second check keeps the helper honest: `fmt.Markdown(...)` is made only in
portfolio/fmt.py, and everywhere in the project `fmt.markdown`'s template and
`fmt.join`'s separator are safe (the app's own words).

The browser test imports hostile text into every text column of the data and
the snapshot's author and note, opens every page (internal and public, and
the URL-parameter error cases) and checks the DOM: no image, link, heading,
bold or italic, colour, icon or formula made from the data.
"""

from __future__ import annotations

import ast
import contextlib
import datetime as dt
import re
from pathlib import Path
from urllib.parse import quote

import pytest

from conftest import NAMED_PAGES, ROOT, budget, existing_files, initiative, milestone, tables
from portfolio.store.snapshots import Store

# -- the static check -----------------------------------------------------------------

ALL = "*"  # every positional argument
# Method name -> (Markdown positions, Markdown keywords). `help=` is checked on every call.
_LABEL = ((0,), ("label",))
MARKDOWN_ARGS: dict[str, tuple] = {
    "markdown": ((0,), ("body",)),
    "write": (ALL, ()),
    "caption": ((0,), ("body",)),
    "title": ((0,), ("body",)),
    "header": ((0,), ("body",)),
    "subheader": ((0,), ("body",)),
    "error": ((0,), ("body",)),
    "warning": ((0,), ("body",)),
    "info": ((0,), ("body",)),
    "success": ((0,), ("body",)),
    "toast": ((0,), ("body",)),
    "spinner": ((0,), ("text",)),
    "progress": ((1,), ("text",)),
    "expander": _LABEL,
    "popover": _LABEL,
    "status": _LABEL,
    "tabs": ((0,), ("tabs",)),
    "metric": ((0, 1, 2), ("label", "value", "delta")),
    "page_link": ((1,), ("label",)),
    "link_button": _LABEL,
    "button": _LABEL,
    "download_button": _LABEL,
    "form_submit_button": _LABEL,
    "checkbox": _LABEL,
    "toggle": _LABEL,
    "selectbox": _LABEL,
    "multiselect": _LABEL,
    "text_input": _LABEL,
    "text_area": _LABEL,
    "number_input": _LABEL,
    "date_input": _LABEL,
    "time_input": _LABEL,
    "file_uploader": _LABEL,
    "slider": _LABEL,
    "select_slider": _LABEL,
    "color_picker": _LABEL,
    "camera_input": _LABEL,
    "audio_input": _LABEL,
    "radio": ((0,), ("label", "captions", "format_func")),
    "pills": ((0,), ("label", "format_func")),
    "segmented_control": ((0,), ("label", "format_func")),
    "table": ((0,), ("data",)),
}
FMT_SAFE = {"literal", "literal_table", "kr", "number", "percent", "date", "signed_kr", "signed_percent"}
FMT_TEMPLATED = {"markdown", "join"}  # safe when their first argument is

# (file, enclosing function, argument as source) -> why it is not data
ALLOWED = {
    ("portfolio/web/ui.py", "snapshot_context", "texts.NO_DATA.format(path=root)"):
        "the data folder's path from the configuration (PORTFOLIO_DATA), set by whoever runs the server; "
        "it stands in a code span, where escapes would show",
    ("views/public_page.py", "<module>", "T.NO_PUBLIC_EXPORT.format(path=missing)"):
        "the public export's folder from the configuration (PORTFOLIO_PUBLIC_DATA), set by whoever runs the "
        "server; it stands in a code span, where escapes would show",
    ("portfolio/web/auth.py", "check_local_mode", "refusal"):
        "the app's own refusal (texts.auth) with the server's own address and port from its configuration",
}
# Violations in files their owners are changing: to be fixed there (the value
# says how) and then removed from here. Nothing new may be added.
PENDING = {
}


def checked_files() -> list[Path]:
    return [*existing_files(ROOT / "views", "*.py"), ROOT / "dashboard.py", ROOT / "public.py",
            *existing_files(ROOT / "portfolio" / "web", "*.py")]


class _Module:
    """What a module's names mean: which are the app's own words (texts), which is fmt."""

    def __init__(self, tree: ast.Module):
        self.texts: set[str] = set()
        self.fmt: set[str] = set()
        self.tables: set[str] = set()  # portfolio.web.tables (its literal_table)
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module:
                for alias in node.names:
                    name = alias.asname or alias.name
                    if (node.module == "portfolio.texts" or node.module.startswith("portfolio.texts.")
                            or (node.module == "portfolio" and alias.name == "texts")):
                        self.texts.add(name)
                    elif node.module == "portfolio" and alias.name == "fmt":
                        self.fmt.add(name)
                    elif node.module == "portfolio.web" and alias.name == "tables":
                        self.tables.add(name)
        for node in tree.body:  # module-level names bound to the app's own words
            if isinstance(node, ast.Assign):
                for target in node.targets:
                    pairs = (zip(target.elts, node.value.elts, strict=False)
                             if isinstance(target, ast.Tuple) and isinstance(node.value, ast.Tuple)
                             else [(target, node.value)])
                    for name, value in pairs:
                        if isinstance(name, ast.Name) and self.is_words(value):
                            self.texts.add(name.id)

    def is_words(self, node: ast.AST) -> bool:
        """The app's own words: texts, or an attribute or item of them."""
        while isinstance(node, (ast.Attribute, ast.Subscript)):
            node = node.value
        return isinstance(node, ast.Name) and node.id in self.texts

    def is_fmt(self, func: ast.AST, names: set[str]) -> bool:
        return (isinstance(func, ast.Attribute) and func.attr in names
                and isinstance(func.value, ast.Name) and func.value.id in self.fmt)

    def is_literal_table(self, func: ast.AST) -> bool:
        """`fmt.literal_table`, or `tables.literal_table` (the same, kept per table object)."""
        return self.is_fmt(func, {"literal_table"}) or (
            isinstance(func, ast.Attribute) and func.attr == "literal_table"
            and isinstance(func.value, ast.Name) and func.value.id in self.tables)

    def comprehension_names(self, generators: list[ast.comprehension], env: frozenset) -> frozenset:
        """Names bound by a comprehension over the app's own words."""
        for gen in generators:
            source = gen.iter
            if isinstance(source, ast.Call) and isinstance(source.func, ast.Name) and source.func.id == "enumerate":
                source = source.args[0] if source.args else source
            elif (isinstance(source, ast.Call) and isinstance(source.func, ast.Attribute)
                  and source.func.attr in ("items", "values", "keys") and not source.args):
                source = source.func.value
            if self.is_words(source) or (isinstance(source, ast.Name) and source.id in env):
                env = env | {n.id for n in ast.walk(gen.target) if isinstance(n, ast.Name)}
        return env

    def is_safe(self, node: ast.AST | None, env: frozenset = frozenset()) -> bool:
        if node is None:
            return True
        if isinstance(node, ast.Constant):
            return True
        if isinstance(node, ast.JoinedStr):
            return all(self.is_safe(v.value, env) for v in node.values if isinstance(v, ast.FormattedValue))
        if isinstance(node, ast.Name) and node.id in env:
            return True
        if self.is_words(node):
            return True
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
            return self.is_safe(node.left, env) and self.is_safe(node.right, env)
        if isinstance(node, ast.IfExp):
            return self.is_safe(node.body, env) and self.is_safe(node.orelse, env)
        if isinstance(node, ast.Lambda):
            return self.is_safe(node.body, env)
        if isinstance(node, (ast.List, ast.Tuple)):
            return all(self.is_safe(e, env) for e in node.elts)
        if isinstance(node, (ast.ListComp, ast.GeneratorExp)):
            return self.is_safe(node.elt, self.comprehension_names(node.generators, env))
        if isinstance(node, ast.Call):
            return self._is_safe_call(node, env)
        return False

    def _is_safe_call(self, node: ast.Call, env: frozenset) -> bool:
        func = node.func
        if self.is_fmt(func, FMT_SAFE):
            return True
        if self.is_fmt(func, FMT_TEMPLATED):
            return bool(node.args) and self.is_safe(node.args[0], env)
        if isinstance(func, ast.Name) and func.id in ("int", "len"):
            return True
        if isinstance(func, ast.Attribute) and func.attr == "format":
            template = func.value
            if not (self.is_words(template) or (isinstance(template, ast.Constant) and isinstance(template.value, str))):
                return False
            values = [*node.args, *(k.value for k in node.keywords)]
            return all(self._is_safe_argument(v, env) for v in values)
        if isinstance(func, ast.Attribute) and func.attr == "join" and len(node.args) == 1:
            return self.is_safe(func.value, env) and self.is_safe(node.args[0], env)
        return False

    def _is_safe_argument(self, node: ast.AST, env: frozenset) -> bool:
        """A format argument; `**{...}` and `**{k: v for ...}` by their values."""
        if isinstance(node, ast.Dict):
            return all(self.is_safe(v, env) for v in node.values)
        if isinstance(node, ast.DictComp):
            return self.is_safe(node.value, self.comprehension_names(node.generators, env))
        return self.is_safe(node, env)


def _markdown_arguments(call: ast.Call, module: _Module) -> list[tuple[str, ast.AST]]:
    """(what, argument) of a call's arguments that Streamlit renders as Markdown."""
    func = call.func
    if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) and func.value.id in module.fmt:
        return []  # fmt.markdown is not st.markdown
    out = [("help", k.value) for k in call.keywords if k.arg == "help"]
    if not isinstance(func, ast.Attribute) or func.attr not in MARKDOWN_ARGS:
        return out
    positions, keywords = MARKDOWN_ARGS[func.attr]
    for index, arg in enumerate(call.args):
        if positions == ALL or index in positions:
            out.append((f"{func.attr} argument {index + 1}", arg))
    out += [(f"{func.attr} {k.arg}=", k.value) for k in call.keywords if k.arg in keywords]
    return out


def _html_arguments(call: ast.Call) -> list[tuple[str, ast.AST]]:
    """Arguments rendered as HTML: st.html's body, and every argument of a
    call with unsafe_allow_html (anything but False). Only string constants
    may go there: fmt.literal escapes for Markdown, not for HTML."""
    func = call.func
    unsafe = [k for k in call.keywords if k.arg == "unsafe_allow_html"
              and not (isinstance(k.value, ast.Constant) and k.value.value is False)]
    if isinstance(func, ast.Attribute) and func.attr == "html":
        return [("html body", arg) for arg in call.args[:1]] + [("html body=", k.value) for k in call.keywords
                                                                 if k.arg == "body"]
    if unsafe:
        return [("unsafe_allow_html argument", arg) for arg in [*call.args, *(k.value for k in call.keywords)]
                if arg is not unsafe[0].value]
    return []


def markup_violations(source: str, path: str) -> list[tuple[str, str, str, int, str]]:
    """(path, function, argument source, line, what) of every Markdown argument that is not safe."""
    tree = ast.parse(source)
    module = _Module(tree)
    found = []

    def visit(node: ast.AST, function: str) -> None:
        for child in ast.iter_child_nodes(node):
            inner = child.name if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)) else function
            if isinstance(child, ast.Call):
                for what, arg in _markdown_arguments(child, module):
                    is_table = what.startswith("table ")
                    ok = (module.is_literal_table(arg.func) if isinstance(arg, ast.Call) else False) \
                        if is_table else module.is_safe(arg)
                    if not ok:
                        found.append((path, function, ast.unparse(arg), arg.lineno, what))
                for what, arg in _html_arguments(child):
                    if not (isinstance(arg, ast.Constant) or module.is_words(arg)):
                        found.append((path, function, ast.unparse(arg), arg.lineno, what))
            visit(child, inner)

    visit(tree, "<module>")
    return found


def project_violations() -> list[tuple[str, str, str, int, str]]:
    found = []
    for file in checked_files():
        found += markup_violations(file.read_text(encoding="utf-8"), file.relative_to(ROOT).as_posix())
    return found


def test_every_markdown_argument_is_the_apps_own_words_or_made_literal():
    problems = [
        f"{path}:{line} {what} in {function}(): {arg}  -> wrap the data in fmt.literal(...)"
        for path, function, arg, line, what in project_violations()
        if (path, function, arg) not in ALLOWED and (path, function, arg) not in PENDING
    ]
    assert problems == [], "\n".join(problems)


def test_the_allowed_and_pending_entries_still_exist():
    """An entry whose call is gone (fixed, or moved) leaves the lists."""
    found = {(path, function, arg) for path, function, arg, _, _ in project_violations()}
    assert set(ALLOWED) - found == set()
    assert set(PENDING) - found == set()


def test_the_check_catches_what_it_looks_for():
    source = '''
import streamlit as st
from portfolio import fmt
from portfolio.texts import public as T
P, C = T.PAGE, T.COLUMNS

def page(card, row, year, wanted):
    st.markdown("**Fast**")                                   # constant
    st.write(card.summary)                                    # 1 data
    st.write(fmt.literal(card.summary))
    st.caption(T.COUNT.format(shown=fmt.number(3), total=len(row)))
    st.caption(T.COUNT.format(shown=card.count))              # 2 data in a format
    st.error(P["unknown"].format(snapshot_id=fmt.literal(wanted)))
    st.error(fmt.markdown(P["unknown"], snapshot_id=wanted))
    st.error(fmt.markdown(wanted))                            # 3 a template from data
    st.expander(card.label)                                   # 4 expander label
    c1.metric(T.KPI.format(year=year), fmt.kr(1))             # 5 a number not through fmt
    c1.metric(T.KPI, card.value)                              # 6 metric value
    st.header(row["name"], anchor=False)                      # 7
    st.table(card.money_table)                                # 8 st.table without literal_table
    st.table(fmt.literal_table(card.money_table))
    st.markdown("\\n".join(f"- {line}" for line in T.OK))
    st.markdown("\\n".join(f"- {line}" for line in card.lines))  # 9
    st.markdown("\\n".join(f"- {fmt.literal(line)}" for line in card.lines))
    st.radio(P["mode"], ["a"], format_func=lambda m: P["a"] if m == "a" else P["b"])
    st.radio(P["mode"], ["a"], format_func=lambda m: m)      # 10 radio options are Markdown
    st.selectbox(P["pick"], ["a"], format_func=lambda m: m)  # options of a selectbox are plain
    st.text(card.summary)                                    # never Markdown
    st.tabs([item.label for item in card.items])             # 11
    st.page_link("x.py", label=T.LINK.format(name=row["name"]))  # 12
    st.text_input(P["q"], help=card.help)                    # 13 a tooltip
    st.info(f"**{T.X}** {card.note}")                         # 14 f-string with data
    st.html(fmt.literal(card.note))                           # 15 HTML: constants only
    st.markdown(f"<b>{fmt.literal(card.note)}</b>", unsafe_allow_html=True)  # 16
    st.markdown("<br>", unsafe_allow_html=True)
    from portfolio.web import tables
    st.table(tables.literal_table(card.money_table))
    st.table(card.literal_table(card.money_table))           # 17 not portfolio.web.tables'
'''
    found = markup_violations(source, "example.py")
    assert [line for _, _, _, line, _ in found] == [9, 12, 15, 16, 17, 18, 19, 20, 23, 26, 29, 30, 31, 32, 33, 34, 38]


# -- fmt.Markdown is made only by fmt, from the app's own templates ----------------------

def test_markdown_is_made_only_by_fmt_from_the_apps_own_templates():
    problems = []
    files = [*existing_files(ROOT / "portfolio", "**/*.py"), *checked_files()]
    for file in sorted(set(files)):
        rel = file.relative_to(ROOT).as_posix()
        tree = ast.parse(file.read_text(encoding="utf-8"))
        module = _Module(tree)
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else None
            if name == "Markdown" and rel != "portfolio/fmt.py":
                problems.append(f"{rel}:{node.lineno} makes fmt.Markdown itself: use fmt.literal/markdown/join")
            if module.is_fmt(func, FMT_TEMPLATED) and not (node.args and module.is_safe(node.args[0])):
                problems.append(f"{rel}:{node.lineno} fmt.{func.attr}'s template must be the app's own words")
    assert problems == [], "\n".join(problems)


# -- hostile data -------------------------------------------------------------------------

HOST = "http://127.0.0.1:9/"  # the discard port: nothing answers there
PAYLOAD = (f"![x]({HOST}p.png) [Logg inn]({HOST}x) # Overskrift **fet** _kursiv_ :red[rød] $x^2$ "
           f"<b>b</b> {HOST}auto")
# What Streamlit finds in the text itself (after escapes): its logo, icons, emoji, addresses
EXTRA_A = " :streamlit: www.example.no"
EXTRA_B = " :material/bug_report: k@example.no :smile:"
# Block syntax at the start of a line: heading, quote, list, indented code
BLOCKS = "# Blokkoverskrift\n> sitat\n- punkt\n1. nummer\n\n    kode\n"
TODAY = dt.date(2026, 11, 23)


def short(label: str, extra: str = EXTRA_A) -> str:
    """A payload within the 200 characters of a name, title, person or area."""
    return f"{label} {PAYLOAD}{extra}"


def long(label: str) -> str:
    """A payload for a summary, comment or note: starts with block syntax."""
    return f"{BLOCKS}{label} {PAYLOAD}{EXTRA_A}{EXTRA_B}\n{BLOCKS}"


def hostile_tables(version: int) -> dict:
    """Every text column of every table holds a payload. `version` 2 changes
    statuses, a milestone, a budget and a name, and adds an initiative, so
    that the Changes page and the histories have something to show."""
    text = {
        "owner_area": short("Område", EXTRA_B), "project_owner": short("Eier", EXTRA_B),
        "project_leader": short("Leder"), "collaborating_areas": [short("Samarbeid")],
        "partners": [short("Partner"), short("Partner2", EXTRA_B)], "status_summary": long("Statustekst"),
        **{f"comment_{d}": long(f"Kommentar {d}") for d in ("schedule", "budget", "quality", "risk")},
        "url": PAYLOAD,
    }
    programme = initiative("prog", name=short("Programmet"), is_public=True, public_summary=long("Programsum"),
                           **text)
    alfa = initiative("alfa", name=short("Alfa"), parent_id="prog", is_public=True,
                      public_summary=long("Alfasum"), last_decision_point="BP3", phase="Gjennomføre",
                      status_overall="rød" if version == 2 else "gul", status_schedule="rød", **text)
    beta = initiative("beta", name=short("Beta" if version == 1 else "Betanytt"), parent_id="prog",
                      is_public=False, status_overall="gul", **text)
    initiatives = [programme, alfa, beta]
    if version == 2:
        initiatives.append(initiative("gamma", name=short("Gamma"), is_public=True, public_summary=long("Gammasum"),
                                      **text))
    money = {"funding_source": short("Kilde", EXTRA_B), "note": long("Budsjettnotat")}
    budgets = [budget(i, 2026, budget_nok=400_000 if version == 1 else 520_000, actual_nok=150_000,
                      forecast_nok=600_000, **money) for i in ("prog", "alfa", "beta")]
    budgets += [budget("alfa", 2025, **money)]
    ms = {"note": long("Milepælnotat")}
    milestones = [
        milestone("ferdig", "alfa", title=short("Ferdig"), is_public=True, due_date=dt.date(2026, 10, 1),
                  completed_date=dt.date(2026, 10, 2), **ms),
        milestone("snart", "alfa", title=short("Snart", EXTRA_B), is_public=True,
                  due_date=dt.date(2026, 12, 1) if version == 1 else dt.date(2026, 12, 10), **ms),
        milestone("forsinket", "alfa", title=short("Forsinket"), is_public=True, due_date=dt.date(2026, 11, 20),
                  completed_date=dt.date(2026, 11, 20) if version == 2 else None, **ms),
        milestone("sent", "beta", title=short("Sent"), due_date=dt.date(2026, 11, 10), **ms),
        milestone("bp4", "alfa", title=short("BP4 i KDL"), kind="beslutningspunkt", decision_point="BP4",
                  is_public=True, due_date=dt.date(2027, 2, 1), **ms),
    ]
    return {**tables(initiatives, budgets, milestones), **hostile_decidim()}


def hostile_decidim() -> dict:
    """Decidim rows linked to «alfa» (public) and «beta»: payloads in every text, an address that is not a
    web address (never a link), a host that is a payload (the public page names it)."""
    import pandas as pd

    from portfolio.model import schema

    def frame(name: str, rows: list[dict]) -> pd.DataFrame:
        return pd.DataFrame(rows, columns=schema.TABLES[name].column_names)

    common = dict(category=short("Kategori"), scope=short("Område", EXTRA_B), component_id=31, host=short("Vert"))
    results = [dict(decidim_id=i, parent_id=None, title=short(f"Resultat{i}"), start_date=dt.date(2026, 1, i),
                    end_date=None, status=short("Status", EXTRA_B), progress=10.0 * i, url=url, **common)
               for i, url in ((1, PAYLOAD), (2, "javascript:alert(1)"), (3, f"{HOST}ok"))]
    proposals = [dict(decidim_id=4, title=short("Forslag"), state=short("Tilstand"), endorsements=1, votes=2,
                      published_on=dt.date(2026, 2, 1), url=PAYLOAD, **common)]
    meetings = [dict(decidim_id=5, title=short("Møte"), starts_at="2026-11-03 18:00", ends_at=None,
                     address=short("Adresse"), is_online=True, attendees=None, url=PAYLOAD, **common)]
    links = [dict(entity="results", decidim_id=i, initiative_id="alfa") for i in (1, 2, 3)]
    links += [dict(entity="proposals", decidim_id=4, initiative_id="alfa"),
              dict(entity="meetings", decidim_id=5, initiative_id="alfa"),
              dict(entity="results", decidim_id=1, initiative_id="beta")]
    return {"decidim_results": frame("decidim_results", results),
            "decidim_proposals": frame("decidim_proposals", proposals),
            "decidim_meetings": frame("decidim_meetings", meetings), "decidim_links": frame("decidim_links", links)}


def write_hostile_data(root: Path) -> Path:
    store = Store(root)
    for version, day in ((1, 2), (2, 16)):
        store.write(hostile_tables(version), author=short(f"Forfatter{version}"), note=short(f"Notat{version}"),
                    created_at=dt.datetime(2026, 11, day, 12, tzinfo=dt.UTC),
                    base_id=store.latest().snapshot_id if store.latest() else None)
    return root


@pytest.fixture(scope="module")
def hostile_data(tmp_path_factory) -> Path:
    return write_hostile_data(tmp_path_factory.mktemp("hostile") / "data")


@pytest.fixture(scope="module")
def hostile_app(hostile_data):
    """`hostile_app(script)`: the URL of a server of `script` on the hostile
    data (read-only), started on first use and shared by this module's tests."""
    from browser import streamlit_server

    with contextlib.ExitStack() as servers:
        urls = {}

        def url(script: str) -> str:
            if script not in urls:
                urls[script] = servers.enter_context(streamlit_server(script, hostile_data, today=TODAY.isoformat()))
            return urls[script]

        yield url


def test_the_hostile_data_is_stored_as_it_is(hostile_data):
    """Validation keeps the payloads whole (only the ends of a text are trimmed):
    the pages get to draw them."""
    store = Store(hostile_data)
    frames = store.read_frames(store.latest().snapshot_id)
    alfa = frames["initiatives"].set_index("initiative_id").loc["alfa"]
    assert alfa["name"] == short("Alfa") and alfa["status_summary"] == long("Statustekst").strip()
    assert store.latest().author == short("Forfatter2")


# -- AppTest: what every page sends to Streamlit's Markdown --------------------------------

# The payload's Markdown as it would be written if it were not made literal: a
# sign right after a backslash is escaped; the word joiner breaks addresses and codes.
RAW_MARKUP = re.compile("|".join([
    r"(?<!\\)\]\(http", r"(?<!\\)\*\*fet", r"(?<!\\)_kursiv", r"(?<!\\):red\[", r"(?<!\\)\$x\^2",
    r"(?<!\\)<b>", "http://", ":streamlit:", ":material/bug_report:", "k@example.no", "www.example",
    r"(?<!\\)# Blokk", r"(?<!\\)> sitat", r"(?m:^\s*- punkt)",
]))


def markdown_sources(at) -> list[tuple[str, str]]:
    """(where, text) of everything AppTest saw that Streamlit renders as Markdown."""
    out = []
    for kind in ("markdown", "caption", "title", "header", "subheader", "error", "warning", "info", "success"):
        out += [(kind, e.value) for e in getattr(at, kind)]
    out += [("expander", e.label) for e in at.expander]
    out += [("tab", t.label) for t in at.tabs]
    for metric in at.metric:
        out += [("metric", metric.label), ("metric", str(metric.value))]
    for table in at.table:
        frame = table.value
        out += [("table", str(c)) for c in frame.columns] + [("table", str(v)) for v in frame.to_numpy().ravel()]
    for kind in ("selectbox", "multiselect", "text_input", "date_input", "number_input", "radio", "button"):
        for widget in getattr(at, kind):
            out.append((f"{kind} label", widget.label))
            if getattr(widget, "help", None):
                out.append((f"{kind} help", widget.help))
    return out


def raw_markup(at) -> list[str]:
    return [f"{where}: {text[:160]!r}" for where, text in markdown_sources(at) if RAW_MARKUP.search(text)]


URL_CASES = [  # a link is anybody's to write: these values are echoed in error messages
    ("views/overview.py", {"snapshot": PAYLOAD}), ("views/changes.py", {"from": PAYLOAD}),
    ("views/changes.py", {"since": PAYLOAD}), ("views/initiative.py", {"initiative": PAYLOAD}),
]
# (entry point, page, URL parameters); the history page shows its data in tables only
PAGES = [
    ("dashboard.py", "views/overview.py", {}), ("dashboard.py", "views/initiative.py", {"initiative": "alfa"}),
    ("dashboard.py", "views/initiative.py", {"initiative": "prog"}), ("dashboard.py", "views/budget.py", {}),
    ("dashboard.py", "views/milestones.py", {}), ("dashboard.py", "views/governance.py", {}),
    ("dashboard.py", "views/collaboration.py", {}), ("dashboard.py", "views/changes.py", {}),
    ("dashboard.py", "views/changes.py", {"since": "2026-11-01"}), ("dashboard.py", "views/history.py", {}),
    ("dashboard.py", "views/update.py", {"initiative": "alfa"}), ("dashboard.py", "views/public_page.py", {}),
    ("dashboard.py", "views/about_data.py", {}), ("public.py", "views/public_page.py", {}),
    ("public.py", "views/about_data.py", {}),
    *(("dashboard.py", page, params) for page, params in URL_CASES),
]
TABLES_ONLY = {"views/history.py"}


def run_page(script: str, page: str, params: dict):
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / script), default_timeout=120)
    if page in NAMED_PAGES:
        at.run()  # AppTest finds a page with its own url_path only after a first run
    at.switch_page(page)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    if page == "views/public_page.py":  # a closed card draws only its label
        for initiative_id in ("prog", "alfa", "gamma"):
            at.session_state[f"card_{initiative_id}"] = True
        at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at


@pytest.mark.parametrize(("script", "page", "params"), PAGES)
def test_no_page_sends_data_to_markdown_as_markup(hostile_data, data_env, script, page, params):
    from portfolio.store import public

    data_env(hostile_data, today=TODAY)
    public._snapshot_data.cache_clear()
    at = run_page(script, page, params)
    assert raw_markup(at) == []
    if page not in TABLES_ONLY:
        sources = "\n".join(text for _, text in markdown_sources(at))
        assert "\\[Logg inn\\](http" in sources, "the payload was not drawn: the check looked in the wrong place"
    if PAYLOAD in params.values():
        assert any("\\[Logg inn\\]" in e.value for e in at.error), [e.value for e in at.error]


def test_an_upload_with_hostile_names_and_values_lists_its_problems_as_text(hostile_data, data_env, tmp_path):
    """The upload preview: a file's problems name the file, sheet, columns and
    values: all data, listed as Markdown (few problems) or in a table."""
    import shutil

    from portfolio.web import update

    root = tmp_path / "data"
    shutil.copytree(hostile_data, root)
    data_env(root, today=TODAY)
    at = run_page("dashboard.py", "views/update.py", {})
    evil = short("Kolonne").replace(";", ",")
    at.session_state[update.KEY_TEST_UPLOADS] = [
        (f"{PAYLOAD}.csv".replace("/", "_"), f"Farge;{evil}\r\n{evil};x\r\n".encode()),
    ]
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    assert at.error, "the upload was expected to be refused, with its problems listed"
    assert raw_markup(at) == []
    listed = "\n".join(m.value for m in at.markdown)
    assert "\\[Logg inn\\]" in listed and "- **" in listed  # the problems, as a list, with the data literal


# -- the browser: what the DOM holds ---------------------------------------------------------

# Elements the payload would make if it were markup, each with the text it would have
MADE_FROM_DATA_JS = r"""() => {
  const problems = [];
  const where = e => { const c = e.parentElement && e.parentElement.closest('[data-testid]');
                       return c ? c.getAttribute('data-testid') : 'page'; };
  const text = e => (e.textContent || '').replace(/\s+/g, ' ').trim();
  const made = {
    'h1, h2, h3, h4, h5, h6': ['Blokkoverskrift', 'Overskrift'],
    'strong, b': ['fet', 'b'], 'em, i': ['kursiv'], 'del, s': [],
    'blockquote': ['sitat'], 'li': ['punkt', 'nummer'], 'pre, code': ['kode'],
    '.stMarkdownColoredText, .stMarkdownColoredBackground, .stMarkdownBadge': ['rød'],
    'span[role="img"]': ['bug_report', 'material_bug_report'],
  };
  for (const [selector, words] of Object.entries(made))
    for (const e of document.querySelectorAll(selector))
      if (words.includes(text(e))) problems.push(`<${e.tagName.toLowerCase()}> «${text(e)}» in ${where(e)}`);
  for (const e of document.querySelectorAll('.katex, math'))
    problems.push(`formula «${text(e)}» in ${where(e)}`);
  for (const e of document.querySelectorAll('img')) {
    const src = e.getAttribute('src') || '';
    if (src.includes('127.0.0.1:9/') || e.alt === 'Streamlit logo'
        || e.closest('[data-testid="stMarkdownContainer"], [data-testid="stCaptionContainer"]'))
      problems.push(`<img src="${src.slice(0, 80)}" alt="${e.alt}"> in ${where(e)}`);
  }
  for (const e of document.querySelectorAll('a[href]')) {
    const href = e.getAttribute('href');
    if (/127\.0\.0\.1:9\/|example\.no/.test(href)) problems.push(`<a href="${href}"> in ${where(e)}`);
  }
  if (document.body.innerText.includes('\u{1F604}')) problems.push('an emoji made from :smile:');
  return problems;
}"""

OPEN_EXPANDERS_JS = """() => {
  const closed = Array.from(document.querySelectorAll('[data-testid="stExpander"] details:not([open]) > summary'));
  closed.forEach(summary => summary.click());
  return closed.length;
}"""

# (entry point, path, whether the page shows the data as text outside tables: the history
# page shows it in its tables and the snapshot picker only)
BROWSER_PAGES = [
    ("dashboard.py", "", True), ("dashboard.py", "initiative?initiative=alfa", True),
    ("dashboard.py", "initiative?initiative=prog", True), ("dashboard.py", "budget", True),
    ("dashboard.py", "milestones", True), ("dashboard.py", "governance", True), ("dashboard.py", "samhandling", True),
    ("dashboard.py", "changes", True),
    ("dashboard.py", "changes?since=2026-11-01", True), ("dashboard.py", "history", False),
    ("dashboard.py", "update?initiative=alfa", True), ("dashboard.py", "public", True),
    ("dashboard.py", "public?q=Alfa", True), ("dashboard.py", "public?q=Programmet", True),
    ("dashboard.py", "om-dataene", True), ("dashboard.py", "tilgjengelighet", False),
    ("public.py", "", True), ("public.py", "?q=Alfa", True), ("public.py", "om-dataene", True),
]
URL_ERRORS = [  # the URL-parameter cases: the payload in the app's own error box
    f"?snapshot={quote(PAYLOAD)}", f"changes?from={quote(PAYLOAD)}", f"changes?since={quote(PAYLOAD)}",
    f"initiative?initiative={quote(PAYLOAD)}",
]


def open_everything(page) -> None:
    """Open every expander (a public card draws its details only when open:
    one rerun each) and show every tab, waiting for the page each time."""
    from browser import wait_until_idle

    while page.evaluate(OPEN_EXPANDERS_JS):
        wait_until_idle(page)
    tabs = page.locator('[data-testid="stMain"] [role="tab"]')
    for index in range(tabs.count()):
        tabs.nth(index).click()
        wait_until_idle(page)


def slug(path: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", path.lower()).strip("-")[:40] or "start"


@pytest.mark.browser
@pytest.mark.parametrize(("script", "path", "shows_data"), BROWSER_PAGES,
                         ids=[f"{script}:/{path}" for script, path, _ in BROWSER_PAGES])
def test_hostile_text_is_shown_as_text_on_every_page(hostile_app, script, path, shows_data):
    """Every page, internal (local mode) and public: the payloads are on the
    screen as text, and nothing in the DOM was made from them. (One test per
    page, spread over the test workers.)"""
    from browser import ARTIFACTS, chromium, wait_until_idle

    url = hostile_app(script)
    with chromium(viewport=(1400, 3000)) as page:  # tall: the screenshots show whole pages
        page.goto(f"{url}/{path}")
        wait_until_idle(page)
        open_everything(page)
        found = page.evaluate(MADE_FROM_DATA_JS)
        if page.locator('[data-testid="stException"]').count():
            found.append("exception: " + page.locator('[data-testid="stException"]').first.inner_text()[:300])
        if shows_data and "[Logg inn](http" not in page.inner_text("body"):
            found.append("the payload is not on the page as text: the check looked in the wrong place")
        page.screenshot(path=str(ARTIFACTS / f"markup-{slug(script)}-{slug(path)}.png"), full_page=True)
    assert found == [], found


@pytest.mark.browser
def test_url_parameters_are_shown_as_text_in_the_error_box(hostile_app):
    from browser import ARTIFACTS, chromium, wait_until_idle

    problems = {}
    url = hostile_app("dashboard.py")
    with chromium(viewport=(1400, 1000)) as page:
        for path in URL_ERRORS:
            page.goto(f"{url}/{path}")
            wait_until_idle(page)
            found = page.evaluate(MADE_FROM_DATA_JS)
            boxes = page.locator('[data-testid="stAlert"]', has_text="Logg inn")
            if boxes.count() != 1:
                found.append(f"{boxes.count()} alerts with the payload, not one")
            else:
                box = boxes.first
                if "[Logg inn](http" not in box.inner_text():
                    found.append(f"the error does not show the payload as text: {box.inner_text()[:200]}")
                made = box.locator("a, img, strong, em, h1, h2, h3, h4, h5, h6, code, blockquote, li, .katex")
                if made.count():
                    found.append(f"{made.count()} elements made from the URL in the error box")
            page.screenshot(path=str(ARTIFACTS / f"markup-url-{slug(path.split('=')[0])}.png"))
            if found:
                problems[path.split("=")[0]] = found
    assert problems == {}, problems
