"""WCAG 2.1 A/AA on every page of both entry points (dashboard.py, public.py).

The pages are found at run time: AppTest runs each entry point and reads the
pages its `st.navigation` registered, so a page added to dashboard.py is
covered without touching this file. (A cross-check parses the entry points
for "views/*.py", so a page that fails to register is noticed too.)

In AppTest: one h1 per page; every Vega-Lite chart has a `description` that
is also shown as text on the page, a table beside it, and a legend (words)
for every colour it encodes. In headless
Chromium on the demo data: axe-core (wcag2a, wcag2aa, wcag21a, wcag21aa)
reports no serious or critical violation; the document language is "nb";
headings come in order; every filter can be reached with the Tab key, and
the first filter opens and chooses with the keyboard; a phone-sized
screenshot of the public page; with every tab shown and expander opened,
the favicon is the app's own file (and browser.chromium fails any test whose
page asked another host for anything: tests/test_privacy.py).
"""

from __future__ import annotations

import ast
import dataclasses
import html
import json
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from streamlit.testing.v1 import AppTest

from conftest import DEMO_DATA, DEMO_TODAY, ROOT, existing_files
from portfolio.texts import public as public_texts
from portfolio.web import a11y

ENTRY_POINTS = ("dashboard.py", "public.py")
# Emoji and other pictographs: they render as empty boxes without an emoji font
EMOJI = re.compile("[\U0001F000-\U0001FAFF\u2600-\u27BF\u2B50\u2B55]")


@dataclasses.dataclass(frozen=True)
class Page:
    entry: str
    script: str  # relative to the project, e.g. "views/overview.py"
    url_path: str

    @property
    def slug(self) -> str:
        return f"{Path(self.entry).stem}-{Path(self.script).stem}"


def declared_pages(entry: str) -> set[str]:
    """Every "views/*.py" an entry point names in an st.Page(...) call."""
    tree = ast.parse((ROOT / entry).read_text())
    found = set()
    for node in ast.walk(tree):
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "Page"
                and node.args and isinstance(node.args[0], ast.Constant)
                and str(node.args[0].value).startswith("views/")):
            found.add(node.args[0].value)
    return found


def registered_pages(entry: str) -> list[Page]:
    """The pages an entry point registers (run in AppTest on the demo data, local mode)."""
    at = AppTest.from_file(str(ROOT / entry), default_timeout=120).run()
    assert not at.exception, [e.message for e in at.exception]
    pages = []
    for info in at._registered_pages.values():
        script = info.get("script_path")
        if script:
            pages.append(Page(entry, str(Path(script).resolve().relative_to(ROOT)), info.get("url_pathname", "")))
    return pages


@pytest.fixture(scope="module")
def pages(monkeypatch_module) -> dict[str, list[Page]]:
    monkeypatch_module.setenv("PORTFOLIO_DATA", str(DEMO_DATA))
    monkeypatch_module.setenv("PORTFOLIO_TODAY", DEMO_TODAY.isoformat())
    return {entry: registered_pages(entry) for entry in ENTRY_POINTS}


@pytest.fixture(scope="module")
def monkeypatch_module():
    with pytest.MonkeyPatch.context() as mp:
        yield mp


def test_every_page_is_found_and_registered(pages):
    for entry in ENTRY_POINTS:
        registered = {p.script for p in pages[entry]}
        assert declared_pages(entry) - CONDITIONAL_PAGES <= registered, entry
    assert {p.script for p in pages["public.py"]} == {
        "views/public_page.py", "views/about_data.py", "views/accessibility.py"}
    assert {p.url_path for p in pages["dashboard.py"]} >= {"public", "om-dataene", "tilgjengelighet"}
    assert len(pages["dashboard.py"]) >= 4


# -- AppTest: headings and charts, on the demo data and on large data -----------------

def _charts_on(at: AppTest) -> list[dict]:
    return [json.loads(c.proto.spec) for c in at.get("vega_lite_chart")]


