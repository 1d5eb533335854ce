"""The static site's «Følg arbeidet i Decidim» (portfolio/present/site_decidim.py
and the section of portfolio/templates/site/initiative.html): on the demo
data, a public initiative linked to Decidim shows its results in a table
(caption, column and row headers; status in words, progress as text) with
each title a link back to Decidim, says what its card on the Streamlit public
page says, and no Decidim row linked only to an internal initiative is
anywhere in the site; text from Decidim is shown as text and only web
addresses become links. The pages' axe-core run is in
tests/test_publish_site.py (its PAGE_TYPES include an initiative linked to
Decidim).
"""

from __future__ import annotations

import datetime as dt
import html
from pathlib import Path

import pandas as pd
import pytest

from conftest import DEMO_DATA, initiative, tables
from portfolio import fmt
from portfolio.model import schema
from portfolio.present import decidim_words, public_decidim, site, site_pages
from portfolio.store import public
from portfolio.store.snapshots import Store
from portfolio.texts import decidim_pages as D
from portfolio.texts import site as S
from test_publish_site import Page, render, write_site

LINKED = "prosjekt-decidim"  # public, three results and a meeting on Decidim
HOSTILE_TITLE = "<script>alert(1)</script>"
HOSTILE_MARKDOWN = "**fet** [lenke](https://evil.example/) <img src=x onerror=alert(2)>"
SECRET_TITLE = "Internt Decidim-resultat som aldri skal vises"


