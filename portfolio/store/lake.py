"""Where the snapshots live: a DuckLake (a SQL catalog plus Parquet data files).

Two deployments, one implementation (portfolio.store.snapshots):

- embedded (the default): the catalog is a SQLite file and the data files a
  folder, both under ``<PORTFOLIO_DATA>/lake/``; several local processes (the
  app and the command line) use it at once;
- scale-out: the catalog is a PostgreSQL database (``PORTFOLIO_CATALOG``) and
  the data files lie in S3-compatible object storage (``PORTFOLIO_LAKE_DATA``
  = ``s3://bucket/prefix/``), so two or more app servers share one store.

DuckDB's extensions come from their pip wheels (``duckdb-extension-*``,
pinned with duckdb in requirements.txt), loaded from site-packages; where a
wheel is missing, DuckDB's own ``INSTALL`` is tried. The lake is attached once
per process (several connections to one SQLite catalog in one process lock
each other out): `connection()` keeps one DuckDB connection per lake and
every caller works on its own cursor.
"""

from __future__ import annotations

import contextlib
import dataclasses
import importlib.util
import os
import re
import sqlite3
import tempfile
import threading
from pathlib import Path

import duckdb

from portfolio import config

ALIAS = "lake"  # the attached lake's name in SQL
METADATA = f"__ducklake_metadata_{ALIAS}"  # DuckLake's own catalog tables
LAKE_DIR = "lake"
CATALOG_FILE = "catalog.sqlite"
DATA_DIR = "data"
# DuckDB extension name -> the pip wheel that carries it (module, file stem).
# The file must be loaded under the extension's entry-point name.
WHEELS = {
    "ducklake": ("duckdb_extension_ducklake", "ducklake"),
    "sqlite_scanner": ("duckdb_extension_sqlite", "sqlite"),
    "postgres_scanner": ("duckdb_extension_postgres", "postgres"),
    "httpfs": ("duckdb_extension_httpfs", "httpfs"),
}


class LakeUnavailable(RuntimeError):
    """The catalog or the data files cannot be reached (the message names
    where, never a secret). `reason` says what went wrong, for a message in
    the user's words (one of REASONS); `__cause__` is DuckDB's own text with
    any secret masked."""

    def __init__(self, where: str, reason: str = "other"):
        super().__init__(where)
        self.where = where
        self.reason = reason


class SettingRefused(ValueError):
    """PORTFOLIO_CATALOG is not usable as given; `problem` says why
    ("catalog_scheme" or "catalog_password"). The message never repeats the value."""

    def __init__(self, problem: str, message: str):
        super().__init__(message)
        self.problem = problem


# Why a lake cannot be used: catalog (PostgreSQL) or data files (S3) down, or
# their credentials refused; "other" for anything else DuckDB reports as I/O.
REASONS = ("catalog_down", "catalog_denied", "storage_down", "storage_denied", "other")
# DuckDB's errors that mean the catalog or the data files did not answer as
# they should (as opposed to a conflict or a bug): raised by a query in the
# middle of a read or a commit, they are reported as LakeUnavailable.
UNAVAILABLE = (duckdb.IOException, duckdb.HTTPException)


@dataclasses.dataclass(frozen=True)
class Location:
    """One lake: its catalog and where its data files are."""

    catalog: str  # "sqlite:/path/catalog.sqlite" or "postgres:dbname=... host=..."
    data_path: str  # a folder ending in "/" or "s3://bucket/prefix/"
    root: Path  # the local folder of this store (audit log, a legacy snapshot folder)

    @property
    def is_embedded(self) -> bool:
        return self.catalog.startswith("sqlite:")

    @property
    def catalog_file(self) -> Path | None:
        return Path(self.catalog.removeprefix("sqlite:")) if self.is_embedded else None

    def describe(self) -> str:
        """Where the lake is, for messages: without user names or passwords."""
        if self.is_embedded:
            return str(self.root)
        parts = dict(p.split("=", 1) for p in self.catalog.removeprefix("postgres:").split() if "=" in p)
        where = f"postgres {parts.get('host', 'localhost')}:{parts.get('port', '5432')}/{parts.get('dbname', '')}"
        return f"{where}, {self.data_path}"


