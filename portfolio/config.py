"""Settings, read from the environment. Every setting is documented in the README
(a test checks that)."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent

SETTINGS = {
    "PORTFOLIO_DATA": "Folder holding the snapshots (default: data/ in the project).",
    "PORTFOLIO_TODAY": (
        "Fixed date (YYYY-MM-DD) the app treats as today, for demos and tests; "
        "default: the real date."
    ),
}


def data_dir() -> Path:
    value = os.environ.get("PORTFOLIO_DATA")
    return Path(value).expanduser().resolve() if value else PROJECT_ROOT / "data"


def today() -> dt.date:
    value = os.environ.get("PORTFOLIO_TODAY")
    return dt.date.fromisoformat(value) if value else dt.date.today()
