"""`python -m portfolio` as a user runs it: a subprocess, real folders."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from conftest import DEMO_DATA, ROOT
from portfolio.store.snapshots import Store


def cli(*args: str, data=None) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    if data is not None:
        env["PORTFOLIO_DATA"] = str(data)
    return subprocess.run([sys.executable, "-m", "portfolio", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=300)


def test_help_lists_the_commands_in_norwegian():
    result = cli("--help")
    assert result.returncode == 0
    assert "demo-data" in result.stdout and "snapshots" in result.stdout
    assert "bruk:" in result.stdout


def test_snapshots_json_lists_the_demo_snapshots_oldest_first():
    result = cli("snapshots", "--json", data=DEMO_DATA)
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    assert [r["id"] for r in rows] == [m.snapshot_id for m in Store(DEMO_DATA).list()]
    assert [r["created_at"] for r in rows] == sorted(r["created_at"] for r in rows)
    for row in rows:
        assert {"id", "created_at", "author", "note", "row_counts"} <= row.keys()
        assert set(row["row_counts"]) == {"initiatives", "budgets", "milestones"}


def test_portfolio_data_is_honoured(tmp_path):
    result = cli("snapshots", "--json", data=tmp_path / "nothing")
    assert result.returncode == 0 and json.loads(result.stdout) == []
    out = tmp_path / "generated"
    result = cli("demo-data", "--initiatives", "40", "--snapshots", "3", "--seed", "1", data=out)
    assert result.returncode == 0, result.stderr
    rows = json.loads(cli("snapshots", "--json", data=out).stdout)
    assert len(rows) == 3
    assert rows[-1]["row_counts"]["initiatives"] == 40


def test_demo_data_refuses_a_folder_that_has_snapshots(tmp_path):
    out = tmp_path / "seed"
    assert cli("demo-data", "--out", str(out)).returncode == 0
    again = cli("demo-data", "--out", str(out))
    assert again.returncode == 2
    assert "allerede" in again.stderr
    assert len(Store(out).list()) == len(Store(DEMO_DATA).list())


def test_unknown_command_is_a_norwegian_usage_error():
    result = cli("slett-alt")
    assert result.returncode == 2
    assert "ugyldig valg" in result.stderr
