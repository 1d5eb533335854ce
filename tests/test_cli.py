"""`python -m portfolio` as a user runs it: a subprocess, real folders."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from conftest import DEMO_DATA, ROOT, copy_store, lake_file
from portfolio.model import schema
from portfolio.store.snapshots import Store


def cli(*args: str, data=None, module: str = "portfolio") -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    if data is not None:
        env["PORTFOLIO_DATA"] = str(data)
    return subprocess.run([sys.executable, "-m", module, *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=300)


def test_help_lists_the_commands_in_norwegian():
    result = cli("--help")
    assert result.returncode == 0
    for command in ("snapshots", "verify", "diff", "template", "validate", "import", "restore", "export-public",
                    "export", "migrate-store"):
        assert command in result.stdout
    assert "bruk:" in result.stdout


def test_snapshots_json_lists_the_demo_snapshots_oldest_first():
    result = cli("snapshots", "--json", data=DEMO_DATA)
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    assert [r["id"] for r in rows] == [m.snapshot_id for m in Store(DEMO_DATA).list()]
    assert [r["created_at"] for r in rows] == sorted(r["created_at"] for r in rows)
    for row in rows:
        assert {"id", "created_at", "author", "note", "row_counts"} <= row.keys()
        # the first three tables always; a table added later (the register) when it has rows
        assert {"initiatives", "budgets", "milestones"} <= set(row["row_counts"]) <= set(schema.TABLE_NAMES)
    assert set(rows[-1]["row_counts"]) == set(schema.TABLE_NAMES)  # the demo's latest holds every table


def test_portfolio_data_is_honoured(tmp_path):
    result = cli("snapshots", "--json", data=tmp_path / "nothing")
    assert result.returncode == 0 and json.loads(result.stdout) == []
    out = tmp_path / "generated"
    result = cli("--initiatives", "40", "--snapshots", "3", "--seed", "1", data=out, module="tools.generate")
    assert result.returncode == 0, result.stderr
    rows = json.loads(cli("snapshots", "--json", data=out).stdout)
    assert len(rows) == 3
    assert rows[-1]["row_counts"]["initiatives"] == 40


def test_demo_data_refuses_a_folder_that_has_snapshots(tmp_path):
    out = tmp_path / "seed"
    assert cli("--out", str(out), module="tools.demo_data").returncode == 0
    again = cli("--out", str(out), module="tools.demo_data")
    assert again.returncode == 2
    assert "allerede" in again.stderr
    assert len(Store(out).list()) == len(Store(DEMO_DATA).list())


def test_unknown_command_is_a_norwegian_usage_error():
    result = cli("slett-alt")
    assert result.returncode == 2
    assert "ugyldig valg" in result.stderr


def test_importing_the_command_line_does_not_import_streamlit():
    code = "import sys, portfolio.cli, portfolio.cli.update; print('streamlit' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                            env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"


def test_verify_passes_on_intact_snapshots_and_names_a_damaged_one(tmp_path):

    data = tmp_path / "data"
    copy_store(DEMO_DATA, data)
    ok = cli("verify", "--json", data=data)
    assert ok.returncode == 0, ok.stderr
    assert all(r["ok"] for r in json.loads(ok.stdout))
    store = Store(data)
    victim = store.list()[2].snapshot_id
    # A changed value in a snapshot file: readable, but not what was saved
    import pyarrow.parquet as pq

    path = lake_file(store, "budgets", victim)
    table = pq.read_table(path)
    amounts = table.column("budget_nok").to_pylist()
    amounts[0] = (amounts[0] or 0) + 1
    pq.write_table(table.set_column(table.schema.get_field_index("budget_nok"), "budget_nok",
                                    [amounts]), path)
    damaged = cli("verify", data=data)
    assert damaged.returncode == 1
    assert victim in damaged.stderr and "Skadet" in damaged.stderr
    # A truncated file: unreadable, reported, not a traceback
    other = store.list()[3].snapshot_id
    lake_file(store, "initiatives", other).write_bytes(b"PAR1 not really")
    report = json.loads(cli("verify", "--json", data=data).stdout)
    bad = {r["id"] for r in report if not r["ok"]}
    assert bad == {victim, other}
