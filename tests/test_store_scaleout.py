"""The snapshot store (portfolio.store.snapshots.Store, our code) on the
scale-out deployment: the catalog in a real PostgreSQL, the data files in a
real SeaweedFS (S3), configured only through the environment as an operator
would (PORTFOLIO_CATALOG, PORTFOLIO_LAKE_DATA, PORTFOLIO_S3_*, PGPASSWORD).

One server pair for the module (tests/servers.py); each test gets a fresh
database and a fresh bucket prefix, so tests share nothing else. A test that
stops SeaweedFS starts it again (the next test's fixture makes sure of it).
Other processes (racers, writers killed with -9, `python -m portfolio`) get
the same settings in their environment.
"""

from __future__ import annotations

import dataclasses
import json
import os
import secrets
import subprocess
import sys
import textwrap
from pathlib import Path

import duckdb
import pytest

import badfiles
from browser import poll_until
from conftest import ROOT, check_whole, kill_9_after, lake_counts, small_portfolio
from portfolio.ingest import template as workbook
from portfolio.model import schema, validate
from portfolio.store import lake
from portfolio.store import snapshots as store_mod
from portfolio.store.snapshots import Store, canonical
from servers import PostgresServer, SeaweedServer, postgres_server, seaweedfs_server

pytestmark = pytest.mark.slow

# What a read or a commit raises when the catalog or the data files do not
# answer: LakeUnavailable (Store maps DuckDB's IOException/HTTPException to it).
STORE_UNAVAILABLE = (lake.LakeUnavailable,)
CLI_TIMEOUT_S = 300
TABLES = (*schema.TABLE_NAMES, store_mod.SNAPSHOTS_TABLE)
# The tables the test data has rows in (an empty table writes no data file)
WRITTEN = tuple(name for name in TABLES
                if name not in schema.GOVERNANCE_TABLES + schema.COLLABORATION_TABLES
                + schema.DECIDIM_TABLES + ("decidim_links",))


# -- fixtures ---------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def servers(tmp_path_factory) -> tuple[PostgresServer, SeaweedServer]:
    """One PostgreSQL and one SeaweedFS for the module's tests."""
    folder = tmp_path_factory.mktemp("servers")
    with postgres_server(folder) as pg, seaweedfs_server(folder) as s3:
        yield pg, s3


@dataclasses.dataclass
class ScaleOut:
    """One test's scale-out store: its own database and bucket prefix."""

    pg: PostgresServer
    s3: SeaweedServer
    root: Path  # PORTFOLIO_DATA: the local folder (audit log); the lake is not in it
    dbname: str
    prefix: str

    @property
    def catalog(self) -> str:
        return "postgres:" + self.pg.dsn(self.dbname, with_password=False)

    @property
    def data_path(self) -> str:
        return f"s3://{self.s3.bucket}/{self.prefix}/"

    def settings(self) -> dict[str, str]:
        """The operator's settings for this store."""
        return {
            "PORTFOLIO_DATA": str(self.root),
            "PORTFOLIO_CATALOG": self.catalog,
            "PORTFOLIO_LAKE_DATA": self.data_path,
            "PORTFOLIO_S3_ENDPOINT": self.s3.endpoint,
            "PORTFOLIO_S3_KEY_ID": self.s3.access_key,
            "PORTFOLIO_S3_SECRET": self.s3.secret_key,
            "PORTFOLIO_S3_REGION": self.s3.region,
            "PORTFOLIO_S3_URL_STYLE": "path",
            "PORTFOLIO_S3_USE_SSL": "false",
            "PGPASSWORD": self.pg.password,
            "PGPASSFILE": str(self.root.parent / "no-pgpass"),  # never a ~/.pgpass of the machine
        }

    def env(self, **changes: str) -> dict[str, str]:
        """The environment of another process using this store."""
        return {**os.environ, "PYTHONPATH": f"{ROOT}{os.pathsep}{ROOT / 'tests'}", "PORTFOLIO_TODAY": "2026-11-23",
                **self.settings(), **changes}

    def store(self, root: Path | None = None) -> Store:
        """A Store opened from the environment (the fixture set it), as the app does."""
        return Store(root or self.root)

    def cli(self, *args: str, **env_changes: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "portfolio", *args], cwd=ROOT, env=self.env(**env_changes),
                              capture_output=True, text=True, timeout=CLI_TIMEOUT_S)

    def popen(self, code: str, **env_changes: str) -> subprocess.Popen:
        return subprocess.Popen([sys.executable, "-c", code], cwd=ROOT, env=self.env(**env_changes),
                                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)

    def secrets(self) -> list[str]:
        return [self.s3.secret_key, self.s3.access_key, self.pg.password]


