"""DuckLake on real servers: PostgreSQL as the catalog, SeaweedFS (S3) for the
data files, with DuckDB 1.5.5 and its extensions from the PyPI wheels
(duckdb-extension-ducklake, -postgres, -httpfs). What these tests establish
is what the store can rely on: a commit with a message is seen by another
connection; of two commits that change the same row, one wins and the other
fails with a conflict; a write while the storage is down fails and leaves no
snapshot; wrong credentials fail without showing the secret.

Servers: tests/servers.py (each test gets its own, on free ports).
"""

from __future__ import annotations

import contextlib
import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from servers import PostgresServer, SeaweedServer, postgres_server, seaweedfs_server

pytestmark = pytest.mark.slow

DUCKDB_VERSION = "1.5.5"
EXTENSION_PIP = (f"pip install duckdb=={DUCKDB_VERSION} duckdb-extension-ducklake=={DUCKDB_VERSION} "
                 f"duckdb-extension-postgres=={DUCKDB_VERSION} duckdb-extension-httpfs=={DUCKDB_VERSION}")
# (wheel package, extension file in it, the name DuckDB must load it under: it
# takes the extension's entry point from the file name)
EXTENSIONS = (
    ("duckdb_extension_httpfs", "httpfs", "httpfs"),
    ("duckdb_extension_ducklake", "ducklake", "ducklake"),
    ("duckdb_extension_postgres", "postgres", "postgres_scanner"),
)


# -- fixtures ---------------------------------------------------------------------------------

@pytest.fixture(scope="session")
def extensions(tmp_path_factory) -> list[Path]:
    """The extension files from the wheels, linked under the names DuckDB loads them by."""
    if duckdb.__version__ != DUCKDB_VERSION:
        pytest.fail(f"these tests need DuckDB {DUCKDB_VERSION} (found {duckdb.__version__}): {EXTENSION_PIP}")
    folder = tmp_path_factory.mktemp("duckdb-extensions")
    files = []
    for package, file_name, load_name in EXTENSIONS:
        spec = importlib.util.find_spec(package)
        if spec is None or not spec.submodule_search_locations:
            pytest.fail(f"the DuckDB extension package {package} is not installed: {EXTENSION_PIP}")
        source = Path(next(iter(spec.submodule_search_locations))) / "extensions" / f"v{DUCKDB_VERSION}" / f"{file_name}.duckdb_extension"
        assert source.is_file(), f"{source} is missing: {EXTENSION_PIP}"
        link = folder / f"{load_name}.duckdb_extension"
        link.symlink_to(source)
        files.append(link)
    return files


@pytest.fixture()
def pg(tmp_path) -> PostgresServer:
    with postgres_server(tmp_path) as server:
        yield server


@pytest.fixture()
def s3(tmp_path) -> SeaweedServer:
    with seaweedfs_server(tmp_path) as server:
        yield server


def lake_setup(extensions: list[Path], pg: PostgresServer, s3: SeaweedServer, s3_secret: str | None = None,
               pg_password: str | None = None) -> list[str]:
    """The statements that attach the lake as `lake` in a fresh DuckDB
    connection. Passwords go in secrets, never in the DSN: DuckDB repeats the
    DSN in its error texts. Data inlining is off, so that every insert writes
    a Parquet file to S3 (by default DuckLake keeps small inserts in the catalog)."""
    return [
        *(f"LOAD '{path}'" for path in extensions),
        f"CREATE SECRET (TYPE s3, KEY_ID '{s3.access_key}', SECRET '{s3_secret or s3.secret_key}', "
        f"ENDPOINT '{s3.endpoint}', URL_STYLE 'path', USE_SSL false, REGION '{s3.region}')",
        f"CREATE SECRET (TYPE postgres, HOST '{pg.host}', PORT {pg.port}, DATABASE '{pg.dbname}', USER '{pg.user}', "
        f"PASSWORD '{pg_password or pg.password}')",
        f"ATTACH 'ducklake:postgres:dbname={pg.dbname}' AS lake (DATA_PATH 's3://{s3.bucket}/lake/', DATA_INLINING_ROW_LIMIT 0)",
    ]


@pytest.fixture()
def lake(extensions, pg, s3):
    """A function that opens a new DuckDB connection with the lake attached."""
    connections = []

    def connect(**wrong) -> duckdb.DuckDBPyConnection:
        con = duckdb.connect()
        connections.append(con)
        for statement in lake_setup(extensions, pg, s3, **wrong):
            con.execute(statement)
        return con

    yield connect
    for con in connections:
        con.close()


