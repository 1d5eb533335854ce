"""Importing Decidim's open data as a snapshot (portfolio/ingest/decidim_import.py,
`python -m portfolio import-decidim`, «Hent fra Decidim» on «Oppdater data»):
both fixture layouts into a real store, idempotent re-import, a newer export
as readable changes, dry run, every bad input with its Norwegian message and
exit code (nothing written), links kept, and the template after an import."""

from __future__ import annotations

import datetime as dt
import io
import json
import shutil
import socket
import zipfile

import pandas as pd
import pytest

from conftest import ROOT, cli_in_process, small_portfolio
from portfolio.ingest import decidim_import, pipeline
from portfolio.ingest.reading import Upload
from portfolio.model import diff, schema
from portfolio.store import audit
from portfolio.store.snapshots import Store
from test_decidim_read import results_csv, serve, zip_of

FIXTURES = ROOT / "tests" / "fixtures" / "decidim"
HOST = "deltakristiansand.no"
RESULTS = f"{HOST}-open-data-results.csv"
WHERE = f"Fil «{RESULTS}» (tabell «Decidim-resultater»)"


@pytest.fixture(autouse=True)
def _no_proxy_for_the_local_server(monkeypatch):
    for name in ("no_proxy", "NO_PROXY"):
        monkeypatch.setenv(name, "127.0.0.1,localhost")


@pytest.fixture()
def portfolio_store(tmp_path) -> Store:
    """A store with a small portfolio (three initiatives), no Decidim rows yet."""
    store = Store(tmp_path / "data")
    store.write(small_portfolio(), author="Test", note="Start")
    return store


def run(store: Store, source, *extra: str):
    return cli_in_process("import-decidim", str(source), "--author", "Kari", "--note", "Decidim", *extra,
                          data=store.root)


def snapshot_count(store: Store) -> int:
    return len(store.list())


def edited_copy(tmp_path, layout: str = "v0.30", **edits) -> object:
    """A copy of a fixture folder with each entity's CSV changed by edits[entity](frame)."""
    folder = tmp_path / f"export-{layout}"
    shutil.rmtree(folder, ignore_errors=True)
    shutil.copytree(FIXTURES / layout, folder)
    for entity, edit in edits.items():
        path = folder / f"{HOST}-open-data-{entity}.csv"
        frame = pd.read_csv(path, sep=";", dtype=str, keep_default_na=False)
        edit(frame).to_csv(path, sep=";", index=False)
    return folder


def newer(frame: pd.DataFrame, entity: str) -> pd.DataFrame:
    """Result 101 moved from 45 % to 60 % and changed status; one proposal or meeting added."""
    if entity == "results":
        frame.loc[frame["id"] == "101", "progress"] = "60.0"
        frame.loc[frame["id"] == "101", ["status/key", "status/name/nb"]] = ["almost", "Nesten ferdig"]
        return frame
    row = frame.iloc[[0]].copy()
    row["id"], row["title/nb"] = "999", f"Ny rad i {entity}"
    return pd.concat([frame, row])


# -- both layouts into a store ------------------------------------------------------------
@pytest.mark.parametrize("layout", ["v0.27", "v0.30"])
def test_each_layout_imports_into_the_store(layout, portfolio_store):
    result = run(portfolio_store, FIXTURES / layout)
    assert result.returncode == 0, result.stderr
    assert "Lagret nytt øyeblikksbilde" in result.stdout and "Nytt Decidim-resultat" in result.stdout
    frames = portfolio_store.read_frames(portfolio_store.latest().snapshot_id)
    for name in schema.DECIDIM_TABLES:
        assert list(frames[name].columns) == list(schema.TABLES[name].column_names)
        assert len(frames[name]) and set(frames[name]["host"]) == {HOST}
    assert len(frames["initiatives"]) == 3  # the portfolio is kept
    results = frames["decidim_results"].set_index("decidim_id")
    assert results.loc[101, "title"] == "Nye benker og belysning langs Otra"
    meetings = frames["decidim_meetings"].set_index("decidim_id")
    assert meetings.loc[401, "starts_at"] == "2025-03-12 17:00"  # Norwegian local time
    proposals = frames["decidim_proposals"].set_index("decidim_id")
    assert proposals.loc[301, "published_on"] == dt.date(2024, 2, 10)


