"""Shared fixtures: real Parquet snapshots in temporary folders, never mocks."""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path

import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from portfolio.store.snapshots import Store  # noqa: E402

DEMO_DATA = ROOT / "data"
# A fixed "today" for the demo data: the day after the latest demo snapshot
DEMO_TODAY = dt.date(2026, 11, 23)


def initiative(initiative_id: str, **overrides) -> dict:
    row = dict(
        initiative_id=initiative_id, name=f"Tiltak {initiative_id}", parent_id=None,
        owner_area="Oppvekst", collaborating_areas=[], project_owner="Eier",
        project_leader=None, phase="Gjennomføre", last_decision_point="BP3",
        status_overall="grønn", status_schedule="grønn", status_budget="grønn",
        status_quality="grønn", status_risk="grønn", status_summary=None,
        comment_schedule=None, comment_budget=None, comment_quality=None, comment_risk=None,
        focus_areas=["tjenestene"], target_groups=["Nye innbyggere"], partners=[],
        start_date=dt.date(2024, 1, 1), end_date=dt.date(2027, 12, 31),
        is_public=False, public_summary=None, url=None,
    )
    row.update(overrides)
    return row


def budget(initiative_id: str, year: int = 2026, **overrides) -> dict:
    row = dict(initiative_id=initiative_id, year=year, funding_source="Drift",
               budget_nok=100_000, actual_nok=50_000, forecast_nok=None, note=None)
    row.update(overrides)
    return row


def milestone(milestone_id: str, initiative_id: str, **overrides) -> dict:
    row = dict(milestone_id=milestone_id, initiative_id=initiative_id, title=f"Milepæl {milestone_id}",
               kind="milepæl", decision_point=None, due_date=dt.date(2026, 12, 1),
               completed_date=None, is_public=False, note=None)
    row.update(overrides)
    return row


def tables(initiatives: list[dict], budgets: list[dict] = (), milestones: list[dict] = ()) -> dict:
    from portfolio.model import schema

    def frame(rows, table):
        return pd.DataFrame(list(rows), columns=schema.TABLES[table].column_names)

    return {
        "initiatives": frame(initiatives, "initiatives"),
        "budgets": frame(budgets, "budgets"),
        "milestones": frame(milestones, "milestones"),
    }


def small_portfolio(n: int = 3) -> dict:
    ids = [f"tiltak-{i}" for i in range(n)]
    return tables(
        [initiative(i) for i in ids],
        [budget(i) for i in ids],
        [milestone(f"m-{i}", i) for i in ids],
    )


@pytest.fixture()
def store(tmp_path) -> Store:
    return Store(tmp_path / "data")


@pytest.fixture(scope="session")
def large_data(tmp_path_factory) -> Path:
    """Generated data at a scale that makes slow code show: 3 000 initiatives × 4 snapshots."""
    from tools import generate

    out = tmp_path_factory.mktemp("large") / "data"
    generate.write_generated(out, initiatives=3000, snapshots=4, seed=7)
    return out


def open_app_page(page: str, **params):
    """Run dashboard.py under AppTest on `page` with the given URL parameters."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    at.switch_page(page)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at


@pytest.fixture()
def data_env(monkeypatch):
    """Point the app at a data folder (and a fixed today) for in-process AppTests."""

    def use(path: Path, today: dt.date = DEMO_TODAY) -> None:
        monkeypatch.setenv("PORTFOLIO_DATA", str(path))
        monkeypatch.setenv("PORTFOLIO_TODAY", today.isoformat())

    return use


def pytest_configure(config):
    # AppTest reads .streamlit/config.toml from the working directory
    os.chdir(ROOT)
    os.environ.setdefault("PYTHONPATH", str(ROOT))