def embedded(root: Path | str) -> Location:
    """The embedded lake of a store folder, whatever the settings say."""
    root = Path(root)
    lake = root / LAKE_DIR
    return Location(f"sqlite:{lake / CATALOG_FILE}", f"{lake / DATA_DIR}/", root)


def location(root: Path | str, catalog: str | None = None, data_path: str | None = None) -> Location:
    """The lake of a store folder: embedded under `root` unless a catalog
    (PORTFOLIO_CATALOG) and data path (PORTFOLIO_LAKE_DATA) say otherwise."""
    root = Path(root)
    catalog = catalog or config.catalog()
    data_path = data_path or config.lake_data()
    if not catalog:
        return embedded(root)
    if not catalog.startswith(("postgres:", "sqlite:")):
        raise SettingRefused("catalog_scheme", "PORTFOLIO_CATALOG must start with postgres: or sqlite:")
    if "password=" in catalog.replace(" ", "").lower():
        # DuckDB repeats the connection string in its errors: a password there would be shown
        raise SettingRefused("catalog_password", "PORTFOLIO_CATALOG must not hold a password: use PGPASSWORD or ~/.pgpass")
    if not data_path:
        data_path = f"{root / LAKE_DIR / DATA_DIR}/"
    return Location(catalog, data_path if data_path.endswith("/") else data_path + "/", root)


# -- extensions ----------------------------------------------------------------

def _wheel_file(extension: str) -> Path | None:
    module, stem = WHEELS[extension]
    spec = importlib.util.find_spec(module)
    if spec is None or not spec.submodule_search_locations:
        return None
    folder = Path(next(iter(spec.submodule_search_locations))) / "extensions" / f"v{duckdb.__version__}"
    path = folder / f"{stem}.duckdb_extension"
    return path if path.exists() else None


def _named_link(extension: str, source: Path) -> Path:
    """DuckDB takes the entry point from the file name: a link named for the
    extension (the sqlite wheel's file is sqlite.duckdb_extension, its entry
    point sqlite_scanner)."""
    if source.stem == extension:
        return source
    folder = Path(tempfile.gettempdir()) / f"portfolio-duckdb-{os.getuid()}-v{duckdb.__version__}"
    folder.mkdir(parents=True, exist_ok=True)
    link = folder / f"{extension}.duckdb_extension"
    if not link.exists() or link.resolve() != source.resolve():
        tmp = folder / f".{extension}.{os.getpid()}.{threading.get_ident()}"
        tmp.unlink(missing_ok=True)
        tmp.symlink_to(source)
        os.replace(tmp, link)  # atomic: another process may do the same
    return link


# Extension files whose signature DuckDB has checked in this process, with
# their size and modification time then. DuckDB checks an extension's
# signature on every load by hashing the whole file (30-40 MB each: most of
# the cost of opening a lake); a process that opens several lakes (the tests,
# `migrate-store`) checks each file once and loads it unchecked afterwards,
# as long as the file is the one it checked.
_verified: dict[Path, tuple[int, int]] = {}


def _file_stamp(path: Path) -> tuple[int, int]:
    stat = path.resolve().stat()
    return stat.st_size, stat.st_mtime_ns


def _verified_already(extensions: tuple[str, ...]) -> bool:
    """True when every extension's wheel file has had its signature checked in
    this process and is unchanged since."""
    for extension in extensions:
        source = _wheel_file(extension)
        if source is None or _verified.get(source) != _file_stamp(source):
            return False
    return True


# One thread per query. DuckDB 1.5.5 (pinned: the duckdb-extension-* wheels
# exist for it only) has a race in parallel window functions that now and then
# ends a query with "INTERNAL Error: Attempted to access index ... within
# vector" and then refuses every query on the connection ("database has been
# invalidated") until the process restarts (duckdb/duckdb#25713; with one
# thread it never happens). The app's sessions still run their queries side
# by side: each session's script thread executes its own query.
QUERY_THREADS = 1


