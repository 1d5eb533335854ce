"""What `python -m portfolio publish` writes, as {path: bytes}: the static
website (portfolio.present.site), the open-data package under `data/`
(portfolio.present.open_data, dcat) and the feeds at the root
(portfolio.present.feeds), all from the public projection of one snapshot
(and, for the feed of changes and the site's «what changed», those of the
snapshots before it). Also the publish settings (publisher, contact point,
licence) read from a TOML file.

Settings file (`publish.toml`; the command's --config, else
`<PORTFOLIO_DATA>/publish.toml`):

    [publisher]
    name = "Kristiansand kommune"
    organisation_number = "963296746"   # Enhetsregisteret: nine digits, checked with modulus 11
    [contact]
    name = "Postmottak"
    email = "postmottak@kristiansand.kommune.no"
    [licence]                           # optional: NLOD 2.0 unless given
    uri = "http://data.norge.no/nlod/no/2.0"
    name = "Norsk lisens for offentlige data (NLOD) 2.0"

Demo rule: a snapshot marked as demo data (`is_demo`, which `tools.demo_data`
sets and `snapshots --json` shows) may be published without the publisher
and contact settings: those missing are taken from the project's own
`data/publish.toml` (DEMO_SETTINGS), and the package says it is demo data.
Any other snapshot needs all four (MISSING_KEYS names them), so that real
open data always says who publishes it and whom to ask.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
import tomllib
from collections.abc import Callable
from pathlib import Path

from portfolio import config, fmt
from portfolio.present import dcat, feeds, open_data, public_overview
from portfolio.store import public
from portfolio.store.public import PublicData
from portfolio.store.snapshots import Store
from portfolio.texts import publish as T

DEMO_SETTINGS = config.PROJECT_ROOT / "data" / "publish.toml"
MARKER = ".publisert.json"  # marks a folder as written by `publish` (and says what it holds)
REQUIRED_KEYS = (("publisher", "name"), ("publisher", "organisation_number"), ("contact", "name"),
                 ("contact", "email"))
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_URL = re.compile(r"^https?://\S+$")
FEED_FILE, CALENDAR_FILE = "changes.xml", "kalender.ics"
DATAPACKAGE_FILE, CATALOG_FILE = "datapackage.json", "catalog.jsonld"


class PublishError(Exception):
    """The publish cannot be made; `message` says why, in Norwegian."""

    def __init__(self, problem: str, **values: object) -> None:
        self.problem = problem
        self.message = T.ERRORS[problem].format(**values)
        super().__init__(self.message)


# -- the settings -----------------------------------------------------------------------

def _read_toml(path: Path) -> dict:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as err:
        raise PublishError("bad_config", path=path, problem=str(err)) from None


def _value(found: dict, section: str, key: str) -> str | None:
    value = found.get(section, {}).get(key) if isinstance(found.get(section), dict) else None
    value = str(value).strip() if value is not None else ""
    return value or None


def valid_organisation_number(number: str) -> bool:
    """Nine digits whose last is the modulus-11 check digit of the first eight."""
    if not re.fullmatch(r"\d{9}", number):
        return False
    total = sum(int(d) * w for d, w in zip(number[:8], (3, 2, 7, 6, 5, 4, 3, 2), strict=True))
    check = 11 - total % 11
    return check != 10 and (check % 11) == int(number[8])


@dataclasses.dataclass(frozen=True)
class LoadedSettings:
    settings: open_data.Settings
    demo_filled: bool  # some were taken from DEMO_SETTINGS


def settings(path: Path, *, is_demo: bool, explicit: bool) -> LoadedSettings:
    """The publish settings from `path`. `explicit`: the file was named on the
    command line (then it must exist). Raises PublishError when a required
    setting is missing for a snapshot that is not demo data, or is not valid."""
    if path.exists():
        found = _read_toml(path)
    elif explicit:
        raise PublishError("no_config", path=path)
    else:
        found = {}
    missing = [(s, k) for s, k in REQUIRED_KEYS if _value(found, s, k) is None]
    demo_filled = False
    if missing and is_demo and DEMO_SETTINGS.exists() and DEMO_SETTINGS.resolve() != path.resolve():
        demo = _read_toml(DEMO_SETTINGS)
        for section, key in missing:
            if _value(demo, section, key) is not None:
                found.setdefault(section, {})[key] = _value(demo, section, key)
                demo_filled = True
        missing = [(s, k) for s, k in REQUIRED_KEYS if _value(found, s, k) is None]
    if missing:
        keys = ", ".join(f"{s}.{k}" for s, k in missing)
        raise PublishError("missing_settings" if path.exists() else "missing_settings_no_file", keys=keys, path=path)
    number = _value(found, "publisher", "organisation_number") or ""
    if not valid_organisation_number(number):
        raise PublishError("bad_organisation_number", value=number)
    email = _value(found, "contact", "email") or ""
    if not _EMAIL.match(email):
        raise PublishError("bad_email", value=email)
    licence_uri = _value(found, "licence", "uri") or open_data.NLOD
    if not _URL.match(licence_uri):
        raise PublishError("bad_url", value=licence_uri)
    result = open_data.Settings(
        publisher_name=_value(found, "publisher", "name"), organisation_number=number,
        contact_name=_value(found, "contact", "name"), contact_email=email, licence_uri=licence_uri,
        licence_name=_value(found, "licence", "name") or (T.LICENCE_NAME if licence_uri == open_data.NLOD
                                                          else licence_uri),
    )
    return LoadedSettings(result, demo_filled)


def check_base_url(base_url: str | None) -> str | None:
    """The published folder's address, ending in "/" (None: relative links)."""
    if not base_url:
        return None
    if not _URL.match(base_url):
        raise PublishError("bad_url", value=base_url)
    return base_url.rstrip("/") + "/"


