"""Static checks: undefined names, unused imports, syntax errors."""

import subprocess
import sys

from conftest import ROOT


def test_ruff_finds_no_errors():
    result = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "--select", "F,E9", "--quiet",
         "portfolio", "views", "tests", "dashboard.py", "public.py", "bench"],
        cwd=ROOT, capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