def new_connection(extensions: tuple[str, ...]) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB connection with `extensions` loaded (from their
    wheels; signatures checked on the first load in this process)."""
    checked = _verified_already(extensions)
    settings = {"threads": QUERY_THREADS}
    if checked:
        settings["allow_unsigned_extensions"] = "true"
    con = duckdb.connect(":memory:", config=settings)
    try:
        for extension in extensions:
            load_extension(con, extension)
    except BaseException:
        con.close()
        raise
    return con


def load_extension(con: duckdb.DuckDBPyConnection, extension: str) -> None:
    """Load a DuckDB extension from its pip wheel, else from DuckDB's repository."""
    source = _wheel_file(extension)
    if source is not None:
        stamp = _file_stamp(source)
        con.execute(f"load '{_named_link(extension, source)}'")  # a path we built, not a value from outside
        if not _unsigned_allowed(con):
            _verified[source] = stamp  # DuckDB checked its signature
        return
    con.execute(f"install {extension}")
    con.execute(f"load {extension}")


def _unsigned_allowed(con: duckdb.DuckDBPyConnection) -> bool:
    return bool(con.execute("select current_setting('allow_unsigned_extensions')").fetchone()[0])


# -- secrets -------------------------------------------------------------------

S3_PARAMETERS = {  # setting -> DuckDB S3 secret parameter
    "PORTFOLIO_S3_ENDPOINT": "endpoint",
    "PORTFOLIO_S3_KEY_ID": "key_id",
    "PORTFOLIO_S3_SECRET": "secret",
    "PORTFOLIO_S3_REGION": "region",
    "PORTFOLIO_S3_URL_STYLE": "url_style",
    "PORTFOLIO_S3_USE_SSL": "use_ssl",
}


def s3_settings() -> dict[str, str]:
    """The S3 secret's parameters (config.s3_settings: environment or secrets file)."""
    return {S3_PARAMETERS[name]: value for name, value in config.s3_settings().items()}


def _create_s3_secret(con: duckdb.DuckDBPyConnection) -> None:
    settings = s3_settings()
    settings.setdefault("region", "us-east-1")
    settings.setdefault("url_style", "path")
    # values bound as parameters are not allowed in CREATE SECRET: quote them as SQL strings
    body = ", ".join(
        f"{key} {_sql_literal(value, boolean=key == 'use_ssl')}" for key, value in sorted(settings.items())
    )
    con.execute(f"create or replace temporary secret portfolio_s3 (type s3, {body})")


def _sql_literal(value: str, boolean: bool = False) -> str:
    if boolean:
        return "true" if value.strip().lower() in ("1", "true", "yes") else "false"
    return "'" + value.replace("'", "''") + "'"


# -- the connection ------------------------------------------------------------

_connections: dict[Location, duckdb.DuckDBPyConnection] = {}
_done: dict[Location, set[str]] = {}  # setups run on each connection (see `once`)
_lock = threading.RLock()


def _attach(place: Location) -> duckdb.DuckDBPyConnection:
    extensions = ("ducklake", "sqlite_scanner" if place.is_embedded else "postgres_scanner")
    if place.data_path.startswith("s3://"):
        extensions += ("httpfs",)
    con = new_connection(extensions)
    if place.is_embedded:
        _create_catalog_file(place.catalog_file)
        Path(place.data_path).mkdir(parents=True, exist_ok=True)
    if place.data_path.startswith("s3://"):
        _create_s3_secret(con)
    options = f"data_path {_sql_literal(place.data_path)}"
    if place.is_embedded:
        options += ", override_data_path true"  # a copied store folder reads its own files
    try:
        con.execute(f"attach {_sql_literal('ducklake:' + place.catalog)} as {ALIAS} ({options})")
    except duckdb.Error as err:
        con.close()
        raise unavailable(place, err)  # noqa: B904 - the cause is set: DuckDB's text without secrets
    return con


def _create_catalog_file(path: Path) -> None:
    """A new SQLite catalog in write-ahead-log mode, so that readers (the app's
    sessions) never wait for a commit and a commit never waits for readers.
    The caller holds the store's init lock (portfolio.store.snapshots)."""
    if path.exists():
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    db = sqlite3.connect(path)
    try:
        db.execute("pragma journal_mode = wal")
    finally:
        db.close()