def _colour_without_words(spec) -> list[str]:
    """Colour encodings of a data field whose legend is switched off: the
    colour would then carry meaning alone (status is never colour alone)."""
    found = []
    if isinstance(spec, dict):
        encoding = spec.get("encoding") or {}
        for channel in ("color", "fill", "stroke"):
            enc = encoding.get(channel)
            if isinstance(enc, dict) and enc.get("field") and "legend" in enc and enc["legend"] is None:
                found.append(f"{channel}: {enc['field']}")
        for value in spec.values():
            found += _colour_without_words(value)
    elif isinstance(spec, list):
        for value in spec:
            found += _colour_without_words(value)
    return found


def _texts_on(at: AppTest) -> str:
    return "\n".join([m.value for m in at.markdown] + [c.value for c in at.caption])


@pytest.mark.parametrize("dataset", ["demo", "large"])
def test_every_chart_has_a_description_shown_as_text_and_a_table(pages, dataset, large_data, data_env):
    data_env(DEMO_DATA if dataset == "demo" else large_data)
    problems = {}
    chart_count = 0
    for entry in ENTRY_POINTS:
        for page in pages[entry]:
            at = AppTest.from_file(str(ROOT / entry), default_timeout=120).run()
            at.switch_page(page.script).run()
            if at.exception:
                problems[page.slug] = [e.message for e in at.exception]
                continue
            if len(at.title) != 1:
                problems[page.slug] = f"{len(at.title)} titles (h1); a page has exactly one"
            specs = _charts_on(at)
            chart_count += len(specs)
            shown = _texts_on(at)
            for spec in specs:
                description = (spec.get("description") or "").strip()
                if not description:
                    problems.setdefault(page.slug, []).append(f"chart without description: {spec.get('title')}")
                elif description not in shown:
                    problems.setdefault(page.slug, []).append(f"description not shown as text: {description}")
                for encoding in _colour_without_words(spec):
                    problems.setdefault(page.slug, []).append(f"colour without a legend: {encoding}")
            tables = len(at.dataframe) + len(at.table)
            if tables < len(specs):
                problems.setdefault(page.slug, []).append(f"{len(specs)} charts but {tables} tables")
    assert problems == {}, problems
    assert chart_count >= 1  # the overview has one at least


def test_no_emoji_in_pages_or_texts():
    """Emoji render as empty boxes without an emoji font: status and meaning are
    carried by words (and Streamlit's :material/…: icons), never by emoji."""
    files = existing_files(ROOT / "views", "*.py") + existing_files(ROOT / "portfolio" / "texts", "*.py")
    found = {str(f.relative_to(ROOT)): EMOJI.findall(f.read_text()) for f in files}
    assert {f: e for f, e in found.items() if e} == {}


def test_the_emoji_check_catches_what_it_looks_for():
    assert EMOJI.findall("Status: 🟢 grønn, 🔴 rød ☀ ⭐") == ["🟢", "🔴", "☀", "⭐"]
    assert EMOJI.findall("Grønn · rød – æøå «sitat» :material/flag: 400\u00a0000 kr") == []


def test_the_language_fix_carries_no_data():
    script = a11y._SCRIPT
    assert f'"{a11y.LANGUAGE}"' in script and a11y.LANGUAGE == "nb"
    assert "innerHTML" not in script and "fetch(" not in script and "insertAdjacent" not in script
    # it sets the language and the progress bars' names, nothing else: the navigation is valid as drawn
    assert re.findall(r"setAttribute\((\"[^\"]*\")", script) == ['"aria-label"']
    assert set(re.findall(r"querySelector(?:All)?\('([^']*)'\)", script)) == {
        '[data-testid="stProgress"] [role="progressbar"]', '[data-testid="stMarkdownContainer"]'}


# Streamlit 1.67's markup of `st.progress(0.3, text=...)` (react-aria's ProgressBar),
# as a page shows it: the text beside the bar, and the bar named "progress"
PROGRESS_MARKUP = """<div data-testid="stProgress" id="{id}">{shown}<div class="react-aria-ProgressBar"
  aria-label="progress" aria-valuenow="30" aria-valuemin="0" aria-valuemax="100" aria-valuetext="30&nbsp;%"
  role="progressbar"><div data-testid="stProgressBarTrack"></div></div></div>"""
PROGRESS_TEXT = '<div><div data-testid="stMarkdownContainer"><p>{text}</p></div></div>'


