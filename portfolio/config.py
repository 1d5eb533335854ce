"""Settings, read from the environment. Every setting is documented in the README
(a test checks that)."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent

SETTINGS = {
    "PORTFOLIO_DATA": "Folder holding the snapshots (default: data/ in the project).",
    "PORTFOLIO_CATALOG": (
        "The snapshot store's catalog: unset for the embedded store (a SQLite file under "
        "PORTFOLIO_DATA/lake/), or `postgres:dbname=… host=… port=… user=…` for the scale-out "
        "store shared by several app servers (the password from PGPASSWORD or ~/.pgpass)."
    ),
    "PORTFOLIO_LAKE_DATA": (
        "Where the store's Parquet data files are, with PORTFOLIO_CATALOG: a folder or "
        "`s3://bucket/prefix/` (default: PORTFOLIO_DATA/lake/data/)."
    ),
    "PORTFOLIO_S3_ENDPOINT": "S3 endpoint (host:port) of the data files, for an s3:// PORTFOLIO_LAKE_DATA.",
    "PORTFOLIO_S3_KEY_ID": "S3 access key id (or in PORTFOLIO_SECRETS_FILE).",
    "PORTFOLIO_S3_SECRET": "S3 secret key (or in PORTFOLIO_SECRETS_FILE); never logged or shown.",
    "PORTFOLIO_S3_REGION": "S3 region (default: us-east-1).",
    "PORTFOLIO_S3_URL_STYLE": "`path` (default, SeaweedFS, MinIO) or `vhost`.",
    "PORTFOLIO_S3_USE_SSL": "`true` (default) or `false` for an endpoint without TLS.",
    "PORTFOLIO_SECRETS_FILE": (
        "A file of `NAME=value` lines holding PORTFOLIO_S3_* settings, so that secrets stay out "
        "of the environment and the command line; the environment wins."
    ),
    "PORTFOLIO_PUBLIC_DATA": (
        "Folder written by `python -m portfolio export-public`; when set, the public pages "
        "read that projection instead of the latest snapshot."
    ),
    "PORTFOLIO_ALLOW_NO_LOGIN": (
        "Set to 1 to allow running without login on a non-local address "
        "(refused by default; never do this on a shared network)."
    ),
    "PORTFOLIO_TODAY": (
        "Fixed date (YYYY-MM-DD) the app treats as today, for demos and tests; "
        "default: the real date (on demo data: the latest snapshot's date)."
    ),
    "PORTFOLIO_STALE_DAYS": (
        "Days without a change after which an initiative is flagged as not updated "
        "(default: 60)."
    ),
}


def data_dir() -> Path:
    value = os.environ.get("PORTFOLIO_DATA")
    return Path(value).expanduser().resolve() if value else PROJECT_ROOT / "data"


def catalog() -> str:
    return os.environ.get("PORTFOLIO_CATALOG", "").strip()


def lake_data() -> str:
    return os.environ.get("PORTFOLIO_LAKE_DATA", "").strip()


def s3_settings() -> dict[str, str]:
    """The PORTFOLIO_S3_* settings given: from PORTFOLIO_SECRETS_FILE, then
    the environment (which wins)."""
    names = [name for name in SETTINGS if name.startswith("PORTFOLIO_S3_")]
    values: dict[str, str] = {}
    secrets_file = os.environ.get("PORTFOLIO_SECRETS_FILE")
    if secrets_file:
        for line in Path(secrets_file).expanduser().read_text(encoding="utf-8").splitlines():
            name, sep, value = line.strip().partition("=")
            if sep and name.strip() in names:
                values[name.strip()] = value.strip()
    for name in names:
        if os.environ.get(name):
            values[name] = os.environ[name]
    return values


def public_data_dir() -> Path | None:
    """The exported public projection the public pages read, when set."""
    value = os.environ.get("PORTFOLIO_PUBLIC_DATA")
    return Path(value).expanduser().resolve() if value else None


def fixed_today() -> dt.date | None:
    """PORTFOLIO_TODAY as a date, when it is set."""
    value = os.environ.get("PORTFOLIO_TODAY", "").strip()
    return dt.date.fromisoformat(value) if value else None


def today() -> dt.date:
    """PORTFOLIO_TODAY, else the real date. (On demo data the pages and the
    command line treat the latest snapshot's date as today unless
    PORTFOLIO_TODAY is set: portfolio.query.context.today_for.)"""
    return fixed_today() or dt.date.today()


DEFAULT_STALE_DAYS = 60


def stale_days() -> int:
    """Days without a change before an initiative counts as not updated."""
    value = os.environ.get("PORTFOLIO_STALE_DAYS")
    return int(value) if value else DEFAULT_STALE_DAYS


def allow_no_login() -> bool:
    return os.environ.get("PORTFOLIO_ALLOW_NO_LOGIN", "").strip().lower() in ("1", "true", "yes")


# Limits for uploaded data files (the page and `python -m portfolio import`)
UPLOAD_MAX_BYTES = 20 * 1024 * 1024  # 20 MB per file
# The same limit in MB for Streamlit's uploader (st.file_uploader's
# max_upload_size) and server (server.maxUploadSize in .streamlit/config.toml,
# which tests/test_update_page.py holds to this value)
UPLOAD_MAX_MB = UPLOAD_MAX_BYTES // (1024 * 1024)
UPLOAD_MAX_ROWS = 200_000  # data rows per sheet or CSV file
UPLOAD_MAX_UNPACKED_BYTES = 200 * 1024 * 1024  # an .xlsx is a zip: its unpacked size
# What reading one file may cost, whatever the file claims about itself (a
# sheet's declared size is never trusted): the header's columns per sheet or
# CSV file (the template has at most 27), the cells read (empty cells and rows
# included; the row limit counts only rows with values) and the CPU seconds.
UPLOAD_MAX_COLUMNS = 100
# per file: 200 000 rows in each of the template's eleven sheets (115 columns, a row cell each) fit
UPLOAD_MAX_CELLS = 26_000_000
UPLOAD_MAX_SECONDS = 120.0  # CPU time of the reading thread, per file
