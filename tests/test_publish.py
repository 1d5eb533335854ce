"""`python -m portfolio publish`: the open-data package (validated by
Frictionless), the DCAT-AP-NO catalogue, the Atom feed (feedparser and
ElementTree) and the calendar (icalendar), the settings file, and the
folder's safety (refusals, atomic replacement). The website itself is
tested in tests/test_publish_site.py; what must never leak in tests/test_public.py.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import io
import json
from pathlib import Path
from xml.etree import ElementTree as ET

import feedparser
import icalendar
import pyarrow.parquet as pq
import pytest
from frictionless import validate

from conftest import DEMO_DATA, initiative, milestone, tables
from portfolio import cli, texts
from portfolio.model import schema
from portfolio.present import dcat, feeds, open_data, publication
from portfolio.present.publication import MARKER, PublishError
from portfolio.store import public
from portfolio.store.snapshots import Store
from portfolio.texts import publish as T

BASE_URL = "https://www.kristiansand.kommune.no/portefolje/"
ATOM = "{http://www.w3.org/2005/Atom}"
SETTINGS = """
[publisher]
name = "Testkommune"
organisation_number = "963296746"
[contact]
name = "Postmottak"
email = "post@example.no"
"""


@contextlib.contextmanager
def data_folder(path: Path):
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("PORTFOLIO_DATA", str(path))
        yield


def publish(data: Path, *args: str, capsys=None) -> tuple[int, str, str]:
    with data_folder(data):
        code = cli.main(["publish", *map(str, args)])
    out = capsys.readouterr() if capsys is not None else None
    return code, (out.out if out else ""), (out.err if out else "")


@pytest.fixture(scope="module")
def published(tmp_path_factory) -> Path:
    """The demo data published once, with a base URL (the demo's own settings file)."""
    out = tmp_path_factory.mktemp("publish") / "nettsted"
    code, _, _ = publish(DEMO_DATA, out, "--base-url", BASE_URL)
    assert code == 0
    return out


def demo_data() -> public.PublicData:
    store = Store(DEMO_DATA)
    return public.snapshot_data(store, store.latest().snapshot_id)


def small_store(root: Path) -> Store:
    """Two snapshots that are not demo data: between them one public phase
    change, internal changes (a status, a comment, an internal milestone)
    and a public milestone moved."""
    store = Store(root)
    rows = [initiative("apen", name="Åpent tiltak", is_public=True, public_summary="Et åpent tiltak.",
                       phase="Konsept"),
            initiative("intern", name="Internt tiltak")]
    ms = [milestone("m-apen", "apen", title="Oppstart; møte, med alle", is_public=True),
          milestone("m-intern", "apen", title="Intern milepæl")]
    first = store.write(tables(rows, milestones=ms), author="Test", note="Første",
                        created_at=dt.datetime(2026, 1, 5, 12, tzinfo=dt.UTC))
    rows[0].update(phase="Planlegge", status_overall="rød", comment_risk="Intern kommentar")
    rows[1].update(phase="Avslutte")
    ms[0].update(due_date=dt.date(2027, 1, 15))
    ms[1].update(due_date=dt.date(2027, 2, 1))
    ms.append(milestone("m-ny-intern", "apen", title="Ny intern milepæl"))
    store.write(tables(rows, milestones=ms), author="Test", note="Andre", base_id=first.snapshot_id,
                created_at=dt.datetime(2026, 2, 5, 12, tzinfo=dt.UTC))
    return store


@pytest.fixture(scope="module")
def small_data(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("small") / "data"
    small_store(root)
    return root


# -- the folder --------------------------------------------------------------------------

def test_publish_writes_the_site_the_data_package_and_the_feeds(published):
    files = {p.relative_to(published).as_posix() for p in published.rglob("*") if p.is_file()}
    expected_data = {f"data/{t}.{kind}" for t in public.PUBLIC_TABLES for kind in ("csv", "parquet")}
    assert expected_data | {"data/datapackage.json", "data/catalog.jsonld", "changes.xml", "kalender.ics",
                            MARKER, "index.html", "om-dataene.html", "tilgjengelighet.html"} <= files
    info = json.loads((published / MARKER).read_text())
    latest = Store(DEMO_DATA).latest()
    assert info["snapshot_id"] == latest.snapshot_id and info["is_demo"] is True
    assert set(info["files"]) == files - {MARKER}
    # no temporary folder is left beside it
    assert [p.name for p in published.parent.iterdir()] == [published.name]
    # «Om dataene» lists every file of the package and both feeds
    about = (published / "om-dataene.html").read_text()
    for path in [*sorted(expected_data), "data/datapackage.json", "data/catalog.jsonld", "changes.xml",
                 "kalender.ics"]:
        assert path in about, path


def test_the_data_package_validates_with_frictionless(published):
    report = validate(str(published / "data" / "datapackage.json"))
    assert report.valid, report.flatten(["resourcePath", "rowNumber", "fieldName", "type", "note"])[:10]
    package = json.loads((published / "data" / "datapackage.json").read_text())
    resources = {r["name"]: r for r in package["resources"]}
    assert len(resources) == 2 * len(public.PUBLIC_TABLES)
    assert package["licenses"][0]["path"] == open_data.NLOD
    initiatives = resources["initiatives"]["schema"]
    assert [f["name"] for f in initiatives["fields"]] == public.public_columns("initiatives")
    assert initiatives["primaryKey"] == ["initiative_id"]
    assert {"fields": ["parent_id"], "reference": {"resource": "", "fields": ["initiative_id"]}} in (
        initiatives["foreignKeys"])
    fields = {f["name"]: f for f in initiatives["fields"]}
    assert fields["phase"]["constraints"]["enum"] == list(schema.PHASES)
    assert fields["phase"]["title"] == texts.COLUMN_LABELS["initiatives"]["phase"]
    assert fields["focus_areas"]["type"] == "array"
    assert fields["focus_areas"]["arrayItem"]["constraints"]["enum"] == list(schema.FOCUS_AREAS)
    assert fields["start_date"]["type"] == "date" and fields["start_date"]["constraints"]["required"]
    assert "required" not in fields["end_date"].get("constraints", {})
    budgets = resources["budgets"]["schema"]
    assert budgets["primaryKey"] == ["initiative_id", "year", "funding_source"]
    assert {"fields": ["initiative_id"], "reference": {"resource": "initiatives", "fields": ["initiative_id"]}} in (
        budgets["foreignKeys"])
    assert resources["initiatives-parquet"]["type"] == "file"  # size and hash checked


def test_a_broken_file_fails_validation(published, tmp_path):
    """The check has teeth: a reference to an initiative that is not in the
    package fails, and so does a file changed after publishing."""
    copy = tmp_path / "data"
    copy.mkdir()
    for path in (published / "data").iterdir():
        (copy / path.name).write_bytes(path.read_bytes())
    budgets = (copy / "budgets.csv").read_text(encoding="utf-8").splitlines()
    first = budgets[1].split(",", 1)
    budgets[1] = f"finnes-ikke,{first[1]}"
    (copy / "budgets.csv").write_bytes(("\r\n".join(budgets) + "\r\n").encode())
    report = validate(str(copy / "datapackage.json"))
    problems = {row[0] for row in report.flatten(["type"])}
    assert not report.valid and {"hash-count", "foreign-key"} <= problems, problems


def test_the_csv_is_machine_readable_and_equals_the_parquet(published):
    data = demo_data()
    for table in public.PUBLIC_TABLES:
        text = (published / "data" / f"{table}.csv").read_bytes().decode("utf-8")
        assert not text.startswith("\ufeff") and "\r\n" in text
        rows = list(csv.DictReader(io.StringIO(text, newline="")))
        parquet = pq.read_table(published / "data" / f"{table}.parquet")
        assert parquet.column_names == public.public_columns(table)
        assert len(rows) == parquet.num_rows == len(data.tables[table])
        for row, stored in zip(rows, parquet.to_pylist(), strict=True):
            for name, value in stored.items():
                cell = row[name]
                if value is None:
                    assert cell == ""
                elif isinstance(value, list):
                    assert json.loads(cell) == value
                elif isinstance(value, bool):
                    assert cell == ("true" if value else "false")  # e.g. a Decidim meeting's is_online
                elif isinstance(value, dt.date):
                    assert cell == value.isoformat()  # ISO dates
                elif isinstance(value, float):
                    assert float(cell) == value
                else:
                    assert cell == str(value)


# -- DCAT-AP-NO ------------------------------------------------------------------------------

def test_the_catalogue_has_dcat_ap_no_mandatory_fields(published):
    catalogue = json.loads((published / "data" / "catalog.jsonld").read_text())
    assert catalogue["@type"] == "dcat:Catalog" and catalogue["dct:title"]["@value"]
    [dataset] = catalogue["dcat:dataset"]
    assert dataset["dct:title"]["@value"] == T.DATASET_TITLE and dataset["dct:description"]["@value"]
    publisher = dataset["dct:publisher"]
    assert publisher["@id"] == "https://data.brreg.no/enhetsregisteret/api/enheter/963296746"
    assert publisher["foaf:name"] == "Kristiansand kommune"
    assert dataset["dcat:contactPoint"]["vcard:hasEmail"]["@id"] == "mailto:postmottak@kristiansand.kommune.no"
    assert dataset["dcat:theme"]["@id"].startswith("http://publications.europa.eu/resource/authority/data-theme/")
    distributions = dataset["dcat:distribution"]
    assert len(distributions) == 2 * len(public.PUBLIC_TABLES)  # one per table and format
    for d in distributions:
        url = d["dcat:accessURL"]["@id"]
        assert url.startswith(f"{BASE_URL}data/")
        assert (published / url.removeprefix(BASE_URL)).is_file()
        assert d["dct:format"]["@id"] in (
            "https://www.iana.org/assignments/media-types/text/csv",
            "https://www.iana.org/assignments/media-types/application/vnd.apache.parquet")
        assert d["dct:license"]["@id"] == open_data.NLOD


def test_without_a_base_url_the_catalogue_links_are_relative():
    data = demo_data()
    files = open_data.data_files(data)
    settings = open_data.Settings("Kommune", "963296746", "Post", "post@example.no",
                                  licence_uri="https://creativecommons.org/licenses/by/4.0/", licence_name="CC BY 4.0")
    catalogue = dcat.catalog(data, files, settings)
    urls = [d["dcat:accessURL"]["@id"] for d in catalogue["dcat:dataset"][0]["dcat:distribution"]]
    assert urls == [f.name for f in files]  # beside catalog.jsonld
    assert catalogue["dct:license"]["@id"] == "https://creativecommons.org/licenses/by/4.0/"


# -- the feeds ---------------------------------------------------------------------------------

def test_the_atom_feed_parses_and_links_to_pages_that_exist(published):
    raw = (published / "changes.xml").read_bytes()
    parsed = feedparser.parse(raw)
    assert not parsed.bozo, parsed.get("bozo_exception")
    root = ET.fromstring(raw)
    assert root.tag == f"{ATOM}feed"
    for tag in ("id", "title", "updated", "author"):
        assert root.find(f"{ATOM}{tag}") is not None, tag
    entries = root.findall(f"{ATOM}entry")
    assert entries and len(parsed.entries) == len(entries) <= feeds.FEED_ENTRIES
    ids = [e.findtext(f"{ATOM}id") for e in entries]
    assert len(set(ids)) == len(ids) and all(i.startswith("urn:uuid:") for i in ids)
    for entry in entries:
        assert entry.findtext(f"{ATOM}title") and entry.findtext(f"{ATOM}content")
        dt.datetime.fromisoformat(entry.findtext(f"{ATOM}updated"))
        link = entry.find(f"{ATOM}link").get("href")
        assert link.startswith(BASE_URL) and (published / link.removeprefix(BASE_URL)).is_file(), link


def test_the_feed_has_only_public_changes(small_data):
    """Between two snapshots, only the public phase change and the public
    milestone's new date are told: not the status, the internal comment,
    the internal initiative or the internal milestones."""
    store = Store(small_data)
    entries = feeds.public_changes(store, store.latest().snapshot_id)
    words = [(e.title, e.summary) for e in entries]
    assert words == [
        ("Åpent tiltak: Ny fase", "Tiltaket, Fase: Konsept → Planlegge"),
        ("Åpent tiltak: Milepæl flyttet", "Milepæl «Oppstart; møte, med alle», Frist: 01.12.2026 → 15.01.2027"),
    ], words
    assert all(e.entry_id.startswith("urn:uuid:") for e in entries)  # made from the snapshot and the change


def test_the_calendar_parses_and_folds_lines_at_75_octets(published):
    raw = (published / "kalender.ics").read_bytes()
    lines = raw.split(b"\r\n")
    assert lines[-1] == b"" and b"\n" not in raw.replace(b"\r\n", b"")
    assert all(len(line) <= 75 for line in lines)
    calendar = icalendar.Calendar.from_ical(raw)
    events = calendar.walk("VEVENT")
    data = demo_data()
    assert len(events) == len(data.milestones) + len(data.decisions)
    uids = [str(e["UID"]) for e in events]
    assert len(set(uids)) == len(uids)
    for event in events:
        assert event["DTSTAMP"].dt == data.source.created.astimezone(dt.UTC)
        assert isinstance(event["DTSTART"].dt, dt.date)
        assert str(event["URL"]).startswith(BASE_URL) and (published / str(event["URL"]).removeprefix(BASE_URL)).is_file()
    names = set(data.initiatives["name"])
    assert all(str(e["SUMMARY"]).split(": ", 1)[0] in names for e in events)


def test_ics_text_is_escaped_and_folded_without_splitting_a_character():
    assert feeds.ics_text("a\\b;c,d\ne") == "a\\\\b\\;c\\,d\\ne"
    line = "SUMMARY:" + "æøå" * 40
    folded = feeds.fold(line)
    parts = folded.split(b"\r\n")
    assert all(len(p) <= 75 for p in parts)
    assert b"".join(p.removeprefix(b" ") for p in parts).decode("utf-8") == line  # every part decodes whole
    for part in parts:
        part.decode("utf-8")


# -- settings and refusals --------------------------------------------------------------------

def test_the_organisation_number_is_checked():
    assert publication.valid_organisation_number("963296746")
    assert not publication.valid_organisation_number("963296747")
    assert not publication.valid_organisation_number("96329674")


def test_demo_data_may_be_published_without_settings(tmp_path):
    loaded = publication.settings(tmp_path / "publish.toml", is_demo=True, explicit=False)
    assert loaded.demo_filled and loaded.settings.organisation_number == "963296746"
    assert loaded.settings.licence_uri == open_data.NLOD
    with pytest.raises(PublishError) as refused:
        publication.settings(tmp_path / "publish.toml", is_demo=False, explicit=False)
    for key in ("publisher.name", "publisher.organisation_number", "contact.name", "contact.email"):
        assert key in refused.value.message


def test_a_non_demo_publish_refuses_without_publisher_and_contact(small_data, tmp_path, capsys):
    out = tmp_path / "ut"
    code, _, err = publish(small_data, out, capsys=capsys)
    assert code == 2 and "publisher.name" in err and "contact.email" in err and "Traceback" not in err
    config = tmp_path / "innstillinger.toml"
    config.write_text('[publisher]\nname = "Testkommune"\norganisation_number = "963296746"\n', encoding="utf-8")
    code, _, err = publish(small_data, out, "--config", config, capsys=capsys)
    assert code == 2 and "mangler contact.name, contact.email." in err
    config.write_text(SETTINGS.replace("963296746", "123456789"), encoding="utf-8")
    code, _, err = publish(small_data, out, "--config", config, capsys=capsys)
    assert code == 2 and "123456789" in err
    code, _, err = publish(small_data, out, "--config", tmp_path / "finnes-ikke.toml", capsys=capsys)
    assert code == 2 and "finnes-ikke.toml" in err
    assert not out.exists()


def test_unknown_snapshot_and_a_folder_with_other_files_are_refused(small_data, tmp_path, capsys):
    out = tmp_path / "ut"
    code, _, err = publish(small_data, out, "--snapshot", "finnes-ikke", capsys=capsys)
    assert code == 2 and "finnes-ikke" in err and not out.exists()
    out.mkdir()
    (out / "viktig.txt").write_text("noe annet")
    code, _, err = publish(small_data, out, capsys=capsys)
    assert code == 2 and MARKER in err
    assert [p.name for p in out.iterdir()] == ["viktig.txt"]
    code, _, err = publish(small_data, out / "viktig.txt", capsys=capsys)
    assert code == 2 and "ikke en mappe" in err
    code, _, err = publish(small_data, tmp_path / "ut2", "--base-url", "ftp://x", capsys=capsys)
    assert code == 2 and "ftp://x" in err


def test_publishing_again_replaces_the_whole_folder(small_data, tmp_path, capsys):
    from portfolio.cli import publish as command

    out = tmp_path / "site" / "ut"
    command.write_folder(out, {"gammel-fil.html": b"fra forrige gang", MARKER: b"{}"})  # an earlier publication
    config = tmp_path / "publish.toml"
    config.write_text(SETTINGS, encoding="utf-8")
    code, stdout, err = publish(small_data, out, "--config", config, capsys=capsys)
    assert code == 0, err
    assert "1 tiltak" in stdout and (out / "index.html").is_file()
    assert json.loads((out / MARKER).read_text())["snapshot_id"] == Store(small_data).latest().snapshot_id
    assert not (out / "gammel-fil.html").exists()
    assert [p.name for p in out.parent.iterdir()] == ["ut"]  # nothing left beside it
    assert (out.stat().st_mode & 0o755) == 0o755  # readable by a web server


def test_a_failed_write_leaves_the_earlier_publication_whole(tmp_path):
    out = tmp_path / "ut"
    from portfolio.cli import publish as command

    command.write_folder(out, {"index.html": b"gammel", MARKER: b"{}"})
    # a file and a folder of the same name: the write fails half-way through
    with pytest.raises(PublishError) as failed:
        command.write_folder(out, {"index.html": b"ny", "a": b"fil", "a/b.html": b"inni"})
    assert failed.value.problem == "unwritable"
    assert (out / "index.html").read_bytes() == b"gammel"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ut"]


def test_the_public_page_offers_the_same_files(published):
    """The Streamlit public page's downloads (made on click) are the bytes `publish` writes."""
    downloads = {d.file_name: d for d in publication.page_downloads(demo_data())}
    for table in public.PUBLIC_TABLES:
        for kind in ("csv", "parquet"):
            name = f"{table}.{kind}"
            assert downloads[name].make() == (published / "data" / name).read_bytes(), name
    package = json.loads(downloads["datapackage.json"].make())
    assert [r["name"] for r in package["resources"]] == [
        r["name"] for r in json.loads((published / "data" / "datapackage.json").read_text())["resources"]]
    assert len(icalendar.Calendar.from_ical(downloads["kalender.ics"].make()).walk("VEVENT")) == len(
        icalendar.Calendar.from_ical((published / "kalender.ics").read_bytes()).walk("VEVENT"))