def test_snapshot_tables_match_the_schema_and_cut_long_titles():
    export = decidim_import.read_decidim(results_csv([f"1;{'Å' * 250};a;10;u"]), name=RESULTS)
    tables = decidim_import.snapshot_tables(export)
    results = tables["decidim_results"]
    assert list(results.columns) == list(schema.TABLES["decidim_results"].column_names)
    assert len(results["title"].iloc[0]) == 200 and results["title"].iloc[0].endswith("…")
    assert results["host"].iloc[0] == HOST


def test_reimport_is_idempotent_and_a_dry_run_writes_nothing(portfolio_store, tmp_path):
    assert run(portfolio_store, FIXTURES / "v0.30").returncode == 0
    count = snapshot_count(portfolio_store)
    again = run(portfolio_store, FIXTURES / "v0.30")
    assert again.returncode == 0 and "Ingen endringer" in again.stdout
    assert snapshot_count(portfolio_store) == count
    folder = edited_copy(tmp_path, results=lambda f: newer(f, "results"))
    dry = run(portfolio_store, folder, "--dry-run")
    assert dry.returncode == 0 and "Prøvekjøring: ingenting er lagret." in dry.stdout
    assert "45 % → 60 %" in dry.stdout
    assert snapshot_count(portfolio_store) == count


def test_a_newer_export_shows_as_readable_changes(portfolio_store, tmp_path):
    assert run(portfolio_store, FIXTURES / "v0.30").returncode == 0
    folder = edited_copy(tmp_path, results=lambda f: newer(f, "results"),
                         proposals=lambda f: newer(f, "proposals"), meetings=lambda f: newer(f, "meetings"))
    result = run(portfolio_store, folder)
    assert result.returncode == 0, result.stderr
    otra = "Decidim-resultat «Nye benker og belysning langs Otra»"
    assert f"Decidim-resultat: fremdrift – {otra}, Fremdrift (%): 45 % → 60 %" in result.stdout
    assert f"Decidim-resultat: ny status – {otra}, Status: Under arbeid → Nesten ferdig" in result.stdout
    assert "Nytt forslag i Decidim – Forslag «Ny rad i proposals»" in result.stdout
    assert "Nytt møte i Decidim – Møte «Ny rad i meetings»" in result.stdout
    old, new = (m.snapshot_id for m in portfolio_store.list()[-2:])
    kinds = sorted(c.kind for c in diff.compare_snapshots(portfolio_store, old, new))
    assert kinds == ["decidim_meeting_added", "decidim_proposal_added", "decidim_result_progress",
                     "decidim_result_status"]
    report = cli_in_process("diff", old, new, data=portfolio_store.root)
    assert report.returncode == 0
    assert "1 Decidim-resultat fikk ny fremdrift" in report.stdout
    assert f"Decidim (ikke koblet til et tiltak): Decidim-resultat: fremdrift – {otra}" in report.stdout
    as_json = json.loads(cli_in_process("diff", old, new, "--json", data=portfolio_store.root).stdout)
    moved = next(c for c in as_json if c["kind"] == "decidim_result_progress")
    assert (moved["old"], moved["new"], moved["decidim_id"], moved["detail"]["title"]) == (
        45.0, 60.0, 101, "Nye benker og belysning langs Otra")


