"""Static checks: the whole tree is clean under the ruff configuration in
pyproject.toml (E, F, W, I, B, UP, SIM, RUF, TID — including the rule that
keeps `import streamlit` in the web layer and the pages)."""

import subprocess
import sys

from conftest import ROOT


def test_ruff_finds_nothing():
    result = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "--quiet", "--no-cache", "."],
        cwd=ROOT, capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_refuses_streamlit_outside_the_web_layer(tmp_path):
    probe = tmp_path / "model_module.py"  # outside the web layer's per-file ignores
    probe.write_text("import streamlit\n")
    result = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "--no-cache", "--config", str(ROOT / "pyproject.toml"),
         "--select", "TID251", str(probe)],
        cwd=tmp_path, capture_output=True, text=True,
    )
    assert result.returncode == 1 and "TID251" in result.stdout, result.stdout + result.stderr