# -- what is written ---------------------------------------------------------------------------

@dataclasses.dataclass(frozen=True)
class Publication:
    files: dict[str, bytes]  # path relative to the published folder -> content
    data: PublicData

    @property
    def counts(self) -> dict[str, int]:
        return {name: len(frame) for name, frame in self.data.tables.items()}


def earlier_data(store: Store, snapshot_id: str) -> PublicData | None:
    """The earlier public projection the site's «what changed» compares with
    (as the Streamlit public page does)."""
    found = public_overview.comparison_snapshot(((m.snapshot_id, m.created) for m in store.list()), snapshot_id)
    return public.snapshot_data(store, found) if found else None


def _download(path: str, title: str, format_label: str, content: bytes) -> dict:
    return {"path": path, "title": title, "format": format_label, "bytes": len(content)}


def build(store: Store, snapshot_id: str, publish_settings: open_data.Settings, *, base_url: str | None,
          published_at: dt.datetime) -> Publication:
    """Every file of the publication. Raises SnapshotNotFound for an unknown id."""
    from portfolio.present import site, site_pages

    store.get(snapshot_id)  # SnapshotNotFound before any work
    data = public.snapshot_data(store, snapshot_id)
    root = base_url or ""

    def page_url(initiative_id: str) -> str:
        return root + site_pages.initiative_file(initiative_id)

    files: dict[str, bytes] = {}
    data_files = open_data.data_files(data)
    for f in data_files:
        files[f.path] = f.content
    package = open_data.json_bytes(open_data.datapackage(data, data_files, publish_settings))
    catalog = open_data.json_bytes(dcat.catalog(data, data_files, publish_settings, base_url))
    files[f"{open_data.DATA_DIR}/{DATAPACKAGE_FILE}"] = package
    files[f"{open_data.DATA_DIR}/{CATALOG_FILE}"] = catalog
    entries = feeds.public_changes(store, snapshot_id)
    files[FEED_FILE] = feeds.atom(entries, updated=data.source.created, author=publish_settings.publisher_name or "",
                                  base_url=base_url, page_url=page_url, rights=publish_settings.licence_name)
    files[CALENDAR_FILE] = feeds.calendar(data, page_url=page_url)

    downloads = [_download(f.path, T.RESOURCE_TITLE.format(table=open_data.table_title(f.table), format=f.format),
                           f.format, f.content) for f in data_files]
    downloads += [
        _download(f"{open_data.DATA_DIR}/{DATAPACKAGE_FILE}", T.FILE_TITLES["datapackage"], "JSON", package),
        _download(f"{open_data.DATA_DIR}/{CATALOG_FILE}", T.FILE_TITLES["catalog"], "JSON-LD", catalog),
        _download(FEED_FILE, T.FILE_TITLES["changes"], "Atom", files[FEED_FILE]),
        _download(CALENDAR_FILE, T.FILE_TITLES["calendar"], "iCalendar", files[CALENDAR_FILE]),
    ]
    pages = site.render_site(data, snapshot_id=snapshot_id, published_at=published_at, base_url=base_url,
                             downloads=downloads, earlier=earlier_data(store, snapshot_id))
    clash = set(pages) & set(files)
    assert not clash, f"the site and the data name the same files: {sorted(clash)}"
    files.update(pages)
    files[MARKER] = marker(data, published_at, files)
    return Publication(files, data)