def test_the_changes_page_lists_decidim_changes_by_title(portfolio_store, tmp_path):
    from portfolio.present import changes

    assert run(portfolio_store, FIXTURES / "v0.30").returncode == 0
    assert run(portfolio_store, edited_copy(tmp_path, results=lambda f: newer(f, "results"))).returncode == 0
    old, new = (m.snapshot_id for m in portfolio_store.list()[-2:])
    frame = changes.build(portfolio_store, old, new, dt.date(2026, 12, 1))
    table, total = changes.governance_changes(frame, "decidim")
    assert total == 2
    rows = table.to_dict("records")
    assert {(r["Gjelder"], r["Fra"], r["Til"]) for r in rows} == {
        ("Decidim-resultat «Nye benker og belysning langs Otra»", "45 %", "60 %"),
        ("Decidim-resultat «Nye benker og belysning langs Otra»", "Under arbeid", "Nesten ferdig")}


# -- links ------------------------------------------------------------------------------
def test_links_are_kept_across_reimport_and_dangling_ones_are_a_warning(portfolio_store, tmp_path):
    assert run(portfolio_store, FIXTURES / "v0.30").returncode == 0
    latest = portfolio_store.latest()
    frames = portfolio_store.read_frames(latest.snapshot_id)
    frames["decidim_links"] = pd.DataFrame({"entity": ["results", "proposals"], "decidim_id": [101, 302],
                                            "initiative_id": ["tiltak-0", "tiltak-1"]})
    portfolio_store.write(frames, author="Kari", note="Koblinger", base_id=latest.snapshot_id)
    folder = edited_copy(tmp_path, results=lambda f: newer(f, "results"),
                         proposals=lambda f: f[f["id"] != "302"])
    result = run(portfolio_store, folder)
    assert result.returncode == 0, result.stderr
    assert ("Merk: 1 kobling peker på en Decidim-rad som ikke finnes lenger (proposals 302 → tiltak-1)."
            in result.stdout)
    assert "Tiltak tiltak-0 (tiltak-0): Decidim-resultat: fremdrift" in result.stdout  # named by its initiative
    links = portfolio_store.read_frames(portfolio_store.latest().snapshot_id)["decidim_links"]
    assert sorted(links["decidim_id"]) == [101, 302]


def test_a_template_upload_after_an_import_keeps_the_decidim_rows(portfolio_store):
    from portfolio.ingest import template

    assert run(portfolio_store, FIXTURES / "v0.27").returncode == 0
    latest = portfolio_store.latest()
    book = template.template(portfolio_store.read_frames(latest.snapshot_id), latest)
    prepared = pipeline.prepare([Upload("mal.xlsx", book)], portfolio_store)
    assert prepared.ok, [str(p) for p in prepared.problems]
    assert prepared.unchanged
    assert len(prepared.frames()["decidim_results"]) == 3


def test_an_empty_store_is_told_to_take_the_portfolio_first(tmp_path):
    store = Store(tmp_path / "empty")
    result = run(store, FIXTURES / "v0.30")
    assert result.returncode == 1 and "Last opp porteføljen (Excel-malen) først" in result.stderr
    assert store.latest() is None


# -- bad input: exit 1 (data) or 2 (cannot run), nothing written ------------------------------
def _zip_with(extra: dict[str, bytes]) -> bytes:
    return zip_of(FIXTURES / "v0.27", extra)


BAD_DATA = {
    "traversal": ("export.zip", _zip_with({"../x.csv": b"id\n1\n"}),
                  "Fil «export.zip»: ZIP-filen inneholder filnavnet «../x.csv», som peker utenfor ZIP-filen"),
    "separator": (RESULTS, results_csv(["1,A,a,10,u"], header="id,title/nb,status/key,progress,url"),
                  f"{WHERE}: filen bruker «,» som skilletegn"),
    "duplicate": (RESULTS, results_csv(["7;A;a;10;u", "7;B;a;10;u"]),
                  f"{WHERE}, rad 3, kolonne «id»: id 7 finnes flere ganger (første gang i rad 2)."),
    "progress": (RESULTS, results_csv(["1;A;a;10;u", "2;B;a;120;u"]),
                 f"{WHERE}, rad 3, kolonne «progress»: fremdriften 120 er utenfor 0–100 prosent."),
    "no_title": (RESULTS, results_csv(["1;A;a;10;u", "2;;a;20;u"]),
                 f"{WHERE}, rad 3, kolonne «title»:"),
}