@pytest.mark.browser
def test_a_progress_bar_is_named_by_the_text_it_shows_in_norwegian():
    """a11y's script on Streamlit's progress markup in Chromium: each bar is
    named by its text (as text: markup in it stays text), or «Fremdrift»
    without one; the name follows the text as it changes, comes back when
    Streamlit renames the bar, and a bar drawn later is named too."""
    from browser import chromium
    from portfolio import texts

    first = "Leser arket «Milepæler» i <b>mal</b>.xlsx (3 av 13) …"
    body = (PROGRESS_MARKUP.format(id="a", shown=PROGRESS_TEXT.format(text=html.escape(first)))
            + PROGRESS_MARKUP.format(id="b", shown=""))
    name = "id => document.querySelector('#' + id + ' [role=\"progressbar\"]').getAttribute('aria-label')"
    with chromium() as page:
        page.set_content(f"<!doctype html><html lang='en'><body>{body}</body></html>")
        page.add_script_tag(content=a11y._SCRIPT.replace("export default function ()", "window.fixPage = function ()"))
        page.evaluate("() => { window.undo = window.fixPage(); }")
        assert page.evaluate("document.documentElement.lang") == "nb"
        assert page.evaluate(name, "a") == first and page.evaluate(name, "b") == texts.PROGRESS_LABEL
        assert page.locator("b").count() == 0  # the text stayed text
        page.evaluate("() => { document.querySelector('#a p').textContent = 'Kontrollerer dataene mot reglene …'; }")
        page.wait_for_function(f"() => ({name})('a') === 'Kontrollerer dataene mot reglene …'")
        page.evaluate("() => document.querySelector('#a [role=\"progressbar\"]').setAttribute('aria-label', 'progress')")
        page.wait_for_function(f"() => ({name})('a') === 'Kontrollerer dataene mot reglene …'")
        page.evaluate("markup => document.body.insertAdjacentHTML('beforeend', markup)",
                      PROGRESS_MARKUP.format(id="c", shown=PROGRESS_TEXT.format(text="Sammenligner …")))
        page.wait_for_function(f"() => ({name})('c') === 'Sammenligner …'")
        page.evaluate("() => window.undo()")


# -- the browser ------------------------------------------------------------------


HEADINGS_JS = """() => Array.from(document.querySelectorAll('h1,h2,h3,h4,h5,h6,[role="heading"][aria-level]'))
  .filter(h => h.innerText.trim() !== '')
  .map(h => [h.tagName.match(/^H[1-6]$/) ? Number(h.tagName[1]) : Number(h.getAttribute('aria-level')),
             !!h.closest('[data-testid="stSidebar"]'), h.innerText.trim().slice(0, 60)])"""


def heading_problems(headings: list) -> list[str]:
    """One h1; in the main area the h1 comes first and no level is skipped
    going down; the sidebar's headings continue from the page's h1."""
    problems = []
    ones = [text for level, _, text in headings if level == 1]
    if len(ones) != 1:
        problems.append(f"{len(ones)} h1 elements: {ones}")
    for in_sidebar in (False, True):
        area = [(level, text) for level, sidebar, text in headings if sidebar == in_sidebar]
        previous = 1 if in_sidebar else 0
        for level, text in area:
            if level > previous + 1:
                problems.append(f"h{level} «{text}» follows h{previous or '–'}")
            previous = level
    return problems


def test_the_checks_catch_what_they_look_for():
    assert heading_problems([(2, True, "Filtre"), (1, False, "Side"), (2, False, "Del")]) == []
    assert heading_problems([(1, False, "Side"), (3, False, "Del")]) == ["h3 «Del» follows h1"]
    assert heading_problems([(1, False, "A"), (1, False, "B")]) == ["2 h1 elements: ['A', 'B']"]
    assert heading_problems([(3, True, "Filtre"), (1, False, "Side")]) == ["h3 «Filtre» follows h1"]
    spec = {"layer": [{"encoding": {"color": {"field": "status", "legend": None}}}]}
    assert _colour_without_words(spec) == ["color: status"]
    assert _colour_without_words({"encoding": {"color": {"field": "status"}}}) == []