def marker(data: PublicData, published_at: dt.datetime, files: dict[str, bytes]) -> bytes:
    """The manifest that marks the folder as a publication: which snapshot,
    when, and every file with its size."""
    info = {
        "written_by": "python -m portfolio publish",
        "snapshot_id": data.source.snapshot_id,
        "snapshot_created_at": data.source.created.isoformat(timespec="milliseconds"),
        "is_demo": data.source.is_demo,
        "published_at": published_at.isoformat(timespec="seconds"),
        "files": {path: len(content) for path, content in sorted(files.items())},
    }
    return (json.dumps(info, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


# -- the public page's downloads ------------------------------------------------------------

@dataclasses.dataclass(frozen=True)
class Download:
    """A file of the publication that the public page offers (made only when asked for)."""

    label: str
    file_name: str
    mime: str
    make: Callable[[], bytes]


def page_downloads(data: PublicData) -> list[Download]:
    """The files of the publication that the Streamlit public page offers,
    made by the same functions from the projection it shows: each table as
    CSV and Parquet, datapackage.json and the calendar (the catalogue needs
    the publish settings and the feed of changes the history: they are in
    the published folder only)."""
    def table_file(table: str, kind: tuple) -> Download:
        label, suffix, media_type = kind
        maker = open_data.csv_bytes if kind is open_data.CSV else open_data.parquet_bytes
        return Download(T.RESOURCE_TITLE.format(table=open_data.table_title(table), format=label),
                        f"{table}.{suffix}", media_type, lambda: maker(table, data.tables[table]))

    def package() -> bytes:
        return open_data.json_bytes(open_data.datapackage(data, open_data.data_files(data)))

    def calendar() -> bytes:
        return feeds.calendar(data, page_url=lambda initiative_id: None)

    found = [table_file(table, kind) for table in public.PUBLIC_TABLES for kind in open_data.FORMATS]
    found.append(Download(T.FILE_TITLES["datapackage"], DATAPACKAGE_FILE, "application/json", package))
    found.append(Download(T.FILE_TITLES["calendar"], CALENDAR_FILE, "text/calendar", calendar))
    return found


def table_lines() -> list[fmt.Markdown]:
    """One line per table of the package, for «Om dataene»: its Norwegian
    name, file name and what it holds."""
    return [fmt.markdown(T.TABLE_LINE, table=open_data.table_title(table), file=f"{table}.csv / {table}.parquet",
                         description=T.TABLE_DESCRIPTIONS.get(table, open_data.table_title(table)))
            for table in public.PUBLIC_TABLES]