@pytest.mark.parametrize("case", list(BAD_DATA))
def test_bad_data_exits_1_naming_file_row_and_column(case, portfolio_store, tmp_path):
    name, data, expected = BAD_DATA[case]
    path = tmp_path / name
    path.write_bytes(data)
    count = snapshot_count(portfolio_store)
    result = run(portfolio_store, path)
    assert result.returncode == 1, (result.stdout, result.stderr)
    assert "Dataene er ikke lagret" in result.stderr and expected in result.stderr
    assert snapshot_count(portfolio_store) == count
    logged = audit.rejected_log(portfolio_store.root).read_text(encoding="utf-8")
    assert str(path) in logged


def test_a_zip_bomb_is_refused(portfolio_store):
    bomb = _zip_with({f"{HOST}-open-data-meetings-x.csv": b"0" * 3_000_000})
    prepared = decidim_import.prepare_decidim(bomb, portfolio_store, name="export.zip",
                                              max_unpacked_bytes=1_000_000)
    assert not prepared.ok and prepared.tables is None
    assert [str(p) for p in prepared.problems] == [
        "Fil «export.zip»: ZIP-filen pakkes ut til mer enn 1,0 MB. Den er avvist for å beskytte serveren."]


def test_urls_serve_an_export_html_or_nothing(portfolio_store):
    page = b"<!DOCTYPE html><html><body>Logg inn</body></html>"
    with serve({"/open-data/download": (200, "application/zip", zip_of(FIXTURES / "v0.30")),
                "/login": (200, "text/html", page)}) as base:
        count = snapshot_count(portfolio_store)
        html = run(portfolio_store, f"{base}/login")
        assert html.returncode == 1 and "svaret er en nettside (HTML)" in html.stderr
        assert snapshot_count(portfolio_store) == count
        saved = run(portfolio_store, f"{base}/open-data/download")
        assert saved.returncode == 0, saved.stderr
        assert snapshot_count(portfolio_store) == count + 1


def test_a_url_that_times_out_exits_2(portfolio_store):
    count = snapshot_count(portfolio_store)
    with socket.socket() as listening:  # accepts connections (the kernel's backlog) and never answers
        listening.bind(("127.0.0.1", 0))
        listening.listen(1)
        url = f"http://127.0.0.1:{listening.getsockname()[1]}/open-data/download"
        result = run(portfolio_store, url, "--timeout", "0.3")
    assert result.returncode == 2
    assert result.stderr.strip() == (f"Kan ikke hente Decidims åpne data: {url} svarte ikke innen 0,3 sekunder. "
                                     "Prøv igjen senere, eller last ned ZIP-filen og les den fra disk. "
                                     "Ingenting er lagret.")
    assert snapshot_count(portfolio_store) == count


def test_a_missing_file_or_unknown_base_exits_2_and_a_stale_base_3(portfolio_store, tmp_path):
    missing = run(portfolio_store, tmp_path / "finnes-ikke.zip")
    assert missing.returncode == 2 and "Fant ikke" in missing.stderr
    unknown = run(portfolio_store, FIXTURES / "v0.30", "--base", "20000101T000000.000Z")
    assert unknown.returncode == 2 and "Fant ikke øyeblikksbildet «20000101T000000.000Z»" in unknown.stderr
    first = portfolio_store.latest().snapshot_id
    assert run(portfolio_store, FIXTURES / "v0.27").returncode == 0
    count = snapshot_count(portfolio_store)
    stale = run(portfolio_store, FIXTURES / "v0.30", "--base", first)
    assert stale.returncode == 3 and "Konflikt" in stale.stderr
    assert snapshot_count(portfolio_store) == count


def test_a_csv_without_the_hosts_name_is_refused(portfolio_store, tmp_path):
    path = tmp_path / "resultater.csv"
    path.write_bytes(results_csv(["1;A;a;10;u"]))
    result = run(portfolio_store, path)
    assert result.returncode == 1 and "viser ikke hvilket Decidim-nettsted" in result.stderr


