"""The static public website (portfolio/present/site.py, `publish`'s pages).

The demo data's public projection is rendered once (with a small PREVIEW and
PAGE_SIZE, so that the group pages and their pagination exist too) and
written to a folder as `publish` would. Then: every internal link resolves
to a file of the site (and an anchor to an id on that page); every page is
HTML with lang="nb", one h1 and headings in order, and no script or other
host; the templates hold no words of their own (every text comes from
portfolio/texts); an initiative page says what its card on the public page
says; text from the data is escaped; and in headless Chromium over file://
every page type has no axe-core violation (WCAG 2.1 A/AA), loads nothing
from elsewhere, and has no sideways scrolling at 320 px. At scale (the
shared large data) the front page and the group pages stay small.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import html.parser
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from conftest import DEMO_DATA, ROOT, budget, existing_files, initiative, milestone, tables
from portfolio import fmt
from portfolio.present import public as public_view
from portfolio.present import site, site_pages
from portfolio.store import public
from portfolio.store.snapshots import Store
from portfolio.texts import public as T

PUBLISHED = dt.datetime(2026, 12, 2, 12, 0, tzinfo=dt.UTC)
DOWNLOADS = [
    {"path": "data/initiatives.csv", "title": "Tiltak (CSV)", "format": "CSV", "bytes": 12_345},
    {"path": "data/initiatives.parquet", "title": "Tiltak (Parquet)", "format": "Parquet", "bytes": 2_345_678},
    {"path": "data/catalog.jsonld", "title": "Katalog", "format": "JSON-LD", "bytes": 999},
    {"path": "changes.xml", "title": "Endringer", "format": "Atom", "bytes": 5_000},
    {"path": "kalender.ics", "title": "Kalender", "format": "iCalendar", "bytes": 4_000},
]
HOSTILE_NAME = "<script>alert(1)</script>"
HOSTILE_SUMMARY = '<img src=x onerror="alert(2)"> **fet** [lenke](https://evil.example/)'


def write_site(files: dict[str, bytes], out: Path, downloads=DOWNLOADS) -> Path:
    """The rendered files on disk, with a stand-in for each download (publish writes those)."""
    for path, body in files.items():
        (out / path).parent.mkdir(parents=True, exist_ok=True)
        (out / path).write_bytes(body)
    for d in downloads:
        (out / d["path"]).parent.mkdir(parents=True, exist_ok=True)
        (out / d["path"]).write_text("stand-in")
    return out


def render(data, **kwargs) -> dict[str, bytes]:
    return site.render_site(data, snapshot_id=data.source.snapshot_id, published_at=PUBLISHED,
                            base_url="https://data.example.no/portefolje/", downloads=DOWNLOADS, **kwargs)


@pytest.fixture(scope="module")
def demo_data():
    return public.latest_data(DEMO_DATA)


@pytest.fixture(scope="module")
def demo_site(demo_data, tmp_path_factory) -> Path:
    return write_site(render(demo_data, preview=2, page_size=2), tmp_path_factory.mktemp("site"))


def pages_of(folder: Path) -> list[Path]:
    return existing_files(folder, "**/*.html")


# -- HTML, read with the standard library's parser --------------------------------------

class Page(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lang = None
        self.headings: list[tuple[int, str]] = []
        self.links: list[tuple[str, str]] = []  # (tag, address)
        self.ids: set[str] = set()
        self.tags: list[str] = []
        self.text: list[str] = []
        self._heading: list | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append(tag)
        if tag == "html":
            self.lang = attrs.get("lang")
        if "id" in attrs:
            self.ids.add(attrs["id"])
        for name in ("href", "src"):
            if attrs.get(name) is not None:
                self.links.append((f"link {attrs.get('rel')}" if tag == "link" else tag, attrs[name]))
        if re.fullmatch(r"h[1-6]", tag):
            self._heading = [int(tag[1]), ""]

    def handle_endtag(self, tag):
        if self._heading is not None and tag == f"h{self._heading[0]}":
            self.headings.append((self._heading[0], self._heading[1].strip()))
            self._heading = None

    def handle_data(self, data):
        self.text.append(data)
        if self._heading is not None:
            self._heading[1] += data


def parse(path: Path) -> Page:
    page = Page()
    page.feed(path.read_text(encoding="utf-8"))
    page.close()
    return page


def heading_problems(headings: list[tuple[int, str]]) -> list[str]:
    problems = []
    if [level for level, _ in headings].count(1) != 1 or headings[0][0] != 1:
        problems.append(f"not one h1 first: {headings[:3]}")
    previous = 0
    for level, text in headings:
        if level > previous + 1:
            problems.append(f"h{level} «{text}» follows h{previous}")
        previous = level
    return problems


def test_every_page_type_is_there(demo_site, demo_data):
    names = {p.relative_to(demo_site).as_posix() for p in pages_of(demo_site)}
    assert {"index.html", "om-dataene.html", "tilgjengelighet.html"} <= names
    assert (demo_site / "site.css").is_file() and (demo_site / "favicon.png").is_file()
    expected = {site_pages.initiative_file(i) for i in demo_data.initiatives["initiative_id"]}
    assert expected <= names and len(expected) == len(demo_data.initiatives)
    assert "tema-tjenestene.html" in names and "tema-tjenestene-2.html" in names  # a group's pages


def test_every_page_is_html_in_norwegian_with_one_h1_and_headings_in_order(demo_site):
    problems = {}
    for path in pages_of(demo_site):
        page = parse(path)
        found = heading_problems(page.headings)
        if page.lang != "nb":
            found.append(f'lang="{page.lang}"')
        if "script" in page.tags or "iframe" in page.tags:
            found.append("a script or an iframe")
        if "default-src 'none'" not in path.read_text():
            found.append("no Content-Security-Policy")
        if "main" not in page.tags or "nav" not in page.tags:
            found.append("no main or nav landmark")
        if found:
            problems[path.name] = found
    assert problems == {}


def test_every_internal_link_resolves_and_nothing_comes_from_another_host(demo_site):
    problems = []
    ids = {path: parse(path).ids for path in pages_of(demo_site)}
    for path in pages_of(demo_site):
        for tag, address in parse(path).links:
            parts = urlsplit(address)
            if parts.scheme in ("http", "https", "mailto"):
                if tag not in ("a", "link canonical"):  # a stylesheet, an image, a feed: this site's own file
                    problems.append(f"{path.name}: <{tag}> from {address}")
                continue
            assert not parts.scheme and not parts.netloc and not address.startswith("/"), (path.name, address)
            target = (path.parent / unquote(parts.path)).resolve() if parts.path else path
            if not target.is_file() or demo_site.resolve() not in target.parents:
                problems.append(f"{path.relative_to(demo_site)}: {address} does not resolve")
            elif parts.fragment and target.suffix == ".html" and parts.fragment not in ids[target]:
                problems.append(f"{path.relative_to(demo_site)}: no id «{parts.fragment}» in {target.name}")
    assert problems == []


def test_the_feeds_are_linked_from_the_front_page_and_every_download_from_om_dataene(demo_site):
    index = (demo_site / "index.html").read_text()
    assert re.search(r'<link rel="alternate" type="application/atom\+xml" href="changes.xml"', index)
    assert 'href="changes.xml"' in index and 'href="kalender.ics"' in index
    about = parse(demo_site / "om-dataene.html")
    assert {d["path"] for d in DOWNLOADS} <= {address for tag, address in about.links if tag == "a"}
    text = " ".join(about.text)
    assert "2,3 MB" in text and "12 kB" in text
    initiative_page = parse(next(demo_site.glob("tiltak/*.html")))
    assert ("a", "../om-dataene.html#last-ned") in initiative_page.links
    assert ("a", "../index.html") in initiative_page.links


def test_a_download_outside_the_site_is_refused(demo_data):
    for path in ("../secret.csv", "/etc/passwd", "https://elsewhere.example/x.csv"):
        with pytest.raises(ValueError):
            site.render_site(demo_data, snapshot_id="x", published_at=PUBLISHED, base_url=None,
                             downloads=[{"path": path, "title": "x", "format": "CSV", "bytes": 1}])


def test_the_templates_hold_no_words_of_their_own():
    """Every text on the site comes from portfolio/texts: a template is tags,
    Jinja and punctuation only."""
    folder = ROOT / "portfolio" / "templates" / "site"
    for path in existing_files(folder, "*.html"):
        text = re.sub(r"\{#.*?#\}|\{%.*?%\}|\{\{.*?\}\}|<[^>]*>", " ", path.read_text(), flags=re.S)
        assert re.fullmatch(r"[\s.:()]*", text), (path.name, text.split())


def test_an_initiative_page_says_what_its_public_card_says(demo_data):
    """The site's page is made from grouped rows (fast at scale), the card
    from the whole projection: the same facts, decisions, benefits, money."""
    cards, total = public_view.cards(demo_data, limit=100)
    year = demo_data.source.created.year
    assert total == len(demo_data.initiatives) > 0
    projection = site_pages.Projection(demo_data)
    rows = {row["initiative_id"]: row for row, _ in site_pages.entries(demo_data)}
    for card in cards:
        page = projection.page(rows[card.initiative_id], {})
        assert page.name == card.name and page.summary == card.summary and page.phase == card.phase
        assert page.facts == [fmt.html(f) for f in card.facts]
        assert page.decisions[:len(card.decisions)] == [fmt.html(d) for d in card.decisions]
        assert len(page.decisions) == len(card.decisions) + card.decisions_more
        assert page.benefits == [fmt.html(b) for b in card.benefits]
        assert page.over_budget == [fmt.html(o) for o in card.over_budget]
        assert [[str(c) for c in row] for row in page.money] == card.money_table.to_numpy().tolist()
        assert len(page.done) == len(card.done) + card.done_more
        assert page.done[:len(card.done)] == [
            fmt.html(fmt.markdown(T.MILESTONE_DONE, date=fmt.date(m.date), title=m.title)) for m in card.done]
        assert page.upcoming[:len(card.upcoming)] == [
            fmt.html(fmt.markdown(T.MILESTONE_NEXT, date=fmt.date(m.date), title=m.title)) for m in card.upcoming]
        if not card.money.empty:
            note = fmt.join(" ", [public_view.money_note(card, year),
                                  fmt.markdown(T.MONEY_SOURCES, sources=public_view.word_list(card.funding_sources))])
            assert page.money_note == fmt.html(note)


def test_fmt_html_escapes_data_and_keeps_the_apps_own_bold_and_links():
    assert fmt.html(HOSTILE_NAME) == "&lt;script&gt;alert(1)&lt;/script&gt;"
    assert fmt.html("**a** [b](https://x.example) 1. a_b") == "**a** [b](https://x.example) 1. a_b"
    made = fmt.html(fmt.markdown("**{name}** [uu](https://www.uutilsynet.no/)", name=HOSTILE_SUMMARY))
    assert made == ('<strong>&lt;img src=x onerror=&#34;alert(2)&#34;&gt; **fet** [lenke](https://evil.example/)'
                    '</strong> <a href="https://www.uutilsynet.no/">uu</a>')


def test_text_from_the_data_is_escaped(tmp_path):
    rows = tables(
        [initiative("tiltak-0", name=HOSTILE_NAME, is_public=True, public_summary=HOSTILE_SUMMARY,
                    partners=["<b>Partner</b>"]),
         initiative("tiltak-1", is_public=True, public_summary="Et tiltak.", parent_id="tiltak-0")],
        [budget("tiltak-0", funding_source="<i>Kilde</i>")],
        [milestone("m-0", "tiltak-0", title="<u>Milepæl</u> **fet**", is_public=True)],
    )
    store = Store(tmp_path / "data")
    meta = store.write(rows, author="test", note="test", created_at=dt.datetime(2026, 11, 1, tzinfo=dt.UTC))
    out = write_site(render(public.snapshot_data(store, meta.snapshot_id)), tmp_path / "site")
    page = out / site_pages.initiative_file("tiltak-0")
    for path in (out / "index.html", page, out / site_pages.initiative_file("tiltak-1")):
        body = path.read_text()
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body, path.name
        assert "<script" not in body and "<b>" not in body and "<i>" not in body and "<u>" not in body
        assert 'href="https://evil.example/' not in body and "onerror=" not in body.replace("onerror=&#34;", "")
        assert HOSTILE_NAME in " ".join(parse(path).text)  # shown as the text it is
    text = " ".join(parse(page).text)
    for shown in ("<img src=x", "**fet** [lenke](https://evil.example/)", "<b>Partner</b>", "<i>Kilde</i>",
                  "<u>Milepæl</u> **fet**"):
        assert shown in text


# -- at scale: the front page stays the same size ------------------------------------------

def test_at_scale_the_front_page_and_every_group_page_stay_small(large_data, tmp_path):
    data = public.latest_data(large_data)
    files = render(data)
    count = len(data.initiatives)
    assert sum(path.startswith("tiltak/") for path in files) == count > site.PAGE_SIZE
    groups = [p for p in files if re.fullmatch(r"(tema|malgruppe)-[a-z0-9-]+\.html", p)]
    assert groups
    out = write_site(files, tmp_path)
    for path in ["index.html", *groups]:
        entries = (out / path).read_text().count('class="entry-name"')
        limit = site.PREVIEW * 20 if path == "index.html" else site.PAGE_SIZE
        assert 0 < entries <= limit, (path, entries)
    # the front page is a small share of the site whatever the number of initiatives
    assert len(files["index.html"]) * 20 < sum(map(len, files.values()))


# -- in the browser -----------------------------------------------------------------

PAGE_TYPES = ("index.html", "tema-tjenestene.html", "tema-tjenestene-2.html",
              "tiltak/samhandlingskommunen.html", "tiltak/prosjekt-decidim.html", "om-dataene.html",
              "tilgjengelighet.html")  # prosjekt-decidim: an initiative with results on Decidim (test_site_decidim.py)
NARROW_AXE = ("index.html", "tiltak/samhandlingskommunen.html",
              "tiltak/prosjekt-decidim.html")  # what the stylesheet lays out anew on a phone


@pytest.mark.browser
def test_every_page_type_passes_axe_and_fits_a_320_px_screen_over_file_urls(demo_site):
    from browser import ARTIFACTS, axe_violations, chromium, wait_for_paint

    ARTIFACTS.mkdir(exist_ok=True)
    problems = {}
    for width in (1280, 320):
        with chromium(viewport=(width, 900)) as page:
            elsewhere = []
            page.on("request", lambda r, found=elsewhere: found.append(r.url)
                    if not r.url.startswith(("file://", "data:")) else None)
            for name in PAGE_TYPES:
                page.goto((demo_site / name).as_uri(), wait_until="load")
                wait_for_paint(page)
                found = []
                if width > 320 or name in NARROW_AXE:
                    found += [f"axe {v['id']} ({v['impact']}): {v['nodes'][0]['target']} – {v['help']}"
                              for v in axe_violations(page, impacts=None)]
                if page.evaluate("document.documentElement.lang") != "nb":
                    found.append("lang is not nb")
                header = page.evaluate("getComputedStyle(document.querySelector('.site-header')).backgroundColor")
                if header != "rgb(11, 83, 148)":
                    found.append(f"the stylesheet did not load (header {header})")
                scroll = page.evaluate("document.documentElement.scrollWidth")
                if scroll > width:
                    found.append(f"{scroll} px wide at {width} px")
                tables = page.evaluate("[...document.querySelectorAll('.table-wrap')]"
                                       ".filter(w => w.scrollWidth > w.clientWidth).length")
                if tables:
                    found.append(f"{tables} tables scroll sideways at {width} px")
                if found:
                    problems[f"{name} at {width} px"] = found
                if name == "index.html":
                    page.screenshot(path=str(ARTIFACTS / f"site-index-{width}.png"))
            assert elsewhere == [], elsewhere
    assert problems == {}


@pytest.mark.browser
def test_the_skip_link_is_the_first_stop_and_moves_to_the_content(demo_site):
    from browser import chromium

    with chromium(viewport=(320, 800)) as page:
        page.goto((demo_site / "tiltak" / "samhandlingskommunen.html").as_uri())
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.getAttribute('href')") == "#innhold"
        assert page.evaluate("document.activeElement.getBoundingClientRect().top") >= 0  # shown when focused
        page.keyboard.press("Enter")
        page.wait_for_function("() => location.hash === '#innhold'")
        page.keyboard.press("Tab")
        focused = page.evaluate("document.activeElement.closest('main') !== null")
        assert focused


def test_demo_is_rendered_with_the_default_limits_too(demo_data, tmp_path):
    files = render(demo_data, earlier=dataclasses.replace(demo_data, memo={}))
    assert not any(re.fullmatch(r"(tema|malgruppe)-.*\.html", p) for p in files)  # every group fits the front page
    index = files["index.html"].decode()
    focus, target = site_pages.groups(site_pages.entries(demo_data))
    assert index.count('class="entry-name"') == sum(len(g.entries) for g in (*focus, *target))