def commit_with_message(con, author: str, message: str, *statements: str) -> None:
    con.execute("BEGIN")
    try:
        for statement in statements:
            con.execute(statement)
        con.execute("CALL lake.set_commit_message(?, ?)", [author, message])
        con.execute("COMMIT")
    except duckdb.Error:
        with contextlib.suppress(duckdb.Error):
            con.execute("ROLLBACK")
        raise


def snapshot_ids(pg: PostgresServer) -> list[int]:
    """The catalog's snapshots, read from PostgreSQL itself (not through DuckDB)."""
    return [int(line) for line in pg.psql("SELECT snapshot_id FROM ducklake_snapshot ORDER BY 1", dbname=pg.dbname).split()]


# -- tests ------------------------------------------------------------------------------------

def test_a_commit_with_a_message_is_read_from_another_connection(lake, pg, s3):
    writer = lake()
    writer.execute("CREATE TABLE lake.initiatives (initiative_id VARCHAR, name VARCHAR, changed_at TIMESTAMPTZ)")
    commit_with_message(writer, "kari", "Første import",
                        "INSERT INTO lake.initiatives VALUES ('t-1', 'Tiltak én', now()), ('t-2', 'Tiltak to', now())")

    reader = lake()
    rows = reader.sql("SELECT initiative_id, name, changed_at FROM lake.initiatives ORDER BY 1").fetchall()
    assert [row[:2] for row in rows] == [("t-1", "Tiltak én"), ("t-2", "Tiltak to")]
    assert rows[0][2].tzinfo is not None  # a TIMESTAMPTZ comes back aware (DuckDB's Python client needs pytz for it)
    author, message, changes = reader.sql(
        "SELECT author, commit_message, changes FROM lake.snapshots() ORDER BY snapshot_id DESC LIMIT 1").fetchone()
    assert (author, message) == ("kari", "Første import")
    assert "tables_inserted_into" in changes
    # the catalog is in PostgreSQL, the data in the bucket
    assert pg.psql("SELECT author || ': ' || commit_message FROM ducklake_snapshot_changes "
                   "WHERE commit_message IS NOT NULL", dbname=pg.dbname).strip() == "kari: Første import"
    files = [name for (name,) in reader.sql(f"SELECT file FROM glob('s3://{s3.bucket}/lake/**/*.parquet')").fetchall()]
    assert len(files) == 1, files


# A process that updates the only row and commits when told to (a line on stdin)
CONFLICT_WORKER = r"""
import json, sys
import duckdb
setup, name = json.loads(sys.argv[1]), sys.argv[2]
con = duckdb.connect()
for statement in setup:
    con.execute(statement)
con.execute("BEGIN")
con.execute("UPDATE lake.status SET holder = ?", [name])
print("ready", flush=True)
sys.stdin.readline()
try:
    con.execute("CALL lake.set_commit_message(?, 'oppdatering')", [name])
    con.execute("COMMIT")
    print(json.dumps({"name": name, "committed": True}), flush=True)
except duckdb.Error as error:
    print(json.dumps({"name": name, "committed": False, "type": type(error).__name__, "message": str(error)}), flush=True)
"""


