"""Two app servers on one scale-out store (PostgreSQL catalog, SeaweedFS S3
data files, both real servers started here): a snapshot saved through
server A is shown by server B on its next page load, and a save on a base
that B had but A has moved on from is refused as a conflict."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from conftest import DEMO_DATA, ROOT
from servers import postgres_server, seaweedfs_server
from test_update_page import P, T, badfiles

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def scale_out_env(pg, s3) -> dict[str, str]:
    return {
        "PORTFOLIO_CATALOG": f"postgres:{pg.dsn(with_password=False)}",
        "PGPASSWORD": pg.password,
        "PORTFOLIO_LAKE_DATA": f"s3://{s3.bucket}/portfolio/",
        "PORTFOLIO_S3_ENDPOINT": s3.endpoint,
        "PORTFOLIO_S3_KEY_ID": s3.access_key,
        "PORTFOLIO_S3_SECRET": s3.secret_key,
        "PORTFOLIO_S3_USE_SSL": "false",
    }


def portfolio(*args: str, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "portfolio", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=300, env={**os.environ, "PYTHONPATH": str(ROOT), **env})


def test_an_edit_on_server_a_appears_on_server_b(tmp_path):
    from browser import ARTIFACTS, chromium, streamlit_server, wait_until_idle

    with postgres_server(tmp_path / "pg") as pg, seaweedfs_server(tmp_path / "s3") as s3:
        env = scale_out_env(pg, s3)
        moved = portfolio("migrate-store", str(DEMO_DATA), str(tmp_path / "a"), env=env)
        assert moved.returncode == 0, moved.stderr
        template = tmp_path / "mal.xlsx"
        made = portfolio("template", str(template), env={**env, "PORTFOLIO_DATA": str(tmp_path / "a")})
        assert made.returncode == 0, made.stderr
        edited = tmp_path / "endret.xlsx"
        edited.write_bytes(badfiles.edit_template(template.read_bytes(),
                                                  badfiles.set_cell("initiatives", 2, "status_overall", "rød")))
        with streamlit_server("dashboard.py", tmp_path / "a", today="2026-11-23", env_extra=env) as url_a, \
                streamlit_server("dashboard.py", tmp_path / "b", today="2026-11-23", env_extra=env) as url_b, \
                chromium(viewport=(1400, 1800)) as page:
            page.goto(f"{url_b}/history")
            wait_until_idle(page)
            assert page.get_by_text("Fra server A").count() == 0
            # on B, a change prepared on the same base, saved only after A has saved
            on_b = page.context.new_page()
            prepare(on_b, f"{url_b}/update", edited, "Fra server B")

            prepare(page, f"{url_a}/update", edited, "Fra server A")
            page.get_by_role("button", name=P["commit"], disabled=False).click()
            page.get_by_text("Lagret nytt øyeblikksbilde", exact=False).wait_for(timeout=60_000)

            page.goto(f"{url_b}/history")
            wait_until_idle(page)
            # the history table is a canvas grid: its cells are in the DOM for screen readers, not "visible"
            page.get_by_text("Fra server A").first.wait_for(state="attached", timeout=30_000)
            page.screenshot(path=str(ARTIFACTS / "replica-b-history.png"), full_page=True)

            on_b.get_by_role("button", name=P["commit"], disabled=False).click()
            on_b.get_by_text("Konflikt", exact=False).first.wait_for(timeout=60_000)
            on_b.screenshot(path=str(ARTIFACTS / "replica-b-conflict.png"), full_page=True)
        listed = portfolio("snapshots", "--json", env={**env, "PORTFOLIO_DATA": str(tmp_path / "b")})
        assert listed.returncode == 0, listed.stderr
        notes = [row["note"] for row in json.loads(listed.stdout)]
        assert notes[-1] == "Fra server A" and "Fra server B" not in notes


def prepare(page, url: str, workbook, note: str) -> None:
    """Upload the workbook on the update page and fill in author and note, up to the save button."""
    from browser import upload_files, wait_until_idle

    page.goto(url)
    wait_until_idle(page)
    assert page.locator("h1", has_text=T.PAGE_TITLE).count() == 1
    upload_files(page, str(workbook))
    page.get_by_text("Statusendring: 1").wait_for(timeout=60_000)
    wait_until_idle(page, ready="h1")
    page.get_by_role("textbox", name=P["author"], exact=True).fill("Kari Nordmann")
    page.get_by_role("textbox", name=P["author"], exact=True).press("Tab")
    page.get_by_role("textbox", name=P["note"], exact=True).fill(note)
    page.get_by_role("textbox", name=P["note"], exact=True).press("Tab")
    wait_until_idle(page, ready="h1")