def _without_secrets(err: Exception) -> Exception:
    """DuckDB's error as a plain RuntimeError, with the S3 key and secret and
    the catalog's password masked wherever they appear in its text."""
    text = str(err)
    settings = s3_settings()
    secrets = [settings.get("secret", ""), settings.get("key_id", ""), os.environ.get("PGPASSWORD", "")]
    secrets += [part.removeprefix("password=") for part in config.catalog().split() if part.startswith("password=")]
    for secret in sorted(secrets, key=len, reverse=True):
        if len(secret) > 3:
            text = text.replace(secret, "***")
    return RuntimeError(text)


_URL = re.compile(r"\b(?:https?|s3)://[^\s'\"]+")  # file addresses; the catalog's name stays


def reason(err: BaseException) -> str:
    """What DuckDB's error says went wrong, as one of REASONS (from its text:
    DuckDB has no finer error classes for this)."""
    text = _URL.sub("<url>", str(err).lower())  # a file's name may hold "403" (a uuid) or "postgres"
    catalog = "postgres" in text or "ducklake metadata" in text
    if "password authentication failed" in text or ("authentication" in text and catalog):
        return "catalog_denied"
    if catalog and ("unable to connect" in text or "connection" in text):
        return "catalog_down"
    denied = ("forbidden", "signaturedoesnotmatch", "accessdenied", "invalidaccesskeyid")
    if re.search(r"\b403\b", text) or any(word in text for word in denied):
        return "storage_denied"
    if "could not connect" in text or "connection refused" in text or "timed out" in text:
        return "storage_down"
    return "other"


def unavailable(place: Location, err: BaseException) -> LakeUnavailable:
    """LakeUnavailable for DuckDB's error `err` on the lake `place`: where,
    why (`reason`), and DuckDB's text without secrets as its cause (set
    here, which also keeps the raw error out of a traceback). Raise it as it
    is: `raise lake.unavailable(place, err)`, not `from` anything."""
    error = LakeUnavailable(place.describe(), reason(err))
    error.__cause__ = _without_secrets(err)  # also hides the raw error (__suppress_context__)
    return error


@contextlib.contextmanager
def reaching(place: Location):
    """A block of queries on the lake: DuckDB's UNAVAILABLE errors in it come
    out as LakeUnavailable (where, why, no secrets); other errors as they are."""
    try:
        yield
    except UNAVAILABLE as err:
        raise unavailable(place, err)  # noqa: B904 - the cause is set: DuckDB's text without secrets


@contextlib.contextmanager
def transaction(cur: duckdb.DuckDBPyConnection, *, only_reads: bool = False):
    """One transaction on `cur` for the block: committed when it ends, rolled
    back when it raises (the block's error comes out, not the rollback's), or
    always rolled back when it `only_reads` (a snapshot of the lake read as
    one; nothing to keep)."""
    cur.execute("begin")
    try:
        yield cur
    except BaseException:
        with contextlib.suppress(duckdb.Error):
            cur.execute("rollback")
        raise
    if only_reads:
        with contextlib.suppress(duckdb.Error):
            cur.execute("rollback")
    else:
        cur.execute("commit")


def connection(place: Location) -> duckdb.DuckDBPyConnection:
    """The process's DuckDB connection with the lake attached (made once).
    Callers work on `connection(place).cursor()`, one per thread."""
    con = _connections.get(place)
    if con is not None:
        return con
    with _lock:
        con = _connections.get(place)
        if con is None:
            con = _connections[place] = _attach(place)
        return con


def is_done(place: Location, key: str) -> bool:
    return key in _done.get(place, ())


def once(place: Location, key: str, setup) -> None:
    """Run `setup(connection)` once per connection to the lake (for example
    the query layer's macros, which live in the connection's own memory)."""
    if key in _done.get(place, ()):
        return
    with _lock:
        done = _done.setdefault(place, set())
        if key not in done:
            setup(connection(place))
            done.add(key)


def forget(place: Location) -> None:
    """Close the process's connection to a lake (tests that stop a server)."""
    with _lock:
        _done.pop(place, None)
        con = _connections.pop(place, None)
    if con is not None:
        con.close()