def test_two_processes_updating_the_same_row_one_commits_and_one_conflicts(lake, extensions, pg, s3):
    con = lake()
    con.execute("CREATE TABLE lake.status (holder VARCHAR)")
    commit_with_message(con, "oppsett", "én rad", "INSERT INTO lake.status VALUES ('ingen')")
    before = snapshot_ids(pg)
    setup = json.dumps(lake_setup(extensions, pg, s3))
    workers = [subprocess.Popen([sys.executable, "-c", CONFLICT_WORKER, setup, name], stdin=subprocess.PIPE,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for name in ("anne", "bjørn")]
    try:
        # both have updated the row in their own transaction before either commits
        for worker in workers:
            line = worker.stdout.readline()
            assert line.strip() == "ready", (line, worker.stderr.read() if worker.poll() is not None else "")
        for worker in workers:
            worker.stdin.write("commit\n")
            worker.stdin.flush()
        results = []
        for worker in workers:
            out, err = worker.communicate(timeout=120)
            assert worker.returncode == 0, err
            results.append(json.loads(out))
    finally:
        for worker in workers:
            if worker.poll() is None:
                worker.kill()
                worker.wait()

    winners = [r for r in results if r["committed"]]
    losers = [r for r in results if not r["committed"]]
    assert len(winners) == 1 and len(losers) == 1, results
    print("conflict:", losers[0]["type"], repr(losers[0]["message"]))
    assert losers[0]["type"] == "TransactionException"
    assert "Transaction conflict" in losers[0]["message"]
    assert snapshot_ids(pg) == [*before, before[-1] + 1]
    assert lake().sql("SELECT holder FROM lake.status").fetchall() == [(winners[0]["name"],)]


def test_a_write_while_the_storage_is_down_fails_and_leaves_no_snapshot(lake, pg, s3):
    con = lake()
    con.execute("CREATE TABLE lake.initiatives (initiative_id VARCHAR)")
    commit_with_message(con, "kari", "første", "INSERT INTO lake.initiatives VALUES ('t-1')")
    before = snapshot_ids(pg)

    s3.kill()
    with pytest.raises(duckdb.IOException) as down:
        commit_with_message(con, "kari", "andre", "INSERT INTO lake.initiatives VALUES ('t-2')")
    print("storage down:", repr(str(down.value)))
    assert "Could not connect to server" in str(down.value)
    assert s3.secret_key not in str(down.value)
    assert snapshot_ids(pg) == before
    # the catalog alone still answers while the storage is down
    assert lake().sql("SELECT max(snapshot_id) FROM lake.snapshots()").fetchone() == (before[-1],)

    s3.start()  # same data, same port
    assert con.sql("SELECT initiative_id FROM lake.initiatives").fetchall() == [("t-1",)]
    commit_with_message(con, "kari", "andre", "INSERT INTO lake.initiatives VALUES ('t-2')")
    reader = lake()
    assert reader.sql("SELECT initiative_id FROM lake.initiatives ORDER BY 1").fetchall() == [("t-1",), ("t-2",)]
    assert reader.sql("SELECT commit_message FROM lake.snapshots() ORDER BY snapshot_id DESC LIMIT 1").fetchone() == ("andre",)


def test_a_commit_whose_files_are_already_written_succeeds_while_the_storage_is_down(lake, pg, s3):
    """DuckLake writes an insert's Parquet files when the INSERT runs; COMMIT
    writes only to the catalog. So storage going down between the two does
    not stop the commit, and nothing is lost."""
    con = lake()
    con.execute("CREATE TABLE lake.initiatives (initiative_id VARCHAR)")
    con.execute("BEGIN")
    con.execute("INSERT INTO lake.initiatives VALUES ('t-1')")
    s3.kill()
    con.execute("CALL lake.set_commit_message('kari', 'mens lageret er nede')")
    con.execute("COMMIT")
    s3.start()
    assert lake().sql("SELECT initiative_id FROM lake.initiatives").fetchall() == [("t-1",)]


def test_wrong_s3_credentials_fail_without_showing_the_secret(lake, s3):
    con = lake()
    con.execute("CREATE TABLE lake.initiatives (initiative_id VARCHAR)")
    commit_with_message(con, "kari", "første", "INSERT INTO lake.initiatives VALUES ('t-1')")

    wrong_secret = "Feil-hemmelighet-123"
    wrong = lake(s3_secret=wrong_secret)  # attaching touches only the catalog: it works
    with pytest.raises(duckdb.HTTPException) as on_write:
        commit_with_message(wrong, "kari", "andre", "INSERT INTO lake.initiatives VALUES ('t-2')")
    with pytest.raises(duckdb.HTTPException) as on_read:
        wrong.sql("SELECT * FROM lake.initiatives").fetchall()
    for caught in (on_write, on_read):
        text = str(caught.value)
        print("wrong S3 secret:", repr(text))
        assert "403" in text and "SignatureDoesNotMatch" in text
        assert wrong_secret not in text and s3.secret_key not in text and s3.access_key not in text


def test_a_wrong_catalog_password_fails_without_showing_it_when_it_is_in_a_secret(extensions, pg, s3):
    wrong_password = "Feil-passord-123"
    con = duckdb.connect()
    setup = lake_setup(extensions, pg, s3, pg_password=wrong_password)
    for statement in setup[:-1]:
        con.execute(statement)
    with pytest.raises(duckdb.IOException) as caught:
        con.execute(setup[-1])
    print("wrong catalog password:", repr(str(caught.value)))
    assert "password authentication failed" in str(caught.value)
    assert wrong_password not in str(caught.value)


def test_a_password_in_the_dsn_shows_in_the_error_text(extensions, pg, s3):
    """Why passwords go in secrets: DuckDB repeats the DSN in its errors.
    (If this starts failing, DuckDB has stopped doing that.)"""
    con = duckdb.connect()
    for statement in lake_setup(extensions, pg, s3)[:-2]:  # no postgres secret
        con.execute(statement)
    wrong_password = "Feil-passord-456"
    dsn = pg.dsn(with_password=False) + f" password={wrong_password}"
    with pytest.raises(duckdb.IOException) as caught:
        con.execute(f"ATTACH 'ducklake:postgres:{dsn}' AS lake (DATA_PATH 's3://{s3.bucket}/lake/')")
    assert wrong_password in str(caught.value)