def test_a_zip_upload_named_by_the_user_is_read(portfolio_store):
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w") as archive:
        archive.writestr(RESULTS, results_csv(["1;A;a;10;u"]))
    prepared = decidim_import.prepare_decidim(data.getvalue(), portfolio_store, name="eksport.zip")
    assert prepared.ok and len(prepared.frames()["decidim_results"]) == 1


# -- the change engine on the Decidim tables (no store) ---------------------------------------
def _decidim_frames(results, projects, proposals, meetings, links) -> dict[str, pd.DataFrame]:
    base = {name: pd.DataFrame(columns=schema.TABLES[name].column_names) for name in schema.TABLE_NAMES}

    def rows(name, values):
        columns = schema.TABLES[name].column_names
        return pd.DataFrame([{c: v.get(c, HOST if c == "host" else None) for c in columns} for v in values],
                            columns=columns)

    base.update(decidim_results=rows("decidim_results", results), decidim_projects=rows("decidim_projects", projects),
                decidim_proposals=rows("decidim_proposals", proposals),
                decidim_meetings=rows("decidim_meetings", meetings), decidim_links=rows("decidim_links", links))
    return base


def test_every_decidim_kind_of_change_is_found_and_named_by_title():
    from portfolio.present import change_words

    old = _decidim_frames(
        [dict(decidim_id=1, title="Benker", status="Under arbeid", progress=40.0),
         dict(decidim_id=2, title="Lys", progress=10.0), dict(decidim_id=3, title="Borte")],
        [dict(decidim_id=5, title="Skolegård", budget_amount=100), dict(decidim_id=6, title="Gammelt")],
        [dict(decidim_id=7, title="Flere benker", state="evaluating"), dict(decidim_id=8, title="Buss", votes=1),
         dict(decidim_id=9, title="Trukket")],
        [dict(decidim_id=10, title="Folkemøte", starts_at="2025-03-12 17:00", is_online=False),
         dict(decidim_id=11, title="Avlyst", starts_at="2025-04-01 18:00", is_online=True)],
        [dict(entity="results", decidim_id=1, initiative_id="a"), dict(entity="proposals", decidim_id=9,
                                                                        initiative_id="b")])
    new = _decidim_frames(
        [dict(decidim_id=1, title="Benker", status="Ferdig", progress=60.0),
         dict(decidim_id=2, title="Lys og benker", progress=10.0), dict(decidim_id=4, title="Nytt")],
        [dict(decidim_id=5, title="Skolegård", budget_amount=200), dict(decidim_id=12, title="Nytt prosjekt")],
        [dict(decidim_id=7, title="Flere benker", state="accepted"), dict(decidim_id=8, title="Buss", votes=5),
         dict(decidim_id=13, title="Nytt forslag")],
        [dict(decidim_id=10, title="Folkemøte", starts_at="2025-03-12 18:00", is_online=False),
         dict(decidim_id=14, title="Nytt møte", starts_at="2025-05-01 18:00", is_online=True)],
        [dict(entity="results", decidim_id=1, initiative_id="a"), dict(entity="meetings", decidim_id=14,
                                                                        initiative_id="c")])
    found = diff.compare(old, new, today=dt.date(2026, 1, 1))
    assert {c.kind for c in found} == set(diff.DECIDIM_KINDS)
    progress = next(c for c in found if c.kind == "decidim_result_progress")
    assert (progress.initiative_id, progress.old, progress.new) == ("a", 40.0, 60.0)  # by its link
    assert change_words.values(progress) == ("40 %", "60 %")
    assert change_words.what(progress) == "Decidim-resultat «Benker»"
    link = next(c for c in found if c.kind == "decidim_link_removed")
    assert change_words.what(link) == "Kobling til Decidim «Trukket»"
    meeting = next(c for c in found if c.kind == "decidim_meeting_added")
    assert (meeting.initiative_id, change_words.what(meeting)) == ("c", "Møte «Nytt møte»")
    unlinked = next(c for c in found if c.kind == "decidim_project_added")
    assert unlinked.initiative_id == "" and change_words.what(unlinked) == "Budsjettprosjekt «Nytt prosjekt»"