@pytest.fixture()
def scaleout(servers, tmp_path, monkeypatch) -> ScaleOut:
    pg, s3 = servers
    s3.start()  # a test that stopped it and failed before starting it again
    pg.start()
    name = f"lake_{secrets.token_hex(4)}"
    pg.create_database(name)
    out = ScaleOut(pg=pg, s3=s3, root=tmp_path / "data", dbname=name, prefix=f"t-{secrets.token_hex(4)}")
    for key, value in out.settings().items():
        monkeypatch.setenv(key, value)
    monkeypatch.delenv("PORTFOLIO_SECRETS_FILE", raising=False)
    yield out
    for place in [p for p in list(lake._connections) if p.catalog == out.catalog]:
        lake.forget(place)  # no connection left to the servers when they stop


# -- helpers ----------------------------------------------------------------------------------

def bucket_files(store: Store, table: str) -> list[str]:
    cur = store.cursor()
    try:
        return [row[0] for row in cur.execute(
            f"select file from glob('{store.place.data_path}main/{table}/*.parquet')").fetchall()]
    finally:
        cur.close()


def start_storage(scaleout: ScaleOut, store: Store) -> None:
    """Start SeaweedFS again and wait until it serves every file of the store:
    `start` returns when the bucket answers, and for a moment after that
    reading a file can still fail (HTTP 500) while its volume comes back."""
    scaleout.s3.start()

    def serving() -> bool:
        try:
            keys = [f.removeprefix("s3://") for name in (*TABLES, store_mod.HEAD_TABLE) for f in bucket_files(store, name)]
        except duckdb.Error:
            return False
        return all(scaleout.s3.request("GET", f"/{key}") == 200 for key in keys)

    poll_until(serving, 120, "SeaweedFS serving the store's data files again", interval_s=0.2)


def state(store: Store) -> tuple:
    """What a reader sees: the list and the rows per snapshot in every table."""
    return store.list(), {name: lake_counts(store, name) for name in TABLES}


def check_complete(store: Store, checked: set[str] | None = None) -> list[str]:
    """Every listed snapshot is whole (row counts, content hash), the lake's
    tables hold rows of listed snapshots only, and its snapshot table lists
    exactly those (conftest.check_whole). The listed ids. With `checked`, the
    snapshots in it are not read again (a committed snapshot never changes;
    the final check of a test reads them all) and those read now are added to it."""
    metas = store.list()
    listed = check_whole(store, [m for m in metas if checked is None or m.snapshot_id not in checked])
    if checked is not None:
        checked.update(m.snapshot_id for m in metas)
    assert set(lake_counts(store, store_mod.SNAPSHOTS_TABLE)) == set(listed)
    return list(listed)


def head(store: Store) -> str | None:
    meta = store.latest()
    return meta.snapshot_id if meta else None


def assert_no_secret(text: str, scaleout: ScaleOut, *extra: str) -> None:
    for secret in (*scaleout.secrets(), *extra):
        assert secret not in text, f"a secret is shown in: {text!r}"


def error_text(err: BaseException) -> str:
    """Everything an error would show: its text and its causes' texts."""
    texts = []
    while err is not None:
        texts.append(f"{type(err).__name__}: {err}")
        err = err.__cause__
    return "\n".join(texts)


def reason_of(err: BaseException) -> str:
    return err.reason if isinstance(err, lake.LakeUnavailable) else lake.reason(err)


def changed_workbook(store: Store, folder: Path, name: str, status: str) -> Path:
    path = folder / name
    path.write_bytes(badfiles.edit_template(workbook.template_for(store),
                                            badfiles.set_cell("initiatives", 2, "status_overall", status)))
    return path


# -- 1. round trip ----------------------------------------------------------------------------