def wait_for_page(page) -> None:
    from browser import wait_until_idle

    # any visible content: a page without its h1 is reported, not waited for
    wait_until_idle(page, ready='[data-testid="stMainBlockContainer"] :is(h1, [data-testid="stAlert"], '
                                '[data-testid="stMarkdownContainer"])')


def focusable_filters(page) -> list[str]:
    """Mark every visible filter (select, multiselect, text field; not those in
    a tab that is not shown) and return their labels."""
    return page.evaluate("""() => {
      const widgets = '[data-testid="stSelectbox"], [data-testid="stMultiSelect"], [data-testid="stTextInput"]';
      const inputs = Array.from(document.querySelectorAll(widgets))
        .filter(w => w.checkVisibility())
        .map(w => w.querySelector('input')).filter(Boolean);
      return inputs.map((el, i) => { el.setAttribute('data-a11y-filter', String(i));
        return el.getAttribute('aria-label') || el.id; });
    }""")


def reached_by_tab(page, count: int, max_presses: int = 250, batch: int = 25) -> set[int]:
    """The marked filters that real Tab presses reach. The page records each
    focused mark itself (a focusin listener), so the presses go in batches
    with one round trip per batch, not two per press."""
    if count == 0:
        return set()  # nothing to reach: no need to walk the page
    page.evaluate("""() => {
      window.__a11yReached = new Set();
      document.addEventListener('focusin', e => {
        const mark = e.target && e.target.getAttribute && e.target.getAttribute('data-a11y-filter');
        if (mark !== null) window.__a11yReached.add(Number(mark));
      }, true);
      document.activeElement && document.activeElement.blur();
    }""")
    reached: set[int] = set()
    for _ in range(0, max_presses, batch):
        for _ in range(batch):
            page.keyboard.press("Tab")
        reached = set(page.evaluate("() => Array.from(window.__a11yReached)"))
        if len(reached) >= count:
            break
    return reached


def check_page(page, base_url: str, target: Page, phone: bool = False) -> list[str]:
    """What is wrong with one page: an exception, the language, axe's
    violations, the headings' order, filters the Tab key does not reach;
    then, with every tab shown and every expander opened (what they hold may
    load code of its own), a favicon that is not the app's own file. That
    no request went to another host is checked by browser.chromium for
    every page any test opens (tests/test_privacy.py)."""
    from browser import ARTIFACTS, axe_violations, favicon, open_every_expander

    page.goto(f"{base_url}/{target.url_path}")
    wait_for_page(page)
    problems = []
    if page.locator('[data-testid="stException"]').count():
        problems.append("exception: " + page.locator('[data-testid="stException"]').first.inner_text()[:300])
    lang = page.evaluate("document.documentElement.lang")
    if lang != "nb":
        problems.append(f'<html lang="{lang}">, not "nb"')
    for v in axe_violations(page):
        for node in v["nodes"][:3]:
            problems.append(f"axe {v['id']} ({v['impact']}): {node['target']} – {v['help']}")
    problems += heading_problems(page.evaluate(HEADINGS_JS))
    labels = focusable_filters(page)
    reached = reached_by_tab(page, len(labels))
    for index, label in enumerate(labels):
        if index not in reached:
            problems.append(f"filter «{label}» is not reached with the Tab key")
    page.screenshot(path=str(ARTIFACTS / f"a11y-{target.slug}{'-phone' if phone else ''}.png"))
    if not phone:  # the same content as at full width
        open_every_expander(page)
        icon = urlsplit(favicon(page))
        if icon.netloc != urlsplit(base_url).netloc or Path(icon.path).parts[1:2] != ("media",):
            problems.append(f"favicon {icon.geturl()} is not the app's own file")
    return problems


@pytest.fixture()
def dashboard_url(demo_app):
    return demo_app  # shared (conftest.demo_app): these tests only read


@pytest.fixture()
def public_url(public_demo_app):
    return public_demo_app


# One test per page (spread over the test workers); test_every_page_is_found_and_registered
# checks that these are all the pages there are.
CONDITIONAL_PAGES = {"views/login.py"}  # registered only for some users (login: when login is configured)