# -- «Hent fra Decidim» on «Oppdater data» ---------------------------------------------------
def test_the_update_page_previews_and_saves_a_decidim_export(tmp_path, data_env):
    from streamlit.testing.v1 import AppTest

    from portfolio.web import update, update_decidim

    portfolio_store = Store(tmp_path / "page")
    frames = small_portfolio()  # with status comments: the editor tab draws them as text
    for column in ("status_summary", "comment_schedule", "comment_budget", "comment_quality", "comment_risk"):
        frames["initiatives"][column] = "Går som planlagt"
    portfolio_store.write(frames, author="Test", note="Start")
    data_env(portfolio_store.root)
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    at.switch_page("views/update.py").run()
    assert not at.exception, [e.message for e in at.exception]
    assert any(h.value == "3. Hent fra Decidim" for h in at.header)
    assert at.text_input(key=update_decidim.KEY_URL).value == ""
    count = snapshot_count(portfolio_store)
    # bad data: every problem with its place, nothing saved
    at.session_state[update.KEY_TEST_DECIDIM] = (RESULTS, results_csv(["1;A;a;10;u", "2;B;a;120;u"]))
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    shown = "\n".join(m.value for m in at.markdown)
    assert "rad 3, kolonne «progress»" in shown and "fremdriften 120 er utenfor 0–100 prosent" in shown
    # the export: the preview names the rows by title, then the commit saves it
    at.session_state[update.KEY_TEST_DECIDIM] = ("eksport.zip", zip_of(FIXTURES / "v0.30"))
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    assert any(m.value == "**10 endringer**" for m in at.markdown)
    table = next(d.value for d in at.dataframe if "Gjelder" in d.value.columns)
    assert "Decidim-resultat «Nye benker og belysning langs Otra»" in set(table["Gjelder"])
    assert snapshot_count(portfolio_store) == count
    at.text_input(key=update.author_key("decidim")).input("Kari").run()
    at.text_area(key=update.note_key("decidim")).input("Decidim mars").run()
    at.button(key="commit_decidim").click().run()
    assert not at.exception, [e.message for e in at.exception]
    assert any("Lagret nytt øyeblikksbilde" in s.value for s in at.success)
    assert snapshot_count(portfolio_store) == count + 1
    latest = portfolio_store.latest()
    assert (latest.author, latest.note) == ("Kari", "Decidim mars")
    assert len(portfolio_store.read_frames(latest.snapshot_id)["decidim_meetings"]) == 2
    # an address that is not http(s) is refused on the page, without a download
    at.text_input(key=update_decidim.KEY_URL).input("ftp://deltakristiansand.no/open-data/download").run()
    at.button(key="decidim_fetch").click().run()
    assert any("må begynne med https://" in e.value for e in at.error)


def test_the_summary_says_what_changed_in_decidim_in_sentences(portfolio_store, tmp_path):
    from portfolio.present import change_summary, changes

    assert run(portfolio_store, FIXTURES / "v0.30").returncode == 0
    folder = edited_copy(tmp_path, results=lambda f: newer(f, "results"), proposals=lambda f: newer(f, "proposals"))
    assert run(portfolio_store, folder).returncode == 0
    old, new = (m.snapshot_id for m in portfolio_store.list()[-2:])
    frame = changes.build(portfolio_store, old, new, dt.date(2026, 12, 1))
    [summary] = change_summary.summarise(frame)
    assert summary.name == "Decidim (ikke koblet til et tiltak)" and summary.severity == "decidim"
    assert [s.text for s in summary.sentences] == [
        "Decidim-resultatet «Nye benker og belysning langs Otra» har fremdrift 60 % (var 45 %).",
        "I Decidim har resultatet «Nye benker og belysning langs Otra» fått status «Nesten ferdig» "
        "(var «Under arbeid»).",
        "Nytt i Decidim: forslaget «Ny rad i proposals».",
    ]