class Section(Page):
    """A page, and the rows and links of its Decidim table (table.decidim)."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[list[tuple[str, str]]] = []  # per row: (tag, text) of each cell
        self.hrefs: list[str] = []  # the links inside the table
        self.captions: list[str] = []
        self.scopes: list[tuple[str, str | None]] = []
        self._in, self._cell, self._caption = False, None, None

    def handle_starttag(self, tag, attrs):
        super().handle_starttag(tag, attrs)
        attrs = dict(attrs)
        if tag == "table" and attrs.get("class") == "decidim":
            self._in = True
        elif self._in and tag == "tr":
            self.rows.append([])
        elif self._in and tag in ("th", "td"):
            self._cell = [tag, ""]
            self.scopes.append((tag, attrs.get("scope")))
        elif self._in and tag == "caption":
            self._caption = ""
        elif self._in and tag == "a":
            self.hrefs.append(attrs["href"])

    def handle_endtag(self, tag):
        super().handle_endtag(tag)
        if tag == "table":
            self._in = False
        elif self._cell is not None and tag == self._cell[0]:
            self.rows[-1].append((self._cell[0], " ".join(self._cell[1].split())))
            self._cell = None
        elif self._caption is not None and tag == "caption":
            self.captions.append(self._caption.strip())
            self._caption = None

    def handle_data(self, data):
        super().handle_data(data)
        if self._cell is not None:
            self._cell[1] += data
        if self._caption is not None:
            self._caption += data


def read(path: Path) -> Section:
    page = Section()
    page.feed(path.read_text(encoding="utf-8"))
    page.close()
    return page


def text_of(page: Page) -> str:
    return " ".join(" ".join(page.text).split()).replace("\u00a0", " ")


@pytest.fixture(scope="module")
def demo_data():
    return public.latest_data(DEMO_DATA)


@pytest.fixture(scope="module")
def demo_site(demo_data, tmp_path_factory) -> Path:
    return write_site(render(demo_data), tmp_path_factory.mktemp("site-decidim"))


def test_a_public_initiative_linked_to_decidim_shows_its_results_and_links(demo_site, demo_data):
    page = read(demo_site / site_pages.initiative_file(LINKED))
    assert (2, D.PUBLIC_HEADING) in page.headings and "decidim" in page.ids
    name = demo_data.initiatives.set_index("initiative_id").loc[LINKED, "name"]
    assert page.captions == [D.PUBLIC_TABLE_LABEL.format(name=name)]
    header, *rows = page.rows
    assert header == [("th", D.COL_TITLE), ("th", D.COL_PROGRESS), ("th", D.COL_STATUS)]
    assert {s for tag, s in page.scopes if tag == "th"} == {"col", "row"}
    linked = demo_data.decidim_links
    ids = linked.loc[(linked["initiative_id"] == LINKED) & (linked["entity"] == "results"), "decidim_id"]
    results = demo_data.decidim_results.set_index("decidim_id").loc[list(ids)]
    assert len(rows) == len(results) == 3
    shown = {title: (progress, status) for (_, title), (_, progress), (_, status) in rows}
    for result in results.itertuples():
        assert shown[result.title] == (f"{round(result.progress)} %", result.status.lower())  # "70 %", in words
    assert sorted(page.hrefs) == sorted(results["url"]) and all(h.startswith("https://") for h in page.hrefs)
    text = text_of(page)
    assert "Kommunen viser 3 resultater av dette arbeidet på deltakristiansand.no" in text
    assert "I snitt er de 88 % ferdige." in text and "Også knyttet til 1 møte i Decidim." in text


def test_every_initiative_page_says_what_its_public_card_says_about_decidim(demo_site, demo_data):
    """The site's section is the public page's card (public_decidim.card_decidim), made for all at once."""
    shown = 0
    for initiative_id in demo_data.initiatives["initiative_id"]:
        card = public_decidim.card_decidim(demo_data, initiative_id)
        page = read(demo_site / site_pages.initiative_file(initiative_id))
        if card is None:
            assert "decidim" not in page.ids and D.PUBLIC_HEADING not in text_of(page), initiative_id
            continue
        shown += 1
        assert str(fmt.html(card.sentence)) in (demo_site / site_pages.initiative_file(initiative_id)).read_text()
        expected = [[("th", t), ("td", decidim_words.percent(p).replace("\u00a0", " ")), ("td", s)]
                    for t, p, s in zip(card.table[D.COL_TITLE], card.table[D.COL_PROGRESS],
                                       card.table[D.COL_STATUS], strict=True)]
        assert [[(tag, c.replace("\u00a0", " ")) for tag, c in row] for row in page.rows[1:]] == expected
        assert page.hrefs == [u for u in card.table[D.COL_LINK] if u]
    assert shown == len(set(demo_data.decidim_links["initiative_id"])) > 1
    assert public_decidim.cards_decidim(demo_data).keys() == {
        i for i in demo_data.initiatives["initiative_id"] if public_decidim.card_decidim(demo_data, i)}


def test_no_decidim_row_of_an_internal_initiative_is_anywhere_in_the_site(demo_site):
    """The demo's internal initiatives (SOSLOKAL, Dialogmøter med formannskapet) have Decidim rows
    of their own: their titles and addresses are in no file of the site."""
    store = Store(DEMO_DATA)
    snapshot = store.latest().snapshot_id

    def read_table(name):
        return store.read_columns(snapshot, name, schema.TABLES[name].column_names).to_pandas()

    initiatives = read_table("initiatives")
    internal = set(initiatives.loc[~initiatives["is_public"].fillna(False), "initiative_id"])
    links = read_table("decidim_links")
    by_public = links[~links["initiative_id"].isin(internal)]
    secret, seen = [], []
    for entity in schema.DECIDIM_ENTITIES:
        rows = read_table(f"decidim_{entity}")
        mine = links.loc[links["initiative_id"].isin(internal) & (links["entity"] == entity), "decidim_id"]
        theirs = by_public.loc[by_public["entity"] == entity, "decidim_id"]
        hidden = rows[rows["decidim_id"].isin(mine) & ~rows["decidim_id"].isin(theirs)]
        secret += [*hidden["title"], *hidden["url"].dropna()]
        if entity == "results":
            seen += list(rows.loc[rows["decidim_id"].isin(theirs), "title"])
    assert len(secret) >= 6 and seen  # the check has something to find, and looks where the data is
    everything = "\n".join(html.unescape(p.read_text(encoding="utf-8")) for p in demo_site.rglob("*.html"))
    assert [s for s in secret if s in everything] == []
    assert all(title in everything for title in seen)


def hostile_site(tmp_path: Path) -> tuple[Path, public.PublicData]:
    """A public initiative named HOSTILE_TITLE with two results on Decidim whose
    texts are markup (one with an address that needs escaping in an attribute,
    one whose address is not a web address), and an internal initiative with a
    result of its own."""
    rows = tables([initiative("apen", name=HOSTILE_TITLE, is_public=True, public_summary="Et tiltak."),
                   initiative("intern", name="Internt tiltak")])

    def frame(table, records):
        return pd.DataFrame(records, columns=schema.TABLES[table].column_names)

    common = dict(parent_id=None, start_date=dt.date(2026, 1, 5), end_date=None, category=None, scope=None,
                  component_id=31, host="<i>vert</i>.example")
    rows["decidim_results"] = frame("decidim_results", [
        dict(decidim_id=1, title=HOSTILE_TITLE, status="<b>Ferdig</b>", progress=70.0,
             url='https://delta.example/r/1?a=1&b="><script>alert(3)</script>', **common),
        dict(decidim_id=2, title=HOSTILE_MARKDOWN, status=None, progress=None, url="javascript:alert(4)", **common),
        dict(decidim_id=3, title=SECRET_TITLE, status="ferdig", progress=10.0, url="https://delta.example/r/3",
             **common),
    ])
    rows["decidim_links"] = frame("decidim_links", [
        dict(entity="results", decidim_id=1, initiative_id="apen"),
        dict(entity="results", decidim_id=2, initiative_id="apen"),
        dict(entity="results", decidim_id=3, initiative_id="intern"),
    ])
    store = Store(tmp_path / "data")
    meta = store.write(rows, author="test", note="test", created_at=dt.datetime(2026, 11, 1, tzinfo=dt.UTC))
    data = public.snapshot_data(store, meta.snapshot_id)
    return write_site(render(data), tmp_path / "site"), data


def test_decidim_text_with_markup_is_shown_as_text_and_only_web_addresses_are_links(tmp_path):
    out, data = hostile_site(tmp_path)
    path = out / site_pages.initiative_file("apen")
    body = path.read_text(encoding="utf-8")
    assert "<script" not in body and "<b>" not in body and "<i>" not in body and "<img" not in body
    assert "javascript:" not in body and 'href="https://evil.example/' not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body and "&lt;b&gt;ferdig&lt;/b&gt;" in body  # lower case, as the public page
    assert 'href="https://delta.example/r/1?a=1&amp;b=&#34;&gt;&lt;script&gt;alert(3)&lt;/script&gt;"' in body
    page = read(path)
    assert page.hrefs == ['https://delta.example/r/1?a=1&b="><script>alert(3)</script>']  # the address as it is
    assert page.captions == [D.PUBLIC_TABLE_LABEL.format(name=HOSTILE_TITLE)]
    assert page.rows[1:] == [  # by start date, then title, as the public page
        [("th", HOSTILE_MARKDOWN), ("td", S.DECIDIM_NO_PROGRESS), ("td", D.PUBLIC_STATUS_UNKNOWN)],
        [("th", HOSTILE_TITLE), ("td", "70 %"), ("td", "<b>ferdig</b>")],
    ]
    assert "på <i>vert</i>.example, der du kan følge dem" in text_of(page)  # the host in the sentence, as text
    # the internal initiative's result is in no file, and has no page
    assert data.decidim_results["decidim_id"].tolist() == [1, 2]
    assert not any(SECRET_TITLE in p.read_text(encoding="utf-8") for p in out.rglob("*.html"))
    assert not (out / site_pages.initiative_file("intern")).exists()


def test_an_initiative_without_decidim_has_no_section(tmp_path):
    rows = tables([initiative("apen", is_public=True, public_summary="Et tiltak.")])
    store = Store(tmp_path / "data")
    meta = store.write(rows, author="test", note="test", created_at=dt.datetime(2026, 11, 1, tzinfo=dt.UTC))
    files = site.render_site(public.snapshot_data(store, meta.snapshot_id), snapshot_id=meta.snapshot_id,
                             published_at=dt.datetime(2026, 12, 2, tzinfo=dt.UTC), base_url=None, downloads=[])
    page = files[site_pages.initiative_file("apen")].decode()
    assert 'id="decidim"' not in page and D.PUBLIC_HEADING not in page
