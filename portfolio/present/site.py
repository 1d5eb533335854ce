"""The public portfolio as a static website (`python -m portfolio publish`):
plain HTML and CSS made with the Jinja2 templates in
portfolio/templates/site/, from the public projection only
(portfolio.store.public). No JavaScript, no other host (fonts, scripts,
images: none), relative links only, so the folder works from `file://` and
on any web server.

Pages (paths relative to the site's root):

- `index.html`: the overview of the Streamlit public page (counts, money,
  what changed; charts as inline SVG, each with a sentence and a table), then
  the initiatives by focus area and by target group, with a table of
  contents of anchors. Each group shows its first PREVIEW initiatives (name,
  phase and the first sentence of the summary); a group with more links to
  its own pages.
- `<group>.html`, `<group>-2.html`, …: every initiative of a group with more
  than PREVIEW, PAGE_SIZE a page. The front page stays the same size
  whatever the number of initiatives (about PREVIEW × the number of groups,
  which the schema fixes), and no page holds more than PAGE_SIZE initiatives:
  10 000 initiatives give pages of tens of kilobytes, not one page of
  megabytes that a phone cannot show.
- `tiltak/<initiative_id>.html`: one page per public initiative (with its
  results on Decidim: site_decidim.py).
- `om-dataene.html` (with the files to download) and `tilgjengelighet.html`
  (the site's accessibility statement); `site.css` (screen and print).

Every text a reader sees is from portfolio/texts (site.py, public.py,
about.py, decidim_pages.py); text from the data is escaped by the templates
(autoescape) or by `fmt.html`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import importlib.resources
from collections.abc import Iterable

import jinja2
from markupsafe import Markup

from portfolio import fmt
from portfolio.present import public, public_overview, site_charts, site_pages
from portfolio.store.public import PublicData
from portfolio.texts import about as A
from portfolio.texts import decidim_pages as D
from portfolio.texts import public as T
from portfolio.texts import site as S

TEMPLATES = ("templates", "site")
ICON = ("web", "assets", "icon.png")  # read as a file: the site never imports the web layer
PREVIEW = 10  # initiatives of a group shown on the front page
PAGE_SIZE = 100  # initiatives on one page of a group
FEED_TYPES = {"Atom": "application/atom+xml", "iCalendar": "text/calendar"}


@functools.cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("portfolio", "/".join(TEMPLATES)),
        autoescape=True,  # text is never markup: only Markup (fmt.html, the charts' SVG) is not escaped
        undefined=jinja2.StrictUndefined,
        auto_reload=False,  # the templates of one run never change: no stat() per page
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.globals.update(S=S, P=T, A=A, D=D, OWN=own_texts(), kr=fmt.kr, number=fmt.number)
    return env


def own_texts() -> dict[str, Markup | list[Markup]]:
    """The app's own texts that carry Markdown (bold, links; paragraphs
    between blank lines), as HTML. The templates show every other text as
    it is (escaped). (By index, not by item: fmt.markdown's template is
    always visibly the app's own words, tests/test_markup.py.)"""
    return {
        "WHAT": fmt.html(fmt.markdown(A.WHAT)).split("\n\n"),
        "PUBLIC_PART": fmt.html(fmt.markdown(A.PUBLIC_PART)),
        "WHO_CONTACT": fmt.html(fmt.markdown(A.WHO_CONTACT)),
        "WORDS": [fmt.html(fmt.markdown(T.WORDS[i])) for i in range(len(T.WORDS))],
        "STATUS": fmt.html(fmt.markdown(S.STATEMENT_STATUS)),
        "OK": [fmt.html(fmt.markdown(S.STATEMENT_OK[i])) for i in range(len(S.STATEMENT_OK))],
        "NOT_OK": [fmt.html(fmt.markdown(S.STATEMENT_NOT_OK[i])) for i in range(len(S.STATEMENT_NOT_OK))],
        "FEEDBACK": fmt.html(fmt.markdown(A.FEEDBACK)),
        "COMPLAINT": fmt.html(fmt.markdown(A.COMPLAINT)),
    }


def stylesheet() -> bytes:
    return importlib.resources.files("portfolio").joinpath(*TEMPLATES, "site.css").read_bytes()


def icon() -> bytes:
    """The app's tab icon, for the site's tab too (a browser asks for one anyway)."""
    return importlib.resources.files("portfolio").joinpath(*ICON).read_bytes()


def size_text(size: int) -> str:
    """1234 -> "1 kB", 2_345_678 -> "2,3 MB"."""
    if size < 1000:
        return S.SIZE_BYTES.format(size=fmt.number(size))
    if size < 1_000_000:
        return S.SIZE_KB.format(size=fmt.number(max(round(size / 1000), 1)))
    return S.SIZE_MB.format(size=fmt.decimal(round(size / 1_000_000, 1)))


@dataclasses.dataclass(frozen=True)
class Download:
    path: str
    title: str
    format: str
    size: str

    @property
    def info(self) -> str:
        """"(CSV, 3 kB)"; "(3 kB)" when the title names the format already."""
        if self.format.casefold() in self.title.casefold():
            return S.DOWNLOAD_SIZE_ONLY.format(size=self.size)
        return S.DOWNLOAD_INFO.format(format=self.format, size=self.size)


def _downloads(downloads: Iterable[dict]) -> list[Download]:
    found = []
    for d in downloads:
        path = str(d["path"])
        if path.startswith("/") or "://" in path or "\\" in path or ".." in path.split("/"):
            raise ValueError(f"a download's path must be relative to the site's root: {path!r}")
        found.append(Download(path, str(d["title"]), str(d["format"]), size_text(int(d["bytes"]))))
    return found


def _pages(group: site_pages.Group, page_size: int) -> list[tuple[str, list[site_pages.Entry]]]:
    """A group's own pages: (file name, its initiatives)."""
    chunks = [group.entries[i:i + page_size] for i in range(0, len(group.entries), page_size)]
    return [(f"{group.key}.html" if n == 1 else f"{group.key}-{n}.html", chunk)
            for n, chunk in enumerate(chunks, start=1)]


def render_site(data: PublicData, *, snapshot_id: str, published_at: dt.datetime, base_url: str | None,
                downloads: list[dict], earlier: PublicData | None = None, preview: int = PREVIEW,
                page_size: int = PAGE_SIZE) -> dict[str, bytes]:
    """Every file of the static site: {path relative to the site's root:
    bytes}. `downloads` are the data files published beside it (path
    relative to the root, Norwegian title, format, size in bytes): listed on
    «Om dataene»; the Atom and iCalendar feeds among them are linked from
    the front page. `earlier` is the public projection «Nytt siden …» compares
    with (public_overview.comparison_snapshot); without one it tells what
    the published data itself dates. `base_url`, where the site will be
    served, gives each page its canonical address; links stay relative."""
    shown = _downloads(downloads)
    files = _Files(environment(), base_url, common={
        "published": fmt.html(fmt.markdown(
            S.PUBLISHED, date=fmt.date_time(published_at), snapshot_date=fmt.date(data.source.created),
            snapshot_id=snapshot_id)),
        "is_demo": data.source.is_demo,
        "feeds": [d for d in shown if d.format == "Atom"],
        "feed_type": FEED_TYPES,
    })
    rows = site_pages.entries(data)
    focus, target = site_pages.groups(rows)
    group_pages = {g.key: _pages(g, page_size) for g in (*focus, *target) if len(g.entries) > preview}
    _index(files, data, earlier, focus, target, group_pages, preview, shown)
    for group in (*focus, *target):
        pages = group_pages.get(group.key, [])
        for number, (name, chunk) in enumerate(pages, start=1):
            title = group.title if number == 1 else S.PAGE_TITLE_NUMBERED.format(
                title=group.title, page=number, pages=len(pages))
            files.render(name, "group.html", nav=None, title=title, heading=group.title, group=group,
                         entries=chunk, page=number, pages=[n for n, _ in pages])
    projection = site_pages.Projection(data)
    by_id = {row["initiative_id"]: entry for row, entry in rows}
    template = files.env.get_template("initiative.html")
    for row, _entry in rows:
        page = projection.page(row, by_id)
        files.render(page.file, template, nav=None, title=page.name, page=page, phases=public.PHASES)
    _about(files, data, snapshot_id, published_at, shown)
    files.render("tilgjengelighet.html", "statement.html", nav="statement", title=A.STATEMENT_TITLE,
                 statement_date=fmt.date(S.STATEMENT_DATE))
    files.out["site.css"] = stylesheet()
    files.out["favicon.png"] = icon()
    return files.out


def _index(files: _Files, data: PublicData, earlier: PublicData | None, focus: list[site_pages.Group],
           target: list[site_pages.Group], group_pages: dict, preview: int, shown: list[Download]) -> None:
    """The front page: the public page's overview, then the groups."""
    overview = public_overview.overview(data, earlier)
    changes = [fmt.html(line) for line in overview.changes]
    if overview.changes_more:
        changes.append(fmt.html(fmt.markdown(T.CHANGES_MORE_ONE if overview.changes_more == 1 else T.CHANGES_MORE,
                                             count=fmt.number(overview.changes_more))))
    files.render(
        "index.html", "index.html", nav="index", title=T.PAGE_TITLE,
        updated=T.UPDATED.format(date=fmt.date(data.source.created)), overview=overview,
        sentences=fmt.html(fmt.join(" ", overview.sentences)),
        money_sentences=fmt.html(fmt.join(" ", overview.money_sentences)),
        since=fmt.date(overview.since), changes=changes, charts=site_charts.overview_charts(data, overview),
        focus=focus, target=target, preview=preview, group_pages=group_pages,
        follow=[d for d in shown if d.format in FEED_TYPES],
        phases=[(p, T.PHASE_EXPLANATIONS[p]) for p in public.PHASES],
    )


def _about(files: _Files, data: PublicData, snapshot_id: str, published_at: dt.datetime,
           shown: list[Download]) -> None:
    """«Om dataene»: what the public app's «Om dataene» says, and the files to download."""
    programmes, total = public.programmes(data)
    files.render(
        "om-dataene.html", "about.html", nav="about", title=A.ABOUT_TITLE, downloads=shown,
        formats=[(f, S.FORMATS[f]) for f in dict.fromkeys(d.format for d in shown) if f in S.FORMATS],
        fresh=_fresh(data),
        programmes=[fmt.html(fmt.markdown(A.WHO_PROGRAMME, name=p.name, count=fmt.number(p.child_count),
                                          owner=p.project_owner)) for p in programmes.itertuples(index=False)],
        programmes_more=max(total - len(programmes), 0),
        source=fmt.html(fmt.markdown(S.SOURCE, snapshot_id=snapshot_id, date=fmt.date_time(data.source.created),
                                     published=fmt.date_time(published_at))),
    )


def _fresh(data: PublicData) -> list[str]:
    return [A.FRESH_PUBLIC.format(date=fmt.date(data.source.created)),
            A.FRESH_PUBLIC_TABLE.format(**{k: fmt.number(len(v)) for k, v in data.tables.items()})]


class _Files:
    """The pages rendered so far, each with what every page shows."""

    def __init__(self, env: jinja2.Environment, base_url: str | None, common: dict) -> None:
        self.env, self.common, self.out = env, common, {}
        base = (base_url or "").strip()
        self.base = base.rstrip("/") + "/" if base.startswith(("https://", "http://")) else None

    def render(self, path: str, template: str | jinja2.Template, *, nav: str | None, title: str,
               heading: str | None = None, **context) -> None:
        """Render a page to `path`: `title` in the browser's tab, `heading` (default: the title) its h1."""
        if path in self.out:
            raise ValueError(f"two pages would be written to {path}")
        template = self.env.get_template(template) if isinstance(template, str) else template
        html = template.render(
            **self.common, **context, root="../" * path.count("/"), nav=nav, path=path,
            title=S.PAGE_TITLE.format(page=title), heading=heading or title,
            canonical=self.base + path if self.base else None,
        )
        self.out[path] = html.encode("utf-8")