@pytest.mark.browser
@pytest.mark.parametrize("script", sorted(declared_pages("dashboard.py") - CONDITIONAL_PAGES))
def test_every_dashboard_page_passes_axe_lang_headings_and_keyboard(pages, dashboard_url, script):
    from browser import chromium

    target = next(p for p in pages["dashboard.py"] if p.script == script)
    with chromium(viewport=(1400, 1000)) as page:
        problems = check_page(page, dashboard_url, target)
    assert problems == [], json.dumps(problems, ensure_ascii=False, indent=1)


@pytest.mark.browser
def test_every_public_page_passes_axe_lang_headings_and_keyboard(pages, public_url):
    from browser import chromium

    problems = {}
    for viewport, phone in (((1400, 1000), False), ((390, 844), True)):
        with chromium(viewport=viewport) as page:
            for target in pages["public.py"]:
                found = check_page(page, public_url, target, phone=phone)
                if found:
                    problems[f"{target.script}{' (phone)' if phone else ''}"] = found
    assert problems == {}, json.dumps(problems, ensure_ascii=False, indent=1)


@pytest.mark.browser
def test_the_first_overview_filter_opens_and_chooses_with_the_keyboard(dashboard_url):
    from browser import chromium
    from portfolio import texts

    with chromium() as page:
        page.goto(dashboard_url)
        wait_for_page(page)
        first_filter = texts.OVERVIEW["filter_area"]
        for _ in range(60):
            page.keyboard.press("Tab")
            if page.evaluate("() => document.activeElement.getAttribute('aria-label')") == first_filter:
                break
        else:
            pytest.fail(f"the filter «{first_filter}» was not reached with Tab")
        page.keyboard.press("ArrowDown")
        listbox = page.locator('[role="listbox"]')
        listbox.wait_for(state="visible", timeout=60_000)
        assert listbox.locator('[role="option"]').count() >= 1
        page.keyboard.type("Oppvekst")
        page.keyboard.press("Enter")
        page.keyboard.press("Escape")
        page.wait_for_function("() => window.location.search.includes('area=Oppvekst')", timeout=60_000)
        wait_for_page(page)
        assert page.evaluate("window.location.search").count("area=") == 1


@pytest.mark.browser
def test_the_public_page_on_a_phone_by_keyboard(public_url):
    from browser import ARTIFACTS, chromium, wait_for_paint

    with chromium(viewport=(390, 844)) as page:
        page.goto(public_url)
        wait_for_page(page)
        assert page.evaluate("document.documentElement.lang") == "nb"
        # no sideways scrolling on a phone
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        page.screenshot(path=str(ARTIFACTS / "public-phone.png"))
        for _ in range(60):
            page.keyboard.press("Tab")
            if page.evaluate("() => document.activeElement.getAttribute('aria-label')") == public_texts.SEARCH:
                break
        else:
            pytest.fail("the search field was not reached with Tab")
        page.keyboard.type("arbeid")
        page.keyboard.press("Enter")
        page.wait_for_function("() => window.location.search.includes('q=arbeid')", timeout=60_000)
        wait_for_page(page)
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.getAttribute('aria-label')") != public_texts.PHASE_FILTER:
            page.keyboard.press("Tab")  # past the search field's help button
        assert page.evaluate("() => document.activeElement.getAttribute('aria-label')") == public_texts.PHASE_FILTER
        page.keyboard.press("ArrowDown")
        page.locator('[role="listbox"]').wait_for(state="visible", timeout=60_000)
        page.keyboard.type("Gjennom")
        page.keyboard.press("Enter")
        page.wait_for_function("() => window.location.search.includes('fase=')", timeout=60_000)
        wait_for_page(page)
        labels = page.locator('[data-testid="stExpander"] summary').all_inner_texts()
        cards = [label for label in labels if label.strip().endswith("(Gjennomføre)")]
        assert cards and all("(Gjennomføre)" in c for c in cards)
        # open the first initiative with the keyboard
        page.locator('[data-testid="stExpander"] summary', has_text="(Gjennomføre)").first.focus()
        page.keyboard.press("Enter")  # the card's details are drawn on opening
        page.get_by_text("Fase 4 av 6: Gjennomføre").first.wait_for(state="visible", timeout=60_000)
        page.set_viewport_size({"width": 390, "height": 2400})
        wait_for_paint(page)
        page.screenshot(path=str(ARTIFACTS / "public-phone-open.png"))