def test_round_trip_catalog_in_postgres_files_in_s3(scaleout):
    store = scaleout.store()
    assert not store.place.is_embedded and store.place.data_path == scaleout.data_path
    data = small_portfolio(3)
    data["initiatives"].loc[0, "status_summary"] = "Tekst med æøå, emoji 🚀 og <script>alert(1)</script>"
    data["initiatives"].at[1, "partners"] = ["UiA", "Joint Action Analytics"]
    first = store.write(data, author="Kari", note="Første")
    second = store.write(small_portfolio(5), author="Ola", note="Andre", base_id=first.snapshot_id)

    assert store.list() == [first, second]
    for meta, written in ((first, data), (second, small_portfolio(5))):
        back = store.read(meta.snapshot_id)
        expected = validate.prepare(written)
        for name in schema.TABLE_NAMES:
            assert back[name].equals(canonical(name, expected[name])), (meta.snapshot_id, name)
        assert store_mod.verify(store, meta.snapshot_id)
    assert store.read_frames(first.snapshot_id)["initiatives"].iloc[0]["status_summary"].startswith("Tekst med æøå")

    # another process, configured by its environment only, lists and verifies the same snapshots
    listed = scaleout.cli("snapshots", "--json")
    assert listed.returncode == 0, listed.stderr
    assert [(s["id"], s["author"], s["content_hash"]) for s in json.loads(listed.stdout)] == [
        (m.snapshot_id, m.author, m.content_hash) for m in (first, second)]
    checked = scaleout.cli("verify")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "Traceback" not in checked.stderr

    # the data files are in the bucket under the prefix (one per commit and table), none on local disk
    for name in WRITTEN:
        files = bucket_files(store, name)
        assert len(files) == 2, (name, files)
        key = files[0].removeprefix("s3://")
        assert scaleout.s3.request("HEAD", f"/{key}") == 200
        assert scaleout.s3.request("HEAD", f"/{key}", secret_key="wrong-secret") == 403
    local = [p for p in scaleout.root.rglob("*") if p.is_file()] if scaleout.root.exists() else []
    assert not [p for p in local if p.suffix == ".parquet" or "lake" in p.parts], local
    # and the catalog is in PostgreSQL: one row per commit of ours (and the tables' creation)
    commits = scaleout.pg.psql("select count(*) from ducklake_snapshot_changes where author is not null",
                               dbname=scaleout.dbname)
    assert int(commits) == 2


# -- 2. two processes commit on the same base at once ------------------------------------------

RACER = textwrap.dedent(
    """
    from conftest import small_portfolio
    from portfolio.store.snapshots import SnapshotConflict, Store
    store = Store({root!r})  # the lake from PORTFOLIO_CATALOG and PORTFOLIO_LAKE_DATA
    data = small_portfolio({size})
    store.list()
    print("ready", flush=True)
    input()  # the start signal: both processes are ready
    try:
        store.write(data, author="racer", note="{size}", base_id={base!r})
        print("committed", flush=True)
    except SnapshotConflict:
        print("conflict", flush=True)
    """
)


def _ready(proc: subprocess.Popen) -> None:
    line = proc.stdout.readline()  # the process says when it is ready (EOF if it died)
    if line.strip() != "ready":
        proc.kill()
        _, err = proc.communicate()
        pytest.fail(f"the process did not get ready: {line!r}\n{err}")


def test_two_processes_on_the_same_base_one_commits_and_one_gets_a_conflict(scaleout, tmp_path):
    store = scaleout.store()
    base = store.write(small_portfolio(1), author="a", note="base").snapshot_id
    for round_ in range(3):
        racers = [scaleout.popen(RACER.format(root=str(scaleout.root), size=size, base=base)) for size in (2, 3)]
        try:
            for racer in racers:
                _ready(racer)
            for racer in racers:
                racer.stdin.write("go\n")
                racer.stdin.flush()
            results = [racer.communicate(timeout=CLI_TIMEOUT_S) for racer in racers]
        finally:
            for racer in racers:
                if racer.poll() is None:
                    racer.kill()
                    racer.wait()
        assert all(racer.returncode == 0 for racer in racers), [err for _, err in results]
        said = sorted(out.strip() for out, _ in results)
        assert said == ["committed", "conflict"], (round_, results)
        latest = store.latest()
        assert latest.base_id == base and latest.note in ("2", "3")
        assert lake_counts(store, "initiatives")[latest.snapshot_id] == int(latest.note)
        base = latest.snapshot_id
    assert len(check_complete(store)) == 4  # the first and one winner per round

    # the same through the command line: two imports on one base at once, exit codes 0 and 3
    paths = [changed_workbook(store, tmp_path, f"endring-{i}.xlsx", status) for i, status in enumerate(("rød", "gul"))]
    procs = [
        subprocess.Popen([sys.executable, "-m", "portfolio", "import", str(path), "--author", f"person{i}",
                          "--note", "samtidig", "--base", base],
                         cwd=ROOT, env=scaleout.env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for i, path in enumerate(paths)
    ]
    results = [(*proc.communicate(timeout=CLI_TIMEOUT_S), proc.returncode) for proc in procs]
    assert sorted(code for _, _, code in results) == [0, 3], results
    _, loser_err, _ = next(r for r in results if r[2] == 3)
    assert "Konflikt" in loser_err and "Ingenting er lagret" in loser_err, loser_err
    assert "Traceback" not in loser_err
    winner = store.latest()
    assert winner.base_id == base and winner.note == "samtidig"
    assert len(check_complete(store)) == 5


# -- 3. kill -9 of a committing process ---------------------------------------------------------

WRITER = textwrap.dedent(
    """
    from conftest import small_portfolio
    from portfolio.store.snapshots import Store
    store = Store({root!r})
    base = store.latest().snapshot_id if store.latest() else None
    print("ready", flush=True)
    for i in range({count}):
        base = store.write(small_portfolio(20 + i), author="writer", note=str(i), base_id=base).snapshot_id
        print(i, flush=True)
    """
)


def test_kill_9_of_a_committing_process_leaves_only_complete_snapshots(scaleout, kill_rng):
    """The moments come from a printed seed (conftest.kill_rng): a failure is
    reproduced with PORTFOLIO_TEST_SEED=<seed>."""
    store = scaleout.store()
    store.write(small_portfolio(1), author="a", note="start")
    killed = 0
    checked: set[str] = set()
    for _ in range(4):
        before = check_complete(store, checked)
        writer = scaleout.popen(WRITER.format(root=str(scaleout.root), count=50))
        _ready(writer)  # the store is open: from here on, every moment is in the middle of writes
        killed += kill_9_after(writer, kill_rng.uniform(0.0, 2.0))
        writer.stdin.close()
        writer.stdout.close()
        writer.stderr.close()
        after = check_complete(store, checked)
        assert after[:len(before)] == before  # nothing listed before is gone
    assert killed, "no writer was killed while it wrote"
    latest = head(store)
    meta = store.write(small_portfolio(2), author="a", note="etter", base_id=latest)
    ids = check_complete(store)
    assert ids[-1] == meta.snapshot_id and store.latest().base_id == latest


# -- 4. the storage goes down -----------------------------------------------------------------

def test_storage_down_before_a_commit_fails_clearly_and_writes_nothing(scaleout, tmp_path):
    store = scaleout.store()
    first = store.write(small_portfolio(2), author="a", note="første")
    changed = changed_workbook(store, tmp_path, "endret.xlsx", "rød")
    before = state(store)

    scaleout.s3.kill()
    try:
        with pytest.raises(STORE_UNAVAILABLE) as down:
            store.write(small_portfolio(3), author="a", note="andre", base_id=first.snapshot_id)
        text = error_text(down.value)
        print("storage down:", text)
        assert scaleout.s3.endpoint in text  # says where
        assert reason_of(down.value) == "storage_down"
        assert_no_secret(text, scaleout)

        result = scaleout.cli("import", str(changed), "--author", "Kari", "--note", "Rød")
        print(result.stderr)
        assert result.returncode == 2, result.stdout + result.stderr
        assert "Lageret kan ikke nås" in result.stderr and "svarer ikke" in result.stderr
        assert "Ingenting er lagret" in result.stderr
        assert "Traceback" not in result.stderr
        assert_no_secret(result.stdout + result.stderr, scaleout)
    finally:
        start_storage(scaleout, store)  # same data, same port

    assert state(store) == before
    after = store.write(small_portfolio(3), author="a", note="andre", base_id=first.snapshot_id)
    result = scaleout.cli("import", str(changed), "--author", "Kari", "--note", "Rød", "--base", after.snapshot_id)
    assert result.returncode == 0, result.stdout + result.stderr
    assert [m.note for m in store.list()] == ["første", "andre", "Rød"]
    check_complete(store)


FAILING_WRITER = textwrap.dedent(
    """
    import json
    from conftest import small_portfolio
    from portfolio.store import lake
    from portfolio.store.snapshots import Store
    store = Store({root!r})
    base = store.latest().snapshot_id
    print("ready", flush=True)
    try:
        for i in range({count}):
            base = store.write(small_portfolio(100 + i), author="writer", note=str(i), base_id=base).snapshot_id
            print(i, flush=True)
    except Exception as err:
        texts, cause = [], err
        while cause is not None:
            texts.append(str(cause))
            cause = cause.__cause__
        print(json.dumps({{"type": type(err).__name__, "unavailable": isinstance(err, lake.LakeUnavailable),
                          "reason": err.reason if isinstance(err, lake.LakeUnavailable) else lake.reason(err),
                          "text": "\\n".join(texts)}}), flush=True)
    """
)


def test_storage_down_during_commits_fails_clearly_and_leaves_only_complete_snapshots(scaleout, kill_rng):
    store = scaleout.store()
    store.write(small_portfolio(1), author="a", note="start")
    writer = scaleout.popen(FAILING_WRITER.format(root=str(scaleout.root), count=500))
    try:
        _ready(writer)
        assert writer.stdout.readline().strip() == "0"  # it commits; now the storage goes down mid-way
        with pytest.raises(subprocess.TimeoutExpired):
            writer.wait(timeout=kill_rng.uniform(0.0, 1.0))  # a random moment in its writes
        scaleout.s3.kill()
        out, err = writer.communicate(timeout=CLI_TIMEOUT_S)
    finally:
        if writer.poll() is None:
            writer.kill()
            writer.wait()
        start_storage(scaleout, store)
    assert writer.returncode == 0, err
    lines = out.splitlines()
    failure = json.loads(lines[-1])
    print("storage down during writes:", failure, f"after {len(lines) - 1} more commits")
    assert failure["unavailable"] and failure["reason"] == "storage_down", failure
    assert_no_secret(failure["text"] + err, scaleout)
    assert "Traceback" not in err

    ids = check_complete(store)
    assert len(ids) == 2 + len(lines) - 1, (ids, lines)  # "start", "0", and each commit it reported after that
    meta = store.write(small_portfolio(4), author="a", note="etter", base_id=ids[-1])
    assert check_complete(store)[-1] == meta.snapshot_id


# -- 5. wrong credentials ---------------------------------------------------------------------

def test_a_wrong_s3_secret_is_a_clear_error_without_the_secret(scaleout, tmp_path, monkeypatch):
    store = scaleout.store()
    store.write(small_portfolio(2), author="a", note="første")
    changed = changed_workbook(store, tmp_path, "endret.xlsx", "rød")
    before = state(store)
    wrong = f"Feil-hemmelighet-{secrets.token_hex(6)}"

    monkeypatch.setenv("PORTFOLIO_S3_SECRET", wrong)
    other = scaleout.store(tmp_path / "other")  # a new connection, with the wrong secret
    with pytest.raises(STORE_UNAVAILABLE) as denied:
        other.list()
    text = error_text(denied.value)
    print("wrong S3 secret:", text)
    assert reason_of(denied.value) == "storage_denied"
    assert "403" in text
    assert_no_secret(text, scaleout, wrong)

    for args in (("snapshots",), ("import", str(changed), "--author", "Kari", "--note", "Rød")):
        result = scaleout.cli(*args, PORTFOLIO_S3_SECRET=wrong)
        print(args[0], result.stderr)
        assert result.returncode == 2, result.stdout + result.stderr
        assert "Lageret kan ikke nås" in result.stderr and "avviste nøkkelen" in result.stderr
        assert "PORTFOLIO_S3_SECRET" in result.stderr  # says what to check
        assert "Traceback" not in result.stderr
        assert_no_secret(result.stdout + result.stderr, scaleout, wrong)

    # through a secrets file as well
    secrets_file = tmp_path / "secrets.env"
    secrets_file.write_text(f"PORTFOLIO_S3_KEY_ID={scaleout.s3.access_key}\nPORTFOLIO_S3_SECRET={wrong}\n")
    result = scaleout.cli("snapshots", PORTFOLIO_S3_SECRET="", PORTFOLIO_S3_KEY_ID="", PORTFOLIO_SECRETS_FILE=str(secrets_file))
    assert result.returncode == 2 and "avviste nøkkelen" in result.stderr, result.stderr
    assert_no_secret(result.stdout + result.stderr, scaleout, wrong)

    monkeypatch.setenv("PORTFOLIO_S3_SECRET", scaleout.s3.secret_key)
    assert state(store) == before


def test_a_wrong_postgres_password_is_a_clear_error_without_the_password(scaleout, tmp_path, monkeypatch):
    store = scaleout.store()
    store.write(small_portfolio(2), author="a", note="første")
    changed = changed_workbook(store, tmp_path, "endret.xlsx", "rød")
    before = state(store)
    wrong = f"Feil-passord-{secrets.token_hex(6)}"

    monkeypatch.setenv("PGPASSWORD", wrong)
    other = scaleout.store(tmp_path / "other")
    with pytest.raises(lake.LakeUnavailable) as denied:
        other.list()
    text = error_text(denied.value)
    print("wrong PostgreSQL password:", text)
    assert denied.value.reason == "catalog_denied"
    assert f"{scaleout.pg.host}:{scaleout.pg.port}/{scaleout.dbname}" in str(denied.value)
    assert "password authentication failed" in text
    assert_no_secret(text, scaleout, wrong)

    for args in (("snapshots",), ("verify",), ("import", str(changed), "--author", "Kari", "--note", "Rød")):
        result = scaleout.cli(*args, PGPASSWORD=wrong)
        print(args[0], result.stderr)
        assert result.returncode == 2, result.stdout + result.stderr
        assert "Lageret kan ikke nås" in result.stderr and "avviste innloggingen" in result.stderr
        assert "PGPASSWORD" in result.stderr
        assert "Traceback" not in result.stderr
        assert_no_secret(result.stdout + result.stderr, scaleout, wrong)

    # a password in PORTFOLIO_CATALOG is refused before anything is tried, without showing it
    for args in (("snapshots",), ("import", str(changed), "--author", "Kari", "--note", "Rød")):
        result = scaleout.cli(*args, PORTFOLIO_CATALOG=f"{scaleout.catalog} password={wrong}")
        assert result.returncode == 2, result.stdout + result.stderr
        assert "PORTFOLIO_CATALOG skal ikke inneholde passordet" in result.stderr and "PGPASSWORD" in result.stderr
        assert "Traceback" not in result.stderr
        assert_no_secret(result.stdout + result.stderr, scaleout, wrong)

    monkeypatch.setenv("PGPASSWORD", scaleout.pg.password)
    assert state(store) == before


def test_duckdb_errors_are_classified():
    """lake.reason on the texts DuckDB 1.5 gives (seen in the tests above)."""
    assert lake.reason(duckdb.IOException(
        "IO Error: Could not connect to server error for HTTP GET to 'http://127.0.0.1:1/lake/p/x.parquet'")) \
        == "storage_down"
    assert lake.reason(duckdb.HTTPException(
        "HTTP Error: HTTP GET error reading 'http://127.0.0.1:1/x' in region 'us-east-1' (HTTP 403 Forbidden)\n\n"
        "SignatureDoesNotMatch: The request signature we calculated does not match")) == "storage_denied"
    assert lake.reason(duckdb.IOException(
        'IO Error: Failed to attach DuckLake MetaData "__ducklake_metadata_lake" at path + "postgres:dbname=t"'
        'Unable to connect to Postgres at "dbname=t": connection to server at "127.0.0.1", port 1 failed: '
        'FATAL:  password authentication failed for user "lake"')) == "catalog_denied"
    assert lake.reason(duckdb.IOException(
        'IO Error: Unable to connect to Postgres at "dbname=t host=127.0.0.1 port=1": connection to server at '
        '"127.0.0.1", port 1 failed: Connection refused')) == "catalog_down"
    # a file's name is a uuid that may hold "403" or any other word: only the error's own words count
    assert lake.reason(duckdb.IOException(
        "IO Error: Could not connect to server error for HTTP PUT to 'http://127.0.0.1:41067/lake/t/main/"
        "initiatives/ducklake-01a23838-f790-7728-a403-98537a720a9c.parquet'")) == "storage_down"
    assert lake.reason(duckdb.IOException(
        "IO Error: Could not connect to server error for HTTP PUT to 'http://127.0.0.1:1/lake/forbidden-403/"
        "postgres-connection/x.parquet'")) == "storage_down"
